/* iot-store-alert.c — the alert inbox and rules in the store. See
 * iot-store-alert.h. */
#include "iot-store-alert.h"

#include "iot-store-alert-state.h"
#include "iot-store-private.h"

#include <math.h>
#include <string.h>

static const char migration_sql[] =
	"CREATE TABLE alert_entry ("
	"  id INTEGER PRIMARY KEY,"
	"  account TEXT NOT NULL,"
	"  thing TEXT NOT NULL,"
	"  node TEXT,"
	"  field TEXT,"
	"  severity TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  first INTEGER NOT NULL,"
	"  last INTEGER NOT NULL,"
	"  cleared INTEGER NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  state TEXT NOT NULL,"
	"  snoozed_until INTEGER NOT NULL,"
	"  deferred_until INTEGER NOT NULL,"
	"  urgent INTEGER NOT NULL,"
	"  stranger INTEGER NOT NULL,"
	"  origin TEXT NOT NULL,"
	"  rule_id INTEGER NOT NULL,"
	"  span INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX alert_entry_by_last ON alert_entry (last);"
	"CREATE TABLE alert_rule ("
	"  id INTEGER PRIMARY KEY,"
	"  account TEXT NOT NULL,"
	"  thing TEXT NOT NULL,"
	"  node TEXT,"
	"  field TEXT,"
	"  op TEXT NOT NULL,"
	"  warning_set INTEGER NOT NULL,"
	"  warning REAL NOT NULL,"
	"  warning_high REAL NOT NULL,"
	"  warning_text TEXT,"
	"  alarm_set INTEGER NOT NULL,"
	"  alarm REAL NOT NULL,"
	"  alarm_high REAL NOT NULL,"
	"  alarm_text TEXT,"
	"  hysteresis REAL NOT NULL,"
	"  for_s INTEGER NOT NULL,"
	"  duration_s INTEGER NOT NULL,"
	"  latched INTEGER NOT NULL,"
	"  remind_s INTEGER NOT NULL,"
	"  priority INTEGER NOT NULL,"
	"  urgent INTEGER NOT NULL,"
	"  quiet INTEGER NOT NULL,"
	"  quiet_start INTEGER NOT NULL,"
	"  quiet_end INTEGER NOT NULL,"
	"  disabled INTEGER NOT NULL"
	") STRICT;";

const char *
iot_store_alert_migration(void)
{
	return migration_sql;
}

/* An owner question's key: NULL for every other entry. */
static const char question_migration_sql[] = "ALTER TABLE alert_entry ADD COLUMN question TEXT;";

const char *
iot_store_alert_question_migration(void)
{
	return question_migration_sql;
}

static const char sql_put[] =
	"INSERT OR REPLACE INTO alert_entry (id, account, thing, node, field, severity, text, first, last, "
	"cleared, count, state, snoozed_until, deferred_until, urgent, stranger, origin, rule_id, span, "
	"question) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
	"?19, ?20)";
static const char sql_delete[] = "DELETE FROM alert_entry WHERE id = ?1";
static const char sql_trim[] =
	"DELETE FROM alert_entry WHERE id NOT IN (SELECT id FROM alert_entry ORDER BY last DESC, id DESC "
	"LIMIT ?1)";
static const char sql_entries[] =
	"SELECT id, account, thing, node, field, severity, text, first, last, cleared, count, state, "
	"snoozed_until, deferred_until, urgent, stranger, origin, rule_id, span, question FROM alert_entry "
	"ORDER BY last DESC, id DESC LIMIT ?1";
static const char sql_rule_put[] =
	"INSERT OR REPLACE INTO alert_rule (id, account, thing, node, field, op, warning_set, warning, "
	"warning_high, warning_text, alarm_set, alarm, alarm_high, alarm_text, hysteresis, for_s, "
	"duration_s, latched, remind_s, priority, urgent, quiet, quiet_start, quiet_end, disabled) VALUES "
	"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
	"?22, ?23, ?24, ?25)";
static const char sql_rule_delete[] = "DELETE FROM alert_rule WHERE id = ?1";
static const char sql_rules[] =
	"SELECT id, account, thing, node, field, op, warning_set, warning, warning_high, warning_text, "
	"alarm_set, alarm, alarm_high, alarm_text, hysteresis, for_s, duration_s, latched, remind_s, "
	"priority, urgent, quiet, quiet_start, quiet_end, disabled FROM alert_rule ORDER BY id LIMIT ?1";

static gboolean
column_real(sqlite3_stmt *stmt, int i, double *out)
{
	double v;

	if (sqlite3_column_type(stmt, i) != SQLITE_FLOAT && sqlite3_column_type(stmt, i) != SQLITE_INTEGER)
		return FALSE;
	v = sqlite3_column_double(stmt, i);
	if (!isfinite(v))
		return FALSE;
	*out = v;
	return TRUE;
}

/* --- entries ---------------------------------------------------------------------- */

gboolean
iot_store_alert_put(IotStore *st, const IotAlert *a, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && a != NULL && a->id > 0, FALSE);
	g_return_val_if_fail(a->source.account != NULL && a->source.thing != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_put, error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, (gint64)MIN(a->id, (guint64)G_MAXINT64));
	iot_store_bind_text(stmt, 2, a->source.account);
	iot_store_bind_text(stmt, 3, a->source.thing);
	iot_store_bind_text(stmt, 4, a->source.node);
	iot_store_bind_text(stmt, 5, a->source.field);
	iot_store_bind_text(stmt, 6, iot_alert_severity_name(a->severity));
	iot_store_bind_text(stmt, 7, a->text != NULL ? a->text : "");
	sqlite3_bind_int64(stmt, 8, a->first);
	sqlite3_bind_int64(stmt, 9, a->last);
	sqlite3_bind_int64(stmt, 10, a->cleared);
	sqlite3_bind_int64(stmt, 11, a->count);
	iot_store_bind_text(stmt, 12, iot_alert_state_name(a->state));
	sqlite3_bind_int64(stmt, 13, a->snoozed_until);
	sqlite3_bind_int64(stmt, 14, a->deferred_until);
	sqlite3_bind_int(stmt, 15, a->urgent ? 1 : 0);
	sqlite3_bind_int(stmt, 16, a->stranger ? 1 : 0);
	iot_store_bind_text(stmt, 17, iot_alert_origin_name(a->origin));
	sqlite3_bind_int64(stmt, 18, a->rule_id);
	sqlite3_bind_int64(stmt, 19, a->span);
	iot_store_bind_text(stmt, 20, a->question);
	return iot_store_step_done(st, stmt, "keeping an alert", error);
}

static gboolean
delete_id(IotStore *st, const char *sql, gint64 id, const char *what, GError **error)
{
	sqlite3_stmt *stmt = iot_store_stmt(st, sql, error);

	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, id);
	return iot_store_step_done(st, stmt, what, error);
}

gboolean
iot_store_alert_delete(IotStore *st, guint64 id, GError **error)
{
	g_return_val_if_fail(st != NULL, FALSE);
	return delete_id(st, sql_delete, (gint64)MIN(id, (guint64)G_MAXINT64), "forgetting an alert", error);
}

gboolean
iot_store_alert_trim(IotStore *st, guint keep, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_trim, error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, keep);
	return iot_store_step_done(st, stmt, "trimming the alerts", error);
}

/* Returns: (transfer full) (nullable): the row as an alert, NULL when it
 * makes none. */
static gpointer
row_alert(sqlite3_stmt *stmt)
{
	const char *account = iot_store_column_str(stmt, 1, IOT_ALERT_MAX_NAME),
	           *thing = iot_store_column_str(stmt, 2, IOT_ALERT_MAX_NAME),
	           *node = iot_store_column_str(stmt, 3, IOT_ALERT_MAX_NAME),
	           *field = iot_store_column_str(stmt, 4, IOT_ALERT_MAX_NAME),
	           *text = iot_store_column_str(stmt, 6, IOT_ALERT_MAX_TEXT + 8),
	           *question = iot_store_column_str(stmt, 19, IOT_ALERT_MAX_QUESTION);
	gint64 id, first, last, cleared, count, snoozed, deferred, urgent, stranger, rule_id, span;
	IotAlertSeverity sev;
	IotAlertState state;
	IotAlertOrigin origin;
	IotAlert *a;

	if (account == NULL || *account == '\0' || thing == NULL || *thing == '\0' || text == NULL ||
	    !iot_store_column_int(stmt, 0, 1, G_MAXINT64, &id) || !iot_store_column_int(stmt, 7, 0, G_MAXINT64, &first) ||
	    !iot_store_column_int(stmt, 8, 0, G_MAXINT64, &last) || !iot_store_column_int(stmt, 9, 0, G_MAXINT64, &cleared) ||
	    !iot_store_column_int(stmt, 10, 1, G_MAXUINT, &count) || !iot_store_column_int(stmt, 12, 0, G_MAXINT64, &snoozed) ||
	    !iot_store_column_int(stmt, 13, 0, G_MAXINT64, &deferred) || !iot_store_column_int(stmt, 14, 0, 1, &urgent) ||
	    !iot_store_column_int(stmt, 15, 0, 1, &stranger) || !iot_store_column_int(stmt, 17, 0, G_MAXUINT, &rule_id) ||
	    !iot_store_column_int(stmt, 18, 0, G_MAXINT64, &span) ||
	    !iot_alert_severity_from_name(iot_store_column_str(stmt, 5, 32), &sev) ||
	    !iot_alert_state_from_name(iot_store_column_str(stmt, 11, 32), &state) ||
	    !iot_alert_origin_from_name(iot_store_column_str(stmt, 16, 32), &origin) ||
	    (sqlite3_column_type(stmt, 3) != SQLITE_NULL && node == NULL) ||
	    (sqlite3_column_type(stmt, 4) != SQLITE_NULL && field == NULL) || last < first ||
	    (sqlite3_column_type(stmt, 19) != SQLITE_NULL && !iot_alert_question_key_valid(question)) ||
	    (sev == IOT_ALERT_QUESTION) != (question != NULL))
		return NULL;
	a = iot_alert_new();
	a->id = (guint64)id;
	iot_alert_set_source(a, account, thing, node, field);
	iot_alert_set_text(a, text, -1);
	a->severity = sev;
	a->first = first;
	a->last = last;
	a->cleared = cleared;
	a->count = (guint)count;
	a->state = state;
	a->snoozed_until = snoozed;
	a->deferred_until = deferred;
	a->urgent = urgent != 0;
	a->stranger = stranger != 0;
	a->origin = origin;
	a->rule_id = (guint)rule_id;
	a->span = span;
	iot_alert_set_question(a, question);
	return a;
}

GPtrArray *
iot_store_alert_entries(IotStore *st, guint limit, GError **error)
{
	GPtrArray *a;
	sqlite3_stmt *stmt;
	guint i;

	g_return_val_if_fail(st != NULL, NULL);
	stmt = iot_store_stmt(st, sql_entries, error);
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, MIN(limit, IOT_STORE_ALERT_MAX_ENTRIES));
	a = iot_store_collect(st, stmt, row_alert, (GDestroyNotify)iot_alert_free,
	                      "reading the alerts", error);
	if (a == NULL)
		return NULL;
	/* Newest first from the query; oldest first out. */
	for (i = 0; i < a->len / 2; i++) {
		gpointer t = a->pdata[i];

		a->pdata[i] = a->pdata[a->len - 1 - i];
		a->pdata[a->len - 1 - i] = t;
	}
	return a;
}

/* --- rules ------------------------------------------------------------------------- */

static void
bind_level(sqlite3_stmt *stmt, int i, const IotAlertLevel *l)
{
	sqlite3_bind_int(stmt, i, l->set ? 1 : 0);
	sqlite3_bind_double(stmt, i + 1, isfinite(l->value) ? l->value : 0);
	sqlite3_bind_double(stmt, i + 2, isfinite(l->high) ? l->high : 0);
	iot_store_bind_text(stmt, i + 3, l->text);
}

gboolean
iot_store_alert_rule_put(IotStore *st, const IotAlertRule *r, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && r != NULL && r->id > 0, FALSE);
	g_return_val_if_fail(r->account != NULL && r->thing != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_rule_put, error);
	if (stmt == NULL)
		return FALSE;
	sqlite3_bind_int64(stmt, 1, r->id);
	iot_store_bind_text(stmt, 2, r->account);
	iot_store_bind_text(stmt, 3, r->thing);
	iot_store_bind_text(stmt, 4, r->node);
	iot_store_bind_text(stmt, 5, r->field);
	iot_store_bind_text(stmt, 6, iot_alert_op_symbol(r->op));
	bind_level(stmt, 7, &r->warning);
	bind_level(stmt, 11, &r->alarm);
	sqlite3_bind_double(stmt, 15, isfinite(r->hysteresis) ? r->hysteresis : 0);
	sqlite3_bind_int64(stmt, 16, r->for_s);
	sqlite3_bind_int64(stmt, 17, r->duration_s);
	sqlite3_bind_int(stmt, 18, r->latched ? 1 : 0);
	sqlite3_bind_int64(stmt, 19, r->remind_s);
	sqlite3_bind_int(stmt, 20, r->priority);
	sqlite3_bind_int(stmt, 21, r->urgent ? 1 : 0);
	sqlite3_bind_int(stmt, 22, r->quiet.enabled ? 1 : 0);
	sqlite3_bind_int(stmt, 23, (int)r->quiet.start_min);
	sqlite3_bind_int(stmt, 24, (int)r->quiet.end_min);
	sqlite3_bind_int(stmt, 25, r->disabled ? 1 : 0);
	return iot_store_step_done(st, stmt, "keeping a rule", error);
}

gboolean
iot_store_alert_rule_delete(IotStore *st, guint id, GError **error)
{
	g_return_val_if_fail(st != NULL, FALSE);
	return delete_id(st, sql_rule_delete, id, "forgetting a rule", error) &&
	       iot_store_alert_state_delete(st, id, error);
}

static gboolean
op_from_symbol(const char *s, IotAlertOp *out)
{
	IotAlertOp op;

	for (op = IOT_ALERT_OP_ABOVE; s != NULL && op <= IOT_ALERT_OP_OFFLINE; op++) {
		if (strcmp(s, iot_alert_op_symbol(op)) == 0) {
			*out = op;
			return TRUE;
		}
	}
	return FALSE;
}

static gboolean
row_level(sqlite3_stmt *stmt, int i, IotAlertLevel *l)
{
	gint64 set;
	const char *text = iot_store_column_str(stmt, i + 3, IOT_ALERT_MAX_TEXT);

	if (!iot_store_column_int(stmt, i, 0, 1, &set) || !column_real(stmt, i + 1, &l->value) ||
	    !column_real(stmt, i + 2, &l->high) ||
	    (sqlite3_column_type(stmt, i + 3) != SQLITE_NULL && text == NULL))
		return FALSE;
	l->set = set != 0;
	l->text = g_strdup(text);
	return TRUE;
}

static gpointer
row_rule(sqlite3_stmt *stmt)
{
	const char *account = iot_store_column_str(stmt, 1, IOT_ALERT_MAX_NAME),
	           *thing = iot_store_column_str(stmt, 2, IOT_ALERT_MAX_NAME),
	           *node = iot_store_column_str(stmt, 3, IOT_ALERT_MAX_NAME),
	           *field = iot_store_column_str(stmt, 4, IOT_ALERT_MAX_NAME);
	gint64 id, for_s, duration_s, latched, remind_s, priority, urgent, quiet, qs, qe, disabled;
	IotAlertRule *r = iot_alert_rule_new();
	gboolean ok;

	ok = account != NULL && thing != NULL && iot_store_column_int(stmt, 0, 1, G_MAXUINT, &id) &&
	     op_from_symbol(iot_store_column_str(stmt, 5, 16), &r->op) && row_level(stmt, 6, &r->warning) &&
	     row_level(stmt, 10, &r->alarm) && column_real(stmt, 14, &r->hysteresis) &&
	     iot_store_column_int(stmt, 15, 0, G_MAXUINT, &for_s) && iot_store_column_int(stmt, 16, 0, G_MAXUINT, &duration_s) &&
	     iot_store_column_int(stmt, 17, 0, 1, &latched) && iot_store_column_int(stmt, 18, 0, G_MAXUINT, &remind_s) &&
	     iot_store_column_int(stmt, 19, G_MININT, G_MAXINT, &priority) && iot_store_column_int(stmt, 20, 0, 1, &urgent) &&
	     iot_store_column_int(stmt, 21, 0, 1, &quiet) && iot_store_column_int(stmt, 22, 0, 1439, &qs) &&
	     iot_store_column_int(stmt, 23, 0, 1439, &qe) && iot_store_column_int(stmt, 24, 0, 1, &disabled) &&
	     (sqlite3_column_type(stmt, 3) == SQLITE_NULL || node != NULL) &&
	     (sqlite3_column_type(stmt, 4) == SQLITE_NULL || field != NULL);
	if (!ok) {
		iot_alert_rule_free(r);
		return NULL;
	}
	r->id = (guint)id;
	iot_alert_rule_set_target(r, account, thing, node, field);
	r->for_s = (guint)for_s;
	r->duration_s = (guint)duration_s;
	r->latched = latched != 0;
	r->remind_s = (guint)remind_s;
	r->priority = (int)priority;
	r->urgent = urgent != 0;
	r->quiet.enabled = quiet != 0;
	r->quiet.start_min = (guint)qs;
	r->quiet.end_min = (guint)qe;
	r->disabled = disabled != 0;
	if (!iot_alert_rule_valid(r)) {
		iot_alert_rule_free(r);
		return NULL;
	}
	return r;
}

GPtrArray *
iot_store_alert_rules(IotStore *st, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL, NULL);
	stmt = iot_store_stmt(st, sql_rules, error);
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, IOT_ALERT_MAX_RULES);
	return iot_store_collect(st, stmt, row_rule, (GDestroyNotify)iot_alert_rule_free,
	                         "reading the rules", error);
}
