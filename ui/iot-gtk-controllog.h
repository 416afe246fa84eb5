/*
 * iot-gtk-controllog.h — the window listing the control log.
 *
 * One row per log entry, newest first: time (local), thing, node,
 * parameter, old → new value, outcome (coloured: refused red, unknown
 * orange, not applied grey) and the detail (the thing's words). The owner
 * hands the window the newest entries of the log (a bounded number, read
 * from the store) whenever it changes, and how many the log holds. A filter
 * entry narrows the rows shown to those containing its text in any column,
 * as shown (the local time, the outcome's word): it works on the entries
 * handed over, at once as one types. Copy puts the selected rows on the
 * clipboard as tab-separated text.
 *
 * Plain GTK 2, no Pidgin or libpurple API. Strings from things are shown as
 * plain text.
 */
#ifndef IOT_GTK_CONTROLLOG_H
#define IOT_GTK_CONTROLLOG_H

#include <gtk/gtk.h>

#include "iot-controllog.h"

G_BEGIN_DECLS

typedef struct _IotGtkControlLog IotGtkControlLog;

/* The columns of iot_gtk_controllog_get_model(): the shown texts, then what
 * sorting and colouring use. */
typedef enum {
	IOT_GTK_CONTROLLOG_COL_TIME_TEXT = 0, /* local, "2026-11-23 14:05:09" */
	IOT_GTK_CONTROLLOG_COL_THING,
	IOT_GTK_CONTROLLOG_COL_NODE,
	IOT_GTK_CONTROLLOG_COL_PARAM,
	IOT_GTK_CONTROLLOG_COL_CHANGE,        /* "20.0 → 21.5", "? → 21.5" */
	IOT_GTK_CONTROLLOG_COL_RESULT,        /* iot_control_outcome_label() */
	IOT_GTK_CONTROLLOG_COL_DETAIL,
	IOT_GTK_CONTROLLOG_COL_TIME,          /* gint64, µs */
	IOT_GTK_CONTROLLOG_COL_SEQ,           /* guint: the entry's rank, 0 = the oldest shown */
	IOT_GTK_CONTROLLOG_COL_OUTCOME,       /* int: IotControlOutcome */
	IOT_GTK_CONTROLLOG_COL_FOREGROUND,    /* string (nullable): the result's colour */
	IOT_GTK_CONTROLLOG_COL_WEIGHT,        /* int: PangoWeight of the result */
	IOT_GTK_CONTROLLOG_COL_STYLE,         /* int: PangoStyle of the result */
	IOT_GTK_CONTROLLOG_COL_SEARCH,        /* casefolded text the filter searches */
	IOT_GTK_CONTROLLOG_N_COLS
} IotGtkControlLogColumn;

/* Runs when the window is destroyed, for any reason. */
typedef void (*IotGtkControlLogClosed)(IotGtkControlLog *win, gpointer user_data);

/* Returns: (transfer none): a new window titled with @title (plain text).
 * @on_closed (nullable) runs when it is destroyed. */
IotGtkControlLog *iot_gtk_controllog_new(const char *title, IotGtkControlLogClosed on_closed,
                                         gpointer user_data);

/* Shows @entries (element-type IotControlLogEntry, newest first; transfer
 * none, copied), keeping the filter and the scroll position. @total is how
 * many entries the log holds (more than @entries when only the newest are
 * handed over; then the window says so). */
void iot_gtk_controllog_set_entries(IotGtkControlLog *win, const GPtrArray *entries, guint total);

/* Returns: (transfer none). */
GtkWidget *iot_gtk_controllog_get_window(IotGtkControlLog *win);
/* For tests: the model behind the table (after filtering) and the filter entry. */
GtkTreeModel *iot_gtk_controllog_get_model(IotGtkControlLog *win);
GtkWidget *iot_gtk_controllog_get_filter(IotGtkControlLog *win);
/* Returns: (transfer none): the text beside the filter ("5 entries", "3 of
 * 40 entries", "the newest 5000 of 12000 entries"). */
const char *iot_gtk_controllog_get_count_text(IotGtkControlLog *win);
/* Returns: (transfer none): the table (a GtkTreeView, multiple selection). */
GtkWidget *iot_gtk_controllog_get_view(IotGtkControlLog *win);

/* Puts the selected rows on the clipboard as tab-separated lines (the
 * shown columns, in their order), as the Copy button does. Returns how
 * many rows were copied. */
guint iot_gtk_controllog_copy(IotGtkControlLog *win);

void iot_gtk_controllog_close(IotGtkControlLog *win);

G_END_DECLS

#endif
