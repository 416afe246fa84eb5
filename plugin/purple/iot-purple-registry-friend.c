/* iot-purple-registry-friend.c — friend requests from things: a presence
 * subscription request is held while the requester's disco#info is asked, then shown by libpurple's authorization
 * request with what the requester says it is (disco identity, "a thing",
 * registry tags seen this session). libpurple lets a plugin only accept
 * or deny in account-authorization-requested, not add to the request's
 * text, so the request is made here, with our own accept and deny (the
 * presence the prpl would send). A roster push adds whoever we asked to
 * the buddy list first, so every request is held, at most 5 s. */
#include "iot-purple-registry-private.h"

#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-xml.h"

#include <account.h>
#include <debug.h>
#include <glib/gi18n-lib.h>

#include <string.h>

/* Things whose registry tags were seen: bare JID (lower case) → preview. */
#define SEEN_MAX 2000
static GHashTable *seen;
/* Requests held while disco#info is asked: (element-type Held). */
static GPtrArray *held;

typedef struct {
	PurpleAccount *account;
	char *from;       /* bare JID */
	char *nick;       /* nullable: XEP-0172 nick the request carried */
	gboolean done;
} Held;

static void
held_free(gpointer p)
{
	Held *h = p;

	g_free(h->from);
	g_free(h->nick);
	g_free(h);
}

void
iot_purple_registry_remember_page(const IotRegistryPage *page)
{
	guint i, k;

	if (page == NULL)
		return;
	if (seen == NULL)
		seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (i = 0; i < page->things->len; i++) {
		const IotRegistryThing *t = g_ptr_array_index(page->things, i);
		GString *tags = g_string_new(NULL);
		char *bare, *low;

		if (t->jid == NULL || t->node.node_id != NULL || (bare = iot_jid_bare(t->jid)) == NULL) {
			g_string_free(tags, TRUE);
			continue;
		}
		for (k = 0; t->tags != NULL && k < t->tags->len && k < 12; k++) {
			const IotRegistryTag *tag = g_ptr_array_index(t->tags, k);
			if (!iot_registry_tag_is_key(tag->name))
				g_string_append_printf(tags, "%s%s=%s", tags->len ? ", " : "", tag->name, tag->value);
		}
		if (g_hash_table_size(seen) >= SEEN_MAX)
			g_hash_table_remove_all(seen);
		low = g_utf8_strdown(bare, -1);
		g_hash_table_replace(seen, low, iot_purple_registry_printable(tags->str, 300));
		g_string_free(tags, TRUE);
		g_free(bare);
	}
}

/* Returns: (transfer full) (nullable): the registry tags of @jid seen. */
static char *
seen_tags(const char *jid)
{
	char *low = jid ? g_utf8_strdown(jid, -1) : NULL;
	const char *t = seen && low ? g_hash_table_lookup(seen, low) : NULL;

	g_free(low);
	return t != NULL && *t != '\0' ? g_strdup(t) : NULL;
}

char *
iot_purple_registry_describe_jid(PurpleAccount *account, const char *jid)
{
	IotPurpleSession *s = iot_purple_session_get(account);
	GString *out = g_string_new(NULL);
	GList *res, *l;
	const IotDiscoInfo *info = NULL;
	char *tags, *shown;

	if (s != NULL && jid != NULL) {
		res = iot_purple_session_resources(s, jid);
		for (l = res; l != NULL && info == NULL; l = l->next)
			info = iot_disco_cache_lookup(s->disco, ((IotPurpleResource *)l->data)->full_jid);
		g_list_free(res);
		if (info == NULL)
			info = iot_disco_cache_lookup(s->disco, jid);
	}
	if (info != NULL && info->name != NULL)
		g_string_append(out, info->name);
	if (info != NULL && info->category != NULL)
		g_string_append_printf(out, "%s(%s/%s)", out->len ? " " : "", info->category, info->type ? info->type : "");
	if (info != NULL && iot_disco_info_is_thing(info))
		g_string_append_printf(out, "%s%s", out->len ? " — " : "", _("a thing"));
	if ((tags = seen_tags(jid)) != NULL) {
		/* TRANSLATORS: what the thing registry says of a thing: its tags. */
		g_string_append_printf(out, "%s%s %s", out->len ? "; " : "", _("Registry tags:"), tags);
		g_free(tags);
	}
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	shown = iot_purple_registry_printable(out->str, 400);
	g_string_free(out, TRUE);
	return shown;
}

static void
send_presence(PurpleAccount *account, const char *to, const char *type)
{
	IotPurpleSession *s = iot_purple_session_get(account);
	xmlNode *p;

	if (s == NULL)
		return;
	p = iot_xml_new("presence", NULL);
	xmlNewProp(p, BAD_CAST "to", BAD_CAST to);
	xmlNewProp(p, BAD_CAST "type", BAD_CAST type);
	iot_purple_session_send(s, p);
	xmlFreeNode(p);
}

/* Held by the request (until one of its callbacks runs) and by ask_now()
 * while it asks: libpurple may answer at once (a plugin's signal), later
 * (the UI's dialog) or never (no UI for it), and says which only by
 * calling back or not. */
typedef struct {
	PurpleAccount *account;
	char *from;
	guint refs;
	gboolean answered;
} Answer;

static void
answer_free(Answer *a)
{
	a->answered = TRUE;
	if (--a->refs > 0)
		return;
	g_free(a->from);
	g_free(a);
}

static void
auth_cb(void *data)
{
	Answer *a = data;

	send_presence(a->account, a->from, "subscribed");
	answer_free(a);
}

static void
deny_cb(void *data)
{
	Answer *a = data;

	send_presence(a->account, a->from, "unsubscribed");
	answer_free(a);
}

static void
ask_now(Held *h)
{
	char *what = iot_purple_registry_describe_jid(h->account, h->from);
	char *message = what ? g_strdup_printf(_("It says it is: %s"), what) : NULL;
	Answer *a = g_new0(Answer, 1);

	a->account = h->account;
	a->from = g_strdup(h->from);
	a->refs = 2;
	if (purple_account_request_authorization(h->account, h->from, NULL, h->nick, message,
	                                         purple_find_buddy(h->account, h->from) != NULL, auth_cb,
	                                         deny_cb, a) == NULL &&
	    !a->answered)
		answer_free(a); /* nobody asks it: the request's reference goes */
	answer_free(a);
	g_free(message);
	g_free(what);
}

static void
info_cb(const IotDiscoInfo *info, const GError *error, gpointer data)
{
	Held *h = data;
	IotPurpleSession *s;

	if (held == NULL || !g_ptr_array_find(held, h, NULL) || h->done)
		return;
	h->done = TRUE;
	if (info != NULL && (s = iot_purple_session_get(h->account)) != NULL)
		iot_disco_cache_store(s->disco, h->from, info, NULL);
	ask_now(h);
	g_ptr_array_remove(held, h);
}

gboolean
iot_purple_registry_subscription_request(PurpleAccount *account, const char *from, const char *nick)
{
	IotPurpleSession *s = iot_purple_session_get(account);
	char *bare;
	Held *h;
	GList *res;
	const char *ask;

	if (s == NULL || from == NULL || (bare = iot_jid_bare(from)) == NULL)
		return FALSE;
	if (held == NULL)
		held = g_ptr_array_new_with_free_func(held_free);
	if (held->len >= 100) { /* a flood: the prpl asks as ever */
		g_free(bare);
		return FALSE;
	}
	h = g_new0(Held, 1);
	h->account = account;
	h->from = bare;
	h->nick = nick ? iot_purple_registry_printable(nick, 64) : NULL;
	g_ptr_array_add(held, h);
	/* A resource of it we know answers for itself; else the bare JID. */
	res = iot_purple_session_resources(s, bare);
	ask = res != NULL ? ((IotPurpleResource *)res->data)->full_jid : bare;
	iot_disco_query(s->table, ask, MIN(iot_purple_registry_timeout_ms(), 5000), info_cb, h, NULL);
	g_list_free(res);
	return TRUE;
}

void
iot_purple_registry_friend_session_changed(PurpleAccount *account, gboolean online)
{
	guint i;

	/* A request held when the account goes: the server offers it again at
	 * the next sign-on (RFC 6121 §3.1.3). */
	for (i = held ? held->len : 0; i > 0; i--) {
		Held *h = g_ptr_array_index(held, i - 1);
		if (h->account == account) {
			h->done = TRUE;
			g_ptr_array_remove_index(held, i - 1);
		}
	}
}

void
iot_purple_registry_friend_shutdown(void)
{
	if (held != NULL) {
		g_ptr_array_unref(held);
		held = NULL;
	}
	if (seen != NULL) {
		g_hash_table_destroy(seen);
		seen = NULL;
	}
}
