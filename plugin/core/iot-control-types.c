/*
 * iot-control-types.c — the XEP-0325 §5.2 type map: which control type a
 * parameter has, from a form field's XEP-0122 datatype or from the
 * sensor-data field of the same name. See iot-control.h.
 */
#include "iot-control.h"

#include <string.h>

IotControlType
iot_control_type_for_form_field(const IotFormField *field)
{
	IotValueSpec spec;

	g_return_val_if_fail(field != NULL, IOT_CONTROL_STRING);
	if (field->type == IOT_FORM_FIELD_BOOLEAN)
		return IOT_CONTROL_BOOLEAN;
	if (field->type != IOT_FORM_FIELD_TEXT_SINGLE)
		return IOT_CONTROL_STRING;
	iot_dataform_field_spec(field, &spec);
	return spec.type;
}

IotControlType
iot_control_type_for_sensor_field(const IotField *field)
{
	g_return_val_if_fail(field != NULL, IOT_CONTROL_STRING);
	switch (field->type) {
	case IOT_VALUE_NUMERIC: return IOT_CONTROL_DOUBLE;
	case IOT_VALUE_BOOLEAN: return IOT_CONTROL_BOOLEAN;
	case IOT_VALUE_DATE: return IOT_CONTROL_DATE;
	case IOT_VALUE_DATETIME: return IOT_CONTROL_DATETIME;
	case IOT_VALUE_TIME: return IOT_CONTROL_TIME;
	case IOT_VALUE_DURATION: return IOT_CONTROL_DURATION;
	case IOT_VALUE_ENUM: return IOT_CONTROL_ENUM;
	case IOT_VALUE_INT: return IOT_CONTROL_INT;
	case IOT_VALUE_LONG: return IOT_CONTROL_LONG;
	default: return IOT_CONTROL_STRING;
	}
}

const IotField *
iot_control_find_sensor_field(const IotReadout *readout, const char *name)
{
	const IotField *best = NULL;
	int best_score = -1;
	guint i;

	g_return_val_if_fail(readout != NULL, NULL);
	for (i = 0; name != NULL && i < readout->fields->len; i++) {
		const IotField *f = g_ptr_array_index(readout->fields, i);
		int score = 0;

		if (strcmp(f->name, name) != 0 || (f->qos & IOT_QOS_MISSING))
			continue;
		if (f->writable)
			score += 4;
		if (f->categories & IOT_CAT_MOMENTARY)
			score += 2;
		else if (f->categories & IOT_CAT_STATUS)
			score += 1;
		if (score > best_score) {
			best = f;
			best_score = score;
		}
	}
	return best;
}
