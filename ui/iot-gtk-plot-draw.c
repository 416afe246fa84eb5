/*
 * iot-gtk-plot-draw.c — paints a plot's layout with cairo: the title and
 * summary, axes and grid, gaps, the min/max band and the line of numbers,
 * the segments, labels and legend of states.
 */
#include "iot-gtk-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define PAD IOT_GTK_PLOT_PAD
#define TICK IOT_GTK_PLOT_TICK

/* The series' colour: lines, bands (translucent). */
#define SERIES_R 0.13
#define SERIES_G 0.40
#define SERIES_B 0.72
#define BAND_ALPHA 0.25

/* State colours: light enough for dark text, told apart by their patterns
 * as well, so that colour is never the only difference. */
static const double colours[IOT_GTK_PLOT_N_COLOURS][3] = {
	{ 0.62, 0.77, 0.91 }, /* light blue */
	{ 0.96, 0.73, 0.44 }, /* orange */
	{ 0.65, 0.85, 0.61 }, /* green */
	{ 0.92, 0.64, 0.71 }, /* pink */
	{ 0.78, 0.70, 0.90 }, /* lavender */
	{ 0.91, 0.86, 0.52 }, /* yellow */
	{ 0.57, 0.83, 0.80 }, /* teal */
	{ 0.82, 0.71, 0.55 }, /* tan */
};

static void
set_colour(cairo_t *cr, const GdkColor *c)
{
	cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
}

/* Draws @text with its top-left (@align 0), top-centre (0.5) or top-right
 * (1) at (@x, @y), never cut at the widget's edges. */
static void
draw_text(cairo_t *cr, GtkWidget *w, const char *text, double x, double y, double align)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, text);
	int tw, th;

	pango_layout_get_pixel_size(l, &tw, &th);
	x = CLAMP(x - align * tw, 2.0, MAX(2.0, w->allocation.width - tw - 2.0));
	cairo_move_to(cr, floor(x), floor(y));
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static void
draw_message(cairo_t *cr, GtkWidget *w, const IotGtkPlotLayout *l, const char *msg)
{
	GtkStyle *st = gtk_widget_get_style(w);

	set_colour(cr, &st->text[GTK_STATE_INSENSITIVE]);
	draw_text(cr, w, msg, l->width / 2.0, (l->height - l->line_h) / 2.0, 0.5);
}

/* The title line: the field's name in bold and its unit, then the
 * summary, shortened with "…" when the plot is narrow. */
static void
draw_title(cairo_t *cr, GtkWidget *w, const IotGtkPlotLayout *l)
{
	GtkStyle *st = gtk_widget_get_style(w);
	PangoLayout *pl;
	int tw = 0, th;

	set_colour(cr, &st->text[GTK_STATE_NORMAL]);
	if (*l->title != '\0') {
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);

		/* The name came from a device: set as text, weight set by attribute,
		 * never parsed as markup. */
		pl = gtk_widget_create_pango_layout(w, l->title);
		bold->start_index = 0;
		bold->end_index = (guint)l->title_bold;
		pango_attr_list_insert(attrs, bold);
		pango_layout_set_attributes(pl, attrs);
		pango_attr_list_unref(attrs);
		pango_layout_set_width(pl, (l->width / 2) * PANGO_SCALE);
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
		pango_layout_get_pixel_size(pl, &tw, &th);
		cairo_move_to(cr, PAD, PAD / 2);
		pango_cairo_show_layout(cr, pl);
		g_object_unref(pl);
		tw += 12;
	}
	if (l->summary != NULL && l->width - 2 * PAD - tw > 20) {
		pl = gtk_widget_create_pango_layout(w, l->summary);
		pango_layout_set_width(pl, (l->width - 2 * PAD - tw) * PANGO_SCALE);
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
		cairo_move_to(cr, PAD + tw, PAD / 2);
		pango_cairo_show_layout(cr, pl);
		g_object_unref(pl);
	}
}

static void
draw_time_axis(cairo_t *cr, GtkWidget *w, const IotGtkPlotLayout *l)
{
	GtkStyle *st = gtk_widget_get_style(w);
	guint i;

	cairo_set_line_width(cr, 1.0);
	for (i = 0; i < l->ticks->len; i++) {
		const IotGtkPlotTick *t = g_ptr_array_index(l->ticks, i);

		cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
		cairo_move_to(cr, t->x, l->y0);
		cairo_line_to(cr, t->x, l->y1);
		cairo_stroke(cr);
		set_colour(cr, &st->text[GTK_STATE_NORMAL]);
		cairo_move_to(cr, t->x, l->y1);
		cairo_line_to(cr, t->x, l->y1 + TICK);
		cairo_stroke(cr);
		if (t->text != NULL)
			draw_text(cr, w, t->text, t->left, l->y1 + TICK + 1, 0);
		if (t->text2 != NULL)
			draw_text(cr, w, t->text2, t->left2, l->y1 + TICK + 1 + l->line_h, 0);
	}
}

static void
draw_value_axis(cairo_t *cr, GtkWidget *w, const IotGtkPlotLayout *l)
{
	GtkStyle *st = gtk_widget_get_style(w);
	double v;

	cairo_set_line_width(cr, 1.0);
	for (v = l->vmin; v <= l->vmax + l->vstep / 1000; v += l->vstep) {
		double y = floor(l->y1 - (l->y1 - l->y0) * (v - l->vmin) / (l->vmax - l->vmin)) + 0.5;
		char *s = g_strdup_printf("%.*f", l->vdecimals, fabs(v) < l->vstep / 1000 ? 0.0 : v);

		cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
		cairo_move_to(cr, l->x0, y);
		cairo_line_to(cr, l->x1, y);
		cairo_stroke(cr);
		set_colour(cr, &st->text[GTK_STATE_NORMAL]);
		cairo_move_to(cr, l->x0 - TICK, y);
		cairo_line_to(cr, l->x0, y);
		cairo_stroke(cr);
		draw_text(cr, w, s, l->x0 - TICK - 2, y - l->line_h / 2.0, 1.0);
		g_free(s);
	}
}

static double
y_of(const IotGtkPlotLayout *l, double v)
{
	return l->y1 - (l->y1 - l->y0) * (v - l->vmin) / (l->vmax - l->vmin);
}

static void
draw_gaps(cairo_t *cr, GtkWidget *w, const IotGtkPlotLayout *l)
{
	GtkStyle *st = gtk_widget_get_style(w);
	const char *msg = _("no data");
	int mw;
	guint i;

	iot_gtk_plot_text_size(w, msg, &mw, NULL);
	for (i = 1; i < l->points->len; i++) {
		const IotGtkPlotPoint *pt = &g_array_index(l->points, IotGtkPlotPoint, i);
		double xa, xb;

		if (!pt->gap_before)
			continue;
		/* From the end of the bucket before to the start of the one after. */
		xa = MAX(l->x0, iot_gtk_plot_x_of(l, g_array_index(l->buckets, IotGtkPlotBucket, i - 1).end));
		xb = MIN(l->x1, iot_gtk_plot_x_of(l, g_array_index(l->buckets, IotGtkPlotBucket, i).start));
		cairo_set_source_rgb(cr, 0.94, 0.94, 0.94);
		cairo_rectangle(cr, xa, l->y0, xb - xa, l->y1 - l->y0);
		cairo_fill(cr);
		if (xb - xa > mw + 6) {
			set_colour(cr, &st->text[GTK_STATE_INSENSITIVE]);
			draw_text(cr, w, msg, (xa + xb) / 2, l->y0 + 2, 0.5);
		}
	}
}

/* The band of each run: along the maxima, back along the minima. */
static void
draw_bands(cairo_t *cr, const IotGtkPlotLayout *l)
{
	guint n = l->points->len, i = 0;

	while (i < n) {
		guint j = i + 1, k;

		while (j < n && !g_array_index(l->points, IotGtkPlotPoint, j).gap_before)
			j++;
		if (g_array_index(l->band, gboolean, i)) {
			for (k = i; k < j; k++) {
				const IotGtkPlotBucket *b = &g_array_index(l->buckets, IotGtkPlotBucket, k);
				double x = iot_gtk_plot_x_of(l, g_array_index(l->points, IotGtkPlotPoint, k).t);

				if (k == i)
					cairo_move_to(cr, x, y_of(l, b->max));
				else
					cairo_line_to(cr, x, y_of(l, b->max));
			}
			for (k = j; k-- > i;) {
				const IotGtkPlotBucket *b = &g_array_index(l->buckets, IotGtkPlotBucket, k);

				cairo_line_to(cr, iot_gtk_plot_x_of(l, g_array_index(l->points, IotGtkPlotPoint, k).t),
				              y_of(l, b->min));
			}
			cairo_close_path(cr);
			cairo_set_source_rgba(cr, SERIES_R, SERIES_G, SERIES_B, BAND_ALPHA);
			/* A thin edge, so that a band one pixel high is still seen. */
			cairo_fill_preserve(cr);
			cairo_set_line_width(cr, 0.5);
			cairo_stroke(cr);
		}
		i = j;
	}
}

static void
draw_line(cairo_t *cr, const IotGtkPlotLayout *l)
{
	guint i, n = l->points->len;

	/* Over a band (means), thinner and darker, so that the band shows. */
	if (l->band_buckets > 0) {
		cairo_set_source_rgb(cr, SERIES_R * 0.6, SERIES_G * 0.6, SERIES_B * 0.7);
		cairo_set_line_width(cr, 1.0);
	} else {
		cairo_set_source_rgb(cr, SERIES_R, SERIES_G, SERIES_B);
		cairo_set_line_width(cr, 1.5);
	}
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (i = 0; i < n; i++) {
		const IotGtkPlotPoint *pt = &g_array_index(l->points, IotGtkPlotPoint, i);
		double x = iot_gtk_plot_x_of(l, pt->t), y = y_of(l, pt->v);
		gboolean alone = (i == 0 || pt->gap_before) &&
		                 (i + 1 == n || g_array_index(l->points, IotGtkPlotPoint, i + 1).gap_before);

		if (i == 0 || pt->gap_before)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
		if (alone) {
			/* A value with no neighbour would otherwise be invisible. */
			cairo_stroke(cr);
			cairo_arc(cr, x, y, 2.0, 0, 2 * G_PI);
			cairo_fill(cr);
			cairo_move_to(cr, x, y);
		}
	}
	cairo_stroke(cr);
}

static void
draw_last(cairo_t *cr, const IotGtkPlotLayout *l)
{
	const IotGtkPlotBucket *b = &g_array_index(l->buckets, IotGtkPlotBucket, l->buckets->len - 1);
	double v = isfinite(b->last) ? b->last : b->mean;
	double x = iot_gtk_plot_x_of(l, b->end), y = y_of(l, v);

	cairo_arc(cr, x, y, 4.5, 0, 2 * G_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.75, 0.22, 0.17);
	cairo_set_line_width(cr, 2.0);
	cairo_stroke(cr);
}

static void
draw_numbers(cairo_t *cr, GtkWidget *w, IotGtkPlotState *p, const IotGtkPlotLayout *l)
{
	GtkStyle *st = gtk_widget_get_style(w);

	draw_gaps(cr, w, l);
	draw_value_axis(cr, w, l);
	draw_time_axis(cr, w, l);
	set_colour(cr, &st->text[GTK_STATE_NORMAL]);
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, floor(l->x0) + 0.5, floor(l->y0) + 0.5, floor(l->x1 - l->x0),
	                floor(l->y1 - l->y0));
	cairo_stroke(cr);

	cairo_save(cr);
	cairo_rectangle(cr, l->x0, l->y0 - 6, l->x1 - l->x0 + 6, l->y1 - l->y0 + 12);
	cairo_clip(cr);
	draw_bands(cr, l);
	draw_line(cr, l);
	if (l->mark_last)
		draw_last(cr, l);
	cairo_restore(cr);
}

/* ---- states ------------------------------------------------------------------------ */

/* Colour and pattern of @style in the rectangle. */
static void
fill_style(cairo_t *cr, guint style, double x, double y, double w, double h)
{
	const double *c = colours[style % IOT_GTK_PLOT_N_COLOURS];
	guint pattern = style % IOT_GTK_PLOT_N_PATTERNS;
	double d;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, c[0], c[1], c[2]);
	cairo_paint(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_set_line_width(cr, 1.0);
	switch (pattern) {
	case 1: /* rising diagonals */
		for (d = x - h; d < x + w; d += 6) {
			cairo_move_to(cr, d, y + h);
			cairo_line_to(cr, d + h, y);
		}
		break;
	case 2: /* falling diagonals */
		for (d = x - h; d < x + w; d += 6) {
			cairo_move_to(cr, d, y);
			cairo_line_to(cr, d + h, y + h);
		}
		break;
	case 3: /* horizontal lines */
		for (d = y + 2.5; d < y + h; d += 5) {
			cairo_move_to(cr, x, floor(d) + 0.5);
			cairo_line_to(cr, x + w, floor(d) + 0.5);
		}
		break;
	case 4: /* vertical lines */
		for (d = floor(x) + 2.5; d < x + w; d += 5) {
			cairo_move_to(cr, d, y);
			cairo_line_to(cr, d, y + h);
		}
		break;
	case 5: /* cross-hatch */
		for (d = x - h; d < x + w; d += 8) {
			cairo_move_to(cr, d, y + h);
			cairo_line_to(cr, d + h, y);
			cairo_move_to(cr, d, y);
			cairo_line_to(cr, d + h, y + h);
		}
		break;
	case 6: /* dots */
		for (d = x + 2; d < x + w; d += 5) {
			double e;

			for (e = y + 2; e < y + h; e += 5)
				cairo_rectangle(cr, floor(d), floor(e), 1.5, 1.5);
		}
		cairo_fill(cr);
		break;
	default: /* plain */
		break;
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* A label on a light box, readable over any colour and pattern. */
static void
draw_label(cairo_t *cr, GtkWidget *w, const char *text, double cx, double cy)
{
	PangoLayout *pl = gtk_widget_create_pango_layout(w, text);
	int tw, th;
	double x, y;

	pango_layout_get_pixel_size(pl, &tw, &th);
	x = floor(cx - tw / 2.0);
	y = floor(cy - th / 2.0);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_rectangle(cr, x - 3, y, tw + 6, th);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);
}

static void
draw_states(cairo_t *cr, GtkWidget *w, const IotGtkPlotLayout *l)
{
	GtkStyle *st = gtk_widget_get_style(w);
	double x, h = l->y1 - l->y0;
	guint i;

	draw_time_axis(cr, w, l);
	cairo_save(cr);
	cairo_rectangle(cr, l->x0, l->y0, l->x1 - l->x0, h);
	cairo_clip(cr);
	for (i = 0; i < l->segments->len; i++) {
		const IotGtkPlotSegmentView *s = g_ptr_array_index(l->segments, i);

		fill_style(cr, s->style, s->x0, l->y0, s->x1 - s->x0, h);
		/* A thin light line where one value gives way to the next. */
		if (i > 0) {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 1.0);
			cairo_move_to(cr, floor(s->x0) + 0.5, l->y0);
			cairo_line_to(cr, floor(s->x0) + 0.5, l->y1);
			cairo_stroke(cr);
		}
		if (s->hidden > 0) {
			/* Changes too close together to show: a dark notch on top. */
			cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
			cairo_move_to(cr, s->x0 - 4, l->y0);
			cairo_line_to(cr, s->x0 + 4, l->y0);
			cairo_line_to(cr, s->x0, l->y0 + 6);
			cairo_close_path(cr);
			cairo_fill(cr);
		}
	}
	for (i = 0; i < l->segments->len; i++) {
		const IotGtkPlotSegmentView *s = g_ptr_array_index(l->segments, i);

		if (s->label != NULL)
			draw_label(cr, w, s->label, (s->x0 + s->x1) / 2, l->y0 + h / 2);
	}
	cairo_restore(cr);
	set_colour(cr, &st->text[GTK_STATE_NORMAL]);
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, floor(l->x0) + 0.5, floor(l->y0) + 0.5, floor(l->x1 - l->x0),
	                floor(h));
	cairo_stroke(cr);

	/* The legend: each value's colour and pattern, and its name. */
	x = l->x0;
	for (i = 0; i < l->legend->len; i++) {
		const char *v = g_ptr_array_index(l->legend, i);
		int tw;

		fill_style(cr, g_array_index(l->legend_styles, guint, i), x, l->legend_y + 2, 18,
		           l->line_h - 4);
		set_colour(cr, &st->text[GTK_STATE_NORMAL]);
		cairo_rectangle(cr, floor(x) + 0.5, floor(l->legend_y + 2) + 0.5, 18, l->line_h - 4);
		cairo_stroke(cr);
		iot_gtk_plot_text_size(w, v, &tw, NULL);
		draw_text(cr, w, v, x + 22, l->legend_y, 0);
		x += 22 + tw + 14;
	}
	if (l->legend_more > 0) {
		/* TRANSLATORS: at the end of a plot's legend: values it had no room for. */
		char *more = g_strdup_printf(_("+%u more"), l->legend_more);

		set_colour(cr, &st->text[GTK_STATE_INSENSITIVE]);
		draw_text(cr, w, more, x, l->legend_y, 0);
		g_free(more);
	}
}

void
iot_gtk_plot_draw(IotGtkPlotState *p, const IotGtkPlotLayout *l, cairo_t *cr)
{
	GtkWidget *w = p->area;
	GtkStyle *st = gtk_widget_get_style(w);

	gdk_cairo_set_source_color(cr, &st->base[GTK_STATE_NORMAL]);
	cairo_paint(cr);
	if (!l->has_data) {
		if (l->summary != NULL || l->message == NULL)
			return;
		draw_message(cr, w, l, l->message);
		return;
	}
	draw_title(cr, w, l);
	if (p->kind == IOT_GTK_PLOT_NUMBERS)
		draw_numbers(cr, w, p, l);
	else
		draw_states(cr, w, l);
}
