/* iot-alert-rule-state.c — a rule's runtime state exported and restored,
 * so that a latched alarm, a running "for at least" timer and a reminder
 * schedule outlast a restart. See iot-alert-rule.h. */
#include "iot-alert-rule-private.h"

#include <math.h>

void
iot_alert_rule_state_free(IotAlertRuleState *s)
{
	if (s == NULL)
		return;
	g_free(s->last_text);
	g_free(s);
}

void
iot_alert_engine_set_state_func(IotAlertEngine *e, IotAlertEngineStateFunc func, gpointer user_data)
{
	g_return_if_fail(e != NULL);
	e->state_func = func;
	e->state_data = user_data;
}

void
iot_alert_engine_state_touched(IotAlertEngine *e, const RuleState *st)
{
	if (e->state_func != NULL)
		e->state_func(st->rule->id, e->state_data);
}

IotAlertRuleState *
iot_alert_engine_export_state(const IotAlertEngine *e, guint id, gint64 now)
{
	const RuleState *st;
	IotAlertRuleState *s;

	g_return_val_if_fail(e != NULL, NULL);
	st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(id));
	if (st == NULL)
		return NULL;
	s = g_new0(IotAlertRuleState, 1);
	s->rule_id = id;
	s->saved_at = now;
	s->since_warning = st->since[LEVEL_WARNING];
	s->since_alarm = st->since[LEVEL_ALARM];
	s->offline_since = st->offline_since;
	s->active = st->active;
	s->level = st->active ? st->level : IOT_ALERT_INFO;
	s->fired_at = st->fired_at;
	s->acknowledged = st->acked;
	s->muted = st->muted;
	s->next_remind = st->next_remind;
	s->has_value = st->has_value;
	s->last_text = g_strdup(st->last_text);
	s->last_has_number = st->last_has_number;
	s->last_number = st->last_number;
	return s;
}

/* A moment @t before the export, moved to as long before @now: the time
 * in between does not count. 0 stays 0; a moment after the export (a clock
 * set back) counts as the export itself. */
static gint64
carried(gint64 t, gint64 saved_at, gint64 now)
{
	if (t == 0)
		return 0;
	return now - MAX(saved_at - t, 0);
}

gboolean
iot_alert_engine_restore_state(IotAlertEngine *e, const IotAlertRuleState *s, gint64 now)
{
	RuleState *st;
	const IotAlertRule *r;
	gint64 period;

	g_return_val_if_fail(e != NULL && s != NULL, FALSE);
	st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(s->rule_id));
	if (st == NULL)
		return FALSE;
	r = st->rule;
	if ((s->since_warning != 0 && !r->warning.set) || (s->since_alarm != 0 && !r->alarm.set) ||
	    (s->active && s->level != IOT_ALERT_WARNING && s->level != IOT_ALERT_ALARM) ||
	    (s->active && s->level == IOT_ALERT_ALARM && !r->alarm.set) ||
	    (s->active && s->level == IOT_ALERT_WARNING && !r->warning.set) ||
	    (s->last_has_number && !isfinite(s->last_number)))
		return FALSE;
	st->since[LEVEL_WARNING] = carried(s->since_warning, s->saved_at, now);
	st->since[LEVEL_ALARM] = carried(s->since_alarm, s->saved_at, now);
	st->offline_since = r->op == IOT_ALERT_OP_OFFLINE ? carried(s->offline_since, s->saved_at, now) : 0;
	st->target_normal = st->since[LEVEL_WARNING] == 0 && st->since[LEVEL_ALARM] == 0;
	st->active = s->active && r->op != IOT_ALERT_OP_CHANGED;
	st->level = st->active ? s->level : IOT_ALERT_INFO;
	st->fired_at = s->fired_at;
	st->acked = st->active && s->acknowledged;
	st->muted = st->active && s->muted;
	st->next_remind = 0;
	period = (gint64)r->remind_s * G_USEC_PER_SEC;
	if (st->active && !st->acked && !st->muted && period > 0) {
		/* the schedule goes on: the first of its times after now */
		gint64 next = s->next_remind != 0 ? s->next_remind : now + period;

		if (next <= now)
			next += ((now - next) / period + 1) * period;
		st->next_remind = next;
	}
	st->has_value = s->has_value;
	g_free(st->last_text);
	st->last_text = s->has_value && s->last_text != NULL ? iot_alert_clean_text(s->last_text, -1, 256)
	                                                      : NULL;
	st->last_has_number = s->has_value && s->last_has_number;
	st->last_number = st->last_has_number ? s->last_number : 0;
	if (r->op == IOT_ALERT_OP_STALE && st->since[r->alarm.set ? LEVEL_ALARM : LEVEL_WARNING] == 0)
		st->last_update = now; /* counts afresh, as when the rule is added */
	return TRUE;
}
