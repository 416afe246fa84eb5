/*
 * iot-csv.h — readouts and histories as CSV for spreadsheets and scripts.
 *
 * RFC 4180: UTF-8, CRLF after every record (the last one too), a header
 * record, and a field is put in double quotes when it holds a double quote,
 * a comma, a CR or an LF, with its double quotes doubled. Times are
 * ISO 8601 in UTC with a 'Z' ("2024-01-10T08:15:00Z", fractions only when
 * there are any); an unknown time is an empty field.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ as
 * a formula ("=HYPERLINK(…)", "@SUM(…)"), and some treat a leading TAB or CR
 * the same way. Text a device sent could reach a user's spreadsheet that
 * way, so every cell — names, units, values, whatever their source — that
 * starts with one of = + - @ TAB CR gets a leading apostrophe, which
 * spreadsheets show as text and do not display. The exception are plain
 * decimal numbers, which stay numbers: an optional sign, digits with an
 * optional '.' and fraction (or a '.' and fraction), an optional exponent
 * (e or E, optional sign, digits) and nothing else — "-3.5", "+2", "-1e-3".
 * "-INF", "-", "+ 1", "-3.5 °C" and "-0x10" are not plain numbers.
 *
 * Not here: choosing the file name or showing a save dialog.
 */
#ifndef IOT_CSV_H
#define IOT_CSV_H

#include <glib.h>

#include "iot-history.h"
#include "iot-model.h"

G_BEGIN_DECLS

typedef enum {
	IOT_CSV_NONE = 0,
	/* Starts the text with a UTF-8 byte order mark: Excel needs it to
	 * read the file as UTF-8; other programs do not. */
	IOT_CSV_BOM = 1 << 0
} IotCsvFlags;

/* TRUE when @s is a plain decimal number as defined above. */
gboolean iot_csv_is_plain_number(const char *s);

/* Appends one field (@cell nullable = empty): neutralised against formula
 * injection, then quoted when needed. Invalid UTF-8 is repaired with U+FFFD. */
void iot_csv_append_field(GString *out, const char *cell);

/* Appends one record of @n fields (nullable entries are empty) and CRLF. */
void iot_csv_append_record(GString *out, const char *const *cells, guint n);

/* Writes into @buf (@size bytes, G_ASCII_DTOSTR_BUF_SIZE is enough) the
 * shortest of %.15g, %.16g, %.17g that reads back as @v: "21.5", not
 * "21.500000000000000". Locale-independent ('.' as decimal separator). */
void iot_csv_format_number(char *buf, gsize size, double v);

/* Returns: (transfer full): the XEP-0323 QoS attribute names of @qos,
 * separated by spaces; no flag is "automaticReadout" (XEP-0323 §5.7).
 * g_free(). */
char *iot_csv_quality_text(guint32 qos);

/* Appends @r as a table with the header record
 *   node,field,value,unit,timestamp,categories,quality
 * and one record per field, in the readout's order:
 *   node        the node id ("" for the thing itself), followed by
 *               " (source id)" or " (source id, partition)" when given;
 *   value       the device's lexical form, exactly as sent ("61.50");
 *   categories  XEP-0323 attribute names separated by spaces
 *               ("momentary status");
 *   quality     the XEP-0323 QoS attribute names, separated by spaces; no
 *               flag is written "automaticReadout", as XEP-0323 §5.7 says.
 * Node failures are not fields and are not written. */
void iot_csv_readout(GString *out, const IotReadout *r, IotCsvFlags flags);

/* Appends the samples of @s with @from <= time <= @to (G_MININT64 and
 * G_MAXINT64 for all) with the header record
 *   timestamp,value,unit,quality
 * The value is the shortest decimal that reads back as the same double
 * ("21.5", "1e+21"); unit and quality as above. */
void iot_csv_series(GString *out, const IotHistorySeries *s, gint64 from, gint64 to,
                    IotCsvFlags flags);

/* Writes @csv to @path atomically (a temporary file in the same directory,
 * flushed to disk, renamed over @path), mode 0644. Returns FALSE with
 * @error (G_FILE_ERROR, translated message) when it could not. */
gboolean iot_csv_write_file(const char *path, const GString *csv, GError **error);

G_END_DECLS

#endif
