/* iot-purple-reader.c — resolve, read, record. See iot-purple-reader.h. */
#include "iot-purple-reader.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-concentrator-nodes.h"
#include "iot-purple-history.h"
#include "iot-purple-session.h"
#include "iot-purple-target.h"

#include <debug.h>
#include <eventloop.h>

typedef struct {
	guint handle;
	PurpleAccount *account;
	char *who;
	IotSdRequest request;
	char *full_jid;      /* the resource read, once resolved */
	IotGeneration gen;
	char *concentrator;  /* where the nodes' sources were learnt (nullable) */
	guint table_handle;  /* the readout's request, once started */
	guint idle;          /* deferred failure when there is no session */
	gboolean silenced;   /* cancelled: the callback must not run */
	gboolean finished;
	gint64 started_us;
	IotPurpleReaderFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
	int refs;
} Op;

static GHashTable *ops; /* handle → Op (one reference) */
static guint next_handle;

static void
op_unref(Op *op)
{
	if (--op->refs > 0)
		return;
	if (op->destroy)
		op->destroy(op->user_data);
	g_free(op->who);
	g_free(op->full_jid);
	g_free(op->concentrator);
	iot_sd_request_clear(&op->request);
	g_free(op);
}

/* Runs the callback once and forgets the op. */
static void
op_finish(Op *op, const char *full, IotReadout *readout, const GError *error)
{
	if (op->finished)
		return;
	op->finished = TRUE;
	if (op->idle) {
		purple_timeout_remove(op->idle);
		op->idle = 0;
	}
	if (!op->silenced)
		op->cb(op->account, op->who, full, readout, error, op->user_data);
	if (ops != NULL) /* NULL while iot_purple_reader_shutdown() empties it */
		g_hash_table_remove(ops, GUINT_TO_POINTER(op->handle));
}

/* Returns: (transfer none) (nullable): the account's session, or NULL when
 * it is gone, the op then finished as disconnected. */
static IotPurpleSession *
op_session(Op *op)
{
	IotPurpleSession *s = iot_purple_session_get(op->account);

	if (s == NULL) {
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, "disconnected");
		op_finish(op, NULL, NULL, e);
		g_error_free(e);
	}
	return s;
}

/* Returns: (transfer none) (nullable): the session to go on in after a step
 * that ended with @error; NULL when the op is over (finished before, or now:
 * with @error, silenced, or disconnected). */
static IotPurpleSession *
op_resume(Op *op, const GError *error)
{
	if (op->finished)
		return NULL;
	if (error != NULL || op->silenced) {
		op_finish(op, NULL, NULL, error);
		return NULL;
	}
	return op_session(op);
}

static void
readout_cb(IotReadout *readout, const GError *error, gpointer data)
{
	Op *op = data;
	char *bare = iot_jid_bare(op->who);
	IotPurpleSession *s;

	purple_debug_info("xmpp-iot", "readout of %s ended after %.3f s: %s (%u fields)\n", bare,
	                  (g_get_monotonic_time() - op->started_us) / 1e6, error ? error->message : "ok",
	                  readout ? readout->fields->len : 0);
	if (error == NULL && readout != NULL) {
		iot_purple_history_add(op->account, op->who, readout);
		/* Its types serve /control next time without asking again. */
		if ((s = iot_purple_session_get(op->account)) != NULL)
			iot_purple_known_add_readout(s->known, op->full_jid, readout);
	}
	/* A node not (or no longer) where we thought: learn it again next time. */
	if (g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_FOUND) &&
	    (s = iot_purple_session_get(op->account)) != NULL)
		iot_purple_concentrator_nodes_forget(s, op->concentrator, op->request.nodes, op->request.n_nodes);
	op->table_handle = 0;
	op_finish(op, op->full_jid, readout, error);
	g_free(bare);
}

static void
start_readout(Op *op, IotPurpleSession *s)
{
	purple_debug_info("xmpp-iot", "reading %s as %s\n", op->full_jid, iot_generation_name(op->gen));
	op->refs++; /* held by the readout until readout_cb */
	op->table_handle = iot_readout_start(s->table, op->full_jid, op->gen, &op->request,
	                                     iot_purple_session_timeout_s() * 1000, readout_cb, op,
	                                     (GDestroyNotify)op_unref);
}

/* Reads, once the nodes are where the concentrator keeps them. */
static void
nodes_cb(const IotNodeRef *nodes, guint n_nodes, const char *concentrator, const GError *error,
         gpointer data)
{
	Op *op = data;
	IotPurpleSession *s;
	guint i;

	if ((s = op_resume(op, error)) == NULL)
		return;
	for (i = 0; i < n_nodes && i < op->request.n_nodes; i++)
		iot_node_ref_copy(&op->request.nodes[i], &nodes[i]);
	op->concentrator = g_strdup(concentrator);
	start_readout(op, s);
}

static void
target_cb(const char *full_jid, IotGeneration gen, const GError *error, gpointer data)
{
	Op *op = data;
	IotPurpleSession *s;

	if ((s = op_resume(op, error)) == NULL)
		return;
	g_free(op->full_jid);
	op->full_jid = g_strdup(full_jid);
	op->gen = gen;
	if (!iot_purple_concentrator_nodes_missing(op->request.nodes, op->request.n_nodes)) {
		start_readout(op, s);
		return;
	}
	op->refs++; /* held until nodes_cb */
	iot_purple_concentrator_nodes_complete(s, op->who, op->request.nodes, op->request.n_nodes, nodes_cb,
	                                       op, (GDestroyNotify)op_unref);
}

static void
resolve_done(gpointer data)
{
	op_unref(data);
}

/* Starts from the main loop, so that the callback never runs inside
 * iot_purple_reader_start() (a cached disco answer can decide at once). */
static gboolean
start_cb(gpointer data)
{
	Op *op = data;
	IotPurpleSession *s;

	op->idle = 0;
	if ((s = op_session(op)) == NULL)
		return FALSE;
	op->refs++; /* held by the resolution until resolve_done */
	iot_purple_target_resolve(s, op->who, IOT_FUNC_SENSORDATA, target_cb, op, resolve_done);
	return FALSE;
}

guint
iot_purple_reader_start(PurpleAccount *account, const char *who, const IotSdRequest *request,
                        IotPurpleReaderFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Op *op;

	g_return_val_if_fail(account != NULL && who != NULL && request != NULL && cb != NULL, 0);
	if (ops == NULL)
		ops = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)op_unref);
	op = g_new0(Op, 1);
	op->refs = 1;
	op->handle = ++next_handle ? next_handle : ++next_handle;
	op->account = account;
	op->who = g_strdup(who);
	iot_sd_request_copy(&op->request, request);
	op->started_us = g_get_monotonic_time();
	op->cb = cb;
	op->user_data = user_data;
	op->destroy = destroy;
	g_hash_table_insert(ops, GUINT_TO_POINTER(op->handle), op);
	op->idle = purple_timeout_add(0, start_cb, op);
	return op->handle;
}

void
iot_purple_reader_cancel(guint handle)
{
	Op *op = ops ? g_hash_table_lookup(ops, GUINT_TO_POINTER(handle)) : NULL;
	IotPurpleSession *s;

	if (op == NULL)
		return;
	op->silenced = TRUE;
	if (op->table_handle != 0 && (s = iot_purple_session_get(op->account)) != NULL) {
		/* Ends the readout (and tells the thing) through readout_cb. */
		iot_request_table_cancel(s->table, op->table_handle);
		return;
	}
	op_finish(op, NULL, NULL, NULL);
}

void
iot_purple_reader_shutdown(int code)
{
	GList *list, *l;
	GError *e;

	if (ops == NULL)
		return;
	e = g_error_new_literal(IOT_ERROR, code, "shutdown");
	list = g_hash_table_get_values(ops);
	for (l = list; l != NULL; l = l->next)
		((Op *)l->data)->refs++;
	for (l = list; l != NULL; l = l->next) {
		Op *op = l->data;
		op_finish(op, NULL, NULL, e); /* does nothing for finished ones */
		op_unref(op);
	}
	g_list_free(list);
	g_error_free(e);
	{
		GHashTable *t = ops;
		ops = NULL;
		g_hash_table_destroy(t);
	}
}
