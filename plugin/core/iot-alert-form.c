/* iot-alert-form.c — a rule's form: typed texts checked field by field.
 * See iot-alert-form.h. */
#include "iot-alert-form.h"

#include "iot-alert-args.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
iot_alert_op_text(IotAlertOp op)
{
	switch (op) {
	case IOT_ALERT_OP_ABOVE:
		/* TRANSLATORS: a rule's condition, as the rule editor lists them. */
		return _("above");
	case IOT_ALERT_OP_BELOW:
		return _("below");
	case IOT_ALERT_OP_AT_LEAST:
		return _("at least");
	case IOT_ALERT_OP_AT_MOST:
		return _("at most");
	case IOT_ALERT_OP_EQUALS:
		return _("equals");
	case IOT_ALERT_OP_NOT_EQUALS:
		return _("does not equal");
	case IOT_ALERT_OP_OUTSIDE:
		return _("outside a band");
	case IOT_ALERT_OP_CHANGED:
		return _("changed");
	case IOT_ALERT_OP_STALE:
		return _("no update for");
	case IOT_ALERT_OP_OFFLINE:
		return _("offline for");
	}
	return "?";
}

/* Returns: (transfer full): @s trimmed ("" for NULL). */
static char *
trim(const char *s)
{
	return g_strstrip(g_strdup(s != NULL ? s : ""));
}

static gboolean
number_of(const char *text, double *out)
{
	char *end = NULL;
	double v;

	if (text == NULL || *text == '\0')
		return FALSE;
	v = g_ascii_strtod(text, &end);
	if (end == text || *end != '\0' || !isfinite(v))
		return FALSE;
	*out = v;
	return TRUE;
}

/* "22:00", "7:30" → minutes after midnight. */
static gboolean
clock_of(const char *text, guint *min)
{
	unsigned h, m;
	char tail;

	if (text == NULL || sscanf(text, "%u:%u%c", &h, &m, &tail) != 2 || h > 23 || m > 59)
		return FALSE;
	*min = h * 60 + m;
	return TRUE;
}

static void
problem(const char *problems[], IotAlertFormField f, const char *why)
{
	if (problems[f] == NULL)
		problems[f] = why;
}

/* An optional duration: "" is 0. */
static void
duration_of(const char *typed, guint *out, const char *problems[], IotAlertFormField f)
{
	char *t = trim(typed);

	*out = 0;
	if (*t != '\0' && !iot_alert_args_duration(t, out))
		/* TRANSLATORS: beside a duration field of the rule form */
		problem(problems, f, _("not a duration like 10m, 1h30m or 90s"));
	g_free(t);
}

static void
read_level(const IotAlertFormInput *in, gboolean alarm, IotAlertLevel *l, const char *problems[])
{
	IotAlertFormField f = alarm ? IOT_ALERT_FORM_ALARM : IOT_ALERT_FORM_WARNING;
	IotAlertFormField fh = alarm ? IOT_ALERT_FORM_ALARM_HIGH : IOT_ALERT_FORM_WARNING_HIGH;
	char *text = trim(alarm ? in->alarm : in->warning), *high = trim(alarm ? in->alarm_high : in->warning_high);

	l->set = *text != '\0' || (in->op == IOT_ALERT_OP_OUTSIDE && *high != '\0');
	if (l->set) {
		if (number_of(text, &l->value)) {
			/* a number */
		} else if ((in->op == IOT_ALERT_OP_EQUALS || in->op == IOT_ALERT_OP_NOT_EQUALS) && *text != '\0') {
			l->text = g_strdup(text);
		} else {
			/* TRANSLATORS: beside a level field of the rule form */
			problem(problems, f, in->op == IOT_ALERT_OP_OUTSIDE ? _("the band's low end is not a number")
			                                                     : _("not a number"));
		}
		if (in->op == IOT_ALERT_OP_OUTSIDE) {
			if (!number_of(high, &l->high))
				/* TRANSLATORS: beside the high end of a band in the rule form */
				problem(problems, fh, _("the band's high end is not a number"));
			else if (problems[f] == NULL && !(l->value < l->high))
				/* TRANSLATORS: beside the high end of a band typed the wrong way round */
				problem(problems, fh, _("must be above the low end"));
		}
	}
	g_free(text);
	g_free(high);
}

static gboolean
any(const char *problems[])
{
	guint i;

	for (i = 0; i < IOT_ALERT_FORM_N_FIELDS; i++)
		if (problems[i] != NULL)
			return TRUE;
	return FALSE;
}

IotAlertRule *
iot_alert_form_read(const IotAlertFormInput *in, const char *problems[IOT_ALERT_FORM_N_FIELDS])
{
	IotAlertRule *r;
	char *thing, *node, *field, *h;
	guint i;

	g_return_val_if_fail(in != NULL && problems != NULL, NULL);
	for (i = 0; i < IOT_ALERT_FORM_N_FIELDS; i++)
		problems[i] = NULL;
	r = iot_alert_rule_new();
	r->op = (guint)in->op <= IOT_ALERT_OP_OFFLINE ? in->op : IOT_ALERT_OP_ABOVE;
	thing = trim(in->thing);
	node = trim(in->node);
	field = trim(in->field);
	if (*thing == '\0' || strpbrk(thing, " \t\n") != NULL)
		/* TRANSLATORS: beside the thing field of the rule form */
		problem(problems, IOT_ALERT_FORM_THING, _("type the thing's address, e.g. boiler@example.org"));
	if (r->op != IOT_ALERT_OP_OFFLINE && *field == '\0')
		/* TRANSLATORS: beside the field of the rule form */
		problem(problems, IOT_ALERT_FORM_FIELD, _("type the field the rule watches"));
	iot_alert_rule_set_target(r, "", thing, node, r->op == IOT_ALERT_OP_OFFLINE ? NULL : field);
	g_clear_pointer(&r->account, g_free);
	switch (r->op) {
	case IOT_ALERT_OP_CHANGED:
	case IOT_ALERT_OP_STALE:
	case IOT_ALERT_OP_OFFLINE:
		if (in->raise_alarm)
			r->alarm.set = TRUE;
		else
			r->warning.set = TRUE;
		if (r->op != IOT_ALERT_OP_CHANGED) {
			duration_of(in->after, &r->duration_s, problems, IOT_ALERT_FORM_AFTER);
			if (r->duration_s == 0)
				/* TRANSLATORS: beside the "after" field of the rule form */
				problem(problems, IOT_ALERT_FORM_AFTER, _("say how long, e.g. 10m or 90s"));
		}
		break;
	default:
		read_level(in, FALSE, &r->warning, problems);
		read_level(in, TRUE, &r->alarm, problems);
		if (!r->warning.set && !r->alarm.set)
			/* TRANSLATORS: beside the alarm level of the rule form */
			problem(problems, IOT_ALERT_FORM_ALARM, _("type a warning level, an alarm level or both"));
		break;
	}
	h = trim(in->hysteresis);
	if (*h != '\0' && (!number_of(h, &r->hysteresis) || r->hysteresis < 0)) {
		/* TRANSLATORS: beside the hysteresis field of the rule form */
		problem(problems, IOT_ALERT_FORM_HYSTERESIS, _("a number of 0 or more"));
		r->hysteresis = 0;
	}
	g_free(h);
	duration_of(in->for_at_least, &r->for_s, problems, IOT_ALERT_FORM_FOR);
	duration_of(in->remind, &r->remind_s, problems, IOT_ALERT_FORM_REMIND);
	if (in->priority < IOT_ALERT_FORM_PRIORITY_MIN || in->priority > IOT_ALERT_FORM_PRIORITY_MAX)
		/* TRANSLATORS: beside the priority field of the rule form */
		problem(problems, IOT_ALERT_FORM_PRIORITY, _("from -100 to 100"));
	r->priority = CLAMP(in->priority, IOT_ALERT_FORM_PRIORITY_MIN, IOT_ALERT_FORM_PRIORITY_MAX);
	r->latched = in->latched;
	r->urgent = in->urgent;
	r->disabled = !in->enabled;
	r->quiet.enabled = in->quiet;
	if (in->quiet) {
		char *from = trim(in->quiet_from), *to = trim(in->quiet_to);

		if (!clock_of(from, &r->quiet.start_min))
			/* TRANSLATORS: beside a quiet-hours field of the rule form */
			problem(problems, IOT_ALERT_FORM_QUIET_FROM, _("a time like 22:00"));
		if (!clock_of(to, &r->quiet.end_min))
			problem(problems, IOT_ALERT_FORM_QUIET_TO, _("a time like 07:00"));
		g_free(from);
		g_free(to);
	}
	g_free(thing);
	g_free(node);
	g_free(field);
	if (!any(problems)) {
		/* whole-rule checks: the account is the adapter's to set */
		r->account = g_strdup("-");
		if (!iot_alert_rule_valid(r))
			/* TRANSLATORS: beside the alarm level when the rule as a whole cannot be checked */
			problem(problems, IOT_ALERT_FORM_ALARM, _("this rule cannot be checked"));
		g_clear_pointer(&r->account, g_free);
	}
	if (any(problems)) {
		iot_alert_rule_free(r);
		return NULL;
	}
	return r;
}

char *
iot_alert_form_duration(guint seconds)
{
	GString *s = g_string_new(NULL);

	if (seconds >= 3600)
		g_string_append_printf(s, "%uh", seconds / 3600);
	if (seconds % 3600 >= 60)
		g_string_append_printf(s, "%um", seconds % 3600 / 60);
	if (seconds % 60 != 0)
		g_string_append_printf(s, "%us", seconds % 60);
	return g_string_free(s, FALSE);
}

static char *
level_text(const IotAlertLevel *l)
{
	if (!l->set)
		return NULL;
	return l->text != NULL ? g_strdup(l->text) : iot_alert_format_number(l->value);
}

static char *
nonempty(char *s)
{
	if (s != NULL && *s == '\0') {
		g_free(s);
		return NULL;
	}
	return s;
}

void
iot_alert_form_texts(const IotAlertRule *r, char *texts[IOT_ALERT_FORM_N_FIELDS])
{
	gboolean one = r->op == IOT_ALERT_OP_CHANGED || r->op == IOT_ALERT_OP_STALE || r->op == IOT_ALERT_OP_OFFLINE;

	g_return_if_fail(r != NULL && texts != NULL);
	memset(texts, 0, sizeof(char *) * IOT_ALERT_FORM_N_FIELDS);
	texts[IOT_ALERT_FORM_THING] = g_strdup(r->thing);
	texts[IOT_ALERT_FORM_FIELD] = g_strdup(r->field);
	if (!one) {
		texts[IOT_ALERT_FORM_WARNING] = level_text(&r->warning);
		texts[IOT_ALERT_FORM_ALARM] = level_text(&r->alarm);
		if (r->op == IOT_ALERT_OP_OUTSIDE) {
			texts[IOT_ALERT_FORM_WARNING_HIGH] = r->warning.set ? iot_alert_format_number(r->warning.high) : NULL;
			texts[IOT_ALERT_FORM_ALARM_HIGH] = r->alarm.set ? iot_alert_format_number(r->alarm.high) : NULL;
		}
	}
	texts[IOT_ALERT_FORM_AFTER] = nonempty(iot_alert_form_duration(r->duration_s));
	texts[IOT_ALERT_FORM_HYSTERESIS] = r->hysteresis > 0 ? iot_alert_format_number(r->hysteresis) : NULL;
	texts[IOT_ALERT_FORM_FOR] = nonempty(iot_alert_form_duration(r->for_s));
	texts[IOT_ALERT_FORM_REMIND] = nonempty(iot_alert_form_duration(r->remind_s));
	texts[IOT_ALERT_FORM_PRIORITY] = g_strdup_printf("%d", r->priority);
	if (r->quiet.enabled) {
		texts[IOT_ALERT_FORM_QUIET_FROM] = g_strdup_printf("%02u:%02u", r->quiet.start_min / 60, r->quiet.start_min % 60);
		texts[IOT_ALERT_FORM_QUIET_TO] = g_strdup_printf("%02u:%02u", r->quiet.end_min / 60, r->quiet.end_min % 60);
	}
}
