/*
 * iot-store-private.h — what the store's families (iot-store-*.c) and the
 * store's tests share. Not for the adapter: it goes through each family's
 * public header.
 */
#ifndef IOT_STORE_PRIVATE_H
#define IOT_STORE_PRIVATE_H

#include "iot-store.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* "IOTP": what `PRAGMA application_id` holds in our file. */
#define IOT_STORE_APPLICATION_ID 0x494F5450

/* Returns: (transfer none) (nullable): the statement for @sql, which must be a
 * string that lives as long as the store (a literal): prepared once, kept
 * until iot_store_close(), handed out reset and with its bindings cleared.
 * Call sqlite3_reset() when done, so that no read stays open. NULL with @error. */
sqlite3_stmt *iot_store_stmt(IotStore *st, const char *sql, GError **error);

/* Sets @error (nullable) in IOT_STORE_ERROR from SQLite's result @rc on the
 * store's connection, prefixed by @what. Always returns FALSE. */
gboolean iot_store_fail(IotStore *st, int rc, const char *what, GError **error);

/* Runs @stmt (a write) once, then resets it and clears its bindings for the
 * next use; a failure goes through iot_store_fail() with @what. */
gboolean iot_store_step_done(IotStore *st, sqlite3_stmt *stmt, const char *what, GError **error);

/* Binds @s (nullable: SQL NULL) to parameter @i of @stmt, copied. */
void iot_store_bind_text(sqlite3_stmt *stmt, int i, const char *s);

/* Column @i of the current row as an integer in @lo..@hi into @out; FALSE
 * (and @out untouched) when it holds none: another program's row. */
gboolean iot_store_column_int(sqlite3_stmt *stmt, int i, gint64 lo, gint64 hi, gint64 *out);

/* Returns: (transfer none) (nullable): column @i of the current row when it
 * is text of at most @max bytes, valid UTF-8 and NUL-free; NULL otherwise. */
const char *iot_store_column_str(sqlite3_stmt *stmt, int i, int max);

/* Makes one element of a list from the current row of a query; NULL skips
 * a row that makes none (another program's, damaged). */
typedef gpointer (*IotStoreRowFunc)(sqlite3_stmt *stmt);

/* Steps @stmt (a query, bound) to its end and collects what @row makes of
 * each row into a new array whose elements @free_row frees; resets @stmt
 * and clears its bindings. Returns: (transfer full) (nullable): the array,
 * or NULL when stepping failed (through iot_store_fail() with @what). */
GPtrArray *iot_store_collect(IotStore *st, sqlite3_stmt *stmt, IotStoreRowFunc row, GDestroyNotify free_row,
                             const char *what, GError **error);

/* iot_store_open() with another list of migrations (@migrations[i] takes the
 * schema from version i to i + 1): lets tests check the migration machinery. */
IotStore *iot_store_open_with(const char *path, const char *const *migrations, guint n_migrations,
                              IotStoreAside **aside, GError **error);

/* Returns: (transfer none): the connection, for tests that inspect the file,
 * and for families that work on it (iot_store_history_open()). */
sqlite3 *iot_store_db(IotStore *st);

/* Returns: (transfer none): the SQL of schema step @i (from user_version @i
 * to @i + 1), a family's step where the store lists one. */
const char *iot_store_schema_step(guint i);

/* What the checkpoint worker did so far: PASSIVE checkpoints, and TRUNCATE
 * ones after idle spells (outs nullable). FALSE when no worker runs. */
gboolean iot_store_checkpoint_counts(IotStore *st, guint *passive, guint *truncated);

/* Sets when the worker checkpoints (@pages > 0 in the WAL) and truncates
 * (@idle_us without a commit), for tests and benchmarks. */
void iot_store_checkpoint_tune(IotStore *st, guint pages, gint64 idle_us);

G_END_DECLS

#endif
