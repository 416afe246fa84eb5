/* iot-purple-alert-store.c — the alert inbox, the rules and what each rule
 * was doing, in the store: batched writes and the read-back at load. See
 * iot-purple-alert-private.h. */
#include "iot-purple-alert-private.h"

#include "iot-purple-store.h"
#include "iot-store-alert-state.h"
#include "iot-store-alert.h"

#include <debug.h>

/* Writes go at most once a second, in one transaction. */
#define FLUSH_MS 1000

#define A iot_purple_alert_state

/* ---- the store ------------------------------------------------------------------------ */

static gboolean
flush_txn(IotStore *st, gpointer data, GError **error)
{
	GHashTableIter it;
	gpointer k;
	gint64 now = g_get_real_time();

	g_hash_table_iter_init(&it, A.dirty_entries);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		guint64 id = *(guint64 *)k;
		const IotAlert *a = iot_alert_inbox_get(A.inbox, id);

		if (!(a != NULL ? iot_store_alert_put(st, a, error) : iot_store_alert_delete(st, id, error)))
			return FALSE;
	}
	g_hash_table_iter_init(&it, A.dirty_rules);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		guint id = GPOINTER_TO_UINT(k);
		const IotAlertRule *r = iot_alert_engine_get(A.engine, id);

		if (!(r != NULL ? iot_store_alert_rule_put(st, r, error) : iot_store_alert_rule_delete(st, id, error)))
			return FALSE;
	}
	g_hash_table_iter_init(&it, A.dirty_states);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		IotAlertRuleState *s = iot_alert_engine_export_state(A.engine, GPOINTER_TO_UINT(k), now);
		gboolean ok = s != NULL ? iot_store_alert_state_put(st, s, error)
		                        : iot_store_alert_state_delete(st, GPOINTER_TO_UINT(k), error);

		iot_alert_rule_state_free(s);
		if (!ok)
			return FALSE;
	}
	return TRUE;
}

gboolean
iot_purple_alert_flush_now(void)
{
	IotStore *st = iot_purple_store_get();
	GError *error = NULL;

	if (st == NULL || (g_hash_table_size(A.dirty_entries) == 0 && g_hash_table_size(A.dirty_rules) == 0 &&
	                   g_hash_table_size(A.dirty_states) == 0))
		return TRUE;
	if (!iot_store_transaction(st, flush_txn, NULL, &error)) {
		purple_debug_error("xmpp-iot", "alerts not written: %s\n", error->message);
		g_error_free(error);
		return FALSE;
	}
	g_hash_table_remove_all(A.dirty_entries);
	g_hash_table_remove_all(A.dirty_rules);
	g_hash_table_remove_all(A.dirty_states);
	return TRUE;
}

static gboolean
flush_cb(gpointer unused)
{
	A.flush_id = 0;
	if (!iot_purple_alert_flush_now() && A.loaded) /* tried again later; the entries stay dirty */
		A.flush_id = g_timeout_add(10 * FLUSH_MS, flush_cb, NULL);
	return FALSE;
}

static void
schedule_flush(void)
{
	if (A.flush_id == 0 && A.loaded)
		A.flush_id = g_timeout_add(FLUSH_MS, flush_cb, NULL);
}

void
iot_purple_alert_entry_dirty(guint64 id)
{
	guint64 *k;

	if (g_hash_table_contains(A.dirty_entries, &id))
		return;
	k = g_new(guint64, 1);
	*k = id;
	g_hash_table_add(A.dirty_entries, k);
	schedule_flush();
}

void
iot_purple_alert_rule_dirty(guint id)
{
	g_hash_table_add(A.dirty_rules, GUINT_TO_POINTER(id));
	/* a rule added, edited (its state starts afresh) or deleted */
	g_hash_table_add(A.dirty_states, GUINT_TO_POINTER(id));
	schedule_flush();
}

/* The engine: rule @id's lasting state changed (fired, cleared, muted, a
 * timer started …; not every value): written with the next batch. */
void
iot_purple_alert_state_cb(guint id, gpointer unused)
{
	g_hash_table_add(A.dirty_states, GUINT_TO_POINTER(id));
	schedule_flush();
}

/* Before the plugin stops (unload, an account signing off): every rule
 * with something running is written as it stands now, so that a "for at
 * least" timer restarts from where it was, not from its last change. */
void
iot_purple_alert_keep_running_states(void)
{
	GPtrArray *rules = iot_alert_engine_list(A.engine, NULL, NULL);
	gint64 now = g_get_real_time();
	guint i;

	for (i = 0; i < rules->len; i++) {
		guint id = ((const IotAlertRule *)g_ptr_array_index(rules, i))->id;
		IotAlertRuleState *s = iot_alert_engine_export_state(A.engine, id, now);

		if (s != NULL && (s->active || s->since_warning != 0 || s->since_alarm != 0 || s->offline_since != 0))
			g_hash_table_add(A.dirty_states, GUINT_TO_POINTER(id));
		iot_alert_rule_state_free(s);
	}
	g_ptr_array_unref(rules);
}

void
iot_purple_alert_restore(void)
{
	IotStore *st = iot_purple_store_get();
	GError *error = NULL;
	GPtrArray *l;
	gint64 now = g_get_real_time();
	guint i, n = 0;

	if (st == NULL)
		return;
	l = iot_store_alert_rules(st, &error);
	if (l == NULL) {
		purple_debug_error("xmpp-iot", "alert rules not read: %s\n", error->message);
		g_clear_error(&error);
	} else {
		for (i = 0; i < l->len; i++)
			if (iot_alert_engine_add(A.engine, g_ptr_array_index(l, i), now) != 0)
				n++;
		g_ptr_array_unref(l);
	}
	/* what the rules were doing: latched alarms, timers, reminders */
	l = iot_store_alert_states(st, &error);
	if (l == NULL) {
		purple_debug_error("xmpp-iot", "alert rules' state not read: %s\n", error->message);
		g_clear_error(&error);
	} else {
		guint k = 0;

		for (i = 0; i < l->len; i++)
			if (iot_alert_engine_restore_state(A.engine, g_ptr_array_index(l, i), now))
				k++;
		purple_debug_info("xmpp-iot", "alerts: the state of %u rules read back\n", k);
		g_ptr_array_unref(l);
	}
	l = iot_store_alert_entries(st, IOT_STORE_ALERT_MAX_ENTRIES, &error);
	if (l == NULL) {
		purple_debug_error("xmpp-iot", "alerts not read: %s\n", error->message);
		g_clear_error(&error);
		return;
	}
	for (i = 0; i < l->len; i++)
		iot_alert_inbox_restore(A.inbox, g_ptr_array_index(l, i));
	purple_debug_info("xmpp-iot", "alerts: %u entries and %u rules read back\n", l->len, n);
	g_ptr_array_unref(l);
}
