/*
 * iot-value.h — control values: what a person types, and what goes on the wire.
 *
 * XEP-0325 and its successors set typed parameters (boolean, color, date,
 * dateTime, double, duration, int, long, string, time, and the NF enum).
 * This module turns what someone types into a chat or a dialog ("on",
 * "21.5 °C", "#FF8800", "1h30m", "2024-05-01 08:00") into the lexical form
 * the wire carries ("true", "21.5", "FF8800", "PT1H30M",
 * "2024-05-01T08:00:00"), checking the type, an expected unit and a range on
 * the way; every refusal is one translated sentence that names the parameter
 * and says what is expected. It also writes canonical wire values from
 * numbers, colours and times. It knows nothing about elements or forms: the
 * codecs (iot-control.h) and forms (iot-dataform.h) build on it.
 */
#ifndef IOT_VALUE_H
#define IOT_VALUE_H

#include <glib.h>

G_BEGIN_DECLS

/* The parameter types of XEP-0325 §4 (long names) and NF Control (short
 * names). ENUM exists only in the NF family (`e` with a type name `t`); the
 * XSF family sends enumerations as strings. */
typedef enum {
	IOT_CONTROL_BOOLEAN = 0, /* boolean / b */
	IOT_CONTROL_COLOR,       /* color / cl: RRGGBB or RRGGBBAA */
	IOT_CONTROL_DATE,        /* date / d */
	IOT_CONTROL_DATETIME,    /* dateTime / dt */
	IOT_CONTROL_DOUBLE,      /* double / db */
	IOT_CONTROL_DURATION,    /* duration / dr */
	IOT_CONTROL_ENUM,        /* NF e (+t); string in XSF generations */
	IOT_CONTROL_INT,         /* int / i */
	IOT_CONTROL_LONG,        /* long / l */
	IOT_CONTROL_STRING,      /* string / s */
	IOT_CONTROL_TIME,        /* time / t */
	IOT_CONTROL_TYPE_COUNT
} IotControlType;

/* Returns: (transfer none): the XEP-0325 element name of @t ("boolean",
 * "dateTime" …; "string" for ENUM), or "" for an invalid @t. */
const char *iot_control_type_name(IotControlType t);

/* Parses an XEP-0325 long element name or an NF short one ("boolean", "b",
 * "cl", "e" …; Smack's "bool" too). Returns FALSE for anything else. */
gboolean iot_control_type_from_name(const char *name, IotControlType *out);

/* What is known about the parameter a value is typed for. All strings are
 * borrowed (transfer none) and nullable. */
typedef struct {
	IotControlType type;
	const char *label; /* how the person knows it ("Setpoint"); NULL = "The value" */
	const char *unit;  /* the unit numbers are in (e.g. "°C"); a unit typed must match */
	const char *min;   /* inclusive bounds, lexical in the type's wire form */
	const char *max;
	gboolean alpha;    /* COLOR: an alpha channel is required (xdc:ColorAlpha) */
	gboolean no_alpha; /* COLOR: no alpha channel allowed (xdc:Color) */
} IotValueSpec;

/* Parses @input, as typed by a person, for a parameter described by @spec:
 *   boolean   on/off, true/false, yes/no, 1/0 (any case)
 *   numbers   "21.5", "-3", "1e3", with an optional unit ("21.5 °C",
 *             "21.5°C"); a decimal comma ("21,5") is refused with a hint;
 *             int and long must be whole and fit 32 / 64 bits
 *   color     "#RRGGBB", "#RRGGBBAA", "RRGGBB", "RRGGBBAA"
 *   date      "2024-05-01"; time "08:00" or "08:00:00"; dateTime
 *             "2024-05-01T08:00:00" or "2024-05-01 08:00", zone optional
 *   duration  xs:duration ("PT1H30M") or short ("1h30m", "90s", "2d 4h",
 *             "500ms", "01:30:00")
 *   string    as is (enum too)
 * Returns: (transfer full) (nullable): the canonical wire value (g_free), or
 * NULL with @error (IOT_ERROR_BAD_REQUEST) holding one translated sentence
 * that names the parameter and says what is expected. */
char *iot_value_parse(const IotValueSpec *spec, const char *input, GError **error);

/* Checks that @wire is a valid lexical value of @t (strictly the wire form,
 * no units, no short durations). Returns: (transfer full) (nullable): its
 * canonical form (booleans "true"/"false", colours upper-case, integers
 * without sign or leading zeros, blanks trimmed; strings unchanged), or NULL
 * when @wire is not of type @t. */
char *iot_value_canonical(IotControlType t, const char *wire);

/* Compares two valid wire values of type @t (numbers, dates, times,
 * durations by value; others as strings). Sets *@cmp to <0, 0 or >0 and
 * returns TRUE; FALSE when either does not parse. */
gboolean iot_value_compare(IotControlType t, const char *a, const char *b, int *cmp);

/* Checks @wire (valid, of spec->type) against spec->min / spec->max.
 * Returns: (transfer full) (nullable): NULL when within range, else a
 * translated sentence ("Setpoint must be between 5 and 30."). Bounds that
 * do not parse are ignored. */
char *iot_value_check_range(const IotValueSpec *spec, const char *wire);

/* Canonical wire values (transfer full, g_free):
 * "true"/"false"; decimal integers; the shortest decimal that reads back as
 * @v (finite values only; "NaN", "INF", "-INF" otherwise); "RRGGBB" or
 * "RRGGBBAA"; "YYYY-MM-DD"; "HH:MM:SS" (+ fractions when @seconds has them);
 * xs:duration from seconds ("PT1H30M", "-PT5S", "PT0S"). */
char *iot_value_format_boolean(gboolean v);
char *iot_value_format_integer(gint64 v);
char *iot_value_format_double(double v);
char *iot_value_format_color(guint8 r, guint8 g, guint8 b, gboolean has_alpha, guint8 a);
char *iot_value_format_date(int year, int month, int day);
char *iot_value_format_time(double seconds);
char *iot_value_format_duration(double seconds);

/* Returns: (transfer full): the translated sentence "@label must be a whole
 * number from @min to @max." (@label nullable). */
char *iot_value_integer_bounds_message(const char *label, gint64 min, gint64 max);

/* Reads a wire colour ("RRGGBB" or "RRGGBBAA", any case). *has_alpha and *a
 * (nullable) tell the alpha channel, 255 when absent. */
gboolean iot_value_parse_color(const char *wire, guint8 *r, guint8 *g, guint8 *b,
                               gboolean *has_alpha, guint8 *a);

G_END_DECLS

#endif
