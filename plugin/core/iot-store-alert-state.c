/* iot-store-alert-state.c — the rules' runtime state in the store. See
 * iot-store-alert-state.h. */
#include "iot-store-alert-state.h"

#include "iot-store-private.h"

#include <math.h>
#include <string.h>

/* Bytes kept of a rule's latest value (the engine keeps 256). */
#define STATE_MAX_TEXT 1024

static const char migration_sql[] =
	"CREATE TABLE alert_rule_state ("
	"  rule_id INTEGER PRIMARY KEY,"
	"  saved_at INTEGER NOT NULL,"
	"  since_warning INTEGER NOT NULL,"
	"  since_alarm INTEGER NOT NULL,"
	"  offline_since INTEGER NOT NULL,"
	"  active INTEGER NOT NULL,"
	"  level TEXT NOT NULL,"
	"  fired_at INTEGER NOT NULL,"
	"  acknowledged INTEGER NOT NULL,"
	"  muted INTEGER NOT NULL,"
	"  next_remind INTEGER NOT NULL,"
	"  has_value INTEGER NOT NULL,"
	"  last_text TEXT,"
	"  last_has_number INTEGER NOT NULL,"
	"  last_number REAL NOT NULL"
	") STRICT;";

const char *
iot_store_alert_state_migration(void)
{
	return migration_sql;
}

static const char sql_put[] =
	"INSERT OR REPLACE INTO alert_rule_state (rule_id, saved_at, since_warning, since_alarm, "
	"offline_since, active, level, fired_at, acknowledged, muted, next_remind, has_value, last_text, "
	"last_has_number, last_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	"?14, ?15)";
static const char sql_delete[] = "DELETE FROM alert_rule_state WHERE rule_id = ?1";
static const char sql_all[] =
	"SELECT rule_id, saved_at, since_warning, since_alarm, offline_since, active, level, fired_at, "
	"acknowledged, muted, next_remind, has_value, last_text, last_has_number, last_number "
	"FROM alert_rule_state ORDER BY rule_id LIMIT ?1";

gboolean
iot_store_alert_state_put(IotStore *st, const IotAlertRuleState *s, GError **error)
{
	sqlite3_stmt *stmt;
	char *text = NULL;
	gboolean ok;

	g_return_val_if_fail(st != NULL && s != NULL && s->rule_id > 0, FALSE);
	stmt = iot_store_stmt(st, sql_put, error);
	if (stmt == NULL)
		return FALSE;
	if (s->has_value && s->last_text != NULL)
		text = iot_alert_clean_text(s->last_text, -1, STATE_MAX_TEXT);
	sqlite3_bind_int64(stmt, 1, s->rule_id);
	sqlite3_bind_int64(stmt, 2, s->saved_at);
	sqlite3_bind_int64(stmt, 3, s->since_warning);
	sqlite3_bind_int64(stmt, 4, s->since_alarm);
	sqlite3_bind_int64(stmt, 5, s->offline_since);
	sqlite3_bind_int(stmt, 6, s->active ? 1 : 0);
	iot_store_bind_text(stmt, 7, iot_alert_severity_name(s->active ? s->level : IOT_ALERT_INFO));
	sqlite3_bind_int64(stmt, 8, s->fired_at);
	sqlite3_bind_int(stmt, 9, s->acknowledged ? 1 : 0);
	sqlite3_bind_int(stmt, 10, s->muted ? 1 : 0);
	sqlite3_bind_int64(stmt, 11, s->next_remind);
	sqlite3_bind_int(stmt, 12, s->has_value ? 1 : 0);
	iot_store_bind_text(stmt, 13, text);
	sqlite3_bind_int(stmt, 14, s->has_value && s->last_has_number && isfinite(s->last_number) ? 1 : 0);
	sqlite3_bind_double(stmt, 15, isfinite(s->last_number) ? s->last_number : 0);
	ok = iot_store_step_done(st, stmt, "keeping a rule's state", error);
	g_free(text);
	return ok;
}

gboolean
iot_store_alert_state_delete(IotStore *st, guint id, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_delete, error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, id);
	return iot_store_step_done(st, stmt, "forgetting a rule's state", error);
}

static gboolean
bool_col(sqlite3_stmt *stmt, int i, gboolean *out)
{
	gint64 v;

	if (!iot_store_column_int(stmt, i, 0, 1, &v))
		return FALSE;
	*out = v != 0;
	return TRUE;
}

static gpointer
row_state(sqlite3_stmt *stmt)
{
	IotAlertRuleState *s = g_new0(IotAlertRuleState, 1);
	const char *text = iot_store_column_str(stmt, 12, STATE_MAX_TEXT);
	gint64 id;
	gboolean ok;

	ok = iot_store_column_int(stmt, 0, 1, G_MAXUINT, &id) && iot_store_column_int(stmt, 1, 0, G_MAXINT64, &s->saved_at) &&
	     iot_store_column_int(stmt, 2, 0, G_MAXINT64, &s->since_warning) &&
	     iot_store_column_int(stmt, 3, 0, G_MAXINT64, &s->since_alarm) &&
	     iot_store_column_int(stmt, 4, 0, G_MAXINT64, &s->offline_since) && bool_col(stmt, 5, &s->active) &&
	     iot_alert_severity_from_name(iot_store_column_str(stmt, 6, 16), &s->level) &&
	     iot_store_column_int(stmt, 7, 0, G_MAXINT64, &s->fired_at) && bool_col(stmt, 8, &s->acknowledged) &&
	     bool_col(stmt, 9, &s->muted) && iot_store_column_int(stmt, 10, 0, G_MAXINT64, &s->next_remind) &&
	     bool_col(stmt, 11, &s->has_value) &&
	     (sqlite3_column_type(stmt, 12) == SQLITE_NULL || text != NULL) &&
	     bool_col(stmt, 13, &s->last_has_number) &&
	     (sqlite3_column_type(stmt, 14) == SQLITE_FLOAT || sqlite3_column_type(stmt, 14) == SQLITE_INTEGER);
	if (ok) {
		s->last_number = sqlite3_column_double(stmt, 14);
		ok = isfinite(s->last_number);
	}
	if (!ok) {
		iot_alert_rule_state_free(s);
		return NULL;
	}
	s->rule_id = (guint)id;
	s->last_text = g_strdup(text);
	return s;
}

GPtrArray *
iot_store_alert_states(IotStore *st, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL, NULL);
	stmt = iot_store_stmt(st, sql_all, error);
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, IOT_ALERT_MAX_RULES);
	return iot_store_collect(st, stmt, row_state, (GDestroyNotify)iot_alert_rule_state_free,
	                         "reading the rules' state", error);
}
