/* test-alert.c — alerts end to end: headlines from the simulated home become
 * inbox entries with no popup of the prpl, attributed to the sender the
 * server stamped and shown literally; PEP events still reach the prpl; the
 * inbox and the rules survive a plugin reload; /alerts and /alert work in a
 * chat; a rule fires and clears from the meter's real events, and its
 * threshold is pushed in the meter's event subscription; a flood leaves one
 * notice and a summary. */
#include "client-check.h"

#include <gmodule.h>
#include <string.h>

#define BOB "bob@" DOMAIN
#define DOOR "door@" DOMAIN
#define METER "meter@" DOMAIN
#define MALLORY "mallory@" DOMAIN

/* The prpl's own popup for a headline (jabber message.c). */
#define PRPL_POPUP "Message from"

/* Types /@command in the chat with @who; returns (transfer full) the text
 * a person reads of its one answer. */

/* Runs /alerts in the chat with @who until its text holds @needle (or
 * @ms pass); returns (transfer full) the last text. */

/* Asks @who (a simulated thing) in chat for its headline @what; waits for
 * its "headline sent: " answer. */
static void
ask_headline(const char *who, const char *what)
{
	char *body = g_strdup_printf("headline %s", what);
	char *reply = client_chat(who, body, 20000);

	ck_assert_msg(reply != NULL && g_str_has_prefix(reply, "headline sent: "), "%s answered “%s” to “%s”", who,
	              reply ? reply : "(nothing)", body);
	g_free(reply);
	g_free(body);
}

START_TEST(test_headline_is_an_inbox_entry_without_popup)
{
	guint prpl_popups = client_popups_shown(PRPL_POPUP);
	char *t;

	ask_headline(DOOR, "door");
	t = client_alerts_until(DOOR, "The door opened", 10000);
	ck_has(t, "The door opened");
	ck_has(t, "Front door"); /* the subject */
	client_line_has(t, "The door opened", DOOR, "Info", NULL);
	ck_assert_uint_eq(client_popups_shown(PRPL_POPUP), prpl_popups);
	/* At most the one alert notice is open, never a window per alert. */
	ck_assert_uint_le(client_popups_open(), 1);
	g_free(t);
	ask_headline(DOOR, "smoke");
	ask_headline(METER, "spike");
	t = client_alerts_until(DOOR, "Smoke detector test", 10000);
	ck_has(t, "Smoke detector test");
	g_free(t);
	t = client_alerts_until(METER, "Power spike", 10000);
	client_line_has(t, "Power spike", METER, NULL);
	ck_assert_uint_eq(client_popups_shown(PRPL_POPUP), prpl_popups);
	g_free(t);
}
END_TEST

START_TEST(test_pep_nick_still_reaches_the_prpl)
{
	PurpleBuddy *bob = purple_find_buddy(client_account(), BOB);
	char *reply = client_chat(BOB, "nick Bobby Tables", 20000), *t;
	gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

	ck_assert_ptr_nonnull(bob);
	ck_assert_msg(reply != NULL && strcmp(reply, "nick: ok") == 0, "bob: %s", reply ? reply : "(nothing)");
	while (g_strcmp0(purple_buddy_get_server_alias(bob), "Bobby Tables") != 0 && g_get_monotonic_time() < end)
		client_sleep(100);
	/* The headline carrying the pubsub event went on to the prpl … */
	ck_assert_str_eq(purple_buddy_get_server_alias(bob), "Bobby Tables");
	/* … and is no alert. */
	t = client_run1(BOB, "alerts");
	ck_lacks(t, "Bobby");
	ck_lacks(t, BOB);
	g_free(t);
	g_free(reply);
}
END_TEST

START_TEST(test_spoofed_headline_is_literal_and_from_the_real_sender)
{
	const char *html;
	char *t, *line;

	ask_headline(MALLORY, "spoof");
	t = client_alerts_until(MALLORY, "FIRE", 10000);
	line = client_line(t, "FIRE");
	/* The source is the address the server stamped, whatever the text,
	 * subject or XEP-0033 addresses claim. */
	ck_assert_msg(strstr(line, " · " MALLORY " · ") != NULL, "%s", line);
	ck_assert_msg(strstr(line, "· thermostat@" DOMAIN " ·") == NULL, "%s", line);
	/* Shown literally: the markup is text. */
	ck_has(line, "<b>FIRE</b>");
	ck_has(line, "<script>alert(1)</script> & <i>evacuate</i>");
	html = client_command(MALLORY, "alerts", 1, CLIENT_WAIT_MS);
	ck_has(html, "&lt;script&gt;");
	ck_lacks(html, "<script>");
	ck_lacks(html, "<b>FIRE");
	g_free(line);
	g_free(t);
}
END_TEST

START_TEST(test_alert_commands)
{
	PurpleConversation *conv;
	GList *help, *l;
	gboolean found = FALSE;
	char *t;

	t = client_run1(METER, "alert add Voltage > 250 for 10m");
	ck_has(t, "Rule added");
	ck_has(t, "Voltage > 250");
	g_free(t);
	t = client_run1(METER, "alert add \"Peak power\" outside 100..5000");
	ck_has(t, "Rule added");
	g_free(t);
	t = client_run1(METER, "alert list");
	ck_has(t, "1. Voltage > 250");
	ck_has(t, "2. Peak power");
	g_free(t);
	t = client_run1(METER, "alert del 2");
	ck_has(t, "Rule deleted");
	g_free(t);
	t = client_run1(METER, "alert list");
	ck_lacks(t, "Peak power");
	g_free(t);
	t = client_run1(METER, "alert del 7");
	ck_has(t, "There is no rule 7");
	g_free(t);
	t = client_run1(METER, "alert add Voltage >> 3");
	ck_has(t, "command status");
	g_free(t);
	/* ack without a number: the newest open alert of this thing */
	ask_headline(DOOR, "door");
	t = client_alerts_until(DOOR, "The door opened", 10000);
	g_free(t);
	t = client_run1(DOOR, "alert ack");
	ck_has(t, "Acknowledged.");
	g_free(t);
	t = client_run1(DOOR, "alerts");
	client_line_has(t, "1. ", "Acknowledged", NULL);
	g_free(t);
	ask_headline(DOOR, "smoke");
	t = client_alerts_until(DOOR, "Smoke", 10000);
	g_free(t);
	t = client_run1(DOOR, "alert snooze 1 1h");
	ck_has(t, "Alert 1 snoozed for 1 h");
	g_free(t);
	t = client_run1(DOOR, "alerts");
	client_line_has(t, "1. ", "Snoozed", NULL);
	g_free(t);
	t = client_run1(DOOR, "alert ack all");
	ck_has(t, "acknowledged");
	g_free(t);
	conv = purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, DOOR, client_account());
	help = purple_cmd_help(conv, "alert");
	for (l = help; l != NULL; l = l->next)
		found = found || strstr(l->data, "alert add") != NULL;
	ck_assert_msg(found, "/help alert says nothing of /alert add");
	g_list_free(help); /* the commands' own strings */
	/* clean up for the next tests */
	t = client_run1(METER, "alert del 1");
	ck_has(t, "Rule deleted");
	g_free(t);
}
END_TEST

START_TEST(test_rule_fires_and_clears_from_events_with_its_threshold_pushed)
{
	char *t, *reply, *line;

	/* The meter steps Power 412 → 430 → 433 → 433 → 398 → 405 while subscribed. */
	t = client_run1(METER, "alert add Power > 420");
	ck_has(t, "Rule added");
	g_free(t);
	t = client_alerts_until(METER, "cleared", 20000);
	line = client_line(t, "Power is");
	ck_assert_msg(*line != '\0', "no alert of the rule in:\n%s", t);
	client_line_has(t, "Power is", METER, "Alarm", "> 420", "cleared", NULL);
	g_free(line);
	g_free(t);
	/* The rule's step went into the subscription: a hundredth of the level. */
	reply = client_chat(METER, "conditions", 10000);
	ck_assert_msg(reply != NULL && strstr(reply, "Power by=4.2") != NULL, "meter: %s", reply ? reply : "");
	g_free(reply);
	t = client_run1(METER, "alert del 1");
	ck_has(t, "Rule deleted");
	g_free(t);
}
END_TEST

START_TEST(test_inbox_and_rules_survive_reload)
{
	char *t;

	t = client_run1(METER, "alert add Energy > 99999");
	ck_has(t, "Rule added");
	g_free(t);
	ask_headline(DOOR, "door");
	t = client_alerts_until(DOOR, "The door opened", 10000);
	g_free(t);
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_uint_eq(client_popups_open(), 0); /* the notice went with it */
	ck_assert(purple_plugin_load(client_plugin()));
	t = client_run1(DOOR, "alerts");
	ck_has(t, "The door opened");
	ck_has(t, "Smoke detector test");
	g_free(t);
	t = client_run1(METER, "alert list");
	ck_has(t, "1. Energy > 99999");
	g_free(t);
	t = client_run1(METER, "alert del 1");
	ck_has(t, "Rule deleted");
	g_free(t);
}
END_TEST

START_TEST(test_flood_is_throttled_with_one_notice)
{
	guint prpl_popups = client_popups_shown(PRPL_POPUP);
	char *t;

	ask_headline(DOOR, "flood 300 door");
	t = client_alerts_until(DOOR, "more from door@", 20000);
	ck_has(t, "more from door@");
	ck_assert_uint_eq(client_popups_shown(PRPL_POPUP), prpl_popups);
	ck_assert_uint_le(client_popups_open(), 1);
	g_free(t);
}
END_TEST

/* Without windows (Finch, headless): the inbox and the rules as search
 * results, a row per entry with its source, severity, state and text. */
START_TEST(test_finch_lists)
{
	void (*open_inbox)(void) = NULL;
	void (*open_rules)(PurpleAccount *, const char *) = NULL;
	guint shown = client_tables_shown();
	char *t;

	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_alert_open_inbox", (gpointer *)&open_inbox));
	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_alert_open_rules", (gpointer *)&open_rules));
	open_inbox();
	ck_assert_uint_gt(client_tables_shown(), shown);
	ck_has(client_last_table(), "|" DOOR "|");
	ck_has(client_last_table(), "The door opened");
	ck_has(client_last_table(), "<b>FIRE</b>"); /* cells are plain text, kept literally */
	t = client_run1(METER, "alert add Voltage < 200");
	g_free(t);
	shown = client_tables_shown();
	open_rules(client_account(), METER);
	ck_assert_uint_gt(client_tables_shown(), shown);
	ck_has(client_last_table(), "|" METER "|Voltage < 200|");
	t = client_run1(METER, "alert del 1");
	ck_has(t, "Rule deleted");
	g_free(t);
}
END_TEST

/* The XMPP account's own menu (Accounts → alice) gains the inbox and the
 * rules after the protocol's entries, once, and loses them at unload. */
static guint
count_account_actions(const char *label, gboolean run)
{
	PurplePlugin *prpl = purple_find_prpl("prpl-jabber");
	PurpleConnection *gc = purple_account_get_connection(client_account());
	GList *actions = prpl->info->actions(prpl, gc), *l;
	guint n = 0;

	ck_assert_msg(actions != NULL && actions->data != NULL, "the protocol's own entries come first");
	for (l = actions; l != NULL; l = l->next) {
		PurplePluginAction *a = l->data;

		if (a == NULL || g_strcmp0(a->label, label) != 0)
			continue;
		n++;
		a->plugin = prpl;
		a->context = gc;
		if (run)
			a->callback(a);
	}
	for (l = actions; l != NULL; l = l->next)
		if (l->data != NULL) /* NULL: a separator */
			purple_plugin_action_free(l->data);
	g_list_free(actions);
	return n;
}

START_TEST(test_account_menu_opens_the_alerts)
{
	guint shown = client_tables_shown();

	ck_assert_uint_eq(count_account_actions("IoT Alerts…", TRUE), 1);
	ck_assert_uint_gt(client_tables_shown(), shown); /* the inbox (as a table, headless) */
	shown = client_tables_shown();
	ck_assert_uint_eq(count_account_actions("IoT Alert Rules…", TRUE), 1);
	ck_assert_uint_gt(client_tables_shown(), shown);
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_uint_eq(count_account_actions("IoT Alerts…", FALSE), 0);
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert_uint_eq(count_account_actions("IoT Alerts…", FALSE), 1);
}
END_TEST

/* The values a person pinned for the buddy-list line, from what arrives. */
START_TEST(test_pinned_values_line)
{
	void (*set_pinned)(PurpleAccount *, const char *, const char *const *) = NULL;
	char *(*pinned_line)(PurpleAccount *, const char *) = NULL;
	const char *const fields[] = { "Energy", "Voltage", NULL };
	char *line, *t;

	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_alert_set_pinned", (gpointer *)&set_pinned));
	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_alert_pinned_line", (gpointer *)&pinned_line));
	set_pinned(client_account(), METER, fields);
	t = client_run(METER, "read");
	ck_has(t, "Voltage");
	g_free(t);
	line = pinned_line(client_account(), METER);
	ck_assert_str_eq(line, "1234.567 kWh · 229.8 V");
	g_free(line);
	set_pinned(client_account(), METER, NULL);
	ck_assert_ptr_null(pinned_line(client_account(), METER));
}
END_TEST

/* By preference a line in the thing's open conversation, its text escaped. */
START_TEST(test_line_in_the_conversation)
{
	guint before;
	gint64 end;
	const char *html;

	/* The spoof of the test before is still open: a repeat would only count
	 * there (merged, told once), so it is acknowledged first. */
	client_command(MALLORY, "alert ack all", 1, CLIENT_WAIT_MS);
	purple_prefs_set_bool("/plugins/core/xmpp-iot/alerts/conversation", TRUE);
	purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), MALLORY);
	before = client_output_count(MALLORY);
	ask_headline(MALLORY, "spoof");
	end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
	while (client_output_count(MALLORY) == before && g_get_monotonic_time() < end)
		client_sleep(100);
	html = client_output_since(MALLORY, before);
	purple_prefs_set_bool("/plugins/core/xmpp-iot/alerts/conversation", FALSE);
	ck_has(html, "Alert (Information): ");
	ck_has(html, "&lt;b&gt;FIRE&lt;/b&gt;");
	ck_lacks(html, "<script>");
}
END_TEST

TCase *iot_alert_lasting_tcase(void);
TCase *iot_alert_finch_tcase(void);

Suite *
iot_alert_suite(void)
{
	Suite *s = suite_create("alert");
	TCase *tc = tcase_create("alert");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_headline_is_an_inbox_entry_without_popup);
	tcase_add_test(tc, test_pep_nick_still_reaches_the_prpl);
	tcase_add_test(tc, test_spoofed_headline_is_literal_and_from_the_real_sender);
	/* Before the flood below: a throttled sender's alerts are not told one by one. */
	tcase_add_test(tc, test_line_in_the_conversation);
	tcase_add_test(tc, test_alert_commands);
	tcase_add_test(tc, test_rule_fires_and_clears_from_events_with_its_threshold_pushed);
	tcase_add_test(tc, test_inbox_and_rules_survive_reload);
	tcase_add_test(tc, test_flood_is_throttled_with_one_notice);
	tcase_add_test(tc, test_finch_lists);
	tcase_add_test(tc, test_account_menu_opens_the_alerts);
	tcase_add_test(tc, test_pinned_values_line);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_alert_lasting_tcase());
	suite_add_tcase(s, iot_alert_finch_tcase());
	return s;
}
