/* test-store-crash.c — a kill -9 at any moment loses at most the last
 * unsaved second and never the database.
 *
 * A child process writes as the plugin does: a burst of samples (40 series,
 * one sample each every 5 ms), queued, and flushed by a 1 s timer of a GLib
 * main loop, on a store whose worker checkpoints often (every 64 pages, and
 * truncates after 200 ms without a commit) so that a kill also finds it
 * checkpointing. After each flush the child tells the parent how far it
 * got. The parent kills it with SIGKILL at a random moment, reopens the
 * store and checks that it is sound (integrity_check) and holds every sample
 * the child reported flushed — and that the last report came less than
 * 1.5 s before the kill. Five rounds on one store, each at another moment. */
#include "iot-tests.h"

#include "iot-store-history.h"
#include "iot-store-private.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SERIES 40
#define TICK_US 5000
#define ROUNDS 5
#define ACCOUNT "me@home.example/pidgin"

static char *tmp;
static char *path;

typedef struct {
	IotStoreHistory *h;
	gint64 t0;
	guint32 tick;
	int fd;
} Writer;

static void
setup(void)
{
	iot_test_store_place_new("iot-store-crash-XXXXXX", &tmp, &path);
}

static void
teardown(void)
{
	iot_test_store_place_free(&tmp, &path);
}

static gboolean
feed_cb(gpointer data)
{
	Writer *w = data;
	guint s;

	for (s = 0; s < SERIES; s++) {
		char thing[64], name[32];

		g_snprintf(thing, sizeof thing, "meter%u@home.example", s / 10);
		g_snprintf(name, sizeof name, "Channel %u", s);
		if (iot_store_history_add_number(w->h, ACCOUNT, thing, NULL, name, "W",
		                                 w->t0 + (gint64)w->tick * TICK_US, w->tick + s, 0) !=
		    IOT_STORE_HISTORY_QUEUED)
			_exit(5);
	}
	w->tick++;
	return G_SOURCE_CONTINUE;
}

static gboolean
flush_cb(gpointer data)
{
	Writer *w = data;
	guint32 upto = w->tick;

	if (!iot_store_history_flush(w->h, g_get_real_time(), NULL, NULL))
		_exit(6);
	/* Everything before tick @upto is in the database now. */
	if (write(w->fd, &upto, sizeof upto) != sizeof upto)
		_exit(7);
	return G_SOURCE_CONTINUE;
}

/* The child: writes until it is killed. */
static void G_GNUC_NORETURN
run_writer(int fd, gint64 t0)
{
	Writer w = { NULL, t0, 0, fd };
	IotStore *st = iot_store_open(path, NULL, NULL);
	GMainLoop *loop;

	if (st == NULL)
		_exit(3);
	iot_store_checkpoint_tune(st, 64, 200000);
	w.h = iot_store_history_open(st, NULL);
	if (w.h == NULL)
		_exit(4);
	loop = g_main_loop_new(NULL, FALSE);
	g_timeout_add(TICK_US / 1000, feed_cb, &w);
	g_timeout_add(1000, flush_cb, &w);
	g_main_loop_run(loop);
	_exit(8);
}

static gint64
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	gint64 v = -1;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* Reads the reports waiting in @fd (non-blocking) into *@upto, noting when
 * the last one came. */
static void
read_reports(int fd, guint32 *upto, gint64 *when, int timeout_ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	while (poll(&p, 1, timeout_ms) > 0 && (p.revents & POLLIN)) {
		guint32 v;

		if (read(fd, &v, sizeof v) != sizeof v)
			break;
		*upto = v;
		*when = g_get_monotonic_time();
		timeout_ms = 0;
	}
}

START_TEST(test_kill_during_a_burst_of_writes)
{
	guint32 seed = g_random_int();
	GRand *rand = g_rand_new_with_seed(seed);
	guint round;

	for (round = 0; round < ROUNDS; round++) {
		int fds[2];
		gint64 t0 = g_get_real_time() / G_USEC_PER_SEC * G_USEC_PER_SEC, kill_at, last_report = 0;
		guint32 upto = 0;
		pid_t pid;
		int status = 0;
		IotStoreAside *aside = NULL;
		GError *e = NULL;
		IotStore *st;
		sqlite3 *db;
		char *sql;
		gint64 kept, more;
		guint delay_ms = (guint)g_rand_int_range(rand, 1300, 3800);

		ck_assert_int_eq(pipe(fds), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			close(fds[0]);
			run_writer(fds[1], t0);
		}
		close(fds[1]);
		kill_at = g_get_monotonic_time() + (gint64)delay_ms * 1000;
		while (g_get_monotonic_time() < kill_at)
			read_reports(fds[0], &upto, &last_report,
			             (int)MAX(1, (kill_at - g_get_monotonic_time()) / 1000));
		ck_assert_int_eq(kill(pid, SIGKILL), 0);
		kill_at = g_get_monotonic_time();
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		              "round %u (seed %u): the writer ended by itself (status %d)", round, seed, status);
		/* Reports written before the kill and not read yet. */
		read_reports(fds[0], &upto, &last_report, 0);
		close(fds[0]);
		ck_assert_msg(upto > 0, "round %u (seed %u): nothing was flushed in %u ms", round, seed, delay_ms);
		ck_assert_msg(kill_at - last_report < 1500000,
		              "round %u (seed %u): the last flush was %.2f s before the kill", round, seed,
		              (kill_at - last_report) / 1e6);

		/* The database is sound, was not moved aside, and holds every
		 * sample reported flushed. */
		st = iot_store_open(path, &aside, &e);
		ck_assert_msg(st != NULL, "round %u (seed %u): %s", round, seed, e ? e->message : "");
		ck_assert_msg(aside == NULL, "round %u (seed %u): moved aside: %s", round, seed,
		              aside ? aside->detail : "");
		db = iot_store_db(st);
		ck_assert_int_eq(query_int(db, "SELECT count(*) FROM pragma_integrity_check"
		                               " WHERE integrity_check = 'ok'"),
		                 1);
		sql = g_strdup_printf("SELECT (SELECT count(*) FROM history_sample WHERE t >= %1$" G_GINT64_FORMAT
		                      " AND t < %2$" G_GINT64_FORMAT ") + (SELECT count(*) FROM history_recent"
		                      " WHERE t >= %1$" G_GINT64_FORMAT " AND t < %2$" G_GINT64_FORMAT ")",
		                      t0, t0 + (gint64)upto * TICK_US);
		kept = query_int(db, sql);
		g_free(sql);
		ck_assert_msg(kept == (gint64)upto * SERIES,
		              "round %u (seed %u, killed after %u ms): %" G_GINT64_FORMAT " of %u samples flushed are there",
		              round, seed, delay_ms, kept, upto * SERIES);
		sql = g_strdup_printf("SELECT (SELECT count(*) FROM history_sample WHERE t >= %1$" G_GINT64_FORMAT
		                      ") + (SELECT count(*) FROM history_recent WHERE t >= %1$" G_GINT64_FORMAT ")",
		                      t0 + (gint64)upto * TICK_US);
		more = query_int(db, sql);
		g_free(sql);
		fprintf(stderr, "store crash round %u: killed after %u ms, %u samples flushed and kept, the last"
		                " flush %.2f s before the kill, %" G_GINT64_FORMAT " more kept from the flush under way\n",
		        round, delay_ms, upto * SERIES, (kill_at - last_report) / 1e6, more);
		iot_store_close(st);
	}
	g_rand_free(rand);
}
END_TEST

Suite *
iot_store_crash_suite(void)
{
	Suite *s = suite_create("store crash");
	TCase *tc = tcase_create("kill -9");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_kill_during_a_burst_of_writes);
	suite_add_tcase(s, tc);
	return s;
}
