/* iot-concentrator-parse.c — bounded readers and address writers shared by
 * the concentrator codec files. See iot-concentrator-private.h. */
#include "iot-concentrator-private.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

gboolean
iot_conc_is_ns(const char *ns)
{
	IotFunction func;

	return iot_ns_classify(ns, NULL, &func) && func == IOT_FUNC_CONCENTRATOR;
}

const xmlNode *
iot_conc_payload(const xmlNode *iq, GError **error)
{
	const xmlNode *c;
	const char *rc;

	for (c = iot_xml_first(iq); c != NULL; c = iot_xml_next(c))
		if (iot_conc_is_ns(iot_xml_ns(c)))
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

char *
iot_conc_identity(const xmlNode *n, const char *a, const char *b)
{
	const char *v = iot_xml_attr2(n, a, b);

	if (v == NULL || strlen(v) > IOT_MAX_NAME_BYTES || !iot_xml_is_valid_text(v))
		return NULL;
	return g_strdup(v);
}

/* @v cut at a character boundary within @max bytes, if valid text. */
static char *
bounded(const char *v, gsize max)
{
	const char *end;
	char *cut;

	if (v == NULL || !g_utf8_validate(v, -1, &end))
		return NULL;
	if (strlen(v) <= max)
		return iot_xml_is_valid_text(v) ? g_strdup(v) : NULL;
	end = g_utf8_find_prev_char(v, v + max + 1);
	cut = g_strndup(v, end ? (gsize)(end - v) : 0);
	if (!iot_xml_is_valid_text(cut))
		g_clear_pointer(&cut, g_free);
	return cut;
}

char *
iot_conc_label(const xmlNode *n, const char *name, gsize max)
{
	return bounded(iot_xml_attr(n, name), max);
}

char *
iot_conc_text(const xmlNode *n, gsize max)
{
	char *t = iot_xml_text(n, max, NULL), *out;

	if (t == NULL)
		return NULL;
	g_strstrip(t);
	out = *t != '\0' ? bounded(t, max) : NULL;
	g_free(t);
	return out;
}

gint64
iot_conc_timestamp(const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);
	gint64 us;

	return v != NULL && iot_time_parse_datetime(v, &us) ? us : IOT_TIME_UNKNOWN;
}

IotNodeState
iot_conc_node_state(const char *s)
{
	guint i;

	for (i = IOT_NODE_STATE_NONE; s != NULL && i <= IOT_NODE_STATE_ERROR_UNSIGNED; i++)
		if (strcmp(s, iot_node_state_name((IotNodeState)i)) == 0)
			return (IotNodeState)i;
	return IOT_NODE_STATE_NONE;
}

gboolean
iot_conc_parse_bool_text(const char *s, gboolean *value)
{
	char *t;
	gboolean ok = TRUE;

	if (s == NULL)
		return FALSE;
	t = g_strstrip(g_strdup(s));
	if (strcmp(t, "true") == 0 || strcmp(t, "1") == 0)
		*value = TRUE;
	else if (strcmp(t, "false") == 0 || strcmp(t, "0") == 0)
		*value = FALSE;
	else
		ok = FALSE;
	g_free(t);
	return ok;
}

IotConcentratorSource *
iot_conc_read_source(const xmlNode *c)
{
	IotConcentratorSource *s;
	char *id = iot_conc_identity(c, "src", "sourceId");

	if (id == NULL)
		return NULL;
	s = g_new0(IotConcentratorSource, 1);
	s->source_id = id;
	s->name = iot_conc_label(c, "name", IOT_MAX_LABEL_BYTES);
	s->has_children = iot_xml_attr_bool(c, "hasChildren", FALSE);
	s->last_changed = iot_conc_timestamp(c, "lastChanged");
	return s;
}

static const char *const param_elements[] = {
	[IOT_NODE_PARAM_STRING] = "string",     [IOT_NODE_PARAM_BOOLEAN] = "boolean",
	[IOT_NODE_PARAM_COLOR] = "color",       [IOT_NODE_PARAM_DATETIME] = "dateTime",
	[IOT_NODE_PARAM_DOUBLE] = "double",     [IOT_NODE_PARAM_DURATION] = "duration",
	[IOT_NODE_PARAM_INT] = "int",           [IOT_NODE_PARAM_LONG] = "long",
	[IOT_NODE_PARAM_TIME] = "time",
};

/* The parameter type of element @c, or -1 when it is no parameter. */
static int
parameter_type(const xmlNode *c)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(param_elements); i++)
		if (iot_xml_is(c, param_elements[i], NULL))
			return (int)i;
	return -1;
}

/* The parameter element @c, or NULL when it has no usable id. */
static IotNodeParameter *
read_parameter(const xmlNode *c, int i)
{
	IotNodeParameter *p;

	p = g_new0(IotNodeParameter, 1);
	p->type = (IotNodeParameterType)i;
	p->id = iot_conc_identity(c, "id", NULL);
	p->name = iot_conc_label(c, "name", IOT_MAX_LABEL_BYTES);
	p->value = iot_conc_label(c, "value", IOT_MAX_VALUE_BYTES);
	if (p->id == NULL) {
		iot_node_parameter_free(p);
		return NULL;
	}
	if (p->value == NULL)
		p->value = g_strdup("");
	return p;
}

IotNodeMessage *
iot_conc_read_message(const xmlNode *c)
{
	IotNodeMessage *m;
	const char *type = iot_xml_attr(c, "type");

	if (!iot_xml_is(c, "message", NULL))
		return NULL;
	m = g_new0(IotNodeMessage, 1);
	m->timestamp = iot_conc_timestamp(c, "timestamp");
	if (g_strcmp0(type, "Error") == 0)
		m->type = IOT_NODE_MESSAGE_ERROR;
	else if (g_strcmp0(type, "Warning") == 0)
		m->type = IOT_NODE_MESSAGE_WARNING;
	else
		m->type = IOT_NODE_MESSAGE_INFORMATION;
	m->event_id = iot_conc_identity(c, "eventId", NULL);
	m->text = iot_conc_text(c, IOT_MAX_ERROR_TEXT);
	if (m->text == NULL)
		m->text = g_strdup("");
	return m;
}

/* Reads the parameter and message children of @c into @n. */
static void
read_node_children(IotConcentratorNode *n, const xmlNode *c)
{
	const xmlNode *k;

	for (k = iot_xml_first(c); k != NULL; k = iot_xml_next(k)) {
		IotNodeParameter *p;
		IotNodeMessage *m;
		int type;

		if (iot_xml_is(k, "message", NULL)) {
			if (n->messages == NULL)
				n->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_node_message_free);
			if (n->messages->len >= IOT_MAX_NODE_MESSAGES || (m = iot_conc_read_message(k)) == NULL)
				n->messages_dropped++;
			else
				g_ptr_array_add(n->messages, m);
			continue;
		}
		if ((type = parameter_type(k)) < 0)
			continue; /* something newer: not ours to show */
		if (n->parameters == NULL)
			n->parameters = g_ptr_array_new_with_free_func((GDestroyNotify)iot_node_parameter_free);
		if (n->parameters->len >= IOT_MAX_NODE_PARAMETERS || (p = read_parameter(k, type)) == NULL)
			n->parameters_dropped++;
		else
			g_ptr_array_add(n->parameters, p);
	}
}

IotConcentratorNode *
iot_conc_read_node(const xmlNode *c, const IotNodeRef *asked)
{
	IotConcentratorNode *n;
	char *id = iot_conc_identity(c, "id", "nodeId");
	char *src = iot_conc_identity(c, "src", "sourceId");
	char *pt = iot_conc_identity(c, "pt", "cacheType");

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
	n->display_name = iot_conc_label(c, "displayName", IOT_MAX_LABEL_BYTES);
	n->node_type = iot_conc_label(c, "nodeType", IOT_MAX_NAME_BYTES);
	n->local_id = iot_conc_identity(c, "localId", NULL);
	n->log_id = iot_conc_identity(c, "logId", NULL);
	n->state = iot_conc_node_state(iot_xml_attr(c, "state"));
	n->has_children = iot_xml_attr_bool(c, "hasChildren", FALSE);
	n->children_ordered = iot_xml_attr_bool(c, "childrenOrdered", FALSE);
	n->readable = iot_xml_attr_bool(c, "isReadable", FALSE);
	n->controllable = iot_xml_attr_bool(c, "isControllable", FALSE);
	n->has_commands = iot_xml_attr_bool(c, "hasCommands", FALSE);
	n->sniffable = iot_xml_attr_bool(c, "sniffable", FALSE);
	n->parent_id = iot_conc_identity(c, "parentId", NULL);
	n->parent_partition = iot_conc_identity(c, "parentPartition", "parentCacheType");
	n->last_changed = iot_conc_timestamp(c, "lastChanged");
	read_node_children(n, c);
	return n;
}

void
iot_conc_set_ref(xmlNode *n, gboolean nf, const IotNodeRef *ref)
{
	if (nf) {
		iot_xml_set(n, "id", ref->node_id);
		iot_xml_set(n, "src", ref->source_id);
		iot_xml_set(n, "pt", ref->partition);
	} else {
		iot_xml_set(n, "sourceId", ref->source_id);
		iot_xml_set(n, "nodeId", ref->node_id);
		iot_xml_set(n, "cacheType", ref->partition);
	}
}

void
iot_conc_add_ref(xmlNode *parent, gboolean nf, const IotNodeRef *ref)
{
	iot_conc_set_ref(iot_xml_add(parent, nf ? "nd" : "node"), nf, ref);
}
