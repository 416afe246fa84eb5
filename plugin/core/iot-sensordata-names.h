/*
 * iot-sensordata-names.h — element and attribute names of the sensor-data
 * codec, long (XEP-0323) and short (IEEE/NF), in both directions.
 *
 * Internal to iot-sensordata*.c: the parser maps any spelling to the model,
 * the builder picks the spelling of one generation. Keeping both directions
 * in one table file is what makes build → parse round-trip by construction.
 */
#ifndef IOT_SENSORDATA_NAMES_H
#define IOT_SENSORDATA_NAMES_H

#include <glib.h>

#include "iot-model.h"
#include "iot-ns.h"

G_BEGIN_DECLS

typedef enum {
	IOT_SD_EL_UNKNOWN,
	IOT_SD_EL_NODE,      /* node / nd */
	IOT_SD_EL_TIMESTAMP, /* timestamp / ts */
	IOT_SD_EL_FIELD,     /* numeric … / q … */
	IOT_SD_EL_ERR        /* NF err */
} IotSdElement;

typedef enum {
	IOT_SD_AT_NONE,
	IOT_SD_AT_NAME,
	IOT_SD_AT_VALUE,
	IOT_SD_AT_UNIT,
	IOT_SD_AT_ENUM_TYPE,
	IOT_SD_AT_CATEGORY,
	IOT_SD_AT_QOS,
	IOT_SD_AT_MODULE,
	IOT_SD_AT_STRING_IDS,
	IOT_SD_AT_WRITABLE
} IotSdAttr;

/* What a data element named @name is, in either spelling; *type is set for
 * IOT_SD_EL_FIELD. */
IotSdElement iot_sd_element_kind(const char *name, IotValueType *type);

/* What a field attribute named @name is, in either spelling; *bit is set to
 * the IotCategory / IotQos bit for IOT_SD_AT_CATEGORY / IOT_SD_AT_QOS. */
IotSdAttr iot_sd_attr_kind(const char *name, guint32 *bit);

/* Returns: (transfer none): the element name of value type @t in @gen
 * ("numeric", "timeSpan" for urn:xmpp:sn, "q" for short generations …). */
const char *iot_sd_field_element(IotGeneration gen, IotValueType t);

/* Returns: (transfer none) (nullable): the short (NF) attribute name of one
 * QoS bit ("ar" …). */
const char *iot_sd_short_qos_attr(IotQos q);

G_END_DECLS

#endif
