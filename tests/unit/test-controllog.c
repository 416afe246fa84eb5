/* test-controllog.c — the control log: the text file of earlier versions
 * read exactly (NULLs, tabs, newlines, backslashes), hostile strings cleaned
 * and bounded, the cap, damaged and foreign files, and what each kind of
 * answer to a set becomes in the log. */
#include "iot-tests.h"

#include "iot-controllog.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

Suite *iot_controllog_suite(void);

#define THING "lamp@home.example"
#define T0 G_GINT64_CONSTANT(1714550400123456) /* 2024-05-01T08:00:00.123456Z */

static char *tmpdir;

static void
setup(void)
{
	tmpdir = iot_test_make_tmpdir("iot-controllog-XXXXXX");
}

static void
teardown(void)
{
	iot_test_remove_tree(tmpdir);
	g_free(tmpdir);
}

static char *
tmp_path(const char *name)
{
	return g_build_filename(tmpdir, name, NULL);
}

/* Equal strings, where NULL equals only NULL ("" is not "none"). */
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
	assert_same(a->thing, b->thing);
	assert_same(a->node, b->node);
	assert_same(a->param, b->param);
	assert_same(a->old_value, b->old_value);
	assert_same(a->new_value, b->new_value);
	ck_assert_int_eq(a->outcome, b->outcome);
	assert_same(a->detail, b->detail);
}

static void
write_file(const char *name, const char *data, gssize len)
{
	char *path = tmp_path(name);

	ck_assert(g_file_set_contents(path, data, len, NULL));
	g_free(path);
}

/* The file as earlier versions wrote it: a header, one line per entry,
 * escapes for tab, newline, carriage return and backslash, "-" for none. */
START_TEST(test_file_reads_every_field)
{
	static const IotControlLogEntry entries[] = {
		{ T0, THING, NULL, "Power", NULL, "true", IOT_CONTROL_OUTCOME_APPLIED, NULL },
		{ T0 + 1, THING, "Lamp1", "Level", "40", "55", IOT_CONTROL_OUTCOME_NOT_APPLIED, "" },
		{ 1714550400250000, THING, "", "Label", "", "", IOT_CONTROL_OUTCOME_REFUSED,
		  "Label: Value\tnot\nvalid.\r" },
		/* Exactly "-" is a value, not "none"; a backslash before it stays. */
		{ -1, "a\\b@home.example", "-", "\\-", "-", "\\", IOT_CONTROL_OUTCOME_UNKNOWN,
		  "C:\\new\\table" },
		{ 0, THING, "-x", "Text", "line 1\nline 2\n", "\ttabbed\t\\t\\n",
		  IOT_CONTROL_OUTCOME_UNKNOWN, "-" },
		{ 1714550400000000, "ünïcödé@home.example", "Knoten ☃", "Größe", "½", "€",
		  IOT_CONTROL_OUTCOME_APPLIED, "Geändert." },
	};
	static const char text[] =
		"xmpp-iot-control-log 1\n"
		"2024-05-01T08:00:00.123456Z\tlamp@home.example\t-\tPower\t-\ttrue\tapplied\t-\n"
		"2024-05-01T08:00:00.123457Z\tlamp@home.example\tLamp1\tLevel\t40\t55\tnot-applied\t\n"
		"2024-05-01T08:00:00.25Z\tlamp@home.example\t\tLabel\t\t\trefused\tLabel: Value\\tnot\\nvalid.\\r\n"
		"1969-12-31T23:59:59.999999Z\ta\\\\b@home.example\t\\-\t\\\\-\t\\-\t\\\\\tunknown\tC:\\\\new\\\\table\n"
		"1970-01-01T00:00:00Z\tlamp@home.example\t-x\tText\tline 1\\nline 2\\n\t\\ttabbed\\t\\\\t\\\\n"
		"\tunknown\t\\-\n"
		"2024-05-01T08:00:00Z\tünïcödé@home.example\tKnoten ☃\tGröße\t½\t€\tapplied\tGeändert.\n";
	IotControlLog *log = iot_control_log_new(0), *loaded;
	char *path = tmp_path("log");
	GError *error = NULL;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(entries); i++)
		iot_control_log_append(log, &entries[i]);
	ck_assert_uint_eq(iot_control_log_len(log), G_N_ELEMENTS(entries));
	for (i = 0; i < G_N_ELEMENTS(entries); i++)
		assert_entry_eq(iot_control_log_get(log, i), &entries[i]);
	write_file("log", text, -1);
	loaded = iot_control_log_load(path, 0, &error);
	ck_assert_msg(loaded != NULL, "%s", error ? error->message : "");
	ck_assert_uint_eq(iot_control_log_len(loaded), G_N_ELEMENTS(entries));
	for (i = 0; i < G_N_ELEMENTS(entries); i++)
		assert_entry_eq(iot_control_log_get(loaded, i), &entries[i]);
	/* The file holds no account and no node source or partition. */
	ck_assert_ptr_null(iot_control_log_get(loaded, 1)->account);
	ck_assert_ptr_null(iot_control_log_get(loaded, 1)->node_source);
	ck_assert_ptr_null(iot_control_log_get(loaded, 1)->node_partition);
	g_free(path);
	iot_control_log_free(loaded);
	iot_control_log_free(log);
	iot_control_log_free(NULL);
}
END_TEST

START_TEST(test_hostile_strings)
{
	char *huge_value = g_strnfill(3 * IOT_MAX_VALUE_BYTES, 'v');
	GString *huge_utf8 = g_string_new(NULL);
	char *huge_name = g_strnfill(10 * IOT_MAX_NAME_BYTES, 'n');
	char *huge_detail = g_strnfill(10 * IOT_MAX_ERROR_TEXT, 'd');
	IotControlLogEntry e = { T0, "lamp\x01@home\x1b[31m.example\x7f", "No\tde\nId",
		                 "Pa\xc2\x85ram", "old\xff\xfe value", "new\x02\tvalue\n",
		                 IOT_CONTROL_OUTCOME_REFUSED, "It said \x1b]0;owned\x07 no" };
	const IotControlLogEntry *got;
	IotControlLog *log = iot_control_log_new(0);
	guint i;

	iot_control_log_append(log, &e);
	got = iot_control_log_get(log, 0);
	/* Control characters go (tab and newline only stay in values and
	 * texts); invalid UTF-8 becomes U+FFFD; C1 controls go too. */
	ck_assert_str_eq(got->thing, "lamp@home[31m.example");
	ck_assert_str_eq(got->node, "NodeId");
	ck_assert_str_eq(got->param, "Param");
	ck_assert_str_eq(got->old_value, "old\xef\xbf\xbd\xef\xbf\xbd value");
	ck_assert_str_eq(got->new_value, "new\tvalue\n");
	ck_assert_str_eq(got->detail, "It said ]0;owned no");

	/* Bounds, cut on a character boundary. */
	for (i = 0; i < IOT_MAX_VALUE_BYTES; i++)
		g_string_append(huge_utf8, "€");
	e.thing = huge_name;
	e.node = huge_name;
	e.param = huge_name;
	e.old_value = huge_value;
	e.new_value = huge_utf8->str;
	e.detail = huge_detail;
	e.time = G_MAXINT64; /* beyond year 9999: kept at the last time a file can say */
	iot_control_log_append(log, &e);
	got = iot_control_log_get(log, 1);
	ck_assert_uint_eq(strlen(got->thing), IOT_MAX_NAME_BYTES);
	ck_assert_uint_eq(strlen(got->node), IOT_MAX_NAME_BYTES);
	ck_assert_uint_eq(strlen(got->param), IOT_MAX_NAME_BYTES);
	ck_assert_uint_eq(strlen(got->old_value), IOT_MAX_VALUE_BYTES);
	ck_assert_uint_le(strlen(got->new_value), IOT_MAX_VALUE_BYTES);
	ck_assert_uint_gt(strlen(got->new_value), IOT_MAX_VALUE_BYTES - 3);
	ck_assert(g_utf8_validate(got->new_value, -1, NULL));
	ck_assert_uint_eq(strlen(got->detail), IOT_MAX_ERROR_TEXT);
	e.time = G_MININT64;
	e.outcome = (IotControlOutcome)77; /* a caller's garbage is not "applied" */
	iot_control_log_append(log, &e);
	ck_assert_int_eq(iot_control_log_get(log, 2)->outcome, IOT_CONTROL_OUTCOME_UNKNOWN);

	ck_assert_int_lt(iot_control_log_get(log, 2)->time, iot_control_log_get(log, 1)->time);
	/* A copy of an entry is cleaned alike, the new members too. */
	e.account = "alice\t@home.example\x1b";
	e.node_source = huge_name;
	e.node_partition = "p\xff";
	{
		IotControlLogEntry *c = iot_control_log_entry_copy(&e);

		ck_assert_str_eq(c->account, "alice@home.example");
		ck_assert_uint_eq(strlen(c->node_source), IOT_MAX_NAME_BYTES);
		ck_assert_str_eq(c->node_partition, "p\xef\xbf\xbd");
		ck_assert_int_eq(c->outcome, IOT_CONTROL_OUTCOME_UNKNOWN);
		ck_assert_uint_eq(strlen(c->thing), IOT_MAX_NAME_BYTES);
		iot_control_log_entry_free(c);
		iot_control_log_entry_free(NULL);
	}
	iot_control_log_free(log);
	g_free(huge_value);
	g_free(huge_name);
	g_free(huge_detail);
	g_string_free(huge_utf8, TRUE);
}
END_TEST

static void
append_numbered(IotControlLog *log, guint n)
{
	char *v = g_strdup_printf("%u", n);
	IotControlLogEntry e = { T0 + n, THING, NULL, "Counter", NULL, v,
		                 IOT_CONTROL_OUTCOME_APPLIED, NULL };

	iot_control_log_append(log, &e);
	g_free(v);
}

START_TEST(test_cap_drops_the_oldest)
{
	static const char *const kept[] = { "2", "3", "4" };
	IotControlLog *log = iot_control_log_new(3), *big = iot_control_log_new(0), *loaded;
	char *path = tmp_path("cap");
	GString *text = g_string_new("xmpp-iot-control-log 1\n");
	guint i;

	for (i = 0; i < 5; i++)
		append_numbered(log, i);
	ck_assert_uint_eq(iot_control_log_len(log), 3);
	for (i = 0; i < 3; i++)
		ck_assert_str_eq(iot_control_log_get(log, i)->new_value, kept[i]);

	for (i = 0; i < IOT_CONTROL_LOG_MAX_ENTRIES + 7; i++)
		append_numbered(big, i);
	ck_assert_uint_eq(iot_control_log_len(big), IOT_CONTROL_LOG_MAX_ENTRIES);
	ck_assert_str_eq(iot_control_log_get(big, 0)->new_value, "7");
	ck_assert_int_eq(iot_control_log_get(big, IOT_CONTROL_LOG_MAX_ENTRIES - 1)->time,
	                 T0 + IOT_CONTROL_LOG_MAX_ENTRIES + 6);

	/* A smaller cap on loading keeps the newest, in order. */
	for (i = 0; i < IOT_CONTROL_LOG_MAX_ENTRIES + 7; i++)
		g_string_append_printf(text, "2024-05-01T08:00:00.%06uZ\tlamp@home.example\t-\tCounter\t-\t%u"
		                             "\tapplied\t-\n",
		                       123456 + i, i);
	write_file("cap", text->str, (gssize)text->len);
	g_string_free(text, TRUE);
	loaded = iot_control_log_load(path, 2, NULL);
	ck_assert_uint_eq(iot_control_log_len(loaded), 2);
	ck_assert_int_eq(iot_control_log_get(loaded, 0)->time, T0 + IOT_CONTROL_LOG_MAX_ENTRIES + 5);
	ck_assert_int_eq(iot_control_log_get(loaded, 1)->time, T0 + IOT_CONTROL_LOG_MAX_ENTRIES + 6);
	append_numbered(loaded, 99);
	ck_assert_str_eq(iot_control_log_get(loaded, 1)->new_value, "99");
	iot_control_log_free(loaded);
	iot_control_log_free(big);
	iot_control_log_free(log);
	g_free(path);
}
END_TEST

START_TEST(test_damaged_lines_are_skipped)
{
	GString *data = g_string_new("xmpp-iot-control-log 1\n");
	char *path = tmp_path("damaged"), *long_field = g_strnfill(200000, 'x');
	IotControlLog *log;
	GError *error = NULL;

	g_string_append(data, "2024-05-01T08:00:00Z\tlamp@home.example\t-\tPower\t-\ttrue\tapplied\t-\n");
	g_string_append(data, "2024-05-01T08:00:01Z\tlamp@home.example\t-\tPower\t-\ttrue\tapplied\n");
	g_string_append(data, "2024-05-01T08:00:02Z\tlamp@home.example\t-\tPower\t-\ttrue\tapplied\t-\textra\n");
	g_string_append(data, "yesterday\tlamp@home.example\t-\tPower\t-\ttrue\tapplied\t-\n");
	g_string_append(data, "2024-05-01T08:00:03Z\tlamp@home.example\t-\tPower\t-\ttrue\tdone\t-\n");
	g_string_append(data, "2024-05-01T08:00:04Z\tlamp@home.example\t-\tPo\\wer\t-\ttrue\tapplied\t-\n");
	g_string_append(data, "2024-05-01T08:00:05Z\tlamp@home.example\t-\tPower\t-\ttrue\\\tapplied\t-\n");
	g_string_append(data, "2024-05-01T08:00:06Z\t-\t-\tPower\t-\ttrue\tapplied\t-\n");
	g_string_append(data, "2024-05-01T08:00:07Z\tlamp@home.example\t-\t-\t-\ttrue\tapplied\t-\n");
	g_string_append(data, "2024-05-01T08:00:08Z\tlamp@home.example\t-\tPower\t-\t-\tapplied\t-\n");
	g_string_append(data, "\n");
	g_string_append_printf(data, "2024-05-01T08:00:09Z\tlamp@home.example\t-\tPower\t-\t%s\tapplied\t-\n",
	                       long_field);
	g_string_append(data, "2024-05-01T08:00:10Z\tlamp@home.example\t-\tPo");
	g_string_append_len(data, "\0", 1);
	g_string_append(data, "wer\t-\ttrue\tapplied\t-\n");
	/* Lines with CR LF read as well; the last line needs no newline. */
	g_string_append(data, "2024-05-01T08:00:11Z\tlamp@home.example\tLamp1\tLevel\t40\t55\trefused\tNo.\r\n");
	g_string_append(data, "2024-05-01T08:00:12Z\tlamp@home.example\t-\tPower\t-\tfalse\tunknown\t-");
	write_file("damaged", data->str, (gssize)data->len);

	log = iot_control_log_load(path, 0, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_control_log_len(log), 3);
	ck_assert_str_eq(iot_control_log_get(log, 0)->new_value, "true");
	ck_assert_str_eq(iot_control_log_get(log, 1)->node, "Lamp1");
	ck_assert_str_eq(iot_control_log_get(log, 1)->detail, "No.");
	ck_assert_int_eq(iot_control_log_get(log, 1)->outcome, IOT_CONTROL_OUTCOME_REFUSED);
	ck_assert_str_eq(iot_control_log_get(log, 2)->new_value, "false");
	ck_assert_int_eq(iot_control_log_get(log, 2)->outcome, IOT_CONTROL_OUTCOME_UNKNOWN);
	iot_control_log_free(log);
	g_string_free(data, TRUE);
	g_free(long_field);
	g_free(path);
}
END_TEST

START_TEST(test_missing_foreign_and_empty_files)
{
	char *path = tmp_path("none");
	IotControlLog *log;
	GError *error = NULL;

	/* No file yet: an empty log, no error. */
	log = iot_control_log_load(path, 0, &error);
	ck_assert_ptr_nonnull(log);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_control_log_len(log), 0);
	iot_control_log_free(log);
	g_free(path);

	/* Something else: an error, and nothing to overwrite it with. */
	write_file("foreign", "2024-05-01T08:00:00Z\tlamp@home.example\t-\tPower\t-\ttrue\tapplied\t-\n", -1);
	path = tmp_path("foreign");
	ck_assert_ptr_null(iot_control_log_load(path, 0, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	ck_assert(strstr(error->message, "foreign") != NULL);
	g_clear_error(&error);
	g_free(path);

	write_file("newer", "xmpp-iot-control-log 2\n", -1);
	path = tmp_path("newer");
	ck_assert_ptr_null(iot_control_log_load(path, 0, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED));
	g_clear_error(&error);
	g_free(path);

	write_file("binary", "\x89PNG\r\n\x1a\n\0\0", 10);
	path = tmp_path("binary");
	ck_assert_ptr_null(iot_control_log_load(path, 0, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	g_free(path);

	/* An empty file holds nothing to lose. */
	write_file("empty", "", 0);
	path = tmp_path("empty");
	log = iot_control_log_load(path, 0, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_control_log_len(log), 0);
	iot_control_log_free(log);
	g_free(path);

	/* A folder where the file should be is not read as one. */
	path = tmp_path("folder");
	ck_assert_int_eq(g_mkdir(path, 0700), 0);
	ck_assert_ptr_null(iot_control_log_load(path, 0, &error));
	ck_assert(error != NULL && error->domain == G_FILE_ERROR);
	g_clear_error(&error);
	g_free(path);
}
END_TEST

#ifdef G_OS_UNIX
/* A link to a log that is gone (a profile copied without its target, a
 * disk not mounted): unreadable, not absent — an empty log saved there
 * would replace the link. */
START_TEST(test_a_link_to_nothing_is_unreadable_not_absent)
{
	char *path = tmp_path("control-log.txt"), *target = tmp_path("elsewhere.txt");
	GError *error = NULL;

	ck_assert_int_eq(symlink(target, path), 0);
	ck_assert_ptr_null(iot_control_log_load(path, 0, &error));
	ck_assert(g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
	ck_assert(strstr(error->message, "control-log.txt") != NULL);
	g_clear_error(&error);
	g_free(target);
	g_free(path);
}
END_TEST
#endif

/* --- what an answer becomes ------------------------------------------------------ */

static const IotControlChange power_level[] = {
	{ "Power", "false", "true" },
	{ "Level", NULL, "55" },
};

static void
assert_logged(const IotControlLog *log, guint i, const char *node, const char *param,
              IotControlOutcome outcome, const char *detail)
{
	const IotControlLogEntry *e;

	ck_assert_uint_gt(iot_control_log_len(log), i);
	e = iot_control_log_get(log, i);
	ck_assert_str_eq(e->thing, THING);
	assert_same(e->node, node);
	ck_assert_str_eq(e->param, param);
	ck_assert_msg(e->outcome == outcome, "entry %u (%s): outcome %d, not %d", i, param,
	              e->outcome, outcome);
	assert_same(e->detail, detail);
}

static void
add_name(GPtrArray **names, const char *name)
{
	if (*names == NULL)
		*names = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(*names, g_strdup(name));
}

static GPtrArray *
node_list(const char *first, ...)
{
	GPtrArray *nodes = g_ptr_array_new_with_free_func(g_free);
	const char *id;
	va_list ap;

	va_start(ap, first);
	for (id = first; id != NULL; id = va_arg(ap, const char *)) {
		IotNodeRef *n = g_new0(IotNodeRef, 1);

		n->node_id = (char *)id; /* borrowed: freed with g_free of the struct only */
		g_ptr_array_add(nodes, n);
	}
	va_end(ap);
	return nodes;
}

START_TEST(test_add_result_applied_and_partial)
{
	IotControlLog *log = iot_control_log_new(0);
	IotControlResult *r = iot_control_result_new();

	/* An empty answer: everything applied. */
	iot_control_log_add_result(log, T0, THING, NULL, power_level, 2, r, NULL, NULL);
	ck_assert_uint_eq(iot_control_log_len(log), 2);
	assert_logged(log, 0, NULL, "Power", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	assert_logged(log, 1, NULL, "Level", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	ck_assert_str_eq(iot_control_log_get(log, 0)->old_value, "false");
	ck_assert_str_eq(iot_control_log_get(log, 0)->new_value, "true");
	ck_assert_ptr_null(iot_control_log_get(log, 1)->old_value);
	ck_assert_int_eq(iot_control_log_get(log, 1)->time, T0);

	/* The thing listed what it applied: the rest was left out. */
	add_name(&r->params, "Level");
	r->partial = TRUE;
	iot_control_log_add_result(log, T0, THING, NULL, power_level, 2, r, NULL, NULL);
	assert_logged(log, 2, NULL, "Power", IOT_CONTROL_OUTCOME_NOT_APPLIED, NULL);
	assert_logged(log, 3, NULL, "Level", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	iot_control_result_free(r);
	iot_control_log_free(log);
}
END_TEST

START_TEST(test_add_result_refusals)
{
	IotControlLog *log = iot_control_log_new(0);
	IotControlResult *r;
	xmlNode *root;
	IotControlSet *sent = iot_control_set_new();

	/* One parameter refused: it is REFUSED with the thing's words, the
	 * other was not applied (a set is all or nothing). */
	iot_control_set_add_param(sent, "Power", IOT_CONTROL_BOOLEAN, "true", NULL);
	iot_control_set_add_param(sent, "Level", IOT_CONTROL_INT, "140", NULL);
	iot_control_set_add_param(sent, "Mode", IOT_CONTROL_STRING, "Turbo", NULL);
	root = iot_test_fixture_root("ctl/waher-set-form-errors.xml");
	r = iot_control_parse_result(root, TRUE, sent);
	xmlFreeDoc(root->doc);
	{
		const IotControlChange changes[] = { { "Power", NULL, "true" },
			                             { "Level", "40", "140" },
			                             { "Mode", "Eco", "Turbo" } };

		iot_control_log_add_result(log, T0, THING, NULL, changes, 3, r, NULL,
		                           "lamp@home.example refused: Level: Value out of range.");
	}
	assert_logged(log, 0, NULL, "Power", IOT_CONTROL_OUTCOME_NOT_APPLIED, NULL);
	assert_logged(log, 1, NULL, "Level", IOT_CONTROL_OUTCOME_REFUSED, "Value out of range.");
	assert_logged(log, 2, NULL, "Mode", IOT_CONTROL_OUTCOME_REFUSED, "Invalid option.");
	iot_control_result_free(r);

	/* Refused as a whole, no parameter named: every one REFUSED with the
	 * sentence the person saw, or the error's own words. */
	r = iot_control_result_new();
	r->error = g_error_new_literal(IOT_ERROR, IOT_ERROR_REJECTED, "Access denied.");
	iot_control_log_add_result(log, T0, THING, NULL, power_level, 2, r, NULL, "Refused: Access denied.");
	assert_logged(log, 3, NULL, "Power", IOT_CONTROL_OUTCOME_REFUSED, "Refused: Access denied.");
	assert_logged(log, 4, NULL, "Level", IOT_CONTROL_OUTCOME_REFUSED, "Refused: Access denied.");
	iot_control_log_add_result(log, T0, THING, NULL, power_level, 2, r, NULL, NULL);
	assert_logged(log, 5, NULL, "Power", IOT_CONTROL_OUTCOME_REFUSED, "Access denied.");
	iot_control_result_free(r);

	/* An error naming a parameter that was not asked for does not make
	 * the asked ones "not applied": they were refused. */
	r = iot_control_result_new();
	r->error = g_error_new_literal(IOT_ERROR, IOT_ERROR_BAD_REQUEST, "Output: Bad.");
	{
		IotControlParamError *pe = g_new0(IotControlParamError, 1);

		pe->name = g_strdup("Output");
		pe->text = g_strdup("");
		g_ptr_array_add(r->errors, pe);
	}
	iot_control_log_add_result(log, T0, THING, NULL, power_level, 1, r, NULL, NULL);
	assert_logged(log, 7, NULL, "Power", IOT_CONTROL_OUTCOME_REFUSED, "Output: Bad.");
	/* A parameter refused without words gets the sentence. */
	{
		const IotControlChange output = { "Output", NULL, "1" };

		iot_control_log_add_result(log, T0, THING, NULL, &output, 1, r, NULL, "It said no.");
		assert_logged(log, 8, NULL, "Output", IOT_CONTROL_OUTCOME_REFUSED, "It said no.");
	}
	iot_control_result_free(r);
	iot_control_set_free(sent);
	iot_control_log_free(log);
}
END_TEST

START_TEST(test_add_result_no_answer_is_unknown)
{
	static const int codes[] = { IOT_ERROR_TIMEOUT, IOT_ERROR_DISCONNECTED, IOT_ERROR_CANCELLED };
	IotControlLog *log = iot_control_log_new(0);
	guint i;

	for (i = 0; i < G_N_ELEMENTS(codes); i++) {
		GError *e = g_error_new_literal(IOT_ERROR, codes[i], "no answer within 15000 ms");
		IotControlResult *r = iot_control_result_new();

		/* As the flow reports it: the result holds only the error … */
		r->error = g_error_copy(e);
		iot_control_log_add_result(log, T0, THING, NULL, power_level, 1, r, NULL,
		                           "No answer; the change may have been made.");
		assert_logged(log, 2 * i, NULL, "Power", IOT_CONTROL_OUTCOME_UNKNOWN,
		              "No answer; the change may have been made.");
		/* … or without a result at all. */
		iot_control_log_add_result(log, T0, THING, NULL, power_level, 1, NULL, e, NULL);
		assert_logged(log, 2 * i + 1, NULL, "Power", IOT_CONTROL_OUTCOME_UNKNOWN,
		              "no answer within 15000 ms");
		iot_control_result_free(r);
		g_error_free(e);
	}
	/* Another domain's timeout code is not a timeout. */
	{
		GError *e = g_error_new_literal(G_FILE_ERROR, IOT_ERROR_TIMEOUT, "odd");

		iot_control_log_add_result(log, T0, THING, NULL, power_level, 1, NULL, e, NULL);
		assert_logged(log, 6, NULL, "Power", IOT_CONTROL_OUTCOME_REFUSED, "odd");
		g_error_free(e);
	}
	iot_control_log_free(log);
}
END_TEST

START_TEST(test_add_result_nodes_times_params)
{
	IotControlLog *log = iot_control_log_new(0);
	GPtrArray *nodes = node_list("Lamp1", "Lamp2", NULL);
	IotControlResult *r;
	xmlNode *root;

	/* Waher's partial acceptance: one node of two, one parameter of two. */
	root = iot_test_fixture_root("ctl/nf-resp-partial.xml");
	r = iot_control_parse_result(root, FALSE, NULL);
	xmlFreeDoc(root->doc);
	{
		const IotControlChange changes[] = { { "Power", NULL, "true" }, { "Pan", NULL, "-12.5" } };

		iot_control_log_add_result(log, T0, THING, nodes, changes, 2, r, NULL, NULL);
	}
	ck_assert_uint_eq(iot_control_log_len(log), 4);
	assert_logged(log, 0, "Lamp1", "Power", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	assert_logged(log, 1, "Lamp1", "Pan", IOT_CONTROL_OUTCOME_NOT_APPLIED, NULL);
	assert_logged(log, 2, "Lamp2", "Power", IOT_CONTROL_OUTCOME_NOT_APPLIED, NULL);
	assert_logged(log, 3, "Lamp2", "Pan", IOT_CONTROL_OUTCOME_NOT_APPLIED, NULL);
	iot_control_result_free(r);

	/* A failure that names one node: the other was not touched. */
	r = iot_control_result_new();
	r->error = g_error_new_literal(IOT_ERROR, IOT_ERROR_NOT_FOUND, "Node not found.");
	r->failed_nodes = node_list("Lamp2", NULL);
	iot_control_log_add_result(log, T0, THING, nodes, power_level, 1, r, NULL, NULL);
	assert_logged(log, 4, "Lamp1", "Power", IOT_CONTROL_OUTCOME_NOT_APPLIED, NULL);
	assert_logged(log, 5, "Lamp2", "Power", IOT_CONTROL_OUTCOME_REFUSED, "Node not found.");
	g_ptr_array_unref(r->failed_nodes);
	r->failed_nodes = NULL;
	iot_control_result_free(r);

	/* An empty node list is the thing itself; no changes, no entries. */
	g_ptr_array_set_size(nodes, 0);
	iot_control_log_add_result(log, T0, THING, nodes, power_level, 2, NULL, NULL, NULL);
	assert_logged(log, 6, NULL, "Power", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	iot_control_log_add_result(log, T0, THING, NULL, NULL, 0, NULL, NULL, NULL);
	ck_assert_uint_eq(iot_control_log_len(log), 8);
	g_ptr_array_unref(nodes);
	iot_control_log_free(log);
}
END_TEST

START_TEST(test_outcome_labels)
{
	guint i, j;

	for (i = 0; i < IOT_CONTROL_OUTCOME_COUNT; i++) {
		ck_assert(*iot_control_outcome_label((IotControlOutcome)i) != '\0');
		for (j = 0; j < i; j++)
			ck_assert_str_ne(iot_control_outcome_label((IotControlOutcome)i),
			                 iot_control_outcome_label((IotControlOutcome)j));
	}
	ck_assert_str_eq(iot_control_outcome_label(IOT_CONTROL_OUTCOME_NOT_APPLIED), "not applied");
}
END_TEST

Suite *
iot_controllog_suite(void)
{
	Suite *s = suite_create("controllog");
	TCase *tc = tcase_create("file");
	TCase *results = tcase_create("results");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_file_reads_every_field);
	tcase_add_test(tc, test_hostile_strings);
	tcase_add_test(tc, test_cap_drops_the_oldest);
	tcase_add_test(tc, test_damaged_lines_are_skipped);
	tcase_add_test(tc, test_missing_foreign_and_empty_files);
#ifdef G_OS_UNIX
	tcase_add_test(tc, test_a_link_to_nothing_is_unreadable_not_absent);
#endif
	suite_add_tcase(s, tc);
	tcase_add_test(results, test_add_result_applied_and_partial);
	tcase_add_test(results, test_add_result_refusals);
	tcase_add_test(results, test_add_result_no_answer_is_unknown);
	tcase_add_test(results, test_add_result_nodes_times_params);
	tcase_add_test(results, test_outcome_labels);
	suite_add_tcase(s, results);
	return s;
}
