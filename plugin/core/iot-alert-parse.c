/* iot-alert-parse.c — headlines and device warnings as alerts. */
#include "iot-alert-parse.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define NS_CLIENT "jabber:client"
#define NS_PUBSUB_EVENT "http://jabber.org/protocol/pubsub#event"

/* The first child @name without xml:lang, else the first one. */
static const xmlNode *
pick(const xmlNode *message, const char *name)
{
	const xmlNode *c, *first = NULL;

	for (c = iot_xml_first(message); c != NULL; c = iot_xml_next(c)) {
		const char *ns = iot_xml_ns(c);

		if (!iot_xml_is(c, name, NULL) || (ns != NULL && strcmp(ns, NS_CLIENT) != 0))
			continue;
		if (xmlHasNsProp(c, (const xmlChar *)"lang", XML_XML_NAMESPACE) == NULL)
			return c;
		if (first == NULL)
			first = c;
	}
	return first;
}

static char *
text_of(const xmlNode *n)
{
	gboolean cut = FALSE;
	char *t, *clean;

	if (n == NULL)
		return NULL;
	t = iot_xml_text(n, IOT_ALERT_MAX_TEXT, &cut);
	if (t == NULL)
		return NULL;
	clean = iot_alert_clean_text(t, -1, IOT_ALERT_MAX_TEXT);
	g_free(t);
	if (*clean == '\0') {
		g_free(clean);
		return NULL;
	}
	if (cut) {
		char *more = g_strconcat(clean, "…", NULL);

		g_free(clean);
		return more;
	}
	return clean;
}

IotAlert *
iot_alert_parse_headline(const xmlNode *message, const char *account, gboolean stranger,
                         GError **error)
{
	const char *type, *from;
	const xmlNode *c;
	char *thing, *subject, *body, *text;
	IotAlert *a;

	g_return_val_if_fail(account != NULL, NULL);
	if (message == NULL || !iot_xml_is(message, "message", NULL)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a message");
		return NULL;
	}
	type = iot_xml_attr(message, "type");
	if (g_strcmp0(type, "headline") != 0) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED, "not a headline");
		return NULL;
	}
	for (c = iot_xml_first(message); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "event", NS_PUBSUB_EVENT)) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED, "a pubsub event");
			return NULL;
		}
	}
	from = iot_xml_attr(message, "from");
	if (from != NULL) {
		thing = iot_jid_bare(from);
	} else {
		/* from the account's own server */
		const char *at = strchr(account, '@');
		char *bare = iot_jid_bare(account);

		thing = bare != NULL && at != NULL ? g_strdup(strchr(bare, '@') + 1) : NULL;
		g_free(bare);
	}
	if (thing == NULL || *thing == '\0') {
		g_free(thing);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "the sender is no JID");
		return NULL;
	}
	subject = text_of(pick(message, "subject"));
	body = text_of(pick(message, "body"));
	if (subject != NULL && body != NULL && g_str_has_prefix(body, subject))
		/* Many senders repeat the subject as the body's first words. */
		text = g_strdup(body);
	else if (subject != NULL && body != NULL)
		text = g_strconcat(subject, ": ", body, NULL);
	else if (subject != NULL || body != NULL)
		text = g_strdup(subject != NULL ? subject : body);
	else
		/* TRANSLATORS: the text of an alert from a headline message that had none */
		text = g_strdup(_("(a headline without text)"));
	a = iot_alert_new();
	iot_alert_set_source(a, account, thing, NULL, NULL);
	if (*a->source.thing == '\0') {
		/* Nothing of it is a name one can show (control characters only). */
		iot_alert_free(a);
		g_free(text);
		g_free(subject);
		g_free(body);
		g_free(thing);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "the sender is no JID");
		return NULL;
	}
	iot_alert_set_text(a, text, -1);
	a->severity = IOT_ALERT_INFO;
	a->origin = IOT_ALERT_ORIGIN_HEADLINE;
	a->stranger = stranger;
	g_free(text);
	g_free(subject);
	g_free(body);
	g_free(thing);
	return a;
}

GPtrArray *
iot_alert_from_readout(const IotReadout *r, const char *account, const char *thing,
                       gboolean stranger, gint64 now)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_alert_free);
	guint i, more = 0;

	g_return_val_if_fail(r != NULL && account != NULL && thing != NULL, out);
	for (i = 0; r->fields != NULL && i < r->fields->len; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		IotAlert *a;
		char *value, *text, *cleaned;

		if (!(f->qos & (IOT_QOS_WARNING | IOT_QOS_ERROR)))
			continue;
		if (out->len >= IOT_ALERT_MAX_PER_READOUT) {
			more++;
			continue;
		}
		value = iot_format_value(f, now);
		cleaned = iot_format_clean(value, 200);
		a = iot_alert_new();
		iot_alert_set_source(a, account, thing, f->node.node_id, f->name);
		a->severity = f->qos & IOT_QOS_ERROR ? IOT_ALERT_ALARM : IOT_ALERT_WARNING;
		a->origin = IOT_ALERT_ORIGIN_EVENT;
		a->stranger = stranger;
		text = g_strdup_printf(f->qos & IOT_QOS_ERROR
		                           /* TRANSLATORS: a field a thing flagged: "Temperature: 85.3 °C (error)" */
		                           ? _("%s: %s (error)")
		                           /* TRANSLATORS: a field a thing flagged: "Temperature: 85.3 °C (warning)" */
		                           : _("%s: %s (warning)"),
		                       f->name, cleaned);
		iot_alert_set_text(a, text, -1);
		g_free(text);
		g_free(cleaned);
		g_free(value);
		g_ptr_array_add(out, a);
	}
	for (i = 0; r->failures != NULL && i < r->failures->len; i++) {
		const IotFailure *fl = g_ptr_array_index(r->failures, i);
		IotAlert *a;

		if (out->len >= IOT_ALERT_MAX_PER_READOUT) {
			more++;
			continue;
		}
		a = iot_alert_new();
		iot_alert_set_source(a, account, thing, fl->node.node_id, NULL);
		a->severity = IOT_ALERT_WARNING;
		a->origin = IOT_ALERT_ORIGIN_EVENT;
		a->stranger = stranger;
		iot_alert_set_text(a, fl->text, -1);
		g_ptr_array_add(out, a);
	}
	if (more > 0 && out->len > 0) {
		IotAlert *last = g_ptr_array_index(out, out->len - 1);
		/* TRANSLATORS: added to the last alert of a readout with too many: "… (and 12 more)" */
		char *text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%s (and %u more)",
		                                         "%s (and %u more)", more),
		                             last->text, more);

		iot_alert_set_text(last, text, -1);
		g_free(text);
	}
	return out;
}
