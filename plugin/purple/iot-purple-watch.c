/* iot-purple-watch.c — event subscriptions with polling as the fallback. */
#include "iot-purple-watch.h"

#include "iot-error.h"
#include "iot-events.h"
#include "iot-jid.h"
#include "iot-purple-history.h"
#include "iot-purple-reader.h"
#include "iot-purple-session.h"
#include "iot-purple-target.h"

#include <debug.h>
#include <eventloop.h>

/* Ask for an event at least this often: it doubles as the liveness check. */
#define MAX_INTERVAL_S 120
#define MIN_INTERVAL_S 1

typedef struct {
	guint handle;
	PurpleAccount *account;
	char *who;
	guint interval_s;
	IotPurpleWatchFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
	gboolean resolving;       /* a target lookup is under way */
	gboolean stopped;
	IotEventsSubscription *sub;
	char *sub_id;             /* reused when subscribing again */
	IotEventsRequest *limits; /* nullable: fields, change limits and intervals
	                           * pushed in the subscription (rules) */
	guint watchdog;
	guint poll_timer;
	guint poll_read;
	int refs;
} Watch;

static GHashTable *watches; /* handle → Watch (one reference) */
static guint next_handle;

static void attach(Watch *w);

static void
watch_unref(Watch *w)
{
	if (--w->refs > 0)
		return;
	if (w->destroy)
		w->destroy(w->user_data);
	g_free(w->who);
	g_free(w->sub_id);
	iot_events_request_free(w->limits);
	g_free(w);
}

static void
report(Watch *w, IotReadout *readout, const GError *error)
{
	if (w->stopped)
		return;
	if (readout != NULL)
		iot_purple_history_add(w->account, w->who, readout);
	w->cb(w->account, w->who, readout, error, w->user_data);
}

/* --- polling ----------------------------------------------------------------------- */

static void
poll_done(PurpleAccount *account, const char *who, const char *full, IotReadout *readout,
          const GError *error, gpointer data)
{
	Watch *w = data;

	w->poll_read = 0;
	/* The reader recorded the history already; only tell the window. */
	if (!w->stopped)
		w->cb(w->account, w->who, readout, error, w->user_data);
}

static gboolean
poll_cb(gpointer data)
{
	Watch *w = data;
	IotSdRequest req = { 0 };

	if (w->poll_read == 0) { /* never two readouts of one watch at once */
		req.categories = IOT_CAT_NOW; /* what the window's first read showed */
		w->poll_read = iot_purple_reader_start(w->account, w->who, &req, poll_done, w, NULL);
	}
	return TRUE;
}

static void
start_polling(Watch *w)
{
	if (w->poll_timer != 0)
		return;
	purple_debug_info("xmpp-iot", "polling %s every %u s\n", w->who, w->interval_s);
	poll_cb(w);
	w->poll_timer = purple_timeout_add_seconds(w->interval_s, poll_cb, w);
}

static void
stop_polling(Watch *w)
{
	if (w->poll_timer != 0)
		purple_timeout_remove(w->poll_timer);
	w->poll_timer = 0;
	if (w->poll_read != 0)
		iot_purple_reader_cancel(w->poll_read);
	w->poll_read = 0;
}

/* --- events ------------------------------------------------------------------------ */

static gboolean
watchdog_cb(gpointer data)
{
	Watch *w = data;

	w->watchdog = 0;
	purple_debug_info("xmpp-iot", "no event from %s for a while: renewing the subscription\n", w->who);
	if (w->sub != NULL)
		iot_events_renew(w->sub);
	return FALSE;
}

static void
arm_watchdog(Watch *w, const IotEventsRequest *req)
{
	guint ms = req ? iot_events_watchdog_ms(req) : (MAX_INTERVAL_S * 3 / 2 + 10) * 1000;

	if (w->watchdog != 0)
		purple_timeout_remove(w->watchdog);
	w->watchdog = purple_timeout_add(ms, watchdog_cb, w);
}

static void
event_cb(IotEventsSubscription *sub, IotReadout *event, gpointer data)
{
	Watch *w = data;

	arm_watchdog(w, NULL);
	report(w, event, NULL);
}

static void
end_cb(IotEventsSubscription *sub, const GError *error, gpointer data)
{
	Watch *w = data;

	if (w->watchdog != 0)
		purple_timeout_remove(w->watchdog);
	w->watchdog = 0;
	if (w->sub == sub) {
		iot_events_subscription_unref(w->sub);
		w->sub = NULL;
	}
	if (error == NULL || w->stopped)
		return;
	if (g_error_matches(error, IOT_ERROR, IOT_ERROR_DISCONNECTED) ||
	    g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED)) {
		report(w, NULL, error); /* the window shows it is stale; sign-on resubscribes */
		return;
	}
	/* Refused, not implemented, or no answer: fall back to asking. */
	purple_debug_info("xmpp-iot", "events of %s unavailable (%s): polling instead\n", w->who,
	                  error->message);
	start_polling(w);
}

static void
subscribe(Watch *w, const char *full, IotGeneration gen)
{
	IotPurpleSession *s = iot_purple_session_get(w->account);
	IotEventsRequest *req;

	if (s == NULL)
		return;
	if (w->limits != NULL) {
		/* A rule's thresholds: the thing reports what they need. */
		req = iot_events_request_copy(w->limits);
		g_free(req->id);
		if (req->categories == 0)
			req->categories = IOT_CAT_NOW;
		if (req->min_interval == 0)
			req->min_interval = MIN_INTERVAL_S;
		if (req->max_interval == 0)
			req->max_interval = MAX_INTERVAL_S;
		req->immediate = TRUE;
	} else {
		req = iot_events_request_new();
		req->categories = IOT_CAT_NOW;
		req->min_interval = MIN_INTERVAL_S;
		req->max_interval = MAX_INTERVAL_S;
		req->immediate = TRUE;
	}
	req->id = g_strdup(w->sub_id);
	w->refs++; /* held by the subscription until it ends */
	w->sub = iot_events_subscribe(s->table, full, gen, req, iot_purple_session_timeout_s() * 1000, event_cb,
	                              end_cb, w, (GDestroyNotify)watch_unref);
	if (w->sub != NULL) {
		g_free(w->sub_id);
		w->sub_id = g_strdup(iot_events_subscription_get_id(w->sub));
		arm_watchdog(w, req);
		purple_debug_info("xmpp-iot", "subscribed to %s as %s\n", full, iot_generation_name(gen));
	}
	iot_events_request_free(req);
}

static void
target_cb(const char *full, IotGeneration gen, const GError *error, gpointer data)
{
	Watch *w = data;

	w->resolving = FALSE;
	if (w->stopped)
		return;
	if (error == NULL) {
		subscribe(w, full, gen);
		return;
	}
	if (g_error_matches(error, IOT_ERROR, IOT_ERROR_DISCONNECTED) ||
	    g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
		return;
	/* No events (or not known yet): poll; the reader reports offline things. */
	start_polling(w);
}

static void
attach(Watch *w)
{
	IotPurpleSession *s = iot_purple_session_get(w->account);

	if (s == NULL || w->stopped || w->resolving || w->sub != NULL || w->poll_timer != 0)
		return;
	w->resolving = TRUE;
	w->refs++;
	iot_purple_target_resolve(s, w->who, IOT_FUNC_EVENTS, target_cb, w, (GDestroyNotify)watch_unref);
}

guint
iot_purple_watch_start(PurpleAccount *account, const char *who, guint interval_s,
                       IotPurpleWatchFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return iot_purple_watch_start_limits(account, who, interval_s, NULL, cb, user_data, destroy);
}

guint
iot_purple_watch_start_limits(PurpleAccount *account, const char *who, guint interval_s,
                              const IotEventsRequest *limits, IotPurpleWatchFunc cb, gpointer user_data,
                              GDestroyNotify destroy)
{
	Watch *w;

	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL, 0);
	if (watches == NULL)
		watches = g_hash_table_new(g_direct_hash, g_direct_equal);
	w = g_new0(Watch, 1);
	w->refs = 1;
	w->handle = ++next_handle ? next_handle : ++next_handle;
	w->account = account;
	w->who = iot_jid_bare(who);
	if (w->who == NULL)
		w->who = g_strdup(who);
	w->interval_s = MAX(interval_s, 1);
	w->cb = cb;
	w->user_data = user_data;
	w->destroy = destroy;
	w->limits = limits != NULL ? iot_events_request_copy(limits) : NULL;
	g_hash_table_insert(watches, GUINT_TO_POINTER(w->handle), w);
	attach(w);
	return w->handle;
}

static void
detach(Watch *w)
{
	stop_polling(w);
	if (w->watchdog != 0)
		purple_timeout_remove(w->watchdog);
	w->watchdog = 0;
	if (w->sub != NULL) {
		IotEventsSubscription *sub = w->sub;
		/* Tell the thing; end_cb runs (no error) and drops our reference. */
		if (!iot_events_unsubscribe(sub) && w->sub == sub) {
			iot_events_subscription_unref(sub);
			w->sub = NULL;
		}
	}
}

void
iot_purple_watch_stop(guint handle)
{
	Watch *w = watches ? g_hash_table_lookup(watches, GUINT_TO_POINTER(handle)) : NULL;

	if (w == NULL)
		return;
	g_hash_table_remove(watches, GUINT_TO_POINTER(handle));
	w->stopped = TRUE;
	detach(w);
	watch_unref(w);
}

void
iot_purple_watch_session_changed(PurpleAccount *account, gboolean online)
{
	GHashTableIter it;
	gpointer v;

	if (watches == NULL)
		return;
	g_hash_table_iter_init(&it, watches);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		Watch *w = v;
		if (w->account != account)
			continue;
		if (online) {
			attach(w);
		} else {
			stop_polling(w);
		}
	}
}

void
iot_purple_watch_thing_online(PurpleAccount *account, const char *bare)
{
	GHashTableIter it;
	gpointer v;

	if (watches == NULL)
		return;
	g_hash_table_iter_init(&it, watches);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		Watch *w = v;
		if (w->account == account && iot_jid_same_bare(w->who, bare) && w->sub != NULL)
			iot_events_renew(w->sub);
	}
}

void
iot_purple_watch_feed(PurpleAccount *account, const char *who, IotReadout *readout)
{
	GList *handles, *l;

	if (readout == NULL || who == NULL)
		return;
	iot_purple_history_add(account, who, readout);
	if (watches == NULL)
		return;
	/* A window's callback may stop watches: look each up again. */
	handles = g_hash_table_get_keys(watches);
	for (l = handles; l != NULL; l = l->next) {
		Watch *w = watches ? g_hash_table_lookup(watches, l->data) : NULL;

		if (w != NULL && !w->stopped && w->account == account && iot_jid_same_bare(w->who, who))
			w->cb(w->account, w->who, readout, NULL, w->user_data);
	}
	g_list_free(handles);
}

void
iot_purple_watch_shutdown(void)
{
	GList *handles, *l;

	if (watches == NULL)
		return;
	handles = g_hash_table_get_keys(watches);
	for (l = handles; l != NULL; l = l->next)
		iot_purple_watch_stop(GPOINTER_TO_UINT(l->data));
	g_list_free(handles);
	g_hash_table_destroy(watches);
	watches = NULL;
}
