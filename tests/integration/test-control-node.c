/* test-control-node.c — /control behind a concentrator and a control set that
 * is never executed twice.
 *
 * The hub (IEEE generation) controls a dimmer and a radiator valve: control
 * forms with pages, ranges, read-only values and a post-back mode, answers
 * in the NF namespace, its own refusals, several nodes at once. Every change
 * is read back with /read node. After every test that may have changed the
 * hub — also a failing one — it is reset to data/home.json's values.
 *
 * The silent thing answers getForm (so the types are known and a set goes
 * out) but never a set: the account goes offline right after sending, and the
 * thing must have received the set exactly once. */
#include "client.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define HUB "hub@" DOMAIN
#define SILENT "silent@" DOMAIN
#define DIMMER "living-room-dimmer"
#define RADIATOR "bedroom-radiator"
#define NODE_WAIT_MS 20000
#define NS_XSF_CONTROL "urn:xmpp:iot:control"

#define node_has(text, needle)                                                                  \
	ck_assert_msg(strstr((text), (needle)) != NULL, "“%s” not in:\n%.2000s", (needle), (text))
#define node_lacks(text, needle)                                                                \
	ck_assert_msg(strstr((text), (needle)) == NULL, "“%s” unexpectedly in:\n%.2000s", (needle), \
	              (text))

/* The hub was changed by a test and not yet reset. */
static gboolean hub_changed;

/* Types "/@command" with @who; returns what a person reads (transfer full).
 * A command that gets past its arguments writes a progress line, then its outcome. */
static char *
node_run(const char *who, const char *command)
{
	return client_text(client_command(who, command, 2, NODE_WAIT_MS));
}

/* Returns: (transfer full): the first line of @text holding @needle, or "". */
static char *
node_line(const char *text, const char *needle)
{
	char **lines = g_strsplit(text, "\n", -1), **l, *out = NULL;

	for (l = lines; *l != NULL && out == NULL; l++)
		if (strstr(*l, needle) != NULL)
			out = g_strdup(*l);
	g_strfreev(lines);
	return out ? out : g_strdup("");
}

/* How many times @needle occurs in @text. */
static guint
occurrences(const char *text, const char *needle)
{
	guint n = 0;
	const char *p;

	for (p = strstr(text, needle); p != NULL; p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

/* Asserts that the line of @field in /read node @node of the hub holds @value. */
static void
node_read_shows(const char *node, const char *field, const char *value)
{
	char *cmd = g_strdup_printf("read node %s", node);
	char *t = node_run(HUB, cmd);
	char *line = node_line(t, field);

	ck_assert_msg(strstr(line, value) != NULL, "%s: “%s” not in line “%s” of:\n%.2000s", field,
	              value, line, t);
	g_free(line);
	g_free(t);
	g_free(cmd);
}

/* The number after @prefix in @who's answer to the chat message @body. */
static int
chat_count(const char *who, const char *body, const char *prefix)
{
	char *reply = client_chat(who, body, 5000);
	int n;

	ck_assert_msg(reply != NULL, "%s did not answer “%s”", who, body);
	ck_assert_msg(g_str_has_prefix(reply, prefix), "%s answered “%s” to “%s”", who, reply, body);
	n = atoi(reply + strlen(prefix));
	g_free(reply);
	return n;
}

static int
hub_sets(void)
{
	return chat_count(HUB, "count sets", "sets: ");
}

static void
put_hub_back(void)
{
	char *reply = client_chat(HUB, "reset", 5000);

	ck_assert_ptr_nonnull(reply);
	ck_assert_str_eq(reply, "reset: done");
	g_free(reply);
	hub_changed = FALSE;
}

/* Runs after every test, also a failing one. */
static void
node_teardown(void)
{
	if (hub_changed)
		put_hub_back();
}

/* --- the hub's nodes -------------------------------------------------------------------- */

START_TEST(test_control_node_lists_its_form)
{
	char *t = node_run(HUB, "control node " DIMMER);
	char *line;

	node_has(t, "Asking " HUB " for its parameters…");
	node_has(t, "Control parameters of " HUB);
	line = node_line(t, "Level");
	node_has(line, "number");
	node_has(line, "0 … 100");
	node_has(line, "60");
	g_free(line);
	line = node_line(t, "FadeTime");
	node_has(line, "whole number");
	node_has(line, "0 … 10000");
	node_has(line, "500");
	g_free(line);
	line = node_line(t, "Color");
	node_has(line, "colour");
	node_has(line, "#FFB070");
	g_free(line);
	line = node_line(t, "Mode");
	node_has(line, "choice");
	node_has(line, "Manual, Schedule, Off");
	g_free(line);
	line = node_line(t, "Locked");
	node_has(line, "on/off");
	node_has(line, "false");
	g_free(line);
	/* Measured, not set: the form marks it read-only. */
	line = node_line(t, "Power");
	node_has(line, "number, read-only");
	node_has(line, "7.2");
	g_free(line);
	/* Shown only while the mode is Schedule; the session field is no parameter. */
	node_lacks(t, "WakeUp");
	node_lacks(t, "session");
	node_lacks(t, "Note:");
	g_free(t);

	t = node_run(HUB, "control node " RADIATOR);
	line = node_line(t, "Setpoint");
	node_has(line, "number");
	node_has(line, "5 … 30");
	node_has(line, "19.0");
	g_free(line);
	line = node_line(t, "Valve");
	node_has(line, "whole number, read-only");
	node_has(line, "35");
	g_free(line);
	node_lacks(t, "Level");
	g_free(t);
}
END_TEST

START_TEST(test_control_node_sets_and_read_shows_it)
{
	char *t;

	hub_changed = TRUE;
	t = node_run(HUB, "control node " DIMMER " Level=35 Color=#00ff00 FadeTime=1200");
	node_has(t, "Controlling " HUB "…");
	node_has(t, "Set Level to 35, Color to #00FF00 and FadeTime to 1200 on " HUB ".");
	g_free(t);
	node_read_shows(DIMMER, "Level", "35 %");
	node_read_shows(DIMMER, "Color", "#00ff00");
	node_read_shows(DIMMER, "FadeTime", "1200 ms");
	t = node_run(HUB, "control node " RADIATOR " Setpoint=21.5");
	node_has(t, "Set Setpoint to 21.5 on " HUB ".");
	g_free(t);
	node_read_shows(RADIATOR, "Setpoint", "21.5 °C");
	/* The other node kept its values. */
	node_read_shows(DIMMER, "Level", "35 %");
}
END_TEST

START_TEST(test_control_node_hub_refuses_in_its_own_words)
{
	int n0 = hub_sets();
	char *t;

	hub_changed = TRUE;
	/* Within the form's range, refused by the hub itself (data/home.json). */
	t = node_run(HUB, "control node " DIMMER " FadeTime=900 Level=3");
	node_has(t, HUB " refused Level: Below 5 % the LEDs flicker; choose 0 or at least 5.");
	node_lacks(t, "Set ");
	g_free(t);
	ck_assert_int_eq(hub_sets(), n0 + 1);
	/* All or nothing: the fade time was not applied either. */
	node_read_shows(DIMMER, "Level", "60 %");
	node_read_shows(DIMMER, "FadeTime", "500 ms");
}
END_TEST

START_TEST(test_control_node_range_is_checked_before_sending)
{
	int n0 = hub_sets();
	char *t;

	hub_changed = TRUE;
	t = node_run(HUB, "control node " DIMMER " Level=150");
	node_has(t, "must be between 0 and 100.");
	node_lacks(t, "Set ");
	node_lacks(t, "refused");
	g_free(t);
	t = node_run(HUB, "control node " DIMMER " FadeTime=20000");
	node_has(t, "must be between 0 and 10000.");
	node_lacks(t, "Set ");
	g_free(t);
	t = node_run(HUB, "control node " DIMMER " Power=10");
	node_has(t, "cannot be changed: the thing marks it read-only.");
	node_lacks(t, "Set ");
	g_free(t);
	/* Nothing of it reached the hub. */
	ck_assert_int_eq(hub_sets(), n0);
	node_read_shows(DIMMER, "Level", "60 %");
}
END_TEST

START_TEST(test_control_node_mode_changes_the_form)
{
	int n0;
	char *t, *line;

	hub_changed = TRUE;
	t = node_run(HUB, "control node " DIMMER " Mode=Schedule");
	node_has(t, "Set Mode to Schedule on " HUB ".");
	g_free(t);
	node_read_shows(DIMMER, "Mode", "Schedule");
	/* Following the schedule: the level is the schedule's, a wake-up time appears. */
	t = node_run(HUB, "control node " DIMMER);
	line = node_line(t, "Level");
	node_has(line, "read-only");
	g_free(line);
	line = node_line(t, "WakeUp");
	node_has(line, "time");
	node_has(line, "07:00");
	g_free(line);
	g_free(t);
	n0 = hub_sets();
	t = node_run(HUB, "control node " DIMMER " Level=50");
	node_has(t, "cannot be changed: the thing marks it read-only.");
	node_lacks(t, "Set ");
	g_free(t);
	ck_assert_int_eq(hub_sets(), n0);
	t = node_run(HUB, "control node " DIMMER " WakeUp=06:45");
	node_has(t, "Set WakeUp to 06:45");
	g_free(t);
	node_read_shows(DIMMER, "WakeUp", "06:45");
}
END_TEST

START_TEST(test_control_node_unknown_node_gets_the_hubs_words)
{
	int n0 = hub_sets();
	char *t = node_run(HUB, "control node attic Level=5");

	node_has(t, "Node not found.");
	node_lacks(t, "Set ");
	g_free(t);
	t = node_run(HUB, "control node attic");
	node_has(t, "Node not found.");
	node_lacks(t, "Control parameters of");
	g_free(t);
	ck_assert_int_eq(hub_sets(), n0);
}
END_TEST

START_TEST(test_control_several_nodes_share_their_common_parameters)
{
	char *t;

	t = node_run(HUB, "control node " DIMMER " node " RADIATOR);
	node_has(t, "Control parameters of " HUB);
	node_has(t, "Mode");
	node_has(t, "Locked");
	node_lacks(t, "Level");
	node_lacks(t, "Setpoint");
	node_lacks(t, "Power");
	g_free(t);
	hub_changed = TRUE;
	t = node_run(HUB, "control node " DIMMER " node " RADIATOR " Locked=on");
	node_has(t, "Set Locked to true on " HUB ".");
	node_lacks(t, "applied only");
	g_free(t);
	node_read_shows(DIMMER, "Locked", "true");
	node_read_shows(RADIATOR, "Locked", "true");
}
END_TEST

/* What the other tests rely on: the reset puts every value back. */
START_TEST(test_control_node_reset_puts_the_hub_back)
{
	char *t;

	hub_changed = TRUE;
	t = node_run(HUB, "control node " DIMMER " Level=80 Mode=Off");
	node_has(t, "Set Level to 80 and Mode to Off on " HUB ".");
	g_free(t);
	put_hub_back();
	node_read_shows(DIMMER, "Level", "60 %");
	node_read_shows(DIMMER, "Mode", "Manual");
}
END_TEST

/* --- a set that is never acknowledged ------------------------------------------------------ */

static guint silent_sets_written;

/* Runs after the plugin's own handler (which drops stale re-sends) and
 * before prpl-jabber writes the stanza: counts what really goes out. */
static void
sending_cb(PurpleConnection *gc, xmlnode **packet, gpointer data)
{
	xmlnode *p = packet ? *packet : NULL;
	const char *to;

	if (p == NULL || g_strcmp0(p->name, "iq") != 0 ||
	    xmlnode_get_child_with_namespace(p, "set", NS_XSF_CONTROL) == NULL)
		return;
	to = xmlnode_get_attrib(p, "to");
	if (to != NULL && g_str_has_prefix(to, SILENT))
		silent_sets_written++;
}

static gboolean
set_written(gpointer d)
{
	return silent_sets_written > 0;
}

static gboolean
node_offline(gpointer d)
{
	return !client_signed_on();
}

static gboolean
node_online(gpointer d)
{
	return client_signed_on();
}

START_TEST(test_control_set_is_never_executed_twice)
{
	static int handle;
	PurplePlugin *jabber = purple_find_prpl("prpl-jabber");
	int n0 = chat_count(SILENT, "count sets", "sets: "), n1;
	guint mark = client_output_count(SILENT);
	char *t;

	ck_assert_ptr_nonnull(jabber);
	silent_sets_written = 0;
	purple_signal_connect_priority(jabber, "jabber-sending-xmlnode", &handle,
	                               PURPLE_CALLBACK(sending_cb), NULL,
	                               PURPLE_SIGNAL_PRIORITY_HIGHEST - 1);
	/* The types come from the thing's form; then one set goes out, never answered.
	 * The account drops right after it was written, before the server can
	 * acknowledge it, and stream management re-sends its queue on the next
	 * connection. */
	client_command(SILENT, "control relay=on", 0, 0);
	ck_assert_msg(client_spin(set_written, NULL, 10000), "no set was sent:\n%s",
	              client_output_since(SILENT, mark));
	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(node_offline, NULL, 5000));
	t = client_text(client_output_since(SILENT, mark));
	node_has(t, "Controlling " SILENT "…");
	node_has(t, "Controlling " SILENT " stopped: your account went offline. The change may or "
	            "may not have been made; it is not sent again.");
	g_free(t);
	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(node_online, NULL, 10000));
	/* Past the request's old timeout: nothing more may happen to it. */
	client_sleep(3500);
	n1 = chat_count(SILENT, "count sets", "sets: ");
	purple_signal_disconnect(jabber, "jabber-sending-xmlnode", &handle, PURPLE_CALLBACK(sending_cb));
	ck_assert_msg(n1 == n0 + 1, "the thing received %d sets, not 1", n1 - n0);
	ck_assert_uint_eq(silent_sets_written, 1);
	/* Said once, and nothing after it. */
	t = client_text(client_output_since(SILENT, mark));
	ck_assert_msg(occurrences(t, "stopped: your account went offline") == 1, "%s", t);
	ck_assert_msg(occurrences(t, "Controlling " SILENT) == 2,
	              "more than the progress line and the outcome:\n%s", t);
	node_lacks(t, "did not answer");
	g_free(t);
}
END_TEST

TCase *
iot_control_node_tcase(void)
{
	TCase *tc = tcase_create("control node");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, node_teardown);
	tcase_add_test(tc, test_control_node_lists_its_form);
	tcase_add_test(tc, test_control_node_sets_and_read_shows_it);
	tcase_add_test(tc, test_control_node_hub_refuses_in_its_own_words);
	tcase_add_test(tc, test_control_node_range_is_checked_before_sending);
	tcase_add_test(tc, test_control_node_mode_changes_the_form);
	tcase_add_test(tc, test_control_node_unknown_node_gets_the_hubs_words);
	tcase_add_test(tc, test_control_several_nodes_share_their_common_parameters);
	tcase_add_test(tc, test_control_node_reset_puts_the_hub_back);
	tcase_add_test(tc, test_control_set_is_never_executed_twice);
	return tc;
}
