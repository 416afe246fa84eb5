/* test-control-cmd.c — /control end to end: slixmpp's own XEP-0325 thermostat
 * (no control form: types from its readout), the NFI desk lamp (a control form
 * with ranges; its own refusals), things that cannot be controlled. Each
 * change is read back with /read. After every test that may have changed a
 * thing — also a failing one — the thing is put back as data/home.json has
 * it: each test starts from there, and later tests read the same values. */
#include "client.h"

#include <check.h>
#include <string.h>

#define CTL_THERMOSTAT "thermostat@" DOMAIN
#define CTL_LAMP "lamp@" DOMAIN
#define CTL_WAIT_MS 20000

#define ctl_has(text, needle)                                                                   \
	ck_assert_msg(strstr((text), (needle)) != NULL, "“%s” not in:\n%.2000s", (needle), (text))
#define ctl_lacks(text, needle)                                                                 \
	ck_assert_msg(strstr((text), (needle)) == NULL, "“%s” unexpectedly in:\n%.2000s", (needle), \
	              (text))

/* Things changed by a test and not yet put back. */
static gboolean thermostat_changed, lamp_changed;

/* Types "/@command" with @who; returns what a person reads (transfer full).
 * Every command that gets past its arguments writes twice: a progress line,
 * then its outcome. */
static char *
ctl_run(const char *who, const char *command)
{
	return client_text(client_command(who, command, 2, CTL_WAIT_MS));
}

/* Returns: (transfer full): the first line of @text holding @needle, or "". */
static char *
ctl_line(const char *text, const char *needle)
{
	char **lines = g_strsplit(text, "\n", -1), **l, *out = NULL;

	for (l = lines; *l != NULL && out == NULL; l++)
		if (strstr(*l, needle) != NULL)
			out = g_strdup(*l);
	g_strfreev(lines);
	return out ? out : g_strdup("");
}

/* Asserts that the readout line of @field in /read of @who holds @value. */
static void
ctl_read_shows(const char *who, const char *field, const char *value)
{
	char *t = ctl_run(who, "read");
	char *line = ctl_line(t, field);

	ck_assert_msg(strstr(line, value) != NULL, "%s: “%s” not in line “%s” of:\n%.2000s", field,
	              value, line, t);
	g_free(line);
	g_free(t);
}

static void
put_thermostat_back(void)
{
	char *t = ctl_run(CTL_THERMOSTAT, "control heater=false setpoint=20.0 mode=Eco");

	ctl_has(t, "Set heater to false, setpoint to 20.0 and mode to Eco on " CTL_THERMOSTAT ".");
	g_free(t);
	thermostat_changed = FALSE;
}

static void
put_lamp_back(void)
{
	char *reply = client_chat(CTL_LAMP, "reset", 5000);

	ck_assert_ptr_nonnull(reply);
	ck_assert_str_eq(reply, "reset: done");
	g_free(reply);
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
	char *t = ctl_run(CTL_THERMOSTAT, "control");
	char *line;

	ctl_has(t, "Asking " CTL_THERMOSTAT " for its parameters…");
	ctl_has(t, "Control parameters of " CTL_THERMOSTAT);
	line = ctl_line(t, "setpoint");
	ctl_has(line, "number");
	ctl_has(line, "20.0 °C");
	g_free(line);
	line = ctl_line(t, "heater");
	ctl_has(line, "on/off");
	ctl_has(line, "false");
	g_free(line);
	line = ctl_line(t, "mode");
	ctl_has(line, "choice");
	ctl_has(line, "Eco");
	g_free(line);
	/* Without a form the readout is all there is, and the list says so. */
	ctl_has(t, "Note: " CTL_THERMOSTAT " sent no control form");
	g_free(t);
}
END_TEST

START_TEST(test_control_sets_thermostat_and_read_shows_it)
{
	char *t;

	thermostat_changed = TRUE;
	t = ctl_run(CTL_THERMOSTAT, "control heater=on setpoint=22.5");
	ctl_has(t, "Controlling " CTL_THERMOSTAT "…");
	ctl_has(t, "Set heater to true and setpoint to 22.5 on " CTL_THERMOSTAT ".");
	g_free(t);
	ctl_read_shows(CTL_THERMOSTAT, "heater", "true");
	ctl_read_shows(CTL_THERMOSTAT, "setpoint", "22.5 °C");
}
END_TEST

START_TEST(test_control_units_quotes_and_choices)
{
	char *t;

	thermostat_changed = TRUE;
	/* A unit glued to the number, the thing's own unit: accepted. */
	t = ctl_run(CTL_THERMOSTAT, "control mode=Comfort setpoint=21.5°C");
	ctl_has(t, "Set mode to Comfort and setpoint to 21.5 on " CTL_THERMOSTAT ".");
	g_free(t);
	ctl_read_shows(CTL_THERMOSTAT, "mode", "Comfort");
	ctl_read_shows(CTL_THERMOSTAT, "setpoint", "21.5 °C");
	/* A value with a blank, in quotes. */
	t = ctl_run(CTL_THERMOSTAT, "control setpoint=\"21 °C\"");
	ctl_has(t, "Set setpoint to 21 on " CTL_THERMOSTAT ".");
	g_free(t);
	/* Another unit: refused here, nothing sent. */
	t = ctl_run(CTL_THERMOSTAT, "control setpoint=70°F");
	ctl_has(t, "setpoint is in °C, not in °F.");
	ctl_lacks(t, "Set ");
	g_free(t);
	ctl_read_shows(CTL_THERMOSTAT, "setpoint", "21 °C");
}
END_TEST

START_TEST(test_control_unknown_parameter_lists_the_known_ones)
{
	char *t = ctl_run(CTL_THERMOSTAT, "control fan=on");

	ctl_has(t, CTL_THERMOSTAT " has no parameter “fan”.");
	ctl_has(t, "the values it reports are: ");
	ctl_has(t, "setpoint");
	ctl_has(t, "heater");
	ctl_lacks(t, "Set ");
	g_free(t);
}
END_TEST

START_TEST(test_control_bad_value_sends_nothing)
{
	char *t, *line;

	/* The good setpoint is not sent either: one mistake stops the request. */
	t = ctl_run(CTL_THERMOSTAT, "control setpoint=25 heater=maybe");
	ctl_has(t, "heater must be on or off");
	ctl_lacks(t, "Set ");
	g_free(t);
	t = ctl_run(CTL_THERMOSTAT, "read");
	line = ctl_line(t, "setpoint");
	ctl_lacks(line, "25");
	g_free(line);
	g_free(t);
	/* One line per parameter. */
	t = ctl_run(CTL_THERMOSTAT, "control setpoint=warm heater=maybe");
	ctl_has(t, "setpoint must be a number, like 21.5.\nheater must be on or off");
	g_free(t);
}
END_TEST

START_TEST(test_control_thermostat_refuses_in_its_own_words)
{
	/* temperature is a sensor value, not a control: slixmpp says so itself. */
	char *t = ctl_run(CTL_THERMOSTAT, "control temperature=5");

	ctl_has(t, CTL_THERMOSTAT " refused temperature: Invalid field temperature");
	g_free(t);
	ctl_read_shows(CTL_THERMOSTAT, "temperature", "21.50 °C");
}
END_TEST

START_TEST(test_control_arguments_say_how)
{
	char *t = client_text(client_command(CTL_THERMOSTAT, "control heater", 1, 2000));

	ctl_has(t, "“heater” is not name=value");
	g_free(t);
	t = client_text(client_command(CTL_THERMOSTAT, "control heater=on heater=off", 1, 2000));
	ctl_has(t, "“heater” is given twice");
	g_free(t);
	t = client_text(client_command(CTL_THERMOSTAT, "control =on", 1, 2000));
	ctl_has(t, "has no parameter name");
	g_free(t);
	t = client_text(client_command(CTL_THERMOSTAT, "control setpoint=\"21", 1, 2000));
	ctl_has(t, "A quote is not closed.");
	g_free(t);
}
END_TEST

/* --- the NFI lamp: a control form ---------------------------------------------------- */

START_TEST(test_control_lists_lamp_form)
{
	char *t = ctl_run(CTL_LAMP, "control");
	char *line;

	ctl_has(t, "Control parameters of " CTL_LAMP);
	line = ctl_line(t, "brightness");
	ctl_has(line, "number");
	ctl_has(line, "0 … 100");
	ctl_has(line, "40");
	g_free(line);
	line = ctl_line(t, "color");
	ctl_has(line, "colour");
	ctl_has(line, "#FFCC00");
	g_free(line);
	line = ctl_line(t, "  on ");
	ctl_has(line, "on/off");
	ctl_has(line, "true");
	g_free(line);
	ctl_lacks(t, "Note:");
	g_free(t);
}
END_TEST

START_TEST(test_control_sets_lamp_and_read_shows_it)
{
	char *t;

	lamp_changed = TRUE;
	t = ctl_run(CTL_LAMP, "control brightness=70 color=#00ff00");
	ctl_has(t, "Set brightness to 70 and color to #00FF00 on " CTL_LAMP ".");
	g_free(t);
	ctl_read_shows(CTL_LAMP, "brightness", "70 %");
	ctl_read_shows(CTL_LAMP, "color", "#00ff00");
	t = ctl_run(CTL_LAMP, "control on=off");
	ctl_has(t, "Set on to false on " CTL_LAMP ".");
	g_free(t);
	ctl_read_shows(CTL_LAMP, "  on ", "false");
}
END_TEST

START_TEST(test_control_lamp_form_range_is_checked_first)
{
	char *t;

	lamp_changed = TRUE;
	t = ctl_run(CTL_LAMP, "control brightness=150");
	ctl_has(t, "Brightness must be between 0 and 100.");
	ctl_lacks(t, "Set ");
	g_free(t);
	t = ctl_run(CTL_LAMP, "control color=#00ff0080");
	ctl_has(t, "must be #RRGGBB");
	g_free(t);
	t = ctl_run(CTL_LAMP, "control dimmer=3");
	ctl_has(t, CTL_LAMP " has no parameter “dimmer”.");
	ctl_has(t, "Its parameters are: on, brightness, color.");
	g_free(t);
	ctl_read_shows(CTL_LAMP, "brightness", "40 %");
}
END_TEST

START_TEST(test_control_lamp_refuses_in_its_own_words)
{
	char *t;

	lamp_changed = TRUE;
	/* Within the form's range, refused by the lamp itself (data/home.json). */
	t = ctl_run(CTL_LAMP, "control color=#0000ff brightness=99");
	ctl_has(t, CTL_LAMP " refused brightness: Too bright for this lamp.");
	ctl_lacks(t, "Set ");
	g_free(t);
	/* All or nothing: the colour was not applied either. */
	ctl_read_shows(CTL_LAMP, "brightness", "40 %");
	ctl_read_shows(CTL_LAMP, "color", "#ffcc00");
}
END_TEST

/* --- things that cannot be controlled ----------------------------------------------- */

START_TEST(test_control_needs_a_controllable_thing)
{
	char *t = ctl_run("bob@" DOMAIN, "control heater=on");

	ctl_has(t, "bob@" DOMAIN " does not offer control.");
	g_free(t);
	t = ctl_run("offline@" DOMAIN, "control heater=on");
	ctl_has(t, "offline@" DOMAIN " is offline");
	g_free(t);
}
END_TEST

START_TEST(test_help_control)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(),
	                                                   CTL_THERMOSTAT);
	GList *help = purple_cmd_help(conv, "control");

	ck_assert_ptr_nonnull(help);
	ctl_has((const char *)help->data, "/control heater=on setpoint=21.5");
	ctl_has((const char *)help->data, "node &lt;id&gt;");
	g_list_free(help);
}
END_TEST

/* What the other tests rely on: putting things back works. */
START_TEST(test_control_puts_the_home_back)
{
	char *t;

	thermostat_changed = lamp_changed = TRUE;
	t = ctl_run(CTL_THERMOSTAT, "control heater=yes setpoint=23 mode=Off");
	ctl_has(t, "Set heater to true, setpoint to 23 and mode to Off on " CTL_THERMOSTAT ".");
	g_free(t);
	t = ctl_run(CTL_LAMP, "control on=0 brightness=5 color=#123456");
	ctl_has(t, "Set on to false, brightness to 5 and color to #123456 on " CTL_LAMP ".");
	g_free(t);
	put_thermostat_back();
	ctl_read_shows(CTL_THERMOSTAT, "setpoint", "20.0 °C");
	ctl_read_shows(CTL_THERMOSTAT, "heater", "false");
	ctl_read_shows(CTL_THERMOSTAT, "mode", "Eco");
	put_lamp_back();
	ctl_read_shows(CTL_LAMP, "brightness", "40 %");
	ctl_read_shows(CTL_LAMP, "color", "#ffcc00");
	ctl_read_shows(CTL_LAMP, "  on ", "true");
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
	tcase_add_test(tc, test_control_lists_lamp_form);
	tcase_add_test(tc, test_control_sets_lamp_and_read_shows_it);
	tcase_add_test(tc, test_control_lamp_form_range_is_checked_first);
	tcase_add_test(tc, test_control_lamp_refuses_in_its_own_words);
	tcase_add_test(tc, test_control_needs_a_controllable_thing);
	tcase_add_test(tc, test_help_control);
	tcase_add_test(tc, test_control_puts_the_home_back);
	return tc;
}
