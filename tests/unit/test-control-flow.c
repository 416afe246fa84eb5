/* test-control-flow.c — getForm and set over the request table with a fake
 * transport: the iq types, every generation, legacy answers, partial
 * acceptance, and above all that a set is never sent twice — not after a
 * timeout, not after a cancel, not when the connection is gone. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-control-flow.h"
#include "iot-error.h"
#include "iot-xml.h"

#include <stdarg.h>
#include <string.h>

TCase *iot_control_flow_tcase(void);

#define PEER "dimmer@home.example/hw"

static const IotGeneration all_gens[] = { IOT_GEN_SN, IOT_GEN_XSF, IOT_GEN_IEEE, IOT_GEN_NF,
	                                  IOT_GEN_NFI };

typedef struct {
	int calls, frees;
	IotDataForm *form;
	GError *error;
	guint errors, applied;
	gboolean partial;
} Got;

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

/* A request with a parameter of every type, two nodes and a language. */
static IotControlSet *
every_type(void)
{
	IotControlSet *s = iot_control_set_new();

	iot_control_set_add_node(s, "Lamp1", "MeteringTopology", "Hall");
	iot_control_set_add_node(s, "Lamp2", NULL, NULL);
	iot_control_set_add_param(s, "Power", IOT_CONTROL_BOOLEAN, "true", NULL);
	iot_control_set_add_param(s, "Tint", IOT_CONTROL_COLOR, "FFB070C0", NULL);
	iot_control_set_add_param(s, "Day", IOT_CONTROL_DATE, "2024-05-01", NULL);
	iot_control_set_add_param(s, "At", IOT_CONTROL_DATETIME, "2024-05-01T08:00:00Z", NULL);
	iot_control_set_add_param(s, "Level", IOT_CONTROL_DOUBLE, "21.5", NULL);
	iot_control_set_add_param(s, "Fade", IOT_CONTROL_DURATION, "PT1M30S", NULL);
	iot_control_set_add_param(s, "Mode", IOT_CONTROL_ENUM, "Eco", "Waher.Things.Mode");
	iot_control_set_add_param(s, "Steps", IOT_CONTROL_INT, "-40", NULL);
	iot_control_set_add_param(s, "Counter", IOT_CONTROL_LONG, "5000000000", NULL);
	iot_control_set_add_param(s, "Label", IOT_CONTROL_STRING, "Hall", NULL);
	iot_control_set_add_param(s, "Wake", IOT_CONTROL_TIME, "06:45:00", NULL);
	s->lang = g_strdup("en");
	return s;
}

static void
form_cb(IotDataForm *form, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	g->form = form;
	g->error = error ? g_error_copy(error) : NULL;
	ck_assert((form == NULL) != (error == NULL));
}

static void
set_cb(const IotControlResult *r, const GError *error, gpointer data)
{
	Got *g = data;

	g->calls++;
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_eq(error, r->error);
	g->error = error ? g_error_copy(error) : NULL;
	g->errors = r->errors->len;
	g->applied = r->params ? r->params->len : 0;
	g->partial = r->partial;
}

static void
got_free(gpointer data)
{
	((Got *)data)->frees++;
}

static void
got_clear(Got *g)
{
	iot_dataform_free(g->form);
	g_clear_error(&g->error);
	memset(g, 0, sizeof *g);
}

START_TEST(test_flow_get_form)
{
	Got g = { 0 };
	char *type;

	ck_assert_uint_ne(iot_control_get_form(fake_table, PEER, IOT_GEN_XSF, NULL, 15000, form_cb, &g,
	                                       got_free),
	                  0);
	ck_assert_int_eq(g.calls, 0); /* never before the call returns */
	type = fake_transport_last_attr(fake_ft, "iq", "type");
	ck_assert_str_eq(type, "get");
	g_free(type);
	ck_assert(strstr(fake_transport_last(fake_ft), "<getForm xmlns=\"urn:xmpp:iot:control\"/>") != NULL);
	/* An answer from anyone else is not ours. */
	ck_assert(!fake_table_answer("someone@else.example/x", "ctl/xsf-getform-result.xml", NULL));
	ck_assert(fake_table_answer(PEER, "ctl/xsf-getform-result.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	ck_assert_str_eq(g.form->title, "Dimmer");
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	got_clear(&g);
}
END_TEST

START_TEST(test_flow_get_form_nodes_lang_and_legacy_answers)
{
	Got g = { 0 };
	GPtrArray *nodes = g_ptr_array_new();
	IotNodeRef n = { "DigitalOutput1", NULL, NULL };

	g_ptr_array_add(nodes, &n);
	iot_control_get_form_full(fake_table, PEER, IOT_GEN_NF, nodes, "de", 15000, form_cb, &g, NULL);
	g_ptr_array_unref(nodes);
	ck_assert(strstr(fake_transport_last(fake_ft), "<getForm xmlns=\"urn:nf:iot:ctr:1.0\" xml:lang=\"de\">"
	                                               "<nd id=\"DigitalOutput1\"/></getForm>") != NULL);
	ck_assert(fake_table_answer(PEER, "ctl/nf-getform-result.xml", NULL));
	ck_assert_str_eq(iot_dataform_find(g.form, "HorizontalAngle")->group, "direction");
	got_clear(&g);

	/* v0.1: the form inside getFormResponse (in the concentrators namespace). */
	iot_control_get_form(fake_table, PEER, IOT_GEN_SN, NULL, 15000, form_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, "ctl/sn-getform-result.xml", NULL));
	ck_assert_ptr_nonnull(g.form);
	got_clear(&g);

	/* v0.1: a refusal is only the legacy result code. */
	iot_control_get_form(fake_table, PEER, IOT_GEN_SN, NULL, 15000, form_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, "ctl/sn-getform-failure.xml", NULL));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);

	iot_control_get_form(fake_table, PEER, IOT_GEN_XSF, NULL, 15000, form_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, "ctl/xsf-getform-failure.xml", NULL));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_REJECTED));
	ck_assert_str_eq(g.error->message, "Access denied.");
	got_clear(&g);

	iot_control_get_form(fake_table, PEER, IOT_GEN_XSF, NULL, 15000, form_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_MALFORMED));
	got_clear(&g);
}
END_TEST

START_TEST(test_flow_set_every_generation)
{
	static const char *const answers[] = { "ctl/sn-set-result.xml", "ctl/xsf-set-result.xml",
		                               "ctl/ieee-resp-in-nf.xml", "ctl/nf-resp-empty.xml",
		                               "ctl/nf-resp-empty.xml" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(all_gens); i++) {
		Got g = { 0 };
		IotControlSet *s = every_type();
		char *type;

		iot_control_set(fake_table, PEER, all_gens[i], s, 15000, set_cb, &g, got_free);
		iot_control_set_free(s); /* the flow keeps its own copy */
		type = fake_transport_last_attr(fake_ft, "iq", "type");
		ck_assert_str_eq(type, "set");
		g_free(type);
		ck_assert(strstr(fake_transport_last(fake_ft), iot_ns_for(all_gens[i], IOT_FUNC_CONTROL)) != NULL);
		ck_assert_int_eq(g.calls, 0);
		ck_assert(fake_table_answer(PEER, answers[i], NULL));
		ck_assert_int_eq(g.calls, 1);
		ck_assert_int_eq(g.frees, 1);
		ck_assert_ptr_null(g.error);
		/* One answer only: a second one with the same id is not ours. */
		ck_assert(!fake_table_answer(PEER, answers[i], NULL));
		got_clear(&g);
	}
	ck_assert_uint_eq(fake_ft->sent->len, G_N_ELEMENTS(all_gens));
}
END_TEST

START_TEST(test_flow_set_failures_and_partial)
{
	Got g = { 0 };
	IotControlSet *s = sent_params("Dimmer", NULL);

	/* Captured from slixmpp: the parameter is named by <parameter/>, not var. */
	iot_control_set(fake_table, PEER, IOT_GEN_XSF, s, 15000, set_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, "ctl/slixmpp/set-notfound-1.xml", NULL));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_NOT_FOUND));
	ck_assert_uint_eq(g.errors, 1);
	got_clear(&g);
	iot_control_set_free(s);

	s = sent_params("Power", "Pan", NULL);
	iot_control_set(fake_table, PEER, IOT_GEN_NF, s, 15000, set_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, "ctl/nf-resp-partial.xml", NULL));
	ck_assert_ptr_null(g.error);
	ck_assert(g.partial);
	ck_assert_uint_eq(g.applied, 1);
	got_clear(&g);
	iot_control_set_free(s);

	s = sent_params("Output", NULL);
	iot_control_set(fake_table, PEER, IOT_GEN_XSF, s, 15000, set_cb, &g, got_free);
	ck_assert(fake_table_answer(PEER, "ctl/xsf-set-failure.xml", NULL));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert_str_eq(g.error->message, "Output: Invalid parameter type.");
	got_clear(&g);
	iot_control_set_free(s);
}
END_TEST

/* A control must never run twice: no retry after a timeout, a late answer
 * is not claimed, and the person learns that the outcome is unknown. */
START_TEST(test_flow_set_timeout_is_never_retried)
{
	Got g = { 0 };
	IotControlSet *s = sent_params("Relay", NULL);

	iot_control_set(fake_table, PEER, IOT_GEN_XSF, s, 15000, set_cb, &g, got_free);
	ck_assert_uint_eq(fake_ft->sent->len, 1);
	fake_transport_advance(fake_ft, 14999);
	ck_assert_int_eq(g.calls, 0);
	fake_transport_advance(fake_ft, 1);
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	fake_transport_advance(fake_ft, 10 * 60 * 1000);
	ck_assert_uint_eq(fake_ft->sent->len, 1);
	ck_assert(!fake_table_answer(PEER, "ctl/xsf-set-result.xml", NULL));
	ck_assert_int_eq(g.calls, 1);
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);
	iot_control_set_free(s);
}
END_TEST

START_TEST(test_flow_cancel_and_disconnect)
{
	Got g = { 0 };
	IotControlSet *s = sent_params("Relay", NULL);
	guint handle;

	handle = iot_control_set(fake_table, PEER, IOT_GEN_XSF, s, 15000, set_cb, &g, got_free);
	ck_assert(iot_request_table_cancel(fake_table, handle));
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_CANCELLED));
	ck_assert_int_eq(g.frees, 1);
	ck_assert(!iot_request_table_cancel(fake_table, handle));
	ck_assert_uint_eq(fake_ft->sent->len, 1); /* a cancel sends nothing: the thing may still act */
	got_clear(&g);

	/* Not connected: the error comes from the loop, never inside the call,
	 * and nothing is tried again. */
	fake_ft->connected = FALSE;
	iot_control_set(fake_table, PEER, IOT_GEN_NF, s, 15000, set_cb, &g, got_free);
	ck_assert_int_eq(g.calls, 0);
	fake_transport_advance(fake_ft, 0);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	fake_transport_advance(fake_ft, 60000);
	ck_assert_int_eq(g.calls, 1);
	got_clear(&g);
	fake_ft->connected = TRUE;

	/* Signing off ends pending requests, once each. */
	iot_control_get_form(fake_table, PEER, IOT_GEN_XSF, NULL, 15000, form_cb, &g, got_free);
	iot_request_table_fail_all(fake_table, IOT_ERROR_DISCONNECTED, "disconnected");
	ck_assert_int_eq(g.calls, 1);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	ck_assert_int_eq(g.frees, 1);
	got_clear(&g);
	iot_control_set_free(s);
}
END_TEST

TCase *
iot_control_flow_tcase(void)
{
	TCase *tc = tcase_create("flow");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_flow_get_form);
	tcase_add_test(tc, test_flow_get_form_nodes_lang_and_legacy_answers);
	tcase_add_test(tc, test_flow_set_every_generation);
	tcase_add_test(tc, test_flow_set_failures_and_partial);
	tcase_add_test(tc, test_flow_set_timeout_is_never_retried);
	tcase_add_test(tc, test_flow_cancel_and_disconnect);
	return tc;
}
