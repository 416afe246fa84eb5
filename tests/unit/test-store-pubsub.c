/* test-store-pubsub.c — publish-subscribe in the store: subscriptions
 * remembered, replaced and forgotten per account; recent items kept per
 * node, replaced by id, trimmed, removed, read back oldest first; rows
 * another program wrote. Each test works in a temp directory with a real
 * SQLite store. */
#include "iot-tests.h"

#include "iot-store-private.h"
#include "iot-store-pubsub.h"
#include "iot-xml.h"

#include <string.h>

#define ACCOUNT "alice@home.example"
#define SERVICE "pubsub.home.example"
#define T0 G_GINT64_CONSTANT(1714550400123456)

static char *tmp;
static char *path;
static IotStore *st;

static void
setup(void)
{
	st = iot_test_store_fresh("iot-store-pubsub-XXXXXX", &tmp, &path);
}

static void
teardown(void)
{
	iot_test_store_remove(st, &tmp, &path);
	st = NULL;
}

static void
exec(const char *sql)
{
	iot_test_store_exec(st, sql);
}

static IotPubsubSubscription *
sub(const char *service, const char *node, const char *subid, IotPubsubState state)
{
	IotPubsubSubscription *s = iot_pubsub_subscription_new();

	s->service = g_strdup(service);
	g_free(s->node);
	s->node = g_strdup(node);
	s->jid = g_strdup(ACCOUNT);
	s->subid = g_strdup(subid);
	s->state = state;
	return s;
}

static void
remember(const char *account, const char *service, const char *node, const char *subid, IotPubsubState state)
{
	IotPubsubSubscription *s = sub(service, node, subid, state);
	GError *e = NULL;

	ck_assert_msg(iot_store_pubsub_remember(st, account, s, &e), "%s", e ? e->message : "");
	iot_pubsub_subscription_free(s);
}

START_TEST(test_migration_made_the_tables)
{
	sqlite3_stmt *stmt;

	ck_assert_uint_ge(iot_store_schema_version(), 4);
	ck_assert_str_eq(iot_store_schema_step(3), iot_store_pubsub_migration());
	ck_assert_int_eq(sqlite3_prepare_v2(iot_store_db(st), "SELECT count(*) FROM pubsub_subscription, pubsub_item",
	                                    -1, &stmt, NULL), SQLITE_OK);
	sqlite3_finalize(stmt);
}
END_TEST

START_TEST(test_subscriptions_remembered)
{
	GPtrArray *a;
	IotPubsubSubscription *s;
	GError *e = NULL;

	remember(ACCOUNT, SERVICE, "sensors/boiler", NULL, IOT_PUBSUB_STATE_PENDING);
	remember(ACCOUNT, SERVICE, "sensors/boiler", NULL, IOT_PUBSUB_STATE_SUBSCRIBED); /* replaces */
	remember(ACCOUNT, SERVICE, "alarms", "s1", IOT_PUBSUB_STATE_SUBSCRIBED);
	remember(ACCOUNT, SERVICE, "alarms", "s2", IOT_PUBSUB_STATE_UNCONFIGURED);
	remember(ACCOUNT, "thermo@home.example", "urn:nf:iot:sd:1.0", NULL, IOT_PUBSUB_STATE_SUBSCRIBED);
	remember("bob@home.example", SERVICE, "alarms", NULL, IOT_PUBSUB_STATE_SUBSCRIBED);

	a = iot_store_pubsub_list(st, ACCOUNT, NULL, &e);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(a->len, 4);
	s = g_ptr_array_index(a, 0);
	ck_assert_str_eq(s->service, SERVICE);
	ck_assert_str_eq(s->node, "alarms");
	ck_assert_str_eq(s->subid, "s1");
	ck_assert_str_eq(s->jid, ACCOUNT);
	s = g_ptr_array_index(a, 1);
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_UNCONFIGURED);
	s = g_ptr_array_index(a, 2);
	ck_assert_str_eq(s->node, "sensors/boiler");
	ck_assert_ptr_null(s->subid);
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_SUBSCRIBED);
	s = g_ptr_array_index(a, 3);
	ck_assert_str_eq(s->service, "thermo@home.example");
	g_ptr_array_unref(a);

	a = iot_store_pubsub_list(st, ACCOUNT, "thermo@home.example", NULL);
	ck_assert_uint_eq(a->len, 1);
	g_ptr_array_unref(a);

	/* One SubID, then every subscription to a node. */
	ck_assert(iot_store_pubsub_forget(st, ACCOUNT, SERVICE, "alarms", "s1", NULL));
	a = iot_store_pubsub_list(st, ACCOUNT, SERVICE, NULL);
	ck_assert_uint_eq(a->len, 2);
	g_ptr_array_unref(a);
	ck_assert(iot_store_pubsub_forget(st, ACCOUNT, SERVICE, "sensors/boiler", NULL, NULL));
	ck_assert(iot_store_pubsub_forget(st, ACCOUNT, SERVICE, "alarms", NULL, NULL));
	a = iot_store_pubsub_list(st, ACCOUNT, SERVICE, NULL);
	ck_assert_uint_eq(a->len, 0);
	g_ptr_array_unref(a);
	/* Bob's is his. */
	a = iot_store_pubsub_list(st, "bob@home.example", NULL, NULL);
	ck_assert_uint_eq(a->len, 1);
	g_ptr_array_unref(a);
}
END_TEST

START_TEST(test_subscriptions_survive_reopen)
{
	GPtrArray *a;
	GError *e = NULL;

	remember(ACCOUNT, SERVICE, "n", NULL, IOT_PUBSUB_STATE_SUBSCRIBED);
	iot_store_close(st);
	st = iot_store_open(path, NULL, &e);
	ck_assert_ptr_nonnull(st);
	a = iot_store_pubsub_list(st, ACCOUNT, NULL, NULL);
	ck_assert_uint_eq(a->len, 1);
	g_ptr_array_unref(a);
}
END_TEST

START_TEST(test_subscriptions_unkeepable_names)
{
	IotPubsubSubscription *s;
	GError *e = NULL;
	char *long_node = g_strnfill(5000, 'n');

	s = sub(SERVICE, long_node, NULL, IOT_PUBSUB_STATE_SUBSCRIBED);
	ck_assert(!iot_store_pubsub_remember(st, ACCOUNT, s, &e));
	ck_assert_ptr_nonnull(e);
	g_clear_error(&e);
	iot_pubsub_subscription_free(s);
	s = sub(SERVICE, "", NULL, IOT_PUBSUB_STATE_SUBSCRIBED);
	ck_assert(!iot_store_pubsub_remember(st, ACCOUNT, s, NULL));
	iot_pubsub_subscription_free(s);
	g_free(long_node);
}
END_TEST

START_TEST(test_subscriptions_hostile_rows)
{
	GPtrArray *a;
	IotPubsubSubscription *s;
	char *sql, *long_node = g_strnfill(5000, 'x');

	remember(ACCOUNT, SERVICE, "good", NULL, IOT_PUBSUB_STATE_SUBSCRIBED);
	exec("INSERT INTO pubsub_subscription VALUES ('" ACCOUNT "', 'svc', 'bad-state', NULL, '', 99, 0)");
	exec("INSERT INTO pubsub_subscription VALUES ('" ACCOUNT "', 'svc', CAST(x'ff00ff' AS TEXT), NULL, 'a', 3, 0)");
	exec("INSERT INTO pubsub_subscription VALUES ('" ACCOUNT "', '', 'empty-service', NULL, '', 3, 0)");
	exec("INSERT INTO pubsub_subscription VALUES ('" ACCOUNT "', 'svc', 'bad-jid', CAST(x'c328' AS TEXT), '', 3, 0)");
	sql = g_strdup_printf("INSERT INTO pubsub_subscription VALUES ('" ACCOUNT "', 'svc', '%s', NULL, '', 3, 0)",
	                      long_node);
	exec(sql);
	g_free(sql);
	a = iot_store_pubsub_list(st, ACCOUNT, NULL, NULL);
	ck_assert_uint_eq(a->len, 2);
	s = g_ptr_array_index(a, 0);
	ck_assert_str_eq(s->node, "good");
	s = g_ptr_array_index(a, 1);
	ck_assert_str_eq(s->node, "bad-jid");
	ck_assert_ptr_null(s->jid);
	g_ptr_array_unref(a);
	g_free(long_node);
}
END_TEST

static IotPubsubItem *
item(const char *id, gint64 t, const char *payload_xml)
{
	IotPubsubItem *it = iot_pubsub_item_new();

	it->id = g_strdup(id);
	it->time = t;
	it->publisher = g_strdup("thermo@home.example");
	if (payload_xml != NULL) {
		xmlNode *root = iot_test_parse(payload_xml);

		it->payload = xmlDocCopyNode(root, NULL, 1);
		xmlFreeDoc(root->doc);
	}
	return it;
}

static void
add(const char *node, IotPubsubItem *it)
{
	GError *e = NULL;

	ck_assert_msg(iot_store_pubsub_item_add(st, ACCOUNT, SERVICE, node, it, &e), "%s", e ? e->message : "");
	iot_pubsub_item_free(it);
}

START_TEST(test_items_kept)
{
	GPtrArray *a;
	IotPubsubItem *it;
	char *s;

	add("n", item("a", T0 + 2, "<v xmlns='urn:x' a='1'>two &amp; more</v>"));
	add("n", item("b", T0 + 1, NULL));
	add("n", item("c", T0 + 3, "<p:v xmlns:p='urn:p'><p:w/></p:v>"));
	add("other", item("a", T0, "<v xmlns='urn:x'/>"));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 10, NULL);
	ck_assert_uint_eq(a->len, 3);
	it = g_ptr_array_index(a, 0);
	ck_assert_str_eq(it->id, "b");
	ck_assert_ptr_null(it->payload);
	ck_assert(!it->payload_too_big);
	it = g_ptr_array_index(a, 1);
	ck_assert_str_eq(it->id, "a");
	ck_assert(it->time == T0 + 2);
	ck_assert_str_eq(it->publisher, "thermo@home.example");
	ck_assert(iot_xml_is(it->payload, "v", "urn:x"));
	s = iot_xml_to_string(it->payload);
	ck_assert_str_eq(s, "<v xmlns=\"urn:x\" a=\"1\">two &amp; more</v>");
	g_free(s);
	it = g_ptr_array_index(a, 2);
	ck_assert(iot_xml_is(iot_xml_first(it->payload), "w", "urn:p"));
	g_ptr_array_unref(a);

	/* The same id replaces. */
	add("n", item("a", T0 + 5, "<v xmlns='urn:x'>new</v>"));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 10, NULL);
	ck_assert_uint_eq(a->len, 3);
	it = g_ptr_array_index(a, 2);
	ck_assert_str_eq(it->id, "a");
	ck_assert(it->time == T0 + 5);
	g_ptr_array_unref(a);

	/* The limit takes the most recent. */
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 2, NULL);
	ck_assert_uint_eq(a->len, 2);
	ck_assert_str_eq(((IotPubsubItem *)g_ptr_array_index(a, 0))->id, "c");
	g_ptr_array_unref(a);

	/* A retraction, then a purge. */
	ck_assert(iot_store_pubsub_item_remove(st, ACCOUNT, SERVICE, "n", "c", NULL));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 10, NULL);
	ck_assert_uint_eq(a->len, 2);
	g_ptr_array_unref(a);
	ck_assert(iot_store_pubsub_item_remove(st, ACCOUNT, SERVICE, "n", NULL, NULL));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 10, NULL);
	ck_assert_uint_eq(a->len, 0);
	g_ptr_array_unref(a);
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "other", 10, NULL);
	ck_assert_uint_eq(a->len, 1);
	g_ptr_array_unref(a);
}
END_TEST

static gboolean
add_many(IotStore *s, gpointer data, GError **error)
{
	guint i, n = GPOINTER_TO_UINT(data);

	for (i = 0; i < n; i++) {
		IotPubsubItem *it = item(NULL, T0 + i, "<v xmlns='urn:x'>1</v>");
		gboolean ok = iot_store_pubsub_item_add(s, ACCOUNT, SERVICE, "busy", it, error);

		iot_pubsub_item_free(it);
		if (!ok)
			return FALSE;
	}
	return TRUE;
}

START_TEST(test_items_bounded)
{
	GPtrArray *a;
	IotPubsubItem *it;
	GString *big = g_string_new("<v xmlns='urn:x'>");
	guint i;

	ck_assert(iot_store_transaction(st, add_many, GUINT_TO_POINTER(IOT_STORE_PUBSUB_ITEMS_KEEP + 50), NULL));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "busy", 1000, NULL);
	ck_assert_uint_eq(a->len, IOT_STORE_PUBSUB_ITEMS_KEEP);
	it = g_ptr_array_index(a, 0);
	ck_assert(it->time == T0 + 50);
	ck_assert_ptr_null(it->id);
	g_ptr_array_unref(a);

	/* A payload over the bound is kept as "too big", without its XML. */
	for (i = 0; i < IOT_PUBSUB_MAX_PAYLOAD_BYTES / 4; i++)
		g_string_append(big, "&lt;");
	g_string_append(big, "</v>");
	add("big", item("x", T0, big->str));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "big", 10, NULL);
	it = g_ptr_array_index(a, 0);
	ck_assert(it->payload_too_big);
	ck_assert_ptr_null(it->payload);
	g_ptr_array_unref(a);
	g_string_free(big, TRUE);

	/* No time: kept with the time it came. */
	add("notime", item("y", IOT_TIME_UNKNOWN, NULL));
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "notime", 10, NULL);
	it = g_ptr_array_index(a, 0);
	ck_assert(it->time > T0);
	g_ptr_array_unref(a);
}
END_TEST

START_TEST(test_items_hostile_rows)
{
	GPtrArray *a;
	IotPubsubItem *it;

	add("n", item("good", T0, "<v xmlns='urn:x'/>"));
	exec("INSERT INTO pubsub_item (account, service, node, item_id, publisher, t, payload) VALUES "
	     "('" ACCOUNT "', '" SERVICE "', 'n', 'not-xml', NULL, 1, '<unclosed')");
	exec("INSERT INTO pubsub_item (account, service, node, item_id, publisher, t, payload) VALUES "
	     "('" ACCOUNT "', '" SERVICE "', 'n', 'dtd', NULL, 2, "
	     "'<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>')");
	exec("INSERT INTO pubsub_item (account, service, node, item_id, publisher, t, payload) VALUES "
	     "('" ACCOUNT "', '" SERVICE "', 'n', CAST(x'ff' AS TEXT), CAST(x'c328' AS TEXT), 3, NULL)");
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 10, NULL);
	ck_assert_uint_eq(a->len, 4);
	it = g_ptr_array_index(a, 0);
	ck_assert_str_eq(it->id, "not-xml");
	ck_assert_ptr_null(it->payload);
	it = g_ptr_array_index(a, 1);
	ck_assert_ptr_null(it->payload);
	it = g_ptr_array_index(a, 2);
	ck_assert_ptr_null(it->id);
	ck_assert_ptr_null(it->publisher);
	g_ptr_array_unref(a);

	/* A table another program made anew, without types: rows without a
	 * time are skipped. */
	exec("DROP TABLE pubsub_item");
	exec("CREATE TABLE pubsub_item (id INTEGER PRIMARY KEY, account, service, node, item_id, publisher, t, payload,"
	     " payload_too_big)");
	exec("INSERT INTO pubsub_item (account, service, node, item_id, t, payload, payload_too_big) VALUES "
	     "('" ACCOUNT "', '" SERVICE "', 'n', 'text-time', 'noon', x'00', 'yes')");
	exec("INSERT INTO pubsub_item (account, service, node, item_id, t, payload, payload_too_big) VALUES "
	     "('" ACCOUNT "', '" SERVICE "', 'n', 'blob-payload', 5, x'3c612f3e', 'yes')");
	a = iot_store_pubsub_items(st, ACCOUNT, SERVICE, "n", 10, NULL);
	ck_assert_uint_eq(a->len, 1);
	it = g_ptr_array_index(a, 0);
	ck_assert_str_eq(it->id, "blob-payload");
	ck_assert_ptr_null(it->payload);
	ck_assert(!it->payload_too_big);
	g_ptr_array_unref(a);
}
END_TEST

Suite *
iot_store_pubsub_suite(void)
{
	Suite *s = suite_create("store-pubsub");
	TCase *tc = tcase_create("store-pubsub");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_migration_made_the_tables);
	tcase_add_test(tc, test_subscriptions_remembered);
	tcase_add_test(tc, test_subscriptions_survive_reopen);
	tcase_add_test(tc, test_subscriptions_unkeepable_names);
	tcase_add_test(tc, test_subscriptions_hostile_rows);
	tcase_add_test(tc, test_items_kept);
	tcase_add_test(tc, test_items_bounded);
	tcase_add_test(tc, test_items_hostile_rows);
	suite_add_tcase(s, tc);
	return s;
}
