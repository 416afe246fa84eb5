/* iot-control-flow.c — getForm, set and other form requests on the request table.
 * See iot-control-flow.h and iot-control-flow-private.h. */
#include "iot-control-flow.h"

#include "iot-control-flow-private.h"
#include "iot-error.h"
#include "iot-xml.h"

typedef struct {
	gboolean is_set;
	IotControlSet *sent;        /* set: what was asked (nullable for getForm) */
	IotControlFormParse parse;  /* form requests: reads the answer */
	IotDataForm *form;          /* form requests: the answer until handed over */
	IotControlResult *result;   /* set: the answer */
	GError *error;              /* form requests: why there is no form */
	IotControlFormFunc form_cb;
	IotControlSetFunc set_cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Flow;

static void
flow_free(gpointer data)
{
	Flow *f = data;

	iot_control_set_free(f->sent);
	iot_dataform_free(f->form);
	iot_control_result_free(f->result);
	g_clear_error(&f->error);
	if (f->destroy)
		f->destroy(f->user_data);
	g_free(f);
}

static void
on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Flow *f = data;

	if (f->is_set) {
		f->result = iot_control_parse_result(iq, is_error, f->sent);
		iot_request_finish(req, f->result->error);
		return;
	}
	if (is_error) {
		f->error = iot_error_from_stanza(iq);
	} else {
		f->form = f->parse(iq, &f->error);
	}
	iot_request_finish(req, f->error);
}

static void
on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Flow *f = data;

	if (f->is_set) {
		if (f->result == NULL) {
			/* No answer was read: timeout, disconnect or cancel. */
			f->result = iot_control_result_new();
			f->result->error = g_error_copy(error);
		}
		f->set_cb(f->result, f->result->error, f->user_data);
		return;
	}
	if (f->form != NULL && error == NULL) {
		IotDataForm *form = f->form;

		f->form = NULL;
		f->form_cb(form, NULL, f->user_data);
	} else {
		f->form_cb(NULL, error, f->user_data);
	}
}

static const IotRequestClass control_class = { on_iq, NULL, on_finish, flow_free };

guint
iot_control_form_request(IotRequestTable *table, const char *peer, xmlNode *iq,
                         guint timeout_ms, IotControlFormParse parse, IotControlFormFunc cb,
                         gpointer user_data, GDestroyNotify destroy)
{
	Flow *f;

	g_return_val_if_fail(table != NULL && peer != NULL && iq != NULL, 0);
	g_return_val_if_fail(parse != NULL && cb != NULL, 0);

	f = g_new0(Flow, 1);
	f->parse = parse;
	f->form_cb = cb;
	f->user_data = user_data;
	f->destroy = destroy;
	return iot_request_send(table, peer, iq, timeout_ms, &control_class, f, NULL);
}

guint
iot_control_get_form_full(IotRequestTable *table, const char *peer, IotGeneration gen,
                          const GPtrArray *nodes, const char *lang, guint timeout_ms,
                          IotControlFormFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *iq;

	g_return_val_if_fail(table != NULL && peer != NULL && cb != NULL, 0);
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_CONTROL) != NULL, 0);

	iq = iot_xml_new("iq", NULL);
	/* XEP-0325 §3.3 and NF ControlDataForm: getForm is an iq get. */
	iot_xml_set(iq, "type", "get");
	xmlAddChild(iq, iot_control_build_get_form(gen, nodes, lang));
	return iot_control_form_request(table, peer, iq, timeout_ms, iot_control_parse_form_answer,
	                                cb, user_data, destroy);
}

guint
iot_control_get_form(IotRequestTable *table, const char *peer, IotGeneration gen,
                     const GPtrArray *nodes, guint timeout_ms, IotControlFormFunc cb,
                     gpointer user_data, GDestroyNotify destroy)
{
	return iot_control_get_form_full(table, peer, gen, nodes, NULL, timeout_ms, cb, user_data,
	                                 destroy);
}

guint
iot_control_set(IotRequestTable *table, const char *peer, IotGeneration gen,
                const IotControlSet *set, guint timeout_ms, IotControlSetFunc cb,
                gpointer user_data, GDestroyNotify destroy)
{
	Flow *f;
	xmlNode *iq;

	g_return_val_if_fail(table != NULL && peer != NULL && set != NULL && cb != NULL, 0);
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_CONTROL) != NULL, 0);

	f = g_new0(Flow, 1);
	f->is_set = TRUE;
	f->sent = iot_control_set_copy(set);
	f->set_cb = cb;
	f->user_data = user_data;
	f->destroy = destroy;
	iq = iot_xml_new("iq", NULL);
	/* Every generation takes a set as an iq set (slixmpp handles only
	 * iq@type=set/set; Waher registers an IqSetHandler). The request table
	 * sends it once: nothing here retries (see the header). */
	iot_xml_set(iq, "type", "set");
	xmlAddChild(iq, iot_control_build_set(gen, f->sent));
	return iot_request_send(table, peer, iq, timeout_ms, &control_class, f, NULL);
}
