/*
 * iot-gtk-things-plot-source.h — a plot source over the plugin's store
 * (iot-purple-history.h): a thing's numbers from its samples or hourly
 * statistics, its other fields as timelines of states.
 *
 * Answers at once, inside the query, from the store's decimated queries
 * (at most one row a column), on the main loop. Without a store nothing is
 * kept (an empty answer); when the store cannot be read, an error.
 */
#ifndef IOT_GTK_THINGS_PLOT_SOURCE_H
#define IOT_GTK_THINGS_PLOT_SOURCE_H

#include <account.h>

#include "iot-gtk-plot-source.h"
#include "iot-gtk-readout-export.h"

G_BEGIN_DECLS

/* Returns: (transfer full): a source answering for @thing (a bare JID,
 * copied) seen from @account (transfer none: must outlive the source).
 * iot_gtk_plot_source_unref(). */
IotGtkPlotSource *iot_gtk_things_plot_source_new(PurpleAccount *account, const char *thing);

/* Fills @out with where "Export history…" finds @thing's history seen from
 * @account: the plugin's store as it is at each step. The strings are
 * borrowed (iot_gtk_readout_set_history_export() copies them). */
void iot_gtk_things_history_source(PurpleAccount *account, const char *thing,
                                   IotGtkHistorySource *out);

G_END_DECLS

#endif
