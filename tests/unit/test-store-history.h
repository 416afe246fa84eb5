/*
 * test-store-history.h — what the history store's test files share: a
 * temporary database with the history tables, and small helpers.
 */
#ifndef TEST_STORE_HISTORY_H
#define TEST_STORE_HISTORY_H

#include "iot-tests.h"

#include "iot-store-history.h"

#include <sqlite3.h>

#define SH_ACCOUNT "Me@Home.example/pidgin"
#define SH_THING "Thermostat@Home.example/hw"
/* 2024-01-10T08:00:00Z, at the start of an hour. */
#define SH_T0 G_GINT64_CONSTANT(1704873600000000)
#define SH_SEC G_GINT64_CONSTANT(1000000)
#define SH_MIN (60 * SH_SEC)
#define SH_HOUR IOT_STORE_HISTORY_HOUR
#define SH_DAY (24 * SH_HOUR)

/* The fixture's database and store (test-store-history.c). */
extern char *sh_dir, *sh_path;
extern sqlite3 *sh_db;
extern IotStoreHistory *sh;

void sh_setup(void);
void sh_teardown(void);

/* Opens @path with @flags in WAL mode, no busy wait. */
sqlite3 *sh_open(const char *path, int flags);
/* Runs the history migrations on @db. */
void sh_schema(sqlite3 *db);
/* Runs @sql (no rows expected); aborts the test on failure. */
void sh_exec(sqlite3 *db, const char *sql);
/* The same, printf-style. */
void sh_execf(sqlite3 *db, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* The first column of the first row of @sql as an integer. */
gint64 sh_int(sqlite3 *db, const char *sql);
/* Samples stored: in history_sample and (not moved on yet) history_recent. */
gint64 sh_samples(void);
/* Moves every recent sample on (purge steps until history_recent is empty). */
void sh_drain(void);
/* Flushes with @now; aborts the test on failure. */
IotStoreHistoryStats sh_flush(gint64 now);
/* The series of @name (no node) of SH_THING, seen last. */
gint64 sh_series(const char *name, IotStoreSeriesKind kind);
/* Queues a number / a state of @name (no node) of SH_THING; aborts unless queued. */
void sh_num(const char *name, const char *unit, gint64 t, double v, guint32 qos);
void sh_state(const char *name, gint64 t, const char *v, guint32 qos);
/* The plot of series @id (transfer full: g_array_unref()); aborts on an error. */
GArray *sh_plot(gint64 id, gint64 from, gint64 to, guint columns, IotStorePlotSource *src);
#define SH_POINT(a, i) (&g_array_index((a), IotStorePlotPoint, (i)))

/* @err is set, of the store's domain and @code. */
#define SH_ASSERT_ERROR(err, code)                                                              \
	ck_assert_msg(g_error_matches((err), IOT_STORE_HISTORY_ERROR, (code)), "expected %d, got %s", \
	              (int)(code), (err) != NULL ? (err)->message : "no error")

TCase *iot_store_history_robust_tcase(void);
TCase *iot_store_history_io_tcase(void);

#endif
