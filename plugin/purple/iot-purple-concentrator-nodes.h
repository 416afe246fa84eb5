/*
 * iot-purple-concentrator-nodes.h — where the nodes a person names live.
 *
 * "/read node kitchen", "/control node dimmer …" and a node's control dialog
 * name a node by its id. A concentrator wants the node's data source too,
 * and its partition where it has them (Waher's answers a node without its
 * source with "Data source not found."). Before such a request goes out,
 * this module completes its nodes: each node without a source is looked up
 * in what the session remembers of that concentrator, else asked of the
 * concentrator itself (iot-concentrator-flow.h), and the answer remembered
 * per concentrator full JID — forgotten when its caps change or it goes
 * offline (iot-purple-session.c). A node given with its source is left as
 * it is; a thing that is no concentrator gets its nodes back unchanged, and
 * so does a concentrator that cannot tell (its concentrator requests are not
 * implemented or refused): the request then gets the thing's own answer.
 */
#ifndef IOT_PURPLE_CONCENTRATOR_NODES_H
#define IOT_PURPLE_CONCENTRATOR_NODES_H

#include "iot-model.h"
#include "iot-purple-session.h"

/* Runs exactly once, never before iot_purple_concentrator_nodes_complete()
 * returns, also when the session ends (IOT_ERROR_DISCONNECTED or
 * _CANCELLED). On success @nodes (transfer none; @n_nodes of them, valid
 * during the call) are the nodes given, in order, each with its source and
 * partition where they were learnt; @concentrator (nullable) is the full JID
 * they were learnt from. Otherwise @error: IOT_ERROR_UNKNOWN_NODE (message:
 * the node id) when no data source of the concentrator has a node, else why
 * the concentrator could not be asked (offline, no answer in time …). */
typedef void (*IotPurpleConcentratorNodesFunc)(const IotNodeRef *nodes, guint n_nodes,
                                               const char *concentrator, const GError *error,
                                               gpointer user_data);

/* Completes @nodes (@n_nodes of them, copied) of @who (bare or full JID) in
 * session @s. @destroy (nullable) frees @user_data after @cb ran. */
void iot_purple_concentrator_nodes_complete(IotPurpleSession *s, const char *who,
                                            const IotNodeRef *nodes, guint n_nodes,
                                            IotPurpleConcentratorNodesFunc cb, gpointer user_data,
                                            GDestroyNotify destroy);

/* TRUE when one of @nodes (@n_nodes of them) names no data source: only
 * then is there anything to complete. */
gboolean iot_purple_concentrator_nodes_missing(const IotNodeRef *nodes, guint n_nodes);

/* Forgets where @nodes of @concentrator (a full JID) were thought to live:
 * a request that named them there was told the node is not found. */
void iot_purple_concentrator_nodes_forget(IotPurpleSession *s, const char *concentrator,
                                          const IotNodeRef *nodes, guint n_nodes);

#endif
