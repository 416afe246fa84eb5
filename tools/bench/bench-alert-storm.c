/* bench-alert-storm.c — a storm of headlines through the stream: N contacts
 * of the crowd (tools/bench/alert-storm.sh) each send the headless client H
 * headlines over S seconds. Prints the longest gap of the main loop (with
 * the main thread's CPU time in it), the process's peak memory during the
 * storm, the headlines received, and what the inbox kept (entries, unread)
 * and the notices shown and left open (at most one). Run under
 * tests/testenv.sh with IOT_PLUGIN set; lines start with "alertstorm ". */
#include "client.h"

#include "iot-alert-inbox.h"

#include <gmodule.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef GPtrArray *(*ListFn)(PurpleAccount *, const IotAlertFilter *);
typedef guint (*UnreadFn)(PurpleAccount *);

static guint replies, headlines;
static int handle;

static void
on_im(PurpleAccount *a, char *who, char *msg, PurpleConversation *conv, PurpleMessageFlags f, gpointer d)
{
	if (g_str_has_prefix(who, "crowd-p") && strstr(msg, "headlines sent") != NULL)
		replies++;
}

/* Runs before the plugin: counts the headlines as they come. */
static gboolean
count_headlines(PurpleConnection *gc, const char *type, const char *id, const char *from, const char *to,
                xmlnode *message, gpointer d)
{
	if (g_strcmp0(type, "headline") == 0)
		headlines++;
	return FALSE;
}

static gboolean
all_replied(gpointer d)
{
	return replies >= GPOINTER_TO_UINT(d);
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
static double gap_max, gap_max_cpu, cpu_last;

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
	double gap = (now - gap_last) / 1000.0, cpu = thread_cpu_ms();

	if (gap > gap_max) {
		gap_max = gap;
		gap_max_cpu = cpu - cpu_last;
	}
	gap_last = now;
	cpu_last = cpu;
	return TRUE;
}

int
main(int argc, char **argv)
{
	guint senders = argc > 1 ? (guint)atoi(argv[1]) : 50, i, timer;
	const char *each = argc > 2 ? argv[2] : "200", *seconds = argc > 3 ? argv[3] : "10";
	ListFn list;
	UnreadFn unread;
	GPtrArray *entries;
	long rss_before, peak;
	FILE *clear;
	gint64 t0;
	char *cmd;

	client_start();
	if (!g_module_symbol(client_plugin()->handle, "iot_purple_alert_list", (gpointer *)&list) ||
	    !g_module_symbol(client_plugin()->handle, "iot_purple_alert_unread", (gpointer *)&unread)) {
		fprintf(stderr, "bench-alert-storm: the plugin lacks the alert adapter\n");
		return 1;
	}
	purple_signal_connect(purple_conversations_get_handle(), "received-im-msg", &handle, PURPLE_CALLBACK(on_im),
	                      NULL);
	purple_signal_connect_priority(purple_find_prpl("prpl-jabber"), "jabber-receiving-message", &handle,
	                               PURPLE_CALLBACK(count_headlines), NULL, PURPLE_SIGNAL_PRIORITY_LOWEST);
	client_sleep(2000);
	rss_before = status_kib("VmRSS:");
	if ((clear = fopen("/proc/self/clear_refs", "w")) != NULL) {
		fputs("5", clear);
		fclose(clear);
	}
	gap_last = g_get_monotonic_time();
	cpu_last = thread_cpu_ms();
	timer = g_timeout_add(5, gap_tick, NULL);
	cmd = g_strdup_printf("headlines %s %s", each, seconds);
	t0 = g_get_monotonic_time();
	for (i = 0; i < senders; i++) {
		char *who = g_strdup_printf("crowd-p%03u@" DOMAIN, i);
		PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), who);

		purple_conv_im_send(PURPLE_CONV_IM(conv), cmd);
		g_free(who);
	}
	if (!client_spin(all_replied, GUINT_TO_POINTER(senders), 120000))
		fprintf(stderr, "bench-alert-storm: %u of %u senders finished\n", replies, senders);
	client_sleep(2000); /* the notice's last round and the store's last write */
	g_source_remove(timer);
	peak = status_kib("VmHWM:");
	entries = list(NULL, NULL);
	fprintf(stderr, "bench-alert-storm: %u headlines in %.1f s\n", headlines, (g_get_monotonic_time() - t0) / 1e6);
	printf("alertstorm headlines %u\n", headlines);
	printf("alertstorm senders %u\n", senders);
	printf("alertstorm entries %u\n", entries != NULL ? entries->len : 0);
	printf("alertstorm unread %u\n", unread(NULL));
	printf("alertstorm popups %u\n", client_popups_shown(NULL));
	printf("alertstorm popups-open %u\n", client_popups_open());
	printf("alertstorm gap-ms %.1f\n", gap_max);
	printf("alertstorm gap-cpu-ms %.1f\n", gap_max_cpu);
	printf("alertstorm rss-before-kib %ld\n", rss_before);
	printf("alertstorm peak-kib %ld\n", peak);
	if (entries != NULL)
		g_ptr_array_unref(entries);
	g_free(cmd);
	client_stop();
	return 0;
}
