/* test-registry-questions.c — owner questions end to end, as entries of the
 * alerts inbox: a stranger's read of a claimed thing (tests/sim/
 * things_provisioning*.py) becomes an entry of severity "question" — no
 * dialog — answered through the inbox API (the rule goes, the entry goes),
 * kept across a reload without a duplicate, answered with /questions,
 * answered on another client of the account (tests/sim/second_client.py:
 * the entry goes here too), and identical questions merged into one entry.
 * Part of suite "registry" (test-registry.c adds them in its order). */
#include "client-check.h"
#include "client-request.h"
#include "client-store.h"

#include "../../plugin/purple/iot-purple-alert.h"    /* the API the inbox windows call */
#include "../../plugin/purple/iot-purple-registry.h"

#include "iot-store-private.h" /* iot_store_db(): the file as another program sees it */

#include <gmodule.h>
#include <string.h>

#define STRANGER "stranger@" DOMAIN
#define STRANGER2 "stranger2@" DOMAIN
#define WAIT_MS 20000

void iot_registry_question_tests(TCase *tc);

static gpointer
adapter(const char *name)
{
	gpointer fn = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &fn), "no %s in the plugin", name);
	return fn;
}

/* The question entries of the account whose text has @a and @b, newest
 * first (transfer full, element-type IotAlert). */
static GPtrArray *
question_entries(const char *a, const char *b)
{
	GPtrArray *(*list)(PurpleAccount *, const IotAlertFilter *) = adapter("iot_purple_alert_list");
	IotAlertFilter f = { 0 };
	GPtrArray *l, *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_alert_free);
	guint i;

	f.severities = 1u << IOT_ALERT_QUESTION;
	f.states = ~0u;
	l = list(client_account(), &f);
	for (i = 0; l != NULL && i < l->len; i++) {
		IotAlert *e = g_ptr_array_index(l, i);

		if (strstr(e->text, a) != NULL && (b == NULL || strstr(e->text, b) != NULL))
			g_ptr_array_add(out, iot_alert_copy(e));
	}
	if (l != NULL)
		g_ptr_array_unref(l);
	return out;
}

typedef struct {
	const char *a, *b;
	guint64 id;
} Want;

static gboolean
entry_there(gpointer data)
{
	Want *w = data;
	GPtrArray *l = question_entries(w->a, w->b);

	w->id = l->len > 0 ? ((IotAlert *)g_ptr_array_index(l, 0))->id : 0;
	g_ptr_array_unref(l);
	return w->id != 0;
}

static gboolean
entry_gone(gpointer data)
{
	IotAlert *(*get)(guint64) = adapter("iot_purple_alert_get");
	IotAlert *a = get(*(guint64 *)data);

	iot_alert_free(a);
	return a == NULL;
}

/* The index of the answer labelled @label of entry @id. */
static guint
choice(guint64 id, const char *label)
{
	GPtrArray *(*choices)(guint64) = adapter("iot_purple_alert_question_choices");
	GPtrArray *l = choices(id);
	guint i, found = G_MAXUINT;

	ck_assert_msg(l != NULL, "entry %" G_GUINT64_FORMAT " has no answers", id);
	for (i = 0; i < l->len && found == G_MAXUINT; i++)
		if (strcmp(g_ptr_array_index(l, i), label) == 0)
			found = i;
	ck_assert_msg(found != G_MAXUINT, "no answer \"%s\"", label);
	g_ptr_array_unref(l);
	return found;
}

typedef struct {
	gboolean done;
	char *error;
} Done;

static void
done_cb(const GError *error, gpointer data)
{
	Done *d = data;

	d->done = TRUE;
	d->error = error != NULL ? g_strdup(error->message) : NULL;
}

static gboolean
is_done(gpointer data)
{
	return ((Done *)data)->done;
}

START_TEST(test_a_question_is_an_inbox_entry_answered_from_there)
{
	guint (*answer)(guint64, guint, IotPurpleAlertDoneFunc, gpointer, GDestroyNotify) =
	    adapter("iot_purple_alert_question_answer");
	guint before = client_requests_shown();
	Want w = { STRANGER, "guarded@" DOMAIN, 0 };
	GPtrArray *l;
	IotAlert *e;
	Done d = { 0 };
	char *r;

	r = client_chat(STRANGER, "read guarded", 3000);
	g_free(r);
	ck_assert_msg(client_spin(entry_there, &w, WAIT_MS), "no question entry");
	l = question_entries(STRANGER, "guarded@" DOMAIN);
	ck_assert_uint_eq(l->len, 1);
	e = g_ptr_array_index(l, 0);
	ck_assert_int_eq(e->severity, IOT_ALERT_QUESTION);
	ck_assert_str_eq(e->source.thing, "guarded@" DOMAIN);
	ck_assert_msg(g_str_has_prefix(e->text, "May " STRANGER " read guarded@" DOMAIN), "%s", e->text);
	ck_assert_ptr_nonnull(e->question);
	ck_assert(!e->urgent);
	g_ptr_array_unref(l);
	/* no dialog of its own: the inbox asks */
	ck_assert_uint_eq(client_requests_shown(), before);
	ck_assert(answer(w.id, choice(w.id, "Yes, for its whole domain"), done_cb, &d, NULL) != 0);
	ck_assert(!d.done); /* never before the call returns */
	/* answered once: the entry goes at once */
	ck_assert(entry_gone(&w.id));
	ck_assert(client_spin(is_done, &d, WAIT_MS));
	ck_assert_msg(d.error == NULL, "%s", d.error);
	client_sleep(500);
	r = client_chat(STRANGER2, "read guarded", WAIT_MS);
	ck_assert_msg(r != NULL, "stranger2 said nothing");
	ck_has(r, "ok");
	ck_has(r, "temperature");
	g_free(r);
	/* not asked again, and no dialog at any time */
	l = question_entries("guarded@" DOMAIN, NULL);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
	ck_assert_uint_eq(client_requests_shown(), before);
}
END_TEST

START_TEST(test_a_pending_question_survives_a_reload_once)
{
	Want w = { STRANGER2, "vault@" DOMAIN, 0 };
	GPtrArray *l;
	char *r, *key;
	guint before = client_requests_shown();

	r = client_chat(STRANGER2, "read vault", 3000);
	g_free(r);
	ck_assert(client_spin(entry_there, &w, WAIT_MS));
	l = question_entries(STRANGER2, "vault@" DOMAIN);
	key = g_strdup(((IotAlert *)g_ptr_array_index(l, 0))->question);
	g_ptr_array_unref(l);
	/* Unloaded and loaded again: the store brings it back, once. */
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert(client_spin(entry_there, &w, WAIT_MS));
	client_sleep(1000);
	l = question_entries(STRANGER2, "vault@" DOMAIN);
	ck_assert_uint_eq(l->len, 1);
	ck_assert_str_eq(((IotAlert *)g_ptr_array_index(l, 0))->question, key);
	g_ptr_array_unref(l);
	/* and still answerable */
	ck_assert_uint_ge(choice(w.id, "No, for this JID"), 1);
	ck_assert_uint_eq(client_requests_shown(), before);
	g_free(key);
}
END_TEST

START_TEST(test_questions_command_lists_and_answers_no)
{
	Want w = { STRANGER, "vault@" DOMAIN, 0 };
	const char *out;
	char *t, **lines, *cmd = NULL;
	guint i;

	t = client_chat(STRANGER, "read vault", 3000);
	g_free(t);
	ck_assert(client_spin(entry_there, &w, WAIT_MS));
	out = client_command("vault@" DOMAIN, "questions", 1, WAIT_MS);
	t = client_text(out);
	ck_has(t, "Owner questions");
	ck_has(t, "May " STRANGER2 " read vault@" DOMAIN);
	ck_has(t, "/questions <number> yes|no");
	lines = g_strsplit(t, "\n", -1);
	for (i = 0; lines[i] != NULL && cmd == NULL; i++)
		if (strstr(lines[i], "May " STRANGER " read vault@") != NULL)
			cmd = g_strdup_printf("questions %u no", (guint)g_ascii_strtoull(g_strstrip(lines[i]), NULL, 10));
	g_strfreev(lines);
	g_free(t);
	ck_assert_msg(cmd != NULL, "the stranger's question is not listed");
	/* /alerts lists them too, as questions */
	t = client_text(client_command("vault@" DOMAIN, "alerts", 1, WAIT_MS));
	ck_has(t, "Question");
	ck_has(t, "May " STRANGER " read vault@" DOMAIN);
	g_free(t);
	t = client_text(client_command("vault@" DOMAIN, cmd, 1, WAIT_MS));
	ck_has(t, "Answered: No, for this JID.");
	g_free(t);
	ck_assert(entry_gone(&w.id));
	g_free(cmd);
	t = client_chat(STRANGER, "read vault", WAIT_MS);
	ck_assert_msg(t != NULL, "the stranger said nothing");
	ck_has(t, "refused");
	g_free(t);
	/* a wrong number and wrong words say so */
	t = client_text(client_command("vault@" DOMAIN, "questions 99 yes", 1, WAIT_MS));
	ck_has(t, "There is no question 99");
	g_free(t);
}
END_TEST

/* The owner's second client answers: the service tells this one, whose entry goes. */
START_TEST(test_answered_on_another_client_leaves_here)
{
	GPtrArray *(*pending)(PurpleAccount *) = adapter("iot_purple_provisioning_pending");
	guint64 (*entry_of)(PurpleAccount *, const char *) = adapter("iot_purple_alert_question_entry");
	GPtrArray *p = pending(client_account());
	char *argv[8] = { "/usr/bin/python3", NULL, NULL, NULL, NULL, "yes", NULL, NULL };
	char *out = NULL, *err = NULL;
	guint64 id = 0;
	guint i;

	for (i = 0; i < p->len && id == 0; i++) {
		const IotPurpleQuestion *pq = g_ptr_array_index(p, i);

		if (strcmp(pq->question->remote_jid, STRANGER2) == 0 && strcmp(pq->question->jid, "vault@" DOMAIN) == 0) {
			id = entry_of(client_account(), pq->merge_key);
			argv[2] = g_strdup(pq->question->key);
		}
	}
	g_ptr_array_unref(p);
	ck_assert_msg(id != 0 && argv[2] != NULL, "stranger2's question of the vault is not pending");
	argv[1] = g_build_filename("tests", "sim", "second_client.py", NULL); /* run from the source tree */
	ck_assert_msg(g_file_test(argv[1], G_FILE_TEST_EXISTS), "no %s here", argv[1]);
	argv[3] = "vault@" DOMAIN;
	argv[4] = STRANGER2;
	/* libpurple reaps children itself: the helper's word is its output. */
	ck_assert(g_spawn_sync(NULL, argv, NULL, 0, NULL, NULL, &out, &err, NULL, NULL));
	ck_assert_msg(out != NULL && strstr(out, "answered") != NULL, "second client: %s%s", out, err);
	ck_assert(client_spin(entry_gone, &id, WAIT_MS));
	g_free(argv[1]);
	g_free(argv[2]);
	g_free(out);
	g_free(err);
}
END_TEST

START_TEST(test_a_question_from_an_account_is_not_an_entry)
{
	PurpleConnection *gc = purple_account_get_connection(client_account());
	PurplePluginProtocolInfo *prpl = PURPLE_PLUGIN_PROTOCOL_INFO(purple_connection_get_prpl(gc));
	const char *q = "<message to='alice@" DOMAIN "'><canRead xmlns='urn:nf:iot:prov:o:1.0' jid='guarded@" DOMAIN
	                "' remoteJid='mallory@" DOMAIN "' key='forged-1' m='true'/></message>";
	guint before = client_requests_shown();
	GPtrArray *l;

	/* Anyone can send alice a question-shaped message (here: herself);
	 * only a provisioning service's is asked. */
	prpl->send_raw(gc, q, (int)strlen(q));
	client_sleep(2000);
	ck_assert_uint_eq(client_requests_shown(), before);
	l = question_entries("mallory@" DOMAIN, NULL);
	ck_assert_uint_eq(l->len, 0);
	g_ptr_array_unref(l);
}
END_TEST

static void
inject(const char *xml)
{
	PurpleConnection *gc = purple_account_get_connection(client_account());
	PurplePlugin *jabber = purple_plugins_find_with_id("prpl-jabber");
	xmlnode *m = xmlnode_from_str(xml, -1);
	const char *service = g_getenv("IOT_PROVISIONING_JID");

	ck_assert(m != NULL && service != NULL);
	purple_signal_emit_return_1(jabber, "jabber-receiving-message", gc, NULL, "q1", service, "alice@" DOMAIN, m);
	xmlnode_free(m);
}

#define QUESTION(key)                                                                                            \
	"<message><canRead xmlns='urn:nf:iot:prov:o:1.0' jid='vault@" DOMAIN "' remoteJid='mallory@" DOMAIN "' key='" \
	key "' m='true'><f n='Temperature'/><f n='Humidity'/></canRead></message>"

/* Identical questions (two keys) are one entry that says how often; each
 * answered elsewhere, the entry goes with the last. */
START_TEST(test_identical_questions_merge_into_one_entry)
{
	Want w = { "mallory@" DOMAIN, "vault@" DOMAIN, 0 };
	GPtrArray *l;
	IotAlert *e;

	inject(QUESTION("merge-1"));
	ck_assert(client_spin(entry_there, &w, WAIT_MS));
	inject(QUESTION("merge-2"));
	inject(QUESTION("merge-2")); /* the same key again is no new question */
	client_sleep(300);
	l = question_entries("mallory@" DOMAIN, NULL);
	ck_assert_uint_eq(l->len, 1);
	e = g_ptr_array_index(l, 0);
	ck_assert_uint_eq(e->count, 2);
	ck_has(e->text, "May mallory@" DOMAIN " read vault@" DOMAIN);
	ck_has(e->text, "Temperature");
	ck_has(e->text, "(asked 2 times)");
	g_ptr_array_unref(l);
	inject("<message><answered xmlns='urn:nf:iot:prov:o:1.0' key='merge-1'/></message>");
	client_sleep(300);
	ck_assert(!entry_gone(&w.id));
	inject("<message><answered xmlns='urn:nf:iot:prov:o:1.0' key='merge-2'/></message>");
	ck_assert(client_spin(entry_gone, &w.id, WAIT_MS));
}
END_TEST

/* A question whose record left the store while the plugin was away (a week
 * old, or the file cleaned): its entry, read back from the store, goes at
 * the next load instead of staying an orphan. */
START_TEST(test_an_entry_whose_question_is_gone_goes_at_load)
{
	Want w = { "neighbour@" DOMAIN, "vault@" DOMAIN, 0 };
	IotStore *st;
	char *msg = NULL;

	inject("<message><canRead xmlns='urn:nf:iot:prov:o:1.0' jid='vault@" DOMAIN "' remoteJid='neighbour@" DOMAIN
	       "' key='orphan-1' m='true'/></message>");
	ck_assert(client_spin(entry_there, &w, WAIT_MS));
	ck_assert(purple_plugin_unload(client_plugin()));
	st = client_store_open(NULL);
	ck_assert_int_ge(client_store_int(st, "SELECT count(*) FROM alert_entry WHERE severity = 'question' AND "
	                                      "question IS NOT NULL AND text LIKE '%neighbour@%'"),
	                 1);
	ck_assert_msg(sqlite3_exec(iot_store_db(st), "DELETE FROM registry_question WHERE key = 'orphan-1'", NULL, NULL,
	                           &msg) == SQLITE_OK, "%s", msg ? msg : "");
	iot_store_close(st);
	ck_assert(purple_plugin_load(client_plugin()));
	ck_assert(client_spin(entry_gone, &w.id, WAIT_MS));
	/* and it does not come back */
	client_sleep(500);
	ck_assert(!entry_there(&w));
}
END_TEST

static gboolean
table_has(gpointer part)
{
	return client_last_table() != NULL && strstr(client_last_table(), part) != NULL;
}

static gboolean
table_lacks(gpointer part)
{
	return client_last_table() != NULL && strstr(client_last_table(), part) == NULL;
}

static gboolean
request_open(gpointer unused)
{
	return client_request_is_open();
}

/* Finch: the inbox's table has an Answer… button; it asks with a choice of
 * the answers (and "Answer with limits…", the adapter's question dialog). */
START_TEST(test_finch_answers_from_the_inbox_table)
{
	void (*open_inbox)(void) = adapter("iot_purple_alert_open_inbox");
	Want w = { "eve@" DOMAIN, "vault@" DOMAIN, 0 };
	guint shown;

	inject("<message><canRead xmlns='urn:nf:iot:prov:o:1.0' jid='vault@" DOMAIN "' remoteJid='eve@" DOMAIN
	       "' key='finch-1' m='true'/></message>");
	ck_assert(client_spin(entry_there, &w, WAIT_MS));
	open_inbox();
	ck_assert(client_spin(table_has, "eve@" DOMAIN, WAIT_MS));
	ck_has(client_last_table(), "Question");
	/* with limits: the adapter's dialog, fields named there */
	shown = client_requests_shown();
	ck_assert(client_table_press_on("Answer…", "eve@" DOMAIN));
	ck_assert(client_spin(request_open, NULL, WAIT_MS));
	ck_has(client_request_text(), "May eve@" DOMAIN " read vault@" DOMAIN);
	ck_has(client_request_text(), "Answer = Yes, for this JID");
	ck_assert(client_request_set("Answer", "Answer with limits…"));
	client_request_ok();
	ck_assert(client_spin(request_open, NULL, WAIT_MS));
	ck_assert_uint_eq(client_requests_shown(), shown + 2);
	ck_has(client_request_text(), "Only these fields");
	client_request_cancel(); /* later: still pending */
	ck_assert(!entry_gone(&w.id));
	/* a no, for everyone */
	ck_assert(client_table_press_on("Answer…", "eve@" DOMAIN));
	ck_assert(client_spin(request_open, NULL, WAIT_MS));
	ck_assert(client_request_set("Answer", "No, for everyone"));
	client_request_ok();
	ck_assert(client_spin(entry_gone, &w.id, WAIT_MS));
	/* the open table follows */
	ck_assert_msg(client_spin(table_lacks, "eve@" DOMAIN, WAIT_MS), "%s", client_last_table());
}
END_TEST

void
iot_registry_question_tests(TCase *tc)
{
	tcase_add_test(tc, test_a_question_is_an_inbox_entry_answered_from_there);
	tcase_add_test(tc, test_a_pending_question_survives_a_reload_once);
	tcase_add_test(tc, test_questions_command_lists_and_answers_no);
	tcase_add_test(tc, test_answered_on_another_client_leaves_here);
	tcase_add_test(tc, test_a_question_from_an_account_is_not_an_entry);
	tcase_add_test(tc, test_identical_questions_merge_into_one_entry);
	tcase_add_test(tc, test_finch_answers_from_the_inbox_table);
	tcase_add_test(tc, test_an_entry_whose_question_is_gone_goes_at_load);
}
