/* test-format.c — readouts and errors as text. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-time.h"

#include <string.h>

static IotField *
field(const char *node, const char *name, IotValueType type, const char *value, const char *unit,
      guint32 cats, guint32 qos)
{
	IotField *f = iot_field_new();

	f->node.node_id = g_strdup(node);
	g_free(f->name);
	f->name = g_strdup(name);
	g_free(f->value);
	f->value = g_strdup(value);
	f->type = type;
	f->unit = g_strdup(unit);
	f->categories = cats;
	f->qos = qos;
	f->timestamp = G_GINT64_CONSTANT(1704874500) * G_USEC_PER_SEC; /* 2024-01-10 08:15:00Z */
	if (type == IOT_VALUE_DURATION) {
		f->number = 4 * 60 + 30;
		f->number_valid = TRUE;
	}
	return f;
}

START_TEST(test_block_is_aligned_with_units_categories_and_flags)
{
	IotReadout *r = iot_readout_new();
	char *text, **lines;

	g_ptr_array_add(r->fields, field("Thermostat", "temperature", IOT_VALUE_NUMERIC, "21.50", "°C",
	                                 IOT_CAT_MOMENTARY, 0));
	g_ptr_array_add(r->fields, field("Thermostat", "heater", IOT_VALUE_BOOLEAN, "false", NULL,
	                                 IOT_CAT_MOMENTARY | IOT_CAT_STATUS, IOT_QOS_WARNING));
	g_ptr_array_add(r->fields, field("Thermostat", "open time", IOT_VALUE_DURATION, "PT4M30S", NULL,
	                                 IOT_CAT_MOMENTARY, IOT_QOS_AUTOMATIC_READOUT));
	text = iot_format_readout(r, 200, 0);
	lines = g_strsplit(text, "\n", -1);
	ck_assert_str_eq(lines[0], "Thermostat · 2024-01-10 08:15:00");
	ck_assert_str_eq(lines[1], "  temperature  21.50 °C    momentary");
	ck_assert_str_eq(lines[2], "  heater       false       momentary, status  [warning]");
	ck_assert_str_eq(lines[3], "  open time    4 min 30 s  momentary");
	ck_assert_ptr_null(lines[4]);
	g_strfreev(lines);
	g_free(text);
	iot_readout_free(r);
}
END_TEST

START_TEST(test_many_fields_are_summarised)
{
	IotReadout *r = iot_readout_new();
	char *text, **lines;
	guint i;

	for (i = 0; i < 1000; i++)
		g_ptr_array_add(r->fields, field(NULL, "f", IOT_VALUE_INT, "1", NULL, 0, 0));
	text = iot_format_readout(r, 200, 0);
	ck_assert_ptr_nonnull(strstr(text, "… 800 more fields not listed here (1000 in all)."));
	lines = g_strsplit(text, "\n", -1);
	ck_assert_uint_eq(g_strv_length(lines), 1 + 200 + 1); /* header + lines + summary */
	g_strfreev(lines);
	g_free(text);
	iot_readout_free(r);
}
END_TEST

START_TEST(test_device_strings_lose_control_characters)
{
	IotReadout *r = iot_readout_new();
	char *text;

	g_ptr_array_add(r->fields, field("n", "a\nb\tc", IOT_VALUE_STRING, "x\r\ny\u202Ez", NULL, 0, 0));
	text = iot_format_readout(r, 200, 0);
	ck_assert_ptr_nonnull(strstr(text, "a b c"));
	ck_assert_ptr_nonnull(strstr(text, "x  y z"));
	/* Markup is left alone here: escaping is the displaying layer's job. */
	iot_readout_free(r);
	g_free(text);
}
END_TEST

START_TEST(test_failures_and_notes_are_listed)
{
	IotReadout *r = iot_readout_new();
	IotFailure *fl = iot_failure_new();
	char *text;

	fl->node.node_id = g_strdup("Meter12");
	g_free(fl->text);
	fl->text = g_strdup("Tariff register unreadable");
	g_ptr_array_add(r->failures, fl);
	iot_readout_add_note(r, "Skipped unknown field type “weird”.");
	text = iot_format_readout(r, 200, 0);
	ck_assert_str_eq(text, "Error from Meter12: Tariff register unreadable\n"
	                       "Note: Skipped unknown field type “weird”.");
	g_free(text);
	iot_readout_free(r);
}
END_TEST

START_TEST(test_errors_in_words)
{
	const char *who = "thermostat@home.example";
	struct {
		int code;
		const char *msg, *expect;
	} cases[] = {
		{ IOT_ERROR_TIMEOUT, "x", "thermostat@home.example did not answer within 15 s" },
		{ IOT_ERROR_NOT_SUPPORTED, "x", "thermostat@home.example does not offer sensor data" },
		{ IOT_ERROR_REJECTED, "Access denied.", "thermostat@home.example refused: Access denied." },
		{ IOT_ERROR_OFFLINE, "x", "thermostat@home.example is offline" },
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *e = g_error_new_literal(IOT_ERROR, cases[i].code, cases[i].msg);
		char *t = iot_format_error(who, e, 15);
		ck_assert_str_eq(t, cases[i].expect);
		g_free(t);
		g_error_free(e);
	}
}
END_TEST

START_TEST(test_qos_words_put_errors_first)
{
	char *q = iot_format_qos(IOT_QOS_MANUAL_ESTIMATE | IOT_QOS_ERROR | IOT_QOS_AUTOMATIC_READOUT);

	ck_assert_str_eq(q, "error, manual estimate");
	g_free(q);
	q = iot_format_qos(IOT_QOS_AUTOMATIC_READOUT);
	ck_assert_str_eq(q, "");
	g_free(q);
}
END_TEST

/* A duration as a thing sends it, parsed as the readout parses it. */
static char *
duration_text(const char *lexical)
{
	IotField *f = field("Thermostat", "uptime", IOT_VALUE_DURATION, lexical, NULL, IOT_CAT_STATUS, 0);
	char *text;

	f->number_valid = iot_time_parse_duration(lexical, &f->number);
	ck_assert(f->number_valid);
	text = iot_format_value(f, 0);
	iot_field_free(f);
	return text;
}

/* Days of a huge duration do not fit an integer: beyond 10000 years the
 * value is said in words (no undefined conversion; run under UBSan). */
START_TEST(test_huge_durations_are_bounded)
{
	static const struct {
		const char *lexical, *expect;
	} cases[] = {
		{ "P3000000000000000000Y", "more than 10000 years" },
		{ "-P3000000000000000000Y", "minus more than 10000 years" },
		{ "PT999999999999999999999999999999S", "more than 10000 years" },
		{ "P10001Y", "more than 10000 years" },
		{ "P10000Y", "3650000 d" },
		{ "P1DT2H3M4S", "1 d 2 h 3 min 4 s" },
		{ "-PT90S", "-1 min 30 s" },
	};
	GString *inf = g_string_new("P");
	char *t;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		t = duration_text(cases[i].lexical);
		ck_assert_msg(strcmp(t, cases[i].expect) == 0, "%s: %s", cases[i].lexical, t);
		g_free(t);
	}
	/* More digits than a double holds: the number is infinite. */
	for (i = 0; i < 400; i++)
		g_string_append_c(inf, '9');
	g_string_append_c(inf, 'D');
	t = duration_text(inf->str);
	ck_assert_str_eq(t, "more than 10000 years");
	g_free(t);
	g_string_free(inf, TRUE);
}
END_TEST

Suite *
iot_format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_block_is_aligned_with_units_categories_and_flags);
	tcase_add_test(tc, test_many_fields_are_summarised);
	tcase_add_test(tc, test_device_strings_lose_control_characters);
	tcase_add_test(tc, test_failures_and_notes_are_listed);
	tcase_add_test(tc, test_errors_in_words);
	tcase_add_test(tc, test_qos_words_put_errors_first);
	tcase_add_test(tc, test_huge_durations_are_bounded);
	suite_add_tcase(s, tc);
	return s;
}
