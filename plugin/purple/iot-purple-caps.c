/* iot-purple-caps.c — verified caps versions in memory and in the store. See the header. */
#include "iot-purple-caps.h"

#include "iot-limits.h"
#include "iot-purple-store.h"
#include "iot-store-caps.h"

#include <debug.h>

static GHashTable *known; /* caps key → IotDiscoInfo */
static guint stored_since_load; /* versions stored since load */

static gint64
now_s(void)
{
	return g_get_real_time() / G_USEC_PER_SEC;
}

static void
keep(char *key, IotDiscoInfo *info)
{
	if (known == NULL)
		known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)iot_disco_info_free);
	if (g_hash_table_size(known) >= IOT_MAX_CAPS_MEMORY && !g_hash_table_contains(known, key)) {
		GHashTableIter it;
		g_hash_table_iter_init(&it, known);
		if (g_hash_table_iter_next(&it, NULL, NULL))
			g_hash_table_iter_remove(&it); /* the store still has it */
	}
	g_hash_table_replace(known, key, info);
}

/* A copy of @info through its own fields, without the per-JID caps_ver. */
static IotDiscoInfo *
copy_info(const IotDiscoInfo *info)
{
	IotDiscoInfo *c = g_new0(IotDiscoInfo, 1);
	guint i;

	c->features = g_ptr_array_new_full(info->features->len, g_free);
	for (i = 0; i < info->features->len; i++)
		g_ptr_array_add(c->features, g_strdup(g_ptr_array_index(info->features, i)));
	c->category = g_strdup(info->category);
	c->type = g_strdup(info->type);
	c->name = g_strdup(info->name);
	return c;
}

const IotDiscoInfo *
iot_purple_caps_lookup(const IotDiscoCaps *caps)
{
	char *key = iot_disco_caps_key(caps), *xml;
	IotStore *st = iot_purple_store_get();
	IotDiscoInfo *info;
	GError *error = NULL;

	if (key == NULL)
		return NULL;
	if (known != NULL && (info = g_hash_table_lookup(known, key)) != NULL) {
		g_free(key);
		return info;
	}
	xml = st ? iot_store_caps_get(st, caps->hash, caps->ver, now_s(), &error) : NULL;
	if (error != NULL) {
		iot_purple_store_failed(error);
		g_clear_error(&error);
	}
	if (xml == NULL) {
		g_free(key);
		return NULL;
	}
	/* Verified again: a stored answer that no longer hashes to its ver
	 * (edited, damaged) is dropped and asked afresh. */
	info = iot_disco_caps_info_from_xml(xml, caps, &error);
	g_free(xml);
	if (info == NULL) {
		purple_debug_warning("xmpp-iot", "stored caps %s dropped: %s\n", key, error->message);
		g_clear_error(&error);
		if (!iot_store_caps_forget(st, caps->hash, caps->ver, &error)) {
			iot_purple_store_failed(error);
			g_clear_error(&error);
		}
		g_free(key);
		return NULL;
	}
	keep(key, info);
	return info;
}

void
iot_purple_caps_remember(const IotDiscoCaps *caps, const IotDiscoInfo *info, const char *verified_xml)
{
	char *key = iot_disco_caps_key(caps);
	IotStore *st = iot_purple_store_get();
	GError *error = NULL;

	g_return_if_fail(info != NULL && verified_xml != NULL);
	if (key == NULL)
		return;
	purple_debug_info("xmpp-iot", "caps %s verified\n", key);
	keep(key, copy_info(info));
	if (st != NULL && !iot_store_caps_put(st, caps->hash, caps->ver, verified_xml, now_s(), &error)) {
		iot_purple_store_failed(error);
		g_clear_error(&error);
	}
	/* Bounded while the plugin runs for months, not only at load. */
	if (st != NULL && ++stored_since_load % IOT_STORE_CAPS_PRUNE_EVERY == 0 &&
	    iot_store_caps_prune(st, now_s(), &error) < 0) {
		iot_purple_store_failed(error);
		g_clear_error(&error);
	}
}

void
iot_purple_caps_shutdown(void)
{
	if (known != NULL)
		g_hash_table_destroy(known);
	known = NULL;
	stored_since_load = 0;
}
