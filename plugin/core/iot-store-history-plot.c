/* iot-store-history-plot.c — what a plot asks the history store: numbers
 * decimated in SQL to one row per pixel column, and state timelines bounded
 * to a number of segments. See iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-limits.h"
#include "iot-store-history-private.h"

#include <math.h>
#include <string.h>

/* ---- numbers ---------------------------------------------------------------------- */

/* Samples the hourly statistics count in hours [@h0, @h1]. */
static gboolean
samples_in_hours(IotStoreHistory *h, gint64 id, gint64 h0, gint64 h1, double *n, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, S_HOUR_COUNT);
	int r;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, h0);
	sqlite3_bind_int64(st, 3, h1);
	*n = 0;
	r = iot_sh_step(h, st, error);
	if (r == 1) {
		if (!iot_sh_column_number(st, 0, n))
			*n = G_MAXDOUBLE; /* unreadable: do not risk a long scan */
		sqlite3_reset(st);
	}
	return r >= 0;
}

/* Reads one bucket row: columns b, first, last, min, max, sum, count (hours
 * when @hours). FALSE for a row that cannot be a bucket of ours. */
static gboolean
bucket_from_row(sqlite3_stmt *st, gboolean hours, gint64 from, gint64 to, guint columns,
                gint64 *b, IotStorePlotPoint *p)
{
	gint64 first, last;
	double count;

	if (!iot_sh_column_int(st, 0, b) || *b < 0 || *b >= (gint64)columns ||
	    !iot_sh_column_int(st, 1, &first) || !iot_sh_column_int(st, 2, &last) ||
	    !iot_sh_column_number(st, 3, &p->min) || !iot_sh_column_number(st, 4, &p->max) ||
	    !iot_sh_column_number(st, 5, &p->mean) || !iot_sh_column_number(st, 6, &count))
		return FALSE;
	if (hours) {
		/* Hour numbers to the part of those hours inside the range. */
		if (first < IOT_SH_MIN_TIME / IOT_STORE_HISTORY_HOUR ||
		    last > IOT_SH_MAX_TIME / IOT_STORE_HISTORY_HOUR)
			return FALSE;
		first = MAX(first * IOT_STORE_HISTORY_HOUR, from);
		last = MIN((last + 1) * IOT_STORE_HISTORY_HOUR - 1, to);
	}
	if (first < from || last > to || first > last || p->min > p->max || !(count >= 1) ||
	    count > 9007199254740992.0)
		return FALSE;
	p->first = first;
	p->last = last;
	p->count = (guint64)count;
	p->mean /= count;
	/* A sum that overflowed, or rounding at the edges. */
	if (!isfinite(p->mean))
		p->mean = p->min / 2 + p->max / 2;
	p->mean = CLAMP(p->mean, p->min, p->max);
	return TRUE;
}

/* Adds @b into @a (same column). */
static void
merge_point(IotStorePlotPoint *a, const IotStorePlotPoint *b)
{
	double sum = a->mean * (double)a->count + b->mean * (double)b->count;

	a->first = MIN(a->first, b->first);
	a->last = MAX(a->last, b->last);
	a->min = MIN(a->min, b->min);
	a->max = MAX(a->max, b->max);
	a->count += b->count;
	a->mean = isfinite(sum) ? CLAMP(sum / (double)a->count, a->min, a->max)
	                        : a->min / 2 + a->max / 2;
}

/* Many samples a column: one aggregate over each column's range of the
 * key, which reads each sample once in key order (GROUP BY would sort
 * them all first), plus the recent samples grouped by column. Empty
 * columns are left out. */
static gboolean
plot_by_column(IotStoreHistory *h, gint64 id, gint64 from, gint64 to, gint64 w, guint columns,
               GArray *out, GError **error)
{
	GArray *recent = g_array_new(FALSE, FALSE, sizeof(IotStorePlotPoint));
	GArray *rb = g_array_new(FALSE, FALSE, sizeof(gint64));
	sqlite3_stmt *st = iot_sh_stmt(h, S_PLOT_RECENT);
	gint64 b, prev = -1;
	guint k = 0, col;
	int r;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, w);
	while ((r = iot_sh_step(h, st, error)) == 1) {
		IotStorePlotPoint p;

		if (bucket_from_row(st, FALSE, from, to, columns, &b, &p) && b > prev) {
			g_array_append_val(recent, p);
			g_array_append_val(rb, b);
			prev = b;
		}
	}
	st = iot_sh_stmt(h, S_PLOT_BUCKET);
	sqlite3_bind_int64(st, 1, id);
	for (col = 0; r == 0 && col < columns; col++) {
		gint64 start = from + (gint64)col * w, end, first, last;
		IotStorePlotPoint p;
		double count;
		gboolean have;

		if (start > to)
			break;
		end = MIN(to, start + w - 1);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 2, start);
		sqlite3_bind_int64(st, 3, end);
		r = iot_sh_step(h, st, error);
		if (r < 0)
			break;
		have = r == 1 && iot_sh_column_int(st, 0, &first) && iot_sh_column_int(st, 1, &last) &&
		       iot_sh_column_number(st, 2, &p.min) && iot_sh_column_number(st, 3, &p.max) &&
		       iot_sh_column_number(st, 4, &p.mean) && iot_sh_column_number(st, 5, &count) &&
		       count >= 1 && first >= start && last <= end && first <= last && p.min <= p.max;
		r = 0;
		if (have) {
			p.first = first;
			p.last = last;
			p.count = (guint64)count;
			p.mean /= count;
			if (!isfinite(p.mean))
				p.mean = p.min / 2 + p.max / 2;
			p.mean = CLAMP(p.mean, p.min, p.max);
		}
		if (k < rb->len && g_array_index(rb, gint64, k) == (gint64)col) {
			const IotStorePlotPoint *q = &g_array_index(recent, IotStorePlotPoint, k++);

			if (have)
				merge_point(&p, q);
			else
				p = *q;
			have = TRUE;
		}
		if (have)
			g_array_append_val(out, p);
	}
	sqlite3_reset(st);
	g_array_unref(recent);
	g_array_unref(rb);
	return r == 0;
}

GArray *
iot_store_history_plot(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us,
                       guint columns, IotStorePlotSource *source, GError **error)
{
	IotStoreSeriesKind kind;
	GArray *out;
	gint64 kept_from, span, w, h0, h1, prev = -1, b;
	gboolean hours;
	sqlite3_stmt *st;
	GError *err = NULL;
	int r;

	g_return_val_if_fail(h != NULL && columns > 0, NULL);
	out = g_array_new(FALSE, FALSE, sizeof(IotStorePlotPoint));
	if (source != NULL)
		*source = IOT_STORE_PLOT_SAMPLES;
	from_us = CLAMP(from_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	to_us = CLAMP(to_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	if (from_us > to_us)
		return out;
	if (!iot_sh_series_info(h, id, &kind, NULL, NULL, &kept_from, &err) ||
	    kind != IOT_STORE_SERIES_NUMBERS)
		goto done;
	span = to_us - from_us + 1;
	w = span / columns + (span % columns != 0);
	h0 = iot_sh_floor_div(from_us, IOT_STORE_HISTORY_HOUR);
	h1 = iot_sh_floor_div(to_us, IOT_STORE_HISTORY_HOUR);
	hours = w >= IOT_STORE_HISTORY_HOUR || from_us < kept_from;
	if (!hours) {
		double n;

		/* The statistics say how many samples a scan would read. */
		if (!samples_in_hours(h, id, h0, h1, &n, &err))
			goto done;
		hours = n > IOT_STORE_HISTORY_PLOT_MAX_SAMPLES;
		if (!hours && n > 8.0 * columns) {
			if (source != NULL)
				*source = IOT_STORE_PLOT_SAMPLES;
			plot_by_column(h, id, from_us, to_us, w, columns, out, &err);
			goto done;
		}
	}
	st = iot_sh_stmt(h, hours ? S_PLOT_HOURS : S_PLOT_SAMPLES);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_us);
	sqlite3_bind_int64(st, 3, to_us);
	sqlite3_bind_int64(st, 4, w);
	sqlite3_bind_int64(st, 5, h0);
	sqlite3_bind_int64(st, 6, h1);
	if (source != NULL)
		*source = hours ? IOT_STORE_PLOT_HOURS : IOT_STORE_PLOT_SAMPLES;
	while ((r = iot_sh_step(h, st, &err)) == 1) {
		IotStorePlotPoint p;

		/* Buckets come in order, each once: never more than @columns. */
		if (bucket_from_row(st, hours, from_us, to_us, columns, &b, &p) && b > prev) {
			g_array_append_val(out, p);
			prev = b;
		}
	}
done:
	if (err != NULL) {
		g_propagate_error(error, err);
		g_array_unref(out);
		return NULL;
	}
	return out;
}

/* ---- states ---------------------------------------------------------------------------- */

void
iot_store_state_segment_free(IotStoreStateSegment *seg)
{
	if (seg == NULL)
		return;
	g_free(seg->value);
	g_free(seg);
}

/* Columns t, v, q of a state row; FALSE when they are not one. */
static gboolean
state_from_row(sqlite3_stmt *st, int col, gint64 *t, char **v, guint32 *q)
{
	gint64 qq = 0;

	if (!iot_sh_column_int(st, col, t) || *t < IOT_SH_MIN_TIME || *t > IOT_SH_MAX_TIME)
		return FALSE;
	*v = iot_sh_column_text(st, col + 1, IOT_MAX_VALUE_BYTES);
	if (*v == NULL)
		return FALSE;
	*q = iot_sh_column_int(st, col + 2, &qq) ? (guint32)qq & IOT_SH_QOS_MASK : 0;
	return TRUE;
}

/* Appends a segment starting at @start, or — when it sets the value in
 * force already — counts its changes as hidden in the segment before. */
static void
add_segment(GPtrArray *out, gint64 start, char *value, guint32 q, guint hidden, guint *total)
{
	IotStoreStateSegment *last = out->len ? g_ptr_array_index(out, out->len - 1) : NULL;
	IotStoreStateSegment *seg;

	if (last != NULL && start <= last->start) {
		g_free(value); /* out of order: not a row we wrote */
		return;
	}
	if (last != NULL && strcmp(last->value, value) == 0) {
		/* Nothing visible changes: every change in this column is hidden
		 * (none when the rows merely repeated a value). */
		if (hidden > 0) {
			last->hidden += hidden + 1;
			*total += hidden + 1;
		}
		g_free(value);
		return;
	}
	seg = g_new0(IotStoreStateSegment, 1);
	seg->start = start;
	seg->end = start;
	seg->value = value;
	seg->qos = q;
	seg->hidden = hidden;
	*total += hidden;
	g_ptr_array_add(out, seg);
}

static gboolean
count_changes(IotStoreHistory *h, gint64 id, gint64 from, gint64 to, gint64 *n, GError **error)
{
	sqlite3_stmt *st = iot_sh_stmt(h, S_STATE_COUNT);
	int r;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	*n = 0;
	r = iot_sh_step(h, st, error);
	if (r == 1) {
		iot_sh_column_int(st, 0, n);
		sqlite3_reset(st);
	}
	return r >= 0;
}

GPtrArray *
iot_store_history_states(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us,
                         guint max_segments, guint *hidden, GError **error)
{
	GPtrArray *out;
	IotStoreSeriesKind kind;
	gint64 last_seen, n, t, k;
	guint total = 0, q;
	char *v;
	sqlite3_stmt *st;
	GError *err = NULL;
	gboolean initial = FALSE, buckets;
	int r;

	g_return_val_if_fail(h != NULL && max_segments >= 2, NULL);
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_store_state_segment_free);
	from_us = CLAMP(from_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	to_us = CLAMP(to_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	if (from_us > to_us ||
	    !iot_sh_series_info(h, id, &kind, NULL, &last_seen, NULL, &err) ||
	    kind != IOT_STORE_SERIES_STATES)
		goto done;
	/* The state in force at @from_us. */
	st = iot_sh_stmt(h, S_STATE_AT);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_us);
	r = iot_sh_step(h, st, &err);
	if (r < 0)
		goto done;
	if (r == 1) {
		if (state_from_row(st, 0, &t, &v, &q)) {
			add_segment(out, from_us, v, q, 0, &total);
			initial = TRUE;
		}
		sqlite3_reset(st);
	}
	if (!count_changes(h, id, from_us, to_us, &n, &err))
		goto done;
	/* Columns left for the changes after @from_us. */
	k = (gint64)max_segments - (initial ? 1 : 0);
	buckets = n > k;
	if (buckets) {
		gint64 span = to_us - from_us;

		st = iot_sh_stmt(h, S_STATE_BUCKETS);
		sqlite3_bind_int64(st, 4, span / k + (span % k != 0));
	} else {
		st = iot_sh_stmt(h, S_STATE_RANGE);
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_us);
	sqlite3_bind_int64(st, 3, to_us);
	while ((r = iot_sh_step(h, st, &err)) == 1) {
		gint64 b = 0, c = 1;

		if (buckets && (!iot_sh_column_int(st, 0, &b) || b < 0 || b >= k ||
		                !iot_sh_column_int(st, 4, &c) || c < 1 || c > n))
			continue;
		if (!state_from_row(st, buckets ? 1 : 0, &t, &v, &q) || t <= from_us || t > to_us)
			continue;
		if (out->len >= max_segments) {
			g_free(v);
			total += (guint)MIN(c, G_MAXUINT - total);
			continue;
		}
		add_segment(out, t, v, q, (guint)(c - 1), &total);
	}
	if (r < 0)
		goto done;
	/* Each segment lasts until the next; the last until the value was last
	 * seen (no later than @to_us). */
	for (r = 0; r < (int)out->len; r++) {
		IotStoreStateSegment *seg = g_ptr_array_index(out, r);

		if (r + 1 < (int)out->len)
			seg->end = ((IotStoreStateSegment *)g_ptr_array_index(out, r + 1))->start;
		else if (last_seen != IOT_TIME_UNKNOWN)
			seg->end = CLAMP(last_seen, seg->start, to_us);
	}
done:
	if (hidden != NULL)
		*hidden = err == NULL ? total : 0;
	if (err != NULL) {
		g_propagate_error(error, err);
		g_ptr_array_unref(out);
		return NULL;
	}
	return out;
}
