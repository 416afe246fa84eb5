/* iot-store-history-sql.c — the SQL of the history store: its tables (the
 * migration steps) and every statement it prepares. See
 * iot-store-history.h for the schema in words. */
#include "iot-store-history.h"

#include "iot-store-history-private.h"

/* ---- schema ------------------------------------------------------------------ */

/* A table of values of one series keyed by time: @vtype is REAL or TEXT. */
#define TIMED_TABLE(name, vtype)                                                                   \
	"CREATE TABLE " name " ("                                                                  \
	"  series_id INTEGER NOT NULL,"                                                            \
	"  t INTEGER NOT NULL,"                                                                    \
	"  v " vtype " NOT NULL,"                                                                  \
	"  q INTEGER NOT NULL,"                                                                    \
	"  PRIMARY KEY (series_id, t)"                                                             \
	") STRICT, WITHOUT ROWID;"

/* Version 1. Times in µs since the epoch; an hour is t / 3 600 000 000
 * (rounded down). Samples are keyed (series, time) WITHOUT ROWID, so a
 * sample costs its key and value once: about 29 bytes on disk. */
static const char *const migrations[] = {
	"CREATE TABLE history_thing ("
	"  id INTEGER PRIMARY KEY,"
	"  account TEXT NOT NULL,"
	"  jid TEXT NOT NULL,"
	"  UNIQUE (account, jid)"
	") STRICT;"
	"CREATE TABLE history_series ("
	"  id INTEGER PRIMARY KEY,"
	"  thing_id INTEGER,"                   /* NULL: forgotten, rows being purged */
	"  node TEXT NOT NULL,"                 /* '' for none */
	"  source TEXT NOT NULL,"
	"  part TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  kind INTEGER NOT NULL,"              /* 0 numbers, 1 states */
	"  kept_from INTEGER,"                  /* samples before it were purged */
	"  n_rows INTEGER NOT NULL DEFAULT 0,"  /* samples or changes on disk */
	"  n_hours INTEGER NOT NULL DEFAULT 0," /* rows of hourly statistics */
	"  last_t INTEGER,"                     /* newest value offered */
	"  last_v ANY,"
	"  last_q INTEGER,"
	"  UNIQUE (thing_id, node, source, part, name, kind, unit)"
	") STRICT;"
	TIMED_TABLE("history_sample", "REAL")
	/* Samples arrive here first, a flush a second, and move on to
	 * history_sample a few series at a time (see -write.c). */
	TIMED_TABLE("history_recent", "REAL")
	"CREATE TABLE history_hour ("
	"  series_id INTEGER NOT NULL,"
	"  hour INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  mn REAL NOT NULL,"
	"  mx REAL NOT NULL,"
	"  sum REAL NOT NULL,"
	"  PRIMARY KEY (series_id, hour)"
	") STRICT, WITHOUT ROWID;"
	TIMED_TABLE("history_state", "TEXT"),
};

const char *const *
iot_store_history_migrations(guint *n_steps)
{
	g_return_val_if_fail(n_steps != NULL, NULL);
	*n_steps = G_N_ELEMENTS(migrations);
	return migrations;
}

/* ---- statements ---------------------------------------------------------------- */

/* A finite number: NULL, text, blobs and infinities are not (another
 * program may have written them). */
#define FINITE(x) x " BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308"

/* The hour of t (rounded down, also before 1970). */
#define HOUR_OF_T "(t - ((t % 3600000000) + 3600000000) % 3600000000) / 3600000000"

/* The first (or with " DESC" the last) @key of series ?1 in @table. */
#define KEY_END(table, key, desc)                                                                \
	"(SELECT " key " FROM " table " WHERE series_id = ?1 ORDER BY " key desc " LIMIT 1)"

/* The samples of series ?1 from ?2 to ?3, moved on or not yet: @cols of each. */
#define SAMPLES_AND_RECENT(cols)                                                                   \
	" (SELECT " cols " FROM history_sample WHERE series_id = ?1 AND t >= ?2 AND t <= ?3"       \
	"  UNION ALL SELECT " cols " FROM history_recent WHERE series_id = ?1 AND t >= ?2 AND t <= ?3)"

/* Hourly statistics of series ?1 from hour @lo to hour @hi, with the
 * samples not yet counted in them as hours of one: hour, mn, mx, sum, n. */
#define HOURS_AND_RECENT(lo, hi)                                                                   \
	" (SELECT hour, mn, mx, sum, n FROM history_hour"                                          \
	"  WHERE series_id = ?1 AND hour >= " lo " AND hour <= " hi " AND n >= 1"                  \
	"  AND " FINITE("mn") " AND " FINITE("mx") " UNION ALL"                                    \
	"  SELECT " HOUR_OF_T ", v, v, v, 1 FROM history_recent WHERE series_id = ?1"              \
	"  AND t >= " lo " * 3600000000 AND t < (" hi " + 1) * 3600000000 AND " FINITE("v") ")"

/* Of series ?1 below ?2 in @table: the @col of the ?3rd row (from 0), and
 * deleting them all. */
#define NTH_BELOW(table, col)                                                                      \
	"SELECT " col " FROM " table " WHERE series_id = ?1 AND " col " < ?2"                      \
	" ORDER BY " col " LIMIT 1 OFFSET ?3"
#define DELETE_BELOW(table, col) "DELETE FROM " table " WHERE series_id = ?1 AND " col " < ?2"

#define LAST_NEWER "?4 IS NOT NULL AND (typeof(last_t) <> 'integer' OR ?4 >= last_t)"

static const char *const sql[S_COUNT] = {
	[S_THING_GET] = "SELECT id FROM history_thing WHERE account = ?1 AND jid = ?2",
	[S_THING_ADD] = "INSERT INTO history_thing (account, jid) VALUES (?1, ?2)",
	[S_SERIES_GET] = "SELECT id, kept_from, last_t FROM history_series WHERE thing_id = ?1 AND node = ?2"
	                 " AND source = ?3 AND part = ?4 AND name = ?5 AND kind = ?6 AND unit = ?7",
	[S_SERIES_ADD] = "INSERT INTO history_series (thing_id, node, source, part, name, kind, unit)"
	                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_SERIES_UPDATE] = "UPDATE history_series SET"
	                    " n_rows = max(0, CAST(n_rows AS INTEGER) + ?2),"
	                    " n_hours = max(0, CAST(n_hours AS INTEGER) + ?3),"
	                    " last_t = CASE WHEN " LAST_NEWER " THEN ?4 ELSE last_t END,"
	                    " last_v = CASE WHEN " LAST_NEWER " THEN ?5 ELSE last_v END,"
	                    " last_q = CASE WHEN " LAST_NEWER " THEN ?6 ELSE last_q END"
	                    " WHERE id = ?1",
	[S_SAMPLE_INSERT] = "INSERT INTO history_sample (series_id, t, v, q) VALUES (?1, ?2, ?3, ?4)"
	                    " ON CONFLICT DO NOTHING",
	[S_SAMPLE_GET] = "SELECT v, q FROM history_sample WHERE series_id = ?1 AND t = ?2",
	[S_SAMPLE_SET] = "UPDATE history_sample SET v = ?3, q = ?4 WHERE series_id = ?1 AND t = ?2",
	[S_RECENT_INSERT] = "INSERT INTO history_recent (series_id, t, v, q) VALUES (?1, ?2, ?3, ?4)"
	                    " ON CONFLICT DO NOTHING",
	[S_RECENT_GET] = "SELECT v, q FROM history_recent WHERE series_id = ?1 AND t = ?2",
	[S_RECENT_SET] = "UPDATE history_recent SET v = ?3, q = ?4 WHERE series_id = ?1 AND t = ?2",
	[S_RECENT_NEXT] = "SELECT series_id FROM history_recent WHERE series_id > ?1"
	                  " ORDER BY series_id LIMIT 1",
	[S_RECENT_NTH] = NTH_BELOW("history_recent", "t"),
	/* Hours of the rows that move. */
	[S_RECENT_HOURS] = "SELECT " HOUR_OF_T " AS hour, count(*), min(v), max(v), total(v)"
	                   " FROM history_recent WHERE series_id = ?1 AND t < ?2 AND " FINITE("v")
	                   " GROUP BY hour",
	[S_RECENT_MOVE] = "INSERT INTO history_sample (series_id, t, v, q) SELECT series_id, t, v, q"
	                  " FROM history_recent WHERE series_id = ?1 AND t < ?2 AND " FINITE("v")
	                  " ON CONFLICT DO UPDATE SET v = excluded.v, q = excluded.q",
	[S_RECENT_DELETE] = DELETE_BELOW("history_recent", "t"),
	[S_HOUR_ADD] = "INSERT INTO history_hour (series_id, hour, n, mn, mx, sum)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
	[S_HOUR_MERGE] = "UPDATE history_hour SET n = max(0, CAST(n AS INTEGER)) + ?3,"
	                 " mn = min(ifnull(CAST(mn AS REAL), ?4), ?4),"
	                 " mx = max(ifnull(CAST(mx AS REAL), ?5), ?5),"
	                 " sum = ifnull(CAST(sum AS REAL), 0) + ?6"
	                 " WHERE series_id = ?1 AND hour = ?2",
	[S_HOUR_RECOMPUTE] = "UPDATE history_hour SET (n, mn, mx, sum) ="
	                     " (SELECT count(*), min(v), max(v), total(v) FROM history_sample"
	                     "  WHERE series_id = ?1 AND t >= ?3 AND t < ?4 AND " FINITE("v") ")"
	                     " WHERE series_id = ?1 AND hour = ?2 AND EXISTS (SELECT 1 FROM"
	                     " history_sample WHERE series_id = ?1 AND t >= ?3 AND t < ?4 AND "
	                     FINITE("v") ")",
	[S_STATE_AT] = "SELECT t, v, q FROM history_state WHERE series_id = ?1 AND t <= ?2"
	               " ORDER BY t DESC LIMIT 1",
	[S_STATE_BEFORE] = "SELECT t, v, q FROM history_state WHERE series_id = ?1 AND t < ?2"
	                   " ORDER BY t DESC LIMIT 1",
	[S_STATE_NEXT] = "SELECT t, v, q FROM history_state WHERE series_id = ?1 AND t > ?2"
	                 " ORDER BY t LIMIT 1",
	[S_STATE_PUT] = "INSERT INTO history_state (series_id, t, v, q) VALUES (?1, ?2, ?3, ?4)"
	                " ON CONFLICT DO UPDATE SET v = excluded.v, q = excluded.q",
	[S_STATE_DELETE] = "DELETE FROM history_state WHERE series_id = ?1 AND t = ?2",
	[S_LIST_SERIES] = "SELECT s.id, s.node, s.source, s.part, s.name, s.unit, s.kind, s.last_t,"
	                  " s.last_v, s.last_q, s.n_rows FROM history_series AS s"
	                  " JOIN history_thing AS th ON th.id = s.thing_id"
	                  " WHERE th.account = ?1 AND th.jid = ?2 ORDER BY s.id",
	[S_SERIES_INFO] = "SELECT kind, unit, last_t, kept_from FROM history_series"
	                  " WHERE id = ?1 AND thing_id IS NOT NULL",
	/* Few samples a column: one query groups them all. */
	[S_PLOT_SAMPLES] = "SELECT (t - ?2) / ?4 AS b, min(t), max(t), min(v), max(v), total(v),"
	                   " count(*) FROM" SAMPLES_AND_RECENT("t, v")
	                   " WHERE " FINITE("v") " GROUP BY b ORDER BY b",
	/* Many: one range of the key a column, which needs no sorting (GROUP BY
	 * sorts every sample first: 30 ms for a day of one a second, against
	 * 20 ms). A value another program made infinite spoils its column,
	 * which is then left out. */
	[S_PLOT_BUCKET] = "SELECT min(t), max(t), min(v), max(v), total(v), count(*)"
	                  " FROM history_sample WHERE series_id = ?1 AND t >= ?2 AND t <= ?3",
	/* …and the few recent samples, by column. */
	[S_PLOT_RECENT] = "SELECT (t - ?2) / ?4 AS b, min(t), max(t), min(v), max(v), total(v),"
	                  " count(*) FROM history_recent WHERE series_id = ?1 AND t >= ?2"
	                  " AND t <= ?3 AND " FINITE("v") " GROUP BY b ORDER BY b",
	/* Hourly statistics, and the samples not yet counted in them. */
	[S_PLOT_HOURS] = "SELECT (max(hour * 3600000000, ?2) - ?2) / ?4 AS b, min(hour), max(hour),"
	                 " min(mn), max(mx), total(sum), total(n) FROM"
	                 HOURS_AND_RECENT("?5", "?6") " GROUP BY b ORDER BY b",
	[S_HOUR_COUNT] = "SELECT total(n) FROM history_hour WHERE series_id = ?1 AND hour >= ?2"
	                 " AND hour <= ?3",
	[S_STATE_COUNT] = "SELECT count(*) FROM history_state WHERE series_id = ?1 AND t > ?2"
	                  " AND t <= ?3",
	[S_STATE_RANGE] = "SELECT t, v, q FROM history_state WHERE series_id = ?1 AND t > ?2"
	                  " AND t <= ?3 ORDER BY t",
	/* One row per column: the change it ends with (SQLite takes the bare
	 * columns from the row of max(t)) and how many it holds. */
	[S_STATE_BUCKETS] = "SELECT (t - ?2 - 1) / ?4 AS b, max(t), v, q, count(*) FROM history_state"
	                    " WHERE series_id = ?1 AND t > ?2 AND t <= ?3 GROUP BY b ORDER BY b",
	[S_EXPORT_SAMPLES] = "SELECT t, v, q FROM" SAMPLES_AND_RECENT("t, v, q")
	                     " ORDER BY t LIMIT ?4",
	[S_EXPORT_HOURS] = "SELECT hour, min(mn), max(mx), total(sum), total(n) FROM"
	                   HOURS_AND_RECENT("?2", "?3") " GROUP BY hour ORDER BY hour LIMIT ?4",
	[S_EXPORT_STATES] = "SELECT t, v, q FROM history_state WHERE series_id = ?1 AND t >= ?2"
	                    " AND t <= ?3 ORDER BY t LIMIT ?4",
	[S_FORGET] = "UPDATE history_series SET thing_id = NULL WHERE thing_id = ?1",
	[S_THING_DELETE] = "DELETE FROM history_thing WHERE id = ?1",
	[S_GARBAGE_SERIES] = "SELECT id FROM history_series WHERE thing_id IS NULL LIMIT 1",
	[S_NEXT_SERIES] = "SELECT id, kind FROM history_series WHERE id > ?1 AND thing_id IS NOT NULL"
	                  " ORDER BY id LIMIT 1",
	[S_KEPT_FROM] = "UPDATE history_series SET kept_from = ?2 WHERE id = ?1"
	                " AND (typeof(kept_from) <> 'integer' OR kept_from < ?2)",
	[S_SAMPLE_NTH] = NTH_BELOW("history_sample", "t"),
	[S_SAMPLE_DELETE] = DELETE_BELOW("history_sample", "t"),
	[S_HOUR_NTH] = NTH_BELOW("history_hour", "hour"),
	[S_HOUR_DELETE] = DELETE_BELOW("history_hour", "hour"),
	[S_STATE_NTH] = NTH_BELOW("history_state", "t"),
	[S_STATE_DELETE_BELOW] = DELETE_BELOW("history_state", "t"),
	[S_STATE_LAST_BELOW] = "SELECT t FROM history_state WHERE series_id = ?1 AND t < ?2"
	                       " ORDER BY t DESC LIMIT 1",
	[S_SERIES_DELETE] = "DELETE FROM history_series WHERE id = ?1",
	[S_SERIES_ROWS] = "UPDATE history_series SET n_rows = max(0, CAST(n_rows AS INTEGER) - ?2)"
	                  " WHERE id = ?1",
	[S_ROWS_THING] = "SELECT s.kind, total(s.n_rows), total(s.n_hours) FROM history_series AS s"
	                 " JOIN history_thing AS th ON th.id = s.thing_id"
	                 " WHERE th.account = ?1 AND th.jid = ?2 GROUP BY s.kind",
	[S_PAGE_COUNT] = "PRAGMA page_count",
	[S_PAGE_SIZE] = "PRAGMA page_size",
	/* A merge of two key ranges read backwards: no sorting. */
	[S_NEWEST_SAMPLES] = "SELECT t, v, q FROM history_sample WHERE series_id = ?1 AND t >= ?2 AND t <= ?3"
	                     " UNION ALL SELECT t, v, q FROM history_recent WHERE series_id = ?1"
	                     " AND t >= ?2 AND t <= ?3 ORDER BY t DESC LIMIT ?4",
	/* The first and last key of each table of a series: one step down
	 * each end of its primary key. */
	[S_SPAN_SAMPLES] = "SELECT " KEY_END("history_sample", "t", "") ", "
	                   KEY_END("history_recent", "t", "") ", "
	                   KEY_END("history_sample", "t", " DESC") ", "
	                   KEY_END("history_recent", "t", " DESC"),
	[S_SPAN_HOURS] = "SELECT " KEY_END("history_hour", "hour", "") ", "
	                 KEY_END("history_recent", "t", "") ", "
	                 KEY_END("history_hour", "hour", " DESC") ", "
	                 KEY_END("history_recent", "t", " DESC"),
	[S_SPAN_STATES] = "SELECT " KEY_END("history_state", "t", "") ", NULL, "
	                  KEY_END("history_state", "t", " DESC") ", NULL",
};

const char *
iot_sh_sql(IotShStmt id)
{
	g_return_val_if_fail(id < S_COUNT, NULL);
	return sql[id];
}
