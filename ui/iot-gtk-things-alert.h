/*
 * iot-gtk-things-alert.h — the alerts inbox window, the rules dialog and the
 * one notice, tied to the adapter (iot-purple-alert.h), and a thing's row in
 * the buddy list: its alert marker and pinned values, drawn through
 * Pidgin's "drawing-buddy" signal and redrawn when the adapter says they
 * changed. Windows close at unload; no callback outlives its window.
 */
#ifndef IOT_GTK_THINGS_ALERT_H
#define IOT_GTK_THINGS_ALERT_H

#include <plugin.h>

#include "iot-purple-ui.h"

/* Sets open_alerts, open_rules and notice in @ops. */
void iot_gtk_things_alert_fill_ui_ops(IotUiOps *ops);
/* After the adapter loaded: its change hook, the buddy list's drawing hook. */
void iot_gtk_things_alert_load(PurplePlugin *plugin);
/* Unload: closes the windows and the notice, leaves the hooks, and (unless
 * Pidgin is quitting) redraws the buddy list without markers. */
void iot_gtk_things_alert_close(void);

#endif
