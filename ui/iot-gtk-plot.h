/*
 * iot-gtk-plot.h — a plot of one history series over a time range: a
 * GtkDrawingArea drawn with cairo, fed by an IotGtkPlotSource
 * (iot-gtk-plot-source.h).
 *
 * Numbers: time runs along the bottom in local time, values up the left
 * with the series' unit. Every value (a short range) is drawn as a line;
 * hourly statistics (a long range) as a translucent min/max band with the
 * mean as a line. Intervals without data are left open and shaded. The text
 * above the plot gives min, max and last (or mean) and says which of the
 * two it shows ("every value", "hourly statistics").
 * States (booleans, enums, strings): a band of segments along time, each
 * value with its own colour AND pattern, labelled with its value (and times
 * where there is room), a legend underneath; the tooltip gives a segment's
 * value and times, or a bucket's values.
 *
 * The range: everything kept (the default), the last hour, day, week,
 * month, year, or any from/to. Zoom and pan: the mouse wheel zooms around
 * the pointer, dragging pans; with the keyboard focus on the plot, + and −
 * zoom, Left and Right pan, Home goes back to now. Live: the range ends
 * now and follows new data (iot_gtk_plot_changed()).
 *
 * Questions to the source are asked when something changed and the plot
 * needs them (drawing it, or asking it for its points, model or summary);
 * changes in quick succession cost one question. Moving to another range
 * or series, or destroying the plot, cancels the question under way, and
 * an answer to an earlier question is never used.
 *
 * Plain GTK 2.
 */
#ifndef IOT_GTK_PLOT_H
#define IOT_GTK_PLOT_H

#include <gtk/gtk.h>

#include "iot-gtk-plot-source.h"
#include "iot-model.h"

G_BEGIN_DECLS

/* One point as drawn: a value, or a bucket's mean at its middle. */
typedef struct {
	gint64 t;            /* µs since the epoch, UTC */
	double v;
	gboolean gap_before; /* no line from the previous point: data was missing */
} IotGtkPlotPoint;

/* Gaps: consecutive buckets further apart than this many times the median
 * interval (at least a pixel column) are not joined. */
#define IOT_GTK_PLOT_GAP_FACTOR 3.0

typedef enum {
	IOT_GTK_PLOT_RANGE_ALL,   /* everything kept */
	IOT_GTK_PLOT_RANGE_HOUR,  /* the last … */
	IOT_GTK_PLOT_RANGE_DAY,
	IOT_GTK_PLOT_RANGE_WEEK,
	IOT_GTK_PLOT_RANGE_MONTH, /* 30 days */
	IOT_GTK_PLOT_RANGE_YEAR,  /* 365 days */
	IOT_GTK_PLOT_RANGE_CUSTOM
} IotGtkPlotRange;

/* Zoom limits: the shortest and the longest range shown. */
#define IOT_GTK_PLOT_MIN_SPAN ((gint64)60 * G_USEC_PER_SEC)
#define IOT_GTK_PLOT_MAX_SPAN ((gint64)20 * 366 * 86400 * G_USEC_PER_SEC)

/* Returns: (transfer floating): a new plot (a GtkDrawingArea), empty,
 * focusable, showing everything kept. */
GtkWidget *iot_gtk_plot_new(void);

/* Where the data comes from: @source (transfer none: the plot takes a
 * reference; nullable). The question under way is cancelled. */
void iot_gtk_plot_set_source(GtkWidget *plot, IotGtkPlotSource *source);

/* Shows the series (@node (nullable), @name) as @kind; @type is the
 * field's value type (booleans are shown as words). @label (the title) and
 * @unit (used until the source tells one) are plain text, nullable. All
 * copied. The range stays. */
void iot_gtk_plot_set_series(GtkWidget *plot, const IotNodeRef *node, const char *name,
                             IotGtkPlotKind kind, IotValueType type, const char *label,
                             const char *unit);

/* No series: the plot asks nothing and says so. */
void iot_gtk_plot_clear(GtkWidget *plot);

/* The data changed (new values, forgotten history): asked again — up to
 * now when live — when next needed. Cheap to call often. */
void iot_gtk_plot_changed(GtkWidget *plot);

/* A preset range ending now, live (ALL: everything kept). */
void iot_gtk_plot_set_range(GtkWidget *plot, IotGtkPlotRange range);
/* From @from_us to @to_us (µs, from < to), not live. */
void iot_gtk_plot_set_custom_range(GtkWidget *plot, gint64 from_us, gint64 to_us);
/* The range asked for (preset) and the one shown (both out parameters
 * nullable; IOT_TIME_UNKNOWN while everything kept is not known yet). */
IotGtkPlotRange iot_gtk_plot_get_range(GtkWidget *plot, gint64 *from_us, gint64 *to_us);
/* Live: the range ends now and moves with new data. */
void iot_gtk_plot_set_live(GtkWidget *plot, gboolean live);
gboolean iot_gtk_plot_get_live(GtkWidget *plot);
/* Shows @factor (> 0; 2: twice as much detail) around @anchor (0 … 1: the
 * point of the time axis that stays put, 1 = the right end, which keeps a
 * live plot live). */
void iot_gtk_plot_zoom(GtkWidget *plot, double factor, double anchor);
/* Moves the range by @fraction of its length (positive: later). Reaching
 * now makes the plot live. */
void iot_gtk_plot_pan(GtkWidget *plot, double fraction);

/* Called after every change of the range (by the person or the API),
 * with @data. One notify per plot; NULL removes it. */
typedef void (*IotGtkPlotNotify)(GtkWidget *plot, gpointer data);
void iot_gtk_plot_set_range_notify(GtkWidget *plot, IotGtkPlotNotify notify, gpointer data);

/* ---- what is drawn (for tests, and the window's accessible text) ---- */

/* Returns: (transfer full): the points drawn (IotGtkPlotPoint), oldest
 * first; empty without numbers. g_array_unref(). */
GArray *iot_gtk_plot_get_points(GtkWidget *plot);

/* Returns: (transfer full) (nullable): the text above the plot ("min … ·
 * max … · last … at … · every value"), NULL without data; g_free(). */
char *iot_gtk_plot_get_summary(GtkWidget *plot);

/* Returns: (transfer full) (nullable): the tooltip at (@x, @y) of the
 * plot (plain text): a state's value and times, a value and its time, a
 * column's statistics; NULL where there is none. g_free(). */
char *iot_gtk_plot_get_tooltip(GtkWidget *plot, int x, int y);

/* A time-axis label as laid out. */
typedef struct {
	double x;            /* the tick */
	double left, right;  /* the label's extent (0, 0: no label, too crowded) */
	char *text;
	char *text2;         /* (nullable) the line under it: the date, or the year */
	double left2, right2;
} IotGtkPlotTick;

/* A state segment as laid out. */
typedef struct {
	gint64 start, end;
	double x0, x1;
	char *value;         /* as shown (booleans in words, cleaned, bounded) */
	char *label;         /* (nullable) what is written inside it; NULL: no room */
	guint style;         /* colour and pattern number: one per value */
	guint hidden;
} IotGtkPlotSegmentView;

/* The drawing model: what the plot draws at its current size. */
typedef struct {
	gboolean has_series, has_data;
	IotGtkPlotKind kind;
	IotGtkPlotDetail detail;
	IotGtkPlotRange range;
	gboolean live;
	gint64 from, to;      /* the range shown */
	double x0, x1;        /* where it is drawn: the frame's (or band's) left and right */
	guint buckets;        /* numbers: buckets drawn */
	guint band_buckets;   /* of them inside a min/max band */
	guint line_points;    /* points of the line (values or means) */
	guint gaps;           /* intervals left open */
	double vmin, vmax;    /* the value axis */
	GPtrArray *ticks;     /* (element-type IotGtkPlotTick) */
	GPtrArray *segments;  /* (element-type IotGtkPlotSegmentView) states */
	GPtrArray *legend;    /* (element-type utf8) states: the values, in style order */
	guint hidden;         /* states: changes not shown */
	char *summary;        /* nullable */
	char *message;        /* nullable: what is written instead of data */
	guint queries;        /* questions asked of the source so far */
} IotGtkPlotModel;

/* Returns: (transfer full): the model; iot_gtk_plot_model_free(). */
IotGtkPlotModel *iot_gtk_plot_get_model(GtkWidget *plot);
void iot_gtk_plot_model_free(IotGtkPlotModel *m);

G_END_DECLS

#endif
