/* test-control-cmd.c — /control end to end: slixmpp's own XEP-0325 thermostat
 * (no control form: types from its readout), the NFI desk lamp (a control form
 * with ranges; its own refusals), things that cannot be controlled. Each
 * change is read back with /read. After every test that may have changed a
 * thing — also a failing one — the thing is put back as data/home.json has
 * it: each test starts from there, and later tests read the same values. */
#include "client-check.h"
#include "client-controllog.h"

#include <stdio.h>

#define CTL_THERMOSTAT "thermostat@" DOMAIN
#define CTL_LAMP "lamp@" DOMAIN
#define CTL_SILENT "silent@" DOMAIN

/* Things changed by a test and not yet put back. */
static gboolean thermostat_changed, lamp_changed;

static void
put_thermostat_back(void)
{
	char *t = client_run(CTL_THERMOSTAT, "control heater=false setpoint=20.0 mode=Eco");

	ck_has(t, "Set heater to false, setpoint to 20.0 and mode to Eco on " CTL_THERMOSTAT ".");
	g_free(t);
	thermostat_changed = FALSE;
}

static void
put_lamp_back(void)
{
	client_reset_thing(CTL_LAMP);
	lamp_changed = FALSE;
}

/* Runs after every test, also a failing one. */
static void
ctl_teardown(void)
{
	if (thermostat_changed)
		put_thermostat_back();
	if (lamp_changed)
		put_lamp_back();
}

/* --- slixmpp's thermostat: no control form ----------------------------------------- */

START_TEST(test_control_lists_thermostat_parameters)
{
	char *t = client_run(CTL_THERMOSTAT, "control");

	ck_has(t, "Asking " CTL_THERMOSTAT " for its parameters…");
	ck_has(t, "Control parameters of " CTL_THERMOSTAT);
	client_line_has(t, "setpoint", "number", "20.0 °C", NULL);
	client_line_has(t, "heater", "on/off", "false", NULL);
	client_line_has(t, "mode", "choice", "Eco", NULL);
	/* Without a form the readout is all there is, and the list says so. */
	ck_has(t, "Note: " CTL_THERMOSTAT " sent no control form");
	g_free(t);
}
END_TEST

START_TEST(test_control_sets_thermostat_and_read_shows_it)
{
	char *t;

	thermostat_changed = TRUE;
	t = client_run(CTL_THERMOSTAT, "control heater=on setpoint=22.5");
	ck_has(t, "Controlling " CTL_THERMOSTAT "…");
	ck_has(t, "Set heater to true and setpoint to 22.5 on " CTL_THERMOSTAT ".");
	g_free(t);
	client_read_shows(CTL_THERMOSTAT, "read", "heater", "true");
	client_read_shows(CTL_THERMOSTAT, "read", "setpoint", "22.5 °C");
}
END_TEST

START_TEST(test_control_units_quotes_and_choices)
{
	char *t;

	thermostat_changed = TRUE;
	/* A unit glued to the number, the thing's own unit: accepted. */
	client_run_has(CTL_THERMOSTAT, "control mode=Comfort setpoint=21.5°C",
	               "Set mode to Comfort and setpoint to 21.5 on " CTL_THERMOSTAT ".");
	client_read_shows(CTL_THERMOSTAT, "read", "mode", "Comfort");
	client_read_shows(CTL_THERMOSTAT, "read", "setpoint", "21.5 °C");
	/* A value with a blank, in quotes. */
	client_run_has(CTL_THERMOSTAT, "control setpoint=\"21 °C\"",
	               "Set setpoint to 21 on " CTL_THERMOSTAT ".");
	/* Another unit: refused here, nothing sent. */
	t = client_run(CTL_THERMOSTAT, "control setpoint=70°F");
	ck_has(t, "setpoint is in °C, not in °F.");
	ck_lacks(t, "Set ");
	g_free(t);
	client_read_shows(CTL_THERMOSTAT, "read", "setpoint", "21 °C");
}
END_TEST

START_TEST(test_control_unknown_parameter_lists_the_known_ones)
{
	char *t = client_run(CTL_THERMOSTAT, "control fan=on");

	ck_has(t, CTL_THERMOSTAT " has no parameter “fan”.");
	ck_has(t, "the values it reports are: ");
	ck_has(t, "setpoint");
	ck_has(t, "heater");
	ck_lacks(t, "Set ");
	g_free(t);
}
END_TEST

START_TEST(test_control_bad_value_sends_nothing)
{
	char *t, *line;

	/* The good setpoint is not sent either: one mistake stops the request. */
	t = client_run(CTL_THERMOSTAT, "control setpoint=25 heater=maybe");
	ck_has(t, "heater must be on or off");
	ck_lacks(t, "Set ");
	g_free(t);
	t = client_run(CTL_THERMOSTAT, "read");
	line = client_line(t, "setpoint");
	ck_lacks(line, "25");
	g_free(line);
	g_free(t);
	/* One line per parameter. */
	client_run_has(CTL_THERMOSTAT, "control setpoint=warm heater=maybe",
	               "setpoint must be a number, like 21.5.\nheater must be on or off");
}
END_TEST

START_TEST(test_control_thermostat_refuses_in_its_own_words)
{
	/* temperature is a sensor value, not a control: slixmpp says so itself. */
	char *t = client_run(CTL_THERMOSTAT, "control temperature=5");

	ck_has(t, CTL_THERMOSTAT " refused temperature: Invalid field temperature");
	g_free(t);
	client_read_shows(CTL_THERMOSTAT, "read", "temperature", "21.50 °C");
}
END_TEST

START_TEST(test_control_arguments_say_how)
{
	char *t = client_text(client_command(CTL_THERMOSTAT, "control heater", 1, 2000));

	ck_has(t, "“heater” is not name=value");
	g_free(t);
	t = client_text(client_command(CTL_THERMOSTAT, "control heater=on heater=off", 1, 2000));
	ck_has(t, "“heater” is given twice");
	g_free(t);
	t = client_text(client_command(CTL_THERMOSTAT, "control =on", 1, 2000));
	ck_has(t, "has no parameter name");
	g_free(t);
	t = client_text(client_command(CTL_THERMOSTAT, "control setpoint=\"21", 1, 2000));
	ck_has(t, "A quote is not closed.");
	g_free(t);
}
END_TEST

/* --- asked once: no control form, the last values known ------------------------------ */

/* What the thermostat received so far (it counts them, data/home.json). */
typedef struct {
	int get_form, req, set;
} Asked;

static Asked
thermostat_asked(void)
{
	char *reply = client_chat(CTL_THERMOSTAT, "count", 5000);
	Asked a = { -1, -1, -1 };

	ck_assert_msg(reply != NULL, "the thermostat did not say what it was asked");
	ck_assert_msg(sscanf(reply, "count: getForm %d req %d set %d", &a.get_form, &a.req, &a.set) == 3,
	              "the thermostat answered “%s”", reply);
	g_free(reply);
	return a;
}

#define ck_asked(before, after, n_get_form, n_req, n_set)                                        \
	ck_assert_msg((after).get_form - (before).get_form == (n_get_form) &&                        \
	                  (after).req - (before).req == (n_req) && (after).set - (before).set == (n_set), \
	              "the thermostat was asked getForm %d, req %d, set %d times, not %d, %d, %d",    \
	              (after).get_form - (before).get_form, (after).req - (before).req,              \
	              (after).set - (before).set, (n_get_form), (n_req), (n_set))


/* What the plugin hears of the thermostat's presence, as if it came from the
 * server: @type NULL (available) or "unavailable", with caps @ver (nullable). */
static void
thermostat_presence(const char *type, const char *ver)
{
	PurpleConnection *gc = purple_account_get_connection(client_account());
	xmlnode *p = xmlnode_new("presence");

	xmlnode_set_namespace(p, "jabber:client");
	xmlnode_set_attrib(p, "from", CTL_THERMOSTAT "/hw");
	if (type != NULL)
		xmlnode_set_attrib(p, "type", type);
	if (ver != NULL) {
		xmlnode *c = xmlnode_new_child(p, "c");

		xmlnode_set_namespace(c, "http://jabber.org/protocol/caps");
		xmlnode_set_attrib(c, "hash", "sha-1");
		xmlnode_set_attrib(c, "node", "https://slixmpp.readthedocs.io");
		xmlnode_set_attrib(c, "ver", ver);
	}
	ck_assert_ptr_nonnull(gc);
	purple_signal_emit_return_1(purple_connection_get_prpl(gc), "jabber-receiving-presence", gc, type,
	                            CTL_THERMOSTAT "/hw", p);
	xmlnode_free(p);
}

START_TEST(test_control_again_sends_only_the_set)
{
	Asked before, after;
	gint64 t0;
	double s;
	char *t;

	thermostat_changed = TRUE;
	client_run_has(CTL_THERMOSTAT, "control setpoint=21.0",
	               "Set setpoint to 21.0 on " CTL_THERMOSTAT ".");
	before = thermostat_asked();
	/* It has no form and said so; its values were read: nothing to ask again. */
	t0 = g_get_monotonic_time();
	t = client_run(CTL_THERMOSTAT, "control setpoint=21.5 heater=on");
	s = (g_get_monotonic_time() - t0) / 1e6;
	ck_has(t, "Set setpoint to 21.5 and heater to true on " CTL_THERMOSTAT ".");
	g_free(t);
	after = thermostat_asked();
	ck_asked(before, after, 0, 0, 1);
	ck_assert_msg(s < 1.0 * client_slowdown(), "took %.2f s", s);
	/* The values it last reported still check what is typed: its unit, */
	t = client_run(CTL_THERMOSTAT, "control setpoint=70°F");
	ck_has(t, "setpoint is in °C, not in °F.");
	ck_lacks(t, "Set ");
	g_free(t);
	/* and a name it never reported is looked for in a new readout. */
	client_run_has(CTL_THERMOSTAT, "control fan=on", CTL_THERMOSTAT " has no parameter “fan”.");
	before = after;
	after = thermostat_asked();
	ck_asked(before, after, 0, 1, 0);
	client_read_shows(CTL_THERMOSTAT, "read", "setpoint", "21.5 °C");
}
END_TEST

START_TEST(test_control_asks_again_when_the_thing_changes)
{
	Asked before, after;

	thermostat_changed = TRUE;
	client_run_has(CTL_THERMOSTAT, "control setpoint=21.0",
	               "Set setpoint to 21.0 on " CTL_THERMOSTAT ".");
	/* Other caps: it may have a form now, and other values. */
	before = thermostat_asked();
	thermostat_presence(NULL, "0ther+caps=");
	client_run_has(CTL_THERMOSTAT, "control setpoint=21.5",
	               "Set setpoint to 21.5 on " CTL_THERMOSTAT ".");
	after = thermostat_asked();
	ck_asked(before, after, 1, 1, 1);
	/* Known again, with those caps. */
	before = after;
	client_run_has(CTL_THERMOSTAT, "control setpoint=22.0",
	               "Set setpoint to 22.0 on " CTL_THERMOSTAT ".");
	after = thermostat_asked();
	ck_asked(before, after, 0, 0, 1);
	/* Gone and back (as slixmpp announces itself: no caps). */
	before = after;
	thermostat_presence("unavailable", NULL);
	thermostat_presence(NULL, NULL);
	client_run_has(CTL_THERMOSTAT, "control setpoint=22.5",
	               "Set setpoint to 22.5 on " CTL_THERMOSTAT ".");
	after = thermostat_asked();
	ck_asked(before, after, 1, 1, 1);
}
END_TEST

/* --- the NFI lamp: a control form ---------------------------------------------------- */

START_TEST(test_control_lists_lamp_form)
{
	char *t = client_run(CTL_LAMP, "control");

	ck_has(t, "Control parameters of " CTL_LAMP);
	client_line_has(t, "brightness", "number", "0 … 100", "40", NULL);
	client_line_has(t, "color", "colour", "#FFCC00", NULL);
	client_line_has(t, "  on ", "on/off", "true", NULL);
	ck_lacks(t, "Note:");
	g_free(t);
}
END_TEST

START_TEST(test_control_sets_lamp_and_read_shows_it)
{
	lamp_changed = TRUE;
	client_run_has(CTL_LAMP, "control brightness=70 color=#00ff00",
	               "Set brightness to 70 and color to #00FF00 on " CTL_LAMP ".");
	client_read_shows(CTL_LAMP, "read", "brightness", "70 %");
	client_read_shows(CTL_LAMP, "read", "color", "#00ff00");
	client_run_has(CTL_LAMP, "control on=off", "Set on to false on " CTL_LAMP ".");
	client_read_shows(CTL_LAMP, "read", "  on ", "false");
}
END_TEST

START_TEST(test_control_lamp_form_range_is_checked_first)
{
	char *t;

	lamp_changed = TRUE;
	t = client_run(CTL_LAMP, "control brightness=150");
	ck_has(t, "Brightness must be between 0 and 100.");
	ck_lacks(t, "Set ");
	g_free(t);
	client_run_has(CTL_LAMP, "control color=#00ff0080", "must be #RRGGBB");
	t = client_run(CTL_LAMP, "control dimmer=3");
	ck_has(t, CTL_LAMP " has no parameter “dimmer”.");
	ck_has(t, "Its parameters are: on, brightness, color.");
	g_free(t);
	client_read_shows(CTL_LAMP, "read", "brightness", "40 %");
}
END_TEST

START_TEST(test_control_lamp_refuses_in_its_own_words)
{
	char *t;

	lamp_changed = TRUE;
	/* Within the form's range, refused by the lamp itself (data/home.json). */
	t = client_run(CTL_LAMP, "control color=#0000ff brightness=99");
	ck_has(t, CTL_LAMP " refused brightness: Too bright for this lamp.");
	ck_lacks(t, "Set ");
	g_free(t);
	/* All or nothing: the colour was not applied either. */
	client_read_shows(CTL_LAMP, "read", "brightness", "40 %");
	client_read_shows(CTL_LAMP, "read", "color", "#ffcc00");
}
END_TEST

/* --- things that cannot be controlled ----------------------------------------------- */

START_TEST(test_control_needs_a_controllable_thing)
{
	char *t = client_run("bob@" DOMAIN, "control heater=on");

	ck_has(t, "bob@" DOMAIN " does not offer control.");
	g_free(t);
	client_run_has("offline@" DOMAIN, "control heater=on", "offline@" DOMAIN " is offline");
}
END_TEST

START_TEST(test_help_control)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(),
	                                                   CTL_THERMOSTAT);
	GList *help = purple_cmd_help(conv, "control");

	ck_assert_ptr_nonnull(help);
	ck_has((const char *)help->data, "/control heater=on setpoint=21.5");
	ck_has((const char *)help->data, "node &lt;id&gt;");
	ck_has((const char *)help->data, "source &lt;data source&gt;");
	g_list_free(help);
}
END_TEST

static gboolean
timed_out(gpointer mark)
{
	char *t = client_text(client_output_since(CTL_SILENT, *(guint *)mark));
	gboolean done = strstr(t, CTL_SILENT " did not answer within 3 s") != NULL;

	g_free(t);
	return done;
}

/* A set is in the store as it goes out, "unknown" while the thing has not
 * answered — a crash then leaves it in the log as what it is — and its
 * outcome replaces that on the same row. */
START_TEST(test_control_is_logged_while_it_waits_for_the_answer)
{
	gint64 before = client_controllog_settled_count();
	guint mark = client_output_count(CTL_SILENT);
	IotControlLogEntry *e;
	char *t;

	client_command(CTL_SILENT, "control relay=on", 0, 0);
	/* Written within a second, long before the 3 s the thing may take. */
	e = client_controllog_wait_entry(0, CTL_SILENT, "relay", "true", IOT_CONTROL_OUTCOME_UNKNOWN, 2500);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_null(e->detail); /* no answer yet, and no timeout either */
	ck_assert_str_eq(e->account, "alice@" DOMAIN);
	ck_assert_int_eq(client_controllog_count(), before + 1);
	t = client_text(client_output_since(CTL_SILENT, mark));
	ck_lacks(t, "did not answer");
	g_free(t);
	iot_control_log_entry_free(e);
	/* The timeout is the outcome: still unknown, now with the sentence the
	 * person read, on the same row. */
	ck_assert(client_spin(timed_out, &mark, 10000));
	client_sleep(CLIENT_CONTROLLOG_SETTLE_MS);
	e = client_controllog_wait_entry(0, CTL_SILENT, "relay", "true", IOT_CONTROL_OUTCOME_UNKNOWN, 100);
	ck_assert_ptr_nonnull(e);
	ck_assert_msg(e->detail != NULL && strstr(e->detail, "did not answer within 3 s") != NULL, "detail: %s",
	              e->detail ? e->detail : "(none)");
	iot_control_log_entry_free(e);
	ck_assert_int_eq(client_controllog_count(), before + 1);
}
END_TEST

/* What the other tests rely on: putting things back works. */
START_TEST(test_control_puts_the_home_back)
{
	thermostat_changed = lamp_changed = TRUE;
	client_run_has(CTL_THERMOSTAT, "control heater=yes setpoint=23 mode=Off",
	               "Set heater to true, setpoint to 23 and mode to Off on " CTL_THERMOSTAT ".");
	client_run_has(CTL_LAMP, "control on=0 brightness=5 color=#123456",
	               "Set on to false, brightness to 5 and color to #123456 on " CTL_LAMP ".");
	put_thermostat_back();
	client_read_shows(CTL_THERMOSTAT, "read", "setpoint", "20.0 °C");
	client_read_shows(CTL_THERMOSTAT, "read", "heater", "false");
	client_read_shows(CTL_THERMOSTAT, "read", "mode", "Eco");
	put_lamp_back();
	client_read_shows(CTL_LAMP, "read", "brightness", "40 %");
	client_read_shows(CTL_LAMP, "read", "color", "#ffcc00");
	client_read_shows(CTL_LAMP, "read", "  on ", "true");
}
END_TEST

TCase *
iot_control_cmd_tcase(void)
{
	TCase *tc = tcase_create("control");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, ctl_teardown);
	tcase_add_test(tc, test_control_lists_thermostat_parameters);
	tcase_add_test(tc, test_control_sets_thermostat_and_read_shows_it);
	tcase_add_test(tc, test_control_units_quotes_and_choices);
	tcase_add_test(tc, test_control_unknown_parameter_lists_the_known_ones);
	tcase_add_test(tc, test_control_bad_value_sends_nothing);
	tcase_add_test(tc, test_control_thermostat_refuses_in_its_own_words);
	tcase_add_test(tc, test_control_arguments_say_how);
	tcase_add_test(tc, test_control_again_sends_only_the_set);
	tcase_add_test(tc, test_control_asks_again_when_the_thing_changes);
	tcase_add_test(tc, test_control_lists_lamp_form);
	tcase_add_test(tc, test_control_sets_lamp_and_read_shows_it);
	tcase_add_test(tc, test_control_lamp_form_range_is_checked_first);
	tcase_add_test(tc, test_control_lamp_refuses_in_its_own_words);
	tcase_add_test(tc, test_control_needs_a_controllable_thing);
	tcase_add_test(tc, test_help_control);
	tcase_add_test(tc, test_control_is_logged_while_it_waits_for_the_answer);
	tcase_add_test(tc, test_control_puts_the_home_back);
	return tc;
}
