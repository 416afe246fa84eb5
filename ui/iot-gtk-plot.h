/*
 * iot-gtk-plot.h — a plot of one history series: a GtkDrawingArea drawn
 * with cairo.
 *
 * Time runs along the bottom in local time, values up the left with the
 * series' unit; min, max and last are written above the plot as text, so
 * they can be read without estimating from the axes; intervals without data
 * (iot_history_series_gaps()) are left open and shaded; the last point is
 * marked. Plain GTK 2.
 */
#ifndef IOT_GTK_PLOT_H
#define IOT_GTK_PLOT_H

#include <gtk/gtk.h>

#include "iot-history.h"

G_BEGIN_DECLS

/* One point as drawn. */
typedef struct {
	gint64 t;            /* µs since the epoch, UTC */
	double v;
	gboolean gap_before; /* no line from the previous point: data was missing */
} IotGtkPlotPoint;

/* Gaps: consecutive samples further apart than this many times the median
 * interval are not joined. */
#define IOT_GTK_PLOT_GAP_FACTOR 3.0

/* Returns: (transfer floating): a new plot (a GtkDrawingArea), empty. */
GtkWidget *iot_gtk_plot_new(void);

/* Shows @series (transfer none, nullable: borrowed; it must stay valid until
 * replaced or the plot is destroyed) labelled @label (plain text, copied,
 * nullable). Redraws. */
void iot_gtk_plot_set_series(GtkWidget *plot, const IotHistorySeries *series,
                             const char *label);

/* The series changed (new samples): recomputed and redrawn on the next
 * expose, so it is cheap to call often. */
void iot_gtk_plot_changed(GtkWidget *plot);

/* Returns: (transfer full): the points drawn (IotGtkPlotPoint), oldest
 * first; empty without a series. g_array_unref(). */
GArray *iot_gtk_plot_get_points(GtkWidget *plot);

/* Returns: (transfer full) (nullable): the text above the plot ("min … ·
 * max … · last …"), NULL without data; g_free(). */
char *iot_gtk_plot_get_summary(GtkWidget *plot);

G_END_DECLS

#endif
