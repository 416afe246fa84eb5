/*
 * iot-purple-plugin.h — what both plugin flavours share: gettext, prefs,
 * load and unload of the adapter. Each flavour's entry file only fills in
 * its PurplePluginInfo and calls these.
 */
#ifndef IOT_PURPLE_PLUGIN_H
#define IOT_PURPLE_PLUGIN_H

#include <plugin.h>

/* Binds the text domain and translates @info's texts; adds the preferences. */
void iot_purple_plugin_init(PurplePlugin *plugin, PurplePluginInfo *info);
gboolean iot_purple_plugin_load(PurplePlugin *plugin);
gboolean iot_purple_plugin_unload(PurplePlugin *plugin);

/* The preference frame (request timeout, history retention, the store's
 * size on disk), shared by Pidgin and Finch. */
extern PurplePluginUiInfo iot_purple_prefs_info;

#endif
