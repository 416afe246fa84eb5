/*
 * iot-alert-parse.h — what arrives, as alerts: headline messages and the
 * warnings and errors a thing puts into its sensor data.
 *
 * Headlines (RFC 6121 §5.2.2; protocols.md §10): every <message
 * type='headline'> is an alert of its sender, except one that carries a
 * pubsub event (published data, PEP avatars and nicks: those are let
 * through). The source is the stanza's `from` as the server stamped it —
 * never an address named inside the message (XEP-0033 addresses, text) —
 * so a headline cannot pass itself off as coming from a thing; without a
 * `from` it comes from the account's own server. The text is the subject
 * and the body, kept as sent (bounded, valid UTF-8, not escaped).
 *
 * Device events: fields with the warning or error QoS flag (XEP-0323
 * warning/error, NF w/er) and node failures (NF err, XEP-0323 error) of a
 * readout or an event.
 *
 * Pure: libxml2 elements in (the adapter converts libpurple's xmlnode),
 * IotAlert out, ready for iot_alert_inbox_add().
 */
#ifndef IOT_ALERT_PARSE_H
#define IOT_ALERT_PARSE_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-alert.h"
#include "iot-model.h"

G_BEGIN_DECLS

/* Alerts one readout gives at most; further ones are counted in the last. */
#define IOT_ALERT_MAX_PER_READOUT 50

/* Reads a <message/> stanza @message received on @account (its bare JID).
 * @stranger: the sender is not in the roster (the adapter knows).
 * Returns: (transfer full) (nullable): the alert (severity INFO, origin
 * HEADLINE), iot_alert_free(); NULL with @error:
 *   IOT_ERROR_NOT_SUPPORTED  not a headline, or a pubsub event: not ours,
 *                            let it through;
 *   IOT_ERROR_MALFORMED      not a message, or its `from` is no JID. */
IotAlert *iot_alert_parse_headline(const xmlNode *message, const char *account, gboolean stranger,
                                   GError **error);

/* The warnings and errors in @r (transfer none) from @thing on @account:
 * a field flagged warning gives a WARNING, error an ALARM ("Temperature:
 * 85.3 °C (error)"), a node failure a WARNING with the thing's own text.
 * Values are shown relative to @now (dates). Returns: (transfer full): a
 * GPtrArray of IotAlert (origin EVENT) that frees them, empty when the
 * readout is clean; at most IOT_ALERT_MAX_PER_READOUT. */
GPtrArray *iot_alert_from_readout(const IotReadout *r, const char *account, const char *thing,
                                  gboolean stranger, gint64 now);

G_END_DECLS

#endif
