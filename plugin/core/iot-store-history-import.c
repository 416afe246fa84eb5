/* iot-store-history-import.c — the former per-thing history files into the
 * history store, in steps. See iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-store-history-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- import --------------------------------------------------------------------------------- */

struct _IotStoreHistoryImport {
	IotStoreHistory *h;
	const IotHistory *hist;
	char *account, *thing;
	guint series, sample; /* where the next step starts */
};

IotStoreHistoryImport *
iot_store_history_import_new(IotStoreHistory *h, const char *account, const IotHistory *hist,
                             GError **error)
{
	IotStoreHistoryImport *imp;
	char *a, *t;

	g_return_val_if_fail(h != NULL && hist != NULL, NULL);
	a = iot_sh_jid(account);
	t = iot_sh_jid(iot_history_get_thing(hist));
	if (a == NULL || t == NULL) {
		g_set_error_literal(error, IOT_STORE_HISTORY_ERROR, IOT_STORE_HISTORY_ERROR_INVALID,
		                    _("This history does not belong to a contact's address."));
		g_free(a);
		g_free(t);
		return NULL;
	}
	imp = g_new0(IotStoreHistoryImport, 1);
	imp->h = h;
	imp->hist = hist;
	imp->account = a;
	imp->thing = t;
	return imp;
}

void
iot_store_history_import_free(IotStoreHistoryImport *imp)
{
	if (imp == NULL)
		return;
	g_free(imp->account);
	g_free(imp->thing);
	g_free(imp);
}

/* Takes the next samples of @s into @out: about @budget of them, then on
 * to the end of the last one's hour, so that an old hour is never split
 * between two steps (its statistics are written once, whole). */
static void
take_samples(const IotHistorySeries *s, guint from, guint budget, GArray *out)
{
	guint n = iot_history_series_length(s), i;
	gint64 last_hour = 0;

	for (i = from; i < n; i++) {
		IotHistorySample smp;
		IotShSample x;
		gint64 hour;

		if (!iot_history_series_nth(s, i, &smp))
			break;
		hour = iot_sh_floor_div(CLAMP(smp.timestamp, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME),
		                        IOT_STORE_HISTORY_HOUR);
		if (out->len >= budget && hour != last_hour)
			break;
		last_hour = hour;
		memset(&x, 0, sizeof x);
		x.t = smp.timestamp;
		x.v = smp.value;
		x.q = smp.qos & IOT_SH_QOS_MASK;
		x.seq = i;
		g_array_append_val(out, x);
	}
}

/* The samples a store can hold (a file may have anything). */
static void
drop_unfit(GArray *a)
{
	guint i = 0;

	while (i < a->len) {
		const IotShSample *x = &g_array_index(a, IotShSample, i);

		if (x->t < IOT_SH_MIN_TIME || x->t > IOT_SH_MAX_TIME || !isfinite(x->v))
			g_array_remove_index(a, i);
		else
			i++;
	}
}

gboolean
iot_store_history_import_step(IotStoreHistoryImport *imp, gint64 now_us, guint max_samples,
                              gboolean *done, IotStoreHistoryStats *stats, GError **error)
{
	IotStoreHistory *h;
	IotStoreHistoryStats st;
	GHashTable *things;
	GArray *samples;
	guint series0, sample0, budget, n;
	gint64 horizon;
	gboolean ok = TRUE;

	g_return_val_if_fail(imp != NULL && max_samples > 0, FALSE);
	h = imp->h;
	n = iot_history_n_series(imp->hist);
	if (done != NULL)
		*done = imp->series >= n;
	if (imp->series >= n)
		return TRUE;
	if (!iot_sh_begin(h, error))
		return FALSE;
	memset(&st, 0, sizeof st);
	series0 = imp->series;
	sample0 = imp->sample;
	budget = max_samples;
	horizon = iot_sh_horizon(h, now_us);
	things = iot_sh_things_new();
	samples = g_array_new(FALSE, FALSE, sizeof(IotShSample));
	while (ok && imp->series < n && budget > 0) {
		const IotHistorySeries *s = iot_history_get_series(imp->hist, imp->series);
		IotShQueued key;
		guint taken;

		memset(&key, 0, sizeof key);
		key.account = imp->account;
		key.thing = imp->thing;
		iot_sh_node_norm(&key.node, iot_history_series_get_node(s));
		key.name = (char *)iot_history_series_get_name(s);
		key.unit = (char *)iot_sh_unit_norm(iot_history_series_get_unit(s));
		key.kind = IOT_STORE_SERIES_NUMBERS;
		g_array_set_size(samples, 0);
		if (iot_sh_key_valid(&key.node, key.name, key.unit))
			take_samples(s, imp->sample, budget, samples);
		taken = samples->len;
		drop_unfit(samples);
		ok = iot_sh_write_series(h, &key, samples, horizon, TRUE, things, &st, error);
		imp->sample += taken;
		budget -= MIN(budget, MAX(taken, 1));
		if (taken == 0 || imp->sample >= iot_history_series_length(s)) {
			imp->series++;
			imp->sample = 0;
		}
	}
	g_array_unref(samples);
	g_hash_table_destroy(things);
	if (!ok || !iot_sh_commit(h, error)) {
		iot_sh_rollback(h);
		imp->series = series0;
		imp->sample = sample0;
		return FALSE;
	}
	if (stats != NULL) {
		stats->added += st.added;
		stats->replaced += st.replaced;
		stats->unchanged += st.unchanged;
		stats->kept_better += st.kept_better;
		stats->too_old += st.too_old;
		stats->hours_added += st.hours_added;
		stats->hours_known += st.hours_known;
	}
	if (done != NULL)
		*done = imp->series >= n;
	return TRUE;
}

gboolean
iot_store_history_import(IotStoreHistory *h, const char *account, const IotHistory *hist,
                         gint64 now_us, IotStoreHistoryStats *stats, GError **error)
{
	IotStoreHistoryImport *imp = iot_store_history_import_new(h, account, hist, error);
	gboolean done = FALSE, ok = imp != NULL;

	if (stats != NULL)
		memset(stats, 0, sizeof *stats);
	while (ok && !done)
		ok = iot_store_history_import_step(imp, now_us, 10000, &done, stats, error);
	iot_store_history_import_free(imp);
	return ok;
}
