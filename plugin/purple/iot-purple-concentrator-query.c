/* iot-purple-concentrator-query.c — node queries on the account's stream:
 * started after the resource and its capabilities are known, their progress
 * routed by query id (iot-purple-concentrator-call.c hands it over), ended
 * once. See iot-purple-concentrator.h. */
#include "iot-purple-concentrator-private.h"

#include "iot-error.h"
#include "iot-jid.h"

#include <debug.h>

typedef struct {
	int refs;
	guint handle;
	gboolean done;
	PurpleAccount *account;
	IotConcentratorRequest *req;
	guint prep;
	char *full_jid;
	IotConcentratorQuery *query; /* running; NULL before and after */
	gboolean abort_asked;        /* before it ran */
	GError *ending;              /* why we end it ourselves (offline, cancel) */
	const IotPurpleConcentratorQueryFuncs *funcs;
	gpointer user_data;
	GDestroyNotify destroy;
} Q;

static GHashTable *queries; /* handle → Q (one reference) */

static Q *
q_ref(Q *q)
{
	q->refs++;
	return q;
}

static void
q_unref(gpointer data)
{
	Q *q = data;

	if (--q->refs > 0)
		return;
	iot_concentrator_request_free(q->req);
	g_free(q->full_jid);
	g_clear_error(&q->ending);
	g_free(q);
}

/* The user's end, once. */
static void
deliver(Q *q, const GError *error, const IotConcentratorReply *refusal, const IotQueryResult *result)
{
	if (q->done)
		return;
	q->done = TRUE;
	if (q->prep != 0)
		iot_purple_concentrator_prepare_cancel(q->prep);
	q->prep = 0;
	if (error != NULL)
		purple_debug_info("xmpp-iot", "query %s of %s: %s\n", q->req->command,
		                  q->full_jid ? q->full_jid : "(unresolved)", error->message);
	q->funcs->on_end(q->handle, error, refusal, result, q->user_data);
	if (q->destroy != NULL)
		q->destroy(q->user_data);
	q->destroy = NULL;
	g_hash_table_remove(queries, GUINT_TO_POINTER(q->handle));
}

/* Ends @q with @error: through the running query (its result still
 * readable), or now. */
static void
end_with(Q *q, const GError *error)
{
	if (q->done)
		return;
	if (q->query != NULL) {
		g_clear_error(&q->ending);
		q->ending = g_error_copy(error);
		iot_concentrator_query_cancel(q->query);
		return;
	}
	deliver(q, error, NULL, NULL);
}

static void
event_cb(IotConcentratorQuery *query, const IotNodeRef *node, const IotQueryEvent *ev, const IotQueryResult *result,
         gpointer data)
{
	Q *q = data;

	if (!q->done && q->funcs->on_event != NULL)
		q->funcs->on_event(q->handle, node, ev, result, q->user_data);
}

static void
end_cb(IotConcentratorQuery *query, const GError *error, const IotConcentratorReply *refusal, gpointer data)
{
	Q *q = data;
	const IotQueryResult *result = iot_concentrator_query_result(query, NULL);

	q->query = NULL;
	deliver(q, q->ending != NULL ? q->ending : error, refusal, result);
}

static const IotConcentratorQueryFuncs core_funcs = { event_cb, end_cb };

static void
prepared_cb(IotPurpleSession *s, const char *full_jid, IotGeneration gen, IotConcentratorCaps caps,
            const GError *error, gpointer data)
{
	Q *q = data;
	GError *bad = NULL;

	q->prep = 0;
	if (q->done)
		return;
	if (error != NULL) {
		deliver(q, error, NULL, NULL);
		return;
	}
	q->full_jid = g_strdup(full_jid);
	/* NF: the client names the query; a fresh id when none was given. */
	if (iot_generation_is_short(gen) && (q->req->query_id == NULL || *q->req->query_id == '\0')) {
		g_free(q->req->query_id);
		q->req->query_id = iot_request_table_new_key(s->table);
	}
	if (!iot_concentrator_request_check(q->req, gen, &bad)) {
		deliver(q, bad, NULL, NULL);
		g_error_free(bad);
		return;
	}
	q->query = iot_concentrator_query_start(s->table, full_jid, gen, q->req, 4 * iot_purple_concentrator_timeout_ms(),
	                                        &core_funcs, q_ref(q), q_unref);
	if (q->abort_asked && q->query != NULL)
		iot_concentrator_query_abort(q->query);
}

guint
iot_purple_concentrator_query_start(PurpleAccount *account, const char *who, const IotConcentratorRequest *req,
                                    const IotPurpleConcentratorQueryFuncs *funcs, gpointer user_data,
                                    GDestroyNotify destroy)
{
	Q *q;
	guint handle;

	g_return_val_if_fail(account != NULL && who != NULL && req != NULL && funcs != NULL && funcs->on_end != NULL,
	                     0);
	g_return_val_if_fail(req->op == IOT_CONCENTRATOR_EXECUTE_NODE_QUERY ||
	                             req->op == IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY,
	                     0);
	if (queries == NULL)
		queries = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, q_unref);
	q = g_new0(Q, 1);
	q->refs = 1;
	q->handle = handle = iot_purple_concentrator_next_handle();
	q->account = account;
	q->req = iot_concentrator_request_copy(req);
	q->funcs = funcs;
	q->user_data = user_data;
	q->destroy = destroy;
	g_hash_table_insert(queries, GUINT_TO_POINTER(handle), q);
	q->prep = iot_purple_concentrator_prepare(account, who, req->op, prepared_cb, q_ref(q), q_unref);
	return handle;
}

void
iot_purple_concentrator_query_abort(guint handle)
{
	Q *q = queries ? g_hash_table_lookup(queries, GUINT_TO_POINTER(handle)) : NULL;

	if (q == NULL || q->done)
		return;
	if (q->query != NULL)
		iot_concentrator_query_abort(q->query);
	else
		q->abort_asked = TRUE;
}

gboolean
iot_purple_concentrator_query_cancel_handle(guint handle)
{
	Q *q = queries ? g_hash_table_lookup(queries, GUINT_TO_POINTER(handle)) : NULL;
	GError *e;

	if (q == NULL)
		return FALSE;
	e = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled");
	q_ref(q);
	end_with(q, e);
	q_unref(q);
	g_error_free(e);
	return TRUE;
}

static void
all_end(PurpleAccount *account, const char *full_jid, int code, const char *message)
{
	GList *all = queries ? g_hash_table_get_values(queries) : NULL, *l;
	GError *e = g_error_new_literal(IOT_ERROR, code, message);

	for (l = all; l != NULL; l = l->next)
		q_ref(l->data);
	for (l = all; l != NULL; l = l->next) {
		Q *q = l->data;

		if ((account == NULL || q->account == account) &&
		    (full_jid == NULL || (q->full_jid != NULL && iot_jid_equal(q->full_jid, full_jid))))
			end_with(q, e);
		q_unref(q);
	}
	g_list_free(all);
	g_error_free(e);
}

void
iot_purple_concentrator_queries_offline(PurpleAccount *account, const char *full_jid)
{
	char *msg = g_strdup_printf("%s went offline", full_jid);

	all_end(account, full_jid, IOT_ERROR_OFFLINE, msg);
	g_free(msg);
}

void
iot_purple_concentrator_queries_shutdown(void)
{
	all_end(NULL, NULL, IOT_ERROR_CANCELLED, "cancelled");
	g_clear_pointer(&queries, g_hash_table_destroy);
}
