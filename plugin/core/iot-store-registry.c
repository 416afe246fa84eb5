/* iot-store-registry.c — the rules an owner gave. See iot-store-registry.h. */
#include "iot-store-registry.h"

#include "iot-store-private.h"

#include <string.h>

static const char migration_sql[] =
	"CREATE TABLE registry_rule ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account TEXT NOT NULL,"
	"  service TEXT NOT NULL,"
	"  jid TEXT NOT NULL,"
	"  node_id TEXT,"
	"  source_id TEXT,"
	"  partition TEXT,"
	"  kind INTEGER NOT NULL,"
	"  remote_jid TEXT NOT NULL,"
	"  yes INTEGER NOT NULL,"
	"  range INTEGER NOT NULL,"
	"  token TEXT,"
	"  categories INTEGER NOT NULL,"
	"  names TEXT,"
	"  given_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX registry_rule_by_jid ON registry_rule (account, jid);"
	"CREATE TABLE registry_question ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account TEXT NOT NULL,"
	"  service TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  arrived INTEGER NOT NULL,"
	"  UNIQUE (account, service, key)"
	") STRICT;";

const char *
iot_store_registry_migration(void)
{
	return migration_sql;
}

static const char sql_add[] =
	"INSERT INTO registry_rule (account, service, jid, node_id, source_id, partition, kind, remote_jid, "
	"yes, range, token, categories, names, given_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char sql_trim[] =
	"DELETE FROM registry_rule WHERE account = ?1 AND id NOT IN "
	"(SELECT id FROM registry_rule WHERE account = ?1 ORDER BY id DESC LIMIT ?2)";
static const char sql_list[] =
	"SELECT service, jid, node_id, source_id, partition, kind, remote_jid, yes, range, token, "
	"categories, names, given_at FROM registry_rule WHERE account = ?1 AND (?2 IS NULL OR jid = ?2) "
	"ORDER BY id LIMIT ?3";
static const char sql_forget[] =
	"DELETE FROM registry_rule WHERE account = ?1 AND (?2 IS NULL OR jid = ?2) "
	"AND (?3 IS NULL OR node_id = ?3)";

static const char sql_q_add[] =
	"INSERT OR REPLACE INTO registry_question (account, service, key, question, arrived) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_q_trim[] =
	"DELETE FROM registry_question WHERE account = ?1 AND id NOT IN "
	"(SELECT id FROM registry_question WHERE account = ?1 ORDER BY id DESC LIMIT ?2)";
static const char sql_q_remove[] =
	"DELETE FROM registry_question WHERE account = ?1 AND service = ?2 AND key = ?3";
static const char sql_q_list[] =
	"SELECT service, key, question, arrived FROM registry_question WHERE account = ?1 ORDER BY id LIMIT ?2";

gboolean
iot_store_registry_rule_add(IotStore *st, const char *account, const IotProvisioningRule *rule, GError **error)
{
	sqlite3_stmt *stmt;
	char *names = NULL;

	g_return_val_if_fail(account != NULL && rule != NULL && rule->jid != NULL, FALSE);
	if ((stmt = iot_store_stmt(st, sql_add, error)) == NULL)
		return FALSE;
	if (rule->names != NULL && rule->names->len > 0) {
		g_ptr_array_add(rule->names, NULL);
		names = g_strjoinv("\n", (char **)rule->names->pdata);
		g_ptr_array_remove_index(rule->names, rule->names->len - 1);
	}
	iot_store_bind_text(stmt, 1, account);
	iot_store_bind_text(stmt, 2, rule->service ? rule->service : "");
	iot_store_bind_text(stmt, 3, rule->jid);
	iot_store_bind_text(stmt, 4, rule->node.node_id);
	iot_store_bind_text(stmt, 5, rule->node.source_id);
	iot_store_bind_text(stmt, 6, rule->node.partition);
	sqlite3_bind_int(stmt, 7, (int)rule->kind);
	iot_store_bind_text(stmt, 8, rule->remote_jid ? rule->remote_jid : "");
	sqlite3_bind_int(stmt, 9, rule->yes ? 1 : 0);
	sqlite3_bind_int(stmt, 10, (int)rule->range);
	iot_store_bind_text(stmt, 11, rule->token);
	sqlite3_bind_int64(stmt, 12, (sqlite3_int64)rule->categories);
	iot_store_bind_text(stmt, 13, names);
	sqlite3_bind_int64(stmt, 14, rule->given_at);
	g_free(names);
	if (!iot_store_step_done(st, stmt, "recording a rule", error))
		return FALSE;
	if ((stmt = iot_store_stmt(st, sql_trim, error)) == NULL)
		return FALSE;
	iot_store_bind_text(stmt, 1, account);
	sqlite3_bind_int(stmt, 2, IOT_STORE_REGISTRY_RULES_KEEP);
	return iot_store_step_done(st, stmt, "trimming the rules", error);
}

/* Column @i as bounded, valid text; NULL when not. */
static char *
column_text(sqlite3_stmt *stmt, int i, gsize max)
{
	const char *s;
	int n;

	if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(stmt, i);
	n = sqlite3_column_bytes(stmt, i);
	if (s == NULL || n < 0 || (gsize)n > max || memchr(s, '\0', (size_t)n) != NULL || !g_utf8_validate(s, n, NULL))
		return NULL;
	return g_strndup(s, (gsize)n);
}

GPtrArray *
iot_store_registry_rules(IotStore *st, const char *account, const char *jid, GError **error)
{
	sqlite3_stmt *stmt;
	GPtrArray *out;
	int rc;

	g_return_val_if_fail(account != NULL, NULL);
	if ((stmt = iot_store_stmt(st, sql_list, error)) == NULL)
		return NULL;
	iot_store_bind_text(stmt, 1, account);
	iot_store_bind_text(stmt, 2, jid);
	sqlite3_bind_int(stmt, 3, IOT_STORE_REGISTRY_RULES_KEEP);
	out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_provisioning_rule_free);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		IotProvisioningRule *r = g_new0(IotProvisioningRule, 1);
		char *names;
		int kind = sqlite3_column_int(stmt, 5), range = sqlite3_column_int(stmt, 8);

		r->names = g_ptr_array_new_with_free_func(g_free);
		r->service = column_text(stmt, 0, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->jid = column_text(stmt, 1, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->node.node_id = column_text(stmt, 2, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->node.source_id = column_text(stmt, 3, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->node.partition = column_text(stmt, 4, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->remote_jid = column_text(stmt, 6, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->yes = sqlite3_column_int(stmt, 7) != 0;
		r->token = column_text(stmt, 9, IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->categories = (guint32)sqlite3_column_int64(stmt, 10);
		names = column_text(stmt, 11, IOT_PROVISIONING_MAX_ITEMS * IOT_PROVISIONING_MAX_ATTR_BYTES);
		r->given_at = sqlite3_column_int64(stmt, 12);
		if (r->service == NULL || r->jid == NULL || r->remote_jid == NULL || kind < IOT_QUESTION_IS_FRIEND ||
		    kind > IOT_QUESTION_CAN_CONTROL || range < IOT_RULE_CALLER || range > IOT_RULE_USER_TOKEN) {
			g_free(names);
			iot_provisioning_rule_free(r);
			continue;
		}
		r->kind = (IotQuestionKind)kind;
		r->range = (IotRuleRange)range;
		if (names != NULL && *names != '\0') {
			char **v = g_strsplit(names, "\n", IOT_PROVISIONING_MAX_ITEMS);
			guint i;
			for (i = 0; v[i] != NULL; i++)
				g_ptr_array_add(r->names, v[i]);
			g_free(v);
		}
		g_free(names);
		g_ptr_array_add(out, r);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE) {
		g_ptr_array_unref(out);
		iot_store_fail(st, rc, "reading the rules", error);
		return NULL;
	}
	return out;
}

gboolean
iot_store_registry_rules_forget(IotStore *st, const char *account, const char *jid, const char *node_id,
                                GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(account != NULL, FALSE);
	if ((stmt = iot_store_stmt(st, sql_forget, error)) == NULL)
		return FALSE;
	iot_store_bind_text(stmt, 1, account);
	iot_store_bind_text(stmt, 2, jid);
	iot_store_bind_text(stmt, 3, node_id);
	return iot_store_step_done(st, stmt, "forgetting rules", error);
}

/* --- pending questions --------------------------------------------------------- */

void
iot_stored_question_free(IotStoredQuestion *q)
{
	if (q == NULL)
		return;
	g_free(q->service);
	g_free(q->key);
	g_free(q->xml);
	g_free(q);
}

gboolean
iot_store_registry_question_add(IotStore *st, const char *account, const char *service, const char *key,
                                const char *xml, gint64 arrived, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(account != NULL && service != NULL && key != NULL && xml != NULL, FALSE);
	if (strlen(xml) > IOT_STORE_REGISTRY_QUESTION_BYTES)
		return TRUE; /* not kept: the service asks again */
	if ((stmt = iot_store_stmt(st, sql_q_add, error)) == NULL)
		return FALSE;
	iot_store_bind_text(stmt, 1, account);
	iot_store_bind_text(stmt, 2, service);
	iot_store_bind_text(stmt, 3, key);
	iot_store_bind_text(stmt, 4, xml);
	sqlite3_bind_int64(stmt, 5, arrived);
	if (!iot_store_step_done(st, stmt, "keeping a question", error))
		return FALSE;
	if ((stmt = iot_store_stmt(st, sql_q_trim, error)) == NULL)
		return FALSE;
	iot_store_bind_text(stmt, 1, account);
	sqlite3_bind_int(stmt, 2, IOT_STORE_REGISTRY_QUESTIONS_KEEP);
	return iot_store_step_done(st, stmt, "trimming the questions", error);
}

gboolean
iot_store_registry_question_remove(IotStore *st, const char *account, const char *service, const char *key,
                                   GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(account != NULL && service != NULL && key != NULL, FALSE);
	if ((stmt = iot_store_stmt(st, sql_q_remove, error)) == NULL)
		return FALSE;
	iot_store_bind_text(stmt, 1, account);
	iot_store_bind_text(stmt, 2, service);
	iot_store_bind_text(stmt, 3, key);
	return iot_store_step_done(st, stmt, "forgetting a question", error);
}

/* A kept question, or NULL for a row that makes none. */
static gpointer
row_question(sqlite3_stmt *stmt)
{
	IotStoredQuestion *q = g_new0(IotStoredQuestion, 1);

	q->service = column_text(stmt, 0, IOT_PROVISIONING_MAX_ATTR_BYTES);
	q->key = column_text(stmt, 1, IOT_PROVISIONING_MAX_ATTR_BYTES);
	q->xml = column_text(stmt, 2, IOT_STORE_REGISTRY_QUESTION_BYTES);
	q->arrived = sqlite3_column_int64(stmt, 3);
	if (q->service == NULL || q->key == NULL || q->xml == NULL) {
		iot_stored_question_free(q);
		return NULL;
	}
	return q;
}

GPtrArray *
iot_store_registry_questions(IotStore *st, const char *account, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(account != NULL, NULL);
	if ((stmt = iot_store_stmt(st, sql_q_list, error)) == NULL)
		return NULL;
	iot_store_bind_text(stmt, 1, account);
	sqlite3_bind_int(stmt, 2, IOT_STORE_REGISTRY_QUESTIONS_KEEP);
	return iot_store_collect(st, stmt, row_question, (GDestroyNotify)iot_stored_question_free,
	                         "reading the questions", error);
}
