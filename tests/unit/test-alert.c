/* test-alert.c — the alert model and the inbox, on a virtual clock. */
#include "iot-tests.h"

#include "iot-alert-inbox.h"
#include "iot-alert.h"

#include <string.h>

/* 2026-01-05 12:00:00 UTC (the suite runs with TZ=UTC). */
#define T0 ((gint64)1767614400 * G_USEC_PER_SEC)
#define MINUTE IOT_ALERT_MINUTE
#define HOUR IOT_ALERT_HOUR

static IotAlert *
make(const char *thing, IotAlertSeverity sev, const char *text)
{
	IotAlert *a = iot_alert_new();

	iot_alert_set_source(a, "me@home.example", thing, NULL, NULL);
	a->severity = sev;
	iot_alert_set_text(a, text, -1);
	return a;
}

static IotAlertAddResult
add(IotAlertInbox *in, const char *thing, IotAlertSeverity sev, const char *text, gint64 now,
    guint64 *id)
{
	IotAlert *a = make(thing, sev, text);
	IotAlertAddResult r = iot_alert_inbox_add(in, a, NULL, now, id);

	iot_alert_free(a);
	return r;
}

typedef struct {
	guint added, updated, removed, notified;
} Counts;

static void
count_changes(IotAlertChange change, const IotAlert *alert, gboolean notify, gpointer data)
{
	Counts *c = data;

	c->added += change == IOT_ALERT_CHANGE_ADDED;
	c->updated += change == IOT_ALERT_CHANGE_UPDATED;
	c->removed += change == IOT_ALERT_CHANGE_REMOVED;
	c->notified += notify;
}

START_TEST(test_text_kept_literal_and_bounded)
{
	IotAlert *a = iot_alert_new();
	char *big = g_malloc(1024 * 1024 + 1);
	const char bad[] = "ok \xff\xfe <b>x</b>\x01\x1b[31m";

	iot_alert_set_text(a, "<script>alert('x')</script> &amp;", -1);
	ck_assert_str_eq(a->text, "<script>alert('x')</script> &amp;");

	memset(big, 'A', 1024 * 1024);
	big[1024 * 1024] = '\0';
	iot_alert_set_text(a, big, -1);
	ck_assert_uint_le(strlen(a->text), IOT_ALERT_MAX_TEXT);
	ck_assert(g_str_has_suffix(a->text, "…"));
	ck_assert(g_utf8_validate(a->text, -1, NULL));

	iot_alert_set_text(a, bad, sizeof(bad) - 1);
	ck_assert(g_utf8_validate(a->text, -1, NULL));
	ck_assert_ptr_null(strchr(a->text, '\x01'));
	ck_assert_ptr_null(strchr(a->text, '\x1b'));
	ck_assert_ptr_nonnull(strstr(a->text, "<b>x</b>"));

	/* a cut never splits a character */
	memset(big, 0, 64);
	for (int i = 0; i < 3000; i++)
		big[i] = "é"[i % 2];
	big[3000] = '\0';
	iot_alert_set_text(a, big, -1);
	ck_assert(g_utf8_validate(a->text, -1, NULL));
	ck_assert_uint_le(strlen(a->text), IOT_ALERT_MAX_TEXT);

	iot_alert_set_source(a, "me@x", "door@home.example", "", "");
	ck_assert_ptr_null(a->source.node);
	ck_assert_ptr_null(a->source.field);
	/* its own strings, passed back in */
	iot_alert_set_source(a, a->source.account, a->source.thing, "hall", "Door");
	iot_alert_set_source(a, a->source.account, a->source.thing, a->source.node, a->source.field);
	ck_assert_str_eq(a->source.account, "me@x");
	ck_assert_str_eq(a->source.thing, "door@home.example");
	ck_assert_str_eq(a->source.node, "hall");
	ck_assert_str_eq(a->source.field, "Door");
	iot_alert_set_text(a, "Door open", -1);
	iot_alert_set_text(a, a->text, -1);
	ck_assert_str_eq(a->text, "Door open");
	g_free(big);
	iot_alert_free(a);
}
END_TEST

START_TEST(test_names_round_trip)
{
	IotAlertSeverity sev;
	IotAlertState st;
	IotAlertOrigin o;
	char *s;

	ck_assert(iot_alert_severity_from_name(iot_alert_severity_name(IOT_ALERT_ALARM), &sev));
	ck_assert_int_eq(sev, IOT_ALERT_ALARM);
	ck_assert(iot_alert_state_from_name("snoozed", &st));
	ck_assert_int_eq(st, IOT_ALERT_SNOOZED);
	ck_assert(iot_alert_origin_from_name("rule", &o));
	ck_assert_int_eq(o, IOT_ALERT_ORIGIN_RULE);
	ck_assert(!iot_alert_state_from_name("bogus", &st));
	ck_assert_str_eq(iot_alert_state_text(IOT_ALERT_READ), "Read");
	ck_assert_str_eq(iot_alert_severity_text(IOT_ALERT_ALARM), "Alarm");
	s = iot_alert_short_jid("door@home.example");
	ck_assert_str_eq(s, "door@…");
	g_free(s);
	s = iot_alert_short_jid("home.example");
	ck_assert_str_eq(s, "home.example");
	g_free(s);
}
END_TEST

START_TEST(test_merge_identical_within_window)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	guint64 a, b, c, d;
	const IotAlert *e;

	ck_assert_int_eq(add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0, &a), IOT_ALERT_ADD_NEW);
	ck_assert_int_eq(add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0 + MINUTE, &b),
	                 IOT_ALERT_ADD_MERGED);
	ck_assert_uint_eq(a, b);
	e = iot_alert_inbox_get(in, a);
	ck_assert_uint_eq(e->count, 2);
	ck_assert_int_eq(e->first, T0);
	ck_assert_int_eq(e->last, T0 + MINUTE);
	/* another text, another severity or another source: no merge */
	ck_assert_int_eq(add(in, "door@h", IOT_ALERT_ALARM, "Door open", T0 + MINUTE, &c), IOT_ALERT_ADD_NEW);
	ck_assert_int_eq(add(in, "hall@h", IOT_ALERT_WARNING, "Door open", T0 + MINUTE, &c), IOT_ALERT_ADD_NEW);
	/* beyond the merge window: a new entry */
	ck_assert_int_eq(add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0 + 30 * MINUTE, &d),
	                 IOT_ALERT_ADD_NEW);
	ck_assert_uint_ne(d, a);
	/* read, then the same again: NEW again */
	add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0 + 31 * MINUTE, NULL);
	ck_assert_uint_eq(iot_alert_inbox_mark_read(in, &d, 1, T0 + 32 * MINUTE), 1);
	ck_assert_int_eq(add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0 + 33 * MINUTE, NULL),
	                 IOT_ALERT_ADD_MERGED);
	ck_assert_int_eq(iot_alert_inbox_get(in, d)->state, IOT_ALERT_NEW);
	ck_assert_uint_eq(iot_alert_inbox_get(in, d)->count, 3);
	/* acknowledged entries take nothing more */
	iot_alert_inbox_acknowledge(in, &d, 1, T0 + 34 * MINUTE);
	ck_assert_int_eq(add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0 + 35 * MINUTE, NULL),
	                 IOT_ALERT_ADD_NEW);
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_throttle_with_summary)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	Counts c = { 0 };
	guint64 sid = 0, id;
	const IotAlert *s;
	int i;

	iot_alert_inbox_set_listener(in, count_changes, &c, NULL);
	for (i = 0; i < 22; i++) {
		char *text = g_strdup_printf("Motion %d", i);
		IotAlertAddResult r = add(in, "door@home.example", IOT_ALERT_INFO, text,
		                          T0 + i * 20 * G_USEC_PER_SEC, &id);

		ck_assert_int_eq(r, i < 10 ? IOT_ALERT_ADD_NEW : IOT_ALERT_ADD_THROTTLED);
		if (i >= 10) {
			ck_assert(sid == 0 || sid == id);
			sid = id;
		}
		g_free(text);
	}
	ck_assert_uint_eq(iot_alert_inbox_size(in), 11);
	s = iot_alert_inbox_get(in, sid);
	ck_assert_int_eq(s->origin, IOT_ALERT_ORIGIN_THROTTLED);
	ck_assert_uint_eq(s->count, 12);
	ck_assert_str_eq(s->text, "12 more from door@… in the last 7 min");
	/* told once for the summary, not for each alert summed up */
	ck_assert_uint_eq(c.notified, 11);

	/* an alarm summed up raises the summary and is told */
	add(in, "door@home.example", IOT_ALERT_ALARM, "Forced", T0 + 9 * MINUTE, &id);
	ck_assert_uint_eq(id, sid);
	ck_assert_int_eq(s->severity, IOT_ALERT_ALARM);
	ck_assert_uint_eq(c.notified, 12);

	/* other sources are not affected */
	ck_assert_int_eq(add(in, "hall@home.example", IOT_ALERT_INFO, "x", T0 + 9 * MINUTE, NULL),
	                 IOT_ALERT_ADD_NEW);
	/* the next window starts afresh */
	ck_assert_int_eq(add(in, "door@home.example", IOT_ALERT_INFO, "later", T0 + 11 * MINUTE, NULL),
	                 IOT_ALERT_ADD_NEW);
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_snooze_expiry)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	Counts c = { 0 };
	guint64 ids[2];

	add(in, "door@h", IOT_ALERT_WARNING, "a", T0, &ids[0]);
	add(in, "door@h", IOT_ALERT_WARNING, "b", T0, &ids[1]);
	iot_alert_inbox_set_listener(in, count_changes, &c, NULL);
	ck_assert_uint_eq(iot_alert_inbox_unread(in), 2);
	ck_assert_uint_eq(iot_alert_inbox_snooze(in, ids, 2, T0 + HOUR, T0), 2);
	ck_assert_uint_eq(iot_alert_inbox_unread(in), 0);
	ck_assert_int_eq(iot_alert_inbox_next_tick(in), T0 + HOUR);
	ck_assert_uint_eq(iot_alert_inbox_tick(in, T0 + HOUR - 1), 0);
	ck_assert_int_eq(iot_alert_inbox_get(in, ids[0])->state, IOT_ALERT_SNOOZED);
	c.notified = 0;
	ck_assert_uint_eq(iot_alert_inbox_tick(in, T0 + HOUR), 2);
	ck_assert_uint_eq(c.notified, 2);
	ck_assert_int_eq(iot_alert_inbox_get(in, ids[1])->state, IOT_ALERT_NEW);
	ck_assert_uint_eq(iot_alert_inbox_unread(in), 2);
	ck_assert_int_eq(iot_alert_inbox_next_tick(in), 0);
	/* a snooze into the past, or of an acknowledged entry, does nothing */
	ck_assert_uint_eq(iot_alert_inbox_snooze(in, ids, 1, T0, T0 + 2 * HOUR), 0);
	iot_alert_inbox_acknowledge(in, ids, 1, T0 + 2 * HOUR);
	ck_assert_uint_eq(iot_alert_inbox_snooze(in, ids, 1, T0 + 3 * HOUR, T0 + 2 * HOUR), 0);
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_quiet_hours_defer_to_their_end)
{
	IotAlertInboxConfig cfg;
	IotAlertInbox *in;
	IotAlertQuiet rule_quiet = { TRUE, 12 * 60, 13 * 60 };
	Counts c = { 0 };
	gint64 night = T0 + 11 * HOUR; /* 23:00 */
	gint64 morning = T0 + 19 * HOUR; /* 07:00 */
	IotAlert *urgent;
	GPtrArray *list;
	guint64 id;
	int i;

	iot_alert_inbox_config_default(&cfg);
	cfg.quiet.enabled = TRUE;
	cfg.quiet.start_min = 22 * 60;
	cfg.quiet.end_min = 7 * 60;
	in = iot_alert_inbox_new(&cfg);
	iot_alert_inbox_set_listener(in, count_changes, &c, NULL);

	ck_assert(!iot_alert_quiet_active(&cfg.quiet, T0));
	ck_assert(iot_alert_quiet_active(&cfg.quiet, night));
	ck_assert_int_eq(iot_alert_quiet_end(&cfg.quiet, night), morning);
	ck_assert_int_eq(iot_alert_quiet_end(&cfg.quiet, T0 + 13 * HOUR), morning); /* 01:00 */

	for (i = 0; i < 5; i++) {
		char *t = g_strdup_printf("event %d", i);

		ck_assert_int_eq(add(in, "door@home.example", IOT_ALERT_WARNING, t, night + i * MINUTE, NULL),
		                 IOT_ALERT_ADD_DEFERRED);
		g_free(t);
	}
	/* urgent alarms come through */
	urgent = make("smoke@home.example", IOT_ALERT_ALARM, "Smoke");
	urgent->urgent = TRUE;
	ck_assert_int_eq(iot_alert_inbox_add(in, urgent, NULL, night, NULL), IOT_ALERT_ADD_NEW);
	iot_alert_free(urgent);
	/* a non-urgent alarm waits */
	ck_assert_int_eq(add(in, "smoke@home.example", IOT_ALERT_ALARM, "Test", night, NULL),
	                 IOT_ALERT_ADD_DEFERRED);
	ck_assert_uint_eq(c.notified, 1);
	ck_assert_uint_eq(iot_alert_inbox_unread(in), 1);
	ck_assert_uint_eq(iot_alert_inbox_deferred(in), 6);
	ck_assert_uint_eq(iot_alert_inbox_size(in), 7); /* nothing dropped */
	ck_assert_int_eq(iot_alert_inbox_next_tick(in), morning);

	ck_assert_uint_eq(iot_alert_inbox_tick(in, morning - 1), 0);
	ck_assert_uint_eq(iot_alert_inbox_tick(in, morning), 6);
	ck_assert_uint_eq(iot_alert_inbox_deferred(in), 0);
	/* one summary per source, told */
	ck_assert_uint_eq(c.notified, 3);
	list = iot_alert_inbox_list(in, &(IotAlertFilter){ .thing = "door@home.example" });
	ck_assert_uint_eq(list->len, 6);
	ck_assert_int_eq(((IotAlert *)list->pdata[0])->origin, IOT_ALERT_ORIGIN_QUIET);
	ck_assert_str_eq(((IotAlert *)list->pdata[0])->text,
	                 "5 alerts from door@… arrived during quiet hours");
	g_ptr_array_unref(list);

	/* a rule's own quiet hours (12:00–13:00), on top of none global at noon */
	iot_alert_inbox_set_config(in, NULL);
	{
		IotAlert *a = make("boiler@home.example", IOT_ALERT_WARNING, "Pressure");

		ck_assert_int_eq(iot_alert_inbox_add(in, a, &rule_quiet, T0 + 2 * HOUR + 10 * MINUTE, &id),
		                 IOT_ALERT_ADD_NEW);
		ck_assert_int_eq(iot_alert_inbox_add(in, a, &rule_quiet, T0 + 24 * HOUR + 10 * MINUTE, &id),
		                 IOT_ALERT_ADD_DEFERRED);
		ck_assert_int_eq(iot_alert_inbox_get(in, id)->deferred_until, T0 + 25 * HOUR);
		iot_alert_free(a);
	}
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_actions_on_many_and_source)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	IotAlertFilter f = { 0 };
	guint64 ids[4];
	GPtrArray *l;

	add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0, &ids[0]);
	add(in, "door@h", IOT_ALERT_ALARM, "Door forced", T0 + 1, &ids[1]);
	add(in, "hall@h", IOT_ALERT_INFO, "Lamp on", T0 + 2, &ids[2]);
	add(in, "hall@h", IOT_ALERT_WARNING, "Lamp broken", T0 + 3, &ids[3]);

	ck_assert_uint_eq(iot_alert_inbox_acknowledge_source(in, NULL, "door@h", T0 + 10), 2);
	ck_assert_int_eq(iot_alert_inbox_get(in, ids[1])->state, IOT_ALERT_ACKNOWLEDGED);
	ck_assert_uint_eq(iot_alert_inbox_unread(in), 2);
	ck_assert_uint_eq(iot_alert_inbox_dismiss(in, &ids[2], 2, T0 + 11), 2);
	l = iot_alert_inbox_list(in, NULL);
	ck_assert_uint_eq(l->len, 2); /* dismissed are hidden */
	ck_assert_uint_eq(((IotAlert *)l->pdata[0])->id, ids[1]); /* newest first */
	g_ptr_array_unref(l);

	f.states = 1u << IOT_ALERT_DISMISSED;
	l = iot_alert_inbox_list(in, &f);
	ck_assert_uint_eq(l->len, 2);
	g_ptr_array_unref(l);

	memset(&f, 0, sizeof(f));
	f.text = "FORCED";
	l = iot_alert_inbox_list(in, &f);
	ck_assert_uint_eq(l->len, 1);
	g_ptr_array_unref(l);
	f.text = NULL;
	f.severities = 1u << IOT_ALERT_WARNING;
	l = iot_alert_inbox_list(in, &f);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_uint_eq(((IotAlert *)l->pdata[0])->id, ids[0]);
	g_ptr_array_unref(l);
	ck_assert_uint_eq(iot_alert_inbox_acknowledge_all(in, T0 + 12), 0);
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_rule_clear_and_remind)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	IotAlert *a = make("boiler@h", IOT_ALERT_ALARM, "Flow temperature 91 > 90");
	guint64 id;
	const IotAlert *e;

	iot_alert_set_source(a, "me@h", "boiler@h", NULL, "Flow temperature");
	a->origin = IOT_ALERT_ORIGIN_RULE;
	a->rule_id = 7;
	iot_alert_inbox_add(in, a, NULL, T0, &id);
	iot_alert_inbox_mark_read(in, &id, 1, T0 + 1);
	ck_assert(iot_alert_inbox_remind_rule(in, 7, &a->source, T0 + 10 * MINUTE));
	e = iot_alert_inbox_get(in, id);
	ck_assert_int_eq(e->state, IOT_ALERT_NEW);
	ck_assert_uint_eq(e->count, 1);
	ck_assert(iot_alert_inbox_clear_rule(in, 7, &a->source, T0 + 20 * MINUTE));
	ck_assert_int_eq(e->state, IOT_ALERT_CLEARED);
	ck_assert_int_eq(e->first, T0);
	ck_assert_int_eq(e->cleared, T0 + 20 * MINUTE);
	ck_assert(!iot_alert_inbox_clear_rule(in, 7, &a->source, T0 + 21 * MINUTE));
	ck_assert(!iot_alert_inbox_remind_rule(in, 8, &a->source, T0 + 21 * MINUTE));
	iot_alert_free(a);
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_cap_drops_dismissed_first)
{
	IotAlertInboxConfig cfg;
	IotAlertInbox *in;
	guint64 first, alarm;
	int i;

	iot_alert_inbox_config_default(&cfg);
	cfg.max_entries = 20;
	cfg.rate_max = 1000;
	cfg.per_source_max = 1000;
	in = iot_alert_inbox_new(&cfg);
	add(in, "boiler@h", IOT_ALERT_ALARM, "Pressure", T0, &alarm);
	add(in, "door@h", IOT_ALERT_INFO, "first", T0, &first);
	iot_alert_inbox_dismiss(in, &first, 1, T0);
	for (i = 0; i < 19; i++) {
		char *t = g_strdup_printf("n%d", i);

		add(in, "door@h", IOT_ALERT_INFO, t, T0 + i, NULL);
		g_free(t);
	}
	ck_assert_uint_eq(iot_alert_inbox_size(in), 20);
	ck_assert_ptr_null(iot_alert_inbox_get(in, first));
	ck_assert_ptr_nonnull(iot_alert_inbox_get(in, alarm));
	iot_alert_inbox_free(in);
}
END_TEST

/* 10,000 headlines in 10 s from 50 sources, 40 of them strangers, each
 * text distinct; a contact's real alarm arrived before. */
START_TEST(test_flood_is_bounded)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	IotAlert *a = iot_alert_new();
	guint64 alarm;
	guint notified_before;
	Counts c = { 0 };
	gint64 t0 = g_get_monotonic_time();
	GPtrArray *l;
	int i;

	add(in, "boiler@home.example", IOT_ALERT_ALARM, "Pressure low", T0, &alarm);
	iot_alert_inbox_set_listener(in, count_changes, &c, NULL);
	for (i = 0; i < 10000; i++) {
		char *thing = g_strdup_printf("src%02d@spam.example", i % 50);
		char *text = g_strdup_printf("<b>spam</b> %d", i);

		iot_alert_set_source(a, "me@home.example", thing, NULL, NULL);
		iot_alert_set_text(a, text, -1);
		a->severity = i % 7 == 0 ? IOT_ALERT_ALARM : IOT_ALERT_INFO;
		a->stranger = i % 50 >= 10;
		iot_alert_inbox_add(in, a, NULL, T0 + i * 1000, NULL);
		g_free(thing);
		g_free(text);
	}
	notified_before = c.notified;
	/* 10 contacts × 10 + 40 strangers × 3, and one summary each */
	ck_assert_uint_le(iot_alert_inbox_size(in), 1 + 10 * 10 + 40 * 3 + 50);
	ck_assert_ptr_nonnull(iot_alert_inbox_get(in, alarm));
	ck_assert_uint_le(notified_before, 10 * 10 + 40 * 3 + 50 * 2);
	/* every alert is accounted for: entries + what the summaries say */
	l = iot_alert_inbox_list(in, &(IotAlertFilter){ .thing = "src11@spam.example" });
	ck_assert_uint_eq(l->len, 4);
	ck_assert_uint_eq(((IotAlert *)l->pdata[0])->count, 200 - 3);
	ck_assert_int_eq(((IotAlert *)l->pdata[0])->severity, IOT_ALERT_ALARM);
	g_ptr_array_unref(l);
	/* far below the main loop's 50 ms, even in a sanitised build */
	ck_assert_int_lt(g_get_monotonic_time() - t0, 2 * G_USEC_PER_SEC);
	iot_alert_free(a);
	iot_alert_inbox_free(in);
}
END_TEST

/* Strangers by the thousand, each under its own cap, fill the inbox: the
 * global cap pushes out their entries, never the contact's open alarm. */
START_TEST(test_stranger_flood_never_pushes_out_alarms)
{
	IotAlertInboxConfig cfg;
	IotAlertInbox *in;
	IotAlert *a = iot_alert_new();
	guint64 alarm, warn;
	int i;

	iot_alert_inbox_config_default(&cfg);
	cfg.max_entries = 100;
	in = iot_alert_inbox_new(&cfg);
	add(in, "boiler@home.example", IOT_ALERT_ALARM, "Pressure low", T0, &alarm);
	add(in, "door@home.example", IOT_ALERT_WARNING, "Door open", T0, &warn);
	a->stranger = TRUE;
	a->severity = IOT_ALERT_ALARM;
	for (i = 0; i < 5000; i++) {
		char *thing = g_strdup_printf("s%d@evil.example", i);

		iot_alert_set_source(a, "me@home.example", thing, NULL, NULL);
		iot_alert_set_text(a, "FIRE!!!", -1);
		iot_alert_inbox_add(in, a, NULL, T0 + i, NULL);
		g_free(thing);
	}
	ck_assert_uint_le(iot_alert_inbox_size(in), 100);
	ck_assert_ptr_nonnull(iot_alert_inbox_get(in, alarm));
	ck_assert_ptr_nonnull(iot_alert_inbox_get(in, warn));
	/* 20,000 senders more within the same minute: what is kept of them stays bounded */
	for (i = 0; i < 20000; i++) {
		char *thing = g_strdup_printf("m%d@evil.example", i);

		iot_alert_set_source(a, "me@home.example", thing, NULL, NULL);
		iot_alert_inbox_add(in, a, NULL, T0 + 5000 + i, NULL);
		g_free(thing);
	}
	ck_assert_uint_le(iot_alert_inbox_tracked_sources(in),
	                  IOT_ALERT_INBOX_MAX_SOURCES + IOT_ALERT_INBOX_MAX_SOURCES / 4 + 1);
	ck_assert_ptr_nonnull(iot_alert_inbox_get(in, alarm));
	iot_alert_free(a);
	iot_alert_inbox_free(in);
}
END_TEST

START_TEST(test_restore_keeps_ids)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	IotAlert *a = make("door@h", IOT_ALERT_WARNING, "Door open");
	guint64 id;

	a->id = 41;
	a->state = IOT_ALERT_ACKNOWLEDGED;
	a->first = a->last = T0;
	ck_assert(iot_alert_inbox_restore(in, a));
	ck_assert(!iot_alert_inbox_restore(in, a));
	ck_assert_int_eq(iot_alert_inbox_get(in, 41)->state, IOT_ALERT_ACKNOWLEDGED);
	add(in, "door@h", IOT_ALERT_WARNING, "Door open", T0 + 1, &id);
	ck_assert_uint_eq(id, 42);
	iot_alert_free(a);
	iot_alert_inbox_free(in);
}
END_TEST

Suite *
iot_alert_suite(void)
{
	Suite *s = suite_create("alert");
	TCase *tc = tcase_create("inbox");

	tcase_add_test(tc, test_text_kept_literal_and_bounded);
	tcase_add_test(tc, test_names_round_trip);
	tcase_add_test(tc, test_merge_identical_within_window);
	tcase_add_test(tc, test_throttle_with_summary);
	tcase_add_test(tc, test_snooze_expiry);
	tcase_add_test(tc, test_quiet_hours_defer_to_their_end);
	tcase_add_test(tc, test_actions_on_many_and_source);
	tcase_add_test(tc, test_rule_clear_and_remind);
	tcase_add_test(tc, test_cap_drops_dismissed_first);
	tcase_add_test(tc, test_flood_is_bounded);
	tcase_add_test(tc, test_stranger_flood_never_pushes_out_alarms);
	tcase_add_test(tc, test_restore_keeps_ids);
	suite_add_tcase(s, tc);
	return s;
}
