/* iot-concentrator-codec.c — concentrator requests and answers of every
 * generation. See iot-concentrator.h. */
#include "iot-concentrator.h"

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
};

const char *
iot_concentrator_op_name(IotConcentratorOp op)
{
	return op < IOT_CONCENTRATOR_OP_COUNT ? op_names[op] : NULL;
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
	g_return_val_if_fail(op < IOT_CONCENTRATOR_OP_COUNT, NULL);
	g_return_val_if_fail(!op_takes_node(op) || (node != NULL && node->node_id != NULL), NULL);
	g_return_val_if_fail(!op_takes_source(op) || source_id != NULL, NULL);

	n = iot_xml_new(op_names[op], ns);
	if (op_takes_source(op))
		iot_xml_set(n, nf ? "src" : "sourceId", source_id);
	if (op_takes_node(op)) {
		/* XEP-0326 orders them sourceId, nodeId (its examples); NF id, src, pt. */
		if (nf) {
			iot_xml_set(n, "id", node->node_id);
			iot_xml_set(n, "src", node->source_id);
			iot_xml_set(n, "pt", node->partition);
		} else {
			iot_xml_set(n, "sourceId", node->source_id);
			iot_xml_set(n, "nodeId", node->node_id);
			iot_xml_set(n, "cacheType", node->partition);
		}
	}
	return n;
}

/* --- answers --------------------------------------------------------------------------- */

static gboolean
is_concentrator_ns(const char *ns)
{
	IotFunction func;

	return iot_ns_classify(ns, NULL, &func) && func == IOT_FUNC_CONCENTRATOR;
}

/* The answer element of @iq: its first child in a concentrator namespace.
 * An XSF response whose result is not OK is that error. */
static const xmlNode *
payload_of(const xmlNode *iq, GError **error)
{
	const xmlNode *c;
	const char *rc;

	for (c = iot_xml_first(iq); c != NULL; c = iot_xml_next(c))
		if (is_concentrator_ns(iot_xml_ns(c)))
			break;
	if (c == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no concentrator answer");
		return NULL;
	}
	rc = iot_xml_attr(c, "result");
	if (rc != NULL && strcmp(rc, "OK") != 0) {
		/* Reads the result code and any <error/> text of the response. */
		g_propagate_error(error, iot_error_from_stanza(iq));
		return NULL;
	}
	return c;
}

/* An identity (id, source, partition): whole, valid text within the bound,
 * or nothing — a cut identity would name another node. */
static char *
identity(const xmlNode *n, const char *a, const char *b)
{
	const char *v = iot_xml_attr2(n, a, b);

	if (v == NULL || strlen(v) > IOT_MAX_NAME_BYTES || !iot_xml_is_valid_text(v))
		return NULL;
	return g_strdup(v);
}

/* A label: valid text, cut at a character boundary within @max bytes. */
static char *
label(const xmlNode *n, const char *name, gsize max)
{
	const char *v = iot_xml_attr(n, name), *end;

	if (v == NULL || !g_utf8_validate(v, -1, &end))
		return NULL;
	if (strlen(v) <= max)
		return iot_xml_is_valid_text(v) ? g_strdup(v) : NULL;
	end = g_utf8_find_prev_char(v, v + max + 1);
	{
		char *cut = g_strndup(v, end ? (gsize)(end - v) : 0);
		if (!iot_xml_is_valid_text(cut))
			g_clear_pointer(&cut, g_free);
		return cut;
	}
}

static gint64
timestamp(const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);
	gint64 us;

	return v != NULL && iot_time_parse_datetime(v, &us) ? us : IOT_TIME_UNKNOWN;
}

static IotNodeState
node_state(const char *s)
{
	static const char *const names[] = { "None", "Information", "WarningSigned", "WarningUnsigned",
		                             "ErrorSigned", "ErrorUnsigned" };
	guint i;

	for (i = 0; s != NULL && i < G_N_ELEMENTS(names); i++)
		if (strcmp(s, names[i]) == 0)
			return (IotNodeState)i;
	return IOT_NODE_STATE_NONE;
}

static IotConcentratorSource *
read_source(const xmlNode *c)
{
	IotConcentratorSource *s;
	char *id = identity(c, "src", "sourceId");

	if (id == NULL)
		return NULL;
	s = g_new0(IotConcentratorSource, 1);
	s->source_id = id;
	s->name = label(c, "name", IOT_MAX_LABEL_BYTES);
	s->has_children = iot_xml_attr_bool(c, "hasChildren", FALSE);
	s->last_changed = timestamp(c, "lastChanged");
	return s;
}

/* The node described by the attributes of @c, or NULL when it has no usable
 * id, or names a source or partition that cannot be kept whole. */
static IotConcentratorNode *
read_node(const xmlNode *c, const IotNodeRef *asked)
{
	IotConcentratorNode *n;
	char *id = identity(c, "id", "nodeId");
	char *src = identity(c, "src", "sourceId");
	char *pt = identity(c, "pt", "cacheType");

	if (id == NULL || (src == NULL && iot_xml_attr2(c, "src", "sourceId") != NULL) ||
	    (pt == NULL && iot_xml_attr2(c, "pt", "cacheType") != NULL)) {
		g_free(id);
		g_free(src);
		g_free(pt);
		return NULL;
	}
	n = g_new0(IotConcentratorNode, 1);
	n->ref.node_id = id;
	n->ref.source_id = src;
	n->ref.partition = pt;
	/* XSF answers name no source: it is the one asked about. */
	if (src == NULL && asked != NULL && g_strcmp0(asked->node_id, id) == 0)
		n->ref.source_id = g_strdup(asked->source_id);
	n->display_name = label(c, "displayName", IOT_MAX_LABEL_BYTES);
	n->node_type = label(c, "nodeType", IOT_MAX_NAME_BYTES);
	n->local_id = identity(c, "localId", NULL);
	n->log_id = identity(c, "logId", NULL);
	n->state = node_state(iot_xml_attr(c, "state"));
	n->has_children = iot_xml_attr_bool(c, "hasChildren", FALSE);
	n->children_ordered = iot_xml_attr_bool(c, "childrenOrdered", FALSE);
	n->readable = iot_xml_attr_bool(c, "isReadable", FALSE);
	n->controllable = iot_xml_attr_bool(c, "isControllable", FALSE);
	n->has_commands = iot_xml_attr_bool(c, "hasCommands", FALSE);
	n->sniffable = iot_xml_attr_bool(c, "sniffable", FALSE);
	n->parent_id = identity(c, "parentId", NULL);
	n->parent_partition = identity(c, "parentPartition", "parentCacheType");
	n->last_changed = timestamp(c, "lastChanged");
	return n;
}

GPtrArray *
iot_concentrator_parse_sources(const xmlNode *iq, guint *dropped, GError **error)
{
	const xmlNode *p = payload_of(iq, error), *c;
	GPtrArray *out;
	guint lost = 0;

	if (p == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorSource *s;

		if (!iot_xml_is(c, "dataSource", NULL))
			continue;
		if (out->len >= IOT_MAX_CONCENTRATOR_SOURCES || (s = read_source(c)) == NULL) {
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
	const xmlNode *p = payload_of(iq, error), *c;
	GPtrArray *out;
	guint lost = 0;

	if (p == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	for (c = iot_xml_first(p); c != NULL; c = iot_xml_next(c)) {
		IotConcentratorNode *n;

		if (!iot_xml_is(c, "nodeInfo", NULL) && !iot_xml_is(c, "node", NULL))
			continue;
		if (out->len >= IOT_MAX_CONCENTRATOR_NODES || (n = read_node(c, NULL)) == NULL) {
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
	const xmlNode *p = payload_of(iq, error), *c = NULL;
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
	n = c != NULL ? read_node(c, asked) : NULL;
	if (n == NULL)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no usable node in the answer");
	return n;
}

gboolean
iot_concentrator_parse_bool(const xmlNode *iq, gboolean *value, GError **error)
{
	const xmlNode *p = payload_of(iq, error);
	char *text;
	gboolean ok = TRUE;

	g_return_val_if_fail(value != NULL, FALSE);
	if (p == NULL)
		return FALSE;
	/* NF <bool>true</bool>; XSF <containsNodeResponse>true</…>; a wrapped
	 * <bool/> or <value/> is read as well. */
	if (iot_xml_first(p) != NULL)
		p = iot_xml_first(p);
	text = iot_xml_text(p, 16, NULL);
	if (text != NULL)
		g_strstrip(text);
	if (g_strcmp0(text, "true") == 0 || g_strcmp0(text, "1") == 0) {
		*value = TRUE;
	} else if (g_strcmp0(text, "false") == 0 || g_strcmp0(text, "0") == 0) {
		*value = FALSE;
	} else {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a boolean answer");
		ok = FALSE;
	}
	g_free(text);
	return ok;
}
