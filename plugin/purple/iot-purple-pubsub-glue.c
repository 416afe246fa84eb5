/* iot-purple-pubsub-glue.c — publish-subscribe in the plugin's life: PEP
 * "+notify" features, plugin actions, opening the windows (or their
 * request-dialog stand-ins), load and unload. */
#include "iot-purple-pubsub-private.h"

#include "iot-ns.h"
#include "iot-purple-history.h"
#include "iot-purple-session.h"

#include <account.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <prpl.h>
#include <request.h>

static PurplePlugin *self;

PurplePlugin *
iot_purple_pubsub_plugin(void)
{
	return self;
}

/* PEP (XEP-0163): contacts' sensor data comes to those who advertise
 * "<node>+notify"; devices name the node after the namespace they publish,
 * and which spelling a device uses is its own affair — so every generation
 * is advertised. There is no way to take a feature back: it stays until
 * the XMPP protocol plugin goes (libpurple.md §3). */
static void
add_notify_features(void)
{
	PurplePlugin *jabber = purple_find_prpl("prpl-jabber");
	IotGeneration gen;
	gboolean ok;

	if (jabber == NULL)
		return;
	for (gen = IOT_GEN_UNKNOWN + 1; gen < IOT_GEN_COUNT; gen++) {
		const char *ns = iot_ns_for(gen, IOT_FUNC_SENSORDATA);
		char *feature;

		if (ns == NULL)
			continue;
		feature = g_strconcat(ns, "+notify", NULL);
		ok = FALSE;
		purple_plugin_ipc_call(jabber, "add_feature", &ok, feature);
		if (!ok)
			purple_debug_warning("xmpp-iot", "could not advertise %s\n", feature);
		g_free(feature);
	}
}

void
iot_purple_pubsub_open(PurpleAccount *account, const char *service)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();

	if (ui != NULL && ui->open_pubsub != NULL)
		ui->open_pubsub(account, service);
	else
		iot_purple_pubsub_finch_open(account, service);
}

void
iot_purple_pubsub_open_pep(PurpleAccount *account, const char *who)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();

	if (ui != NULL && ui->open_published != NULL)
		ui->open_published(account, who, NULL);
	else
		iot_purple_pubsub_finch_open(account, who);
}

/* ---- Tools → XMPP IoT → Publish-subscribe… ---------------------------------------------- */

static void
account_chosen(gpointer data, PurpleRequestFields *fields)
{
	PurpleAccount *account = purple_request_fields_get_account(fields, "account");

	if (account != NULL && purple_account_is_connected(account))
		iot_purple_pubsub_open(account, NULL);
}

static gboolean
is_online_xmpp(PurpleAccount *account)
{
	return g_strcmp0(purple_account_get_protocol_id(account), "prpl-jabber") == 0 &&
	       purple_account_is_connected(account);
}

static void
open_action(PurplePluginAction *action)
{
	GList *l, *online = NULL;
	PurpleRequestFields *fields;
	PurpleRequestFieldGroup *g;
	PurpleRequestField *f;

	for (l = purple_accounts_get_all_active(); l != NULL; l = g_list_delete_link(l, l))
		if (is_online_xmpp(l->data))
			online = g_list_append(online, l->data);
	if (online == NULL) {
		purple_notify_info(self, _("Publish-subscribe"), _("No XMPP account is online."), NULL);
		return;
	}
	if (online->next == NULL) {
		iot_purple_pubsub_open(online->data, NULL);
		g_list_free(online);
		return;
	}
	/* Several: ask which one. */
	fields = purple_request_fields_new();
	g = purple_request_field_group_new(NULL);
	f = purple_request_field_account_new("account", _("Account"), online->data);
	purple_request_field_account_set_filter(f, is_online_xmpp);
	purple_request_field_account_set_show_all(f, FALSE);
	purple_request_field_group_add_field(g, f);
	purple_request_fields_add_group(fields, g);
	purple_request_fields(self, _("Publish-subscribe"), _("Which account?"), NULL, fields, _("Open"),
	                      G_CALLBACK(account_chosen), _("Cancel"), NULL, NULL, NULL, NULL, NULL);
	g_list_free(online);
}

GList *
iot_purple_pubsub_actions(PurplePlugin *plugin, gpointer context)
{
	/* TRANSLATORS: plugin menu item (Tools → XMPP IoT). */
	return g_list_append(NULL, purple_plugin_action_new(_("Publish-subscribe…"), open_action));
}

/* ---- life -------------------------------------------------------------------------------- */

void
iot_purple_pubsub_load(PurplePlugin *plugin)
{
	GList *l;

	self = plugin;
	add_notify_features();
	iot_purple_pubsub_chat_register();
	/* Loaded while accounts are online: their sessions started without a
	 * sign-on (the store was not open yet). Check their subscriptions now. */
	for (l = purple_accounts_get_all_active(); l != NULL; l = g_list_delete_link(l, l))
		if (iot_purple_session_get(l->data) != NULL)
			iot_purple_pubsub_session_changed(l->data, TRUE);
}

void
iot_purple_pubsub_unload(void)
{
	iot_purple_pubsub_chat_unregister();
	iot_purple_pubsub_finch_close_all();
}
