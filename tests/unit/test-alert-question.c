/* test-alert-question.c — owner questions in the alert inbox: the severity
 * "question", found and updated by key, never throttled, capped, summed up
 * or dropped by quiet hours, and kept in the store (a later migration step)
 * with their key. On a virtual clock; the store in a temp directory. */
#include "iot-tests.h"

#include "iot-alert-inbox.h"
#include "iot-alert.h"
#include "iot-store-alert.h"
#include "iot-store-private.h"

#include <string.h>

/* 2026-01-05 12:00:00 UTC (the suite runs with TZ=UTC). */
#define T0 ((gint64)1767614400 * G_USEC_PER_SEC)
#define MINUTE IOT_ALERT_MINUTE
#define HOUR IOT_ALERT_HOUR
#define ME "me@home.example"
#define THERMO "thermo@home.example"

static IotAlert *
question(const char *key, const char *text, guint count)
{
	IotAlert *a = iot_alert_new();

	iot_alert_set_source(a, ME, THERMO, NULL, NULL);
	a->severity = IOT_ALERT_QUESTION;
	ck_assert(iot_alert_set_question(a, key));
	iot_alert_set_text(a, text, -1);
	a->count = count;
	return a;
}

static IotAlertAddResult
add_question(IotAlertInbox *in, const char *key, const char *text, guint count, gint64 now, guint64 *id)
{
	IotAlert *a = question(key, text, count);
	IotAlertAddResult r = iot_alert_inbox_add(in, a, NULL, now, id);

	iot_alert_free(a);
	return r;
}

static IotAlertAddResult
add_alert(IotAlertInbox *in, const char *thing, IotAlertSeverity sev, const char *text, gint64 now)
{
	IotAlert *a = iot_alert_new();
	IotAlertAddResult r;

	iot_alert_set_source(a, ME, thing, NULL, NULL);
	a->severity = sev;
	iot_alert_set_text(a, text, -1);
	r = iot_alert_inbox_add(in, a, NULL, now, NULL);
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

START_TEST(test_question_severity_words_and_rank)
{
	IotAlertSeverity s;
	IotAlert *a = iot_alert_new(), *c;

	ck_assert_str_eq(iot_alert_severity_name(IOT_ALERT_QUESTION), "question");
	ck_assert(iot_alert_severity_from_name("question", &s));
	ck_assert_int_eq(s, IOT_ALERT_QUESTION);
	ck_assert_str_eq(iot_alert_severity_text(IOT_ALERT_QUESTION), "Question");
	/* a question is louder than information, quieter than a warning */
	ck_assert_uint_lt(iot_alert_severity_rank(IOT_ALERT_INFO), iot_alert_severity_rank(IOT_ALERT_QUESTION));
	ck_assert_uint_lt(iot_alert_severity_rank(IOT_ALERT_QUESTION), iot_alert_severity_rank(IOT_ALERT_WARNING));
	ck_assert_int_eq(iot_alert_severity_louder(IOT_ALERT_QUESTION, IOT_ALERT_WARNING), IOT_ALERT_WARNING);
	ck_assert_int_eq(iot_alert_severity_louder(IOT_ALERT_ALARM, IOT_ALERT_QUESTION), IOT_ALERT_ALARM);
	ck_assert_int_eq(iot_alert_severity_louder(IOT_ALERT_INFO, IOT_ALERT_QUESTION), IOT_ALERT_QUESTION);
	/* keys: printable ASCII, bounded */
	ck_assert(!iot_alert_set_question(a, ""));
	ck_assert(!iot_alert_set_question(a, "has space"));
	ck_assert(!iot_alert_set_question(a, "tab\there"));
	ck_assert(!iot_alert_set_question(a, "é"));
	{
		char *long_key = g_strnfill(IOT_ALERT_MAX_QUESTION + 1, 'a');

		ck_assert(!iot_alert_set_question(a, long_key));
		long_key[IOT_ALERT_MAX_QUESTION] = '\0';
		ck_assert(iot_alert_set_question(a, long_key));
		g_free(long_key);
	}
	ck_assert(iot_alert_set_question(a, "q1"));
	a->severity = IOT_ALERT_QUESTION;
	ck_assert(iot_alert_is_question(a));
	c = iot_alert_copy(a);
	ck_assert_str_eq(c->question, "q1");
	ck_assert(c->question != a->question);
	iot_alert_free(c);
	iot_alert_free(a);
}
END_TEST

START_TEST(test_question_found_and_updated_by_key)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	Counts c = { 0 };
	guint64 id = 0, id2 = 0;
	const IotAlert *e;

	iot_alert_inbox_set_listener(in, count_changes, &c, NULL);
	ck_assert_int_eq(add_question(in, "k1", "May bob@x.example read " THERMO "?", 1, T0, &id),
	                 IOT_ALERT_ADD_NEW);
	ck_assert_uint_eq(c.added, 1);
	ck_assert_uint_eq(c.notified, 1);
	e = iot_alert_inbox_find_question(in, ME, "k1");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->id, id);
	ck_assert_int_eq(e->severity, IOT_ALERT_QUESTION);
	ck_assert(!e->urgent);
	ck_assert_ptr_null(iot_alert_inbox_find_question(in, "other@home.example", "k1"));
	ck_assert_ptr_null(iot_alert_inbox_find_question(in, ME, "k2"));
	/* the same again (a restart, a reconnect): nothing changes, nobody is told */
	ck_assert_int_eq(add_question(in, "k1", "May bob@x.example read " THERMO "?", 1, T0 + HOUR, &id2),
	                 IOT_ALERT_ADD_MERGED);
	ck_assert_uint_eq(id2, id);
	ck_assert_uint_eq(c.updated, 0);
	ck_assert_uint_eq(iot_alert_inbox_size(in), 1);
	/* read, then an identical question merged into the group: NEW again, told, one entry */
	ck_assert_uint_eq(iot_alert_inbox_mark_read(in, &id, 1, T0 + MINUTE), 1);
	c.notified = 0;
	ck_assert_int_eq(add_question(in, "k1", "May bob@x.example read " THERMO "? (2 times)", 2, T0 + 2 * HOUR,
	                              &id2), IOT_ALERT_ADD_MERGED);
	e = iot_alert_inbox_get(in, id);
	ck_assert_uint_eq(e->count, 2);
	ck_assert_int_eq(e->state, IOT_ALERT_NEW);
	ck_assert_int_eq(e->last, T0 + 2 * HOUR);
	ck_assert_str_eq(e->text, "May bob@x.example read " THERMO "? (2 times)");
	ck_assert_uint_eq(c.notified, 1);
	ck_assert_uint_eq(iot_alert_inbox_size(in), 1);
	/* a question never merges by text with another key */
	ck_assert_int_eq(add_question(in, "k2", "May bob@x.example read " THERMO "? (2 times)", 2, T0 + 2 * HOUR,
	                              &id2), IOT_ALERT_ADD_NEW);
	ck_assert_uint_ne(id2, id);
	/* taken away only when asked */
	ck_assert(iot_alert_inbox_remove(in, id));
	ck_assert_uint_eq(c.removed, 1);
	ck_assert_ptr_null(iot_alert_inbox_find_question(in, ME, "k1"));
	ck_assert(!iot_alert_inbox_remove(in, id));
	/* a question without a key is information */
	{
		IotAlert *a = question("k3", "no key", 1);
		guint64 id3;

		g_clear_pointer(&a->question, g_free);
		iot_alert_inbox_add(in, a, NULL, T0, &id3);
		ck_assert_int_eq(iot_alert_inbox_get(in, id3)->severity, IOT_ALERT_INFO);
		iot_alert_free(a);
	}
	iot_alert_inbox_free(in);
}
END_TEST

/* A flood from the thing, a full inbox: the question stays, untouched. */
START_TEST(test_question_never_throttled_or_pushed_out)
{
	IotAlertInboxConfig cfg;
	IotAlertInbox *in;
	guint64 id = 0;
	guint i;
	const IotAlert *e;
	GPtrArray *l;
	IotAlertFilter f = { 0 };

	iot_alert_inbox_config_default(&cfg);
	cfg.max_entries = 10;
	cfg.rate_max = 2;
	cfg.per_source_max = 2;
	in = iot_alert_inbox_new(&cfg);
	/* the thing's alerts fill its rate first */
	add_alert(in, THERMO, IOT_ALERT_WARNING, "hot 1", T0);
	add_alert(in, THERMO, IOT_ALERT_WARNING, "hot 2", T0);
	ck_assert_int_eq(add_alert(in, THERMO, IOT_ALERT_WARNING, "hot 3", T0), IOT_ALERT_ADD_THROTTLED);
	/* a question of it is still an entry of its own */
	ck_assert_int_eq(add_question(in, "k1", "May bob read?", 1, T0, &id), IOT_ALERT_ADD_NEW);
	ck_assert_int_eq(add_question(in, "k2", "May eve read?", 1, T0, NULL), IOT_ALERT_ADD_NEW);
	ck_assert_int_eq(add_question(in, "k3", "May joe read?", 1, T0, NULL), IOT_ALERT_ADD_NEW);
	/* and the thing's own alerts are not held back by its questions */
	add_alert(in, "door@home.example", IOT_ALERT_ALARM, "open", T0);
	/* a flood of alarms from many others: the cap pushes out all but the questions */
	for (i = 0; i < 200; i++) {
		char *thing = g_strdup_printf("t%u@home.example", i);

		add_alert(in, thing, IOT_ALERT_ALARM, "alarm", T0 + i);
		g_free(thing);
	}
	ck_assert_uint_le(iot_alert_inbox_size(in), 10);
	e = iot_alert_inbox_get(in, id);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->severity, IOT_ALERT_QUESTION);
	ck_assert_int_eq(e->origin, IOT_ALERT_ORIGIN_EVENT);
	ck_assert_ptr_nonnull(iot_alert_inbox_find_question(in, ME, "k2"));
	ck_assert_ptr_nonnull(iot_alert_inbox_find_question(in, ME, "k3"));
	/* an inbox of nothing but questions: more still come in, none goes */
	for (i = 0; i < 20; i++) {
		char *k = g_strdup_printf("many%u", i);

		ck_assert_int_eq(add_question(in, k, "May someone read?", 1, T0 + HOUR, NULL), IOT_ALERT_ADD_NEW);
		g_free(k);
	}
	f.severities = 1u << IOT_ALERT_QUESTION;
	l = iot_alert_inbox_list(in, &f);
	ck_assert_uint_eq(l->len, 23);
	g_ptr_array_unref(l);
	/* acknowledging everything leaves the questions waiting for their answer */
	iot_alert_inbox_acknowledge_all(in, T0 + 2 * HOUR);
	iot_alert_inbox_acknowledge_source(in, ME, THERMO, T0 + 2 * HOUR);
	ck_assert(iot_alert_is_open(iot_alert_inbox_get(in, id)));
	iot_alert_inbox_free(in);
}
END_TEST

/* Quiet hours hold a question's notice back, never drop it, and tell it on
 * its own at their end (not summed up with the alerts). */
START_TEST(test_question_through_quiet_hours)
{
	IotAlertInboxConfig cfg;
	IotAlertInbox *in;
	Counts c = { 0 };
	gint64 night = T0 + 11 * HOUR, morning = T0 + 19 * HOUR; /* 23:00, 07:00 */
	guint64 id = 0;
	GPtrArray *l;
	IotAlertFilter f = { 0 };
	guint i, summaries = 0;

	iot_alert_inbox_config_default(&cfg);
	cfg.quiet.enabled = TRUE;
	cfg.quiet.start_min = 22 * 60;
	cfg.quiet.end_min = 7 * 60;
	in = iot_alert_inbox_new(&cfg);
	iot_alert_inbox_set_listener(in, count_changes, &c, NULL);
	ck_assert_int_eq(add_question(in, "k1", "May bob read?", 1, night, &id), IOT_ALERT_ADD_DEFERRED);
	add_alert(in, THERMO, IOT_ALERT_WARNING, "hot", night);
	ck_assert_uint_eq(c.notified, 0);
	ck_assert_ptr_nonnull(iot_alert_inbox_get(in, id));
	ck_assert_int_eq(iot_alert_inbox_next_tick(in), morning);
	iot_alert_inbox_tick(in, morning);
	ck_assert_int_eq(iot_alert_inbox_get(in, id)->deferred_until, 0);
	ck_assert_int_eq(iot_alert_inbox_get(in, id)->severity, IOT_ALERT_QUESTION);
	/* told: the question and one summary of the warning */
	ck_assert_uint_eq(c.notified, 2);
	l = iot_alert_inbox_list(in, &f);
	for (i = 0; i < l->len; i++) {
		const IotAlert *a = g_ptr_array_index(l, i);

		if (a->origin == IOT_ALERT_ORIGIN_QUIET) {
			summaries++;
			ck_assert_uint_eq(a->count, 1); /* the warning alone */
			ck_assert_int_eq(a->severity, IOT_ALERT_WARNING);
		}
	}
	ck_assert_uint_eq(summaries, 1);
	g_ptr_array_unref(l);
	iot_alert_inbox_free(in);
}
END_TEST

/* ---- the store ---- */

static char *tmp;
static char *path;
static IotStore *st;

static void
setup(void)
{
	st = iot_test_store_fresh("iot-alert-question-XXXXXX", &tmp, &path);
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

START_TEST(test_store_keeps_question_key)
{
	IotAlert *a = question("0123abcd", "May bob read " THERMO " (Temperature)?", 3), *b;
	GPtrArray *l;
	GError *e = NULL;

	a->id = 5;
	a->first = T0;
	a->last = T0 + MINUTE;
	ck_assert_msg(iot_store_alert_put(st, a, &e), "%s", e ? e->message : "");
	iot_alert_free(a);
	a = iot_alert_new();
	a->id = 6;
	iot_alert_set_source(a, ME, THERMO, NULL, NULL);
	iot_alert_set_text(a, "hot", -1);
	a->first = a->last = T0;
	ck_assert(iot_store_alert_put(st, a, NULL));
	iot_alert_free(a);
	l = iot_store_alert_entries(st, 10, &e);
	ck_assert_msg(l != NULL, "%s", e ? e->message : "");
	ck_assert_uint_eq(l->len, 2);
	b = g_ptr_array_index(l, 1); /* oldest first: 6 (T0), then 5 (T0 + 1 min) */
	ck_assert_uint_eq(b->id, 5);
	ck_assert_int_eq(b->severity, IOT_ALERT_QUESTION);
	ck_assert_str_eq(b->question, "0123abcd");
	ck_assert_uint_eq(b->count, 3);
	ck_assert(iot_alert_is_question(b));
	b = g_ptr_array_index(l, 0);
	ck_assert_ptr_null(b->question);
	g_ptr_array_unref(l);
	/* rows another program wrote: a question without a key, a key on an
	 * alarm, a key with a space — each skipped */
	exec("UPDATE alert_entry SET question = NULL WHERE id = 5");
	exec("INSERT INTO alert_entry SELECT 7, account, thing, node, field, 'alarm', text, first, last, cleared, "
	     "count, state, snoozed_until, deferred_until, urgent, stranger, origin, rule_id, span, 'k' FROM "
	     "alert_entry WHERE id = 6");
	exec("INSERT INTO alert_entry SELECT 8, account, thing, node, field, 'question', text, first, last, cleared, "
	     "count, state, snoozed_until, deferred_until, urgent, stranger, origin, rule_id, span, 'a b' FROM "
	     "alert_entry WHERE id = 6");
	l = iot_store_alert_entries(st, 10, NULL);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_uint_eq(((IotAlert *)g_ptr_array_index(l, 0))->id, 6);
	g_ptr_array_unref(l);
}
END_TEST

/* A file made before the step (the six steps up to the owner's rules) gets
 * the column, its entries kept. */
START_TEST(test_store_migrates_older_file)
{
	char *dir = iot_test_make_tmpdir("iot-alert-question-old-XXXXXX");
	char *file = g_build_filename(dir, "store.db", NULL);
	sqlite3 *db;
	IotStore *old;
	GPtrArray *l;
	GError *e = NULL;
	guint v;

	ck_assert_int_eq(sqlite3_open(file, &db), SQLITE_OK);
	for (v = 0; v < iot_store_schema_version(); v++) {
		if (g_strcmp0(iot_store_schema_step(v), iot_store_alert_question_migration()) == 0)
			break;
		ck_assert_int_eq(sqlite3_exec(db, iot_store_schema_step(v), NULL, NULL, NULL), SQLITE_OK);
	}
	ck_assert_uint_lt(v, iot_store_schema_version());
	{
		char *sql = g_strdup_printf(
		    "PRAGMA application_id = %d; PRAGMA user_version = %u;"
		    "INSERT INTO alert_entry VALUES (1, '" ME "', '" THERMO "', NULL, NULL, 'warning', 'hot', 1, 2, 0, "
		    "1, 'new', 0, 0, 0, 0, 'headline', 0, 0);",
		    IOT_STORE_APPLICATION_ID, v);

		ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		g_free(sql);
	}
	sqlite3_close(db);
	old = iot_store_open(file, NULL, &e);
	ck_assert_msg(old != NULL, "%s", e ? e->message : "");
	l = iot_store_alert_entries(old, 10, NULL);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_str_eq(((IotAlert *)g_ptr_array_index(l, 0))->text, "hot");
	ck_assert_ptr_null(((IotAlert *)g_ptr_array_index(l, 0))->question);
	g_ptr_array_unref(l);
	iot_store_close(old);
	iot_test_remove_tree(dir);
	g_free(dir);
	g_free(file);
}
END_TEST

Suite *
iot_alert_question_suite(void)
{
	Suite *s = suite_create("alert-question");
	TCase *tc = tcase_create("inbox");
	TCase *ts = tcase_create("store");

	tcase_add_test(tc, test_question_severity_words_and_rank);
	tcase_add_test(tc, test_question_found_and_updated_by_key);
	tcase_add_test(tc, test_question_never_throttled_or_pushed_out);
	tcase_add_test(tc, test_question_through_quiet_hours);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(ts, setup, teardown);
	tcase_add_test(ts, test_store_keeps_question_key);
	tcase_add_test(ts, test_store_migrates_older_file);
	suite_add_tcase(s, ts);
	return s;
}
