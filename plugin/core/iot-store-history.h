/*
 * iot-store-history.h — what things measured, kept in the store's SQLite
 * database: numbers at full detail for a retention period and as hourly
 * statistics for ever, other values as timelines of their changes.
 *
 * The store's foundation opens the database (one file, WAL) and applies
 * migrations; this module brings the SQL of its tables as migration steps
 * (iot_store_history_migrations()) and works on the open connection it is
 * given. It keeps no history in memory: only the samples not yet written
 * (the queue) and its prepared statements.
 *
 * Series. A series is keyed by account and thing (both bare JIDs, case of
 * local part and domain folded), node (id, source, partition), field name,
 * kind and unit. NULL and "" node parts are the same (the thing itself).
 * A unit change starts a new series with the same node and name, so that
 * hourly statistics never mix units; iot_store_history_find_series() and
 * iot_store_history_latest() give the series of a field seen last.
 *   numbers  (numeric, int and long fields with a finite value): every
 *            sample {time, value, QoS} whose hour is within the retention
 *            (default 30 days), plus min, max, mean and count per hour, kept
 *            after the samples are purged.
 *   states   (every other field type: booleans, enums, strings, dates,
 *            durations): a row only when the value changes, at the time it
 *            was first seen; the state in force at any time is the last
 *            change at or before it. Booleans are kept as "true"/"false".
 * Times are µs since the epoch (UTC) between year 1 and 9999. At one time a
 * less reliable value never replaces a more reliable one
 * (iot_history_qos_rank(); at equal rank the later value corrects the
 * earlier); the same value again only keeps the better QoS.
 *
 * Retention. A sample is "live" when its hour starts at or after the
 * horizon (now − retention, rounded down to the hour) and after the hours
 * already purged from its series. Samples older than that are refused (a
 * device re-sending last year's values must not count them twice in the
 * statistics); iot_store_history_import() turns them into statistics of
 * hours that have none. States follow the same horizon; the change in
 * force at the horizon is kept. Retention purge and forgetting a thing run
 * in bounded steps (iot_store_history_purge_step()).
 *
 * Writing. add_*() only queue (validated, bounded by
 * IOT_STORE_HISTORY_MAX_QUEUE); iot_store_history_flush() writes the queue
 * in one transaction, meant to be called at most once a second. A crash
 * loses the queue, never what was flushed. When a flush fails (disk full,
 * read-only, busy) it rolls back, keeps the queue for the next one and says
 * why in a GError; reading keeps working. New samples go into a small table
 * of recent samples (together, so a flush writes few pages); each flush
 * then moves the recent samples of a few series on to the samples table and
 * adds them to the hourly statistics (an UPSERT per series and hour). So
 * each series' pages are written every 17 s or so instead of every second:
 * with 200 series updated every second, a flush writes about 70 pages to
 * the WAL instead of 310 and takes 1.5 ms (tools/bench/bench-store.c, on
 * a month of data). Queries read both tables; purge steps move what is
 * left after a quiet spell.
 *
 * Reading. Plots are decimated in SQL: one row per pixel column (min, max,
 * mean, count), from the samples or, for long or old ranges, from the
 * hourly statistics. Every value read back is checked (type, finite,
 * UTF-8, bounds): another program may have written anything into the file.
 *
 * Everything runs on the caller's thread; nothing is global. The
 * connection is borrowed and must outlive the IotStoreHistory. Inside a
 * transaction of the caller's, the module's writes nest as a savepoint.
 *
 * Schema (history part, version 1; times in µs, hours as t / 3 600 000 000,
 * all tables STRICT):
 *   history_thing  (id, account, jid)                 UNIQUE(account, jid)
 *   history_series (id, thing_id NULL when forgotten, node, source, part,
 *                   name, unit, kind 0 numbers / 1 states, kept_from, n_rows,
 *                   n_hours, last_t, last_v, last_q)  UNIQUE(thing_id, …)
 *   history_recent (series_id, t, v REAL, q)  PK(series_id, t) WITHOUT ROWID
 *   history_sample (series_id, t, v REAL, q)  PK(series_id, t) WITHOUT ROWID
 *   history_hour   (series_id, hour, n, mn, mx, sum)  PK(series_id, hour) WITHOUT ROWID
 *   history_state  (series_id, t, v TEXT, q)  PK(series_id, t) WITHOUT ROWID
 * A sample takes 28 bytes on disk (measured on 8.9 million), an hour of
 * statistics 44.
 */
#ifndef IOT_STORE_HISTORY_H
#define IOT_STORE_HISTORY_H

#include <glib.h>
#include <sqlite3.h>

#include "iot-csv.h"
#include "iot-history.h"
#include "iot-model.h"
#include "iot-store.h"

G_BEGIN_DECLS

#define IOT_STORE_HISTORY_ERROR (iot_store_history_error_quark())
GQuark iot_store_history_error_quark(void);

typedef enum {
	IOT_STORE_HISTORY_ERROR_FAILED,   /* anything else */
	IOT_STORE_HISTORY_ERROR_FULL,     /* SQLITE_FULL: disk (or size limit) full */
	IOT_STORE_HISTORY_ERROR_READONLY, /* SQLITE_READONLY, SQLITE_PERM */
	IOT_STORE_HISTORY_ERROR_BUSY,     /* SQLITE_BUSY, SQLITE_LOCKED: another program writes */
	IOT_STORE_HISTORY_ERROR_CORRUPT,  /* SQLITE_CORRUPT, SQLITE_NOTADB */
	IOT_STORE_HISTORY_ERROR_IO,       /* SQLITE_IOERR, SQLITE_CANTOPEN */
	IOT_STORE_HISTORY_ERROR_SCHEMA,   /* the history tables are missing or not ours */
	IOT_STORE_HISTORY_ERROR_INVALID   /* bad input (an import of something not a JID) */
} IotStoreHistoryErrorCode;

/* Retention of full detail by default: 30 days, in µs. */
#define IOT_STORE_HISTORY_DEFAULT_RETENTION (G_GINT64_CONSTANT(30) * 24 * 3600 * G_USEC_PER_SEC)
#define IOT_STORE_HISTORY_HOUR (G_GINT64_CONSTANT(3600) * G_USEC_PER_SEC)

typedef struct _IotStoreHistory IotStoreHistory;

typedef enum {
	IOT_STORE_SERIES_NUMBERS = 0,
	IOT_STORE_SERIES_STATES = 1
} IotStoreSeriesKind;

/* ---- schema ---------------------------------------------------------------- */

/* The migration steps of the history tables, oldest first: step i brings
 * the history part from version i to i + 1. The store's foundation runs
 * them in order, each inside its own migration transaction, and records
 * the version; a step holds several statements (sqlite3_exec() runs them).
 * Returns: (transfer none) (array length=n_steps): static SQL. */
const char *const *iot_store_history_migrations(guint *n_steps);

/* ---- life ------------------------------------------------------------------ */

/* Prepares the module's statements on @db (transfer none; must stay open
 * until iot_store_history_free()). Returns: (transfer full) (nullable): the
 * history, or NULL with @error (IOT_STORE_HISTORY_ERROR_SCHEMA when the
 * tables are missing). Free with iot_store_history_free(). */
IotStoreHistory *iot_store_history_new(sqlite3 *db, GError **error);

/* iot_store_history_new() on the connection of the store @st (iot-store.h;
 * transfer none: it must stay open until iot_store_history_free()). */
IotStoreHistory *iot_store_history_open(IotStore *st, GError **error);

/* Frees @h and its queue WITHOUT writing it: call
 * iot_store_history_flush() first to keep it. NULL-safe. */
void iot_store_history_free(IotStoreHistory *h);

/* Full detail is kept for @retention_us (at least one hour). */
void iot_store_history_set_retention(IotStoreHistory *h, gint64 retention_us);
gint64 iot_store_history_get_retention(const IotStoreHistory *h);

/* ---- writing --------------------------------------------------------------- */

typedef enum {
	IOT_STORE_HISTORY_QUEUED,     /* will be written by the next flush */
	IOT_STORE_HISTORY_INVALID,    /* no time or one out of range, not finite, a name
	                               * or value too long or not UTF-8, not a JID */
	IOT_STORE_HISTORY_QUEUE_FULL  /* IOT_STORE_HISTORY_MAX_QUEUE samples wait already */
} IotStoreHistoryAdd;

/* Queues one number of the series (@account, @thing, @node (nullable),
 * @name, @unit (nullable)). All strings are copied; @account and @thing are
 * full or bare JIDs; names and units at most IOT_MAX_NAME_BYTES. */
IotStoreHistoryAdd iot_store_history_add_number(IotStoreHistory *h, const char *account,
                                                const char *thing, const IotNodeRef *node,
                                                const char *name, const char *unit,
                                                gint64 time_us, double value, guint32 qos);

/* Queues one state; @value at most IOT_MAX_VALUE_BYTES of UTF-8. */
IotStoreHistoryAdd iot_store_history_add_state(IotStoreHistory *h, const char *account,
                                               const char *thing, const IotNodeRef *node,
                                               const char *name, const char *unit,
                                               gint64 time_us, const char *value, guint32 qos);

/* Queues every field of @r (transfer none): numbers as numbers, other types
 * as states. Fields without a time get @now_us. Returns the number queued. */
guint iot_store_history_add_readout(IotStoreHistory *h, const char *account, const char *thing,
                                    const IotReadout *r, gint64 now_us);

/* Samples waiting for a flush; samples refused because the queue was full. */
guint iot_store_history_queue_length(const IotStoreHistory *h);
guint64 iot_store_history_queue_refused(const IotStoreHistory *h);

/* What a flush or an import step did (all counts of samples). */
typedef struct {
	guint added;       /* new samples or state changes */
	guint replaced;    /* a value at an existing time replaced (better or equal QoS) */
	guint unchanged;   /* the same value again (or the state continues) */
	guint kept_better; /* a more reliable value at that time was kept */
	guint too_old;     /* older than the retention: refused */
	guint hours_added; /* hourly statistics of old hours created (import) */
	guint hours_known; /* old hours that already had statistics (import): skipped */
} IotStoreHistoryStats;

/* Writes the queue in one transaction, with @now_us for the retention
 * horizon. On success the queue is empty and @stats (nullable) says what
 * happened. On failure the transaction is rolled back, the queue is kept
 * and @error is set (IOT_STORE_HISTORY_ERROR_FULL, _READONLY, _BUSY …). */
gboolean iot_store_history_flush(IotStoreHistory *h, gint64 now_us, IotStoreHistoryStats *stats,
                                 GError **error);

/* The same for part of the queue: at most @max_samples (> 0) samples, of
 * the series in the order they were queued (of a series longer than what
 * is left, its oldest samples), so that a flush after a huge readout stays
 * short; the others wait for the next flush
 * (iot_store_history_queue_length() says how many). */
gboolean iot_store_history_flush_some(IotStoreHistory *h, gint64 now_us, guint max_samples,
                                      IotStoreHistoryStats *stats, GError **error);

/* ---- series and latest values ---------------------------------------------- */

typedef struct {
	gint64 id;               /* the series' id in queries; 0: only queued so far */
	IotNodeRef node;         /* NULL members: none */
	char *name;              /* never NULL */
	char *unit;              /* nullable */
	IotStoreSeriesKind kind;
	gint64 last_time;        /* IOT_TIME_UNKNOWN when no value was kept */
	double last_number;      /* kind NUMBERS: always finite */
	char *last_state;        /* kind STATES: nullable */
	guint32 last_qos;
	guint64 rows;            /* samples (numbers) or changes (states) on disk */
} IotStoreSeries;

void iot_store_series_free(IotStoreSeries *s);

/* Returns: (transfer full) (element-type IotStoreSeries): every series of
 * @thing seen from @account, oldest first (units that changed give several
 * series), or NULL with @error. g_ptr_array_unref(). */
GPtrArray *iot_store_history_list_series(IotStoreHistory *h, const char *account,
                                         const char *thing, GError **error);

/* The latest value of each field of @thing (one entry per node, name and
 * kind: the series seen last), queued samples included, in the order the
 * fields were first seen. Same ownership as iot_store_history_list_series(). */
GPtrArray *iot_store_history_latest(IotStoreHistory *h, const char *account, const char *thing,
                                    GError **error);

/* Sets *@id to the series of (@node (nullable), @name, @kind) of @thing
 * seen last, whatever its unit. FALSE without @error when there is none. */
gboolean iot_store_history_find_series(IotStoreHistory *h, const char *account,
                                       const char *thing, const IotNodeRef *node,
                                       const char *name, IotStoreSeriesKind kind, gint64 *id,
                                       GError **error);

/* The newest @max (> 0) samples of the numbers series @id with
 * @from_us <= time <= @to_us, flushed ones only, oldest first: for a view
 * of recent values in memory (iot-history.h's IotHistory of a readout
 * window). Values are checked as in every read. Returns: (transfer full)
 * (element-type IotHistorySample): g_array_unref(); NULL with @error. An
 * unknown series gives an empty array. */
GArray *iot_store_history_samples(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us,
                                  guint max, GError **error);

/* ---- plots ------------------------------------------------------------------ */

typedef enum {
	IOT_STORE_PLOT_SAMPLES = 0, /* buckets of full-detail samples */
	IOT_STORE_PLOT_HOURS = 1    /* buckets of hourly statistics: draw min/max as a band */
} IotStorePlotSource;

/* One pixel column: the samples (or hours) whose time falls in it. */
typedef struct {
	gint64 first;  /* time of its first sample, or start of its first hour (µs) */
	gint64 last;   /* time of its last sample, or end of its last hour */
	double min, max, mean;
	guint64 count; /* samples counted (hours: samples those hours had) */
} IotStorePlotPoint;

/* Decimates the numbers of series @id in [@from_us, @to_us] into at most
 * @columns (> 0) points, in time order; buckets without samples are left
 * out (a plot should not bridge them). The samples are used unless a bucket
 * spans an hour or more, the range reaches before the samples kept, or the
 * range holds more than IOT_STORE_HISTORY_PLOT_MAX_SAMPLES samples; else the
 * hourly statistics. *@source (nullable) says which. Few samples a column
 * are grouped by one GROUP BY; many are aggregated one column's key range
 * at a time, which spares SQLite sorting them. Measured on a month of 200
 * series: a day of one a minute 1.4 ms, a month 12 ms, a year of hourly
 * statistics 9 ms, a day of one a second (86 400 samples) 20 ms.
 * Returns: (transfer full) (element-type IotStorePlotPoint): g_array_unref();
 * NULL with @error. An unknown series gives an empty array. */
GArray *iot_store_history_plot(IotStoreHistory *h, gint64 id, gint64 from_us, gint64 to_us,
                               guint columns, IotStorePlotSource *source, GError **error);

/* Samples a plot reads at most at full detail (about 45 ms). */
#define IOT_STORE_HISTORY_PLOT_MAX_SAMPLES 200000

typedef struct {
	gint64 start, end; /* µs; the last segment ends at the last time the value was
	                    * seen (or @to_us when later) */
	char *value;       /* never NULL */
	guint32 qos;
	guint hidden;      /* changes in the pixel columns before this segment that
	                    * are not shown */
} IotStoreStateSegment;

void iot_store_state_segment_free(IotStoreStateSegment *seg);

/* The states of series @id in force in [@from_us, @to_us], at most
 * @max_segments (≥ 2) of them, in time order: when more changes fall in the
 * range, the range is cut into @max_segments − 1 columns after the state in
 * force at @from_us, each showing the state it ends with, and *@hidden
 * (nullable) counts the changes not shown. Returns: (transfer full)
 * (element-type IotStoreStateSegment): g_ptr_array_unref(); NULL with
 * @error. */
GPtrArray *iot_store_history_states(IotStoreHistory *h, gint64 id, gint64 from_us,
                                    gint64 to_us, guint max_segments, guint *hidden,
                                    GError **error);

/* ---- CSV -------------------------------------------------------------------- */

typedef enum {
	IOT_STORE_EXPORT_DETAIL = 0, /* timestamp,value,unit,quality: every sample or change */
	IOT_STORE_EXPORT_HOURS = 1   /* hour,min,max,mean,count,unit: hourly statistics */
} IotStoreExportMode;

typedef struct _IotStoreHistoryExport IotStoreHistoryExport;

/* An export of series @id in [@from_us, @to_us] written in steps, so that
 * a large one never blocks (RFC 4180 and formula neutralising of
 * iot-csv.h; HOURS only for numbers). Returns: (transfer full): free with
 * iot_store_history_export_free(); borrows @h, which must outlive it. */
IotStoreHistoryExport *iot_store_history_export_new(IotStoreHistory *h, gint64 id,
                                                    gint64 from_us, gint64 to_us,
                                                    IotStoreExportMode mode, IotCsvFlags flags);

/* Puts @n (at most 8) cells in front of every record: @names in front of
 * the header, @cells (e.g. the node and the field's name) in front of each
 * row; nullable entries are empty; all copied. Without @header the header
 * record (and the BOM) is left out, so that several series can follow one
 * another in one table. Call before the first step. */
void iot_store_history_export_set_columns(IotStoreHistoryExport *e, const char *const *names,
                                          const char *const *cells, guint n, gboolean header);

/* Appends up to @max_rows records to @out (the header first). Sets *@done
 * when everything is written. FALSE with @error when the database fails.
 * A step costs about the same however much is kept: it reads at most
 * @max_rows rows (HOURS: of at most @max_rows hours) along the series'
 * key from where the last step ended, and an open end of the range is
 * first narrowed to what is kept (iot_store_history_kept_span()). */
gboolean iot_store_history_export_step(IotStoreHistoryExport *e, GString *out, guint max_rows,
                                       gboolean *done, GError **error);
void iot_store_history_export_free(IotStoreHistoryExport *e);

/* How far the export got: the time (µs; HOURS: the start of the hour) of
 * the last record written, or where the next step starts;
 * IOT_TIME_UNKNOWN before the first step. For a progress bar. */
gint64 iot_store_history_export_position(const IotStoreHistoryExport *e);
/* Records written so far, the header not counted. */
guint64 iot_store_history_export_rows(const IotStoreHistoryExport *e);

/* The span of series @id kept for @mode: the first and last sample or
 * change (DETAIL), or the start of the first and last hour of statistics
 * (HOURS; none for states), queued samples not included. Both
 * IOT_TIME_UNKNOWN (and TRUE) when nothing is kept or the series is
 * unknown; FALSE with @error when the database fails. Reads one key at
 * each end of the series' tables: its cost does not grow with the data. */
gboolean iot_store_history_kept_span(IotStoreHistory *h, gint64 id, IotStoreExportMode mode,
                                     gint64 *first, gint64 *last, GError **error);

/* The whole export at once, for small ranges. */
gboolean iot_store_history_export_csv(IotStoreHistory *h, gint64 id, gint64 from_us,
                                      gint64 to_us, IotStoreExportMode mode, IotCsvFlags flags,
                                      GString *out, GError **error);

/* ---- housekeeping ----------------------------------------------------------- */

/* Forgets everything of @thing seen from @account: it disappears from every
 * query at once, its queued samples are dropped, and its rows are deleted
 * by the following purge steps. TRUE when there was nothing to forget. */
gboolean iot_store_history_forget(IotStoreHistory *h, const char *account, const char *thing,
                                  GError **error);

/* Deletes at most about @max_rows rows (> 0): first those of forgotten
 * things, then samples and state changes older than the retention horizon
 * of @now_us (hourly statistics stay). Sets *@more when work remains (call
 * again soon; else an hour later is enough). */
gboolean iot_store_history_purge_step(IotStoreHistory *h, gint64 now_us, guint max_rows,
                                      gboolean *more, GError **error);

/* Bytes of the database file (page_count × page_size). */
gboolean iot_store_history_disk_size(IotStoreHistory *h, gint64 *bytes, GError **error);

/* An estimate of the bytes @thing's history takes in the file: its share of
 * the history rows, weighted by their size. Sets *@rows (nullable) to its
 * rows (samples, changes and hours). */
gboolean iot_store_history_thing_size(IotStoreHistory *h, const char *account, const char *thing,
                                      gint64 *bytes, guint64 *rows, GError **error);

/* Bytes @h holds in memory: the queue and its bookkeeping (SQLite's page
 * cache is the connection's, not counted). */
gsize iot_store_history_memory_size(const IotStoreHistory *h);

/* ---- import of the former per-thing files ------------------------------------- */

typedef struct _IotStoreHistoryImport IotStoreHistoryImport;

/* Imports @hist (as iot_history_load() returns it; transfer none, must
 * outlive the import) as seen from @account, in steps: live samples as
 * samples (duplicates of what is stored are recognised, so an import that
 * runs twice changes nothing), older ones as hourly statistics of hours that
 * have none. Returns: (transfer full) (nullable): NULL with @error
 * (IOT_STORE_HISTORY_ERROR_INVALID) when the history's thing is not a JID.
 * Free with iot_store_history_import_free(). */
IotStoreHistoryImport *iot_store_history_import_new(IotStoreHistory *h, const char *account,
                                                    const IotHistory *hist, GError **error);

/* Imports about @max_samples samples (more to finish an old hour) in one
 * transaction; sets *@done at the end. @stats (nullable) accumulates. */
gboolean iot_store_history_import_step(IotStoreHistoryImport *imp, gint64 now_us,
                                       guint max_samples, gboolean *done,
                                       IotStoreHistoryStats *stats, GError **error);
void iot_store_history_import_free(IotStoreHistoryImport *imp);

/* The whole import at once. */
gboolean iot_store_history_import(IotStoreHistory *h, const char *account, const IotHistory *hist,
                                  gint64 now_us, IotStoreHistoryStats *stats, GError **error);

G_END_DECLS

#endif
