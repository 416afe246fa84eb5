/* iot-purple-pubsub.c — publish-subscribe operations on an account's stream:
 * the machinery every operation runs on (one contract, DESIGN.md §5), items,
 * and the adapter's life. See iot-purple-pubsub.h. */
#include "iot-purple-pubsub-op.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-store-pubsub.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <debug.h>
#include <glib/gi18n-lib.h>

#include <string.h>

static GHashTable *ops; /* handle → IotPurplePubsubOp (one reference) */
static guint next_handle;

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
	const char *who = service != NULL && *service ? service : _("the service");

	if (error == NULL)
		return g_strdup("");
	if (error->domain == IOT_ERROR) {
		switch (error->code) {
		case IOT_ERROR_TIMEOUT:
			/* TRANSLATORS: %s is a pubsub service, %u seconds. */
			return g_strdup_printf(_("%s did not answer within %u s."), who, iot_purple_session_timeout_s());
		case IOT_ERROR_DISCONNECTED:
			/* TRANSLATORS: %s is a pubsub service. */
			return g_strdup_printf(_("Your account went offline before %s answered."), who);
		case IOT_ERROR_CANCELLED:
			return g_strdup(_("The request was cancelled."));
		default:
			break;
		}
	}
	return g_strdup(error->message);
}

void
iot_purple_pubsub_op_unref(IotPurplePubsubOp *op)
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

IotPurplePubsubOp *
iot_purple_pubsub_op_new(IotPurplePubsubOpKind kind, PurpleAccount *account, const char *service, const char *node, GCallback cb,
       gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = g_new0(IotPurplePubsubOp, 1);

	if (ops == NULL)
		ops = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)iot_purple_pubsub_op_unref);
	op->handle = ++next_handle;
	if (op->handle == 0)
		op->handle = ++next_handle;
	op->kind = kind;
	op->account = account;
	op->service = iot_purple_pubsub_service_or_own(account, service); /* NULL: our own PEP service */
	op->node = g_strdup(node);
	op->cb = cb;
	op->user_data = user_data;
	op->destroy = destroy;
	op->refs = 1;
	op->reqs = g_array_new(FALSE, FALSE, sizeof(guint));
	g_hash_table_insert(ops, GUINT_TO_POINTER(op->handle), op);
	return op;
}

static void
op_call(IotPurplePubsubOp *op, const IotPurplePubsubResult *r, const GError *e)
{
	GPtrArray *empty = g_ptr_array_new();
	const GPtrArray *arr = r && r->array ? r->array : empty;
	const GPtrArray *probs = r && r->problems ? r->problems : empty;
	gconstpointer one = r ? r->one : NULL;
	const char *node = r && r->str ? r->str : op->node;
	gboolean trunc = r ? r->truncated : FALSE;

	switch (op->kind) {
	case IOT_PSOP_DONE:
		((IotPurplePubsubDoneFunc)op->cb)(op->account, op->service, op->node, e, op->user_data);
		break;
	case IOT_PSOP_SERVICES:
		((IotPurplePubsubServicesFunc)op->cb)(op->account, arr, e, op->user_data);
		break;
	case IOT_PSOP_NODES:
		((IotPurplePubsubNodesFunc)op->cb)(op->account, op->service, op->node, arr, trunc, e, op->user_data);
		break;
	case IOT_PSOP_META:
		((IotPurplePubsubMetaFunc)op->cb)(op->account, op->service, op->node, one, e, op->user_data);
		break;
	case IOT_PSOP_SUB:
		((IotPurplePubsubSubscriptionFunc)op->cb)(op->account, op->service, op->node, one, e, op->user_data);
		break;
	case IOT_PSOP_FORM:
		((IotPurplePubsubFormFunc)op->cb)(op->account, op->service, op->node, one, e, op->user_data);
		break;
	case IOT_PSOP_ITEMS:
		((IotPurplePubsubItemsFunc)op->cb)(op->account, op->service, op->node, arr, trunc, e, op->user_data);
		break;
	case IOT_PSOP_SUBS:
		((IotPurplePubsubSubscriptionsFunc)op->cb)(op->account, arr, probs, e, op->user_data);
		break;
	case IOT_PSOP_CREATED:
		((IotPurplePubsubCreatedFunc)op->cb)(op->account, op->service, node, e, op->user_data);
		break;
	case IOT_PSOP_AFFILS:
		((IotPurplePubsubAffiliationsFunc)op->cb)(op->account, op->service, op->node, arr, e, op->user_data);
		break;
	case IOT_PSOP_PUBLISHED:
		((IotPurplePubsubPublishedFunc)op->cb)(op->account, op->service, op->node, r ? r->str : NULL, e,
		                                       op->user_data);
		break;
	}
	g_ptr_array_unref(empty);
}

/* Ends @op once: the callback, then @destroy; the op leaves the table of
 * handles. Requests still pending stay so until they end (ignored). */
void
iot_purple_pubsub_op_finish(IotPurplePubsubOp *op, const IotPurplePubsubResult *r, const GError *e)
{
	if (op->finished)
		return;
	op->finished = TRUE;
	op->refs++;
	if (op->idle != 0) {
		g_source_remove(op->idle);
		op->idle = 0;
	}
	if (op->cb != NULL) {
		/* The table's own words (timeout, disconnected, cancelled) become
		 * a sentence fit to show, naming the service. */
		GError *said = NULL;

		if (e != NULL && e->domain == IOT_ERROR &&
		    (e->code == IOT_ERROR_TIMEOUT || e->code == IOT_ERROR_DISCONNECTED || e->code == IOT_ERROR_CANCELLED)) {
			char *text = iot_purple_pubsub_error_sentence(op->service, e);
			said = g_error_new_literal(IOT_ERROR, e->code, text);
			g_free(text);
		}
		op_call(op, r, said != NULL ? said : e);
		if (said != NULL)
			g_error_free(said);
	}
	if (op->destroy)
		op->destroy(op->user_data);
	op->destroy = NULL;
	g_hash_table_remove(ops, GUINT_TO_POINTER(op->handle));
	iot_purple_pubsub_op_unref(op);
}

void
iot_purple_pubsub_op_fail(IotPurplePubsubOp *op, int code, const char *message)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, message);

	iot_purple_pubsub_op_finish(op, NULL, e);
	g_error_free(e);
}

static gboolean
early_cb(gpointer data)
{
	IotPurplePubsubOp *op = data;

	op->idle = 0;
	iot_purple_pubsub_op_finish(op, NULL, op->early);
	return G_SOURCE_REMOVE;
}

/* Ends @op with @code from the main loop: never before the call returns. */
guint
iot_purple_pubsub_op_early(IotPurplePubsubOp *op, int code, const char *message)
{
	op->early = g_error_new_literal(IOT_ERROR, code, message);
	op->idle = g_idle_add(early_cb, op);
	return op->handle;
}

static void
req_free(gpointer data)
{
	IotPurplePubsubReq *rq = data;

	iot_purple_pubsub_op_unref(rq->op);
	g_free(rq->to);
	g_free(rq);
}

static void
req_forget(IotPurplePubsubReq *rq)
{
	guint i;

	for (i = 0; i < rq->op->reqs->len; i++)
		if (g_array_index(rq->op->reqs, guint, i) == rq->handle) {
			g_array_remove_index_fast(rq->op->reqs, i);
			break;
		}
}

/* Sends @iq (transfer full) to @to for @op; @cb gets the IotPurplePubsubReq. FALSE when
 * the account is not online (nothing sent). */
gboolean
iot_purple_pubsub_op_send(IotPurplePubsubOp *op, const char *to, xmlNode *iq, IotPubsubFunc cb)
{
	IotPurpleSession *s = iot_purple_session_get(op->account);
	IotPurplePubsubReq *rq;

	if (s == NULL || iq == NULL) {
		if (iq)
			xmlFreeNode(iq);
		return FALSE;
	}
	rq = g_new0(IotPurplePubsubReq, 1);
	rq->op = op;
	rq->to = g_strdup(to);
	op->refs++;
	rq->handle = iot_pubsub_request(s->table, to, iq, iot_purple_session_timeout_s() * 1000, cb, rq, req_free);
	g_array_append_val(op->reqs, rq->handle);
	return TRUE;
}

/* The service to ask: @service, or our own PEP service for NULL. */
char *
iot_purple_pubsub_service_or_own(PurpleAccount *account, const char *service)
{
	return service != NULL && *service ? g_strdup(service) : iot_purple_pubsub_own_jid(account);
}

/* Starts a one-request op; the common path of most calls below. */
guint
iot_purple_pubsub_op_start(IotPurplePubsubOp *op, xmlNode *iq, IotPubsubFunc cb)
{
	if (op->service == NULL || *op->service == '\0') {
		if (iq)
			xmlFreeNode(iq);
		return iot_purple_pubsub_op_early(op, IOT_ERROR_BAD_REQUEST, _("No publish-subscribe service was given."));
	}
	if (iot_purple_session_get(op->account) == NULL) {
		if (iq)
			xmlFreeNode(iq);
		return iot_purple_pubsub_op_early(op, IOT_ERROR_DISCONNECTED, _("The account is not online."));
	}
	if (iq == NULL)
		return iot_purple_pubsub_op_early(op, IOT_ERROR_BAD_REQUEST, _("The request lacks what it needs."));
	iot_purple_pubsub_op_send(op, op->service, iq, cb);
	return op->handle;
}

/* Common head of a request callback: the op, or NULL when it ended. */
IotPurplePubsubOp *
iot_purple_pubsub_req_op(IotPurplePubsubReq *rq)
{
	req_forget(rq);
	return rq->op->finished ? NULL : rq->op;
}

void
iot_purple_pubsub_cancel(guint handle)
{
	IotPurplePubsubOp *op = ops ? g_hash_table_lookup(ops, GUINT_TO_POINTER(handle)) : NULL;
	IotPurpleSession *s;
	GArray *reqs;
	guint i, sub;

	if (op == NULL || op->finished)
		return;
	op->refs++;
	sub = op->sub_op;
	op->sub_op = 0;
	iot_purple_pubsub_op_fail(op, IOT_ERROR_CANCELLED, _("Cancelled"));
	if (sub != 0)
		iot_purple_pubsub_cancel(sub);
	s = iot_purple_session_get(op->account);
	reqs = g_array_copy(op->reqs);
	for (i = 0; s != NULL && i < reqs->len; i++)
		iot_request_table_cancel(s->table, g_array_index(reqs, guint, i));
	g_array_free(reqs, TRUE);
	iot_purple_pubsub_op_unref(op);
}

/* ---- life -------------------------------------------------------------------------------- */

void
iot_purple_pubsub_session_changed(PurpleAccount *account, gboolean online)
{
	iot_purple_pubsub_services_forget(account);
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
			((IotPurplePubsubOp *)l->data)->refs++;
		for (l = all; l != NULL; l = l->next) {
			iot_purple_pubsub_op_fail(l->data, IOT_ERROR_CANCELLED, _("Cancelled"));
			iot_purple_pubsub_op_unref(l->data);
		}
		g_list_free(all);
		g_hash_table_destroy(ops);
		ops = NULL;
	}
	iot_purple_pubsub_services_shutdown();
}

