/* iot-store-rows.c — what every table's module does with a statement: run a
 * write, bind a nullable text, collect the rows of a query. See
 * iot-store-private.h. */
#include "iot-store-private.h"

#include <string.h>

gboolean
iot_store_step_done(IotStore *st, sqlite3_stmt *stmt, const char *what, GError **error)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? TRUE : iot_store_fail(st, rc, what, error);
}

void
iot_store_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

GPtrArray *
iot_store_collect(IotStore *st, sqlite3_stmt *stmt, IotStoreRowFunc row, GDestroyNotify free_row, const char *what,
                  GError **error)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(free_row);
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		gpointer one = row(stmt);

		if (one != NULL)
			g_ptr_array_add(a, one);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE) {
		iot_store_fail(st, rc, what, error);
		g_ptr_array_unref(a);
		return NULL;
	}
	return a;
}

gboolean
iot_store_column_int(sqlite3_stmt *stmt, int i, gint64 lo, gint64 hi, gint64 *out)
{
	gint64 v;

	if (sqlite3_column_type(stmt, i) != SQLITE_INTEGER)
		return FALSE;
	v = sqlite3_column_int64(stmt, i);
	if (v < lo || v > hi)
		return FALSE;
	*out = v;
	return TRUE;
}

const char *
iot_store_column_str(sqlite3_stmt *stmt, int i, int max)
{
	const char *s;
	int n;

	if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(stmt, i);
	n = sqlite3_column_bytes(stmt, i);
	if (s == NULL || n > max || memchr(s, '\0', (size_t)n) != NULL || !g_utf8_validate(s, n, NULL))
		return NULL;
	return s;
}
