/* iot-concentrator-reply.c — what a concentrator answered, read into one
 * reply for every op and generation. See iot-concentrator-request.h. */
#include "iot-concentrator-request.h"

#include "iot-concentrator-private.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

void
iot_concentrator_reply_free(IotConcentratorReply *reply)
{
	if (reply == NULL)
		return;
	if (reply->sources != NULL)
		g_ptr_array_unref(reply->sources);
	if (reply->nodes != NULL)
		g_ptr_array_unref(reply->nodes);
	if (reply->bools != NULL)
		g_array_unref(reply->bools);
	if (reply->commands != NULL)
		g_ptr_array_unref(reply->commands);
	if (reply->node_types != NULL)
		g_ptr_array_unref(reply->node_types);
	iot_dataform_free(reply->form);
	if (reply->form_errors != NULL)
		g_ptr_array_unref(reply->form_errors);
	if (reply->results != NULL)
		g_ptr_array_unref(reply->results);
	g_free(reply->query_id);
	g_free(reply);
}

static GPtrArray *
new_nodes(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
}

/* --- form refusals ---------------------------------------------------------------------- */

static void
add_form_error(IotConcentratorReply *reply, char *var, char *text)
{
	IotConcentratorFormError *e;

	if (reply->form_errors == NULL)
		reply->form_errors = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_form_error_free);
	if (reply->form_errors->len >= IOT_MAX_CONCENTRATOR_FORM_ERRORS) {
		reply->dropped++;
		g_free(var);
		g_free(text);
		return;
	}
	e = g_new0(IotConcentratorFormError, 1);
	e->var = var;
	e->text = text != NULL ? text : g_strdup("");
	g_ptr_array_add(reply->form_errors, e);
}

/* XSF: <…Response result='FormError'><error var='field'>text</error>…</…>. */
static void
read_xsf_form_errors(IotConcentratorReply *reply, const xmlNode *response)
{
	const xmlNode *c;

	for (c = iot_xml_first(response); c != NULL; c = iot_xml_next(c))
		if (iot_xml_is(c, "error", NULL))
			add_form_error(reply, iot_conc_identity(c, "var", NULL), iot_conc_text(c, IOT_MAX_ERROR_TEXT));
}

/* NF (Waher): <error type='modify'><not-acceptable/><x type='form'> with an
 * xdd:error on each faulty field. Returns whether @iq carries such a form. */
static gboolean
read_nf_form_errors(IotConcentratorReply *reply, const xmlNode *iq)
{
	const xmlNode *x = iot_xml_child(iot_xml_child(iq, "error", NULL), "x", IOT_NS_XDATA);
	guint i;

	if (x == NULL || (reply->form = iot_dataform_parse(x, NULL)) == NULL)
		return FALSE;
	for (i = 0; i < reply->form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(reply->form->fields, i);

		if (f->error != NULL)
			add_form_error(reply, g_strdup(f->var), g_strdup(f->error));
	}
	return TRUE;
}

/* The error of a refused form: the stanza's own words when it has some, else
 * the first field's. */
static void
set_form_error(const IotConcentratorReply *reply, const xmlNode *iq, gboolean is_error, GError **error)
{
	GError *e = is_error ? iot_error_from_stanza(iq) : NULL;
	const IotConcentratorFormError *first =
		reply->form_errors != NULL && reply->form_errors->len > 0 ? g_ptr_array_index(reply->form_errors, 0)
		                                                          : NULL;
	gboolean stanza_text = iot_xml_child(iot_xml_child(iq, "error", NULL), "text", IOT_NS_STANZAS) != NULL;

	if (first != NULL && *first->text != '\0' && !stanza_text)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, first->text);
	else if (e != NULL)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, e->message);
	else
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, "FormError");
	if (e != NULL)
		g_error_free(e);
}

/* --- answers by op ---------------------------------------------------------------------- */

static void
read_sources(IotConcentratorReply *reply, const xmlNode *p)
{
	const xmlNode *c;

	reply->sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorSource *s;

		if (!iot_xml_is(c, "dataSource", NULL))
			continue;
		if (reply->sources->len >= IOT_MAX_CONCENTRATOR_SOURCES || (s = iot_conc_read_source(c)) == NULL)
			reply->dropped++;
		else
			g_ptr_array_add(reply->sources, s);
	}
}

static void
read_nodes(IotConcentratorReply *reply, const xmlNode *p, const IotNodeRef *asked)
{
	const xmlNode *c;

	reply->nodes = new_nodes();
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorNode *n;

		if (!iot_xml_is(c, "nodeInfo", NULL) && !iot_xml_is(c, "node", NULL))
			continue;
		if (reply->nodes->len >= IOT_MAX_CONCENTRATOR_NODES || (n = iot_conc_read_node(c, asked)) == NULL)
			reply->dropped++;
		else
			g_ptr_array_add(reply->nodes, n);
	}
}

/* XSF node lists name no source: each node is in the one asked about (the
 * source of the root or of the parent; for getNodes the node asked for
 * in the same place, or with the same id). */
static void
fill_sources(IotConcentratorReply *reply, const IotConcentratorRequest *req)
{
	guint i, j;

	for (i = 0; i < reply->nodes->len; i++) {
		IotConcentratorNode *n = g_ptr_array_index(reply->nodes, i);
		const char *src = NULL;

		if (n->ref.source_id != NULL)
			continue;
		if (req->source_id != NULL) {
			src = req->source_id;
		} else if (req->n_nodes == 1) {
			src = req->nodes[0].source_id;
		} else if (req->n_nodes == reply->nodes->len &&
		           g_strcmp0(req->nodes[i].node_id, n->ref.node_id) == 0) {
			src = req->nodes[i].source_id;
		} else {
			for (j = 0; j < req->n_nodes && src == NULL; j++)
				if (g_strcmp0(req->nodes[j].node_id, n->ref.node_id) == 0)
					src = req->nodes[j].source_id;
		}
		n->ref.source_id = g_strdup(src);
	}
}

/* One node: XSF on the response itself (getNodeResponse) or in a <node/>
 * child (set/create responses); NF <nodeInfo/> as the answer. */
static gboolean
read_one_node(IotConcentratorReply *reply, const xmlNode *p, const IotNodeRef *asked, gboolean required,
              GError **error)
{
	const xmlNode *c = NULL;
	IotConcentratorNode *n = NULL;

	reply->nodes = new_nodes();
	if (p != NULL && iot_xml_attr2(p, "id", "nodeId") != NULL)
		c = p;
	for (c = c ? c : iot_xml_first(p); c != NULL && c != p; c = iot_xml_next(c))
		if (iot_xml_is(c, "nodeInfo", NULL) || iot_xml_is(c, "node", NULL))
			break;
	if (c != NULL)
		n = iot_conc_read_node(c, asked);
	if (n != NULL) {
		g_ptr_array_add(reply->nodes, n);
		return TRUE;
	}
	if (!required && c == NULL)
		return TRUE;
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no usable node in the answer");
	return FALSE;
}

static void
add_bool(IotConcentratorReply *reply, gboolean b)
{
	if (reply->bools->len < IOT_MAX_CONCENTRATOR_RESULTS)
		g_array_append_val(reply->bools, b);
	else
		reply->dropped++;
}

/* containsNode: <bool>v</bool> or the XSF response's own text; containsNodes:
 * <bools><bool/>…</bools> or <value/>… in the XSF response. */
static gboolean
read_bools(IotConcentratorReply *reply, const xmlNode *p, gboolean plural, GError **error)
{
	const xmlNode *c, *list = p;
	gboolean b;

	reply->bools = g_array_new(FALSE, FALSE, sizeof(gboolean));
	if (!plural) {
		char *text = iot_xml_text(iot_xml_first(p) != NULL ? iot_xml_first(p) : p, 16, NULL);
		gboolean ok = iot_conc_parse_bool_text(text, &b);

		g_free(text);
		if (!ok) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a boolean answer");
			return FALSE;
		}
		add_bool(reply, b);
		return TRUE;
	}
	if (iot_xml_is(iot_xml_first(p), "bools", NULL))
		list = iot_xml_first(p);
	for (c = iot_xml_first(list); c != NULL; c = iot_xml_next(c)) {
		char *text = iot_xml_text(c, 16, NULL);

		if (iot_conc_parse_bool_text(text, &b))
			add_bool(reply, b);
		else
			reply->dropped++;
		g_free(text);
	}
	return TRUE;
}

/* The form of a get*Parameters* answer: bare <x/> (NF) or inside the XSF response. */
static gboolean
read_form(IotConcentratorReply *reply, const xmlNode *iq, const xmlNode *p, GError **error)
{
	const xmlNode *x = iot_xml_child(iq, "x", IOT_NS_XDATA);

	if (x == NULL)
		x = iot_xml_child(p, "x", IOT_NS_XDATA);
	if (x == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no form in the answer");
		return FALSE;
	}
	reply->form = iot_dataform_parse(x, error);
	return reply->form != NULL;
}

static void
read_commands(IotConcentratorReply *reply, const xmlNode *p)
{
	const xmlNode *c;

	reply->commands = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_command_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorCommand *cmd;

		if (!iot_xml_is(c, "command", NULL))
			continue;
		if (reply->commands->len >= IOT_MAX_CONCENTRATOR_COMMANDS ||
		    (cmd = iot_concentrator_command_parse(c)) == NULL) {
			reply->dropped++;
			continue;
		}
		/* Two commands of one id could not be told apart when executed. */
		if (iot_concentrator_commands_find(reply->commands, cmd->id) != NULL) {
			iot_concentrator_command_free(cmd);
			reply->dropped++;
			continue;
		}
		g_ptr_array_add(reply->commands, cmd);
	}
}

static void
read_node_types(IotConcentratorReply *reply, const xmlNode *p)
{
	const xmlNode *c;

	reply->node_types = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_type_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorNodeType *t;
		char *type;

		if (!iot_xml_is(c, "nodeType", NULL))
			continue;
		type = iot_conc_identity(c, "type", NULL);
		if (type == NULL || *type == '\0' || reply->node_types->len >= IOT_MAX_CONCENTRATOR_NODE_TYPES) {
			g_free(type);
			reply->dropped++;
			continue;
		}
		t = g_new0(IotConcentratorNodeType, 1);
		t->type = type;
		t->name = iot_conc_label(c, "name", IOT_MAX_LABEL_BYTES);
		if (t->name == NULL || *t->name == '\0') {
			g_free(t->name);
			t->name = g_strdup(type);
		}
		g_ptr_array_add(reply->node_types, t);
	}
}

/* <result error='…'?>true|false</result>, in NF <partialExecution> or the XSF response. */
static void
read_results(IotConcentratorReply *reply, const xmlNode *p)
{
	const xmlNode *c, *list = p;

	reply->results = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_result_free);
	if (iot_xml_is(iot_xml_first(p), "partialExecution", NULL))
		list = iot_xml_first(p);
	for (c = iot_xml_first(list); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorNodeResult *r;
		char *text;
		gboolean ok = FALSE;

		if (!iot_xml_is(c, "result", NULL))
			continue;
		if (reply->results->len >= IOT_MAX_CONCENTRATOR_RESULTS) {
			reply->dropped++;
			continue;
		}
		text = iot_xml_text(c, 16, NULL);
		if (!iot_conc_parse_bool_text(text, &ok))
			ok = FALSE;
		g_free(text);
		r = g_new0(IotConcentratorNodeResult, 1);
		r->ok = ok;
		r->error = iot_conc_label(c, "error", IOT_MAX_ERROR_TEXT);
		if (r->error != NULL)
			r->ok = FALSE; /* an error is never a success, whatever the text said */
		g_ptr_array_add(reply->results, r);
	}
}

/* The id a query's progress messages carry: XSF says it in the response,
 * NF uses the client's own. */
static gboolean
read_query_id(IotConcentratorReply *reply, const IotConcentratorRequest *req, const xmlNode *p,
              GError **error)
{
	char *id = p != NULL ? iot_conc_identity(p, "queryId", NULL) : NULL;

	if (id == NULL || *id == '\0') {
		g_free(id);
		id = g_strdup(req->query_id);
	}
	reply->query_id = id;
	if (id == NULL || *id == '\0') {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no query id in the answer");
		return FALSE;
	}
	return TRUE;
}

/* The payload of a result: the first concentrator element, or NULL (an
 * empty result). */
static const xmlNode *
payload_or_null(const xmlNode *iq)
{
	const xmlNode *c;

	for (c = iot_xml_first(iq); c != NULL; c = iot_xml_next(c))
		if (iot_conc_is_ns(iot_xml_ns(c)))
			return c;
	return NULL;
}

static gboolean
read_answer(IotConcentratorReply *reply, const IotConcentratorRequest *req, const xmlNode *iq,
            const xmlNode *p, GError **error)
{
	const IotNodeRef *asked = req->n_nodes > 0 ? &req->nodes[0] : NULL;
	guint unknown = 0;

	switch (req->op) {
	case IOT_CONCENTRATOR_GET_CAPABILITIES:
		if (!iot_concentrator_parse_caps(iq, &reply->caps, &unknown, error))
			return FALSE;
		return TRUE;
	case IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES:
	case IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES:
	case IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES:
		if (p == NULL)
			break;
		read_sources(reply, p);
		return TRUE;
	case IOT_CONCENTRATOR_GET_NODE:
		return read_one_node(reply, p, asked, TRUE, error);
	case IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT:
	case IOT_CONCENTRATOR_CREATE_NEW_NODE:
		/* The node as it is now, where the answer names it. A created
		 * node's source is its parent's. */
		return read_one_node(reply, p, asked, FALSE, error);
	case IOT_CONCENTRATOR_GET_NODES:
	case IOT_CONCENTRATOR_GET_ALL_NODES:
	case IOT_CONCENTRATOR_GET_ROOT_NODES:
	case IOT_CONCENTRATOR_GET_CHILD_NODES:
	case IOT_CONCENTRATOR_GET_ANCESTORS:
	case IOT_CONCENTRATOR_SET_COMMON_NODE_PARAMETERS_AFTER_EDIT:
		if (p == NULL && req->op != IOT_CONCENTRATOR_SET_COMMON_NODE_PARAMETERS_AFTER_EDIT)
			break;
		read_nodes(reply, p, NULL);
		fill_sources(reply, req);
		return TRUE;
	case IOT_CONCENTRATOR_CONTAINS_NODE:
	case IOT_CONCENTRATOR_CONTAINS_NODES:
		if (p == NULL)
			break;
		return read_bools(reply, p, req->op == IOT_CONCENTRATOR_CONTAINS_NODES, error);
	case IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT:
	case IOT_CONCENTRATOR_GET_COMMON_NODE_PARAMETERS_FOR_EDIT:
	case IOT_CONCENTRATOR_GET_PARAMETERS_FOR_NEW_NODE:
	case IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS:
	case IOT_CONCENTRATOR_GET_COMMON_COMMAND_PARAMETERS:
		return read_form(reply, iq, p, error);
	case IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES:
		if (p == NULL)
			break;
		read_node_types(reply, p);
		return TRUE;
	case IOT_CONCENTRATOR_GET_NODE_COMMANDS:
	case IOT_CONCENTRATOR_GET_COMMON_NODE_COMMANDS:
		if (p == NULL)
			break;
		read_commands(reply, p);
		return TRUE;
	case IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND:
		if (p != NULL)
			read_results(reply, p);
		return TRUE;
	case IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY:
	case IOT_CONCENTRATOR_EXECUTE_NODE_QUERY:
		if (p != NULL && req->op == IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY)
			read_results(reply, p);
		return read_query_id(reply, req, p, error);
	default:
		/* destroy, moves, executeNodeCommand, aborts, subscriptions: nothing to read. */
		return TRUE;
	}
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no concentrator answer");
	return FALSE;
}

IotConcentratorReply *
iot_concentrator_reply_parse(const IotConcentratorRequest *req, gboolean is_error, const xmlNode *iq,
                             GError **error)
{
	IotConcentratorReply *reply;
	const xmlNode *p;
	const char *rc;

	g_return_val_if_fail(req != NULL && iq != NULL, NULL);
	reply = g_new0(IotConcentratorReply, 1);
	reply->op = req->op;
	p = payload_or_null(iq);
	rc = iot_xml_attr(p, "result");
	if (g_strcmp0(rc, "FormError") == 0 || (is_error && read_nf_form_errors(reply, iq))) {
		if (g_strcmp0(rc, "FormError") == 0)
			read_xsf_form_errors(reply, p);
		/* A refused form always says so, with no field named too. */
		if (reply->form_errors == NULL)
			reply->form_errors =
				g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_form_error_free);
		set_form_error(reply, iq, is_error, error);
		return reply;
	}
	if (is_error || (rc != NULL && strcmp(rc, "OK") != 0)) {
		g_propagate_error(error, iot_error_from_stanza(iq));
		iot_concentrator_reply_free(reply);
		return NULL;
	}
	if (!read_answer(reply, req, iq, p, error)) {
		iot_concentrator_reply_free(reply);
		return NULL;
	}
	return reply;
}
