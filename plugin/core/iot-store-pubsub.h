/*
 * iot-store-pubsub.h — publish-subscribe in the store: the subscriptions an
 * account has (so they survive restarts and are checked after reconnects)
 * and the recent items of each node it follows (so the Published data
 * window opens with them).
 *
 * Writes come from the main loop in batches (callers wrap them in
 * iot_store_transaction(), at most one a second); items are bounded per
 * node (IOT_STORE_PUBSUB_ITEMS_KEEP, older ones deleted in the same
 * transaction) and payloads by IOT_PUBSUB_MAX_PAYLOAD_BYTES. Reads are
 * bounded by a limit. Everything read back is checked (types, lengths,
 * UTF-8): another program may have written the file.
 *
 * Schema (times µs since the epoch, UTC):
 *   pubsub_subscription (account, service, node, jid, subid, state, since)
 *     unique (account, service, node, subid)
 *     (a subscription without SubID is kept with subid '')
 *   pubsub_item (id, account, service, node, item_id, publisher, t, payload,
 *                payload_too_big)
 *     index by (account, service, node, t); unique (account, service, node,
 *     item_id). t is the item's time, or when it was kept if it had none.
 */
#ifndef IOT_STORE_PUBSUB_H
#define IOT_STORE_PUBSUB_H

#include "iot-pubsub.h"
#include "iot-store.h"

G_BEGIN_DECLS

#define IOT_STORE_PUBSUB_ITEMS_KEEP 100

/* The migration step that makes the tables: one entry of the store's list
 * of migrations (iot-store.c). Never edited once released. */
/* Returns: (transfer none): the step's SQL (a function, not a shared global:
 * the plugin and a program linking the core each hold a copy). */
const char *iot_store_pubsub_migration(void);

/* Remembers @sub (service, node, jid, subid, state) for @account (bare
 * JID), replacing what was kept for the same service, node and subid. */
gboolean iot_store_pubsub_remember(IotStore *st, const char *account,
                                   const IotPubsubSubscription *sub, GError **error);
/* Forgets @account's subscription to @node at @service (@subid nullable:
 * every subscription to that node). */
gboolean iot_store_pubsub_forget(IotStore *st, const char *account, const char *service,
                                 const char *node, const char *subid, GError **error);
/* Returns: (transfer full) (element-type IotPubsubSubscription): @account's
 * subscriptions, at @service only when it is not NULL, ordered by service
 * and node, at most IOT_PUBSUB_MAX_SUBSCRIPTIONS. */
GPtrArray *iot_store_pubsub_list(IotStore *st, const char *account, const char *service,
                                 GError **error);

/* Keeps @item (transfer none) of @node at @service; an item with the same
 * id replaces the kept one. Trims the node to IOT_STORE_PUBSUB_ITEMS_KEEP. */
gboolean iot_store_pubsub_item_add(IotStore *st, const char *account, const char *service,
                                   const char *node, const IotPubsubItem *item, GError **error);
/* Removes the item @item_id (a retraction) or, @item_id NULL, every item of
 * the node (a purge or a deletion). */
gboolean iot_store_pubsub_item_remove(IotStore *st, const char *account, const char *service,
                                      const char *node, const char *item_id, GError **error);
/* Returns: (transfer full) (element-type IotPubsubItem): the @limit most
 * recent items of @node, oldest first. */
GPtrArray *iot_store_pubsub_items(IotStore *st, const char *account, const char *service,
                                  const char *node, guint limit, GError **error);

G_END_DECLS

#endif
