/*
 * iot-format.h — readouts and errors as text for people.
 *
 * Produces plain UTF-8 text (translated, aligned, one line per field, control
 * characters removed, long strings shortened). It does NOT escape markup:
 * whoever shows the text in HTML or Pango (the adapter) escapes it.
 */
#ifndef IOT_FORMAT_H
#define IOT_FORMAT_H

#include <glib.h>

#include "iot-model.h"

G_BEGIN_DECLS

/* Returns: (transfer full): @r as an aligned block: per node and timestamp a
 * header line, then "  name  value unit  categories  [quality]" lines, node
 * failures, and the notes. At most @max_fields field lines; the rest is
 * summarised in one line. Times are local, relative to @now_us. g_free(). */
char *iot_format_readout(const IotReadout *r, guint max_fields, gint64 now_us);

/* Returns: (transfer full): the value of @f for display: the device's lexical
 * number with its unit, booleans as words, dates in local time (only the time
 * when it is the day of @now_us), durations as "1 h 30 min" (longer than
 * IOT_MAX_DURATION_YEARS: "more than 10000 years"). g_free(). */
char *iot_format_value(const IotField *f, gint64 now_us);

/* Returns: (transfer full): category bits in words ("momentary, status"). */
char *iot_format_categories(guint32 categories);

/* Returns: (transfer full): the QoS bits worth telling, in words ("warning,
 * manual estimate"); "" for a plain automatic readout. */
char *iot_format_qos(guint32 qos);

/* Returns: (transfer full): a sentence for a failed request to @who:
 * "thermostat@home.example did not answer within 15 s", "… does not offer
 * sensor data", "… refused: Access denied." … @timeout_s is used for timeouts. */
char *iot_format_error(const char *who, const GError *error, guint timeout_s);

/* Returns: (transfer full): @s with control characters replaced by spaces and
 * cut to @max_chars characters (with "…"). */
char *iot_format_clean(const char *s, guint max_chars);

G_END_DECLS

#endif
