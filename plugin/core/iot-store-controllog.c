/* iot-store-controllog.c — the control log's table. See iot-store-controllog.h. */
#include "iot-store-controllog.h"

#include "iot-limits.h"
#include "iot-store-private.h"

#include <string.h>

#define COLUMNS "t, account, thing, node, source, part, param, old_value, new_value, outcome, detail"

/* The longest filter that can match: no column holds more. */
#define MAX_FILTER_BYTES IOT_MAX_VALUE_BYTES

#define LIKE(col) col " LIKE ?3 ESCAPE '\\'"
#define MATCHES                                                                                      \
	"(?3 IS NULL OR " LIKE("thing") " OR " LIKE("node") " OR " LIKE("source") " OR " LIKE("part")   \
	" OR " LIKE("param") " OR " LIKE("old_value") " OR " LIKE("new_value") " OR " LIKE("detail")     \
	" OR " LIKE("account") ")"

static const char sql_insert[] =
	"INSERT INTO control_log (" COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_import[] =
	"INSERT INTO control_log (" COLUMNS ", import_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12) ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING";
static const char sql_outcome[] = "UPDATE control_log SET outcome = ?2, detail = ?3 WHERE id = ?1";
static const char sql_query[] = "SELECT id, " COLUMNS " FROM control_log WHERE " MATCHES
                                " ORDER BY t DESC, id DESC LIMIT ?1 OFFSET ?2";
static const char sql_count[] = "SELECT count(*) FROM control_log WHERE " MATCHES;
static const char sql_trim[] = "DELETE FROM control_log WHERE id IN (SELECT id FROM control_log "
                               "ORDER BY t DESC, id DESC LIMIT ?2 OFFSET ?1)";

/* Runs a statement that returns no rows; resets it. */
static gboolean
step_done(IotStore *st, sqlite3_stmt *stmt, const char *what, GError **error)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? TRUE : iot_store_fail(st, rc, what, error);
}

/* Binds ?1 … ?11 (COLUMNS) to @e, which is cleaned already. */
static void
bind_entry(sqlite3_stmt *stmt, const IotControlLogEntry *e)
{
	sqlite3_bind_int64(stmt, 1, e->time);
	iot_store_bind_text(stmt, 2, e->account);
	iot_store_bind_text(stmt, 3, e->thing);
	iot_store_bind_text(stmt, 4, e->node);
	iot_store_bind_text(stmt, 5, e->node_source);
	iot_store_bind_text(stmt, 6, e->node_partition);
	iot_store_bind_text(stmt, 7, e->param);
	iot_store_bind_text(stmt, 8, e->old_value);
	iot_store_bind_text(stmt, 9, e->new_value);
	sqlite3_bind_int(stmt, 10, (int)e->outcome);
	iot_store_bind_text(stmt, 11, e->detail);
}

gboolean
iot_store_controllog_append(IotStore *st, const IotControlLogEntry *entry, gint64 *id, GError **error)
{
	IotControlLogEntry *e;
	sqlite3_stmt *stmt;
	gboolean ok;

	g_return_val_if_fail(st != NULL && entry != NULL, FALSE);
	g_return_val_if_fail(entry->thing != NULL && entry->param != NULL && entry->new_value != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_insert, error);
	if (stmt == NULL)
		return FALSE;
	e = iot_control_log_entry_copy(entry);
	bind_entry(stmt, e);
	ok = step_done(st, stmt, "writing to the control log", error);
	if (ok && id != NULL)
		*id = sqlite3_last_insert_rowid(iot_store_db(st));
	iot_control_log_entry_free(e);
	return ok;
}

gboolean
iot_store_controllog_set_outcome(IotStore *st, gint64 id, IotControlOutcome outcome, const char *detail,
                                 GError **error)
{
	IotControlLogEntry e = { 0 }, *clean;
	sqlite3_stmt *stmt;
	gboolean ok;

	g_return_val_if_fail(st != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_outcome, error);
	if (stmt == NULL)
		return FALSE;
	/* Cleaned as an entry's detail is. */
	e.thing = e.param = e.new_value = (char *)"";
	e.outcome = outcome;
	e.detail = (char *)detail;
	clean = iot_control_log_entry_copy(&e);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int(stmt, 2, (int)clean->outcome);
	iot_store_bind_text(stmt, 3, clean->detail);
	ok = step_done(st, stmt, "writing the outcome of a control", error);
	iot_control_log_entry_free(clean);
	return ok;
}

void
iot_store_controllog_row_free(IotStoreControlLogRow *row)
{
	if (row == NULL)
		return;
	iot_control_log_entry_free(row->entry);
	g_free(row);
}

static void
row_free(gpointer row)
{
	iot_store_controllog_row_free(row);
}

/* Returns: (transfer full) (nullable): column @i when it is text, at most a
 * few times @max bytes of it (cleaning cuts it to @max, and may drop
 * characters first). */
static char *
column_text(sqlite3_stmt *stmt, int i, gsize max)
{
	const char *s;
	int n;

	if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(stmt, i);
	n = sqlite3_column_bytes(stmt, i);
	if (s == NULL || n < 0)
		return NULL;
	/* g_strndup() also stops at a NUL inside the text. */
	return g_strndup(s, MIN((gsize)n, 4 * max + 4));
}

/* Returns: (transfer full) (nullable): the row the statement is on, or NULL
 * when it does not make an entry. */
static IotStoreControlLogRow *
read_row(sqlite3_stmt *stmt)
{
	IotControlLogEntry raw = { 0 };
	IotStoreControlLogRow *row = NULL;
	gint64 outcome;

	if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER || sqlite3_column_type(stmt, 1) != SQLITE_INTEGER)
		return NULL;
	raw.time = sqlite3_column_int64(stmt, 1);
	raw.account = column_text(stmt, 2, IOT_MAX_NAME_BYTES);
	raw.thing = column_text(stmt, 3, IOT_MAX_NAME_BYTES);
	raw.node = column_text(stmt, 4, IOT_MAX_NAME_BYTES);
	raw.node_source = column_text(stmt, 5, IOT_MAX_NAME_BYTES);
	raw.node_partition = column_text(stmt, 6, IOT_MAX_NAME_BYTES);
	raw.param = column_text(stmt, 7, IOT_MAX_NAME_BYTES);
	raw.old_value = column_text(stmt, 8, IOT_MAX_VALUE_BYTES);
	raw.new_value = column_text(stmt, 9, IOT_MAX_VALUE_BYTES);
	outcome = sqlite3_column_type(stmt, 10) == SQLITE_INTEGER ? sqlite3_column_int64(stmt, 10) : -1;
	raw.outcome = outcome >= 0 && outcome < IOT_CONTROL_OUTCOME_COUNT ? (IotControlOutcome)outcome
	                                                                   : IOT_CONTROL_OUTCOME_UNKNOWN;
	raw.detail = column_text(stmt, 11, IOT_MAX_ERROR_TEXT);
	if (raw.thing != NULL && raw.param != NULL && raw.new_value != NULL) {
		row = g_new0(IotStoreControlLogRow, 1);
		row->id = sqlite3_column_int64(stmt, 0);
		row->entry = iot_control_log_entry_copy(&raw);
	}
	g_free(raw.account);
	g_free(raw.thing);
	g_free(raw.node);
	g_free(raw.node_source);
	g_free(raw.node_partition);
	g_free(raw.param);
	g_free(raw.old_value);
	g_free(raw.new_value);
	g_free(raw.detail);
	return row;
}

/* Returns: (transfer full) (nullable): @filter as a LIKE pattern, NULL for
 * none. *@hopeless: longer than anything it could be found in. */
static char *
like_pattern(const char *filter, gboolean *hopeless)
{
	GString *p;
	char *valid;
	const char *c;

	*hopeless = FALSE;
	if (filter == NULL || *filter == '\0')
		return NULL;
	if (strlen(filter) > MAX_FILTER_BYTES) {
		*hopeless = TRUE;
		return NULL;
	}
	valid = g_utf8_make_valid(filter, -1);
	p = g_string_new("%");
	for (c = valid; *c != '\0'; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			g_string_append_c(p, '\\');
		g_string_append_c(p, *c);
	}
	g_string_append_c(p, '%');
	g_free(valid);
	return g_string_free(p, FALSE);
}

GPtrArray *
iot_store_controllog_query(IotStore *st, guint limit, guint offset, const char *filter, GError **error)
{
	GPtrArray *rows;
	sqlite3_stmt *stmt;
	gboolean hopeless;
	char *pattern;
	int rc;

	g_return_val_if_fail(st != NULL && limit > 0, NULL);
	limit = MIN(limit, IOT_STORE_CONTROLLOG_MAX_PAGE);
	rows = g_ptr_array_new_with_free_func(row_free);
	pattern = like_pattern(filter, &hopeless);
	if (hopeless)
		return rows;
	stmt = iot_store_stmt(st, sql_query, error);
	if (stmt == NULL) {
		g_free(pattern);
		g_ptr_array_unref(rows);
		return NULL;
	}
	sqlite3_bind_int64(stmt, 1, limit);
	sqlite3_bind_int64(stmt, 2, offset);
	iot_store_bind_text(stmt, 3, pattern);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		IotStoreControlLogRow *row = read_row(stmt);

		if (row != NULL)
			g_ptr_array_add(rows, row);
	}
	sqlite3_reset(stmt);
	g_free(pattern);
	if (rc != SQLITE_DONE) {
		iot_store_fail(st, rc, "reading the control log", error);
		g_ptr_array_unref(rows);
		return NULL;
	}
	return rows;
}

gint64
iot_store_controllog_count(IotStore *st, const char *filter, GError **error)
{
	sqlite3_stmt *stmt;
	gboolean hopeless;
	char *pattern;
	gint64 n = -1;
	int rc;

	g_return_val_if_fail(st != NULL, -1);
	pattern = like_pattern(filter, &hopeless);
	if (hopeless)
		return 0;
	stmt = iot_store_stmt(st, sql_count, error);
	if (stmt == NULL) {
		g_free(pattern);
		return -1;
	}
	iot_store_bind_text(stmt, 3, pattern);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		n = MAX(sqlite3_column_int64(stmt, 0), 0);
	else
		iot_store_fail(st, rc, "counting the control log", error);
	sqlite3_reset(stmt);
	g_free(pattern);
	return n;
}

gboolean
iot_store_controllog_trim(IotStore *st, guint keep, guint max_rows, gboolean *more, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && max_rows > 0, FALSE);
	if (more != NULL)
		*more = FALSE;
	stmt = iot_store_stmt(st, sql_trim, error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, keep);
	sqlite3_bind_int64(stmt, 2, max_rows);
	if (!step_done(st, stmt, "trimming the control log", error))
		return FALSE;
	if (more != NULL)
		*more = (guint)sqlite3_changes(iot_store_db(st)) >= max_rows;
	return TRUE;
}

/* --- import of the text file ---------------------------------------------------- */

/* Appends @s to @key so that no two field lists give the same bytes. */
static void
key_field(GString *key, const char *s)
{
	if (s == NULL) {
		g_string_append_c(key, 'N');
		return;
	}
	g_string_append_printf(key, "S%zu:", strlen(s));
	g_string_append(key, s);
}

/* Returns: (transfer full): a digest of everything the text file holds of @e. */
static char *
content_digest(const IotControlLogEntry *e)
{
	GString *key = g_string_new(NULL);
	char *digest;

	g_string_append_printf(key, "%" G_GINT64_FORMAT ";%d;", e->time, (int)e->outcome);
	key_field(key, e->thing);
	key_field(key, e->node);
	key_field(key, e->param);
	key_field(key, e->old_value);
	key_field(key, e->new_value);
	key_field(key, e->detail);
	digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)key->str, key->len);
	g_string_free(key, TRUE);
	return digest;
}

typedef struct {
	const IotControlLog *log;
	guint added;
} Import;

static gboolean
import_txn(IotStore *st, gpointer data, GError **error)
{
	Import *imp = data;
	/* digest → how many entries with it came before in this file */
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	gboolean ok = TRUE;
	guint i;

	for (i = 0; ok && i < iot_control_log_len(imp->log); i++) {
		const IotControlLogEntry *e = iot_control_log_get(imp->log, i);
		char *digest = content_digest(e), *key;
		guint rank = GPOINTER_TO_UINT(g_hash_table_lookup(seen, digest));
		sqlite3_stmt *stmt = iot_store_stmt(st, sql_import, error);

		key = g_strdup_printf("v1:%s:%u", digest, rank);
		g_hash_table_replace(seen, digest, GUINT_TO_POINTER(rank + 1));
		if (stmt == NULL) {
			ok = FALSE;
		} else {
			/* Loaded entries are cleaned already. */
			bind_entry(stmt, e);
			iot_store_bind_text(stmt, 12, key);
			ok = step_done(st, stmt, "importing the control log", error);
			if (ok)
				imp->added += (guint)sqlite3_changes(iot_store_db(st));
		}
		g_free(key);
	}
	g_hash_table_destroy(seen);
	return ok;
}

gboolean
iot_store_controllog_import(IotStore *st, const IotControlLog *log, guint *added, GError **error)
{
	Import imp = { log, 0 };
	gboolean ok;

	g_return_val_if_fail(st != NULL && log != NULL, FALSE);
	ok = iot_store_transaction(st, import_txn, &imp, error);
	if (added != NULL)
		*added = ok ? imp.added : 0;
	return ok;
}
