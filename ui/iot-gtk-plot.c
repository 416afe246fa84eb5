/* iot-gtk-plot.c — a history series drawn with cairo. See iot-gtk-plot.h. */
#include "iot-gtk-plot.h"

#include "iot-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define PLOT_KEY "iot-gtk-plot"
#define PAD 8             /* space around the plot frame, px */
#define TICK 4            /* tick mark length, px */
#define MIN_X_LABEL_GAP 18 /* at least this much space between time labels, px */
#define Y_TICK_SPACING 36 /* aim for a value label every this many px */

typedef struct {
	GtkWidget *area;
	const IotHistorySeries *series; /* borrowed */
	char *label;
	GArray *points;                 /* IotGtkPlotPoint; NULL: recompute */
	double min, max;
	IotGtkPlotPoint last;
} Plot;

/* The plot area inside the widget, and the scales that map data into it. */
typedef struct {
	double x0, y0, x1, y1;
	gint64 tmin, tmax;
	double vmin, vmax;
} Frame;

static Plot *
plot_of(GtkWidget *w)
{
	return g_object_get_data(G_OBJECT(w), PLOT_KEY);
}

static void
plot_free(gpointer p)
{
	Plot *plot = p;

	if (plot->points != NULL)
		g_array_unref(plot->points);
	g_free(plot->label);
	g_free(plot);
}

/* Builds the point list once per change rather than once per expose: an
 * expose may come many times a second while the person resizes. */
static void
compute(Plot *plot)
{
	GArray *samples, *gaps;
	guint i, g = 0;

	if (plot->points != NULL)
		return;
	if (plot->series == NULL) {
		plot->points = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotPoint));
		return;
	}
	samples = iot_history_series_samples(plot->series, G_MININT64, G_MAXINT64);
	gaps = iot_history_series_gaps(plot->series, G_MININT64, G_MAXINT64,
	                               IOT_GTK_PLOT_GAP_FACTOR);
	plot->points = g_array_sized_new(FALSE, FALSE, sizeof(IotGtkPlotPoint), samples->len);
	for (i = 0; i < samples->len; i++) {
		const IotHistorySample *s = &g_array_index(samples, IotHistorySample, i);
		IotGtkPlotPoint p = { s->timestamp, s->value, FALSE };

		/* Gaps come in time order and each ends at a sample. */
		while (g < gaps->len && g_array_index(gaps, IotHistoryGap, g).end < s->timestamp)
			g++;
		if (g < gaps->len && g_array_index(gaps, IotHistoryGap, g).end == s->timestamp && i > 0)
			p.gap_before = TRUE;
		if (i == 0 || s->value < plot->min)
			plot->min = s->value;
		if (i == 0 || s->value > plot->max)
			plot->max = s->value;
		g_array_append_val(plot->points, p);
		plot->last = p;
	}
	g_array_unref(gaps);
	g_array_unref(samples);
}

/* Decimals that show a difference of a hundredth of @span ("19.80" for a
 * range of 2.6, "1013" for one of 300): a double from the history has no
 * precision of its own, and 17 digits help nobody. */
static int
decimals_for(double span, double v)
{
	double ref = span > 0 ? span : fabs(v);

	if (ref <= 0 || !isfinite(ref))
		return 0;
	return CLAMP(2 - (int)floor(log10(ref)), 0, 6);
}

static char *
format_number(double v, int decimals, const char *unit)
{
	/* The locale's decimal separator: this is for people, not files. */
	char *n = g_strdup_printf("%.*f", decimals, v + 0.0), *out;

	if (unit == NULL || *unit == '\0')
		return n;
	out = g_strdup_printf("%s %s", n, unit);
	g_free(n);
	return out;
}

static char *
local_time(gint64 us, const char *format)
{
	GDateTime *dt = g_date_time_new_from_unix_local(us / G_USEC_PER_SEC);
	char *s;

	if (dt == NULL)
		return g_strdup("");
	s = g_date_time_format(dt, format);
	g_date_time_unref(dt);
	return s != NULL ? s : g_strdup("");
}

char *
iot_gtk_plot_get_summary(GtkWidget *w)
{
	Plot *plot = plot_of(w);
	const char *unit;
	char *min, *max, *last, *when, *out;
	int dec;

	g_return_val_if_fail(plot != NULL, NULL);
	compute(plot);
	if (plot->points->len == 0)
		return NULL;
	unit = iot_history_series_get_unit(plot->series);
	dec = decimals_for(plot->max - plot->min, plot->max);
	min = format_number(plot->min, dec, unit);
	max = format_number(plot->max, dec, unit);
	last = format_number(plot->last.v, dec, unit);
	when = iot_time_format_local(plot->last.t, g_get_real_time());
	/* TRANSLATORS: above a plot: smallest, largest and newest value, and
	 * when the newest was taken: "min 20.1 °C · max 22.3 °C · last 21.5 °C at 12:03:10". */
	out = g_strdup_printf(_("min %s · max %s · last %s at %s"), min, max, last, when);
	g_free(min);
	g_free(max);
	g_free(last);
	g_free(when);
	return out;
}

GArray *
iot_gtk_plot_get_points(GtkWidget *w)
{
	Plot *plot = plot_of(w);

	g_return_val_if_fail(plot != NULL, NULL);
	compute(plot);
	return g_array_ref(plot->points);
}

/* ---- scales ----------------------------------------------------------------- */

/* A "nice" step (1, 2, 2.5 or 5 times a power of ten) near @rough. */
static double
nice_step(double rough)
{
	double p = pow(10.0, floor(log10(rough))), f = rough / p;

	if (f <= 1.0)
		return p;
	if (f <= 2.0)
		return 2 * p;
	if (f <= 2.5)
		return 2.5 * p;
	if (f <= 5.0)
		return 5 * p;
	return 10 * p;
}

static int
step_decimals(double step)
{
	int d = 0;

	/* Enough decimals that neighbouring labels differ ("2.5", "0.25"). */
	while (d < 6 && fabs(step * pow(10.0, d) - round(step * pow(10.0, d))) > 1e-6)
		d++;
	return d;
}

static double
x_of(const Frame *f, gint64 t)
{
	return f->x0 + (f->x1 - f->x0) * (double)(t - f->tmin) / (double)(f->tmax - f->tmin);
}

static double
y_of(const Frame *f, double v)
{
	return f->y1 - (f->y1 - f->y0) * (v - f->vmin) / (f->vmax - f->vmin);
}

/* ---- drawing ------------------------------------------------------------------ */

static void
set_colour(cairo_t *cr, const GdkColor *c)
{
	cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
}

static void
text_size(PangoLayout *l, int *w, int *h)
{
	pango_layout_get_pixel_size(l, w, h);
}

/* Draws @text with its top-left (@align 0), top-centre (0.5) or top-right
 * (1) at (@x, @y). Returns its width. */
static int
draw_text(cairo_t *cr, GtkWidget *w, const char *text, double x, double y, double align)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, text);
	int tw, th;

	text_size(l, &tw, &th);
	/* Never cut at the widget's edges (a tick label at the very left). */
	x = CLAMP(x - align * tw, 2.0, MAX(2.0, w->allocation.width - tw - 2.0));
	cairo_move_to(cr, floor(x), floor(y));
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return tw;
}

static int
text_height(GtkWidget *w)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, "0:9");
	int tw, th;

	text_size(l, &tw, &th);
	g_object_unref(l);
	return th;
}

static int
text_width(GtkWidget *w, const char *s)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, s);
	int tw, th;

	text_size(l, &tw, &th);
	g_object_unref(l);
	return tw;
}

static void
draw_message(cairo_t *cr, GtkWidget *w, const char *msg)
{
	GtkStyle *st = gtk_widget_get_style(w);
	int h = text_height(w);

	set_colour(cr, &st->text[GTK_STATE_INSENSITIVE]);
	draw_text(cr, w, msg, w->allocation.width / 2.0, (w->allocation.height - h) / 2.0, 0.5);
}

/* The title line: the field's name in bold, then min/max/last. Returns the
 * height used. */
static int
draw_title(cairo_t *cr, GtkWidget *w, Plot *plot)
{
	GtkStyle *st = gtk_widget_get_style(w);
	PangoLayout *l;
	PangoFontDescription *bold;
	char *summary = iot_gtk_plot_get_summary(w);
	int tw = 0, th = text_height(w);

	set_colour(cr, &st->text[GTK_STATE_NORMAL]);
	if (plot->label != NULL && *plot->label != '\0') {
		/* The name came from a device: set as text, weight set by attribute,
		 * never parsed as markup. */
		l = gtk_widget_create_pango_layout(w, plot->label);
		bold = pango_font_description_copy(st->font_desc);
		pango_font_description_set_weight(bold, PANGO_WEIGHT_BOLD);
		pango_layout_set_font_description(l, bold);
		pango_font_description_free(bold);
		pango_layout_get_pixel_size(l, &tw, &th);
		cairo_move_to(cr, PAD, PAD / 2);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		tw += 12;
	}
	if (summary != NULL)
		draw_text(cr, w, summary, PAD + tw, PAD / 2, 0);
	g_free(summary);
	return th + PAD / 2;
}

static gint64
time_step(gint64 span_us, double width, double label_w)
{
	static const gint64 steps_s[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
		                          3600, 7200, 10800, 21600, 43200, 86400, 172800,
		                          604800, 2592000, 7776000, 31536000 };
	double max_ticks = MAX(1.0, width / (label_w + MIN_X_LABEL_GAP));
	guint i;

	for (i = 0; i < G_N_ELEMENTS(steps_s); i++) {
		if ((double)span_us / (double)(steps_s[i] * G_USEC_PER_SEC) <= max_ticks)
			return steps_s[i] * G_USEC_PER_SEC;
	}
	return steps_s[G_N_ELEMENTS(steps_s) - 1] * G_USEC_PER_SEC;
}

/* Time ticks at round local times: the time on the first line, and the date
 * on a second line under the first tick and wherever the day changes. */
static void
draw_time_axis(cairo_t *cr, GtkWidget *w, const Frame *f, int line_h)
{
	GtkStyle *st = gtk_widget_get_style(w);
	gboolean daily;
	const char *tfmt;
	GDateTime *dt;
	gint64 step, offset, t;
	char *prev_day = NULL;
	double label_w = text_width(w, "00:00:00");

	step = time_step(f->tmax - f->tmin, f->x1 - f->x0, label_w);
	daily = step >= (gint64)86400 * G_USEC_PER_SEC;
	tfmt = step < 60 * G_USEC_PER_SEC ? "%H:%M:%S" : "%H:%M";
	/* Align to the local clock, not to UTC. */
	dt = g_date_time_new_from_unix_local(f->tmin / G_USEC_PER_SEC);
	offset = dt != NULL ? g_date_time_get_utc_offset(dt) : 0;
	if (dt != NULL)
		g_date_time_unref(dt);
	t = (f->tmin + offset) / step * step - offset;
	if (t < f->tmin)
		t += step;
	cairo_set_line_width(cr, 1.0);
	for (; t <= f->tmax; t += step) {
		double x = floor(x_of(f, t)) + 0.5;
		char *day = local_time(t, "%-d %b");

		cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
		cairo_move_to(cr, x, f->y0);
		cairo_line_to(cr, x, f->y1);
		cairo_stroke(cr);
		set_colour(cr, &st->text[GTK_STATE_NORMAL]);
		cairo_move_to(cr, x, f->y1);
		cairo_line_to(cr, x, f->y1 + TICK);
		cairo_stroke(cr);
		if (daily) {
			draw_text(cr, w, day, x, f->y1 + TICK + 1, 0.5);
		} else {
			char *tm = local_time(t, tfmt);

			draw_text(cr, w, tm, x, f->y1 + TICK + 1, 0.5);
			if (prev_day == NULL || strcmp(prev_day, day) != 0)
				draw_text(cr, w, day, x, f->y1 + TICK + 1 + line_h, 0.5);
			g_free(tm);
		}
		g_free(prev_day);
		prev_day = day;
	}
	g_free(prev_day);
}

static void
draw_value_axis(cairo_t *cr, GtkWidget *w, const Frame *f, double step, int line_h)
{
	GtkStyle *st = gtk_widget_get_style(w);
	int dec = step_decimals(step);
	double v;

	cairo_set_line_width(cr, 1.0);
	for (v = f->vmin; v <= f->vmax + step / 1000; v += step) {
		double y = floor(y_of(f, v)) + 0.5;
		char *s = g_strdup_printf("%.*f", dec, fabs(v) < step / 1000 ? 0.0 : v);

		cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
		cairo_move_to(cr, f->x0, y);
		cairo_line_to(cr, f->x1, y);
		cairo_stroke(cr);
		set_colour(cr, &st->text[GTK_STATE_NORMAL]);
		cairo_move_to(cr, f->x0 - TICK, y);
		cairo_line_to(cr, f->x0, y);
		cairo_stroke(cr);
		draw_text(cr, w, s, f->x0 - TICK - 2, y - line_h / 2.0, 1.0);
		g_free(s);
	}
}

static void
draw_gaps(cairo_t *cr, GtkWidget *w, const Frame *f, GArray *pts)
{
	GtkStyle *st = gtk_widget_get_style(w);
	const char *msg = _("no data");
	int mw = text_width(w, msg), lh = text_height(w);
	guint i;

	for (i = 1; i < pts->len; i++) {
		const IotGtkPlotPoint *p = &g_array_index(pts, IotGtkPlotPoint, i);
		double xa, xb;

		if (!p->gap_before)
			continue;
		xa = x_of(f, g_array_index(pts, IotGtkPlotPoint, i - 1).t);
		xb = x_of(f, p->t);
		cairo_set_source_rgb(cr, 0.94, 0.94, 0.94);
		cairo_rectangle(cr, xa, f->y0, xb - xa, f->y1 - f->y0);
		cairo_fill(cr);
		if (xb - xa > mw + 6) {
			set_colour(cr, &st->text[GTK_STATE_INSENSITIVE]);
			draw_text(cr, w, msg, (xa + xb) / 2, f->y0 + 2, 0.5);
		}
	}
	(void)lh;
}

static void
draw_series(cairo_t *cr, const Frame *f, GArray *pts)
{
	guint i;

	cairo_set_source_rgb(cr, 0.13, 0.40, 0.72);
	cairo_set_line_width(cr, 1.5);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (i = 0; i < pts->len; i++) {
		const IotGtkPlotPoint *p = &g_array_index(pts, IotGtkPlotPoint, i);
		double x = x_of(f, p->t), y = y_of(f, p->v);
		gboolean alone = (i == 0 || p->gap_before) &&
		                 (i + 1 == pts->len ||
		                  g_array_index(pts, IotGtkPlotPoint, i + 1).gap_before);

		if (i == 0 || p->gap_before)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
		if (alone) {
			/* A sample with no neighbour would otherwise be invisible. */
			cairo_stroke(cr);
			cairo_arc(cr, x, y, 2.0, 0, 2 * G_PI);
			cairo_fill(cr);
			cairo_move_to(cr, x, y);
		}
	}
	cairo_stroke(cr);
}

static void
draw_last(cairo_t *cr, const Frame *f, const IotGtkPlotPoint *last)
{
	double x = x_of(f, last->t), y = y_of(f, last->v);

	cairo_arc(cr, x, y, 4.5, 0, 2 * G_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.75, 0.22, 0.17);
	cairo_set_line_width(cr, 2.0);
	cairo_stroke(cr);
}

static gboolean
expose_cb(GtkWidget *w, GdkEventExpose *ev, gpointer data)
{
	Plot *plot = plot_of(w);
	GtkStyle *st = gtk_widget_get_style(w);
	cairo_t *cr;
	Frame f;
	const char *unit;
	double step, vmin, vmax;
	int line_h, title_h, label_w, width = w->allocation.width, height = w->allocation.height;
	char *a, *b;

	if (plot == NULL)
		return FALSE;
	compute(plot);
	cr = gdk_cairo_create(w->window);
	gdk_cairo_region(cr, ev->region);
	cairo_clip(cr);
	gdk_cairo_set_source_color(cr, &st->base[GTK_STATE_NORMAL]);
	cairo_paint(cr);
	if (plot->series == NULL || plot->points->len == 0) {
		draw_message(cr, w,
		             plot->series == NULL ? _("Select a numeric field to see its history.")
		                                  : _("No history of this field yet."));
		cairo_destroy(cr);
		return FALSE;
	}
	line_h = text_height(w);
	title_h = draw_title(cr, w, plot);

	vmin = plot->min;
	vmax = plot->max;
	if (vmax - vmin < 1e-12 * MAX(1.0, fabs(vmax))) {
		/* A flat line: give it some room above and below. */
		double pad = fabs(vmax) > 1e-9 ? fabs(vmax) * 0.05 : 1.0;
		vmin -= pad;
		vmax += pad;
	}
	/* Room for the unit above the value labels, which stand half a line
	 * above the top of the frame. */
	f.y0 = PAD / 2 + title_h + line_h + line_h / 2 + 4;
	f.y1 = height - (TICK + 2 + 2 * line_h + PAD / 2);
	if (f.y1 - f.y0 < 20) {
		cairo_destroy(cr);
		return FALSE;
	}
	step = nice_step((vmax - vmin) / MAX(1.0, floor((f.y1 - f.y0) / Y_TICK_SPACING)));
	f.vmin = floor(vmin / step) * step;
	f.vmax = ceil(vmax / step) * step;
	a = g_strdup_printf("%.*f", step_decimals(step), f.vmin);
	b = g_strdup_printf("%.*f", step_decimals(step), f.vmax);
	label_w = MAX(text_width(w, a), text_width(w, b));
	g_free(a);
	g_free(b);
	unit = iot_history_series_get_unit(plot->series);
	f.x0 = PAD + MAX(label_w + TICK + 4, unit != NULL ? text_width(w, unit) : 0);
	/* Room on the right for half a time label and the last-point mark. */
	f.x1 = width - PAD - text_width(w, "00:00") / 2;
	f.tmin = g_array_index(plot->points, IotGtkPlotPoint, 0).t;
	f.tmax = plot->last.t;
	if (f.tmax - f.tmin < G_USEC_PER_SEC) {
		f.tmin -= 30 * G_USEC_PER_SEC;
		f.tmax += 30 * G_USEC_PER_SEC;
	}

	draw_gaps(cr, w, &f, plot->points);
	draw_value_axis(cr, w, &f, step, line_h);
	draw_time_axis(cr, w, &f, line_h);
	set_colour(cr, &st->text[GTK_STATE_NORMAL]);
	if (unit != NULL && *unit != '\0')
		draw_text(cr, w, unit, PAD, f.y0 - line_h / 2 - line_h - 2, 0);
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, floor(f.x0) + 0.5, floor(f.y0) + 0.5, floor(f.x1 - f.x0),
	                floor(f.y1 - f.y0));
	cairo_stroke(cr);

	cairo_save(cr);
	cairo_rectangle(cr, f.x0, f.y0 - 6, f.x1 - f.x0 + 6, f.y1 - f.y0 + 12);
	cairo_clip(cr);
	draw_series(cr, &f, plot->points);
	draw_last(cr, &f, &plot->last);
	cairo_restore(cr);
	cairo_destroy(cr);
	return FALSE;
}

GtkWidget *
iot_gtk_plot_new(void)
{
	Plot *plot = g_new0(Plot, 1);

	plot->area = gtk_drawing_area_new();
	gtk_widget_set_size_request(plot->area, 200, 150);
	g_object_set_data_full(G_OBJECT(plot->area), PLOT_KEY, plot, plot_free);
	g_signal_connect(plot->area, "expose-event", G_CALLBACK(expose_cb), NULL);
	return plot->area;
}

void
iot_gtk_plot_set_series(GtkWidget *w, const IotHistorySeries *series, const char *label)
{
	Plot *plot = plot_of(w);

	g_return_if_fail(plot != NULL);
	plot->series = series;
	g_free(plot->label);
	plot->label = g_strdup(label);
	iot_gtk_plot_changed(w);
}

void
iot_gtk_plot_changed(GtkWidget *w)
{
	Plot *plot = plot_of(w);

	g_return_if_fail(plot != NULL);
	if (plot->points != NULL) {
		g_array_unref(plot->points);
		plot->points = NULL;
	}
	gtk_widget_queue_draw(w);
}
