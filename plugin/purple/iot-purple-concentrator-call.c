/* iot-purple-concentrator-call.c — one concentrator request on the account's
 * stream, after choosing the resource and checking its capabilities. See
 * iot-purple-concentrator.h. */
#include "iot-purple-concentrator-private.h"

#include "iot-concentrator-flow.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-alert.h"
#include "iot-purple-target.h"

#include <debug.h>
#include <eventloop.h>

static guint last_handle;

guint
iot_purple_concentrator_next_handle(void)
{
	if (++last_handle == 0)
		++last_handle;
	return last_handle;
}

guint
iot_purple_concentrator_timeout_ms(void)
{
	return iot_purple_session_timeout_s() * 1000;
}

/* --- preparing: resource, generation, capabilities ------------------------------------------ */

/* What a preparation and a call share: a reference count, a handle in a
 * table of the handles under way (which holds one reference), whose it is
 * and whom it waits for. */
typedef struct _Waiting Waiting;
struct _Waiting {
	int refs;
	guint handle;
	gboolean done;
	PurpleAccount *account;
	char *who;
	char *full_jid;                /* once resolved */
	void (*free_rest)(Waiting *w); /* (nullable) frees what the rest of the struct owns */
};

static gpointer
waiting_ref(gpointer data)
{
	((Waiting *)data)->refs++;
	return data;
}

static void
waiting_unref(gpointer data)
{
	Waiting *w = data;

	if (--w->refs > 0)
		return;
	if (w->free_rest != NULL)
		w->free_rest(w);
	g_free(w->who);
	g_free(w->full_jid);
	g_free(w);
}

/* A new one of @size bytes (a struct that starts with a Waiting), with a
 * new handle, in *@table (made when needed). */
static gpointer
waiting_new(gsize size, GHashTable **table, PurpleAccount *account, const char *who,
            void (*free_rest)(Waiting *w))
{
	Waiting *w = g_malloc0(size);

	if (*table == NULL)
		*table = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, waiting_unref);
	w->refs = 1;
	w->handle = iot_purple_concentrator_next_handle();
	w->account = account;
	w->who = g_strdup(who);
	w->free_rest = free_rest;
	g_hash_table_insert(*table, GUINT_TO_POINTER(w->handle), w);
	return w;
}

/* Ends with @fail those of @table that wait on @account (NULL: any) and
 * @full_jid (NULL: any). */
static void
waiting_fail_all(GHashTable *table, PurpleAccount *account, const char *full_jid,
                 void (*fail)(Waiting *w, int code, const char *message), int code,
                 const char *message)
{
	GList *all = table ? g_hash_table_get_values(table) : NULL, *l;

	for (l = all; l != NULL; l = l->next)
		waiting_ref(l->data);
	for (l = all; l != NULL; l = l->next) {
		Waiting *w = l->data;

		if ((account == NULL || w->account == account) &&
		    (full_jid == NULL || (w->full_jid != NULL && iot_jid_equal(w->full_jid, full_jid))))
			fail(w, code, message);
		waiting_unref(w);
	}
	g_list_free(all);
}

typedef struct {
	Waiting w;
	IotConcentratorOp op;
	IotPurpleSession *session; /* valid while the closer is registered */
	gpointer closer;
	guint timer;
	IotGeneration gen;
	guint caps_request;        /* getCapabilities under way */
	IotPurpleConcentratorPrepareFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Prep;

static GHashTable *preps; /* handle → Prep (one reference) */


static void
prep_finish(Prep *p, IotConcentratorCaps caps, const GError *error)
{
	IotPurpleSession *s = iot_purple_session_get(p->w.account);

	if (p->w.done)
		return;
	p->w.done = TRUE;
	if (p->timer != 0)
		purple_timeout_remove(p->timer);
	p->timer = 0;
	if (p->closer != NULL)
		iot_purple_session_remove_closer(p->session, p->closer);
	p->closer = NULL;
	p->session = NULL;
	if (p->caps_request != 0 && s != NULL)
		iot_request_table_cancel(s->table, p->caps_request);
	p->caps_request = 0;
	p->cb(error == NULL ? s : NULL, error == NULL ? p->w.full_jid : NULL, p->gen, caps, error, p->user_data);
	if (p->destroy != NULL)
		p->destroy(p->user_data);
	p->destroy = NULL;
	g_hash_table_remove(preps, GUINT_TO_POINTER(p->w.handle));
}

static void
prep_fail(Waiting *w, int code, const char *message)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, message);

	prep_finish((Prep *)w, 0, e);
	g_error_free(e);
}

static void
prep_closer(gpointer data, int code)
{
	Prep *p = data;

	p->closer = NULL; /* removed by the session */
	prep_fail(&p->w, code, code == IOT_ERROR_DISCONNECTED ? "disconnected" : "cancelled");
}

/* The capabilities are known: does the concentrator offer the op? */
static void
gate(Prep *p, IotConcentratorCaps caps)
{
	if (p->op < IOT_CONCENTRATOR_OP_COUNT && !iot_concentrator_caps_allow(caps, p->op)) {
		char *msg = g_strdup_printf("%s does not offer %s", p->w.full_jid, iot_concentrator_op_name(p->op));

		purple_debug_info("xmpp-iot", "%s\n", msg);
		prep_fail(&p->w, IOT_ERROR_NOT_IMPLEMENTED, msg);
		g_free(msg);
		return;
	}
	prep_finish(p, caps, NULL);
}

static void
caps_cb(const IotConcentratorReply *reply, const GError *error, gpointer data)
{
	Prep *p = data;
	IotPurpleSession *s;
	IotConcentratorCaps caps;

	p->caps_request = 0;
	if (p->w.done)
		return;
	if (error != NULL && !g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED)) {
		prep_finish(p, 0, error);
		return;
	}
	/* One that does not say what it offers is taken to offer everything:
	 * each request then gets its own answer. */
	caps = error == NULL ? reply->caps : ~(IotConcentratorCaps)0;
	if ((s = iot_purple_session_get(p->w.account)) != NULL)
		iot_concentrator_cache_store_caps(s->concentrators, p->w.full_jid, caps);
	gate(p, caps);
}

static void
target_cb(const char *full_jid, IotGeneration gen, const GError *error, gpointer data)
{
	Prep *p = data;
	IotPurpleSession *s;
	IotConcentratorCaps caps;
	IotConcentratorRequest *req;

	if (p->w.done)
		return;
	if (error != NULL) {
		prep_finish(p, 0, error);
		return;
	}
	p->w.full_jid = g_strdup(full_jid);
	p->gen = gen;
	s = iot_purple_session_get(p->w.account);
	if (iot_concentrator_cache_caps(s->concentrators, full_jid, &caps)) {
		gate(p, caps);
		return;
	}
	req = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_CAPABILITIES);
	p->caps_request = iot_concentrator_call(s->table, full_jid, gen, req, iot_purple_concentrator_timeout_ms(),
	                                        caps_cb, waiting_ref(p), waiting_unref);
	iot_concentrator_request_free(req);
}

static gboolean
prep_start(gpointer data)
{
	Prep *p = data;

	p->timer = 0;
	iot_purple_target_resolve(p->session, p->w.who, IOT_FUNC_CONCENTRATOR, target_cb, waiting_ref(p), waiting_unref);
	return G_SOURCE_REMOVE;
}

static gboolean
prep_no_session(gpointer data)
{
	Prep *p = data;

	p->timer = 0;
	prep_fail(&p->w, IOT_ERROR_DISCONNECTED, "not connected");
	return G_SOURCE_REMOVE;
}

guint
iot_purple_concentrator_prepare(PurpleAccount *account, const char *who, IotConcentratorOp op,
                                IotPurpleConcentratorPrepareFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurpleSession *s = iot_purple_session_get(account);
	Prep *p;

	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL, 0);
	p = waiting_new(sizeof(Prep), &preps, account, who, NULL);
	p->op = op;
	p->cb = cb;
	p->user_data = user_data;
	p->destroy = destroy;
	/* From the main loop: the callback never runs inside this call. */
	if (s == NULL) {
		p->timer = purple_timeout_add(0, prep_no_session, p);
		return p->w.handle;
	}
	p->session = s;
	p->closer = iot_purple_session_add_closer(s, prep_closer, p);
	p->timer = purple_timeout_add(0, prep_start, p);
	return p->w.handle;
}

void
iot_purple_concentrator_prepare_cancel(guint handle)
{
	Prep *p = preps ? g_hash_table_lookup(preps, GUINT_TO_POINTER(handle)) : NULL;

	if (p != NULL)
		prep_fail(&p->w, IOT_ERROR_CANCELLED, "cancelled");
}

/* --- one request -------------------------------------------------------------------------- */

typedef struct {
	Waiting w;
	IotConcentratorRequest *req;
	gboolean sort_commands;
	gboolean sources_fallback;  /* root sources, or all where only those are offered */
	guint prep;                 /* preparing */
	guint request;              /* the request under way in the table */
	IotPurpleConcentratorReplyFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Call;

static GHashTable *calls; /* handle → Call (one reference) */

static void
call_free_rest(Waiting *w)
{
	iot_concentrator_request_free(((Call *)w)->req);
}

static void
call_finish(Call *c, const IotConcentratorReply *reply, const GError *error)
{
	IotPurpleSession *s = iot_purple_session_get(c->w.account);

	if (c->w.done)
		return;
	c->w.done = TRUE;
	if (c->prep != 0)
		iot_purple_concentrator_prepare_cancel(c->prep);
	c->prep = 0;
	if (c->request != 0 && s != NULL)
		iot_request_table_cancel(s->table, c->request);
	c->request = 0;
	if (error != NULL)
		purple_debug_info("xmpp-iot", "%s of %s: %s\n", iot_concentrator_op_name(c->req->op),
		                  c->w.full_jid ? c->w.full_jid : c->w.who, error->message);
	c->cb(c->w.account, c->w.full_jid, reply, error, c->user_data);
	if (c->destroy != NULL)
		c->destroy(c->user_data);
	c->destroy = NULL;
	g_hash_table_remove(calls, GUINT_TO_POINTER(c->w.handle));
}

static void
call_fail(Waiting *w, int code, const char *message)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, message);

	call_finish((Call *)w, NULL, e);
	g_error_free(e);
}

static void
reply_cb(const IotConcentratorReply *reply, const GError *error, gpointer data)
{
	Call *c = data;

	c->request = 0;
	if (c->w.done)
		return;
	if (reply != NULL && reply->commands != NULL && c->sort_commands)
		iot_concentrator_commands_sort(reply->commands); /* the flow's own copy */
	if (reply != NULL && reply->nodes != NULL) {
		/* Whoever asked, the nodes' states are news for the alerts. */
		guint i;

		for (i = 0; i < reply->nodes->len; i++)
			iot_purple_alert_concentrator_node(c->w.account, c->w.full_jid ? c->w.full_jid : c->w.who,
			                                   g_ptr_array_index(reply->nodes, i));
	}
	call_finish(c, reply, error);
}

static void
prepared_cb(IotPurpleSession *s, const char *full_jid, IotGeneration gen, IotConcentratorCaps caps,
            const GError *error, gpointer data)
{
	Call *c = data;
	GError *bad = NULL;

	c->prep = 0;
	if (c->w.done)
		return;
	if (error != NULL) {
		call_finish(c, NULL, error);
		return;
	}
	c->w.full_jid = g_strdup(full_jid);
	if (c->sources_fallback && !iot_concentrator_caps_allow(caps, IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES) &&
	    iot_concentrator_caps_allow(caps, IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES))
		c->req->op = IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES;
	if (!iot_concentrator_caps_allow(caps, c->req->op)) {
		bad = g_error_new(IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED, "%s does not offer %s", full_jid,
		                  iot_concentrator_op_name(c->req->op));
	} else if (c->req->op == IOT_CONCENTRATOR_GET_CAPABILITIES) {
		/* Known now (asked or remembered): no second question. */
		IotConcentratorReply reply = { 0 };

		reply.op = IOT_CONCENTRATOR_GET_CAPABILITIES;
		reply.caps = caps;
		call_finish(c, &reply, NULL);
		return;
	} else if (iot_concentrator_request_check(c->req, gen, &bad)) {
		c->request = iot_concentrator_call(s->table, full_jid, gen, c->req, iot_purple_concentrator_timeout_ms(),
		                                   reply_cb, waiting_ref(c), waiting_unref);
		return;
	}
	call_finish(c, NULL, bad);
	g_error_free(bad);
}

static guint
start_call(PurpleAccount *account, const char *who, IotConcentratorRequest *req, IotPurpleConcentratorReplyFunc cb,
           gpointer user_data, GDestroyNotify destroy, gboolean sort_commands, gboolean sources_fallback)
{
	Call *c;
	guint handle;

	c = waiting_new(sizeof(Call), &calls, account, who, call_free_rest);
	handle = c->w.handle;
	c->req = req;
	c->sort_commands = sort_commands;
	c->sources_fallback = sources_fallback;
	c->cb = cb;
	c->user_data = user_data;
	c->destroy = destroy;
	/* The gate is applied here, after the fallback: any op passes the prepare. */
	c->prep = iot_purple_concentrator_prepare(account, who, IOT_CONCENTRATOR_OP_COUNT, prepared_cb, waiting_ref(c),
	                                          waiting_unref);
	return handle;
}

guint
iot_purple_concentrator_call(PurpleAccount *account, const char *who, const IotConcentratorRequest *req,
                             IotPurpleConcentratorReplyFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	g_return_val_if_fail(account != NULL && who != NULL && req != NULL && cb != NULL, 0);
	return start_call(account, who, iot_concentrator_request_copy(req), cb, user_data, destroy,
	                  req->op == IOT_CONCENTRATOR_GET_NODE_COMMANDS ||
	                          req->op == IOT_CONCENTRATOR_GET_COMMON_NODE_COMMANDS,
	                  FALSE);
}

void
iot_purple_concentrator_cancel(guint handle)
{
	Call *c = calls ? g_hash_table_lookup(calls, GUINT_TO_POINTER(handle)) : NULL;

	if (c == NULL) {
		iot_purple_concentrator_query_cancel_handle(handle);
		return;
	}
	call_fail(&c->w, IOT_ERROR_CANCELLED, "cancelled");
}

/* --- the browse requests ------------------------------------------------------------------- */

static IotConcentratorRequest *
on_nodes(IotConcentratorOp op, const IotNodeRef *nodes, guint n_nodes)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(op);
	guint i;

	for (i = 0; i < n_nodes; i++)
		if (nodes[i].node_id != NULL)
			iot_concentrator_request_add_node(r, &nodes[i]);
	return r;
}

guint
iot_purple_concentrator_capabilities(PurpleAccount *account, const char *who, IotPurpleConcentratorReplyFunc cb,
                                     gpointer user_data, GDestroyNotify destroy)
{
	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL, 0);
	return start_call(account, who, iot_concentrator_request_new(IOT_CONCENTRATOR_GET_CAPABILITIES), cb,
	                  user_data, destroy, FALSE, FALSE);
}

guint
iot_purple_concentrator_browse_sources(PurpleAccount *account, const char *who, const char *parent_source,
                                       IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                       GDestroyNotify destroy)
{
	IotConcentratorRequest *r;

	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL, 0);
	r = iot_concentrator_request_new(parent_source ? IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES
	                                               : IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES);
	r->source_id = g_strdup(parent_source);
	return start_call(account, who, r, cb, user_data, destroy, FALSE, parent_source == NULL);
}

guint
iot_purple_concentrator_browse_nodes(PurpleAccount *account, const char *who, const char *source_id,
                                     const IotNodeRef *parent, gboolean details, IotPurpleConcentratorReplyFunc cb,
                                     gpointer user_data, GDestroyNotify destroy)
{
	IotConcentratorRequest *r;

	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL, 0);
	if (parent != NULL) {
		r = on_nodes(IOT_CONCENTRATOR_GET_CHILD_NODES, parent, 1);
	} else {
		r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_ROOT_NODES);
		r->source_id = g_strdup(source_id);
	}
	r->parameters = r->messages = details;
	return start_call(account, who, r, cb, user_data, destroy, FALSE, FALSE);
}

guint
iot_purple_concentrator_get_node(PurpleAccount *account, const char *who, const IotNodeRef *node,
                                 IotPurpleConcentratorReplyFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotConcentratorRequest *r;

	g_return_val_if_fail(account != NULL && who != NULL && node != NULL && cb != NULL, 0);
	r = on_nodes(IOT_CONCENTRATOR_GET_NODE, node, 1);
	r->parameters = r->messages = TRUE;
	return start_call(account, who, r, cb, user_data, destroy, FALSE, FALSE);
}

guint
iot_purple_concentrator_commands(PurpleAccount *account, const char *who, const IotNodeRef *nodes, guint n_nodes,
                                 IotPurpleConcentratorReplyFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL && (nodes != NULL || n_nodes == 0), 0);
	return start_call(account, who,
	                  on_nodes(n_nodes > 1 ? IOT_CONCENTRATOR_GET_COMMON_NODE_COMMANDS
	                                       : IOT_CONCENTRATOR_GET_NODE_COMMANDS,
	                           nodes, n_nodes),
	                  cb, user_data, destroy, TRUE, FALSE);
}

guint
iot_purple_concentrator_run_command(PurpleAccount *account, const char *who, const IotNodeRef *nodes,
                                    guint n_nodes, const char *command, const xmlNode *form,
                                    IotPurpleConcentratorReplyFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotConcentratorRequest *r;

	g_return_val_if_fail(account != NULL && who != NULL && cb != NULL && (nodes != NULL || n_nodes == 0), 0);
	r = on_nodes(n_nodes > 1 ? IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND : IOT_CONCENTRATOR_EXECUTE_NODE_COMMAND,
	             nodes, n_nodes);
	r->command = g_strdup(command);
	iot_concentrator_request_set_form(r, form);
	return start_call(account, who, r, cb, user_data, destroy, FALSE, FALSE);
}

/* --- hooks ----------------------------------------------------------------------------------- */

gboolean
iot_purple_concentrator_handle_message(PurpleAccount *account, const char *from, const xmlNode *message)
{
	IotPurpleSession *s = iot_purple_session_get(account);
	const xmlNode *c;
	gboolean ours = FALSE;
	guint dropped = 0;

	for (c = message != NULL ? message->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (iot_concentrator_is_query_progress(c)) {
			ours = TRUE;
			if (s == NULL || !iot_concentrator_query_handle(s->table, from, c))
				dropped++;
		} else if (iot_concentrator_is_event(c)) {
			ours = TRUE;
			if (!iot_purple_concentrator_events_handle(account, from, c))
				dropped++;
		}
	}
	if (dropped > 0)
		purple_debug_info("xmpp-iot", "ignored %u concentrator element(s) from %s: nobody waits for them\n",
		                  dropped, from ? from : "(none)");
	return ours;
}

void
iot_purple_concentrator_presence(PurpleAccount *account, const char *full_jid, gboolean available)
{
	if (!available) {
		char *msg = g_strdup_printf("%s went offline", full_jid);

		waiting_fail_all(preps, account, full_jid, prep_fail, IOT_ERROR_OFFLINE, msg);
		waiting_fail_all(calls, account, full_jid, call_fail, IOT_ERROR_OFFLINE, msg);
		iot_purple_concentrator_queries_offline(account, full_jid);
		g_free(msg);
	}
	iot_purple_concentrator_events_presence(account, full_jid, available);
}

void
iot_purple_concentrator_session_changed(PurpleAccount *account, gboolean online)
{
	iot_purple_concentrator_events_session_changed(account, online);
}

void
iot_purple_concentrator_shutdown(void)
{
	iot_purple_concentrator_events_shutdown();
	iot_purple_concentrator_queries_shutdown();
	waiting_fail_all(calls, NULL, NULL, call_fail, IOT_ERROR_CANCELLED, "cancelled");
	waiting_fail_all(preps, NULL, NULL, prep_fail, IOT_ERROR_CANCELLED, "cancelled");
	g_clear_pointer(&calls, g_hash_table_destroy);
	g_clear_pointer(&preps, g_hash_table_destroy);
}
