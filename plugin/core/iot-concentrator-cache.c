/* iot-concentrator-cache.c — what an account learnt of its concentrators:
 * their capabilities, data sources and where each node asked for lives. See iot-concentrator.h. */
#include "iot-concentrator.h"

#include "iot-jid.h"
#include "iot-limits.h"

typedef struct {
	gboolean caps_known;
	IotConcentratorCaps caps;
	GPtrArray *sources; /* (element-type IotConcentratorSource) nullable */
	GHashTable *nodes;  /* node id → IotNodeRef */
} Entry;

struct _IotConcentratorCache {
	GHashTable *entries; /* normalised full JID → Entry */
};

static void
ref_free(gpointer data)
{
	iot_node_ref_clear(data);
	g_free(data);
}

static void
entry_free(gpointer data)
{
	Entry *e = data;

	if (e->sources != NULL)
		g_ptr_array_unref(e->sources);
	g_hash_table_destroy(e->nodes);
	g_free(e);
}

/* Bare JIDs compare without case; the resource is kept as it is. */
static char *
key_of(const char *full_jid)
{
	char *bare = iot_jid_bare(full_jid);
	const char *res = iot_jid_resource(full_jid);
	char *key;

	if (bare == NULL)
		return NULL;
	key = res ? g_strconcat(bare, "/", res, NULL) : g_strdup(bare);
	g_free(bare);
	return key;
}

/* Removes an arbitrary entry of @table when it holds @max. */
static void
make_room(GHashTable *table, guint max)
{
	GHashTableIter it;

	if (g_hash_table_size(table) < max)
		return;
	g_hash_table_iter_init(&it, table);
	if (g_hash_table_iter_next(&it, NULL, NULL))
		g_hash_table_iter_remove(&it);
}

static Entry *
entry_for(IotConcentratorCache *c, const char *full_jid, gboolean create)
{
	char *key = key_of(full_jid);
	Entry *e;

	if (key == NULL)
		return NULL;
	e = g_hash_table_lookup(c->entries, key);
	if (e == NULL && create) {
		make_room(c->entries, IOT_MAX_CONCENTRATOR_CACHE);
		e = g_new0(Entry, 1);
		e->nodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, ref_free);
		g_hash_table_insert(c->entries, key, e);
		return e;
	}
	g_free(key);
	return e;
}

IotConcentratorCache *
iot_concentrator_cache_new(void)
{
	IotConcentratorCache *c = g_new0(IotConcentratorCache, 1);

	c->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
	return c;
}

void
iot_concentrator_cache_free(IotConcentratorCache *c)
{
	if (c == NULL)
		return;
	g_hash_table_destroy(c->entries);
	g_free(c);
}

const IotNodeRef *
iot_concentrator_cache_lookup(IotConcentratorCache *c, const char *full_jid, const char *node_id)
{
	Entry *e;

	g_return_val_if_fail(c != NULL, NULL);
	if (full_jid == NULL || node_id == NULL)
		return NULL;
	e = entry_for(c, full_jid, FALSE);
	return e != NULL ? g_hash_table_lookup(e->nodes, node_id) : NULL;
}

void
iot_concentrator_cache_store(IotConcentratorCache *c, const char *full_jid, const IotNodeRef *ref)
{
	IotNodeRef *copy;
	Entry *e;

	g_return_if_fail(c != NULL && ref != NULL && ref->node_id != NULL && ref->source_id != NULL);
	if ((e = entry_for(c, full_jid, TRUE)) == NULL)
		return;
	if (!g_hash_table_contains(e->nodes, ref->node_id))
		make_room(e->nodes, IOT_MAX_CONCENTRATOR_CACHE_NODES);
	copy = g_new0(IotNodeRef, 1);
	iot_node_ref_copy(copy, ref);
	g_hash_table_replace(e->nodes, g_strdup(ref->node_id), copy);
}

const GPtrArray *
iot_concentrator_cache_sources(IotConcentratorCache *c, const char *full_jid)
{
	Entry *e;

	g_return_val_if_fail(c != NULL, NULL);
	e = full_jid != NULL ? entry_for(c, full_jid, FALSE) : NULL;
	return e != NULL ? e->sources : NULL;
}

void
iot_concentrator_cache_store_sources(IotConcentratorCache *c, const char *full_jid,
                                     const GPtrArray *sources)
{
	Entry *e;
	guint i;

	g_return_if_fail(c != NULL && sources != NULL);
	if ((e = entry_for(c, full_jid, TRUE)) == NULL)
		return;
	if (e->sources != NULL)
		g_ptr_array_unref(e->sources);
	e->sources = g_ptr_array_new_full(sources->len, (GDestroyNotify)iot_concentrator_source_free);
	for (i = 0; i < sources->len && i < IOT_MAX_CONCENTRATOR_SOURCES; i++)
		g_ptr_array_add(e->sources, iot_concentrator_source_copy(g_ptr_array_index(sources, i)));
}

gboolean
iot_concentrator_cache_caps(IotConcentratorCache *c, const char *full_jid, IotConcentratorCaps *caps)
{
	Entry *e;

	g_return_val_if_fail(c != NULL && caps != NULL, FALSE);
	e = full_jid != NULL ? entry_for(c, full_jid, FALSE) : NULL;
	if (e == NULL || !e->caps_known)
		return FALSE;
	*caps = e->caps;
	return TRUE;
}

void
iot_concentrator_cache_store_caps(IotConcentratorCache *c, const char *full_jid, IotConcentratorCaps caps)
{
	Entry *e;

	g_return_if_fail(c != NULL);
	if (full_jid == NULL || (e = entry_for(c, full_jid, TRUE)) == NULL)
		return;
	e->caps_known = TRUE;
	e->caps = caps;
}

void
iot_concentrator_cache_forget(IotConcentratorCache *c, const char *full_jid, const char *node_id)
{
	char *key;
	Entry *e;

	g_return_if_fail(c != NULL);
	if (full_jid == NULL || (key = key_of(full_jid)) == NULL)
		return;
	if (node_id == NULL) {
		g_hash_table_remove(c->entries, key);
	} else if ((e = g_hash_table_lookup(c->entries, key)) != NULL) {
		g_hash_table_remove(e->nodes, node_id);
	}
	g_free(key);
}
