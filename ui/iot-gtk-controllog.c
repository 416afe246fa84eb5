/*
 * iot-gtk-controllog.c — the window listing the control log: one row per
 * entry (newest first, any column sortable), a filter over every column,
 * Copy of the selected rows as tab-separated text, and the outcome in a
 * colour that says how sure it is (refused red, unknown orange, not applied
 * grey). Strings from things are shown as plain text only (cells use
 * "text", tooltips gtk_tooltip_set_text).
 */
#include "iot-gtk-controllog.h"

#include "iot-format.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define WIDTH 1000
#define HEIGHT 420
#define CELL_CHARS 200
#define DETAIL_CHARS 1000
#define COLOR_REFUSED "#cc0000"
#define COLOR_UNKNOWN "#b35a00"
#define COLOR_NOT_APPLIED "#777777"

/* Short names for the columns of iot-gtk-controllog.h. */
enum {
	COL_TIME_TEXT = IOT_GTK_CONTROLLOG_COL_TIME_TEXT,
	COL_THING = IOT_GTK_CONTROLLOG_COL_THING,
	COL_NODE = IOT_GTK_CONTROLLOG_COL_NODE,
	COL_PARAM = IOT_GTK_CONTROLLOG_COL_PARAM,
	COL_CHANGE = IOT_GTK_CONTROLLOG_COL_CHANGE,
	COL_RESULT = IOT_GTK_CONTROLLOG_COL_RESULT,
	COL_DETAIL = IOT_GTK_CONTROLLOG_COL_DETAIL,
	COL_TIME = IOT_GTK_CONTROLLOG_COL_TIME,
	COL_SEQ = IOT_GTK_CONTROLLOG_COL_SEQ,
	COL_OUTCOME = IOT_GTK_CONTROLLOG_COL_OUTCOME,
	COL_FOREGROUND = IOT_GTK_CONTROLLOG_COL_FOREGROUND,
	COL_WEIGHT = IOT_GTK_CONTROLLOG_COL_WEIGHT,
	COL_STYLE = IOT_GTK_CONTROLLOG_COL_STYLE,
	COL_SEARCH = IOT_GTK_CONTROLLOG_COL_SEARCH,
	N_COLS = IOT_GTK_CONTROLLOG_N_COLS
};

struct _IotGtkControlLog {
	IotGtkControlLogClosed on_closed;
	gpointer user_data;
	GtkWidget *window, *view, *filter_entry, *count_label, *status_label, *copy_button;
	GtkListStore *store;  /* (owned) */
	GtkTreeModel *filter; /* (owned) GtkTreeModelFilter over store */
	GtkTreeModel *sorted; /* (owned) GtkTreeModelSort over filter: the view's model */
	char *filter_text;    /* (owned) casefolded, NULL: all rows */
	guint total;          /* entries the log holds (at least those in @store) */
	guint restore_id;     /* idle source that puts the scroll position back */
	double scroll;
	gboolean closing;
};

/* ---- rows ------------------------------------------------------------------------ */

static char *
local_time(gint64 us)
{
	GDateTime *dt = g_date_time_new_from_unix_local(us / G_USEC_PER_SEC);
	char *s;

	if (dt == NULL)
		return g_strdup("?");
	s = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
	g_date_time_unref(dt);
	return s;
}

static char *
change_text(const IotControlLogEntry *e)
{
	char *old = e->old_value ? iot_format_clean(e->old_value, CELL_CHARS / 2) : NULL;
	char *now = iot_format_clean(e->new_value, CELL_CHARS / 2);
	/* TRANSLATORS: a change in the control log, "20.0 → 21.5"; "?" when the
	 * value before is not known. */
	char *s = g_strdup_printf(_("%s → %s"), old != NULL ? old : _("?"), now);

	g_free(old);
	g_free(now);
	return s;
}

static void
add_row(GtkListStore *store, const IotControlLogEntry *e, guint seq)
{
	char *time = local_time(e->time), *thing = iot_format_clean(e->thing, CELL_CHARS);
	char *node = iot_format_clean(e->node, CELL_CHARS), *param = iot_format_clean(e->param, CELL_CHARS);
	char *change = change_text(e), *detail = iot_format_clean(e->detail, DETAIL_CHARS);
	const char *result = iot_control_outcome_label(e->outcome), *fg = NULL;
	int weight = PANGO_WEIGHT_NORMAL, style = PANGO_STYLE_NORMAL;
	char *all, *search;
	GtkTreeIter iter;

	switch (e->outcome) {
	case IOT_CONTROL_OUTCOME_REFUSED:
		fg = COLOR_REFUSED;
		weight = PANGO_WEIGHT_BOLD;
		break;
	case IOT_CONTROL_OUTCOME_UNKNOWN:
		fg = COLOR_UNKNOWN;
		break;
	case IOT_CONTROL_OUTCOME_NOT_APPLIED:
		fg = COLOR_NOT_APPLIED;
		style = PANGO_STYLE_ITALIC;
		break;
	default:
		break;
	}
	all = g_strjoin("\t", time, thing, node, param, change, result, detail, NULL);
	search = g_utf8_casefold(all, -1);
	gtk_list_store_insert_with_values(store, &iter, -1, COL_TIME_TEXT, time, COL_THING, thing,
	                                  COL_NODE, node, COL_PARAM, param, COL_CHANGE, change,
	                                  COL_RESULT, result, COL_DETAIL, detail, COL_TIME, e->time,
	                                  COL_SEQ, seq, COL_OUTCOME, (int)e->outcome, COL_FOREGROUND,
	                                  fg, COL_WEIGHT, weight, COL_STYLE, style, COL_SEARCH,
	                                  search, -1);
	g_free(all);
	g_free(search);
	g_free(time);
	g_free(thing);
	g_free(node);
	g_free(param);
	g_free(change);
	g_free(detail);
}

/* Equal times keep the log's order, so that "newest first" holds for a
 * request's several parameters too. */
static int
compare_time(GtkTreeModel *m, GtkTreeIter *a, GtkTreeIter *b, gpointer data)
{
	gint64 ta, tb;
	guint sa, sb;

	gtk_tree_model_get(m, a, COL_TIME, &ta, COL_SEQ, &sa, -1);
	gtk_tree_model_get(m, b, COL_TIME, &tb, COL_SEQ, &sb, -1);
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return sa < sb ? -1 : sa > sb;
}

static int
compare_text(GtkTreeModel *m, GtkTreeIter *a, GtkTreeIter *b, gpointer data)
{
	int col = GPOINTER_TO_INT(data), r;
	char *sa, *sb;

	gtk_tree_model_get(m, a, col, &sa, -1);
	gtk_tree_model_get(m, b, col, &sb, -1);
	r = g_utf8_collate(sa != NULL ? sa : "", sb != NULL ? sb : "");
	g_free(sa);
	g_free(sb);
	return r != 0 ? r : compare_time(m, a, b, NULL);
}

static gboolean
visible(GtkTreeModel *m, GtkTreeIter *iter, gpointer data)
{
	IotGtkControlLog *win = data;
	char *search;
	gboolean ok;

	if (win->filter_text == NULL)
		return TRUE;
	gtk_tree_model_get(m, iter, COL_SEARCH, &search, -1);
	ok = search != NULL && strstr(search, win->filter_text) != NULL;
	g_free(search);
	return ok;
}

static void
update_count(IotGtkControlLog *win)
{
	int all = gtk_tree_model_iter_n_children(GTK_TREE_MODEL(win->store), NULL);
	int shown = gtk_tree_model_iter_n_children(win->sorted, NULL);
	char *text;

	if (win->filter_text == NULL && win->total > (guint)all)
		/* TRANSLATORS: beside the filter of the control log when only the
		 * newest entries are shown, "the newest 5000 of 12000 entries". */
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "the newest %d of %u entry",
		                                   "the newest %d of %u entries", win->total),
		                       all, win->total);
	else if (win->filter_text == NULL)
		/* TRANSLATORS: beside the filter of the control log. */
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%d entry", "%d entries", all), all);
	else
		/* TRANSLATORS: beside the filter of the control log, "3 of 40 entries". */
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%d of %d entry", "%d of %d entries", all), shown, all);
	gtk_label_set_text(GTK_LABEL(win->count_label), text);
	g_free(text);
}

/* ---- the person's actions ---------------------------------------------------------- */

static void
filter_changed_cb(GtkEditable *e, IotGtkControlLog *win)
{
	char *text = g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(win->filter_entry))));

	g_free(win->filter_text);
	win->filter_text = *text != '\0' ? g_utf8_casefold(text, -1) : NULL;
	g_free(text);
	gtk_tree_model_filter_refilter(GTK_TREE_MODEL_FILTER(win->filter));
	update_count(win);
}

static void
filter_icon_cb(GtkEntry *e, GtkEntryIconPosition pos, GdkEvent *ev, IotGtkControlLog *win)
{
	gtk_entry_set_text(e, "");
}

guint
iot_gtk_controllog_copy(IotGtkControlLog *win)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GList *rows = gtk_tree_selection_get_selected_rows(sel, NULL), *l;
	GString *tsv = g_string_new(NULL);
	guint n = 0;
	char *text;

	for (l = rows; l != NULL; l = l->next) {
		GtkTreeIter iter;
		int c;

		if (!gtk_tree_model_get_iter(win->sorted, &iter, l->data))
			continue;
		/* The cells are cleaned of tabs and line breaks already. */
		for (c = COL_TIME_TEXT; c <= COL_DETAIL; c++) {
			char *s;

			gtk_tree_model_get(win->sorted, &iter, c, &s, -1);
			if (c > COL_TIME_TEXT)
				g_string_append_c(tsv, '\t');
			g_string_append(tsv, s != NULL ? s : "");
			g_free(s);
		}
		g_string_append_c(tsv, '\n');
		n++;
	}
	g_list_free_full(rows, (GDestroyNotify)gtk_tree_path_free);
	if (n == 0) {
		g_string_free(tsv, TRUE);
		return 0;
	}
	gtk_clipboard_set_text(gtk_widget_get_clipboard(win->view, GDK_SELECTION_CLIPBOARD), tsv->str,
	                       (gint)tsv->len);
	/* TRANSLATORS: status of the control log window after Copy. */
	text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Copied %u row.", "Copied %u rows.", n), n);
	gtk_label_set_text(GTK_LABEL(win->status_label), text);
	g_free(text);
	g_string_free(tsv, TRUE);
	return n;
}

static void
copy_cb(GtkWidget *w, IotGtkControlLog *win)
{
	iot_gtk_controllog_copy(win);
}

static void
selection_changed_cb(GtkTreeSelection *sel, IotGtkControlLog *win)
{
	/* Also emitted while the window is built and destroyed. */
	if (win->copy_button != NULL && !win->closing)
		gtk_widget_set_sensitive(win->copy_button,
		                         gtk_tree_selection_count_selected_rows(sel) > 0);
}

static gboolean
key_cb(GtkWidget *w, GdkEventKey *ev, IotGtkControlLog *win)
{
	guint mods = ev->state & gtk_accelerator_get_default_mod_mask();

	if (ev->keyval == GDK_Escape && mods == 0) {
		iot_gtk_controllog_close(win);
		return TRUE;
	}
	if ((ev->keyval == GDK_f || ev->keyval == GDK_F) && mods == GDK_CONTROL_MASK) {
		gtk_widget_grab_focus(win->filter_entry);
		return TRUE;
	}
	if ((ev->keyval == GDK_c || ev->keyval == GDK_C) && mods == GDK_CONTROL_MASK &&
	    gtk_widget_has_focus(win->view)) {
		iot_gtk_controllog_copy(win);
		return TRUE;
	}
	return FALSE;
}

/* The whole detail (a cell shows it on one line) as plain text. */
static gboolean
tooltip_cb(GtkWidget *w, int x, int y, gboolean keyboard, GtkTooltip *tip, IotGtkControlLog *win)
{
	GtkTreeModel *m;
	GtkTreePath *path;
	GtkTreeIter iter;
	char *detail = NULL;

	if (!gtk_tree_view_get_tooltip_context(GTK_TREE_VIEW(w), &x, &y, keyboard, &m, &path, &iter))
		return FALSE;
	gtk_tree_model_get(m, &iter, COL_DETAIL, &detail, -1);
	gtk_tree_view_set_tooltip_row(GTK_TREE_VIEW(w), tip, path);
	gtk_tree_path_free(path);
	if (detail == NULL || *detail == '\0') {
		g_free(detail);
		return FALSE;
	}
	gtk_tooltip_set_text(tip, detail);
	g_free(detail);
	return TRUE;
}

static void
close_cb(GtkWidget *w, IotGtkControlLog *win)
{
	iot_gtk_controllog_close(win);
}

static void
destroy_cb(GtkWidget *w, IotGtkControlLog *win)
{
	win->closing = TRUE;
	if (win->restore_id != 0)
		g_source_remove(win->restore_id);
	if (win->on_closed != NULL)
		win->on_closed(win, win->user_data);
	g_object_unref(win->sorted);
	g_object_unref(win->filter);
	g_object_unref(win->store);
	g_free(win->filter_text);
	g_free(win);
}

/* ---- the window ----------------------------------------------------------------------- */

static GtkTreeViewColumn *
add_column(IotGtkControlLog *win, const char *title, int col, gboolean expand)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c;

	/* "text", never "markup": the cells hold what things sent. */
	c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, NULL);
	gtk_tree_view_column_set_sort_column_id(c, col == COL_TIME_TEXT ? COL_TIME : col);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_expand(c, expand);
	/* Long things, nodes and details are cut, but wide enough for the usual. */
	if (expand) {
		g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
		gtk_tree_view_column_set_min_width(c, 120);
	} else if (col == COL_THING || col == COL_NODE) {
		g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, "width-chars",
		             col == COL_THING ? 30 : 10, NULL);
	}
	if (col == COL_RESULT) {
		g_object_set(r, "weight-set", TRUE, "style-set", TRUE, NULL);
		gtk_tree_view_column_add_attribute(c, r, "foreground", COL_FOREGROUND);
		gtk_tree_view_column_add_attribute(c, r, "weight", COL_WEIGHT);
		gtk_tree_view_column_add_attribute(c, r, "style", COL_STYLE);
	}
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->view), c);
	return c;
}

/* Models for a new store: the filter over it, and the sorted view of that. */
static void
set_models(IotGtkControlLog *win, GtkListStore *store)
{
	GtkTreeSortable *sortable;
	gint sort_id = COL_TIME;
	GtkSortType order = GTK_SORT_DESCENDING;
	int c;

	if (win->sorted != NULL) {
		gtk_tree_sortable_get_sort_column_id(GTK_TREE_SORTABLE(win->sorted), &sort_id, &order);
		g_object_unref(win->sorted);
		g_object_unref(win->filter);
		g_object_unref(win->store);
	}
	win->store = store;
	win->filter = gtk_tree_model_filter_new(GTK_TREE_MODEL(store), NULL);
	gtk_tree_model_filter_set_visible_func(GTK_TREE_MODEL_FILTER(win->filter), visible, win, NULL);
	win->sorted = gtk_tree_model_sort_new_with_model(win->filter);
	sortable = GTK_TREE_SORTABLE(win->sorted);
	gtk_tree_sortable_set_sort_func(sortable, COL_TIME, compare_time, NULL, NULL);
	for (c = COL_THING; c <= COL_DETAIL; c++)
		gtk_tree_sortable_set_sort_func(sortable, c, compare_text, GINT_TO_POINTER(c), NULL);
	gtk_tree_sortable_set_sort_column_id(sortable, sort_id, order);
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), win->sorted);
}

static GtkListStore *
new_store(void)
{
	return gtk_list_store_new(N_COLS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64,
	                          G_TYPE_UINT, G_TYPE_INT, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
	                          G_TYPE_STRING);
}

IotGtkControlLog *
iot_gtk_controllog_new(const char *title, IotGtkControlLogClosed on_closed, gpointer user_data)
{
	IotGtkControlLog *win = g_new0(IotGtkControlLog, 1);
	GtkWidget *vbox, *hbox, *label, *sw, *bbox, *close;
	GtkTreeSelection *sel;

	win->on_closed = on_closed;
	win->user_data = user_data;
	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title(GTK_WINDOW(win->window), title != NULL ? title : "");
	gtk_window_set_role(GTK_WINDOW(win->window), "xmpp-iot-control-log");
	gtk_window_set_default_size(GTK_WINDOW(win->window), WIDTH, HEIGHT);
	gtk_container_set_border_width(GTK_CONTAINER(win->window), 12);
	g_signal_connect(win->window, "destroy", G_CALLBACK(destroy_cb), win);
	g_signal_connect(win->window, "key-press-event", G_CALLBACK(key_cb), win);

	vbox = gtk_vbox_new(FALSE, 6);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);

	hbox = gtk_hbox_new(FALSE, 6);
	/* TRANSLATORS: label of the control log's filter entry. */
	label = gtk_label_new_with_mnemonic(_("_Filter:"));
	win->filter_entry = gtk_entry_new();
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), win->filter_entry);
	gtk_entry_set_icon_from_stock(GTK_ENTRY(win->filter_entry), GTK_ENTRY_ICON_SECONDARY,
	                              GTK_STOCK_CLEAR);
	gtk_entry_set_icon_tooltip_text(GTK_ENTRY(win->filter_entry), GTK_ENTRY_ICON_SECONDARY,
	                                _("Show every entry"));
	gtk_widget_set_tooltip_text(win->filter_entry,
	                            _("Shows the entries that contain this text in any column."));
	g_signal_connect(win->filter_entry, "changed", G_CALLBACK(filter_changed_cb), win);
	g_signal_connect(win->filter_entry, "icon-press", G_CALLBACK(filter_icon_cb), win);
	win->count_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->count_label), 1.0, 0.5);
	gtk_box_pack_start(GTK_BOX(hbox), label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(hbox), win->filter_entry, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(hbox), win->count_label, FALSE, FALSE, 0);
	gtk_widget_set_size_request(win->filter_entry, 240, -1);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);

	win->view = gtk_tree_view_new();
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->view), TRUE);
	/* The filter entry is the search: no typeahead popup over it. */
	gtk_tree_view_set_enable_search(GTK_TREE_VIEW(win->view), FALSE);
	sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	gtk_tree_selection_set_mode(sel, GTK_SELECTION_MULTIPLE);
	g_signal_connect(sel, "changed", G_CALLBACK(selection_changed_cb), win);
	g_object_set(win->view, "has-tooltip", TRUE, NULL);
	g_signal_connect(win->view, "query-tooltip", G_CALLBACK(tooltip_cb), win);
	/* TRANSLATORS: column headings of the control log. */
	add_column(win, _("Time"), COL_TIME_TEXT, FALSE);
	add_column(win, _("Thing"), COL_THING, FALSE);
	add_column(win, _("Node"), COL_NODE, FALSE);
	add_column(win, _("Parameter"), COL_PARAM, FALSE);
	add_column(win, _("Change"), COL_CHANGE, FALSE);
	add_column(win, _("Result"), COL_RESULT, FALSE);
	add_column(win, _("Detail"), COL_DETAIL, TRUE);
	set_models(win, new_store());
	sw = gtk_scrolled_window_new(NULL, NULL);
	/* The detail column gives way (its cells are cut), so the table never
	 * needs to scroll sideways. */
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(sw), GTK_POLICY_NEVER,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(sw), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(sw), win->view);
	gtk_box_pack_start(GTK_BOX(vbox), sw, TRUE, TRUE, 0);

	hbox = gtk_hbox_new(FALSE, 12);
	win->status_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->status_label), 0.0, 0.5);
	gtk_label_set_ellipsize(GTK_LABEL(win->status_label), PANGO_ELLIPSIZE_END);
	gtk_box_pack_start(GTK_BOX(hbox), win->status_label, TRUE, TRUE, 0);
	bbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(bbox), GTK_BUTTONBOX_END);
	gtk_box_set_spacing(GTK_BOX(bbox), 6);
	win->copy_button = gtk_button_new_from_stock(GTK_STOCK_COPY);
	gtk_widget_set_tooltip_text(win->copy_button,
	                            _("Copies the selected rows as tab-separated text."));
	gtk_widget_set_sensitive(win->copy_button, FALSE);
	g_signal_connect(win->copy_button, "clicked", G_CALLBACK(copy_cb), win);
	close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);
	g_signal_connect(close, "clicked", G_CALLBACK(close_cb), win);
	gtk_box_pack_start(GTK_BOX(bbox), win->copy_button, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(bbox), close, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(hbox), bbox, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);

	update_count(win);
	gtk_widget_show_all(vbox);
	gtk_widget_grab_focus(win->view);
	return win;
}

static gboolean
restore_scroll(gpointer data)
{
	IotGtkControlLog *win = data;
	GtkAdjustment *adj = gtk_tree_view_get_vadjustment(GTK_TREE_VIEW(win->view));

	win->restore_id = 0;
	gtk_adjustment_set_value(adj, MIN(win->scroll, gtk_adjustment_get_upper(adj) -
	                                                   gtk_adjustment_get_page_size(adj)));
	return FALSE;
}

void
iot_gtk_controllog_set_entries(IotGtkControlLog *win, const GPtrArray *entries, guint total)
{
	GtkListStore *store = new_store();
	GtkAdjustment *adj;
	guint i, n = entries != NULL ? entries->len : 0;

	g_return_if_fail(win != NULL);
	adj = gtk_tree_view_get_vadjustment(GTK_TREE_VIEW(win->view));
	if (win->restore_id == 0)
		win->scroll = gtk_adjustment_get_value(adj);
	/* Filled before the view sees it: one sort, not one per row. The rank
	 * keeps the order of entries of equal times (a request's parameters). */
	for (i = 0; i < n; i++)
		add_row(store, g_ptr_array_index(entries, i), n - 1 - i);
	win->total = MAX(total, n);
	set_models(win, store);
	update_count(win);
	gtk_label_set_text(GTK_LABEL(win->status_label), "");
	/* Once the view knows its new height. */
	if (win->restore_id == 0)
		win->restore_id = g_idle_add_full(G_PRIORITY_LOW, restore_scroll, win, NULL);
}

GtkWidget *
iot_gtk_controllog_get_window(IotGtkControlLog *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->window;
}

GtkTreeModel *
iot_gtk_controllog_get_model(IotGtkControlLog *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->sorted;
}

GtkWidget *
iot_gtk_controllog_get_filter(IotGtkControlLog *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->filter_entry;
}

const char *
iot_gtk_controllog_get_count_text(IotGtkControlLog *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return gtk_label_get_text(GTK_LABEL(win->count_label));
}

GtkWidget *
iot_gtk_controllog_get_view(IotGtkControlLog *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->view;
}

void
iot_gtk_controllog_close(IotGtkControlLog *win)
{
	g_return_if_fail(win != NULL);
	if (!win->closing)
		gtk_widget_destroy(win->window);
}
