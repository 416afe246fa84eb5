/* test-value.c — control values as people type them and as the wire carries them. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-value.h"

#include <math.h>
#include <string.h>

Suite *iot_value_suite(void);

/* Parses @input for a parameter "Setpoint" of @type with @unit, bounds. */
static char *
parse(IotControlType type, const char *unit, const char *min, const char *max, const char *input,
      char **message)
{
	IotValueSpec spec = { 0 };
	GError *error = NULL;
	char *out;

	spec.type = type;
	spec.label = "Setpoint";
	spec.unit = unit;
	spec.min = min;
	spec.max = max;
	out = iot_value_parse(&spec, input, &error);
	if (out == NULL) {
		ck_assert_ptr_nonnull(error);
		ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
		if (message)
			*message = g_strdup(error->message);
		g_error_free(error);
	} else {
		ck_assert_ptr_null(error);
		if (message)
			*message = NULL;
	}
	return out;
}

static void
assert_parses(IotControlType type, const char *unit, const char *input, const char *wire)
{
	char *out = parse(type, unit, NULL, NULL, input, NULL);

	ck_assert_msg(out != NULL, "“%s” should parse as %s", input, iot_control_type_name(type));
	ck_assert_str_eq(out, wire);
	g_free(out);
}

/* Asserts that @input is refused and the sentence contains @needle. */
static void
assert_refused(IotControlType type, const char *unit, const char *min, const char *max,
               const char *input, const char *needle)
{
	char *msg = NULL, *out = parse(type, unit, min, max, input, &msg);

	ck_assert_msg(out == NULL, "“%s” should be refused, got “%s”", input, out ? out : "");
	ck_assert_msg(strstr(msg, needle) != NULL, "“%s” lacks “%s”", msg, needle);
	g_free(msg);
}

START_TEST(test_type_names)
{
	IotControlType t;
	guint i;

	for (i = 0; i < IOT_CONTROL_TYPE_COUNT; i++) {
		ck_assert(iot_control_type_from_name(iot_control_type_name(i), &t));
		/* ENUM is written "string" in the long-name family. */
		ck_assert_int_eq(t, i == IOT_CONTROL_ENUM ? IOT_CONTROL_STRING : i);
	}
	ck_assert(iot_control_type_from_name("bool", &t));
	ck_assert_int_eq(t, IOT_CONTROL_BOOLEAN);
	ck_assert(iot_control_type_from_name("cl", &t));
	ck_assert_int_eq(t, IOT_CONTROL_COLOR);
	ck_assert(iot_control_type_from_name("e", &t));
	ck_assert_int_eq(t, IOT_CONTROL_ENUM);
	ck_assert(iot_control_type_from_name("dr", &t));
	ck_assert_int_eq(t, IOT_CONTROL_DURATION);
	ck_assert(!iot_control_type_from_name("numeric", &t));
	ck_assert(!iot_control_type_from_name(NULL, &t));
	ck_assert_str_eq(iot_control_type_name(IOT_CONTROL_TYPE_COUNT), "");
}
END_TEST

START_TEST(test_booleans)
{
	static const char *const yes[] = { "on", "ON", "True", "yes", "YES", "1", " on " };
	static const char *const no[] = { "off", "Off", "FALSE", "no", "0" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(yes); i++)
		assert_parses(IOT_CONTROL_BOOLEAN, NULL, yes[i], "true");
	for (i = 0; i < G_N_ELEMENTS(no); i++)
		assert_parses(IOT_CONTROL_BOOLEAN, NULL, no[i], "false");
	assert_refused(IOT_CONTROL_BOOLEAN, NULL, NULL, NULL, "maybe",
	               "Setpoint must be on or off (also true/false, yes/no, 1/0).");
	assert_refused(IOT_CONTROL_BOOLEAN, NULL, NULL, NULL, "2", "on or off");
	assert_refused(IOT_CONTROL_BOOLEAN, NULL, NULL, NULL, "   ", "Setpoint needs a value.");
}
END_TEST

START_TEST(test_numbers_with_units)
{
	assert_parses(IOT_CONTROL_DOUBLE, "°C", "21.5 °C", "21.5");
	assert_parses(IOT_CONTROL_DOUBLE, "°C", "21.5°C", "21.5");
	assert_parses(IOT_CONTROL_DOUBLE, "°C", "21.5", "21.5");
	assert_parses(IOT_CONTROL_DOUBLE, "°C", " 21.50 ", "21.50"); /* the person's precision */
	/* U+2103 DEGREE CELSIUS is "°C" after compatibility folding. */
	assert_parses(IOT_CONTROL_DOUBLE, "°C", "21.5 \u2103", "21.5");
	assert_parses(IOT_CONTROL_DOUBLE, NULL, "-3", "-3");
	assert_parses(IOT_CONTROL_DOUBLE, NULL, "+4", "4");
	assert_parses(IOT_CONTROL_DOUBLE, NULL, ".5", "0.5");
	assert_parses(IOT_CONTROL_DOUBLE, NULL, "5.", "5");
	assert_parses(IOT_CONTROL_DOUBLE, NULL, "1e3", "1e3");
	assert_parses(IOT_CONTROL_DOUBLE, NULL, "-2.5E-3", "-2.5E-3");
	assert_parses(IOT_CONTROL_INT, "ms", "800 ms", "800");
	assert_parses(IOT_CONTROL_LONG, "Wh", "5000000000Wh", "5000000000");

	assert_refused(IOT_CONTROL_DOUBLE, "°C", NULL, NULL, "21,5",
	               "Setpoint: use a decimal point, not a comma: 21.5");
	assert_refused(IOT_CONTROL_DOUBLE, "°C", NULL, NULL, "21,5 °C", "not a comma: 21.5");
	assert_refused(IOT_CONTROL_DOUBLE, "°C", NULL, NULL, "21.5 °F",
	               "Setpoint is in °C, not in °F.");
	assert_refused(IOT_CONTROL_DOUBLE, "MW", NULL, NULL, "3 mW", "is in MW, not in mW");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, "50 %",
	               "its unit is not known, so “50 %” cannot be checked");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, "warm", "Setpoint must be a number, like 21.5.");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, "INF", "must be a number");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, "NaN", "must be a number");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, "1e999", "must be a number");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, ".", "must be a number");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, NULL, NULL, "0x10", "its unit is not known");
}
END_TEST

START_TEST(test_integers)
{
	assert_parses(IOT_CONTROL_INT, NULL, "40", "40");
	assert_parses(IOT_CONTROL_INT, NULL, "-2147483648", "-2147483648");
	assert_parses(IOT_CONTROL_INT, NULL, "2147483647", "2147483647");
	assert_parses(IOT_CONTROL_INT, NULL, "007", "7");
	assert_parses(IOT_CONTROL_INT, NULL, "5.", "5");
	assert_parses(IOT_CONTROL_LONG, NULL, "9223372036854775807", "9223372036854775807");
	assert_parses(IOT_CONTROL_LONG, NULL, "-9223372036854775808", "-9223372036854775808");
	assert_refused(IOT_CONTROL_INT, NULL, NULL, NULL, "40.5", "Setpoint must be a whole number, like 40.");
	assert_refused(IOT_CONTROL_INT, NULL, NULL, NULL, "4e1", "whole number");
	assert_refused(IOT_CONTROL_INT, NULL, NULL, NULL, "2147483648",
	               "Setpoint must be a whole number from -2147483648 to 2147483647.");
	assert_refused(IOT_CONTROL_LONG, NULL, NULL, NULL, "9223372036854775808",
	               "from -9223372036854775808 to 9223372036854775807");
	assert_refused(IOT_CONTROL_INT, NULL, NULL, NULL, "forty", "whole number, like 40");
	assert_refused(IOT_CONTROL_INT, NULL, NULL, NULL, "4,0", "not a comma: 4.0");
}
END_TEST

START_TEST(test_ranges)
{
	char *out;

	out = parse(IOT_CONTROL_DOUBLE, "°C", "5", "30", "21.5 °C", NULL);
	ck_assert_str_eq(out, "21.5");
	g_free(out);
	out = parse(IOT_CONTROL_DOUBLE, NULL, "5", "30", "30", NULL); /* inclusive */
	ck_assert_str_eq(out, "30");
	g_free(out);
	assert_refused(IOT_CONTROL_DOUBLE, NULL, "5", "30", "31", "Setpoint must be between 5 and 30.");
	assert_refused(IOT_CONTROL_DOUBLE, NULL, "5", "30", "4.99", "Setpoint must be between 5 and 30.");
	assert_refused(IOT_CONTROL_INT, NULL, "0", NULL, "-1", "Setpoint must be at least 0.");
	assert_refused(IOT_CONTROL_INT, NULL, NULL, "100", "101", "Setpoint must be at most 100.");
	assert_refused(IOT_CONTROL_DATE, NULL, "2024-01-01", "2024-12-31", "2025-01-01",
	               "between 2024-01-01 and 2024-12-31");
	assert_refused(IOT_CONTROL_TIME, NULL, "05:00:00", "09:00:00", "9:30", "between 05:00:00 and 09:00:00");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, "PT1H", "2h", "at most PT1H");
	assert_refused(IOT_CONTROL_DATETIME, NULL, "2024-05-01T00:00:00Z", NULL, "2024-04-30 23:59Z",
	               "at least 2024-05-01T00:00:00Z");
	/* Bounds that are not of the type are the thing's mistake: ignored. */
	out = parse(IOT_CONTROL_INT, NULL, "low", "high", "7", NULL);
	ck_assert_str_eq(out, "7");
	g_free(out);
	/* XEP-0122 §5.5: no ranges on strings. */
	out = parse(IOT_CONTROL_STRING, NULL, "b", "c", "zzz", NULL);
	ck_assert_str_eq(out, "zzz");
	g_free(out);
}
END_TEST

START_TEST(test_colours)
{
	IotValueSpec spec = { IOT_CONTROL_COLOR, "Colour", NULL, NULL, NULL, FALSE, TRUE };
	GError *e = NULL;

	assert_parses(IOT_CONTROL_COLOR, NULL, "#ff8800", "FF8800");
	assert_parses(IOT_CONTROL_COLOR, NULL, "ff8800", "FF8800");
	assert_parses(IOT_CONTROL_COLOR, NULL, "#FF8800c0", "FF8800C0");
	assert_parses(IOT_CONTROL_COLOR, NULL, " #3399FF ", "3399FF");
	assert_refused(IOT_CONTROL_COLOR, NULL, NULL, NULL, "#FF88",
	               "Setpoint must be a colour like #FF8800 (or #FF8800C0 with alpha).");
	assert_refused(IOT_CONTROL_COLOR, NULL, NULL, NULL, "#GG0000", "colour like #FF8800");
	assert_refused(IOT_CONTROL_COLOR, NULL, NULL, NULL, "red", "colour like #FF8800");
	/* xdc:Color takes no alpha, xdc:ColorAlpha needs it. */
	ck_assert_ptr_null(iot_value_parse(&spec, "#FF8800C0", &e));
	ck_assert_str_eq(e->message, "Colour must be #RRGGBB.");
	g_clear_error(&e);
	spec.no_alpha = FALSE;
	spec.alpha = TRUE;
	ck_assert_ptr_null(iot_value_parse(&spec, "#FF8800", &e));
	ck_assert_str_eq(e->message, "Colour must be #RRGGBBAA.");
	g_clear_error(&e);
}
END_TEST

START_TEST(test_dates_and_times)
{
	assert_parses(IOT_CONTROL_DATE, NULL, "2024-05-01", "2024-05-01");
	assert_parses(IOT_CONTROL_DATE, NULL, "2024-02-29", "2024-02-29");
	assert_refused(IOT_CONTROL_DATE, NULL, NULL, NULL, "2023-02-29", "Setpoint must be a date like 2024-05-01.");
	assert_refused(IOT_CONTROL_DATE, NULL, NULL, NULL, "1 May", "date like");
	assert_parses(IOT_CONTROL_TIME, NULL, "8:00", "08:00:00");
	assert_parses(IOT_CONTROL_TIME, NULL, "08:00", "08:00:00");
	assert_parses(IOT_CONTROL_TIME, NULL, "06:45:15.5", "06:45:15.5");
	assert_parses(IOT_CONTROL_TIME, NULL, "06:45Z", "06:45:00Z");
	assert_refused(IOT_CONTROL_TIME, NULL, NULL, NULL, "25:00", "Setpoint must be a time like 08:00 or 08:00:00.");
	assert_refused(IOT_CONTROL_TIME, NULL, NULL, NULL, "8", "time like");
	assert_refused(IOT_CONTROL_TIME, NULL, NULL, NULL, "08:60", "time like");
	assert_parses(IOT_CONTROL_DATETIME, NULL, "2024-05-01 08:00", "2024-05-01T08:00:00");
	assert_parses(IOT_CONTROL_DATETIME, NULL, "2024-05-01T08:00:00", "2024-05-01T08:00:00");
	assert_parses(IOT_CONTROL_DATETIME, NULL, "2024-05-01T08:00:00+02:00", "2024-05-01T08:00:00+02:00");
	assert_parses(IOT_CONTROL_DATETIME, NULL, "2024-05-01   7:30Z", "2024-05-01T07:30:00Z");
	assert_refused(IOT_CONTROL_DATETIME, NULL, NULL, NULL, "2024-05-01",
	               "Setpoint must be a date and time like 2024-05-01 08:00.");
	assert_refused(IOT_CONTROL_DATETIME, NULL, NULL, NULL, "2024-13-01 08:00", "date and time");
	assert_refused(IOT_CONTROL_DATETIME, NULL, NULL, NULL, "tomorrow at eight", "date and time");
}
END_TEST

START_TEST(test_durations)
{
	assert_parses(IOT_CONTROL_DURATION, NULL, "PT1H30M", "PT1H30M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "pt1h30m", "PT1H30M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "-P1D", "-P1D");
	assert_parses(IOT_CONTROL_DURATION, NULL, "1h30m", "PT1H30M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "90s", "PT1M30S");
	assert_parses(IOT_CONTROL_DURATION, NULL, "2d 4h", "P2DT4H");
	assert_parses(IOT_CONTROL_DURATION, NULL, "1 h 30 min", "PT1H30M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "1.5h", "PT1H30M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "500ms", "PT0.5S");
	assert_parses(IOT_CONTROL_DURATION, NULL, "01:30:00", "PT1H30M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "0:00:05.25", "PT5.25S");
	assert_parses(IOT_CONTROL_DURATION, NULL, "-5m", "-PT5M");
	assert_parses(IOT_CONTROL_DURATION, NULL, "0s", "PT0S");
	assert_parses(IOT_CONTROL_DURATION, NULL, "1w", "P7D");
	assert_parses(IOT_CONTROL_DURATION, NULL, "1d", "P1D");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "1x",
	               "Setpoint must be a duration like 1h30m, 90s, 2d 4h or PT1H30M.");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "P", "duration like");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "PT", "duration like");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "h", "duration like");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "5m-3s", "duration like");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "1:75", "duration like");
	/* Hours beyond an int are refused, not wrapped to 5 hours. */
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "4294967301:00", "duration like");
	assert_refused(IOT_CONTROL_DURATION, NULL, NULL, NULL, "99999999999999999d", "duration like");
}
END_TEST

START_TEST(test_strings)
{
	char *big = g_strnfill(IOT_MAX_INPUT_BYTES + 1, 'a');

	assert_parses(IOT_CONTROL_STRING, NULL, "  Hall <east> ", "  Hall <east> ");
	assert_parses(IOT_CONTROL_STRING, NULL, "", "");
	assert_parses(IOT_CONTROL_ENUM, NULL, "Eco", "Eco");
	assert_refused(IOT_CONTROL_STRING, NULL, NULL, NULL, "bell\a", "Setpoint contains characters that cannot be sent.");
	assert_refused(IOT_CONTROL_STRING, NULL, NULL, NULL, "\xff\xfe", "cannot be sent");
	assert_refused(IOT_CONTROL_STRING, NULL, NULL, NULL, big, "Setpoint is too long (at most 4096 bytes).");
	g_free(big);
}
END_TEST

/* Every type's refusal names the parameter and falls back to "The value". */
START_TEST(test_every_refusal_names_the_parameter)
{
	guint i;

	for (i = 0; i < IOT_CONTROL_TYPE_COUNT; i++) {
		IotValueSpec spec = { 0 };
		GError *e = NULL;
		char *out;

		if (i == IOT_CONTROL_STRING || i == IOT_CONTROL_ENUM)
			continue;
		spec.type = i;
		spec.label = "Garage door";
		out = iot_value_parse(&spec, "§§§", &e);
		ck_assert_ptr_null(out);
		ck_assert_msg(g_str_has_prefix(e->message, "Garage door"), "%s", e->message);
		ck_assert(g_str_has_suffix(e->message, "."));
		g_clear_error(&e);
		spec.label = NULL;
		ck_assert_ptr_null(iot_value_parse(&spec, "§§§", &e));
		ck_assert_msg(g_str_has_prefix(e->message, "The value"), "%s", e->message);
		g_clear_error(&e);
	}
}
END_TEST

static void
assert_canonical(IotControlType t, const char *wire, const char *want)
{
	char *c = iot_value_canonical(t, wire);

	if (want == NULL) {
		ck_assert_msg(c == NULL, "“%s” is no %s", wire, iot_control_type_name(t));
	} else {
		ck_assert_msg(c != NULL, "“%s” is a %s", wire, iot_control_type_name(t));
		ck_assert_str_eq(c, want);
	}
	g_free(c);
}

START_TEST(test_canonical_wire_values)
{
	assert_canonical(IOT_CONTROL_BOOLEAN, "1", "true");
	assert_canonical(IOT_CONTROL_BOOLEAN, " false ", "false");
	assert_canonical(IOT_CONTROL_BOOLEAN, "on", NULL); /* wire is strict */
	assert_canonical(IOT_CONTROL_INT, "+007", "7");
	assert_canonical(IOT_CONTROL_INT, "2147483648", NULL);
	assert_canonical(IOT_CONTROL_LONG, "2147483648", "2147483648");
	assert_canonical(IOT_CONTROL_INT, "1.0", NULL);
	assert_canonical(IOT_CONTROL_DOUBLE, "+.5", "0.5");
	assert_canonical(IOT_CONTROL_DOUBLE, "-INF", "-INF");
	assert_canonical(IOT_CONTROL_DOUBLE, "NaN", "NaN");
	assert_canonical(IOT_CONTROL_DOUBLE, "21,5", NULL);
	assert_canonical(IOT_CONTROL_DOUBLE, "21.5 °C", NULL);
	assert_canonical(IOT_CONTROL_COLOR, "ffb070", "FFB070");
	assert_canonical(IOT_CONTROL_COLOR, "#ffb070", NULL);
	assert_canonical(IOT_CONTROL_COLOR, "FFB07", NULL);
	assert_canonical(IOT_CONTROL_DATE, "2013-05-01", "2013-05-01");
	assert_canonical(IOT_CONTROL_DATE, "2013-5-1", NULL);
	assert_canonical(IOT_CONTROL_TIME, "08:00:00", "08:00:00");
	assert_canonical(IOT_CONTROL_TIME, "08:00", NULL);
	assert_canonical(IOT_CONTROL_DATETIME, "2013-04-02 08:00:00", "2013-04-02T08:00:00");
	assert_canonical(IOT_CONTROL_DURATION, "PT3M30S", "PT3M30S");
	assert_canonical(IOT_CONTROL_DURATION, "3m30s", NULL);
	assert_canonical(IOT_CONTROL_STRING, " as is ", " as is ");
	assert_canonical(IOT_CONTROL_STRING, "nul\x01", NULL);
	assert_canonical(IOT_CONTROL_TYPE_COUNT, "x", NULL);
	ck_assert_ptr_null(iot_value_canonical(IOT_CONTROL_INT, NULL));
}
END_TEST

START_TEST(test_compare)
{
	int c;

	ck_assert(iot_value_compare(IOT_CONTROL_DOUBLE, "20.0", "20", &c) && c == 0);
	ck_assert(iot_value_compare(IOT_CONTROL_DOUBLE, "1e1", "9.5", &c) && c > 0);
	ck_assert(iot_value_compare(IOT_CONTROL_INT, "-5", "3", &c) && c < 0);
	ck_assert(iot_value_compare(IOT_CONTROL_BOOLEAN, "1", "true", &c) && c == 0);
	ck_assert(iot_value_compare(IOT_CONTROL_DURATION, "PT90S", "PT1M30S", &c) && c == 0);
	ck_assert(iot_value_compare(IOT_CONTROL_DATETIME, "2024-05-01T10:00:00+02:00",
	                            "2024-05-01T08:00:00Z", &c) && c == 0);
	ck_assert(iot_value_compare(IOT_CONTROL_TIME, "23:00:00", "01:00:00", &c) && c > 0);
	ck_assert(iot_value_compare(IOT_CONTROL_STRING, "a", "b", &c) && c < 0);
	ck_assert(!iot_value_compare(IOT_CONTROL_DOUBLE, "NaN", "1", &c));
	ck_assert(!iot_value_compare(IOT_CONTROL_INT, "x", "1", &c));
}
END_TEST

START_TEST(test_format)
{
	char *s;
	guint8 r, g, b, a;
	gboolean has_alpha;

#define EQ(expr, want)                  \
	s = (expr);                         \
	ck_assert_str_eq(s, want);          \
	g_free(s)
	EQ(iot_value_format_boolean(TRUE), "true");
	EQ(iot_value_format_boolean(FALSE), "false");
	EQ(iot_value_format_integer(G_MININT64), "-9223372036854775808");
	EQ(iot_value_format_double(0.1), "0.1");
	EQ(iot_value_format_double(-21.5), "-21.5");
	EQ(iot_value_format_double(NAN), "NaN");
	EQ(iot_value_format_double(-INFINITY), "-INF");
	EQ(iot_value_format_color(0xFF, 0xB0, 0x70, FALSE, 0), "FFB070");
	EQ(iot_value_format_color(1, 2, 3, TRUE, 0xC0), "010203C0");
	EQ(iot_value_format_date(2024, 5, 1), "2024-05-01");
	EQ(iot_value_format_time(3661.5), "01:01:01.5");
	EQ(iot_value_format_time(0), "00:00:00");
	EQ(iot_value_format_time(NAN), "00:00:00"); /* no undefined conversion (UBSan) */
	EQ(iot_value_format_time(INFINITY), "00:00:00");
	EQ(iot_value_format_duration(5400), "PT1H30M");
	EQ(iot_value_format_duration(0), "PT0S");
	EQ(iot_value_format_duration(-5), "-PT5S");
	EQ(iot_value_format_duration(86400), "P1D");
	EQ(iot_value_format_duration(90061), "P1DT1H1M1S");
	EQ(iot_value_format_duration(0.25), "PT0.25S");
	EQ(iot_value_format_duration(NAN), "PT0S");
#undef EQ
	/* What the formatters write reads back. */
	s = iot_value_format_double(1.0 / 3.0);
	ck_assert(g_ascii_strtod(s, NULL) == 1.0 / 3.0);
	g_free(s);

	ck_assert(iot_value_parse_color("ffb070", &r, &g, &b, &has_alpha, &a));
	ck_assert(r == 0xFF && g == 0xB0 && b == 0x70 && !has_alpha && a == 255);
	ck_assert(iot_value_parse_color("010203C0", &r, &g, &b, &has_alpha, &a));
	ck_assert(r == 1 && g == 2 && b == 3 && has_alpha && a == 0xC0);
	ck_assert(!iot_value_parse_color("#010203", &r, &g, &b, NULL, NULL));
	ck_assert(!iot_value_parse_color(NULL, &r, &g, &b, NULL, NULL));
}
END_TEST

START_TEST(test_bounds_message)
{
	char *m = iot_value_integer_bounds_message(NULL, -128, 127);

	ck_assert_str_eq(m, "The value must be a whole number from -128 to 127.");
	g_free(m);
}
END_TEST

Suite *
iot_value_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("input");

	tcase_add_test(tc, test_type_names);
	tcase_add_test(tc, test_booleans);
	tcase_add_test(tc, test_numbers_with_units);
	tcase_add_test(tc, test_integers);
	tcase_add_test(tc, test_ranges);
	tcase_add_test(tc, test_colours);
	tcase_add_test(tc, test_dates_and_times);
	tcase_add_test(tc, test_durations);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_every_refusal_names_the_parameter);
	suite_add_tcase(s, tc);
	tc = tcase_create("wire");
	tcase_add_test(tc, test_canonical_wire_values);
	tcase_add_test(tc, test_compare);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_bounds_message);
	suite_add_tcase(s, tc);
	return s;
}
