/* iot-purple-pubsub-events.c — what pubsub event messages bring: sensor
 * payloads into history (and the readout windows of contacts publishing to
 * their PEP), items kept in the store in batches, subscription changes,
 * and what the watches are told (iot-purple-pubsub-watch.c).
 *
 * A storm stays bounded: sensor values are merged per thing and fed at
 * most every IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS, and the store gets at
 * most one transaction a second with at most IOT_STORE_PUBSUB_ITEMS_KEEP
 * items per node (older ones would be trimmed anyway). */
#include "iot-purple-pubsub-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-ns.h"
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

	gboolean unwritten = FALSE;

	if (n == NULL || iot_purple_store_get() == NULL)
		return;
	for (l = n->ops.head; l != NULL;) {
		GList *next = l->next;
		StoreOp *o = l->data;
		if (item_id == NULL || (o->item != NULL && g_strcmp0(o->item->id, item_id) == 0)) {
			if (o->item != NULL) {
				n->adds--;
				unwritten = TRUE;
			} else {
				n->removals--;
			}
			store_op_free(o);
			g_queue_delete_link(&n->ops, l);
		}
		l = next;
	}
	/* An item published and retracted between two writes never reaches
	 * the store (a node that keeps few items retracts one per new one: a
	 * storm would otherwise cost a removal per item). */
	if (unwritten && item_id != NULL)
		return;
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

/* A contact's PEP node is ours when it carries sensor data (by its name:
 * devices name it after the namespace), or when we subscribed to it or
 * watch it. Others (OMEMO device lists, bookmarks …) go on to the prpl,
 * where other plugins may have registered for them. */
static gboolean
pep_node_is_ours(PurpleAccount *account, const char *from, const char *node)
{
	char *bare = iot_jid_bare(from), *service = bare ? g_utf8_strdown(bare, -1) : NULL;
	IotFunction f;
	GList *ws;
	gboolean ours;

	if (node == NULL || service == NULL) {
		g_free(bare);
		return TRUE; /* malformed: nobody's, taken so that it goes nowhere */
	}
	ours = (iot_ns_classify(node, NULL, &f) && f == IOT_FUNC_SENSORDATA) ||
	       iot_purple_pubsub_subs_follows(account, service, node);
	if (!ours && (ws = iot_purple_pubsub_watches_of(account, service, node)) != NULL) {
		ours = TRUE;
		g_list_free(ws);
	}
	g_free(service);
	g_free(bare);
	return ours;
}

gboolean
iot_purple_pubsub_wants_message(PurpleAccount *account, xmlnode *message)
{
	xmlnode *ev, *c;
	const char *from = xmlnode_get_attrib(message, "from"), *node;

	if (g_strcmp0(xmlnode_get_attrib(message, "type"), "error") == 0)
		return FALSE;
	ev = xmlnode_get_child_with_namespace(message, "event", IOT_NS_PUBSUB_EVENT);
	if (ev != NULL) {
		for (c = ev->child; c != NULL; c = c->next)
			if (c->type == XMLNODE_TYPE_TAG) {
				node = xmlnode_get_attrib(c, "node");
				/* Avatar, nick, mood, tune …: the prpl's own. */
				if (iot_pubsub_event_is_host_node(node))
					return FALSE;
				/* An account's PEP service: only the nodes that are ours. */
				if (from != NULL && strchr(from, '@') != NULL)
					return pep_node_is_ours(account, from, node);
				return TRUE;
			}
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
	GList *ws = iot_purple_pubsub_watches_of(account, service, ev->node), *l;
	gboolean follows = !pep && iot_purple_pubsub_subs_follows(account, service, ev->node);
	char *full = NULL;
	guint i;

	for (i = 0; i < ev->retracted->len; i++) {
		const char *id = g_ptr_array_index(ev->retracted, i);
		if (follows)
			store_remove(account, service, ev->node, id);
		for (l = ws; l != NULL; l = l->next)
			iot_purple_pubsub_watch_note_retract(l->data, ev->node, id);
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
			/* Each watch its own; decoded again with the same SOX names. */
			iot_purple_pubsub_watch_note_item(l->data, ev->node,
			                                  l->next == NULL ? it
			                                                  : iot_purple_pubsub_item_decode(
			                                                        item, sox_meta(account, service, ev->node)));
			if (l->next == NULL)
				it = NULL;
		}
		iot_purple_pubsub_item_free(it);
	}
	for (l = ws; ev->dropped > 0 && l != NULL; l = l->next)
		iot_purple_pubsub_watch_note_dropped(l->data, ev->node, ev->dropped);
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
		ws = iot_purple_pubsub_watches_of(s->account, service, ev->node);
		for (l = ws; l != NULL; l = l->next)
			iot_purple_pubsub_watch_note_gone(l->data, ev->node, ev->kind == IOT_PUBSUB_EVENT_DELETE,
			                                  ev->redirect);
		g_list_free(ws);
		break;
	case IOT_PUBSUB_EVENT_CONFIGURATION:
		ws = iot_purple_pubsub_watches_of(s->account, service, ev->node);
		for (l = ws; l != NULL; l = l->next)
			iot_purple_pubsub_watch_note_configured(l->data, ev->node);
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
			ws = iot_purple_pubsub_watches_of(s->account, service, ev->node);
			for (l = ws; l != NULL; l = l->next)
				iot_purple_pubsub_watch_note_subscription(l->data, ev->node, sub);
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

void
iot_purple_pubsub_handle_message(PurpleAccount *account, const char *from, const xmlNode *message)
{
	IotPurpleSession *s = iot_purple_session_get(account);

	if (s == NULL || from == NULL)
		return;
	if (iot_pubsub_event_find(message) != NULL)
		event_message(s, from, message);
	else
		iot_purple_pubsub_approval_message(account, from, message);
}

/* ---- life -------------------------------------------------------------------------------- */

void
iot_purple_pubsub_events_shutdown(void)
{
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
	iot_purple_pubsub_watches_shutdown();
	iot_purple_pubsub_approvals_shutdown();
}
