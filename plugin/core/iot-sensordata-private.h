/*
 * iot-sensordata-private.h — internals shared by iot-sensordata*.c.
 *
 * Element and attribute names, long (XEP-0323) and short (IEEE/NF), in both
 * directions (iot-sensordata-names.c): the parser maps any spelling to the
 * model, the builder picks the spelling of one generation, and keeping both
 * directions in one table file is what makes build → parse round-trip by
 * construction. And the lexical values of fields (iot-sensordata-lexical.c).
 * Nothing outside the codec includes this header.
 */
#ifndef IOT_SENSORDATA_PRIVATE_H
#define IOT_SENSORDATA_PRIVATE_H

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

/* xs:boolean "true"/"1" and "false"/"0". Inline: the category and QoS flags
 * of every field of a readout go through here. */
static inline gboolean
iot_sd_is_true(const char *v)
{
	if (v[0] == '1')
		return v[1] == '\0';
	return v[0] == 't' && v[1] == 'r' && v[2] == 'u' && v[3] == 'e' && v[4] == '\0';
}

static inline gboolean
iot_sd_is_false(const char *v)
{
	if (v[0] == '0')
		return v[1] == '\0';
	return v[0] == 'f' && v[1] == 'a' && v[2] == 'l' && v[3] == 's' && v[4] == 'e' && v[5] == '\0';
}

/* xs:double (also INF, -INF, NaN; blanks around allowed; the whole string or
 * nothing). *is_nan tells NaN apart, which is legal but no number. */
gboolean iot_sd_parse_double(const char *s, double *out, gboolean *is_nan);

/* xs:int / xs:long: optional sign, decimal digits, within [@min, @max]. */
gboolean iot_sd_parse_integer(const char *s, gint64 min, gint64 max, gint64 *out);

/* xs:boolean to 1.0 / 0.0, blanks around allowed. */
gboolean iot_sd_parse_boolean(const char *s, double *out);

G_END_DECLS

#endif
