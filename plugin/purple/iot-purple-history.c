/* iot-purple-history.c — the history of things in the store: writing once a
 * second, retention purge, windows' caches. See iot-purple-history.h. */
#include "iot-purple-history.h"
#include "iot-purple-alert-private.h"

#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-purple-history-private.h"
#include "iot-purple-store.h"

#include <debug.h>
#include <eventloop.h>
#include <prefs.h>

/* A write a second after the first new value, of at most
 * IOT_STORE_HISTORY_FLUSH_SAMPLES values: more wait for the next second.
 * After failures, less and less often, up to this many seconds apart. */
#define FLUSH_RETRY_MAX_S 60
/* A write slower than this is logged. */
#define SLOW_US 20000
/* Purge: steps of IOT_STORE_HISTORY_PURGE_ROWS rows, as many as fit in
 * IOT_STORE_HISTORY_PURGE_SLICE_US, every IOT_STORE_HISTORY_PURGE_MORE_MS
 * while there is more (after a change of the retention or a forget, or
 * with many series), else once an hour; the first a little after load. */
#define PURGE_FIRST_MS (30 * 1000)
#define PURGE_IDLE_MS (3600 * 1000)
#define PURGE_RETRY_MS (600 * 1000)

/* A window's cache of a thing's numbers. */
typedef struct {
	PurpleAccount *account;
	char *thing; /* bare JID */
	IotHistory *h;
	guint holds;
} Recent;

static IotStoreHistory *hist;
static guint flush_timer, purge_timer, pref_cb;
static guint failures;     /* writes that failed in a row */
static guint64 refused;    /* values refused because the queue was full, told in the log */
static GHashTable *recent; /* "account\nthing" → Recent */
static IotPurpleHistoryChanged listener;
static gpointer listener_data;

IotStoreHistory *
iot_purple_history_store(void)
{
	return hist;
}

void
iot_purple_history_notify(PurpleAccount *account, const char *thing)
{
	if (listener != NULL)
		listener(account, thing, listener_data);
}

/* ---- writing ------------------------------------------------------------------- */

/* Writes (part of) the queue in one transaction; FALSE when that failed
 * (told through the store). */
static gboolean
flush_now(guint max_samples)
{
	GError *error = NULL;
	IotStoreHistoryStats stats;
	guint64 now_refused;
	gint64 t0;
	guint n;

	if (hist == NULL || (n = iot_store_history_queue_length(hist)) == 0)
		return TRUE;
	now_refused = iot_store_history_queue_refused(hist);
	if (now_refused != refused) {
		purple_debug_warning("xmpp-iot", "history: %" G_GUINT64_FORMAT " values were refused: %u wait already\n",
		                     now_refused - refused, IOT_STORE_HISTORY_MAX_QUEUE);
		refused = now_refused;
	}
	t0 = g_get_monotonic_time();
	if (!iot_store_history_flush_some(hist, g_get_real_time(), max_samples, &stats, &error)) {
		purple_debug_error("xmpp-iot", "history: %u values not written (they wait)\n", n);
		iot_purple_store_failed(error);
		g_error_free(error);
		return FALSE;
	}
	if (g_get_monotonic_time() - t0 > SLOW_US)
		purple_debug_warning("xmpp-iot", "history: writing %u values took %.1f ms\n",
		                     n - iot_store_history_queue_length(hist), (g_get_monotonic_time() - t0) / 1000.0);
	if (stats.too_old > 0)
		purple_debug_info("xmpp-iot", "history: %u values older than the retention were not kept\n",
		                  stats.too_old);
	return TRUE;
}

static gboolean flush_cb(gpointer data);

static void
schedule_flush(guint ms)
{
	if (flush_timer == 0 && hist != NULL)
		flush_timer = purple_timeout_add(ms, flush_cb, NULL);
}

/* One transaction; the rest of a big queue a second later (or, when a
 * write is slow, later still: at most a fifth of the main loop's time). */
static void
flush_step(void)
{
	gint64 t0 = g_get_monotonic_time();

	if (flush_now(IOT_STORE_HISTORY_FLUSH_SAMPLES)) {
		failures = 0;
		if (iot_store_history_queue_length(hist) > 0)
			schedule_flush(MAX(IOT_STORE_HISTORY_FLUSH_MS, (guint)((g_get_monotonic_time() - t0) / 250)));
	} else {
		failures = MIN(failures + 1, 16);
		schedule_flush(MIN(1u << failures, FLUSH_RETRY_MAX_S) * 1000);
	}
}

static gboolean
flush_cb(gpointer data)
{
	flush_timer = 0;
	flush_step();
	return FALSE;
}

void
iot_purple_history_flush(void)
{
	if (hist == NULL || failures > 0)
		return; /* the retry comes by itself */
	if (flush_timer != 0)
		purple_timeout_remove(flush_timer);
	flush_timer = 0;
	flush_step();
}

/* ---- retention ------------------------------------------------------------------ */

static gboolean purge_cb(gpointer data);

static void
schedule_purge(guint ms)
{
	if (hist == NULL)
		return;
	if (purge_timer != 0)
		purple_timeout_remove(purge_timer);
	purge_timer = purple_timeout_add(ms, purge_cb, NULL);
}

static gboolean
purge_cb(gpointer data)
{
	GError *error = NULL;
	gboolean more = TRUE;
	gint64 t0 = g_get_monotonic_time();
	gint64 longest = 0;
	guint steps = 0;

	purge_timer = 0;
	/* Another step only when one as long as the longest so far still fits. */
	while (more && (steps == 0 || g_get_monotonic_time() - t0 + longest < IOT_STORE_HISTORY_PURGE_SLICE_US)) {
		gint64 s0 = g_get_monotonic_time();

		if (!iot_store_history_purge_step(hist, g_get_real_time(), IOT_STORE_HISTORY_PURGE_ROWS, &more, &error)) {
			iot_purple_store_failed(error);
			g_error_free(error);
			schedule_purge(PURGE_RETRY_MS);
			return FALSE;
		}
		longest = MAX(longest, g_get_monotonic_time() - s0);
		steps++;
	}
	if (g_get_monotonic_time() - t0 > SLOW_US)
		purple_debug_warning("xmpp-iot", "history: %u purge steps took %.1f ms\n", steps,
		                     (g_get_monotonic_time() - t0) / 1000.0);
	/* While there is more: at most a fifth of the main loop's time, however
	 * slow the steps are (a slow disk, valgrind). */
	schedule_purge(more ? MAX(IOT_STORE_HISTORY_PURGE_MORE_MS, (guint)((g_get_monotonic_time() - t0) / 250))
	                    : PURGE_IDLE_MS);
	return FALSE;
}

static gint64
retention_us(void)
{
	int days = purple_prefs_get_int(IOT_PURPLE_HISTORY_DAYS_PREF);

	days = CLAMP(days, 1, IOT_PURPLE_HISTORY_DAYS_MAX);
	return (gint64)days * 24 * IOT_STORE_HISTORY_HOUR;
}

static void
retention_changed(const char *name, PurplePrefType type, gconstpointer value, gpointer data)
{
	if (hist == NULL)
		return;
	iot_store_history_set_retention(hist, retention_us());
	purple_debug_info("xmpp-iot", "history: full detail kept for %d days\n",
	                  purple_prefs_get_int(IOT_PURPLE_HISTORY_DAYS_PREF));
	schedule_purge(IOT_STORE_HISTORY_PURGE_MORE_MS);
}

/* ---- windows' caches --------------------------------------------------------------- */

static char *
key_of(PurpleAccount *account, const char *thing, char **bare)
{
	char *b = iot_jid_bare(thing), *key;

	if (b == NULL)
		return NULL;
	key = g_strdup_printf("%s\n%s", purple_account_get_username(account), b);
	if (bare != NULL)
		*bare = b;
	else
		g_free(b);
	return key;
}

static void
recent_free(Recent *r)
{
	iot_history_free(r->h);
	g_free(r->thing);
	g_free(r);
}

/* Fills @r's cache with the newest numbers of each field kept. */
static void
recent_fill(Recent *r)
{
	const char *account = purple_account_get_username(r->account);
	GError *error = NULL;
	GPtrArray *latest;
	gint64 t0 = g_get_monotonic_time();
	guint i, n = 0;

	/* Values still waiting for their write (the last second) are left
	 * out: the window's own readout follows at once. */
	if (hist == NULL)
		return;
	latest = iot_store_history_latest(hist, account, r->thing, &error);
	for (i = 0; latest != NULL && i < latest->len; i++) {
		const IotStoreSeries *s = g_ptr_array_index(latest, i);
		GArray *samples;
		guint k;

		if (s->kind != IOT_STORE_SERIES_NUMBERS || s->id <= 0)
			continue;
		samples = iot_store_history_samples(hist, s->id, G_MININT64, G_MAXINT64,
		                                    IOT_PURPLE_HISTORY_RECENT_SAMPLES, &error);
		if (samples == NULL)
			break;
		for (k = 0; k < samples->len; k++) {
			const IotHistorySample *x = &g_array_index(samples, IotHistorySample, k);

			if (iot_history_add(r->h, &s->node, s->name, s->unit, x->timestamp, x->value, x->qos) ==
			    IOT_HISTORY_ADDED)
				n++;
		}
		g_array_unref(samples);
	}
	if (error != NULL) {
		purple_debug_error("xmpp-iot", "history of %s not read: %s\n", r->thing, error->message);
		g_error_free(error);
	}
	if (latest != NULL)
		g_ptr_array_unref(latest);
	purple_debug_info("xmpp-iot", "history: %u values of %s read for a window in %.1f ms\n", n, r->thing,
	                  (g_get_monotonic_time() - t0) / 1000.0);
}

const IotHistory *
iot_purple_history_recent_hold(PurpleAccount *account, const char *thing)
{
	char *bare = NULL, *key = key_of(account, thing, &bare);
	Recent *r;

	if (key == NULL)
		return NULL;
	if (recent == NULL)
		recent = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)recent_free);
	r = g_hash_table_lookup(recent, key);
	if (r == NULL) {
		r = g_new0(Recent, 1);
		r->account = account;
		r->thing = bare;
		r->h = iot_history_new(bare);
		recent_fill(r);
		g_hash_table_insert(recent, key, r);
	} else {
		g_free(bare);
		g_free(key);
	}
	r->holds++;
	return r->h;
}

void
iot_purple_history_recent_release(PurpleAccount *account, const char *thing)
{
	char *key = key_of(account, thing, NULL);
	Recent *r = key != NULL && recent != NULL ? g_hash_table_lookup(recent, key) : NULL;

	if (r != NULL && --r->holds == 0)
		g_hash_table_remove(recent, key);
	g_free(key);
}

const IotHistory *
iot_purple_history_recent(PurpleAccount *account, const char *thing)
{
	char *key = key_of(account, thing, NULL);
	Recent *r = key != NULL && recent != NULL ? g_hash_table_lookup(recent, key) : NULL;

	g_free(key);
	return r != NULL ? r->h : NULL;
}

/* ---- the adapter's calls -------------------------------------------------------------- */

void
iot_purple_history_add(PurpleAccount *account, const char *thing, const IotReadout *readout)
{
	char *bare = NULL, *key;
	Recent *r;
	guint queued = 0, cached = 0;

	if (readout == NULL || (key = key_of(account, thing, &bare)) == NULL)
		return;
	/* Every value on its way into the history: the rules see it too. */
	iot_purple_alert_readout(account, bare, readout);
	if (hist != NULL) {
		queued = iot_store_history_add_readout(hist, purple_account_get_username(account), bare, readout,
		                                       g_get_real_time());
		if (queued > 0)
			schedule_flush(IOT_STORE_HISTORY_FLUSH_MS);
	}
	r = recent != NULL ? g_hash_table_lookup(recent, key) : NULL;
	if (r != NULL)
		cached = iot_history_add_readout(r->h, readout, g_get_real_time());
	if (queued > 0 || cached > 0)
		iot_purple_history_notify(account, bare);
	g_free(key);
	g_free(bare);
}

GPtrArray *
iot_purple_history_latest(PurpleAccount *account, const char *thing)
{
	GError *error = NULL;
	GPtrArray *a;

	if (hist == NULL || account == NULL || thing == NULL)
		return NULL;
	a = iot_store_history_latest(hist, purple_account_get_username(account), thing, &error);
	if (a == NULL) {
		purple_debug_error("xmpp-iot", "latest values of %s not read: %s\n", thing, error->message);
		g_error_free(error);
	}
	return a;
}

gboolean
iot_purple_history_forget(PurpleAccount *account, const char *thing, GError **error)
{
	char *bare = NULL, *key;
	Recent *r;

	g_return_val_if_fail(account != NULL && thing != NULL, FALSE);
	if (hist == NULL) {
		g_set_error_literal(error, IOT_STORE_HISTORY_ERROR, IOT_STORE_HISTORY_ERROR_FAILED,
		                    "no store: nothing is kept");
		return FALSE;
	}
	if ((key = key_of(account, thing, &bare)) == NULL) {
		g_set_error(error, IOT_STORE_HISTORY_ERROR, IOT_STORE_HISTORY_ERROR_INVALID, "not an address: %s",
		            thing);
		return FALSE;
	}
	if (!iot_store_history_forget(hist, purple_account_get_username(account), bare, error)) {
		g_free(key);
		g_free(bare);
		return FALSE;
	}
	purple_debug_info("xmpp-iot", "history of %s forgotten\n", bare);
	/* A window's cache starts again empty: the listener hands the new one
	 * to the window before the old one goes. */
	r = recent != NULL ? g_hash_table_lookup(recent, key) : NULL;
	if (r != NULL) {
		IotHistory *old = r->h;

		r->h = iot_history_new(bare);
		iot_purple_history_notify(account, bare);
		iot_history_free(old);
	} else {
		iot_purple_history_notify(account, bare);
	}
	schedule_purge(IOT_STORE_HISTORY_PURGE_MORE_MS);
	g_free(key);
	g_free(bare);
	return TRUE;
}

void
iot_purple_history_set_listener(IotPurpleHistoryChanged fn, gpointer data)
{
	listener = fn;
	listener_data = data;
}

/* ---- life ------------------------------------------------------------------------------ */

void
iot_purple_history_open(PurplePlugin *plugin)
{
	IotStore *st = iot_purple_store_get();
	GError *error = NULL;

	failures = 0;
	refused = 0;
	if (hist == NULL && st != NULL) {
		hist = iot_store_history_open(st, &error);
		if (hist == NULL) {
			iot_purple_store_failed(error);
			g_error_free(error);
		}
	}
	if (hist == NULL)
		return;
	iot_store_history_set_retention(hist, retention_us());
	pref_cb = purple_prefs_connect_callback(plugin, IOT_PURPLE_HISTORY_DAYS_PREF, retention_changed, NULL);
	schedule_purge(PURGE_FIRST_MS);
	iot_purple_history_import_start(hist);
}

void
iot_purple_history_shutdown(void)
{
	iot_purple_history_import_stop();
	if (pref_cb != 0)
		purple_prefs_disconnect_callback(pref_cb);
	pref_cb = 0;
	if (purge_timer != 0)
		purple_timeout_remove(purge_timer);
	purge_timer = 0;
	if (flush_timer != 0)
		purple_timeout_remove(flush_timer);
	flush_timer = 0;
	/* Everything, now: nothing runs after the unload. */
	while (hist != NULL && iot_store_history_queue_length(hist) > 0 && flush_now(G_MAXUINT))
		;
	if (hist != NULL && iot_store_history_queue_length(hist) > 0)
		purple_debug_error("xmpp-iot", "history: %u values could not be written before unloading\n",
		                   iot_store_history_queue_length(hist));
	iot_store_history_free(hist);
	hist = NULL;
	if (recent != NULL)
		g_hash_table_destroy(recent);
	recent = NULL;
	listener = NULL;
	listener_data = NULL;
}
