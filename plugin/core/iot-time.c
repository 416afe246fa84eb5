/*
 * iot-time.c — XML Schema date, time and duration values. See iot-time.h.
 *
 * The lexical forms are scanned by hand, field by field, so that a value is
 * either accepted whole or rejected: GLib's own ISO 8601 parser accepts week
 * dates, ordinal dates and a missing 'T', which xs:dateTime does not. GDateTime
 * then does the calendar and time-zone arithmetic.
 */
#include "iot-time.h"

#include "iot-model.h"

#include <string.h>

#define US_PER_SECOND G_GINT64_CONSTANT(1000000)

typedef struct {
	int year, month, day;
	int hour, minute, second;
	int micro;          /* fraction of the second, truncated to µs */
	gboolean has_zone;
	int zone_seconds;   /* offset east of UTC */
} Parts;

/* Reads exactly @n decimal digits. Fixed widths keep "2024-1-5" out: the
 * schema pads every component. */
static gboolean
digits(const char **p, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (!g_ascii_isdigit(**p))
			return FALSE;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return TRUE;
}

/* xs allows any number of fraction digits; we keep microseconds, which is
 * what the model stores. */
static gboolean
fraction(const char **p, int *micro)
{
	int scale = 100000, n = 0;

	*micro = 0;
	if (**p != '.')
		return TRUE;
	(*p)++;
	while (g_ascii_isdigit(**p)) {
		*micro += (**p - '0') * scale;
		scale /= 10;
		(*p)++;
		n++;
	}
	return n > 0;
}

/* 'Z', '+hh:mm' or '-hh:mm'; '+hhmm' is tolerated because some embedded
 * formatters drop the colon. */
static gboolean
zone(const char **p, Parts *t)
{
	int sign, hh, mm;

	t->has_zone = FALSE;
	t->zone_seconds = 0;
	if (**p == 'Z') {
		(*p)++;
		t->has_zone = TRUE;
		return TRUE;
	}
	if (**p != '+' && **p != '-')
		return TRUE;
	sign = (**p == '-') ? -1 : 1;
	(*p)++;
	if (!digits(p, 2, &hh))
		return FALSE;
	if (**p == ':')
		(*p)++;
	if (!digits(p, 2, &mm))
		return FALSE;
	if (hh > 14 || mm > 59 || (hh == 14 && mm != 0))
		return FALSE;
	t->has_zone = TRUE;
	t->zone_seconds = sign * (hh * 3600 + mm * 60);
	return TRUE;
}

static gboolean
date_part(const char **p, Parts *t)
{
	/* GDateTime covers years 1..9999: that is every year a device has a
	 * reason to send, so wider xs years are refused rather than wrapped. */
	if (!digits(p, 4, &t->year) || *(*p)++ != '-' || !digits(p, 2, &t->month) ||
	    *(*p)++ != '-' || !digits(p, 2, &t->day))
		return FALSE;
	if (t->year < 1 || t->month < 1 || t->month > 12 || t->day < 1)
		return FALSE;
	return t->day <= g_date_get_days_in_month((GDateMonth)t->month, (GDateYear)t->year);
}

static gboolean
time_part(const char **p, Parts *t)
{
	if (!digits(p, 2, &t->hour) || *(*p)++ != ':' || !digits(p, 2, &t->minute) ||
	    *(*p)++ != ':' || !digits(p, 2, &t->second) || !fraction(p, &t->micro))
		return FALSE;
	if (t->minute > 59 || t->second > 60)
		return FALSE;
	/* xs: 24:00:00 is the end of the day and nothing later is. */
	if (t->hour == 24)
		return t->minute == 0 && t->second == 0 && t->micro == 0;
	return t->hour < 24;
}

/* XML attribute values may carry surrounding blanks (whitespace="collapse"). */
static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

static gboolean
at_end(const char *p)
{
	return *skip_blanks(p) == '\0';
}

/* Seconds since the epoch of the wall-clock instant @t (without the
 * fraction), in its own zone or, when it has none, in ours. */
static gboolean
to_unix(const Parts *t, gint64 *out)
{
	GDateTime *dt;
	int hour = t->hour, second = t->second;
	gint64 extra = 0;

	/* GDateTime knows neither 24:00 nor leap seconds: count them on top. */
	if (hour == 24) {
		hour = 23;
		second = 0;
		extra = 3600;
		if (t->minute != 0)
			return FALSE;
	}
	if (second == 60) {
		second = 59;
		extra += 1;
	}
	if (t->has_zone)
		dt = g_date_time_new_utc(t->year, t->month, t->day, hour, t->minute, second);
	else
		dt = g_date_time_new_local(t->year, t->month, t->day, hour, t->minute, second);
	if (dt == NULL)
		return FALSE;
	*out = g_date_time_to_unix(dt) + extra - (t->has_zone ? t->zone_seconds : 0);
	g_date_time_unref(dt);
	return TRUE;
}

gboolean
iot_time_parse_datetime(const char *s, gint64 *out_us)
{
	Parts t = { 0 };
	const char *p;
	gint64 secs;

	if (s == NULL)
		return FALSE;
	p = skip_blanks(s);
	if (!date_part(&p, &t))
		return FALSE;
	/* xs:dateTime needs 'T'; a blank is what people and some loggers write
	 * and cannot be mistaken for anything else. */
	if (*p != 'T' && *p != ' ')
		return FALSE;
	p++;
	if (!time_part(&p, &t) || !zone(&p, &t) || !at_end(p))
		return FALSE;
	if (!to_unix(&t, &secs))
		return FALSE;
	if (out_us)
		*out_us = secs * US_PER_SECOND + t.micro;
	return TRUE;
}

gboolean
iot_time_parse_date(const char *s, gint64 *out_us)
{
	Parts t = { 0 };
	const char *p;
	gint64 secs;

	if (s == NULL)
		return FALSE;
	p = skip_blanks(s);
	if (!date_part(&p, &t) || !zone(&p, &t) || !at_end(p))
		return FALSE;
	/* A calendar day is shown as a day: its zone only says where it was
	 * that day, so the value becomes our local midnight of the same date. */
	t.has_zone = FALSE;
	if (!to_unix(&t, &secs))
		return FALSE;
	if (out_us)
		*out_us = secs * US_PER_SECOND;
	return TRUE;
}

gboolean
iot_time_parse_time(const char *s, double *out_seconds)
{
	Parts t = { 0 };
	const char *p;

	if (s == NULL)
		return FALSE;
	p = skip_blanks(s);
	if (!time_part(&p, &t) || !zone(&p, &t) || !at_end(p))
		return FALSE;
	if (out_seconds) {
		/* 24:00:00 is midnight again (xs:time is cyclic). */
		*out_seconds = (t.hour % 24) * 3600.0 + t.minute * 60.0 + t.second + t.micro / 1e6;
	}
	return TRUE;
}

/* One "<number><designator>" step of a duration. Only seconds may carry a
 * fraction (xs:duration). Returns FALSE on a malformed number. */
static gboolean
duration_number(const char **p, double *value, gboolean *has_fraction)
{
	const char *start = *p;
	double v = 0.0;

	*has_fraction = FALSE;
	while (g_ascii_isdigit(**p)) {
		v = v * 10.0 + (**p - '0');
		(*p)++;
	}
	if (*p == start)
		return FALSE;
	if (**p == '.') {
		double scale = 0.1;
		const char *frac = ++(*p);

		while (g_ascii_isdigit(**p)) {
			v += (**p - '0') * scale;
			scale /= 10.0;
			(*p)++;
		}
		if (*p == frac)
			return FALSE;
		*has_fraction = TRUE;
	}
	*value = v;
	return TRUE;
}

gboolean
iot_time_parse_duration(const char *s, double *out_seconds)
{
	/* Designators in the order xs:duration requires them; months count 30
	 * days and years 365 (iot-time.h: for display and ordering only). */
	static const struct {
		char designator;
		gboolean in_time;
		double seconds;
	} steps[] = {
		{ 'Y', FALSE, 365.0 * 86400.0 }, { 'M', FALSE, 30.0 * 86400.0 },
		{ 'D', FALSE, 86400.0 },         { 'H', TRUE, 3600.0 },
		{ 'M', TRUE, 60.0 },             { 'S', TRUE, 1.0 },
	};
	const char *p;
	double total = 0.0;
	gboolean negative = FALSE, in_time = FALSE, any = FALSE, time_any = FALSE;
	guint next = 0;

	if (s == NULL)
		return FALSE;
	p = skip_blanks(s);
	if (*p == '-') {
		negative = TRUE;
		p++;
	}
	if (*p++ != 'P')
		return FALSE;
	while (*p != '\0' && !at_end(p)) {
		double v;
		gboolean has_fraction;
		guint i;

		if (*p == 'T') {
			if (in_time)
				return FALSE;
			in_time = TRUE;
			p++;
			continue;
		}
		if (!duration_number(&p, &v, &has_fraction))
			return FALSE;
		for (i = next; i < G_N_ELEMENTS(steps); i++)
			if (steps[i].designator == *p && steps[i].in_time == in_time)
				break;
		if (i == G_N_ELEMENTS(steps))
			return FALSE;
		if (has_fraction && steps[i].designator != 'S')
			return FALSE;
		total += v * steps[i].seconds;
		next = i + 1;
		any = TRUE;
		if (in_time)
			time_any = TRUE;
		p++;
	}
	/* "P" and "PT" say nothing; a 'T' must be followed by a time part. */
	if (!any || (in_time && !time_any))
		return FALSE;
	if (out_seconds)
		*out_seconds = negative ? -total : total;
	return TRUE;
}

/* Splits µs into whole seconds and a non-negative remainder, rounding down
 * so that instants before 1970 keep a positive fraction. */
static void
split_us(gint64 us, gint64 *secs, int *micro)
{
	*secs = us / US_PER_SECOND;
	*micro = (int)(us % US_PER_SECOND);
	if (*micro < 0) {
		*micro += (int)US_PER_SECOND;
		(*secs)--;
	}
}

char *
iot_time_format_iso(gint64 us)
{
	GDateTime *dt;
	gint64 secs;
	int micro;
	char *base, *out;

	/* An unknown time has no lexical form; callers leave the attribute out. */
	if (us == IOT_TIME_UNKNOWN)
		return g_strdup("");
	split_us(us, &secs, &micro);
	dt = g_date_time_new_from_unix_utc(secs);
	if (dt == NULL)
		return g_strdup("");
	base = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
	g_date_time_unref(dt);
	if (micro == 0) {
		out = g_strconcat(base, "Z", NULL);
	} else {
		/* Only as many fraction digits as carry information, so that a
		 * millisecond clock round-trips as ".250", not ".250000". */
		char frac[8];
		int len;

		g_snprintf(frac, sizeof frac, "%06d", micro);
		for (len = 6; len > 1 && frac[len - 1] == '0'; len--)
			;
		frac[len] = '\0';
		out = g_strdup_printf("%s.%sZ", base, frac);
	}
	g_free(base);
	return out;
}

char *
iot_time_format_local(gint64 us, gint64 now_us)
{
	GDateTime *dt, *now;
	gint64 secs, now_secs;
	int micro;
	char *out;

	if (us == IOT_TIME_UNKNOWN)
		return g_strdup("");
	split_us(us, &secs, &micro);
	split_us(now_us, &now_secs, &micro);
	dt = g_date_time_new_from_unix_local(secs);
	if (dt == NULL)
		return g_strdup("");
	now = g_date_time_new_from_unix_local(now_secs);
	/* Today's readings need no date: a person watching a house reads the
	 * clock time; anything older gets its full date. */
	if (now != NULL && g_date_time_get_year(dt) == g_date_time_get_year(now) &&
	    g_date_time_get_day_of_year(dt) == g_date_time_get_day_of_year(now))
		out = g_date_time_format(dt, "%H:%M:%S");
	else
		out = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
	if (now != NULL)
		g_date_time_unref(now);
	g_date_time_unref(dt);
	return out != NULL ? out : g_strdup("");
}
