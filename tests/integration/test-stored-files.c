/* test-stored-files.c — a stored file the plugin cannot read is never written
 * over. A control log and a former history file in a newer format are put
 * in the profile while the plugin is unloaded; after loading it, a /control
 * and the import of former histories find them, move them aside with their
 * bytes unchanged and tell the person in one notice each; a new control log
 * is started in its place (history goes to the store). */
#include "client-check.h"
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
file_is_there(gpointer path)
{
	return g_file_test(path, G_FILE_TEST_IS_REGULAR);
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
	IotControlLog *log;
	GError *error = NULL;

	client_request_setup();
	notices = client_notices_shown();
	ck_assert_ptr_null(aside_file(path));
	with_plugin_unloaded(put_newer_log, path);
	/* The home's own values: nothing changes, but the control is logged. */
	t = client_run(STORED_THERMOSTAT, "control heater=false setpoint=20.0 mode=Eco");
	ck_has(t, "Set heater to false, setpoint to 20.0 and mode to Eco on " STORED_THERMOSTAT ".");
	g_free(t);

	/* The old file's bytes are all there, beside it … */
	aside = aside_file(path);
	ck_assert_msg(aside != NULL, "the control log was not moved aside");
	holds_bytes(aside, NEWER_LOG, strlen(NEWER_LOG));
	/* … and a new log holds this control, saved once the main loop is idle. */
	ck_assert(client_spin(file_is_there, path, 5000));
	log = iot_control_log_load(path, 0, &error);
	ck_assert_msg(log != NULL, "%s", error ? error->message : "");
	ck_assert_uint_eq(iot_control_log_len(log), 3);
	ck_assert_str_eq(iot_control_log_get(log, 0)->thing, STORED_THERMOSTAT);
	iot_control_log_free(log);
	/* The person is told, once, which file went where and why. */
	ck_assert(client_spin(notice_since, &notices, 5000));
	ck_has(client_last_notice(), "A stored file could not be read");
	ck_has(client_last_notice(), "The control log could not be read");
	ck_has(client_last_notice(), "newer format");
	ck_has(client_last_notice(), aside);
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
	tcase_add_test(tc, test_history_of_a_newer_format_is_moved_aside);
	return tc;
}
