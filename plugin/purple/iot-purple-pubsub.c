/* iot-purple-pubsub.c — publish-subscribe operations on an account's stream.
 * See iot-purple-pubsub.h. */
#include "iot-purple-pubsub-private.h"

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

typedef enum {
	K_DONE,
	K_SERVICES,
	K_NODES,
	K_META,
	K_SUB,
	K_FORM,
	K_ITEMS,
	K_SUBS,
	K_CREATED,
	K_AFFILS,
	K_PUBLISHED
} Kind;

typedef struct {
	guint handle;
	Kind kind;
	PurpleAccount *account; /* borrowed: an op ends before its account goes (sign-off ends it) */
	char *service, *node, *aux; /* aux: subid, jid or item id */
	GCallback cb;
	gpointer user_data;
	GDestroyNotify destroy;
	gboolean finished;
	int refs;
	GArray *reqs;    /* table handles still pending */
	guint idle;      /* an early end scheduled (no session) */
	GError *early;   /* its error */
	guint waiting;   /* answers still expected (services, my subscriptions) */
	guint sub_op;    /* my subscriptions: the find_services it waits for */
	GPtrArray *acc;  /* results gathered */
	GPtrArray *problems; /* (element-type utf8) */
	GPtrArray *asked; /* (element-type utf8) services asked (my subscriptions) */
	guint max;
	IotPubsubState state;
} Op;

typedef struct {
	Op *op;
	guint handle;
	char *to;
} Req;

static GHashTable *ops; /* handle → Op (one reference) */
static guint next_handle;
static GHashTable *service_cache; /* PurpleAccount* → GPtrArray of IotPubsubNodeRef (this sign-on) */

/* ---- items ------------------------------------------------------------------------------- */

IotPurplePubsubItem *
iot_purple_pubsub_item_decode(const IotPubsubItem *item, IotSoxMeta *meta)
{
	IotPurplePubsubItem *it = g_new0(IotPurplePubsubItem, 1);

	it->item = iot_pubsub_item_copy(item);
	it->payload = iot_payload_decode(item->payload, item->time, meta);
	return it;
}

IotPurplePubsubItem *
iot_purple_pubsub_item_copy(const IotPurplePubsubItem *item)
{
	IotPurplePubsubItem *it;

	if (item == NULL)
		return NULL;
	/* A payload is decoded again rather than deep-copied: decoding is the
	 * only way an IotPayload is made. SOX names are lost in the copy's
	 * decode only when the original had them from meta; keep the text. */
	it = g_new0(IotPurplePubsubItem, 1);
	it->item = iot_pubsub_item_copy(item->item);
	it->payload = iot_payload_decode(it->item->payload, it->item->time, NULL);
	return it;
}

void
iot_purple_pubsub_item_free(IotPurplePubsubItem *item)
{
	if (item == NULL)
		return;
	iot_pubsub_item_free(item->item);
	iot_payload_free(item->payload);
	g_free(item);
}

/* ---- helpers ----------------------------------------------------------------------------- */

char *
iot_purple_pubsub_own_jid(PurpleAccount *account)
{
	char *bare, *low;

	if (account == NULL || (bare = iot_jid_bare(purple_account_get_username(account))) == NULL)
		return NULL;
	low = g_utf8_strdown(bare, -1);
	g_free(bare);
	return low;
}

char *
iot_purple_pubsub_error_sentence(const char *service, const GError *error)
{
	if (error == NULL)
		return g_strdup("");
	if (error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_TIMEOUT || error->code == IOT_ERROR_DISCONNECTED ||
	     error->code == IOT_ERROR_CANCELLED))
		return iot_format_error(service ? service : "", error, iot_purple_session_timeout_s());
	return g_strdup(error->message);
}

static void
op_unref(Op *op)
{
	if (--op->refs > 0)
		return;
	g_free(op->service);
	g_free(op->node);
	g_free(op->aux);
	g_array_free(op->reqs, TRUE);
	if (op->early)
		g_error_free(op->early);
	if (op->acc)
		g_ptr_array_unref(op->acc);
	if (op->problems)
		g_ptr_array_unref(op->problems);
	if (op->asked)
		g_ptr_array_unref(op->asked);
	g_free(op);
}

static Op *
op_new(Kind kind, PurpleAccount *account, const char *service, const char *node, GCallback cb,
       gpointer user_data, GDestroyNotify destroy)
{
	Op *op = g_new0(Op, 1);

	if (ops == NULL)
		ops = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)op_unref);
	op->handle = ++next_handle;
	if (op->handle == 0)
		op->handle = ++next_handle;
	op->kind = kind;
	op->account = account;
	op->service = g_strdup(service);
	op->node = g_strdup(node);
	op->cb = cb;
	op->user_data = user_data;
	op->destroy = destroy;
	op->refs = 1;
	op->reqs = g_array_new(FALSE, FALSE, sizeof(guint));
	g_hash_table_insert(ops, GUINT_TO_POINTER(op->handle), op);
	return op;
}

/* The result an op ends with (all nullable). */
typedef struct {
	const GPtrArray *array;
	const GPtrArray *problems;
	gconstpointer one;
	const char *str;
	gboolean truncated;
} Result;

static void
op_call(Op *op, const Result *r, const GError *e)
{
	GPtrArray *empty = g_ptr_array_new();
	const GPtrArray *arr = r && r->array ? r->array : empty;
	const GPtrArray *probs = r && r->problems ? r->problems : empty;
	gconstpointer one = r ? r->one : NULL;
	const char *node = r && r->str ? r->str : op->node;
	gboolean trunc = r ? r->truncated : FALSE;

	switch (op->kind) {
	case K_DONE:
		((IotPurplePubsubDoneFunc)op->cb)(op->account, op->service, op->node, e, op->user_data);
		break;
	case K_SERVICES:
		((IotPurplePubsubServicesFunc)op->cb)(op->account, arr, e, op->user_data);
		break;
	case K_NODES:
		((IotPurplePubsubNodesFunc)op->cb)(op->account, op->service, op->node, arr, trunc, e, op->user_data);
		break;
	case K_META:
		((IotPurplePubsubMetaFunc)op->cb)(op->account, op->service, op->node, one, e, op->user_data);
		break;
	case K_SUB:
		((IotPurplePubsubSubscriptionFunc)op->cb)(op->account, op->service, op->node, one, e, op->user_data);
		break;
	case K_FORM:
		((IotPurplePubsubFormFunc)op->cb)(op->account, op->service, op->node, one, e, op->user_data);
		break;
	case K_ITEMS:
		((IotPurplePubsubItemsFunc)op->cb)(op->account, op->service, op->node, arr, trunc, e, op->user_data);
		break;
	case K_SUBS:
		((IotPurplePubsubSubscriptionsFunc)op->cb)(op->account, arr, probs, e, op->user_data);
		break;
	case K_CREATED:
		((IotPurplePubsubCreatedFunc)op->cb)(op->account, op->service, node, e, op->user_data);
		break;
	case K_AFFILS:
		((IotPurplePubsubAffiliationsFunc)op->cb)(op->account, op->service, op->node, arr, e, op->user_data);
		break;
	case K_PUBLISHED:
		((IotPurplePubsubPublishedFunc)op->cb)(op->account, op->service, op->node, r ? r->str : NULL, e,
		                                       op->user_data);
		break;
	}
	g_ptr_array_unref(empty);
}

/* Ends @op once: the callback, then @destroy; the op leaves the table of
 * handles. Requests still pending stay so until they end (ignored). */
static void
op_finish(Op *op, const Result *r, const GError *e)
{
	if (op->finished)
		return;
	op->finished = TRUE;
	op->refs++;
	if (op->idle != 0) {
		g_source_remove(op->idle);
		op->idle = 0;
	}
	if (op->cb != NULL)
		op_call(op, r, e);
	if (op->destroy)
		op->destroy(op->user_data);
	op->destroy = NULL;
	g_hash_table_remove(ops, GUINT_TO_POINTER(op->handle));
	op_unref(op);
}

static void
op_fail(Op *op, int code, const char *message)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, message);

	op_finish(op, NULL, e);
	g_error_free(e);
}

static gboolean
early_cb(gpointer data)
{
	Op *op = data;

	op->idle = 0;
	op_finish(op, NULL, op->early);
	return G_SOURCE_REMOVE;
}

/* Ends @op with @code from the main loop: never before the call returns. */
static guint
op_early(Op *op, int code, const char *message)
{
	op->early = g_error_new_literal(IOT_ERROR, code, message);
	op->idle = g_idle_add(early_cb, op);
	return op->handle;
}

static void
req_free(gpointer data)
{
	Req *rq = data;

	op_unref(rq->op);
	g_free(rq->to);
	g_free(rq);
}

static void
req_forget(Req *rq)
{
	guint i;

	for (i = 0; i < rq->op->reqs->len; i++)
		if (g_array_index(rq->op->reqs, guint, i) == rq->handle) {
			g_array_remove_index_fast(rq->op->reqs, i);
			break;
		}
}

/* Sends @iq (transfer full) to @to for @op; @cb gets the Req. FALSE when
 * the account is not online (nothing sent). */
static gboolean
op_send(Op *op, const char *to, xmlNode *iq, IotPubsubFunc cb)
{
	IotPurpleSession *s = iot_purple_session_get(op->account);
	Req *rq;

	if (s == NULL || iq == NULL) {
		if (iq)
			xmlFreeNode(iq);
		return FALSE;
	}
	rq = g_new0(Req, 1);
	rq->op = op;
	rq->to = g_strdup(to);
	op->refs++;
	rq->handle = iot_pubsub_request(s->table, to, iq, iot_purple_session_timeout_s() * 1000, cb, rq, req_free);
	g_array_append_val(op->reqs, rq->handle);
	return TRUE;
}

/* The service to ask: @service, or our own PEP service for NULL. */
static char *
service_or_own(PurpleAccount *account, const char *service)
{
	return service != NULL && *service ? g_strdup(service) : iot_purple_pubsub_own_jid(account);
}

/* Starts a one-request op; the common path of most calls below. */
static guint
op_start(Op *op, xmlNode *iq, IotPubsubFunc cb)
{
	if (op->service == NULL || *op->service == '\0') {
		if (iq)
			xmlFreeNode(iq);
		return op_early(op, IOT_ERROR_BAD_REQUEST, _("No publish-subscribe service was given."));
	}
	if (iot_purple_session_get(op->account) == NULL) {
		if (iq)
			xmlFreeNode(iq);
		return op_early(op, IOT_ERROR_DISCONNECTED, _("The account is not online."));
	}
	if (iq == NULL)
		return op_early(op, IOT_ERROR_BAD_REQUEST, _("The request lacks what it needs."));
	op_send(op, op->service, iq, cb);
	return op->handle;
}

/* Common head of a request callback: the op, or NULL when it ended. */
static Op *
req_op(Req *rq)
{
	req_forget(rq);
	return rq->op->finished ? NULL : rq->op;
}

void
iot_purple_pubsub_cancel(guint handle)
{
	Op *op = ops ? g_hash_table_lookup(ops, GUINT_TO_POINTER(handle)) : NULL;
	IotPurpleSession *s;
	GArray *reqs;
	guint i, sub;

	if (op == NULL || op->finished)
		return;
	op->refs++;
	sub = op->sub_op;
	op->sub_op = 0;
	op_fail(op, IOT_ERROR_CANCELLED, _("Cancelled"));
	if (sub != 0)
		iot_purple_pubsub_cancel(sub);
	s = iot_purple_session_get(op->account);
	reqs = g_array_copy(op->reqs);
	for (i = 0; s != NULL && i < reqs->len; i++)
		iot_request_table_cancel(s->table, g_array_index(reqs, guint, i));
	g_array_free(reqs, TRUE);
	op_unref(op);
}

/* ---- the simple ones --------------------------------------------------------------------- */

static void
done_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);

	if (op != NULL)
		op_finish(op, NULL, error);
}

static void
nodes_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	GError *e = NULL;
	GPtrArray *nodes;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	nodes = iot_pubsub_parse_node_items(result, &r.truncated, &e);
	r.array = nodes;
	op_finish(op, &r, e);
	if (nodes)
		g_ptr_array_unref(nodes);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_browse(PurpleAccount *account, const char *service, const char *parent,
                         IotPurplePubsubNodesFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Op *op = op_new(K_NODES, account, service, parent, G_CALLBACK(cb), user_data, destroy);

	return op_start(op, iot_pubsub_build_node_items(parent), nodes_cb);
}

static void
meta_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	GError *e = NULL;
	IotPubsubNodeMeta *meta;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	meta = iot_pubsub_parse_node_info(result, &e);
	r.one = meta;
	op_finish(op, &r, e);
	iot_pubsub_node_meta_free(meta);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_node_meta(PurpleAccount *account, const char *service, const char *node,
                            IotPurplePubsubMetaFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Op *op = op_new(K_META, account, service, node, G_CALLBACK(cb), user_data, destroy);

	return op_start(op, iot_pubsub_build_node_info(node), meta_cb);
}

static void
form_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	GError *e = NULL;
	IotDataForm *form;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	form = iot_pubsub_parse_form(result, &e);
	r.one = form;
	op_finish(op, &r, e);
	if (form)
		iot_dataform_free(form);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_options_get(PurpleAccount *account, const char *service, const char *node,
                              const char *subid, IotPurplePubsubFormFunc cb, gpointer user_data,
                              GDestroyNotify destroy)
{
	Op *op = op_new(K_FORM, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h = op_start(op, node && me ? iot_pubsub_build_options_get(node, me, subid) : NULL, form_cb);

	g_free(me);
	return h;
}

guint
iot_purple_pubsub_options_submit(PurpleAccount *account, const char *service, const char *node,
                                 const char *subid, const IotDataForm *form, IotPurplePubsubDoneFunc cb,
                                 gpointer user_data, GDestroyNotify destroy)
{
	Op *op = op_new(K_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h = op_start(op, node && me && form ? iot_pubsub_build_options_submit(node, me, subid, form) : NULL,
	                   done_cb);

	g_free(me);
	return h;
}

guint
iot_purple_pubsub_default_config(PurpleAccount *account, const char *service, IotPurplePubsubFormFunc cb,
                                 gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_FORM, account, svc, NULL, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, iot_pubsub_build_default_config(), form_cb);
}

guint
iot_purple_pubsub_configure_get(PurpleAccount *account, const char *service, const char *node,
                                IotPurplePubsubFormFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_FORM, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node ? iot_pubsub_build_configure_get(node) : NULL, form_cb);
}

guint
iot_purple_pubsub_configure_submit(PurpleAccount *account, const char *service, const char *node,
                                   const IotDataForm *form, IotPurplePubsubDoneFunc cb, gpointer user_data,
                                   GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_DONE, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node && form ? iot_pubsub_build_configure_submit(node, form) : NULL, done_cb);
}

guint
iot_purple_pubsub_purge(PurpleAccount *account, const char *service, const char *node,
                        IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_DONE, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node ? iot_pubsub_build_purge(node) : NULL, done_cb);
}

static void
delete_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);

	if (op == NULL)
		return;
	if (error == NULL)
		iot_purple_pubsub_subs_forget(op->account, op->service, op->node, NULL);
	op_finish(op, NULL, error);
}

guint
iot_purple_pubsub_delete(PurpleAccount *account, const char *service, const char *node,
                         IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_DONE, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node ? iot_pubsub_build_delete(node) : NULL, delete_cb);
}

static void
affils_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	GError *e = NULL;
	GPtrArray *a;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	a = iot_pubsub_parse_affiliations(result, &e);
	r.array = a;
	op_finish(op, &r, e);
	if (a)
		g_ptr_array_unref(a);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_affiliations_get(PurpleAccount *account, const char *service, const char *node,
                                   IotPurplePubsubAffiliationsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_AFFILS, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node ? iot_pubsub_build_affiliations_get(node) : NULL, affils_cb);
}

guint
iot_purple_pubsub_affiliation_set(PurpleAccount *account, const char *service, const char *node,
                                  const char *jid, IotPubsubAffiliation affiliation, IotPurplePubsubDoneFunc cb,
                                  gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_DONE, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node && jid ? iot_pubsub_build_affiliation_set(node, jid, affiliation) : NULL, done_cb);
}

static void
subscribers_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	GError *e = NULL;
	GPtrArray *a;
	Result r = { 0 };
	guint i;

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	a = iot_pubsub_parse_subscriptions(result, &r.truncated, &e);
	for (i = 0; a != NULL && i < a->len; i++) {
		IotPubsubSubscription *sub = g_ptr_array_index(a, i);
		if (sub->service == NULL)
			sub->service = g_strdup(op->service);
	}
	r.array = a;
	op_finish(op, &r, e);
	if (a)
		g_ptr_array_unref(a);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_subscribers_get(PurpleAccount *account, const char *service, const char *node,
                                  IotPurplePubsubSubscriptionsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_SUBS, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node ? iot_pubsub_build_subscribers_get(node) : NULL, subscribers_cb);
}

guint
iot_purple_pubsub_subscriber_set(PurpleAccount *account, const char *service, const char *node,
                                 const char *jid, const char *subid, IotPubsubState state,
                                 IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_DONE, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node && jid ? iot_pubsub_build_subscriber_set(node, jid, subid, state) : NULL, done_cb);
}

static void
retract_cb(const xmlNode *result, const GError *error, gpointer data)
{
	done_cb(result, error, data);
}

guint
iot_purple_pubsub_retract(PurpleAccount *account, const char *service, const char *node, const char *item_id,
                          IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_DONE, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, node && item_id ? iot_pubsub_build_retract(node, item_id, TRUE) : NULL, retract_cb);
}

/* ---- subscribe / unsubscribe ------------------------------------------------------------- */

static void
subscribe_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	GError *e = NULL;
	IotPubsubSubscription *sub;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	sub = iot_pubsub_parse_subscription(result, &e);
	if (sub == NULL && e == NULL) {
		/* An empty result (§6.1.2): subscribed. */
		sub = iot_pubsub_subscription_new();
		sub->state = IOT_PUBSUB_STATE_SUBSCRIBED;
	}
	if (sub != NULL) {
		if (sub->node == NULL || *sub->node == '\0') {
			g_free(sub->node);
			sub->node = g_strdup(op->node);
		}
		g_free(sub->service);
		sub->service = g_strdup(op->service);
		if (sub->jid == NULL)
			sub->jid = iot_purple_pubsub_own_jid(op->account);
		if (sub->state != IOT_PUBSUB_STATE_NONE)
			iot_purple_pubsub_subs_remember(op->account, sub);
	}
	r.one = sub;
	op_finish(op, &r, e);
	iot_pubsub_subscription_free(sub);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_subscribe(PurpleAccount *account, const char *service, const char *node,
                            const IotDataForm *options, IotPurplePubsubSubscriptionFunc cb, gpointer user_data,
                            GDestroyNotify destroy)
{
	Op *op = op_new(K_SUB, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h = op_start(op, node && me ? iot_pubsub_build_subscribe(node, me, options) : NULL, subscribe_cb);

	g_free(me);
	return h;
}

static gboolean
is_transient(const GError *error)
{
	return error->domain == IOT_ERROR &&
	       (error->code == IOT_ERROR_TIMEOUT || error->code == IOT_ERROR_DISCONNECTED ||
	        error->code == IOT_ERROR_CANCELLED || error->code == IOT_ERROR_UNAVAILABLE);
}

static void
unsubscribe_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	IotPubsubSubscription *sub;
	Result r = { 0 };

	if (op == NULL)
		return;
	/* Not subscribed there (any more), or the node is gone: nothing to
	 * remember either. Only a service that could not be asked keeps it. */
	if (error == NULL || !is_transient(error))
		iot_purple_pubsub_subs_forget(op->account, op->service, op->node, op->aux);
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	sub = iot_pubsub_subscription_new();
	sub->service = g_strdup(op->service);
	g_free(sub->node);
	sub->node = g_strdup(op->node);
	sub->subid = g_strdup(op->aux);
	sub->jid = iot_purple_pubsub_own_jid(op->account);
	sub->state = IOT_PUBSUB_STATE_NONE;
	r.one = sub;
	op_finish(op, &r, NULL);
	iot_pubsub_subscription_free(sub);
}

guint
iot_purple_pubsub_unsubscribe(PurpleAccount *account, const char *service, const char *node, const char *subid,
                              IotPurplePubsubSubscriptionFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Op *op = op_new(K_SUB, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h;

	op->aux = g_strdup(subid);
	h = op_start(op, node && me ? iot_pubsub_build_unsubscribe(node, me, subid) : NULL, unsubscribe_cb);
	g_free(me);
	return h;
}

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
	Op *op = req_op(data);
	GError *e = NULL;
	GPtrArray *raw, *items;
	IotSoxMeta *meta;
	Result r = { 0 };
	guint i;

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
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
	op_finish(op, &r, e);
	g_ptr_array_unref(items);
	if (raw)
		g_ptr_array_unref(raw);
	g_clear_error(&e);
}

guint
iot_purple_pubsub_items(PurpleAccount *account, const char *service, const char *node, guint max,
                        IotPurplePubsubItemsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Op *op = op_new(K_ITEMS, account, service, node, G_CALLBACK(cb), user_data, destroy);

	op->max = max == 0 ? IOT_PURPLE_PUBSUB_ITEMS_DEFAULT : MIN(max, IOT_PUBSUB_MAX_ITEMS);
	return op_start(op, node ? iot_pubsub_build_items(node, op->max, NULL) : NULL, items_cb);
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

/* ---- create, publish --------------------------------------------------------------------- */

static void
create_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	char *named;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	named = iot_pubsub_parse_created_node(result);
	r.str = named != NULL ? named : op->node;
	op_finish(op, &r, NULL);
	g_free(named);
}

guint
iot_purple_pubsub_create(PurpleAccount *account, const char *service, const char *node, const IotDataForm *config,
                         IotPurplePubsubCreatedFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_CREATED, account, svc, node, G_CALLBACK(cb), user_data, destroy);

	g_free(svc);
	return op_start(op, iot_pubsub_build_create(node, config), create_cb);
}

static void
publish_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Op *op = req_op(data);
	const xmlNode *p, *pub, *item;
	Result r = { 0 };

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	r.str = op->aux;
	p = iot_xml_child(result, "pubsub", IOT_NS_PUBSUB);
	pub = p ? iot_xml_child(p, "publish", IOT_NS_PUBSUB) : NULL;
	item = pub ? iot_xml_child(pub, "item", IOT_NS_PUBSUB) : NULL;
	if (item != NULL && iot_xml_attr(item, "id") != NULL && iot_xml_is_valid_text(iot_xml_attr(item, "id")))
		r.str = iot_xml_attr(item, "id");
	op_finish(op, &r, NULL);
}

/* Returns: (transfer full) (nullable): the payload to publish, or NULL
 * with @code and @message set. */
static xmlNode *
publish_payload(IotPurplePubsubPublishKind kind, const char *content, int *code, const char **message)
{
	xmlNode *entry, *root;
	xmlDoc *doc;
	GError *e = NULL;
	char *now;

	if (content == NULL || strlen(content) > IOT_PUBSUB_MAX_PAYLOAD_BYTES) {
		*code = IOT_ERROR_TOO_LARGE;
		*message = _("The item is too big to publish.");
		return NULL;
	}
	if (kind == IOT_PURPLE_PUBSUB_PUBLISH_TEXT) {
		if (!g_utf8_validate(content, -1, NULL)) {
			*code = IOT_ERROR_BAD_REQUEST;
			*message = _("The text is not valid UTF-8.");
			return NULL;
		}
		entry = iot_xml_new("entry", IOT_NS_ATOM);
		iot_xml_set_text(iot_xml_add(entry, "title"), content);
		now = iot_time_format_iso(g_get_real_time());
		iot_xml_set_text(iot_xml_add(entry, "published"), now);
		g_free(now);
		return entry;
	}
	doc = iot_xml_parse(content, -1, &e);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		if (e)
			g_error_free(e);
		if (doc)
			xmlFreeDoc(doc);
		*code = IOT_ERROR_BAD_REQUEST;
		*message = _("The XML of the item is not well-formed: it must be one element.");
		return NULL;
	}
	root = xmlDocCopyNode(root, NULL, 1);
	xmlFreeDoc(doc);
	return root;
}

guint
iot_purple_pubsub_publish(PurpleAccount *account, const char *service, const char *node, const char *item_id,
                          IotPurplePubsubPublishKind kind, const char *content, IotPurplePubsubPublishedFunc cb,
                          gpointer user_data, GDestroyNotify destroy)
{
	char *svc = service_or_own(account, service);
	Op *op = op_new(K_PUBLISHED, account, svc, node, G_CALLBACK(cb), user_data, destroy);
	const char *message = NULL;
	xmlNode *payload;
	int code = 0;

	g_free(svc);
	op->aux = g_strdup(item_id);
	if (node == NULL)
		return op_start(op, NULL, publish_cb);
	payload = publish_payload(kind, content, &code, &message);
	if (payload == NULL)
		return op_early(op, code, message);
	return op_start(op, iot_pubsub_build_publish(node, item_id, payload), publish_cb);
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
services_finish(Op *op)
{
	GPtrArray *copy = refs_new();
	Result r = { 0 };
	guint i;

	for (i = 0; i < op->acc->len; i++)
		g_ptr_array_add(copy, ref_copy(g_ptr_array_index(op->acc, i)));
	if (service_cache == NULL)
		service_cache = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, refs_free);
	g_hash_table_replace(service_cache, op->account, copy);
	r.array = op->acc;
	op_finish(op, &r, NULL);
}

static void
service_info_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Req *rq = data;
	Op *op = req_op(rq);

	if (op == NULL)
		return;
	op->waiting--;
	if (error != NULL && error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED)) {
		op_finish(op, NULL, error);
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
	Op *op = req_op(data);
	GPtrArray *items;
	guint i;

	if (op == NULL)
		return;
	if (error != NULL) {
		op_finish(op, NULL, error);
		return;
	}
	items = iot_pubsub_parse_node_items(result, NULL, NULL);
	op->acc = refs_new();
	for (i = 0; items != NULL && i < items->len && op->waiting < MAX_SERVICE_CANDIDATES; i++) {
		const IotPubsubNodeRef *ref = g_ptr_array_index(items, i);
		if (ref->node != NULL || ref->jid == NULL)
			continue;
		if (op_send(op, ref->jid, iot_pubsub_build_node_info(NULL), service_info_cb))
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
	Op *op = data;
	GPtrArray *cached = service_cache ? g_hash_table_lookup(service_cache, op->account) : NULL;
	Result r = { 0 };

	op->idle = 0;
	r.array = cached;
	op_finish(op, &r, NULL);
	return G_SOURCE_REMOVE;
}

guint
iot_purple_pubsub_find_services(PurpleAccount *account, IotPurplePubsubServicesFunc cb, gpointer user_data,
                                GDestroyNotify destroy)
{
	char *me = iot_purple_pubsub_own_jid(account);
	const char *at = me ? strchr(me, '@') : NULL;
	Op *op = op_new(K_SERVICES, account, at ? at + 1 : me, NULL, G_CALLBACK(cb), user_data, destroy);

	g_free(me);
	if (iot_purple_session_get(account) != NULL && service_cache != NULL &&
	    g_hash_table_lookup(service_cache, account) != NULL) {
		op->idle = g_idle_add(cached_services_cb, op);
		return op->handle;
	}
	return op_start(op, iot_pubsub_build_node_items(NULL), domain_items_cb);
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
mysubs_maybe_finish(Op *op)
{
	Result r = { 0 };

	if (op->waiting > 0 || op->sub_op != 0 || op->finished)
		return;
	g_ptr_array_sort(op->acc, sub_cmp);
	r.array = op->acc;
	r.problems = op->problems;
	op_finish(op, &r, NULL);
}

/* What the store remembers at @service, added to @op's result (the
 * service could not be asked). */
static void
mysubs_add_remembered(Op *op, const char *service)
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
	Req *rq = data;
	Op *op = req_op(rq);
	GPtrArray *a;
	GError *e = NULL;
	guint i;

	if (op == NULL)
		return;
	op->waiting--;
	if (error != NULL && error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED)) {
		op_finish(op, NULL, error);
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
mysubs_ask(Op *op, const char *service)
{
	guint i;

	for (i = 0; i < op->asked->len; i++)
		if (g_ascii_strcasecmp(g_ptr_array_index(op->asked, i), service) == 0)
			return;
	g_ptr_array_add(op->asked, g_strdup(service));
	if (op_send(op, service, iot_pubsub_build_subscriptions(NULL), mysubs_cb))
		op->waiting++;
}

static void
mysubs_services_cb(PurpleAccount *account, const GPtrArray *services, const GError *error, gpointer data)
{
	Op *op = data;
	guint i;

	op->sub_op = 0;
	if (op->finished)
		return;
	if (error != NULL && error->domain == IOT_ERROR &&
	    (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED)) {
		op_finish(op, NULL, error);
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
	Op *op = op_new(K_SUBS, account, service, NULL, G_CALLBACK(cb), user_data, destroy);
	GPtrArray *remembered;
	guint i;

	if (iot_purple_session_get(account) == NULL)
		return op_early(op, IOT_ERROR_DISCONNECTED, _("The account is not online."));
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
	op->sub_op = iot_purple_pubsub_find_services(account, mysubs_services_cb, op, (GDestroyNotify)op_unref);
	return op->handle;
}

/* ---- life -------------------------------------------------------------------------------- */

void
iot_purple_pubsub_session_changed(PurpleAccount *account, gboolean online)
{
	if (service_cache != NULL)
		g_hash_table_remove(service_cache, account);
	if (!online)
		iot_purple_pubsub_finch_close_account(account);
	iot_purple_pubsub_subs_session_changed(account, online);
}

void
iot_purple_pubsub_shutdown(void)
{
	GList *l, *all;

	iot_purple_pubsub_events_shutdown();
	iot_purple_pubsub_subs_shutdown();
	/* Sessions ended their requests; what is left waits for the main loop. */
	if (ops != NULL) {
		all = g_hash_table_get_values(ops);
		for (l = all; l != NULL; l = l->next)
			((Op *)l->data)->refs++;
		for (l = all; l != NULL; l = l->next) {
			op_fail(l->data, IOT_ERROR_CANCELLED, _("Cancelled"));
			op_unref(l->data);
		}
		g_list_free(all);
		g_hash_table_destroy(ops);
		ops = NULL;
	}
	if (service_cache != NULL)
		g_hash_table_destroy(service_cache);
	service_cache = NULL;
}
