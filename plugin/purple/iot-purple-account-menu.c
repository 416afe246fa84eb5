/* iot-purple-account-menu.c — the alerts in each XMPP account's menu. See
 * iot-purple-account-menu.h. */
#include "iot-purple-account-menu.h"

#include "iot-purple-alert.h"

#include <connection.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <plugin.h>
#include <prpl.h>

typedef GList *(*ActionsFunc)(PurplePlugin *plugin, gpointer context);

static struct {
	PurplePlugin *prpl;   /* the XMPP protocol plugin (libpurple's, never freed before quit) */
	ActionsFunc own;      /* its actions function, called first */
	gboolean wrapped;     /* our function sits in its info */
	gboolean adding;      /* we add our entries (FALSE after remove) */
} M;

static PurpleAccount *
action_account(PurplePluginAction *action)
{
	PurpleConnection *gc = action->context;

	/* The menu holds its actions while it is open; the account may have
	 * gone offline since. */
	if (gc == NULL || g_list_find(purple_connections_get_all(), gc) == NULL)
		return NULL;
	return purple_connection_get_account(gc);
}

static void
alerts_cb(PurplePluginAction *action)
{
	iot_purple_alert_open_inbox();
}

static void
rules_cb(PurplePluginAction *action)
{
	iot_purple_alert_open_rules(action_account(action), NULL);
}

static GList *
account_actions(PurplePlugin *plugin, gpointer context)
{
	GList *l = M.own != NULL ? M.own(plugin, context) : NULL;

	if (!M.adding)
		return l;
	if (l != NULL)
		l = g_list_append(l, NULL); /* a separator after the protocol's own */
	/* TRANSLATORS: entries of an XMPP account's menu (Accounts → the account). */
	l = g_list_append(l, purple_plugin_action_new(_("IoT Alerts…"), alerts_cb));
	l = g_list_append(l, purple_plugin_action_new(_("IoT Alert Rules…"), rules_cb));
	return l;
}

gboolean
iot_purple_account_menu_install(void)
{
	PurplePlugin *prpl = purple_find_prpl("prpl-jabber");

	if (prpl == NULL || prpl->info == NULL)
		return FALSE;
	M.adding = TRUE;
	if (M.wrapped && prpl == M.prpl)
		return TRUE;
	if (prpl->info->actions == account_actions) {
		/* Still ours from an earlier load that could not unwrap. */
		M.prpl = prpl;
		M.wrapped = TRUE;
		return TRUE;
	}
	M.prpl = prpl;
	M.own = prpl->info->actions;
	prpl->info->actions = account_actions;
	M.wrapped = TRUE;
	return TRUE;
}

void
iot_purple_account_menu_remove(void)
{
	M.adding = FALSE;
	if (!M.wrapped || M.prpl == NULL)
		return;
	if (M.prpl->info->actions == account_actions) {
		M.prpl->info->actions = M.own;
		M.wrapped = FALSE;
		M.own = NULL;
		M.prpl = NULL;
	} else {
		purple_debug_info("xmpp-iot", "account menu: another plugin wraps it too; ours stays silent\n");
	}
}
