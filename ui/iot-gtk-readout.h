/*
 * iot-gtk-readout.h — the sensor-data window of one thing.
 *
 * A table of the thing's fields (node, field, value, unit, trend, time,
 * category, status), a filter, request buttons (now, all, historical
 * with a time range, refresh), automatic updates, the plot of the selected
 * field's history (iot-gtk-plot.h) with its range (everything, the last
 * hour … year, from/to, live), CSV export and copy, and "Forget history…"
 * with a confirmation that names the thing.
 *
 * Plain GTK 2: no Pidgin or libpurple API, so that the window can be built
 * and tested on its own. The owner (the adapter's glue) does the talking:
 * it hears what the person asks for through IotGtkReadoutCallbacks and hands
 * the window readouts, history and status sentences.
 *
 * Every string a device sent is shown as plain text (never markup, never a
 * mnemonic), so "<b>", "&amp;" and "_" appear as sent.
 */
#ifndef IOT_GTK_READOUT_H
#define IOT_GTK_READOUT_H

#include <gtk/gtk.h>

#include "iot-gtk-plot-source.h"
#include "iot-gtk-readout-export.h"
#include "iot-history.h"
#include "iot-model.h"

G_BEGIN_DECLS

typedef struct _IotGtkReadout IotGtkReadout;

/* What the person asked for. */
typedef enum {
	IOT_GTK_REQUEST_NOW, /* the thing as it is now: momentary and status values */
	IOT_GTK_REQUEST_ALL,
	IOT_GTK_REQUEST_HISTORICAL
} IotGtkRequestKind;

/* Columns of the model the table shows (iot_gtk_readout_get_model()). The
 * first seven are the visible, sortable columns; their values double as
 * sort column ids. */
typedef enum {
	IOT_GTK_READOUT_COL_NODE,       /* utf8: node label, "" for the thing itself */
	IOT_GTK_READOUT_COL_FIELD,      /* utf8: the localized name, else the name */
	IOT_GTK_READOUT_COL_VALUE,      /* utf8: iot_format_value() without the unit */
	IOT_GTK_READOUT_COL_UNIT,       /* utf8 */
	IOT_GTK_READOUT_COL_TIME,       /* utf8: local time, "" when unknown */
	IOT_GTK_READOUT_COL_CATEGORY,   /* utf8: iot_format_categories() */
	IOT_GTK_READOUT_COL_STATUS,     /* utf8: iot_format_qos(), "⚠ " before errors */
	IOT_GTK_READOUT_COL_NAME,       /* utf8: the field name as sent */
	IOT_GTK_READOUT_COL_NUMBER,     /* double: parsed number (valid if HAS_NUMBER) */
	IOT_GTK_READOUT_COL_HAS_NUMBER, /* gboolean: numeric/int/long with a finite number */
	IOT_GTK_READOUT_COL_TIMESTAMP,  /* gint64: µs since the epoch, IOT_TIME_UNKNOWN */
	IOT_GTK_READOUT_COL_SEVERITY,   /* gint: IotGtkSeverity */
	IOT_GTK_READOUT_COL_FOREGROUND, /* utf8 (nullable): text colour of the row */
	IOT_GTK_READOUT_COL_WEIGHT,     /* gint: PangoWeight */
	IOT_GTK_READOUT_COL_STYLE,      /* gint: PangoStyle */
	IOT_GTK_READOUT_COL_INDEX,      /* guint: the row's field (internal) */
	IOT_GTK_READOUT_COL_SEARCH,     /* utf8: casefolded text the filter looks in */
	IOT_GTK_READOUT_N_COLUMNS
} IotGtkReadoutColumn;

/* How bad a row's quality flags are; the status column sorts by it. */
typedef enum {
	IOT_GTK_SEVERITY_NORMAL,   /* plain readout, signed, invoiced … */
	IOT_GTK_SEVERITY_UNSURE,   /* missing, estimates, in progress: grey italic */
	IOT_GTK_SEVERITY_WARNING,  /* warning, time offset: dark orange */
	IOT_GTK_SEVERITY_ERROR     /* error, power failure: red, bold, "⚠" */
} IotGtkSeverity;

typedef struct {
	/* The person asked for a reading. @from_us and @to_us (µs since the
	 * epoch, UTC) are the range for IOT_GTK_REQUEST_HISTORICAL and
	 * IOT_TIME_UNKNOWN otherwise. Refresh (F5) repeats the last kind asked
	 * for (now at first). The window shows "Reading…" before the call;
	 * the owner ends that with set_readout(), set_status() or set_busy(FALSE). */
	void (*on_request)(IotGtkReadout *win, IotGtkRequestKind kind, gint64 from_us,
	                   gint64 to_us, gpointer user_data);
	/* "Update automatically" was switched, or its interval changed while on.
	 * The owner chooses how (event subscription or polling). */
	void (*on_auto_refresh)(IotGtkReadout *win, gboolean on, guint interval_s,
	                        gpointer user_data);
	/* The window is being destroyed, for any reason (closed by the person,
	 * iot_gtk_readout_destroy(), its parent going away). Called exactly once;
	 * @win is freed right after, so the owner forgets it and cancels what it
	 * has pending for it here. */
	void (*on_closed)(IotGtkReadout *win, gpointer user_data);
	/* (nullable) The field's name in the person's language. Returns:
	 * (transfer full) (nullable): g_free()d by the window; NULL keeps the
	 * name as sent. */
	char *(*localize_name)(IotGtkReadout *win, const IotField *field, gpointer user_data);
	/* (nullable) The person confirmed "Forget history…": the owner forgets
	 * everything kept of this thing, then says so (history_changed()). Called
	 * once per confirmation, never when the person cancels; the button is
	 * hidden while this is NULL. May destroy the window. */
	void (*on_forget_history)(IotGtkReadout *win, gpointer user_data);
} IotGtkReadoutCallbacks;

/* Returns: (transfer none): a new, not yet shown window titled
 * "Sensor data — @title" (@title: the thing's name, copied). @cbs is copied;
 * any callback may be NULL. The window owns itself: it lives until the
 * person closes it or iot_gtk_readout_destroy() is called, then calls
 * on_closed and frees itself. */
IotGtkReadout *iot_gtk_readout_new(const char *title, const IotGtkReadoutCallbacks *cbs,
                                   gpointer user_data);

/* For a window whose values arrive by themselves (published data): the
 * request row and automatic updates are hidden (F5 still calls
 * on_request, for the owner to ask again), @title (plain text, nullable)
 * becomes the window title, and @pane (transfer floating, nullable) goes
 * under the table and plot, sharing a pane with them. */
void iot_gtk_readout_set_passive(IotGtkReadout *win, const char *title, GtkWidget *pane);

/* Destroys the window (on_closed runs). @win is invalid afterwards. */
void iot_gtk_readout_destroy(IotGtkReadout *win);

/* Returns: (transfer none): the toplevel GtkWindow, e.g. to present it. */
GtkWidget *iot_gtk_readout_get_window(IotGtkReadout *win);

/* Replaces every row with the fields of @r (transfer none: copied;
 * nullable: no rows), keeps
 * the sort order, the filter and, where it still exists, the selection.
 * Pending updates are dropped. Ends the busy state: "Last updated …". */
void iot_gtk_readout_set_readout(IotGtkReadout *win, const IotReadout *r);

/* Updates rows in place from @r (transfer none: copied): a field replaces
 * the row of the same node and name, new ones are added. Coalesced: the
 * latest value of each row is kept and applied at most every 250 ms, so a
 * thing that sends 100 updates a second costs one table update per 250 ms
 * and the pending set never holds more than one entry per row. */
void iot_gtk_readout_update(IotGtkReadout *win, const IotReadout *r);

/* Shows @text (plain text, nullable = empty) on the status line, with an
 * error sign when @is_error, and ends the busy state. */
void iot_gtk_readout_set_status(IotGtkReadout *win, const char *text, gboolean is_error);

/* Busy: "Reading…", a spinner, request buttons insensitive. FALSE returns to
 * "Last updated …" (or nothing). */
void iot_gtk_readout_set_busy(IotGtkReadout *win, gboolean busy);

/* Says that the values are old: "Stale: no update for 5 min", counted from
 * the last readout or update the window was given. */
void iot_gtk_readout_mark_stale(IotGtkReadout *win);

/* The thing's history (transfer none, nullable): borrowed, never changed by
 * the window. It must stay valid until it is replaced, set to NULL or the
 * window is closed. Used for the trend column and the history export, and
 * for the plot unless a plot source is set. */
void iot_gtk_readout_set_history(IotGtkReadout *win, const IotHistory *history);

/* Where the plot's data comes from (transfer none: the window takes a
 * reference; nullable: back to the history of set_history()). A source
 * that answers IOT_GTK_PLOT_SOURCE_STATES also plots the fields that are
 * not numbers (booleans, enums, strings …) as timelines. */
void iot_gtk_readout_set_plot_source(IotGtkReadout *win, IotGtkPlotSource *source);

/* The history changed (new values, forgotten): the trends are redrawn and
 * the plot asks its source again, up to now when live (on the next expose,
 * so calling this often is cheap). */
void iot_gtk_readout_history_changed(IotGtkReadout *win);

/* Selects the row of (@node (nullable), @name) and scrolls to it. FALSE
 * when there is no such row or the filter hides it. */
gboolean iot_gtk_readout_select_field(IotGtkReadout *win, const IotNodeRef *node,
                                      const char *name);

/* Returns: (transfer full): the rows the table shows (or only the selected
 * ones), in the order shown, as iot_csv_readout() writes them;
 * g_string_free(). */
GString *iot_gtk_readout_table_csv(IotGtkReadout *win, gboolean selected_only);

/* Writes the table (as iot_gtk_readout_table_csv()) or the selected field's
 * history (iot_csv_series()) to @path, atomically. FALSE with @error when
 * it could not, or (history) when no numeric field with history is selected.
 * The Export buttons call these after their file chooser. */
gboolean iot_gtk_readout_export_csv(IotGtkReadout *win, const char *path, GError **error);
gboolean iot_gtk_readout_export_history(IotGtkReadout *win, const char *path, GError **error);

/* Where "Export history…" reads the thing's history (iot-gtk-readout-export.h;
 * copied, its strings too; nullable: the history in memory of
 * set_history(), only the selected field). With a source the button opens
 * the export dialog (range, detail, fields, file) and is always sensitive. */
void iot_gtk_readout_set_history_export(IotGtkReadout *win, const IotGtkHistorySource *src);
/* (nullable) The open export dialog. */
IotGtkHistoryExport *iot_gtk_readout_get_export_dialog(IotGtkReadout *win);

/* Puts the selected rows on the clipboard as CSV (what Ctrl+C does). */
void iot_gtk_readout_copy(IotGtkReadout *win);

/* ---- for tests and for the owner's glue: (transfer none) unless said ---- */

/* The model the table shows: sorted and filtered. Replaced by set_readout(). */
GtkTreeModel *iot_gtk_readout_get_model(IotGtkReadout *win);
GtkTreeView *iot_gtk_readout_get_view(IotGtkReadout *win);
GtkEntry *iot_gtk_readout_get_filter_entry(IotGtkReadout *win);
/* The plot's drawing area (iot-gtk-plot.h); hidden while no row with a
 * history the source can plot is selected. */
GtkWidget *iot_gtk_readout_get_plot(IotGtkReadout *win);
/* The plot's range: the choice of range (its items in IotGtkPlotRange
 * order), the from and to entries (Enter shows that range; an empty "to"
 * is now), and the live toggle. */
GtkComboBox *iot_gtk_readout_get_range_combo(IotGtkReadout *win);
GtkEntry *iot_gtk_readout_get_range_entry(IotGtkReadout *win, gboolean to);
GtkToggleButton *iot_gtk_readout_get_live_toggle(IotGtkReadout *win);
/* (nullable) The open "Forget history?" confirmation. */
GtkDialog *iot_gtk_readout_get_forget_dialog(IotGtkReadout *win);
/* The text of the status line. */
const char *iot_gtk_readout_get_status(IotGtkReadout *win);
/* The current sort column and order (both out parameters nullable); FALSE
 * while rows are in the device's order. Clicking a header sorts by it,
 * clicking it again turns the order round. */
gboolean iot_gtk_readout_get_sort(IotGtkReadout *win, IotGtkReadoutColumn *column,
                                  GtkSortType *order);
/* The table column showing @column (one of the first seven), NULL when
 * there is none. */
GtkTreeViewColumn *iot_gtk_readout_get_column(IotGtkReadout *win, IotGtkReadoutColumn column);
/* Returns: (transfer full): the points the plot draws for the selected
 * field (IotGtkPlotPoint, see iot-gtk-plot.h), empty when none;
 * g_array_unref(). */
GArray *iot_gtk_readout_get_plot_points(IotGtkReadout *win);
/* How many times coalesced updates were applied, and how many rows wait. */
guint iot_gtk_readout_get_applies(IotGtkReadout *win);
guint iot_gtk_readout_get_pending(IotGtkReadout *win);

G_END_DECLS

#endif
