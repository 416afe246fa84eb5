/* iot-purple-alert-notice.c — being told without being interrupted: the
 * one notice (the UI's, or a single purple_notify_formatted() that is
 * replaced), a sound, a line in the thing's conversation; and opening the
 * inbox and the rules. See iot-purple-alert.h. */
#include "iot-purple-alert-private.h"

#include "iot-purple-conv.h"
#include "iot-purple-ui.h"

#include <conversation.h>
#include <notify.h>
#include <prefs.h>
#include <sound.h>

#include <glib/gi18n-lib.h>

#define A iot_purple_alert_state

/* ---- the notice, sound and conversation lines ----------------------------------------- */

/* One line per told alert in the thing's open conversation (a preference):
 * the device's text escaped. Never opens a conversation. */
static void
write_conv_lines(void)
{
	guint64 *id;

	while ((id = g_queue_pop_head(&A.told)) != NULL) {
		const IotAlert *a = iot_alert_inbox_get(A.inbox, *id);
		PurpleAccount *account = a != NULL ? iot_purple_alert_account(a->source.account) : NULL;

		if (account != NULL && purple_prefs_get_bool(IOT_PURPLE_ALERT_CONV_PREF) &&
		    purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, a->source.thing, account) != NULL) {
			char *text = iot_alert_summary_text(a);
			/* TRANSLATORS: a line in a thing's conversation when an alert of it
			 * arrives; %s is its severity ("Warning"), %s its text. */
			char *line = g_strdup_printf(_("Alert (%s): %s"), iot_alert_severity_text(a->severity), text);

			iot_purple_conv_write(account, a->source.thing, NULL, line, FALSE);
			g_free(line);
			g_free(text);
		}
		g_free(id);
	}
}

/* The fallback notice is replaced at most this often (µs): Finch shows each
 * replacement as a new window. */
#define FALLBACK_MIN_INTERVAL (5 * G_USEC_PER_SEC)

static gint64 last_sound;

static gboolean
fallback_again(gpointer unused)
{
	A.fallback_timer = 0;
	A.notice_due = TRUE;
	iot_purple_alert_notice_update();
	return FALSE;
}

static void
fallback_closed(gpointer unused)
{
	A.fallback_notice = NULL;
}

char *
iot_purple_alert_notice_title(guint unread, guint questions)
{
	char *alerts, *qs, *t;

	if (questions == 0)
		/* TRANSLATORS: the notice's title: how many alerts are unread. */
		return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u unread alert", "%u unread alerts", unread), unread);
	if (questions >= unread)
		/* TRANSLATORS: the notice's title when all that is unread are owner questions. */
		return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u question to answer", "%u questions to answer",
		                                   questions), questions);
	alerts = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u unread alert", "%u unread alerts", unread - questions),
	                         unread - questions);
	qs = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u question to answer", "%u questions to answer", questions),
	                     questions);
	/* TRANSLATORS: the notice's title: "2 unread alerts, 1 question to answer". */
	t = g_strdup_printf(_("%s, %s"), alerts, qs);
	g_free(alerts);
	g_free(qs);
	return t;
}

void
iot_purple_alert_notice_update(void)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	IotPurpleAlertNotice n = { 0 };
	const IotAlert *newest;
	char *source = NULL, *text = NULL;
	gboolean told = A.notice_due;
	GPtrArray *l;
	IotAlertFilter f = { 0 };
	guint i;

	A.notice_due = FALSE;
	write_conv_lines();
	/* One sound for a burst, not one per alert. */
	if (A.sound_due && purple_prefs_get_bool(IOT_PURPLE_ALERT_SOUND_PREF) &&
	    (last_sound == 0 || g_get_monotonic_time() - last_sound >= FALLBACK_MIN_INTERVAL)) {
		purple_sound_play_event(PURPLE_SOUND_POUNCE_DEFAULT, NULL);
		last_sound = g_get_monotonic_time();
	}
	A.sound_due = FALSE;
	n.unread = iot_alert_inbox_unread(A.inbox);
	f.states = 1u << IOT_ALERT_NEW;
	l = iot_alert_inbox_list(A.inbox, &f);
	for (i = 0; i < l->len; i++) {
		const IotAlert *a = g_ptr_array_index(l, i);

		if (a->deferred_until != 0)
			continue;
		n.severity = iot_alert_severity_louder(n.severity, a->severity);
		n.questions += iot_alert_is_question(a);
	}
	g_ptr_array_unref(l);
	newest = A.newest_id != 0 ? iot_alert_inbox_get(A.inbox, A.newest_id) : NULL;
	if (newest != NULL) {
		n.newest_id = newest->id;
		source = newest->source.node != NULL
		             ? g_strdup_printf("%s/%s", newest->source.thing, newest->source.node)
		             : g_strdup(newest->source.thing);
		text = iot_alert_summary_text(newest);
		n.newest_source = source;
		n.newest_text = text;
	}
	if (ui != NULL && ui->notice != NULL) {
		ui->notice(&n);
	} else if (n.unread == 0) {
		if (A.fallback_notice != NULL)
			purple_notify_close(PURPLE_NOTIFY_FORMATTED, A.fallback_notice);
		A.fallback_notice = NULL;
	} else if (A.fallback_notice != NULL && g_get_monotonic_time() - A.fallback_at < FALLBACK_MIN_INTERVAL) {
		/* Replaced a moment ago: once more when the interval is over. */
		if (A.fallback_timer == 0)
			A.fallback_timer = g_timeout_add(
			    (guint)((FALLBACK_MIN_INTERVAL - (g_get_monotonic_time() - A.fallback_at)) / 1000 + 1),
			    fallback_again, NULL);
	} else if (told || A.fallback_notice != NULL) {
		/* One notice, replaced: never one per alert. */
		char *esc_src = iot_purple_conv_html(source != NULL ? source : "");
		char *esc_text = iot_purple_conv_html(text != NULL ? text : "");
		char *primary = iot_purple_alert_notice_title(n.unread, n.questions);
		/* TRANSLATORS: the alert notice; %s the thing, %s the newest alert's
		 * text, then where the inbox is. */
		char *body = g_strdup_printf(_("Newest from %s: %s<br>Tools → XMPP IoT → Alerts… shows them all."),
		                             esc_src, esc_text);

		if (A.fallback_notice != NULL)
			purple_notify_close(PURPLE_NOTIFY_FORMATTED, A.fallback_notice);
		A.fallback_notice = purple_notify_formatted(A.plugin, _("Alerts"), primary, NULL, body,
		                                            fallback_closed, NULL);
		A.fallback_at = g_get_monotonic_time();
		g_free(esc_src);
		g_free(esc_text);
		g_free(primary);
		g_free(body);
	}
	g_free(source);
	g_free(text);
}

void
iot_purple_alert_open_inbox(void)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();

	if (!A.loaded)
		return;
	if (ui != NULL && ui->open_alerts != NULL)
		ui->open_alerts();
	else
		iot_purple_alert_finch_open_inbox();
}

void
iot_purple_alert_open_rules(PurpleAccount *account, const char *thing)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();

	if (!A.loaded)
		return;
	if (ui != NULL && ui->open_rules != NULL)
		ui->open_rules(account, thing);
	else
		iot_purple_alert_finch_open_rules(account, thing);
}

