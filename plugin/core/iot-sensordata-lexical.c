/* iot-sensordata-lexical.c — xs:double, xs:int/long and xs:boolean values as
 * devices write them. See iot-sensordata-private.h. */
#include "iot-sensordata-private.h"

#include <math.h>
#include <string.h>

static gboolean
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Powers of ten a double holds exactly. */
static const double exact_pow10[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* xs:double: decimal or exponent notation, INF, -INF, NaN (and the spellings
 * .NET and C write for them); no hex, no locale commas. The whole string must
 * be consumed, surrounding blanks aside.
 *
 * Readouts are mostly short decimals like "23.45". When the digits fit in 15
 * and the decimal exponent within ±22, both the digits and the power of ten
 * are exact doubles and one multiplication or division rounds correctly
 * (Clinger's fast path), giving exactly what g_ascii_strtod() gives without
 * its multi-precision machinery. Everything else goes to g_ascii_strtod(). */
gboolean
iot_sd_parse_double(const char *s, double *out, gboolean *is_nan)
{
	const char *p = s, *core, *end;
	gboolean digits = FALSE, negative = FALSE;
	guint64 mantissa = 0;
	int significant = 0, scale = 0, exponent = 0;
	char *stop;

	*is_nan = FALSE;
	while (blank(*p))
		p++;
	core = p;
	end = p + strlen(p);
	while (end > core && blank(end[-1]))
		end--;
	if (*p == '+' || *p == '-')
		negative = (*p++ == '-');
	if ((*p == 'i' || *p == 'I' || *p == 'n' || *p == 'N') &&
	    (g_ascii_strncasecmp(p, "inf", 3) == 0 || g_ascii_strncasecmp(p, "nan", 3) == 0)) {
		gsize rest = (gsize)(end - p);

		if (rest == 3 || (rest == 8 && g_ascii_strncasecmp(p, "infinity", 8) == 0)) {
			if (g_ascii_tolower(*p) == 'n') {
				*is_nan = TRUE;
				*out = NAN;
			} else {
				*out = negative ? -INFINITY : INFINITY;
			}
			return TRUE;
		}
		return FALSE;
	}
	for (; g_ascii_isdigit(*p); p++) {
		digits = TRUE;
		if (significant < 19) {
			mantissa = mantissa * 10u + (guint)(*p - '0');
			significant += mantissa != 0;
		} else {
			significant++;
			scale++;
		}
	}
	if (*p == '.') {
		for (p++; g_ascii_isdigit(*p); p++) {
			digits = TRUE;
			if (significant < 19) {
				mantissa = mantissa * 10u + (guint)(*p - '0');
				significant += mantissa != 0;
				scale--;
			}
		}
	}
	if (!digits)
		return FALSE;
	if (*p == 'e' || *p == 'E') {
		gboolean eneg = FALSE;

		p++;
		if (*p == '+' || *p == '-')
			eneg = (*p++ == '-');
		if (!g_ascii_isdigit(*p))
			return FALSE;
		for (; g_ascii_isdigit(*p); p++)
			if (exponent < 100000)
				exponent = exponent * 10 + (*p - '0');
		if (eneg)
			exponent = -exponent;
	}
	if (p != end)
		return FALSE;
	exponent += scale;
	if (significant <= 15 && exponent >= -22 && exponent <= 22) {
		double v = (double)mantissa;

		v = exponent < 0 ? v / exact_pow10[-exponent] : v * exact_pow10[exponent];
		*out = negative ? -v : v;
		return TRUE;
	}
	*out = g_ascii_strtod(core, &stop);
	return stop == end;
}

/* xs:int / xs:long: optional sign, decimal digits, within [@min, @max]. */
gboolean
iot_sd_parse_integer(const char *s, gint64 min, gint64 max, gint64 *out)
{
	const char *p = s;
	gboolean negative = FALSE, any = FALSE;
	guint64 v = 0, limit;

	while (blank(*p))
		p++;
	if (*p == '+' || *p == '-')
		negative = (*p++ == '-');
	limit = negative ? (guint64)(-(min + 1)) + 1u : (guint64)max;
	while (g_ascii_isdigit(*p)) {
		guint d = (guint)(*p++ - '0');

		if (v > (limit - d) / 10u)
			return FALSE;
		v = v * 10u + d;
		any = TRUE;
	}
	while (blank(*p))
		p++;
	if (!any || *p != '\0')
		return FALSE;
	if (negative)
		*out = (v == (guint64)G_MAXINT64 + 1u) ? G_MININT64 : -(gint64)v;
	else
		*out = (gint64)v;
	return TRUE;
}

gboolean
iot_sd_parse_boolean(const char *s, double *out)
{
	char buf[8];
	gsize n;

	while (blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && blank(s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof buf)
		return FALSE;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!iot_sd_is_true(buf) && !iot_sd_is_false(buf))
		return FALSE;
	*out = iot_sd_is_true(buf) ? 1.0 : 0.0;
	return TRUE;
}
