/* iot-purple-session.c — per-account sessions. See iot-purple-session.h. */
#include "iot-purple-session.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-known.h"
#include "iot-purple-xml.h"

#include <debug.h>
#include <eventloop.h>
#include <prefs.h>
#include <signals.h>

#include <string.h>

#define TIMEOUT_PREF "/plugins/core/xmpp-iot/timeout"

typedef struct {
	void (*fn)(gpointer data, int code);
	gpointer data;
} Closer;

static GHashTable *sessions; /* PurpleAccount* → IotPurpleSession* */

static void
resource_free(IotPurpleResource *r)
{
	g_free(r->full_jid);
	iot_disco_caps_free(r->caps);
	g_free(r);
}

static void
resource_list_free(gpointer list)
{
	g_list_free_full(list, (GDestroyNotify)resource_free);
}

static void
string_queue_free(gpointer queue)
{
	g_queue_free_full(queue, g_free);
}

static gboolean
transport_send(gpointer data, const xmlNode *stanza)
{
	return iot_purple_session_send(data, stanza);
}

static guint
transport_timeout_add(gpointer data, guint ms, GSourceFunc fn, gpointer fn_data)
{
	return purple_timeout_add(ms, fn, fn_data);
}

static void
transport_timeout_remove(gpointer data, guint id)
{
	purple_timeout_remove(id);
}

static const IotTransport purple_transport = { transport_send, transport_timeout_add,
	                                       transport_timeout_remove };

gboolean
iot_purple_session_send(IotPurpleSession *s, const xmlNode *stanza)
{
	PurpleConnection *gc = purple_account_get_connection(s->account);
	xmlnode *node;

	/* connection-error only schedules the teardown: check the state, not just gc. */
	if (gc == NULL || purple_connection_get_state(gc) != PURPLE_CONNECTED)
		return FALSE;
	node = iot_purple_xml_export(stanza);
	if (node == NULL)
		return FALSE;
	/* The prpl serialises, counts it for stream management, and writes it;
	 * we keep ownership of the node (libpurple.md §2.1). */
	purple_signal_emit(purple_connection_get_prpl(gc), "jabber-sending-xmlnode", gc, &node);
	if (node != NULL)
		xmlnode_free(node);
	return TRUE;
}

guint
iot_purple_session_timeout_s(void)
{
	int t = purple_prefs_exists(TIMEOUT_PREF) ? purple_prefs_get_int(TIMEOUT_PREF) : 15;

	return (guint)CLAMP(t, 1, 600);
}

IotPurpleSession *
iot_purple_session_get(PurpleAccount *account)
{
	return (sessions && account) ? g_hash_table_lookup(sessions, account) : NULL;
}

IotPurpleSession *
iot_purple_session_for_gc(PurpleConnection *gc)
{
	return gc ? iot_purple_session_get(purple_connection_get_account(gc)) : NULL;
}

IotPurpleSession *
iot_purple_session_start(PurpleAccount *account)
{
	IotPurpleSession *s;

	g_return_val_if_fail(account != NULL, NULL);
	if (sessions == NULL)
		sessions = g_hash_table_new(g_direct_hash, g_direct_equal);
	if ((s = g_hash_table_lookup(sessions, account)) != NULL)
		return s;
	s = g_new0(IotPurpleSession, 1);
	s->account = account;
	s->table = iot_request_table_new(&purple_transport, s, IOT_PURPLE_ID_PREFIX);
	{
		char *lang = iot_request_lang_from_locale(g_get_language_names());
		iot_request_table_set_lang(s->table, lang);
		g_free(lang);
	}
	s->disco = iot_disco_cache_new();
	s->concentrators = iot_concentrator_cache_new();
	s->resources = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, resource_list_free);
	s->discover_queue = g_queue_new();
	s->discover_asked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	s->caps_pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, string_queue_free);
	s->known = iot_purple_known_new();
	g_hash_table_insert(sessions, account, s);
	purple_debug_info("xmpp-iot", "session started for %s\n", purple_account_get_username(account));
	return s;
}

static void
session_free(IotPurpleSession *s, int code)
{
	const char *why = code == IOT_ERROR_DISCONNECTED ? "disconnected" : "cancelled";

	/* Closers first (lookups waiting on a timer), then the table: each
	 * pending request's callback runs exactly once, now, with @code. */
	while (s->closers != NULL) {
		Closer *c = s->closers->data;
		s->closers = g_list_delete_link(s->closers, s->closers);
		c->fn(c->data, code);
		g_free(c);
	}
	iot_request_table_fail_all(s->table, code, why);
	iot_request_table_free(s->table);
	iot_disco_cache_free(s->disco);
	iot_concentrator_cache_free(s->concentrators);
	g_hash_table_destroy(s->resources);
	g_queue_free_full(s->discover_queue, g_free);
	g_hash_table_destroy(s->discover_asked);
	g_hash_table_destroy(s->caps_pending);
	iot_purple_known_free(s->known);
	g_free(s);
}

void
iot_purple_session_end(PurpleAccount *account, int code)
{
	IotPurpleSession *s = iot_purple_session_get(account);

	if (s == NULL)
		return;
	g_hash_table_remove(sessions, account);
	purple_debug_info("xmpp-iot", "session ended for %s\n", purple_account_get_username(account));
	session_free(s, code);
}

void
iot_purple_session_end_all(int code)
{
	GList *accounts, *l;

	if (sessions == NULL)
		return;
	accounts = g_hash_table_get_keys(sessions);
	for (l = accounts; l != NULL; l = l->next)
		iot_purple_session_end(l->data, code);
	g_list_free(accounts);
	g_hash_table_destroy(sessions);
	sessions = NULL;
}

gpointer
iot_purple_session_add_closer(IotPurpleSession *s, void (*fn)(gpointer data, int code), gpointer data)
{
	Closer *c = g_new0(Closer, 1);

	c->fn = fn;
	c->data = data;
	s->closers = g_list_prepend(s->closers, c);
	return c;
}

void
iot_purple_session_remove_closer(IotPurpleSession *s, gpointer token)
{
	if (g_list_find(s->closers, token) == NULL)
		return;
	s->closers = g_list_remove(s->closers, token);
	g_free(token);
}

static gboolean
caps_equal(const IotDiscoCaps *a, const IotDiscoCaps *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return g_strcmp0(a->ver, b->ver) == 0 && g_strcmp0(a->hash, b->hash) == 0;
}

gboolean
iot_purple_session_presence(IotPurpleSession *s, const char *from, gboolean available, int priority,
                            const IotDiscoCaps *caps)
{
	char *bare = iot_jid_bare(from);
	GList *list, *l;
	IotPurpleResource *found = NULL;
	gboolean arrived = FALSE;

	if (bare == NULL || iot_jid_resource(from) == NULL) {
		g_free(bare);
		return FALSE;
	}
	if (!g_hash_table_lookup_extended(s->resources, bare, NULL, (gpointer *)&list))
		list = NULL;
	for (l = list; l != NULL; l = l->next) {
		IotPurpleResource *r = l->data;
		if (iot_jid_equal(r->full_jid, from))
			found = r;
	}
	/* Gone, back, or other caps: what it told us may no longer hold. */
	if (!available || found == NULL || !caps_equal(found->caps, caps))
		iot_purple_known_forget(s->known, from);
	if (!available) {
		if (found != NULL) {
			list = g_list_remove(list, found);
			resource_free(found);
		}
		iot_disco_cache_forget(s->disco, from);
		iot_concentrator_cache_forget(s->concentrators, from, NULL);
		/* What it offers when it comes back is asked again. */
		g_hash_table_remove(s->discover_asked, from);
	} else {
		if (found == NULL) {
			found = g_new0(IotPurpleResource, 1);
			found->full_jid = g_strdup(from);
			list = g_list_append(list, found);
			arrived = TRUE;
		}
		found->priority = priority;
		if (!caps_equal(found->caps, caps)) {
			/* New capabilities: what we knew of this resource is stale. */
			iot_concentrator_cache_forget(s->concentrators, from, NULL);
			iot_disco_cache_caps_seen(s->disco, from, caps ? caps->ver : NULL);
			iot_disco_caps_free(found->caps);
			found->caps = caps ? iot_disco_caps_new(caps->hash, caps->node, caps->ver) : NULL;
		}
	}
	{
		gpointer old_key = NULL;
		/* Re-insert the (possibly new) list head without freeing it. */
		if (g_hash_table_steal_extended(s->resources, bare, &old_key, NULL))
			g_free(old_key);
	}
	if (list != NULL)
		g_hash_table_insert(s->resources, g_strdup(bare), list);
	g_free(bare);
	return arrived;
}

static gint
by_priority(gconstpointer a, gconstpointer b)
{
	return ((const IotPurpleResource *)b)->priority - ((const IotPurpleResource *)a)->priority;
}

IotPurpleResource *
iot_purple_session_resource(IotPurpleSession *s, const char *full_jid)
{
	char *bare = iot_jid_bare(full_jid);
	GList *l = bare ? g_hash_table_lookup(s->resources, bare) : NULL;

	g_free(bare);
	for (; l != NULL; l = l->next)
		if (iot_jid_equal(((IotPurpleResource *)l->data)->full_jid, full_jid))
			return l->data;
	return NULL;
}

GList *
iot_purple_session_resources(IotPurpleSession *s, const char *bare)
{
	char *key = iot_jid_bare(bare);
	GList *list = key ? g_hash_table_lookup(s->resources, key) : NULL;

	g_free(key);
	return g_list_sort(g_list_copy(list), by_priority);
}

void
iot_purple_session_store_disco(IotPurpleSession *s, const char *full_jid, const IotDiscoInfo *info)
{
	IotPurpleResource *r = iot_purple_session_resource(s, full_jid);

	iot_disco_cache_store(s->disco, full_jid, info, r && r->caps ? r->caps->ver : NULL);
}
