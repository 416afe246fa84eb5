/*
 * iot-gtk-readout-export.c — the readout window's CSV: the table and a
 * field's history to files, selected rows to the clipboard. All bytes come
 * from iot-csv (RFC 4180, formula injection neutralised); files are written
 * atomically by iot_csv_write_file().
 */
#include "iot-gtk-readout-private.h"

#include "iot-csv.h"
#include "iot-format.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* A readout that borrows the fields shown, in the order shown. */
static void
shown_fields(IotGtkReadout *win, gboolean selected_only, GPtrArray *out)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GtkTreeIter iter;
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(win->filter, &iter); ok;
	     ok = gtk_tree_model_iter_next(win->filter, &iter)) {
		const IotField *f;

		if (selected_only && !gtk_tree_selection_iter_is_selected(sel, &iter))
			continue;
		if ((f = iot_gtk_readout_field_at(win, &iter)) != NULL)
			g_ptr_array_add(out, (gpointer)f);
	}
}

GString *
iot_gtk_readout_table_csv(IotGtkReadout *win, gboolean selected_only)
{
	GString *out = g_string_new(NULL);
	IotReadout view;

	g_return_val_if_fail(win != NULL, out);
	memset(&view, 0, sizeof view);
	view.fields = g_ptr_array_new();
	view.failures = g_ptr_array_new();
	view.notes = g_ptr_array_new();
	shown_fields(win, selected_only, view.fields);
	iot_csv_readout(out, &view, IOT_CSV_NONE);
	g_ptr_array_free(view.fields, TRUE);
	g_ptr_array_free(view.failures, TRUE);
	g_ptr_array_free(view.notes, TRUE);
	return out;
}

gboolean
iot_gtk_readout_export_csv(IotGtkReadout *win, const char *path, GError **error)
{
	GString *csv;
	gboolean ok;

	g_return_val_if_fail(win != NULL && path != NULL, FALSE);
	csv = iot_gtk_readout_table_csv(win, FALSE);
	ok = iot_csv_write_file(path, csv, error);
	g_string_free(csv, TRUE);
	return ok;
}

static const IotHistorySeries *
series_of(IotGtkReadout *win, const IotField *f)
{
	if (f == NULL || win->history == NULL)
		return NULL;
	return iot_history_find_series(win->history, &f->node, f->name);
}

static gboolean
export_series(IotGtkReadout *win, const IotField *f, const char *path, GError **error)
{
	const IotHistorySeries *s = series_of(win, f);
	GString *csv;
	gboolean ok;

	if (s == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
		                    _("There is no history of this field to save."));
		return FALSE;
	}
	csv = g_string_new(NULL);
	iot_csv_series(csv, s, G_MININT64, G_MAXINT64, IOT_CSV_NONE);
	ok = iot_csv_write_file(path, csv, error);
	g_string_free(csv, TRUE);
	return ok;
}

gboolean
iot_gtk_readout_export_history(IotGtkReadout *win, const char *path, GError **error)
{
	g_return_val_if_fail(win != NULL && path != NULL, FALSE);
	return export_series(win, iot_gtk_readout_selected_field(win), path, error);
}

void
iot_gtk_readout_copy(IotGtkReadout *win)
{
	GtkTreeSelection *sel;
	GString *csv;
	guint n;
	char *text;

	g_return_if_fail(win != NULL);
	sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	n = (guint)gtk_tree_selection_count_selected_rows(sel);
	if (n == 0)
		return;
	csv = iot_gtk_readout_table_csv(win, TRUE);
	gtk_clipboard_set_text(gtk_widget_get_clipboard(win->view, GDK_SELECTION_CLIPBOARD), csv->str,
	                       (gint)csv->len);
	g_string_free(csv, TRUE);
	text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Copied %u row as CSV.", "Copied %u rows as CSV.", n), n);
	iot_gtk_readout_set_status(win, text, FALSE);
	g_free(text);
}

/* ---- file chooser ------------------------------------------------------------------ */

/* A part of a file name from a name a device chose: no directory
 * separators, no control characters, no leading dot, not too long. */
char *
iot_gtk_readout_file_name_part(const char *name)
{
	char *s = iot_format_clean(name != NULL ? name : "", 60), *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == '/' || *p == '\\' || *p == ':')
			*p = '_';
	}
	for (p = s; *p == '.' || *p == ' '; p++)
		;
	memmove(s, p, strlen(p) + 1);
	return s;
}

static void
response_cb(GtkDialog *d, gint response, IotGtkReadout *win)
{
	const IotField *f = g_object_get_data(G_OBJECT(d), "iot-field");
	gboolean history = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(d), "iot-history"));
	GError *error = NULL;
	char *path = NULL, *base, *text;
	gboolean ok;

	if (response == GTK_RESPONSE_ACCEPT)
		path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(d));
	if (path == NULL) {
		gtk_widget_destroy(GTK_WIDGET(d));
		return;
	}
	gtk_widget_hide(GTK_WIDGET(d));
	/* Before the chooser goes: @f belongs to it. */
	ok = history ? export_series(win, f, path, &error)
	             : iot_gtk_readout_export_csv(win, path, &error);
	gtk_widget_destroy(GTK_WIDGET(d));
	if (ok) {
		base = g_filename_display_basename(path);
		/* TRANSLATORS: status line after exporting, "Saved thermostat.csv". */
		text = g_strdup_printf(_("Saved %s"), base);
		iot_gtk_readout_set_status(win, text, FALSE);
		g_free(text);
		g_free(base);
	} else {
		iot_gtk_readout_set_status(win, error->message, TRUE);
		g_error_free(error);
	}
	g_free(path);
}

static void
chooser_destroy_cb(GtkWidget *w, IotGtkReadout *win)
{
	if (win->chooser == w)
		win->chooser = NULL;
}

static void export_chooser(IotGtkReadout *win, gboolean history);

/* ---- history from the store ------------------------------------------------------------ */

void
iot_gtk_readout_set_history_export(IotGtkReadout *win, const IotGtkHistorySource *src)
{
	g_return_if_fail(win != NULL);
	g_free((char *)win->export_src.account);
	g_free((char *)win->export_src.thing);
	memset(&win->export_src, 0, sizeof win->export_src);
	win->has_export_src = src != NULL;
	if (src != NULL) {
		win->export_src = *src;
		win->export_src.account = g_strdup(src->account);
		win->export_src.thing = g_strdup(src->thing);
	}
	iot_gtk_readout_update_plot(win);
}

IotGtkHistoryExport *
iot_gtk_readout_get_export_dialog(IotGtkReadout *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->export_dialog;
}

static void
export_dialog_destroy_cb(GtkWidget *w, IotGtkReadout *win)
{
	win->export_dialog = NULL;
}

static void
add_field(GPtrArray *out, const IotField *f)
{
	IotGtkHistoryField *x = g_new0(IotGtkHistoryField, 1);

	iot_node_ref_copy(&x->node, &f->node);
	x->name = g_strdup(f->name);
	g_ptr_array_add(out, x);
}

/* The export dialog over the store, with the fields shown and selected
 * and the plot's range. */
static void
open_history_export(IotGtkReadout *win)
{
	GPtrArray *shown = g_ptr_array_new(), *selected = g_ptr_array_new();
	GPtrArray *a = g_ptr_array_new_with_free_func(iot_gtk_history_field_free);
	GPtrArray *b = g_ptr_array_new_with_free_func(iot_gtk_history_field_free);
	gint64 from, to;
	IotGtkPlotRange range = iot_gtk_plot_get_range(win->plot, &from, &to);
	guint i;

	if (win->export_dialog != NULL) {
		gtk_window_present(GTK_WINDOW(iot_gtk_history_export_get_dialog(win->export_dialog)));
		return;
	}
	shown_fields(win, FALSE, shown);
	shown_fields(win, TRUE, selected);
	for (i = 0; i < shown->len; i++)
		add_field(a, g_ptr_array_index(shown, i));
	for (i = 0; i < selected->len; i++)
		add_field(b, g_ptr_array_index(selected, i));
	if (iot_gtk_plot_get_live(win->plot))
		to = IOT_GTK_PLOT_OPEN_END;
	win->export_dialog = iot_gtk_history_export_new(GTK_WINDOW(win->window), win->title,
	                                                &win->export_src, a, b, range, from, to);
	g_signal_connect(iot_gtk_history_export_get_dialog(win->export_dialog), "destroy",
	                 G_CALLBACK(export_dialog_destroy_cb), win);
	g_ptr_array_free(shown, TRUE);
	g_ptr_array_free(selected, TRUE);
	g_ptr_array_unref(a);
	g_ptr_array_unref(b);
}

void
iot_gtk_readout_export_free(IotGtkReadout *win)
{
	if (win->export_dialog != NULL) {
		GtkWidget *d = iot_gtk_history_export_get_dialog(win->export_dialog);

		g_signal_handlers_disconnect_matched(d, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
		win->export_dialog = NULL;
		gtk_widget_destroy(d);
	}
	g_free((char *)win->export_src.account);
	g_free((char *)win->export_src.thing);
	memset(&win->export_src, 0, sizeof win->export_src);
}

void
iot_gtk_readout_export_dialog(IotGtkReadout *win, gboolean history)
{
	if (history && win->has_export_src) {
		open_history_export(win);
		return;
	}
	export_chooser(win, history);
}

static void
export_chooser(IotGtkReadout *win, gboolean history)
{
	const IotField *f = history ? iot_gtk_readout_selected_field(win) : NULL;
	GtkWidget *d;
	char *name, *thing, *field;

	if (win->chooser != NULL)
		gtk_widget_destroy(win->chooser);
	if (history && series_of(win, f) == NULL)
		return;
	d = gtk_file_chooser_dialog_new(history ? _("Export history") : _("Export sensor data"),
	                                GTK_WINDOW(win->window), GTK_FILE_CHOOSER_ACTION_SAVE,
	                                GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, GTK_STOCK_SAVE,
	                                GTK_RESPONSE_ACCEPT, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
	gtk_file_chooser_set_do_overwrite_confirmation(GTK_FILE_CHOOSER(d), TRUE);
	gtk_window_set_destroy_with_parent(GTK_WINDOW(d), TRUE);
	thing = iot_gtk_readout_file_name_part(win->title);
	field = iot_gtk_readout_file_name_part(f != NULL ? f->name : NULL);
	/* TRANSLATORS: suggested file names: "thermostat temperature history.csv"
	 * (the thing, its field), "thermostat sensor data.csv". */
	name = history ? g_strdup_printf(_("%s %s history.csv"), thing, field)
	               : g_strdup_printf(_("%s sensor data.csv"), thing);
	gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(d), g_strstrip(name));
	g_free(name);
	g_free(thing);
	g_free(field);
	if (f != NULL)
		g_object_set_data_full(G_OBJECT(d), "iot-field", iot_field_copy(f),
		                       (GDestroyNotify)iot_field_free);
	g_object_set_data(G_OBJECT(d), "iot-history", GINT_TO_POINTER(history));
	win->chooser = d;
	/* Not through iot_gtk_readout_connect(): the chooser is destroyed
	 * before the window's state is freed, and may be gone before that. */
	g_signal_connect(d, "response", G_CALLBACK(response_cb), win);
	g_signal_connect(d, "destroy", G_CALLBACK(chooser_destroy_cb), win);
	gtk_widget_show(d);
}
