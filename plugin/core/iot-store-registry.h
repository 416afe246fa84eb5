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
 *   registry_question (id, account, service, key, question, arrived)
 *     unique (account, service, key); question: the question element as
 *     the service sent it (XML, at most IOT_STORE_REGISTRY_QUESTION_BYTES),
 *     read again with iot_provisioning_question_parse(). Pending questions
 *     survive a restart until answered here or elsewhere; at most
 *     IOT_STORE_REGISTRY_QUESTIONS_KEEP per account, the oldest forgotten.
 */
#ifndef IOT_STORE_REGISTRY_H
#define IOT_STORE_REGISTRY_H

#include "iot-provisioning.h"
#include "iot-store.h"

G_BEGIN_DECLS

#define IOT_STORE_REGISTRY_RULES_KEEP 1000
#define IOT_STORE_REGISTRY_QUESTIONS_KEEP 1000
#define IOT_STORE_REGISTRY_QUESTION_BYTES 65536

/* A pending question as kept. */
typedef struct {
	char *service;
	char *key;
	char *xml;
	gint64 arrived;
} IotStoredQuestion;

void iot_stored_question_free(IotStoredQuestion *q);

/* The migration step that makes the table: one entry of the store's list
 * of migrations (iot-store.c). Never edited once released. */
/* Returns: (transfer none): the step's SQL (a function, not a shared global:
 * the plugin and a program linking the core each hold a copy). */
const char *iot_store_registry_migration(void);

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

/* Keeps question @key of @service (@xml: its element; refused when longer
 * than IOT_STORE_REGISTRY_QUESTION_BYTES), replacing one with that key. */
gboolean iot_store_registry_question_add(IotStore *st, const char *account, const char *service,
                                         const char *key, const char *xml, gint64 arrived, GError **error);
/* Forgets question @key of @service (answered). */
gboolean iot_store_registry_question_remove(IotStore *st, const char *account, const char *service,
                                            const char *key, GError **error);
/* Returns: (transfer full) (element-type IotStoredQuestion): @account's
 * pending questions, oldest first; rows that do not read back skipped. */
GPtrArray *iot_store_registry_questions(IotStore *st, const char *account, GError **error);

G_END_DECLS

#endif
