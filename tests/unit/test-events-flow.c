/* test-events-flow.c — the event-subscription flow over every generation
 * that has events (subscribe → accepted → event → event → unsubscribe),
 * forged events, renewals with the same id, timeouts, refusals,
 * disconnects; and iot_request_set_timeout(). Part of the events suite
 * (test-events.c). Fake transport, virtual clock. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-error.h"
#include "iot-events.h"
#include "iot-xml.h"

#include <string.h>

#define PEER "hall@home.example/pir"
#define TIMEOUT 15000

TCase *iot_events_flow_tcase(void);

typedef struct {
	int events, ends, frees;
	guint fields;        /* of the last event */
	char *first_value;   /* of the last event */
	GError *error;       /* of the end */
	gboolean unsubscribe_in_event;
	IotEventsSubscription *sub;
} Got;

static void
on_event(IotEventsSubscription *sub, IotReadout *ev, gpointer data)
{
	Got *g = data;

	g->events++;
	g->fields = ev->fields->len;
	g_free(g->first_value);
	g->first_value = ev->fields->len ? g_strdup(((IotField *)g_ptr_array_index(ev->fields, 0))->value)
	                                 : NULL;
	if (g->unsubscribe_in_event)
		ck_assert(iot_events_unsubscribe(sub));
}

static void
on_end(IotEventsSubscription *sub, const GError *error, gpointer data)
{
	Got *g = data;

	g->ends++;
	ck_assert_int_eq(iot_events_subscription_get_state(sub), IOT_EVENTS_ENDED);
	g->error = error ? g_error_copy(error) : NULL;
}

static void
got_free(gpointer data)
{
	Got *g = data;

	/* destroy runs once, after on_end */
	ck_assert_int_eq(g->ends, 1);
	g->frees++;
}

static void
got_clear(Got *g)
{
	g_clear_error(&g->error);
	g_free(g->first_value);
	iot_events_subscription_unref(g->sub);
}

static char *
last_attr(const char *el, const char *attr)
{
	return fake_transport_last_attr(fake_ft, el, attr);
}

static gboolean
iq_in(const char *type, const char *id, const char *from, const char *xml)
{
	xmlNode *iq = iot_test_parse(xml);
	gboolean c = iot_request_table_handle_iq(fake_table, type, id, from, iq);

	xmlFreeDoc(iq->doc);
	return c;
}

/* A message payload built from @fmt with the key in place of %s. */
static gboolean
msg_in(const char *from, const char *fmt, const char *key)
{
	char *xml = g_strdup_printf(fmt, key);
	xmlNode *payload = iot_test_parse(xml);
	gboolean c = iot_events_handle_message(fake_table, from, payload);

	xmlFreeDoc(payload->doc);
	g_free(xml);
	return c;
}

static const char *
sd_ns(IotGeneration gen)
{
	return iot_ns_for(gen, IOT_FUNC_SENSORDATA);
}

static char *
accepted_xml(IotGeneration gen, const char *key)
{
	return g_strdup_printf("<iq type='result'><accepted xmlns='%s' %s='%s'/></iq>", sd_ns(gen),
	                       iot_generation_is_short(gen) ? "id" : "seqnr", key);
}

/* One complete event in @gen with temperature @value. */
static char *
event_fmt(IotGeneration gen, const char *value)
{
	if (iot_generation_is_short(gen))
		/* Waher answers in urn:nf whatever the request's spelling was. */
		return g_strdup_printf("<resp xmlns='urn:nf:iot:sd:1.0' id='%%s'><ts v='2024-01-10T08:15:00Z'>"
		                       "<q n='Temperature' m='true' v='%s' u='°C'/></ts></resp>",
		                       value);
	return g_strdup_printf("<fields xmlns='urn:xmpp:iot:sensordata' seqnr='%%s' done='true'>"
	                       "<node nodeId='T'><timestamp value='2024-01-10T08:15:00Z'>"
	                       "<numeric name='Temperature' momentary='true' value='%s' unit='°C'/>"
	                       "</timestamp></node></fields>",
	                       value);
}

static IotEventsSubscription *
subscribe(IotGeneration gen, Got *g, const IotEventsRequest *req)
{
	IotEventsRequest *empty = iot_events_request_new();

	g->sub = iot_events_subscribe(fake_table, PEER, gen, req ? req : empty, TIMEOUT, on_event, on_end, g,
	                              got_free);
	iot_events_request_free(empty);
	ck_assert_ptr_nonnull(g->sub);
	return g->sub;
}

static char *
key_of(IotGeneration gen)
{
	return last_attr("subscribe", iot_generation_is_short(gen) ? "id" : "seqnr");
}

/* ---- iot_request_set_timeout -------------------------------------------------- */

static int plain_finishes;
static GError *plain_error;

static void
plain_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
}

static void
plain_finish(IotRequest *req, const GError *error, gpointer data)
{
	plain_finishes++;
	g_clear_error(&plain_error);
	plain_error = error ? g_error_copy(error) : NULL;
}

static const IotRequestClass plain_class = { plain_iq, NULL, plain_finish, NULL };

START_TEST(test_request_set_timeout_zero_means_none)
{
	IotRequest *req = NULL;

	plain_finishes = 0;
	iot_request_send(fake_table, PEER, iot_xml_new("iq", NULL), 1000, &plain_class, NULL, &req);
	iot_request_set_timeout(req, 0);
	ck_assert_uint_eq(iot_request_get_timeout(req), 0);
	fake_transport_advance(fake_ft, 3600 * 1000);
	ck_assert_int_eq(plain_finishes, 0);
	iot_request_keep_alive(req); /* must not arm a zero-delay timer */
	fake_transport_advance(fake_ft, 10);
	ck_assert_int_eq(plain_finishes, 0);
	iot_request_set_timeout(req, 500);
	fake_transport_advance(fake_ft, 499);
	ck_assert_int_eq(plain_finishes, 0);
	fake_transport_advance(fake_ft, 1);
	ck_assert_int_eq(plain_finishes, 1);
	ck_assert(g_error_matches(plain_error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	g_clear_error(&plain_error);
}
END_TEST

/* ---- the flow -------------------------------------------------------------- */

static void
run_full_cycle(IotGeneration gen)
{
	Got g = { 0 };
	char *key, *id, *acc, *fmt1, *fmt2, *type;

	subscribe(gen, &g, NULL);
	key = key_of(gen);
	id = last_attr("iq", "id");
	type = last_attr("iq", "type");
	ck_assert_str_eq(type, "get");
	g_free(type);
	ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_PENDING);
	ck_assert_str_eq(iot_events_subscription_get_id(g.sub), key);
	ck_assert(iot_events_id_valid(gen, key));

	acc = accepted_xml(gen, key);
	ck_assert(iq_in("result", id, PEER, acc));
	ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_ACTIVE);
	/* Accepted subscriptions do not time out. */
	fake_transport_advance(fake_ft, 24 * 3600 * 1000);
	ck_assert_int_eq(g.ends, 0);

	fmt1 = event_fmt(gen, "21.5");
	fmt2 = event_fmt(gen, "22.0");
	ck_assert(msg_in(PEER, fmt1, key));
	ck_assert_int_eq(g.events, 1);
	ck_assert_uint_eq(g.fields, 1);
	ck_assert_str_eq(g.first_value, "21.5");
	ck_assert(msg_in(PEER, fmt2, key));
	ck_assert_int_eq(g.events, 2);
	ck_assert_str_eq(g.first_value, "22.0");

	ck_assert(iot_events_unsubscribe(g.sub));
	ck_assert_int_eq(g.ends, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert_ptr_null(g.error);
	type = last_attr("iq", "type");
	ck_assert_str_eq(type, iot_generation_is_short(gen) ? "set" : "get");
	g_free(type);
	{
		char *uk = last_attr("unsubscribe", iot_generation_is_short(gen) ? "id" : "seqnr");
		char *uid = last_attr("iq", "id");

		ck_assert_str_eq(uk, key);
		/* The empty answer is claimed, so it does not show up as an IM. */
		ck_assert(iq_in("result", uid, PEER, "<iq type='result'/>"));
		g_free(uk);
		g_free(uid);
	}
	/* Late events are not claimed, and nothing runs twice. */
	ck_assert(!msg_in(PEER, fmt1, key));
	ck_assert(!iot_events_unsubscribe(g.sub));
	ck_assert(!iot_events_renew(g.sub));
	ck_assert_int_eq(g.events, 2);
	ck_assert_int_eq(g.ends, 1);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	g_free(fmt1);
	g_free(fmt2);
	g_free(acc);
	g_free(id);
	g_free(key);
	got_clear(&g);
}

START_TEST(test_cycle_xsf)
{
	run_full_cycle(IOT_GEN_XSF);
}
END_TEST

START_TEST(test_cycle_ieee)
{
	run_full_cycle(IOT_GEN_IEEE);
}
END_TEST

START_TEST(test_cycle_nf)
{
	run_full_cycle(IOT_GEN_NF);
}
END_TEST

START_TEST(test_cycle_nfi)
{
	run_full_cycle(IOT_GEN_NFI);
}
END_TEST

/* The examples of the documents, byte for byte, with their own ids. */
START_TEST(test_fixture_flows)
{
	static const struct {
		IotGeneration gen;
		const char *id, *accepted, *event;
		guint fields;
	} cases[] = {
		{ IOT_GEN_XSF, "1", "events/xsf-accepted.xml", "events/xsf-event-fields.xml", 3 },
		{ IOT_GEN_NF, "d4fe61155cb14e649e302092d3b406a8", "events/nf-accepted.xml",
		  "events/nf-event.xml", 2 },
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		IotEventsRequest *req = iot_events_request_new();
		Got g = { 0 };
		char *id;
		xmlNode *acc, *ev;

		req->id = g_strdup(cases[i].id);
		req->categories = IOT_CAT_MOMENTARY;
		subscribe(cases[i].gen, &g, req);
		ck_assert_str_eq(iot_events_subscription_get_id(g.sub), cases[i].id);
		id = last_attr("iq", "id");
		acc = iot_test_fixture_root(cases[i].accepted);
		ev = iot_test_fixture_root(cases[i].event);
		ck_assert(iot_request_table_handle_iq(fake_table, "result", id, PEER, acc));
		ck_assert(iot_events_handle_message(fake_table, PEER, iot_xml_first(ev)));
		ck_assert_int_eq(g.events, 1);
		ck_assert_uint_eq(g.fields, cases[i].fields);
		ck_assert(iot_events_cancel(g.sub));
		ck_assert_int_eq(g.ends, 1);
		ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_CANCELLED));
		xmlFreeDoc(acc->doc);
		xmlFreeDoc(ev->doc);
		g_free(id);
		iot_events_request_free(req);
		got_clear(&g);
	}
}
END_TEST

START_TEST(test_events_from_another_address_are_ignored)
{
	Got g = { 0 };
	char *key, *id, *acc, *fmt;

	subscribe(IOT_GEN_NF, &g, NULL);
	key = key_of(IOT_GEN_NF);
	id = last_attr("iq", "id");
	acc = accepted_xml(IOT_GEN_NF, key);
	fmt = event_fmt(IOT_GEN_NF, "99.9");
	ck_assert(!iq_in("result", id, "eve@home.example/x", acc));
	ck_assert(!iq_in("result", id, "hall@home.example/other", acc));
	ck_assert(iq_in("result", id, PEER, acc));
	ck_assert(!msg_in("eve@home.example/x", fmt, key));
	ck_assert(!msg_in("hall@home.example", fmt, key));
	ck_assert(!msg_in(PEER, fmt, "not-the-key"));
	ck_assert_int_eq(g.events, 0);
	/* Case of the domain does not matter, the resource does. */
	ck_assert(msg_in("Hall@Home.Example/pir", fmt, key));
	ck_assert_int_eq(g.events, 1);
	g_free(key);
	g_free(id);
	g_free(acc);
	g_free(fmt);
	iot_events_cancel(g.sub);
	got_clear(&g);
}
END_TEST

START_TEST(test_renewal_reuses_the_id)
{
	Got g = { 0 };
	char *key, *id, *acc, *key2, *id2, *fmt;
	IotGeneration gens[] = { IOT_GEN_XSF, IOT_GEN_NF };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(gens); i++) {
		memset(&g, 0, sizeof g);
		subscribe(gens[i], &g, NULL);
		key = key_of(gens[i]);
		id = last_attr("iq", "id");
		acc = accepted_xml(gens[i], key);
		ck_assert(iq_in("result", id, PEER, acc));
		ck_assert(iot_events_renew(g.sub));
		ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_RENEWING);
		key2 = key_of(gens[i]);
		id2 = last_attr("iq", "id");
		ck_assert_str_eq(key2, key);
		ck_assert_str_ne(id2, id);
		/* A second renewal replaces the first; the first's answer is stale. */
		ck_assert(iot_events_renew(g.sub));
		ck_assert(!iq_in("result", id2, PEER, acc));
		g_free(id2);
		id2 = last_attr("iq", "id");
		ck_assert(iq_in("result", id2, PEER, acc));
		ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_ACTIVE);
		fmt = event_fmt(gens[i], "1");
		ck_assert(msg_in(PEER, fmt, key));
		ck_assert_int_eq(g.events, 1);
		fake_transport_advance(fake_ft, 10 * TIMEOUT);
		ck_assert_int_eq(g.ends, 0);
		ck_assert(iot_events_unsubscribe(g.sub));
		ck_assert_int_eq(g.ends, 1);
		g_free(fmt);
		g_free(key);
		g_free(key2);
		g_free(id);
		g_free(id2);
		g_free(acc);
		got_clear(&g);
	}
}
END_TEST

START_TEST(test_renewal_unanswered_or_refused_ends)
{
	Got g = { 0 }, h = { 0 };
	char *key, *id, *acc;
	guint sent;

	subscribe(IOT_GEN_NF, &g, NULL);
	key = key_of(IOT_GEN_NF);
	id = last_attr("iq", "id");
	acc = accepted_xml(IOT_GEN_NF, key);
	ck_assert(iq_in("result", id, PEER, acc));
	ck_assert(iot_events_renew(g.sub));
	sent = fake_ft->sent->len;
	fake_transport_advance(fake_ft, TIMEOUT);
	ck_assert_int_eq(g.ends, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	/* The thing is told to stop, should it still be there. */
	ck_assert_uint_eq(fake_ft->sent->len, sent + 1);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "<unsubscribe"));
	g_free(key);
	g_free(id);
	g_free(acc);

	subscribe(IOT_GEN_XSF, &h, NULL);
	key = key_of(IOT_GEN_XSF);
	id = last_attr("iq", "id");
	acc = accepted_xml(IOT_GEN_XSF, key);
	ck_assert(iq_in("result", id, PEER, acc));
	ck_assert(iot_events_renew(h.sub));
	g_free(id);
	id = last_attr("iq", "id");
	ck_assert(iq_in("error", id, PEER,
	                "<iq type='error'><error type='cancel'><forbidden "
	                "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
	ck_assert_int_eq(h.ends, 1);
	ck_assert(g_error_matches(h.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 1); /* only the unsubscribe of the first */
	g_free(key);
	g_free(id);
	g_free(acc);
	got_clear(&g);
	got_clear(&h);
}
END_TEST

START_TEST(test_disconnect_ends_once)
{
	Got g = { 0 }, h = { 0 };
	char *key, *id, *acc;

	subscribe(IOT_GEN_XSF, &g, NULL);
	key = key_of(IOT_GEN_XSF);
	id = last_attr("iq", "id");
	acc = accepted_xml(IOT_GEN_XSF, key);
	ck_assert(iq_in("result", id, PEER, acc));
	ck_assert(iot_events_renew(g.sub)); /* a renewal pending as well */
	subscribe(IOT_GEN_NF, &h, NULL);    /* and one not yet accepted */
	iot_request_table_free(fake_table);
	fake_table = iot_request_table_new(&fake_transport_ops, fake_ft, "iot");
	ck_assert_int_eq(g.ends, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	ck_assert_int_eq(h.ends, 1);
	ck_assert(g_error_matches(h.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	/* The handles stay safe to use. */
	ck_assert(!iot_events_renew(g.sub));
	ck_assert(!iot_events_unsubscribe(g.sub));
	ck_assert(!iot_events_cancel(h.sub));
	ck_assert_uint_eq(iot_events_subscription_get_handle(g.sub), 0);
	ck_assert_str_eq(iot_events_subscription_get_id(g.sub), key);
	ck_assert_str_eq(iot_events_subscription_get_peer(g.sub), PEER);
	g_free(key);
	g_free(id);
	g_free(acc);
	got_clear(&g);
	got_clear(&h);
}
END_TEST

START_TEST(test_unanswered_subscription_times_out_and_unsubscribes)
{
	Got g = { 0 };

	subscribe(IOT_GEN_XSF, &g, NULL);
	fake_transport_advance(fake_ft, TIMEOUT - 1);
	ck_assert_int_eq(g.ends, 0);
	fake_transport_advance(fake_ft, 1);
	ck_assert_int_eq(g.ends, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "<unsubscribe"));
	got_clear(&g);
}
END_TEST

START_TEST(test_refused_subscription)
{
	Got g = { 0 };
	xmlNode *iq = iot_test_fixture_root("events/xsf-rejected.xml");
	char *id;
	guint sent;

	subscribe(IOT_GEN_XSF, &g, NULL);
	id = last_attr("iq", "id");
	sent = fake_ft->sent->len;
	ck_assert(iot_request_table_handle_iq(fake_table, "error", id, PEER, iq));
	ck_assert_int_eq(g.ends, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(g.error->message, "Access denied.");
	ck_assert_uint_eq(fake_ft->sent->len, sent); /* nothing to unsubscribe */
	xmlFreeDoc(iq->doc);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_legacy_rejected_message_ends)
{
	Got g = { 0 };
	char *key;

	subscribe(IOT_GEN_XSF, &g, NULL);
	key = key_of(IOT_GEN_XSF);
	ck_assert(msg_in(PEER, "<rejected xmlns='urn:xmpp:iot:sensordata' seqnr='%s'><error>No.</error></rejected>",
	                 key));
	ck_assert_int_eq(g.ends, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(g.error->message, "No.");
	g_free(key);
	got_clear(&g);
}
END_TEST

START_TEST(test_multi_message_events)
{
	Got g = { 0 }, h = { 0 };
	char *key;

	/* XSF: done='false' … then a separate <done/>. */
	subscribe(IOT_GEN_XSF, &g, NULL);
	key = key_of(IOT_GEN_XSF);
	ck_assert(msg_in(PEER, "<started xmlns='urn:xmpp:iot:sensordata' seqnr='%s'/>", key));
	ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_ACTIVE);
	ck_assert(msg_in(PEER, "<fields xmlns='urn:xmpp:iot:sensordata' seqnr='%s'><node nodeId='A'>"
	                       "<timestamp value='2024-01-10T08:15:00Z'><int name='a' momentary='true' value='1'/>"
	                       "</timestamp></node></fields>", key));
	ck_assert(msg_in(PEER, "<fields xmlns='urn:xmpp:iot:sensordata' seqnr='%s' done='false'><node nodeId='A'>"
	                       "<timestamp value='2024-01-10T08:15:00Z'><int name='b' momentary='true' value='2'/>"
	                       "</timestamp></node></fields>", key));
	ck_assert_int_eq(g.events, 0);
	ck_assert(msg_in(PEER, "<done xmlns='urn:xmpp:iot:sensordata' seqnr='%s'/>", key));
	ck_assert_int_eq(g.events, 1);
	ck_assert_uint_eq(g.fields, 2);
	/* A <done/> with nothing before it is no event. */
	ck_assert(msg_in(PEER, "<done xmlns='urn:xmpp:iot:sensordata' seqnr='%s'/>", key));
	ck_assert_int_eq(g.events, 1);
	g_free(key);

	/* NF: more='true' … then a resp without more. */
	subscribe(IOT_GEN_NF, &h, NULL);
	key = key_of(IOT_GEN_NF);
	ck_assert(msg_in(PEER, "<resp xmlns='urn:nf:iot:sd:1.0' id='%s' more='true'><ts v='2024-01-10T08:15:00Z'>"
	                       "<q n='x' m='true' v='1' u='W'/></ts></resp>", key));
	ck_assert_int_eq(h.events, 0);
	ck_assert(msg_in(PEER, "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:00Z'>"
	                       "<q n='y' m='true' v='2' u='W'/></ts></resp>", key));
	ck_assert_int_eq(h.events, 1);
	ck_assert_uint_eq(h.fields, 2);
	g_free(key);
	iot_events_cancel(g.sub);
	iot_events_cancel(h.sub);
	got_clear(&g);
	got_clear(&h);
}
END_TEST

START_TEST(test_immediate_data_in_the_answer)
{
	Got g = { 0 };
	IotEventsRequest *req = iot_events_request_new();
	char *key, *id, *xml;

	req->immediate = TRUE;
	subscribe(IOT_GEN_NF, &g, req);
	ck_assert_ptr_nonnull(strstr(fake_transport_last(fake_ft), "req=\"true\""));
	key = key_of(IOT_GEN_NF);
	id = last_attr("iq", "id");
	xml = g_strdup_printf("<iq type='result'><accepted xmlns='urn:nf:iot:sd:1.0' id='%s'/>"
	                      "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:00Z'>"
	                      "<q n='Lux' m='true' v='120' u='lx'/></ts></resp></iq>", key, key);
	ck_assert(iq_in("result", id, PEER, xml));
	ck_assert_int_eq(g.events, 1);
	ck_assert_str_eq(g.first_value, "120");
	ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_ACTIVE);
	iot_events_cancel(g.sub);
	g_free(xml);
	g_free(key);
	g_free(id);
	iot_events_request_free(req);
	got_clear(&g);
}
END_TEST

/* An event inside the answer ends the subscription (the person stops the
 * updates from the event's callback): the answer's next event is not
 * delivered to the ended subscription. */
START_TEST(test_ending_inside_the_answer_stops_the_answer)
{
	Got g = { 0 };
	char *key, *id, *xml;

	g.unsubscribe_in_event = TRUE;
	subscribe(IOT_GEN_NF, &g, NULL);
	key = key_of(IOT_GEN_NF);
	id = last_attr("iq", "id");
	xml = g_strdup_printf("<iq type='result'><accepted xmlns='urn:nf:iot:sd:1.0' id='%s'/>"
	                      "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:00Z'>"
	                      "<q n='Lux' m='true' v='120' u='lx'/></ts></resp>"
	                      "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:01Z'>"
	                      "<q n='Lux' m='true' v='130' u='lx'/></ts></resp></iq>", key, key, key);
	ck_assert(iq_in("result", id, PEER, xml));
	ck_assert_int_eq(g.events, 1);
	ck_assert_str_eq(g.first_value, "120");
	ck_assert_int_eq(g.ends, 1);
	ck_assert_ptr_null(g.error);
	g_free(xml);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_events_are_filtered_like_readouts)
{
	Got g = { 0 };
	IotEventsRequest *req = iot_events_request_new();
	char *key;

	req->categories = IOT_CAT_MOMENTARY;
	iot_events_request_add_field(req, "lux")->changed_by = 5; /* names match case-insensitively */
	subscribe(IOT_GEN_NF, &g, req);
	key = key_of(IOT_GEN_NF);
	ck_assert(msg_in(PEER, "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:00Z'>"
	                       "<q n='Lux' m='true' v='120' u='lx'/><q n='Other' m='true' v='1' u='lx'/>"
	                       "<s n='Serial' i='true' v='A1'/></ts></resp>", key));
	ck_assert_int_eq(g.events, 1);
	ck_assert_uint_eq(g.fields, 1);
	ck_assert_str_eq(g.first_value, "120");
	iot_events_cancel(g.sub);
	g_free(key);
	iot_events_request_free(req);
	got_clear(&g);
}
END_TEST

START_TEST(test_unsubscribe_from_inside_an_event)
{
	Got g = { 0 };
	char *key, *fmt = event_fmt(IOT_GEN_XSF, "3");

	g.unsubscribe_in_event = TRUE;
	subscribe(IOT_GEN_XSF, &g, NULL);
	key = key_of(IOT_GEN_XSF);
	ck_assert(msg_in(PEER, fmt, key));
	ck_assert_int_eq(g.events, 1);
	ck_assert_int_eq(g.ends, 1);
	ck_assert_ptr_null(g.error);
	ck_assert(!msg_in(PEER, fmt, key));
	g_free(fmt);
	g_free(key);
	got_clear(&g);
}
END_TEST

START_TEST(test_stored_id_is_reused_and_conflicts_end_at_once)
{
	Got g = { 0 }, h = { 0 }, k = { 0 };
	IotEventsRequest *req = iot_events_request_new();
	char *key;

	req->id = g_strdup("42");
	subscribe(IOT_GEN_XSF, &g, req);
	key = key_of(IOT_GEN_XSF);
	ck_assert_str_eq(key, "42");
	g_free(key);
	/* The same id while the first is pending: ends right away. */
	subscribe(IOT_GEN_XSF, &h, req);
	ck_assert_int_eq(h.ends, 1);
	ck_assert(g_error_matches(h.error, IOT_ERROR, IOT_ERROR_CONFLICT));
	ck_assert_int_eq(g.ends, 0);
	/* An id not valid for the generation is replaced by a fresh one. */
	g_free(req->id);
	req->id = g_strdup("not-a-number");
	subscribe(IOT_GEN_XSF, &k, req);
	key = key_of(IOT_GEN_XSF);
	ck_assert(iot_events_id_valid(IOT_GEN_XSF, key));
	g_free(key);
	iot_events_cancel(g.sub);
	iot_events_cancel(k.sub);
	iot_events_request_free(req);
	got_clear(&g);
	got_clear(&h);
	got_clear(&k);
}
END_TEST

START_TEST(test_not_connected_ends_disconnected)
{
	Got g = { 0 };

	fake_ft->connected = FALSE;
	subscribe(IOT_GEN_NF, &g, NULL);
	ck_assert_int_eq(g.ends, 0); /* never before subscribe returns */
	fake_transport_advance(fake_ft, 0);
	ck_assert_int_eq(g.ends, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	fake_ft->connected = TRUE;
	got_clear(&g);
}
END_TEST

START_TEST(test_any_result_accepts)
{
	Got g = { 0 };
	char *id;

	subscribe(IOT_GEN_NF, &g, NULL);
	id = last_attr("iq", "id");
	ck_assert(iq_in("result", id, PEER, "<iq type='result'><x xmlns='urn:example:other'/></iq>"));
	ck_assert_int_eq(iot_events_subscription_get_state(g.sub), IOT_EVENTS_ACTIVE);
	fake_transport_advance(fake_ft, 2 * TIMEOUT);
	ck_assert_int_eq(g.ends, 0);
	iot_events_cancel(g.sub);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_handle_message_ignores_other_payloads)
{
	xmlNode *n = iot_test_parse("<body xmlns='jabber:client'>hi</body>");

	ck_assert(!iot_events_handle_message(fake_table, PEER, n));
	xmlFreeDoc(n->doc);
	n = iot_test_parse("<fields xmlns='urn:xmpp:iot:sensordata'/>");
	ck_assert(!iot_events_handle_message(fake_table, PEER, n)); /* no seqnr */
	xmlFreeDoc(n->doc);
}
END_TEST

TCase *
iot_events_flow_tcase(void)
{
	TCase *tc = tcase_create("flow");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_request_set_timeout_zero_means_none);
	tcase_add_test(tc, test_cycle_xsf);
	tcase_add_test(tc, test_cycle_ieee);
	tcase_add_test(tc, test_cycle_nf);
	tcase_add_test(tc, test_cycle_nfi);
	tcase_add_test(tc, test_fixture_flows);
	tcase_add_test(tc, test_events_from_another_address_are_ignored);
	tcase_add_test(tc, test_renewal_reuses_the_id);
	tcase_add_test(tc, test_renewal_unanswered_or_refused_ends);
	tcase_add_test(tc, test_disconnect_ends_once);
	tcase_add_test(tc, test_unanswered_subscription_times_out_and_unsubscribes);
	tcase_add_test(tc, test_refused_subscription);
	tcase_add_test(tc, test_legacy_rejected_message_ends);
	tcase_add_test(tc, test_multi_message_events);
	tcase_add_test(tc, test_immediate_data_in_the_answer);
	tcase_add_test(tc, test_ending_inside_the_answer_stops_the_answer);
	tcase_add_test(tc, test_events_are_filtered_like_readouts);
	tcase_add_test(tc, test_unsubscribe_from_inside_an_event);
	tcase_add_test(tc, test_stored_id_is_reused_and_conflicts_end_at_once);
	tcase_add_test(tc, test_not_connected_ends_disconnected);
	tcase_add_test(tc, test_any_result_accepts);
	tcase_add_test(tc, test_handle_message_ignores_other_payloads);
	return tc;
}
