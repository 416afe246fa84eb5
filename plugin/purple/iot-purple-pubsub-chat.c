/* iot-purple-pubsub-chat.c — /subscribe, /unsubscribe, /subscriptions and
 * /items in a conversation. The service may be left out in a chat with a
 * pubsub service (or with a contact: its PEP service). Everything a service
 * or a payload says is escaped by iot_purple_conv_write(). */
#include "iot-purple-pubsub-private.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-conv.h"
#include "iot-purple-session.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <cmds.h>
#include <conversation.h>
#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

/* Characters of one item's summary in a conversation. */
#define SUMMARY_CHARS 300

static PurpleCmdId cmds[4];

/* What survives until the answer: names only (DESIGN.md §3). */
typedef struct {
	char *conv_name;
	guint max; /* /items */
} Job;

static void
job_free(gpointer data)
{
	Job *j = data;

	g_free(j->conv_name);
	g_free(j);
}

static Job *
job_new(PurpleConversation *conv)
{
	Job *j = g_new0(Job, 1);

	j->conv_name = g_strdup(purple_conversation_get_name(conv));
	return j;
}

/* Splits the arguments: @service and @node (transfer full), the rest in
 * *@rest (nullable). The service is the conversation's peer when only the
 * node is given. FALSE with *@error (HTML) set when they do not fit. */
static gboolean
take_args(PurpleConversation *conv, gchar **args, guint max_extra, char **service, char **node, char **extra,
          gchar **error)
{
	GError *perr = NULL;
	char **w = iot_cmdargs_split(args && args[0] ? args[0] : "", &perr);
	guint n = w ? g_strv_length(w) : 0;

	*service = *node = NULL;
	if (extra)
		*extra = NULL;
	if (w == NULL) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		return FALSE;
	}
	if (n == 0 || n > 2 + max_extra) {
		g_strfreev(w);
		*error = g_markup_escape_text(_("Name the service and the node: /subscribe pubsub.example.org sensors. "
		                                "In a chat with the service the node is enough."),
		                              -1);
		return FALSE;
	}
	if (n == 1 || (max_extra > 0 && n == 2 && strspn(w[1], "0123456789") == strlen(w[1]) && *w[1])) {
		/* Only the node (and a count): the chat's peer is the service. */
		*service = iot_jid_bare(purple_conversation_get_name(conv));
		*node = g_strdup(w[0]);
		if (extra && n == 2)
			*extra = g_strdup(w[1]);
	} else {
		*service = g_strdup(w[0]);
		*node = g_strdup(w[1]);
		if (extra && n == 3)
			*extra = g_strdup(w[2]);
	}
	g_strfreev(w);
	if (*service == NULL || !iot_xml_is_valid_text(*service) || strchr(*service, '/') != NULL) {
		g_free(*service);
		g_free(*node);
		if (extra) {
			g_free(*extra);
			*extra = NULL;
		}
		*error = g_markup_escape_text(_("That is not the address of a publish-subscribe service."), -1);
		return FALSE;
	}
	return TRUE;
}

static gboolean
online(PurpleConversation *conv, gchar **error)
{
	if (iot_purple_session_get(purple_conversation_get_account(conv)) != NULL)
		return TRUE;
	*error = g_markup_escape_text(_("XMPP IoT is not active on this account yet; wait until it is online."), -1);
	return FALSE;
}

/* ---- /subscribe, /unsubscribe ------------------------------------------------------------ */

static void
subscribed_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubSubscription *sub,
              const GError *error, gpointer data)
{
	Job *j = data;
	char *text, *why;

	if (error != NULL) {
		why = iot_purple_pubsub_error_sentence(service, error);
		/* TRANSLATORS: node, service, why. */
		text = g_strdup_printf(_("Could not subscribe to %s at %s: %s"), node, service, why);
		g_free(why);
	} else {
		switch (sub ? sub->state : IOT_PUBSUB_STATE_SUBSCRIBED) {
		case IOT_PUBSUB_STATE_PENDING:
			/* TRANSLATORS: node, service. */
			text = g_strdup_printf(_("Subscription to %s at %s is pending: it waits for the owner's approval."),
			                       node, service);
			break;
		case IOT_PUBSUB_STATE_UNCONFIGURED:
			/* TRANSLATORS: node, service. */
			text = g_strdup_printf(_("Subscribed to %s at %s, but unconfigured: its subscription options must be "
			                         "set before items come."),
			                       node, service);
			break;
		case IOT_PUBSUB_STATE_NONE:
			/* TRANSLATORS: node, service. */
			text = g_strdup_printf(_("%s at %s did not accept the subscription."), node, service);
			break;
		default:
			/* TRANSLATORS: node, service. */
			text = g_strdup_printf(_("Subscribed to %s at %s."), node, service);
			break;
		}
	}
	iot_purple_conv_write(account, j->conv_name, NULL, text, FALSE);
	g_free(text);
}

static PurpleCmdRet
subscribe_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	char *service, *node, *note;

	if (!online(conv, error) || !take_args(conv, args, 0, &service, &node, NULL, error))
		return PURPLE_CMD_RET_FAILED;
	/* TRANSLATORS: node, service. */
	note = g_strdup_printf(_("Subscribing to %s at %s…"), node, service);
	iot_purple_conv_write(purple_conversation_get_account(conv), purple_conversation_get_name(conv), NULL, note,
	                      FALSE);
	iot_purple_pubsub_subscribe(purple_conversation_get_account(conv), service, node, NULL, subscribed_cb,
	                            job_new(conv), job_free);
	g_free(note);
	g_free(service);
	g_free(node);
	return PURPLE_CMD_RET_OK;
}

static void
unsubscribed_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubSubscription *sub,
                const GError *error, gpointer data)
{
	Job *j = data;
	char *text, *why;

	if (error != NULL) {
		why = iot_purple_pubsub_error_sentence(service, error);
		/* TRANSLATORS: node, service, why. */
		text = g_strdup_printf(_("Could not unsubscribe from %s at %s: %s"), node, service, why);
		g_free(why);
	} else {
		/* TRANSLATORS: node, service. */
		text = g_strdup_printf(_("Unsubscribed from %s at %s."), node, service);
	}
	iot_purple_conv_write(account, j->conv_name, NULL, text, FALSE);
	g_free(text);
}

static PurpleCmdRet
unsubscribe_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	char *service, *node;

	if (!online(conv, error) || !take_args(conv, args, 0, &service, &node, NULL, error))
		return PURPLE_CMD_RET_FAILED;
	iot_purple_pubsub_unsubscribe(purple_conversation_get_account(conv), service, node, NULL, unsubscribed_cb,
	                              job_new(conv), job_free);
	g_free(service);
	g_free(node);
	return PURPLE_CMD_RET_OK;
}

/* ---- /subscriptions ---------------------------------------------------------------------- */

static void
listed_cb(PurpleAccount *account, const GPtrArray *subs, const GPtrArray *problems, const GError *error,
          gpointer data)
{
	Job *j = data;
	GString *s = g_string_new(NULL);
	guint i;

	if (error != NULL) {
		char *why = iot_purple_pubsub_error_sentence(NULL, error);
		/* TRANSLATORS: why the subscriptions could not be listed. */
		g_string_append_printf(s, _("Could not list the subscriptions: %s"), why);
		g_free(why);
	} else if (subs->len == 0) {
		g_string_append(s, _("No subscriptions."));
	}
	for (i = 0; error == NULL && i < subs->len; i++) {
		const IotPubsubSubscription *sub = g_ptr_array_index(subs, i);
		if (s->len > 0)
			g_string_append_c(s, '\n');
		/* TRANSLATORS: "node at service: state in words", one line per subscription. */
		g_string_append_printf(s, _("%s at %s: %s"), sub->node, sub->service ? sub->service : "?",
		                       iot_pubsub_state_text(sub->state));
		if (sub->subid != NULL)
			/* TRANSLATORS: a subscription's id after its line. */
			g_string_append_printf(s, _(" (id %s)"), sub->subid);
	}
	for (i = 0; error == NULL && i < problems->len; i++) {
		g_string_append_c(s, '\n');
		g_string_append(s, g_ptr_array_index(problems, i));
	}
	iot_purple_conv_write(account, j->conv_name, _("Publish-subscribe subscriptions"), s->str, FALSE);
	g_string_free(s, TRUE);
}

static PurpleCmdRet
subscriptions_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	GError *perr = NULL;
	char **w;
	guint n;

	if (!online(conv, error))
		return PURPLE_CMD_RET_FAILED;
	w = iot_cmdargs_split(args && args[0] ? args[0] : "", &perr);
	if (w == NULL) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		return PURPLE_CMD_RET_FAILED;
	}
	n = g_strv_length(w);
	if (n > 1 || (n == 1 && (!iot_xml_is_valid_text(w[0]) || strchr(w[0], '/') != NULL))) {
		g_strfreev(w);
		*error = g_markup_escape_text(_("Give one service at most: /subscriptions pubsub.example.org"), -1);
		return PURPLE_CMD_RET_FAILED;
	}
	iot_purple_pubsub_my_subscriptions(purple_conversation_get_account(conv), n == 1 ? w[0] : NULL, listed_cb,
	                                   job_new(conv), job_free);
	g_strfreev(w);
	return PURPLE_CMD_RET_OK;
}

/* ---- /items ------------------------------------------------------------------------------ */

static void
item_line(GString *s, const IotPurplePubsubItem *it, gint64 now)
{
	char *summary = iot_payload_summary(it->payload, SUMMARY_CHARS);
	char *id = iot_format_clean(it->item->id ? it->item->id : "", 80);

	if (s->len > 0)
		g_string_append_c(s, '\n');
	if (it->item->time != IOT_TIME_UNKNOWN) {
		char *when = iot_time_format_local(it->item->time, now);
		g_string_append_printf(s, "%s  ", when);
		g_free(when);
	}
	if (*id)
		g_string_append_printf(s, "%s: ", id);
	if (it->item->payload_too_big)
		/* TRANSLATORS: an item whose payload was too big to keep. */
		g_string_append(s, _("(payload too big, not shown)"));
	else
		g_string_append(s, *summary ? summary : _("(no payload)"));
	if (it->payload->note != NULL) {
		char *note = iot_format_clean(it->payload->note, SUMMARY_CHARS);
		g_string_append_printf(s, " — %s", note);
		g_free(note);
	}
	g_free(id);
	g_free(summary);
}

/* Writes @items (oldest first) of @node under a title, with @note
 * (nullable) after them. */
static void
write_items(PurpleAccount *account, const Job *j, const char *service, const char *node, const GPtrArray *items,
            gboolean truncated, const char *note)
{
	GString *s = g_string_new(NULL);
	gint64 now = g_get_real_time();
	char *title;
	guint i;

	/* Oldest first, newest last: like a conversation. */
	for (i = 0; i < items->len; i++)
		item_line(s, g_ptr_array_index(items, i), now);
	if (items->len == 0)
		g_string_append(s, _("No items."));
	if (truncated)
		g_string_append_printf(s, "\n%s", _("(more items were sent than are shown)"));
	if (note != NULL)
		g_string_append_printf(s, "\n%s", note);
	/* TRANSLATORS: title above the items; node, service. */
	title = g_strdup_printf(_("Items of %s at %s"), node, service);
	iot_purple_conv_write(account, j->conv_name, title, s->str, FALSE);
	g_free(title);
	g_string_free(s, TRUE);
}

static void
items_cb(PurpleAccount *account, const char *service, const char *node, const GPtrArray *items, gboolean truncated,
         const GError *error, gpointer data)
{
	Job *j = data;
	char *why, *text;

	if (error == NULL) {
		write_items(account, j, service, node, items, truncated, NULL);
		return;
	}
	/* A service that keeps no items to fetch (or does not offer it): the
	 * ones that came while subscribed are kept here. */
	if (g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED) &&
	    iot_purple_pubsub_known_state(account, service, node) != IOT_PUBSUB_STATE_NONE) {
		GPtrArray *kept = iot_purple_pubsub_recent_items(account, service, node, j->max);

		if (kept->len > 0) {
			/* TRANSLATORS: %s is a pubsub service. */
			char *note = g_strdup_printf(_("%s does not hand out the items of this node: these are the ones "
			                               "that came while you were subscribed."),
			                             service);
			write_items(account, j, service, node, kept, FALSE, note);
			g_free(note);
			g_ptr_array_unref(kept);
			return;
		}
		g_ptr_array_unref(kept);
	}
	why = iot_purple_pubsub_error_sentence(service, error);
	/* TRANSLATORS: node, service, why. */
	text = g_strdup_printf(_("Could not get the items of %s at %s: %s"), node, service, why);
	iot_purple_conv_write(account, j->conv_name, NULL, text, FALSE);
	g_free(text);
	g_free(why);
}

static PurpleCmdRet
items_cmd_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	char *service, *node, *count;
	long n = 0;
	Job *j;

	if (!online(conv, error) || !take_args(conv, args, 1, &service, &node, &count, error))
		return PURPLE_CMD_RET_FAILED;
	if (count != NULL) {
		char *end = NULL;
		n = strtol(count, &end, 10);
		if (end == count || *end != '\0' || n < 1 || n > IOT_PUBSUB_MAX_ITEMS) {
			/* TRANSLATORS: %d is the most items one /items shows. */
			char *msg = g_strdup_printf(_("The number of items must be between 1 and %d."), IOT_PUBSUB_MAX_ITEMS);
			*error = g_markup_escape_text(msg, -1);
			g_free(msg);
			g_free(count);
			g_free(service);
			g_free(node);
			return PURPLE_CMD_RET_FAILED;
		}
	}
	j = job_new(conv);
	j->max = n > 0 ? (guint)n : IOT_PURPLE_PUBSUB_ITEMS_DEFAULT;
	iot_purple_pubsub_items(purple_conversation_get_account(conv), service, node, (guint)n, items_cb, j, job_free);
	g_free(count);
	g_free(service);
	g_free(node);
	return PURPLE_CMD_RET_OK;
}

void
iot_purple_pubsub_chat_register(void)
{
	PurpleCmdFlag flags = PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY | PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS;

	/* Help texts are HTML: angle brackets escaped. */
	cmds[0] = purple_cmd_register(
	    "subscribe", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", subscribe_cb,
	    _("subscribe [&lt;service&gt;] &lt;node&gt;: subscribe to a publish-subscribe node; its new items "
	      "then come by themselves, and the subscription is renewed after every sign-on.<br>"
	      "/subscribe pubsub.example.org sensors/boiler — at that service; "
	      "/subscribe sensors/boiler — in a chat with the service. "
	      "Says whether you are subscribed, wait for the owner's approval (pending), must set options "
	      "first (unconfigured), or why not."),
	    NULL);
	cmds[1] = purple_cmd_register(
	    "unsubscribe", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", unsubscribe_cb,
	    _("unsubscribe [&lt;service&gt;] &lt;node&gt;: end the subscription to a publish-subscribe node.<br>"
	      "/unsubscribe pubsub.example.org sensors/boiler"),
	    NULL);
	cmds[2] = purple_cmd_register(
	    "subscriptions", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", subscriptions_cb,
	    _("subscriptions [&lt;service&gt;]: your publish-subscribe subscriptions and their state, as the "
	      "services list them.<br>"
	      "/subscriptions — at every service you have subscriptions at, and at your server's services; "
	      "/subscriptions pubsub.example.org — at that service only."),
	    NULL);
	cmds[3] = purple_cmd_register(
	    "items", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", items_cmd_cb,
	    _("items [&lt;service&gt;] &lt;node&gt; [&lt;n&gt;]: the last items published to a node, oldest "
	      "first, newest last; sensor data, Atom and text are shown decoded.<br>"
	      "/items pubsub.example.org sensors/boiler 5 — the five newest; "
	      "/items sensors/boiler — in a chat with the service."),
	    NULL);
}

void
iot_purple_pubsub_chat_unregister(void)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cmds); i++) {
		if (cmds[i] != 0)
			purple_cmd_unregister(cmds[i]);
		cmds[i] = 0;
	}
}
