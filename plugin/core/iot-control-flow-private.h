/*
 * iot-control-flow-private.h — the form request of iot-control-flow.c, for
 * the other core modules that ask a thing for a form (XEP-0336 post-back in
 * iot-dynform.c). Not for the adapter: it uses iot-control-flow.h.
 */
#ifndef IOT_CONTROL_FLOW_PRIVATE_H
#define IOT_CONTROL_FLOW_PRIVATE_H

#include "iot-control-flow.h"

G_BEGIN_DECLS

/* Reads a form from the IQ result @iq. Returns: (transfer full)
 * (nullable): the form, or NULL with @error. */
typedef IotDataForm *(*IotControlFormParse)(const xmlNode *iq, GError **error);

/* Sends @iq (transfer full: an <iq/> with its type and payload set) to
 * @peer and waits for one answer: an iq error ends with the thing's error,
 * a result is read by @parse. @cb runs exactly once, never before this
 * call returns (IotControlFormFunc's contract). Returns the request handle. */
guint iot_control_form_request(IotRequestTable *table, const char *peer, xmlNode *iq,
                               guint timeout_ms, IotControlFormParse parse,
                               IotControlFormFunc cb, gpointer user_data,
                               GDestroyNotify destroy);

G_END_DECLS

#endif
