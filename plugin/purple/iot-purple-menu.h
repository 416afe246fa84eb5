/*
 * iot-purple-menu.h — "Read sensor data…" on things in the buddy list.
 *
 * Offered only for contacts whose disco#info says they are things. Opens
 * the UI's readout window, or — without one (Finch) — a table through
 * libpurple's search-results dialog with a Refresh button.
 */
#ifndef IOT_PURPLE_MENU_H
#define IOT_PURPLE_MENU_H

#include <plugin.h>

void iot_purple_menu_connect(PurplePlugin *plugin);
/* Closes the fallback tables (unload). */
void iot_purple_menu_shutdown(void);

#endif
