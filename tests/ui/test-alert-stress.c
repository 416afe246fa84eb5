/*
 * test-alert-stress.c — a storm of 10,000 alerts in 10 s from 50 sources
 * (IOT_STRESS_SECONDS changes the length) into a real inbox of the core,
 * with the alerts window open, under Xvfb. Two runs:
 *
 *   sync:   as the adapter's glue does it: the inbox's changes only set a
 *           flag, and every 250 ms the whole inbox is listed and handed to
 *           the window (iot_gtk_alert_inbox_set_alerts()). The inbox keeps
 *           every alert as an entry of its own (different texts, no
 *           throttling), so 2,000 rows churn through the global cap: the
 *           window's worst case;
 *   direct: every change of the inbox handed to the window as it happens
 *           (iot_gtk_alert_inbox_changed()), with the inbox's own merging
 *           and throttling (its defaults).
 *
 * Both the longest gap between ticks of the main loop (wall clock) and the
 * most CPU time the main thread spent within one gap are measured and
 * printed. The 50 ms bound holds for the CPU time: on a shared machine a
 * wall gap also holds the time the thread waited for a core; a wall gap
 * over 250 ms fails as well. Memory must not grow with the storm, and the
 * window must end with what the inbox holds.
 */
#include "iot-gtk-alert.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SOURCES 50
#define SYNC_MS 250
#define MAX_BUSY_MS 50

static IotAlertInbox *inbox;
static IotGtkAlertInbox *win;
static guint sent, syncs;
static gboolean dirty, direct;
static gint64 last_tick, worst_gap, last_cpu, worst_busy;

static gint64
cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static long
rss_kib(void)
{
	char *status = NULL, *p;
	long kib = -1;

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) && (p = strstr(status, "VmRSS:")) != NULL)
		kib = strtol(p + 6, NULL, 10);
	g_free(status);
	return kib;
}

static void
listener(IotAlertChange change, const IotAlert *alert, gboolean notify, gpointer data)
{
	if (direct)
		iot_gtk_alert_inbox_changed(win, change, alert);
	else
		dirty = TRUE;
}

static void
sync_window(void)
{
	GPtrArray *list = iot_alert_inbox_list(inbox, &(IotAlertFilter){ .states = (1u << IOT_ALERT_STATE_COUNT) - 1 });

	iot_gtk_alert_inbox_set_alerts(win, list);
	g_ptr_array_unref(list);
	syncs++;
}

static gboolean
sync_cb(gpointer data)
{
	if (dirty) {
		dirty = FALSE;
		sync_window();
	}
	return TRUE;
}

static gint64 started;

/* 1,000 a second by the clock: a late tick sends what is due. */
static gboolean
send_cb(gpointer data)
{
	gint64 now = g_get_real_time();
	guint64 due = (guint64)(g_get_monotonic_time() - started) / 1000;

	while (sent < due) {
		IotAlert *a = iot_alert_new();
		char *thing = g_strdup_printf("thing%02u@home.example", sent % SOURCES);
		char *text = direct ? g_strdup_printf("Door opened (%u)", sent % 7)
		                    : g_strdup_printf("Power spike %u: %u W", sent, 3000 + sent % 1000);

		iot_alert_set_source(a, "alice@home.example", thing, NULL, NULL);
		iot_alert_set_text(a, text, -1);
		a->severity = sent % 13 == 0 ? IOT_ALERT_ALARM : IOT_ALERT_WARNING;
		iot_alert_inbox_add(inbox, a, NULL, now, NULL);
		iot_alert_free(a);
		g_free(thing);
		g_free(text);
		sent++;
	}
	return TRUE;
}

static gboolean
tick(gpointer data)
{
	gint64 now = g_get_monotonic_time(), cpu = cpu_us();

	if (last_tick != 0 && now - last_tick > worst_gap)
		worst_gap = now - last_tick;
	if (last_cpu != 0 && cpu - last_cpu > worst_busy)
		worst_busy = cpu - last_cpu;
	last_tick = now;
	last_cpu = cpu;
	return TRUE;
}

static gboolean
quit(gpointer data)
{
	gtk_main_quit();
	return FALSE;
}

static gboolean
run(const char *name, gboolean run_direct, guint seconds)
{
	IotAlertInboxConfig cfg;
	guint send_id, tick_id, sync_id;
	long rss_start, rss_end;
	gboolean ok;

	direct = run_direct;
	sent = syncs = 0;
	iot_alert_inbox_config_default(&cfg);
	if (!direct) {
		/* Every alert an entry of its own: rows churn through the cap. */
		cfg.rate_max = 100000;
		cfg.per_source_max = 100000;
	}
	inbox = iot_alert_inbox_new(&cfg);
	iot_alert_inbox_set_listener(inbox, listener, NULL, NULL);
	win = iot_gtk_alert_inbox_new(&(IotGtkAlertOps){ 0 }, NULL);
	gtk_window_set_default_size(GTK_WINDOW(iot_gtk_alert_inbox_get_window(win)), 900, 600);
	gtk_widget_show(iot_gtk_alert_inbox_get_window(win));

	started = g_get_monotonic_time();
	send_id = g_timeout_add(10, send_cb, NULL);
	tick_id = g_timeout_add(10, tick, NULL);
	sync_id = direct ? 0 : g_timeout_add(SYNC_MS, sync_cb, NULL);
	/* Warm up: fonts, caches and the inbox reach their steady size. */
	g_timeout_add(2000, quit, NULL);
	gtk_main();
	rss_start = rss_kib();
	worst_gap = worst_busy = 0;
	last_tick = last_cpu = 0;
	g_timeout_add(seconds * 1000, quit, NULL);
	gtk_main();
	rss_end = rss_kib();
	g_source_remove(send_id);
	g_source_remove(tick_id);
	if (sync_id != 0)
		g_source_remove(sync_id);
	if (!direct)
		sync_window();
	iot_gtk_alert_inbox_flush(win);

	printf("alert storm (%s): %u alerts in %u s (%.0f/s) from %d sources; inbox %u entries, window %u rows, "
	       "%u unread; %u window syncs; worst main-loop gap %.1f ms (main thread busy %.1f ms of it); "
	       "memory %ld → %ld KiB\n",
	       name, sent, seconds + 2, sent / (seconds + 2.0), SOURCES, iot_alert_inbox_size(inbox),
	       iot_gtk_alert_inbox_count_rows(win), iot_gtk_alert_inbox_unread(win), syncs, worst_gap / 1000.0,
	       worst_busy / 1000.0, rss_start, rss_end);
	ok = worst_busy < MAX_BUSY_MS * 1000 && worst_gap < 250 * 1000 && rss_end - rss_start < 8192 &&
	     sent >= (seconds + 2) * 1000 * 9 / 10 && iot_gtk_alert_inbox_count(win) == iot_alert_inbox_size(inbox) &&
	     iot_gtk_alert_inbox_unread(win) == iot_alert_inbox_unread(inbox);
	if (!ok)
		printf("alert storm (%s): FAILED\n", name);
	iot_gtk_alert_inbox_destroy(win);
	iot_alert_inbox_free(inbox);
	return ok;
}

int
main(int argc, char **argv)
{
	const char *env = g_getenv("IOT_STRESS_SECONDS");
	guint seconds = env ? (guint)atoi(env) : 10;
	int failed = 0;

	gtk_init(&argc, &argv);
	/* The storm lasts seconds + 2 (the warm-up included): 10,000 in 10 s. */
	seconds = seconds > 2 ? seconds - 2 : 1;
	failed += !run("sync", FALSE, seconds);
	failed += !run("direct", TRUE, seconds);
	printf("%d passed, %d failed\n", 2 - failed, failed);
	return failed ? 1 : 0;
}
