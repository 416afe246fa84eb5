/*
 * iot-gtk-pidgin.h — the one file that speaks to Pidgin itself: installs the
 * GTK user interface as the adapter's UI operations (among them writing a
 * thing's text into a conversation without smileys or links) and adds the
 * last values of a thing to its buddy-list tooltip.
 */
#ifndef IOT_GTK_PIDGIN_H
#define IOT_GTK_PIDGIN_H

#include <plugin.h>

void iot_gtk_pidgin_load(PurplePlugin *plugin);
void iot_gtk_pidgin_unload(PurplePlugin *plugin);

#endif
