/* iot-store.c — opening, checking and migrating the store, and checkpointing
 * its WAL off the main loop. See iot-store.h. */
#include "iot-store-private.h"

#include "iot-store-controllog.h"
#include "iot-store-pubsub.h"
#include "iot-store-alert.h"
#include "iot-store-alert-state.h"
#include "iot-store-registry.h"
#include "iot-store-history.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>

/* The worker thread that checkpoints the WAL (see iot-store.h). */
typedef struct {
	GThread *thread;
	GMutex lock;
	GCond wake;
	sqlite3 *db;        /* the worker's own connection, used by the thread only */
	/* Under @lock: */
	gboolean stop;
	int frames;         /* frames in the WAL after the last commit */
	guint64 commits;    /* commits seen by the WAL hook */
	gint64 last_commit; /* monotonic µs */
	guint pages;
	gint64 idle_us;
	guint passive, truncated;
} Checkpointer;

struct _IotStore {
	sqlite3 *db;
	char *path;
	GHashTable *stmts; /* SQL text (not owned) → sqlite3_stmt* */
	gboolean in_transaction;
	Checkpointer *ckpt; /* NULL: SQLite's own automatic checkpoints */
};

/* A failed or incomplete checkpoint is tried again after this long. */
#define CHECKPOINT_RETRY_US (G_USEC_PER_SEC)
#define CHECKPOINT_ERROR_RETRY_US (10 * G_USEC_PER_SEC)

/* The schema, one step at a time: step i takes a file from user_version i to
 * i + 1. A step is the store's own SQL or the next step of a family's
 * migrations (iot_store_history_migrations(): a family's steps are listed
 * here each once, in their order). Never edit a step that was released;
 * append one. */
typedef enum {
	STEP_SQL,     /* .sql */
	STEP_HISTORY, /* step .family_step of iot_store_history_migrations() */
	STEP_FAMILY   /* the SQL .family returns */
} StepKind;

typedef struct {
	StepKind kind;
	const char *sql;
	guint family_step;
	const char *(*family)(void);
} Step;

static const Step schema[] = {
	/* 1: the XEP-0115 caps cache (iot-store-caps.c). Times are Unix seconds. */
	{ STEP_SQL,
	  "CREATE TABLE caps ("
	"  hash TEXT NOT NULL,"     /* the algorithm announced, e.g. 'sha-1' */
	"  ver TEXT NOT NULL,"      /* the verification string announced */
	"  info TEXT NOT NULL,"     /* the verified disco#info <query/>, as XML */
	"  verified INTEGER NOT NULL,"
	"  used INTEGER NOT NULL,"
	"  UNIQUE (hash, ver)"
	");"
	  "CREATE INDEX caps_by_use ON caps (used);",
	  0 },
	/* 2: the history of things (iot-store-history-sql.c, its step 1). */
	{ STEP_HISTORY, NULL, 0 },
	/* 3: the control log (iot-store-controllog.c). */
	{ STEP_SQL, IOT_STORE_CONTROLLOG_MIGRATION, 0 },
	/* 4: publish-subscribe subscriptions and recent items (iot-store-pubsub.c). */
	{ STEP_FAMILY, NULL, 0, iot_store_pubsub_migration },
	/* 5: the alert inbox and the person's rules (iot-store-alert.c). */
	{ STEP_FAMILY, NULL, 0, iot_store_alert_migration },
	/* 6: the rules an owner gave (iot-store-registry.c). */
	{ STEP_FAMILY, NULL, 0, iot_store_registry_migration },
	/* 7: what each alert rule was doing (iot-store-alert-state.c). */
	{ STEP_FAMILY, NULL, 0, iot_store_alert_state_migration },
	/* 8: an alert entry's owner question (iot-store-alert.c). */
	{ STEP_FAMILY, NULL, 0, iot_store_alert_question_migration },
};

G_DEFINE_QUARK(iot-store-error-quark, iot_store_error)

guint
iot_store_schema_version(void)
{
	return G_N_ELEMENTS(schema);
}

/* The SQL of every step, in order (static, built once). */
static const char *const *
migrations(void)
{
	static const char *sql[G_N_ELEMENTS(schema)];
	static gsize ready;

	if (g_once_init_enter(&ready)) {
		guint n_history = 0, i;
		const char *const *history = iot_store_history_migrations(&n_history);

		for (i = 0; i < G_N_ELEMENTS(schema); i++) {
			if (schema[i].kind == STEP_HISTORY) {
				g_assert(schema[i].family_step < n_history);
				sql[i] = history[schema[i].family_step];
			} else if (schema[i].kind == STEP_FAMILY) {
				sql[i] = schema[i].family();
			} else {
				sql[i] = schema[i].sql;
			}
		}
		g_once_init_leave(&ready, 1);
	}
	return sql;
}

const char *
iot_store_schema_step(guint i)
{
	g_return_val_if_fail(i < G_N_ELEMENTS(schema), NULL);
	return migrations()[i];
}

void
iot_store_aside_free(IotStoreAside *aside)
{
	if (aside == NULL)
		return;
	g_free(aside->moved_to);
	g_free(aside->detail);
	g_free(aside);
}

const char *
iot_store_path(const IotStore *st)
{
	g_return_val_if_fail(st != NULL, NULL);
	return st->path;
}

sqlite3 *
iot_store_db(IotStore *st)
{
	g_return_val_if_fail(st != NULL, NULL);
	return st->db;
}

static IotStoreErrorCode
code_for(int rc, int sys_errno)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return IOT_STORE_ERROR_FULL;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
	case SQLITE_AUTH:
		return IOT_STORE_ERROR_UNWRITABLE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return IOT_STORE_ERROR_BUSY;
	case SQLITE_IOERR:
		if (sys_errno == ENOSPC || sys_errno == EDQUOT)
			return IOT_STORE_ERROR_FULL;
		if (sys_errno == EROFS || sys_errno == EACCES || sys_errno == EPERM)
			return IOT_STORE_ERROR_UNWRITABLE;
		return IOT_STORE_ERROR_FAILED;
	default:
		return IOT_STORE_ERROR_FAILED;
	}
}

static gboolean
fail_db(sqlite3 *db, int rc, const char *what, GError **error)
{
	int sys = db ? sqlite3_system_errno(db) : 0;
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	if (sys != 0)
		g_set_error(error, IOT_STORE_ERROR, code_for(rc, sys), "%s: %s (%s)", what, msg, g_strerror(sys));
	else
		g_set_error(error, IOT_STORE_ERROR, code_for(rc, sys), "%s: %s", what, msg);
	return FALSE;
}

gboolean
iot_store_fail(IotStore *st, int rc, const char *what, GError **error)
{
	return fail_db(st ? st->db : NULL, rc, what, error);
}

sqlite3_stmt *
iot_store_stmt(IotStore *st, const char *sql, GError **error)
{
	sqlite3_stmt *stmt;
	int rc;

	g_return_val_if_fail(st != NULL && sql != NULL, NULL);
	stmt = g_hash_table_lookup(st->stmts, sql);
	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		fail_db(st->db, rc, "prepare", error);
		return NULL;
	}
	g_hash_table_insert(st->stmts, (gpointer)sql, stmt);
	return stmt;
}

/* Runs @sql; on failure, @error says @what (or the SQL itself) failed. */
static gboolean
exec_as(sqlite3 *db, const char *sql, const char *what, GError **error)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? TRUE : fail_db(db, rc, what ? what : sql, error);
}

#define exec(db, sql, error) exec_as(db, sql, NULL, error)

/* One integer from a statement such as a PRAGMA; *@rc receives SQLite's result. */
static gint64
query_int(sqlite3 *db, const char *sql, int *rc)
{
	sqlite3_stmt *stmt = NULL;
	gint64 v = 0;

	*rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(stmt);
		if (*rc == SQLITE_ROW) {
			v = sqlite3_column_int64(stmt, 0);
			*rc = SQLITE_OK;
		} else if (*rc == SQLITE_DONE) {
			*rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return v;
}

static gboolean
is_damage(int rc)
{
	return (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT;
}

/* quick_check's first line, "ok" for a sound file; *@rc as above. */
static char *
quick_check(sqlite3 *db, int *rc)
{
	sqlite3_stmt *stmt = NULL;
	char *first = NULL;

	*rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(stmt);
		if (*rc == SQLITE_ROW) {
			first = g_strndup((const char *)sqlite3_column_text(stmt, 0), 200);
			*rc = SQLITE_OK;
		} else if (*rc == SQLITE_DONE) {
			*rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return first;
}

static gboolean
migrate(sqlite3 *db, const char *const *migs, guint n, GError **error)
{
	guint v;
	int rc;

	for (v = 1; v <= n; v++) {
		gint64 current;
		char *set;
		gboolean ok;

		if (!exec(db, "BEGIN IMMEDIATE", error))
			return FALSE;
		/* Another client may have migrated while we waited for the lock. */
		current = query_int(db, "PRAGMA user_version", &rc);
		if (rc != SQLITE_OK) {
			fail_db(db, rc, "reading the schema version", error);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return FALSE;
		}
		if (current >= v) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			continue;
		}
		set = g_strdup_printf("PRAGMA application_id = %d; PRAGMA user_version = %u;",
		                      IOT_STORE_APPLICATION_ID, v);
		ok = exec_as(db, migs[v - 1], "migration", error) && exec(db, set, error) && exec(db, "COMMIT", error);
		g_free(set);
		if (!ok) {
			g_prefix_error(error, "migration to schema %u: ", v);
			if (!sqlite3_get_autocommit(db))
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return FALSE;
		}
	}
	return TRUE;
}

/* TRUE when @path is missing, empty (SQLite starts such a file afresh) or
 * starts like an SQLite 3 database. */
static gboolean
has_sqlite_header(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	FILE *f = g_fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return TRUE; /* missing, or unreadable: sqlite3_open_v2() says which */
	n = fread(head, 1, sizeof head, f);
	fclose(f);
	return n == 0 || (n == sizeof head && memcmp(head, magic, sizeof head) == 0);
}

/* Opens @path and checks it. Returns the connection, or NULL: with @error when
 * there is no usable store, or with *@detail set (and no error) when the file
 * must be moved aside for *@why. */
static sqlite3 *
try_open(const char *path, const char *const *migs, guint n, IotStoreAsideReason *why, char **detail,
         GError **error)
{
	sqlite3 *db = NULL;
	gint64 app_id, version, objects;
	char *check = NULL, *wal = g_strconcat(path, "-wal", NULL);
	GStatBuf sb;
	/* A WAL left beside the file: the last session did not close it (a crash,
	 * a kill, or another client still has it open). */
	gboolean unclean = g_file_test(wal, G_FILE_TEST_EXISTS);
	gboolean small = g_stat(path, &sb) != 0 || sb.st_size <= IOT_STORE_FULL_CHECK_MAX_BYTES;
	int rc = SQLITE_OK;

	g_free(wal);

	/* Not an SQLite file at all: moved before SQLite sees it, as SQLite
	 * would otherwise treat the journal beside it as its own. */
	if (!has_sqlite_header(path)) {
		*why = IOT_STORE_ASIDE_CORRUPT;
		*detail = g_strdup("file is not a database (no SQLite header)");
		return NULL;
	}
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		fail_db(db, rc, "cannot open the store", error);
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, IOT_STORE_BUSY_TIMEOUT_MS);

	objects = query_int(db, "SELECT count(*) FROM sqlite_master", &rc);
	if (rc == SQLITE_OK)
		app_id = query_int(db, "PRAGMA application_id", &rc);
	if (rc == SQLITE_OK)
		version = query_int(db, "PRAGMA user_version", &rc);
	if (is_damage(rc)) {
		*why = IOT_STORE_ASIDE_CORRUPT;
		*detail = g_strdup(sqlite3_errmsg(db));
		sqlite3_close(db);
		return NULL;
	}
	if (rc != SQLITE_OK) {
		fail_db(db, rc, "cannot read the store", error);
		sqlite3_close(db);
		return NULL;
	}
	if (app_id != IOT_STORE_APPLICATION_ID && (app_id != 0 || version != 0 || objects != 0)) {
		*why = IOT_STORE_ASIDE_FOREIGN;
		*detail = g_strdup_printf("application_id %#" G_GINT64_MODIFIER "x, user_version %" G_GINT64_FORMAT
		                          ", %" G_GINT64_FORMAT " schema objects",
		                          app_id, version, objects);
		sqlite3_close(db);
		return NULL;
	}
	if (version > (gint64)n) {
		g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_NEWER,
		            "%s has schema %" G_GINT64_FORMAT "; this version knows up to %u", path, version, n);
		sqlite3_close(db);
		return NULL;
	}
	/* Damage deeper in the file: pages, indexes. Linear in the file's size
	 * (1.1 s for a month of history, 331 MB), so a large store is checked
	 * only after a session that did not close it; the header checks above
	 * run every time. */
	if (objects > 0 && (small || unclean))
		check = quick_check(db, &rc);
	if (is_damage(rc) || (rc == SQLITE_OK && check != NULL && strcmp(check, "ok") != 0)) {
		*why = IOT_STORE_ASIDE_CORRUPT;
		*detail = g_strdup(rc == SQLITE_OK ? check : sqlite3_errmsg(db));
		g_free(check);
		sqlite3_close(db);
		return NULL;
	}
	g_free(check);
	if (rc != SQLITE_OK) {
		fail_db(db, rc, "cannot check the store", error);
		sqlite3_close(db);
		return NULL;
	}
	/* WAL: readers and one writer side by side, a crash loses at most the last
	 * transactions. NORMAL is safe with WAL (no fsync per commit). */
	if (!exec(db, "PRAGMA journal_mode = WAL", error) || !exec(db, "PRAGMA synchronous = NORMAL", error) ||
	    !migrate(db, migs, n, error)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static char *
aside_name(const char *path, IotStoreAsideReason why)
{
	GDateTime *now = g_date_time_new_now_local();
	char *stamp = g_date_time_format(now, "%Y%m%d-%H%M%S");
	char *base = g_strdup_printf("%s.%s-%s", path, why == IOT_STORE_ASIDE_FOREIGN ? "foreign" : "damaged", stamp);
	char *name = g_strdup(base);
	int i;

	for (i = 2; g_file_test(name, G_FILE_TEST_EXISTS); i++) {
		g_free(name);
		name = g_strdup_printf("%s-%d", base, i);
	}
	g_date_time_unref(now);
	g_free(stamp);
	g_free(base);
	return name;
}

/* Renames @path (and its -wal, -shm and -journal files, which belong to it)
 * to a new name; nothing is deleted. Returns the new name or NULL with @error. */
static char *
move_aside(const char *path, IotStoreAsideReason why, GError **error)
{
	static const char *const companions[] = { "-wal", "-shm", "-journal" };
	char *target = aside_name(path, why);
	guint i;

	for (i = 0; i < G_N_ELEMENTS(companions); i++) {
		char *from = g_strconcat(path, companions[i], NULL), *to = g_strconcat(target, companions[i], NULL);
		int e = 0;

		/* A journal left next to a fresh file would be applied to it. */
		if (g_file_test(from, G_FILE_TEST_EXISTS) && g_rename(from, to) != 0)
			e = errno;
		g_free(from);
		g_free(to);
		if (e != 0) {
			g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE, "cannot move %s%s aside: %s",
			            path, companions[i], g_strerror(e));
			g_free(target);
			return NULL;
		}
	}
	if (g_rename(path, target) != 0) {
		int e = errno;
		/* ENOENT: the other client on this profile moved it first; nothing to set. */
		if (e != ENOENT)
			g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE, "cannot move %s aside: %s", path,
			            g_strerror(e));
		g_free(target);
		return NULL;
	}
	return target;
}

/* ---- checkpoints -------------------------------------------------------------- */

/* Runs inside every commit on the main connection (instead of SQLite's
 * automatic checkpoint): notes the WAL's size and wakes the worker. */
static int
wal_hook(void *data, sqlite3 *db, const char *name, int frames)
{
	Checkpointer *c = data;

	g_mutex_lock(&c->lock);
	c->frames = frames;
	c->commits++;
	c->last_commit = g_get_monotonic_time();
	g_cond_signal(&c->wake);
	g_mutex_unlock(&c->lock);
	return SQLITE_OK;
}

/* The worker: a PASSIVE checkpoint (it never waits for, nor blocks, the
 * main connection) whenever the WAL has grown to c->pages frames; once the
 * store has been idle for c->idle_us, a TRUNCATE that empties the WAL file.
 * A TRUNCATE has to wait for writers, but never does: it has no busy
 * handler and is tried again later when a writer is there. */
static gpointer
checkpointer_main(gpointer data)
{
	Checkpointer *c = data;
	guint64 truncated_at = 0; /* c->commits at the last TRUNCATE; none before the first commit */
	gint64 retry_at = 0;

	g_mutex_lock(&c->lock);
	while (!c->stop) {
		gint64 now = g_get_monotonic_time(), deadline = G_MAXINT64;
		int mode, log = -1, done = -1, rc;
		guint64 seen;

		if (now < retry_at) {
			g_cond_wait_until(&c->wake, &c->lock, retry_at);
			continue;
		}
		if (c->frames >= (int)c->pages) {
			mode = SQLITE_CHECKPOINT_PASSIVE;
		} else if (c->commits != truncated_at && now - c->last_commit >= c->idle_us) {
			mode = SQLITE_CHECKPOINT_TRUNCATE;
		} else {
			if (c->commits != truncated_at)
				deadline = c->last_commit + c->idle_us;
			if (deadline == G_MAXINT64)
				g_cond_wait(&c->wake, &c->lock);
			else
				g_cond_wait_until(&c->wake, &c->lock, deadline);
			continue;
		}
		seen = c->commits;
		g_mutex_unlock(&c->lock);
		/* Before a TRUNCATE, which keeps writers out while it runs, a
		 * PASSIVE copies the pages: the TRUNCATE is then only the cut. */
		if (mode == SQLITE_CHECKPOINT_TRUNCATE)
			sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL, mode, &log, &done);
		g_mutex_lock(&c->lock);
		if (rc != SQLITE_OK) {
			/* Busy: a writer or another client's checkpoint is there. */
			retry_at = now + ((rc & 0xff) == SQLITE_BUSY ? CHECKPOINT_RETRY_US : CHECKPOINT_ERROR_RETRY_US);
			continue;
		}
		if (mode == SQLITE_CHECKPOINT_PASSIVE) {
			c->passive++;
			/* All copied: the next commit starts the WAL from its
			 * beginning (a commit that came meanwhile told its own
			 * size). Else a reader holds older pages: later. */
			if (log < 0 || log != done)
				retry_at = now + CHECKPOINT_RETRY_US;
			else if (c->commits == seen)
				c->frames = 0;
		} else {
			c->truncated++;
			if (c->commits == seen)
				c->frames = 0;
			truncated_at = seen;
		}
	}
	g_mutex_unlock(&c->lock);
	return NULL;
}

/* Starts the worker with its own connection to @path, and turns the main
 * connection's automatic checkpoints off. Returns NULL (and leaves SQLite's
 * automatic checkpoints on) when SQLite is not thread-safe or the second
 * connection cannot be opened. */
static Checkpointer *
checkpointer_start(sqlite3 *main_db, const char *path)
{
	Checkpointer *c;
	sqlite3 *db = NULL;

	if (!sqlite3_threadsafe())
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	/* A connection learns that the file is in WAL mode from its first read. */
	if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	c = g_new0(Checkpointer, 1);
	g_mutex_init(&c->lock);
	g_cond_init(&c->wake);
	c->db = db;
	c->pages = IOT_STORE_CHECKPOINT_PAGES;
	c->idle_us = IOT_STORE_CHECKPOINT_IDLE_US;
	c->thread = g_thread_try_new("iot-store-checkpoint", checkpointer_main, c, NULL);
	if (c->thread == NULL) {
		sqlite3_close(db);
		g_mutex_clear(&c->lock);
		g_cond_clear(&c->wake);
		g_free(c);
		return NULL;
	}
	sqlite3_exec(main_db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
	/* Replaces the hook that PRAGMA wal_autocheckpoint would install. */
	sqlite3_wal_hook(main_db, wal_hook, c);
	return c;
}

/* Stops and joins the worker; NULL-safe. */
static void
checkpointer_stop(Checkpointer *c, sqlite3 *main_db)
{
	if (c == NULL)
		return;
	sqlite3_wal_hook(main_db, NULL, NULL);
	g_mutex_lock(&c->lock);
	c->stop = TRUE;
	g_cond_signal(&c->wake);
	g_mutex_unlock(&c->lock);
	g_thread_join(c->thread);
	sqlite3_close(c->db);
	g_mutex_clear(&c->lock);
	g_cond_clear(&c->wake);
	g_free(c);
}

gboolean
iot_store_checkpoint_counts(IotStore *st, guint *passive, guint *truncated)
{
	g_return_val_if_fail(st != NULL, FALSE);
	if (st->ckpt == NULL)
		return FALSE;
	g_mutex_lock(&st->ckpt->lock);
	if (passive != NULL)
		*passive = st->ckpt->passive;
	if (truncated != NULL)
		*truncated = st->ckpt->truncated;
	g_mutex_unlock(&st->ckpt->lock);
	return TRUE;
}

void
iot_store_checkpoint_tune(IotStore *st, guint pages, gint64 idle_us)
{
	g_return_if_fail(st != NULL && pages > 0 && idle_us >= 0);
	if (st->ckpt == NULL)
		return;
	g_mutex_lock(&st->ckpt->lock);
	st->ckpt->pages = pages;
	st->ckpt->idle_us = idle_us;
	g_cond_signal(&st->ckpt->wake);
	g_mutex_unlock(&st->ckpt->lock);
}

static void
stmt_finalize(gpointer stmt)
{
	sqlite3_finalize(stmt);
}

IotStore *
iot_store_open_with(const char *path, const char *const *migs, guint n, IotStoreAside **aside, GError **error)
{
	IotStoreAsideReason why = IOT_STORE_ASIDE_CORRUPT;
	char *dir, *detail = NULL, *moved;
	sqlite3 *db;
	GStatBuf sb;
	IotStore *st;

	g_return_val_if_fail(path != NULL && (migs != NULL || n == 0), NULL);
	if (aside != NULL)
		*aside = NULL;
	dir = g_path_get_dirname(path);
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		int e = errno;
		g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE, "cannot create %s: %s", dir,
		            g_strerror(e));
		g_free(dir);
		return NULL;
	}
	g_free(dir);
	/* A directory, FIFO or device in its place is not ours to move. */
	if (g_stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FAILED, "%s is not a regular file", path);
		return NULL;
	}
	db = try_open(path, migs, n, &why, &detail, error);
	if (db == NULL && detail != NULL) {
		GError *local = NULL;

		moved = move_aside(path, why, &local);
		if (local != NULL) {
			g_prefix_error(&local, "%s: ", detail);
			g_propagate_error(error, local);
			g_free(detail);
			return NULL;
		}
		if (moved == NULL) {
			g_free(detail);
		} else if (aside != NULL) {
			*aside = g_new0(IotStoreAside, 1);
			(*aside)->reason = why;
			(*aside)->moved_to = moved;
			(*aside)->detail = detail;
		} else {
			g_free(moved);
			g_free(detail);
		}
		detail = NULL;
		db = try_open(path, migs, n, &why, &detail, error);
		if (db == NULL && detail != NULL) {
			g_set_error(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FAILED, "a new store at %s is unusable: %s",
			            path, detail);
			g_free(detail);
		}
	}
	if (db == NULL)
		return NULL;
	/* Pages that are freed are zeroed where it costs no extra I/O: what a
	 * forgotten thing measured does not linger in the file. */
	sqlite3_exec(db, "PRAGMA secure_delete = FAST", NULL, NULL, NULL);
	st = g_new0(IotStore, 1);
	st->db = db;
	st->path = g_strdup(path);
	st->stmts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, stmt_finalize);
	st->ckpt = checkpointer_start(db, path);
	return st;
}

IotStore *
iot_store_open(const char *path, IotStoreAside **aside, GError **error)
{
	return iot_store_open_with(path, migrations(), G_N_ELEMENTS(schema), aside, error);
}

void
iot_store_close(IotStore *st)
{
	if (st == NULL)
		return;
	checkpointer_stop(st->ckpt, st->db);
	g_hash_table_destroy(st->stmts);
	/* Statistics for the query planner, as SQLite recommends before closing. */
	sqlite3_exec(st->db, "PRAGMA optimize", NULL, NULL, NULL);
	/* The last connection to close checkpoints the WAL into the file. */
	sqlite3_close(st->db);
	g_free(st->path);
	g_free(st);
}

gboolean
iot_store_transaction(IotStore *st, IotStoreTxnFunc fn, gpointer data, GError **error)
{
	gboolean ok;

	g_return_val_if_fail(st != NULL && fn != NULL, FALSE);
	g_return_val_if_fail(!st->in_transaction, FALSE);
	if (!exec(st->db, "BEGIN IMMEDIATE", error))
		return FALSE;
	st->in_transaction = TRUE;
	ok = fn(st, data, error);
	if (ok)
		ok = exec(st->db, "COMMIT", error);
	if (!ok && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_transaction = FALSE;
	return ok;
}
