/* iot-value-input.c — control values as people type them. See iot-value.h. */
#include "iot-value.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-value-private.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

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
	iot_value_refuse(error, g_strdup_printf(_("%s must be on or off (also true/false, yes/no, 1/0)."),
	                              iot_value_who(spec)));
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
		if (!iot_value_blank(*p))
			g_string_append_c(out, *p);
	g_free(norm);
	return g_string_free(out, FALSE);
}

static char *
input_number(const IotValueSpec *spec, const char *s, GError **error)
{
	gboolean is_integer;
	gsize n = iot_value_scan_number(s, &is_integer);
	const char *rest = s + n;
	char *number, *out = NULL;
	gint64 iv;

	if (n > 0 && *rest == ',' && g_ascii_isdigit(rest[1])) {
		/* "21,5": in many languages the decimal mark, on the wire never. */
		char *hint = g_strdup(s);

		hint[n] = '.';
		g_strdelimit(hint, " \t", '\0');
		/* TRANSLATORS: "Setpoint: use a decimal point, not a comma: 21.5". */
		iot_value_refuse(error, g_strdup_printf(_("%s: use a decimal point, not a comma: %s"), iot_value_who(spec),
		                              hint));
		g_free(hint);
		return NULL;
	}
	if (n == 0) {
		if (spec->type == IOT_CONTROL_DOUBLE)
			/* TRANSLATORS: "Setpoint must be a number, like 21.5." */
			iot_value_refuse(error, g_strdup_printf(_("%s must be a number, like 21.5."), iot_value_who(spec)));
		else
			/* TRANSLATORS: "Level must be a whole number, like 40." */
			iot_value_refuse(error, g_strdup_printf(_("%s must be a whole number, like 40."), iot_value_who(spec)));
		return NULL;
	}
	while (iot_value_blank(*rest))
		rest++;
	if (*rest != '\0') {
		char *given = unit_key(rest);
		char *want = spec->unit ? unit_key(spec->unit) : NULL;
		gboolean match = want != NULL && *want != '\0' && strcmp(given, want) == 0;

		if (!match && (want == NULL || *want == '\0'))
			/* TRANSLATORS: "Level takes a plain number: its unit is not known, so
			 * “40 %” cannot be checked." */
			iot_value_refuse(error, g_strdup_printf(_("%s takes a plain number: its unit is not known, "
			                                "so “%s” cannot be checked."),
			                              iot_value_who(spec), s));
		else if (!match)
			/* TRANSLATORS: "Setpoint is in °C, not in °F." */
			iot_value_refuse(error, g_strdup_printf(_("%s is in %s, not in %s."), iot_value_who(spec), spec->unit,
			                              rest));
		g_free(given);
		g_free(want);
		if (!match)
			return NULL;
	}
	number = iot_value_tidy_number(s, n);
	if (spec->type == IOT_CONTROL_DOUBLE) {
		double d;

		if (iot_value_parse_xs_double(number, &d) && isfinite(d))
			out = g_strdup(number);
		else
			iot_value_refuse(error, g_strdup_printf(_("%s must be a number, like 21.5."), iot_value_who(spec)));
	} else {
		gboolean is_long = spec->type == IOT_CONTROL_LONG;

		if (!is_integer)
			iot_value_refuse(error,
			       g_strdup_printf(_("%s must be a whole number, like 40."), iot_value_who(spec)));
		else if (!iot_value_parse_int64(number, is_long ? G_MININT64 : G_MININT32,
		                        is_long ? G_MAXINT64 : G_MAXINT32, &iv))
			iot_value_refuse(error, iot_value_integer_bounds_message(
			                  iot_value_who(spec), is_long ? G_MININT64 : G_MININT32,
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
	gboolean ok = (n == 6 || n == 8) && iot_value_all_hex(hex, n);

	if (ok && spec->alpha && n != 8)
		ok = FALSE;
	if (ok && spec->no_alpha && n != 6)
		ok = FALSE;
	if (ok)
		return g_ascii_strup(hex, -1);
	if (spec->no_alpha)
		/* TRANSLATORS: "Colour must be #RRGGBB." — RRGGBB stays as it is. */
		iot_value_refuse(error, g_strdup_printf(_("%s must be #RRGGBB."), iot_value_who(spec)));
	else if (spec->alpha)
		/* TRANSLATORS: "Tint must be #RRGGBBAA." — AA is the alpha channel. */
		iot_value_refuse(error, g_strdup_printf(_("%s must be #RRGGBBAA."), iot_value_who(spec)));
	else
		/* TRANSLATORS: "Tint must be a colour like #FF8800 (or #FF8800C0 with
		 * alpha)." */
		iot_value_refuse(error, g_strdup_printf(_("%s must be a colour like #FF8800 (or #FF8800C0 with "
		                                "alpha)."),
		                              iot_value_who(spec)));
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
		iot_value_refuse(error, g_strdup_printf(_("%s must be a date like 2024-05-01."), iot_value_who(spec)));
		return NULL;
	case IOT_CONTROL_TIME:
		t = complete_time(s);
		if (t != NULL && iot_time_parse_time(t, NULL))
			return t;
		g_free(t);
		/* TRANSLATORS: "Wake must be a time like 08:00 or 08:00:00." */
		iot_value_refuse(error, g_strdup_printf(_("%s must be a time like 08:00 or 08:00:00."), iot_value_who(spec)));
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
			iot_value_refuse(error, g_strdup_printf(_("%s must be a date and time like 2024-05-01 08:00."),
			                              iot_value_who(spec)));
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
		long h;
		int m;
		double sec = 0.0;
		char *end;

		/* Checked as a long: "4294967301:00" must not wrap to 5 hours. */
		h = strtol(p, &end, 10);
		if (end == p || *end != ':' || h < 0 || h > 100000)
			return FALSE;
		p = end + 1;
		if (!g_ascii_isdigit(p[0]) || !g_ascii_isdigit(p[1]))
			return FALSE;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			gboolean is_integer;
			gsize n = iot_value_scan_number(p + 1, &is_integer);

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

		while (iot_value_blank(*p))
			p++;
		if (*p == '\0')
			break;
		if (*p == '+' || *p == '-')
			return FALSE;
		n = iot_value_scan_number(p, &is_integer);
		if (n == 0)
			return FALSE;
		v = g_ascii_strtod(p, NULL);
		p += n;
		while (iot_value_blank(*p))
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
	} else if (short_duration(s, &seconds) && fabs(seconds) <= IOT_VALUE_MAX_DURATION_SECONDS) {
		return iot_value_format_duration(seconds);
	}
	/* TRANSLATORS: "Fade must be a duration like 1h30m, 90s, 2d 4h or PT1H30M."
	 * The examples are what may be typed (h, m, s, d are not translated). */
	iot_value_refuse(error, g_strdup_printf(_("%s must be a duration like 1h30m, 90s, 2d 4h or PT1H30M."),
	                              iot_value_who(spec)));
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
		iot_value_refuse(error, g_strdup_printf(_("%s is too long (at most %u bytes)."), iot_value_who(spec),
		                              (guint)IOT_MAX_INPUT_BYTES));
		return NULL;
	}
	if (!iot_xml_is_valid_text(input)) {
		iot_value_refuse(error,
		       /* TRANSLATORS: "Label contains characters that cannot be sent." */
		       g_strdup_printf(_("%s contains characters that cannot be sent."), iot_value_who(spec)));
		return NULL;
	}
	/* Strings go as typed: blanks may matter on a display. */
	if (spec->type == IOT_CONTROL_STRING || spec->type == IOT_CONTROL_ENUM)
		return g_strdup(input);

	s = iot_value_trimmed(input);
	if (*s == '\0') {
		/* TRANSLATORS: "Setpoint needs a value." */
		iot_value_refuse(error, g_strdup_printf(_("%s needs a value."), iot_value_who(spec)));
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
		iot_value_refuse(error, range);
		g_clear_pointer(&out, g_free);
	}
	return out;
}
