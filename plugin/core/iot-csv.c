/* iot-csv.c — RFC 4180 CSV of readouts and history series. See iot-csv.h. */
#include "iot-csv.h"

#include "iot-time.h"

#include <string.h>

#define UTF8_BOM "\xEF\xBB\xBF"

gboolean
iot_csv_is_plain_number(const char *s)
{
	const char *p = s;
	gboolean digits = FALSE;

	if (s == NULL)
		return FALSE;
	if (*p == '+' || *p == '-')
		p++;
	while (g_ascii_isdigit(*p)) {
		p++;
		digits = TRUE;
	}
	if (*p == '.') {
		p++;
		while (g_ascii_isdigit(*p)) {
			p++;
			digits = TRUE;
		}
	}
	if (!digits)
		return FALSE;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!g_ascii_isdigit(*p))
			return FALSE;
		while (g_ascii_isdigit(*p))
			p++;
	}
	return *p == '\0';
}

static void
append_valid(GString *out, const char *cell)
{
	const char *s = cell;
	char *fixed = NULL;
	gboolean neutralise, quote;

	if (!g_utf8_validate(cell, -1, NULL))
		s = fixed = g_utf8_make_valid(cell, -1);
	/* OWASP "CSV injection": these first characters start a formula. */
	neutralise = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && !iot_csv_is_plain_number(s);
	/* RFC 4180 §2.6: fields holding a line break, a double quote or a comma
	 * are enclosed in double quotes. */
	quote = strpbrk(s, "\",\r\n") != NULL;
	if (quote)
		g_string_append_c(out, '"');
	if (neutralise)
		g_string_append_c(out, '\'');
	if (quote) {
		const char *p;

		/* §2.7: a double quote inside is escaped by another one. */
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				g_string_append_c(out, '"');
			g_string_append_c(out, *p);
		}
		g_string_append_c(out, '"');
	} else {
		g_string_append(out, s);
	}
	g_free(fixed);
}

void
iot_csv_append_field(GString *out, const char *cell)
{
	g_return_if_fail(out != NULL);
	if (cell != NULL)
		append_valid(out, cell);
}

void
iot_csv_append_record(GString *out, const char *const *cells, guint n)
{
	guint i;

	g_return_if_fail(out != NULL && (cells != NULL || n == 0));
	for (i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(out, ',');
		iot_csv_append_field(out, cells[i]);
	}
	/* §2.1: records end with CRLF. */
	g_string_append(out, "\r\n");
}

static char *
node_text(const IotNodeRef *n)
{
	GString *s = g_string_new(n->node_id ? n->node_id : "");

	if (n->source_id != NULL || n->partition != NULL) {
		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append_printf(s, "(%s", n->source_id ? n->source_id : "");
		if (n->partition != NULL)
			g_string_append_printf(s, ", %s", n->partition);
		g_string_append_c(s, ')');
	}
	return g_string_free(s, FALSE);
}

/* Attribute names of the set bits of @bits, separated by spaces: the names
 * scripts already know from the XEP, untranslated. */
static char *
bit_names(guint32 bits, const char *(*name)(guint32))
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < 32; i++) {
		const char *n;

		if (!(bits & (1u << i)) || (n = name(1u << i)) == NULL)
			continue;
		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append(s, n);
	}
	return g_string_free(s, FALSE);
}

static const char *
category_name(guint32 bit)
{
	return iot_category_attr((IotCategory)bit);
}

static const char *
qos_name(guint32 bit)
{
	return iot_qos_attr((IotQos)bit);
}

char *
iot_csv_quality_text(guint32 qos)
{
	/* XEP-0323 §5.7: no flag means automaticReadout. */
	return bit_names(qos != 0 ? qos : (guint32)IOT_QOS_AUTOMATIC_READOUT, qos_name);
}

static char *
time_text(gint64 us)
{
	return us == IOT_TIME_UNKNOWN ? g_strdup("") : iot_time_format_iso(us);
}

static void
begin(GString *out, IotCsvFlags flags)
{
	if ((flags & IOT_CSV_BOM) && out->len == 0)
		g_string_append(out, UTF8_BOM);
}

void
iot_csv_readout(GString *out, const IotReadout *r, IotCsvFlags flags)
{
	static const char *const header[] = { "node", "field", "value", "unit", "timestamp",
		                              "categories", "quality" };
	guint i;

	g_return_if_fail(out != NULL && r != NULL);
	begin(out, flags);
	iot_csv_append_record(out, header, G_N_ELEMENTS(header));
	for (i = 0; i < r->fields->len; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		char *node = node_text(&f->node), *ts = time_text(f->timestamp);
		char *cats = bit_names(f->categories, category_name), *qos = iot_csv_quality_text(f->qos);
		const char *cells[] = { node, f->name, f->value, f->unit, ts, cats, qos };

		iot_csv_append_record(out, cells, G_N_ELEMENTS(cells));
		g_free(node);
		g_free(ts);
		g_free(cats);
		g_free(qos);
	}
}

void
iot_csv_format_number(char *buf, gsize size, double v)
{
	static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(formats); i++) {
		g_ascii_formatd(buf, (int)size, formats[i], v);
		if (g_ascii_strtod(buf, NULL) == v)
			return;
	}
}

void
iot_csv_series(GString *out, const IotHistorySeries *s, gint64 from, gint64 to,
               IotCsvFlags flags)
{
	static const char *const header[] = { "timestamp", "value", "unit", "quality" };
	GArray *samples;
	guint i;

	g_return_if_fail(out != NULL && s != NULL);
	begin(out, flags);
	iot_csv_append_record(out, header, G_N_ELEMENTS(header));
	samples = iot_history_series_samples(s, from, to);
	for (i = 0; i < samples->len; i++) {
		const IotHistorySample *x = &g_array_index(samples, IotHistorySample, i);
		char num[G_ASCII_DTOSTR_BUF_SIZE];
		char *ts = time_text(x->timestamp), *qos = iot_csv_quality_text(x->qos);
		const char *cells[] = { ts, num, iot_history_series_get_unit(s), qos };

		iot_csv_format_number(num, sizeof num, x->value);
		iot_csv_append_record(out, cells, G_N_ELEMENTS(cells));
		g_free(ts);
		g_free(qos);
	}
	g_array_unref(samples);
}

gboolean
iot_csv_write_file(const char *path, const GString *csv, GError **error)
{
	g_return_val_if_fail(path != NULL && csv != NULL, FALSE);
#if GLIB_CHECK_VERSION(2, 66, 0)
	/* Temporary file in the same directory, fsync, rename: a crash leaves
	 * the old file or the new one, never half of one. */
	return g_file_set_contents_full(path, csv->str, (gssize)csv->len,
	                                G_FILE_SET_CONTENTS_CONSISTENT |
	                                    G_FILE_SET_CONTENTS_DURABLE,
	                                0644, error);
#else
	return g_file_set_contents(path, csv->str, (gssize)csv->len, error);
#endif
}
