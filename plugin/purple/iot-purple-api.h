/*
 * iot-purple-api.h — what other plugins (and scripts, and our tests) may use,
 * through libpurple's IPC and signals on this plugin:
 *
 *   IPC "watch"   (PurpleAccount *account, const char *who, int interval_s) → int handle
 *                 keep @who's values current: events where offered, else polling
 *   IPC "unwatch" (int handle) → int (1 when something was stopped)
 *   signal "iot-watch-update" (PurpleAccount *account, const char *who,
 *                 const char *text, guint handle): an update as the aligned
 *                 plain-text block of /read, or the sentence saying what went wrong
 */
#ifndef IOT_PURPLE_API_H
#define IOT_PURPLE_API_H

#include <plugin.h>

void iot_purple_api_register(PurplePlugin *plugin);
/* Stops the watches started through IPC and unregisters the signal. */
void iot_purple_api_unregister(PurplePlugin *plugin);

#endif
