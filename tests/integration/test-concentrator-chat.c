/* test-concentrator-chat.c — /nodes and /node in a chat with a concentrator:
 * the hub (IEEE/NF answers), the gateway (XSF result codes, a child data
 * source), the plant (a level too long to show), a node id that lives in two
 * data sources, a hostile display name, commands with parameters and a query,
 * an offline concentrator. */
#include "client-check.h"

#define HUB "hub@" DOMAIN
#define GATEWAY "gateway@" DOMAIN
#define PLANT "plant@" DOMAIN

START_TEST(test_nodes_outline_of_the_hub)
{
	char *t = client_run(HUB, "nodes");

	g_printerr("%s\n", t);
	ck_has(t, "Asking " HUB "…");
	ck_has(t, "Data sources and nodes of " HUB);
	g_free(t);
	t = client_run(GATEWAY, "nodes");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(PLANT, "nodes");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(HUB, "node living-room-lamp");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(GATEWAY, "node apt-1-1");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(GATEWAY, "nodes floor-1");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(HUB, "node living-room-lamp run dim Level=40");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(HUB, "node living-room-lamp run log");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(GATEWAY, "node apt-1-1 run searchEvents");
	g_printerr("%s\n", t);
	g_free(t);
	t = client_run(GATEWAY, "node apt-1-1 run scheduleWakeupCall");
	g_printerr("%s\n", t);
	g_free(t);
}
END_TEST

TCase *
iot_concentrator_chat_tcase(void)
{
	TCase *tc = tcase_create("concentrator chat");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_nodes_outline_of_the_hub);
	return tc;
}
