/* iot-purple-alert-cmd.c — /alerts and /alert in a conversation. Every
 * device string goes through iot_purple_conv_write(), which escapes it. */
#include "iot-purple-alert-private.h"

#include "iot-alert-args.h"
#include "iot-jid.h"
#include "iot-purple-conv.h"
#include "iot-time.h"

#include <cmds.h>
#include <conversation.h>

#include <glib/gi18n-lib.h>

/* Entries /alerts lists at most (the numbers /alert ack and snooze take). */
#define LIST_MAX 50

static PurpleCmdId alerts_cmd, alert_cmd;

/* The entries /alerts numbers: the account's, newest first, not dismissed.
 * Returns: (transfer full) (element-type IotAlert). */
static GPtrArray *
numbered(PurpleAccount *account)
{
	IotAlertFilter f = { 0 };

	f.max = LIST_MAX;
	return iot_purple_alert_list(account, &f);
}

/* Returns: (transfer full): one line of /alerts, plain text. */
static char *
alert_line(guint n, const IotAlert *a, gint64 now)
{
	char *when = iot_time_format_local(a->last, now), *text = iot_alert_summary_text(a);
	GString *s = g_string_new(NULL);

	g_string_append_printf(s, "%u. %s · %s", n, when, a->source.thing);
	if (a->source.node != NULL)
		g_string_append_printf(s, "/%s", a->source.node);
	g_string_append_printf(s, " · %s · %s", iot_alert_severity_text(a->severity),
	                       iot_alert_state_text(a->state));
	if (a->count > 1 && a->origin != IOT_ALERT_ORIGIN_THROTTLED && a->origin != IOT_ALERT_ORIGIN_QUIET &&
	    !iot_alert_is_question(a)) /* a question says how often itself */
		/* TRANSLATORS: after an alert merged from several; %u: how many. */
		g_string_append_printf(s, _(" (×%u)"), a->count);
	g_string_append_printf(s, " · %s", text);
	if (a->cleared != 0) {
		char *c = iot_time_format_local(a->cleared, now);

		/* TRANSLATORS: after an alert whose value went back to normal; %s: when. */
		g_string_append_printf(s, _(" · cleared %s"), c);
		g_free(c);
	}
	g_free(when);
	g_free(text);
	return g_string_free(s, FALSE);
}

static PurpleCmdRet
alerts_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	GPtrArray *l = numbered(account);
	gint64 now = g_get_real_time();
	GString *out = g_string_new(NULL);
	char *title;
	guint i;

	if (l == NULL) {
		*error = g_markup_escape_text(_("Alerts are not available now."), -1);
		g_string_free(out, TRUE);
		return PURPLE_CMD_RET_FAILED;
	}
	for (i = 0; i < l->len; i++) {
		char *line = alert_line(i + 1, g_ptr_array_index(l, i), now);

		g_string_append_printf(out, "%s%s", i > 0 ? "\n" : "", line);
		g_free(line);
	}
	if (l->len == 0)
		g_string_append(out, _("No alerts."));
	/* TRANSLATORS: title of /alerts; %u: the unread count. */
	title = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Alerts (%u unread)", "Alerts (%u unread)", iot_purple_alert_unread(account)),
	                        iot_purple_alert_unread(account));
	iot_purple_conv_write(account, purple_conversation_get_name(conv), title, out->str, FALSE);
	g_free(title);
	g_string_free(out, TRUE);
	g_ptr_array_unref(l);
	return PURPLE_CMD_RET_OK;
}

/* Returns: (transfer full): the rules of this thing, numbered, in words. */
static char *
rules_text(GPtrArray *rules)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < rules->len; i++) {
		const IotAlertRule *r = g_ptr_array_index(rules, i);
		char *d = iot_alert_rule_describe(r);
		gboolean active = FALSE;
		IotAlertSeverity sev = IOT_ALERT_INFO;

		iot_purple_alert_rule_level(r->id, &active, &sev);
		g_string_append_printf(s, "%s%u. %s", i > 0 ? "\n" : "", i + 1, d);
		if (active)
			/* TRANSLATORS: after a rule that is firing now; %s: "Alarm". */
			g_string_append_printf(s, _(" — now: %s"), iot_alert_severity_text(sev));
		if (r->disabled)
			g_string_append(s, _(" (off)"));
		g_free(d);
	}
	if (rules->len == 0)
		g_string_append(s, _("No rules on this thing. /alert add <field> <op> <value> makes one."));
	return g_string_free(s, FALSE);
}

static void
say(PurpleConversation *conv, const char *title, const char *text)
{
	iot_purple_conv_write(purple_conversation_get_account(conv), purple_conversation_get_name(conv), title, text,
	                      FALSE);
}

/* The entry /alert ack without a number means: the newest open one of @thing. */
static guint64
newest_open_of(PurpleAccount *account, const char *thing)
{
	IotAlertFilter f = { 0 };
	GPtrArray *l;
	guint64 id = 0;

	f.thing = thing;
	f.states = (1u << IOT_ALERT_NEW) | (1u << IOT_ALERT_READ) | (1u << IOT_ALERT_SNOOZED);
	f.max = 1;
	l = iot_purple_alert_list(account, &f);
	if (l != NULL && l->len > 0)
		id = ((const IotAlert *)g_ptr_array_index(l, 0))->id;
	if (l != NULL)
		g_ptr_array_unref(l);
	return id;
}

static PurpleCmdRet
alert_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	char *thing = iot_jid_bare(purple_conversation_get_name(conv)), *text = NULL;
	IotAlertCommand *c;
	GError *perr = NULL;
	GPtrArray *l;
	guint64 id;

	if (thing == NULL || iot_purple_alert_inbox() == NULL) {
		*error = g_markup_escape_text(_("Alerts are not available now."), -1);
		g_free(thing);
		return PURPLE_CMD_RET_FAILED;
	}
	c = iot_alert_args_parse(args && args[0] ? args[0] : "", &perr);
	if (c == NULL) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		g_free(thing);
		return PURPLE_CMD_RET_FAILED;
	}
	switch (c->kind) {
	case IOT_ALERT_CMD_ADD: {
		guint rid;

		iot_alert_rule_set_target(c->rule, NULL, thing, c->rule->node, c->rule->field);
		rid = iot_purple_alert_rule_add(account, c->rule, &perr);
		if (rid == 0) {
			*error = g_markup_escape_text(perr->message, -1);
			g_error_free(perr);
			break;
		} else {
			IotAlertRule *r = iot_purple_alert_rule_get(rid);
			char *d = iot_alert_rule_describe(r);

			/* TRANSLATORS: after /alert add; %s: the rule in words, %s: the thing. */
			text = g_strdup_printf(_("Rule added: %s on %s. Every value that arrives is checked."), d,
			                       thing);
			g_free(d);
			iot_alert_rule_free(r);
		}
		break;
	}
	case IOT_ALERT_CMD_LIST:
		l = iot_purple_alert_rules(account, thing);
		text = rules_text(l);
		g_ptr_array_unref(l);
		/* TRANSLATORS: title of /alert list; %s: the thing. */
		{
			char *title = g_strdup_printf(_("Alert rules of %s"), thing);

			say(conv, title, text);
			g_free(title);
			g_clear_pointer(&text, g_free);
		}
		break;
	case IOT_ALERT_CMD_DEL:
		l = iot_purple_alert_rules(account, thing);
		if (c->n > l->len) {
			*error = g_strdup_printf(_("There is no rule %u: /alert list shows %u."), c->n, l->len);
		} else {
			char *d = iot_alert_rule_describe(g_ptr_array_index(l, c->n - 1));

			iot_purple_alert_rule_delete(((const IotAlertRule *)g_ptr_array_index(l, c->n - 1))->id);
			text = g_strdup_printf(_("Rule deleted: %s."), d);
			g_free(d);
		}
		g_ptr_array_unref(l);
		break;
	case IOT_ALERT_CMD_ACK:
		if (c->all) {
			guint n = iot_purple_alert_acknowledge_all(account);

			text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u alert acknowledged.", "%u alerts acknowledged.", n), n);
			break;
		}
		if (c->n == 0) {
			id = newest_open_of(account, thing);
			if (id == 0) {
				*error = g_markup_escape_text(_("This thing has no open alert."), -1);
				break;
			}
		} else {
			l = numbered(account);
			id = c->n <= l->len ? ((const IotAlert *)g_ptr_array_index(l, c->n - 1))->id : 0;
			if (id == 0)
				*error = g_strdup_printf(_("There is no alert %u: /alerts shows %u."), c->n, l->len);
			g_ptr_array_unref(l);
			if (id == 0)
				break;
		}
		iot_purple_alert_acknowledge(&id, 1);
		text = g_strdup(_("Acknowledged."));
		break;
	case IOT_ALERT_CMD_SNOOZE:
		l = numbered(account);
		id = c->n <= l->len ? ((const IotAlert *)g_ptr_array_index(l, c->n - 1))->id : 0;
		if (id == 0) {
			*error = g_strdup_printf(_("There is no alert %u: /alerts shows %u."), c->n, l->len);
		} else if (iot_purple_alert_snooze(&id, 1, g_get_real_time() + (gint64)c->seconds * G_USEC_PER_SEC) ==
		           0) {
			*error = g_markup_escape_text(_("That alert is not open: only open alerts can be snoozed."), -1);
		} else {
			char *d = iot_alert_format_duration(c->seconds);

			/* TRANSLATORS: after /alert snooze; %u: the alert's number, %s: "1 h". */
			text = g_strdup_printf(_("Alert %u snoozed for %s."), c->n, d);
			g_free(d);
		}
		g_ptr_array_unref(l);
		break;
	}
	if (text != NULL)
		say(conv, NULL, text);
	g_free(text);
	g_free(thing);
	iot_alert_command_free(c);
	return *error != NULL ? PURPLE_CMD_RET_FAILED : PURPLE_CMD_RET_OK;
}

void
iot_purple_alert_cmd_register(void)
{
	alerts_cmd = purple_cmd_register(
	    "alerts", "", PURPLE_CMD_P_PLUGIN,
	    PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY | PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS, "prpl-jabber",
	    alerts_cb,
	    _("alerts: the alert inbox of this account, newest first: time, source, severity, state and "
	      "text, with the count when merged. The numbers are those /alert ack and /alert snooze take."),
	    NULL);
	alert_cmd = purple_cmd_register("alert", "s", PURPLE_CMD_P_PLUGIN,
	                                PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY |
	                                    PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS,
	                                "prpl-jabber", alert_cb, iot_alert_args_usage(), NULL);
}

void
iot_purple_alert_cmd_unregister(void)
{
	if (alerts_cmd != 0)
		purple_cmd_unregister(alerts_cmd);
	if (alert_cmd != 0)
		purple_cmd_unregister(alert_cmd);
	alerts_cmd = alert_cmd = 0;
}
