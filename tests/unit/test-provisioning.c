/* test-provisioning.c — owner questions, rules, requests, the token guard. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-error.h"
#include "iot-model.h"
#include "iot-provisioning-token.h"
#include "iot-provisioning.h"
#include "iot-xml.h"

#include <string.h>

static IotQuestion *
question(const char *relpath, const char *xml)
{
	xmlNode *msg = relpath ? iot_test_fixture_root(relpath) : iot_test_parse(xml);
	GError *error = NULL;
	IotQuestion *q = NULL;

	if (iot_provisioning_is_question(iot_xml_first(msg)))
		q = iot_provisioning_question_parse(iot_xml_first(msg), iot_xml_attr(msg, "from"), &error);
	if (q == NULL)
		g_clear_error(&error);
	xmlFreeDoc(msg->doc);
	return q;
}

static char *
dump(xmlNode *n)
{
	char *s;

	ck_assert_ptr_nonnull(n);
	s = iot_xml_to_string(n);
	xmlFreeNode(n);
	return s;
}

START_TEST(test_parse_questions)
{
	IotQuestion *q = question("registry/nf-is-friend.xml", NULL);
	const IotRegistryNode *n;
	char *s;

	ck_assert_int_eq(q->kind, IOT_QUESTION_IS_FRIEND);
	ck_assert_int_eq(q->gen, IOT_GEN_NF);
	ck_assert_str_eq(q->service, "provisioning.example.org");
	ck_assert_str_eq(q->jid, "thing@example.org");
	ck_assert_str_eq(q->remote_jid, "stranger@other.example");
	ck_assert_str_eq(q->key, "k1");
	s = iot_provisioning_question_describe(q);
	ck_assert_str_eq(s, "May stranger@other.example become friends with thing@example.org?");
	g_free(s);
	iot_question_free(q);

	q = question("registry/nf-can-read.xml", NULL);
	ck_assert_int_eq(q->kind, IOT_QUESTION_CAN_READ);
	ck_assert_uint_eq(q->categories, IOT_CAT_MOMENTARY | IOT_CAT_STATUS);
	ck_assert_uint_eq(q->fields->len, 2);
	ck_assert_uint_eq(q->service_tokens->len, 2);
	ck_assert_str_eq(g_ptr_array_index(q->service_tokens, 1), "ST2");
	ck_assert_uint_eq(q->user_tokens->len, 1);
	ck_assert_uint_eq(q->nodes->len, 1);
	n = g_ptr_array_index(q->nodes, 0);
	ck_assert_str_eq(n->node_id, "imc1");
	ck_assert_str_eq(n->source_id, "MeteringTopology");
	s = iot_provisioning_question_describe(q);
	ck_assert_str_eq(s, "May stranger@other.example read rack@example.org, node imc1 (Temperature, Humidity)?");
	g_free(s);
	iot_question_free(q);

	/* Parameters directly (the Neuro-Foundation client) and in <partial/> (the schema). */
	q = question("registry/ieee-can-control.xml", NULL);
	ck_assert_int_eq(q->gen, IOT_GEN_IEEE);
	ck_assert_uint_eq(q->parameters->len, 2);
	ck_assert_str_eq(g_ptr_array_index(q->parameters, 1), "Brightness");
	s = iot_provisioning_question_describe(q);
	ck_assert_str_eq(s, "May stranger@other.example control lamp@example.org (Output, Brightness)?");
	g_free(s);
	iot_question_free(q);
}
END_TEST

START_TEST(test_hostile_questions)
{
	GString *many = g_string_new("<message from='p.example.org'><canRead xmlns='urn:nf:iot:prov:o:1.0' "
	                             "jid='t@example.org' remoteJid='r@example.org' key='k'>");
	char *long_name = g_strnfill(IOT_PROVISIONING_MAX_ATTR_BYTES + 1, 'n'), *xml;
	IotQuestion *q;
	int i;

	/* Without key, without a thing, with a requester that is no JID: refused. */
	ck_assert_ptr_null(question(NULL, "<message from='p'><isFriend xmlns='urn:nf:iot:prov:o:1.0' "
	                                  "jid='t@example.org' remoteJid='r@example.org'/></message>"));
	ck_assert_ptr_null(question(NULL, "<message from='p'><isFriend xmlns='urn:nf:iot:prov:o:1.0' "
	                                  "remoteJid='r@example.org' key='k'/></message>"));
	ck_assert_ptr_null(question(NULL, "<message from='p'><isFriend xmlns='urn:nf:iot:prov:o:1.0' "
	                                  "jid='t@example.org' remoteJid='@' key='k'/></message>"));
	/* A line break in a JID would fake a line where the question is shown. */
	ck_assert_ptr_null(question(NULL, "<message from='p'><isFriend xmlns='urn:nf:iot:prov:o:1.0' "
	                                  "jid='t@example.org' remoteJid='r@example.org/a&#10;May x' key='k'/></message>"));
	/* The device namespace and XEP-0324 carry no owner questions. */
	ck_assert_ptr_null(question(NULL, "<message from='p'><isFriend xmlns='urn:xmpp:iot:provisioning' "
	                                  "jid='t@example.org' remoteJid='r@example.org' key='k'/></message>"));
	ck_assert_ptr_null(question(NULL, "<message from='p'><isFriend xmlns='urn:nf:iot:prov:d:1.0' "
	                                  "jid='t@example.org' remoteJid='r@example.org' key='k'/></message>"));
	for (i = 0; i < IOT_PROVISIONING_MAX_ITEMS + 10; i++)
		g_string_append_printf(many, "<f n='F%d'/>", i);
	g_string_append_printf(many, "<f n='%s'/><f n=''/><f/><f n='F1'/></canRead></message>", long_name);
	xml = g_string_free(many, FALSE);
	q = question(NULL, xml);
	ck_assert_uint_eq(q->fields->len, IOT_PROVISIONING_MAX_ITEMS);
	ck_assert_uint_eq(q->skipped, 10 + 4); /* past the bound, even the repeated F1 */
	iot_question_free(q);
	g_free(xml);
	g_free(long_name);
}
END_TEST

START_TEST(test_build_answers)
{
	IotQuestion *f = question("registry/nf-is-friend.xml", NULL);
	IotQuestion *r = question("registry/nf-can-read.xml", NULL);
	IotQuestion *c = question("registry/ieee-can-control.xml", NULL);
	const char *fields[] = { "Temperature", NULL };
	const char *params[] = { "Output", NULL };
	IotAnswer a = { TRUE, IOT_RULE_DOMAIN, NULL, 0, NULL, NULL };
	GError *error = NULL;
	char *s;

	s = dump(iot_provisioning_build_answer(f, &a, NULL));
	ck_assert_str_eq(s, "<isFriendRule xmlns=\"urn:nf:iot:prov:o:1.0\" jid=\"thing@example.org\" "
	                    "remoteJid=\"stranger@other.example\" key=\"k1\" result=\"true\" range=\"Domain\"/>");
	g_free(s);
	a.yes = FALSE;
	a.range = IOT_RULE_CALLER;
	s = dump(iot_provisioning_build_answer(f, &a, NULL));
	ck_assert_ptr_nonnull(strstr(s, "result=\"false\" range=\"Caller\""));
	g_free(s);
	a.range = IOT_RULE_USER_TOKEN;
	a.token = "UT1";
	ck_assert_ptr_null(iot_provisioning_build_answer(f, &a, &error));
	ck_assert_ptr_nonnull(strstr(error->message, "token"));
	g_clear_error(&error);

	/* Read: yes, only momentary values and Temperature, for this user token. */
	a.yes = TRUE;
	a.categories = IOT_CAT_MOMENTARY;
	a.fields = fields;
	s = dump(iot_provisioning_build_answer(r, &a, NULL));
	ck_assert_str_eq(s, "<canReadRule xmlns=\"urn:nf:iot:prov:o:1.0\" jid=\"rack@example.org\" "
	                    "remoteJid=\"stranger@other.example\" key=\"k2\" result=\"true\">"
	                    "<nd id=\"imc1\" src=\"MeteringTopology\"/>"
	                    "<partial m=\"true\"><f n=\"Temperature\"/></partial>"
	                    "<fromUser token=\"UT1\"/></canReadRule>");
	g_free(s);
	/* A token the question did not carry is refused. */
	a.token = "FORGED";
	ck_assert_ptr_null(iot_provisioning_build_answer(r, &a, &error));
	g_clear_error(&error);
	/* Everyone, no limit. */
	a.range = IOT_RULE_ALL;
	a.token = NULL;
	a.categories = 0;
	a.fields = NULL;
	s = dump(iot_provisioning_build_answer(r, &a, NULL));
	ck_assert_ptr_nonnull(strstr(s, "<nd id=\"imc1\" src=\"MeteringTopology\"/><all/></canReadRule>"));
	g_free(s);

	a.parameters = params;
	a.range = IOT_RULE_DEVICE_TOKEN;
	a.token = "DT1";
	s = dump(iot_provisioning_build_answer(c, &a, NULL));
	ck_assert_str_eq(s, "<canControlRule xmlns=\"urn:ieee:iot:prov:o:1.0\" jid=\"lamp@example.org\" "
	                    "remoteJid=\"stranger@other.example\" key=\"k3\" result=\"true\">"
	                    "<partial><p n=\"Output\"/></partial><fromDevice token=\"DT1\"/></canControlRule>");
	g_free(s);
	a.yes = FALSE;
	a.range = IOT_RULE_DOMAIN;
	s = dump(iot_provisioning_build_answer(c, &a, NULL));
	ck_assert_ptr_nonnull(strstr(s, "result=\"false\"><fromDomain/></canControlRule>"));
	g_free(s);

	iot_question_free(f);
	iot_question_free(r);
	iot_question_free(c);
}
END_TEST

START_TEST(test_owner_requests)
{
	IotRegistryNode node = { "imc1", NULL, "P1" };
	char *s;

	s = dump(iot_provisioning_build_clear_cache(IOT_GEN_NF, "rack@example.org", &node));
	ck_assert_str_eq(s, "<clearCache xmlns=\"urn:nf:iot:prov:o:1.0\" jid=\"rack@example.org\" id=\"imc1\" pt=\"P1\"/>");
	g_free(s);
	s = dump(iot_provisioning_build_clear_cache(IOT_GEN_NF, NULL, NULL));
	ck_assert_str_eq(s, "<clearCache xmlns=\"urn:nf:iot:prov:o:1.0\"/>");
	g_free(s);
	s = dump(iot_provisioning_build_delete_rules(IOT_GEN_NFI, "thing@example.org", NULL));
	ck_assert_str_eq(s, "<deleteRules xmlns=\"urn:nfi:iot:prov:o:1.0\" jid=\"thing@example.org\"/>");
	g_free(s);
	s = dump(iot_provisioning_build_get_devices(IOT_GEN_NF, 100, 100));
	ck_assert_str_eq(s, "<getDevices xmlns=\"urn:nf:iot:prov:o:1.0\" offset=\"100\" maxCount=\"100\"/>");
	g_free(s);
	ck_assert_ptr_null(iot_provisioning_ns(IOT_GEN_XSF));
	ck_assert_int_eq(iot_provisioning_ns_generation("urn:ieee:iot:prov:o:1.0"), IOT_GEN_IEEE);
}
END_TEST

START_TEST(test_merge_and_book)
{
	const char *a_xml = "<message from='provisioning.example.org/x'><canRead xmlns='urn:nf:iot:prov:o:1.0' "
	                    "jid='Thing@Example.org' remoteJid='r@example.org' key='%s' st='B A'>"
	                    "<f n='T'/><f n='H'/></canRead></message>";
	const char *b_xml = "<message from='provisioning.example.org'><canRead xmlns='urn:nf:iot:prov:o:1.0' "
	                    "jid='thing@example.org' remoteJid='R@example.org/res' key='%s' st='A B'>"
	                    "<f n='H'/><f n='T'/></canRead></message>";
	char *x1 = g_strdup_printf(a_xml, "k1"), *x2 = g_strdup_printf(b_xml, "k2");
	char *x3 = g_strdup_printf(b_xml, "k1"), *x4 = g_strdup_printf(a_xml, "k4");
	IotQuestion *q1 = question(NULL, x1), *q2 = question(NULL, x2), *q4;
	char *k1 = iot_provisioning_question_merge_key(q1), *k2 = iot_provisioning_question_merge_key(q2);
	IotQuestionBook *book = iot_question_book_new();
	gboolean is_new = FALSE;
	const char *g1, *g2;
	GPtrArray *taken;

	ck_assert_str_eq(k1, k2);
	q4 = question(NULL, "<message from='provisioning.example.org'><canRead xmlns='urn:nf:iot:prov:o:1.0' "
	                    "jid='thing@example.org' remoteJid='r@example.org' key='k9'><f n='T'/></canRead></message>");
	g_free(k2);
	k2 = iot_provisioning_question_merge_key(q4);
	ck_assert_str_ne(k1, k2);

	g1 = iot_question_book_add(book, q1, &is_new);
	ck_assert(is_new);
	g2 = iot_question_book_add(book, q2, &is_new);
	ck_assert(!is_new);
	ck_assert_ptr_eq(g1, g2);
	/* The same key again: dropped. */
	iot_question_book_add(book, question(NULL, x3), &is_new);
	ck_assert(!is_new);
	ck_assert_uint_eq(iot_question_book_count(book), 2);
	iot_question_book_add(book, q4, &is_new);
	ck_assert(is_new);
	ck_assert_uint_eq(iot_question_book_count(book), 3);
	/* Answered elsewhere: k2 goes, its group stays with k1. */
	ck_assert(!iot_question_book_forget(book, "provisioning.example.org", "k2"));
	ck_assert_str_eq(iot_question_book_peek(book, k1)->key, "k1");
	taken = iot_question_book_take(book, k1);
	ck_assert_uint_eq(taken->len, 1);
	g_ptr_array_free(taken, TRUE);
	ck_assert_ptr_null(iot_question_book_take(book, k1)); /* answered once */
	/* The service's notice that another client answered k9. */
	{
		xmlNode *m = iot_test_parse("<message from='provisioning.example.org'><answered "
		                            "xmlns='urn:nf:iot:prov:o:1.0' key='k9' jid='thing@example.org' "
		                            "remoteJid='r@example.org' result='true'/></message>");
		const char *key = NULL;

		ck_assert(iot_provisioning_answered_read(iot_xml_first(m), &key));
		ck_assert(iot_question_book_forget(book, iot_xml_attr(m, "from"), key));
		ck_assert(!iot_provisioning_answered_read(m, &key));
		xmlFreeDoc(m->doc);
	}
	ck_assert_uint_eq(iot_question_book_count(book), 0);
	iot_question_book_add(book, question(NULL, x4), &is_new);
	iot_question_book_free(book);
	g_free(k1);
	g_free(k2);
	g_free(x1);
	g_free(x2);
	g_free(x3);
	g_free(x4);
}
END_TEST

START_TEST(test_rules_given)
{
	IotQuestion *r = question("registry/nf-can-read.xml", NULL);
	const char *fields[] = { "Temperature", NULL };
	IotAnswer a = { TRUE, IOT_RULE_DOMAIN, NULL, 0, fields, NULL };
	IotProvisioningRule *rule = iot_provisioning_rule_new(r, &a, 42);
	char *s = iot_provisioning_rule_describe(rule);

	ck_assert_str_eq(s, "everyone at other.example may read rack@example.org, node imc1 (only Temperature)");
	ck_assert_str_eq(rule->node.node_id, "imc1");
	ck_assert(rule->given_at == 42);
	g_free(s);
	iot_provisioning_rule_free(rule);
	a.yes = FALSE;
	a.range = IOT_RULE_CALLER;
	rule = iot_provisioning_rule_new(r, &a, 43);
	s = iot_provisioning_rule_describe(rule);
	ck_assert_str_eq(s, "stranger@other.example may not read rack@example.org, node imc1");
	g_free(s);
	iot_provisioning_rule_free(rule);
	iot_question_free(r);
}
END_TEST

/* --- flows ---------------------------------------------------------------------------- */

typedef struct {
	int calls;
	int code;
	char *message;
	guint things;
	gboolean more;
} Got;

static void
got_cb(const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	g->code = error ? error->code : 0;
	g->message = error ? g_strdup(error->message) : NULL;
}

static void
got_devices(const IotRegistryResult *res, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	if (error) {
		g->code = error->code;
		return;
	}
	g->things = res->page->things->len;
	g->more = res->page->more;
}

START_TEST(test_flows)
{
	IotQuestion *f = question("registry/nf-is-friend.xml", NULL);
	IotAnswer a = { TRUE, IOT_RULE_CALLER, NULL, 0, NULL, NULL };
	Got g = { 0 };

	ck_assert_uint_ne(iot_provisioning_answer(fake_table, f, &a, 5000, got_cb, &g, NULL), 0);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "<isFriendRule"));
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "to=\"provisioning.example.org\""));
	ck_assert(fake_table_answer("provisioning.example.org", NULL, "<iq type='result'/>"));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.code, 0);

	/* A token answer to isFriend is never sent. */
	memset(&g, 0, sizeof g);
	a.range = IOT_RULE_SERVICE_TOKEN;
	a.token = "x";
	ck_assert_uint_eq(iot_provisioning_answer(fake_table, f, &a, 5000, got_cb, &g, NULL), 0);
	ck_assert_int_eq(g.calls, 0);

	iot_provisioning_delete_rules(fake_table, "provisioning.example.org", IOT_GEN_NF, "thing@example.org",
	                              NULL, 5000, got_cb, &g, NULL);
	fake_transport_advance(fake_ft, 5001);
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(g.message, "unreachable"));
	g_free(g.message);

	memset(&g, 0, sizeof g);
	iot_provisioning_get_devices(fake_table, "provisioning.example.org", IOT_GEN_NF, 0, 100, 5000,
	                             got_devices, &g, NULL);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "type=\"get\""));
	ck_assert(fake_table_answer("provisioning.example.org", "registry/nf-devices.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_uint_eq(g.things, 2);
	ck_assert(g.more);
	iot_question_free(f);
}
END_TEST

/* --- the token guard, on a virtual clock -------------------------------------------------- */

START_TEST(test_token_guard)
{
	IotTokenGuard *g = iot_token_guard_new();
	gint64 t0 = 1000000;

	iot_token_guard_sent(g, "thing@example.org/res", "TOK1 TOK2", t0);
	iot_token_guard_sent(g, "other@example.org", "TOK3", t0);
	/* The same full JID, within the minute. */
	ck_assert(iot_token_guard_may_answer(g, "thing@example.org/res", "TOK1", t0 + 1));
	ck_assert(iot_token_guard_may_answer(g, "Thing@EXAMPLE.org/res", "TOK2", t0 + 59999));
	ck_assert(iot_token_guard_may_answer(g, "thing@example.org/res", "TOK2", t0 + IOT_TOKEN_WINDOW_MS));
	/* One millisecond past the minute: forbidden. */
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org/res", "TOK1", t0 + IOT_TOKEN_WINDOW_MS + 1));
	/* Another resource, another JID, a token not sent there. */
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org/evil", "TOK1", t0 + 1));
	ck_assert(!iot_token_guard_may_answer(g, "provisioning.example.org", "TOK1", t0 + 1));
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org/res", "TOK3", t0 + 1));
	/* Sent to a bare JID: any of its resources. */
	ck_assert(iot_token_guard_may_answer(g, "other@example.org/a", "TOK3", t0 + 5));
	/* A clock stepped back proves nothing. */
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org/res", "TOK1", t0 - 1));
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org/res", "", t0 + 1));
	ck_assert(!iot_token_guard_may_answer(g, NULL, "TOK1", t0 + 1));
	/* Sending it again opens a new minute. */
	iot_token_guard_sent(g, "thing@example.org/res", "TOK1", t0 + 50000);
	ck_assert(iot_token_guard_may_answer(g, "thing@example.org/res", "TOK1", t0 + 100000));
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org/res", "TOK2", t0 + 100000));
	ck_assert_uint_eq(iot_token_guard_prune(g, t0 + 100000), 1);
	ck_assert_uint_eq(iot_token_guard_prune(g, t0 + 200000), 0);
	/* Not a JID: not recorded. */
	iot_token_guard_sent(g, "@", "TOK9", t0);
	ck_assert(!iot_token_guard_may_answer(g, "@", "TOK9", t0));
	iot_token_guard_free(g);
}
END_TEST

START_TEST(test_token_challenge_read)
{
	xmlNode *n = iot_test_parse("<tokenChallenge xmlns='urn:nf:iot:prov:t:1.0' token='TOK1'>AAAA</tokenChallenge>");
	const char *tok = NULL;

	ck_assert(iot_token_challenge_read(n, &tok));
	ck_assert_str_eq(tok, "TOK1");
	xmlFreeDoc(n->doc);
	n = iot_test_parse("<tokenChallenge xmlns='urn:xmpp:iot:provisioning' token='T'>AAAA</tokenChallenge>");
	ck_assert(iot_token_challenge_read(n, NULL));
	xmlFreeDoc(n->doc);
	n = iot_test_parse("<tokenChallenge xmlns='urn:nf:iot:prov:o:1.0' token='T'>AAAA</tokenChallenge>");
	ck_assert(!iot_token_challenge_read(n, &tok));
	xmlFreeDoc(n->doc);
	n = iot_test_parse("<tokenChallenge xmlns='urn:nf:iot:prov:t:1.0'>AAAA</tokenChallenge>");
	ck_assert(!iot_token_challenge_read(n, &tok));
	/* Still a challenge of ours to refuse. */
	ck_assert(iot_token_challenge_is(n));
	xmlFreeDoc(n->doc);
	n = iot_test_parse("<tokenChallenge xmlns='urn:nf:iot:prov:o:1.0' token='T'>AAAA</tokenChallenge>");
	ck_assert(!iot_token_challenge_is(n));
	xmlFreeDoc(n->doc);
	ck_assert(!iot_token_challenge_is(NULL));
}
END_TEST

START_TEST(test_token_guard_bounded)
{
	IotTokenGuard *g = iot_token_guard_new();
	int i;

	for (i = 0; i < IOT_TOKEN_GUARD_MAX + 10; i++) {
		char tok[32];

		g_snprintf(tok, sizeof tok, "T%d", i);
		iot_token_guard_sent(g, "thing@example.org", tok, 0);
	}
	ck_assert(!iot_token_guard_may_answer(g, "thing@example.org", "T0", 1));
	ck_assert(iot_token_guard_may_answer(g, "thing@example.org", "T10", 1));
	ck_assert_uint_eq(iot_token_guard_prune(g, 1), IOT_TOKEN_GUARD_MAX);
	iot_token_guard_free(g);
}
END_TEST

Suite *
iot_provisioning_suite(void)
{
	Suite *s = suite_create("provisioning");
	TCase *tc = tcase_create("owner");
	TCase *flow = tcase_create("flow");

	tcase_add_test(tc, test_parse_questions);
	tcase_add_test(tc, test_hostile_questions);
	tcase_add_test(tc, test_build_answers);
	tcase_add_test(tc, test_owner_requests);
	tcase_add_test(tc, test_merge_and_book);
	tcase_add_test(tc, test_rules_given);
	tcase_add_test(tc, test_token_guard);
	tcase_add_test(tc, test_token_guard_bounded);
	tcase_add_test(tc, test_token_challenge_read);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(flow, fake_table_setup, fake_table_teardown);
	tcase_add_test(flow, test_flows);
	suite_add_tcase(s, flow);
	return s;
}
