/* iot-purple-pubsub-events.c — what pubsub event messages bring: live
 * watches with coalesced batches, sensor payloads into history (and the
 * readout windows of contacts publishing to their PEP), items kept in the
 * store in batches, subscription changes, approval requests.
 *
 * A storm stays bounded: a watch keeps at most IOT_PURPLE_PUBSUB_WATCH_KEEP
 * items between two batches (the rest counted), sensor values are merged
 * per thing and fed at most every IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS, and
 * the store gets at most one transaction a second with at most
 * IOT_STORE_PUBSUB_ITEMS_KEEP items per node (older ones would be trimmed
 * anyway). */
#include "iot-purple-pubsub-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-history.h"
#include "iot-purple-known.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-purple-watch.h"
#include "iot-store-pubsub.h"
#include "iot-xml.h"

#include <debug.h>
#include <eventloop.h>

#include <string.h>

#define STORE_FLUSH_MS 1000
#define STORE_MAX_NODES 1000         /* nodes with pending writes */
#define STORE_MAX_REMOVALS 1000      /* pending retractions of one node */
#define FEED_MAX_FIELDS 2000         /* sensor values merged per thing between two feeds */
#define FEED_MAX_THINGS 500
#define SOX_MAX_DEVICES 256
#define WATCH_MAX_RETRACTED 1000

/* ---- watches ----------------------------------------------------------------------------- */

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

/* Returns: (transfer container): the watches that see @node at @service on @account. */
static GList *
watches_of(PurpleAccount *account, const char *service, const char *node)
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

/* ---- store batch ------------------------------------------------------------------------- */

typedef struct {
	IotPubsubItem *item; /* NULL: a removal */
	char *remove_id;     /* removal of one item; NULL with item NULL: every item */
} StoreOp;

typedef struct {
	char *account, *service, *node;
	GQueue ops;  /* StoreOp */
	guint adds, removals;
} NodeOps;

static GHashTable *store_nodes; /* "account\nservice\nnode" → NodeOps */
static GQueue store_order;      /* keys, owned by the NodeOps */
static guint store_timer;
static gint64 store_last_us;
static guint64 store_dropped;

static void
store_op_free(StoreOp *o)
{
	iot_pubsub_item_free(o->item);
	g_free(o->remove_id);
	g_free(o);
}

static void
node_ops_free(NodeOps *n)
{
	g_queue_clear_full(&n->ops, (GDestroyNotify)store_op_free);
	g_free(n->account);
	g_free(n->service);
	g_free(n->node);
	g_free(n);
}

static gboolean
write_batch(IotStore *st, gpointer data, GError **error)
{
	GQueue *order = data;
	GList *l, *o;

	for (l = order->head; l != NULL; l = l->next) {
		NodeOps *n = l->data;
		for (o = n->ops.head; o != NULL; o = o->next) {
			StoreOp *op = o->data;
			gboolean ok = op->item != NULL
			                  ? iot_store_pubsub_item_add(st, n->account, n->service, n->node, op->item, error)
			                  : iot_store_pubsub_item_remove(st, n->account, n->service, n->node, op->remove_id,
			                                                 error);
			if (!ok)
				return FALSE;
		}
	}
	return TRUE;
}

void
iot_purple_pubsub_events_flush(void)
{
	IotStore *st = iot_purple_store_get();
	GQueue nodes = G_QUEUE_INIT;
	GError *error = NULL;
	char *key;

	if (store_timer != 0)
		purple_timeout_remove(store_timer);
	store_timer = 0;
	if (store_nodes == NULL || g_hash_table_size(store_nodes) == 0)
		return;
	while ((key = g_queue_pop_head(&store_order)) != NULL) {
		NodeOps *n;
		g_hash_table_steal_extended(store_nodes, key, NULL, (gpointer *)&n);
		g_free(key);
		g_queue_push_tail(&nodes, n);
	}
	store_last_us = g_get_monotonic_time();
	if (st != NULL && !iot_store_transaction(st, write_batch, &nodes, &error)) {
		iot_purple_store_failed(error);
		g_error_free(error);
	}
	if (g_get_monotonic_time() - store_last_us > 20000)
		purple_debug_info("xmpp-iot", "pubsub: writing the items took %.1f ms\n",
		                  (g_get_monotonic_time() - store_last_us) / 1000.0);
	g_queue_clear_full(&nodes, (GDestroyNotify)node_ops_free);
}

static gboolean
store_timer_cb(gpointer data)
{
	store_timer = 0;
	iot_purple_pubsub_events_flush();
	return G_SOURCE_REMOVE;
}

static NodeOps *
node_ops(PurpleAccount *account, const char *service, const char *node)
{
	char *key = g_strdup_printf("%s\n%s\n%s", purple_account_get_username(account), service, node);
	NodeOps *n;

	if (store_nodes == NULL)
		store_nodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)node_ops_free);
	if ((n = g_hash_table_lookup(store_nodes, key)) != NULL) {
		g_free(key);
		return n;
	}
	if (g_hash_table_size(store_nodes) >= STORE_MAX_NODES) {
		g_free(key);
		store_dropped++;
		return NULL;
	}
	n = g_new0(NodeOps, 1);
	n->account = g_strdup(purple_account_get_username(account));
	n->service = g_strdup(service);
	n->node = g_strdup(node);
	g_queue_init(&n->ops);
	g_hash_table_insert(store_nodes, key, n);
	g_queue_push_tail(&store_order, key);
	if (store_timer == 0) {
		gint64 since = (g_get_monotonic_time() - store_last_us) / 1000;
		store_timer = purple_timeout_add(since >= STORE_FLUSH_MS ? STORE_FLUSH_MS / 4 : (guint)(STORE_FLUSH_MS - since),
		                                 store_timer_cb, NULL);
	}
	return n;
}

static void
store_add(PurpleAccount *account, const char *service, const char *node, const IotPubsubItem *item)
{
	NodeOps *n = node_ops(account, service, node);
	StoreOp *op;
	GList *l;

	if (n == NULL || iot_purple_store_get() == NULL)
		return;
	/* The same id replaces: only the newest write of it matters. */
	for (l = n->ops.tail; item->id != NULL && l != NULL; l = l->prev) {
		StoreOp *o = l->data;
		if (o->item != NULL && g_strcmp0(o->item->id, item->id) == 0) {
			store_op_free(o);
			g_queue_delete_link(&n->ops, l);
			n->adds--;
			break;
		}
	}
	op = g_new0(StoreOp, 1);
	op->item = iot_pubsub_item_copy(item);
	g_queue_push_tail(&n->ops, op);
	n->adds++;
	/* Older adds than the store keeps are trimmed by it anyway. */
	for (l = n->ops.head; n->adds > IOT_STORE_PUBSUB_ITEMS_KEEP && l != NULL;) {
		GList *next = l->next;
		StoreOp *o = l->data;
		if (o->item != NULL) {
			store_op_free(o);
			g_queue_delete_link(&n->ops, l);
			n->adds--;
			store_dropped++;
		}
		l = next;
	}
}

static void
store_remove(PurpleAccount *account, const char *service, const char *node, const char *item_id)
{
	NodeOps *n = node_ops(account, service, node);
	StoreOp *op;
	GList *l;

	if (n == NULL || iot_purple_store_get() == NULL)
		return;
	for (l = n->ops.head; l != NULL;) {
		GList *next = l->next;
		StoreOp *o = l->data;
		if (item_id == NULL || (o->item != NULL && g_strcmp0(o->item->id, item_id) == 0)) {
			if (o->item != NULL)
				n->adds--;
			else
				n->removals--;
			store_op_free(o);
			g_queue_delete_link(&n->ops, l);
		}
		l = next;
	}
	if (n->removals >= STORE_MAX_REMOVALS) {
		store_dropped++;
		return;
	}
	op = g_new0(StoreOp, 1);
	op->remove_id = g_strdup(item_id);
	g_queue_push_tail(&n->ops, op);
	n->removals++;
}

/* ---- sensor values: merged per thing, fed at most every interval ------------------------ */

typedef struct {
	PurpleAccount *account;
	char *thing;     /* a contact's bare JID (PEP) or a pubsub service */
	char *full_jid;  /* nullable: the resource that published (PEP), for what is known of it */
	gboolean pep;
	IotReadout *merged;
	guint dropped;
} Feed;

static GHashTable *feeds; /* "account\nthing" → Feed */
static guint feed_timer;
static gint64 feed_last_us;

static void
feed_free(Feed *f)
{
	g_free(f->thing);
	g_free(f->full_jid);
	iot_readout_free(f->merged);
	g_free(f);
}

static void
feed_now(void)
{
	GHashTable *all = feeds;
	GHashTableIter it;
	gpointer v;

	feeds = NULL;
	feed_last_us = g_get_monotonic_time();
	if (all == NULL)
		return;

	g_hash_table_iter_init(&it, all);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		Feed *f = v;
		IotPurpleSession *s;

		if (f->dropped > 0)
			purple_debug_warning("xmpp-iot", "pubsub: %u values of %s not kept (a storm)\n", f->dropped, f->thing);
		if (f->pep) {
			/* The same path as an event a thing sends: history, then
			 * its readout windows. */
			iot_purple_watch_feed(f->account, f->thing, f->merged);
			if (f->full_jid != NULL && (s = iot_purple_session_get(f->account)) != NULL)
				iot_purple_known_add_readout(s->known, f->full_jid, f->merged);
		} else {
			iot_purple_history_add(f->account, f->thing, f->merged);
		}
	}
	g_hash_table_destroy(all);
}

static gboolean
feed_cb(gpointer data)
{
	feed_timer = 0;
	feed_now();
	return G_SOURCE_REMOVE;
}

/* Queues the sensor values of @readout (transfer none) published at @node
 * by @thing. Values of a pubsub service's node are kept as that node's
 * (series keyed by service and node: the node stands in for the device's
 * own node id); PEP values as the contact's own, like its readouts. */
static void
feed(PurpleAccount *account, const char *thing, const char *node, const char *full_jid, gboolean pep,
     const IotReadout *readout)
{
	char *key = g_strdup_printf("%s\n%s", purple_account_get_username(account), thing);
	gint64 now = g_get_real_time();
	Feed *f;
	guint i;

	if (feeds == NULL)
		feeds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)feed_free);
	f = g_hash_table_lookup(feeds, key);
	if (f == NULL) {
		if (g_hash_table_size(feeds) >= FEED_MAX_THINGS) {
			g_free(key);
			return;
		}
		f = g_new0(Feed, 1);
		f->account = account;
		f->thing = g_strdup(thing);
		f->pep = pep;
		f->merged = iot_readout_new();
		g_hash_table_insert(feeds, key, f);
	} else {
		g_free(key);
	}
	if (full_jid != NULL) {
		g_free(f->full_jid);
		f->full_jid = g_strdup(full_jid);
	}
	for (i = 0; i < readout->fields->len; i++) {
		IotField *c;

		if (f->merged->fields->len >= FEED_MAX_FIELDS) {
			f->dropped += readout->fields->len - i;
			break;
		}
		c = iot_field_copy(g_ptr_array_index(readout->fields, i));
		if (c->timestamp == IOT_TIME_UNKNOWN)
			c->timestamp = now;
		if (!pep) {
			/* A node's series are the node's, whatever the payload names. */
			g_free(c->node.node_id);
			c->node.node_id = g_strdup(node);
		}
		g_ptr_array_add(f->merged->fields, c);
	}
	if (feed_timer == 0) {
		gint64 since = (g_get_monotonic_time() - feed_last_us) / 1000;
		feed_timer = purple_timeout_add(
		    since >= IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS ? 0 : (guint)(IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS - since),
		    feed_cb, NULL);
	}
}

/* ---- who publishes sensor data to PEP ------------------------------------------------- */

#define MAX_PEP_PUBLISHERS 2000

static GHashTable *publishers; /* "account\nbare" */

static void
note_publisher(PurpleAccount *account, const char *who)
{
	if (publishers == NULL)
		publishers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (g_hash_table_size(publishers) < MAX_PEP_PUBLISHERS)
		g_hash_table_add(publishers, g_strdup_printf("%s\n%s", purple_account_get_username(account), who));
}

gboolean
iot_purple_pubsub_is_pep_publisher(PurpleAccount *account, const char *who)
{
	char *bare = iot_jid_bare(who), *low = bare ? g_utf8_strdown(bare, -1) : NULL;
	char *key = g_strdup_printf("%s\n%s", purple_account_get_username(account), low ? low : "");
	gboolean yes = publishers != NULL && g_hash_table_contains(publishers, key);

	g_free(key);
	g_free(low);
	g_free(bare);
	return yes;
}

/* ---- SOX meta per device ----------------------------------------------------------------- */

static GHashTable *sox; /* "account\nservice\ndevice" → IotSoxMeta */

/* The device a SOX node belongs to: "<device>_data" / "<device>_meta", or
 * "<device>/data" with collections. */
static IotSoxMeta *
sox_meta(PurpleAccount *account, const char *service, const char *node)
{
	const char *cut = strrchr(node, '_');
	const char *slash = strrchr(node, '/');
	char *key;
	IotSoxMeta *m;

	if (slash != NULL && (cut == NULL || slash > cut))
		cut = slash;
	key = g_strdup_printf("%s\n%s\n%.*s", purple_account_get_username(account), service,
	                      (int)(cut ? cut - node : (long)strlen(node)), node);
	if (sox == NULL)
		sox = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)iot_sox_meta_free);
	if ((m = g_hash_table_lookup(sox, key)) == NULL) {
		if (g_hash_table_size(sox) >= SOX_MAX_DEVICES)
			g_hash_table_remove_all(sox);
		m = iot_sox_meta_new();
		g_hash_table_insert(sox, key, m);
	} else {
		g_free(key);
	}
	return m;
}

/* ---- messages ---------------------------------------------------------------------------- */

static gboolean
is_approval_form(xmlnode *x)
{
	xmlnode *f, *v;

	if (g_strcmp0(xmlnode_get_attrib(x, "type"), "form") != 0)
		return FALSE;
	for (f = xmlnode_get_child(x, "field"); f != NULL; f = xmlnode_get_next_twin(f)) {
		if (g_strcmp0(xmlnode_get_attrib(f, "var"), "FORM_TYPE") == 0) {
			char *d = (v = xmlnode_get_child(f, "value")) ? xmlnode_get_data(v) : NULL;
			gboolean yes = g_strcmp0(d ? g_strstrip(d) : NULL, IOT_NS_PUBSUB_SUB_AUTH) == 0;
			g_free(d);
			return yes;
		}
	}
	return FALSE;
}

gboolean
iot_purple_pubsub_wants_message(xmlnode *message)
{
	xmlnode *ev, *c;

	if (g_strcmp0(xmlnode_get_attrib(message, "type"), "error") == 0)
		return FALSE;
	ev = xmlnode_get_child_with_namespace(message, "event", IOT_NS_PUBSUB_EVENT);
	if (ev != NULL) {
		for (c = ev->child; c != NULL; c = c->next)
			if (c->type == XMLNODE_TYPE_TAG)
				/* Avatar, nick, mood, tune …: the prpl's own. */
				return !iot_pubsub_event_is_host_node(xmlnode_get_attrib(c, "node"));
		return TRUE; /* an empty event: nothing for anyone, not an IM either */
	}
	for (c = message->child; c != NULL; c = c->next)
		if (c->type == XMLNODE_TYPE_TAG && g_strcmp0(c->name, "x") == 0 &&
		    g_strcmp0(xmlnode_get_namespace(c), "jabber:x:data") == 0 && is_approval_form(c))
			return TRUE;
	return FALSE;
}

/* The full JID a PEP notification names as its publisher (XEP-0033
 * replyto), else the contact's best available resource. */
static char *
publisher_of(IotPurpleSession *s, const char *service, const xmlNode *message)
{
	const xmlNode *addrs = iot_xml_child(message, "addresses", "http://jabber.org/protocol/address"), *a;
	GList *res;
	char *full = NULL;

	for (a = addrs ? iot_xml_first(addrs) : NULL; a != NULL; a = iot_xml_next(a))
		if (g_strcmp0(iot_xml_attr(a, "type"), "replyto") == 0 && iot_xml_attr(a, "jid") != NULL &&
		    iot_jid_same_bare(iot_xml_attr(a, "jid"), service) && iot_xml_is_valid_text(iot_xml_attr(a, "jid")))
			return g_strdup(iot_xml_attr(a, "jid"));
	res = iot_purple_session_resources(s, service);
	if (res != NULL)
		full = g_strdup(((IotPurpleResource *)res->data)->full_jid);
	g_list_free(res);
	return full;
}

static void
items_event(IotPurpleSession *s, const char *service, gboolean pep, const IotPubsubEvent *ev,
            const xmlNode *message)
{
	PurpleAccount *account = s->account;
	GList *ws = watches_of(account, service, ev->node), *l;
	gboolean follows = !pep && iot_purple_pubsub_subs_follows(account, service, ev->node);
	char *full = NULL;
	guint i;

	for (i = 0; i < ev->retracted->len; i++) {
		const char *id = g_ptr_array_index(ev->retracted, i);
		if (follows)
			store_remove(account, service, ev->node, id);
		for (l = ws; l != NULL; l = l->next) {
			Pending *p = pending_of(l->data, ev->node);
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
	}
	for (i = 0; i < ev->items->len; i++) {
		const IotPubsubItem *item = g_ptr_array_index(ev->items, i);
		IotPurplePubsubItem *it = iot_purple_pubsub_item_decode(item, sox_meta(account, service, ev->node));

		if (it->payload->readout != NULL && it->payload->readout->fields->len > 0 &&
		    (it->payload->kind == IOT_PAYLOAD_SENSORDATA || it->payload->kind == IOT_PAYLOAD_SOX_DATA)) {
			if (pep && full == NULL) {
				full = publisher_of(s, service, message);
				note_publisher(account, service);
			}
			feed(account, service, ev->node, full, pep, it->payload->readout);
		}
		if (follows)
			store_add(account, service, ev->node, item);
		for (l = ws; l != NULL; l = l->next) {
			Pending *p = pending_of(l->data, ev->node);
			pending_add_item(p, l->next == NULL ? it : iot_purple_pubsub_item_copy(it));
			if (l->next == NULL)
				it = NULL;
		}
		iot_purple_pubsub_item_free(it);
	}
	for (l = ws; ev->dropped > 0 && l != NULL; l = l->next)
		pending_of(l->data, ev->node)->dropped += ev->dropped;
	g_free(full);
	g_list_free(ws);
}

static void
event_message(IotPurpleSession *s, const char *from, const xmlNode *message)
{
	GError *error = NULL;
	IotPubsubEvent *ev = iot_pubsub_event_parse(message, &error);
	char *bare, *service, *me;
	gboolean pep;
	GList *ws, *l;

	if (ev == NULL) {
		purple_debug_info("xmpp-iot", "pubsub event from %s not understood: %s\n", from,
		                  error ? error->message : "?");
		g_clear_error(&error);
		return;
	}
	if (iot_pubsub_event_is_host_node(ev->node)) { /* the prpl had its chance */
		iot_pubsub_event_free(ev);
		return;
	}
	bare = iot_jid_bare(from);
	service = g_utf8_strdown(bare ? bare : from, -1);
	me = iot_purple_pubsub_own_jid(s->account);
	/* A contact's (or our own) PEP service is an account's bare JID. */
	pep = strchr(service, '@') != NULL && g_strcmp0(service, me) != 0;
	switch (ev->kind) {
	case IOT_PUBSUB_EVENT_ITEMS:
		items_event(s, service, pep, ev, message);
		break;
	case IOT_PUBSUB_EVENT_PURGE:
	case IOT_PUBSUB_EVENT_DELETE:
		store_remove(s->account, service, ev->node, NULL);
		if (ev->kind == IOT_PUBSUB_EVENT_DELETE)
			iot_purple_pubsub_subs_forget(s->account, service, ev->node, NULL);
		ws = watches_of(s->account, service, ev->node);
		for (l = ws; l != NULL; l = l->next) {
			Pending *p = pending_of(l->data, ev->node);
			/* What had not been shown yet is gone too. */
			g_queue_clear_full(&p->items, (GDestroyNotify)iot_purple_pubsub_item_free);
			g_queue_init(&p->items);
			g_ptr_array_set_size(p->retracted, 0);
			if (ev->kind == IOT_PUBSUB_EVENT_PURGE) {
				p->purged = TRUE;
			} else {
				p->deleted = TRUE;
				g_free(p->redirect);
				p->redirect = g_strdup(ev->redirect);
			}
		}
		g_list_free(ws);
		break;
	case IOT_PUBSUB_EVENT_CONFIGURATION:
		ws = watches_of(s->account, service, ev->node);
		for (l = ws; l != NULL; l = l->next)
			pending_of(l->data, ev->node)->configured = TRUE;
		g_list_free(ws);
		break;
	case IOT_PUBSUB_EVENT_SUBSCRIPTION:
		if (ev->subscription != NULL &&
		    (ev->subscription->jid == NULL || iot_jid_same_bare(ev->subscription->jid, me))) {
			IotPubsubSubscription *sub = iot_pubsub_subscription_copy(ev->subscription);

			g_free(sub->service);
			sub->service = g_strdup(service);
			if (sub->node == NULL)
				sub->node = g_strdup(ev->node);
			if (sub->state == IOT_PUBSUB_STATE_NONE)
				iot_purple_pubsub_subs_forget(s->account, service, sub->node, sub->subid);
			else
				iot_purple_pubsub_subs_remember(s->account, sub);
			ws = watches_of(s->account, service, ev->node);
			for (l = ws; l != NULL; l = l->next) {
				Pending *p = pending_of(l->data, ev->node);
				iot_pubsub_subscription_free(p->subscription);
				p->subscription = iot_pubsub_subscription_copy(sub);
			}
			g_list_free(ws);
			iot_pubsub_subscription_free(sub);
		}
		break;
	}
	g_free(me);
	g_free(service);
	g_free(bare);
	iot_pubsub_event_free(ev);
}

/* ---- approvals --------------------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	IotPubsubApproval *approval;
	char *key;
} Ask;

static GHashTable *asking; /* key → Ask: one question per request at a time */

static void
answer_cb(IotPurpleApprovalAnswer answer, gpointer data)
{
	Ask *a = data;
	IotPurpleSession *s;

	if (answer != IOT_PURPLE_APPROVAL_LATER) {
		/* The account may be gone or offline by now: look it up again. */
		s = g_list_find(purple_accounts_get_all(), a->account) ? iot_purple_session_get(a->account) : NULL;
		if (s != NULL) {
			xmlNode *msg = iot_pubsub_approval_build_answer(a->approval, answer == IOT_PURPLE_APPROVAL_ALLOW);
			iot_purple_session_send(s, msg);
			xmlFreeNode(msg);
			purple_debug_info("xmpp-iot", "subscription of %s to %s %s\n", a->approval->subscriber,
			                  a->approval->node, answer == IOT_PURPLE_APPROVAL_ALLOW ? "allowed" : "denied");
		} else {
			purple_debug_info("xmpp-iot", "answer to %s's subscription request dropped: offline\n",
			                  a->approval->subscriber);
		}
	}
	if (asking != NULL && g_hash_table_lookup(asking, a->key) == a)
		g_hash_table_remove(asking, a->key);
	iot_pubsub_approval_free(a->approval);
	g_free(a->key);
	g_free(a);
}

static void
approval_message(IotPurpleSession *s, const char *from, const xmlNode *message)
{
	IotPubsubApproval *ap = iot_pubsub_approval_parse(message);
	const IotUiOps *ui = iot_purple_get_ui_ops();
	char *bare;
	Ask *a;

	if (ap == NULL) {
		purple_debug_info("xmpp-iot", "subscription request from %s lacks node or subscriber\n", from);
		return;
	}
	bare = iot_jid_bare(from);
	g_free(ap->service);
	ap->service = g_strdup(bare ? bare : from);
	g_free(bare);
	a = g_new0(Ask, 1);
	a->account = s->account;
	a->approval = ap;
	a->key = g_strdup_printf("%p\n%s\n%s\n%s", (void *)s->account, ap->service, ap->node, ap->subscriber);
	if (asking == NULL)
		asking = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
	if (g_hash_table_lookup(asking, a->key) != NULL) { /* asked again while the question is open */
		iot_pubsub_approval_free(ap);
		g_free(a->key);
		g_free(a);
		return;
	}
	g_hash_table_insert(asking, a->key, a);
	if (ui != NULL && ui->ask_approval != NULL)
		ui->ask_approval(s->account, ap, answer_cb, a);
	else
		iot_purple_pubsub_finch_ask(s->account, ap, answer_cb, a);
}

void
iot_purple_pubsub_handle_message(PurpleAccount *account, const char *from, const xmlNode *message)
{
	IotPurpleSession *s = iot_purple_session_get(account);

	if (s == NULL || from == NULL)
		return;
	if (iot_pubsub_event_find(message) != NULL)
		event_message(s, from, message);
	else
		approval_message(s, from, message);
}

/* ---- life -------------------------------------------------------------------------------- */

void
iot_purple_pubsub_events_shutdown(void)
{
	GList *handles, *l;

	if (feed_timer != 0)
		purple_timeout_remove(feed_timer);
	feed_timer = 0;
	feed_now();
	iot_purple_pubsub_events_flush();
	if (store_dropped > 0)
		purple_debug_info("xmpp-iot", "pubsub: %" G_GUINT64_FORMAT " item writes were coalesced away\n",
		                  store_dropped);
	if (store_nodes != NULL)
		g_hash_table_destroy(store_nodes);
	store_nodes = NULL;
	if (sox != NULL)
		g_hash_table_destroy(sox);
	sox = NULL;
	if (publishers != NULL)
		g_hash_table_destroy(publishers);
	publishers = NULL;
	if (watches != NULL) {
		handles = g_hash_table_get_keys(watches);
		for (l = handles; l != NULL; l = l->next)
			iot_purple_pubsub_unwatch(GPOINTER_TO_UINT(l->data));
		g_list_free(handles);
		g_hash_table_destroy(watches);
		watches = NULL;
	}
	/* Open questions were closed with the dialogs (their answers ran). */
	if (asking != NULL)
		g_hash_table_destroy(asking);
	asking = NULL;
}
