/*
 * iot-concentrator-flow.h — concentrator requests on the request table.
 *
 * Any one request: iot_concentrator_call() sends an IotConcentratorRequest
 * (iot-concentrator-request.h) and hands back what came of it, once. The
 * flows of several requests or messages are a node query
 * (iot-concentrator-query.h) and finding a node (below).
 *
 * Finding a node: a read, a control or a control form names a node behind a
 * concentrator by its id, its data source and its partition (protocols.md
 * §3.1, §4.4, §5.6); a concentrator does not look for an id in its sources
 * by itself (Waher's answers "Data source not found."). When a person gives
 * only the id, iot_concentrator_locate() asks the concentrator:
 *
 *   1. its data sources: getAllDataSources, or — where that is not
 *      implemented — getRootDataSources and getChildDataSources of every
 *      source with children (skipped when the caller already knows them);
 *   2. getNode with the id in each source in turn, until one knows it; its
 *      answer names the node's partition too. Where getNode is not
 *      implemented, containsNode is asked instead (no partition then).
 *
 * One request is under way at a time, each with its own timeout. A source
 * that does not know the node (item-not-found, XEP-0326 NotFound) or does
 * not show it to us (forbidden) is passed over; any other failure ends the
 * lookup with that error.
 */
#ifndef IOT_CONCENTRATOR_FLOW_H
#define IOT_CONCENTRATOR_FLOW_H

#include <glib.h>

#include "iot-concentrator-request.h"
#include "iot-concentrator.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* Runs exactly once, never before iot_concentrator_call() returns.
 * @reply (transfer none, valid during the call) is what came back; @error
 * is NULL on success. Both are set for a refused form (see
 * iot_concentrator_reply_parse()); otherwise @reply is NULL on failure:
 * the concentrator's refusal (mapped codes, its own words), IOT_ERROR_TIMEOUT,
 * _DISCONNECTED, _CANCELLED, _MALFORMED. */
typedef void (*IotConcentratorReplyFunc)(const IotConcentratorReply *reply, const GError *error,
                                         gpointer user_data);

/* Sends @req (copied; it must pass iot_concentrator_request_check() for
 * @gen) to @peer (a full JID) and waits at most @timeout_ms for the
 * answer. @destroy (nullable) frees @user_data after @cb.
 * Returns: a non-zero handle for iot_request_table_cancel(). */
guint iot_concentrator_call(IotRequestTable *table, const char *peer, IotGeneration gen,
                            const IotConcentratorRequest *req, guint timeout_ms,
                            IotConcentratorReplyFunc cb, gpointer user_data, GDestroyNotify destroy);

typedef struct _IotConcentratorLocate IotConcentratorLocate;

/* Runs exactly once, never before iot_concentrator_locate() returns.
 * @node (transfer none) (nullable): the node, with its source (and its
 * partition when the concentrator named one), valid during the call only.
 * Otherwise @error (transfer none): IOT_ERROR_UNKNOWN_NODE when no data
 * source has the node (its message is the node id), else why the lookup
 * stopped (timeout, disconnect, cancel, the concentrator's refusal).
 * @sources (transfer none) (nullable) (element-type IotConcentratorSource):
 * the data sources used, learnt or given, for the caller to remember. */
typedef void (*IotConcentratorLocateFunc)(const IotConcentratorNode *node, const GPtrArray *sources,
                                          const GError *error, gpointer user_data);

/* Looks for node @node_id behind @peer (a full JID) in generation @gen (its
 * concentrator namespace must exist). @sources (nullable; element-type
 * IotConcentratorSource, copied): the concentrator's data sources when they
 * are known already; NULL or empty asks for them. Each request waits at most
 * @timeout_ms. @destroy (nullable) frees @user_data after @cb.
 * Returns: (transfer none): the lookup, valid until @cb has run. */
IotConcentratorLocate *iot_concentrator_locate(IotRequestTable *table, const char *peer,
                                               IotGeneration gen, const char *node_id,
                                               const GPtrArray *sources, guint timeout_ms,
                                               IotConcentratorLocateFunc cb, gpointer user_data,
                                               GDestroyNotify destroy);

/* Ends @op now: its callback runs with IOT_ERROR_CANCELLED. Only for a
 * lookup whose callback has not run yet. */
void iot_concentrator_locate_cancel(IotConcentratorLocate *op);

G_END_DECLS

#endif
