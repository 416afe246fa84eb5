/* test-dataform-hostile.c — data forms built to hurt: missing and duplicate
 * names, thousands of fields, options and values, layout nested hundreds
 * deep, megabyte texts. Nothing may crash, everything is bounded by
 * iot-limits.h, and each cut is told in the form's notes. */
#include "iot-tests.h"
#include "test-dataform.h"

#include "iot-dataform.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_dataform_hostile_tcase(void);

static gboolean
has_note(const IotDataForm *form, const char *needle)
{
	guint i;

	for (i = 0; i < form->notes->len; i++)
		if (strstr(g_ptr_array_index(form->notes, i), needle) != NULL)
			return TRUE;
	return FALSE;
}

static IotDataForm *
parse_text(const char *xml)
{
	xmlNode *root = iot_test_parse(xml);
	IotDataForm *form = iot_dataform_parse(root, NULL);

	ck_assert_ptr_nonnull(form);
	xmlFreeDoc(root->doc);
	return form;
}

START_TEST(test_hostile_not_a_form)
{
	xmlNode *root = iot_test_parse("<x xmlns='jabber:x:other'/>");
	GError *e = NULL;

	ck_assert_ptr_null(iot_dataform_parse(root, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
	ck_assert_ptr_null(iot_dataform_parse(NULL, &e));
	g_clear_error(&e);
	xmlFreeDoc(root->doc);
}
END_TEST

START_TEST(test_hostile_missing_attributes)
{
	IotDataForm *form = dataform_test_load("forms/hostile-missing.xml");
	IotFormField *a = dataform_test_field(form, "a");
	char *msg = NULL;

	ck_assert_int_eq(form->type, IOT_FORM_FORM); /* type='bogus' */
	ck_assert_int_eq(a->type, IOT_FORM_FIELD_TEXT_SINGLE); /* no-such-type */
	ck_assert_uint_eq(a->options->len, 1); /* the option without value is gone */
	ck_assert_str_eq(((IotFormOption *)g_ptr_array_index(a->options, 0))->value, "1");
	ck_assert(a->validated);
	ck_assert_int_eq(a->datatype, IOT_FORM_DT_STRING);
	ck_assert(has_note(form, "without a name"));
	ck_assert(has_note(form, "“a” twice"));
	/* fields: a, secret, fixed, fixed, b */
	ck_assert_uint_eq(form->fields->len, 5);
	/* The page keeps "a" once, never the hidden field; "b" and the fixed
	 * text go to the default page. */
	ck_assert_uint_eq(form->pages->len, 2);
	ck_assert_uint_eq(dataform_test_page(form, 0)->items->len, 2); /* a section and "a" */
	ck_assert_int_eq(dataform_test_item(dataform_test_page(form, 0), 0)->kind, IOT_LAYOUT_SECTION);
	ck_assert_str_eq(dataform_test_item(dataform_test_page(form, 0), 1)->text, "a");
	ck_assert_str_eq(dataform_test_item(dataform_test_page(form, 1), 0)->text, "Just text");
	ck_assert_str_eq(dataform_test_item(dataform_test_page(form, 1), 1)->text, "b");
	ck_assert(!iot_dataform_validate_field(dataform_test_field(form, "b"), &msg));
	ck_assert_str_eq(msg, "b must be on or off (also true/false, yes/no, 1/0).");
	g_free(msg);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_hostile_huge_forms_are_bounded)
{
	GString *xml = g_string_new("<x xmlns='jabber:x:data' type='form'>");
	IotDataForm *form;
	guint i;

	for (i = 0; i < IOT_MAX_FORM_FIELDS + 100; i++)
		g_string_append_printf(xml, "<field var='f%u'/>", i);
	g_string_append(xml, "<field var='f0' type='list-multi'/>");
	g_string_append(xml, "</x>");
	form = parse_text(xml->str);
	ck_assert_uint_eq(form->fields->len, IOT_MAX_FORM_FIELDS);
	ck_assert_uint_eq(form->fields_dropped, 101);
	ck_assert(has_note(form, "only the first 500 are shown"));
	iot_dataform_free(form);
	g_string_free(xml, TRUE);

	xml = g_string_new("<x xmlns='jabber:x:data'><field var='many' type='list-multi'>");
	for (i = 0; i < IOT_MAX_FORM_OPTIONS + 500; i++)
		g_string_append_printf(xml, "<option><value>%u</value></option><value>%u</value>", i, i);
	g_string_append(xml, "</field></x>");
	form = parse_text(xml->str);
	ck_assert_uint_eq(dataform_test_field(form, "many")->options->len, IOT_MAX_FORM_OPTIONS);
	ck_assert_uint_eq(dataform_test_field(form, "many")->values->len, IOT_MAX_FORM_VALUES);
	ck_assert(has_note(form, "“many” offers more than 1000 choices; only the first 1000 are shown."));
	ck_assert(has_note(form, "“many” has more than 1000 values"));
	iot_dataform_free(form);
	g_string_free(xml, TRUE);

	/* Notes themselves are bounded. */
	xml = g_string_new("<x xmlns='jabber:x:data'>");
	for (i = 0; i < 100; i++)
		g_string_append(xml, "<field var='twice'/>");
	g_string_append(xml, "</x>");
	form = parse_text(xml->str);
	ck_assert_uint_eq(form->notes->len, IOT_MAX_NOTES);
	ck_assert_uint_gt(form->notes_dropped, 0);
	iot_dataform_free(form);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_hostile_deep_and_wide_layout)
{
	GString *xml = g_string_new("<x xmlns='jabber:x:data'><page xmlns='http://jabber.org/protocol/xdata-layout'>");
	IotDataForm *form;
	IotFormSection *s;
	guint i, depth = 0;

	for (i = 0; i < 200; i++)
		g_string_append_printf(xml, "<section label='s%u'><fieldref var='f%u'/>", i, i);
	for (i = 0; i < 200; i++)
		g_string_append(xml, "</section>");
	for (i = 0; i < IOT_MAX_FORM_LAYOUT_ITEMS + 10; i++)
		g_string_append(xml, "<text>t</text>");
	g_string_append(xml, "</page>");
	for (i = 0; i < 200; i++)
		g_string_append_printf(xml, "<field var='f%u'/>", i);
	g_string_append(xml, "</x>");
	form = parse_text(xml->str);
	/* Sections are followed IOT_MAX_FORM_DEPTH deep; deeper fields go to
	 * the default page, and the person is told. */
	s = dataform_test_page(form, 0);
	while (s != NULL) {
		IotFormSection *next = NULL;

		for (i = 0; i < s->items->len; i++)
			if (dataform_test_item(s, i)->kind == IOT_LAYOUT_SECTION)
				next = dataform_test_item(s, i)->section;
		if (next != NULL)
			depth++;
		s = next;
	}
	ck_assert_uint_eq(depth, IOT_MAX_FORM_DEPTH);
	ck_assert_uint_eq(form->pages->len, 2);
	ck_assert(dataform_test_page(form, 1)->is_default);
	ck_assert_uint_eq(dataform_test_page(form, 1)->items->len, 200 - IOT_MAX_FORM_DEPTH);
	ck_assert(has_note(form, "too deep or too large"));
	iot_dataform_free(form);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_hostile_megabyte_texts)
{
	char *big = g_strnfill(1024 * 1024, 'L');
	char *xml = g_strdup_printf("<x xmlns='jabber:x:data'><title>%s</title><instructions>%s"
	                            "</instructions><field var='f' label='%s'><desc>%s</desc>"
	                            "<value>%s</value><option label='%s'><value>v</value></option>"
	                            "</field></x>",
	                            big, big, big, big, big, big);
	IotDataForm *form = parse_text(xml);
	IotFormField *f = dataform_test_field(form, "f");

	ck_assert_uint_le(strlen(form->title), IOT_MAX_LABEL_BYTES);
	ck_assert_uint_le(strlen(form->instructions), IOT_MAX_LABEL_BYTES);
	ck_assert_uint_le(strlen(f->label), IOT_MAX_LABEL_BYTES);
	ck_assert_uint_le(strlen(f->desc), IOT_MAX_LABEL_BYTES);
	ck_assert_uint_le(strlen(dataform_test_value_at(f, 0)), IOT_MAX_VALUE_BYTES);
	ck_assert_uint_le(strlen(((IotFormOption *)g_ptr_array_index(f->options, 0))->label),
	                  IOT_MAX_LABEL_BYTES);
	ck_assert(has_note(form, "too long and were shortened"));
	ck_assert(has_note(form, "Some values of this form were too long"));
	iot_dataform_free(form);
	g_free(xml);

	/* Many instructions are joined, and the whole stays within the bound. */
	{
		GString *s = g_string_new("<x xmlns='jabber:x:data'>");

		for (guint i = 0; i < 100; i++)
			g_string_append(s, "<instructions>Turn the knob slowly, then wait.</instructions>");
		g_string_append(s, "</x>");
		form = parse_text(s->str);
		ck_assert_uint_le(strlen(form->instructions), IOT_MAX_LABEL_BYTES);
		ck_assert(strchr(form->instructions, '\n') != NULL);
		iot_dataform_free(form);
		g_string_free(s, TRUE);
	}

	/* A cut in the middle of a multi-byte character keeps valid UTF-8. */
	g_free(big);
	{
		GString *s = g_string_new("<x xmlns='jabber:x:data'><field var='f' label='x");

		for (guint i = 0; i < IOT_MAX_LABEL_BYTES; i++)
			g_string_append(s, "é");
		g_string_append(s, "'/></x>");
		form = parse_text(s->str);
		ck_assert(g_utf8_validate(dataform_test_field(form, "f")->label, -1, NULL));
		ck_assert_uint_le(strlen(dataform_test_field(form, "f")->label), IOT_MAX_LABEL_BYTES);
		iot_dataform_free(form);
		g_string_free(s, TRUE);
	}
}
END_TEST

TCase *
iot_dataform_hostile_tcase(void)
{
	TCase *tc = tcase_create("hostile");

	tcase_add_test(tc, test_hostile_not_a_form);
	tcase_add_test(tc, test_hostile_missing_attributes);
	tcase_add_test(tc, test_hostile_huge_forms_are_bounded);
	tcase_add_test(tc, test_hostile_deep_and_wide_layout);
	tcase_add_test(tc, test_hostile_megabyte_texts);
	return tc;
}
