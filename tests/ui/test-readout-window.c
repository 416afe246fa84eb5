/*
 * test-readout-window.c — the sensor-data window built from fixtures under
 * Xvfb: model contents, sorting, filter, coalesced updates, CSV, the plot's
 * data, keyboard use, life cycle, 10 000 rows, and PNGs of the window kept
 * as artifacts. Run by tests/ui/window-tests.sh BUILD_DIR ARTIFACT_DIR.
 * This file holds the fixtures and helpers of test-readout-window.h and the
 * suite; the tests are in test-readout-table.c, -updates.c and -export.c.
 *
 * Plain GTK 2 + check, no Pidgin. Tests run in one process (CK_NOFORK): a
 * forked child must not share the parent's X connection.
 */
#include "test-readout-window.h"
#include "ui-test-util.h"

#include <math.h>
#include <string.h>

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

const IotGtkReadoutCallbacks callbacks = { on_request, on_auto, on_closed, NULL };

/* ---- fixtures ------------------------------------------------------------------- */

/* The simulated thermostat, with an error, a warning, an estimate and a
 * hostile name. Times are scrambled so that sorting by time is visible. */
IotReadout *
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

/* Temperature every 5 min for 3 h with a 45 min hole, and some companions
 * for the trend column. */
IotHistory *
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

IotGtkReadout *
open_window(Calls *calls, const char *title)
{
	IotGtkReadout *win;

	memset(calls, 0, sizeof *calls);
	win = iot_gtk_readout_new(title, &callbacks, calls);
	calls->win = win;
	return win;
}

void
close_window(IotGtkReadout *win, Calls *calls)
{
	iot_gtk_readout_destroy(win);
	ck_assert_int_eq(calls->closed, 1);
	ui_test_run_ms(10);
}

/* The shown row whose raw name is @name: fills @iter. */
gboolean
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

char *
cell(GtkTreeModel *m, const char *name, IotGtkReadoutColumn col)
{
	GtkTreeIter iter;
	char *s = NULL;

	ck_assert_msg(find_row(m, name, &iter), "no row %s", name);
	gtk_tree_model_get(m, &iter, col, &s, -1);
	return s;
}

gint
cell_int(GtkTreeModel *m, const char *name, IotGtkReadoutColumn col)
{
	GtkTreeIter iter;
	gint v = 0;

	ck_assert_msg(find_row(m, name, &iter), "no row %s", name);
	gtk_tree_model_get(m, &iter, col, &v, -1);
	return v;
}

int
n_rows(GtkTreeModel *m)
{
	return gtk_tree_model_iter_n_children(m, NULL);
}

GtkTreeViewColumn *
view_column(IotGtkReadout *win, IotGtkReadoutColumn col)
{
	GtkTreeViewColumn *c = iot_gtk_readout_get_column(win, col);

	ck_assert_ptr_nonnull(c);
	return c;
}

void
select_row(IotGtkReadout *win, const char *name)
{
	ck_assert_msg(iot_gtk_readout_select_field(win, NULL, name), "cannot select %s", name);
}

int
main(int argc, char **argv)
{
	Suite *s = suite_create("readout-window");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	readout_table_tests(tc);
	readout_coalesce_tests(tc);
	readout_export_tests(tc);
	readout_status_tests(tc);
	readout_large_tests(tc);
	readout_png_tests(tc);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
