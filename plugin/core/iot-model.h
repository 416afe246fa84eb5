/*
 * iot-model.h — one model of sensor data for every protocol generation.
 *
 * Codecs translate each generation's elements into these structures at the
 * edge; formatting, history and the UI only ever see IotField / IotReadout.
 * Values keep their lexical form (XEP-0323: precision is the number of
 * decimals sent, "61.50" ≠ "61.5"), plus a parsed number where one applies.
 */
#ifndef IOT_MODEL_H
#define IOT_MODEL_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	IOT_VALUE_NUMERIC = 0, /* numeric / q: decimal with optional unit */
	IOT_VALUE_STRING,      /* string / s */
	IOT_VALUE_BOOLEAN,     /* boolean / b */
	IOT_VALUE_DATE,        /* date / d */
	IOT_VALUE_DATETIME,    /* dateTime / dt */
	IOT_VALUE_TIME,        /* time / t */
	IOT_VALUE_DURATION,    /* duration, timeSpan / dr */
	IOT_VALUE_ENUM,        /* enum / e (with data type) */
	IOT_VALUE_INT,         /* int / i */
	IOT_VALUE_LONG,        /* long / l */
	IOT_VALUE_TYPE_COUNT
} IotValueType;

/* Field categories ("field types" in XEP-0323). A field may carry several. */
typedef enum {
	IOT_CAT_MOMENTARY = 1 << 0,
	IOT_CAT_PEAK = 1 << 1,
	IOT_CAT_STATUS = 1 << 2,
	IOT_CAT_COMPUTED = 1 << 3,
	IOT_CAT_IDENTITY = 1 << 4,
	IOT_CAT_HIST_SECOND = 1 << 5,
	IOT_CAT_HIST_MINUTE = 1 << 6,
	IOT_CAT_HIST_HOUR = 1 << 7,
	IOT_CAT_HIST_DAY = 1 << 8,
	IOT_CAT_HIST_WEEK = 1 << 9,
	IOT_CAT_HIST_MONTH = 1 << 10,
	IOT_CAT_HIST_QUARTER = 1 << 11,
	IOT_CAT_HIST_YEAR = 1 << 12,
	IOT_CAT_HIST_OTHER = 1 << 13
} IotCategory;

#define IOT_CAT_HISTORICAL                                                                    \
	(IOT_CAT_HIST_SECOND | IOT_CAT_HIST_MINUTE | IOT_CAT_HIST_HOUR | IOT_CAT_HIST_DAY |     \
	 IOT_CAT_HIST_WEEK | IOT_CAT_HIST_MONTH | IOT_CAT_HIST_QUARTER | IOT_CAT_HIST_YEAR |    \
	 IOT_CAT_HIST_OTHER)
/* The thing as it is now: its momentary values and its status (a relay's
 * position, a mode, a setpoint). What /read, the readout window and its
 * automatic updates ask for unless the person names categories. */
#define IOT_CAT_NOW (IOT_CAT_MOMENTARY | IOT_CAT_STATUS)
#define IOT_CAT_ALL                                                                           \
	(IOT_CAT_MOMENTARY | IOT_CAT_PEAK | IOT_CAT_STATUS | IOT_CAT_COMPUTED | IOT_CAT_IDENTITY | \
	 IOT_CAT_HISTORICAL)

/* Quality-of-service flags, in the order XEP-0323 §5.7 lists them. */
typedef enum {
	IOT_QOS_MISSING = 1 << 0,
	IOT_QOS_IN_PROGRESS = 1 << 1,
	IOT_QOS_AUTOMATIC_ESTIMATE = 1 << 2,
	IOT_QOS_MANUAL_ESTIMATE = 1 << 3,
	IOT_QOS_MANUAL_READOUT = 1 << 4,
	IOT_QOS_AUTOMATIC_READOUT = 1 << 5,
	IOT_QOS_TIME_OFFSET = 1 << 6,
	IOT_QOS_WARNING = 1 << 7,
	IOT_QOS_ERROR = 1 << 8,
	IOT_QOS_SIGNED = 1 << 9,
	IOT_QOS_INVOICED = 1 << 10,
	IOT_QOS_END_OF_SERIES = 1 << 11,
	IOT_QOS_POWER_FAILURE = 1 << 12,
	IOT_QOS_INVOICE_CONFIRMED = 1 << 13
} IotQos;
#define IOT_QOS_COUNT 14

/* A node behind a concentrator. All members nullable; NULL node_id = the
 * thing itself. */
typedef struct {
	char *node_id;
	char *source_id;
	char *partition; /* XEP-0323 cacheType, NF pt */
} IotNodeRef;

/* Timestamps are µs since the Unix epoch, UTC. A timestamp sent without a
 * zone is taken as the device's local time = ours (slixmpp does this). */
#define IOT_TIME_UNKNOWN G_MININT64

typedef struct {
	IotNodeRef node;
	gint64 timestamp;       /* IOT_TIME_UNKNOWN when absent or unparseable */
	char *name;             /* never NULL */
	IotValueType type;
	char *value;            /* lexical value as sent (bounded), never NULL */
	double number;          /* parsed number for NUMERIC/INT/LONG, seconds for DURATION */
	gboolean number_valid;  /* FALSE when the lexical value did not parse */
	char *unit;             /* nullable */
	char *enum_type;        /* nullable; enum dataType / NF t */
	guint32 categories;     /* IotCategory bits */
	guint32 qos;            /* IotQos bits; 0 as received means "automaticReadout" */
	char *module;           /* nullable; localization module (lns) */
	char *string_ids;       /* nullable; localization steps (loc) */
	gboolean writable;      /* the field is also a control parameter */
} IotField;

typedef struct {
	IotNodeRef node;
	gint64 timestamp;
	char *text; /* never NULL */
} IotFailure;

/* One readout, possibly assembled from many messages. */
typedef struct {
	GPtrArray *fields;      /* (element-type IotField) owned */
	GPtrArray *failures;    /* (element-type IotFailure) owned */
	GPtrArray *notes;       /* (element-type utf8) owned: translated notes on skipped items */
	guint notes_dropped;    /* notes not kept because IOT_MAX_NOTES was reached */
	guint fields_dropped;   /* fields not kept because IOT_MAX_FIELDS_PER_READOUT was hit */
} IotReadout;

/* Returns: (transfer full): an empty readout; free with iot_readout_free(). */
IotReadout *iot_readout_new(void);
void iot_readout_free(IotReadout *r);

/* Adds a translated note (printf-style) unless IOT_MAX_NOTES is reached, in
 * which case it is only counted. */
void iot_readout_add_note(IotReadout *r, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Returns: (transfer full): a new field with empty name and value; free with
 * iot_field_free(). */
IotField *iot_field_new(void);
void iot_field_free(IotField *f);
/* Returns: (transfer full): a deep copy. */
IotField *iot_field_copy(const IotField *f);

IotFailure *iot_failure_new(void);
void iot_failure_free(IotFailure *f);

/* Copies (deep) @src into @dst, freeing what @dst held. */
void iot_node_ref_copy(IotNodeRef *dst, const IotNodeRef *src);
void iot_node_ref_clear(IotNodeRef *ref);
gboolean iot_node_ref_equal(const IotNodeRef *a, const IotNodeRef *b);

/* Returns: (transfer none): the XEP-0323 element name of @t ("numeric" …). */
const char *iot_value_type_name(IotValueType t);

/* Returns: (transfer none): the XEP-0323 attribute name of a single category
 * bit ("momentary", "historicalDay" …) or NULL. */
const char *iot_category_attr(IotCategory c);
/* Returns: (transfer none): the XEP-0323 attribute name of a single QoS bit
 * ("automaticReadout" …) or NULL. */
const char *iot_qos_attr(IotQos q);

/* Effective QoS: "No QoS flag set ⇒ assume automaticReadout" (XEP-0323 §5.7). */
guint32 iot_field_effective_qos(const IotField *f);

G_END_DECLS

#endif
