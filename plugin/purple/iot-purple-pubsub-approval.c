/* iot-purple-pubsub-approval.c — XEP-0060 §8.6: a service asks the owner
 * of a node whether someone may subscribe. Asked through the UI's
 * ask_approval, else purple_request_action(); one question per request at
 * a time; the answer goes to the service, if the account is still online. */
#include "iot-purple-pubsub-private.h"

#include "iot-jid.h"
#include "iot-purple-session.h"

#include <debug.h>

typedef struct {
	PurpleAccount *account;
	IotPubsubApproval *approval;
	char *key;
} Ask;

static GHashTable *asking; /* key → Ask: one question per request at a time */

static void
answer_cb(IotPurpleApprovalAnswer answer, gpointer data)
{
	Ask *a = data;
	IotPurpleSession *s;

	if (answer != IOT_PURPLE_APPROVAL_LATER) {
		/* The account may be gone or offline by now: look it up again. */
		s = g_list_find(purple_accounts_get_all(), a->account) ? iot_purple_session_get(a->account) : NULL;
		if (s != NULL) {
			xmlNode *msg = iot_pubsub_approval_build_answer(a->approval, answer == IOT_PURPLE_APPROVAL_ALLOW);
			iot_purple_session_send(s, msg);
			xmlFreeNode(msg);
			purple_debug_info("xmpp-iot", "subscription of %s to %s %s\n", a->approval->subscriber,
			                  a->approval->node, answer == IOT_PURPLE_APPROVAL_ALLOW ? "allowed" : "denied");
		} else {
			purple_debug_info("xmpp-iot", "answer to %s's subscription request dropped: offline\n",
			                  a->approval->subscriber);
		}
	}
	if (asking != NULL && g_hash_table_lookup(asking, a->key) == a)
		g_hash_table_remove(asking, a->key);
	iot_pubsub_approval_free(a->approval);
	g_free(a->key);
	g_free(a);
}

void
iot_purple_pubsub_approval_message(PurpleAccount *account, const char *from, const xmlNode *message)
{
	IotPubsubApproval *ap = iot_pubsub_approval_parse(message);
	const IotUiOps *ui = iot_purple_get_ui_ops();
	char *bare;
	Ask *a;

	if (ap == NULL) {
		purple_debug_info("xmpp-iot", "subscription request from %s lacks node or subscriber\n", from);
		return;
	}
	bare = iot_jid_bare(from);
	g_free(ap->service);
	ap->service = g_strdup(bare ? bare : from);
	g_free(bare);
	a = g_new0(Ask, 1);
	a->account = account;
	a->approval = ap;
	a->key = g_strdup_printf("%p\n%s\n%s\n%s", (void *)account, ap->service, ap->node, ap->subscriber);
	if (asking == NULL)
		asking = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
	if (g_hash_table_lookup(asking, a->key) != NULL) { /* asked again while the question is open */
		iot_pubsub_approval_free(ap);
		g_free(a->key);
		g_free(a);
		return;
	}
	g_hash_table_insert(asking, a->key, a);
	if (ui != NULL && ui->ask_approval != NULL)
		ui->ask_approval(account, ap, answer_cb, a);
	else
		iot_purple_pubsub_finch_ask(account, ap, answer_cb, a);
}

void
iot_purple_pubsub_approvals_shutdown(void)
{
	/* Open questions were closed with the dialogs (their answers ran). */
	if (asking != NULL)
		g_hash_table_destroy(asking);
	asking = NULL;
}
