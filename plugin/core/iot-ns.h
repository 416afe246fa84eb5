/*
 * iot-ns.h — namespace generations of the XMPP IoT protocol family.
 *
 * Devices in the field speak one of five generations of the same ideas. This
 * module names them, maps each (generation, function) to its namespace and
 * back. It knows nothing about element shapes: the codecs do that.
 */
#ifndef IOT_NS_H
#define IOT_NS_H

#include <glib.h>

G_BEGIN_DECLS

/* Ordered newest-first preference is given by iot_generation_preference(). */
typedef enum {
	IOT_GEN_UNKNOWN = 0,
	IOT_GEN_SN,   /* urn:xmpp:sn*            early XSF draft (XEP-0323 v0.1) */
	IOT_GEN_XSF,  /* urn:xmpp:iot:*          XSF XEPs; slixmpp, Smack */
	IOT_GEN_IEEE, /* urn:ieee:iot:*:1.0      IEEE P1451.99 */
	IOT_GEN_NF,   /* urn:nf:iot:*:1.0        current Neuro-Foundation code */
	IOT_GEN_NFI,  /* urn:nfi:iot:*:1.0       newest Neuro-Foundation docs */
	IOT_GEN_COUNT
} IotGeneration;

typedef enum {
	IOT_FUNC_SENSORDATA = 0,
	IOT_FUNC_EVENTS,
	IOT_FUNC_CONTROL,
	IOT_FUNC_CONCENTRATOR,
	IOT_FUNC_COUNT
} IotFunction;

#define IOT_NS_DISCO_INFO "http://jabber.org/protocol/disco#info"
#define IOT_NS_CAPS "http://jabber.org/protocol/caps"
#define IOT_NS_STANZAS "urn:ietf:params:xml:ns:xmpp-stanzas"
#define IOT_NS_DELAY "urn:xmpp:delay"
#define IOT_NS_PING "urn:xmpp:ping"

/* Returns: (transfer none) (nullable): the namespace of @func in @gen, or
 * NULL when that generation never defined the function. */
const char *iot_ns_for(IotGeneration gen, IotFunction func);

/* Classifies @ns (nullable). Returns TRUE and sets *gen / *func when @ns is one
 * of ours. Both out parameters are nullable. */
gboolean iot_ns_classify(const char *ns, IotGeneration *gen, IotFunction *func);

/* The generations whose sensor-data elements use short names (`resp`, `nd`,
 * `ts`, `q` …) rather than XEP-0323's long ones. */
gboolean iot_generation_is_short(IotGeneration gen);

/* Returns: (transfer none): a short human name, e.g. "urn:nf (Neuro-Foundation)". */
const char *iot_generation_name(IotGeneration gen);

/* The order in which generations are preferred when a thing offers several:
 * newest first (NF, NFI, IEEE, XSF, SN). Returns the @i-th, or IOT_GEN_UNKNOWN
 * past the end. */
IotGeneration iot_generation_preference(guint i);

G_END_DECLS

#endif
