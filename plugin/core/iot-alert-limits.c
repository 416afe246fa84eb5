/* iot-alert-limits.c — rules as event-subscription change limits. */
#include "iot-alert-limits.h"

#include <math.h>
#include <string.h>

static double
resolution(const IotAlertRule *r, const IotAlertLevel *l)
{
	if (r->op == IOT_ALERT_OP_OUTSIDE)
		return (l->high - l->value) / 20.0;
	return MAX(fabs(l->value) / 100.0, 0.01);
}

double
iot_alert_limits_rule_step(const IotAlertRule *r)
{
	double step = G_MAXDOUBLE;

	g_return_val_if_fail(r != NULL, -1);
	if (r->disabled)
		return -1;
	switch (r->op) {
	case IOT_ALERT_OP_EQUALS:
	case IOT_ALERT_OP_NOT_EQUALS:
	case IOT_ALERT_OP_CHANGED:
		return 0;
	case IOT_ALERT_OP_STALE:
	case IOT_ALERT_OP_OFFLINE:
		return -1;
	default:
		break;
	}
	if (r->hysteresis > 0 && isfinite(r->hysteresis)) {
		step = r->hysteresis;
	} else {
		if (r->warning.set)
			step = MIN(step, resolution(r, &r->warning));
		if (r->alarm.set)
			step = MIN(step, resolution(r, &r->alarm));
	}
	if (r->warning.set && r->alarm.set && r->warning.value != r->alarm.value)
		step = MIN(step, fabs(r->alarm.value - r->warning.value) / 2.0);
	if (r->op == IOT_ALERT_OP_OUTSIDE && r->warning.set && r->alarm.set &&
	    r->warning.high != r->alarm.high)
		step = MIN(step, fabs(r->alarm.high - r->warning.high) / 2.0);
	if (!isfinite(step) || step <= 0 || step == G_MAXDOUBLE)
		return 0; /* nothing sensible: every change */
	return step;
}

IotEventsRequest *
iot_alert_limits_request(const IotAlertRule *const *rules, guint n_rules, const char *account,
                         const char *thing, const char *node)
{
	IotEventsRequest *req = NULL;
	GHashTable *index; /* field name → position + 1 in req->fields */
	guint i, min_for = G_MAXUINT, max_int = IOT_ALERT_LIMITS_MAX_INTERVAL;
	gboolean all_wait = TRUE;

	g_return_val_if_fail(thing != NULL && (rules != NULL || n_rules == 0), NULL);
	if (node != NULL && *node == '\0')
		node = NULL;
	index = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; i < n_rules; i++) {
		const IotAlertRule *r = rules[i];
		double step;
		IotEventsField *f;
		guint pos;

		if (r == NULL || r->disabled || r->op == IOT_ALERT_OP_OFFLINE || r->field == NULL ||
		    g_strcmp0(r->thing, thing) != 0 || g_strcmp0(r->node, node) != 0 ||
		    (account != NULL && g_strcmp0(r->account, account) != 0))
			continue;
		if (req == NULL) {
			req = iot_events_request_new();
			req->immediate = TRUE;
			if (node != NULL) {
				IotNodeRef ref = { (char *)node, NULL, NULL };

				iot_events_request_add_node(req, &ref);
			}
		}
		pos = GPOINTER_TO_UINT(g_hash_table_lookup(index, r->field));
		if (pos == 0) {
			f = iot_events_request_add_field(req, r->field);
			f->changed_by = -1; /* not yet decided */
			g_hash_table_insert(index, f->name, GUINT_TO_POINTER(req->n_fields));
		} else {
			f = &req->fields[pos - 1];
		}
		if (r->op == IOT_ALERT_OP_STALE) {
			max_int = MIN(max_int, MAX(r->duration_s / 2, 1u));
			if (f->changed_by < 0)
				f->changed_by = 0;
			/* a stale rule on its own does not wait "for at least" */
			all_wait = FALSE;
			continue;
		}
		step = iot_alert_limits_rule_step(r);
		if (step == 0 || f->changed_by == 0)
			f->changed_by = 0;
		else if (f->changed_by < 0 || step < f->changed_by)
			f->changed_by = step;
		if (r->for_s == 0)
			all_wait = FALSE;
		else
			min_for = MIN(min_for, r->for_s);
	}
	g_hash_table_destroy(index);
	if (req == NULL)
		return NULL;
	for (i = 0; i < req->n_fields; i++) {
		if (req->fields[i].changed_by < 0)
			req->fields[i].changed_by = 0;
	}
	req->max_interval = max_int;
	if (all_wait && min_for != G_MAXUINT)
		req->min_interval = MAX(min_for / 10, 1u);
	return req;
}
