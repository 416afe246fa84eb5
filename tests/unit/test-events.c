/* test-events.c — event subscriptions: building and reading <subscribe/>
 * and <unsubscribe/> on the protoXEP's and the NF documents' examples in
 * every spelling, bounds, and NF sensor data published over PEP. The flow
 * is tested in test-events-flow.c. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-events.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

Suite *iot_events_suite(void);
TCase *iot_events_flow_tcase(void);

/* ---- codec ------------------------------------------------------------------ */

START_TEST(test_build_subscribe_xsf_and_nf)
{
	IotEventsRequest *req = iot_events_request_new();
	IotEventsField *f;
	IotNodeRef nd = { "DI1", "Src", NULL };
	xmlNode *n;
	char *s;

	req->categories = IOT_CAT_MOMENTARY;
	req->max_interval = 5400;
	req->min_interval = 5;
	req->max_age = 300;
	req->immediate = TRUE;
	req->user_token = g_strdup("U1");
	iot_events_request_add_node(req, &nd);
	f = iot_events_request_add_field(req, "Light");
	f->changed_by = 5;
	f->changed_up = 7; /* ignored when changedBy is given */
	f = iot_events_request_add_field(req, "Lux");
	f->current = g_strdup("0.1");
	f->changed_up = 50;
	f->changed_down = 0.1;

	n = iot_events_build_subscribe(IOT_GEN_XSF, "17", req);
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<subscribe xmlns=\"urn:xmpp:iot:events\" seqnr=\"17\" momentary=\"true\" "
	                    "minInterval=\"PT5S\" maxInterval=\"PT1H30M\" maxAge=\"PT5M\" req=\"true\" "
	                    "userToken=\"U1\"><node nodeId=\"DI1\" sourceId=\"Src\"/>"
	                    "<field name=\"Light\" changedBy=\"5\"/><field name=\"Lux\" currentValue=\"0.1\" "
	                    "changedUp=\"50\" changedDown=\"0.1\"/></subscribe>");
	g_free(s);
	xmlFreeNode(n);

	n = iot_events_build_subscribe(IOT_GEN_NF, "sub-1", req);
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<subscribe xmlns=\"urn:nf:iot:events:1.0\" id=\"sub-1\" m=\"true\" "
	                    "minInt=\"PT5S\" maxInt=\"PT1H30M\" maxAge=\"PT5M\" req=\"true\" ut=\"U1\">"
	                    "<nd id=\"DI1\" src=\"Src\"/><f n=\"Light\" by=\"5\"/>"
	                    "<f n=\"Lux\" v=\"0.1\" up=\"50\" dn=\"0.1\"/></subscribe>");
	g_free(s);
	xmlFreeNode(n);

	n = iot_events_build_unsubscribe(IOT_GEN_NFI, "sub-1");
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<unsubscribe xmlns=\"urn:nfi:iot:events:1.0\" id=\"sub-1\"/>");
	g_free(s);
	xmlFreeNode(n);
	iot_events_request_free(req);
}
END_TEST

START_TEST(test_build_categories_all_and_history)
{
	IotEventsRequest *req = iot_events_request_new();
	xmlNode *n;

	req->categories = IOT_CAT_ALL;
	n = iot_events_build_subscribe(IOT_GEN_XSF, "1", req);
	ck_assert_str_eq(iot_xml_attr(n, "all"), "true");
	ck_assert_ptr_null(iot_xml_attr(n, "momentary"));
	xmlFreeNode(n);
	req->categories = IOT_CAT_STATUS | IOT_CAT_HISTORICAL;
	n = iot_events_build_subscribe(IOT_GEN_XSF, "1", req);
	ck_assert_str_eq(iot_xml_attr(n, "historical"), "true");
	ck_assert_str_eq(iot_xml_attr(n, "status"), "true");
	xmlFreeNode(n);
	req->categories = IOT_CAT_HIST_DAY;
	n = iot_events_build_subscribe(IOT_GEN_IEEE, "x", req);
	ck_assert_str_eq(iot_xml_attr(n, "h"), "true");
	xmlFreeNode(n);
	iot_events_request_free(req);
}
END_TEST

START_TEST(test_parse_protoxep_examples)
{
	xmlNode *iq = iot_test_fixture_root("events/xsf-subscribe-changes.xml");
	IotGeneration gen = IOT_GEN_UNKNOWN;
	IotEventsRequest *req = iot_events_parse_subscribe(iot_xml_first(iq), &gen, NULL);

	ck_assert_ptr_nonnull(req);
	ck_assert_int_eq(gen, IOT_GEN_XSF);
	ck_assert_str_eq(req->id, "1");
	ck_assert_uint_eq(req->categories, IOT_CAT_MOMENTARY);
	ck_assert_uint_eq(req->max_interval, 900);
	ck_assert_uint_eq(req->min_interval, 5);
	ck_assert_uint_eq(req->n_fields, 3);
	ck_assert_str_eq(req->fields[0].name, "Light");
	ck_assert(req->fields[0].changed_by == 5);
	ck_assert_str_eq(req->fields[1].current, "0");
	ck_assert_ptr_null(req->fields[2].current);
	ck_assert(req->fields[2].changed_by == 0);
	iot_events_request_free(req);
	xmlFreeDoc(iq->doc);

	/* The protoXEP's own typos: changeBy, maxInternval. */
	iq = iot_test_fixture_root("events/xsf-subscribe-nodes.xml");
	req = iot_events_parse_subscribe(iot_xml_first(iq), NULL, NULL);
	ck_assert_uint_eq(req->n_nodes, 4);
	ck_assert_str_eq(req->nodes[3].node_id, "DI4");
	ck_assert_uint_eq(req->max_interval, 3600);
	ck_assert(req->fields[0].changed_by == 1);
	iot_events_request_free(req);
	xmlFreeDoc(iq->doc);

	iq = iot_test_fixture_root("events/xsf-subscribe-history.xml");
	req = iot_events_parse_subscribe(iot_xml_first(iq), NULL, NULL);
	ck_assert_uint_eq(req->categories, IOT_CAT_ALL);
	ck_assert_uint_eq(req->max_age, 300);
	ck_assert(req->fields[2].changed_up == 1);
	iot_events_request_free(req);
	xmlFreeDoc(iq->doc);

	iq = iot_test_fixture_root("events/xsf-subscribe-momentary.xml");
	req = iot_events_parse_subscribe(iot_xml_first(iq), NULL, NULL);
	ck_assert(req->immediate);
	ck_assert_uint_eq(req->max_interval, 300);
	ck_assert_uint_eq(iot_events_watchdog_ms(req), 300 * 1500 + 10000);
	iot_events_request_free(req);
	xmlFreeDoc(iq->doc);
}
END_TEST

START_TEST(test_parse_nf_examples_every_spelling)
{
	static const struct {
		const char *file;
		IotGeneration gen;
	} cases[] = { { "events/nf-subscribe.xml", IOT_GEN_NF },
		      { "events/nf-subscribe-doc.xml", IOT_GEN_NF },
		      { "events/ieee-subscribe.xml", IOT_GEN_IEEE },
		      { "events/nfi-subscribe.xml", IOT_GEN_NFI } };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		xmlNode *iq = iot_test_fixture_root(cases[i].file), *again;
		IotGeneration gen = IOT_GEN_UNKNOWN;
		IotEventsRequest *req = iot_events_parse_subscribe(iot_xml_first(iq), &gen, NULL), *back;

		ck_assert_msg(req != NULL, "%s", cases[i].file);
		ck_assert_int_eq(gen, cases[i].gen);
		/* Round trip: build in the same generation, read back. */
		again = iot_events_build_subscribe(gen, req->id, req);
		back = iot_events_parse_subscribe(again, NULL, NULL);
		ck_assert_str_eq(back->id, req->id);
		ck_assert_uint_eq(back->categories, req->categories);
		ck_assert_uint_eq(back->n_fields, req->n_fields);
		ck_assert_uint_eq(back->n_nodes, req->n_nodes);
		ck_assert_uint_eq(back->max_interval, req->max_interval);
		ck_assert_uint_eq(back->min_interval, req->min_interval);
		iot_events_request_free(back);
		xmlFreeNode(again);
		if (i == 0) {
			ck_assert_str_eq(req->id, "sub-hall");
			ck_assert(req->immediate);
			ck_assert_uint_eq(req->min_interval, 2);
			ck_assert_uint_eq(req->max_interval, 600);
			ck_assert(req->fields[1].changed_up == 50 && req->fields[1].changed_down == 20);
		} else if (i == 2) {
			ck_assert_uint_eq(req->categories, IOT_CAT_ALL);
			ck_assert_str_eq(req->nodes[0].partition, "P1");
			ck_assert_str_eq(req->device_token, "TOKEN-D");
			ck_assert(req->fields[0].changed_by == 0.5);
		} else if (i == 3) {
			ck_assert_uint_eq(req->categories, IOT_CAT_STATUS | IOT_CAT_HISTORICAL);
			ck_assert_uint_eq(req->min_interval, 1); /* PT0.5S, rounded up */
			ck_assert_uint_eq(req->max_interval, 86400);
		}
		iot_events_request_free(req);
		xmlFreeDoc(iq->doc);
	}
}
END_TEST

START_TEST(test_parse_unsubscribe_and_bad_input)
{
	xmlNode *iq = iot_test_fixture_root("events/nf-unsubscribe.xml"), *n;
	GError *error = NULL;
	IotGeneration gen;
	char *id = iot_events_parse_unsubscribe(iot_xml_first(iq), &gen, NULL);
	IotEventsRequest *req;

	ck_assert_str_eq(id, "d4fe61155cb14e649e302092d3b406a8");
	ck_assert_int_eq(gen, IOT_GEN_NF);
	g_free(id);
	xmlFreeDoc(iq->doc);

	n = iot_test_parse("<subscribe xmlns='urn:xmpp:iot:sensordata' seqnr='1'/>");
	ck_assert_ptr_null(iot_events_parse_subscribe(n, NULL, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	xmlFreeDoc(n->doc);
	n = iot_test_parse("<subscribe xmlns='urn:xmpp:iot:events'/>");
	ck_assert_ptr_null(iot_events_parse_subscribe(n, NULL, &error));
	g_clear_error(&error);
	xmlFreeDoc(n->doc);
	/* Values that do not parse are left unset, the rest is kept. */
	n = iot_test_parse("<subscribe xmlns='urn:nf:iot:events:1.0' id='a' minInt='soon' maxInt='-PT5M'>"
	                   "<f n='X' by='-1' up='NaN' dn='1e999'/><f/><nd/></subscribe>");
	req = iot_events_parse_subscribe(n, NULL, NULL);
	ck_assert_uint_eq(req->min_interval, 0);
	ck_assert_uint_eq(req->max_interval, 0);
	ck_assert_uint_eq(req->n_fields, 1);
	ck_assert_uint_eq(req->n_nodes, 0);
	ck_assert(req->fields[0].changed_by == 0 && req->fields[0].changed_up == 0 &&
	          req->fields[0].changed_down == 0);
	iot_events_request_free(req);
	xmlFreeDoc(n->doc);
}
END_TEST

START_TEST(test_parse_bounds_conditions)
{
	GString *xml = g_string_new("<subscribe xmlns='urn:nf:iot:events:1.0' id='a'>");
	IotEventsRequest *req;
	xmlNode *n;
	guint i;

	for (i = 0; i < IOT_MAX_SUBSCRIBE_FIELDS + 10; i++)
		g_string_append_printf(xml, "<f n='F%u'/><nd id='N%u'/>", i, i);
	g_string_append(xml, "</subscribe>");
	n = iot_test_parse(xml->str);
	req = iot_events_parse_subscribe(n, NULL, NULL);
	ck_assert_uint_eq(req->n_fields, IOT_MAX_SUBSCRIBE_FIELDS);
	ck_assert_uint_eq(req->n_nodes, IOT_MAX_SUBSCRIBE_NODES);
	iot_events_request_free(req);
	xmlFreeDoc(n->doc);
	g_string_free(xml, TRUE);
}
END_TEST

START_TEST(test_id_validity)
{
	ck_assert(iot_events_id_valid(IOT_GEN_XSF, "1"));
	ck_assert(iot_events_id_valid(IOT_GEN_XSF, "2147483647"));
	ck_assert(!iot_events_id_valid(IOT_GEN_XSF, "2147483648"));
	ck_assert(!iot_events_id_valid(IOT_GEN_XSF, "0"));
	ck_assert(!iot_events_id_valid(IOT_GEN_XSF, "-1"));
	ck_assert(!iot_events_id_valid(IOT_GEN_XSF, "abc"));
	ck_assert(!iot_events_id_valid(IOT_GEN_XSF, NULL));
	ck_assert(iot_events_id_valid(IOT_GEN_NF, "sub-hall"));
	ck_assert(!iot_events_id_valid(IOT_GEN_NF, ""));
}
END_TEST

/* ---- PEP -------------------------------------------------------------------- */

START_TEST(test_pep_sensor_data)
{
	xmlNode *msg = iot_test_fixture_root("events/nf-pep-notification.xml");
	IotReadout *r = iot_readout_new();
	const char *const *features = iot_events_pep_features();
	GError *error = NULL;
	xmlNode *n;
	IotField *f;

	ck_assert(iot_events_parse_pep(iot_xml_first(msg), r, NULL));
	ck_assert_uint_eq(r->fields->len, 2);
	f = g_ptr_array_index(r->fields, 0);
	ck_assert_str_eq(f->name, "Power");
	ck_assert_str_eq(f->value, "1.250");
	ck_assert_str_eq(f->node.node_id, "Meter12");
	xmlFreeDoc(msg->doc);

	n = iot_test_parse("<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:mood'>"
	                   "<item><mood xmlns='http://jabber.org/protocol/mood'/></item></items></event>");
	ck_assert(!iot_events_parse_pep(n, r, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	xmlFreeDoc(n->doc);
	ck_assert(!iot_events_parse_pep(NULL, r, NULL));

	ck_assert_str_eq(features[0], "urn:nf:iot:sd:1.0+notify");
	ck_assert_str_eq(features[1], "urn:nfi:iot:sd:1.0+notify");
	ck_assert_str_eq(features[2], "urn:ieee:iot:sd:1.0+notify");
	ck_assert_ptr_null(features[3]);
	iot_readout_free(r);
}
END_TEST

Suite *
iot_events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("codec");

	tcase_add_test(tc, test_build_subscribe_xsf_and_nf);
	tcase_add_test(tc, test_build_categories_all_and_history);
	tcase_add_test(tc, test_parse_protoxep_examples);
	tcase_add_test(tc, test_parse_nf_examples_every_spelling);
	tcase_add_test(tc, test_parse_unsubscribe_and_bad_input);
	tcase_add_test(tc, test_parse_bounds_conditions);
	tcase_add_test(tc, test_id_validity);
	tcase_add_test(tc, test_pep_sensor_data);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_events_flow_tcase());
	return s;
}
