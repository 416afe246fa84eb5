/* iot-pubsub-payload.c — a published item's payload decoded for people:
 * sensor data, Atom, text, anything else as indented XML; and its summary
 * line. SOX lives in iot-pubsub-payload-sox.c. See iot-pubsub-payload.h. */
#include "iot-pubsub-payload.h"

#include "iot-format.h"
#include "iot-limits.h"
#include "iot-pubsub-private.h"
#include "iot-sensordata.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

/* Nesting shown of an XML payload; deeper elements are left out. */
#define XML_MAX_DEPTH 32

void
iot_payload_free(IotPayload *p)
{
	if (p == NULL)
		return;
	iot_readout_free(p->readout);
	g_free(p->title);
	g_free(p->summary);
	g_free(p->published);
	g_free(p->link);
	g_free(p->text);
	g_free(p->note);
	g_free(p);
}

void
iot_pubsub_payload_note(IotPayload *p, const char *fmt, ...)
{
	va_list ap;

	if (p->note != NULL)
		return;
	va_start(ap, fmt);
	p->note = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

/* --- XML, indented ---------------------------------------------------------- */

typedef struct {
	GString *out;
	gsize max;
	gboolean cut;
} Dump;

static void
put(Dump *d, const char *s)
{
	if (d->cut)
		return;
	g_string_append(d->out, s);
	if (d->out->len > d->max)
		d->cut = TRUE;
}

static void
put_escaped(Dump *d, const char *s)
{
	char *e;

	if (d->cut || s == NULL)
		return;
	/* Bounded before escaping: escaping at most sextuples. */
	if (strlen(s) > d->max) {
		char *part = iot_pubsub_text(s, d->max);

		e = g_markup_escape_text(part, -1);
		g_free(part);
		d->cut = TRUE;
		g_string_append(d->out, e);
		g_free(e);
		return;
	}
	e = g_markup_escape_text(s, -1);
	put(d, e);
	g_free(e);
}

static void
put_name(Dump *d, const xmlChar *name, const xmlNs *ns)
{
	if (ns != NULL && ns->prefix != NULL) {
		put(d, (const char *)ns->prefix);
		put(d, ":");
	}
	put(d, (const char *)name);
}

static void
indent(Dump *d, guint depth)
{
	guint i;

	put(d, "\n");
	for (i = 0; i < depth && !d->cut; i++)
		put(d, "  ");
}

/* TRUE when @s holds only white space. */
static gboolean
blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!g_ascii_isspace(*s))
			return FALSE;
	return TRUE;
}

static void
dump_element(Dump *d, const xmlNode *el, guint depth, gboolean top)
{
	const xmlAttr *a;
	const xmlNs *ns;
	const xmlNode *c;
	gboolean has_elements = FALSE, wrote_child = FALSE;
	guint text_children = 0;

	if (depth > 0 || !top)
		indent(d, depth);
	put(d, "<");
	put_name(d, el->name, el->ns);
	/* The payload is a detached copy: its namespace is declared on it. */
	for (ns = el->nsDef; ns != NULL && !d->cut; ns = ns->next) {
		put(d, ns->prefix ? " xmlns:" : " xmlns");
		if (ns->prefix != NULL)
			put(d, (const char *)ns->prefix);
		put(d, "=\"");
		put_escaped(d, (const char *)ns->href);
		put(d, "\"");
	}
	if (top && el->nsDef == NULL && el->ns != NULL && el->ns->href != NULL) {
		put(d, el->ns->prefix ? " xmlns:" : " xmlns");
		if (el->ns->prefix != NULL)
			put(d, (const char *)el->ns->prefix);
		put(d, "=\"");
		put_escaped(d, (const char *)el->ns->href);
		put(d, "\"");
	}
	for (a = el->properties; a != NULL && !d->cut; a = a->next) {
		put(d, " ");
		put_name(d, a->name, a->ns);
		put(d, "=\"");
		if (a->children != NULL && a->children->type == XML_TEXT_NODE)
			put_escaped(d, (const char *)a->children->content);
		put(d, "\"");
	}
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			has_elements = TRUE;
		else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		         !blank((const char *)c->content))
			text_children++;
	}
	if (!has_elements && text_children == 0) {
		put(d, "/>");
		return;
	}
	put(d, ">");
	if (depth + 1 >= XML_MAX_DEPTH && has_elements) {
		indent(d, depth + 1);
		put(d, "…");
		d->cut = TRUE;
		return;
	}
	for (c = el->children; c != NULL && !d->cut; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			dump_element(d, c, depth + 1, FALSE);
			wrote_child = TRUE;
		} else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		           !blank((const char *)c->content)) {
			char *t = g_strdup((const char *)c->content);

			if (has_elements)
				indent(d, depth + 1);
			put_escaped(d, has_elements ? g_strstrip(t) : t);
			g_free(t);
			wrote_child = has_elements;
		}
	}
	if (wrote_child)
		indent(d, depth);
	put(d, "</");
	put_name(d, el->name, el->ns);
	put(d, ">");
}

char *
iot_pubsub_xml_indented(const xmlNode *el, gsize max, gboolean *cut)
{
	Dump d = { g_string_new(NULL), max, FALSE };
	char *out;

	if (el != NULL && el->type == XML_ELEMENT_NODE)
		dump_element(&d, el, 0, TRUE);
	if (d.cut) {
		out = iot_pubsub_text(d.out->str, max > 4 ? max - 4 : max);
		g_string_free(d.out, TRUE);
		d.out = g_string_new(out);
		g_free(out);
		g_string_append(d.out, "\n…");
	}
	if (cut != NULL)
		*cut = d.cut;
	return g_string_free(d.out, FALSE);
}

/* --- the kinds ----------------------------------------------------------------- */

static void
decode_xml(IotPayload *p, const xmlNode *el)
{
	gboolean cut = FALSE;

	p->kind = IOT_PAYLOAD_XML;
	p->text = iot_pubsub_xml_indented(el, IOT_PUBSUB_MAX_PAYLOAD_BYTES, &cut);
	if (cut)
		iot_pubsub_payload_note(p, _("The payload is too long or too deeply nested to show all of it."));
}

/* Text of @el, bounded, trimmed; NULL when empty. */
static char *
text_of(const xmlNode *el, gsize max, gboolean *cut)
{
	char *t = iot_xml_text(el, max + 8, NULL), *out;

	if (t == NULL)
		return NULL;
	g_strstrip(t);
	if (*t == '\0') {
		g_free(t);
		return NULL;
	}
	if (cut != NULL && strlen(t) > max)
		*cut = TRUE;
	out = iot_pubsub_text(t, max);
	g_free(t);
	return out;
}

static gboolean
decode_sensordata(IotPayload *p, const xmlNode *el, gint64 time)
{
	IotSdMessage msg = { 0 };
	GError *error = NULL;
	IotReadout *r = iot_readout_new();
	guint i;

	if (!iot_sd_parse(el, &msg, r, &error)) {
		g_clear_error(&error);
		iot_readout_free(r);
		return FALSE;
	}
	if (msg.kind != IOT_SD_FIELDS && msg.kind != IOT_SD_FAILURE) {
		iot_sd_message_clear(&msg);
		iot_readout_free(r);
		return FALSE;
	}
	iot_sd_message_clear(&msg);
	for (i = 0; i < r->fields->len; i++) {
		IotField *f = g_ptr_array_index(r->fields, i);

		if (f->timestamp == IOT_TIME_UNKNOWN)
			f->timestamp = time;
	}
	p->kind = IOT_PAYLOAD_SENSORDATA;
	p->readout = r;
	if (r->fields->len == 0 && r->failures->len == 0)
		iot_pubsub_payload_note(p, _("The sensor data holds no values."));
	return TRUE;
}

/* rel absent means alternate (RFC 4287 §4.2.7.2). */
static gboolean
is_alternate(const xmlNode *link)
{
	const char *rel = iot_xml_attr(link, "rel");

	return rel == NULL || strcmp(rel, "alternate") == 0;
}

static void
decode_atom(IotPayload *p, const xmlNode *entry)
{
	const xmlNode *c, *link = NULL;
	gboolean cut = FALSE;

	p->kind = IOT_PAYLOAD_ATOM;
	for (c = iot_xml_first(entry); c != NULL; c = iot_xml_next(c)) {
		if (g_strcmp0(iot_xml_ns(c), IOT_NS_ATOM) != 0)
			continue;
		if (iot_xml_is(c, "title", NULL) && p->title == NULL)
			p->title = text_of(c, IOT_PUBSUB_MAX_TEXT_BYTES, &cut);
		else if (iot_xml_is(c, "summary", NULL) && p->summary == NULL)
			p->summary = text_of(c, IOT_PUBSUB_MAX_TEXT_BYTES, &cut);
		else if (iot_xml_is(c, "published", NULL))
			g_free(p->published), p->published = text_of(c, 64, &cut);
		else if (iot_xml_is(c, "updated", NULL) && p->published == NULL)
			p->published = text_of(c, 64, &cut);
		else if (iot_xml_is(c, "link", NULL) && (link == NULL || !is_alternate(link)) &&
		         (link == NULL || is_alternate(c)))
			link = c;
	}
	/* No summary: the content stands in for it. */
	if (p->summary == NULL)
		p->summary = text_of(iot_xml_child(entry, "content", IOT_NS_ATOM), IOT_PUBSUB_MAX_TEXT_BYTES, &cut);
	if (link != NULL)
		p->link = iot_pubsub_text(iot_xml_attr(link, "href"), IOT_PUBSUB_MAX_TEXT_BYTES);
	if (cut)
		iot_pubsub_payload_note(p, _("Parts of the entry were too long and are cut."));
}

/* A payload of text: an element with text and nothing else in it. */
static gboolean
is_text(const xmlNode *el)
{
	const xmlNode *c;
	gboolean text = FALSE;

	if (el->properties != NULL)
		return FALSE;
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return FALSE;
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !blank((const char *)c->content))
			text = TRUE;
	}
	return text;
}

IotPayload *
iot_payload_decode(const xmlNode *payload, gint64 time, IotSoxMeta *meta)
{
	IotPayload *p = g_new0(IotPayload, 1);

	if (payload == NULL || payload->type != XML_ELEMENT_NODE) {
		p->kind = IOT_PAYLOAD_NONE;
		return p;
	}
	if (iot_pubsub_tree_exceeds(payload, IOT_PUBSUB_MAX_PAYLOAD_BYTES)) {
		p->kind = IOT_PAYLOAD_NONE;
		iot_pubsub_payload_note(p, _("The payload is larger than %u KB and is not shown."),
		                        (guint)(IOT_PUBSUB_MAX_PAYLOAD_BYTES / 1024));
		return p;
	}
	if (iot_sd_is_payload(payload)) {
		if (decode_sensordata(p, payload, time))
			return p;
		decode_xml(p, payload);
		g_clear_pointer(&p->note, g_free);
		iot_pubsub_payload_note(p, _("The sensor data could not be read; it is shown as it came."));
		return p;
	}
	if (g_strcmp0(iot_xml_ns(payload), IOT_NS_SOX) == 0 &&
	    (iot_xml_is(payload, "data", NULL) || iot_xml_is(payload, "device", NULL))) {
		iot_pubsub_payload_sox(p, payload, time, meta);
		return p;
	}
	if (iot_xml_is(payload, "entry", IOT_NS_ATOM)) {
		decode_atom(p, payload);
		return p;
	}
	if (is_text(payload)) {
		gboolean cut = FALSE;

		p->kind = IOT_PAYLOAD_TEXT;
		p->text = text_of(payload, IOT_PUBSUB_MAX_PAYLOAD_BYTES, &cut);
		if (cut)
			iot_pubsub_payload_note(p, _("The text is too long; only its start is shown."));
		return p;
	}
	decode_xml(p, payload);
	return p;
}

/* --- one line ---------------------------------------------------------------------- */

static void
add_field_words(GString *line, const IotField *f, gint64 now)
{
	char *v = iot_format_value(f, now), *name = iot_format_clean(f->name, 64);

	if (line->len > 0)
		g_string_append(line, ", ");
	if (f->type == IOT_VALUE_NUMERIC || f->type == IOT_VALUE_INT || f->type == IOT_VALUE_LONG)
		g_string_append_printf(line, "%s %s", v, name);
	else
		g_string_append_printf(line, "%s: %s", name, v);
	g_free(v);
	g_free(name);
}

char *
iot_payload_summary(const IotPayload *p, guint max_chars)
{
	GString *line = g_string_new(NULL);
	char *clean, *out;
	glong n;

	if (p == NULL) {
		g_string_free(line, TRUE);
		return g_strdup("");
	}
	switch (p->kind) {
	case IOT_PAYLOAD_SENSORDATA:
	case IOT_PAYLOAD_SOX_DATA:
	case IOT_PAYLOAD_SOX_META:
		if (p->readout != NULL) {
			gint64 now = g_get_real_time();
			guint i;

			/* Enough fields to fill the line, never all of a huge readout. */
			for (i = 0; i < p->readout->fields->len && line->len < 4 * (gsize)max_chars + 16; i++)
				add_field_words(line, g_ptr_array_index(p->readout->fields, i), now);
			if (line->len == 0 && p->readout->failures->len > 0) {
				const IotFailure *f = g_ptr_array_index(p->readout->failures, 0);

				g_string_append(line, f->text);
			}
		}
		break;
	case IOT_PAYLOAD_ATOM:
		g_string_append(line, p->title != NULL ? p->title : p->summary != NULL ? p->summary : "");
		break;
	case IOT_PAYLOAD_TEXT:
	case IOT_PAYLOAD_XML:
		if (p->text != NULL)
			g_string_append_len(line, p->text, (gssize)MIN(strlen(p->text), 8 * (gsize)max_chars + 16));
		break;
	case IOT_PAYLOAD_NONE:
		break;
	}
	if (line->len == 0)
		g_string_append(line, p->note != NULL ? p->note : _("(no payload)"));
	/* One line: runs of white space (the XML's indentation) become one space. */
	out = iot_pubsub_text(line->str, line->len);
	clean = iot_format_clean(out, G_MAXUINT);
	g_free(out);
	g_string_free(line, TRUE);
	line = g_string_new(NULL);
	for (out = clean; *out != '\0'; out++)
		if (*out != ' ' || (line->len > 0 && line->str[line->len - 1] != ' '))
			g_string_append_c(line, *out);
	g_free(clean);
	while (line->len > 0 && line->str[line->len - 1] == ' ')
		g_string_truncate(line, line->len - 1);
	n = g_utf8_strlen(line->str, -1);
	if (max_chars > 0 && n > (glong)max_chars) {
		const char *end = g_utf8_offset_to_pointer(line->str, max_chars - 1);

		g_string_truncate(line, (gsize)(end - line->str));
		g_string_append(line, "…");
	}
	return g_string_free(line, FALSE);
}
