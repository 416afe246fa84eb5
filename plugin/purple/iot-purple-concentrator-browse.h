/*
 * iot-purple-concentrator-browse.h — "Browse devices…" without a GTK window
 * (Finch, libpurple clients): a drill-down through libpurple's request
 * dialogs. Data sources → their child sources and nodes → a node's details
 * (type, state, parent, what it can do, parameters) with the actions Read
 * (the readout table of the node), Control… (the node's control dialog),
 * Children and Back. One dialog per browse on screen at a time; every dialog
 * and request of a browse ends when it is closed or at unload.
 */
#ifndef IOT_PURPLE_CONCENTRATOR_BROWSE_H
#define IOT_PURPLE_CONCENTRATOR_BROWSE_H

#include <account.h>

/* Opens a drill-down for concentrator @who (bare JID) on @account. */
void iot_purple_concentrator_browse_open(PurpleAccount *account, const char *who);

/* Closes every drill-down and ends its requests (unload). */
void iot_purple_concentrator_browse_close_all(void);

#endif
