/*
 * iot-gtk-readout-private.h — what the readout window's source files share:
 * the window's state and the functions of its table (iot-gtk-readout-rows.c)
 * and export (iot-gtk-readout-export.c). Not for use outside ui/.
 */
#ifndef IOT_GTK_READOUT_PRIVATE_H
#define IOT_GTK_READOUT_PRIVATE_H

#include "iot-gtk-readout.h"

/* The default window size, and the width its table has for columns. */
#define IOT_GTK_READOUT_WIDTH 760
#define IOT_GTK_READOUT_HEIGHT 520
#define IOT_GTK_READOUT_TABLE_WIDTH (IOT_GTK_READOUT_WIDTH - 2 * 8 - 4)

/* Coalesced updates are applied at most this often. */
#define IOT_GTK_READOUT_COALESCE_MS 250
/* From this many pending rows on, a sorted table is updated with sorting
 * switched off and back on: one sort of all rows instead of one move of
 * each changed row, which costs a reordering of all rows (measured with
 * 10 000 rows: ~15 ms a moved row, ~50 ms a sort). */
#define IOT_GTK_READOUT_BULK_ROWS 4

/* Where a row is: ListStore iters stay valid as long as the row exists. */
typedef struct {
	GtkTreeIter iter;
	guint index; /* into IotGtkReadout.fields */
} IotGtkReadoutRow;

/* Collation keys of a row's text columns, made when a sort first needs
 * them: comparing them is a strcmp, not a g_utf8_collate(). */
typedef struct {
	char *key[IOT_GTK_READOUT_COL_STATUS + 1];
} IotGtkReadoutKeys;

struct _IotGtkReadout {
	IotGtkReadoutCallbacks cbs;
	gpointer user_data;
	char *title;

	GtkWidget *window, *view, *paned, *plot, *plot_box;
	GtkWidget *filter_entry, *from_entry, *to_entry;
	GtkWidget *now_button, *all_button, *historical_button, *refresh_button;
	GtkWidget *copy_button, *export_button, *history_button;
	GtkWidget *auto_toggle, *interval_spin;
	GtkWidget *spinner, *status_icon, *status_label, *notes_label;
	GtkWidget *chooser; /* the open file chooser, or NULL */
	/* "Export history…" from the store: where it is (strings owned), and
	 * the open dialog. */
	IotGtkHistorySource export_src;
	gboolean has_export_src;
	IotGtkHistoryExport *export_dialog;
	GtkAccelGroup *accel; /* F5, Ctrl+F, Escape; held by the window */
	GtkTreeViewColumn *node_column, *trend_column;
	GtkCellRenderer *trend_renderer;

	GtkListStore *store;   /* (owned) the rows */
	GtkTreeModel *filter;  /* (owned) GtkTreeModelFilter over store: shown */
	GPtrArray *fields;     /* (element-type IotField) owned: one per row */
	GArray *collate;       /* IotGtkReadoutKeys, parallel to fields */
	GHashTable *rows;      /* row key → IotGtkReadoutRow (both owned) */
	/* Coalesced updates: one entry per row, the latest value, in the order
	 * the rows were first updated. */
	GPtrArray *pending_keys;   /* (element-type utf8) owned row keys */
	GPtrArray *pending_fields; /* (element-type IotField) owned, parallel */
	GHashTable *pending;       /* row key (borrowed) → position + 1 */
	guint pending_new;         /* pending entries that will be new rows */
	guint apply_id;
	guint applies;
	guint rows_dropped;    /* new rows refused: IOT_MAX_FIELDS_PER_READOUT */
	char *filter_text;     /* casefolded, NULL: everything shown */
	gint sort_id;          /* the store's sort column, -1: the device's order */
	GtkSortType sort_order;
	gboolean has_nodes, widths_set;

	const IotHistory *history; /* borrowed */
	/* The plot: its source (the owner's, else one over the history), its
	 * range row, and the confirmation of "Forget history…". */
	IotGtkPlotSource *plot_source;    /* (owned ref, nullable) the owner's */
	IotGtkPlotSource *history_source; /* (owned, nullable) over history */
	GtkWidget *range_combo, *range_from, *range_to, *range_show, *live_toggle;
	GtkWidget *forget_button, *forget_dialog;
	gboolean syncing_range;           /* the range row follows the plot */
	const char *range_error;          /* (nullable) the range typed wrong: said so */
	char *range_status;               /* (owned) what the status line said before */
	gboolean range_status_warn;
	IotGtkRequestKind last_kind;
	gint64 last_update;        /* g_get_real_time(), 0: never */
	gboolean busy, closing;
	gboolean range_edited, setting_range; /* the person changed the time range */
	char *status;              /* what the status line says */
	GPtrArray *connected;      /* objects with handlers that point at us */
};

/* iot-gtk-readout-rows.c */
void iot_gtk_readout_rows_init(IotGtkReadout *win);
void iot_gtk_readout_rows_free(IotGtkReadout *win);
void iot_gtk_readout_rows_set(IotGtkReadout *win, const IotReadout *r);
void iot_gtk_readout_rows_queue(IotGtkReadout *win, const IotReadout *r);
/* Returns: (transfer full): the key that identifies a row: node and name. */
char *iot_gtk_readout_row_key(const IotNodeRef *node, const char *name);
/* Returns: (transfer none) (nullable): the field of the row at @iter of the
 * shown model, or of the first selected row. */
const IotField *iot_gtk_readout_field_at(IotGtkReadout *win, GtkTreeIter *iter);
const IotField *iot_gtk_readout_selected_field(IotGtkReadout *win);
/* The iter of @row in the shown model; FALSE when the filter hides it. */
gboolean iot_gtk_readout_row_iter(IotGtkReadout *win, const IotGtkReadoutRow *row,
                                  GtkTreeIter *out);
/* The plot follows the selection (and the history). */
void iot_gtk_readout_update_plot(IotGtkReadout *win);

/* iot-gtk-readout-status.c */
/* "Last updated …" after rows changed (unless a reading is under way). */
void iot_gtk_readout_touched(IotGtkReadout *win);
/* Node failures and notes of @r (nullable) under the table. */
void iot_gtk_readout_show_notes(IotGtkReadout *win, const IotReadout *r);
/* The status line: @text (nullable) as plain text, a warning sign if @warn. */
void iot_gtk_readout_show_status(IotGtkReadout *win, const char *text, gboolean warn);
/* Spinner off, request buttons back. */
void iot_gtk_readout_end_busy(IotGtkReadout *win);

/* iot-gtk-readout-columns.c */
void iot_gtk_readout_columns_init(IotGtkReadout *win);
/* Widths from the first rows' texts, fitted to the window. */
void iot_gtk_readout_fit_columns(IotGtkReadout *win);
/* Sorting: the store's sort functions, and sorting it by win->sort_id. */
void iot_gtk_readout_sort_funcs(IotGtkReadout *win, GtkListStore *store);
void iot_gtk_readout_sort_store(IotGtkReadout *win, GtkListStore *store);
/* GDestroyNotify-style clear of an IotGtkReadoutKeys. */
void iot_gtk_readout_keys_clear(gpointer keys);
/* The filter: the visible function of the filter model, and a new text. */
gboolean iot_gtk_readout_visible_func(GtkTreeModel *m, GtkTreeIter *iter, gpointer win);
void iot_gtk_readout_refilter(IotGtkReadout *win, const char *text);
IotGtkSeverity iot_gtk_readout_severity(guint32 qos);
/* Numeric, int or long with a finite number: sorted as a number, plotted. */
gboolean iot_gtk_readout_is_numeric(const IotField *f);

/* iot-gtk-readout-plot.c */
/* Returns: (transfer floating): a combo of the ranges, in IotGtkPlotRange
 * order ("Everything kept", "Last hour" … "Custom range"), none active. */
GtkWidget *iot_gtk_readout_range_combo_new(void);
/* Returns: (transfer floating): the plot with its range row. */
GtkWidget *iot_gtk_readout_plot_box(IotGtkReadout *win);
/* Returns: (transfer floating): the "Forget history…" button. */
GtkWidget *iot_gtk_readout_forget_button(IotGtkReadout *win);
/* The plot's source: the owner's, else the history's. */
void iot_gtk_readout_plot_source_changed(IotGtkReadout *win);
/* The plot's part of the window's end: the confirmation closed, sources
 * released. */
void iot_gtk_readout_plot_free(IotGtkReadout *win);

/* iot-gtk-readout.c */
/* Returns: (transfer floating): a label with @mnemonic for @target (nullable). */
GtkWidget *iot_gtk_readout_labelled(const char *mnemonic, GtkWidget *target);
/* Local time for the range entries: "2024-01-10 08:15". g_free(). */
char *iot_gtk_readout_time_text(gint64 us);
/* "2024-01-10 08:15" or "2024-01-10 08:15:30" (or with a 'T'), local time. */
gboolean iot_gtk_readout_parse_time(const char *text, gint64 *out);

/* iot-gtk-readout-export.c */
void iot_gtk_readout_export_dialog(IotGtkReadout *win, gboolean history);
/* Returns: (transfer full): a part of a file name made of a name a device
 * chose: no separators, no control characters, no leading dot, not too
 * long. g_free(). */
char *iot_gtk_readout_file_name_part(const char *name);
/* The export dialog and the source of its history go with the window. */
void iot_gtk_readout_export_free(IotGtkReadout *win);

/* Connects @cb and remembers @obj, so that the handlers can be taken off
 * before the window's state is freed. */
void iot_gtk_readout_connect(IotGtkReadout *win, gpointer obj, const char *signal,
                             GCallback cb);

#endif
