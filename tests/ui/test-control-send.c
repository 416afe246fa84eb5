/*
 * test-control-send.c — the control dialog checking and sending:
 * validation as the person types (message under the field, Send off, the
 * count in the status line), only changed fields submitted, Revert,
 * post-back (once, keeping the person's other edits and the page) and the
 * thing's errors under their fields. Registered by test-control-dialog.c.
 */
#include "test-control-dialog.h"
#include "iot-control.h"
#include "ui-test-util.h"

#include <string.h>

START_TEST(test_validation)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	char *expected;
	GtkTreeModel *m;
	GtkTreeIter iter;
	gboolean ok;

	/* Out of range: the core's sentence under the field, Send off, a count. */
	type_text(dlg, "setpoint", "45");
	expected = core_message(dlg, "setpoint", "45");
	ck_assert_ptr_nonnull(expected);
	ck_assert_str_eq(error_text(dlg, "setpoint"), expected);
	ck_assert(strstr(expected, "30") != NULL);
	g_free(expected);
	ck_assert(!send_on(dlg));
	ck_assert_str_eq(status(dlg), "1 field has a wrong value.");
	/* Nothing invalid ever reaches the model. */
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "setpoint")),
	                 "21.5");

	/* A second wrong field: two. */
	type_text(dlg, "start", "tomorrow");
	ck_assert_ptr_nonnull(error_text(dlg, "start"));
	ck_assert_str_eq(status(dlg), "2 fields have wrong values.");
	/* The button stays dead even when clicked. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 0);
	type_text(dlg, "start", "2026-11-24 07:00");
	ck_assert_ptr_null(error_text(dlg, "start"));

	/* Fixed: message gone, Send on. */
	type_text(dlg, "setpoint", "22");
	ck_assert_ptr_null(error_text(dlg, "setpoint"));
	ck_assert(send_on(dlg));
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "setpoint")),
	                 "22");
	/* What the person typed goes to the core as typed (units and all). */
	type_text(dlg, "setpoint", "21.5 °C");
	expected = core_message(dlg, "setpoint", "21.5 °C");
	if (expected != NULL)
		ck_assert_str_eq(error_text(dlg, "setpoint"), expected);
	else
		ck_assert_ptr_null(error_text(dlg, "setpoint"));
	g_free(expected);
	type_text(dlg, "setpoint", "22");

	/* Required, cleared. */
	type_text(dlg, "name", "");
	ck_assert_ptr_nonnull(error_text(dlg, "name"));
	ck_assert(strstr(error_text(dlg, "name"), "Name") != NULL);
	ck_assert(!send_on(dlg));
	type_text(dlg, "name", "Lamp");
	ck_assert(send_on(dlg));

	/* Colour: the entry and the button agree. */
	type_text(dlg, "colour", "#12345");
	ck_assert_ptr_nonnull(error_text(dlg, "colour"));
	type_text(dlg, "colour", "#102030");
	ck_assert_ptr_null(error_text(dlg, "colour"));
	{
		GList *kids = gtk_container_get_children(
		    GTK_CONTAINER(gtk_widget_get_parent(widget(dlg, "colour"))));
		GdkColor c;

		gtk_color_button_get_color(GTK_COLOR_BUTTON(g_list_nth_data(kids, 1)), &c);
		ck_assert_int_eq(c.green >> 8, 0x20);
		c.red = 0xAAAA;
		gtk_color_button_set_color(GTK_COLOR_BUTTON(g_list_nth_data(kids, 1)), &c);
		g_signal_emit_by_name(g_list_nth_data(kids, 1), "color-set");
		g_list_free(kids);
	}
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "colour"))), "#AA2030");
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "colour")),
	                 "AA2030");

	/* A list-range: none checked is too few. */
	m = gtk_tree_view_get_model(GTK_TREE_VIEW(widget(dlg, "days")));
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		gboolean on;
		char *path;
		GList *cells;
		GtkTreeViewColumn *col;

		gtk_tree_model_get(m, &iter, 0, &on, -1);
		if (!on)
			continue;
		path = gtk_tree_model_get_string_from_iter(m, &iter);
		col = gtk_tree_view_get_column(GTK_TREE_VIEW(widget(dlg, "days")), 0);
		cells = gtk_cell_layout_get_cells(GTK_CELL_LAYOUT(col));
		g_signal_emit_by_name(cells->data, "toggled", path);
		g_list_free(cells);
		g_free(path);
	}
	ck_assert_ptr_nonnull(error_text(dlg, "days"));
	ck_assert(!send_on(dlg));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_send_only_changes)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");

	type_text(dlg, "setpoint", "23");
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(widget(dlg, "fan")), TRUE);
	ck_assert_str_eq(status(dlg), "2 changes not sent yet.");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	ck_assert(calls.busy_at_send);
	ck_assert_uint_eq(calls.n_changed, 2);
	/* The session and the two changed fields, nothing else. */
	ck_assert_int_eq(count_fields(calls.submit), 3);
	ck_assert(strstr(calls.submit, "var=\"xdd session\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"setpoint\"") != NULL);
	ck_assert(strstr(calls.submit, "<value>23</value>") != NULL);
	ck_assert(strstr(calls.submit, "var=\"fan\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"speed\"") == NULL);
	/* Busy: the form is grey, Send off, the status says so. */
	ck_assert(!send_on(dlg));
	ck_assert_str_eq(status(dlg), "Sending…");

	/* Applied: the baseline moves, Send is off until something changes. */
	iot_gtk_control_set_result(dlg, TRUE, NULL, "Sent.");
	ck_assert(!send_on(dlg));
	ck_assert_str_eq(status(dlg), "Sent.");
	type_text(dlg, "setpoint", "24");
	ck_assert(send_on(dlg));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 2);
	ck_assert_uint_eq(calls.n_changed, 1);
	ck_assert(strstr(calls.submit, "var=\"fan\"") == NULL);

	/* A partial success: only what the thing listed joins the baseline. */
	{
		IotControlResult *r = iot_control_result_new();

		iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
		type_text(dlg, "setpoint", "25");
		type_text(dlg, "name", "Reading lamp");
		gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
		ck_assert_uint_eq(calls.n_changed, 2);
		r->params = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(r->params, g_strdup("name"));
		r->partial = TRUE;
		iot_gtk_control_set_result(dlg, TRUE, r, NULL);
		iot_control_result_free(r);
		ck_assert(send_on(dlg));
		gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
		ck_assert_uint_eq(calls.n_changed, 1);
		ck_assert(strstr(calls.submit, "var=\"setpoint\"") != NULL);
	}

	/* A notSame field edited is sent even with the value it showed. */
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
	type_text(dlg, "speed", "40");
	ck_assert(!iot_gtk_control_field_differs(dlg, "speed"));
	ck_assert(send_on(dlg));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert(strstr(calls.submit, "var=\"speed\"") != NULL);
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
	ck_assert(!send_on(dlg));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_revert)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");

	type_text(dlg, "setpoint", "26");
	gtk_combo_box_set_active(GTK_COMBO_BOX(widget(dlg, "mode")), 2);
	type_text(dlg, "speed", "70");
	type_text(dlg, "start", "soon");
	ck_assert(gtk_widget_get_sensitive(iot_gtk_control_get_revert_button(dlg)));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_revert_button(dlg)));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "setpoint"))), "21.5");
	ck_assert_int_eq(gtk_combo_box_get_active(GTK_COMBO_BOX(widget(dlg, "mode"))), 0);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "start"))), "2026-11-23T06:30:00");
	ck_assert_ptr_null(error_text(dlg, "start"));
	/* notSame again shows "values differ". */
	ck_assert(iot_gtk_control_field_differs(dlg, "speed"));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "speed"))), "");
	/* The thing's field errors are cleared too. */
	ck_assert_ptr_null(error_text(dlg, "hostile"));
	ck_assert(!send_on(dlg));
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_revert_button(dlg)));
	ck_assert_str_eq(status(dlg), "");
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_post_back)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	GtkWidget *nb = iot_gtk_control_get_notebook(dlg);
	IotDataForm *next;
	IotFormField *f;

	ui_test_show_and_wait(iot_gtk_control_get_window(dlg), 100);
	/* An edit elsewhere, then the second page. */
	type_text(dlg, "setpoint", "23");
	type_text(dlg, "start", "2026-12-01 05:00");
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 0);
	gtk_notebook_set_current_page(GTK_NOTEBOOK(nb), 1);
	/* A choice posts back at once (from the main loop), and only once. */
	gtk_combo_box_set_active(GTK_COMBO_BOX(widget(dlg, "effect")), 1);
	ck_assert(!send_on(dlg));
	ui_test_run_ms(50);
	ck_assert_int_eq(calls.post_backs, 1);
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "effect")),
	                 "fade");
	ck_assert_str_eq(status(dlg), "Updating the form…");
	ck_assert(!send_on(dlg));

	/* The thing's answer: a new field, the effect kept, a field read-only now. */
	next = load_form("rich-control.xml");
	iot_dataform_set_value(next, "effect", "fade");
	iot_dataform_find(next, "effect")->edited = FALSE;
	f = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, "fade-time");
	f->label = g_strdup("Fade time (s)");
	g_ptr_array_add(f->values, g_strdup("3"));
	iot_dataform_add_field(next, f);
	iot_gtk_control_set_form(dlg, next, TRUE);
	ui_test_run_ms(20);

	ck_assert_int_eq(gtk_notebook_get_current_page(GTK_NOTEBOOK(iot_gtk_control_get_notebook(dlg))), 1);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "setpoint"))), "23");
	ck_assert_ptr_nonnull(iot_gtk_control_get_field_widget(dlg, "fade-time"));
	ck_assert(send_on(dlg));
	ck_assert_int_eq(calls.post_backs, 1);
	/* The person's edits and the post-back field go; the new field does not. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	ck_assert_uint_eq(calls.n_changed, 3);
	ck_assert(strstr(calls.submit, "var=\"setpoint\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"start\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"effect\"") != NULL);
	ck_assert(strstr(calls.submit, "fade-time") == NULL);
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);

	/* An entry posts back on Enter or when left, not on every key. */
	type_text(dlg, "name", "L");
	type_text(dlg, "name", "La");
	type_text(dlg, "name", "Lamp");
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 1);
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "name"));
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 2);
	/* The owner could not post: set_status ends the busy state. */
	iot_gtk_control_set_status(dlg, "The lamp did not answer.", TRUE);
	ck_assert(send_on(dlg));
	ck_assert_str_eq(status(dlg), "The lamp did not answer.");
	/* Enter again without a change: nothing. */
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "name"));
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 2);

	/* Typed into a post-back entry while another post-back was under way:
	 * it keeps its text and posts when committed. */
	gtk_combo_box_set_active(GTK_COMBO_BOX(widget(dlg, "effect")), 2);
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 3);
	type_text(dlg, "name", "Desk lamp");
	next = load_form("rich-control.xml");
	iot_dataform_set_value(next, "effect", "candle");
	iot_dataform_find(next, "effect")->edited = FALSE;
	iot_gtk_control_set_form(dlg, next, TRUE);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "name"))), "Desk lamp");
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 3);
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "name"));
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 4);
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_result_errors)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	IotControlResult *r = iot_control_result_new();
	IotControlParamError *e = g_new0(IotControlParamError, 1);

	type_text(dlg, "setpoint", "29");
	type_text(dlg, "owner", "bob@home.example");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	e->name = g_strdup("setpoint");
	e->text = g_strdup("Too <b>warm</b> for this room & _season.");
	g_ptr_array_add(r->errors, e);
	g_set_error_literal(&r->error, g_quark_from_static_string("test"), 1, "refused");
	iot_gtk_control_set_result(dlg, FALSE, r, "The lamp refused a value.");
	iot_control_result_free(r);

	ck_assert_str_eq(error_text(dlg, "setpoint"), "Too <b>warm</b> for this room & _season.");
	ck_assert_ptr_null(error_text(dlg, "owner"));
	ck_assert_str_eq(status(dlg), "The lamp refused a value.");
	/* Not applied: still changes to send, and the person may try again. */
	ck_assert(send_on(dlg));
	/* Editing the field takes the thing's word away. */
	type_text(dlg, "setpoint", "28");
	ck_assert_ptr_null(error_text(dlg, "setpoint"));
	close_dialog(dlg, &calls);
}
END_TEST

/* Checking, sending, Revert, post-back and the thing's errors. */
void
control_send_tests(TCase *tc)
{
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_send_only_changes);
	tcase_add_test(tc, test_revert);
	tcase_add_test(tc, test_post_back);
	tcase_add_test(tc, test_result_errors);
}
