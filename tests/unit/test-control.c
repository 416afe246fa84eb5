/* test-control.c — the control codec of every generation on the XEPs' and
 * NF's examples and on stanzas captured from slixmpp 1.8.3, and the §5.2
 * type map. The flows over the request table are in test-control-flow.c. */
#include "iot-tests.h"

#include "iot-control.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <stdarg.h>
#include <string.h>

Suite *iot_control_suite(void);
TCase *iot_control_flow_tcase(void);
TCase *iot_control_form_errors_tcase(void);

#define PEER "dimmer@home.example/hw"

static const IotGeneration all_gens[] = { IOT_GEN_SN, IOT_GEN_XSF, IOT_GEN_IEEE, IOT_GEN_NF,
	                                  IOT_GEN_NFI };

/* The first element below @root named @name (any depth), or @root itself. */
static xmlNode *
find(xmlNode *root, const char *name)
{
	xmlNode *c, *r;

	if (iot_xml_is(root, name, NULL))
		return root;
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		if ((r = find(c, name)) != NULL)
			return r;
	return NULL;
}

static char *
to_string(xmlNode *n)
{
	char *s = iot_xml_to_string(n);

	xmlFreeNode(n);
	return s;
}

static IotControlParam *
param(const IotControlSet *s, guint i)
{
	ck_assert_uint_gt(s->params->len, i);
	return g_ptr_array_index(s->params, i);
}

static IotNodeRef *
node(const GPtrArray *nodes, guint i)
{
	ck_assert_ptr_nonnull(nodes);
	ck_assert_uint_gt(nodes->len, i);
	return g_ptr_array_index(nodes, i);
}

/* A request with every parameter type, two nodes, tokens and a language. */
static IotControlSet *
every_type(void)
{
	IotControlSet *s = iot_control_set_new();

	iot_control_set_add_node(s, "Lamp1", "MeteringTopology", "Hall");
	iot_control_set_add_node(s, "Lamp2", NULL, NULL);
	ck_assert(iot_control_set_add_param(s, "Power", IOT_CONTROL_BOOLEAN, "true", NULL));
	ck_assert(iot_control_set_add_param(s, "Tint", IOT_CONTROL_COLOR, "FFB070C0", NULL));
	ck_assert(iot_control_set_add_param(s, "Day", IOT_CONTROL_DATE, "2024-05-01", NULL));
	ck_assert(iot_control_set_add_param(s, "At", IOT_CONTROL_DATETIME, "2024-05-01T08:00:00Z", NULL));
	ck_assert(iot_control_set_add_param(s, "Level", IOT_CONTROL_DOUBLE, "21.5", NULL));
	ck_assert(iot_control_set_add_param(s, "Fade", IOT_CONTROL_DURATION, "PT1M30S", NULL));
	ck_assert(iot_control_set_add_param(s, "Mode", IOT_CONTROL_ENUM, "Eco", "Waher.Things.Mode"));
	ck_assert(iot_control_set_add_param(s, "Steps", IOT_CONTROL_INT, "-40", NULL));
	ck_assert(iot_control_set_add_param(s, "Counter", IOT_CONTROL_LONG, "5000000000", NULL));
	ck_assert(iot_control_set_add_param(s, "Label", IOT_CONTROL_STRING, "Hall <east> & \"west\"", NULL));
	ck_assert(iot_control_set_add_param(s, "Wake", IOT_CONTROL_TIME, "06:45:00", NULL));
	s->service_token = g_strdup("SERVICE1");
	s->device_token = g_strdup("DEVICE1");
	s->user_token = g_strdup("USER1");
	s->lang = g_strdup("de");
	return s;
}

START_TEST(test_set_round_trip_every_generation_and_type)
{
	guint g, i;

	for (g = 0; g < G_N_ELEMENTS(all_gens); g++) {
		IotControlSet *s = every_type(), *back;
		char *xml = to_string(iot_control_build_set(all_gens[g], s));
		xmlNode *root = iot_test_parse(xml);
		GError *e = NULL;

		ck_assert_str_eq(iot_xml_ns(root), iot_ns_for(all_gens[g], IOT_FUNC_CONTROL));
		back = iot_control_parse_set(root, &e);
		ck_assert_ptr_nonnull(back);
		ck_assert_uint_eq(back->params->len, s->params->len);
		for (i = 0; i < s->params->len; i++) {
			IotControlParam *a = param(s, i), *b = param(back, i);
			gboolean nf = iot_generation_is_short(all_gens[g]);

			ck_assert_str_eq(a->name, b->name);
			ck_assert_str_eq(a->value, b->value);
			/* The XSF family has no enum: it travels as a string. */
			ck_assert_int_eq(b->type, (a->type == IOT_CONTROL_ENUM && !nf) ? IOT_CONTROL_STRING : a->type);
			if (a->type == IOT_CONTROL_ENUM && nf)
				ck_assert_str_eq(b->enum_type, "Waher.Things.Mode");
		}
		ck_assert_uint_eq(back->nodes->len, 2);
		ck_assert_str_eq(node(back->nodes, 0)->node_id, "Lamp1");
		ck_assert_str_eq(node(back->nodes, 0)->source_id, "MeteringTopology");
		ck_assert_str_eq(node(back->nodes, 0)->partition, "Hall");
		ck_assert_ptr_null(node(back->nodes, 1)->source_id);
		ck_assert_str_eq(back->service_token, "SERVICE1");
		ck_assert_str_eq(back->device_token, "DEVICE1");
		ck_assert_str_eq(back->user_token, "USER1");
		ck_assert_str_eq(back->lang, "de");
		iot_control_set_free(back);
		iot_control_set_free(s);
		xmlFreeDoc(root->doc);
		g_free(xml);
	}
}
END_TEST

START_TEST(test_set_wire_shapes)
{
	IotControlSet *s = iot_control_set_new();
	char *xml;

	iot_control_set_add_node(s, "Dimmer3", "MeteringTopology", NULL);
	iot_control_set_add_param(s, "FadeMs", IOT_CONTROL_INT, "800", NULL);
	iot_control_set_add_param(s, "Level", IOT_CONTROL_INT, "40", NULL);
	iot_control_set_add_param(s, "Tint", IOT_CONTROL_COLOR, "FFB070", NULL);
	s->lang = g_strdup("en");
	/* protocols.md §4.2: order kept, nodes first. */
	xml = to_string(iot_control_build_set(IOT_GEN_XSF, s));
	ck_assert_str_eq(xml, "<set xmlns=\"urn:xmpp:iot:control\" xml:lang=\"en\"><node nodeId=\"Dimmer3\" "
	                      "sourceId=\"MeteringTopology\"/><int name=\"FadeMs\" value=\"800\"/><int "
	                      "name=\"Level\" value=\"40\"/><color name=\"Tint\" value=\"FFB070\"/></set>");
	g_free(xml);
	xml = to_string(iot_control_build_set(IOT_GEN_NF, s));
	ck_assert_str_eq(xml, "<set xmlns=\"urn:nf:iot:ctr:1.0\" xml:lang=\"en\"><nd id=\"Dimmer3\" "
	                      "src=\"MeteringTopology\"/><i n=\"FadeMs\" v=\"800\"/><i n=\"Level\" "
	                      "v=\"40\"/><cl n=\"Tint\" v=\"FFB070\"/></set>");
	g_free(xml);
	xml = to_string(iot_control_build_set(IOT_GEN_SN, s));
	ck_assert(g_str_has_prefix(xml, "<set xmlns=\"urn:xmpp:sn:control\""));
	g_free(xml);
	/* An enum without a type name cannot be an NF e: it goes as s. */
	iot_control_set_free(s);
	s = iot_control_set_new();
	iot_control_set_add_param(s, "Mode", IOT_CONTROL_ENUM, "Eco", NULL);
	xml = to_string(iot_control_build_set(IOT_GEN_NFI, s));
	ck_assert_str_eq(xml, "<set xmlns=\"urn:nfi:iot:ctr:1.0\"><s n=\"Mode\" v=\"Eco\"/></set>");
	g_free(xml);
	/* A submit form goes in as it is. */
	iot_control_set_take_form(s, iot_xml_new("x", IOT_NS_XDATA));
	xml = to_string(iot_control_build_set(IOT_GEN_IEEE, s));
	ck_assert_str_eq(xml, "<set xmlns=\"urn:ieee:iot:ctr:1.0\"><s n=\"Mode\" v=\"Eco\"/><x "
	                      "xmlns=\"jabber:x:data\"/></set>");
	g_free(xml);
	iot_control_set_free(s);
}
END_TEST

START_TEST(test_get_form_wire_shapes)
{
	GPtrArray *nodes = g_ptr_array_new();
	IotNodeRef a = { "DigitalOutput1", NULL, NULL }, b = { "DigitalOutput2", "src", "pt" };
	char *xml;

	xml = to_string(iot_control_build_get_form(IOT_GEN_XSF, NULL, "en"));
	ck_assert_str_eq(xml, "<getForm xmlns=\"urn:xmpp:iot:control\" xml:lang=\"en\"/>");
	g_free(xml);
	g_ptr_array_add(nodes, &a);
	g_ptr_array_add(nodes, &b);
	xml = to_string(iot_control_build_get_form(IOT_GEN_XSF, nodes, NULL));
	ck_assert_str_eq(xml, "<getForm xmlns=\"urn:xmpp:iot:control\"><node nodeId=\"DigitalOutput1\"/>"
	                      "<node nodeId=\"DigitalOutput2\" sourceId=\"src\" cacheType=\"pt\"/></getForm>");
	g_free(xml);
	xml = to_string(iot_control_build_get_form(IOT_GEN_NF, nodes, NULL));
	ck_assert_str_eq(xml, "<getForm xmlns=\"urn:nf:iot:ctr:1.0\"><nd id=\"DigitalOutput1\"/>"
	                      "<nd id=\"DigitalOutput2\" src=\"src\" pt=\"pt\"/></getForm>");
	g_free(xml);
	g_ptr_array_unref(nodes);
}
END_TEST

static IotControlSet *
parse_set_fixture(const char *relpath)
{
	xmlNode *root = iot_test_fixture_root(relpath);
	IotControlSet *s = iot_control_parse_set(find(root, "set"), NULL);

	ck_assert_msg(s != NULL, "%s", relpath);
	xmlFreeDoc(root->doc);
	return s;
}

START_TEST(test_parse_sets_from_the_specifications_and_peers)
{
	static const struct {
		const char *file, *name, *value;
		IotControlType type;
	} one[] = {
		{ "ctl/xsf-set-boolean.xml", "Output", "true", IOT_CONTROL_BOOLEAN },
		{ "ctl/xsf-set-int.xml", "Output", "50000", IOT_CONTROL_INT },
		{ "ctl/xsf-set-long.xml", "Output", "500000000000000", IOT_CONTROL_LONG },
		{ "ctl/xsf-set-string.xml", "Row1", "Temperature: 21.4 °C", IOT_CONTROL_STRING },
		{ "ctl/xsf-set-double.xml", "4-20mA", "8.192", IOT_CONTROL_DOUBLE },
		{ "ctl/xsf-set-date.xml", "TariffStartDate", "2013-05-01", IOT_CONTROL_DATE },
		{ "ctl/xsf-set-time.xml", "Alarm Time", "08:00:00", IOT_CONTROL_TIME },
		{ "ctl/xsf-set-datetime.xml", "Alarm Time", "2013-04-02T08:00:00", IOT_CONTROL_DATETIME },
		{ "ctl/xsf-set-duration.xml", "Alarm Duration", "PT3M30S", IOT_CONTROL_DURATION },
		{ "ctl/xsf-set-color.xml", "Color", "3399FF", IOT_CONTROL_COLOR },
		{ "ctl/xsf-set-iq.xml", "Output", "true", IOT_CONTROL_BOOLEAN },
		{ "ctl/ieee-set.xml", "Power", "false", IOT_CONTROL_BOOLEAN },
	};
	IotControlSet *s;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(one); i++) {
		char *canon;

		s = parse_set_fixture(one[i].file);
		ck_assert_uint_eq(s->params->len, 1);
		ck_assert_str_eq(param(s, 0)->name, one[i].name);
		ck_assert_str_eq(param(s, 0)->value, one[i].value);
		ck_assert_int_eq(param(s, 0)->type, one[i].type);
		/* The XEP's own values are canonical wire values. */
		canon = iot_value_canonical(one[i].type, one[i].value);
		ck_assert_str_eq(canon, one[i].value);
		g_free(canon);
		iot_control_set_free(s);
	}
	s = parse_set_fixture("ctl/xsf-set-multinode.xml");
	ck_assert_uint_eq(s->nodes->len, 4);
	ck_assert_str_eq(node(s->nodes, 3)->node_id, "DigitalOutput4");
	iot_control_set_free(s);
	s = parse_set_fixture("ctl/nf-set-all-types.xml");
	ck_assert_uint_eq(s->params->len, 11);
	ck_assert_int_eq(param(s, 6)->type, IOT_CONTROL_ENUM);
	ck_assert_str_eq(param(s, 6)->enum_type, "Waher.Things.Mode");
	ck_assert_str_eq(param(s, 9)->value, "Hall <east>");
	ck_assert_str_eq(s->device_token, "DEVICE1");
	ck_assert_str_eq(node(s->nodes, 0)->partition, "Hall");
	iot_control_set_free(s);
	/* Smack writes <bool/>. */
	s = parse_set_fixture("ctl/smack-set.xml");
	ck_assert_uint_eq(s->params->len, 4);
	ck_assert_int_eq(param(s, 0)->type, IOT_CONTROL_BOOLEAN);
	iot_control_set_free(s);
	/* A form, directly (all versions' examples) or in <form/> (v0.1 schema). */
	s = parse_set_fixture("ctl/nf-set-form.xml");
	ck_assert_ptr_nonnull(s->form);
	ck_assert_uint_eq(s->params->len, 0);
	iot_control_set_free(s);
	{
		xmlNode *root = iot_test_parse("<set xmlns='urn:xmpp:sn:control'><form><x xmlns='jabber:x:data' "
		                               "type='submit'/></form></set>");

		s = iot_control_parse_set(root, NULL);
		ck_assert(iot_xml_is(s->form, "x", IOT_NS_XDATA));
		iot_control_set_free(s);
		xmlFreeDoc(root->doc);
	}
	/* What slixmpp sends as a client, in an iq and in a message. */
	s = parse_set_fixture("ctl/slixmpp/client-1.xml");
	ck_assert_uint_eq(s->params->len, 2);
	ck_assert_str_eq(node(s->nodes, 0)->node_id, "Lamp");
	iot_control_set_free(s);
	s = parse_set_fixture("ctl/slixmpp/client-2.xml");
	ck_assert_str_eq(param(s, 0)->value, "FFB070");
	iot_control_set_free(s);
}
END_TEST

static IotDataForm *
form_answer(const char *relpath, GError **error)
{
	xmlNode *root = iot_test_fixture_root(relpath);
	IotDataForm *form = iot_control_parse_form_answer(root, error);

	xmlFreeDoc(root->doc);
	return form;
}

START_TEST(test_get_form_answers)
{
	static const char *const ok[] = { "ctl/xsf-getform-result.xml", "ctl/sn-getform-result.xml",
		                          "ctl/nf-getform-result.xml", "ctl/waher-getform-result.xml",
		                          "ctl/xsf-getform-multinode-result.xml",
		                          "ctl/sn-getform-groups-result.xml" };
	GError *e = NULL;
	IotDataForm *form;
	xmlNode *root;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(ok); i++) {
		form = form_answer(ok[i], &e);
		ck_assert_msg(form != NULL, "%s: %s", ok[i], e ? e->message : "");
		ck_assert_uint_gt(form->fields->len, 0);
		iot_dataform_free(form);
	}
	/* v0.1: a refusal is only the legacy result code. */
	ck_assert_ptr_null(form_answer("ctl/sn-getform-failure.xml", &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_REJECTED));
	g_clear_error(&e);
	root = iot_test_parse("<iq type='result'><getFormResponse xmlns='urn:xmpp:iot:control' "
	                      "result='NotImplemented'/></iq>");
	ck_assert_ptr_null(iot_control_parse_form_answer(root, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_NOT_IMPLEMENTED));
	g_clear_error(&e);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<iq type='result'><getFormResponse xmlns='urn:xmpp:iot:control'/></iq>");
	ck_assert_ptr_null(iot_control_parse_form_answer(root, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<iq type='result'/>");
	ck_assert_ptr_null(iot_control_parse_form_answer(root, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
	xmlFreeDoc(root->doc);
}
END_TEST

static IotControlResult *
result_of(const char *relpath, const IotControlSet *sent)
{
	xmlNode *root = iot_test_fixture_root(relpath);
	IotControlResult *r = iot_control_parse_result(root, g_strcmp0(iot_xml_attr(root, "type"), "error") == 0,
	                                               sent);

	xmlFreeDoc(root->doc);
	return r;
}

static IotControlSet *
sent_params(const char *first, ...)
{
	IotControlSet *s = iot_control_set_new();
	const char *n;
	va_list ap;

	va_start(ap, first);
	for (n = first; n != NULL; n = va_arg(ap, const char *))
		iot_control_set_add_param(s, n, IOT_CONTROL_BOOLEAN, "true", NULL);
	va_end(ap);
	return s;
}

START_TEST(test_set_successes)
{
	static const char *const plain[] = { "ctl/xsf-set-result.xml", "ctl/sn-set-result.xml",
		                             "ctl/slixmpp/set-ok-1.xml", "ctl/smack-set-response.xml",
		                             "ctl/nf-resp-empty.xml", "ctl/ieee-resp-in-nf.xml" };
	IotControlSet *sent = sent_params("MainSwitch", "HorizontalAngle", "ElevationAngle", NULL);
	IotControlResult *r;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(plain); i++) {
		r = result_of(plain[i], sent);
		ck_assert_msg(r->error == NULL, "%s: %s", plain[i], r->error->message);
		ck_assert_ptr_null(r->nodes);
		ck_assert_ptr_null(r->params);
		ck_assert(!r->partial);
		iot_control_result_free(r);
	}
	r = result_of("ctl/nf-resp.xml", sent);
	ck_assert_ptr_null(r->error);
	ck_assert_uint_eq(r->params->len, 3);
	ck_assert(!r->partial);
	iot_control_result_free(r);
	iot_control_set_free(sent);

	/* Provisioning restricted the request (XEP-0324 §3.5, NF). */
	sent = sent_params("DigitalOutput1", "DigitalOutput2", "DigitalOutput3", "DigitalOutput4",
	                   "AnalogOutput1", "AnalogOutput2", "AnalogOutput3", "AnalogOutput4", NULL);
	r = result_of("ctl/xsf-set-restricted-params.xml", sent);
	ck_assert_ptr_null(r->error);
	ck_assert(r->partial);
	ck_assert_uint_eq(r->params->len, 4);
	ck_assert_str_eq(g_ptr_array_index(r->params, 3), "DigitalOutput4");
	iot_control_result_free(r);
	iot_control_set_free(sent);

	sent = sent_params("Output", NULL);
	iot_control_set_add_node(sent, "DigitalOutput1", NULL, NULL);
	iot_control_set_add_node(sent, "DigitalOutput2", NULL, NULL);
	iot_control_set_add_node(sent, "DigitalOutput3", NULL, NULL);
	iot_control_set_add_node(sent, "DigitalOutput4", NULL, NULL);
	r = result_of("ctl/xsf-set-restricted-nodes.xml", sent);
	ck_assert(r->partial);
	ck_assert_uint_eq(r->nodes->len, 2);
	ck_assert_str_eq(node(r->nodes, 0)->node_id, "DigitalOutput2");
	iot_control_result_free(r);
	iot_control_set_free(sent);

	sent = sent_params("Power", "Pan", NULL);
	iot_control_set_add_node(sent, "Lamp1", "MeteringTopology", NULL);
	iot_control_set_add_node(sent, "Lamp2", NULL, NULL);
	r = result_of("ctl/nf-resp-partial.xml", sent);
	ck_assert(r->partial);
	ck_assert_str_eq(node(r->nodes, 0)->source_id, "MeteringTopology");
	ck_assert_str_eq(g_ptr_array_index(r->params, 0), "Power");
	iot_control_result_free(r);
	/* Without knowing what was sent, nothing can be called partial. */
	r = result_of("ctl/nf-resp-partial.xml", NULL);
	ck_assert(!r->partial);
	iot_control_result_free(r);
	iot_control_set_free(sent);
}
END_TEST

static void
assert_failure(const char *relpath, const IotControlSet *sent, int code, const char *message,
               const char *param_name, const char *param_text)
{
	IotControlResult *r = result_of(relpath, sent);

	ck_assert_msg(r->error != NULL, "%s succeeded", relpath);
	ck_assert_msg(r->error->code == code, "%s: code %d", relpath, r->error->code);
	ck_assert_str_eq(r->error->message, message);
	if (param_name != NULL)
		ck_assert_str_eq(iot_control_result_error_for(r, param_name), param_text);
	else
		ck_assert_uint_eq(r->errors->len, 0);
	iot_control_result_free(r);
}

START_TEST(test_set_failures_every_shape)
{
	IotControlSet *output = sent_params("Output", NULL);
	IotControlSet *percent = sent_params("FadeTimeMilliseconds", "OutputPercent", NULL);
	IotControlSet *tilt = sent_params("Pan", "Tilt", NULL);
	IotControlResult *r;

	/* v0.3+: RFC error with paramError@var (and no text). */
	assert_failure("ctl/xsf-set-failure.xml", output, IOT_ERROR_BAD_REQUEST,
	               "Output: Invalid parameter type.", "Output", "Invalid parameter type.");
	assert_failure("ctl/xsf-set-form-failure.xml", percent, IOT_ERROR_BAD_REQUEST,
	               "OutputPercent: Invalid parameter value.", "OutputPercent", "Invalid parameter value.");
	assert_failure("ctl/xsf-set-multinode-failure.xml", NULL, IOT_ERROR_BAD_REQUEST,
	               "Output: Invalid parameter type.", "Output", "Invalid parameter type.");
	/* Waher: paramError@n; the NF XSD: @var, here with an RFC text. */
	assert_failure("ctl/nf-paramerror-n.xml", tilt, IOT_ERROR_NOT_FOUND, "Tilt: Parameter not found.",
	               "Tilt", "Parameter not found.");
	r = result_of("ctl/nf-paramerror-var.xml", tilt);
	ck_assert_str_eq(r->error->message, "Two parameters are out of range.");
	ck_assert_uint_eq(r->errors->len, 2);
	ck_assert_str_eq(iot_control_result_error_for(r, "Pan"), "Value not valid.");
	iot_control_result_free(r);
	/* v0.1/0.2 legacy bodies, no RFC error. */
	assert_failure("ctl/sn-set-failure.xml", output, IOT_ERROR_FAILED, "Invalid parameter type.",
	               "Output", "Invalid parameter type.");
	assert_failure("ctl/sn-set-form-failure.xml", percent, IOT_ERROR_BAD_REQUEST,
	               "Invalid parameter value.", "OutputPercent", "Invalid parameter value.");
	assert_failure("ctl/xsf-set-refused.xml", output, IOT_ERROR_REJECTED, "InsufficientPrivileges",
	               NULL, NULL);
	/* Other RFC errors of getForm and set. */
	assert_failure("ctl/xsf-getform-failure.xml", NULL, IOT_ERROR_REJECTED, "Access denied.", NULL, NULL);
	assert_failure("ctl/xsf-getform-multinode-failure.xml", NULL, IOT_ERROR_NOT_IMPLEMENTED,
	               "Cannot merge control forms from different nodes.", NULL, NULL);
	iot_control_set_free(output);
	iot_control_set_free(percent);
	iot_control_set_free(tilt);
}
END_TEST

/* Captured from slixmpp 1.8.3: its <error var> is the hard-coded 'Output';
 * the <parameter name/> beside it names the parameter that failed. */
START_TEST(test_slixmpp_failures)
{
	IotControlSet *dimmer = sent_params("Dimmer", NULL), *relay = sent_params("Relay", NULL);
	IotControlSet *level = iot_control_set_new();
	IotControlResult *r;

	iot_control_set_add_param(level, "Level", IOT_CONTROL_DOUBLE, "40", NULL);
	assert_failure("ctl/slixmpp/set-notfound-1.xml", dimmer, IOT_ERROR_NOT_FOUND,
	               "Invalid field Dimmer", "Dimmer", "Invalid field Dimmer");
	/* Also without knowing what was sent. */
	assert_failure("ctl/slixmpp/set-notfound-1.xml", NULL, IOT_ERROR_NOT_FOUND,
	               "Invalid field Dimmer", "Dimmer", "Invalid field Dimmer");
	/* A type slixmpp did not register reads as "not found". */
	assert_failure("ctl/slixmpp/set-wrongtype-1.xml", level, IOT_ERROR_NOT_FOUND,
	               "Invalid field Level", "Level", "Invalid field Level");
	r = result_of("ctl/slixmpp/set-notfound-1.xml", dimmer);
	ck_assert_ptr_null(iot_control_result_error_for(r, "Output"));
	iot_control_result_free(r);
	/* An unknown node: no parameter is to blame. */
	r = result_of("ctl/slixmpp/set-badnode-1.xml", relay);
	ck_assert_int_eq(r->error->code, IOT_ERROR_NOT_FOUND);
	ck_assert_str_eq(r->error->message, "Invalid nodeId Nope");
	ck_assert_uint_eq(r->errors->len, 0);
	ck_assert_str_eq(node(r->failed_nodes, 0)->node_id, "Nope");
	iot_control_result_free(r);
	/* The plugin's own driver-error path: OtherError, node and parameter. */
	r = result_of("ctl/slixmpp/set-driver-error-1.xml", relay);
	ck_assert_int_eq(r->error->code, IOT_ERROR_FAILED);
	ck_assert_str_eq(r->error->message, "Relay stuck");
	ck_assert_str_eq(iot_control_result_error_for(r, "Relay"), "Relay stuck");
	ck_assert_str_eq(node(r->failed_nodes, 0)->node_id, "Lamp");
	iot_control_result_free(r);
	/* slixmpp says OK to what it did not understand (Smack's <bool/>) or
	 * did not check ("banana" for an int): success is all it tells. */
	r = result_of("ctl/slixmpp/set-bool-element-1.xml", relay);
	ck_assert_ptr_null(r->error);
	iot_control_result_free(r);
	r = result_of("ctl/slixmpp/set-badvalue-1.xml", level);
	ck_assert_ptr_null(r->error);
	iot_control_result_free(r);
	iot_control_set_free(dimmer);
	iot_control_set_free(relay);
	iot_control_set_free(level);
}
END_TEST

START_TEST(test_legacy_code_in_a_result_still_fails)
{
	xmlNode *root = iot_test_parse("<iq type='result'><setResponse xmlns='urn:xmpp:iot:control' "
	                               "responseCode='Locked'/></iq>");
	IotControlResult *r = iot_control_parse_result(root, FALSE, NULL);

	ck_assert_int_eq(r->error->code, IOT_ERROR_CONFLICT);
	iot_control_result_free(r);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<iq type='result'><setResponse xmlns='urn:xmpp:iot:control' "
	                      "responseCode='Weird'/></iq>");
	r = iot_control_parse_result(root, FALSE, NULL);
	ck_assert_int_eq(r->error->code, IOT_ERROR_FAILED);
	ck_assert_str_eq(r->error->message, "Weird");
	iot_control_result_free(r);
	xmlFreeDoc(root->doc);
}
END_TEST

START_TEST(test_type_map)
{
	static const struct {
		const char *var;
		IotControlType type;
	} want[] = {
		{ "setpoint", IOT_CONTROL_DOUBLE }, { "level", IOT_CONTROL_INT },
		{ "counter", IOT_CONTROL_LONG },    { "small", IOT_CONTROL_INT },
		{ "medium", IOT_CONTROL_INT },      { "huge", IOT_CONTROL_LONG },
		{ "enabled", IOT_CONTROL_BOOLEAN }, { "day", IOT_CONTROL_DATE },
		{ "at", IOT_CONTROL_DATETIME },     { "wake", IOT_CONTROL_TIME },
		{ "fade", IOT_CONTROL_DURATION },   { "colour", IOT_CONTROL_COLOR },
		{ "glow", IOT_CONTROL_COLOR },      { "serial", IOT_CONTROL_STRING },
		{ "custom", IOT_CONTROL_STRING },   { "mode", IOT_CONTROL_STRING },
		{ "days", IOT_CONTROL_STRING },     { "owner", IOT_CONTROL_STRING },
	};
	xmlNode *root = iot_test_fixture_root("forms/all-datatypes.xml");
	IotDataForm *form = iot_dataform_parse(root, NULL);
	IotFormField *sw;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(want); i++)
		ck_assert_msg(iot_control_type_for_form_field(iot_dataform_find(form, want[i].var)) == want[i].type,
		              "%s", want[i].var);
	sw = iot_form_field_new(IOT_FORM_FIELD_BOOLEAN, "sw");
	ck_assert_int_eq(iot_control_type_for_form_field(sw), IOT_CONTROL_BOOLEAN);
	iot_form_field_free(sw);
	iot_dataform_free(form);
	xmlFreeDoc(root->doc);
}
END_TEST

START_TEST(test_type_map_from_sensor_fields)
{
	static const struct {
		IotValueType in;
		IotControlType out;
	} map[] = {
		{ IOT_VALUE_NUMERIC, IOT_CONTROL_DOUBLE },   { IOT_VALUE_BOOLEAN, IOT_CONTROL_BOOLEAN },
		{ IOT_VALUE_INT, IOT_CONTROL_INT },          { IOT_VALUE_LONG, IOT_CONTROL_LONG },
		{ IOT_VALUE_STRING, IOT_CONTROL_STRING },    { IOT_VALUE_ENUM, IOT_CONTROL_ENUM },
		{ IOT_VALUE_DATE, IOT_CONTROL_DATE },        { IOT_VALUE_DATETIME, IOT_CONTROL_DATETIME },
		{ IOT_VALUE_TIME, IOT_CONTROL_TIME },        { IOT_VALUE_DURATION, IOT_CONTROL_DURATION },
	};
	IotReadout *r = iot_readout_new();
	IotField *f;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(map); i++) {
		f = iot_field_new();
		f->type = map[i].in;
		ck_assert_int_eq(iot_control_type_for_sensor_field(f), map[i].out);
		iot_field_free(f);
	}
	/* XEP-0325 §5.2: writable first, then momentary, then status; never missing. */
	for (i = 0; i < 4; i++) {
		f = iot_field_new();
		g_free(f->name);
		f->name = g_strdup("Relay");
		f->type = i == 2 ? IOT_VALUE_BOOLEAN : IOT_VALUE_STRING;
		f->categories = i == 0 ? IOT_CAT_STATUS : IOT_CAT_MOMENTARY;
		f->writable = i >= 2;
		f->qos = i == 3 ? IOT_QOS_MISSING : 0;
		g_ptr_array_add(r->fields, f);
	}
	f = (IotField *)iot_control_find_sensor_field(r, "Relay");
	ck_assert_ptr_eq(f, g_ptr_array_index(r->fields, 2));
	ck_assert_int_eq(iot_control_type_for_sensor_field(f), IOT_CONTROL_BOOLEAN);
	ck_assert_ptr_null(iot_control_find_sensor_field(r, "relay"));
	g_ptr_array_remove_index(r->fields, 2);
	ck_assert_ptr_eq(iot_control_find_sensor_field(r, "Relay"), g_ptr_array_index(r->fields, 1));
	iot_readout_free(r);
}
END_TEST

START_TEST(test_typed_set_from_a_form)
{
	xmlNode *root = iot_test_fixture_root("ctl/xsf-getform-result.xml");
	IotDataForm *form = iot_control_parse_form_answer(root, NULL);
	IotFormValues *orig = iot_dataform_snapshot(form);
	IotControlSet *set, *copy;

	iot_dataform_set_value(form, "OutputPercent", "10");
	iot_dataform_set_value(form, "FadeTimeMilliseconds", "500");
	set = iot_control_set_from_form(form, orig);
	/* Form order, not edit order: XEP-0325 §6.4. */
	ck_assert_uint_eq(set->params->len, 2);
	ck_assert_str_eq(param(set, 0)->name, "FadeTimeMilliseconds");
	ck_assert_int_eq(param(set, 0)->type, IOT_CONTROL_INT);
	ck_assert_str_eq(param(set, 1)->value, "10");
	copy = iot_control_set_copy(set);
	ck_assert_ptr_eq(iot_control_set_find_param(copy, "OutputPercent"), param(copy, 1));
	ck_assert_ptr_null(iot_control_set_find_param(copy, "MainSwitch"));
	ck_assert(!iot_control_set_add_param(copy, "bad\x01", IOT_CONTROL_STRING, "x", NULL));
	ck_assert(!iot_control_set_add_param(copy, "ok", IOT_CONTROL_STRING, "\x02", NULL));
	ck_assert_uint_eq(copy->params->len, 2);
	iot_control_set_free(copy);
	iot_control_set_free(set);
	iot_form_values_free(orig);
	iot_dataform_free(form);
	xmlFreeDoc(root->doc);
}
END_TEST

START_TEST(test_hostile_answers)
{
	GString *xml = g_string_new("<iq type='result'><resp xmlns='urn:nf:iot:ctr:1.0'>");
	IotControlResult *r;
	IotControlSet *s;
	xmlNode *root;
	GError *e = NULL;
	guint i;
	char *big = g_strnfill(1024 * 1024, 'E');

	for (i = 0; i < IOT_MAX_CONTROL_PARAMETERS + 500; i++)
		g_string_append_printf(xml, "<p n='p%u'/><p/><nd/><nd id='n%u'/>", i, i);
	g_string_append(xml, "</resp></iq>");
	root = iot_test_parse(xml->str);
	r = iot_control_parse_result(root, FALSE, NULL);
	ck_assert_uint_eq(r->params->len, IOT_MAX_CONTROL_PARAMETERS);
	ck_assert_uint_eq(r->nodes->len, IOT_MAX_CONTROL_NODES);
	iot_control_result_free(r);
	xmlFreeDoc(root->doc);
	g_string_free(xml, TRUE);

	xml = g_string_new("<set xmlns='urn:xmpp:iot:control'>");
	for (i = 0; i < IOT_MAX_CONTROL_PARAMETERS + 5; i++)
		g_string_append_printf(xml, "<int name='p%u' value='%u'/><int/><int name='x'/><node/>", i, i);
	g_string_append(xml, "<nope/></set>");
	root = iot_test_parse(xml->str);
	s = iot_control_parse_set(root, NULL);
	ck_assert_uint_eq(s->params->len, IOT_MAX_CONTROL_PARAMETERS);
	ck_assert_uint_eq(s->nodes->len, 0);
	iot_control_set_free(s);
	xmlFreeDoc(root->doc);
	g_string_free(xml, TRUE);

	/* A megabyte of error text is cut; paramError without a name is ignored. */
	xml = g_string_new(NULL);
	g_string_printf(xml, "<iq type='error'><error type='modify'><bad-request xmlns='urn:ietf:params:"
	                     "xml:ns:xmpp-stanzas'/><paramError xmlns='urn:nf:iot:ctr:1.0'>x</paramError>"
	                     "<paramError xmlns='urn:nf:iot:ctr:1.0' n='A'>%s</paramError></error></iq>", big);
	root = iot_test_parse(xml->str);
	r = iot_control_parse_result(root, TRUE, NULL);
	ck_assert_uint_eq(r->errors->len, 1);
	ck_assert_uint_le(strlen(iot_control_result_error_for(r, "A")), IOT_MAX_ERROR_TEXT);
	ck_assert_uint_le(strlen(r->error->message), IOT_MAX_ERROR_TEXT + 8);
	iot_control_result_free(r);
	xmlFreeDoc(root->doc);
	g_string_free(xml, TRUE);
	g_free(big);

	/* Not a control set; an empty error. */
	root = iot_test_parse("<set xmlns='urn:xmpp:iot:sensordata'/>");
	ck_assert_ptr_null(iot_control_parse_set(root, &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&e);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<iq type='error'/>");
	r = iot_control_parse_result(root, TRUE, NULL);
	ck_assert_ptr_nonnull(r->error);
	iot_control_result_free(r);
	xmlFreeDoc(root->doc);
	iot_control_result_free(NULL);
	iot_control_set_free(NULL);
}
END_TEST

Suite *
iot_control_suite(void)
{
	Suite *s = suite_create("control");
	TCase *tc = tcase_create("codec");

	tcase_add_test(tc, test_set_round_trip_every_generation_and_type);
	tcase_add_test(tc, test_set_wire_shapes);
	tcase_add_test(tc, test_get_form_wire_shapes);
	tcase_add_test(tc, test_parse_sets_from_the_specifications_and_peers);
	tcase_add_test(tc, test_get_form_answers);
	tcase_add_test(tc, test_set_successes);
	tcase_add_test(tc, test_set_failures_every_shape);
	tcase_add_test(tc, test_slixmpp_failures);
	tcase_add_test(tc, test_legacy_code_in_a_result_still_fails);
	tcase_add_test(tc, test_type_map);
	tcase_add_test(tc, test_type_map_from_sensor_fields);
	tcase_add_test(tc, test_typed_set_from_a_form);
	tcase_add_test(tc, test_hostile_answers);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_control_flow_tcase());
	suite_add_tcase(s, iot_control_form_errors_tcase());
	return s;
}
