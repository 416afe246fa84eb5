/*
 * iot-gtk-things-control.h — control dialogs and the control-log window,
 * tied to the adapter.
 *
 * One control dialog per (account, thing, nodes): the GTK dialog
 * (iot-gtk-control.h) driven by the adapter's controller
 * (iot-purple-controlform.h). One control-log window for the profile,
 * refreshed as controls are recorded.
 */
#ifndef IOT_GTK_THINGS_CONTROL_H
#define IOT_GTK_THINGS_CONTROL_H

#include <account.h>

#include "iot-model.h"

/* Opens or raises the control dialog of @who (bare JID), node @node_id (nullable). */
void iot_gtk_things_control_open(PurpleAccount *account, const char *who, const char *node_id);
/* Opens or raises the one control dialog of @n_nodes @nodes (transfer none;
 * with their data sources and partitions; none: the thing itself) of @who:
 * several nodes share their common parameters, and Send sets them all. */
void iot_gtk_things_control_open_nodes(PurpleAccount *account, const char *who,
                                       const IotNodeRef *nodes, guint n_nodes);
/* Session started / ended on @account: dialogs grey out, and reload when back. */
void iot_gtk_things_control_session_changed(PurpleAccount *account, gboolean online);
/* Opens or raises the control-log window. */
void iot_gtk_things_control_open_log(void);
/* Closes every dialog and the log window (unload). */
void iot_gtk_things_control_close_all(void);

#endif
