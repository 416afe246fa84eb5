/* iot-store-history-read.c — reading the history store: series, latest
 * values, decimated plots and state timelines. Nothing read is trusted:
 * another program may have written anything into the file. See
 * iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-limits.h"
#include "iot-store-history-private.h"

#include <math.h>
#include <string.h>

/* ---- series ---------------------------------------------------------------------- */

void
iot_store_series_free(IotStoreSeries *s)
{
	if (s == NULL)
		return;
	iot_node_ref_clear(&s->node);
	g_free(s->name);
	g_free(s->unit);
	g_free(s->last_state);
	g_free(s);
}

/* A name read back: "" is none. (transfer full) (nullable) */
static char *
column_name(sqlite3_stmt *st, int col)
{
	char *s = iot_sh_column_text(st, col, IOT_MAX_NAME_BYTES);

	if (s != NULL && *s == '\0') {
		g_free(s);
		s = NULL;
	}
	return s;
}

static gboolean
column_time(sqlite3_stmt *st, int col, gint64 *t)
{
	return iot_sh_column_int(st, col, t) && *t >= IOT_SH_MIN_TIME && *t <= IOT_SH_MAX_TIME;
}

static guint32
column_qos(sqlite3_stmt *st, int col)
{
	gint64 q = 0;

	return iot_sh_column_int(st, col, &q) ? (guint32)q & IOT_SH_QOS_MASK : 0;
}

/* One row of S_LIST_SERIES, or NULL when it is not a series we could have
 * written. */
static IotStoreSeries *
series_from_row(sqlite3_stmt *st)
{
	IotStoreSeries *s;
	gint64 id, kind, rows;

	if (!iot_sh_column_int(st, 0, &id) || id <= 0 || !iot_sh_column_int(st, 6, &kind) ||
	    (kind != IOT_STORE_SERIES_NUMBERS && kind != IOT_STORE_SERIES_STATES))
		return NULL;
	s = g_new0(IotStoreSeries, 1);
	s->name = column_name(st, 4);
	if (s->name == NULL) {
		g_free(s);
		return NULL;
	}
	s->id = id;
	s->kind = (IotStoreSeriesKind)kind;
	s->node.node_id = column_name(st, 1);
	s->node.source_id = column_name(st, 2);
	s->node.partition = column_name(st, 3);
	s->unit = column_name(st, 5);
	if (!column_time(st, 7, &s->last_time))
		s->last_time = IOT_TIME_UNKNOWN;
	else if (s->kind == IOT_STORE_SERIES_NUMBERS && !iot_sh_column_number(st, 8, &s->last_number))
		s->last_time = IOT_TIME_UNKNOWN;
	else if (s->kind == IOT_STORE_SERIES_STATES &&
	         (s->last_state = iot_sh_column_text(st, 8, IOT_MAX_VALUE_BYTES)) == NULL)
		s->last_time = IOT_TIME_UNKNOWN;
	s->last_qos = s->last_time != IOT_TIME_UNKNOWN ? column_qos(st, 9) : 0;
	if (s->last_time == IOT_TIME_UNKNOWN)
		s->last_number = 0;
	s->rows = iot_sh_column_int(st, 10, &rows) && rows > 0 ? (guint64)rows : 0;
	return s;
}

GPtrArray *
iot_store_history_list_series(IotStoreHistory *h, const char *account, const char *thing,
                              GError **error)
{
	char *a, *t;
	GPtrArray *out;
	sqlite3_stmt *st;
	int r = 0;

	g_return_val_if_fail(h != NULL, NULL);
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_store_series_free);
	a = iot_sh_jid(account);
	t = iot_sh_jid(thing);
	if (a != NULL && t != NULL) {
		st = iot_sh_stmt(h, S_LIST_SERIES);
		iot_sh_bind_text(st, 1, a);
		iot_sh_bind_text(st, 2, t);
		while ((r = iot_sh_step(h, st, error)) == 1) {
			IotStoreSeries *s = series_from_row(st);

			if (s != NULL)
				g_ptr_array_add(out, s);
		}
	}
	g_free(a);
	g_free(t);
	if (r < 0) {
		g_ptr_array_unref(out);
		return NULL;
	}
	return out;
}

static gboolean
same_field(const IotStoreSeries *s, const IotNodeRef *node, const char *name,
           IotStoreSeriesKind kind)
{
	return s->kind == kind && strcmp(s->name, name) == 0 && iot_node_ref_equal(&s->node, node);
}

/* Index in @a of the series of (@node, @name, @kind) seen last, or -1. */
static int
newest_of(GPtrArray *a, const IotNodeRef *node, const char *name, IotStoreSeriesKind kind)
{
	int best = -1;
	guint i;

	for (i = 0; i < a->len; i++) {
		const IotStoreSeries *s = g_ptr_array_index(a, i);

		if (s == NULL || !same_field(s, node, name, kind))
			continue;
		/* Series come in id order: of equal times the later series wins. */
		if (best < 0 ||
		    s->last_time >= ((IotStoreSeries *)g_ptr_array_index(a, best))->last_time)
			best = (int)i;
	}
	return best;
}

/* The last queued sample of @q (the one a flush would keep last). */
static const IotShSample *
queued_last(const IotShQueued *q)
{
	const IotShSample *best = NULL;
	guint i;

	for (i = 0; i < q->samples->len; i++) {
		const IotShSample *x = &g_array_index(q->samples, IotShSample, i);

		if (best == NULL || x->t > best->t || (x->t == best->t && x->seq > best->seq &&
		                                        iot_sh_replaces(x->q, best->q)))
			best = x;
	}
	return best;
}

static void
overlay_queue(IotStoreHistory *h, const char *account, const char *thing, GPtrArray *out)
{
	char *a = iot_sh_jid(account), *t = iot_sh_jid(thing);
	guint i;

	for (i = 0; a != NULL && t != NULL && i < h->queue->len; i++) {
		const IotShQueued *q = g_ptr_array_index(h->queue, i);
		const IotShSample *x = queued_last(q);
		IotStoreSeries *s;
		int k;

		if (x == NULL || strcmp(q->account, a) != 0 || strcmp(q->thing, t) != 0)
			continue;
		k = newest_of(out, &q->node, q->name, q->kind);
		if (k >= 0) {
			s = g_ptr_array_index(out, k);
			if (s->last_time != IOT_TIME_UNKNOWN &&
			    (x->t < s->last_time || (x->t == s->last_time && !iot_sh_replaces(x->q, s->last_qos))))
				continue;
			if (g_strcmp0(s->unit, q->unit) != 0) {
				s->id = 0; /* a new series, not written yet */
				g_free(s->unit);
				s->unit = g_strdup(q->unit);
			}
		} else {
			s = g_new0(IotStoreSeries, 1);
			iot_node_ref_copy(&s->node, &q->node);
			s->name = g_strdup(q->name);
			s->unit = g_strdup(q->unit);
			s->kind = q->kind;
			g_ptr_array_add(out, s);
		}
		s->last_time = x->t;
		s->last_number = q->kind == IOT_STORE_SERIES_NUMBERS ? x->v : 0;
		g_free(s->last_state);
		s->last_state = g_strdup(x->s);
		s->last_qos = x->q;
	}
	g_free(a);
	g_free(t);
}

GPtrArray *
iot_store_history_latest(IotStoreHistory *h, const char *account, const char *thing,
                         GError **error)
{
	GPtrArray *all = iot_store_history_list_series(h, account, thing, error), *out;
	guint i;

	if (all == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_store_series_free);
	for (i = 0; i < all->len; i++) {
		IotStoreSeries *s = g_ptr_array_index(all, i);
		int k;

		/* The first series of a field (in id order) places it; its newest
		 * series stands for it. Taken ones are left NULL in @all. */
		if (s == NULL || newest_of(out, &s->node, s->name, s->kind) >= 0)
			continue;
		k = newest_of(all, &s->node, s->name, s->kind);
		g_ptr_array_add(out, g_ptr_array_index(all, (guint)k));
		g_ptr_array_index(all, (guint)k) = NULL;
	}
	g_ptr_array_unref(all);
	overlay_queue(h, account, thing, out);
	return out;
}

gboolean
iot_store_history_find_series(IotStoreHistory *h, const char *account, const char *thing,
                              const IotNodeRef *node, const char *name, IotStoreSeriesKind kind,
                              gint64 *id, GError **error)
{
	GPtrArray *all;
	IotNodeRef norm;
	int k;

	g_return_val_if_fail(h != NULL && name != NULL && id != NULL, FALSE);
	all = iot_store_history_list_series(h, account, thing, error);
	if (all == NULL)
		return FALSE;
	iot_sh_node_norm(&norm, node);
	k = newest_of(all, &norm, name, kind);
	if (k >= 0)
		*id = ((IotStoreSeries *)g_ptr_array_index(all, k))->id;
	g_ptr_array_unref(all);
	return k >= 0;
}

gboolean
iot_sh_series_info(IotStoreHistory *h, gint64 id, IotStoreSeriesKind *kind, char **unit,
                   gint64 *last_t, gint64 *kept_from, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, S_SERIES_INFO);
	gint64 k = -1, t;
	int r;

	sqlite3_bind_int64(st, 1, id);
	r = iot_sh_step(h, st, error);
	if (r != 1)
		return FALSE;
	iot_sh_column_int(st, 0, &k);
	if (k != IOT_STORE_SERIES_NUMBERS && k != IOT_STORE_SERIES_STATES) {
		sqlite3_reset(st);
		return FALSE;
	}
	if (kind != NULL)
		*kind = (IotStoreSeriesKind)k;
	if (unit != NULL)
		*unit = column_name(st, 1);
	if (last_t != NULL)
		*last_t = column_time(st, 2, &t) ? t : IOT_TIME_UNKNOWN;
	if (kept_from != NULL)
		*kept_from = column_time(st, 3, &t) ? t : IOT_SH_MIN_TIME;
	sqlite3_reset(st);
	return TRUE;
}

/* ---- recent samples ------------------------------------------------------------------ */

static int
sample_time_cmp(gconstpointer a, gconstpointer b)
{
	const IotHistorySample *x = a, *y = b;

	return x->timestamp < y->timestamp ? -1 : x->timestamp > y->timestamp;
}

GArray *
iot_store_history_samples(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us, guint max,
                          GError **error)
{
	sqlite3_stmt *st;
	GArray *out;
	int r;

	g_return_val_if_fail(h != NULL && max > 0, NULL);
	out = g_array_new(FALSE, FALSE, sizeof(IotHistorySample));
	if (from_us > to_us)
		return out;
	st = iot_sh_stmt(h, S_NEWEST_SAMPLES);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_us);
	sqlite3_bind_int64(st, 3, to_us);
	sqlite3_bind_int64(st, 4, max);
	while ((r = iot_sh_step(h, st, error)) == 1) {
		IotHistorySample x;

		if (!column_time(st, 0, &x.timestamp) || !iot_sh_column_number(st, 1, &x.value))
			continue;
		x.qos = column_qos(st, 2);
		g_array_append_val(out, x);
	}
	if (r < 0) {
		g_array_unref(out);
		return NULL;
	}
	g_array_sort(out, sample_time_cmp);
	return out;
}
