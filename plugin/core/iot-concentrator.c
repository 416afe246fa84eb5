/* iot-concentrator.c — the concentrator model: data sources and nodes.
 * See iot-concentrator.h; requests and answers are in iot-concentrator-codec.c. */
#include "iot-concentrator.h"

void
iot_concentrator_source_free(IotConcentratorSource *s)
{
	if (s == NULL)
		return;
	g_free(s->source_id);
	g_free(s->name);
	g_free(s);
}

IotConcentratorSource *
iot_concentrator_source_copy(const IotConcentratorSource *s)
{
	IotConcentratorSource *c;

	g_return_val_if_fail(s != NULL, NULL);
	c = g_new0(IotConcentratorSource, 1);
	c->source_id = g_strdup(s->source_id);
	c->name = g_strdup(s->name);
	c->has_children = s->has_children;
	c->last_changed = s->last_changed;
	return c;
}

IotConcentratorNode *
iot_concentrator_node_new(const char *node_id)
{
	IotConcentratorNode *n;

	g_return_val_if_fail(node_id != NULL, NULL);
	n = g_new0(IotConcentratorNode, 1);
	n->ref.node_id = g_strdup(node_id);
	n->last_changed = IOT_TIME_UNKNOWN;
	return n;
}

void
iot_concentrator_node_free(IotConcentratorNode *n)
{
	if (n == NULL)
		return;
	iot_node_ref_clear(&n->ref);
	g_free(n->display_name);
	g_free(n->node_type);
	g_free(n->local_id);
	g_free(n->log_id);
	g_free(n->parent_id);
	g_free(n->parent_partition);
	g_free(n);
}

IotConcentratorNode *
iot_concentrator_node_copy(const IotConcentratorNode *n)
{
	IotConcentratorNode *c;

	g_return_val_if_fail(n != NULL, NULL);
	c = g_new0(IotConcentratorNode, 1);
	*c = *n;
	c->ref.node_id = NULL;
	c->ref.source_id = NULL;
	c->ref.partition = NULL;
	iot_node_ref_copy(&c->ref, &n->ref);
	c->display_name = g_strdup(n->display_name);
	c->node_type = g_strdup(n->node_type);
	c->local_id = g_strdup(n->local_id);
	c->log_id = g_strdup(n->log_id);
	c->parent_id = g_strdup(n->parent_id);
	c->parent_partition = g_strdup(n->parent_partition);
	return c;
}
