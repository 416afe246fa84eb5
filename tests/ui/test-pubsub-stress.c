/*
 * test-pubsub-stress.c — an event storm into an open Published data window:
 * 1,000 sensor-data items a second (ten every 10 ms) for IOT_STRESS_SECONDS
 * (default 10). The window must keep answering — between two 5 ms ticks of
 * the main loop it never works 50 ms or more — and hold bounded memory: at
 * most IOT_GTK_PUBLISHED_KEEP items wait and as many are shown, whatever
 * arrives. Plain GTK under Xvfb, like test-readout-stress.c.
 *
 * Both the longest gap between ticks (wall clock) and the most CPU time the
 * main thread spent within one gap are measured and printed. The 50 ms
 * bound is on the work: on a loaded machine (several test runs sharing two
 * cores) a wall gap also holds the time the thread waited for a core. A
 * wall gap over 250 ms (the readout window's bound) fails as well: that is
 * a freeze whatever its cause.
 */
#include "iot-gtk-published.h"
#include "test-pubsub-fake.h"

#include <gtk/gtk.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PER_TICK 10
#define TICK_MS 10
#define MAX_GAP_MS 50

static IotGtkPublished *win;
static IotPubsubItem *templates[PER_TICK];
static guint sent, max_pending;
static gint64 last_tick, worst_gap, last_cpu, worst_busy;

/* CPU time of this thread, µs. */
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

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (p = strstr(status, "VmRSS:")) != NULL)
		kib = strtol(p + 6, NULL, 10);
	g_free(status);
	return kib;
}

/* Outside check's runner: fake_item() asserts with check, this does not. */
static IotPubsubItem *
item_of(const char *xml)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	IotPubsubItem *item = iot_pubsub_item_new();

	if (doc == NULL)
		abort();
	item->payload = xmlCopyNode(xmlDocGetRootElement(doc), 1);
	item->publisher = g_strdup("thermo@home.example");
	item->time = IOT_TIME_UNKNOWN;
	xmlFreeDoc(doc);
	return item;
}

static gboolean
send_items(gpointer data)
{
	guint i;

	for (i = 0; i < PER_TICK; i++) {
		IotPubsubItem *item = templates[i];

		g_free(item->id);
		item->id = g_strdup_printf("item-%u", sent++);
		item->time = g_get_real_time();
		iot_gtk_published_add_item(win, item);
	}
	max_pending = MAX(max_pending, iot_gtk_published_get_pending(win));
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

int
main(int argc, char **argv)
{
	const char *env = g_getenv("IOT_STRESS_SECONDS");
	guint seconds = env ? (guint)atoi(env) : 10, i, applies, shown;
	long rss_start, rss_end;
	gboolean ok;

	gtk_init(&argc, &argv);
	for (i = 0; i < PER_TICK; i++) {
		char *xml = fake_sensor_xml(20.0 + i, 40 + (int)i, g_get_real_time());

		templates[i] = item_of(xml);
		g_free(xml);
	}
	win = iot_gtk_published_new("Storm", NULL, NULL);
	gtk_widget_show(iot_gtk_published_get_window(win));
	iot_gtk_published_set_items(win, NULL);

	/* Warm up: fonts, caches and stores reach their steady size. */
	g_timeout_add(TICK_MS, send_items, NULL);
	g_timeout_add(5, tick, NULL);
	g_timeout_add(2000, quit, NULL);
	gtk_main();
	rss_start = rss_kib();
	worst_gap = worst_busy = 0;
	applies = iot_gtk_published_get_applies(win);

	g_timeout_add(seconds * 1000, quit, NULL);
	gtk_main();
	rss_end = rss_kib();
	applies = iot_gtk_published_get_applies(win) - applies;
	shown = (guint)gtk_tree_model_iter_n_children(iot_gtk_published_get_items_model(win), NULL);

	printf("pubsub stress: %u items in %u s (%.0f/s); %u window updates; worst main-loop gap %.1f ms "
	       "(most work within one: %.1f ms); at most %u waiting, %u shown, %u dropped; memory %ld → %ld KiB\n",
	       sent, seconds + 2, sent / (seconds + 2.0), applies, worst_gap / 1000.0, worst_busy / 1000.0,
	       max_pending, shown,
	       iot_gtk_published_get_dropped(win), rss_start, rss_end);
	ok = worst_busy < MAX_GAP_MS * 1000 && worst_gap < 250 * 1000 && max_pending <= IOT_GTK_PUBLISHED_KEEP &&
	     shown <= IOT_GTK_PUBLISHED_KEEP && rss_end - rss_start < 4096 &&
	     sent >= (seconds + 2) * (1000 / TICK_MS) * PER_TICK * 8 / 10 && applies >= seconds * 2;
	iot_gtk_published_destroy(win);
	for (i = 0; i < PER_TICK; i++)
		iot_pubsub_item_free(templates[i]);
	printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
	return ok ? 0 : 1;
}
