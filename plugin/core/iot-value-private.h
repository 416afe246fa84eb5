/*
 * iot-value-private.h — internals shared by iot-value.c (wire forms, ranges,
 * formatting) and iot-value-input.c (what people type). Nothing outside
 * the value module includes this header.
 */
#ifndef IOT_VALUE_PRIVATE_H
#define IOT_VALUE_PRIVATE_H

#include <glib.h>

#include "iot-value.h"

G_BEGIN_DECLS

/* Longest duration we convert (about 31,000 years): far beyond any timer a
 * thing has, and small enough that whole seconds stay exact in a double. */
#define IOT_VALUE_MAX_DURATION_SECONDS 1e12

gboolean iot_value_blank(char c);

/* Returns: (transfer full): @s without surrounding blanks. */
char *iot_value_trimmed(const char *s);

/* Returns: (transfer none): spec->label, or the translated "The value". */
const char *iot_value_who(const IotValueSpec *spec);

/* Sets @error (IOT_ERROR_BAD_REQUEST) to @message (transfer full). */
void iot_value_refuse(GError **error, char *message);

/* Bytes of an xs:double-shaped number at the start of @s (no INF/NaN), 0
 * when there is none; *is_integer: neither fraction digits nor exponent. */
gsize iot_value_scan_number(const char *s, gboolean *is_integer);

/* The whole of @s is an xs:int/xs:long within [@min, @max]. */
gboolean iot_value_parse_int64(const char *s, gint64 min, gint64 max, gint64 *out);

/* The whole of @s is an xs:double (INF, -INF, NaN included). */
gboolean iot_value_parse_xs_double(const char *s, double *out);

/* Returns: (transfer full): the first @len bytes of a valid number, tidied
 * for the wire (no '+', a digit on both sides of a point). */
char *iot_value_tidy_number(const char *s, gsize len);

/* The first @n bytes of @s are hex digits and @s ends there. */
gboolean iot_value_all_hex(const char *s, gsize n);

G_END_DECLS

#endif
