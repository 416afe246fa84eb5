/* iot-store-caps.c — the caps cache table. See iot-store-caps.h. */
#include "iot-store-caps.h"

#include "iot-limits.h"
#include "iot-store-private.h"

#include <string.h>

#define DAY_S (24 * 60 * 60)

/* Runs a statement that returns no rows; resets it. */
static gboolean
step_done(IotStore *st, sqlite3_stmt *stmt, const char *what, GError **error)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? TRUE : iot_store_fail(st, rc, what, error);
}

char *
iot_store_caps_get(IotStore *st, const char *hash, const char *ver, gint64 now, GError **error)
{
	sqlite3_stmt *stmt;
	char *xml = NULL;
	gint64 used = 0;
	int rc;

	g_return_val_if_fail(st != NULL && hash != NULL && ver != NULL, NULL);
	stmt = iot_store_stmt(st, "SELECT info, used FROM caps WHERE hash = ?1 AND ver = ?2", error);
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, ver, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		xml = g_strdup((const char *)sqlite3_column_text(stmt, 0));
		used = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		iot_store_fail(st, rc, "reading the caps cache", error);
		return NULL;
	}
	if (xml != NULL && now - used >= DAY_S) {
		/* Only a day's precision: a lookup seldom costs a write. */
		stmt = iot_store_stmt(st, "UPDATE caps SET used = ?3 WHERE hash = ?1 AND ver = ?2", NULL);
		if (stmt != NULL) {
			sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 2, ver, -1, SQLITE_STATIC);
			sqlite3_bind_int64(stmt, 3, now);
			/* A failed touch only makes the entry older for pruning. */
			step_done(st, stmt, "touching a caps entry", NULL);
		}
	}
	return xml;
}

gboolean
iot_store_caps_put(IotStore *st, const char *hash, const char *ver, const char *info_xml, gint64 now,
                   GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && hash != NULL && ver != NULL && info_xml != NULL, FALSE);
	if (strlen(info_xml) > IOT_MAX_CAPS_INFO_BYTES) {
		g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FAILED, "a disco#info answer of %zu bytes is not kept",
		            strlen(info_xml));
		return FALSE;
	}
	stmt = iot_store_stmt(st,
	                      "INSERT OR REPLACE INTO caps (hash, ver, info, verified, used) VALUES (?1, ?2, ?3, ?4, ?4)",
	                      error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, ver, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, info_xml, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, now);
	return step_done(st, stmt, "saving a caps entry", error);
}

gboolean
iot_store_caps_forget(IotStore *st, const char *hash, const char *ver, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && hash != NULL && ver != NULL, FALSE);
	stmt = iot_store_stmt(st, "DELETE FROM caps WHERE hash = ?1 AND ver = ?2", error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, ver, -1, SQLITE_STATIC);
	return step_done(st, stmt, "forgetting a caps entry", error);
}

typedef struct {
	gint64 now;
	gint64 dropped;
} Prune;

static gboolean
prune_txn(IotStore *st, gpointer data, GError **error)
{
	Prune *p = data;
	sqlite3_stmt *stmt;

	stmt = iot_store_stmt(st, "DELETE FROM caps WHERE used < ?1", error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, p->now - (gint64)IOT_STORE_CAPS_UNUSED_DAYS * DAY_S);
	if (!step_done(st, stmt, "pruning the caps cache", error))
		return FALSE;
	p->dropped += sqlite3_changes(iot_store_db(st));
	stmt = iot_store_stmt(st,
	                      "DELETE FROM caps WHERE (hash, ver) IN (SELECT hash, ver FROM caps ORDER BY used DESC "
	                      "LIMIT -1 OFFSET ?1)",
	                      error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, IOT_STORE_CAPS_MAX_ROWS);
	if (!step_done(st, stmt, "bounding the caps cache", error))
		return FALSE;
	p->dropped += sqlite3_changes(iot_store_db(st));
	return TRUE;
}

gint64
iot_store_caps_prune(IotStore *st, gint64 now, GError **error)
{
	Prune p = { now, 0 };

	g_return_val_if_fail(st != NULL, -1);
	return iot_store_transaction(st, prune_txn, &p, error) ? p.dropped : -1;
}

gint64
iot_store_caps_count(IotStore *st, GError **error)
{
	sqlite3_stmt *stmt;
	gint64 n = -1;
	int rc;

	g_return_val_if_fail(st != NULL, -1);
	stmt = iot_store_stmt(st, "SELECT count(*) FROM caps", error);
	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	else
		iot_store_fail(st, rc, "counting the caps cache", error);
	sqlite3_reset(stmt);
	return n;
}
