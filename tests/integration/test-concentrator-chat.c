/* test-concentrator-chat.c — /nodes and /node in a chat with a concentrator:
 * the hub (IEEE requests, NF answers), the gateway (XSF result codes, a child
 * data source, a node id in two data sources, a hostile display name), the
 * plant (levels too long to show), commands with parameters and queries, an
 * offline thing, unload while an answer is awaited. After a test that may
 * have changed the hub, it is put back to data/home.json's values. */
#include "client-check.h"

#define HUB "hub@" DOMAIN
#define GATEWAY "gateway@" DOMAIN
#define PLANT "plant@" DOMAIN

static gboolean hub_changed;

static void
chat_teardown(void)
{
	if (hub_changed)
		client_reset_thing(HUB);
	hub_changed = FALSE;
}

static guint
count_lines(const char *t)
{
	guint n = 1;

	for (; *t != '\0'; t++)
		n += *t == '\n';
	return n;
}

START_TEST(test_nodes_outlines_the_hub)
{
	char *t = client_run(HUB, "nodes");

	ck_has(t, "Asking " HUB "…");
	ck_has(t, "Data sources and nodes of " HUB);
	ck_has(t, "\ndata source Rooms\n");
	ck_has(t, "\n  living-room — Living room [Room]\n");
	ck_has(t, "\n    living-room-lamp — Living room lamp [Lamp]\n");
	ck_has(t, "\n    kitchen-fridge — Fridge [Fridge, WarningUnsigned]\n");
	ck_has(t, "\n  front-door — Front door contact [DoorContact]");
	ck_lacks(t, "more");
	g_free(t);
}
END_TEST

START_TEST(test_nodes_outlines_the_xsf_gateway_with_its_child_source)
{
	char *t = client_run(GATEWAY, "nodes");

	ck_has(t, "\ndata source Building\n");
	ck_has(t, "\n  floor-1 — Floor 1 [Floor]\n    apt-1-1 — Apartment 1-1 [Apartment]\n");
	ck_has(t, "\n  data source Meters\n");
	ck_has(t, "\n    meter-2 — Heat meter 2 [Meter, ErrorUnsigned]\n");
	ck_has(t, "\n    floor-1 — Meters of floor 1 [Meter]\n");
	g_free(t);
}
END_TEST

START_TEST(test_nodes_cuts_long_lists)
{
	char *t = client_run(PLANT, "nodes");

	ck_has(t, "\ndata source Plant\n");
	ck_has(t, "\n  area-00 — Area 0 [Area]\n");
	/* 1000 probes under a sensor, 100 sensors under an area: 15 shown each. */
	ck_has(t, "      a00-n00-s0014 — Probe 14 [Sensor]\n      … and 985 more entries\n");
	ck_has(t, "    a00-n14 — Sensor 0.14 [Sensor]\n    … and 85 more entries\n");
	ck_lacks(t, "a00-n00-s0015");
	ck_has(t, "more lines not shown.");
	ck_assert_uint_le(count_lines(t), 160);
	g_free(t);
}
END_TEST

START_TEST(test_nodes_of_a_node_shows_its_children)
{
	char *t = client_run(HUB, "nodes living-room");

	ck_has(t, "Nodes under living-room at " HUB);
	ck_has(t, "living-room — Living room [Room]\n  living-room-lamp — Living room lamp [Lamp]\n");
	ck_lacks(t, "kitchen");
	g_free(t);
	t = client_run(GATEWAY, "nodes floor-2 source Building");
	ck_has(t, "floor-2 — Floor 2 [Floor]\n  apt-2-1 — Apartment 2-1 [Apartment]");
	ck_lacks(t, "apt-1-1");
	g_free(t);
}
END_TEST

START_TEST(test_an_ambiguous_node_id_lists_its_sources)
{
	char *t = client_run(GATEWAY, "node floor-1");

	ck_has(t, "Node floor-1 is in several data sources of " GATEWAY ":");
	ck_has(t, "  source Building: floor-1 — Floor 1 [Floor]");
	ck_has(t, "  source Meters: floor-1 — Meters of floor 1 [Meter]");
	ck_has(t, "Name the data source: /node floor-1 source Building");
	ck_lacks(t, "Parameters:");
	g_free(t);
	client_run_has(GATEWAY, "nodes floor-1", "Name the data source: /nodes floor-1 source Building");
	t = client_run(GATEWAY, "node floor-1 source Meters");
	ck_has(t, "Data source: Meters");
	ck_has(t, "Name: Meters of floor 1");
	ck_has(t, "Type: Meter");
	g_free(t);
}
END_TEST

START_TEST(test_node_shows_type_state_parent_abilities_parameters_commands)
{
	char *t = client_run(HUB, "node living-room-lamp");

	ck_has(t, "Node living-room-lamp at " HUB);
	ck_has(t, "Data source: Rooms\n");
	ck_has(t, "Type: Lamp\n");
	ck_has(t, "State: None\n");
	ck_has(t, "Parent: living-room\n");
	ck_has(t, "Can: read, commands\n");
	ck_has(t, "  Power (W) = 7\n");
	ck_has(t, "  toggle — Switch on or off\n");
	ck_has(t, "  dim — Dim… (with parameters)\n");
	ck_has(t, "  log — Switch log (query)\n");
	g_free(t);
	t = client_run(GATEWAY, "node meter-2");
	ck_has(t, "Data source: Meters\n");
	ck_has(t, "State: ErrorUnsigned\n");
	ck_has(t, "  error: No answer on M-Bus.");
	ck_has(t, "  searchEvents — ");
	g_free(t);
	client_run_has(HUB, "node nosuch", HUB " has no node nosuch in any of its data sources.");
}
END_TEST

START_TEST(test_a_hostile_display_name_is_shown_literally)
{
	const char *name = "<b>Meter</b> & \"x\" :P http://x.example second line";
	guint mark = client_output_count(GATEWAY);
	char *t = client_run(GATEWAY, "nodes"), *want = g_strdup_printf("\n    meter-x — %s [Meter]", name);

	ck_has(t, want);
	g_free(t);
	/* Escaped on the way in, so the conversation shows it as text. */
	ck_has(client_output_since(GATEWAY, mark), "&lt;b&gt;Meter&lt;/b&gt; &amp;");
	t = client_run(GATEWAY, "node meter-x");
	ck_has(t, "Name: <b>Meter</b>");
	g_free(t);
	g_free(want);
}
END_TEST

START_TEST(test_node_run_with_parameters_typed_and_checked)
{
	char *t;

	hub_changed = TRUE;
	t = client_run(HUB, "node living-room-dimmer run dim Level=40");
	ck_has(t, "on living-room-dimmer: ");
	ck_lacks(t, "refused");
	g_free(t);
	/* Checked as /control checks forms: nothing sent. */
	t = client_text(client_command(HUB, "node living-room-dimmer run dim Level=lots", 2, CLIENT_WAIT_MS));
	ck_has(t, "Level");
	g_free(t);
	t = client_text(client_command(HUB, "node living-room-dimmer run dim Speed=3", 2, CLIENT_WAIT_MS));
	ck_has(t, "This command has no parameter Speed. Its parameters: ");
	g_free(t);
	client_run_has(HUB, "node living-room-lamp run ping Level=1", "takes no parameters.");
	client_run_has(HUB, "node living-room-lamp run fly", "Node living-room-lamp has no command fly.");
	client_run_has(GATEWAY, "node apt-1-1 run scheduleWakeupCall", "Wakeup call scheduled.");
}
END_TEST

START_TEST(test_node_run_a_query_shows_its_table)
{
	char *t = client_run(GATEWAY, "node apt-1-1 run searchEvents");

	ck_has(t, "Events of Apartment 1-1");
	ck_has(t, "Timestamp             Door open  Power (W)\n");
	ck_has(t, "  true       7.2\n");
	g_free(t);
	t = client_run(HUB, "node living-room-lamp run log");
	ck_has(t, "When                  On     Power (W)\n");
	g_free(t);
}
END_TEST

START_TEST(test_nodes_of_an_offline_thing)
{
	client_run_has("offline@" DOMAIN, "nodes", "offline@" DOMAIN " is offline");
	client_run_has("offline@" DOMAIN, "node x", "offline@" DOMAIN " is offline");
}
END_TEST

START_TEST(test_help_nodes_and_node_and_bad_arguments)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), HUB);
	GList *help = purple_cmd_help(conv, "nodes");
	char *t;

	ck_assert_ptr_nonnull(help);
	ck_has((const char *)help->data, "/nodes floor-1 source Building");
	g_list_free(help);
	help = purple_cmd_help(conv, "node");
	ck_assert_ptr_nonnull(help);
	ck_has((const char *)help->data, "/node lamp-1 run dim Level=40");
	g_list_free(help);
	t = client_text(client_command(HUB, "node", 1, 2000));
	ck_has(t, "Name a node: /node <node id>");
	g_free(t);
	t = client_text(client_command(HUB, "node lamp run dim Level", 1, 2000));
	ck_has(t, "is not name=value");
	g_free(t);
}
END_TEST

START_TEST(test_unload_while_nodes_waits_then_load_again)
{
	guint mark = client_output_count(GATEWAY);
	char *t;

	client_command(GATEWAY, "nodes", 0, 0);
	ck_assert(purple_plugin_unload(client_plugin()));
	t = client_text(client_output_since(GATEWAY, mark));
	ck_has(t, "Asking " GATEWAY "…");
	ck_lacks(t, "data source Building");
	g_free(t);
	/* The progress line and one outcome, nothing after it. */
	client_sleep(500);
	ck_assert_uint_le(client_output_count(GATEWAY) - mark, 2);
	ck_assert(purple_plugin_load(client_plugin()));
	client_run_has(GATEWAY, "nodes", "data source Building");
}
END_TEST

TCase *
iot_concentrator_chat_tcase(void)
{
	TCase *tc = tcase_create("concentrator chat");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, chat_teardown);
	tcase_add_test(tc, test_nodes_outlines_the_hub);
	tcase_add_test(tc, test_nodes_outlines_the_xsf_gateway_with_its_child_source);
	tcase_add_test(tc, test_nodes_cuts_long_lists);
	tcase_add_test(tc, test_nodes_of_a_node_shows_its_children);
	tcase_add_test(tc, test_an_ambiguous_node_id_lists_its_sources);
	tcase_add_test(tc, test_node_shows_type_state_parent_abilities_parameters_commands);
	tcase_add_test(tc, test_a_hostile_display_name_is_shown_literally);
	tcase_add_test(tc, test_node_run_with_parameters_typed_and_checked);
	tcase_add_test(tc, test_node_run_a_query_shows_its_table);
	tcase_add_test(tc, test_nodes_of_an_offline_thing);
	tcase_add_test(tc, test_help_nodes_and_node_and_bad_arguments);
	tcase_add_test(tc, test_unload_while_nodes_waits_then_load_again);
	return tc;
}
