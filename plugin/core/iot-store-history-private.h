/*
 * iot-store-history-private.h — internals shared by the files of the
 * history store: iot-store-history.c (errors, statements, queue), -sql.c
 * (tables and statements' SQL), -write.c (flush, moving recent samples on),
 * -import.c (former files), -read.c (series, latest values), -plot.c
 * (plots, timelines), -maint.c (purge, forget, sizes) and -export.c (CSV,
 * the span kept). Nothing
 * outside them includes it.
 */
#ifndef IOT_STORE_HISTORY_PRIVATE_H
#define IOT_STORE_HISTORY_PRIVATE_H

#include <glib.h>
#include <sqlite3.h>

#include "iot-store-history.h"

G_BEGIN_DECLS

#define IOT_SH_QOS_MASK ((1u << IOT_QOS_COUNT) - 1)
/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in µs: what
 * iot_time_format_iso() can write, and far from overflowing. */
#define IOT_SH_MIN_TIME G_GINT64_CONSTANT(-62135596800000000)
#define IOT_SH_MAX_TIME G_GINT64_CONSTANT(253402300799999999)
/* The longest JID (RFC 7622 §3.1). */
#define IOT_SH_MAX_JID_BYTES 3071

/* Every statement the module runs, prepared once in iot_store_history_new(). */
typedef enum {
	S_THING_GET,
	S_THING_ADD,
	S_SERIES_GET,
	S_SERIES_ADD,
	S_SERIES_UPDATE,
	S_SAMPLE_INSERT,
	S_SAMPLE_GET,
	S_SAMPLE_SET,
	S_RECENT_INSERT,
	S_RECENT_GET,
	S_RECENT_SET,
	S_RECENT_NEXT,
	S_RECENT_NTH,
	S_RECENT_HOURS,
	S_RECENT_MOVE,
	S_RECENT_DELETE,
	S_HOUR_ADD,
	S_HOUR_MERGE,
	S_HOUR_RECOMPUTE,
	S_STATE_AT,
	S_STATE_BEFORE,
	S_STATE_NEXT,
	S_STATE_PUT,
	S_STATE_DELETE,
	S_LIST_SERIES,
	S_SERIES_INFO,
	S_PLOT_SAMPLES,
	S_PLOT_BUCKET,
	S_PLOT_RECENT,
	S_PLOT_HOURS,
	S_HOUR_COUNT,
	S_STATE_COUNT,
	S_STATE_RANGE,
	S_STATE_BUCKETS,
	S_EXPORT_SAMPLES,
	S_EXPORT_HOURS,
	S_EXPORT_STATES,
	S_FORGET,
	S_THING_DELETE,
	S_GARBAGE_SERIES,
	S_NEXT_SERIES,
	S_KEPT_FROM,
	S_SAMPLE_NTH,
	S_SAMPLE_DELETE,
	S_HOUR_NTH,
	S_HOUR_DELETE,
	S_STATE_NTH,
	S_STATE_DELETE_BELOW,
	S_STATE_LAST_BELOW,
	S_SERIES_DELETE,
	S_SERIES_ROWS,
	S_ROWS_THING,
	S_PAGE_COUNT,
	S_PAGE_SIZE,
	S_NEWEST_SAMPLES,
	S_SPAN_SAMPLES,
	S_SPAN_HOURS,
	S_SPAN_STATES,
	S_COUNT
} IotShStmt;

/* One queued sample. */
typedef struct {
	gint64 t;
	double v;  /* numbers */
	char *s;   /* states: (owned) */
	guint32 q;
	guint seq; /* order of arrival: the later of two at one time is offered last */
} IotShSample;

/* The samples queued for one series, and its key (normalised). */
typedef struct {
	char *account, *thing; /* bare JIDs */
	IotNodeRef node;       /* NULL for none, never "" */
	char *name;
	char *unit;            /* NULL for none, never "" */
	IotStoreSeriesKind kind;
	GArray *samples;       /* (element-type IotShSample) */
} IotShQueued;

struct _IotStoreHistory {
	sqlite3 *db; /* borrowed */
	sqlite3_stmt *stmt[S_COUNT];
	gint64 retention;
	GPtrArray *queue;     /* (element-type IotShQueued) owned, in order of first sample */
	GHashTable *by_key;   /* IotShQueued → itself, borrowed */
	guint queued;         /* samples in the queue */
	guint64 refused;      /* samples refused because the queue was full */
	guint seq;
	gint64 purge_cursor;  /* last series id the retention purge looked at */
	gint64 drain_cursor;  /* last series id moved out of history_recent */
	gboolean own_txn;     /* the running transaction is ours (not a savepoint in the caller's) */
};

/* ---- iot-store-history-sql.c --------------------------------------------------- */

/* Returns: (transfer none): the SQL of statement @id. */
const char *iot_sh_sql(IotShStmt id);

/* ---- iot-store-history.c ------------------------------------------------------- */

/* Sets @error from SQLite's result code @rc (and the connection's message)
 * about @what it was doing; returns FALSE. */
gboolean iot_sh_fail(IotStoreHistory *h, int rc, GError **error);

/* Returns: (transfer none): statement @id, reset with no bindings. */
sqlite3_stmt *iot_sh_stmt(IotStoreHistory *h, IotShStmt id);

/* Steps @st once: SQLITE_ROW → 1, SQLITE_DONE → 0 (and resets), an error
 * → -1 with @error set (and resets). */
int iot_sh_step(IotStoreHistory *h, sqlite3_stmt *st, GError **error);

/* Runs @st to its end (reset afterwards). */
gboolean iot_sh_run(IotStoreHistory *h, sqlite3_stmt *st, GError **error);

/* Binds @s (nullable → ""), bound text. */
void iot_sh_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Starts a transaction (or a savepoint inside the caller's), ends it. */
gboolean iot_sh_begin(IotStoreHistory *h, GError **error);
gboolean iot_sh_commit(IotStoreHistory *h, GError **error);
void iot_sh_rollback(IotStoreHistory *h);

/* floor(@a / @b) for @b > 0. */
gint64 iot_sh_floor_div(gint64 a, gint64 b);

/* The first hour (µs) whose samples are live at @now_us. */
gint64 iot_sh_horizon(const IotStoreHistory *h, gint64 now_us);

/* Normalised bare JID of @jid (transfer full), NULL when it is not one. */
char *iot_sh_jid(const char *jid);

/* A string read back from the database: NULL unless text; invalid UTF-8
 * repaired; cut to @max bytes at a character boundary. (transfer full) */
char *iot_sh_column_text(sqlite3_stmt *st, int col, gsize max);
/* An integer column: FALSE unless it holds an integer. */
gboolean iot_sh_column_int(sqlite3_stmt *st, int col, gint64 *out);
/* A number column: FALSE unless it holds a finite integer or real. */
gboolean iot_sh_column_number(sqlite3_stmt *st, int col, double *out);

/* Rank comparison of XEP-0323 §5.7 at one time: TRUE when a value with
 * @new_qos replaces one with @old_qos. */
gboolean iot_sh_replaces(guint32 new_qos, guint32 old_qos);

/* TRUE when a series key fits: a name, names and unit at most
 * IOT_MAX_NAME_BYTES of UTF-8 (@node and @unit nullable). */
gboolean iot_sh_key_valid(const IotNodeRef *node, const char *name, const char *unit);
/* @out borrows @node's strings (nullable), "" turned into NULL. */
void iot_sh_node_norm(IotNodeRef *out, const IotNodeRef *node);
/* Returns: (transfer none) (nullable): @unit, NULL for "". */
const char *iot_sh_unit_norm(const char *unit);

void iot_sh_queued_free(gpointer p);
/* Empties the queue (after a flush, or for a forgotten thing: @account and
 * @thing non-NULL drop only that thing's samples). */
void iot_sh_queue_clear(IotStoreHistory *h, const char *account, const char *thing);
/* Drops the first @n series of the queue (written by a flush). */
void iot_sh_queue_drop(IotStoreHistory *h, guint n);

/* ---- iot-store-history-write.c -------------------------------------------------- */

/* Writes @samples of the series @key (samples sorted here) inside the
 * caller's transaction. @archive: samples before the horizon become hourly
 * statistics of hours that have none (import), else they are refused.
 * @things caches thing ids during one transaction. */
gboolean iot_sh_write_series(IotStoreHistory *h, const IotShQueued *key, GArray *samples,
                             gint64 horizon, gboolean archive, GHashTable *things,
                             IotStoreHistoryStats *stats, GError **error);

/* Returns: (transfer full): a cache of thing ids for one transaction
 * ("account\nthing" → gint64), for iot_sh_write_series(). */
GHashTable *iot_sh_things_new(void);

/* Moves the samples of up to @max_series series from history_recent on
 * to history_sample, at most about *@budget rows (what is left is put
 * back), inside the caller's transaction. */
gboolean iot_sh_drain(IotStoreHistory *h, guint max_series, guint *budget, GError **error);

/* Rows a flush moves on at least. */
#define IOT_SH_DRAIN_ROWS 4000

/* ---- iot-store-history-read.c --------------------------------------------------- */

/* Looks up series @id: its kind, unit (transfer full, nullable), last time
 * seen and first time of its kept samples. FALSE without @error when it is
 * unknown or forgotten. All outs nullable. */
gboolean iot_sh_series_info(IotStoreHistory *h, gint64 id, IotStoreSeriesKind *kind, char **unit,
                            gint64 *last_t, gint64 *kept_from, GError **error);

G_END_DECLS

#endif
