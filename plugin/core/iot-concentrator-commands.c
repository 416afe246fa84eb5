/* iot-concentrator-commands.c — node commands, addable node types, per-node
 * results and form errors: the small records a concentrator reply holds.
 * See iot-concentrator-request.h. */
#include "iot-concentrator-request.h"

#include "iot-concentrator-private.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

void
iot_concentrator_command_free(IotConcentratorCommand *c)
{
	if (c == NULL)
		return;
	g_free(c->id);
	g_free(c->name);
	g_free(c->sort_category);
	g_free(c->sort_key);
	g_free(c->confirmation);
	g_free(c->success);
	g_free(c->failure);
	g_free(c);
}

IotConcentratorCommand *
iot_concentrator_command_copy(const IotConcentratorCommand *c)
{
	IotConcentratorCommand *d;

	g_return_val_if_fail(c != NULL, NULL);
	d = g_new0(IotConcentratorCommand, 1);
	d->id = g_strdup(c->id);
	d->name = g_strdup(c->name);
	d->type = c->type;
	d->sort_category = g_strdup(c->sort_category);
	d->sort_key = g_strdup(c->sort_key);
	d->confirmation = g_strdup(c->confirmation);
	d->success = g_strdup(c->success);
	d->failure = g_strdup(c->failure);
	return d;
}

IotConcentratorCommand *
iot_concentrator_command_parse(const xmlNode *el)
{
	IotConcentratorCommand *c;
	const char *type;
	char *id;

	if (!iot_xml_is(el, "command", NULL) || (id = iot_conc_identity(el, "command", NULL)) == NULL)
		return NULL;
	if (*id == '\0') {
		g_free(id);
		return NULL;
	}
	c = g_new0(IotConcentratorCommand, 1);
	c->id = id;
	c->name = iot_conc_label(el, "name", IOT_MAX_LABEL_BYTES);
	if (c->name == NULL || *c->name == '\0') {
		g_free(c->name);
		c->name = g_strdup(id);
	}
	/* XEP-0326 spells it Parameterized, Waher's CommandType Parametrized. */
	type = iot_xml_attr(el, "type");
	if (g_strcmp0(type, "Query") == 0)
		c->type = IOT_COMMAND_QUERY;
	else if (g_strcmp0(type, "Parameterized") == 0 || g_strcmp0(type, "Parametrized") == 0)
		c->type = IOT_COMMAND_PARAMETRIZED;
	else
		c->type = IOT_COMMAND_SIMPLE;
	c->sort_category = iot_conc_label(el, "sortCategory", IOT_MAX_LABEL_BYTES);
	c->sort_key = iot_conc_label(el, "sortKey", IOT_MAX_LABEL_BYTES);
	c->confirmation = iot_conc_label(el, "confirmationString", IOT_MAX_LABEL_BYTES);
	c->success = iot_conc_label(el, "successString", IOT_MAX_LABEL_BYTES);
	c->failure = iot_conc_label(el, "failureString", IOT_MAX_LABEL_BYTES);
	return c;
}

static int
cmp_text(const char *a, const char *b)
{
	char *ka = g_utf8_collate_key(a ? a : "", -1), *kb = g_utf8_collate_key(b ? b : "", -1);
	int r = strcmp(ka, kb);

	g_free(ka);
	g_free(kb);
	return r;
}

static gint
by_menu_order(gconstpointer pa, gconstpointer pb)
{
	const IotConcentratorCommand *a = *(IotConcentratorCommand *const *)pa;
	const IotConcentratorCommand *b = *(IotConcentratorCommand *const *)pb;
	int r = cmp_text(a->sort_category, b->sort_category);

	if (r == 0)
		r = cmp_text(a->sort_key, b->sort_key);
	if (r == 0)
		r = cmp_text(a->name, b->name);
	return r;
}

void
iot_concentrator_commands_sort(GPtrArray *commands)
{
	g_return_if_fail(commands != NULL);
	/* g_ptr_array_sort is a stable merge sort in GLib ≥ 2.32. */
	g_ptr_array_sort(commands, by_menu_order);
}

const IotConcentratorCommand *
iot_concentrator_commands_find(const GPtrArray *commands, const char *id)
{
	guint i;

	for (i = 0; commands != NULL && id != NULL && i < commands->len; i++) {
		const IotConcentratorCommand *c = g_ptr_array_index(commands, i);

		if (strcmp(c->id, id) == 0)
			return c;
	}
	return NULL;
}

void
iot_concentrator_node_type_free(IotConcentratorNodeType *t)
{
	if (t == NULL)
		return;
	g_free(t->type);
	g_free(t->name);
	g_free(t);
}

void
iot_concentrator_form_error_free(IotConcentratorFormError *e)
{
	if (e == NULL)
		return;
	g_free(e->var);
	g_free(e->text);
	g_free(e);
}

void
iot_concentrator_node_result_free(IotConcentratorNodeResult *r)
{
	if (r == NULL)
		return;
	g_free(r->error);
	g_free(r);
}
