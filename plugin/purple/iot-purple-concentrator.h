/*
 * iot-purple-concentrator.h — browsing and operating devices behind a
 * concentrator on an account's stream: what a browse window and the chat
 * commands build on (DESIGN.md §1: XEP-0326 and its successors).
 *
 * Every operation names the concentrator by @who — a bare JID (an available
 * resource that offers a concentrator namespace is picked, as /read picks
 * one) or a full JID — and runs in the generation disco#info says that
 * resource speaks (urn:nf:…, urn:nfi:…, urn:ieee:…, urn:xmpp:iot:…,
 * urn:xmpp:sn:…). Before the first operation on a resource its capabilities
 * are asked (getCapabilities) and remembered per full JID until its caps
 * change or it goes offline; an operation the concentrator does not list
 * ends at once with IOT_ERROR_NOT_IMPLEMENTED, nothing sent.
 *
 * The contract of every handle below (DESIGN.md §5):
 *   - the callback (or on_end) runs exactly once, never before the call
 *     that started it returns, with a result or a GError in IOT_ERROR:
 *     the concentrator's refusal (its own words), TIMEOUT, OFFLINE (the
 *     concentrator went away — also while an answer was awaited),
 *     DISCONNECTED (our account went offline), CANCELLED (cancelled, or
 *     the plugin unloaded), NOT_SUPPORTED (@who offers no concentrator),
 *     NOT_IMPLEMENTED (not in its capabilities), BAD_REQUEST (the request
 *     lacks what its op needs, or a form was refused: then with a reply
 *     holding the form errors), MALFORMED;
 *   - @destroy (nullable) frees @user_data right after that callback;
 *   - a handle is valid until its callback ran; cancelling a handle that
 *     ended already does nothing.
 * Pointers passed to callbacks are (transfer none), valid during the call.
 * Nothing here keeps a PurpleConnection: the account is the key.
 *
 * Models (nodes, sources, commands, forms, query results, events) are the
 * core's: iot-concentrator.h, iot-concentrator-request.h,
 * iot-concentrator-query.h, iot-concentrator-events.h; a window may keep
 * what it loaded in an IotConcentratorTree (iot-concentrator-tree.h).
 */
#ifndef IOT_PURPLE_CONCENTRATOR_H
#define IOT_PURPLE_CONCENTRATOR_H

#include <account.h>

#include "iot-concentrator-events.h"
#include "iot-concentrator-query.h"
#include "iot-concentrator-request.h"

G_BEGIN_DECLS

/* --- one request --------------------------------------------------------------------- */

/* @concentrator (nullable): the full JID that answered (or was asked);
 * NULL when none could be chosen. See the contract above for the rest. */
typedef void (*IotPurpleConcentratorReplyFunc)(PurpleAccount *account, const char *concentrator,
                                               const IotConcentratorReply *reply, const GError *error,
                                               gpointer user_data);

/* Sends @req (copied) to @who's concentrator on @account. Returns a
 * non-zero handle for iot_purple_concentrator_cancel(). */
guint iot_purple_concentrator_call(PurpleAccount *account, const char *who, const IotConcentratorRequest *req,
                                   IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                   GDestroyNotify destroy);

/* Ends the request or query @handle now: its callback (on_end) runs with
 * IOT_ERROR_CANCELLED. A running query is also asked to stop. */
void iot_purple_concentrator_cancel(guint handle);

/* Browsing, as a tree window does it; each is iot_purple_concentrator_call()
 * with the request named, and returns its handle. */

/* getCapabilities: reply->caps (from the cache when known). */
guint iot_purple_concentrator_capabilities(PurpleAccount *account, const char *who,
                                           IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                           GDestroyNotify destroy);
/* Data sources: @parent_source NULL — the root sources (getRootDataSources,
 * or getAllDataSources where only that is offered); else its children. */
guint iot_purple_concentrator_browse_sources(PurpleAccount *account, const char *who, const char *parent_source,
                                             IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                             GDestroyNotify destroy);
/* Nodes: @parent NULL — the root nodes of @source_id (getRootNodes); else
 * the children of @parent (getChildNodes). @details asks for each node's
 * parameters and messages too. reply->nodes. */
guint iot_purple_concentrator_browse_nodes(PurpleAccount *account, const char *who, const char *source_id,
                                           const IotNodeRef *parent, gboolean details,
                                           IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                           GDestroyNotify destroy);
/* One node with its parameters and messages (getNode): reply->nodes[0]. */
guint iot_purple_concentrator_get_node(PurpleAccount *account, const char *who, const IotNodeRef *node,
                                       IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                       GDestroyNotify destroy);
/* The commands of @nodes (@n_nodes ≥ 1; several: those they have in
 * common, getCommonNodeCommands): reply->commands, in menu order
 * (iot_concentrator_commands_sort()). */
guint iot_purple_concentrator_commands(PurpleAccount *account, const char *who, const IotNodeRef *nodes,
                                       guint n_nodes, IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                       GDestroyNotify destroy);
/* Runs command @command on @nodes: simple (@form NULL) or parametrized
 * (@form: the <x type='submit'/>, copied). One node: executeNodeCommand
 * (an empty reply); several: executeCommonNodeCommand (reply->results, one
 * per node — check each). A query command is started with
 * iot_purple_concentrator_query_start() instead. Showing the command's
 * confirmation text first is the caller's part. */
guint iot_purple_concentrator_run_command(PurpleAccount *account, const char *who, const IotNodeRef *nodes,
                                          guint n_nodes, const char *command, const xmlNode *form,
                                          IotPurpleConcentratorReplyFunc cb, gpointer user_data,
                                          GDestroyNotify destroy);

/* --- queries ------------------------------------------------------------------------- */

typedef struct {
	/* (nullable) A change of @node's result; never after on_end. */
	void (*on_event)(guint handle, const IotNodeRef *node, const IotQueryEvent *ev,
	                 const IotQueryResult *result, gpointer user_data);
	/* Exactly once: @error NULL when every node's query ended (done, or
	 * aborted: result->aborted); @refusal (nullable) holds the form errors
	 * of a refused start; @result (nullable): the first node's result so
	 * far (also after an error). */
	void (*on_end)(guint handle, const GError *error, const IotConcentratorReply *refusal,
	               const IotQueryResult *result, gpointer user_data);
} IotPurpleConcentratorQueryFuncs;

/* Starts @req (executeNodeQuery or executeCommonNodeQuery with its command
 * and form; NF: its query_id, or NULL for a fresh one) at @who's
 * concentrator. Progress messages find it by query id; it waits at most
 * four times the request timeout between two of them. @funcs must outlive
 * the query. Returns a handle for iot_purple_concentrator_query_abort() and
 * iot_purple_concentrator_cancel(). */
guint iot_purple_concentrator_query_start(PurpleAccount *account, const char *who,
                                          const IotConcentratorRequest *req,
                                          const IotPurpleConcentratorQueryFuncs *funcs, gpointer user_data,
                                          GDestroyNotify destroy);
/* Asks the concentrator to stop query @handle; it ends (aborted) when the
 * concentrator says so. Nothing for an unknown or ended handle. */
void iot_purple_concentrator_query_abort(guint handle);

/* --- data-source events ---------------------------------------------------------------- */

/* @event (nullable): an event of the source subscribed to. @event NULL and
 * @error NULL: the concentrator (again) accepted the subscription — after
 * the first subscribe, a renewal, our reconnect or its coming back.
 * @error: the subscription is not in force (refused, the concentrator went
 * offline, our account signed off); it is made again by itself when that
 * changes. Runs any number of times, until iot_purple_concentrator_unsubscribe(). */
typedef void (*IotPurpleConcentratorEventFunc)(guint handle, const IotSourceEvent *event, const GError *error,
                                               gpointer user_data);

/* Subscribes to the events of data source @source_id at @who's
 * concentrator: @events (IotSourceEventType bits, 0 = all), with node
 * parameters and messages when @details. NF generations: for @ttl_s
 * seconds (0: IOT_CONCENTRATOR_SUBSCRIPTION_TTL_S), renewed before it
 * lapses; XSF: for as long as both stay online. After our reconnect and
 * when the concentrator comes back online it subscribes again; at sign-off
 * it unsubscribes. Returns a handle for iot_purple_concentrator_unsubscribe().
 * @destroy (nullable) frees @user_data once unsubscribed. */
guint iot_purple_concentrator_subscribe(PurpleAccount *account, const char *who, const char *source_id,
                                        guint32 events, gboolean details, guint ttl_s,
                                        IotPurpleConcentratorEventFunc cb, gpointer user_data,
                                        GDestroyNotify destroy);
/* Unsubscribes (tells the concentrator when online). No callback runs
 * after this returns; @destroy runs now. */
void iot_purple_concentrator_unsubscribe(guint handle);

/* --- for the adapter's own hooks (iot-purple-stream.c, plugin unload) ---------------------- */

/* A message from @from on @account: its query progress goes to its query,
 * its data-source events to the subscriptions. Returns TRUE when @message
 * carries concentrator payload (whether or not anyone wanted it). */
gboolean iot_purple_concentrator_handle_message(PurpleAccount *account, const char *from,
                                                const xmlNode *message);
/* Presence: @full_jid became available (@available) or went away. */
void iot_purple_concentrator_presence(PurpleAccount *account, const char *full_jid, gboolean available);
/* @account's session started (@online) or is ending (before its requests end). */
void iot_purple_concentrator_session_changed(PurpleAccount *account, gboolean online);
/* Ends everything (unload): pending operations with IOT_ERROR_CANCELLED,
 * subscriptions silently. */
void iot_purple_concentrator_shutdown(void);

G_END_DECLS

#endif
