/* iot-concentrator-request.c — every concentrator request, built for each
 * generation. See iot-concentrator-request.h. */
#include "iot-concentrator-request.h"

#include "iot-concentrator-private.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

/* What an op reads of a request. */
enum {
	TAKES_SOURCE = 1 << 0,  /* source_id */
	TAKES_NODE = 1 << 1,    /* exactly one node */
	TAKES_NODES = 1 << 2,   /* one or more nodes */
	TAKES_DETAIL = 1 << 3,  /* parameters, messages */
	TAKES_COMMAND = 1 << 4, /* command */
	TAKES_QUERY = 1 << 5,   /* query_id (NF execute: the client's; aborts: always) */
	TAKES_TYPE = 1 << 6,    /* node_type */
	NEEDS_FORM = 1 << 7,    /* form required */
	MAY_FORM = 1 << 8,      /* form optional */
	TAKES_EVENTS = 1 << 9,  /* events, ttl, events_since */
	IS_SET = 1 << 10,       /* an iq set in every generation (else get, see nf_get) */
	NF_GET = 1 << 11        /* … but a get at Waher's server */
};

static const guint shapes[IOT_CONCENTRATOR_OP_COUNT] = {
	[IOT_CONCENTRATOR_GET_CAPABILITIES] = 0,
	[IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES] = 0,
	[IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES] = 0,
	[IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES] = TAKES_SOURCE,
	[IOT_CONCENTRATOR_CONTAINS_NODE] = TAKES_NODE,
	[IOT_CONCENTRATOR_GET_NODE] = TAKES_NODE | TAKES_DETAIL,
	[IOT_CONCENTRATOR_GET_ROOT_NODES] = TAKES_SOURCE | TAKES_DETAIL,
	[IOT_CONCENTRATOR_GET_CHILD_NODES] = TAKES_NODE | TAKES_DETAIL,
	[IOT_CONCENTRATOR_CONTAINS_NODES] = TAKES_NODES,
	[IOT_CONCENTRATOR_GET_NODES] = TAKES_NODES | TAKES_DETAIL,
	[IOT_CONCENTRATOR_GET_ALL_NODES] = TAKES_SOURCE | TAKES_DETAIL,
	[IOT_CONCENTRATOR_GET_ANCESTORS] = TAKES_NODE | TAKES_DETAIL,
	[IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT] = TAKES_NODE,
	[IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT] = TAKES_NODE | NEEDS_FORM | IS_SET,
	[IOT_CONCENTRATOR_GET_COMMON_NODE_PARAMETERS_FOR_EDIT] = TAKES_NODES,
	[IOT_CONCENTRATOR_SET_COMMON_NODE_PARAMETERS_AFTER_EDIT] = TAKES_NODES | NEEDS_FORM | IS_SET,
	[IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES] = TAKES_NODE,
	[IOT_CONCENTRATOR_GET_PARAMETERS_FOR_NEW_NODE] = TAKES_NODE | TAKES_TYPE,
	[IOT_CONCENTRATOR_CREATE_NEW_NODE] = TAKES_NODE | TAKES_TYPE | NEEDS_FORM | IS_SET,
	[IOT_CONCENTRATOR_DESTROY_NODE] = TAKES_NODE | IS_SET,
	[IOT_CONCENTRATOR_MOVE_NODE_UP] = TAKES_NODE | IS_SET,
	[IOT_CONCENTRATOR_MOVE_NODE_DOWN] = TAKES_NODE | IS_SET,
	[IOT_CONCENTRATOR_MOVE_NODES_UP] = TAKES_NODES | IS_SET,
	[IOT_CONCENTRATOR_MOVE_NODES_DOWN] = TAKES_NODES | IS_SET,
	[IOT_CONCENTRATOR_GET_NODE_COMMANDS] = TAKES_NODE,
	[IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS] = TAKES_NODE | TAKES_COMMAND,
	[IOT_CONCENTRATOR_EXECUTE_NODE_COMMAND] = TAKES_NODE | TAKES_COMMAND | MAY_FORM | IS_SET,
	[IOT_CONCENTRATOR_EXECUTE_NODE_QUERY] = TAKES_NODE | TAKES_COMMAND | TAKES_QUERY | NEEDS_FORM | IS_SET,
	[IOT_CONCENTRATOR_ABORT_NODE_QUERY] = TAKES_NODE | TAKES_COMMAND | TAKES_QUERY | IS_SET,
	[IOT_CONCENTRATOR_GET_COMMON_NODE_COMMANDS] = TAKES_NODES,
	[IOT_CONCENTRATOR_GET_COMMON_COMMAND_PARAMETERS] = TAKES_NODES | TAKES_COMMAND,
	[IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND] = TAKES_NODES | TAKES_COMMAND | MAY_FORM | IS_SET | NF_GET,
	[IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY] =
		TAKES_NODES | TAKES_COMMAND | TAKES_QUERY | NEEDS_FORM | IS_SET | NF_GET,
	[IOT_CONCENTRATOR_ABORT_COMMON_NODE_QUERY] = TAKES_NODES | TAKES_COMMAND | TAKES_QUERY | IS_SET,
	[IOT_CONCENTRATOR_SUBSCRIBE] = TAKES_SOURCE | TAKES_DETAIL | TAKES_EVENTS | IS_SET,
	[IOT_CONCENTRATOR_UNSUBSCRIBE] = TAKES_SOURCE | TAKES_EVENTS | IS_SET,
};

static gboolean
is_execute_query(IotConcentratorOp op)
{
	return op == IOT_CONCENTRATOR_EXECUTE_NODE_QUERY || op == IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY;
}

IotConcentratorRequest *
iot_concentrator_request_new(IotConcentratorOp op)
{
	IotConcentratorRequest *r;

	g_return_val_if_fail(op < IOT_CONCENTRATOR_OP_COUNT, NULL);
	r = g_new0(IotConcentratorRequest, 1);
	r->op = op;
	r->events_since = IOT_TIME_UNKNOWN;
	return r;
}

void
iot_concentrator_request_free(IotConcentratorRequest *r)
{
	guint i;

	if (r == NULL)
		return;
	g_free(r->source_id);
	for (i = 0; i < r->n_nodes; i++)
		iot_node_ref_clear(&r->nodes[i]);
	g_free(r->nodes);
	g_free(r->command);
	g_free(r->query_id);
	g_free(r->node_type);
	if (r->form != NULL)
		xmlFreeNode(r->form);
	g_free(r);
}

IotConcentratorRequest *
iot_concentrator_request_copy(const IotConcentratorRequest *r)
{
	IotConcentratorRequest *c;
	guint i;

	g_return_val_if_fail(r != NULL, NULL);
	c = g_new0(IotConcentratorRequest, 1);
	*c = *r;
	c->source_id = g_strdup(r->source_id);
	c->nodes = r->n_nodes > 0 ? g_new0(IotNodeRef, r->n_nodes) : NULL;
	for (i = 0; i < r->n_nodes; i++)
		iot_node_ref_copy(&c->nodes[i], &r->nodes[i]);
	c->command = g_strdup(r->command);
	c->query_id = g_strdup(r->query_id);
	c->node_type = g_strdup(r->node_type);
	c->form = r->form != NULL ? xmlCopyNode(r->form, 1) : NULL;
	return c;
}

void
iot_concentrator_request_add_node(IotConcentratorRequest *r, const IotNodeRef *node)
{
	g_return_if_fail(r != NULL && node != NULL && node->node_id != NULL);
	r->nodes = g_renew(IotNodeRef, r->nodes, r->n_nodes + 1);
	memset(&r->nodes[r->n_nodes], 0, sizeof r->nodes[0]);
	iot_node_ref_copy(&r->nodes[r->n_nodes], node);
	r->n_nodes++;
}

void
iot_concentrator_request_set_form(IotConcentratorRequest *r, const xmlNode *x)
{
	g_return_if_fail(r != NULL);
	if (r->form != NULL)
		xmlFreeNode(r->form);
	r->form = x != NULL ? xmlCopyNode((xmlNode *)x, 1) : NULL;
}

static gboolean
fail(GError **error, IotErrorCode code, const char *what)
{
	g_set_error_literal(error, IOT_ERROR, code, what);
	return FALSE;
}

static gboolean
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

gboolean
iot_concentrator_request_check(const IotConcentratorRequest *r, IotGeneration gen, GError **error)
{
	guint shape, i;
	gboolean nf = iot_generation_is_short(gen);

	g_return_val_if_fail(r != NULL, FALSE);
	if (r->op >= IOT_CONCENTRATOR_OP_COUNT)
		return fail(error, IOT_ERROR_BAD_REQUEST, "no such operation");
	if (iot_ns_for(gen, IOT_FUNC_CONCENTRATOR) == NULL)
		return fail(error, IOT_ERROR_NOT_SUPPORTED, "no concentrator namespace in this generation");
	shape = shapes[r->op];
	if ((shape & TAKES_SOURCE) && r->source_id == NULL)
		return fail(error, IOT_ERROR_BAD_REQUEST, "no data source given");
	if ((shape & TAKES_NODE) && r->n_nodes != 1)
		return fail(error, IOT_ERROR_BAD_REQUEST, "not exactly one node given");
	if ((shape & TAKES_NODES) && r->n_nodes == 0)
		return fail(error, IOT_ERROR_BAD_REQUEST, "no node given");
	if (r->n_nodes > IOT_MAX_CONCENTRATOR_REQUEST_NODES)
		return fail(error, IOT_ERROR_TOO_LARGE, "too many nodes in one request");
	for (i = 0; i < r->n_nodes; i++)
		if (empty(r->nodes[i].node_id))
			return fail(error, IOT_ERROR_BAD_REQUEST, "a node without an id");
	if ((shape & TAKES_COMMAND) && empty(r->command))
		return fail(error, IOT_ERROR_BAD_REQUEST, "no command given");
	if ((shape & TAKES_QUERY) && empty(r->query_id) && (nf || !is_execute_query(r->op)))
		return fail(error, IOT_ERROR_BAD_REQUEST, "no query id given");
	if ((shape & TAKES_TYPE) && empty(r->node_type))
		return fail(error, IOT_ERROR_BAD_REQUEST, "no node type given");
	if ((shape & NEEDS_FORM) && r->form == NULL)
		return fail(error, IOT_ERROR_BAD_REQUEST, "no form given");
	if (r->op == IOT_CONCENTRATOR_SUBSCRIBE && nf && r->ttl_s == 0)
		return fail(error, IOT_ERROR_BAD_REQUEST, "a subscription needs a lifetime");
	return TRUE;
}

const char *
iot_concentrator_request_iq_type(IotGeneration gen, IotConcentratorOp op)
{
	guint shape = op < IOT_CONCENTRATOR_OP_COUNT ? shapes[op] : 0;

	if (!(shape & IS_SET))
		return "get";
	return (shape & NF_GET) && iot_generation_is_short(gen) ? "get" : "set";
}

static void
set_bool(xmlNode *n, const char *name, gboolean on)
{
	iot_xml_set(n, name, on ? "true" : "false");
}

/* The six event-kind attributes, when not all kinds are meant (every one
 * defaults to true, in subscribe and unsubscribe alike). */
static void
set_events(xmlNode *n, guint32 events)
{
	guint32 bit;

	events &= IOT_SOURCE_EVENT_ALL;
	if (events == 0 || events == IOT_SOURCE_EVENT_ALL)
		return;
	for (bit = IOT_SOURCE_EVENT_NODE_ADDED; bit <= IOT_SOURCE_EVENT_NODE_MOVED_DOWN; bit <<= 1)
		set_bool(n, iot_source_event_name((IotSourceEventType)bit), (events & bit) != 0);
}

xmlNode *
iot_concentrator_request_build(IotGeneration gen, const IotConcentratorRequest *r)
{
	const char *ns = iot_ns_for(gen, IOT_FUNC_CONCENTRATOR);
	gboolean nf = iot_generation_is_short(gen);
	xmlNode *n;
	guint shape, i;

	g_return_val_if_fail(r != NULL && ns != NULL, NULL);
	g_return_val_if_fail(iot_concentrator_request_check(r, gen, NULL), NULL);
	shape = shapes[r->op];
	n = iot_xml_new(iot_concentrator_op_name(r->op), ns);
	if (shape & TAKES_SOURCE)
		iot_xml_set(n, nf ? "src" : "sourceId", r->source_id);
	if (shape & TAKES_NODE)
		iot_conc_set_ref(n, nf, &r->nodes[0]);
	if (shape & TAKES_TYPE)
		iot_xml_set(n, "type", r->node_type);
	if (shape & TAKES_COMMAND)
		iot_xml_set(n, "command", r->command);
	/* XSF lets the concentrator choose a query's id: none is sent to start one. */
	if ((shape & TAKES_QUERY) && (nf || !is_execute_query(r->op)))
		iot_xml_set(n, "queryId", r->query_id);
	if (shape & TAKES_EVENTS) {
		if (r->op == IOT_CONCENTRATOR_SUBSCRIBE && nf) {
			char *ttl = g_strdup_printf("%u", r->ttl_s);

			iot_xml_set(n, "ttl", ttl);
			g_free(ttl);
		}
		if (r->op == IOT_CONCENTRATOR_SUBSCRIBE && r->events_since != IOT_TIME_UNKNOWN) {
			char *since = iot_time_format_iso(r->events_since);

			iot_xml_set(n, "getEventsSince", since);
			g_free(since);
		}
	}
	if ((shape & TAKES_DETAIL) && r->parameters)
		set_bool(n, "parameters", TRUE);
	if ((shape & TAKES_DETAIL) && r->messages)
		set_bool(n, "messages", TRUE);
	if (shape & TAKES_EVENTS)
		set_events(n, r->events);
	if (shape & TAKES_NODES)
		for (i = 0; i < r->n_nodes; i++)
			iot_conc_add_ref(n, nf, &r->nodes[i]);
	if ((shape & (NEEDS_FORM | MAY_FORM)) && r->form != NULL)
		xmlAddChild(n, xmlCopyNode(r->form, 1));
	return n;
}

xmlNode *
iot_concentrator_request_build_iq(IotGeneration gen, const IotConcentratorRequest *r)
{
	xmlNode *iq, *el = iot_concentrator_request_build(gen, r);

	if (el == NULL)
		return NULL;
	iq = iot_xml_new("iq", NULL);
	iot_xml_set(iq, "type", iot_concentrator_request_iq_type(gen, r->op));
	xmlAddChild(iq, el);
	return iq;
}
