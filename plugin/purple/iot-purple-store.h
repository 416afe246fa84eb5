/*
 * iot-purple-store.h — the plugin's store (iot-store.h) in libpurple.
 *
 * One database at purple_user_dir()/xmpp-iot/store.db, opened when the
 * plugin loads and closed when it unloads. Problems are told to the person
 * once per load through purple_notify (translated): a damaged or foreign
 * file that was moved aside, a store that cannot be used (read-only
 * directory, full disk, a newer version's file), or one that cannot be
 * written any more (full disk, busy). Without a store the plugin
 * keeps working; what it learns is then not kept.
 */
#ifndef IOT_PURPLE_STORE_H
#define IOT_PURPLE_STORE_H

#include "iot-store.h"

/* Opens the store (plugin load). */
void iot_purple_store_open(void);

/* Closes it; nothing is pending afterwards (plugin unload). */
void iot_purple_store_close(void);

/* Returns: (transfer none) (nullable): the open store, NULL when the plugin
 * runs without one. Valid until iot_purple_store_close(). */
IotStore *iot_purple_store_get(void);

/* A store operation failed with @error (transfer none; IOT_STORE_ERROR or
 * IOT_STORE_HISTORY_ERROR): logged; the first failure that means data is not
 * kept (full disk, unwritable, busy, damaged) is told once per load. */
void iot_purple_store_failed(const GError *error);

/* Sets *@bytes to what the store takes on disk (the file and its WAL).
 * FALSE without a store. */
gboolean iot_purple_store_disk_size(gint64 *bytes);

#endif
