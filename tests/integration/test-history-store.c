/* test-history-store.c — the history in the store, end to end: readouts and
 * events land in it (read back from the file with the core's API), former
 * per-thing files are imported at load (once, never doubled, renamed and
 * not deleted), the retention preference purges, a thing's history can be
 * forgotten, and a full disk or a read-only folder is told once while /read
 * and /control work on. */
#include "client-check.h"
#include "client-request.h"
#include "client-store.h"

#include "iot-history.h"

#include <glib/gstdio.h>
#include <gmodule.h>
#include <math.h>
#include <string.h>

#define DAYS_PREF "/plugins/core/xmpp-iot/history_days"

/* Waits are about freezes, not speed: valgrind runs code ~20× slower. */
static guint
slow(guint ms)
{
	return (guint)(ms * client_slowdown());
}
#define THERMOSTAT "thermostat@" DOMAIN
/* Not in alice's roster: its file is recognised by its account's hash. */
#define GONE "gone@" DOMAIN
#define MIN_US (G_GINT64_CONSTANT(60) * G_USEC_PER_SEC)
#define HOUR_US (60 * MIN_US)
#define DAY_US (24 * HOUR_US)

static gboolean
notice_since(gpointer d)
{
	return client_notices_shown() > *(guint *)d;
}

/* The store as the test opened it; closed by the teardown, whatever happened. */
static IotStore *test_store;
static IotStoreHistory *test_history;

static IotStore *
open_store(IotStoreHistory **h)
{
	ck_assert_ptr_null(test_store);
	test_store = client_store_open(&test_history);
	*h = test_history;
	return test_store;
}

/* Whatever a test did or where it failed: the disk has room, the folder
 * is writable, the plugin is loaded, and the test's store is closed. */
static void
teardown(void)
{
	char *dir = client_store_file(NULL);

	iot_store_history_free(test_history);
	iot_store_close(test_store);
	test_history = NULL;
	test_store = NULL;
	client_disk_full(FALSE);
	client_respect_permissions(FALSE);
	g_chmod(dir, 0700);
	if (!purple_plugin_is_loaded(client_plugin()))
		purple_plugin_load(client_plugin());
	g_free(dir);
}

/* Rows of @sql once the plugin wrote (polls the file up to @ms). */
typedef struct {
	IotStore *st;
	const char *sql;
	gint64 want;
} RowsWanted;

static gboolean
rows_reach(gpointer d)
{
	RowsWanted *w = d;

	return client_store_int(w->st, w->sql) >= w->want;
}

static gboolean
rows_are(gpointer d)
{
	RowsWanted *w = d;

	return client_store_int(w->st, w->sql) == w->want;
}

static char *
series_sql(const char *what, const char *name)
{
	return g_strdup_printf("SELECT %s FROM history_series AS s JOIN history_thing AS th ON th.id = s.thing_id"
	                       " WHERE th.account = 'alice@" DOMAIN "' AND s.name = '%s'",
	                       what, name);
}

/* Samples on disk of the field @name (both tables). */
static gint64
samples_of(IotStore *st, const char *name)
{
	char *ids = series_sql("s.id", name);
	char *sql = g_strdup_printf("SELECT (SELECT count(*) FROM history_sample WHERE series_id IN (%s)) +"
	                            " (SELECT count(*) FROM history_recent WHERE series_id IN (%s))",
	                            ids, ids);
	gint64 n = client_store_int(st, sql);

	g_free(sql);
	g_free(ids);
	return n;
}

/* Samples counted in the hourly statistics of the field @name. */
static gint64
hours_of(IotStore *st, const char *name)
{
	char *ids = series_sql("s.id", name);
	char *sql = g_strdup_printf("SELECT total(n) FROM history_hour WHERE series_id IN (%s)", ids);
	gint64 n = client_store_int(st, sql);

	g_free(sql);
	g_free(ids);
	return n;
}

/* --- what the plugin receives lands in the store ------------------------------------ */

START_TEST(test_readouts_and_events_land_in_the_store)
{
	IotStoreHistory *h;
	IotStore *st = open_store(&h);
	char *t, *power = series_sql("s.n_rows", "Power");
	gboolean ok = FALSE;
	int handle;
	RowsWanted w = { st, NULL, 1 };
	gint64 before;

	t = client_run("meter@" DOMAIN, "read");
	ck_has(t, "412 W");
	g_free(t);
	/* Written within about a second, while the plugin runs. */
	w.sql = power;
	ck_assert_msg(client_spin(rows_reach, &w, slow(3000)), "the readout was not written");
	before = client_store_int(st, power);
	/* Events of a subscription: the meter sends one a second. */
	handle = GPOINTER_TO_INT(purple_plugin_ipc_call(client_plugin(), "watch", &ok, client_account(),
	                                                "meter@" DOMAIN, GINT_TO_POINTER(600)));
	ck_assert(ok && handle > 0);
	w.want = before + 3;
	ck_assert_msg(client_spin(rows_reach, &w, slow(10000)), "events were not written: %" G_GINT64_FORMAT " rows",
	              client_store_int(st, power));
	purple_plugin_ipc_call(client_plugin(), "unwatch", &ok, handle);
	/* No whole-file rewrite: the old per-thing files are not written any more. */
	t = client_store_file("history");
	if (g_file_test(t, G_FILE_TEST_IS_DIR)) {
		GDir *d = g_dir_open(t, 0, NULL);
		const char *n;

		while ((n = g_dir_read_name(d)) != NULL)
			ck_assert_msg(!g_str_has_suffix(n, ".hist"), "%s was written", n);
		g_dir_close(d);
	}
	g_free(t);
	g_free(power);
}
END_TEST

/* --- former files ----------------------------------------------------------------------- */

/* Saves a history of @thing in the former format: "imported temperature",
 * 120 values a minute apart up to an hour ago; "week temperature", 24
 * values an hour apart five days ago; "ancient temperature", 48 values an
 * hour apart 40 days ago (older than the retention: hourly statistics). */
static char *
save_old_history(const char *thing, const char *account, const char *dir)
{
	IotHistory *old = iot_history_new(thing);
	IotNodeRef node = { "Thermostat", NULL, NULL };
	gint64 now = g_get_real_time() / MIN_US * MIN_US;
	GError *error = NULL;
	char *name, *path;
	int i;

	for (i = 0; i < 120; i++)
		iot_history_add(old, &node, "imported temperature", "°C", now - HOUR_US - (119 - i) * MIN_US,
		                20.0 + i / 100.0, 0);
	for (i = 0; i < 24; i++)
		iot_history_add(old, &node, "week temperature", "°C", now - 5 * DAY_US + i * HOUR_US, 18.0 + i, 0);
	for (i = 0; i < 48; i++)
		iot_history_add(old, &node, "ancient temperature", "°C", now - 40 * DAY_US + i * HOUR_US, 15.0, 0);
	ck_assert_msg(iot_history_save(old, dir, account, &error), "%s", error ? error->message : "");
	iot_history_free(old);
	name = iot_history_file_name(account, thing);
	path = g_build_filename(dir, name, NULL);
	g_free(name);
	return path;
}

static char *
file_bytes(const char *path, gsize *len)
{
	char *data = NULL;

	ck_assert_msg(g_file_get_contents(path, &data, len, NULL), "%s is not there", path);
	return data;
}

static void
holds(const char *path, const char *data, gsize len)
{
	gsize got_len = 0;
	char *got = file_bytes(path, &got_len);

	ck_assert_uint_eq(got_len, len);
	ck_assert_msg(memcmp(got, data, len) == 0, "%s was changed", path);
	g_free(got);
}

static gboolean
renamed(gpointer d)
{
	char **paths = d;

	return !g_file_test(paths[0], G_FILE_TEST_EXISTS) && g_file_test(paths[1], G_FILE_TEST_EXISTS);
}

START_TEST(test_former_files_are_imported_once_at_load)
{
	char *dir = client_store_file("history");
	char *thermo, *gone, *bob, *thermo_done, *gone_done, *again;
	char *thermo_bytes, *bob_bytes;
	gsize thermo_len, bob_len;
	char *paths[2];
	IotStoreHistory *h;
	IotStore *st;
	GPtrArray *latest;

	ck_assert(purple_plugin_unload(client_plugin()));
	thermo = save_old_history(THERMOSTAT, CLIENT_ACCOUNT, dir);
	gone = save_old_history(GONE, CLIENT_ACCOUNT, dir);
	/* Another profile's account: not imported here, left as it is. */
	bob = save_old_history(THERMOSTAT, "bob@" DOMAIN "/x", dir);
	thermo_bytes = file_bytes(thermo, &thermo_len);
	bob_bytes = file_bytes(bob, &bob_len);
	thermo_done = g_strconcat(thermo, ".imported", NULL);
	gone_done = g_strconcat(gone, ".imported", NULL);
	ck_assert(purple_plugin_load(client_plugin()));
	paths[0] = thermo;
	paths[1] = thermo_done;
	ck_assert_msg(client_spin(renamed, paths, slow(10000)), "%s was not imported", thermo);
	paths[0] = gone;
	paths[1] = gone_done;
	ck_assert_msg(client_spin(renamed, paths, slow(10000)), "%s was not imported", gone);
	/* Renamed, never deleted, bytes unchanged; bob's left alone. */
	holds(thermo_done, thermo_bytes, thermo_len);
	holds(bob, bob_bytes, bob_len);

	st = open_store(&h);
	ck_assert_int_eq(samples_of(st, "imported temperature"), 2 * 120);
	ck_assert_int_eq(samples_of(st, "week temperature"), 2 * 24);
	ck_assert_int_eq(samples_of(st, "ancient temperature"), 0);
	ck_assert_int_eq(hours_of(st, "imported temperature"), 2 * 120);
	ck_assert_int_eq(hours_of(st, "ancient temperature"), 2 * 48);
	latest = client_store_latest(h, GONE);
	ck_assert_ptr_nonnull(client_store_find(latest, "Thermostat", "imported temperature"));
	ck_assert(fabs(client_store_find(latest, "Thermostat", "imported temperature")->last_number - 21.19) < 1e-9);
	g_ptr_array_unref(latest);

	/* The same file again (as when it could not be renamed): nothing doubles. */
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(g_file_set_contents(thermo, thermo_bytes, (gssize)thermo_len, NULL));
	ck_assert(purple_plugin_load(client_plugin()));
	again = g_strconcat(thermo_done, "-2", NULL);
	paths[0] = thermo;
	paths[1] = again;
	ck_assert_msg(client_spin(renamed, paths, slow(10000)), "%s was not imported again", thermo);
	ck_assert_int_eq(samples_of(st, "imported temperature"), 2 * 120);
	ck_assert_int_eq(hours_of(st, "imported temperature"), 2 * 120);
	ck_assert_int_eq(hours_of(st, "ancient temperature"), 2 * 48);
	ck_assert(g_file_test(bob, G_FILE_TEST_EXISTS));
	/* Stopped wherever the import is: bob's file goes. */
	ck_assert(purple_plugin_unload(client_plugin()));
	holds(bob, bob_bytes, bob_len);
	g_unlink(bob);
	ck_assert(purple_plugin_load(client_plugin()));
	g_free(again);
	g_free(thermo_bytes);
	g_free(bob_bytes);
	g_free(thermo_done);
	g_free(gone_done);
	g_free(thermo);
	g_free(gone);
	g_free(bob);
	g_free(dir);
}
END_TEST

/* The preference (in the plugin's frame, beside the store's size) purges
 * samples older than its days; hourly statistics stay. */
START_TEST(test_retention_preference_purges)
{
	PurplePluginUiInfo *ui = client_plugin()->info->prefs_info;
	PurplePluginPrefFrame *frame;
	GList *l;
	gboolean days = FALSE, size = FALSE;
	IotStoreHistory *h;
	IotStore *st = open_store(&h);
	char *sql = series_sql("sum(s.n_rows)", "week temperature");
	RowsWanted w = { st, sql, 0 };

	ck_assert_ptr_nonnull(ui);
	frame = ui->get_plugin_pref_frame(client_plugin());
	for (l = purple_plugin_pref_frame_get_prefs(frame); l != NULL; l = l->next) {
		PurplePluginPref *p = l->data;
		const char *label = purple_plugin_pref_get_label(p);

		if (g_strcmp0(purple_plugin_pref_get_name(p), DAYS_PREF) == 0)
			days = TRUE;
		if (label != NULL && g_str_has_prefix(label, "The store takes ") && g_str_has_suffix(label, " on disk")) {
			ck_assert_int_eq(purple_plugin_pref_get_type(p), PURPLE_PLUGIN_PREF_INFO);
			size = TRUE;
		}
	}
	purple_plugin_pref_frame_destroy(frame);
	ck_assert_msg(days, "no retention in the preferences");
	ck_assert_msg(size, "no size of the store in the preferences");
	ck_assert_int_eq(purple_prefs_get_int(DAYS_PREF), 30);

	ck_assert_int_eq(samples_of(st, "week temperature"), 2 * 24);
	purple_prefs_set_int(DAYS_PREF, 1);
	ck_assert_msg(client_spin(rows_are, &w, slow(30000)), "five days old samples were kept");
	ck_assert_int_eq(samples_of(st, "week temperature"), 0);
	ck_assert_int_eq(hours_of(st, "week temperature"), 2 * 24);
	ck_assert_int_eq(samples_of(st, "imported temperature"), 2 * 120);
	purple_prefs_set_int(DAYS_PREF, 30);
	g_free(sql);
}
END_TEST

/* What the window's "Forget history…" calls. */
START_TEST(test_forget_a_things_history)
{
	gboolean (*forget)(PurpleAccount *, const char *, GError **) = NULL;
	IotStoreHistory *h;
	IotStore *st = open_store(&h);
	GPtrArray *latest;
	GError *error = NULL;
	RowsWanted w = { st, "SELECT count(*) FROM history_series WHERE thing_id IS NULL", 0 };

	ck_assert(g_module_symbol(client_plugin()->handle, "iot_purple_history_forget", (gpointer *)&forget));
	latest = client_store_latest(h, GONE);
	ck_assert_uint_gt(latest->len, 0);
	g_ptr_array_unref(latest);
	ck_assert_msg(forget(client_account(), GONE "/resource", &error), "%s", error ? error->message : "");
	/* Gone at once … */
	latest = client_store_latest(h, GONE);
	ck_assert_uint_eq(latest->len, 0);
	g_ptr_array_unref(latest);
	ck_assert_int_gt(client_store_int(st, w.sql), 0);
	/* … its rows deleted by the purge steps that follow; others kept. */
	ck_assert_msg(client_spin(rows_are, &w, slow(30000)), "the forgotten rows stay");
	latest = client_store_latest(h, THERMOSTAT);
	ck_assert_ptr_nonnull(client_store_find(latest, "Thermostat", "imported temperature"));
	g_ptr_array_unref(latest);
}
END_TEST

/* --- a store that cannot be written ----------------------------------------------------- */

/* /read and /control as usual. */
static void
read_and_control_work(void)
{
	char *t = client_run(THERMOSTAT, "read");

	ck_has(t, "21.50 °C");
	g_free(t);
	t = client_run(THERMOSTAT, "control heater=false");
	ck_has(t, "Set heater to false on " THERMOSTAT ".");
	g_free(t);
}

START_TEST(test_full_disk_is_told_once_and_reading_goes_on)
{
	IotStoreHistory *h;
	IotStore *st = open_store(&h);
	char *rows = series_sql("sum(s.n_rows)", "temperature");
	RowsWanted w = { st, rows, 0 };
	gint64 before;
	guint notices;

	client_request_setup();
	w.want = client_store_int(st, rows) + 1;
	read_and_control_work();
	ck_assert_msg(client_spin(rows_reach, &w, slow(5000)), "the readout was not written");
	before = client_store_int(st, rows);
	notices = client_notices_shown();
	client_disk_full(TRUE);
	read_and_control_work();
	ck_assert_msg(client_spin(notice_since, &notices, slow(5000)), "nobody was told");
	/* Told once, by whichever write met the full disk first: the history's
	 * or the control log's (both live in the store). */
	ck_has(client_last_notice(), "XMPP IoT cannot keep its data");
	ck_has(client_last_notice(), "full");
	ck_assert_msg(strstr(client_last_notice(), "keep working") != NULL ||
	              strstr(client_last_notice(), "keeps working") != NULL,
	              "the notice does not say that the plugin goes on: %s", client_last_notice());
	read_and_control_work();
	client_sleep(3000); /* more writes fail meanwhile */
	read_and_control_work();
	ck_assert_uint_eq(client_notices_shown(), notices + 1);
	ck_assert_int_eq(client_store_int(st, rows), before);
	/* Space again: what waited is written (at unload at the latest). */
	client_disk_full(FALSE);
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_int_ge(client_store_int(st, rows), before + 2);
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert_uint_eq(client_notices_shown(), notices + 1);
	g_free(rows);
}
END_TEST

START_TEST(test_read_only_folder_is_told_once_and_reading_goes_on)
{
	char *dir = client_store_file(NULL);
	guint notices;

	client_request_setup();
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_int_eq(g_chmod(dir, 0555), 0);
	client_respect_permissions(TRUE);
	notices = client_notices_shown();
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert_uint_eq(client_notices_shown(), notices + 1);
	ck_has(client_last_notice(), "XMPP IoT cannot keep its data");
	ck_has(client_last_notice(), "cannot be written");
	read_and_control_work();
	client_sleep(1500);
	read_and_control_work();
	ck_assert_uint_eq(client_notices_shown(), notices + 1);
	ck_assert(purple_plugin_unload(client_plugin()));
	client_respect_permissions(FALSE);
	ck_assert_int_eq(g_chmod(dir, 0700), 0);
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert_uint_eq(client_notices_shown(), notices + 1);
	g_free(dir);
}
END_TEST

TCase *
iot_history_store_tcase(void)
{
	TCase *tc = tcase_create("history store");

	tcase_set_timeout(tc, 90);
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_readouts_and_events_land_in_the_store);
	/* In order: the next ones use what the import brought. */
	tcase_add_test(tc, test_former_files_are_imported_once_at_load);
	tcase_add_test(tc, test_retention_preference_purges);
	tcase_add_test(tc, test_forget_a_things_history);
	tcase_add_test(tc, test_full_disk_is_told_once_and_reading_goes_on);
	tcase_add_test(tc, test_read_only_folder_is_told_once_and_reading_goes_on);
	return tc;
}
