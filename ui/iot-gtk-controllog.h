/*
 * iot-gtk-controllog.h — the window listing the control log.
 *
 * One row per log entry, newest first: time (local), thing, node,
 * parameter, old → new value, outcome (coloured: refused red, unknown
 * orange, not applied grey) and the detail (the thing's words). A filter
 * entry narrows the rows to those containing its text; Copy puts the
 * selected rows on the clipboard as tab-separated text. The owner hands the
 * window the log again whenever it changes.
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

/* Runs when the window is destroyed, for any reason. */
typedef void (*IotGtkControlLogClosed)(IotGtkControlLog *win, gpointer user_data);

/* Returns: (transfer none): a new window titled with @title (plain text).
 * @on_closed (nullable) runs when it is destroyed. */
IotGtkControlLog *iot_gtk_controllog_new(const char *title, IotGtkControlLogClosed on_closed,
                                         gpointer user_data);

/* Shows the entries of @log (transfer none; copied), keeping the filter and
 * the scroll position. */
void iot_gtk_controllog_set_log(IotGtkControlLog *win, const IotControlLog *log);

/* Returns: (transfer none). */
GtkWidget *iot_gtk_controllog_get_window(IotGtkControlLog *win);
/* For tests: the model behind the table (after filtering) and the filter entry. */
GtkTreeModel *iot_gtk_controllog_get_model(IotGtkControlLog *win);
GtkWidget *iot_gtk_controllog_get_filter(IotGtkControlLog *win);

void iot_gtk_controllog_close(IotGtkControlLog *win);

G_END_DECLS

#endif
