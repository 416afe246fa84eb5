/* test-request.c — the request table: correlation, from-check, timeout,
 * cancel, exactly-once completion, late replies. Fake transport, virtual clock. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-error.h"
#include "iot-request.h"
#include "iot-xml.h"

#include <stdlib.h>
#include <string.h>

#define PEER "thermostat@home.example/hw"

typedef struct {
	int iqs, messages, finishes, frees;
	gboolean finish_on_iq;
	GError *error;
	char *last_payload;
} Rec;

static void
rec_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Rec *r = data;

	r->iqs++;
	if (r->finish_on_iq) {
		iot_request_finish(req, NULL);
		iot_request_finish(req, NULL); /* a second finish must be harmless */
	}
}

static void
rec_on_message(IotRequest *req, const xmlNode *payload, gpointer data)
{
	Rec *r = data;

	r->messages++;
	g_free(r->last_payload);
	r->last_payload = g_strdup((const char *)payload->name);
}

static void
rec_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Rec *r = data;

	r->finishes++;
	g_clear_error(&r->error);
	r->error = error ? g_error_copy(error) : NULL;
}

static void
rec_free(gpointer data)
{
	((Rec *)data)->frees++;
}

static const IotRequestClass rec_class = { rec_on_iq, rec_on_message, rec_on_finish, rec_free };

static void
rec_clear(Rec *r)
{
	g_clear_error(&r->error);
	g_free(r->last_payload);
}

static guint
send_get(Rec *r, IotRequest **out)
{
	xmlNode *iq = iot_xml_new("iq", NULL);

	iot_xml_set(iq, "type", "get");
	xmlAddChild(iq, iot_xml_new("ping", "urn:xmpp:ping"));
	return iot_request_send(fake_table, PEER, iq, 15000, &rec_class, r, out);
}

static gboolean
answer(const char *type, const char *id, const char *from)
{
	xmlNode *iq = iot_test_parse("<iq type='result'/>");
	gboolean claimed = iot_request_table_handle_iq(fake_table, type, id, from, iq);

	xmlFreeDoc(iq->doc);
	return claimed;
}

START_TEST(test_correlates_reply_to_request)
{
	Rec r = { 0 };
	IotRequest *req;
	char *to, *id;

	r.finish_on_iq = TRUE;
	send_get(&r, &req);
	ck_assert_uint_eq(fake_ft->sent->len, 1);
	to = fake_transport_last_attr(fake_ft, "iq", "to");
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	ck_assert_str_eq(to, PEER);
	ck_assert(iot_request_id_has_prefix(id, "iot"));
	ck_assert(iot_request_table_has_id(fake_table, id));
	ck_assert(answer("result", id, PEER));
	ck_assert_int_eq(r.iqs, 1);
	ck_assert_int_eq(r.finishes, 1);
	ck_assert_int_eq(r.frees, 1);
	ck_assert_ptr_null(r.error);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	/* The same answer again is a late reply: not claimed. */
	ck_assert(!answer("result", id, PEER));
	ck_assert_int_eq(r.iqs, 1);
	g_free(to);
	g_free(id);
	rec_clear(&r);
}
END_TEST

START_TEST(test_reply_from_another_address_is_ignored)
{
	Rec r = { 0 };
	char *id;

	r.finish_on_iq = TRUE;
	send_get(&r, NULL);
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	ck_assert(!answer("result", id, "eve@home.example/x"));
	ck_assert(!answer("result", id, "thermostat@home.example/other"));
	ck_assert(!answer("result", id, "thermostat@home.example"));
	ck_assert(!answer("result", id, NULL));
	ck_assert_int_eq(r.iqs, 0);
	ck_assert_int_eq(r.finishes, 0);
	/* Case of the domain does not matter; the right peer still gets through. */
	ck_assert(answer("result", id, "Thermostat@HOME.example/hw"));
	ck_assert_int_eq(r.finishes, 1);
	g_free(id);
	rec_clear(&r);
}
END_TEST

START_TEST(test_get_and_set_are_never_claimed)
{
	Rec r = { 0 };
	char *id;

	send_get(&r, NULL);
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	ck_assert(!answer("get", id, PEER));
	ck_assert(!answer("set", id, PEER));
	ck_assert(!answer(NULL, id, PEER));
	ck_assert(!answer("result", NULL, PEER));
	ck_assert(!answer("result", "iot-guessed", PEER));
	ck_assert_int_eq(r.iqs, 0);
	iot_request_table_fail_all(fake_table, IOT_ERROR_CANCELLED, "end of test");
	g_free(id);
	rec_clear(&r);
}
END_TEST

START_TEST(test_timeout_ends_once_and_late_reply_is_dropped)
{
	Rec r = { 0 };
	char *id;

	send_get(&r, NULL);
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	fake_transport_advance(fake_ft, 14999);
	ck_assert_int_eq(r.finishes, 0);
	fake_transport_advance(fake_ft, 1);
	ck_assert_int_eq(r.finishes, 1);
	ck_assert(g_error_matches(r.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	ck_assert_int_eq(r.frees, 1);
	ck_assert(!answer("result", id, PEER));
	fake_transport_advance(fake_ft, 100000);
	ck_assert_int_eq(r.finishes, 1);
	g_free(id);
	rec_clear(&r);
}
END_TEST

START_TEST(test_keep_alive_restarts_the_timeout)
{
	Rec r = { 0 };
	IotRequest *req;

	send_get(&r, &req);
	fake_transport_advance(fake_ft, 10000);
	iot_request_keep_alive(req);
	fake_transport_advance(fake_ft, 10000);
	ck_assert_int_eq(r.finishes, 0);
	fake_transport_advance(fake_ft, 5000);
	ck_assert_int_eq(r.finishes, 1);
	rec_clear(&r);
}
END_TEST

START_TEST(test_cancel)
{
	Rec r = { 0 };
	guint h = send_get(&r, NULL);

	ck_assert_uint_ne(h, 0);
	ck_assert(iot_request_table_cancel(fake_table, h));
	ck_assert(g_error_matches(r.error, IOT_ERROR, IOT_ERROR_CANCELLED));
	ck_assert(!iot_request_table_cancel(fake_table, h));
	ck_assert(!iot_request_table_cancel(fake_table, 987654));
	ck_assert_int_eq(r.finishes, 1);
	ck_assert_int_eq(r.frees, 1);
	rec_clear(&r);
}
END_TEST

START_TEST(test_send_failure_finishes_later_not_during_the_call)
{
	Rec r = { 0 };

	fake_ft->connected = FALSE;
	send_get(&r, NULL);
	ck_assert_int_eq(r.finishes, 0);
	fake_transport_advance(fake_ft, 0);
	ck_assert_int_eq(r.finishes, 1);
	ck_assert(g_error_matches(r.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	rec_clear(&r);
}
END_TEST

START_TEST(test_free_fails_everything_pending_once)
{
	Rec a = { 0 }, b = { 0 };

	send_get(&a, NULL);
	send_get(&b, NULL);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 2);
	iot_request_table_free(fake_table);
	fake_table = iot_request_table_new(&fake_transport_ops, fake_ft, "iot");
	ck_assert_int_eq(a.finishes, 1);
	ck_assert_int_eq(b.finishes, 1);
	ck_assert(g_error_matches(a.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	ck_assert_int_eq(a.frees + b.frees, 2);
	rec_clear(&a);
	rec_clear(&b);
}
END_TEST

START_TEST(test_messages_correlate_by_key_and_peer)
{
	Rec r = { 0 }, other = { 0 };
	IotRequest *req, *req2;
	xmlNode *msg = iot_test_parse("<fields xmlns='urn:xmpp:iot:sensordata' seqnr='7'/>");
	char *seq = iot_request_table_new_seqnr(fake_table);

	send_get(&r, &req);
	ck_assert(iot_request_set_key(req, seq));
	send_get(&other, &req2);
	ck_assert(!iot_request_set_key(req2, seq)); /* keys are unique among pending */
	ck_assert(!iot_request_table_handle_message(fake_table, "eve@home.example/x", seq, msg));
	ck_assert(!iot_request_table_handle_message(fake_table, PEER, "12345", msg));
	ck_assert_int_eq(r.messages, 0);
	ck_assert(iot_request_table_handle_message(fake_table, PEER, seq, msg));
	ck_assert_int_eq(r.messages, 1);
	ck_assert_str_eq(r.last_payload, "fields");
	iot_request_finish(req, NULL);
	ck_assert(!iot_request_table_handle_message(fake_table, PEER, seq, msg));
	ck_assert_int_eq(r.messages, 1);
	iot_request_table_fail_all(fake_table, IOT_ERROR_CANCELLED, "end of test");
	xmlFreeDoc(msg->doc);
	g_free(seq);
	rec_clear(&r);
	rec_clear(&other);
}
END_TEST

START_TEST(test_ids_and_seqnrs_are_unique_and_unguessable)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	Rec r = { 0 };
	int i;

	for (i = 0; i < 200; i++) {
		char *id, *seq = iot_request_table_new_seqnr(fake_table);
		send_get(&r, NULL);
		id = fake_transport_last_attr(fake_ft, "iq", "id");
		ck_assert(strlen(id) >= 4 + 16);
		ck_assert(!g_hash_table_contains(seen, id));
		g_hash_table_add(seen, id);
		ck_assert(atoi(seq) > 0);
		g_free(seq);
	}
	iot_request_table_fail_all(fake_table, IOT_ERROR_CANCELLED, "x");
	ck_assert_int_eq(r.finishes, 200);
	ck_assert_int_eq(r.frees, 200);
	g_hash_table_destroy(seen);
	rec_clear(&r);
}
END_TEST

/* Stream management re-sends stale requests of ours, and the adapter drops
 * them; other parties' ids — with our prefix too — must never look ours. */
START_TEST(test_only_our_own_ids_are_ours)
{
	Rec r = { 0 };
	char *id, *changed;
	IotRequestTable *other;
	xmlNode *iq;
	gsize n, i;
	int k;

	send_get(&r, NULL);
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	ck_assert(iot_request_id_is_ours(id, "iot"));
	ck_assert(!iot_request_id_is_ours(id, "io"));
	ck_assert(!iot_request_id_is_ours(id, "iotx"));
	ck_assert(!iot_request_id_is_ours(id, NULL));
	/* Still ours after its request and its table ended: a re-send comes later. */
	iot_request_table_fail_all(fake_table, IOT_ERROR_DISCONNECTED, "gone");
	ck_assert(iot_request_id_is_ours(id, "iot"));

	/* One digit changed, anywhere: not ours. */
	n = strlen(id);
	for (i = strlen("iot-"); i < n; i++) {
		changed = g_strdup(id);
		changed[i] = changed[i] == '0' ? '1' : '0';
		ck_assert_msg(!iot_request_id_is_ours(changed, "iot"), "%s", changed);
		g_free(changed);
	}
	/* Shorter, longer, upper case, another party's random ids of the same shape. */
	changed = g_strndup(id, n - 1);
	ck_assert(!iot_request_id_is_ours(changed, "iot"));
	g_free(changed);
	changed = g_strconcat(id, "0", NULL);
	ck_assert(!iot_request_id_is_ours(changed, "iot"));
	g_free(changed);
	changed = g_ascii_strup(id, -1);
	memcpy(changed, "iot", 3);
	ck_assert(strcmp(changed, id) == 0 || !iot_request_id_is_ours(changed, "iot"));
	g_free(changed);
	for (k = 0; k < 1000; k++) {
		char *foreign = g_strdup_printf("iot-%08x%08x%08x%08x", g_random_int(), g_random_int(),
		                                g_random_int(), g_random_int());
		ck_assert(iot_request_id_has_prefix(foreign, "iot"));
		ck_assert_msg(!iot_request_id_is_ours(foreign, "iot"), "%s", foreign);
		g_free(foreign);
	}
	ck_assert(!iot_request_id_is_ours("iot-", "iot"));
	ck_assert(!iot_request_id_is_ours("iot", "iot"));
	ck_assert(!iot_request_id_is_ours("purple1a2b3c4d", "iot"));
	ck_assert(!iot_request_id_is_ours(NULL, "iot"));

	/* Another table of this process (the next session) makes ids that are ours too. */
	other = iot_request_table_new(&fake_transport_ops, fake_ft, "iot");
	iq = iot_xml_new("iq", NULL);
	iot_xml_set(iq, "type", "set");
	iot_request_send(other, PEER, iq, 15000, &rec_class, &r, NULL);
	g_free(id);
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	ck_assert(iot_request_id_is_ours(id, "iot"));
	iot_request_table_free(other);
	iot_request_table_fail_all(fake_table, IOT_ERROR_CANCELLED, "end of test");
	g_free(id);
	rec_clear(&r);
}
END_TEST

START_TEST(test_requests_carry_the_language)
{
	const char *de[] = { "de_DE.UTF-8", "de_DE", "de", "C", NULL };
	const char *c[] = { "C.UTF-8", "C", NULL };
	char *lang = iot_request_lang_from_locale(de);
	Rec r = { 0 };

	ck_assert_str_eq(lang, "de-DE");
	ck_assert_ptr_null(iot_request_lang_from_locale(c));
	iot_request_table_set_lang(fake_table, lang);
	send_get(&r, NULL);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "xml:lang=\"de-DE\""));
	iot_request_table_fail_all(fake_table, IOT_ERROR_CANCELLED, "end of test");
	g_free(lang);
	rec_clear(&r);
}
END_TEST

Suite *
iot_request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *tc = tcase_create("table");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_correlates_reply_to_request);
	tcase_add_test(tc, test_reply_from_another_address_is_ignored);
	tcase_add_test(tc, test_get_and_set_are_never_claimed);
	tcase_add_test(tc, test_timeout_ends_once_and_late_reply_is_dropped);
	tcase_add_test(tc, test_keep_alive_restarts_the_timeout);
	tcase_add_test(tc, test_cancel);
	tcase_add_test(tc, test_send_failure_finishes_later_not_during_the_call);
	tcase_add_test(tc, test_free_fails_everything_pending_once);
	tcase_add_test(tc, test_messages_correlate_by_key_and_peer);
	tcase_add_test(tc, test_ids_and_seqnrs_are_unique_and_unguessable);
	tcase_add_test(tc, test_only_our_own_ids_are_ours);
	tcase_add_test(tc, test_requests_carry_the_language);
	suite_add_tcase(s, tc);
	return s;
}
