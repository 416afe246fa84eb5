/*
 * iot-gtk-sparkline.h — a cell renderer that draws the newest samples of a
 * history series as a small line (a "sparkline"), so that a trend is seen
 * at a glance in the table without selecting the row. Plain GTK 2.
 *
 * Properties:
 *   "series"   gpointer  const IotHistorySeries * (borrowed, nullable):
 *                        set per row from a cell data function; nothing is
 *                        drawn when NULL or shorter than two samples.
 *   "samples"  guint     how many of the newest samples to draw (30).
 */
#ifndef IOT_GTK_SPARKLINE_H
#define IOT_GTK_SPARKLINE_H

#include <gtk/gtk.h>

#include "iot-history.h"

G_BEGIN_DECLS

#define IOT_GTK_TYPE_SPARKLINE (iot_gtk_sparkline_get_type())

GType iot_gtk_sparkline_get_type(void);

/* Returns: (transfer floating): a new renderer. */
GtkCellRenderer *iot_gtk_sparkline_new(void);

G_END_DECLS

#endif
