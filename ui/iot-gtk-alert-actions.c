/*
 * iot-gtk-alert-actions.c — what the person does with the selected alerts:
 * Acknowledge, Snooze (1 h, until tomorrow, custom…), Dismiss, Acknowledge
 * all from this source, and for latched rules Mute and Reset; the context
 * menu; the details pane of the selected entry; NEW entries marked read
 * when selected. See iot-gtk-alert.h.
 */
#include "iot-gtk-alert-private.h"

#include "iot-alert-rule.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- the selection ---------------------------------------------------------------- */

static void
add_ids(IotGtkAlertInbox *win, GtkTreeIter *iter, GArray *ids)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter child;
	guint64 id;
	gboolean ok;

	gtk_tree_model_get(m, iter, IOT_GTK_ALERT_COL_ID, &id, -1);
	if (id != 0) {
		guint i;

		for (i = 0; i < ids->len; i++)
			if (g_array_index(ids, guint64, i) == id)
				return;
		g_array_append_val(ids, id);
		return;
	}
	for (ok = gtk_tree_model_iter_children(m, &child, iter); ok; ok = gtk_tree_model_iter_next(m, &child))
		add_ids(win, &child, ids);
}

guint64 *
iot_gtk_alert_selected_ids(IotGtkAlertInbox *win, guint *n)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GList *rows = gtk_tree_selection_get_selected_rows(sel, NULL), *l;
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint64));

	for (l = rows; l != NULL; l = l->next) {
		GtkTreeIter iter;

		if (gtk_tree_model_get_iter(GTK_TREE_MODEL(win->store), &iter, l->data))
			add_ids(win, &iter, ids);
	}
	g_list_free_full(rows, (GDestroyNotify)gtk_tree_path_free);
	*n = ids->len;
	return (guint64 *)g_array_free(ids, FALSE);
}

static gboolean
latched(IotGtkAlertInbox *win, const IotAlert *a)
{
	return a->origin == IOT_ALERT_ORIGIN_RULE && a->rule_id != 0 && win->ops.rule_latched != NULL &&
	       win->ops.rule_latched(a->rule_id, win->user_data);
}

/* ---- the details pane ------------------------------------------------------------- */

static char *
details_of(IotGtkAlertInbox *win, const IotAlert *a)
{
	gint64 now = g_get_real_time();
	GString *s = g_string_new(NULL);
	const char *name = iot_gtk_alert_inbox_name(win, a->source.account, a->source.thing);
	char *first = iot_gtk_alert_format_time(a->first, now), *last = iot_gtk_alert_format_time(a->last, now);

	if (g_strcmp0(name, a->source.thing) != 0)
		g_string_append_printf(s, "%s (%s)", name, a->source.thing);
	else
		g_string_append(s, a->source.thing);
	if (a->source.node != NULL)
		/* TRANSLATORS: the node an alert is about, in the inbox's details. */
		g_string_append_printf(s, _(", node %s"), a->source.node);
	if (a->source.field != NULL)
		/* TRANSLATORS: the field an alert is about, in the inbox's details. */
		g_string_append_printf(s, _(", field %s"), a->source.field);
	g_string_append_printf(s, " · %s · %s\n", iot_alert_severity_text(a->severity),
	                       iot_alert_state_text(a->state));
	if (iot_alert_is_question(a))
		/* TRANSLATORS: when an owner question was first asked. */
		g_string_append_printf(s, _("Asked %s"), first);
	else if (a->count > 1)
		/* TRANSLATORS: when a merged alert first and last arrived, and how often. */
		g_string_append_printf(s, g_dngettext(GETTEXT_PACKAGE, "First %s, last %s (%u time)",
		                                      "First %s, last %s (%u times)", a->count),
		                       first, last, a->count);
	else
		/* TRANSLATORS: when an alert arrived (fired). */
		g_string_append_printf(s, _("Fired %s"), first);
	if (a->cleared > 0) {
		char *cleared = iot_gtk_alert_format_time(a->cleared, now);

		/* TRANSLATORS: follows when an alert fired: when it went back to normal. */
		g_string_append_printf(s, _(", cleared %s"), cleared);
		g_free(cleared);
	}
	if (a->origin == IOT_ALERT_ORIGIN_RULE && latched(win, a))
		/* TRANSLATORS: the alert's rule is latched (stays until reset). */
		g_string_append(s, _(" · latched: stays until it is reset"));
	if (a->stranger)
		/* TRANSLATORS: the sender of an alert is not in the buddy list. */
		g_string_append(s, _(" · from someone not in your buddy list"));
	g_string_append_c(s, '\n');
	g_string_append(s, a->text);
	g_free(first);
	g_free(last);
	return g_string_free(s, FALSE);
}

static void
set_details(IotGtkAlertInbox *win, const char *text)
{
	if (g_strcmp0(win->details, text) == 0)
		return;
	g_free(win->details);
	win->details = g_strdup(text);
	gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(win->details_view)), text, -1);
}

/* ---- sensitivity ------------------------------------------------------------------ */

void
iot_gtk_alert_actions_update(IotGtkAlertInbox *win, gboolean mark_read)
{
	guint n, i, open = 0, not_acked = 0, not_dismissed = 0, sources = 0, latched_n = 0;
	guint64 *ids = iot_gtk_alert_selected_ids(win, &n);
	GArray *unread = g_array_new(FALSE, FALSE, sizeof(guint64));
	const IotAlert *one = NULL, *first = NULL;
	char *source = NULL;

	for (i = 0; i < n; i++) {
		const IotAlert *a = g_hash_table_lookup(win->alerts, &ids[i]);
		char *key;

		if (a == NULL)
			continue;
		if (first == NULL)
			first = a;
		one = a;
		if (iot_alert_is_open(a))
			open++;
		if (a->state != IOT_ALERT_ACKNOWLEDGED && a->state != IOT_ALERT_DISMISSED)
			not_acked++;
		if (a->state != IOT_ALERT_DISMISSED)
			not_dismissed++;
		if (a->state == IOT_ALERT_NEW && a->deferred_until == 0)
			g_array_append_val(unread, a->id);
		if (latched(win, a) && a->state != IOT_ALERT_DISMISSED)
			latched_n++;
		key = g_strconcat(a->source.account, "\n", a->source.thing, NULL);
		if (source == NULL) {
			source = key;
			sources = 1;
		} else {
			if (strcmp(source, key) != 0)
				sources = 2;
			g_free(key);
		}
	}
	gtk_widget_set_sensitive(win->actions[IOT_GTK_ALERT_ACTION_ACKNOWLEDGE],
	                         not_acked > 0 && win->ops.acknowledge != NULL);
	gtk_widget_set_sensitive(win->actions[IOT_GTK_ALERT_ACTION_SNOOZE], open > 0 && win->ops.snooze != NULL);
	gtk_widget_set_sensitive(win->actions[IOT_GTK_ALERT_ACTION_DISMISS],
	                         not_dismissed > 0 && win->ops.dismiss != NULL);
	gtk_widget_set_sensitive(win->actions[IOT_GTK_ALERT_ACTION_ACK_SOURCE],
	                         sources == 1 && win->ops.acknowledge_source != NULL);
	g_object_set(win->actions[IOT_GTK_ALERT_ACTION_MUTE], "visible", latched_n > 0 && win->ops.mute != NULL,
	             NULL);
	g_object_set(win->actions[IOT_GTK_ALERT_ACTION_RESET], "visible",
	             latched_n > 0 && win->ops.acknowledge != NULL, NULL);
	iot_gtk_alert_question_update(win, n == 1 ? one : NULL);
	if (n == 1 && one != NULL) {
		char *d = details_of(win, one);

		set_details(win, d);
		g_free(d);
	} else if (n > 1) {
		/* TRANSLATORS: the details pane when several alerts are selected. */
		char *d = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u alert selected", "%u alerts selected", n),
		                          n);

		set_details(win, d);
		g_free(d);
	} else {
		set_details(win, "");
	}
	if (mark_read && unread->len > 0 && win->ops.mark_read != NULL)
		win->ops.mark_read(win, (guint64 *)(void *)unread->data, unread->len, win->user_data);
	(void)first;
	g_array_free(unread, TRUE);
	g_free(source);
	g_free(ids);
}

/* ---- the actions ------------------------------------------------------------------ */

typedef void (*IdsFunc)(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer user_data);

static void
run_on_selection(IotGtkAlertInbox *win, IdsFunc func)
{
	guint n;
	guint64 *ids = iot_gtk_alert_selected_ids(win, &n);

	if (func != NULL && n > 0)
		func(win, ids, n, win->user_data);
	g_free(ids);
}

static void
acknowledge_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	run_on_selection(win, win->ops.acknowledge);
}

static void
dismiss_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	run_on_selection(win, win->ops.dismiss);
}

/* Mute and Reset act on the selected entries of latched rules only. */
static void
run_on_latched(IotGtkAlertInbox *win, IdsFunc func)
{
	guint n, i;
	guint64 *ids = iot_gtk_alert_selected_ids(win, &n);
	GArray *sel = g_array_new(FALSE, FALSE, sizeof(guint64));

	for (i = 0; i < n; i++) {
		const IotAlert *a = g_hash_table_lookup(win->alerts, &ids[i]);

		if (a != NULL && latched(win, a))
			g_array_append_val(sel, ids[i]);
	}
	if (func != NULL && sel->len > 0)
		func(win, (guint64 *)(void *)sel->data, sel->len, win->user_data);
	g_array_free(sel, TRUE);
	g_free(ids);
}

static void
mute_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	run_on_latched(win, win->ops.mute);
}

static void
reset_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	run_on_latched(win, win->ops.acknowledge);
}

static void
ack_source_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;
	guint n;
	guint64 *ids = iot_gtk_alert_selected_ids(win, &n);
	const IotAlert *a = n > 0 ? g_hash_table_lookup(win->alerts, &ids[0]) : NULL;

	if (a != NULL && win->ops.acknowledge_source != NULL) {
		char *account = g_strdup(a->source.account), *thing = g_strdup(a->source.thing);

		win->ops.acknowledge_source(win, account, thing, win->user_data);
		g_free(account);
		g_free(thing);
	}
	g_free(ids);
}

void
iot_gtk_alert_inbox_snooze_selected(IotGtkAlertInbox *win, gint64 custom_us, gboolean until_tomorrow)
{
	gint64 now = g_get_real_time(), until;
	guint n;
	guint64 *ids;

	g_return_if_fail(win != NULL);
	if (until_tomorrow)
		until = iot_gtk_alert_tomorrow(now);
	else
		until = now + (custom_us > 0 ? custom_us : IOT_ALERT_HOUR);
	ids = iot_gtk_alert_selected_ids(win, &n);
	if (n > 0 && win->ops.snooze != NULL)
		win->ops.snooze(win, ids, n, until, win->user_data);
	g_free(ids);
}

static void
snooze_hour(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_inbox_snooze_selected(data, IOT_ALERT_HOUR, FALSE);
}

static void
snooze_tomorrow(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_inbox_snooze_selected(data, 0, TRUE);
}

/* The Custom… dialog: hours and minutes, and when that ends. */
static void
custom_update(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;
	GtkWidget *hours = g_object_get_data(G_OBJECT(win->dialog), "hours");
	GtkWidget *minutes = g_object_get_data(G_OBJECT(win->dialog), "minutes");
	GtkWidget *until = g_object_get_data(G_OBJECT(win->dialog), "until");
	gint64 span = gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(hours)) * IOT_ALERT_HOUR +
	              gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(minutes)) * IOT_ALERT_MINUTE;
	gint64 now = g_get_real_time();
	char *t = iot_gtk_alert_format_time(now + span, now);
	/* TRANSLATORS: when a custom snooze ends. */
	char *s = g_strdup_printf(_("Until %s"), t);

	gtk_label_set_text(GTK_LABEL(until), s);
	gtk_dialog_set_response_sensitive(GTK_DIALOG(win->dialog), GTK_RESPONSE_OK, span > 0);
	g_free(t);
	g_free(s);
}

static void
custom_response(GtkDialog *dialog, int response, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (response == GTK_RESPONSE_OK) {
		GtkWidget *hours = g_object_get_data(G_OBJECT(dialog), "hours");
		GtkWidget *minutes = g_object_get_data(G_OBJECT(dialog), "minutes");
		gint64 span = gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(hours)) * IOT_ALERT_HOUR +
		              gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(minutes)) * IOT_ALERT_MINUTE;

		if (span > 0)
			iot_gtk_alert_inbox_snooze_selected(win, span, FALSE);
	}
	gtk_widget_destroy(GTK_WIDGET(dialog));
}

static void
custom_destroyed(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (win->dialog == w)
		win->dialog = NULL;
}

static void
snooze_custom(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;
	GtkWidget *table, *label, *hours, *minutes, *until;

	if (win->dialog != NULL) {
		gtk_window_present(GTK_WINDOW(win->dialog));
		return;
	}
	win->dialog = gtk_dialog_new_with_buttons(_("Snooze"), GTK_WINDOW(win->window), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                          GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, _("_Snooze"),
	                                          GTK_RESPONSE_OK, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(win->dialog), GTK_RESPONSE_OK);
	table = gtk_table_new(3, 2, FALSE);
	gtk_table_set_row_spacings(GTK_TABLE(table), 6);
	gtk_table_set_col_spacings(GTK_TABLE(table), 6);
	gtk_container_set_border_width(GTK_CONTAINER(table), 8);
	hours = gtk_spin_button_new_with_range(0, 24 * 14, 1);
	minutes = gtk_spin_button_new_with_range(0, 59, 5);
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(hours), 2);
	gtk_entry_set_activates_default(GTK_ENTRY(hours), TRUE);
	gtk_entry_set_activates_default(GTK_ENTRY(minutes), TRUE);
	label = gtk_label_new_with_mnemonic(_("_Hours:"));
	gtk_misc_set_alignment(GTK_MISC(label), 0, 0.5);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), hours);
	gtk_table_attach(GTK_TABLE(table), label, 0, 1, 0, 1, GTK_FILL, 0, 0, 0);
	gtk_table_attach(GTK_TABLE(table), hours, 1, 2, 0, 1, GTK_FILL | GTK_EXPAND, 0, 0, 0);
	label = gtk_label_new_with_mnemonic(_("_Minutes:"));
	gtk_misc_set_alignment(GTK_MISC(label), 0, 0.5);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), minutes);
	gtk_table_attach(GTK_TABLE(table), label, 0, 1, 1, 2, GTK_FILL, 0, 0, 0);
	gtk_table_attach(GTK_TABLE(table), minutes, 1, 2, 1, 2, GTK_FILL | GTK_EXPAND, 0, 0, 0);
	until = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(until), 0, 0.5);
	gtk_table_attach(GTK_TABLE(table), until, 0, 2, 2, 3, GTK_FILL, 0, 0, 0);
	gtk_box_pack_start(GTK_BOX(GTK_DIALOG(win->dialog)->vbox), table, TRUE, TRUE, 0);
	g_object_set_data(G_OBJECT(win->dialog), "hours", hours);
	g_object_set_data(G_OBJECT(win->dialog), "minutes", minutes);
	g_object_set_data(G_OBJECT(win->dialog), "until", until);
	g_signal_connect(hours, "value-changed", G_CALLBACK(custom_update), win);
	g_signal_connect(minutes, "value-changed", G_CALLBACK(custom_update), win);
	g_signal_connect(win->dialog, "response", G_CALLBACK(custom_response), win);
	g_signal_connect(win->dialog, "destroy", G_CALLBACK(custom_destroyed), win);
	custom_update(NULL, win);
	gtk_widget_show_all(win->dialog);
}

void
iot_gtk_alert_inbox_snooze_custom(IotGtkAlertInbox *win)
{
	g_return_if_fail(win != NULL);
	snooze_custom(NULL, win);
}

static GtkWidget *
snooze_menu(IotGtkAlertInbox *win)
{
	GtkWidget *menu = gtk_menu_new(), *item;
	char *t = iot_gtk_alert_format_time(iot_gtk_alert_tomorrow(g_get_real_time()), 0), *label;

	item = gtk_menu_item_new_with_mnemonic(_("For 1 _hour"));
	g_signal_connect(item, "activate", G_CALLBACK(snooze_hour), win);
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
	/* TRANSLATORS: snooze until tomorrow morning; %s is the date and time. */
	label = g_strdup_printf(_("Until _tomorrow (%s)"), t);
	item = gtk_menu_item_new_with_mnemonic(label);
	g_signal_connect(item, "activate", G_CALLBACK(snooze_tomorrow), win);
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
	item = gtk_menu_item_new_with_mnemonic(_("_Custom…"));
	g_signal_connect(item, "activate", G_CALLBACK(snooze_custom), win);
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
	gtk_widget_show_all(menu);
	g_free(label);
	g_free(t);
	return menu;
}

/* The menu popped up last (the snooze menu or the context menu). */
static void
drop_menu(IotGtkAlertInbox *win)
{
	if (win->snooze_menu != NULL) {
		gtk_widget_destroy(win->snooze_menu);
		g_object_unref(win->snooze_menu);
		win->snooze_menu = NULL;
	}
}

static void
snooze_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	drop_menu(win);
	win->snooze_menu = g_object_ref_sink(snooze_menu(win));
	gtk_menu_popup(GTK_MENU(win->snooze_menu), NULL, NULL, NULL, NULL, 0, gtk_get_current_event_time());
}

static void
rules_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (win->ops.open_rules != NULL)
		win->ops.open_rules(win, win->user_data);
}

static GtkWidget *
button(IotGtkAlertInbox *win, GtkWidget *box, const char *label, GCallback cb)
{
	GtkWidget *b = gtk_button_new_with_mnemonic(label);

	g_signal_connect(b, "clicked", cb, win);
	gtk_box_pack_start(GTK_BOX(box), b, FALSE, FALSE, 0);
	return b;
}

void
iot_gtk_alert_actions_build(IotGtkAlertInbox *win, GtkWidget *box)
{
	GtkWidget *rules, *close;

	win->actions[IOT_GTK_ALERT_ACTION_ACKNOWLEDGE] =
		button(win, box, _("_Acknowledge"), G_CALLBACK(acknowledge_clicked));
	win->actions[IOT_GTK_ALERT_ACTION_SNOOZE] = button(win, box, _("S_nooze ▾"), G_CALLBACK(snooze_clicked));
	win->actions[IOT_GTK_ALERT_ACTION_DISMISS] = button(win, box, _("_Dismiss"), G_CALLBACK(dismiss_clicked));
	win->actions[IOT_GTK_ALERT_ACTION_ACK_SOURCE] =
		button(win, box, _("Acknowledge all from this s_ource"), G_CALLBACK(ack_source_clicked));
	/* TRANSLATORS: a latched alarm: stop its reminders, the alarm stays. */
	win->actions[IOT_GTK_ALERT_ACTION_MUTE] = button(win, box, _("_Mute"), G_CALLBACK(mute_clicked));
	/* TRANSLATORS: a latched alarm: acknowledge it, so that it clears once
	 * the value is back to normal. */
	win->actions[IOT_GTK_ALERT_ACTION_RESET] = button(win, box, _("_Reset"), G_CALLBACK(reset_clicked));
	gtk_widget_set_no_show_all(win->actions[IOT_GTK_ALERT_ACTION_MUTE], TRUE);
	gtk_widget_set_no_show_all(win->actions[IOT_GTK_ALERT_ACTION_RESET], TRUE);
	close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);
	g_signal_connect_swapped(close, "clicked", G_CALLBACK(gtk_widget_destroy), win->window);
	gtk_box_pack_end(GTK_BOX(box), close, FALSE, FALSE, 0);
	rules = gtk_button_new_with_mnemonic(_("R_ules…"));
	g_signal_connect(rules, "clicked", G_CALLBACK(rules_clicked), win);
	gtk_box_pack_end(GTK_BOX(box), rules, FALSE, FALSE, 0);
	gtk_widget_set_sensitive(rules, win->ops.open_rules != NULL);
}

void
iot_gtk_alert_actions_popup(IotGtkAlertInbox *win, GdkEventButton *ev)
{
	GtkWidget *menu, *item, *sub;
	guint i;
	static const IotGtkAlertAction order[] = { IOT_GTK_ALERT_ACTION_ACKNOWLEDGE, IOT_GTK_ALERT_ACTION_DISMISS,
		                                       IOT_GTK_ALERT_ACTION_ACK_SOURCE, IOT_GTK_ALERT_ACTION_MUTE,
		                                       IOT_GTK_ALERT_ACTION_RESET };

	drop_menu(win);
	menu = gtk_menu_new();
	for (i = 0; i < G_N_ELEMENTS(order); i++) {
		GtkWidget *b = win->actions[order[i]];

		if (!gtk_widget_get_visible(b))
			continue;
		item = gtk_menu_item_new_with_mnemonic(gtk_button_get_label(GTK_BUTTON(b)));
		gtk_widget_set_sensitive(item, gtk_widget_get_sensitive(b));
		g_signal_connect_swapped(item, "activate", G_CALLBACK(gtk_button_clicked), b);
		gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
		if (order[i] == IOT_GTK_ALERT_ACTION_ACKNOWLEDGE) {
			item = gtk_menu_item_new_with_mnemonic(_("S_nooze"));
			sub = snooze_menu(win);
			gtk_menu_item_set_submenu(GTK_MENU_ITEM(item), sub);
			gtk_widget_set_sensitive(item, gtk_widget_get_sensitive(win->actions[IOT_GTK_ALERT_ACTION_SNOOZE]));
			gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
		}
	}
	gtk_widget_show_all(menu);
	win->snooze_menu = g_object_ref_sink(menu);
	gtk_menu_popup(GTK_MENU(menu), NULL, NULL, NULL, NULL, ev ? ev->button : 0,
	               ev ? ev->time : gtk_get_current_event_time());
}

void
iot_gtk_alert_actions_close(IotGtkAlertInbox *win)
{
	iot_gtk_alert_question_close(win);
	if (win->dialog != NULL)
		gtk_widget_destroy(win->dialog);
	drop_menu(win);
}

GtkWidget *
iot_gtk_alert_inbox_get_action(IotGtkAlertInbox *win, IotGtkAlertAction action)
{
	g_return_val_if_fail(action < IOT_GTK_ALERT_N_ACTIONS, NULL);
	return win->actions[action];
}

GtkWidget *
iot_gtk_alert_inbox_get_dialog(IotGtkAlertInbox *win)
{
	return win->dialog;
}
