/* iot-alert-rule-engine.c — rules checked against values, presence and time. */
#include "iot-alert-rule-private.h"

#include "iot-value.h"

#include <math.h>
#include <string.h>

static void
state_free(RuleState *st)
{
	iot_alert_rule_free(st->rule);
	g_free(st->last_text);
	g_free(st);
}

static gint
by_priority(gconstpointer pa, gconstpointer pb)
{
	const RuleState *a = *(RuleState *const *)pa, *b = *(RuleState *const *)pb;

	if (a->rule->priority != b->rule->priority)
		return a->rule->priority > b->rule->priority ? -1 : 1;
	return a->rule->id < b->rule->id ? -1 : a->rule->id > b->rule->id;
}

static const char *
make_key(IotAlertEngine *e, const char *account, const char *thing, const char *field)
{
	g_string_assign(e->key, account ? account : "");
	g_string_append_c(e->key, '\x1f');
	g_string_append(e->key, thing ? thing : "");
	if (field != NULL) {
		g_string_append_c(e->key, '\x1f');
		g_string_append(e->key, field);
	}
	return e->key->str;
}

IotAlertEngine *
iot_alert_engine_new(IotAlertEngineFunc func, gpointer user_data, GDestroyNotify destroy)
{
	IotAlertEngine *e = g_new0(IotAlertEngine, 1);

	e->by_id = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)state_free);
	e->by_field = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                    (GDestroyNotify)g_ptr_array_unref);
	e->by_thing = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                    (GDestroyNotify)g_ptr_array_unref);
	e->all = g_ptr_array_new();
	e->key = g_string_new(NULL);
	e->next_id = 1;
	e->func = func;
	e->user_data = user_data;
	e->destroy = destroy;
	return e;
}

void
iot_alert_engine_free(IotAlertEngine *e)
{
	if (e == NULL)
		return;
	g_hash_table_destroy(e->by_field);
	g_hash_table_destroy(e->by_thing);
	g_ptr_array_unref(e->all);
	g_hash_table_destroy(e->by_id);
	g_string_free(e->key, TRUE);
	if (e->destroy != NULL)
		e->destroy(e->user_data);
	g_free(e);
}

static void
index_add(GHashTable *index, const char *key, RuleState *st)
{
	GPtrArray *list = g_hash_table_lookup(index, key);

	if (list == NULL) {
		list = g_ptr_array_new();
		g_hash_table_insert(index, g_strdup(key), list);
	}
	g_ptr_array_add(list, st);
	g_ptr_array_sort(list, by_priority);
}

static void
index_remove(GHashTable *index, const char *key, RuleState *st)
{
	GPtrArray *list = g_hash_table_lookup(index, key);

	if (list == NULL)
		return;
	g_ptr_array_remove(list, st);
	if (list->len == 0)
		g_hash_table_remove(index, key);
}

guint
iot_alert_engine_add(IotAlertEngine *e, const IotAlertRule *rule, gint64 now)
{
	RuleState *st;
	guint id;

	g_return_val_if_fail(e != NULL, 0);
	if (!iot_alert_rule_valid(rule) || g_hash_table_size(e->by_id) >= IOT_ALERT_MAX_RULES)
		return 0;
	id = rule->id;
	if (id == 0) {
		while (g_hash_table_contains(e->by_id, GUINT_TO_POINTER(e->next_id)) || e->next_id == 0)
			e->next_id++;
		id = e->next_id++;
	} else if (g_hash_table_contains(e->by_id, GUINT_TO_POINTER(id))) {
		return 0;
	} else if (id >= e->next_id) {
		e->next_id = id + 1;
	}
	st = g_new0(RuleState, 1);
	st->rule = iot_alert_rule_copy(rule);
	st->rule->id = id;
	st->last_update = now;
	st->target_normal = TRUE;
	g_hash_table_insert(e->by_id, GUINT_TO_POINTER(id), st);
	if (rule->op == IOT_ALERT_OP_OFFLINE)
		index_add(e->by_thing, make_key(e, rule->account, rule->thing, NULL), st);
	else
		index_add(e->by_field, make_key(e, rule->account, rule->thing, rule->field), st);
	g_ptr_array_add(e->all, st);
	g_ptr_array_sort(e->all, by_priority);
	return id;
}

gboolean
iot_alert_engine_remove(IotAlertEngine *e, guint id)
{
	RuleState *st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(id));

	if (st == NULL)
		return FALSE;
	if (st->rule->op == IOT_ALERT_OP_OFFLINE)
		index_remove(e->by_thing, make_key(e, st->rule->account, st->rule->thing, NULL), st);
	else
		index_remove(e->by_field, make_key(e, st->rule->account, st->rule->thing, st->rule->field),
		             st);
	g_ptr_array_remove(e->all, st);
	g_hash_table_remove(e->by_id, GUINT_TO_POINTER(id));
	return TRUE;
}

const IotAlertRule *
iot_alert_engine_get(const IotAlertEngine *e, guint id)
{
	RuleState *st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(id));

	return st ? st->rule : NULL;
}

static gint
by_id_order(gconstpointer pa, gconstpointer pb)
{
	const IotAlertRule *a = *(IotAlertRule *const *)pa, *b = *(IotAlertRule *const *)pb;

	return a->id < b->id ? -1 : a->id > b->id;
}

GPtrArray *
iot_alert_engine_list(const IotAlertEngine *e, const char *account, const char *thing)
{
	GPtrArray *out = g_ptr_array_new();
	guint i;

	for (i = 0; i < e->all->len; i++) {
		const IotAlertRule *r = ((RuleState *)g_ptr_array_index(e->all, i))->rule;

		if ((account == NULL || g_strcmp0(account, r->account) == 0) &&
		    (thing == NULL || g_strcmp0(thing, r->thing) == 0))
			g_ptr_array_add(out, (gpointer)r);
	}
	g_ptr_array_sort(out, by_id_order);
	return out;
}

guint
iot_alert_engine_size(const IotAlertEngine *e)
{
	return g_hash_table_size(e->by_id);
}

/* ---- checking ----------------------------------------------------------------- */

static void
emit(IotAlertEngine *e, RuleState *st, IotAlertEventKind kind, IotAlertSeverity sev, gint64 now)
{
	IotAlertEvent ev;

	if (e->func == NULL)
		return;
	ev.kind = kind;
	ev.rule = st->rule;
	ev.severity = sev;
	ev.value = st->last_text;
	ev.since = st->fired_at;
	ev.at = now;
	e->func(&ev, e->user_data);
}

static gboolean
numbers_equal(double a, double b)
{
	return fabs(a - b) <= 1e-9 * MAX(1.0, MAX(fabs(a), fabs(b)));
}

/* Is the value beyond level @l? @current: it was beyond it until now
 * (the hysteresis then applies). -1: the value says nothing (no number). */
static int
beyond(const IotAlertRule *r, const IotAlertLevel *l, gboolean current, const char *text,
       gboolean has_number, double v)
{
	double h = current ? r->hysteresis : 0.0;

	if ((r->op == IOT_ALERT_OP_EQUALS || r->op == IOT_ALERT_OP_NOT_EQUALS) && l->text != NULL) {
		gboolean eq = text != NULL && strcmp(text, l->text) == 0;

		return r->op == IOT_ALERT_OP_EQUALS ? eq : !eq;
	}
	if (!has_number || !isfinite(v))
		return -1;
	switch (r->op) {
	case IOT_ALERT_OP_ABOVE:
		return v > l->value - h;
	case IOT_ALERT_OP_BELOW:
		return v < l->value + h;
	case IOT_ALERT_OP_AT_LEAST:
		return v >= l->value - h;
	case IOT_ALERT_OP_AT_MOST:
		return v <= l->value + h;
	case IOT_ALERT_OP_EQUALS:
		return numbers_equal(v, l->value);
	case IOT_ALERT_OP_NOT_EQUALS:
		return !numbers_equal(v, l->value);
	case IOT_ALERT_OP_OUTSIDE:
		return v < l->value + h || v > l->high - h;
	default:
		return -1;
	}
}

static void
set_since(IotAlertEngine *e, RuleState *st, int lvl, gboolean is_beyond, gint64 now)
{
	gint64 was = st->since[lvl];

	if (!is_beyond)
		st->since[lvl] = 0;
	else if (st->since[lvl] == 0)
		st->since[lvl] = now;
	if ((was == 0) != (st->since[lvl] == 0))
		iot_alert_engine_state_touched(e, st);
}

/* From since[]: the level held long enough; -1 when normal. */
static int
target_level(const RuleState *st, gint64 now)
{
	gint64 need = (gint64)st->rule->for_s * G_USEC_PER_SEC;
	int lvl;

	for (lvl = LEVEL_ALARM; lvl >= LEVEL_WARNING; lvl--) {
		if (st->since[lvl] != 0 && now - st->since[lvl] >= need)
			return lvl;
	}
	return -1;
}

static void
arm_reminder(RuleState *st, gint64 now)
{
	st->next_remind = st->rule->remind_s > 0 ? now + (gint64)st->rule->remind_s * G_USEC_PER_SEC : 0;
}

static void
clear_now(IotAlertEngine *e, RuleState *st, gint64 now)
{
	IotAlertSeverity had = st->level;

	st->active = FALSE;
	st->acked = st->muted = FALSE;
	st->next_remind = 0;
	emit(e, st, IOT_ALERT_EVENT_CLEAR, had, now);
	st->fired_at = 0;
	iot_alert_engine_state_touched(e, st);
}

/* Moves the reported level to what since[] says now. */
static void
settle(IotAlertEngine *e, RuleState *st, gint64 now)
{
	int t = target_level(st, now);
	IotAlertSeverity sev = t == LEVEL_ALARM ? IOT_ALERT_ALARM : IOT_ALERT_WARNING;

	st->target_normal = st->since[LEVEL_WARNING] == 0 && st->since[LEVEL_ALARM] == 0;
	if (t < 0) {
		if (st->active && (!st->rule->latched || (st->acked && st->target_normal)))
			clear_now(e, st, now);
		return;
	}
	if (!st->active || sev > st->level) {
		if (!st->active)
			st->fired_at = now;
		st->active = TRUE;
		st->level = sev;
		st->acked = st->muted = FALSE;
		arm_reminder(st, now);
		iot_alert_engine_state_touched(e, st);
		emit(e, st, IOT_ALERT_EVENT_FIRE, sev, now);
	} else if (sev < st->level && !st->rule->latched) {
		st->level = sev;
		iot_alert_engine_state_touched(e, st);
		emit(e, st, IOT_ALERT_EVENT_LOWER, sev, now);
	}
}

static void
remember_value(RuleState *st, const char *text, gboolean has_number, double number)
{
	g_free(st->last_text);
	if (text != NULL)
		st->last_text = iot_alert_clean_text(text, -1, 256);
	else if (has_number)
		st->last_text = iot_value_format_double(number);
	else
		st->last_text = NULL;
	st->has_value = TRUE;
	st->last_has_number = has_number;
	st->last_number = number;
}

static void
check_value(IotAlertEngine *e, RuleState *st, const char *text, gboolean has_number, double number,
            gint64 now)
{
	const IotAlertRule *r = st->rule;
	int lvl;

	st->last_update = now;
	switch (r->op) {
	case IOT_ALERT_OP_STALE:
		remember_value(st, text, has_number, number);
		set_since(e, st, r->alarm.set ? LEVEL_ALARM : LEVEL_WARNING, FALSE, now);
		settle(e, st, now);
		return;
	case IOT_ALERT_OP_CHANGED: {
		gboolean changed;

		if (!st->has_value) {
			remember_value(st, text, has_number, number); /* the reference, no alert */
			return;
		}
		if (has_number && st->last_has_number)
			changed = !numbers_equal(number, st->last_number);
		else
			changed = g_strcmp0(text, st->last_text) != 0;
		remember_value(st, text, has_number, number);
		if (changed) {
			st->fired_at = now;
			iot_alert_engine_state_touched(e, st);
			emit(e, st, IOT_ALERT_EVENT_FIRE, iot_alert_rule_severity(r), now);
		}
		return;
	}
	default:
		break;
	}
	for (lvl = LEVEL_WARNING; lvl <= LEVEL_ALARM; lvl++) {
		const IotAlertLevel *l = lvl == LEVEL_ALARM ? &r->alarm : &r->warning;
		int b;

		if (!l->set)
			continue;
		b = beyond(r, l, st->since[lvl] != 0, text, has_number, number);
		if (b < 0)
			return; /* not a value this rule can judge: nothing changes */
		set_since(e, st, lvl, b, now);
	}
	remember_value(st, text, has_number, number);
	settle(e, st, now);
}

void
iot_alert_engine_value(IotAlertEngine *e, const char *account, const char *thing, const char *node,
                       const char *field, const char *text, gboolean has_number, double number,
                       gint64 now)
{
	GPtrArray *list;
	guint i;

	g_return_if_fail(e != NULL && thing != NULL && field != NULL);
	list = g_hash_table_lookup(e->by_field, make_key(e, account, thing, field));
	if (list == NULL)
		return;
	if (node != NULL && *node == '\0')
		node = NULL;
	for (i = 0; i < list->len; i++) {
		RuleState *st = g_ptr_array_index(list, i);

		if (!st->rule->disabled && g_strcmp0(st->rule->node, node) == 0)
			check_value(e, st, text, has_number, number, now);
	}
}

void
iot_alert_engine_presence(IotAlertEngine *e, const char *account, const char *thing,
                          gboolean online, gint64 now)
{
	GPtrArray *list;
	guint i;

	g_return_if_fail(e != NULL && thing != NULL);
	list = g_hash_table_lookup(e->by_thing, make_key(e, account, thing, NULL));
	for (i = 0; list != NULL && i < list->len; i++) {
		RuleState *st = g_ptr_array_index(list, i);

		if (online) {
			if (st->offline_since != 0)
				iot_alert_engine_state_touched(e, st);
			st->offline_since = 0;
			set_since(e, st, st->rule->alarm.set ? LEVEL_ALARM : LEVEL_WARNING, FALSE, now);
			settle(e, st, now);
		} else if (st->offline_since == 0) {
			st->offline_since = now;
			iot_alert_engine_state_touched(e, st);
		}
	}
}

/* STALE and OFFLINE: the condition starts at its deadline. */
static void
check_time(IotAlertEngine *e, RuleState *st, gint64 now)
{
	const IotAlertRule *r = st->rule;
	gint64 d = (gint64)r->duration_s * G_USEC_PER_SEC, start;
	int lvl = r->alarm.set ? LEVEL_ALARM : LEVEL_WARNING;

	if (r->op == IOT_ALERT_OP_STALE)
		start = st->last_update;
	else if (r->op == IOT_ALERT_OP_OFFLINE && st->offline_since != 0)
		start = st->offline_since;
	else
		return;
	if (now - start >= d && st->since[lvl] == 0) {
		g_clear_pointer(&st->last_text, g_free);
		st->since[lvl] = start + d;
		iot_alert_engine_state_touched(e, st);
	}
}

void
iot_alert_engine_tick(IotAlertEngine *e, gint64 now)
{
	guint i;

	g_return_if_fail(e != NULL);
	for (i = 0; i < e->all->len; i++) {
		RuleState *st = g_ptr_array_index(e->all, i);

		if (st->rule->disabled)
			continue;
		check_time(e, st, now);
		if (st->rule->op != IOT_ALERT_OP_CHANGED)
			settle(e, st, now);
		if (st->active && !st->acked && !st->muted && st->next_remind != 0 &&
		    now >= st->next_remind) {
			gint64 period = (gint64)st->rule->remind_s * G_USEC_PER_SEC;

			while (st->next_remind <= now)
				st->next_remind += period;
			iot_alert_engine_state_touched(e, st);
			emit(e, st, IOT_ALERT_EVENT_REMIND, st->level, now);
		}
	}
}

static void
earliest(gint64 *next, gint64 t)
{
	if (t != 0 && (*next == 0 || t < *next))
		*next = t;
}

gint64
iot_alert_engine_next_tick(const IotAlertEngine *e)
{
	gint64 next = 0;
	guint i;
	int lvl;

	for (i = 0; i < e->all->len; i++) {
		const RuleState *st = g_ptr_array_index(e->all, i);
		const IotAlertRule *r = st->rule;
		gint64 d = (gint64)r->duration_s * G_USEC_PER_SEC;

		if (r->disabled)
			continue;
		for (lvl = LEVEL_WARNING; lvl <= LEVEL_ALARM; lvl++) {
			gboolean reached = st->active && (lvl == LEVEL_ALARM ? st->level == IOT_ALERT_ALARM
			                                                     : TRUE);

			if (st->since[lvl] != 0 && !reached)
				earliest(&next, st->since[lvl] + (gint64)r->for_s * G_USEC_PER_SEC);
		}
		if (r->op == IOT_ALERT_OP_STALE && !st->active)
			earliest(&next, st->last_update + d);
		if (r->op == IOT_ALERT_OP_OFFLINE && !st->active && st->offline_since != 0)
			earliest(&next, st->offline_since + d);
		if (st->active && !st->acked && !st->muted)
			earliest(&next, st->next_remind);
	}
	return next;
}

gboolean
iot_alert_engine_acknowledge(IotAlertEngine *e, guint id, gint64 now)
{
	RuleState *st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(id));

	if (st == NULL || !st->active)
		return FALSE;
	st->acked = TRUE;
	st->next_remind = 0;
	iot_alert_engine_state_touched(e, st);
	if (st->rule->latched && st->target_normal)
		clear_now(e, st, now);
	return TRUE;
}

gboolean
iot_alert_engine_mute(IotAlertEngine *e, guint id)
{
	RuleState *st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(id));

	if (st == NULL || !st->active)
		return FALSE;
	st->muted = TRUE;
	st->next_remind = 0;
	iot_alert_engine_state_touched(e, st);
	return TRUE;
}

gboolean
iot_alert_engine_level(const IotAlertEngine *e, guint id, gboolean *active,
                       IotAlertSeverity *severity)
{
	RuleState *st = g_hash_table_lookup(e->by_id, GUINT_TO_POINTER(id));

	if (st == NULL)
		return FALSE;
	if (active != NULL)
		*active = st->active;
	if (severity != NULL)
		*severity = st->active ? st->level : IOT_ALERT_INFO;
	return TRUE;
}
