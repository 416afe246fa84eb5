/*
 * iot-events.h — event subscriptions: a thing sends sensor data by itself
 * when values change or time passes.
 *
 * Two generations define them (protocols.md §2.8, §3.3):
 *   urn:xmpp:iot:events (XSF protoXEP "IoT - Events", Waher 2016–2017):
 *     <subscribe seqnr momentary… all historical minInterval maxInterval
 *     maxAge req serviceToken…><node nodeId sourceId cacheType/>
 *     <field name currentValue changedBy changedUp changedDown/></subscribe>
 *     answered <accepted xmlns='urn:xmpp:iot:sensordata' seqnr/>; events are
 *     XEP-0323 fields/done messages with the same seqnr; <unsubscribe seqnr/>
 *     in an IQ get is answered with an empty result.
 *   urn:ieee:iot:events:1.0, urn:nf:iot:events:1.0, urn:nfi:iot:events:1.0:
 *     <subscribe id m p s c i h all minInt maxInt maxAge req st dt ut>
 *     <nd id src pt/><f n v by up dn/></subscribe>, answered <accepted/> in
 *     the sd namespace of the family; events are resp messages with that id
 *     (started, more, done as in a readout); <unsubscribe id/> in an IQ set.
 * Subscriptions go out as IQ get, as Waher's client sends them and every
 * device we know accepts. Devices read the other family's spellings too, so
 * parsing is lenient (also the protoXEP's own typos changeBy, maxInternval).
 *
 * The flow keeps an accepted subscription in the request table under its
 * seqnr/id, without a timeout, and hands each complete event (one or more
 * messages until done) to the caller as an IotReadout. It ends exactly once:
 * unsubscribed, cancelled, refused, timed out before it was accepted, or
 * disconnected.
 *
 * Devices forget subscriptions when they restart or see us go offline, and
 * say nothing. The caller therefore renews: after iot_events_watchdog_ms()
 * without an event, and when the thing comes online again. A renewal
 * re-sends the same subscription with the same seqnr/id, as the NF
 * specification asks. After a reconnect the table is new: subscribe again
 * with IotEventsRequest.id set to the old id. To keep a subscription across
 * restarts (DESIGN.md §7), store the element iot_events_build_subscribe()
 * makes and read it back with iot_events_parse_subscribe().
 *
 * Also here: reading NF sensor data a thing publishes over PEP (§3.4).
 */
#ifndef IOT_EVENTS_H
#define IOT_EVENTS_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-model.h"
#include "iot-ns.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* A change condition on one field. */
typedef struct {
	char *name;          /* never NULL */
	char *current;       /* nullable: the value changes are measured from, lexical
	                      * (XSF currentValue, NF v); absent: the thing's own */
	double changed_by;   /* > 0: an event when the value moves this much either way
	                      * (overrides the next two); 0: not set */
	double changed_up;   /* > 0: … when it rises this much */
	double changed_down; /* > 0: … when it falls this much */
} IotEventsField;

/* What to subscribe to. Changes are in the field's own unit; for booleans
 * a change is 1, for strings and enums any change is 1 (XSF-events §4.1). */
typedef struct {
	char *id;               /* nullable: the seqnr (decimal xs:int) or id to use; NULL
	                         * or not valid for the generation: a fresh one */
	guint32 categories;     /* IotCategory bits; 0 means momentary */
	IotNodeRef *nodes;      /* nullable array of n_nodes (nodes behind a concentrator) */
	guint n_nodes;
	IotEventsField *fields; /* nullable array of n_fields; none: all fields */
	guint n_fields;
	guint min_interval;     /* seconds between events at least; 0: not set */
	guint max_interval;     /* seconds between events at most; 0: not set */
	guint max_age;          /* seconds of history an event may carry; 0: not set */
	gboolean immediate;     /* req='true': the first event right away */
	char *service_token;    /* nullable XEP-0324 tokens */
	char *device_token;
	char *user_token;
} IotEventsRequest;

/* Returns: (transfer full): an empty request; free with iot_events_request_free(). */
IotEventsRequest *iot_events_request_new(void);
void iot_events_request_free(IotEventsRequest *req);
/* Returns: (transfer full): a deep copy. */
IotEventsRequest *iot_events_request_copy(const IotEventsRequest *req);
/* Appends a copy of @node. */
void iot_events_request_add_node(IotEventsRequest *req, const IotNodeRef *node);
/* Appends a condition on @name (copied). Returns: (transfer none): the new
 * condition, to set its thresholds; valid until the next add. */
IotEventsField *iot_events_request_add_field(IotEventsRequest *req, const char *name);

/* TRUE when @id can correlate a subscription in @gen: a positive decimal
 * xs:int (urn:xmpp:iot:events seqnr) or a bounded UTF-8 string (NF id). */
gboolean iot_events_id_valid(IotGeneration gen, const char *id);

/* Returns: (transfer full): <subscribe/> for @gen (one with an events
 * namespace) and correlation @id (for urn:xmpp:iot:events a decimal xs:int).
 * @req->id is not used. Free with xmlFreeNode(). */
xmlNode *iot_events_build_subscribe(IotGeneration gen, const char *id,
                                    const IotEventsRequest *req);

/* Returns: (transfer full): <unsubscribe/> for @gen and @id. */
xmlNode *iot_events_build_unsubscribe(IotGeneration gen, const char *id);

/* Device side (tests, the simulated home, fuzzing): reads a <subscribe/>
 * of any events namespace, both spellings, bounded by
 * IOT_MAX_SUBSCRIBE_NODES / _FIELDS. Values that do not parse are left
 * unset. Returns: (transfer full) (nullable): the request, its id in ->id;
 * NULL with @error (IOT_ERROR_MALFORMED) when @el is not a subscribe
 * element or has no id. *@gen (nullable) gets the generation. */
IotEventsRequest *iot_events_parse_subscribe(const xmlNode *el, IotGeneration *gen,
                                             GError **error);

/* Device side: reads an <unsubscribe/>. Returns: (transfer full) (nullable):
 * its seqnr/id, g_free(); NULL with @error (IOT_ERROR_MALFORMED). */
char *iot_events_parse_unsubscribe(const xmlNode *el, IotGeneration *gen, GError **error);

/* Milliseconds without an event after which a subscription with
 * @req->max_interval is probably lost and worth renewing: the interval plus
 * half of it plus 10 s for queues and clocks. 0 when no maximum was asked. */
guint iot_events_watchdog_ms(const IotEventsRequest *req);

/* ---- the flow ------------------------------------------------------------ */

typedef struct _IotEventsSubscription IotEventsSubscription;

typedef enum {
	IOT_EVENTS_PENDING,  /* sent, not yet accepted */
	IOT_EVENTS_ACTIVE,   /* accepted (or an event arrived) */
	IOT_EVENTS_RENEWING, /* a renewal was sent and is not answered yet */
	IOT_EVENTS_ENDED     /* on_end has run */
} IotEventsState;

/* One complete event. @event (transfer none) is valid during the call only:
 * filtered like a readout (requested categories and field names). */
typedef void (*IotEventsFunc)(IotEventsSubscription *sub, IotReadout *event,
                              gpointer user_data);
/* The end, exactly once. @error is NULL after iot_events_unsubscribe(). */
typedef void (*IotEventsEndFunc)(IotEventsSubscription *sub, const GError *error,
                                 gpointer user_data);

/* Subscribes to @peer (a full JID) in @gen, which must define events
 * (iot_ns_for(gen, IOT_FUNC_EVENTS) != NULL). @req is copied. Until the
 * thing accepts, @timeout_ms applies; after, the subscription has no
 * timeout. @destroy (nullable) frees @user_data right after on_end.
 * Returns: (transfer full): the handle; release it with
 * iot_events_subscription_unref() whenever convenient — that does not end
 * the subscription, and the handle stays safe to use after the end (the
 * calls below then do nothing). Callbacks never run before this returns,
 * except on_end with IOT_ERROR_CONFLICT when @req->id is the key of a
 * request still pending in @t. */
IotEventsSubscription *iot_events_subscribe(IotRequestTable *t, const char *peer,
                                            IotGeneration gen, const IotEventsRequest *req,
                                            guint timeout_ms, IotEventsFunc on_event,
                                            IotEventsEndFunc on_end, gpointer user_data,
                                            GDestroyNotify destroy);

IotEventsSubscription *iot_events_subscription_ref(IotEventsSubscription *sub);
void iot_events_subscription_unref(IotEventsSubscription *sub);

/* Re-sends the subscription with the same seqnr/id. The answer is awaited
 * for the first timeout again: a refusal or no answer ends the subscription
 * with that error (then subscribe again when the thing is back). Returns
 * FALSE when the subscription has ended. */
gboolean iot_events_renew(IotEventsSubscription *sub);

/* Tells the thing to stop and ends the subscription now: on_end runs with
 * a NULL error before this returns. FALSE when it had ended already. */
gboolean iot_events_unsubscribe(IotEventsSubscription *sub);

/* Ends the subscription with IOT_ERROR_CANCELLED and tells the thing to
 * stop (the same as iot_request_table_cancel() on its handle). */
gboolean iot_events_cancel(IotEventsSubscription *sub);

IotEventsState iot_events_subscription_get_state(const IotEventsSubscription *sub);
/* (transfer none): the seqnr/id (keep it to subscribe again after a
 * reconnect), the peer; valid as long as the handle. */
const char *iot_events_subscription_get_id(const IotEventsSubscription *sub);
const char *iot_events_subscription_get_peer(const IotEventsSubscription *sub);
/* The request-table handle while pending or active, else 0. */
guint iot_events_subscription_get_handle(const IotEventsSubscription *sub);

/* Routes an incoming <message> payload element to the subscription (or
 * readout: keys are unique in a table) it belongs to. Returns TRUE when it
 * was sensor data claimed by a pending request of @t from that peer. */
gboolean iot_events_handle_message(IotRequestTable *t, const char *from, const xmlNode *payload);

/* ---- PEP (protocols.md §3.4) ---------------------------------------------- */

/* Returns: (transfer none): the NULL-terminated caps features a client
 * advertises to receive NF sensor data over PEP: "<sd namespace>+notify"
 * for the IEEE, NF and NFI spellings. */
const char *const *iot_events_pep_features(void);

/* Reads a pubsub <event/> (the child of a <message>) whose items node is a
 * sensor-data namespace: the fields and errors of every item's <resp/> are
 * appended to @readout (transfer none). Returns FALSE with @error
 * (IOT_ERROR_MALFORMED) when @event carries no sensor data; other pubsub
 * events are for the pubsub module. */
gboolean iot_events_parse_pep(const xmlNode *event, IotReadout *readout, GError **error);

G_END_DECLS

#endif
