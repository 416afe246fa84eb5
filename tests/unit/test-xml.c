/* test-xml.c — the libxml2 utilities (iot-xml.c) and stanza errors
 * (iot-error.c). */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

static void
free_root(xmlNode *root)
{
	xmlFreeDoc(root->doc);
}

START_TEST(parse_well_formed_only)
{
	static const char *const bad[] = {
		"", "<a>", "<a></b>", "<a/><b/>", "text", "<a x='1' x='2'/>", "<a>&undefined;</a>",
		"\xff\xfe<a/>",
	};
	GError *error = NULL;
	xmlDoc *doc;
	guint i;

	doc = iot_xml_parse("<a xmlns='urn:x'><b/>t</a>", -1, &error);
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_null(error);
	xmlFreeDoc(doc);
	/* An explicit length: the rest of the buffer is not read. */
	doc = iot_xml_parse("<a/>garbage", 4, &error);
	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		doc = iot_xml_parse(bad[i], -1, &error);
		ck_assert_msg(doc == NULL, "accepted “%s”", bad[i]);
		ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
		g_clear_error(&error);
	}
}
END_TEST

START_TEST(parse_refuses_dtds)
{
	/* RFC 6120 §11.1; also what keeps entity expansion ("billion laughs")
	 * and external entities away from every reader. */
	static const char *const dtds[] = {
		"<!DOCTYPE a [<!ENTITY e 'boom'>]><a v='&e;'>&e;</a>",
		"<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>",
		"<!DOCTYPE a SYSTEM 'http://example.org/a.dtd'><a/>",
		("<!DOCTYPE a [<!ENTITY l0 'ha'><!ENTITY l1 '&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;'>"
		 "<!ENTITY l2 '&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;'>]><a>&l2;</a>"),
	};
	GError *error = NULL;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(dtds); i++) {
		ck_assert_ptr_null(iot_xml_parse(dtds[i], -1, &error));
		ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
		g_clear_error(&error);
	}
}
END_TEST

START_TEST(billion_laughs_fixture)
{
	char *xml = iot_test_fixture("sd/hostile/billion-laughs.xml");
	GError *error = NULL;

	ck_assert_ptr_null(iot_xml_parse(xml, -1, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	g_free(xml);
}
END_TEST

START_TEST(navigation)
{
	xmlNode *root = iot_test_parse("<r xmlns='urn:a'>text<!-- c --><x/> <y xmlns='urn:b'/><x n='2'/>"
	                               "<?pi?><z xmlns=''/></r>");
	xmlNode *x, *y, *z;

	ck_assert_str_eq(iot_xml_ns(root), "urn:a");
	x = iot_xml_first(root);
	ck_assert(iot_xml_is(x, "x", "urn:a"));
	ck_assert(iot_xml_is(x, "x", NULL));
	ck_assert(!iot_xml_is(x, "x", "urn:b"));
	ck_assert(!iot_xml_is(x, "y", NULL));
	y = iot_xml_next(x);
	ck_assert(iot_xml_is(y, "y", "urn:b"));
	ck_assert_str_eq(iot_xml_attr(iot_xml_next(y), "n"), "2");
	z = iot_xml_next(iot_xml_next(y));
	ck_assert(iot_xml_is(z, "z", NULL));
	ck_assert_ptr_null(iot_xml_ns(z));
	ck_assert_ptr_null(iot_xml_next(z));
	ck_assert_ptr_eq(iot_xml_child(root, "y", NULL), y);
	ck_assert_ptr_eq(iot_xml_child(root, "y", "urn:b"), y);
	ck_assert_ptr_null(iot_xml_child(root, "y", "urn:a"));
	ck_assert_ptr_null(iot_xml_child(root, "missing", NULL));
	/* Everything is NULL-tolerant: parsers never check before asking. */
	ck_assert_ptr_null(iot_xml_first(NULL));
	ck_assert_ptr_null(iot_xml_next(NULL));
	ck_assert_ptr_null(iot_xml_child(NULL, "x", NULL));
	ck_assert_ptr_null(iot_xml_ns(NULL));
	ck_assert(!iot_xml_is(NULL, "x", NULL));
	ck_assert_ptr_null(iot_xml_attr(NULL, "n"));
	ck_assert_ptr_null(iot_xml_text(NULL, 10, NULL));
	free_root(root);
}
END_TEST

START_TEST(attributes)
{
	xmlNode *root = iot_test_parse("<r xmlns:p='urn:p' a='1' b='' p:c='x' t1='true' t2='1' f1='false'"
	                               " f2='0' odd='TRUE' esc='a&amp;b&lt;&#x263A;'/>");

	ck_assert_str_eq(iot_xml_attr(root, "a"), "1");
	ck_assert_str_eq(iot_xml_attr(root, "b"), "");
	/* Only un-prefixed attributes are ours. */
	ck_assert_ptr_null(iot_xml_attr(root, "c"));
	ck_assert_str_eq(iot_xml_attr(root, "esc"), "a&b<☺");
	ck_assert_str_eq(iot_xml_attr2(root, "missing", "a"), "1");
	ck_assert_str_eq(iot_xml_attr2(root, "b", "a"), "");
	ck_assert_ptr_null(iot_xml_attr2(root, "missing", NULL));
	ck_assert(iot_xml_attr_bool(root, "t1", FALSE));
	ck_assert(iot_xml_attr_bool(root, "t2", FALSE));
	ck_assert(!iot_xml_attr_bool(root, "f1", TRUE));
	ck_assert(!iot_xml_attr_bool(root, "f2", TRUE));
	ck_assert(iot_xml_attr_bool(root, "odd", TRUE));
	ck_assert(!iot_xml_attr_bool(root, "odd", FALSE));
	ck_assert(iot_xml_attr_bool(root, "missing", TRUE));
	free_root(root);
}
END_TEST

START_TEST(text_bounded)
{
	xmlNode *root = iot_test_parse("<r>ab<i>cd</i><![CDATA[<e>]]>é€</r>");
	gboolean cut = TRUE;
	char *t;

	t = iot_xml_text(root, 100, &cut);
	ck_assert_str_eq(t, "abcd<e>é€");
	ck_assert(!cut);
	g_free(t);
	/* "abcd<e>" is 7 bytes, é 2, € 3: a cut inside € backs up to after é. */
	t = iot_xml_text(root, 10, &cut);
	ck_assert_str_eq(t, "abcd<e>é");
	ck_assert(cut);
	g_free(t);
	t = iot_xml_text(root, 8, &cut);
	ck_assert_str_eq(t, "abcd<e>");
	ck_assert(cut);
	g_free(t);
	t = iot_xml_text(root, 0, NULL);
	ck_assert_str_eq(t, "");
	g_free(t);
	free_root(root);
}
END_TEST

START_TEST(text_large_is_bounded)
{
	GString *s = g_string_new("<r>");
	xmlNode *root;
	gboolean cut = FALSE;
	char *t;
	guint i;

	for (i = 0; i < 100000; i++)
		g_string_append(s, "<b>xyz</b>");
	g_string_append(s, "</r>");
	root = iot_test_parse(s->str);
	t = iot_xml_text(root, IOT_MAX_ERROR_TEXT, &cut);
	ck_assert(cut);
	ck_assert_uint_eq(strlen(t), IOT_MAX_ERROR_TEXT);
	g_free(t);
	free_root(root);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(build)
{
	xmlNode *n = iot_xml_new("req", "urn:xmpp:iot:sensordata"), *c;
	char *s;

	iot_xml_set(n, "seqnr", "1");
	iot_xml_set(n, "skipped", NULL);
	c = iot_xml_add(n, "field");
	iot_xml_set(c, "name", "a<b & \"c\"");
	iot_xml_set_text(iot_xml_add(n, "t"), "x<y&z");
	iot_xml_set_text(c, NULL);
	ck_assert_str_eq(iot_xml_ns(c), "urn:xmpp:iot:sensordata");
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<req xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"1\">"
	                    "<field name=\"a&lt;b &amp; &quot;c&quot;\"/><t>x&lt;y&amp;z</t></req>");
	g_free(s);
	xmlFreeNode(n);
	n = iot_xml_new("plain", NULL);
	ck_assert_ptr_null(iot_xml_ns(n));
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<plain/>");
	g_free(s);
	xmlFreeNode(n);
}
END_TEST

START_TEST(valid_text)
{
	ck_assert(iot_xml_is_valid_text(""));
	ck_assert(iot_xml_is_valid_text("Temperatur °C\t\r\n☺"));
	ck_assert(!iot_xml_is_valid_text(NULL));
	ck_assert(!iot_xml_is_valid_text("bell\a"));
	ck_assert(!iot_xml_is_valid_text("\x1b[31m"));
	ck_assert(!iot_xml_is_valid_text("\xc3"));
	ck_assert(!iot_xml_is_valid_text("\xef\xbf\xbf"));
}
END_TEST

/* ---- iot_error_from_stanza ----------------------------------------------- */

static GError *
error_of(const char *xml)
{
	xmlNode *root = iot_test_parse(xml);
	GError *e = iot_error_from_stanza(root);

	free_root(root);
	ck_assert_ptr_nonnull(e);
	ck_assert(e->domain == IOT_ERROR);
	return e;
}

static GError *
error_of_fixture(const char *path)
{
	xmlNode *root = iot_test_fixture_root(path);
	GError *e = iot_error_from_stanza(root);

	free_root(root);
	return e;
}

START_TEST(rfc_error_with_text)
{
	GError *e = error_of_fixture("sd/xsf-rejected.xml");

	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "Access denied.");
	g_error_free(e);
}
END_TEST

START_TEST(rfc_error_without_text)
{
	static const struct {
		const char *condition;
		IotErrorCode code;
	} cases[] = {
		{ "item-not-found", IOT_ERROR_NOT_FOUND },
		{ "bad-request", IOT_ERROR_BAD_REQUEST },
		{ "not-acceptable", IOT_ERROR_BAD_REQUEST },
		{ "service-unavailable", IOT_ERROR_NOT_IMPLEMENTED },
		{ "feature-not-implemented", IOT_ERROR_NOT_IMPLEMENTED },
		{ "remote-server-timeout", IOT_ERROR_UNAVAILABLE },
		{ "conflict", IOT_ERROR_CONFLICT },
		{ "not-authorized", IOT_ERROR_REJECTED },
		{ "internal-server-error", IOT_ERROR_FAILED },
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *xml = g_strdup_printf("<iq type='error' id='x'><error type='cancel'>"
		                            "<%s xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
		                            "</error></iq>",
		                            cases[i].condition);
		GError *e = error_of(xml);

		ck_assert_int_eq(e->code, cases[i].code);
		/* No text from the peer: the condition name stands in. */
		ck_assert_str_eq(e->message, cases[i].condition);
		g_error_free(e);
		g_free(xml);
	}
	ck_assert_str_eq(iot_error_condition_name(IOT_ERROR_NOT_FOUND), "item-not-found");
	ck_assert_str_eq(iot_error_condition_name(IOT_ERROR_TIMEOUT), "undefined-condition");
}
END_TEST

START_TEST(rfc_error_odd_shapes)
{
	GError *e;

	/* Text before the condition, blank text, unknown condition. */
	e = error_of("<iq type='error'><error type='modify'>"
	             "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>  Nope  </text>"
	             "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_BAD_REQUEST);
	ck_assert_str_eq(e->message, "Nope");
	g_error_free(e);
	e = error_of("<iq type='error'><error><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	             "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>   </text></error></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "forbidden");
	g_error_free(e);
	e = error_of("<iq type='error'><error><made-up xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	             "</error></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_FAILED);
	ck_assert_str_eq(e->message, "made-up");
	g_error_free(e);
	e = error_of("<iq type='error'/>");
	ck_assert_int_eq(e->code, IOT_ERROR_FAILED);
	ck_assert_str_eq(e->message, "undefined-condition");
	g_error_free(e);
}
END_TEST

START_TEST(rfc_error_text_bounded)
{
	GString *s = g_string_new("<iq type='error'><error><forbidden "
	                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text "
	                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>");
	GError *e;
	guint i;

	for (i = 0; i < 5000; i++)
		g_string_append(s, "é");
	g_string_append(s, "</text></error></iq>");
	e = error_of(s->str);
	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_uint_le(strlen(e->message), IOT_MAX_ERROR_TEXT);
	ck_assert(g_utf8_validate(e->message, -1, NULL));
	g_error_free(e);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(legacy_rejected)
{
	/* slixmpp 1.8.3 (captured) and XEP-0323 v0.1: no RFC <error/> at all. */
	GError *e = error_of_fixture("sd/slixmpp/rejected-1.xml");

	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "Invalid nodeId Nope");
	g_error_free(e);
	e = error_of_fixture("sd/sn-rejected.xml");
	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "Access denied.");
	g_error_free(e);
	e = error_of("<iq type='error'><rejected xmlns='urn:xmpp:iot:sensordata' seqnr='3'/></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "rejected");
	g_error_free(e);
}
END_TEST

START_TEST(legacy_set_response)
{
	GError *e;

	/* As slixmpp's xep_0325 answers a failed set (protocols.md §11.3). */
	e = error_of("<iq type='error' to='client@example.org/c' id='C2'><setResponse "
	             "xmlns='urn:xmpp:iot:control' responseCode='NotFound'><parameter "
	             "name='Output' /><error var='Output'>Invalid field Output</error>"
	             "</setResponse></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_NOT_FOUND);
	ck_assert_str_eq(e->message, "Invalid field Output");
	g_error_free(e);
	e = error_of("<iq type='error'><setResponse xmlns='urn:xmpp:iot:control' "
	             "responseCode='InsufficientPrivileges'/></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "InsufficientPrivileges");
	g_error_free(e);
	e = error_of("<iq type='error'><setResponse xmlns='urn:xmpp:iot:control' "
	             "responseCode='Locked'/></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_CONFLICT);
	g_error_free(e);
	/* An RFC condition wins over a legacy code; the legacy text still helps. */
	e = error_of("<iq type='error'><setResponse xmlns='urn:xmpp:iot:control' "
	             "responseCode='NotFound'><error var='x'>Gone</error></setResponse>"
	             "<error type='cancel'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	             "</error></iq>");
	ck_assert_int_eq(e->code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(e->message, "Gone");
	g_error_free(e);
}
END_TEST

Suite *
iot_xml_suite(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("utilities");

	tcase_add_test(tc, parse_well_formed_only);
	tcase_add_test(tc, parse_refuses_dtds);
	tcase_add_test(tc, billion_laughs_fixture);
	tcase_add_test(tc, navigation);
	tcase_add_test(tc, attributes);
	tcase_add_test(tc, text_bounded);
	tcase_add_test(tc, text_large_is_bounded);
	tcase_add_test(tc, build);
	tcase_add_test(tc, valid_text);
	suite_add_tcase(s, tc);
	tc = tcase_create("stanza-errors");
	tcase_add_test(tc, rfc_error_with_text);
	tcase_add_test(tc, rfc_error_without_text);
	tcase_add_test(tc, rfc_error_odd_shapes);
	tcase_add_test(tc, rfc_error_text_bounded);
	tcase_add_test(tc, legacy_rejected);
	tcase_add_test(tc, legacy_set_response);
	suite_add_tcase(s, tc);
	return s;
}
