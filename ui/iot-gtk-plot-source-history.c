/* iot-gtk-plot-source-history.c — a plot source over a history in memory.
 * See iot-gtk-plot-source-history.h. */
#include "iot-gtk-plot-source-history.h"

#include <math.h>

static guint
history_query(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer,
              gpointer data, GDestroyNotify destroy)
{
	const IotHistory *h = self;
	const IotHistorySeries *s = NULL;
	IotGtkPlotAnswer *a;
	IotHistorySample first, last;
	gint64 from = q->from, to = q->to;

	if (h != NULL && q->kind == IOT_GTK_PLOT_NUMBERS)
		s = iot_history_find_series(h, q->node, q->name);
	if (s != NULL && iot_history_series_nth(s, 0, &first) && iot_history_series_last(s, &last)) {
		/* Open ends: from the first value, up to the last one. */
		if (from == IOT_GTK_PLOT_OPEN_START)
			from = first.timestamp;
		if (to == IOT_GTK_PLOT_OPEN_END)
			to = last.timestamp;
	} else {
		s = NULL;
	}
	if (from == IOT_GTK_PLOT_OPEN_START || to == IOT_GTK_PLOT_OPEN_END)
		from = to = IOT_TIME_UNKNOWN;
	a = iot_gtk_plot_answer_new(q->kind, from, to);
	if (s != NULL) {
		GArray *samples = iot_history_series_samples(s, from, to);
		GArray *raw = g_array_sized_new(FALSE, FALSE, sizeof(IotGtkPlotBucket), samples->len);
		guint i;

		a->unit = g_strdup(iot_history_series_get_unit(s));
		for (i = 0; i < samples->len; i++) {
			const IotHistorySample *x = &g_array_index(samples, IotHistorySample, i);
			IotGtkPlotBucket b = { x->timestamp, x->timestamp, x->value, x->value,
				               x->value, x->value, 1 };

			g_array_append_val(raw, b);
		}
		if (from < to) {
			g_array_unref(a->buckets);
			a->buckets = iot_gtk_plot_decimate(raw, from, to, q->columns);
		} else if (raw->len > 0) {
			/* One value, or several at one time: one bucket. */
			g_array_append_val(a->buckets, g_array_index(raw, IotGtkPlotBucket, raw->len - 1));
		}
		g_array_unref(raw);
		g_array_unref(samples);
	}
	answer(a, NULL, data);
	if (destroy != NULL)
		destroy(data);
	return 0;
}

IotGtkPlotSource *
iot_gtk_plot_source_history_new(const IotHistory *history)
{
	static const IotGtkPlotSourceFuncs funcs = { history_query, NULL, NULL };

	/* The history is borrowed: nothing to free. */
	return iot_gtk_plot_source_new(&funcs, IOT_GTK_PLOT_SOURCE_NUMBERS, (gpointer)history);
}
