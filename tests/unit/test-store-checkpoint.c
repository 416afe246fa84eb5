/* test-store-checkpoint.c — the store's schema with the history in it, and
 * its WAL checkpoints: never inside a commit on the main connection, but on
 * a worker thread with its own connection, passive while the store is
 * written, truncating once it is idle, stopped and joined at close. */
#include "iot-tests.h"

#include "iot-store-caps.h"
#include "iot-store-history.h"
#include "iot-store-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* 2024-01-10T08:00:00Z */
#define T0 G_GINT64_CONSTANT(1704873600000000)
#define ACCOUNT "me@home.example/pidgin"
#define THING "meter@home.example"

static char *tmp;
static char *path;

static void
setup(void)
{
	iot_test_store_place_new("iot-store-ckpt-XXXXXX", &tmp, &path);
}

static void
teardown(void)
{
	iot_test_store_place_free(&tmp, &path);
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

static gint64
file_size(const char *suffix)
{
	char *p = g_strconcat(path, suffix, NULL);
	GStatBuf sb;
	gint64 size = g_stat(p, &sb) == 0 ? (gint64)sb.st_size : -1;

	g_free(p);
	return size;
}

/* @commits commits of @pages pages (4 KiB of random bytes each) each. */
static void
write_pages(IotStore *st, guint commits, guint pages)
{
	sqlite3 *db = iot_store_db(st);
	guint i;

	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS filler (x BLOB)", NULL, NULL, NULL), SQLITE_OK);
	for (i = 0; i < commits; i++) {
		char *sql = g_strdup_printf("INSERT INTO filler SELECT randomblob(3900) FROM"
		                            " (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
		                            " WHERE i < %u) SELECT i FROM n)",
		                            pages);
		int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

		ck_assert_msg(rc == SQLITE_OK, "commit %u: %s", i, sqlite3_errmsg(db));
		g_free(sql);
	}
}

/* Waits up to @ms for the worker's counts to reach @passive and @truncated. */
static gboolean
wait_counts(IotStore *st, guint passive, guint truncated, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
	guint p = 0, t = 0;

	do {
		ck_assert(iot_store_checkpoint_counts(st, &p, &t));
		if (p >= passive && t >= truncated)
			return TRUE;
		g_usleep(10000);
	} while (g_get_monotonic_time() < end);
	return FALSE;
}

/* Every step of the history's migrations is a step of the store's schema,
 * each once and in its order: a step added to the history and not listed
 * in the store fails here. */
START_TEST(test_history_steps_are_in_the_schema)
{
	guint n = 0, i, found = 0, last = 0;
	const char *const *steps = iot_store_history_migrations(&n);

	ck_assert_uint_ge(n, 1);
	for (i = 0; i < n; i++) {
		guint v, hits = 0;

		for (v = 0; v < iot_store_schema_version(); v++) {
			if (iot_store_schema_step(v) == steps[i]) {
				hits++;
				ck_assert_msg(found == 0 || v > last, "history step %u is out of order", i + 1);
				last = v;
			}
		}
		ck_assert_msg(hits == 1, "history step %u is in the schema %u times", i + 1, hits);
		found++;
	}
	ck_assert_uint_eq(found, n);
}
END_TEST

/* A new store has the history tables; the history works on its connection. */
START_TEST(test_new_store_keeps_history)
{
	IotStore *st = open_ok();
	GError *e = NULL;
	IotStoreHistory *h = iot_store_history_open(st, &e);
	GPtrArray *latest;

	ck_assert_msg(h != NULL, "%s", e ? e->message : "");
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "PRAGMA user_version"), iot_store_schema_version());
	ck_assert_int_eq(iot_store_history_add_number(h, ACCOUNT, THING, NULL, "Power", "W", T0, 412, 0),
	                 IOT_STORE_HISTORY_QUEUED);
	ck_assert(iot_store_history_flush(h, T0, NULL, &e));
	iot_store_history_free(h);
	iot_store_close(st);
	st = open_ok();
	h = iot_store_history_open(st, NULL);
	latest = iot_store_history_latest(h, ACCOUNT, THING, NULL);
	ck_assert_uint_eq(latest->len, 1);
	ck_assert_double_eq(((IotStoreSeries *)g_ptr_array_index(latest, 0))->last_number, 412);
	g_ptr_array_unref(latest);
	iot_store_history_free(h);
	iot_store_close(st);
}
END_TEST

/* A store of the version before the history (the caps cache only) gets the
 * history tables and keeps what it had. */
START_TEST(test_store_before_history_is_migrated)
{
	const char *first = iot_store_schema_step(0);
	GError *e = NULL;
	IotStore *st = iot_store_open_with(path, &first, 1, NULL, &e);
	IotStoreHistory *h;

	ck_assert_msg(st != NULL, "%s", e ? e->message : "");
	ck_assert(iot_store_caps_put(st, "sha-1", "v1=", "<query/>", 1800000000, NULL));
	ck_assert_ptr_null(iot_store_history_open(st, &e));
	ck_assert(g_error_matches(e, IOT_STORE_HISTORY_ERROR, IOT_STORE_HISTORY_ERROR_SCHEMA));
	g_clear_error(&e);
	iot_store_close(st);
	st = open_ok();
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "PRAGMA user_version"), iot_store_schema_version());
	ck_assert_int_eq(iot_store_caps_count(st, NULL), 1);
	h = iot_store_history_open(st, &e);
	ck_assert_msg(h != NULL, "%s", e ? e->message : "");
	iot_store_history_free(h);
	iot_store_close(st);
}
END_TEST

/* The main connection never checkpoints inside a commit: SQLite's automatic
 * checkpoint (at 1,000 pages) is off, so with the worker told to wait the
 * WAL grows past it. Freed pages are zeroed where it is cheap. */
START_TEST(test_main_connection_never_checkpoints)
{
	IotStore *st = open_ok();
	sqlite3 *db = iot_store_db(st);
	int log = -1, done = -1;
	sqlite3 *other = NULL;

	ck_assert_int_eq(iot_test_query_int(db, "PRAGMA wal_autocheckpoint"), 0);
	ck_assert_int_eq(iot_test_query_int(db, "PRAGMA secure_delete"), 2); /* FAST */
	iot_store_checkpoint_tune(st, 1000000, G_GINT64_CONSTANT(3600) * G_USEC_PER_SEC);
	write_pages(st, 300, 5);
	ck_assert_int_ge(file_size("-wal"), 1400 * 4096);
	/* Nothing of it was copied into the file yet. */
	ck_assert_int_eq(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	ck_assert_int_eq(iot_test_query_int(other, "SELECT count(*) FROM filler"), 1500);
	ck_assert_int_eq(sqlite3_wal_checkpoint_v2(other, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done), SQLITE_OK);
	ck_assert_int_ge(log, 1400);
	sqlite3_close(other);
	iot_store_close(st);
}
END_TEST

/* With the worker: passive checkpoints as the WAL fills, so the WAL starts
 * again from its beginning and stays small, while the main connection
 * writes on. */
START_TEST(test_worker_checkpoints_while_the_store_is_written)
{
	IotStore *st = open_ok();
	guint passive = 0, i;

	iot_store_checkpoint_tune(st, 50, G_GINT64_CONSTANT(3600) * G_USEC_PER_SEC);
	write_pages(st, 10, 10);
	ck_assert(wait_counts(st, 1, 0, 5000));
	/* Give it time to copy each batch: the WAL is reused, not grown. */
	for (i = 0; i < 30; i++) {
		write_pages(st, 2, 10);
		g_usleep(20000);
	}
	ck_assert(iot_store_checkpoint_counts(st, &passive, NULL));
	ck_assert_uint_ge(passive, 3);
	ck_assert_int_lt(file_size("-wal"), 400 * 4096);
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "SELECT count(*) FROM filler"), 700);
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "SELECT count(*) FROM pragma_integrity_check"
	                                             " WHERE integrity_check = 'ok'"),
	                 1);
	iot_store_close(st);
}
END_TEST

/* Commits never fail or wait while the worker checkpoints after each one. */
START_TEST(test_commits_beside_checkpoints)
{
	IotStore *st = open_ok();
	gint64 end, hard_end, worst = 0;
	guint commits = 0, passive = 0;

	iot_store_checkpoint_tune(st, 1, G_GINT64_CONSTANT(3600) * G_USEC_PER_SEC);
	/* At least a second of commits, and on until the worker has had its
	 * turns: a loaded machine may schedule it late, which is no fault. */
	end = g_get_monotonic_time() + G_USEC_PER_SEC;
	hard_end = end + 20 * G_USEC_PER_SEC;
	for (;;) {
		gint64 t0 = g_get_monotonic_time();

		if (t0 >= hard_end)
			break;
		if (t0 >= end && iot_store_checkpoint_counts(st, &passive, NULL) && passive >= 2)
			break;
		write_pages(st, 1, 3);
		worst = MAX(worst, g_get_monotonic_time() - t0);
		commits++;
		g_thread_yield();
	}
	ck_assert(iot_store_checkpoint_counts(st, &passive, NULL));
	ck_assert_uint_ge(passive, 2);
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "SELECT count(*) FROM filler"), commits * 3);
	/* Not a timing test: only that no commit waited for a checkpoint's lock. */
	ck_assert_int_lt(worst, IOT_STORE_BUSY_TIMEOUT_MS * 1000 / 4);
	iot_store_close(st);
}
END_TEST

/* An idle store's WAL is emptied (TRUNCATE), once per idle spell. */
START_TEST(test_idle_store_empties_its_wal)
{
	IotStore *st = open_ok();
	guint truncated = 0;

	iot_store_checkpoint_tune(st, 1000000, 200000);
	write_pages(st, 20, 5);
	ck_assert_int_gt(file_size("-wal"), 0);
	ck_assert(wait_counts(st, 0, 1, 5000));
	ck_assert_int_eq(file_size("-wal"), 0);
	g_usleep(500000);
	ck_assert(iot_store_checkpoint_counts(st, NULL, &truncated));
	ck_assert_uint_eq(truncated, 1);
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "SELECT count(*) FROM filler"), 100);
	write_pages(st, 1, 5);
	ck_assert(wait_counts(st, 0, 2, 5000));
	ck_assert_int_eq(file_size("-wal"), 0);
	iot_store_close(st);
}
END_TEST

/* A writer in another connection (another client) holds the lock: the
 * TRUNCATE does not wait for it, and comes when the writer is done. */
START_TEST(test_truncate_waits_for_no_writer)
{
	IotStore *st = open_ok();
	sqlite3 *other = NULL;
	guint truncated = 0;

	write_pages(st, 2, 5);
	ck_assert_int_eq(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO filler VALUES (1)", NULL, NULL, NULL),
	                 SQLITE_OK);
	iot_store_checkpoint_tune(st, 1000000, 100000);
	g_usleep(400000);
	ck_assert(iot_store_checkpoint_counts(st, NULL, &truncated));
	ck_assert_uint_eq(truncated, 0);
	ck_assert_int_eq(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	ck_assert(wait_counts(st, 0, 1, 5000));
	sqlite3_close(other);
	iot_store_close(st);
}
END_TEST

/* Closing stops and joins the worker at once, whatever it waits for, and
 * leaves one file (the last connection checkpoints and removes the WAL). */
START_TEST(test_close_joins_the_worker_at_once)
{
	IotStore *st = open_ok();
	gint64 t0;

	iot_store_checkpoint_tune(st, 1000000, G_GINT64_CONSTANT(3600) * G_USEC_PER_SEC);
	write_pages(st, 5, 5);
	t0 = g_get_monotonic_time();
	iot_store_close(st);
	ck_assert_int_lt(g_get_monotonic_time() - t0, 500000);
	ck_assert_int_eq(file_size("-wal"), -1);
	st = open_ok();
	ck_assert_int_eq(iot_test_query_int(iot_store_db(st), "SELECT count(*) FROM filler"), 25);
	iot_store_close(st);
}
END_TEST

Suite *
iot_store_checkpoint_suite(void)
{
	Suite *s = suite_create("store checkpoint");
	TCase *tc = tcase_create("schema and checkpoints");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_history_steps_are_in_the_schema);
	tcase_add_test(tc, test_new_store_keeps_history);
	tcase_add_test(tc, test_store_before_history_is_migrated);
	tcase_add_test(tc, test_main_connection_never_checkpoints);
	tcase_add_test(tc, test_worker_checkpoints_while_the_store_is_written);
	tcase_add_test(tc, test_commits_beside_checkpoints);
	tcase_add_test(tc, test_idle_store_empties_its_wal);
	tcase_add_test(tc, test_truncate_waits_for_no_writer);
	tcase_add_test(tc, test_close_joins_the_worker_at_once);
	suite_add_tcase(s, tc);
	return s;
}
