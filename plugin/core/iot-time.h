/*
 * iot-time.h — XML Schema date, time and duration values.
 *
 * Devices send xs:dateTime with or without a zone and with or without
 * fractions; slixmpp sends local time without a zone. Durations come as
 * xs:duration ("PT1H30M", "-P1D"). Parsing is strict enough to reject
 * garbage and lenient enough for every device we have seen.
 */
#ifndef IOT_TIME_H
#define IOT_TIME_H

#include <glib.h>

G_BEGIN_DECLS

/* Parses xs:dateTime. A value without a zone is local time. Returns TRUE and
 * sets *out_us (µs since the epoch, UTC) on success. */
gboolean iot_time_parse_datetime(const char *s, gint64 *out_us);

/* Parses xs:date ("2024-01-10", optional zone) to local midnight. */
gboolean iot_time_parse_date(const char *s, gint64 *out_us);

/* Validates xs:time ("08:15:00", fractions and zone optional); *out_seconds =
 * seconds since midnight (nullable). */
gboolean iot_time_parse_time(const char *s, double *out_seconds);

/* Parses xs:duration to seconds (months count 30 days, years 365 days: used
 * for display and ordering only). */
gboolean iot_time_parse_duration(const char *s, double *out_seconds);

/* Returns: (transfer full): @us formatted as xs:dateTime in UTC with a 'Z'. */
char *iot_time_format_iso(gint64 us);

/* Returns: (transfer full): @us in local time for people: "14:03:10" when it
 * is today (relative to @now_us), else "2024-01-10 08:15:00". */
char *iot_time_format_local(gint64 us, gint64 now_us);

G_END_DECLS

#endif
