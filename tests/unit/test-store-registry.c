/* test-store-registry.c — the rules an owner gave, in the store: recorded
 * from an answer, read back per thing and in all, forgotten per thing and
 * node, trimmed to the bound; rows another program wrote that do not read
 * back are skipped. A temp directory with a real SQLite store. */
#include "iot-tests.h"

#include "iot-store-private.h"
#include "iot-store-registry.h"

#include <string.h>

#define ACCOUNT "alice@home.example"

static char *tmp;
static char *path;
static IotStore *st;

static void
setup(void)
{
	st = iot_test_store_fresh("iot-store-registry-XXXXXX", &tmp, &path);
}

static void
teardown(void)
{
	iot_test_store_remove(st, &tmp, &path);
	st = NULL;
}

static IotProvisioningRule *
rule(const char *jid, const char *node, gboolean yes, IotRuleRange range)
{
	IotProvisioningRule *r = g_new0(IotProvisioningRule, 1);

	r->kind = IOT_QUESTION_CAN_READ;
	r->service = g_strdup("provisioning.home.example");
	r->jid = g_strdup(jid);
	r->node.node_id = g_strdup(node);
	r->remote_jid = g_strdup("stranger@home.example");
	r->yes = yes;
	r->range = range;
	r->categories = 1;
	r->names = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(r->names, g_strdup("temperature"));
	g_ptr_array_add(r->names, g_strdup("humidity"));
	r->given_at = 42;
	return r;
}

static void
add(const char *jid, const char *node, gboolean yes, IotRuleRange range)
{
	IotProvisioningRule *r = rule(jid, node, yes, range);
	GError *e = NULL;

	ck_assert_msg(iot_store_registry_rule_add(st, ACCOUNT, r, &e), "%s", e ? e->message : "");
	iot_provisioning_rule_free(r);
}

START_TEST(test_rules_round_trip_and_are_forgotten)
{
	GPtrArray *l;
	const IotProvisioningRule *r;
	GError *e = NULL;

	add("guarded@home.example", NULL, TRUE, IOT_RULE_DOMAIN);
	add("vault@home.example", NULL, FALSE, IOT_RULE_CALLER);
	add("plant@home.example", "boiler", TRUE, IOT_RULE_ALL);
	l = iot_store_registry_rules(st, ACCOUNT, NULL, &e);
	ck_assert_uint_eq(l->len, 3);
	r = g_ptr_array_index(l, 0);
	ck_assert_str_eq(r->jid, "guarded@home.example");
	ck_assert(r->yes);
	ck_assert_int_eq(r->range, IOT_RULE_DOMAIN);
	ck_assert_uint_eq(r->names->len, 2);
	ck_assert_str_eq(g_ptr_array_index(r->names, 1), "humidity");
	ck_assert_int_eq(r->given_at, 42);
	g_ptr_array_unref(l);
	l = iot_store_registry_rules(st, ACCOUNT, "plant@home.example", &e);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_str_eq(((IotProvisioningRule *)g_ptr_array_index(l, 0))->node.node_id, "boiler");
	g_ptr_array_unref(l);
	/* Another account sees none of them. */
	l = iot_store_registry_rules(st, "bob@home.example", NULL, &e);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
	ck_assert(iot_store_registry_rules_forget(st, ACCOUNT, "plant@home.example", "other", &e));
	ck_assert(iot_store_registry_rules_forget(st, ACCOUNT, "vault@home.example", NULL, &e));
	l = iot_store_registry_rules(st, ACCOUNT, NULL, &e);
	ck_assert_uint_eq(l->len, 2);
	g_ptr_array_unref(l);
	ck_assert(iot_store_registry_rules_forget(st, ACCOUNT, NULL, NULL, &e));
	l = iot_store_registry_rules(st, ACCOUNT, NULL, &e);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
}
END_TEST

START_TEST(test_rows_that_do_not_read_back_are_skipped)
{
	GPtrArray *l;
	GError *e = NULL;

	add("guarded@home.example", NULL, TRUE, IOT_RULE_CALLER);
	ck_assert(sqlite3_exec(iot_store_db(st),
	                       "INSERT INTO registry_rule (account, service, jid, kind, remote_jid, yes, range, "
	                       "categories, given_at) VALUES ('" ACCOUNT "', 's', 'x@y', 7, 'r', 1, 0, 0, 0);"
	                       "INSERT INTO registry_rule (account, service, jid, kind, remote_jid, yes, range, "
	                       "categories, given_at) VALUES ('" ACCOUNT "', 's', CAST(x'ff00' AS TEXT), 0, 'r', 1, 99, 0, 0);",
	                       NULL, NULL, NULL) == SQLITE_OK);
	l = iot_store_registry_rules(st, ACCOUNT, NULL, &e);
	ck_assert_uint_eq(l->len, 1);
	g_ptr_array_unref(l);
}
END_TEST

static gboolean
add_many(IotStore *store, gpointer data, GError **error)
{
	guint i;

	for (i = 0; i < IOT_STORE_REGISTRY_RULES_KEEP + 5; i++)
		add(i == 0 ? "first@home.example" : "thing@home.example", NULL, TRUE, IOT_RULE_CALLER);
	return TRUE;
}

START_TEST(test_rules_are_bounded_per_account)
{
	GPtrArray *l;
	GError *e = NULL;

	ck_assert(iot_store_transaction(st, add_many, NULL, &e));
	l = iot_store_registry_rules(st, ACCOUNT, NULL, &e);
	ck_assert_uint_eq(l->len, IOT_STORE_REGISTRY_RULES_KEEP);
	ck_assert_str_eq(((IotProvisioningRule *)g_ptr_array_index(l, 0))->jid, "thing@home.example");
	g_ptr_array_unref(l);
}
END_TEST

START_TEST(test_pending_questions_are_kept_until_answered)
{
	GPtrArray *l;
	GError *e = NULL;
	const IotStoredQuestion *q;

	ck_assert(iot_store_registry_question_add(st, ACCOUNT, "provisioning.home.example", "k1", "<isFriend/>", 5, &e));
	ck_assert(iot_store_registry_question_add(st, ACCOUNT, "provisioning.home.example", "k2", "<canRead/>", 6, &e));
	/* The same key again replaces it. */
	ck_assert(iot_store_registry_question_add(st, ACCOUNT, "provisioning.home.example", "k1", "<isFriend a='1'/>", 7, &e));
	l = iot_store_registry_questions(st, ACCOUNT, &e);
	ck_assert_uint_eq(l->len, 2);
	q = g_ptr_array_index(l, 0);
	ck_assert_str_eq(q->key, "k2");
	q = g_ptr_array_index(l, 1);
	ck_assert_str_eq(q->xml, "<isFriend a='1'/>");
	ck_assert_int_eq(q->arrived, 7);
	g_ptr_array_unref(l);
	ck_assert(iot_store_registry_question_remove(st, ACCOUNT, "provisioning.home.example", "k2", &e));
	l = iot_store_registry_questions(st, ACCOUNT, &e);
	ck_assert_uint_eq(l->len, 1);
	g_ptr_array_unref(l);
	l = iot_store_registry_questions(st, "bob@home.example", &e);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
}
END_TEST

Suite *
iot_store_registry_suite(void)
{
	Suite *s = suite_create("store-registry");
	TCase *tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rules_round_trip_and_are_forgotten);
	tcase_add_test(tc, test_rows_that_do_not_read_back_are_skipped);
	tcase_add_test(tc, test_rules_are_bounded_per_account);
	tcase_add_test(tc, test_pending_questions_are_kept_until_answered);
	suite_add_tcase(s, tc);
	return s;
}
