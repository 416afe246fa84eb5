/* test-registry-tokens.c — tokens at the provisioning service, part of the
 * suite "registry" (test-registry.c): token challenges this client never
 * sent a token for are refused with forbidden in both namespaces, whatever
 * the token, and carry nothing back; the owner's "yes, for its device
 * token" reaches the service as a canReadRule fromDevice with that token,
 * which lets its bearer read and no one else; the service's challenge of
 * that token, and a stranger's, are refused too (it is not our token). */
#include "client-check.h"
#include "client-request.h"

#include "../../plugin/purple/iot-purple-registry.h"

#include <gmodule.h>
#include <string.h>

#define STRANGER "stranger@" DOMAIN
#define STRANGER2 "stranger2@" DOMAIN
#define PROVISIONING "provisioning." DOMAIN
#define WAIT_MS 20000

void iot_registry_token_tests(TCase *tc);

static gpointer
adapter(const char *name)
{
	gpointer fn = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &fn), "no %s in the plugin", name);
	return fn;
}

/* What the provisioning service says its tokenChallenge to us got back. */
static char *
challenge(const char *token, const char *ns)
{
	char *body = g_strdup_printf("challenge %s %s", token, ns), *r = client_chat(PROVISIONING, body, WAIT_MS), *t;

	ck_assert_msg(r != NULL, "the provisioning service said nothing to: %s", body);
	t = client_text(r);
	g_free(r);
	g_free(body);
	return t;
}

START_TEST(test_a_token_challenge_for_a_token_never_sent_is_forbidden)
{
	const char *kinds[] = { "nf", "xsf" };
	char long_token[4200], *t;
	guint i;

	/* This client sent no token of its own (it has no certificate to get
	 * one with): every challenge, in either namespace, is forbidden. */
	for (i = 0; i < G_N_ELEMENTS(kinds); i++) {
		t = challenge("NEVER-SENT-1", kinds[i]);
		ck_has(t, "challenge NEVER-SENT-1: error forbidden");
		ck_lacks(t, "echoed");
		g_free(t);
	}
	/* Hostile tokens: markup, and one past any bound; still a plain
	 * forbidden that carries neither back, and the plugin goes on. */
	t = challenge("&lt;b&gt;x&amp;y'\"&lt;/b&gt;", "nf");
	ck_has(t, "error forbidden");
	ck_lacks(t, "echoed");
	g_free(t);
	memset(long_token, 'A', sizeof long_token - 1);
	long_token[sizeof long_token - 1] = '\0';
	t = challenge(long_token, "xsf");
	ck_has(t, "error forbidden");
	ck_lacks(t, "echoed");
	g_free(t);
	client_run_has("claimme1@" DOMAIN, "read", "19.75");
}
END_TEST

typedef struct {
	gboolean done;
	GError *error;
} Done;

static void
done_cb(PurpleAccount *account, const GError *error, gpointer d)
{
	Done *g = d;

	g->done = TRUE;
	g->error = error ? g_error_copy(error) : NULL;
}

static gboolean
done_done(gpointer d)
{
	return ((Done *)d)->done;
}

/* The merge key (transfer full) of the pending question about @thing from @remote, or NULL. */
static char *
pending_about(const char *thing, const char *remote)
{
	GPtrArray *(*pending)(PurpleAccount *) = adapter("iot_purple_provisioning_pending");
	GPtrArray *l = pending(client_account());
	char *out = NULL;
	guint i;

	for (i = 0; i < l->len && out == NULL; i++) {
		const IotPurpleQuestion *q = g_ptr_array_index(l, i);
		if (strcmp(q->question->jid, thing) == 0 && strcmp(q->question->remote_jid, remote) == 0)
			out = g_strdup(q->merge_key);
	}
	g_ptr_array_unref(l);
	return out;
}

static gboolean
vault_question_pending(gpointer unused)
{
	char *k = pending_about("vault@" DOMAIN, STRANGER2);

	g_free(k);
	return k != NULL;
}

START_TEST(test_a_yes_for_a_device_token_reaches_the_service_as_that_rule)
{
	GPtrArray *(*pending)(PurpleAccount *) = adapter("iot_purple_provisioning_pending");
	GPtrArray *(*choices)(const IotQuestion *) = adapter("iot_purple_provisioning_choices");
	guint (*answer)(PurpleAccount *, const char *, const IotAnswer *, IotPurpleRegistryDoneFunc, gpointer,
	                GDestroyNotify) = adapter("iot_purple_provisioning_answer");
	guint (*delete_rules)(PurpleAccount *, const char *, const IotRegistryNode *, IotPurpleRegistryDoneFunc,
	                      gpointer, GDestroyNotify) = adapter("iot_purple_provisioning_delete_rules");
	const IotPurpleQuestionChoice *yes_device = NULL;
	const IotPurpleQuestion *pq = NULL;
	GPtrArray *l, *cs;
	char *key, *r, *t, *want, *token;
	Done d = { 0 };
	guint i;

	/* The second stranger reads the vault with her tokens: a user token
	 * and the device token the service gave for her certificate. */
	r = client_chat(STRANGER2, "read vault", 3000);
	g_free(r);
	ck_assert(client_spin(vault_question_pending, NULL, WAIT_MS));
	key = pending_about("vault@" DOMAIN, STRANGER2);
	l = pending(client_account());
	for (i = 0; i < l->len; i++)
		if (strcmp(((IotPurpleQuestion *)g_ptr_array_index(l, i))->merge_key, key) == 0)
			pq = g_ptr_array_index(l, i);
	ck_assert(pq != NULL);
	ck_assert_uint_eq(pq->question->device_tokens->len, 1);
	ck_assert_uint_eq(pq->question->user_tokens->len, 1);
	ck_assert_str_eq(g_ptr_array_index(pq->question->user_tokens, 0), "UT-stranger2-5b7e19");
	token = g_strdup(g_ptr_array_index(pq->question->device_tokens, 0));
	cs = choices(pq->question);
	for (i = 0; i < cs->len; i++) {
		const IotPurpleQuestionChoice *c = g_ptr_array_index(cs, i);
		if (c->answer.yes && c->answer.range == IOT_RULE_DEVICE_TOKEN)
			yes_device = c;
	}
	ck_assert_msg(yes_device != NULL, "no \"yes, for its device token\" among the answers");
	ck_assert_str_eq(yes_device->answer.token, token);
	answer(client_account(), key, &yes_device->answer, done_cb, &d, NULL);
	g_ptr_array_unref(cs);
	g_ptr_array_unref(l);
	ck_assert(client_spin(done_done, &d, WAIT_MS));
	ck_assert_msg(d.error == NULL, "%s", d.error ? d.error->message : "");
	/* The service holds exactly that rule: a canReadRule fromDevice token. */
	r = client_chat(PROVISIONING, "rules vault", WAIT_MS);
	ck_assert(r != NULL);
	t = client_text(r);
	want = g_strdup_printf("read device:%s=true", token);
	ck_has(t, want);
	ck_lacks(t, "user:UT-stranger2");
	g_free(want);
	g_free(t);
	g_free(r);
	/* Its bearer reads; the first stranger, without it, is still refused. */
	r = client_chat(STRANGER2, "read vault", WAIT_MS);
	ck_assert(r != NULL);
	ck_has(r, "read vault: ok");
	g_free(r);
	r = client_chat(STRANGER, "read vault", WAIT_MS);
	ck_assert(r != NULL);
	ck_has(r, "refused");
	g_free(r);
	/* The service challenged the token we named in the rule, as a service
	 * may: it is not our own token (we cannot prove it), so forbidden. */
	r = client_chat(PROVISIONING, "challenged", WAIT_MS);
	ck_assert(r != NULL);
	t = client_text(r);
	ck_has(t, token);
	ck_has(t, ": error forbidden");
	ck_lacks(t, "echoed");
	g_free(t);
	g_free(r);
	/* Nor is a challenge for it from someone we never sent it to. */
	want = g_strdup_printf("challenge %s", token);
	r = client_chat(STRANGER2, want, WAIT_MS);
	ck_assert(r != NULL);
	t = client_text(r);
	ck_has(t, ": error forbidden");
	ck_lacks(t, "echoed");
	g_free(t);
	g_free(r);
	g_free(want);
	g_free(token);
	g_free(key);
	/* The owner deletes the vault's rules again: the owner-question tests
	 * after this one start from a vault nobody was allowed to read. */
	memset(&d, 0, sizeof d);
	delete_rules(client_account(), "vault@" DOMAIN, NULL, done_cb, &d, NULL);
	ck_assert(client_spin(done_done, &d, WAIT_MS));
	ck_assert_msg(d.error == NULL, "%s", d.error ? d.error->message : "");
	r = client_chat(STRANGER2, "read vault", WAIT_MS);
	ck_assert(r != NULL);
	ck_lacks(r, "read vault: ok");
	g_free(r);
	ck_assert(client_spin(vault_question_pending, NULL, WAIT_MS));
}
END_TEST

void
iot_registry_token_tests(TCase *tc)
{
	tcase_add_test(tc, test_a_token_challenge_for_a_token_never_sent_is_forbidden);
	tcase_add_test(tc, test_a_yes_for_a_device_token_reaches_the_service_as_that_rule);
}
