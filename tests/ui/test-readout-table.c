/*
 * test-readout-table.c — the sensor-data window's table: rows and their
 * columns, localized names and nodes, sorting, the filter, and 10 000 rows
 * (the first paint and the main loop). Registered by test-readout-window.c.
 */
#include "test-readout-window.h"
#include "iot-time.h"
#include "ui-test-util.h"

#include <stdio.h>
#include <string.h>

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

/* The table's rows, names, sorting and filter. */
void
readout_table_tests(TCase *tc)
{
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_localized_names_and_nodes);
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_filter);
}

/* 10 000 rows. */
void
readout_large_tests(TCase *tc)
{
	tcase_add_test(tc, test_large);
}
