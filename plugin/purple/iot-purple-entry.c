/*
 * iot-purple-entry.c — the libpurple-only flavour (build/xmpp-iot.so), for
 * Finch and headless clients. In Pidgin the full flavour
 * (build/pidgin-xmpp-iot.so) is the one to use, so this one hides itself
 * there: a user sees exactly one "XMPP IoT" in each client.
 */
#include "iot-purple-plugin.h"

#include <core.h>
#include <version.h>

static PurplePluginInfo info = {
	PURPLE_PLUGIN_MAGIC, PURPLE_MAJOR_VERSION, PURPLE_MINOR_VERSION, PURPLE_PLUGIN_STANDARD,
	NULL, /* any UI */
	0, NULL, PURPLE_PRIORITY_DEFAULT, "core-xmpp-iot", NULL /* name: set in init */, IOT_VERSION,
	NULL, NULL, "XMPP IoT developers", NULL, iot_purple_plugin_load, iot_purple_plugin_unload, NULL,
	NULL, NULL, &iot_purple_prefs_info, NULL, NULL, NULL, NULL, NULL
};

static void
init_plugin(PurplePlugin *plugin)
{
	iot_purple_plugin_init(plugin, &info);
	info.dependencies = g_list_append(info.dependencies, "prpl-jabber");
	if (g_strcmp0(purple_core_get_ui(), "gtk-gaim") == 0)
		info.flags |= PURPLE_PLUGIN_FLAG_INVISIBLE;
}

PURPLE_INIT_PLUGIN(xmpp_iot, init_plugin, info)
