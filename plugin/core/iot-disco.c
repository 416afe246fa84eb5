/* iot-disco.c — disco#info parsing, generation choice and cache. See iot-disco.h. */
#include "iot-disco.h"

#include "iot-disco-caps.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

void
iot_disco_info_free(IotDiscoInfo *info)
{
	if (info == NULL)
		return;
	g_ptr_array_free(info->features, TRUE);
	g_free(info->category);
	g_free(info->type);
	g_free(info->name);
	g_free(info->caps_ver);
	g_free(info);
}

static IotDiscoInfo *
info_copy(const IotDiscoInfo *src)
{
	IotDiscoInfo *d = g_new0(IotDiscoInfo, 1);
	guint i;

	d->features = g_ptr_array_new_full(src->features->len, g_free);
	for (i = 0; i < src->features->len; i++)
		g_ptr_array_add(d->features, g_strdup(g_ptr_array_index(src->features, i)));
	d->category = g_strdup(src->category);
	d->type = g_strdup(src->type);
	d->name = g_strdup(src->name);
	d->caps_ver = g_strdup(src->caps_ver);
	return d;
}

IotDiscoInfo *
iot_disco_info_parse(const xmlNode *query, GError **error)
{
	IotDiscoInfo *info;
	const xmlNode *c;
	gboolean have_identity = FALSE;

	if (!iot_xml_is(query, "query", IOT_NS_DISCO_INFO)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a disco#info answer");
		return NULL;
	}
	info = g_new0(IotDiscoInfo, 1);
	info->features = g_ptr_array_new_with_free_func(g_free);
	for (c = iot_xml_first(query); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "feature", NULL)) {
			const char *var = iot_xml_attr(c, "var");
			if (var != NULL && strlen(var) <= IOT_MAX_NAME_BYTES &&
			    info->features->len < IOT_MAX_DISCO_FEATURES)
				g_ptr_array_add(info->features, g_strdup(var));
		} else if (iot_xml_is(c, "identity", NULL) && !have_identity) {
			/* Only the first identity: a second one must not replace (and
			 * leak) the first when that one lacked a category. */
			have_identity = TRUE;
			info->category = g_strndup(iot_xml_attr(c, "category"), IOT_MAX_NAME_BYTES);
			info->type = g_strndup(iot_xml_attr(c, "type"), IOT_MAX_NAME_BYTES);
			info->name = g_strndup(iot_xml_attr(c, "name"), IOT_MAX_NAME_BYTES);
		}
	}
	return info;
}

gboolean
iot_disco_info_has(const IotDiscoInfo *info, const char *feature)
{
	guint i;

	if (info == NULL || feature == NULL)
		return FALSE;
	for (i = 0; i < info->features->len; i++)
		if (strcmp(g_ptr_array_index(info->features, i), feature) == 0)
			return TRUE;
	return FALSE;
}

IotGeneration
iot_disco_info_pick(const IotDiscoInfo *info, IotFunction func)
{
	IotGeneration g;
	guint i;

	for (i = 0; (g = iot_generation_preference(i)) != IOT_GEN_UNKNOWN; i++) {
		const char *ns = iot_ns_for(g, func);
		if (ns != NULL && iot_disco_info_has(info, ns))
			return g;
	}
	return IOT_GEN_UNKNOWN;
}

gboolean
iot_disco_info_is_thing(const IotDiscoInfo *info)
{
	guint i;

	if (info == NULL)
		return FALSE;
	for (i = 0; i < info->features->len; i++)
		if (iot_ns_classify(g_ptr_array_index(info->features, i), NULL, NULL))
			return TRUE;
	return FALSE;
}

/* --- query flow ---------------------------------------------------------------- */

/* The plain query is the caps query without caps: nothing to verify. */
typedef struct {
	IotDiscoFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Query;

static void
query_done(const IotDiscoInfo *info, const char *verified_xml, const GError *error, gpointer data)
{
	Query *q = data;

	q->cb(info, error, q->user_data);
}

static void
query_free(gpointer data)
{
	Query *q = data;

	if (q->destroy)
		q->destroy(q->user_data);
	g_free(q);
}

guint
iot_disco_query(IotRequestTable *t, const char *peer, guint timeout_ms, IotDiscoFunc cb,
                gpointer user_data, GDestroyNotify destroy)
{
	Query *q;

	g_return_val_if_fail(t != NULL && peer != NULL && cb != NULL, 0);
	q = g_new0(Query, 1);
	q->cb = cb;
	q->user_data = user_data;
	q->destroy = destroy;
	return iot_disco_caps_query(t, peer, NULL, timeout_ms, query_done, q, query_free);
}

/* --- cache ---------------------------------------------------------------------- */

struct _IotDiscoCache {
	GHashTable *entries; /* normalised full JID → IotDiscoInfo */
};

static char *
cache_key(const char *full_jid)
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

IotDiscoCache *
iot_disco_cache_new(void)
{
	IotDiscoCache *c = g_new0(IotDiscoCache, 1);

	c->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                   (GDestroyNotify)iot_disco_info_free);
	return c;
}

void
iot_disco_cache_free(IotDiscoCache *c)
{
	if (c == NULL)
		return;
	g_hash_table_destroy(c->entries);
	g_free(c);
}

const IotDiscoInfo *
iot_disco_cache_lookup(IotDiscoCache *c, const char *full_jid)
{
	char *key = cache_key(full_jid);
	const IotDiscoInfo *info = key ? g_hash_table_lookup(c->entries, key) : NULL;

	g_free(key);
	return info;
}

void
iot_disco_cache_store(IotDiscoCache *c, const char *full_jid, const IotDiscoInfo *info,
                      const char *caps_ver)
{
	char *key = cache_key(full_jid);
	IotDiscoInfo *copy;

	if (key == NULL || info == NULL) {
		g_free(key);
		return;
	}
	if (g_hash_table_size(c->entries) >= IOT_MAX_DISCO_CACHE && !g_hash_table_contains(c->entries, key)) {
		GHashTableIter it;
		gpointer k;
		g_hash_table_iter_init(&it, c->entries);
		if (g_hash_table_iter_next(&it, &k, NULL))
			g_hash_table_iter_remove(&it);
	}
	copy = info_copy(info);
	g_free(copy->caps_ver);
	copy->caps_ver = g_strdup(caps_ver);
	g_hash_table_replace(c->entries, key, copy);
}

void
iot_disco_cache_forget(IotDiscoCache *c, const char *full_jid)
{
	char *key = cache_key(full_jid);

	if (key != NULL)
		g_hash_table_remove(c->entries, key);
	g_free(key);
}

gboolean
iot_disco_cache_caps_seen(IotDiscoCache *c, const char *full_jid, const char *ver)
{
	char *key = cache_key(full_jid);
	IotDiscoInfo *info = key ? g_hash_table_lookup(c->entries, key) : NULL;
	gboolean forgot = FALSE;

	if (info != NULL && g_strcmp0(info->caps_ver, ver) != 0) {
		g_hash_table_remove(c->entries, key);
		forgot = TRUE;
	}
	g_free(key);
	return forgot;
}
