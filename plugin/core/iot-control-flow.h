/*
 * iot-control-flow.h — control requests on the request table.
 *
 * Sends a getForm (iq get) or a set (iq set) of the thing's generation
 * through iot-request.h and reads the one IQ answer with iot-control.h. The
 * callback runs exactly once, never before the call returns: with the
 * parsed answer, or with the error of a timeout, a disconnect or a cancel.
 *
 * A set is NEVER sent again by this module — not after a timeout, not after
 * a reconnect: an actuator must not move twice because an answer was slow.
 * After a timeout the outcome is unknown, and the callback says so with
 * IOT_ERROR_TIMEOUT; a late answer is not claimed. Cancelling a set only
 * stops waiting for its answer; the thing may still act on it. Once a
 * request has ended (also by a disconnect) its id is no longer pending, so
 * the adapter's send hook drops any re-send of it by stream management
 * (DESIGN.md §3).
 * Fire-and-forget sets in a <message/> need no flow: wrap
 * iot_control_build_set() in a message and send it.
 */
#ifndef IOT_CONTROL_FLOW_H
#define IOT_CONTROL_FLOW_H

#include <glib.h>

#include "iot-control.h"
#include "iot-ns.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* @form (transfer full) (nullable): the control form, free with
 * iot_dataform_free(); NULL exactly when @error (transfer none) is set. */
typedef void (*IotControlFormFunc)(IotDataForm *form, const GError *error, gpointer user_data);

/* @result (transfer none): valid during the call only; never NULL.
 * @error (transfer none) (nullable) is result->error: NULL on success. On a
 * timeout, disconnect or cancel the result holds only that error. */
typedef void (*IotControlSetFunc)(const IotControlResult *result, const GError *error,
                                  gpointer user_data);

/* Asks @peer (a full JID) for its control form in generation @gen (its
 * control namespace must exist), for @nodes (nullable, element-type
 * IotNodeRef, copied) behind a concentrator. Returns the request handle
 * for iot_request_table_cancel(). @destroy (nullable) frees @user_data
 * after @cb ran. */
guint iot_control_get_form(IotRequestTable *table, const char *peer, IotGeneration gen,
                           const GPtrArray *nodes, guint timeout_ms, IotControlFormFunc cb,
                           gpointer user_data, GDestroyNotify destroy);

/* The same with the language (nullable) the thing should write the form in. */
guint iot_control_get_form_full(IotRequestTable *table, const char *peer, IotGeneration gen,
                                const GPtrArray *nodes, const char *lang, guint timeout_ms,
                                IotControlFormFunc cb, gpointer user_data,
                                GDestroyNotify destroy);

/* Sends @set (copied) to @peer as an iq set in generation @gen. The answer
 * is parsed against what was sent (partial acceptance, per-parameter
 * errors). Returns the request handle; see the header comment for what a
 * cancel or a timeout means for a set. */
guint iot_control_set(IotRequestTable *table, const char *peer, IotGeneration gen,
                      const IotControlSet *set, guint timeout_ms, IotControlSetFunc cb,
                      gpointer user_data, GDestroyNotify destroy);

G_END_DECLS

#endif
