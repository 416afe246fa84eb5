/* test-dataform.c — XEP-0004 forms with validation (0122), layout (0141),
 * colours (0331), dynamic flags (0336) and control groups, from the XEPs'
 * own examples; validation, "only what changed", Revert, build → parse, and
 * forms built to hurt. */
#include "iot-tests.h"
#include "test-dataform.h"

#include "iot-dataform.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

Suite *iot_dataform_suite(void);
TCase *iot_dataform_hostile_tcase(void);

/* Parses the form in fixture @relpath: the root when it is an <x/>, else the
 * first <x/> found below the root (an iq, a getFormResponse). */
IotDataForm *
dataform_test_load(const char *relpath)
{
	xmlNode *root = iot_test_fixture_root(relpath), *x = root;
	IotDataForm *form;
	GError *error = NULL;

	while (x != NULL && !iot_xml_is(x, "x", IOT_NS_XDATA)) {
		xmlNode *c, *found = NULL;

		for (c = iot_xml_first(x); c != NULL && found == NULL; c = iot_xml_next(c))
			if (iot_xml_is(c, "x", IOT_NS_XDATA) || iot_xml_first(c) != NULL)
				found = c;
		x = found;
	}
	form = iot_dataform_parse(x, &error);
	ck_assert_msg(form != NULL, "%s: %s", relpath, error ? error->message : "?");
	xmlFreeDoc(root->doc);
	return form;
}

IotFormField *
dataform_test_field(const IotDataForm *form, const char *var)
{
	IotFormField *f = iot_dataform_find(form, var);

	ck_assert_msg(f != NULL, "no field %s", var);
	return f;
}

const char *
dataform_test_value_at(const IotFormField *f, guint i)
{
	ck_assert_uint_gt(f->values->len, i);
	return g_ptr_array_index(f->values, i);
}

IotLayoutItem *
dataform_test_item(const IotFormSection *s, guint i)
{
	ck_assert_uint_gt(s->items->len, i);
	return g_ptr_array_index(s->items, i);
}

IotFormSection *
dataform_test_page(const IotDataForm *form, guint i)
{
	ck_assert_uint_gt(form->pages->len, i);
	return g_ptr_array_index(form->pages, i);
}

START_TEST(test_xep0004_every_field_type)
{
	IotDataForm *form = dataform_test_load("forms/xep0004-bot-form.xml");
	IotFormField *f;
	IotFormSection *p;

	ck_assert_int_eq(form->type, IOT_FORM_FORM);
	ck_assert_str_eq(form->title, "Bot Configuration");
	ck_assert_str_eq(form->instructions, "Fill out this form to configure your new bot!");
	ck_assert_uint_eq(form->fields->len, 12);
	ck_assert_int_eq(dataform_test_field(form, "FORM_TYPE")->type, IOT_FORM_FIELD_HIDDEN);
	ck_assert_int_eq(dataform_test_field(form, "botname")->type, IOT_FORM_FIELD_TEXT_SINGLE);
	ck_assert_int_eq(dataform_test_field(form, "description")->type, IOT_FORM_FIELD_TEXT_MULTI);
	f = dataform_test_field(form, "public");
	ck_assert_int_eq(f->type, IOT_FORM_FIELD_BOOLEAN);
	ck_assert(f->required);
	ck_assert_str_eq(f->label, "Public bot?");
	ck_assert_int_eq(dataform_test_field(form, "password")->type, IOT_FORM_FIELD_TEXT_PRIVATE);
	f = dataform_test_field(form, "features");
	ck_assert_int_eq(f->type, IOT_FORM_FIELD_LIST_MULTI);
	ck_assert_uint_eq(f->options->len, 5);
	ck_assert_str_eq(((IotFormOption *)g_ptr_array_index(f->options, 4))->label, "Search");
	ck_assert_uint_eq(f->values->len, 2);
	ck_assert_str_eq(dataform_test_value_at(f, 1), "search");
	f = dataform_test_field(form, "maxsubs");
	ck_assert_int_eq(f->type, IOT_FORM_FIELD_LIST_SINGLE);
	ck_assert_str_eq(iot_form_field_value(f), "20");
	ck_assert_uint_eq(f->options->len, 6);
	f = dataform_test_field(form, "invitelist");
	ck_assert_int_eq(f->type, IOT_FORM_FIELD_JID_MULTI);
	ck_assert_str_eq(f->desc, "Tell all your friends about your new bot!");
	ck_assert_uint_eq(f->values->len, 0);
	ck_assert_int_eq(((IotFormField *)g_ptr_array_index(form->fields, 1))->type,
	                 IOT_FORM_FIELD_FIXED);
	ck_assert_ptr_null(iot_dataform_session(form));

	/* No pages: one default page, fixed texts and shown fields in order. */
	ck_assert_uint_eq(form->pages->len, 1);
	p = dataform_test_page(form, 0);
	ck_assert(p->is_default);
	ck_assert_ptr_null(p->label);
	ck_assert_uint_eq(p->items->len, 11); /* all but the hidden field */
	ck_assert_int_eq(dataform_test_item(p, 0)->kind, IOT_LAYOUT_TEXT);
	ck_assert_str_eq(dataform_test_item(p, 0)->text, "Section 1: Bot Info");
	ck_assert_int_eq(dataform_test_item(p, 1)->kind, IOT_LAYOUT_FIELD);
	ck_assert_str_eq(dataform_test_item(p, 1)->text, "botname");
	ck_assert_str_eq(dataform_test_item(p, 10)->text, "invitelist");
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0004-bot-submit.xml");
	ck_assert_int_eq(form->type, IOT_FORM_SUBMIT);
	ck_assert_uint_eq(dataform_test_field(form, "description")->values->len, 4);
	ck_assert_str_eq(dataform_test_value_at(dataform_test_field(form, "description"), 2), "in your Jabber client. It' really cool!");
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_xep0122_validation_methods)
{
	IotDataForm *form;
	IotFormField *f;

	form = dataform_test_load("forms/xep0122-datatype.xml");
	f = dataform_test_field(form, "evt.date");
	ck_assert(f->validated);
	ck_assert_int_eq(f->datatype, IOT_FORM_DT_DATETIME);
	ck_assert_str_eq(f->datatype_name, "xs:dateTime");
	ck_assert(iot_dataform_validate_field(f, NULL));
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0122-open.xml");
	f = dataform_test_field(form, "evt.category");
	ck_assert(f->open);
	ck_assert(iot_dataform_validate_value(f, "birthday", NULL)); /* open: free entry */
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0122-range.xml");
	f = dataform_test_field(form, "evt.date");
	ck_assert_str_eq(f->min, "2003-10-05T00:00:00-07:00");
	ck_assert_str_eq(f->max, "2003-10-24T23:59:59-07:00");
	ck_assert(iot_dataform_validate_value(f, "2003-10-06T11:22:00-07:00", NULL));
	ck_assert(!iot_dataform_validate_value(f, "2003-10-25T11:22:00-07:00", NULL));
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0122-regex.xml");
	f = dataform_test_field(form, "ssn");
	ck_assert_str_eq(f->regex, "([0-9]{3})-([0-9]{2})-([0-9]{4})");
	ck_assert(iot_dataform_validate_value(f, "123-12-1234", NULL));
	ck_assert(!iot_dataform_validate_value(f, "123-12-12345", NULL)); /* the whole value */
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0122-list-range.xml");
	f = dataform_test_field(form, "evt.notify-methods");
	ck_assert_uint_eq(f->list_min, 1);
	ck_assert_uint_eq(f->list_max, 3);
	iot_dataform_free(form);

	/* xdv declared on the form; <basic/> left in jabber:x:data. */
	form = dataform_test_load("forms/xep0122-prefixed.xml");
	f = dataform_test_field(form, "date/start");
	ck_assert(f->validated);
	ck_assert_int_eq(f->datatype, IOT_FORM_DT_DATE);
	ck_assert_str_eq(form->instructions, "Please provide information for the following fields...");
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0122-basic.xml");
	ck_assert_int_eq(dataform_test_field(form, "evt.date")->datatype, IOT_FORM_DT_DATETIME);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_xep0141_layout)
{
	IotDataForm *form = dataform_test_load("forms/xep0141-pages.xml");
	IotFormSection *p, *s;

	ck_assert_uint_eq(form->pages->len, 3); /* every field is on a page: no default page */
	p = dataform_test_page(form, 0);
	ck_assert_str_eq(p->label, "Personal Information");
	ck_assert(!p->is_default);
	ck_assert_int_eq(dataform_test_item(p, 0)->kind, IOT_LAYOUT_TEXT);
	ck_assert_str_eq(dataform_test_item(p, 0)->text, "This is page one of three.");
	ck_assert_int_eq(dataform_test_item(p, 2)->kind, IOT_LAYOUT_FIELD);
	ck_assert_str_eq(dataform_test_item(p, 2)->text, "name.first");
	ck_assert_str_eq(dataform_test_page(form, 2)->label, "Plans and Reasonings");
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0141-sections.xml");
	ck_assert_uint_eq(form->pages->len, 1);
	p = dataform_test_page(form, 0);
	ck_assert_ptr_null(p->label);
	ck_assert_uint_eq(p->items->len, 3);
	s = dataform_test_item(p, 1)->section;
	ck_assert_str_eq(s->label, "Community Activity");
	ck_assert_uint_eq(s->items->len, 4);
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0141-nested.xml");
	s = dataform_test_item(dataform_test_page(form, 0), 0)->section;
	ck_assert_str_eq(s->label, "Personal Information");
	ck_assert_int_eq(dataform_test_item(s, 1)->kind, IOT_LAYOUT_SECTION);
	ck_assert_str_eq(dataform_test_item(s, 1)->section->label, "Name");
	ck_assert_str_eq(dataform_test_item(dataform_test_item(s, 1)->section, 2)->text, "name.last");
	ck_assert_int_eq(dataform_test_item(s, 3)->kind, IOT_LAYOUT_FIELD);
	ck_assert_str_eq(dataform_test_item(s, 3)->text, "background");
	ck_assert_uint_eq(form->pages->len, 1);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_xep0331_colours)
{
	IotDataForm *form = dataform_test_load("forms/xep0331-color.xml");
	IotFormField *f = dataform_test_field(form, "color");
	char *msg = NULL;

	ck_assert_int_eq(f->datatype, IOT_FORM_DT_COLOR);
	ck_assert(iot_dataform_validate_value(f, "9400D3", NULL));
	ck_assert(!iot_dataform_validate_value(f, "9400D3C0", &msg));
	ck_assert_str_eq(msg, "Color must be #RRGGBB.");
	g_free(msg);
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0331-color-alpha.xml");
	f = dataform_test_field(form, "color");
	ck_assert_int_eq(f->datatype, IOT_FORM_DT_COLOR_ALPHA);
	ck_assert(iot_dataform_validate_value(f, "9400D3C0", NULL));
	ck_assert(!iot_dataform_validate_value(f, "9400D3", &msg));
	ck_assert_str_eq(msg, "Color must be #RRGGBBAA.");
	g_free(msg);
	iot_dataform_free(form);

	/* Any prefix bound to urn:xmpp:xdata:color; "xdc" bound elsewhere is not ours. */
	form = dataform_test_load("forms/xep0331-any-prefix.xml");
	ck_assert_int_eq(dataform_test_field(form, "tint")->datatype, IOT_FORM_DT_COLOR_ALPHA);
	ck_assert_int_eq(dataform_test_field(form, "name")->datatype, IOT_FORM_DT_STRING);
	iot_dataform_free(form);

	/* Waher writes xdc:color / xdc:colorAlpha, declaring xdc on <validate/>. */
	form = dataform_test_load("ctl/waher-getform-result.xml");
	ck_assert_int_eq(dataform_test_field(form, "Tint")->datatype, IOT_FORM_DT_COLOR);
	ck_assert_int_eq(dataform_test_field(form, "Glow")->datatype, IOT_FORM_DT_COLOR_ALPHA);
	ck_assert_str_eq(dataform_test_value_at(dataform_test_field(form, "Glow"), 0), "");
	ck_assert(iot_dataform_validate_field(dataform_test_field(form, "Glow"), NULL)); /* empty = none */
	ck_assert_ptr_null(iot_dataform_session(form));
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_xep0336_flags)
{
	IotDataForm *form = dataform_test_load("forms/xep0336-postback.xml");
	IotFormField *f = dataform_test_field(form, "Country_ISO_3166_1");

	ck_assert(f->post_back);
	ck_assert_str_eq(iot_dataform_session(form), "009c7956-001c-43fb-8edb-76bcf74272c9");
	ck_assert_str_eq(iot_form_field_value(f), "");
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0336-readonly.xml");
	ck_assert(dataform_test_field(form, "ID")->read_only);
	ck_assert(!iot_dataform_set_value(form, "ID", "Object 2"));
	ck_assert(dataform_test_field(form, "RenameID")->post_back);
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0336-notsame.xml");
	ck_assert(dataform_test_field(form, "Address")->not_same);
	ck_assert(!dataform_test_field(form, "BaudRate")->not_same);
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0336-error.xml");
	f = dataform_test_field(form, "Expression");
	ck_assert_str_eq(f->error, "Unexpected end of expression. ) expected.");
	ck_assert(iot_dataform_set_value(form, "Expression", "sin(x)"));
	ck_assert_ptr_null(f->error); /* editing clears it */
	iot_dataform_free(form);

	form = dataform_test_load("forms/xep0336-old-namespace.xml");
	f = dataform_test_field(form, "Mode");
	ck_assert(f->post_back && f->read_only && f->not_same);
	ck_assert_str_eq(f->error, "Locked by the installer.");
	ck_assert_str_eq(iot_dataform_session(form), "42");
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_xep0325_control_forms)
{
	IotDataForm *form = dataform_test_load("ctl/xsf-getform-result.xml");
	IotFormField *f;
	IotFormSection *p;

	ck_assert_str_eq(form->title, "Dimmer");
	ck_assert_str_eq(iot_dataform_session(form), "325ED0F3-9A9A-45A4-9634-4E0D41C5EA06");
	f = dataform_test_field(form, "FadeTimeMilliseconds");
	ck_assert(f->not_same);
	ck_assert_int_eq(f->datatype, IOT_FORM_DT_INT);
	ck_assert_str_eq(f->max, "4095");
	/* The page misspells FadeTimeMilliseconds: that field lands on the
	 * default page, after the thing's own page. */
	ck_assert_uint_eq(form->pages->len, 2);
	p = dataform_test_page(form, 0);
	ck_assert_str_eq(p->label, "Output");
	ck_assert_uint_eq(p->items->len, 2);
	ck_assert_str_eq(dataform_test_item(p, 0)->text, "OutputPercent");
	p = dataform_test_page(form, 1);
	ck_assert(p->is_default);
	ck_assert_uint_eq(p->items->len, 1);
	ck_assert_str_eq(dataform_test_item(p, 0)->text, "FadeTimeMilliseconds");
	iot_dataform_free(form);

	/* The v0.1 form: xdata-dynamic namespace. */
	form = dataform_test_load("ctl/sn-getform-result.xml");
	ck_assert(dataform_test_field(form, "MainSwitch")->not_same);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_parameter_groups_every_spelling)
{
	static const char *const files[] = { "ctl/xsf-getform-groups-result.xml",
		                             "ctl/sn-getform-groups-result.xml",
		                             "ctl/nf-getform-result.xml", "ctl/nfi-getform-result.xml" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(files); i++) {
		IotDataForm *form = dataform_test_load(files[i]);

		ck_assert_ptr_null(dataform_test_field(form, "MainSwitch")->group);
		ck_assert_str_eq(dataform_test_field(form, "HorizontalAngle")->group, "direction");
		ck_assert_str_eq(dataform_test_field(form, "ElevationAngle")->group, "direction");
		ck_assert_uint_eq(form->pages->len, 2);
		ck_assert_str_eq(dataform_test_page(form, 1)->label, "Direction");
		iot_dataform_free(form);
	}
}
END_TEST

/* Each field of forms/all-datatypes.xml, a bad value, and the sentence. */
START_TEST(test_validation_messages)
{
	static const struct {
		const char *var, *value, *message;
	} bad[] = {
		{ "setpoint", "31", "Setpoint must be between 5 and 30." },
		{ "setpoint", "warm", "Setpoint must be a number, like 21.5." },
		{ "level", "40.5", "Level must be a whole number, like 40." },
		{ "level", "101", "Level must be between 0 and 100." },
		{ "counter", "-1", "Counter must be at least 0." },
		{ "small", "200", "Small must be a whole number from -128 to 127." },
		{ "medium", "40000", "Medium must be a whole number from -32768 to 32767." },
		{ "enabled", "yes", "Enabled: “yes” is not written the way the thing expects (true)." },
		{ "day", "2025-01-01", "Day must be between 2024-01-01 and 2024-12-31." },
		{ "day", "May 1", "Day must be a date like 2024-05-01." },
		{ "wake", "10:00:00", "Wake must be between 05:00:00 and 09:00:00." },
		{ "fade", "PT2H", "Fade must be at most PT1H." },
		{ "colour", "FFB070C0", "Colour must be #RRGGBB." },
		{ "glow", "FFB070", "Glow must be #RRGGBBAA." },
		{ "serial", "ab-1234", "Serial number does not have the form the thing asks for." },
		{ "serial", "XAB-1234", "Serial number does not have the form the thing asks for." },
		{ "mode", "turbo", "Mode must be one of the offered choices." },
		{ "owner", "not an address", "Owner must be an address like name@example.org." },
	};
	IotDataForm *form = dataform_test_load("forms/all-datatypes.xml");
	char *msg;
	guint i;

	ck_assert_str_eq(form->instructions, "Set what you need.\nLeave the rest.");
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		msg = NULL;
		ck_assert_msg(!iot_dataform_validate_value(dataform_test_field(form, bad[i].var), bad[i].value, &msg),
		              "%s=%s passed", bad[i].var, bad[i].value);
		ck_assert_str_eq(msg, bad[i].message);
		g_free(msg);
	}
	/* Every value the thing sent is valid; only the required "name" is not. */
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (strcmp(f->var, "name") != 0)
			ck_assert_msg(iot_dataform_validate_field(f, NULL), "%s", f->var);
	}
	ck_assert_ptr_eq(iot_dataform_validate(form, &msg), dataform_test_field(form, "name"));
	ck_assert_str_eq(msg, "Name is required.");
	g_free(msg);
	ck_assert(iot_dataform_validate_value(dataform_test_field(form, "custom"), "x:anything", NULL));
	ck_assert(iot_dataform_validate_value(dataform_test_field(form, "free"), "turbo", NULL));
	ck_assert_int_eq(dataform_test_field(form, "custom")->datatype, IOT_FORM_DT_STRING);
	ck_assert_int_eq(dataform_test_field(form, "huge")->datatype, IOT_FORM_DT_INTEGER);

	/* list-range on list-multi */
	ck_assert(iot_dataform_set_values(form, "days", NULL));
	ck_assert(!iot_dataform_validate_field(dataform_test_field(form, "days"), &msg));
	ck_assert_str_eq(msg, "Days: choose from 1 to 2.");
	g_free(msg);
	{
		const char *three[] = { "mon", "tue", "wed", NULL };

		ck_assert(iot_dataform_set_values(form, "days", three));
		ck_assert(!iot_dataform_validate_field(dataform_test_field(form, "days"), NULL));
	}
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_regex_cannot_freeze_or_break)
{
	IotFormField *f = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, "x");
	char *as = g_strnfill(40, 'a'), *evil = g_strconcat(as, "!", NULL);
	gint64 start = g_get_monotonic_time();

	f->validated = TRUE;
	f->regex = g_strdup("(a+)+$");
	/* A catastrophic pattern stops at the match limit, proving nothing. */
	ck_assert(iot_dataform_validate_value(f, evil, NULL));
	ck_assert_int_lt(g_get_monotonic_time() - start, 2 * G_USEC_PER_SEC);
	g_free(f->regex);
	f->regex = g_strdup("a)|(b"); /* does not compile alone: ignored */
	ck_assert(iot_dataform_validate_value(f, "zzz", NULL));
	g_free(f->regex);
	f->regex = g_strnfill(IOT_MAX_REGEX_BYTES + 1, 'a'); /* too long: ignored */
	ck_assert(iot_dataform_validate_value(f, "zzz", NULL));
	g_free(f->regex);
	f->regex = g_strdup("[0-9]+");
	ck_assert(!iot_dataform_validate_value(f, "12a", NULL));
	ck_assert(!iot_dataform_validate_value(f, "12\n", NULL)); /* \z, not $ */
	ck_assert(iot_dataform_validate_value(f, "12", NULL));
	g_free(evil);
	g_free(as);
	iot_form_field_free(f);
}
END_TEST

START_TEST(test_parse_input)
{
	IotDataForm *form = dataform_test_load("forms/all-datatypes.xml");
	GError *e = NULL;
	char *w;

	w = iot_dataform_parse_input(dataform_test_field(form, "setpoint"), " 22 ", &e);
	ck_assert_str_eq(w, "22");
	g_free(w);
	ck_assert_ptr_null(iot_dataform_parse_input(dataform_test_field(form, "setpoint"), "35", &e));
	ck_assert_str_eq(e->message, "Setpoint must be between 5 and 30.");
	g_clear_error(&e);
	w = iot_dataform_parse_input(dataform_test_field(form, "mode"), "Economy", NULL);
	ck_assert_str_eq(w, "eco");
	g_free(w);
	w = iot_dataform_parse_input(dataform_test_field(form, "mode"), "COMFORT", NULL);
	ck_assert_str_eq(w, "comfort");
	g_free(w);
	ck_assert_ptr_null(iot_dataform_parse_input(dataform_test_field(form, "mode"), "Turbo", &e));
	ck_assert_str_eq(e->message, "Mode must be one of the offered choices.");
	g_clear_error(&e);
	w = iot_dataform_parse_input(dataform_test_field(form, "colour"), "#ffb070", NULL);
	ck_assert_str_eq(w, "FFB070");
	g_free(w);
	w = iot_dataform_parse_input(dataform_test_field(form, "fade"), "1h", NULL);
	ck_assert_str_eq(w, "PT1H");
	g_free(w);
	w = iot_dataform_parse_input(dataform_test_field(form, "enabled"), "off", NULL);
	ck_assert_str_eq(w, "false");
	g_free(w);
	/* A form field knows no unit, so a unit typed cannot be checked... */
	ck_assert_ptr_null(iot_dataform_parse_input(dataform_test_field(form, "setpoint"), "21.5 °C", &e));
	g_clear_error(&e);
	/* ...unless the field was given one (a form made from a readout). */
	dataform_test_field(form, "setpoint")->unit = g_strdup("°C");
	w = iot_dataform_parse_input(dataform_test_field(form, "setpoint"), "21.5 °C", &e);
	ck_assert_str_eq(w, "21.5");
	g_free(w);
	ck_assert_ptr_null(iot_dataform_parse_input(dataform_test_field(form, "setpoint"), "21.5 °F", &e));
	g_clear_error(&e);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_only_changed_fields_are_submitted)
{
	IotDataForm *form = dataform_test_load("ctl/xsf-getform-result.xml");
	IotFormValues *orig = iot_dataform_snapshot(form);
	xmlNode *x;
	char *xml;
	guint n = 99;
	GPtrArray *changed;

	/* Nothing edited: only the session goes back. */
	x = iot_dataform_build_submit(form, orig, &n);
	ck_assert_uint_eq(n, 0);
	xml = iot_xml_to_string(x);
	ck_assert_str_eq(xml, "<x xmlns=\"jabber:x:data\" type=\"submit\"><field var=\"xdd session\" "
	                      "type=\"hidden\"><value>325ED0F3-9A9A-45A4-9634-4E0D41C5EA06</value>"
	                      "</field></x>");
	g_free(xml);
	xmlFreeNode(x);

	/* XEP-0325 §3.3's own example: fade and output edited, the switch not. */
	ck_assert(iot_dataform_set_value(form, "FadeTimeMilliseconds", "500"));
	ck_assert(iot_dataform_set_value(form, "OutputPercent", "10"));
	x = iot_dataform_build_submit(form, orig, &n);
	ck_assert_uint_eq(n, 2);
	xml = iot_xml_to_string(x);
	ck_assert_str_eq(xml, "<x xmlns=\"jabber:x:data\" type=\"submit\"><field var=\"xdd session\" "
	                      "type=\"hidden\"><value>325ED0F3-9A9A-45A4-9634-4E0D41C5EA06</value>"
	                      "</field><field var=\"FadeTimeMilliseconds\" type=\"text-single\"><value>"
	                      "500</value></field><field var=\"OutputPercent\" type=\"text-single\">"
	                      "<value>10</value></field></x>");
	g_free(xml);
	xmlFreeNode(x);

	/* Revert puts the thing's values back and forgets the edits. */
	iot_dataform_revert(form, orig);
	ck_assert_str_eq(iot_form_field_value(dataform_test_field(form, "OutputPercent")), "100");
	ck_assert(!dataform_test_field(form, "OutputPercent")->edited);
	changed = iot_dataform_changed(form, orig);
	ck_assert_uint_eq(changed->len, 0);
	g_ptr_array_unref(changed);

	/* A notSame field confirmed at its shown value is meant for all nodes. */
	ck_assert(iot_dataform_set_value(form, "MainSwitch", "true"));
	changed = iot_dataform_changed(form, orig);
	ck_assert_uint_eq(changed->len, 1);
	ck_assert_ptr_eq(g_ptr_array_index(changed, 0), dataform_test_field(form, "MainSwitch"));
	g_ptr_array_unref(changed);
	ck_assert(!iot_dataform_set_value(form, "NoSuchField", "1"));
	ck_assert(!iot_dataform_set_value(form, NULL, "1"));
	iot_form_values_free(orig);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_changes_compare_by_value)
{
	IotDataForm *form = dataform_test_load("forms/all-datatypes.xml");
	IotFormValues *orig = iot_dataform_snapshot(form);
	GPtrArray *changed;

	ck_assert_str_eq(iot_form_values_get(orig, "setpoint")[0], "21.5");
	ck_assert_ptr_null(iot_form_values_get(orig, "nope"));
	ck_assert(iot_dataform_set_value(form, "setpoint", "21.50"));
	ck_assert(iot_dataform_set_value(form, "enabled", "true")); /* was "1" */
	ck_assert(iot_dataform_set_value(form, "fade", "PT90S"));   /* was PT1M30S */
	ck_assert(iot_dataform_set_value(form, "colour", "ffb070"));
	ck_assert(iot_dataform_set_value(form, "serial", "AB-1234"));
	changed = iot_dataform_changed(form, orig);
	ck_assert_uint_eq(changed->len, 0);
	g_ptr_array_unref(changed);
	ck_assert(iot_dataform_set_value(form, "serial", "ab-1234")); /* strings: exact */
	ck_assert(iot_dataform_set_value(form, "days", NULL));
	changed = iot_dataform_changed(form, orig);
	ck_assert_uint_eq(changed->len, 2);
	g_ptr_array_unref(changed);
	iot_form_values_free(orig);
	iot_dataform_free(form);

	/* A boolean without a value is false: setting false changes nothing. */
	form = iot_dataform_new(IOT_FORM_FORM);
	ck_assert(iot_dataform_add_field(form, iot_form_field_new(IOT_FORM_FIELD_BOOLEAN, "b")));
	orig = iot_dataform_snapshot(form);
	ck_assert(iot_dataform_set_value(form, "b", "0"));
	ck_assert(!iot_dataform_field_changed(dataform_test_field(form, "b"), orig));
	ck_assert(iot_dataform_set_value(form, "b", "1"));
	ck_assert(iot_dataform_field_changed(dataform_test_field(form, "b"), orig));
	iot_form_values_free(orig);
	iot_dataform_free(form);
}
END_TEST

static void
assert_same_form(const IotDataForm *a, const IotDataForm *b)
{
	guint i, j;

	ck_assert_str_eq(a->title ? a->title : "", b->title ? b->title : "");
	ck_assert_str_eq(a->instructions ? a->instructions : "", b->instructions ? b->instructions : "");
	ck_assert_uint_eq(a->fields->len, b->fields->len);
	for (i = 0; i < a->fields->len; i++) {
		const IotFormField *fa = g_ptr_array_index(a->fields, i);
		const IotFormField *fb = g_ptr_array_index(b->fields, i);

		ck_assert_str_eq(fa->var ? fa->var : "", fb->var ? fb->var : "");
		ck_assert_int_eq(fa->type, fb->type);
		ck_assert_str_eq(fa->label ? fa->label : "", fb->label ? fb->label : "");
		ck_assert_str_eq(fa->desc ? fa->desc : "", fb->desc ? fb->desc : "");
		ck_assert_int_eq(fa->required, fb->required);
		ck_assert_int_eq(fa->datatype, fb->datatype);
		ck_assert_int_eq(fa->validated, fb->validated);
		ck_assert_int_eq(fa->open, fb->open);
		ck_assert_str_eq(fa->min ? fa->min : "", fb->min ? fb->min : "");
		ck_assert_str_eq(fa->max ? fa->max : "", fb->max ? fb->max : "");
		ck_assert_str_eq(fa->regex ? fa->regex : "", fb->regex ? fb->regex : "");
		ck_assert_uint_eq(fa->list_min, fb->list_min);
		ck_assert_uint_eq(fa->list_max, fb->list_max);
		ck_assert_int_eq(fa->post_back, fb->post_back);
		ck_assert_int_eq(fa->read_only, fb->read_only);
		ck_assert_int_eq(fa->not_same, fb->not_same);
		ck_assert_str_eq(fa->error ? fa->error : "", fb->error ? fb->error : "");
		ck_assert_str_eq(fa->group ? fa->group : "", fb->group ? fb->group : "");
		ck_assert_uint_eq(fa->values->len, fb->values->len);
		for (j = 0; j < fa->values->len; j++)
			ck_assert_str_eq(dataform_test_value_at(fa, j), dataform_test_value_at(fb, j));
		ck_assert_uint_eq(fa->options->len, fb->options->len);
		for (j = 0; j < fa->options->len; j++) {
			const IotFormOption *oa = g_ptr_array_index(fa->options, j);
			const IotFormOption *ob = g_ptr_array_index(fb->options, j);

			ck_assert_str_eq(oa->value, ob->value);
			ck_assert_str_eq(oa->label ? oa->label : "", ob->label ? ob->label : "");
		}
	}
	ck_assert_uint_eq(a->pages->len, b->pages->len);
	for (i = 0; i < a->pages->len; i++) {
		const IotFormSection *pa = g_ptr_array_index(a->pages, i);
		const IotFormSection *pb = g_ptr_array_index(b->pages, i);

		ck_assert_str_eq(pa->label ? pa->label : "", pb->label ? pb->label : "");
		ck_assert_uint_eq(pa->items->len, pb->items->len);
		for (j = 0; j < pa->items->len; j++) {
			ck_assert_int_eq(dataform_test_item(pa, j)->kind, dataform_test_item(pb, j)->kind);
			if (dataform_test_item(pa, j)->kind != IOT_LAYOUT_SECTION)
				ck_assert_str_eq(dataform_test_item(pa, j)->text, dataform_test_item(pb, j)->text);
			else
				ck_assert_str_eq(dataform_test_item(pa, j)->section->label, dataform_test_item(pb, j)->section->label);
		}
	}
}

static IotDataForm *
rebuild(const IotDataForm *form, IotGeneration gen, char **xml_out)
{
	xmlNode *x = iot_dataform_build(form, gen);
	char *xml = iot_xml_to_string(x);
	xmlNode *root = iot_test_parse(xml);
	IotDataForm *again = iot_dataform_parse(root, NULL);

	ck_assert_ptr_nonnull(again);
	xmlFreeDoc(root->doc);
	xmlFreeNode(x);
	if (xml_out)
		*xml_out = xml;
	else
		g_free(xml);
	return again;
}

START_TEST(test_build_then_parse_round_trips)
{
	static const char *const files[] = {
		"forms/all-datatypes.xml",   "forms/xep0004-bot-form.xml", "forms/xep0141-nested.xml",
		"forms/xep0141-pages.xml",   "forms/xep0336-old-namespace.xml",
		"forms/xep0336-error.xml",   "ctl/xsf-getform-result.xml", "ctl/waher-getform-result.xml",
		"forms/xep0122-list-range.xml",
	};
	static const IotGeneration gens[] = { IOT_GEN_SN, IOT_GEN_XSF, IOT_GEN_IEEE, IOT_GEN_NF,
		                              IOT_GEN_NFI };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(files); i++) {
		IotDataForm *form = dataform_test_load(files[i]), *again = rebuild(form, IOT_GEN_XSF, NULL);

		assert_same_form(form, again);
		iot_dataform_free(again);
		iot_dataform_free(form);
	}
	/* The grouping element is spelled as each generation spells it. */
	for (i = 0; i < G_N_ELEMENTS(gens); i++) {
		IotDataForm *form = dataform_test_load("ctl/nf-getform-result.xml");
		char *xml;
		IotDataForm *again = rebuild(form, gens[i], &xml);

		assert_same_form(form, again);
		ck_assert(strstr(xml, iot_generation_is_short(gens[i]) ? "<pGroup " : "<parameterGroup ") != NULL);
		ck_assert(strstr(xml, iot_ns_for(gens[i], IOT_FUNC_CONTROL)) != NULL);
		g_free(xml);
		iot_dataform_free(again);
		iot_dataform_free(form);
	}
}
END_TEST

START_TEST(test_model_api)
{
	IotDataForm *form = iot_dataform_new(IOT_FORM_FORM);
	IotFormField *f = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, "fade");
	char *c;

	f->label = g_strdup("Fade Time (ms): ");
	c = iot_form_field_caption(f);
	ck_assert_str_eq(c, "Fade Time (ms)");
	g_free(c);
	ck_assert(iot_dataform_add_field(form, f));
	ck_assert(!iot_dataform_add_field(form, iot_form_field_new(IOT_FORM_FIELD_BOOLEAN, "fade")));
	f = iot_form_field_new(IOT_FORM_FIELD_HIDDEN, IOT_DATAFORM_SESSION_VAR);
	g_ptr_array_add(f->values, g_strdup("s1"));
	ck_assert(iot_dataform_add_field(form, f));
	ck_assert_str_eq(iot_dataform_session(form), "s1");
	ck_assert_uint_eq(form->pages->len, 1);
	ck_assert_uint_eq(dataform_test_page(form, 0)->items->len, 1); /* hidden fields are on no page */
	f = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, "x");
	f->label = g_strdup(" : ");
	c = iot_form_field_caption(f);
	ck_assert_str_eq(c, "x");
	g_free(c);
	iot_form_field_free(f);
	ck_assert_str_eq(iot_form_field_type_name(IOT_FORM_FIELD_JID_SINGLE), "jid-single");
	ck_assert_str_eq(iot_form_field_type_name(99), "text-single");
	iot_dataform_free(form);
	iot_dataform_free(NULL);
	iot_form_field_free(NULL);
	iot_form_values_free(NULL);
}
END_TEST

Suite *
iot_dataform_suite(void)
{
	Suite *s = suite_create("dataform");
	TCase *tc = tcase_create("xeps");

	tcase_add_test(tc, test_xep0004_every_field_type);
	tcase_add_test(tc, test_xep0122_validation_methods);
	tcase_add_test(tc, test_xep0141_layout);
	tcase_add_test(tc, test_xep0331_colours);
	tcase_add_test(tc, test_xep0336_flags);
	tcase_add_test(tc, test_xep0325_control_forms);
	tcase_add_test(tc, test_parameter_groups_every_spelling);
	suite_add_tcase(s, tc);
	tc = tcase_create("editing");
	tcase_add_test(tc, test_validation_messages);
	tcase_add_test(tc, test_regex_cannot_freeze_or_break);
	tcase_add_test(tc, test_parse_input);
	tcase_add_test(tc, test_only_changed_fields_are_submitted);
	tcase_add_test(tc, test_changes_compare_by_value);
	tcase_add_test(tc, test_build_then_parse_round_trips);
	tcase_add_test(tc, test_model_api);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_dataform_hostile_tcase());
	return s;
}
