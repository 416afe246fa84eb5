/* iot-purple-pubsub-watch.c — live watches of pubsub nodes: what events
 * bring is gathered per watch and node and handed on in one batch at most
 * every IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS, with at most
 * IOT_PURPLE_PUBSUB_WATCH_KEEP items (the newest; the rest counted). See
 * iot-purple-pubsub.h. */
#include "iot-purple-pubsub-private.h"

#include <eventloop.h>

#include <string.h>

#define WATCH_MAX_RETRACTED 1000


typedef struct {
	char *node;
	gboolean purged, deleted, configured;
	char *redirect;
	IotPubsubSubscription *subscription;
	GPtrArray *retracted; /* utf8 */
	GQueue items;         /* IotPurplePubsubItem */
	guint dropped;
} Pending;

typedef struct {
	guint handle;
	PurpleAccount *account;
	char *service, *node; /* node nullable: every node */
	IotPurplePubsubWatchFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
	GHashTable *pending; /* node → Pending */
	GQueue order;        /* nodes in the order their first change came (owned by pending) */
	guint timer;
	gint64 last_us;
	gboolean stopped, delivering;
} Watch;

static GHashTable *watches; /* handle → Watch */
static guint next_watch;

static void
pending_free(Pending *p)
{
	g_free(p->node);
	g_free(p->redirect);
	iot_pubsub_subscription_free(p->subscription);
	g_ptr_array_unref(p->retracted);
	g_queue_clear_full(&p->items, (GDestroyNotify)iot_purple_pubsub_item_free);
	g_free(p);
}

static void
watch_free(Watch *w)
{
	if (w->timer != 0)
		purple_timeout_remove(w->timer);
	if (w->destroy)
		w->destroy(w->user_data);
	g_queue_clear(&w->order);
	g_hash_table_destroy(w->pending);
	g_free(w->service);
	g_free(w->node);
	g_free(w);
}

guint
iot_purple_pubsub_watch(PurpleAccount *account, const char *service, const char *node,
                        IotPurplePubsubWatchFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Watch *w;

	g_return_val_if_fail(account != NULL && service != NULL && cb != NULL, 0);
	if (watches == NULL)
		watches = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)watch_free);
	w = g_new0(Watch, 1);
	w->handle = ++next_watch;
	w->account = account;
	w->service = g_utf8_strdown(service, -1);
	w->node = g_strdup(node);
	w->cb = cb;
	w->user_data = user_data;
	w->destroy = destroy;
	w->pending = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)pending_free);
	g_hash_table_insert(watches, GUINT_TO_POINTER(w->handle), w);
	return w->handle;
}

void
iot_purple_pubsub_unwatch(guint handle)
{
	Watch *w = watches ? g_hash_table_lookup(watches, GUINT_TO_POINTER(handle)) : NULL;

	if (w == NULL)
		return;
	w->stopped = TRUE;
	if (!w->delivering)
		g_hash_table_remove(watches, GUINT_TO_POINTER(handle));
	/* else: removed when the delivery that called us returns */
}

static gboolean deliver_cb(gpointer data);

static void
deliver(Watch *w)
{
	GQueue order = w->order;
	GHashTable *pending = w->pending;
	char *node;

	/* Take the batch: what comes while the callback runs goes to the next. */
	g_queue_init(&w->order);
	w->pending = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)pending_free);
	w->last_us = g_get_monotonic_time();
	w->delivering = TRUE;
	while (!w->stopped && (node = g_queue_pop_head(&order)) != NULL) {
		Pending *p = g_hash_table_lookup(pending, node);
		GPtrArray *items = g_ptr_array_new();
		IotPurplePubsubUpdate u = { 0 };
		GList *l;

		for (l = p->items.head; l != NULL; l = l->next)
			g_ptr_array_add(items, l->data);
		u.node = p->node;
		u.purged = p->purged;
		u.deleted = p->deleted;
		u.redirect = p->redirect;
		u.configured = p->configured;
		u.subscription = p->subscription;
		u.retracted = p->retracted;
		u.items = items;
		u.dropped = p->dropped;
		w->cb(w->handle, w->account, w->service, &u, w->user_data);
		g_ptr_array_unref(items);
	}
	w->delivering = FALSE;
	g_queue_clear(&order);
	g_hash_table_destroy(pending);
	if (w->stopped)
		g_hash_table_remove(watches, GUINT_TO_POINTER(w->handle));
}

static gboolean
deliver_cb(gpointer data)
{
	Watch *w = watches ? g_hash_table_lookup(watches, data) : NULL;

	if (w == NULL)
		return G_SOURCE_REMOVE;
	w->timer = 0;
	deliver(w);
	return G_SOURCE_REMOVE;
}

static void
schedule(Watch *w)
{
	gint64 since;
	guint ms;

	if (w->timer != 0)
		return;
	since = (g_get_monotonic_time() - w->last_us) / 1000;
	ms = since >= IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS ? 0 : (guint)(IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS - since);
	w->timer = purple_timeout_add(ms, deliver_cb, GUINT_TO_POINTER(w->handle));
}

static Pending *
pending_of(Watch *w, const char *node)
{
	Pending *p = g_hash_table_lookup(w->pending, node);

	if (p == NULL) {
		p = g_new0(Pending, 1);
		p->node = g_strdup(node);
		p->retracted = g_ptr_array_new_with_free_func(g_free);
		g_queue_init(&p->items);
		g_hash_table_insert(w->pending, p->node, p);
		g_queue_push_tail(&w->order, p->node);
	}
	schedule(w);
	return p;
}

GList *
iot_purple_pubsub_watches_of(PurpleAccount *account, const char *service, const char *node)
{
	GHashTableIter it;
	gpointer v;
	GList *out = NULL;

	if (watches == NULL)
		return NULL;
	g_hash_table_iter_init(&it, watches);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		Watch *w = v;
		if (!w->stopped && w->account == account && strcmp(w->service, service) == 0 &&
		    (w->node == NULL || strcmp(w->node, node) == 0))
			out = g_list_prepend(out, w);
	}
	return out;
}

static void
pending_add_item(Pending *p, IotPurplePubsubItem *it)
{
	g_queue_push_tail(&p->items, it);
	while (p->items.length > IOT_PURPLE_PUBSUB_WATCH_KEEP) {
		iot_purple_pubsub_item_free(g_queue_pop_head(&p->items));
		p->dropped++;
	}
}


void
iot_purple_pubsub_watch_note_item(gpointer watch, const char *node, IotPurplePubsubItem *it)
{
	pending_add_item(pending_of(watch, node), it);
}

void
iot_purple_pubsub_watch_note_retract(gpointer watch, const char *node, const char *id)
{
	Pending *p = pending_of(watch, node);
	GList *q;

	/* Not yet delivered: it never was there for the window. */
	for (q = p->items.head; q != NULL; q = q->next)
		if (g_strcmp0(((IotPurplePubsubItem *)q->data)->item->id, id) == 0) {
			iot_purple_pubsub_item_free(q->data);
			g_queue_delete_link(&p->items, q);
			break;
		}
	if (p->retracted->len < WATCH_MAX_RETRACTED)
		g_ptr_array_add(p->retracted, g_strdup(id));
}

void
iot_purple_pubsub_watch_note_dropped(gpointer watch, const char *node, guint n)
{
	pending_of(watch, node)->dropped += n;
}

void
iot_purple_pubsub_watch_note_gone(gpointer watch, const char *node, gboolean deleted, const char *redirect)
{
	Pending *p = pending_of(watch, node);

	/* What had not been shown yet is gone too. */
	g_queue_clear_full(&p->items, (GDestroyNotify)iot_purple_pubsub_item_free);
	g_queue_init(&p->items);
	g_ptr_array_set_size(p->retracted, 0);
	if (!deleted) {
		p->purged = TRUE;
	} else {
		p->deleted = TRUE;
		g_free(p->redirect);
		p->redirect = g_strdup(redirect);
	}
}

void
iot_purple_pubsub_watch_note_configured(gpointer watch, const char *node)
{
	pending_of(watch, node)->configured = TRUE;
}

void
iot_purple_pubsub_watch_note_subscription(gpointer watch, const char *node, const IotPubsubSubscription *sub)
{
	Pending *p = pending_of(watch, node);

	iot_pubsub_subscription_free(p->subscription);
	p->subscription = iot_pubsub_subscription_copy(sub);
}

void
iot_purple_pubsub_watches_shutdown(void)
{
	GList *handles, *l;

	if (watches == NULL)
		return;
	handles = g_hash_table_get_keys(watches);
	for (l = handles; l != NULL; l = l->next)
		iot_purple_pubsub_unwatch(GPOINTER_TO_UINT(l->data));
	g_list_free(handles);
	g_hash_table_destroy(watches);
	watches = NULL;
}
