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
#include "client-check.h"
#include "client-controllog.h"
#include "iot-control.h"
#include "iot-dataform.h"

#include <stdlib.h>

#define HUB "hub@" DOMAIN
#define SILENT "silent@" DOMAIN
#define DIMMER "living-room-dimmer"
#define RADIATOR "bedroom-radiator"
#define NS_XSF_CONTROL "urn:xmpp:iot:control"

/* The hub was changed by a test and not yet reset. */
static gboolean hub_changed;

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

	client_read_shows(HUB, cmd, field, value);
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
	client_reset_thing(HUB);
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
	char *t = client_run(HUB, "control node " DIMMER);

	ck_has(t, "Asking " HUB " for its parameters…");
	ck_has(t, "Control parameters of " HUB);
	client_line_has(t, "Level", "number", "0 … 100", "60", NULL);
	client_line_has(t, "FadeTime", "whole number", "0 … 10000", "500", NULL);
	client_line_has(t, "Color", "colour", "#FFB070", NULL);
	client_line_has(t, "Mode", "choice", "Manual, Schedule, Off", NULL);
	client_line_has(t, "Locked", "on/off", "false", NULL);
	/* Measured, not set: the form marks it read-only. */
	client_line_has(t, "Power", "number, read-only", "7.2", NULL);
	/* Shown only while the mode is Schedule; the session field is no parameter. */
	ck_lacks(t, "WakeUp");
	ck_lacks(t, "session");
	ck_lacks(t, "Note:");
	g_free(t);

	t = client_run(HUB, "control node " RADIATOR);
	client_line_has(t, "Setpoint", "number", "5 … 30", "19.0", NULL);
	client_line_has(t, "Valve", "whole number, read-only", "35", NULL);
	ck_lacks(t, "Level");
	g_free(t);
}
END_TEST

START_TEST(test_control_node_sets_and_read_shows_it)
{
	char *t;

	hub_changed = TRUE;
	t = client_run(HUB, "control node " DIMMER " Level=35 Color=#00ff00 FadeTime=1200");
	ck_has(t, "Controlling " HUB "…");
	ck_has(t, "Set Level to 35, Color to #00FF00 and FadeTime to 1200 on " HUB ".");
	g_free(t);
	node_read_shows(DIMMER, "Level", "35 %");
	node_read_shows(DIMMER, "Color", "#00ff00");
	node_read_shows(DIMMER, "FadeTime", "1200 ms");
	client_run_has(HUB, "control node " RADIATOR " Setpoint=21.5",
	               "Set Setpoint to 21.5 on " HUB ".");
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
	t = client_run(HUB, "control node " DIMMER " FadeTime=900 Level=3");
	ck_has(t, HUB " refused Level: Below 5 % the LEDs flicker; choose 0 or at least 5.");
	ck_lacks(t, "Set ");
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
	t = client_run(HUB, "control node " DIMMER " Level=150");
	ck_has(t, "must be between 0 and 100.");
	ck_lacks(t, "Set ");
	ck_lacks(t, "refused");
	g_free(t);
	t = client_run(HUB, "control node " DIMMER " FadeTime=20000");
	ck_has(t, "must be between 0 and 10000.");
	ck_lacks(t, "Set ");
	g_free(t);
	t = client_run(HUB, "control node " DIMMER " Power=10");
	ck_has(t, "cannot be changed: the thing marks it read-only.");
	ck_lacks(t, "Set ");
	g_free(t);
	/* Nothing of it reached the hub. */
	ck_assert_int_eq(hub_sets(), n0);
	node_read_shows(DIMMER, "Level", "60 %");
}
END_TEST

START_TEST(test_control_node_mode_changes_the_form)
{
	int n0;
	char *t;

	hub_changed = TRUE;
	client_run_has(HUB, "control node " DIMMER " Mode=Schedule",
	               "Set Mode to Schedule on " HUB ".");
	node_read_shows(DIMMER, "Mode", "Schedule");
	/* Following the schedule: the level is the schedule's, a wake-up time appears. */
	t = client_run(HUB, "control node " DIMMER);
	client_line_has(t, "Level", "read-only", NULL);
	client_line_has(t, "WakeUp", "time", "07:00", NULL);
	g_free(t);
	n0 = hub_sets();
	t = client_run(HUB, "control node " DIMMER " Level=50");
	ck_has(t, "cannot be changed: the thing marks it read-only.");
	ck_lacks(t, "Set ");
	g_free(t);
	ck_assert_int_eq(hub_sets(), n0);
	client_run_has(HUB, "control node " DIMMER " WakeUp=06:45", "Set WakeUp to 06:45");
	node_read_shows(DIMMER, "WakeUp", "06:45");
}
END_TEST

/* The hub, like Waher's concentrator, refuses a node without its data source
 * ("Data source not found."). The node's source is learnt from the hub; a
 * node in none of its sources is said in words and nothing is sent. */
START_TEST(test_control_node_unknown_node_is_said_in_words)
{
	int n0 = hub_sets();
	char *t = client_run(HUB, "control node attic Level=5");

	ck_has(t, HUB " has no node “attic”.");
	ck_lacks(t, "Set ");
	ck_lacks(t, "Data source not found.");
	g_free(t);
	t = client_run(HUB, "control node attic");
	ck_has(t, HUB " has no node “attic”.");
	ck_lacks(t, "Control parameters of");
	g_free(t);
	/* With a source given the hub is asked, and answers in its own words. */
	t = client_run(HUB, "control node attic source Rooms Level=5");
	ck_has(t, "Node not found.");
	ck_lacks(t, "Set ");
	g_free(t);
	t = client_run(HUB, "control node " DIMMER " source Cellar Level=5");
	ck_has(t, "Data source not found.");
	ck_lacks(t, "Set ");
	g_free(t);
	ck_assert_int_eq(hub_sets(), n0);
	node_read_shows(DIMMER, "Level", "60 %");
}
END_TEST

START_TEST(test_control_node_with_its_source_given)
{
	hub_changed = TRUE;
	client_run_has(HUB, "control node " RADIATOR " source Rooms Setpoint=20.5",
	               "Set Setpoint to 20.5 on " HUB ".");
	node_read_shows(RADIATOR, "Setpoint", "20.5 °C");
}
END_TEST

START_TEST(test_control_several_nodes_share_their_common_parameters)
{
	char *t;

	t = client_run(HUB, "control node " DIMMER " node " RADIATOR);
	ck_has(t, "Control parameters of " HUB);
	ck_has(t, "Mode");
	ck_has(t, "Locked");
	ck_lacks(t, "Level");
	ck_lacks(t, "Setpoint");
	ck_lacks(t, "Power");
	g_free(t);
	hub_changed = TRUE;
	t = client_run(HUB, "control node " DIMMER " node " RADIATOR " Locked=on");
	ck_has(t, "Set Locked to true on " HUB ".");
	ck_lacks(t, "applied only");
	g_free(t);
	node_read_shows(DIMMER, "Locked", "true");
	node_read_shows(RADIATOR, "Locked", "true");
}
END_TEST

/* --- one control dialog for several nodes ------------------------------------------------ */

/* The adapter's controller (iot-purple-controlform.h), as the tests call it. */
typedef struct {
	void (*form)(gpointer cf, IotDataForm *form, gboolean replaces, gpointer data);
	void (*failed)(gpointer cf, const char *sentence, gpointer data);
	void (*sent)(gpointer cf, gboolean ok, const IotControlResult *result, const char *sentence,
	             gpointer data);
} FormOps;

typedef struct {
	IotDataForm *form;
	char *failed, *sent;
	gboolean ok;
	guint forms, sends;
} Dialog;

static void
dialog_form(gpointer cf, IotDataForm *form, gboolean replaces, gpointer data)
{
	Dialog *d = data;

	iot_dataform_free(d->form);
	d->form = form;
	d->forms++;
}

static void
dialog_failed(gpointer cf, const char *sentence, gpointer data)
{
	Dialog *d = data;

	g_free(d->failed);
	d->failed = g_strdup(sentence);
}

static void
dialog_sent(gpointer cf, gboolean ok, const IotControlResult *result, const char *sentence,
            gpointer data)
{
	Dialog *d = data;

	g_free(d->sent);
	d->sent = g_strdup(sentence);
	d->ok = ok;
	d->sends++;
}

static const FormOps dialog_ops = { dialog_form, dialog_failed, dialog_sent };

static gboolean
dialog_has_form(gpointer data)
{
	const Dialog *d = data;

	return d->forms > 0 || d->failed != NULL;
}

static gboolean
dialog_has_sent(gpointer data)
{
	return ((const Dialog *)data)->sends > 0;
}

START_TEST(test_control_dialog_of_several_nodes_sets_them_all_at_once)
{
	gpointer (*new_nodes)(PurpleAccount *, const char *, const IotNodeRef *, guint, const FormOps *,
	                      gpointer) = NULL;
	void (*load)(gpointer) = NULL, (*cf_free)(gpointer) = NULL;
	gboolean (*send)(gpointer, const IotDataForm *, const IotFormValues *) = NULL;
	char *(*label)(gpointer) = NULL;
	IotNodeRef nodes[2] = { { (char *)DIMMER, NULL, NULL }, { (char *)RADIATOR, NULL, NULL } };
	Dialog d = { 0 };
	IotFormValues *baseline;
	const IotFormField *f;
	GPtrArray *entries;
	IotControlLogEntry *e;
	gpointer cf;
	char *title;

	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_controlform_new_nodes",
	                          (gpointer *)&new_nodes));
	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_controlform_load", (gpointer *)&load));
	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_controlform_send", (gpointer *)&send));
	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_controlform_free", (gpointer *)&cf_free));
	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_controlform_label", (gpointer *)&label));
	cf = new_nodes(client_account(), HUB, nodes, 2, &dialog_ops, &d);
	title = label(cf);
	ck_has(title, "node " DIMMER " and 1 other node");
	g_free(title);
	load(cf);
	ck_assert_msg(client_spin(dialog_has_form, &d, CLIENT_WAIT_MS), "no form of the two nodes");
	ck_assert_msg(d.failed == NULL, "%s", d.failed);
	/* Their common parameters only; the lock differs (the dimmer's is off,
	 * the radiator's on), the mode does not. */
	ck_assert_ptr_null(iot_dataform_find(d.form, "Level"));
	ck_assert_ptr_null(iot_dataform_find(d.form, "Setpoint"));
	f = iot_dataform_find(d.form, "Locked");
	ck_assert_ptr_nonnull(f);
	ck_assert(f->not_same);
	f = iot_dataform_find(d.form, "Mode");
	ck_assert_ptr_nonnull(f);
	ck_assert(!f->not_same);
	/* One send locks both. */
	baseline = iot_dataform_snapshot(d.form);
	ck_assert(iot_dataform_set_value(d.form, "Locked", "true"));
	hub_changed = TRUE;
	ck_assert(send(cf, d.form, baseline));
	ck_assert_msg(client_spin(dialog_has_sent, &d, CLIENT_WAIT_MS), "the set did not end");
	ck_assert_msg(d.ok, "%s", d.sent);
	ck_assert_uint_eq(d.sends, 1);
	iot_form_values_free(baseline);
	cf_free(cf);
	iot_dataform_free(d.form);
	g_free(d.failed);
	g_free(d.sent);
	node_read_shows(DIMMER, "Locked", "true");
	node_read_shows(RADIATOR, "Locked", "true");
	/* The log holds the change once for each node. */
	e = client_controllog_wait_entry(0, HUB, "Locked", "true", IOT_CONTROL_OUTCOME_APPLIED, 5000);
	ck_assert_ptr_nonnull(e);
	iot_control_log_entry_free(e);
	entries = client_controllog_newest(2);
	ck_assert_uint_eq(entries->len, 2);
	{
		const IotControlLogEntry *e0 = g_ptr_array_index(entries, 0), *e1 = g_ptr_array_index(entries, 1);

		ck_assert_str_eq(e0->param, "Locked");
		ck_assert_str_eq(e1->param, "Locked");
		ck_assert_int_eq(e0->outcome, IOT_CONTROL_OUTCOME_APPLIED);
		ck_assert_int_eq(e1->outcome, IOT_CONTROL_OUTCOME_APPLIED);
		ck_assert_msg((g_strcmp0(e0->node, DIMMER) == 0 && g_strcmp0(e1->node, RADIATOR) == 0) ||
		                  (g_strcmp0(e0->node, RADIATOR) == 0 && g_strcmp0(e1->node, DIMMER) == 0),
		              "logged for %s and %s", e0->node, e1->node);
		ck_assert_ptr_nonnull(e0->node_source);
		ck_assert_ptr_nonnull(e1->node_source);
	}
	g_ptr_array_unref(entries);
}
END_TEST

/* What the other tests rely on: the reset puts every value back. */
START_TEST(test_control_node_reset_puts_the_hub_back)
{
	hub_changed = TRUE;
	client_run_has(HUB, "control node " DIMMER " Level=80 Mode=Off",
	               "Set Level to 80 and Mode to Off on " HUB ".");
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
	ck_assert(client_spin(client_offline, NULL, 5000));
	t = client_text(client_output_since(SILENT, mark));
	ck_has(t, "Controlling " SILENT "…");
	ck_has(t, "Controlling " SILENT " stopped: your account went offline. The change may or "
	            "may not have been made; it is not sent again.");
	g_free(t);
	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(client_online, NULL, 10000));
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
	ck_lacks(t, "did not answer");
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
	tcase_add_test(tc, test_control_node_unknown_node_is_said_in_words);
	tcase_add_test(tc, test_control_node_with_its_source_given);
	tcase_add_test(tc, test_control_several_nodes_share_their_common_parameters);
	tcase_add_test(tc, test_control_dialog_of_several_nodes_sets_them_all_at_once);
	tcase_add_test(tc, test_control_node_reset_puts_the_hub_back);
	tcase_add_test(tc, test_control_set_is_never_executed_twice);
	return tc;
}
