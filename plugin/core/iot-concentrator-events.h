/*
 * iot-concentrator-events.h — data-source events: what a concentrator sends
 * a subscriber when nodes come, go, change or move (protocols.md §5.5, §5.8).
 *
 *   XSF  urn:xmpp:iot:concentrators: messages with one or more of
 *        <nodeAdded sourceId nodeId … afterNodeId afterNodeCacheType/>,
 *        <nodeUpdated … oldId/>, <nodeStatusChanged sourceId nodeId state>
 *        <message/>…</nodeStatusChanged>, <nodeRemoved/>, <nodeMovedUp/>,
 *        <nodeMovedDown/>; kinds may be mixed in one message. A subscription
 *        lasts while both parties keep presence: after the concentrator or
 *        we come back online it is gone and must be made again.
 *   IEEE/NF/NFI (Waher): one event per message of type 'normal' without a
 *        body: the same names with id src pt, a timestamp `ts`, `oid` on
 *        nodeUpdated (a rename), `aid`/`apt` on nodeAdded (the node after
 *        which it goes). A subscription lasts `ttl` seconds and is renewed by
 *        subscribing again (Waher ORs the event kinds in).
 *
 * A node moved to another parent is a nodeRemoved then a nodeAdded. The
 * parser is lenient within the family (either spelling of every
 * attribute) and bounded (iot-limits.h). Subscribing is an ordinary
 * request (IOT_CONCENTRATOR_SUBSCRIBE, iot-concentrator-request.h); when
 * to renew is said by iot_concentrator_subscription_renew_s().
 */
#ifndef IOT_CONCENTRATOR_EVENTS_H
#define IOT_CONCENTRATOR_EVENTS_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-concentrator.h"

G_BEGIN_DECLS

/* One data-source event. */
typedef struct {
	IotSourceEventType type;  /* exactly one kind */
	/* never NULL: ref.node_id never NULL, ref.source_id never NULL (an
	 * event without its source is not read). nodeAdded and nodeUpdated
	 * describe the whole node (parameters too when subscribed with
	 * parameters='true'); nodeStatusChanged its state (and messages when
	 * subscribed with messages='true'); the others only name it. */
	IotConcentratorNode *node;
	char *old_id;             /* nullable: nodeUpdated of a renamed node: the id it had */
	char *after_id;           /* nullable: nodeAdded into ordered children: the sibling it follows */
	char *after_partition;    /* nullable: that sibling's partition */
	gint64 timestamp;         /* NF ts; IOT_TIME_UNKNOWN when not sent */
} IotSourceEvent;

void iot_source_event_free(IotSourceEvent *e);
/* Returns: (transfer full): a deep copy; iot_source_event_free(). */
IotSourceEvent *iot_source_event_copy(const IotSourceEvent *e);

/* TRUE when @el is a data-source event element (any of the six, in a
 * concentrator namespace of any generation). */
gboolean iot_concentrator_is_event(const xmlNode *el);

/* Returns: (transfer full) (nullable): the event element @el, or NULL when
 * it is no event or lacks the node id or the source. */
IotSourceEvent *iot_concentrator_event_parse(const xmlNode *el);

/* Returns: (transfer full) (element-type IotSourceEvent): the events among
 * the children of @message, in document order, at most
 * IOT_MAX_CONCENTRATOR_EVENTS_PER_MESSAGE; unreadable ones and those past
 * the bound are counted in @dropped (nullable). Never NULL (may be empty).
 * g_ptr_array_unref(). */
GPtrArray *iot_concentrator_events_parse(const xmlNode *message, guint *dropped);

/* The NF lifetime asked for by a browse window's subscription: Waher's own
 * client asks for 600 s and renews every 5 minutes. */
#define IOT_CONCENTRATOR_SUBSCRIPTION_TTL_S 600

/* Seconds after which a subscription of @gen made with lifetime @ttl_s is
 * to be renewed: NF generations three quarters of the lifetime (at least 1,
 * at most the lifetime minus 5 s when it is long enough); 0 for XSF, whose
 * subscriptions last as long as presence does. */
guint iot_concentrator_subscription_renew_s(IotGeneration gen, guint ttl_s);

G_END_DECLS

#endif
