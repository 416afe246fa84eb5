/*
 * iot-gtk-alert-inbox.c — the alerts inbox window: its layout, the entries
 * it holds, and the rows that show them (grouped by source or flat, newest
 * first, filtered), brought up to date in coalesced batches. See
 * iot-gtk-alert.h.
 */
#include "iot-gtk-alert-private.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define WIDTH 900
#define HEIGHT 520
#define COLOR_CLOSED "#777777"

enum {
	COL_ID = IOT_GTK_ALERT_COL_ID,
	COL_TIME = IOT_GTK_ALERT_COL_TIME,
	COL_SOURCE = IOT_GTK_ALERT_COL_SOURCE,
	COL_ICON = IOT_GTK_ALERT_COL_ICON,
	COL_SEVERITY = IOT_GTK_ALERT_COL_SEVERITY,
	COL_TEXT = IOT_GTK_ALERT_COL_TEXT,
	COL_STATE = IOT_GTK_ALERT_COL_STATE,
	COL_WEIGHT = IOT_GTK_ALERT_COL_WEIGHT,
	COL_LAST = IOT_GTK_ALERT_COL_LAST,
	COL_FOREGROUND = IOT_GTK_ALERT_COL_FOREGROUND,
	N_COLS = IOT_GTK_ALERT_N_COLS
};

/* The state filter's entries (iot-gtk-alert.h). */
enum { STATES_ANY, STATES_OPEN, STATES_NEW, STATES_ACK, STATES_SNOOZED, STATES_CLEARED, STATES_DISMISSED };

static guint64 *
id_key(guint64 id)
{
	return g_memdup2(&id, sizeof id);
}

/* ---- the filter ---------------------------------------------------------------- */

static gboolean
contains(const char *hay, const char *needle)
{
	char *folded;
	gboolean found;

	if (hay == NULL)
		return FALSE;
	folded = g_utf8_casefold(hay, -1);
	found = strstr(folded, needle) != NULL;
	g_free(folded);
	return found;
}

static gboolean
matches(IotGtkAlertInbox *win, const IotAlert *a)
{
	int sev = gtk_combo_box_get_active(GTK_COMBO_BOX(win->severity_combo));
	int states = gtk_combo_box_get_active(GTK_COMBO_BOX(win->state_combo));

	if (sev > 0 && (int)a->severity != sev - 1)
		return FALSE;
	switch (states) {
	case STATES_OPEN:
		if (!iot_alert_is_open(a))
			return FALSE;
		break;
	case STATES_NEW:
		if (a->state != IOT_ALERT_NEW)
			return FALSE;
		break;
	case STATES_ACK:
		if (a->state != IOT_ALERT_ACKNOWLEDGED)
			return FALSE;
		break;
	case STATES_SNOOZED:
		if (a->state != IOT_ALERT_SNOOZED)
			return FALSE;
		break;
	case STATES_CLEARED:
		if (a->cleared == 0)
			return FALSE;
		break;
	case STATES_DISMISSED:
		if (a->state != IOT_ALERT_DISMISSED)
			return FALSE;
		break;
	default:
		break;
	}
	if (states != STATES_DISMISSED && a->state == IOT_ALERT_DISMISSED)
		return FALSE;
	if (win->search_text != NULL &&
	    !contains(a->text, win->search_text) && !contains(a->source.thing, win->search_text) &&
	    !contains(a->source.node, win->search_text) && !contains(a->source.field, win->search_text) &&
	    !contains(iot_gtk_alert_inbox_name(win, a->source.account, a->source.thing), win->search_text))
		return FALSE;
	return TRUE;
}

/* ---- rows ------------------------------------------------------------------------ */

static gboolean
grouped(IotGtkAlertInbox *win)
{
	return gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(win->group_toggle));
}

static void
set_row(IotGtkAlertInbox *win, GtkTreeIter *iter, const IotAlert *a, gint64 now)
{
	/* Under its source's row, an entry names only its field. */
	char *source = grouped(win) ? g_strdup(a->source.field ? a->source.field : "")
	                            : iot_gtk_alert_source_text(win, a);
	char *time = iot_gtk_alert_time_text(a, now), *text = iot_gtk_alert_row_text(a);
	char *state = iot_gtk_alert_state_text(a, now);

	gtk_tree_store_set(win->store, iter, COL_ID, a->id, COL_TIME, time, COL_SOURCE, source,
	                   COL_ICON, iot_gtk_alert_severity_icon(a->severity),
	                   COL_SEVERITY, iot_alert_severity_text(a->severity), COL_TEXT, text,
	                   COL_STATE, state,
	                   COL_WEIGHT, a->state == IOT_ALERT_NEW ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
	                   COL_LAST, a->last,
	                   COL_FOREGROUND, iot_alert_is_open(a) ? NULL : COLOR_CLOSED, -1);
	g_free(time);
	g_free(source);
	g_free(text);
	g_free(state);
}

/* The group row of @a, made (at the top) when missing. */
static GtkTreeIter *
group_row(IotGtkAlertInbox *win, const IotAlert *a)
{
	char *key = iot_gtk_alert_group_key(a);
	GtkTreeIter *iter = g_hash_table_lookup(win->groups, key);

	if (iter == NULL) {
		iter = g_new0(GtkTreeIter, 1);
		gtk_tree_store_insert_with_values(win->store, iter, NULL, 0, COL_ID, (guint64)0, -1);
		g_hash_table_insert(win->groups, g_strdup(key), iter);
	}
	g_hash_table_replace(win->dirty_groups, key, NULL);
	return iter;
}

static void
remove_row(IotGtkAlertInbox *win, guint64 id)
{
	GtkTreeIter *iter = g_hash_table_lookup(win->rows, &id);
	GtkTreeIter parent;

	if (iter == NULL)
		return;
	if (gtk_tree_model_iter_parent(GTK_TREE_MODEL(win->store), &parent, iter)) {
		GHashTableIter it;
		gpointer key, value;

		g_hash_table_iter_init(&it, win->groups);
		while (g_hash_table_iter_next(&it, &key, &value)) {
			GtkTreeIter *g = value;

			if (g->user_data == parent.user_data) {
				g_hash_table_replace(win->dirty_groups, g_strdup(key), NULL);
				break;
			}
		}
	}
	gtk_tree_store_remove(win->store, iter);
	g_hash_table_remove(win->rows, &id);
}

/* Brings the row of @id up to date: shown at the top of its group (newest
 * first), moved when its group changed, removed when gone or filtered out. */
static void
update_row(IotGtkAlertInbox *win, guint64 id, gint64 now)
{
	const IotAlert *a = g_hash_table_lookup(win->alerts, &id);
	GtkTreeIter *iter, *parent = NULL, cur_parent;
	gboolean has_parent;

	if (a == NULL || !matches(win, a)) {
		remove_row(win, id);
		return;
	}
	if (grouped(win))
		parent = group_row(win, a);
	iter = g_hash_table_lookup(win->rows, &id);
	if (iter != NULL) {
		has_parent = gtk_tree_model_iter_parent(GTK_TREE_MODEL(win->store), &cur_parent, iter);
		if ((parent == NULL) != !has_parent ||
		    (parent != NULL && parent->user_data != cur_parent.user_data)) {
			remove_row(win, id);
			iter = NULL;
		}
	}
	if (iter == NULL) {
		iter = g_new0(GtkTreeIter, 1);
		gtk_tree_store_insert(win->store, iter, parent, 0);
		g_hash_table_insert(win->rows, id_key(id), iter);
	} else {
		gint64 shown_last;

		gtk_tree_model_get(GTK_TREE_MODEL(win->store), iter, COL_LAST, &shown_last, -1);
		if (shown_last != a->last)
			gtk_tree_store_move_after(win->store, iter, NULL);
	}
	set_row(win, iter, a, now);
}

/* Puts group row @g where its newest entry's time @last belongs: groups
 * are ordered newest first. */
static void
place_group(IotGtkAlertInbox *win, GtkTreeIter *g, gint64 last)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter sib;
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, &sib); ok; ok = gtk_tree_model_iter_next(m, &sib)) {
		gint64 t;

		if (sib.user_data == g->user_data)
			continue;
		gtk_tree_model_get(m, &sib, COL_LAST, &t, -1);
		if (t < last) {
			gtk_tree_store_move_before(win->store, g, &sib);
			return;
		}
	}
	gtk_tree_store_move_before(win->store, g, NULL);
}

/* A group row: its source, the newest time, the highest open severity and
 * the counts. Empty groups go. */
static void
update_group(IotGtkAlertInbox *win, const char *key, gint64 now)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter *g = g_hash_table_lookup(win->groups, key), child;
	const IotAlert *newest = NULL;
	int worst = -1;
	guint n = 0, unread = 0, open = 0;
	gint64 shown_last, last = 0;
	gboolean ok;

	if (g == NULL)
		return;
	for (ok = gtk_tree_model_iter_children(m, &child, g); ok; ok = gtk_tree_model_iter_next(m, &child)) {
		guint64 id;
		const IotAlert *a;

		gtk_tree_model_get(m, &child, COL_ID, &id, -1);
		a = g_hash_table_lookup(win->alerts, &id);
		if (a == NULL)
			continue;
		n++;
		if (a->state == IOT_ALERT_NEW)
			unread++;
		if (iot_alert_is_open(a)) {
			open++;
			worst = worst < 0 ? (int)a->severity : (int)iot_alert_severity_louder(worst, a->severity);
		}
		if (newest == NULL || a->last > last) {
			newest = a;
			last = a->last;
		}
	}
	if (n == 0 || newest == NULL) {
		gtk_tree_store_remove(win->store, g);
		g_hash_table_remove(win->groups, key);
		return;
	}
	{
		char *source = iot_gtk_alert_source_text(win, newest), *time = iot_gtk_alert_format_time(last, now);
		/* TRANSLATORS: a source's line in the alerts inbox: how many alerts
		 * it holds, how many are unread. */
		char *text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u alert, %u unread",
		                                         "%u alerts, %u unread", n), n, unread);
		char *state = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u open", "%u open", open), open);

		gtk_tree_model_get(m, g, COL_LAST, &shown_last, -1);
		if (shown_last != last)
			place_group(win, g, last);
		gtk_tree_store_set(win->store, g, COL_ID, (guint64)0, COL_TIME, time, COL_SOURCE, source,
		                   COL_ICON, worst >= 0 ? iot_gtk_alert_severity_icon(worst) : NULL,
		                   COL_SEVERITY, worst >= 0 ? iot_alert_severity_text(worst) : "",
		                   COL_TEXT, text, COL_STATE, state,
		                   COL_WEIGHT, unread > 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
		                   COL_LAST, last, COL_FOREGROUND, open > 0 ? NULL : COLOR_CLOSED, -1);
		g_free(source);
		g_free(time);
		g_free(text);
		g_free(state);
	}
	if (!g_hash_table_contains(win->collapsed, key)) {
		GtkTreePath *path = gtk_tree_model_get_path(m, g);

		if (!gtk_tree_view_row_expanded(GTK_TREE_VIEW(win->view), path))
			gtk_tree_view_expand_row(GTK_TREE_VIEW(win->view), path, FALSE);
		gtk_tree_path_free(path);
	}
}

static void
update_title(IotGtkAlertInbox *win)
{
	GHashTableIter it;
	gpointer value;
	guint unread = 0;
	char *title;

	g_hash_table_iter_init(&it, win->alerts);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		const IotAlert *a = value;

		if (a->state == IOT_ALERT_NEW && a->deferred_until == 0)
			unread++;
	}
	win->unread = unread;
	if (unread > 0)
		/* TRANSLATORS: the alerts inbox's title with its unread count. */
		title = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Alerts (%u unread)", "Alerts (%u unread)",
		                                    unread), unread);
	else
		title = g_strdup(_("Alerts"));
	if (g_strcmp0(title, win->title) != 0) {
		gtk_window_set_title(GTK_WINDOW(win->window), title);
		g_free(win->title);
		win->title = title;
	} else {
		g_free(title);
	}
}

static int
by_last(gconstpointer pa, gconstpointer pb)
{
	const IotAlert *a = *(const IotAlert *const *)pa, *b = *(const IotAlert *const *)pb;

	if (a->last != b->last)
		return a->last < b->last ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static gboolean flush_cb(gpointer data);

/* One batch: at most IOT_GTK_ALERT_FLUSH_ROWS rows, oldest change first so
 * that the newest ends on top; the rest in the next step of the loop. */
static gboolean
flush_step(IotGtkAlertInbox *win)
{
	gint64 now = g_get_real_time();
	GPtrArray *batch = g_ptr_array_new();
	GPtrArray *gone = g_ptr_array_new_with_free_func(g_free);
	GHashTableIter it;
	gpointer key;
	guint i, taken = 0;
	gboolean more;

	win->in_flush = TRUE;
	if (win->rebuild) {
		win->rebuild = FALSE;
		gtk_tree_store_clear(win->store);
		g_hash_table_remove_all(win->rows);
		g_hash_table_remove_all(win->groups);
		g_hash_table_remove_all(win->dirty);
		g_hash_table_iter_init(&it, win->alerts);
		while (g_hash_table_iter_next(&it, &key, NULL))
			g_hash_table_add(win->dirty, id_key(*(guint64 *)key));
	}
	g_hash_table_iter_init(&it, win->dirty);
	while (taken < IOT_GTK_ALERT_FLUSH_ROWS && g_hash_table_iter_next(&it, &key, NULL)) {
		const IotAlert *a = g_hash_table_lookup(win->alerts, key);

		if (a != NULL)
			g_ptr_array_add(batch, (gpointer)a);
		else
			g_ptr_array_add(gone, id_key(*(guint64 *)key));
		g_hash_table_iter_remove(&it);
		taken++;
	}
	for (i = 0; i < gone->len; i++)
		remove_row(win, *(guint64 *)g_ptr_array_index(gone, i));
	g_ptr_array_sort(batch, by_last);
	for (i = 0; i < batch->len; i++)
		update_row(win, ((const IotAlert *)g_ptr_array_index(batch, i))->id, now);
	g_ptr_array_unref(batch);
	g_ptr_array_unref(gone);
	g_hash_table_iter_init(&it, win->dirty_groups);
	while (g_hash_table_iter_next(&it, &key, NULL))
		update_group(win, key, now);
	g_hash_table_remove_all(win->dirty_groups);
	update_title(win);
	win->in_flush = FALSE;
	iot_gtk_alert_actions_update(win, FALSE);
	more = g_hash_table_size(win->dirty) > 0;
	return more;
}

static gboolean
flush_cb(gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (flush_step(win))
		return TRUE; /* the rest at the next turn of the loop */
	win->flush_id = 0;
	return FALSE;
}

static void
schedule(IotGtkAlertInbox *win)
{
	if (win->flush_id == 0 && !win->closing)
		win->flush_id = g_timeout_add(IOT_GTK_ALERT_FLUSH_MS, flush_cb, win);
}

void
iot_gtk_alert_inbox_flush(IotGtkAlertInbox *win)
{
	g_return_if_fail(win != NULL);
	while (flush_step(win))
		;
	if (win->flush_id != 0) {
		g_source_remove(win->flush_id);
		win->flush_id = 0;
	}
}

/* TRUE when @a and @b show alike (the same entry, nothing changed). */
static gboolean
same_alert(const IotAlert *a, const IotAlert *b)
{
	return a->state == b->state && a->last == b->last && a->count == b->count && a->cleared == b->cleared &&
	       a->snoozed_until == b->snoozed_until && a->deferred_until == b->deferred_until &&
	       a->severity == b->severity && a->first == b->first && strcmp(a->text, b->text) == 0;
}

void
iot_gtk_alert_inbox_set_alerts(IotGtkAlertInbox *win, const GPtrArray *alerts)
{
	GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
	GHashTableIter it;
	gpointer key;
	guint i;

	g_return_if_fail(win != NULL);
	/* Only what differs from what is held becomes a row to redo. */
	for (i = 0; alerts != NULL && i < alerts->len; i++) {
		const IotAlert *a = g_ptr_array_index(alerts, i);
		const IotAlert *held = g_hash_table_lookup(win->alerts, &a->id);

		g_hash_table_add(seen, (gpointer)&a->id);
		if (held != NULL && same_alert(held, a))
			continue;
		g_hash_table_replace(win->alerts, id_key(a->id), iot_alert_copy(a));
		g_hash_table_replace(win->dirty, id_key(a->id), NULL);
	}
	g_hash_table_iter_init(&it, win->alerts);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		if (!g_hash_table_contains(seen, key)) {
			g_hash_table_replace(win->dirty, id_key(*(guint64 *)key), NULL);
			g_hash_table_iter_remove(&it);
		}
	}
	g_hash_table_destroy(seen);
	schedule(win);
}

void
iot_gtk_alert_inbox_changed(IotGtkAlertInbox *win, IotAlertChange change, const IotAlert *alert)
{
	g_return_if_fail(win != NULL && alert != NULL);
	if (change == IOT_ALERT_CHANGE_REMOVED)
		g_hash_table_remove(win->alerts, &alert->id);
	else
		g_hash_table_replace(win->alerts, id_key(alert->id), iot_alert_copy(alert));
	g_hash_table_replace(win->dirty, id_key(alert->id), NULL);
	schedule(win);
}

/* ---- the window ------------------------------------------------------------------ */

static void
refilter(IotGtkAlertInbox *win)
{
	win->rebuild = TRUE;
	iot_gtk_alert_inbox_flush(win);
}

static void
search_changed(GtkEditable *e, gpointer data)
{
	IotGtkAlertInbox *win = data;
	const char *text = gtk_entry_get_text(GTK_ENTRY(win->search));

	g_free(win->search_text);
	win->search_text = *text ? g_utf8_casefold(text, -1) : NULL;
	refilter(win);
}

static void
filter_changed(GtkWidget *w, gpointer data)
{
	refilter(data);
}

static void
row_collapsed(GtkTreeView *view, GtkTreeIter *iter, GtkTreePath *path, gpointer data)
{
	IotGtkAlertInbox *win = data;
	GHashTableIter it;
	gpointer key, value;

	g_hash_table_iter_init(&it, win->groups);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (((GtkTreeIter *)value)->user_data == iter->user_data)
			g_hash_table_add(win->collapsed, g_strdup(key));
}

static void
row_expanded(GtkTreeView *view, GtkTreeIter *iter, GtkTreePath *path, gpointer data)
{
	IotGtkAlertInbox *win = data;
	GHashTableIter it;
	gpointer key, value;

	g_hash_table_iter_init(&it, win->groups);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (((GtkTreeIter *)value)->user_data == iter->user_data)
			g_hash_table_remove(win->collapsed, key);
}

static void
selection_changed(GtkTreeSelection *sel, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (!win->in_flush && !win->closing)
		iot_gtk_alert_actions_update(win, TRUE);
}

static gboolean
view_button(GtkWidget *w, GdkEventButton *ev, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (ev->type == GDK_BUTTON_PRESS && ev->button == 3) {
		GtkTreePath *path = NULL;
		GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(w));

		if (gtk_tree_view_get_path_at_pos(GTK_TREE_VIEW(w), (gint)ev->x, (gint)ev->y, &path, NULL, NULL,
		                                  NULL)) {
			if (!gtk_tree_selection_path_is_selected(sel, path)) {
				gtk_tree_selection_unselect_all(sel);
				gtk_tree_selection_select_path(sel, path);
			}
			gtk_tree_path_free(path);
		}
		iot_gtk_alert_actions_popup(win, ev);
		return TRUE;
	}
	return FALSE;
}

static gboolean
view_popup_menu(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_actions_popup(data, NULL);
	return TRUE;
}

static gboolean
key_press(GtkWidget *w, GdkEventKey *ev, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (ev->keyval == GDK_Escape) {
		gtk_widget_destroy(win->window);
		return TRUE;
	}
	if ((ev->state & GDK_CONTROL_MASK) && (ev->keyval == GDK_f || ev->keyval == GDK_F)) {
		gtk_widget_grab_focus(win->search);
		return TRUE;
	}
	return FALSE;
}

static void
window_destroyed(GtkWidget *w, gpointer data)
{
	IotGtkAlertInbox *win = data;

	win->closing = TRUE;
	if (win->flush_id != 0)
		g_source_remove(win->flush_id);
	iot_gtk_alert_actions_close(win);
	if (win->ops.on_closed != NULL)
		win->ops.on_closed(win, win->user_data);
	g_object_unref(win->store);
	g_hash_table_destroy(win->alerts);
	g_hash_table_destroy(win->rows);
	g_hash_table_destroy(win->groups);
	g_hash_table_destroy(win->dirty);
	g_hash_table_destroy(win->dirty_groups);
	g_hash_table_destroy(win->collapsed);
	g_hash_table_destroy(win->names);
	g_free(win->search_text);
	g_free(win->details);
	g_free(win->title);
	g_free(win);
}

static GtkTreeViewColumn *
text_column(IotGtkAlertInbox *win, const char *title, int col, gboolean expand, int min_width)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, "weight", COL_WEIGHT,
	                                                                "foreground", COL_FOREGROUND, NULL);

	if (expand)
		g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_expand(c, expand);
	if (min_width > 0)
		gtk_tree_view_column_set_min_width(c, min_width);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->view), c);
	return c;
}

static GtkWidget *
combo(const char *const *items)
{
	GtkWidget *c = gtk_combo_box_new_text();

	for (; *items != NULL; items++)
		gtk_combo_box_append_text(GTK_COMBO_BOX(c), *items);
	gtk_combo_box_set_active(GTK_COMBO_BOX(c), 0);
	return c;
}

IotGtkAlertInbox *
iot_gtk_alert_inbox_new(const IotGtkAlertOps *ops, gpointer user_data)
{
	IotGtkAlertInbox *win = g_new0(IotGtkAlertInbox, 1);
	GtkWidget *vbox, *bar, *scroll, *label, *pane, *details_scroll, *actions;
	GtkTreeViewColumn *c;
	GtkCellRenderer *r;
	const char *severities[IOT_ALERT_SEVERITY_COUNT + 2];
	const char *states[8];
	guint i;

	if (ops != NULL)
		win->ops = *ops;
	win->user_data = user_data;
	win->alerts = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)iot_alert_free);
	win->rows = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
	win->groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	win->dirty = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	win->dirty_groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	win->collapsed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	win->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	win->store = gtk_tree_store_new(N_COLS, G_TYPE_UINT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT64,
	                                G_TYPE_STRING);

	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_role(GTK_WINDOW(win->window), "xmpp-iot-alerts");
	gtk_window_set_default_size(GTK_WINDOW(win->window), WIDTH, HEIGHT);
	vbox = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);

	/* The search and the filters. */
	bar = gtk_hbox_new(FALSE, 6);
	gtk_box_pack_start(GTK_BOX(vbox), bar, FALSE, FALSE, 0);
	label = gtk_label_new_with_mnemonic(_("_Search:"));
	gtk_box_pack_start(GTK_BOX(bar), label, FALSE, FALSE, 0);
	win->search = gtk_entry_new();
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), win->search);
	gtk_box_pack_start(GTK_BOX(bar), win->search, TRUE, TRUE, 0);
	severities[0] = _("Any severity");
	for (i = 0; i < IOT_ALERT_SEVERITY_COUNT; i++)
		severities[i + 1] = iot_alert_severity_text((IotAlertSeverity)i);
	severities[IOT_ALERT_SEVERITY_COUNT + 1] = NULL;
	win->severity_combo = combo(severities);
	/* TRANSLATORS: the inbox's state filter: every alert but the dismissed ones. */
	states[STATES_ANY] = _("All but dismissed");
	/* TRANSLATORS: the inbox's state filter: alerts that still want attention. */
	states[STATES_OPEN] = g_dpgettext2(GETTEXT_PACKAGE, "alert filter", NC_("alert filter", "Open"));
	states[STATES_NEW] = iot_alert_state_text(IOT_ALERT_NEW);
	states[STATES_ACK] = iot_alert_state_text(IOT_ALERT_ACKNOWLEDGED);
	states[STATES_SNOOZED] = iot_alert_state_text(IOT_ALERT_SNOOZED);
	states[STATES_CLEARED] = iot_alert_state_text(IOT_ALERT_CLEARED);
	states[STATES_DISMISSED] = iot_alert_state_text(IOT_ALERT_DISMISSED);
	states[7] = NULL;
	win->state_combo = combo(states);
	gtk_box_pack_start(GTK_BOX(bar), win->severity_combo, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(bar), win->state_combo, FALSE, FALSE, 0);
	win->group_toggle = gtk_check_button_new_with_mnemonic(_("_Group by source"));
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(win->group_toggle), TRUE);
	gtk_box_pack_start(GTK_BOX(bar), win->group_toggle, FALSE, FALSE, 0);

	/* The list above, the selected entry's details below. */
	pane = gtk_vpaned_new();
	gtk_box_pack_start(GTK_BOX(vbox), pane, TRUE, TRUE, 0);
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	win->view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->store));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->view), TRUE);
	gtk_tree_view_set_enable_search(GTK_TREE_VIEW(win->view), FALSE);
	gtk_tree_selection_set_mode(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), GTK_SELECTION_MULTIPLE);
	gtk_container_add(GTK_CONTAINER(scroll), win->view);
	gtk_paned_pack1(GTK_PANED(pane), scroll, TRUE, FALSE);

	text_column(win, _("Time"), COL_TIME, FALSE, 0);
	text_column(win, _("Source"), COL_SOURCE, FALSE, 120);
	c = gtk_tree_view_column_new();
	gtk_tree_view_column_set_title(c, _("Severity"));
	r = gtk_cell_renderer_pixbuf_new();
	g_object_set(r, "stock-size", GTK_ICON_SIZE_MENU, NULL);
	gtk_tree_view_column_pack_start(c, r, FALSE);
	gtk_tree_view_column_add_attribute(c, r, "stock-id", COL_ICON);
	r = gtk_cell_renderer_text_new();
	gtk_tree_view_column_pack_start(c, r, TRUE);
	gtk_tree_view_column_set_attributes(c, r, "text", COL_SEVERITY, "weight", COL_WEIGHT, "foreground",
	                                    COL_FOREGROUND, NULL);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->view), c);
	text_column(win, _("Alert"), COL_TEXT, TRUE, 200);
	text_column(win, _("State"), COL_STATE, FALSE, 0);

	details_scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(details_scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(details_scroll), GTK_SHADOW_IN);
	win->details_view = gtk_text_view_new();
	gtk_text_view_set_editable(GTK_TEXT_VIEW(win->details_view), FALSE);
	gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(win->details_view), GTK_WRAP_WORD_CHAR);
	gtk_text_view_set_left_margin(GTK_TEXT_VIEW(win->details_view), 4);
	gtk_container_add(GTK_CONTAINER(details_scroll), win->details_view);
	gtk_widget_set_size_request(details_scroll, -1, 90);
	gtk_paned_pack2(GTK_PANED(pane), details_scroll, FALSE, FALSE);

	iot_gtk_alert_question_build(win, vbox);
	actions = gtk_hbox_new(FALSE, 6);
	gtk_box_pack_start(GTK_BOX(vbox), actions, FALSE, FALSE, 0);
	iot_gtk_alert_actions_build(win, actions);
	win->status_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->status_label), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(vbox), win->status_label, FALSE, FALSE, 0);

	g_signal_connect(win->search, "changed", G_CALLBACK(search_changed), win);
	g_signal_connect(win->severity_combo, "changed", G_CALLBACK(filter_changed), win);
	g_signal_connect(win->state_combo, "changed", G_CALLBACK(filter_changed), win);
	g_signal_connect(win->group_toggle, "toggled", G_CALLBACK(filter_changed), win);
	g_signal_connect(win->view, "row-collapsed", G_CALLBACK(row_collapsed), win);
	g_signal_connect(win->view, "row-expanded", G_CALLBACK(row_expanded), win);
	g_signal_connect(win->view, "button-press-event", G_CALLBACK(view_button), win);
	g_signal_connect(win->view, "popup-menu", G_CALLBACK(view_popup_menu), win);
	g_signal_connect(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), "changed",
	                 G_CALLBACK(selection_changed), win);
	g_signal_connect(win->window, "key-press-event", G_CALLBACK(key_press), win);
	g_signal_connect(win->window, "destroy", G_CALLBACK(window_destroyed), win);
	update_title(win);
	gtk_widget_show_all(vbox);
	iot_gtk_alert_actions_update(win, FALSE);
	return win;
}

void
iot_gtk_alert_inbox_destroy(IotGtkAlertInbox *win)
{
	if (win != NULL && !win->closing)
		gtk_widget_destroy(win->window);
}

