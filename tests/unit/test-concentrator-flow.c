/* test-concentrator-flow.c — finding where a node lives behind a concentrator,
 * over the request table with a fake transport: the requests in order, a
 * source that does not know the node passed over, the XSF fallbacks (root
 * and child sources, containsNode), a node in no source, and an end that
 * comes exactly once on a timeout, a cancel or a lost connection. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-concentrator-flow.h"
#include "iot-error.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_concentrator_flow_tcase(void);

#define PEER "hub@home.example/hub"
#define NF_NS "urn:nf:iot:concentrator:1.0"
#define XSF_NS "urn:xmpp:iot:concentrators"

typedef struct {
	int calls, frees;
	IotNodeRef ref;
	guint sources;
	GError *error;
} Got;

static void
locate_cb(const IotConcentratorNode *node, const GPtrArray *sources, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	ck_assert((node == NULL) != (error == NULL));
	if (node != NULL)
		iot_node_ref_copy(&g->ref, &node->ref);
	g->sources = sources ? sources->len : 0;
	g->error = error ? g_error_copy(error) : NULL;
}

static void
got_free(gpointer data)
{
	((Got *)data)->frees++;
}

static void
got_clear(Got *g)
{
	iot_node_ref_clear(&g->ref);
	g_clear_error(&g->error);
	memset(g, 0, sizeof *g);
}

/* The request element of the last stanza sent. */
static void
last_sent_is(const char *payload)
{
	const char *last = fake_transport_last(fake_ft);

	ck_assert_msg(last != NULL && strstr(last, payload) != NULL, "sent %s, expected %s", last, payload);
}

static gboolean
answer(const char *xml)
{
	return fake_table_answer(PEER, NULL, xml);
}

#define NF_SOURCES                                                                                \
	"<iq type='result'><dataSources xmlns='" NF_NS "'><dataSource src='Meters' name='Meters'/>" \
	"<dataSource src='Rooms' name='Rooms'/></dataSources></iq>"
#define NF_NOT_FOUND                                                                              \
	"<iq type='error'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>" \
	"<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Node not found.</text></error></iq>"

START_TEST(test_locate_asks_each_source_until_one_knows_the_node)
{
	Got g = { 0 };

	ck_assert_ptr_nonnull(iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 15000, locate_cb,
	                                              &g, got_free));
	ck_assert_int_eq(g.calls, 0); /* never before the call returns */
	last_sent_is("<getAllDataSources xmlns=\"" NF_NS "\"/>");
	/* An answer from anyone else is not ours. */
	ck_assert(!fake_table_answer("mallory@home.example/x", NULL, NF_SOURCES));
	ck_assert(answer(NF_SOURCES));
	last_sent_is("<getNode xmlns=\"" NF_NS "\" id=\"lamp\" src=\"Meters\"/>");
	ck_assert(answer(NF_NOT_FOUND));
	last_sent_is("<getNode xmlns=\"" NF_NS "\" id=\"lamp\" src=\"Rooms\"/>");
	ck_assert_int_eq(g.calls, 0);
	ck_assert(answer("<iq type='result'><nodeInfo xmlns='" NF_NS "' id='lamp' src='Rooms' pt='Hall' "
	                 "state='None' hasChildren='false' isReadable='true'/></iq>"));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert_ptr_null(g.error);
	ck_assert_str_eq(g.ref.node_id, "lamp");
	ck_assert_str_eq(g.ref.source_id, "Rooms");
	ck_assert_str_eq(g.ref.partition, "Hall");
	ck_assert_uint_eq(g.sources, 2);
	ck_assert_uint_eq(fake_ft->sent->len, 3);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	got_clear(&g);
}
END_TEST

START_TEST(test_locate_a_node_in_no_source)
{
	Got g = { 0 };

	iot_concentrator_locate(fake_table, PEER, IOT_GEN_IEEE, "attic", NULL, 15000, locate_cb, &g, got_free);
	ck_assert(answer("<iq type='result'><dataSources xmlns='urn:ieee:iot:concentrator:1.0'>"
	                 "<dataSource src='Rooms' name='Rooms'/></dataSources></iq>"));
	/* A source that does not show the node to us is passed over as well. */
	ck_assert(answer("<iq type='error'><error type='auth'><forbidden "
	                 "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_UNKNOWN_NODE));
	ck_assert_str_eq(g.error->message, "attic");
	ck_assert_uint_eq(g.sources, 1);
	got_clear(&g);

	/* A concentrator without data sources has no node at all. */
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "attic", NULL, 15000, locate_cb, &g, got_free);
	ck_assert(answer("<iq type='result'><dataSources xmlns='" NF_NS "'/></iq>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_UNKNOWN_NODE));
	ck_assert_uint_eq(g.sources, 0);
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);
}
END_TEST

START_TEST(test_locate_with_known_sources)
{
	IotConcentratorSource rooms = { "Rooms", NULL, FALSE, 0 };
	GPtrArray *sources = g_ptr_array_new();
	Got g = { 0 };

	g_ptr_array_add(sources, &rooms);
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NFI, "lamp", sources, 15000, locate_cb, &g, NULL);
	g_ptr_array_unref(sources); /* copied */
	ck_assert_uint_eq(fake_ft->sent->len, 1);
	last_sent_is("<getNode xmlns=\"urn:nfi:iot:concentrator:1.0\" id=\"lamp\" src=\"Rooms\"/>");
	/* An answer that leaves the source out: the one asked about. */
	ck_assert(answer("<iq type='result'><nodeInfo xmlns='urn:nfi:iot:concentrator:1.0' id='lamp' "
	                 "state='None' hasChildren='false'/></iq>"));
	ck_assert_str_eq(g.ref.source_id, "Rooms");
	ck_assert_ptr_null(g.ref.partition);
	ck_assert_uint_eq(g.sources, 1);
	got_clear(&g);
}
END_TEST

/* XEP-0326: sources from the roots down where getAllDataSources is not
 * implemented, containsNode where getNode is not. */
START_TEST(test_locate_xsf_fallbacks)
{
	Got g = { 0 };

	iot_concentrator_locate(fake_table, PEER, IOT_GEN_XSF, "Node2", NULL, 15000, locate_cb, &g, got_free);
	last_sent_is("<getAllDataSources xmlns=\"" XSF_NS "\"/>");
	ck_assert(answer("<iq type='error'><getAllDataSourcesResponse xmlns='" XSF_NS "' "
	                 "result='NotImplemented'/></iq>"));
	last_sent_is("<getRootDataSources xmlns=\"" XSF_NS "\"/>");
	ck_assert(answer("<iq type='result'><getRootDataSourcesResponse xmlns='" XSF_NS "' result='OK'>"
	                 "<dataSource sourceId='Root' name='Root' hasChildren='true'/>"
	                 "<dataSource sourceId='Flat' name='Flat' hasChildren='false'/>"
	                 "</getRootDataSourcesResponse></iq>"));
	last_sent_is("<getChildDataSources xmlns=\"" XSF_NS "\" sourceId=\"Root\"/>");
	ck_assert(answer("<iq type='result'><getChildDataSourcesResponse xmlns='" XSF_NS "' result='OK'>"
	                 "<dataSource sourceId='MeteringTopology' name='Metering' hasChildren='true'/>"
	                 "<dataSource sourceId='Flat' name='Flat again'/>"
	                 "</getChildDataSourcesResponse></iq>"));
	/* The child with children of its own is listed too. */
	last_sent_is("<getChildDataSources xmlns=\"" XSF_NS "\" sourceId=\"MeteringTopology\"/>");
	ck_assert(answer("<iq type='result'><getChildDataSourcesResponse xmlns='" XSF_NS "' result='OK'/></iq>"));
	last_sent_is("<getNode xmlns=\"" XSF_NS "\" sourceId=\"Root\" nodeId=\"Node2\"/>");
	ck_assert(answer("<iq type='error'><getNodeResponse xmlns='" XSF_NS "' result='NotImplemented'/></iq>"));
	last_sent_is("<containsNode xmlns=\"" XSF_NS "\" sourceId=\"Root\" nodeId=\"Node2\"/>");
	ck_assert(answer("<iq type='result'><containsNodeResponse xmlns='" XSF_NS "' result='OK'>false"
	                 "</containsNodeResponse></iq>"));
	last_sent_is("<containsNode xmlns=\"" XSF_NS "\" sourceId=\"Flat\" nodeId=\"Node2\"/>");
	ck_assert(answer("<iq type='error'><containsNodeResponse xmlns='" XSF_NS "' result='NotFound'/></iq>"));
	last_sent_is("<containsNode xmlns=\"" XSF_NS "\" sourceId=\"MeteringTopology\" nodeId=\"Node2\"/>");
	ck_assert_int_eq(g.calls, 0);
	ck_assert(answer("<iq type='result'><containsNodeResponse xmlns='" XSF_NS "' result='OK'>true"
	                 "</containsNodeResponse></iq>"));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_ptr_null(g.error);
	ck_assert_str_eq(g.ref.node_id, "Node2");
	ck_assert_str_eq(g.ref.source_id, "MeteringTopology");
	ck_assert_ptr_null(g.ref.partition);
	ck_assert_uint_eq(g.sources, 3);
	got_clear(&g);
}
END_TEST

START_TEST(test_locate_ends_once_on_failures)
{
	Got g = { 0 };
	IotConcentratorLocate *op;

	/* A refusal of the source list is the concentrator's answer to report. */
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 15000, locate_cb, &g, got_free);
	ck_assert(answer("<iq type='error'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	                 "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Access denied.</text></error></iq>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(g.error->message, "Access denied.");
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);

	/* Silence: one timeout ends it, nothing more is asked. */
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 5000, locate_cb, &g, got_free);
	ck_assert(answer(NF_SOURCES));
	fake_transport_advance(fake_ft, 5001);
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	fake_transport_advance(fake_ft, 60000);
	ck_assert_int_eq(g.calls, 1);
	got_clear(&g);

	/* Cancelled between two sources. */
	op = iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 5000, locate_cb, &g, got_free);
	ck_assert(answer(NF_SOURCES));
	iot_concentrator_locate_cancel(op);
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_CANCELLED));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	got_clear(&g);

	/* The connection goes. */
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 5000, locate_cb, &g, got_free);
	iot_request_table_fail_all(fake_table, IOT_ERROR_DISCONNECTED, "gone");
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	got_clear(&g);

	/* It cannot be sent at all: the end comes from the main loop. */
	fake_ft->connected = FALSE;
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 5000, locate_cb, &g, got_free);
	ck_assert_int_eq(g.calls, 0);
	fake_transport_advance(fake_ft, 0);
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	got_clear(&g);

	/* A getNode answer that cannot be read is not taken for "elsewhere". */
	fake_ft->connected = TRUE;
	iot_concentrator_locate(fake_table, PEER, IOT_GEN_NF, "lamp", NULL, 5000, locate_cb, &g, got_free);
	ck_assert(answer(NF_SOURCES));
	ck_assert(answer("<iq type='result'><nodeInfo xmlns='" NF_NS "'/></iq>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_MALFORMED));
	got_clear(&g);
}
END_TEST

TCase *
iot_concentrator_flow_tcase(void)
{
	TCase *tc = tcase_create("locate");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_locate_asks_each_source_until_one_knows_the_node);
	tcase_add_test(tc, test_locate_a_node_in_no_source);
	tcase_add_test(tc, test_locate_with_known_sources);
	tcase_add_test(tc, test_locate_xsf_fallbacks);
	tcase_add_test(tc, test_locate_ends_once_on_failures);
	return tc;
}
