/* test-store-history-io.c — what goes in and out of the history store as a
 * whole: sizes on disk, CSV of samples, hours and states, and the import
 * of the former per-thing files. Part of the store-history suite
 * (test-store-history.c). */
#include "test-store-history.h"

#include "iot-history.h"

#include <string.h>

/* ---- sizes, CSV ---------------------------------------------------------------------------- */

START_TEST(test_sizes)
{
	gint64 bytes = 0, thing = 0, lamp = 0;
	guint64 rows = 0;
	guint i;

	for (i = 0; i < 1000; i++)
		sh_num("Temperature", "°C", SH_T0 + i * SH_SEC, i, 0);
	ck_assert_int_eq(iot_store_history_add_number(sh, SH_ACCOUNT, "lamp@home.example", NULL, "Power",
	                                              "W", SH_T0, 1, 0),
	                 IOT_STORE_HISTORY_QUEUED);
	sh_flush(SH_T0 + SH_HOUR);
	ck_assert(iot_store_history_disk_size(sh, &bytes, NULL));
	ck_assert_int_eq(bytes, sh_int(sh_db, "PRAGMA page_count") * sh_int(sh_db, "PRAGMA page_size"));
	ck_assert(iot_store_history_thing_size(sh, SH_ACCOUNT, SH_THING, &thing, &rows, NULL));
	ck_assert_uint_eq(rows, 1001); /* 1000 samples, 1 hour */
	ck_assert(iot_store_history_thing_size(sh, SH_ACCOUNT, "lamp@home.example", &lamp, NULL, NULL));
	ck_assert_int_gt(thing, 20 * 1000);
	ck_assert_int_lt(thing, 60 * 1000);
	ck_assert_int_lt(lamp, thing / 100);
	ck_assert(iot_store_history_thing_size(sh, SH_ACCOUNT, "nobody@home.example", &lamp, &rows, NULL));
	ck_assert_int_eq(lamp, 0);
	ck_assert_uint_eq(rows, 0);
}
END_TEST

START_TEST(test_csv_export)
{
	GString *out = g_string_new(NULL), *steps = g_string_new(NULL);
	IotStoreHistoryExport *e;
	gboolean done = FALSE;
	guint n = 0;
	gint64 id;

	sh_num("Temperature", "=1+2", SH_T0, 21.5, 0);
	sh_num("Temperature", "=1+2", SH_T0 + SH_MIN, -3, IOT_QOS_MANUAL_ESTIMATE | IOT_QOS_WARNING);
	sh_num("Temperature", "=1+2", SH_T0 + SH_HOUR, 1e21, 0);
	sh_state("Firmware", SH_T0, "=HYPERLINK(\"x\")", 0);
	sh_flush(SH_T0 + 2 * SH_HOUR);
	id = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);

	ck_assert(iot_store_history_export_csv(sh, id, G_MININT64, G_MAXINT64, IOT_STORE_EXPORT_DETAIL,
	                                       IOT_CSV_NONE, out, NULL));
	ck_assert_str_eq(out->str, "timestamp,value,unit,quality\r\n"
	                           "2024-01-10T08:00:00Z,21.5,'=1+2,automaticReadout\r\n"
	                           "2024-01-10T08:01:00Z,-3,'=1+2,manualEstimate warning\r\n"
	                           "2024-01-10T09:00:00Z,1e+21,'=1+2,automaticReadout\r\n");
	g_string_truncate(out, 0);
	ck_assert(iot_store_history_export_csv(sh, id, SH_T0, SH_T0 + SH_DAY, IOT_STORE_EXPORT_HOURS,
	                                       IOT_CSV_BOM, out, NULL));
	ck_assert_str_eq(out->str, "\xEF\xBB\xBFhour,min,max,mean,count,unit\r\n"
	                           "2024-01-10T08:00:00Z,-3,21.5,9.25,2,'=1+2\r\n"
	                           "2024-01-10T09:00:00Z,1e+21,1e+21,1e+21,1,'=1+2\r\n");
	g_string_truncate(out, 0);
	ck_assert(iot_store_history_export_csv(sh, sh_series("Firmware", IOT_STORE_SERIES_STATES),
	                                       G_MININT64, G_MAXINT64, IOT_STORE_EXPORT_DETAIL,
	                                       IOT_CSV_NONE, out, NULL));
	ck_assert_str_eq(out->str, "timestamp,value,unit,quality\r\n"
	                           "2024-01-10T08:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",,automaticReadout\r\n");

	/* In steps of one row: the same text, each row once. */
	g_string_truncate(out, 0);
	ck_assert(iot_store_history_export_csv(sh, id, G_MININT64, G_MAXINT64, IOT_STORE_EXPORT_DETAIL,
	                                       IOT_CSV_NONE, out, NULL));
	e = iot_store_history_export_new(sh, id, G_MININT64, G_MAXINT64, IOT_STORE_EXPORT_DETAIL,
	                                 IOT_CSV_NONE);
	while (!done) {
		ck_assert(iot_store_history_export_step(e, steps, 1, &done, NULL));
		ck_assert_uint_lt(++n, 10);
	}
	iot_store_history_export_free(e);
	ck_assert_str_eq(steps->str, out->str);
	/* An unknown series is an empty table. */
	g_string_truncate(out, 0);
	ck_assert(iot_store_history_export_csv(sh, 12345, G_MININT64, G_MAXINT64,
	                                       IOT_STORE_EXPORT_DETAIL, IOT_CSV_NONE, out, NULL));
	ck_assert_str_eq(out->str, "timestamp,value,unit,quality\r\n");
	g_string_free(out, TRUE);
	g_string_free(steps, TRUE);
}
END_TEST

/* The span kept: one key at each end, for every mode and kind. */
START_TEST(test_kept_span)
{
	gint64 a = 0, z = 0, id;
	guint i;

	sh_num("Temperature", "°C", SH_T0 + 5 * SH_MIN, 20, 0);
	sh_num("Temperature", "°C", SH_T0 + 3 * SH_HOUR + 7 * SH_SEC, 21, 0);
	sh_state("Door", SH_T0 + SH_SEC, "open", 0);
	sh_state("Door", SH_T0 + SH_HOUR, "closed", 0);
	/* Nothing flushed yet: nothing kept. */
	ck_assert(iot_store_history_kept_span(sh, 12345, IOT_STORE_EXPORT_DETAIL, &a, &z, NULL));
	ck_assert(a == IOT_TIME_UNKNOWN && z == IOT_TIME_UNKNOWN);
	sh_flush(SH_T0 + 4 * SH_HOUR);
	id = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);
	/* In the recent table, then moved on: the same. */
	for (i = 0; i < 2; i++) {
		if (i == 1)
			sh_drain();
		ck_assert(iot_store_history_kept_span(sh, id, IOT_STORE_EXPORT_DETAIL, &a, &z, NULL));
		ck_assert_int_eq(a, SH_T0 + 5 * SH_MIN);
		ck_assert_int_eq(z, SH_T0 + 3 * SH_HOUR + 7 * SH_SEC);
		ck_assert(iot_store_history_kept_span(sh, id, IOT_STORE_EXPORT_HOURS, &a, &z, NULL));
		ck_assert_int_eq(a, SH_T0);
		ck_assert_int_eq(z, SH_T0 + 3 * SH_HOUR);
	}
	/* States: their changes; no hours. */
	id = sh_series("Door", IOT_STORE_SERIES_STATES);
	ck_assert(iot_store_history_kept_span(sh, id, IOT_STORE_EXPORT_DETAIL, &a, &z, NULL));
	ck_assert_int_eq(a, SH_T0 + SH_SEC);
	ck_assert_int_eq(z, SH_T0 + SH_HOUR);
	ck_assert(iot_store_history_kept_span(sh, id, IOT_STORE_EXPORT_HOURS, &a, &z, NULL));
	ck_assert(a == IOT_TIME_UNKNOWN && z == IOT_TIME_UNKNOWN);
}
END_TEST

/* Several series in one table, and hours in bounded steps across a gap. */
START_TEST(test_csv_export_columns)
{
	static const char *const names[] = { "node", "field" };
	static const char *const temp[] = { "", "Temperature" };
	static const char *const door[] = { "Zone 1", "=Door" };
	GString *out = g_string_new(NULL);
	IotStoreHistoryExport *e;
	gboolean done = FALSE;
	gint64 id, pos;
	guint n = 0;

	sh_num("Temperature", "°C", SH_T0, 20, 0);
	sh_num("Temperature", "°C", SH_T0 + 10 * SH_MIN, 22, 0);
	sh_num("Temperature", "°C", SH_T0 + 20 * SH_DAY, 30, 0);
	sh_state("Door", SH_T0 + SH_SEC, "open", 0);
	sh_flush(SH_T0 + 21 * SH_DAY);
	id = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);

	/* An open range of hours is narrowed to what is kept, then walked in
	 * windows of at most max_rows hours: 20 days in steps of 100 hours. */
	e = iot_store_history_export_new(sh, id, G_MININT64, G_MAXINT64, IOT_STORE_EXPORT_HOURS,
	                                 IOT_CSV_NONE);
	iot_store_history_export_set_columns(e, names, temp, 2, TRUE);
	ck_assert(iot_store_history_export_position(e) == IOT_TIME_UNKNOWN);
	while (!done) {
		ck_assert(iot_store_history_export_step(e, out, 100, &done, NULL));
		pos = iot_store_history_export_position(e);
		ck_assert_int_ge(pos, SH_T0);
		ck_assert_int_le(pos, SH_T0 + 20 * SH_DAY + SH_HOUR);
		ck_assert_uint_lt(++n, 10);
	}
	ck_assert_uint_ge(n, 5);
	ck_assert_uint_eq(iot_store_history_export_rows(e), 2);
	iot_store_history_export_free(e);
	ck_assert_str_eq(out->str, "node,field,hour,min,max,mean,count,unit\r\n"
	                           ",Temperature,2024-01-10T08:00:00Z,20,22,21,2,°C\r\n"
	                           ",Temperature,2024-01-30T08:00:00Z,30,30,30,1,°C\r\n");

	/* A second series after it, without its header. */
	e = iot_store_history_export_new(sh, sh_series("Door", IOT_STORE_SERIES_STATES), G_MININT64,
	                                 G_MAXINT64, IOT_STORE_EXPORT_DETAIL, IOT_CSV_BOM);
	iot_store_history_export_set_columns(e, names, door, 2, FALSE);
	done = FALSE;
	while (!done)
		ck_assert(iot_store_history_export_step(e, out, 1, &done, NULL));
	iot_store_history_export_free(e);
	ck_assert(g_str_has_suffix(out->str, "°C\r\nZone 1,'=Door,2024-01-10T08:00:01Z,open,,"
	                                     "automaticReadout\r\n"));
	g_string_free(out, TRUE);
}
END_TEST

/* ---- import ------------------------------------------------------------------------------- */

START_TEST(test_import_of_a_history)
{
	IotHistory *old = iot_history_new("Thermostat@home.example/hw");
	IotNodeRef node = { "Zone 1", NULL, "" };
	IotStoreHistoryStats st;
	gint64 now = SH_T0 + 40 * SH_DAY, id;
	GArray *pts;
	GError *error = NULL;
	guint i;

	/* 40 days, one sample an hour, the last 10 days also every 10 minutes. */
	for (i = 0; i < 40 * 24; i++)
		iot_history_add(old, &node, "Temperature", "°C", SH_T0 + i * SH_HOUR, i % 24,
		                IOT_QOS_AUTOMATIC_READOUT);
	for (i = 0; i < 10 * 24 * 6; i++)
		if (i % 6 != 0)
			iot_history_add(old, &node, "Temperature", "°C", now - 10 * SH_DAY + i * 10 * SH_MIN,
			                100, 0);
	iot_history_add(old, NULL, "Humidity", "%", now - SH_HOUR, 40, 0);

	ck_assert_msg(iot_store_history_import(sh, SH_ACCOUNT, old, now, &st, &error), "%s",
	              error ? error->message : "?");
	/* 30 days of detail (720 hourly samples + 5 of 6 ten-minute ones of
	 * the last 10 days) and statistics of the 10 days before. */
	ck_assert_uint_eq(st.added, 720 + 1200 + 1);
	ck_assert_uint_eq(st.hours_added, 240);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_hour"), 960 + 1);
	id = 0;
	ck_assert(iot_store_history_find_series(sh, SH_ACCOUNT, SH_THING, &node, "Temperature",
	                                        IOT_STORE_SERIES_NUMBERS, &id, NULL));
	pts = sh_plot(id, SH_T0, SH_T0 + SH_DAY - 1, 24, NULL);
	ck_assert_uint_eq(pts->len, 24);
	ck_assert_uint_eq(SH_POINT(pts, 5)->count, 1);
	ck_assert_double_eq(SH_POINT(pts, 5)->mean, 5);
	g_array_unref(pts);
	pts = sh_plot(id, now - SH_DAY, now - SH_DAY + SH_HOUR - 1, 6, NULL);
	ck_assert_uint_eq(pts->len, 6);
	ck_assert_double_eq(SH_POINT(pts, 0)->mean, 0);
	ck_assert_double_eq(SH_POINT(pts, 1)->mean, 100);
	g_array_unref(pts);

	/* An import that runs again (the old file was not renamed) changes nothing. */
	ck_assert(iot_store_history_import(sh, SH_ACCOUNT, old, now, &st, NULL));
	ck_assert_uint_eq(st.added, 0);
	ck_assert_uint_eq(st.hours_added, 0);
	ck_assert_uint_eq(st.hours_known, 240);
	ck_assert_uint_eq(st.unchanged, 1921);
	ck_assert_int_eq(sh_int(sh_db, "SELECT sum(n) FROM history_hour"), 960 + 1200 + 1);
	iot_history_free(old);
}
END_TEST

START_TEST(test_import_in_steps)
{
	IotHistory *old = iot_history_new("meter@home.example");
	IotStoreHistoryImport *imp;
	IotStoreHistoryStats st;
	gboolean done = FALSE;
	guint steps = 0, i, s;

	for (s = 0; s < 3; s++) {
		char name[16];

		g_snprintf(name, sizeof name, "Phase %u", s + 1);
		for (i = 0; i < 1000; i++)
			iot_history_add(old, NULL, name, "V", SH_T0 + i * SH_MIN, 230 + s, 0);
	}
	memset(&st, 0, sizeof st);
	imp = iot_store_history_import_new(sh, SH_ACCOUNT, old, NULL);
	while (!done) {
		ck_assert(iot_store_history_import_step(imp, SH_T0 + SH_DAY, 256, &done, &st, NULL));
		ck_assert_uint_lt(++steps, 100);
	}
	iot_store_history_import_free(imp);
	ck_assert_uint_ge(steps, 8);
	ck_assert_uint_eq(st.added, 3000);
	ck_assert_int_eq(sh_int(sh_db, "SELECT sum(n) FROM history_hour"), 3000);
	iot_history_free(old);
}
END_TEST

/* The newest samples of a series, flushed and not yet moved on alike,
 * oldest first: what a readout window keeps in memory. */
START_TEST(test_newest_samples)
{
	GArray *a;
	gint64 id;
	guint i;
	IotHistorySample *x;

	for (i = 0; i < 10; i++)
		sh_num("Power", "W", SH_T0 + i * SH_MIN, 400 + i, i == 9 ? IOT_QOS_AUTOMATIC_ESTIMATE : 0);
	sh_flush(SH_T0 + SH_HOUR);
	sh_drain();
	id = sh_series("Power", IOT_STORE_SERIES_NUMBERS);
	/* Samples a flush put in history_recent, not moved on yet. */
	for (i = 10; i < 15; i++)
		sh_execf(sh_db, "INSERT INTO history_recent VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %u, 0)",
		         id, SH_T0 + i * SH_MIN, 400 + i);
	sh_num("Power", "W", SH_T0 + 15 * SH_MIN, 415, 0); /* queued only: not read */
	a = iot_store_history_samples(sh, id, G_MININT64, G_MAXINT64, 7, NULL);
	ck_assert_uint_eq(a->len, 7);
	for (i = 0; i < 7; i++) {
		x = &g_array_index(a, IotHistorySample, i);
		ck_assert_int_eq(x->timestamp, SH_T0 + (8 + i) * SH_MIN);
		ck_assert_double_eq(x->value, 408 + i);
	}
	ck_assert_uint_eq(g_array_index(a, IotHistorySample, 1).qos, IOT_QOS_AUTOMATIC_ESTIMATE);
	g_array_unref(a);
	/* A range, and an unknown series. */
	a = iot_store_history_samples(sh, id, SH_T0 + 2 * SH_MIN, SH_T0 + 4 * SH_MIN, 100, NULL);
	ck_assert_uint_eq(a->len, 3);
	ck_assert_int_eq(g_array_index(a, IotHistorySample, 0).timestamp, SH_T0 + 2 * SH_MIN);
	g_array_unref(a);
	a = iot_store_history_samples(sh, id + 1000, G_MININT64, G_MAXINT64, 100, NULL);
	ck_assert_uint_eq(a->len, 0);
	g_array_unref(a);
	/* A value another program wrote that is not finite is left out. */
	sh_execf(sh_db, "INSERT INTO history_sample VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 9e999, 0)",
	         id, SH_T0 - SH_MIN);
	a = iot_store_history_samples(sh, id, G_MININT64, G_MAXINT64, 100, NULL);
	ck_assert_uint_eq(a->len, 15);
	g_array_unref(a);
}
END_TEST

TCase *
iot_store_history_io_tcase(void)
{
	TCase *tc = tcase_create("sizes, CSV, import");

	tcase_add_checked_fixture(tc, sh_setup, sh_teardown);
	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_csv_export);
	tcase_add_test(tc, test_kept_span);
	tcase_add_test(tc, test_csv_export_columns);
	tcase_add_test(tc, test_import_of_a_history);
	tcase_add_test(tc, test_import_in_steps);
	tcase_add_test(tc, test_newest_samples);
	tcase_set_timeout(tc, 60);
	return tc;
}
