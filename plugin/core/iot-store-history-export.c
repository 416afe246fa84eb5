/* iot-store-history-export.c — what the history store keeps of a series
 * as CSV, in steps, and the span of time it keeps. See
 * iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-limits.h"
#include "iot-store-history-private.h"
#include "iot-time.h"

#include <math.h>
#include <string.h>

/* ---- the span kept ------------------------------------------------------------------------ */

/* The smaller (@newest FALSE) or larger of two optional times. */
static void
span_take(sqlite3_stmt *st, int col, gboolean hour, gboolean newest, gint64 *out)
{
	gint64 t;

	if (!iot_sh_column_int(st, col, &t))
		return;
	t = CLAMP(t, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	if (hour)
		t = iot_sh_floor_div(t, IOT_STORE_HISTORY_HOUR) * IOT_STORE_HISTORY_HOUR;
	if (*out == IOT_TIME_UNKNOWN || (newest ? t > *out : t < *out))
		*out = t;
}

gboolean
iot_store_history_kept_span(IotStoreHistory *h, gint64 id, IotStoreExportMode mode,
                            gint64 *first, gint64 *last, GError **error)
{
	IotStoreSeriesKind kind = IOT_STORE_SERIES_NUMBERS;
	gint64 a = IOT_TIME_UNKNOWN, z = IOT_TIME_UNKNOWN, hour;
	GError *err = NULL;
	sqlite3_stmt *st;
	int r;

	g_return_val_if_fail(h != NULL && first != NULL && last != NULL, FALSE);
	*first = *last = IOT_TIME_UNKNOWN;
	if (!iot_sh_series_info(h, id, &kind, NULL, NULL, NULL, &err)) {
		if (err == NULL)
			return TRUE; /* unknown: nothing kept */
		g_propagate_error(error, err);
		return FALSE;
	}
	if (kind == IOT_STORE_SERIES_STATES && mode == IOT_STORE_EXPORT_HOURS)
		return TRUE;
	st = iot_sh_stmt(h, kind == IOT_STORE_SERIES_STATES ? S_SPAN_STATES
	                    : mode == IOT_STORE_EXPORT_HOURS ? S_SPAN_HOURS
	                                                     : S_SPAN_SAMPLES);
	sqlite3_bind_int64(st, 1, id);
	r = iot_sh_step(h, st, error);
	if (r < 0)
		return FALSE;
	if (r == 1) {
		if (mode == IOT_STORE_EXPORT_HOURS && kind == IOT_STORE_SERIES_NUMBERS) {
			/* Hours are kept as hours: columns 0 and 2. */
			if (iot_sh_column_int(st, 0, &hour))
				a = CLAMP(hour, IOT_SH_MIN_TIME / IOT_STORE_HISTORY_HOUR,
				          IOT_SH_MAX_TIME / IOT_STORE_HISTORY_HOUR) * IOT_STORE_HISTORY_HOUR;
			if (iot_sh_column_int(st, 2, &hour))
				z = CLAMP(hour, IOT_SH_MIN_TIME / IOT_STORE_HISTORY_HOUR,
				          IOT_SH_MAX_TIME / IOT_STORE_HISTORY_HOUR) * IOT_STORE_HISTORY_HOUR;
		} else {
			span_take(st, 0, FALSE, FALSE, &a);
			span_take(st, 2, FALSE, TRUE, &z);
		}
		span_take(st, 1, mode == IOT_STORE_EXPORT_HOURS, FALSE, &a);
		span_take(st, 3, mode == IOT_STORE_EXPORT_HOURS, TRUE, &z);
		sqlite3_reset(st);
	}
	if (a != IOT_TIME_UNKNOWN && z != IOT_TIME_UNKNOWN && a <= z) {
		*first = a;
		*last = z;
	}
	return TRUE;
}

/* ---- CSV ---------------------------------------------------------------------------------- */

struct _IotStoreHistoryExport {
	IotStoreHistory *h;
	gint64 id;
	gint64 next, to; /* next time (µs) or hour to write, last one */
	IotStoreExportMode mode;
	IotCsvFlags flags;
	gboolean started, done, no_header;
	IotStoreSeriesKind kind;
	char *unit;
	GPtrArray *names, *cells; /* (element-type utf8) the columns in front */
	guint64 rows;             /* records written, the header not counted */
};

IotStoreHistoryExport *
iot_store_history_export_new(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us,
                             IotStoreExportMode mode, IotCsvFlags flags)
{
	IotStoreHistoryExport *e;

	g_return_val_if_fail(h != NULL, NULL);
	e = g_new0(IotStoreHistoryExport, 1);
	e->h = h;
	e->id = id;
	e->mode = mode;
	e->flags = flags;
	e->next = CLAMP(from_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	e->to = CLAMP(to_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	e->names = g_ptr_array_new_with_free_func(g_free);
	e->cells = g_ptr_array_new_with_free_func(g_free);
	return e;
}

void
iot_store_history_export_set_columns(IotStoreHistoryExport *e, const char *const *names,
                                     const char *const *cells, guint n, gboolean header)
{
	guint i;

	g_return_if_fail(e != NULL && !e->started && n <= 8 && (n == 0 || (names != NULL && cells != NULL)));
	g_ptr_array_set_size(e->names, 0);
	g_ptr_array_set_size(e->cells, 0);
	for (i = 0; i < n; i++) {
		g_ptr_array_add(e->names, g_strdup(names[i] != NULL ? names[i] : ""));
		g_ptr_array_add(e->cells, g_strdup(cells[i] != NULL ? cells[i] : ""));
	}
	e->no_header = !header;
}

gint64
iot_store_history_export_position(const IotStoreHistoryExport *e)
{
	g_return_val_if_fail(e != NULL, IOT_TIME_UNKNOWN);
	if (!e->started)
		return IOT_TIME_UNKNOWN;
	if (e->mode == IOT_STORE_EXPORT_HOURS)
		return CLAMP(e->next, IOT_SH_MIN_TIME / IOT_STORE_HISTORY_HOUR,
		             IOT_SH_MAX_TIME / IOT_STORE_HISTORY_HOUR) * IOT_STORE_HISTORY_HOUR;
	return e->next;
}

guint64
iot_store_history_export_rows(const IotStoreHistoryExport *e)
{
	g_return_val_if_fail(e != NULL, 0);
	return e->rows;
}

void
iot_store_history_export_free(IotStoreHistoryExport *e)
{
	if (e == NULL)
		return;
	g_ptr_array_unref(e->names);
	g_ptr_array_unref(e->cells);
	g_free(e->unit);
	g_free(e);
}

/* The columns in front, then @cells. */
static void
append_record(IotStoreHistoryExport *e, GString *out, GPtrArray *front, const char *const *cells,
              guint n)
{
	const char *all[16];
	guint i, k = 0;

	if (front == e->cells)
		e->rows++;
	for (i = 0; i < front->len && k < G_N_ELEMENTS(all); i++)
		all[k++] = g_ptr_array_index(front, i);
	for (i = 0; i < n && k < G_N_ELEMENTS(all); i++)
		all[k++] = cells[i];
	iot_csv_append_record(out, all, k);
}

/* One record of the current row of @st; returns its key (time or hour). */
static gboolean
export_row(IotStoreHistoryExport *e, sqlite3_stmt *st, GString *out, gint64 *key)
{
	char num[5][G_ASCII_DTOSTR_BUF_SIZE];
	char *ts, *qos, *state = NULL;
	gint64 q = 0;
	double v[4];

	if (!iot_sh_column_int(st, 0, key) || *key < e->next || *key > e->to)
		return FALSE;
	if (e->mode == IOT_STORE_EXPORT_HOURS) {
		double n;
		int i;

		for (i = 0; i < 3; i++)
			if (!iot_sh_column_number(st, i + 1, &v[i]))
				return TRUE;
		if (!iot_sh_column_number(st, 4, &n) || !(n >= 1) || n > 9007199254740992.0)
			return TRUE;
		v[3] = v[2] / n;
		if (!isfinite(v[3]))
			v[3] = v[0] / 2 + v[1] / 2;
		iot_csv_format_number(num[0], sizeof num[0], v[0]);
		iot_csv_format_number(num[1], sizeof num[1], v[1]);
		iot_csv_format_number(num[2], sizeof num[2], CLAMP(v[3], v[0], v[1]));
		g_snprintf(num[3], sizeof num[3], "%" G_GUINT64_FORMAT, (guint64)n);
		ts = iot_time_format_iso(*key * IOT_STORE_HISTORY_HOUR);
		{
			const char *cells[] = { ts, num[0], num[1], num[2], num[3], e->unit };
			append_record(e, out, e->cells, cells, G_N_ELEMENTS(cells));
		}
		g_free(ts);
		return TRUE;
	}
	if (e->kind == IOT_STORE_SERIES_NUMBERS) {
		if (!iot_sh_column_number(st, 1, &v[0]))
			return TRUE;
		iot_csv_format_number(num[0], sizeof num[0], v[0]);
	} else if ((state = iot_sh_column_text(st, 1, IOT_MAX_VALUE_BYTES)) == NULL) {
		return TRUE;
	}
	iot_sh_column_int(st, 2, &q);
	ts = iot_time_format_iso(*key);
	qos = iot_csv_quality_text((guint32)q & IOT_SH_QOS_MASK);
	{
		const char *cells[] = { ts, state != NULL ? state : num[0], e->unit, qos };
		append_record(e, out, e->cells, cells, G_N_ELEMENTS(cells));
	}
	g_free(ts);
	g_free(qos);
	g_free(state);
	return TRUE;
}

/* The first step: the header, and the range narrowed to what is kept
 * (so that the hours of an open range are not walked one window at a
 * time from year 1). FALSE with @error when the database fails. */
static gboolean
export_start(IotStoreHistoryExport *e, GString *out, GError **error)
{
	static const char *const detail[] = { "timestamp", "value", "unit", "quality" };
	static const char *const hours[] = { "hour", "min", "max", "mean", "count", "unit" };
	gint64 first, last;
	GError *err = NULL;

	if (!iot_sh_series_info(e->h, e->id, &e->kind, &e->unit, NULL, NULL, &err)) {
		if (err != NULL) {
			g_propagate_error(error, err);
			return FALSE;
		}
		e->done = TRUE; /* unknown: an empty table */
	}
	if (e->kind == IOT_STORE_SERIES_STATES && e->mode == IOT_STORE_EXPORT_HOURS)
		e->done = TRUE;
	if (!e->done) {
		if (!iot_store_history_kept_span(e->h, e->id, e->mode, &first, &last, error))
			return FALSE;
		if (first == IOT_TIME_UNKNOWN)
			e->done = TRUE;
		else if (e->mode == IOT_STORE_EXPORT_HOURS) {
			e->next = MAX(iot_sh_floor_div(e->next, IOT_STORE_HISTORY_HOUR),
			              first / IOT_STORE_HISTORY_HOUR);
			e->to = MIN(iot_sh_floor_div(e->to, IOT_STORE_HISTORY_HOUR),
			            last / IOT_STORE_HISTORY_HOUR);
		} else {
			e->next = MAX(e->next, first);
			e->to = MIN(e->to, last);
		}
	}
	if ((e->flags & IOT_CSV_BOM) && out->len == 0 && !e->no_header)
		g_string_append(out, "\xEF\xBB\xBF");
	if (!e->no_header) {
		if (e->mode == IOT_STORE_EXPORT_HOURS)
			append_record(e, out, e->names, hours, G_N_ELEMENTS(hours));
		else
			append_record(e, out, e->names, detail, G_N_ELEMENTS(detail));
	}
	e->started = TRUE;
	if (e->next > e->to)
		e->done = TRUE;
	return TRUE;
}

gboolean
iot_store_history_export_step(IotStoreHistoryExport *e, GString *out, guint max_rows,
                              gboolean *done, GError **error)
{
	sqlite3_stmt *st;
	guint rows = 0;
	gint64 key = 0, hi;
	gboolean advanced = FALSE;
	int r;

	g_return_val_if_fail(e != NULL && out != NULL && max_rows > 0, FALSE);
	if (done != NULL)
		*done = e->done;
	if (e->done)
		return TRUE;
	if (!e->started) {
		if (!export_start(e, out, error))
			return FALSE;
		if (e->done) {
			if (done != NULL)
				*done = TRUE;
			return TRUE;
		}
	}
	/* Hours are grouped (the hourly statistics and the samples not yet in
	 * them), which sorts the range asked: a step asks at most @max_rows
	 * hours, so that it costs the same however many there are. */
	hi = e->mode == IOT_STORE_EXPORT_HOURS && e->to - e->next >= (gint64)max_rows
	         ? e->next + max_rows - 1
	         : e->to;
	st = iot_sh_stmt(e->h, e->mode == IOT_STORE_EXPORT_HOURS  ? S_EXPORT_HOURS
	                       : e->kind == IOT_STORE_SERIES_STATES ? S_EXPORT_STATES
	                                                            : S_EXPORT_SAMPLES);
	sqlite3_bind_int64(st, 1, e->id);
	sqlite3_bind_int64(st, 2, e->next);
	sqlite3_bind_int64(st, 3, hi);
	sqlite3_bind_int64(st, 4, max_rows);
	/* Each step is its own short query from where the last one ended: no
	 * read transaction stays open between steps. */
	while ((r = iot_sh_step(e->h, st, error)) == 1) {
		rows++;
		if (export_row(e, st, out, &key)) {
			e->next = MAX(e->next, key);
			advanced = TRUE;
		}
	}
	if (r < 0)
		return FALSE;
	if (rows < max_rows) {
		/* Everything up to @hi is written. */
		if (hi >= e->to)
			e->done = TRUE;
		else
			e->next = hi + 1;
	} else if (e->next >= e->to || !advanced) {
		/* A full step whose keys were all unreadable would repeat for
		 * ever: what another program wrote there ends the export. */
		e->done = TRUE;
	} else {
		e->next++;
	}
	if (done != NULL)
		*done = e->done;
	return TRUE;
}

gboolean
iot_store_history_export_csv(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us,
                             IotStoreExportMode mode, IotCsvFlags flags, GString *out,
                             GError **error)
{
	IotStoreHistoryExport *e = iot_store_history_export_new(h, id, from_us, to_us, mode, flags);
	gboolean done = FALSE, ok = e != NULL;

	while (ok && !done)
		ok = iot_store_history_export_step(e, out, 10000, &done, error);
	iot_store_history_export_free(e);
	return ok;
}
