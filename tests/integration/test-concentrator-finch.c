/* test-concentrator-finch.c — "Browse devices…" as Finch shows it: the hub's
 * data sources, nodes, a node's details and children through libpurple's
 * request dialogs; Read opens the node's readout table, Control… its control
 * dialog, Back and Close go up; unload with a dialog open closes it. */
#include "client-check.h"
#include "client-request.h"

#define HUB "hub@" DOMAIN
#define WAIT_MS 20000

static gboolean
shown_since(gpointer d)
{
	return client_requests_shown() > *(guint *)d && client_request_is_open();
}

/* Presses OK (after choosing @choice in field @field, when not NULL) and
 * returns the next dialog's text. */
static const char *
choose(const char *field, const char *choice)
{
	guint shown = client_requests_shown();

	if (field != NULL)
		ck_assert_msg(client_request_set(field, choice), "no “%s” to choose in:\n%s", choice,
		              client_request_text());
	client_request_ok();
	ck_assert_msg(client_spin(shown_since, &shown, WAIT_MS), "no dialog after “%s”", choice ? choice : "OK");
	return client_request_text();
}

static gboolean
table_has_brightness(gpointer d)
{
	const char *t = client_last_table();

	(void)d;
	return t != NULL && strstr(t, "Brightness") != NULL;
}

static const char *
open_browse(void)
{
	guint shown;

	client_request_setup();
	shown = client_requests_shown();
	ck_assert_msg(client_wait_menu_item(HUB, "Browse devices", 10000), "no Browse devices… for the hub");
	ck_assert(client_menu_run(HUB, "Browse devices"));
	ck_assert_msg(client_spin(shown_since, &shown, WAIT_MS), "no browse dialog");
	return client_request_text();
}

START_TEST(test_browse_devices_drills_down_reads_and_goes_back)
{
	const char *t = open_browse();

	ck_has(t, "Devices of " HUB);
	ck_has(t, "Data sources");
	ck_has(t, "data source Rooms");
	t = choose("Open", "data source Rooms");
	ck_has(t, "Data source Rooms");
	ck_has(t, "living-room — Living room [Room]");
	ck_lacks(t, "living-room-lamp");
	t = choose("Open", "living-room — Living room [Room]");
	ck_has(t, "Node living-room — Living room [Room]");
	ck_has(t, "Type: Room");
	ck_has(t, "Parent: none");
	t = choose("Action", "Children");
	ck_has(t, "Nodes under living-room");
	t = choose("Open", "living-room-lamp — Living room lamp [Lamp]");
	ck_has(t, "Type: Lamp");
	ck_has(t, "Parent: living-room");
	ck_has(t, "Power (W) = 7");
	t = choose("Action", "Read");
	ck_has(t, "Node living-room-lamp");
	ck_assert_msg(client_spin(table_has_brightness, NULL, WAIT_MS), "no readout table of the lamp: %s",
	              client_last_table() ? client_last_table() : "(none)");
	t = choose("Action", "Back to the list");
	ck_has(t, "Nodes under living-room");
	/* Back up to the data source, then close. */
	{
		guint shown = client_requests_shown();
		client_request_cancel();
		ck_assert(client_spin(shown_since, &shown, WAIT_MS));
	}
	ck_has(client_request_text(), "Data source Rooms");
	{
		guint shown = client_requests_shown();
		client_request_cancel();
		ck_assert(client_spin(shown_since, &shown, WAIT_MS));
	}
	ck_has(client_request_text(), "Data sources");
	/* Close at the top ends the browse. */
	client_request_cancel();
	client_sleep(300);
	ck_assert_uint_eq(client_requests_open(), 0);
}
END_TEST

START_TEST(test_browse_devices_control_opens_the_node_form)
{
	const char *t = open_browse();
	guint shown;

	t = choose("Open", "data source Rooms");
	t = choose("Open", "living-room — Living room [Room]");
	t = choose("Action", "Children");
	t = choose("Open", "living-room-dimmer — Living room dimmer [Dimmer]");
	ck_has(t, "control");
	shown = client_requests_shown();
	client_request_set("Action", "Control…");
	client_request_ok();
	/* The node's dialog again at once, then the control form over it. */
	ck_assert(client_spin(shown_since, &shown, WAIT_MS));
	shown = client_requests_shown();
	ck_assert_msg(client_spin(shown_since, &shown, WAIT_MS), "no control form");
	ck_has(client_request_text(), "Level");
	ck_assert_uint_eq(client_requests_open(), 2);
	/* Unload closes both; nothing runs after. */
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert_uint_eq(client_requests_open(), 0);
	client_sleep(300);
	ck_assert(purple_plugin_load(client_plugin()));
}
END_TEST

TCase *
iot_concentrator_finch_tcase(void)
{
	TCase *tc = tcase_create("concentrator finch");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_browse_devices_drills_down_reads_and_goes_back);
	tcase_add_test(tc, test_browse_devices_control_opens_the_node_form);
	return tc;
}
