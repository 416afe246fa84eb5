/*
 * iot-sensordata.c — reading sensor-data elements of every generation.
 * See iot-sensordata.h; building lives in iot-sensordata-build.c.
 *
 * Long (XEP-0323) and short (IEEE/NF) spellings never collide, neither in
 * element names (numeric/q, node/nd, timestamp/ts …) nor in attribute names
 * (name/n, momentary/m, automaticReadout/ar …). One walker therefore reads
 * both, which is what "lenient within a family" needs anyway: a device that
 * mixes spellings still gets its data shown. The generation reported is the
 * one of the element's own namespace.
 *
 * Readouts can hold tens of thousands of fields, so each field's attributes
 * are visited once and dispatched on their first character instead of being
 * looked up by name thirty times, and nothing is allocated per field besides
 * the field and its own strings.
 */
#include "iot-sensordata.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-sensordata-private.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Device strings quoted in notes are cut to this many characters so that a
 * hostile name cannot flood the conversation. */
#define NOTE_QUOTE_CHARS 64

/* Element and attribute names already classified in this parse. libxml2
 * interns names in its dictionary, so every field of a readout repeats the
 * same few name pointers: remembering them by address replaces the string
 * comparisons. Trees built without a dictionary only miss the cache. The
 * tree is not changed during a parse, so an address cannot be reused. */
#define NAME_CACHE 64

typedef struct {
	const xmlChar *name;
	guint32 bit;
	guint8 kind;
	guint8 type;
} NameSlot;

typedef struct {
	IotReadout *r;
	const xmlNs *ns;        /* the payload's namespace, for the common fast path */
	gboolean depth_noted;   /* one note per element is enough */
	gboolean failures_noted;
	NameSlot attrs[NAME_CACHE];
	NameSlot elements[NAME_CACHE];
} Ctx;

/* Where a field sits: the node and timestamp of the elements around it.
 * Strings are borrowed from the enclosing node's bounded copies. */
typedef struct {
	const char *node_id;
	const char *source_id;
	const char *partition;
	gsize node_id_len, source_id_len, partition_len;
	gint64 timestamp;
	gboolean in_timestamp;
} Scope;

/* ---- small utilities ---------------------------------------------------- */

/* Value of attribute @a as iot_xml_attr() reports it (borrowed). */
static const char *
attr_value(const xmlAttr *a)
{
	if (a->children == NULL || a->children->content == NULL)
		return "";
	return (const char *)a->children->content;
}

/* Byte length of at most @max bytes of @s, ending on a character boundary. */
static gsize
utf8_cut(const char *s, gsize len, gsize max)
{
	if (len <= max)
		return len;
	while (max > 0 && (((guchar)s[max]) & 0xC0) == 0x80)
		max--;
	return max;
}

/* A device string fit to quote in a note: at most NOTE_QUOTE_CHARS
 * characters, with "…" when cut. Counts character starts byte by byte, so a
 * tree that did not come from libxml2 cannot make it read past the end.
 * Returns: (transfer full). */
static char *
quote(const char *s)
{
	gsize i, chars = 0;
	char *head, *out;

	if (s == NULL)
		return g_strdup("");
	for (i = 0; s[i] != '\0'; i++) {
		if ((((guchar)s[i]) & 0xC0) != 0x80 && chars++ == NOTE_QUOTE_CHARS)
			break;
	}
	if (s[i] == '\0')
		return g_strdup(s);
	head = g_strndup(s, i);
	out = g_strconcat(head, "…", NULL);
	g_free(head);
	return out;
}

/* g_strndup() without its strncpy(): the length is known already. */
static char *
copy(const char *s, gsize len)
{
	char *out = g_malloc(len + 1);

	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

/* Copies @s, bounded to @max bytes. When cut, says so in a note naming
 * @owner (the field name, or @s itself when @owner is NULL). Returns:
 * (transfer full) (nullable): NULL for NULL. */
static char *
bounded(Ctx *ctx, const char *s, gsize max, const char *owner)
{
	gsize len, keep;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	keep = utf8_cut(s, len, max);
	if (keep < len) {
		char *q = quote(owner ? owner : s);
		/* TRANSLATORS: %s is a field or node name sent by a device, %u a
		 * number of bytes. */
		iot_readout_add_note(ctx->r, _("“%s”: a text longer than %u bytes was shortened."), q,
		                     (guint)max);
		g_free(q);
	}
	return copy(s, keep);
}

/* Like bounded() for optional strings: an empty string is "absent". */
static char *
bounded_opt(Ctx *ctx, const char *s, gsize max, const char *owner)
{
	return (s == NULL || *s == '\0') ? NULL : bounded(ctx, s, max, owner);
}

/* @msgid is marked with N_() and translated only here: looking a message
 * up costs more than reading a field, and most fields need no note. */
static void
note_value(Ctx *ctx, const char *msgid, const IotField *f)
{
	char *qn = quote(f->name), *qv = quote(f->value);

	iot_readout_add_note(ctx->r, _(msgid), qn, qv);
	g_free(qn);
	g_free(qv);
}

/* ---- value parsing ------------------------------------------------------ */

/* Sets number/number_valid from the lexical value. Numbers are what plots and
 * change detection need: the value itself for numeric/int/long, 0/1 for
 * booleans, seconds for durations and times of day, seconds since the epoch
 * for dates. A value that does not parse keeps its field and gets a note. */
static void
parse_value(Ctx *ctx, IotField *f)
{
	gint64 i64 = 0;
	double d = 0.0;
	gboolean ok = FALSE, is_nan = FALSE;
	const char *fmt = NULL;

	switch (f->type) {
	case IOT_VALUE_NUMERIC:
		ok = iot_sd_parse_double(f->value, &d, &is_nan);
		/* TRANSLATORS: first %s is a field name, second its value as sent. */
		fmt = N_("“%s”: value “%s” is not a number.");
		if (ok && is_nan) {
			/* xs:double NaN is a legal way of saying "no number". */
			f->number = d;
			return;
		}
		break;
	case IOT_VALUE_INT:
	case IOT_VALUE_LONG:
		ok = f->type == IOT_VALUE_INT ? iot_sd_parse_integer(f->value, G_MININT32, G_MAXINT32, &i64)
		                              : iot_sd_parse_integer(f->value, G_MININT64, G_MAXINT64, &i64);
		d = (double)i64;
		/* TRANSLATORS: first %s is a field name, second its value as sent. */
		fmt = N_("“%s”: value “%s” is not a whole number in range.");
		break;
	case IOT_VALUE_BOOLEAN:
		ok = iot_sd_parse_boolean(f->value, &d);
		/* TRANSLATORS: first %s is a field name, second its value as sent. */
		fmt = N_("“%s”: value “%s” is neither true nor false.");
		break;
	case IOT_VALUE_DURATION:
		ok = iot_time_parse_duration(f->value, &d);
		/* TRANSLATORS: first %s is a field name, second its value as sent. */
		fmt = N_("“%s”: value “%s” is not a duration.");
		break;
	case IOT_VALUE_TIME:
		ok = iot_time_parse_time(f->value, &d);
		/* TRANSLATORS: first %s is a field name, second its value as sent. */
		fmt = N_("“%s”: value “%s” is not a time of day.");
		break;
	case IOT_VALUE_DATE:
	case IOT_VALUE_DATETIME:
		ok = f->type == IOT_VALUE_DATE ? iot_time_parse_date(f->value, &i64)
		                               : iot_time_parse_datetime(f->value, &i64);
		d = (double)i64 / 1e6;
		if (f->type == IOT_VALUE_DATE)
			/* TRANSLATORS: first %s is a field name, second its value as sent. */
			fmt = N_("“%s”: value “%s” is not a date.");
		else
			/* TRANSLATORS: first %s is a field name, second its value as sent. */
			fmt = N_("“%s”: value “%s” is not a date and time.");
		break;
	default:
		return;
	}
	if (ok) {
		f->number = d;
		f->number_valid = TRUE;
	} else {
		note_value(ctx, fmt, f);
	}
}

/* ---- name lookups ------------------------------------------------------- */

static NameSlot *
slot(NameSlot *table, const xmlChar *name)
{
	return &table[((guintptr)name >> 3) % NAME_CACHE];
}

static IotSdAttr
attr_kind(Ctx *ctx, const xmlChar *name, guint32 *bit)
{
	NameSlot *sl = slot(ctx->attrs, name);

	if (sl->name != name) {
		sl->kind = (guint8)iot_sd_attr_kind((const char *)name, &sl->bit);
		sl->name = name;
	}
	*bit = sl->bit;
	return (IotSdAttr)sl->kind;
}

static IotSdElement
element_kind(Ctx *ctx, const xmlChar *name, IotValueType *type)
{
	NameSlot *sl = slot(ctx->elements, name);

	if (sl->name != name) {
		IotValueType t = IOT_VALUE_STRING;

		sl->kind = (guint8)iot_sd_element_kind((const char *)name, &t);
		sl->type = (guint8)t;
		sl->name = name;
	}
	*type = (IotValueType)sl->type;
	return (IotSdElement)sl->kind;
}

/* ---- data --------------------------------------------------------------- */

static void
add_field(Ctx *ctx, const xmlNode *el, IotValueType type, const Scope *scope)
{
	const char *name = NULL, *value = NULL, *unit = NULL, *enum_type = NULL;
	const char *module = NULL, *string_ids = NULL;
	guint32 categories = 0, qos = 0;
	gboolean writable = FALSE;
	const xmlAttr *a;
	IotField *f;

	/* DESIGN.md §6: a bound, once hit, is counted and said once. */
	if (ctx->r->fields->len >= IOT_MAX_FIELDS_PER_READOUT) {
		if (ctx->r->fields_dropped++ == 0)
			/* TRANSLATORS: %u is the number of fields kept. */
			iot_readout_add_note(ctx->r, _("Ignored fields after the first %u."),
			                     (guint)IOT_MAX_FIELDS_PER_READOUT);
		return;
	}
	for (a = el->properties; a != NULL; a = a->next) {
		guint32 bit = 0;

		if (a->ns != NULL)
			continue;
		switch (attr_kind(ctx, a->name, &bit)) {
		case IOT_SD_AT_NAME: name = attr_value(a); break;
		case IOT_SD_AT_VALUE: value = attr_value(a); break;
		case IOT_SD_AT_UNIT: unit = attr_value(a); break;
		case IOT_SD_AT_ENUM_TYPE: enum_type = attr_value(a); break;
		case IOT_SD_AT_MODULE: module = attr_value(a); break;
		case IOT_SD_AT_STRING_IDS: string_ids = attr_value(a); break;
		case IOT_SD_AT_WRITABLE: writable = iot_sd_is_true(attr_value(a)); break;
		case IOT_SD_AT_CATEGORY:
			if (iot_sd_is_true(attr_value(a)))
				categories |= bit;
			break;
		case IOT_SD_AT_QOS:
			if (iot_sd_is_true(attr_value(a)))
				qos |= bit;
			break;
		case IOT_SD_AT_NONE:
		default:
			break;
		}
	}
	if (name == NULL || *name == '\0') {
		char *q = quote((const char *)el->name);
		/* TRANSLATORS: %s is an element name such as "numeric". */
		iot_readout_add_note(ctx->r, _("Skipped a “%s” field without a name."), q);
		g_free(q);
		return;
	}
	f = g_new0(IotField, 1);
	f->type = type;
	f->timestamp = scope->timestamp;
	f->node.node_id = scope->node_id ? copy(scope->node_id, scope->node_id_len) : NULL;
	f->node.source_id = scope->source_id ? copy(scope->source_id, scope->source_id_len) : NULL;
	f->node.partition = scope->partition ? copy(scope->partition, scope->partition_len) : NULL;
	f->name = bounded(ctx, name, IOT_MAX_NAME_BYTES, NULL);
	f->value = bounded(ctx, value ? value : "", IOT_MAX_VALUE_BYTES, f->name);
	f->unit = bounded_opt(ctx, unit, IOT_MAX_NAME_BYTES, f->name);
	f->enum_type = bounded_opt(ctx, enum_type, IOT_MAX_NAME_BYTES, f->name);
	f->module = bounded_opt(ctx, module, IOT_MAX_NAME_BYTES, f->name);
	f->string_ids = bounded_opt(ctx, string_ids, IOT_MAX_NAME_BYTES, f->name);
	f->categories = categories;
	f->qos = qos;
	f->writable = writable;
	parse_value(ctx, f);
	g_ptr_array_add(ctx->r->fields, f);
}

/* Keeps a per-node or per-timestamp error, up to the bound, which is said
 * once per element. */
static void
add_failure(Ctx *ctx, const xmlNode *el, const char *node_id,
            const char *source_id, const char *partition, gint64 timestamp)
{
	IotFailure *fail;
	char *text;

	if (ctx->r->failures->len >= IOT_MAX_FAILURES_PER_READOUT) {
		if (!ctx->failures_noted) {
			ctx->failures_noted = TRUE;
			/* TRANSLATORS: %u is the number of device errors kept. */
			iot_readout_add_note(ctx->r, _("Ignored device errors after the first %u."),
			                     (guint)IOT_MAX_FAILURES_PER_READOUT);
		}
		return;
	}
	/* Cut silently: the text itself shows the user where it stops. */
	text = iot_xml_text(el, IOT_MAX_ERROR_TEXT, NULL);
	if (text == NULL)
		text = g_strdup("");
	g_strstrip(text);
	fail = g_new0(IotFailure, 1);
	fail->node.node_id = bounded_opt(ctx, node_id, IOT_MAX_NAME_BYTES, NULL);
	fail->node.source_id = bounded_opt(ctx, source_id, IOT_MAX_NAME_BYTES, NULL);
	fail->node.partition = bounded_opt(ctx, partition, IOT_MAX_NAME_BYTES, NULL);
	fail->timestamp = timestamp;
	fail->text = text;
	g_ptr_array_add(ctx->r->failures, fail);
}

/* Children in another namespace are extensions (NF allows them, XML
 * convention too) and are passed over in silence. A child without a
 * namespace is ours: stanzas converted from other trees often lose the
 * inherited declaration. */
static gboolean
foreign(const Ctx *ctx, const xmlNode *c)
{
	IotFunction func;

	if (c->ns == NULL || c->ns == ctx->ns)
		return FALSE;
	if (ctx->ns != NULL && g_strcmp0((const char *)c->ns->href, (const char *)ctx->ns->href) == 0)
		return FALSE;
	return !(iot_ns_classify((const char *)c->ns->href, NULL, &func) &&
	         func == IOT_FUNC_SENSORDATA);
}

static void walk(Ctx *ctx, const xmlNode *parent, const Scope *scope, guint depth);

/* A node element: its identity applies to everything below it. */
static void
enter_node(Ctx *ctx, const xmlNode *el, const Scope *outer, guint depth)
{
	Scope s = *outer;
	char *id, *src, *pt;

	/* XEP-0323 nodeId/sourceId/cacheType, NF id/src/pt. Smack may leave
	 * nodeId out: the node is then the thing itself. */
	id = bounded_opt(ctx, iot_xml_attr2(el, "nodeId", "id"), IOT_MAX_NAME_BYTES, NULL);
	src = bounded_opt(ctx, iot_xml_attr2(el, "sourceId", "src"), IOT_MAX_NAME_BYTES, NULL);
	pt = bounded_opt(ctx, iot_xml_attr2(el, "cacheType", "pt"), IOT_MAX_NAME_BYTES, NULL);
	s.node_id = id;
	s.source_id = src;
	s.partition = pt;
	s.node_id_len = id ? strlen(id) : 0;
	s.source_id_len = src ? strlen(src) : 0;
	s.partition_len = pt ? strlen(pt) : 0;
	walk(ctx, el, &s, depth + 1);
	g_free(id);
	g_free(src);
	g_free(pt);
}

static void
enter_timestamp(Ctx *ctx, const xmlNode *el, const Scope *outer, guint depth)
{
	Scope s = *outer;
	const char *v = iot_xml_attr2(el, "value", "v");

	s.in_timestamp = TRUE;
	if (!iot_time_parse_datetime(v, &s.timestamp)) {
		char *q = quote(v);

		s.timestamp = IOT_TIME_UNKNOWN;
		iot_readout_add_note(ctx->r,
		                     /* TRANSLATORS: %s is a timestamp as a device sent it. */
		                     _("Timestamp “%s” is not valid; its fields are shown without a time."),
		                     q);
		g_free(q);
	}
	walk(ctx, el, &s, depth + 1);
}

/* Reads nodes, timestamps, fields and NF errors at any nesting the device
 * chose: the schemas say node > timestamp > field, but NF lets a response
 * hold timestamps directly and some devices skip levels. */
static void
walk(Ctx *ctx, const xmlNode *parent, const Scope *scope, guint depth)
{
	const xmlNode *c;

	for (c = iot_xml_first(parent); c != NULL; c = iot_xml_next(c)) {
		IotValueType type = IOT_VALUE_STRING;

		if (foreign(ctx, c))
			continue;
		if (depth >= IOT_MAX_DEPTH) {
			if (!ctx->depth_noted) {
				ctx->depth_noted = TRUE;
				/* TRANSLATORS: %u is a number of levels. */
				iot_readout_add_note(ctx->r, _("Ignored data nested deeper than %u levels."),
				                     (guint)IOT_MAX_DEPTH);
			}
			return;
		}
		switch (element_kind(ctx, c->name, &type)) {
		case IOT_SD_EL_FIELD:
			add_field(ctx, c, type, scope);
			break;
		case IOT_SD_EL_TIMESTAMP:
			enter_timestamp(ctx, c, scope, depth);
			break;
		case IOT_SD_EL_NODE:
			enter_node(ctx, c, scope, depth);
			break;
		case IOT_SD_EL_ERR:
			/* NF: an error reported in place of fields, for this node and
			 * timestamp. */
			add_failure(ctx, c, scope->node_id, scope->source_id, scope->partition,
			            scope->timestamp);
			break;
		case IOT_SD_EL_UNKNOWN:
		default: {
			char *q = quote((const char *)c->name);

			if (scope->in_timestamp)
				/* TRANSLATORS: %s is an element name a device sent. */
				iot_readout_add_note(ctx->r, _("Skipped unknown field type “%s”."), q);
			else
				/* TRANSLATORS: %s is an element name a device sent. */
				iot_readout_add_note(ctx->r, _("Skipped unknown element “%s”."), q);
			g_free(q);
			break;
		}
		}
	}
}

/* XEP-0323 <failure><error nodeId sourceId cacheType timestamp>text</error>. */
static void
read_failure(Ctx *ctx, const xmlNode *el)
{
	const xmlNode *c;

	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		gint64 ts;

		if (foreign(ctx, c) || strcmp((const char *)c->name, "error") != 0)
			continue;
		/* The schema types this timestamp as a plain string (protocols.md
		 * Q10): keep the error even when its time cannot be read. */
		if (!iot_time_parse_datetime(iot_xml_attr(c, "timestamp"), &ts))
			ts = IOT_TIME_UNKNOWN;
		add_failure(ctx, c, iot_xml_attr2(c, "nodeId", "id"),
		            iot_xml_attr2(c, "sourceId", "src"), iot_xml_attr2(c, "cacheType", "pt"), ts);
	}
}

/* Legacy <rejected><error>text</error></rejected>: the first text given. */
static char *
rejection_text(const Ctx *ctx, const xmlNode *el)
{
	const xmlNode *c;

	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		char *t;

		if (foreign(ctx, c) || strcmp((const char *)c->name, "error") != 0)
			continue;
		t = iot_xml_text(c, IOT_MAX_ERROR_TEXT, NULL);
		if (t != NULL && *g_strstrip(t) != '\0')
			return t;
		g_free(t);
	}
	return g_strdup("");
}

/* ---- entry points --------------------------------------------------------- */

void
iot_sd_message_clear(IotSdMessage *m)
{
	if (m == NULL)
		return;
	g_clear_pointer(&m->id, g_free);
	g_clear_pointer(&m->error_text, g_free);
	memset(m, 0, sizeof *m);
}

gboolean
iot_sd_is_payload(const xmlNode *el)
{
	IotFunction func;

	if (el == NULL || el->type != XML_ELEMENT_NODE)
		return FALSE;
	return iot_ns_classify(iot_xml_ns(el), NULL, &func) && func == IOT_FUNC_SENSORDATA;
}

const char *
iot_sd_peek_id(const xmlNode *el)
{
	IotValueType type;
	IotSdElement kind;

	if (el == NULL || el->type != XML_ELEMENT_NODE)
		return NULL;
	/* A bare NF <nd id=…/> names a node, not a readout. */
	kind = iot_sd_element_kind((const char *)el->name, &type);
	if (kind == IOT_SD_EL_NODE || kind == IOT_SD_EL_TIMESTAMP)
		return NULL;
	return iot_xml_attr2(el, "seqnr", "id");
}

/* Does this data element end the readout? XEP-0323 says so with done='true'
 * (absent = more to come); NF says the opposite with more='true' (absent =
 * last). Either attribute is honoured in either family. */
static gboolean
data_done(const xmlNode *el, gboolean short_names)
{
	const char *done = iot_xml_attr(el, "done"), *more = iot_xml_attr(el, "more");

	if (done != NULL)
		return iot_sd_is_true(done);
	if (more != NULL)
		return !iot_sd_is_true(more);
	return short_names;
}

gboolean
iot_sd_parse(const xmlNode *el, IotSdMessage *msg, IotReadout *readout, GError **error)
{
	IotGeneration gen = IOT_GEN_UNKNOWN;
	IotFunction func = IOT_FUNC_COUNT;
	IotReadout *scratch = NULL;
	Scope top = { NULL, NULL, NULL, 0, 0, 0, IOT_TIME_UNKNOWN, FALSE };
	const char *name, *id;
	IotSdElement kind;
	IotValueType type;
	Ctx ctx;

	g_return_val_if_fail(msg != NULL, FALSE);
	memset(msg, 0, sizeof *msg);
	if (el == NULL || el->type != XML_ELEMENT_NODE ||
	    !iot_ns_classify(iot_xml_ns(el), &gen, &func) || func != IOT_FUNC_SENSORDATA) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a sensor-data element");
		return FALSE;
	}
	name = (const char *)el->name;
	/* Without a readout the data is still read, to validate it. */
	if (readout == NULL)
		readout = scratch = iot_readout_new();
	memset(&ctx, 0, sizeof ctx);
	ctx.r = readout;
	ctx.ns = el->ns;
	msg->generation = gen;

	if (strcmp(name, "fields") == 0 || strcmp(name, "resp") == 0) {
		msg->kind = IOT_SD_FIELDS;
		msg->done = data_done(el, iot_generation_is_short(gen));
		walk(&ctx, el, &top, 1);
	} else if ((kind = iot_sd_element_kind(name, &type)) == IOT_SD_EL_NODE || kind == IOT_SD_EL_TIMESTAMP) {
		/* NF documents a bare <ts/> or <nd/> as a complete payload (its
		 * HTTP receptor); read it as data that needs nothing more. */
		msg->kind = IOT_SD_FIELDS;
		msg->done = TRUE;
		if (kind == IOT_SD_EL_NODE)
			enter_node(&ctx, el, &top, 0);
		else
			enter_timestamp(&ctx, el, &top, 0);
	} else if (strcmp(name, "failure") == 0) {
		msg->kind = IOT_SD_FAILURE;
		msg->done = iot_xml_attr_bool(el, "done", FALSE);
		read_failure(&ctx, el);
	} else if (strcmp(name, "accepted") == 0) {
		msg->kind = IOT_SD_ACCEPTED;
		msg->queued = iot_xml_attr_bool(el, "queued", FALSE);
	} else if (strcmp(name, "started") == 0) {
		msg->kind = IOT_SD_STARTED;
	} else if (strcmp(name, "done") == 0) {
		msg->kind = IOT_SD_DONE;
		msg->done = TRUE;
	} else if (strcmp(name, "rejected") == 0) {
		msg->kind = IOT_SD_REJECTED;
		msg->done = TRUE;
		msg->error_text = rejection_text(&ctx, el);
	} else if (strcmp(name, "cancelled") == 0) {
		msg->kind = IOT_SD_CANCELLED;
		msg->done = TRUE;
	} else {
		iot_readout_free(scratch);
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a sensor-data answer: %.64s",
		            name);
		return FALSE;
	}

	/* seqnr (XEP-0323) or id (NF); bounded because it is only ever compared
	 * with ids we made ourselves. */
	id = iot_sd_peek_id(el);
	if (id == NULL)
		id = "";
	msg->id = g_strndup(id, utf8_cut(id, strlen(id), IOT_MAX_NAME_BYTES));
	iot_readout_free(scratch);
	return TRUE;
}
