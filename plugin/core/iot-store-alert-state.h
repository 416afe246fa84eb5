/*
 * iot-store-alert-state.h — what each rule was doing (iot-alert-rule.h's
 * IotAlertRuleState) in the store, so that a latched alarm, a running "for
 * at least" timer and a reminder schedule outlast a restart.
 *
 * The adapter puts a rule's state when the engine says it changed (in its
 * batched transaction, at most one a second) and reads them all back after
 * the rules at load. A rule's state goes with the rule
 * (iot_store_alert_rule_delete() deletes it too). Rows read back are
 * checked (types, ranges, UTF-8, lengths); a row that fails is skipped.
 *
 * Schema (times µs since the epoch, UTC; level as iot_alert_severity_name()):
 *   alert_rule_state (rule_id PRIMARY KEY, saved_at, since_warning,
 *                     since_alarm, offline_since, active, level, fired_at,
 *                     acknowledged, muted, next_remind, has_value,
 *                     last_text, last_has_number, last_number)
 */
#ifndef IOT_STORE_ALERT_STATE_H
#define IOT_STORE_ALERT_STATE_H

#include "iot-alert-rule.h"
#include "iot-store.h"

G_BEGIN_DECLS

/* Returns: (transfer none): the migration step that makes the table (one
 * entry of the store's list, iot-store.c). Never edited once released. */
const char *iot_store_alert_state_migration(void);

/* Puts @s (insert or replace by rule id). FALSE with @error. */
gboolean iot_store_alert_state_put(IotStore *st, const IotAlertRuleState *s, GError **error);
/* Deletes rule @id's state (none is fine). FALSE with @error. */
gboolean iot_store_alert_state_delete(IotStore *st, guint id, GError **error);
/* Returns: (transfer full): the states kept (IotAlertRuleState, freed by
 * the array), at most IOT_ALERT_MAX_RULES, by rule id; NULL with @error.
 * g_ptr_array_unref(). */
GPtrArray *iot_store_alert_states(IotStore *st, GError **error);

G_END_DECLS

#endif
