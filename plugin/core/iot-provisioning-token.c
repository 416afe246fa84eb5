/* iot-provisioning-token.c — token challenge guard. See iot-provisioning-token.h. */
#include "iot-provisioning-token.h"

#include "iot-jid.h"
#include "iot-xml.h"

#include <string.h>

typedef struct {
	char *to;      /* as sent: full or bare */
	char *token;
	gint64 at_ms;
} Sent;

struct _IotTokenGuard {
	GQueue sent; /* of Sent, oldest first */
};

static void
sent_free(gpointer data)
{
	Sent *s = data;

	g_free(s->to);
	g_free(s->token);
	g_free(s);
}

IotTokenGuard *
iot_token_guard_new(void)
{
	IotTokenGuard *g = g_new0(IotTokenGuard, 1);

	g_queue_init(&g->sent);
	return g;
}

void
iot_token_guard_free(IotTokenGuard *g)
{
	if (g == NULL)
		return;
	g_queue_clear_full(&g->sent, sent_free);
	g_free(g);
}

void
iot_token_guard_sent(IotTokenGuard *g, const char *to, const char *tokens, gint64 now_ms)
{
	char **parts, *bare;
	guint i;

	g_return_if_fail(g != NULL);
	if (to == NULL || tokens == NULL)
		return;
	bare = iot_jid_bare(to);
	if (bare == NULL)
		return;
	g_free(bare);
	parts = g_strsplit_set(tokens, " \t\r\n", -1);
	for (i = 0; parts[i] != NULL; i++) {
		Sent *s;

		if (*parts[i] == '\0')
			continue;
		while (g_queue_get_length(&g->sent) >= IOT_TOKEN_GUARD_MAX)
			sent_free(g_queue_pop_head(&g->sent));
		s = g_new0(Sent, 1);
		s->to = g_strdup(to);
		s->token = g_strdup(parts[i]);
		s->at_ms = now_ms;
		g_queue_push_tail(&g->sent, s);
	}
	g_strfreev(parts);
}

static gboolean
address_matches(const char *sent_to, const char *from)
{
	if (iot_jid_resource(sent_to) != NULL)
		return iot_jid_equal(sent_to, from);
	return iot_jid_same_bare(sent_to, from);
}

gboolean
iot_token_guard_may_answer(IotTokenGuard *g, const char *from, const char *token, gint64 now_ms)
{
	GList *l;

	g_return_val_if_fail(g != NULL, FALSE);
	if (from == NULL || token == NULL || *token == '\0')
		return FALSE;
	for (l = g->sent.tail; l != NULL; l = l->prev) {
		const Sent *s = l->data;

		/* A sending "from the future" (a clock stepped back) is no proof. */
		if (s->at_ms > now_ms || now_ms - s->at_ms > IOT_TOKEN_WINDOW_MS)
			continue;
		if (strcmp(s->token, token) == 0 && address_matches(s->to, from))
			return TRUE;
	}
	return FALSE;
}

guint
iot_token_guard_prune(IotTokenGuard *g, gint64 now_ms)
{
	GList *l, *next;

	g_return_val_if_fail(g != NULL, 0);
	for (l = g->sent.head; l != NULL; l = next) {
		Sent *s = l->data;

		next = l->next;
		if (now_ms - s->at_ms > IOT_TOKEN_WINDOW_MS) {
			sent_free(s);
			g_queue_delete_link(&g->sent, l);
		}
	}
	return g_queue_get_length(&g->sent);
}

gboolean
iot_token_challenge_is(const xmlNode *el)
{
	static const char *const ns[] = { "urn:xmpp:iot:provisioning", "urn:ieee:iot:prov:t:1.0",
		                              "urn:nf:iot:prov:t:1.0", "urn:nfi:iot:prov:t:1.0" };
	guint i;

	for (i = 0; el != NULL && i < G_N_ELEMENTS(ns); i++)
		if (iot_xml_is(el, "tokenChallenge", ns[i]))
			return TRUE;
	return FALSE;
}

gboolean
iot_token_challenge_read(const xmlNode *el, const char **token)
{
	const char *t;

	if (!iot_token_challenge_is(el))
		return FALSE;
	t = iot_xml_attr(el, "token");
	if (t == NULL || *t == '\0' || strlen(t) > 4096)
		return FALSE;
	if (token)
		*token = t;
	return TRUE;
}
