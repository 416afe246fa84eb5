/* store-fixture.c — a real store in a fresh temporary directory for the
 * unit tests of the store's tables. See iot-tests.h. */
#include "iot-tests.h"

#include "iot-store-private.h"

IotStore *
iot_test_store_fresh(const char *tmpl, char **tmp, char **path)
{
	GError *e = NULL;
	IotStore *st;

	*tmp = iot_test_make_tmpdir(tmpl);
	*path = g_build_filename(*tmp, "xmpp-iot", "store.db", NULL);
	st = iot_store_open(*path, NULL, &e);
	ck_assert_msg(st != NULL, "open: %s", e ? e->message : "");
	return st;
}

void
iot_test_store_remove(IotStore *st, char **tmp, char **path)
{
	iot_store_close(st);
	iot_test_remove_tree(*tmp);
	g_clear_pointer(tmp, g_free);
	g_clear_pointer(path, g_free);
}

void
iot_test_store_exec(IotStore *st, const char *sql)
{
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(iot_store_db(st), sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql,
	              msg ? msg : "");
}
