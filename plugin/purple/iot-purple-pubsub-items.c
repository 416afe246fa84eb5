/* iot-purple-pubsub-items.c — a node's items (oldest first), the items kept
 * in the store, the server's pubsub services, and our subscriptions at
 * every service. See iot-purple-pubsub.h. */
#include "iot-purple-pubsub-op.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-store-pubsub.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <debug.h>
#include <glib/gi18n-lib.h>

#include <string.h>

/* disco#info asked of at most this many items of the server's domain. */
#define MAX_SERVICE_CANDIDATES 50

static GHashTable *service_cache; /* PurpleAccount* → GPtrArray of IotPubsubNodeRef (this sign-on) */

/* ---- items ------------------------------------------------------------------------------- */

/* When an item was published: its own stamp, else its payload's newest
 * timestamp, else unknown. */
static gint64
item_time(const IotPurplePubsubItem *it)
{
	gint64 t = it->item->time;
	guint i;

	if (t != IOT_TIME_UNKNOWN)
		return t;
	if (it->payload->readout != NULL)
		for (i = 0; i < it->payload->readout->fields->len; i++) {
			const IotField *f = g_ptr_array_index(it->payload->readout->fields, i);
			if (f->timestamp != IOT_TIME_UNKNOWN && f->timestamp > t)
				t = f->timestamp;
		}
	if (t == IOT_TIME_UNKNOWN && it->payload->published != NULL)
		iot_time_parse_datetime(it->payload->published, &t);
	return t;
}

static gint
by_time(gconstpointer a, gconstpointer b)
{
	gint64 ta = item_time(*(IotPurplePubsubItem *const *)a), tb = item_time(*(IotPurplePubsubItem *const *)b);

	return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/* Oldest first: services differ in the order they send. By time when every
 * item has one; else the service's order, turned round when the times that
 * are known run backwards. */
static void
sort_oldest_first(GPtrArray *items)
{
	gint64 prev = IOT_TIME_UNKNOWN;
	guint i, known = 0, down = 0, up = 0;

	for (i = 0; i < items->len; i++) {
		gint64 t = item_time(g_ptr_array_index(items, i));
		if (t == IOT_TIME_UNKNOWN)
			continue;
		if (known++ > 0) {
			if (t < prev)
				down++;
			else if (t > prev)
				up++;
		}
		prev = t;
	}
	if (known == items->len && known > 0) {
		g_ptr_array_sort(items, by_time); /* GLib's sort is stable */
		return;
	}
	if (down > up)
		for (i = 0; i < items->len / 2; i++) {
			gpointer tmp = items->pdata[i];
			items->pdata[i] = items->pdata[items->len - 1 - i];
			items->pdata[items->len - 1 - i] = tmp;
		}
}

static void
items_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(data);
	GError *e = NULL;
	GPtrArray *raw, *items;
	IotSoxMeta *meta;
	IotPurplePubsubResult r = { 0 };
	guint i;

	if (op == NULL)
		return;
	if (error != NULL) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return;
	}
	raw = iot_pubsub_parse_items(result, op->max, &r.truncated, &e);
	items = g_ptr_array_new_with_free_func((GDestroyNotify)iot_purple_pubsub_item_free);
	meta = iot_sox_meta_new();
	for (i = 0; raw != NULL && i < raw->len; i++)
		g_ptr_array_add(items, iot_purple_pubsub_item_decode(g_ptr_array_index(raw, i), meta));
	iot_sox_meta_free(meta);
	sort_oldest_first(items);
	r.array = items;
	iot_purple_pubsub_op_finish(op, &r, e);
	g_ptr_array_unref(items);
	if (raw)
		g_ptr_array_unref(raw);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_items(PurpleAccount *account, const char *service, const char *node, guint max,
                        IotPurplePubsubItemsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_ITEMS, account, service, node, G_CALLBACK(cb), user_data, destroy);

	op->max = max == 0 ? IOT_PURPLE_PUBSUB_ITEMS_DEFAULT : MIN(max, IOT_PUBSUB_MAX_ITEMS);
	return iot_purple_pubsub_op_start(op, node ? iot_pubsub_build_items(node, op->max, NULL) : NULL, items_cb);
}

GPtrArray *
iot_purple_pubsub_recent_items(PurpleAccount *account, const char *service, const char *node, guint limit)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_purple_pubsub_item_free);
	IotStore *st = iot_purple_store_get();
	GError *e = NULL;
	GPtrArray *kept;
	IotSoxMeta *meta;
	guint i;

	if (st == NULL || account == NULL || service == NULL || node == NULL)
		return out;
	iot_purple_pubsub_events_flush();
	kept = iot_store_pubsub_items(st, purple_account_get_username(account), service, node, limit, &e);
	if (kept == NULL) {
		purple_debug_error("xmpp-iot", "items of %s at %s not read: %s\n", node, service, e->message);
		g_error_free(e);
		return out;
	}
	meta = iot_sox_meta_new();
	for (i = 0; i < kept->len; i++)
		g_ptr_array_add(out, iot_purple_pubsub_item_decode(g_ptr_array_index(kept, i), meta));
	iot_sox_meta_free(meta);
	g_ptr_array_unref(kept);
	return out;
}

/* ---- the server's services ------------------------------------------------------------- */

static void
refs_free(gpointer a)
{
	g_ptr_array_unref(a);
}

static GPtrArray *
refs_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_node_ref_free);
}

static IotPubsubNodeRef *
ref_copy(const IotPubsubNodeRef *r)
{
	IotPubsubNodeRef *c = g_new0(IotPubsubNodeRef, 1);

	c->jid = g_strdup(r->jid);
	c->node = g_strdup(r->node);
	c->name = g_strdup(r->name);
	return c;
}

static void
services_finish(IotPurplePubsubOp *op)
{
	GPtrArray *copy = refs_new();
	IotPurplePubsubResult r = { 0 };
	guint i;

	for (i = 0; i < op->acc->len; i++)
		g_ptr_array_add(copy, ref_copy(g_ptr_array_index(op->acc, i)));
	if (service_cache == NULL)
		service_cache = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, refs_free);
	g_hash_table_replace(service_cache, op->account, copy);
	r.array = op->acc;
	iot_purple_pubsub_op_finish(op, &r, NULL);
}

static void
service_info_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubReq *rq = data;
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(rq);

	if (op == NULL)
		return;
	op->waiting--;
	if (error != NULL && error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED)) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return;
	}
	if (error == NULL && iot_pubsub_info_is_service(result)) {
		IotPubsubNodeRef *ref = g_new0(IotPubsubNodeRef, 1);
		IotPubsubNodeMeta *meta = iot_pubsub_parse_node_info(result, NULL);

		ref->jid = g_strdup(rq->to);
		ref->name = meta && meta->title ? g_strdup(meta->title) : NULL;
		iot_pubsub_node_meta_free(meta);
		g_ptr_array_add(op->acc, ref);
	}
	if (op->waiting == 0)
		services_finish(op);
}

static void
domain_items_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(data);
	GPtrArray *items;
	guint i;

	if (op == NULL)
		return;
	if (error != NULL) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return;
	}
	items = iot_pubsub_parse_node_items(result, NULL, NULL);
	op->acc = refs_new();
	for (i = 0; items != NULL && i < items->len && op->waiting < MAX_SERVICE_CANDIDATES; i++) {
		const IotPubsubNodeRef *ref = g_ptr_array_index(items, i);
		if (ref->node != NULL || ref->jid == NULL)
			continue;
		if (iot_purple_pubsub_op_send(op, ref->jid, iot_pubsub_build_node_info(NULL), service_info_cb))
			op->waiting++;
	}
	if (items)
		g_ptr_array_unref(items);
	if (op->waiting == 0)
		services_finish(op);
}

static gboolean
cached_services_cb(gpointer data)
{
	IotPurplePubsubOp *op = data;
	GPtrArray *cached = service_cache ? g_hash_table_lookup(service_cache, op->account) : NULL;
	IotPurplePubsubResult r = { 0 };

	op->idle = 0;
	r.array = cached;
	iot_purple_pubsub_op_finish(op, &r, NULL);
	return G_SOURCE_REMOVE;
}

guint
iot_purple_pubsub_find_services(PurpleAccount *account, IotPurplePubsubServicesFunc cb, gpointer user_data,
                                GDestroyNotify destroy)
{
	char *me = iot_purple_pubsub_own_jid(account);
	const char *at = me ? strchr(me, '@') : NULL;
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_SERVICES, account, at ? at + 1 : me, NULL, G_CALLBACK(cb), user_data, destroy);

	g_free(me);
	if (iot_purple_session_get(account) != NULL && service_cache != NULL &&
	    g_hash_table_lookup(service_cache, account) != NULL) {
		op->idle = g_idle_add(cached_services_cb, op);
		return op->handle;
	}
	return iot_purple_pubsub_op_start(op, iot_pubsub_build_node_items(NULL), domain_items_cb);
}

/* ---- our subscriptions ----------------------------------------------------------------- */

static gint
sub_cmp(gconstpointer a, gconstpointer b)
{
	const IotPubsubSubscription *x = *(IotPubsubSubscription *const *)a, *y = *(IotPubsubSubscription *const *)b;
	int c = g_strcmp0(x->service, y->service);

	return c != 0 ? c : g_strcmp0(x->node, y->node);
}

static void
mysubs_maybe_finish(IotPurplePubsubOp *op)
{
	IotPurplePubsubResult r = { 0 };

	if (op->waiting > 0 || op->sub_op != 0 || op->finished)
		return;
	g_ptr_array_sort(op->acc, sub_cmp);
	r.array = op->acc;
	r.problems = op->problems;
	iot_purple_pubsub_op_finish(op, &r, NULL);
}

/* What the store remembers at @service, added to @op's result (the
 * service could not be asked). */
static void
mysubs_add_remembered(IotPurplePubsubOp *op, const char *service)
{
	IotStore *st = iot_purple_store_get();
	GPtrArray *kept;
	guint i;

	if (st == NULL || (kept = iot_store_pubsub_list(st, purple_account_get_username(op->account), service,
	                                                NULL)) == NULL)
		return;
	for (i = 0; i < kept->len; i++) {
		IotPubsubSubscription *sub = iot_pubsub_subscription_copy(g_ptr_array_index(kept, i));
		if (sub->service == NULL)
			sub->service = g_strdup(service);
		g_ptr_array_add(op->acc, sub);
	}
	g_ptr_array_unref(kept);
}

static void
mysubs_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubReq *rq = data;
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(rq);
	GPtrArray *a;
	GError *e = NULL;
	guint i;

	if (op == NULL)
		return;
	op->waiting--;
	if (error != NULL && error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED)) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return;
	}
	a = error == NULL ? iot_pubsub_parse_subscriptions(result, NULL, &e) : NULL;
	if (a == NULL) {
		char *why = iot_purple_pubsub_error_sentence(rq->to, error ? error : e);
		/* TRANSLATORS: %s is a pubsub service's address, then why it could not be asked. */
		g_ptr_array_add(op->problems, g_strdup_printf(_("%s could not be asked: %s"), rq->to, why));
		g_free(why);
		mysubs_add_remembered(op, rq->to);
	} else {
		for (i = 0; i < a->len; i++) {
			IotPubsubSubscription *sub = iot_pubsub_subscription_copy(g_ptr_array_index(a, i));
			g_free(sub->service);
			sub->service = g_strdup(rq->to);
			g_ptr_array_add(op->acc, sub);
		}
		g_ptr_array_unref(a);
	}
	g_clear_error(&e);
	mysubs_maybe_finish(op);
}

static void
mysubs_ask(IotPurplePubsubOp *op, const char *service)
{
	guint i;

	for (i = 0; i < op->asked->len; i++)
		if (g_ascii_strcasecmp(g_ptr_array_index(op->asked, i), service) == 0)
			return;
	g_ptr_array_add(op->asked, g_strdup(service));
	if (iot_purple_pubsub_op_send(op, service, iot_pubsub_build_subscriptions(NULL), mysubs_cb))
		op->waiting++;
}

static void
mysubs_services_cb(PurpleAccount *account, const GPtrArray *services, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = data;
	guint i;

	op->sub_op = 0;
	if (op->finished)
		return;
	if (error != NULL && error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED)) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return;
	}
	if (error != NULL) {
		char *why = iot_purple_pubsub_error_sentence(op->service, error);
		/* TRANSLATORS: %s says why the server's services could not be found. */
		g_ptr_array_add(op->problems, g_strdup_printf(_("The server's services could not be found: %s"), why));
		g_free(why);
	}
	for (i = 0; i < services->len; i++)
		mysubs_ask(op, ((IotPubsubNodeRef *)g_ptr_array_index(services, i))->jid);
	mysubs_maybe_finish(op);
}

guint
iot_purple_pubsub_my_subscriptions(PurpleAccount *account, const char *service,
                                   IotPurplePubsubSubscriptionsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_SUBS, account, service, NULL, G_CALLBACK(cb), user_data, destroy);
	GPtrArray *remembered;
	guint i;

	if (service == NULL) { /* every service, not our own PEP */
		g_free(op->service);
		op->service = NULL;
	}
	if (iot_purple_session_get(account) == NULL)
		return iot_purple_pubsub_op_early(op, IOT_ERROR_DISCONNECTED, _("The account is not online."));
	op->acc = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_subscription_free);
	op->problems = g_ptr_array_new_with_free_func(g_free);
	op->asked = g_ptr_array_new_with_free_func(g_free);
	if (service != NULL) {
		mysubs_ask(op, service);
		return op->handle;
	}
	remembered = iot_purple_pubsub_subs_services(account);
	for (i = 0; i < remembered->len; i++)
		mysubs_ask(op, g_ptr_array_index(remembered, i));
	g_ptr_array_unref(remembered);
	op->refs++;
	op->sub_op = iot_purple_pubsub_find_services(account, mysubs_services_cb, op, (GDestroyNotify)iot_purple_pubsub_op_unref);
	return op->handle;
}


void
iot_purple_pubsub_services_forget(PurpleAccount *account)
{
	if (service_cache != NULL)
		g_hash_table_remove(service_cache, account);
}

void
iot_purple_pubsub_services_shutdown(void)
{
	if (service_cache != NULL)
		g_hash_table_destroy(service_cache);
	service_cache = NULL;
}
