/* iot-purple-alert-question-cmd.c — /questions in a conversation: the
 * account's pending owner questions, numbered, and answering one of them
 * (yes or no, for the JID, its domain or everyone). Every device string
 * goes through iot_purple_conv_write(), which escapes it. */
#include "iot-purple-alert-private.h"

#include "iot-purple-conv.h"
#include "iot-purple-registry.h"
#include "iot-time.h"

#include <cmds.h>
#include <conversation.h>

#include <glib/gi18n-lib.h>
#include <string.h>

/* Questions /questions lists at most. */
#define LIST_MAX 50

static PurpleCmdId questions_cmd;

/* The question entries of @account that are still pending, newest first,
 * as /questions numbers them. Returns: (transfer full) (element-type IotAlert). */
static GPtrArray *
numbered(PurpleAccount *account)
{
	IotAlertFilter f = { 0 };
	GPtrArray *l, *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_alert_free);
	guint i;

	f.severities = 1u << IOT_ALERT_QUESTION;
	f.states = ~0u;
	l = iot_purple_alert_list(account, &f);
	for (i = 0; l != NULL && i < l->len && out->len < LIST_MAX; i++) {
		IotAlert *a = g_ptr_array_index(l, i);
		char *key = iot_purple_alert_question_key(a->id, NULL);

		if (key != NULL)
			g_ptr_array_add(out, iot_alert_copy(a));
		g_free(key);
	}
	if (l != NULL)
		g_ptr_array_unref(l);
	return out;
}

static void
say(PurpleConversation *conv, const char *title, const char *text)
{
	iot_purple_conv_write(purple_conversation_get_account(conv), purple_conversation_get_name(conv), title, text,
	                      FALSE);
}

static void
list(PurpleConversation *conv)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	GPtrArray *l = numbered(account);
	GString *out = g_string_new(NULL);
	gint64 now = g_get_real_time();
	guint i;

	for (i = 0; i < l->len; i++) {
		const IotAlert *a = g_ptr_array_index(l, i);
		char *when = iot_time_format_local(a->first, now);

		g_string_append_printf(out, "%s%u. %s · %s", i > 0 ? "\n" : "", i + 1, when, a->text);
		g_free(when);
	}
	if (l->len == 0)
		g_string_append(out, _("No owner questions are waiting for an answer."));
	else
		g_string_append_printf(out, "\n%s",
		                       _("Answer one with /questions <number> yes|no [jid|domain|all]."));
	say(conv, _("Owner questions"), out->str);
	g_string_free(out, TRUE);
	g_ptr_array_unref(l);
}

typedef struct {
	PurpleAccount *account;
	char *conv;
	char *said;
} Told;

static void
told_free(gpointer p)
{
	Told *t = p;

	g_free(t->conv);
	g_free(t->said);
	g_free(t);
}

static void
answered_cb(const GError *error, gpointer data)
{
	Told *t = data;
	char *text;

	if (error != NULL)
		/* TRANSLATORS: after /questions N yes|no; %s: why the answer was not taken. */
		text = g_strdup_printf(_("The answer was not taken: %s"), error->message);
	else
		/* TRANSLATORS: after /questions N yes|no; %s: the answer, e.g. "Yes, for its whole domain". */
		text = g_strdup_printf(_("Answered: %s."), t->said);
	iot_purple_conv_write(t->account, t->conv, NULL, text, FALSE);
	g_free(text);
}

/* The index of the answer (@yes, @range, no token) among the choices of
 * entry @id; -1 when there is none. *@label: its words (transfer full). */
static int
choice_of(PurpleAccount *account, guint64 id, gboolean yes, IotRuleRange range, char **label)
{
	char *key = iot_purple_alert_question_key(id, NULL);
	GPtrArray *pending, *choices;
	int found = -1;
	guint i;

	if (key == NULL)
		return -1;
	pending = iot_purple_provisioning_pending(account);
	for (i = 0; i < pending->len; i++) {
		const IotPurpleQuestion *pq = g_ptr_array_index(pending, i);
		guint c;

		if (strcmp(pq->merge_key, key) != 0)
			continue;
		choices = iot_purple_provisioning_choices(pq->question);
		for (c = 0; c < choices->len && found < 0; c++) {
			const IotPurpleQuestionChoice *ch = g_ptr_array_index(choices, c);

			if (ch->answer.yes == yes && ch->answer.range == range && ch->answer.token == NULL) {
				found = (int)c;
				*label = g_strdup(ch->label);
			}
		}
		g_ptr_array_unref(choices);
	}
	g_ptr_array_unref(pending);
	g_free(key);
	return found;
}

static PurpleCmdRet
questions_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	char **words = g_strsplit_set(args != NULL && args[0] != NULL ? args[0] : "", " \t", -1);
	const char *w[3] = { NULL, NULL, NULL };
	guint i, n = 0;
	guint64 num = 0;
	gboolean yes;
	IotRuleRange range = IOT_RULE_CALLER;
	GPtrArray *l;
	char *label = NULL;
	int choice;

	for (i = 0; words[i] != NULL; i++)
		if (*words[i] != '\0') {
			if (n >= 3) {
				n++;
				break;
			}
			w[n++] = words[i];
		}
	if (n == 0) {
		list(conv);
		g_strfreev(words);
		return PURPLE_CMD_RET_OK;
	}
	if (n < 2 || n > 3 || !g_ascii_string_to_unsigned(w[0], 10, 1, G_MAXUINT, &num, NULL) ||
	    (g_ascii_strcasecmp(w[1], "yes") != 0 && g_ascii_strcasecmp(w[1], "no") != 0) ||
	    (n == 3 && g_ascii_strcasecmp(w[2], "jid") != 0 && g_ascii_strcasecmp(w[2], "domain") != 0 &&
	     g_ascii_strcasecmp(w[2], "all") != 0)) {
		*error = g_markup_escape_text(_("Use /questions to list them, /questions <number> yes|no "
		                                "[jid|domain|all] to answer one."), -1);
		g_strfreev(words);
		return PURPLE_CMD_RET_FAILED;
	}
	yes = g_ascii_strcasecmp(w[1], "yes") == 0;
	if (n == 3)
		range = g_ascii_strcasecmp(w[2], "domain") == 0 ? IOT_RULE_DOMAIN
		        : g_ascii_strcasecmp(w[2], "all") == 0  ? IOT_RULE_ALL
		                                                : IOT_RULE_CALLER;
	l = numbered(account);
	if (num > l->len) {
		/* TRANSLATORS: /questions N with a number not listed; %u: N, %u: how many are listed. */
		*error = g_strdup_printf(_("There is no question %u: /questions shows %u."), (guint)num, l->len);
	} else {
		guint64 id = ((const IotAlert *)g_ptr_array_index(l, num - 1))->id;

		choice = choice_of(account, id, yes, range, &label);
		if (choice < 0) {
			*error = g_markup_escape_text(_("This question is no longer pending: it was answered already."), -1);
		} else {
			Told *t = g_new0(Told, 1);

			t->account = account;
			t->conv = g_strdup(purple_conversation_get_name(conv));
			t->said = label;
			label = NULL;
			if (iot_purple_alert_question_answer(id, (guint)choice, answered_cb, t, told_free) == 0)
				*error = g_markup_escape_text(_("This question is no longer pending: it was answered already."),
				                              -1);
		}
	}
	g_free(label);
	g_ptr_array_unref(l);
	g_strfreev(words);
	return *error != NULL ? PURPLE_CMD_RET_FAILED : PURPLE_CMD_RET_OK;
}

void
iot_purple_alert_question_cmd_register(void)
{
	questions_cmd = purple_cmd_register(
	    "questions", "s", PURPLE_CMD_P_PLUGIN,
	    PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY | PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS, "prpl-jabber",
	    questions_cb,
	    _("questions [&lt;number&gt; yes|no [jid|domain|all]]: the owner questions of this account waiting "
	      "for an answer, numbered (\"May bob@example.org read kitchen@example.org?\"); with a number, "
	      "answers that one: yes or no, for that JID (the default), its whole domain or everyone. "
	      "Example: /questions 1 yes domain"),
	    NULL);
}

void
iot_purple_alert_question_cmd_unregister(void)
{
	if (questions_cmd != 0)
		purple_cmd_unregister(questions_cmd);
	questions_cmd = 0;
}
