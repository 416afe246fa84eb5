/* iot-value.c — control value types, lexical forms on the wire, ranges and
 * canonical formatting. See iot-value.h; what people type is read in
 * iot-value-input.c. */
#include "iot-value.h"

#include "iot-value-private.h"

#include "iot-error.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static const struct {
	const char *long_name;
	const char *short_name;
} type_names[IOT_CONTROL_TYPE_COUNT] = {
	[IOT_CONTROL_BOOLEAN] = { "boolean", "b" },   [IOT_CONTROL_COLOR] = { "color", "cl" },
	[IOT_CONTROL_DATE] = { "date", "d" },         [IOT_CONTROL_DATETIME] = { "dateTime", "dt" },
	[IOT_CONTROL_DOUBLE] = { "double", "db" },    [IOT_CONTROL_DURATION] = { "duration", "dr" },
	[IOT_CONTROL_ENUM] = { "string", "e" },       [IOT_CONTROL_INT] = { "int", "i" },
	[IOT_CONTROL_LONG] = { "long", "l" },         [IOT_CONTROL_STRING] = { "string", "s" },
	[IOT_CONTROL_TIME] = { "time", "t" },
};

const char *
iot_control_type_name(IotControlType t)
{
	if ((guint)t >= IOT_CONTROL_TYPE_COUNT)
		return "";
	return type_names[t].long_name;
}

gboolean
iot_control_type_from_name(const char *name, IotControlType *out)
{
	guint i;

	if (name == NULL)
		return FALSE;
	/* Smack (smack-experimental iot) writes and reads <bool/>, not <boolean/>. */
	if (strcmp(name, "bool") == 0) {
		*out = IOT_CONTROL_BOOLEAN;
		return TRUE;
	}
	for (i = 0; i < IOT_CONTROL_TYPE_COUNT; i++) {
		/* "string" stands for STRING, never for ENUM. */
		if (i != IOT_CONTROL_ENUM && strcmp(name, type_names[i].long_name) == 0) {
			*out = (IotControlType)i;
			return TRUE;
		}
		if (strcmp(name, type_names[i].short_name) == 0) {
			*out = (IotControlType)i;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
iot_value_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns: (transfer full): @s without surrounding blanks. */
char *
iot_value_trimmed(const char *s)
{
	return g_strstrip(g_strdup(s));
}

const char *
iot_value_who(const IotValueSpec *spec)
{
	return spec->label != NULL && *spec->label != '\0' ? spec->label : _("The value");
}

void
iot_value_refuse(GError **error, char *message)
{
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, message);
	g_free(message);
}

/* --- lexical scanners -------------------------------------------------- */

/* Scans an xs:double-shaped number at the start of @s (no INF/NaN). Returns
 * the number of bytes used (0 when there is none); *is_integer tells that it
 * had neither a fraction nor an exponent. */
gsize
iot_value_scan_number(const char *s, gboolean *is_integer)
{
	const char *p = s;
	gboolean digits = FALSE;

	*is_integer = TRUE;
	if (*p == '+' || *p == '-')
		p++;
	while (g_ascii_isdigit(*p)) {
		p++;
		digits = TRUE;
	}
	if (*p == '.') {
		/* "5." is a whole number written with a point; ".5" is not whole. */
		for (p++; g_ascii_isdigit(*p); p++) {
			digits = TRUE;
			*is_integer = FALSE;
		}
	}
	if (!digits)
		return 0;
	if ((*p == 'e' || *p == 'E') &&
	    (g_ascii_isdigit(p[1]) || ((p[1] == '+' || p[1] == '-') && g_ascii_isdigit(p[2])))) {
		p += 2;
		while (g_ascii_isdigit(*p))
			p++;
		*is_integer = FALSE;
	}
	return (gsize)(p - s);
}

/* xs:int / xs:long digits (optional sign) within [@min, @max]. */
gboolean
iot_value_parse_int64(const char *s, gint64 min, gint64 max, gint64 *out)
{
	const char *p = s;
	gboolean negative = FALSE;
	guint64 v = 0, limit;

	if (*p == '+' || *p == '-')
		negative = (*p++ == '-');
	if (!g_ascii_isdigit(*p))
		return FALSE;
	limit = negative ? (guint64)(-(min + 1)) + 1u : (guint64)max;
	for (; g_ascii_isdigit(*p); p++) {
		guint d = (guint)(*p - '0');

		if (v > (limit - d) / 10u)
			return FALSE;
		v = v * 10u + d;
	}
	if (*p != '\0')
		return FALSE;
	if (negative)
		*out = (v == (guint64)G_MAXINT64 + 1u) ? G_MININT64 : -(gint64)v;
	else
		*out = (gint64)v;
	return TRUE;
}

/* The whole of @s is an xs:double; *out gets its value. INF, -INF and NaN
 * are xs:double too. */
gboolean
iot_value_parse_xs_double(const char *s, double *out)
{
	gboolean is_integer;
	gsize n;

	if (strcmp(s, "INF") == 0 || strcmp(s, "+INF") == 0) {
		*out = INFINITY;
		return TRUE;
	}
	if (strcmp(s, "-INF") == 0) {
		*out = -INFINITY;
		return TRUE;
	}
	if (strcmp(s, "NaN") == 0) {
		*out = NAN;
		return TRUE;
	}
	n = iot_value_scan_number(s, &is_integer);
	if (n == 0 || s[n] != '\0')
		return FALSE;
	*out = g_ascii_strtod(s, NULL);
	return TRUE;
}

/* A valid number as typed, tidied for the wire: no '+', a digit before and
 * after a decimal point, the person's own digits otherwise (their precision
 * is intended). */
char *
iot_value_tidy_number(const char *s, gsize len)
{
	GString *out = g_string_sized_new(len + 2);
	const char *p = s, *end = s + len;

	if (*p == '+')
		p++;
	else if (*p == '-')
		g_string_append_c(out, *p++);
	if (*p == '.')
		g_string_append_c(out, '0');
	for (; p < end; p++) {
		g_string_append_c(out, *p);
		if (*p == '.' && (p + 1 == end || !g_ascii_isdigit(p[1])))
			g_string_truncate(out, out->len - 1); /* "5." → "5" */
	}
	return g_string_free(out, FALSE);
}

gboolean
iot_value_all_hex(const char *s, gsize n)
{
	gsize i;

	for (i = 0; i < n; i++)
		if (!g_ascii_isxdigit(s[i]))
			return FALSE;
	return s[n] == '\0';
}

gboolean
iot_value_parse_color(const char *wire, guint8 *r, guint8 *g, guint8 *b, gboolean *has_alpha,
                      guint8 *a)
{
	gsize n;
	guint8 c[4] = { 0, 0, 0, 255 };
	guint i;

	if (wire == NULL)
		return FALSE;
	n = strlen(wire);
	if ((n != 6 && n != 8) || !iot_value_all_hex(wire, n))
		return FALSE;
	for (i = 0; i < n / 2; i++)
		c[i] = (guint8)(g_ascii_xdigit_value(wire[2 * i]) * 16 +
		                g_ascii_xdigit_value(wire[2 * i + 1]));
	*r = c[0];
	*g = c[1];
	*b = c[2];
	if (has_alpha)
		*has_alpha = n == 8;
	if (a)
		*a = c[3];
	return TRUE;
}

/* --- canonical wire values --------------------------------------------- */

char *
iot_value_canonical(IotControlType t, const char *wire)
{
	char *s, *out = NULL;
	gint64 i;
	double d;

	if (wire == NULL)
		return NULL;
	if (t == IOT_CONTROL_STRING || t == IOT_CONTROL_ENUM)
		return iot_xml_is_valid_text(wire) ? g_strdup(wire) : NULL;
	s = iot_value_trimmed(wire);
	switch (t) {
	case IOT_CONTROL_BOOLEAN:
		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
			out = g_strdup("true");
		else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
			out = g_strdup("false");
		break;
	case IOT_CONTROL_INT:
		if (iot_value_parse_int64(s, G_MININT32, G_MAXINT32, &i))
			out = iot_value_format_integer(i);
		break;
	case IOT_CONTROL_LONG:
		if (iot_value_parse_int64(s, G_MININT64, G_MAXINT64, &i))
			out = iot_value_format_integer(i);
		break;
	case IOT_CONTROL_DOUBLE:
		if (iot_value_parse_xs_double(s, &d))
			out = isfinite(d) ? iot_value_tidy_number(s, strlen(s)) : g_strdup(s[0] == '+' ? s + 1 : s);
		break;
	case IOT_CONTROL_COLOR:
		if ((strlen(s) == 6 || strlen(s) == 8) && iot_value_all_hex(s, strlen(s)))
			out = g_ascii_strup(s, -1);
		break;
	case IOT_CONTROL_DATE:
		if (iot_time_parse_date(s, NULL))
			out = g_strdup(s);
		break;
	case IOT_CONTROL_TIME:
		if (iot_time_parse_time(s, NULL))
			out = g_strdup(s);
		break;
	case IOT_CONTROL_DATETIME:
		if (iot_time_parse_datetime(s, NULL)) {
			out = g_strdup(s);
			out[10] = 'T'; /* iot-time also reads the blank people write */
		}
		break;
	case IOT_CONTROL_DURATION:
		if (iot_time_parse_duration(s, NULL))
			out = g_strdup(s);
		break;
	default:
		break;
	}
	g_free(s);
	return out;
}

/* Orders two wire values of @t by value; FALSE when either does not parse. */
gboolean
iot_value_compare(IotControlType t, const char *a, const char *b, int *cmp)
{
	char *ca = iot_value_canonical(t, a), *cb = iot_value_canonical(t, b);
	gboolean ok = ca != NULL && cb != NULL;
	gint64 ia = 0, ib = 0;
	double da = 0, db = 0;

	if (!ok)
		goto out;
	switch (t) {
	case IOT_CONTROL_INT:
	case IOT_CONTROL_LONG:
		iot_value_parse_int64(ca, G_MININT64, G_MAXINT64, &ia);
		iot_value_parse_int64(cb, G_MININT64, G_MAXINT64, &ib);
		*cmp = (ia > ib) - (ia < ib);
		break;
	case IOT_CONTROL_DOUBLE:
		iot_value_parse_xs_double(ca, &da);
		iot_value_parse_xs_double(cb, &db);
		if (isnan(da) || isnan(db)) {
			ok = FALSE; /* NaN has no place in a range */
			break;
		}
		*cmp = (da > db) - (da < db);
		break;
	case IOT_CONTROL_DATE:
	case IOT_CONTROL_DATETIME:
		if (t == IOT_CONTROL_DATE) {
			iot_time_parse_date(ca, &ia);
			iot_time_parse_date(cb, &ib);
		} else {
			iot_time_parse_datetime(ca, &ia);
			iot_time_parse_datetime(cb, &ib);
		}
		*cmp = (ia > ib) - (ia < ib);
		break;
	case IOT_CONTROL_TIME:
	case IOT_CONTROL_DURATION:
		if (t == IOT_CONTROL_TIME) {
			iot_time_parse_time(ca, &da);
			iot_time_parse_time(cb, &db);
		} else {
			iot_time_parse_duration(ca, &da);
			iot_time_parse_duration(cb, &db);
		}
		*cmp = (da > db) - (da < db);
		break;
	case IOT_CONTROL_BOOLEAN:
		*cmp = (strcmp(ca, "true") == 0) - (strcmp(cb, "true") == 0);
		break;
	default:
		*cmp = strcmp(ca, cb);
		*cmp = (*cmp > 0) - (*cmp < 0);
		break;
	}
out:
	g_free(ca);
	g_free(cb);
	return ok;
}

char *
iot_value_check_range(const IotValueSpec *spec, const char *wire)
{
	int lo = 0, hi = 0;
	gboolean has_min, has_max;
	char *min, *max, *msg = NULL;

	g_return_val_if_fail(spec != NULL && wire != NULL, NULL);
	/* XEP-0122 §5.5: ranges only for types with an order worth the name. */
	if (spec->type == IOT_CONTROL_STRING || spec->type == IOT_CONTROL_ENUM ||
	    spec->type == IOT_CONTROL_COLOR || spec->type == IOT_CONTROL_BOOLEAN)
		return NULL;
	min = spec->min ? iot_value_trimmed(spec->min) : NULL;
	max = spec->max ? iot_value_trimmed(spec->max) : NULL;
	/* A bound that does not parse in the parameter's type is the thing's
	 * mistake; the thing checks the value again anyway (XEP-0122 §5.4). */
	has_min = min != NULL && iot_value_compare(spec->type, wire, min, &lo);
	has_max = max != NULL && iot_value_compare(spec->type, wire, max, &hi);
	if ((has_min && lo < 0) || (has_max && hi > 0)) {
		if (has_min && has_max)
			/* TRANSLATORS: "Setpoint must be between 5 and 30." */
			msg = g_strdup_printf(_("%s must be between %s and %s."), iot_value_who(spec), min, max);
		else if (has_min)
			/* TRANSLATORS: "Setpoint must be at least 5." */
			msg = g_strdup_printf(_("%s must be at least %s."), iot_value_who(spec), min);
		else
			/* TRANSLATORS: "Setpoint must be at most 30." */
			msg = g_strdup_printf(_("%s must be at most %s."), iot_value_who(spec), max);
	}
	g_free(min);
	g_free(max);
	return msg;
}

/* --- formatting ---------------------------------------------------------- */

char *
iot_value_format_boolean(gboolean v)
{
	return g_strdup(v ? "true" : "false");
}

char *
iot_value_format_integer(gint64 v)
{
	return g_strdup_printf("%" G_GINT64_FORMAT, v);
}

char *
iot_value_format_double(double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE], fmt[8];
	int precision;

	if (isnan(v))
		return g_strdup("NaN");
	if (isinf(v))
		return g_strdup(v > 0 ? "INF" : "-INF");
	/* The shortest %g that reads back as @v: 0.1 is "0.1", not the 17
	 * digits g_ascii_dtostr() writes. g_ascii_formatd never uses the
	 * locale's decimal comma. */
	for (precision = 1; precision < 17; precision++) {
		g_snprintf(fmt, sizeof fmt, "%%.%dg", precision);
		g_ascii_formatd(buf, sizeof buf, fmt, v);
		if (g_ascii_strtod(buf, NULL) == v)
			return g_strdup(buf);
	}
	return g_strdup(g_ascii_dtostr(buf, sizeof buf, v));
}

char *
iot_value_format_color(guint8 r, guint8 g, guint8 b, gboolean has_alpha, guint8 a)
{
	if (has_alpha)
		return g_strdup_printf("%02X%02X%02X%02X", r, g, b, a);
	return g_strdup_printf("%02X%02X%02X", r, g, b);
}

char *
iot_value_format_date(int year, int month, int day)
{
	return g_strdup_printf("%04d-%02d-%02d", year, month, day);
}

/* "30", "30.5", "30.000125": whole seconds padded to @width, then only the
 * fraction digits that carry information (µs precision). */
static void
append_seconds(GString *out, double s, int width)
{
	gint64 us = (gint64)llround(s * 1e6);
	gint64 whole = us / 1000000, frac = us % 1000000;

	g_string_append_printf(out, "%0*" G_GINT64_FORMAT, width, whole);
	if (frac != 0) {
		char digits[8];
		int len = 6;

		g_snprintf(digits, sizeof digits, "%06" G_GINT64_FORMAT, frac);
		while (len > 1 && digits[len - 1] == '0')
			len--;
		digits[len] = '\0';
		g_string_append_printf(out, ".%s", digits);
	}
}

char *
iot_value_format_time(double seconds)
{
	GString *out = g_string_new(NULL);
	/* Not a number is midnight, as iot_value_format_duration() makes it 0
	 * seconds: converting it to an int would be undefined behaviour. */
	double s = isfinite(seconds) ? fmod(fabs(seconds), 86400.0) : 0.0;
	int h = (int)(s / 3600.0), m = (int)(fmod(s, 3600.0) / 60.0);

	g_string_append_printf(out, "%02d:%02d:", h, m);
	append_seconds(out, s - h * 3600.0 - m * 60.0, 2);
	return g_string_free(out, FALSE);
}

char *
iot_value_format_duration(double seconds)
{
	GString *out = g_string_new(NULL);
	double s = fabs(seconds);
	gint64 days, hours, minutes;

	if (!isfinite(s) || s > IOT_VALUE_MAX_DURATION_SECONDS)
		s = 0.0;
	if (seconds < 0 && s > 0)
		g_string_append_c(out, '-');
	g_string_append_c(out, 'P');
	days = (gint64)(s / 86400.0);
	s -= (double)days * 86400.0;
	hours = (gint64)(s / 3600.0);
	s -= (double)hours * 3600.0;
	minutes = (gint64)(s / 60.0);
	s -= (double)minutes * 60.0;
	if (s < 0)
		s = 0;
	if (days > 0)
		g_string_append_printf(out, "%" G_GINT64_FORMAT "D", days);
	if (hours > 0 || minutes > 0 || llround(s * 1e6) > 0 || days == 0) {
		g_string_append_c(out, 'T');
		if (hours > 0)
			g_string_append_printf(out, "%" G_GINT64_FORMAT "H", hours);
		if (minutes > 0)
			g_string_append_printf(out, "%" G_GINT64_FORMAT "M", minutes);
		if (llround(s * 1e6) > 0 || (days == 0 && hours == 0 && minutes == 0)) {
			append_seconds(out, s, 1);
			g_string_append_c(out, 'S');
		}
	}
	return g_string_free(out, FALSE);
}

char *
iot_value_integer_bounds_message(const char *label, gint64 min, gint64 max)
{
	char *lo = iot_value_format_integer(min), *hi = iot_value_format_integer(max), *msg;

	/* TRANSLATORS: "Level must be a whole number from -2147483648 to
	 * 2147483647." The numbers are formatted first so that this message
	 * has plain %s placeholders. */
	msg = g_strdup_printf(_("%s must be a whole number from %s to %s."),
	                      label != NULL && *label != '\0' ? label : _("The value"), lo, hi);
	g_free(lo);
	g_free(hi);
	return msg;
}
