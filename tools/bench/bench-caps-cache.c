/*
 * bench-caps-cache.c — what the caps cache costs at its bound: IOT_STORE_CAPS_MAX_ROWS
 * verified versions of a realistic size, in a temporary store.
 *
 *   bench-caps-cache   prints "capscache <what> <value>": one put and one lookup (mean),
 *                 opening the full store (its check included), pruning when
 *                 nothing is stale and when everything is, the file's size.
 */
#include "iot-limits.h"
#include "iot-store-caps.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#define NOW ((gint64)1800000000)
#define DAY ((gint64)24 * 60 * 60)

static double
now_s(void)
{
	return g_get_monotonic_time() / 1e6;
}

static IotStore *
open_or_die(const char *path)
{
	GError *e = NULL;
	IotStore *st = iot_store_open(path, NULL, &e);

	if (st == NULL) {
		fprintf(stderr, "bench-store: %s\n", e->message);
		exit(1);
	}
	return st;
}

int
main(void)
{
	char *dir = g_dir_make_tmp("iot-bench-store-XXXXXX", NULL), *path, *xml, *wal;
	GString *q = g_string_new("<query xmlns='http://jabber.org/protocol/disco#info'>"
	                          "<identity category='client' type='pc' name='Some client 1.2.3'/>");
	IotStore *st;
	double t;
	int i, n = IOT_STORE_CAPS_MAX_ROWS;
	GStatBuf sb;

	if (dir == NULL)
		return 1;
	path = g_build_filename(dir, "store.db", NULL);
	/* 25 features: a typical desktop client's answer, about 1.3 KB. */
	for (i = 0; i < 25; i++)
		g_string_append_printf(q, "<feature var='urn:xmpp:some-feature:%d'/>", i);
	g_string_append(q, "</query>");

	st = open_or_die(path);
	t = now_s();
	for (i = 0; i < n; i++) {
		char *ver = g_strdup_printf("%027d=", i);
		iot_store_caps_put(st, "sha-1", ver, q->str, NOW - 100 * DAY + i, NULL);
		g_free(ver);
	}
	printf("capscache put-us %.1f\n", (now_s() - t) / n * 1e6);
	t = now_s();
	for (i = 0; i < n; i++) {
		char *ver = g_strdup_printf("%027d=", (i * 7919) % n);
		xml = iot_store_caps_get(st, "sha-1", ver, NOW - 100 * DAY + n, NULL);
		g_free(xml);
		g_free(ver);
	}
	printf("capscache get-us %.1f\n", (now_s() - t) / n * 1e6);
	iot_store_close(st);
	if (g_stat(path, &sb) == 0)
		printf("capscache bytes %lld\n", (long long)sb.st_size);
	printf("capscache rows %d\n", n);

	t = now_s();
	st = open_or_die(path);
	printf("capscache open-ms %.2f\n", (now_s() - t) * 1e3);
	t = now_s();
	iot_store_caps_prune(st, NOW - 100 * DAY + n, NULL);
	printf("capscache prune-none-ms %.2f\n", (now_s() - t) * 1e3);
	t = now_s();
	printf("capscache pruned %" G_GINT64_FORMAT "\n", iot_store_caps_prune(st, NOW, NULL));
	printf("capscache prune-all-ms %.2f\n", (now_s() - t) * 1e3);
	iot_store_close(st);

	wal = g_strconcat(path, "-wal", NULL);
	g_unlink(wal);
	g_unlink(path);
	g_rmdir(dir);
	g_free(wal);
	g_free(path);
	g_free(dir);
	g_string_free(q, TRUE);
	return 0;
}
