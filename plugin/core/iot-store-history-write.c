/* iot-store-history-write.c — writing samples: the flush of the queue, the
 * rules for samples and state changes, moving recent samples on. See
 * iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-limits.h"
#include "iot-store-history-private.h"

#include <math.h>
#include <string.h>

/* ---- thing and series ids ---------------------------------------------------------- */

static gboolean
thing_id(IotStoreHistory *h, const char *account, const char *thing, GHashTable *things,
         gint64 *id, GError **error)
{
	char *key = g_strconcat(account, "\n", thing, NULL);
	gint64 *cached = g_hash_table_lookup(things, key);
	sqlite3_stmt *st;
	int r;

	if (cached != NULL) {
		*id = *cached;
		g_free(key);
		return TRUE;
	}
	st = iot_sh_stmt(h, S_THING_GET);
	iot_sh_bind_text(st, 1, account);
	iot_sh_bind_text(st, 2, thing);
	r = iot_sh_step(h, st, error);
	if (r == 1 && !iot_sh_column_int(st, 0, id))
		r = 0; /* an id that is not one: make a thing of our own */
	sqlite3_reset(st);
	if (r == 0) {
		st = iot_sh_stmt(h, S_THING_ADD);
		iot_sh_bind_text(st, 1, account);
		iot_sh_bind_text(st, 2, thing);
		if (!iot_sh_run(h, st, error))
			r = -1;
		*id = sqlite3_last_insert_rowid(h->db);
	}
	if (r < 0) {
		g_free(key);
		return FALSE;
	}
	cached = g_new(gint64, 1);
	*cached = *id;
	g_hash_table_insert(things, key, cached);
	return TRUE;
}

static void
bind_key(sqlite3_stmt *st, gint64 thing, const IotShQueued *k)
{
	sqlite3_bind_int64(st, 1, thing);
	iot_sh_bind_text(st, 2, k->node.node_id);
	iot_sh_bind_text(st, 3, k->node.source_id);
	iot_sh_bind_text(st, 4, k->node.partition);
	iot_sh_bind_text(st, 5, k->name);
	sqlite3_bind_int(st, 6, (int)k->kind);
	iot_sh_bind_text(st, 7, k->unit);
}

/* Sets *@id, *@kept_from (first time whose samples are kept) and *@last_t
 * (no sample of the series is newer; G_MAXINT64 when unreadable). */
static gboolean
series_id(IotStoreHistory *h, gint64 thing, const IotShQueued *k, gint64 *id, gint64 *kept_from,
          gint64 *last_t, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, S_SERIES_GET);
	int r;

	bind_key(st, thing, k);
	*kept_from = IOT_SH_MIN_TIME;
	*last_t = G_MININT64;
	r = iot_sh_step(h, st, error);
	if (r == 1) {
		if (!iot_sh_column_int(st, 0, id))
			r = 0;
		else if (iot_sh_column_int(st, 1, kept_from))
			*kept_from = CLAMP(*kept_from, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL && !iot_sh_column_int(st, 2, last_t))
			*last_t = G_MAXINT64; /* not a time: any sample may exist */
		sqlite3_reset(st);
	}
	if (r != 0)
		return r == 1;
	st = iot_sh_stmt(h, S_SERIES_ADD);
	bind_key(st, thing, k);
	if (!iot_sh_run(h, st, error))
		return FALSE;
	*id = sqlite3_last_insert_rowid(h->db);
	*last_t = G_MININT64;
	return TRUE;
}

/* ---- numbers ------------------------------------------------------------------------ */

typedef struct {
	gint64 hour;
	gint64 n;
	double mn, mx, sum;
} HourAgg;

typedef struct {
	IotStoreHistory *h;
	gint64 sid;
	gint64 rows;  /* change of the series' rows on disk */
	gint64 hours; /* rows of hourly statistics added */
	const IotShSample *last;
	IotStoreHistoryStats *stats;
} Writer;

static void
agg_add(HourAgg *a, gint64 hour, double v)
{
	if (a->n == 0) {
		a->hour = hour;
		a->mn = a->mx = v;
		a->sum = 0;
	}
	a->n++;
	a->mn = MIN(a->mn, v);
	a->mx = MAX(a->mx, v);
	a->sum += v;
}

/* Returns: (transfer none): statement @which (S_HOUR_ADD or S_HOUR_MERGE)
 * bound to the statistics @a of the series being written. */
static sqlite3_stmt *
agg_stmt(Writer *w, IotShStmt which, const HourAgg *a)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, which);

	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, a->hour);
	sqlite3_bind_int64(st, 3, a->n);
	sqlite3_bind_double(st, 4, a->mn);
	sqlite3_bind_double(st, 5, a->mx);
	sqlite3_bind_double(st, 6, a->sum);
	return st;
}

/* Returns: (transfer none): statement @which bound to sample @x of the
 * series being written: series, time, value, quality. */
static sqlite3_stmt *
sample_stmt(Writer *w, IotShStmt which, const IotShSample *x)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, which);

	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, x->t);
	sqlite3_bind_double(st, 3, x->v);
	sqlite3_bind_int64(st, 4, x->q);
	return st;
}

/* Writes the statistics of one hour: a new row, or (live hours) merged into
 * the row there is. Old hours that have statistics are left alone. */
static gboolean
agg_put(Writer *w, HourAgg *a, gboolean old, GError **error)
{
	sqlite3_stmt *st;
	gboolean ok;

	if (a->n == 0)
		return TRUE;
	st = agg_stmt(w, S_HOUR_ADD, a);
	if (!iot_sh_run(w->h, st, error))
		return FALSE;
	ok = TRUE;
	if (sqlite3_changes(w->h->db) > 0) {
		w->hours++;
		if (old)
			w->stats->hours_added++;
	} else if (old) {
		w->stats->hours_known++;
	} else {
		st = agg_stmt(w, S_HOUR_MERGE, a);
		ok = iot_sh_run(w->h, st, error);
	}
	a->n = 0;
	return ok;
}

/* The rules for a sample at a time that may be stored already, in
 * history_recent (@in_recent) or history_sample. Returns 1 when a row was
 * there (and the rules applied), 0 when not, -1 on error. Sets *@dirty when
 * a value in history_sample changed (its hour needs counting again). */
static int
same_time(Writer *w, gboolean in_recent, const IotShSample *x, gboolean *dirty, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, in_recent ? S_RECENT_GET : S_SAMPLE_GET);
	double v0 = NAN;
	gint64 q0 = 0;
	int r;

	*dirty = FALSE;
	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, x->t);
	r = iot_sh_step(w->h, st, error);
	if (r <= 0)
		return r;
	/* What is not a number or a QoS is replaced, whatever wrote it. */
	if (!iot_sh_column_number(st, 0, &v0))
		v0 = NAN;
	if (!iot_sh_column_int(st, 1, &q0) || q0 < 0 || q0 > (gint64)IOT_SH_QOS_MASK)
		q0 = 0;
	sqlite3_reset(st);
	if (v0 == x->v) {
		w->stats->unchanged++;
		w->last = x;
		if (iot_history_qos_rank(x->q) <= iot_history_qos_rank((guint32)q0))
			return 1;
	} else if (!iot_sh_replaces(x->q, (guint32)q0) && !isnan(v0)) {
		w->stats->kept_better++;
		return 1;
	} else {
		w->stats->replaced++;
		w->last = x;
		/* Rows in history_recent are counted when they move. */
		*dirty = !in_recent;
	}
	st = sample_stmt(w, in_recent ? S_RECENT_SET : S_SAMPLE_SET, x);
	return iot_sh_run(w->h, st, error) ? 1 : -1;
}

/* The statistics of @hour again from its samples (after a replacement). */
static gboolean
recompute(Writer *w, gint64 hour, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, S_HOUR_RECOMPUTE);

	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, hour);
	sqlite3_bind_int64(st, 3, hour * IOT_STORE_HISTORY_HOUR);
	sqlite3_bind_int64(st, 4, (hour + 1) * IOT_STORE_HISTORY_HOUR);
	return iot_sh_run(w->h, st, error);
}

/* New samples go to history_recent (a flush: the cheap write) or, for an
 * import, straight to history_sample with their hourly statistics. Old
 * ones (before @limit) are refused, or become statistics (@archive). */
static gboolean
write_numbers(Writer *w, GArray *samples, gint64 limit, gboolean archive, gint64 last_t,
              GError **error)
{
	HourAgg live = { 0 }, old = { 0 };
	GArray *dirty = g_array_new(FALSE, FALSE, sizeof(gint64));
	gboolean ok = TRUE;
	guint i;

	for (i = 0; ok && i < samples->len; i++) {
		const IotShSample *x = &g_array_index(samples, IotShSample, i);
		gint64 hour = iot_sh_floor_div(x->t, IOT_STORE_HISTORY_HOUR);
		sqlite3_stmt *st;
		gboolean d = FALSE;
		int r = 0;

		if (x->t < limit) {
			/* Still the newest value of the series, if it is. */
			w->last = x;
			if (!archive) {
				w->stats->too_old++;
				continue;
			}
			if (old.n > 0 && old.hour != hour)
				ok = agg_put(w, &old, TRUE, error);
			agg_add(&old, hour, x->v);
			continue;
		}
		/* Only a time not newer than the series' newest can be stored. */
		if (x->t <= last_t) {
			r = same_time(w, TRUE, x, &d, error);
			if (r == 0)
				r = same_time(w, FALSE, x, &d, error);
			if (d)
				g_array_append_val(dirty, hour);
			if (r != 0) {
				ok = r > 0;
				continue;
			}
		}
		st = sample_stmt(w, archive ? S_SAMPLE_INSERT : S_RECENT_INSERT, x);
		if (!(ok = iot_sh_run(w->h, st, error)))
			break;
		if (sqlite3_changes(w->h->db) == 0) {
			/* There after all (the series' newest time was wrong). */
			r = same_time(w, !archive, x, &d, error);
			ok = r >= 0;
			if (d)
				g_array_append_val(dirty, hour);
			continue;
		}
		w->stats->added++;
		w->rows++;
		w->last = x;
		last_t = MAX(last_t, x->t);
		if (archive) {
			if (live.n > 0 && live.hour != hour)
				ok = agg_put(w, &live, FALSE, error);
			agg_add(&live, hour, x->v);
		}
	}
	ok = ok && agg_put(w, &old, TRUE, error) && agg_put(w, &live, FALSE, error);
	/* Samples are in time order, so a dirty hour repeats only in a row. */
	for (i = 0; ok && i < dirty->len; i++) {
		gint64 hour = g_array_index(dirty, gint64, i);

		if (i == 0 || hour != g_array_index(dirty, gint64, i - 1))
			ok = recompute(w, hour, error);
	}
	g_array_unref(dirty);
	return ok;
}

/* ---- states --------------------------------------------------------------------------- */

typedef struct {
	gboolean found;
	gint64 t;
	char *v; /* "" when unreadable */
	guint32 q;
} StateRow;

static gboolean
state_row(Writer *w, IotShStmt which, gint64 t, StateRow *out, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, which);
	gint64 q = 0;
	int r;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, t);
	r = iot_sh_step(w->h, st, error);
	if (r == 1 && iot_sh_column_int(st, 0, &out->t)) {
		out->found = TRUE;
		out->v = iot_sh_column_text(st, 1, IOT_MAX_VALUE_BYTES);
		if (out->v == NULL)
			out->v = g_strdup("");
		if (iot_sh_column_int(st, 2, &q) && q >= 0 && q <= (gint64)IOT_SH_QOS_MASK)
			out->q = (guint32)q;
	}
	if (r == 1)
		sqlite3_reset(st);
	return r >= 0;
}

static gboolean
state_delete(Writer *w, gint64 t, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, S_STATE_DELETE);

	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, t);
	if (!iot_sh_run(w->h, st, error))
		return FALSE;
	w->rows -= sqlite3_changes(w->h->db);
	return TRUE;
}

static gboolean
state_put(Writer *w, const IotShSample *x, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, S_STATE_PUT);

	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, x->t);
	iot_sh_bind_text(st, 3, x->s);
	sqlite3_bind_int64(st, 4, x->q);
	return iot_sh_run(w->h, st, error);
}

/* Deletes the change at @which of @t (before or after) when it sets the
 * same value as @x: the value did not change there. */
static gboolean
state_merge(Writer *w, IotShStmt which, const IotShSample *x, gint64 t_delete_self,
            GError **error)
{
	StateRow n;
	gboolean ok;

	if (!state_row(w, which, x->t, &n, error))
		return FALSE;
	ok = TRUE;
	if (n.found && strcmp(n.v, x->s) == 0)
		ok = state_delete(w, which == S_STATE_BEFORE ? t_delete_self : n.t, error);
	g_free(n.v);
	return ok;
}

static gboolean
write_state(Writer *w, const IotShSample *x, GError **error)
{
	StateRow prev;
	gboolean ok = TRUE;

	if (!state_row(w, S_STATE_AT, x->t, &prev, error))
		return FALSE;
	if (prev.found && prev.t == x->t) {
		if (strcmp(prev.v, x->s) == 0) {
			w->stats->unchanged++;
			w->last = x;
			if (iot_history_qos_rank(x->q) > iot_history_qos_rank(prev.q))
				ok = state_put(w, x, error);
		} else if (iot_sh_replaces(x->q, prev.q)) {
			w->stats->replaced++;
			w->last = x;
			/* The change at this time now sets x's value: when that is the
			 * value before, there is no change here any more; when it is
			 * the next change's value, that one is none either. */
			ok = state_put(w, x, error) && state_merge(w, S_STATE_NEXT, x, 0, error) &&
			     state_merge(w, S_STATE_BEFORE, x, x->t, error);
		} else {
			w->stats->kept_better++;
		}
	} else if (prev.found && strcmp(prev.v, x->s) == 0) {
		/* The state continues. */
		w->stats->unchanged++;
		w->last = x;
	} else {
		w->stats->added++;
		w->last = x;
		ok = state_put(w, x, error);
		if (ok)
			w->rows++;
		ok = ok && state_merge(w, S_STATE_NEXT, x, 0, error);
	}
	g_free(prev.v);
	return ok;
}

/* ---- one series ------------------------------------------------------------------------- */

static int
sample_cmp(gconstpointer a, gconstpointer b)
{
	const IotShSample *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static gboolean
series_update(Writer *w, IotStoreSeriesKind kind, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(w->h, S_SERIES_UPDATE);

	sqlite3_bind_int64(st, 1, w->sid);
	sqlite3_bind_int64(st, 2, w->rows);
	sqlite3_bind_int64(st, 3, w->hours);
	if (w->last != NULL) {
		sqlite3_bind_int64(st, 4, w->last->t);
		if (kind == IOT_STORE_SERIES_NUMBERS)
			sqlite3_bind_double(st, 5, w->last->v);
		else
			iot_sh_bind_text(st, 5, w->last->s);
		sqlite3_bind_int64(st, 6, w->last->q);
	}
	return iot_sh_run(w->h, st, error);
}

gboolean
iot_sh_write_series(IotStoreHistory *h, const IotShQueued *key, GArray *samples, gint64 horizon,
                    gboolean archive, GHashTable *things, IotStoreHistoryStats *stats,
                    GError **error)
{
	Writer w;
	gint64 thing, kept_from, last_t;
	guint i;
	gboolean ok = TRUE;

	if (samples->len == 0)
		return TRUE;
	memset(&w, 0, sizeof w);
	w.h = h;
	w.stats = stats;
	if (!thing_id(h, key->account, key->thing, things, &thing, error) ||
	    !series_id(h, thing, key, &w.sid, &kept_from, &last_t, error))
		return FALSE;
	g_array_sort(samples, sample_cmp);
	if (key->kind == IOT_STORE_SERIES_NUMBERS) {
		ok = write_numbers(&w, samples, MAX(horizon, kept_from), archive, last_t, error);
	} else {
		for (i = 0; ok && i < samples->len; i++) {
			const IotShSample *x = &g_array_index(samples, IotShSample, i);

			if (x->t < MAX(horizon, kept_from)) {
				stats->too_old++;
				w.last = x;
				continue;
			}
			ok = write_state(&w, x, error);
		}
	}
	return ok && series_update(&w, key->kind, error);
}

/* ---- moving recent samples on ------------------------------------------------------------ */

/* Moves up to *@budget of the oldest rows of series @sid from
 * history_recent to history_sample and counts them in the hourly
 * statistics. Sets *@finished when none are left. */
static gboolean
drain_series(IotStoreHistory *h, gint64 sid, guint *budget, gboolean *finished, GError **error)
{
	IotStoreHistoryStats unused;
	Writer w;
	gint64 cut = G_MAXINT64, moved, deleted;
	sqlite3_stmt *st;
	int r;

	memset(&w, 0, sizeof w);
	w.h = h;
	w.sid = sid;
	w.stats = &unused;
	st = iot_sh_stmt(h, S_RECENT_NTH);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, G_MAXINT64);
	sqlite3_bind_int64(st, 3, *budget);
	r = iot_sh_step(h, st, error);
	if (r < 0)
		return FALSE;
	*finished = r == 0;
	if (r == 1) {
		if (!iot_sh_column_int(st, 0, &cut))
			cut = G_MAXINT64;
		sqlite3_reset(st);
	}
	/* The statistics of the rows that move, an UPSERT per hour. */
	st = iot_sh_stmt(h, S_RECENT_HOURS);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, cut);
	while ((r = iot_sh_step(h, st, error)) == 1) {
		HourAgg a;

		if (!iot_sh_column_int(st, 0, &a.hour) || !iot_sh_column_int(st, 1, &a.n) || a.n < 1 ||
		    !iot_sh_column_number(st, 2, &a.mn) || !iot_sh_column_number(st, 3, &a.mx) ||
		    !iot_sh_column_number(st, 4, &a.sum))
			continue;
		if (!agg_put(&w, &a, FALSE, error)) {
			sqlite3_reset(st);
			return FALSE;
		}
	}
	if (r < 0)
		return FALSE;
	st = iot_sh_stmt(h, S_RECENT_MOVE);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, cut);
	if (!iot_sh_run(h, st, error))
		return FALSE;
	moved = sqlite3_changes(h->db);
	st = iot_sh_stmt(h, S_RECENT_DELETE);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, cut);
	if (!iot_sh_run(h, st, error))
		return FALSE;
	deleted = sqlite3_changes(h->db);
	/* Rows that could not move (not finite: written by someone else) are gone. */
	w.rows = moved - deleted;
	*budget -= (guint)MIN((gint64)*budget, MAX(deleted, 1));
	return series_update(&w, IOT_STORE_SERIES_NUMBERS, error);
}

gboolean
iot_sh_drain(IotStoreHistory *h, guint max_series, guint *budget, GError **error)
{
	gboolean wrapped = FALSE, finished;
	guint i = 0;

	/* Series after series, from where the last call stopped: each one's
	 * pages in history_sample and history_hour are written once for all
	 * the samples it gathered meanwhile. */
	while (i < max_series && *budget > 0) {
		sqlite3_stmt *st = iot_sh_stmt(h, S_RECENT_NEXT);
		gint64 sid;
		int r;

		sqlite3_bind_int64(st, 1, h->drain_cursor);
		r = iot_sh_step(h, st, error);
		if (r < 0)
			return FALSE;
		if (r == 0) {
			if (wrapped || h->drain_cursor == 0)
				break;
			h->drain_cursor = 0;
			wrapped = TRUE;
			continue;
		}
		r = iot_sh_column_int(st, 0, &sid);
		sqlite3_reset(st);
		if (!r)
			break;
		if (!drain_series(h, sid, budget, &finished, error))
			return FALSE;
		if (finished)
			h->drain_cursor = sid;
		i++;
	}
	return TRUE;
}

/* ---- flush ------------------------------------------------------------------------------ */

GHashTable *
iot_sh_things_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

gboolean
iot_store_history_flush_some(IotStoreHistory *h, gint64 now_us, guint max_samples,
                             IotStoreHistoryStats *stats, GError **error)
{
	IotStoreHistoryStats st;
	GHashTable *things;
	gint64 horizon, cursor0;
	guint i, k, budget, written = 0, split = 0;
	gboolean ok = TRUE;

	g_return_val_if_fail(h != NULL && max_samples > 0, FALSE);
	cursor0 = h->drain_cursor;
	memset(&st, 0, sizeof st);
	if (stats != NULL)
		*stats = st;
	if (h->queue->len == 0)
		return TRUE;
	if (!iot_sh_begin(h, error))
		return FALSE;
	things = iot_sh_things_new();
	horizon = iot_sh_horizon(h, now_us);
	/* Series in the order queued, until @max_samples are written; of a
	 * series longer than what is left, its oldest samples. */
	for (i = 0; ok && i < h->queue->len && written < max_samples; i++) {
		IotShQueued *q = g_ptr_array_index(h->queue, i);
		guint room = max_samples - written;

		if (q->samples->len > room) {
			GArray *part = g_array_sized_new(FALSE, FALSE, sizeof(IotShSample), room);

			g_array_sort(q->samples, sample_cmp);
			g_array_append_vals(part, q->samples->data, room);
			ok = iot_sh_write_series(h, q, part, horizon, FALSE, things, &st, error);
			g_array_unref(part); /* the strings stay the queue's */
			split = room;
			written += room;
			i++;
			break;
		}
		written += q->samples->len;
		ok = iot_sh_write_series(h, q, q->samples, horizon, FALSE, things, &st, error);
	}
	g_hash_table_destroy(things);
	/* Move on the recent samples of a few series: of 200 updated every
	 * second, each moves every 17 s or so, and a flush writes about 70
	 * pages to the WAL, against 310 when every series' pages were written
	 * every second (tools/bench/bench-store.c, a month of 200 series). */
	budget = MAX(IOT_SH_DRAIN_ROWS, 2 * written);
	if (!ok || !iot_sh_drain(h, 4 + i / 25, &budget, error) || !iot_sh_commit(h, error)) {
		/* Nothing written; the queue stays for the next flush. */
		iot_sh_rollback(h);
		h->drain_cursor = cursor0;
		return FALSE;
	}
	if (split == 0) {
		iot_sh_queue_drop(h, i);
	} else {
		IotShQueued *q;

		/* The series written in part stays, with the samples not written. */
		iot_sh_queue_drop(h, i - 1);
		q = g_ptr_array_index(h->queue, 0);
		for (k = 0; k < split; k++)
			g_free(g_array_index(q->samples, IotShSample, k).s);
		g_array_remove_range(q->samples, 0, split);
		h->queued -= split;
	}
	if (stats != NULL)
		*stats = st;
	return TRUE;
}

gboolean
iot_store_history_flush(IotStoreHistory *h, gint64 now_us, IotStoreHistoryStats *stats,
                        GError **error)
{
	return iot_store_history_flush_some(h, now_us, G_MAXUINT, stats, error);
}
