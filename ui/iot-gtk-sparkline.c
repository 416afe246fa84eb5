/* iot-gtk-sparkline.c — trend cell renderer. See iot-gtk-sparkline.h. */
#include "iot-gtk-plot.h"
#include "iot-gtk-sparkline.h"

#include <math.h>

#define DEFAULT_SAMPLES 30
#define WIDTH 56
#define HEIGHT 12

typedef struct {
	GtkCellRenderer parent;
	const IotHistorySeries *series; /* borrowed */
	guint samples;
} IotGtkSparkline;

typedef struct {
	GtkCellRendererClass parent_class;
} IotGtkSparklineClass;

enum { PROP_0, PROP_SERIES, PROP_SAMPLES };

G_DEFINE_TYPE(IotGtkSparkline, iot_gtk_sparkline, GTK_TYPE_CELL_RENDERER)

static void
get_property(GObject *obj, guint id, GValue *value, GParamSpec *pspec)
{
	IotGtkSparkline *s = (IotGtkSparkline *)obj;

	switch (id) {
	case PROP_SERIES: g_value_set_pointer(value, (gpointer)s->series); break;
	case PROP_SAMPLES: g_value_set_uint(value, s->samples); break;
	default: G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, pspec);
	}
}

static void
set_property(GObject *obj, guint id, const GValue *value, GParamSpec *pspec)
{
	IotGtkSparkline *s = (IotGtkSparkline *)obj;

	switch (id) {
	case PROP_SERIES: s->series = g_value_get_pointer(value); break;
	case PROP_SAMPLES: s->samples = g_value_get_uint(value); break;
	default: G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, pspec);
	}
}

static void
get_size(GtkCellRenderer *cell, GtkWidget *widget, GdkRectangle *area, gint *x, gint *y,
         gint *width, gint *height)
{
	/* Kept lower than a line of text so that the text sets the row height
	 * (the table runs in fixed-height mode). */
	if (x != NULL)
		*x = 0;
	if (y != NULL)
		*y = 0;
	if (width != NULL)
		*width = WIDTH + 2 * cell->xpad;
	if (height != NULL)
		*height = HEIGHT + 2 * cell->ypad;
}

static void
render(GtkCellRenderer *cell, GdkDrawable *window, GtkWidget *widget, GdkRectangle *bg,
       GdkRectangle *area, GdkRectangle *expose, GtkCellRendererState flags)
{
	IotGtkSparkline *s = (IotGtkSparkline *)cell;
	GtkStyle *st = gtk_widget_get_style(widget);
	IotHistorySample *v;
	GArray *gaps;
	guint n, first, i, g = 0, count;
	double min, max, x0, y0, w, h;
	cairo_t *cr;

	if (s->series == NULL || (n = iot_history_series_length(s->series)) < 2)
		return;
	count = MIN(n, MAX(s->samples, 2u));
	first = n - count;
	v = g_new(IotHistorySample, count);
	for (i = 0; i < count; i++)
		iot_history_series_nth(s->series, first + i, &v[i]);
	min = max = v[0].value;
	for (i = 1; i < count; i++) {
		min = MIN(min, v[i].value);
		max = MAX(max, v[i].value);
	}
	gaps = iot_history_series_gaps(s->series, v[0].timestamp, G_MAXINT64,
	                               IOT_GTK_PLOT_GAP_FACTOR);
	x0 = area->x + cell->xpad + 1;
	w = area->width - 2 * cell->xpad - 5;
	h = MIN(area->height - 2 * cell->ypad - 4, HEIGHT + 2);
	y0 = area->y + (area->height - h) / 2;

	cr = gdk_cairo_create(window);
	gdk_cairo_rectangle(cr, expose);
	cairo_clip(cr);
	if (flags & GTK_CELL_RENDERER_SELECTED)
		gdk_cairo_set_source_color(cr, &st->text[GTK_STATE_SELECTED]);
	else
		cairo_set_source_rgb(cr, 0.13, 0.40, 0.72);
	cairo_set_line_width(cr, 1.2);
	for (i = 0; i < count; i++) {
		double x = x0 + w * i / (count - 1);
		double y = max > min ? y0 + h * (1.0 - (v[i].value - min) / (max - min)) : y0 + h / 2;
		gboolean broken = FALSE;

		while (g < gaps->len && g_array_index(gaps, IotHistoryGap, g).end < v[i].timestamp)
			g++;
		if (g < gaps->len && g_array_index(gaps, IotHistoryGap, g).end == v[i].timestamp)
			broken = TRUE;
		if (i == 0 || broken)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
		if (i + 1 == count) {
			cairo_stroke(cr);
			cairo_arc(cr, x, y, 2.0, 0, 2 * G_PI);
			cairo_fill(cr);
		}
	}
	cairo_destroy(cr);
	g_array_unref(gaps);
	g_free(v);
}

static void
iot_gtk_sparkline_class_init(IotGtkSparklineClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GtkCellRendererClass *cc = GTK_CELL_RENDERER_CLASS(klass);

	oc->get_property = get_property;
	oc->set_property = set_property;
	cc->get_size = get_size;
	cc->render = render;
	g_object_class_install_property(oc, PROP_SERIES,
	    g_param_spec_pointer("series", "Series", "The history series to draw",
	                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
	g_object_class_install_property(oc, PROP_SAMPLES,
	    g_param_spec_uint("samples", "Samples", "How many of the newest samples to draw", 2,
	                      10000, DEFAULT_SAMPLES, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
iot_gtk_sparkline_init(IotGtkSparkline *s)
{
	s->samples = DEFAULT_SAMPLES;
	GTK_CELL_RENDERER(s)->xpad = 2;
	GTK_CELL_RENDERER(s)->ypad = 2;
}

GtkCellRenderer *
iot_gtk_sparkline_new(void)
{
	return g_object_new(IOT_GTK_TYPE_SPARKLINE, NULL);
}
