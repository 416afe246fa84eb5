/* iot-concentrator.c — the concentrator model: data sources, nodes, their
 * parameters and messages.
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
	if (n->parameters != NULL)
		g_ptr_array_unref(n->parameters);
	if (n->messages != NULL)
		g_ptr_array_unref(n->messages);
	g_free(n);
}

/* Returns: (transfer full) (nullable): a deep copy of @a, whose elements
 * @copy copies and @free frees. */
static GPtrArray *
copy_array(const GPtrArray *a, gpointer (*copy)(gconstpointer), GDestroyNotify free_fn)
{
	GPtrArray *c;
	guint i;

	if (a == NULL)
		return NULL;
	c = g_ptr_array_new_full(a->len, free_fn);
	for (i = 0; i < a->len; i++)
		g_ptr_array_add(c, copy(g_ptr_array_index(a, i)));
	return c;
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
	c->parameters = copy_array(n->parameters, (gpointer(*)(gconstpointer))iot_node_parameter_copy,
	                           (GDestroyNotify)iot_node_parameter_free);
	c->messages = copy_array(n->messages, (gpointer(*)(gconstpointer))iot_node_message_copy,
	                         (GDestroyNotify)iot_node_message_free);
	return c;
}

IotNodeParameter *
iot_node_parameter_copy(const IotNodeParameter *p)
{
	IotNodeParameter *c;

	g_return_val_if_fail(p != NULL, NULL);
	c = g_new0(IotNodeParameter, 1);
	c->id = g_strdup(p->id);
	c->name = g_strdup(p->name);
	c->type = p->type;
	c->value = g_strdup(p->value);
	return c;
}

void
iot_node_parameter_free(IotNodeParameter *p)
{
	if (p == NULL)
		return;
	g_free(p->id);
	g_free(p->name);
	g_free(p->value);
	g_free(p);
}

IotNodeMessage *
iot_node_message_copy(const IotNodeMessage *m)
{
	IotNodeMessage *c;

	g_return_val_if_fail(m != NULL, NULL);
	c = g_new0(IotNodeMessage, 1);
	c->timestamp = m->timestamp;
	c->type = m->type;
	c->event_id = g_strdup(m->event_id);
	c->text = g_strdup(m->text);
	return c;
}

void
iot_node_message_free(IotNodeMessage *m)
{
	if (m == NULL)
		return;
	g_free(m->event_id);
	g_free(m->text);
	g_free(m);
}
