/* iot-model.c — constructors and destructors of the sensor-data model. */
#include "iot-model.h"

#include "iot-limits.h"

#include <string.h>

IotReadout *
iot_readout_new(void)
{
	IotReadout *r = g_new0(IotReadout, 1);

	r->fields = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	r->failures = g_ptr_array_new_with_free_func((GDestroyNotify)iot_failure_free);
	r->notes = g_ptr_array_new_with_free_func(g_free);
	return r;
}

void
iot_readout_free(IotReadout *r)
{
	if (r == NULL)
		return;
	g_ptr_array_free(r->fields, TRUE);
	g_ptr_array_free(r->failures, TRUE);
	g_ptr_array_free(r->notes, TRUE);
	g_free(r);
}

void
iot_readout_add_note(IotReadout *r, const char *fmt, ...)
{
	va_list ap;

	g_return_if_fail(r != NULL && fmt != NULL);
	if (r->notes->len >= IOT_MAX_NOTES) {
		r->notes_dropped++;
		return;
	}
	va_start(ap, fmt);
	g_ptr_array_add(r->notes, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

IotField *
iot_field_new(void)
{
	IotField *f = g_new0(IotField, 1);

	f->timestamp = IOT_TIME_UNKNOWN;
	f->name = g_strdup("");
	f->value = g_strdup("");
	return f;
}

void
iot_field_free(IotField *f)
{
	if (f == NULL)
		return;
	iot_node_ref_clear(&f->node);
	g_free(f->name);
	g_free(f->value);
	g_free(f->unit);
	g_free(f->enum_type);
	g_free(f->module);
	g_free(f->string_ids);
	g_free(f);
}

IotField *
iot_field_copy(const IotField *f)
{
	IotField *c;

	g_return_val_if_fail(f != NULL, NULL);
	c = g_new0(IotField, 1);
	*c = *f;
	c->node.node_id = NULL;
	c->node.source_id = NULL;
	c->node.partition = NULL;
	iot_node_ref_copy(&c->node, &f->node);
	c->name = g_strdup(f->name);
	c->value = g_strdup(f->value);
	c->unit = g_strdup(f->unit);
	c->enum_type = g_strdup(f->enum_type);
	c->module = g_strdup(f->module);
	c->string_ids = g_strdup(f->string_ids);
	return c;
}

IotFailure *
iot_failure_new(void)
{
	IotFailure *f = g_new0(IotFailure, 1);

	f->timestamp = IOT_TIME_UNKNOWN;
	f->text = g_strdup("");
	return f;
}

void
iot_failure_free(IotFailure *f)
{
	if (f == NULL)
		return;
	iot_node_ref_clear(&f->node);
	g_free(f->text);
	g_free(f);
}

void
iot_node_ref_clear(IotNodeRef *ref)
{
	if (ref == NULL)
		return;
	g_clear_pointer(&ref->node_id, g_free);
	g_clear_pointer(&ref->source_id, g_free);
	g_clear_pointer(&ref->partition, g_free);
}

void
iot_node_ref_copy(IotNodeRef *dst, const IotNodeRef *src)
{
	char *n, *s, *p;

	g_return_if_fail(dst != NULL && src != NULL);
	n = g_strdup(src->node_id);
	s = g_strdup(src->source_id);
	p = g_strdup(src->partition);
	iot_node_ref_clear(dst);
	dst->node_id = n;
	dst->source_id = s;
	dst->partition = p;
}

gboolean
iot_node_ref_equal(const IotNodeRef *a, const IotNodeRef *b)
{
	return g_strcmp0(a->node_id, b->node_id) == 0 && g_strcmp0(a->source_id, b->source_id) == 0 &&
	       g_strcmp0(a->partition, b->partition) == 0;
}

const char *
iot_value_type_name(IotValueType t)
{
	static const char *const names[IOT_VALUE_TYPE_COUNT] = {
		"numeric", "string", "boolean", "date", "dateTime", "time", "duration", "enum", "int", "long"
	};
	return (t < IOT_VALUE_TYPE_COUNT) ? names[t] : "string";
}

static const char *const category_attrs[] = {
	"momentary",        "peak",             "status",         "computed",         "identity",
	"historicalSecond", "historicalMinute", "historicalHour", "historicalDay",    "historicalWeek",
	"historicalMonth",  "historicalQuarter", "historicalYear", "historicalOther",
};

const char *
iot_category_attr(IotCategory c)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(category_attrs); i++)
		if ((guint32)c == (1u << i))
			return category_attrs[i];
	return NULL;
}

static const char *const qos_attrs[IOT_QOS_COUNT] = {
	"missing",         "inProgress", "automaticEstimate", "manualEstimate", "manualReadout",
	"automaticReadout", "timeOffset", "warning",           "error",          "signed",
	"invoiced",        "endOfSeries", "powerFailure",     "invoiceConfirmed",
};

const char *
iot_qos_attr(IotQos q)
{
	guint i;

	for (i = 0; i < IOT_QOS_COUNT; i++)
		if ((guint32)q == (1u << i))
			return qos_attrs[i];
	return NULL;
}

guint32
iot_field_effective_qos(const IotField *f)
{
	return f->qos != 0 ? f->qos : (guint32)IOT_QOS_AUTOMATIC_READOUT;
}
