/* test-store-history-robust.c — the history store when things go wrong:
 * hostile names, a read-only, full or busy database, a crash between
 * flushes, a transaction of the caller's, rows another program wrote, a
 * full queue, and how long a flush takes. Part of the store-history suite
 * (test-store-history.c). */
#include "test-store-history.h"

#include "iot-limits.h"

#include <math.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static IotStoreHistoryAdd
add(const char *thing, const IotNodeRef *node, const char *name, const char *unit, gint64 t,
    double v)
{
	return iot_store_history_add_number(sh, SH_ACCOUNT, thing, node, name, unit, t, v, 0);
}

START_TEST(test_schema_missing)
{
	char *path = g_build_filename(sh_dir, "empty.db", NULL);
	sqlite3 *db = sh_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	GError *error = NULL;

	ck_assert_ptr_null(iot_store_history_new(db, &error));
	SH_ASSERT_ERROR(error, IOT_STORE_HISTORY_ERROR_SCHEMA);
	g_error_free(error);
	sqlite3_close(db);
	g_free(path);
}
END_TEST

START_TEST(test_hostile_names)
{
	const char *evil = "x'); DROP TABLE history_sample; --";
	IotNodeRef node = { (char *)"\"; DELETE FROM history_thing; --", (char *)evil,
		            (char *)"%s%n\\" };
	char *long_name = g_strnfill(IOT_MAX_NAME_BYTES + 1, 'a');
	char *just = g_strnfill(IOT_MAX_NAME_BYTES, 'b');
	char *long_value = g_strnfill(IOT_MAX_VALUE_BYTES + 1, 'v');
	IotNodeRef long_node = { long_name, NULL, NULL };
	GPtrArray *series;
	const IotStoreSeries *s;

	ck_assert_int_eq(add(SH_THING, &node, evil, "'; --", SH_T0, 1), IOT_STORE_HISTORY_QUEUED);
	ck_assert_int_eq(add(SH_THING, NULL, just, just, SH_T0, 2), IOT_STORE_HISTORY_QUEUED);
	ck_assert_int_eq(add(SH_THING, NULL, long_name, NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "x", long_name, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, &long_node, "x", NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "bad \xff utf-8", NULL, SH_T0, 1),
	                 IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "", NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, NULL, NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add("", NULL, "x", NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(NULL, NULL, "x", NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add("a@b\xc3", NULL, "x", NULL, SH_T0, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "x", NULL, SH_T0, NAN), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "x", NULL, SH_T0, INFINITY), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "x", NULL, IOT_TIME_UNKNOWN, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(add(SH_THING, NULL, "x", NULL, G_MAXINT64, 1), IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(iot_store_history_add_state(sh, SH_ACCOUNT, SH_THING, NULL, "s", NULL, SH_T0,
	                                             long_value, 0),
	                 IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(iot_store_history_add_state(sh, SH_ACCOUNT, SH_THING, NULL, "s", NULL, SH_T0,
	                                             "\xfe", 0),
	                 IOT_STORE_HISTORY_INVALID);
	ck_assert_int_eq(iot_store_history_add_state(sh, SH_ACCOUNT, SH_THING, NULL, "s", NULL, SH_T0,
	                                             NULL, 0),
	                 IOT_STORE_HISTORY_INVALID);
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 2);
	sh_flush(SH_T0 + SH_HOUR);

	/* Stored and read back as they came, the tables untouched. */
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 6);
	ck_assert_int_eq(sh_samples(), 2);
	series = iot_store_history_list_series(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(series->len, 2);
	s = g_ptr_array_index(series, 0);
	ck_assert_str_eq(s->name, evil);
	ck_assert_str_eq(s->unit, "'; --");
	ck_assert_str_eq(s->node.node_id, node.node_id);
	ck_assert_str_eq(s->node.source_id, evil);
	ck_assert_str_eq(s->node.partition, "%s%n\\");
	s = g_ptr_array_index(series, 1);
	ck_assert_str_eq(s->name, just);
	g_ptr_array_unref(series);
	g_free(long_name);
	g_free(just);
	g_free(long_value);
}
END_TEST

START_TEST(test_read_only_database)
{
	sqlite3 *ro = sh_open(sh_path, SQLITE_OPEN_READONLY);
	IotStoreHistory *h;
	GPtrArray *series;
	GError *error = NULL;

	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0, 21), IOT_STORE_HISTORY_QUEUED);
	sh_flush(SH_T0 + SH_HOUR);
	h = iot_store_history_new(ro, &error);
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(iot_store_history_add_number(h, SH_ACCOUNT, SH_THING, NULL, "Temperature",
	                                              "°C", SH_T0 + SH_MIN, 22, 0),
	                 IOT_STORE_HISTORY_QUEUED);
	ck_assert(!iot_store_history_flush(h, SH_T0 + SH_HOUR, NULL, &error));
	SH_ASSERT_ERROR(error, IOT_STORE_HISTORY_ERROR_READONLY);
	ck_assert(strstr(error->message, "read-only") != NULL);
	g_clear_error(&error);
	/* The queue waits for a writable database; reading works. */
	ck_assert_uint_eq(iot_store_history_queue_length(h), 1);
	series = iot_store_history_list_series(h, SH_ACCOUNT, SH_THING, &error);
	ck_assert_uint_eq(series->len, 1);
	g_ptr_array_unref(series);
	ck_assert(!iot_store_history_forget(h, SH_ACCOUNT, SH_THING, &error));
	SH_ASSERT_ERROR(error, IOT_STORE_HISTORY_ERROR_READONLY);
	g_clear_error(&error);
	ck_assert(sqlite3_get_autocommit(ro));
	iot_store_history_free(h);
	sqlite3_close(ro);
	ck_assert_int_eq(sh_samples(), 1);
}
END_TEST

START_TEST(test_disk_full)
{
	GError *error = NULL;
	guint i;

	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0, 21), IOT_STORE_HISTORY_QUEUED);
	sh_flush(SH_T0 + SH_HOUR);
	/* The file may not grow: as if the disk were full. */
	sh_execf(sh_db, "PRAGMA max_page_count = %" G_GINT64_FORMAT, sh_int(sh_db, "PRAGMA page_count"));
	for (i = 0; i < 20000; i++)
		ck_assert_int_eq(add(SH_THING, NULL, "Voltage", "V", SH_T0 + i * SH_SEC, i),
		                 IOT_STORE_HISTORY_QUEUED);
	ck_assert(!iot_store_history_flush(sh, SH_T0 + SH_HOUR, NULL, &error));
	SH_ASSERT_ERROR(error, IOT_STORE_HISTORY_ERROR_FULL);
	g_clear_error(&error);
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 20000);
	/* Nothing of the failed flush was kept, and the next one writes it all. */
	ck_assert_int_eq(sh_samples(), 1);
	ck_assert(sqlite3_get_autocommit(sh_db));
	sh_exec(sh_db, "PRAGMA max_page_count = 1073741823");
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).added, 20000);
	sh_drain();
	ck_assert_int_eq(sh_int(sh_db, "SELECT sum(n) FROM history_hour"), 20001);
}
END_TEST

/* A flush of part of the queue: at most the samples asked for, series in
 * the order queued, of a long one its oldest samples; the rest waits and
 * is still seen. */
START_TEST(test_flush_part_of_the_queue)
{
	const char *names[] = { "A", "B", "C" };
	GPtrArray *latest;
	GError *error = NULL;
	guint s, i;

	for (s = 0; s < 3; s++)
		for (i = 0; i < 10; i++)
			ck_assert_int_eq(add(SH_THING, NULL, names[s], NULL, SH_T0 + i * SH_SEC, s * 100 + i),
			                 IOT_STORE_HISTORY_QUEUED);
	/* A whole, then B's five oldest. */
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 15, NULL, &error));
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 15);
	ck_assert_int_eq(sh_samples(), 15);
	latest = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(latest->len, 3);
	ck_assert_double_eq(((IotStoreSeries *)g_ptr_array_index(latest, 1))->last_number, 109);
	ck_assert_double_eq(((IotStoreSeries *)g_ptr_array_index(latest, 2))->last_number, 209);
	ck_assert_int_eq(((IotStoreSeries *)g_ptr_array_index(latest, 2))->id, 0);
	g_ptr_array_unref(latest);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM (SELECT series_id FROM history_sample UNION ALL"
	                               " SELECT series_id FROM history_recent) WHERE series_id ="
	                               " (SELECT id FROM history_series WHERE name = 'B')"),
	                 5);
	/* More of a series already written goes on after the others. */
	ck_assert_int_eq(add(SH_THING, NULL, "A", NULL, SH_T0 + 20 * SH_SEC, 20), IOT_STORE_HISTORY_QUEUED);
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 15, NULL, &error));
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 1);
	ck_assert_int_eq(sh_samples(), 30);
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 1, NULL, &error));
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 0);
	ck_assert_int_eq(sh_samples(), 31);
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 1, NULL, &error));
	/* One long series, queued newest first, in parts: oldest first. */
	for (i = 0; i < 25; i++)
		ck_assert_int_eq(add(SH_THING, NULL, "D", NULL, SH_T0 + (24 - i) * SH_SEC, 24 - i),
		                 IOT_STORE_HISTORY_QUEUED);
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 10, NULL, &error));
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 15);
	ck_assert_int_eq(sh_samples(), 41);
	ck_assert_int_eq(sh_int(sh_db, "SELECT max(t) FROM (SELECT series_id, t FROM history_sample UNION ALL"
	                               " SELECT series_id, t FROM history_recent) WHERE series_id ="
	                               " (SELECT id FROM history_series WHERE name = 'D')") - SH_T0,
	                 9 * SH_SEC);
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 10, NULL, &error));
	ck_assert(iot_store_history_flush_some(sh, SH_T0 + SH_HOUR, 10, NULL, &error));
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 0);
	ck_assert_int_eq(sh_samples(), 56);
	latest = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(latest->len, 4);
	ck_assert_int_eq(((IotStoreSeries *)g_ptr_array_index(latest, 3))->last_time, SH_T0 + 24 * SH_SEC);
	ck_assert_double_eq(((IotStoreSeries *)g_ptr_array_index(latest, 3))->last_number, 24);
	ck_assert_uint_eq(((IotStoreSeries *)g_ptr_array_index(latest, 3))->rows, 25);
	g_ptr_array_unref(latest);
}
END_TEST

START_TEST(test_busy_database)
{
	sqlite3 *other = sh_open(sh_path, SQLITE_OPEN_READWRITE);
	GPtrArray *series;
	GError *error = NULL;

	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0, 21), IOT_STORE_HISTORY_QUEUED);
	sh_flush(SH_T0 + SH_HOUR);
	sh_exec(other, "BEGIN IMMEDIATE");
	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0 + SH_MIN, 22),
	                 IOT_STORE_HISTORY_QUEUED);
	ck_assert(!iot_store_history_flush(sh, SH_T0 + SH_HOUR, NULL, &error));
	SH_ASSERT_ERROR(error, IOT_STORE_HISTORY_ERROR_BUSY);
	g_clear_error(&error);
	ck_assert(!iot_store_history_purge_step(sh, SH_T0 + SH_HOUR, 10, NULL, &error));
	SH_ASSERT_ERROR(error, IOT_STORE_HISTORY_ERROR_BUSY);
	g_clear_error(&error);
	/* Readers are not blocked (WAL); the queue waits for the writer. */
	series = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, &error);
	ck_assert_double_eq(((IotStoreSeries *)g_ptr_array_index(series, 0))->last_number, 22);
	g_ptr_array_unref(series);
	sh_exec(other, "COMMIT");
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).added, 1);
	sqlite3_close(other);
}
END_TEST

START_TEST(test_crash_between_flushes)
{
	GPtrArray *series;
	pid_t pid;
	int status = 0;

	/* Another process writes, flushes, queues more and dies without a
	 * word: no flush, no close. */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sqlite3 *db = NULL;
		IotStoreHistory *h;

		if (sqlite3_open_v2(sh_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
			_exit(2);
		h = iot_store_history_new(db, NULL);
		if (h == NULL)
			_exit(3);
		iot_store_history_add_number(h, SH_ACCOUNT, SH_THING, NULL, "Flushed", NULL, SH_T0, 1, 0);
		if (!iot_store_history_flush(h, SH_T0, NULL, NULL))
			_exit(4);
		iot_store_history_add_number(h, SH_ACCOUNT, SH_THING, NULL, "Flushed", NULL, SH_T0 + 1, 2, 0);
		iot_store_history_add_number(h, SH_ACCOUNT, SH_THING, NULL, "Queued", NULL, SH_T0, 3, 0);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Reopened: what was flushed is there, the queue is lost, nothing else. */
	iot_store_history_free(sh);
	sqlite3_close(sh_db);
	sh_db = sh_open(sh_path, SQLITE_OPEN_READWRITE);
	sh = iot_store_history_new(sh_db, NULL);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM pragma_integrity_check WHERE"
	                               " integrity_check = 'ok'"),
	                 1);
	series = iot_store_history_list_series(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(series->len, 1);
	ck_assert_str_eq(((IotStoreSeries *)g_ptr_array_index(series, 0))->name, "Flushed");
	ck_assert_uint_eq(((IotStoreSeries *)g_ptr_array_index(series, 0))->rows, 1);
	g_ptr_array_unref(series);
	ck_assert_int_eq(sh_samples(), 1);
}
END_TEST

START_TEST(test_inside_a_transaction_of_the_caller)
{
	sh_exec(sh_db, "BEGIN");
	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0, 21), IOT_STORE_HISTORY_QUEUED);
	sh_flush(SH_T0 + SH_HOUR);
	ck_assert(!sqlite3_get_autocommit(sh_db));
	sh_exec(sh_db, "ROLLBACK");
	ck_assert_int_eq(sh_samples(), 0);
	sh_exec(sh_db, "BEGIN");
	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0, 21), IOT_STORE_HISTORY_QUEUED);
	sh_flush(SH_T0 + SH_HOUR);
	sh_exec(sh_db, "COMMIT");
	ck_assert_int_eq(sh_samples(), 1);
}
END_TEST

/* Everything read back must make sense whatever another program wrote. */
static void
assert_plot_sane(gint64 id, gint64 from, gint64 to, guint columns)
{
	GError *error = NULL;
	GArray *pts = iot_store_history_plot(sh, id, from, to, columns, NULL, &error);
	guint i;

	ck_assert_ptr_nonnull(pts);
	ck_assert_uint_le(pts->len, columns);
	for (i = 0; i < pts->len; i++) {
		const IotStorePlotPoint *p = &g_array_index(pts, IotStorePlotPoint, i);

		ck_assert(isfinite(p->min) && isfinite(p->max) && isfinite(p->mean));
		ck_assert(p->min <= p->mean && p->mean <= p->max);
		ck_assert_uint_ge(p->count, 1);
		ck_assert(from <= p->first && p->first <= p->last && p->last <= to);
	}
	g_array_unref(pts);
}

START_TEST(test_untrusted_rows)
{
	GPtrArray *series, *segs;
	IotStoreHistoryStats st;
	GString *csv = g_string_new(NULL);
	gint64 temp, door;
	guint i;

	for (i = 0; i < 10; i++)
		ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0 + i * SH_MIN, i + 1),
		                 IOT_STORE_HISTORY_QUEUED);
	iot_store_history_add_state(sh, SH_ACCOUNT, SH_THING, NULL, "Door", NULL, SH_T0, "open", 0);
	sh_flush(SH_T0 + SH_HOUR);
	temp = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);
	door = sh_series("Door", IOT_STORE_SERIES_STATES);

	/* What another program can write even into our STRICT tables… */
	sh_exec(sh_db, "UPDATE history_series SET last_v = 'abc', last_q = 123456789"
	               " WHERE name = 'Temperature'");
	sh_exec(sh_db, "UPDATE history_series SET last_t = 9223372036854775807 WHERE name = 'Door'");
	sh_exec(sh_db, "INSERT INTO history_series (thing_id, node, source, part, name, unit, kind)"
	               " SELECT thing_id, CAST(x'C328' AS TEXT), '', '', 'Bad ' || CAST(x'FF' AS TEXT),"
	               " '', 0 FROM history_series LIMIT 1");
	sh_exec(sh_db, "INSERT INTO history_series (thing_id, node, source, part, name, unit, kind)"
	               " SELECT thing_id, '', '', '', 'Kind', '', 7 FROM history_series LIMIT 1");
	sh_exec(sh_db, "INSERT INTO history_series (thing_id, node, source, part, name, unit, kind)"
	               " SELECT thing_id, '', '', '', '', '', 0 FROM history_series LIMIT 1");
	sh_exec(sh_db, "UPDATE history_hour SET mx = 1e999");
	/* …and into tables it replaced by loose ones. */
	sh_exec(sh_db, "ALTER TABLE history_sample RENAME TO s_old;"
	               "CREATE TABLE history_sample (series_id, t, v, q, PRIMARY KEY (series_id, t))"
	               " WITHOUT ROWID;"
	               "INSERT INTO history_sample SELECT * FROM s_old; DROP TABLE s_old;"
	               "ALTER TABLE history_state RENAME TO s_old;"
	               "CREATE TABLE history_state (series_id, t, v, q, PRIMARY KEY (series_id, t))"
	               " WITHOUT ROWID;"
	               "INSERT INTO history_state SELECT * FROM s_old; DROP TABLE s_old;");
	sh_execf(sh_db,
	         "INSERT INTO history_sample VALUES (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 600000000, 'abc', 0), (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 660000000, NULL, 'x'), (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 720000000, 1e999, 0), (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 780000000, -1e999, 0), (%1$" G_GINT64_FORMAT ", 'later', 5, 0),"
	         " (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT " + 840000000.5, 5, 0),"
	         " (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT " + 900000000, x'00ff', 99999999999)",
	         temp, SH_T0);
	sh_execf(sh_db,
	         "INSERT INTO history_state VALUES (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 60000000, NULL, 0), (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 120000000, x'ff', 0), (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT
	         " + 180000000, CAST(x'6f70656eff' AS TEXT), -7), (%1$" G_GINT64_FORMAT ", 'x', 'y', 'z')",
	         door, SH_T0);

	/* Series: unreadable rows are left out, text is made valid UTF-8. */
	series = iot_store_history_list_series(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(series->len, 3);
	for (i = 0; i < series->len; i++) {
		const IotStoreSeries *s = g_ptr_array_index(series, i);

		ck_assert(g_utf8_validate(s->name, -1, NULL));
		ck_assert(s->node.node_id == NULL || g_utf8_validate(s->node.node_id, -1, NULL));
		ck_assert(isfinite(s->last_number));
		ck_assert_uint_eq(s->last_qos & ~((1u << IOT_QOS_COUNT) - 1), 0);
	}
	ck_assert_int_eq(((IotStoreSeries *)g_ptr_array_index(series, 0))->last_time, IOT_TIME_UNKNOWN);
	ck_assert_int_eq(((IotStoreSeries *)g_ptr_array_index(series, 1))->last_time, IOT_TIME_UNKNOWN);
	ck_assert_str_eq(((IotStoreSeries *)g_ptr_array_index(series, 2))->name, "Bad \xef\xbf\xbd");
	g_ptr_array_unref(series);

	/* Plots: only finite numbers in range, whatever the columns. */
	assert_plot_sane(temp, SH_T0, SH_T0 + SH_HOUR - 1, 60);
	assert_plot_sane(temp, SH_T0, SH_T0 + SH_HOUR - 1, 7);
	assert_plot_sane(temp, SH_T0, SH_T0 + SH_DAY - 1, 1);
	assert_plot_sane(temp, G_MININT64, G_MAXINT64, 1000);
	/* Timelines: the valid changes, values valid UTF-8. */
	segs = iot_store_history_states(sh, door, SH_T0, SH_T0 + SH_HOUR, 10, NULL, NULL);
	ck_assert_ptr_nonnull(segs);
	for (i = 0; i < segs->len; i++)
		ck_assert(g_utf8_validate(((IotStoreStateSegment *)g_ptr_array_index(segs, i))->value, -1,
		                          NULL));
	ck_assert_uint_ge(segs->len, 1);
	g_ptr_array_unref(segs);
	/* CSV ends and says only what makes sense. */
	ck_assert(iot_store_history_export_csv(sh, temp, G_MININT64, G_MAXINT64,
	                                       IOT_STORE_EXPORT_DETAIL, IOT_CSV_NONE, csv, NULL));
	ck_assert(g_utf8_validate(csv->str, -1, NULL));
	ck_assert(strstr(csv->str, "abc") == NULL && strstr(csv->str, "inf") == NULL);
	ck_assert(iot_store_history_export_csv(sh, door, G_MININT64, G_MAXINT64,
	                                       IOT_STORE_EXPORT_DETAIL, IOT_CSV_NONE, csv, NULL));
	ck_assert(g_utf8_validate(csv->str, -1, NULL));
	g_string_free(csv, TRUE);

	/* Writing on top of it still works: a garbage value is replaced. */
	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0 + 10 * SH_MIN, 42),
	                 IOT_STORE_HISTORY_QUEUED);
	iot_store_history_add_state(sh, SH_ACCOUNT, SH_THING, NULL, "Door", NULL, SH_T0 + 2 * SH_MIN,
	                            "closed", 0);
	st = sh_flush(SH_T0 + SH_HOUR);
	ck_assert_uint_eq(st.added + st.replaced, 2);
	sh_drain();
	assert_plot_sane(temp, SH_T0, SH_T0 + SH_HOUR - 1, 60);
	ck_assert_int_eq(sh_int(sh_db, "SELECT v FROM history_sample WHERE t = 1704874200000000"), 42);
	ck_assert(iot_store_history_purge_step(sh, SH_T0 + 100 * SH_DAY, 1000, NULL, NULL));
}
END_TEST

START_TEST(test_queue_is_bounded)
{
	guint i;

	for (i = 0; i < IOT_STORE_HISTORY_MAX_QUEUE; i++)
		ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0 + i, i),
		                 IOT_STORE_HISTORY_QUEUED);
	ck_assert_int_eq(add(SH_THING, NULL, "Temperature", "°C", SH_T0 - 1, 0),
	                 IOT_STORE_HISTORY_QUEUE_FULL);
	ck_assert_uint_eq(iot_store_history_queue_refused(sh), 1);
	ck_assert_uint_eq(iot_store_history_queue_length(sh), IOT_STORE_HISTORY_MAX_QUEUE);
	ck_assert_uint_lt(iot_store_history_memory_size(sh), 50 * IOT_STORE_HISTORY_MAX_QUEUE);
	sh_flush(SH_T0 + SH_HOUR);
	ck_assert_uint_lt(iot_store_history_memory_size(sh), 1024);
}
END_TEST

static int
double_cmp(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* 200 series updated every second, flushed every second; then 2,000
 * samples at once. The figures are printed; the median must stay under
 * the 10 ms a main-loop iteration may take (the bench measures more). */
START_TEST(test_flush_time)
{
	double t200[60], t2000[10], worst = 0;
	guint f, s, k;

	for (f = 0; f < G_N_ELEMENTS(t200); f++) {
		gint64 t0;

		for (s = 0; s < 200; s++) {
			char name[32];

			g_snprintf(name, sizeof name, "Series %03u", s);
			add(SH_THING, NULL, name, "V", SH_T0 + f * SH_SEC, 230 + s + f * 0.01);
		}
		t0 = g_get_monotonic_time();
		sh_flush(SH_T0 + SH_HOUR);
		t200[f] = (g_get_monotonic_time() - t0) / 1000.0;
		worst = MAX(worst, t200[f]);
	}
	for (f = 0; f < G_N_ELEMENTS(t2000); f++) {
		gint64 t0;

		for (k = 0; k < 10; k++)
			for (s = 0; s < 200; s++) {
				char name[32];

				g_snprintf(name, sizeof name, "Series %03u", s);
				add(SH_THING, NULL, name, "V", SH_T0 + (100 + f * 10 + k) * SH_SEC, s + k);
			}
		t0 = g_get_monotonic_time();
		sh_flush(SH_T0 + SH_HOUR);
		t2000[f] = (g_get_monotonic_time() - t0) / 1000.0;
	}
	qsort(t200, G_N_ELEMENTS(t200), sizeof(double), double_cmp);
	qsort(t2000, G_N_ELEMENTS(t2000), sizeof(double), double_cmp);
	printf("store-history: flush of 200 samples: median %.2f ms, worst %.2f ms; "
	       "of 2000 samples: median %.2f ms\n",
	       t200[G_N_ELEMENTS(t200) / 2], worst, t2000[G_N_ELEMENTS(t2000) / 2]);
	ck_assert_double_lt(t200[G_N_ELEMENTS(t200) / 2], 10.0);
	ck_assert_int_eq(sh_samples(), 200 * 60 + 2000 * 10);
}
END_TEST

static int
count_frames(void *data, sqlite3 *db, const char *name, int frames)
{
	GArray *a = data;

	g_array_append_val(a, frames);
	return SQLITE_OK;
}

static void
add_200(gint64 t, double base)
{
	guint s;

	for (s = 0; s < 200; s++) {
		char name[32];

		g_snprintf(name, sizeof name, "Series %03u", s);
		ck_assert_int_eq(add(SH_THING, NULL, name, "V", t, base + s), IOT_STORE_HISTORY_QUEUED);
	}
}

/* 200 series with a few pages of samples each, all updated every second:
 * a flush writes the new samples together into history_recent and moves
 * on only some series, so it writes a few dozen pages to the WAL, not one
 * (or two, with the hourly statistics) per series. */
START_TEST(test_flush_writes_few_pages)
{
	GArray *frames = g_array_new(FALSE, FALSE, sizeof(int));
	double total = 0;
	guint f, n = 0;

	for (f = 0; f < 300; f++)
		add_200(SH_T0 + f * SH_SEC, f);
	sh_flush(SH_T0 + SH_HOUR);
	sh_drain();
	sh_exec(sh_db, "PRAGMA wal_checkpoint(TRUNCATE)");
	ck_assert_int_gt(sh_int(sh_db, "PRAGMA page_count"), 300);
	/* No automatic checkpoint: every commit's frames add up. */
	sqlite3_wal_hook(sh_db, count_frames, frames);
	for (f = 0; f < 40; f++) {
		add_200(SH_T0 + (300 + f) * SH_SEC, f);
		sh_flush(SH_T0 + SH_HOUR);
	}
	sqlite3_wal_hook(sh_db, NULL, NULL);
	/* The first flushes fill history_recent; after them it stays as big. */
	for (f = 20; f < frames->len; f++) {
		total += g_array_index(frames, int, f) - g_array_index(frames, int, f - 1);
		n++;
	}
	printf("store-history: WAL pages a flush of 200 series: %.1f\n", total / n);
	ck_assert_double_lt(total / n, 100);
	g_array_unref(frames);
}
END_TEST

/* Until they move on, samples waiting in history_recent are in every
 * answer; once moved, in the hourly statistics too. */
START_TEST(test_recent_samples_are_seen)
{
	GArray *pts;
	GString *csv = g_string_new(NULL);
	IotStorePlotSource src;
	gint64 id;
	guint f;

	for (f = 0; f < 10; f++)
		add_200(SH_T0 + f * SH_SEC, f * 1000);
	sh_flush(SH_T0 + SH_HOUR);
	ck_assert_int_gt(sh_int(sh_db, "SELECT count(*) FROM history_recent"), 0);
	ck_assert_int_gt(sh_int(sh_db, "SELECT count(*) FROM history_sample"), 0);
	id = sh_series("Series 199", IOT_STORE_SERIES_NUMBERS);
	ck_assert_int_gt(sh_int(sh_db, "SELECT count(*) FROM history_recent WHERE series_id ="
	                               " (SELECT max(id) FROM history_series)"),
	                 0);
	pts = iot_store_history_plot(sh, id, SH_T0, SH_T0 + 10 * SH_SEC - 1, 10, &src, NULL);
	ck_assert_int_eq(src, IOT_STORE_PLOT_SAMPLES);
	ck_assert_uint_eq(pts->len, 10);
	ck_assert_double_eq(g_array_index(pts, IotStorePlotPoint, 9).mean, 9199);
	g_array_unref(pts);
	pts = iot_store_history_plot(sh, id, SH_T0, SH_T0 + SH_DAY - 1, 24, &src, NULL);
	ck_assert_int_eq(src, IOT_STORE_PLOT_HOURS);
	ck_assert_uint_eq(pts->len, 1);
	ck_assert_uint_eq(g_array_index(pts, IotStorePlotPoint, 0).count, 10);
	ck_assert_double_eq(g_array_index(pts, IotStorePlotPoint, 0).max, 9199);
	g_array_unref(pts);
	ck_assert(iot_store_history_export_csv(sh, id, SH_T0, SH_T0 + SH_HOUR, IOT_STORE_EXPORT_HOURS,
	                                       IOT_CSV_NONE, csv, NULL));
	ck_assert_str_eq(csv->str, "hour,min,max,mean,count,unit\r\n"
	                           "2024-01-10T08:00:00Z,199,9199,4699,10,V\r\n");
	g_string_truncate(csv, 0);
	ck_assert(iot_store_history_export_csv(sh, id, SH_T0, SH_T0 + SH_HOUR, IOT_STORE_EXPORT_DETAIL,
	                                       IOT_CSV_NONE, csv, NULL));
	ck_assert(g_str_has_suffix(csv->str, "2024-01-10T08:00:09Z,9199,V,automaticReadout\r\n"));
	/* A sample again, while it waits: the same rules. */
	ck_assert_int_eq(add(SH_THING, NULL, "Series 199", "V", SH_T0, -1), IOT_STORE_HISTORY_QUEUED);
	ck_assert_int_eq(iot_store_history_add_number(sh, SH_ACCOUNT, SH_THING, NULL, "Series 199", "V",
	                                              SH_T0 + SH_SEC, -2, IOT_QOS_AUTOMATIC_ESTIMATE),
	                 IOT_STORE_HISTORY_QUEUED);
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).kept_better, 1);
	sh_drain();
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_recent"), 0);
	ck_assert_int_eq(sh_samples(), 2000);
	ck_assert_int_eq(sh_int(sh_db, "SELECT sum(n) FROM history_hour"), 2000);
	pts = iot_store_history_plot(sh, id, SH_T0, SH_T0 + SH_DAY - 1, 24, &src, NULL);
	ck_assert_uint_eq(g_array_index(pts, IotStorePlotPoint, 0).count, 10);
	ck_assert_double_eq(g_array_index(pts, IotStorePlotPoint, 0).min, -1);
	g_array_unref(pts);
	g_string_free(csv, TRUE);
}
END_TEST

/* A plot of many samples a column reads history_sample one column at a
 * time and adds what still waits in history_recent to its columns. */
START_TEST(test_plot_merges_recent_samples)
{
	GArray *pts;
	IotStorePlotSource src;
	const IotStorePlotPoint *p;
	gint64 id;
	guint f;

	for (f = 0; f < 30; f++)
		add_200(SH_T0 + f * SH_SEC, f * 1000);
	sh_flush(SH_T0 + SH_HOUR);
	sh_drain();
	/* The next flush moves on only the first series: the last one waits. */
	for (f = 30; f < 40; f++)
		add_200(SH_T0 + f * SH_SEC, f * 1000);
	sh_flush(SH_T0 + SH_HOUR);
	id = sh_series("Series 199", IOT_STORE_SERIES_NUMBERS);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_recent WHERE series_id ="
	                               " (SELECT max(id) FROM history_series)"),
	                 10);
	pts = iot_store_history_plot(sh, id, SH_T0, SH_T0 + 40 * SH_SEC - 1, 2, &src, NULL);
	ck_assert_int_eq(src, IOT_STORE_PLOT_SAMPLES);
	ck_assert_uint_eq(pts->len, 2);
	p = &g_array_index(pts, IotStorePlotPoint, 0);
	ck_assert_uint_eq(p->count, 20);
	ck_assert_double_eq(p->max, 19199);
	p = &g_array_index(pts, IotStorePlotPoint, 1);
	ck_assert_uint_eq(p->count, 20);
	ck_assert_double_eq(p->min, 20199);
	ck_assert_double_eq(p->max, 39199);
	ck_assert_double_eq(p->mean, 29699);
	ck_assert_int_eq(p->first, SH_T0 + 20 * SH_SEC);
	ck_assert_int_eq(p->last, SH_T0 + 39 * SH_SEC);
	g_array_unref(pts);
	/* Only recent samples in the second half: the column is theirs. */
	pts = iot_store_history_plot(sh, id, SH_T0 + 20 * SH_SEC, SH_T0 + 40 * SH_SEC - 1, 1, NULL,
	                             NULL);
	ck_assert_uint_eq(pts->len, 1);
	ck_assert_uint_eq(g_array_index(pts, IotStorePlotPoint, 0).count, 20);
	g_array_unref(pts);
}
END_TEST

TCase *
iot_store_history_robust_tcase(void)
{
	TCase *tc = tcase_create("robustness");

	tcase_add_checked_fixture(tc, sh_setup, sh_teardown);
	tcase_add_test(tc, test_schema_missing);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_read_only_database);
	tcase_add_test(tc, test_disk_full);
	tcase_add_test(tc, test_flush_part_of_the_queue);
	tcase_add_test(tc, test_busy_database);
	tcase_add_test(tc, test_crash_between_flushes);
	tcase_add_test(tc, test_inside_a_transaction_of_the_caller);
	tcase_add_test(tc, test_untrusted_rows);
	tcase_add_test(tc, test_queue_is_bounded);
	tcase_add_test(tc, test_flush_time);
	tcase_add_test(tc, test_flush_writes_few_pages);
	tcase_add_test(tc, test_recent_samples_are_seen);
	tcase_add_test(tc, test_plot_merges_recent_samples);
	tcase_set_timeout(tc, 60);
	return tc;
}
