/*
 * bench-caps.c — one login of the headless client with the libpurple-only
 * plugin, against a roster with a crowd online (tests/sim/crowd.py; run by
 * tools/bench/caps.sh inside tests/testenv.sh). Run it twice with the same
 * XMPP_DIR: the second run finds the store of the first.
 *
 *   bench-caps LABEL THINGS
 *
 * Waits until the crowd's THINGS things (crowd-t000 …) are recognised and no
 * disco#info query has gone out for a second, then prints
 * "caps LABEL-queries N" (the plugin's disco#info queries to the crowd) and
 * "caps LABEL-signon-s S" (start to signed on) and "caps LABEL-recognised-s S"
 * (signed on to the last thing recognised).
 */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>

static int things;

static gboolean
recognised(gpointer unused)
{
	int i;

	for (i = 0; i < things; i++) {
		char *who = g_strdup_printf("crowd-t%03d@" DOMAIN, i);
		PurpleMenuAction *a = client_menu_item(who, "Read sensor");

		g_free(who);
		if (a == NULL)
			return FALSE;
		purple_menu_action_free(a);
	}
	return TRUE;
}

int
main(int argc, char **argv)
{
	gint64 t0;
	double s;
	guint last;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-caps LABEL THINGS\n");
		return 2;
	}
	things = atoi(argv[2]);
	t0 = g_get_monotonic_time();
	client_start();
	printf("caps %s-signon-s %.3f\n", argv[1], (g_get_monotonic_time() - t0) / 1e6);
	t0 = g_get_monotonic_time();
	if (!client_spin(recognised, NULL, 60000)) {
		fprintf(stderr, "bench-caps: the crowd's things were not recognised\n");
		return 1;
	}
	s = (g_get_monotonic_time() - t0) / 1e6;
	do {
		last = client_plugin_disco_queries("crowd-");
		client_sleep(1000);
	} while (client_plugin_disco_queries("crowd-") != last);
	printf("caps %s-queries %u\n", argv[1], last);
	printf("caps %s-recognised-s %.3f\n", argv[1], s);
	fflush(stdout);
	client_stop();
	return 0;
}
