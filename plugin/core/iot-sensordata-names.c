/* iot-sensordata-names.c — both spellings of sensor-data names. See
 * iot-sensordata-names.h; facts: protocols.md §2.4, §3.1. */
#include "iot-sensordata-private.h"

#include <string.h>

/* Element names of both spellings. A switch on the first character keeps
 * this to one or two comparisons per element. */
IotSdElement
iot_sd_element_kind(const char *n, IotValueType *type)
{
#define IS(lit) (strcmp(n, lit) == 0)
#define FIELD(t) (*type = (t), IOT_SD_EL_FIELD)
	switch (n[0]) {
	case 'b':
		if (n[1] == '\0' || IS("boolean"))
			return FIELD(IOT_VALUE_BOOLEAN);
		break;
	case 'd':
		if (n[1] == '\0' || IS("date"))
			return FIELD(IOT_VALUE_DATE);
		if (IS("dt") || IS("dateTime"))
			return FIELD(IOT_VALUE_DATETIME);
		if (IS("dr") || IS("duration"))
			return FIELD(IOT_VALUE_DURATION);
		break;
	case 'e':
		if (n[1] == '\0' || IS("enum"))
			return FIELD(IOT_VALUE_ENUM);
		if (IS("err"))
			return IOT_SD_EL_ERR;
		break;
	case 'i':
		if (n[1] == '\0' || IS("int"))
			return FIELD(IOT_VALUE_INT);
		break;
	case 'l':
		if (n[1] == '\0' || IS("long"))
			return FIELD(IOT_VALUE_LONG);
		break;
	case 'n':
		if (IS("numeric"))
			return FIELD(IOT_VALUE_NUMERIC);
		if (IS("nd") || IS("node"))
			return IOT_SD_EL_NODE;
		break;
	case 'q':
		if (n[1] == '\0')
			return FIELD(IOT_VALUE_NUMERIC);
		break;
	case 's':
		if (n[1] == '\0' || IS("string"))
			return FIELD(IOT_VALUE_STRING);
		break;
	case 't':
		if (n[1] == '\0' || IS("time"))
			return FIELD(IOT_VALUE_TIME);
		if (IS("ts") || IS("timestamp"))
			return IOT_SD_EL_TIMESTAMP;
		/* XEP-0323 v0.1–v0.2 and slixmpp: renamed duration in v0.3. */
		if (IS("timeSpan"))
			return FIELD(IOT_VALUE_DURATION);
		break;
	default:
		break;
	}
	return IOT_SD_EL_UNKNOWN;
#undef FIELD
#undef IS
}

/* Field attribute names of both spellings; *bit receives the category or
 * QoS bit for IOT_SD_AT_CATEGORY / IOT_SD_AT_QOS. */
IotSdAttr
iot_sd_attr_kind(const char *n, guint32 *bit)
{
#define IS(lit) (strcmp(n, lit) == 0)
#define CAT(b) (*bit = (b), IOT_SD_AT_CATEGORY)
#define QOS(b) (*bit = (b), IOT_SD_AT_QOS)
	switch (n[0]) {
	case 'a':
		if (IS("ar") || IS("automaticReadout"))
			return QOS(IOT_QOS_AUTOMATIC_READOUT);
		if (IS("ae") || IS("automaticEstimate"))
			return QOS(IOT_QOS_AUTOMATIC_ESTIMATE);
		break;
	case 'c':
		if (n[1] == '\0' || IS("computed"))
			return CAT(IOT_CAT_COMPUTED);
		if (IS("ctr"))
			return IOT_SD_AT_WRITABLE;
		break;
	case 'd':
		if (IS("dataType"))
			return IOT_SD_AT_ENUM_TYPE;
		break;
	case 'e':
		if (IS("er") || IS("error"))
			return QOS(IOT_QOS_ERROR);
		if (IS("eos") || IS("endOfSeries"))
			return QOS(IOT_QOS_END_OF_SERIES);
		break;
	case 'h':
		/* NF has one historical category; it stands for XEP-0323's
		 * "historicalOther", the period it does not name. */
		if (n[1] == '\0' || IS("historical") || IS("historicalOther"))
			return CAT(IOT_CAT_HIST_OTHER);
		if (strncmp(n, "historical", 10) == 0) {
			const char *p = n + 10;

			if (strcmp(p, "Second") == 0)
				return CAT(IOT_CAT_HIST_SECOND);
			if (strcmp(p, "Minute") == 0)
				return CAT(IOT_CAT_HIST_MINUTE);
			if (strcmp(p, "Hour") == 0)
				return CAT(IOT_CAT_HIST_HOUR);
			if (strcmp(p, "Day") == 0)
				return CAT(IOT_CAT_HIST_DAY);
			if (strcmp(p, "Week") == 0)
				return CAT(IOT_CAT_HIST_WEEK);
			if (strcmp(p, "Month") == 0)
				return CAT(IOT_CAT_HIST_MONTH);
			if (strcmp(p, "Quarter") == 0)
				return CAT(IOT_CAT_HIST_QUARTER);
			if (strcmp(p, "Year") == 0)
				return CAT(IOT_CAT_HIST_YEAR);
		}
		break;
	case 'i':
		/* "identification" appears in one XEP-0323 example. */
		if (n[1] == '\0' || IS("identity") || IS("identification"))
			return CAT(IOT_CAT_IDENTITY);
		if (IS("iv") || IS("invoiced"))
			return QOS(IOT_QOS_INVOICED);
		if (IS("ic") || IS("invoiceConfirmed"))
			return QOS(IOT_QOS_INVOICE_CONFIRMED);
		if (IS("inProgress"))
			return QOS(IOT_QOS_IN_PROGRESS);
		break;
	case 'l':
		if (IS("lns"))
			return IOT_SD_AT_MODULE;
		if (IS("loc"))
			return IOT_SD_AT_STRING_IDS;
		break;
	case 'm':
		if (n[1] == '\0' || IS("momentary"))
			return CAT(IOT_CAT_MOMENTARY);
		if (IS("ms") || IS("missing"))
			return QOS(IOT_QOS_MISSING);
		if (IS("mr") || IS("manualReadout"))
			return QOS(IOT_QOS_MANUAL_READOUT);
		if (IS("me") || IS("manualEstimate"))
			return QOS(IOT_QOS_MANUAL_ESTIMATE);
		if (IS("module"))
			return IOT_SD_AT_MODULE;
		break;
	case 'n':
		if (n[1] == '\0' || IS("name"))
			return IOT_SD_AT_NAME;
		break;
	case 'o':
		if (IS("of"))
			return QOS(IOT_QOS_TIME_OFFSET);
		break;
	case 'p':
		if (n[1] == '\0' || IS("peak"))
			return CAT(IOT_CAT_PEAK);
		if (IS("pr"))
			return QOS(IOT_QOS_IN_PROGRESS);
		if (IS("pf") || IS("powerFailure"))
			return QOS(IOT_QOS_POWER_FAILURE);
		break;
	case 's':
		if (n[1] == '\0' || IS("status"))
			return CAT(IOT_CAT_STATUS);
		if (IS("so") || IS("signed"))
			return QOS(IOT_QOS_SIGNED);
		if (IS("stringIds"))
			return IOT_SD_AT_STRING_IDS;
		break;
	case 't':
		if (n[1] == '\0')
			return IOT_SD_AT_ENUM_TYPE;
		if (IS("timeOffset"))
			return QOS(IOT_QOS_TIME_OFFSET);
		break;
	case 'u':
		if (n[1] == '\0' || IS("unit"))
			return IOT_SD_AT_UNIT;
		break;
	case 'v':
		if (n[1] == '\0' || IS("value"))
			return IOT_SD_AT_VALUE;
		break;
	case 'w':
		if (n[1] == '\0' || IS("warning"))
			return QOS(IOT_QOS_WARNING);
		if (IS("writable"))
			return IOT_SD_AT_WRITABLE;
		break;
	default:
		break;
	}
	return IOT_SD_AT_NONE;
#undef QOS
#undef CAT
#undef IS
}

const char *
iot_sd_field_element(IotGeneration gen, IotValueType t)
{
	/* Indexed by IotValueType. */
	static const char *const short_names[IOT_VALUE_TYPE_COUNT] = {
		"q", "s", "b", "d", "dt", "t", "dr", "e", "i", "l"
	};

	if (t >= IOT_VALUE_TYPE_COUNT)
		t = IOT_VALUE_STRING;
	if (iot_generation_is_short(gen))
		return short_names[t];
	/* v0.1 knew durations only as timeSpan (renamed in XEP-0323 v0.3). */
	if (gen == IOT_GEN_SN && t == IOT_VALUE_DURATION)
		return "timeSpan";
	return iot_value_type_name(t);
}

const char *
iot_sd_short_qos_attr(IotQos q)
{
	/* In IotQos bit order (XEP-0323 §5.7 = NF SensorData.md order). */
	static const char *const names[IOT_QOS_COUNT] = {
		"ms", "pr", "ae", "me", "mr", "ar", "of", "w", "er", "so", "iv", "eos", "pf", "ic"
	};
	guint i;

	for (i = 0; i < IOT_QOS_COUNT; i++)
		if ((guint32)q == (1u << i))
			return names[i];
	return NULL;
}
