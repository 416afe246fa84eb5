/*
 * iot-readout.h — one sensor-data readout, from request to last message.
 *
 * Builds the <req/> for the thing's generation, sends it through the request
 * table, and assembles every answer shape of protocols.md §2.3 and §3.2
 * (accepted → started → fields/resp … → done, `more`, data in the IQ result,
 * failures, legacy rejections) into one IotReadout. The callback runs exactly
 * once. Filters the device treats as hints (field names, categories) are
 * applied here as well, as XEP-0323 §5 asks of clients.
 */
#ifndef IOT_READOUT_H
#define IOT_READOUT_H

#include <glib.h>

#include "iot-model.h"
#include "iot-ns.h"
#include "iot-request.h"
#include "iot-sensordata.h"

G_BEGIN_DECLS

/* @readout (transfer none, nullable on error) is valid during the call only;
 * steal it with iot_readout_steal-style copying if needed. On error the fields
 * received so far are passed too (may be NULL). */
typedef void (*IotReadoutFunc)(IotReadout *readout, const GError *error, gpointer user_data);

/* Starts reading @peer (a full JID) in generation @gen (long- or short-name
 * family). @request is copied. Returns the request handle for
 * iot_request_table_cancel(); cancelling or timing out also sends the thing a
 * <cancel/>. @destroy (nullable) frees @user_data after @cb ran. */
guint iot_readout_start(IotRequestTable *t, const char *peer, IotGeneration gen,
                        const IotSdRequest *request, guint timeout_ms, IotReadoutFunc cb,
                        gpointer user_data, GDestroyNotify destroy);

/* Routes an incoming <message> payload element to the readout it belongs to.
 * Returns TRUE when it was a sensor-data element claimed by a pending readout. */
gboolean iot_readout_handle_message(IotRequestTable *t, const char *from, const xmlNode *payload);

/* Keeps only the fields @request asked for: by name (case-insensitive) when
 * names were given, by category when categories were given (fields without
 * any category are kept). */
void iot_readout_apply_filter(IotReadout *readout, const IotSdRequest *request);

/* Deep copy / clear of a request description. */
void iot_sd_request_copy(IotSdRequest *dst, const IotSdRequest *src);
void iot_sd_request_clear(IotSdRequest *req);

G_END_DECLS

#endif
