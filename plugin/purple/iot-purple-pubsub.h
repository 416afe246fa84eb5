/*
 * iot-purple-pubsub.h — publish-subscribe on an account's stream: what the
 * Publish-subscribe window, the Published data window, the approval dialog
 * and the chat commands build on (DESIGN.md §1: XEP-0060, PEP of contacts,
 * sensor payloads).
 *
 * A service is named by its JID: a server's pubsub component
 * ("pubsub.example.org") or a contact's PEP service (its bare JID); NULL
 * names our own PEP service (except for iot_purple_pubsub_my_subscriptions(),
 * where NULL means every service). Nodes are named as the service names
 * them.
 *
 * The contract of every operation below (DESIGN.md §5):
 *   - the callback runs exactly once, never before the call that started
 *     it returns, with a result or a GError in IOT_ERROR whose message is
 *     a translated sentence fit to show (iot_pubsub_error_text() for the
 *     service's refusal: not authorized, presence subscription required,
 *     pending approval, no such node, not allowed, payload too big, service
 *     unavailable …; else TIMEOUT, DISCONNECTED — our account went offline,
 *     also while an answer was awaited —, CANCELLED — cancelled, or the
 *     plugin unloaded —, BAD_REQUEST — the call lacked what it needs —,
 *     MALFORMED);
 *   - @destroy (nullable) frees @user_data right after that callback;
 *   - a handle is valid until its callback ran; cancelling one that ended
 *     already does nothing.
 * Every pointer passed to a callback is (transfer none), valid during the
 * call only; copy what you keep. Strings in results are as the service sent
 * them (bounded, valid UTF-8), never escaped: escape where you show them.
 * Nothing here keeps a PurpleConnection: the account is the key.
 *
 * Subscriptions made here are remembered in the store per account and,
 * after every sign-on, checked against each service's own list: lost ones
 * are made again, refused ones are reported once in words.
 */
#ifndef IOT_PURPLE_PUBSUB_H
#define IOT_PURPLE_PUBSUB_H

#include <account.h>

#include "iot-dataform.h"
#include "iot-pubsub-event.h"
#include "iot-pubsub-payload.h"
#include "iot-pubsub.h"

G_BEGIN_DECLS

/* The most recent items a watch keeps between two batches; older ones are
 * counted in IotPurplePubsubUpdate.dropped. */
#define IOT_PURPLE_PUBSUB_WATCH_KEEP 50
/* A watch delivers at most one batch per this many milliseconds. */
#define IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS 250
/* Items asked for when a caller passes 0 to iot_purple_pubsub_items(). */
#define IOT_PURPLE_PUBSUB_ITEMS_DEFAULT 20

/* --- an item with what its payload says ----------------------------------------------- */

typedef struct {
	IotPubsubItem *item;  /* owned, never NULL */
	IotPayload *payload;  /* owned, never NULL: iot_payload_decode() of item->payload
	                       * (kind NONE when the item has no payload) */
} IotPurplePubsubItem;

/* Returns: (transfer full): a copy (the item copied, its payload decoded
 * again: names a SOX device's meta gave its transducers are not carried
 * over); free with iot_purple_pubsub_item_free(). */
IotPurplePubsubItem *iot_purple_pubsub_item_copy(const IotPurplePubsubItem *item);
void iot_purple_pubsub_item_free(IotPurplePubsubItem *item);

/* --- operations ------------------------------------------------------------------------ */

/* Ends operation @handle now: its callback runs with IOT_ERROR_CANCELLED
 * (before this returns). A late answer of the service is dropped. */
void iot_purple_pubsub_cancel(guint handle);

/* Ends without a result: purge, delete, configure submit, options submit,
 * affiliation set, subscriber set (approve/deny), retract. */
typedef void (*IotPurplePubsubDoneFunc)(PurpleAccount *account, const char *service, const char *node,
                                        const GError *error, gpointer user_data);

/* @services (element-type IotPubsubNodeRef: jid = the service, name =
 * its disco name, node NULL): the pubsub services of the account's server
 * (disco#items of its domain, then disco#info of each item: identity
 * pubsub/service with the pubsub feature). Empty, not an error, when the
 * server has none. Answers of one sign-on are kept, so asking again is
 * cheap. */
typedef void (*IotPurplePubsubServicesFunc)(PurpleAccount *account, const GPtrArray *services,
                                            const GError *error, gpointer user_data);
guint iot_purple_pubsub_find_services(PurpleAccount *account, IotPurplePubsubServicesFunc cb,
                                      gpointer user_data, GDestroyNotify destroy);

/* @nodes (element-type IotPubsubNodeRef): the nodes directly under @parent
 * (NULL: the service's top level) in the order the service sent them;
 * @truncated: more than IOT_PUBSUB_MAX_NODES were sent. */
typedef void (*IotPurplePubsubNodesFunc)(PurpleAccount *account, const char *service, const char *parent,
                                         const GPtrArray *nodes, gboolean truncated, const GError *error,
                                         gpointer user_data);
/* Browses @service (disco#items, with node= @parent when not NULL). */
guint iot_purple_pubsub_browse(PurpleAccount *account, const char *service, const char *parent,
                               IotPurplePubsubNodesFunc cb, gpointer user_data, GDestroyNotify destroy);

/* @meta: identity and pubsub#meta-data of @node (NULL: the service). */
typedef void (*IotPurplePubsubMetaFunc)(PurpleAccount *account, const char *service, const char *node,
                                        const IotPubsubNodeMeta *meta, const GError *error,
                                        gpointer user_data);
guint iot_purple_pubsub_node_meta(PurpleAccount *account, const char *service, const char *node,
                                  IotPurplePubsubMetaFunc cb, gpointer user_data, GDestroyNotify destroy);

/* @sub: the subscription as it is now (service and node set; state NONE
 * after an unsubscribe). After subscribe, state PENDING means the owner
 * must approve, UNCONFIGURED that options must be set
 * (iot_pubsub_state_text() says both in words). */
typedef void (*IotPurplePubsubSubscriptionFunc)(PurpleAccount *account, const char *service,
                                                const char *node, const IotPubsubSubscription *sub,
                                                const GError *error, gpointer user_data);
/* Subscribes the account's bare JID to @node at @service, with options
 * @options (nullable, transfer none: a submit form) in the same request.
 * Success is remembered in the store (and its watches see the state). */
guint iot_purple_pubsub_subscribe(PurpleAccount *account, const char *service, const char *node,
                                  const IotDataForm *options, IotPurplePubsubSubscriptionFunc cb,
                                  gpointer user_data, GDestroyNotify destroy);
/* Unsubscribes (@subid nullable: the one subscription to @node). The store
 * forgets it once the service agreed, and also when the service says it
 * was not subscribed. */
guint iot_purple_pubsub_unsubscribe(PurpleAccount *account, const char *service, const char *node,
                                    const char *subid, IotPurplePubsubSubscriptionFunc cb,
                                    gpointer user_data, GDestroyNotify destroy);

/* @form: a data form (options, node configuration, default configuration). */
typedef void (*IotPurplePubsubFormFunc)(PurpleAccount *account, const char *service, const char *node,
                                        const IotDataForm *form, const GError *error, gpointer user_data);
/* Subscription options (XEP-0060 §6.3) of our subscription to @node. */
guint iot_purple_pubsub_options_get(PurpleAccount *account, const char *service, const char *node,
                                    const char *subid, IotPurplePubsubFormFunc cb, gpointer user_data,
                                    GDestroyNotify destroy);
/* Submits @form (transfer none: the form options_get gave, with the
 * person's values set by iot_dataform_set_values()). */
guint iot_purple_pubsub_options_submit(PurpleAccount *account, const char *service, const char *node,
                                       const char *subid, const IotDataForm *form,
                                       IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy);

/* @items (element-type IotPurplePubsubItem): oldest first, newest last;
 * @truncated: more were sent than kept (IOT_PUBSUB_MAX_ITEMS). */
typedef void (*IotPurplePubsubItemsFunc)(PurpleAccount *account, const char *service, const char *node,
                                         const GPtrArray *items, gboolean truncated, const GError *error,
                                         gpointer user_data);
/* The @max (0: IOT_PURPLE_PUBSUB_ITEMS_DEFAULT; at most
 * IOT_PUBSUB_MAX_ITEMS) most recent items of @node, payloads decoded.
 * Sensor payloads among them do NOT go into history (they may be old);
 * only live events do. */
guint iot_purple_pubsub_items(PurpleAccount *account, const char *service, const char *node, guint max,
                              IotPurplePubsubItemsFunc cb, gpointer user_data, GDestroyNotify destroy);

/* @subs (element-type IotPubsubSubscription, service set in each): ours
 * (my_subscriptions) or a node's subscribers (subscribers_get);
 * @problems (element-type utf8): one translated sentence per service that
 * could not be asked, naming it (empty when all answered). */
typedef void (*IotPurplePubsubSubscriptionsFunc)(PurpleAccount *account, const GPtrArray *subs,
                                                 const GPtrArray *problems, const GError *error,
                                                 gpointer user_data);
/* Our subscriptions: at @service when not NULL (its own list); else at
 * every service the store remembers subscriptions at plus the pubsub
 * services of the account's server. The services' lists win; what only
 * the store knows comes with its remembered state and the service is
 * named in @problems when it did not answer. Ordered by service, node. */
guint iot_purple_pubsub_my_subscriptions(PurpleAccount *account, const char *service,
                                         IotPurplePubsubSubscriptionsFunc cb, gpointer user_data,
                                         GDestroyNotify destroy);

/* Returns: the state of our subscription to @node at @service as last
 * known (the store and this sign-on's answers), without asking. */
IotPubsubState iot_purple_pubsub_known_state(PurpleAccount *account, const char *service, const char *node);

/* Returns: (transfer full) (element-type IotPurplePubsubItem): the @limit
 * most recent items the store kept of @node (a node we follow), oldest
 * first, payloads decoded; g_ptr_array_unref(). Empty without a store. */
GPtrArray *iot_purple_pubsub_recent_items(PurpleAccount *account, const char *service, const char *node,
                                          guint limit);

/* --- nodes we own ---------------------------------------------------------------------- */

/* @node: the node created (the one asked for, or the name the service
 * gave an instant node). */
typedef void (*IotPurplePubsubCreatedFunc)(PurpleAccount *account, const char *service, const char *node,
                                           const GError *error, gpointer user_data);
/* Creates @node (nullable: an instant node) at @service (NULL: our own
 * PEP service), configured by @config (nullable, transfer none: a submit
 * form made from iot_purple_pubsub_default_config()'s form). */
guint iot_purple_pubsub_create(PurpleAccount *account, const char *service, const char *node,
                               const IotDataForm *config, IotPurplePubsubCreatedFunc cb, gpointer user_data,
                               GDestroyNotify destroy);
/* The service's default node configuration form (to fill in for create). */
guint iot_purple_pubsub_default_config(PurpleAccount *account, const char *service,
                                       IotPurplePubsubFormFunc cb, gpointer user_data, GDestroyNotify destroy);
/* The configuration form of @node, and submitting it back (@form as for
 * options_submit). */
guint iot_purple_pubsub_configure_get(PurpleAccount *account, const char *service, const char *node,
                                      IotPurplePubsubFormFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_purple_pubsub_configure_submit(PurpleAccount *account, const char *service, const char *node,
                                         const IotDataForm *form, IotPurplePubsubDoneFunc cb,
                                         gpointer user_data, GDestroyNotify destroy);
/* Removes every item of @node; deletes @node. */
guint iot_purple_pubsub_purge(PurpleAccount *account, const char *service, const char *node,
                              IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_purple_pubsub_delete(PurpleAccount *account, const char *service, const char *node,
                               IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy);

/* @affiliations (element-type IotPubsubAffiliationEntry). */
typedef void (*IotPurplePubsubAffiliationsFunc)(PurpleAccount *account, const char *service, const char *node,
                                                const GPtrArray *affiliations, const GError *error,
                                                gpointer user_data);
guint iot_purple_pubsub_affiliations_get(PurpleAccount *account, const char *service, const char *node,
                                         IotPurplePubsubAffiliationsFunc cb, gpointer user_data,
                                         GDestroyNotify destroy);
/* Sets @jid's affiliation (IOT_PUBSUB_AFFIL_NONE removes it). */
guint iot_purple_pubsub_affiliation_set(PurpleAccount *account, const char *service, const char *node,
                                        const char *jid, IotPubsubAffiliation affiliation,
                                        IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy);
/* The subscribers of @node (as owner); @subs as above, @problems empty. */
guint iot_purple_pubsub_subscribers_get(PurpleAccount *account, const char *service, const char *node,
                                        IotPurplePubsubSubscriptionsFunc cb, gpointer user_data,
                                        GDestroyNotify destroy);
/* Sets @jid's subscription (@subid nullable) to @state: approve a pending
 * one (SUBSCRIBED), deny or remove one (NONE). */
guint iot_purple_pubsub_subscriber_set(PurpleAccount *account, const char *service, const char *node,
                                       const char *jid, const char *subid, IotPubsubState state,
                                       IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy);

typedef enum {
	IOT_PURPLE_PUBSUB_PUBLISH_TEXT = 0, /* @content is text: published as an Atom
	                                     * entry (title = the text, published = now) */
	IOT_PURPLE_PUBSUB_PUBLISH_XML       /* @content is one XML element, published as is
	                                     * (parsed without network or entities) */
} IotPurplePubsubPublishKind;

/* @item_id: the id of the item published (ours, or the one the service
 * gave; nullable when the service said none). */
typedef void (*IotPurplePubsubPublishedFunc)(PurpleAccount *account, const char *service, const char *node,
                                             const char *item_id, const GError *error, gpointer user_data);
/* Publishes @content as item @item_id (nullable: the service picks) of
 * @node at @service (NULL: our own PEP service). XML that does not parse
 * or is over IOT_PUBSUB_MAX_PAYLOAD_BYTES ends with BAD_REQUEST /
 * TOO_LARGE, nothing sent. */
guint iot_purple_pubsub_publish(PurpleAccount *account, const char *service, const char *node,
                                const char *item_id, IotPurplePubsubPublishKind kind, const char *content,
                                IotPurplePubsubPublishedFunc cb, gpointer user_data, GDestroyNotify destroy);
/* Retracts item @item_id of @node (subscribers are told). */
guint iot_purple_pubsub_retract(PurpleAccount *account, const char *service, const char *node,
                                const char *item_id, IotPurplePubsubDoneFunc cb, gpointer user_data,
                                GDestroyNotify destroy);

/* --- watching a node's live events ------------------------------------------------------ */

/* What happened at a watched node since the last batch, in this order:
 * purge/deletion first, then retractions, then new items. */
typedef struct {
	const char *node;        /* the node (a watch of a whole service gets one update per node) */
	gboolean purged;         /* every item was removed (before @items came) */
	gboolean deleted;        /* the node is gone; @redirect (nullable) names its successor */
	const char *redirect;
	gboolean configured;     /* its configuration changed */
	const IotPubsubSubscription *subscription; /* nullable: our subscription's new state */
	const GPtrArray *retracted; /* (element-type utf8) item ids, never NULL */
	const GPtrArray *items;  /* (element-type IotPurplePubsubItem) new items, oldest first,
	                          * never NULL, at most IOT_PURPLE_PUBSUB_WATCH_KEEP */
	guint dropped;           /* items since the last batch not in @items (a storm) */
} IotPurplePubsubUpdate;

/* @update: (transfer none), valid during the call. Runs at most once per
 * IOT_PURPLE_PUBSUB_WATCH_INTERVAL_MS per node. Never after unwatch. */
typedef void (*IotPurplePubsubWatchFunc)(guint handle, PurpleAccount *account, const char *service,
                                         const IotPurplePubsubUpdate *update, gpointer user_data);

/* Watches the events @account receives from @service about @node (NULL:
 * every node of @service — e.g. a contact's PEP). Watching neither
 * subscribes nor asks anything: it observes. Survives sign-off and
 * sign-on (events resume with the session). Returns a handle for
 * iot_purple_pubsub_unwatch(); @destroy (nullable) frees @user_data at
 * unwatch or unload. */
guint iot_purple_pubsub_watch(PurpleAccount *account, const char *service, const char *node,
                              IotPurplePubsubWatchFunc cb, gpointer user_data, GDestroyNotify destroy);
/* Stops the watch; a batch not yet delivered is dropped. No callback runs
 * after this returns; @destroy runs now. */
void iot_purple_pubsub_unwatch(guint handle);

G_END_DECLS

#endif
