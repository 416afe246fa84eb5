/*
 * client-store.h — the plugin's store as the integration tests see it: opened
 * with the core's API as a second client would (what the plugin wrote is
 * read back from the file), a disk that is full on demand, and a profile
 * folder that cannot be written even by root.
 */
#ifndef IOT_TEST_CLIENT_STORE_H
#define IOT_TEST_CLIENT_STORE_H

#include "client.h"

#include "iot-store-history.h"
#include "iot-store.h"

#define CLIENT_ACCOUNT "alice@" DOMAIN "/tests"

/* Returns: (transfer full): path of @name (nullable: the folder) in the
 * profile's xmpp-iot folder. g_free(). */
char *client_store_file(const char *name);

/* Opens the plugin's store; aborts the test when it cannot. Close with
 * iot_store_close() (the history first). */
IotStore *client_store_open(IotStoreHistory **history);

/* Returns: (transfer full) (element-type IotStoreSeries): the latest values
 * of @thing that the store holds for alice. */
GPtrArray *client_store_latest(IotStoreHistory *h, const char *thing);

/* Returns: (transfer none) (nullable): the entry of @name (of node @node,
 * nullable) in @latest. */
const IotStoreSeries *client_store_find(GPtrArray *latest, const char *node, const char *name);

/* The integer the first row of @sql gives in the store. */
gint64 client_store_int(IotStore *st, const char *sql);

/* Installs a VFS around SQLite's default one, as the default, before the
 * plugin opens anything: pure forwarding, until client_disk_full(TRUE) makes
 * every write fail with SQLITE_FULL, as a full disk does (ENOSPC). */
void client_vfs_install(void);
void client_disk_full(gboolean full);

/* Makes the current thread respect file permissions even as root (the
 * capabilities that override them are taken out of its effective set, and
 * put back with FALSE). Nothing to do for another user. */
void client_respect_permissions(gboolean respect);

#endif
