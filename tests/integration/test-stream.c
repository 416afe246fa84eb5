/* test-stream.c — what the plugin's hook on the outgoing stream leaves alone.
 *
 * The hook turns stale re-sends of the plugin's own requests into harmless
 * pings (check-integration.c and test-control-node.c show that a request
 * never reaches a thing twice). Everything else goes out as written: here
 * Bob, as another person running this plugin would, asks Alice's client
 * with ids that start like the plugin's own, and libpurple's answers — a
 * result, an error — must reach him. */
#include "client-check.h"

#include <stdlib.h>

#define BOB "bob@" DOMAIN

/* Bob's reply to the chat message "iq @what" (data/home.json, iq_probe). */
static char *
bob_asks(const char *what)
{
	char *body = g_strdup_printf("iq %s", what);
	char *reply = client_chat(BOB, body, 10000);

	ck_assert_msg(reply != NULL, "Bob did not say what came back for “%s”", body);
	ck_assert_msg(g_str_has_prefix(reply, "iq: "), "Bob answered “%s” to “%s”", reply, body);
	g_free(body);
	return reply;
}

START_TEST(test_disco_info_with_an_iot_id_is_answered)
{
	char *reply = bob_asks("disco");

	/* libpurple answers disco#info itself, with its own and our features. */
	ck_assert_msg(g_str_has_prefix(reply, "iq: result "), "%s", reply);
	ck_assert_int_gt(atoi(reply + strlen("iq: result ")), 0);
	g_free(reply);
}
END_TEST

START_TEST(test_error_reply_to_an_iot_id_goes_out)
{
	char *reply = bob_asks("set");

	/* No one implements that namespace: libpurple says so, and the error must arrive. */
	ck_assert_str_eq(reply, "iq: error feature-not-implemented");
	g_free(reply);
}
END_TEST

TCase *
iot_stream_tcase(void)
{
	TCase *tc = tcase_create("stream");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_disco_info_with_an_iot_id_is_answered);
	tcase_add_test(tc, test_error_reply_to_an_iot_id_goes_out);
	return tc;
}
