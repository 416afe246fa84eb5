/*
 * iot-store-controllog.h — the control log in the store: one row per entry
 * (iot-controllog.h), newest first for whoever reads it.
 *
 * A row is written when a request is sent (its outcome UNKNOWN) and its
 * outcome set when the answer comes (iot_store_controllog_set_outcome()),
 * so a crash while a thing is still answering leaves the control in the log
 * as "unknown", which is what it is. Callers batch their writes with
 * iot_store_transaction(): one short transaction, never a rewrite of the
 * log.
 *
 * Bounded: iot_store_controllog_trim() keeps the newest entries
 * (IOT_STORE_CONTROLLOG_KEEP by default), deleting the others in bounded
 * steps. Reading is bounded as well: a query returns a page (a limit and an
 * offset), newest first, optionally only the entries whose text columns
 * contain a text.
 *
 * The control log of earlier versions (a text file, read by
 * iot_control_log_load()) is imported with iot_store_controllog_import() in
 * one transaction; each imported entry carries a key made from its contents
 * (and its rank among identical entries of the file), so an import that runs
 * twice adds nothing the second time.
 *
 * Everything read back is checked (types, NULLs, lengths, UTF-8) and
 * cleaned as iot_control_log_entry_copy() cleans: another program may have
 * written anything into the file. Rows that do not make an entry (no time,
 * no thing, no parameter, no value) are skipped.
 *
 * Schema (control log part; times in µs since the epoch, UTC):
 *   control_log (id, t, account, thing, node, source, part, param,
 *                old_value, new_value, outcome 0 applied / 1 not applied /
 *                2 refused / 3 unknown, detail, import_key)  STRICT
 *     index by (t); import_key unique where set.
 */
#ifndef IOT_STORE_CONTROLLOG_H
#define IOT_STORE_CONTROLLOG_H

#include "iot-controllog.h"
#include "iot-store.h"

G_BEGIN_DECLS

/* The migration step that makes the control log's table: one entry of the
 * store's list of migrations (iot-store.c). Never edit it once released;
 * a change is a new step. */
#define IOT_STORE_CONTROLLOG_MIGRATION                                                             \
	"CREATE TABLE control_log ("                                                               \
	"  id INTEGER PRIMARY KEY AUTOINCREMENT," /* never reused: an answer updates its rows */  \
	"  t INTEGER NOT NULL,"                                                                    \
	"  account TEXT,"     /* bare JID; NULL: not known (imported) */                           \
	"  thing TEXT NOT NULL,"                                                                   \
	"  node TEXT,"        /* NULL: the thing itself */                                         \
	"  source TEXT,"                                                                           \
	"  part TEXT,"                                                                             \
	"  param TEXT NOT NULL,"                                                                   \
	"  old_value TEXT,"   /* NULL: not known */                                                \
	"  new_value TEXT NOT NULL,"                                                               \
	"  outcome INTEGER NOT NULL,"                                                              \
	"  detail TEXT,"                                                                           \
	"  import_key TEXT"   /* set on entries imported from the text file */                     \
	") STRICT;"                                                                                \
	"CREATE INDEX control_log_by_time ON control_log (t);"                                     \
	"CREATE UNIQUE INDEX control_log_imported ON control_log (import_key)"                     \
	"  WHERE import_key IS NOT NULL;"

/* Entries kept by iot_store_controllog_trim() by default. */
#define IOT_STORE_CONTROLLOG_KEEP 50000
/* Rows a trim step deletes by default. */
#define IOT_STORE_CONTROLLOG_TRIM_STEP 1000
/* Rows a query returns at most. */
#define IOT_STORE_CONTROLLOG_MAX_PAGE 10000

/* Appends a copy of @entry, cleaned as iot_control_log_entry_copy() does.
 * *@id (nullable) receives the row's key. FALSE with @error (IOT_STORE_ERROR). */
gboolean iot_store_controllog_append(IotStore *st, const IotControlLogEntry *entry, gint64 *id,
                                     GError **error);

/* Sets the outcome and the detail (nullable) of row @id; a row that is gone
 * (trimmed) is no error. */
gboolean iot_store_controllog_set_outcome(IotStore *st, gint64 id, IotControlOutcome outcome,
                                          const char *detail, GError **error);

/* One row read back. */
typedef struct {
	gint64 id;                 /* the row's key */
	IotControlLogEntry *entry; /* owned, cleaned */
} IotStoreControlLogRow;

/* NULL-safe. */
void iot_store_controllog_row_free(IotStoreControlLogRow *row);

/* Returns: (transfer full) (element-type IotStoreControlLogRow): at most
 * @limit (1 … IOT_STORE_CONTROLLOG_MAX_PAGE) entries, newest first (by time,
 * then by the order they were written), after skipping the @offset newest;
 * with @filter (nullable, "" = none) only those whose thing, node, source,
 * partition, parameter, values, detail or account contain it (SQL LIKE:
 * ASCII letters in any case; '%', '_' and '\' are matched as themselves).
 * g_ptr_array_unref(); NULL with @error. */
GPtrArray *iot_store_controllog_query(IotStore *st, guint limit, guint offset, const char *filter,
                                      GError **error);

/* Returns: the number of entries (that match @filter, as for the query), or
 * -1 with @error. */
gint64 iot_store_controllog_count(IotStore *st, const char *filter, GError **error);

/* Deletes at most @max_rows (> 0) of the entries beyond the @keep newest, in
 * one statement. *@more (nullable): more are beyond. */
gboolean iot_store_controllog_trim(IotStore *st, guint keep, guint max_rows, gboolean *more,
                                   GError **error);

/* Imports every entry of @log (transfer none) in one transaction; entries
 * imported before (the same contents at the same rank) are left out.
 * *@added (nullable) receives how many rows were new. On failure nothing
 * is imported. */
gboolean iot_store_controllog_import(IotStore *st, const IotControlLog *log, guint *added,
                                     GError **error);

G_END_DECLS

#endif
