/* iot-purple-concentrator-nodes.c — the data source and partition of the nodes
 * a person names. See iot-purple-concentrator-nodes.h. */
#include "iot-purple-concentrator-nodes.h"

#include "iot-concentrator-flow.h"
#include "iot-error.h"
#include "iot-purple-target.h"

#include <debug.h>
#include <eventloop.h>

typedef struct {
	int refs;
	gboolean done;
	IotPurpleSession *session; /* valid while the closer is registered */
	gpointer closer;
	guint timer;
	char *who;
	IotNodeRef *nodes;
	guint n_nodes;
	guint next;                /* nodes looked at so far */
	char *full_jid;            /* the concentrator, once resolved */
	IotGeneration gen;
	IotPurpleConcentratorNodesFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Op;

static Op *
op_ref(Op *op)
{
	op->refs++;
	return op;
}

static void
op_unref(gpointer data)
{
	Op *op = data;
	guint i;

	if (--op->refs > 0)
		return;
	if (op->destroy != NULL)
		op->destroy(op->user_data);
	for (i = 0; i < op->n_nodes; i++)
		iot_node_ref_clear(&op->nodes[i]);
	g_free(op->nodes);
	g_free(op->who);
	g_free(op->full_jid);
	g_free(op);
}

/* Calls back once and lets go of the session. */
static void
op_finish(Op *op, const GError *error)
{
	if (op->done)
		return;
	op->done = TRUE;
	if (op->timer != 0) {
		purple_timeout_remove(op->timer);
		op->timer = 0;
	}
	if (op->closer != NULL) {
		iot_purple_session_remove_closer(op->session, op->closer);
		op->closer = NULL;
	}
	op->session = NULL;
	if (error != NULL)
		op->cb(NULL, 0, NULL, error, op->user_data);
	else
		op->cb(op->nodes, op->n_nodes, op->full_jid, NULL, op->user_data);
	op_unref(op);
}

static void
closer_cb(gpointer data, int code)
{
	Op *op = data;
	GError *e = g_error_new_literal(IOT_ERROR, code, "session ended");

	op->closer = NULL; /* removed by the session already */
	op_finish(op, e);
	g_error_free(e);
}

/* The concentrator could not tell where its nodes live, but did not say
 * "no such node" either: send them as given, the thing answers for itself. */
static gboolean
cannot_tell(const GError *error)
{
	if (error->domain != IOT_ERROR)
		return FALSE;
	switch ((IotErrorCode)error->code) {
	case IOT_ERROR_NOT_IMPLEMENTED:
	case IOT_ERROR_REJECTED:
	case IOT_ERROR_BAD_REQUEST:
	case IOT_ERROR_MALFORMED:
	case IOT_ERROR_FAILED:
		return TRUE;
	default:
		return FALSE;
	}
}

static void next_node(Op *op);

static void
locate_cb(const IotConcentratorNode *node, const GPtrArray *sources, const GError *error, gpointer data)
{
	Op *op = data;
	IotNodeRef *ref;

	if (op->done)
		return;
	ref = &op->nodes[op->next];
	if (sources != NULL)
		iot_concentrator_cache_store_sources(op->session->concentrators, op->full_jid, sources);
	if (error != NULL) {
		purple_debug_info("xmpp-iot", "where node %s of %s lives: %s\n", ref->node_id, op->full_jid,
		                  error->message);
		if (!cannot_tell(error)) {
			op_finish(op, error);
			return;
		}
	} else {
		/* The id as the person gave it; the place as the concentrator says. */
		g_free(ref->source_id);
		ref->source_id = g_strdup(node->ref.source_id);
		g_free(ref->partition);
		ref->partition = g_strdup(node->ref.partition);
		if (ref->source_id != NULL)
			iot_concentrator_cache_store(op->session->concentrators, op->full_jid, ref);
		purple_debug_info("xmpp-iot", "node %s of %s is in source %s%s%s\n", ref->node_id, op->full_jid,
		                  ref->source_id ? ref->source_id : "(none)", ref->partition ? ", partition " : "",
		                  ref->partition ? ref->partition : "");
	}
	op->next++;
	next_node(op);
}

/* Completes the nodes from op->next on: from the cache, else by asking. */
static void
next_node(Op *op)
{
	for (; op->next < op->n_nodes; op->next++) {
		IotNodeRef *ref = &op->nodes[op->next];
		const IotNodeRef *known;

		if (ref->source_id != NULL)
			continue;
		known = iot_concentrator_cache_lookup(op->session->concentrators, op->full_jid, ref->node_id);
		if (known != NULL) {
			ref->source_id = g_strdup(known->source_id);
			g_free(ref->partition);
			ref->partition = g_strdup(known->partition);
			continue;
		}
		iot_concentrator_locate(op->session->table, op->full_jid, op->gen, ref->node_id,
		                        iot_concentrator_cache_sources(op->session->concentrators, op->full_jid),
		                        iot_purple_session_timeout_s() * 1000, locate_cb, op_ref(op), op_unref);
		return;
	}
	op_finish(op, NULL);
}

static void
target_cb(const char *full_jid, IotGeneration gen, const GError *error, gpointer data)
{
	Op *op = data;

	if (op->done)
		return;
	if (g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED)) {
		/* No concentrator: its nodes are its own business. */
		op_finish(op, NULL);
		return;
	}
	if (error != NULL) {
		op_finish(op, error);
		return;
	}
	op->full_jid = g_strdup(full_jid);
	op->gen = gen;
	next_node(op);
}

gboolean
iot_purple_concentrator_nodes_missing(const IotNodeRef *nodes, guint n_nodes)
{
	guint i;

	for (i = 0; i < n_nodes; i++)
		if (nodes[i].source_id == NULL)
			return TRUE;
	return FALSE;
}

static gboolean
start_cb(gpointer data)
{
	Op *op = data;

	op->timer = 0;
	if (!iot_purple_concentrator_nodes_missing(op->nodes, op->n_nodes)) {
		op_finish(op, NULL);
		return G_SOURCE_REMOVE;
	}
	iot_purple_target_resolve(op->session, op->who, IOT_FUNC_CONCENTRATOR, target_cb, op_ref(op), op_unref);
	return G_SOURCE_REMOVE;
}

void
iot_purple_concentrator_nodes_complete(IotPurpleSession *s, const char *who, const IotNodeRef *nodes,
                                       guint n_nodes, IotPurpleConcentratorNodesFunc cb,
                                       gpointer user_data, GDestroyNotify destroy)
{
	Op *op;
	guint i;

	g_return_if_fail(s != NULL && who != NULL && cb != NULL && (nodes != NULL || n_nodes == 0));
	op = g_new0(Op, 1);
	op->refs = 1; /* released by op_finish */
	op->session = s;
	op->who = g_strdup(who);
	op->nodes = g_new0(IotNodeRef, MAX(n_nodes, 1));
	op->n_nodes = n_nodes;
	for (i = 0; i < n_nodes; i++)
		iot_node_ref_copy(&op->nodes[i], &nodes[i]);
	op->cb = cb;
	op->user_data = user_data;
	op->destroy = destroy;
	op->closer = iot_purple_session_add_closer(s, closer_cb, op);
	/* From the main loop: the callback never runs inside this call. */
	op->timer = purple_timeout_add(0, start_cb, op);
}

void
iot_purple_concentrator_nodes_forget(IotPurpleSession *s, const char *concentrator,
                                     const IotNodeRef *nodes, guint n_nodes)
{
	guint i;

	g_return_if_fail(s != NULL);
	if (concentrator == NULL)
		return;
	for (i = 0; i < n_nodes; i++)
		if (nodes[i].node_id != NULL)
			iot_concentrator_cache_forget(s->concentrators, concentrator, nodes[i].node_id);
}
