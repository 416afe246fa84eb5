/* test-caps.c — a roster of people and things online with XEP-0115 caps
 * (tests/sim/crowd.py): at the first login the plugin asks disco#info once
 * per caps version and once per resource without usable caps; at the next
 * login (the plugin unloaded and loaded again: the store read back) it asks
 * nothing about known versions, and things are recognised at once. */
#include "client-check.h"
#include "client-request.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#define CROWD "crowd-"
#define CROWD_THINGS 4

static GPid crowd_pid;

static void
crowd_stop(void)
{
	if (crowd_pid > 0)
		kill(crowd_pid, SIGTERM);
	crowd_pid = 0;
}

static int
summary_int(const char *json, const char *name)
{
	char *key = g_strdup_printf("\"%s\": ", name);
	const char *p = strstr(json, key);
	int v = p ? atoi(p + strlen(key)) : -1;

	ck_assert_msg(p != NULL, "%s not in %s", name, json);
	g_free(key);
	return v;
}

static gboolean
file_exists(gpointer path)
{
	return g_file_test(path, G_FILE_TEST_EXISTS);
}

/* Starts the crowd while alice is offline; returns its summary (transfer full). */
static char *
crowd_start(void)
{
	const char *dir = g_getenv("XMPP_DIR");
	char *data = g_build_filename(dir, "data", NULL), *ready = g_build_filename(dir, "crowd.ready", NULL);
	char *port = g_strdup(g_getenv("XMPP_PORT")), *log = g_build_filename(dir, "crowd.log", NULL);
	char *cmd, *summary = NULL;
	char *argv[] = { "/bin/sh", "-c", NULL, NULL };
	GError *error = NULL;

	/* 40 contacts: 4 things on 2 versions, 36 people on 2 versions, 2 of them
	 * without caps and 2 with legacy caps. A lifetime bound in case this
	 * runner dies; it also leaves when the server goes away. */
	cmd = g_strdup_printf("exec timeout -s KILL 300 /usr/bin/python3 tests/sim/crowd.py --port %s --data '%s' "
	                      "--contacts 40 --things %d --people-versions 2 --thing-versions 2 --no-caps 2 "
	                      "--legacy-caps 2 --ready-file '%s' >'%s' 2>&1",
	                      port, data, CROWD_THINGS, ready, log);
	argv[2] = cmd;
	ck_assert_msg(g_spawn_async(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &crowd_pid, &error), "%s",
	              error ? error->message : "");
	ck_assert_msg(client_spin(file_exists, ready, 30000), "the crowd did not get ready (see %s)", log);
	ck_assert(g_file_get_contents(ready, &summary, NULL, NULL));
	g_free(cmd);
	g_free(data);
	g_free(ready);
	g_free(port);
	g_free(log);
	return summary;
}

static gboolean
things_recognised(gpointer unused)
{
	int i;

	for (i = 0; i < CROWD_THINGS; i++) {
		char *who = g_strdup_printf(CROWD "t%03d@" DOMAIN, i);
		PurpleMenuAction *a = client_menu_item(who, "Read sensor");

		g_free(who);
		if (a == NULL)
			return FALSE;
		purple_menu_action_free(a);
	}
	return TRUE;
}

/* Signs on, waits until the crowd's things are recognised and no query has
 * gone out for a second; returns the queries sent to the crowd meanwhile. */
static guint
login_and_count(double *recognised_s)
{
	guint before = client_plugin_disco_queries(CROWD), last;
	gint64 t0 = g_get_monotonic_time();

	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(client_online, NULL, 15000));
	ck_assert_msg(client_spin(things_recognised, NULL, 15000), "the crowd's things were not recognised");
	*recognised_s = (g_get_monotonic_time() - t0) / 1e6;
	do {
		last = client_plugin_disco_queries(CROWD);
		client_sleep(1000);
	} while (client_plugin_disco_queries(CROWD) != last);
	return last - before;
}

START_TEST(test_caps_versions_are_asked_once_and_kept_across_logins)
{
	char *summary;
	int versions, without_caps;
	guint first, second, to_things;
	double t1, t2;

	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(client_offline, NULL, 5000));
	summary = crowd_start();
	versions = summary_int(summary, "caps_versions");
	without_caps = summary_int(summary, "resources_without_caps");
	ck_assert_int_eq(versions, 4);
	ck_assert_int_eq(without_caps, 4);

	first = login_and_count(&t1);
	fprintf(stderr, "caps: %d versions, %d resources without caps: %u queries at the first login, "
	                "things recognised after %.2f s\n", versions, without_caps, first, t1);
	ck_assert_msg(first <= (guint)(versions + without_caps), "%u queries at the first login", first);
	ck_assert_uint_ge(first, (guint)versions);

	/* Unload: the store is closed and nothing is left in memory. */
	ck_assert(purple_plugin_unload(client_plugin()));
	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(client_offline, NULL, 5000));
	ck_assert(purple_plugin_load(client_plugin()));
	to_things = client_plugin_disco_queries(CROWD "t");
	second = login_and_count(&t2);
	fprintf(stderr, "caps: %u queries at the second login, things recognised after %.2f s\n", second, t2);
	/* Only the resources without usable caps are asked again. */
	ck_assert_msg(second <= (guint)without_caps, "%u queries at the second login", second);
	ck_assert_uint_eq(client_plugin_disco_queries(CROWD "t"), to_things);
	g_free(summary);
}
END_TEST

static gboolean
thing_menu_gone(gpointer who)
{
	PurpleMenuAction *a = client_menu_item(who, "Read sensor");

	if (a != NULL)
		purple_menu_action_free(a);
	return a == NULL;
}

/* A thing's caps change: what it offered is forgotten, and asked (or known)
 * again for the new version, without a /read. */
START_TEST(test_a_caps_change_refreshes_what_a_thing_offers)
{
	const char *who = CROWD "t000@" DOMAIN;
	char *reply;

	ck_assert_msg(crowd_pid > 0, "needs the crowd of the test before");
	ck_assert(client_wait_menu_item(who, "Read sensor", 5000));
	/* It now announces a person's version: no IoT features. */
	reply = client_chat(who, "caps person", 5000);
	ck_assert_ptr_nonnull(reply);
	g_free(reply);
	ck_assert_msg(client_spin(thing_menu_gone, (gpointer)who, 5000), "still offered as a thing");
	/* Its own version again. */
	reply = client_chat(who, "caps own", 5000);
	ck_assert_ptr_nonnull(reply);
	g_free(reply);
	ck_assert_msg(client_wait_menu_item(who, "Read sensor", 5000), "not recognised again");
}
END_TEST

static char *
store_file(const char *name)
{
	return g_build_filename(g_getenv("XMPP_DIR"), "purple-client", "xmpp-iot", name, NULL);
}

static char *
find_damaged(void)
{
	char *dir = store_file(NULL), *found = NULL;
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d != NULL && (n = g_dir_read_name(d)) != NULL)
		if (found == NULL && g_str_has_prefix(n, "store.db.damaged-") && !g_str_has_suffix(n, "-wal"))
			found = g_build_filename(dir, n, NULL);
	if (d != NULL)
		g_dir_close(d);
	g_free(dir);
	return found;
}

/* A damaged store is renamed aside, told once, and a new one works. */
START_TEST(test_a_damaged_store_is_moved_aside_and_told_once)
{
	char *path = store_file("store.db"), *moved, *head = NULL;
	guint told;

	client_request_setup();
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(g_file_set_contents(path, "this is no database, and it is ours to keep", -1, NULL));
	told = client_notices_shown();
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert_uint_eq(client_notices_shown(), told + 1);
	ck_has(client_last_notice(), "damaged");
	ck_has(client_last_notice(), "store.db.damaged-");
	moved = find_damaged();
	ck_assert_ptr_nonnull(moved);
	ck_assert(g_file_get_contents(moved, &head, NULL, NULL));
	ck_assert_str_eq(head, "this is no database, and it is ours to keep");
	g_free(head);
	ck_assert(g_file_get_contents(path, &head, NULL, NULL));
	ck_assert(g_str_has_prefix(head, "SQLite format 3"));
	/* The next load finds a sound store: nothing to tell. */
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert_uint_eq(client_notices_shown(), told + 1);
	g_free(head);
	g_free(moved);
	g_free(path);
}
END_TEST

TCase *
iot_caps_tcase(void)
{
	TCase *tc = tcase_create("caps");

	tcase_set_timeout(tc, 90);
	/* The crowd lives through the tests of this case, in order. */
	tcase_add_unchecked_fixture(tc, NULL, crowd_stop);
	tcase_add_test(tc, test_caps_versions_are_asked_once_and_kept_across_logins);
	tcase_add_test(tc, test_a_caps_change_refreshes_what_a_thing_offers);
	tcase_add_test(tc, test_a_damaged_store_is_moved_aside_and_told_once);
	return tc;
}
