/* test-time.c — xs:dateTime, xs:date, xs:time and xs:duration (iot-time.c).
 * The runner sets TZ=UTC, so "local" equals UTC unless a test changes TZ. */
#include "iot-tests.h"

#include "iot-model.h"
#include "iot-time.h"

#include <math.h>

#define T_2013_03_07_162430 G_GINT64_CONSTANT(1362673470)
#define T_2024_01_10 G_GINT64_CONSTANT(1704844800)
#define US G_GINT64_CONSTANT(1000000)

static gint64
dt(const char *s)
{
	gint64 us = 0;

	ck_assert_msg(iot_time_parse_datetime(s, &us), "rejected “%s”", s);
	return us;
}

START_TEST(datetime_zones)
{
	ck_assert_int_eq(dt("2013-03-07T16:24:30Z"), T_2013_03_07_162430 * US);
	ck_assert_int_eq(dt("2013-03-07T17:24:30+01:00"), T_2013_03_07_162430 * US);
	ck_assert_int_eq(dt("2013-03-07T11:54:30-04:30"), T_2013_03_07_162430 * US);
	ck_assert_int_eq(dt("2013-03-07T17:24:30+0100"), T_2013_03_07_162430 * US);
	/* No zone: local time, UTC in this runner (slixmpp sends this). */
	ck_assert_int_eq(dt("2013-03-07T16:24:30"), T_2013_03_07_162430 * US);
	/* Blanks the schema collapses, and a blank separator people write. */
	ck_assert_int_eq(dt("  2013-03-07T16:24:30Z\n"), T_2013_03_07_162430 * US);
	ck_assert_int_eq(dt("2013-03-07 16:24:30Z"), T_2013_03_07_162430 * US);
}
END_TEST

START_TEST(datetime_fractions_and_edges)
{
	ck_assert_int_eq(dt("2013-03-07T16:24:30.25Z"), T_2013_03_07_162430 * US + 250000);
	ck_assert_int_eq(dt("2013-03-07T16:24:30.000001Z"), T_2013_03_07_162430 * US + 1);
	/* More digits than µs are cut, not rounded up into the next second. */
	ck_assert_int_eq(dt("2013-03-07T16:24:30.9999999Z"), T_2013_03_07_162430 * US + 999999);
	/* 24:00:00 ends the day; a leap second counts on top of :59. */
	ck_assert_int_eq(dt("2024-01-09T24:00:00Z"), T_2024_01_10 * US);
	ck_assert_int_eq(dt("2024-01-09T23:59:60Z"), T_2024_01_10 * US);
	ck_assert_int_eq(dt("2024-02-29T00:00:00Z"), G_GINT64_CONSTANT(1709164800) * US);
	ck_assert_int_eq(dt("1969-12-31T23:59:59.5Z"), -500000);
	ck_assert(iot_time_parse_datetime("0001-01-01T00:00:00Z", NULL));
	ck_assert(iot_time_parse_datetime("9999-12-31T23:59:59Z", NULL));
}
END_TEST

START_TEST(datetime_local_zone)
{
	/* A value without a zone is the device's local time = ours. */
	g_setenv("TZ", "CET-1", TRUE);
	ck_assert_int_eq(dt("2013-03-07T17:24:30"), T_2013_03_07_162430 * US);
	ck_assert_int_eq(dt("2013-03-07T16:24:30Z"), T_2013_03_07_162430 * US);
	g_setenv("TZ", "UTC", TRUE);
	ck_assert_int_eq(dt("2013-03-07T16:24:30"), T_2013_03_07_162430 * US);
}
END_TEST

START_TEST(datetime_garbage)
{
	static const char *const bad[] = {
		"yesterday", "2024-13-45T99:00:00", "", "   ", "2024-02-30T00:00:00",
		"2023-02-29T00:00:00Z", "2024-01-10", "2024-01-10T08:15", "2024-01-10T08:15:00+25:00",
		"2024-01-10T08:15:00+14:30", "2024-01-10T08:15:00Zjunk", "2024-01-10T08:15:00.",
		"2024-01-10T08:60:00", "2024-01-10T08:15:61", "2024-01-10T24:00:01",
		"10000-01-01T00:00:00", "0000-01-01T00:00:00", "-2024-01-10T00:00:00",
		"2024-1-10T00:00:00", "2024-01-10X08:15:00", "2024-01-10T08:15:00 Z",
		"20240110T081500Z", "2024-W02-3T08:15:00", "2024-01-10T08:15:00+01",
		"2024-01-10T08:15:00+01:", "1e9", "2024-01-10T\00108:15:00",
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(bad); i++)
		ck_assert_msg(!iot_time_parse_datetime(bad[i], NULL), "accepted “%s”", bad[i]);
	ck_assert(!iot_time_parse_datetime(NULL, NULL));
}
END_TEST

START_TEST(date_values)
{
	gint64 us = 0;

	ck_assert(iot_time_parse_date("2024-01-10", &us));
	ck_assert_int_eq(us, T_2024_01_10 * US);
	/* The zone is validated, then the date is our local midnight. */
	ck_assert(iot_time_parse_date("2024-01-10Z", &us));
	ck_assert_int_eq(us, T_2024_01_10 * US);
	ck_assert(iot_time_parse_date("2024-01-10+05:00", &us));
	ck_assert_int_eq(us, T_2024_01_10 * US);
	ck_assert(!iot_time_parse_date("2024-01-10T00:00:00", NULL));
	ck_assert(!iot_time_parse_date("2024-1-10", NULL));
	ck_assert(!iot_time_parse_date("2024-02-30", NULL));
	ck_assert(!iot_time_parse_date("2024-01-10+5", NULL));
	ck_assert(!iot_time_parse_date("today", NULL));
	ck_assert(!iot_time_parse_date(NULL, NULL));
}
END_TEST

START_TEST(time_values)
{
	double s = -1;

	ck_assert(iot_time_parse_time("08:15:00", &s));
	ck_assert(s == 29700.0);
	ck_assert(iot_time_parse_time("08:15:00.5Z", &s));
	ck_assert(s == 29700.5);
	ck_assert(iot_time_parse_time("22:30:00-03:00", &s));
	ck_assert(s == 81000.0);
	ck_assert(iot_time_parse_time("24:00:00", &s));
	ck_assert(s == 0.0);
	ck_assert(iot_time_parse_time("23:59:59", NULL));
	ck_assert(!iot_time_parse_time("8:15:00", NULL));
	ck_assert(!iot_time_parse_time("08:60:00", NULL));
	ck_assert(!iot_time_parse_time("08:15", NULL));
	ck_assert(!iot_time_parse_time("25:00:00", NULL));
	ck_assert(!iot_time_parse_time("24:00:01", NULL));
	ck_assert(!iot_time_parse_time("2024-01-10T08:15:00", NULL));
	ck_assert(!iot_time_parse_time("noon", NULL));
	ck_assert(!iot_time_parse_time(NULL, NULL));
}
END_TEST

static double
dur(const char *s)
{
	double v = NAN;

	ck_assert_msg(iot_time_parse_duration(s, &v), "rejected “%s”", s);
	return v;
}

START_TEST(duration_values)
{
	ck_assert(dur("PT1H30M") == 5400.0);
	ck_assert(dur("-P1D") == -86400.0);
	ck_assert(dur("P1Y2M3DT4H5M6.5S") == 36993906.5);
	ck_assert(dur("PT0.5S") == 0.5);
	ck_assert(dur("-PT1H30M0.5S") == -5400.5);
	ck_assert(dur("P0D") == 0.0);
	ck_assert(dur("PT36H") == 129600.0);
	ck_assert(dur("P1M") == 30.0 * 86400.0);
	ck_assert(dur("PT1M") == 60.0);
	ck_assert(dur("P1DT2H3M4S") == 93784.0);
	ck_assert(dur(" PT5S ") == 5.0);
}
END_TEST

START_TEST(duration_garbage)
{
	static const char *const bad[] = {
		"P", "PT", "-P", "-PT", "", "P1H", "PT1D", "P1.5D", "1D", "P1DT", "PT1S2M", "P-1D",
		"yesterday", "PT1.S", "PT.5S", "P1D1Y", "PT1H1H", "P1DTT1H", "PTS", "P1", "+P1D",
		"P1D junk", "P 1D",
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(bad); i++)
		ck_assert_msg(!iot_time_parse_duration(bad[i], NULL), "accepted “%s”", bad[i]);
	ck_assert(!iot_time_parse_duration(NULL, NULL));
}
END_TEST

START_TEST(format_iso)
{
	static const gint64 values[] = {
		0, 1, 250000, T_2013_03_07_162430 * US, T_2013_03_07_162430 * US + 123456,
		-1, -500000, G_GINT64_CONSTANT(253402300799) * US,
	};
	char *s;
	guint i;

	s = iot_time_format_iso(0);
	ck_assert_str_eq(s, "1970-01-01T00:00:00Z");
	g_free(s);
	s = iot_time_format_iso(T_2013_03_07_162430 * US + 250000);
	ck_assert_str_eq(s, "2013-03-07T16:24:30.25Z");
	g_free(s);
	s = iot_time_format_iso(-1);
	ck_assert_str_eq(s, "1969-12-31T23:59:59.999999Z");
	g_free(s);
	s = iot_time_format_iso(IOT_TIME_UNKNOWN);
	ck_assert_str_eq(s, "");
	g_free(s);
	/* What we write, we read back to the microsecond. */
	for (i = 0; i < G_N_ELEMENTS(values); i++) {
		s = iot_time_format_iso(values[i]);
		ck_assert_int_eq(dt(s), values[i]);
		g_free(s);
	}
}
END_TEST

START_TEST(format_local)
{
	gint64 now = (T_2013_03_07_162430 + 3600) * US;
	char *s;

	s = iot_time_format_local(T_2013_03_07_162430 * US, now);
	ck_assert_str_eq(s, "16:24:30");
	g_free(s);
	s = iot_time_format_local(T_2013_03_07_162430 * US, now + 86400 * US);
	ck_assert_str_eq(s, "2013-03-07 16:24:30");
	g_free(s);
	s = iot_time_format_local(IOT_TIME_UNKNOWN, now);
	ck_assert_str_eq(s, "");
	g_free(s);
	g_setenv("TZ", "CET-1", TRUE);
	s = iot_time_format_local(T_2013_03_07_162430 * US, now);
	ck_assert_str_eq(s, "17:24:30");
	g_free(s);
	g_setenv("TZ", "UTC", TRUE);
}
END_TEST

Suite *
iot_time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, datetime_zones);
	tcase_add_test(tc, datetime_fractions_and_edges);
	tcase_add_test(tc, datetime_local_zone);
	tcase_add_test(tc, datetime_garbage);
	tcase_add_test(tc, date_values);
	tcase_add_test(tc, time_values);
	tcase_add_test(tc, duration_values);
	tcase_add_test(tc, duration_garbage);
	suite_add_tcase(s, tc);
	tc = tcase_create("format");
	tcase_add_test(tc, format_iso);
	tcase_add_test(tc, format_local);
	suite_add_tcase(s, tc);
	return s;
}
