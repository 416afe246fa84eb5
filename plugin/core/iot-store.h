/*
 * iot-store.h — the plugin's one SQLite database (DESIGN.md §7).
 *
 * Everything the plugin keeps across sessions lives in one file, opened
 * through SQLite's C API:
 *  - WAL journal with synchronous=NORMAL: a crash or a kill loses at most the
 *    last transactions, never the database;
 *  - `PRAGMA application_id` says the file is ours;
 *  - a busy timeout, so that two clients on one profile (Pidgin and Finch)
 *    wait for each other's short transactions instead of failing;
 *  - a versioned schema: `PRAGMA user_version` counts the migrations applied,
 *    and the ordered list of migrations (iot-store.c) brings any older file
 *    up to date, each migration in one transaction;
 *  - a file that is not a database, is damaged, or belongs to another
 *    program is moved aside (renamed with a timestamp suffix, never deleted,
 *    its -wal/-shm files with it) and a fresh store starts; *@aside says so,
 *    so that the person can be told once.
 * A store that cannot be opened (read-only directory, full disk, a newer
 * schema) is a GError in IOT_STORE_ERROR: the caller carries on without
 * persistence.
 *
 * Checkpoints. SQLite's automatic checkpoint runs inside the commit that
 * fills the WAL to 1,000 pages, on the caller's thread: 11–21 ms on a month
 * of history, a stall of the main loop. The store turns it off and runs
 * checkpoints on a worker thread with its own connection to the file
 * (GThread; SQLite is built thread-safe): a PASSIVE checkpoint, which
 * neither waits for nor blocks the main connection, whenever the WAL holds
 * IOT_STORE_CHECKPOINT_PAGES pages, and a TRUNCATE that empties the WAL
 * file once the store has had no commit for IOT_STORE_CHECKPOINT_IDLE_US
 * (it never waits for a writer: it is tried again later). Freed pages are
 * zeroed where that costs no I/O (`PRAGMA secure_delete = FAST`).
 * iot_store_close() stops and joins the worker. Where no thread can be
 * started, SQLite's automatic checkpoints stay on.
 *
 * Tables belong to families: iot-store-caps.h keeps the XEP-0115 caps
 * cache, iot-store-history.h the history of things, iot-store-controllog.h
 * the control log. Calls run on the caller's thread (the main loop); keep
 * transactions short.
 */
#ifndef IOT_STORE_H
#define IOT_STORE_H

#include <glib.h>

G_BEGIN_DECLS

#define IOT_STORE_ERROR (iot_store_error_quark())
GQuark iot_store_error_quark(void);

typedef enum {
	IOT_STORE_ERROR_FAILED,     /* anything else (an I/O error, damage found while in use) */
	IOT_STORE_ERROR_UNWRITABLE, /* the directory or the file cannot be created or written */
	IOT_STORE_ERROR_FULL,       /* the disk (or a quota) is full */
	IOT_STORE_ERROR_BUSY,       /* another program held the database past the busy timeout */
	IOT_STORE_ERROR_NEWER       /* made by a newer version of the plugin: left as it is */
} IotStoreErrorCode;

/* Why a file was moved aside. */
typedef enum {
	IOT_STORE_ASIDE_CORRUPT, /* not an SQLite database, or a damaged one */
	IOT_STORE_ASIDE_FOREIGN  /* another program's SQLite database */
} IotStoreAsideReason;

typedef struct {
	IotStoreAsideReason reason;
	char *moved_to; /* owned: the file's new path */
	char *detail;   /* owned: SQLite's or the check's own words, untranslated, for the debug log */
} IotStoreAside;

/* NULL-safe. */
void iot_store_aside_free(IotStoreAside *aside);

typedef struct _IotStore IotStore;

/* How long a statement waits for another client's transaction. */
#define IOT_STORE_BUSY_TIMEOUT_MS 2000
/* A store up to this size gets its full page check (PRAGMA quick_check) at
 * every open (about 30 ms); a larger one only after a session that did not
 * close it, i.e. when a WAL file is left beside it. */
#define IOT_STORE_FULL_CHECK_MAX_BYTES (8 * 1024 * 1024)

/* The worker checkpoints when the WAL holds this many pages (SQLite's own
 * default), and empties the WAL file after this long without a commit. */
#define IOT_STORE_CHECKPOINT_PAGES 1000
#define IOT_STORE_CHECKPOINT_IDLE_US (G_GINT64_CONSTANT(30) * G_USEC_PER_SEC)

/* Opens (creating it and its directory, mode 0700, when missing) the store at
 * @path and brings its schema up to date. When the file there had to be moved
 * aside, *@aside (nullable) receives what happened (transfer full,
 * iot_store_aside_free()); it stays NULL otherwise.
 * Returns: (transfer full) (nullable): the store, iot_store_close(); NULL
 * with @error (IOT_STORE_ERROR) when there is no usable store at @path. */
IotStore *iot_store_open(const char *path, IotStoreAside **aside, GError **error);

/* Stops and joins the checkpoint worker, finishes what is pending,
 * checkpoints the WAL and closes. NULL-safe. */
void iot_store_close(IotStore *st);

/* Returns: (transfer none): the path the store was opened at. */
const char *iot_store_path(const IotStore *st);

/* The schema version this build writes (the number of migrations). */
guint iot_store_schema_version(void);

/* Runs @fn(@st, @data, @error) inside one write transaction (BEGIN IMMEDIATE):
 * committed when @fn returns TRUE, rolled back when it returns FALSE (with
 * @error set) or when the commit fails. Not re-entrant. This is how a
 * family batches several writes. */
typedef gboolean (*IotStoreTxnFunc)(IotStore *st, gpointer data, GError **error);
gboolean iot_store_transaction(IotStore *st, IotStoreTxnFunc fn, gpointer data, GError **error);

G_END_DECLS

#endif
