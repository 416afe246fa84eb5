/* iot-concentrator-codec.c — concentrator requests and answers of every
 * generation: the browse requests of iot-concentrator.h and the answers to
 * them, capabilities included. */
#include "iot-concentrator-private.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

static const char *const op_names[IOT_CONCENTRATOR_OP_COUNT] = {
	[IOT_CONCENTRATOR_GET_CAPABILITIES] = "getCapabilities",
	[IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES] = "getAllDataSources",
	[IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES] = "getRootDataSources",
	[IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES] = "getChildDataSources",
	[IOT_CONCENTRATOR_CONTAINS_NODE] = "containsNode",
	[IOT_CONCENTRATOR_GET_NODE] = "getNode",
	[IOT_CONCENTRATOR_GET_ROOT_NODES] = "getRootNodes",
	[IOT_CONCENTRATOR_GET_CHILD_NODES] = "getChildNodes",
	[IOT_CONCENTRATOR_CONTAINS_NODES] = "containsNodes",
	[IOT_CONCENTRATOR_GET_NODES] = "getNodes",
	[IOT_CONCENTRATOR_GET_ALL_NODES] = "getAllNodes",
	[IOT_CONCENTRATOR_GET_ANCESTORS] = "getAncestors",
	[IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT] = "getNodeParametersForEdit",
	[IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT] = "setNodeParametersAfterEdit",
	[IOT_CONCENTRATOR_GET_COMMON_NODE_PARAMETERS_FOR_EDIT] = "getCommonNodeParametersForEdit",
	[IOT_CONCENTRATOR_SET_COMMON_NODE_PARAMETERS_AFTER_EDIT] = "setCommonNodeParametersAfterEdit",
	[IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES] = "getAddableNodeTypes",
	[IOT_CONCENTRATOR_GET_PARAMETERS_FOR_NEW_NODE] = "getParametersForNewNode",
	[IOT_CONCENTRATOR_CREATE_NEW_NODE] = "createNewNode",
	[IOT_CONCENTRATOR_DESTROY_NODE] = "destroyNode",
	[IOT_CONCENTRATOR_MOVE_NODE_UP] = "moveNodeUp",
	[IOT_CONCENTRATOR_MOVE_NODE_DOWN] = "moveNodeDown",
	[IOT_CONCENTRATOR_MOVE_NODES_UP] = "moveNodesUp",
	[IOT_CONCENTRATOR_MOVE_NODES_DOWN] = "moveNodesDown",
	[IOT_CONCENTRATOR_GET_NODE_COMMANDS] = "getNodeCommands",
	[IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS] = "getCommandParameters",
	[IOT_CONCENTRATOR_EXECUTE_NODE_COMMAND] = "executeNodeCommand",
	[IOT_CONCENTRATOR_EXECUTE_NODE_QUERY] = "executeNodeQuery",
	[IOT_CONCENTRATOR_ABORT_NODE_QUERY] = "abortNodeQuery",
	[IOT_CONCENTRATOR_GET_COMMON_NODE_COMMANDS] = "getCommonNodeCommands",
	[IOT_CONCENTRATOR_GET_COMMON_COMMAND_PARAMETERS] = "getCommonCommandParameters",
	[IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND] = "executeCommonNodeCommand",
	[IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY] = "executeCommonNodeQuery",
	[IOT_CONCENTRATOR_ABORT_COMMON_NODE_QUERY] = "abortCommonNodeQuery",
	[IOT_CONCENTRATOR_SUBSCRIBE] = "subscribe",
	[IOT_CONCENTRATOR_UNSUBSCRIBE] = "unsubscribe",
};

const char *
iot_concentrator_op_name(IotConcentratorOp op)
{
	return op < IOT_CONCENTRATOR_OP_COUNT ? op_names[op] : NULL;
}

IotConcentratorOp
iot_concentrator_op_from_name(const char *name)
{
	guint i;

	for (i = 0; name != NULL && i < IOT_CONCENTRATOR_OP_COUNT; i++)
		if (strcmp(name, op_names[i]) == 0)
			return (IotConcentratorOp)i;
	return IOT_CONCENTRATOR_OP_COUNT;
}

const char *
iot_node_state_name(IotNodeState state)
{
	static const char *const names[] = { "None", "Information", "WarningSigned", "WarningUnsigned",
		                             "ErrorSigned", "ErrorUnsigned" };

	return (guint)state < G_N_ELEMENTS(names) ? names[state] : names[0];
}

const char *
iot_source_event_name(IotSourceEventType type)
{
	switch (type) {
	case IOT_SOURCE_EVENT_NODE_ADDED: return "nodeAdded";
	case IOT_SOURCE_EVENT_NODE_UPDATED: return "nodeUpdated";
	case IOT_SOURCE_EVENT_NODE_STATUS_CHANGED: return "nodeStatusChanged";
	case IOT_SOURCE_EVENT_NODE_REMOVED: return "nodeRemoved";
	case IOT_SOURCE_EVENT_NODE_MOVED_UP: return "nodeMovedUp";
	case IOT_SOURCE_EVENT_NODE_MOVED_DOWN: return "nodeMovedDown";
	}
	return NULL;
}

/* --- requests -------------------------------------------------------------------------- */

static gboolean
op_takes_node(IotConcentratorOp op)
{
	return op == IOT_CONCENTRATOR_CONTAINS_NODE || op == IOT_CONCENTRATOR_GET_NODE ||
	       op == IOT_CONCENTRATOR_GET_CHILD_NODES;
}

static gboolean
op_takes_source(IotConcentratorOp op)
{
	return op == IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES || op == IOT_CONCENTRATOR_GET_ROOT_NODES;
}

xmlNode *
iot_concentrator_build(IotGeneration gen, IotConcentratorOp op, const char *source_id,
                       const IotNodeRef *node)
{
	const char *ns = iot_ns_for(gen, IOT_FUNC_CONCENTRATOR);
	gboolean nf = iot_generation_is_short(gen);
	xmlNode *n;

	g_return_val_if_fail(ns != NULL, NULL);
	g_return_val_if_fail(op <= IOT_CONCENTRATOR_GET_CHILD_NODES, NULL);
	g_return_val_if_fail(!op_takes_node(op) || (node != NULL && node->node_id != NULL), NULL);
	g_return_val_if_fail(!op_takes_source(op) || source_id != NULL, NULL);

	n = iot_xml_new(op_names[op], ns);
	if (op_takes_source(op))
		iot_xml_set(n, nf ? "src" : "sourceId", source_id);
	if (op_takes_node(op))
		iot_conc_set_ref(n, nf, node);
	return n;
}

/* --- answers --------------------------------------------------------------------------- */

GPtrArray *
iot_concentrator_parse_sources(const xmlNode *iq, guint *dropped, GError **error)
{
	const xmlNode *p = iot_conc_payload(iq, error), *c;
	GPtrArray *out;
	guint lost = 0;

	if (p == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorSource *s;

		if (!iot_xml_is(c, "dataSource", NULL))
			continue;
		if (out->len >= IOT_MAX_CONCENTRATOR_SOURCES || (s = iot_conc_read_source(c)) == NULL) {
			lost++;
			continue;
		}
		g_ptr_array_add(out, s);
	}
	if (dropped)
		*dropped = lost;
	return out;
}

GPtrArray *
iot_concentrator_parse_nodes(const xmlNode *iq, guint *dropped, GError **error)
{
	const xmlNode *p = iot_conc_payload(iq, error), *c;
	GPtrArray *out;
	guint lost = 0;

	if (p == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorNode *n;

		if (!iot_xml_is(c, "nodeInfo", NULL) && !iot_xml_is(c, "node", NULL))
			continue;
		if (out->len >= IOT_MAX_CONCENTRATOR_NODES || (n = iot_conc_read_node(c, NULL)) == NULL) {
			lost++;
			continue;
		}
		g_ptr_array_add(out, n);
	}
	if (dropped)
		*dropped = lost;
	return out;
}

IotConcentratorNode *
iot_concentrator_parse_node(const xmlNode *iq, const IotNodeRef *asked, GError **error)
{
	const xmlNode *p = iot_conc_payload(iq, error), *c = NULL;
	IotConcentratorNode *n;

	if (p == NULL)
		return NULL;
	/* XSF puts the node's attributes on <getNodeResponse/> itself; NF
	 * answers <nodeInfo/>; a node wrapped in a list is taken too. */
	if (iot_xml_attr2(p, "id", "nodeId") != NULL)
		c = p;
	else
		for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c))
			if (iot_xml_is(c, "nodeInfo", NULL) || iot_xml_is(c, "node", NULL))
				break;
	n = c != NULL ? iot_conc_read_node(c, asked) : NULL;
	if (n == NULL)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no usable node in the answer");
	return n;
}

gboolean
iot_concentrator_parse_bool(const xmlNode *iq, gboolean *value, GError **error)
{
	const xmlNode *p = iot_conc_payload(iq, error);
	char *text;
	gboolean ok;

	g_return_val_if_fail(value != NULL, FALSE);
	if (p == NULL)
		return FALSE;
	/* NF <bool>true</bool>; XSF <containsNodeResponse>true</…>; a wrapped
	 * <bool/> or <value/> is read as well. */
	if (iot_xml_first(p) != NULL)
		p = iot_xml_first(p);
	text = iot_xml_text(p, 16, NULL);
	ok = iot_conc_parse_bool_text(text, value);
	if (!ok)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a boolean answer");
	g_free(text);
	return ok;
}

/* --- capabilities ---------------------------------------------------------------------- */

gboolean
iot_concentrator_caps_allow(IotConcentratorCaps caps, IotConcentratorOp op)
{
	if (op >= IOT_CONCENTRATOR_OP_COUNT)
		return FALSE;
	if (op == IOT_CONCENTRATOR_GET_CAPABILITIES || (caps & IOT_CONCENTRATOR_CAP(op)) != 0)
		return TRUE;
	if (op == IOT_CONCENTRATOR_ABORT_NODE_QUERY)
		return (caps & IOT_CONCENTRATOR_CAP(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY)) != 0;
	if (op == IOT_CONCENTRATOR_ABORT_COMMON_NODE_QUERY)
		return (caps & IOT_CONCENTRATOR_CAP(IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY)) != 0;
	return FALSE;
}

gboolean
iot_concentrator_parse_caps(const xmlNode *iq, IotConcentratorCaps *caps, guint *unknown,
                            GError **error)
{
	const xmlNode *p = iot_conc_payload(iq, error), *c;
	IotConcentratorCaps out = 0;
	guint seen = 0, other = 0;

	g_return_val_if_fail(caps != NULL, FALSE);
	if (p == NULL)
		return FALSE;
	for (c = iot_xml_first(p); c != NULL && seen < IOT_MAX_CONCENTRATOR_CAPABILITIES; c = iot_xml_next(c)) {
		char *name;
		IotConcentratorOp op;

		if (!iot_xml_is(c, "value", NULL))
			continue;
		seen++;
		name = iot_conc_text(c, IOT_MAX_NAME_BYTES);
		op = iot_concentrator_op_from_name(name);
		if (op < IOT_CONCENTRATOR_OP_COUNT)
			out |= IOT_CONCENTRATOR_CAP(op);
		else
			other++;
		g_free(name);
	}
	*caps = out | IOT_CONCENTRATOR_CAP(IOT_CONCENTRATOR_GET_CAPABILITIES);
	if (unknown)
		*unknown = other;
	return TRUE;
}
