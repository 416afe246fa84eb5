/*
 * test-pubsub-published.c — the Published data window and the approval
 * dialog under Xvfb. The Published data window reads like a readout: the
 * readout window's table holds the newest value of each field (units,
 * status words), the recent items are listed newest first and decoded,
 * live items are coalesced, retractions, a purge and the node's deletion
 * are shown; hostile strings appear as sent. The approval dialog asks
 * "<subscriber> asks to subscribe to <node> at <service>", queues further
 * requests in the same dialog, and answers each exactly once (Allow, Deny,
 * Later, closing). PNGs of both. Run by tests/ui/window-tests.sh.
 */
#include "iot-gtk-published.h"
#include "iot-gtk-pubsub-approval.h"
#include "test-pubsub-fake.h"
#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <gtk/gtk.h>
#include <string.h>

static IotGtkPublished *pub;
static guint closed, refreshes;

static void
on_refresh(IotGtkPublished *w, gpointer data)
{
	refreshes++;
}

static void
on_closed(IotGtkPublished *w, gpointer data)
{
	closed++;
}

static const IotGtkPublishedCallbacks cbs = { on_refresh, on_closed };

static void
setup(void)
{
	fake_reset();
	closed = refreshes = 0;
}

static void
teardown(void)
{
	if (pub != NULL)
		iot_gtk_published_destroy(pub);
	pub = NULL;
	iot_gtk_pubsub_approval_close_all();
	fake_free();
}

static GPtrArray *
sensor_items(guint n, gint64 newest)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_item_free);
	guint i;

	for (i = 0; i < n; i++) {
		gint64 t = newest - (gint64)(n - 1 - i) * 300 * G_USEC_PER_SEC;
		char *xml = fake_sensor_xml(20.0 + i * 0.5, 40 + (int)i, t), *id = g_strdup_printf("i%u", i);

		g_ptr_array_add(a, fake_item(id, "thermo@home.example", t, xml));
		g_free(xml);
		g_free(id);
	}
	return a;
}

/* The readout table's value of @name (after the coalesced update). */
static char *
value_of(const char *name)
{
	GtkTreeModel *m = iot_gtk_readout_get_model(iot_gtk_published_get_readout(pub));
	GtkTreeIter iter;
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		char *n, *v, *u, *out;

		gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NAME, &n, IOT_GTK_READOUT_COL_VALUE, &v,
		                   IOT_GTK_READOUT_COL_UNIT, &u, -1);
		if (g_strcmp0(n, name) == 0) {
			out = g_strdup_printf("%s %s", v, u != NULL ? u : "");
			g_free(n);
			g_free(v);
			g_free(u);
			return out;
		}
		g_free(n);
		g_free(v);
		g_free(u);
	}
	return NULL;
}

static char *
first_id(void)
{
	GtkTreeModel *m = iot_gtk_published_get_items_model(pub);
	GtkTreeIter iter;
	char *id = NULL;

	if (gtk_tree_model_get_iter_first(m, &iter))
		gtk_tree_model_get(m, &iter, IOT_GTK_PUBLISHED_COL_ID, &id, -1);
	return id;
}

START_TEST(test_published_values)
{
	gint64 now = g_get_real_time();
	GPtrArray *items = sensor_items(4, now - (gint64)60 * G_USEC_PER_SEC);
	GtkWidget *window;
	char *v, *text, *id;
	IotPubsubItem *live;
	char *xml;

	pub = iot_gtk_published_new("sensors/livingroom at " FAKE_SERVICE, &cbs, NULL);
	window = iot_gtk_published_get_window(pub);
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(window)),
	                 "Published data — sensors/livingroom at " FAKE_SERVICE);
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	ui_test_show_and_wait(window, 50);
	/* Any order in, newest first out; the values are the newest item's. */
	g_ptr_array_add(items, g_ptr_array_steal_index(items, 0));
	iot_gtk_published_set_items(pub, items);
	g_ptr_array_unref(items);
	ui_test_run_ms(400);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(iot_gtk_published_get_items_model(pub), NULL), 4);
	id = first_id();
	ck_assert_str_eq(id, "i3");
	g_free(id);
	v = value_of("Temperature");
	ck_assert_str_eq(v, "21.5 °C");
	g_free(v);
	v = value_of("Humidity");
	ck_assert_str_eq(v, "43 %");
	g_free(v);
	text = iot_gtk_published_get_item_text(pub);
	ck_assert_msg(strstr(text, "Temperature") != NULL && strstr(text, "21.5") != NULL, "%s", text);
	g_free(text);

	/* A live item: coalesced, then on top and in the values. */
	xml = fake_sensor_xml(23.0, 50, now);
	live = fake_item("live-1", NULL, IOT_TIME_UNKNOWN, xml);
	g_free(xml);
	iot_gtk_published_add_item(pub, live);
	iot_pubsub_item_free(live);
	ck_assert_uint_eq(iot_gtk_published_get_pending(pub), 1);
	ui_test_run_ms(700);
	ck_assert_uint_eq(iot_gtk_published_get_pending(pub), 0);
	id = first_id();
	ck_assert_str_eq(id, "live-1");
	g_free(id);
	v = value_of("Temperature");
	ck_assert_str_eq(v, "23.0 °C");
	g_free(v);
	ui_test_save_png(window, "published-window.png");

	/* Retracted, purged, deleted. */
	iot_gtk_published_retract(pub, "live-1");
	id = first_id();
	ck_assert_str_eq(id, "i3");
	g_free(id);
	iot_gtk_published_purge(pub);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(iot_gtk_published_get_items_model(pub), NULL), 0);
	iot_gtk_published_deleted(pub);
	ck_assert_msg(strstr(iot_gtk_readout_get_status(iot_gtk_published_get_readout(pub)), "deleted") != NULL,
	              "%s", iot_gtk_readout_get_status(iot_gtk_published_get_readout(pub)));
	/* F5 asks the owner again. */
	ui_test_send_key(window, GDK_F5, 0);
	ui_test_run_ms(50);
	ck_assert_uint_eq(refreshes, 1);
	/* Closed with an item waiting: its timer goes with the window. */
	xml = fake_sensor_xml(24.0, 51, now);
	live = fake_item("late", NULL, IOT_TIME_UNKNOWN, xml);
	g_free(xml);
	iot_gtk_published_add_item(pub, live);
	iot_pubsub_item_free(live);
	ck_assert_uint_eq(iot_gtk_published_get_pending(pub), 1);
	iot_gtk_published_destroy(pub);
	pub = NULL;
	ck_assert_uint_eq(closed, 1);
	ui_test_run_ms(400);
}
END_TEST

START_TEST(test_published_fetch_failed)
{
	pub = iot_gtk_published_new("closed at " FAKE_SERVICE, &cbs, NULL);
	ck_assert_str_eq(iot_gtk_published_get_items_label(pub), "Asking for the last items…");
	iot_gtk_published_set_status(pub, "Not allowed: <b>closed</b> node.", TRUE);
	ck_assert_str_eq(iot_gtk_readout_get_status(iot_gtk_published_get_readout(pub)),
	                 "Not allowed: <b>closed</b> node.");
	/* The list does not wait for items any more. */
	ck_assert_str_eq(iot_gtk_published_get_items_label(pub), "The recent items could not be fetched.");
}
END_TEST

START_TEST(test_published_atom_and_hostile)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_item_free);
	gint64 now = g_get_real_time();
	char *text;
	GtkWidget *window;

	pub = iot_gtk_published_new("<b>news</b> at " FAKE_SERVICE, &cbs, NULL);
	window = iot_gtk_published_get_window(pub);
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(window)), "Published data — <b>news</b> at " FAKE_SERVICE);
	g_ptr_array_add(a, fake_item("a1", NULL, now - (gint64)7200 * G_USEC_PER_SEC,
	                             "<entry xmlns='http://www.w3.org/2005/Atom'><title>&lt;b&gt;Heating&lt;/b&gt; "
	                             "serviced</title><summary>Next visit in May.</summary>"
	                             "<published>2026-12-03T09:00:00Z</published>"
	                             "<link href='http://home.example/news/1'/></entry>"));
	g_ptr_array_add(a, fake_item("a2", NULL, now - (gint64)60 * G_USEC_PER_SEC,
	                             "<text xmlns='urn:example:text'>&lt;script&gt;x&lt;/script&gt;</text>"));
	g_ptr_array_add(a, fake_item("a3", NULL, now, NULL));
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	ui_test_show_and_wait(window, 50);
	iot_gtk_published_set_items(pub, a);
	g_ptr_array_unref(a);
	ck_assert(iot_gtk_published_select_item(pub, "a1"));
	text = iot_gtk_published_get_item_text(pub);
	ck_assert_msg(strstr(text, "Title: <b>Heating</b> serviced") != NULL && strstr(text, "Link: http://home.example/news/1"),
	              "%s", text);
	g_free(text);
	ck_assert(iot_gtk_published_select_item(pub, "a2"));
	text = iot_gtk_published_get_item_text(pub);
	ck_assert_msg(strstr(text, "<script>x</script>") != NULL, "%s", text);
	g_free(text);
	ck_assert(iot_gtk_published_select_item(pub, "a3"));
	text = iot_gtk_published_get_item_text(pub);
	ck_assert_str_eq(text, "(This item has no payload.)");
	g_free(text);
	ck_assert(iot_gtk_published_select_item(pub, "a1"));
	ui_test_run_ms(100);
	ui_test_save_png(window, "published-atom.png");
}
END_TEST

/* ---- approvals ---- */

static GPtrArray *answers;

static void
answered(IotGtkApprovalAnswer answer, gpointer data)
{
	g_ptr_array_add(answers, g_strdup_printf("%s=%d", (char *)data, answer));
	g_free(data);
}

START_TEST(test_approval_queue)
{
	GtkWidget *d;
	GtkTreeModel *m;

	answers = g_ptr_array_new_with_free_func(g_free);
	iot_gtk_pubsub_approval_ask(FAKE_ME, FAKE_SERVICE, "news", "guest@friends.example", answered,
	                            g_strdup("guest"));
	d = iot_gtk_pubsub_approval_get_window();
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(iot_gtk_pubsub_approval_get_question(),
	                 "guest@friends.example asks to subscribe to “news” at " FAKE_SERVICE ".");
	/* More requests queue in the same dialog. */
	iot_gtk_pubsub_approval_ask(FAKE_ME, FAKE_SERVICE, "sensors/livingroom", "<b>eve</b>@evil.example",
	                            answered, g_strdup("eve"));
	iot_gtk_pubsub_approval_ask(NULL, "bob@friends.example", "urn:nf:iot:sd:1.0", "anna@home.example",
	                            answered, g_strdup("anna"));
	ck_assert_ptr_eq(iot_gtk_pubsub_approval_get_window(), d);
	ck_assert_uint_eq(iot_gtk_pubsub_approval_count(), 3);
	m = iot_gtk_pubsub_approval_get_model();
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 2);
	gtk_window_move(GTK_WINDOW(d), 0, 0);
	ui_test_show_and_wait(d, 100);
	ui_test_save_png(d, "pubsub-approval.png");
	/* Allow the first: the next one is asked, as sent. */
	iot_gtk_pubsub_approval_respond(IOT_GTK_APPROVAL_ALLOW);
	ck_assert_str_eq(g_ptr_array_index(answers, 0), "guest=1");
	ck_assert_str_eq(iot_gtk_pubsub_approval_get_question(),
	                 "<b>eve</b>@evil.example asks to subscribe to “sensors/livingroom” at " FAKE_SERVICE ".");
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 1);
	iot_gtk_pubsub_approval_respond(IOT_GTK_APPROVAL_DENY);
	ck_assert_str_eq(g_ptr_array_index(answers, 1), "eve=2");
	/* Closing the dialog answers Later. */
	gtk_widget_destroy(iot_gtk_pubsub_approval_get_window());
	ck_assert_uint_eq(answers->len, 3);
	ck_assert_str_eq(g_ptr_array_index(answers, 2), "anna=0");
	ck_assert_ptr_null(iot_gtk_pubsub_approval_get_window());
	ck_assert_uint_eq(iot_gtk_pubsub_approval_count(), 0);
	/* Unload: whatever waits is answered once. */
	iot_gtk_pubsub_approval_ask(NULL, FAKE_SERVICE, "news", "x@y", answered, g_strdup("x"));
	iot_gtk_pubsub_approval_close_all();
	ck_assert_str_eq(g_ptr_array_index(answers, 3), "x=0");
	ck_assert_uint_eq(answers->len, 4);
	g_ptr_array_unref(answers);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("pubsub-published");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_published_values);
	tcase_add_test(tc, test_published_fetch_failed);
	tcase_add_test(tc, test_published_atom_and_hostile);
	tcase_add_test(tc, test_approval_queue);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
