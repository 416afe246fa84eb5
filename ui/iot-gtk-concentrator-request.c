/*
 * iot-gtk-concentrator-request.c — the concentrator window's requests and
 * the owner's answers: each request is answered exactly once; the window
 * keeps a reference while it waits, the owner one until it answered, so a
 * cancelled request stays valid for its late answer, which is dropped.
 * Also the small value types of iot-gtk-concentrator.h.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-model.h"

#include <string.h>

/* ---- value types ----------------------------------------------------------------------- */

IotGtkConcNodeInfo *
iot_gtk_conc_node_info_new(IotConcentratorNode *node)
{
	IotGtkConcNodeInfo *info;

	g_return_val_if_fail(node != NULL, NULL);
	info = g_new0(IotGtkConcNodeInfo, 1);
	info->node = node;
	return info;
}

static void
parameter_free(IotGtkConcParameter *p)
{
	g_free(p->id);
	g_free(p->name);
	g_free(p->value);
	g_free(p);
}

void
iot_gtk_conc_message_free(IotGtkConcMessage *m)
{
	if (m == NULL)
		return;
	g_free(m->event_id);
	g_free(m->text);
	g_free(m);
}

IotGtkConcMessage *
iot_gtk_conc_message_copy(const IotGtkConcMessage *m)
{
	IotGtkConcMessage *c = g_new0(IotGtkConcMessage, 1);

	c->timestamp = m->timestamp;
	c->type = m->type;
	c->event_id = g_strdup(m->event_id);
	c->text = g_strdup(m->text != NULL ? m->text : "");
	return c;
}

void
iot_gtk_conc_node_info_free(IotGtkConcNodeInfo *info)
{
	if (info == NULL)
		return;
	iot_concentrator_node_free(info->node);
	if (info->parameters != NULL)
		g_ptr_array_unref(info->parameters);
	if (info->messages != NULL)
		g_ptr_array_unref(info->messages);
	g_free(info);
}

void
iot_gtk_conc_node_info_add_parameter(IotGtkConcNodeInfo *info, const char *id, const char *name,
                                     const char *value)
{
	IotGtkConcParameter *p;

	g_return_if_fail(info != NULL && id != NULL);
	if (info->parameters == NULL)
		info->parameters = g_ptr_array_new_with_free_func((GDestroyNotify)parameter_free);
	p = g_new0(IotGtkConcParameter, 1);
	p->id = g_strdup(id);
	p->name = g_strdup(name);
	p->value = g_strdup(value != NULL ? value : "");
	g_ptr_array_add(info->parameters, p);
}

void
iot_gtk_conc_node_info_add_message(IotGtkConcNodeInfo *info, gint64 timestamp,
                                   IotGtkConcMessageType type, const char *event_id,
                                   const char *text)
{
	IotGtkConcMessage m = { timestamp, type, (char *)event_id, (char *)text };

	g_return_if_fail(info != NULL);
	if (info->messages == NULL)
		info->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
	g_ptr_array_add(info->messages, iot_gtk_conc_message_copy(&m));
}

IotGtkConcNodeInfo *
iot_gtk_conc_node_info_copy(const IotGtkConcNodeInfo *info)
{
	IotGtkConcNodeInfo *c;
	guint i;

	g_return_val_if_fail(info != NULL, NULL);
	c = iot_gtk_conc_node_info_new(iot_concentrator_node_copy(info->node));
	for (i = 0; info->parameters != NULL && i < info->parameters->len; i++) {
		const IotGtkConcParameter *p = g_ptr_array_index(info->parameters, i);

		iot_gtk_conc_node_info_add_parameter(c, p->id, p->name, p->value);
	}
	if (info->parameters != NULL && c->parameters == NULL)
		c->parameters = g_ptr_array_new_with_free_func((GDestroyNotify)parameter_free);
	if (info->messages != NULL) {
		c->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
		for (i = 0; i < info->messages->len; i++)
			g_ptr_array_add(c->messages,
			                iot_gtk_conc_message_copy(g_ptr_array_index(info->messages, i)));
	}
	return c;
}

IotGtkConcCommand *
iot_gtk_conc_command_new(const char *command, const char *name, IotGtkConcCommandType type)
{
	IotGtkConcCommand *c;

	g_return_val_if_fail(command != NULL, NULL);
	c = g_new0(IotGtkConcCommand, 1);
	c->command = g_strdup(command);
	c->name = g_strdup(name);
	c->type = type;
	return c;
}

IotGtkConcCommand *
iot_gtk_conc_command_copy(const IotGtkConcCommand *c)
{
	IotGtkConcCommand *d = iot_gtk_conc_command_new(c->command, c->name, c->type);

	d->sort_category = g_strdup(c->sort_category);
	d->sort_key = g_strdup(c->sort_key);
	d->confirmation = g_strdup(c->confirmation);
	d->success = g_strdup(c->success);
	d->failure = g_strdup(c->failure);
	return d;
}

void
iot_gtk_conc_command_free(IotGtkConcCommand *c)
{
	if (c == NULL)
		return;
	g_free(c->command);
	g_free(c->name);
	g_free(c->sort_category);
	g_free(c->sort_key);
	g_free(c->confirmation);
	g_free(c->success);
	g_free(c->failure);
	g_free(c);
}

IotGtkConcNodeType *
iot_gtk_conc_node_type_new(const char *type, const char *name)
{
	IotGtkConcNodeType *t;

	g_return_val_if_fail(type != NULL, NULL);
	t = g_new0(IotGtkConcNodeType, 1);
	t->type = g_strdup(type);
	t->name = g_strdup(name);
	return t;
}

void
iot_gtk_conc_node_type_free(IotGtkConcNodeType *t)
{
	if (t == NULL)
		return;
	g_free(t->type);
	g_free(t->name);
	g_free(t);
}

static void
ref_free(IotNodeRef *ref)
{
	iot_node_ref_clear(ref);
	g_free(ref);
}

GPtrArray *
iot_gtk_conc_refs(const GPtrArray *rows)
{
	GPtrArray *refs = g_ptr_array_new_with_free_func((GDestroyNotify)ref_free);
	guint i;

	for (i = 0; i < rows->len; i++) {
		const IotGtkConcRow *row = g_ptr_array_index(rows, i);
		IotNodeRef *ref;

		if (row->node == NULL)
			continue;
		ref = g_new0(IotNodeRef, 1);
		iot_node_ref_copy(ref, &row->node->ref);
		g_ptr_array_add(refs, ref);
	}
	return refs;
}

GPtrArray *
iot_gtk_conc_refs_copy(const GPtrArray *refs)
{
	GPtrArray *copy = g_ptr_array_new_with_free_func((GDestroyNotify)ref_free);
	guint i;

	for (i = 0; i < refs->len; i++) {
		IotNodeRef *ref = g_new0(IotNodeRef, 1);

		iot_node_ref_copy(ref, g_ptr_array_index(refs, i));
		g_ptr_array_add(copy, ref);
	}
	return copy;
}

/* ---- requests ------------------------------------------------------------------------- */

static void
request_unref(IotGtkConcRequest *req)
{
	if (--req->refs > 0)
		return;
	if (req->data_free != NULL)
		req->data_free(req->data);
	g_free(req->source_id);
	g_free(req);
}

IotGtkConcRequest *
iot_gtk_conc_request_new(IotGtkConcentrator *win, IotGtkConcRequestKind kind, IotGtkConcDone done,
                         gpointer data, GDestroyNotify data_free)
{
	IotGtkConcRequest *req = g_new0(IotGtkConcRequest, 1);

	/* One for the window while it waits, one for the owner's answer. */
	req->refs = 2;
	req->kind = kind;
	req->win = win;
	req->done = done;
	req->data = data;
	req->data_free = data_free;
	g_hash_table_add(win->pending, req);
	if (kind != IOT_GTK_CONC_REQ_LOAD_CHILDREN && kind != IOT_GTK_CONC_REQ_SUBSCRIBE &&
	    kind != IOT_GTK_CONC_REQ_RUN_QUERY)
		iot_gtk_conc_busy(win, +1);
	return req;
}

/* The window stops waiting for @req (answered or cancelled). */
static void
detach(IotGtkConcRequest *req)
{
	IotGtkConcentrator *win = req->win;

	g_hash_table_remove(win->pending, req);
	if (req->kind != IOT_GTK_CONC_REQ_LOAD_CHILDREN && req->kind != IOT_GTK_CONC_REQ_SUBSCRIBE &&
	    req->kind != IOT_GTK_CONC_REQ_RUN_QUERY)
		iot_gtk_conc_busy(win, -1);
}

void
iot_gtk_conc_request_cancel(IotGtkConcRequest *req)
{
	IotGtkConcentrator *win;

	if (req == NULL || req->answered || req->cancelled)
		return;
	win = req->win;
	req->cancelled = TRUE;
	detach(req);
	req->win = NULL;
	if (req->row != NULL && req->row->load == req)
		req->row->load = NULL;
	req->row = NULL;
	if (req->kind == IOT_GTK_CONC_REQ_LOAD_CHILDREN)
		iot_gtk_conc_load_cancelled(win, req);
	if (req->query != NULL) {
		IotGtkConcQuery *q = req->query;

		req->query = NULL;
		iot_gtk_conc_query_end(q, NULL);
	}
	/* The owner may answer inside: our reference keeps @req alive. */
	if (win->ops.cancel != NULL)
		win->ops.cancel(req, win->user_data);
	request_unref(req);
}

void
iot_gtk_conc_request_cancel_all(IotGtkConcentrator *win)
{
	GPtrArray *all = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;
	guint i;

	g_hash_table_iter_init(&it, win->pending);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		((IotGtkConcRequest *)key)->refs++;
		g_ptr_array_add(all, key);
	}
	for (i = 0; i < all->len; i++) {
		IotGtkConcRequest *req = g_ptr_array_index(all, i);

		iot_gtk_conc_request_cancel(req);
		request_unref(req);
	}
	g_ptr_array_free(all, TRUE);
}

IotGtkConcRequestKind
iot_gtk_conc_request_get_kind(const IotGtkConcRequest *req)
{
	return req->kind;
}

IotGtkConcentrator *
iot_gtk_conc_request_get_window(const IotGtkConcRequest *req)
{
	g_return_val_if_fail(req != NULL, NULL);
	return req->cancelled ? NULL : req->win;
}

/* Ends @req with @a: the window's handler runs unless it was cancelled. */
static void
answer(IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	if (req->answered) {
		g_critical("iot_gtk_conc_request: request answered twice");
		return;
	}
	req->answered = TRUE;
	if (!req->cancelled) {
		IotGtkConcentrator *win = req->win;

		detach(req);
		if (req->done != NULL)
			req->done(win, req, a);
		/* The window's reference. */
		request_unref(req);
	}
	iot_dataform_free(a->form);
	/* The owner's reference. */
	request_unref(req);
}

static gboolean
kind_is(const IotGtkConcRequest *req, IotGtkConcRequestKind a, IotGtkConcRequestKind b,
        IotGtkConcRequestKind c, IotGtkConcRequestKind d, IotGtkConcRequestKind e)
{
	return req->kind == a || req->kind == b || req->kind == c || req->kind == d || req->kind == e;
}

void
iot_gtk_conc_request_fail(IotGtkConcRequest *req, const GError *error)
{
	IotGtkConcAnswer a = { 0 };
	GError *fallback = NULL;

	g_return_if_fail(req != NULL);
	if (error == NULL)
		fallback = g_error_new_literal(g_quark_from_static_string("iot-gtk-concentrator"), 0, "");
	a.error = error != NULL ? error : fallback;
	answer(req, &a);
	g_clear_error(&fallback);
}

void
iot_gtk_conc_request_answer_children(IotGtkConcRequest *req, const GPtrArray *sources,
                                     const GPtrArray *nodes)
{
	IotGtkConcAnswer a = { 0 };

	g_return_if_fail(req != NULL && req->kind == IOT_GTK_CONC_REQ_LOAD_CHILDREN);
	a.sources = sources;
	a.nodes = nodes;
	answer(req, &a);
}

void
iot_gtk_conc_request_answer_nodes(IotGtkConcRequest *req, const GPtrArray *nodes)
{
	IotGtkConcAnswer a = { 0 };
	GPtrArray *none = NULL;

	g_return_if_fail(req != NULL && kind_is(req, IOT_GTK_CONC_REQ_FIND_NODE,
	                                        IOT_GTK_CONC_REQ_SET_PARAMETERS,
	                                        IOT_GTK_CONC_REQ_CREATE_NODE,
	                                        IOT_GTK_CONC_REQ_DUPLICATE_NODE,
	                                        IOT_GTK_CONC_REQ_DUPLICATE_NODE));
	if (nodes == NULL)
		nodes = none = g_ptr_array_new();
	a.nodes = nodes;
	answer(req, &a);
	if (none != NULL)
		g_ptr_array_unref(none);
}

void
iot_gtk_conc_request_answer_commands(IotGtkConcRequest *req, const GPtrArray *commands)
{
	IotGtkConcAnswer a = { 0 };
	GPtrArray *none = NULL;

	g_return_if_fail(req != NULL && req->kind == IOT_GTK_CONC_REQ_LIST_COMMANDS);
	if (commands == NULL)
		commands = none = g_ptr_array_new();
	a.commands = commands;
	answer(req, &a);
	if (none != NULL)
		g_ptr_array_unref(none);
}

void
iot_gtk_conc_request_answer_form(IotGtkConcRequest *req, IotDataForm *form)
{
	IotGtkConcAnswer a = { 0 };

	if (req == NULL || !kind_is(req, IOT_GTK_CONC_REQ_COMMAND_FORM, IOT_GTK_CONC_REQ_PARAMETERS_FORM,
	                            IOT_GTK_CONC_REQ_NEW_NODE_FORM, IOT_GTK_CONC_REQ_NEW_NODE_FORM,
	                            IOT_GTK_CONC_REQ_NEW_NODE_FORM)) {
		iot_dataform_free(form);
		g_return_if_reached();
	}
	a.form = form;
	answer(req, &a);
}

void
iot_gtk_conc_request_answer_types(IotGtkConcRequest *req, const GPtrArray *types)
{
	IotGtkConcAnswer a = { 0 };
	GPtrArray *none = NULL;

	g_return_if_fail(req != NULL && req->kind == IOT_GTK_CONC_REQ_ADDABLE_TYPES);
	if (types == NULL)
		types = none = g_ptr_array_new();
	a.types = types;
	answer(req, &a);
	if (none != NULL)
		g_ptr_array_unref(none);
}

void
iot_gtk_conc_request_answer_form_errors(IotGtkConcRequest *req, const GPtrArray *errors,
                                        const char *text)
{
	IotGtkConcAnswer a = { 0 };
	GPtrArray *none = NULL;

	g_return_if_fail(req != NULL && kind_is(req, IOT_GTK_CONC_REQ_RUN_COMMAND,
	                                        IOT_GTK_CONC_REQ_RUN_QUERY,
	                                        IOT_GTK_CONC_REQ_SET_PARAMETERS,
	                                        IOT_GTK_CONC_REQ_CREATE_NODE,
	                                        IOT_GTK_CONC_REQ_CREATE_NODE));
	if (errors == NULL)
		errors = none = g_ptr_array_new();
	a.errors = errors;
	a.text = text;
	answer(req, &a);
	if (none != NULL)
		g_ptr_array_unref(none);
}

void
iot_gtk_conc_request_answer_done(IotGtkConcRequest *req, const char *text)
{
	IotGtkConcAnswer a = { 0 };

	g_return_if_fail(req != NULL && kind_is(req, IOT_GTK_CONC_REQ_RUN_COMMAND,
	                                        IOT_GTK_CONC_REQ_RUN_QUERY,
	                                        IOT_GTK_CONC_REQ_DELETE_NODES,
	                                        IOT_GTK_CONC_REQ_MOVE_NODES,
	                                        IOT_GTK_CONC_REQ_SUBSCRIBE));
	a.text = text;
	answer(req, &a);
}
