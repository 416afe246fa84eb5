/* test-registry-codec.c — registry stanzas, search conditions, request flows. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-error.h"
#include "iot-registry-codec.h"
#include "iot-xml.h"

#include <string.h>

static char *
dump(xmlNode *n)
{
	char *s = iot_xml_to_string(n);

	xmlFreeNode(n);
	return s;
}

START_TEST(test_namespaces)
{
	ck_assert_str_eq(iot_registry_ns(IOT_GEN_XSF), "urn:xmpp:iot:discovery");
	ck_assert_str_eq(iot_registry_ns(IOT_GEN_NF), "urn:nf:iot:disco:1.0");
	ck_assert_str_eq(iot_registry_ns(IOT_GEN_NFI), "urn:nfi:iot:disco:1.0");
	ck_assert_str_eq(iot_registry_ns(IOT_GEN_IEEE), "urn:ieee:iot:disco:1.0");
	ck_assert_ptr_null(iot_registry_ns(IOT_GEN_SN));
	ck_assert_int_eq(iot_registry_ns_generation("urn:nf:iot:disco:1.0"), IOT_GEN_NF);
	ck_assert_int_eq(iot_registry_ns_generation("urn:nf:iot:disco"), IOT_GEN_UNKNOWN);
}
END_TEST

START_TEST(test_build_mine_and_friends)
{
	IotDiscoId *id = iot_disco_id_parse(
		"IoTDisco;SN:394872348732948723;MAN:www.ktc.se;MODEL:IMC;#V:1.2;KEY:4857402340298342", NULL);
	IotRegistryNode node = { "imc1", "MeteringTopology", NULL };
	GPtrArray *upd = iot_registry_tags_new();
	char *s;

	s = dump(iot_registry_build_mine(IOT_GEN_XSF, id->tags, FALSE));
	ck_assert_str_eq(s, "<mine xmlns=\"urn:xmpp:iot:discovery\" public=\"false\">"
	                    "<str name=\"SN\" value=\"394872348732948723\"/><str name=\"MAN\" value=\"www.ktc.se\"/>"
	                    "<str name=\"MODEL\" value=\"IMC\"/><num name=\"V\" value=\"1.2\"/>"
	                    "<str name=\"KEY\" value=\"4857402340298342\"/></mine>");
	g_free(s);
	s = dump(iot_registry_build_remove(IOT_GEN_XSF, "rack@example.org/plcs", &node));
	ck_assert_str_eq(s, "<remove xmlns=\"urn:xmpp:iot:discovery\" jid=\"rack@example.org/plcs\" "
	                    "nodeId=\"imc1\" sourceId=\"MeteringTopology\"/>");
	g_free(s);
	s = dump(iot_registry_build_disown(IOT_GEN_NF, "rack@example.org/plcs", &node));
	ck_assert_str_eq(s, "<disown xmlns=\"urn:nf:iot:disco:1.0\" jid=\"rack@example.org/plcs\" "
	                    "id=\"imc1\" src=\"MeteringTopology\"/>");
	g_free(s);
	ck_assert(iot_registry_tags_add(upd, "ROOM", "Kitchen & <Hall>", FALSE, NULL));
	ck_assert(iot_registry_tags_add(upd, "APT", "", FALSE, NULL));
	s = dump(iot_registry_build_update(IOT_GEN_NF, "thing@example.org", NULL, upd));
	ck_assert_str_eq(s, "<update xmlns=\"urn:nf:iot:disco:1.0\" jid=\"thing@example.org\">"
	                    "<str name=\"ROOM\" value=\"Kitchen &amp; &lt;Hall&gt;\"/>"
	                    "<str name=\"APT\" value=\"\"/></update>");
	g_free(s);
	g_ptr_array_free(upd, TRUE);
	iot_disco_id_free(id);
}
END_TEST

/* The search of XEP-0347 §3.9, from the NF search link of the same search. */
START_TEST(test_search_link_is_the_spec_search)
{
	char *reg = NULL, *s;
	GError *error = NULL;
	GPtrArray *conds = iot_registry_search_parse_uri(
		"iotdisco:MAN=www.ktc.se;MODEL=IMC;SN~*39487*;#V>=1.0;#V<2;#LON>=-72;#LON<=-70;"
		"#LAT>=-34;#LAT<=-33;R=discovery.example.org",
		&reg, &error);

	ck_assert_ptr_null(error);
	ck_assert_str_eq(reg, "discovery.example.org");
	s = dump(iot_registry_build_search(IOT_GEN_XSF, conds, 0, 20));
	ck_assert_str_eq(s, "<search xmlns=\"urn:xmpp:iot:discovery\" offset=\"0\" maxCount=\"20\">"
	                    "<strEq name=\"MAN\" value=\"www.ktc.se\"/><strEq name=\"MODEL\" value=\"IMC\"/>"
	                    "<strMask name=\"SN\" value=\"39487*\" wildcard=\"*\"/>"
	                    "<numRange name=\"V\" min=\"1.0\" minIncluded=\"true\" max=\"2\" maxIncluded=\"false\"/>"
	                    "<numRange name=\"LON\" min=\"-72\" minIncluded=\"true\" max=\"-70\" maxIncluded=\"true\"/>"
	                    "<numRange name=\"LAT\" min=\"-34\" minIncluded=\"true\" max=\"-33\" maxIncluded=\"true\"/>"
	                    "</search>");
	g_free(s);
	g_free(reg);
	g_ptr_array_free(conds, TRUE);

	/* Bounds that do not overlap: outside the range. V<1 or V>2. */
	conds = iot_registry_search_parse_uri("iotdisco:#V<1;#V>2;CLASS<>PLC", NULL, NULL);
	s = dump(iot_registry_build_search(IOT_GEN_NF, conds, 40, 0));
	ck_assert_str_eq(s, "<search xmlns=\"urn:nf:iot:disco:1.0\" offset=\"40\">"
	                    "<numNRange name=\"V\" min=\"1\" minIncluded=\"true\" max=\"2\" maxIncluded=\"true\"/>"
	                    "<strNEq name=\"CLASS\" value=\"PLC\"/></search>");
	g_free(s);
	g_ptr_array_free(conds, TRUE);

	ck_assert_ptr_null(iot_registry_search_parse_uri("iotdisco:SN=1;KEY=2", NULL, &error));
	ck_assert_ptr_nonnull(strstr(error->message, "KEY"));
	g_clear_error(&error);
	ck_assert_ptr_null(iot_registry_search_parse_uri("iotdisco:#V~*1*", NULL, &error));
	g_clear_error(&error);
}
END_TEST

START_TEST(test_search_args)
{
	char *line = iot_test_fixture("registry/search-args.txt"), *s;
	GError *error = NULL;
	GPtrArray *conds = iot_registry_search_parse_args(line, &error);

	ck_assert_ptr_null(error);
	s = dump(iot_registry_build_search(IOT_GEN_XSF, conds, 100, 100));
	ck_assert_str_eq(s, "<search xmlns=\"urn:xmpp:iot:discovery\" offset=\"100\" maxCount=\"100\">"
	                    "<strEq name=\"MAN\" value=\"www.ktc.se\"/><strEq name=\"MODEL\" value=\"IMC\"/>"
	                    "<strMask name=\"SN\" value=\"39487*\" wildcard=\"*\"/>"
	                    "<numRange name=\"V\" min=\"1\" minIncluded=\"true\" max=\"2\" maxIncluded=\"true\"/>"
	                    "<numRange name=\"LON\" min=\"-72\" minIncluded=\"true\" max=\"-70\" maxIncluded=\"true\"/>"
	                    "<strEq name=\"ROOM\" value=\"Living room\"/>"
	                    "<numGtEq name=\"FLOOR\" value=\"2\"/><strNEq name=\"CLASS\" value=\"PLC\"/></search>");
	g_free(s);
	s = iot_registry_search_describe(conds);
	ck_assert_str_eq(s, "MAN=www.ktc.se MODEL=IMC SN~39487* V=1..2 LON=-72..-70 ROOM=\"Living room\" "
	                    "#FLOOR>=2 CLASS!=PLC");
	g_free(s);
	g_ptr_array_free(conds, TRUE);
	g_free(line);

	conds = iot_registry_search_parse_args("ROOM=Kit* V<>3 MAN<m NAME<=z LAT>1 ALT!=0..10", NULL);
	ck_assert_uint_eq(conds->len, 6);
	ck_assert_int_eq(((IotSearchCond *)g_ptr_array_index(conds, 0))->op, IOT_SEARCH_MASK);
	ck_assert_int_eq(((IotSearchCond *)g_ptr_array_index(conds, 1))->op, IOT_SEARCH_NEQ);
	ck_assert(((IotSearchCond *)g_ptr_array_index(conds, 1))->numeric);
	ck_assert_int_eq(((IotSearchCond *)g_ptr_array_index(conds, 2))->op, IOT_SEARCH_LT);
	ck_assert_int_eq(((IotSearchCond *)g_ptr_array_index(conds, 3))->op, IOT_SEARCH_LE);
	ck_assert_int_eq(((IotSearchCond *)g_ptr_array_index(conds, 4))->op, IOT_SEARCH_GT);
	ck_assert_int_eq(((IotSearchCond *)g_ptr_array_index(conds, 5))->op, IOT_SEARCH_NRANGE);
	g_ptr_array_free(conds, TRUE);
}
END_TEST

static void
assert_args_refused(const char *line, const char *fragment)
{
	GError *error = NULL;
	GPtrArray *c = iot_registry_search_parse_args(line, &error);

	ck_assert_msg(c == NULL, "accepted: %s", line);
	ck_assert_msg(strstr(error->message, fragment) != NULL, "'%s' → '%s'", line, error->message);
	g_error_free(error);
}

START_TEST(test_search_args_refused)
{
	assert_args_refused("", "/search MAN=");
	assert_args_refused("Kitchen", "not a condition");
	assert_args_refused("=x", "not a condition");
	assert_args_refused("KEY=1", "KEY");
	assert_args_refused("key~*", "KEY");
	assert_args_refused("V=abc", "not a number");
	assert_args_refused("#FLOOR~1*", "wildcard");
	assert_args_refused("ROOM=\"open", "quote");
	assert_args_refused("A:B=1", "may not have");
	ck_assert_ptr_nonnull(strstr(iot_registry_search_usage(), "/search"));
}
END_TEST

START_TEST(test_parse_found)
{
	xmlNode *iq = iot_test_fixture_root("registry/xsf-found.xml");
	IotRegistryPage *p = iot_registry_parse_found(iot_xml_first(iq), 100, NULL);
	IotRegistryThing *t;

	ck_assert(p->more);
	ck_assert_uint_eq(p->offset, 100);
	ck_assert_uint_eq(p->things->len, 2);
	ck_assert_uint_eq(p->skipped, 1);
	ck_assert(p->key_dropped);
	ck_assert_uint_eq(iot_registry_page_next_offset(p), 103);
	t = g_ptr_array_index(p->things, 0);
	ck_assert_str_eq(t->jid, "thing@example.org");
	ck_assert_str_eq(t->owner, "owner@example.org");
	ck_assert_uint_eq(t->tags->len, 7);
	ck_assert(iot_registry_tags_find(t->tags, "lat")->number == -33.008055);
	t = g_ptr_array_index(p->things, 1);
	ck_assert_str_eq(t->node.node_id, "imc1");
	ck_assert_str_eq(t->node.source_id, "MeteringTopology");
	ck_assert_ptr_null(iot_registry_tags_find(t->tags, "KEY"));
	ck_assert_ptr_null(iot_registry_tags_find(t->tags, "V")); /* not a number: left out */
	iot_registry_page_free(p);
	xmlFreeDoc(iq->doc);

	iq = iot_test_fixture_root("registry/nf-found.xml");
	p = iot_registry_parse_found(iot_xml_first(iq), 0, NULL);
	ck_assert(!p->more);
	t = g_ptr_array_index(p->things, 0);
	ck_assert_ptr_null(t->owner);
	ck_assert_str_eq(t->node.partition, "P1");
	iot_registry_page_free(p);
	xmlFreeDoc(iq->doc);

	/* A line break in a JID: that thing is left out. */
	iq = iot_test_parse("<found xmlns='urn:xmpp:iot:discovery'><thing jid='a@example.org/x&#10;y'/>"
	                    "<thing jid='b@example.org' nodeId='n&#9;1'/></found>");
	p = iot_registry_parse_found(iq, 0, NULL);
	ck_assert_uint_eq(p->things->len, 1);
	ck_assert_uint_eq(p->skipped, 1);
	ck_assert_ptr_null(((IotRegistryThing *)g_ptr_array_index(p->things, 0))->node.node_id);
	iot_registry_page_free(p);
	xmlFreeDoc(iq->doc);

	iq = iot_test_parse("<found xmlns='urn:example:other'/>");
	ck_assert_ptr_null(iot_registry_parse_found(iq, 0, NULL));
	xmlFreeDoc(iq->doc);
}
END_TEST

/* --- flows ------------------------------------------------------------------------ */

typedef struct {
	int calls;
	int code;
	char *message;
	char *claimed_jid;
	char *node_id;
	guint things;
	gboolean more;
} Got;

static void
got_cb(const IotRegistryResult *res, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	ck_assert((res == NULL) == (error != NULL));
	if (error) {
		g->code = error->code;
		g->message = g_strdup(error->message);
		return;
	}
	if (res->claimed) {
		g->claimed_jid = g_strdup(res->claimed->jid);
		g->node_id = g_strdup(res->claimed->node.node_id);
	}
	if (res->page) {
		g->things = res->page->things->len;
		g->more = res->page->more;
	}
}

static void
got_clear(Got *g)
{
	g_free(g->message);
	g_free(g->claimed_jid);
	g_free(g->node_id);
	memset(g, 0, sizeof *g);
}

START_TEST(test_flow_claim)
{
	IotDiscoId *id = iot_disco_id_parse("iotdisco:SN=1;KEY=2", NULL);
	Got g = { 0 };

	iot_registry_claim(fake_table, "discovery.example.org", IOT_GEN_XSF, id->tags, TRUE, 5000, got_cb,
	                   &g, NULL);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "type=\"set\""));
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "<mine xmlns=\"urn:xmpp:iot:discovery\" public=\"true\">"));
	/* A spoofed answer from elsewhere is not taken. */
	ck_assert(!fake_table_answer("evil.example.org", "registry/xsf-claimed-node.xml", NULL));
	ck_assert(fake_table_answer("discovery.example.org", "registry/xsf-claimed-node.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_str_eq(g.claimed_jid, "rack@example.org/plcs");
	ck_assert_str_eq(g.node_id, "imc1");
	got_clear(&g);

	iot_registry_claim(fake_table, "discovery.example.org", IOT_GEN_NF, id->tags, FALSE, 5000, got_cb,
	                   &g, NULL);
	ck_assert(fake_table_answer("discovery.example.org", "registry/claim-failure.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(g.message, "Not found"));
	ck_assert_ptr_nonnull(strstr(g.message, "already claimed"));
	got_clear(&g);

	/* No answer: the registry is unreachable. */
	iot_registry_claim(fake_table, "discovery.example.org", IOT_GEN_NF, id->tags, FALSE, 5000, got_cb,
	                   &g, NULL);
	fake_transport_advance(fake_ft, 5001);
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(g.message, "unreachable"));
	got_clear(&g);
	iot_disco_id_free(id);
}
END_TEST

START_TEST(test_flow_disown_and_search)
{
	Got g = { 0 };
	GPtrArray *conds = iot_registry_search_parse_args("MAN=www.ktc.se", NULL);

	iot_registry_disown(fake_table, "discovery.example.org", IOT_GEN_XSF, "thing@example.org", NULL,
	                    5000, got_cb, &g, NULL);
	ck_assert(fake_table_answer("discovery.example.org", "registry/disown-offline.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_REJECTED);
	ck_assert_ptr_nonnull(strstr(g.message, "offline"));
	got_clear(&g);

	iot_registry_disown(fake_table, "discovery.example.org", IOT_GEN_XSF, "thing@example.org", NULL,
	                    5000, got_cb, &g, NULL);
	ck_assert(fake_table_answer("discovery.example.org", NULL,
	                            "<iq type='result' from='discovery.example.org'/>"));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.code, 0);
	got_clear(&g);

	iot_registry_search(fake_table, "discovery.example.org", IOT_GEN_XSF, conds, 100, 100, 5000,
	                    got_cb, &g, NULL);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "type=\"get\""));
	ck_assert(fake_table_answer("discovery.example.org", "registry/xsf-found.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_uint_eq(g.things, 2);
	ck_assert(g.more);
	got_clear(&g);

	/* A result that is not a list of things. */
	iot_registry_search(fake_table, "discovery.example.org", IOT_GEN_XSF, conds, 0, 10, 5000, got_cb,
	                    &g, NULL);
	ck_assert(fake_table_answer("discovery.example.org", NULL,
	                            "<iq type='result' from='discovery.example.org'/>"));
	ck_assert_int_eq(g.code, IOT_ERROR_MALFORMED);
	got_clear(&g);

	/* Cancelled and disconnected end once, in words. */
	{
		guint h = iot_registry_search(fake_table, "discovery.example.org", IOT_GEN_XSF, conds, 0, 10,
		                              5000, got_cb, &g, NULL);

		ck_assert(iot_request_table_cancel(fake_table, h));
		ck_assert_int_eq(g.calls, 1);
		ck_assert_int_eq(g.code, IOT_ERROR_CANCELLED);
		got_clear(&g);
	}
	g_ptr_array_free(conds, TRUE);
}
END_TEST

START_TEST(test_error_words)
{
	char *s = iot_registry_error_text(IOT_REGISTRY_OP_DISOWN, IOT_ERROR_NOT_FOUND, "item-not-found");

	ck_assert_ptr_nonnull(strstr(s, "Not found"));
	g_free(s);
	s = iot_registry_error_text(IOT_REGISTRY_OP_CLAIM, IOT_ERROR_CONFLICT, "conflict");
	ck_assert_ptr_nonnull(strstr(s, "Already claimed"));
	g_free(s);
	s = iot_registry_error_text(IOT_REGISTRY_OP_DEVICES, IOT_ERROR_TIMEOUT, NULL);
	ck_assert_ptr_nonnull(strstr(s, "provisioning service"));
	g_free(s);
}
END_TEST

Suite *
iot_registry_codec_suite(void)
{
	Suite *s = suite_create("registry-codec");
	TCase *tc = tcase_create("codec");
	TCase *flow = tcase_create("flow");

	tcase_add_test(tc, test_namespaces);
	tcase_add_test(tc, test_build_mine_and_friends);
	tcase_add_test(tc, test_search_link_is_the_spec_search);
	tcase_add_test(tc, test_search_args);
	tcase_add_test(tc, test_search_args_refused);
	tcase_add_test(tc, test_parse_found);
	tcase_add_test(tc, test_error_words);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(flow, fake_table_setup, fake_table_teardown);
	tcase_add_test(flow, test_flow_claim);
	tcase_add_test(flow, test_flow_disown_and_search);
	suite_add_tcase(s, flow);
	return s;
}
