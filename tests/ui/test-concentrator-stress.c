/*
 * test-concentrator-stress.c — the concentrator window over the fake's
 * 11,101 nodes (100 areas × 100 meters and a node of 1,000 children), the
 * owner answering from the main loop as a real one would:
 *
 *   - opening the node of 1,000 children takes less than 1 s, from the
 *     click to the rows drawn;
 *   - with every node loaded, scrolling through the tree and back, and
 *     searching and filtering it (a few matches, 11,000 matches, the health
 *     filter, cleared again), never hold the main loop for more than 50 ms
 *     (the longest gap between two 5 ms ticks);
 *   - a burst of 1,000 status events is taken in place;
 *   - the memory each loaded node costs is printed (malloc'd bytes and
 *     resident size before and after loading).
 *
 * Plain GTK under Xvfb, like test-readout-stress.c; prints its figures and
 * exits non-zero when a bound is missed.
 */
#include "iot-gtk-concentrator.h"
#include "test-concentrator-fake.h"

#include <gtk/gtk.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GAP_US (50 * 1000)
#define MAX_EXPAND_US (1000 * 1000)

static FakeConc *fc;
static IotGtkConcentrator *win;
static gint64 last_tick, worst_gap;
static gboolean measuring;
static int failures;

static gboolean
tick(gpointer data)
{
	gint64 now = g_get_monotonic_time();

	if (measuring && last_tick != 0 && now - last_tick > worst_gap)
		worst_gap = now - last_tick;
	last_tick = now;
	return TRUE;
}

static void
start_measuring(void)
{
	worst_gap = 0;
	last_tick = 0;
	measuring = TRUE;
}

static double
stop_measuring(void)
{
	measuring = FALSE;
	return worst_gap / 1000.0;
}

static void
check(gboolean ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s\n", what);
		failures++;
	}
}

/* Runs the main loop until @done() (or @ms passed). */
static gboolean
run_until(gboolean (*done)(void), guint ms)
{
	gint64 until = g_get_monotonic_time() + (gint64)ms * 1000;

	while (!done() && g_get_monotonic_time() < until)
		g_main_context_iteration(NULL, TRUE);
	return done();
}

static void
run_ms(guint ms)
{
	gint64 until = g_get_monotonic_time() + (gint64)ms * 1000;

	while (g_get_monotonic_time() < until)
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(500);
}

static gboolean
idle_now(void)
{
	return fake_pending(fc) == 0 && !iot_gtk_concentrator_filtering(win);
}

static gint
children_of(const char *source, const char *id)
{
	GtkTreeIter it;

	if (!iot_gtk_concentrator_find_row(win, source, id, NULL, &it))
		return -1;
	return gtk_tree_model_iter_n_children(iot_gtk_concentrator_get_model(win), &it);
}

static gboolean
big_loaded(void)
{
	return children_of("Metering", "big") == 1000;
}

static void
drawn(void)
{
	gdk_window_process_all_updates();
	gdk_flush();
}

static size_t
heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

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

/* ---- the phases, each driven from the main loop -------------------------------------- */

static guint step;

static gboolean
expand_next_area(gpointer data)
{
	char id[16];

	if (step >= 100)
		return FALSE;
	g_snprintf(id, sizeof id, "area%02u", step++);
	iot_gtk_concentrator_expand(win, "Metering", id);
	return TRUE;
}

static gboolean
all_expanded(void)
{
	return step >= 100 && fake_pending(fc) == 0;
}

static gboolean scroll_done;

static gboolean
scroll_step(gpointer data)
{
	GtkAdjustment *adj = gtk_tree_view_get_vadjustment(iot_gtk_concentrator_get_view(win));
	double range = gtk_adjustment_get_upper(adj) - gtk_adjustment_get_page_size(adj);
	guint n = 150;

	/* Down in 150 steps, then back up in 150. */
	if (step >= 2 * n) {
		scroll_done = TRUE;
		return FALSE;
	}
	gtk_adjustment_set_value(adj, range * (step < n ? step : 2 * n - step) / n);
	step++;
	return TRUE;
}

static gboolean
scrolled(void)
{
	return scroll_done;
}

static const char *searches[] = { "Meter 42-1", "meter", "", "big 09", "" };
static gboolean filter_done;

static gboolean
filter_step(gpointer data)
{
	GtkWidget *health = iot_gtk_concentrator_get_health_button(win);

	if (iot_gtk_concentrator_filtering(win))
		return TRUE; /* the last one is still filling */
	if (step < G_N_ELEMENTS(searches)) {
		gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), searches[step++]);
	} else if (step == G_N_ELEMENTS(searches)) {
		gtk_button_clicked(GTK_BUTTON(health)); /* the health filter on */
		step++;
	} else if (step == G_N_ELEMENTS(searches) + 1) {
		gtk_button_clicked(GTK_BUTTON(health)); /* and off */
		step++;
	} else {
		filter_done = TRUE;
		return FALSE;
	}
	return TRUE;
}

static gboolean
filtered(void)
{
	return filter_done;
}

static gboolean events_done;

static gboolean
event_burst(gpointer data)
{
	guint i;

	/* 100 events per 10 ms: 10,000 a second. */
	for (i = 0; i < 100 && step < 1000; i++, step++) {
		char id[16];
		IotNodeRef r = { id, "Metering", NULL };

		g_snprintf(id, sizeof id, "meter%02u-%02u", step / 10 % 100, step % 100);
		iot_gtk_concentrator_node_status_changed(
		    win, &r, step % 7 == 0 ? IOT_NODE_STATE_WARNING_UNSIGNED : IOT_NODE_STATE_NONE, NULL);
	}
	if (step >= 1000) {
		events_done = TRUE;
		return FALSE;
	}
	return TRUE;
}

static gboolean
events_taken(void)
{
	return events_done;
}

int
main(int argc, char **argv)
{
	GtkWidget *window;
	gint64 t0, expand_us, load_us, filter_us;
	double gap_load, gap_scroll, gap_filter, gap_events;
	size_t heap0, heap1;
	long rss0, rss1;
	guint nodes;

	gtk_init(&argc, &argv);
	fc = fake_conc_new();
	/* The owner answers from the main loop, a moment later. */
	fc->delay_ms = 1;
	win = fake_conc_open(fc);
	window = iot_gtk_concentrator_get_window(win);
	gtk_widget_show(window);
	g_timeout_add(5, tick, NULL);
	run_until(idle_now, 5000);
	run_ms(300);
	/* Warm: fonts, icons and GTK's caches are in before memory is counted. */
	iot_gtk_concentrator_expand(win, "Home", NULL);
	run_until(idle_now, 5000);
	run_ms(100);
	malloc_trim(0);
	heap0 = heap_bytes();
	rss0 = rss_kib();

	/* The source, then the node of 1,000 children. */
	iot_gtk_concentrator_expand(win, "Metering", NULL);
	run_until(idle_now, 5000);
	run_ms(100);
	t0 = g_get_monotonic_time();
	iot_gtk_concentrator_expand(win, "Metering", "big");
	run_until(big_loaded, 5000);
	drawn();
	expand_us = g_get_monotonic_time() - t0;
	check(big_loaded() && expand_us < MAX_EXPAND_US, "opening 1,000 children in under 1 s");

	/* Every area, one after another. */
	step = 0;
	start_measuring();
	t0 = g_get_monotonic_time();
	g_timeout_add(2, expand_next_area, NULL);
	run_until(all_expanded, 60000);
	drawn();
	load_us = g_get_monotonic_time() - t0;
	gap_load = stop_measuring();
	nodes = iot_gtk_concentrator_count_loaded(win);
	check(nodes >= 11101, "every node loaded");
	run_ms(200);
	malloc_trim(0);
	heap1 = heap_bytes();
	rss1 = rss_kib();

	/* Scrolling through 11,100 rows. */
	run_ms(200);
	step = 0;
	start_measuring();
	g_timeout_add(10, scroll_step, NULL);
	run_until(scrolled, 60000);
	gap_scroll = stop_measuring();
	check(gap_scroll * 1000 < MAX_GAP_US, "scrolling without a gap over 50 ms");

	/* Searching and filtering them. */
	run_ms(200);
	step = 0;
	start_measuring();
	t0 = g_get_monotonic_time();
	g_timeout_add(10, filter_step, NULL);
	run_until(filtered, 60000);
	filter_us = g_get_monotonic_time() - t0;
	gap_filter = stop_measuring();
	check(gap_filter * 1000 < MAX_GAP_US, "filtering without a gap over 50 ms");

	/* A burst of events. */
	run_ms(200);
	step = 0;
	start_measuring();
	g_timeout_add(10, event_burst, NULL);
	run_until(events_taken, 60000);
	run_ms(100);
	gap_events = stop_measuring();
	check(gap_events * 1000 < MAX_GAP_US, "1,000 events without a gap over 50 ms");

	printf("concentrator stress: %u rows loaded\n", nodes);
	printf("  opening 1,000 children: %.0f ms (bound 1000 ms)\n", expand_us / 1000.0);
	printf("  opening 100 areas of 100 one after another: %.0f ms, worst main-loop gap %.1f ms\n",
	       load_us / 1000.0, gap_load);
	printf("  scrolling down and up in 300 steps: worst main-loop gap %.1f ms (bound 50 ms)\n",
	       gap_scroll);
	printf("  4 searches, the health filter on and off (%.0f ms): worst gap %.1f ms (bound 50 ms)\n",
	       filter_us / 1000.0, gap_filter);
	printf("  1,000 status events in 100 ms: worst gap %.1f ms (bound 50 ms)\n", gap_events);
	printf("  memory: %.0f bytes malloc'd per loaded node (%zu → %zu), resident %ld → %ld KiB "
	       "(%.0f bytes per node)\n",
	       (double)(heap1 - heap0) / (nodes - 3), heap0, heap1, rss0, rss1,
	       (rss1 - rss0) * 1024.0 / (nodes - 3));
	fake_conc_free(fc);
	printf("%d passed, %d failed\n", failures == 0 ? 1 : 0, failures == 0 ? 0 : 1);
	return failures == 0 ? 0 : 1;
}
