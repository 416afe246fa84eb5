/*
 * iot-gtk-plot-private.h — what the plot's source files share: its state
 * (iot-gtk-plot.c: questions, range), what a person does with it
 * (iot-gtk-plot-input.c), its layout (iot-gtk-plot-layout.c: where
 * everything goes, the text; iot-gtk-plot-axis.c: the time axis) and its
 * drawing (iot-gtk-plot-draw.c: cairo). Not for use outside ui/.
 */
#ifndef IOT_GTK_PLOT_PRIVATE_H
#define IOT_GTK_PLOT_PRIVATE_H

#include "iot-gtk-plot.h"

#define IOT_GTK_PLOT_PAD 8    /* space around the plot frame, px */
#define IOT_GTK_PLOT_TICK 4   /* tick mark length, px */
/* State styles: colours and patterns (each value gets one of each). */
#define IOT_GTK_PLOT_N_COLOURS 8
#define IOT_GTK_PLOT_N_PATTERNS 7

/* Where everything goes at one size: made from the newest answer when
 * something changed, used by drawing, tooltips and the model. */
typedef struct {
	int width, height, line_h;
	double x0, y0, x1, y1;     /* the frame (numbers) or the band (states) */
	gint64 tmin, tmax;         /* the time axis */
	double vmin, vmax, vstep;  /* the value axis (numbers) */
	int vdecimals;
	gboolean has_data;
	char *message;             /* (nullable) drawn instead of data */
	char *title;               /* the field's name (bold) and unit */
	gsize title_bold;          /* bytes of it in bold */
	char *summary;             /* (nullable) the text after the title */
	/* numbers */
	GArray *buckets;           /* (element-type IotGtkPlotBucket) those in view */
	GArray *points;            /* (element-type IotGtkPlotPoint) one per bucket */
	GArray *band;              /* (element-type gboolean) per bucket: inside a band */
	guint gaps, band_buckets, line_points;
	gboolean mark_last;        /* every value: the newest is marked */
	/* states */
	GPtrArray *segments;       /* (element-type IotGtkPlotSegmentView) */
	GPtrArray *legend;         /* (element-type utf8) values in style order */
	GArray *legend_styles;     /* (element-type guint) parallel */
	double legend_y;
	guint legend_more;         /* values the legend had no room for */
	guint hidden;
	/* both */
	GPtrArray *ticks;          /* (element-type IotGtkPlotTick) */
} IotGtkPlotLayout;

typedef struct {
	GtkWidget *area;
	IotGtkPlotSource *source;  /* (owned ref, nullable) */

	/* the series */
	gboolean has_series;
	IotNodeRef node;
	char *name, *label, *unit;
	IotGtkPlotKind kind;
	IotValueType type;
	GHashTable *styles;        /* state value (owned) → style number + 1 */
	guint n_styles;

	/* the range */
	IotGtkPlotRange range;
	gint64 span;               /* µs; 0 for everything kept */
	gint64 from, to;           /* not live: the range asked for */
	gboolean live;
	gint64 view_from, view_to; /* what is drawn; IOT_TIME_UNKNOWN: not known yet */
	IotGtkPlotNotify notify;
	gpointer notify_data;

	/* questions */
	gboolean need_query;
	guint idle_id;
	guint changed_id;          /* new data drawn a little later */
	gint64 last_ask;           /* g_get_monotonic_time() of the newest question */
	guint handle;              /* the question under way, 0: none */
	guint generation;          /* of the newest question */
	guint queries;
	guint columns_asked;
	gboolean waiting;          /* asked, no answer yet for this series and range */
	IotGtkPlotAnswer *answer;  /* (owned, nullable) the newest for this series */
	GError *error;             /* (owned, nullable) the newest question failed */

	IotGtkPlotLayout *layout;  /* (owned, nullable) NULL: make again */

	/* dragging */
	gboolean dragging;
	double drag_x;
	gint64 drag_from, drag_to;
	gboolean drag_live;
} IotGtkPlotState;

/* iot-gtk-plot.c */
IotGtkPlotState *iot_gtk_plot_state(GtkWidget *w);
/* The layout at the plot's size, after the question it needs. */
const IotGtkPlotLayout *iot_gtk_plot_layout_of(IotGtkPlotState *p);
/* The range shown, as a base for zoom and pan; FALSE when not known. */
gboolean iot_gtk_plot_view(IotGtkPlotState *p, gint64 *from, gint64 *to);
/* Shows [@from, @from + @span]; reaching now makes the plot live. */
void iot_gtk_plot_move_to(IotGtkPlotState *p, gint64 from, gint64 span);

/* iot-gtk-plot-input.c: focus, events and tooltips of a new plot. */
void iot_gtk_plot_input_init(GtkWidget *w);

/* iot-gtk-plot-axis.c: the ticks of @l's time axis. */
void iot_gtk_plot_time_ticks(IotGtkPlotLayout *l, GtkWidget *w);
/* The style number of a state value (assigned when first seen). */
guint iot_gtk_plot_style_of(IotGtkPlotState *p, const char *value);

/* iot-gtk-plot-layout.c */
/* Returns: (transfer full): the layout of @p at @width × @height. */
IotGtkPlotLayout *iot_gtk_plot_layout_new(IotGtkPlotState *p, int width, int height);
void iot_gtk_plot_layout_free(IotGtkPlotLayout *l);
/* GDestroyNotify of an IotGtkPlotTick and an IotGtkPlotSegmentView. */
void iot_gtk_plot_tick_free(gpointer tick);
void iot_gtk_plot_segment_view_free(gpointer segment);
/* A state value as shown (booleans in words, cleaned, bounded). g_free(). */
char *iot_gtk_plot_state_text(IotGtkPlotState *p, const char *value);
/* Local time of @us for a plot's labels: "%H:%M" etc. g_free(). */
char *iot_gtk_plot_local(gint64 us, const char *format);
/* Returns: (transfer full) (nullable): the tooltip at (@x, @y). */
char *iot_gtk_plot_layout_tooltip(IotGtkPlotState *p, const IotGtkPlotLayout *l, double x,
                                  double y);
/* x of @t and back. */
double iot_gtk_plot_x_of(const IotGtkPlotLayout *l, gint64 t);
gint64 iot_gtk_plot_t_of(const IotGtkPlotLayout *l, double x);
/* Pixel size of @text in @w's font. */
void iot_gtk_plot_text_size(GtkWidget *w, const char *text, int *width, int *height);

/* iot-gtk-plot-draw.c */
void iot_gtk_plot_draw(IotGtkPlotState *p, const IotGtkPlotLayout *l, cairo_t *cr);

#endif
