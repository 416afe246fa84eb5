/* iot-alert-inbox-actions.c — acknowledge, snooze, dismiss, clear, remind; snoozes and quiet hours ending. */
#include "iot-alert-inbox-private.h"

/* ---- actions ------------------------------------------------------------------------ */

typedef gboolean (*ActionFunc)(IotAlertInbox *inbox, IotAlert *a, gint64 until, gint64 now);

static gboolean
act_read(IotAlertInbox *inbox, IotAlert *a, gint64 until, gint64 now)
{
	if (a->state != IOT_ALERT_NEW)
		return FALSE;
	a->state = IOT_ALERT_READ;
	return TRUE;
}

static gboolean
act_ack(IotAlertInbox *inbox, IotAlert *a, gint64 until, gint64 now)
{
	if (a->state == IOT_ALERT_ACKNOWLEDGED || a->state == IOT_ALERT_DISMISSED)
		return FALSE;
	a->state = IOT_ALERT_ACKNOWLEDGED;
	a->snoozed_until = 0;
	return TRUE;
}

static gboolean
act_snooze(IotAlertInbox *inbox, IotAlert *a, gint64 until, gint64 now)
{
	if (!iot_alert_is_open(a) || until <= now)
		return FALSE;
	a->state = IOT_ALERT_SNOOZED;
	a->snoozed_until = until;
	return TRUE;
}

static gboolean
act_dismiss(IotAlertInbox *inbox, IotAlert *a, gint64 until, gint64 now)
{
	if (a->state == IOT_ALERT_DISMISSED)
		return FALSE;
	a->state = IOT_ALERT_DISMISSED;
	a->snoozed_until = 0;
	a->deferred_until = 0;
	return TRUE;
}

static gboolean
apply(IotAlertInbox *inbox, IotAlert *a, ActionFunc f, gint64 until, gint64 now)
{
	gboolean was_open = iot_alert_inbox_p_counts_open(a);

	if (!f(inbox, a, until, now))
		return FALSE;
	iot_alert_inbox_p_after_state_change(inbox, a, was_open);
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, FALSE);
	return TRUE;
}

static guint
apply_ids(IotAlertInbox *inbox, const guint64 *ids, guint n, ActionFunc f, gint64 until,
          gint64 now)
{
	guint i, changed = 0;

	g_return_val_if_fail(inbox != NULL && (ids != NULL || n == 0), 0);
	for (i = 0; i < n; i++) {
		IotAlert *a = g_hash_table_lookup(inbox->by_id, &ids[i]);

		if (a != NULL)
			changed += apply(inbox, a, f, until, now);
	}
	return changed;
}

guint
iot_alert_inbox_mark_read(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 now)
{
	return apply_ids(inbox, ids, n, act_read, 0, now);
}

guint
iot_alert_inbox_acknowledge(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 now)
{
	return apply_ids(inbox, ids, n, act_ack, 0, now);
}

guint
iot_alert_inbox_snooze(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 until, gint64 now)
{
	return apply_ids(inbox, ids, n, act_snooze, until, now);
}

guint
iot_alert_inbox_dismiss(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 now)
{
	return apply_ids(inbox, ids, n, act_dismiss, 0, now);
}

guint
iot_alert_inbox_acknowledge_source(IotAlertInbox *inbox, const char *account, const char *thing,
                                   gint64 now)
{
	guint i, changed = 0;

	g_return_val_if_fail(inbox != NULL && thing != NULL, 0);
	for (i = 0; i < inbox->entries->len; i++) {
		IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (iot_alert_is_open(a) && !iot_alert_is_question(a) && g_strcmp0(a->source.thing, thing) == 0 &&
		    (account == NULL || g_strcmp0(a->source.account, account) == 0))
			changed += apply(inbox, a, act_ack, 0, now);
	}
	return changed;
}

guint
iot_alert_inbox_acknowledge_all(IotAlertInbox *inbox, gint64 now)
{
	guint i, changed = 0;

	g_return_val_if_fail(inbox != NULL, 0);
	for (i = 0; i < inbox->entries->len; i++) {
		IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (iot_alert_is_open(a) && !iot_alert_is_question(a))
			changed += apply(inbox, a, act_ack, 0, now);
	}
	return changed;
}

/* The newest entry of rule @rule_id for @source that is not yet cleared. */
static IotAlert *
rule_entry(IotAlertInbox *inbox, guint rule_id, const IotAlertSource *source)
{
	guint i;

	for (i = inbox->entries->len; i-- > 0;) {
		IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (a->origin == IOT_ALERT_ORIGIN_RULE && a->rule_id == rule_id && a->cleared == 0 &&
		    a->state != IOT_ALERT_DISMISSED && iot_alert_source_equal(&a->source, source))
			return a;
	}
	return NULL;
}

gboolean
iot_alert_inbox_clear_rule(IotAlertInbox *inbox, guint rule_id, const IotAlertSource *source,
                           gint64 now)
{
	IotAlert *a;
	gboolean was_open;

	g_return_val_if_fail(inbox != NULL && source != NULL, FALSE);
	a = rule_entry(inbox, rule_id, source);
	if (a == NULL)
		return FALSE;
	was_open = iot_alert_inbox_p_counts_open(a);
	a->cleared = now;
	if (a->state != IOT_ALERT_ACKNOWLEDGED)
		a->state = IOT_ALERT_CLEARED;
	a->snoozed_until = 0;
	iot_alert_inbox_p_after_state_change(inbox, a, was_open);
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, FALSE);
	return TRUE;
}

gboolean
iot_alert_inbox_remind_rule(IotAlertInbox *inbox, guint rule_id, const IotAlertSource *source,
                            gint64 now)
{
	IotAlert *a;
	gboolean was_open;

	g_return_val_if_fail(inbox != NULL && source != NULL, FALSE);
	a = rule_entry(inbox, rule_id, source);
	if (a == NULL || a->state == IOT_ALERT_ACKNOWLEDGED)
		return FALSE;
	was_open = iot_alert_inbox_p_counts_open(a);
	a->state = IOT_ALERT_NEW;
	a->snoozed_until = 0;
	a->last = now;
	iot_alert_inbox_p_after_state_change(inbox, a, was_open);
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, a->deferred_until == 0);
	return TRUE;
}

/* ---- time passing -------------------------------------------------------------------- */

guint
iot_alert_inbox_tick(IotAlertInbox *inbox, gint64 now)
{
	GHashTable *released = NULL; /* source key → IotAlert summary to add (owned) */
	guint i, changed = 0;

	g_return_val_if_fail(inbox != NULL, 0);
	for (i = 0; i < inbox->entries->len; i++) {
		IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (a->state == IOT_ALERT_SNOOZED && a->snoozed_until != 0 && a->snoozed_until <= now) {
			a->state = IOT_ALERT_NEW;
			a->snoozed_until = 0;
			changed++;
			iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, a->deferred_until == 0);
		}
		if (a->deferred_until != 0 && a->deferred_until <= now) {
			char *key = iot_alert_inbox_p_source_key(a->source.account, a->source.thing);
			IotAlert *s;

			a->deferred_until = 0;
			changed++;
			if (iot_alert_is_question(a)) {
				/* told on its own: a question is not summed up */
				g_free(key);
				iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, a->state == IOT_ALERT_NEW);
				continue;
			}
			iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, FALSE);
			if (released == NULL)
				released = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
				                                 (GDestroyNotify)iot_alert_free);
			s = g_hash_table_lookup(released, key);
			if (s == NULL) {
				s = iot_alert_new();
				iot_alert_set_source(s, a->source.account, a->source.thing, NULL, NULL);
				s->origin = IOT_ALERT_ORIGIN_QUIET;
				s->count = 0;
				s->severity = a->severity;
				s->stranger = a->stranger;
				s->first = a->first;
				g_hash_table_insert(released, key, s);
			} else {
				g_free(key);
			}
			s->count += a->count;
			s->severity = MAX(s->severity, a->severity);
			s->first = MIN(s->first, a->first);
		}
	}
	if (released != NULL) {
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, released);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			IotAlert *s = v;

			/* the summary moves into the inbox; its key is ours to free */
			g_hash_table_iter_steal(&it);
			g_free(k);
			s->id = inbox->next_id++;
			s->last = now;
			s->span = now - s->first;
			iot_alert_inbox_p_refresh_summary_text(s);
			iot_alert_inbox_p_insert_entry(inbox, s);
			iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_ADDED, s, TRUE);
		}
		g_hash_table_destroy(released);
		iot_alert_inbox_p_enforce_cap(inbox, now);
	}
	return changed;
}

gint64
iot_alert_inbox_next_tick(const IotAlertInbox *inbox)
{
	gint64 next = 0;
	guint i;

	for (i = 0; i < inbox->entries->len; i++) {
		const IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (a->state == IOT_ALERT_SNOOZED && a->snoozed_until != 0 &&
		    (next == 0 || a->snoozed_until < next))
			next = a->snoozed_until;
		if (a->deferred_until != 0 && (next == 0 || a->deferred_until < next))
			next = a->deferred_until;
	}
	return next;
}
