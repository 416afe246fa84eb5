/*
 * iot-gtk-readout-plot.c — the readout window's plot: which series it
 * shows (the selected row), where its data comes from (the owner's source,
 * else one over the history in memory), its range row (everything, the
 * last hour … year, from/to, live) and "Forget history…" with its
 * confirmation.
 */
#include "iot-gtk-readout-private.h"

#include "iot-gtk-plot-source-history.h"
#include "iot-gtk-plot.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define PLOT_HEIGHT 170
#define FORGET_RESPONSE 1

/* ---- the series ---------------------------------------------------------------- */

static IotGtkPlotSource *
source_of(IotGtkReadout *win)
{
	return win->plot_source != NULL ? win->plot_source : win->history_source;
}

void
iot_gtk_readout_plot_source_changed(IotGtkReadout *win)
{
	/* The history's own source is made anew for each history: it borrows it. */
	iot_gtk_plot_source_unref(win->history_source);
	win->history_source = win->history != NULL ? iot_gtk_plot_source_history_new(win->history)
	                                           : NULL;
	iot_gtk_plot_set_source(win->plot, source_of(win));
}

void
iot_gtk_readout_update_plot(IotGtkReadout *win)
{
	const IotField *f = iot_gtk_readout_selected_field(win);
	const IotHistorySeries *s = NULL;
	IotGtkPlotSource *src = source_of(win);
	gboolean numeric = f != NULL && (f->type == IOT_VALUE_NUMERIC || f->type == IOT_VALUE_INT ||
	                                 f->type == IOT_VALUE_LONG);
	/* Other values only when the source keeps them as timelines. */
	gboolean states = f != NULL && !numeric && src != NULL &&
	                  (iot_gtk_plot_source_get_flags(src) & IOT_GTK_PLOT_SOURCE_STATES);
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));

	if (numeric && win->history != NULL)
		s = iot_history_find_series(win->history, &f->node, f->name);
	if (numeric || states) {
		GtkTreeIter iter;
		char *label = NULL;
		GList *rows = gtk_tree_selection_get_selected_rows(sel, NULL);

		/* The name as the table shows it (localized). */
		if (rows != NULL && gtk_tree_model_get_iter(win->filter, &iter, rows->data))
			gtk_tree_model_get(win->filter, &iter, IOT_GTK_READOUT_COL_FIELD, &label, -1);
		g_list_free_full(rows, (GDestroyNotify)gtk_tree_path_free);
		iot_gtk_plot_set_series(win->plot, &f->node, f->name,
		                        numeric ? IOT_GTK_PLOT_NUMBERS : IOT_GTK_PLOT_STATES, f->type,
		                        label != NULL ? label : f->name, f->unit);
		g_free(label);
		gtk_widget_show(win->plot_box);
	} else {
		iot_gtk_plot_clear(win->plot);
		gtk_widget_hide(win->plot_box);
	}
	gtk_widget_set_sensitive(win->history_button, win->has_export_src ||
	                                                  (s != NULL && iot_history_series_length(s) > 0));
	gtk_widget_set_sensitive(win->copy_button, gtk_tree_selection_count_selected_rows(sel) > 0);
}

/* ---- the range row --------------------------------------------------------------- */

/* The row shows the plot's range; an entry the person is typing in is
 * left alone. */
static void
range_notify(GtkWidget *plot, gpointer data)
{
	IotGtkReadout *win = data;
	gint64 from, to;
	IotGtkPlotRange r = iot_gtk_plot_get_range(plot, &from, &to);
	gboolean live = iot_gtk_plot_get_live(plot);
	char *a, *b;

	win->syncing_range = TRUE;
	gtk_combo_box_set_active(GTK_COMBO_BOX(win->range_combo), (gint)r);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(win->live_toggle), live);
	a = from != IOT_TIME_UNKNOWN ? iot_gtk_readout_time_text(from) : g_strdup("");
	/* Live: "to" is now, which an empty entry means. */
	b = to != IOT_TIME_UNKNOWN && !live ? iot_gtk_readout_time_text(to) : g_strdup("");
	if (!gtk_widget_has_focus(win->range_from))
		gtk_entry_set_text(GTK_ENTRY(win->range_from), a);
	if (!gtk_widget_has_focus(win->range_to))
		gtk_entry_set_text(GTK_ENTRY(win->range_to), b);
	g_free(a);
	g_free(b);
	win->syncing_range = FALSE;
}

static void
combo_cb(GtkComboBox *c, IotGtkReadout *win)
{
	gint r = gtk_combo_box_get_active(c);

	if (win->syncing_range || r < 0)
		return;
	iot_gtk_plot_set_range(win->plot, (IotGtkPlotRange)r);
	if (r == IOT_GTK_PLOT_RANGE_CUSTOM)
		gtk_widget_grab_focus(win->range_from);
}

static void
live_cb(GtkToggleButton *b, IotGtkReadout *win)
{
	if (!win->syncing_range)
		iot_gtk_plot_set_live(win->plot, gtk_toggle_button_get_active(b));
}

/* A range typed wrong is said on the status line; what the line said
 * before comes back once the range is right, unless something newer was
 * said meanwhile. */
static void
range_error(IotGtkReadout *win, const char *text)
{
	if (win->range_error == NULL) {
		g_free(win->range_status);
		win->range_status = g_strdup(iot_gtk_readout_get_status(win));
		win->range_status_warn = gtk_widget_get_visible(win->status_icon);
	}
	win->range_error = text;
	iot_gtk_readout_show_status(win, text, TRUE);
}

static void
range_fine(IotGtkReadout *win)
{
	if (win->range_error != NULL && g_strcmp0(win->status, win->range_error) == 0)
		iot_gtk_readout_show_status(win, win->range_status, win->range_status_warn);
	win->range_error = NULL;
	g_free(win->range_status);
	win->range_status = NULL;
}

/* The from/to entries: an empty "to" is now (and live). */
static void
show_range_cb(GtkWidget *w, IotGtkReadout *win)
{
	const char *a = gtk_entry_get_text(GTK_ENTRY(win->range_from));
	const char *b = gtk_entry_get_text(GTK_ENTRY(win->range_to));
	gboolean now = strspn(b, " ") == strlen(b);
	gint64 from, to = g_get_real_time();

	if (!iot_gtk_readout_parse_time(a, &from) || (!now && !iot_gtk_readout_parse_time(b, &to))) {
		/* TRANSLATORS: keep the example date as it is, it shows the format. */
		range_error(win, _("Enter times as 2024-01-10 08:15."));
		gtk_widget_grab_focus(iot_gtk_readout_parse_time(a, &from) ? win->range_to
		                                                            : win->range_from);
		return;
	}
	if (from >= to) {
		range_error(win, _("The start of the range must be before its end."));
		gtk_widget_grab_focus(win->range_from);
		return;
	}
	range_fine(win);
	iot_gtk_plot_set_custom_range(win->plot, from, to);
	if (now)
		iot_gtk_plot_set_live(win->plot, TRUE);
}

GtkWidget *
iot_gtk_readout_range_combo_new(void)
{
	static const char *const items[] = {
		N_("Everything kept"), N_("Last hour"), N_("Last day"),     N_("Last week"),
		N_("Last 30 days"),    N_("Last year"), N_("Custom range")
	};
	GtkWidget *c = gtk_combo_box_new_text();
	guint i;

	for (i = 0; i < G_N_ELEMENTS(items); i++)
		gtk_combo_box_append_text(GTK_COMBO_BOX(c), _(items[i]));
	return c;
}

static GtkWidget *
range_row(IotGtkReadout *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6);

	win->range_combo = iot_gtk_readout_range_combo_new();
	gtk_combo_box_set_active(GTK_COMBO_BOX(win->range_combo), IOT_GTK_PLOT_RANGE_ALL);
	gtk_widget_set_tooltip_text(win->range_combo, _("How much of the history the plot shows"));
	win->range_from = gtk_entry_new();
	win->range_to = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(win->range_from), 16);
	gtk_entry_set_width_chars(GTK_ENTRY(win->range_to), 16);
	gtk_widget_set_tooltip_text(win->range_from, _("Local time, e.g. 2024-01-10 08:15"));
	gtk_widget_set_tooltip_text(win->range_to, _("Local time; empty for now"));
	win->range_show = gtk_button_new_with_label(_("Show"));
	gtk_widget_set_tooltip_text(win->range_show,
	                            _("Plot the history between the two times (Enter)"));
	win->live_toggle = gtk_check_button_new_with_mnemonic(_("_Live"));
	gtk_widget_set_tooltip_text(win->live_toggle,
	                            _("Keep the range ending now, following new values (Home)"));
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(win->live_toggle), TRUE);
	iot_gtk_readout_connect(win, win->range_combo, "changed", G_CALLBACK(combo_cb));
	iot_gtk_readout_connect(win, win->live_toggle, "toggled", G_CALLBACK(live_cb));
	iot_gtk_readout_connect(win, win->range_from, "activate", G_CALLBACK(show_range_cb));
	iot_gtk_readout_connect(win, win->range_to, "activate", G_CALLBACK(show_range_cb));
	iot_gtk_readout_connect(win, win->range_show, "clicked", G_CALLBACK(show_range_cb));

	gtk_box_pack_start(GTK_BOX(box), iot_gtk_readout_labelled(_("Sho_w:"), win->range_combo), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->range_combo, FALSE, FALSE, 0);
	/* TRANSLATORS: the time range of the plot: "from … to …". */
	gtk_box_pack_start(GTK_BOX(box), gtk_label_new(_("from")), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->range_from, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), gtk_label_new(_("to")), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->range_to, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->range_show, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), win->live_toggle, FALSE, FALSE, 0);
	return box;
}

GtkWidget *
iot_gtk_readout_plot_box(IotGtkReadout *win)
{
	/* The plot is the box's own child: hiding the box hides the plot. */
	GtkWidget *vbox = gtk_vbox_new(FALSE, 4);

	win->plot = iot_gtk_plot_new();
	gtk_widget_set_size_request(win->plot, -1, PLOT_HEIGHT);
	iot_gtk_plot_set_range_notify(win->plot, range_notify, win);
	gtk_box_pack_start(GTK_BOX(vbox), range_row(win), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), win->plot, TRUE, TRUE, 0);
	gtk_widget_show_all(vbox);
	return vbox;
}

/* ---- forgetting -------------------------------------------------------------------- */

static void
forget_response_cb(GtkDialog *d, gint response, IotGtkReadout *win)
{
	/* The dialog goes first: the owner may close the window. */
	win->forget_dialog = NULL;
	gtk_widget_destroy(GTK_WIDGET(d));
	if (response == FORGET_RESPONSE && win->cbs.on_forget_history != NULL)
		win->cbs.on_forget_history(win, win->user_data);
}

static void
forget_cb(GtkButton *b, IotGtkReadout *win)
{
	GtkWidget *d;

	if (win->forget_dialog != NULL) {
		gtk_window_present(GTK_WINDOW(win->forget_dialog));
		return;
	}
	/* The name is plain text here (not markup): the dialog's primary text
	 * is set with "%s". */
	d = gtk_message_dialog_new(GTK_WINDOW(win->window),
	                           GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
	                           GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
	                           /* TRANSLATORS: %s is the thing's name or address. */
	                           _("Forget the history of %s?"), win->title);
	gtk_message_dialog_format_secondary_text(
	    GTK_MESSAGE_DIALOG(d), "%s",
	    _("Every value kept of this thing is deleted from this computer: numbers, hourly "
	      "statistics and changes of state. This cannot be undone."));
	gtk_dialog_add_button(GTK_DIALOG(d), GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL);
	gtk_dialog_add_button(GTK_DIALOG(d), _("_Forget history"), FORGET_RESPONSE);
	/* Enter and Escape both keep the history. */
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_CANCEL);
	gtk_window_set_title(GTK_WINDOW(d), _("Forget history"));
	win->forget_dialog = d;
	/* Not through iot_gtk_readout_connect(): the dialog ends before the
	 * window; iot_gtk_readout_plot_free() takes the handler off. */
	g_signal_connect(d, "response", G_CALLBACK(forget_response_cb), win);
	gtk_widget_show(d);
}

GtkWidget *
iot_gtk_readout_forget_button(IotGtkReadout *win)
{
	win->forget_button = gtk_button_new_with_mnemonic(_("For_get history…"));
	gtk_widget_set_tooltip_text(win->forget_button,
	                            _("Delete every value kept of this thing, after asking"));
	iot_gtk_readout_connect(win, win->forget_button, "clicked", G_CALLBACK(forget_cb));
	/* Only when the owner can forget. */
	gtk_widget_set_no_show_all(win->forget_button, win->cbs.on_forget_history == NULL);
	return win->forget_button;
}

void
iot_gtk_readout_plot_free(IotGtkReadout *win)
{
	if (win->forget_dialog != NULL) {
		GtkWidget *d = win->forget_dialog;

		win->forget_dialog = NULL;
		g_signal_handlers_disconnect_matched(d, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
		gtk_widget_destroy(d);
	}
	/* The plot may outlive the window by a moment: nothing of it calls
	 * back, no question stays under way. */
	iot_gtk_plot_set_range_notify(win->plot, NULL, NULL);
	iot_gtk_plot_set_source(win->plot, NULL);
	iot_gtk_plot_source_unref(win->plot_source);
	iot_gtk_plot_source_unref(win->history_source);
	win->plot_source = win->history_source = NULL;
	g_free(win->range_status);
	win->range_status = NULL;
}

/* ---- for tests ------------------------------------------------------------------------- */

GtkComboBox *
iot_gtk_readout_get_range_combo(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return GTK_COMBO_BOX(win->range_combo);
}

GtkEntry *
iot_gtk_readout_get_range_entry(IotGtkReadout *win, gboolean to)
{
	g_return_val_if_fail(win != NULL, NULL);
	return GTK_ENTRY(to ? win->range_to : win->range_from);
}

GtkToggleButton *
iot_gtk_readout_get_live_toggle(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return GTK_TOGGLE_BUTTON(win->live_toggle);
}

GtkDialog *
iot_gtk_readout_get_forget_dialog(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->forget_dialog != NULL ? GTK_DIALOG(win->forget_dialog) : NULL;
}
