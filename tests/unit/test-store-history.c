/* test-store-history.c — the history store on temporary databases: samples
 * through the queue and back, hourly statistics across flushes, QoS at one
 * time, state timelines and their decimation, plot decimation, retention
 * purge in steps, forgetting a thing. Sizes, CSV and the import of former
 * files are tested in test-store-history-io.c; errors, hostile input and
 * what another program wrote in test-store-history-robust.c. */
#include "test-store-history.h"

#include "iot-history.h"
#include "iot-limits.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

Suite *iot_store_history_suite(void);

char *sh_dir, *sh_path;
sqlite3 *sh_db;
IotStoreHistory *sh;

/* ---- fixture and helpers ---------------------------------------------------------- */

void
sh_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
}

void
sh_execf(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	char *sql;

	va_start(ap, fmt);
	sql = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	sh_exec(db, sql);
	g_free(sql);
}

gint64
sh_int(sqlite3 *db, const char *sql)
{
	return iot_test_query_int(db, sql);
}

sqlite3 *
sh_open(const char *path, int flags)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, flags, NULL), SQLITE_OK);
	if (!(flags & SQLITE_OPEN_READONLY)) {
		sh_exec(db, "PRAGMA journal_mode = WAL");
		sh_exec(db, "PRAGMA synchronous = NORMAL");
	}
	return db;
}

void
sh_schema(sqlite3 *db)
{
	guint n, i;
	const char *const *steps = iot_store_history_migrations(&n);

	ck_assert_uint_ge(n, 1);
	for (i = 0; i < n; i++) {
		sh_exec(db, "BEGIN");
		sh_exec(db, steps[i]);
		sh_exec(db, "COMMIT");
	}
}

void
sh_setup(void)
{
	GError *error = NULL;

	sh_dir = iot_test_make_tmpdir("iot-store-history-XXXXXX");
	sh_path = g_build_filename(sh_dir, "store.db", NULL);
	sh_db = sh_open(sh_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	sh_schema(sh_db);
	sh = iot_store_history_new(sh_db, &error);
	ck_assert_msg(sh != NULL, "%s", error ? error->message : "?");
}

void
sh_teardown(void)
{
	iot_store_history_free(sh);
	sh = NULL;
	if (sh_db != NULL)
		sqlite3_close(sh_db);
	sh_db = NULL;
	iot_test_remove_tree(sh_dir);
	g_free(sh_dir);
	g_free(sh_path);
}

gint64
sh_samples(void)
{
	return sh_int(sh_db, "SELECT (SELECT count(*) FROM history_sample) +"
	                     " (SELECT count(*) FROM history_recent)");
}

void
sh_drain(void)
{
	guint n = 0;

	while (sh_int(sh_db, "SELECT count(*) FROM history_recent") > 0) {
		ck_assert(iot_store_history_purge_step(sh, SH_T0, 10000, NULL, NULL));
		ck_assert_uint_lt(++n, 1000);
	}
}

IotStoreHistoryStats
sh_flush(gint64 now)
{
	IotStoreHistoryStats st;
	GError *error = NULL;

	ck_assert_msg(iot_store_history_flush(sh, now, &st, &error), "flush: %s",
	              error ? error->message : "?");
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 0);
	return st;
}

gint64
sh_series(const char *name, IotStoreSeriesKind kind)
{
	gint64 id = 0;
	GError *error = NULL;

	ck_assert_msg(iot_store_history_find_series(sh, SH_ACCOUNT, SH_THING, NULL, name, kind, &id,
	                                            &error),
	              "no series %s", name);
	ck_assert_int_gt(id, 0);
	return id;
}

void
sh_num(const char *name, const char *unit, gint64 t, double v, guint32 qos)
{
	ck_assert_int_eq(iot_store_history_add_number(sh, SH_ACCOUNT, SH_THING, NULL, name, unit, t,
	                                              v, qos),
	                 IOT_STORE_HISTORY_QUEUED);
}

void
sh_state(const char *name, gint64 t, const char *v, guint32 qos)
{
	ck_assert_int_eq(iot_store_history_add_state(sh, SH_ACCOUNT, SH_THING, NULL, name, NULL, t,
	                                             v, qos),
	                 IOT_STORE_HISTORY_QUEUED);
}

GArray *
sh_plot(gint64 id, gint64 from, gint64 to, guint columns, IotStorePlotSource *src)
{
	GError *error = NULL;
	GArray *a = iot_store_history_plot(sh, id, from, to, columns, src, &error);

	ck_assert_msg(a != NULL, "plot: %s", error ? error->message : "?");
	return a;
}

/* ---- samples --------------------------------------------------------------------------- */

START_TEST(test_round_trip)
{
	IotNodeRef boiler = { "Boiler", "MeteringTopology", NULL };
	GPtrArray *series;
	GArray *pts;
	IotStorePlotSource src;
	const IotStoreSeries *s;
	GError *error = NULL;
	guint i;

	for (i = 0; i < 5; i++)
		sh_num("Temperature", "°C", SH_T0 + i * SH_MIN, 20.0 + i * 0.5, 0);
	ck_assert_int_eq(iot_store_history_add_number(sh, SH_ACCOUNT, SH_THING, &boiler, "Power", "kW",
	                                              SH_T0, 1.25, IOT_QOS_AUTOMATIC_READOUT),
	                 IOT_STORE_HISTORY_QUEUED);
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 6);
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).added, 6);

	/* The thing is found whatever the case of its address and its resource. */
	series = iot_store_history_list_series(sh, "me@home.example", "thermostat@home.example/other",
	                                       &error);
	ck_assert_ptr_nonnull(series);
	ck_assert_uint_eq(series->len, 2);
	s = g_ptr_array_index(series, 0);
	ck_assert_str_eq(s->name, "Temperature");
	ck_assert_str_eq(s->unit, "°C");
	ck_assert_ptr_null(s->node.node_id);
	ck_assert_int_eq(s->kind, IOT_STORE_SERIES_NUMBERS);
	ck_assert_int_eq(s->last_time, SH_T0 + 4 * SH_MIN);
	ck_assert_double_eq(s->last_number, 22.0);
	ck_assert_uint_eq(s->rows, 5);
	s = g_ptr_array_index(series, 1);
	ck_assert_str_eq(s->node.node_id, "Boiler");
	ck_assert_str_eq(s->node.source_id, "MeteringTopology");
	ck_assert_ptr_null(s->node.partition);
	ck_assert_uint_eq(s->last_qos, IOT_QOS_AUTOMATIC_READOUT);
	g_ptr_array_unref(series);

	/* One column per sample: the samples themselves come back. */
	pts = sh_plot(sh_series("Temperature", IOT_STORE_SERIES_NUMBERS), SH_T0, SH_T0 + 5 * SH_MIN - 1,
	           5, &src);
	ck_assert_int_eq(src, IOT_STORE_PLOT_SAMPLES);
	ck_assert_uint_eq(pts->len, 5);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(SH_POINT(pts, i)->first, SH_T0 + i * SH_MIN);
		ck_assert_int_eq(SH_POINT(pts, i)->last, SH_T0 + i * SH_MIN);
		ck_assert_double_eq(SH_POINT(pts, i)->min, 20.0 + i * 0.5);
		ck_assert_double_eq(SH_POINT(pts, i)->max, 20.0 + i * 0.5);
		ck_assert_double_eq(SH_POINT(pts, i)->mean, 20.0 + i * 0.5);
		ck_assert_uint_eq(SH_POINT(pts, i)->count, 1);
	}
	g_array_unref(pts);
	/* Nothing kept in memory after a flush but the module itself. */
	ck_assert_uint_lt(iot_store_history_memory_size(sh), 1024);
}
END_TEST

START_TEST(test_hourly_statistics_across_flushes)
{
	double values[] = { 4, 1, 6, 3, 5, 2 };
	GArray *pts;
	IotStorePlotSource src;
	gint64 id;
	guint i;

	/* Three flushes into one hour, one into the next. */
	for (i = 0; i < G_N_ELEMENTS(values); i++) {
		sh_num("Temperature", "°C", SH_T0 + i * 5 * SH_MIN, values[i], 0);
		if (i % 2 == 1)
			sh_flush(SH_T0 + SH_HOUR);
	}
	sh_num("Temperature", "°C", SH_T0 + SH_HOUR + SH_MIN, 100, 0);
	sh_flush(SH_T0 + 2 * SH_HOUR);
	id = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_hour"), 2);

	/* A day in 24 columns: an hour a column, from the statistics. */
	pts = sh_plot(id, SH_T0, SH_T0 + SH_DAY - 1, 24, &src);
	ck_assert_int_eq(src, IOT_STORE_PLOT_HOURS);
	ck_assert_uint_eq(pts->len, 2);
	ck_assert_double_eq(SH_POINT(pts, 0)->min, 1);
	ck_assert_double_eq(SH_POINT(pts, 0)->max, 6);
	ck_assert_double_eq(SH_POINT(pts, 0)->mean, 3.5);
	ck_assert_uint_eq(SH_POINT(pts, 0)->count, 6);
	ck_assert_int_eq(SH_POINT(pts, 0)->first, SH_T0);
	ck_assert_int_eq(SH_POINT(pts, 0)->last, SH_T0 + SH_HOUR - 1);
	ck_assert_double_eq(SH_POINT(pts, 1)->mean, 100);
	ck_assert_uint_eq(SH_POINT(pts, 1)->count, 1);
	g_array_unref(pts);

	/* The same samples again change nothing. */
	for (i = 0; i < G_N_ELEMENTS(values); i++)
		sh_num("Temperature", "°C", SH_T0 + i * 5 * SH_MIN, values[i], 0);
	ck_assert_uint_eq(sh_flush(SH_T0 + 2 * SH_HOUR).unchanged, 6);
	pts = sh_plot(id, SH_T0, SH_T0 + SH_DAY - 1, 24, NULL);
	ck_assert_uint_eq(SH_POINT(pts, 0)->count, 6);
	ck_assert_double_eq(SH_POINT(pts, 0)->mean, 3.5);
	g_array_unref(pts);
}
END_TEST

START_TEST(test_qos_at_one_time)
{
	IotStoreHistoryStats st;
	GArray *pts;
	gint64 id;

	sh_num("Energy", "kWh", SH_T0, 10, IOT_QOS_AUTOMATIC_ESTIMATE);
	sh_num("Energy", "kWh", SH_T0 + SH_MIN, 1, IOT_QOS_AUTOMATIC_ESTIMATE);
	sh_flush(SH_T0 + SH_HOUR);
	id = sh_series("Energy", IOT_STORE_SERIES_NUMBERS);

	/* A readout replaces the estimate: the hour's statistics follow. */
	sh_num("Energy", "kWh", SH_T0, 20, IOT_QOS_AUTOMATIC_READOUT);
	st = sh_flush(SH_T0 + SH_HOUR);
	ck_assert_uint_eq(st.replaced, 1);
	/* An estimate never replaces the readout; a signed value does; at
	 * equal rank the later value corrects the earlier. */
	sh_num("Energy", "kWh", SH_T0, 30, IOT_QOS_MANUAL_ESTIMATE);
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).kept_better, 1);
	sh_num("Energy", "kWh", SH_T0 + SH_MIN, 7, 0);
	sh_num("Energy", "kWh", SH_T0 + SH_MIN, 8, 0);
	sh_num("Energy", "kWh", SH_T0 + SH_MIN, 2, IOT_QOS_MANUAL_READOUT);
	st = sh_flush(SH_T0 + SH_HOUR);
	ck_assert_uint_eq(st.replaced, 2);
	ck_assert_uint_eq(st.kept_better, 1);

	pts = sh_plot(id, SH_T0, SH_T0 + 2 * SH_MIN - 1, 2, NULL);
	ck_assert_uint_eq(pts->len, 2);
	ck_assert_double_eq(SH_POINT(pts, 0)->mean, 20);
	ck_assert_double_eq(SH_POINT(pts, 1)->mean, 8);
	g_array_unref(pts);
	ck_assert_int_eq(sh_int(sh_db, "SELECT q FROM history_sample ORDER BY t LIMIT 1"),
	                 IOT_QOS_AUTOMATIC_READOUT);
	/* Statistics are those of the values kept. */
	ck_assert_int_eq(sh_int(sh_db, "SELECT n FROM history_hour"), 2);
	ck_assert_int_eq(sh_int(sh_db, "SELECT mx FROM history_hour"), 20);
	ck_assert_int_eq(sh_int(sh_db, "SELECT mn FROM history_hour"), 8);
	ck_assert_int_eq(sh_int(sh_db, "SELECT sum FROM history_hour"), 28);
}
END_TEST

START_TEST(test_unit_change_starts_a_series)
{
	GPtrArray *all, *latest;
	const IotStoreSeries *s;
	gint64 id;

	sh_num("Temperature", "°C", SH_T0, 21, 0);
	sh_flush(SH_T0 + SH_HOUR);
	sh_num("Temperature", "°F", SH_T0 + SH_MIN, 70, 0);
	sh_flush(SH_T0 + SH_HOUR);
	all = iot_store_history_list_series(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(all->len, 2);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_hour"), 2);
	latest = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(latest->len, 1);
	s = g_ptr_array_index(latest, 0);
	ck_assert_str_eq(s->unit, "°F");
	ck_assert_double_eq(s->last_number, 70);
	id = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);
	ck_assert_int_eq(id, ((IotStoreSeries *)g_ptr_array_index(all, 1))->id);
	ck_assert_int_eq(s->id, id);
	g_ptr_array_unref(all);
	g_ptr_array_unref(latest);
}
END_TEST

START_TEST(test_latest_values_include_the_queue)
{
	GPtrArray *latest;
	const IotStoreSeries *s;

	sh_num("Temperature", "°C", SH_T0, 21, 0);
	sh_state("Door", SH_T0, "closed", 0);
	sh_flush(SH_T0 + SH_HOUR);
	sh_num("Temperature", "°C", SH_T0 + SH_MIN, 22.5, 0);
	sh_num("Humidity", "%", SH_T0 + SH_MIN, 40, 0);
	sh_state("Door", SH_T0 + SH_MIN, "open", 0);
	latest = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(latest->len, 3);
	s = g_ptr_array_index(latest, 0);
	ck_assert_str_eq(s->name, "Temperature");
	ck_assert_double_eq(s->last_number, 22.5);
	ck_assert_int_eq(s->last_time, SH_T0 + SH_MIN);
	ck_assert_int_gt(s->id, 0);
	s = g_ptr_array_index(latest, 1);
	ck_assert_str_eq(s->name, "Door");
	ck_assert_str_eq(s->last_state, "open");
	s = g_ptr_array_index(latest, 2);
	ck_assert_str_eq(s->name, "Humidity");
	ck_assert_int_eq(s->id, 0);
	ck_assert_str_eq(s->unit, "%");
	g_ptr_array_unref(latest);
}
END_TEST

START_TEST(test_readout_numbers_and_states)
{
	IotReadout *r = iot_readout_new();
	const char *fields[][3] = { { "Temperature", "numeric", "21.5" }, { "Door", "boolean", "1" },
		                    { "Mode", "enum", "eco" }, { "Firmware", "string", "1.2.3" },
		                    { "Broken", "numeric", "abc" } };
	GPtrArray *latest;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(fields); i++) {
		IotField *f = iot_field_new();

		g_free(f->name);
		g_free(f->value);
		f->name = g_strdup(fields[i][0]);
		f->value = g_strdup(fields[i][2]);
		f->type = strcmp(fields[i][1], "numeric") == 0   ? IOT_VALUE_NUMERIC
		          : strcmp(fields[i][1], "boolean") == 0 ? IOT_VALUE_BOOLEAN
		          : strcmp(fields[i][1], "enum") == 0    ? IOT_VALUE_ENUM
		                                                 : IOT_VALUE_STRING;
		f->number = g_ascii_strtod(f->value, NULL);
		f->number_valid = i == 0;
		f->timestamp = i == 0 ? IOT_TIME_UNKNOWN : SH_T0;
		g_ptr_array_add(r->fields, f);
	}
	ck_assert_uint_eq(iot_store_history_add_readout(sh, SH_ACCOUNT, SH_THING, r, SH_T0 + SH_SEC), 4);
	sh_flush(SH_T0 + SH_HOUR);
	latest = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(latest->len, 4);
	ck_assert_int_eq(((IotStoreSeries *)g_ptr_array_index(latest, 0))->last_time, SH_T0 + SH_SEC);
	/* "1" is kept as the boolean's canonical "true". */
	ck_assert_str_eq(((IotStoreSeries *)g_ptr_array_index(latest, 1))->last_state, "true");
	ck_assert_int_eq(((IotStoreSeries *)g_ptr_array_index(latest, 2))->kind,
	                 IOT_STORE_SERIES_STATES);
	g_ptr_array_unref(latest);
	iot_readout_free(r);
}
END_TEST

START_TEST(test_decimation_bounds)
{
	guint columns[] = { 1, 2, 7, 100, 1000, 7200, 20000 };
	gint64 id;
	guint i, c;

	/* Two hours, one sample a second: a sine with its extremes known. */
	for (i = 0; i < 7200; i++)
		sh_num("Voltage", "V", SH_T0 + i * SH_SEC, 230 + 10 * sin(i / 100.0), 0);
	sh_num("Voltage", "V", SH_T0 + 3600 * SH_SEC, 250, 0); /* replaces one: still 7200 */
	sh_flush(SH_T0 + 2 * SH_HOUR);
	id = sh_series("Voltage", IOT_STORE_SERIES_NUMBERS);
	for (c = 0; c < G_N_ELEMENTS(columns); c++) {
		IotStorePlotSource src;
		GArray *pts = sh_plot(id, SH_T0, SH_T0 + 2 * SH_HOUR - 1, columns[c], &src);
		guint64 total = 0;
		double mn = G_MAXDOUBLE, mx = -G_MAXDOUBLE;

		ck_assert_uint_le(pts->len, columns[c]);
		ck_assert_uint_ge(pts->len, MIN(columns[c], 7200) / 2);
		for (i = 0; i < pts->len; i++) {
			const IotStorePlotPoint *p = SH_POINT(pts, i);

			total += p->count;
			mn = MIN(mn, p->min);
			mx = MAX(mx, p->max);
			ck_assert(p->min <= p->mean && p->mean <= p->max);
			ck_assert_int_le(p->first, p->last);
			if (i > 0)
				ck_assert_int_lt(SH_POINT(pts, i - 1)->last, p->first);
		}
		ck_assert_uint_eq(total, 7200);
		ck_assert_double_eq(mx, 250);
		ck_assert_double_le(mn, 220.0001);
		/* One column spans both hours: the statistics answer. */
		ck_assert_int_eq(src, columns[c] <= 2 ? IOT_STORE_PLOT_HOURS : IOT_STORE_PLOT_SAMPLES);
		g_array_unref(pts);
	}
}
END_TEST

/* ---- states ---------------------------------------------------------------------------- */

static GPtrArray *
states(gint64 id, gint64 from, gint64 to, guint max, guint *hidden)
{
	GError *error = NULL;
	GPtrArray *a = iot_store_history_states(sh, id, from, to, max, hidden, &error);

	ck_assert_msg(a != NULL, "states: %s", error ? error->message : "?");
	return a;
}

#define SEG(a, i) ((IotStoreStateSegment *)g_ptr_array_index((a), (i)))

START_TEST(test_state_timeline)
{
	GPtrArray *segs;
	guint hidden = 99;
	gint64 id;

	sh_state("Door", SH_T0, "closed", 0);
	sh_state("Door", SH_T0 + 5 * SH_MIN, "closed", 0);
	sh_state("Door", SH_T0 + 12 * SH_MIN, "open", 0);
	sh_state("Door", SH_T0 + 13 * SH_MIN, "open", 0);
	sh_state("Door", SH_T0 + 14 * SH_MIN, "closed", 0);
	sh_state("Door", SH_T0 + 30 * SH_MIN, "closed", 0);
	sh_flush(SH_T0 + SH_HOUR);
	/* A row a change: closed 08:00, open 08:12, closed 08:14. */
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_state"), 3);
	id = sh_series("Door", IOT_STORE_SERIES_STATES);

	segs = states(id, SH_T0 + 10 * SH_MIN, SH_T0 + 40 * SH_MIN, 10, &hidden);
	ck_assert_uint_eq(hidden, 0);
	ck_assert_uint_eq(segs->len, 3);
	ck_assert_str_eq(SEG(segs, 0)->value, "closed");
	ck_assert_int_eq(SEG(segs, 0)->start, SH_T0 + 10 * SH_MIN);
	ck_assert_int_eq(SEG(segs, 0)->end, SH_T0 + 12 * SH_MIN);
	ck_assert_str_eq(SEG(segs, 1)->value, "open");
	ck_assert_int_eq(SEG(segs, 1)->end, SH_T0 + 14 * SH_MIN);
	/* The last one lasts until the value was last seen. */
	ck_assert_int_eq(SEG(segs, 2)->start, SH_T0 + 14 * SH_MIN);
	ck_assert_int_eq(SEG(segs, 2)->end, SH_T0 + 30 * SH_MIN);
	g_ptr_array_unref(segs);

	/* Told later that it was open from 08:11: the change moves; told it was
	 * closed at 08:13 (a better QoS), the open segment shrinks. */
	sh_state("Door", SH_T0 + 11 * SH_MIN, "open", 0);
	sh_state("Door", SH_T0 + 13 * SH_MIN, "closed", IOT_QOS_SIGNED);
	sh_flush(SH_T0 + SH_HOUR);
	segs = states(id, SH_T0, SH_T0 + 40 * SH_MIN, 10, NULL);
	ck_assert_uint_eq(segs->len, 3);
	ck_assert_int_eq(SEG(segs, 1)->start, SH_T0 + 11 * SH_MIN);
	ck_assert_int_eq(SEG(segs, 1)->end, SH_T0 + 13 * SH_MIN);
	ck_assert_int_eq(SEG(segs, 2)->start, SH_T0 + 13 * SH_MIN);
	ck_assert_uint_eq(SEG(segs, 2)->qos, IOT_QOS_SIGNED);
	g_ptr_array_unref(segs);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_state"), 3);

	/* At equal time a less reliable state does not replace it. */
	sh_state("Door", SH_T0 + 13 * SH_MIN, "open", IOT_QOS_AUTOMATIC_ESTIMATE);
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).kept_better, 1);
	/* Before the first change nothing is known. */
	segs = states(id, SH_T0 - SH_HOUR, SH_T0 - 1, 10, NULL);
	ck_assert_uint_eq(segs->len, 0);
	g_ptr_array_unref(segs);
}
END_TEST

START_TEST(test_state_decimation)
{
	guint max[] = { 2, 3, 10, 50, 600, 2000 };
	gint64 id;
	guint i, k;

	/* 1000 changes, one a second after 08:00:00. */
	for (i = 0; i <= 1000; i++)
		sh_state("Mode", SH_T0 + i * SH_SEC, i % 3 == 0 ? "eco" : i % 3 == 1 ? "comfort" : "off", 0);
	sh_flush(SH_T0 + SH_HOUR);
	id = sh_series("Mode", IOT_STORE_SERIES_STATES);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_state"), 1001);
	for (k = 0; k < G_N_ELEMENTS(max); k++) {
		guint hidden = 0;
		/* (08:00:00, 08:16:40]: 1000 changes after the state in force. */
		GPtrArray *segs = states(id, SH_T0, SH_T0 + 1000 * SH_SEC, max[k], &hidden);
		guint sum = 0;

		/* Columns may alias (every one ending in the same mode): few
		 * segments then, but never more than asked. */
		ck_assert_uint_le(segs->len, max[k]);
		ck_assert_uint_ge(segs->len, 2);
		if (max[k] >= 1001)
			ck_assert_uint_eq(segs->len, 1001);
		ck_assert_int_eq(SEG(segs, 0)->start, SH_T0);
		for (i = 0; i < segs->len; i++) {
			sum += SEG(segs, i)->hidden;
			if (i > 0) {
				ck_assert_int_eq(SEG(segs, i - 1)->end, SEG(segs, i)->start);
				ck_assert_str_ne(SEG(segs, i - 1)->value, SEG(segs, i)->value);
			}
		}
		/* Every change is shown or counted as hidden, once. */
		ck_assert_uint_eq(sum, hidden);
		ck_assert_uint_eq(hidden + segs->len - 1, 1000);
		ck_assert_uint_eq(hidden == 0, max[k] >= 1001);
		/* The range ends in the state it really ends in. */
		ck_assert_str_eq(SEG(segs, segs->len - 1)->value, "comfort");
		g_ptr_array_unref(segs);
	}
}
END_TEST

/* ---- retention, forgetting ---------------------------------------------------------------- */

START_TEST(test_retention_purge_keeps_statistics)
{
	gint64 id, now = SH_T0 + 3 * SH_DAY, door;
	gboolean more = TRUE;
	guint steps = 0, i;
	GArray *pts;
	IotStorePlotSource src;
	GPtrArray *segs;

	iot_store_history_set_retention(sh, SH_DAY);
	ck_assert_int_eq(iot_store_history_get_retention(sh), SH_DAY);
	sh_state("Door", SH_T0, "closed", 0);
	sh_state("Door", SH_T0 + 5 * SH_HOUR, "open", 0);
	/* Three days, a sample every 5 minutes, written while they were live. */
	for (i = 0; i < 3 * 24 * 12; i++) {
		sh_num("Temperature", "°C", SH_T0 + i * 5 * SH_MIN, i % 12, 0);
		if (i % 12 == 11)
			sh_flush(SH_T0 + (i + 1) * 5 * SH_MIN);
	}
	sh_state("Door", SH_T0 + 50 * SH_HOUR, "closed", 0);
	sh_flush(now);
	ck_assert_int_eq(sh_samples(), 864);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_hour"), 72);

	/* Purged in small steps: none deletes more than its budget. */
	while (more) {
		gint64 before = sh_samples() + sh_int(sh_db, "SELECT count(*) FROM history_state");

		ck_assert(iot_store_history_purge_step(sh, now, 100, &more, NULL));
		ck_assert_int_le(before - sh_samples() - sh_int(sh_db, "SELECT count(*) FROM history_state"),
		                 100);
		ck_assert_uint_lt(++steps, 100);
	}
	ck_assert_uint_ge(steps, 6);
	/* The last day stays in full; every hour's statistics stay. */
	ck_assert_int_eq(sh_samples(), 288);
	ck_assert_int_eq(sh_int(sh_db, "SELECT min(t) FROM history_sample"), now - SH_DAY);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_hour"), 72);
	ck_assert_int_eq(sh_int(sh_db, "SELECT n_rows FROM history_series WHERE name = 'Temperature'"),
	                 288);
	/* The door: the change in force at the horizon (open since 05:00 on the
	 * first day) stays, the older one goes. */
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_state"), 2);
	door = sh_series("Door", IOT_STORE_SERIES_STATES);
	segs = states(door, now - SH_DAY, now, 10, NULL);
	ck_assert_uint_eq(segs->len, 2);
	ck_assert_str_eq(SEG(segs, 0)->value, "open");
	g_ptr_array_unref(segs);

	/* The first day still plots, from its statistics. */
	id = sh_series("Temperature", IOT_STORE_SERIES_NUMBERS);
	pts = sh_plot(id, SH_T0, SH_T0 + SH_DAY - 1, 1000, &src);
	ck_assert_int_eq(src, IOT_STORE_PLOT_HOURS);
	ck_assert_uint_eq(pts->len, 24);
	ck_assert_uint_eq(SH_POINT(pts, 0)->count, 12);
	ck_assert_double_eq(SH_POINT(pts, 0)->mean, 5.5);
	g_array_unref(pts);

	/* A sample for a purged hour is refused: it would count twice. */
	sh_num("Temperature", "°C", SH_T0 + SH_MIN, 99, 0);
	ck_assert_uint_eq(sh_flush(now).too_old, 1);
	ck_assert_int_eq(sh_int(sh_db, "SELECT n FROM history_hour ORDER BY hour LIMIT 1"), 12);
	/* Nothing left to do: one step says so. */
	ck_assert(iot_store_history_purge_step(sh, now, 1000, &more, NULL));
	ck_assert(!more);
}
END_TEST

START_TEST(test_forget_thing)
{
	gboolean more = TRUE;
	GPtrArray *a;
	guint i, steps = 0;

	for (i = 0; i < 500; i++) {
		sh_num("Temperature", "°C", SH_T0 + i * SH_SEC, i, 0);
		ck_assert_int_eq(iot_store_history_add_number(sh, SH_ACCOUNT, "lamp@home.example", NULL,
		                                              "Power", "W", SH_T0 + i * SH_SEC, i, 0),
		                 IOT_STORE_HISTORY_QUEUED);
	}
	sh_state("Door", SH_T0, "open", 0);
	sh_flush(SH_T0 + SH_HOUR);
	/* Samples not moved on yet, and queued ones: forgotten too. */
	sh_exec(sh_db, "INSERT INTO history_recent SELECT series_id, t + 3600000000, v, q"
	               " FROM history_sample WHERE series_id = (SELECT min(id) FROM history_series)");
	sh_num("Temperature", "°C", SH_T0 + SH_HOUR, 1, 0);
	ck_assert(iot_store_history_forget(sh, SH_ACCOUNT, "thermostat@HOME.example", NULL));
	ck_assert_uint_eq(iot_store_history_queue_length(sh), 0);
	/* Gone from every query at once. */
	a = iot_store_history_list_series(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(a->len, 0);
	g_ptr_array_unref(a);
	a = iot_store_history_latest(sh, SH_ACCOUNT, SH_THING, NULL);
	ck_assert_uint_eq(a->len, 0);
	g_ptr_array_unref(a);
	/* Its rows go in bounded steps; the other thing keeps everything. */
	while (more) {
		ck_assert(iot_store_history_purge_step(sh, SH_T0 + SH_HOUR, 64, &more, NULL));
		ck_assert_uint_lt(++steps, 100);
	}
	ck_assert_uint_ge(steps, 8);
	ck_assert_int_eq(sh_samples(), 500);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_recent"), 0);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_state"), 0);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_hour"), 1);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_series"), 1);
	ck_assert_int_eq(sh_int(sh_db, "SELECT count(*) FROM history_thing"), 1);
	/* Nothing to forget is no error; a thing seen again starts anew. */
	ck_assert(iot_store_history_forget(sh, SH_ACCOUNT, SH_THING, NULL));
	sh_num("Temperature", "°C", SH_T0, 5, 0);
	ck_assert_uint_eq(sh_flush(SH_T0 + SH_HOUR).added, 1);
}
END_TEST

Suite *
iot_store_history_suite(void)
{
	Suite *s = suite_create("store-history");
	TCase *tc = tcase_create("history");

	tcase_add_checked_fixture(tc, sh_setup, sh_teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_hourly_statistics_across_flushes);
	tcase_add_test(tc, test_qos_at_one_time);
	tcase_add_test(tc, test_unit_change_starts_a_series);
	tcase_add_test(tc, test_latest_values_include_the_queue);
	tcase_add_test(tc, test_readout_numbers_and_states);
	tcase_add_test(tc, test_decimation_bounds);
	tcase_add_test(tc, test_state_timeline);
	tcase_add_test(tc, test_state_decimation);
	tcase_add_test(tc, test_retention_purge_keeps_statistics);
	tcase_add_test(tc, test_forget_thing);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_store_history_robust_tcase());
	suite_add_tcase(s, iot_store_history_io_tcase());
	return s;
}
