/* test-pubsub-finch.c — everything the Publish-subscribe window offers,
 * reached through request dialogs and a table as Finch shows them: owner
 * actions on a node of our own PEP service (create with the configuration
 * form, configure, publish text and XML, retract, affiliations, subscribers,
 * purge, delete), subscription options, my subscriptions with Unsubscribe,
 * the live table of new items, and every dialog ended at sign-off and
 * unload. */
#include "client-check.h"
#include "client-pubsub.h"
#include "client-request.h"

#include <string.h>

#define PUBSUB "pubsub." DOMAIN
#define STATION "station@" DOMAIN
#define ALICE "alice@" DOMAIN
#define WAIT_MS 20000
#define OWN_NODE "urn:example:iot-tests:finch"

static gboolean
shown_since(gpointer d)
{
	return client_requests_shown() > *(guint *)d && client_request_is_open();
}

static gboolean
notice_since(gpointer d)
{
	return client_notices_shown() > *(guint *)d;
}

static gboolean
has_text(gpointer d)
{
	const char *t = client_request_text();

	return t != NULL && strstr(t, d) != NULL;
}

/* Closes every dialog: a browser closed at a list goes back up, which may
 * bring another dialog a moment later. */
static void
close_all_dialogs(void)
{
	guint round;

	for (round = 0; round < 20; round++) {
		guint n = 0;

		while (client_request_is_open() && n++ < 50)
			client_request_cancel();
		client_sleep(500);
		if (!client_request_is_open())
			return;
	}
	ck_abort_msg("dialogs keep coming:\n%s", client_request_text());
}

/* Sets @field (NULL: none) to @value, presses OK and waits for a new dialog. */
static const char *
choose(const char *field, const char *value)
{
	guint shown = client_requests_shown();

	if (field != NULL)
		ck_assert_msg(client_request_set(field, value), "no “%s” = “%s” in:\n%s", field, value,
		              client_request_text());
	client_request_ok();
	ck_assert_msg(client_spin(shown_since, &shown, WAIT_MS), "no dialog after “%s”", value ? value : "OK");
	return client_request_text();
}

/* Presses OK and waits for a notice; returns it. */
static const char *
ok_to_notice(void)
{
	guint told = client_notices_shown();

	client_request_ok();
	ck_assert_msg(client_spin(notice_since, &told, WAIT_MS), "no notice; open:\n%s",
	              client_request_text() ? client_request_text() : "(none)");
	return client_last_notice();
}

static void
wait_text(const char *needle)
{
	ck_assert_msg(client_spin(has_text, (gpointer)needle, WAIT_MS), "no “%s” in:\n%s", needle,
	              client_request_text() ? client_request_text() : "(no dialog)");
}

/* Tools → XMPP IoT → Publish-subscribe…, then @service typed. */
static const char *
open_service(const char *service)
{
	PurplePlugin *p = client_plugin();
	GList *actions = PURPLE_PLUGIN_ACTIONS(p, NULL), *l;
	PurplePluginAction *found = NULL;
	guint shown = client_requests_shown();

	for (l = actions; l != NULL; l = l->next) {
		PurplePluginAction *a = l->data;
		if (found == NULL && g_str_has_prefix(a->label, "Publish-subscribe"))
			found = a;
		else
			purple_plugin_action_free(a);
	}
	g_list_free(actions);
	ck_assert_msg(found != NULL, "no Publish-subscribe… action");
	found->plugin = p;
	found->callback(found);
	purple_plugin_action_free(found);
	ck_assert_msg(client_spin(shown_since, &shown, WAIT_MS), "no services dialog");
	return choose("Other service", service);
}

/* Chooses @node, listed by itself or with its name (servers differ). */
static void
open_node(const char *node)
{
	if (!client_request_set("Node", node)) {
		char *named = g_strdup_printf("%s — %s", node,
		                              strcmp(node, "home/station/nf") == 0 ? "Weather station (NF)" : node);
		gboolean ok = client_request_set("Node", named);

		g_free(named);
		ck_assert_msg(ok, "no node %s in:\n%s", node, client_request_text());
	}
	choose(NULL, NULL);
}

/* Our own PEP service: the node is created with the configuration form,
 * then every owner action runs from the menu. */
START_TEST(test_finch_owner_actions_on_our_pep)
{
	const char *t;

	close_all_dialogs();
	t = open_service(ALICE);
	choose("Then", "Create a node…");
	wait_text("New node at " ALICE);
	ck_assert(client_request_set("Node name", OWN_NODE));
	t = ok_to_notice();
	ck_has(t, "Node " OWN_NODE " created.");
	close_all_dialogs();

	open_service(ALICE);
	open_node(OWN_NODE);
	t = choose("Action", "Manage the node (owner)…");
	ck_has(t, "Your node " OWN_NODE " at " ALICE);

	t = choose("Action", "Publish an item…");
	ck_assert(client_request_set("Item id", "t1"));
	ck_assert(client_request_set("Publish as", "Text"));
	ck_assert(client_request_set("Content", "hello <b>finch</b>"));
	t = choose(NULL, NULL);
	ck_has(t, "Published item t1.");
	choose("Action", "Publish an item…");
	ck_assert(client_request_set("Item id", "x1"));
	ck_assert(client_request_set("Publish as", "XML (one element)"));
	ck_assert(client_request_set("Content", "<note xmlns='urn:example:note'>hi</note>"));
	t = choose(NULL, NULL);
	ck_has(t, "Published item x1.");

	/* A PEP node keeps its last item: x1 replaced t1. */
	t = choose("Action", "Retract an item…");
	ck_has(t, "Retract an item of " OWN_NODE);
	t = choose("Item", "x1");
	ck_has(t, "The item was retracted.");

	/* The configuration form, sent back as it came. */
	{
		guint shown = client_requests_shown();

		client_request_set("Action", "Configure…");
		client_request_ok();
		ck_assert(client_spin(shown_since, &shown, WAIT_MS));
		wait_text("Configuration of " OWN_NODE);
		t = ok_to_notice();
		ck_has(t, "Node configuration saved.");
		wait_text("Your node " OWN_NODE);
	}

	t = choose("Action", "Affiliations…");
	ck_has(t, "Affiliations of " OWN_NODE);
	ck_has(t, ALICE " — Owner");
	client_request_cancel(); /* back to the menu */
	wait_text("Your node " OWN_NODE);
	t = choose("Action", "Subscribers…");
	if (strstr(t, "Subscribers of " OWN_NODE) != NULL) {
		client_request_cancel();
		wait_text("Your node " OWN_NODE);
	} else { /* ejabberd's PEP: said in words, back at the menu */
		ck_has(t, "Your node " OWN_NODE);
		ck_has(t, "does not support manage-subscriptions");
	}

	t = choose("Action", "Purge every item…");
	ck_has(t, "Remove every item of " OWN_NODE "?");
	t = choose(NULL, NULL);
	ck_has(t, "Every item of " OWN_NODE " was removed.");

	t = choose("Action", "Delete the node…");
	ck_has(t, "Delete the node " OWN_NODE "?");
	t = ok_to_notice();
	ck_has(t, "Node " OWN_NODE " deleted.");
	close_all_dialogs();
}
END_TEST

/* Subscribe, the options form sent, the subscription listed under "My
 * subscriptions" and ended there. */
START_TEST(test_finch_options_and_my_subscriptions)
{
	const char *t;

	close_all_dialogs();
	open_service(PUBSUB);
	open_node("home/station/nf");
	t = choose("Action", "Subscribe");
	ck_has(t, "Your subscription: Subscribed");
	{
		guint shown = client_requests_shown(), told = client_notices_shown();

		ck_assert(client_request_set("Action", "Subscription options…"));
		client_request_ok();
		/* The form, or the service's reason in words when it has none. */
		ck_assert(client_spin(shown_since, &shown, WAIT_MS));
		ck_assert(client_spin(has_text, "Subscription options of home/station/nf", WAIT_MS) ||
		          client_notices_shown() > told);
		if (client_notices_shown() == told) {
			t = ok_to_notice();
			ck_has(t, "Subscription options saved.");
		} else {
			fprintf(stderr, "options: %s\n", client_last_notice());
		}
	}
	wait_text("Your subscription: Subscribed");
	client_request_cancel(); /* back to the nodes */
	wait_text("Then = ");
	choose("Then", "My subscriptions at this service");
	wait_text("home/station/nf at " PUBSUB ": Subscribed");
	t = client_request_text();
	ck_has(t, "My subscriptions");
	ck_assert(client_request_set("Subscription", "home/station/nf at " PUBSUB ": Subscribed"));
	client_request_ok();
	wait_text("Unsubscribed from home/station/nf at " PUBSUB ".");
	t = client_request_text();
	ck_assert_msg(strstr(t, "home/station/nf at " PUBSUB ": Subscribed") == NULL, "still listed:\n%s", t);
	close_all_dialogs();
}
END_TEST

static gboolean
table_since(gpointer d)
{
	return client_tables_shown() > *(guint *)d;
}

/* The live table gets a row when the station publishes, and ends when
 * closed: nothing more comes to it. */
START_TEST(test_finch_live_items_then_closed)
{
	const char *r;
	guint tables;

	close_all_dialogs();
	open_service(PUBSUB);
	open_node("home/station/nf");
	if (strstr(client_request_text(), "Action = Subscribe") != NULL || client_request_set("Action", "Subscribe"))
		choose(NULL, NULL);
	wait_text("Your subscription: Subscribed");
	tables = client_tables_shown();
	choose("Action", "Show new items as they come");
	ck_assert(client_tables_shown() == tables + 1);
	tables = client_tables_shown();
	r = client_pubsub_tell(STATION, "publish", "published: ", WAIT_MS);
	ck_assert(r != NULL);
	ck_assert_msg(client_spin(table_since, &tables, WAIT_MS), "no new row");
	ck_has(client_last_table(), "°C");
	/* Closed as a person closes it (the UI's close of the connection's tables). */
	purple_notify_close_with_handle(purple_account_get_connection(client_account()));
	close_all_dialogs();
	tables = client_tables_shown();
	ck_assert(client_pubsub_tell(STATION, "publish", "published: ", WAIT_MS) != NULL);
	client_sleep(1000);
	ck_assert_uint_eq(client_tables_shown(), tables);
	client_run_has(PUBSUB, "unsubscribe home/station/nf", "home/station/nf");
}
END_TEST

/* A contact's PEP service from its buddy menu: its nodes, and the sensor
 * data it published there. */
START_TEST(test_finch_opens_a_contacts_pep)
{
	guint shown;
	const char *t;

	close_all_dialogs();
	ck_assert(client_wait_menu_item(STATION, "ublished data", WAIT_MS));
	shown = client_requests_shown();
	ck_assert(client_menu_run(STATION, "ublished data"));
	ck_assert_msg(client_spin(shown_since, &shown, WAIT_MS), "no dialog of the station's PEP");
	t = client_request_text();
	ck_has(t, "Publish-subscribe: " STATION);
	ck_has(t, "urn:nf:iot:sd:1.0");
	open_node("urn:nf:iot:sd:1.0");
	t = choose("Action", "Show items");
	ck_has(t, "°C");
	close_all_dialogs();
}
END_TEST

static gboolean
nothing_open(gpointer unused)
{
	return !client_request_is_open();
}

/* Dialogs open and a request under way when the account signs off, and
 * again when the plugin unloads: all end, none comes back later. */
START_TEST(test_finch_dialogs_end_at_sign_off_and_unload)
{
	guint shown, told, tables;

	close_all_dialogs();
	open_service(PUBSUB);
	open_node("home/station/nf");
	choose("Action", "Manage the node (owner)…");
	ck_assert(client_request_set("Action", "Affiliations…"));
	client_request_ok(); /* under way now */
	shown = client_requests_shown();
	told = client_notices_shown();
	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(client_offline, NULL, 5000));
	ck_assert_msg(client_spin(nothing_open, NULL, 5000), "left open:\n%s", client_request_text());
	client_sleep(1000);
	ck_assert_uint_eq(client_requests_shown(), shown);
	ck_assert_uint_eq(client_notices_shown(), told);
	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(client_online, NULL, 10000));

	/* A form under way, the live table, my subscriptions: then unload. */
	open_service(ALICE);
	choose("Then", "My subscriptions at this service");
	wait_text("My subscriptions\n");
	client_request_cancel();
	wait_text("Then = ");
	client_request_set("Then", "Create a node…");
	client_request_ok(); /* the default configuration is being fetched */
	tables = client_tables_shown();
	shown = client_requests_shown();
	told = client_notices_shown();
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_msg(client_spin(nothing_open, NULL, 5000), "left open:\n%s", client_request_text());
	client_sleep(1000);
	ck_assert_uint_eq(client_requests_shown(), shown);
	ck_assert_uint_eq(client_notices_shown(), told);
	ck_assert_uint_eq(client_tables_shown(), tables);
	ck_assert(purple_plugin_load(client_plugin()));
}
END_TEST

void iot_pubsub_finch_tests(TCase *tc);

void
iot_pubsub_finch_tests(TCase *tc)
{
	tcase_add_test(tc, test_finch_owner_actions_on_our_pep);
	tcase_add_test(tc, test_finch_options_and_my_subscriptions);
	tcase_add_test(tc, test_finch_live_items_then_closed);
	tcase_add_test(tc, test_finch_opens_a_contacts_pep);
	tcase_add_test(tc, test_finch_dialogs_end_at_sign_off_and_unload);
}
