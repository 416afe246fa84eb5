/*
 * iot-gtk-things.h — the readout windows of things, tied to the adapter.
 *
 * One window per (account, thing). Buttons become readouts through the
 * adapter's reader; "Update automatically" becomes a watch (event
 * subscription or polling); the thing's stored history feeds the plot. A
 * window never holds a pending request past its closing: it cancels.
 */
#ifndef IOT_GTK_THINGS_H
#define IOT_GTK_THINGS_H

#include <account.h>

#include "iot-model.h"

/* Opens or raises the window of @who (bare JID) on @account. */
void iot_gtk_things_open(PurpleAccount *account, const char *who);
/* Opens or raises the window reading @nodes (@n_nodes of them, copied) behind
 * the concentrator @who: one request for them all. */
void iot_gtk_things_open_nodes(PurpleAccount *account, const char *who, const IotNodeRef *nodes, guint n_nodes);
/* Session started / ended on @account. */
void iot_gtk_things_session_changed(PurpleAccount *account, gboolean online);
/* The stored history of @thing changed. */
void iot_gtk_things_history_changed(PurpleAccount *account, const char *thing);
/* Closes every window (unload). */
void iot_gtk_things_close_all(void);

#endif
