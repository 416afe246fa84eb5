/*
 * test-concentrator-window.c — the concentrator window's tree over a fake
 * concentrator (test-concentrator-fake.h) under Xvfb: lazy loading with
 * "Loading…" rows, the columns (state as icon and word, flags, parameters),
 * health counts and their filter, search, live events applied in place
 * without collapsing or unselecting, events while loading, offline in the
 * middle of an expansion, find by id, hostile names, keys, capabilities,
 * closing with everything pending; PNGs of the tree and of the health
 * filter. Its actions are in test-concentrator-actions.c. Run by
 * tests/ui/window-tests.sh.
 *
 * Plain GTK 2 + check, no Pidgin; one process (CK_NOFORK).
 */
#include "iot-error.h"
#include "test-concentrator-util.h"
#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <gtk/gtk.h>
#include <string.h>

/* ---- tests ------------------------------------------------------------------------------- */

START_TEST(test_lazy_loading)
{
	GtkTreeIter it;

	open_window(TRUE);
	/* The data sources are asked for at once; a "Loading…" row meanwhile. */
	ck_assert_uint_eq(fake_pending(fc), 1);
	assert_children(NULL, NULL, "Loading…");
	fake_answer_all(fc);
	assert_children(NULL, NULL, "Home|Metering");
	it = row("Home", NULL);
	assert_cell(model(), &it, IOT_GTK_CONC_COL_TYPE, "Data source");
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_LOAD_CHILDREN], 1);

	/* Opening a source asks for its child sources and root nodes. */
	ck_assert(iot_gtk_concentrator_expand(win, "Home", NULL));
	ck_assert_uint_eq(fake_pending(fc), 1);
	assert_children("Home", NULL, "Loading…");
	ck_assert(expanded("Home", NULL));
	fake_answer_all(fc);
	fake_settle(fc);
	assert_children("Home", NULL, "Garden|Hall|Kitchen|" FAKE_HOSTILE_NAME);
	ck_assert(expanded("Home", NULL));
	/* Events of the source are asked for once its nodes are there. */
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_SUBSCRIBE], 1);

	it = row("Home", "hall");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_ID, "hall");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_TYPE, "Room");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_STATE, "OK");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_READABLE, "");
	assert_children("Home", "hall", "Loading…");
	ck_assert(!expanded("Home", "hall"));
	/* Nothing asked until it is opened. */
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_LOAD_CHILDREN], 2);
	expand("Home", "hall");
	fake_answer_all(fc);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door");
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_LOAD_CHILDREN], 3);

	it = row("Home", "lamp1");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_READABLE, "✓");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_CONTROLLABLE, "✓");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_COMMANDS, "✓");
	{
		char *when = cell(model(), &it, IOT_GTK_CONC_COL_LAST_CHANGED);

		ck_assert_msg(g_str_has_prefix(when, "2024-01-10 "), "last changed: %s", when);
		g_free(when);
	}
	it = row("Home", "therm");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_STATE, "Warning (unsigned)");
	ck_assert_str_eq(iot_gtk_concentrator_cell_icon(win, model(), &it), GTK_STOCK_DIALOG_WARNING);
	it = row("Home", "door");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_STATE, "Error (unsigned)");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_CONTROLLABLE, "");
	ck_assert_str_eq(iot_gtk_concentrator_cell_icon(win, model(), &it), GTK_STOCK_DIALOG_ERROR);
	expand("Home", "kitchen");
	fake_answer_all(fc);
	it = row("Home", "meter");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_STATE, "Error (signed)");
	it = row("Home", "evil");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_STATE, "Information");
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "2 nodes in error, 1 warning");

	/* Closed and opened again: no second question. */
	{
		GtkTreeIter h = row("Home", "hall");
		GtkTreePath *p = gtk_tree_model_get_path(model(), &h);

		gtk_tree_view_collapse_row(iot_gtk_concentrator_get_view(win), p);
		gtk_tree_view_expand_row(iot_gtk_concentrator_get_view(win), p, FALSE);
		gtk_tree_path_free(p);
	}
	ck_assert_uint_eq(fake_pending(fc), 0);
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_LOAD_CHILDREN], 4);
	close_window();
}
END_TEST

START_TEST(test_parameter_columns)
{
	GtkTreeView *view;
	GList *cols;
	guint before;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	view = iot_gtk_concentrator_get_view(win);
	cols = gtk_tree_view_get_columns(view);
	before = g_list_length(cols);
	g_list_free(cols);
	ck_assert_uint_eq(before, 8);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(iot_gtk_concentrator_get_parameter_toggle(win)),
	                             TRUE);
	cols = gtk_tree_view_get_columns(view);
	/* The nodes' two parameters, by their names. */
	ck_assert_uint_eq(g_list_length(cols), before + 2);
	ck_assert_str_eq(gtk_tree_view_column_get_title(g_list_nth_data(cols, before)), "Interval (s)");
	ck_assert_str_eq(gtk_tree_view_column_get_title(g_list_nth_data(cols, before + 1)), "Kind");
	g_list_free(cols);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(iot_gtk_concentrator_get_parameter_toggle(win)),
	                             FALSE);
	cols = gtk_tree_view_get_columns(view);
	ck_assert_uint_eq(g_list_length(cols), before);
	g_list_free(cols);
	close_window();
}
END_TEST

START_TEST(test_health_and_search)
{
	GtkWidget *health;
	GtkTreeIter it;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	expand("Home", "kitchen");
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "2 nodes in error, 1 warning");
	health = iot_gtk_concentrator_get_health_button(win);
	ck_assert(gtk_widget_get_sensitive(health));

	/* A click on the health line: only those nodes, with where they are. */
	gtk_button_clicked(GTK_BUTTON(health));
	assert_results("therm|door|meter");
	ck_assert_str_eq(iot_gtk_concentrator_get_results_text(win),
	                 "3 loaded nodes are in error or warning.");
	ck_assert(gtk_widget_get_visible(GTK_WIDGET(iot_gtk_concentrator_get_results_view(win))));
	{
		GtkTreeModel *m = iot_gtk_concentrator_get_results_model(win);

		ck_assert(gtk_tree_model_iter_nth_child(m, &it, NULL, 1));
		assert_cell(m, &it, IOT_GTK_CONC_COL_LOCATION, "Home › Hall");
		assert_cell(m, &it, IOT_GTK_CONC_COL_STATE, "Error (unsigned)");
	}
	/* A node falling into error joins the list. */
	{
		IotNodeRef r = ref("Home", "lamp1");

		iot_gtk_concentrator_node_status_changed(win, &r, IOT_NODE_STATE_ERROR_UNSIGNED, NULL);
	}
	assert_results("therm|door|meter|lamp1");
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "3 nodes in error, 1 warning");
	/* One removed (with the room it is in): out of the list too. */
	{
		IotNodeRef r = ref("Home", "kitchen");

		iot_gtk_concentrator_node_removed(win, &r);
	}
	assert_results("therm|door|lamp1");
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "2 nodes in error, 1 warning");
	ck_assert(iot_gtk_concentrator_select(win, "Home", "door", FALSE));
	redraw(iot_gtk_concentrator_get_window(win));
	fake_settle(fc);
	ui_test_save_png(iot_gtk_concentrator_get_window(win), "concentrator-health.png");

	/* Off again: the tree as it was. */
	gtk_button_clicked(GTK_BUTTON(health));
	fake_settle(fc);
	ck_assert(gtk_widget_get_visible(GTK_WIDGET(iot_gtk_concentrator_get_view(win))));
	ck_assert(expanded("Home", "hall"));

	/* The search: name, id or type, any case. */
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "LAMP");
	assert_results("lamp1");
	ck_assert_str_eq(iot_gtk_concentrator_get_results_text(win), "1 loaded node matches “LAMP”.");
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "thermo");
	assert_results("therm");
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "room");
	assert_results("hall");
	/* Both: in error or warning and matching. */
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "o");
	gtk_button_clicked(GTK_BUTTON(health));
	/* (The desk lamp is in error now, but has no "o".) */
	assert_results("therm|door");
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "door");
	assert_results("door");
	gtk_button_clicked(GTK_BUTTON(health));
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "nothing like it");
	assert_results("");
	ck_assert(strstr(iot_gtk_concentrator_get_results_text(win), "Find by ID") != NULL);
	/* Show in tree: the search ends and the node is selected there. */
	gtk_entry_set_text(iot_gtk_concentrator_get_search_entry(win), "front");
	assert_results("door");
	ck_assert(iot_gtk_concentrator_select(win, "Home", "door", FALSE));
	activate(iot_gtk_concentrator_build_menu(win), "Show in Tree");
	ck_assert_str_eq(gtk_entry_get_text(iot_gtk_concentrator_get_search_entry(win)), "");
	ck_assert(selected("Home", "door"));
	close_window();
}
END_TEST

START_TEST(test_events_in_place)
{
	IotGtkConcNodeInfo *ni;
	IotNodeRef r;
	GtkTreeModel *msgs;
	GtkTreeIter it;
	guint loaded;
	char *text;

	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	/* The selected node's messages. */
	msgs = iot_gtk_concentrator_get_messages_model(win);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(msgs, NULL), 1);
	gtk_tree_model_get_iter_first(msgs, &it);
	gtk_tree_model_get(msgs, &it, 2, &text, -1);
	ck_assert_str_eq(text, "Battery low");
	g_free(text);
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "1 node in error, 1 warning");

	/* Added after the lamp. */
	ni = info("Home", "lamp2", "Floor lamp", "hall", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_added(win, ni, "lamp1", NULL);
	iot_gtk_conc_node_info_free(ni);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Floor lamp|Thermostat|Front door");
	ck_assert(expanded("Home", "hall"));
	ck_assert(selected("Home", "therm"));

	/* Renamed: found by its old id, shown under its new one, in place. */
	ni = info("Home", "lamp9", "Reading lamp", "hall", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_updated(win, ni, "lamp2");
	iot_gtk_conc_node_info_free(ni);
	ck_assert(!has_row("Home", "lamp2"));
	it = row("Home", "lamp9");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_ID, "lamp9");
	assert_children("Home", "hall", "Desk lamp|Reading lamp|Thermostat|Front door");

	/* State and messages. */
	r = ref("Home", "door");
	iot_gtk_concentrator_node_status_changed(win, &r, IOT_NODE_STATE_NONE, NULL);
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "1 node with a warning");
	{
		GPtrArray *m = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
		IotGtkConcMessage one = { IOT_TIME_UNKNOWN, IOT_GTK_CONC_MESSAGE_ERROR, NULL,
			                      "Sensor <b>lost</b>" };

		g_ptr_array_add(m, iot_gtk_conc_message_copy(&one));
		r = ref("Home", "therm");
		iot_gtk_concentrator_node_status_changed(win, &r, IOT_NODE_STATE_ERROR_UNSIGNED, m);
		g_ptr_array_unref(m);
	}
	fake_settle(fc);
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "1 node in error");
	gtk_tree_model_get_iter_first(msgs, &it);
	gtk_tree_model_get(msgs, &it, 2, &text, -1);
	ck_assert_str_eq(text, "Sensor <b>lost</b>");
	g_free(text);

	/* Removed, moved: the rest stays open and selected. */
	r = ref("Home", "lamp1");
	iot_gtk_concentrator_node_removed(win, &r);
	assert_children("Home", "hall", "Reading lamp|Thermostat|Front door");
	r = ref("Home", "therm");
	iot_gtk_concentrator_node_moved(win, &r, TRUE);
	assert_children("Home", "hall", "Thermostat|Reading lamp|Front door");
	iot_gtk_concentrator_node_moved(win, &r, TRUE); /* at the top already */
	assert_children("Home", "hall", "Thermostat|Reading lamp|Front door");
	iot_gtk_concentrator_node_moved(win, &r, FALSE);
	iot_gtk_concentrator_node_moved(win, &r, FALSE);
	assert_children("Home", "hall", "Reading lamp|Front door|Thermostat");
	fake_settle(fc);
	ck_assert(expanded("Home", "hall"));
	ck_assert(selected("Home", "therm"));

	/* Where nothing is loaded: ignored, the tree stays consistent. */
	loaded = iot_gtk_concentrator_count_loaded(win);
	ni = info("Metering", "new", "New meter", "area05", IOT_NODE_STATE_ERROR_UNSIGNED);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_conc_node_info_free(ni);
	r = ref("Metering", "meter07-03");
	iot_gtk_concentrator_node_status_changed(win, &r, IOT_NODE_STATE_NONE, NULL);
	iot_gtk_concentrator_node_removed(win, &r);
	ni = info("Home", "ghost", "Ghost", "nowhere", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_conc_node_info_free(ni);
	ck_assert_uint_eq(iot_gtk_concentrator_count_loaded(win), loaded);
	ck_assert(!has_row("Metering", "new"));
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "1 node in error");

	/* A root node added to a loaded source; a node's id said twice is one row. */
	ni = info("Home", "porch", "Porch", NULL, IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_conc_node_info_free(ni);
	assert_children("Home", NULL, "Garden|Hall|Kitchen|" FAKE_HOSTILE_NAME "|Porch");
	close_window();
}
END_TEST

START_TEST(test_events_while_loading)
{
	IotGtkConcNodeInfo *ni;
	IotNodeRef r;

	open_window(TRUE);
	fake_answer_all(fc);
	ck_assert(iot_gtk_concentrator_expand(win, "Home", NULL));
	fake_answer_all(fc);
	fake_settle(fc);

	/* Removed and added while the children are on their way: the answer
	 * still has the one and not the other; both events hold after it. */
	ck_assert(iot_gtk_concentrator_expand(win, "Home", "hall"));
	ck_assert_uint_eq(fake_pending(fc), 1);
	r = ref("Home", "door");
	iot_gtk_concentrator_node_removed(win, &r);
	ni = info("Home", "fan", "Fan", "hall", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_conc_node_info_free(ni);
	r = ref("Home", "therm");
	iot_gtk_concentrator_node_status_changed(win, &r, IOT_NODE_STATE_NONE, NULL);
	assert_children("Home", "hall", "Loading…");
	fake_answer_all(fc);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Fan");
	{
		GtkTreeIter it = row("Home", "therm");

		assert_cell(model(), &it, IOT_GTK_CONC_COL_STATE, "OK");
	}
	/* Events that waited for an answer that placed nothing are dropped. */
	ck_assert(iot_gtk_concentrator_expand(win, "Home", "kitchen"));
	ni = info("Home", "nowhere-child", "Lost", "attic", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_conc_node_info_free(ni);
	fake_answer_all(fc);
	ck_assert(!has_row("Home", "nowhere-child"));

	/* The node being opened is removed: its question is cancelled, its late
	 * answer dropped. */
	ck_assert(iot_gtk_concentrator_expand(win, "Metering", NULL));
	fake_answer_all(fc);
	fake_settle(fc);
	ck_assert(iot_gtk_concentrator_expand(win, "Metering", "area01"));
	ck_assert_uint_eq(fake_pending(fc), 1);
	r = ref("Metering", "area01");
	iot_gtk_concentrator_node_removed(win, &r);
	ck_assert_uint_eq(fc->n_cancels, 1);
	ck_assert_uint_eq(fake_pending(fc), 0);
	ck_assert(!has_row("Metering", "area01"));
	ck_assert(!has_row("Metering", "meter01-00"));
	fc->manual = FALSE;
	close_window();
}
END_TEST

START_TEST(test_offline_mid_expansion)
{
	GtkTreeIter it, ph;
	GtkTreePath *path;

	open_window(TRUE);
	fake_answer_all(fc);
	ck_assert(iot_gtk_concentrator_expand(win, "Home", NULL));
	fake_answer_all(fc);
	ck_assert(iot_gtk_concentrator_expand(win, "Home", "hall"));
	ck_assert_uint_eq(fake_pending(fc), 1);
	iot_gtk_concentrator_set_online(win, FALSE, "hub@home.example went offline.");
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "hub@home.example went offline.");
	/* The owner ends what was under way. */
	fake_fail_next(fc, IOT_GTK_CONC_REQ_LOAD_CHILDREN, IOT_ERROR_OFFLINE, "gone");
	fake_answer_all(fc);
	fake_settle(fc);
	assert_children("Home", "hall",
	                "Could not load: the concentrator is offline. Press Enter or F5 to try again.");
	ck_assert(expanded("Home", "hall"));
	/* Nothing to do offline. */
	select_rows("Home", (const char *const[]){ "hall", NULL });
	ck_assert(!gtk_widget_get_sensitive(menu_item(iot_gtk_concentrator_build_menu(win), "Refresh")));

	/* Back: events asked for again; Enter on the row tries again. */
	iot_gtk_concentrator_set_online(win, TRUE, NULL);
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_SUBSCRIBE], 2);
	it = row("Home", "hall");
	ck_assert(gtk_tree_model_iter_children(model(), &ph, &it));
	path = gtk_tree_model_get_path(model(), &ph);
	gtk_tree_view_row_activated(iot_gtk_concentrator_get_view(win), path,
	                            gtk_tree_view_get_column(iot_gtk_concentrator_get_view(win), 0));
	gtk_tree_path_free(path);
	assert_children("Home", "hall", "Loading…");
	fake_answer_all(fc);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door");
	ck_assert(expanded("Home", "hall"));

	/* F5 on a failed source does the same. */
	ck_assert(iot_gtk_concentrator_expand(win, "Metering", NULL));
	fake_fail_next(fc, IOT_GTK_CONC_REQ_LOAD_CHILDREN, IOT_ERROR_TIMEOUT, "");
	fake_answer_all(fc);
	assert_children("Metering", NULL, "Could not load: no answer in time. Press Enter or F5 to try again.");
	ck_assert(iot_gtk_concentrator_select(win, "Metering", NULL, FALSE));
	iot_gtk_concentrator_refresh(win);
	fake_answer_all(fc);
	fake_settle(fc);
	it = row("Metering", NULL);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(model(), &it), 101);
	fc->manual = FALSE;
	close_window();
}
END_TEST

START_TEST(test_find_by_id)
{
	open_window(FALSE);
	/* Not loaded at all: the tree opens down to it. */
	ck_assert(!has_row("Metering", "meter07-04"));
	{
		GtkWidget *dialog;
		GtkEntry *entry;

		gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_concentrator_get_view(win)));
		send_key(GDK_i, GDK_CONTROL_MASK);
		dialog = iot_gtk_concentrator_get_dialog(win);
		ck_assert(GTK_IS_DIALOG(dialog));
		entry = g_object_get_data(G_OBJECT(dialog), "iot-entry");
		gtk_entry_set_text(entry, "meter07-04");
		gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	}
	fake_settle(fc);
	ck_assert(has_row("Metering", "meter07-04"));
	ck_assert(selected("Metering", "meter07-04"));
	ck_assert(expanded("Metering", "area07"));
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "Found “Meter 07-04”.");
	ck_assert_str_eq(iot_gtk_concentrator_get_health_text(win), "2 nodes in error, 1 warning");
	close_window();
}
END_TEST

START_TEST(test_find_unknown)
{
	GtkWidget *dialog;

	open_window(FALSE);
	send_key(GDK_i, GDK_CONTROL_MASK);
	dialog = iot_gtk_concentrator_get_dialog(win);
	gtk_entry_set_text(g_object_get_data(G_OBJECT(dialog), "iot-entry"), "attic");
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	fake_settle(fc);
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "The concentrator has no node “attic”.");
	close_window();
}
END_TEST

START_TEST(test_hostile_names)
{
	GtkTreeIter it;
	IotGtkConcNodeInfo *ni;
	GtkWidget *window;

	open_window(FALSE);
	expand("Home", NULL);
	/* Shown as sent: no markup, no mnemonic, no format. */
	it = row("Home", "evil");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_NAME, FAKE_HOSTILE_NAME);
	assert_cell(model(), &it, IOT_GTK_CONC_COL_TYPE, "<i>Type</i>");
	/* Control characters would break the row: spaces. */
	ni = info("Home", "evil", "two\nlines\tand\x1b[31m", NULL, IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_updated(win, ni, NULL);
	iot_gtk_conc_node_info_free(ni);
	it = row("Home", "evil");
	assert_cell(model(), &it, IOT_GTK_CONC_COL_NAME, "two lines and [31m");
	ni = info("Home", "evil", FAKE_HOSTILE_NAME, NULL, IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_updated(win, ni, NULL);
	iot_gtk_conc_node_info_free(ni);
	/* The label over its messages: its underscores are no mnemonic, ours is. */
	select_rows("Home", (const char *const[]){ "evil", NULL });
	{
		GtkWidget *label = iot_gtk_concentrator_get_messages_label(win);

		ck_assert_msg(strstr(gtk_label_get_text(GTK_LABEL(label)), "&amp; _x_ %s%n <span") != NULL,
		              "%s", gtk_label_get_text(GTK_LABEL(label)));
		ck_assert_uint_eq(gtk_label_get_mnemonic_keyval(GTK_LABEL(label)), GDK_g);
	}
	/* Nor in the label of the dialog that adds a child under it. */
	activate(iot_gtk_concentrator_build_menu(win), "Add Child…");
	{
		GtkWidget *dialog = iot_gtk_concentrator_get_dialog(win);
		GtkWidget *view = g_object_get_data(G_OBJECT(dialog), "iot-view");
		GList *kids = gtk_container_get_children(
		    GTK_CONTAINER(gtk_dialog_get_content_area(GTK_DIALOG(dialog))));
		GtkWidget *label = NULL;
		GList *l;

		for (l = kids; l != NULL; l = l->next)
			if (GTK_IS_LABEL(l->data) && gtk_label_get_mnemonic_widget(l->data) == view)
				label = l->data;
		g_list_free(kids);
		ck_assert_ptr_nonnull(label);
		ck_assert_msg(strstr(gtk_label_get_text(GTK_LABEL(label)), "_x_") != NULL, "%s",
		              gtk_label_get_text(GTK_LABEL(label)));
		ck_assert_uint_eq(gtk_label_get_mnemonic_keyval(GTK_LABEL(label)), GDK_t);
		gtk_widget_destroy(dialog);
	}
	window = iot_gtk_concentrator_get_window(win);
	redraw(window);
	close_window();
}
END_TEST

/* A device contradicting itself: a node among its own children, a room
 * under another room, a node sent twice, a node added under itself, a rename
 * to its parent's id. The tree stays a tree. */
START_TEST(test_contradictions)
{
	IotGtkConcNodeInfo *ni;

	open_window(FALSE);
	fc->contradict = TRUE;
	expand("Home", NULL);
	expand("Home", "kitchen");
	expand("Home", "hall");
	/* The kitchen moved under the hall, as the newest answer says; the hall
	 * is not under itself; the lamp is there once. */
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door|Kitchen");
	assert_children("Home", NULL, "Garden|Hall|" FAKE_HOSTILE_NAME);
	ck_assert(!has_row("Home", "meter"));
	ni = info("Home", "therm", "Thermostat", "therm", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_added(win, ni, NULL, NULL);
	iot_gtk_conc_node_info_free(ni);
	ni = info("Home", "hall", "Desk lamp", "hall", IOT_NODE_STATE_NONE);
	iot_gtk_concentrator_node_updated(win, ni, "lamp1");
	iot_gtk_conc_node_info_free(ni);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door|Kitchen");
	ck_assert(has_row("Home", "lamp1"));
	/* F5 on the hall: the same answer, the same tree. */
	select_rows("Home", (const char *const[]){ "hall", NULL });
	iot_gtk_concentrator_refresh(win);
	fake_settle(fc);
	assert_children("Home", "hall", "Desk lamp|Thermostat|Front door|Kitchen");
	close_window();
}
END_TEST

START_TEST(test_keyboard)
{
	open_window(FALSE);
	/* No events from Home: the window moves what it moved itself. */
	fake_fail_next(fc, IOT_GTK_CONC_REQ_SUBSCRIBE, IOT_ERROR_NOT_IMPLEMENTED, "");
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "lamp1", NULL });
	gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_concentrator_get_view(win)));
	/* Ctrl+F: to the search. */
	send_key(GDK_f, GDK_CONTROL_MASK);
	ck_assert(gtk_widget_has_focus(GTK_WIDGET(iot_gtk_concentrator_get_search_entry(win))));
	/* F5: the selected node again, with its parent's list. */
	fc->manual = TRUE;
	send_key(GDK_F5, 0);
	ck_assert_uint_eq(fake_pending(fc), 1);
	fake_answer_all(fc);
	fc->manual = FALSE;
	fake_settle(fc);
	ck_assert(selected("Home", "lamp1"));
	ck_assert(expanded("Home", "hall"));
	/* Alt+Down moves; Shift+F10 pops the menu up. */
	gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_concentrator_get_view(win)));
	send_key(GDK_Down, GDK_MOD1_MASK);
	fake_settle(fc);
	assert_children("Home", "hall", "Thermostat|Desk lamp|Front door");
	send_key(GDK_F10, GDK_SHIFT_MASK);
	fake_settle(fc);
	{
		GtkWidget *menu = popped_up_menu();

		ck_assert_msg(menu != NULL, "Shift+F10 popped no menu up");
		/* For the node under the cursor: it can be read. */
		ck_assert(gtk_widget_get_sensitive(menu_item(menu, "Read")));
		gtk_menu_popdown(GTK_MENU(menu));
	}
	/* The Menu key does the same. */
	send_key(GDK_Menu, 0);
	fake_settle(fc);
	ck_assert(popped_up_menu() != NULL);
	gtk_menu_popdown(GTK_MENU(popped_up_menu()));
	close_window();
}
END_TEST

START_TEST(test_capabilities)
{
	static const char *const few[] = { "getCapabilities", "getRootDataSources", "getChildNodes",
		                               "moveNodesUp", "moveNodesDown", NULL };
	GtkWidget *menu;

	open_window(FALSE);
	/* What the concentrator does not offer is not offered. */
	iot_gtk_concentrator_set_capabilities(win, few);
	expand("Home", NULL);
	/* No "subscribe": no events asked for. */
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_SUBSCRIBE], 0);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	menu = iot_gtk_concentrator_build_menu(win);
	ck_assert(gtk_widget_get_sensitive(menu_item(menu, "Read")));
	ck_assert(!gtk_widget_get_sensitive(menu_item(menu, "Commands")));
	ck_assert(!gtk_widget_get_sensitive(menu_item(menu, "Parameters…")));
	ck_assert(!gtk_widget_get_sensitive(menu_item(menu, "Add Child…")));
	ck_assert(!gtk_widget_get_sensitive(menu_item(menu, "Duplicate")));
	ck_assert(!gtk_widget_get_sensitive(menu_item(menu, "Delete…")));
	/* Only the plural moves: the singular is sent as a list of one. */
	ck_assert(gtk_widget_get_sensitive(menu_item(menu, "Move Up")));
	/* Without events the window moves the node itself. */
	activate(menu, "Move Up");
	assert_children("Home", "hall", "Thermostat|Desk lamp|Front door");
	/* The Delete key asks nothing. */
	gtk_widget_grab_focus(GTK_WIDGET(iot_gtk_concentrator_get_view(win)));
	send_key(GDK_Delete, 0);
	fake_settle(fc);
	ck_assert_ptr_null(iot_gtk_concentrator_get_dialog(win));
	/* Find by id without getNode or containsNode: among the loaded nodes. */
	find_node_by_id(win, "door");
	ck_assert(selected("Home", "door"));
	ck_assert_uint_eq(fc->requests[IOT_GTK_CONC_REQ_FIND_NODE], 0);
	find_node_by_id(win, "meter07-03");
	ck_assert_str_eq(iot_gtk_concentrator_get_status(win), "No loaded node has the ID “meter07-03”.");
	close_window();
}
END_TEST

START_TEST(test_close_with_everything_pending)
{
	open_window(FALSE);
	expand("Home", NULL);
	expand("Home", "hall");
	select_rows("Home", (const char *const[]){ "therm", NULL });
	fc->manual = TRUE;
	ck_assert(iot_gtk_concentrator_expand(win, "Home", "kitchen"));
	ck_assert(iot_gtk_concentrator_expand(win, "Metering", NULL));
	commands_submenu();
	activate(iot_gtk_concentrator_build_menu(win), "Parameters…");
	ck_assert_uint_eq(fake_pending(fc), 4);
	ck_assert_uint_eq(iot_gtk_concentrator_count_pending(win), 4);
	/* Every one cancelled, every one answered once, on_closed once. */
	iot_gtk_concentrator_destroy(win);
	ck_assert_uint_eq(fc->closed, 1);
	ck_assert_uint_eq(fc->n_cancels, 4);
	ck_assert_uint_eq(fake_pending(fc), 0);
	ck_assert_uint_eq(fc->n_unsubscribes, 1);
	fc->manual = FALSE;
	close_window();
}
END_TEST

START_TEST(test_png_tree)
{
	GtkWidget *window;

	open_window(FALSE);
	window = iot_gtk_concentrator_get_window(win);
	expand("Home", NULL);
	expand("Home", "hall");
	expand("Home", "kitchen");
	fc->manual = TRUE;
	ck_assert(iot_gtk_concentrator_expand(win, "Metering", NULL));
	select_rows("Home", (const char *const[]){ "door", NULL });
	redraw(window);
	ui_test_save_png(window, "concentrator-tree.png");
	fake_answer_all(fc);
	fc->manual = FALSE;
	close_window();
}
END_TEST

/* The whole window, every control in reach, on a screen 1024 pixels wide:
 * what it asks for and what it opens with, with the health line at its longest. */
START_TEST(test_fits_narrow_screen)
{
	GtkWidget *window;
	GtkRequisition req;
	gint w, h;

	open_window(FALSE);
	window = iot_gtk_concentrator_get_window(win);
	expand("Home", NULL);
	expand("Home", "hall");
	expand("Home", "kitchen");
	redraw(window);
	gtk_widget_size_request(window, &req);
	gtk_window_get_size(GTK_WINDOW(window), &w, &h);
	ck_assert_int_le(req.width, 1000);
	ck_assert_int_le(w, 1000);
	close_window();
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("concentrator window");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	fake_under_check = TRUE;
	tcase_add_test(tc, test_lazy_loading);
	tcase_add_test(tc, test_parameter_columns);
	tcase_add_test(tc, test_health_and_search);
	tcase_add_test(tc, test_events_in_place);
	tcase_add_test(tc, test_events_while_loading);
	tcase_add_test(tc, test_offline_mid_expansion);
	tcase_add_test(tc, test_find_by_id);
	tcase_add_test(tc, test_find_unknown);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_contradictions);
	tcase_add_test(tc, test_keyboard);
	tcase_add_test(tc, test_capabilities);
	tcase_add_test(tc, test_close_with_everything_pending);
	tcase_add_test(tc, test_png_tree);
	tcase_add_test(tc, test_fits_narrow_screen);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
