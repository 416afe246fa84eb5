/* test-alert-finch.c — Finch's rules list adds and edits rules through the
 * request form: every option of Pidgin's rule editor, a wrong field coming
 * back with its reason beside it and everything else as typed. */
#include "client-check.h"
#include "client-request.h"

#include "iot-alert-rule.h"

#include <gmodule.h>
#include <string.h>

#define METER "meter@" DOMAIN

static gpointer
plugin_symbol(const char *name)
{
	gpointer p = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &p), "no %s", name);
	return p;
}

/* Waits until the last table holds @needle; returns it. */
static const char *
table_until(const char *needle, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;

	while ((client_last_table() == NULL || strstr(client_last_table(), needle) == NULL) &&
	       g_get_monotonic_time() < end)
		client_sleep(100);
	ck_assert_msg(client_last_table() != NULL && strstr(client_last_table(), needle) != NULL,
	              "“%s” not in the table:\n%s", needle, client_last_table() ? client_last_table() : "(none)");
	return client_last_table();
}

/* The row of the last table holding @needle. */
static int
row_of(const char *needle)
{
	char **rows = g_strsplit(client_last_table(), "\n", -1);
	int i, found = -1;

	for (i = 0; rows[i] != NULL && found < 0; i++)
		if (strstr(rows[i], needle) != NULL)
			found = i;
	g_strfreev(rows);
	ck_assert_msg(found >= 0, "no row with “%s”", needle);
	return found;
}

/* The rule id in the first cell of row @row of the last table. */
static guint
id_of_row(int row)
{
	char **rows = g_strsplit(client_last_table(), "\n", -1);
	guint id = (guint)g_ascii_strtoull(rows[row], NULL, 10);

	g_strfreev(rows);
	return id;
}

static void
set(const char *label, const char *value)
{
	ck_assert_msg(client_request_set(label, value), "no field “%s” in:\n%s", label,
	              client_request_text() ? client_request_text() : "(no form)");
}

START_TEST(test_finch_rule_form_add_check_edit)
{
	void (*open_rules)(PurpleAccount *, const char *) = plugin_symbol("iot_purple_alert_open_rules");
	IotAlertRule *(*rule_get)(guint) = plugin_symbol("iot_purple_alert_rule_get");
	guint shown;
	const char *form, *table;
	IotAlertRule *r;
	guint id;
	int row;

	client_request_setup();
	open_rules(client_account(), METER);
	shown = client_requests_shown();
	ck_assert(client_table_press("Add…", -1));
	ck_assert_uint_eq(client_requests_shown(), shown + 1);
	form = client_request_text();
	ck_has(form, "New alert rule");
	ck_has(form, "Thing (address) = " METER "\n");
	set("Field", "Voltage");
	set("Condition", "above");
	set("Warning level", "two hundred");
	set("Alarm level", "260");
	set("For at least", "10 parsecs");
	set("Remind every", "30m");
	client_request_ok();
	/* back, the reasons beside the wrong fields, the rest as typed */
	ck_assert(client_request_is_open());
	ck_assert_uint_eq(client_requests_shown(), shown + 2);
	form = client_request_text();
	ck_has(form, "the reason is beside each");
	ck_has(form, "Warning level — not a number = two hundred\n");
	ck_has(form, "For at least (e.g. 10m; empty: at once) — not a duration like 10m, 1h30m or 90s = 10 parsecs\n");
	ck_has(form, "Alarm level = 260\n");
	ck_has(form, "Field = Voltage\n");
	ck_has(form, "Remind every (e.g. 30m; empty: never) = 30m\n");
	/* quiet hours need times */
	set("Warning level", "250");
	set("For at least", "10m");
	set("Latched", "true");
	set("Priority", "5");
	set("Quiet hours", "true");
	set("Quiet hours from", "late");
	client_request_ok();
	form = client_request_text();
	ck_assert_ptr_nonnull(form);
	ck_has(form, "Quiet hours from (e.g. 22:00) — a time like 22:00 = late\n");
	ck_has(form, "Quiet hours to (e.g. 07:00) — a time like 07:00 = \n");
	ck_lacks(form, "Warning level —");
	set("Quiet hours from", "22:00");
	set("Quiet hours to", "07:00");
	client_request_ok();
	ck_assert(!client_request_is_open());
	table = table_until("Voltage: warning > 250, alarm > 260 for 10 min", 10000);
	ck_has(table, "|" METER "|");

	/* Edit…: the form holds the rule as it is */
	row = row_of("Voltage: warning > 250");
	ck_assert(client_table_press("Edit…", row));
	form = client_request_text();
	ck_has(form, "Edit alert rule");
	ck_has(form, "Warning level = 250\n");
	ck_has(form, "Alarm level = 260\n");
	ck_has(form, "For at least (e.g. 10m; empty: at once) = 10m\n");
	ck_has(form, "Remind every (e.g. 30m; empty: never) = 30m\n");
	ck_has(form, "Latched: stays in alarm until acknowledged and normal again = true\n");
	ck_has(form, "Priority = 5\n");
	ck_has(form, "Quiet hours from (e.g. 22:00) = 22:00\n");
	set("Alarm level", "270");
	set("Hysteresis", "-1");
	client_request_ok();
	form = client_request_text();
	ck_assert_ptr_nonnull(form);
	ck_has(form, "Hysteresis — a number of 0 or more = -1\n");
	set("Hysteresis", "2");
	client_request_ok();
	ck_assert(!client_request_is_open());
	table_until("alarm > 270", 10000);
	row = row_of("alarm > 270");
	id = id_of_row(row);
	r = rule_get(id);
	ck_assert_ptr_nonnull(r);
	ck_assert(r->latched);
	ck_assert_uint_eq(r->remind_s, 1800);
	ck_assert_uint_eq(r->for_s, 600);
	ck_assert_int_eq(r->priority, 5);
	ck_assert(r->hysteresis == 2);
	ck_assert(r->quiet.enabled && r->quiet.start_min == 22 * 60 && r->quiet.end_min == 7 * 60);
	iot_alert_rule_free(r);
	ck_assert(client_table_press("Delete", row));
	r = rule_get(id);
	ck_assert_ptr_null(r);
}
END_TEST

TCase *
iot_alert_finch_tcase(void)
{
	TCase *tc = tcase_create("alert-finch");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_finch_rule_form_add_check_edit);
	return tc;
}
