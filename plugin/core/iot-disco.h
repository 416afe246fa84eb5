/*
 * iot-disco.h — what a thing offers, from XEP-0030 disco#info.
 *
 * Parses disco#info answers, picks the protocol generation per function
 * (newest first, protocols.md §12), and caches the answer per full JID so
 * that a thing is asked once; the cache entry is dropped when the thing's
 * XEP-0115 caps `ver` changes or it goes offline.
 */
#ifndef IOT_DISCO_H
#define IOT_DISCO_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-ns.h"
#include "iot-request.h"

G_BEGIN_DECLS

typedef struct {
	GPtrArray *features;  /* (element-type utf8) owned, bounded by IOT_MAX_DISCO_FEATURES */
	char *category;       /* nullable: first identity's category */
	char *type;           /* nullable: first identity's type */
	char *name;           /* nullable: first identity's name */
	char *caps_ver;       /* nullable: the caps ver this answer belongs to */
} IotDiscoInfo;

void iot_disco_info_free(IotDiscoInfo *info);

/* Parses the <query xmlns='…disco#info'/> child of a result IQ.
 * Returns: (transfer full) (nullable): NULL with @error when @query is not one. */
IotDiscoInfo *iot_disco_info_parse(const xmlNode *query, GError **error);

gboolean iot_disco_info_has(const IotDiscoInfo *info, const char *feature);

/* The newest generation in which @info offers @func, or IOT_GEN_UNKNOWN. */
IotGeneration iot_disco_info_pick(const IotDiscoInfo *info, IotFunction func);

/* TRUE when @info offers any IoT function: the contact is a thing. */
gboolean iot_disco_info_is_thing(const IotDiscoInfo *info);

typedef void (*IotDiscoFunc)(const IotDiscoInfo *info, const GError *error, gpointer user_data);

/* Sends disco#info to @peer. @cb runs exactly once. Returns the handle. */
guint iot_disco_query(IotRequestTable *t, const char *peer, guint timeout_ms, IotDiscoFunc cb,
                      gpointer user_data, GDestroyNotify destroy);

/* A per-account cache: full JID → IotDiscoInfo. */
typedef struct _IotDiscoCache IotDiscoCache;

IotDiscoCache *iot_disco_cache_new(void);
void iot_disco_cache_free(IotDiscoCache *c);
/* Returns: (transfer none) (nullable). */
const IotDiscoInfo *iot_disco_cache_lookup(IotDiscoCache *c, const char *full_jid);
/* Stores a copy of @info for @full_jid, remembering that it was true for caps
 * @caps_ver (nullable); evicts an arbitrary entry when full. */
void iot_disco_cache_store(IotDiscoCache *c, const char *full_jid, const IotDiscoInfo *info,
                           const char *caps_ver);
void iot_disco_cache_forget(IotDiscoCache *c, const char *full_jid);
/* A presence from @full_jid announced caps @ver (nullable): forgets the entry
 * when it was stored for another ver. Returns TRUE when something was forgotten. */
gboolean iot_disco_cache_caps_seen(IotDiscoCache *c, const char *full_jid, const char *ver);

G_END_DECLS

#endif
