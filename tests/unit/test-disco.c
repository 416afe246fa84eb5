/* test-disco.c — disco#info parsing, generation choice, cache. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-disco.h"
#include "iot-error.h"

static IotDiscoInfo *
parse(const char *xml)
{
	xmlNode *q = iot_test_parse(xml);
	IotDiscoInfo *info = iot_disco_info_parse(q, NULL);

	xmlFreeDoc(q->doc);
	return info;
}

START_TEST(test_pick_prefers_newest_generation)
{
	IotDiscoInfo *i = parse("<query xmlns='http://jabber.org/protocol/disco#info'>"
	                        "<identity category='client' type='bot' name='Meter'/>"
	                        "<feature var='urn:xmpp:iot:sensordata'/><feature var='urn:ieee:iot:sd:1.0'/>"
	                        "<feature var='urn:nf:iot:sd:1.0'/><feature var='urn:xmpp:iot:control'/></query>");

	ck_assert_int_eq(iot_disco_info_pick(i, IOT_FUNC_SENSORDATA), IOT_GEN_NF);
	ck_assert_int_eq(iot_disco_info_pick(i, IOT_FUNC_CONTROL), IOT_GEN_XSF);
	ck_assert_int_eq(iot_disco_info_pick(i, IOT_FUNC_CONCENTRATOR), IOT_GEN_UNKNOWN);
	ck_assert(iot_disco_info_is_thing(i));
	ck_assert_str_eq(i->category, "client");
	ck_assert_str_eq(i->name, "Meter");
	iot_disco_info_free(i);

	i = parse("<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:sn'/></query>");
	ck_assert_int_eq(iot_disco_info_pick(i, IOT_FUNC_SENSORDATA), IOT_GEN_SN);
	iot_disco_info_free(i);

	i = parse("<query xmlns='http://jabber.org/protocol/disco#info'><feature var='jabber:iq:version'/></query>");
	ck_assert(!iot_disco_info_is_thing(i));
	ck_assert_int_eq(iot_disco_info_pick(i, IOT_FUNC_SENSORDATA), IOT_GEN_UNKNOWN);
	iot_disco_info_free(i);
}
END_TEST

START_TEST(test_parse_rejects_other_elements)
{
	xmlNode *q = iot_test_parse("<query xmlns='jabber:iq:roster'/>");
	GError *e = NULL;

	ck_assert_ptr_null(iot_disco_info_parse(q, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_error_free(e);
	xmlFreeDoc(q->doc);
	ck_assert_ptr_null(iot_disco_info_parse(NULL, NULL));
}
END_TEST

START_TEST(test_feature_count_is_bounded)
{
	GString *xml = g_string_new("<query xmlns='http://jabber.org/protocol/disco#info'>");
	IotDiscoInfo *i;
	int n;

	for (n = 0; n < 5000; n++)
		g_string_append_printf(xml, "<feature var='f%d'/>", n);
	g_string_append(xml, "</query>");
	i = parse(xml->str);
	ck_assert_uint_eq(i->features->len, 512);
	iot_disco_info_free(i);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_cache_forgets_on_caps_change)
{
	IotDiscoCache *c = iot_disco_cache_new();
	IotDiscoInfo *i = parse("<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:nf:iot:sd:1.0'/></query>");

	iot_disco_cache_store(c, "Meter@home.example/gw", i, "v1");
	ck_assert_ptr_nonnull(iot_disco_cache_lookup(c, "meter@home.example/gw"));
	ck_assert_ptr_null(iot_disco_cache_lookup(c, "meter@home.example/other"));
	ck_assert(!iot_disco_cache_caps_seen(c, "meter@home.example/gw", "v1"));
	ck_assert(iot_disco_cache_caps_seen(c, "meter@home.example/gw", "v2"));
	ck_assert_ptr_null(iot_disco_cache_lookup(c, "meter@home.example/gw"));
	iot_disco_info_free(i);
	iot_disco_cache_free(c);
}
END_TEST

static void
disco_cb(const IotDiscoInfo *info, const GError *error, gpointer data)
{
	*(int *)data = info ? (int)iot_disco_info_pick(info, IOT_FUNC_SENSORDATA) : -1;
}

START_TEST(test_query_flow)
{
	FakeTransport *ft = fake_transport_new();
	IotRequestTable *t = iot_request_table_new(&fake_transport_ops, ft, "iot");
	int got = 0;
	char *id;
	xmlNode *iq;

	iot_disco_query(t, "lamp@home.example/bulb", 5000, disco_cb, &got, NULL);
	id = fake_transport_last_attr(ft, "iq", "id");
	iq = iot_test_parse("<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'>"
	                    "<feature var='urn:nfi:iot:sd:1.0'/></query></iq>");
	ck_assert(iot_request_table_handle_iq(t, "result", id, "lamp@home.example/bulb", iq));
	ck_assert_int_eq(got, IOT_GEN_NFI);
	xmlFreeDoc(iq->doc);
	g_free(id);
	iot_request_table_free(t);
	fake_transport_free(ft);
}
END_TEST

/* Found by fuzz-stanza: an identity without a category followed by another
 * identity leaked the first one's type and name. */
START_TEST(test_identity_without_category_then_another)
{
	IotDiscoInfo *i = parse("<query xmlns='http://jabber.org/protocol/disco#info'>"
	                        "<identity caturegory='cli*nt' type='bot' name='Power'/>"
	                        "<identity category='client' type='pc'/></query>");

	ck_assert_ptr_null(i->category);
	ck_assert_str_eq(i->type, "bot");
	ck_assert_str_eq(i->name, "Power");
	iot_disco_info_free(i);
}
END_TEST

Suite *
iot_disco_suite(void)
{
	Suite *s = suite_create("disco");
	TCase *tc = tcase_create("info");

	tcase_add_test(tc, test_pick_prefers_newest_generation);
	tcase_add_test(tc, test_parse_rejects_other_elements);
	tcase_add_test(tc, test_feature_count_is_bounded);
	tcase_add_test(tc, test_cache_forgets_on_caps_change);
	tcase_add_test(tc, test_query_flow);
	tcase_add_test(tc, test_identity_without_category_then_another);
	suite_add_tcase(s, tc);
	return s;
}
