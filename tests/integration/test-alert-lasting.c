/* test-alert-lasting.c — alerts from what lasts and what goes away: a
 * latched alarm still latched after the plugin is reloaded; an "offline"
 * rule that fires while the lamp is away and clears when it is back; a
 * concentrator's node in error as one inbox entry, not doubled when seen
 * again, cleared when the node is OK. */
#include "client-check.h"

#include "iot-alert-rule.h"

#include <gmodule.h>
#include <string.h>

#define LAMP "lamp@" DOMAIN
#define METER "meter@" DOMAIN
#define HUB "hub@" DOMAIN


/* /alerts with @who until its text holds @needle (or @ms pass). */

/* /alerts with @who until its first line holding @line also holds @needle
 * (or @ms pass): /alerts lists the alerts of every thing. */
static char *
alert_line_until(const char *who, const char *line, const char *needle, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
	char *t = NULL;

	for (;;) {
		char *l;
		gboolean found;

		g_free(t);
		t = client_run1(who, "alerts");
		l = client_line(t, line);
		found = strstr(l, needle) != NULL;
		g_free(l);
		if (found || g_get_monotonic_time() > end)
			return t;
		client_sleep(250);
	}
}

/* How many lines of @text hold @needle. */
static guint
lines_with(const char *text, const char *needle)
{
	char **lines = g_strsplit(text, "\n", -1);
	guint i, n = 0;

	for (i = 0; lines[i] != NULL; i++)
		n += strstr(lines[i], needle) != NULL;
	g_strfreev(lines);
	return n;
}

static gpointer
plugin_symbol(const char *name)
{
	gpointer p = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &p), "no %s", name);
	return p;
}

/* A latched alarm (the meter's power, which cycles 412 → 430 → … → 398 while
 * subscribed) fires, is muted, the value goes back: still latched. Right
 * after a reload — before any new value can come — it still is. */
START_TEST(test_latched_alarm_survives_reload)
{
	guint (*rule_add)(PurpleAccount *, const IotAlertRule *, GError **) = plugin_symbol("iot_purple_alert_rule_add");
	gboolean (*rule_level)(guint, gboolean *, IotAlertSeverity *);
	gboolean (*rule_mute)(guint);
	gboolean (*rule_delete)(guint);
	IotAlertRule *r = iot_alert_rule_new();
	IotAlertSeverity sev = IOT_ALERT_INFO;
	gboolean active = FALSE;
	GError *error = NULL;
	gint64 end;
	guint id;
	char *t;

	iot_alert_rule_set_target(r, NULL, METER, NULL, "Power");
	r->op = IOT_ALERT_OP_ABOVE;
	r->alarm.set = TRUE;
	r->alarm.value = 420;
	r->latched = TRUE;
	r->remind_s = 3600;
	id = rule_add(client_account(), r, &error);
	ck_assert_msg(id != 0, "%s", error ? error->message : "");
	iot_alert_rule_free(r);
	rule_level = plugin_symbol("iot_purple_alert_rule_level");
	rule_mute = plugin_symbol("iot_purple_alert_rule_mute");
	end = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
	while (!(rule_level(id, &active, &sev) && active) && g_get_monotonic_time() < end)
		client_sleep(100);
	ck_assert_msg(active, "the rule did not fire");
	ck_assert(rule_mute(id));
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(purple_plugin_load(client_plugin()));
	rule_level = plugin_symbol("iot_purple_alert_rule_level");
	active = FALSE;
	ck_assert(rule_level(id, &active, &sev));
	ck_assert_msg(active, "the latched alarm was forgotten by the reload");
	ck_assert_int_eq(sev, IOT_ALERT_ALARM);
	rule_delete = plugin_symbol("iot_purple_alert_rule_delete");
	ck_assert(rule_delete(id));
	t = client_run1(METER, "alert ack all");
	g_free(t);
}
END_TEST

/* "/alert add offline 2s": the lamp goes away for 6 s (the simulated home's
 * "away"), the rule fires after 2 s and clears when the lamp is back. */
START_TEST(test_offline_rule_fires_and_clears)
{
	char *t, *reply, *line;

	t = client_run1(LAMP, "alert add offline 2s");
	ck_has(t, "Rule added");
	g_free(t);
	reply = client_chat(LAMP, "away 6", 20000);
	ck_assert_msg(reply != NULL && strcmp(reply, "away for: 6") == 0, "lamp: %s", reply ? reply : "(nothing)");
	g_free(reply);
	t = alert_line_until(LAMP, "offline for 2 s", LAMP, 10000);
	client_line_has(t, "offline for 2 s", LAMP, "Alarm", "New", NULL);
	line = client_line(t, "offline for 2 s");
	ck_assert_msg(strstr(line, "cleared") == NULL, "cleared at once:\n%s", t);
	g_free(line);
	g_free(t);
	t = alert_line_until(LAMP, "offline for 2 s", "cleared", 20000);
	client_line_has(t, "offline for 2 s", LAMP, "cleared", NULL);
	g_free(t);
	t = client_run1(LAMP, "alert list");
	ck_has(t, "1. offline for 2 s");
	g_free(t);
	t = client_run1(LAMP, "alert del 1");
	ck_has(t, "Rule deleted");
	g_free(t);
}
END_TEST

/* The hub's bedroom window in error: /nodes shows it, an alert enters
 * (alarm, the hub and the node as its source); /nodes again adds nothing;
 * back to None, the next /nodes clears it. */
START_TEST(test_concentrator_node_error_is_one_alert)
{
	char *t, *reply;

	client_reset_thing(HUB);
	reply = client_chat(HUB, "conc state bedroom-window ErrorUnsigned", 20000);
	ck_assert_msg(reply != NULL && g_str_has_prefix(reply, "conc: state"), "hub: %s", reply ? reply : "(nothing)");
	g_free(reply);
	t = client_run(HUB, "nodes");
	ck_has(t, "bedroom-window");
	g_free(t);
	t = client_alerts_until(HUB, "Bedroom window is in error", 10000);
	client_line_has(t, "Bedroom window is in error", HUB "/bedroom-window", "Alarm", NULL);
	ck_assert_uint_eq(lines_with(t, "bedroom-window"), 1);
	/* the fridge's warning came with the same outline */
	client_line_has(t, HUB "/kitchen-fridge", "Warning", NULL);
	g_free(t);
	t = client_run(HUB, "nodes");
	g_free(t);
	t = client_run1(HUB, "alerts");
	ck_assert_uint_eq(lines_with(t, "bedroom-window"), 1);
	ck_lacks(t, "×2");
	g_free(t);
	reply = client_chat(HUB, "conc state bedroom-window None", 20000);
	g_free(reply);
	t = client_run(HUB, "nodes");
	g_free(t);
	t = alert_line_until(HUB, "Bedroom window is in error", "cleared", 10000);
	client_line_has(t, "Bedroom window is in error", "cleared", NULL);
	ck_assert_uint_eq(lines_with(t, "bedroom-window"), 1);
	g_free(t);
	client_reset_thing(HUB);
	t = client_run1(HUB, "alert ack all");
	g_free(t);
}
END_TEST

TCase *
iot_alert_lasting_tcase(void)
{
	TCase *tc = tcase_create("alert-lasting");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_latched_alarm_survives_reload);
	tcase_add_test(tc, test_offline_rule_fires_and_clears);
	tcase_add_test(tc, test_concentrator_node_error_is_one_alert);
	return tc;
}
