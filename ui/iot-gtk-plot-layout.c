/*
 * iot-gtk-plot-layout.c — where a plot's parts go at one size: the frame,
 * the scales, the points and bands of numbers, the segments and legend of
 * states, the time axis with calendar-aligned ticks, and the text (summary,
 * tooltips). Pure computation: iot-gtk-plot-draw.c paints the result, tests
 * read it as the drawing model.
 */
#include "iot-gtk-plot-private.h"

#include "iot-format.h"
#include "iot-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define PAD IOT_GTK_PLOT_PAD
#define TICK IOT_GTK_PLOT_TICK
#define Y_TICK_SPACING 36  /* aim for a value label every this many px */
#define BAND_MIN 22        /* height of a state band, px */
#define BAND_MAX 56
#define SWATCH_W 18        /* a legend entry's sample, px */
#define LEGEND_GAP 14

/* ---- text ------------------------------------------------------------------- */

void
iot_gtk_plot_text_size(GtkWidget *w, const char *text, int *width, int *height)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, text);
	int tw, th;

	pango_layout_get_pixel_size(l, &tw, &th);
	g_object_unref(l);
	if (width != NULL)
		*width = tw;
	if (height != NULL)
		*height = th;
}

static int
text_width(GtkWidget *w, const char *s)
{
	int tw;

	iot_gtk_plot_text_size(w, s, &tw, NULL);
	return tw;
}

char *
iot_gtk_plot_local(gint64 us, const char *format)
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
iot_gtk_plot_state_text(IotGtkPlotState *p, const char *value)
{
	if (p->type == IOT_VALUE_BOOLEAN) {
		IotField f;

		memset(&f, 0, sizeof f);
		f.type = IOT_VALUE_BOOLEAN;
		f.value = (char *)value;
		f.name = (char *)"";
		return iot_format_value(&f, g_get_real_time());
	}
	return iot_format_clean(value, IOT_GTK_PLOT_VALUE_CHARS);
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

/* The next smaller nice step. */
static double
nice_below(double step)
{
	double p = pow(10.0, floor(log10(step) + 1e-9)), f = step / p;

	if (f < 1.5)
		return 0.5 * p;
	if (f < 2.25)
		return p;
	if (f < 3.75)
		return 2 * p;
	return 2.5 * p;
}

/* Labels of @step on the value axis are at least a line apart. */
static gboolean
axis_fits(const IotGtkPlotLayout *l, double vmin, double vmax, double step)
{
	return (ceil(vmax / step) - floor(vmin / step)) * (l->line_h + 1) <= l->y1 - l->y0;
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

double
iot_gtk_plot_x_of(const IotGtkPlotLayout *l, gint64 t)
{
	return l->x0 + (l->x1 - l->x0) * ((double)t - (double)l->tmin) /
	                   ((double)l->tmax - (double)l->tmin);
}

gint64
iot_gtk_plot_t_of(const IotGtkPlotLayout *l, double x)
{
	return l->tmin + (gint64)((x - l->x0) / (l->x1 - l->x0) * ((double)l->tmax - (double)l->tmin));
}

static const char *
unit_of(IotGtkPlotState *p)
{
	if (p->answer != NULL && p->answer->unit != NULL && *p->answer->unit != '\0')
		return p->answer->unit;
	return p->unit;
}

/* ---- numbers ---------------------------------------------------------------------- */

static gint
cmp_gint64(gconstpointer a, gconstpointer b)
{
	gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

	return x < y ? -1 : x > y;
}

/* Gaps: buckets further apart than GAP_FACTOR times the median distance
 * between buckets, and at least than a pixel column, are not joined. */
static void
find_gaps(IotGtkPlotLayout *l)
{
	guint n = l->buckets->len, i;
	GArray *d;
	double column, limit;
	gint64 median;

	if (n < 3)
		return;
	d = g_array_sized_new(FALSE, FALSE, sizeof(gint64), n - 1);
	for (i = 1; i < n; i++) {
		gint64 x = g_array_index(l->buckets, IotGtkPlotBucket, i).start -
		           g_array_index(l->buckets, IotGtkPlotBucket, i - 1).end;

		x = MAX(x, 0);
		g_array_append_val(d, x);
	}
	g_array_sort(d, cmp_gint64);
	median = g_array_index(d, gint64, d->len / 2);
	column = ((double)l->tmax - (double)l->tmin) / MAX(1.0, l->x1 - l->x0);
	limit = IOT_GTK_PLOT_GAP_FACTOR * MAX((double)median, column);
	for (i = 1; i < n; i++) {
		double x = (double)(g_array_index(l->buckets, IotGtkPlotBucket, i).start -
		                    g_array_index(l->buckets, IotGtkPlotBucket, i - 1).end);

		if (x > limit) {
			g_array_index(l->points, IotGtkPlotPoint, i).gap_before = TRUE;
			l->gaps++;
		}
	}
	g_array_unref(d);
}

/* A run of buckets between gaps is a band when it holds statistics or
 * more than one value in a pixel column. */
static void
find_bands(IotGtkPlotLayout *l, gboolean hours)
{
	guint n = l->buckets->len, i, start = 0;

	g_array_set_size(l->band, n);
	for (i = 1; i <= n; i++) {
		if (i < n && !g_array_index(l->points, IotGtkPlotPoint, i).gap_before)
			continue;
		{
			gboolean band = hours;
			guint j;

			for (j = start; j < i && !band; j++) {
				const IotGtkPlotBucket *b = &g_array_index(l->buckets, IotGtkPlotBucket, j);

				band = b->max - b->min > 1e-9 * MAX(1.0, fabs(b->max));
			}
			for (j = start; j < i; j++)
				g_array_index(l->band, gboolean, j) = band;
			if (band)
				l->band_buckets += i - start;
		}
		start = i;
	}
}

static char *
numbers_summary(IotGtkPlotState *p, IotGtkPlotLayout *l, double min, double max)
{
	const char *unit = unit_of(p);
	const IotGtkPlotBucket *lb = &g_array_index(l->buckets, IotGtkPlotBucket, l->buckets->len - 1);
	int dec = decimals_for(max - min, max);
	char *a = format_number(min, dec, unit), *b = format_number(max, dec, unit), *c, *base, *out;
	guint i;

	if (p->answer->detail == IOT_GTK_PLOT_SAMPLES) {
		char *when = iot_time_format_local(lb->end, g_get_real_time());

		c = format_number(isfinite(lb->last) ? lb->last : lb->mean, dec, unit);
		/* TRANSLATORS: above a plot: smallest, largest and newest value, and
		 * when the newest was taken: "min 20.1 °C · max 22.3 °C · last 21.5 °C at 12:03:10". */
		base = g_strdup_printf(_("min %s · max %s · last %s at %s"), a, b, c, when);
		/* TRANSLATORS: the values above, then what the plot shows: %s is
		 * "every value" or "hourly statistics". */
		out = g_strdup_printf(_("%s · %s"), base, _("every value"));
		g_free(when);
	} else {
		double sum = 0, count = 0;

		for (i = 0; i < l->buckets->len; i++) {
			const IotGtkPlotBucket *bk = &g_array_index(l->buckets, IotGtkPlotBucket, i);

			sum += bk->mean * (double)bk->count;
			count += (double)bk->count;
		}
		c = format_number(count > 0 ? sum / count : 0, dec, unit);
		/* TRANSLATORS: above a plot of hourly statistics: smallest, largest
		 * and mean value of the range shown. */
		base = g_strdup_printf(_("min %s · max %s · mean %s"), a, b, c);
		out = g_strdup_printf(_("%s · %s"), base, _("hourly statistics"));
	}
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(base);
	return out;
}

static int
title_height(GtkWidget *w, int line_h)
{
	return line_h + PAD / 2;
}

static void
layout_numbers(IotGtkPlotState *p, IotGtkPlotLayout *l, GtkWidget *w)
{
	double min = 0, max = 0, vmin, vmax;
	int label_w;
	guint i;
	char *a, *b;

	for (i = 0; i < p->answer->buckets->len; i++) {
		const IotGtkPlotBucket *bk = &g_array_index(p->answer->buckets, IotGtkPlotBucket, i);

		if (bk->end < l->tmin || bk->start > l->tmax)
			continue;
		if (l->buckets->len == 0 || bk->min < min)
			min = bk->min;
		if (l->buckets->len == 0 || bk->max > max)
			max = bk->max;
		g_array_append_val(l->buckets, *bk);
	}
	if (l->buckets->len == 0)
		return;
	l->has_data = TRUE;
	l->summary = numbers_summary(p, l, min, max);
	vmin = min;
	vmax = max;
	if (vmax - vmin < 1e-12 * MAX(1.0, fabs(vmax))) {
		/* A flat line: give it some room above and below. */
		double pad = fabs(vmax) > 1e-9 ? fabs(vmax) * 0.05 : 1.0;
		vmin -= pad;
		vmax += pad;
	}
	/* Room for the top value label, which stands half a line above the
	 * frame (the unit is in the title). */
	l->y0 = PAD / 2 + title_height(w, l->line_h) + l->line_h / 2 + 4;
	l->y1 = l->height - (TICK + 2 + 2 * l->line_h + PAD / 2);
	if (l->y1 - l->y0 < 20) {
		l->has_data = FALSE;
		return;
	}
	/* A label every Y_TICK_SPACING px or so; labels never closer than
	 * their height; in a low plot, finer steps while the axis would reach
	 * far beyond the data. */
	l->vstep = nice_step((vmax - vmin) / MAX(1.0, floor((l->y1 - l->y0) / Y_TICK_SPACING)));
	while (!axis_fits(l, vmin, vmax, l->vstep))
		l->vstep = nice_step(l->vstep * 1.001);
	while ((ceil(vmax / l->vstep) - floor(vmin / l->vstep)) * l->vstep > 1.5 * (vmax - vmin) &&
	       axis_fits(l, vmin, vmax, nice_below(l->vstep)))
		l->vstep = nice_below(l->vstep);
	l->vmin = floor(vmin / l->vstep) * l->vstep;
	l->vmax = ceil(vmax / l->vstep) * l->vstep;
	l->vdecimals = step_decimals(l->vstep);
	a = g_strdup_printf("%.*f", l->vdecimals, l->vmin);
	b = g_strdup_printf("%.*f", l->vdecimals, l->vmax);
	label_w = MAX(text_width(w, a), text_width(w, b));
	g_free(a);
	g_free(b);
	l->x0 = PAD + label_w + TICK + 4;
	/* Room on the right for half a time label and the last-point mark. */
	l->x1 = l->width - PAD - text_width(w, "00:00") / 2;

	for (i = 0; i < l->buckets->len; i++) {
		const IotGtkPlotBucket *bk = &g_array_index(l->buckets, IotGtkPlotBucket, i);
		IotGtkPlotPoint pt = { bk->start + (bk->end - bk->start) / 2, bk->mean, FALSE };

		g_array_append_val(l->points, pt);
	}
	l->line_points = l->points->len;
	find_gaps(l);
	find_bands(l, p->answer->detail == IOT_GTK_PLOT_HOURS);
	/* The newest value is marked when it is one (not a mean) and in view. */
	l->mark_last = p->answer->detail == IOT_GTK_PLOT_SAMPLES &&
	               g_array_index(l->buckets, IotGtkPlotBucket, l->buckets->len - 1).end ==
	                   g_array_index(p->answer->buckets, IotGtkPlotBucket,
	                                 p->answer->buckets->len - 1).end;
}

/* ---- states ------------------------------------------------------------------------- */

static char *
segment_times(const IotGtkPlotLayout *l, const IotGtkPlotSegment *s)
{
	gboolean days = l->tmax - l->tmin > (gint64)2 * 86400 * G_USEC_PER_SEC;
	const char *f = days ? "%-d %b %H:%M" : "%H:%M";
	char *a = iot_gtk_plot_local(s->start, f), *b = iot_gtk_plot_local(s->end, f), *out;

	/* TRANSLATORS: a stretch of time, "08:12–08:14". */
	out = g_strdup_printf(_("%s–%s"), a, b);
	g_free(a);
	g_free(b);
	return out;
}

static char *
states_summary(IotGtkPlotState *p, IotGtkPlotLayout *l)
{
	const IotGtkPlotSegmentView *last = g_ptr_array_index(l->segments, l->segments->len - 1);
	guint changes = l->segments->len - 1 + l->hidden;
	char *n = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u change", "%u changes", changes), changes);
	char *when = iot_gtk_plot_local(last->start, l->tmax - l->tmin > (gint64)2 * 86400 * G_USEC_PER_SEC
	                                                 ? "%-d %b %H:%M"
	                                                 : "%H:%M");
	/* TRANSLATORS: above a timeline of states: the newest one and since
	 * when it holds, "last: closed since 17:06". */
	char *tail = g_strdup_printf(_("last: %s since %s"), last->value, when), *out;

	out = g_strdup_printf(_("%s · %s"), n, tail);
	if (l->hidden > 0) {
		char *more = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u not shown (zoom in)", "%u not shown (zoom in)",
		                                      l->hidden),
		                             l->hidden);
		char *all = g_strdup_printf(_("%s · %s"), out, more);

		g_free(out);
		g_free(more);
		out = all;
	}
	g_free(n);
	g_free(when);
	g_free(tail);
	return out;
}

static void
layout_legend(IotGtkPlotState *p, IotGtkPlotLayout *l, GtkWidget *w)
{
	GHashTable *shown = g_hash_table_new(g_direct_hash, g_direct_equal);
	GArray *styles = g_array_new(FALSE, FALSE, sizeof(guint));
	GPtrArray *values = g_ptr_array_new();
	double x = l->x0;
	guint i, j;

	for (i = 0; i < l->segments->len; i++) {
		IotGtkPlotSegmentView *s = g_ptr_array_index(l->segments, i);

		if (g_hash_table_add(shown, GUINT_TO_POINTER(s->style + 1))) {
			/* In style order: the legend stays in place while the range moves. */
			for (j = 0; j < styles->len && g_array_index(styles, guint, j) < s->style; j++)
				;
			g_array_insert_val(styles, j, s->style);
			g_ptr_array_insert(values, (gint)j, s->value);
		}
	}
	for (i = 0; i < styles->len; i++) {
		double need = SWATCH_W + 4 + text_width(w, g_ptr_array_index(values, i)) + LEGEND_GAP;

		if (x + need > l->x1 + LEGEND_GAP && i + 1 < styles->len) {
			l->legend_more = styles->len - i;
			break;
		}
		g_ptr_array_add(l->legend, g_strdup(g_ptr_array_index(values, i)));
		g_array_append_val(l->legend_styles, g_array_index(styles, guint, i));
		x += need;
	}
	g_hash_table_destroy(shown);
	g_array_unref(styles);
	g_ptr_array_free(values, TRUE);
}

static void
layout_states(IotGtkPlotState *p, IotGtkPlotLayout *l, GtkWidget *w)
{
	double rest;
	guint i;

	l->x0 = PAD;
	l->x1 = l->width - PAD;
	l->y0 = PAD / 2 + title_height(w, l->line_h) + 6;
	rest = l->height - l->y0 - (TICK + 2 + 2 * l->line_h) - (l->line_h + 10) - PAD / 2;
	l->y1 = l->y0 + CLAMP(rest, BAND_MIN, BAND_MAX);
	l->legend_y = l->y1 + TICK + 2 + 2 * l->line_h + 6;
	for (i = 0; i < p->answer->segments->len; i++) {
		const IotGtkPlotSegment *s = g_ptr_array_index(p->answer->segments, i);
		IotGtkPlotSegmentView *v;
		char *times;
		double room;

		if (s->end < l->tmin || s->start > l->tmax)
			continue;
		v = g_new0(IotGtkPlotSegmentView, 1);
		v->start = s->start;
		v->end = s->end;
		v->x0 = iot_gtk_plot_x_of(l, MAX(s->start, l->tmin));
		v->x1 = MAX(v->x0 + 1, iot_gtk_plot_x_of(l, MIN(s->end, l->tmax)));
		v->value = iot_gtk_plot_state_text(p, s->value);
		v->style = iot_gtk_plot_style_of(p, s->value);
		v->hidden = s->hidden;
		l->hidden += s->hidden;
		/* The value, with its times where there is room: never cut. */
		room = v->x1 - v->x0 - 8;
		times = segment_times(l, s);
		v->label = g_strdup_printf("%s %s", v->value, times);
		if (text_width(w, v->label) > room) {
			g_free(v->label);
			v->label = text_width(w, v->value) <= room ? g_strdup(v->value) : NULL;
		}
		g_free(times);
		g_ptr_array_add(l->segments, v);
	}
	if (l->segments->len == 0)
		return;
	l->has_data = TRUE;
	l->summary = states_summary(p, l);
	layout_legend(p, l, w);
}

/* ---- the whole ------------------------------------------------------------------------ */

void
iot_gtk_plot_tick_free(gpointer data)
{
	IotGtkPlotTick *t = data;

	g_free(t->text);
	g_free(t->text2);
	g_free(t);
}

void
iot_gtk_plot_segment_view_free(gpointer data)
{
	IotGtkPlotSegmentView *s = data;

	g_free(s->value);
	g_free(s->label);
	g_free(s);
}

IotGtkPlotLayout *
iot_gtk_plot_layout_new(IotGtkPlotState *p, int width, int height)
{
	IotGtkPlotLayout *l = g_new0(IotGtkPlotLayout, 1);
	GtkWidget *w = p->area;
	const IotGtkPlotAnswer *a = p->answer;

	l->width = width;
	l->height = height;
	l->buckets = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotBucket));
	l->points = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotPoint));
	l->band = g_array_new(FALSE, TRUE, sizeof(gboolean));
	l->segments = g_ptr_array_new_with_free_func(iot_gtk_plot_segment_view_free);
	l->legend = g_ptr_array_new_with_free_func(g_free);
	l->legend_styles = g_array_new(FALSE, FALSE, sizeof(guint));
	l->ticks = g_ptr_array_new_with_free_func(iot_gtk_plot_tick_free);
	iot_gtk_plot_text_size(w, "0:9", NULL, &l->line_h);
	/* The title: the field's name, bold, and its unit: "temperature (°C)". */
	l->title = g_strdup(p->label != NULL && *p->label != '\0' ? p->label
	                    : p->name != NULL                      ? p->name
	                                                           : "");
	l->title_bold = strlen(l->title);
	if (p->kind == IOT_GTK_PLOT_NUMBERS && unit_of(p) != NULL && *unit_of(p) != '\0') {
		char *u = iot_format_clean(unit_of(p), 32), *t;

		/* TRANSLATORS: a plot's title: the field and its unit, "temperature (°C)". */
		t = g_strdup_printf(_("%s (%s)"), l->title, u);
		g_free(l->title);
		l->title = t;
		g_free(u);
	}

	if (!p->has_series) {
		l->message = g_strdup(_("Select a numeric field to see its history."));
		return l;
	}
	if (a == NULL) {
		l->message = g_strdup(p->error != NULL ? _("The history could not be read.")
		                      : p->waiting      ? _("Reading the history…")
		                                        : _("No history of this field yet."));
		return l;
	}
	l->tmin = p->view_from != IOT_TIME_UNKNOWN ? p->view_from : a->from;
	l->tmax = p->view_from != IOT_TIME_UNKNOWN ? p->view_to : a->to;
	if (l->tmin == IOT_TIME_UNKNOWN || l->tmax < l->tmin) {
		l->message = g_strdup(_("No history of this field yet."));
		return l;
	}
	if (l->tmax - l->tmin < G_USEC_PER_SEC) {
		l->tmin -= 30 * G_USEC_PER_SEC;
		l->tmax += 30 * G_USEC_PER_SEC;
	}
	if (p->kind == IOT_GTK_PLOT_NUMBERS)
		layout_numbers(p, l, w);
	else
		layout_states(p, l, w);
	if (!l->has_data) {
		if (l->message == NULL && l->summary == NULL)
			l->message = g_strdup(p->range == IOT_GTK_PLOT_RANGE_ALL
			                          ? _("No history of this field yet.")
			                          : _("No values in this time range."));
		return l;
	}
	iot_gtk_plot_time_ticks(l, w);
	return l;
}

void
iot_gtk_plot_layout_free(IotGtkPlotLayout *l)
{
	if (l == NULL)
		return;
	g_array_unref(l->buckets);
	g_array_unref(l->points);
	g_array_unref(l->band);
	g_ptr_array_unref(l->segments);
	g_ptr_array_unref(l->legend);
	g_array_unref(l->legend_styles);
	g_ptr_array_unref(l->ticks);
	g_free(l->message);
	g_free(l->summary);
	g_free(l->title);
	g_free(l);
}

/* ---- tooltips ---------------------------------------------------------------------------- */

char *
iot_gtk_plot_layout_tooltip(IotGtkPlotState *p, const IotGtkPlotLayout *l, double x, double y)
{
	const char *label = p->label != NULL && *p->label != '\0' ? p->label : p->name;
	gint64 now = g_get_real_time();
	guint i;

	if (!l->has_data || x < l->x0 - 4 || x > l->x1 + 4 || y < l->y0 - 4 || y > l->y1 + 4)
		return NULL;
	if (p->kind == IOT_GTK_PLOT_STATES) {
		for (i = 0; i < l->segments->len; i++) {
			const IotGtkPlotSegmentView *s = g_ptr_array_index(l->segments, i);
			char *a, *b, *out;

			if (x < s->x0 || x > s->x1)
				continue;
			a = iot_time_format_local(s->start, now);
			b = iot_time_format_local(s->end, now);
			/* TRANSLATORS: tooltip of a state: "door: open\nfrom 08:12:03 to 08:14:10". */
			out = g_strdup_printf(_("%s: %s\nfrom %s to %s"), label, s->value, a, b);
			if (s->hidden > 0) {
				char *more = g_strdup_printf(
				    g_dngettext(GETTEXT_PACKAGE, "%s\n%u change just before it is not shown",
				             "%s\n%u changes just before it are not shown", s->hidden),
				    out, s->hidden);
				g_free(out);
				out = more;
			}
			g_free(a);
			g_free(b);
			return out;
		}
		return NULL;
	}
	{
		const IotGtkPlotBucket *best = NULL;
		double best_d = 6;
		int dec = decimals_for(l->vmax - l->vmin, l->vmax);
		const char *unit = unit_of(p);
		char *a, *b, *c, *n, *t1, *t2, *out;

		for (i = 0; i < l->points->len; i++) {
			double d = fabs(iot_gtk_plot_x_of(l, g_array_index(l->points, IotGtkPlotPoint, i).t) - x);

			if (d < best_d) {
				best_d = d;
				best = &g_array_index(l->buckets, IotGtkPlotBucket, i);
			}
		}
		if (best == NULL)
			return NULL;
		t1 = iot_time_format_local(best->start, now);
		if (best->count == 1 && best->start == best->end) {
			a = format_number(best->mean, dec, unit);
			/* TRANSLATORS: tooltip of a value in a plot: "temperature: 21.5 °C at 12:03:10". */
			out = g_strdup_printf(_("%s: %s at %s"), label, a, t1);
			g_free(a);
			g_free(t1);
			return out;
		}
		t2 = iot_time_format_local(best->end, now);
		a = format_number(best->min, dec, unit);
		b = format_number(best->max, dec, unit);
		c = format_number(best->mean, dec, unit);
		n = g_strdup_printf("%" G_GUINT64_FORMAT, best->count);
		/* TRANSLATORS: tooltip of a pixel column of a plot: "temperature:
		 * min 20.1 °C · max 21.3 °C · mean 20.7 °C (60 values)\nfrom … to …". */
		out = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%s: min %s · max %s · mean %s (%s value)\nfrom %s to %s",
		                               "%s: min %s · max %s · mean %s (%s values)\nfrom %s to %s",
		                               (gulong)MIN(best->count, G_MAXULONG)),
		                      label, a, b, c, n, t1, t2);
		g_free(n);
		g_free(a);
		g_free(b);
		g_free(c);
		g_free(t1);
		g_free(t2);
		return out;
	}
}
