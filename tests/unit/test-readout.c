/* test-readout.c — the readout flow over every answer shape: accepted →
 * started → fields… → done, NF resp/more, data in the IQ result, separate
 * <done/>, rejections, forged messages, timeouts with <cancel/>. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-readout.h"
#include "iot-xml.h"

#include <string.h>

#define PEER "thermostat@home.example/hw"

typedef struct {
	int calls, frees;
	guint fields;
	GError *error;
	char *first_value;
} Got;

static void
got_cb(IotReadout *r, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	g->error = error ? g_error_copy(error) : NULL;
	g->fields = r ? r->fields->len : 0;
	if (r && r->fields->len > 0)
		g->first_value = g_strdup(((IotField *)g_ptr_array_index(r->fields, 0))->value);
}

static void
got_free(gpointer data)
{
	((Got *)data)->frees++;
}

static void
got_clear(Got *g)
{
	g_clear_error(&g->error);
	g_free(g->first_value);
}

/* Starts a momentary readout in @gen; returns the iq id and (via @key) the seqnr/id. */
static char *
start(IotGeneration gen, Got *g, char **key)
{
	IotSdRequest req = { 0 };

	req.categories = IOT_CAT_MOMENTARY;
	iot_readout_start(fake_table, PEER, gen, &req, 15000, got_cb, g, got_free);
	*key = fake_transport_last_attr(fake_ft, "req", iot_generation_is_short(gen) ? "id" : "seqnr");
	ck_assert_ptr_nonnull(*key);
	return fake_transport_last_attr(fake_ft, "iq", "id");
}

static gboolean
iq_in(const char *type, const char *id, const char *from, const char *xml)
{
	xmlNode *iq = iot_test_parse(xml);
	gboolean c = iot_request_table_handle_iq(fake_table, type, id, from, iq);

	xmlFreeDoc(iq->doc);
	return c;
}

static gboolean
msg_in(const char *from, const char *fmt, const char *key)
{
	char *xml = g_strdup_printf(fmt, key);
	xmlNode *payload = iot_test_parse(xml);
	gboolean c = iot_readout_handle_message(fake_table, from, payload);

	xmlFreeDoc(payload->doc);
	g_free(xml);
	return c;
}

#define XSF_FIELDS(done, temp)                                                                 \
	"<fields xmlns='urn:xmpp:iot:sensordata' seqnr='%s' " done "><node nodeId='T'>"           \
	"<timestamp value='2024-01-10T08:15:00Z'><numeric name='temperature' momentary='true' "  \
	"value='" temp "' unit='°C'/></timestamp></node></fields>"

START_TEST(test_xsf_accepted_then_fields_then_done)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_XSF, &g, &key);
	char *accepted = g_strdup_printf("<iq type='result'><accepted xmlns='urn:xmpp:iot:sensordata' seqnr='%s'/></iq>", key);

	ck_assert(iq_in("result", id, PEER, accepted));
	ck_assert(msg_in(PEER, XSF_FIELDS("", "21.50"), key));
	ck_assert_int_eq(g.calls, 0);
	ck_assert(msg_in(PEER, "<done xmlns='urn:xmpp:iot:sensordata' seqnr='%s'/>", key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert_ptr_null(g.error);
	ck_assert_uint_eq(g.fields, 1);
	ck_assert_str_eq(g.first_value, "21.50");
	/* Late messages of a finished readout are not claimed. */
	ck_assert(!msg_in(PEER, XSF_FIELDS("done='true'", "1"), key));
	g_free(accepted);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_slixmpp_fields_before_accepted_with_done_attribute)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_XSF, &g, &key);

	/* Smack may send the fields message before the accepted IQ. */
	ck_assert(msg_in(PEER, XSF_FIELDS("done='true'", "20.0"), key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_uint_eq(g.fields, 1);
	/* The accepted IQ arriving afterwards is a late reply. */
	ck_assert(!iq_in("result", id, PEER, "<iq type='result'/>"));
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_forged_fields_from_another_address_are_ignored)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_XSF, &g, &key);

	ck_assert(!msg_in("eve@home.example/x", XSF_FIELDS("done='true'", "99.9"), key));
	ck_assert(!iq_in("result", id, "eve@home.example/x", "<iq type='result'/>"));
	ck_assert_int_eq(g.calls, 0);
	ck_assert(msg_in(PEER, XSF_FIELDS("done='true'", "20.0"), key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_str_eq(g.first_value, "20.0");
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

#define NF_RESP(more, name)                                                                    \
	"<resp xmlns='urn:nf:iot:sd:1.0' id='%s' " more "><ts v='2024-01-10T08:15:00Z'>"         \
	"<q n='" name "' v='1.5' u='kWh' m='true'/></ts></resp>"

START_TEST(test_nf_accepted_then_resp_more_then_last)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_NF, &g, &key);
	char *accepted = g_strdup_printf("<iq type='result'><accepted xmlns='urn:nf:iot:sd:1.0' id='%s'/></iq>", key);

	ck_assert(iq_in("result", id, PEER, accepted));
	ck_assert(msg_in(PEER, NF_RESP("more='true'", "a"), key));
	ck_assert(msg_in(PEER, NF_RESP("more='true'", "b"), key));
	ck_assert_int_eq(g.calls, 0);
	ck_assert(msg_in(PEER, NF_RESP("", "c"), key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_uint_eq(g.fields, 3);
	g_free(accepted);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_nf_data_inside_the_iq_result)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_IEEE, &g, &key);
	char *xml = g_strdup_printf("<iq type='result'>" NF_RESP("", "x") "</iq>", key);

	/* Waher answers an IEEE request with resp in the NF namespace. */
	ck_assert(iq_in("result", id, PEER, xml));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_uint_eq(g.fields, 1);
	g_free(xml);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

/* The first <resp/> of the iq result has no `more`: the readout ends there,
 * and nothing of the answer may reach it afterwards (it is freed by then;
 * AddressSanitizer sees any use). */
START_TEST(test_iq_result_ends_the_readout_at_its_first_last_message)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_NF, &g, &key);

	ck_assert(fake_table_answer(PEER, "sd/nf-resp-iq-two.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert_ptr_null(g.error);
	ck_assert_uint_eq(g.fields, 1);
	ck_assert_str_eq(g.first_value, "0.75");
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_nfi_started_then_resp)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_NFI, &g, &key);
	char *started = g_strdup_printf("<iq type='result'><started xmlns='urn:nfi:iot:sd:1.0' id='%s'/></iq>", key);

	ck_assert(iq_in("result", id, PEER, started));
	fake_transport_advance(fake_ft, 14000);
	ck_assert(msg_in(PEER, "<resp xmlns='urn:nfi:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:00Z'><b n='on' v='true' m='true'/></ts></resp>", key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_ptr_null(g.error);
	g_free(started);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_legacy_rejected_iq_error)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_XSF, &g, &key);
	char *xml = g_strdup_printf("<iq type='error'><rejected xmlns='urn:xmpp:iot:sensordata' seqnr='%s'><error>Invalid nodeId Nope</error></rejected></iq>", key);

	ck_assert(iq_in("error", id, PEER, xml));
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(g.error->message, "Invalid nodeId Nope");
	g_free(xml);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_rfc_forbidden_with_text)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_NF, &g, &key);

	ck_assert(iq_in("error", id, PEER, "<iq type='error'><error type='cancel'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Access denied.</text></error></iq>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(g.error->message, "Access denied.");
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_timeout_sends_cancel)
{
	Got g = { 0 };
	char *key, *id = start(IOT_GEN_XSF, &g, &key), *cancel_seqnr;

	fake_transport_advance(fake_ft, 15000);
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	cancel_seqnr = fake_transport_last_attr(fake_ft, "cancel", "seqnr");
	ck_assert_str_eq(cancel_seqnr, key);
	/* The forgotten readout's data arriving now is dropped. */
	ck_assert(!msg_in(PEER, XSF_FIELDS("done='true'", "1"), key));
	fake_transport_advance(fake_ft, 10000); /* the cancel's own timeout */
	g_free(cancel_seqnr);
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

START_TEST(test_filter_by_field_names)
{
	Got g = { 0 };
	IotSdRequest req = { 0 };
	char *names[] = { "Temperature", NULL };
	char *key, *id;

	req.categories = IOT_CAT_ALL;
	req.field_names = names;
	iot_readout_start(fake_table, PEER, IOT_GEN_XSF, &req, 15000, got_cb, &g, got_free);
	key = fake_transport_last_attr(fake_ft, "req", "seqnr");
	id = fake_transport_last_attr(fake_ft, "iq", "id");
	ck_assert(msg_in(PEER,
	                 "<fields xmlns='urn:xmpp:iot:sensordata' seqnr='%s' done='true'><node nodeId='T'>"
	                 "<timestamp value='2024-01-10T08:15:00Z'><numeric name='temperature' momentary='true' value='1' unit='C'/>"
	                 "<numeric name='humidity' momentary='true' value='2' unit='%%'/></timestamp></node></fields>",
	                 key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_uint_eq(g.fields, 1);
	ck_assert_str_eq(g.first_value, "1");
	g_free(key);
	g_free(id);
	got_clear(&g);
}
END_TEST

/* Plain /read on the wire of each family, and what is shown of the answer:
 * momentary values and status (a relay that is only a status field), not
 * the identity a device sends along although it was not asked. */
START_TEST(test_plain_read_asks_for_momentary_and_status)
{
	static const struct {
		IotGeneration gen;
		const char *want;
	} gens[] = {
		{ IOT_GEN_XSF, "momentary=\"true\" status=\"true\"" },
		{ IOT_GEN_SN, "momentary=\"true\" status=\"true\"" },
		{ IOT_GEN_IEEE, "m=\"true\" s=\"true\"" },
		{ IOT_GEN_NF, "m=\"true\" s=\"true\"" },
		{ IOT_GEN_NFI, "m=\"true\" s=\"true\"" },
	};
	IotSdRequest req;
	Got g = { 0 };
	char *key;
	guint i;

	ck_assert(iot_cmdargs_parse_read("", &req, NULL));
	for (i = 0; i < G_N_ELEMENTS(gens); i++) {
		guint handle = iot_readout_start(fake_table, PEER, gens[i].gen, &req, 15000, got_cb, &g, NULL);

		ck_assert_msg(strstr(fake_transport_last(fake_ft), gens[i].want) != NULL, "%s",
		              fake_transport_last(fake_ft));
		ck_assert(iot_request_table_cancel(fake_table, handle));
		got_clear(&g);
		memset(&g, 0, sizeof g);
	}
	iot_readout_start(fake_table, PEER, IOT_GEN_NF, &req, 15000, got_cb, &g, got_free);
	key = fake_transport_last_attr(fake_ft, "req", "id");
	ck_assert(msg_in(PEER, "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='2024-01-10T08:15:00Z'>"
	                       "<q n='Power' v='4.5' u='W' m='true'/><b n='Relay' v='true' s='true'/>"
	                       "<s n='Serial' v='PM-4711' i='true'/></ts></resp>", key));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_ptr_null(g.error);
	ck_assert_uint_eq(g.fields, 2); /* Power and Relay */
	g_free(key);
	got_clear(&g);
	iot_sd_request_clear(&req);
}
END_TEST

Suite *
iot_readout_suite(void)
{
	Suite *s = suite_create("readout");
	TCase *tc = tcase_create("flow");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_xsf_accepted_then_fields_then_done);
	tcase_add_test(tc, test_slixmpp_fields_before_accepted_with_done_attribute);
	tcase_add_test(tc, test_forged_fields_from_another_address_are_ignored);
	tcase_add_test(tc, test_nf_accepted_then_resp_more_then_last);
	tcase_add_test(tc, test_nf_data_inside_the_iq_result);
	tcase_add_test(tc, test_iq_result_ends_the_readout_at_its_first_last_message);
	tcase_add_test(tc, test_nfi_started_then_resp);
	tcase_add_test(tc, test_legacy_rejected_iq_error);
	tcase_add_test(tc, test_rfc_forbidden_with_text);
	tcase_add_test(tc, test_timeout_sends_cancel);
	tcase_add_test(tc, test_filter_by_field_names);
	tcase_add_test(tc, test_plain_read_asks_for_momentary_and_status);
	suite_add_tcase(s, tc);
	return s;
}
