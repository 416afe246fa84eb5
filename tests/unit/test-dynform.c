/* test-dynform.c — XEP-0336 dynamic forms: the post-back and cancel
 * elements, reading a new form (answer or push), keeping a person's edits
 * across it, the baseline of values a dialog compares against, and the
 * post-back and cancel over the request table with a fake transport. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-dynform.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"
#include "test-dataform.h"

#include <stdarg.h>
#include <string.h>

Suite *iot_dynform_suite(void);

#define PEER "form@home.example/hw"
#define SESSION "009c7956-001c-43fb-8edb-76bcf74272c9"

static IotFormField *
add(IotDataForm *form, IotFormFieldType type, const char *var, const char *first_value, ...)
{
	IotFormField *f = iot_form_field_new(type, var);
	const char *v;
	va_list ap;

	va_start(ap, first_value);
	for (v = first_value; v != NULL; v = va_arg(ap, const char *))
		g_ptr_array_add(f->values, g_strdup(v));
	va_end(ap);
	ck_assert(iot_dataform_add_field(form, f));
	return f;
}

/* A control form with a session, a text, a multi-valued list, a boolean
 * without a value and a value XML cannot carry. */
static IotDataForm *
sample_form(gboolean with_session)
{
	IotDataForm *form = iot_dataform_new(IOT_FORM_FORM);

	if (with_session)
		add(form, IOT_FORM_FIELD_HIDDEN, IOT_DATAFORM_SESSION_VAR, SESSION, NULL);
	add(form, IOT_FORM_FIELD_FIXED, NULL, "Lights", NULL);
	add(form, IOT_FORM_FIELD_TEXT_SINGLE, "Level", "40", NULL);
	add(form, IOT_FORM_FIELD_LIST_MULTI, "Days", "Mon", "Wed", NULL);
	add(form, IOT_FORM_FIELD_BOOLEAN, "Power", NULL);
	add(form, IOT_FORM_FIELD_TEXT_SINGLE, "Odd", "a\x01z", NULL);
	return form;
}

/* @n serialised (and freed), parsed back as a document. */
static xmlNode *
reparse(xmlNode *n, char **text)
{
	char *s = iot_xml_to_string(n);
	xmlNode *root = iot_test_parse(s);

	xmlFreeNode(n);
	if (text)
		*text = s;
	else
		g_free(s);
	return root;
}

static const char *
value_at(const IotFormField *f, guint i)
{
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_gt(f->values->len, i);
	return g_ptr_array_index(f->values, i);
}

START_TEST(test_build_post_back)
{
	IotDataForm *form = sample_form(TRUE), *sent;
	xmlNode *root, *x;
	xmlChar *lang;
	char *text;

	root = reparse(iot_dynform_build_post_back(form, "de"), &text);
	ck_assert(iot_xml_is(root, "submit", IOT_NS_XDATA_DYNAMIC));
	lang = xmlNodeGetLang(root);
	ck_assert_str_eq((const char *)lang, "de");
	xmlFree(lang);
	x = iot_xml_first(root);
	ck_assert(iot_xml_is(x, "x", IOT_NS_XDATA));
	ck_assert_ptr_null(iot_xml_next(x));
	ck_assert_str_eq(iot_xml_attr(x, "type"), "submit");
	sent = iot_dataform_parse(x, NULL);
	/* Every field but the fixed one, in form order, the session included. */
	ck_assert_uint_eq(sent->fields->len, 5);
	ck_assert_str_eq(((IotFormField *)g_ptr_array_index(sent->fields, 0))->var,
	                 IOT_DATAFORM_SESSION_VAR);
	ck_assert_str_eq(iot_dataform_session(sent), SESSION);
	ck_assert_str_eq(value_at(iot_dataform_find(sent, "Level"), 0), "40");
	ck_assert_uint_eq(iot_dataform_find(sent, "Days")->values->len, 2);
	ck_assert_str_eq(value_at(iot_dataform_find(sent, "Days"), 1), "Wed");
	ck_assert_int_eq(iot_dataform_find(sent, "Days")->type, IOT_FORM_FIELD_LIST_MULTI);
	ck_assert_uint_eq(iot_dataform_find(sent, "Power")->values->len, 0);
	ck_assert_uint_eq(iot_dataform_find(sent, "Odd")->values->len, 0);
	ck_assert(strstr(text, "Lights") == NULL);
	ck_assert(strstr(text, "fixed") == NULL);
	iot_dataform_free(sent);
	g_free(text);
	xmlFreeDoc(root->doc);

	/* No language, or one XML cannot carry: no xml:lang. */
	root = reparse(iot_dynform_build_post_back(form, NULL), &text);
	ck_assert(strstr(text, "lang") == NULL);
	g_free(text);
	xmlFreeDoc(root->doc);
	root = reparse(iot_dynform_build_post_back(form, "d\x01"), &text);
	ck_assert(strstr(text, "lang") == NULL);
	g_free(text);
	xmlFreeDoc(root->doc);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_build_cancel)
{
	IotDataForm *form = sample_form(TRUE), *plain = sample_form(FALSE);
	char *text;
	xmlNode *root;

	root = reparse(iot_dynform_build_cancel(form), &text);
	ck_assert_str_eq(text, "<cancel xmlns=\"urn:xmpp:xdata:dynamic\"><x xmlns=\"jabber:x:data\" "
	                       "type=\"submit\"><field var=\"xdd session\" type=\"hidden\"><value>"
	                       SESSION "</value></field></x></cancel>");
	g_free(text);
	xmlFreeDoc(root->doc);
	ck_assert_ptr_null(iot_dynform_build_cancel(plain));
	/* A session field that is not hidden is no session. */
	add(plain, IOT_FORM_FIELD_TEXT_SINGLE, IOT_DATAFORM_SESSION_VAR, "s", NULL);
	ck_assert_ptr_null(iot_dynform_build_cancel(plain));
	iot_dataform_free(plain);
	iot_dataform_free(form);
}
END_TEST

static IotDataForm *
answer_of(const char *xml, GError **error)
{
	xmlNode *root = iot_test_parse(xml);
	IotDataForm *form = iot_dynform_parse_answer(root, error);

	xmlFreeDoc(root->doc);
	return form;
}

START_TEST(test_parse_answer)
{
	xmlNode *root = iot_test_fixture_root("forms/xep0336-postback-answer.xml");
	IotDataForm *form;
	GError *error = NULL;
	guint i;
	static const char *const bad[] = {
		"<iq type='result'/>",
		"<iq type='result'><x xmlns='jabber:x:data' type='submit'/></iq>",
		"<iq type='result'><x xmlns='urn:other' type='form'/></iq>",
		"<iq type='result'><submit xmlns='urn:other'><x xmlns='jabber:x:data' type='form'/></submit></iq>",
		"<iq type='result'><submit xmlns='urn:xmpp:xdata:dynamic'/></iq>",
		"<field xmlns='jabber:x:data'/>",
	};

	/* The <x/> as the iq's child (XEP-0336 §3.2). */
	form = iot_dynform_parse_answer(root, &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(iot_dataform_session(form), SESSION);
	ck_assert_str_eq(value_at(iot_dataform_find(form, "Country_ISO_3166_1"), 0), "SE");
	ck_assert(iot_dataform_find(form, "Region")->post_back);
	iot_dataform_free(form);
	/* The <x/> itself. */
	form = iot_dynform_parse_answer(iot_xml_first(root), &error);
	ck_assert_ptr_nonnull(form);
	iot_dataform_free(form);
	xmlFreeDoc(root->doc);

	/* Inside a <submit/>, in both namespaces of the XEP's history. */
	form = answer_of("<iq type='result'><submit xmlns='urn:xmpp:xdata:dynamic'><x xmlns='jabber:x:data' "
	                 "type='form'><field var='A'/></x></submit></iq>", &error);
	ck_assert_ptr_nonnull(iot_dataform_find(form, "A"));
	iot_dataform_free(form);
	form = answer_of("<iq type='result'><submit xmlns='http://jabber.org/protocol/xdata-dynamic'><x "
	                 "xmlns='jabber:x:data' type='form'><field var='B'/></x></submit></iq>", &error);
	ck_assert_ptr_nonnull(iot_dataform_find(form, "B"));
	iot_dataform_free(form);
	ck_assert_ptr_null(error);

	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		ck_assert_msg(answer_of(bad[i], &error) == NULL, "%s", bad[i]);
		ck_assert_msg(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED), "%s", bad[i]);
		g_clear_error(&error);
	}
	ck_assert_ptr_null(iot_dynform_parse_answer(NULL, NULL));
}
END_TEST

START_TEST(test_parse_updated)
{
	xmlNode *root = iot_test_fixture_root("forms/xep0336-updated.xml"), *c;
	IotDataForm *form;
	GError *error = NULL;
	char *session = (char *)"junk";

	/* Any child of a message may be offered; only <updated/> is read. */
	c = iot_xml_first(root);
	form = iot_dynform_parse_updated(c, &session, &error);
	ck_assert_ptr_nonnull(form);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(session, SESSION);
	ck_assert(iot_dataform_find(form, "Level")->read_only);
	iot_dataform_free(form);
	g_free(session);
	session = (char *)"junk";
	ck_assert_ptr_null(iot_dynform_parse_updated(root, &session, &error));
	ck_assert_ptr_null(session);
	ck_assert_ptr_null(error);
	xmlFreeDoc(root->doc);

	/* Another session variable; a form without it has no session. */
	root = iot_test_parse("<updated xmlns='http://jabber.org/protocol/xdata-dynamic' sessionVariable='sid'>"
	                      "<x xmlns='jabber:x:data' type='form'><field var='sid' type='hidden'>"
	                      "<value>7</value></field></x></updated>");
	form = iot_dynform_parse_updated(root, &session, NULL);
	ck_assert_str_eq(session, "7");
	iot_dataform_free(form);
	g_free(session);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<updated xmlns='urn:xmpp:xdata:dynamic'><x xmlns='jabber:x:data' "
	                      "type='form'><field var='A'/></x></updated>");
	form = iot_dynform_parse_updated(root, &session, NULL);
	ck_assert_ptr_nonnull(form);
	ck_assert_ptr_null(session);
	iot_dataform_free(form);
	xmlFreeDoc(root->doc);

	/* An <updated/> without a form is an error; other elements are not. */
	root = iot_test_parse("<updated xmlns='urn:xmpp:xdata:dynamic'/>");
	ck_assert_ptr_null(iot_dynform_parse_updated(root, NULL, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<updated xmlns='urn:other'><x xmlns='jabber:x:data' type='form'/></updated>");
	ck_assert_ptr_null(iot_dynform_parse_updated(root, NULL, &error));
	ck_assert_ptr_null(error);
	xmlFreeDoc(root->doc);
}
END_TEST

/* The pushed <updated/> among a message's children, as the stream hands
 * them over: what iot_dynform_is_updated() picks. */
static const xmlNode *
push_of(const xmlNode *message)
{
	const xmlNode *c, *found = NULL;

	for (c = iot_xml_first(message); c != NULL; c = iot_xml_next(c))
		if (iot_dynform_is_updated(c)) {
			ck_assert_ptr_null(found);
			found = c;
		}
	return found;
}

/* A push is a push in either namespace of XEP-0336, as forms are. */
START_TEST(test_pushes_in_both_namespaces)
{
	static const char *const fixtures[] = { "forms/xep0336-updated.xml",
		                                "forms/xep0336-updated-old-namespace.xml" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(fixtures); i++) {
		xmlNode *message = iot_test_fixture_root(fixtures[i]);
		const xmlNode *push = push_of(message);
		char *session = NULL;
		IotDataForm *form;

		ck_assert_msg(push != NULL, "%s: no push found", fixtures[i]);
		ck_assert(iot_dataform_is_dynamic_ns(iot_xml_ns(push)));
		form = iot_dynform_parse_updated(push, &session, NULL);
		ck_assert_ptr_nonnull(form);
		ck_assert_str_eq(session, SESSION);
		ck_assert(iot_dataform_find(form, "Level")->read_only);
		iot_dataform_free(form);
		g_free(session);
		xmlFreeDoc(message->doc);
	}
	ck_assert(iot_dataform_is_dynamic_ns("urn:xmpp:xdata:dynamic"));
	ck_assert(iot_dataform_is_dynamic_ns("http://jabber.org/protocol/xdata-dynamic"));
	ck_assert(!iot_dataform_is_dynamic_ns("jabber:x:data"));
	ck_assert(!iot_dataform_is_dynamic_ns(NULL));
	ck_assert(!iot_dynform_is_updated(NULL));
}
END_TEST

START_TEST(test_carry_edits)
{
	IotDataForm *prev = iot_dataform_new(IOT_FORM_FORM), *next = iot_dataform_new(IOT_FORM_FORM);
	const char *two[] = { "Mon", "Fri", NULL };

	add(prev, IOT_FORM_FIELD_TEXT_SINGLE, "Kept", "1", NULL);
	add(prev, IOT_FORM_FIELD_LIST_MULTI, "Multi", "Mon", NULL);
	add(prev, IOT_FORM_FIELD_TEXT_SINGLE, "Locked", "1", NULL);
	add(prev, IOT_FORM_FIELD_TEXT_SINGLE, "Retyped", "1", NULL);
	add(prev, IOT_FORM_FIELD_TEXT_SINGLE, "Faulty", "1", NULL);
	add(prev, IOT_FORM_FIELD_TEXT_SINGLE, "Untouched", "1", NULL);
	add(prev, IOT_FORM_FIELD_TEXT_SINGLE, "Gone", "1", NULL);
	ck_assert(iot_dataform_set_value(prev, "Kept", "person"));
	ck_assert(iot_dataform_set_values(prev, "Multi", two));
	ck_assert(iot_dataform_set_value(prev, "Locked", "person"));
	ck_assert(iot_dataform_set_value(prev, "Retyped", "person"));
	ck_assert(iot_dataform_set_value(prev, "Faulty", "person"));
	ck_assert(iot_dataform_set_value(prev, "Gone", "person"));

	add(next, IOT_FORM_FIELD_TEXT_SINGLE, "Kept", "thing", NULL);
	add(next, IOT_FORM_FIELD_LIST_MULTI, "Multi", NULL);
	add(next, IOT_FORM_FIELD_TEXT_SINGLE, "Locked", "thing", NULL)->read_only = TRUE;
	add(next, IOT_FORM_FIELD_BOOLEAN, "Retyped", "true", NULL);
	add(next, IOT_FORM_FIELD_TEXT_SINGLE, "Faulty", "person", NULL)->error = g_strdup("Too big.");
	add(next, IOT_FORM_FIELD_TEXT_SINGLE, "Untouched", "thing", NULL);
	add(next, IOT_FORM_FIELD_TEXT_SINGLE, "New", "thing", NULL);

	iot_dynform_carry_edits(next, prev);
	ck_assert_str_eq(value_at(iot_dataform_find(next, "Kept"), 0), "person");
	ck_assert(iot_dataform_find(next, "Kept")->edited);
	ck_assert_uint_eq(iot_dataform_find(next, "Multi")->values->len, 2);
	ck_assert_str_eq(value_at(iot_dataform_find(next, "Multi"), 1), "Fri");
	ck_assert(iot_dataform_find(next, "Multi")->edited);
	/* The thing's word wins where it locked, retyped or faulted a field. */
	ck_assert_str_eq(value_at(iot_dataform_find(next, "Locked"), 0), "thing");
	ck_assert(!iot_dataform_find(next, "Locked")->edited);
	ck_assert_str_eq(value_at(iot_dataform_find(next, "Retyped"), 0), "true");
	ck_assert(!iot_dataform_find(next, "Retyped")->edited);
	ck_assert_str_eq(iot_dataform_find(next, "Faulty")->error, "Too big.");
	ck_assert(!iot_dataform_find(next, "Faulty")->edited);
	ck_assert_str_eq(value_at(iot_dataform_find(next, "Untouched"), 0), "thing");
	ck_assert(!iot_dataform_find(next, "Untouched")->edited);
	ck_assert(!iot_dataform_find(next, "New")->edited);
	ck_assert_ptr_null(iot_dataform_find(next, "Gone"));
	iot_dataform_free(prev);
	iot_dataform_free(next);
}
END_TEST

/* Fields a post-back brought count as changed only once the person edits
 * them; the baseline can be copied and moved on after a send. */
START_TEST(test_new_fields_and_the_baseline)
{
	IotDataForm *prev = dataform_test_load("forms/xep0336-postback.xml");
	IotDataForm *next = dataform_test_load("forms/xep0336-postback-answer.xml");
	IotFormValues *orig = iot_dataform_snapshot(prev), *copy;
	const char *se[] = { "SE", NULL }, *ab[] = { "AB", NULL };
	const char *const *got;
	GPtrArray *changed, *many = g_ptr_array_new_with_free_func(g_free);
	guint n, i;
	xmlNode *submit;

	iot_dataform_set_value(prev, "Country_ISO_3166_1", "SE");
	iot_dynform_carry_edits(next, prev);
	/* Region is the thing's addition: not changed, not submitted. */
	ck_assert(!iot_dataform_field_changed(iot_dataform_find(next, "Region"), orig));
	changed = iot_dataform_changed(next, orig);
	ck_assert_uint_eq(changed->len, 1);
	ck_assert_str_eq(((IotFormField *)g_ptr_array_index(changed, 0))->var, "Country_ISO_3166_1");
	g_ptr_array_unref(changed);
	submit = iot_dataform_build_submit(next, orig, &n);
	ck_assert_uint_eq(n, 1);
	xmlFreeNode(submit);
	ck_assert(iot_dataform_set_value(next, "Region", "AB"));
	ck_assert(iot_dataform_field_changed(iot_dataform_find(next, "Region"), orig));

	/* A copy is independent; set moves one field's baseline. */
	copy = iot_form_values_copy(orig);
	iot_form_values_set(copy, "Country_ISO_3166_1", se);
	iot_form_values_set(copy, "Region", ab);
	ck_assert_str_eq(iot_form_values_get(orig, "Country_ISO_3166_1")[0], "");
	ck_assert_ptr_null(iot_form_values_get(orig, "Region"));
	ck_assert_str_eq(iot_form_values_get(copy, "Country_ISO_3166_1")[0], "SE");
	ck_assert_str_eq(iot_form_values_get(copy, IOT_DATAFORM_SESSION_VAR)[0], SESSION);
	changed = iot_dataform_changed(next, copy);
	ck_assert_uint_eq(changed->len, 0);
	g_ptr_array_unref(changed);
	/* NULL = known, with no values; bounded like a form's values. */
	iot_form_values_set(copy, "Region", NULL);
	got = iot_form_values_get(copy, "Region");
	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_null(got[0]);
	for (i = 0; i < IOT_MAX_FORM_VALUES + 10; i++)
		g_ptr_array_add(many, g_strdup_printf("%u", i));
	g_ptr_array_add(many, NULL);
	iot_form_values_set(copy, "Many", (const char *const *)many->pdata);
	ck_assert_uint_eq(g_strv_length((char **)iot_form_values_get(copy, "Many")),
	                  IOT_MAX_FORM_VALUES);
	g_ptr_array_unref(many);
	iot_form_values_free(copy);
	iot_form_values_free(orig);
	iot_dataform_free(prev);
	iot_dataform_free(next);
}
END_TEST

/* --- over the request table --------------------------------------------------- */

typedef struct {
	int calls, frees;
	IotDataForm *form;
	GError *error;
} Got;

static void
form_cb(IotDataForm *form, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	g->form = form;
	g->error = error ? g_error_copy(error) : NULL;
	ck_assert((form == NULL) != (error == NULL));
}

static void
got_free(gpointer data)
{
	((Got *)data)->frees++;
}

static void
got_clear(Got *g)
{
	iot_dataform_free(g->form);
	g_clear_error(&g->error);
	memset(g, 0, sizeof *g);
}

START_TEST(test_post_back_flow)
{
	IotDataForm *form = sample_form(TRUE);
	Got g = { 0 };
	char *type;

	ck_assert_uint_ne(iot_dynform_post_back(fake_table, PEER, form, "en", 15000, form_cb, &g, got_free), 0);
	ck_assert_int_eq(g.calls, 0); /* never before the call returns */
	type = fake_transport_last_attr(fake_ft, "iq", "type");
	ck_assert_str_eq(type, "set");
	g_free(type);
	ck_assert(strstr(fake_transport_last(fake_ft), "<submit xmlns=\"urn:xmpp:xdata:dynamic\" xml:lang=\"en\">"
	                                               "<x xmlns=\"jabber:x:data\" type=\"submit\">") != NULL);
	/* Someone else's answer is not ours. */
	ck_assert(!fake_table_answer("form@home.example/other", "forms/xep0336-postback-answer.xml", NULL));
	ck_assert(!fake_table_answer("mallory@evil.example/hw", "forms/xep0336-postback-answer.xml", NULL));
	ck_assert_int_eq(g.calls, 0);
	ck_assert(fake_table_answer(PEER, "forms/xep0336-postback-answer.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert_ptr_nonnull(iot_dataform_find(g.form, "Region"));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	ck_assert(!fake_table_answer(PEER, "forms/xep0336-postback-answer.xml", NULL)); /* once */
	got_clear(&g);

	/* XEP-0336 §3.7: the session is gone. */
	iot_dynform_post_back(fake_table, PEER, form, NULL, 15000, form_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='error'><error type='cancel'><item-not-found "
	                                        "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_NOT_FOUND));
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);

	/* A result without a form. */
	iot_dynform_post_back(fake_table, PEER, form, NULL, 15000, form_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_MALFORMED));
	got_clear(&g);

	/* No answer: a timeout, once; a late answer is not claimed. */
	iot_dynform_post_back(fake_table, PEER, form, NULL, 15000, form_cb, &g, got_free);
	fake_transport_advance(fake_ft, 14999);
	ck_assert_int_eq(g.calls, 0);
	fake_transport_advance(fake_ft, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	ck_assert(!fake_table_answer(PEER, "forms/xep0336-postback-answer.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);
	ck_assert_uint_eq(fake_ft->sent->len, 4); /* nothing was sent twice */
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_send_cancel)
{
	IotDataForm *form = sample_form(TRUE), *plain = sample_form(FALSE);
	guint handle;
	char *type;

	/* Without a session there is nothing to cancel. */
	ck_assert_uint_eq(iot_dynform_send_cancel(fake_table, PEER, plain, 15000), 0);
	ck_assert_uint_eq(fake_ft->sent->len, 0);

	handle = iot_dynform_send_cancel(fake_table, PEER, form, 15000);
	ck_assert_uint_ne(handle, 0);
	type = fake_transport_last_attr(fake_ft, "iq", "type");
	ck_assert_str_eq(type, "set");
	g_free(type);
	ck_assert(strstr(fake_transport_last(fake_ft), "<cancel xmlns=\"urn:xmpp:xdata:dynamic\">") != NULL);
	ck_assert(strstr(fake_transport_last(fake_ft), SESSION) != NULL);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 1);
	ck_assert(!fake_table_answer("mallory@evil.example/hw", NULL, "<iq type='result'/>"));
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);

	/* An error answer ends it just the same; so does silence. */
	iot_dynform_send_cancel(fake_table, PEER, form, 15000);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='error'><error type='cancel'><item-not-found "
	                                        "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	iot_dynform_send_cancel(fake_table, PEER, form, 15000);
	fake_transport_advance(fake_ft, 15000);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	ck_assert(!fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	handle = iot_dynform_send_cancel(fake_table, PEER, form, 15000);
	ck_assert(iot_request_table_cancel(fake_table, handle));
	ck_assert_uint_eq(fake_ft->sent->len, 4);

	/* The session alone, once its form is gone: the same cancel. */
	handle = iot_dynform_send_cancel_session(fake_table, PEER, SESSION, 15000);
	ck_assert_uint_ne(handle, 0);
	ck_assert_uint_eq(fake_ft->sent->len, 5);
	ck_assert(strstr(fake_transport_last(fake_ft), "<cancel xmlns=\"urn:xmpp:xdata:dynamic\">") != NULL);
	ck_assert(strstr(fake_transport_last(fake_ft), SESSION) != NULL);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	/* A session that XML cannot carry is not sent. */
	ck_assert_uint_eq(iot_dynform_send_cancel_session(fake_table, PEER, "a\x01b", 15000), 0);
	ck_assert_uint_eq(fake_ft->sent->len, 5);
	iot_dataform_free(plain);
	iot_dataform_free(form);
}
END_TEST

Suite *
iot_dynform_suite(void)
{
	Suite *s = suite_create("dynform");
	TCase *tc = tcase_create("codec");
	TCase *flow = tcase_create("flow");

	tcase_add_test(tc, test_build_post_back);
	tcase_add_test(tc, test_build_cancel);
	tcase_add_test(tc, test_parse_answer);
	tcase_add_test(tc, test_parse_updated);
	tcase_add_test(tc, test_pushes_in_both_namespaces);
	tcase_add_test(tc, test_carry_edits);
	tcase_add_test(tc, test_new_fields_and_the_baseline);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(flow, fake_table_setup, fake_table_teardown);
	tcase_add_test(flow, test_post_back_flow);
	tcase_add_test(flow, test_send_cancel);
	suite_add_tcase(s, flow);
	return s;
}
