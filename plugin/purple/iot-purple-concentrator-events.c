/* iot-purple-concentrator-events.c — data-source event subscriptions that
 * outlive a connection: made, renewed before an NF lifetime lapses, made
 * again after our reconnect and when the concentrator comes back, ended
 * at sign-off; and the events they bring, handed to their owner. See
 * iot-purple-concentrator.h. */
#include "iot-purple-concentrator-private.h"

#include "iot-concentrator-flow.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-alert.h"

#include <debug.h>
#include <eventloop.h>

/* A subscription refused or not answered is tried again after this long. */
#define RETRY_S 60

typedef struct {
	int refs;
	guint handle;
	gboolean stopped;
	PurpleAccount *account;
	char *who;
	char *source_id;
	guint32 events;
	gboolean details;
	guint ttl_s;
	char *full_jid;     /* the concentrator it was made with (nullable) */
	IotGeneration gen;
	gboolean active;    /* in force at the concentrator */
	guint prep;         /* finding the concentrator */
	guint request;      /* subscribe under way */
	guint timer;        /* renewal or retry */
	IotPurpleConcentratorEventFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Sub;

static GHashTable *subs; /* handle → Sub (one reference) */

static void subscribe_now(Sub *sub);

static Sub *
sub_ref(Sub *sub)
{
	sub->refs++;
	return sub;
}

static void
sub_unref(gpointer data)
{
	Sub *sub = data;

	if (--sub->refs > 0)
		return;
	g_free(sub->who);
	g_free(sub->source_id);
	g_free(sub->full_jid);
	g_free(sub);
}

static void
report(Sub *sub, const IotSourceEvent *ev, const GError *error)
{
	if (!sub->stopped)
		sub->cb(sub->handle, ev, error, sub->user_data);
}

static void
stop_timer(Sub *sub)
{
	if (sub->timer != 0)
		purple_timeout_remove(sub->timer);
	sub->timer = 0;
}

/* Stops what is under way for @sub (not the subscription itself). */
static void
halt(Sub *sub)
{
	IotPurpleSession *s = iot_purple_session_get(sub->account);

	stop_timer(sub);
	if (sub->prep != 0)
		iot_purple_concentrator_prepare_cancel(sub->prep);
	sub->prep = 0;
	if (sub->request != 0 && s != NULL)
		iot_request_table_cancel(s->table, sub->request);
	sub->request = 0;
}

static gboolean
timer_cb(gpointer data)
{
	Sub *sub = data;

	sub->timer = 0;
	subscribe_now(sub);
	return G_SOURCE_REMOVE;
}

static void
arm(Sub *sub, guint seconds)
{
	stop_timer(sub);
	if (seconds > 0)
		sub->timer = purple_timeout_add_seconds(seconds, timer_cb, sub);
}

static IotConcentratorRequest *
request_of(const Sub *sub, IotConcentratorOp op)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(op);

	r->source_id = g_strdup(sub->source_id);
	r->events = sub->events;
	if (op == IOT_CONCENTRATOR_SUBSCRIBE) {
		r->ttl_s = sub->ttl_s;
		r->parameters = r->messages = sub->details;
	}
	return r;
}

static void
subscribed_cb(const IotConcentratorReply *reply, const GError *error, gpointer data)
{
	Sub *sub = data;

	sub->request = 0;
	if (sub->stopped || g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
		return; /* stopped by us: halt() or the plugin going */
	if (error != NULL) {
		gboolean session_end = g_error_matches(error, IOT_ERROR, IOT_ERROR_DISCONNECTED) ||
		                       g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED);

		sub->active = FALSE;
		purple_debug_info("xmpp-iot", "events of %s at %s: %s\n", sub->source_id, sub->who, error->message);
		report(sub, NULL, error);
		if (!session_end)
			arm(sub, RETRY_S);
		return;
	}
	sub->active = TRUE;
	/* NF lifetimes lapse: renewed in time. XSF: nothing to renew. */
	arm(sub, iot_concentrator_subscription_renew_s(sub->gen, sub->ttl_s));
	report(sub, NULL, NULL);
}

static void
prepared_cb(IotPurpleSession *s, const char *full_jid, IotGeneration gen, IotConcentratorCaps caps,
            const GError *error, gpointer data)
{
	Sub *sub = data;
	IotConcentratorRequest *r;

	sub->prep = 0;
	if (sub->stopped)
		return;
	if (error != NULL) {
		subscribed_cb(NULL, error, sub);
		return;
	}
	g_free(sub->full_jid);
	sub->full_jid = g_strdup(full_jid);
	sub->gen = gen;
	r = request_of(sub, IOT_CONCENTRATOR_SUBSCRIBE);
	sub->request = iot_concentrator_call(s->table, full_jid, gen, r, iot_purple_concentrator_timeout_ms(),
	                                     subscribed_cb, sub_ref(sub), sub_unref);
	iot_concentrator_request_free(r);
}

static void
subscribe_now(Sub *sub)
{
	halt(sub);
	if (iot_purple_session_get(sub->account) == NULL)
		return; /* again at sign-on */
	sub->prep = iot_purple_concentrator_prepare(sub->account, sub->who, IOT_CONCENTRATOR_SUBSCRIBE, prepared_cb,
	                                            sub_ref(sub), sub_unref);
}

guint
iot_purple_concentrator_subscribe(PurpleAccount *account, const char *who, const char *source_id, guint32 events,
                                  gboolean details, guint ttl_s, IotPurpleConcentratorEventFunc cb,
                                  gpointer user_data, GDestroyNotify destroy)
{
	Sub *sub;

	g_return_val_if_fail(account != NULL && who != NULL && source_id != NULL && cb != NULL, 0);
	if (subs == NULL)
		subs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, sub_unref);
	sub = g_new0(Sub, 1);
	sub->refs = 1;
	sub->handle = iot_purple_concentrator_next_handle();
	sub->account = account;
	sub->who = g_strdup(who);
	sub->source_id = g_strdup(source_id);
	sub->events = events & IOT_SOURCE_EVENT_ALL;
	sub->details = details;
	sub->ttl_s = ttl_s > 0 ? ttl_s : IOT_CONCENTRATOR_SUBSCRIPTION_TTL_S;
	sub->cb = cb;
	sub->user_data = user_data;
	sub->destroy = destroy;
	g_hash_table_insert(subs, GUINT_TO_POINTER(sub->handle), sub);
	/* The prepare answers from the main loop: no callback inside this call.
	 * Offline now: subscribed at sign-on. */
	subscribe_now(sub);
	return sub->handle;
}

static void
goodbye_cb(const IotConcentratorReply *reply, const GError *error, gpointer data)
{
	/* Nobody waits for it: the subscription is over on our side already. */
}

/* Tells the concentrator we are gone, if we can. */
static void
say_goodbye(Sub *sub)
{
	IotPurpleSession *s = iot_purple_session_get(sub->account);
	IotConcentratorRequest *r;

	if (!sub->active || s == NULL || sub->full_jid == NULL)
		return;
	sub->active = FALSE;
	r = request_of(sub, IOT_CONCENTRATOR_UNSUBSCRIBE);
	if (iot_concentrator_request_check(r, sub->gen, NULL))
		iot_concentrator_call(s->table, sub->full_jid, sub->gen, r, iot_purple_concentrator_timeout_ms(),
		                      goodbye_cb, NULL, NULL);
	iot_concentrator_request_free(r);
}

static void
sub_stop(Sub *sub)
{
	if (sub->stopped)
		return;
	halt(sub);
	say_goodbye(sub);
	sub->stopped = TRUE;
	if (sub->destroy != NULL)
		sub->destroy(sub->user_data);
	sub->destroy = NULL;
	g_hash_table_remove(subs, GUINT_TO_POINTER(sub->handle));
}

void
iot_purple_concentrator_unsubscribe(guint handle)
{
	Sub *sub = subs ? g_hash_table_lookup(subs, GUINT_TO_POINTER(handle)) : NULL;

	if (sub != NULL)
		sub_stop(sub);
}

/* The subscriptions of @account, each with a reference; g_list_free_full(…, sub_unref). */
static GList *
subs_of(PurpleAccount *account)
{
	GList *all = subs ? g_hash_table_get_values(subs) : NULL, *l, *out = NULL;

	for (l = all; l != NULL; l = l->next)
		if (account == NULL || ((Sub *)l->data)->account == account)
			out = g_list_prepend(out, sub_ref(l->data));
	g_list_free(all);
	return out;
}

gboolean
iot_purple_concentrator_events_handle(PurpleAccount *account, const char *from, const xmlNode *el)
{
	IotSourceEvent *ev = iot_concentrator_event_parse(el);
	GList *mine, *l;
	gboolean taken = FALSE;

	if (ev == NULL)
		return FALSE;
	mine = subs_of(account);
	for (l = mine; l != NULL; l = l->next) {
		Sub *sub = l->data;

		/* Only from the concentrator subscribed to, about its source. */
		if (sub->stopped || sub->full_jid == NULL || !iot_jid_equal(sub->full_jid, from) ||
		    g_strcmp0(sub->source_id, ev->node->ref.source_id) != 0 ||
		    (sub->events != 0 && !(sub->events & ev->type)))
			continue;
		taken = TRUE;
		report(sub, ev, NULL);
	}
	g_list_free_full(mine, sub_unref);
	/* From a concentrator we listen to: its node's state is news for the alerts. */
	if (taken && ev->type == IOT_SOURCE_EVENT_NODE_REMOVED)
		iot_purple_alert_concentrator_node_gone(account, from, ev->node->ref.node_id);
	else if (taken && (ev->type == IOT_SOURCE_EVENT_NODE_STATUS_CHANGED || ev->type == IOT_SOURCE_EVENT_NODE_ADDED ||
	                   ev->type == IOT_SOURCE_EVENT_NODE_UPDATED))
		iot_purple_alert_concentrator_node(account, from, ev->node);
	iot_source_event_free(ev);
	return taken;
}

void
iot_purple_concentrator_events_presence(PurpleAccount *account, const char *full_jid, gboolean available)
{
	GList *mine = subs_of(account), *l;

	for (l = mine; l != NULL; l = l->next) {
		Sub *sub = l->data;

		if (sub->stopped || !iot_jid_same_bare(sub->who, full_jid))
			continue;
		if (!available && sub->full_jid != NULL && iot_jid_equal(sub->full_jid, full_jid)) {
			GError *e = g_error_new(IOT_ERROR, IOT_ERROR_OFFLINE, "%s went offline", full_jid);

			halt(sub);
			sub->active = FALSE;
			report(sub, NULL, e);
			g_error_free(e);
		} else if (available && (!sub->active || sub->full_jid == NULL || iot_jid_equal(sub->full_jid, full_jid))) {
			/* Back (it forgot us when it went), or first seen. */
			purple_debug_info("xmpp-iot", "%s is online: subscribing to %s again\n", full_jid, sub->source_id);
			subscribe_now(sub);
		}
	}
	g_list_free_full(mine, sub_unref);
}

void
iot_purple_concentrator_events_session_changed(PurpleAccount *account, gboolean online)
{
	GList *mine = subs_of(account), *l;

	for (l = mine; l != NULL; l = l->next) {
		Sub *sub = l->data;

		if (sub->stopped)
			continue;
		if (online) {
			subscribe_now(sub);
		} else {
			GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, "your account went offline");

			halt(sub);
			say_goodbye(sub);
			report(sub, NULL, e);
			g_error_free(e);
		}
	}
	g_list_free_full(mine, sub_unref);
}

void
iot_purple_concentrator_events_shutdown(void)
{
	GList *all = subs_of(NULL), *l;

	for (l = all; l != NULL; l = l->next)
		sub_stop(l->data);
	g_list_free_full(all, sub_unref);
	g_clear_pointer(&subs, g_hash_table_destroy);
}
