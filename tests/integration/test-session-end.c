/* test-session-end.c — a session that ends while a lookup waits: the plugin
 * is enabled while the account is online (no presence known yet), /read
 * asks the server for the thing's presence, then asks the thing for
 * disco#info, which the silent thing holds; the account signs off, or the
 * plugin is unloaded, before the answer. The readout ends once, in words,
 * and nothing touches the lookup after it ended (the ASan and valgrind runs
 * of this suite see a read after free otherwise). */
#include "client-check.h"

#include <stdlib.h>

#define SILENT "silent@" DOMAIN
#define DISCO_REPLY "disco: "
#define TIMEOUT_PREF "/plugins/core/xmpp-iot/timeout"

/* Asks the silent thing @command (its disco commands); returns how many
 * disco#info requests it received so far. */
static int
silent_discos(const char *command)
{
	char *reply = client_chat(SILENT, command, 5000);
	int n;

	ck_assert_msg(reply != NULL && g_str_has_prefix(reply, DISCO_REPLY), "%s answered “%s”", SILENT,
	              reply ? reply : "(nothing)");
	n = atoi(reply + strlen(DISCO_REPLY));
	g_free(reply);
	return n;
}

static void
session_end_setup(void)
{
	silent_discos("hold disco");
	/* The lookup's disco#info must still be pending when the session ends,
	 * however slow this run is. */
	purple_prefs_set_int(TIMEOUT_PREF, 60);
}

static void
session_end_teardown(void)
{
	purple_prefs_set_int(TIMEOUT_PREF, 3);
	if (!purple_plugin_is_loaded(client_plugin()))
		purple_plugin_load(client_plugin());
	if (!client_signed_on()) {
		purple_account_set_enabled(client_account(), "iot-tests", TRUE);
		client_spin(client_online, NULL, 10000);
	}
	silent_discos("answer disco");
}

static guint
count_of(const char *text, const char *needle)
{
	guint n = 0;
	const char *p;

	for (p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Enables the plugin again while online, so that its new session has seen
 * no presence, types /read to the silent thing, and waits until the lookup
 * asked it for disco#info. Returns where this command's output starts. */
static guint
read_waiting_for_disco(void)
{
	PurpleConversation *conv;
	guint mark;
	int before = silent_discos("count disco"), i;
	char *t;

	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(purple_plugin_load(client_plugin()));
	/* A chat with a thing is with its bare JID until it answers from a
	 * resource: start anew, or /read would ask that resource directly. */
	conv = purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, SILENT, client_account());
	if (conv != NULL)
		purple_conversation_destroy(conv);
	mark = client_output_count(SILENT);
	client_command(SILENT, "read", 1, 5000);
	conv = purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, SILENT, client_account());
	ck_assert_str_eq(purple_conversation_get_name(conv), SILENT);
	for (i = 0; i < 100 && silent_discos("count disco") == before; i++)
		client_sleep(50);
	ck_assert_msg(i < 100, "no disco#info reached %s", SILENT);
	client_sleep(300); /* the lookup looks for the presence every 100 ms */
	t = client_text(client_output_since(SILENT, mark));
	ck_has(t, "Reading " SILENT "…");
	ck_assert_msg(count_of(t, SILENT) == 1, "the readout ended already:\n%s", t);
	g_free(t);
	return mark;
}

START_TEST(test_sign_off_while_a_lookup_waits_for_disco)
{
	guint mark = read_waiting_for_disco();
	char *t;

	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(client_offline, NULL, 5000));
	t = client_text(client_output_since(SILENT, mark));
	ck_has(t, "Reading " SILENT " stopped: your account went offline");
	ck_assert_uint_eq(count_of(t, "stopped"), 1);
	g_free(t);
	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(client_online, NULL, 10000));
}
END_TEST

START_TEST(test_unload_while_a_lookup_waits_for_disco)
{
	guint mark = read_waiting_for_disco();
	char *t;

	ck_assert(purple_plugin_unload(client_plugin()));
	t = client_text(client_output_since(SILENT, mark));
	ck_has(t, "Reading " SILENT " was cancelled");
	ck_assert_uint_eq(count_of(t, "cancelled"), 1);
	g_free(t);
	ck_assert(purple_plugin_load(client_plugin()));
}
END_TEST

TCase *iot_session_end_tcase(void);

TCase *
iot_session_end_tcase(void)
{
	TCase *tc = tcase_create("session end");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, session_end_setup, session_end_teardown);
	tcase_add_test(tc, test_sign_off_while_a_lookup_waits_for_disco);
	tcase_add_test(tc, test_unload_while_a_lookup_waits_for_disco);
	return tc;
}
