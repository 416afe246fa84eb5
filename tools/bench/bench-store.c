/*
 * bench-store.c — the history store on a month of generated data, beside the
 * former per-thing files on the same data.
 *
 *   bench-store OUTDIR   builds OUTDIR/bench-store.db (and OUTDIR/old-history/)
 *                        and prints one line per measurement:
 *                        "store <what> <value>"
 *
 * The data: 200 series (10 things of 20 fields) × 30 days × one sample a
 * minute (8.64 million samples, imported in bulk through the core's import
 * of former histories, 6 days at a time), a year of hourly statistics
 * before it, and one dense series (a sample a second for a day, flushed an
 * hour at a time).
 *
 * The store: flushes of 200 and 2,000 samples into the full database
 * (median, 99th percentile, worst, pages written to the WAL), plot queries
 * of a day, a week, a month and a year, bytes on disk per sample, memory,
 * a purge step. The connection is set up as the store's foundation sets it
 * (WAL, synchronous=NORMAL, the default page size); the checkpoints SQLite
 * would run inside a commit are timed apart (the store runs them on its
 * worker thread).
 *
 * Side by side, the former files (iot-history.h) on the same values: each
 * of their series holds at most 10,000 samples (6.9 days at one a minute),
 * so they hold the last 10,000 minutes of each series. Measured: a second
 * of live updates (the 200 new values added, then every changed thing's
 * file saved whole, as the adapter did, against one flush), a plot's query
 * of a day, a month and a year (the samples of the range and their min and
 * max from the ring, against the decimated query), resident memory before
 * and after loading (the 10 files, against opening the store and reading
 * every thing's latest values), and bytes on disk per sample.
 */
#include "iot-history.h"
#include "iot-limits.h"
#include "iot-store-history.h"
#include "iot-store.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SERIES 200
#define THINGS 10
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

/* 30 days, a sample a minute for each series, imported 6 days at a time
 * (a former file's series held 10,000 samples). */
static void
month_of_samples(void)
{
	double t0 = now_s();
	gint64 m, total = DAYS * 24 * 60;
	guint s;

	for (s = 0; s < SERIES; s++) {
		for (m = 0; m < total;) {
			IotHistory *old = iot_history_new(thing_of(s));
			gint64 end = MIN(m + 6 * 24 * 60, total);
			GError *error = NULL;

			for (; m < end; m++)
				iot_history_add(old, NULL, name_of(s), "V", T0 + m * MIN_US, value_of(s, m), 0);
			if (!iot_store_history_import(h, ACCOUNT, old, T0 + DAYS * DAY_US, NULL, &error))
				die("import", error);
			iot_history_free(old);
		}
	}
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

/* What a readout window reads when it opens: the thing's latest values,
 * then the newest 2,000 values of each of its 20 fields (all ten things,
 * each once). */
static void
window_fill(void)
{
	double t[THINGS];
	guint k, i;

	for (k = 0; k < THINGS; k++) {
		double t0 = now_s();
		GPtrArray *latest = iot_store_history_latest(h, ACCOUNT, thing_of(k * (SERIES / THINGS)), NULL);

		if (latest == NULL)
			die("latest", NULL);
		for (i = 0; i < latest->len; i++) {
			GArray *a = iot_store_history_samples(h, ((IotStoreSeries *)g_ptr_array_index(latest, i))->id,
			                                      G_MININT64, G_MAXINT64, 2000, NULL);

			if (a == NULL || a->len != 2000)
				die("samples", NULL);
			g_array_unref(a);
		}
		g_ptr_array_unref(latest);
		t[k] = now_s() - t0;
	}
	report("window-fill", t, THINGS);
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
	double t200[300], tlive[300], t2000[50], cp[300];
	/* After everything stored (a second run on a kept database goes on). */
	gint64 base = query_int("SELECT max(t) FROM history_sample") + SEC_US;
	guint f, s, k, ncp = 0;
	long frames_sum = 0, frames_n = 0;

	for (f = 0; f < G_N_ELEMENTS(t200); f++) {
		int before = wal_frames;
		double t0, tl = now_s(), c;

		for (s = 0; s < SERIES; s++)
			add(s, base + f * SEC_US, value_of(s, f));
		t0 = now_s();
		if (!iot_store_history_flush(h, base + f * SEC_US, NULL, NULL))
			die("flush", NULL);
		t200[f] = now_s() - t0;
		tlive[f] = now_s() - tl;
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
	report("live-second", tlive, G_N_ELEMENTS(tlive));
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

/* ---- the former per-thing files, on the same values ------------------------------- */

static IotHistory *old_h[THINGS];
static char *old_dir;

static const char *
old_thing(guint t)
{
	return thing_of(t * (SERIES / THINGS));
}

/* The last 10,000 minutes of every series: what the former files held. */
static void
old_generate(void)
{
	gint64 total = DAYS * 24 * 60, m;
	double t0 = now_s();
	gint64 bytes = 0, n = 0;
	guint s, t;

	for (t = 0; t < THINGS; t++)
		old_h[t] = iot_history_new(old_thing(t));
	for (s = 0; s < SERIES; s++)
		for (m = total - IOT_HISTORY_MAX_SAMPLES; m < total; m++)
			if (iot_history_add(old_h[s / (SERIES / THINGS)], NULL, name_of(s), "V", T0 + m * MIN_US,
			                    value_of(s, m), 0) == IOT_HISTORY_ADDED)
				n++;
	for (t = 0; t < THINGS; t++) {
		GError *error = NULL;
		char *name = iot_history_file_name(ACCOUNT, old_thing(t)), *file = g_build_filename(old_dir, name, NULL);
		GStatBuf sb;

		if (!iot_history_save(old_h[t], old_dir, ACCOUNT, &error))
			die("save", error);
		if (g_stat(file, &sb) == 0)
			bytes += sb.st_size;
		g_free(file);
		g_free(name);
	}
	printf("store old-generate-s %.1f\n", now_s() - t0);
	printf("store old-samples %" G_GINT64_FORMAT "\n", n);
	printf("store old-file-bytes %" G_GINT64_FORMAT "\n", bytes);
	printf("store old-file-bytes-per-sample %.1f\n", (double)bytes / n);
}

/* A second of live updates as the adapter did it: the 200 new values
 * added, then every thing that changed (all 10) saved whole. */
static void
old_live(void)
{
	double t[10];
	gint64 base = T0 + DAYS * DAY_US;
	guint f, s, k;

	for (f = 0; f < G_N_ELEMENTS(t); f++) {
		double t0 = now_s();

		for (s = 0; s < SERIES; s++)
			iot_history_add(old_h[s / (SERIES / THINGS)], NULL, name_of(s), "V", base + f * SEC_US,
			                value_of(s, f), 0);
		for (k = 0; k < THINGS; k++) {
			GError *error = NULL;

			if (!iot_history_save(old_h[k], old_dir, ACCOUNT, &error))
				die("save", error);
		}
		t[f] = now_s() - t0;
	}
	report("old-live-second", t, G_N_ELEMENTS(t));
}

/* A plot's query of the former ring: the samples of the range and their
 * minimum and maximum, for @runs series (those plots() takes). */
static void
old_plots(const char *what, gint64 from, gint64 to, guint runs)
{
	double *t = g_new(double, runs);
	guint i, points = 0;
	char key[64];

	for (i = 0; i < runs; i++) {
		guint s = (i * 37) % SERIES;
		const IotHistorySeries *ser = iot_history_find_series(old_h[s / (SERIES / THINGS)], NULL, name_of(s));
		double t0 = now_s(), mn = 0, mx = 0;
		GArray *a;

		if (ser == NULL)
			die("old series", NULL);
		a = iot_history_series_samples(ser, from, to);
		iot_history_series_min_max(ser, from, to, &mn, &mx);
		t[i] = now_s() - t0;
		points = a->len;
		g_array_unref(a);
	}
	printf("store old-plot-%s-points %u\n", what, points);
	g_snprintf(key, sizeof key, "old-plot-%s", what);
	report(key, t, runs);
	g_free(t);
}

/* Resident memory a child process grows by while @fn loads what it needs
 * (KiB), printed as "store @what-rss-kib". */
static void
child_rss(const char *what, void (*fn)(const char *), const char *arg)
{
	int fds[2];
	pid_t pid;
	long grown = -1;
	int status = 0;

	if (pipe(fds) != 0)
		die("pipe", NULL);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork", NULL);
	if (pid == 0) {
		long before = status_kib("VmRSS:"), after;

		close(fds[0]);
		fn(arg);
		after = status_kib("VmRSS:");
		after -= before;
		if (write(fds[1], &after, sizeof after) != sizeof after)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &grown, sizeof grown) != sizeof grown)
		grown = -1;
	close(fds[0]);
	waitpid(pid, &status, 0);
	printf("store %s-rss-kib %ld\n", what, grown);
}

static void old_load(const char *dir);

/* Everything of the former files, in a child process of its own, so that
 * their 36 MB in memory do not count in this one's. */
static void
old_all(void)
{
	pid_t pid;
	int status = 0;
	guint t;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork", NULL);
	if (pid == 0) {
		old_generate();
		old_plots("day", T0 + (DAYS - 1) * DAY_US, T0 + DAYS * DAY_US - 1, 50);
		old_plots("month", T0, T0 + DAYS * DAY_US - 1, 50);
		old_plots("year", T0 + DAYS * DAY_US - 365 * DAY_US, T0 + DAYS * DAY_US - 1, 50);
		child_rss("old-load", old_load, old_dir);
		old_live();
		for (t = 0; t < THINGS; t++)
			iot_history_free(old_h[t]);
		fflush(stdout);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("the former files' run", NULL);
}

/* The former files: every thing's file loaded (what the adapter held once
 * each thing had been used). */
static void
old_load(const char *dir)
{
	guint t;

	for (t = 0; t < THINGS; t++) {
		GError *error = NULL;
		IotHistory *x = iot_history_load(dir, ACCOUNT, old_thing(t), &error);

		if (error != NULL || iot_history_n_series(x) != SERIES / THINGS)
			die("load", error);
		/* Kept: the adapter kept them until unload. */
	}
}

/* The store: opened as the plugin opens it at load (with its check),
 * every thing's latest values (the tooltips) and a day's plot read. */
static void
new_open(const char *file)
{
	double t0 = now_s();
	GError *error = NULL;
	IotStore *st = iot_store_open(file, NULL, &error);
	IotStoreHistory *sh;
	guint t;

	if (st == NULL)
		die("store open", error);
	printf("store open-with-check-ms %.1f\n", (now_s() - t0) * 1000);
	fflush(stdout);
	sh = iot_store_history_open(st, &error);
	if (sh == NULL)
		die("history open", error);
	for (t = 0; t < THINGS; t++) {
		GPtrArray *a = iot_store_history_latest(sh, ACCOUNT, old_thing(t), &error);

		if (a == NULL || a->len != SERIES / THINGS)
			die("latest", error);
		if (t == 0) {
			GArray *p = iot_store_history_plot(sh, ((IotStoreSeries *)g_ptr_array_index(a, 0))->id,
			                                   T0 + (DAYS - 1) * DAY_US, T0 + DAYS * DAY_US - 1, 1000,
			                                   NULL, &error);
			if (p == NULL)
				die("plot", error);
			g_array_unref(p);
		}
		g_ptr_array_unref(a);
	}
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
	guint i;
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
	/* Made as the plugin makes it (its schema, its application id), so
	 * that the store's own open can read it back. */
	if (!reuse) {
		IotStore *st = iot_store_open(path, NULL, &error);

		if (st == NULL)
			die("store", error);
		iot_store_close(st);
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

	/* The former files on the same values, side by side. */
	window_fill();
	old_dir = g_build_filename(argv[1], "old-history", NULL);
	old_all();
	child_rss("new-open", new_open, path);

	dense_plot();
	live_flushes();
	purge();

	printf("store memory-module-bytes %zu\n", iot_store_history_memory_size(h));
	printf("store memory-sqlite-bytes %lld\n", (long long)sqlite3_memory_used());
	printf("store memory-sqlite-peak-bytes %lld\n", (long long)sqlite3_memory_highwater(0));
	printf("store memory-rss-growth-kib %ld\n", status_kib("VmRSS:") - rss0);
	iot_store_history_free(h);
	sqlite3_close(db);
	for (i = 0; i < THINGS; i++) {
		char *name = iot_history_file_name(ACCOUNT, old_thing(i)), *file = g_build_filename(old_dir, name, NULL);

		if (g_getenv("IOT_BENCH_KEEP") == NULL)
			g_unlink(file);
		g_free(file);
		g_free(name);
	}
	if (g_getenv("IOT_BENCH_KEEP") == NULL)
		g_rmdir(old_dir);
	g_free(old_dir);
	if (g_getenv("IOT_BENCH_KEEP") == NULL)
		for (i = 0; i < 3; i++) {
			char *p = g_strconcat(path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
			g_unlink(p);
			g_free(p);
		}
	g_free(path);
	return 0;
}
