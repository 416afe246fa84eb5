/*
 * iot-gtk-readout.c — the sensor-data window: layout, requests, keyboard,
 * the plot and the window's life. Its rows are in iot-gtk-readout-rows.c,
 * its columns in iot-gtk-readout-columns.c, the status line in
 * iot-gtk-readout-status.c, export and copy in iot-gtk-readout-export.c.
 */
#include "iot-gtk-readout-private.h"

#include "iot-format.h"
#include "iot-gtk-plot.h"
#include "iot-time.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_INTERVAL_S 60
#define MAX_INTERVAL_S 86400
#define DEFAULT_RANGE_US ((gint64)24 * 3600 * G_USEC_PER_SEC)
#define TITLE_CHARS_MAX 80

void
iot_gtk_readout_connect(IotGtkReadout *win, gpointer obj, const char *signal, GCallback cb)
{
	g_signal_connect(obj, signal, cb, win);
	if (!g_ptr_array_find(win->connected, obj, NULL))
		g_ptr_array_add(win->connected, obj);
}

/* ---- requests ---------------------------------------------------------------- */

char *
iot_gtk_readout_time_text(gint64 us)
{
	GDateTime *dt = g_date_time_new_from_unix_local(us / G_USEC_PER_SEC);
	char *s = g_date_time_format(dt, "%Y-%m-%d %H:%M");

	g_date_time_unref(dt);
	return s;
}

gboolean
iot_gtk_readout_parse_time(const char *text, gint64 *out)
{
	int y, mo, d, h = 0, mi = 0, n = 0;
	double sec = 0;
	char sep;
	GDateTime *dt;

	if (sscanf(text, " %d-%d-%d%n", &y, &mo, &d, &n) != 3)
		return FALSE;
	text += n;
	if (sscanf(text, "%c%d:%d%n", &sep, &h, &mi, &n) == 3 && (sep == ' ' || sep == 'T')) {
		text += n;
		if (*text == ':' && sscanf(text, ":%lf%n", &sec, &n) == 1)
			text += n;
	}
	while (*text == ' ')
		text++;
	if (*text != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || sec < 0 || sec >= 60)
		return FALSE;
	dt = g_date_time_new_local(y, mo, d, h, mi, sec);
	if (dt == NULL)
		return FALSE;
	*out = g_date_time_to_unix(dt) * G_USEC_PER_SEC;
	g_date_time_unref(dt);
	return TRUE;
}

/* Until the person edits them, the range entries show the last 24 hours
 * as of the latest request, not as of when the window opened. */
static void
set_default_range(IotGtkReadout *win)
{
	gint64 now = g_get_real_time();
	char *a = iot_gtk_readout_time_text(now - DEFAULT_RANGE_US), *b = iot_gtk_readout_time_text(now);

	win->setting_range = TRUE;
	gtk_entry_set_text(GTK_ENTRY(win->from_entry), a);
	gtk_entry_set_text(GTK_ENTRY(win->to_entry), b);
	win->setting_range = FALSE;
	g_free(a);
	g_free(b);
}

static void
range_edited_cb(GtkEditable *e, IotGtkReadout *win)
{
	if (!win->setting_range)
		win->range_edited = TRUE;
}

static gboolean
read_range(IotGtkReadout *win, gint64 *from, gint64 *to)
{
	const char *a, *b;
	gboolean empty_b;

	if (!win->range_edited)
		set_default_range(win);
	a = gtk_entry_get_text(GTK_ENTRY(win->from_entry));
	b = gtk_entry_get_text(GTK_ENTRY(win->to_entry));
	empty_b = strspn(b, " ") == strlen(b);

	/* An empty "to" means now; an empty "from" a day before "to". */
	if (empty_b)
		*to = g_get_real_time();
	else if (!iot_gtk_readout_parse_time(b, to))
		goto bad;
	if (strspn(a, " ") == strlen(a))
		*from = *to - DEFAULT_RANGE_US;
	else if (!iot_gtk_readout_parse_time(a, from))
		goto bad;
	if (*from >= *to) {
		iot_gtk_readout_show_status(win, _("The start of the range must be before its end."),
		                            TRUE);
		gtk_widget_grab_focus(win->from_entry);
		return FALSE;
	}
	return TRUE;
bad:
	/* TRANSLATORS: keep the example date as it is, it shows the format. */
	iot_gtk_readout_show_status(win, _("Enter times as 2024-01-10 08:15."), TRUE);
	gtk_widget_grab_focus(empty_b || iot_gtk_readout_parse_time(b, to) ? win->from_entry : win->to_entry);
	return FALSE;
}

static void
request(IotGtkReadout *win, IotGtkRequestKind kind)
{
	gint64 from = IOT_TIME_UNKNOWN, to = IOT_TIME_UNKNOWN;

	if (win->busy)
		return;
	if (kind == IOT_GTK_REQUEST_HISTORICAL && !read_range(win, &from, &to))
		return;
	win->last_kind = kind;
	iot_gtk_readout_set_busy(win, TRUE);
	/* May destroy the window: nothing touches @win after this. */
	if (win->cbs.on_request != NULL)
		win->cbs.on_request(win, kind, from, to, win->user_data);
}

static void
now_cb(GtkButton *b, IotGtkReadout *win)
{
	request(win, IOT_GTK_REQUEST_NOW);
}

static void
all_cb(GtkButton *b, IotGtkReadout *win)
{
	request(win, IOT_GTK_REQUEST_ALL);
}

static void
historical_cb(GtkButton *b, IotGtkReadout *win)
{
	request(win, IOT_GTK_REQUEST_HISTORICAL);
}

static void
refresh_cb(GtkButton *b, IotGtkReadout *win)
{
	request(win, win->last_kind);
}

static void
auto_cb(GtkWidget *w, IotGtkReadout *win)
{
	gboolean on = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(win->auto_toggle));
	guint s = (guint)gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(win->interval_spin));

	/* A new interval matters only while updates are on. */
	if (w == win->interval_spin && !on)
		return;
	if (win->cbs.on_auto_refresh != NULL)
		win->cbs.on_auto_refresh(win, on, s, win->user_data);
}

/* ---- selection and plot ------------------------------------------------------- */

static void
selection_cb(GtkTreeSelection *sel, IotGtkReadout *win)
{
	if (!win->closing)
		iot_gtk_readout_update_plot(win);
}

void
iot_gtk_readout_set_history(IotGtkReadout *win, const IotHistory *history)
{
	g_return_if_fail(win != NULL);
	win->history = history;
	iot_gtk_readout_plot_source_changed(win);
	iot_gtk_readout_update_plot(win);
	gtk_widget_queue_draw(win->view);
}

void
iot_gtk_readout_set_plot_source(IotGtkReadout *win, IotGtkPlotSource *source)
{
	g_return_if_fail(win != NULL);
	if (source != NULL)
		iot_gtk_plot_source_ref(source);
	iot_gtk_plot_source_unref(win->plot_source);
	win->plot_source = source;
	iot_gtk_readout_plot_source_changed(win);
	iot_gtk_readout_update_plot(win);
}

void
iot_gtk_readout_history_changed(IotGtkReadout *win)
{
	g_return_if_fail(win != NULL);
	/* A new series may have appeared for the selected row. */
	iot_gtk_readout_update_plot(win);
	iot_gtk_plot_changed(win->plot);
	gtk_widget_queue_draw(win->view);
}

gboolean
iot_gtk_readout_select_field(IotGtkReadout *win, const IotNodeRef *node, const char *name)
{
	char *key;
	IotGtkReadoutRow *row;
	GtkTreeIter siter;
	GtkTreePath *path;
	gboolean ok = FALSE;

	g_return_val_if_fail(win != NULL && name != NULL, FALSE);
	key = iot_gtk_readout_row_key(node, name);
	row = g_hash_table_lookup(win->rows, key);
	g_free(key);
	if (row != NULL && iot_gtk_readout_row_iter(win, row, &siter)) {
		GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));

		path = gtk_tree_model_get_path(win->filter, &siter);
		gtk_tree_view_set_cursor(GTK_TREE_VIEW(win->view), path, NULL, FALSE);
		gtk_tree_selection_unselect_all(sel);
		gtk_tree_selection_select_path(sel, path);
		gtk_tree_view_scroll_to_cell(GTK_TREE_VIEW(win->view), path, NULL, FALSE, 0, 0);
		gtk_tree_path_free(path);
		ok = TRUE;
	}
	return ok;
}

/* ---- keyboard ------------------------------------------------------------------- */

static gboolean
view_key_cb(GtkWidget *w, GdkEventKey *ev, IotGtkReadout *win)
{
	/* Ctrl+C here, not as a window accelerator: in the filter entry it must
	 * keep copying the entry's text. */
	if ((ev->state & GDK_CONTROL_MASK) && (ev->keyval == GDK_c || ev->keyval == GDK_C ||
	                                       ev->keyval == GDK_Insert)) {
		iot_gtk_readout_copy(win);
		return TRUE;
	}
	return FALSE;
}

static gboolean
accel_refresh(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	refresh_cb(NULL, data);
	return TRUE;
}

static gboolean
accel_find(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	IotGtkReadout *win = data;

	gtk_widget_grab_focus(win->filter_entry);
	return TRUE;
}

static gboolean
accel_close(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	IotGtkReadout *win = data;

	gtk_widget_destroy(win->window);
	return TRUE;
}

static void
filter_cb(GtkEditable *e, IotGtkReadout *win)
{
	const char *text = gtk_entry_get_text(GTK_ENTRY(e));

	/* The clear button only when there is something to clear. */
	gtk_entry_set_icon_from_stock(GTK_ENTRY(e), GTK_ENTRY_ICON_SECONDARY,
	                              *text != '\0' ? GTK_STOCK_CLEAR : NULL);
	if (*text != '\0')
		gtk_entry_set_icon_tooltip_text(GTK_ENTRY(e), GTK_ENTRY_ICON_SECONDARY,
		                                _("Show all fields"));
	iot_gtk_readout_refilter(win, text);
	iot_gtk_readout_update_plot(win);
}

static void
filter_icon_cb(GtkEntry *e, GtkEntryIconPosition pos, GdkEvent *ev, IotGtkReadout *win)
{
	gtk_entry_set_text(e, "");
}

static void
copy_cb(GtkButton *b, IotGtkReadout *win)
{
	iot_gtk_readout_copy(win);
}

static void
export_cb(GtkButton *b, IotGtkReadout *win)
{
	iot_gtk_readout_export_dialog(win, GTK_WIDGET(b) == win->history_button);
}

static void
close_cb(GtkButton *b, IotGtkReadout *win)
{
	gtk_widget_destroy(win->window);
}

/* ---- life cycle ----------------------------------------------------------------- */

static void
destroy_cb(GtkWidget *w, IotGtkReadout *win)
{
	guint i;

	if (win->closing)
		return;
	win->closing = TRUE;
	if (win->chooser != NULL)
		gtk_widget_destroy(win->chooser);
	iot_gtk_readout_export_free(win);
	iot_gtk_readout_plot_free(win);
	/* Its closures point at us too. */
	gtk_window_remove_accel_group(GTK_WINDOW(win->window), win->accel);
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), NULL);
	/* The children outlive this handler by a moment; none may call back
	 * into the state freed below. */
	for (i = 0; i < win->connected->len; i++)
		g_signal_handlers_disconnect_matched(g_ptr_array_index(win->connected, i),
		                                     G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
	if (win->cbs.on_closed != NULL)
		win->cbs.on_closed(win, win->user_data);
	iot_gtk_readout_rows_free(win);
	g_ptr_array_free(win->connected, TRUE);
	g_free(win->status);
	g_free(win->title);
	g_free(win);
}

void
iot_gtk_readout_destroy(IotGtkReadout *win)
{
	g_return_if_fail(win != NULL);
	gtk_widget_destroy(win->window);
}

GtkWidget *
iot_gtk_readout_labelled(const char *mnemonic, GtkWidget *target)
{
	GtkWidget *l = gtk_label_new_with_mnemonic(mnemonic);

	if (target != NULL)
		gtk_label_set_mnemonic_widget(GTK_LABEL(l), target);
	return l;
}

static GtkWidget *
button(IotGtkReadout *win, const char *mnemonic, const char *tip, GCallback cb)
{
	GtkWidget *b = gtk_button_new_with_mnemonic(mnemonic);

	gtk_widget_set_tooltip_text(b, tip);
	iot_gtk_readout_connect(win, b, "clicked", cb);
	return b;
}

static void
add_accel(IotGtkReadout *win, GtkAccelGroup *g, guint key, GdkModifierType mods, GCallback cb)
{
	gtk_accel_group_connect(g, key, mods, 0, g_cclosure_new(cb, win, NULL));
}

static GtkWidget *
request_row(IotGtkReadout *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6);

	win->now_button = button(win, _("_Now"),
	                         _("Read the thing as it is now: its momentary values and its status"),
	                         G_CALLBACK(now_cb));
	win->all_button = button(win, _("_All"), _("Read every value the thing has"),
	                         G_CALLBACK(all_cb));
	win->historical_button = button(win, _("_Historical"),
	                                _("Read the values stored between the two times"),
	                                G_CALLBACK(historical_cb));
	win->refresh_button = button(win, _("_Refresh"), _("Repeat the last reading (F5)"),
	                             G_CALLBACK(refresh_cb));
	win->from_entry = gtk_entry_new();
	win->to_entry = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(win->from_entry), 16);
	gtk_entry_set_width_chars(GTK_ENTRY(win->to_entry), 16);
	set_default_range(win);
	iot_gtk_readout_connect(win, win->from_entry, "changed", G_CALLBACK(range_edited_cb));
	iot_gtk_readout_connect(win, win->to_entry, "changed", G_CALLBACK(range_edited_cb));
	gtk_widget_set_tooltip_text(win->from_entry, _("Local time, e.g. 2024-01-10 08:15"));
	gtk_widget_set_tooltip_text(win->to_entry, _("Local time; empty for now"));
	gtk_box_pack_start(GTK_BOX(box), win->now_button, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->all_button, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->historical_button, FALSE, FALSE, 0);
	/* TRANSLATORS: the time range of a historical reading: "from … to …". */
	gtk_box_pack_start(GTK_BOX(box), iot_gtk_readout_labelled(_("fr_om"), win->from_entry), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->from_entry, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), iot_gtk_readout_labelled(_("_to"), win->to_entry), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->to_entry, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), win->refresh_button, FALSE, FALSE, 0);
	return box;
}

static GtkWidget *
filter_row(IotGtkReadout *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6);

	win->filter_entry = gtk_entry_new();
	gtk_widget_set_tooltip_text(
	    win->filter_entry, _("Show only fields whose name or node contains this text (Ctrl+F)"));
	iot_gtk_readout_connect(win, win->filter_entry, "changed", G_CALLBACK(filter_cb));
	iot_gtk_readout_connect(win, win->filter_entry, "icon-press", G_CALLBACK(filter_icon_cb));
	gtk_box_pack_start(GTK_BOX(box), iot_gtk_readout_labelled(_("_Filter:"), win->filter_entry), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->filter_entry, TRUE, TRUE, 0);
	return box;
}

static GtkWidget *
table_and_plot(IotGtkReadout *win)
{
	GtkWidget *scrolled = gtk_scrolled_window_new(NULL, NULL);
	GtkTreeSelection *sel;

	win->view = gtk_tree_view_new();
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->view), TRUE);
	sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	gtk_tree_selection_set_mode(sel, GTK_SELECTION_MULTIPLE);
	iot_gtk_readout_rows_init(win);
	iot_gtk_readout_connect(win, sel, "changed", G_CALLBACK(selection_cb));
	iot_gtk_readout_connect(win, win->view, "key-press-event", G_CALLBACK(view_key_cb));
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_ALWAYS);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scrolled), win->view);

	win->plot_box = iot_gtk_readout_plot_box(win);
	gtk_widget_set_no_show_all(win->plot_box, TRUE);

	win->paned = gtk_vpaned_new();
	gtk_paned_pack1(GTK_PANED(win->paned), scrolled, TRUE, FALSE);
	gtk_paned_pack2(GTK_PANED(win->paned), win->plot_box, FALSE, FALSE);
	return win->paned;
}

static GtkWidget *
status_row(IotGtkReadout *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6);

	win->spinner = gtk_spinner_new();
	gtk_widget_set_no_show_all(win->spinner, TRUE);
	win->status_icon = gtk_image_new_from_stock(GTK_STOCK_DIALOG_WARNING, GTK_ICON_SIZE_MENU);
	gtk_widget_set_no_show_all(win->status_icon, TRUE);
	win->status_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->status_label), 0.0f, 0.5f);
	gtk_label_set_ellipsize(GTK_LABEL(win->status_label), PANGO_ELLIPSIZE_END);
	gtk_label_set_selectable(GTK_LABEL(win->status_label), TRUE);
	/* Selectable labels take focus; keep Tab for the controls. */
	gtk_widget_set_can_focus(win->status_label, FALSE);
	gtk_box_pack_start(GTK_BOX(box), win->spinner, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->status_icon, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->status_label, TRUE, TRUE, 0);
	/* About the thing, not a row: beside its status, where the row of
	 * buttons below has no room left. */
	gtk_box_pack_end(GTK_BOX(box), iot_gtk_readout_forget_button(win), FALSE, FALSE, 0);
	return box;
}

static GtkWidget *
bottom_row(IotGtkReadout *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6), *close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);

	win->auto_toggle = gtk_check_button_new_with_mnemonic(_("_Update automatically"));
	gtk_widget_set_tooltip_text(win->auto_toggle,
	                            _("Keep the values current while this window is open"));
	win->interval_spin = gtk_spin_button_new_with_range(1, MAX_INTERVAL_S, 1);
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(win->interval_spin), DEFAULT_INTERVAL_S);
	gtk_spin_button_set_numeric(GTK_SPIN_BUTTON(win->interval_spin), TRUE);
	iot_gtk_readout_connect(win, win->auto_toggle, "toggled", G_CALLBACK(auto_cb));
	iot_gtk_readout_connect(win, win->interval_spin, "value-changed", G_CALLBACK(auto_cb));
	win->copy_button = button(win, _("Cop_y"), _("Copy the selected rows as CSV (Ctrl+C)"),
	                          G_CALLBACK(copy_cb));
	win->export_button = button(win, _("E_xport CSV…"), _("Save the table as a CSV file"),
	                            G_CALLBACK(export_cb));
	win->history_button = button(win, _("Export hi_story…"),
	                             _("Save the selected field's history as a CSV file"),
	                             G_CALLBACK(export_cb));
	gtk_widget_set_sensitive(win->copy_button, FALSE);
	gtk_widget_set_sensitive(win->history_button, FALSE);
	iot_gtk_readout_connect(win, close, "clicked", G_CALLBACK(close_cb));
	gtk_box_pack_start(GTK_BOX(box), win->auto_toggle, FALSE, FALSE, 0);
	/* TRANSLATORS: "Update automatically every [60] s"; "s" is seconds. */
	gtk_box_pack_start(GTK_BOX(box), iot_gtk_readout_labelled(_("e_very"), win->interval_spin), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->interval_spin, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), gtk_label_new(_("s")), FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), close, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), win->history_button, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), win->export_button, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), win->copy_button, FALSE, FALSE, 0);
	return box;
}

IotGtkReadout *
iot_gtk_readout_new(const char *title, const IotGtkReadoutCallbacks *cbs, gpointer user_data)
{
	IotGtkReadout *win = g_new0(IotGtkReadout, 1);
	GtkWidget *vbox = gtk_vbox_new(FALSE, 6);
	GtkAccelGroup *accel = win->accel = gtk_accel_group_new();
	char *name = iot_format_clean(title != NULL ? title : "", TITLE_CHARS_MAX), *text;

	if (cbs != NULL)
		win->cbs = *cbs;
	win->user_data = user_data;
	win->title = name;
	win->connected = g_ptr_array_new();
	win->last_kind = IOT_GTK_REQUEST_NOW;
	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	/* TRANSLATORS: window title; %s is the thing's name or address. */
	text = g_strdup_printf(_("Sensor data — %s"), name);
	gtk_window_set_title(GTK_WINDOW(win->window), text);
	g_free(text);
	gtk_window_set_role(GTK_WINDOW(win->window), "iot-readout");
	gtk_window_set_default_size(GTK_WINDOW(win->window), IOT_GTK_READOUT_WIDTH,
	                            IOT_GTK_READOUT_HEIGHT);
	gtk_container_set_border_width(GTK_CONTAINER(win->window), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);

	gtk_box_pack_start(GTK_BOX(vbox), request_row(win), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), filter_row(win), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), table_and_plot(win), TRUE, TRUE, 0);
	win->notes_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->notes_label), 0.0f, 0.5f);
	gtk_label_set_line_wrap(GTK_LABEL(win->notes_label), TRUE);
	gtk_widget_set_no_show_all(win->notes_label, TRUE);
	gtk_box_pack_start(GTK_BOX(vbox), win->notes_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), status_row(win), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), bottom_row(win), FALSE, FALSE, 0);

	add_accel(win, accel, GDK_F5, 0, G_CALLBACK(accel_refresh));
	add_accel(win, accel, GDK_f, GDK_CONTROL_MASK, G_CALLBACK(accel_find));
	add_accel(win, accel, GDK_Escape, 0, G_CALLBACK(accel_close));
	gtk_window_add_accel_group(GTK_WINDOW(win->window), accel);
	g_object_unref(accel); /* the window holds it */
	iot_gtk_readout_connect(win, win->window, "destroy", G_CALLBACK(destroy_cb));
	gtk_widget_show_all(vbox);
	gtk_widget_grab_focus(win->view);
	return win;
}

/* ---- the rest of the public API ---------------------------------------------------- */

void
iot_gtk_readout_set_passive(IotGtkReadout *win, const char *title, GtkWidget *pane)
{
	GtkWidget *vbox, *outer, *row;
	GList *children, *l;
	gint pos;

	g_return_if_fail(win != NULL);
	if (title != NULL)
		gtk_window_set_title(GTK_WINDOW(win->window), title);
	/* Nothing to ask for: the values come by themselves. */
	gtk_widget_hide(gtk_widget_get_parent(win->now_button));
	row = gtk_widget_get_parent(win->auto_toggle);
	children = gtk_container_get_children(GTK_CONTAINER(row));
	for (l = children; l != NULL; l = l->next)
		if (l->data == win->auto_toggle || l->data == win->interval_spin || GTK_IS_LABEL(l->data))
			gtk_widget_hide(l->data);
	g_list_free(children);
	if (pane == NULL)
		return;
	/* The table and plot share a pane with @pane, below them. */
	vbox = gtk_widget_get_parent(win->paned);
	gtk_container_child_get(GTK_CONTAINER(vbox), win->paned, "position", &pos, NULL);
	g_object_ref(win->paned);
	gtk_container_remove(GTK_CONTAINER(vbox), win->paned);
	outer = gtk_vpaned_new();
	/* The table keeps the height it is given; @pane takes what the window
	 * gains or loses. */
	gtk_paned_pack1(GTK_PANED(outer), win->paned, FALSE, TRUE);
	gtk_paned_pack2(GTK_PANED(outer), pane, TRUE, FALSE);
	g_object_unref(win->paned);
	gtk_box_pack_start(GTK_BOX(vbox), outer, TRUE, TRUE, 0);
	gtk_box_reorder_child(GTK_BOX(vbox), outer, pos);
	/* The values first: about half the window's height. */
	gtk_paned_set_position(GTK_PANED(outer), IOT_GTK_READOUT_HEIGHT / 2);
	gtk_widget_show(outer);
	gtk_widget_show_all(pane);
}

GtkWidget *
iot_gtk_readout_get_window(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->window;
}

void
iot_gtk_readout_set_readout(IotGtkReadout *win, const IotReadout *r)
{
	g_return_if_fail(win != NULL);
	iot_gtk_readout_rows_set(win, r);
	iot_gtk_readout_show_notes(win, r);
	iot_gtk_readout_end_busy(win);
	iot_gtk_readout_touched(win);
}

void
iot_gtk_readout_update(IotGtkReadout *win, const IotReadout *r)
{
	g_return_if_fail(win != NULL && r != NULL);
	iot_gtk_readout_rows_queue(win, r);
}

GtkTreeModel *
iot_gtk_readout_get_model(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->filter;
}

GtkTreeView *
iot_gtk_readout_get_view(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return GTK_TREE_VIEW(win->view);
}

GtkEntry *
iot_gtk_readout_get_filter_entry(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return GTK_ENTRY(win->filter_entry);
}

GtkWidget *
iot_gtk_readout_get_plot(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->plot;
}

const char *
iot_gtk_readout_get_status(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, "");
	return win->status != NULL ? win->status : "";
}

gboolean
iot_gtk_readout_get_sort(IotGtkReadout *win, IotGtkReadoutColumn *column, GtkSortType *order)
{
	g_return_val_if_fail(win != NULL, FALSE);
	if (win->sort_id < 0)
		return FALSE;
	if (column != NULL)
		*column = (IotGtkReadoutColumn)win->sort_id;
	if (order != NULL)
		*order = win->sort_order;
	return TRUE;
}

GtkTreeViewColumn *
iot_gtk_readout_get_column(IotGtkReadout *win, IotGtkReadoutColumn column)
{
	GList *cols, *l;
	GtkTreeViewColumn *found = NULL;

	g_return_val_if_fail(win != NULL, NULL);
	cols = gtk_tree_view_get_columns(GTK_TREE_VIEW(win->view));
	for (l = cols; l != NULL; l = l->next) {
		if (l->data != win->trend_column &&
		    GPOINTER_TO_INT(g_object_get_data(G_OBJECT(l->data), "iot-column")) == (gint)column)
			found = l->data;
	}
	g_list_free(cols);
	return found;
}

GArray *
iot_gtk_readout_get_plot_points(IotGtkReadout *win)
{
	return iot_gtk_plot_get_points(win->plot);
}

guint
iot_gtk_readout_get_applies(IotGtkReadout *win)
{
	return win->applies;
}

guint
iot_gtk_readout_get_pending(IotGtkReadout *win)
{
	return win->pending_keys->len;
}
