/* iot-purple-things.c — background discovery of things. See iot-purple-things.h. */
#include "iot-purple-things.h"

#include "iot-error.h"
#include "iot-jid.h"

#include <debug.h>

/* Few at a time: a large roster coming online must not flood the stream. */
#define DISCOVER_PARALLEL 4
#define DISCOVER_TIMEOUT_MS 20000

static void discover_next(IotPurpleSession *s);

typedef struct {
	IotPurpleSession *s;
	char *full;
} Query;

static void
query_free(gpointer data)
{
	Query *q = data;

	g_free(q->full);
	g_free(q);
}

static void
disco_cb(const IotDiscoInfo *info, const GError *error, gpointer data)
{
	Query *q = data;
	IotPurpleSession *s = q->s;

	s->discovering--;
	if (error != NULL) {
		purple_debug_misc("xmpp-iot", "disco#info of %s: %s\n", q->full, error->message);
		/* A session that is ending starts nothing new. */
		if (error->code != IOT_ERROR_DISCONNECTED && error->code != IOT_ERROR_CANCELLED)
			discover_next(s);
		return;
	}
	iot_purple_session_store_disco(s, q->full, info);
	if (iot_disco_info_is_thing(info))
		purple_debug_info("xmpp-iot", "%s is a thing\n", q->full);
	discover_next(s);
}

static void
discover_next(IotPurpleSession *s)
{
	while (s->discovering < DISCOVER_PARALLEL && !g_queue_is_empty(s->discover_queue)) {
		char *full = g_queue_pop_head(s->discover_queue);
		Query *q;

		if (iot_disco_cache_lookup(s->disco, full) != NULL) {
			g_free(full);
			continue;
		}
		q = g_new0(Query, 1);
		q->s = s;
		q->full = full;
		s->discovering++;
		iot_disco_query(s->table, full, DISCOVER_TIMEOUT_MS, disco_cb, q, query_free);
	}
}

void
iot_purple_things_seen(IotPurpleSession *s, const char *full_jid)
{
	PurpleConnection *gc = purple_account_get_connection(s->account);
	const char *self = gc ? purple_connection_get_display_name(gc) : NULL;

	if (full_jid == NULL || iot_jid_resource(full_jid) == NULL || iot_jid_same_bare(full_jid, self))
		return;
	if (iot_disco_cache_lookup(s->disco, full_jid) != NULL ||
	    g_hash_table_contains(s->discover_asked, full_jid))
		return;
	/* Once while the resource stays online (going offline clears the mark);
	 * a caps change clears the cache entry, not this mark, so a thing that
	 * keeps changing is not asked endlessly. */
	g_hash_table_add(s->discover_asked, g_strdup(full_jid));
	g_queue_push_tail(s->discover_queue, g_strdup(full_jid));
	discover_next(s);
}

gboolean
iot_purple_things_offers(IotPurpleSession *s, const char *bare, IotFunction func, const char **full)
{
	GList *res = iot_purple_session_resources(s, bare), *l;
	gboolean found = FALSE;

	for (l = res; l != NULL && !found; l = l->next) {
		IotPurpleResource *r = l->data;
		const IotDiscoInfo *info = iot_disco_cache_lookup(s->disco, r->full_jid);

		if (info != NULL && iot_disco_info_pick(info, func) != IOT_GEN_UNKNOWN) {
			found = TRUE;
			if (full)
				*full = r->full_jid;
		}
	}
	g_list_free(res);
	return found;
}

gboolean
iot_purple_things_is_thing(IotPurpleSession *s, const char *bare)
{
	GList *res = iot_purple_session_resources(s, bare), *l;
	gboolean found = FALSE;

	for (l = res; l != NULL && !found; l = l->next)
		found = iot_disco_info_is_thing(iot_disco_cache_lookup(s->disco, ((IotPurpleResource *)l->data)->full_jid));
	g_list_free(res);
	return found;
}
