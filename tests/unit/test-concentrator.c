/* test-concentrator.c — the concentrator codec and cache: requests as the
 * XEP-0326 and neuro-foundation.io examples write them, answers of every
 * generation (attributes on the XSF response itself, a source the XSF answer
 * leaves out, result codes), bounds and hostile answers. */
#include "iot-tests.h"

#include "iot-concentrator.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_concentrator_flow_tcase(void);
TCase *iot_concentrator_request_tcase(void);
TCase *iot_concentrator_chat_tcase(void);
TCase *iot_concentrator_query_tcase(void);
TCase *iot_concentrator_events_tcase(void);

static char *
to_string(xmlNode *n)
{
	char *s = iot_xml_to_string(n);

	xmlFreeNode(n);
	return s;
}

/* The request element of fixture @relpath, serialised. */
static char *
fixture_request(const char *relpath)
{
	xmlNode *iq = iot_test_fixture_root(relpath);
	char *s = iot_xml_to_string(iot_xml_first(iq));

	xmlFreeDoc(iq->doc);
	return s;
}

static void
assert_builds_as(IotGeneration gen, IotConcentratorOp op, const char *src, const IotNodeRef *node,
                 const char *relpath)
{
	char *want = fixture_request(relpath);
	char *got = to_string(iot_concentrator_build(gen, op, src, node));

	ck_assert_str_eq(got, want);
	g_free(want);
	g_free(got);
}

START_TEST(test_requests_as_the_examples_write_them)
{
	IotNodeRef node1 = { "Node1", "MeteringTopology", NULL };
	IotNodeRef meter = { "Meter12", "MeteringTopology", NULL };
	IotNodeRef full = { "Lamp1", "Rooms", "Hall" };
	char *xml;

	assert_builds_as(IOT_GEN_XSF, IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES, NULL, NULL,
	                 "concentrator/xsf-get-all-data-sources.xml");
	assert_builds_as(IOT_GEN_XSF, IOT_CONCENTRATOR_GET_NODE, NULL, &node1, "concentrator/xsf-get-node.xml");
	assert_builds_as(IOT_GEN_XSF, IOT_CONCENTRATOR_CONTAINS_NODE, NULL, &node1,
	                 "concentrator/xsf-contains-node.xml");
	assert_builds_as(IOT_GEN_NF, IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES, NULL, NULL,
	                 "concentrator/nf-get-all-data-sources.xml");
	assert_builds_as(IOT_GEN_NF, IOT_CONCENTRATOR_GET_NODE, NULL, &meter, "concentrator/nf-get-node.xml");

	/* Each generation's namespace and spelling; the partition when known. */
	xml = to_string(iot_concentrator_build(IOT_GEN_IEEE, IOT_CONCENTRATOR_CONTAINS_NODE, NULL, &full));
	ck_assert_str_eq(xml, "<containsNode xmlns=\"urn:ieee:iot:concentrator:1.0\" id=\"Lamp1\" src=\"Rooms\" "
	                      "pt=\"Hall\"/>");
	g_free(xml);
	xml = to_string(iot_concentrator_build(IOT_GEN_NFI, IOT_CONCENTRATOR_GET_CHILD_NODES, NULL, &full));
	ck_assert_str_eq(xml, "<getChildNodes xmlns=\"urn:nfi:iot:concentrator:1.0\" id=\"Lamp1\" src=\"Rooms\" "
	                      "pt=\"Hall\"/>");
	g_free(xml);
	xml = to_string(iot_concentrator_build(IOT_GEN_SN, IOT_CONCENTRATOR_GET_NODE, NULL, &full));
	ck_assert_str_eq(xml, "<getNode xmlns=\"urn:xmpp:sn:concentrators\" sourceId=\"Rooms\" nodeId=\"Lamp1\" "
	                      "cacheType=\"Hall\"/>");
	g_free(xml);
	xml = to_string(iot_concentrator_build(IOT_GEN_XSF, IOT_CONCENTRATOR_GET_ROOT_NODES, "MeteringTopology",
	                                       NULL));
	ck_assert_str_eq(xml, "<getRootNodes xmlns=\"urn:xmpp:iot:concentrators\" sourceId=\"MeteringTopology\"/>");
	g_free(xml);
	xml = to_string(iot_concentrator_build(IOT_GEN_NF, IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES, "Rooms", NULL));
	ck_assert_str_eq(xml, "<getChildDataSources xmlns=\"urn:nf:iot:concentrator:1.0\" src=\"Rooms\"/>");
	g_free(xml);
	/* A node without a known source: only its id. */
	{
		IotNodeRef bare = { "kitchen", NULL, NULL };

		xml = to_string(iot_concentrator_build(IOT_GEN_NF, IOT_CONCENTRATOR_GET_NODE, NULL, &bare));
		ck_assert_str_eq(xml, "<getNode xmlns=\"urn:nf:iot:concentrator:1.0\" id=\"kitchen\"/>");
		g_free(xml);
	}
	ck_assert_str_eq(iot_concentrator_op_name(IOT_CONCENTRATOR_GET_CAPABILITIES), "getCapabilities");
	ck_assert_ptr_null(iot_concentrator_op_name(IOT_CONCENTRATOR_OP_COUNT));
}
END_TEST

static GPtrArray *
sources_of(const char *relpath, guint *dropped, GError **error)
{
	xmlNode *iq = iot_test_fixture_root(relpath);
	GPtrArray *s = iot_concentrator_parse_sources(iq, dropped, error);

	xmlFreeDoc(iq->doc);
	return s;
}

static const IotConcentratorSource *
source(GPtrArray *a, guint i)
{
	return g_ptr_array_index(a, i);
}

START_TEST(test_data_sources_of_every_generation)
{
	GError *error = NULL;
	guint dropped = 99;
	GPtrArray *s = sources_of("concentrator/xsf-get-all-data-sources-result.xml", &dropped, &error);
	gint64 t;

	ck_assert_ptr_null(error);
	ck_assert_uint_eq(dropped, 0);
	ck_assert_uint_eq(s->len, 4);
	ck_assert_str_eq(source(s, 0)->source_id, "Applications");
	ck_assert_str_eq(source(s, 2)->name, "Programmable Event Log");
	ck_assert(!source(s, 2)->has_children);
	ck_assert_str_eq(source(s, 3)->source_id, "MeteringTopology");
	ck_assert(source(s, 3)->has_children);
	ck_assert(source(s, 3)->last_changed != IOT_TIME_UNKNOWN);
	g_ptr_array_unref(s);

	s = sources_of("concentrator/nf-get-all-data-sources-result.xml", NULL, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(s->len, 2);
	ck_assert_str_eq(source(s, 1)->source_id, "Rooms");
	ck_assert_str_eq(source(s, 1)->name, "Rooms");
	ck_assert(source(s, 1)->has_children);
	ck_assert(iot_time_parse_datetime("2024-01-09T22:15:30Z", &t));
	ck_assert(source(s, 1)->last_changed == t);
	g_ptr_array_unref(s);

	/* XEP-0326: NotImplemented in a result is that error. */
	s = sources_of("concentrator/xsf-get-all-data-sources-not-implemented.xml", NULL, &error);
	ck_assert_ptr_null(s);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED));
	g_clear_error(&error);
}
END_TEST

static IotConcentratorNode *
node_of(const char *relpath, const IotNodeRef *asked, GError **error)
{
	xmlNode *iq = iot_test_fixture_root(relpath);
	IotConcentratorNode *n = iot_concentrator_parse_node(iq, asked, error);

	xmlFreeDoc(iq->doc);
	return n;
}

START_TEST(test_get_node_answers)
{
	IotNodeRef asked = { "Node1", "MeteringTopology", NULL };
	GError *error = NULL;
	IotConcentratorNode *n = node_of("concentrator/xsf-get-node-result.xml", &asked, &error), *c;

	/* XSF: the attributes are on <getNodeResponse/>, which names no source. */
	ck_assert_ptr_null(error);
	ck_assert_str_eq(n->ref.node_id, "Node1");
	ck_assert_str_eq(n->ref.source_id, "MeteringTopology");
	ck_assert_str_eq(n->ref.partition, "Node");
	ck_assert_str_eq(n->node_type, "Namespace.NodeType1");
	ck_assert_int_eq(n->state, IOT_NODE_STATE_WARNING_UNSIGNED);
	ck_assert(n->readable && n->controllable && n->has_commands && !n->has_children);
	ck_assert_str_eq(n->parent_id, "Root");
	iot_concentrator_node_free(n);

	n = node_of("concentrator/nf-get-node-result.xml", NULL, &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(n->ref.node_id, "Meter12");
	ck_assert_str_eq(n->ref.source_id, "MeteringTopology");
	ck_assert_str_eq(n->ref.partition, "Hall");
	ck_assert_str_eq(n->display_name, "Meter 12");
	ck_assert_str_eq(n->local_id, "M12");
	ck_assert_str_eq(n->log_id, "meter-12");
	ck_assert_int_eq(n->state, IOT_NODE_STATE_ERROR_UNSIGNED);
	ck_assert(n->readable && n->controllable && n->sniffable && !n->has_commands);
	ck_assert_str_eq(n->parent_id, "Floor1");
	ck_assert_str_eq(n->parent_partition, "Building");
	ck_assert(n->last_changed != IOT_TIME_UNKNOWN);
	c = iot_concentrator_node_copy(n);
	iot_concentrator_node_free(n);
	ck_assert_str_eq(c->ref.partition, "Hall");
	ck_assert_str_eq(c->parent_partition, "Building");
	iot_concentrator_node_free(c);

	/* Only the required attributes; the source asked about is another node's. */
	asked.node_id = "Other";
	n = node_of("concentrator/nfi-get-node-result-bare.xml", &asked, &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(n->ref.node_id, "Lamp1");
	ck_assert_ptr_null(n->ref.source_id);
	ck_assert_ptr_null(n->ref.partition);
	ck_assert_ptr_null(n->display_name);
	ck_assert(n->last_changed == IOT_TIME_UNKNOWN);
	iot_concentrator_node_free(n);

	/* The failures are iq errors, read like every other (iot-error.h). */
	{
		xmlNode *iq = iot_test_fixture_root("concentrator/xsf-get-node-not-found.xml");
		GError *e = iot_error_from_stanza(iq);

		ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_NOT_FOUND));
		g_error_free(e);
		xmlFreeDoc(iq->doc);
		iq = iot_test_fixture_root("concentrator/nf-get-node-not-found.xml");
		e = iot_error_from_stanza(iq);
		ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_NOT_FOUND));
		ck_assert_str_eq(e->message, "Node not found.");
		g_error_free(e);
		xmlFreeDoc(iq->doc);
	}
}
END_TEST

START_TEST(test_node_lists_and_booleans)
{
	GError *error = NULL;
	guint dropped = 0;
	xmlNode *iq = iot_test_fixture_root("concentrator/ieee-get-root-nodes-result.xml");
	GPtrArray *nodes = iot_concentrator_parse_nodes(iq, &dropped, &error);
	const IotConcentratorNode *n;
	gboolean b = FALSE;

	xmlFreeDoc(iq->doc);
	ck_assert_ptr_null(error);
	/* The node without an id is skipped and counted. */
	ck_assert_uint_eq(nodes->len, 3);
	ck_assert_uint_eq(dropped, 1);
	n = g_ptr_array_index(nodes, 0);
	ck_assert_str_eq(n->ref.node_id, "living-room");
	ck_assert_str_eq(n->ref.source_id, "Rooms");
	ck_assert(n->has_children && n->readable && !n->controllable);
	n = g_ptr_array_index(nodes, 2);
	ck_assert_str_eq(n->display_name, "Front door contact");
	ck_assert_int_eq(n->state, IOT_NODE_STATE_WARNING_SIGNED);
	g_ptr_array_unref(nodes);

	iq = iot_test_fixture_root("concentrator/xsf-get-root-nodes-result.xml");
	nodes = iot_concentrator_parse_nodes(iq, NULL, &error);
	xmlFreeDoc(iq->doc);
	ck_assert_uint_eq(nodes->len, 1);
	ck_assert_str_eq(((IotConcentratorNode *)g_ptr_array_index(nodes, 0))->ref.partition, "Node");
	g_ptr_array_unref(nodes);

	iq = iot_test_fixture_root("concentrator/xsf-contains-node-result.xml");
	ck_assert(iot_concentrator_parse_bool(iq, &b, &error));
	ck_assert(b);
	xmlFreeDoc(iq->doc);
	iq = iot_test_fixture_root("concentrator/nf-contains-node-result.xml");
	ck_assert(iot_concentrator_parse_bool(iq, &b, &error));
	ck_assert(!b);
	xmlFreeDoc(iq->doc);
	ck_assert_ptr_null(error);
}
END_TEST

START_TEST(test_hostile_answers)
{
	static const char *const not_answers[] = {
		"<iq type='result'/>",
		"<iq type='result'><query xmlns='jabber:iq:version'/></iq>",
		"<iq type='result'><bool xmlns='urn:nf:iot:sd:1.0'>true</bool></iq>",
	};
	GError *error = NULL;
	GString *long_id = g_string_new(NULL), *long_label = g_string_new(NULL);
	GString *many = g_string_new(NULL);
	gboolean b = TRUE;
	guint i, dropped = 0;
	xmlNode *iq;
	GPtrArray *a;
	IotConcentratorNode *n;
	char *xml;

	for (i = 0; i < G_N_ELEMENTS(not_answers); i++) {
		iq = iot_test_parse(not_answers[i]);
		ck_assert_ptr_null(iot_concentrator_parse_sources(iq, NULL, &error));
		ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
		g_clear_error(&error);
		ck_assert_ptr_null(iot_concentrator_parse_nodes(iq, NULL, &error));
		g_clear_error(&error);
		ck_assert_ptr_null(iot_concentrator_parse_node(iq, NULL, &error));
		g_clear_error(&error);
		ck_assert(!iot_concentrator_parse_bool(iq, &b, &error));
		g_clear_error(&error);
		xmlFreeDoc(iq->doc);
	}
	ck_assert_ptr_null(iot_concentrator_parse_node(NULL, NULL, &error));
	g_clear_error(&error);

	/* An id longer than the bound is not cut (that would name another node): dropped. */
	for (i = 0; i <= IOT_MAX_NAME_BYTES; i++)
		g_string_append_c(long_id, 'x');
	for (i = 0; i < IOT_MAX_LABEL_BYTES; i++)
		g_string_append(long_label, "\xc3\xa9"); /* é: two bytes each */
	xml = g_strdup_printf("<iq type='result'><nodeInfos xmlns='urn:nf:iot:concentrator:1.0'>"
	                      "<nodeInfo id='%s' src='Rooms'/><nodeInfo id='ok' src='%s'/>"
	                      "<nodeInfo id='ok' src='Rooms' pt='%s'/><nodeInfo id='fine' displayName='%s'/>"
	                      "</nodeInfos></iq>",
	                      long_id->str, long_id->str, long_id->str, long_label->str);
	iq = iot_test_parse(xml);
	a = iot_concentrator_parse_nodes(iq, &dropped, &error);
	ck_assert_uint_eq(a->len, 1);
	ck_assert_uint_eq(dropped, 3);
	n = g_ptr_array_index(a, 0);
	ck_assert_str_eq(n->ref.node_id, "fine");
	/* A label is cut instead, at a character boundary. */
	ck_assert_uint_eq(strlen(n->display_name), IOT_MAX_LABEL_BYTES);
	ck_assert(g_utf8_validate(n->display_name, -1, NULL));
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);
	g_free(xml);

	/* More sources than kept: the rest is counted. */
	g_string_append(many, "<iq type='result'><dataSources xmlns='urn:ieee:iot:concentrator:1.0'>");
	for (i = 0; i < IOT_MAX_CONCENTRATOR_SOURCES + 5; i++)
		g_string_append_printf(many, "<dataSource src='s%u' name='%u'/>", i, i);
	g_string_append(many, "<dataSource name='no src'/></dataSources></iq>");
	iq = iot_test_parse(many->str);
	a = iot_concentrator_parse_sources(iq, &dropped, &error);
	ck_assert_uint_eq(a->len, IOT_MAX_CONCENTRATOR_SOURCES);
	ck_assert_uint_eq(dropped, 6);
	g_ptr_array_unref(a);
	xmlFreeDoc(iq->doc);

	/* Not a boolean; a getNode answer without a usable node. */
	iq = iot_test_parse("<iq type='result'><bool xmlns='urn:nf:iot:concentrator:1.0'>maybe</bool></iq>");
	ck_assert(!iot_concentrator_parse_bool(iq, &b, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	xmlFreeDoc(iq->doc);
	iq = iot_test_parse("<iq type='result'><nodeInfo xmlns='urn:nf:iot:concentrator:1.0' src='Rooms'/></iq>");
	ck_assert_ptr_null(iot_concentrator_parse_node(iq, NULL, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	xmlFreeDoc(iq->doc);
	/* XSF: a result code in an iq result, with the concentrator's words. */
	iq = iot_test_parse("<iq type='result'><getNodeResponse xmlns='urn:xmpp:iot:concentrators' "
	                    "result='InsufficientPrivileges'><error>Not yours.</error></getNodeResponse></iq>");
	ck_assert_ptr_null(iot_concentrator_parse_node(iq, NULL, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(error->message, "Not yours.");
	g_clear_error(&error);
	xmlFreeDoc(iq->doc);

	g_string_free(long_id, TRUE);
	g_string_free(long_label, TRUE);
	g_string_free(many, TRUE);
	iot_concentrator_node_free(NULL);
	iot_concentrator_source_free(NULL);
}
END_TEST

START_TEST(test_cache)
{
	IotConcentratorCache *c = iot_concentrator_cache_new();
	IotNodeRef lamp = { "lamp", "Rooms", "Hall" }, door = { "door", "Doors", NULL };
	IotConcentratorSource rooms = { "Rooms", "Rooms", TRUE, IOT_TIME_UNKNOWN };
	GPtrArray *sources = g_ptr_array_new();
	const IotNodeRef *r;
	char jid[64];
	guint i;

	ck_assert_ptr_null(iot_concentrator_cache_lookup(c, "hub@home.example/hub", "lamp"));
	iot_concentrator_cache_store(c, "hub@home.example/hub", &lamp);
	iot_concentrator_cache_store(c, "hub@home.example/hub", &door);
	/* The bare JID compares without case; another resource is another concentrator. */
	r = iot_concentrator_cache_lookup(c, "Hub@Home.Example/hub", "lamp");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->source_id, "Rooms");
	ck_assert_str_eq(r->partition, "Hall");
	ck_assert_ptr_null(iot_concentrator_cache_lookup(c, "hub@home.example/other", "lamp"));
	ck_assert_ptr_null(iot_concentrator_cache_lookup(c, "hub@home.example/hub", NULL));

	g_ptr_array_add(sources, &rooms);
	ck_assert_ptr_null(iot_concentrator_cache_sources(c, "hub@home.example/hub"));
	iot_concentrator_cache_store_sources(c, "hub@home.example/hub", sources);
	ck_assert_uint_eq(iot_concentrator_cache_sources(c, "hub@home.example/hub")->len, 1);
	g_ptr_array_unref(sources);

	iot_concentrator_cache_forget(c, "hub@home.example/hub", "lamp");
	ck_assert_ptr_null(iot_concentrator_cache_lookup(c, "hub@home.example/hub", "lamp"));
	ck_assert_ptr_nonnull(iot_concentrator_cache_lookup(c, "hub@home.example/hub", "door"));
	iot_concentrator_cache_forget(c, "hub@home.example/hub", NULL);
	ck_assert_ptr_null(iot_concentrator_cache_lookup(c, "hub@home.example/hub", "door"));
	ck_assert_ptr_null(iot_concentrator_cache_sources(c, "hub@home.example/hub"));
	iot_concentrator_cache_forget(c, "not a jid@", NULL);

	/* Bounded: concentrators, and nodes per concentrator. */
	for (i = 0; i < IOT_MAX_CONCENTRATOR_CACHE + 10; i++) {
		g_snprintf(jid, sizeof jid, "c%u@home.example/x", i);
		iot_concentrator_cache_store(c, jid, &lamp);
	}
	for (i = 0; i < IOT_MAX_CONCENTRATOR_CACHE_NODES + 10; i++) {
		IotNodeRef n = { jid, "Rooms", NULL };

		g_snprintf(jid, sizeof jid, "n%u", i);
		iot_concentrator_cache_store(c, "big@home.example/x", &n);
	}
	g_snprintf(jid, sizeof jid, "n%u", IOT_MAX_CONCENTRATOR_CACHE_NODES + 9);
	ck_assert_ptr_nonnull(iot_concentrator_cache_lookup(c, "big@home.example/x", jid));
	iot_concentrator_cache_free(c);
	iot_concentrator_cache_free(NULL);
}
END_TEST

Suite *
iot_concentrator_suite(void)
{
	Suite *s = suite_create("concentrator");
	TCase *tc = tcase_create("codec");

	tcase_add_test(tc, test_requests_as_the_examples_write_them);
	tcase_add_test(tc, test_data_sources_of_every_generation);
	tcase_add_test(tc, test_get_node_answers);
	tcase_add_test(tc, test_node_lists_and_booleans);
	tcase_add_test(tc, test_hostile_answers);
	tcase_add_test(tc, test_cache);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_concentrator_flow_tcase());
	suite_add_tcase(s, iot_concentrator_request_tcase());
	suite_add_tcase(s, iot_concentrator_query_tcase());
	suite_add_tcase(s, iot_concentrator_events_tcase());
	suite_add_tcase(s, iot_concentrator_chat_tcase());
	return s;
}
