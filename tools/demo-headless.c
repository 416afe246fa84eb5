/*
 * demo-headless.c — `make demo` without a display: the same simulated home,
 * the same plugin (its libpurple-only flavour), and the chat commands a
 * person would type — reading sensors, then controlling a lamp, the
 * thermostat and nodes behind the hub (a radiator valve's setpoint, read
 * back: a status value, shown by plain /read) — printed with what the
 * conversation would show. Then what the home publishes on pubsub.home.example
 * (the weather station every 2 s, the lab's Sensor-Over-XMPP box) and the
 * station's PEP, through the plugin's publish-subscribe chat commands in a chat
 * with the service, once the plugin has them.
 */
#include "client.h"

#include <stdio.h>

static const struct {
	const char *who, *name, *command;
} script[] = {
	{ "thermostat@" DOMAIN, "Thermostat", "read" },
	{ "thermostat@" DOMAIN, "Thermostat", "read temperature humidity" },
	{ "thermostat@" DOMAIN, "Thermostat", "read all" },
	{ "meter@" DOMAIN, "Power meter", "read" },
	{ "hub@" DOMAIN, "Home hub", "read node kitchen" },
	{ "door@" DOMAIN, "Front door", "read all" },
	{ "lamp@" DOMAIN, "Desk lamp", "read" },
	{ "lamp@" DOMAIN, "Desk lamp", "control" },
	{ "lamp@" DOMAIN, "Desk lamp", "control brightness=70 color=#ff8800" },
	{ "lamp@" DOMAIN, "Desk lamp", "control brightness=150" },
	{ "lamp@" DOMAIN, "Desk lamp", "read brightness color" },
	{ "thermostat@" DOMAIN, "Thermostat", "control setpoint=\"21.5 °C\" heater=on" },
	{ "hub@" DOMAIN, "Home hub", "control node living-room-dimmer" },
	{ "hub@" DOMAIN, "Home hub", "control node bedroom-radiator Setpoint=21" },
	{ "hub@" DOMAIN, "Home hub", "read node bedroom-radiator" },
	{ "hub@" DOMAIN, "Home hub", "nodes" },
	{ "hub@" DOMAIN, "Home hub", "node living-room-lamp" },
	{ "hub@" DOMAIN, "Home hub", "node living-room-lamp run log" },
};

/* In a chat with the pubsub service, which the commands may then leave out. */
static const struct {
	const char *command;
	guint writes;
} pubsub_script[] = {
	{ "subscribe home/station/nf", 1 },
	{ "subscriptions", 1 },
	{ "items home/station/xsf 2", 1 },
	{ "items home/station/nf 2", 1 },
	{ "items lab-42_meta", 1 },
	{ "items lab-42_data 2", 1 },
	{ "unsubscribe home/station/nf", 1 },
};

static gboolean
command_registered(const char *name)
{
	GList *all = purple_cmd_list(NULL), *l;
	gboolean found = FALSE;

	for (l = all; l != NULL && !found; l = l->next)
		found = g_strcmp0(l->data, name) == 0;
	g_list_free(all);
	return found;
}

static void
show(const char *who, const char *name, const char *command, guint writes)
{
	const char *html = client_command(who, command, writes, 20000);
	char *text = client_text(html), **parts, **p;

	printf("\n=== Chat with %s (%s) ===\n> /%s\n", name, who, command);
	parts = g_strsplit(text, "\n---\n", -1);
	for (p = parts; *p != NULL; p++)
		printf("%s\n", *p);
	g_strfreev(parts);
	g_free(text);
}

int
main(void)
{
	guint i;

	client_start();
	printf("Signed in as alice@%s; the simulated home is online.\n", DOMAIN);
	for (i = 0; i < G_N_ELEMENTS(script); i++)
		show(script[i].who, script[i].name, script[i].command, 2);
	if (command_registered("items")) {
		printf("\nThe home publishes too: the weather station every 2 s on pubsub.%s and its PEP, "
		       "the lab's sensor box in Sensor-Over-XMPP.\n", DOMAIN);
		for (i = 0; i < G_N_ELEMENTS(pubsub_script); i++)
			show("pubsub." DOMAIN, "Publish-subscribe service", pubsub_script[i].command,
			     pubsub_script[i].writes);
	}
	fflush(stdout);
	client_stop();
	return 0;
}
