/* iot-concentrator-query-flow.c — a node query on the request table: the
 * start, its progress messages by query id, abort and cancel, one end. See
 * iot-concentrator-query.h. */
#include "iot-concentrator-query.h"

#include "iot-concentrator-private.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-xml.h"

#include <string.h>

typedef struct {
	IotNodeRef node;
	IotQueryStream *stream;
	gboolean failed;   /* its start was refused (a common query's per-node result) */
} NodeStream;

struct _IotConcentratorQuery {
	int refs;
	IotRequestTable *table;
	char *peer;
	IotGeneration gen;
	IotConcentratorRequest *req; /* the start; query_id the id in use */
	const IotConcentratorQueryFuncs *funcs;
	gpointer user_data;
	GDestroyNotify destroy;
	guint timeout_ms;
	IotRequest *main;            /* the start / progress request; NULL once it ended */
	gboolean keyed;              /* its progress messages reach it */
	gboolean ended;
	gboolean aborting;
	IotConcentratorReply *refusal;
	GPtrArray *streams;          /* (element-type NodeStream) one per node asked */
};

static IotConcentratorQuery *
query_ref(IotConcentratorQuery *q)
{
	q->refs++;
	return q;
}

static void
node_stream_free(NodeStream *ns)
{
	iot_node_ref_clear(&ns->node);
	iot_query_stream_free(ns->stream);
	g_free(ns);
}

static void
query_unref(gpointer data)
{
	IotConcentratorQuery *q = data;

	if (--q->refs > 0)
		return;
	g_free(q->peer);
	iot_concentrator_request_free(q->req);
	iot_concentrator_reply_free(q->refusal);
	g_ptr_array_unref(q->streams);
	g_free(q);
}

char *
iot_concentrator_query_key(const char *peer, const char *query_id)
{
	char *bare = iot_jid_bare(peer);
	const char *res = iot_jid_resource(peer);
	char *key = g_strdup_printf("query\n%s/%s\n%s", bare ? bare : "", res ? res : "",
	                            query_id ? query_id : "");

	g_free(bare);
	return key;
}

gboolean
iot_concentrator_is_query_progress(const xmlNode *el)
{
	return iot_xml_is(el, "queryProgress", NULL) && iot_conc_is_ns(iot_xml_ns(el));
}

gboolean
iot_concentrator_query_handle(IotRequestTable *t, const char *from, const xmlNode *progress)
{
	const char *id = iot_xml_attr(progress, "queryId");
	char *key;
	gboolean taken;

	g_return_val_if_fail(t != NULL, FALSE);
	if (from == NULL || id == NULL || !iot_concentrator_is_query_progress(progress))
		return FALSE;
	key = iot_concentrator_query_key(from, id);
	taken = iot_request_table_handle_message(t, from, key, progress);
	g_free(key);
	return taken;
}

/* --- the end ---------------------------------------------------------------------------- */

static gboolean
all_finished(const IotConcentratorQuery *q)
{
	guint i;

	for (i = 0; i < q->streams->len; i++) {
		const NodeStream *ns = g_ptr_array_index(q->streams, i);

		if (!ns->failed && !iot_query_stream_finished(ns->stream))
			return FALSE;
	}
	return TRUE;
}

/* --- the abort request ------------------------------------------------------------------ */

static void
abort_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer flow)
{
	GError *error = is_error ? iot_error_from_stanza(iq) : NULL;

	iot_request_finish(req, error);
	g_clear_error(&error);
}

static void
abort_finish(IotRequest *req, const GError *error, gpointer flow)
{
	IotConcentratorQuery *q = flow;
	guint i;

	if (q == NULL || q->ended || q->main == NULL)
		return;
	/* Confirmed, or the query was gone already: it is over either way. */
	if (error == NULL || g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_FOUND)) {
		for (i = 0; i < q->streams->len; i++)
			iot_query_stream_set_aborted(((NodeStream *)g_ptr_array_index(q->streams, i))->stream);
		iot_request_finish(q->main, NULL);
		return;
	}
	iot_request_finish(q->main, error);
}

static const IotRequestClass abort_class = { abort_iq, NULL, abort_finish, query_unref };
/* An abort sent when a query was cancelled: nobody waits for its answer. */
static const IotRequestClass orphan_abort_class = { abort_iq, NULL, abort_finish, NULL };

static void
send_abort(IotConcentratorQuery *q, gboolean wait)
{
	IotConcentratorOp op = q->req->op == IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY
	                               ? IOT_CONCENTRATOR_ABORT_COMMON_NODE_QUERY
	                               : IOT_CONCENTRATOR_ABORT_NODE_QUERY;
	IotConcentratorRequest *r = iot_concentrator_request_new(op);
	guint i;

	r->command = g_strdup(q->req->command);
	r->query_id = g_strdup(q->req->query_id);
	for (i = 0; i < q->req->n_nodes; i++)
		iot_concentrator_request_add_node(r, &q->req->nodes[i]);
	if (iot_concentrator_request_check(r, q->gen, NULL)) {
		xmlNode *iq = iot_concentrator_request_build_iq(q->gen, r);

		if (wait)
			iot_request_send(q->table, q->peer, iq, q->timeout_ms, &abort_class, query_ref(q), NULL);
		else
			iot_request_send(q->table, q->peer, iq, q->timeout_ms, &orphan_abort_class, NULL, NULL);
	}
	iot_concentrator_request_free(r);
}

/* --- the start and its progress --------------------------------------------------------- */

typedef struct {
	IotConcentratorQuery *q;
	const IotNodeRef *node;
} EventCtx;

static void
stream_event(const IotQueryEvent *ev, const IotQueryResult *result, gpointer data)
{
	EventCtx *ctx = data;

	/* Nothing after the end: a callback may have cancelled the query. */
	if (!ctx->q->ended && ctx->q->funcs->on_event != NULL)
		ctx->q->funcs->on_event(ctx->q, ctx->node, ev, result, ctx->q->user_data);
}

/* The node stream a progress message is about. */
static NodeStream *
stream_for(IotConcentratorQuery *q, const xmlNode *progress)
{
	const char *id = iot_xml_attr2(progress, "id", "nodeId");
	const char *src = iot_xml_attr2(progress, "src", "sourceId");
	guint i;

	for (i = 0; id != NULL && i < q->streams->len; i++) {
		NodeStream *ns = g_ptr_array_index(q->streams, i);

		if (g_strcmp0(ns->node.node_id, id) == 0 &&
		    (src == NULL || ns->node.source_id == NULL || strcmp(src, ns->node.source_id) == 0))
			return ns;
	}
	/* A query on one node: whatever the message names, it is about that node. */
	return q->streams->len == 1 ? g_ptr_array_index(q->streams, 0) : NULL;
}

static void
main_message(IotRequest *req, const xmlNode *payload, gpointer flow)
{
	IotConcentratorQuery *q = flow;
	NodeStream *ns = stream_for(q, payload);
	GError *error = NULL;
	EventCtx ctx;

	if (ns == NULL || ns->failed)
		return; /* about a node not asked, or one refused */
	iot_request_keep_alive(req);
	query_ref(q);
	ctx.q = q;
	ctx.node = &ns->node;
	if (!iot_query_stream_feed(ns->stream, payload, stream_event, &ctx, &error))
		iot_request_finish(req, error);
	else if (all_finished(q))
		iot_request_finish(req, NULL);
	g_clear_error(&error);
	query_unref(q);
}

/* A common query: nodes whose start was refused take no part. */
static void
mark_refused(IotConcentratorQuery *q, const IotConcentratorReply *reply, GError **error)
{
	guint i, refused = 0;
	const char *why = NULL;

	for (i = 0; reply->results != NULL && i < reply->results->len && i < q->streams->len; i++) {
		const IotConcentratorNodeResult *r = g_ptr_array_index(reply->results, i);

		if (!r->ok) {
			((NodeStream *)g_ptr_array_index(q->streams, i))->failed = TRUE;
			refused++;
			if (why == NULL)
				why = r->error;
		}
	}
	if (refused > 0 && refused == q->streams->len)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_FAILED, why ? why : "refused on every node");
}

static void
main_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer flow)
{
	IotConcentratorQuery *q = flow;
	GError *error = NULL;
	IotConcentratorReply *reply = iot_concentrator_reply_parse(q->req, is_error, iq, &error);

	if (error != NULL) {
		q->refusal = reply;
		iot_request_finish(req, error);
		g_error_free(error);
		return;
	}
	if (!q->keyed) {
		/* XSF: the concentrator named the query; NF: the id was taken by a
		 * query of ours already, yet the concentrator did not refuse. */
		char *key = iot_concentrator_query_key(q->peer, reply->query_id);

		if (iot_generation_is_short(q->gen) || !iot_request_set_key(req, key))
			g_set_error(&error, IOT_ERROR, IOT_ERROR_CONFLICT, "a query with id %s is running already",
			            reply->query_id);
		else {
			q->keyed = TRUE;
			g_free(q->req->query_id);
			q->req->query_id = g_strdup(reply->query_id);
		}
		g_free(key);
	}
	if (error == NULL)
		mark_refused(q, reply, &error);
	iot_concentrator_reply_free(reply);
	if (error != NULL) {
		iot_request_finish(req, error);
		g_error_free(error);
		return;
	}
	iot_request_keep_alive(req);
	if (all_finished(q))
		iot_request_finish(req, NULL);
}

static void
main_finish(IotRequest *req, const GError *error, gpointer flow)
{
	IotConcentratorQuery *q = flow;

	q->main = NULL;
	q->ended = TRUE;
	q->funcs->on_end(q, error, error != NULL ? q->refusal : NULL, q->user_data);
	if (q->destroy != NULL)
		q->destroy(q->user_data);
	q->destroy = NULL;
	q->user_data = NULL;
}

static const IotRequestClass main_class = { main_iq, main_message, main_finish, query_unref };

IotConcentratorQuery *
iot_concentrator_query_start(IotRequestTable *t, const char *peer, IotGeneration gen,
                             const IotConcentratorRequest *req, guint timeout_ms,
                             const IotConcentratorQueryFuncs *funcs, gpointer user_data,
                             GDestroyNotify destroy)
{
	IotConcentratorQuery *q;
	IotRequest *r = NULL;
	gboolean nf = iot_generation_is_short(gen);
	guint i;

	g_return_val_if_fail(t != NULL && peer != NULL && req != NULL && funcs != NULL && funcs->on_end != NULL,
	                     NULL);
	g_return_val_if_fail(req->op == IOT_CONCENTRATOR_EXECUTE_NODE_QUERY ||
	                             req->op == IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY,
	                     NULL);
	q = g_new0(IotConcentratorQuery, 1);
	q->refs = 1; /* the main request's */
	q->table = t;
	q->peer = g_strdup(peer);
	q->gen = gen;
	q->req = iot_concentrator_request_copy(req);
	if (!nf)
		g_clear_pointer(&q->req->query_id, g_free); /* the concentrator names it */
	else if (q->req->query_id == NULL || *q->req->query_id == '\0') {
		g_free(q->req->query_id);
		q->req->query_id = iot_request_table_new_key(t);
	}
	q->streams = g_ptr_array_new_with_free_func((GDestroyNotify)node_stream_free);
	if (!iot_concentrator_request_check(q->req, gen, NULL)) {
		g_critical("iot_concentrator_query_start: the request lacks what its op needs");
		query_unref(q);
		return NULL;
	}
	q->timeout_ms = timeout_ms;
	q->funcs = funcs;
	q->user_data = user_data;
	q->destroy = destroy;
	for (i = 0; i < q->req->n_nodes; i++) {
		NodeStream *ns = g_new0(NodeStream, 1);

		iot_node_ref_copy(&ns->node, &q->req->nodes[i]);
		ns->stream = iot_query_stream_new();
		g_ptr_array_add(q->streams, ns);
	}
	iot_request_send(t, peer, iot_concentrator_request_build_iq(gen, q->req), timeout_ms, &main_class, q, &r);
	q->main = r;
	if (nf) {
		/* Progress may come before the start's answer: listen now. A key
		 * taken by another query of ours stays with it; the concentrator
		 * refuses this one with conflict. */
		char *key = iot_concentrator_query_key(peer, q->req->query_id);

		q->keyed = r != NULL && !iot_request_is_finished(r) && iot_request_set_key(r, key);
		g_free(key);
	}
	return q;
}

const char *
iot_concentrator_query_get_id(const IotConcentratorQuery *q)
{
	g_return_val_if_fail(q != NULL, NULL);
	return q->req->query_id;
}

const IotQueryResult *
iot_concentrator_query_result(const IotConcentratorQuery *q, const IotNodeRef *node)
{
	guint i;

	g_return_val_if_fail(q != NULL, NULL);
	for (i = 0; i < q->streams->len; i++) {
		const NodeStream *ns = g_ptr_array_index(q->streams, i);

		if (node == NULL || (g_strcmp0(ns->node.node_id, node->node_id) == 0 &&
		                     g_strcmp0(ns->node.source_id, node->source_id) == 0))
			return iot_query_stream_result(ns->stream);
	}
	return NULL;
}

void
iot_concentrator_query_abort(IotConcentratorQuery *q)
{
	g_return_if_fail(q != NULL);
	if (q->ended || q->aborting || q->req->query_id == NULL)
		return;
	q->aborting = TRUE;
	send_abort(q, TRUE);
}

void
iot_concentrator_query_cancel(IotConcentratorQuery *q)
{
	GError *error;

	g_return_if_fail(q != NULL);
	if (q->ended || q->main == NULL)
		return;
	if (q->req->query_id != NULL && !q->aborting)
		send_abort(q, FALSE);
	error = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled");
	iot_request_finish(q->main, error);
	g_error_free(error);
}
