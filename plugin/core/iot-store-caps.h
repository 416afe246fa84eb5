/*
 * iot-store-caps.h — the XEP-0115 caps cache in the store.
 *
 * One row per verified caps version (hash algorithm + ver): the disco#info
 * answer whose verification string matched that ver (iot-disco-caps.h), kept
 * as its <query/> XML so that the core parses it back with
 * iot_disco_info_parse() and can verify it again; when it was verified and
 * when it was last used. Unverified answers never come here.
 *
 * Bounded: iot_store_caps_prune() drops versions unused for
 * IOT_STORE_CAPS_UNUSED_DAYS and keeps at most IOT_STORE_CAPS_MAX_ROWS
 * (iot-limits.h). Times are Unix seconds, passed in so that tests choose them.
 */
#ifndef IOT_STORE_CAPS_H
#define IOT_STORE_CAPS_H

#include "iot-store.h"

G_BEGIN_DECLS

/* Returns: (transfer full) (nullable): the stored <query/> XML of @hash/@ver;
 * g_free(). NULL without @error when the version is unknown. Marks the row
 * used at @now (a write only when its last use is a day old or more). */
char *iot_store_caps_get(IotStore *st, const char *hash, const char *ver, gint64 now, GError **error);

/* Stores (or replaces) @info_xml (at most IOT_MAX_CAPS_INFO_BYTES) as the
 * verified answer for @hash/@ver, verified and used at @now. */
gboolean iot_store_caps_put(IotStore *st, const char *hash, const char *ver, const char *info_xml,
                            gint64 now, GError **error);

/* Removes @hash/@ver (a stored answer that no longer verifies). */
gboolean iot_store_caps_forget(IotStore *st, const char *hash, const char *ver, GError **error);

/* Drops versions unused since @now - IOT_STORE_CAPS_UNUSED_DAYS, then the
 * least recently used beyond IOT_STORE_CAPS_MAX_ROWS, in one transaction.
 * Returns: the number of rows dropped, or -1 with @error. */
gint64 iot_store_caps_prune(IotStore *st, gint64 now, GError **error);

/* Returns: the number of stored versions, or -1 with @error. */
gint64 iot_store_caps_count(IotStore *st, GError **error);

G_END_DECLS

#endif
