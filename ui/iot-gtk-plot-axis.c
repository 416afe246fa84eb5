/*
 * iot-gtk-plot-axis.c — a plot's time axis: ticks on the local calendar
 * (seconds … hours from midnight, days, Mondays, months, years), as many
 * as their labels leave room for, the date or the year under the first
 * tick and where it changes, no label overlapping another or cut.
 */
#include "iot-gtk-plot-private.h"

#include <math.h>

#define TICK IOT_GTK_PLOT_TICK
#define MIN_X_LABEL_GAP 18 /* at least this much space between time labels, px */
#define MAX_TICKS 200

static int
text_width(GtkWidget *w, const char *s)
{
	int tw;

	iot_gtk_plot_text_size(w, s, &tw, NULL);
	return tw;
}

/* ---- the time axis ------------------------------------------------------------ */

typedef enum { U_SEC, U_MIN, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR } Unit;

static const struct {
	Unit unit;
	int n;
	double seconds;
} steps[] = {
	{ U_SEC, 1, 1 },         { U_SEC, 2, 2 },          { U_SEC, 5, 5 },
	{ U_SEC, 10, 10 },       { U_SEC, 15, 15 },        { U_SEC, 30, 30 },
	{ U_MIN, 1, 60 },        { U_MIN, 2, 120 },        { U_MIN, 5, 300 },
	{ U_MIN, 10, 600 },      { U_MIN, 15, 900 },       { U_MIN, 30, 1800 },
	{ U_HOUR, 1, 3600 },     { U_HOUR, 2, 7200 },      { U_HOUR, 3, 10800 },
	{ U_HOUR, 6, 21600 },    { U_HOUR, 12, 43200 },    { U_DAY, 1, 86400 },
	{ U_DAY, 2, 172800 },    { U_WEEK, 1, 604800 },    { U_WEEK, 2, 1209600 },
	{ U_MONTH, 1, 2629800 }, { U_MONTH, 2, 5259600 },  { U_MONTH, 3, 7889400 },
	{ U_MONTH, 6, 15778800 }, { U_YEAR, 1, 31557600 }, { U_YEAR, 2, 63115200 },
	{ U_YEAR, 5, 157788000 }, { U_YEAR, 10, 315576000 }, { U_YEAR, 20, 631152000 },
	{ U_YEAR, 50, 1577880000 }, { U_YEAR, 100, 3155760000 }, { U_YEAR, 1000, 31557600000 },
};

/* The label under each tick, and the line under it where it changes. */
static const char *const formats[] = { "%H:%M:%S", "%H:%M", "%H:%M", "%-d %b", "%-d %b",
	                               "%b", "%Y" };
static const char *const formats2[] = { "%-d %b", "%-d %b", "%-d %b", "%Y", "%Y", "%Y", NULL };
/* The widest label of each unit, to know how many fit. */
static const char *const widest[] = { "00:00:00", "00:00", "00:00", "30 Sep", "30 Sep",
	                              "Sep", "2000" };

/* The first tick at or before @t: @t rounded down to the step, on the
 * local calendar. */
static GDateTime *
tick_floor(gint64 t, guint k)
{
	GDateTime *dt = g_date_time_new_from_unix_local(t / G_USEC_PER_SEC), *out;
	int y, mo, d, n = steps[k].n;

	if (dt == NULL)
		return NULL;
	g_date_time_get_ymd(dt, &y, &mo, &d);
	switch (steps[k].unit) {
	case U_SEC:
	case U_MIN:
	case U_HOUR: {
		int s = g_date_time_get_hour(dt) * 3600 + g_date_time_get_minute(dt) * 60 +
		        g_date_time_get_second(dt);
		GDateTime *midnight = g_date_time_new_local(y, mo, d, 0, 0, 0);

		out = midnight != NULL ? g_date_time_add_seconds(midnight, s / (int)steps[k].seconds *
		                                                               steps[k].seconds)
		                       : NULL;
		if (midnight != NULL)
			g_date_time_unref(midnight);
		break;
	}
	case U_DAY:
		out = g_date_time_new_local(y, mo, d, 0, 0, 0);
		break;
	case U_WEEK: {
		GDateTime *midnight = g_date_time_new_local(y, mo, d, 0, 0, 0);

		out = midnight != NULL ? g_date_time_add_days(midnight, 1 - g_date_time_get_day_of_week(dt))
		                       : NULL;
		if (midnight != NULL)
			g_date_time_unref(midnight);
		break;
	}
	case U_MONTH:
		out = g_date_time_new_local(y, (mo - 1) / n * n + 1, 1, 0, 0, 0);
		break;
	default:
		out = g_date_time_new_local(MAX(1, y / n * n), 1, 1, 0, 0, 0);
		break;
	}
	g_date_time_unref(dt);
	return out;
}

static GDateTime *
tick_next(GDateTime *dt, guint k)
{
	int n = steps[k].n;

	switch (steps[k].unit) {
	case U_SEC:
	case U_MIN:
	case U_HOUR:
		return g_date_time_add_seconds(dt, steps[k].seconds);
	case U_DAY:
		return g_date_time_add_days(dt, n);
	case U_WEEK:
		return g_date_time_add_weeks(dt, n);
	case U_MONTH:
		return g_date_time_add_months(dt, n);
	default:
		return g_date_time_add_years(dt, n);
	}
}

/* Never cut at the widget's edges, and never under the value labels (a
 * tick at the very left): pushed inwards. */
static void
place_label(GtkWidget *w, const IotGtkPlotLayout *l, const char *text, double x, double *left,
            double *right)
{
	int tw = text_width(w, text);
	double min_left = l->vstep > 0 ? l->x0 - TICK : 2.0;

	*left = CLAMP(x - tw / 2.0, min_left, MAX(min_left, l->width - tw - 2.0));
	*right = *left + tw;
}

void
iot_gtk_plot_time_ticks(IotGtkPlotLayout *l, GtkWidget *w)
{
	double span_s = ((double)l->tmax - (double)l->tmin) / G_USEC_PER_SEC, prev_r = -1e9,
	       prev_r2 = -1e9;
	guint k, n = 0;
	GDateTime *dt;
	char *prev2 = NULL;

	for (k = 0; k < G_N_ELEMENTS(steps) - 1; k++) {
		double max_ticks =
		    MAX(1.0, (l->x1 - l->x0) / (text_width(w, widest[steps[k].unit]) + MIN_X_LABEL_GAP));

		if (span_s / steps[k].seconds <= max_ticks)
			break;
	}
	dt = tick_floor(l->tmin, k);
	while (dt != NULL && n < MAX_TICKS) {
		gint64 t = g_date_time_to_unix(dt) * G_USEC_PER_SEC;
		GDateTime *next;

		if (t > l->tmax)
			break;
		if (t >= l->tmin) {
			IotGtkPlotTick *tick = g_new0(IotGtkPlotTick, 1);
			const char *f2 = formats2[steps[k].unit];
			char *second = f2 != NULL ? g_date_time_format(dt, f2) : NULL;

			tick->x = floor(iot_gtk_plot_x_of(l, t)) + 0.5;
			tick->text = g_date_time_format(dt, formats[steps[k].unit]);
			place_label(w, l, tick->text, tick->x, &tick->left, &tick->right);
			/* Crowded (months are not all as long): the label is left out. */
			if (tick->left < prev_r + 4) {
				g_free(tick->text);
				tick->text = NULL;
				tick->left = tick->right = 0;
			} else {
				prev_r = tick->right;
			}
			/* The date (or year) under the first tick and where it changes. */
			if (second != NULL && g_strcmp0(second, prev2) != 0) {
				place_label(w, l, second, tick->x, &tick->left2, &tick->right2);
				if (tick->left2 >= prev_r2 + 4) {
					tick->text2 = g_strdup(second);
					prev_r2 = tick->right2;
				} else {
					tick->left2 = tick->right2 = 0;
				}
				g_free(prev2);
				prev2 = second;
			} else {
				g_free(second);
			}
			g_ptr_array_add(l->ticks, tick);
			n++;
		}
		next = tick_next(dt, k);
		g_date_time_unref(dt);
		dt = next;
	}
	if (dt != NULL)
		g_date_time_unref(dt);
	g_free(prev2);
}

