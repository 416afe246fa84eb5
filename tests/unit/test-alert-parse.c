/* test-alert-parse.c — headlines and device warnings as alerts. */
#include "iot-tests.h"

#include "iot-alert-parse.h"
#include "iot-error.h"

#include <string.h>

#define ACC "me@home.example"

static IotAlert *
headline(const char *xml, GError **error)
{
	xmlNode *m = iot_test_parse(xml);
	IotAlert *a = iot_alert_parse_headline(m, ACC, FALSE, error);

	xmlFreeDoc(m->doc);
	return a;
}

START_TEST(test_headline_literal_and_attributed)
{
	IotAlert *a = headline("<message xmlns='jabber:client' type='headline' from='Door@Home.Example/sensor'"
	                       " to='me@home.example/pidgin'>"
	                       "<subject>Door &lt;b&gt;opened&lt;/b&gt;</subject>"
	                       "<body>Front door &amp; hall</body>"
	                       "<addresses xmlns='http://jabber.org/protocol/address'>"
	                       "<address type='ofrom' jid='boiler@home.example'/></addresses>"
	                       "</message>",
	                       NULL);

	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->text, "Door <b>opened</b>: Front door & hall");
	ck_assert_str_eq(a->source.thing, "door@home.example"); /* the stamped sender, bare */
	ck_assert_str_eq(a->source.account, ACC);
	ck_assert_int_eq(a->origin, IOT_ALERT_ORIGIN_HEADLINE);
	ck_assert_int_eq(a->severity, IOT_ALERT_INFO);
	iot_alert_free(a);

	/* from the server: no from */
	a = headline("<message xmlns='jabber:client' type='headline'><body>Maintenance at 22:00</body>"
	             "<body xml:lang='de'>Wartung</body></message>",
	             NULL);
	ck_assert_str_eq(a->source.thing, "home.example");
	ck_assert_str_eq(a->text, "Maintenance at 22:00");
	iot_alert_free(a);

	a = headline("<message xmlns='jabber:client' type='headline' from='x@y'><body xml:lang='de'>Nur"
	             "</body></message>",
	             NULL);
	ck_assert_str_eq(a->text, "Nur");
	iot_alert_free(a);

	a = headline("<message xmlns='jabber:client' type='headline' from='x@y'/>", NULL);
	ck_assert_str_eq(a->text, "(a headline without text)");
	iot_alert_free(a);

	/* A body that starts with the subject is not preceded by it again. */
	a = headline("<message xmlns='jabber:client' type='headline' from='meter@y'><subject>Power spike</subject>"
	             "<body>Power spike: 7400 W for 3 s</body></message>",
	             NULL);
	ck_assert_str_eq(a->text, "Power spike: 7400 W for 3 s");
	iot_alert_free(a);
}
END_TEST

START_TEST(test_headline_not_ours)
{
	GError *e = NULL;

	/* published data, PEP avatars and nicks go through */
	ck_assert_ptr_null(headline("<message xmlns='jabber:client' type='headline' from='x@y'>"
	                            "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
	                            "<items node='urn:xmpp:avatar:metadata'/></event></message>",
	                            &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED));
	g_clear_error(&e);
	ck_assert_ptr_null(headline("<message xmlns='jabber:client' type='chat' from='x@y'><body>hi</body>"
	                            "</message>",
	                            &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED));
	g_clear_error(&e);
	ck_assert_ptr_null(headline("<iq xmlns='jabber:client' type='headline'/>", &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
	ck_assert_ptr_null(headline("<message xmlns='jabber:client' type='headline' from='@'/>", &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);	/* A sender of control characters only (found by the fuzz target): no
	 * alert from nobody. */
	ck_assert_ptr_null(headline("<message xmlns='jabber:client' type='headline' "
	                            "from='\x7f\x7f\x7f/\x7f\x7fx@y'><body>s</body></message>",
	                            &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
}
END_TEST

START_TEST(test_headline_of_a_megabyte)
{
	GString *xml = g_string_new("<message xmlns='jabber:client' type='headline' from='x@y'><body>");
	IotAlert *a;
	guint i;

	for (i = 0; i < 1024 * 1024 / 16; i++)
		g_string_append(xml, "&lt;script&gt;xx");
	g_string_append(xml, "</body></message>");
	a = headline(xml->str, NULL);
	ck_assert_uint_le(strlen(a->text), IOT_ALERT_MAX_TEXT + 3);
	ck_assert(g_str_has_prefix(a->text, "<script>xx<script>"));
	ck_assert(g_str_has_suffix(a->text, "…"));
	ck_assert(g_utf8_validate(a->text, -1, NULL));
	iot_alert_free(a);
	g_string_free(xml, TRUE);
}
END_TEST

static IotField *
field(const char *name, const char *value, guint32 qos)
{
	IotField *f = iot_field_new();

	g_free(f->name);
	f->name = g_strdup(name);
	g_free(f->value);
	f->value = g_strdup(value);
	f->type = IOT_VALUE_STRING;
	f->qos = qos;
	return f;
}

START_TEST(test_readout_warnings_and_errors)
{
	IotReadout *r = iot_readout_new();
	IotFailure *fl = iot_failure_new();
	GPtrArray *alerts;
	IotAlert *a;
	guint i;

	g_ptr_array_add(r->fields, field("Temperature", "21.5", IOT_QOS_AUTOMATIC_READOUT));
	g_ptr_array_add(r->fields, field("Battery", "low", IOT_QOS_WARNING));
	g_ptr_array_add(r->fields, field("Sensor", "<b>broken</b>", IOT_QOS_ERROR | IOT_QOS_WARNING));
	g_free(fl->text);
	fl->text = g_strdup("Tariff register unreadable");
	fl->node.node_id = g_strdup("Meter12");
	g_ptr_array_add(r->failures, fl);

	alerts = iot_alert_from_readout(r, ACC, "meter@home.example", FALSE, 0);
	ck_assert_uint_eq(alerts->len, 3);
	a = alerts->pdata[0];
	ck_assert_str_eq(a->text, "Battery: low (warning)");
	ck_assert_int_eq(a->severity, IOT_ALERT_WARNING);
	ck_assert_str_eq(a->source.field, "Battery");
	ck_assert_int_eq(a->origin, IOT_ALERT_ORIGIN_EVENT);
	a = alerts->pdata[1];
	ck_assert_str_eq(a->text, "Sensor: <b>broken</b> (error)");
	ck_assert_int_eq(a->severity, IOT_ALERT_ALARM);
	a = alerts->pdata[2];
	ck_assert_str_eq(a->text, "Tariff register unreadable");
	ck_assert_str_eq(a->source.node, "Meter12");
	ck_assert_ptr_null(a->source.field);
	g_ptr_array_unref(alerts);

	for (i = 0; i < 100; i++)
		g_ptr_array_add(r->fields, field("F", "1", IOT_QOS_WARNING));
	alerts = iot_alert_from_readout(r, ACC, "meter@home.example", FALSE, 0);
	ck_assert_uint_eq(alerts->len, IOT_ALERT_MAX_PER_READOUT);
	ck_assert(g_str_has_suffix(((IotAlert *)alerts->pdata[alerts->len - 1])->text, "(and 53 more)"));
	g_ptr_array_unref(alerts);
	iot_readout_free(r);

	r = iot_readout_new();
	g_ptr_array_add(r->fields, field("Temperature", "21.5", 0));
	alerts = iot_alert_from_readout(r, ACC, "meter@home.example", FALSE, 0);
	ck_assert_uint_eq(alerts->len, 0);
	g_ptr_array_unref(alerts);
	iot_readout_free(r);
}
END_TEST

Suite *
iot_alert_parse_suite(void)
{
	Suite *s = suite_create("alert-parse");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_headline_literal_and_attributed);
	tcase_add_test(tc, test_headline_not_ours);
	tcase_add_test(tc, test_headline_of_a_megabyte);
	tcase_add_test(tc, test_readout_warnings_and_errors);
	suite_add_tcase(s, tc);
	return s;
}
