/*
 * test-alert-rules.c — the Rules dialog and the rule editor from fixtures
 * (things of a buddy list and their known fields), under Xvfb without
 * Pidgin: the list's columns, every option of the editor checked as typed
 * and saved through the ops, an existing rule loaded back; and a buddy
 * list's rows drawn with the alert marker and the pinned values (escaped).
 * PNGs of the dialog, the editor (valid and not) and the buddy-list rows.
 */
#include "iot-gtk-alert-blist.h"
#include "iot-gtk-alert-rules.h"
#include "ui-test-util.h"

#include <string.h>

static IotGtkAlertRules *win;
static IotAlertRule *saved;
static guint saves, deletes, deleted_id, closed, refuse;

static GPtrArray *
op_things(gpointer data)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_alert_thing_free);

	g_ptr_array_add(a, iot_gtk_alert_thing_new("alice@home.example", "thermostat@home.example", "Thermostat"));
	g_ptr_array_add(a, iot_gtk_alert_thing_new("alice@home.example", "door@home.example", "Front door"));
	g_ptr_array_add(a, iot_gtk_alert_thing_new("alice@home.example", "meter@home.example", NULL));
	return a;
}

static GPtrArray *
op_fields(const char *account, const char *thing, const char *node, gpointer data)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	if (strcmp(thing, "thermostat@home.example") == 0) {
		g_ptr_array_add(a, g_strdup("temperature"));
		g_ptr_array_add(a, g_strdup("humidity"));
	} else if (strcmp(thing, "meter@home.example") == 0) {
		g_ptr_array_add(a, g_strdup("power"));
	}
	return a;
}

static guint
op_save(IotGtkAlertRules *w, const IotAlertRule *rule, GError **error, gpointer data)
{
	saves++;
	if (refuse) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED, "Too many rules.");
		return 0;
	}
	iot_alert_rule_free(saved);
	saved = iot_alert_rule_copy(rule);
	return rule->id != 0 ? rule->id : 42;
}

static void
op_delete(IotGtkAlertRules *w, guint id, gpointer data)
{
	deletes++;
	deleted_id = id;
}

static char *
op_name(const char *account, const char *thing, gpointer data)
{
	return strcmp(thing, "thermostat@home.example") == 0 ? g_strdup("Thermostat") : NULL;
}

static char *pinned_now;

static char **
op_get_pinned(const char *account, const char *thing, gpointer data)
{
	return strcmp(thing, "thermostat@home.example") == 0 ? g_strsplit("humidity", ",", -1) : NULL;
}

static void
op_set_pinned(const char *account, const char *thing, const char *const *fields, gpointer data)
{
	g_free(pinned_now);
	pinned_now = g_strjoinv(",", (char **)fields);
}

static void
op_closed(IotGtkAlertRules *w, gpointer data)
{
	closed++;
}

static const IotGtkAlertRulesOps ops = {
	.list_things = op_things,
	.list_fields = op_fields,
	.save_rule = op_save,
	.delete_rule = op_delete,
	.display_name = op_name,
	.get_pinned = op_get_pinned,
	.set_pinned = op_set_pinned,
	.on_closed = op_closed,
};

static IotAlertRule *
rule(guint id, const char *thing, const char *field, IotAlertOp op)
{
	IotAlertRule *r = iot_alert_rule_new();

	r->id = id;
	iot_alert_rule_set_target(r, "alice@home.example", thing, NULL, field);
	r->op = op;
	return r;
}

static void
setup(void)
{
	GPtrArray *rules = g_ptr_array_new_with_free_func((GDestroyNotify)iot_alert_rule_free);
	IotAlertRule *r;

	saves = deletes = deleted_id = closed = refuse = 0;
	r = rule(1, "thermostat@home.example", "temperature", IOT_ALERT_OP_ABOVE);
	r->warning.set = TRUE;
	r->warning.value = 25;
	r->alarm.set = TRUE;
	r->alarm.value = 30;
	r->hysteresis = 0.5;
	r->for_s = 600;
	r->latched = TRUE;
	r->remind_s = 900;
	r->priority = 2;
	r->urgent = TRUE;
	r->quiet = (IotAlertQuiet){ TRUE, 22 * 60, 7 * 60 };
	g_ptr_array_add(rules, r);
	r = rule(2, "door@home.example", "state", IOT_ALERT_OP_CHANGED);
	r->alarm.set = TRUE;
	g_ptr_array_add(rules, r);
	r = rule(3, "meter@home.example", "power", IOT_ALERT_OP_OUTSIDE);
	r->warning = (IotAlertLevel){ TRUE, 100, 3000, NULL };
	r->alarm = (IotAlertLevel){ TRUE, 0, 4000, NULL };
	g_ptr_array_add(rules, r);
	r = rule(4, "lamp@home.example", NULL, IOT_ALERT_OP_OFFLINE);
	r->warning.set = TRUE;
	r->duration_s = 600;
	r->disabled = TRUE;
	g_ptr_array_add(rules, r);
	r = rule(5, "thermostat@home.example", "mode", IOT_ALERT_OP_EQUALS);
	r->warning.set = TRUE;
	r->warning.text = g_strdup("<b>off</b>");
	g_ptr_array_add(rules, r);
	win = iot_gtk_alert_rules_new(&ops, NULL);
	iot_gtk_alert_rules_set_rules(win, rules);
	g_ptr_array_unref(rules);
}

static void
teardown(void)
{
	iot_gtk_alert_rules_destroy(win);
	ck_assert_uint_eq(closed, 1);
	iot_alert_rule_free(saved);
	saved = NULL;
}

static char *
row(guint i, int col)
{
	GtkTreeModel *m = iot_gtk_alert_rules_get_model(win);
	GtkTreeIter iter;
	char *s = NULL;

	ck_assert(gtk_tree_model_iter_nth_child(m, &iter, NULL, (int)i));
	gtk_tree_model_get(m, &iter, col, &s, -1);
	return s;
}

static void
assert_row(guint i, int col, const char *expected)
{
	char *s = row(i, col);

	ck_assert_str_eq(s, expected);
	g_free(s);
}

START_TEST(test_list)
{
	ck_assert_int_eq(gtk_tree_model_iter_n_children(iot_gtk_alert_rules_get_model(win), NULL), 5);
	assert_row(0, IOT_GTK_ALERT_RULES_COL_THING, "Thermostat (thermostat@home.example)");
	assert_row(0, IOT_GTK_ALERT_RULES_COL_FIELD, "temperature");
	assert_row(0, IOT_GTK_ALERT_RULES_COL_LEVELS, "warning 25, alarm 30");
	assert_row(0, IOT_GTK_ALERT_RULES_COL_FLAGS,
	           "latched · every 15 min · hysteresis 0.5 · priority 2 · urgent · quiet 22:00–07:00");
	assert_row(1, IOT_GTK_ALERT_RULES_COL_LEVELS, "Alarm");
	assert_row(2, IOT_GTK_ALERT_RULES_COL_LEVELS, "warning 100..3000, alarm 0..4000");
	assert_row(3, IOT_GTK_ALERT_RULES_COL_FLAGS, "off");
	assert_row(4, IOT_GTK_ALERT_RULES_COL_LEVELS, "warning “<b>off</b>”");
	assert_row(0, IOT_GTK_ALERT_RULES_COL_CONDITION, "above, for 10 min");
	assert_row(1, IOT_GTK_ALERT_RULES_COL_CONDITION, "changed");
	assert_row(2, IOT_GTK_ALERT_RULES_COL_CONDITION, "outside a band");
	assert_row(3, IOT_GTK_ALERT_RULES_COL_CONDITION, "offline for 10 min");
	/* Delete asks first. */
	ck_assert(iot_gtk_alert_rules_select(win, 3));
	iot_gtk_alert_rules_delete(win, TRUE);
	ck_assert_uint_eq(deletes, 1);
	ck_assert_uint_eq(deleted_id, 3);
}
END_TEST

START_TEST(test_png)
{
	GtkWidget *w = iot_gtk_alert_rules_get_window(win);

	ck_assert(iot_gtk_alert_rules_select(win, 1));
	ui_test_show_and_wait(w, 200);
	ui_test_save_png(w, "alert-rules.png");
}
END_TEST

static GtkWidget *
ew(IotGtkAlertRuleEdit *ed, const char *name)
{
	GtkWidget *x = iot_gtk_alert_rule_edit_get_widget(ed, name);

	ck_assert_msg(x != NULL, "no widget %s", name);
	if (GTK_IS_COMBO_BOX_ENTRY(x))
		return gtk_bin_get_child(GTK_BIN(x));
	return x;
}

static void
type(IotGtkAlertRuleEdit *ed, const char *name, const char *text)
{
	gtk_entry_set_text(GTK_ENTRY(ew(ed, name)), text);
}

/* Shown when the editor is: it and every box around it up to the table. */
static gboolean
shown(GtkWidget *x)
{
	for (; x != NULL && !GTK_IS_TABLE(x); x = gtk_widget_get_parent(x))
		if (!gtk_widget_get_visible(x))
			return FALSE;
	return TRUE;
}

static gboolean
can_save(IotGtkAlertRuleEdit *ed)
{
	return gtk_widget_get_sensitive(ew(ed, "save"));
}

START_TEST(test_new_rule)
{
	IotGtkAlertRuleEdit *ed;
	GtkWidget *w;

	iot_gtk_alert_rules_add(win);
	ed = iot_gtk_alert_rules_get_editor(win);
	ck_assert_ptr_nonnull(ed);
	w = iot_gtk_alert_rule_edit_get_window(ed);
	ck_assert(!can_save(ed));
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "Choose the thing the rule watches.");
	gtk_combo_box_set_active(GTK_COMBO_BOX(ew(ed, "thing")), 0);
	/* The thermostat's known fields are offered. */
	ck_assert_int_eq(gtk_tree_model_iter_n_children(
	                     gtk_combo_box_get_model(GTK_COMBO_BOX(iot_gtk_alert_rule_edit_get_widget(ed, "field"))), NULL),
	                 2);
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "Type or choose the field the rule watches.");
	gtk_combo_box_set_active(GTK_COMBO_BOX(iot_gtk_alert_rule_edit_get_widget(ed, "field")), 0);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "field"))), "temperature");
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "Type a warning level, an alarm level or both.");
	type(ed, "warning", "abc");
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "The warning level is not a number.");
	ck_assert(!can_save(ed));
	type(ed, "warning", "25,5");
	ck_assert(can_save(ed));
	type(ed, "alarm", "30");
	type(ed, "hysteresis", "-1");
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "The hysteresis is a number of 0 or more.");
	type(ed, "hysteresis", "0.5");
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(ew(ed, "for")), 10);
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(ew(ed, "remind")), 15);
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(ew(ed, "priority")), 3);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(ew(ed, "latched")), TRUE);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(ew(ed, "urgent")), TRUE);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(ew(ed, "quiet")), TRUE);
	type(ed, "quiet-from", "25:00");
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "Type quiet hours as 22:00 and 07:00.");
	ui_test_show_and_wait(w, 150);
	ui_test_save_png(w, "alert-rule-edit-invalid.png");
	type(ed, "quiet-from", "21:30");
	ck_assert(can_save(ed));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_rule_edit_get_status(ed), "warning 25.5, alarm 30"));
	ui_test_run_ms(100);
	ui_test_save_png(w, "alert-rule-edit.png");
	/* The owner may still refuse: said in the editor, which stays. */
	refuse = 1;
	ck_assert(!iot_gtk_alert_rule_edit_save(ed));
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "Too many rules.");
	refuse = 0;
	ck_assert(iot_gtk_alert_rule_edit_save(ed));
	ck_assert_ptr_null(iot_gtk_alert_rules_get_editor(win));
	ck_assert_uint_eq(saves, 2);
	ck_assert_uint_eq(saved->id, 0);
	ck_assert_str_eq(saved->account, "alice@home.example");
	ck_assert_str_eq(saved->thing, "thermostat@home.example");
	ck_assert_str_eq(saved->field, "temperature");
	ck_assert_int_eq(saved->op, IOT_ALERT_OP_ABOVE);
	ck_assert(saved->warning.set && saved->warning.value == 25.5);
	ck_assert(saved->alarm.set && saved->alarm.value == 30);
	ck_assert(saved->hysteresis == 0.5);
	ck_assert_uint_eq(saved->for_s, 600);
	ck_assert_uint_eq(saved->remind_s, 900);
	ck_assert_int_eq(saved->priority, 3);
	ck_assert(saved->latched && saved->urgent && !saved->disabled);
	ck_assert(saved->quiet.enabled);
	ck_assert_uint_eq(saved->quiet.start_min, 21 * 60 + 30);
	ck_assert_uint_eq(saved->quiet.end_min, 7 * 60);
}
END_TEST

START_TEST(test_every_condition)
{
	IotGtkAlertRuleEdit *ed;

	iot_gtk_alert_rules_set_target(win, "alice@home.example", "meter@home.example");
	iot_gtk_alert_rules_add(win);
	ed = iot_gtk_alert_rules_get_editor(win);
	/* Preset to the thing it was opened for; its one field known. */
	type(ed, "field", "power");
	gtk_combo_box_set_active(GTK_COMBO_BOX(ew(ed, "op")), IOT_ALERT_OP_OUTSIDE);
	ck_assert(shown(ew(ed, "warning-high")));
	type(ed, "warning", "3000");
	type(ed, "warning-high", "100");
	ck_assert_str_eq(iot_gtk_alert_rule_edit_get_status(ed), "A band's low end must be below its high end.");
	type(ed, "warning", "100");
	type(ed, "warning-high", "3000");
	ck_assert(can_save(ed));
	/* Equals takes words too. */
	gtk_combo_box_set_active(GTK_COMBO_BOX(ew(ed, "op")), IOT_ALERT_OP_EQUALS);
	ck_assert(!shown(ew(ed, "warning-high")));
	type(ed, "warning", "overload");
	ck_assert(can_save(ed));
	/* Changed, stale and offline: no levels, a severity; stale and offline a duration. */
	gtk_combo_box_set_active(GTK_COMBO_BOX(ew(ed, "op")), IOT_ALERT_OP_STALE);
	ck_assert(!shown(ew(ed, "warning")));
	ck_assert(shown(ew(ed, "raise")));
	ck_assert(shown(ew(ed, "duration")));
	gtk_combo_box_set_active(GTK_COMBO_BOX(ew(ed, "raise")), 1);
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(ew(ed, "duration")), 0);
	ck_assert(!can_save(ed));
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(ew(ed, "duration")), 20);
	ck_assert(can_save(ed));
	gtk_combo_box_set_active(GTK_COMBO_BOX(ew(ed, "op")), IOT_ALERT_OP_OFFLINE);
	ck_assert(!shown(ew(ed, "field")));
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(ew(ed, "enabled")), FALSE);
	ck_assert(iot_gtk_alert_rule_edit_save(ed));
	ck_assert_str_eq(saved->thing, "meter@home.example");
	ck_assert_int_eq(saved->op, IOT_ALERT_OP_OFFLINE);
	ck_assert_ptr_null(saved->field);
	ck_assert(saved->alarm.set && !saved->warning.set);
	ck_assert_uint_eq(saved->duration_s, 20 * 60);
	ck_assert(saved->disabled);
}
END_TEST

START_TEST(test_edit_rule)
{
	IotGtkAlertRuleEdit *ed;

	ck_assert(iot_gtk_alert_rules_select(win, 1));
	iot_gtk_alert_rules_edit(win);
	ed = iot_gtk_alert_rules_get_editor(win);
	ck_assert_ptr_nonnull(ed);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "field"))), "temperature");
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "warning"))), "25");
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "alarm"))), "30");
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "hysteresis"))), "0.5");
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "quiet-from"))), "22:00");
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "quiet-to"))), "07:00");
	ck_assert(gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(ew(ed, "latched"))));
	ck_assert_int_eq(gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(ew(ed, "remind"))), 15);
	ck_assert(can_save(ed));
	type(ed, "alarm", "32");
	ck_assert(iot_gtk_alert_rule_edit_save(ed));
	ck_assert_uint_eq(saved->id, 1);
	ck_assert(saved->alarm.value == 32);
	ck_assert(saved->latched && saved->urgent && saved->quiet.enabled);
	/* A word level of equals comes back as typed. */
	ck_assert(iot_gtk_alert_rules_select(win, 5));
	iot_gtk_alert_rules_edit(win);
	ed = iot_gtk_alert_rules_get_editor(win);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(ew(ed, "warning"))), "<b>off</b>");
	/* A thing no longer in the buddy list keeps its rule editable. */
	ck_assert(iot_gtk_alert_rules_select(win, 4));
	iot_gtk_alert_rules_edit(win);
	ed = iot_gtk_alert_rules_get_editor(win);
	ck_assert(can_save(ed));
}
END_TEST

START_TEST(test_pin)
{
	GtkWidget *d;
	GtkTreeModel *m;
	GtkTreeIter iter;
	char *name;
	gboolean on;

	ck_assert(iot_gtk_alert_rules_select(win, 1));
	d = iot_gtk_alert_rules_pin(win);
	ck_assert_ptr_nonnull(d);
	m = g_object_get_data(G_OBJECT(d), "fields");
	/* What is pinned first, then the other known fields. */
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 2);
	ck_assert(gtk_tree_model_get_iter_first(m, &iter));
	gtk_tree_model_get(m, &iter, 0, &on, 1, &name, -1);
	ck_assert(on);
	ck_assert_str_eq(name, "humidity");
	g_free(name);
	ck_assert(gtk_tree_model_iter_next(m, &iter));
	gtk_tree_model_get(m, &iter, 0, &on, 1, &name, -1);
	ck_assert(!on);
	ck_assert_str_eq(name, "temperature");
	g_free(name);
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(g_object_get_data(G_OBJECT(d), "status"))),
	                 "1 value under the name in the buddy list");
	gtk_list_store_set(GTK_LIST_STORE(m), &iter, 0, TRUE, -1);
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(g_object_get_data(G_OBJECT(d), "status"))),
	                 "2 values under the name in the buddy list");
	ui_test_show_and_wait(d, 150);
	ui_test_save_png(d, "alert-pin.png");
	gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
	ck_assert_str_eq(pinned_now, "humidity,temperature");
	g_free(pinned_now);
	pinned_now = NULL;
	/* Another thing: its own fields, nothing pinned. */
	ck_assert(iot_gtk_alert_rules_select(win, 3));
	d = iot_gtk_alert_rules_pin(win);
	m = g_object_get_data(G_OBJECT(d), "fields");
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 1);
	gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
	ck_assert_str_eq(pinned_now, "");
	g_free(pinned_now);
	pinned_now = NULL;
}
END_TEST

/* Closed with its editor, the Pinned values dialog and a question open:
 * they go with it, and nothing of them runs afterwards. */
START_TEST(test_close_with_dialogs)
{
	GtkWidget *pin;
	IotGtkAlertRuleEdit *ed;
	gpointer ed_window, pin_window;

	ck_assert(iot_gtk_alert_rules_select(win, 1));
	iot_gtk_alert_rules_edit(win);
	ed = iot_gtk_alert_rules_get_editor(win);
	ed_window = iot_gtk_alert_rule_edit_get_window(ed);
	g_object_add_weak_pointer(ed_window, &ed_window);
	pin = iot_gtk_alert_rules_pin(win);
	pin_window = pin;
	g_object_add_weak_pointer(pin_window, &pin_window);
	iot_gtk_alert_rules_delete(win, FALSE);
	ui_test_run_ms(50);
	iot_gtk_alert_rules_destroy(win);
	ck_assert_uint_eq(closed, 1);
	ck_assert_ptr_null(ed_window);
	ck_assert_ptr_null(pin_window);
	ui_test_run_ms(100);
	ck_assert_uint_eq(saves, 0);
	ck_assert_uint_eq(deletes, 0);
	win = iot_gtk_alert_rules_new(&ops, NULL);
	closed = 0;
}
END_TEST

/* ---- the buddy list's rows ---------------------------------------------------------- */

START_TEST(test_blist_markup)
{
	char *m = iot_gtk_alert_blist_markup("Garbage <b>thing</b> & co", TRUE, IOT_ALERT_ALARM, "<i>x</i> & 5 %");

	ck_assert_ptr_nonnull(strstr(m, "Garbage &lt;b&gt;thing&lt;/b&gt; &amp; co"));
	ck_assert_ptr_nonnull(strstr(m, "&lt;i&gt;x&lt;/i&gt; &amp; 5 %"));
	ck_assert_ptr_nonnull(strstr(m, IOT_GTK_ALERT_COLOR_ALARM));
	ck_assert(pango_parse_markup(m, -1, 0, NULL, NULL, NULL, NULL));
	g_free(m);
	ck_assert_ptr_null(iot_gtk_alert_blist_markup("Desk lamp", FALSE, IOT_ALERT_INFO, NULL));
	ck_assert_ptr_null(iot_gtk_alert_blist_markup("Desk lamp", FALSE, IOT_ALERT_INFO, ""));
	m = iot_gtk_alert_blist_markup("Thermostat", FALSE, IOT_ALERT_INFO, "21.5 °C · 45 %");
	ck_assert_str_eq(m, "Thermostat\n<span size='small' foreground='" IOT_GTK_ALERT_COLOR_PINNED "'>21.5 °C · 45 %</span>");
	g_free(m);
}
END_TEST

/* Rows drawn as Pidgin draws a buddy's name (markup inside <span
 * font_desc=''> in an ellipsizing text cell beside a status icon), to look
 * at: the pinned line must show. */
START_TEST(test_blist_png)
{
	static const struct {
		const char *name;
		gboolean active;
		IotAlertSeverity sev;
		const char *pinned;
	} rows[] = {
		{ "Thermostat", TRUE, IOT_ALERT_WARNING, "21.5 °C · 45 %" },
		{ "Front door", TRUE, IOT_ALERT_ALARM, NULL },
		{ "Power meter", FALSE, IOT_ALERT_INFO, "412 W" },
		{ "Garbage <b>thing</b>", TRUE, IOT_ALERT_INFO, "<i>x</i> & y" },
		{ "Desk lamp", FALSE, IOT_ALERT_INFO, NULL },
	};
	GtkListStore *store = gtk_list_store_new(2, G_TYPE_STRING, G_TYPE_STRING);
	GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL), *view;
	GtkTreeViewColumn *col = gtk_tree_view_column_new();
	GtkCellRenderer *r;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *m = iot_gtk_alert_blist_markup(rows[i].name, rows[i].active, rows[i].sev, rows[i].pinned);

		if (m == NULL)
			m = g_markup_escape_text(rows[i].name, -1);
		{
			/* As Pidgin wraps a buddy's name. */
			char *wrapped = g_strdup_printf("<span font_desc=''>%s</span>", m);

			g_free(m);
			m = wrapped;
		}
		gtk_list_store_insert_with_values(store, NULL, -1, 0, GTK_STOCK_YES, 1, m, -1);
		g_free(m);
	}
	view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));
	gtk_tree_view_set_headers_visible(GTK_TREE_VIEW(view), FALSE);
	r = gtk_cell_renderer_pixbuf_new();
	gtk_tree_view_column_pack_start(col, r, FALSE);
	gtk_tree_view_column_add_attribute(col, r, "stock-id", 0);
	r = gtk_cell_renderer_text_new();
	gtk_tree_view_column_pack_start(col, r, TRUE);
	gtk_tree_view_column_add_attribute(col, r, "markup", 1);
	/* As Pidgin's buddy list sets its name cell. */
	g_object_set(r, "ypad", 0, "yalign", 0.5, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_append_column(GTK_TREE_VIEW(view), col);
	gtk_container_set_border_width(GTK_CONTAINER(window), 4);
	gtk_container_add(GTK_CONTAINER(window), view);
	gtk_window_set_default_size(GTK_WINDOW(window), 260, -1);
	gtk_widget_show_all(view);
	ui_test_show_and_wait(window, 150);
	ui_test_save_png(window, "alert-blist.png");
	{
		/* A pinned line makes its row two lines tall. */
		GtkTreePath *pinned = gtk_tree_path_new_from_indices(2, -1), *plain = gtk_tree_path_new_from_indices(4, -1);
		GdkRectangle a, b;

		gtk_tree_view_get_background_area(GTK_TREE_VIEW(view), pinned, col, &a);
		gtk_tree_view_get_background_area(GTK_TREE_VIEW(view), plain, col, &b);
		ck_assert_msg(a.height >= b.height * 3 / 2, "the pinned line is not shown: rows %d and %d pixels tall", a.height,
		              b.height);
		gtk_tree_path_free(pinned);
		gtk_tree_path_free(plain);
	}
	gtk_widget_destroy(window);
	g_object_unref(store);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("alert-rules");
	TCase *tc = tcase_create("rules");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_png);
	tcase_add_test(tc, test_new_rule);
	tcase_add_test(tc, test_every_condition);
	tcase_add_test(tc, test_edit_rule);
	tcase_add_test(tc, test_pin);
	tcase_add_test(tc, test_close_with_dialogs);
	tcase_add_test(tc, test_blist_markup);
	tcase_add_test(tc, test_blist_png);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
