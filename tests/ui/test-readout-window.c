/*
 * test-readout-window.c — the sensor-data window built from fixtures under
 * Xvfb: model contents, sorting, filter, coalesced updates, CSV, the plot's
 * data, keyboard use, life cycle, 10 000 rows, and PNGs of the window kept
 * as artifacts. Run by tests/ui/window-tests.sh BUILD_DIR ARTIFACT_DIR.
 *
 * Plain GTK 2 + check, no Pidgin. Tests run in one process (CK_NOFORK): a
 * forked child must not share the parent's X connection.
 */
#include "iot-csv.h"
#include "iot-gtk-plot.h"
#include "iot-gtk-readout.h"
#include "iot-history.h"
#include "iot-time.h"
#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* What the window told its owner. */
typedef struct {
	int requests, closed, autos;
	IotGtkRequestKind kind;
	gint64 from, to;
	gboolean auto_on;
	guint interval;
	IotGtkReadout *win;
} Calls;

static void
on_request(IotGtkReadout *win, IotGtkRequestKind kind, gint64 from, gint64 to, gpointer data)
{
	Calls *c = data;

	c->requests++;
	c->kind = kind;
	c->from = from;
	c->to = to;
}

static void
on_auto(IotGtkReadout *win, gboolean on, guint interval, gpointer data)
{
	Calls *c = data;

	c->autos++;
	c->auto_on = on;
	c->interval = interval;
}

static void
on_closed(IotGtkReadout *win, gpointer data)
{
	Calls *c = data;

	ck_assert_ptr_eq(win, c->win);
	c->closed++;
}

static const IotGtkReadoutCallbacks callbacks = { on_request, on_auto, on_closed, NULL };

/* ---- fixtures ------------------------------------------------------------------- */

/* The simulated thermostat, with an error, a warning, an estimate and a
 * hostile name. Times are scrambled so that sorting by time is visible. */
static IotReadout *
thermostat(gint64 now)
{
	IotReadout *r = iot_readout_new();
	gint64 s = G_USEC_PER_SEC;

	g_ptr_array_add(r->fields, ui_test_field("temperature", IOT_VALUE_NUMERIC, "21.50", "°C",
	                                         IOT_CAT_MOMENTARY, 0, now - 30 * s));
	g_ptr_array_add(r->fields, ui_test_field("humidity", IOT_VALUE_NUMERIC, "45", "%",
	                                         IOT_CAT_MOMENTARY, 0, now - 10 * s));
	g_ptr_array_add(r->fields, ui_test_field("heater", IOT_VALUE_BOOLEAN, "false", NULL,
	                                         IOT_CAT_MOMENTARY, 0, now - 50 * s));
	g_ptr_array_add(r->fields, ui_test_field("mode", IOT_VALUE_STRING, "Eco", NULL,
	                                         IOT_CAT_MOMENTARY | IOT_CAT_STATUS, 0,
	                                         now - 20 * s));
	g_ptr_array_add(r->fields, ui_test_field("firmware", IOT_VALUE_STRING, "2.4.1", NULL,
	                                         IOT_CAT_IDENTITY, 0, now - 70 * s));
	g_ptr_array_add(r->fields, ui_test_field("pressure", IOT_VALUE_NUMERIC, "1013.2", "hPa",
	                                         IOT_CAT_MOMENTARY, IOT_QOS_ERROR, now - 40 * s));
	g_ptr_array_add(r->fields, ui_test_field("battery", IOT_VALUE_NUMERIC, "3.1", "V",
	                                         IOT_CAT_STATUS, IOT_QOS_WARNING, now - 60 * s));
	g_ptr_array_add(r->fields, ui_test_field("outdoor temperature", IOT_VALUE_NUMERIC, "-3.5",
	                                         "°C", IOT_CAT_MOMENTARY,
	                                         IOT_QOS_AUTOMATIC_ESTIMATE, now - 5 * s));
	g_ptr_array_add(r->fields, ui_test_field("<b>bold</b>", IOT_VALUE_STRING, "&amp; :P", NULL,
	                                         IOT_CAT_MOMENTARY, 0, now - 80 * s));
	return r;
}
#define THERMOSTAT_ROWS 9

/* Temperature every 5 min for 3 h with a 45 min hole, and some companions
 * for the trend column. */
static IotHistory *
thermostat_history(gint64 now)
{
	IotHistory *h = iot_history_new("thermostat@home.example");
	gint64 step = 5 * 60 * G_USEC_PER_SEC, t0 = now - 36 * step;
	int i;

	for (i = 0; i <= 36; i++) {
		gint64 t = t0 + i * step;

		if (i > 14 && i < 24)
			continue; /* the thermostat was off the network */
		iot_history_add(h, NULL, "temperature", "°C", t,
		                21.0 + 1.2 * sin(i / 5.0) + (i % 3) * 0.1, 0);
		iot_history_add(h, NULL, "humidity", "%", t, 45 + 5 * cos(i / 7.0), 0);
		iot_history_add(h, NULL, "battery", "V", t, 3.3 - i * 0.005, 0);
		iot_history_add(h, NULL, "pressure", "hPa", t, 1013 + sin(i / 3.0), 0);
		iot_history_add(h, NULL, "outdoor temperature", "°C", t, -2.0 - i * 0.05, 0);
	}
	return h;
}

static IotGtkReadout *
open_window(Calls *calls, const char *title)
{
	IotGtkReadout *win;

	memset(calls, 0, sizeof *calls);
	win = iot_gtk_readout_new(title, &callbacks, calls);
	calls->win = win;
	return win;
}

static void
close_window(IotGtkReadout *win, Calls *calls)
{
	iot_gtk_readout_destroy(win);
	ck_assert_int_eq(calls->closed, 1);
	ui_test_run_ms(10);
}

/* The shown row whose raw name is @name: fills @iter. */
static gboolean
find_row(GtkTreeModel *m, const char *name, GtkTreeIter *iter)
{
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, iter); ok; ok = gtk_tree_model_iter_next(m, iter)) {
		char *n = NULL;
		gboolean eq;

		gtk_tree_model_get(m, iter, IOT_GTK_READOUT_COL_NAME, &n, -1);
		eq = g_strcmp0(n, name) == 0;
		g_free(n);
		if (eq)
			return TRUE;
	}
	return FALSE;
}

static char *
cell(GtkTreeModel *m, const char *name, IotGtkReadoutColumn col)
{
	GtkTreeIter iter;
	char *s = NULL;

	ck_assert_msg(find_row(m, name, &iter), "no row %s", name);
	gtk_tree_model_get(m, &iter, col, &s, -1);
	return s;
}

static gint
cell_int(GtkTreeModel *m, const char *name, IotGtkReadoutColumn col)
{
	GtkTreeIter iter;
	gint v = 0;

	ck_assert_msg(find_row(m, name, &iter), "no row %s", name);
	gtk_tree_model_get(m, &iter, col, &v, -1);
	return v;
}

#define ck_assert_cell(m, name, col, expected)                                    \
	do {                                                                     \
		char *got_ = cell(m, name, col);                                 \
		ck_assert_msg(g_strcmp0(got_, expected) == 0, "%s/%d: \"%s\" != \"%s\"", \
		              name, (int)(col), got_ ? got_ : "(null)",            \
		              (expected) ? (const char *)(expected) : "(null)");                 \
		g_free(got_);                                                    \
	} while (0)

static int
n_rows(GtkTreeModel *m)
{
	return gtk_tree_model_iter_n_children(m, NULL);
}

static GtkTreeViewColumn *
view_column(IotGtkReadout *win, IotGtkReadoutColumn col)
{
	GtkTreeViewColumn *c = iot_gtk_readout_get_column(win, col);

	ck_assert_ptr_nonnull(c);
	return c;
}

static void
select_row(IotGtkReadout *win, const char *name)
{
	ck_assert_msg(iot_gtk_readout_select_field(win, NULL, name), "cannot select %s", name);
}

/* ---- PNG ---------------------------------------------------------------------------- */


/* ---- the table ------------------------------------------------------------------------ */

START_TEST(test_rows)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	gint64 now = g_get_real_time();
	IotReadout *r = thermostat(now);
	GtkTreeModel *m;
	char *when;

	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_readout_get_window(win))),
	                 "Sensor data — Thermostat");
	iot_gtk_readout_set_readout(win, r);
	m = iot_gtk_readout_get_model(win);
	ck_assert_int_eq(n_rows(m), THERMOSTAT_ROWS);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_FIELD, "temperature");
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_VALUE, "21.50");
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_UNIT, "°C");
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_CATEGORY, "momentary");
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_STATUS, "");
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_NODE, "");
	when = iot_time_format_local(now - 30 * G_USEC_PER_SEC, now);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_TIME, when);
	g_free(when);
	ck_assert_cell(m, "humidity", IOT_GTK_READOUT_COL_VALUE, "45");
	ck_assert_cell(m, "humidity", IOT_GTK_READOUT_COL_UNIT, "%");
	ck_assert_cell(m, "heater", IOT_GTK_READOUT_COL_VALUE, "false");
	ck_assert_cell(m, "mode", IOT_GTK_READOUT_COL_VALUE, "Eco");
	ck_assert_cell(m, "mode", IOT_GTK_READOUT_COL_CATEGORY, "momentary, status");
	ck_assert_cell(m, "firmware", IOT_GTK_READOUT_COL_CATEGORY, "identity");
	/* Quality in words, a sign and a style: never colour alone. */
	ck_assert_cell(m, "pressure", IOT_GTK_READOUT_COL_STATUS, "⚠ error");
	ck_assert_cell(m, "pressure", IOT_GTK_READOUT_COL_FOREGROUND, "#c00000");
	ck_assert_int_eq(cell_int(m, "pressure", IOT_GTK_READOUT_COL_WEIGHT), PANGO_WEIGHT_BOLD);
	ck_assert_int_eq(cell_int(m, "pressure", IOT_GTK_READOUT_COL_SEVERITY), IOT_GTK_SEVERITY_ERROR);
	ck_assert_cell(m, "battery", IOT_GTK_READOUT_COL_STATUS, "warning");
	ck_assert_cell(m, "battery", IOT_GTK_READOUT_COL_FOREGROUND, "#a04c00");
	ck_assert_int_eq(cell_int(m, "battery", IOT_GTK_READOUT_COL_WEIGHT), PANGO_WEIGHT_NORMAL);
	ck_assert_cell(m, "outdoor temperature", IOT_GTK_READOUT_COL_STATUS, "automatic estimate");
	ck_assert_int_eq(cell_int(m, "outdoor temperature", IOT_GTK_READOUT_COL_STYLE), PANGO_STYLE_ITALIC);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_FOREGROUND, NULL);
	/* Device strings stay as sent: no markup, no entities decoded. */
	ck_assert_cell(m, "<b>bold</b>", IOT_GTK_READOUT_COL_FIELD, "<b>bold</b>");
	ck_assert_cell(m, "<b>bold</b>", IOT_GTK_READOUT_COL_VALUE, "&amp; :P");
	ck_assert_msg(g_str_has_prefix(iot_gtk_readout_get_status(win), "Last updated "), "%s",
	              iot_gtk_readout_get_status(win));
	/* No nodes: no node column. */
	ck_assert(!gtk_tree_view_column_get_visible(view_column(win, IOT_GTK_READOUT_COL_NODE)));
	iot_readout_free(r);
	close_window(win, &calls);
}
END_TEST

static char *
localize(IotGtkReadout *win, const IotField *f, gpointer data)
{
	return strcmp(f->name, "temperature") == 0 ? g_strdup("Temperatur") : NULL;
}

START_TEST(test_localized_names_and_nodes)
{
	IotGtkReadoutCallbacks cbs = callbacks;
	Calls calls;
	IotGtkReadout *win;
	IotReadout *r = thermostat(g_get_real_time());
	IotField *k = ui_test_field("temperature", IOT_VALUE_NUMERIC, "19.0", "°C",
	                            IOT_CAT_MOMENTARY, 0, g_get_real_time());
	GtkTreeModel *m;

	memset(&calls, 0, sizeof calls);
	cbs.localize_name = localize;
	win = iot_gtk_readout_new("Hub", &cbs, &calls);
	calls.win = win;
	k->node.node_id = g_strdup("kitchen");
	k->node.source_id = g_strdup("Rooms");
	g_ptr_array_add(r->fields, k);
	iot_gtk_readout_set_readout(win, r);
	m = iot_gtk_readout_get_model(win);
	ck_assert_int_eq(n_rows(m), THERMOSTAT_ROWS + 1);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_FIELD, "Temperatur");
	ck_assert_cell(m, "humidity", IOT_GTK_READOUT_COL_FIELD, "humidity");
	ck_assert(gtk_tree_view_column_get_visible(view_column(win, IOT_GTK_READOUT_COL_NODE)));
	/* The filter finds the node, case-insensitively. */
	gtk_entry_set_text(iot_gtk_readout_get_filter_entry(win), "KITCH");
	ck_assert_int_eq(n_rows(m), 1);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_NODE, "kitchen (Rooms)");
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_VALUE, "19.0");
	/* … and the localized name as well as the name as sent. */
	gtk_entry_set_text(iot_gtk_readout_get_filter_entry(win), "temperatur");
	ck_assert_int_eq(n_rows(m), 3);
	iot_readout_free(r);
	close_window(win, &calls);
}
END_TEST

START_TEST(test_sort)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	IotReadout *r = thermostat(g_get_real_time());
	static const char *const by_value[] = { "outdoor temperature", "battery", "temperature",
		                                "humidity", "pressure" };
	IotGtkReadoutColumn col;
	GtkSortType order;
	GtkTreeModel *m;
	GtkTreeIter iter;
	gint64 prev = G_MININT64;
	gboolean ok;
	guint i = 0;
	char *name;

	iot_gtk_readout_set_readout(win, r);
	ck_assert(!iot_gtk_readout_get_sort(win, NULL, NULL));
	/* The device's order until a header is clicked. */
	m = iot_gtk_readout_get_model(win);
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
	ck_assert_str_eq(name, "temperature");
	g_free(name);

	gtk_tree_view_column_clicked(view_column(win, IOT_GTK_READOUT_COL_VALUE));
	ck_assert(iot_gtk_readout_get_sort(win, &col, &order));
	ck_assert_int_eq(col, IOT_GTK_READOUT_COL_VALUE);
	ck_assert_int_eq(order, GTK_SORT_ASCENDING);
	/* Numerically (-3.5 < 3.1 < 21.50 < 45 < 1013.2; as text 1013.2 would
	 * come second), numbers before text. */
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok && i < G_N_ELEMENTS(by_value);
	     ok = gtk_tree_model_iter_next(m, &iter), i++) {
		gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
		ck_assert_str_eq(name, by_value[i]);
		g_free(name);
	}

	gtk_tree_view_column_clicked(view_column(win, IOT_GTK_READOUT_COL_TIME));
	ck_assert(iot_gtk_readout_get_sort(win, &col, NULL) && col == IOT_GTK_READOUT_COL_TIME);
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		gint64 t;

		gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_TIMESTAMP, &t, -1);
		ck_assert_msg(t >= prev, "times out of order");
		prev = t;
	}
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
	ck_assert_str_eq(name, "<b>bold</b>"); /* the oldest, 80 s ago */
	g_free(name);
	/* A second click turns the order round. */
	gtk_tree_view_column_clicked(view_column(win, IOT_GTK_READOUT_COL_TIME));
	ck_assert(iot_gtk_readout_get_sort(win, NULL, &order) && order == GTK_SORT_DESCENDING);
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
	ck_assert_str_eq(name, "outdoor temperature"); /* the newest, 5 s ago */
	g_free(name);

	/* Status by severity: error, warning, estimate, then the rest. */
	gtk_tree_view_column_clicked(view_column(win, IOT_GTK_READOUT_COL_STATUS));
	ck_assert(iot_gtk_readout_get_sort(win, &col, &order) && col == IOT_GTK_READOUT_COL_STATUS);
	ck_assert_int_eq(order, GTK_SORT_ASCENDING);
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
	ck_assert_str_eq(name, "pressure");
	g_free(name);
	gtk_tree_model_iter_next(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
	ck_assert_str_eq(name, "battery");
	g_free(name);

	/* A new readout keeps the sort order. */
	iot_gtk_readout_set_readout(win, r);
	ck_assert(iot_gtk_readout_get_sort(win, &col, NULL) && col == IOT_GTK_READOUT_COL_STATUS);
	m = iot_gtk_readout_get_model(win);
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &name, -1);
	ck_assert_str_eq(name, "pressure");
	g_free(name);
	iot_readout_free(r);
	close_window(win, &calls);
}
END_TEST

START_TEST(test_filter)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	IotReadout *r = thermostat(g_get_real_time());
	GtkTreeModel *m;
	GtkEntry *e = iot_gtk_readout_get_filter_entry(win);

	iot_gtk_readout_set_readout(win, r);
	m = iot_gtk_readout_get_model(win);
	gtk_entry_set_text(e, "TEMP");
	ck_assert_int_eq(n_rows(m), 2);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_VALUE, "21.50");
	ck_assert_cell(m, "outdoor temperature", IOT_GTK_READOUT_COL_VALUE, "-3.5");
	gtk_entry_set_text(e, "<b>");
	ck_assert_int_eq(n_rows(m), 1);
	gtk_entry_set_text(e, "no such field");
	ck_assert_int_eq(n_rows(m), 0);
	/* The filter holds across a new readout and updates. */
	gtk_entry_set_text(e, "hum");
	iot_gtk_readout_set_readout(win, r);
	m = iot_gtk_readout_get_model(win);
	ck_assert_int_eq(n_rows(m), 1);
	gtk_entry_set_text(e, "");
	ck_assert_int_eq(n_rows(m), THERMOSTAT_ROWS);
	iot_readout_free(r);
	close_window(win, &calls);
}
END_TEST

/* ---- coalesced updates ------------------------------------------------------------------ */

START_TEST(test_coalesce)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	gint64 now = g_get_real_time();
	IotReadout *r = thermostat(now);
	GtkTreeModel *m;
	guint applies, i;

	iot_gtk_readout_set_readout(win, r);
	gtk_tree_view_column_clicked(view_column(win, IOT_GTK_READOUT_COL_VALUE));
	applies = iot_gtk_readout_get_applies(win);
	for (i = 0; i < 1000; i++) {
		IotReadout *u = iot_readout_new();
		char v[32];

		g_snprintf(v, sizeof v, "%u.25", i);
		g_ptr_array_add(u->fields, ui_test_field("temperature", IOT_VALUE_NUMERIC, v, "°C",
		                                         IOT_CAT_MOMENTARY, 0, now + i));
		g_ptr_array_add(u->fields, ui_test_field("power", IOT_VALUE_NUMERIC, v, "W",
		                                         IOT_CAT_MOMENTARY, 0, now + i));
		iot_gtk_readout_update(win, u);
		iot_readout_free(u);
		/* One pending entry per row, however many updates came. */
		ck_assert_uint_le(iot_gtk_readout_get_pending(win), 2);
	}
	ck_assert_uint_eq(iot_gtk_readout_get_applies(win), applies);
	ui_test_run_ms(300);
	ck_assert_uint_eq(iot_gtk_readout_get_applies(win), applies + 1);
	ck_assert_uint_eq(iot_gtk_readout_get_pending(win), 0);
	m = iot_gtk_readout_get_model(win);
	ck_assert_int_eq(n_rows(m), THERMOSTAT_ROWS + 1);
	ck_assert_cell(m, "temperature", IOT_GTK_READOUT_COL_VALUE, "999.25");
	ck_assert_cell(m, "power", IOT_GTK_READOUT_COL_VALUE, "999.25");
	ck_assert_cell(m, "power", IOT_GTK_READOUT_COL_UNIT, "W");
	/* Still sorted by value: the updated rows moved to the end. */
	{
		GtkTreeIter iter;
		double prev = -INFINITY, v;
		gboolean ok, num;

		for (ok = gtk_tree_model_get_iter_first(m, &iter); ok;
		     ok = gtk_tree_model_iter_next(m, &iter)) {
			gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_HAS_NUMBER, &num,
			                   IOT_GTK_READOUT_COL_NUMBER, &v, -1);
			if (!num)
				break;
			ck_assert(v >= prev);
			prev = v;
		}
		ck_assert(prev == 1013.2);
	}
	/* Quiet: no further applies. */
	ui_test_run_ms(300);
	ck_assert_uint_eq(iot_gtk_readout_get_applies(win), applies + 1);
	/* Pending updates die with the window without touching it afterwards. */
	iot_gtk_readout_update(win, r);
	iot_readout_free(r);
	close_window(win, &calls);
	ui_test_run_ms(300);
}
END_TEST

/* ---- CSV ----------------------------------------------------------------------------------- */

START_TEST(test_csv)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	IotReadout *r = thermostat(g_get_real_time()), *small = iot_readout_new();
	GString *expected = g_string_new(NULL), *got;
	GError *error = NULL;
	char *dir = g_dir_make_tmp("readout-csv-XXXXXX", NULL), *path, *data = NULL, *clip;
	gint64 t;

	/* The table as iot-csv writes the same readout, byte for byte. */
	iot_gtk_readout_set_readout(win, r);
	iot_csv_readout(expected, r, IOT_CSV_NONE);
	got = iot_gtk_readout_table_csv(win, FALSE);
	ck_assert_str_eq(got->str, expected->str);
	g_string_free(got, TRUE);
	path = g_build_filename(dir, "table.csv", NULL);
	ck_assert_msg(iot_gtk_readout_export_csv(win, path, &error), "%s", error ? error->message : "");
	ck_assert(g_file_get_contents(path, &data, NULL, NULL));
	ck_assert_str_eq(data, expected->str);
	g_free(data);
	g_unlink(path);
	g_free(path);

	/* A small case against a literal. */
	ck_assert(iot_time_parse_datetime("2024-01-10T08:15:00Z", &t));
	g_ptr_array_add(small->fields, ui_test_field("temperature", IOT_VALUE_NUMERIC, "21.50",
	                                             "°C", IOT_CAT_MOMENTARY, 0, t));
	g_ptr_array_add(small->fields, ui_test_field("say \"hi\", =1", IOT_VALUE_STRING, "-x", NULL,
	                                             IOT_CAT_MOMENTARY | IOT_CAT_STATUS,
	                                             IOT_QOS_ERROR, t));
	iot_gtk_readout_set_readout(win, small);
	got = iot_gtk_readout_table_csv(win, FALSE);
	ck_assert_str_eq(got->str,
	                 "node,field,value,unit,timestamp,categories,quality\r\n"
	                 ",temperature,21.50,°C,2024-01-10T08:15:00Z,momentary,automaticReadout\r\n"
	                 ",\"say \"\"hi\"\", =1\",'-x,,2024-01-10T08:15:00Z,momentary status,error\r\n");
	g_string_free(got, TRUE);

	/* The table as shown: filtered rows only, in the order shown. */
	iot_gtk_readout_set_readout(win, r);
	gtk_entry_set_text(iot_gtk_readout_get_filter_entry(win), "humidity");
	got = iot_gtk_readout_table_csv(win, FALSE);
	ck_assert(g_str_has_prefix(got->str, "node,field,value,unit,timestamp,categories,quality\r\n"
	                                     ",humidity,45,%,"));
	ck_assert_ptr_null(strstr(got->str, "temperature"));
	g_string_free(got, TRUE);
	gtk_entry_set_text(iot_gtk_readout_get_filter_entry(win), "");

	/* Ctrl+C in the table copies the selected rows. */
	{
		GtkTreeSelection *sel = gtk_tree_view_get_selection(iot_gtk_readout_get_view(win));
		GtkWidget *window = iot_gtk_readout_get_window(win);
		GString *sel_csv;

		ui_test_show_and_wait(window, 50);
		select_row(win, "humidity");
		{
			GtkTreePath *p4 = gtk_tree_path_new_from_string("4");

			gtk_tree_selection_select_path(sel, p4);
			gtk_tree_path_free(p4);
		}
		ck_assert_int_eq(gtk_tree_selection_count_selected_rows(sel), 2);
		gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_readout_get_view(win)));
		ui_test_send_key(window, GDK_c, GDK_CONTROL_MASK);
		clip = gtk_clipboard_wait_for_text(gtk_clipboard_get(GDK_SELECTION_CLIPBOARD));
		ck_assert_ptr_nonnull(clip);
		sel_csv = iot_gtk_readout_table_csv(win, TRUE);
		ck_assert_str_eq(clip, sel_csv->str);
		ck_assert(g_str_has_prefix(clip, "node,field,value,unit,timestamp,categories,quality\r\n"
		                                 ",humidity,45,%,"));
		ck_assert_ptr_nonnull(strstr(clip, "\r\n,firmware,2.4.1,,"));
		ck_assert_ptr_null(strstr(clip, "temperature"));
		g_string_free(sel_csv, TRUE);
		g_free(clip);
	}
	/* "Export CSV…": a file chooser for this window; saving writes the table. */
	{
		GtkWidget *window = iot_gtk_readout_get_window(win), *chooser = NULL;
		GList *tops = gtk_window_list_toplevels(), *l;
		char *saved = g_build_filename(dir, "export.csv", NULL);

		g_list_free(tops);
		gtk_button_clicked(GTK_BUTTON(ui_test_find_button(window, "E_xport CSV…")));
		tops = gtk_window_list_toplevels();
		for (l = tops; l != NULL; l = l->next) {
			if (GTK_IS_FILE_CHOOSER_DIALOG(l->data) && gtk_widget_get_visible(l->data))
				chooser = l->data;
		}
		g_list_free(tops);
		ck_assert_ptr_nonnull(chooser);
		ck_assert(gtk_window_get_transient_for(GTK_WINDOW(chooser)) == GTK_WINDOW(window));
		ck_assert(gtk_file_chooser_get_do_overwrite_confirmation(GTK_FILE_CHOOSER(chooser)));
		gtk_file_chooser_set_current_folder(GTK_FILE_CHOOSER(chooser), dir);
		gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(chooser), "export.csv");
		ui_test_run_ms(100);
		/* The chooser checks the name before it lets the response through. */
		gtk_dialog_response(GTK_DIALOG(chooser), GTK_RESPONSE_ACCEPT);
		ui_test_run_ms(300);
		ck_assert_str_eq(iot_gtk_readout_get_status(win), "Saved export.csv");
		ck_assert(g_file_get_contents(saved, &data, NULL, NULL));
		ck_assert_str_eq(data, expected->str);
		g_free(data);
		g_unlink(saved);
		g_free(saved);
	}
	g_string_free(expected, TRUE);
	iot_readout_free(small);
	iot_readout_free(r);
	g_rmdir(dir);
	g_free(dir);
	close_window(win, &calls);
}
END_TEST

/* ---- plot ------------------------------------------------------------------------------------ */

START_TEST(test_plot)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	gint64 now = g_get_real_time(), t0 = now - (gint64)2 * 3600 * G_USEC_PER_SEC;
	gint64 min = 60 * G_USEC_PER_SEC;
	IotReadout *r = thermostat(now);
	IotHistory *h = iot_history_new("thermostat@home.example");
	GtkWidget *plot = iot_gtk_readout_get_plot(win);
	GArray *pts;
	GString *expected = g_string_new(NULL);
	char *dir = g_dir_make_tmp("readout-hist-XXXXXX", NULL), *path, *data = NULL, *summary;
	GError *error = NULL;
	guint i;

	/* Ten samples a minute apart, an hour without data, five more. */
	for (i = 0; i < 10; i++)
		iot_history_add(h, NULL, "temperature", "°C", t0 + i * min, 20.0 + i * 0.1, 0);
	for (i = 0; i < 5; i++)
		iot_history_add(h, NULL, "temperature", "°C", t0 + (69 + i) * min, 22.0 - i * 0.2, 0);
	iot_gtk_readout_set_readout(win, r);
	iot_gtk_readout_set_history(win, h);
	ui_test_show_and_wait(iot_gtk_readout_get_window(win), 50);

	/* Nothing selected: no plot. */
	ck_assert(!gtk_widget_get_visible(gtk_widget_get_parent(plot)));
	pts = iot_gtk_readout_get_plot_points(win);
	ck_assert_uint_eq(pts->len, 0);
	g_array_unref(pts);

	select_row(win, "temperature");
	ck_assert(gtk_widget_get_visible(gtk_widget_get_parent(plot)));
	pts = iot_gtk_readout_get_plot_points(win);
	ck_assert_uint_eq(pts->len, 15);
	for (i = 0; i < pts->len; i++) {
		const IotGtkPlotPoint *p = &g_array_index(pts, IotGtkPlotPoint, i);

		ck_assert_msg(p->gap_before == (i == 10), "point %u: gap_before %d", i, p->gap_before);
		ck_assert(p->t == (i < 10 ? t0 + i * min : t0 + (59 + i) * min));
		ck_assert(fabs(p->v - (i < 10 ? 20.0 + i * 0.1 : 22.0 - (i - 10) * 0.2)) < 1e-9);
	}
	g_array_unref(pts);
	summary = iot_gtk_plot_get_summary(plot);
	ck_assert_msg(g_str_has_prefix(summary, "min 20.00 °C · max 22.00 °C · last 21.20 °C at "),
	              "%s", summary);
	g_free(summary);

	/* The history grows; the window is told. */
	iot_history_add(h, NULL, "temperature", "°C", t0 + 74 * min, 21.0, 0);
	iot_gtk_readout_history_changed(win);
	pts = iot_gtk_readout_get_plot_points(win);
	ck_assert_uint_eq(pts->len, 16);
	ck_assert(!g_array_index(pts, IotGtkPlotPoint, 15).gap_before);
	g_array_unref(pts);

	/* Its history as CSV, through iot-csv. */
	path = g_build_filename(dir, "history.csv", NULL);
	ck_assert_msg(iot_gtk_readout_export_history(win, path, &error), "%s", error ? error->message : "");
	iot_csv_series(expected, iot_history_find_series(h, NULL, "temperature"), G_MININT64,
	               G_MAXINT64, IOT_CSV_NONE);
	ck_assert(g_file_get_contents(path, &data, NULL, NULL));
	ck_assert_str_eq(data, expected->str);
	ck_assert(g_str_has_prefix(data, "timestamp,value,unit,quality\r\n"));
	g_unlink(path);
	g_free(path);
	g_free(data);

	/* A text field has no plot; a numeric one without history says so. */
	select_row(win, "mode");
	ck_assert(!gtk_widget_get_visible(gtk_widget_get_parent(plot)));
	select_row(win, "humidity");
	ck_assert(gtk_widget_get_visible(gtk_widget_get_parent(plot)));
	pts = iot_gtk_readout_get_plot_points(win);
	ck_assert_uint_eq(pts->len, 0);
	g_array_unref(pts);
	path = g_build_filename(dir, "none.csv", NULL);
	ck_assert(!iot_gtk_readout_export_history(win, path, &error));
	g_clear_error(&error);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	g_free(path);

	/* The owner lets go of the history before freeing it. */
	iot_gtk_readout_set_history(win, NULL);
	iot_history_free(h);
	ui_test_run_ms(50);
	g_string_free(expected, TRUE);
	iot_readout_free(r);
	g_rmdir(dir);
	g_free(dir);
	close_window(win, &calls);
}
END_TEST

/* ---- keyboard, requests, status ------------------------------------------------------------------- */

START_TEST(test_keyboard_and_requests)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	IotReadout *r = thermostat(g_get_real_time());
	GtkWidget *window = iot_gtk_readout_get_window(win);
	int w, h;

	iot_gtk_readout_set_readout(win, r);
	gtk_window_get_default_size(GTK_WINDOW(window), &w, &h);
	ck_assert_int_eq(w, 760);
	ck_assert_int_eq(h, 520);
	ck_assert(gtk_window_get_resizable(GTK_WINDOW(window)));
	ui_test_show_and_wait(window, 50);

	/* F5 repeats the last kind: now at first. */
	ui_test_send_key(window, GDK_F5, 0);
	ck_assert_int_eq(calls.requests, 1);
	ck_assert_int_eq(calls.kind, IOT_GTK_REQUEST_NOW);
	ck_assert(calls.from == IOT_TIME_UNKNOWN && calls.to == IOT_TIME_UNKNOWN);
	ck_assert_str_eq(iot_gtk_readout_get_status(win), "Reading…");
	/* Busy: no second request. */
	ui_test_send_key(window, GDK_F5, 0);
	ck_assert_int_eq(calls.requests, 1);
	iot_gtk_readout_set_status(win, "thermostat@home.example did not answer within 15 s", TRUE);
	ck_assert_str_eq(iot_gtk_readout_get_status(win),
	                 "thermostat@home.example did not answer within 15 s");

	/* Mnemonics: Alt+A is "All", Alt+H "Historical" (the last 24 h). */
	ui_test_send_key(window, GDK_a, GDK_MOD1_MASK);
	ck_assert_int_eq(calls.requests, 2);
	ck_assert_int_eq(calls.kind, IOT_GTK_REQUEST_ALL);
	iot_gtk_readout_set_busy(win, FALSE);
	ck_assert(g_str_has_prefix(iot_gtk_readout_get_status(win), "Last updated "));
	ui_test_send_key(window, GDK_h, GDK_MOD1_MASK);
	ck_assert_int_eq(calls.requests, 3);
	ck_assert_int_eq(calls.kind, IOT_GTK_REQUEST_HISTORICAL);
	ck_assert(calls.to - calls.from == (gint64)24 * 3600 * G_USEC_PER_SEC);
	ck_assert(llabs(g_get_real_time() - calls.to) < 61 * G_USEC_PER_SEC);
	iot_gtk_readout_set_readout(win, r);
	ck_assert(g_str_has_prefix(iot_gtk_readout_get_status(win), "Last updated "));
	ui_test_send_key(window, GDK_F5, 0);
	ck_assert_int_eq(calls.requests, 4);
	ck_assert_int_eq(calls.kind, IOT_GTK_REQUEST_HISTORICAL);
	iot_gtk_readout_set_busy(win, FALSE);
	/* Alt+N is "Now": the thing as it is now, momentary and status values. */
	ui_test_send_key(window, GDK_n, GDK_MOD1_MASK);
	ck_assert_int_eq(calls.requests, 5);
	ck_assert_int_eq(calls.kind, IOT_GTK_REQUEST_NOW);
	iot_gtk_readout_set_busy(win, FALSE);

	/* Ctrl+F goes to the filter; typing there filters. */
	gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_readout_get_view(win)));
	ui_test_send_key(window, GDK_f, GDK_CONTROL_MASK);
	ck_assert(gtk_widget_is_focus(GTK_WIDGET(iot_gtk_readout_get_filter_entry(win))));
	ui_test_send_key(window, GDK_h, 0);
	ui_test_send_key(window, GDK_u, 0);
	ck_assert_str_eq(gtk_entry_get_text(iot_gtk_readout_get_filter_entry(win)), "hu");
	ck_assert_int_eq(n_rows(iot_gtk_readout_get_model(win)), 1);
	gtk_entry_set_text(iot_gtk_readout_get_filter_entry(win), "");

	/* Automatic updates: the choice and the interval reach the owner. */
	ui_test_send_key(window, GDK_u, GDK_MOD1_MASK);
	ck_assert_int_eq(calls.autos, 1);
	ck_assert(calls.auto_on);
	ck_assert_uint_eq(calls.interval, 60);
	ui_test_send_key(window, GDK_v, GDK_MOD1_MASK);
	{
		GtkWidget *spin = gtk_window_get_focus(GTK_WINDOW(window));

		ck_assert(GTK_IS_SPIN_BUTTON(spin));
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(spin), 30);
	}
	ck_assert_int_eq(calls.autos, 2);
	ck_assert_uint_eq(calls.interval, 30);

	/* Stale, then a date the person typed wrong. */
	iot_gtk_readout_mark_stale(win);
	ck_assert_msg(g_str_has_prefix(iot_gtk_readout_get_status(win), "Stale: no update for "), "%s",
	              iot_gtk_readout_get_status(win));
	ui_test_send_key(window, GDK_o, GDK_MOD1_MASK);
	gtk_entry_set_text(GTK_ENTRY(gtk_window_get_focus(GTK_WINDOW(window))), "yesterday");
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(window, "_Historical")));
	ck_assert_int_eq(calls.requests, 5);
	ck_assert_str_eq(iot_gtk_readout_get_status(win), "Enter times as 2024-01-10 08:15.");
	gtk_entry_set_text(GTK_ENTRY(gtk_window_get_focus(GTK_WINDOW(window))), "2024-01-10 08:15");
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(window, "_Historical")));
	ck_assert_int_eq(calls.requests, 6);
	ck_assert(calls.to > calls.from);

	/* Tab goes through the controls in reading order, skipping what is
	 * insensitive (nothing selected: no copy, no history export). */
	{
		static const char *const order[] = { "_Now", "_All", "_Historical", "from",
			                             "to", "_Refresh", "filter", "table",
			                             "_Update automatically", "interval",
			                             "E_xport CSV…", "gtk-close" };
		GtkWidget *named[G_N_ELEMENTS(order)];
		guint k;

		iot_gtk_readout_set_busy(win, FALSE);
		gtk_tree_selection_unselect_all(gtk_tree_view_get_selection(iot_gtk_readout_get_view(win)));
		for (k = 0; k < G_N_ELEMENTS(order); k++)
			named[k] = ui_test_find_button(window, order[k]);
		named[3] = named[4] = named[9] = NULL; /* found below, by focus */
		named[6] = GTK_WIDGET(iot_gtk_readout_get_filter_entry(win));
		named[7] = GTK_WIDGET(iot_gtk_readout_get_view(win));
		gtk_widget_grab_focus(named[0]);
		for (k = 1; k < G_N_ELEMENTS(order); k++) {
			GtkWidget *focus;

			ui_test_send_key(window, GDK_Tab, 0);
			focus = gtk_window_get_focus(GTK_WINDOW(window));
			if (named[k] == NULL)
				ck_assert_msg(k == 9 ? GTK_IS_SPIN_BUTTON(focus) : GTK_IS_ENTRY(focus),
				              "Tab %u: %s", k, G_OBJECT_TYPE_NAME(focus));
			else
				ck_assert_msg(focus == named[k], "Tab %u should reach %s, reached %s", k,
				              order[k], G_OBJECT_TYPE_NAME(focus));
		}
	}

	/* Escape closes, and on_closed comes exactly once. */
	ui_test_send_key(window, GDK_Escape, 0);
	ck_assert_int_eq(calls.closed, 1);
	ui_test_run_ms(50);
	ck_assert_int_eq(calls.closed, 1);
	iot_readout_free(r);
}
END_TEST

START_TEST(test_closed_once)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Thermostat");
	IotReadout *r = thermostat(g_get_real_time());

	/* Destroyed as a widget (the parent going away), with an update pending
	 * and a plot shown. */
	iot_gtk_readout_set_readout(win, r);
	select_row(win, "temperature");
	iot_gtk_readout_update(win, r);
	ui_test_show_and_wait(iot_gtk_readout_get_window(win), 50);
	gtk_widget_destroy(iot_gtk_readout_get_window(win));
	ck_assert_int_eq(calls.closed, 1);
	ui_test_run_ms(300);
	ck_assert_int_eq(calls.closed, 1);

	/* Device strings do not reach the title as markup or mnemonics. */
	win = open_window(&calls, "<b>_x</b>\nnext");
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_readout_get_window(win))),
	                 "Sensor data — <b>_x</b> next");
	close_window(win, &calls);
	iot_readout_free(r);
}
END_TEST

/* ---- 10 000 rows ---------------------------------------------------------------------------------- */

static gint64 first_paint;

static gboolean
mark_paint(GtkWidget *w, GdkEventExpose *ev, gpointer data)
{
	if (first_paint == 0)
		first_paint = g_get_monotonic_time();
	*(gboolean *)data = TRUE;
	return FALSE;
}

START_TEST(test_large)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "Power meter");
	IotReadout *r = iot_readout_new();
	GtkWidget *window = iot_gtk_readout_get_window(win);
	GtkTreeView *view = iot_gtk_readout_get_view(win);
	GtkAdjustment *adj;
	gint64 now = g_get_real_time(), t0, t_set, worst = 0, total = 0;
	gboolean painted = FALSE;
	guint i, frames = 0;
	double v;

	for (i = 0; i < 10000; i++) {
		char name[32], value[32];

		g_snprintf(name, sizeof name, "channel %05u", i);
		g_snprintf(value, sizeof value, "%.2f", (i * 7919 % 10007) / 10.0);
		g_ptr_array_add(r->fields, ui_test_field(name, IOT_VALUE_NUMERIC, value, "kWh",
		                                         IOT_CAT_MOMENTARY,
		                                         i % 97 == 0   ? IOT_QOS_ERROR
		                                         : i % 31 == 0 ? IOT_QOS_WARNING
		                                                       : 0,
		                                         now - (gint64)(i % 600) * G_USEC_PER_SEC));
	}
	ui_test_show_and_wait(window, 50);
	g_signal_connect_after(view, "expose-event", G_CALLBACK(mark_paint), &painted);
	first_paint = 0;
	t0 = g_get_monotonic_time();
	iot_gtk_readout_set_readout(win, r);
	t_set = g_get_monotonic_time();
	ck_assert(ui_test_run_until(&painted, 10000));
	printf("test-readout-window: 10000 rows: set_readout %.1f ms, "
	       "first paint of the table after %.1f ms\n",
	       (t_set - t0) / 1000.0, (first_paint - t0) / 1000.0);
	ck_assert_int_eq(n_rows(iot_gtk_readout_get_model(win)), 10000);
	ck_assert_msg(first_paint - t0 < 2 * G_USEC_PER_SEC, "first paint after %lld ms",
	              (long long)((first_paint - t0) / 1000));

	/* Scrolling: one page at a time through the whole table. */
	adj = gtk_tree_view_get_vadjustment(view);
	for (v = 0; v < gtk_adjustment_get_upper(adj); v += gtk_adjustment_get_page_size(adj) * 3) {
		gint64 a = g_get_monotonic_time(), d;

		gtk_adjustment_set_value(adj, v);
		gdk_window_process_updates(GTK_WIDGET(view)->window, TRUE);
		d = g_get_monotonic_time() - a;
		worst = MAX(worst, d);
		total += d;
		frames++;
	}
	printf("test-readout-window: 10000 rows: %u scroll steps, %.2f ms mean, %.2f ms worst\n",
	       frames, total / 1000.0 / frames, worst / 1000.0);
	ck_assert_msg(total / frames < 50000, "scrolling takes %lld µs a step",
	              (long long)(total / frames));

	/* Sorting 10 000 rows by value, and the coalesced update of all of them. */
	t0 = g_get_monotonic_time();
	gtk_tree_view_column_clicked(view_column(win, IOT_GTK_READOUT_COL_VALUE));
	gdk_window_process_updates(GTK_WIDGET(view)->window, TRUE);
	printf("test-readout-window: 10000 rows: sort by value %.1f ms\n",
	       (g_get_monotonic_time() - t0) / 1000.0);
	for (i = 1; i <= 64; i *= 4) {
		IotReadout *few = iot_readout_new();
		guint applies = iot_gtk_readout_get_applies(win), k;
		gint64 t1;

		/* A few rows change in a sorted table: each may move. */
		for (k = 0; k < i; k++) {
			IotField *f = iot_field_copy(g_ptr_array_index(r->fields, k * 97));

			g_free(f->value);
			f->value = g_strdup_printf("%u.5", 1000 - k);
			f->number = 1000 - k + 0.5;
			g_ptr_array_add(few->fields, f);
		}
		t1 = g_get_monotonic_time();
		iot_gtk_readout_update(win, few);
		iot_readout_free(few);
		while (iot_gtk_readout_get_applies(win) == applies)
			g_main_context_iteration(NULL, TRUE);
		printf("test-readout-window: 10000 rows, sorted: %u changed rows shown after %.1f ms "
		       "(250 ms of it coalescing)\n", i, (g_get_monotonic_time() - t1) / 1000.0);
	}
	{
		guint applies = iot_gtk_readout_get_applies(win);
		gboolean applied = FALSE;

		/* Every row changed at once, while sorted: the worst case. */
		iot_gtk_readout_update(win, r);
		t0 = g_get_monotonic_time();
		while (!applied)
			applied = g_main_context_iteration(NULL, TRUE) &&
			          iot_gtk_readout_get_applies(win) > applies;
		printf("test-readout-window: 10000 rows, sorted: 10000 changed rows shown after %.1f ms "
		       "(250 ms of it coalescing)\n", (g_get_monotonic_time() - t0) / 1000.0);
		ck_assert_uint_eq(iot_gtk_readout_get_pending(win), 0);
	}
	iot_readout_free(r);
	close_window(win, &calls);
}
END_TEST

/* ---- pictures --------------------------------------------------------------------------------------- */

START_TEST(test_png)
{
	Calls calls;
	IotGtkReadout *win = open_window(&calls, "thermostat@home.example");
	gint64 now = g_get_real_time();
	IotReadout *r = thermostat(now);
	IotHistory *h = thermostat_history(now);
	GtkWidget *window = iot_gtk_readout_get_window(win);
	IotFailure *fail = iot_failure_new();

	fail->text = g_strdup("Sensor <i>offline</i> & unreachable");
	fail->node.node_id = g_strdup("outdoor");
	g_ptr_array_add(r->failures, fail);
	iot_gtk_readout_set_readout(win, r);
	iot_gtk_readout_set_history(win, h);
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	ui_test_show_and_wait(window, 50);
	ui_test_save_png(window, "readout-window.png");

	select_row(win, "temperature");
	iot_gtk_readout_set_status(win, "Last updated 12:03:10", FALSE);
	ui_test_save_png(window, "readout-plot.png");
	iot_gtk_readout_set_history(win, NULL);
	iot_history_free(h);
	iot_readout_free(r);
	close_window(win, &calls);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("readout-window");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_localized_names_and_nodes);
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_coalesce);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_plot);
	tcase_add_test(tc, test_keyboard_and_requests);
	tcase_add_test(tc, test_closed_once);
	tcase_add_test(tc, test_large);
	tcase_add_test(tc, test_png);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
