/*
 * iot-pubsub.h — XEP-0060 publish-subscribe, client side: the model, pure
 * builders of every request we send, parsers of every answer, the words for
 * its errors, and one request flow on the IotRequestTable.
 *
 * Used for a server's pubsub services and for contacts' PEP services
 * (XEP-0163: the service is the contact's bare JID) alike. Builders return
 * an <iq> without `to` and `id` (iot_request_send() sets both). Parsers take
 * the whole answer <iq>, accept what servers send in the field (Prosody and
 * ejabberd differ: both spellings of booleans, missing `jid`, a
 * <subscription/> without `subscription`), keep at most the bounds given, and
 * never trust a string: lengths are bounded (IOT_MAX_TEXT) and invalid UTF-8
 * is replaced, nothing is escaped (that happens where a string is shown).
 *
 * Facts: reference/protocols.md §8.
 */
#ifndef IOT_PUBSUB_H
#define IOT_PUBSUB_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-dataform.h"
#include "iot-model.h" /* IOT_TIME_UNKNOWN */
#include "iot-request.h"

G_BEGIN_DECLS

#define IOT_NS_PUBSUB "http://jabber.org/protocol/pubsub"
#define IOT_NS_PUBSUB_EVENT "http://jabber.org/protocol/pubsub#event"
#define IOT_NS_PUBSUB_OWNER "http://jabber.org/protocol/pubsub#owner"
#define IOT_NS_PUBSUB_ERRORS "http://jabber.org/protocol/pubsub#errors"
#define IOT_NS_PUBSUB_META "http://jabber.org/protocol/pubsub#meta-data"
#define IOT_NS_PUBSUB_NODE_CONFIG "http://jabber.org/protocol/pubsub#node_config"
#define IOT_NS_PUBSUB_SUB_OPTIONS "http://jabber.org/protocol/pubsub#subscribe_options"
#define IOT_NS_PUBSUB_SUB_AUTH "http://jabber.org/protocol/pubsub#subscribe_authorization"
#define IOT_NS_DISCO_ITEMS "http://jabber.org/protocol/disco#items"
#define IOT_NS_SHIM "http://jabber.org/protocol/shim"

/* Bounds of what one answer or event may bring in. Hitting one is said in
 * a note (the parsers' @truncated), never silently. */
#define IOT_PUBSUB_MAX_ITEMS 200          /* items of one fetch or event */
#define IOT_PUBSUB_MAX_NODES 1000         /* nodes of one disco#items */
#define IOT_PUBSUB_MAX_SUBSCRIPTIONS 1000 /* of one subscriptions list */
#define IOT_PUBSUB_MAX_PAYLOAD_BYTES (64 * 1024) /* a payload kept or decoded */

typedef enum {
	IOT_PUBSUB_STATE_NONE = 0,
	IOT_PUBSUB_STATE_PENDING,      /* waiting for the node owner's approval */
	IOT_PUBSUB_STATE_UNCONFIGURED, /* options must be set before delivery */
	IOT_PUBSUB_STATE_SUBSCRIBED
} IotPubsubState;

/* Returns: (transfer none): the XEP-0060 word ("none", "pending", …). */
const char *iot_pubsub_state_name(IotPubsubState state);
/* "subscribed" → IOT_PUBSUB_STATE_SUBSCRIBED; unknown or NULL → NONE. */
IotPubsubState iot_pubsub_state_parse(const char *word);
/* Returns: (transfer none): the state in the person's words, translated
 * ("Subscribed", "Waiting for the owner's approval", …). */
const char *iot_pubsub_state_text(IotPubsubState state);

/* A subscription, ours (from a service's answer or the store) or another
 * entity's (the owner's subscriber list). */
typedef struct {
	char *service;           /* nullable: the answer's sender, set by the caller */
	char *node;              /* never NULL */
	char *jid;               /* nullable: the subscriber as the service wrote it */
	char *subid;             /* nullable */
	IotPubsubState state;
	gboolean options_required; /* <subscribe-options><required/> was sent */
} IotPubsubSubscription;

/* Returns: (transfer full): an empty subscription; free with
 * iot_pubsub_subscription_free(). */
IotPubsubSubscription *iot_pubsub_subscription_new(void);
IotPubsubSubscription *iot_pubsub_subscription_copy(const IotPubsubSubscription *sub);
void iot_pubsub_subscription_free(IotPubsubSubscription *sub);

/* One entry of a disco#items answer: a service (node NULL) or a node. */
typedef struct {
	char *jid;  /* never NULL */
	char *node; /* nullable */
	char *name; /* nullable */
} IotPubsubNodeRef;

void iot_pubsub_node_ref_free(IotPubsubNodeRef *ref);

/* What disco#info of a node says (identity and pubsub#meta-data). */
typedef struct {
	char *node;          /* nullable */
	gboolean is_collection; /* identity pubsub/collection; else a leaf */
	char *title;         /* nullable, all of these */
	char *description;
	char *payload_type;  /* pubsub#type: the payload's namespace */
	char *access_model;  /* open, presence, roster, authorize, whitelist */
	char *publish_model;
	gint num_items;       /* -1: not told */
	gint num_subscribers; /* -1: not told */
	gint max_items;       /* -1: not told */
	char **owners;        /* (array zero-terminated=1) nullable */
	char **publishers;    /* nullable */
} IotPubsubNodeMeta;

void iot_pubsub_node_meta_free(IotPubsubNodeMeta *meta);

/* One item: its id, who published it, when (XEP-0203 delay or the payload's
 * own time if the caller knows it; IOT_TIME_UNKNOWN otherwise) and a copy
 * of its payload (nullable: notifications without payloads). */
typedef struct {
	char *id;        /* nullable: some services send items without ids */
	char *publisher; /* nullable */
	gint64 time;     /* µs since the epoch, UTC, or IOT_TIME_UNKNOWN */
	xmlNode *payload; /* (transfer full) nullable: a detached copy; free with xmlFreeNode */
	gboolean payload_too_big; /* the payload was over IOT_PUBSUB_MAX_PAYLOAD_BYTES and dropped */
} IotPubsubItem;

IotPubsubItem *iot_pubsub_item_new(void);
IotPubsubItem *iot_pubsub_item_copy(const IotPubsubItem *item);
void iot_pubsub_item_free(IotPubsubItem *item);

typedef enum {
	IOT_PUBSUB_AFFIL_NONE = 0,
	IOT_PUBSUB_AFFIL_OWNER,
	IOT_PUBSUB_AFFIL_PUBLISHER,
	IOT_PUBSUB_AFFIL_PUBLISH_ONLY,
	IOT_PUBSUB_AFFIL_MEMBER,
	IOT_PUBSUB_AFFIL_OUTCAST
} IotPubsubAffiliation;

typedef struct {
	char *jid; /* never NULL */
	IotPubsubAffiliation affiliation;
} IotPubsubAffiliationEntry;

void iot_pubsub_affiliation_entry_free(IotPubsubAffiliationEntry *e);
const char *iot_pubsub_affiliation_name(IotPubsubAffiliation a);
IotPubsubAffiliation iot_pubsub_affiliation_parse(const char *word);
/* Returns: (transfer none): translated ("Owner", "Publisher", …). */
const char *iot_pubsub_affiliation_text(IotPubsubAffiliation a);

/* --- builders: (transfer full) <iq>, free with xmlFreeNode() ------------- */

/* Subscribe @jid (the account's bare JID) to @node; @options (nullable,
 * transfer none) is a submit form sent with it (§6.3.7). */
xmlNode *iot_pubsub_build_subscribe(const char *node, const char *jid, const IotDataForm *options);
xmlNode *iot_pubsub_build_unsubscribe(const char *node, const char *jid, const char *subid);
/* Our subscriptions at the service; @node nullable: all of them. */
xmlNode *iot_pubsub_build_subscriptions(const char *node);
/* The @max_items (0: all the service gives) most recent items of @node. */
xmlNode *iot_pubsub_build_items(const char *node, guint max_items, const char *subid);
/* Subscription options: get the form, submit one (@form transfer none). */
xmlNode *iot_pubsub_build_options_get(const char *node, const char *jid, const char *subid);
xmlNode *iot_pubsub_build_options_submit(const char *node, const char *jid, const char *subid,
                                         const IotDataForm *form);
/* disco#info of @node (nullable: the service itself), disco#items under
 * @node (nullable: the service's top level). */
xmlNode *iot_pubsub_build_node_info(const char *node);
xmlNode *iot_pubsub_build_node_items(const char *node);
/* Owner use cases. @node of create nullable: an instant node (the service
 * names it). @config (nullable, transfer none) is the node_config form. */
xmlNode *iot_pubsub_build_create(const char *node, const IotDataForm *config);
xmlNode *iot_pubsub_build_configure_get(const char *node);
xmlNode *iot_pubsub_build_configure_submit(const char *node, const IotDataForm *form);
xmlNode *iot_pubsub_build_default_config(void);
xmlNode *iot_pubsub_build_purge(const char *node);
xmlNode *iot_pubsub_build_delete(const char *node);
xmlNode *iot_pubsub_build_affiliations_get(const char *node);
xmlNode *iot_pubsub_build_affiliation_set(const char *node, const char *jid, IotPubsubAffiliation a);
xmlNode *iot_pubsub_build_subscribers_get(const char *node);
/* Owner: set @jid's subscription to @state (approve = SUBSCRIBED, deny or
 * remove = NONE). */
xmlNode *iot_pubsub_build_subscriber_set(const char *node, const char *jid, const char *subid,
                                         IotPubsubState state);
/* Publish @payload (transfer full, nullable: an item without payload) as
 * item @item_id (nullable: the service picks one). */
xmlNode *iot_pubsub_build_publish(const char *node, const char *item_id, xmlNode *payload);
xmlNode *iot_pubsub_build_retract(const char *node, const char *item_id, gboolean notify);

/* --- parsers of answers (the whole <iq type='result'>) -------------------- */

/* Returns: (transfer full) (nullable): the <subscription/> of a subscribe
 * or options answer; an empty result (allowed by §6.1.2) gives NULL with
 * no error, which the caller takes as "subscribed" after asking the list. */
IotPubsubSubscription *iot_pubsub_parse_subscription(const xmlNode *iq, GError **error);
/* Returns: (transfer full) (element-type IotPubsubSubscription): the
 * subscriptions of a user's or an owner's list; *@truncated (nullable) is
 * set when more than IOT_PUBSUB_MAX_SUBSCRIPTIONS were sent. */
GPtrArray *iot_pubsub_parse_subscriptions(const xmlNode *iq, gboolean *truncated, GError **error);
/* Returns: (transfer full) (element-type IotPubsubItem): the items in the
 * order the service sent them (oldest first is not promised; the caller
 * sorts), at most @max (≤ IOT_PUBSUB_MAX_ITEMS). */
GPtrArray *iot_pubsub_parse_items(const xmlNode *iq, guint max, gboolean *truncated, GError **error);
/* Returns: (transfer full) (element-type IotPubsubNodeRef). */
GPtrArray *iot_pubsub_parse_node_items(const xmlNode *iq, gboolean *truncated, GError **error);
/* Returns: (transfer full): what disco#info says of a node or a service. */
IotPubsubNodeMeta *iot_pubsub_parse_node_info(const xmlNode *iq, GError **error);
/* TRUE when a disco#info answer is a pubsub service (identity
 * pubsub/service, not pep) that offers the pubsub feature. */
gboolean iot_pubsub_info_is_service(const xmlNode *iq);
/* Returns: (transfer full) (element-type IotPubsubAffiliationEntry). */
GPtrArray *iot_pubsub_parse_affiliations(const xmlNode *iq, GError **error);
/* Returns: (transfer full) (nullable): the data form of an options,
 * configure or default answer, or of a create answer that names the node;
 * NULL with @error when there is none. */
IotDataForm *iot_pubsub_parse_form(const xmlNode *iq, GError **error);
/* Returns: (transfer full) (nullable): the node a create answer names
 * (instant nodes), or NULL. */
char *iot_pubsub_parse_created_node(const xmlNode *iq);

/* --- errors ------------------------------------------------------------- */

/* Returns: (transfer full): the error of a stanza in the person's words,
 * translated, from its XMPP condition and pubsub#errors condition: not
 * authorized, presence subscription required, pending approval, no such
 * node, not allowed (closed node), payload too big, service unavailable,
 * not subscribed, configuration required, … The peer's own <text/> is
 * appended when there is one (bounded, unescaped). */
char *iot_pubsub_error_text(const xmlNode *stanza);

/* --- one request --------------------------------------------------------- */

/* @result is the answer <iq type='result'> (transfer none, valid during the
 * call) or NULL with @error set: the error's message is
 * iot_pubsub_error_text() for a stanza error, else the table's words
 * (timeout, disconnected, cancelled). Runs exactly once. */
typedef void (*IotPubsubFunc)(const xmlNode *result, const GError *error, gpointer data);

/* Sends @iq (transfer full, from a builder) to @service and calls @cb once.
 * @destroy (nullable) frees @data after @cb. Returns the table's handle for
 * iot_request_table_cancel(). */
guint iot_pubsub_request(IotRequestTable *t, const char *service, xmlNode *iq, guint timeout_ms,
                         IotPubsubFunc cb, gpointer data, GDestroyNotify destroy);

/* --- approvals (§8.6): the owner is asked in a message with a form ------- */

typedef struct {
	char *service;    /* the message's sender, set by the caller */
	char *node;       /* never NULL */
	char *subscriber; /* never NULL */
	char *subid;      /* nullable */
} IotPubsubApproval;

/* Returns: (transfer full) (nullable): the request a <message> carries
 * (an x form of FORM_TYPE pubsub#subscribe_authorization), NULL when it
 * carries none or it lacks the node or the subscriber. */
IotPubsubApproval *iot_pubsub_approval_parse(const xmlNode *message);
void iot_pubsub_approval_free(IotPubsubApproval *a);
/* Returns: (transfer full): the owner's answer, a <message> to
 * @a->service with the submitted form (pubsub#allow = @allow). */
xmlNode *iot_pubsub_approval_build_answer(const IotPubsubApproval *a, gboolean allow);

G_END_DECLS

#endif
