/*
 * iot-gtk-things-alert.c — the alert windows tied to the adapter
 * (iot-purple-alert.h): the inbox window, the rules dialog and the one
 * notice, kept up to date by the adapter's coalesced change hook; a thing's
 * row in the buddy list redrawn when its active alert or pinned values
 * change, drawn through Pidgin's "drawing-buddy" signal. See
 * iot-gtk-things-alert.h.
 */
#include "iot-gtk-things-alert.h"

#include "iot-gtk-alert-blist.h"
#include "iot-gtk-alert-rules.h"
#include "iot-gtk-alert.h"
#include "iot-error.h"
#include "iot-purple-alert.h"
#include "iot-purple-history.h"
#include "iot-purple-session.h"
#include "iot-purple-things.h"
#include "iot-store-history.h"

#include <blist.h>
#include <core.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <gtkblist.h>
#include <notify.h>
#include <string.h>

static struct {
	IotGtkAlertInbox *inbox;
	IotGtkAlertRules *rules;
	IotGtkAlertNotice *notice;
	guint hook;
	guint64 told_id;      /* the entry the notice last showed */
	PurplePlugin *plugin;
	gboolean loaded, quitting;
} G;

/* Every state, dismissed included: the window filters itself. */
static const IotAlertFilter all_states = { .states = (1u << IOT_ALERT_STATE_COUNT) - 1 };

/* ---- names -------------------------------------------------------------------------- */

static char *
display_name(const char *account_jid, const char *thing, gpointer data)
{
	PurpleAccount *account = iot_purple_alert_account(account_jid);
	PurpleBuddy *b = account != NULL && thing != NULL ? purple_find_buddy(account, thing) : NULL;
	const char *alias = b != NULL ? purple_buddy_get_contact_alias(b) : NULL;

	return alias != NULL && g_strcmp0(alias, thing) != 0 ? g_strdup(alias) : NULL;
}

/* ---- the inbox window ----------------------------------------------------------------- */

static void
refresh_inbox(void)
{
	GPtrArray *list;

	if (G.inbox == NULL)
		return;
	list = iot_purple_alert_list(NULL, &all_states);
	iot_gtk_alert_inbox_set_alerts(G.inbox, list);
	if (list != NULL)
		g_ptr_array_unref(list);
}

static void
acknowledge(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer data)
{
	purple_debug_info("xmpp-iot", "alerts window: acknowledged %u of %u\n", iot_purple_alert_acknowledge(ids, n), n);
	refresh_inbox();
}

static void
snooze(IotGtkAlertInbox *win, const guint64 *ids, guint n, gint64 until, gpointer data)
{
	purple_debug_info("xmpp-iot", "alerts window: snoozed %u of %u\n", iot_purple_alert_snooze(ids, n, until), n);
	refresh_inbox();
}

static void
dismiss(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer data)
{
	purple_debug_info("xmpp-iot", "alerts window: dismissed %u of %u\n", iot_purple_alert_dismiss(ids, n), n);
	refresh_inbox();
}

static void
mark_read(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer data)
{
	iot_purple_alert_mark_read(ids, n);
	refresh_inbox();
}

static void
acknowledge_source(IotGtkAlertInbox *win, const char *account, const char *thing, gpointer data)
{
	PurpleAccount *acc = iot_purple_alert_account(account);

	/* An account that is not connected now: the thing's entries on any account. */
	purple_debug_info("xmpp-iot", "alerts window: acknowledged %u from %s\n",
	                  iot_purple_alert_acknowledge_source(acc, thing), thing);
	refresh_inbox();
}

static void
mute(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer data)
{
	guint i;

	for (i = 0; i < n; i++) {
		IotAlert *a = iot_purple_alert_get(ids[i]);

		if (a != NULL && a->origin == IOT_ALERT_ORIGIN_RULE)
			iot_purple_alert_rule_mute(a->rule_id);
		iot_alert_free(a);
	}
	refresh_inbox();
}

static gboolean
rule_latched(guint rule_id, gpointer data)
{
	IotAlertRule *r = iot_purple_alert_rule_get(rule_id);
	gboolean latched = r != NULL && r->latched;

	iot_alert_rule_free(r);
	return latched;
}

static void
inbox_open_rules(IotGtkAlertInbox *win, gpointer data)
{
	iot_purple_alert_open_rules(NULL, NULL);
}

static void
inbox_closed(IotGtkAlertInbox *win, gpointer data)
{
	purple_debug_info("xmpp-iot", "alerts window closed\n");
	if (G.inbox == win)
		G.inbox = NULL;
}

static GPtrArray *
question_choices(IotGtkAlertInbox *win, guint64 id, gpointer data)
{
	GPtrArray *l = iot_purple_alert_question_choices(id);

	if (l != NULL)
		purple_debug_info("xmpp-iot", "alerts window: question %" G_GUINT64_FORMAT " with %u answers\n", id, l->len);
	return l;
}

static void
answered(const GError *error, gpointer data)
{
	if (error != NULL && !g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
		purple_notify_error(NULL, _("Owner question"), _("The answer was not accepted."), error->message);
}

static void
answer(IotGtkAlertInbox *win, guint64 id, guint choice, gpointer data)
{
	if (iot_purple_alert_question_answer(id, choice, answered, NULL, NULL) == 0)
		purple_notify_info(NULL, _("Owner question"), _("This question is no longer pending."),
		                   _("It was answered already, here or on another client."));
}

static void
answer_with_limits(IotGtkAlertInbox *win, guint64 id, gpointer data)
{
	iot_purple_alert_question_open(id);
}

static void
open_alerts(void)
{
	static const IotGtkAlertOps ops = {
		.acknowledge = acknowledge,
		.snooze = snooze,
		.dismiss = dismiss,
		.mark_read = mark_read,
		.acknowledge_source = acknowledge_source,
		.mute = mute,
		.rule_latched = rule_latched,
		.display_name = display_name,
		.open_rules = inbox_open_rules,
		.on_closed = inbox_closed,
		.question_choices = question_choices,
		.answer = answer,
		.answer_with_limits = answer_with_limits,
	};

	if (!G.loaded)
		return;
	if (G.inbox == NULL) {
		G.inbox = iot_gtk_alert_inbox_new(&ops, NULL);
		refresh_inbox();
		iot_gtk_alert_inbox_flush(G.inbox);
		purple_debug_info("xmpp-iot", "alerts window: %u entries, %u unread\n", iot_gtk_alert_inbox_count(G.inbox),
		                  iot_gtk_alert_inbox_unread(G.inbox));
	}
	gtk_window_present(GTK_WINDOW(iot_gtk_alert_inbox_get_window(G.inbox)));
}

/* ---- the rules dialog ----------------------------------------------------------------- */

static void
refresh_rules(void)
{
	GPtrArray *rules;

	if (G.rules == NULL)
		return;
	rules = iot_purple_alert_rules(NULL, NULL);
	iot_gtk_alert_rules_set_rules(G.rules, rules);
	if (rules != NULL)
		g_ptr_array_unref(rules);
}

static GPtrArray *
list_things(gpointer data)
{
	GPtrArray *things = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_alert_thing_free);
	GList *accounts = purple_accounts_get_all_active(), *l;

	for (l = accounts; l != NULL; l = l->next) {
		PurpleAccount *account = l->data;
		IotPurpleSession *s = iot_purple_session_get(account);
		GSList *buddies, *b;
		char *account_jid;

		if (s == NULL)
			continue;
		account_jid = g_strdup(purple_normalize(account, purple_account_get_username(account)));
		if (strchr(account_jid, '/') != NULL)
			*strchr(account_jid, '/') = '\0';
		buddies = purple_find_buddies(account, NULL);
		for (b = buddies; b != NULL; b = b->next) {
			const char *jid = purple_buddy_get_name(b->data);

			if (iot_purple_things_is_thing(s, jid))
				g_ptr_array_add(things, iot_gtk_alert_thing_new(account_jid, jid,
				                                                purple_buddy_get_contact_alias(b->data)));
		}
		g_slist_free(buddies);
		g_free(account_jid);
	}
	g_list_free(accounts);
	return things;
}

static GPtrArray *
list_fields(const char *account_jid, const char *thing, const char *node, gpointer data)
{
	PurpleAccount *account = iot_purple_alert_account(account_jid);
	GPtrArray *latest = account != NULL ? iot_purple_history_latest(account, thing) : NULL;
	GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
	guint i;

	for (i = 0; latest != NULL && i < latest->len; i++) {
		const IotStoreSeries *series = g_ptr_array_index(latest, i);

		g_ptr_array_add(fields, g_strdup(series->name));
	}
	if (latest != NULL)
		g_ptr_array_unref(latest);
	return fields;
}

static guint
save_rule(IotGtkAlertRules *win, const IotAlertRule *rule, GError **error, gpointer data)
{
	PurpleAccount *account;
	guint id;

	if (rule->id != 0) {
		id = iot_purple_alert_rule_edit(rule->id, rule, error) ? rule->id : 0;
	} else if ((account = iot_purple_alert_account(rule->account)) == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
		                    _("The rule's account is not connected."));
		id = 0;
	} else {
		id = iot_purple_alert_rule_add(account, rule, error);
	}
	purple_debug_info("xmpp-iot", "rules dialog: saved rule %u on %s\n", id, rule->thing);
	refresh_rules();
	return id;
}

static void
delete_rule(IotGtkAlertRules *win, guint id, gpointer data)
{
	iot_purple_alert_rule_delete(id);
	refresh_rules();
}

static char **
get_pinned(const char *account_jid, const char *thing, gpointer data)
{
	PurpleAccount *account = iot_purple_alert_account(account_jid);

	return account != NULL ? iot_purple_alert_pinned(account, thing) : NULL;
}

static void
set_pinned(const char *account_jid, const char *thing, const char *const *fields, gpointer data)
{
	PurpleAccount *account = iot_purple_alert_account(account_jid);

	if (account != NULL)
		iot_purple_alert_set_pinned(account, thing, fields);
	purple_debug_info("xmpp-iot", "pinned values of %s: %u\n", thing, fields ? g_strv_length((char **)fields) : 0);
}

static void
rules_closed(IotGtkAlertRules *win, gpointer data)
{
	if (G.rules == win)
		G.rules = NULL;
}

static void
open_rules(PurpleAccount *account, const char *thing)
{
	static const IotGtkAlertRulesOps ops = {
		.list_things = list_things,
		.list_fields = list_fields,
		.save_rule = save_rule,
		.delete_rule = delete_rule,
		.display_name = display_name,
		.get_pinned = get_pinned,
		.set_pinned = set_pinned,
		.on_closed = rules_closed,
	};

	if (!G.loaded)
		return;
	if (G.rules == NULL) {
		G.rules = iot_gtk_alert_rules_new(&ops, NULL);
		refresh_rules();
	}
	if (thing != NULL && account != NULL) {
		char *account_jid = g_strdup(purple_normalize(account, purple_account_get_username(account)));

		if (strchr(account_jid, '/') != NULL)
			*strchr(account_jid, '/') = '\0';
		iot_gtk_alert_rules_set_target(G.rules, account_jid, thing);
		g_free(account_jid);
	}
	gtk_window_present(GTK_WINDOW(iot_gtk_alert_rules_get_window(G.rules)));
}

/* ---- the notice -------------------------------------------------------------------------- */

static void
notice_open(IotGtkAlertNotice *notice, gpointer data)
{
	iot_purple_alert_open_inbox();
}

static void
notice_acknowledge(IotGtkAlertNotice *notice, guint64 id, gpointer data)
{
	iot_purple_alert_acknowledge(&id, 1);
	refresh_inbox();
}

static void
notice_closed(IotGtkAlertNotice *notice, gpointer data)
{
	purple_debug_info("xmpp-iot", "alert notice closed\n");
	if (G.notice == notice)
		G.notice = NULL;
}

/* A new entry shows the notice (again); a notice still shown is updated in
 * place (the count, a merged entry's count); one the person closed stays
 * closed until something new arrives. */
static void
notice(const IotPurpleAlertNotice *n)
{
	static const IotGtkAlertNoticeOps ops = {
		.open_inbox = notice_open,
		.acknowledge = notice_acknowledge,
		.on_closed = notice_closed,
	};
	IotAlert *a;

	if (!G.loaded)
		return;
	if (n->unread == 0 || n->newest_id == 0) {
		if (G.notice != NULL)
			iot_gtk_alert_notice_set_unread(G.notice, 0);
		return;
	}
	if (G.notice == NULL)
		G.notice = iot_gtk_alert_notice_new(&ops, NULL);
	iot_gtk_alert_notice_set_questions(G.notice, n->questions);
	if (n->newest_id == G.told_id && !gtk_widget_get_visible(iot_gtk_alert_notice_get_window(G.notice))) {
		iot_gtk_alert_notice_set_unread(G.notice, n->unread);
		return;
	}
	a = iot_purple_alert_get(n->newest_id);
	if (a != NULL) {
		char *name = display_name(a->source.account, a->source.thing, NULL);

		G.told_id = n->newest_id;
		iot_gtk_alert_notice_show(G.notice, a, name, n->unread);
		purple_debug_info("xmpp-iot", "alert notice: %u unread, newest from %s (shown %u times)\n", n->unread,
		                  a->source.thing, iot_gtk_alert_notice_get_updates(G.notice));
		g_free(name);
	}
	iot_alert_free(a);
}

/* ---- the buddy list ----------------------------------------------------------------------- */

static void
redraw_thing(PurpleAccount *account, const char *thing)
{
	PurpleBlistUiOps *ops = purple_blist_get_ui_ops();
	GSList *buddies, *b;

	if (ops == NULL || ops->update == NULL || account == NULL || thing == NULL)
		return;
	buddies = purple_find_buddies(account, thing);
	for (b = buddies; b != NULL; b = b->next)
		ops->update(purple_get_blist(), (PurpleBlistNode *)b->data);
	g_slist_free(buddies);
}

static void
changed(guint what, const IotPurpleAlertThing *things, guint n_things, gpointer data)
{
	guint i;

	if (what & IOT_PURPLE_ALERT_CHANGED_INBOX)
		refresh_inbox();
	if (what & IOT_PURPLE_ALERT_CHANGED_RULES)
		refresh_rules();
	for (i = 0; i < n_things; i++)
		redraw_thing(things[i].account, things[i].thing);
}

/* Pidgin asks for a buddy's name as markup: a thing with an active alert
 * gets the marker, one with pinned values their line. */
static char *
drawing_buddy(PurpleBuddy *buddy, gpointer data)
{
	PurpleAccount *account = purple_buddy_get_account(buddy);
	const char *jid = purple_buddy_get_name(buddy);
	IotAlertSeverity severity = IOT_ALERT_INFO;
	gboolean active;
	char *pinned, *markup;

	if (!G.loaded || iot_purple_session_get(account) == NULL)
		return NULL;
	active = iot_purple_alert_thing_active(account, jid, &severity);
	pinned = iot_purple_alert_pinned_line(account, jid);
	markup = iot_gtk_alert_blist_markup(purple_buddy_get_contact_alias(buddy), active, severity, pinned);
	if (markup != NULL)
		purple_debug_misc("xmpp-iot", "buddy list: %s drawn with%s alert marker%s%s\n", jid, active ? "" : "out",
		                  pinned ? ", pinned: " : "", pinned ? pinned : "");
	g_free(pinned);
	return markup;
}

/* ---- life ---------------------------------------------------------------------------------- */

void
iot_gtk_things_alert_fill_ui_ops(IotUiOps *ops)
{
	ops->open_alerts = open_alerts;
	ops->open_rules = open_rules;
	ops->notice = notice;
}

static void
quitting(gpointer data)
{
	G.quitting = TRUE;
}

void
iot_gtk_things_alert_load(PurplePlugin *plugin)
{
	G.loaded = TRUE;
	G.quitting = FALSE;
	G.plugin = plugin;
	G.hook = iot_purple_alert_connect(changed, NULL, NULL);
	purple_signal_connect(pidgin_blist_get_handle(), "drawing-buddy", plugin, PURPLE_CALLBACK(drawing_buddy), NULL);
	purple_signal_connect(purple_get_core(), "quitting", plugin, PURPLE_CALLBACK(quitting), NULL);
}

void
iot_gtk_things_alert_close(void)
{
	G.loaded = FALSE;
	if (G.hook != 0)
		iot_purple_alert_disconnect(G.hook);
	G.hook = 0;
	iot_gtk_alert_inbox_destroy(G.inbox);
	iot_gtk_alert_rules_destroy(G.rules);
	iot_gtk_alert_notice_destroy(G.notice);
	G.inbox = NULL;
	G.rules = NULL;
	G.notice = NULL;
	G.told_id = 0;
	if (G.plugin != NULL) {
		purple_signal_disconnect(pidgin_blist_get_handle(), "drawing-buddy", G.plugin,
		                         PURPLE_CALLBACK(drawing_buddy));
		/* Markers and pinned lines go with the plugin. */
		if (!G.quitting && purple_get_blist() != NULL && pidgin_blist_get_default_gtk_blist() != NULL)
			pidgin_blist_refresh(purple_get_blist());
	}
	G.plugin = NULL;
}
