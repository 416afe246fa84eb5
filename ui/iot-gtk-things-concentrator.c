/* iot-gtk-things-concentrator.c — concentrator browse windows over the adapter.
 * See iot-gtk-things-concentrator.h. */
#include "iot-gtk-things-concentrator.h"
#include "iot-gtk-things-concentrator-private.h"

#include "iot-error.h"
#include "iot-gtk-concentrator.h"
#include "iot-gtk-things-control.h"
#include "iot-gtk-things.h"
#include "iot-jid.h"
#include "iot-purple-concentrator.h"

#include <blist.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* Nodes come without their parameters and messages (1,000 nodes with them
 * outgrow a server's stanza limit: Prosody's is 256 KiB); these are asked
 * for afterwards, this many nodes a request, and update the rows in place. */
#define DETAILS_CHUNK 100

static GList *browses;

/* --- helpers ---------------------------------------------------------------------------- */

static Browse *
find(PurpleAccount *account, const char *who)
{
	GList *l;

	for (l = browses; l != NULL; l = l->next) {
		Browse *b = l->data;
		if (b->account == account && iot_jid_same_bare(b->who, who))
			return b;
	}
	return NULL;
}

static void
ref_clear(gpointer p)
{
	iot_node_ref_clear(p);
}

Pending *
iot_gtk_tc_pending_new(Browse *b, IotGtkConcRequest *req, const GPtrArray *nodes, const IotNodeRef *one)
{
	Pending *p = g_new0(Pending, 1);
	guint i;

	p->b = b;
	p->req = req;
	p->refs = g_array_new(FALSE, TRUE, sizeof(IotNodeRef));
	g_array_set_clear_func(p->refs, ref_clear);
	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		IotNodeRef r = { 0 };
		iot_node_ref_copy(&r, g_ptr_array_index(nodes, i));
		g_array_append_val(p->refs, r);
	}
	if (one != NULL) {
		IotNodeRef r = { 0 };
		iot_node_ref_copy(&r, one);
		g_array_append_val(p->refs, r);
	}
	b->pending = g_list_prepend(b->pending, p);
	return p;
}

/* Ends @p: unlinks and frees it (its request was answered). */
void
iot_gtk_tc_pending_end(Pending *p)
{
	if (p->b != NULL)
		p->b->pending = g_list_remove(p->b->pending, p);
	g_array_unref(p->refs);
	g_free(p->source_id);
	g_free(p->command);
	g_free(p->node_type);
	if (p->sources != NULL)
		g_ptr_array_unref(p->sources);
	if (p->node != NULL)
		iot_concentrator_node_free(p->node);
	g_free(p);
}

void
iot_gtk_tc_pending_fail(Pending *p, const GError *error)
{
	if (p->req != NULL)
		iot_gtk_conc_request_fail(p->req, error);
	iot_gtk_tc_pending_end(p);
}

/* The start of every answer to @p: TRUE when it goes on with @reply;
 * FALSE when it ended here (stopped, or @error answered: as the fields'
 * errors of @reply when @form_errors and it holds them, else as a failure). */
gboolean
iot_gtk_tc_answer_ok(Pending *p, const IotConcentratorReply *reply, const GError *error,
                     gboolean form_errors)
{
	p->handle = 0;
	if (iot_gtk_tc_pending_stopped(p, error))
		return FALSE;
	if (error == NULL)
		return TRUE;
	if (!form_errors || !iot_gtk_tc_answer_form_errors(p, reply, error))
		iot_gtk_tc_pending_fail(p, error);
	return FALSE;
}

/* Fails @p with an error of IOT_ERROR @code and @message. */
void
iot_gtk_tc_pending_fail_with(Pending *p, int code, const char *message)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, message);

	iot_gtk_tc_pending_fail(p, e);
	g_error_free(e);
}

/* TRUE when @p must stop here (cancelled or its window gone): answered and freed. */
gboolean
iot_gtk_tc_pending_stopped(Pending *p, const GError *error)
{
	GError *cancelled;

	if (!p->cancelled && p->b != NULL)
		return FALSE;
	if (error != NULL) {
		iot_gtk_tc_pending_fail(p, error);
		return TRUE;
	}
	cancelled = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled");
	iot_gtk_tc_pending_fail(p, cancelled);
	g_error_free(cancelled);
	return TRUE;
}

IotConcentratorRequest *
iot_gtk_tc_request_for(IotConcentratorOp op, Pending *p)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(op);
	guint i;

	for (i = 0; i < p->refs->len; i++)
		iot_concentrator_request_add_node(r, &g_array_index(p->refs, IotNodeRef, i));
	return r;
}

IotConcentratorRequest *
iot_gtk_tc_request_one_or_common(Pending *p, IotConcentratorOp one, IotConcentratorOp common)
{
	return iot_gtk_tc_request_for(p->refs->len == 1 ? one : common, p);
}

IotGtkConcNodeInfo *
iot_gtk_tc_info_from_node(const IotConcentratorNode *n)
{
	IotGtkConcNodeInfo *info = iot_gtk_conc_node_info_new(iot_concentrator_node_copy(n));
	guint i;

	if (n->parameters != NULL) {
		/* Sent, even when empty. */
		iot_gtk_conc_node_info_add_parameter(info, "", NULL, "");
		g_ptr_array_set_size(info->parameters, 0);
		for (i = 0; i < n->parameters->len; i++) {
			const IotNodeParameter *np = g_ptr_array_index(n->parameters, i);
			iot_gtk_conc_node_info_add_parameter(info, np->id, np->name, np->value);
		}
	}
	if (n->messages != NULL) {
		iot_gtk_conc_node_info_add_message(info, IOT_TIME_UNKNOWN, IOT_GTK_CONC_MESSAGE_INFORMATION,
		                                   NULL, "");
		g_ptr_array_set_size(info->messages, 0);
		for (i = 0; i < n->messages->len; i++) {
			const IotNodeMessage *m = g_ptr_array_index(n->messages, i);
			IotGtkConcMessageType t = m->type == IOT_NODE_MESSAGE_ERROR     ? IOT_GTK_CONC_MESSAGE_ERROR
			                          : m->type == IOT_NODE_MESSAGE_WARNING ? IOT_GTK_CONC_MESSAGE_WARNING
			                                                                : IOT_GTK_CONC_MESSAGE_INFORMATION;
			iot_gtk_conc_node_info_add_message(info, m->timestamp, t, m->event_id, m->text);
		}
	}
	return info;
}

GPtrArray *
iot_gtk_tc_infos_from_nodes(const GPtrArray *nodes)
{
	GPtrArray *infos = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_info_free);
	guint i;

	for (i = 0; nodes != NULL && i < nodes->len; i++)
		g_ptr_array_add(infos, iot_gtk_tc_info_from_node(g_ptr_array_index(nodes, i)));
	return infos;
}

/* Answers a refused form with its errors; FALSE when @reply holds none. */
gboolean
iot_gtk_tc_answer_form_errors(Pending *p, const IotConcentratorReply *reply, const GError *error)
{
	GPtrArray *errors;
	guint i;

	IotGtkConcRequestKind kind;

	if (reply == NULL || reply->form_errors == NULL || p->req == NULL)
		return FALSE;
	/* Only these take form errors; a duplicate's refusal is a failure. */
	kind = iot_gtk_conc_request_get_kind(p->req);
	if (kind != IOT_GTK_CONC_REQ_RUN_COMMAND && kind != IOT_GTK_CONC_REQ_RUN_QUERY &&
	    kind != IOT_GTK_CONC_REQ_SET_PARAMETERS && kind != IOT_GTK_CONC_REQ_CREATE_NODE)
		return FALSE;
	errors = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < reply->form_errors->len; i++) {
		const IotConcentratorFormError *e = g_ptr_array_index(reply->form_errors, i);
		IotControlParamError *pe;

		if (e->var == NULL)
			continue;
		pe = g_new0(IotControlParamError, 1);
		pe->name = e->var;
		pe->text = e->text;
		g_ptr_array_add(errors, pe);
	}
	iot_gtk_conc_request_answer_form_errors(p->req, errors, error != NULL ? error->message : NULL);
	g_ptr_array_unref(errors);
	iot_gtk_tc_pending_end(p);
	return TRUE;
}

/* Every field's values as a submit form (a new node and a command's
 * parameters are sent whole; edits of a node send only what changed). */
xmlNode *
iot_gtk_tc_submit_whole(const IotDataForm *form)
{
	xmlNode *x = xmlNewNode(NULL, BAD_CAST "x");
	guint i, j;

	xmlSetProp(x, BAD_CAST "xmlns", BAD_CAST "jabber:x:data");
	xmlSetProp(x, BAD_CAST "type", BAD_CAST "submit");
	for (i = 0; form != NULL && i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);
		xmlNode *field;

		if (f->var == NULL || f->type == IOT_FORM_FIELD_FIXED)
			continue;
		field = xmlNewChild(x, NULL, BAD_CAST "field", NULL);
		xmlSetProp(field, BAD_CAST "var", BAD_CAST f->var);
		xmlSetProp(field, BAD_CAST "type", BAD_CAST iot_form_field_type_name(f->type));
		for (j = 0; j < f->values->len; j++)
			xmlNewTextChild(field, NULL, BAD_CAST "value", BAD_CAST g_ptr_array_index(f->values, j));
	}
	return x;
}

guint
iot_gtk_tc_call(Pending *p, IotConcentratorRequest *r, IotPurpleConcentratorReplyFunc cb)
{
	p->handle = iot_purple_concentrator_call(p->b->account, p->b->who, r, cb, p, NULL);
	iot_concentrator_request_free(r);
	return p->handle;
}

static void caps_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply,
                        const GError *error, gpointer data);

Pending *
iot_gtk_tc_pending_of(Browse *b, IotGtkConcRequest *req)
{
	GList *l;

	for (l = b->pending; l != NULL && req != NULL; l = l->next)
		if (((Pending *)l->data)->req == req)
			return l->data;
	return NULL;
}

/* --- loading ----------------------------------------------------------------------------- */

static void details_next(Pending *p);

/* A chunk of details came: the rows are updated; the next chunk is asked. */
static void
details_loaded(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
               gpointer data)
{
	Pending *p = data;
	guint i;

	p->handle = 0;
	if (p->cancelled || p->b == NULL || error != NULL) {
		if (error != NULL && !g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
			purple_debug_info("xmpp-iot", "details of nodes of %s: %s\n", p->b ? p->b->who : "?", error->message);
		iot_gtk_tc_pending_end(p);
		return;
	}
	for (i = 0; reply->nodes != NULL && i < reply->nodes->len; i++) {
		IotGtkConcNodeInfo *info = iot_gtk_tc_info_from_node(g_ptr_array_index(reply->nodes, i));

		/* Asked for: none sent means it has none. */
		if (info->messages == NULL) {
			iot_gtk_conc_node_info_add_message(info, IOT_TIME_UNKNOWN, IOT_GTK_CONC_MESSAGE_INFORMATION, NULL, "");
			g_ptr_array_set_size(info->messages, 0);
		}
		if (info->parameters == NULL) {
			iot_gtk_conc_node_info_add_parameter(info, "", NULL, "");
			g_ptr_array_set_size(info->parameters, 0);
		}
		iot_gtk_concentrator_node_updated(p->b->win, info, NULL);
		iot_gtk_conc_node_info_free(info);
	}
	if (p->next < p->refs->len)
		details_next(p);
	else
		iot_gtk_tc_pending_end(p);
}

static void
details_next(Pending *p)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_NODES);
	guint end = MIN(p->next + DETAILS_CHUNK, p->refs->len);

	for (; p->next < end; p->next++)
		iot_concentrator_request_add_node(r, &g_array_index(p->refs, IotNodeRef, p->next));
	r->parameters = r->messages = TRUE;
	iot_gtk_tc_call(p, r, details_loaded);
}

/* Asks for the parameters and messages of @nodes (no request of the window's). */
static void
details_start(Browse *b, const GPtrArray *nodes)
{
	Pending *p;
	guint i;

	if (nodes == NULL || nodes->len == 0)
		return;
	p = iot_gtk_tc_pending_new(b, NULL, NULL, NULL);
	for (i = 0; i < nodes->len; i++) {
		const IotConcentratorNode *n = g_ptr_array_index(nodes, i);
		IotNodeRef r = { 0 };
		iot_node_ref_copy(&r, &n->ref);
		g_array_append_val(p->refs, r);
	}
	details_next(p);
}

static void
nodes_loaded(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
             gpointer data)
{
	Pending *p = data;
	GPtrArray *infos;

	p->handle = 0;
	if (iot_gtk_tc_pending_stopped(p, error))
		return;
	if (error != NULL && !(p->sources != NULL && p->sources->len > 0)) {
		iot_gtk_tc_pending_fail(p, error);
		return;
	}
	infos = iot_gtk_tc_infos_from_nodes(error == NULL ? reply->nodes : NULL);
	purple_debug_info("xmpp-iot", "concentrator window of %s: %u source(s), %u node(s) loaded\n", p->b->who,
	                  p->sources != NULL ? p->sources->len : 0, infos->len);
	iot_gtk_conc_request_answer_children(p->req, p->sources, infos);
	g_ptr_array_unref(infos);
	if (error == NULL)
		details_start(p->b, reply->nodes);
	iot_gtk_tc_pending_end(p);
}

static void
sources_loaded(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
               gpointer data)
{
	Pending *p = data;

	p->handle = 0;
	if (iot_gtk_tc_pending_stopped(p, error))
		return;
	if (p->source_id == NULL) {
		/* The root data sources. */
		if (error != NULL)
			iot_gtk_tc_pending_fail(p, error);
		else {
			/* The adapter asked for them before this first answer: known now. */
			if (!p->b->caps_asked) {
				p->b->caps_asked = TRUE;
				p->b->caps = iot_purple_concentrator_capabilities(p->b->account, p->b->who, caps_answer,
				                                                  p->b, NULL);
			}
			purple_debug_info("xmpp-iot", "concentrator window of %s: %u source(s), 0 node(s) loaded\n",
			                  p->b->who, reply->sources != NULL ? reply->sources->len : 0);
			iot_gtk_conc_request_answer_children(p->req, reply->sources, NULL);
			iot_gtk_tc_pending_end(p);
		}
		return;
	}
	/* A source: its child sources (none when it cannot say), then its root nodes. */
	if (error == NULL && reply->sources != NULL)
		p->sources = g_ptr_array_ref(reply->sources);
	else if (error != NULL && !g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED))
		purple_debug_info("xmpp-iot", "child sources of a source: %s\n", error->message);
	p->handle = iot_purple_concentrator_browse_nodes(p->b->account, p->b->who, p->source_id, NULL, FALSE,
	                                                 nodes_loaded, p, NULL);
}

static void
load_children(IotGtkConcRequest *req, const char *source_id, const IotNodeRef *parent, gpointer data)
{
	Browse *b = data;
	Pending *p = iot_gtk_tc_pending_new(b, req, NULL, NULL);

	p->source_id = g_strdup(parent != NULL ? parent->source_id : source_id);
	if (parent != NULL)
		p->handle = iot_purple_concentrator_browse_nodes(b->account, b->who, p->source_id, parent, FALSE,
		                                                 nodes_loaded, p, NULL);
	else
		p->handle = iot_purple_concentrator_browse_sources(b->account, b->who, source_id, sources_loaded, p,
		                                                   NULL);
}

/* Answers with reply->nodes (FIND_NODE, SET_PARAMETERS, CREATE_NODE, DUPLICATE_NODE). */
void
iot_gtk_tc_nodes_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
             gpointer data)
{
	Pending *p = data;
	GPtrArray *infos;

	if (!iot_gtk_tc_answer_ok(p, reply, error, TRUE))
		return;
	infos = iot_gtk_tc_infos_from_nodes(reply->nodes);
	iot_gtk_conc_request_answer_nodes(p->req, infos);
	g_ptr_array_unref(infos);
	iot_gtk_tc_pending_end(p);
}

static void
find_node(IotGtkConcRequest *req, const char *node_id, gpointer data)
{
	IotNodeRef ref = { (char *)node_id, NULL, NULL };
	Pending *p = iot_gtk_tc_pending_new(data, req, NULL, &ref);
	IotConcentratorRequest *r = iot_gtk_tc_request_for(IOT_CONCENTRATOR_GET_ANCESTORS, p);

	r->parameters = r->messages = TRUE;
	iot_gtk_tc_call(p, r, iot_gtk_tc_nodes_answer);
}

/* --- events ------------------------------------------------------------------------------------ */

static void
apply_event(IotGtkConcentrator *win, const IotSourceEvent *ev)
{
	IotGtkConcNodeInfo *info = ev->node != NULL ? iot_gtk_tc_info_from_node(ev->node) : NULL;

	if (info == NULL)
		return;
	switch (ev->type) {
	case IOT_SOURCE_EVENT_NODE_ADDED:
		iot_gtk_concentrator_node_added(win, info, ev->after_id, ev->after_partition);
		break;
	case IOT_SOURCE_EVENT_NODE_UPDATED:
		iot_gtk_concentrator_node_updated(win, info, ev->old_id);
		break;
	case IOT_SOURCE_EVENT_NODE_STATUS_CHANGED:
		iot_gtk_concentrator_node_status_changed(win, &ev->node->ref, ev->node->state, info->messages);
		break;
	case IOT_SOURCE_EVENT_NODE_REMOVED:
		iot_gtk_concentrator_node_removed(win, &ev->node->ref);
		break;
	case IOT_SOURCE_EVENT_NODE_MOVED_UP:
	case IOT_SOURCE_EVENT_NODE_MOVED_DOWN:
		iot_gtk_concentrator_node_moved(win, &ev->node->ref, ev->type == IOT_SOURCE_EVENT_NODE_MOVED_UP);
		break;
	default:
		break;
	}
	iot_gtk_conc_node_info_free(info);
}

static void
sub_event(guint handle, const IotSourceEvent *event, const GError *error, gpointer data)
{
	Sub *s = data;
	IotGtkConcRequest *req = s->req;

	if (event != NULL) {
		apply_event(s->b->win, event);
		return;
	}
	if (req == NULL)
		return;
	s->req = NULL;
	if (error != NULL)
		iot_gtk_conc_request_fail(req, error);
	else
		iot_gtk_conc_request_answer_done(req, NULL);
}

static Sub *
sub_find(Browse *b, const char *source_id)
{
	GList *l;

	for (l = b->subs; l != NULL; l = l->next)
		if (g_strcmp0(((Sub *)l->data)->source_id, source_id) == 0)
			return l->data;
	return NULL;
}

static void
subscribe(IotGtkConcRequest *req, const char *source_id, gpointer data)
{
	Browse *b = data;
	Sub *s = sub_find(b, source_id);

	if (s != NULL) {
		/* Already in force (the adapter renews it by itself). */
		iot_gtk_conc_request_answer_done(req, NULL);
		return;
	}
	s = g_new0(Sub, 1);
	s->b = b;
	s->source_id = g_strdup(source_id);
	s->req = req;
	b->subs = g_list_prepend(b->subs, s);
	s->handle = iot_purple_concentrator_subscribe(b->account, b->who, source_id, 0, TRUE, 0, sub_event, s, NULL);
}

static void
sub_free(Browse *b, Sub *s)
{
	b->subs = g_list_remove(b->subs, s);
	if (s->handle != 0)
		iot_purple_concentrator_unsubscribe(s->handle);
	if (s->req != NULL) {
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled");
		iot_gtk_conc_request_fail(s->req, e);
		g_error_free(e);
	}
	g_free(s->source_id);
	g_free(s);
}

static void
unsubscribe(IotGtkConcentrator *win, const char *source_id, gpointer data)
{
	Browse *b = data;
	Sub *s = sub_find(b, source_id);

	if (s != NULL)
		sub_free(b, s);
}

static void
cancel(IotGtkConcRequest *req, gpointer data)
{
	Browse *b = data;
	Pending *p = iot_gtk_tc_pending_of(b, req);
	GList *l;

	if (p != NULL) {
		p->cancelled = TRUE;
		if (p->handle != 0)
			iot_purple_concentrator_cancel(p->handle); /* the callback answers */
		return;
	}
	for (l = b->subs; l != NULL; l = l->next) {
		Sub *s = l->data;
		if (s->req == req) {
			GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled");
			s->req = NULL;
			iot_gtk_conc_request_fail(req, e);
			g_error_free(e);
			return;
		}
	}
}

/* --- read, control, close ------------------------------------------------------------------- */

static void
read_nodes(IotGtkConcentrator *win, const GPtrArray *nodes, gpointer data)
{
	Browse *b = data;
	IotNodeRef *refs = g_new0(IotNodeRef, nodes->len);
	guint i;

	for (i = 0; i < nodes->len; i++)
		refs[i] = *(const IotNodeRef *)g_ptr_array_index(nodes, i);
	iot_gtk_things_open_nodes(b->account, b->who, refs, nodes->len);
	g_free(refs);
}

static void
control_nodes(IotGtkConcentrator *win, const GPtrArray *nodes, gpointer data)
{
	Browse *b = data;
	IotNodeRef *refs = g_new0(IotNodeRef, nodes->len);
	guint i;

	/* One dialog for all of them: their common form, one set. */
	for (i = 0; i < nodes->len; i++)
		refs[i] = *(const IotNodeRef *)g_ptr_array_index(nodes, i);
	iot_gtk_things_control_open_nodes(b->account, b->who, refs, nodes->len);
	g_free(refs);
}

static void
on_closed(IotGtkConcentrator *win, gpointer data)
{
	Browse *b = data;

	if (b->caps != 0)
		iot_purple_concentrator_cancel(b->caps);
	/* The window cancelled what it asked; whatever still runs answers
	 * into nothing and must not find this Browse. */
	while (b->pending != NULL) {
		Pending *p = b->pending->data;
		b->pending = g_list_delete_link(b->pending, b->pending);
		p->b = NULL;
		p->cancelled = TRUE;
		if (p->handle != 0)
			iot_purple_concentrator_cancel(p->handle);
	}
	while (b->subs != NULL)
		sub_free(b, b->subs->data);
	browses = g_list_remove(browses, b);
	g_free(b->who);
	g_free(b);
}

static const IotGtkConcentratorOps ops = {
	.load_children = load_children,
	.find_node = find_node,
	.list_commands = iot_gtk_tc_list_commands,
	.get_command_form = iot_gtk_tc_get_command_form,
	.run_command = iot_gtk_tc_run_command,
	.run_query = iot_gtk_tc_run_query,
	.abort_query = iot_gtk_tc_abort_query,
	.get_parameters_form = iot_gtk_tc_get_parameters_form,
	.set_parameters = iot_gtk_tc_set_parameters,
	.get_addable_types = iot_gtk_tc_get_addable_types,
	.get_new_node_form = iot_gtk_tc_get_new_node_form,
	.create_node = iot_gtk_tc_create_node,
	.delete_nodes = iot_gtk_tc_delete_nodes,
	.move_nodes = iot_gtk_tc_move_nodes,
	.duplicate_node = iot_gtk_tc_duplicate_node,
	.subscribe = subscribe,
	.unsubscribe = unsubscribe,
	.cancel = cancel,
	.read = read_nodes,
	.control = control_nodes,
	.on_closed = on_closed,
};

static void
caps_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
            gpointer data)
{
	Browse *b = data;
	const char *names[IOT_CONCENTRATOR_OP_COUNT + 1];
	guint n = 0, op;

	b->caps = 0;
	if (error != NULL) {
		if (!g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
			purple_debug_info("xmpp-iot", "capabilities of %s: %s\n", b->who, error->message);
		return;
	}
	for (op = 0; op < IOT_CONCENTRATOR_OP_COUNT; op++)
		if (iot_concentrator_caps_allow(reply->caps, op))
			names[n++] = iot_concentrator_op_name(op);
	names[n] = NULL;
	iot_gtk_concentrator_set_capabilities(b->win, names);
}

void
iot_gtk_things_conc_open(PurpleAccount *account, const char *who)
{
	Browse *b = find(account, who);
	PurpleBuddy *buddy;
	const char *name;

	if (b != NULL) {
		gtk_window_present(GTK_WINDOW(iot_gtk_concentrator_get_window(b->win)));
		return;
	}
	b = g_new0(Browse, 1);
	b->account = account;
	b->who = iot_jid_bare(who);
	if (b->who == NULL)
		b->who = g_strdup(who);
	buddy = purple_find_buddy(account, b->who);
	name = buddy != NULL ? purple_buddy_get_alias(buddy) : b->who;
	browses = g_list_prepend(browses, b);
	b->win = iot_gtk_concentrator_new(name, &ops, b);
	gtk_widget_show(iot_gtk_concentrator_get_window(b->win));
}

void
iot_gtk_things_conc_session_changed(PurpleAccount *account, gboolean online)
{
	/* A window lives within its account's session: it closes at sign-off. */
	if (!online)
		iot_gtk_things_conc_close(account);
}

/* The concentrator's presence: its window goes offline and back. */
static void
buddy_presence(PurpleBuddy *buddy, gboolean online)
{
	Browse *b = find(purple_buddy_get_account(buddy), purple_buddy_get_name(buddy));

	if (b != NULL)
		iot_gtk_concentrator_set_online(b->win, online,
		                                online ? NULL : _("The concentrator went offline."));
}

static void
buddy_signed_on(PurpleBuddy *buddy, gpointer data)
{
	buddy_presence(buddy, TRUE);
}

static void
buddy_signed_off(PurpleBuddy *buddy, gpointer data)
{
	buddy_presence(buddy, FALSE);
}

void
iot_gtk_things_conc_connect(PurplePlugin *plugin)
{
	purple_signal_connect(purple_blist_get_handle(), "buddy-signed-on", plugin, PURPLE_CALLBACK(buddy_signed_on),
	                      NULL);
	purple_signal_connect(purple_blist_get_handle(), "buddy-signed-off", plugin,
	                      PURPLE_CALLBACK(buddy_signed_off), NULL);
}

void
iot_gtk_things_conc_close(PurpleAccount *account)
{
	GList *l = browses;

	while (l != NULL) {
		Browse *b = l->data;
		l = l->next;
		if (account == NULL || b->account == account) {
			iot_gtk_concentrator_destroy(b->win); /* on_closed unlinks */
			l = browses;
		}
	}
}

guint
iot_gtk_things_conc_count(void)
{
	return g_list_length(browses);
}
