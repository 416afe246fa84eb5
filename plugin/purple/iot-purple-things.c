/* iot-purple-things.c — background discovery of things. See iot-purple-things.h. */
#include "iot-purple-things.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-purple-caps.h"

#include <debug.h>

#include <string.h>

/* Few at a time: a large roster coming online must not flood the stream. */
#define DISCOVER_PARALLEL 4
#define DISCOVER_TIMEOUT_MS 20000

static void discover_next(IotPurpleSession *s);

typedef struct {
	IotPurpleSession *s;
	char *full;
	IotDiscoCaps *caps; /* nullable: the resource's caps when it was asked */
	char *key;          /* nullable: their key in s->caps_pending when verifiable */
} Query;

/* What a full JID was asked for while it stays online (s->discover_asked;
 * one block, freed with g_free()). */
typedef struct {
	guint asks;
	gboolean has_ver;
	char ver[]; /* the caps ver it had */
} Asked;

static void
query_free(gpointer data)
{
	Query *q = data;

	g_free(q->full);
	iot_disco_caps_free(q->caps);
	g_free(q->key);
	g_free(q);
}

static gboolean
same_caps(const IotDiscoCaps *a, const IotDiscoCaps *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return g_strcmp0(a->hash, b->hash) == 0 && g_strcmp0(a->ver, b->ver) == 0;
}

/* @info is what @full offers, if it is still online with the caps it was asked for. */
static void
learn(IotPurpleSession *s, const char *full, const IotDiscoCaps *asked, const IotDiscoInfo *info)
{
	IotPurpleResource *r = iot_purple_session_resource(s, full);

	if (r == NULL || (asked != NULL && !same_caps(r->caps, asked)))
		return;
	iot_purple_session_store_disco(s, full, info);
	if (iot_disco_info_is_thing(info))
		purple_debug_info("xmpp-iot", "%s is a thing\n", full);
}

/* Answers a resource with a verified caps version from what is known. */
static gboolean
learn_known(IotPurpleSession *s, const char *full, const IotDiscoCaps *caps)
{
	const IotDiscoInfo *info = iot_purple_caps_lookup(caps);

	if (info != NULL)
		learn(s, full, caps, info);
	return info != NULL;
}

static void
answer_cb(const IotDiscoInfo *info, const char *verified_xml, const GError *error, gpointer data)
{
	Query *q = data;
	IotPurpleSession *s = q->s;
	GQueue *waiting = NULL;
	gpointer key = NULL;
	char *full;

	s->discovering--;
	/* A session that is ending starts nothing new (its waiting lists go with it). */
	if (error != NULL && (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED))
		return;
	if (error != NULL)
		purple_debug_misc("xmpp-iot", "disco#info of %s: %s\n", q->full, error->message);
	if (info != NULL && verified_xml != NULL)
		iot_purple_caps_remember(q->caps, info, verified_xml);
	if (info != NULL)
		learn(s, q->full, q->caps, info);
	if (q->key != NULL && g_hash_table_steal_extended(s->caps_pending, q->key, &key, (gpointer *)&waiting)) {
		if (info != NULL && verified_xml != NULL) {
			/* The answer stands for every resource announcing this version. */
			while ((full = g_queue_pop_head(waiting)) != NULL) {
				learn(s, full, q->caps, info);
				g_free(full);
			}
		} else {
			/* Unverified or failed: true of that resource at most. The next
			 * waiting resource is asked, the others wait for it. */
			while ((full = g_queue_pop_tail(waiting)) != NULL)
				g_queue_push_head(s->discover_queue, full);
		}
		g_queue_free(waiting);
		g_free(key);
	}
	discover_next(s);
}

static void
ask(IotPurpleSession *s, const char *full, const IotDiscoCaps *caps, const char *key)
{
	Query *q = g_new0(Query, 1);

	q->s = s;
	q->full = g_strdup(full);
	if (caps != NULL)
		q->caps = iot_disco_caps_new(caps->hash, caps->node, caps->ver);
	q->key = g_strdup(key);
	s->discovering++;
	/* The caps node is asked only for a version the answer can verify. */
	iot_disco_caps_query(s->table, full, key ? q->caps : NULL, DISCOVER_TIMEOUT_MS, answer_cb, q, query_free);
}

static void
discover_next(IotPurpleSession *s)
{
	while (s->discovering < DISCOVER_PARALLEL && !g_queue_is_empty(s->discover_queue)) {
		char *full = g_queue_pop_head(s->discover_queue), *key;
		IotPurpleResource *r = iot_purple_session_resource(s, full);
		GQueue *waiting;

		/* Gone offline, or learnt meanwhile (a /read, a known version). */
		if (r == NULL || iot_disco_cache_lookup(s->disco, full) != NULL) {
			g_free(full);
			continue;
		}
		key = iot_disco_caps_key(r->caps);
		if (key == NULL) {
			/* No caps, legacy caps, a hash we cannot check: this resource alone. */
			ask(s, full, r->caps, NULL);
		} else if (learn_known(s, full, r->caps)) {
			g_free(key);
		} else if ((waiting = g_hash_table_lookup(s->caps_pending, key)) != NULL) {
			/* One question per version: wait for the answer under way. */
			g_queue_push_tail(waiting, full);
			g_free(key);
			continue;
		} else {
			g_hash_table_insert(s->caps_pending, g_strdup(key), g_queue_new());
			ask(s, full, r->caps, key);
			g_free(key);
		}
		g_free(full);
	}
}

void
iot_purple_things_seen(IotPurpleSession *s, const char *full_jid)
{
	PurpleConnection *gc = purple_account_get_connection(s->account);
	const char *self = gc ? purple_connection_get_display_name(gc) : NULL;
	IotPurpleResource *r;
	const char *ver;
	guint asks;
	Asked *a;

	if (full_jid == NULL || iot_jid_resource(full_jid) == NULL || iot_jid_same_bare(full_jid, self))
		return;
	r = iot_purple_session_resource(s, full_jid);
	if (r == NULL || iot_disco_cache_lookup(s->disco, full_jid) != NULL)
		return;
	/* A version verified before is known at once, without a question. */
	if (iot_disco_caps_verifiable(r->caps) && learn_known(s, full_jid, r->caps))
		return;
	/* Asked again only when its caps change (the cache entry went with the
	 * old ones) and a bounded number of times while it stays online; going
	 * offline clears the mark. */
	ver = r->caps ? r->caps->ver : NULL;
	a = g_hash_table_lookup(s->discover_asked, full_jid);
	if (a != NULL && g_strcmp0(a->has_ver ? a->ver : NULL, ver) == 0)
		return;
	if (a != NULL && a->asks >= IOT_MAX_DISCO_ASKS_PER_RESOURCE)
		return;
	asks = a ? a->asks : 0;
	a = g_malloc0(sizeof(Asked) + (ver ? strlen(ver) : 0) + 1);
	a->asks = asks + 1;
	a->has_ver = ver != NULL;
	if (ver != NULL)
		strcpy(a->ver, ver);
	g_hash_table_replace(s->discover_asked, g_strdup(full_jid), a);
	/* Verifiable caps first: one question answers every resource with the
	 * same version, while each resource without caps costs one. */
	if (iot_disco_caps_verifiable(r->caps))
		g_queue_push_head(s->discover_queue, g_strdup(full_jid));
	else
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
