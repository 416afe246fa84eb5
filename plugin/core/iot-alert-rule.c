/* iot-alert-rule.c — a rule: its parts, checks, and words. */
#include "iot-alert-rule.h"

#include "iot-value.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static const char *const op_symbols[] = { ">", "<", ">=", "<=", "=", "!=", "outside", "changed",
	                                  "stale", "offline" };

const char *
iot_alert_op_symbol(IotAlertOp op)
{
	return (guint)op < G_N_ELEMENTS(op_symbols) ? op_symbols[op] : "?";
}

IotAlertRule *
iot_alert_rule_new(void)
{
	return g_new0(IotAlertRule, 1);
}

static void
level_copy(IotAlertLevel *dst, const IotAlertLevel *src)
{
	*dst = *src;
	dst->text = g_strdup(src->text);
}

IotAlertRule *
iot_alert_rule_copy(const IotAlertRule *r)
{
	IotAlertRule *c;

	g_return_val_if_fail(r != NULL, NULL);
	c = g_new(IotAlertRule, 1);
	*c = *r;
	c->account = g_strdup(r->account);
	c->thing = g_strdup(r->thing);
	c->node = g_strdup(r->node);
	c->field = g_strdup(r->field);
	level_copy(&c->warning, &r->warning);
	level_copy(&c->alarm, &r->alarm);
	return c;
}

void
iot_alert_rule_free(IotAlertRule *r)
{
	if (r == NULL)
		return;
	g_free(r->account);
	g_free(r->thing);
	g_free(r->node);
	g_free(r->field);
	g_free(r->warning.text);
	g_free(r->alarm.text);
	g_free(r);
}

static char *
bounded(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : iot_alert_clean_text(s, -1, IOT_ALERT_MAX_NAME);
}

void
iot_alert_rule_set_target(IotAlertRule *r, const char *account, const char *thing,
                          const char *node, const char *field)
{
	char *a, *t, *n, *f;

	g_return_if_fail(r != NULL);
	/* copied before the old ones go: the rule's own strings may be passed back */
	a = bounded(account);
	t = bounded(thing);
	n = bounded(node);
	f = bounded(field);
	g_free(r->account);
	g_free(r->thing);
	g_free(r->node);
	g_free(r->field);
	r->account = a;
	r->thing = t;
	r->node = n;
	r->field = f;
}

static gboolean
one_level_op(IotAlertOp op)
{
	return op == IOT_ALERT_OP_EQUALS || op == IOT_ALERT_OP_NOT_EQUALS || op == IOT_ALERT_OP_CHANGED ||
	       op == IOT_ALERT_OP_STALE || op == IOT_ALERT_OP_OFFLINE;
}

static gboolean
level_valid(const IotAlertRule *r, const IotAlertLevel *l)
{
	if (!l->set)
		return TRUE;
	if (r->op == IOT_ALERT_OP_EQUALS || r->op == IOT_ALERT_OP_NOT_EQUALS)
		return l->text != NULL || isfinite(l->value);
	if (r->op == IOT_ALERT_OP_CHANGED || r->op == IOT_ALERT_OP_STALE || r->op == IOT_ALERT_OP_OFFLINE)
		return TRUE;
	if (!isfinite(l->value))
		return FALSE;
	return r->op != IOT_ALERT_OP_OUTSIDE || (isfinite(l->high) && l->value < l->high);
}

gboolean
iot_alert_rule_valid(const IotAlertRule *r)
{
	if (r == NULL || r->account == NULL || r->thing == NULL || (guint)r->op > IOT_ALERT_OP_OFFLINE)
		return FALSE;
	if (r->field == NULL && r->op != IOT_ALERT_OP_OFFLINE)
		return FALSE;
	if (!r->warning.set && !r->alarm.set)
		return FALSE;
	if (!level_valid(r, &r->warning) || !level_valid(r, &r->alarm))
		return FALSE;
	if (!isfinite(r->hysteresis) || r->hysteresis < 0)
		return FALSE;
	if ((r->op == IOT_ALERT_OP_STALE || r->op == IOT_ALERT_OP_OFFLINE) && r->duration_s == 0)
		return FALSE;
	return TRUE;
}

IotAlertSeverity
iot_alert_rule_severity(const IotAlertRule *r)
{
	return r->alarm.set ? IOT_ALERT_ALARM : IOT_ALERT_WARNING;
}

/* ---- words ----------------------------------------------------------------- */

char *
iot_alert_format_duration(guint seconds)
{
	if (seconds >= 3600 && seconds % 3600 == 0)
		/* TRANSLATORS: a duration in hours, e.g. "2 h" */
		return g_strdup_printf(_("%u h"), seconds / 3600);
	if (seconds >= 60 && seconds % 60 == 0)
		/* TRANSLATORS: a duration in minutes, e.g. "15 min" */
		return g_strdup_printf(_("%u min"), seconds / 60);
	/* TRANSLATORS: a duration in seconds, e.g. "90 s" */
	return g_strdup_printf(_("%u s"), seconds);
}

/* A level for people: "30", "21.5", "0.001", "1e+20" — the shortest
 * form that reads back, without an exponent for ordinary numbers. */
char *
iot_alert_format_number(double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	int prec;

	if (!isfinite(v))
		return iot_value_format_double(v);
	if (v == floor(v) && fabs(v) < 1e15)
		return g_strdup_printf("%.0f", v == 0 ? 0.0 : v);
	for (prec = 1; prec <= 17; prec++) {
		char fmt[8];

		g_snprintf(fmt, sizeof(fmt), "%%.%dg", prec);
		g_ascii_formatd(buf, sizeof(buf), fmt, v);
		if (g_ascii_strtod(buf, NULL) == v)
			break;
	}
	if (strchr(buf, 'e') != NULL && fabs(v) >= 1e-6 && fabs(v) < 1e15) {
		/* plain decimals read better: "0.00012" rather than "1.2e-04" */
		g_ascii_formatd(buf, sizeof(buf), "%.12f", v);
		while (buf[strlen(buf) - 1] == '0')
			buf[strlen(buf) - 1] = '\0';
	}
	return g_strdup(buf);
}

static char *
number(double v)
{
	return iot_alert_format_number(v);
}

/* ">= 30", "outside 18..24", "= open" */
static char *
condition(const IotAlertRule *r, const IotAlertLevel *l)
{
	char *a, *b, *out;

	if (r->op == IOT_ALERT_OP_OUTSIDE) {
		a = number(l->value);
		b = number(l->high);
		/* TRANSLATORS: a rule's condition, e.g. "outside 18..24" */
		out = g_strdup_printf(_("outside %s..%s"), a, b);
		g_free(b);
		g_free(a);
		return out;
	}
	a = l->text != NULL ? g_strdup(l->text) : number(l->value);
	out = g_strdup_printf("%s %s", iot_alert_op_symbol(r->op), a);
	g_free(a);
	return out;
}

static const IotAlertLevel *
first_level(const IotAlertRule *r)
{
	return r->alarm.set ? &r->alarm : &r->warning;
}

char *
iot_alert_rule_describe(const IotAlertRule *r)
{
	GString *s = g_string_new(NULL);
	char *d;

	g_return_val_if_fail(r != NULL, NULL);
	if (r->field != NULL)
		g_string_append(s, r->field);
	switch (r->op) {
	case IOT_ALERT_OP_CHANGED:
		/* TRANSLATORS: after a field's name: "Door changed" */
		g_string_append_printf(s, " %s", _("changed"));
		break;
	case IOT_ALERT_OP_STALE:
		d = iot_alert_format_duration(r->duration_s);
		/* TRANSLATORS: after a field's name: "Power: no value for 15 min" */
		g_string_append_printf(s, _(": no value for %s"), d);
		g_free(d);
		break;
	case IOT_ALERT_OP_OFFLINE:
		d = iot_alert_format_duration(r->duration_s);
		/* TRANSLATORS: a rule on a thing's presence: "offline for 10 min" */
		g_string_append_printf(s, _("offline for %s"), d);
		g_free(d);
		break;
	default:
		if (one_level_op(r->op) || !(r->warning.set && r->alarm.set)) {
			d = condition(r, first_level(r));
			g_string_append_printf(s, " %s", d);
			g_free(d);
		} else {
			char *w = condition(r, &r->warning), *a = condition(r, &r->alarm);

			/* TRANSLATORS: a rule with two levels: "Temperature: warning > 25, alarm > 30" */
			g_string_append_printf(s, _(": warning %s, alarm %s"), w, a);
			g_free(w);
			g_free(a);
		}
		break;
	}
	if (r->for_s > 0 && r->op != IOT_ALERT_OP_STALE && r->op != IOT_ALERT_OP_OFFLINE) {
		d = iot_alert_format_duration(r->for_s);
		/* TRANSLATORS: "for at least", after a condition: "… for 10 min" */
		g_string_append_printf(s, _(" for %s"), d);
		g_free(d);
	}
	if (r->node != NULL)
		/* TRANSLATORS: the node a rule is on, after the rule */
		g_string_append_printf(s, _(" (node %s)"), r->node);
	return g_string_free(s, FALSE);
}

IotAlert *
iot_alert_event_to_alert(const IotAlertEvent *ev)
{
	const IotAlertRule *r;
	IotAlert *a;
	char *text, *cond, *d;
	const char *field;

	g_return_val_if_fail(ev != NULL && ev->rule != NULL, NULL);
	r = ev->rule;
	field = r->field != NULL ? r->field : "";
	a = iot_alert_new();
	iot_alert_set_source(a, r->account, r->thing, r->node, r->field);
	a->severity = ev->severity;
	a->urgent = r->urgent && ev->severity == IOT_ALERT_ALARM;
	a->origin = IOT_ALERT_ORIGIN_RULE;
	a->rule_id = r->id;
	switch (r->op) {
	case IOT_ALERT_OP_CHANGED:
		/* TRANSLATORS: "Door changed to open" */
		text = g_strdup_printf(_("%s changed to %s"), field, ev->value ? ev->value : "");
		break;
	case IOT_ALERT_OP_STALE:
		d = iot_alert_format_duration(r->duration_s);
		text = ev->kind == IOT_ALERT_EVENT_CLEAR
		           /* TRANSLATORS: a stale field reports again: "Power: values again" */
		           ? g_strdup_printf(_("%s: values again"), field)
		           : g_strdup_printf(_("%s: no value for %s"), field, d);
		g_free(d);
		break;
	case IOT_ALERT_OP_OFFLINE:
		d = iot_alert_format_duration(r->duration_s);
		text = ev->kind == IOT_ALERT_EVENT_CLEAR ? g_strdup(_("online again"))
		                                         : g_strdup_printf(_("offline for %s"), d);
		g_free(d);
		break;
	default:
		cond = condition(r, ev->severity == IOT_ALERT_ALARM && r->alarm.set ? &r->alarm
		                    : r->warning.set                                 ? &r->warning
		                                                                     : &r->alarm);
		if (ev->kind == IOT_ALERT_EVENT_CLEAR)
			/* TRANSLATORS: "Flow temperature is back to normal: 27.5" */
			text = g_strdup_printf(_("%s is back to normal: %s"), field, ev->value ? ev->value : "");
		else
			/* TRANSLATORS: "Flow temperature is 31.5 (> 30)": field, value, condition */
			text = g_strdup_printf(_("%s is %s (%s)"), field, ev->value ? ev->value : "", cond);
		g_free(cond);
		break;
	}
	iot_alert_set_text(a, text, -1);
	g_free(text);
	return a;
}

guint64
iot_alert_event_to_inbox(const IotAlertEvent *ev, IotAlertInbox *inbox)
{
	IotAlert *a;
	guint64 id = 0;
	gboolean find = FALSE;
	GPtrArray *open;
	IotAlertFilter f = { 0 };

	g_return_val_if_fail(ev != NULL && ev->rule != NULL && inbox != NULL, 0);
	a = iot_alert_event_to_alert(ev);
	switch (ev->kind) {
	case IOT_ALERT_EVENT_CLEAR:
		find = iot_alert_inbox_clear_rule(inbox, ev->rule->id, &a->source, ev->at);
		break;
	case IOT_ALERT_EVENT_REMIND:
		find = iot_alert_inbox_remind_rule(inbox, ev->rule->id, &a->source, ev->at);
		break;
	default:
		if (ev->rule->op != IOT_ALERT_OP_CHANGED)
			iot_alert_inbox_clear_rule(inbox, ev->rule->id, &a->source, ev->at);
		iot_alert_inbox_add(inbox, a, &ev->rule->quiet, ev->at, &id);
		break;
	}
	if (find) {
		/* the entry just cleared or reminded: the newest of the rule */
		guint i;

		f.thing = a->source.thing;
		f.account = a->source.account;
		f.states = (1u << IOT_ALERT_STATE_COUNT) - 1;
		open = iot_alert_inbox_list(inbox, &f);
		for (i = 0; i < open->len && id == 0; i++) {
			const IotAlert *e = open->pdata[i];

			if (e->origin == IOT_ALERT_ORIGIN_RULE && e->rule_id == ev->rule->id &&
			    iot_alert_source_equal(&e->source, &a->source))
				id = e->id;
		}
		g_ptr_array_unref(open);
	}
	iot_alert_free(a);
	return id;
}
