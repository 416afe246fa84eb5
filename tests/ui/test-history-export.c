/*
 * test-history-export.c — "Export history…" under Xvfb against a store of
 * fixtures (a temporary SQLite database with the history tables): the CSV
 * of every value, of hourly statistics and of a custom range of the fields
 * shown matches the rows expected; Stop leaves no file behind (neither the
 * file nor its temporary); the readout window opens the dialog with its
 * fields; and a month of one value a second (2.6 million rows) is exported
 * in steps whose worst main-loop gap is measured, printed and bounded.
 * PNGs of the dialog, of it exporting and of its file chooser.
 *
 * Plain GTK 2 + check and the core's store, no Pidgin. Run by
 * tests/ui/window-tests.sh.
 */
#include "iot-gtk-readout-export.h"
#include "iot-gtk-readout.h"
#include "iot-store-history.h"
#include "iot-time.h"
#include "ui-test-util.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#define ACCOUNT "me@home.example"
#define THING "thermostat@home.example"
#define SEC G_GINT64_CONSTANT(1000000)
#define MINUTE (60 * SEC)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
/* The large export: a month of a value a second. */
#define BIG_ROWS (30 * 86400)
/* A step aims at 4 ms; the worst must stay below this (CPU time, and all
 * but the rarest main-loop gaps). */
#define STEP_LIMIT_MS 25.0

static char *dir;
static sqlite3 *db;
static IotStoreHistory *store;
static gint64 t0; /* a whole hour, two days ago */

static IotStoreHistory *
store_now(gpointer data)
{
	return store;
}

static const IotGtkHistorySource source = { store_now, NULL, ACCOUNT, THING };

static void
exec(const char *sql)
{
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql,
	              msg != NULL ? msg : "");
}

static void
setup(void)
{
	const char *const *steps;
	guint n, i;
	GError *error = NULL;

	dir = g_dir_make_tmp("history-export-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
	{
		char *path = g_build_filename(dir, "store.db", NULL);

		ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
		                                 NULL),
		                 SQLITE_OK);
		g_free(path);
	}
	exec("PRAGMA journal_mode=WAL");
	steps = iot_store_history_migrations(&n);
	for (i = 0; i < n; i++)
		exec(steps[i]);
	store = iot_store_history_new(db, &error);
	ck_assert_msg(store != NULL, "%s", error != NULL ? error->message : "");
	t0 = (g_get_real_time() / HOUR - 48) * HOUR;
}

static void
teardown(void)
{
	GDir *d;
	const char *name;

	iot_store_history_free(store);
	store = NULL;
	sqlite3_close(db);
	db = NULL;
	/* Only what this test made, in its own folder. */
	if ((d = g_dir_open(dir, 0, NULL)) != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(dir, name, NULL);

			g_unlink(p);
			g_free(p);
		}
		g_dir_close(d);
	}
	g_rmdir(dir);
	g_free(dir);
}

static void
num(const IotNodeRef *node, const char *name, const char *unit, gint64 t, double v)
{
	ck_assert_int_eq(iot_store_history_add_number(store, ACCOUNT, THING, node, name, unit, t, v, 0),
	                 IOT_STORE_HISTORY_QUEUED);
}

static void
flush(void)
{
	GError *error = NULL;

	ck_assert_msg(iot_store_history_flush(store, g_get_real_time(), NULL, &error), "%s",
	              error != NULL ? error->message : "");
}

/* Temperature (°C) of the thing, Humidity (%) of node "Zone 1", Door. */
static void
fill(void)
{
	static const IotNodeRef zone = { "Zone 1", NULL, NULL };

	num(NULL, "Temperature", "°C", t0, 20);
	num(NULL, "Temperature", "°C", t0 + 30 * MINUTE, 21);
	num(NULL, "Temperature", "°C", t0 + HOUR + 5 * SEC, 22.5);
	num(&zone, "Humidity", "%", t0 + 10 * MINUTE, 40);
	num(&zone, "Humidity", "%", t0 + 2 * HOUR, 45);
	ck_assert_int_eq(iot_store_history_add_state(store, ACCOUNT, THING, NULL, "Door", NULL,
	                                             t0 + MINUTE, "open", 0),
	                 IOT_STORE_HISTORY_QUEUED);
	ck_assert_int_eq(iot_store_history_add_state(store, ACCOUNT, THING, NULL, "Door", NULL,
	                                             t0 + 2 * MINUTE, "closed", 0),
	                 IOT_STORE_HISTORY_QUEUED);
	flush();
}

/* "2024-01-10T08:00:00Z" of @t0 + @d. */
static char *
iso(gint64 d)
{
	return iot_time_format_iso(t0 + d);
}

static char *
read_file(const char *path)
{
	char *text = NULL;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "no file %s", path);
	return text;
}

/* Files in the test's folder besides the store's own. */
static guint
files_besides_store(void)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	guint n = 0;

	while ((name = g_dir_read_name(d)) != NULL)
		if (!g_str_has_prefix(name, "store.db"))
			n++;
	g_dir_close(d);
	return n;
}

static IotGtkHistoryExport *
dialog(const GPtrArray *shown, IotGtkPlotRange range, gint64 from, gint64 to)
{
	return iot_gtk_history_export_new(NULL, "Thermostat", &source, shown, NULL, range, from, to);
}

/* Exports to @name in the test's folder and waits for the end; returns
 * the file's text (g_free()). */
static char *
export_to(IotGtkHistoryExport *x, const char *name)
{
	char *path = g_build_filename(dir, name, NULL), *text;
	guint finished = iot_gtk_history_export_get_finished(x);
	gint64 until = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;

	ck_assert_msg(iot_gtk_history_export_start(x, path), "%s",
	              iot_gtk_history_export_get_status(x));
	while (iot_gtk_history_export_get_finished(x) == finished && g_get_monotonic_time() < until)
		g_main_context_iteration(NULL, TRUE);
	ck_assert_uint_eq(iot_gtk_history_export_get_finished(x), finished + 1);
	ck_assert_msg(g_str_has_prefix(iot_gtk_history_export_get_status(x), "Saved"), "%s",
	              iot_gtk_history_export_get_status(x));
	text = read_file(path);
	g_free(path);
	return text;
}

START_TEST(test_every_value)
{
	IotGtkHistoryExport *x;
	char *text, *expect, *a[7];
	guint i;

	fill();
	x = dialog(NULL, IOT_GTK_PLOT_RANGE_ALL, IOT_GTK_PLOT_OPEN_START, IOT_GTK_PLOT_OPEN_END);
	ui_test_show_and_wait(iot_gtk_history_export_get_dialog(x), 50);
	ui_test_save_png(iot_gtk_history_export_get_dialog(x), "history-export-dialog.png");
	text = export_to(x, "all.csv");
	a[0] = iso(0);
	a[1] = iso(30 * MINUTE);
	a[2] = iso(HOUR + 5 * SEC);
	a[3] = iso(10 * MINUTE);
	a[4] = iso(2 * HOUR);
	a[5] = iso(MINUTE);
	a[6] = iso(2 * MINUTE);
	/* In the order the series were first seen, each in time order. */
	expect = g_strdup_printf("node,field,timestamp,value,unit,quality\r\n"
	                         ",Temperature,%s,20,°C,automaticReadout\r\n"
	                         ",Temperature,%s,21,°C,automaticReadout\r\n"
	                         ",Temperature,%s,22.5,°C,automaticReadout\r\n"
	                         "Zone 1,Humidity,%s,40,%%,automaticReadout\r\n"
	                         "Zone 1,Humidity,%s,45,%%,automaticReadout\r\n"
	                         ",Door,%s,open,,automaticReadout\r\n"
	                         ",Door,%s,closed,,automaticReadout\r\n",
	                         a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
	ck_assert_str_eq(text, expect);
	ck_assert_str_eq(iot_gtk_history_export_get_status(x), "Saved 7 rows to all.csv.");
	/* Nothing left besides the file. */
	ck_assert_uint_eq(files_besides_store(), 1);
	for (i = 0; i < G_N_ELEMENTS(a); i++)
		g_free(a[i]);
	g_free(expect);
	g_free(text);
	gtk_widget_destroy(iot_gtk_history_export_get_dialog(x));
}
END_TEST

START_TEST(test_hourly)
{
	IotGtkHistoryExport *x;
	char *text, *expect, *h0, *h1, *h2;

	fill();
	x = dialog(NULL, IOT_GTK_PLOT_RANGE_WEEK, IOT_TIME_UNKNOWN, IOT_TIME_UNKNOWN);
	gtk_toggle_button_set_active(iot_gtk_history_export_get_hours_toggle(x), TRUE);
	text = export_to(x, "hours.csv");
	h0 = iso(0);
	h1 = iso(HOUR);
	h2 = iso(2 * HOUR);
	/* Numbers only: the door has no hourly statistics. */
	expect = g_strdup_printf("node,field,hour,min,max,mean,count,unit\r\n"
	                         ",Temperature,%s,20,21,20.5,2,°C\r\n"
	                         ",Temperature,%s,22.5,22.5,22.5,1,°C\r\n"
	                         "Zone 1,Humidity,%s,40,40,40,1,%%\r\n"
	                         "Zone 1,Humidity,%s,45,45,45,1,%%\r\n",
	                         h0, h1, h0, h2);
	ck_assert_str_eq(text, expect);
	g_free(h0);
	g_free(h1);
	g_free(h2);
	g_free(expect);
	g_free(text);
	gtk_widget_destroy(iot_gtk_history_export_get_dialog(x));
}
END_TEST

/* A custom range (local time in the entries) of the fields the table shows. */
START_TEST(test_custom_range_of_fields_shown)
{
	GPtrArray *shown = g_ptr_array_new();
	IotGtkHistoryField temp = { { NULL, NULL, NULL }, (char *)"Temperature" };
	IotGtkHistoryExport *x;
	GDateTime *a, *b;
	char *from, *to, *text, *expect, *t1, *t2;

	fill();
	g_ptr_array_add(shown, &temp);
	x = dialog(shown, IOT_GTK_PLOT_RANGE_ALL, IOT_GTK_PLOT_OPEN_START, IOT_GTK_PLOT_OPEN_END);
	g_ptr_array_unref(shown);
	a = g_date_time_new_from_unix_local((t0 + 15 * MINUTE) / SEC);
	b = g_date_time_new_from_unix_local((t0 + 2 * HOUR) / SEC);
	from = g_date_time_format(a, "%Y-%m-%d %H:%M");
	to = g_date_time_format(b, "%Y-%m-%d %H:%M");
	gtk_combo_box_set_active(iot_gtk_history_export_get_range_combo(x), IOT_GTK_PLOT_RANGE_CUSTOM);
	ck_assert(gtk_widget_is_sensitive(GTK_WIDGET(iot_gtk_history_export_get_range_entry(x, FALSE))));
	gtk_entry_set_text(iot_gtk_history_export_get_range_entry(x, FALSE), from);
	gtk_entry_set_text(iot_gtk_history_export_get_range_entry(x, TRUE), to);
	gtk_toggle_button_set_active(iot_gtk_history_export_get_fields_toggle(x, 1), TRUE);
	text = export_to(x, "custom.csv");
	t1 = iso(30 * MINUTE);
	t2 = iso(HOUR + 5 * SEC);
	expect = g_strdup_printf("node,field,timestamp,value,unit,quality\r\n"
	                         ",Temperature,%s,21,°C,automaticReadout\r\n"
	                         ",Temperature,%s,22.5,°C,automaticReadout\r\n",
	                         t1, t2);
	ck_assert_str_eq(text, expect);

	/* A range typed wrong is said, and nothing is written. */
	gtk_entry_set_text(iot_gtk_history_export_get_range_entry(x, FALSE), "yesterday");
	ck_assert(!iot_gtk_history_export_start(x, "/nonexistent/x.csv"));
	ck_assert_str_eq(iot_gtk_history_export_get_status(x), "Enter times as 2024-01-10 08:15.");
	g_date_time_unref(a);
	g_date_time_unref(b);
	g_free(from);
	g_free(to);
	g_free(t1);
	g_free(t2);
	g_free(expect);
	g_free(text);
	gtk_widget_destroy(iot_gtk_history_export_get_dialog(x));
}
END_TEST

/* ---- large: a month of a value a second ------------------------------------------------- */

static gint64
big_fill(void)
{
	gint64 id = 0, start = t0 - 28 * DAY;
	double t_gen = g_get_monotonic_time();
	char *sql;

	num(NULL, "Power", "W", t0 + 2 * DAY, 1);
	flush();
	ck_assert(iot_store_history_find_series(store, ACCOUNT, THING, NULL, "Power",
	                                        IOT_STORE_SERIES_NUMBERS, &id, NULL));
	sql = g_strdup_printf("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
	                      " WHERE i < %d) INSERT INTO history_sample (series_id, t, v, q)"
	                      " SELECT %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " + i * 1000000,"
	                      " 230 + (i %% 100) / 10.0, 0 FROM n",
	                      BIG_ROWS - 2, id, start);
	exec("BEGIN");
	exec(sql);
	exec("COMMIT");
	g_free(sql);
	printf("history-export: %d rows generated in %.1f s\n", BIG_ROWS,
	       (g_get_monotonic_time() - t_gen) / 1e6);
	return id;
}

typedef struct {
	gint64 last;
	GArray *gaps; /* double ms */
} Ticks;

static gboolean
tick_cb(gpointer data)
{
	Ticks *t = data;
	gint64 now = g_get_monotonic_time();

	if (t->last != 0) {
		double ms = (now - t->last) / 1000.0;

		g_array_append_val(t->gaps, ms);
	}
	t->last = now;
	return G_SOURCE_CONTINUE;
}

static int
cmp_double(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

START_TEST(test_large_export_keeps_the_loop_turning)
{
	IotGtkHistoryExport *x;
	Ticks ticks = { 0, g_array_new(FALSE, FALSE, sizeof(double)) };
	Ticks base = { 0, g_array_new(FALSE, FALSE, sizeof(double)) };
	char *path = g_build_filename(dir, "big.csv", NULL);
	gint64 began, until, worst_step = 0, worst_cpu = 0;
	guint tick, steps = 0, lines = 0, finished;
	double worst, p999, p99, base_p99;
	GMappedFile *mf;
	const char *p, *end;

	big_fill();
	x = dialog(NULL, IOT_GTK_PLOT_RANGE_ALL, IOT_GTK_PLOT_OPEN_START, IOT_GTK_PLOT_OPEN_END);
	ui_test_show_and_wait(iot_gtk_history_export_get_dialog(x), 50);
	/* The machine's own gaps: the same timer for 2 s without the export. */
	tick = g_timeout_add(1, tick_cb, &base);
	ui_test_run_ms(2000);
	g_source_remove(tick);
	g_array_sort(base.gaps, cmp_double);
	finished = iot_gtk_history_export_get_finished(x);
	tick = g_timeout_add(1, tick_cb, &ticks);
	began = g_get_monotonic_time();
	until = began + 600 * G_USEC_PER_SEC;
	ck_assert(iot_gtk_history_export_start(x, path));
	while (iot_gtk_history_export_get_finished(x) == finished && g_get_monotonic_time() < until) {
		IotGtkHistoryExportJob *job = iot_gtk_history_export_get_job(x);

		if (job != NULL) {
			worst_step = MAX(worst_step, iot_gtk_history_export_job_worst_step(job));
			worst_cpu = MAX(worst_cpu, iot_gtk_history_export_job_worst_step_cpu(job));
			steps = iot_gtk_history_export_job_steps(job);
			if (steps == 50)
				ui_test_save_png(iot_gtk_history_export_get_dialog(x),
				                 "history-export-running.png");
		}
		g_main_context_iteration(NULL, TRUE);
	}
	g_source_remove(tick);
	ck_assert_msg(g_str_has_prefix(iot_gtk_history_export_get_status(x), "Saved"), "%s",
	              iot_gtk_history_export_get_status(x));
	g_array_sort(ticks.gaps, cmp_double);
	worst = g_array_index(ticks.gaps, double, ticks.gaps->len - 1);
	p999 = g_array_index(ticks.gaps, double, (guint)(ticks.gaps->len * 0.999));
	p99 = g_array_index(ticks.gaps, double, (guint)(ticks.gaps->len * 0.99));
	base_p99 = g_array_index(base.gaps, double, (guint)(base.gaps->len * 0.99));
	mf = g_mapped_file_new(path, FALSE, NULL);
	ck_assert_ptr_nonnull(mf);
	for (p = g_mapped_file_get_contents(mf), end = p + g_mapped_file_get_length(mf);
	     (p = memchr(p, '\n', end - p)) != NULL; p++)
		lines++;
	printf("history-export: %u rows (%.0f MB) in %.1f s, %u steps; worst step %.1f ms "
	       "(%.1f ms CPU); main loop: worst gap %.1f ms, 99.9th percentile %.1f ms, 99th %.1f ms "
	       "(without the export: worst %.1f ms, 99th %.1f ms)\n",
	       lines - 1, g_mapped_file_get_length(mf) / 1e6,
	       (g_get_monotonic_time() - began) / 1e6, steps, worst_step / 1000.0,
	       worst_cpu / 1000.0, worst, p999, p99,
	       g_array_index(base.gaps, double, base.gaps->len - 1), base_p99);
	/* The header, the month and the one value of the flush. */
	ck_assert_uint_eq(lines, 1 + BIG_ROWS);
	g_mapped_file_unref(mf);
	/* A 2-core machine shared with other work stalls a process now and
	 * then, whatever it runs: the bound is on the steps' own work (CPU
	 * time), and on the gaps beyond what the machine's own are. */
	ck_assert_double_lt(worst_cpu / 1000.0, STEP_LIMIT_MS);
	ck_assert_double_lt(p99, STEP_LIMIT_MS + base_p99);
	g_array_free(ticks.gaps, TRUE);
	g_array_free(base.gaps, TRUE);
	g_unlink(path);
	g_free(path);
	gtk_widget_destroy(iot_gtk_history_export_get_dialog(x));
}
END_TEST

static void
wait_for_no_files(void)
{
	gint64 until = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

	while (files_besides_store() > 0 && g_get_monotonic_time() < until)
		ui_test_run_ms(10);
	ck_assert_uint_eq(files_besides_store(), 0);
}

/* Stop half-way, and closing the dialog while exporting: nothing left. */
START_TEST(test_stop_leaves_no_file)
{
	IotGtkHistoryExport *x;
	char *path = g_build_filename(dir, "stopped.csv", NULL);
	GtkWidget *stop;
	guint i;

	big_fill();
	x = dialog(NULL, IOT_GTK_PLOT_RANGE_ALL, IOT_GTK_PLOT_OPEN_START, IOT_GTK_PLOT_OPEN_END);
	ui_test_show_and_wait(iot_gtk_history_export_get_dialog(x), 50);
	ck_assert(iot_gtk_history_export_start(x, path));
	for (i = 0; i < 20; i++)
		g_main_context_iteration(NULL, TRUE);
	ck_assert_ptr_nonnull(iot_gtk_history_export_get_job(x));
	/* The temporary file is there meanwhile, the file not yet. */
	ck_assert_uint_eq(files_besides_store(), 1);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	stop = ui_test_find_button(iot_gtk_history_export_get_dialog(x), GTK_STOCK_STOP);
	ck_assert_ptr_nonnull(stop);
	ck_assert(gtk_widget_get_visible(stop));
	gtk_button_clicked(GTK_BUTTON(stop));
	ck_assert_ptr_null(iot_gtk_history_export_get_job(x));
	ck_assert_str_eq(iot_gtk_history_export_get_status(x), "Stopped: nothing was saved.");
	/* The writer stops and the temporary file goes. */
	wait_for_no_files();
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));

	/* Again, and the dialog closed meanwhile. */
	ck_assert(iot_gtk_history_export_start(x, path));
	for (i = 0; i < 20; i++)
		g_main_context_iteration(NULL, TRUE);
	ck_assert_uint_eq(files_besides_store(), 1);
	gtk_widget_destroy(iot_gtk_history_export_get_dialog(x));
	wait_for_no_files();
	g_free(path);
}
END_TEST

/* The file chooser offers a name of the thing and the range; the window
 * opens the dialog with its fields. */
static void
on_closed(IotGtkReadout *win, gpointer data)
{
}

static const IotGtkReadoutCallbacks callbacks = { NULL, NULL, on_closed, NULL, NULL };

START_TEST(test_from_the_window)
{
	IotGtkReadout *win = iot_gtk_readout_new("Thermostat", &callbacks, NULL);
	IotReadout *r = iot_readout_new();
	GtkWidget *button, *chooser;
	IotGtkHistoryExport *x;
	char *name;

	fill();
	g_ptr_array_add(r->fields, ui_test_field("Temperature", IOT_VALUE_NUMERIC, "22.5", "°C",
	                                         IOT_CAT_MOMENTARY, 0, t0));
	g_ptr_array_add(r->fields, ui_test_field("Door", IOT_VALUE_ENUM, "closed", NULL,
	                                         IOT_CAT_MOMENTARY, 0, t0));
	iot_gtk_readout_set_readout(win, r);
	iot_readout_free(r);
	ui_test_show_and_wait(iot_gtk_readout_get_window(win), 20);
	button = ui_test_find_button(iot_gtk_readout_get_window(win), "Export hi_story…");
	ck_assert_ptr_nonnull(button);
	/* Without a store: only the selected field's history in memory. */
	ck_assert(!gtk_widget_is_sensitive(button));
	iot_gtk_readout_set_history_export(win, &source);
	ck_assert(gtk_widget_is_sensitive(button));
	ck_assert(iot_gtk_readout_select_field(win, NULL, "Temperature"));
	gtk_button_clicked(GTK_BUTTON(button));
	x = iot_gtk_readout_get_export_dialog(win);
	ck_assert_ptr_nonnull(x);
	/* The choice of fields names them. */
	ck_assert(gtk_widget_is_sensitive(GTK_WIDGET(iot_gtk_history_export_get_fields_toggle(x, 1))));
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(iot_gtk_history_export_get_fields_toggle(x, 1))),
	                 "The 2 fields _shown in the table");
	ck_assert(gtk_widget_is_sensitive(GTK_WIDGET(iot_gtk_history_export_get_fields_toggle(x, 2))));
	ui_test_show_and_wait(iot_gtk_history_export_get_dialog(x), 50);
	ui_test_save_png(iot_gtk_history_export_get_dialog(x), "history-export-from-window.png");
	/* Once open, the button brings it back rather than a second one. */
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(iot_gtk_readout_get_window(win),
	                                                  "Export hi_story…")));
	ck_assert_ptr_eq(iot_gtk_readout_get_export_dialog(win), x);

	name = iot_gtk_history_export_default_name("Thermo/stat", IOT_STORE_EXPORT_DETAIL,
	                                           IOT_GTK_PLOT_OPEN_START, IOT_GTK_PLOT_OPEN_END);
	ck_assert_str_eq(name, "Thermo_stat history.csv");
	g_free(name);
	name = iot_gtk_history_export_default_name("Thermostat", IOT_STORE_EXPORT_HOURS, t0, t0);
	ck_assert(g_str_has_prefix(name, "Thermostat hourly statistics 20"));
	ck_assert(g_str_has_suffix(name, ".csv"));
	ck_assert_ptr_null(strstr(name, " – "));
	g_free(name);

	button = ui_test_find_button(iot_gtk_history_export_get_dialog(x), "E_xport…");
	ck_assert_ptr_nonnull(button);
	gtk_button_clicked(GTK_BUTTON(button));
	chooser = iot_gtk_history_export_get_chooser(x);
	ck_assert_ptr_nonnull(chooser);
	ui_test_show_and_wait(chooser, 300);
	ui_test_save_png(chooser, "history-export-chooser.png");
	/* Closing the window takes the dialog and its chooser along. */
	iot_gtk_readout_destroy(win);
	ui_test_run_ms(50);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("history-export");
	TCase *tc = tcase_create("history-export");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_every_value);
	tcase_add_test(tc, test_hourly);
	tcase_add_test(tc, test_custom_range_of_fields_shown);
	tcase_add_test(tc, test_from_the_window);
	tcase_add_test(tc, test_stop_leaves_no_file);
	tcase_add_test(tc, test_large_export_keeps_the_loop_turning);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
