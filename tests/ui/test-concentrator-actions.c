/*
 * test-concentrator-actions.c — what a person does with the nodes of the
 * concentrator window, over the fake concentrator under Xvfb: a read of
 * several nodes in one call, control, the commands submenu grouped by
 * category, the device's confirmations, command forms with the device's
 * errors under their fields, queries streamed into their window with
 * Abort and CSV, parameter forms, add/delete/move/duplicate; PNGs of a
 * command form and of a query. Run by tests/ui/window-tests.sh.
 *
 * Plain GTK 2 + check, no Pidgin; one process (CK_NOFORK).
 */
#include "iot-error.h"
#include "test-concentrator-util.h"
#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

/* ---- tests ------------------------------------------------------------------------------- */

START_TEST(test_read_and_control_many)
{
	GtkTreeIter it;
	GtkTreePath *path;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "hall", "lamp1", "therm", "door", NULL });
	/* Enter: one read of every readable node selected. */
	it = row("Home", "door");
	path = gtk_tree_model_get_path(model(), &it);
	gtk_tree_view_row_activated(iot_gtk_concentrator_get_view(win), path,
	                            gtk_tree_view_get_column(iot_gtk_concentrator_get_view(win), 0));
	gtk_tree_path_free(path);
	ck_assert_uint_eq(fc->reads->len, 1);
	ck_assert_str_eq(g_ptr_array_index(fc->reads, 0), "lamp1,therm,door");
	activate(iot_gtk_concentrator_build_menu(win), "Read");
	ck_assert_uint_eq(fc->reads->len, 2);
	activate(iot_gtk_concentrator_build_menu(win), "Control…");
	ck_assert_uint_eq(fc->controls->len, 1);
	ck_assert_str_eq(g_ptr_array_index(fc->controls, 0), "lamp1,therm");
	/* The hall alone: nothing to read or control. */
	select_rows("Home", (const char *const[]){ "hall", NULL });
	ck_assert(!gtk_widget_get_sensitive(menu_item(iot_gtk_concentrator_build_menu(win), "Read")));
	ck_assert(!gtk_widget_get_sensitive(menu_item(iot_gtk_concentrator_build_menu(win), "Control…")));
	close_window();
}
END_TEST

START_TEST(test_commands_menu)
{
	GtkWidget *sub;
	char *text;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	fc->manual = TRUE;
	sub = commands_submenu();
	text = menu_text(sub);
	ck_assert_str_eq(text, "Loading…");
	g_free(text);
	fake_answer_all(fc);
	/* Uncategorised first; then by category, by sort key within one. */
	text = menu_text(sub);
	ck_assert_str_eq(text, "Reset|-|#Alarms|Acknowledge…|-|#Diagnostics|Dump registers…|Search "
	                       "log…|-|#Settings|Set threshold…");
	g_free(text);
	/* Known now: the next menu asks nothing. */
	sub = commands_submenu();
	ck_assert_uint_eq(fake_pending(fc), 0);
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_LIST_COMMANDS], 1);
	fc->manual = FALSE;

	/* Several nodes: their common commands, in one question. */
	select_rows("Home", (const char *const[]){ "lamp1", "therm", NULL });
	sub = commands_submenu();
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_LIST_COMMANDS], 2);
	text = menu_text(sub);
	ck_assert(g_str_has_prefix(text, "Reset|"));
	g_free(text);
	/* A node without commands has none to offer. */
	select_rows("Home", (const char *const[]){ "door", NULL });
	ck_assert(!gtk_widget_get_sensitive(
	    menu_item(iot_gtk_concentrator_build_menu(win), "Commands")));

	/* A simple command runs at once. */
	select_rows("Home", (const char *const[]){ "therm", NULL });
	activate(commands_submenu(), "Reset");
	ck_assert_uint_eq(fc->ran->len, 1);
	ck_assert_str_eq(g_ptr_array_index(fc->ran, 0), "reset:therm");
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "“Reset” ran on “Thermostat”.");
	close_window();
}
END_TEST

START_TEST(test_command_confirmation)
{
	GtkWidget *dialog;
	char *secondary = NULL;
	gboolean markup = TRUE;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	activate(commands_submenu(), "Acknowledge…");
	dialog = iot_gtk_concentrator_get_dialog(win);
	ck_assert(GTK_IS_MESSAGE_DIALOG(dialog));
	/* The device's words, as it sent them. */
	g_object_get(dialog, "secondary-text", &secondary, "secondary-use-markup", &markup, NULL);
	ck_assert_str_eq(secondary, "Acknowledge all alarms of this <b>node</b>?");
	ck_assert(!markup);
	g_free(secondary);
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_CANCEL);
	fake_settle(fc);
	ck_assert_ptr_null(iot_gtk_concentrator_get_dialog(win));
	ck_assert_uint_eq(fc->ran->len, 0);

	activate(commands_submenu(), "Acknowledge…");
	gtk_dialog_response(GTK_DIALOG(iot_gtk_concentrator_get_dialog(win)), GTK_RESPONSE_OK);
	fake_settle(fc);
	ck_assert_uint_eq(fc->ran->len, 1);
	ck_assert_str_eq(g_ptr_array_index(fc->ran, 0), "ack:therm");
	/* Its success text. */
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "Alarms acknowledged.");

	/* Closed while it asks: nothing runs, nothing is left. */
	activate(commands_submenu(), "Acknowledge…");
	ck_assert_ptr_nonnull(iot_gtk_concentrator_get_dialog(win));
	close_window();
}
END_TEST

START_TEST(test_command_form)
{
	IotGtkControl *dlg;
	GtkWidget *error, *window;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	activate(commands_submenu(), "Set threshold…");
	dlg = form_dialog();
	window = iot_gtk_control_get_window(dlg);
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(window)), "Set threshold — “Thermostat”");
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(iot_gtk_control_get_send_button(dlg))), "_Run");
	/* The proposed values may be run as they are. */
	ck_assert(gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg)));
	/* Checked as the person types … */
	type_into(dlg, "threshold", "180");
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg)));
	/* … and by the device, whose word goes under the field. */
	type_into(dlg, "threshold", "80");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	fake_settle(fc);
	ck_assert_ptr_eq(form_dialog(), dlg);
	error = iot_gtk_control_get_field_error_label(dlg, "threshold");
	ck_assert(gtk_widget_get_visible(error));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(error)), "The meter allows at most 50 %.");
	ck_assert_str_eq(fc->last_form, "threshold=80;");
	redraw(window);
	ui_test_save_png(window, "concentrator-command-form.png");

	type_into(dlg, "threshold", "40");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	fake_settle(fc);
	ck_assert_ptr_null(iot_gtk_concentrator_get_dialog(win));
	ck_assert_str_eq(fc->last_form, "threshold=40;");
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "Threshold set.");
	ck_assert_uint_eq(fc->ran->len, 2);

	/* Closed while the form is asked for: the question is cancelled. */
	fc->manual = TRUE;
	activate(commands_submenu(), "Set threshold…");
	ck_assert_uint_eq(fake_pending(fc), 1);
	iot_gtk_control_close(form_dialog());
	ck_assert_uint_eq(fake_pending(fc), 0);
	ck_assert_uint_eq(fc->n_cancels, 1);
	fc->manual = FALSE;
	close_window();
}
END_TEST

static void
wait_query(IotGtkConcQuery *q)
{
	int n = 0;

	while (iot_gtk_conc_query_is_running(q) && n++ < 500)
		ui_test_run_ms(10);
	ck_assert(!iot_gtk_conc_query_is_running(q));
}

START_TEST(test_query)
{
	IotGtkControl *dlg;
	IotGtkConcQuery *q;
	GtkTreeModel *table;
	GString *csv;
	char *path, *saved = NULL, *text;
	GtkTreeIter it;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	/* With parameters: their form first. */
	activate(commands_submenu(), "Search log…");
	dlg = form_dialog();
	type_into(dlg, "filter", "battery");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	q = iot_gtk_concentrator_get_query(win);
	ck_assert_ptr_nonnull(q);
	/* The form is done with once results stream. */
	ck_assert_ptr_eq(iot_gtk_concentrator_get_dialog(win), iot_gtk_conc_query_get_window(q));
	ck_assert_str_eq(fc->last_form, "filter=battery;");
	ck_assert(iot_gtk_conc_query_is_running(q));
	wait_query(q);
	ck_assert_str_eq(iot_gtk_conc_query_get_status(q), "Done: 50 records.");
	ck_assert_uint_eq(iot_gtk_conc_query_get_n_tables(q), 1);
	ck_assert_str_eq(iot_gtk_conc_query_get_table_name(q, 0), "Node › Log");
	table = iot_gtk_conc_query_get_table(q, 0);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(table, NULL), 50);
	gtk_tree_model_iter_nth_child(table, &it, NULL, 3);
	gtk_tree_model_get(table, &it, 2, &text, -1);
	ck_assert_str_eq(text, "entry 3");
	g_free(text);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(iot_gtk_conc_query_get_messages(q), NULL), 1);
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_conc_query_get_abort_button(q)));

	/* CSV: the headers, the records; a formula neutralised and quoted. */
	csv = iot_gtk_conc_query_table_csv(q, 0);
	ck_assert(g_str_has_prefix(csv->str, "Time,Level,Text\r\n08:00:00,Error,entry 0\r\n"));
	ck_assert_msg(strstr(csv->str, "08:00:01,Info,\"'=HYPERLINK(\"\"x\"\", \"\"entry, 1\"\")\"\r\n") !=
	                  NULL,
	              "%s", csv->str);
	path = g_build_filename(g_get_tmp_dir(), "test-concentrator-query.csv", NULL);
	ck_assert(iot_gtk_conc_query_save_csv(q, 0, path, NULL));
	ck_assert(g_file_get_contents(path, &saved, NULL, NULL));
	ck_assert_str_eq(saved, csv->str);
	g_unlink(path);
	g_free(path);
	g_free(saved);
	g_string_free(csv, TRUE);
	redraw(iot_gtk_conc_query_get_window(q));
	ui_test_save_png(iot_gtk_conc_query_get_window(q), "concentrator-query.png");
	gtk_widget_destroy(iot_gtk_conc_query_get_window(q));

	/* Without parameters it starts at once; Abort stops it. */
	fc->query_records = 2000;
	fc->query_ticks = 200;
	activate_only(commands_submenu(), "Dump registers…");
	q = iot_gtk_concentrator_get_query(win);
	ck_assert_ptr_nonnull(q);
	ui_test_run_ms(60);
	ck_assert(iot_gtk_conc_query_is_running(q));
	ck_assert(gtk_widget_get_sensitive(iot_gtk_conc_query_get_abort_button(q)));
	iot_gtk_conc_query_abort(q);
	ck_assert_str_eq(iot_gtk_conc_query_get_status(q), "Aborting…");
	iot_gtk_conc_query_abort(q); /* once is enough */
	wait_query(q);
	ck_assert_uint_eq(fc->n_aborts, 1);
	ck_assert_str_eq(iot_gtk_conc_query_get_status(q), "Aborted.");
	ck_assert_int_lt(gtk_tree_model_iter_n_children(iot_gtk_conc_query_get_table(q, 0), NULL), 2000);
	gtk_widget_destroy(iot_gtk_conc_query_get_window(q));

	/* Closing a running query aborts it and lets go of it. */
	activate_only(commands_submenu(), "Dump registers…");
	q = iot_gtk_concentrator_get_query(win);
	ui_test_run_ms(30);
	gtk_widget_destroy(iot_gtk_conc_query_get_window(q));
	ck_assert_uint_eq(fc->n_aborts, 2);
	ck_assert_ptr_null(iot_gtk_concentrator_get_query(win));
	fake_settle(fc);
	close_window();
}
END_TEST

START_TEST(test_parameters)
{
	IotGtkControl *dlg;
	GtkWidget *error;
	GtkTreeIter it;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "lamp1", NULL });
	activate(iot_gtk_concentrator_build_menu(win), "Parameters…");
	dlg = form_dialog();
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Parameters — “Desk lamp”");
	/* Nothing changed yet: nothing to save. */
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg)));
	type_into(dlg, "name", "");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	fake_settle(fc);
	error = iot_gtk_control_get_field_error_label(dlg, "name");
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(error)), "A node needs a name.");
	/* Offline: the form is greyed out until the concentrator is back. */
	iot_gtk_concentrator_set_online(win, FALSE, "hub@home.example went offline.");
	ck_assert(!gtk_widget_is_sensitive(iot_gtk_control_get_field_widget(dlg, "name")));
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg)));
	iot_gtk_concentrator_set_online(win, TRUE, NULL);
	fake_settle(fc);
	ck_assert(gtk_widget_is_sensitive(iot_gtk_control_get_field_widget(dlg, "name")));
	type_into(dlg, "name", "Desk lamp <new>");
	type_into(dlg, "interval", "30");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	fake_settle(fc);
	ck_assert_ptr_null(iot_gtk_concentrator_get_dialog(win));
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "Saved the parameters of “Desk lamp”.");
	it = row("Home", "lamp1");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_NAME, "Desk lamp <new>");
	ck_assert(selected("Home", "lamp1"));

	/* Several nodes: one common form. */
	select_rows("Home", (const char *const[]){ "lamp1", "therm", NULL });
	activate(iot_gtk_concentrator_build_menu(win), "Parameters…");
	dlg = form_dialog();
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Parameters — 2 nodes");
	iot_gtk_control_close(dlg);
	close_window();
}
END_TEST

START_TEST(test_add_delete_move_duplicate)
{
	GtkWidget *dialog;
	IotGtkControl *dlg;
	GtkTreeView *types;
	GtkTreePath *path;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "hall", NULL });

	/* Add: the type, its form, then the node, selected. */
	activate(iot_gtk_concentrator_build_menu(win), "Add Child…");
	dialog = iot_gtk_concentrator_get_dialog(win);
	ck_assert(GTK_IS_DIALOG(dialog));
	types = g_object_get_data(G_OBJECT(dialog), "iot-view");
	path = gtk_tree_path_new_from_indices(1, -1);
	gtk_tree_selection_select_path(gtk_tree_view_get_selection(types), path);
	gtk_tree_path_free(path);
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	fake_settle(fc);
	dlg = form_dialog();
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Create a node of type Water valve under “Hall”");
	type_into(dlg, "id", "lamp1");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	fake_settle(fc);
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_error_label(dlg, "id"))),
	                 "That ID is taken.");
	type_into(dlg, "id", "valve2");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	fake_settle(fc);
	ck_assert_ptr_null(iot_gtk_concentrator_get_dialog(win));
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door|Valve");
	ck_assert(selected("Home", "valve2"));

	/* Move: up twice, down once; the fake has no events, so the window moves them. */
	activate(iot_gtk_concentrator_build_menu(win), "Move Up");
	activate(iot_gtk_concentrator_build_menu(win), "Move Up");
	assert_children("Home", "hall", "Desk lamp|Valve|Thermostat|Front door");
	activate(iot_gtk_concentrator_build_menu(win), "Move Down");
	assert_children("Home", "hall", "Desk lamp|Thermostat|Valve|Front door");
	/* The arrow buttons have their mnemonics, Alt+U and Alt+W. */
	send_key(GDK_u, GDK_MOD1_MASK);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Valve|Thermostat|Front door");
	send_key(GDK_w, GDK_MOD1_MASK);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Valve|Front door");
	ck_assert(selected("Home", "valve2"));
	select_rows("Home", (const char *const[]){ "lamp1", NULL });
	ck_assert(!gtk_widget_get_sensitive(menu_item(iot_gtk_concentrator_build_menu(win), "Move Up")));

	/* Duplicate: beside it, selected. */
	activate(iot_gtk_concentrator_build_menu(win), "Duplicate");
	assert_children("Home", "hall", "Desk lamp|Desk lamp (copy)|Thermostat|Valve|Front door");
	ck_assert(selected("Home", "lamp1-copy"));

	/* Delete asks first; the Delete key does the same. */
	select_rows("Home", (const char *const[]){ "lamp1-copy", "valve2", NULL });
	activate(iot_gtk_concentrator_build_menu(win), "Delete…");
	dialog = iot_gtk_concentrator_get_dialog(win);
	ck_assert(GTK_IS_MESSAGE_DIALOG(dialog));
	{
		char *primary = NULL;

		g_object_get(dialog, "text", &primary, NULL);
		ck_assert_str_eq(primary, "Delete 2 nodes?");
		g_free(primary);
	}
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_CANCEL);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Desk lamp (copy)|Thermostat|Valve|Front door");
	gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_concentrator_get_view(win)));
	send_key(GDK_Delete, 0);
	fake_settle(fc);
	dialog = iot_gtk_concentrator_get_dialog(win);
	ck_assert(GTK_IS_MESSAGE_DIALOG(dialog));
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door");
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "Deleted 2 nodes.");
	close_window();
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("concentrator actions");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	fake_under_check = TRUE;
	tcase_add_test(tc, test_read_and_control_many);
	tcase_add_test(tc, test_commands_menu);
	tcase_add_test(tc, test_command_confirmation);
	tcase_add_test(tc, test_command_form);
	tcase_add_test(tc, test_query);
	tcase_add_test(tc, test_parameters);
	tcase_add_test(tc, test_add_delete_move_duplicate);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
