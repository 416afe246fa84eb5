/* iot-purple-plugin.c — shared plugin life cycle. See iot-purple-plugin.h. */
#include "iot-purple-plugin.h"

#include "iot-purple-account-menu.h"
#include "iot-purple-alert-private.h"
#include "iot-purple-api.h"
#include "iot-purple-caps.h"
#include "iot-purple-concentrator.h"
#include "iot-purple-control-learn.h"
#include "iot-purple-control.h"
#include "iot-purple-concentrator-chat.h"
#include "iot-purple-controllog.h"
#include "iot-purple-file.h"
#include "iot-purple-history.h"
#include "iot-purple-menu.h"
#include "iot-purple-pubsub-private.h"
#include "iot-purple-registry-private.h"
#include "iot-purple-ui.h"
#include "iot-purple-watch.h"
#include "iot-purple-read.h"
#include "iot-purple-reader.h"
#include "iot-purple-stream.h"
#include "iot-purple-store.h"

#include "iot-error.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <pluginpref.h>
#include <prefs.h>
#include <util.h>

static PurplePluginPrefFrame *
get_pref_frame(PurplePlugin *plugin)
{
	PurplePluginPrefFrame *frame = purple_plugin_pref_frame_new();
	PurplePluginPref *pref;
	gint64 bytes = 0;

	pref = purple_plugin_pref_new_with_name_and_label("/plugins/core/xmpp-iot/timeout",
	                                                  _("Seconds to wait for a thing to answer"));
	purple_plugin_pref_set_bounds(pref, 1, 600);
	purple_plugin_pref_frame_add(frame, pref);
	pref = purple_plugin_pref_new_with_name_and_label(IOT_PURPLE_HISTORY_DAYS_PREF,
	                                                  _("Days every value is kept (hourly statistics are "
	                                                    "kept for ever)"));
	purple_plugin_pref_set_bounds(pref, 1, IOT_PURPLE_HISTORY_DAYS_MAX);
	purple_plugin_pref_frame_add(frame, pref);
	/* TRANSLATORS: preferences of alerts. */
	purple_plugin_pref_frame_add(frame, purple_plugin_pref_new_with_label(_("Alerts")));
	purple_plugin_pref_frame_add(frame, purple_plugin_pref_new_with_name_and_label(
	                                        IOT_PURPLE_ALERT_SOUND_PREF, _("Play a sound when an alert arrives")));
	purple_plugin_pref_frame_add(frame, purple_plugin_pref_new_with_name_and_label(
	                                        IOT_PURPLE_ALERT_CONV_PREF,
	                                        _("Write a line into the thing's open conversation")));
	purple_plugin_pref_frame_add(frame, purple_plugin_pref_new_with_name_and_label(
	                                        IOT_PURPLE_ALERT_QUIET_PREF,
	                                        _("Quiet hours: hold alerts back until they end (urgent alarms "
	                                          "still come through)")));
	pref = purple_plugin_pref_new_with_name_and_label(IOT_PURPLE_ALERT_QUIET_START_PREF,
	                                                  _("Quiet hours start (minutes after midnight)"));
	purple_plugin_pref_set_bounds(pref, 0, 1439);
	purple_plugin_pref_frame_add(frame, pref);
	pref = purple_plugin_pref_new_with_name_and_label(IOT_PURPLE_ALERT_QUIET_END_PREF,
	                                                  _("Quiet hours end (minutes after midnight)"));
	purple_plugin_pref_set_bounds(pref, 0, 1439);
	purple_plugin_pref_frame_add(frame, pref);
	if (iot_purple_store_disk_size(&bytes)) {
		char *size = g_format_size((guint64)bytes);
		/* TRANSLATORS: %s is a size such as "12.3 MB". */
		char *text = g_strdup_printf(_("The store takes %s on disk"), size);

		/* A plain line of text in Pidgin and in Finch. */
		pref = purple_plugin_pref_new_with_label(text);
		purple_plugin_pref_set_type(pref, PURPLE_PLUGIN_PREF_INFO);
		purple_plugin_pref_frame_add(frame, pref);
		g_free(text);
		g_free(size);
	}
	return frame;
}

static void
alerts_action(PurplePluginAction *action)
{
	iot_purple_alert_open_inbox();
}

static void
rules_action(PurplePluginAction *action)
{
	iot_purple_alert_open_rules(NULL, NULL);
}

/* Tools → XMPP IoT: the control log, the alerts and their rules,
 * publish-subscribe. */
static GList *
actions(PurplePlugin *plugin, gpointer context)
{
	GList *l = iot_purple_controllog_actions(plugin, context);

	/* TRANSLATORS: plugin menu items (Tools → XMPP IoT). */
	l = g_list_append(l, purple_plugin_action_new(_("Alerts…"), alerts_action));
	l = g_list_append(l, purple_plugin_action_new(_("Alert rules…"), rules_action));
	l = g_list_concat(l, iot_purple_pubsub_actions(plugin, context));
	return g_list_concat(l, iot_purple_registry_actions(plugin, context));
}

PurplePluginUiInfo iot_purple_prefs_info = { get_pref_frame, 0, NULL, NULL, NULL, NULL, NULL };

void
iot_purple_plugin_init(PurplePlugin *plugin, PurplePluginInfo *info)
{
	const char *user_locale;
	char *dir;

#ifdef LOCALEDIR
	/* A user install (make install-user) puts translations under the purple
	 * user dir; a system install under LOCALEDIR. */
	user_locale = purple_user_dir();
	dir = g_build_filename(user_locale, "locale", "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
	if (g_file_test(dir, G_FILE_TEST_EXISTS)) {
		char *base = g_build_filename(user_locale, "locale", NULL);
		bindtextdomain(GETTEXT_PACKAGE, base);
		g_free(base);
	} else {
		bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	}
	g_free(dir);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
#endif
	/* Pidgin shows these through its own text domain, so translate them here. */
	info->name = (char *)_("XMPP IoT");
	info->summary = (char *)_("Read sensors and control things on your XMPP account");
	info->description = (char *)_("Adds the Internet of Things to your XMPP account: in a chat with "
	                               "a thing, /read shows its sensor values (XEP-0323 and its "
	                               "successors) and /control sets its parameters (XEP-0325); the "
	                               "buddy list's menu opens its readout window and its control "
	                               "form. Every protocol generation found in the field is spoken.");
	info->actions = actions;
	purple_prefs_add_none("/plugins/core/xmpp-iot");
	purple_prefs_add_int("/plugins/core/xmpp-iot/timeout", 15);
	purple_prefs_add_int(IOT_PURPLE_HISTORY_DAYS_PREF, IOT_PURPLE_HISTORY_DAYS_DEFAULT);
	purple_prefs_add_none(IOT_PURPLE_ALERT_PREF);
	purple_prefs_add_bool(IOT_PURPLE_ALERT_SOUND_PREF, FALSE);
	purple_prefs_add_bool(IOT_PURPLE_ALERT_CONV_PREF, FALSE);
	purple_prefs_add_bool(IOT_PURPLE_ALERT_QUIET_PREF, FALSE);
	purple_prefs_add_int(IOT_PURPLE_ALERT_QUIET_START_PREF, 22 * 60);
	purple_prefs_add_int(IOT_PURPLE_ALERT_QUIET_END_PREF, 7 * 60);
}

gboolean
iot_purple_plugin_load(PurplePlugin *plugin)
{
	if (!iot_purple_stream_connect(plugin)) {
		purple_debug_error("xmpp-iot", "the XMPP protocol plugin is not available\n");
		return FALSE;
	}
	iot_purple_store_open();
	iot_purple_controllog_start();
	iot_purple_history_open(plugin);
	iot_purple_alert_load(plugin);
	iot_purple_read_register();
	iot_purple_control_register();
	iot_purple_concentrator_chat_register();
	iot_purple_pubsub_load(plugin);
	iot_purple_registry_chat_register(plugin);
	iot_purple_registry_load();
	iot_purple_menu_connect(plugin);
	iot_purple_account_menu_install();
	iot_purple_api_register(plugin);
	purple_debug_info("xmpp-iot", "loaded\n");
	return TRUE;
}

gboolean
iot_purple_plugin_unload(PurplePlugin *plugin)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();

	iot_purple_read_unregister();
	iot_purple_control_unregister();
	iot_purple_concentrator_chat_unregister();
	iot_purple_pubsub_unload();
	iot_purple_registry_chat_unregister();
	iot_purple_registry_shutdown();
	/* Windows first (they cancel their own requests), then sessions: their
	 * requests end through the readers' callbacks. */
	if (ui != NULL && ui->shutdown != NULL)
		ui->shutdown();
	iot_purple_menu_shutdown();
	iot_purple_account_menu_remove();
	/* The inbox and rules are written; their watches and notice go. */
	iot_purple_alert_unload();
	iot_purple_api_unregister(plugin);
	iot_purple_watch_shutdown();
	/* While the sessions can still say goodbye to concentrators. */
	iot_purple_concentrator_shutdown();
	/* Sessions first: their requests end through the readers' callbacks. */
	iot_purple_stream_disconnect(plugin);
	/* Operations left end, watches go, the item batch is written: before
	 * the history and the store close. */
	iot_purple_pubsub_shutdown();
	iot_purple_reader_shutdown(IOT_ERROR_CANCELLED);
	iot_purple_control_learn_shutdown(IOT_ERROR_CANCELLED);
	iot_purple_history_shutdown();
	/* Last: sets still under way were logged as their sessions ended. */
	iot_purple_controllog_shutdown();
	iot_purple_caps_shutdown();
	iot_purple_store_close();
	/* After every stored file had its last chance to be read. */
	iot_purple_file_shutdown();
	purple_debug_info("xmpp-iot", "unloaded\n");
	return TRUE;
}
