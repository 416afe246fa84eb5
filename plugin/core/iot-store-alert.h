/*
 * iot-store-alert.h — the alert inbox and the person's rules in the store,
 * so that both survive disconnects, plugin reloads and restarts.
 *
 * Writes come from the main loop in batches (the adapter wraps them in
 * iot_store_transaction(), at most one a second): an entry or a rule is
 * put whole (insert or replace by id) or deleted by id. Reads are bounded
 * (IOT_STORE_ALERT_MAX_ENTRIES entries, the newest; IOT_ALERT_MAX_RULES
 * rules) and every row read back is checked (types, names, lengths, UTF-8,
 * a rule that iot_alert_rule_valid() accepts): another program may have
 * written the file; a row that fails is skipped.
 *
 * Schema (times µs since the epoch, UTC; names as iot_alert_*_name()):
 *   alert_entry (id PRIMARY KEY, account, thing, node, field, severity,
 *                text, first, last, cleared, count, state, snoozed_until,
 *                deferred_until, urgent, stranger, origin, rule_id, span,
 *                question — a later step)
 *     index by last
 *   alert_rule (id PRIMARY KEY, account, thing, node, field, op,
 *               warning_set, warning, warning_high, warning_text, alarm_set,
 *               alarm, alarm_high, alarm_text, hysteresis, for_s,
 *               duration_s, latched, remind_s, priority, urgent, quiet,
 *               quiet_start, quiet_end, disabled)
 */
#ifndef IOT_STORE_ALERT_H
#define IOT_STORE_ALERT_H

#include "iot-alert-rule.h"
#include "iot-alert.h"
#include "iot-store.h"

G_BEGIN_DECLS

/* Entries read back at most (the inbox's own cap). */
#define IOT_STORE_ALERT_MAX_ENTRIES 2000

/* The migration step that makes the tables: one entry of the store's list
 * of migrations (iot-store.c). Never edited once released. */
/* Returns: (transfer none): the step's SQL (a function, not a shared global:
 * the plugin and a program linking the core each hold a copy). */
const char *iot_store_alert_migration(void);
/* The later step that gives entries their owner question's key (column
 * question TEXT, NULL but for severity "question"). */
const char *iot_store_alert_question_migration(void);

/* Keeps @a (transfer none; its id > 0) whole, replacing the row of that id. */
gboolean iot_store_alert_put(IotStore *st, const IotAlert *a, GError **error);
/* Deletes entry @id (nothing when there is none). */
gboolean iot_store_alert_delete(IotStore *st, guint64 id, GError **error);
/* Deletes all but the @keep newest entries (by last arrival). */
gboolean iot_store_alert_trim(IotStore *st, guint keep, GError **error);
/* Returns: (transfer full) (element-type IotAlert): the @limit (at most
 * IOT_STORE_ALERT_MAX_ENTRIES) newest entries, oldest first, checked; NULL
 * with @error when the store could not be read. */
GPtrArray *iot_store_alert_entries(IotStore *st, guint limit, GError **error);

/* Keeps rule @r (transfer none; its id > 0) whole, replacing that id's. */
gboolean iot_store_alert_rule_put(IotStore *st, const IotAlertRule *r, GError **error);
/* Deletes rule @id (nothing when there is none). */
gboolean iot_store_alert_rule_delete(IotStore *st, guint id, GError **error);
/* Returns: (transfer full) (element-type IotAlertRule): the rules by id, at
 * most IOT_ALERT_MAX_RULES, checked (valid, ids > 0); NULL with @error. */
GPtrArray *iot_store_alert_rules(IotStore *st, GError **error);

G_END_DECLS

#endif
