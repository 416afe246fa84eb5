/*
 * iot-store-registry.h — the rules an owner gave, in the store.
 *
 * No protocol lists the rules given (iot-provisioning.h): this client keeps
 * its own record of each answer the provisioning service accepted, per
 * account, so that the list of rules given survives restarts and can be
 * revoked (deleteRules of the thing or node, after which the record of it
 * is forgotten). Bounded: at most IOT_STORE_REGISTRY_RULES_KEEP per account,
 * the oldest forgotten first. Everything read back is checked (lengths,
 * UTF-8, ranges): another program may have written the file.
 *
 * Schema (times µs since the epoch, UTC):
 *   registry_rule (id, account, service, jid, node_id, source_id, partition,
 *                  kind, remote_jid, yes, range, token, categories, names,
 *                  given_at)
 *     index by (account, jid); names: the field or parameter names, one
 *     per line.
 */
#ifndef IOT_STORE_REGISTRY_H
#define IOT_STORE_REGISTRY_H

#include "iot-provisioning.h"
#include "iot-store.h"

G_BEGIN_DECLS

#define IOT_STORE_REGISTRY_RULES_KEEP 1000

/* The migration step that makes the table: one entry of the store's list
 * of migrations (iot-store.c). Never edited once released. */
extern const char iot_store_registry_migration[];

/* Records @rule (transfer none) given by @account (bare JID). */
gboolean iot_store_registry_rule_add(IotStore *st, const char *account, const IotProvisioningRule *rule,
                                     GError **error);
/* Returns: (transfer full) (element-type IotProvisioningRule): @account's
 * rules for @jid (nullable: all), oldest first, at most
 * IOT_STORE_REGISTRY_RULES_KEEP; rows that do not read back are skipped.
 * NULL with @error. */
GPtrArray *iot_store_registry_rules(IotStore *st, const char *account, const char *jid, GError **error);
/* Forgets @account's rules for @jid (nullable: every thing) and, when
 * @node_id is not NULL, only those of that node. */
gboolean iot_store_registry_rules_forget(IotStore *st, const char *account, const char *jid,
                                         const char *node_id, GError **error);

G_END_DECLS

#endif
