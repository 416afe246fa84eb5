/*
 * iot-pubsub-private.h — helpers shared by the iot-pubsub-*.c modules only.
 */
#ifndef IOT_PUBSUB_PRIVATE_H
#define IOT_PUBSUB_PRIVATE_H

#include "iot-pubsub.h"

G_BEGIN_DECLS

/* Bytes kept of a node name, JID, item id or SubID: a longer one is not
 * cut (that would name something else) but refused. */
#define IOT_PUBSUB_MAX_ID_BYTES 1024
/* Bytes kept of a title, description, summary, text or error text. */
#define IOT_PUBSUB_MAX_TEXT_BYTES 4096
/* Owners and publishers kept from one node's meta-data. */
#define IOT_PUBSUB_MAX_PEOPLE 100
/* Affiliations kept from one answer. */
#define IOT_PUBSUB_MAX_AFFILIATIONS 1000
/* SubID headers kept from one event. */
#define IOT_PUBSUB_MAX_SUBIDS 16

/* Returns: (transfer full) (nullable): @s cut to @max bytes at a character
 * boundary, invalid UTF-8 replaced; NULL for NULL. */
char *iot_pubsub_text(const char *s, gsize max);

/* Returns: (transfer full) (nullable): an identifier (node, JID, id): a copy
 * of @s when it is non-empty valid UTF-8 of at most IOT_PUBSUB_MAX_ID_BYTES,
 * else NULL. */
char *iot_pubsub_ident(const char *s);

/* Returns: (transfer none) (nullable): the <pubsub/> child of @iq in @ns. */
const xmlNode *iot_pubsub_child(const xmlNode *iq, const char *ns);

/* TRUE when the subtree under @n holds more than @max bytes of names,
 * attribute values and text (counted without recursion, stops early). */
gboolean iot_pubsub_tree_exceeds(const xmlNode *n, gsize max);

/* Fills @item from an <item/> element: id, publisher, a detached copy of
 * its first element child (unless over IOT_PUBSUB_MAX_PAYLOAD_BYTES).
 * @time is the item's time. Returns: (transfer full). */
IotPubsubItem *iot_pubsub_item_from_element(const xmlNode *el, gint64 time);

/* Reads a <subscription/> element (either namespace). Returns: (transfer
 * full) (nullable): NULL when it lacks a usable node and @node_fallback is
 * NULL. */
IotPubsubSubscription *iot_pubsub_subscription_from_element(const xmlNode *el,
                                                            const char *node_fallback);

G_END_DECLS


#include "iot-pubsub-payload.h"

G_BEGIN_DECLS

/* Decodes a SOX <data/> or <device/> @el into @p (kind, readout, note);
 * @meta (nullable) names data and is replaced by a device's meta. */
void iot_pubsub_payload_sox(IotPayload *p, const xmlNode *el, gint64 time, IotSoxMeta *meta);

/* Sets @p's note (translated, printf-style) unless it has one. */
void iot_pubsub_payload_note(IotPayload *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Returns: (transfer full): @el as indented XML, at most @max bytes; *@cut
 * (nullable) is set when it was cut (too long or too deep). */
char *iot_pubsub_xml_indented(const xmlNode *el, gsize max, gboolean *cut);

G_END_DECLS

#endif
