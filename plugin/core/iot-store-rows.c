/* iot-store-rows.c — what every table's module does with a statement: run a
 * write, bind a nullable text, collect the rows of a query. See
 * iot-store-private.h. */
#include "iot-store-private.h"

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
