/* test-store.c — the SQLite store: opening, migrations, moving bad files
 * aside, failures, and the caps cache. Each test works in a temp directory. */
#include "iot-tests.h"

#include "iot-limits.h"
#include "iot-store-caps.h"
#include "iot-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOW ((gint64)1800000000) /* 2027-01-15 */
#define DAY ((gint64)24 * 60 * 60)

static char *tmp;  /* the test's directory */
static char *path; /* tmp/xmpp-iot/store.db: the directory does not exist yet */

static void
setup(void)
{
	iot_test_store_place_new("iot-store-XXXXXX", &tmp, &path);
}

static void
teardown(void)
{
	iot_test_store_place_free(&tmp, &path);
}

static gint64
pragma(IotStore *st, const char *sql)
{
	return iot_test_query_int(iot_store_db(st), sql);
}

static char *
pragma_text(IotStore *st, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_prepare_v2(iot_store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = g_strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return v;
}

/* A plain SQLite file made without the store: @sql runs in it. */
static void
make_sqlite_file(const char *file, const char *sql)
{
	sqlite3 *db = NULL;
	char *dir = g_path_get_dirname(file);

	g_mkdir_with_parents(dir, 0700);
	g_free(dir);
	ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static IotStore *
open_ok(void)
{
	GError *e = NULL;
	IotStoreAside *aside = NULL;
	IotStore *st = iot_store_open(path, &aside, &e);

	ck_assert_msg(st != NULL, "open: %s", e ? e->message : "");
	ck_assert_ptr_null(aside);
	return st;
}

START_TEST(test_new_store_is_ours_in_wal_at_the_latest_schema)
{
	IotStore *st = open_ok();
	char *mode = pragma_text(st, "PRAGMA journal_mode");

	ck_assert(g_file_test(path, G_FILE_TEST_IS_REGULAR));
	ck_assert_str_eq(iot_store_path(st), path);
	ck_assert_int_eq(pragma(st, "PRAGMA application_id"), IOT_STORE_APPLICATION_ID);
	ck_assert_int_eq(pragma(st, "PRAGMA user_version"), iot_store_schema_version());
	ck_assert_uint_ge(iot_store_schema_version(), 1);
	ck_assert_str_eq(mode, "wal");
	ck_assert_int_eq(pragma(st, "PRAGMA busy_timeout"), IOT_STORE_BUSY_TIMEOUT_MS);
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 0);
	g_free(mode);
	iot_store_close(st);
}
END_TEST

/* An SQLite file at user_version 0 with nothing in it is brought up to date. */
START_TEST(test_migrations_from_version_0)
{
	IotStore *st;

	make_sqlite_file(path, "PRAGMA user_version = 0; PRAGMA page_size = 4096; VACUUM;");
	st = open_ok();
	ck_assert_int_eq(pragma(st, "PRAGMA user_version"), iot_store_schema_version());
	ck_assert_int_eq(pragma(st, "PRAGMA application_id"), IOT_STORE_APPLICATION_ID);
	ck_assert_int_eq(pragma(st, "SELECT count(*) FROM sqlite_master WHERE name = 'caps'"), 1);
	iot_store_close(st);
}
END_TEST

/* The machinery: steps apply in order, only the missing ones, each in its own
 * transaction, and a failing step leaves the file at the step before. */
START_TEST(test_migrations_in_order_each_in_one_transaction)
{
	const char *const three[] = { "CREATE TABLE a (x);", "CREATE TABLE b (x); INSERT INTO a VALUES (1);",
		                      "ALTER TABLE b ADD COLUMN y;" };
	const char *const four[] = { three[0], three[1], three[2], "CREATE TABLE d (x); THIS IS NOT SQL;" };
	GError *e = NULL;
	IotStore *st = iot_store_open_with(path, three, 1, NULL, &e);

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(pragma(st, "PRAGMA user_version"), 1);
	iot_store_close(st);
	/* Step 1 again would fail: "table a already exists". */
	st = iot_store_open_with(path, three, 3, NULL, &e);
	ck_assert_msg(st != NULL, "%s", e ? e->message : "");
	ck_assert_int_eq(pragma(st, "PRAGMA user_version"), 3);
	ck_assert_int_eq(pragma(st, "SELECT count(*) FROM a"), 1);
	ck_assert_int_eq(pragma(st, "SELECT count(*) FROM pragma_table_info('b')"), 2);
	iot_store_close(st);
	ck_assert_ptr_null(iot_store_open_with(path, four, 4, NULL, &e));
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(strstr(e->message, "migration to schema 4"));
	g_clear_error(&e);
	st = iot_store_open_with(path, three, 3, NULL, &e);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(pragma(st, "PRAGMA user_version"), 3);
	ck_assert_int_eq(pragma(st, "SELECT count(*) FROM sqlite_master WHERE name = 'd'"), 0);
	iot_store_close(st);
}
END_TEST

START_TEST(test_reopen_keeps_what_was_stored)
{
	IotStore *st = open_ok();
	char *xml;

	ck_assert(iot_store_caps_put(st, "sha-1", "v1=", "<query/>", NOW, NULL));
	iot_store_close(st);
	st = open_ok();
	xml = iot_store_caps_get(st, "sha-1", "v1=", NOW, NULL);
	ck_assert_str_eq(xml, "<query/>");
	ck_assert_int_eq(pragma(st, "PRAGMA user_version"), iot_store_schema_version());
	g_free(xml);
	iot_store_close(st);
}
END_TEST

/* Returns: (transfer full): the one file in @dir whose name starts with @prefix. */
static char *
find_aside(const char *prefix)
{
	char *dir = g_path_get_dirname(path), *found = NULL;
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d != NULL && (n = g_dir_read_name(d)) != NULL)
		if (g_str_has_prefix(n, prefix) && !g_str_has_suffix(n, "-wal") && !g_str_has_suffix(n, "-shm")) {
			ck_assert_msg(found == NULL, "two files start with %s", prefix);
			found = g_build_filename(dir, n, NULL);
		}
	if (d)
		g_dir_close(d);
	g_free(dir);
	return found;
}

START_TEST(test_foreign_database_is_moved_aside)
{
	IotStoreAside *aside = NULL;
	GError *e = NULL;
	IotStore *st;
	sqlite3 *db = NULL;
	char *moved;

	make_sqlite_file(path, "CREATE TABLE recipes (name); INSERT INTO recipes VALUES ('soup');");
	st = iot_store_open(path, &aside, &e);
	ck_assert_msg(st != NULL, "%s", e ? e->message : "");
	ck_assert_ptr_nonnull(aside);
	ck_assert_int_eq(aside->reason, IOT_STORE_ASIDE_FOREIGN);
	moved = find_aside("store.db.foreign-");
	ck_assert_ptr_nonnull(moved);
	ck_assert_str_eq(aside->moved_to, moved);
	ck_assert_ptr_nonnull(aside->detail);
	/* The fresh store is ours; the other program's file is intact. */
	ck_assert_int_eq(pragma(st, "PRAGMA application_id"), IOT_STORE_APPLICATION_ID);
	ck_assert_int_eq(pragma(st, "SELECT count(*) FROM sqlite_master WHERE name = 'recipes'"), 0);
	ck_assert_int_eq(sqlite3_open(moved, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "SELECT name FROM recipes", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	iot_store_close(st);
	iot_store_aside_free(aside);
	g_free(moved);

	/* Another program's application_id, even without tables. */
	make_sqlite_file(path, "PRAGMA application_id = 1234; PRAGMA page_size = 4096; VACUUM;");
	st = iot_store_open(path, &aside, &e);
	ck_assert_ptr_nonnull(st);
	ck_assert_ptr_nonnull(aside);
	ck_assert_int_eq(aside->reason, IOT_STORE_ASIDE_FOREIGN);
	iot_store_aside_free(aside);
	iot_store_close(st);
}
END_TEST

START_TEST(test_garbage_file_is_moved_aside_with_its_journal)
{
	char *garbage = g_strnfill(10000, 'x'), *wal = g_strconcat(path, "-wal", NULL), *moved, *back = NULL;
	char *moved_wal;
	IotStoreAside *aside = NULL;
	GError *e = NULL;
	IotStore *st;
	gsize len = 0;

	memcpy(garbage, "not a database at all", 21);
	g_mkdir_with_parents(tmp, 0700);
	st = open_ok(); /* makes the directory */
	iot_store_close(st);
	ck_assert(g_file_set_contents(path, garbage, 10000, NULL));
	ck_assert(g_file_set_contents(wal, "a journal", -1, NULL));
	st = iot_store_open(path, &aside, &e);
	ck_assert_msg(st != NULL, "%s", e ? e->message : "");
	ck_assert_ptr_nonnull(aside);
	ck_assert_int_eq(aside->reason, IOT_STORE_ASIDE_CORRUPT);
	ck_assert_ptr_nonnull(strstr(aside->detail, "not a database"));
	moved = find_aside("store.db.damaged-");
	ck_assert_ptr_nonnull(moved);
	/* Renamed, never deleted: the bytes are all there. */
	ck_assert(g_file_get_contents(moved, &back, &len, NULL));
	ck_assert_uint_eq(len, 10000);
	ck_assert(memcmp(back, garbage, len) == 0);
	moved_wal = g_strconcat(moved, "-wal", NULL);
	ck_assert(g_file_test(moved_wal, G_FILE_TEST_IS_REGULAR));
	/* A fresh store works. */
	ck_assert(iot_store_caps_put(st, "sha-1", "v=", "<query/>", NOW, NULL));
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 1);
	iot_store_close(st);
	iot_store_aside_free(aside);
	g_free(moved_wal);
	g_free(back);
	g_free(moved);
	g_free(wal);
	g_free(garbage);
}
END_TEST

/* A valid header over damaged pages: found by the check at opening. */
START_TEST(test_damaged_pages_are_moved_aside)
{
	IotStore *st = open_ok();
	IotStoreAside *aside = NULL;
	char *data = NULL, *moved;
	gsize len = 0, i;
	GError *e = NULL;

	for (i = 0; i < 300; i++) {
		char *ver = g_strdup_printf("v%zu=", i);
		ck_assert(iot_store_caps_put(st, "sha-1", ver, "<query xmlns='http://jabber.org/protocol/disco#info'/>",
		                             NOW, NULL));
		g_free(ver);
	}
	iot_store_close(st); /* checkpoints: everything is in the main file */
	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	ck_assert_uint_gt(len, 3 * 4096);
	for (i = 4096 + 16; i < len; i += 7)
		data[i] = (char)(i * 31);
	ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
	st = iot_store_open(path, &aside, &e);
	ck_assert_msg(st != NULL, "%s", e ? e->message : "");
	ck_assert_ptr_nonnull(aside);
	ck_assert_int_eq(aside->reason, IOT_STORE_ASIDE_CORRUPT);
	moved = find_aside("store.db.damaged-");
	ck_assert_ptr_nonnull(moved);
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 0);
	iot_store_close(st);
	iot_store_aside_free(aside);
	g_free(moved);
	g_free(data);
}
END_TEST

START_TEST(test_newer_schema_is_left_alone)
{
	GError *e = NULL;
	char *before = NULL, *after = NULL;
	gsize n0 = 0, n1 = 0;

	char *sql = g_strdup_printf("PRAGMA application_id = %d; PRAGMA user_version = 999;"
	                            "CREATE TABLE future (x);", IOT_STORE_APPLICATION_ID);

	make_sqlite_file(path, sql);
	g_free(sql);
	ck_assert(g_file_get_contents(path, &before, &n0, NULL));
	ck_assert_ptr_null(iot_store_open(path, NULL, &e));
	ck_assert(g_error_matches(e, IOT_STORE_ERROR, IOT_STORE_ERROR_NEWER));
	ck_assert(g_file_get_contents(path, &after, &n1, NULL));
	ck_assert_uint_eq(n0, n1);
	ck_assert(memcmp(before, after, n0) == 0);
	ck_assert_ptr_null(find_aside("store.db."));
	g_error_free(e);
	g_free(before);
	g_free(after);
}
END_TEST

START_TEST(test_directory_in_its_place_is_an_error)
{
	GError *e = NULL;

	g_mkdir_with_parents(path, 0700);
	ck_assert_ptr_null(iot_store_open(path, NULL, &e));
	ck_assert(g_error_matches(e, IOT_STORE_ERROR, IOT_STORE_ERROR_FAILED));
	ck_assert(g_file_test(path, G_FILE_TEST_IS_DIR));
	g_error_free(e);
}
END_TEST

/* In a child that is not root (root writes anywhere): the error code of
 * opening @file, 0 when it opened, as the exit status. */
static int
open_as_nobody(const char *file)
{
	pid_t pid;
	int status = 0;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		GError *e = NULL;
		IotStore *st;

		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(100);
		st = iot_store_open(file, NULL, &e);
		if (st != NULL) {
			iot_store_close(st);
			_exit(0);
		}
		_exit(e->domain == IOT_STORE_ERROR ? 10 + e->code : 99);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

START_TEST(test_read_only_directory_is_one_clear_error)
{
	char *dir = g_path_get_dirname(path), *deeper = g_build_filename(dir, "sub", "store.db", NULL);

	ck_assert_int_eq(g_chmod(tmp, 0755), 0);
	ck_assert_int_eq(g_mkdir(dir, 0555), 0);
	/* The file cannot be created … */
	ck_assert_int_eq(open_as_nobody(path), 10 + IOT_STORE_ERROR_UNWRITABLE);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	/* … nor the directory. */
	ck_assert_int_eq(open_as_nobody(deeper), 10 + IOT_STORE_ERROR_UNWRITABLE);
	/* An existing store in a directory that became read-only: WAL needs
	 * files beside it. */
	ck_assert_int_eq(g_chmod(dir, 0777), 0);
	ck_assert_int_eq(open_as_nobody(path), 0);
	ck_assert_int_eq(g_chmod(dir, 0555), 0);
	ck_assert_int_eq(open_as_nobody(path), 10 + IOT_STORE_ERROR_UNWRITABLE);
	ck_assert_int_eq(g_chmod(dir, 0700), 0);
	g_free(deeper);
	g_free(dir);
}
END_TEST

START_TEST(test_full_disk_is_reported_as_such)
{
	IotStore *st = open_ok();
	GError *e = NULL;
	char *big = g_strnfill(15000, 'x');
	int i;
	gboolean ok = TRUE;

	/* A disk that is full once the file has 8 more pages. */
	ck_assert_int_eq(sqlite3_exec(iot_store_db(st), "PRAGMA max_page_count = 12", NULL, NULL, NULL), SQLITE_OK);
	for (i = 0; i < 20 && ok; i++) {
		char *ver = g_strdup_printf("v%d=", i);
		ok = iot_store_caps_put(st, "sha-1", ver, big, NOW, &e);
		g_free(ver);
	}
	ck_assert(!ok);
	ck_assert_msg(g_error_matches(e, IOT_STORE_ERROR, IOT_STORE_ERROR_FULL), "%s", e->message);
	g_error_free(e);
	/* Reading still works. */
	ck_assert_int_ge(iot_store_caps_count(st, NULL), 0);
	iot_store_close(st);
	g_free(big);
}
END_TEST

/* Pidgin and Finch on one profile: two connections, each sees the other's writes. */
START_TEST(test_two_clients_share_one_store)
{
	IotStore *a = open_ok(), *b = open_ok();
	char *xml;

	ck_assert(iot_store_caps_put(a, "sha-1", "a=", "<a/>", NOW, NULL));
	ck_assert(iot_store_caps_put(b, "sha-1", "b=", "<b/>", NOW, NULL));
	xml = iot_store_caps_get(b, "sha-1", "a=", NOW, NULL);
	ck_assert_str_eq(xml, "<a/>");
	g_free(xml);
	xml = iot_store_caps_get(a, "sha-1", "b=", NOW, NULL);
	ck_assert_str_eq(xml, "<b/>");
	g_free(xml);
	iot_store_close(a);
	ck_assert_int_eq(iot_store_caps_count(b, NULL), 2);
	iot_store_close(b);
}
END_TEST

START_TEST(test_caps_round_trip)
{
	IotStore *st = open_ok();
	const char *xml = "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:a'/></query>";
	char *got, *big = g_strnfill(IOT_MAX_CAPS_INFO_BYTES + 1, 'x');
	GError *e = NULL;

	ck_assert_ptr_null(iot_store_caps_get(st, "sha-1", "v=", NOW, &e));
	ck_assert_ptr_null(e); /* unknown is not an error */
	ck_assert(iot_store_caps_put(st, "sha-1", "v=", xml, NOW, NULL));
	got = iot_store_caps_get(st, "sha-1", "v=", NOW, NULL);
	ck_assert_str_eq(got, xml);
	g_free(got);
	/* The key is the hash and the ver. */
	ck_assert_ptr_null(iot_store_caps_get(st, "sha-256", "v=", NOW, NULL));
	ck_assert_ptr_null(iot_store_caps_get(st, "sha-1", "V=", NOW, NULL));
	/* Replaced, not doubled. */
	ck_assert(iot_store_caps_put(st, "sha-1", "v=", "<query/>", NOW, NULL));
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 1);
	/* Too large to keep. */
	ck_assert(!iot_store_caps_put(st, "sha-1", "w=", big, NOW, &e));
	g_clear_error(&e);
	ck_assert(iot_store_caps_forget(st, "sha-1", "v=", NULL));
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 0);
	iot_store_close(st);
	g_free(big);
}
END_TEST

START_TEST(test_caps_prune_unused_and_bound)
{
	IotStore *st = open_ok();
	char *got;
	int i;

	ck_assert(iot_store_caps_put(st, "sha-1", "old=", "<q/>", NOW - 100 * DAY, NULL));
	ck_assert(iot_store_caps_put(st, "sha-1", "used=", "<q/>", NOW - 100 * DAY, NULL));
	ck_assert(iot_store_caps_put(st, "sha-1", "recent=", "<q/>", NOW - 10 * DAY, NULL));
	/* A use marks it (with a day's precision). */
	got = iot_store_caps_get(st, "sha-1", "used=", NOW - 5 * DAY, NULL);
	ck_assert_ptr_nonnull(got);
	g_free(got);
	ck_assert_int_eq(iot_store_caps_prune(st, NOW, NULL), 1);
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 2);
	ck_assert_ptr_null(iot_store_caps_get(st, "sha-1", "old=", NOW, NULL));
	/* Beyond the row bound, the least recently used go. */
	for (i = 0; i < IOT_STORE_CAPS_MAX_ROWS; i++) {
		char *ver = g_strdup_printf("n%d=", i);
		ck_assert(iot_store_caps_put(st, "sha-1", ver, "<q/>", NOW - DAY + i, NULL));
		g_free(ver);
	}
	ck_assert_int_eq(iot_store_caps_prune(st, NOW, NULL), 2);
	ck_assert_int_eq(iot_store_caps_count(st, NULL), IOT_STORE_CAPS_MAX_ROWS);
	ck_assert_ptr_null(iot_store_caps_get(st, "sha-1", "recent=", NOW, NULL));
	got = iot_store_caps_get(st, "sha-1", "n0=", NOW, NULL);
	ck_assert_ptr_nonnull(got);
	g_free(got);
	iot_store_close(st);
}
END_TEST

Suite *
iot_store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_store_is_ours_in_wal_at_the_latest_schema);
	tcase_add_test(tc, test_migrations_from_version_0);
	tcase_add_test(tc, test_migrations_in_order_each_in_one_transaction);
	tcase_add_test(tc, test_reopen_keeps_what_was_stored);
	tcase_add_test(tc, test_foreign_database_is_moved_aside);
	tcase_add_test(tc, test_garbage_file_is_moved_aside_with_its_journal);
	tcase_add_test(tc, test_damaged_pages_are_moved_aside);
	tcase_add_test(tc, test_newer_schema_is_left_alone);
	tcase_add_test(tc, test_directory_in_its_place_is_an_error);
	tcase_add_test(tc, test_read_only_directory_is_one_clear_error);
	tcase_add_test(tc, test_full_disk_is_reported_as_such);
	tcase_add_test(tc, test_two_clients_share_one_store);
	tcase_add_test(tc, test_caps_round_trip);
	tcase_add_test(tc, test_caps_prune_unused_and_bound);
	suite_add_tcase(s, tc);
	return s;
}
