/* iot-purple-alert-question.c — owner questions as entries of the alert
 * inbox: one entry of severity "question" per pending group, kept in line
 * with the provisioning adapter's pending groups; their answer buttons and
 * answers. See iot-purple-alert.h. */
#include "iot-purple-alert-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-registry.h"
#include "iot-purple-ui.h"

#include <debug.h>

#include <string.h>

#define A iot_purple_alert_state

static guint watch_id;

/* Returns: (transfer full): the entry's question key of group @merge_key:
 * printable and bounded (a group's key holds control characters and may
 * be long), the same for the same group after a restart. */
static char *
key_of(const char *merge_key)
{
	return g_compute_checksum_for_string(G_CHECKSUM_SHA256, merge_key, -1);
}

/* Returns: (transfer none) (nullable): the group of @pending whose key is @key. */
static const IotPurpleQuestion *
pending_with_key(GPtrArray *pending, const char *key)
{
	guint i;

	for (i = 0; key != NULL && i < pending->len; i++) {
		const IotPurpleQuestion *pq = g_ptr_array_index(pending, i);
		char *k = key_of(pq->merge_key);
		gboolean same = strcmp(k, key) == 0;

		g_free(k);
		if (same)
			return pq;
	}
	return NULL;
}

/* The entry of @pq on @account: added, or brought up to date (count, text). */
static void
put_group(PurpleAccount *account, const IotPurpleQuestion *pq)
{
	char *acc = iot_purple_alert_account_jid(account), *thing, *key, *text;
	const IotRegistryNode *node;
	IotAlert *a;

	if (acc == NULL || pq == NULL || pq->question == NULL) {
		g_free(acc);
		return;
	}
	thing = iot_jid_bare(pq->question->jid);
	node = pq->question->nodes->len > 0 ? g_ptr_array_index(pq->question->nodes, 0) : NULL;
	key = key_of(pq->merge_key);
	text = iot_purple_provisioning_question_text(pq);
	a = iot_alert_new();
	iot_alert_set_source(a, acc, thing != NULL ? thing : pq->question->jid, node != NULL ? node->node_id : NULL,
	                     NULL);
	a->severity = IOT_ALERT_QUESTION;
	iot_alert_set_question(a, key);
	iot_alert_set_text(a, text, -1);
	a->count = MAX(pq->count, 1);
	a->first = pq->arrived;
	iot_alert_inbox_add(A.inbox, a, NULL, g_get_real_time(), NULL);
	iot_purple_alert_schedule_tick();
	iot_alert_free(a);
	g_free(text);
	g_free(key);
	g_free(thing);
	g_free(acc);
}

/* Removes the entries of @account whose key is @key (NULL: those whose
 * group is not in @keep, a set of keys). */
static void
remove_entries(PurpleAccount *account, const char *key, GHashTable *keep)
{
	char *acc = iot_purple_alert_account_jid(account);
	IotAlertFilter f = { 0 };
	GPtrArray *l;
	GArray *gone = g_array_new(FALSE, FALSE, sizeof(guint64));
	guint i;

	if (acc == NULL) {
		g_array_free(gone, TRUE);
		return;
	}
	f.account = acc;
	f.severities = 1u << IOT_ALERT_QUESTION;
	f.states = ~0u; /* dismissed ones too */
	l = iot_alert_inbox_list(A.inbox, &f);
	for (i = 0; i < l->len; i++) {
		const IotAlert *a = g_ptr_array_index(l, i);

		if (!iot_alert_is_question(a))
			continue;
		if (key != NULL ? strcmp(a->question, key) == 0 : !g_hash_table_contains(keep, a->question))
			g_array_append_val(gone, a->id);
	}
	g_ptr_array_unref(l);
	for (i = 0; i < gone->len; i++)
		iot_alert_inbox_remove(A.inbox, g_array_index(gone, guint64, i));
	g_array_free(gone, TRUE);
	g_free(acc);
}

static void
questions_cb(PurpleAccount *account, const char *merge_key, IotPurpleQuestionChange change, gpointer data)
{
	GPtrArray *pending;
	guint i;
	char *key;

	if (!A.loaded || merge_key == NULL)
		return;
	switch (change) {
	case IOT_PURPLE_QUESTION_ADDED:
	case IOT_PURPLE_QUESTION_GREW:
		pending = iot_purple_provisioning_pending(account);
		for (i = 0; i < pending->len; i++) {
			const IotPurpleQuestion *pq = g_ptr_array_index(pending, i);

			if (strcmp(pq->merge_key, merge_key) == 0)
				put_group(account, pq);
		}
		g_ptr_array_unref(pending);
		break;
	case IOT_PURPLE_QUESTION_ANSWERED:
		key = key_of(merge_key);
		remove_entries(account, key, NULL);
		g_free(key);
		break;
	case IOT_PURPLE_QUESTION_OFFLINE:
	default:
		/* still pending: the entry stays, checked again at the next sign-on */
		break;
	}
}

void
iot_purple_alert_questions_sync(PurpleAccount *account)
{
	GPtrArray *pending;
	GHashTable *keep;
	guint i;

	if (!A.loaded || account == NULL || !purple_account_is_connected(account))
		return;
	/* Reading the pending groups may read them back from the store first
	 * (then questions_cb adds their entries). */
	pending = iot_purple_provisioning_pending(account);
	keep = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (i = 0; i < pending->len; i++) {
		const IotPurpleQuestion *pq = g_ptr_array_index(pending, i);

		put_group(account, pq);
		g_hash_table_add(keep, key_of(pq->merge_key));
	}
	remove_entries(account, NULL, keep);
	g_hash_table_destroy(keep);
	g_ptr_array_unref(pending);
}

void
iot_purple_alert_questions_load(void)
{
	if (watch_id == 0)
		watch_id = iot_purple_provisioning_watch(questions_cb, NULL);
}

void
iot_purple_alert_questions_unload(void)
{
	if (watch_id != 0)
		iot_purple_provisioning_unwatch(watch_id);
	watch_id = 0;
}

/* ---- answering ----------------------------------------------------------------------- */

/* The pending group of entry @id: its account (connected), the pending
 * list (transfer full, in *@pending) and the group in it. */
static const IotPurpleQuestion *
group_of(guint64 id, PurpleAccount **account, GPtrArray **pending)
{
	const IotAlert *a = A.loaded ? iot_alert_inbox_get(A.inbox, id) : NULL;
	PurpleAccount *acc;

	*pending = NULL;
	if (a == NULL || !iot_alert_is_question(a))
		return NULL;
	acc = iot_purple_alert_account(a->source.account);
	if (acc == NULL || !purple_account_is_connected(acc))
		return NULL;
	*pending = iot_purple_provisioning_pending(acc);
	if (account != NULL)
		*account = acc;
	return pending_with_key(*pending, a->question);
}

GPtrArray *
iot_purple_alert_question_choices(guint64 id)
{
	GPtrArray *pending, *choices, *out = NULL;
	const IotPurpleQuestion *pq = group_of(id, NULL, &pending);
	guint i;

	if (pq != NULL) {
		choices = iot_purple_provisioning_choices(pq->question);
		out = g_ptr_array_new_with_free_func(g_free);
		for (i = 0; i < choices->len; i++)
			g_ptr_array_add(out, g_strdup(((IotPurpleQuestionChoice *)g_ptr_array_index(choices, i))->label));
		g_ptr_array_unref(choices);
	}
	if (pending != NULL)
		g_ptr_array_unref(pending);
	return out;
}

typedef struct {
	IotPurpleAlertDoneFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Answer;

static void
answered_cb(PurpleAccount *account, const GError *error, gpointer data)
{
	Answer *an = data;

	if (error != NULL)
		purple_debug_warning("xmpp-iot", "an owner question's answer was not taken: %s\n", error->message);
	if (an->cb != NULL)
		an->cb(error, an->user_data);
}

static void
answer_free(gpointer data)
{
	Answer *an = data;

	if (an->destroy != NULL)
		an->destroy(an->user_data);
	g_free(an);
}

guint
iot_purple_alert_question_answer(guint64 id, guint choice, IotPurpleAlertDoneFunc cb, gpointer user_data,
                                 GDestroyNotify destroy)
{
	PurpleAccount *account = NULL;
	GPtrArray *pending, *choices = NULL;
	const IotPurpleQuestion *pq = group_of(id, &account, &pending);
	guint h = 0;

	if (pq != NULL)
		choices = iot_purple_provisioning_choices(pq->question);
	if (choices != NULL && choice < choices->len) {
		const IotPurpleQuestionChoice *c = g_ptr_array_index(choices, choice);
		Answer *an = g_new0(Answer, 1);

		an->cb = cb;
		an->user_data = user_data;
		an->destroy = destroy;
		purple_debug_info("xmpp-iot", "owner question answered from the inbox: %s\n", c->label);
		/* The group leaves the pending ones at this call: its entry goes. */
		h = iot_purple_provisioning_answer(account, pq->merge_key, &c->answer, answered_cb, an, answer_free);
	} else if (destroy != NULL) {
		destroy(user_data);
	}
	if (choices != NULL)
		g_ptr_array_unref(choices);
	if (pending != NULL)
		g_ptr_array_unref(pending);
	return h;
}

char *
iot_purple_alert_question_key(guint64 id, PurpleAccount **account)
{
	GPtrArray *pending;
	const IotPurpleQuestion *pq = group_of(id, account, &pending);
	char *key = pq != NULL ? g_strdup(pq->merge_key) : NULL;

	if (pending != NULL)
		g_ptr_array_unref(pending);
	return key;
}

gboolean
iot_purple_alert_question_open(guint64 id)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	PurpleAccount *account = NULL;
	char *key = iot_purple_alert_question_key(id, &account);

	if (key == NULL)
		return FALSE;
	if (ui != NULL && ui->open_question != NULL)
		ui->open_question(account, key);
	else
		iot_purple_provisioning_ask(account, key);
	g_free(key);
	return TRUE;
}

guint64
iot_purple_alert_question_entry(PurpleAccount *account, const char *merge_key)
{
	char *acc, *key;
	const IotAlert *a;

	if (!A.loaded || account == NULL || merge_key == NULL)
		return 0;
	acc = iot_purple_alert_account_jid(account);
	key = key_of(merge_key);
	a = iot_alert_inbox_find_question(A.inbox, acc, key);
	g_free(acc);
	g_free(key);
	return a != NULL ? a->id : 0;
}
