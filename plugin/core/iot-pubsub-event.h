/*
 * iot-pubsub-event.h — XEP-0060 §7/§8/§12 event notifications: what one
 * <message> with <event xmlns='…pubsub#event'> says.
 *
 * A notification carries one of: items (published and/or retracted), a
 * purge, a node deletion (with an optional redirect), a configuration
 * change, a subscription state change. SHIM headers name the subscription
 * (SubID), XEP-0203 <delay/> when it was sent. Bounded: at most
 * IOT_PUBSUB_MAX_ITEMS items and as many retractions, the rest counted in
 * `dropped`. Hostile input gives an error, never a crash.
 */
#ifndef IOT_PUBSUB_EVENT_H
#define IOT_PUBSUB_EVENT_H

#include "iot-pubsub.h"

G_BEGIN_DECLS

typedef enum {
	IOT_PUBSUB_EVENT_ITEMS = 0,    /* items published and/or retracted */
	IOT_PUBSUB_EVENT_PURGE,
	IOT_PUBSUB_EVENT_DELETE,
	IOT_PUBSUB_EVENT_CONFIGURATION,
	IOT_PUBSUB_EVENT_SUBSCRIPTION
} IotPubsubEventKind;

typedef struct {
	IotPubsubEventKind kind;
	char *node;          /* never NULL (an event without a node is an error) */
	GPtrArray *items;    /* (element-type IotPubsubItem) owned, ITEMS only, else empty */
	GPtrArray *retracted; /* (element-type utf8) owned: retracted item ids */
	guint dropped;        /* items and retractions beyond the bound */
	char *redirect;       /* nullable: DELETE's redirect uri */
	IotPubsubSubscription *subscription; /* nullable: SUBSCRIPTION's state */
	GPtrArray *subids;    /* (element-type utf8) owned: SHIM SubID headers */
	gint64 delay;         /* XEP-0203 stamp, or IOT_TIME_UNKNOWN */
} IotPubsubEvent;

/* Returns: (transfer none) (nullable): the <event> child of @message in the
 * pubsub#event namespace, or NULL. */
const xmlNode *iot_pubsub_event_find(const xmlNode *message);

/* Returns: (transfer full) (nullable): the event @message carries (its
 * items' `time` is the delay stamp when there is one); NULL with @error
 * when it carries none or a malformed one. Free with
 * iot_pubsub_event_free(). */
IotPubsubEvent *iot_pubsub_event_parse(const xmlNode *message, GError **error);
void iot_pubsub_event_free(IotPubsubEvent *ev);

/* TRUE for the PEP nodes the jabber prpl handles itself (avatar metadata
 * and data, nick, mood, tune, and the other nodes it registers): events of
 * those pass to it untouched. */
gboolean iot_pubsub_event_is_host_node(const char *node);

G_END_DECLS

#endif
