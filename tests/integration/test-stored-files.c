/* test-stored-files.c — a stored file the plugin cannot read is never written
 * over, and the files of earlier versions move into the store. A control
 * log and a former history file in a newer format are put in the profile
 * while the plugin is unloaded; loading it finds them, moves them aside with
 * their bytes unchanged and tells the person in one notice each; controls
 * and readouts go into the store. A control log of this format found at load
 * is imported into the store once and renamed, never deleted. */
#include "client-check.h"
#include "client-controllog.h"
#include "client-request.h"

#include "iot-controllog.h"
#include "iot-history.h"

#include <glib/gstdio.h>
#include <stdarg.h>

#define STORED_THERMOSTAT "thermostat@" DOMAIN
#define ACCOUNT_NAME "alice@" DOMAIN "/tests"
/* What a later version might write: its header says so. */
#define NEWER_LOG "xmpp-iot-control-log 2\n{\"entries\": [\"from a newer version\"]}\n"
/* The history format's magic, then version 2 and a record this version does not know. */
static const char newer_history[] = "\x89IOTHIST\x02\x00\x00\x00"
                                    "X\x03\x00\x00\x00" "abc" "\x01\x02\x03\x04";

static char *
profile_path(const char *first, ...)
{
	va_list ap;
	GPtrArray *parts = g_ptr_array_new();
	const char *p;
	char *path;

	g_ptr_array_add(parts, (gpointer)purple_user_dir());
	g_ptr_array_add(parts, (gpointer) "xmpp-iot");
	va_start(ap, first);
	for (p = first; p != NULL; p = va_arg(ap, const char *))
		g_ptr_array_add(parts, (gpointer)p);
	va_end(ap);
	g_ptr_array_add(parts, NULL);
	path = g_build_filenamev((char **)parts->pdata);
	g_ptr_array_free(parts, TRUE);
	return path;
}

/* Returns: (transfer full) (nullable): the one file in @path's folder named
 * "@path's name.unreadable-…", or NULL when there is none. */
static char *
aside_file(const char *path)
{
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	char *prefix = g_strconcat(base, ".unreadable-", NULL), *found = NULL;
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *e;
	guint n = 0;

	while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
		if (g_str_has_prefix(e, prefix)) {
			n++;
			g_free(found);
			found = g_build_filename(dir, e, NULL);
		}
	}
	if (d != NULL)
		g_dir_close(d);
	ck_assert_uint_le(n, 1);
	g_free(prefix);
	g_free(base);
	g_free(dir);
	return found;
}

/* Asserts that @path holds exactly @len bytes of @data. */
static void
holds_bytes(const char *path, const char *data, gsize len)
{
	char *got = NULL;
	gsize got_len = 0;

	ck_assert_msg(g_file_get_contents(path, &got, &got_len, NULL), "%s is not there", path);
	ck_assert_uint_eq(got_len, len);
	ck_assert_msg(memcmp(got, data, len) == 0, "%s was changed", path);
	g_free(got);
}

static gboolean
notice_since(gpointer d)
{
	return client_notices_shown() > *(guint *)d;
}

/* Unloads the plugin (it saves what it holds), runs @put, loads it again. */
static void
with_plugin_unloaded(void (*put)(const char *path), const char *path)
{
	ck_assert(purple_plugin_unload(client_plugin()));
	put(path);
	ck_assert(purple_plugin_load(client_plugin()));
}

/* Writes @len bytes of @data to @path, making its folder. */
static void
put_file(const char *path, const char *data, gsize len)
{
	char *dir = g_path_get_dirname(path);

	ck_assert_int_eq(g_mkdir_with_parents(dir, 0700), 0);
	ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
	g_free(dir);
}

static void
put_newer_log(const char *path)
{
	put_file(path, NEWER_LOG, strlen(NEWER_LOG));
}

START_TEST(test_control_log_of_a_newer_format_is_moved_aside)
{
	char *path = profile_path("control-log.txt", NULL), *aside, *t;
	guint notices;
	gint64 before;
	IotControlLogEntry *e;

	client_request_setup();
	notices = client_notices_shown();
	ck_assert_ptr_null(aside_file(path));
	before = client_controllog_settled_count();
	with_plugin_unloaded(put_newer_log, path);
	/* Loading found it: its bytes are all there, beside it, and nothing of
	 * it went into the store. */
	aside = aside_file(path);
	ck_assert_msg(aside != NULL, "the control log was not moved aside");
	holds_bytes(aside, NEWER_LOG, strlen(NEWER_LOG));
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	ck_assert_int_eq(client_controllog_count(), before);
	/* The person is told, once, which file went where and why. */
	ck_assert(client_spin(notice_since, &notices, 5000));
	ck_has(client_last_notice(), "A stored file could not be read");
	ck_has(client_last_notice(), "The control log could not be read");
	ck_has(client_last_notice(), "newer format");
	ck_has(client_last_notice(), aside);
	/* The home's own values: nothing changes, but the control is logged, in the store. */
	t = client_run(STORED_THERMOSTAT, "control heater=false setpoint=20.0 mode=Eco");
	ck_has(t, "Set heater to false, setpoint to 20.0 and mode to Eco on " STORED_THERMOSTAT ".");
	g_free(t);
	e = client_controllog_wait_entry(0, STORED_THERMOSTAT, "mode", "Eco", IOT_CONTROL_OUTCOME_APPLIED, 5000);
	ck_assert_ptr_nonnull(e);
	iot_control_log_entry_free(e);
	ck_assert_int_eq(client_controllog_count(), before + 3);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS)); /* no text file any more */
	notices = client_notices_shown();
	t = client_run(STORED_THERMOSTAT, "control heater=false");
	g_free(t);
	client_sleep(1500);
	ck_assert_uint_eq(client_notices_shown(), notices);
	ck_assert_ptr_nonnull(aside_file(path)); /* still one */
	g_unlink(aside);
	g_free(aside);
	g_free(path);
}
END_TEST

/* What earlier versions wrote: two controls, one refused with the thing's
 * words (and a tab in them), one value that is a lone "-". */
#define OLD_LOG                                                                                        \
	"xmpp-iot-control-log 1\n"                                                                     \
	"2024-05-01T08:00:00.25Z\tlamp@" DOMAIN "\t-\tbrightness\t40\t55\tapplied\t-\n"               \
	"2024-05-01T08:01:00Z\thub@" DOMAIN "\tLamp2\tLevel\t-\t\\-\trefused\tToo\\tbright.\n"

static void
put_old_log(const char *path)
{
	put_file(path, OLD_LOG, strlen(OLD_LOG));
}

/* Returns: (transfer full) (nullable): the entry in the store of @thing at
 * @time (µs). */
static IotControlLogEntry *
stored_entry(const char *thing, gint64 time)
{
	GPtrArray *all = client_controllog_newest(10000);
	IotControlLogEntry *found = NULL;
	guint i;

	for (i = 0; i < all->len && found == NULL; i++) {
		IotControlLogEntry *e = g_ptr_array_index(all, i);

		if (g_strcmp0(e->thing, thing) == 0 && e->time == time) {
			found = e;
			all->pdata[i] = NULL;
		}
	}
	g_ptr_array_unref(all);
	return found;
}

START_TEST(test_control_log_of_earlier_versions_is_imported_once)
{
	char *path = profile_path("control-log.txt", NULL);
	char *imported = g_strconcat(path, ".imported", NULL), *again = g_strconcat(path, ".imported-2", NULL);
	IotControlLogEntry *e;
	guint notices;
	gint64 before, t;
	GDateTime *dt;

	client_request_setup();
	notices = client_notices_shown();
	before = client_controllog_settled_count();
	with_plugin_unloaded(put_old_log, path);
	/* At load: in the store, and the file renamed with every byte. */
	ck_assert_int_eq(client_controllog_count(), before + 2);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	holds_bytes(imported, OLD_LOG, strlen(OLD_LOG));
	dt = g_date_time_new_utc(2024, 5, 1, 8, 1, 0);
	t = g_date_time_to_unix(dt) * G_USEC_PER_SEC;
	g_date_time_unref(dt);
	e = stored_entry("hub@" DOMAIN, t);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->node, "Lamp2");
	ck_assert_str_eq(e->param, "Level");
	ck_assert_ptr_null(e->old_value);
	ck_assert_str_eq(e->new_value, "-");
	ck_assert_int_eq(e->outcome, IOT_CONTROL_OUTCOME_REFUSED);
	ck_assert_str_eq(e->detail, "Too\tbright.");
	ck_assert_ptr_null(e->account); /* the file did not say */
	iot_control_log_entry_free(e);
	e = stored_entry("lamp@" DOMAIN, t - 60 * G_USEC_PER_SEC + 250000);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->param, "brightness");
	ck_assert_str_eq(e->old_value, "40");
	ck_assert_str_eq(e->new_value, "55");
	ck_assert_int_eq(e->outcome, IOT_CONTROL_OUTCOME_APPLIED);
	iot_control_log_entry_free(e);
	/* The same file again (another copy of the profile, a rename that
	 * failed): nothing doubles, and the first renamed file stays. */
	with_plugin_unloaded(put_old_log, path);
	ck_assert_int_eq(client_controllog_count(), before + 2);
	holds_bytes(again, OLD_LOG, strlen(OLD_LOG));
	holds_bytes(imported, OLD_LOG, strlen(OLD_LOG));
	/* Nothing to tell the person. */
	client_sleep(1500);
	ck_assert_uint_eq(client_notices_shown(), notices);
	g_unlink(imported);
	g_unlink(again);
	g_free(again);
	g_free(imported);
	g_free(path);
}
END_TEST

static void
put_newer_history(const char *path)
{
	put_file(path, newer_history, sizeof newer_history - 1);
}

/* A former history file in a newer format, found by the import at load. */
START_TEST(test_history_of_a_newer_format_is_moved_aside)
{
	char *name = iot_history_file_name(ACCOUNT_NAME, STORED_THERMOSTAT);
	char *dir = profile_path("history", NULL), *path = g_build_filename(dir, name, NULL);
	char *aside, *t;
	guint notices;

	client_request_setup();
	notices = client_notices_shown();
	with_plugin_unloaded(put_newer_history, path);
	ck_assert(client_spin(notice_since, &notices, 5000));
	aside = aside_file(path);
	ck_assert_msg(aside != NULL, "the history was not moved aside");
	holds_bytes(aside, newer_history, sizeof newer_history - 1);
	ck_has(client_last_notice(), "A stored file could not be read");
	ck_has(client_last_notice(), "The history of " STORED_THERMOSTAT " could not be read");
	ck_has(client_last_notice(), "newer format");
	ck_has(client_last_notice(), aside);
	/* Nothing is written in its place: the history is in the store now. */
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	t = client_run(STORED_THERMOSTAT, "read");
	ck_has(t, "21.50 °C");
	g_free(t);
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	holds_bytes(aside, newer_history, sizeof newer_history - 1);
	ck_assert(purple_plugin_load(client_plugin()));
	g_unlink(aside);
	g_free(aside);
	g_free(path);
	g_free(dir);
	g_free(name);
}
END_TEST

TCase *
iot_stored_files_tcase(void)
{
	TCase *tc = tcase_create("stored files");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_control_log_of_a_newer_format_is_moved_aside);
	tcase_add_test(tc, test_control_log_of_earlier_versions_is_imported_once);
	tcase_add_test(tc, test_history_of_a_newer_format_is_moved_aside);
	return tc;
}
