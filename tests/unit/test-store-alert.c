/* test-store-alert.c — the alert inbox and rules in the store: entries and
 * rules put, replaced, deleted and read back whole; the newest entries kept
 * by a trim and by a bounded read; rows another program wrote are skipped.
 * Each test works in a temp directory with a real SQLite store. */
#include "iot-tests.h"

#include "iot-store-alert.h"
#include "iot-store-private.h"

#include <string.h>

#define ACCOUNT "alice@home.example"
/* The columns of the step that made the table (later steps add nullable ones). */
#define ENTRY_COLUMNS                                                                                  \
	"(id, account, thing, node, field, severity, text, first, last, cleared, count, state, "          \
	"snoozed_until, deferred_until, urgent, stranger, origin, rule_id, span)"
#define T0 G_GINT64_CONSTANT(1714550400123456)

static char *tmp;
static char *path;
static IotStore *st;

static void
setup(void)
{
	st = iot_test_store_fresh("iot-store-alert-XXXXXX", &tmp, &path);
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

static IotAlert *
alert(guint64 id, const char *thing, const char *text, gint64 t)
{
	IotAlert *a = iot_alert_new();

	a->id = id;
	iot_alert_set_source(a, ACCOUNT, thing, NULL, NULL);
	iot_alert_set_text(a, text, -1);
	a->first = a->last = t;
	return a;
}

static void
put(IotAlert *a)
{
	GError *e = NULL;

	ck_assert_msg(iot_store_alert_put(st, a, &e), "%s", e ? e->message : "");
	iot_alert_free(a);
}

START_TEST(test_entry_round_trip)
{
	IotAlert *a = alert(7, "door@home.example", "<b>Door</b> opened & closed", T0), *b;
	GPtrArray *l;
	GError *e = NULL;

	ck_assert_uint_ge(iot_store_schema_version(), 5);
	iot_alert_set_source(a, ACCOUNT, "conc@home.example", "node-1", "Temperature");
	a->severity = IOT_ALERT_ALARM;
	a->last = T0 + 60 * IOT_ALERT_SECOND;
	a->cleared = T0 + 120 * IOT_ALERT_SECOND;
	a->count = 12;
	a->state = IOT_ALERT_SNOOZED;
	a->snoozed_until = T0 + IOT_ALERT_HOUR;
	a->deferred_until = T0 + 2 * IOT_ALERT_HOUR;
	a->urgent = TRUE;
	a->stranger = TRUE;
	a->origin = IOT_ALERT_ORIGIN_RULE;
	a->rule_id = 3;
	a->span = 600 * IOT_ALERT_SECOND;
	put(a);
	l = iot_store_alert_entries(st, 100, &e);
	ck_assert_msg(l != NULL, "%s", e ? e->message : "");
	ck_assert_uint_eq(l->len, 1);
	b = g_ptr_array_index(l, 0);
	ck_assert_uint_eq(b->id, 7);
	ck_assert_str_eq(b->source.thing, "conc@home.example");
	ck_assert_str_eq(b->source.node, "node-1");
	ck_assert_str_eq(b->source.field, "Temperature");
	ck_assert_str_eq(b->text, "<b>Door</b> opened & closed");
	ck_assert_int_eq(b->severity, IOT_ALERT_ALARM);
	ck_assert_int_eq(b->last, T0 + 60 * IOT_ALERT_SECOND);
	ck_assert_int_eq(b->cleared, T0 + 120 * IOT_ALERT_SECOND);
	ck_assert_uint_eq(b->count, 12);
	ck_assert_int_eq(b->state, IOT_ALERT_SNOOZED);
	ck_assert_int_eq(b->snoozed_until, T0 + IOT_ALERT_HOUR);
	ck_assert_int_eq(b->deferred_until, T0 + 2 * IOT_ALERT_HOUR);
	ck_assert(b->urgent && b->stranger);
	ck_assert_int_eq(b->origin, IOT_ALERT_ORIGIN_RULE);
	ck_assert_uint_eq(b->rule_id, 3);
	ck_assert_int_eq(b->span, 600 * IOT_ALERT_SECOND);
	g_ptr_array_unref(l);
	/* replaced whole by id, then deleted */
	a = alert(7, "door@home.example", "again", T0);
	a->state = IOT_ALERT_ACKNOWLEDGED;
	put(a);
	l = iot_store_alert_entries(st, 100, NULL);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_str_eq(((IotAlert *)g_ptr_array_index(l, 0))->text, "again");
	ck_assert_ptr_null(((IotAlert *)g_ptr_array_index(l, 0))->source.node);
	g_ptr_array_unref(l);
	ck_assert(iot_store_alert_delete(st, 7, NULL));
	l = iot_store_alert_entries(st, 100, NULL);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
}
END_TEST

START_TEST(test_entries_bounded_newest_kept)
{
	GPtrArray *l;
	guint i;

	for (i = 1; i <= 30; i++)
		put(alert(i, "door@home.example", "x", T0 + i * IOT_ALERT_SECOND));
	l = iot_store_alert_entries(st, 10, NULL);
	ck_assert_uint_eq(l->len, 10);
	/* the ten newest, oldest first */
	ck_assert_uint_eq(((IotAlert *)g_ptr_array_index(l, 0))->id, 21);
	ck_assert_uint_eq(((IotAlert *)g_ptr_array_index(l, 9))->id, 30);
	g_ptr_array_unref(l);
	ck_assert(iot_store_alert_trim(st, 5, NULL));
	l = iot_store_alert_entries(st, 100, NULL);
	ck_assert_uint_eq(l->len, 5);
	ck_assert_uint_eq(((IotAlert *)g_ptr_array_index(l, 0))->id, 26);
	g_ptr_array_unref(l);
}
END_TEST

START_TEST(test_entries_foreign_rows_skipped)
{
	GPtrArray *l;

	put(alert(1, "door@home.example", "good", T0));
	exec("INSERT INTO alert_entry " ENTRY_COLUMNS " VALUES (2, 'a', 't', NULL, NULL, 'bogus', 'x', 1, 1, 0, 1, 'new', 0, 0, 0, "
	     "0, 'headline', 0, 0)");
	exec("INSERT INTO alert_entry " ENTRY_COLUMNS " VALUES (3, '', 't', NULL, NULL, 'info', 'x', 1, 1, 0, 1, 'new', 0, 0, 0, "
	     "0, 'headline', 0, 0)");
	exec("INSERT INTO alert_entry " ENTRY_COLUMNS " VALUES (4, 'a', 't', NULL, NULL, 'info', CAST(x'41004100' AS TEXT), 1, 1, "
	     "0, 1, 'new', 0, 0, 0, 0, 'headline', 0, 0)");
	exec("INSERT INTO alert_entry " ENTRY_COLUMNS " VALUES (5, 'a', 't', NULL, NULL, 'info', 'x', 1, 1, 0, 0, 'new', 0, 0, 0, "
	     "0, 'headline', 0, 0)");
	exec("INSERT INTO alert_entry " ENTRY_COLUMNS " VALUES (6, 'a', 't', NULL, NULL, 'info', 'x', 1, 1, 0, 1, 'new', 0, 0, 7, "
	     "0, 'headline', 0, 0)");
	l = iot_store_alert_entries(st, 100, NULL);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_str_eq(((IotAlert *)g_ptr_array_index(l, 0))->text, "good");
	g_ptr_array_unref(l);
}
END_TEST

START_TEST(test_rule_round_trip)
{
	IotAlertRule *r = iot_alert_rule_new(), *b;
	GPtrArray *l;
	GError *e = NULL;

	r->id = 4;
	iot_alert_rule_set_target(r, ACCOUNT, "boiler@home.example", "n1", "Flow temperature");
	r->op = IOT_ALERT_OP_OUTSIDE;
	r->warning.set = TRUE;
	r->warning.value = 18;
	r->warning.high = 24;
	r->alarm.set = TRUE;
	r->alarm.value = 10.5;
	r->alarm.high = 30;
	r->hysteresis = 0.5;
	r->for_s = 600;
	r->latched = TRUE;
	r->remind_s = 900;
	r->priority = -3;
	r->urgent = TRUE;
	r->quiet.enabled = TRUE;
	r->quiet.start_min = 22 * 60;
	r->quiet.end_min = 7 * 60;
	r->disabled = TRUE;
	ck_assert_msg(iot_store_alert_rule_put(st, r, &e), "%s", e ? e->message : "");
	l = iot_store_alert_rules(st, &e);
	ck_assert_uint_eq(l->len, 1);
	b = g_ptr_array_index(l, 0);
	ck_assert_uint_eq(b->id, 4);
	ck_assert_str_eq(b->thing, "boiler@home.example");
	ck_assert_str_eq(b->node, "n1");
	ck_assert_str_eq(b->field, "Flow temperature");
	ck_assert_int_eq(b->op, IOT_ALERT_OP_OUTSIDE);
	ck_assert(b->warning.set && b->alarm.set);
	ck_assert(b->warning.value == 18 && b->warning.high == 24);
	ck_assert(b->alarm.value == 10.5 && b->alarm.high == 30);
	ck_assert(b->hysteresis == 0.5);
	ck_assert_uint_eq(b->for_s, 600);
	ck_assert(b->latched && b->urgent && b->disabled && b->quiet.enabled);
	ck_assert_uint_eq(b->remind_s, 900);
	ck_assert_int_eq(b->priority, -3);
	ck_assert_uint_eq(b->quiet.start_min, 22 * 60);
	ck_assert_uint_eq(b->quiet.end_min, 7 * 60);
	g_ptr_array_unref(l);
	/* a word compared exactly */
	r->op = IOT_ALERT_OP_EQUALS;
	r->warning.set = FALSE;
	r->alarm.text = g_strdup("half open");
	ck_assert(iot_store_alert_rule_put(st, r, NULL));
	l = iot_store_alert_rules(st, NULL);
	ck_assert_str_eq(((IotAlertRule *)g_ptr_array_index(l, 0))->alarm.text, "half open");
	g_ptr_array_unref(l);
	ck_assert(iot_store_alert_rule_delete(st, 4, NULL));
	l = iot_store_alert_rules(st, NULL);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
	iot_alert_rule_free(r);
}
END_TEST

START_TEST(test_rules_invalid_rows_skipped)
{
	GPtrArray *l;

	/* no level set; an unknown operator; a band upside down */
	exec("INSERT INTO alert_rule VALUES (1, 'a', 't', NULL, 'f', '>', 0, 0, 0, NULL, 0, 0, 0, NULL, 0, 0, 0, 0, "
	     "0, 0, 0, 0, 0, 0, 0)");
	exec("INSERT INTO alert_rule VALUES (2, 'a', 't', NULL, 'f', '~', 0, 0, 0, NULL, 1, 5, 0, NULL, 0, 0, 0, 0, "
	     "0, 0, 0, 0, 0, 0, 0)");
	exec("INSERT INTO alert_rule VALUES (3, 'a', 't', NULL, 'f', 'outside', 0, 0, 0, NULL, 1, 5, 1, NULL, 0, 0, "
	     "0, 0, 0, 0, 0, 0, 0, 0, 0)");
	exec("INSERT INTO alert_rule VALUES (4, 'a', 't', NULL, 'f', '>', 0, 0, 0, NULL, 1, 5, 0, NULL, 0, 0, 0, 0, "
	     "0, 0, 0, 0, 0, 0, 0)");
	l = iot_store_alert_rules(st, NULL);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_uint_eq(((IotAlertRule *)g_ptr_array_index(l, 0))->id, 4);
	g_ptr_array_unref(l);
}
END_TEST

Suite *
iot_store_alert_suite(void)
{
	Suite *s = suite_create("store-alert");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_entry_round_trip);
	tcase_add_test(tc, test_entries_bounded_newest_kept);
	tcase_add_test(tc, test_entries_foreign_rows_skipped);
	tcase_add_test(tc, test_rule_round_trip);
	tcase_add_test(tc, test_rules_invalid_rows_skipped);
	suite_add_tcase(s, tc);
	return s;
}
