/* check-integration.c — /read end to end: a real Prosody, the simulated home
 * of data/home.json (slixmpp's own XEP-0323 plugin for the XSF generation,
 * our handlers for the others), and this headless libpurple client running
 * the libpurple-only plugin. Tests share one client and run in order. */
#include "client-check.h"
#include "client-store.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THERMOSTAT "thermostat@" DOMAIN

/* slixmpp's stock device marks every current value momentary: /read asks
 * momentary='true' status='true', and all of them come, without history. */
START_TEST(test_xsf_read)
{
	char *t = client_run(THERMOSTAT, "read");

	ck_has(t, "Reading " THERMOSTAT "…");
	ck_has(t, "Sensor data from " THERMOSTAT);
	ck_has(t, "temperature");
	ck_has(t, "21.50 °C"); /* the device's two decimals are kept */
	ck_has(t, "humidity");
	ck_has(t, "45 %");
	ck_has(t, "heater");
	ck_has(t, "false");
	ck_has(t, "momentary");
	client_line_has(t, "mode", "Eco", NULL);
	ck_lacks(t, "historical");
	g_free(t);
}
END_TEST

START_TEST(test_xsf_all_has_history)
{
	char *t = client_run(THERMOSTAT, "read all");

	ck_has(t, "historical");
	ck_has(t, "21.50 °C");
	g_free(t);
}
END_TEST

START_TEST(test_xsf_only_named_fields)
{
	char *t = client_run(THERMOSTAT, "read temperature humidity");

	ck_has(t, "temperature");
	ck_has(t, "humidity");
	ck_lacks(t, "heater");
	ck_lacks(t, "setpoint");
	g_free(t);
}
END_TEST

START_TEST(test_xsf_unknown_node_is_refused_with_the_things_words)
{
	char *t = client_run(THERMOSTAT, "read node Nope");

	/* slixmpp answers with the legacy <rejected><error>…</error></rejected>. */
	ck_has(t, THERMOSTAT " refused: ");
	ck_has(t, "Nope");
	g_free(t);
}
END_TEST

START_TEST(test_nf_meter)
{
	char *t = client_run("meter@" DOMAIN, "read");

	ck_has(t, "Energy");
	ck_has(t, "1234.567 kWh");
	ck_has(t, "Power");
	ck_has(t, "412 W");
	g_free(t);
	t = client_run("meter@" DOMAIN, "read all");
	ck_has(t, "PM-4711");
	ck_has(t, "identity");
	ck_has(t, "Tariff register unreadable");
	ck_has(t, "3 d 15 min"); /* PT72H15M */
	g_free(t);
}
END_TEST

/* Plain /read shows the thing as it is now: its status as well as its
 * momentary values (a valve's setpoint and mode, a meter's uptime, a door
 * contact's battery), but not its identity or peaks. */
START_TEST(test_read_shows_status_fields)
{
	char *t = client_run("meter@" DOMAIN, "read");

	client_line_has(t, "Power", "412 W", "momentary", NULL);
	client_line_has(t, "Uptime", "3 d 15 min", "status", NULL);
	ck_lacks(t, "PM-4711");
	ck_lacks(t, "Peak power");
	g_free(t);
	t = client_run("door@" DOMAIN, "read");
	client_line_has(t, "Battery", "87 %", "status", NULL);
	ck_lacks(t, "DC-2");
	g_free(t);
	t = client_run("hub@" DOMAIN, "read node bedroom-radiator");
	client_line_has(t, "Setpoint", "19.0 °C", "status", NULL);
	client_line_has(t, "Mode", "Manual", "status", NULL);
	client_line_has(t, "Valve", "35 %", "momentary", NULL);
	g_free(t);
	/* A category named is that category only. */
	t = client_run("hub@" DOMAIN, "read momentary node bedroom-radiator");
	client_line_has(t, "Valve", "35 %", NULL);
	ck_lacks(t, "Setpoint");
	g_free(t);
}
END_TEST

/* The hub, like Waher's concentrator, refuses a node without its data source
 * ("Data source not found."): the client learns it from the hub first. */
START_TEST(test_ieee_concentrator_node)
{
	char *t = client_run("hub@" DOMAIN, "read node kitchen-fridge");

	ck_has(t, "kitchen-fridge");
	ck_has(t, "4.2 °C");
	ck_lacks(t, "bedroom-window");
	ck_lacks(t, "Data source not found.");
	g_free(t);
	t = client_run("hub@" DOMAIN, "read node kitchen");
	ck_has(t, "kitchen-fridge"); /* reading a room reads what is in it */
	g_free(t);
}
END_TEST

static guint hub_concentrator_requests;

/* Counts the concentrator requests that really go out to the hub. */
static void
count_concentrator_requests(PurpleConnection *gc, xmlnode **packet, gpointer data)
{
	xmlnode *p = packet ? *packet : NULL, *c;
	const char *to;

	if (p == NULL || g_strcmp0(p->name, "iq") != 0 || (to = xmlnode_get_attrib(p, "to")) == NULL ||
	    !g_str_has_prefix(to, "hub@"))
		return;
	for (c = p->child; c != NULL; c = c->next)
		if (c->type == XMLNODE_TYPE_TAG && g_strcmp0(xmlnode_get_namespace(c), "urn:ieee:iot:concentrator:1.0") == 0)
			hub_concentrator_requests++;
}

START_TEST(test_concentrator_node_source_is_learnt_once_or_given)
{
	static int handle;
	PurplePlugin *jabber = purple_find_prpl("prpl-jabber");
	char *t;

	purple_signal_connect_priority(jabber, "jabber-sending-xmlnode", &handle,
	                               PURPLE_CALLBACK(count_concentrator_requests), NULL,
	                               PURPLE_SIGNAL_PRIORITY_HIGHEST - 1);
	/* Learnt once per concentrator: the second read asks the hub nothing more. */
	t = client_run("hub@" DOMAIN, "read node front-door");
	ck_has(t, "front-door");
	ck_has(t, "closed");
	g_free(t);
	hub_concentrator_requests = 0;
	client_run_has("hub@" DOMAIN, "read node front-door", "closed");
	ck_assert_uint_eq(hub_concentrator_requests, 0);
	/* A node in none of the hub's sources: said in words, nothing is read. */
	t = client_run("hub@" DOMAIN, "read node attic");
	ck_has(t, "hub@" DOMAIN " has no node “attic”.");
	ck_lacks(t, "Sensor data from");
	g_free(t);
	/* A source given is sent as given, and not asked for. */
	hub_concentrator_requests = 0;
	client_run_has("hub@" DOMAIN, "read node bedroom-window source Rooms", "bedroom-window");
	ck_assert_uint_eq(hub_concentrator_requests, 0);
	client_run_has("hub@" DOMAIN, "read node bedroom-window source Cellar",
	               "Data source not found.");
	t = client_text(client_command("hub@" DOMAIN, "read node kitchen source", 1, 2000));
	ck_has(t, "“source” needs the id of a data source");
	g_free(t);
	purple_signal_disconnect(jabber, "jabber-sending-xmlnode", &handle,
	                         PURPLE_CALLBACK(count_concentrator_requests));
}
END_TEST

START_TEST(test_sn_door)
{
	char *t = client_run("door@" DOMAIN, "read all");

	ck_has(t, "Open");
	ck_has(t, "false");
	ck_has(t, "4 min 30 s");
	ck_has(t, "87 %");
	g_free(t);
}
END_TEST

START_TEST(test_nfi_lamp)
{
	char *t = client_run("lamp@" DOMAIN, "read");

	ck_has(t, "brightness");
	ck_has(t, "40 %");
	g_free(t);
}
END_TEST

START_TEST(test_offline_thing)
{
	char *t = client_run("offline@" DOMAIN, "read");

	ck_has(t, "offline@" DOMAIN " is offline");
	g_free(t);
}
END_TEST

START_TEST(test_thing_that_never_answers)
{
	gint64 t0 = g_get_monotonic_time();
	char *t = client_run("silent@" DOMAIN, "read");
	double s = (g_get_monotonic_time() - t0) / 1e6;

	ck_has(t, "silent@" DOMAIN " did not answer within 3 s");
	ck_assert_msg(s >= 2.9 && s < 8 * client_slowdown(), "took %.1f s", s);
	g_free(t);
}
END_TEST

START_TEST(test_person_is_not_a_thing)
{
	char *t = client_run("bob@" DOMAIN, "read");

	ck_has(t, "bob@" DOMAIN " does not offer sensor data");
	g_free(t);
}
END_TEST

START_TEST(test_refusing_thing)
{
	char *t = client_run("refuser@" DOMAIN, "read");

	ck_has(t, "refuser@" DOMAIN " refused: Access denied.");
	g_free(t);
}
END_TEST

START_TEST(test_forged_answers_from_another_address_are_ignored)
{
	char *t = client_run("mallory@" DOMAIN, "read");

	ck_has(t, "20.0 °C");
	ck_lacks(t, "99.9");
	g_free(t);
}
END_TEST

START_TEST(test_malformed_and_hostile_fields)
{
	static const char *const verbatim[] = { ":P", "2026-03-01", "-5.2", "1.4.2-slix", "slix@localhost",
		                                "8)", "<3", "\"quoted\"", "http://x.example" };
	const char *html = client_command("garbage@" DOMAIN, "read all", 2, CLIENT_WAIT_MS);
	char *t = client_text(html);
	guint i;

	/* The good fields still show … */
	ck_has(t, "ok-temperature");
	ck_has(t, "19.5 °C");
	ck_has(t, "fine");
	/* … hostile strings appear literally, never as markup … */
	ck_has(t, "<b>bold</b>");
	ck_has(t, "<a href='http://evil.example/'>click</a>");
	ck_has(t, "&amp;");
	ck_has(t, "Probe 2 <not responding> & \"retrying\"");
	ck_lacks(html, "<b>bold");
	ck_lacks(html, "<a href");
	/* … and byte for byte: nothing invisible is slipped in to keep a value
	 * from becoming a smiley or a link (that is the UI's part). */
	for (i = 0; i < G_N_ELEMENTS(verbatim); i++) {
		char *q = g_regex_escape_string(verbatim[i], -1);
		char *row = g_strdup_printf("^  %s {2,}%s {2,}momentary$", q, q);
		ck_assert_msg(g_regex_match_simple(row, t, G_REGEX_MULTILINE, 0), "no row %s in:\n%s", row, t);
		g_free(row);
		g_free(q);
	}
	ck_lacks(html, "\xE2\x81\xA0"); /* U+2060 WORD JOINER */
	ck_lacks(html, "\xE2\x80\x8B"); /* U+200B ZERO WIDTH SPACE */
	/* … and each problem gets a short note. */
	ck_has(t, "Note:");
	ck_has(t, "weird");
	ck_has(t, "abc");
	g_free(t);
}
END_TEST

START_TEST(test_ten_thousand_fields)
{
	gint64 t0 = g_get_monotonic_time();
	char *t = client_run("bulk@" DOMAIN, "read");
	double s = (g_get_monotonic_time() - t0) / 1e6;

	ck_has(t, "f00000");
	ck_has(t, "10.000 V");
	ck_has(t, "10.199 V"); /* the 200th field is the last listed */
	ck_lacks(t, "f00200");
	ck_has(t, "9800 more fields not listed here (10000 in all)");
	fprintf(stderr, "10,000-field readout shown after %.3f s\n", s);
	ck_assert_msg(s < 10 * client_slowdown(), "took %.1f s", s);
	g_free(t);
}
END_TEST

START_TEST(test_stream_management_never_repeats_a_request)
{
	char *before = client_chat("silent@" DOMAIN, "count", 5000), *after, *t;
	guint mark = client_output_count("silent@" DOMAIN);
	int n0, n1;

	ck_assert_ptr_nonnull(before);
	n0 = atoi(strchr(before, ':') + 1);
	/* A request goes out; the account drops before the server acknowledges it,
	 * and stream management re-sends its queue on the next connection. */
	client_command("silent@" DOMAIN, "read", 0, 0);
	client_sleep(50);
	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(client_offline, NULL, 5000));
	t = client_text(client_output_since("silent@" DOMAIN, mark));
	/* The pending readout ended, once, with a sentence the user understands. */
	ck_has(t, "Reading silent@" DOMAIN " stopped: your account went offline");
	g_free(t);
	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(client_online, NULL, 10000));
	client_sleep(1000);
	after = client_chat("silent@" DOMAIN, "count", 5000);
	ck_assert_ptr_nonnull(after);
	n1 = atoi(strchr(after, ':') + 1);
	ck_assert_msg(n1 == n0 + 1, "the thing received %d requests, not 1", n1 - n0);
	g_free(before);
	g_free(after);
}
END_TEST

START_TEST(test_more_fields_than_a_readout_keeps)
{
	gint64 t0;
	char *t;
	double s;

	/* Under valgrind this takes the suite's longest 40 s for no more code
	 * than the 10,000-field readout runs: the bound is checked in the plain
	 * and the ASan runs. */
	if (client_under_valgrind())
		return;
	t0 = g_get_monotonic_time();
	t = client_text(client_command("flood@" DOMAIN, "read", 2, 60000));
	s = (g_get_monotonic_time() - t0) / 1e6;
	ck_has(t, "g000000");
	ck_has(t, "(50000 in all)"); /* IOT_MAX_FIELDS_PER_READOUT */
	ck_has(t, "Note: Ignored fields after the first 50000");
	fprintf(stderr, "100,000 fields offered, 50,000 kept, shown after %.3f s\n", s);
	ck_assert_msg(s < 20, "took %.1f s", s);
	g_free(t);
}
END_TEST

static gboolean
thermostat_readable(gpointer d)
{
	return client_signed_on();
}

START_TEST(test_server_killed_during_a_readout)
{
	const char *env = g_getenv("IOT_TESTENV");
	char *cmd, *t, *out = NULL, *err = NULL;
	guint mark = client_output_count("silent@" DOMAIN);
	int status = -1;

	client_command("silent@" DOMAIN, "read", 0, 0);
	client_sleep(300);
	cmd = g_strdup_printf("%s restart-server %s", env ? env : "tests/testenv.sh", g_getenv("XMPP_DIR"));
	/* The client ignores SIGCHLD (libpurple's resolver forks); waiting for
	 * our own child needs the default disposition back for a moment. */
	signal(SIGCHLD, SIG_DFL);
	ck_assert(g_spawn_command_line_sync(cmd, &out, &err, &status, NULL));
	signal(SIGCHLD, SIG_IGN);
	ck_assert_msg(g_spawn_check_wait_status(status, NULL), "restart failed: %s", err);
	/* The connection breaks: the pending readout ends, once, in words. */
	ck_assert(client_spin(client_offline, NULL, 10000));
	t = client_text(client_output_since("silent@" DOMAIN, mark));
	ck_has(t, "Reading silent@" DOMAIN " stopped: your account went offline");
	g_free(t);
	/* libpurple reconnects (Pidgin does it by itself; a headless client asks). */
	purple_account_connect(client_account());
	ck_assert(client_spin(thermostat_readable, NULL, 15000));
	client_sleep(2500); /* the simulated home logs in again */
	client_run_has(THERMOSTAT, "read", "21.50 °C");
	g_free(cmd);
	g_free(out);
	g_free(err);
}
END_TEST

static PurpleMenuAction *
read_menu_item(const char *who)
{
	return client_menu_item(who, "Read sensor");
}

static gboolean
table_shown_since(gpointer d)
{
	return client_tables_shown() > *(guint *)d;
}

START_TEST(test_buddy_menu_only_for_things_with_a_table_fallback)
{
	guint shown = client_tables_shown();
	const char *table;

	/* Things are recognised from disco#info in the background. */
	ck_assert(client_wait_menu_item("thermostat@" DOMAIN, "Read sensor", 8000));
	ck_assert_ptr_null(read_menu_item("bob@" DOMAIN));
	ck_assert_ptr_null(read_menu_item("offline@" DOMAIN));
	/* No UI windows here (like Finch): the readout comes as a table. */
	ck_assert(client_menu_run("thermostat@" DOMAIN, "Read sensor"));
	ck_assert(client_spin(table_shown_since, &shown, 10000));
	table = client_last_table();
	ck_assert_ptr_nonnull(table);
	ck_has(table, "temperature|21.50|°C|");
	ck_has(table, "firmware|2.4.1||");
	ck_lacks(table, "historical");
}
END_TEST

static gboolean
lamp_menu_gone(gpointer d)
{
	PurpleMenuAction *a = read_menu_item("lamp@" DOMAIN);

	if (a != NULL)
		purple_menu_action_free(a);
	return a == NULL;
}

/* A thing that goes offline and comes back with the same resource is asked
 * again: its menu entries return by themselves, without a /read. */
START_TEST(test_menu_entries_return_with_a_thing_that_was_offline)
{
	char *reply;

	ck_assert(client_wait_menu_item("lamp@" DOMAIN, "Read sensor", 8000));
	ck_assert(client_wait_menu_item("lamp@" DOMAIN, "Control", 1000));
	reply = client_chat("lamp@" DOMAIN, "vanish 1", 5000);
	ck_assert_ptr_nonnull(reply);
	g_free(reply);
	ck_assert_msg(client_spin(lamp_menu_gone, NULL, 5000), "the menu kept an offline thing's entries");
	ck_assert_msg(client_wait_menu_item("lamp@" DOMAIN, "Read sensor", 8000 * (guint)client_slowdown()),
	              "Read sensor data… did not come back");
	ck_assert(client_wait_menu_item("lamp@" DOMAIN, "Control", 1000));
}
END_TEST

/* --- watching: the IPC and signal other plugins use ------------------------------ */

typedef struct {
	guint updates;
	GString *last;
} Updates;

static Updates updates;

static void
watch_update_cb(PurpleAccount *account, const char *who, const char *text, guint handle, gpointer d)
{
	updates.updates++;
	if (updates.last == NULL)
		updates.last = g_string_new(NULL);
	g_string_assign(updates.last, text);
}

static gboolean
two_updates(gpointer d)
{
	return updates.updates >= *(guint *)d;
}

START_TEST(test_watch_polls_a_thing_without_events)
{
	gboolean ok = FALSE;
	int handle, stopped;
	guint want = 2, after;
	static int h;

	purple_signal_connect(client_plugin(), "iot-watch-update", &h, PURPLE_CALLBACK(watch_update_cb), NULL);
	updates.updates = 0;
	handle = GPOINTER_TO_INT(purple_plugin_ipc_call(client_plugin(), "watch", &ok, client_account(),
	                                                THERMOSTAT, GINT_TO_POINTER(1)));
	ck_assert(ok);
	ck_assert_int_gt(handle, 0);
	ck_assert(client_spin(two_updates, &want, 6000));
	ck_has(updates.last->str, "21.50 °C");
	stopped = GPOINTER_TO_INT(purple_plugin_ipc_call(client_plugin(), "unwatch", &ok, handle));
	ck_assert_int_eq(stopped, 1);
	after = updates.updates;
	client_sleep(2500);
	ck_assert_uint_eq(updates.updates, after); /* nothing after stopping */
	purple_signal_disconnect(client_plugin(), "iot-watch-update", &h, PURPLE_CALLBACK(watch_update_cb));
}
END_TEST

START_TEST(test_watch_subscribes_to_events_where_offered)
{
	gboolean ok = FALSE;
	int handle;
	guint want = 3;
	char *subs;
	static int h;

	purple_signal_connect(client_plugin(), "iot-watch-update", &h, PURPLE_CALLBACK(watch_update_cb), NULL);
	updates.updates = 0;
	/* A long poll interval: any quick second update can only be an event. */
	handle = GPOINTER_TO_INT(purple_plugin_ipc_call(client_plugin(), "watch", &ok, client_account(),
	                                                "meter@" DOMAIN, GINT_TO_POINTER(600)));
	ck_assert(ok && handle > 0);
	ck_assert(client_spin(two_updates, &want, 8000));
	ck_has(updates.last->str, "Power");
	subs = client_chat("meter@" DOMAIN, "subscriptions", 5000);
	ck_assert_str_eq(subs, "subscriptions: 1");
	g_free(subs);
	purple_plugin_ipc_call(client_plugin(), "unwatch", &ok, handle);
	client_sleep(500);
	subs = client_chat("meter@" DOMAIN, "subscriptions", 5000);
	ck_assert_str_eq(subs, "subscriptions: 0"); /* we said goodbye */
	g_free(subs);
	purple_signal_disconnect(client_plugin(), "iot-watch-update", &h, PURPLE_CALLBACK(watch_update_cb));
}
END_TEST

typedef struct {
	const char *needle;
	guint since;
} Wanted;

static gboolean
update_contains(gpointer d)
{
	Wanted *w = d;
	return updates.updates > w->since && updates.last != NULL && strstr(updates.last->str, w->needle) != NULL;
}

/* A thing that loses power: the watch says so, then resumes by itself. */
START_TEST(test_watch_reports_an_offline_thing_and_resumes)
{
	gboolean ok = FALSE;
	int handle;
	char *reply;
	Wanted w;
	static int h;

	purple_signal_connect(client_plugin(), "iot-watch-update", &h, PURPLE_CALLBACK(watch_update_cb), NULL);
	updates.updates = 0;
	handle = GPOINTER_TO_INT(purple_plugin_ipc_call(client_plugin(), "watch", &ok, client_account(),
	                                                "lamp@" DOMAIN, GINT_TO_POINTER(1)));
	w = (Wanted){ "brightness", 0 };
	ck_assert(client_spin(update_contains, &w, (guint)(6000 * client_slowdown())));
	reply = client_chat("lamp@" DOMAIN, "vanish 5", 5000);
	ck_assert_ptr_nonnull(reply);
	g_free(reply);
	w = (Wanted){ "lamp@" DOMAIN " is offline", updates.updates };
	ck_assert_msg(client_spin(update_contains, &w, (guint)(8000 * client_slowdown())), "last update: %s", updates.last->str);
	w = (Wanted){ "brightness", updates.updates };
	ck_assert_msg(client_spin(update_contains, &w, (guint)(12000 * client_slowdown())), "last update: %s", updates.last->str);
	purple_plugin_ipc_call(client_plugin(), "unwatch", &ok, handle);
	purple_signal_disconnect(client_plugin(), "iot-watch-update", &h, PURPLE_CALLBACK(watch_update_cb));
}
END_TEST

/* What a /read showed is in the store, written by the plugin (at unload
 * at the latest), and read back from the file. */
START_TEST(test_history_survives_unload_and_load)
{
	IotStoreHistory *h;
	IotStore *st;
	GPtrArray *latest;
	const IotStoreSeries *temp, *mode;
	char *t = client_run(THERMOSTAT, "read");

	ck_has(t, "21.50 °C");
	g_free(t);
	ck_assert(purple_plugin_unload(client_plugin())); /* writes what waits */
	st = client_store_open(&h);
	latest = client_store_latest(h, THERMOSTAT);
	temp = client_store_find(latest, "Thermostat", "temperature");
	ck_assert_ptr_nonnull(temp);
	ck_assert_int_eq(temp->kind, IOT_STORE_SERIES_NUMBERS);
	ck_assert(temp->last_number == 21.5);
	ck_assert_uint_ge(temp->rows, 1);
	ck_assert_str_eq(temp->unit, "°C");
	/* Values that are not numbers are kept as timelines of states. */
	mode = client_store_find(latest, "Thermostat", "mode");
	ck_assert_ptr_nonnull(mode);
	ck_assert_int_eq(mode->kind, IOT_STORE_SERIES_STATES);
	ck_assert_str_eq(mode->last_state, "Eco");
	g_ptr_array_unref(latest);
	iot_store_history_free(h);
	iot_store_close(st);
	ck_assert(purple_plugin_load(client_plugin()));
}
END_TEST

START_TEST(test_help_read)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), THERMOSTAT);
	GList *help = purple_cmd_help(conv, "read");

	ck_assert_ptr_nonnull(help);
	ck_has((const char *)help->data, "/read node kitchen");
	ck_has((const char *)help->data, "/read node kitchen source Rooms");
	g_list_free(help);
}
END_TEST

START_TEST(test_bad_arguments_say_how)
{
	char *t = client_text(client_command(THERMOSTAT, "read node", 1, 2000));

	ck_has(t, "“node” needs the id of a node");
	g_free(t);
}
END_TEST

START_TEST(test_unload_with_a_pending_request_then_load_again)
{
	guint mark = client_output_count("silent@" DOMAIN);
	char *t;

	client_command("silent@" DOMAIN, "read", 0, 0);
	client_sleep(200);
	ck_assert(purple_plugin_unload(client_plugin()));
	t = client_text(client_output_since("silent@" DOMAIN, mark));
	ck_has(t, "Reading silent@" DOMAIN " was cancelled");
	g_free(t);
	client_sleep(3500); /* past the old timeout: nothing may fire any more */
	ck_assert(purple_plugin_load(client_plugin()));
	client_run_has(THERMOSTAT, "read", "21.50 °C");
}
END_TEST

TCase *iot_session_end_tcase(void);
TCase *iot_control_cmd_tcase(void);
TCase *iot_control_node_tcase(void);
TCase *iot_control_form_tcase(void);
TCase *iot_stream_tcase(void);
TCase *iot_stored_files_tcase(void);
TCase *iot_concentrator_browse_tcase(void);
TCase *iot_concentrator_query_tcase(void);
TCase *iot_concentrator_events_tcase(void);
TCase *iot_caps_tcase(void);
TCase *iot_concentrator_chat_tcase(void);
TCase *iot_concentrator_finch_tcase(void);
TCase *iot_history_store_tcase(void);
Suite *iot_alert_suite(void);
Suite *iot_pubsub_suite(void);
Suite *iot_registry_suite(void);

int
main(void)
{
	Suite *s = suite_create("integration"), *conc;
	TCase *tc = tcase_create("read");
	SRunner *sr;
	int failed;

	/* Before the plugin opens its store: a disk that fills up on demand. */
	client_vfs_install();
	client_start();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_xsf_read);
	tcase_add_test(tc, test_xsf_all_has_history);
	tcase_add_test(tc, test_xsf_only_named_fields);
	tcase_add_test(tc, test_xsf_unknown_node_is_refused_with_the_things_words);
	tcase_add_test(tc, test_nf_meter);
	tcase_add_test(tc, test_read_shows_status_fields);
	tcase_add_test(tc, test_ieee_concentrator_node);
	tcase_add_test(tc, test_concentrator_node_source_is_learnt_once_or_given);
	tcase_add_test(tc, test_sn_door);
	tcase_add_test(tc, test_nfi_lamp);
	tcase_add_test(tc, test_offline_thing);
	tcase_add_test(tc, test_thing_that_never_answers);
	tcase_add_test(tc, test_person_is_not_a_thing);
	tcase_add_test(tc, test_refusing_thing);
	tcase_add_test(tc, test_forged_answers_from_another_address_are_ignored);
	tcase_add_test(tc, test_malformed_and_hostile_fields);
	tcase_add_test(tc, test_ten_thousand_fields);
	tcase_add_test(tc, test_stream_management_never_repeats_a_request);
	tcase_add_test(tc, test_more_fields_than_a_readout_keeps);
	tcase_add_test(tc, test_server_killed_during_a_readout);
	tcase_add_test(tc, test_buddy_menu_only_for_things_with_a_table_fallback);
	tcase_add_test(tc, test_menu_entries_return_with_a_thing_that_was_offline);
	tcase_add_test(tc, test_watch_polls_a_thing_without_events);
	tcase_add_test(tc, test_watch_subscribes_to_events_where_offered);
	tcase_add_test(tc, test_watch_reports_an_offline_thing_and_resumes);
	tcase_add_test(tc, test_history_survives_unload_and_load);
	tcase_add_test(tc, test_help_read);
	tcase_add_test(tc, test_bad_arguments_say_how);
	tcase_add_test(tc, test_unload_with_a_pending_request_then_load_again);
	/* First: its purge rounds visit every series the store holds, and the
	 * readouts of 10,000 fields and more below make tens of thousands. */
	suite_add_tcase(s, iot_history_store_tcase());
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_session_end_tcase());
	suite_add_tcase(s, iot_control_cmd_tcase());
	suite_add_tcase(s, iot_control_node_tcase());
	suite_add_tcase(s, iot_control_form_tcase());
	suite_add_tcase(s, iot_stream_tcase());
	suite_add_tcase(s, iot_stored_files_tcase());
	sr = srunner_create(s);
	/* CK_RUN_SUITE=concentrator: browsing behind concentrators, then the
	 * crowd of contacts (last: it fills alice's roster). Its own suite, so
	 * that it runs beside the others, against a home of its own. */
	conc = suite_create("concentrator");
	suite_add_tcase(conc, iot_concentrator_browse_tcase());
	suite_add_tcase(conc, iot_concentrator_query_tcase());
	suite_add_tcase(conc, iot_concentrator_events_tcase());
	suite_add_tcase(conc, iot_concentrator_finch_tcase());
	suite_add_tcase(conc, iot_concentrator_chat_tcase());
	suite_add_tcase(conc, iot_caps_tcase());
	srunner_add_suite(sr, conc);
	/* Its own suite, so that CK_RUN_SUITE=alert runs it alone. */
	srunner_add_suite(sr, iot_alert_suite());
	/* Its own suite, so that CK_RUN_SUITE=pubsub runs it alone (also on ejabberd). */
	srunner_add_suite(sr, iot_pubsub_suite());
	/* CK_RUN_SUITE=registry: owning things (claims change the home for good). */
	srunner_add_suite(sr, iot_registry_suite());
	srunner_set_fork_status(sr, CK_NOFORK); /* one libpurple session, tests in order */
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	client_stop();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
