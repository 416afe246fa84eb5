/*
 * test-alert-window.c — the alerts inbox window and the notice, built from
 * a real inbox of the core filled with fixtures (a thermostat's rule, a
 * door's hostile headline merged three times, a latched smoke alarm that
 * cleared, a snoozed power spike, a node's error, a stranger's long text),
 * under Xvfb without Pidgin: rows, groups, search and filters, the unread
 * count, every action through the ops, Mute and Reset for latched rules, the
 * notice updated in place; PNGs of both.
 */
#include "iot-gtk-alert.h"
#include "ui-test-util.h"

#include <gdk/gdkkeysyms.h>
#include <string.h>

static IotAlertInbox *inbox;
static IotGtkAlertInbox *win;
static gint64 now, base;
static guint64 id_rule, id_info, id_door, id_smoke, id_meter, id_node, id_stranger;
static guint closed, marked_read, acks, snoozes, dismissals, mutes, ack_sources, opened_inbox, rules_opened;
static gint64 snoozed_until;
static char *ack_source_thing;

#define DOOR_TEXT "Door <b>opened</b> & \"closed\" <script>alert(1)</script>"

static guint64
add(const char *thing, const char *node, const char *field, IotAlertSeverity sev, IotAlertOrigin origin,
    guint rule_id, const char *text, gint64 at)
{
	IotAlert *a = iot_alert_new();
	guint64 id = 0;

	iot_alert_set_source(a, "alice@home.example", thing, node, field);
	iot_alert_set_text(a, text, -1);
	a->severity = sev;
	a->origin = origin;
	a->rule_id = rule_id;
	a->stranger = g_str_has_suffix(thing, "evil.example");
	iot_alert_inbox_add(inbox, a, NULL, at, &id);
	iot_alert_free(a);
	return id;
}

static void
push(void)
{
	GPtrArray *list = iot_alert_inbox_list(inbox, &(IotAlertFilter){ .states = (1u << IOT_ALERT_STATE_COUNT) - 1 });

	iot_gtk_alert_inbox_set_alerts(win, list);
	g_ptr_array_unref(list);
	iot_gtk_alert_inbox_flush(win);
}

static void
op_ack(IotGtkAlertInbox *w, const guint64 *ids, guint n, gpointer data)
{
	acks++;
	iot_alert_inbox_acknowledge(inbox, ids, n, now);
	push();
}

static void
op_snooze(IotGtkAlertInbox *w, const guint64 *ids, guint n, gint64 until, gpointer data)
{
	snoozes++;
	snoozed_until = until;
	iot_alert_inbox_snooze(inbox, ids, n, until, now);
	push();
}

static void
op_dismiss(IotGtkAlertInbox *w, const guint64 *ids, guint n, gpointer data)
{
	dismissals++;
	iot_alert_inbox_dismiss(inbox, ids, n, now);
	push();
}

static void
op_read(IotGtkAlertInbox *w, const guint64 *ids, guint n, gpointer data)
{
	marked_read += n;
	iot_alert_inbox_mark_read(inbox, ids, n, now);
	push();
}

static void
op_ack_source(IotGtkAlertInbox *w, const char *account, const char *thing, gpointer data)
{
	ack_sources++;
	g_free(ack_source_thing);
	ack_source_thing = g_strdup(thing);
	iot_alert_inbox_acknowledge_source(inbox, account, thing, now);
	push();
}

static void
op_mute(IotGtkAlertInbox *w, const guint64 *ids, guint n, gpointer data)
{
	mutes += n;
}

static gboolean
op_latched(guint rule_id, gpointer data)
{
	return rule_id == 2;
}

static char *
op_name(const char *account, const char *thing, gpointer data)
{
	if (strcmp(thing, "door@home.example") == 0)
		return g_strdup("Front door");
	if (strcmp(thing, "thermostat@home.example") == 0)
		return g_strdup("Thermostat");
	if (strcmp(thing, "smoke@home.example") == 0)
		return g_strdup("Smoke detector");
	return NULL;
}

static void
op_rules(IotGtkAlertInbox *w, gpointer data)
{
	rules_opened++;
}

static void
op_closed(IotGtkAlertInbox *w, gpointer data)
{
	closed++;
}

static const IotGtkAlertOps ops = {
	.acknowledge = op_ack,
	.snooze = op_snooze,
	.dismiss = op_dismiss,
	.mark_read = op_read,
	.acknowledge_source = op_ack_source,
	.mute = op_mute,
	.rule_latched = op_latched,
	.display_name = op_name,
	.open_rules = op_rules,
	.on_closed = op_closed,
};

static void
setup(void)
{
	char *long_text = g_strnfill(1500, 'x');

	now = g_get_real_time();
	base = now - 50 * IOT_ALERT_MINUTE;
	closed = marked_read = acks = snoozes = dismissals = mutes = ack_sources = opened_inbox = rules_opened = 0;
	inbox = iot_alert_inbox_new(NULL);
	id_rule = add("thermostat@home.example", NULL, "temperature", IOT_ALERT_WARNING, IOT_ALERT_ORIGIN_RULE, 1,
	              "temperature is 31.5 (> 30)", base);
	id_info = add("thermostat@home.example", NULL, NULL, IOT_ALERT_INFO, IOT_ALERT_ORIGIN_HEADLINE, 0,
	              "Filter change due\nSee the manual, page 12.", base + 5 * IOT_ALERT_MINUTE);
	id_door = add("door@home.example", NULL, NULL, IOT_ALERT_ALARM, IOT_ALERT_ORIGIN_HEADLINE, 0, DOOR_TEXT,
	              base + 10 * IOT_ALERT_MINUTE);
	add("door@home.example", NULL, NULL, IOT_ALERT_ALARM, IOT_ALERT_ORIGIN_HEADLINE, 0, DOOR_TEXT,
	    base + 12 * IOT_ALERT_MINUTE);
	add("door@home.example", NULL, NULL, IOT_ALERT_ALARM, IOT_ALERT_ORIGIN_HEADLINE, 0, DOOR_TEXT,
	    base + 14 * IOT_ALERT_MINUTE);
	id_smoke = add("smoke@home.example", NULL, "smoke", IOT_ALERT_ALARM, IOT_ALERT_ORIGIN_RULE, 2,
	               "smoke is 0.4 (> 0.2)", base + 20 * IOT_ALERT_MINUTE);
	id_meter = add("meter@home.example", NULL, NULL, IOT_ALERT_WARNING, IOT_ALERT_ORIGIN_HEADLINE, 0,
	               "Power spike: 4200 W", base + 25 * IOT_ALERT_MINUTE);
	id_node = add("hub@home.example", "kitchen-sensor", NULL, IOT_ALERT_WARNING, IOT_ALERT_ORIGIN_EVENT, 0,
	              "Node error: sensor not responding", base + 30 * IOT_ALERT_MINUTE);
	id_stranger = add("someone@evil.example", NULL, NULL, IOT_ALERT_INFO, IOT_ALERT_ORIGIN_HEADLINE, 0, long_text,
	                  base + 35 * IOT_ALERT_MINUTE);
	{
		IotAlertSource src = { "alice@home.example", "smoke@home.example", NULL, "smoke" };

		ck_assert(iot_alert_inbox_clear_rule(inbox, 2, &src, base + 40 * IOT_ALERT_MINUTE));
	}
	iot_alert_inbox_snooze(inbox, &id_meter, 1, now + 2 * IOT_ALERT_HOUR, base + 45 * IOT_ALERT_MINUTE);
	g_free(long_text);
	win = iot_gtk_alert_inbox_new(&ops, NULL);
	gtk_window_set_default_size(GTK_WINDOW(iot_gtk_alert_inbox_get_window(win)), 980, 560);
	push();
}

static void
teardown(void)
{
	iot_gtk_alert_inbox_destroy(win);
	ck_assert_uint_eq(closed, 1);
	iot_alert_inbox_free(inbox);
	g_free(ack_source_thing);
	ack_source_thing = NULL;
}

/* The row of entry @id. */
static gboolean
find(guint64 id, GtkTreeIter *out)
{
	GtkTreeModel *m = iot_gtk_alert_inbox_get_model(win);
	GtkTreeIter iter, child;
	gboolean ok, ok2;

	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		guint64 rid;

		gtk_tree_model_get(m, &iter, IOT_GTK_ALERT_COL_ID, &rid, -1);
		if (rid == id) {
			*out = iter;
			return TRUE;
		}
		for (ok2 = gtk_tree_model_iter_children(m, &child, &iter); ok2; ok2 = gtk_tree_model_iter_next(m, &child)) {
			gtk_tree_model_get(m, &child, IOT_GTK_ALERT_COL_ID, &rid, -1);
			if (rid == id) {
				*out = child;
				return TRUE;
			}
		}
	}
	return FALSE;
}

static char *
cell(guint64 id, int col)
{
	GtkTreeIter iter;
	char *s = NULL;

	if (!find(id, &iter))
		return NULL;
	gtk_tree_model_get(iot_gtk_alert_inbox_get_model(win), &iter, col, &s, -1);
	return s;
}

static void
assert_cell(guint64 id, int col, const char *expected)
{
	char *s = cell(id, col);

	ck_assert_msg(s != NULL, "no row of entry %" G_GUINT64_FORMAT, id);
	ck_assert_str_eq(s, expected);
	g_free(s);
}

static void
assert_cell_has(guint64 id, int col, const char *part)
{
	char *s = cell(id, col);

	ck_assert_msg(s != NULL && strstr(s, part) != NULL, "column %d of %" G_GUINT64_FORMAT " is “%s”, not with “%s”",
	              col, id, s ? s : "(none)", part);
	g_free(s);
}

START_TEST(test_rows)
{
	GtkTreeModel *m = iot_gtk_alert_inbox_get_model(win);
	const char *title = gtk_window_get_title(GTK_WINDOW(iot_gtk_alert_inbox_get_window(win)));
	char *expected = g_strdup_printf("Alerts (%u unread)", iot_alert_inbox_unread(inbox));

	ck_assert_uint_eq(iot_gtk_alert_inbox_count(win), iot_alert_inbox_size(inbox));
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 7);
	ck_assert_uint_eq(iot_gtk_alert_inbox_unread(win), iot_alert_inbox_unread(inbox));
	ck_assert_str_eq(title, expected);
	g_free(expected);
	/* Grouped: thermostat, door, smoke, meter, hub's node, stranger. */
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 6);
	/* The hostile text, literally, with its count. */
	assert_cell(id_door, IOT_GTK_ALERT_COL_TEXT, DOOR_TEXT " (×3)");
	/* Under its source, an entry names its field. */
	assert_cell(id_door, IOT_GTK_ALERT_COL_SOURCE, "");
	assert_cell(id_rule, IOT_GTK_ALERT_COL_SOURCE, "temperature");
	assert_cell(id_door, IOT_GTK_ALERT_COL_SEVERITY, "Alarm");
	assert_cell(id_door, IOT_GTK_ALERT_COL_ICON, GTK_STOCK_DIALOG_ERROR);
	assert_cell_has(id_door, IOT_GTK_ALERT_COL_TIME, " – ");
	/* The first line only, and a sign that there is more. */
	assert_cell(id_info, IOT_GTK_ALERT_COL_TEXT, "Filter change due …");
	/* Both moments of the cleared alarm. */
	assert_cell_has(id_smoke, IOT_GTK_ALERT_COL_STATE, "Cleared ");
	assert_cell_has(id_meter, IOT_GTK_ALERT_COL_STATE, "Snoozed until ");
	gtk_toggle_button_set_active(iot_gtk_alert_inbox_get_group_toggle(win), FALSE);
	assert_cell(id_node, IOT_GTK_ALERT_COL_SOURCE, "hub@home.example › kitchen-sensor");
	assert_cell(id_door, IOT_GTK_ALERT_COL_SOURCE, "Front door");
	gtk_toggle_button_set_active(iot_gtk_alert_inbox_get_group_toggle(win), TRUE);
	/* A long text is cut in the row. */
	{
		char *t = cell(id_stranger, IOT_GTK_ALERT_COL_TEXT);

		ck_assert_int_le(g_utf8_strlen(t, -1), IOT_GTK_ALERT_ROW_CHARS + 1);
		g_free(t);
	}
	/* The newest group on top: the stranger's. */
	{
		GtkTreeIter first, child;
		guint64 id;

		ck_assert(gtk_tree_model_get_iter_first(m, &first));
		ck_assert(gtk_tree_model_iter_children(m, &child, &first));
		gtk_tree_model_get(m, &child, IOT_GTK_ALERT_COL_ID, &id, -1);
		ck_assert_uint_eq(id, id_stranger);
	}
}
END_TEST

START_TEST(test_filters)
{
	GtkTreeModel *m = iot_gtk_alert_inbox_get_model(win);

	gtk_entry_set_text(iot_gtk_alert_inbox_get_search_entry(win), "SMOKE");
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 1);
	/* The name the person gave a thing is searched too. */
	gtk_entry_set_text(iot_gtk_alert_inbox_get_search_entry(win), "front");
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 1);
	gtk_entry_set_text(iot_gtk_alert_inbox_get_search_entry(win), "kitchen");
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 1);
	gtk_entry_set_text(iot_gtk_alert_inbox_get_search_entry(win), "");
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 7);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_severity_filter(win), 1 + IOT_ALERT_ALARM);
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 2);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_severity_filter(win), 0);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_state_filter(win), 4); /* snoozed */
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 1);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_state_filter(win), 5); /* cleared */
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 1);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_state_filter(win), 1); /* open */
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 6);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_state_filter(win), 0);
	/* Flat: every entry a row of its own. */
	gtk_toggle_button_set_active(iot_gtk_alert_inbox_get_group_toggle(win), FALSE);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 7);
	gtk_toggle_button_set_active(iot_gtk_alert_inbox_get_group_toggle(win), TRUE);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 6);
}
END_TEST

START_TEST(test_actions)
{
	GtkWidget *mute = iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_MUTE);
	GtkWidget *reset = iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_RESET);
	guint unread = iot_alert_inbox_unread(inbox);

	ui_test_show_and_wait(iot_gtk_alert_inbox_get_window(win), 100);
	/* Selecting a new entry reads it; the count follows. */
	ck_assert(iot_gtk_alert_inbox_select(win, id_door, FALSE));
	ck_assert_uint_eq(marked_read, 1);
	ck_assert_uint_eq(iot_gtk_alert_inbox_unread(win), unread - 1);
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "Front door (door@home.example)"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "(3 times)"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), DOOR_TEXT));
	ck_assert(!gtk_widget_get_visible(mute));
	ck_assert(!gtk_widget_get_visible(reset));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_ACKNOWLEDGE)));
	ck_assert_uint_eq(acks, 1);
	assert_cell(id_door, IOT_GTK_ALERT_COL_STATE, "Acknowledged");

	/* A latched rule's alarm: Mute and Reset apart. */
	ck_assert(iot_gtk_alert_inbox_select(win, id_smoke, FALSE));
	ck_assert(gtk_widget_get_visible(mute));
	ck_assert(gtk_widget_get_visible(reset));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "cleared"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "latched"));
	gtk_button_clicked(GTK_BUTTON(mute));
	ck_assert_uint_eq(mutes, 1);
	ck_assert_uint_eq(acks, 1);
	gtk_button_clicked(GTK_BUTTON(reset));
	ck_assert_uint_eq(acks, 2);
	assert_cell_has(id_smoke, IOT_GTK_ALERT_COL_STATE, "Acknowledged, cleared ");

	/* Snooze: an hour, until tomorrow 08:00, or as long as the person says. */
	ck_assert(iot_gtk_alert_inbox_select(win, id_rule, FALSE));
	iot_gtk_alert_inbox_snooze_selected(win, 0, FALSE);
	ck_assert_uint_eq(snoozes, 1);
	ck_assert_int_ge(snoozed_until, now + IOT_ALERT_HOUR);
	ck_assert_int_le(snoozed_until, g_get_real_time() + IOT_ALERT_HOUR);
	assert_cell_has(id_rule, IOT_GTK_ALERT_COL_STATE, "Snoozed until ");
	ck_assert(iot_gtk_alert_inbox_select(win, id_node, FALSE));
	iot_gtk_alert_inbox_snooze_selected(win, 0, TRUE);
	{
		GDateTime *dt = g_date_time_new_from_unix_local(snoozed_until / G_USEC_PER_SEC);

		ck_assert_int_eq(g_date_time_get_hour(dt), 8);
		ck_assert_int_eq(g_date_time_get_minute(dt), 0);
		ck_assert_int_gt(snoozed_until, now);
		ck_assert_int_le(snoozed_until, now + 32 * IOT_ALERT_HOUR);
		g_date_time_unref(dt);
	}
	/* Custom…: a dialog of hours and minutes. */
	iot_gtk_alert_inbox_snooze_custom(win);
	{
		GtkWidget *d = iot_gtk_alert_inbox_get_dialog(win);
		gint64 before = g_get_real_time();

		ck_assert_ptr_nonnull(d);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(g_object_get_data(G_OBJECT(d), "hours")), 0);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(g_object_get_data(G_OBJECT(d), "minutes")), 30);
		ui_test_run_ms(50);
		gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
		ck_assert_ptr_null(iot_gtk_alert_inbox_get_dialog(win));
		ck_assert_uint_eq(snoozes, 3);
		ck_assert_int_ge(snoozed_until, before + 30 * IOT_ALERT_MINUTE);
		ck_assert_int_le(snoozed_until, g_get_real_time() + 30 * IOT_ALERT_MINUTE);
	}

	/* Many at once: the info and the stranger's entry dismissed together. */
	ck_assert(iot_gtk_alert_inbox_select(win, id_info, FALSE));
	ck_assert(iot_gtk_alert_inbox_select(win, id_stranger, TRUE));
	ck_assert_str_eq(iot_gtk_alert_inbox_get_details(win), "2 alerts selected");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_DISMISS)));
	ck_assert_uint_eq(dismissals, 1);
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 5);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_state_filter(win), 6); /* dismissed */
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 2);
	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_state_filter(win), 0);

	/* Everything from one source. */
	ck_assert(iot_gtk_alert_inbox_select(win, id_meter, FALSE));
	ck_assert(gtk_widget_get_sensitive(iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_ACK_SOURCE)));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_ACK_SOURCE)));
	ck_assert_uint_eq(ack_sources, 1);
	ck_assert_str_eq(ack_source_thing, "meter@home.example");
	/* Two sources selected: not offered. */
	ck_assert(iot_gtk_alert_inbox_select(win, id_door, TRUE));
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_ACK_SOURCE)));
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(iot_gtk_alert_inbox_get_window(win), "R_ules…")));
	ck_assert_uint_eq(rules_opened, 1);
}
END_TEST

/* The inbox's listener straight into the window: changes coalesced into one
 * flush, a merged entry moves to the top of its group, removed ones go. */
static void
listener(IotAlertChange change, const IotAlert *alert, gboolean notify, gpointer data)
{
	iot_gtk_alert_inbox_changed(win, change, alert);
}

START_TEST(test_live_changes)
{
	GtkTreeIter iter;
	guint i;

	iot_alert_inbox_set_listener(inbox, listener, NULL, NULL);
	for (i = 0; i < 20; i++)
		add("thermostat@home.example", NULL, NULL, IOT_ALERT_INFO, IOT_ALERT_ORIGIN_HEADLINE, 0,
		    "Filter change due\nSee the manual, page 12.", base + 6 * IOT_ALERT_MINUTE + i * IOT_ALERT_SECOND);
	iot_gtk_alert_inbox_flush(win);
	assert_cell(id_info, IOT_GTK_ALERT_COL_TEXT, "Filter change due … (×21)");
	ck_assert(find(id_info, &iter));
	{
		GtkTreePath *path = gtk_tree_model_get_path(iot_gtk_alert_inbox_get_model(win), &iter);

		ck_assert_int_eq(gtk_tree_path_get_depth(path), 2);
		ck_assert_int_eq(gtk_tree_path_get_indices(path)[1], 0);
		gtk_tree_path_free(path);
	}
	iot_gtk_alert_inbox_changed(win, IOT_ALERT_CHANGE_REMOVED, iot_alert_inbox_get(inbox, id_node));
	iot_gtk_alert_inbox_flush(win);
	ck_assert(!find(id_node, &iter));
	ck_assert_uint_eq(iot_gtk_alert_inbox_count(win), iot_alert_inbox_size(inbox) - 1);
	iot_alert_inbox_set_listener(inbox, NULL, NULL, NULL);
}
END_TEST

/* Closed with changes pending and its snooze dialog and menu open: nothing
 * of it runs afterwards. */
START_TEST(test_close_pending)
{
	GPtrArray *list = iot_alert_inbox_list(inbox, NULL);
	guint i;

	ui_test_show_and_wait(iot_gtk_alert_inbox_get_window(win), 50);
	for (i = 0; i < list->len; i++)
		iot_gtk_alert_inbox_changed(win, IOT_ALERT_CHANGE_UPDATED, g_ptr_array_index(list, i));
	g_ptr_array_unref(list);
	ck_assert(iot_gtk_alert_inbox_select(win, id_rule, FALSE));
	iot_gtk_alert_inbox_snooze_custom(win);
	gtk_button_clicked(GTK_BUTTON(iot_gtk_alert_inbox_get_action(win, IOT_GTK_ALERT_ACTION_SNOOZE)));
	iot_gtk_alert_inbox_destroy(win);
	ck_assert_uint_eq(closed, 1);
	ui_test_run_ms(IOT_GTK_ALERT_FLUSH_MS * 2);
	/* The fixture's teardown closes a window of its own. */
	win = iot_gtk_alert_inbox_new(&ops, NULL);
	closed = 0;
}
END_TEST

START_TEST(test_png)
{
	GtkWidget *w = iot_gtk_alert_inbox_get_window(win);

	ui_test_show_and_wait(w, 200);
	ck_assert(iot_gtk_alert_inbox_select(win, id_smoke, FALSE));
	ui_test_run_ms(100);
	ui_test_save_png(w, "alert-inbox.png");
}
END_TEST

/* ---- the notice ------------------------------------------------------------------ */

static guint notice_acks, notice_closed;

static void
n_open(IotGtkAlertNotice *n, gpointer data)
{
	opened_inbox++;
}

static void
n_ack(IotGtkAlertNotice *n, guint64 id, gpointer data)
{
	notice_acks++;
}

static void
n_closed(IotGtkAlertNotice *n, gpointer data)
{
	notice_closed++;
}

START_TEST(test_notice)
{
	static const IotGtkAlertNoticeOps nops = { n_open, n_ack, n_closed };
	IotGtkAlertNotice *n = iot_gtk_alert_notice_new(&nops, NULL);
	GtkWidget *w = iot_gtk_alert_notice_get_window(n);

	ck_assert(!gtk_widget_get_visible(w));
	iot_gtk_alert_notice_show(n, iot_alert_inbox_get(inbox, id_rule), "Thermostat", 1);
	iot_gtk_alert_notice_show(n, iot_alert_inbox_get(inbox, id_meter), NULL, 2);
	iot_gtk_alert_notice_show(n, iot_alert_inbox_get(inbox, id_door), "Front door", 3);
	/* One window, updated in place. */
	ck_assert_uint_eq(iot_gtk_alert_notice_get_updates(n), 3);
	ck_assert_ptr_eq(iot_gtk_alert_notice_get_window(n), w);
	ck_assert_str_eq(iot_gtk_alert_notice_get_title(n), "3 unread alerts");
	ck_assert_str_eq(iot_gtk_alert_notice_get_text(n), DOOR_TEXT " (×3)");
	ui_test_show_and_wait(w, 200);
	ck_assert(!gtk_window_get_focus_on_map(GTK_WINDOW(w)));
	ui_test_save_png(w, "alert-notice.png");
	iot_gtk_alert_notice_set_unread(n, 2);
	ck_assert_str_eq(iot_gtk_alert_notice_get_title(n), "2 unread alerts");
	ck_assert(gtk_widget_get_visible(w));
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(w, "_Acknowledge")));
	ck_assert_uint_eq(notice_acks, 1);
	ck_assert(!gtk_widget_get_visible(w));
	iot_gtk_alert_notice_show(n, iot_alert_inbox_get(inbox, id_rule), "Thermostat", 1);
	iot_gtk_alert_notice_activate(n);
	ck_assert_uint_eq(opened_inbox, 1);
	ck_assert(!gtk_widget_get_visible(w));
	iot_gtk_alert_notice_show(n, iot_alert_inbox_get(inbox, id_rule), "Thermostat", 1);
	iot_gtk_alert_notice_set_unread(n, 0);
	ck_assert(!gtk_widget_get_visible(w));
	iot_gtk_alert_notice_destroy(n);
	ck_assert_uint_eq(notice_closed, 1);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("alert-window");
	TCase *tc = tcase_create("inbox");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_actions);
	tcase_add_test(tc, test_live_changes);
	tcase_add_test(tc, test_close_pending);
	tcase_add_test(tc, test_png);
	tcase_add_test(tc, test_notice);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
