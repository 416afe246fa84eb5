/* iot-gtk-things-concentrator-ops.c — what a browse window asks of a
 * concentrator beyond browsing: commands, queries, parameters, adding,
 * deleting, moving and duplicating nodes. See iot-gtk-things-concentrator.h. */
#include "iot-gtk-things-concentrator-private.h"

#include "iot-error.h"

#include <debug.h>

/* --- commands ------------------------------------------------------------------------------ */

static void
commands_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
                gpointer data)
{
	Pending *p = data;
	GPtrArray *out;
	guint i;

	if (!iot_gtk_tc_answer_ok(p, reply, error, FALSE))
		return;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_command_free);
	for (i = 0; reply->commands != NULL && i < reply->commands->len; i++) {
		const IotConcentratorCommand *cmd = g_ptr_array_index(reply->commands, i);
		IotGtkConcCommand *g = iot_gtk_conc_command_new(cmd->id, cmd->name,
		                                                cmd->type == IOT_COMMAND_QUERY ? IOT_GTK_CONC_COMMAND_QUERY
		                                                : cmd->type == IOT_COMMAND_PARAMETRIZED
		                                                        ? IOT_GTK_CONC_COMMAND_PARAMETERIZED
		                                                        : IOT_GTK_CONC_COMMAND_SIMPLE);
		g->sort_category = g_strdup(cmd->sort_category);
		g->sort_key = g_strdup(cmd->sort_key);
		g->confirmation = g_strdup(cmd->confirmation);
		g->success = g_strdup(cmd->success);
		g->failure = g_strdup(cmd->failure);
		g_ptr_array_add(out, g);
	}
	iot_gtk_conc_request_answer_commands(p->req, out);
	g_ptr_array_unref(out);
	iot_gtk_tc_pending_end(p);
}

void
iot_gtk_tc_list_commands(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data)
{
	Browse *b = data;
	Pending *p = iot_gtk_tc_pending_new(b, req, nodes, NULL);

	p->handle = iot_purple_concentrator_commands(b->account, b->who, (IotNodeRef *)(void *)p->refs->data,
	                                             p->refs->len, commands_answer, p, NULL);
}

/* Answers with reply->form (the parameter forms). */
static void
form_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
            gpointer data)
{
	Pending *p = data;
	IotDataForm *form = NULL;

	if (!iot_gtk_tc_answer_ok(p, reply, error, FALSE))
		return;
	if (reply->form != NULL) {
		/* The reply is the adapter's: the window gets its own copy. */
		xmlNode *x = iot_dataform_build(reply->form, IOT_GEN_UNKNOWN);
		form = iot_dataform_parse(x, NULL);
		xmlFreeNode(x);
	}
	iot_gtk_conc_request_answer_form(p->req, form);
	iot_gtk_tc_pending_end(p);
}

void
iot_gtk_tc_get_command_form(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *command, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, nodes, NULL);
	IotConcentratorRequest *r = iot_gtk_tc_request_one_or_common(
	    p, IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS, IOT_CONCENTRATOR_GET_COMMON_COMMAND_PARAMETERS);

	r->command = g_strdup(command->command);
	iot_gtk_tc_call(p, r, form_answer);
}

static void
command_done(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
             gpointer data)
{
	Pending *p = data;
	guint i;

	if (!iot_gtk_tc_answer_ok(p, reply, error, TRUE))
		return;
	for (i = 0; reply->results != NULL && i < reply->results->len; i++) {
		const IotConcentratorNodeResult *res = g_ptr_array_index(reply->results, i);
		if (!res->ok) {
			iot_gtk_tc_pending_fail_with(p, IOT_ERROR_REJECTED, res->error != NULL ? res->error : "");
			return;
		}
	}
	iot_gtk_conc_request_answer_done(p->req, p->command);
	iot_gtk_tc_pending_end(p);
}

void
iot_gtk_tc_run_command(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *command,
            const IotDataForm *form, gpointer data)
{
	Browse *b = data;
	Pending *p = iot_gtk_tc_pending_new(b, req, nodes, NULL);
	xmlNode *x = form != NULL ? iot_gtk_tc_submit_whole(form) : NULL;

	p->command = g_strdup(command->success);
	p->handle = iot_purple_concentrator_run_command(b->account, b->who, (IotNodeRef *)(void *)p->refs->data,
	                                                p->refs->len, command->command, x, command_done, p, NULL);
	if (x != NULL)
		xmlFreeNode(x);
}

/* --- queries ------------------------------------------------------------------------------- */

static IotGtkConcMessageType
query_message_type(IotQueryMessageType t)
{
	if (t == IOT_QUERY_MESSAGE_WARNING)
		return IOT_GTK_CONC_MESSAGE_WARNING;
	if (t == IOT_QUERY_MESSAGE_ERROR || t == IOT_QUERY_MESSAGE_EXCEPTION)
		return IOT_GTK_CONC_MESSAGE_ERROR;
	return IOT_GTK_CONC_MESSAGE_INFORMATION;
}

static void
query_table(IotGtkConcRequest *req, const IotQueryTable *t)
{
	GPtrArray *cols = g_ptr_array_new_with_free_func(g_free);
	guint i;

	for (i = 0; i < t->columns->len; i++) {
		const IotQueryColumn *qc = g_ptr_array_index(t->columns, i);
		IotGtkConcQueryColumn *gc = g_new0(IotGtkConcQueryColumn, 1);

		gc->id = qc->id;
		gc->header = qc->header;
		gc->xalign = qc->alignment == IOT_QUERY_ALIGN_RIGHT    ? 1.0f
		             : qc->alignment == IOT_QUERY_ALIGN_CENTER ? 0.5f
		                                                       : 0.0f;
		g_ptr_array_add(cols, gc);
	}
	iot_gtk_conc_query_new_table(req, t->id, t->name, cols);
	g_ptr_array_unref(cols);
}

static void
query_records(IotGtkConcRequest *req, const IotQueryTable *t, guint first, guint n)
{
	guint i, j;

	for (i = first; i < first + n && i < t->records->len; i++) {
		const IotQueryRecord *rec = g_ptr_array_index(t->records, i);
		const char **cells = g_new0(const char *, rec->n_cells + 1);
		char **owned = g_new0(char *, rec->n_cells + 1);

		for (j = 0; j < rec->n_cells; j++) {
			const IotQueryCell *cell = &rec->cells[j];
			if (cell->unit != NULL && cell->value != NULL)
				cells[j] = owned[j] = g_strdup_printf("%s %s", cell->value, cell->unit);
			else
				cells[j] = cell->value;
		}
		iot_gtk_conc_query_record(req, t->id, cells, rec->n_cells);
		g_strfreev(owned);
		g_free(cells);
	}
}

static void
query_event(guint handle, const IotNodeRef *node, const IotQueryEvent *ev, const IotQueryResult *result,
            gpointer data)
{
	Pending *p = data;

	if (p->cancelled || p->b == NULL)
		return;
	switch (ev->kind) {
	case IOT_QUERY_EVENT_STARTED:
		iot_gtk_conc_query_started(p->req);
		break;
	case IOT_QUERY_EVENT_TITLE:
		iot_gtk_conc_query_title(p->req, result->title);
		break;
	case IOT_QUERY_EVENT_STATUS:
		iot_gtk_conc_query_status(p->req, result->status);
		break;
	case IOT_QUERY_EVENT_TABLE_ADDED:
		query_table(p->req, ev->table);
		break;
	case IOT_QUERY_EVENT_RECORDS_ADDED:
		query_records(p->req, ev->table, ev->first_record, ev->n_records);
		break;
	case IOT_QUERY_EVENT_TABLE_DONE:
		iot_gtk_conc_query_table_done(p->req, ev->table->id);
		break;
	case IOT_QUERY_EVENT_OBJECT_ADDED:
		iot_gtk_conc_query_object(p->req, ev->object->content_type, g_bytes_get_size(ev->object->data));
		break;
	case IOT_QUERY_EVENT_MESSAGE_ADDED:
		iot_gtk_conc_query_message(p->req, query_message_type(ev->message->type), ev->message->text);
		break;
	case IOT_QUERY_EVENT_SECTION_BEGUN:
		iot_gtk_conc_query_begin_section(p->req, ev->section->header);
		break;
	case IOT_QUERY_EVENT_SECTION_ENDED:
		iot_gtk_conc_query_end_section(p->req);
		break;
	default: /* DONE, ABORTED: on_end says */
		break;
	}
}

static void
query_end(guint handle, const GError *error, const IotConcentratorReply *refusal, const IotQueryResult *result,
          gpointer data)
{
	Pending *p = data;

	if (!iot_gtk_tc_answer_ok(p, refusal, error, TRUE))
		return;
	if (result != NULL && result->aborted) {
		iot_gtk_tc_pending_fail_with(p, IOT_ERROR_CANCELLED, "aborted");
		return;
	}
	iot_gtk_conc_request_answer_done(p->req, NULL);
	iot_gtk_tc_pending_end(p);
}

static const IotPurpleConcentratorQueryFuncs query_funcs = { query_event, query_end };

void
iot_gtk_tc_run_query(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *command,
          const IotDataForm *form, gpointer data)
{
	Browse *b = data;
	Pending *p = iot_gtk_tc_pending_new(b, req, nodes, NULL);
	IotConcentratorRequest *r = iot_gtk_tc_request_one_or_common(
	    p, IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY);
	xmlNode *x = iot_gtk_tc_submit_whole(form);

	p->is_query = TRUE;
	r->command = g_strdup(command->command);
	iot_concentrator_request_set_form(r, x);
	xmlFreeNode(x);
	p->handle = iot_purple_concentrator_query_start(b->account, b->who, r, &query_funcs, p, NULL);
	iot_concentrator_request_free(r);
}


void
iot_gtk_tc_abort_query(IotGtkConcRequest *req, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_of(data, req);

	if (p != NULL && p->handle != 0)
		iot_purple_concentrator_query_abort(p->handle);
}

/* --- parameters and node management ---------------------------------------------------------- */

void
iot_gtk_tc_get_parameters_form(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, nodes, NULL);

	iot_gtk_tc_call(p,
	                iot_gtk_tc_request_one_or_common(p, IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT,
	                                                 IOT_CONCENTRATOR_GET_COMMON_NODE_PARAMETERS_FOR_EDIT),
	                form_answer);
}

void
iot_gtk_tc_set_parameters(IotGtkConcRequest *req, const GPtrArray *nodes, const IotDataForm *form,
               const IotFormValues *baseline, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, nodes, NULL);
	IotConcentratorRequest *r = iot_gtk_tc_request_one_or_common(
	    p, IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT,
	    IOT_CONCENTRATOR_SET_COMMON_NODE_PARAMETERS_AFTER_EDIT);
	xmlNode *x = baseline != NULL ? iot_dataform_build_submit(form, baseline, NULL) : iot_gtk_tc_submit_whole(form);

	r->parameters = r->messages = TRUE;
	iot_concentrator_request_set_form(r, x);
	xmlFreeNode(x);
	iot_gtk_tc_call(p, r, iot_gtk_tc_nodes_answer);
}

static void
types_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
             gpointer data)
{
	Pending *p = data;
	GPtrArray *out;
	guint i;

	if (!iot_gtk_tc_answer_ok(p, reply, error, FALSE))
		return;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_type_free);
	for (i = 0; reply->node_types != NULL && i < reply->node_types->len; i++) {
		const IotConcentratorNodeType *t = g_ptr_array_index(reply->node_types, i);
		g_ptr_array_add(out, iot_gtk_conc_node_type_new(t->type, t->name));
	}
	iot_gtk_conc_request_answer_types(p->req, out);
	g_ptr_array_unref(out);
	iot_gtk_tc_pending_end(p);
}

void
iot_gtk_tc_get_addable_types(IotGtkConcRequest *req, const IotNodeRef *parent, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, NULL, parent);

	iot_gtk_tc_call(p, iot_gtk_tc_request_for(IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES, p), types_answer);
}

void
iot_gtk_tc_get_new_node_form(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, NULL, parent);
	IotConcentratorRequest *r = iot_gtk_tc_request_for(IOT_CONCENTRATOR_GET_PARAMETERS_FOR_NEW_NODE, p);

	r->node_type = g_strdup(type);
	iot_gtk_tc_call(p, r, form_answer);
}

void
iot_gtk_tc_create_node(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type, const IotDataForm *form,
            gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, NULL, parent);
	IotConcentratorRequest *r = iot_gtk_tc_request_for(IOT_CONCENTRATOR_CREATE_NEW_NODE, p);
	xmlNode *x = iot_gtk_tc_submit_whole(form);

	r->node_type = g_strdup(type);
	r->parameters = r->messages = TRUE;
	iot_concentrator_request_set_form(r, x);
	xmlFreeNode(x);
	iot_gtk_tc_call(p, r, iot_gtk_tc_nodes_answer);
}

static void delete_next(Pending *p);

static void
done_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
            gpointer data)
{
	Pending *p = data;

	if (!iot_gtk_tc_answer_ok(p, reply, error, FALSE))
		return;
	if (p->next > 0 && p->next < p->refs->len) {
		delete_next(p);
		return;
	}
	iot_gtk_conc_request_answer_done(p->req, NULL);
	iot_gtk_tc_pending_end(p);
}

/* destroyNode addresses one node: the nodes go one after the other. */
static void
delete_next(Pending *p)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(IOT_CONCENTRATOR_DESTROY_NODE);

	iot_concentrator_request_add_node(r, &g_array_index(p->refs, IotNodeRef, p->next));
	p->next++;
	iot_gtk_tc_call(p, r, done_answer);
}

void
iot_gtk_tc_delete_nodes(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, nodes, NULL);

	delete_next(p);
}

void
iot_gtk_tc_move_nodes(IotGtkConcRequest *req, const GPtrArray *nodes, gboolean up, gpointer data)
{
	Pending *p = iot_gtk_tc_pending_new(data, req, nodes, NULL);
	IotConcentratorOp op = p->refs->len == 1 ? (up ? IOT_CONCENTRATOR_MOVE_NODE_UP : IOT_CONCENTRATOR_MOVE_NODE_DOWN)
	                                         : (up ? IOT_CONCENTRATOR_MOVE_NODES_UP : IOT_CONCENTRATOR_MOVE_NODES_DOWN);

	iot_gtk_tc_call(p, iot_gtk_tc_request_for(op, p), done_answer);
}

/* Duplicate: getNode (its type and parent), its parameters form, then
 * createNewNode of that type under that parent with those values. */
static void
duplicate_form(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
               gpointer data)
{
	Pending *p = data;
	IotConcentratorRequest *r;
	IotNodeRef parent = { 0 };
	xmlNode *x, *field;

	if (!iot_gtk_tc_answer_ok(p, reply, error, FALSE))
		return;
	r = iot_concentrator_request_new(IOT_CONCENTRATOR_CREATE_NEW_NODE);
	parent.node_id = p->node->parent_id;
	parent.source_id = p->node->ref.source_id;
	parent.partition = p->node->parent_partition;
	iot_concentrator_request_add_node(r, &parent);
	r->node_type = g_strdup(p->node->node_type);
	r->parameters = r->messages = TRUE;
	x = iot_gtk_tc_submit_whole(reply->form);
	/* The copy needs an ID of its own (the original's is taken). */
	for (field = x->children; field != NULL; field = field->next) {
		xmlChar *var = xmlGetProp(field, BAD_CAST "var");
		if (var != NULL && g_ascii_strcasecmp((const char *)var, "NodeId") == 0 && field->children != NULL) {
			xmlChar *id = xmlNodeGetContent(field->children);
			char *copy = g_strdup_printf("%s-copy", (const char *)id);
			/* As text: the device's ID may hold '&'. */
			xmlNodeSetContent(field->children, NULL);
			xmlNodeAddContent(field->children, BAD_CAST copy);
			g_free(copy);
			xmlFree(id);
		}
		xmlFree(var);
	}
	iot_concentrator_request_set_form(r, x);
	xmlFreeNode(x);
	iot_gtk_tc_call(p, r, iot_gtk_tc_nodes_answer);
}

static void
duplicate_node_got(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
                   gpointer data)
{
	Pending *p = data;
	const IotConcentratorNode *n;

	if (!iot_gtk_tc_answer_ok(p, reply, error, FALSE))
		return;
	n = reply->nodes != NULL && reply->nodes->len > 0 ? g_ptr_array_index(reply->nodes, 0) : NULL;
	if (n == NULL || n->node_type == NULL || n->parent_id == NULL) {
		/* A root node has no parent to create the copy under. */
		iot_gtk_tc_pending_fail_with(p, IOT_ERROR_NOT_SUPPORTED, "");
		return;
	}
	p->node = iot_concentrator_node_copy(n);
	iot_gtk_tc_call(p, iot_gtk_tc_request_for(IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT, p), duplicate_form);
}

void
iot_gtk_tc_duplicate_node(IotGtkConcRequest *req, const IotNodeRef *node, gpointer data)
{
	Browse *b = data;
	Pending *p = iot_gtk_tc_pending_new(b, req, NULL, node);

	p->handle = iot_purple_concentrator_get_node(b->account, b->who, node, duplicate_node_got, p, NULL);
}
