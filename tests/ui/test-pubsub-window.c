/*
 * test-pubsub-window.c — the Publish-subscribe window under Xvfb, in front
 * of a fixture service (test-pubsub-fake.c) that answers later, as the
 * adapter does: the services, the node tree loaded level by level with
 * each node's meta-data and our state in words, Subscribe and Unsubscribe,
 * My subscriptions, the items of a node decoded and kept current by live
 * events (new items coalesced, retractions, purge, deletion), the owner's
 * New node… (the service's form with the node id above it), Configure…,
 * Purge and Delete after a confirmation, Affiliations and subscribers with
 * Approve, Publish item…, subscription options in the form renderer; hostile
 * names shown as sent; closing with requests pending cancels them and ends
 * the watch; PNGs of the window and its dialogs. Run by
 * tests/ui/window-tests.sh BUILD_DIR ARTIFACT_DIR.
 */
#include "iot-gtk-control.h"
#include "iot-gtk-pubsub.h"
#include "test-pubsub-fake.h"
#include "ui-test-util.h"

#include <check.h>
#include <gtk/gtk.h>
#include <string.h>

static IotGtkPubsub *win;

static void
setup(void)
{
	fake_reset();
}

static void
teardown(void)
{
	if (win != NULL)
		iot_gtk_pubsub_destroy(win);
	win = NULL;
	fake_free();
}

/* Runs the loop until nothing is pending (answers come from idles). */
static void
settle(void)
{
	int i;

	for (i = 0; i < 200 && (iot_gtk_pubsub_count_pending(win) > 0 || gtk_events_pending()); i++)
		ui_test_run_ms(10);
	ck_assert_uint_eq(iot_gtk_pubsub_count_pending(win), 0);
}

static void
open_window(void)
{
	win = iot_gtk_pubsub_new(FAKE_ME, &fake_ops, NULL);
	iot_gtk_pubsub_set_account_jid(win, FAKE_ME "/pidgin");
	gtk_window_move(GTK_WINDOW(iot_gtk_pubsub_get_window(win)), 0, 0);
	ui_test_show_and_wait(iot_gtk_pubsub_get_window(win), 50);
	settle();
}

/* The row of @node: its columns as text. */
static char *
cell(const char *node, int col)
{
	GtkTreeModel *m = iot_gtk_pubsub_get_nodes_model(win);
	GtkTreeIter iter;
	char *out = NULL;

	ck_assert_msg(iot_gtk_pubsub_select_node(win, node), "no row %s", node);
	ck_assert(gtk_tree_selection_get_selected(
	    gtk_tree_view_get_selection(iot_gtk_pubsub_get_nodes_view(win)), &m, &iter));
	gtk_tree_model_get(m, &iter, col, &out, -1);
	return out;
}

static void
assert_cell(const char *node, int col, const char *want)
{
	char *got = cell(node, col);

	ck_assert_msg(g_strcmp0(got, want) == 0, "%s column %d: '%s', not '%s'", node, col, got, want);
	g_free(got);
}

static void
click(const char *action)
{
	GtkWidget *b = iot_gtk_pubsub_get_button(win, action);

	ck_assert_ptr_nonnull(b);
	ck_assert_msg(gtk_widget_is_sensitive(b), "%s is off", action);
	gtk_button_clicked(GTK_BUTTON(b));
}

static gboolean
sensitive(const char *action)
{
	return gtk_widget_is_sensitive(iot_gtk_pubsub_get_button(win, action));
}

START_TEST(test_browse)
{
	GtkTreeModel *m;
	char *text;

	open_window();
	/* The server's service is found and shown, its top level loaded. */
	m = iot_gtk_pubsub_get_services_model(win);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 1);
	ck_assert(fake_logged("NODES -"));
	ck_assert(fake_logged("SUBSCRIPTIONS -"));
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_NAME, "news");
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_TITLE, "House news");
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_TYPE, "Leaf: Atom");
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_ACCESS, "authorize");
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_ITEMS, "2");
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_SUBSCRIBERS, "5");
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_STATE, "");
	ck_assert_str_eq(iot_gtk_pubsub_get_state_text(win), "Not subscribed.");
	/* Hostile names as sent, never as markup. */
	assert_cell(FAKE_HOSTILE_NODE, IOT_GTK_PUBSUB_NODE_COL_NAME, FAKE_HOSTILE_NODE);
	assert_cell(FAKE_HOSTILE_NODE, IOT_GTK_PUBSUB_NODE_COL_TITLE, FAKE_HOSTILE_TITLE);
	/* A collection's children come when it is opened. */
	assert_cell("sensors", IOT_GTK_PUBSUB_NODE_COL_TYPE, "Collection");
	ck_assert(!fake_logged("NODES sensors"));
	ck_assert(!iot_gtk_pubsub_select_node(win, "sensors/garage"));
	ck_assert(iot_gtk_pubsub_expand_node(win, "sensors"));
	settle();
	ck_assert(fake_logged("NODES sensors"));
	assert_cell("sensors/garage", IOT_GTK_PUBSUB_NODE_COL_STATE, "Pending");
	assert_cell("sensors/livingroom", IOT_GTK_PUBSUB_NODE_COL_TYPE, "Leaf: Sensor data");
	assert_cell("sensors/garage", IOT_GTK_PUBSUB_NODE_COL_TYPE, "Leaf: SOX");
	text = g_strdup(iot_gtk_pubsub_get_state_text(win));
	ck_assert_msg(strstr(text, "Pending") != NULL && strstr(text, "approved") != NULL, "%s", text);
	g_free(text);
	ck_assert(sensitive("unsubscribe") && !sensitive("subscribe"));
	/* Owner actions only where the owners name us. */
	ck_assert(!sensitive("configure") && !sensitive("delete"));
	ck_assert(iot_gtk_pubsub_select_node(win, "news"));
	ck_assert(sensitive("configure") && sensitive("delete") && sensitive("subscribe"));
	/* The subscribed node's items, decoded, newest first. */
	ck_assert(iot_gtk_pubsub_select_node(win, "sensors/livingroom"));
	settle();
	ck_assert_str_eq(fake.watch_node, "sensors/livingroom");
	m = iot_gtk_pubsub_get_items_model(win);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 3);
	ck_assert(iot_gtk_pubsub_select_item(win, "r3"));
	text = iot_gtk_pubsub_get_item_text(win);
	ck_assert_msg(strstr(text, "Temperature") != NULL && strstr(text, "21.5") != NULL, "%s", text);
	g_free(text);
	{
		GtkTreeIter iter;
		char *id;

		gtk_tree_model_get_iter_first(m, &iter);
		gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_ITEM_COL_ID, &id, -1);
		ck_assert_str_eq(id, "r3");
		g_free(id);
	}
	ui_test_save_png(iot_gtk_pubsub_get_window(win), "pubsub-browse.png");
}
END_TEST

START_TEST(test_hostile_items)
{
	char *text;
	GtkTreeIter iter;
	char *summary;

	open_window();
	ck_assert(iot_gtk_pubsub_select_node(win, FAKE_HOSTILE_NODE));
	settle();
	ck_assert(iot_gtk_pubsub_select_item(win, "<i>1</i>"));
	text = iot_gtk_pubsub_get_item_text(win);
	ck_assert_msg(strstr(text, "<script>alert(1)</script>") != NULL, "%s", text);
	g_free(text);
	gtk_tree_model_get_iter_first(iot_gtk_pubsub_get_items_model(win), &iter);
	gtk_tree_model_get(iot_gtk_pubsub_get_items_model(win), &iter, IOT_GTK_PUBSUB_ITEM_COL_SUMMARY,
	                   &summary, -1);
	ck_assert_msg(strstr(summary, "lamp") != NULL || strstr(summary, "status") != NULL, "%s", summary);
	g_free(summary);
	ck_assert(iot_gtk_pubsub_select_item(win, "x2"));
	text = iot_gtk_pubsub_get_item_text(win);
	/* Indented XML, its escapes kept. */
	ck_assert_msg(strstr(text, "\n") != NULL && strstr(text, "&lt;b&gt;") != NULL, "%s", text);
	g_free(text);
	ui_test_save_png(iot_gtk_pubsub_get_window(win), "pubsub-hostile.png");
}
END_TEST

START_TEST(test_subscribe)
{
	GtkTreeModel *m;
	char *status;

	open_window();
	m = iot_gtk_pubsub_get_subscriptions_model(win);
	/* Every known service's subscriptions. */
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 3);
	fake.subscribe_state = IOT_PUBSUB_STATE_PENDING;
	ck_assert(iot_gtk_pubsub_select_node(win, "news"));
	settle();
	click("subscribe");
	settle();
	ck_assert(fake_logged("SUBSCRIBE news"));
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_STATE, "Pending");
	status = g_strdup(iot_gtk_pubsub_get_status(win));
	ck_assert_msg(strstr(status, "House news") == NULL && strstr(status, "news") != NULL &&
	                  strstr(status, "approved") != NULL,
	              "%s", status);
	g_free(status);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 4);
	ck_assert(sensitive("unsubscribe"));
	click("unsubscribe");
	settle();
	assert_cell("news", IOT_GTK_PUBSUB_NODE_COL_STATE, "");
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 3);
	/* Unsubscribe from the My subscriptions tab. */
	gtk_notebook_set_current_page(iot_gtk_pubsub_get_notebook(win), 1);
	{
		GtkTreePath *path = gtk_tree_path_new_from_indices(2, -1);

		gtk_tree_selection_select_path(
		    gtk_tree_view_get_selection(iot_gtk_pubsub_get_subscriptions_view(win)), path);
		gtk_tree_path_free(path);
	}
	ui_test_run_ms(50);
	ui_test_save_png(iot_gtk_pubsub_get_window(win), "pubsub-subscriptions.png");
	click("my-unsubscribe");
	settle();
	ck_assert(fake_logged("UNSUBSCRIBE forecast/<today>"));
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 2);
}
END_TEST

static const char *const event_new =
    "<message from='" FAKE_SERVICE "'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
    "<items node='news'><item id='n3'><entry xmlns='http://www.w3.org/2005/Atom'>"
    "<title>Storm warning</title></entry></item></items></event></message>";
static const char *const event_retract =
    "<message from='" FAKE_SERVICE "'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
    "<items node='news'><retract id='n1'/></items></event></message>";
static const char *const event_purge =
    "<message from='" FAKE_SERVICE "'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
    "<purge node='news'/></event></message>";
static const char *const event_delete =
    "<message from='" FAKE_SERVICE "'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
    "<delete node='news'/></event></message>";

static void
send_event(const char *xml)
{
	IotPubsubEvent *ev = fake_event(xml);

	iot_gtk_pubsub_event(win, FAKE_SERVICE, ev);
	iot_pubsub_event_free(ev);
}

START_TEST(test_live)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	char *id;

	open_window();
	ck_assert(iot_gtk_pubsub_select_node(win, "news"));
	settle();
	m = iot_gtk_pubsub_get_items_model(win);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 2);
	send_event(event_new);
	/* Coalesced: shown on the next apply. */
	ui_test_run_ms(400);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 3);
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_ITEM_COL_ID, &id, -1);
	ck_assert_str_eq(id, "n3");
	g_free(id);
	send_event(event_retract);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 2);
	ck_assert(!iot_gtk_pubsub_select_item(win, "n1"));
	send_event(event_purge);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 0);
	send_event(event_delete);
	ck_assert(!iot_gtk_pubsub_select_node(win, "news"));
	ck_assert_ptr_null(fake.watch_node);
	/* A storm: bounded, newest kept. */
	ck_assert(iot_gtk_pubsub_select_node(win, "sensors"));
	ck_assert(iot_gtk_pubsub_expand_node(win, "sensors"));
	settle();
	ck_assert(iot_gtk_pubsub_select_node(win, "sensors/livingroom"));
	settle();
	{
		int i;

		for (i = 0; i < 1000; i++) {
			char *xml = g_strdup_printf(
			    "<message from='" FAKE_SERVICE "'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
			    "<items node='sensors/livingroom'><item id='s%d'><text xmlns='urn:x'>%d</text></item>"
			    "</items></event></message>",
			    i, i);

			send_event(xml);
			g_free(xml);
		}
	}
	ui_test_run_ms(400);
	ck_assert_int_le(gtk_tree_model_iter_n_children(m, NULL), 20);
	gtk_tree_model_get_iter_first(m, &iter);
	gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_ITEM_COL_ID, &id, -1);
	ck_assert_str_eq(id, "s999");
	g_free(id);
}
END_TEST

static IotGtkControl *
form_dialog(void)
{
	GtkWidget *d = iot_gtk_pubsub_get_dialog(win);

	ck_assert_ptr_nonnull(d);
	return g_object_get_data(G_OBJECT(d), "iot-gtk-control");
}

START_TEST(test_owner)
{
	IotGtkControl *dlg;
	GtkWidget *entry, *d;
	GtkTreeModel *m;

	open_window();
	/* New node…: the service's default form, the node id above it. */
	click("new");
	settle();
	ck_assert(fake_logged("CONFIG_FORM -"));
	dlg = form_dialog();
	ck_assert_ptr_nonnull(dlg);
	entry = iot_gtk_control_get_field_entry(dlg, "iot-pubsub-node-id");
	ck_assert_ptr_nonnull(entry);
	ck_assert_ptr_nonnull(iot_gtk_control_get_field_widget(dlg, "pubsub#access_model"));
	gtk_entry_set_text(GTK_ENTRY(entry), "garden");
	ui_test_run_ms(300);
	ui_test_save_png(iot_gtk_control_get_window(dlg), "pubsub-new-node.png");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	settle();
	ck_assert_str_eq(fake.last_create, "garden");
	/* The node id is ours, not the service's: it is not sent as a field. */
	ck_assert_uint_eq(fake.last_form_fields, 4);
	ck_assert_ptr_null(iot_gtk_pubsub_get_dialog(win));
	ck_assert_msg(strstr(iot_gtk_pubsub_get_status(win), "garden") != NULL, "%s",
	              iot_gtk_pubsub_get_status(win));

	/* Purge asks first. */
	ck_assert(iot_gtk_pubsub_select_node(win, "news"));
	settle();
	click("purge");
	d = iot_gtk_pubsub_get_dialog(win);
	ck_assert_ptr_nonnull(d);
	ck_assert(!fake_logged("PURGE"));
	gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
	settle();
	ck_assert(fake_logged("PURGE news"));

	/* Affiliations and subscribers; Approve the one waiting. */
	click("affiliations");
	settle();
	m = iot_gtk_pubsub_get_affiliations_model(win, FALSE);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 3);
	m = iot_gtk_pubsub_get_affiliations_model(win, TRUE);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 2);
	ui_test_run_ms(300);
	ui_test_save_png(iot_gtk_pubsub_get_dialog(win), "pubsub-affiliations.png");
	ck_assert(iot_gtk_pubsub_answer_subscriber(win, "guest@friends.example", TRUE));
	settle();
	ck_assert_str_eq(fake.last_subscriber, "guest@friends.example");
	ck_assert_int_eq(fake.last_subscriber_state, IOT_PUBSUB_STATE_SUBSCRIBED);
	gtk_widget_destroy(iot_gtk_pubsub_get_dialog(win));

	/* Configure… in the form renderer. */
	click("configure");
	settle();
	dlg = form_dialog();
	ck_assert_ptr_nonnull(iot_gtk_control_get_field_widget(dlg, "pubsub#max_items"));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	settle();
	ck_assert(fake_logged("CONFIGURE news"));

	/* Publish item… as XML. */
	click("publish");
	d = iot_gtk_pubsub_get_dialog(win);
	ck_assert_ptr_nonnull(d);
	{
		GList *kids = gtk_container_get_children(
		    GTK_CONTAINER(gtk_dialog_get_content_area(GTK_DIALOG(d))));
		GList *l;

		for (l = kids; l != NULL; l = l->next) {
			if (GTK_IS_SCROLLED_WINDOW(l->data)) {
				GtkWidget *tv = gtk_bin_get_child(GTK_BIN(l->data));

				gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(tv)),
				                         "<note xmlns='urn:x'>hi</note>", -1);
			} else if (GTK_IS_CHECK_BUTTON(l->data)) {
				gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(l->data), TRUE);
			}
		}
		g_list_free(kids);
	}
	ui_test_run_ms(300);
	ui_test_save_png(d, "pubsub-publish.png");
	gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
	settle();
	ck_assert_str_eq(fake.last_payload, "<note xmlns='urn:x'>hi</note>");
	ck_assert(fake.last_xml);

	/* Retract the selected item, after asking. */
	ck_assert(iot_gtk_pubsub_select_item(win, "n2"));
	click("retract");
	gtk_dialog_response(GTK_DIALOG(iot_gtk_pubsub_get_dialog(win)), GTK_RESPONSE_OK);
	settle();
	ck_assert(fake_logged("RETRACT news"));
	ck_assert(!iot_gtk_pubsub_select_item(win, "n2"));

	/* Delete refused: the reason in words, as sent (plain text). */
	ck_assert(iot_gtk_pubsub_select_node(win, FAKE_HOSTILE_NODE));
	settle();
	click("delete");
	gtk_dialog_response(GTK_DIALOG(iot_gtk_pubsub_get_dialog(win)), GTK_RESPONSE_OK);
	settle();
	ck_assert_msg(strstr(iot_gtk_pubsub_get_status(win), "<b>you</b>") != NULL, "%s",
	              iot_gtk_pubsub_get_status(win));
	ck_assert(iot_gtk_pubsub_select_node(win, FAKE_HOSTILE_NODE));
	/* Delete that works removes the row. */
	ck_assert(iot_gtk_pubsub_select_node(win, "news"));
	click("delete");
	gtk_dialog_response(GTK_DIALOG(iot_gtk_pubsub_get_dialog(win)), GTK_RESPONSE_OK);
	settle();
	ck_assert(!iot_gtk_pubsub_select_node(win, "news"));
}
END_TEST

START_TEST(test_options)
{
	IotGtkControl *dlg;

	open_window();
	ck_assert(iot_gtk_pubsub_expand_node(win, "sensors"));
	settle();
	ck_assert(iot_gtk_pubsub_select_node(win, "sensors/livingroom"));
	settle();
	click("options");
	settle();
	dlg = form_dialog();
	ck_assert_ptr_nonnull(iot_gtk_control_get_field_widget(dlg, "pubsub#deliver"));
	ck_assert_ptr_nonnull(iot_gtk_control_get_field_widget(dlg, "pubsub#show-values"));
	ui_test_run_ms(300);
	ui_test_save_png(iot_gtk_control_get_window(dlg), "pubsub-options.png");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	settle();
	ck_assert(fake_logged("OPTIONS_SUBMIT sensors/livingroom"));
	ck_assert_uint_eq(fake.last_form_fields, 5);
	/* The Published data window is the owner's to open. */
	click("open");
	ck_assert_uint_eq(fake.opened, 1);
}
END_TEST

START_TEST(test_close_cancels)
{
	open_window();
	fake.hold = TRUE;
	ck_assert(iot_gtk_pubsub_select_node(win, "news"));
	click("new");
	ck_assert_uint_ge(iot_gtk_pubsub_count_pending(win), 2);
	ck_assert_str_eq(fake.watch_node, "news");
	send_event(event_new); /* waits for the next apply */
	iot_gtk_pubsub_destroy(win);
	win = NULL;
	/* Every pending request cancelled, the watch ended, closed once. */
	ck_assert_uint_ge(fake.cancels, 2);
	ck_assert_uint_eq(fake.closed, 1);
	ck_assert_ptr_null(fake.watch_node);
	/* The owner still answers: dropped without harm; the apply's timer is gone. */
	fake_release();
	ui_test_run_ms(400);
}
END_TEST

START_TEST(test_offline)
{
	open_window();
	iot_gtk_pubsub_set_online(win, FALSE);
	ck_assert(!sensitive("subscribe") && !sensitive("new"));
	ck_assert_str_eq(iot_gtk_pubsub_get_status(win), "The account is offline.");
	iot_gtk_pubsub_set_online(win, TRUE);
	settle();
	ck_assert(sensitive("new"));
	/* A typed service is added and browsed. */
	gtk_entry_set_text(iot_gtk_pubsub_get_service_entry(win), "bob@friends.example");
	gtk_widget_activate(GTK_WIDGET(iot_gtk_pubsub_get_service_entry(win)));
	settle();
	ck_assert_int_eq(gtk_tree_model_iter_n_children(iot_gtk_pubsub_get_services_model(win), NULL), 2);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("pubsub-window");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_browse);
	tcase_add_test(tc, test_hostile_items);
	tcase_add_test(tc, test_subscribe);
	tcase_add_test(tc, test_live);
	tcase_add_test(tc, test_owner);
	tcase_add_test(tc, test_options);
	tcase_add_test(tc, test_close_cancels);
	tcase_add_test(tc, test_offline);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
