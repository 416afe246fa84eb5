/*
 * plot-fixture.h — a plot source for tests that answers as the history
 * store does, from generated data around a given "now":
 *
 *   "temperature" (°C)  a year of hourly statistics (with five days
 *                       missing, 200 to 195 days ago) and the last day
 *                       at one value a minute; long ranges are answered
 *                       from the hours, short ones from the minutes;
 *   "door"              a week of a door contact ("open"/"closed"): open
 *                       each day 08:12–08:14, 10:00–11:30, 12:30–12:45,
 *                       17:05–17:06, and ten quick changes at 19:00;
 *   "heater"            a boolean ("true"/"false") over the same week.
 *
 * It answers at once, or — deferred — only when the test says so, and it
 * may ignore cancels (a source that cannot stop a query under way), so
 * that late and stale answers can be tested. It counts what it was asked.
 *
 * Plain GLib, like the interface (ui/iot-gtk-plot-source.h).
 */
#ifndef PLOT_FIXTURE_H
#define PLOT_FIXTURE_H

#include "iot-gtk-plot-source.h"

typedef struct {
	/* What it was asked */
	guint queries, cancels, destroys, answers;
	char *last_name;
	IotGtkPlotKind last_kind;
	gint64 last_from, last_to; /* as asked (open ends included) */
	guint last_columns;
	/* How it behaves */
	gboolean deferred;         /* answer only in plot_fixture_answer() */
	gboolean ignore_cancel;    /* a cancel does not stop a deferred query */
	gint64 now;
	gint64 samples_from;       /* full detail is kept from here on */
	/* (private) */
	GPtrArray *pending;
	GArray *hours, *samples;   /* IotGtkPlotBucket */
	GArray *door, *heater;     /* PlotFixtureChange */
} PlotFixture;

typedef struct {
	gint64 t;
	const char *value; /* static */
} PlotFixtureChange;

/* Returns: (transfer full): a source over a new fixture around @now (µs);
 * *@fixture is owned by the source (valid while it lives). */
IotGtkPlotSource *plot_fixture_source_new(gint64 now, PlotFixture **fixture);

/* Deferred queries waiting for an answer (cancelled ones included when
 * cancels are ignored). */
guint plot_fixture_n_pending(PlotFixture *fx);

/* Answers the @i-th deferred query (0: the oldest) and forgets it. */
void plot_fixture_answer(PlotFixture *fx, guint i);

/* The same data without a source: hourly statistics and minutes of
 * "temperature" decimated as the source does (for timing). */
IotGtkPlotAnswer *plot_fixture_compute(PlotFixture *fx, const IotGtkPlotQuery *q);

/* Local midnight of the day before @now (µs). */
gint64 plot_fixture_yesterday(gint64 now);

#endif
