/* test-control-form.c — "Control…" from the buddy menu as Finch shows it:
 * the thing's control form through libpurple's request API, checked before
 * sending, only changed fields sent, the thing's refusals beside the fields,
 * a form made from the readout for slixmpp's thermostat (it has no form),
 * every set in the control log (the store, and the plugin's menu), a form
 * the thing pushes replacing the dialog on screen, and unloading with a
 * dialog open. */
#include "client-controllog.h"
#include "client-request.h"
#include "client.h"
#include "iot-controllog.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define FORM_LAMP "lamp@" DOMAIN
#define FORM_THERMOSTAT "thermostat@" DOMAIN
#define FORM_HUB "hub@" DOMAIN
#define FORM_WAIT_MS 15000

#define form_has(text, needle)                                                                  \
	ck_assert_msg((text) != NULL && strstr((text), (needle)) != NULL, "“%s” not in:\n%.3000s",  \
	              (needle), (text) ? (text) : "(nothing)")
#define form_lacks(text, needle)                                                                \
	ck_assert_msg((text) == NULL || strstr((text), (needle)) == NULL,                           \
	              "“%s” unexpectedly in:\n%.3000s", (needle), (text))

static gboolean lamp_changed, thermostat_changed, hub_changed;

static gboolean
dialog_shown_since(gpointer d)
{
	return client_requests_shown() > *(guint *)d && client_request_is_open();
}

/* Opens the control dialog of @who from the buddy menu and waits for its form. */
static const char *
open_form(const char *who)
{
	guint shown = client_requests_shown();

	ck_assert_msg(client_wait_menu_item(who, "Control", 10000), "no Control… for %s", who);
	ck_assert(client_menu_run(who, "Control"));
	ck_assert_msg(client_spin(dialog_shown_since, &shown, FORM_WAIT_MS), "no control form of %s", who);
	return client_request_text();
}

typedef struct {
	guint requests, notices;
} Counts;

static gboolean
dialog_or_notice_since(gpointer d)
{
	const Counts *c = d;

	return client_requests_shown() > c->requests || client_notices_shown() > c->notices;
}

/* Presses Send and waits for the dialog to come back (returns its text) or
 * for a notice (returns NULL). */
static const char *
press_send(void)
{
	Counts c = { client_requests_shown(), client_notices_shown() };

	client_request_ok();
	ck_assert_msg(client_spin(dialog_or_notice_since, &c, FORM_WAIT_MS),
	              "neither the dialog nor a notice came back");
	return client_requests_shown() > c.requests ? client_request_text() : NULL;
}

/* Entries in the store's control log, once the plugin wrote what it holds. */
static guint
log_len(void)
{
	return (guint)client_controllog_settled_count();
}

/* Asserts that entry @from_end (0 = newest) of the log in the store is
 * @param of @thing with @outcome, asked to become @new_value (waiting for
 * the plugin to write it). */
static void
log_entry_is(guint from_end, const char *thing, const char *param, const char *new_value,
             IotControlOutcome outcome, const char *detail_part)
{
	IotControlLogEntry *e = client_controllog_wait_entry(from_end, thing, param, new_value, outcome, 5000);

	ck_assert_msg(e != NULL, "entry %u of the control log is not %s of %s = %s, outcome %d", from_end,
	              param, thing, new_value, outcome);
	if (detail_part != NULL)
		form_has(e->detail, detail_part);
	ck_assert(llabs(e->time - g_get_real_time()) < 60 * G_USEC_PER_SEC);
	ck_assert_str_eq(e->account, "alice@" DOMAIN);
	iot_control_log_entry_free(e);
}

static char *
read_text(const char *who)
{
	return client_text(client_command(who, "read", 2, FORM_WAIT_MS));
}

static void
form_setup(void)
{
	client_request_setup();
}

static void
form_teardown(void)
{
	while (client_request_is_open())
		client_request_cancel();
	if (lamp_changed) {
		char *reply = client_chat(FORM_LAMP, "reset", 5000);

		g_free(reply);
		lamp_changed = FALSE;
	}
	if (hub_changed) {
		g_free(client_chat(FORM_HUB, "reset", 5000));
		hub_changed = FALSE;
	}
	if (thermostat_changed) {
		g_free(client_text(client_command(FORM_THERMOSTAT, "control heater=false setpoint=20.0 mode=Eco",
		                                  2, FORM_WAIT_MS)));
		thermostat_changed = FALSE;
	}
}

static gboolean
contact_menu_has(const char *who, const char *label_part)
{
	PurpleContact *contact = purple_buddy_get_contact(purple_find_buddy(client_account(), who));
	GList *menu = purple_blist_node_get_extended_menu((PurpleBlistNode *)contact), *l;
	gboolean found = FALSE;

	for (l = menu; l != NULL; l = l->next) {
		PurpleMenuAction *a = l->data;

		found |= a != NULL && strstr(a->label, label_part) != NULL;
		if (a != NULL)
			purple_menu_action_free(a);
	}
	g_list_free(menu);
	return found;
}

START_TEST(test_control_menu_only_for_things_that_offer_control)
{
	PurpleMenuAction *a;

	ck_assert(client_wait_menu_item(FORM_LAMP, "Control", 10000));
	ck_assert(client_wait_menu_item(FORM_THERMOSTAT, "Control", 10000));
	ck_assert(client_wait_menu_item("meter@" DOMAIN, "Read sensor", 10000));
	/* The meter has sensor data only; Bob is a person. */
	a = client_menu_item("meter@" DOMAIN, "Read sensor");
	ck_assert_ptr_nonnull(a);
	purple_menu_action_free(a);
	ck_assert_ptr_null(client_menu_item("meter@" DOMAIN, "Control"));
	ck_assert_ptr_null(client_menu_item("bob@" DOMAIN, "Control"));
	/* Finch asks for the menu of the contact, not of its buddy. */
	ck_assert(contact_menu_has(FORM_LAMP, "Control"));
	ck_assert(contact_menu_has(FORM_LAMP, "Read sensor"));
	ck_assert(!contact_menu_has("bob@" DOMAIN, "Control"));
}
END_TEST

START_TEST(test_lamp_form_is_shown_with_its_types_and_ranges)
{
	const char *t = open_form(FORM_LAMP);

	form_has(t, "Control Desk lamp (" FORM_LAMP ")");
	form_has(t, "\nDesk lamp\n"); /* the form's title */
	form_has(t, "On = ");
	form_has(t, "Brightness (0 – 100) = ");
	form_has(t, "Colour = #");
	client_request_cancel();
	ck_assert(!client_request_is_open());
}
END_TEST

START_TEST(test_invalid_input_is_blocked_with_a_message_and_nothing_is_sent)
{
	guint before = log_len();
	const char *t;

	open_form(FORM_LAMP);
	ck_assert(client_request_set("Brightness", "150"));
	ck_assert(client_request_set("Colour", "#12345"));
	t = press_send();
	/* The dialog is back with the reasons and the person's input; the lamp
	 * was never asked. */
	form_has(t, "Nothing was sent");
	form_has(t, "⚠ Brightness: Brightness must be between 0 and 100.");
	form_has(t, "Brightness (0 – 100) ⚠ = 150");
	form_has(t, "⚠ Colour: Colour must be");
	ck_assert_uint_eq(log_len(), before);
	client_request_cancel();
}
END_TEST

START_TEST(test_only_changed_fields_are_sent_and_read_back)
{
	guint before = log_len();
	char *r;

	open_form(FORM_LAMP);
	ck_assert(client_request_set("Brightness", "45"));
	lamp_changed = TRUE;
	ck_assert_ptr_null(press_send());
	form_has(client_last_notice(), FORM_LAMP " applied the change.");
	/* One parameter changed, one sent, one logged. */
	log_entry_is(0, FORM_LAMP, "brightness", "45", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	ck_assert_uint_eq(log_len(), before + 1);
	r = read_text(FORM_LAMP);
	form_has(r, "brightness");
	form_has(r, "45");
	g_free(r);
}
END_TEST

START_TEST(test_two_changes_then_the_form_shows_them)
{
	const char *t;

	open_form(FORM_LAMP);
	ck_assert(client_request_set("Brightness", "35"));
	ck_assert(client_request_set("Colour", "#3366ff"));
	lamp_changed = TRUE;
	ck_assert_ptr_null(press_send());
	form_has(client_last_notice(), FORM_LAMP " applied the 2 changes.");
	log_entry_is(1, FORM_LAMP, "brightness", "35", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	log_entry_is(0, FORM_LAMP, "color", "3366FF", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	/* A new dialog asks the lamp again: its form has the new values. */
	t = open_form(FORM_LAMP);
	form_has(t, "Brightness (0 – 100) = 35");
	form_has(t, "Colour = #3366FF");
	client_request_cancel();
}
END_TEST

START_TEST(test_the_things_refusal_is_shown_beside_the_field)
{
	const char *t;

	open_form(FORM_LAMP);
	ck_assert(client_request_set("Brightness", "99"));
	t = press_send();
	form_has(t, "refused the change");
	form_has(t, "⚠ Brightness: Too bright for this lamp.");
	form_has(t, "Brightness (0 – 100) ⚠ = 99");
	log_entry_is(0, FORM_LAMP, "brightness", "99", IOT_CONTROL_OUTCOME_REFUSED,
	             "Too bright for this lamp.");
	client_request_cancel();
}
END_TEST

START_TEST(test_thermostat_without_a_form_gets_one_from_its_readout)
{
	const char *t = open_form(FORM_THERMOSTAT);
	char *r;

	/* slixmpp has no getForm: the parameters and their types come from the
	 * readout; identity fields such as firmware are not offered. */
	form_has(t, "setpoint (°C) = 20.0");
	form_has(t, "heater = false");
	form_has(t, "mode = Eco");
	ck_assert(client_request_set("setpoint", "21.5 °C"));
	ck_assert(client_request_set("heater", "true"));
	thermostat_changed = TRUE;
	t = press_send();
	form_lacks(t, "Control");
	form_has(client_last_notice(), FORM_THERMOSTAT " applied the 2 changes.");
	log_entry_is(1, FORM_THERMOSTAT, "setpoint", "21.5", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	log_entry_is(0, FORM_THERMOSTAT, "heater", "true", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	r = read_text(FORM_THERMOSTAT);
	form_has(r, "21.5");
	g_free(r);
}
END_TEST

/* Node dialogs open from the concentrator's tree in a UI; here the dialog of
 * a node is opened through the plugin's own function. */
static const char *
open_node_form(const char *who, const char *node)
{
	void (*open_fn)(PurpleAccount *, const char *, const char *) = NULL;
	guint shown = client_requests_shown();

	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_control_request_open",
	                          (gpointer *)&open_fn));
	open_fn(client_account(), who, node);
	ck_assert_msg(client_spin(dialog_shown_since, &shown, FORM_WAIT_MS), "no control form of %s", node);
	return client_request_text();
}

START_TEST(test_post_back_field_updates_the_form_then_a_node_is_set)
{
	const char *t = open_node_form(FORM_HUB, "living-room-dimmer");
	char *r;

	/* XEP-0141 pages and sections become groups; a read-only value stays read-only. */
	form_has(t, "Living room dimmer");
	form_has(t, "Level (%) (0 – 100) = 60");
	form_has(t, "Power (W) = 7.2 (read-only)");
	form_lacks(t, "Wake-up time");
	/* Mode posts back (XEP-0336): the hub's new form has a wake-up time and
	 * a read-only level, and the person's choice is kept. */
	ck_assert(client_request_set("Mode", "Follow the schedule"));
	hub_changed = TRUE;
	t = press_send();
	form_has(t, "The form was updated after your choice");
	form_has(t, "Wake-up time");
	form_has(t, "Level (%) (0 – 100) = 60 (read-only)");
	form_has(t, "Mode = Follow the schedule");
	ck_assert(client_request_set("Wake-up time", "06:45:00"));
	ck_assert_ptr_null(press_send());
	form_has(client_last_notice(), FORM_HUB " applied the 2 changes.");
	log_entry_is(0, FORM_HUB, "WakeUp", "06:45:00", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	r = client_text(client_command(FORM_HUB, "read node living-room-dimmer", 2, FORM_WAIT_MS));
	form_has(r, "Schedule");
	form_has(r, "06:45:00");
	g_free(r);
}
END_TEST

/* A thing may push a new form for an open dialog (XEP-0336 <updated/>), also
 * in the namespace of the XEP-0325 v0.1 examples: the dialog shows it. */
START_TEST(test_a_form_pushed_in_the_old_namespace_is_shown)
{
	const char *t = open_node_form(FORM_HUB, "living-room-dimmer");
	guint shown;
	char *reply;

	form_has(t, "Level (%) (0 – 100) = 60");
	hub_changed = TRUE;
	shown = client_requests_shown();
	/* Someone turns the dimmer at the hub; the hub pushes every open session. */
	reply = client_chat(FORM_HUB, "turn living-room-dimmer Level=42 old", 5000);
	ck_assert_msg(reply != NULL && g_str_has_prefix(reply, "pushed: ") && atoi(reply + 8) >= 1,
	              "the hub answered “%s”", reply ? reply : "(nothing)");
	g_free(reply);
	ck_assert_msg(client_spin(dialog_shown_since, &shown, FORM_WAIT_MS), "the pushed form was not shown");
	t = client_request_text();
	form_has(t, FORM_HUB " updated the form. Check it and send.");
	form_has(t, "Level (%) (0 – 100) = 42");
	form_has(t, "Living room dimmer");
	/* The pushed form replaced the dialog: one is open, and it closes once. */
	client_request_cancel();
	ck_assert(!client_request_is_open());
}
END_TEST

/* The hub sends the forms of its sessions with us again (XEP-0336 §3.9
 * <updated/>), as a thing does when something else changed it. The
 * dialog on screen is replaced, never doubled; returns the new one's text. */
static const char *
push_forms(void)
{
	guint shown = client_requests_shown();
	char *r = client_chat(FORM_HUB, "push forms", 5000);

	ck_assert_msg(r != NULL && g_str_has_prefix(r, "pushed: ") && atoi(r + strlen("pushed: ")) >= 1,
	              "the hub answered “%s”", r ? r : "(nothing)");
	g_free(r);
	/* The forms came before the answer. */
	ck_assert_uint_eq(client_requests_shown(), shown + 1);
	ck_assert_uint_eq(client_requests_open(), 1);
	return client_request_text();
}

START_TEST(test_a_pushed_form_replaces_the_dialog_and_sends)
{
	const char *t = open_node_form(FORM_HUB, "living-room-dimmer");
	char *r;

	form_has(t, "Fade time (ms) (0 – 10000) = 500");
	/* Something else changes the dimmer; the hub tells the open dialog. */
	r = client_text(client_command(FORM_HUB, "control FadeTime=800 node living-room-dimmer", 2,
	                               FORM_WAIT_MS));
	hub_changed = TRUE;
	form_has(r, "800");
	g_free(r);
	t = push_forms();
	form_has(t, FORM_HUB " updated the form. Check it and send.");
	form_has(t, "Fade time (ms) (0 – 10000) = 800");
	/* The dialog that replaced it still talks to the thing. */
	ck_assert(client_request_set("Fade time", "900"));
	ck_assert_ptr_null(press_send());
	form_has(client_last_notice(), FORM_HUB " applied the change.");
	log_entry_is(0, FORM_HUB, "FadeTime", "900", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	ck_assert(!client_request_is_open());
}
END_TEST

START_TEST(test_a_pushed_form_then_close)
{
	guint shown;
	char *r;

	open_node_form(FORM_HUB, "living-room-dimmer");
	push_forms();
	push_forms();
	client_request_cancel();
	ck_assert(!client_request_is_open());
	/* Closing ended the form's session: a later push opens nothing. */
	shown = client_requests_shown();
	r = client_chat(FORM_HUB, "push forms", 5000);
	ck_assert_ptr_nonnull(r);
	g_free(r);
	ck_assert_uint_eq(client_requests_shown(), shown);
	ck_assert(!client_request_is_open());
}
END_TEST

/* Unloading closes the dialog; Finch then runs its cancel callback, which
 * must not end the dialog a second time. */
START_TEST(test_unload_with_a_control_dialog_open)
{
	open_node_form(FORM_HUB, "living-room-dimmer");
	ck_assert(client_request_is_open());
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_uint_eq(client_requests_open(), 0);
	ck_assert(purple_plugin_load(client_plugin()));
}
END_TEST

static gboolean
table_since(gpointer d)
{
	return client_tables_shown() > *(guint *)d;
}

START_TEST(test_control_log_opens_from_the_plugin_menu)
{
	PurplePlugin *plugin = client_plugin();
	GList *actions, *l;
	guint tables = client_tables_shown();
	PurplePluginAction *log_action = NULL;
	char *t;

	/* A /control set is logged as well, with the value before. */
	t = client_text(client_command(FORM_LAMP, "control brightness=55", 2, FORM_WAIT_MS));
	lamp_changed = TRUE;
	form_has(t, "Set brightness to 55");
	g_free(t);
	log_entry_is(0, FORM_LAMP, "brightness", "55", IOT_CONTROL_OUTCOME_APPLIED, NULL);

	actions = PURPLE_PLUGIN_ACTIONS(plugin, NULL);
	for (l = actions; l != NULL; l = l->next) {
		PurplePluginAction *a = l->data;

		if (a != NULL && strcmp(a->label, "Control log") == 0)
			log_action = a;
	}
	ck_assert_ptr_nonnull(log_action);
	log_action->plugin = plugin;
	log_action->callback(log_action);
	ck_assert(client_spin(table_since, &tables, 5000));
	/* Newest first: time|thing|node|parameter|change|result|detail. */
	form_has(client_last_table(), "|" FORM_LAMP "||brightness|");
	form_has(client_last_table(), "→ 55|applied|");
	g_list_free_full(actions, (GDestroyNotify)purple_plugin_action_free);
}
END_TEST

/* The sessions of forms the hub holds for us: it pushes each one again
 * and says how many ("pushed: N"). Asks up to 3 s for "pushed: 0"; returns
 * the last answer. */
static char *
hub_sessions_gone(void)
{
	char *r = NULL;
	int i;

	for (i = 0; i < 15; i++) {
		g_free(r);
		r = client_chat(FORM_HUB, "push forms", 5000);
		if (r != NULL && strcmp(r, "pushed: 0") == 0)
			break;
		client_sleep(200);
	}
	return r;
}

/* /control learns the parameters from the thing's form; a thing that keeps
 * a session per form (XEP-0336) is told that it is over once the command is
 * done — set, stopped before sending, or only listed — as the dialog does
 * when it closes: the hub then holds no session of ours. */
START_TEST(test_control_command_ends_the_form_session)
{
	static const char *const commands[] = {
		"control FadeTime=700 node living-room-dimmer", /* set */
		"control Nope=1 node living-room-dimmer",       /* stopped: no such parameter */
		"control node living-room-dimmer",              /* the list */
	};
	guint i;

	/* No session of an earlier test. */
	g_free(client_chat(FORM_HUB, "reset", 5000));
	hub_changed = TRUE;
	for (i = 0; i < G_N_ELEMENTS(commands); i++) {
		char *r = client_text(client_command(FORM_HUB, commands[i], 2, FORM_WAIT_MS));

		form_has(r, i == 0 ? "700" : i == 1 ? "Nope" : "FadeTime");
		g_free(r);
		r = hub_sessions_gone();
		ck_assert_msg(g_strcmp0(r, "pushed: 0") == 0, "after /%s the hub holds sessions: %s",
		              commands[i], r != NULL ? r : "(no answer)");
		g_free(r);
	}
	ck_assert(!client_request_is_open());
}
END_TEST

TCase *iot_control_form_tcase(void);

TCase *
iot_control_form_tcase(void)
{
	TCase *tc = tcase_create("control form");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, form_setup, form_teardown);
	tcase_add_test(tc, test_control_menu_only_for_things_that_offer_control);
	tcase_add_test(tc, test_lamp_form_is_shown_with_its_types_and_ranges);
	tcase_add_test(tc, test_invalid_input_is_blocked_with_a_message_and_nothing_is_sent);
	tcase_add_test(tc, test_only_changed_fields_are_sent_and_read_back);
	tcase_add_test(tc, test_two_changes_then_the_form_shows_them);
	tcase_add_test(tc, test_the_things_refusal_is_shown_beside_the_field);
	tcase_add_test(tc, test_thermostat_without_a_form_gets_one_from_its_readout);
	tcase_add_test(tc, test_post_back_field_updates_the_form_then_a_node_is_set);
	tcase_add_test(tc, test_a_form_pushed_in_the_old_namespace_is_shown);
	tcase_add_test(tc, test_control_log_opens_from_the_plugin_menu);
	tcase_add_test(tc, test_a_pushed_form_replaces_the_dialog_and_sends);
	tcase_add_test(tc, test_a_pushed_form_then_close);
	tcase_add_test(tc, test_control_command_ends_the_form_session);
	/* Last: the plugin is loaded again, without the presences of its contacts. */
	tcase_add_test(tc, test_unload_with_a_control_dialog_open);
	return tc;
}
