/*
 * demo-headless.c — `make demo` without a display: the same simulated home,
 * the same plugin (its libpurple-only flavour), and the chat commands a
 * person would type — reading sensors, then controlling a lamp, the
 * thermostat and nodes behind the hub (a radiator valve's setpoint, read
 * back: a status value, shown by plain /read) — printed with what the
 * conversation would show. Then what the home publishes on pubsub.home.example
 * (the weather station every 2 s, the lab's Sensor-Over-XMPP box) and the
 * station's PEP, through the plugin's publish-subscribe chat commands in a chat
 * with the service, once the plugin has them. Then alerts: the door's and the
 * meter's headlines filling the inbox, a rule on the meter's Power (which
 * swings across 420 W while it is watched) firing and clearing, a snooze, and
 * the pinned values' buddy-list line. Last, owning things: a claim by the
 * iotdisco: link of an unclaimed thing, /things, /search, and a stranger's
 * owner question answered with /questions. Every wait ends on what it waits
 * for (bounded); every listing is cut at MAX_LINES lines.
 */
#include "client.h"

#include <gmodule.h>
#include <stdio.h>
#include <string.h>

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
	{ "subscribe home/station/nf", 2 },
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

#define DOOR "door@" DOMAIN
#define METER "meter@" DOMAIN
#define REGISTRY "registry." DOMAIN
#define STRANGER "stranger@" DOMAIN
#define WAIT_MS 20000
/* Output bound: a listing longer than this many lines is cut, and says so. */
#define MAX_LINES 40

/* Prints @text (plain) below the command, at most MAX_LINES lines. */
static void
print_bounded(const char *text)
{
	char *copy = g_strchomp(g_strdup(text)), **lines = g_strsplit(copy, "\n", -1);
	guint i, n = g_strv_length(lines), shown = 0;

	/* One message after the other, as the conversation shows them. */
	for (i = 0; i < n && shown < MAX_LINES; i++)
		if (strcmp(lines[i], "---") != 0) {
			printf("%s\n", lines[i]);
			shown++;
		}
	if (i < n)
		printf("… (%u more lines)\n", n - i);
	g_strfreev(lines);
	g_free(copy);
}

/* Types /@command in the chat with @who until what the plugin answers holds
 * @needle (or @ms pass; NULL: once); prints the last answer. Returns
 * (transfer full) its text. */
static char *
show_until(const char *who, const char *name, const char *command, guint writes, const char *needle, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
	char *t = NULL;

	for (;;) {
		g_free(t);
		t = client_text(client_command(who, command, writes, WAIT_MS));
		if (needle == NULL || strstr(t, needle) != NULL || g_get_monotonic_time() > end)
			break;
		client_sleep(250);
	}
	printf("\n=== Chat with %s (%s) ===\n> /%s\n", name, who, command);
	print_bounded(t);
	return t;
}

/* Types /@command in the chat with @who, waits for @writes messages of the
 * plugin and prints them. */
static void
show(const char *who, const char *name, const char *command, guint writes)
{
	g_free(show_until(who, name, command, writes, NULL, 0));
}

/* Makes the simulated publisher @who publish until it has published twice
 * since it started (it answers "published: <n>"); at most three times. */
static void
published_twice(const char *who)
{
	guint tries;

	for (tries = 0; tries < 3; tries++) {
		char *reply = client_chat(who, "publish", WAIT_MS);
		const char *n = reply != NULL ? strstr(reply, "published: ") : NULL;
		gboolean enough = n != NULL && g_ascii_strtoull(n + strlen("published: "), NULL, 10) >= 2;

		g_free(reply);
		if (enough)
			break;
	}
}

/* Sends @body as a chat message to the simulated @who and prints the
 * exchange; @silence is printed when no answer came within @ms. */
static void
chat(const char *who, const char *name, const char *body, guint ms, const char *silence)
{
	char *reply = client_chat(who, body, ms);

	printf("\n--- Message to %s (%s): %s\n", name, who, body);
	if (reply != NULL)
		printf("    %s answers: %s\n", name, reply);
	else
		printf("    %s\n", silence);
	g_free(reply);
}

/* The number of the first listed line holding @part ("3. …"), or 0. */
static guint
number_of(const char *listing, const char *part)
{
	char **lines = g_strsplit(listing, "\n", -1);
	guint i, n = 0;

	for (i = 0; lines[i] != NULL && n == 0; i++)
		if (strstr(lines[i], part) != NULL)
			n = (guint)g_ascii_strtoull(g_strchug(lines[i]), NULL, 10);
	g_strfreev(lines);
	return n;
}

/* ---- alerts ------------------------------------------------------------------------------ */

static void
alerts_demo(void)
{
	void (*set_pinned)(PurpleAccount *, const char *, const char *const *) = NULL;
	char *(*pinned_line)(PurpleAccount *, const char *) = NULL;
	const char *const pinned[] = { "Energy", "Voltage", NULL };
	char *t, *cmd, *line;
	guint n;

	printf("\n\n##### Alerts #####\n"
	       "Things send headline alerts; they land in the alerts inbox (Tools → XMPP IoT → Alerts… in\n"
	       "Pidgin, /alerts in any chat). The simulated things send theirs when asked in chat. The\n"
	       "warnings the fridge and the meter reported during the reads above are there already.\n");
	chat(DOOR, "Front door", "headline door", WAIT_MS, "(no answer)");
	t = show_until(DOOR, "Front door", "alerts", 1, "The door opened", 10000);
	g_free(t);
	chat(DOOR, "Front door", "headline smoke", WAIT_MS, "(no answer)");
	chat(METER, "Power meter", "headline spike", WAIT_MS, "(no answer)");
	t = show_until(DOOR, "Front door", "alerts", 1, "Power spike", 10000);
	g_free(t);

	printf("\nA rule of your own: the meter's Power swings between 398 W and 433 W while someone\n"
	       "watches it, so a rule at 420 W fires and then clears.\n");
	show(METER, "Power meter", "alert add Power > 420", 1);
	t = show_until(METER, "Power meter", "alerts", 1, "Power is", WAIT_MS);
	g_free(t);
	t = show_until(METER, "Power meter", "alerts", 1, "cleared", WAIT_MS);
	g_free(t);
	show(METER, "Power meter", "alert del 1", 1);

	printf("\nSnoozing an alert: it stays in the inbox, quiet for an hour.\n");
	t = client_text(client_command(DOOR, "alerts", 1, WAIT_MS));
	n = number_of(t, "Smoke detector test");
	g_free(t);
	cmd = g_strdup_printf("alert snooze %u 1h", n != 0 ? n : 1);
	show(DOOR, "Front door", cmd, 1);
	g_free(cmd);
	t = show_until(DOOR, "Front door", "alerts", 1, "Snoozed", 10000);
	g_free(t);

	if (g_module_symbol(client_plugin()->handle, "iot_purple_alert_set_pinned", (gpointer *)&set_pinned) &&
	    g_module_symbol(client_plugin()->handle, "iot_purple_alert_pinned_line", (gpointer *)&pinned_line)) {
		printf("\nPinned values: Energy and Voltage of the Power meter pinned (in Pidgin: its buddy\n"
		       "menu → Alert rules… → Pinned values…); the buddy list shows their latest values under\n"
		       "its name.\n");
		set_pinned(client_account(), METER, pinned);
		t = show_until(METER, "Power meter", "read", 2, "Voltage", WAIT_MS);
		g_free(t);
		line = pinned_line(client_account(), METER);
		printf("\nBuddy list:\n  Power meter\n    %s\n", line != NULL ? line : "(nothing yet)");
		g_free(line);
	}
}

/* ---- owning things ------------------------------------------------------------------------ */

/* The iotdisco: link manifest.tsv records for QR picture @file (transfer full, nullable). */
static char *
manifest_link(const char *file)
{
	const char *dir = g_getenv("IOT_QR_DIR");
	char *path, *data = NULL, *out = NULL, **lines, **l;

	if (dir == NULL)
		return NULL;
	path = g_build_filename(dir, "manifest.tsv", NULL);
	if (g_file_get_contents(path, &data, NULL, NULL)) {
		lines = g_strsplit(data, "\n", -1);
		for (l = lines; *l != NULL && out == NULL; l++) {
			char **cols = g_strsplit(*l, "\t", 3);
			if (cols[0] != NULL && cols[1] != NULL && strcmp(cols[0], file) == 0)
				out = g_strdup(cols[1]);
			g_strfreev(cols);
		}
		g_strfreev(lines);
	}
	g_free(data);
	g_free(path);
	return out;
}

static gboolean
buddy_online(gpointer jid)
{
	PurpleBuddy *b = purple_find_buddy(client_account(), jid);

	return b != NULL && PURPLE_BUDDY_IS_ONLINE(b);
}

static void
owning_demo(void)
{
	char *link = manifest_link("claimme1.png"), *t, *cmd;
	guint n;

	printf("\n\n##### Owning things #####\n"
	       "A new thing carries an iotdisco: link (printed, or as a QR code). Claiming it at the home's\n"
	       "thing registry (%s) makes it yours and adds it to the buddy list.\n", REGISTRY);
	if (link != NULL) {
		cmd = g_strdup_printf("claim %s", link);
		t = client_text(client_command(REGISTRY, cmd, 2, WAIT_MS));
		printf("\n=== Chat with Thing registry (%s) ===\n> /%s\n", REGISTRY, cmd);
		print_bounded(t);
		g_free(t);
		g_free(cmd);
		if (client_spin(buddy_online, "claimme1@" DOMAIN, WAIT_MS)) {
			show("claimme1@" DOMAIN, "Claimable thermometer", "read", 2);
		}
		g_free(link);
	}
	show(REGISTRY, "Thing registry", "things", 1);
	show(REGISTRY, "Thing registry", "search MAN=example.org ROOM=Kitchen CLASS=Thermometer", 1);

	printf("\nOwner questions: a stranger (not your contact) asks to read your Guarded sensor; the\n"
	       "provisioning service asks you, and the question waits in the alerts inbox. (The\n"
	       "simulated stranger reads a thing when told so in chat.)\n");
	chat(STRANGER, "Stranger", "read guarded", 3000,
	     "(no answer yet: the Guarded sensor waits for its owner's word)");
	t = show_until("guarded@" DOMAIN, "Guarded sensor", "questions", 1, "May " STRANGER, WAIT_MS);
	n = number_of(t, "May " STRANGER " read guarded@");
	g_free(t);
	cmd = g_strdup_printf("questions %u yes", n != 0 ? n : 1);
	show("guarded@" DOMAIN, "Guarded sensor", cmd, 1);
	g_free(cmd);
	chat(STRANGER, "Stranger", "read guarded", WAIT_MS, "(no answer)");
}

int
main(void)
{
	guint i;

	/* Line by line also into a pipe or a file: a person watches it arrive. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	client_start();
	printf("Signed in as alice@%s; the simulated home is online.\n"
	       "\n##### Reading and controlling things #####\n"
	       "Each thing is a buddy; the commands are typed in a chat with it (/help read, /help control).\n",
	       DOMAIN);
	for (i = 0; i < G_N_ELEMENTS(script); i++)
		show(script[i].who, script[i].name, script[i].command, 2);
	if (command_registered("items")) {
		/* tools/demo.sh runs the publishers without their 2-s timer: each
		 * publishes its first two readings now, the same every run. */
		published_twice("station@" DOMAIN);
		published_twice("soxbox@" DOMAIN);
		printf("\n\n##### Publish-subscribe #####\nThe home publishes too: the weather station on pubsub.%s and its PEP (every 2 s;\n"
		       "here twice, when asked), the lab's sensor box in Sensor-Over-XMPP.\n", DOMAIN);
		for (i = 0; i < G_N_ELEMENTS(pubsub_script); i++)
			show("pubsub." DOMAIN, "Publish-subscribe service", pubsub_script[i].command,
			     pubsub_script[i].writes);
	}
	alerts_demo();
	owning_demo();
	printf("\nThat was the headless demo; the server and the home are removed now. With a display\n"
	       "(DISPLAY set), make demo opens Pidgin on the same home instead.\n");
	fflush(stdout);
	client_stop();
	return 0;
}
