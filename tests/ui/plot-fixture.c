/* plot-fixture.c — a plot source over generated data, answering as the
 * history store does. See plot-fixture.h. */
#include "plot-fixture.h"

#include <math.h>
#include <string.h>

#define HOUR ((gint64)3600 * G_USEC_PER_SEC)
#define MINUTE ((gint64)60 * G_USEC_PER_SEC)
#define DAY (24 * HOUR)

typedef struct {
	guint id;
	IotGtkPlotQuery q;
	char *name;
	IotGtkPlotAnswerFunc answer;
	gpointer data;
	GDestroyNotify destroy;
	gboolean cancelled;
} Pending;

/* The temperature at @t: seasons, days, and a little noise. */
static double
temperature(gint64 t)
{
	double days = (double)t / (double)DAY, hours = fmod((double)t / (double)HOUR, 24.0);

	return 10.0 + 9.0 * sin(2 * G_PI * (days - 110.0) / 365.25) +
	       3.5 * sin(2 * G_PI * (hours - 9.0) / 24.0) + 0.8 * sin(days * 7.3);
}

static void
make_data(PlotFixture *fx)
{
	gint64 hour0 = fx->now / HOUR * HOUR, t, day;
	int i;

	fx->hours = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotBucket));
	fx->samples = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotBucket));
	for (t = hour0 - 365 * DAY; t < hour0; t += HOUR) {
		double m = temperature(t + HOUR / 2), spread = 0.6 + 0.4 * fabs(sin((double)t / DAY));
		IotGtkPlotBucket b = { t, t + HOUR, m - spread, m + spread, m, NAN, 60 };

		/* The sensor was away for five days. */
		if (t >= fx->now - 200 * DAY && t < fx->now - 195 * DAY)
			continue;
		g_array_append_val(fx->hours, b);
	}
	fx->samples_from = fx->now - DAY;
	for (t = fx->samples_from; t <= fx->now; t += MINUTE) {
		double v = temperature(t) + 0.15 * sin((double)t / (7 * MINUTE));
		IotGtkPlotBucket b = { t, t, v, v, v, v, 1 };

		g_array_append_val(fx->samples, b);
	}
	fx->door = g_array_new(FALSE, FALSE, sizeof(PlotFixtureChange));
	fx->heater = g_array_new(FALSE, FALSE, sizeof(PlotFixtureChange));
	for (day = 7; day >= 0; day--) {
		GDateTime *now = g_date_time_new_from_unix_local(fx->now / G_USEC_PER_SEC);
		GDateTime *d = g_date_time_add_days(now, -(int)day);
		GDateTime *midnight = g_date_time_new_local(g_date_time_get_year(d),
		                                            g_date_time_get_month(d),
		                                            g_date_time_get_day_of_month(d), 0, 0, 0);
		gint64 m = g_date_time_to_unix(midnight) * G_USEC_PER_SEC;
		static const int door[][2] = { { 8 * 60 + 12, 2 }, { 10 * 60, 90 }, { 12 * 60 + 30, 15 },
			                       { 17 * 60 + 5, 1 } };
		guint k;

		for (k = 0; k < G_N_ELEMENTS(door); k++) {
			PlotFixtureChange open = { m + door[k][0] * MINUTE, "open" };
			PlotFixtureChange closed = { open.t + door[k][1] * MINUTE, "closed" };

			g_array_append_val(fx->door, open);
			g_array_append_val(fx->door, closed);
		}
		for (i = 0; i < 10; i++) {
			PlotFixtureChange c = { m + 19 * HOUR + i * 5 * G_USEC_PER_SEC,
				                i % 2 == 0 ? "open" : "closed" };

			g_array_append_val(fx->door, c);
		}
		{
			PlotFixtureChange on = { m + 6 * HOUR, "true" }, off = { m + 9 * HOUR, "false" };
			PlotFixtureChange on2 = { m + 17 * HOUR, "true" }, off2 = { m + 22 * HOUR, "false" };

			g_array_append_val(fx->heater, on);
			g_array_append_val(fx->heater, off);
			g_array_append_val(fx->heater, on2);
			g_array_append_val(fx->heater, off2);
		}
		g_date_time_unref(midnight);
		g_date_time_unref(d);
		g_date_time_unref(now);
	}
}

static IotGtkPlotAnswer *
numbers(PlotFixture *fx, const IotGtkPlotQuery *q)
{
	gint64 from = q->from, to = q->to;
	IotGtkPlotAnswer *a;
	GArray *raw;
	gboolean hours;

	if (from == IOT_GTK_PLOT_OPEN_START)
		from = g_array_index(fx->hours, IotGtkPlotBucket, 0).start;
	if (to == IOT_GTK_PLOT_OPEN_END)
		to = g_array_index(fx->samples, IotGtkPlotBucket, fx->samples->len - 1).end;
	a = iot_gtk_plot_answer_new(IOT_GTK_PLOT_NUMBERS, from, to);
	a->unit = g_strdup("°C");
	/* As the store: hours when a column spans an hour or more, or when the
	 * range reaches before the values kept at full detail. */
	hours = (to - from) / (gint64)q->columns >= HOUR || from < fx->samples_from;
	a->detail = hours ? IOT_GTK_PLOT_HOURS : IOT_GTK_PLOT_SAMPLES;
	raw = hours ? fx->hours : fx->samples;
	g_array_unref(a->buckets);
	a->buckets = iot_gtk_plot_decimate(raw, from, to, q->columns);
	return a;
}

/* As the store: the state in force at @from first, then each change; when
 * more changes fall into one pixel column, the last one of the column is
 * shown and the others counted as hidden. */
static IotGtkPlotAnswer *
states(PlotFixture *fx, const IotGtkPlotQuery *q, const GArray *changes)
{
	gint64 from = q->from, to = q->to, last_col = -1;
	IotGtkPlotAnswer *a;
	IotGtkPlotSegment *prev = NULL;
	guint i, hidden = 0;

	if (from == IOT_GTK_PLOT_OPEN_START)
		from = g_array_index(changes, PlotFixtureChange, 0).t;
	if (to == IOT_GTK_PLOT_OPEN_END)
		to = fx->now;
	a = iot_gtk_plot_answer_new(IOT_GTK_PLOT_STATES, from, to);
	for (i = 0; i < changes->len; i++) {
		const PlotFixtureChange *c = &g_array_index(changes, PlotFixtureChange, i);
		const PlotFixtureChange *next =
		    i + 1 < changes->len ? &g_array_index(changes, PlotFixtureChange, i + 1) : NULL;
		gint64 start = MAX(c->t, from), end = next != NULL ? MIN(next->t, to) : MIN(fx->now, to);
		gint64 col;

		if (next != NULL && next->t <= from)
			continue;
		if (c->t > to)
			break;
		col = (gint64)(((double)start - (double)from) / ((double)to - (double)from) * q->columns);
		if (prev != NULL && col == last_col) {
			/* Too close to the one before: that one is not shown. */
			hidden++;
			g_free(prev->value);
			prev->value = g_strdup(c->value);
			prev->end = end;
			prev->hidden++;
			continue;
		}
		iot_gtk_plot_answer_add_segment(a, start, end, c->value, 0);
		prev = g_ptr_array_index(a->segments, a->segments->len - 1);
		last_col = col;
	}
	a->hidden = hidden;
	return a;
}

IotGtkPlotAnswer *
plot_fixture_compute(PlotFixture *fx, const IotGtkPlotQuery *q)
{
	if (q->kind == IOT_GTK_PLOT_NUMBERS && strcmp(q->name, "temperature") == 0)
		return numbers(fx, q);
	if (q->kind == IOT_GTK_PLOT_STATES && strcmp(q->name, "door") == 0)
		return states(fx, q, fx->door);
	if (q->kind == IOT_GTK_PLOT_STATES && strcmp(q->name, "heater") == 0)
		return states(fx, q, fx->heater);
	/* An unknown series: nothing kept. */
	return iot_gtk_plot_answer_new(q->kind, q->from == IOT_GTK_PLOT_OPEN_START ? IOT_TIME_UNKNOWN : q->from,
	                               q->to == IOT_GTK_PLOT_OPEN_END ? IOT_TIME_UNKNOWN : q->to);
}

static void
pending_end(PlotFixture *fx, Pending *p, gboolean answer)
{
	if (answer) {
		fx->answers++;
		p->answer(plot_fixture_compute(fx, &p->q), NULL, p->data);
	}
	fx->destroys++;
	if (p->destroy != NULL)
		p->destroy(p->data);
	g_free(p->name);
	g_free(p);
}

static guint
fixture_query(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer,
              gpointer data, GDestroyNotify destroy)
{
	PlotFixture *fx = self;
	static guint next_id;
	Pending *p = g_new0(Pending, 1);

	fx->queries++;
	g_free(fx->last_name);
	fx->last_name = g_strdup(q->name);
	fx->last_kind = q->kind;
	fx->last_from = q->from;
	fx->last_to = q->to;
	fx->last_columns = q->columns;
	p->id = ++next_id;
	p->q = *q;
	p->name = g_strdup(q->name);
	p->q.name = p->name;
	p->q.node = NULL;
	p->answer = answer;
	p->data = data;
	p->destroy = destroy;
	if (!fx->deferred) {
		pending_end(fx, p, TRUE);
		return 0;
	}
	g_ptr_array_add(fx->pending, p);
	return p->id;
}

static void
fixture_cancel(gpointer self, guint id)
{
	PlotFixture *fx = self;
	guint i;

	fx->cancels++;
	if (fx->ignore_cancel)
		return;
	for (i = 0; i < fx->pending->len; i++) {
		Pending *p = g_ptr_array_index(fx->pending, i);

		if (p->id == id) {
			g_ptr_array_remove_index(fx->pending, i);
			pending_end(fx, p, FALSE);
			return;
		}
	}
}

static void
fixture_free(gpointer self)
{
	PlotFixture *fx = self;

	while (fx->pending->len > 0)
		pending_end(fx, g_ptr_array_steal_index(fx->pending, 0), FALSE);
	g_ptr_array_free(fx->pending, TRUE);
	g_array_unref(fx->hours);
	g_array_unref(fx->samples);
	g_array_unref(fx->door);
	g_array_unref(fx->heater);
	g_free(fx->last_name);
	g_free(fx);
}

IotGtkPlotSource *
plot_fixture_source_new(gint64 now, PlotFixture **fixture)
{
	static const IotGtkPlotSourceFuncs funcs = { fixture_query, fixture_cancel, fixture_free };
	PlotFixture *fx = g_new0(PlotFixture, 1);

	fx->now = now;
	fx->pending = g_ptr_array_new();
	make_data(fx);
	*fixture = fx;
	return iot_gtk_plot_source_new(&funcs, IOT_GTK_PLOT_SOURCE_NUMBERS | IOT_GTK_PLOT_SOURCE_STATES,
	                               fx);
}

guint
plot_fixture_n_pending(PlotFixture *fx)
{
	return fx->pending->len;
}

void
plot_fixture_answer(PlotFixture *fx, guint i)
{
	g_return_if_fail(i < fx->pending->len);
	pending_end(fx, g_ptr_array_steal_index(fx->pending, i), TRUE);
}

gint64
plot_fixture_yesterday(gint64 now)
{
	GDateTime *n = g_date_time_new_from_unix_local(now / G_USEC_PER_SEC);
	GDateTime *d = g_date_time_add_days(n, -1);
	GDateTime *m = g_date_time_new_local(g_date_time_get_year(d), g_date_time_get_month(d),
	                                     g_date_time_get_day_of_month(d), 0, 0, 0);
	gint64 out = g_date_time_to_unix(m) * G_USEC_PER_SEC;

	g_date_time_unref(m);
	g_date_time_unref(d);
	g_date_time_unref(n);
	return out;
}
