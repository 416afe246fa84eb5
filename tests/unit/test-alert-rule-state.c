/* test-alert-rule-state.c — a rule's runtime state across a restart, on a
 * virtual clock: a "for at least" timer goes on from where it stood, a
 * latched and muted alarm stays so, reminders keep their schedule; the
 * engine says when the state changed (not on every value); the state goes
 * through a real SQLite store and back. */
#include "iot-tests.h"

#include "iot-alert-rule.h"
#include "iot-store-alert-state.h"
#include "iot-store-alert.h"
#include "iot-store-private.h"

#include <string.h>

#define T0 ((gint64)1767614400 * G_USEC_PER_SEC) /* 2026-01-05 12:00 UTC */
#define S(x) ((gint64)(x) * G_USEC_PER_SEC)
#define M(x) S(60 * (x))
#define ACC "me@home.example"
#define THING "boiler@home.example"

static GArray *seen;   /* IotAlertEventKind */
static GArray *touched; /* guint rule ids */

static void
record(const IotAlertEvent *ev, gpointer data)
{
	IotAlertEventKind k = ev->kind;

	g_array_append_val(seen, k);
}

static void
state_changed(guint id, gpointer data)
{
	g_array_append_val(touched, id);
}

static void
setup(void)
{
	seen = g_array_new(FALSE, TRUE, sizeof(IotAlertEventKind));
	touched = g_array_new(FALSE, TRUE, sizeof(guint));
}

static void
teardown(void)
{
	g_array_unref(seen);
	g_array_unref(touched);
}

static IotAlertEventKind
last_kind(void)
{
	ck_assert_uint_gt(seen->len, 0);
	return g_array_index(seen, IotAlertEventKind, seen->len - 1);
}

static IotAlertRule *
rule_above(double alarm)
{
	IotAlertRule *r = iot_alert_rule_new();

	iot_alert_rule_set_target(r, ACC, THING, NULL, "T");
	r->op = IOT_ALERT_OP_ABOVE;
	r->alarm.set = TRUE;
	r->alarm.value = alarm;
	return r;
}

static void
val(IotAlertEngine *e, double v, gint64 now)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	iot_alert_engine_value(e, ACC, THING, NULL, "T", g_ascii_dtostr(buf, sizeof(buf), v), TRUE, v, now);
}

/* A restart: a new engine with the same rule, added at @now, its state
 * restored from @s. */
static IotAlertEngine *
restarted(const IotAlertRule *r, guint id, const IotAlertRuleState *s, gint64 now)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *c = iot_alert_rule_copy(r);

	c->id = id;
	ck_assert_uint_eq(iot_alert_engine_add(e, c, now), id);
	iot_alert_rule_free(c);
	ck_assert(iot_alert_engine_restore_state(e, s, now));
	return e;
}

START_TEST(test_for_at_least_goes_on_after_restart)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule_above(30);
	IotAlertRuleState *s;
	gint64 t1 = T0 + M(6) + M(60); /* back an hour after the export */
	guint id;

	r->for_s = 600;
	id = iot_alert_engine_add(e, r, T0);
	val(e, 31, T0);
	iot_alert_engine_tick(e, T0 + M(6));
	ck_assert_uint_eq(seen->len, 0);
	s = iot_alert_engine_export_state(e, id, T0 + M(6));
	ck_assert_int_eq(s->since_alarm, T0);
	iot_alert_engine_free(e);

	e = restarted(r, id, s, t1);
	ck_assert_uint_eq(seen->len, 0); /* no event at restore */
	ck_assert_int_eq(iot_alert_engine_next_tick(e), t1 + M(4));
	iot_alert_engine_tick(e, t1 + M(4) - S(1));
	ck_assert_uint_eq(seen->len, 0);
	val(e, 31.5, t1 + M(2)); /* still beyond: the timer is not reset */
	iot_alert_engine_tick(e, t1 + M(4));
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_int_eq(last_kind(), IOT_ALERT_EVENT_FIRE);
	iot_alert_engine_free(e);

	/* a normal value after the restart stops the timer, as before it */
	e = restarted(r, id, s, t1);
	val(e, 20, t1 + M(1));
	iot_alert_engine_tick(e, t1 + M(30));
	ck_assert_uint_eq(seen->len, 1);
	iot_alert_engine_free(e);
	iot_alert_rule_state_free(s);
	iot_alert_rule_free(r);
}
END_TEST

START_TEST(test_latched_muted_alarm_stays_after_restart)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule_above(30);
	IotAlertRuleState *s;
	IotAlertSeverity sev;
	gboolean active;
	guint id;

	r->latched = TRUE;
	r->remind_s = 300;
	id = iot_alert_engine_add(e, r, T0);
	val(e, 35, T0);
	ck_assert_int_eq(last_kind(), IOT_ALERT_EVENT_FIRE);
	ck_assert(iot_alert_engine_mute(e, id));
	val(e, 20, T0 + M(1)); /* normal, not acknowledged: latched */
	s = iot_alert_engine_export_state(e, id, T0 + M(2));
	ck_assert(s->active && s->muted && !s->acknowledged);
	iot_alert_engine_free(e);

	e = restarted(r, id, s, T0 + M(10));
	ck_assert(iot_alert_engine_level(e, id, &active, &sev));
	ck_assert(active);
	ck_assert_int_eq(sev, IOT_ALERT_ALARM);
	iot_alert_engine_tick(e, T0 + M(60)); /* muted: no reminder */
	val(e, 21, T0 + M(61));               /* normal, still not acknowledged */
	ck_assert_uint_eq(seen->len, 1);
	ck_assert(iot_alert_engine_level(e, id, &active, NULL) && active);
	ck_assert(iot_alert_engine_acknowledge(e, id, T0 + M(62)));
	ck_assert_int_eq(last_kind(), IOT_ALERT_EVENT_CLEAR);
	iot_alert_engine_free(e);
	iot_alert_rule_state_free(s);
	iot_alert_rule_free(r);
}
END_TEST

START_TEST(test_reminders_keep_their_schedule)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule_above(30);
	IotAlertRuleState *s;
	guint id;

	r->remind_s = 300;
	id = iot_alert_engine_add(e, r, T0);
	val(e, 35, T0); /* fires; reminders at +5, +10, +15 min … */
	s = iot_alert_engine_export_state(e, id, T0 + M(2));
	iot_alert_engine_free(e);

	/* back at once: the next reminder at +5 min, not now */
	e = restarted(r, id, s, T0 + M(2));
	iot_alert_engine_tick(e, T0 + M(2));
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_int_eq(iot_alert_engine_next_tick(e), T0 + M(5));
	iot_alert_engine_tick(e, T0 + M(5));
	ck_assert_uint_eq(seen->len, 2);
	ck_assert_int_eq(last_kind(), IOT_ALERT_EVENT_REMIND);
	iot_alert_engine_free(e);

	/* back after 10 min: the missed ones are not made up at once */
	e = restarted(r, id, s, T0 + M(12));
	iot_alert_engine_tick(e, T0 + M(12));
	ck_assert_uint_eq(seen->len, 0 + 2);
	ck_assert_int_eq(iot_alert_engine_next_tick(e), T0 + M(15));
	iot_alert_engine_tick(e, T0 + M(15));
	ck_assert_uint_eq(seen->len, 3);
	iot_alert_engine_free(e);
	iot_alert_rule_state_free(s);
	iot_alert_rule_free(r);
}
END_TEST

START_TEST(test_offline_timer_goes_on)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = iot_alert_rule_new();
	IotAlertRuleState *s;
	guint id;

	iot_alert_rule_set_target(r, ACC, THING, NULL, NULL);
	r->op = IOT_ALERT_OP_OFFLINE;
	r->warning.set = TRUE;
	r->duration_s = 600;
	id = iot_alert_engine_add(e, r, T0);
	iot_alert_engine_presence(e, ACC, THING, FALSE, T0);
	s = iot_alert_engine_export_state(e, id, T0 + M(7));
	iot_alert_engine_free(e);
	e = restarted(r, id, s, T0 + M(100));
	ck_assert_int_eq(iot_alert_engine_next_tick(e), T0 + M(103));
	iot_alert_engine_tick(e, T0 + M(103));
	ck_assert_int_eq(last_kind(), IOT_ALERT_EVENT_FIRE);
	iot_alert_engine_free(e);
	iot_alert_rule_state_free(s);
	iot_alert_rule_free(r);
}
END_TEST

/* The state callback: at changes of the lasting state, not on every value. */
START_TEST(test_state_changes_told_bounded)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule_above(30);
	IotAlertRuleState bad = { 0 };
	guint id, i;

	r->for_s = 60;
	iot_alert_engine_set_state_func(e, state_changed, NULL);
	id = iot_alert_engine_add(e, r, T0);
	for (i = 0; i < 100; i++)
		val(e, 20 + (i % 5), T0 + S(i)); /* normal values: nothing to keep */
	ck_assert_uint_eq(touched->len, 0);
	val(e, 31, T0 + S(100)); /* the timer starts */
	ck_assert_uint_eq(touched->len, 1);
	for (i = 0; i < 50; i++)
		val(e, 31 + (i % 3), T0 + S(101 + i)); /* still beyond: nothing new */
	ck_assert_uint_eq(touched->len, 1);
	iot_alert_engine_tick(e, T0 + S(160)); /* fires */
	ck_assert_uint_eq(touched->len, 2);
	ck_assert_uint_eq(g_array_index(touched, guint, 1), id);
	val(e, 20, T0 + S(170)); /* clears */
	ck_assert_uint_ge(touched->len, 3);
	/* a state that does not fit the rule is refused */
	bad.rule_id = id;
	bad.since_warning = T0;
	ck_assert(!iot_alert_engine_restore_state(e, &bad, T0 + S(200)));
	bad.rule_id = id + 7;
	bad.since_warning = 0;
	ck_assert(!iot_alert_engine_restore_state(e, &bad, T0 + S(200)));
	ck_assert_ptr_null(iot_alert_engine_export_state(e, id + 7, T0));
	iot_alert_engine_free(e);
	iot_alert_rule_free(r);
}
END_TEST

/* Through the real store: the rule and its state written, the store closed
 * and opened again, both read back and the alarm still latched and muted. */
START_TEST(test_state_round_trip_through_the_store)
{
	char *tmp = iot_test_make_tmpdir("iot-alert-state-XXXXXX");
	char *path = g_build_filename(tmp, "xmpp-iot", "store.db", NULL);
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule_above(30);
	IotAlertRuleState *s;
	const IotAlertRuleState *b;
	IotStore *st;
	GPtrArray *rules, *states;
	GError *err = NULL;
	gboolean active;
	guint id;

	r->latched = TRUE;
	r->remind_s = 600;
	r->for_s = 60;
	id = iot_alert_engine_add(e, r, T0);
	val(e, 35, T0);
	iot_alert_engine_tick(e, T0 + M(1));
	ck_assert_int_eq(last_kind(), IOT_ALERT_EVENT_FIRE);
	iot_alert_engine_mute(e, id);
	st = iot_store_open(path, NULL, &err);
	ck_assert_msg(st != NULL, "%s", err ? err->message : "");
	ck_assert(iot_store_alert_rule_put(st, iot_alert_engine_get(e, id), NULL));
	s = iot_alert_engine_export_state(e, id, T0 + M(2));
	g_free(s->last_text);
	s->last_text = g_strdup("35 °C <b>");
	ck_assert_msg(iot_store_alert_state_put(st, s, &err), "%s", err ? err->message : "");
	iot_alert_rule_state_free(s);
	iot_store_close(st);
	iot_alert_engine_free(e);

	st = iot_store_open(path, NULL, &err);
	ck_assert_msg(st != NULL, "%s", err ? err->message : "");
	rules = iot_store_alert_rules(st, NULL);
	states = iot_store_alert_states(st, NULL);
	ck_assert_uint_eq(rules->len, 1);
	ck_assert_uint_eq(states->len, 1);
	b = g_ptr_array_index(states, 0);
	ck_assert_uint_eq(b->rule_id, id);
	ck_assert_int_eq(b->saved_at, T0 + M(2));
	ck_assert_int_eq(b->since_alarm, T0);
	ck_assert_int_eq(b->fired_at, T0 + M(1));
	ck_assert(b->active && b->muted && !b->acknowledged && b->has_value && b->last_has_number);
	ck_assert_int_eq(b->level, IOT_ALERT_ALARM);
	ck_assert_str_eq(b->last_text, "35 °C <b>");
	ck_assert(b->last_number == 35);
	e = iot_alert_engine_new(record, NULL, NULL);
	ck_assert_uint_eq(iot_alert_engine_add(e, g_ptr_array_index(rules, 0), T0 + M(30)), id);
	ck_assert(iot_alert_engine_restore_state(e, b, T0 + M(30)));
	ck_assert(iot_alert_engine_level(e, id, &active, NULL) && active);
	g_array_set_size(seen, 0);
	iot_alert_engine_tick(e, T0 + M(300));
	ck_assert_uint_eq(seen->len, 0); /* muted */
	g_ptr_array_unref(states);
	/* a rule deleted takes its state along */
	ck_assert(iot_store_alert_rule_delete(st, id, NULL));
	states = iot_store_alert_states(st, NULL);
	ck_assert_uint_eq(states->len, 0);
	g_ptr_array_unref(states);
	/* a row another program wrote badly is skipped */
	ck_assert(sqlite3_exec(iot_store_db(st),
	                       "INSERT INTO alert_rule_state VALUES (3, 1, 0, 0, 0, 1, 'purple', 0, 0, 0, 0, 0, "
	                       "NULL, 0, 0)",
	                       NULL, NULL, NULL) == SQLITE_OK);
	states = iot_store_alert_states(st, NULL);
	ck_assert_uint_eq(states->len, 0);
	g_ptr_array_unref(states);
	g_ptr_array_unref(rules);
	iot_alert_engine_free(e);
	iot_alert_rule_free(r);
	iot_store_close(st);
	iot_test_remove_tree(tmp);
	g_free(tmp);
	g_free(path);
}
END_TEST

Suite *
iot_alert_rule_state_suite(void)
{
	Suite *s = suite_create("alert-rule-state");
	TCase *tc = tcase_create("restart");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_for_at_least_goes_on_after_restart);
	tcase_add_test(tc, test_latched_muted_alarm_stays_after_restart);
	tcase_add_test(tc, test_reminders_keep_their_schedule);
	tcase_add_test(tc, test_offline_timer_goes_on);
	tcase_add_test(tc, test_state_changes_told_bounded);
	tcase_add_test(tc, test_state_round_trip_through_the_store);
	suite_add_tcase(s, tc);
	return s;
}
