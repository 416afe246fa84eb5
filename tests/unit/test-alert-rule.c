/* test-alert-rule.c — the rule engine on a virtual clock. */
#include "iot-tests.h"

#include "iot-alert-inbox.h"
#include "iot-alert-limits.h"
#include "iot-ns.h"
#include "iot-xml.h"
#include "iot-alert-rule.h"

#include <string.h>

#define T0 ((gint64)1767614400 * G_USEC_PER_SEC) /* 2026-01-05 12:00 UTC */
#define S(x) ((gint64)(x) * G_USEC_PER_SEC)
#define ACC "me@home.example"
#define THING "boiler@home.example"

typedef struct {
	IotAlertEventKind kind;
	IotAlertSeverity severity;
	guint rule;
	char *value;
	gint64 since, at;
} Seen;

static GArray *seen;

static void
record(const IotAlertEvent *ev, gpointer data)
{
	Seen s = { ev->kind, ev->severity, ev->rule->id, g_strdup(ev->value), ev->since, ev->at };

	g_array_append_val(seen, s);
}

static void
clear_seen(gpointer p)
{
	g_free(((Seen *)p)->value);
}

static void
setup(void)
{
	seen = g_array_new(FALSE, TRUE, sizeof(Seen));
	g_array_set_clear_func(seen, clear_seen);
}

static void
teardown(void)
{
	g_array_unref(seen);
}

static void
reset(void)
{
	g_array_set_size(seen, 0);
}

static Seen *
last(void)
{
	ck_assert_uint_gt(seen->len, 0);
	return &g_array_index(seen, Seen, seen->len - 1);
}

static IotAlertRule *
rule(const char *field, IotAlertOp op, double alarm)
{
	IotAlertRule *r = iot_alert_rule_new();

	iot_alert_rule_set_target(r, ACC, THING, NULL, field);
	r->op = op;
	r->alarm.set = TRUE;
	r->alarm.value = alarm;
	return r;
}

static guint
add_rule(IotAlertEngine *e, IotAlertRule *r, gint64 now)
{
	guint id = iot_alert_engine_add(e, r, now);

	ck_assert_uint_gt(id, 0);
	iot_alert_rule_free(r);
	return id;
}

static void
val(IotAlertEngine *e, const char *field, double v, gint64 now)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	iot_alert_engine_value(e, ACC, THING, NULL, field, g_ascii_dtostr(buf, sizeof(buf), v), TRUE, v,
	                       now);
}

START_TEST(test_hysteresis)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("Flow temperature", IOT_ALERT_OP_ABOVE, 30);

	r->hysteresis = 2;
	add_rule(e, r, T0);
	val(e, "Flow temperature", 29, T0 + S(1));
	ck_assert_uint_eq(seen->len, 0);
	val(e, "Flow temperature", 31, T0 + S(2));
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	ck_assert_int_eq(last()->severity, IOT_ALERT_ALARM);
	ck_assert_str_eq(last()->value, "31");
	val(e, "Flow temperature", 29, T0 + S(3)); /* within the hysteresis */
	val(e, "Flow temperature", 30.5, T0 + S(4));
	ck_assert_uint_eq(seen->len, 1);
	val(e, "Flow temperature", 28, T0 + S(5));
	ck_assert_uint_eq(seen->len, 2);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	/* both moments */
	ck_assert_int_eq(last()->since, T0 + S(2));
	ck_assert_int_eq(last()->at, T0 + S(5));
	val(e, "Flow temperature", 29.9, T0 + S(6));
	ck_assert_uint_eq(seen->len, 2);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_for_at_least_fires_on_crossing)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("Temperature", IOT_ALERT_OP_BELOW, 3);

	r->for_s = 600;
	add_rule(e, r, T0);
	/* already beyond at start-up: not at once */
	val(e, "Temperature", 2, T0 + S(5));
	ck_assert_uint_eq(seen->len, 0);
	ck_assert_int_eq(iot_alert_engine_next_tick(e), T0 + S(605));
	iot_alert_engine_tick(e, T0 + S(604));
	ck_assert_uint_eq(seen->len, 0);
	iot_alert_engine_tick(e, T0 + S(605));
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	val(e, "Temperature", 5, T0 + S(700));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR); /* back to normal at once */
	reset();
	/* a dip back resets the timer */
	val(e, "Temperature", 2, T0 + S(1000));
	val(e, "Temperature", 4, T0 + S(1300));
	val(e, "Temperature", 2, T0 + S(1400));
	iot_alert_engine_tick(e, T0 + S(1700));
	ck_assert_uint_eq(seen->len, 0);
	val(e, "Temperature", 1, T0 + S(2000)); /* held since 1400 */
	ck_assert_uint_eq(seen->len, 1);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_warning_and_alarm_levels)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("T", IOT_ALERT_OP_ABOVE, 30);

	r->warning.set = TRUE;
	r->warning.value = 25;
	add_rule(e, r, T0);
	val(e, "T", 26, T0 + S(1));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	ck_assert_int_eq(last()->severity, IOT_ALERT_WARNING);
	val(e, "T", 31, T0 + S(2));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	ck_assert_int_eq(last()->severity, IOT_ALERT_ALARM);
	ck_assert_int_eq(last()->since, T0 + S(1));
	val(e, "T", 27, T0 + S(3));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_LOWER);
	ck_assert_int_eq(last()->severity, IOT_ALERT_WARNING);
	val(e, "T", 20, T0 + S(4));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	ck_assert_int_eq(last()->severity, IOT_ALERT_WARNING);
	ck_assert_uint_eq(seen->len, 4);
	/* straight to the alarm: one event */
	val(e, "T", 40, T0 + S(5));
	ck_assert_uint_eq(seen->len, 5);
	ck_assert_int_eq(last()->severity, IOT_ALERT_ALARM);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_latched_needs_normal_and_acknowledge)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("P", IOT_ALERT_OP_BELOW, 1.0);
	gboolean active;
	guint id;

	r->latched = TRUE;
	id = add_rule(e, r, T0);
	val(e, "P", 0.5, T0 + S(1));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	val(e, "P", 1.5, T0 + S(2)); /* normal, not acknowledged: stays */
	ck_assert_uint_eq(seen->len, 1);
	iot_alert_engine_level(e, id, &active, NULL);
	ck_assert(active);
	ck_assert(iot_alert_engine_acknowledge(e, id, T0 + S(3)));
	ck_assert_uint_eq(seen->len, 2);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	ck_assert_int_eq(last()->at, T0 + S(3));
	/* the other order: acknowledged while beyond, clears when normal */
	val(e, "P", 0.5, T0 + S(4));
	ck_assert(iot_alert_engine_acknowledge(e, id, T0 + S(5)));
	ck_assert_uint_eq(seen->len, 3);
	val(e, "P", 0.8, T0 + S(6));
	ck_assert_uint_eq(seen->len, 3);
	val(e, "P", 1.2, T0 + S(7));
	ck_assert_uint_eq(seen->len, 4);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	ck_assert(!iot_alert_engine_acknowledge(e, id, T0 + S(8)));
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_mute_is_not_reset)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("P", IOT_ALERT_OP_BELOW, 1.0);
	guint id;

	r->latched = TRUE;
	r->remind_s = 300;
	id = add_rule(e, r, T0);
	val(e, "P", 0.5, T0);
	iot_alert_engine_tick(e, T0 + S(300));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_REMIND);
	ck_assert_uint_eq(seen->len, 2);
	ck_assert(iot_alert_engine_mute(e, id));
	iot_alert_engine_tick(e, T0 + S(600));
	iot_alert_engine_tick(e, T0 + S(900));
	ck_assert_uint_eq(seen->len, 2);
	val(e, "P", 2, T0 + S(950)); /* normal, muted, not acknowledged: latched */
	ck_assert_uint_eq(seen->len, 2);
	ck_assert(iot_alert_engine_acknowledge(e, id, T0 + S(1000)));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_reminders_until_acknowledged)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("T", IOT_ALERT_OP_AT_LEAST, 30);
	guint id;

	r->remind_s = 600;
	id = add_rule(e, r, T0);
	val(e, "T", 30, T0);
	ck_assert_int_eq(iot_alert_engine_next_tick(e), T0 + S(600));
	iot_alert_engine_tick(e, T0 + S(599));
	ck_assert_uint_eq(seen->len, 1);
	iot_alert_engine_tick(e, T0 + S(600));
	iot_alert_engine_tick(e, T0 + S(1200));
	ck_assert_uint_eq(seen->len, 3);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_REMIND);
	ck_assert_int_eq(last()->since, T0);
	/* a long sleep reminds once, not for every missed period */
	iot_alert_engine_tick(e, T0 + S(5000));
	ck_assert_uint_eq(seen->len, 4);
	iot_alert_engine_acknowledge(e, id, T0 + S(5001));
	iot_alert_engine_tick(e, T0 + S(9000));
	ck_assert_uint_eq(seen->len, 4);
	ck_assert_int_eq(iot_alert_engine_next_tick(e), 0);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_stale)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("Power", IOT_ALERT_OP_STALE, 0);

	r->duration_s = 900;
	add_rule(e, r, T0);
	val(e, "Power", 100, T0 + S(100));
	ck_assert_int_eq(iot_alert_engine_next_tick(e), T0 + S(1000));
	iot_alert_engine_tick(e, T0 + S(999));
	ck_assert_uint_eq(seen->len, 0);
	iot_alert_engine_tick(e, T0 + S(1000));
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	ck_assert_ptr_null(last()->value);
	val(e, "Power", 100, T0 + S(1100));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	ck_assert_int_eq(last()->since, T0 + S(1000));
	/* a thing that never reports is stale from the rule's start */
	{
		IotAlertRule *r2 = rule("Other", IOT_ALERT_OP_STALE, 0);

		r2->duration_s = 60;
		add_rule(e, r2, T0 + S(2000));
		iot_alert_engine_tick(e, T0 + S(2059));
		ck_assert_uint_eq(seen->len, 3); /* Power, stale again since 2000 */
		iot_alert_engine_tick(e, T0 + S(2060));
		ck_assert_uint_eq(seen->len, 4);
		ck_assert_uint_ne(last()->rule, g_array_index(seen, Seen, 2).rule);
	}
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_offline)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule(NULL, IOT_ALERT_OP_OFFLINE, 0);

	r->duration_s = 600;
	r->alarm.set = FALSE;
	r->warning.set = TRUE;
	add_rule(e, r, T0);
	iot_alert_engine_tick(e, T0 + S(10000)); /* presence unknown: nothing */
	ck_assert_uint_eq(seen->len, 0);
	iot_alert_engine_presence(e, ACC, THING, FALSE, T0 + S(10000));
	iot_alert_engine_presence(e, ACC, THING, FALSE, T0 + S(10300)); /* still: counts from the first */
	iot_alert_engine_tick(e, T0 + S(10599));
	ck_assert_uint_eq(seen->len, 0);
	iot_alert_engine_tick(e, T0 + S(10600));
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_int_eq(last()->severity, IOT_ALERT_WARNING);
	iot_alert_engine_presence(e, ACC, THING, TRUE, T0 + S(11000));
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	/* offline shorter than the duration: nothing */
	iot_alert_engine_presence(e, ACC, THING, FALSE, T0 + S(12000));
	iot_alert_engine_presence(e, ACC, THING, TRUE, T0 + S(12100));
	iot_alert_engine_tick(e, T0 + S(13000));
	ck_assert_uint_eq(seen->len, 2);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_changed_equals_outside)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("Door", IOT_ALERT_OP_CHANGED, 0);
	guint changed, eq;

	changed = add_rule(e, r, T0);
	r = rule("Mode", IOT_ALERT_OP_EQUALS, 0);
	r->alarm.text = g_strdup("fault");
	eq = add_rule(e, r, T0);
	r = rule("RH", IOT_ALERT_OP_OUTSIDE, 30);
	r->alarm.high = 60;
	r->hysteresis = 5;
	add_rule(e, r, T0);

	iot_alert_engine_value(e, ACC, THING, NULL, "Door", "closed", FALSE, 0, T0);
	iot_alert_engine_value(e, ACC, THING, NULL, "Door", "closed", FALSE, 0, T0 + 1);
	ck_assert_uint_eq(seen->len, 0); /* start-up sets the reference only */
	iot_alert_engine_value(e, ACC, THING, NULL, "Door", "open", FALSE, 0, T0 + 2);
	ck_assert_uint_eq(seen->len, 1);
	ck_assert_uint_eq(last()->rule, changed);
	ck_assert_str_eq(last()->value, "open");

	iot_alert_engine_value(e, ACC, THING, NULL, "Mode", "auto", FALSE, 0, T0 + 3);
	ck_assert_uint_eq(seen->len, 1);
	iot_alert_engine_value(e, ACC, THING, NULL, "Mode", "fault", FALSE, 0, T0 + 4);
	ck_assert_uint_eq(last()->rule, eq);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	iot_alert_engine_value(e, ACC, THING, NULL, "Mode", "Fault", FALSE, 0, T0 + 5);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);

	val(e, "RH", 45, T0 + 6);
	ck_assert_uint_eq(seen->len, 3);
	val(e, "RH", 62, T0 + 7);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	val(e, "RH", 57, T0 + 8); /* inside, not by the hysteresis */
	ck_assert_uint_eq(seen->len, 4);
	val(e, "RH", 55, T0 + 9);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	val(e, "RH", 29, T0 + 10);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	/* a value that is no number says nothing to a numeric rule */
	iot_alert_engine_value(e, ACC, THING, NULL, "RH", "n/a", FALSE, 0, T0 + 11);
	ck_assert_uint_eq(seen->len, 6);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_at_most_and_not_equals)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("Level", IOT_ALERT_OP_AT_MOST, 10);
	guint le, ne;

	r->hysteresis = 1;
	le = add_rule(e, r, T0);
	r = rule("State", IOT_ALERT_OP_NOT_EQUALS, 0);
	r->alarm.text = g_strdup("ok");
	ne = add_rule(e, r, T0);

	val(e, "Level", 10.5, T0);
	ck_assert_uint_eq(seen->len, 0);
	val(e, "Level", 10, T0 + 1); /* at the level: beyond */
	ck_assert_uint_eq(last()->rule, le);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	val(e, "Level", 10.8, T0 + 2); /* within the hysteresis */
	ck_assert_uint_eq(seen->len, 1);
	val(e, "Level", 11.5, T0 + 3);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);

	iot_alert_engine_value(e, ACC, THING, NULL, "State", "ok", FALSE, 0, T0 + 4);
	ck_assert_uint_eq(seen->len, 2);
	iot_alert_engine_value(e, ACC, THING, NULL, "State", "jammed", FALSE, 0, T0 + 5);
	ck_assert_uint_eq(last()->rule, ne);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_FIRE);
	ck_assert_str_eq(last()->value, "jammed");
	iot_alert_engine_value(e, ACC, THING, NULL, "State", "ok", FALSE, 0, T0 + 6);
	ck_assert_int_eq(last()->kind, IOT_ALERT_EVENT_CLEAR);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_index_and_priority)
{
	IotAlertEngine *e = iot_alert_engine_new(record, NULL, NULL);
	IotAlertRule *r = rule("T", IOT_ALERT_OP_ABOVE, 10);
	guint low, high;

	r->priority = 1;
	low = add_rule(e, r, T0);
	r = rule("T", IOT_ALERT_OP_NOT_EQUALS, 0);
	r->priority = 5;
	high = add_rule(e, r, T0);
	r = rule("T", IOT_ALERT_OP_ABOVE, 10);
	iot_alert_rule_set_target(r, ACC, THING, "kitchen", "T");
	add_rule(e, r, T0);

	/* other account, thing, field: nothing */
	iot_alert_engine_value(e, "other@x", THING, NULL, "T", "50", TRUE, 50, T0);
	iot_alert_engine_value(e, ACC, "other@x", NULL, "T", "50", TRUE, 50, T0);
	iot_alert_engine_value(e, ACC, THING, NULL, "t", "50", TRUE, 50, T0);
	ck_assert_uint_eq(seen->len, 0);
	val(e, "T", 50, T0);
	ck_assert_uint_eq(seen->len, 2);
	ck_assert_uint_eq(g_array_index(seen, Seen, 0).rule, high);
	ck_assert_uint_eq(g_array_index(seen, Seen, 1).rule, low);
	iot_alert_engine_value(e, ACC, THING, "kitchen", "T", "50", TRUE, 50, T0);
	ck_assert_uint_eq(seen->len, 3);
	ck_assert(iot_alert_engine_remove(e, low));
	ck_assert(!iot_alert_engine_remove(e, low));
	ck_assert_uint_eq(iot_alert_engine_size(e), 2);
	iot_alert_engine_free(e);
}
END_TEST

START_TEST(test_words)
{
	IotAlertRule *r = rule("Flow temperature", IOT_ALERT_OP_ABOVE, 30);
	IotAlertEvent ev = { IOT_ALERT_EVENT_FIRE, NULL, IOT_ALERT_ALARM, "31.5", T0, T0 };
	IotAlert *a;
	char *d;

	r->id = 3;
	r->for_s = 600;
	r->urgent = TRUE;
	d = iot_alert_rule_describe(r);
	ck_assert_str_eq(d, "Flow temperature > 30 for 10 min");
	g_free(d);
	ev.rule = r;
	a = iot_alert_event_to_alert(&ev);
	ck_assert_str_eq(a->text, "Flow temperature is 31.5 (> 30)");
	ck_assert_str_eq(a->source.thing, THING);
	ck_assert_str_eq(a->source.field, "Flow temperature");
	ck_assert_int_eq(a->origin, IOT_ALERT_ORIGIN_RULE);
	ck_assert_uint_eq(a->rule_id, 3);
	ck_assert(a->urgent);
	iot_alert_free(a);
	r->op = IOT_ALERT_OP_OUTSIDE;
	r->alarm.value = 18;
	r->alarm.high = 24;
	r->for_s = 0;
	iot_alert_rule_set_target(r, ACC, THING, "Living room", "T");
	d = iot_alert_rule_describe(r);
	ck_assert_str_eq(d, "T outside 18..24 (node Living room)");
	g_free(d);
	r->op = IOT_ALERT_OP_STALE;
	r->duration_s = 900;
	d = iot_alert_rule_describe(r);
	ck_assert_str_eq(d, "T: no value for 15 min (node Living room)");
	g_free(d);
	r->duration_s = 0;
	ck_assert(!iot_alert_rule_valid(r));
	iot_alert_rule_free(r);
}
END_TEST

/* A rule's alerts through the inbox: quiet hours hold them to their end
 * with a summary; an urgent alarm comes through; clearing keeps both moments. */
static IotAlertInbox *quiet_inbox;

static void
into_inbox(const IotAlertEvent *ev, gpointer data)
{
	iot_alert_event_to_inbox(ev, quiet_inbox);
	record(ev, data);
}

START_TEST(test_quiet_hours_with_deferral)
{
	IotAlertEngine *e = iot_alert_engine_new(into_inbox, NULL, NULL);
	IotAlertRule *r = rule("T", IOT_ALERT_OP_ABOVE, 30);
	gint64 night = T0 + 11 * IOT_ALERT_HOUR; /* 23:00 */
	GPtrArray *l;
	const IotAlert *a;

	quiet_inbox = iot_alert_inbox_new(NULL);
	r->quiet = (IotAlertQuiet){ TRUE, 22 * 60, 6 * 60 };
	add_rule(e, r, T0);
	r = rule("Smoke", IOT_ALERT_OP_EQUALS, 1);
	r->urgent = TRUE;
	r->quiet = (IotAlertQuiet){ TRUE, 22 * 60, 6 * 60 };
	add_rule(e, r, T0);

	val(e, "T", 35, night);
	val(e, "Smoke", 1, night + S(60));
	ck_assert_uint_eq(iot_alert_inbox_deferred(quiet_inbox), 1);
	ck_assert_uint_eq(iot_alert_inbox_unread(quiet_inbox), 1); /* the smoke alarm */
	val(e, "T", 20, night + S(120)); /* cleared while held: kept, with both moments */
	ck_assert_uint_eq(iot_alert_inbox_size(quiet_inbox), 2);
	iot_alert_inbox_tick(quiet_inbox, T0 + 18 * IOT_ALERT_HOUR); /* 06:00 */
	ck_assert_uint_eq(iot_alert_inbox_deferred(quiet_inbox), 0);
	l = iot_alert_inbox_list(quiet_inbox, NULL);
	ck_assert_uint_eq(l->len, 3);
	a = l->pdata[0];
	ck_assert_int_eq(a->origin, IOT_ALERT_ORIGIN_QUIET);
	ck_assert_uint_eq(a->count, 1);
	a = l->pdata[2];
	ck_assert_str_eq(a->text, "T is 35 (> 30)");
	ck_assert_int_eq(a->first, night);
	ck_assert_int_eq(a->cleared, night + S(120));
	ck_assert_int_eq(a->state, IOT_ALERT_CLEARED);
	g_ptr_array_unref(l);
	iot_alert_engine_free(e);
	iot_alert_inbox_free(quiet_inbox);
}
END_TEST

/* Levels through the inbox: each level one entry, the previous one closed;
 * a reminder re-opens; clearing keeps both moments. */
START_TEST(test_events_into_inbox)
{
	IotAlertEngine *e;
	IotAlertRule *r = rule("T", IOT_ALERT_OP_ABOVE, 30);
	GPtrArray *l;
	const IotAlert *warn, *alarm;
	guint64 id;

	quiet_inbox = iot_alert_inbox_new(NULL);
	e = iot_alert_engine_new(into_inbox, NULL, NULL);
	r->warning.set = TRUE;
	r->warning.value = 25;
	r->remind_s = 600;
	add_rule(e, r, T0);
	val(e, "T", 26, T0 + S(1));
	val(e, "T", 31, T0 + S(2));
	l = iot_alert_inbox_list(quiet_inbox, NULL);
	ck_assert_uint_eq(l->len, 2);
	alarm = l->pdata[0];
	warn = l->pdata[1];
	ck_assert_int_eq(alarm->severity, IOT_ALERT_ALARM);
	ck_assert_str_eq(alarm->text, "T is 31 (> 30)");
	ck_assert_int_eq(warn->state, IOT_ALERT_CLEARED); /* superseded */
	ck_assert_int_eq(warn->cleared, T0 + S(2));
	id = alarm->id;
	g_ptr_array_unref(l);
	iot_alert_inbox_mark_read(quiet_inbox, &id, 1, T0 + S(3));
	iot_alert_engine_tick(e, T0 + S(602));
	ck_assert_int_eq(iot_alert_inbox_get(quiet_inbox, id)->state, IOT_ALERT_NEW);
	val(e, "T", 20, T0 + S(700));
	ck_assert_int_eq(iot_alert_inbox_get(quiet_inbox, id)->state, IOT_ALERT_CLEARED);
	ck_assert_int_eq(iot_alert_inbox_get(quiet_inbox, id)->first, T0 + S(2));
	ck_assert_int_eq(iot_alert_inbox_get(quiet_inbox, id)->cleared, T0 + S(700));
	ck_assert_uint_eq(iot_alert_inbox_unread(quiet_inbox), 0);
	iot_alert_engine_free(e);
	iot_alert_inbox_free(quiet_inbox);
}
END_TEST

static const IotEventsField *
field_of(const IotEventsRequest *req, const char *name)
{
	guint i;

	for (i = 0; i < req->n_fields; i++) {
		if (strcmp(req->fields[i].name, name) == 0)
			return &req->fields[i];
	}
	ck_abort_msg("no condition on %s", name);
	return NULL;
}

/* A thing's rules become the change limits pushed with its subscription. */
START_TEST(test_rules_to_change_limits)
{
	IotAlertRule *r[8];
	IotEventsRequest *req;
	xmlNode *sub;
	char *xml;
	guint i;

	r[0] = rule("Flow temperature", IOT_ALERT_OP_ABOVE, 70);
	r[0]->hysteresis = 2;
	r[0]->for_s = 600;
	r[1] = rule("Flow temperature", IOT_ALERT_OP_ABOVE, 90); /* finer: 0.9 */
	r[1]->for_s = 300;
	r[2] = rule("Pressure", IOT_ALERT_OP_BELOW, 1.0);
	r[2]->warning.set = TRUE;
	r[2]->warning.value = 1.2; /* levels 0.2 apart: a step of 0.01 */
	r[2]->for_s = 60;
	r[3] = rule("Humidity", IOT_ALERT_OP_OUTSIDE, 30);
	r[3]->alarm.high = 60;
	r[3]->for_s = 120;
	r[4] = rule("Mode", IOT_ALERT_OP_CHANGED, 0);
	r[5] = rule("Power", IOT_ALERT_OP_STALE, 0);
	r[5]->duration_s = 900;
	r[6] = rule("Flow temperature", IOT_ALERT_OP_ABOVE, 1); /* another node: not here */
	iot_alert_rule_set_target(r[6], ACC, THING, "kitchen", "Flow temperature");
	r[7] = rule(NULL, IOT_ALERT_OP_OFFLINE, 0); /* presence: asks nothing */
	r[7]->duration_s = 60;

	req = iot_alert_limits_request((const IotAlertRule *const *)r, 8, ACC, THING, NULL);
	ck_assert_ptr_nonnull(req);
	ck_assert_uint_eq(req->n_fields, 5);
	ck_assert_str_eq(req->fields[0].name, "Flow temperature"); /* in the order of the rules */
	ck_assert_double_eq_tol(field_of(req, "Flow temperature")->changed_by, 0.9, 1e-12);
	ck_assert_double_eq_tol(field_of(req, "Pressure")->changed_by, 0.01, 1e-12);
	ck_assert_double_eq_tol(field_of(req, "Humidity")->changed_by, 1.5, 1e-12);
	ck_assert_double_eq(field_of(req, "Mode")->changed_by, 0); /* every change */
	ck_assert_double_eq(field_of(req, "Power")->changed_by, 0);
	ck_assert_uint_eq(req->max_interval, 450); /* half the stale rule's 15 min */
	ck_assert_uint_eq(req->min_interval, 0);   /* not every rule waits */
	ck_assert(req->immediate);
	ck_assert_uint_eq(req->n_nodes, 0);

	/* as it goes on the wire to an NF thing */
	sub = iot_events_build_subscribe(IOT_GEN_NF, "sub-1", req);
	xml = iot_xml_to_string(sub);
	ck_assert_ptr_nonnull(strstr(xml, "<f n=\"Flow temperature\" by=\"0.9\"/>"));
	ck_assert_ptr_nonnull(strstr(xml, "<f n=\"Humidity\" by=\"1.5\"/>"));
	ck_assert_ptr_nonnull(strstr(xml, "<f n=\"Mode\"/>"));
	ck_assert_ptr_nonnull(strstr(xml, "maxInt=\"PT7M30S\""));
	g_free(xml);
	xmlFreeNode(sub);
	iot_events_request_free(req);

	/* every rule waits: minInt a tenth of the shortest wait */
	req = iot_alert_limits_request((const IotAlertRule *const *)r, 4, ACC, THING, NULL);
	ck_assert_uint_eq(req->min_interval, 6);
	ck_assert_uint_eq(req->max_interval, IOT_ALERT_LIMITS_MAX_INTERVAL);
	iot_events_request_free(req);

	/* the node's own subscription */
	req = iot_alert_limits_request((const IotAlertRule *const *)r, 8, ACC, THING, "kitchen");
	ck_assert_uint_eq(req->n_fields, 1);
	ck_assert_uint_eq(req->n_nodes, 1);
	ck_assert_str_eq(req->nodes[0].node_id, "kitchen");
	ck_assert_double_eq_tol(req->fields[0].changed_by, 0.01, 1e-12);
	iot_events_request_free(req);

	/* a change rule on a field wins over its steps */
	{
		const IotAlertRule *two[2];
		IotAlertRule *c = rule("Flow temperature", IOT_ALERT_OP_CHANGED, 0);

		two[0] = r[0];
		two[1] = c;
		req = iot_alert_limits_request(two, 2, ACC, THING, NULL);
		ck_assert_double_eq(req->fields[0].changed_by, 0);
		iot_events_request_free(req);
		iot_alert_rule_free(c);
	}

	/* nothing asked: no subscription */
	ck_assert_ptr_null(iot_alert_limits_request((const IotAlertRule *const *)r, 8, ACC, "other@x", NULL));
	ck_assert_ptr_null(iot_alert_limits_request((const IotAlertRule *const *)&r[7], 1, ACC, THING, NULL));
	for (i = 0; i < 8; i++)
		iot_alert_rule_free(r[i]);
}
END_TEST

Suite *
iot_alert_rule_suite(void)
{
	Suite *s = suite_create("alert-rule");
	TCase *tc = tcase_create("engine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_hysteresis);
	tcase_add_test(tc, test_for_at_least_fires_on_crossing);
	tcase_add_test(tc, test_warning_and_alarm_levels);
	tcase_add_test(tc, test_latched_needs_normal_and_acknowledge);
	tcase_add_test(tc, test_mute_is_not_reset);
	tcase_add_test(tc, test_reminders_until_acknowledged);
	tcase_add_test(tc, test_stale);
	tcase_add_test(tc, test_offline);
	tcase_add_test(tc, test_changed_equals_outside);
	tcase_add_test(tc, test_at_most_and_not_equals);
	tcase_add_test(tc, test_index_and_priority);
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_quiet_hours_with_deferral);
	tcase_add_test(tc, test_rules_to_change_limits);
	tcase_add_test(tc, test_events_into_inbox);
	suite_add_tcase(s, tc);
	return s;
}
