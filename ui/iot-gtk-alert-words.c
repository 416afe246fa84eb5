/*
 * iot-gtk-alert-words.c — how the alerts windows say things: severity icons,
 * times, an entry's source, time span, state and row text. See
 * iot-gtk-alert.h and iot-gtk-alert-private.h.
 */
#include "iot-gtk-alert-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- words -------------------------------------------------------------------- */

const char *
iot_gtk_alert_severity_icon(IotAlertSeverity s)
{
	switch (s) {
	case IOT_ALERT_QUESTION:
		return GTK_STOCK_DIALOG_QUESTION;
	case IOT_ALERT_ALARM:
		return GTK_STOCK_DIALOG_ERROR;
	case IOT_ALERT_WARNING:
		return GTK_STOCK_DIALOG_WARNING;
	default:
		return GTK_STOCK_DIALOG_INFO;
	}
}

char *
iot_gtk_alert_format_time(gint64 us, gint64 now)
{
	GDateTime *dt = g_date_time_new_from_unix_local(us / G_USEC_PER_SEC);
	GDateTime *today = g_date_time_new_from_unix_local(now / G_USEC_PER_SEC);
	char *s;

	if (dt == NULL || today == NULL) {
		s = g_strdup("?");
	} else if (g_date_time_get_year(dt) == g_date_time_get_year(today) &&
	           g_date_time_get_day_of_year(dt) == g_date_time_get_day_of_year(today)) {
		s = g_date_time_format(dt, "%H:%M");
	} else {
		s = g_date_time_format(dt, "%Y-%m-%d %H:%M");
	}
	if (dt != NULL)
		g_date_time_unref(dt);
	if (today != NULL)
		g_date_time_unref(today);
	return s;
}

gint64
iot_gtk_alert_tomorrow(gint64 now)
{
	GDateTime *dt = g_date_time_new_from_unix_local(now / G_USEC_PER_SEC);
	GDateTime *next, *at;
	gint64 t;

	if (dt == NULL)
		return now + 24 * IOT_ALERT_HOUR;
	next = g_date_time_add_days(dt, 1);
	at = g_date_time_new_local(g_date_time_get_year(next), g_date_time_get_month(next),
	                           g_date_time_get_day_of_month(next), 8, 0, 0);
	t = at != NULL ? g_date_time_to_unix(at) * G_USEC_PER_SEC : now + 24 * IOT_ALERT_HOUR;
	g_date_time_unref(dt);
	g_date_time_unref(next);
	if (at != NULL)
		g_date_time_unref(at);
	return t;
}

const char *
iot_gtk_alert_inbox_name(IotGtkAlertInbox *win, const char *account, const char *thing)
{
	char *key = g_strconcat(account ? account : "", "\n", thing ? thing : "", NULL);
	const char *name = g_hash_table_lookup(win->names, key);

	if (name == NULL) {
		char *given = win->ops.display_name ? win->ops.display_name(account, thing, win->user_data) : NULL;

		if (given == NULL || *given == '\0') {
			g_free(given);
			given = g_strdup(thing ? thing : "");
		}
		g_hash_table_insert(win->names, key, given);
		return given;
	}
	g_free(key);
	return name;
}

char *
iot_gtk_alert_group_key(const IotAlert *a)
{
	return g_strconcat(a->source.account ? a->source.account : "", "\n",
	                   a->source.thing ? a->source.thing : "", "\n",
	                   a->source.node ? a->source.node : "", NULL);
}

char *
iot_gtk_alert_source_text(IotGtkAlertInbox *win, const IotAlert *a)
{
	const char *name = iot_gtk_alert_inbox_name(win, a->source.account, a->source.thing);

	if (a->source.node != NULL)
		/* TRANSLATORS: an alert's source: a thing and a node behind it. */
		return g_strdup_printf(_("%s › %s"), name, a->source.node);
	return g_strdup(name);
}

char *
iot_gtk_alert_time_text(const IotAlert *a, gint64 now)
{
	char *first = iot_gtk_alert_format_time(a->first, now), *s;

	if (a->count > 1 && a->last > a->first + G_USEC_PER_SEC * 59) {
		char *last = iot_gtk_alert_format_time(a->last, now);

		/* TRANSLATORS: the first and last arrival of a merged alert. */
		s = g_strdup_printf(_("%s – %s"), first, last);
		g_free(last);
		g_free(first);
		return s;
	}
	return first;
}

char *
iot_gtk_alert_state_text(const IotAlert *a, gint64 now)
{
	const char *word = iot_alert_state_text(a->state);
	char *t, *s;

	if (a->deferred_until > 0 && a->state == IOT_ALERT_NEW) {
		t = iot_gtk_alert_format_time(a->deferred_until, now);
		/* TRANSLATORS: an alert held back by quiet hours until a time. */
		s = g_strdup_printf(_("Held until %s"), t);
	} else if (a->state == IOT_ALERT_SNOOZED) {
		t = iot_gtk_alert_format_time(a->snoozed_until, now);
		/* TRANSLATORS: an alert snoozed until a time. */
		s = g_strdup_printf(_("Snoozed until %s"), t);
	} else if (a->cleared > 0 && a->state != IOT_ALERT_CLEARED) {
		t = iot_gtk_alert_format_time(a->cleared, now);
		/* TRANSLATORS: an alert's state and when its condition went back to
		 * normal: "Acknowledged, cleared 14:30". */
		s = g_strdup_printf(_("%s, cleared %s"), word, t);
	} else if (a->cleared > 0) {
		t = iot_gtk_alert_format_time(a->cleared, now);
		/* TRANSLATORS: an alert whose condition went back to normal at a time. */
		s = g_strdup_printf(_("Cleared %s"), t);
	} else {
		return g_strdup(word);
	}
	g_free(t);
	return s;
}

char *
iot_gtk_alert_row_text(const IotAlert *a)
{
	const char *nl = strchr(a->text, '\n');
	gsize len = nl != NULL ? (gsize)(nl - a->text) : strlen(a->text);
	char *line = g_utf8_make_valid(a->text, (gssize)len), *cut, *s;

	if (g_utf8_strlen(line, -1) > IOT_GTK_ALERT_ROW_CHARS) {
		cut = g_utf8_substring(line, 0, IOT_GTK_ALERT_ROW_CHARS);
		g_free(line);
		line = g_strconcat(cut, "…", NULL);
		g_free(cut);
	} else if (nl != NULL) {
		cut = line;
		line = g_strconcat(cut, " …", NULL);
		g_free(cut);
	}
	if (a->count > 1 && !iot_alert_is_question(a)) { /* a question's text says how often */
		/* TRANSLATORS: an alert's text and how many times it arrived (merged). */
		s = g_strdup_printf(_("%s (×%u)"), line, a->count);
		g_free(line);
		return s;
	}
	return line;
}

/* ---- what the window shows, for tests and the glue ---------------------------------- */

GtkWidget *
iot_gtk_alert_inbox_get_window(IotGtkAlertInbox *win)
{
	return win->window;
}

GtkTreeModel *
iot_gtk_alert_inbox_get_model(IotGtkAlertInbox *win)
{
	return GTK_TREE_MODEL(win->store);
}

GtkTreeView *
iot_gtk_alert_inbox_get_view(IotGtkAlertInbox *win)
{
	return GTK_TREE_VIEW(win->view);
}

GtkEntry *
iot_gtk_alert_inbox_get_search_entry(IotGtkAlertInbox *win)
{
	return GTK_ENTRY(win->search);
}

GtkComboBox *
iot_gtk_alert_inbox_get_severity_filter(IotGtkAlertInbox *win)
{
	return GTK_COMBO_BOX(win->severity_combo);
}

GtkComboBox *
iot_gtk_alert_inbox_get_state_filter(IotGtkAlertInbox *win)
{
	return GTK_COMBO_BOX(win->state_combo);
}

GtkToggleButton *
iot_gtk_alert_inbox_get_group_toggle(IotGtkAlertInbox *win)
{
	return GTK_TOGGLE_BUTTON(win->group_toggle);
}

const char *
iot_gtk_alert_inbox_get_details(IotGtkAlertInbox *win)
{
	return win->details ? win->details : "";
}

guint
iot_gtk_alert_inbox_count(IotGtkAlertInbox *win)
{
	return g_hash_table_size(win->alerts);
}

guint
iot_gtk_alert_inbox_unread(IotGtkAlertInbox *win)
{
	return win->unread;
}

guint
iot_gtk_alert_inbox_count_rows(IotGtkAlertInbox *win)
{
	return g_hash_table_size(win->rows);
}

gboolean
iot_gtk_alert_inbox_select(IotGtkAlertInbox *win, guint64 id, gboolean add)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GtkTreeIter *iter = g_hash_table_lookup(win->rows, &id);

	if (iter == NULL)
		return FALSE;
	if (!add)
		gtk_tree_selection_unselect_all(sel);
	gtk_tree_selection_select_iter(sel, iter);
	return TRUE;
}
