/* bench-pubsub.c — an event storm through the stream: noisy@ publishes
 * 1,000 items a second for 10 seconds to a node the headless client is
 * subscribed to and watches (as the Published data window does). Prints
 * the longest gap of the main loop, the process's peak memory during the
 * storm, and the items the watch was handed and those it dropped (a batch
 * keeps the newest IOT_PURPLE_PUBSUB_WATCH_KEEP; an item retracted before
 * its batch went out is not handed on: ejabberd retracts the oldest item
 * of a full node with every new one). The longest gap comes with the CPU
 * time the main thread used in it, and the most CPU time between two ticks:
 * on a busy machine a gap may be other processes' time. Run under tests/testenv.sh
 * with IOT_PLUGIN set; lines start with "pubsub ". */
#include "client.h"

#include "iot-purple-pubsub.h"

#include <gmodule.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PUBSUB "pubsub." DOMAIN
#define NOISY "noisy@" DOMAIN
#define NODE "home/noisy/storm"

typedef guint (*SubscribeFn)(PurpleAccount *, const char *, const char *, const IotDataForm *,
                             IotPurplePubsubSubscriptionFunc, gpointer, GDestroyNotify);
typedef guint (*WatchFn)(PurpleAccount *, const char *, const char *, IotPurplePubsubWatchFunc, gpointer,
                         GDestroyNotify);
typedef void (*UnwatchFn)(guint);

static gboolean subscribed, sub_done, storm_done;
static guint delivered, dropped, retracted, batches, events;
static double batch_gap_min = 1e9;
static gint64 last_batch;
static char *storm_reply;
static int handle;

static void
sub_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubSubscription *sub,
       const GError *error, gpointer data)
{
	sub_done = TRUE;
	subscribed = error == NULL;
	if (error != NULL)
		fprintf(stderr, "bench-pubsub: subscribe: %s\n", error->message);
}

static void
watch_cb(guint h, PurpleAccount *account, const char *service, const IotPurplePubsubUpdate *u, gpointer data)
{
	gint64 now = g_get_monotonic_time();

	if (last_batch != 0 && (now - last_batch) / 1000.0 < batch_gap_min)
		batch_gap_min = (now - last_batch) / 1000.0;
	last_batch = now;
	batches++;
	delivered += u->items->len;
	dropped += u->dropped;
	retracted += u->retracted->len;
}

static void
on_im(PurpleAccount *a, char *who, char *msg, PurpleConversation *conv, PurpleMessageFlags f, gpointer d)
{
	if (g_str_has_prefix(who, NOISY) && strstr(msg, "storm: published") != NULL) {
		storm_done = TRUE;
		g_free(storm_reply);
		storm_reply = purple_markup_strip_html(msg);
	}
}

/* Runs before the plugin: counts the storm's event messages as they come. */
static gboolean
count_events(PurpleConnection *gc, const char *type, const char *id, const char *from, const char *to,
             xmlnode *message, gpointer d)
{
	xmlnode *ev = xmlnode_get_child_with_namespace(message, "event", "http://jabber.org/protocol/pubsub#event");
	xmlnode *items = ev ? xmlnode_get_child(ev, "items") : NULL;
	xmlnode *it;

	if (items != NULL && g_strcmp0(xmlnode_get_attrib(items, "node"), NODE) == 0)
		for (it = xmlnode_get_child(items, "item"); it != NULL; it = xmlnode_get_next_twin(it))
			events++;
	return FALSE;
}

static gboolean
flag(gpointer d)
{
	return *(gboolean *)d;
}

static long
status_kib(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, key, strlen(key)) == 0)
			v = strtol(line + strlen(key), NULL, 10);
	fclose(f);
	return v;
}

static gint64 gap_last;
static double gap_max, gap_max_cpu, cpu_gap_max, cpu_last;

/* The main thread's CPU time in ms: a gap in which it ran little was the
 * machine's (other processes on the same cores), not the plugin's. */
static double
thread_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gboolean
gap_tick(gpointer d)
{
	gint64 now = g_get_monotonic_time();
	double gap = (now - gap_last) / 1000.0, cpu = thread_cpu_ms(), used = cpu - cpu_last;

	if (gap > gap_max) {
		gap_max = gap;
		gap_max_cpu = used;
	}
	if (used > cpu_gap_max)
		cpu_gap_max = used;
	gap_last = now;
	cpu_last = cpu;
	return TRUE;
}

int
main(int argc, char **argv)
{
	SubscribeFn subscribe;
	WatchFn watch;
	UnwatchFn unwatch;
	PurpleConversation *conv;
	const char *seconds = argc > 1 ? argv[1] : "10";
	char *cmd;
	guint w, timer;
	long rss_before, peak;
	FILE *clear;
	gint64 t0;

	client_start();
	if (!g_module_symbol(client_plugin()->handle, "iot_purple_pubsub_subscribe", (gpointer *)&subscribe) ||
	    !g_module_symbol(client_plugin()->handle, "iot_purple_pubsub_watch", (gpointer *)&watch) ||
	    !g_module_symbol(client_plugin()->handle, "iot_purple_pubsub_unwatch", (gpointer *)&unwatch)) {
		fprintf(stderr, "bench-pubsub: the plugin lacks the pubsub adapter\n");
		return 1;
	}
	purple_signal_connect(purple_conversations_get_handle(), "received-im-msg", &handle, PURPLE_CALLBACK(on_im),
	                      NULL);
	purple_signal_connect_priority(purple_find_prpl("prpl-jabber"), "jabber-receiving-message", &handle,
	                               PURPLE_CALLBACK(count_events), NULL, PURPLE_SIGNAL_PRIORITY_LOWEST);
	client_sleep(3000); /* the home's things log in and make their nodes */
	subscribe(client_account(), PUBSUB, NODE, NULL, sub_cb, NULL, NULL);
	if (!client_spin(flag, &sub_done, 20000) || !subscribed)
		return 1;
	w = watch(client_account(), PUBSUB, NODE, watch_cb, NULL, NULL);
	client_sleep(500);
	rss_before = status_kib("VmRSS:");
	/* Peak memory from here on (Linux: writing 5 resets VmHWM). */
	if ((clear = fopen("/proc/self/clear_refs", "w")) != NULL) {
		fputs("5", clear);
		fclose(clear);
	}
	gap_last = g_get_monotonic_time();
	cpu_last = thread_cpu_ms();
	timer = g_timeout_add(5, gap_tick, NULL);
	conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), NOISY);
	cmd = g_strdup_printf("storm 1000 %s", seconds);
	t0 = g_get_monotonic_time();
	purple_conv_im_send(PURPLE_CONV_IM(conv), cmd);
	if (!client_spin(flag, &storm_done, 120000)) {
		fprintf(stderr, "bench-pubsub: the storm did not end\n");
		return 1;
	}
	client_sleep(2000); /* the last batches and the store's last write */
	g_source_remove(timer);
	peak = status_kib("VmHWM:");
	unwatch(w);
	fprintf(stderr, "bench-pubsub: %s after %.1f s\n", storm_reply, (g_get_monotonic_time() - t0) / 1e6);
	printf("pubsub storm-events %u\n", events);
	printf("pubsub storm-delivered %u\n", delivered);
	printf("pubsub storm-dropped %u\n", dropped);
	printf("pubsub storm-retracted %u\n", retracted);
	printf("pubsub storm-batches %u\n", batches);
	printf("pubsub storm-batch-interval-min-ms %.1f\n", batches > 1 ? batch_gap_min : 0.0);
	printf("pubsub storm-gap-ms %.1f\n", gap_max);
	printf("pubsub storm-gap-cpu-ms %.1f\n", gap_max_cpu);
	printf("pubsub storm-cpu-gap-ms %.1f\n", cpu_gap_max);
	printf("pubsub storm-rss-before-kib %ld\n", rss_before);
	printf("pubsub storm-peak-kib %ld\n", peak);
	g_free(cmd);
	g_free(storm_reply);
	client_stop();
	return 0;
}
