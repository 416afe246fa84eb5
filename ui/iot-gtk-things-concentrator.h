/*
 * iot-gtk-things-concentrator.h — the browse windows of concentrators, tied to
 * the adapter (iot-purple-concentrator.h).
 *
 * One window (iot-gtk-concentrator.h) per (account, concentrator bare JID).
 * Every request of the window becomes an adapter call; its handle is kept
 * and cancelled when the window no longer wants the answer or closes, so no
 * callback outlives the window. The window subscribes to the events of the
 * data sources it shows while it is open. Reading and controlling nodes open
 * the readout window and the control dialog.
 */
#ifndef IOT_GTK_THINGS_CONCENTRATOR_H
#define IOT_GTK_THINGS_CONCENTRATOR_H

#include <account.h>
#include <plugin.h>

/* Opens or raises the browse window of @who (a JID; its bare JID is the key) on @account. */
void iot_gtk_things_conc_open(PurpleAccount *account, const char *who);
/* Session started / ended on @account: at its end its windows close. */
void iot_gtk_things_conc_session_changed(PurpleAccount *account, gboolean online);
/* Closes every window of @account (sign-off), or all when @account is NULL (unload). */
void iot_gtk_things_conc_close(PurpleAccount *account);
/* Follows the concentrators' presence (their windows go offline and back). */
void iot_gtk_things_conc_connect(PurplePlugin *plugin);
/* The number of open browse windows (tests). */
guint iot_gtk_things_conc_count(void);

#endif
