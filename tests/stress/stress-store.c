/*
 * stress-store.c — the main loop while 200 series update every second, on a
 * store that already holds a month of them.
 *
 *   stress-store DIR [SECONDS]
 *
 * Builds DIR/stress-store.db with the core's API: 200 series (10 things of
 * 20 fields) × 30 days × a value a minute, 8.6 million samples, imported in
 * bulk; closes it and opens it again as the plugin does at load (the store's
 * worker thread checkpoints, SQLite's automatic checkpoint is off). Then a
 * GLib main loop runs for SECONDS (20) with what the adapter runs
 * (plugin/purple/iot-purple-history.c, with its constants from
 * iot-limits.h): readouts of 20 fields arriving ten times a second (200
 * series a second), a write of the queue a second after the first new
 * value, purge steps in slices. A 1 ms timer measures the gaps between its
 * ticks: the worst is what the person would feel.
 *
 * Passes when the worst gap is under 10 ms. A 2-core machine shared with
 * other work stalls a process by itself now and then (the idle baseline of
 * the same timer without the store shows it): when the worst gap was
 * mostly not the store's CPU time, it is the machine's, and then the 99.9th
 * percentile of the gaps must be under 10 ms and no piece of the store's
 * work (a readout queued, a write, a purge slice) may have taken 10 ms of
 * CPU. Prints the worst and the 99.9th percentile, the store's CPU time in
 * the worst gap, its longest piece of work, and the baseline.
 */
#include "iot-history.h"
#include "iot-limits.h"
#include "iot-store-history.h"
#include "iot-store-private.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SERIES 200
#define FIELDS_PER_THING 20
#define DAYS 30
#define MIN_US (G_GINT64_CONSTANT(60) * G_USEC_PER_SEC)
#define DAY_US (G_GINT64_CONSTANT(86400) * G_USEC_PER_SEC)
#define ACCOUNT "me@home.example"
#define LIMIT_MS 10.0

typedef struct {
	double ms;     /* between two ticks */
	double cpu_ms; /* of it, CPU time of the store's work */
} Gap;

typedef struct {
	GMainLoop *loop;
	IotStoreHistory *h;
	GArray *gaps;        /* (element-type Gap) */
	gint64 last_tick;
	double cpu_since_tick;
	guint flush_timer, purge_timer;
	guint next_thing;
	guint32 round;
	double work_worst;   /* ms: the longest piece of the store's work, on the clock */
	double work_cpu_worst; /* ms: the most CPU time a piece took */
	const char *work_what;
	guint flushes, purge_slices, failures;
} Run;

static const char *
thing_of(guint s)
{
	static char buf[64];

	g_snprintf(buf, sizeof buf, "meter%02u@home.example", s / FIELDS_PER_THING);
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
	return round((230.0 + 10.0 * sin(minute / 60.0 + s)) * 100.0) / 100.0;
}

static void
die(const char *what, const GError *error)
{
	fprintf(stderr, "stress-store: %s: %s\n", what, error ? error->message : "failed");
	exit(2);
}

/* A month of a value a minute for every series, ending now, imported in
 * bulk (chunks of 6 days: the former files' series held 10,000 values). */
static void
generate(IotStoreHistory *h)
{
	gint64 now = g_get_real_time() / MIN_US * MIN_US, start = now - DAYS * DAY_US, m, total = DAYS * 1440;
	double t0 = g_get_monotonic_time() / 1e6;
	guint s;

	for (s = 0; s < SERIES; s++) {
		for (m = 0; m < total;) {
			IotHistory *old = iot_history_new(thing_of(s));
			gint64 end = MIN(m + 6 * 1440, total);
			GError *error = NULL;

			for (; m < end; m++)
				iot_history_add(old, NULL, name_of(s), "V", start + m * MIN_US, value_of(s, m), 0);
			if (!iot_store_history_import(h, ACCOUNT, old, now, NULL, &error))
				die("import", error);
			iot_history_free(old);
		}
	}
	printf("stress-store: a month of %u series generated in %.1f s\n", SERIES,
	       g_get_monotonic_time() / 1e6 - t0);
}

/* CPU time of this thread, in ms. */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
work_took(Run *r, gint64 t0, double cpu0, const char *what)
{
	double ms = (g_get_monotonic_time() - t0) / 1000.0, cpu = cpu_ms() - cpu0;

	r->cpu_since_tick += cpu;
	r->work_cpu_worst = MAX(r->work_cpu_worst, cpu);
	if (ms > r->work_worst) {
		r->work_worst = ms;
		r->work_what = what;
	}
}

static gboolean
tick_cb(gpointer data)
{
	Run *r = data;
	gint64 now = g_get_monotonic_time();

	if (r->last_tick != 0) {
		Gap g = { (now - r->last_tick) / 1000.0, r->cpu_since_tick };

		g_array_append_val(r->gaps, g);
	}
	r->last_tick = now;
	r->cpu_since_tick = 0;
	return G_SOURCE_CONTINUE;
}

static gboolean flush_cb(gpointer data);

/* As the adapter: one write a second, of at most FLUSH_SAMPLES values. */
static gboolean
flush_cb(gpointer data)
{
	Run *r = data;
	gint64 t0 = g_get_monotonic_time();
	double cpu0 = cpu_ms();
	GError *error = NULL;

	r->flush_timer = 0;
	if (!iot_store_history_flush_some(r->h, g_get_real_time(), IOT_STORE_HISTORY_FLUSH_SAMPLES, NULL, &error)) {
		r->failures++;
		g_error_free(error);
	}
	r->flushes++;
	work_took(r, t0, cpu0, "a write");
	if (iot_store_history_queue_length(r->h) > 0)
		r->flush_timer = g_timeout_add(IOT_STORE_HISTORY_FLUSH_MS, flush_cb, r);
	return G_SOURCE_REMOVE;
}

/* A readout of one thing: its 20 fields, each a value of now. */
static gboolean
readout_cb(gpointer data)
{
	Run *r = data;
	gint64 t0 = g_get_monotonic_time(), now = g_get_real_time();
	double cpu0 = cpu_ms();
	guint thing = r->next_thing, f;

	for (f = 0; f < FIELDS_PER_THING; f++) {
		guint s = thing * FIELDS_PER_THING + f;

		if (iot_store_history_add_number(r->h, ACCOUNT, thing_of(s), NULL, name_of(s), "V", now,
		                                 value_of(s, r->round), 0) != IOT_STORE_HISTORY_QUEUED)
			die("add", NULL);
	}
	r->next_thing = (thing + 1) % (SERIES / FIELDS_PER_THING);
	if (r->next_thing == 0)
		r->round++;
	if (r->flush_timer == 0)
		r->flush_timer = g_timeout_add(IOT_STORE_HISTORY_FLUSH_MS, flush_cb, r);
	work_took(r, t0, cpu0, "a readout");
	return G_SOURCE_CONTINUE;
}

/* As the adapter: purge steps for up to a slice, again soon while there is more. */
static gboolean
purge_cb(gpointer data)
{
	Run *r = data;
	gint64 t0 = g_get_monotonic_time();
	double cpu0 = cpu_ms();
	gboolean more = TRUE;
	gint64 longest = 0;
	guint steps = 0;
	GError *error = NULL;

	r->purge_timer = 0;
	/* Another step only when one as long as the longest so far still fits. */
	while (more && (steps == 0 || g_get_monotonic_time() - t0 + longest < IOT_STORE_HISTORY_PURGE_SLICE_US)) {
		gint64 s0 = g_get_monotonic_time();

		if (!iot_store_history_purge_step(r->h, g_get_real_time(), IOT_STORE_HISTORY_PURGE_ROWS, &more,
		                                  &error))
			die("purge", error);
		longest = MAX(longest, g_get_monotonic_time() - s0);
		steps++;
	}
	r->purge_slices++;
	work_took(r, t0, cpu0, "a purge slice");
	/* Once a round is done, the next one starts again (the adapter waits an
	 * hour): the purge runs all the time here. */
	r->purge_timer = g_timeout_add(IOT_STORE_HISTORY_PURGE_MORE_MS, purge_cb, r);
	return G_SOURCE_REMOVE;
}

static gboolean
quit_cb(gpointer data)
{
	g_main_loop_quit(data);
	return G_SOURCE_REMOVE;
}

static int
gap_cmp(gconstpointer a, gconstpointer b)
{
	double x = ((const Gap *)a)->ms, y = ((const Gap *)b)->ms;

	return x < y ? -1 : x > y;
}

/* Worst and 99.9th percentile of @gaps (sorted in place); @worst_cpu
 * (nullable): the store's CPU time within the worst gap. */
static void
gap_stats(GArray *gaps, double *worst, double *p999, double *worst_cpu)
{
	g_array_sort(gaps, gap_cmp);
	*worst = gaps->len ? g_array_index(gaps, Gap, gaps->len - 1).ms : 0;
	*p999 = gaps->len ? g_array_index(gaps, Gap, MIN(gaps->len - 1, gaps->len * 999 / 1000)).ms : 0;
	if (worst_cpu != NULL)
		*worst_cpu = gaps->len ? g_array_index(gaps, Gap, gaps->len - 1).cpu_ms : 0;
}

/* The same 1 ms timer on an idle main loop: what the machine gives. */
static void
baseline(guint seconds, double *worst, double *p999)
{
	Run r = { 0 };

	r.loop = g_main_loop_new(NULL, FALSE);
	r.gaps = g_array_new(FALSE, FALSE, sizeof(Gap));
	g_timeout_add(1, tick_cb, &r);
	g_timeout_add_seconds(seconds, quit_cb, r.loop);
	g_main_loop_run(r.loop);
	gap_stats(r.gaps, worst, p999, NULL);
	g_source_remove_by_user_data(&r);
	g_array_unref(r.gaps);
	g_main_loop_unref(r.loop);
}

int
main(int argc, char **argv)
{
	guint seconds = argc > 2 ? (guint)atoi(argv[2]) : 20, i;
	char *path;
	GError *error = NULL;
	IotStore *st;
	Run r = { 0 };
	double worst, p999, worst_cpu, base_worst, base_p999;
	gboolean ok;
	gint64 samples;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [SECONDS]\n", argv[0]);
		return 2;
	}
	g_mkdir_with_parents(argv[1], 0700);
	path = g_build_filename(argv[1], "stress-store.db", NULL);
	for (i = 0; i < 3; i++) {
		char *p = g_strconcat(path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
		g_unlink(p);
		g_free(p);
	}
	st = iot_store_open(path, NULL, &error);
	if (st == NULL)
		die("open", error);
	r.h = iot_store_history_open(st, &error);
	if (r.h == NULL)
		die("history", error);
	generate(r.h);
	iot_store_history_free(r.h);
	iot_store_close(st);

	/* As at load. */
	st = iot_store_open(path, NULL, &error);
	if (st == NULL)
		die("open again", error);
	r.h = iot_store_history_open(st, &error);
	if (r.h == NULL)
		die("history", error);
	baseline(3, &base_worst, &base_p999);

	r.loop = g_main_loop_new(NULL, FALSE);
	r.gaps = g_array_new(FALSE, FALSE, sizeof(Gap));
	r.work_what = "nothing";
	g_timeout_add(1, tick_cb, &r);
	g_timeout_add(1000 / (SERIES / FIELDS_PER_THING), readout_cb, &r);
	r.purge_timer = g_timeout_add(IOT_STORE_HISTORY_PURGE_MORE_MS, purge_cb, &r);
	g_timeout_add_seconds(seconds, quit_cb, r.loop);
	g_main_loop_run(r.loop);
	gap_stats(r.gaps, &worst, &p999, &worst_cpu);

	samples = 0;
	{
		sqlite3_stmt *q = NULL;

		if (sqlite3_prepare_v2(iot_store_db(st), "SELECT count(*) FROM history_recent", -1, &q, NULL) ==
		        SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			samples = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	printf("stress-store: %u s of 200 series a second: %u writes (%u failed), %u purge slices, %u ticks\n",
	       seconds, r.flushes, r.failures, r.purge_slices, r.gaps->len);
	printf("stress-store: main loop gaps: worst %.2f ms (the store's CPU time in it: %.2f ms), 99.9th percentile"
	       " %.2f ms; idle baseline: worst %.2f ms, 99.9th %.2f ms\n",
	       worst, worst_cpu, p999, base_worst, base_p999);
	printf("stress-store: the store's longest piece of work: %.2f ms on the clock (%s), %.2f ms of CPU at most;"
	       " %" G_GINT64_FORMAT " recent samples not moved on yet\n",
	       r.work_worst, r.work_what, r.work_cpu_worst, samples);
	/* The worst gap is the machine's when most of it was not the store's
	 * CPU time (preemption by other processes, the machine's own stalls). */
	ok = r.failures == 0 && r.flushes >= seconds - 2 &&
	     (worst < LIMIT_MS || (p999 < LIMIT_MS && worst_cpu < worst / 2 && r.work_cpu_worst < LIMIT_MS));
	if (ok && worst >= LIMIT_MS)
		printf("stress-store: the worst gap is the machine's: the store's CPU time was %.2f ms of it\n",
		       worst_cpu);
	printf("stress-store: %s\n", ok ? "ok" : "FAILED: the main loop stalled 10 ms or more");
	iot_store_history_free(r.h);
	iot_store_close(st);
	for (i = 0; i < 3; i++) {
		char *p = g_strconcat(path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
		g_unlink(p);
		g_free(p);
	}
	g_free(path);
	g_array_unref(r.gaps);
	g_main_loop_unref(r.loop);
	return ok ? 0 : 1;
}
