/*
 * iot-purple-pubsub-private.h — what the publish-subscribe files of the
 * adapter share, and the hooks the plugin's glue calls. Not for the UI.
 *
 *   iot-purple-pubsub.c         the operations' machinery, items, life
 *   iot-purple-pubsub-ops.c     one-request operations (iot-purple-pubsub-op.h)
 *   iot-purple-pubsub-items.c   items, the server's services, our subscriptions
 *   iot-purple-pubsub-events.c  event messages: history feeding, batched store
 *                               writes, what watches are told
 *   iot-purple-pubsub-watch.c   live watches in batches
 *   iot-purple-pubsub-approval.c  approval requests (XEP-0060 §8.6)
 *   iot-purple-pubsub-subs.c    remembered subscriptions, the check after
 *                               sign-on, "my subscriptions"
 *   iot-purple-pubsub-chat.c    /subscribe, /unsubscribe, /subscriptions, /items
 *   iot-purple-pubsub-finch.c   the request-dialog browser and approval question
 *   iot-purple-pubsub-finch-subs.c   Finch: forms (options, configuration, a new
 *                               node), "my subscriptions", the live table
 *   iot-purple-pubsub-finch-owner.c  Finch: a node we own (publish, retract,
 *                               purge, delete, affiliations, subscribers)
 */
#ifndef IOT_PURPLE_PUBSUB_PRIVATE_H
#define IOT_PURPLE_PUBSUB_PRIVATE_H

#include <plugin.h>
#include <xmlnode.h>

#include "iot-purple-pubsub.h"
#include "iot-purple-ui.h"

/* --- glue (plugin, stream, menu) --------------------------------------------------------- */

/* Plugin load: @plugin owns notices; advertises "<ns>+notify" for the
 * sensor-data namespaces of every generation; registers the commands. */
void iot_purple_pubsub_load(PurplePlugin *plugin);
/* Plugin unload, before the sessions end: closes dialogs, unregisters
 * commands. */
void iot_purple_pubsub_unload(void);
/* Plugin unload, after the sessions ended: every operation still open ends
 * (CANCELLED), watches go (their destroy runs), the store batch is
 * written. Before iot_purple_store_close(). */
void iot_purple_pubsub_shutdown(void);
/* Plugin actions (Tools → XMPP IoT): "Publish-subscribe…". */
GList *iot_purple_pubsub_actions(PurplePlugin *plugin, gpointer context);

/* TRUE when @message (borrowed) to @account is ours to take: a pubsub
 * service's event (of a node the prpl does not handle itself), a
 * contact's PEP event of a node that is ours (sensor data, or one we
 * subscribed to or watch), or an approval request. Cheap: no copy. */
gboolean iot_purple_pubsub_wants_message(PurpleAccount *account, xmlnode *message);
/* Handles @message (from @from on @account's session); the caller returns
 * TRUE to the prpl afterwards. */
void iot_purple_pubsub_handle_message(PurpleAccount *account, const char *from, const xmlNode *message);
/* @account's session started (@online: the remembered subscriptions are
 * checked) or is ending (open approval dialogs of it close). */
void iot_purple_pubsub_session_changed(PurpleAccount *account, gboolean online);

/* Opens the Publish-subscribe window (UI) or the request-dialog browser
 * (Finch) of @account at @service (nullable). */
void iot_purple_pubsub_open(PurpleAccount *account, const char *service);
/* The same for a contact's PEP (@who, bare JID): the Published data window. */
void iot_purple_pubsub_open_pep(PurpleAccount *account, const char *who);

/* --- shared between the files ------------------------------------------------------------ */

/* Returns: (transfer full) (nullable): @account's bare JID, lower case. */
char *iot_purple_pubsub_own_jid(PurpleAccount *account);
/* Returns: (transfer full): a sentence for @error of a request to
 * @service (timeouts with the seconds waited). */
char *iot_purple_pubsub_error_sentence(const char *service, const GError *error);
/* Returns: (transfer full): @item decoded (@meta nullable, as for
 * iot_payload_decode()); the item is copied. */
IotPurplePubsubItem *iot_purple_pubsub_item_decode(const IotPubsubItem *item, IotSoxMeta *meta);

/* Our subscriptions to @node at @service as the service lists them (for a
 * service whose list of all of them fails); the operation's contract. */
guint iot_purple_pubsub_node_subscriptions(PurpleAccount *account, const char *service, const char *node,
                                           IotPurplePubsubSubscriptionsFunc cb, gpointer user_data,
                                           GDestroyNotify destroy);

/* The store: remembered subscriptions (subs.c). @sub->service must be set. */
void iot_purple_pubsub_subs_remember(PurpleAccount *account, const IotPubsubSubscription *sub);
void iot_purple_pubsub_subs_forget(PurpleAccount *account, const char *service, const char *node,
                                   const char *subid);
/* TRUE when @account follows @node at @service (a remembered subscription
 * in any state but NONE). */
gboolean iot_purple_pubsub_subs_follows(PurpleAccount *account, const char *service, const char *node);
/* Returns: (transfer full) (element-type utf8): the services @account has
 * remembered subscriptions at. */
GPtrArray *iot_purple_pubsub_subs_services(PurpleAccount *account);
void iot_purple_pubsub_subs_session_changed(PurpleAccount *account, gboolean online);
void iot_purple_pubsub_subs_shutdown(void);

/* Events (events.c). */
void iot_purple_pubsub_events_shutdown(void);
/* TRUE when @who (bare JID) published sensor data to its PEP while
 * @account was online (for the buddy menu). */
gboolean iot_purple_pubsub_is_pep_publisher(PurpleAccount *account, const char *who);
/* Writes the queued item changes now (sign-off, unload). */
void iot_purple_pubsub_events_flush(void);

/* Watches (watch.c). Returns: (transfer container): the watches (opaque)
 * that see @node at @service on @account; g_list_free(). The notes add to
 * the watch's next batch of @node. */
GList *iot_purple_pubsub_watches_of(PurpleAccount *account, const char *service, const char *node);
/* @it: (transfer full). */
void iot_purple_pubsub_watch_note_item(gpointer watch, const char *node, IotPurplePubsubItem *it);
void iot_purple_pubsub_watch_note_retract(gpointer watch, const char *node, const char *id);
void iot_purple_pubsub_watch_note_dropped(gpointer watch, const char *node, guint n);
/* Purged (@deleted FALSE) or deleted (with @redirect, nullable). */
void iot_purple_pubsub_watch_note_gone(gpointer watch, const char *node, gboolean deleted, const char *redirect);
void iot_purple_pubsub_watch_note_configured(gpointer watch, const char *node);
/* @sub: (transfer none). */
void iot_purple_pubsub_watch_note_subscription(gpointer watch, const char *node, const IotPubsubSubscription *sub);
/* Every watch ends (its destroy runs). */
void iot_purple_pubsub_watches_shutdown(void);

/* Approvals (approval.c): asks about the request @message carries. */
void iot_purple_pubsub_approval_message(PurpleAccount *account, const char *from, const xmlNode *message);
void iot_purple_pubsub_approvals_shutdown(void);

/* Chat (chat.c) and the request-dialog browser (finch.c). */
void iot_purple_pubsub_chat_register(void);
void iot_purple_pubsub_chat_unregister(void);
void iot_purple_pubsub_finch_open(PurpleAccount *account, const char *service);
/* Asks @approval (transfer none) with purple_request_action(). */
void iot_purple_pubsub_finch_ask(PurpleAccount *account, const IotPubsubApproval *approval,
                                 IotPurpleApprovalFunc answer, gpointer answer_data);
void iot_purple_pubsub_finch_close_account(PurpleAccount *account);
/* Finch beyond browsing (finch-subs.c, finch-owner.c): each opens its own
 * dialog; every one ends at sign-off (@account) or unload (NULL). */
typedef enum { IOT_PURPLE_FINCH_OPTIONS, IOT_PURPLE_FINCH_CONFIGURE, IOT_PURPLE_FINCH_CREATE } IotPurpleFinchForm;
void iot_purple_pubsub_finch_form(PurpleAccount *account, const char *service, const char *node,
                                  IotPurpleFinchForm kind);
void iot_purple_pubsub_finch_my_subscriptions(PurpleAccount *account, const char *service);
void iot_purple_pubsub_finch_live(PurpleAccount *account, const char *service, const char *node);
void iot_purple_pubsub_finch_subs_close_account(PurpleAccount *account);
void iot_purple_pubsub_finch_owner(PurpleAccount *account, const char *service, const char *node);
void iot_purple_pubsub_finch_owner_close_account(PurpleAccount *account);
void iot_purple_pubsub_finch_close_all(void);

/* The plugin, owner of notices and dialogs (NULL before load). */
PurplePlugin *iot_purple_pubsub_plugin(void);

#endif
