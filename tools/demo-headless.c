/*
 * demo-headless.c — `make demo` without a display: the same simulated home,
 * the same plugin (its libpurple-only flavour), and the chat commands a
 * person would type — reading sensors, then controlling a lamp, the
 * thermostat and nodes behind the hub (a radiator valve's setpoint, read
 * back: a status value, shown by plain /read) — printed with what the
 * conversation would show.
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

int
main(void)
{
	guint i;

	client_start();
	printf("Signed in as alice@%s; the simulated home is online.\n", DOMAIN);
	for (i = 0; i < G_N_ELEMENTS(script); i++) {
		const char *html = client_command(script[i].who, script[i].command, 2, 20000);
		char *text = client_text(html), **parts, **p;

		printf("\n=== Chat with %s (%s) ===\n> /%s\n", script[i].name, script[i].who, script[i].command);
		parts = g_strsplit(text, "\n---\n", -1);
		for (p = parts; *p != NULL; p++)
			printf("%s\n", *p);
		g_strfreev(parts);
		g_free(text);
	}
	fflush(stdout);
	client_stop();
	return 0;
}
