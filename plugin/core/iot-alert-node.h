/*
 * iot-alert-node.h — a concentrator's node in an error or warning state as
 * an entry of the alert inbox.
 *
 * The plugin learns a node's state from the concentrator's answers (an
 * outline, a browsed level, getNode) and from nodeStatusChanged events. A
 * node in ErrorSigned/ErrorUnsigned is an ALARM, in WarningSigned/
 * WarningUnsigned a WARNING (origin EVENT, source: the account, the
 * concentrator's bare JID, the node's id); None and Information are OK.
 * The entry's text is the node's error and warning messages (the other
 * messages when it has only those), else a sentence naming the node.
 *
 * Pure C (GLib): no purple, no GTK.
 */
#ifndef IOT_ALERT_NODE_H
#define IOT_ALERT_NODE_H

#include <glib.h>

#include "iot-alert-inbox.h"
#include "iot-concentrator.h"

G_BEGIN_DECLS

/* TRUE when @state wants attention; *@severity (nullable) then ALARM for
 * the error states, WARNING for the warning states. */
gboolean iot_alert_node_severity(IotNodeState state, IotAlertSeverity *severity);

/* Returns: (transfer full): the text of node @n's alert, translated where it
 * is ours ("Fridge has a warning", "Heat meter 2 is in error"), the node's
 * messages joined by "; " when it has some; not escaped, bounded as an
 * alert's text. g_free(). */
char *iot_alert_node_text(const IotConcentratorNode *n);

/* Node @n of @thing (the concentrator's bare JID) on @account is in the
 * state it says, seen at @now:
 *  - in error or warning: an open entry with that severity and text is in
 *    @inbox afterwards — the same state seen again changes nothing (no
 *    second entry, no count, no notice, also once acknowledged; a view
 *    without messages counts as the same when the severity is); another
 *    severity, or other messages, clear the node's open entry and add the
 *    new one
 *    (@stranger: the concentrator is not in the roster, its limits apply);
 *  - OK: the node's open entry is cleared (its first and cleared moments
 *    stay readable).
 * Returns: TRUE when the inbox changed. */
gboolean iot_alert_inbox_node_state(IotAlertInbox *inbox, const char *account, const char *thing,
                                    const IotConcentratorNode *n, gboolean stranger, gint64 now);

/* Node @node_id of @thing is gone (removed): its open entry is cleared.
 * Returns: TRUE when there was one. */
gboolean iot_alert_inbox_node_gone(IotAlertInbox *inbox, const char *account, const char *thing,
                                   const char *node_id, gint64 now);

G_END_DECLS

#endif
