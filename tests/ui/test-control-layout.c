/*
 * test-control-layout.c — what the control dialog shows: a widget per
 * field type, hidden fields left out, hostile strings shown literally, the
 * dialog growing for the thing's words, Send pressed twice, its life cycle,
 * its look, and PNGs of every page. Registered by test-control-dialog.c.
 */
#include "test-control-dialog.h"
#include "iot-control.h"
#include "ui-test-util.h"

#include <gdk/gdkkeysyms.h>
#include <string.h>

START_TEST(test_widgets)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	GtkWidget *w, *nb;
	GtkTreeModel *m;
	const char *tip;

	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Control — Window lamp (lamp@home.example)");
	/* Two pages: tabs. */
	nb = iot_gtk_control_get_notebook(dlg);
	ck_assert_ptr_nonnull(nb);
	ck_assert_int_eq(gtk_notebook_get_n_pages(GTK_NOTEBOOK(nb)), 2);
	ck_assert_str_eq(gtk_notebook_get_tab_label_text(
	                     GTK_NOTEBOOK(nb), gtk_notebook_get_nth_page(GTK_NOTEBOOK(nb), 1)),
	                 "Light & more");

	/* One widget per type. */
	w = widget(dlg, "setpoint");
	ck_assert(GTK_IS_ENTRY(w));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(w)), "21.5");
	tip = gtk_widget_get_tooltip_text(w);
	ck_assert_str_eq(tip, "The temperature the room is kept at.");
	g_free((char *)tip);
	ck_assert(shown(iot_gtk_control_get_field_hint_label(dlg, "setpoint")));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_hint_label(dlg, "setpoint"))),
	                 "5 – 30");
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_caption(dlg, "setpoint"))),
	                 "Setpoint (°C):");
	w = widget(dlg, "pin");
	ck_assert(GTK_IS_ENTRY(w) && !gtk_entry_get_visibility(GTK_ENTRY(w)));
	ck_assert(GTK_IS_TEXT_VIEW(widget(dlg, "notes")));
	ck_assert(GTK_IS_TEXT_VIEW(widget(dlg, "viewers")));
	ck_assert(GTK_IS_ENTRY(widget(dlg, "owner")));
	ck_assert(GTK_IS_ENTRY(widget(dlg, "start")));
	w = widget(dlg, "fan");
	ck_assert(GTK_IS_CHECK_BUTTON(w));
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(w)), "Fan on");
	ck_assert(!gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(w)));
	ck_assert_ptr_null(iot_gtk_control_get_field_caption(dlg, "fan"));
	w = widget(dlg, "mode");
	ck_assert(GTK_IS_COMBO_BOX(w) && !GTK_IS_COMBO_BOX_ENTRY(w));
	ck_assert_int_eq(gtk_combo_box_get_active(GTK_COMBO_BOX(w)), 0);
	w = widget(dlg, "scene");
	ck_assert(GTK_IS_COMBO_BOX_ENTRY(w));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(iot_gtk_control_get_field_entry(dlg, "scene"))),
	                 "Reading");
	w = widget(dlg, "days");
	ck_assert(GTK_IS_TREE_VIEW(w));
	m = gtk_tree_view_get_model(GTK_TREE_VIEW(w));
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 7);
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_hint_label(dlg, "days"))),
	                 "Choose 1 to 5.");
	w = widget(dlg, "firmware");
	ck_assert(GTK_IS_LABEL(w));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(w)), "2.4.1");
	/* Colours: an entry with the hex value beside a colour button. */
	w = widget(dlg, "colour");
	ck_assert(GTK_IS_ENTRY(w));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(w)), "#FFB070");
	{
		GList *kids = gtk_container_get_children(GTK_CONTAINER(gtk_widget_get_parent(w)));
		GtkWidget *button = g_list_nth_data(kids, 1);
		GdkColor c;

		ck_assert(GTK_IS_COLOR_BUTTON(button));
		ck_assert(!gtk_color_button_get_use_alpha(GTK_COLOR_BUTTON(button)));
		gtk_color_button_get_color(GTK_COLOR_BUTTON(button), &c);
		ck_assert_int_eq(c.red >> 8, 0xFF);
		ck_assert_int_eq(c.green >> 8, 0xB0);
		ck_assert_int_eq(c.blue >> 8, 0x70);
		g_list_free(kids);

		kids = gtk_container_get_children(
		    GTK_CONTAINER(gtk_widget_get_parent(widget(dlg, "glow"))));
		button = g_list_nth_data(kids, 1);
		ck_assert(gtk_color_button_get_use_alpha(GTK_COLOR_BUTTON(button)));
		ck_assert_int_eq(gtk_color_button_get_alpha(GTK_COLOR_BUTTON(button)) >> 8, 0xC0);
		g_list_free(kids);
	}
	/* Hidden fields: nothing. */
	ck_assert_ptr_null(iot_gtk_control_get_field_widget(dlg, "xdd session"));
	ck_assert_ptr_null(iot_gtk_control_get_field_widget(dlg, "token"));
	/* readOnly: insensitive; required: a star; notSame: empty, "values differ". */
	ck_assert(!gtk_widget_is_sensitive(widget(dlg, "serial")));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_caption(dlg, "name"))),
	                 "Name *:");
	ck_assert(iot_gtk_control_field_differs(dlg, "speed"));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "speed"))), "");
	ck_assert_ptr_null(error_text(dlg, "speed"));
	/* The thing's xdd:error under its field. */
	ck_assert_str_eq(error_text(dlg, "hostile"), "Value <i>rejected</i> & _more");
	ck_assert_ptr_null(error_text(dlg, "setpoint"));
	/* Nothing changed yet: Send is off. */
	ck_assert(!send_on(dlg));
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_revert_button(dlg)));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_hostile_strings)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	IotDataForm *form = iot_gtk_control_get_form(dlg);
	GtkWidget *caption = iot_gtk_control_get_field_caption(dlg, "hostile");
	char *tip;

	/* Shown as sent: no markup, no mnemonic. */
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(caption)), "<b>x</b>&amp; _y:");
	ck_assert_str_eq(gtk_label_get_label(GTK_LABEL(caption)), "<b>x</b>&amp; _y:");
	ck_assert(!gtk_label_get_use_markup(GTK_LABEL(caption)));
	ck_assert(!gtk_label_get_use_underline(GTK_LABEL(caption)));
	ck_assert_uint_eq(gtk_label_get_mnemonic_keyval(GTK_LABEL(caption)), GDK_VoidSymbol);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "hostile"))), "<span>");
	tip = gtk_widget_get_tooltip_text(widget(dlg, "hostile"));
	ck_assert_str_eq(tip, "<i>not</i> markup");
	g_free(tip);

	/* A title, a thing label and a check box label with markup and underscores. */
	g_free(form->title);
	form->title = g_strdup("<big>Big</big> & _bold");
	iot_gtk_control_set_form(dlg, iot_dataform_new(IOT_FORM_FORM), FALSE);
	close_dialog(dlg, &calls);

	memset(&calls, 0, sizeof calls);
	dlg = iot_gtk_control_new("<b>lamp</b> & _co", &callbacks, &calls);
	calls.dlg = dlg;
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Control — <b>lamp</b> & _co");
	form = load_form("rich-control.xml");
	g_free(form->title);
	form->title = g_strdup("<big>Big</big> & _bold");
	g_free(iot_dataform_find(form, "fan")->label);
	iot_dataform_find(form, "fan")->label = g_strdup("<b>Fan</b> & _on");
	iot_gtk_control_set_form(dlg, form, FALSE);
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(widget(dlg, "fan"))), "<b>Fan</b> & _on");
	ck_assert(!gtk_button_get_use_underline(GTK_BUTTON(widget(dlg, "fan"))));
	close_dialog(dlg, &calls);
}
END_TEST
/* The thing's words under a field of a small form are seen whole: the
 * dialog grows for them rather than hiding them behind a scroll bar. */
START_TEST(test_grows_for_errors)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "xep0122-range.xml");
	GtkWidget *window = iot_gtk_control_get_window(dlg), *sw;
	IotControlResult *r = iot_control_result_new();
	IotControlParamError *e = g_new0(IotControlParamError, 1);
	GtkAdjustment *adj;
	int w0, h0, w1, h1;

	ui_test_show_and_wait(window, 100);
	gtk_window_get_size(GTK_WINDOW(window), &w0, &h0);
	type_text(dlg, "evt.date", "2003-10-07T10:00:00-07:00");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	e->name = g_strdup("evt.date");
	e->text = g_strdup("The hall is booked that day; the event needs another date in October.");
	g_ptr_array_add(r->errors, e);
	iot_gtk_control_set_result(dlg, FALSE, r, "The thing refused the date.");
	iot_control_result_free(r);
	ui_test_run_ms(150);
	gtk_window_get_size(GTK_WINDOW(window), &w1, &h1);
	ck_assert_int_gt(h1, h0);
	ck_assert_int_eq(w1, w0);
	sw = gtk_widget_get_ancestor(widget(dlg, "evt.date"), GTK_TYPE_SCROLLED_WINDOW);
	adj = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(sw));
	ck_assert_msg(gtk_adjustment_get_upper(adj) <= gtk_adjustment_get_page_size(adj) + 1,
	              "the page still scrolls: %.0f > %.0f", gtk_adjustment_get_upper(adj),
	              gtk_adjustment_get_page_size(adj));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_double_click)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	GtkWidget *send = iot_gtk_control_get_send_button(dlg);

	ui_test_show_and_wait(iot_gtk_control_get_window(dlg), 100);
	type_text(dlg, "setpoint", "20");
	gtk_button_clicked(GTK_BUTTON(send));
	gtk_button_clicked(GTK_BUTTON(send));
	ui_test_run_ms(20);
	gtk_button_clicked(GTK_BUTTON(send));
	ck_assert_int_eq(calls.sends, 1);
	/* Enter in an entry (the default button) is no way around it. */
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "pin"));
	ck_assert_int_eq(calls.sends, 1);
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_life_cycle)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, NULL);
	GtkWidget *reload = iot_gtk_control_get_reload_button(dlg);

	/* Before a form: nothing to send; a failure takes the form's place. */
	ck_assert(!send_on(dlg));
	ck_assert_ptr_null(iot_gtk_control_get_form(dlg));
	iot_gtk_control_set_status(dlg, "lamp@home.example does not offer control.", TRUE);
	ck_assert(!send_on(dlg));
	ck_assert(gtk_widget_get_sensitive(reload));
	gtk_button_clicked(GTK_BUTTON(reload));
	ck_assert_int_eq(calls.reloads, 1);
	ck_assert(!gtk_widget_get_sensitive(reload));
	iot_gtk_control_set_form(dlg, load_form("xep0336-notsame.xml"), FALSE);
	ck_assert(gtk_widget_get_sensitive(reload));
	/* One page: no tabs. */
	ck_assert_ptr_null(iot_gtk_control_get_notebook(dlg));
	ck_assert(iot_gtk_control_field_differs(dlg, "Address"));

	/* Offline: everything off but Close. */
	type_text(dlg, "Address", "7");
	ck_assert(send_on(dlg));
	iot_gtk_control_set_online(dlg, FALSE, "Your account is offline.");
	ck_assert(!send_on(dlg));
	ck_assert(!gtk_widget_get_sensitive(reload));
	ck_assert(!gtk_widget_is_sensitive(widget(dlg, "Address")));
	ck_assert_str_eq(status(dlg), "Your account is offline.");
	iot_gtk_control_set_online(dlg, TRUE, NULL);
	ck_assert(send_on(dlg));
	ck_assert(gtk_widget_is_sensitive(widget(dlg, "Address")));
	/* Reload keeps nothing of the former form. */
	gtk_button_clicked(GTK_BUTTON(reload));
	iot_gtk_control_set_form(dlg, load_form("xep0336-notsame.xml"), FALSE);
	ck_assert(!send_on(dlg));
	/* on_closed exactly once, also when closed by the window manager. */
	gtk_widget_destroy(iot_gtk_control_get_window(dlg));
	ck_assert_int_eq(calls.closed, 1);
	ui_test_run_ms(10);
}
END_TEST

START_TEST(test_look)
{
	static const IotGtkControlLook look = { "Set threshold — “Meter 12”",
		                                    "Asking for the command's parameters…", "_Run",
		                                    "Running…", TRUE };
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, NULL);
	GtkWidget *window = iot_gtk_control_get_window(dlg);

	/* Another form than a thing's control form: its own words. */
	iot_gtk_control_set_look(dlg, &look);
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(window)), "Set threshold — “Meter 12”");
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(iot_gtk_control_get_send_button(dlg))), "_Run");
	ck_assert(!send_on(dlg));
	/* The values as they came may be sent: a command run with them. */
	iot_gtk_control_set_form(dlg, load_form("xep0336-notsame.xml"), FALSE);
	ck_assert(send_on(dlg));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	ck_assert_str_eq(status(dlg), "Running…");
	ck_assert(!send_on(dlg));
	iot_gtk_control_set_result(dlg, TRUE, NULL, "Done.");
	ck_assert(send_on(dlg));
	/* Reload says what it waits for. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_reload_button(dlg)));
	ck_assert_str_eq(status(dlg), "Asking for the command's parameters…");
	close_dialog(dlg, &calls);
}
END_TEST

/* ---- pictures ----------------------------------------------------------------------------------- */

START_TEST(test_png)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, NULL);
	GtkWidget *window = iot_gtk_control_get_window(dlg), *nb;
	IotControlResult *r;
	IotControlParamError *e;

	gtk_window_move(GTK_WINDOW(window), 0, 0);
	ui_test_show_and_wait(window, 100);
	ui_test_save_png(window, "control-waiting.png");

	iot_gtk_control_set_form(dlg, load_form("rich-control.xml"), FALSE);
	ui_test_run_ms(200);
	ui_test_save_png(window, "control-page1.png");
	{
		/* The end of the first page: a check box, "values differ". */
		GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(
		    gtk_widget_get_ancestor(widget(dlg, "speed"), GTK_TYPE_SCROLLED_WINDOW)));

		gtk_adjustment_set_value(adj, gtk_adjustment_get_upper(adj) -
		                                  gtk_adjustment_get_page_size(adj));
		ui_test_save_png(window, "control-page1-end.png");
		gtk_adjustment_set_value(adj, 0);
	}
	nb = iot_gtk_control_get_notebook(dlg);
	gtk_notebook_set_current_page(GTK_NOTEBOOK(nb), 1);
	ui_test_save_png(window, "control-page2.png");

	/* Wrong input, the thing's refusal, a busy post-back. */
	gtk_notebook_set_current_page(GTK_NOTEBOOK(nb), 0);
	type_text(dlg, "setpoint", "45");
	type_text(dlg, "speed", "70");
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(widget(dlg, "fan")), TRUE);
	ui_test_save_png(window, "control-invalid.png");
	type_text(dlg, "setpoint", "29");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ui_test_save_png(window, "control-sending.png");
	r = iot_control_result_new();
	e = g_new0(IotControlParamError, 1);
	e->name = g_strdup("speed");
	e->text = g_strdup("The fan cannot run faster than 60 % at night.");
	g_ptr_array_add(r->errors, e);
	iot_gtk_control_set_result(dlg, FALSE, r, "The thermostat refused one value; nothing was changed.");
	iot_control_result_free(r);
	ui_test_save_png(window, "control-refused.png");
	close_dialog(dlg, &calls);

	/* A plain form without pages. */
	dlg = open_dialog(&calls, NULL);
	window = iot_gtk_control_get_window(dlg);
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	iot_gtk_control_set_form(dlg, load_form("all-datatypes.xml"), FALSE);
	ui_test_show_and_wait(window, 100);
	ui_test_save_png(window, "control-single-page.png");
	close_dialog(dlg, &calls);
}
END_TEST

/* A widget per field; hostile strings. */
void
control_layout_tests(TCase *tc)
{
	tcase_add_test(tc, test_widgets);
	tcase_add_test(tc, test_hostile_strings);
}

/* Size, double click, life cycle, look and pictures. */
void
control_look_tests(TCase *tc)
{
	tcase_add_test(tc, test_grows_for_errors);
	tcase_add_test(tc, test_double_click);
	tcase_add_test(tc, test_life_cycle);
	tcase_add_test(tc, test_look);
	tcase_add_test(tc, test_png);
}
