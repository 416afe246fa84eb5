/* iot-value.c — control values typed by people and written for the wire. See iot-value.h. */
#include "iot-value.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Longest duration we convert (about 31,000 years): far beyond any timer a
 * thing has, and small enough that whole seconds stay exact in a double. */
#define MAX_DURATION_SECONDS 1e12

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

static gboolean
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns: (transfer full): @s without surrounding blanks. */
static char *
trimmed(const char *s)
{
	return g_strstrip(g_strdup(s));
}

static const char *
who(const IotValueSpec *spec)
{
	return spec->label != NULL && *spec->label != '\0' ? spec->label : _("The value");
}

static void
refuse(GError **error, char *message)
{
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, message);
	g_free(message);
}

/* --- lexical scanners -------------------------------------------------- */

/* Scans an xs:double-shaped number at the start of @s (no INF/NaN). Returns
 * the number of bytes used (0 when there is none); *is_integer tells that it
 * had neither a fraction nor an exponent. */
static gsize
scan_number(const char *s, gboolean *is_integer)
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
static gboolean
parse_integer(const char *s, gint64 min, gint64 max, gint64 *out)
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
static gboolean
parse_double(const char *s, double *out)
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
	n = scan_number(s, &is_integer);
	if (n == 0 || s[n] != '\0')
		return FALSE;
	*out = g_ascii_strtod(s, NULL);
	return TRUE;
}

/* A valid number as typed, tidied for the wire: no '+', a digit before and
 * after a decimal point, the person's own digits otherwise (their precision
 * is intended). */
static char *
tidy_number(const char *s, gsize len)
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

static gboolean
all_hex(const char *s, gsize n)
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
	if ((n != 6 && n != 8) || !all_hex(wire, n))
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
	s = trimmed(wire);
	switch (t) {
	case IOT_CONTROL_BOOLEAN:
		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
			out = g_strdup("true");
		else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
			out = g_strdup("false");
		break;
	case IOT_CONTROL_INT:
		if (parse_integer(s, G_MININT32, G_MAXINT32, &i))
			out = iot_value_format_integer(i);
		break;
	case IOT_CONTROL_LONG:
		if (parse_integer(s, G_MININT64, G_MAXINT64, &i))
			out = iot_value_format_integer(i);
		break;
	case IOT_CONTROL_DOUBLE:
		if (parse_double(s, &d))
			out = isfinite(d) ? tidy_number(s, strlen(s)) : g_strdup(s[0] == '+' ? s + 1 : s);
		break;
	case IOT_CONTROL_COLOR:
		if ((strlen(s) == 6 || strlen(s) == 8) && all_hex(s, strlen(s)))
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
		parse_integer(ca, G_MININT64, G_MAXINT64, &ia);
		parse_integer(cb, G_MININT64, G_MAXINT64, &ib);
		*cmp = (ia > ib) - (ia < ib);
		break;
	case IOT_CONTROL_DOUBLE:
		parse_double(ca, &da);
		parse_double(cb, &db);
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
	min = spec->min ? trimmed(spec->min) : NULL;
	max = spec->max ? trimmed(spec->max) : NULL;
	/* A bound that does not parse in the parameter's type is the thing's
	 * mistake; the thing checks the value again anyway (XEP-0122 §5.4). */
	has_min = min != NULL && iot_value_compare(spec->type, wire, min, &lo);
	has_max = max != NULL && iot_value_compare(spec->type, wire, max, &hi);
	if ((has_min && lo < 0) || (has_max && hi > 0)) {
		if (has_min && has_max)
			/* TRANSLATORS: "Setpoint must be between 5 and 30." */
			msg = g_strdup_printf(_("%s must be between %s and %s."), who(spec), min, max);
		else if (has_min)
			/* TRANSLATORS: "Setpoint must be at least 5." */
			msg = g_strdup_printf(_("%s must be at least %s."), who(spec), min);
		else
			/* TRANSLATORS: "Setpoint must be at most 30." */
			msg = g_strdup_printf(_("%s must be at most %s."), who(spec), max);
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
	double s = fmod(fabs(seconds), 86400.0);
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

	if (!isfinite(s) || s > MAX_DURATION_SECONDS)
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

/* --- what people type ------------------------------------------------------ */

static gboolean
ascii_word_is(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (g_ascii_strcasecmp(s, *words) == 0)
			return TRUE;
	return FALSE;
}

static char *
input_boolean(const IotValueSpec *spec, const char *s, GError **error)
{
	static const char *const yes[] = { "on", "true", "yes", "1", NULL };
	static const char *const no[] = { "off", "false", "no", "0", NULL };

	if (ascii_word_is(s, yes))
		return g_strdup("true");
	if (ascii_word_is(s, no))
		return g_strdup("false");
	/* TRANSLATORS: %s is the parameter, e.g. "Power must be on or off …".
	 * The words in parentheses are what may be typed; keep them. */
	refuse(error, g_strdup_printf(_("%s must be on or off (also true/false, yes/no, 1/0)."),
	                              who(spec)));
	return NULL;
}

/* Units compare after Unicode compatibility folding ("℃" is "°C") with
 * blanks removed; case stays significant ("mW" is not "MW"). */
static char *
unit_key(const char *unit)
{
	char *norm = g_utf8_normalize(unit, -1, G_NORMALIZE_ALL_COMPOSE);
	GString *out = g_string_new(NULL);
	const char *p;

	for (p = norm ? norm : ""; *p; p++)
		if (!blank(*p))
			g_string_append_c(out, *p);
	g_free(norm);
	return g_string_free(out, FALSE);
}

static char *
input_number(const IotValueSpec *spec, const char *s, GError **error)
{
	gboolean is_integer;
	gsize n = scan_number(s, &is_integer);
	const char *rest = s + n;
	char *number, *out = NULL;
	gint64 iv;

	if (n > 0 && *rest == ',' && g_ascii_isdigit(rest[1])) {
		/* "21,5": in many languages the decimal mark, on the wire never. */
		char *hint = g_strdup(s);

		hint[n] = '.';
		g_strdelimit(hint, " \t", '\0');
		/* TRANSLATORS: "Setpoint: use a decimal point, not a comma: 21.5". */
		refuse(error, g_strdup_printf(_("%s: use a decimal point, not a comma: %s"), who(spec),
		                              hint));
		g_free(hint);
		return NULL;
	}
	if (n == 0) {
		if (spec->type == IOT_CONTROL_DOUBLE)
			/* TRANSLATORS: "Setpoint must be a number, like 21.5." */
			refuse(error, g_strdup_printf(_("%s must be a number, like 21.5."), who(spec)));
		else
			/* TRANSLATORS: "Level must be a whole number, like 40." */
			refuse(error, g_strdup_printf(_("%s must be a whole number, like 40."), who(spec)));
		return NULL;
	}
	while (blank(*rest))
		rest++;
	if (*rest != '\0') {
		char *given = unit_key(rest);
		char *want = spec->unit ? unit_key(spec->unit) : NULL;
		gboolean match = want != NULL && *want != '\0' && strcmp(given, want) == 0;

		if (!match && (want == NULL || *want == '\0'))
			/* TRANSLATORS: "Level takes a plain number: its unit is not known, so
			 * “40 %” cannot be checked." */
			refuse(error, g_strdup_printf(_("%s takes a plain number: its unit is not known, "
			                                "so “%s” cannot be checked."),
			                              who(spec), s));
		else if (!match)
			/* TRANSLATORS: "Setpoint is in °C, not in °F." */
			refuse(error, g_strdup_printf(_("%s is in %s, not in %s."), who(spec), spec->unit,
			                              rest));
		g_free(given);
		g_free(want);
		if (!match)
			return NULL;
	}
	number = tidy_number(s, n);
	if (spec->type == IOT_CONTROL_DOUBLE) {
		double d;

		if (parse_double(number, &d) && isfinite(d))
			out = g_strdup(number);
		else
			refuse(error, g_strdup_printf(_("%s must be a number, like 21.5."), who(spec)));
	} else {
		gboolean is_long = spec->type == IOT_CONTROL_LONG;

		if (!is_integer)
			refuse(error,
			       g_strdup_printf(_("%s must be a whole number, like 40."), who(spec)));
		else if (!parse_integer(number, is_long ? G_MININT64 : G_MININT32,
		                        is_long ? G_MAXINT64 : G_MAXINT32, &iv))
			refuse(error, iot_value_integer_bounds_message(
			                  who(spec), is_long ? G_MININT64 : G_MININT32,
			                  is_long ? G_MAXINT64 : G_MAXINT32));
		else
			out = iot_value_format_integer(iv);
	}
	g_free(number);
	return out;
}

static char *
input_color(const IotValueSpec *spec, const char *s, GError **error)
{
	const char *hex = (*s == '#') ? s + 1 : s;
	gsize n = strlen(hex);
	gboolean ok = (n == 6 || n == 8) && all_hex(hex, n);

	if (ok && spec->alpha && n != 8)
		ok = FALSE;
	if (ok && spec->no_alpha && n != 6)
		ok = FALSE;
	if (ok)
		return g_ascii_strup(hex, -1);
	if (spec->no_alpha)
		/* TRANSLATORS: "Colour must be #RRGGBB." — RRGGBB stays as it is. */
		refuse(error, g_strdup_printf(_("%s must be #RRGGBB."), who(spec)));
	else if (spec->alpha)
		/* TRANSLATORS: "Tint must be #RRGGBBAA." — AA is the alpha channel. */
		refuse(error, g_strdup_printf(_("%s must be #RRGGBBAA."), who(spec)));
	else
		/* TRANSLATORS: "Tint must be a colour like #FF8800 (or #FF8800C0 with
		 * alpha)." */
		refuse(error, g_strdup_printf(_("%s must be a colour like #FF8800 (or #FF8800C0 with "
		                                "alpha)."),
		                              who(spec)));
	return NULL;
}

/* "7:30", "07:30", "07:30:15.5", each with an optional zone, as xs:time:
 * "07:30:00" … Returns NULL when @s is no time at all. */
static char *
complete_time(const char *s)
{
	const char *p = s, *zone;
	int digits = 0;
	GString *out;

	while (g_ascii_isdigit(p[digits]))
		digits++;
	if (digits < 1 || digits > 2 || p[digits] != ':' || !g_ascii_isdigit(p[digits + 1]) ||
	    !g_ascii_isdigit(p[digits + 2]))
		return NULL;
	out = g_string_new(NULL);
	if (digits == 1)
		g_string_append_c(out, '0');
	g_string_append_len(out, p, digits + 3);
	zone = p + digits + 3;
	if (*zone != ':')
		g_string_append(out, ":00"); /* minutes only: people rarely type seconds */
	g_string_append(out, zone);
	return g_string_free(out, FALSE);
}

static char *
input_time_like(const IotValueSpec *spec, const char *s, GError **error)
{
	char *out = NULL, *t;

	switch (spec->type) {
	case IOT_CONTROL_DATE:
		if (iot_time_parse_date(s, NULL))
			return g_strdup(s);
		/* TRANSLATORS: "Start must be a date like 2024-05-01." Keep the
		 * example's format: it is the one accepted. */
		refuse(error, g_strdup_printf(_("%s must be a date like 2024-05-01."), who(spec)));
		return NULL;
	case IOT_CONTROL_TIME:
		t = complete_time(s);
		if (t != NULL && iot_time_parse_time(t, NULL))
			return t;
		g_free(t);
		/* TRANSLATORS: "Wake must be a time like 08:00 or 08:00:00." */
		refuse(error, g_strdup_printf(_("%s must be a time like 08:00 or 08:00:00."), who(spec)));
		return NULL;
	default: /* dateTime: a date, 'T' or a blank, a time */
		if (strlen(s) > 11 && (s[10] == 'T' || s[10] == ' ' || s[10] == 't')) {
			char *date = g_strndup(s, 10);
			const char *rest = s + 11;

			while (*rest == ' ')
				rest++;
			t = complete_time(rest);
			if (t != NULL) {
				out = g_strconcat(date, "T", t, NULL);
				if (!iot_time_parse_datetime(out, NULL))
					g_clear_pointer(&out, g_free);
			}
			g_free(t);
			g_free(date);
		}
		if (out == NULL)
			/* TRANSLATORS: "Alarm must be a date and time like 2024-05-01 08:00." */
			refuse(error, g_strdup_printf(_("%s must be a date and time like 2024-05-01 08:00."),
			                              who(spec)));
		return out;
	}
}

/* "1h30m", "90s", "2d 4h", "1.5h", "500ms", "01:30:00" → seconds. */
static gboolean
short_duration(const char *s, double *out)
{
	static const struct {
		const char *unit;
		double seconds;
	} units[] = {
		{ "ms", 0.001 }, { "min", 60.0 }, { "sec", 1.0 }, { "s", 1.0 },
		{ "m", 60.0 },   { "h", 3600.0 }, { "d", 86400.0 }, { "w", 604800.0 },
	};
	const char *p = s;
	double total = 0.0;
	gboolean negative = FALSE, any = FALSE;

	if (*p == '-') {
		negative = TRUE;
		p++;
	}
	if (strchr(p, ':') != NULL) {
		/* h:mm or h:mm:ss, as XEP-0325 §5.2 note (4) reads xs:time as a duration. */
		int h, m;
		double sec = 0.0;
		char *end;

		h = (int)strtol(p, &end, 10);
		if (end == p || *end != ':' || h < 0 || h > 100000)
			return FALSE;
		p = end + 1;
		if (!g_ascii_isdigit(p[0]) || !g_ascii_isdigit(p[1]))
			return FALSE;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			gboolean is_integer;
			gsize n = scan_number(p + 1, &is_integer);

			if (n == 0 || p[1] == '+' || p[1] == '-' || p[1 + n] != '\0')
				return FALSE;
			sec = g_ascii_strtod(p + 1, NULL);
			p += 1 + n;
		}
		if (*p != '\0' || m > 59 || sec >= 60.0)
			return FALSE;
		*out = (negative ? -1 : 1) * (h * 3600.0 + m * 60.0 + sec);
		return TRUE;
	}
	while (*p != '\0') {
		gboolean is_integer;
		gsize n;
		double v;
		guint i;

		while (blank(*p))
			p++;
		if (*p == '\0')
			break;
		if (*p == '+' || *p == '-')
			return FALSE;
		n = scan_number(p, &is_integer);
		if (n == 0)
			return FALSE;
		v = g_ascii_strtod(p, NULL);
		p += n;
		while (blank(*p))
			p++;
		for (i = 0; i < G_N_ELEMENTS(units); i++) {
			gsize len = strlen(units[i].unit);

			if (g_ascii_strncasecmp(p, units[i].unit, len) == 0 && !g_ascii_isalpha(p[len]))
				break;
		}
		if (i == G_N_ELEMENTS(units))
			return FALSE;
		p += strlen(units[i].unit);
		total += v * units[i].seconds;
		any = TRUE;
	}
	if (!any || !isfinite(total))
		return FALSE;
	*out = negative ? -total : total;
	return TRUE;
}

static char *
input_duration(const IotValueSpec *spec, const char *s, GError **error)
{
	double seconds;

	if ((s[0] == 'P' || s[0] == 'p' || (s[0] == '-' && (s[1] == 'P' || s[1] == 'p')))) {
		char *up = g_ascii_strup(s, -1);

		if (iot_time_parse_duration(up, NULL))
			return up;
		g_free(up);
	} else if (short_duration(s, &seconds) && fabs(seconds) <= MAX_DURATION_SECONDS) {
		return iot_value_format_duration(seconds);
	}
	/* TRANSLATORS: "Fade must be a duration like 1h30m, 90s, 2d 4h or PT1H30M."
	 * The examples are what may be typed (h, m, s, d are not translated). */
	refuse(error, g_strdup_printf(_("%s must be a duration like 1h30m, 90s, 2d 4h or PT1H30M."),
	                              who(spec)));
	return NULL;
}

char *
iot_value_parse(const IotValueSpec *spec, const char *input, GError **error)
{
	char *s, *out = NULL, *range;

	g_return_val_if_fail(spec != NULL && input != NULL, NULL);
	g_return_val_if_fail((guint)spec->type < IOT_CONTROL_TYPE_COUNT, NULL);

	if (strlen(input) > IOT_MAX_INPUT_BYTES) {
		/* TRANSLATORS: "Label is too long (at most 4096 bytes)." */
		refuse(error, g_strdup_printf(_("%s is too long (at most %u bytes)."), who(spec),
		                              (guint)IOT_MAX_INPUT_BYTES));
		return NULL;
	}
	if (!iot_xml_is_valid_text(input)) {
		/* TRANSLATORS: "Label contains characters that cannot be sent." */
		refuse(error,
		       g_strdup_printf(_("%s contains characters that cannot be sent."), who(spec)));
		return NULL;
	}
	/* Strings go as typed: blanks may matter on a display. */
	if (spec->type == IOT_CONTROL_STRING || spec->type == IOT_CONTROL_ENUM)
		return g_strdup(input);

	s = trimmed(input);
	if (*s == '\0') {
		/* TRANSLATORS: "Setpoint needs a value." */
		refuse(error, g_strdup_printf(_("%s needs a value."), who(spec)));
		g_free(s);
		return NULL;
	}
	switch (spec->type) {
	case IOT_CONTROL_BOOLEAN:
		out = input_boolean(spec, s, error);
		break;
	case IOT_CONTROL_DOUBLE:
	case IOT_CONTROL_INT:
	case IOT_CONTROL_LONG:
		out = input_number(spec, s, error);
		break;
	case IOT_CONTROL_COLOR:
		out = input_color(spec, s, error);
		break;
	case IOT_CONTROL_DURATION:
		out = input_duration(spec, s, error);
		break;
	default:
		out = input_time_like(spec, s, error);
		break;
	}
	g_free(s);
	if (out != NULL && (range = iot_value_check_range(spec, out)) != NULL) {
		refuse(error, range);
		g_clear_pointer(&out, g_free);
	}
	return out;
}
