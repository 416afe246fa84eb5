/*
 * iot-purple-controllog.h — the control log of this profile, kept on disk.
 *
 * Every control sent — from /control or a control dialog, on any account —
 * ends in one entry per parameter (iot-controllog.h). The log lives in
 * purple_user_dir()/xmpp-iot/control-log.txt, loaded on first use and
 * written atomically after each change (controls are rare: a person sends
 * them), as soon as the main loop is idle, and at unload. A file that could
 * not be read is moved aside first and a new log started, or, when it
 * cannot be moved, left alone (iot-purple-file.h). The plugin's menu (Tools
 * → XMPP IoT in Pidgin, the plugin's actions in Finch) opens it: the UI's
 * window, or a libpurple table.
 */
#ifndef IOT_PURPLE_CONTROLLOG_H
#define IOT_PURPLE_CONTROLLOG_H

#include <plugin.h>

#include "iot-controllog.h"

/* Records what became of one set to @thing (bare JID); arguments as
 * iot_control_log_add_result(), the time is now. Saves once the main loop
 * is idle (after the outcome is on screen). */
void iot_purple_controllog_record(const char *thing, const GPtrArray *nodes,
                                  const IotControlChange *changes, guint n_changes,
                                  const IotControlResult *result, const GError *error,
                                  const char *detail);

/* Returns: (transfer none): the log, loaded when needed; valid until the
 * next record or iot_purple_controllog_shutdown(). */
const IotControlLog *iot_purple_controllog_get(void);

/* Called after every new record (for an open log window). */
typedef void (*IotPurpleControlLogChanged)(gpointer data);
void iot_purple_controllog_set_listener(IotPurpleControlLogChanged fn, gpointer data);

/* Opens the log: the UI's window, else a libpurple table. */
void iot_purple_controllog_open(void);

/* The plugin's actions (PurplePluginInfo.actions). */
GList *iot_purple_controllog_actions(PurplePlugin *plugin, gpointer context);

/* Saves what is not saved yet, closes the fallback table and frees the log
 * (unload). */
void iot_purple_controllog_shutdown(void);

#endif
