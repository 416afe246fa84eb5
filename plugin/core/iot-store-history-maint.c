/* iot-store-history-maint.c — housekeeping of the history store: forget a
 * thing, purge in bounded steps, sizes. See
 * iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-limits.h"
#include "iot-store-history-private.h"
#include "iot-time.h"

#include <math.h>
#include <string.h>

/* ---- forget --------------------------------------------------------------------- */

gboolean
iot_store_history_forget(IotStoreHistory *h, const char *account, const char *thing,
                         GError **error)
{
	char *a, *t;
	sqlite3_stmt *st;
	gint64 id = 0;
	gboolean ok = TRUE;
	int r;

	g_return_val_if_fail(h != NULL, FALSE);
	a = iot_sh_jid(account);
	t = iot_sh_jid(thing);
	if (a == NULL || t == NULL)
		goto out;
	iot_sh_queue_clear(h, a, t);
	st = iot_sh_stmt(h, S_THING_GET);
	iot_sh_bind_text(st, 1, a);
	iot_sh_bind_text(st, 2, t);
	r = iot_sh_step(h, st, error);
	if (r < 0) {
		ok = FALSE;
		goto out;
	}
	if (r == 1) {
		r = iot_sh_column_int(st, 0, &id);
		sqlite3_reset(st);
	}
	if (r == 0)
		goto out; /* nothing to forget */
	/* Its series lose their thing at once (no query finds them), and
	 * their rows go in the purge steps that follow. */
	if (!iot_sh_begin(h, error)) {
		ok = FALSE;
		goto out;
	}
	st = iot_sh_stmt(h, S_FORGET);
	sqlite3_bind_int64(st, 1, id);
	ok = iot_sh_run(h, st, error);
	if (ok) {
		st = iot_sh_stmt(h, S_THING_DELETE);
		sqlite3_bind_int64(st, 1, id);
		ok = iot_sh_run(h, st, error);
	}
	if (!ok || !iot_sh_commit(h, error)) {
		iot_sh_rollback(h);
		ok = FALSE;
	}
out:
	g_free(a);
	g_free(t);
	return ok;
}

/* ---- purge ------------------------------------------------------------------------- */

/* Deletes up to *@budget rows of series @id in @table (samples, hours or
 * states by @nth / @del) whose key is below @below. Sets *@all when none
 * below are left. */
static gboolean
delete_below(IotStoreHistory *h, IotShStmt nth, IotShStmt del, gint64 id, gint64 below,
             guint *budget, gint64 *deleted, gboolean *all, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, nth);
	gint64 cut = below;
	int r;

	/* The key of the (budget+1)-th row: everything before it is exactly
	 * one budget's worth (a bounded DELETE without DELETE … LIMIT). */
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, below);
	sqlite3_bind_int64(st, 3, *budget);
	r = iot_sh_step(h, st, error);
	if (r < 0)
		return FALSE;
	*all = r == 0;
	if (r == 1) {
		if (!iot_sh_column_int(st, 0, &cut) || cut > below)
			cut = below;
		sqlite3_reset(st);
	}
	st = iot_sh_stmt(h, del);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, cut);
	if (!iot_sh_run(h, st, error))
		return FALSE;
	*deleted = sqlite3_changes(h->db);
	*budget -= (guint)MIN((gint64)*budget, MAX(*deleted, 1));
	return TRUE;
}

static gboolean
rows_gone(IotStoreHistory *h, gint64 id, gint64 n, GError **error)
{
	sqlite3_stmt *st;

	if (n <= 0)
		return TRUE;
	st = iot_sh_stmt(h, S_SERIES_ROWS);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, n);
	return iot_sh_run(h, st, error);
}

/* Rows of forgotten things, one series at a time; *@more when some were. */
static gboolean
purge_garbage(IotStoreHistory *h, guint *budget, gboolean *more, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, S_GARBAGE_SERIES);
	gint64 id = 0, n;
	gboolean all = TRUE, done;
	int r;

	r = iot_sh_step(h, st, error);
	if (r <= 0)
		return r == 0;
	r = iot_sh_column_int(st, 0, &id);
	sqlite3_reset(st);
	if (!r)
		return TRUE;
	*more = TRUE;
	done = TRUE;
	if (!delete_below(h, S_SAMPLE_NTH, S_SAMPLE_DELETE, id, G_MAXINT64, budget, &n, &all, error))
		return FALSE;
	done = done && all && *budget > 0;
	if (*budget > 0 &&
	    !delete_below(h, S_RECENT_NTH, S_RECENT_DELETE, id, G_MAXINT64, budget, &n, &all, error))
		return FALSE;
	done = done && all;
	if (*budget > 0 &&
	    !delete_below(h, S_STATE_NTH, S_STATE_DELETE_BELOW, id, G_MAXINT64, budget, &n, &all, error))
		return FALSE;
	done = done && all && *budget > 0;
	if (*budget > 0 &&
	    !delete_below(h, S_HOUR_NTH, S_HOUR_DELETE, id, G_MAXINT64, budget, &n, &all, error))
		return FALSE;
	done = done && all;
	if (!done)
		return TRUE;
	st = iot_sh_stmt(h, S_SERIES_DELETE);
	sqlite3_bind_int64(st, 1, id);
	return iot_sh_run(h, st, error);
}

/* Samples (numbers) or changes (states, keeping the one in force at the
 * horizon) of series @id before @horizon. */
static gboolean
purge_series(IotStoreHistory *h, gint64 id, gint64 kind, gint64 horizon, guint *budget,
             gboolean *finished, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, S_KEPT_FROM);
	gint64 below = horizon, n = 0;
	int r;

	/* First mark what goes: samples before it are refused from now on. */
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, horizon);
	if (!iot_sh_run(h, st, error))
		return FALSE;
	if (kind == IOT_STORE_SERIES_STATES) {
		st = iot_sh_stmt(h, S_STATE_LAST_BELOW);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, horizon);
		r = iot_sh_step(h, st, error);
		if (r < 0)
			return FALSE;
		below = G_MININT64;
		if (r == 1) {
			if (!iot_sh_column_int(st, 0, &below))
				below = G_MININT64;
			sqlite3_reset(st);
		}
		if (!delete_below(h, S_STATE_NTH, S_STATE_DELETE_BELOW, id, below, budget, &n, finished,
		                  error))
			return FALSE;
	} else if (!delete_below(h, S_SAMPLE_NTH, S_SAMPLE_DELETE, id, below, budget, &n, finished,
	                         error)) {
		return FALSE;
	}
	return rows_gone(h, id, n, error);
}

gboolean
iot_store_history_purge_step(IotStoreHistory *h, gint64 now_us, guint max_rows, gboolean *more,
                             GError **error)
{
	guint budget = max_rows;
	gboolean m = FALSE, ok = TRUE, round_done = FALSE;
	gint64 horizon, cursor0, drain0;

	g_return_val_if_fail(h != NULL && max_rows > 0, FALSE);
	if (more != NULL)
		*more = FALSE;
	if (!iot_sh_begin(h, error))
		return FALSE;
	cursor0 = h->purge_cursor;
	drain0 = h->drain_cursor;
	horizon = iot_sh_horizon(h, now_us);
	/* Recent samples move on first (after a quiet spell no flush does it). */
	ok = iot_sh_drain(h, budget, &budget, error) && purge_garbage(h, &budget, &m, error);
	/* Then the retention, series after series, from where the last step
	 * stopped; looking at a series costs at least one row of the budget. */
	while (ok && budget > 0) {
		sqlite3_stmt *st = iot_sh_stmt(h, S_NEXT_SERIES);
		gint64 id, kind = 0;
		gboolean finished = TRUE;
		int r;

		sqlite3_bind_int64(st, 1, h->purge_cursor);
		r = iot_sh_step(h, st, error);
		if (r <= 0) {
			ok = r == 0;
			round_done = TRUE;
			break;
		}
		ok = iot_sh_column_int(st, 0, &id);
		iot_sh_column_int(st, 1, &kind);
		sqlite3_reset(st);
		if (!ok)
			break;
		ok = purge_series(h, id, kind, horizon, &budget, &finished, error);
		if (ok && finished)
			h->purge_cursor = id;
	}
	if (!ok || !iot_sh_commit(h, error)) {
		iot_sh_rollback(h);
		h->purge_cursor = cursor0;
		h->drain_cursor = drain0;
		return FALSE;
	}
	/* A complete round starts again from the first series next time. */
	if (round_done)
		h->purge_cursor = 0;
	if (more != NULL)
		*more = m || !round_done;
	return TRUE;
}

/* ---- sizes ---------------------------------------------------------------------------- */

static gboolean
pragma_int(IotStoreHistory *h, IotShStmt which, gint64 *out, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, which);
	int r = iot_sh_step(h, st, error);

	*out = 0;
	if (r == 1) {
		iot_sh_column_int(st, 0, out);
		sqlite3_reset(st);
	}
	return r >= 0;
}

gboolean
iot_store_history_disk_size(IotStoreHistory *h, gint64 *bytes, GError **error)
{
	gint64 pages, size;

	g_return_val_if_fail(h != NULL && bytes != NULL, FALSE);
	*bytes = 0;
	if (!pragma_int(h, S_PAGE_COUNT, &pages, error) || !pragma_int(h, S_PAGE_SIZE, &size, error))
		return FALSE;
	*bytes = MAX(pages, 0) * MAX(size, 0);
	return TRUE;
}

/* Bytes a row takes in the file, measured (tools/bench/bench-store.c:
 * samples 28.7 a sample; hours and state changes are wider rows). */
#define SAMPLE_ROW_BYTES 29
#define HOUR_ROW_BYTES 42
#define STATE_ROW_BYTES 48

gboolean
iot_store_history_thing_size(IotStoreHistory *h, const char *account, const char *thing,
                             gint64 *bytes, guint64 *rows, GError **error)
{
	char *a, *t;
	sqlite3_stmt *st;
	double b = 0, n = 0;
	int r = 0;

	g_return_val_if_fail(h != NULL && bytes != NULL, FALSE);
	a = iot_sh_jid(account);
	t = iot_sh_jid(thing);
	if (a != NULL && t != NULL) {
		st = iot_sh_stmt(h, S_ROWS_THING);
		iot_sh_bind_text(st, 1, a);
		iot_sh_bind_text(st, 2, t);
		while ((r = iot_sh_step(h, st, error)) == 1) {
			gint64 kind = -1;
			double detail = 0, hours = 0;

			iot_sh_column_int(st, 0, &kind);
			if (!iot_sh_column_number(st, 1, &detail) || detail < 0)
				detail = 0;
			if (!iot_sh_column_number(st, 2, &hours) || hours < 0)
				hours = 0;
			n += detail + hours;
			b += detail * (kind == IOT_STORE_SERIES_STATES ? STATE_ROW_BYTES : SAMPLE_ROW_BYTES) +
			     hours * HOUR_ROW_BYTES;
		}
	}
	g_free(a);
	g_free(t);
	*bytes = (gint64)MIN(b, 9e18);
	if (rows != NULL)
		*rows = (guint64)MIN(n, 1.8e19);
	return r >= 0;
}
