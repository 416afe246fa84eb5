/* test-pubsub-event.c — publish-subscribe event notifications, the PEP
 * nodes the jabber prpl keeps, and subscription approvals (§8.6). */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-pubsub-event.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

static IotPubsubEvent *
parse_fixture(const char *name, xmlNode **root)
{
	char *path = g_strconcat("pubsub/", name, NULL);
	IotPubsubEvent *ev;
	GError *e = NULL;

	*root = iot_test_fixture_root(path);
	ev = iot_pubsub_event_parse(*root, &e);
	ck_assert_msg(ev != NULL, "%s: %s", path, e ? e->message : "?");
	g_free(path);
	return ev;
}

START_TEST(test_event_items)
{
	xmlNode *m;
	IotPubsubEvent *ev = parse_fixture("event-items.xml", &m);
	IotPubsubItem *it;

	ck_assert_ptr_eq(iot_pubsub_event_find(m), iot_xml_child(m, "event", NULL));
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_ITEMS);
	ck_assert_str_eq(ev->node, "princely_musings");
	ck_assert_uint_eq(ev->items->len, 1);
	ck_assert_uint_eq(ev->retracted->len, 0);
	ck_assert_uint_eq(ev->subids->len, 0);
	ck_assert_uint_eq(ev->dropped, 0);
	ck_assert(ev->delay == IOT_TIME_UNKNOWN);
	it = g_ptr_array_index(ev->items, 0);
	ck_assert_str_eq(it->id, "ae890ac52d0df67ed7cfdf51b644e901");
	ck_assert_str_eq(it->publisher, "hamlet@denmark.lit");
	ck_assert(it->time == IOT_TIME_UNKNOWN);
	ck_assert(iot_xml_is(it->payload, "entry", "http://www.w3.org/2005/Atom"));
	iot_pubsub_event_free(ev);
	/* The item's payload was copied: it outlives the message. */
	xmlFreeDoc(m->doc);
}
END_TEST

START_TEST(test_event_subid_delay)
{
	xmlNode *m;
	IotPubsubEvent *ev = parse_fixture("event-subid-delay.xml", &m);
	IotPubsubItem *it;
	gint64 t;

	ck_assert(iot_time_parse_datetime("2003-12-13T23:58:37Z", &t));
	ck_assert_uint_eq(ev->subids->len, 2);
	ck_assert_str_eq(g_ptr_array_index(ev->subids, 0), "123-abc");
	ck_assert_str_eq(g_ptr_array_index(ev->subids, 1), "004-yyy");
	ck_assert(ev->delay == t);
	it = g_ptr_array_index(ev->items, 0);
	ck_assert(it->time == t);
	ck_assert_ptr_null(it->payload);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	/* The legacy XEP-0091 stamp. */
	m = iot_test_parse("<message><event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='n'/></event>"
	                   "<x xmlns='jabber:x:delay' stamp='20031213T23:58:37'/></message>");
	ev = iot_pubsub_event_parse(m, NULL);
	ck_assert(ev->delay == t);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);
}
END_TEST

START_TEST(test_event_kinds)
{
	xmlNode *m;
	IotPubsubEvent *ev;

	ev = parse_fixture("event-retract.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_ITEMS);
	ck_assert_uint_eq(ev->items->len, 0);
	ck_assert_uint_eq(ev->retracted->len, 1);
	ck_assert_str_eq(g_ptr_array_index(ev->retracted, 0), "ae890ac52d0df67ed7cfdf51b644e901");
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = parse_fixture("event-purge.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_PURGE);
	ck_assert_str_eq(ev->node, "princely_musings");
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = parse_fixture("event-delete.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_DELETE);
	ck_assert_str_eq(ev->redirect, "xmpp:hamlet@denmark.lit?;node=blog");
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = parse_fixture("event-configuration.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_CONFIGURATION);
	ck_assert_ptr_null(ev->redirect);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = parse_fixture("event-subscription.xml", &m);
	ck_assert_int_eq(ev->kind, IOT_PUBSUB_EVENT_SUBSCRIPTION);
	ck_assert_ptr_nonnull(ev->subscription);
	ck_assert_str_eq(ev->subscription->node, "princely_musings");
	ck_assert_str_eq(ev->subscription->jid, "horatio@denmark.lit");
	ck_assert_int_eq(ev->subscription->state, IOT_PUBSUB_STATE_SUBSCRIBED);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);

	ev = parse_fixture("event-pep-sensordata.xml", &m);
	ck_assert_str_eq(ev->node, "urn:nf:iot:sd:1.0");
	ck_assert(!iot_pubsub_event_is_host_node(ev->node));
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);
}
END_TEST

static void
assert_rejected(const char *xml)
{
	xmlNode *m = iot_test_parse(xml);
	GError *e = NULL;

	ck_assert_ptr_null(iot_pubsub_event_parse(m, &e));
	ck_assert_msg(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED), "%s", xml);
	g_error_free(e);
	xmlFreeDoc(m->doc);
}

START_TEST(test_event_malformed)
{
	GString *long_node = g_string_new("<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='");
	guint i;

	assert_rejected("<message><body>hi</body></message>");
	assert_rejected("<message><event xmlns='urn:other'><items node='n'/></event></message>");
	assert_rejected("<message><event xmlns='http://jabber.org/protocol/pubsub#event'/></message>");
	assert_rejected("<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items/></event></message>");
	assert_rejected("<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items node=''/></event></message>");
	assert_rejected("<message><event xmlns='http://jabber.org/protocol/pubsub#event'><bogus node='n'/></event></message>");
	assert_rejected("<message type='error'><event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='n'/></event></message>");
	for (i = 0; i < 5000; i++)
		g_string_append_c(long_node, 'n');
	g_string_append(long_node, "'/></event></message>");
	assert_rejected(long_node->str);
	g_string_free(long_node, TRUE);
	ck_assert_ptr_null(iot_pubsub_event_parse(NULL, NULL));
	ck_assert_ptr_null(iot_pubsub_event_find(NULL));
}
END_TEST

START_TEST(test_event_bounded)
{
	GString *xml = g_string_new("<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='n'>");
	IotPubsubEvent *ev;
	xmlNode *m;
	guint i;

	for (i = 0; i < 3 * IOT_PUBSUB_MAX_ITEMS; i++)
		g_string_append_printf(xml, "<item id='i%u'><v xmlns='urn:x'>%u</v></item><retract id='r%u'/>", i, i, i);
	g_string_append(xml, "</items></event><headers xmlns='http://jabber.org/protocol/shim'>");
	for (i = 0; i < 100; i++)
		g_string_append_printf(xml, "<header name='SubID'>s%u</header>", i);
	g_string_append(xml, "</headers></message>");
	m = iot_test_parse(xml->str);
	ev = iot_pubsub_event_parse(m, NULL);
	ck_assert_uint_eq(ev->items->len, IOT_PUBSUB_MAX_ITEMS);
	ck_assert_uint_eq(ev->retracted->len, IOT_PUBSUB_MAX_ITEMS);
	ck_assert_uint_eq(ev->dropped, 4 * IOT_PUBSUB_MAX_ITEMS);
	ck_assert_uint_le(ev->subids->len, 16);
	iot_pubsub_event_free(ev);
	xmlFreeDoc(m->doc);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_host_nodes)
{
	static const char *const host[] = {
		"urn:xmpp:avatar:metadata", "urn:xmpp:avatar:data", "http://jabber.org/protocol/nick",
		"http://jabber.org/protocol/mood", "http://jabber.org/protocol/tune",
	};
	static const char *const not_host[] = {
		"urn:nf:iot:sd:1.0", "urn:xmpp:iot:sensordata", "lab-42_data", "princely_musings", "",
		/* ending as one of the host nodes is not being one */
		"xurn:xmpp:avatar:metadata", "sensors/urn:xmpp:avatar:data", "evil http://jabber.org/protocol/nick",
		"http://jabber.org/protocol/mood/x", "http://jabber.org/protocol/tune+notify",
		"HTTP://JABBER.ORG/PROTOCOL/TUNE", "urn:xmpp:avatar", "http://jabber.org/protocol/pubsub",
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(host); i++)
		ck_assert_msg(iot_pubsub_event_is_host_node(host[i]), "%s", host[i]);
	for (i = 0; i < G_N_ELEMENTS(not_host); i++)
		ck_assert_msg(!iot_pubsub_event_is_host_node(not_host[i]), "%s", not_host[i]);
	ck_assert(!iot_pubsub_event_is_host_node(NULL));
}
END_TEST

START_TEST(test_approval)
{
	xmlNode *m = iot_test_fixture_root("pubsub/approval-request.xml"), *ans;
	IotPubsubApproval *a = iot_pubsub_approval_parse(m);
	char *s;

	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->node, "princely_musings");
	ck_assert_str_eq(a->subscriber, "horatio@denmark.lit");
	ck_assert_str_eq(a->subid, "123-abc");
	ck_assert_ptr_null(a->service);
	a->service = g_strdup("pubsub.shakespeare.lit");
	ans = iot_pubsub_approval_build_answer(a, TRUE);
	s = iot_xml_to_string(ans);
	ck_assert_str_eq(s, "<message to=\"pubsub.shakespeare.lit\"><x xmlns=\"jabber:x:data\" type=\"submit\">"
	                    "<field var=\"FORM_TYPE\" type=\"hidden\"><value>http://jabber.org/protocol/pubsub#subscribe_authorization</value></field>"
	                    "<field var=\"pubsub#subid\"><value>123-abc</value></field>"
	                    "<field var=\"pubsub#node\"><value>princely_musings</value></field>"
	                    "<field var=\"pubsub#subscriber_jid\"><value>horatio@denmark.lit</value></field>"
	                    "<field var=\"pubsub#allow\"><value>true</value></field></x></message>");
	g_free(s);
	xmlFreeNode(ans);
	ans = iot_pubsub_approval_build_answer(a, FALSE);
	s = iot_xml_to_string(ans);
	ck_assert_ptr_nonnull(strstr(s, "<field var=\"pubsub#allow\"><value>false</value></field>"));
	g_free(s);
	xmlFreeNode(ans);
	/* The answer reads back as the same request (a service reads it so). */
	iot_pubsub_approval_free(a);
	xmlFreeDoc(m->doc);
}
END_TEST

static void
assert_no_approval(const char *xml)
{
	xmlNode *m = iot_test_parse(xml);

	ck_assert_msg(iot_pubsub_approval_parse(m) == NULL, "%s", xml);
	xmlFreeDoc(m->doc);
}

START_TEST(test_approval_rejects)
{
	assert_no_approval("<message><body>hi</body></message>");
	/* another form */
	assert_no_approval("<message><x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'>"
	                   "<value>urn:other</value></field><field var='pubsub#node'><value>n</value></field>"
	                   "<field var='pubsub#subscriber_jid'><value>a@b</value></field></x></message>");
	/* no subscriber */
	assert_no_approval("<message><x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'>"
	                   "<value>http://jabber.org/protocol/pubsub#subscribe_authorization</value></field>"
	                   "<field var='pubsub#node'><value>n</value></field></x></message>");
	/* a submitted one (our own answer, echoed) is no request */
	assert_no_approval("<message><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
	                   "<value>http://jabber.org/protocol/pubsub#subscribe_authorization</value></field>"
	                   "<field var='pubsub#node'><value>n</value></field>"
	                   "<field var='pubsub#subscriber_jid'><value>a@b</value></field></x></message>");
	assert_no_approval("<message type='error'><x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'>"
	                   "<value>http://jabber.org/protocol/pubsub#subscribe_authorization</value></field>"
	                   "<field var='pubsub#node'><value>n</value></field>"
	                   "<field var='pubsub#subscriber_jid'><value>a@b</value></field></x></message>");
	ck_assert_ptr_null(iot_pubsub_approval_parse(NULL));
}
END_TEST

Suite *
iot_pubsub_event_suite(void)
{
	Suite *s = suite_create("pubsub-event");
	TCase *tc = tcase_create("event");

	tcase_add_test(tc, test_event_items);
	tcase_add_test(tc, test_event_subid_delay);
	tcase_add_test(tc, test_event_kinds);
	tcase_add_test(tc, test_event_malformed);
	tcase_add_test(tc, test_event_bounded);
	tcase_add_test(tc, test_host_nodes);
	tcase_add_test(tc, test_approval);
	tcase_add_test(tc, test_approval_rejects);
	suite_add_tcase(s, tc);
	return s;
}
