/*
 * iot-gtk-readout-export.h — "Export history…" of the readout window: what
 * the store keeps of a thing, as CSV, for any range, at full detail or as
 * hourly statistics, of every field or of some.
 *
 * The dialog asks for the range (the plot's choices: everything kept, the
 * last hour … year, or from/to), the detail (every value kept, or min,
 * mean and max of each hour), the fields (all, those the table shows, the
 * selected one) and then, in a file chooser, the file. The export then runs
 * in steps on the main loop, each bounded by its measured time (the rows a
 * step reads adapt so that a step takes about IOT_GTK_HISTORY_EXPORT_STEP_US),
 * never by how much is kept; a progress bar shows how far it got and Stop
 * ends it. The steps make the text; a thread writes it (a slow disk never
 * holds the main loop up; the steps wait while the writer is behind), under
 * a temporary name in the chosen folder, and renames it at the end after
 * fsync: a stopped or failed export leaves nothing behind, and says why in
 * words.
 *
 * The table (RFC 4180, formula injection neutralised: iot-csv.h):
 *   every value   node,field,timestamp,value,unit,quality
 *   hourly        node,field,hour,min,max,mean,count,unit
 * one series after another (a field whose unit changed is two series);
 * fields that are not numbers have no hourly statistics and are left out
 * of an hourly export.
 *
 * Plain GTK 2 and the core's store API: no Pidgin or libpurple, so that it
 * is built and tested against a store of fixtures.
 */
#ifndef IOT_GTK_READOUT_EXPORT_H
#define IOT_GTK_READOUT_EXPORT_H

#include <gtk/gtk.h>

#include "iot-gtk-plot.h"
#include "iot-model.h"
#include "iot-store-history.h"

G_BEGIN_DECLS

/* What a step aims to take on the main loop, and its bounds in rows. */
#define IOT_GTK_HISTORY_EXPORT_STEP_US 4000
#define IOT_GTK_HISTORY_EXPORT_MIN_ROWS 16
#define IOT_GTK_HISTORY_EXPORT_MAX_ROWS 20000
/* The steps wait while this many bytes wait for the writer (a slow disk). */
#define IOT_GTK_HISTORY_EXPORT_QUEUED_BYTES (8 * 1024 * 1024)

/* Where the history is: a function giving the store now (asked again at
 * every step: NULL or another store means it was closed meanwhile, which
 * ends the export with a message), and whose history (@account, @thing:
 * JIDs). Copied by whoever takes it; @data must outlive them. */
typedef struct {
	IotStoreHistory *(*store)(gpointer data);
	gpointer data;
	const char *account;
	const char *thing;
} IotGtkHistorySource;

/* ---- the export itself (GLib only) ------------------------------------------------- */

typedef struct _IotGtkHistoryExportJob IotGtkHistoryExportJob;

/* How far it got: @fraction 0 … 1 and the rows written. */
typedef void (*IotGtkHistoryExportProgress)(IotGtkHistoryExportJob *job, double fraction,
                                            guint64 rows, gpointer data);
/* The end: @error NULL when @path was written. Runs once, from the main
 * loop, never after iot_gtk_history_export_job_cancel(); the job is freed
 * right after it. */
typedef void (*IotGtkHistoryExportDone)(IotGtkHistoryExportJob *job, const GError *error,
                                        gpointer data);

/* Starts writing the series @series (element-type IotStoreSeries; transfer
 * none: what is needed is copied) of @src between @from_us and @to_us (µs;
 * IOT_GTK_PLOT_OPEN_START / _END: from the first, up to the last value
 * kept) in @mode to @path. Returns: (transfer none) (nullable): the job,
 * which frees itself when done or cancelled; NULL with @error (translated)
 * when the file cannot be created. */
IotGtkHistoryExportJob *iot_gtk_history_export_job_start(const IotGtkHistorySource *src,
                                                         const GPtrArray *series,
                                                         IotStoreExportMode mode, gint64 from_us,
                                                         gint64 to_us, const char *path,
                                                         IotGtkHistoryExportProgress progress,
                                                         IotGtkHistoryExportDone done,
                                                         gpointer data, GError **error);

/* Stops @job: no callback runs any more, the temporary file is removed
 * (also when the last part is under way off the main loop), nothing is
 * left at the path chosen that was not there before. */
void iot_gtk_history_export_job_cancel(IotGtkHistoryExportJob *job);

/* The longest step on the main loop so far (µs, on the clock), the most
 * CPU time a step took (µs), and the steps taken. */
gint64 iot_gtk_history_export_job_worst_step(const IotGtkHistoryExportJob *job);
gint64 iot_gtk_history_export_job_worst_step_cpu(const IotGtkHistoryExportJob *job);
guint iot_gtk_history_export_job_steps(const IotGtkHistoryExportJob *job);

/* ---- the dialog ----------------------------------------------------------------------- */

typedef struct _IotGtkHistoryExport IotGtkHistoryExport;

/* A field named by the readout window: its node and name as sent. */
typedef struct {
	IotNodeRef node;
	char *name;
} IotGtkHistoryField;

/* Frees an IotGtkHistoryField (node and name owned). NULL-safe. */
void iot_gtk_history_field_free(gpointer field);

/* Returns: (transfer none): a new dialog, shown, transient for @parent
 * (nullable; destroyed with it), for the thing called @title (plain text)
 * whose history @src (copied) holds. @shown and @selected (element-type
 * IotGtkHistoryField, transfer none, nullable): the fields the table shows
 * and the selected ones; the choice of fields offers them when not empty.
 * @range, @from_us, @to_us: the range to start with (the plot's). The
 * dialog owns itself: it lives until closed or destroyed (which stops an
 * export under way). */
IotGtkHistoryExport *iot_gtk_history_export_new(GtkWindow *parent, const char *title,
                                                const IotGtkHistorySource *src,
                                                const GPtrArray *shown, const GPtrArray *selected,
                                                IotGtkPlotRange range, gint64 from_us,
                                                gint64 to_us);

/* Returns: (transfer full): the file name offered for @title's history of
 * [@from_us, @to_us] (open ends: everything) in @mode, cleaned of
 * separators: "Thermostat history 2024-01-09 – 2024-01-10.csv". g_free(). */
char *iot_gtk_history_export_default_name(const char *title, IotStoreExportMode mode,
                                          gint64 from_us, gint64 to_us);

/* ---- for tests: (transfer none) ---- */
GtkWidget *iot_gtk_history_export_get_dialog(IotGtkHistoryExport *x);
GtkComboBox *iot_gtk_history_export_get_range_combo(IotGtkHistoryExport *x);
GtkEntry *iot_gtk_history_export_get_range_entry(IotGtkHistoryExport *x, gboolean to);
/* The detail: FALSE every value, TRUE hourly statistics. */
GtkToggleButton *iot_gtk_history_export_get_hours_toggle(IotGtkHistoryExport *x);
/* The fields: 0 all, 1 shown, 2 selected. */
GtkToggleButton *iot_gtk_history_export_get_fields_toggle(IotGtkHistoryExport *x, guint which);
GtkProgressBar *iot_gtk_history_export_get_progress(IotGtkHistoryExport *x);
const char *iot_gtk_history_export_get_status(IotGtkHistoryExport *x);
/* (nullable) The open file chooser. */
GtkWidget *iot_gtk_history_export_get_chooser(IotGtkHistoryExport *x);
/* Exports to @path as the chooser's Save does; FALSE (said on the status
 * line) when the choices are wrong or the file cannot be created. */
gboolean iot_gtk_history_export_start(IotGtkHistoryExport *x, const char *path);
/* (nullable) The export under way. */
IotGtkHistoryExportJob *iot_gtk_history_export_get_job(IotGtkHistoryExport *x);
/* Exports finished (written or failed) since the dialog opened. */
guint iot_gtk_history_export_get_finished(IotGtkHistoryExport *x);

G_END_DECLS

#endif
