/* test-pubsub-prosody.c — the real answers and messages of Prosody 0.12's
 * pubsub component and PEP (tests/fixtures/pubsub/prosody), read. */
#include "iot-tests.h"

#include "iot-pubsub-event.h"
#include "iot-pubsub-payload.h"
#include "iot-xml.h"

#include <string.h>

static xmlNode *
fx(const char *name)
{
	char *path = g_strconcat("pubsub/prosody/", name, NULL);
	xmlNode *root = iot_test_fixture_root(path);

	g_free(path);
	return root;
}

START_TEST(test_prosody_answers)
{
	xmlNode *iq;
	IotPubsubSubscription *s;
	GPtrArray *a;
	IotPubsubNodeMeta *m;
	IotDataForm *f;
	char *w;

	iq = fx("service-info.xml");
	ck_assert(iot_pubsub_info_is_service(iq));
	xmlFreeDoc(iq->doc);
	iq = fx("pep-info.xml");
	ck_assert(!iot_pubsub_info_is_service(iq));
	xmlFreeDoc(iq->doc);

	iq = fx("subscribe.xml");
	s = iot_pubsub_parse_subscription(iq, NULL);
	ck_assert_str_eq(s->node, "sensors");
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_SUBSCRIBED);
	ck_assert_ptr_null(s->subid);
	iot_pubsub_subscription_free(s);
	xmlFreeDoc(iq->doc);

	iq = fx("unsubscribe.xml");
	s = iot_pubsub_parse_subscription(iq, NULL);
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_NONE);
	iot_pubsub_subscription_free(s);
	xmlFreeDoc(iq->doc);

	iq = fx("subscriptions.xml");
	a = iot_pubsub_parse_subscriptions(iq, NULL, NULL);
	ck_assert_uint_eq(a->len, 1);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	/* The owner's list with the node on each subscription. */
	iq = fx("subscribers.xml");
	a = iot_pubsub_parse_subscriptions(iq, NULL, NULL);
	ck_assert_uint_eq(a->len, 1);
	s = g_ptr_array_index(a, 0);
	ck_assert_str_eq(s->node, "sensors");
	ck_assert_str_eq(s->jid, "alice@home.example");
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	iq = fx("affiliations.xml");
	a = iot_pubsub_parse_affiliations(iq, NULL);
	ck_assert_uint_eq(a->len, 1);
	ck_assert_int_eq(((IotPubsubAffiliationEntry *)g_ptr_array_index(a, 0))->affiliation, IOT_PUBSUB_AFFIL_OWNER);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	iq = fx("items.xml");
	a = iot_pubsub_parse_items(iq, 0, NULL, NULL);
	ck_assert_uint_eq(a->len, 2);
	ck_assert(iot_xml_is(((IotPubsubItem *)g_ptr_array_index(a, 1))->payload, "data", IOT_NS_SOX));
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	iq = fx("pep-items.xml");
	a = iot_pubsub_parse_items(iq, 0, NULL, NULL);
	ck_assert_uint_ge(a->len, 1);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	iq = fx("node-items.xml");
	a = iot_pubsub_parse_node_items(iq, NULL, NULL);
	ck_assert_uint_eq(a->len, 1);
	ck_assert_str_eq(((IotPubsubNodeRef *)g_ptr_array_index(a, 0))->node, "sensors");
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	/* Empty title, description and type fields are no title. */
	iq = fx("node-info.xml");
	m = iot_pubsub_parse_node_info(iq, NULL);
	ck_assert_ptr_null(m->title);
	ck_assert_ptr_null(m->payload_type);
	ck_assert_str_eq(m->access_model, "open");
	ck_assert_str_eq(m->publish_model, "publishers");
	iot_pubsub_node_meta_free(m);
	xmlFreeDoc(iq->doc);

	iq = fx("options-form.xml");
	f = iot_pubsub_parse_form(iq, NULL);
	ck_assert_ptr_nonnull(iot_dataform_find(f, "pubsub#include_body"));
	iot_dataform_free(f);
	xmlFreeDoc(iq->doc);
	iq = fx("configure-form.xml");
	f = iot_pubsub_parse_form(iq, NULL);
	ck_assert_ptr_nonnull(iot_dataform_find(f, "pubsub#access_model"));
	iot_dataform_free(f);
	xmlFreeDoc(iq->doc);
	iq = fx("default-form.xml");
	f = iot_pubsub_parse_form(iq, NULL);
	ck_assert_ptr_nonnull(f);
	iot_dataform_free(f);
	xmlFreeDoc(iq->doc);

	/* create: an empty result names no node */
	iq = fx("create.xml");
	ck_assert_ptr_null(iot_pubsub_parse_created_node(iq));
	xmlFreeDoc(iq->doc);

	iq = fx("error-no-node.xml");
	w = iot_pubsub_error_text(iq);
	ck_assert_str_eq(w, "No such node or item.");
	g_free(w);
	xmlFreeDoc(iq->doc);
	iq = fx("create-conflict.xml");
	w = iot_pubsub_error_text(iq);
	ck_assert_str_eq(w, "A node of that name exists already.");
	g_free(w);
	xmlFreeDoc(iq->doc);
}
END_TEST

static IotPubsubEvent *
event(const char *name, xmlNode **m)
{
	IotPubsubEvent *ev;

	*m = fx(name);
	ev = iot_pubsub_event_parse(*m, NULL);
	ck_assert_msg(ev != NULL, "%s", name);
	return ev;
}

START_TEST(test_prosody_events)
{
	IotSoxMeta *meta = iot_sox_meta_new();
	IotPubsubEvent *ev;
	IotPayload *p;
	xmlNode *m;
	char *line;

	ev = event("event-sensordata.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_ITEMS);
	ck_assert_uint_eq(ev->items->len, 1);
	p = iot_payload_decode(((IotPubsubItem *)g_ptr_array_index(ev->items, 0))->payload, IOT_TIME_UNKNOWN, meta);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SENSORDATA);
	line = iot_payload_summary(p, 80);
	ck_assert_str_eq(line, "61.5 °C Temperature");
	g_free(line);
	iot_payload_free(p);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = event("event-sox.xml", &m);
	p = iot_payload_decode(((IotPubsubItem *)g_ptr_array_index(ev->items, 0))->payload, IOT_TIME_UNKNOWN, meta);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SOX_DATA);
	line = iot_payload_summary(p, 80);
	ck_assert_str_eq(line, "612 co2");
	g_free(line);
	iot_payload_free(p);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = event("event-retract.xml", &m);
	ck_assert_uint_eq(ev->retracted->len, 1);
	ck_assert_str_eq(g_ptr_array_index(ev->retracted, 0), "s1");
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = event("event-purge.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_PURGE);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = event("event-delete.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_DELETE);
	ck_assert_ptr_null(ev->redirect);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = event("pep-event-1.xml", &m);
	ck_assert_str_eq(ev->node, "urn:nf:iot:sd:1.0");
	ck_assert_str_eq(((IotPubsubItem *)g_ptr_array_index(ev->items, 0))->publisher, "alice@home.example");
	ck_assert(!iot_pubsub_event_is_host_node(ev->node));
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);
	iot_sox_meta_free(meta);
}
END_TEST

Suite *
iot_pubsub_prosody_suite(void)
{
	Suite *s = suite_create("pubsub-prosody");
	TCase *tc = tcase_create("prosody");

	tcase_add_test(tc, test_prosody_answers);
	tcase_add_test(tc, test_prosody_events);
	suite_add_tcase(s, tc);
	return s;
}
