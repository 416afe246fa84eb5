/* iot-gtk-pidgin.c — Pidgin glue: UI operations, device text in conversations and
 * tooltips. See iot-gtk-pidgin.h. */
#include "iot-gtk-pidgin.h"

#include "iot-gtk-things-alert.h"
#include "iot-gtk-things-concentrator.h"
#include "iot-gtk-things-pubsub.h"
#include "iot-gtk-things-registry.h"
#include "iot-gtk-things-control.h"
#include "iot-format.h"
#include "iot-gtk-things.h"
#include "iot-purple-history.h"
#include "iot-purple-session.h"
#include "iot-purple-things.h"
#include "iot-purple-ui.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <gtkblist.h>
#include <gtkconv.h>
#include <gtkimhtml.h>
#include <math.h>
#include <time.h>

/* Lines a tooltip gets: enough to recognise the thing, not a readout. */
#define TOOLTIP_VALUES 4
/* Characters of a text value a tooltip shows. */
#define TOOLTIP_VALUE_CHARS 40

static void
history_changed(PurpleAccount *account, const char *thing, gpointer data)
{
	iot_gtk_things_history_changed(account, thing);
	iot_gtk_things_pubsub_history_changed(account, thing);
}

static void
session_changed(PurpleAccount *account, gboolean online)
{
	iot_gtk_things_session_changed(account, online);
	iot_gtk_things_control_session_changed(account, online);
	iot_gtk_things_conc_session_changed(account, online);
	iot_gtk_things_pubsub_session_changed(account, online);
	iot_gtk_things_registry_session_changed(account, online);
}

static void
shutdown(void)
{
	iot_gtk_things_close_all();
	iot_gtk_things_control_close_all();
	iot_gtk_things_conc_close(NULL);
	iot_gtk_things_pubsub_close_all();
	iot_gtk_things_registry_unwatch_questions();
	iot_gtk_things_registry_close_all();
	iot_gtk_things_alert_close();
}

/* Pidgin's conversation view (GtkIMHtml) looks for smileys and for "http://",
 * "mailto:" … in the text of every message it shows, whatever
 * PURPLE_MESSAGE_NO_LINKIFY says: ":P" would become a picture and
 * "http://x.example" a link. Its own switches for both are off while it shows
 * this one message, so a smiley's code stays text; the text itself is left
 * alone. Pidgin writes within the call: the view is as before when it returns. */
static void
write_verbatim(PurpleConversation *conv, const char *html, PurpleMessageFlags flags)
{
	GtkIMHtmlButtons functions;
	GtkIMHtml *view;

	if (!PIDGIN_IS_PIDGIN_CONVERSATION(conv) || PIDGIN_CONVERSATION(conv)->imhtml == NULL) {
		purple_conversation_write(conv, NULL, html, flags, time(NULL));
		return;
	}
	view = g_object_ref(GTK_IMHTML(PIDGIN_CONVERSATION(conv)->imhtml));
	functions = gtk_imhtml_get_format_functions(view);
	gtk_imhtml_set_format_functions(view, functions & ~(GTK_IMHTML_SMILEY | GTK_IMHTML_LINK));
	purple_conversation_write(conv, NULL, html, flags, time(NULL));
	gtk_imhtml_set_format_functions(view, functions);
	g_object_unref(view);
}

static IotUiOps ui_ops = {
	.open_readout = iot_gtk_things_open,
	.open_control = iot_gtk_things_control_open,
	.open_control_log = iot_gtk_things_control_open_log,
	.open_concentrator = iot_gtk_things_conc_open,
	.session_changed = session_changed,
	.shutdown = shutdown,
	.write_verbatim = write_verbatim,
	.open_pubsub = iot_gtk_things_pubsub_open,
	.open_published = iot_gtk_things_pubsub_open_published,
	.ask_approval = iot_gtk_things_pubsub_ask_approval,
	.open_claim = iot_gtk_things_registry_open_claim,
	.open_my_things = iot_gtk_things_registry_open_my_things,
	.open_registry_search = iot_gtk_things_registry_open_search,
	.open_question = iot_gtk_things_registry_open_question,
};

static char *
age_text(gint64 then_us)
{
	gint64 s = (g_get_real_time() - then_us) / G_USEC_PER_SEC;

	if (s < 60)
		return g_strdup(_("just now"));
	if (s < 3600)
		return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%d min ago", "%d min ago", (int)(s / 60)), (int)(s / 60));
	if (s < 86400)
		return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%d h ago", "%d h ago", (int)(s / 3600)), (int)(s / 3600));
	return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%d day ago", "%d days ago", (int)(s / 86400)), (int)(s / 86400));
}

/* Pidgin's tooltip text is Pango markup: every name, unit and value is
 * escaped. The latest values come from the store (values not written yet
 * included): the thing's fields in the order first seen. */
static void
tooltip_cb(PurpleBlistNode *node, GString *text, gboolean full, gpointer data)
{
	PurpleBuddy *buddy;
	PurpleAccount *account;
	IotPurpleSession *s;
	GPtrArray *latest;
	guint i, shown = 0;

	if (!PURPLE_BLIST_NODE_IS_BUDDY(node))
		return;
	buddy = (PurpleBuddy *)node;
	account = purple_buddy_get_account(buddy);
	s = iot_purple_session_get(account);
	if (s == NULL || !iot_purple_things_is_thing(s, purple_buddy_get_name(buddy)))
		return;
	latest = iot_purple_history_latest(account, purple_buddy_get_name(buddy));
	for (i = 0; latest != NULL && i < latest->len && shown < TOOLTIP_VALUES; i++) {
		const IotStoreSeries *series = g_ptr_array_index(latest, i);
		char *name, *unit, *age, *value;

		if (series->last_time == IOT_TIME_UNKNOWN ||
		    (series->kind == IOT_STORE_SERIES_STATES && series->last_state == NULL))
			continue;
		name = g_markup_escape_text(series->name, -1);
		unit = g_markup_escape_text(series->unit ? series->unit : "", -1);
		age = age_text(series->last_time);
		if (series->kind == IOT_STORE_SERIES_NUMBERS) {
			/* TRANSLATORS: a value in a buddy tooltip: "temperature: 21.5 °C (3 min ago)". */
			g_string_append_printf(text, _("\n<b>%s:</b> %.6g %s (%s)"), name, series->last_number, unit, age);
		} else {
			char *clean = iot_format_clean(series->last_state, TOOLTIP_VALUE_CHARS);

			value = g_markup_escape_text(clean, -1);
			/* TRANSLATORS: a value that is not a number in a buddy tooltip:
			 * "mode: Eco (3 min ago)"; the unit, if any, follows the value. */
			g_string_append_printf(text, _("\n<b>%s:</b> %s%s%s (%s)"), name, value, *unit ? " " : "", unit,
			                       age);
			g_free(value);
			g_free(clean);
		}
		g_free(name);
		g_free(unit);
		g_free(age);
		shown++;
	}
	purple_debug_misc("xmpp-iot", "tooltip of %s: %u values from the store\n", purple_buddy_get_name(buddy),
	                  shown);
	if (latest != NULL)
		g_ptr_array_unref(latest);
}

void
iot_gtk_pidgin_load(PurplePlugin *plugin)
{
	iot_gtk_things_alert_fill_ui_ops(&ui_ops);
	iot_purple_set_ui_ops(&ui_ops);
	iot_gtk_things_alert_load(plugin);
	iot_purple_history_set_listener(history_changed, NULL);
	iot_gtk_things_conc_connect(plugin);
	iot_gtk_things_registry_watch_questions();
	purple_signal_connect(pidgin_blist_get_handle(), "drawing-tooltip", plugin, PURPLE_CALLBACK(tooltip_cb),
	                      NULL);
	/* The accounts' menus gained the alerts entries: show them now, not at
	 * the next sign-on. */
	pidgin_blist_update_accounts_menu();
}

void
iot_gtk_pidgin_unload(PurplePlugin *plugin)
{
	iot_gtk_things_registry_unwatch_questions();
	iot_purple_set_ui_ops(NULL);
	pidgin_blist_update_accounts_menu();
}
