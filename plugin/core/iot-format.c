/* iot-format.c — readouts and errors as text. See iot-format.h. */
#include "iot-format.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Widest name column before names are cut: keeps lines readable in a chat window. */
#define NAME_COLUMN_MAX 28
#define VALUE_COLUMN_MAX 24
#define VALUE_CHARS_MAX 80

char *
iot_format_clean(const char *s, guint max_chars)
{
	GString *out;
	const char *p;
	guint n = 0;

	if (s == NULL)
		return g_strdup("");
	if (!g_utf8_validate(s, -1, NULL))
		return g_strdup("\xEF\xBF\xBD"); /* U+FFFD: never pass broken UTF-8 on */
	out = g_string_sized_new(strlen(s));
	for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (n >= max_chars) {
			g_string_append(out, "…");
			break;
		}
		/* Line breaks and other controls would break the block's layout;
		 * bidi overrides could reorder what the user reads. */
		if (g_unichar_iscntrl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			g_string_append_c(out, ' ');
		else
			g_string_append_unichar(out, c);
		n++;
	}
	return g_string_free(out, FALSE);
}

static const char *
category_word(guint bit)
{
	switch (bit) {
	case IOT_CAT_MOMENTARY: return _("momentary");
	case IOT_CAT_PEAK: return _("peak");
	case IOT_CAT_STATUS: return _("status");
	case IOT_CAT_COMPUTED: return _("computed");
	case IOT_CAT_IDENTITY: return _("identity");
	case IOT_CAT_HIST_SECOND: return _("historical (second)");
	case IOT_CAT_HIST_MINUTE: return _("historical (minute)");
	case IOT_CAT_HIST_HOUR: return _("historical (hour)");
	case IOT_CAT_HIST_DAY: return _("historical (day)");
	case IOT_CAT_HIST_WEEK: return _("historical (week)");
	case IOT_CAT_HIST_MONTH: return _("historical (month)");
	case IOT_CAT_HIST_QUARTER: return _("historical (quarter)");
	case IOT_CAT_HIST_YEAR: return _("historical (year)");
	case IOT_CAT_HIST_OTHER: return _("historical");
	default: return NULL;
	}
}

static const char *
qos_word(guint bit)
{
	switch (bit) {
	case IOT_QOS_MISSING: return _("missing");
	case IOT_QOS_IN_PROGRESS: return _("in progress");
	case IOT_QOS_AUTOMATIC_ESTIMATE: return _("automatic estimate");
	case IOT_QOS_MANUAL_ESTIMATE: return _("manual estimate");
	case IOT_QOS_MANUAL_READOUT: return _("manual readout");
	case IOT_QOS_AUTOMATIC_READOUT: return NULL; /* the normal case: not worth a word */
	case IOT_QOS_TIME_OFFSET: return _("time offset");
	case IOT_QOS_WARNING: return _("warning");
	case IOT_QOS_ERROR: return _("error");
	case IOT_QOS_SIGNED: return _("signed");
	case IOT_QOS_INVOICED: return _("invoiced");
	case IOT_QOS_END_OF_SERIES: return _("end of series");
	case IOT_QOS_POWER_FAILURE: return _("power failure");
	case IOT_QOS_INVOICE_CONFIRMED: return _("invoice confirmed");
	default: return NULL;
	}
}

static char *
join_words(guint32 bits, const char *(*word)(guint), guint nbits)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < nbits; i++) {
		const char *w;

		if (!(bits & (1u << i)) || (w = word(1u << i)) == NULL)
			continue;
		if (s->len > 0)
			g_string_append(s, ", ");
		g_string_append(s, w);
	}
	return g_string_free(s, FALSE);
}

char *
iot_format_categories(guint32 categories)
{
	return join_words(categories, category_word, 14);
}

char *
iot_format_qos(guint32 qos)
{
	/* Errors and warnings first: they are what the reader must not miss. */
	guint32 first = qos & (IOT_QOS_ERROR | IOT_QOS_WARNING | IOT_QOS_POWER_FAILURE | IOT_QOS_MISSING);
	char *a = join_words(first, qos_word, IOT_QOS_COUNT);
	char *b = join_words(qos & ~first, qos_word, IOT_QOS_COUNT);
	char *out;

	if (*a && *b)
		out = g_strconcat(a, ", ", b, NULL);
	else
		out = g_strconcat(a, b, NULL);
	g_free(a);
	g_free(b);
	return out;
}

static char *
format_duration(double seconds)
{
	GString *s;
	double v = fabs(seconds);
	gint64 whole, d, h, m;
	double sec;

	/* Beyond the bound, days no longer fit an integer (and nobody reads
	 * them): converting such a number would be undefined behaviour. */
	if (!(v <= IOT_MAX_DURATION_YEARS * 365.0 * 86400.0)) {
		if (seconds < 0)
			/* TRANSLATORS: a negative duration too long to show in days;
			 * %u is a number of years (10000). */
			return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "minus more than %u year", "minus more than %u years",
			                                IOT_MAX_DURATION_YEARS),
			                       (guint)IOT_MAX_DURATION_YEARS);
		/* TRANSLATORS: a duration too long to show in days; %u is a number
		 * of years (10000). */
		return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "more than %u year", "more than %u years",
		                                IOT_MAX_DURATION_YEARS),
		                       (guint)IOT_MAX_DURATION_YEARS);
	}
	s = g_string_new(seconds < 0 ? "-" : "");
	whole = (gint64)v;
	d = whole / 86400;
	h = whole % 86400 / 3600;
	m = whole % 3600 / 60;
	sec = fmod(v, 60.0);

	/* TRANSLATORS: units of a duration, e.g. "3 d 4 h 5 min 6 s". */
	if (d)
		g_string_append_printf(s, _("%ld d "), (long)d);
	if (h)
		g_string_append_printf(s, _("%ld h "), (long)h);
	if (m)
		g_string_append_printf(s, _("%ld min "), (long)m);
	if (sec > 0.0005 || s->len <= 1) {
		if (fabs(sec - round(sec)) < 0.0005)
			g_string_append_printf(s, _("%d s "), (int)round(sec));
		else
			g_string_append_printf(s, _("%.3g s "), sec);
	}
	g_strchomp(s->str);
	s->len = strlen(s->str);
	return g_string_free(s, FALSE);
}

char *
iot_format_value(const IotField *f, gint64 now_us)
{
	char *v = iot_format_clean(f->value, VALUE_CHARS_MAX), *out;
	gint64 us;

	switch (f->type) {
	case IOT_VALUE_NUMERIC:
	case IOT_VALUE_INT:
	case IOT_VALUE_LONG:
		if (f->unit != NULL && *f->unit != '\0') {
			char *u = iot_format_clean(f->unit, 32);
			out = g_strdup_printf("%s %s", v, u);
			g_free(u);
			g_free(v);
			return out;
		}
		return v;
	case IOT_VALUE_BOOLEAN:
		if (strcmp(f->value, "true") == 0 || strcmp(f->value, "1") == 0) {
			g_free(v);
			return g_strdup(_("true"));
		}
		if (strcmp(f->value, "false") == 0 || strcmp(f->value, "0") == 0) {
			g_free(v);
			return g_strdup(_("false"));
		}
		return v;
	case IOT_VALUE_DATETIME:
		if (iot_time_parse_datetime(f->value, &us)) {
			g_free(v);
			return iot_time_format_local(us, now_us);
		}
		return v;
	case IOT_VALUE_DURATION:
		if (f->number_valid && !isnan(f->number)) {
			g_free(v);
			return format_duration(f->number);
		}
		return v;
	default:
		return v;
	}
}

/* Pads @s with spaces to @width characters (never cuts). */
static void
append_padded(GString *out, const char *s, guint width)
{
	glong n = g_utf8_strlen(s, -1);

	g_string_append(out, s);
	for (; n < (glong)width; n++)
		g_string_append_c(out, ' ');
}

static char *
node_label(const IotNodeRef *node)
{
	char *id, *out;

	if (node->node_id == NULL)
		return NULL;
	id = iot_format_clean(node->node_id, 64);
	if (node->source_id != NULL) {
		char *src = iot_format_clean(node->source_id, 32);
		/* TRANSLATORS: a node behind a concentrator and its data source, "kitchen (Rooms)". */
		out = g_strdup_printf(_("%s (%s)"), id, src);
		g_free(src);
		g_free(id);
		return out;
	}
	return id;
}

static void
append_header(GString *out, const IotNodeRef *node, gint64 ts, gint64 now_us)
{
	char *label = node_label(node);
	char *when = ts != IOT_TIME_UNKNOWN ? iot_time_format_local(ts, now_us) : g_strdup(_("time unknown"));

	if (label != NULL)
		g_string_append_printf(out, "%s · %s\n", label, when);
	else
		g_string_append_printf(out, "%s\n", when);
	g_free(label);
	g_free(when);
}

char *
iot_format_readout(const IotReadout *r, guint max_fields, gint64 now_us)
{
	GString *out = g_string_new(NULL);
	guint i, shown, name_w = 0, value_w = 0;
	const IotField *prev = NULL;
	char **values;

	g_return_val_if_fail(r != NULL, NULL);
	shown = MIN(r->fields->len, max_fields);
	values = g_new0(char *, shown + 1);
	for (i = 0; i < shown; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		glong n = g_utf8_strlen(f->name, -1);
		values[i] = iot_format_value(f, now_us);
		name_w = MAX(name_w, (guint)MIN(n, NAME_COLUMN_MAX));
		value_w = MAX(value_w, (guint)MIN(g_utf8_strlen(values[i], -1), VALUE_COLUMN_MAX));
	}

	for (i = 0; i < shown; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		char *name = iot_format_clean(f->name, NAME_COLUMN_MAX);
		char *cats = iot_format_categories(f->categories);
		char *qos = iot_format_qos(f->qos);

		if (prev == NULL || !iot_node_ref_equal(&prev->node, &f->node) ||
		    prev->timestamp != f->timestamp)
			append_header(out, &f->node, f->timestamp, now_us);
		g_string_append(out, "  ");
		append_padded(out, name, name_w);
		g_string_append(out, "  ");
		append_padded(out, values[i], *cats || *qos ? value_w : 0);
		if (*cats)
			g_string_append_printf(out, "  %s", cats);
		if (*qos)
			g_string_append_printf(out, "  [%s]", qos);
		while (out->len > 0 && out->str[out->len - 1] == ' ')
			g_string_truncate(out, out->len - 1);
		g_string_append_c(out, '\n');
		g_free(name);
		g_free(cats);
		g_free(qos);
		prev = f;
	}
	g_strfreev(values);

	if (r->fields->len > shown)
		/* TRANSLATORS: first %u: fields not listed; second %u: all fields of the readout. */
		g_string_append_printf(out,
		                       g_dngettext(GETTEXT_PACKAGE,
		                                   "… %u more field not listed here (%u in all).\n",
		                                   "… %u more fields not listed here (%u in all).\n",
		                                   r->fields->len - shown),
		                       r->fields->len - shown, r->fields->len);
	if (r->fields->len == 0 && r->failures->len == 0)
		g_string_append_printf(out, "%s\n", _("The thing sent no values."));

	for (i = 0; i < r->failures->len; i++) {
		const IotFailure *fl = g_ptr_array_index(r->failures, i);
		char *label = node_label(&fl->node);
		char *text = iot_format_clean(fl->text, VALUE_CHARS_MAX);

		if (label != NULL)
			/* TRANSLATORS: a read-out error reported by a thing for one of its nodes. */
			g_string_append_printf(out, _("Error from %s: %s\n"), label, text);
		else
			g_string_append_printf(out, _("Error: %s\n"), text);
		g_free(label);
		g_free(text);
	}
	for (i = 0; i < r->notes->len; i++)
		g_string_append_printf(out, _("Note: %s\n"), (const char *)g_ptr_array_index(r->notes, i));
	if (r->notes_dropped > 0)
		g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "Note: %u more problem not listed.\n",
		                                     "Note: %u more problems not listed.\n",
		                                     r->notes_dropped),
		                       r->notes_dropped);

	if (out->len > 0 && out->str[out->len - 1] == '\n')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

char *
iot_format_error(const char *who, const GError *error, guint timeout_s)
{
	char *text, *out;

	g_return_val_if_fail(who != NULL && error != NULL, NULL);
	if (error->domain != IOT_ERROR)
		return g_strdup_printf(_("Reading %s failed: %s"), who, error->message);
	text = iot_format_clean(error->message, 300);
	switch ((IotErrorCode)error->code) {
	case IOT_ERROR_TIMEOUT:
		/* TRANSLATORS: "thermostat@home.example did not answer within 15 s" */
		out = g_strdup_printf(_("%s did not answer within %u s"), who, timeout_s);
		break;
	case IOT_ERROR_NOT_SUPPORTED:
		out = g_strdup_printf(_("%s does not offer sensor data"), who);
		break;
	case IOT_ERROR_OFFLINE:
		out = g_strdup_printf(_("%s is offline"), who);
		break;
	case IOT_ERROR_REJECTED:
		/* TRANSLATORS: "thermostat@home.example refused: Access denied." */
		out = g_strdup_printf(_("%s refused: %s"), who, text);
		break;
	case IOT_ERROR_DISCONNECTED:
		out = g_strdup_printf(_("Reading %s stopped: your account went offline"), who);
		break;
	case IOT_ERROR_CANCELLED:
		out = g_strdup_printf(_("Reading %s was cancelled"), who);
		break;
	case IOT_ERROR_NOT_FOUND:
		/* TRANSLATORS: the thing does not know the node or field asked for. */
		out = g_strdup_printf(_("%s does not know what was asked for: %s"), who, text);
		break;
	case IOT_ERROR_BAD_REQUEST:
		out = g_strdup_printf(_("%s did not accept the request: %s"), who, text);
		break;
	case IOT_ERROR_NOT_IMPLEMENTED:
		out = g_strdup_printf(_("%s does not offer sensor data (%s)"), who, text);
		break;
	case IOT_ERROR_UNAVAILABLE:
		out = g_strdup_printf(_("%s cannot be reached (%s)"), who, text);
		break;
	case IOT_ERROR_TOO_LARGE:
		out = g_strdup_printf(_("%s sent more than can be shown (%s)"), who, text);
		break;
	case IOT_ERROR_CONFLICT:
		out = g_strdup_printf(_("%s is busy or locked: %s"), who, text);
		break;
	case IOT_ERROR_UNKNOWN_NODE:
		/* TRANSLATORS: none of the concentrator's data sources has the node;
		 * "hub@home.example has no node “attic”." */
		out = g_strdup_printf(_("%s has no node “%s”."), who, text);
		break;
	default:
		/* TRANSLATORS: the thing answered with an error; %s after the colon is its text. */
		out = g_strdup_printf(_("%s answered with an error: %s"), who, text);
		break;
	}
	g_free(text);
	return out;
}
