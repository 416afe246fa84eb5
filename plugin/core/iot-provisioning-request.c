/* iot-provisioning-request.c — owner requests on the request table. See iot-provisioning.h. */
#include "iot-provisioning.h"

#include "iot-error.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>

typedef struct {
	IotProvisioningFunc cb;
	gpointer data;
	GDestroyNotify destroy;
	gboolean called;
} Flow;

static char *
error_words(int code)
{
	switch (code) {
	case IOT_ERROR_TIMEOUT:
	case IOT_ERROR_UNAVAILABLE:
	case IOT_ERROR_OFFLINE:
	case IOT_ERROR_NOT_IMPLEMENTED:
		return g_strdup(_("The provisioning service did not answer: it is unreachable."));
	case IOT_ERROR_DISCONNECTED:
		return g_strdup(_("Your account went offline before the answer came."));
	case IOT_ERROR_CANCELLED:
		return g_strdup(_("Cancelled."));
	case IOT_ERROR_NOT_FOUND:
		return g_strdup(_("Not found: the provisioning service knows no such thing of yours, or the "
		                  "question was already answered."));
	case IOT_ERROR_REJECTED:
		return g_strdup(_("Not allowed: the provisioning service refused."));
	case IOT_ERROR_BAD_REQUEST:
		return g_strdup(_("The provisioning service did not accept the request."));
	default:
		return g_strdup(_("The provisioning service reported an error."));
	}
}

static void
deliver(Flow *f, int code)
{
	char *words = code < 0 ? NULL : error_words(code);
	GError *e = words ? g_error_new_literal(IOT_ERROR, code, words) : NULL;

	f->called = TRUE;
	f->cb(e, f->data);
	if (e)
		g_error_free(e);
	g_free(words);
}

static void
flow_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Flow *f = data;

	if (is_error) {
		GError *from = iot_error_from_stanza(iq);

		deliver(f, from->code);
		g_error_free(from);
	} else {
		deliver(f, -1);
	}
	iot_request_finish(req, NULL);
}

static void
flow_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Flow *f = data;

	if (!f->called)
		deliver(f, error ? error->code : IOT_ERROR_FAILED);
}

static void
flow_free(gpointer data)
{
	Flow *f = data;

	if (f->destroy)
		f->destroy(f->data);
	g_free(f);
}

static const IotRequestClass flow_class = { flow_on_iq, NULL, flow_on_finish, flow_free };

static guint
send_set(IotRequestTable *t, const char *service, xmlNode *payload, guint timeout_ms,
         IotProvisioningFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *iq = iot_xml_new("iq", NULL);
	Flow *f = g_new0(Flow, 1);

	iot_xml_set(iq, "type", "set");
	xmlAddChild(iq, payload);
	f->cb = cb;
	f->data = user_data;
	f->destroy = destroy;
	return iot_request_send(t, service, iq, timeout_ms, &flow_class, f, NULL);
}

guint
iot_provisioning_answer(IotRequestTable *t, const IotQuestion *q, const IotAnswer *a,
                        guint timeout_ms, IotProvisioningFunc cb, gpointer user_data,
                        GDestroyNotify destroy)
{
	xmlNode *rule;

	g_return_val_if_fail(t != NULL && q != NULL && a != NULL && cb != NULL, 0);
	rule = iot_provisioning_build_answer(q, a, NULL);
	if (rule == NULL)
		return 0;
	return send_set(t, q->service, rule, timeout_ms, cb, user_data, destroy);
}

guint
iot_provisioning_clear_cache(IotRequestTable *t, const char *service, IotGeneration gen,
                             const char *jid, const IotRegistryNode *node, guint timeout_ms,
                             IotProvisioningFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *p;

	g_return_val_if_fail(t != NULL && service != NULL && cb != NULL, 0);
	p = iot_provisioning_build_clear_cache(gen, jid, node);
	g_return_val_if_fail(p != NULL, 0);
	return send_set(t, service, p, timeout_ms, cb, user_data, destroy);
}

guint
iot_provisioning_delete_rules(IotRequestTable *t, const char *service, IotGeneration gen,
                              const char *jid, const IotRegistryNode *node, guint timeout_ms,
                              IotProvisioningFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *p;

	g_return_val_if_fail(t != NULL && service != NULL && cb != NULL, 0);
	p = iot_provisioning_build_delete_rules(gen, jid, node);
	g_return_val_if_fail(p != NULL, 0);
	return send_set(t, service, p, timeout_ms, cb, user_data, destroy);
}

guint
iot_provisioning_get_devices(IotRequestTable *t, const char *service, IotGeneration gen, guint offset,
                             guint max_count, guint timeout_ms, IotRegistryFunc cb, gpointer user_data,
                             GDestroyNotify destroy)
{
	xmlNode *p = iot_provisioning_build_get_devices(gen, offset, max_count);

	g_return_val_if_fail(p != NULL, 0);
	return iot_registry_request(t, service, IOT_REGISTRY_OP_DEVICES, p, offset, timeout_ms, cb,
	                            user_data, destroy);
}
