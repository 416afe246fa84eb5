/* iot-concentrator-events.c — data-source events of every generation. See
 * iot-concentrator-events.h. */
#include "iot-concentrator-events.h"

#include "iot-concentrator-private.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

void
iot_source_event_free(IotSourceEvent *e)
{
	if (e == NULL)
		return;
	iot_concentrator_node_free(e->node);
	g_free(e->old_id);
	g_free(e->after_id);
	g_free(e->after_partition);
	g_free(e);
}

IotSourceEvent *
iot_source_event_copy(const IotSourceEvent *e)
{
	IotSourceEvent *c;

	g_return_val_if_fail(e != NULL, NULL);
	c = g_new0(IotSourceEvent, 1);
	c->type = e->type;
	c->node = iot_concentrator_node_copy(e->node);
	c->old_id = g_strdup(e->old_id);
	c->after_id = g_strdup(e->after_id);
	c->after_partition = g_strdup(e->after_partition);
	c->timestamp = e->timestamp;
	return c;
}

/* The kind of event element @el, or 0. */
static IotSourceEventType
event_type(const xmlNode *el)
{
	guint32 bit;

	if (el == NULL || el->type != XML_ELEMENT_NODE || !iot_conc_is_ns(iot_xml_ns(el)))
		return 0;
	for (bit = IOT_SOURCE_EVENT_NODE_ADDED; bit <= IOT_SOURCE_EVENT_NODE_MOVED_DOWN; bit <<= 1)
		if (strcmp((const char *)el->name, iot_source_event_name((IotSourceEventType)bit)) == 0)
			return (IotSourceEventType)bit;
	return 0;
}

gboolean
iot_concentrator_is_event(const xmlNode *el)
{
	return event_type(el) != 0;
}

IotSourceEvent *
iot_concentrator_event_parse(const xmlNode *el)
{
	IotSourceEventType type = event_type(el);
	IotConcentratorNode *n;
	IotSourceEvent *e;

	if (type == 0 || (n = iot_conc_read_node(el, NULL)) == NULL)
		return NULL;
	if (n->ref.source_id == NULL) {
		/* Without its source, an event names no node for sure. */
		iot_concentrator_node_free(n);
		return NULL;
	}
	if (type != IOT_SOURCE_EVENT_NODE_ADDED && type != IOT_SOURCE_EVENT_NODE_UPDATED) {
		/* Only added and updated describe the whole node; the rest only
		 * name it (a status change: its state and messages). */
		g_clear_pointer(&n->parameters, g_ptr_array_unref);
		n->parameters_dropped = 0;
		if (type != IOT_SOURCE_EVENT_NODE_STATUS_CHANGED)
			g_clear_pointer(&n->messages, g_ptr_array_unref);
	}
	e = g_new0(IotSourceEvent, 1);
	e->type = type;
	e->node = n;
	e->timestamp = iot_conc_timestamp(el, "ts");
	if (type == IOT_SOURCE_EVENT_NODE_UPDATED) {
		e->old_id = iot_conc_identity(el, "oid", "oldId");
		if (e->old_id != NULL && (*e->old_id == '\0' || strcmp(e->old_id, n->ref.node_id) == 0))
			g_clear_pointer(&e->old_id, g_free);
	}
	if (type == IOT_SOURCE_EVENT_NODE_ADDED) {
		e->after_id = iot_conc_identity(el, "aid", "afterNodeId");
		e->after_partition = iot_conc_identity(el, "apt", "afterNodeCacheType");
	}
	return e;
}

GPtrArray *
iot_concentrator_events_parse(const xmlNode *message, guint *dropped)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_source_event_free);
	const xmlNode *c;
	guint lost = 0;

	for (c = iot_xml_first(message); c != NULL; c = iot_xml_next(c)) {
		IotSourceEvent *e;

		if (event_type(c) == 0)
			continue;
		if (out->len >= IOT_MAX_CONCENTRATOR_EVENTS_PER_MESSAGE || (e = iot_concentrator_event_parse(c)) == NULL)
			lost++;
		else
			g_ptr_array_add(out, e);
	}
	if (dropped)
		*dropped = lost;
	return out;
}

guint
iot_concentrator_subscription_renew_s(IotGeneration gen, guint ttl_s)
{
	guint renew;

	if (!iot_generation_is_short(gen) || ttl_s == 0)
		return 0;
	renew = ttl_s / 4 * 3 + (ttl_s % 4) * 3 / 4;
	if (ttl_s >= 20 && renew > ttl_s - 5)
		renew = ttl_s - 5;
	return MAX(renew, 1);
}
