/*
 * iot-gtk-readout-export-dialog.c — the "Export history" dialog: range,
 * detail, fields, then the file; progress and Stop while it runs. See
 * iot-gtk-readout-export.h.
 */
#include "iot-gtk-readout-export.h"
#include "iot-gtk-readout-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define RESPONSE_EXPORT 1
#define RESPONSE_STOP 2
#define DAY_US (G_GINT64_CONSTANT(86400) * G_USEC_PER_SEC)

enum { FIELDS_ALL, FIELDS_SHOWN, FIELDS_SELECTED, N_FIELD_CHOICES };

struct _IotGtkHistoryExport {
	IotGtkHistorySource src;
	char *account, *thing, *title;
	GPtrArray *fields[N_FIELD_CHOICES]; /* (element-type IotGtkHistoryField) [0] unused */
	GtkWidget *dialog, *range_combo, *range_custom, *from, *to, *every, *hours;
	GtkWidget *field_radio[N_FIELD_CHOICES];
	GtkWidget *options, *progress, *status_icon, *status, *export_button, *stop_button;
	GtkWidget *chooser;
	char *folder;        /* where the last file went */
	char *path;          /* the file of the export under way or last */
	guint64 rows;        /* written by it */
	IotGtkHistoryExportJob *job;
	guint finished;
};

void
iot_gtk_history_field_free(gpointer p)
{
	IotGtkHistoryField *f = p;

	iot_node_ref_clear(&f->node);
	g_free(f->name);
	g_free(f);
}

static GPtrArray *
fields_copy(const GPtrArray *in)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(iot_gtk_history_field_free);
	guint i;

	for (i = 0; in != NULL && i < in->len; i++) {
		const IotGtkHistoryField *f = g_ptr_array_index(in, i);
		IotGtkHistoryField *c = g_new0(IotGtkHistoryField, 1);

		iot_node_ref_copy(&c->node, &f->node);
		c->name = g_strdup(f->name);
		g_ptr_array_add(out, c);
	}
	return out;
}

/* ---- the status line ---------------------------------------------------------------- */

static void
say(IotGtkHistoryExport *x, const char *text, gboolean error)
{
	gtk_label_set_text(GTK_LABEL(x->status), text != NULL ? text : "");
	gtk_widget_set_visible(x->status_icon, error);
}

/* Running: the choices and Export insensitive, Stop and the progress shown. */
static void
set_running(IotGtkHistoryExport *x, gboolean running)
{
	gtk_widget_set_sensitive(x->options, !running);
	gtk_widget_set_sensitive(x->export_button, !running);
	gtk_widget_set_visible(x->stop_button, running);
	gtk_widget_set_visible(x->progress, running);
}

/* ---- the choices --------------------------------------------------------------------- */

static IotStoreExportMode
mode_of(IotGtkHistoryExport *x)
{
	return gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(x->hours)) ? IOT_STORE_EXPORT_HOURS
	                                                                 : IOT_STORE_EXPORT_DETAIL;
}

/* The range chosen; FALSE (said) when from/to are wrong. */
static gboolean
range_of(IotGtkHistoryExport *x, gint64 *from, gint64 *to)
{
	static const gint64 spans[] = { 0, DAY_US / 24, DAY_US, 7 * DAY_US, 30 * DAY_US,
		                        365 * DAY_US };
	gint r = gtk_combo_box_get_active(GTK_COMBO_BOX(x->range_combo));
	gint64 now = g_get_real_time();
	const char *a, *b;

	if (r <= IOT_GTK_PLOT_RANGE_ALL || r > IOT_GTK_PLOT_RANGE_CUSTOM) {
		*from = IOT_GTK_PLOT_OPEN_START;
		*to = IOT_GTK_PLOT_OPEN_END;
		return TRUE;
	}
	if (r < IOT_GTK_PLOT_RANGE_CUSTOM) {
		*from = now - spans[r];
		*to = now;
		return TRUE;
	}
	a = gtk_entry_get_text(GTK_ENTRY(x->from));
	b = gtk_entry_get_text(GTK_ENTRY(x->to));
	*to = now;
	if (!iot_gtk_readout_parse_time(a, from) ||
	    (strspn(b, " ") != strlen(b) && !iot_gtk_readout_parse_time(b, to))) {
		/* TRANSLATORS: keep the example date as it is, it shows the format. */
		say(x, _("Enter times as 2024-01-10 08:15."), TRUE);
		return FALSE;
	}
	if (*from >= *to) {
		say(x, _("The start of the range must be before its end."), TRUE);
		return FALSE;
	}
	return TRUE;
}

static gboolean
node_eq(const IotNodeRef *a, const IotNodeRef *b)
{
	return g_strcmp0(a->node_id != NULL ? a->node_id : "", b->node_id != NULL ? b->node_id : "") == 0 &&
	       g_strcmp0(a->source_id != NULL ? a->source_id : "",
	                 b->source_id != NULL ? b->source_id : "") == 0 &&
	       g_strcmp0(a->partition != NULL ? a->partition : "",
	                 b->partition != NULL ? b->partition : "") == 0;
}

static gboolean
chosen(const GPtrArray *fields, const IotStoreSeries *s)
{
	guint i;

	if (fields == NULL)
		return TRUE;
	for (i = 0; i < fields->len; i++) {
		const IotGtkHistoryField *f = g_ptr_array_index(fields, i);

		if (g_strcmp0(f->name, s->name) == 0 && node_eq(&f->node, &s->node))
			return TRUE;
	}
	return FALSE;
}

/* Returns: (transfer full) (element-type IotStoreSeries): the series of
 * the fields chosen (for hours: the numbers); NULL with @error. */
static GPtrArray *
series_chosen(IotGtkHistoryExport *x, GError **error)
{
	IotStoreHistory *h = x->src.store != NULL ? x->src.store(x->src.data) : NULL;
	GPtrArray *all, *out;
	const GPtrArray *fields = NULL;
	guint i, which;

	if (h == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED,
		                    _("The history store is not open: nothing can be exported."));
		return NULL;
	}
	if ((all = iot_store_history_list_series(h, x->account, x->thing, error)) == NULL)
		return NULL;
	for (which = 0; which < N_FIELD_CHOICES; which++)
		if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(x->field_radio[which])))
			break;
	if (which != FIELDS_ALL && which < N_FIELD_CHOICES)
		fields = x->fields[which];
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_store_series_free);
	for (i = 0; i < all->len; i++) {
		IotStoreSeries *s = g_ptr_array_index(all, i);

		if (!chosen(fields, s) ||
		    (mode_of(x) == IOT_STORE_EXPORT_HOURS && s->kind != IOT_STORE_SERIES_NUMBERS))
			continue;
		g_ptr_array_add(out, s);
		all->pdata[i] = NULL;
	}
	g_ptr_array_set_free_func(all, (GDestroyNotify)iot_store_series_free);
	g_ptr_array_unref(all);
	return out;
}

/* ---- the export ------------------------------------------------------------------------ */

static void
progress_cb(IotGtkHistoryExportJob *job, double fraction, guint64 rows, gpointer data)
{
	IotGtkHistoryExport *x = data;
	char *text;

	x->rows = rows;
	text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%lu row written", "%lu rows written",
	                                   (gulong)rows),
	                       (gulong)rows);
	gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(x->progress), fraction);
	gtk_progress_bar_set_text(GTK_PROGRESS_BAR(x->progress), text);
	g_free(text);
}

static void
done_cb(IotGtkHistoryExportJob *job, const GError *error, gpointer data)
{
	IotGtkHistoryExport *x = data;
	char *text, *base;

	x->job = NULL;
	x->finished++;
	set_running(x, FALSE);
	if (error != NULL) {
		say(x, error->message, TRUE);
		return;
	}
	base = g_filename_display_basename(x->path);
	/* TRANSLATORS: "Saved 86400 rows to Thermostat history.csv." */
	text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Saved %lu row to %s.",
	                                   "Saved %lu rows to %s.", (gulong)x->rows),
	                       (gulong)x->rows, base);
	say(x, text, FALSE);
	g_free(text);
	g_free(base);
}

gboolean
iot_gtk_history_export_start(IotGtkHistoryExport *x, const char *path)
{
	GError *error = NULL;
	GPtrArray *series;
	gint64 from, to;

	g_return_val_if_fail(x != NULL && path != NULL && x->job == NULL, FALSE);
	if (!range_of(x, &from, &to))
		return FALSE;
	if ((series = series_chosen(x, &error)) == NULL) {
		say(x, error->message, TRUE);
		g_error_free(error);
		return FALSE;
	}
	if (series->len == 0) {
		say(x, mode_of(x) == IOT_STORE_EXPORT_HOURS
		           ? _("None of these fields has hourly statistics: only numbers have them.")
		           : _("Nothing is kept of these fields."),
		    TRUE);
		g_ptr_array_unref(series);
		return FALSE;
	}
	x->job = iot_gtk_history_export_job_start(&x->src, series, mode_of(x), from, to, path,
	                                          progress_cb, done_cb, x, &error);
	g_ptr_array_unref(series);
	if (x->job == NULL) {
		say(x, error->message, TRUE);
		g_error_free(error);
		return FALSE;
	}
	g_free(x->folder);
	x->folder = g_path_get_dirname(path);
	g_free(x->path);
	x->path = g_strdup(path);
	gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(x->progress), 0);
	progress_cb(x->job, 0, 0, x);
	say(x, _("Exporting…"), FALSE);
	set_running(x, TRUE);
	return TRUE;
}

/* ---- the file --------------------------------------------------------------------------- */

char *
iot_gtk_history_export_default_name(const char *title, IotStoreExportMode mode, gint64 from_us,
                                    gint64 to_us)
{
	char *thing = iot_gtk_readout_file_name_part(title), *name, *a, *b;
	gboolean hours = mode == IOT_STORE_EXPORT_HOURS;

	if (from_us == IOT_GTK_PLOT_OPEN_START || to_us == IOT_GTK_PLOT_OPEN_END) {
		/* TRANSLATORS: suggested file names: "Thermostat history.csv",
		 * "Thermostat hourly statistics.csv". */
		name = hours ? g_strdup_printf(_("%s hourly statistics.csv"), thing)
		             : g_strdup_printf(_("%s history.csv"), thing);
	} else {
		GDateTime *x = g_date_time_new_from_unix_local(from_us / G_USEC_PER_SEC);
		GDateTime *y = g_date_time_new_from_unix_local(to_us / G_USEC_PER_SEC);

		a = g_date_time_format(x, "%Y-%m-%d");
		b = g_date_time_format(y, "%Y-%m-%d");
		if (strcmp(a, b) != 0) {
			char *both = g_strdup_printf("%s – %s", a, b);

			g_free(a);
			a = both;
		}
		/* TRANSLATORS: suggested file names with the dates of the range:
		 * "Thermostat history 2024-01-09 – 2024-01-10.csv". */
		name = hours ? g_strdup_printf(_("%s hourly statistics %s.csv"), thing, a)
		             : g_strdup_printf(_("%s history %s.csv"), thing, a);
		g_free(a);
		g_free(b);
		g_date_time_unref(x);
		g_date_time_unref(y);
	}
	g_free(thing);
	return g_strstrip(name);
}

static void
chooser_response_cb(GtkDialog *d, gint response, IotGtkHistoryExport *x)
{
	char *path = response == GTK_RESPONSE_ACCEPT
	                 ? gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(d))
	                 : NULL;

	x->chooser = NULL;
	gtk_widget_destroy(GTK_WIDGET(d));
	if (path != NULL)
		iot_gtk_history_export_start(x, path);
	g_free(path);
}

static void
choose_file(IotGtkHistoryExport *x)
{
	gint64 from, to;
	char *name;
	GtkWidget *d;

	if (!range_of(x, &from, &to))
		return;
	say(x, NULL, FALSE);
	d = gtk_file_chooser_dialog_new(_("Export history"), GTK_WINDOW(x->dialog),
	                                GTK_FILE_CHOOSER_ACTION_SAVE, GTK_STOCK_CANCEL,
	                                GTK_RESPONSE_CANCEL, GTK_STOCK_SAVE, GTK_RESPONSE_ACCEPT, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
	gtk_file_chooser_set_do_overwrite_confirmation(GTK_FILE_CHOOSER(d), TRUE);
	gtk_window_set_destroy_with_parent(GTK_WINDOW(d), TRUE);
	gtk_window_set_modal(GTK_WINDOW(d), TRUE);
	gtk_file_chooser_set_current_folder(GTK_FILE_CHOOSER(d),
	                                    x->folder != NULL ? x->folder : g_get_home_dir());
	name = iot_gtk_history_export_default_name(x->title, mode_of(x), from, to);
	gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(d), name);
	g_free(name);
	x->chooser = d;
	g_signal_connect(d, "response", G_CALLBACK(chooser_response_cb), x);
	gtk_widget_show(d);
}

/* ---- the dialog -------------------------------------------------------------------------- */

static void
response_cb(GtkDialog *d, gint response, IotGtkHistoryExport *x)
{
	switch (response) {
	case RESPONSE_EXPORT:
		choose_file(x);
		break;
	case RESPONSE_STOP:
		if (x->job != NULL) {
			iot_gtk_history_export_job_cancel(x->job);
			x->job = NULL;
			set_running(x, FALSE);
			say(x, _("Stopped: nothing was saved."), FALSE);
		}
		break;
	default:
		gtk_widget_destroy(x->dialog);
	}
}

static void
destroy_cb(GtkWidget *w, IotGtkHistoryExport *x)
{
	guint i;

	if (x->job != NULL)
		iot_gtk_history_export_job_cancel(x->job);
	if (x->chooser != NULL) {
		g_signal_handlers_disconnect_matched(x->chooser, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, x);
		gtk_widget_destroy(x->chooser);
	}
	for (i = 0; i < N_FIELD_CHOICES; i++)
		if (x->fields[i] != NULL)
			g_ptr_array_unref(x->fields[i]);
	g_free(x->folder);
	g_free(x->path);
	g_free(x->account);
	g_free(x->thing);
	g_free(x->title);
	g_free(x);
}

static void
range_changed_cb(GtkComboBox *c, IotGtkHistoryExport *x)
{
	gboolean custom = gtk_combo_box_get_active(c) == IOT_GTK_PLOT_RANGE_CUSTOM;

	gtk_widget_set_sensitive(x->range_custom, custom);
}

/* A caption of the dialog's rows and fields, aligned left. */
static GtkWidget *
caption(const char *mnemonic, GtkWidget *target)
{
	GtkWidget *l = iot_gtk_readout_labelled(mnemonic, target);

	gtk_misc_set_alignment(GTK_MISC(l), 0.0f, 0.5f);
	return l;
}

static GtkWidget *
range_row(IotGtkHistoryExport *x, IotGtkPlotRange range, gint64 from, gint64 to)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6);
	char *text;

	x->range_combo = iot_gtk_readout_range_combo_new();
	x->from = gtk_entry_new();
	x->to = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(x->from), 16);
	gtk_entry_set_width_chars(GTK_ENTRY(x->to), 16);
	gtk_widget_set_tooltip_text(x->from, _("Local time, e.g. 2024-01-10 08:15"));
	gtk_widget_set_tooltip_text(x->to, _("Local time; empty for now"));
	if (from != IOT_TIME_UNKNOWN && from != IOT_GTK_PLOT_OPEN_START) {
		text = iot_gtk_readout_time_text(from);
		gtk_entry_set_text(GTK_ENTRY(x->from), text);
		g_free(text);
	}
	if (to != IOT_TIME_UNKNOWN && to != IOT_GTK_PLOT_OPEN_END) {
		text = iot_gtk_readout_time_text(to);
		gtk_entry_set_text(GTK_ENTRY(x->to), text);
		g_free(text);
	}
	/* From/to: only for a custom range. */
	x->range_custom = gtk_hbox_new(FALSE, 6);
	/* TRANSLATORS: the time range of the export: "from … to …". */
	gtk_box_pack_start(GTK_BOX(x->range_custom), caption(_("fr_om"), x->from), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(x->range_custom), x->from, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(x->range_custom), caption(_("_to"), x->to), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(x->range_custom), x->to, FALSE, FALSE, 0);
	g_signal_connect(x->range_combo, "changed", G_CALLBACK(range_changed_cb), x);
	gtk_combo_box_set_active(GTK_COMBO_BOX(x->range_combo), (gint)range);
	range_changed_cb(GTK_COMBO_BOX(x->range_combo), x);
	gtk_box_pack_start(GTK_BOX(box), x->range_combo, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), x->range_custom, FALSE, FALSE, 0);
	return box;
}

static GtkWidget *
detail_box(IotGtkHistoryExport *x)
{
	GtkWidget *box = gtk_vbox_new(FALSE, 2);

	x->every = gtk_radio_button_new_with_mnemonic(NULL, _("_Every value kept"));
	x->hours = gtk_radio_button_new_with_mnemonic_from_widget(
	    GTK_RADIO_BUTTON(x->every), _("_Hourly statistics: min, mean and max of each hour"));
	gtk_widget_set_tooltip_text(x->every, _("One row per value, with its time and quality"));
	gtk_widget_set_tooltip_text(x->hours,
	                            _("One row per hour, kept also after the values themselves "
	                              "are deleted; only numbers have them"));
	gtk_box_pack_start(GTK_BOX(box), x->every, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), x->hours, FALSE, FALSE, 0);
	return box;
}

static GtkWidget *
fields_box(IotGtkHistoryExport *x)
{
	GtkWidget *box = gtk_vbox_new(FALSE, 2);
	guint n_shown = x->fields[FIELDS_SHOWN]->len, n_sel = x->fields[FIELDS_SELECTED]->len;
	char *text;

	x->field_radio[FIELDS_ALL] = gtk_radio_button_new_with_mnemonic(NULL, _("_All fields kept"));
	text = n_shown == 0 ? g_strdup(_("The fields _shown in the table"))
	                    : g_strdup_printf(g_dngettext(GETTEXT_PACKAGE,
	                                                  "The %u field _shown in the table",
	                                                  "The %u fields _shown in the table", n_shown),
	                                      n_shown);
	x->field_radio[FIELDS_SHOWN] = gtk_radio_button_new_with_mnemonic_from_widget(
	    GTK_RADIO_BUTTON(x->field_radio[FIELDS_ALL]), text);
	g_free(text);
	if (n_sel == 1) {
		const IotGtkHistoryField *f = g_ptr_array_index(x->fields[FIELDS_SELECTED], 0);
		char *name = iot_format_clean(f->name, 40);

		/* A device's name: plain text, no mnemonic of its own. */
		x->field_radio[FIELDS_SELECTED] = gtk_radio_button_new_from_widget(
		    GTK_RADIO_BUTTON(x->field_radio[FIELDS_ALL]));
		/* TRANSLATORS: %s is the field's name: "The selected field: Temperature". */
		text = g_strdup_printf(_("The selected field: %s"), name);
		gtk_container_add(GTK_CONTAINER(x->field_radio[FIELDS_SELECTED]), gtk_label_new(text));
		g_free(text);
		g_free(name);
	} else {
		text = n_sel == 0 ? g_strdup(_("The selected fields"))
		                  : g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "The %u selected field",
		                                                "The %u selected fields", n_sel),
		                                    n_sel);
		x->field_radio[FIELDS_SELECTED] = gtk_radio_button_new_with_label_from_widget(
		    GTK_RADIO_BUTTON(x->field_radio[FIELDS_ALL]), text);
		g_free(text);
	}
	gtk_widget_set_sensitive(x->field_radio[FIELDS_SHOWN], n_shown > 0);
	gtk_widget_set_sensitive(x->field_radio[FIELDS_SELECTED], n_sel > 0);
	gtk_box_pack_start(GTK_BOX(box), x->field_radio[FIELDS_ALL], FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), x->field_radio[FIELDS_SHOWN], FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), x->field_radio[FIELDS_SELECTED], FALSE, FALSE, 0);
	return box;
}

static void
attach(GtkWidget *table, guint row, GtkWidget *label, GtkWidget *w)
{
	gtk_misc_set_alignment(GTK_MISC(label), 0.0f, 0.0f);
	gtk_table_attach(GTK_TABLE(table), label, 0, 1, row, row + 1, GTK_FILL, GTK_FILL, 0, 0);
	gtk_table_attach(GTK_TABLE(table), w, 1, 2, row, row + 1, GTK_FILL | GTK_EXPAND, GTK_FILL, 0,
	                 0);
}

IotGtkHistoryExport *
iot_gtk_history_export_new(GtkWindow *parent, const char *title, const IotGtkHistorySource *src,
                           const GPtrArray *shown, const GPtrArray *selected, IotGtkPlotRange range,
                           gint64 from_us, gint64 to_us)
{
	IotGtkHistoryExport *x = g_new0(IotGtkHistoryExport, 1);
	GtkWidget *vbox, *table, *heading, *status_row, *row;
	char *text, *markup;

	g_return_val_if_fail(src != NULL, NULL);
	x->src = *src;
	x->account = g_strdup(src->account);
	x->thing = g_strdup(src->thing);
	x->title = iot_format_clean(title != NULL ? title : src->thing, 80);
	x->fields[FIELDS_SHOWN] = fields_copy(shown);
	x->fields[FIELDS_SELECTED] = fields_copy(selected);

	x->dialog = gtk_dialog_new();
	gtk_window_set_title(GTK_WINDOW(x->dialog), _("Export history"));
	gtk_window_set_role(GTK_WINDOW(x->dialog), "iot-export-history");
	if (parent != NULL) {
		gtk_window_set_transient_for(GTK_WINDOW(x->dialog), parent);
		gtk_window_set_destroy_with_parent(GTK_WINDOW(x->dialog), TRUE);
	}
	gtk_dialog_set_has_separator(GTK_DIALOG(x->dialog), FALSE);
	gtk_container_set_border_width(GTK_CONTAINER(x->dialog), 6);
	x->stop_button = gtk_dialog_add_button(GTK_DIALOG(x->dialog), GTK_STOCK_STOP, RESPONSE_STOP);
	gtk_dialog_add_button(GTK_DIALOG(x->dialog), GTK_STOCK_CLOSE, GTK_RESPONSE_CLOSE);
	x->export_button = gtk_dialog_add_button(GTK_DIALOG(x->dialog), _("E_xport…"),
	                                         RESPONSE_EXPORT);
	gtk_widget_set_tooltip_text(x->export_button, _("Choose the file and export"));
	gtk_widget_set_tooltip_text(x->stop_button, _("Stop the export; nothing is saved"));
	gtk_dialog_set_default_response(GTK_DIALOG(x->dialog), RESPONSE_EXPORT);

	vbox = gtk_vbox_new(FALSE, 12);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 6);
	gtk_box_pack_start(GTK_BOX(GTK_DIALOG(x->dialog)->vbox), vbox, TRUE, TRUE, 0);
	/* TRANSLATORS: %s is the thing's name. */
	text = g_strdup_printf(_("Export the history of %s"), x->title);
	markup = g_markup_printf_escaped("<b>%s</b>", text);
	heading = gtk_label_new(NULL);
	gtk_label_set_markup(GTK_LABEL(heading), markup);
	gtk_misc_set_alignment(GTK_MISC(heading), 0.0f, 0.5f);
	gtk_box_pack_start(GTK_BOX(vbox), heading, FALSE, FALSE, 0);
	g_free(markup);
	g_free(text);

	x->options = table = gtk_table_new(3, 2, FALSE);
	gtk_table_set_row_spacings(GTK_TABLE(table), 12);
	gtk_table_set_col_spacings(GTK_TABLE(table), 12);
	row = range_row(x, range, from_us, to_us);
	attach(table, 0, caption(_("_Range:"), x->range_combo), row);
	attach(table, 1, caption(_("Detail:"), NULL), detail_box(x));
	attach(table, 2, caption(_("Fields:"), NULL), fields_box(x));
	gtk_box_pack_start(GTK_BOX(vbox), table, FALSE, FALSE, 0);

	x->progress = gtk_progress_bar_new();
	gtk_widget_set_no_show_all(x->progress, TRUE);
	gtk_box_pack_start(GTK_BOX(vbox), x->progress, FALSE, FALSE, 0);
	status_row = gtk_hbox_new(FALSE, 6);
	x->status_icon = gtk_image_new_from_stock(GTK_STOCK_DIALOG_WARNING, GTK_ICON_SIZE_MENU);
	gtk_widget_set_no_show_all(x->status_icon, TRUE);
	x->status = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(x->status), 0.0f, 0.5f);
	gtk_label_set_line_wrap(GTK_LABEL(x->status), TRUE);
	gtk_label_set_selectable(GTK_LABEL(x->status), TRUE);
	gtk_widget_set_can_focus(x->status, FALSE);
	gtk_box_pack_start(GTK_BOX(status_row), x->status_icon, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(status_row), x->status, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), status_row, FALSE, FALSE, 0);

	g_signal_connect(x->dialog, "response", G_CALLBACK(response_cb), x);
	g_signal_connect(x->dialog, "destroy", G_CALLBACK(destroy_cb), x);
	gtk_widget_show_all(x->dialog);
	gtk_widget_hide(x->stop_button);
	return x;
}

/* ---- for tests ------------------------------------------------------------------------------ */

GtkWidget *
iot_gtk_history_export_get_dialog(IotGtkHistoryExport *x)
{
	return x->dialog;
}

GtkComboBox *
iot_gtk_history_export_get_range_combo(IotGtkHistoryExport *x)
{
	return GTK_COMBO_BOX(x->range_combo);
}

GtkEntry *
iot_gtk_history_export_get_range_entry(IotGtkHistoryExport *x, gboolean to)
{
	return GTK_ENTRY(to ? x->to : x->from);
}

GtkToggleButton *
iot_gtk_history_export_get_hours_toggle(IotGtkHistoryExport *x)
{
	return GTK_TOGGLE_BUTTON(x->hours);
}

GtkToggleButton *
iot_gtk_history_export_get_fields_toggle(IotGtkHistoryExport *x, guint which)
{
	g_return_val_if_fail(which < N_FIELD_CHOICES, NULL);
	return GTK_TOGGLE_BUTTON(x->field_radio[which]);
}

GtkProgressBar *
iot_gtk_history_export_get_progress(IotGtkHistoryExport *x)
{
	return GTK_PROGRESS_BAR(x->progress);
}

const char *
iot_gtk_history_export_get_status(IotGtkHistoryExport *x)
{
	return gtk_label_get_text(GTK_LABEL(x->status));
}

GtkWidget *
iot_gtk_history_export_get_chooser(IotGtkHistoryExport *x)
{
	return x->chooser;
}

IotGtkHistoryExportJob *
iot_gtk_history_export_get_job(IotGtkHistoryExport *x)
{
	return x->job;
}

guint
iot_gtk_history_export_get_finished(IotGtkHistoryExport *x)
{
	return x->finished;
}
