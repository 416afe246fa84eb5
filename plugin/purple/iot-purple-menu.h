/*
 * iot-purple-menu.h — "Read sensor data…" and "Control…" on things in the
 * buddy list.
 *
 * Offered only for contacts whose disco#info says they are things, each for
 * what the thing offers. "Read sensor data…" opens the UI's readout window,
 * or — without one (Finch) — a table through libpurple's search-results
 * dialog with a Refresh button; "Control…" opens the UI's control dialog,
 * or the request-API one (iot-purple-control-request.h). "Browse devices…"
 * on a concentrator opens the UI's browse window, or the request-dialog
 * drill-down (iot-purple-concentrator-browse.h).
 */
#ifndef IOT_PURPLE_MENU_H
#define IOT_PURPLE_MENU_H

#include <account.h>
#include <plugin.h>

#include "iot-model.h"

void iot_purple_menu_connect(PurplePlugin *plugin);
/* Closes the fallback tables and control dialogs (unload). */
void iot_purple_menu_shutdown(void);

/* Opens the fallback readout table of @who (bare JID), or of its node @node
 * (nullable, copied), with a Refresh button; closed with the others. */
void iot_purple_menu_open_readout_table(PurpleAccount *account, const char *who, const IotNodeRef *node);

#endif
