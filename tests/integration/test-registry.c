/* test-registry.c — owning things end to end against the simulated home's
 * thing registry and provisioning service (tests/sim/things_registry*.py,
 * things_provisioning*.py): claims by link and by QR picture, then the
 * roster and a readout; /search paging past the registry's 100; /things;
 * disowning an offline thing; owner questions (test-registry-questions.c:
 * entries of the alerts inbox, answered for the whole domain, with a no,
 * on another client, merged); QR pictures that cannot be read. Suite
 * "registry". */
#include "client-check.h"
#include "client-request.h"

#include "../../plugin/purple/iot-purple-registry.h" /* the API the windows call */
#include "iot-error.h"

#include <glib/gstdio.h>
#include <gmodule.h>

#define REGISTRY "registry." DOMAIN
#define STRANGER "stranger@" DOMAIN
#define STRANGER2 "stranger2@" DOMAIN
#define WAIT_MS 20000

static gpointer
adapter(const char *name)
{
	gpointer fn = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &fn), "no %s in the plugin", name);
	return fn;
}

static char *
run(const char *command, guint writes)
{
	return client_text(client_command(REGISTRY, command, writes, WAIT_MS));
}

/* The text manifest.tsv records for QR picture @file (transfer full). */
static char *
manifest_text(const char *file)
{
	char *path = g_build_filename(g_getenv("IOT_QR_DIR"), "manifest.tsv", NULL), *data = NULL, *out = NULL;
	char **lines, **l;

	ck_assert_msg(g_file_get_contents(path, &data, NULL, NULL), "no %s", path);
	lines = g_strsplit(data, "\n", -1);
	for (l = lines; *l != NULL && out == NULL; l++) {
		char **cols = g_strsplit(*l, "\t", 3);
		if (cols[0] != NULL && cols[1] != NULL && strcmp(cols[0], file) == 0)
			out = g_strdup(cols[1]);
		g_strfreev(cols);
	}
	g_strfreev(lines);
	g_free(data);
	g_free(path);
	ck_assert_msg(out != NULL, "%s not in the manifest", file);
	return out;
}

static char *
qr_path(const char *file)
{
	return g_build_filename(g_getenv("IOT_QR_DIR"), file, NULL);
}

static gboolean
has_buddy(gpointer jid)
{
	return purple_find_buddy(client_account(), jid) != NULL;
}

/* The thing accepted our subscription and is seen online. */
static gboolean
buddy_online(gpointer jid)
{
	PurpleBuddy *b = purple_find_buddy(client_account(), jid);

	return b != NULL && PURPLE_BUDDY_IS_ONLINE(b);
}

START_TEST(test_help_of_every_command)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), REGISTRY);
	const char *cmds[] = { "claim", "things", "search", "disown", "questions" };
	const char *examples[] = { "/claim iotdisco:", "/things more", "/search more", "/disown kitchen@example.org",
		                   "/questions 1 yes domain" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cmds); i++) {
		GList *help = purple_cmd_help(conv, cmds[i]);
		ck_assert_msg(help != NULL, "no help for /%s", cmds[i]);
		ck_has((const char *)help->data, examples[i]);
		g_list_free(help); /* the strings are libpurple's */
	}
}
END_TEST

START_TEST(test_claim_by_link_then_roster_then_read)
{
	char *uri = manifest_text("claimme1.png");
	char *cmd = g_strdup_printf("claim %s", uri);
	char *t = run(cmd, 2);

	/* The preview masks KEY; the claim names the thing and adds it. */
	ck_has(t, "KEY = " IOT_REGISTRY_KEY_MASK);
	ck_lacks(t, "9f3c2a71d04e4be1a8c6");
	ck_has(t, "claimme1@" DOMAIN " is yours now");
	g_free(t);
	ck_assert(client_spin(has_buddy, "claimme1@" DOMAIN, WAIT_MS));
	ck_assert(client_spin(buddy_online, "claimme1@" DOMAIN, WAIT_MS));
	client_run_has("claimme1@" DOMAIN, "read", "19.75");
	/* Claimed once: a second claim with the same tags is refused in words. */
	t = run(cmd, 2);
	ck_has(t, "already claimed");
	g_free(t);
	g_free(cmd);
	g_free(uri);
}
END_TEST

typedef struct {
	gboolean done;
	GError *error;
	char *jid;
} Got;

static gboolean
got_done(gpointer d)
{
	return ((Got *)d)->done;
}

static void
claimed_cb(PurpleAccount *a, const IotRegistryThing *claimed, const GError *error, gpointer d)
{
	Got *g = d;

	g->done = TRUE;
	g->error = error ? g_error_copy(error) : NULL;
	g->jid = claimed ? g_strdup(claimed->jid) : NULL;
}

START_TEST(test_a_claimed_thing_has_disown_and_rules_in_its_menu)
{
	PurpleMenuAction *a;

	ck_assert(client_wait_menu_item("claimme1@" DOMAIN, "Disown", WAIT_MS));
	ck_assert(client_wait_menu_item("claimme1@" DOMAIN, "Rules given", WAIT_MS));
	a = client_menu_item("bob@" DOMAIN, "Disown");
	ck_assert(a == NULL);
}
END_TEST

START_TEST(test_claim_by_qr_picture_then_roster_then_read)
{
	char *(*decode)(const char *, GError **) = adapter("iot_purple_qr_decode_file");
	guint (*claim)(PurpleAccount *, const char *, const GPtrArray *, gboolean, IotPurpleRegistryClaimFunc, gpointer,
	               GDestroyNotify) = adapter("iot_purple_registry_claim");
	gboolean (*add)(PurpleAccount *, const char *, const char *, const char *, GError **) =
	    adapter("iot_purple_registry_add_thing");
	char *path = qr_path("claimme3.png"), *text, *want = manifest_text("claimme3.png");
	GError *e = NULL;
	IotDiscoId *id;
	Got g = { 0 };

	text = decode(path, &e);
	ck_assert_msg(text != NULL, "%s", e ? e->message : "?");
	ck_assert_str_eq(text, want);
	id = iot_disco_id_parse(text, &e);
	ck_assert_msg(id != NULL && id->has_key, "%s", e ? e->message : "no key");
	claim(client_account(), id->registry, id->tags, TRUE, claimed_cb, &g, NULL);
	ck_assert(!g.done); /* never before the call returns */
	ck_assert(client_spin(got_done, &g, WAIT_MS));
	ck_assert_msg(g.error == NULL, "%s", g.error ? g.error->message : "");
	ck_assert_str_eq(g.jid, "claimme3@" DOMAIN);
	ck_assert(add(client_account(), g.jid, "My lamps", "Living-room lamp", &e));
	ck_assert(client_spin(has_buddy, "claimme3@" DOMAIN, WAIT_MS));
	ck_assert(client_spin(buddy_online, "claimme3@" DOMAIN, WAIT_MS));
	ck_assert_str_eq(purple_group_get_name(purple_buddy_get_group(purple_find_buddy(client_account(), "claimme3@" DOMAIN))),
	                 "My lamps");
	ck_assert_str_eq(purple_buddy_get_alias(purple_find_buddy(client_account(), "claimme3@" DOMAIN)), "Living-room lamp");
	client_run_has("claimme3@" DOMAIN, "read", "light");
	iot_disco_id_free(id);
	g_free(g.jid);
	g_free(text);
	g_free(want);
	g_free(path);
}
END_TEST

START_TEST(test_an_unreachable_registry_is_said_in_words)
{
	guint (*claim)(PurpleAccount *, const char *, const GPtrArray *, gboolean, IotPurpleRegistryClaimFunc, gpointer,
	               GDestroyNotify) = adapter("iot_purple_registry_claim");
	IotDiscoId *id = iot_disco_id_parse("iotdisco:MAN=home.example;SN=X-1;KEY=abc", NULL);
	Got g = { 0 };
	char *t;

	claim(client_account(), "nowhere." DOMAIN, id->tags, FALSE, claimed_cb, &g, NULL);
	ck_assert(client_spin(got_done, &g, WAIT_MS));
	ck_assert(g.error != NULL);
	ck_has(g.error->message, "nowhere." DOMAIN " did not answer");
	g_clear_error(&g.error);
	iot_disco_id_free(id);
	/* A pasted text with a control character is refused in words. */
	t = run("claim iotdisco:MAN=home.example;SN=%0A;KEY=1", 1);
	ck_has(t, "The value of tag SN contains control characters.");
	g_free(t);
	/* Markup in a tag is shown literally in the preview, and the claim
	 * fails in words (no such thing). */
	t = run("claim iotdisco:MAN=<b>x</b>;SN=1;KEY=1", 2);
	ck_has(t, "MAN = <b>x</b>");
	ck_lacks(t, "is yours now");
	ck_has(t, "Not found: the registry knows no unclaimed thing");
	g_free(t);
}
END_TEST

START_TEST(test_a_jpeg_picture_is_read_too)
{
	char *(*decode)(const char *, GError **) = adapter("iot_purple_qr_decode_file");
	char *dir = g_dir_make_tmp("iot-qr-XXXXXX", NULL), *png = qr_path("claimme2.png");
	char *jpg = g_build_filename(dir, "claimme2.jpg", NULL), *want = manifest_text("claimme2.png"), *text;
	char *argv[] = { "convert", png, "-quality", "92", jpg, NULL };
	GError *e = NULL;

	/* No exit status asked: the client reaps its children itself. */
	ck_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
	ck_assert(g_file_test(jpg, G_FILE_TEST_IS_REGULAR));
	text = decode(jpg, &e);
	ck_assert_msg(text != NULL, "%s", e ? e->message : "?");
	ck_assert_str_eq(text, want);
	g_free(text);
	g_unlink(jpg);
	g_rmdir(dir);
	g_free(jpg);
	g_free(dir);
	g_free(png);
	g_free(want);
}
END_TEST

START_TEST(test_unreadable_and_malformed_qr_pictures_say_so)
{
	char *(*decode)(const char *, GError **) = adapter("iot_purple_qr_decode_file");
	char *path = qr_path("garbage.png"), *text, *cmd;
	GError *e = NULL;

	text = decode(path, &e);
	ck_assert(text == NULL);
	ck_has(e->message, "The picture cannot be read");
	g_clear_error(&e);
	g_free(path);
	path = qr_path("malformed.png");
	text = decode(path, &e);
	ck_assert_msg(text != NULL, "%s", e ? e->message : "?");
	/* A readable code whose text is no identity: the parser's words. */
	cmd = g_strdup_printf("claim %s", text);
	g_free(text);
	text = run(cmd, 1);
	ck_lacks(text, "is yours now");
	ck_has(text, "SN");
	g_free(text);
	g_free(cmd);
	g_free(path);
	path = qr_path("no-such-picture.png");
	ck_assert(decode(path, &e) == NULL);
	ck_has(e->message, "cannot be opened");
	g_clear_error(&e);
	g_free(path);
	/* The Finch form: a picture path that cannot be read is a notice. */
	text = run("claim iotdisco:MAN=home.example;SN=1", 1);
	ck_has(text, "no KEY");
	g_free(text);
}
END_TEST

/* How many result lines ("N. jid …") @text holds. */
static guint
result_lines(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1), **l;
	guint n = 0;

	for (l = lines; *l != NULL; l++)
		if (g_ascii_isdigit(**l) && strstr(*l, ". pub") != NULL)
			n++;
	g_strfreev(lines);
	return n;
}

START_TEST(test_search_pages_past_a_hundred)
{
	char *t = run("search MAN=example.org", 1);
	guint n = result_lines(t);

	ck_assert_uint_eq(n, 50);
	ck_has(t, "1. pub");
	ck_has(t, "/search more");
	ck_lacks(t, "KEY");
	g_free(t);
	t = run("search more", 1);
	n += result_lines(t);
	ck_has(t, "51. pub");
	g_free(t);
	t = run("search more", 1);
	n += result_lines(t);
	ck_has(t, "101. pub");
	ck_has(t, "125. pub");
	ck_lacks(t, "/search more");
	g_free(t);
	ck_assert_uint_eq(n, 125);
	t = run("search more", 1);
	ck_has(t, "There is no further page");
	g_free(t);
	/* Numbers compare as numbers; a bad condition says how. */
	t = run("search MAN=example.org V>=3.8", 1);
	ck_has(t, "V=3.8");
	ck_lacks(t, "V=1.0");
	g_free(t);
	t = run("search KEY=1", 1);
	ck_has(t, "KEY");
	ck_lacks(t, "pub");
	g_free(t);
}
END_TEST

START_TEST(test_my_things_are_listed)
{
	char *t = run("things", 1);

	ck_has(t, "guarded@" DOMAIN);
	ck_has(t, "vault@" DOMAIN);
	ck_has(t, "offline@" DOMAIN);
	ck_lacks(t, "pub0");
	g_free(t);
}
END_TEST

START_TEST(test_disowning_an_offline_thing_is_not_allowed_in_words)
{
	char *t = run("disown offline@" DOMAIN, 1);

	ck_has(t, "Not allowed");
	ck_has(t, "offline");
	g_free(t);
	t = run("disown pub001@" DOMAIN, 1);
	ck_lacks(t, "Done");
	g_free(t);
}
END_TEST

/* The authorization requests libpurple shows (account UI operations). */
static guint auth_asked;
static char *auth_message;

static void *
request_authorize(PurpleAccount *account, const char *remote_user, const char *id, const char *alias,
                  const char *message, gboolean on_list, PurpleAccountRequestAuthorizationCb authorize_cb,
                  PurpleAccountRequestAuthorizationCb deny_cb, void *user_data)
{
	auth_asked++;
	g_free(auth_message);
	auth_message = g_strdup_printf("%s: %s", remote_user, message ? message : "(none)");
	deny_cb(user_data); /* the person says no: nothing stays pending */
	return NULL;
}

static gboolean
auth_seen(gpointer n)
{
	return auth_asked > GPOINTER_TO_UINT(n);
}

START_TEST(test_a_friend_request_from_a_thing_says_what_it_is)
{
	PurpleAccountUiOps ops = { 0 }, *old = purple_accounts_get_ui_ops();
	PurpleConnection *gc = purple_account_get_connection(client_account());
	PurplePluginProtocolInfo *prpl = PURPLE_PLUGIN_PROTOCOL_INFO(purple_connection_get_prpl(gc));
	const char *sub = "<presence to='guarded@" DOMAIN "' type='subscribe'/>";
	guint before = auth_asked;
	char *t;

	if (old != NULL)
		ops = *old;
	ops.request_authorize = request_authorize;
	purple_accounts_set_ui_ops(&ops);
	/* Its registry tags are known from the list of my things. */
	t = run("things", 1);
	ck_has(t, "guarded@" DOMAIN);
	g_free(t);
	/* Alice asks to see it; the thing accepts and,
	 * as things do, asks back: that request is shown with what it says. */
	prpl->send_raw(gc, sub, (int)strlen(sub));
	ck_assert(client_spin(auth_seen, GUINT_TO_POINTER(before), WAIT_MS));
	purple_accounts_set_ui_ops(old);
	ck_has(auth_message, "guarded@" DOMAIN);
	ck_has(auth_message, "Registry tags:");
	ck_has(auth_message, "SN=GRD-0001");
	ck_lacks(auth_message, "KEY");
}
END_TEST

/* Runs the Tools → XMPP IoT action whose label starts with @label. */
static void
run_action(const char *label)
{
	GList *actions = PURPLE_PLUGIN_ACTIONS(client_plugin(), NULL), *l;
	PurplePluginAction *found = NULL;

	for (l = actions; l != NULL; l = l->next) {
		PurplePluginAction *a = l->data;
		if (found == NULL && g_str_has_prefix(a->label, label))
			found = a;
		else
			purple_plugin_action_free(a);
	}
	g_list_free(actions);
	ck_assert_msg(found != NULL, "no %s action", label);
	found->plugin = client_plugin();
	found->callback(found);
	purple_plugin_action_free(found);
}

static gboolean
table_since(gpointer n)
{
	return client_tables_shown() > GPOINTER_TO_UINT(n);
}

START_TEST(test_finch_lists_my_things_and_the_rules_given)
{
	guint before = client_tables_shown();

	run_action("My things");
	ck_assert(client_spin(table_since, GUINT_TO_POINTER(before), WAIT_MS));
	ck_has(client_last_table(), "guarded@" DOMAIN "||MAN=home.example, MODEL=Guard-X, SN=GRD-0001");
	ck_has(client_last_table(), "vault@" DOMAIN);
	/* The answers given earlier in this suite, as recorded. */
	before = client_tables_shown();
	run_action("Rules given");
	ck_assert(client_spin(table_since, GUINT_TO_POINTER(before), WAIT_MS));
	ck_has(client_last_table(), "guarded@" DOMAIN);
	ck_has(client_last_table(), "vault@" DOMAIN);
	ck_has(client_last_table(), "stranger@" DOMAIN);
}
END_TEST

static gboolean
action_open(gpointer unused)
{
	return client_action_text() != NULL;
}

static gboolean
notice_since(gpointer n)
{
	return client_notices_shown() > GPOINTER_TO_UINT(n);
}

START_TEST(test_finch_claims_from_a_qr_picture_path)
{
	char *path = qr_path("claimme2.png"), *text = manifest_text("claimme2.png"), *key;
	guint before = client_requests_shown(), notices;

	/* Tools → XMPP IoT → Claim a thing…: Finch's form takes the path of the
	 * picture qrencode made; the tags are shown, KEY masked, before the claim. */
	client_request_actions(TRUE);
	run_action("Claim a thing");
	ck_assert_uint_gt(client_requests_shown(), before);
	ck_has(client_request_text(), "Claim a thing");
	/* The link it takes holds the KEY: the field does not show it. */
	ck_has(client_request_text(), "Link, IoTDisco code or path of a QR picture =  (masked)");
	ck_assert(client_request_set("Link, IoTDisco code or path of a QR picture", path));
	ck_assert(client_request_set("Group", "Cellar things"));
	client_request_ok();
	ck_assert_msg(client_spin(action_open, NULL, WAIT_MS), "no confirmation; the last notice: %s; open: %s",
	              client_last_notice() ? client_last_notice() : "(none)",
	              client_request_text() ? client_request_text() : "(none)");
	ck_has(client_action_text(), "Claim this thing, private?");
	ck_has(client_action_text(), "SN = CLM-0002");
	ck_has(client_action_text(), "KEY = " IOT_REGISTRY_KEY_MASK);
	key = strstr(text, "KEY=");
	ck_assert_ptr_nonnull(key);
	ck_lacks(client_action_text(), key + 4);
	notices = client_notices_shown();
	ck_assert(client_action_press("Claim"));
	ck_assert(client_spin(notice_since, GUINT_TO_POINTER(notices), WAIT_MS));
	ck_has(client_last_notice(), "claimme2@" DOMAIN " is yours now and in your buddy list");
	ck_assert(client_spin(has_buddy, "claimme2@" DOMAIN, WAIT_MS));
	ck_assert_str_eq(purple_group_get_name(purple_buddy_get_group(purple_find_buddy(client_account(), "claimme2@" DOMAIN))),
	                 "Cellar things");
	/* A path to no picture: said, nothing claimed. */
	notices = client_notices_shown();
	run_action("Claim a thing");
	ck_assert(client_request_set("Link, IoTDisco code or path of a QR picture", "/nonexistent/claimme9.png"));
	client_request_ok();
	ck_assert(client_spin(notice_since, GUINT_TO_POINTER(notices), WAIT_MS));
	ck_has(client_last_notice(), "The QR picture was not read.");
	ck_assert(client_action_text() == NULL);
	client_request_actions(FALSE);
	g_free(text);
	g_free(path);
}
END_TEST

Suite *iot_registry_suite(void);
void iot_registry_question_tests(TCase *tc);
void iot_registry_token_tests(TCase *tc);

Suite *
iot_registry_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("registry");

	tcase_add_unchecked_fixture(tc, client_request_setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_help_of_every_command);
	tcase_add_test(tc, test_claim_by_link_then_roster_then_read);
	tcase_add_test(tc, test_a_claimed_thing_has_disown_and_rules_in_its_menu);
	tcase_add_test(tc, test_claim_by_qr_picture_then_roster_then_read);
	tcase_add_test(tc, test_a_jpeg_picture_is_read_too);
	tcase_add_test(tc, test_an_unreachable_registry_is_said_in_words);
	tcase_add_test(tc, test_unreadable_and_malformed_qr_pictures_say_so);
	tcase_add_test(tc, test_search_pages_past_a_hundred);
	tcase_add_test(tc, test_my_things_are_listed);
	tcase_add_test(tc, test_disowning_an_offline_thing_is_not_allowed_in_words);
	/* The tokens first: they leave stranger2's question of the vault pending,
	 * as the owner-question tests expect it. */
	iot_registry_token_tests(tc);    /* test-registry-tokens.c */
	iot_registry_question_tests(tc); /* test-registry-questions.c */
	tcase_add_test(tc, test_a_friend_request_from_a_thing_says_what_it_is);
	tcase_add_test(tc, test_finch_lists_my_things_and_the_rules_given);
	tcase_add_test(tc, test_finch_claims_from_a_qr_picture_path);
	suite_add_tcase(s, tc);
	return s;
}
