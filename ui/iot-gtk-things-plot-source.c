/* iot-gtk-things-plot-source.c — a plot source over the plugin's store.
 * See iot-gtk-things-plot-source.h. */
#include "iot-gtk-things-plot-source.h"

#include <math.h>

#include "iot-purple-history.h"
#include "iot-store-history.h"

typedef struct {
	PurpleAccount *account;
	char *thing;
} StoreSource;

/* Makes the open ends of [*@from, *@to] the first and last value's time of
 * series @id; FALSE (no error) when nothing is kept there. */
static gboolean
resolve_ends(IotStoreHistory *h, gint64 id, IotGtkPlotKind kind, gint64 *from, gint64 *to,
             GError **error)
{
	gboolean found = FALSE;

	if (*from != IOT_GTK_PLOT_OPEN_START && *to != IOT_GTK_PLOT_OPEN_END)
		return TRUE;
	if (kind == IOT_GTK_PLOT_NUMBERS) {
		GArray *p = iot_store_history_plot(h, id, *from, *to, 1, NULL, error);

		if (p == NULL)
			return FALSE;
		if (p->len > 0) {
			const IotStorePlotPoint *x = &g_array_index(p, IotStorePlotPoint, 0);

			if (*from == IOT_GTK_PLOT_OPEN_START)
				*from = x->first;
			if (*to == IOT_GTK_PLOT_OPEN_END)
				*to = x->last;
			found = TRUE;
		}
		g_array_unref(p);
	} else {
		GPtrArray *s = iot_store_history_states(h, id, *from, *to, 2, NULL, error);

		if (s == NULL)
			return FALSE;
		if (s->len > 0) {
			const IotStoreStateSegment *a = g_ptr_array_index(s, 0);
			const IotStoreStateSegment *z = g_ptr_array_index(s, s->len - 1);

			if (*from == IOT_GTK_PLOT_OPEN_START)
				*from = a->start;
			/* The state in force lasts up to now at most. */
			if (*to == IOT_GTK_PLOT_OPEN_END)
				*to = MAX(MIN(z->end, g_get_real_time()), *from);
			found = TRUE;
		}
		g_ptr_array_unref(s);
	}
	if (!found)
		*from = *to = IOT_TIME_UNKNOWN;
	return TRUE;
}

static IotGtkPlotAnswer *
answer_from_store(StoreSource *src, const IotGtkPlotQuery *q, GError **error)
{
	IotStoreHistory *h = iot_purple_history_store();
	IotStoreSeriesKind kind = q->kind == IOT_GTK_PLOT_NUMBERS ? IOT_STORE_SERIES_NUMBERS
	                                                            : IOT_STORE_SERIES_STATES;
	IotGtkPlotAnswer *a;
	gint64 id = 0, from = q->from, to = q->to;
	guint i;

	if (h == NULL || !iot_store_history_find_series(h, purple_account_get_username(src->account),
	                                                 src->thing, q->node, q->name, kind, &id,
	                                                 error)) {
		if (error != NULL && *error != NULL)
			return NULL;
		/* Nothing kept. */
		if (from == IOT_GTK_PLOT_OPEN_START || to == IOT_GTK_PLOT_OPEN_END)
			from = to = IOT_TIME_UNKNOWN;
		return iot_gtk_plot_answer_new(q->kind, from, to);
	}
	if (!resolve_ends(h, id, q->kind, &from, &to, error))
		return NULL;
	a = iot_gtk_plot_answer_new(q->kind, from, to);
	if (from == IOT_TIME_UNKNOWN)
		return a;
	if (q->kind == IOT_GTK_PLOT_NUMBERS) {
		IotStorePlotSource detail = IOT_STORE_PLOT_SAMPLES;
		GArray *p = iot_store_history_plot(h, id, from, to, q->columns, &detail, error);

		if (p == NULL) {
			iot_gtk_plot_answer_free(a);
			return NULL;
		}
		a->detail = detail == IOT_STORE_PLOT_HOURS ? IOT_GTK_PLOT_HOURS : IOT_GTK_PLOT_SAMPLES;
		for (i = 0; i < p->len; i++) {
			const IotStorePlotPoint *x = &g_array_index(p, IotStorePlotPoint, i);
			IotGtkPlotBucket b = { x->first, x->last, x->min, x->max, x->mean, NAN, x->count };

			/* One sample: its value is the newest one. */
			if (x->count == 1)
				b.last = x->mean;
			if (x->count > 0)
				g_array_append_val(a->buckets, b);
		}
		g_array_unref(p);
	} else {
		guint hidden = 0;
		GPtrArray *s = iot_store_history_states(h, id, from, to,
		                                        MAX(q->columns, 2), &hidden, error);

		if (s == NULL) {
			iot_gtk_plot_answer_free(a);
			return NULL;
		}
		for (i = 0; i < s->len; i++) {
			const IotStoreStateSegment *x = g_ptr_array_index(s, i);

			iot_gtk_plot_answer_add_segment(a, x->start, x->end, x->value, x->hidden);
		}
		a->hidden = hidden;
		g_ptr_array_unref(s);
	}
	return a;
}

static guint
store_query(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer, gpointer data,
            GDestroyNotify destroy)
{
	GError *error = NULL;
	IotGtkPlotAnswer *a = answer_from_store(self, q, &error);

	answer(a, error, data);
	g_clear_error(&error);
	if (destroy != NULL)
		destroy(data);
	return 0;
}

static void
store_free(gpointer self)
{
	StoreSource *src = self;

	g_free(src->thing);
	g_free(src);
}

IotGtkPlotSource *
iot_gtk_things_plot_source_new(PurpleAccount *account, const char *thing)
{
	static const IotGtkPlotSourceFuncs funcs = { store_query, NULL, store_free };
	StoreSource *src = g_new0(StoreSource, 1);

	src->account = account;
	src->thing = g_strdup(thing);
	return iot_gtk_plot_source_new(&funcs, IOT_GTK_PLOT_SOURCE_NUMBERS | IOT_GTK_PLOT_SOURCE_STATES,
	                               src);
}

static IotStoreHistory *
store_now(gpointer data)
{
	return iot_purple_history_store();
}

void
iot_gtk_things_history_source(PurpleAccount *account, const char *thing, IotGtkHistorySource *out)
{
	out->store = store_now;
	out->data = NULL;
	out->account = purple_account_get_username(account);
	out->thing = thing;
}
