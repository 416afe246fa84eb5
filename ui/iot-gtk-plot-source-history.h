/*
 * iot-gtk-plot-source-history.h — a plot source over a history in memory
 * (iot-history.h, the per-thing rings): numbers only, every value kept,
 * answered at once (inside the query), decimated to the columns asked for.
 *
 * Plain C and GLib, like the interface it implements.
 */
#ifndef IOT_GTK_PLOT_SOURCE_HISTORY_H
#define IOT_GTK_PLOT_SOURCE_HISTORY_H

#include "iot-gtk-plot-source.h"
#include "iot-history.h"

G_BEGIN_DECLS

/* Returns: (transfer full): a source answering from @history (transfer
 * none, nullable: answers are empty): borrowed, it must stay valid as long
 * as the source is used. iot_gtk_plot_source_unref(). */
IotGtkPlotSource *iot_gtk_plot_source_history_new(const IotHistory *history);

G_END_DECLS

#endif
