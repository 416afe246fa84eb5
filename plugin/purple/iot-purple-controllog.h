/*
 * iot-purple-controllog.h — the control log of this profile, kept in the
 * store (iot-purple-store.h, iot-store-controllog.h).
 *
 * Every control sent — from /control or a control dialog, on any account —
 * is one entry per parameter (and node): recorded as "unknown" when it is
 * sent, its outcome set when the answer comes. Entries wait in memory and
 * are written at most once a second (IOT_PURPLE_CONTROLLOG_FLUSH_MS), off
 * the path that shows the outcome: a control answered within that second
 * costs one short transaction; a crash loses at most that second, and a
 * control still waiting for its answer stays in the log as "unknown". At
 * unload everything waiting is written. The store keeps the newest
 * IOT_STORE_CONTROLLOG_KEEP entries, trimmed in bounded steps when the idle
 * main loop has time.
 *
 * At load, the text file earlier versions kept
 * (purple_user_dir()/xmpp-iot/control-log.txt) is imported into the store
 * in one transaction and renamed to control-log.txt.imported (never
 * deleted; an import that runs twice adds nothing). A file that cannot be
 * read is moved aside and the person told (iot-purple-file.h). Without a
 * store, the file stays for a later start and this session's entries are
 * kept in memory only (at most IOT_CONTROL_LOG_MAX_ENTRIES).
 *
 * The plugin's menu (Tools → XMPP IoT in Pidgin, the plugin's actions in
 * Finch) opens the log: the UI's window, or a libpurple table, each with
 * the newest IOT_CONTROL_LOG_MAX_ENTRIES entries.
 */
#ifndef IOT_PURPLE_CONTROLLOG_H
#define IOT_PURPLE_CONTROLLOG_H

#include <account.h>
#include <plugin.h>

#include "iot-controllog.h"

/* The longest an entry waits in memory before it is written. */
#define IOT_PURPLE_CONTROLLOG_FLUSH_MS 1000

/* A control on its way; 0 is none. */
typedef guint64 IotPurpleControlLogTicket;

/* Records a set to @thing (bare JID) from @account as it is sent; arguments
 * as iot_control_log_entries_new(), the time is now. Returns the ticket
 * for iot_purple_controllog_finished(), 0 when there was nothing to record. */
IotPurpleControlLogTicket iot_purple_controllog_sent(PurpleAccount *account, const char *thing,
                                                     const GPtrArray *nodes,
                                                     const IotControlChange *changes,
                                                     guint n_changes);

/* What became of the set of @ticket; arguments as
 * iot_control_log_entries_set_result(). Call it exactly once per ticket;
 * an unknown ticket (0, or dropped) is ignored. */
void iot_purple_controllog_finished(IotPurpleControlLogTicket ticket, const IotControlResult *result,
                                    const GError *error, const char *detail);

/* The set of @ticket ended without an outcome: its entries stay "unknown".
 * 0 and tickets that are finished are ignored. */
void iot_purple_controllog_abandon(IotPurpleControlLogTicket ticket);

/* Returns: (transfer full) (element-type IotControlLogEntry): the newest
 * @limit entries (at most IOT_STORE_CONTROLLOG_MAX_PAGE), newest first,
 * those not written yet included. *@total (nullable) receives how many the
 * log holds. g_ptr_array_unref(). */
GPtrArray *iot_purple_controllog_recent(guint limit, guint *total);

/* Called once the main loop is idle after new records and outcomes (for
 * an open log window). */
typedef void (*IotPurpleControlLogChanged)(gpointer data);
void iot_purple_controllog_set_listener(IotPurpleControlLogChanged fn, gpointer data);

/* Imports the text file of earlier versions (plugin load, after the store
 * was opened). */
void iot_purple_controllog_start(void);

/* Opens the log: the UI's window, else a libpurple table. */
void iot_purple_controllog_open(void);

/* The plugin's actions (PurplePluginInfo.actions). */
GList *iot_purple_controllog_actions(PurplePlugin *plugin, gpointer context);

/* Writes what is waiting, closes the fallback table and forgets everything
 * (unload, before the store closes). */
void iot_purple_controllog_shutdown(void);

#endif
