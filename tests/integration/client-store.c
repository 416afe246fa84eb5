/* client-store.c — the plugin's store in integration tests. See client-store.h. */
#include "client-store.h"

#include <check.h>
#include <linux/capability.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

char *
client_store_file(const char *name)
{
	return g_build_filename(purple_user_dir(), "xmpp-iot", name, NULL);
}

IotStore *
client_store_open(IotStoreHistory **history)
{
	char *path = client_store_file("store.db");
	GError *error = NULL;
	IotStore *st = iot_store_open(path, NULL, &error);

	ck_assert_msg(st != NULL, "the store: %s", error ? error->message : "");
	if (history != NULL) {
		*history = iot_store_history_open(st, &error);
		ck_assert_msg(*history != NULL, "the history: %s", error ? error->message : "");
	}
	g_free(path);
	return st;
}

GPtrArray *
client_store_latest(IotStoreHistory *h, const char *thing)
{
	GError *error = NULL;
	GPtrArray *a = iot_store_history_latest(h, CLIENT_ACCOUNT, thing, &error);

	ck_assert_msg(a != NULL, "latest: %s", error ? error->message : "");
	return a;
}

const IotStoreSeries *
client_store_find(GPtrArray *latest, const char *node, const char *name)
{
	guint i;

	for (i = 0; i < latest->len; i++) {
		const IotStoreSeries *s = g_ptr_array_index(latest, i);

		if (strcmp(s->name, name) == 0 && g_strcmp0(s->node.node_id, node) == 0)
			return s;
	}
	return NULL;
}

gint64
client_store_int(IotStore *st, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	gint64 v = -1;

	/* A connection of its own: the store's is the store's. */
	ck_assert_int_eq(sqlite3_open_v2(iot_store_path(st), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* ---- a disk that fills up ------------------------------------------------------------- */

typedef struct {
	sqlite3_file base;
	sqlite3_file *real; /* right after this struct, in the same block */
} ShimFile;

static sqlite3_vfs shim_vfs;
static sqlite3_vfs *real_vfs;
static volatile gint disk_full;

#define REAL(f) (((ShimFile *)(f))->real)

static int
shim_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int
shim_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int
shim_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (g_atomic_int_get(&disk_full))
		return SQLITE_FULL;
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int
shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int
shim_sync(sqlite3_file *f, int flags)
{
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
shim_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int
shim_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int
shim_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int
shim_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int
shim_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
shim_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
shim_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
shim_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, p);
}

static int
shim_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void
shim_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
shim_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

static int
shim_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}

static int
shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods shim_io = {
	3,          shim_close,      shim_read,        shim_write,       shim_truncate, shim_sync,
	shim_size,  shim_lock,       shim_unlock,      shim_check_lock,  shim_control,  shim_sector,
	shim_device, shim_shm_map,   shim_shm_lock,    shim_shm_barrier, shim_shm_unmap, shim_fetch,
	shim_unfetch,
};

static int
shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	ShimFile *sf = (ShimFile *)f;
	int rc;

	sf->real = (sqlite3_file *)(sf + 1);
	rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out_flags);
	/* The real file's methods stay NULL when it did not open: so do ours. */
	f->pMethods = sf->real->pMethods != NULL ? &shim_io : NULL;
	return rc;
}

void
client_vfs_install(void)
{
	if (real_vfs != NULL)
		return;
	real_vfs = sqlite3_vfs_find(NULL);
	g_assert(real_vfs != NULL && real_vfs->iVersion >= 2);
	shim_vfs = *real_vfs;
	shim_vfs.szOsFile = (int)sizeof(ShimFile) + real_vfs->szOsFile;
	shim_vfs.zName = "client-shim";
	shim_vfs.pNext = NULL;
	/* The other calls (delete, access, full pathname, time …) are the real
	 * VFS's own: they get this copy, which keeps its pAppData and sizes. */
	shim_vfs.xOpen = shim_open;
	g_assert(sqlite3_vfs_register(&shim_vfs, 1) == SQLITE_OK);
}

void
client_disk_full(gboolean full)
{
	g_atomic_int_set(&disk_full, full ? 1 : 0);
}

/* ---- root that respects permissions ---------------------------------------------------- */

void
client_respect_permissions(gboolean respect)
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	guint32 mask = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER);

	if (geteuid() != 0)
		return;
	memset(data, 0, sizeof data);
	ck_assert_int_eq(syscall(SYS_capget, &head, data), 0);
	if (respect)
		data[0].effective &= ~mask;
	else
		data[0].effective |= mask & data[0].permitted;
	ck_assert_int_eq(syscall(SYS_capset, &head, data), 0);
}
