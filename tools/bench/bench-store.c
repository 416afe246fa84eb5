/*
 * bench-store.c — the history store on a month of generated data:
 * 200 series × 30 days × one sample a minute (8.64 million samples), a year
 * of hourly statistics before it, and one dense series (a sample a second
 * for a day).
 *
 *   bench-store OUTDIR   builds OUTDIR/bench-store.db and prints one line
 *                        per measurement: "store <what> <value>"
 *
 * What it measures: flushes of 200 and 2,000 samples into the full
 * database (median, 99th percentile, worst, pages written to the WAL),
 * plot queries of a day, a month and a year, bytes on disk per sample,
 * memory, a purge step. The connection is set up as the store's foundation
 * sets it: WAL, synchronous=NORMAL, the default page size and autocheckpoint.
 */
#include "iot-history.h"
#include "iot-store-history.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SERIES 200
#define DAYS 30
#define MIN_US (G_GINT64_CONSTANT(60) * G_USEC_PER_SEC)
#define SEC_US G_GINT64_CONSTANT(1000000)
#define DAY_US (G_GINT64_CONSTANT(86400) * G_USEC_PER_SEC)
#define HOUR_US IOT_STORE_HISTORY_HOUR
/* 2025-01-01T00:00:00Z: the year of statistics, then 30 days of samples. */
#define YEAR0 G_GINT64_CONSTANT(1735689600000000)
#define T0 (YEAR0 + 365 * DAY_US)
#define ACCOUNT "me@home.example"

static sqlite3 *db;
static IotStoreHistory *h;
static int wal_frames;

static int
wal_hook(void *data, sqlite3 *d, const char *name, int frames)
{
	wal_frames = frames;
	return SQLITE_OK;
}

/* What SQLite does by default after a commit, a passive checkpoint past
 * 1000 frames, but here after the flush and timed apart: the foundation
 * may schedule it on its own. Returns the seconds it took, or 0. */
static double
checkpoint_if_due(void)
{
	double t0;

	if (wal_frames < 1000)
		return 0;
	t0 = g_get_monotonic_time() / 1e6;
	sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	wal_frames = 0;
	return g_get_monotonic_time() / 1e6 - t0;
}

static void
die(const char *what, GError *error)
{
	fprintf(stderr, "bench-store: %s: %s\n", what, error ? error->message : sqlite3_errmsg(db));
	exit(1);
}

static void
exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql, NULL);
}

static gint64
query_int(const char *sql)
{
	sqlite3_stmt *st;
	gint64 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static double
now_s(void)
{
	return g_get_monotonic_time() / 1e6;
}

static long
status_kib(const char *key)
{
	char *status = NULL, *p;
	long kib = -1;

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (p = strstr(status, key)) != NULL)
		kib = strtol(p + strlen(key), NULL, 10);
	g_free(status);
	return kib;
}

static const char *
thing_of(guint s)
{
	static char buf[64];

	g_snprintf(buf, sizeof buf, "meter%02u@home.example", s / 20);
	return buf;
}

static const char *
name_of(guint s)
{
	static char buf[64];

	g_snprintf(buf, sizeof buf, "Channel %03u", s);
	return buf;
}

static double
value_of(guint s, gint64 minute)
{
	/* Two decimals, as meters send them. */
	return round((230.0 + 10.0 * sin(minute / 60.0 + s) + (double)((minute * 7919 + s) % 100) / 100.0) *
	             100.0) / 100.0;
}

static void
add(guint s, gint64 t, double v)
{
	if (iot_store_history_add_number(h, ACCOUNT, thing_of(s), NULL, name_of(s), "V", t, v, 0) !=
	    IOT_STORE_HISTORY_QUEUED)
		die("add", NULL);
}

static void
flush(gint64 now)
{
	GError *error = NULL;

	if (!iot_store_history_flush(h, now, NULL, &error))
		die("flush", error);
	checkpoint_if_due();
}

static int
double_cmp(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median, 99th percentile and worst of @n times (sorted in place). */
static void
report(const char *what, double *t, guint n)
{
	qsort(t, n, sizeof(double), double_cmp);
	printf("store %s-median-ms %.3f\n", what, t[n / 2] * 1000);
	printf("store %s-p99-ms %.3f\n", what, t[MIN(n - 1, n * 99 / 100)] * 1000);
	printf("store %s-worst-ms %.3f\n", what, t[n - 1] * 1000);
}

/* A year of hourly statistics before the samples, through the import of
 * old histories (one value an hour: the hours become statistics). */
static void
year_of_hours(void)
{
	double t0 = now_s();
	guint s, i;

	for (s = 0; s < SERIES; s++) {
		IotHistory *old = iot_history_new(thing_of(s));
		GError *error = NULL;

		for (i = 0; i < 365 * 24; i++)
			iot_history_add(old, NULL, name_of(s), "V", YEAR0 + i * HOUR_US, value_of(s, i * 60), 0);
		if (!iot_store_history_import(h, ACCOUNT, old, T0, NULL, &error))
			die("import", error);
		iot_history_free(old);
	}
	printf("store generate-year-of-hours-s %.1f\n", now_s() - t0);
}

/* 30 days, a sample a minute for each series, 2,000 samples a flush. */
static void
month_of_samples(void)
{
	double t0 = now_s();
	gint64 m;
	guint s;

	for (m = 0; m < DAYS * 24 * 60; m++) {
		for (s = 0; s < SERIES; s++)
			add(s, T0 + m * MIN_US, value_of(s, m));
		if (m % 10 == 9)
			flush(T0 + (m + 1) * MIN_US);
	}
	flush(T0 + DAYS * DAY_US);
	printf("store generate-samples-s %.1f\n", now_s() - t0);
}

/* One series with a sample a second for the last day. */
static void
dense_day(void)
{
	gint64 i;

	for (i = 0; i < 86400; i++) {
		if (iot_store_history_add_number(h, ACCOUNT, "dense@home.example", NULL, "Power", "W",
		                                 T0 + (DAYS - 1) * DAY_US + i * SEC_US, (double)(i % 1000),
		                                 0) != IOT_STORE_HISTORY_QUEUED)
			die("add", NULL);
		if (i % 3600 == 3599)
			flush(T0 + DAYS * DAY_US);
	}
}

static gint64
series_id(const char *thing, const char *name)
{
	gint64 id = 0;

	if (!iot_store_history_find_series(h, ACCOUNT, thing, NULL, name, IOT_STORE_SERIES_NUMBERS, &id,
	                                   NULL))
		die("find", NULL);
	return id;
}

/* Plots @runs series (each a different one, so the cache is not always
 * warm) over [@from, @to] in 1,000 columns. */
static void
plots(const char *what, gint64 from, gint64 to, guint runs)
{
	double *t = g_new(double, runs);
	IotStorePlotSource src = IOT_STORE_PLOT_SAMPLES;
	guint i, points = 0;
	char key[64];

	for (i = 0; i < runs; i++) {
		gint64 id = series_id(thing_of((i * 37) % SERIES), name_of((i * 37) % SERIES));
		double t0 = now_s();
		GArray *a = iot_store_history_plot(h, id, from, to, 1000, &src, NULL);

		t[i] = now_s() - t0;
		if (a == NULL)
			die("plot", NULL);
		points = a->len;
		g_array_unref(a);
	}
	printf("store plot-%s-source %s\n", what, src == IOT_STORE_PLOT_HOURS ? "hours" : "samples");
	printf("store plot-%s-points %u\n", what, points);
	g_snprintf(key, sizeof key, "plot-%s", what);
	report(key, t, runs);
	g_free(t);
}

static void
dense_plot(void)
{
	gint64 id = series_id("dense@home.example", "Power");
	double t[20];
	guint i;

	for (i = 0; i < G_N_ELEMENTS(t); i++) {
		double t0 = now_s();
		GArray *a = iot_store_history_plot(h, id, T0 + (DAYS - 1) * DAY_US,
		                                   T0 + DAYS * DAY_US - 1, 1000, NULL, NULL);

		t[i] = now_s() - t0;
		g_array_unref(a);
	}
	report("plot-dense-day", t, G_N_ELEMENTS(t));
}

/* Live: every series updates every second, one flush a second; then
 * 2,000 samples a flush. */
static void
live_flushes(void)
{
	double t200[300], t2000[50], cp[300];
	/* After everything stored (a second run on a kept database goes on). */
	gint64 base = query_int("SELECT max(t) FROM history_sample") + SEC_US;
	guint f, s, k, ncp = 0;
	long frames_sum = 0, frames_n = 0;

	for (f = 0; f < G_N_ELEMENTS(t200); f++) {
		int before = wal_frames;
		double t0, c;

		for (s = 0; s < SERIES; s++)
			add(s, base + f * SEC_US, value_of(s, f));
		t0 = now_s();
		if (!iot_store_history_flush(h, base + f * SEC_US, NULL, NULL))
			die("flush", NULL);
		t200[f] = now_s() - t0;
		/* The first minute fills history_recent; count after it. */
		if (f >= 60 && wal_frames > before) {
			frames_sum += wal_frames - before;
			frames_n++;
		}
		if ((c = checkpoint_if_due()) > 0)
			cp[ncp++] = c;
	}
	printf("store flush-200-wal-pages %.0f\n", (double)frames_sum / MAX(frames_n, 1));
	report("flush-200", t200, G_N_ELEMENTS(t200));
	if (ncp > 0) {
		printf("store checkpoints-in-300-flushes %u\n", ncp);
		report("checkpoint-1000-pages", cp, ncp);
	}
	for (f = 0; f < G_N_ELEMENTS(t2000); f++) {
		double t0;

		for (k = 0; k < 10; k++)
			for (s = 0; s < SERIES; s++)
				add(s, base + (1000 + f * 10 + k) * SEC_US, value_of(s, k));
		t0 = now_s();
		if (!iot_store_history_flush(h, base + (1000 + f * 10) * SEC_US, NULL, NULL))
			die("flush", NULL);
		t2000[f] = now_s() - t0;
		checkpoint_if_due();
	}
	report("flush-2000", t2000, G_N_ELEMENTS(t2000));
}

static void
purge(void)
{
	gboolean more = TRUE;
	double worst = 0, t0;
	guint steps = 0;

	/* One day later: a day of samples of every series is due. */
	while (more && steps < 20) {
		GError *error = NULL;

		t0 = now_s();
		if (!iot_store_history_purge_step(h, T0 + (DAYS + 1) * DAY_US, 1000, &more, &error))
			die("purge", error);
		worst = MAX(worst, now_s() - t0);
		steps++;
	}
	printf("store purge-step-1000-rows-worst-ms %.3f\n", worst * 1000);
}

int
main(int argc, char **argv)
{
	char *path;
	const char *const *steps;
	guint n, i;
	GError *error = NULL;
	gint64 samples, pages, page_size, tbl;
	long rss0;
	gboolean reuse;

	if (argc < 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	path = g_build_filename(argv[1], "bench-store.db", NULL);
	reuse = g_getenv("IOT_BENCH_REUSE") != NULL && g_file_test(path, G_FILE_TEST_EXISTS);
	for (i = 0; !reuse && i < 3; i++) {
		char *p = g_strconcat(path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
		g_unlink(p);
		g_free(p);
	}
	rss0 = status_kib("VmRSS:");
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("open", NULL);
	exec("PRAGMA journal_mode = WAL");
	exec("PRAGMA synchronous = NORMAL");
	sqlite3_wal_hook(db, wal_hook, NULL);
	if (g_getenv("IOT_BENCH_CACHE") != NULL) {
		char *sql = g_strdup_printf("PRAGMA cache_size = %s", g_getenv("IOT_BENCH_CACHE"));
		exec(sql);
		g_free(sql);
	}
	steps = iot_store_history_migrations(&n);
	for (i = 0; !reuse && i < n; i++)
		exec(steps[i]);
	h = iot_store_history_new(db, &error);
	if (h == NULL)
		die("new", error);

	if (!reuse) {
		year_of_hours();
		month_of_samples();
		dense_day();
	}
	/* What a quiet spell leaves: every recent sample moved on. */
	while (query_int("SELECT count(*) FROM history_recent") > 0)
		if (!iot_store_history_purge_step(h, T0, 20000, NULL, &error))
			die("purge", error);
	exec("PRAGMA wal_checkpoint(TRUNCATE)");
	samples = query_int("SELECT count(*) FROM history_sample");
	pages = query_int("PRAGMA page_count");
	page_size = query_int("PRAGMA page_size");
	tbl = query_int("SELECT sum(pgsize) FROM dbstat WHERE name = 'history_sample'");
	printf("store samples %" G_GINT64_FORMAT "\n", samples);
	printf("store hours %" G_GINT64_FORMAT "\n", query_int("SELECT count(*) FROM history_hour"));
	printf("store file-bytes %" G_GINT64_FORMAT "\n", pages * page_size);
	printf("store sample-table-bytes-per-sample %.1f\n", (double)tbl / samples);
	printf("store hour-table-bytes-per-hour %.1f\n",
	       (double)query_int("SELECT sum(pgsize) FROM dbstat WHERE name = 'history_hour'") /
	           query_int("SELECT count(*) FROM history_hour"));
	printf("store file-bytes-per-sample %.1f\n",
	       (double)(pages * page_size -
	                query_int("SELECT sum(pgsize) FROM dbstat WHERE name = 'history_hour'")) /
	           samples);

	plots("day", T0 + (DAYS - 1) * DAY_US, T0 + DAYS * DAY_US - 1, 50);
	plots("week", T0 + (DAYS - 7) * DAY_US, T0 + DAYS * DAY_US - 1, 50);
	plots("month", T0, T0 + DAYS * DAY_US - 1, 50);
	plots("year", T0 + DAYS * DAY_US - 365 * DAY_US, T0 + DAYS * DAY_US - 1, 50);
	dense_plot();
	live_flushes();
	purge();

	printf("store memory-module-bytes %zu\n", iot_store_history_memory_size(h));
	printf("store memory-sqlite-bytes %lld\n", (long long)sqlite3_memory_used());
	printf("store memory-sqlite-peak-bytes %lld\n", (long long)sqlite3_memory_highwater(0));
	printf("store memory-rss-growth-kib %ld\n", status_kib("VmRSS:") - rss0);
	iot_store_history_free(h);
	sqlite3_close(db);
	if (g_getenv("IOT_BENCH_KEEP") == NULL)
		for (i = 0; i < 3; i++) {
			char *p = g_strconcat(path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
			g_unlink(p);
			g_free(p);
		}
	g_free(path);
	return 0;
}
