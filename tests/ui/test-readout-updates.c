/*
 * test-readout-updates.c — the sensor-data window as readouts arrive:
 * coalesced updates, keyboard use, the requests and status it shows, and
 * its life cycle. Registered by test-readout-window.c.
 */
#include "test-readout-window.h"
#include "ui-test-util.h"

#include <gdk/gdkkeysyms.h>

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

/* Coalesced updates. */
void
readout_coalesce_tests(TCase *tc)
{
	tcase_add_test(tc, test_coalesce);
}

/* Keyboard, requests, status and the window's end. */
void
readout_status_tests(TCase *tc)
{
	tcase_add_test(tc, test_keyboard_and_requests);
	tcase_add_test(tc, test_closed_once);
}
