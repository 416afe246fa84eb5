/*
 * iot-pubsub-payload.h — what a published item says, decoded for people.
 *
 * Sensor data of every generation (XSF `fields`, NF/IEEE/NFI `resp`) gives
 * the same IotReadout as a readout (iot-sensordata.h), so the same fields,
 * units, status words, history and plots follow. Sensor-Over-XMPP `data`
 * gives one field per transducer value (named by transducer id, or by the
 * name the device's `meta` gave it); SOX `device` meta gives identity fields
 * and the transducer names and units for later data. Atom gives title,
 * summary, published, link; a payload of text gives the text; anything
 * else its XML, indented. Strings are kept as sent (bounded, valid UTF-8),
 * never escaped: escaping happens where they are shown. Malformed input
 * gives a note, never a crash.
 */
#ifndef IOT_PUBSUB_PAYLOAD_H
#define IOT_PUBSUB_PAYLOAD_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-model.h"

G_BEGIN_DECLS

#define IOT_NS_SOX "http://jabber.org/protocol/sox"
#define IOT_NS_ATOM "http://www.w3.org/2005/Atom"

typedef enum {
	IOT_PAYLOAD_NONE = 0,   /* no payload (notification without one) */
	IOT_PAYLOAD_SENSORDATA, /* readout */
	IOT_PAYLOAD_SOX_DATA,   /* readout: transducer values */
	IOT_PAYLOAD_SOX_META,   /* readout: identity fields; sox_units filled */
	IOT_PAYLOAD_ATOM,
	IOT_PAYLOAD_TEXT,
	IOT_PAYLOAD_XML
} IotPayloadKind;

typedef struct {
	IotPayloadKind kind;
	IotReadout *readout; /* SENSORDATA, SOX_*: owned, else NULL */
	char *title;         /* ATOM: nullable, all four */
	char *summary;
	char *published;     /* as sent */
	char *link;
	char *text;          /* TEXT: the text; XML: the indented XML; else NULL */
	char *note;          /* nullable: translated, why something was skipped */
} IotPayload;

/* What a SOX device's meta said of its transducers, to name and unit the
 * values of its data node. Owned by the caller, filled by decoding a meta
 * payload. */
typedef struct _IotSoxMeta IotSoxMeta;
IotSoxMeta *iot_sox_meta_new(void);
void iot_sox_meta_free(IotSoxMeta *meta);

/* Returns: (transfer full): @payload (nullable, transfer none) decoded.
 * @time is the item's time (IOT_TIME_UNKNOWN: none), used for fields whose
 * payload gives no timestamp. @meta (nullable) names SOX transducers and is
 * updated by a SOX meta payload. Free with iot_payload_free(). */
IotPayload *iot_payload_decode(const xmlNode *payload, gint64 time, IotSoxMeta *meta);
void iot_payload_free(IotPayload *p);

/* Returns: (transfer full): one line for a list or a chat ("21.5 °C
 * Temperature, 40 % Humidity", an Atom title, the start of a text),
 * at most @max_chars characters, unescaped. */
char *iot_payload_summary(const IotPayload *p, guint max_chars);

G_END_DECLS

#endif
