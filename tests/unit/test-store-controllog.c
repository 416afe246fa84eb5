/* test-store-controllog.c — the control log in the store: every field kept,
 * newest first in pages, the filter in SQL, an outcome set after the row,
 * retention in bounded steps, the import of the text file (once, however
 * often it runs), rows another program wrote, two clients writing at once,
 * and a read-only, full or busy database. Each test works in a temp
 * directory. */
#include "iot-tests.h"

#include "iot-controllog.h"
#include "iot-limits.h"
#include "iot-store-controllog.h"
#include "iot-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define T0 G_GINT64_CONSTANT(1714550400123456) /* 2024-05-01T08:00:00.123456Z */
#define THING "lamp@home.example"
#define ACCOUNT "alice@home.example"

static char *tmp;  /* the test's directory */
static char *path; /* tmp/xmpp-iot/store.db */
static IotStore *st;

static IotStore *
open_store(void)
{
	GError *e = NULL;
	IotStore *s = iot_store_open(path, NULL, &e);

	ck_assert_msg(s != NULL, "open: %s", e ? e->message : "");
	return s;
}

static void
setup(void)
{
	tmp = iot_test_make_tmpdir("iot-store-controllog-XXXXXX");
	path = g_build_filename(tmp, "xmpp-iot", "store.db", NULL);
	st = open_store();
}

static void
teardown(void)
{
	iot_store_close(st);
	st = NULL;
	iot_test_remove_tree(tmp);
	g_free(tmp);
	g_free(path);
}

static void
exec(IotStore *s, const char *sql)
{
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(iot_store_db(s), sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql,
	              msg ? msg : "");
}

static void
assert_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		ck_assert_msg(a == b, "“%s” vs “%s”", a ? a : "(null)", b ? b : "(null)");
	else
		ck_assert_str_eq(a, b);
}

static void
assert_entry_eq(const IotControlLogEntry *a, const IotControlLogEntry *b)
{
	ck_assert_int_eq(a->time, b->time);
	assert_same(a->account, b->account);
	assert_same(a->thing, b->thing);
	assert_same(a->node, b->node);
	assert_same(a->node_source, b->node_source);
	assert_same(a->node_partition, b->node_partition);
	assert_same(a->param, b->param);
	assert_same(a->old_value, b->old_value);
	assert_same(a->new_value, b->new_value);
	ck_assert_int_eq(a->outcome, b->outcome);
	assert_same(a->detail, b->detail);
}

static gint64
append(gint64 t, const char *param, const char *new_value)
{
	IotControlLogEntry e = { t, (char *)THING, NULL, (char *)param, NULL, (char *)new_value,
		                 IOT_CONTROL_OUTCOME_APPLIED, NULL, (char *)ACCOUNT };
	GError *error = NULL;
	gint64 id = 0;

	ck_assert_msg(iot_store_controllog_append(st, &e, &id, &error), "%s", error ? error->message : "");
	ck_assert_int_gt(id, 0);
	return id;
}

static GPtrArray *
query(guint limit, guint offset, const char *filter)
{
	GError *error = NULL;
	GPtrArray *rows = iot_store_controllog_query(st, limit, offset, filter, &error);

	ck_assert_msg(rows != NULL, "%s", error ? error->message : "");
	return rows;
}

static const IotControlLogEntry *
row_entry(GPtrArray *rows, guint i)
{
	ck_assert_uint_gt(rows->len, i);
	return ((IotStoreControlLogRow *)g_ptr_array_index(rows, i))->entry;
}

static gint64
count(const char *filter)
{
	GError *error = NULL;
	gint64 n = iot_store_controllog_count(st, filter, &error);

	ck_assert_msg(n >= 0, "%s", error ? error->message : "");
	return n;
}

START_TEST(test_every_field_newest_first_in_pages)
{
	static const IotControlLogEntry entries[] = {
		{ T0, THING, NULL, "Power", NULL, "true", IOT_CONTROL_OUTCOME_APPLIED, NULL, ACCOUNT },
		{ T0 + 1, "gw@home.example", "Lamp1", "Level", "40", "55", IOT_CONTROL_OUTCOME_NOT_APPLIED, "",
		  ACCOUNT, "MeteringTopology", "2" },
		{ T0 + 2, THING, "", "Label", "", "", IOT_CONTROL_OUTCOME_REFUSED, "Label: Value\tnot\nvalid.\r",
		  NULL, "", "" },
		{ T0 + 2, "ünïcödé@home.example", "Knoten ☃", "Größe", "line 1\nline 2", "'; DROP TABLE x; --",
		  IOT_CONTROL_OUTCOME_UNKNOWN, "%_\\", "bob@home.example/Pidgin" },
		{ -1, THING, "-", "\\-", "-", "\\", IOT_CONTROL_OUTCOME_APPLIED, "C:\\new\\table" },
	};
	GPtrArray *rows;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(entries); i++) {
		gint64 id = 0;

		ck_assert(iot_store_controllog_append(st, &entries[i], &id, NULL));
		ck_assert_int_gt(id, 0);
	}
	ck_assert_int_eq(count(NULL), G_N_ELEMENTS(entries));
	ck_assert_int_eq(count(""), G_N_ELEMENTS(entries));
	/* Newest first; of equal times, the one written later first. */
	rows = query(100, 0, NULL);
	ck_assert_uint_eq(rows->len, 5);
	assert_entry_eq(row_entry(rows, 0), &entries[3]);
	assert_entry_eq(row_entry(rows, 1), &entries[2]);
	assert_entry_eq(row_entry(rows, 2), &entries[1]);
	assert_entry_eq(row_entry(rows, 3), &entries[0]);
	assert_entry_eq(row_entry(rows, 4), &entries[4]);
	ck_assert_int_gt(((IotStoreControlLogRow *)g_ptr_array_index(rows, 0))->id,
	                 ((IotStoreControlLogRow *)g_ptr_array_index(rows, 1))->id);
	g_ptr_array_unref(rows);
	/* Pages. */
	rows = query(2, 1, NULL);
	ck_assert_uint_eq(rows->len, 2);
	assert_entry_eq(row_entry(rows, 0), &entries[2]);
	assert_entry_eq(row_entry(rows, 1), &entries[1]);
	g_ptr_array_unref(rows);
	rows = query(2, 4, NULL);
	ck_assert_uint_eq(rows->len, 1);
	g_ptr_array_unref(rows);
	rows = query(2, 5, NULL);
	ck_assert_uint_eq(rows->len, 0);
	g_ptr_array_unref(rows);
	/* Kept across a close. */
	iot_store_close(st);
	st = open_store();
	rows = query(1, 0, NULL);
	assert_entry_eq(row_entry(rows, 0), &entries[3]);
	g_ptr_array_unref(rows);
}
END_TEST

/* What goes in is bounded and cleaned as an entry of the log is. */
START_TEST(test_hostile_strings_are_cleaned_on_the_way_in)
{
	char *huge = g_strnfill(10 * IOT_MAX_VALUE_BYTES, 'v');
	IotControlLogEntry e = { G_MAXINT64, "lamp\x01@home\x1b[31m.example\x7f", "No\tde\nId",
		                 "Pa\xc2\x85ram", "old\xff\xfe value", huge, (IotControlOutcome)77,
		                 "It said \x1b]0;owned\x07 no", "alice\n@home.example" };
	const IotControlLogEntry *got;
	GPtrArray *rows;

	ck_assert(iot_store_controllog_append(st, &e, NULL, NULL));
	rows = query(10, 0, NULL);
	got = row_entry(rows, 0);
	ck_assert_str_eq(got->thing, "lamp@home[31m.example");
	ck_assert_str_eq(got->node, "NodeId");
	ck_assert_str_eq(got->param, "Param");
	ck_assert_str_eq(got->old_value, "old\xef\xbf\xbd\xef\xbf\xbd value");
	ck_assert_uint_eq(strlen(got->new_value), IOT_MAX_VALUE_BYTES);
	ck_assert_str_eq(got->detail, "It said ]0;owned no");
	ck_assert_str_eq(got->account, "alice@home.example");
	ck_assert_int_eq(got->outcome, IOT_CONTROL_OUTCOME_UNKNOWN);
	ck_assert_int_lt(got->time, G_MAXINT64); /* kept within year 9999 */
	g_ptr_array_unref(rows);
	g_free(huge);
}
END_TEST

START_TEST(test_filter_is_done_in_sql)
{
	IotControlLogEntry e = { T0, "gw@home.example", "Lamp_1", "Level", "40%", "55",
		                 IOT_CONTROL_OUTCOME_REFUSED, "Value out of range.", ACCOUNT, "Src\\A", "Part" };
	char *too_long = g_strnfill(IOT_MAX_VALUE_BYTES + 1, 'a');
	GPtrArray *rows;

	ck_assert(iot_store_controllog_append(st, &e, NULL, NULL));
	append(T0 + 1, "Power", "true");
	append(T0 + 2, "LampX1", "100");
	/* Any text column; ASCII letters in any case. */
	ck_assert_int_eq(count("gw@"), 1);
	ck_assert_int_eq(count("OUT OF"), 1);
	ck_assert_int_eq(count("power"), 1);
	ck_assert_int_eq(count("src\\a"), 1);
	ck_assert_int_eq(count("part"), 1);
	ck_assert_int_eq(count("alice@"), 3);
	ck_assert_int_eq(count("40"), 1);
	ck_assert_int_eq(count("lamp"), 3); /* lamp@…, Lamp_1, LampX1 */
	/* LIKE's own characters are matched as themselves. */
	ck_assert_int_eq(count("Lamp_"), 1);
	ck_assert_int_eq(count("0%"), 1);
	ck_assert_int_eq(count("%"), 1);
	ck_assert_int_eq(count("\\"), 1);
	ck_assert_int_eq(count("nothing like it"), 0);
	ck_assert_int_eq(count(too_long), 0);
	rows = query(10, 0, "lamp");
	ck_assert_uint_eq(rows->len, 3);
	ck_assert_str_eq(row_entry(rows, 0)->param, "LampX1");
	g_ptr_array_unref(rows);
	rows = query(10, 0, "Lamp_");
	ck_assert_uint_eq(rows->len, 1);
	ck_assert_str_eq(row_entry(rows, 0)->node, "Lamp_1");
	g_ptr_array_unref(rows);
	rows = query(10, 0, too_long);
	ck_assert_uint_eq(rows->len, 0);
	g_ptr_array_unref(rows);
	g_free(too_long);
}
END_TEST

/* The answer comes after the row was written. */
START_TEST(test_outcome_is_set_on_the_row)
{
	IotControlLogEntry e = { T0, THING, NULL, "Power", "false", "true", IOT_CONTROL_OUTCOME_UNKNOWN, NULL };
	gint64 id = 0, other = append(T0 + 5, "Level", "3");
	GPtrArray *rows;

	ck_assert(iot_store_controllog_append(st, &e, &id, NULL));
	ck_assert(iot_store_controllog_set_outcome(st, id, IOT_CONTROL_OUTCOME_REFUSED, "It said\x01 no.", NULL));
	rows = query(10, 0, NULL);
	ck_assert_int_eq(row_entry(rows, 1)->outcome, IOT_CONTROL_OUTCOME_REFUSED);
	ck_assert_str_eq(row_entry(rows, 1)->detail, "It said no.");
	ck_assert_str_eq(row_entry(rows, 1)->old_value, "false");
	ck_assert_int_eq(row_entry(rows, 0)->outcome, IOT_CONTROL_OUTCOME_APPLIED); /* only that row */
	g_ptr_array_unref(rows);
	ck_assert(iot_store_controllog_set_outcome(st, id, IOT_CONTROL_OUTCOME_APPLIED, NULL, NULL));
	rows = query(10, 0, NULL);
	ck_assert_int_eq(row_entry(rows, 1)->outcome, IOT_CONTROL_OUTCOME_APPLIED);
	ck_assert_ptr_null(row_entry(rows, 1)->detail);
	g_ptr_array_unref(rows);
	/* A row that is gone is no error, and no other row changes. */
	ck_assert(iot_store_controllog_set_outcome(st, id + other + 100, IOT_CONTROL_OUTCOME_REFUSED, "zqz", NULL));
	ck_assert_int_eq(count("zqz"), 0);
}
END_TEST

START_TEST(test_trim_keeps_the_newest_in_bounded_steps)
{
	gboolean more = TRUE;
	GPtrArray *rows;
	guint i, steps = 0;
	gint64 first_id = 0, id;

	/* Written out of time order: the newest by time are kept. */
	for (i = 0; i < 25; i++) {
		char *v = g_strdup_printf("%u", i);

		id = append(T0 + (gint64)((i * 7) % 25) * G_USEC_PER_SEC, "Counter", v);
		if (i == 0)
			first_id = id;
		g_free(v);
	}
	while (more) {
		ck_assert(iot_store_controllog_trim(st, 10, 4, &more, NULL));
		ck_assert_uint_lt(++steps, 10);
		ck_assert_int_ge(count(NULL), 10);
	}
	ck_assert_uint_eq(steps, 4); /* 4 + 4 + 4 + 3 */
	ck_assert_int_eq(count(NULL), 10);
	rows = query(100, 0, NULL);
	ck_assert_int_eq(row_entry(rows, 0)->time, T0 + 24 * G_USEC_PER_SEC);
	ck_assert_int_eq(row_entry(rows, 9)->time, T0 + 15 * G_USEC_PER_SEC);
	g_ptr_array_unref(rows);
	/* Nothing beyond: nothing to do. */
	ck_assert(iot_store_controllog_trim(st, 10, 4, &more, NULL));
	ck_assert(!more);
	ck_assert_int_eq(count(NULL), 10);
	/* Keys are never given again, so a late answer cannot touch a new row. */
	id = append(T0, "Late", "1");
	ck_assert_int_gt(id, first_id + 24);
}
END_TEST

/* The newest page and the trim read the time index; no sort of the table. */
START_TEST(test_queries_use_the_time_index)
{
	static const char *const plans[] = {
		"EXPLAIN QUERY PLAN SELECT id FROM control_log ORDER BY t DESC, id DESC LIMIT 10 OFFSET 5",
		"EXPLAIN QUERY PLAN DELETE FROM control_log WHERE id IN (SELECT id FROM control_log "
		"ORDER BY t DESC, id DESC LIMIT 10 OFFSET 5)",
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(plans); i++) {
		sqlite3_stmt *stmt = NULL;
		GString *plan = g_string_new(NULL);

		ck_assert_int_eq(sqlite3_prepare_v2(iot_store_db(st), plans[i], -1, &stmt, NULL), SQLITE_OK);
		while (sqlite3_step(stmt) == SQLITE_ROW)
			g_string_append_printf(plan, "%s\n", sqlite3_column_text(stmt, 3));
		sqlite3_finalize(stmt);
		ck_assert_msg(strstr(plan->str, "control_log_by_time") != NULL, "%s", plan->str);
		ck_assert_msg(strstr(plan->str, "TEMP B-TREE") == NULL, "%s", plan->str);
		g_string_free(plan, TRUE);
	}
}
END_TEST

static IotControlLog *
load_text(const char *text)
{
	char *file = g_build_filename(tmp, "control-log.txt", NULL);
	GError *error = NULL;
	IotControlLog *log;

	ck_assert(g_file_set_contents(file, text, -1, NULL));
	log = iot_control_log_load(file, IOT_STORE_CONTROLLOG_KEEP, &error);
	ck_assert_msg(log != NULL, "%s", error ? error->message : "");
	g_free(file);
	return log;
}

START_TEST(test_import_once_however_often_it_runs)
{
	char *text = iot_test_fixture("controllog/basic.log"), *more;
	IotControlLog *log = load_text(text), *bigger;
	GPtrArray *rows;
	guint added = 99, i;

	append(T0 - 1, "Live", "1"); /* a live entry is never mistaken for an imported one */
	ck_assert_uint_eq(iot_control_log_len(log), 4);
	ck_assert(iot_store_controllog_import(st, log, &added, NULL));
	ck_assert_uint_eq(added, 4);
	ck_assert_int_eq(count(NULL), 5);
	/* Read back exactly as loaded, newest first; no account known. */
	rows = query(10, 0, NULL);
	for (i = 0; i < 4; i++)
		assert_entry_eq(row_entry(rows, i), iot_control_log_get(log, 3 - i));
	ck_assert_ptr_null(row_entry(rows, 0)->account);
	ck_assert_str_eq(row_entry(rows, 1)->detail, "Value out of range.");
	g_ptr_array_unref(rows);
	/* Twice: nothing new. */
	ck_assert(iot_store_controllog_import(st, log, &added, NULL));
	ck_assert_uint_eq(added, 0);
	ck_assert_int_eq(count(NULL), 5);
	/* The file grew meanwhile, with a line identical to one before: only
	 * what is new comes in, the repeated line as its own entry. */
	more = g_strconcat(text, "2024-05-01T08:00:00.123456Z\tlamp@home.example\t-\tPower\tfalse\ttrue\tapplied\t-\n",
	                   "2024-05-01T09:00:00Z\tlamp@home.example\t-\tPower\ttrue\tfalse\tapplied\t-\n", NULL);
	bigger = load_text(more);
	ck_assert(iot_store_controllog_import(st, bigger, &added, NULL));
	ck_assert_uint_eq(added, 2);
	ck_assert(iot_store_controllog_import(st, bigger, &added, NULL));
	ck_assert_uint_eq(added, 0);
	ck_assert_int_eq(count(NULL), 7);
	ck_assert_int_eq(count("applied"), 0); /* outcomes are not text columns */
	iot_control_log_free(bigger);
	iot_control_log_free(log);
	g_free(more);
	g_free(text);
}
END_TEST

/* What a loaded file holds survives the store unchanged: escapes, NULLs,
 * "-" as a value, the ends of the time range. */
START_TEST(test_import_keeps_every_field_of_the_file)
{
	char *text = iot_test_fixture("controllog/escapes.log");
	IotControlLog *log = load_text(text);
	GPtrArray *rows;
	guint i, n = iot_control_log_len(log);

	ck_assert_uint_eq(n, 3);
	ck_assert(iot_store_controllog_import(st, log, NULL, NULL));
	rows = query(10, 0, NULL);
	ck_assert_uint_eq(rows->len, n);
	for (i = 0; i < n; i++)
		assert_entry_eq(row_entry(rows, i), iot_control_log_get(log, n - 1 - i));
	g_ptr_array_unref(rows);
	iot_control_log_free(log);
	g_free(text);
}
END_TEST

/* Another program (or a damaged page) may leave anything in the table:
 * wrong types, NULLs, invalid UTF-8, huge texts, NULs, outcomes out of range. */
START_TEST(test_rows_another_program_wrote_are_checked)
{
	char *huge_sql;
	GPtrArray *rows;
	guint i;

	exec(st, "DROP TABLE control_log;"
	         "CREATE TABLE control_log (id INTEGER PRIMARY KEY AUTOINCREMENT, t, account, thing, node, "
	         "source, part, param, old_value, new_value, outcome, detail, import_key);"
	         "CREATE INDEX control_log_by_time ON control_log (t);");
	exec(st, "INSERT INTO control_log (t, thing, param, new_value, outcome) VALUES"
	         " ('yesterday', 'a@b', 'p', 'v', 0),"          /* time as text: skipped */
	         " (NULL, 'a@b', 'p', 'v', 0),"                 /* no time: skipped */
	         " (1, x'00ff', 'p', 'v', 0),"                  /* thing a blob: skipped */
	         " (2, 'a@b', NULL, 'v', 0),"                   /* no parameter: skipped */
	         " (3, 'a@b', 'p', 42, 0),"                     /* value a number: skipped */
	         " (4, 'a@b', 'p', 'v', 77),"                   /* outcome out of range: unknown */
	         " (5, 'a@b', 'p', 'v', 'applied'),"            /* outcome as text: unknown */
	         " (6, CAST(x'61ff40e282' AS TEXT), 'p', 'v', 2),"   /* invalid UTF-8: replaced */
	         " (7, CAST(x'614062006364' AS TEXT), 'p', 'v', 1)"); /* a NUL: cut there */
	exec(st, "INSERT INTO control_log (t, thing, param, new_value, outcome, detail, node, account, "
	         "old_value) VALUES (8, 'a@b', 'p', 'v', 0, CAST(x'01' AS TEXT), 3.5, -1, x'')");
	huge_sql = g_strdup_printf("INSERT INTO control_log (t, thing, param, new_value, outcome, detail) "
	                           "VALUES (9, 'a@b', 'p', replace(hex(zeroblob(%d)), '0', 'x'), 0, "
	                           "replace(hex(zeroblob(%d)), '0', 'd'))",
	                           32 * IOT_MAX_VALUE_BYTES, 32 * IOT_MAX_ERROR_TEXT);
	exec(st, huge_sql);
	g_free(huge_sql);
	exec(st, "INSERT INTO control_log (t, thing, param, new_value, outcome) VALUES "
	         "(9223372036854775807, 'a@b', 'p', 'v', 0), (-9223372036854775808, 'a@b', 'p', 'v', 0)");

	rows = query(100, 0, NULL);
	ck_assert_uint_eq(rows->len, 8);
	for (i = 0; i < rows->len; i++) {
		const IotControlLogEntry *e = row_entry(rows, i);

		ck_assert(g_utf8_validate(e->thing, -1, NULL) && strlen(e->thing) <= IOT_MAX_NAME_BYTES);
		ck_assert(g_utf8_validate(e->new_value, -1, NULL) && strlen(e->new_value) <= IOT_MAX_VALUE_BYTES);
		ck_assert(e->detail == NULL || strlen(e->detail) <= IOT_MAX_ERROR_TEXT);
		ck_assert_int_lt((int)e->outcome, IOT_CONTROL_OUTCOME_COUNT);
	}
	/* Newest first: the times clamped to years 1000 to 9999 keep their order. */
	ck_assert_uint_eq(strlen(row_entry(rows, 1)->new_value), IOT_MAX_VALUE_BYTES);
	ck_assert_uint_eq(strlen(row_entry(rows, 1)->detail), IOT_MAX_ERROR_TEXT);
	/* Row 8: a detail of a control character is empty; other types are none. */
	ck_assert_str_eq(row_entry(rows, 2)->detail, "");
	ck_assert_ptr_null(row_entry(rows, 2)->node);
	ck_assert_ptr_null(row_entry(rows, 2)->account);
	ck_assert_ptr_null(row_entry(rows, 2)->old_value);
	ck_assert_str_eq(row_entry(rows, 3)->thing, "a@b");
	ck_assert_int_eq(row_entry(rows, 3)->outcome, IOT_CONTROL_OUTCOME_NOT_APPLIED);
	ck_assert(g_str_has_prefix(row_entry(rows, 4)->thing, "a\xef\xbf\xbd@\xef\xbf\xbd"));
	ck_assert_int_eq(row_entry(rows, 5)->outcome, IOT_CONTROL_OUTCOME_UNKNOWN);
	ck_assert_int_eq(row_entry(rows, 6)->outcome, IOT_CONTROL_OUTCOME_UNKNOWN);
	ck_assert_int_lt(row_entry(rows, 7)->time, 0);
	g_ptr_array_unref(rows);
	ck_assert_int_eq(count(NULL), 13);
}
END_TEST

/* Pidgin and Finch on one profile: two processes write at once, each in
 * its own short transactions, and neither fails (the busy timeout). */
START_TEST(test_two_clients_write_at_once)
{
	int ready[2], go[2];
	pid_t pid;
	int status = 0, i;
	char c = 0;

	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(go), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		IotStore *other = iot_store_open(path, NULL, NULL);
		IotControlLogEntry e = { T0, "finch@home.example", NULL, "P", NULL, "v",
			                 IOT_CONTROL_OUTCOME_APPLIED, NULL };

		if (other == NULL)
			_exit(2);
		/* First it holds the lock a while, as a long transaction would. */
		if (sqlite3_exec(iot_store_db(other), "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
		    write(ready[1], "r", 1) != 1)
			_exit(3);
		g_usleep(300 * 1000);
		if (!iot_store_controllog_append(other, &e, NULL, NULL) ||
		    sqlite3_exec(iot_store_db(other), "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			_exit(4);
		if (read(go[0], &c, 1) != 1)
			_exit(5);
		for (i = 0; i < 200; i++) {
			e.time = T0 + i;
			if (!iot_store_controllog_append(other, &e, NULL, NULL))
				_exit(6);
		}
		iot_store_close(other);
		_exit(0);
	}
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	/* Waits for the other's transaction instead of failing: when it is
	 * through, the other's row is there. */
	append(T0, "Waited", "1");
	ck_assert_int_eq(count("finch@"), 1);
	ck_assert_int_eq(write(go[1], "g", 1), 1);
	for (i = 0; i < 200; i++)
		append(T0 + i, "Pidgin", "v");
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the other client failed: %d", status);
	ck_assert_int_eq(count(NULL), 402);
	ck_assert_int_eq(count("finch@"), 201);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}
END_TEST

static IotControlLog *
many_entries(guint n, gsize value_bytes)
{
	IotControlLog *log = iot_control_log_new(n);
	char *value = g_strnfill(value_bytes, 'v');
	guint i;

	for (i = 0; i < n; i++) {
		IotControlLogEntry e = { T0 + i, THING, NULL, "P", NULL, value, IOT_CONTROL_OUTCOME_APPLIED, NULL };

		iot_control_log_append(log, &e);
	}
	g_free(value);
	return log;
}

START_TEST(test_read_only_full_and_busy_database)
{
	IotControlLog *log = many_entries(200, 3000);
	IotControlLogEntry e = { T0, THING, NULL, "P", NULL, "v", IOT_CONTROL_OUTCOME_APPLIED, NULL };
	GError *error = NULL;
	gint64 id = append(T0, "Before", "1");
	IotStore *other;
	guint added = 7;
	GPtrArray *rows;

	/* Read-only: writes fail with a clear code, reading works. */
	exec(st, "PRAGMA query_only = 1");
	ck_assert(!iot_store_controllog_append(st, &e, NULL, &error));
	ck_assert_msg(g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE), "%s", error->message);
	g_clear_error(&error);
	ck_assert(!iot_store_controllog_set_outcome(st, id, IOT_CONTROL_OUTCOME_REFUSED, NULL, &error));
	ck_assert(g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE));
	g_clear_error(&error);
	ck_assert(!iot_store_controllog_import(st, log, &added, &error));
	ck_assert(g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE));
	ck_assert_uint_eq(added, 0);
	g_clear_error(&error);
	ck_assert(!iot_store_controllog_trim(st, 0, 10, NULL, &error));
	g_clear_error(&error);
	ck_assert_int_eq(count(NULL), 1);
	exec(st, "PRAGMA query_only = 0");

	/* Full: the import stops and keeps nothing of itself. */
	exec(st, "PRAGMA max_page_count = 20");
	ck_assert(!iot_store_controllog_import(st, log, &added, &error));
	ck_assert_msg(g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FULL), "%s", error->message);
	g_clear_error(&error);
	ck_assert_int_eq(count(NULL), 1);
	ck_assert(sqlite3_get_autocommit(iot_store_db(st)));
	exec(st, "PRAGMA max_page_count = 1073741823");
	ck_assert(iot_store_controllog_import(st, log, &added, NULL));
	ck_assert_uint_eq(added, 200);

	/* Busy past the timeout: a clear code, and the row is written later. */
	other = open_store();
	exec(other, "BEGIN IMMEDIATE");
	ck_assert(!iot_store_controllog_append(st, &e, NULL, &error));
	ck_assert_msg(g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_BUSY), "%s", error->message);
	g_clear_error(&error);
	rows = query(1, 0, NULL); /* readers are not blocked (WAL) */
	ck_assert_uint_eq(rows->len, 1);
	g_ptr_array_unref(rows);
	exec(other, "COMMIT");
	ck_assert(iot_store_controllog_append(st, &e, NULL, NULL));
	ck_assert_int_eq(count(NULL), 202);
	iot_store_close(other);
	iot_control_log_free(log);
}
END_TEST

Suite *
iot_store_controllog_suite(void)
{
	Suite *s = suite_create("store-controllog");
	TCase *tc = tcase_create("store-controllog");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_every_field_newest_first_in_pages);
	tcase_add_test(tc, test_hostile_strings_are_cleaned_on_the_way_in);
	tcase_add_test(tc, test_filter_is_done_in_sql);
	tcase_add_test(tc, test_outcome_is_set_on_the_row);
	tcase_add_test(tc, test_trim_keeps_the_newest_in_bounded_steps);
	tcase_add_test(tc, test_queries_use_the_time_index);
	tcase_add_test(tc, test_import_once_however_often_it_runs);
	tcase_add_test(tc, test_import_keeps_every_field_of_the_file);
	tcase_add_test(tc, test_rows_another_program_wrote_are_checked);
	tcase_add_test(tc, test_two_clients_write_at_once);
	tcase_add_test(tc, test_read_only_full_and_busy_database);
	suite_add_tcase(s, tc);
	return s;
}
