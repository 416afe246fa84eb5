/*
 * test-readout-stress.c — a thing that sends 100 updates a second to an open
 * readout window, for IOT_STRESS_SECONDS (default 10; the closing note's
 * figure is a 60 s run). The window must keep answering (the longest gap
 * between two 10 ms ticks of the main loop stays small) and its memory must
 * not grow with the number of updates (coalescing keeps one pending entry a
 * row). Plain GTK under Xvfb, like test-readout-window.c.
 */
#include "iot-gtk-readout.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS 200
#define UPDATES_PER_SECOND 100

static IotGtkReadout *win;
static guint sent;
static gint64 last_tick, worst_gap;

static long
rss_kib(void)
{
	char *status = NULL, *p;
	long kib = -1;

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (p = strstr(status, "VmRSS:")) != NULL)
		kib = strtol(p + 6, NULL, 10);
	g_free(status);
	return kib;
}

static IotReadout *
make_readout(guint round, guint first, guint count)
{
	IotReadout *r = iot_readout_new();
	guint i;

	for (i = first; i < first + count; i++) {
		IotField *f = iot_field_new();
		g_free(f->name);
		f->name = g_strdup_printf("sensor %03u", i % ROWS);
		g_free(f->value);
		f->value = g_strdup_printf("%u.%02u", 20 + (round + i) % 10, (round * 7 + i) % 100);
		f->number = g_ascii_strtod(f->value, NULL);
		f->number_valid = TRUE;
		f->type = IOT_VALUE_NUMERIC;
		f->unit = g_strdup("°C");
		f->categories = IOT_CAT_MOMENTARY;
		f->timestamp = g_get_real_time();
		g_ptr_array_add(r->fields, f);
	}
	return r;
}

/* Each update carries a few rows, as an event subscription would. */
static gboolean
send_update(gpointer data)
{
	IotReadout *r = make_readout(sent, (sent * 3) % ROWS, 3);

	iot_gtk_readout_update(win, r);
	iot_readout_free(r);
	sent++;
	return TRUE;
}

static gboolean
tick(gpointer data)
{
	gint64 now = g_get_monotonic_time();

	if (last_tick != 0 && now - last_tick > worst_gap)
		worst_gap = now - last_tick;
	last_tick = now;
	return TRUE;
}

static gboolean
quit(gpointer data)
{
	gtk_main_quit();
	return FALSE;
}

int
main(int argc, char **argv)
{
	const char *env = g_getenv("IOT_STRESS_SECONDS");
	guint seconds = env ? (guint)atoi(env) : 10;
	IotReadout *r;
	long rss_start, rss_end;
	gboolean ok;

	gtk_init(&argc, &argv);
	win = iot_gtk_readout_new("Stress", &(IotGtkReadoutCallbacks){ 0 }, NULL);
	gtk_widget_show(iot_gtk_readout_get_window(win));
	r = make_readout(0, 0, ROWS);
	iot_gtk_readout_set_readout(win, r);
	iot_readout_free(r);

	/* Warm up: fonts, caches and the store reach their steady size. */
	g_timeout_add(1000 / UPDATES_PER_SECOND, send_update, NULL);
	g_timeout_add(10, tick, NULL);
	g_timeout_add(2000, quit, NULL);
	gtk_main();
	rss_start = rss_kib();
	worst_gap = 0;

	g_timeout_add(seconds * 1000, quit, NULL);
	gtk_main();
	rss_end = rss_kib();

	printf("stress: %u updates in %u s (%.0f/s); worst main-loop gap %.0f ms; memory %ld → %ld KiB\n",
	       sent, seconds + 2, sent / (seconds + 2.0), worst_gap / 1000.0, rss_start, rss_end);
	ok = worst_gap < 250 * 1000 && rss_end - rss_start < 4096 && sent >= (seconds + 2) * UPDATES_PER_SECOND * 8 / 10;
	iot_gtk_readout_destroy(win);
	printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
	return ok ? 0 : 1;
}
