/* test-disco-caps.c — XEP-0115 verification strings and caps queries. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-disco-caps.h"
#include "iot-error.h"
#include "iot-limits.h"

#include <string.h>

#define SIMPLE_S                                                                                  \
	"client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<" \
	"http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"

static char *
string_of(const char *xml, GError **error)
{
	xmlNode *q = iot_test_parse(xml);
	char *s = iot_disco_caps_string(q, error);

	xmlFreeDoc(q->doc);
	return s;
}

static char *
ver_of(const char *xml, const char *hash)
{
	xmlNode *q = iot_test_parse(xml);
	char *v = iot_disco_caps_compute(q, hash, NULL);

	xmlFreeDoc(q->doc);
	return v;
}

/* XEP-0115 §5.2. */
START_TEST(test_simple_generation_example)
{
	xmlNode *q = iot_test_fixture_root("caps/xep0115-simple.xml");
	char *s = iot_disco_caps_string(q, NULL), *ver = iot_disco_caps_compute(q, "sha-1", NULL);
	IotDiscoCaps *caps = iot_disco_caps_new("sha-1", "http://code.google.com/p/exodus", ver);

	ck_assert_str_eq(s, SIMPLE_S);
	ck_assert_str_eq(ver, "QgayPKawpkPSDYmwT/WM94uAlu0=");
	ck_assert(iot_disco_caps_verify(q, caps));
	g_free(caps->ver);
	caps->ver = g_strdup("QgayPKawpkPSDYmwT/WM94uAlu1=");
	ck_assert(!iot_disco_caps_verify(q, caps));
	iot_disco_caps_free(caps);
	g_free(s);
	g_free(ver);
	xmlFreeDoc(q->doc);
}
END_TEST

/* XEP-0115 §5.3: two identities told apart by xml:lang, a software-info form. */
START_TEST(test_complex_generation_example)
{
	xmlNode *q = iot_test_fixture_root("caps/xep0115-complex.xml");
	char *s = iot_disco_caps_string(q, NULL), *ver = iot_disco_caps_compute(q, "sha-1", NULL);

	ck_assert_str_eq(s, "client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<"
	                    "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<"
	                    "http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<"
	                    "ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<");
	ck_assert_str_eq(ver, "q07IKJEyjvHSyhy//CH0CxmKi8w=");
	g_free(s);
	g_free(ver);
	xmlFreeDoc(q->doc);
}
END_TEST

/* Every hash GChecksum offers, by its IANA name (values from Python's hashlib). */
START_TEST(test_other_hashes)
{
	char *xml = iot_test_fixture("caps/xep0115-simple.xml");
	const char *expect[][2] = {
		{ "md5", "65KLdMRhWsklTPilUQXwGw==" },
		{ "sha-256", "Wr6IGEKhx6b9627gBmi/cCmpxXBc/GYq5zWuYfWGWoc=" },
		{ "sha-384", "Nf8JigpWSRF8x8Bvhy7Vzz09f1ZRpn+UWA1rfZ+HYBW+bUsD7RZWpWzMwUIPRIvP" },
		{ "sha-512", "fRSVSbrOODMrPDQyHoSWoR+RemysUcEeGGhMh+kl/hGp9UrJxyDnrh9BymsL57Am/eToRZ/T4s6QBqeC6LVmoQ==" },
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(expect); i++) {
		char *v = ver_of(xml, expect[i][0]);
		ck_assert_msg(v != NULL && strcmp(v, expect[i][1]) == 0, "%s: %s", expect[i][0], v);
		g_free(v);
	}
	ck_assert_ptr_null(ver_of(xml, "sha3-256"));
	ck_assert_ptr_null(ver_of(xml, "SHA-1"));
	ck_assert(!iot_disco_caps_hash_supported(NULL));
	g_free(xml);
}
END_TEST

/* Components sort one after another: "os" before "os1" before "os_version",
 * category "a" before "a-b" (a string compare of the joined text would not). */
START_TEST(test_sorting_is_by_component)
{
	char *s = string_of("<query xmlns='http://jabber.org/protocol/disco#info'>"
	                    "<identity category='a-b' type='x'/><identity category='a' type='y'/>"
	                    "<x xmlns='jabber:x:data' type='result'>"
	                    "<field var='os_version'><value>2</value></field>"
	                    "<field var='os1'><value>b</value><value>a</value></field>"
	                    "<field var='os'><value>1</value></field>"
	                    "<field var='FORM_TYPE' type='hidden'><value>urn:t</value></field></x></query>",
	                    NULL);

	ck_assert_str_eq(s, "a/y//<a-b/x//<urn:t<os<1<os1<a<b<os_version<2<");
	g_free(s);
}
END_TEST

START_TEST(test_ill_formed_answers_are_refused)
{
	const char *bad[] = {
		/* the same identity twice */
		"<identity category='client' type='pc' name='A'/><identity category='client' type='pc' name='A'/>",
		/* the same feature twice */
		"<feature var='urn:a'/><feature var='urn:a'/>",
		/* two forms of one FORM_TYPE */
		"<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:t</value></field></x>"
		"<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:t</value></field></x>",
		/* a FORM_TYPE with two different values */
		"<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:t</value>"
		"<value>urn:u</value></field></x>",
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		char *xml = g_strconcat("<query xmlns='http://jabber.org/protocol/disco#info'>", bad[i], "</query>", NULL);
		GError *e = NULL;
		char *s = string_of(xml, &e);

		ck_assert_msg(s == NULL, "accepted %s", bad[i]);
		ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
		g_error_free(e);
		g_free(xml);
	}
}
END_TEST

/* A form whose FORM_TYPE is not hidden, or that has none, is left out. */
START_TEST(test_forms_that_do_not_count)
{
	char *s = string_of("<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:a'/>"
	                    "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>urn:t</value></field>"
	                    "<field var='f'><value>v</value></field></x>"
	                    "<x xmlns='jabber:x:data' type='result'><field var='f'><value>v</value></field></x></query>",
	                    NULL);

	ck_assert_str_eq(s, "urn:a<");
	g_free(s);
}
END_TEST

START_TEST(test_caps_from_presence_attributes)
{
	IotDiscoCaps *c = iot_disco_caps_new("sha-1", "http://n", "abc=");
	char *key = iot_disco_caps_key(c), *huge = g_strnfill(IOT_MAX_CAPS_ATTR_BYTES + 1, 'v');

	ck_assert(iot_disco_caps_verifiable(c));
	ck_assert_str_eq(key, "sha-1 abc=");
	g_free(key);
	iot_disco_caps_free(c);
	/* Legacy caps (no hash) and unknown algorithms name nothing we can check. */
	c = iot_disco_caps_new(NULL, "http://n", "1.0");
	ck_assert_ptr_nonnull(c);
	ck_assert(!iot_disco_caps_verifiable(c));
	ck_assert_ptr_null(iot_disco_caps_key(c));
	iot_disco_caps_free(c);
	c = iot_disco_caps_new("sha3-256", NULL, "x");
	ck_assert(!iot_disco_caps_verifiable(c));
	iot_disco_caps_free(c);
	ck_assert_ptr_null(iot_disco_caps_new("sha-1", "n", NULL));
	ck_assert_ptr_null(iot_disco_caps_new("sha-1", "n", ""));
	ck_assert_ptr_null(iot_disco_caps_new("sha-1", "n", huge));
	ck_assert_ptr_null(iot_disco_caps_new("sha-1", huge, "v"));
	ck_assert(!iot_disco_caps_verifiable(NULL));
	g_free(huge);
}
END_TEST

typedef struct {
	int calls;
	char *verified_xml;
	gboolean had_info;
	int code;
} Got;

static void
caps_cb(const IotDiscoInfo *info, const char *verified_xml, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	g->had_info = info != NULL && iot_disco_info_has(info, "http://jabber.org/protocol/muc");
	g->verified_xml = g_strdup(verified_xml);
	g->code = error ? error->code : -1;
}

START_TEST(test_query_asks_the_caps_node_and_verifies)
{
	char *xml = iot_test_fixture("caps/xep0115-simple.xml"), *answer, *node;
	IotDiscoCaps *caps = iot_disco_caps_new("sha-1", "http://code.google.com/p/exodus", "QgayPKawpkPSDYmwT/WM94uAlu0=");
	Got got = { 0 };
	IotDiscoInfo *back;
	GError *e = NULL;

	iot_disco_caps_query(fake_table, "bob@example.org/pc", caps, 5000, caps_cb, &got, NULL);
	node = fake_transport_last_attr(fake_ft, "query", "node");
	ck_assert_str_eq(node, "http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0=");
	answer = g_strconcat("<iq type='result'>", xml, "</iq>", NULL);
	ck_assert(fake_table_answer("bob@example.org/pc", NULL, answer));
	ck_assert_int_eq(got.calls, 1);
	ck_assert(got.had_info);
	ck_assert_ptr_nonnull(got.verified_xml);
	/* What the store keeps reads back, and verifies again. */
	back = iot_disco_caps_info_from_xml(got.verified_xml, caps, &e);
	ck_assert_msg(back != NULL, "%s", e ? e->message : "");
	ck_assert(iot_disco_info_has(back, "http://jabber.org/protocol/disco#items"));
	iot_disco_info_free(back);
	g_free(got.verified_xml);

	/* Another ver: the answer holds for this resource only. */
	memset(&got, 0, sizeof got);
	g_free(caps->ver);
	caps->ver = g_strdup("AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
	iot_disco_caps_query(fake_table, "bob@example.org/pc", caps, 5000, caps_cb, &got, NULL);
	ck_assert(fake_table_answer("bob@example.org/pc", NULL, answer));
	ck_assert_int_eq(got.calls, 1);
	ck_assert(got.had_info);
	ck_assert_ptr_null(got.verified_xml);
	back = iot_disco_caps_info_from_xml(xml, caps, &e);
	ck_assert_ptr_null(back);
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);

	/* No caps: no node, nothing verified. An error ends it once. */
	memset(&got, 0, sizeof got);
	iot_disco_caps_query(fake_table, "bob@example.org/pc", NULL, 5000, caps_cb, &got, NULL);
	g_free(node);
	node = fake_transport_last_attr(fake_ft, "query", "node");
	ck_assert_ptr_null(node);
	ck_assert(fake_table_answer("bob@example.org/pc", NULL,
	                            "<iq type='error'><error type='cancel'><service-unavailable "
	                            "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
	ck_assert_int_eq(got.calls, 1);
	ck_assert(!got.had_info);
	ck_assert_int_eq(got.code, IOT_ERROR_NOT_IMPLEMENTED);
	iot_disco_caps_free(caps);
	g_free(answer);
	g_free(xml);
}
END_TEST

Suite *
iot_disco_caps_suite(void)
{
	Suite *s = suite_create("disco-caps");
	TCase *tc = tcase_create("caps");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_simple_generation_example);
	tcase_add_test(tc, test_complex_generation_example);
	tcase_add_test(tc, test_other_hashes);
	tcase_add_test(tc, test_sorting_is_by_component);
	tcase_add_test(tc, test_ill_formed_answers_are_refused);
	tcase_add_test(tc, test_forms_that_do_not_count);
	tcase_add_test(tc, test_caps_from_presence_attributes);
	tcase_add_test(tc, test_query_asks_the_caps_node_and_verifies);
	suite_add_tcase(s, tc);
	return s;
}
