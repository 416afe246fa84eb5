/*
 * test-readout-export.c — what the sensor-data window gives out: CSV,
 * the plot's data, and PNGs of the window kept as artifacts. Registered by
 * test-readout-window.c.
 */
#include "test-readout-window.h"
#include "iot-csv.h"
#include "iot-gtk-plot.h"
#include "iot-time.h"
#include "ui-test-util.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

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

/* CSV and the plot. */
void
readout_export_tests(TCase *tc)
{
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_plot);
}

/* Pictures of the window. */
void
readout_png_tests(TCase *tc)
{
	tcase_add_test(tc, test_png);
}
