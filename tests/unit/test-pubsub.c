/* test-pubsub.c — publish-subscribe: model, builders, answers, errors, one
 * request (fixtures: XEP-0060 examples in tests/fixtures/pubsub). */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-error.h"
#include "iot-pubsub.h"
#include "iot-xml.h"

#include <string.h>

#define SERVICE "pubsub.shakespeare.lit"

static xmlNode *
fx(const char *name)
{
	char *path = g_strconcat("pubsub/", name, NULL);
	xmlNode *root = iot_test_fixture_root(path);

	g_free(path);
	return root;
}

static char *
str(xmlNode *n)
{
	char *s = iot_xml_to_string(n);

	xmlFreeNode(n);
	return s;
}

START_TEST(test_states_and_affiliations)
{
	guint i;

	for (i = IOT_PUBSUB_STATE_NONE; i <= IOT_PUBSUB_STATE_SUBSCRIBED; i++) {
		ck_assert_int_eq(iot_pubsub_state_parse(iot_pubsub_state_name(i)), i);
		ck_assert_ptr_nonnull(iot_pubsub_state_text(i));
	}
	ck_assert_int_eq(iot_pubsub_state_parse(NULL), IOT_PUBSUB_STATE_NONE);
	ck_assert_int_eq(iot_pubsub_state_parse("bogus"), IOT_PUBSUB_STATE_NONE);
	ck_assert_str_eq(iot_pubsub_state_name(IOT_PUBSUB_STATE_UNCONFIGURED), "unconfigured");
	for (i = IOT_PUBSUB_AFFIL_NONE; i <= IOT_PUBSUB_AFFIL_OUTCAST; i++) {
		ck_assert_int_eq(iot_pubsub_affiliation_parse(iot_pubsub_affiliation_name(i)), i);
		ck_assert_ptr_nonnull(iot_pubsub_affiliation_text(i));
	}
	ck_assert_str_eq(iot_pubsub_affiliation_name(IOT_PUBSUB_AFFIL_PUBLISH_ONLY), "publish-only");
}
END_TEST

START_TEST(test_build_subscribe_and_friends)
{
	char *s;

	s = str(iot_pubsub_build_subscribe("sensors/boiler", "me@home.example", NULL));
	ck_assert_str_eq(s, "<iq type=\"set\"><pubsub xmlns=\"http://jabber.org/protocol/pubsub\">"
	                    "<subscribe node=\"sensors/boiler\" jid=\"me@home.example\"/></pubsub></iq>");
	g_free(s);
	s = str(iot_pubsub_build_unsubscribe("n", "me@home.example", "s1"));
	ck_assert_ptr_nonnull(strstr(s, "<unsubscribe node=\"n\" jid=\"me@home.example\" subid=\"s1\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_subscriptions(NULL));
	ck_assert_ptr_nonnull(strstr(s, "type=\"get\""));
	ck_assert_ptr_nonnull(strstr(s, "<subscriptions/>"));
	g_free(s);
	s = str(iot_pubsub_build_items("n", 10, NULL));
	ck_assert_ptr_nonnull(strstr(s, "<items node=\"n\" max_items=\"10\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_items("n&<", 0, "x"));
	ck_assert_ptr_nonnull(strstr(s, "<items node=\"n&amp;&lt;\" subid=\"x\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_node_info("blogs"));
	ck_assert_str_eq(s, "<iq type=\"get\"><query xmlns=\"http://jabber.org/protocol/disco#info\" node=\"blogs\"/></iq>");
	g_free(s);
	s = str(iot_pubsub_build_node_items(NULL));
	ck_assert_str_eq(s, "<iq type=\"get\"><query xmlns=\"http://jabber.org/protocol/disco#items\"/></iq>");
	g_free(s);
	s = str(iot_pubsub_build_options_get("n", "me@x", NULL));
	ck_assert_ptr_nonnull(strstr(s, "<options node=\"n\" jid=\"me@x\"/>"));
	g_free(s);
}
END_TEST

START_TEST(test_build_owner)
{
	IotDataForm *form = iot_dataform_new(IOT_FORM_SUBMIT);
	IotFormField *f = iot_form_field_new(IOT_FORM_FIELD_HIDDEN, "FORM_TYPE");
	char *s;

	g_ptr_array_add(f->values, g_strdup("http://jabber.org/protocol/pubsub#node_config"));
	iot_dataform_add_field(form, f);
	f = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, "pubsub#title");
	g_ptr_array_add(f->values, g_strdup("Boiler"));
	iot_dataform_add_field(form, f);

	s = str(iot_pubsub_build_create(NULL, NULL));
	ck_assert_ptr_nonnull(strstr(s, "<create/>"));
	g_free(s);
	s = str(iot_pubsub_build_create("boiler", form));
	ck_assert_ptr_nonnull(strstr(s, "<create node=\"boiler\"/><configure><x xmlns=\"jabber:x:data\" type=\"submit\">"));
	ck_assert_ptr_nonnull(strstr(s, "<field var=\"pubsub#title\"><value>Boiler</value></field>"));
	ck_assert_ptr_nonnull(strstr(s, "<field var=\"FORM_TYPE\" type=\"hidden\">"));
	g_free(s);
	s = str(iot_pubsub_build_configure_submit("boiler", form));
	ck_assert_ptr_nonnull(strstr(s, "pubsub#owner\"><configure node=\"boiler\"><x"));
	g_free(s);
	s = str(iot_pubsub_build_subscribe("n", "me@x", form));
	ck_assert_ptr_nonnull(strstr(s, "<subscribe node=\"n\" jid=\"me@x\"/><options node=\"n\" jid=\"me@x\"><x"));
	g_free(s);
	s = str(iot_pubsub_build_options_submit("n", "me@x", "s", form));
	ck_assert_ptr_nonnull(strstr(s, "type=\"set\""));
	ck_assert_ptr_nonnull(strstr(s, "<options node=\"n\" jid=\"me@x\" subid=\"s\"><x"));
	g_free(s);
	iot_dataform_free(form);

	s = str(iot_pubsub_build_default_config());
	ck_assert_ptr_nonnull(strstr(s, "<pubsub xmlns=\"http://jabber.org/protocol/pubsub#owner\"><default/>"));
	g_free(s);
	s = str(iot_pubsub_build_configure_get("n"));
	ck_assert_ptr_nonnull(strstr(s, "<configure node=\"n\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_purge("n"));
	ck_assert_ptr_nonnull(strstr(s, "#owner\"><purge node=\"n\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_delete("n"));
	ck_assert_ptr_nonnull(strstr(s, "#owner\"><delete node=\"n\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_affiliations_get("n"));
	ck_assert_ptr_nonnull(strstr(s, "#owner\"><affiliations node=\"n\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_affiliation_set("n", "a@b", IOT_PUBSUB_AFFIL_PUBLISHER));
	ck_assert_ptr_nonnull(strstr(s, "<affiliation jid=\"a@b\" affiliation=\"publisher\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_subscribers_get("n"));
	ck_assert_ptr_nonnull(strstr(s, "#owner\"><subscriptions node=\"n\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_subscriber_set("n", "a@b", "s1", IOT_PUBSUB_STATE_SUBSCRIBED));
	ck_assert_ptr_nonnull(strstr(s, "<subscription jid=\"a@b\" subscription=\"subscribed\" subid=\"s1\"/>"));
	g_free(s);
	s = str(iot_pubsub_build_publish("n", "current", iot_xml_new("data", "http://jabber.org/protocol/sox")));
	ck_assert_ptr_nonnull(strstr(s, "<publish node=\"n\"><item id=\"current\"><data xmlns=\"http://jabber.org/protocol/sox\"/></item></publish>"));
	g_free(s);
	s = str(iot_pubsub_build_publish("n", NULL, NULL));
	ck_assert_ptr_nonnull(strstr(s, "<publish node=\"n\"><item/></publish>"));
	g_free(s);
	s = str(iot_pubsub_build_retract("n", "i1", TRUE));
	ck_assert_ptr_nonnull(strstr(s, "<retract node=\"n\" notify=\"true\"><item id=\"i1\"/></retract>"));
	g_free(s);
}
END_TEST

START_TEST(test_parse_subscription)
{
	xmlNode *iq = fx("subscribe-result.xml");
	IotPubsubSubscription *s = iot_pubsub_parse_subscription(iq, NULL), *c;
	GError *e = NULL;

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->node, "princely_musings");
	ck_assert_str_eq(s->jid, "francisco@denmark.lit");
	ck_assert_str_eq(s->subid, "ba49252aaa4f5d320c24d3766f0bdcade78c78d3");
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_SUBSCRIBED);
	ck_assert(!s->options_required);
	c = iot_pubsub_subscription_copy(s);
	ck_assert_str_eq(c->subid, s->subid);
	iot_pubsub_subscription_free(c);
	iot_pubsub_subscription_free(s);
	xmlFreeDoc(iq->doc);

	iq = fx("subscribe-pending.xml");
	s = iot_pubsub_parse_subscription(iq, NULL);
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_PENDING);
	ck_assert_ptr_null(s->subid);
	iot_pubsub_subscription_free(s);
	xmlFreeDoc(iq->doc);

	iq = fx("subscribe-unconfigured.xml");
	s = iot_pubsub_parse_subscription(iq, NULL);
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_UNCONFIGURED);
	ck_assert(s->options_required);
	iot_pubsub_subscription_free(s);
	xmlFreeDoc(iq->doc);

	/* An empty result is allowed: NULL without an error. */
	iq = fx("subscribe-empty.xml");
	ck_assert_ptr_null(iot_pubsub_parse_subscription(iq, &e));
	ck_assert_ptr_null(e);
	xmlFreeDoc(iq->doc);

	/* ejabberd: <subscription/> without `subscription` is a success. */
	iq = iot_test_parse("<iq type='result'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
	                    "<subscription node='n' jid='a@b'/></pubsub></iq>");
	s = iot_pubsub_parse_subscription(iq, NULL);
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_SUBSCRIBED);
	iot_pubsub_subscription_free(s);
	xmlFreeDoc(iq->doc);

	/* An error answer is no subscription. */
	iq = fx("error-closed-node.xml");
	ck_assert_ptr_null(iot_pubsub_parse_subscription(iq, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
	xmlFreeDoc(iq->doc);
	ck_assert_ptr_null(iot_pubsub_parse_subscription(NULL, NULL));
}
END_TEST

START_TEST(test_parse_subscriptions)
{
	xmlNode *iq = fx("subscriptions.xml");
	gboolean trunc = TRUE;
	GPtrArray *a = iot_pubsub_parse_subscriptions(iq, &trunc, NULL);
	IotPubsubSubscription *s;

	ck_assert(!trunc);
	ck_assert_uint_eq(a->len, 5);
	s = g_ptr_array_index(a, 2);
	ck_assert_str_eq(s->node, "node5");
	ck_assert_int_eq(s->state, IOT_PUBSUB_STATE_UNCONFIGURED);
	s = g_ptr_array_index(a, 4);
	ck_assert_str_eq(s->subid, "004-yyy");
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	/* The owner's list: node on the list, jid on each. */
	iq = fx("subscribers.xml");
	a = iot_pubsub_parse_subscriptions(iq, NULL, NULL);
	ck_assert_uint_eq(a->len, 4);
	s = g_ptr_array_index(a, 1);
	ck_assert_str_eq(s->node, "princely_musings");
	ck_assert_str_eq(s->jid, "polonius@denmark.lit");
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);
}
END_TEST

START_TEST(test_subscriptions_bounded)
{
	GString *xml = g_string_new("<iq type='result'><pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions>");
	gboolean trunc = FALSE;
	GPtrArray *a;
	xmlNode *iq;
	guint i;

	for (i = 0; i < IOT_PUBSUB_MAX_SUBSCRIPTIONS + 10; i++)
		g_string_append_printf(xml, "<subscription node='n%u' jid='a@b' subscription='subscribed'/>", i);
	/* Nodes too long to be names are skipped, not cut. */
	g_string_append(xml, "<subscription node='");
	for (i = 0; i < 5000; i++)
		g_string_append_c(xml, 'x');
	g_string_append(xml, "'/></subscriptions></pubsub></iq>");
	iq = iot_test_parse(xml->str);
	a = iot_pubsub_parse_subscriptions(iq, &trunc, NULL);
	ck_assert(trunc);
	ck_assert_uint_eq(a->len, IOT_PUBSUB_MAX_SUBSCRIPTIONS);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_parse_items)
{
	xmlNode *iq = fx("items.xml");
	gboolean trunc = TRUE;
	GPtrArray *a = iot_pubsub_parse_items(iq, 0, &trunc, NULL);
	IotPubsubItem *it, *c;

	ck_assert(!trunc);
	ck_assert_uint_eq(a->len, 3);
	it = g_ptr_array_index(a, 0);
	ck_assert_str_eq(it->id, "368866411b877c30064a5f62b917cffe");
	ck_assert_ptr_null(it->publisher);
	ck_assert(it->time == IOT_TIME_UNKNOWN);
	ck_assert(iot_xml_is(it->payload, "entry", "http://www.w3.org/2005/Atom"));
	ck_assert_ptr_null(it->payload->parent);
	it = g_ptr_array_index(a, 1);
	ck_assert_str_eq(it->publisher, "hamlet@denmark.lit");
	c = iot_pubsub_item_copy(it);
	ck_assert(iot_xml_is(c->payload, "entry", "http://www.w3.org/2005/Atom"));
	ck_assert_ptr_nonnull(iot_xml_child(c->payload, "title", NULL));
	iot_pubsub_item_free(c);
	it = g_ptr_array_index(a, 2);
	ck_assert_ptr_null(it->payload);
	ck_assert(!it->payload_too_big);
	g_ptr_array_unref(a);

	a = iot_pubsub_parse_items(iq, 2, &trunc, NULL);
	ck_assert(trunc);
	ck_assert_uint_eq(a->len, 2);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);
}
END_TEST

START_TEST(test_item_payload_too_big)
{
	GString *xml = g_string_new("<iq type='result'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
	                            "<items node='n'><item id='big'><p xmlns='urn:x'>");
	GPtrArray *a;
	xmlNode *iq;
	IotPubsubItem *it;
	guint i;

	for (i = 0; i < IOT_PUBSUB_MAX_PAYLOAD_BYTES / 8 + 10; i++)
		g_string_append(xml, "<a>x</a>");
	g_string_append(xml, "</p></item></items></pubsub></iq>");
	iq = iot_test_parse(xml->str);
	a = iot_pubsub_parse_items(iq, 0, NULL, NULL);
	it = g_ptr_array_index(a, 0);
	ck_assert(it->payload_too_big);
	ck_assert_ptr_null(it->payload);
	ck_assert_str_eq(it->id, "big");
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_parse_disco)
{
	xmlNode *iq = fx("disco-items.xml");
	GPtrArray *a = iot_pubsub_parse_node_items(iq, NULL, NULL);
	IotPubsubNodeRef *r;
	IotPubsubNodeMeta *m;

	ck_assert_uint_eq(a->len, 2);
	r = g_ptr_array_index(a, 1);
	ck_assert_str_eq(r->jid, SERVICE);
	ck_assert_str_eq(r->node, "news");
	ck_assert_str_eq(r->name, "News and announcements");
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	iq = fx("node-info.xml");
	m = iot_pubsub_parse_node_info(iq, NULL);
	ck_assert_str_eq(m->node, "blogs");
	ck_assert(!m->is_collection);
	ck_assert_str_eq(m->title, "Princely Musings (Atom)");
	ck_assert_str_eq(m->description, "Updates for Hamlet's Princely Musings weblog.");
	ck_assert_str_eq(m->payload_type, "http://www.w3.org/2005/Atom");
	ck_assert_str_eq(m->access_model, "authorize");
	ck_assert_str_eq(m->publish_model, "publishers");
	ck_assert_int_eq(m->num_subscribers, 1066);
	ck_assert_int_eq(m->num_items, -1);
	ck_assert_int_eq(m->max_items, G_MAXINT);
	ck_assert_str_eq(m->owners[0], "hamlet@denmark.lit");
	ck_assert_ptr_null(m->owners[1]);
	ck_assert_str_eq(m->publishers[1], "horatio@denmark.lit");
	ck_assert(!iot_pubsub_info_is_service(iq));
	iot_pubsub_node_meta_free(m);
	xmlFreeDoc(iq->doc);

	iq = iot_test_parse("<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info' node='c'>"
	                    "<identity category='pubsub' type='collection' name='Rooms'/></query></iq>");
	m = iot_pubsub_parse_node_info(iq, NULL);
	ck_assert(m->is_collection);
	ck_assert_str_eq(m->title, "Rooms");
	ck_assert_ptr_null(m->owners);
	iot_pubsub_node_meta_free(m);
	xmlFreeDoc(iq->doc);

	iq = fx("service-info.xml");
	ck_assert(iot_pubsub_info_is_service(iq));
	xmlFreeDoc(iq->doc);
	iq = fx("pep-info.xml");
	ck_assert(!iot_pubsub_info_is_service(iq));
	xmlFreeDoc(iq->doc);
}
END_TEST

START_TEST(test_parse_owner_answers)
{
	xmlNode *iq = fx("affiliations.xml");
	GPtrArray *a = iot_pubsub_parse_affiliations(iq, NULL);
	IotPubsubAffiliationEntry *e;
	IotDataForm *form;
	char *node;

	ck_assert_uint_eq(a->len, 3);
	e = g_ptr_array_index(a, 1);
	ck_assert_str_eq(e->jid, "polonius@denmark.lit");
	ck_assert_int_eq(e->affiliation, IOT_PUBSUB_AFFIL_OUTCAST);
	e = g_ptr_array_index(a, 2);
	ck_assert_int_eq(e->affiliation, IOT_PUBSUB_AFFIL_PUBLISH_ONLY);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	iq = fx("options-form.xml");
	form = iot_pubsub_parse_form(iq, NULL);
	ck_assert_ptr_nonnull(form);
	ck_assert_ptr_nonnull(iot_dataform_find(form, "pubsub#deliver"));
	ck_assert_int_eq(iot_dataform_find(form, "pubsub#deliver")->type, IOT_FORM_FIELD_BOOLEAN);
	iot_dataform_free(form);
	xmlFreeDoc(iq->doc);

	iq = fx("configure-form.xml");
	form = iot_pubsub_parse_form(iq, NULL);
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(form, "pubsub#access_model")), "open");
	iot_dataform_free(form);
	xmlFreeDoc(iq->doc);

	iq = fx("create-instant.xml");
	node = iot_pubsub_parse_created_node(iq);
	ck_assert_str_eq(node, "25e3d37dabbab9541f7523321421edc5bfeb2dae");
	g_free(node);
	ck_assert_ptr_null(iot_pubsub_parse_form(iq, NULL));
	xmlFreeDoc(iq->doc);
}
END_TEST

static void
assert_error_words(const char *fixture, const char *expected)
{
	xmlNode *iq = fx(fixture);
	char *w = iot_pubsub_error_text(iq);

	ck_assert_msg(strcmp(w, expected) == 0, "%s: got \"%s\"", fixture, w);
	g_free(w);
	xmlFreeDoc(iq->doc);
}

START_TEST(test_error_words)
{
	assert_error_words("error-presence-required.xml",
	                   "Not authorized: only contacts who see the owner's presence may subscribe to this node.");
	assert_error_words("error-closed-node.xml",
	                   "Not allowed: only people the owner lists may subscribe to this node.");
	assert_error_words("error-item-not-found.xml",
	                   "No such node or item. (The service says: Node does not exist)");
	assert_error_words("error-unsupported.xml", "The service does not support subscribe.");
	assert_error_words("error-pending.xml", "The subscription is waiting for the owner's approval.");
	assert_error_words("error-payload-too-big.xml", "The item is too big for this node.");
	assert_error_words("error-service-unavailable.xml", "The service is unavailable.");
}
END_TEST

START_TEST(test_error_words_hostile)
{
	GString *xml = g_string_new("<iq type='error'><error type='cancel'><weird xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	                            "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>");
	xmlNode *iq;
	char *w;
	guint i;

	for (i = 0; i < 10000; i++)
		g_string_append(xml, "&lt;b&gt;");
	g_string_append(xml, "</text></error></iq>");
	iq = iot_test_parse(xml->str);
	w = iot_pubsub_error_text(iq);
	ck_assert(g_str_has_prefix(w, "The service refused the request. (The service says: <b>"));
	ck_assert_uint_lt(strlen(w), 1200);
	ck_assert(g_utf8_validate(w, -1, NULL));
	g_free(w);
	xmlFreeDoc(iq->doc);
	g_string_free(xml, TRUE);
	w = iot_pubsub_error_text(NULL);
	ck_assert_str_eq(w, "The service refused the request.");
	g_free(w);
}
END_TEST

/* --- one request ---------------------------------------------------------- */

typedef struct {
	guint calls;
	guint destroyed;
	gboolean got_result;
	int code;
	char *message;
	char *node;
} Got;

static void
got_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	g->got_result = result != NULL;
	if (error != NULL) {
		g->code = error->code;
		g->message = g_strdup(error->message);
	} else {
		IotPubsubSubscription *s = iot_pubsub_parse_subscription(result, NULL);

		g->node = s ? g_strdup(s->node) : NULL;
		iot_pubsub_subscription_free(s);
	}
}

static void
got_destroy(gpointer data)
{
	((Got *)data)->destroyed++;
}

static void
got_clear(Got *g)
{
	g_free(g->message);
	g_free(g->node);
	memset(g, 0, sizeof *g);
}

START_TEST(test_request_result_and_errors)
{
	Got g = { 0 };
	char *to;

	iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_subscribe("princely_musings", "f@denmark.lit", NULL),
	                   5000, got_cb, &g, got_destroy);
	to = fake_transport_last_attr(fake_ft, "iq", "to");
	ck_assert_str_eq(to, SERVICE);
	g_free(to);
	/* From someone else: not claimed. */
	ck_assert(!fake_table_answer("evil@denmark.lit", "pubsub/subscribe-result.xml", NULL));
	ck_assert_uint_eq(g.calls, 0);
	ck_assert(fake_table_answer(SERVICE, "pubsub/subscribe-result.xml", NULL));
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_uint_eq(g.destroyed, 1);
	ck_assert(g.got_result);
	ck_assert_str_eq(g.node, "princely_musings");
	got_clear(&g);

	iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_subscribe("n", "f@denmark.lit", NULL), 5000, got_cb, &g,
	                   got_destroy);
	ck_assert(fake_table_answer(SERVICE, "pubsub/error-presence-required.xml", NULL));
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_uint_eq(g.destroyed, 1);
	ck_assert(!g.got_result);
	ck_assert_int_eq(g.code, IOT_ERROR_REJECTED);
	ck_assert_str_eq(g.message,
	                 "Not authorized: only contacts who see the owner's presence may subscribe to this node.");
	got_clear(&g);

	iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_items("n", 5, NULL), 5000, got_cb, &g, got_destroy);
	ck_assert(fake_table_answer(SERVICE, "pubsub/error-item-not-found.xml", NULL));
	ck_assert_int_eq(g.code, IOT_ERROR_NOT_FOUND);
	got_clear(&g);

	/* Timeout, then the late answer is dropped. */
	iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_items("n", 5, NULL), 5000, got_cb, &g, got_destroy);
	fake_transport_advance(fake_ft, 6000);
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_TIMEOUT);
	ck_assert(!fake_table_answer(SERVICE, "pubsub/items.xml", NULL));
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_uint_eq(g.destroyed, 1);
	got_clear(&g);
}
END_TEST

static void
cancel_in_cb(const xmlNode *result, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	iot_request_table_cancel(fake_table, GPOINTER_TO_UINT(g->node));
}

START_TEST(test_request_cancel_and_disconnect)
{
	Got g = { 0 };
	guint h;

	h = iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_purge("n"), 5000, got_cb, &g, got_destroy);
	ck_assert(iot_request_table_cancel(fake_table, h));
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_CANCELLED);
	ck_assert_uint_eq(g.destroyed, 1);
	got_clear(&g);

	/* The callback cancels its own request: still one call, one destroy. */
	h = iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_purge("n"), 5000, cancel_in_cb, &g, got_destroy);
	g.node = GUINT_TO_POINTER(h);
	ck_assert(fake_table_answer(SERVICE, NULL, "<iq type='result'/>"));
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_uint_eq(g.destroyed, 1);
	g.node = NULL;
	got_clear(&g);

	iot_pubsub_request(fake_table, SERVICE, iot_pubsub_build_purge("n"), 5000, got_cb, &g, got_destroy);
	iot_request_table_fail_all(fake_table, IOT_ERROR_DISCONNECTED, "disconnected");
	ck_assert_uint_eq(g.calls, 1);
	ck_assert_int_eq(g.code, IOT_ERROR_DISCONNECTED);
	ck_assert_uint_eq(g.destroyed, 1);
	got_clear(&g);
}
END_TEST

Suite *
iot_pubsub_suite(void)
{
	Suite *s = suite_create("pubsub");
	TCase *tc = tcase_create("codec");
	TCase *flow = tcase_create("request");

	tcase_add_test(tc, test_states_and_affiliations);
	tcase_add_test(tc, test_build_subscribe_and_friends);
	tcase_add_test(tc, test_build_owner);
	tcase_add_test(tc, test_parse_subscription);
	tcase_add_test(tc, test_parse_subscriptions);
	tcase_add_test(tc, test_subscriptions_bounded);
	tcase_add_test(tc, test_parse_items);
	tcase_add_test(tc, test_item_payload_too_big);
	tcase_add_test(tc, test_parse_disco);
	tcase_add_test(tc, test_parse_owner_answers);
	tcase_add_test(tc, test_error_words);
	tcase_add_test(tc, test_error_words_hostile);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(flow, fake_table_setup, fake_table_teardown);
	tcase_add_test(flow, test_request_result_and_errors);
	tcase_add_test(flow, test_request_cancel_and_disconnect);
	suite_add_tcase(s, flow);
	return s;
}
