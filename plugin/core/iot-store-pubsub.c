/* iot-store-pubsub.c — publish-subscribe in the store: subscriptions and
 * recent items. See iot-store-pubsub.h. */
#include "iot-store-pubsub.h"

#include "iot-limits.h"
#include "iot-pubsub-private.h"
#include "iot-store-private.h"
#include "iot-xml.h"

#include <string.h>

/* A subscription without a SubID is kept with subid '' so that the unique
 * key holds for it too (SQLite's NULLs never collide). An item's time is
 * when it was published (its delay) or, when no one said, when it came. */
static const char migration_sql[] =
	"CREATE TABLE pubsub_subscription ("
	"  account TEXT NOT NULL,"
	"  service TEXT NOT NULL,"
	"  node TEXT NOT NULL,"
	"  jid TEXT,"
	"  subid TEXT NOT NULL DEFAULT '',"
	"  state INTEGER NOT NULL,"
	"  since INTEGER NOT NULL,"
	"  UNIQUE (account, service, node, subid)"
	") STRICT;"
	"CREATE TABLE pubsub_item ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account TEXT NOT NULL,"
	"  service TEXT NOT NULL,"
	"  node TEXT NOT NULL,"
	"  item_id TEXT," /* NULL: the service gave none */
	"  publisher TEXT,"
	"  t INTEGER NOT NULL,"
	"  payload TEXT," /* the payload as XML; NULL: none, or too big */
	"  payload_too_big INTEGER NOT NULL DEFAULT 0"
	") STRICT;"
	"CREATE INDEX pubsub_item_by_time ON pubsub_item (account, service, node, t);"
	"CREATE UNIQUE INDEX pubsub_item_by_id ON pubsub_item (account, service, node, item_id);";

const char *
iot_store_pubsub_migration(void)
{
	return migration_sql;
}

static const char sql_remember[] =
	"INSERT INTO pubsub_subscription (account, service, node, jid, subid, state, since) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (account, service, node, subid) "
	"DO UPDATE SET jid = excluded.jid, state = excluded.state";
static const char sql_forget[] =
	"DELETE FROM pubsub_subscription WHERE account = ?1 AND service = ?2 AND node = ?3 "
	"AND (?4 IS NULL OR subid = ?4)";
static const char sql_list[] =
	"SELECT service, node, jid, subid, state FROM pubsub_subscription "
	"WHERE account = ?1 AND (?2 IS NULL OR service = ?2) ORDER BY service, node, subid LIMIT ?3";
static const char sql_item_add[] =
	"INSERT OR REPLACE INTO pubsub_item (account, service, node, item_id, publisher, t, payload, "
	"payload_too_big) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_item_trim[] =
	"DELETE FROM pubsub_item WHERE account = ?1 AND service = ?2 AND node = ?3 AND id NOT IN "
	"(SELECT id FROM pubsub_item WHERE account = ?1 AND service = ?2 AND node = ?3 "
	"ORDER BY t DESC, id DESC LIMIT ?4)";
static const char sql_item_remove[] =
	"DELETE FROM pubsub_item WHERE account = ?1 AND service = ?2 AND node = ?3 "
	"AND (?4 IS NULL OR item_id = ?4)";
static const char sql_items[] =
	"SELECT item_id, publisher, t, payload, payload_too_big FROM pubsub_item "
	"WHERE account = ?1 AND service = ?2 AND node = ?3 ORDER BY t DESC, id DESC LIMIT ?4";

/* Binds ?1 ?2 ?3 to the key of a node; FALSE (with @error) when one of
 * them cannot be a name. */
static gboolean
bind_node(sqlite3_stmt *stmt, const char *account, const char *service, const char *node, GError **error)
{
	char *a = iot_pubsub_ident(account), *s = iot_pubsub_ident(service), *n = iot_pubsub_ident(node);
	gboolean ok = a != NULL && s != NULL && n != NULL;

	if (ok) {
		iot_store_bind_text(stmt, 1, a);
		iot_store_bind_text(stmt, 2, s);
		iot_store_bind_text(stmt, 3, n);
	} else {
		g_set_error_literal(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FAILED,
		                    "an account, service or node that cannot be kept");
	}
	g_free(a);
	g_free(s);
	g_free(n);
	return ok;
}

/* Returns: (transfer full) (nullable): column @i as an identifier, NULL when
 * it is not text or not one (too long, empty, broken UTF-8). */
static char *
column_ident(sqlite3_stmt *stmt, int i)
{
	const char *s;
	int n;

	if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(stmt, i);
	n = sqlite3_column_bytes(stmt, i);
	if (s == NULL || n <= 0 || n > IOT_PUBSUB_MAX_ID_BYTES || memchr(s, '\0', (size_t)n) != NULL)
		return NULL;
	return iot_pubsub_ident(s);
}

/* --- subscriptions --------------------------------------------------------------- */

gboolean
iot_store_pubsub_remember(IotStore *st, const char *account, const IotPubsubSubscription *sub,
                          GError **error)
{
	sqlite3_stmt *stmt;
	char *jid, *subid;

	g_return_val_if_fail(st != NULL && account != NULL && sub != NULL, FALSE);
	g_return_val_if_fail(sub->service != NULL && sub->node != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_remember, error);
	if (stmt == NULL)
		return FALSE;
	if (!bind_node(stmt, account, sub->service, sub->node, error)) {
		sqlite3_clear_bindings(stmt);
		return FALSE;
	}
	jid = iot_pubsub_ident(sub->jid);
	subid = iot_pubsub_ident(sub->subid);
	iot_store_bind_text(stmt, 4, jid);
	iot_store_bind_text(stmt, 5, subid != NULL ? subid : "");
	sqlite3_bind_int(stmt, 6, (int)CLAMP(sub->state, IOT_PUBSUB_STATE_NONE, IOT_PUBSUB_STATE_SUBSCRIBED));
	sqlite3_bind_int64(stmt, 7, g_get_real_time());
	g_free(jid);
	g_free(subid);
	return iot_store_step_done(st, stmt, "remembering a subscription", error);
}

gboolean
iot_store_pubsub_forget(IotStore *st, const char *account, const char *service, const char *node,
                        const char *subid, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && account != NULL && service != NULL && node != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_forget, error);
	if (stmt == NULL)
		return FALSE;
	if (!bind_node(stmt, account, service, node, error)) {
		sqlite3_clear_bindings(stmt);
		return FALSE;
	}
	iot_store_bind_text(stmt, 4, subid);
	return iot_store_step_done(st, stmt, "forgetting a subscription", error);
}

GPtrArray *
iot_store_pubsub_list(IotStore *st, const char *account, const char *service, GError **error)
{
	GPtrArray *a;
	sqlite3_stmt *stmt;
	int rc;

	g_return_val_if_fail(st != NULL && account != NULL, NULL);
	stmt = iot_store_stmt(st, sql_list, error);
	if (stmt == NULL)
		return NULL;
	a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_subscription_free);
	iot_store_bind_text(stmt, 1, account);
	iot_store_bind_text(stmt, 2, service);
	sqlite3_bind_int(stmt, 3, IOT_PUBSUB_MAX_SUBSCRIPTIONS);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		IotPubsubSubscription *s;
		char *svc = column_ident(stmt, 0), *node = column_ident(stmt, 1);
		gint64 state = sqlite3_column_type(stmt, 4) == SQLITE_INTEGER ? sqlite3_column_int64(stmt, 4) : -1;

		/* A row another program wrote that makes no subscription is skipped. */
		if (svc == NULL || node == NULL || state < IOT_PUBSUB_STATE_NONE || state > IOT_PUBSUB_STATE_SUBSCRIBED) {
			g_free(svc);
			g_free(node);
			continue;
		}
		s = g_new0(IotPubsubSubscription, 1);
		s->service = svc;
		s->node = node;
		s->jid = column_ident(stmt, 2);
		s->subid = column_ident(stmt, 3);
		s->state = (IotPubsubState)state;
		g_ptr_array_add(a, s);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE) {
		iot_store_fail(st, rc, "reading subscriptions", error);
		g_ptr_array_unref(a);
		return NULL;
	}
	return a;
}

/* --- items ------------------------------------------------------------------------- */

gboolean
iot_store_pubsub_item_add(IotStore *st, const char *account, const char *service, const char *node,
                          const IotPubsubItem *item, GError **error)
{
	sqlite3_stmt *stmt;
	char *id, *publisher, *payload = NULL;
	gboolean too_big = item != NULL && item->payload_too_big, ok;

	g_return_val_if_fail(st != NULL && account != NULL && service != NULL && node != NULL && item != NULL,
	                     FALSE);
	if (item->payload != NULL) {
		if (iot_pubsub_tree_exceeds(item->payload, IOT_PUBSUB_MAX_PAYLOAD_BYTES)) {
			too_big = TRUE;
		} else {
			payload = iot_xml_to_string(item->payload);
			if (strlen(payload) > IOT_PUBSUB_MAX_PAYLOAD_BYTES || !g_utf8_validate(payload, -1, NULL)) {
				g_clear_pointer(&payload, g_free);
				too_big = TRUE;
			}
		}
	}
	stmt = iot_store_stmt(st, sql_item_add, error);
	if (stmt == NULL || !bind_node(stmt, account, service, node, error)) {
		if (stmt != NULL)
			sqlite3_clear_bindings(stmt);
		g_free(payload);
		return FALSE;
	}
	id = iot_pubsub_ident(item->id);
	publisher = iot_pubsub_ident(item->publisher);
	iot_store_bind_text(stmt, 4, id);
	iot_store_bind_text(stmt, 5, publisher);
	sqlite3_bind_int64(stmt, 6, item->time != IOT_TIME_UNKNOWN ? item->time : g_get_real_time());
	iot_store_bind_text(stmt, 7, payload);
	sqlite3_bind_int(stmt, 8, too_big ? 1 : 0);
	g_free(id);
	g_free(publisher);
	g_free(payload);
	ok = iot_store_step_done(st, stmt, "keeping an item", error);
	if (!ok)
		return FALSE;
	stmt = iot_store_stmt(st, sql_item_trim, error);
	if (stmt == NULL)
		return FALSE;
	bind_node(stmt, account, service, node, NULL);
	sqlite3_bind_int(stmt, 4, IOT_STORE_PUBSUB_ITEMS_KEEP);
	return iot_store_step_done(st, stmt, "trimming a node's items", error);
}

gboolean
iot_store_pubsub_item_remove(IotStore *st, const char *account, const char *service, const char *node,
                             const char *item_id, GError **error)
{
	sqlite3_stmt *stmt;

	g_return_val_if_fail(st != NULL && account != NULL && service != NULL && node != NULL, FALSE);
	stmt = iot_store_stmt(st, sql_item_remove, error);
	if (stmt == NULL)
		return FALSE;
	if (!bind_node(stmt, account, service, node, error)) {
		sqlite3_clear_bindings(stmt);
		return FALSE;
	}
	iot_store_bind_text(stmt, 4, item_id);
	return iot_store_step_done(st, stmt, "removing items", error);
}

/* Returns: (transfer full) (nullable): the payload kept as @xml, read back. */
static xmlNode *
payload_from_text(sqlite3_stmt *stmt, int i)
{
	const char *s;
	int n;
	xmlDoc *doc;
	xmlNode *copy;

	if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(stmt, i);
	n = sqlite3_column_bytes(stmt, i);
	if (s == NULL || n <= 0 || n > IOT_PUBSUB_MAX_PAYLOAD_BYTES)
		return NULL;
	doc = iot_xml_parse(s, n, NULL);
	if (doc == NULL)
		return NULL;
	copy = xmlDocCopyNode(xmlDocGetRootElement(doc), NULL, 1);
	xmlFreeDoc(doc);
	return copy;
}

GPtrArray *
iot_store_pubsub_items(IotStore *st, const char *account, const char *service, const char *node,
                       guint limit, GError **error)
{
	GPtrArray *a;
	sqlite3_stmt *stmt;
	int rc;
	guint i;

	g_return_val_if_fail(st != NULL && account != NULL && service != NULL && node != NULL, NULL);
	a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_item_free);
	limit = MIN(limit, IOT_STORE_PUBSUB_ITEMS_KEEP);
	if (limit == 0)
		return a;
	stmt = iot_store_stmt(st, sql_items, error);
	if (stmt == NULL) {
		g_ptr_array_unref(a);
		return NULL;
	}
	if (!bind_node(stmt, account, service, node, NULL)) {
		sqlite3_clear_bindings(stmt);
		return a; /* nothing can have been kept under such a name */
	}
	sqlite3_bind_int(stmt, 4, (int)limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		IotPubsubItem *item;

		if (sqlite3_column_type(stmt, 2) != SQLITE_INTEGER)
			continue; /* no time: not a row we wrote */
		item = iot_pubsub_item_new();
		item->id = column_ident(stmt, 0);
		item->publisher = column_ident(stmt, 1);
		item->time = sqlite3_column_int64(stmt, 2);
		if (item->time == IOT_TIME_UNKNOWN)
			item->time = IOT_TIME_UNKNOWN + 1;
		item->payload = payload_from_text(stmt, 3);
		item->payload_too_big = sqlite3_column_type(stmt, 4) == SQLITE_INTEGER && sqlite3_column_int64(stmt, 4) != 0;
		g_ptr_array_add(a, item);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE) {
		iot_store_fail(st, rc, "reading items", error);
		g_ptr_array_unref(a);
		return NULL;
	}
	/* Oldest first. */
	for (i = 0; i < a->len / 2; i++) {
		gpointer tmp = a->pdata[i];

		a->pdata[i] = a->pdata[a->len - 1 - i];
		a->pdata[a->len - 1 - i] = tmp;
	}
	return a;
}
