/* test-concentrator-request.c — every concentrator request as each
 * generation writes it (XEP-0326's examples, Waher's server), the iq type
 * each goes in, what a request must name, and the replies of both families:
 * capabilities, commands, forms, refused forms, node types, per-node
 * results, query ids, result codes, hostile and cut answers. */
#include "iot-tests.h"

#include "iot-concentrator-request.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_concentrator_request_tcase(void);

#define XSF_NS "urn:xmpp:iot:concentrators"
#define NF_NS "urn:nf:iot:concentrator:1.0"

static char *
built(IotGeneration gen, const IotConcentratorRequest *r)
{
	xmlNode *n = iot_concentrator_request_build(gen, r);
	char *s = iot_xml_to_string(n);

	xmlFreeNode(n);
	return s;
}

static IotConcentratorRequest *
on_node(IotConcentratorOp op, const char *id, const char *src, const char *pt)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(op);
	IotNodeRef n = { (char *)id, (char *)src, (char *)pt };

	iot_concentrator_request_add_node(r, &n);
	return r;
}

static xmlNode *
submit_form(const char *var, const char *value)
{
	char *xml = g_strdup_printf("<x xmlns='jabber:x:data' type='submit'><field var='%s'><value>%s</value></field></x>",
	                            var, value);
	xmlNode *x = iot_test_parse(xml);

	g_free(xml);
	return x;
}

START_TEST(test_requests_of_both_families)
{
	IotConcentratorRequest *r = on_node(IOT_CONCENTRATOR_GET_NODE_COMMANDS, "Apartment 1-1", "MeteringGroups", NULL);
	IotNodeRef n2 = { "Apartment 1-2", "MeteringGroups", NULL };
	xmlNode *x = submit_form("searchText", "Harass");
	char *s;

	/* XEP-0326 example "Get Node Commands". */
	s = built(IOT_GEN_XSF, r);
	ck_assert_str_eq(s, "<getNodeCommands xmlns=\"" XSF_NS "\" sourceId=\"MeteringGroups\" nodeId=\"Apartment 1-1\"/>");
	g_free(s);
	s = built(IOT_GEN_NF, r);
	ck_assert_str_eq(s, "<getNodeCommands xmlns=\"" NF_NS "\" id=\"Apartment 1-1\" src=\"MeteringGroups\"/>");
	g_free(s);
	iot_concentrator_request_free(r);

	/* XEP-0326 "Execute Node Query": no query id from the client; NF names it. */
	r = on_node(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, "Apartment 1-1", "MeteringGroups", NULL);
	r->command = g_strdup("searchEvents");
	iot_concentrator_request_set_form(r, x);
	ck_assert(iot_concentrator_request_check(r, IOT_GEN_XSF, NULL));
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_NF, NULL));
	s = built(IOT_GEN_XSF, r);
	ck_assert_str_eq(s, "<executeNodeQuery xmlns=\"" XSF_NS "\" sourceId=\"MeteringGroups\" nodeId=\"Apartment 1-1\" "
	                    "command=\"searchEvents\"><x xmlns=\"jabber:x:data\" type=\"submit\"><field var=\"searchText\">"
	                    "<value>Harass</value></field></x></executeNodeQuery>");
	g_free(s);
	r->query_id = g_strdup("q1");
	s = built(IOT_GEN_NF, r);
	ck_assert_str_eq(s, "<executeNodeQuery xmlns=\"" NF_NS "\" id=\"Apartment 1-1\" src=\"MeteringGroups\" "
	                    "command=\"searchEvents\" queryId=\"q1\"><x xmlns=\"jabber:x:data\" type=\"submit\">"
	                    "<field var=\"searchText\"><value>Harass</value></field></x></executeNodeQuery>");
	g_free(s);
	ck_assert_str_eq(iot_concentrator_request_iq_type(IOT_GEN_NF, r->op), "set");
	iot_concentrator_request_free(r);

	/* Abort names the query in both families (XEP-0326 "Abort Node Query"). */
	r = on_node(IOT_CONCENTRATOR_ABORT_NODE_QUERY, "Apartment 1-1", "MeteringGroups", NULL);
	r->command = g_strdup("searchEvents");
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_XSF, NULL));
	r->query_id = g_strdup("Query0001");
	s = built(IOT_GEN_XSF, r);
	ck_assert_str_eq(s, "<abortNodeQuery xmlns=\"" XSF_NS "\" sourceId=\"MeteringGroups\" nodeId=\"Apartment 1-1\" "
	                    "command=\"searchEvents\" queryId=\"Query0001\"/>");
	g_free(s);
	iot_concentrator_request_free(r);

	/* Several nodes: XSF <node/>, NF <nd/>; Waher registers the common
	 * executions as get, the XEP's examples send a set. */
	r = on_node(IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND, "Apartment 1-1", "MeteringGroups", NULL);
	iot_concentrator_request_add_node(r, &n2);
	r->command = g_strdup("knockDoor");
	s = built(IOT_GEN_XSF, r);
	ck_assert_str_eq(s, "<executeCommonNodeCommand xmlns=\"" XSF_NS "\" command=\"knockDoor\">"
	                    "<node sourceId=\"MeteringGroups\" nodeId=\"Apartment 1-1\"/>"
	                    "<node sourceId=\"MeteringGroups\" nodeId=\"Apartment 1-2\"/></executeCommonNodeCommand>");
	g_free(s);
	s = built(IOT_GEN_IEEE, r);
	ck_assert_str_eq(s, "<executeCommonNodeCommand xmlns=\"urn:ieee:iot:concentrator:1.0\" command=\"knockDoor\">"
	                    "<nd id=\"Apartment 1-1\" src=\"MeteringGroups\"/><nd id=\"Apartment 1-2\" src=\"MeteringGroups\"/>"
	                    "</executeCommonNodeCommand>");
	g_free(s);
	ck_assert_str_eq(iot_concentrator_request_iq_type(IOT_GEN_XSF, r->op), "set");
	ck_assert_str_eq(iot_concentrator_request_iq_type(IOT_GEN_NF, r->op), "get");
	ck_assert_str_eq(iot_concentrator_request_iq_type(IOT_GEN_NF, IOT_CONCENTRATOR_GET_NODE), "get");
	ck_assert_str_eq(iot_concentrator_request_iq_type(IOT_GEN_XSF, IOT_CONCENTRATOR_DESTROY_NODE), "set");
	iot_concentrator_request_free(r);

	/* New node: the parent and the type (XEP-0326 "Create New Node"). */
	r = on_node(IOT_CONCENTRATOR_CREATE_NEW_NODE, "B1", "MeteringGroups", NULL);
	r->node_type = g_strdup("Namespace.MeteringTopologyReference");
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_XSF, NULL)); /* no form */
	iot_concentrator_request_set_form(r, x);
	s = built(IOT_GEN_XSF, r);
	ck_assert(g_str_has_prefix(s, "<createNewNode xmlns=\"" XSF_NS "\" sourceId=\"MeteringGroups\" nodeId=\"B1\" "
	                              "type=\"Namespace.MeteringTopologyReference\"><x "));
	g_free(s);
	iot_concentrator_request_free(r);

	/* Node lists with parameters and messages. */
	r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_ROOT_NODES);
	r->source_id = g_strdup("Rooms");
	r->parameters = TRUE;
	r->messages = TRUE;
	s = built(IOT_GEN_NF, r);
	ck_assert_str_eq(s, "<getRootNodes xmlns=\"" NF_NS "\" src=\"Rooms\" parameters=\"true\" messages=\"true\"/>");
	g_free(s);
	iot_concentrator_request_free(r);
	xmlFreeDoc(x->doc);
}
END_TEST

START_TEST(test_subscriptions_of_both_families)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(IOT_CONCENTRATOR_SUBSCRIBE);
	GError *error = NULL;
	char *s;

	r->source_id = g_strdup("MeteringTopology");
	/* XEP-0326 "Subscribing to data source events": all kinds, nothing else. */
	s = built(IOT_GEN_XSF, r);
	ck_assert_str_eq(s, "<subscribe xmlns=\"" XSF_NS "\" sourceId=\"MeteringTopology\"/>");
	g_free(s);
	/* NF: ttl is required (Waher answers bad-request without it). */
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_NF, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	g_clear_error(&error);
	r->ttl_s = 600;
	r->parameters = TRUE;
	r->events = IOT_SOURCE_EVENT_NODE_ADDED | IOT_SOURCE_EVENT_NODE_UPDATED | IOT_SOURCE_EVENT_NODE_REMOVED;
	ck_assert(iot_time_parse_datetime("2013-03-21T19:24:00Z", &r->events_since));
	s = built(IOT_GEN_NF, r);
	ck_assert_str_eq(s, "<subscribe xmlns=\"" NF_NS "\" src=\"MeteringTopology\" ttl=\"600\" "
	                    "getEventsSince=\"2013-03-21T19:24:00Z\" parameters=\"true\" nodeAdded=\"true\" "
	                    "nodeUpdated=\"true\" nodeStatusChanged=\"false\" nodeRemoved=\"true\" nodeMovedUp=\"false\" "
	                    "nodeMovedDown=\"false\"/>");
	g_free(s);
	iot_concentrator_request_free(r);

	r = iot_concentrator_request_new(IOT_CONCENTRATOR_UNSUBSCRIBE);
	r->source_id = g_strdup("MeteringTopology");
	s = built(IOT_GEN_XSF, r);
	ck_assert_str_eq(s, "<unsubscribe xmlns=\"" XSF_NS "\" sourceId=\"MeteringTopology\"/>");
	g_free(s);
	ck_assert_str_eq(iot_concentrator_request_iq_type(IOT_GEN_NF, r->op), "set");
	iot_concentrator_request_free(r);
}
END_TEST

START_TEST(test_check_says_what_is_missing)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_CHILD_NODES), *c;
	IotNodeRef empty = { "", "Rooms", NULL }, n = { "a", "Rooms", NULL };
	GError *error = NULL;
	guint i;

	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_NF, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	g_clear_error(&error);
	iot_concentrator_request_add_node(r, &empty);
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_NF, NULL));
	iot_concentrator_request_free(r);

	r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_NODES);
	for (i = 0; i <= IOT_MAX_CONCENTRATOR_REQUEST_NODES; i++)
		iot_concentrator_request_add_node(r, &n);
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_NF, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_TOO_LARGE));
	g_clear_error(&error);
	c = iot_concentrator_request_copy(r);
	ck_assert_uint_eq(c->n_nodes, IOT_MAX_CONCENTRATOR_REQUEST_NODES + 1);
	iot_concentrator_request_free(c);
	iot_concentrator_request_free(r);

	/* A generation without concentrators. */
	r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_CAPABILITIES);
	ck_assert(!iot_concentrator_request_check(r, IOT_GEN_UNKNOWN, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED));
	g_clear_error(&error);
	ck_assert(iot_concentrator_request_check(r, IOT_GEN_SN, NULL));
	iot_concentrator_request_free(r);
	iot_concentrator_request_free(NULL);
}
END_TEST

/* The reply to @r of fixture @relpath. */
static IotConcentratorReply *
reply_of(const IotConcentratorRequest *r, const char *relpath, GError **error)
{
	xmlNode *iq = iot_test_fixture_root(relpath);
	IotConcentratorReply *reply =
		iot_concentrator_reply_parse(r, g_strcmp0(iot_xml_attr(iq, "type"), "error") == 0, iq, error);

	xmlFreeDoc(iq->doc);
	return reply;
}

static IotConcentratorReply *
reply_of_op(IotConcentratorOp op, const char *relpath, GError **error)
{
	IotConcentratorRequest *r = on_node(op, "Node1", "MeteringTopology", NULL);
	IotConcentratorReply *reply;

	r->query_id = g_strdup("q-client");
	reply = reply_of(r, relpath, error);
	iot_concentrator_request_free(r);
	return reply;
}

START_TEST(test_capabilities_gate_operations)
{
	IotConcentratorReply *rep;
	GError *error = NULL;

	rep = reply_of_op(IOT_CONCENTRATOR_GET_CAPABILITIES, "concentrator/xsf-get-capabilities-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert(iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_GET_NODE_COMMANDS));
	ck_assert(iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_SUBSCRIBE));
	ck_assert(!iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_DESTROY_NODE));
	ck_assert(!iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_UNSUBSCRIBE));
	/* An abort goes with its execute even when not listed. */
	ck_assert(iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_ABORT_NODE_QUERY));
	ck_assert(iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_ABORT_COMMON_NODE_QUERY));
	iot_concentrator_reply_free(rep);

	rep = reply_of_op(IOT_CONCENTRATOR_GET_CAPABILITIES, "concentrator/nf-get-capabilities-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert(iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_UNSUBSCRIBE));
	ck_assert(!iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_CREATE_NEW_NODE));
	ck_assert(iot_concentrator_caps_allow(0, IOT_CONCENTRATOR_GET_CAPABILITIES));
	ck_assert(!iot_concentrator_caps_allow(~(IotConcentratorCaps)0, IOT_CONCENTRATOR_OP_COUNT));
	iot_concentrator_reply_free(rep);
	ck_assert_int_eq(iot_concentrator_op_from_name("setNodeParametersAfterEdit"),
	                 IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT);
	ck_assert_int_eq(iot_concentrator_op_from_name("getDatabases"), IOT_CONCENTRATOR_OP_COUNT);
	ck_assert_int_eq(iot_concentrator_op_from_name(NULL), IOT_CONCENTRATOR_OP_COUNT);
}
END_TEST

static const IotConcentratorCommand *
command(const IotConcentratorReply *r, guint i)
{
	return g_ptr_array_index(r->commands, i);
}

START_TEST(test_commands_of_both_families)
{
	IotConcentratorReply *rep;
	GError *error = NULL;

	rep = reply_of_op(IOT_CONCENTRATOR_GET_NODE_COMMANDS, "concentrator/xsf-get-node-commands-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(rep->commands->len, 3);
	ck_assert_str_eq(command(rep, 0)->id, "knockDoor");
	ck_assert_str_eq(command(rep, 0)->name, "Knock on door");
	ck_assert_int_eq(command(rep, 0)->type, IOT_COMMAND_SIMPLE);
	ck_assert_str_eq(command(rep, 0)->confirmation, "Are you sure you want to knock on the door?");
	ck_assert_str_eq(command(rep, 0)->success, "Door knocked.");
	ck_assert_int_eq(command(rep, 1)->type, IOT_COMMAND_PARAMETRIZED);
	ck_assert_ptr_null(command(rep, 1)->confirmation);
	ck_assert_int_eq(command(rep, 2)->type, IOT_COMMAND_QUERY);
	iot_concentrator_reply_free(rep);

	/* Waher spells it Parametrized; a second command of one id and one
	 * without an id are left out and counted. */
	rep = reply_of_op(IOT_CONCENTRATOR_GET_NODE_COMMANDS, "concentrator/nf-get-node-commands-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(rep->commands->len, 3);
	ck_assert_uint_eq(rep->dropped, 2);
	ck_assert_int_eq(command(rep, 1)->type, IOT_COMMAND_PARAMETRIZED);
	iot_concentrator_commands_sort(rep->commands);
	ck_assert_str_eq(command(rep, 0)->id, "dim");  /* Light 1 */
	ck_assert_str_eq(command(rep, 1)->id, "log");  /* Maintenance 1 */
	ck_assert_str_eq(command(rep, 2)->id, "reboot"); /* Maintenance 2 */
	ck_assert_ptr_nonnull(iot_concentrator_commands_find(rep->commands, "log"));
	ck_assert_ptr_null(iot_concentrator_commands_find(rep->commands, "nope"));
	{
		IotConcentratorCommand *c = iot_concentrator_command_copy(command(rep, 2));

		ck_assert_str_eq(c->confirmation, "Reboot the living room lamp?");
		iot_concentrator_command_free(c);
	}
	iot_concentrator_reply_free(rep);
}
END_TEST

START_TEST(test_forms_and_refused_forms)
{
	IotConcentratorReply *rep;
	const IotConcentratorFormError *e;
	GError *error = NULL;

	rep = reply_of_op(IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS, "concentrator/nf-get-command-parameters-result.xml",
	                  &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(rep->form->title, "Dim to…");
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(rep->form, "Level")), "50");
	iot_concentrator_reply_free(rep);

	rep = reply_of_op(IOT_CONCENTRATOR_GET_PARAMETERS_FOR_NEW_NODE,
	                  "concentrator/xsf-get-parameters-for-new-node-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(iot_dataform_session(rep->form), "0B146517-8EA3-4BEC-A2E9-CF3F209D4A5D");
	ck_assert_ptr_nonnull(iot_dataform_find(rep->form, "referenceId"));
	iot_concentrator_reply_free(rep);

	/* NF: not-acceptable with the form, the error on its field. */
	rep = reply_of_op(IOT_CONCENTRATOR_EXECUTE_NODE_COMMAND, "concentrator/nf-execute-node-command-not-acceptable.xml",
	                  &error);
	ck_assert_ptr_nonnull(rep);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert_str_eq(error->message, "Level must be 0–100 %.");
	g_clear_error(&error);
	ck_assert_uint_eq(rep->form_errors->len, 1);
	e = g_ptr_array_index(rep->form_errors, 0);
	ck_assert_str_eq(e->var, "Level");
	ck_assert_str_eq(iot_dataform_find(rep->form, "Level")->error, "Level must be 0–100 %.");
	iot_concentrator_reply_free(rep);

	/* XSF: result='FormError' with <error var/>, in an iq error. */
	rep = reply_of_op(IOT_CONCENTRATOR_CREATE_NEW_NODE, "concentrator/xsf-create-new-node-form-error.xml", &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert_str_eq(error->message, "There already exists a node with this ID.");
	g_clear_error(&error);
	ck_assert_uint_eq(rep->form_errors->len, 2);
	e = g_ptr_array_index(rep->form_errors, 1);
	ck_assert_str_eq(e->var, "referenceId");
	ck_assert_str_eq(e->text, "Referenced node was not found.");
	ck_assert_ptr_null(rep->form);
	iot_concentrator_reply_free(rep);

	rep = reply_of_op(IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT,
	                  "concentrator/xsf-set-node-parameters-form-error.xml", &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	g_clear_error(&error);
	ck_assert_str_eq(((IotConcentratorFormError *)g_ptr_array_index(rep->form_errors, 0))->var, "id");
	iot_concentrator_reply_free(rep);

	/* FormError naming no field: still a refused form, its errors empty. */
	rep = reply_of_op(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, "concentrator/xsf-form-error-without-errors.xml", &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	g_clear_error(&error);
	ck_assert_ptr_nonnull(rep);
	ck_assert_ptr_nonnull(rep->form_errors);
	ck_assert_uint_eq(rep->form_errors->len, 0);
	iot_concentrator_reply_free(rep);

	/* A form asked for, none in the answer. */
	ck_assert_ptr_null(reply_of_op(IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT,
	                               "concentrator/xsf-execute-node-query-result.xml", &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
}
END_TEST

static const IotNodeParameter *
param(const IotConcentratorNode *n, guint i)
{
	return g_ptr_array_index(n->parameters, i);
}

START_TEST(test_nodes_with_parameters_and_messages)
{
	IotConcentratorReply *rep;
	const IotConcentratorNode *n;
	const IotNodeMessage *m;
	GError *error = NULL;

	rep = reply_of_op(IOT_CONCENTRATOR_GET_NODE, "concentrator/xsf-get-node-result-parameters.xml", &error);
	ck_assert_ptr_null(error);
	n = g_ptr_array_index(rep->nodes, 0);
	ck_assert_str_eq(n->ref.source_id, "MeteringTopology"); /* the one asked about */
	ck_assert_uint_eq(n->parameters->len, 4);
	ck_assert_str_eq(param(n, 1)->id, "sn");
	ck_assert_str_eq(param(n, 1)->name, "Serial Number");
	ck_assert_str_eq(param(n, 1)->value, "123456");
	ck_assert_int_eq(param(n, 2)->type, IOT_NODE_PARAM_BOOLEAN);
	ck_assert_int_eq(param(n, 3)->type, IOT_NODE_PARAM_COLOR);
	ck_assert_uint_eq(n->messages->len, 2);
	m = g_ptr_array_index(n->messages, 0);
	ck_assert_int_eq(m->type, IOT_NODE_MESSAGE_WARNING);
	ck_assert_str_eq(m->text, "Low battery.");
	ck_assert_str_eq(m->event_id, "W1");
	ck_assert(m->timestamp != IOT_TIME_UNKNOWN);
	m = g_ptr_array_index(n->messages, 1);
	ck_assert_int_eq(m->type, IOT_NODE_MESSAGE_ERROR);
	ck_assert(m->timestamp == IOT_TIME_UNKNOWN);
	iot_concentrator_reply_free(rep);

	/* XSF lists name no source: the one asked about. */
	rep = reply_of_op(IOT_CONCENTRATOR_GET_CHILD_NODES, "concentrator/xsf-get-child-nodes-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(rep->nodes->len, 2);
	ck_assert_str_eq(((IotConcentratorNode *)g_ptr_array_index(rep->nodes, 1))->ref.source_id, "MeteringTopology");
	ck_assert_ptr_null(((IotConcentratorNode *)g_ptr_array_index(rep->nodes, 1))->parameters);
	iot_concentrator_reply_free(rep);

	/* The node as it is after an edit (XSF <node/> in the response). */
	rep = reply_of_op(IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT,
	                  "concentrator/xsf-set-node-parameters-result.xml", &error);
	ck_assert_ptr_null(error);
	n = g_ptr_array_index(rep->nodes, 0);
	ck_assert_str_eq(n->ref.node_id, "Node1");
	ck_assert_int_eq(param(n, 2)->type, IOT_NODE_PARAM_INT);
	iot_concentrator_reply_free(rep);

	rep = reply_of_op(IOT_CONCENTRATOR_CREATE_NEW_NODE, "concentrator/nf-create-new-node-result.xml", &error);
	ck_assert_ptr_null(error);
	n = g_ptr_array_index(rep->nodes, 0);
	ck_assert_str_eq(n->ref.node_id, "hall-lamp");
	ck_assert_str_eq(n->parent_id, "living-room");
	ck_assert_str_eq(param(n, 0)->value, "Hall lamp");
	iot_concentrator_reply_free(rep);

	/* XSF create: <node/> without a source. */
	rep = reply_of_op(IOT_CONCENTRATOR_CREATE_NEW_NODE, "concentrator/xsf-create-new-node-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(((IotConcentratorNode *)g_ptr_array_index(rep->nodes, 0))->ref.node_id, "Reference to Node1");
	iot_concentrator_reply_free(rep);
}
END_TEST

START_TEST(test_node_types_results_and_query_ids)
{
	IotConcentratorReply *rep;
	const IotConcentratorNodeResult *res;
	GError *error = NULL;

	rep = reply_of_op(IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES, "concentrator/xsf-get-addable-node-types-result.xml",
	                  &error);
	ck_assert_uint_eq(rep->node_types->len, 3);
	ck_assert_str_eq(((IotConcentratorNodeType *)g_ptr_array_index(rep->node_types, 2))->name, "Service Location");
	iot_concentrator_reply_free(rep);
	rep = reply_of_op(IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES, "concentrator/nf-get-addable-node-types-result.xml",
	                  &error);
	ck_assert_uint_eq(rep->node_types->len, 2);
	ck_assert_uint_eq(rep->dropped, 1);
	/* No name: the type is the name. */
	ck_assert_str_eq(((IotConcentratorNodeType *)g_ptr_array_index(rep->node_types, 1))->name, "Home.Sensor");
	iot_concentrator_reply_free(rep);

	rep = reply_of_op(IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND,
	                  "concentrator/xsf-execute-common-node-command-result.xml", &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(rep->results->len, 3);
	res = g_ptr_array_index(rep->results, 1);
	ck_assert(!res->ok);
	ck_assert_str_eq(res->error, "Door is locked.");
	iot_concentrator_reply_free(rep);
	rep = reply_of_op(IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND,
	                  "concentrator/nf-execute-common-node-command-result.xml", &error);
	ck_assert_uint_eq(rep->results->len, 2);
	ck_assert(((IotConcentratorNodeResult *)g_ptr_array_index(rep->results, 0))->ok);
	iot_concentrator_reply_free(rep);

	/* XSF: the concentrator's id; NF (empty result): the client's. */
	rep = reply_of_op(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, "concentrator/xsf-execute-node-query-result.xml", &error);
	ck_assert_str_eq(rep->query_id, "Query0001");
	iot_concentrator_reply_free(rep);
	{
		IotConcentratorRequest *r = on_node(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, "n", "s", NULL);
		xmlNode *iq = iot_test_parse("<iq type='result'/>");

		r->query_id = g_strdup("mine");
		rep = iot_concentrator_reply_parse(r, FALSE, iq, &error);
		ck_assert_str_eq(rep->query_id, "mine");
		iot_concentrator_reply_free(rep);
		/* Nothing to read for a destroy. */
		r->op = IOT_CONCENTRATOR_DESTROY_NODE;
		rep = iot_concentrator_reply_parse(r, FALSE, iq, &error);
		ck_assert_ptr_nonnull(rep);
		iot_concentrator_reply_free(rep);
		xmlFreeDoc(iq->doc);
		iot_concentrator_request_free(r);
	}

	/* Refusals: XSF result codes (also in a result), NF stanza errors. */
	ck_assert_ptr_null(reply_of_op(IOT_CONCENTRATOR_DESTROY_NODE, "concentrator/xsf-destroy-node-insufficient.xml",
	                               &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_REJECTED));
	g_clear_error(&error);
	ck_assert_ptr_null(reply_of_op(IOT_CONCENTRATOR_SUBSCRIBE, "concentrator/xsf-subscribe-not-implemented.xml",
	                               &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED));
	g_clear_error(&error);
	ck_assert_ptr_null(reply_of_op(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, "concentrator/nf-execute-node-query-conflict.xml",
	                               &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_CONFLICT));
	ck_assert_str_eq(error->message, "Query with same ID already running.");
	g_clear_error(&error);
}
END_TEST

/* Answers that lie: names that would be cut, markup, invalid characters,
 * too many of everything. */
START_TEST(test_hostile_and_oversized_answers)
{
	IotConcentratorRequest *r = on_node(IOT_CONCENTRATOR_GET_NODE_COMMANDS, "n", "s", NULL);
	GString *xml = g_string_new("<iq type='result'><commands xmlns='" NF_NS "'>");
	char *long_id = g_strnfill(IOT_MAX_NAME_BYTES + 1, 'x');
	IotConcentratorReply *rep;
	GError *error = NULL;
	xmlNode *iq;
	guint i;

	g_string_append_printf(xml, "<command command='%s' name='cut id'/>", long_id);
	g_string_append(xml, "<command command='html' name='&lt;b&gt;bold&lt;/b&gt;' type='Weird'/>");
	for (i = 0; i < IOT_MAX_CONCENTRATOR_COMMANDS + 5; i++)
		g_string_append_printf(xml, "<command command='c%u'/>", i);
	g_string_append(xml, "</commands></iq>");
	iq = iot_test_parse(xml->str);
	rep = iot_concentrator_reply_parse(r, FALSE, iq, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(rep->commands->len, IOT_MAX_CONCENTRATOR_COMMANDS);
	ck_assert_str_eq(command(rep, 0)->id, "html");
	ck_assert_str_eq(command(rep, 0)->name, "<b>bold</b>"); /* text: the UI escapes it */
	ck_assert_int_eq(command(rep, 0)->type, IOT_COMMAND_SIMPLE);
	ck_assert_str_eq(command(rep, 1)->name, "c0"); /* no name: the id */
	ck_assert_uint_eq(rep->dropped, 1 + 6);
	iot_concentrator_reply_free(rep);
	xmlFreeDoc(iq->doc);
	iot_concentrator_request_free(r);
	g_string_free(xml, TRUE);
	g_free(long_id);

	/* Too many capability values: the first ones count. */
	r = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_CAPABILITIES);
	xml = g_string_new("<iq type='result'><strings xmlns='" NF_NS "'>");
	for (i = 0; i < IOT_MAX_CONCENTRATOR_CAPABILITIES; i++)
		g_string_append(xml, "<value>getNode</value>");
	g_string_append(xml, "<value>destroyNode</value></strings></iq>");
	iq = iot_test_parse(xml->str);
	rep = iot_concentrator_reply_parse(r, FALSE, iq, &error);
	ck_assert(iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_GET_NODE));
	ck_assert(!iot_concentrator_caps_allow(rep->caps, IOT_CONCENTRATOR_DESTROY_NODE));
	iot_concentrator_reply_free(rep);
	xmlFreeDoc(iq->doc);
	g_string_free(xml, TRUE);

	/* No answer element at all. */
	iq = iot_test_parse("<iq type='result'><query xmlns='jabber:iq:version'/></iq>");
	ck_assert_ptr_null(iot_concentrator_reply_parse(r, FALSE, iq, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	xmlFreeDoc(iq->doc);
	iot_concentrator_request_free(r);
}
END_TEST

TCase *
iot_concentrator_request_tcase(void)
{
	TCase *tc = tcase_create("request");

	tcase_add_test(tc, test_requests_of_both_families);
	tcase_add_test(tc, test_subscriptions_of_both_families);
	tcase_add_test(tc, test_check_says_what_is_missing);
	tcase_add_test(tc, test_capabilities_gate_operations);
	tcase_add_test(tc, test_commands_of_both_families);
	tcase_add_test(tc, test_forms_and_refused_forms);
	tcase_add_test(tc, test_nodes_with_parameters_and_messages);
	tcase_add_test(tc, test_node_types_results_and_query_ids);
	tcase_add_test(tc, test_hostile_and_oversized_answers);
	return tc;
}
