/*
 * iot-gtk-entry.c — the Pidgin flavour (build/pidgin-xmpp-iot.so): the
 * adapter plus the GTK user interface (readout windows, tooltips).
 */
#include "iot-gtk-pidgin.h"
#include "iot-purple-plugin.h"

#include <gtkplugin.h>
#include <version.h>

static gboolean
load(PurplePlugin *plugin)
{
	if (!iot_purple_plugin_load(plugin))
		return FALSE;
	iot_gtk_pidgin_load(plugin);
	return TRUE;
}

static gboolean
unload(PurplePlugin *plugin)
{
	/* The adapter closes the windows through the UI operations first. */
	gboolean ok = iot_purple_plugin_unload(plugin);

	iot_gtk_pidgin_unload(plugin);
	return ok;
}

static PurplePluginInfo info = {
	PURPLE_PLUGIN_MAGIC, PURPLE_MAJOR_VERSION, PURPLE_MINOR_VERSION, PURPLE_PLUGIN_STANDARD,
	PIDGIN_PLUGIN_TYPE, 0, NULL, PURPLE_PRIORITY_DEFAULT, "gtk-xmpp-iot", NULL /* set in init */,
	IOT_VERSION, NULL, NULL, "XMPP IoT developers", NULL, load, unload, NULL, NULL, NULL,
	&iot_purple_prefs_info, NULL, NULL, NULL, NULL, NULL
};

static void
init_plugin(PurplePlugin *plugin)
{
	iot_purple_plugin_init(plugin, &info);
	info.dependencies = g_list_append(info.dependencies, "prpl-jabber");
}

PURPLE_INIT_PLUGIN(pidgin_xmpp_iot, init_plugin, info)
