/* iot-pubsub-request.c — one pubsub request on the request table. See iot-pubsub.h. */
#include "iot-pubsub.h"

#include "iot-error.h"

typedef struct {
	IotPubsubFunc cb;
	gpointer data;
	GDestroyNotify destroy;
	gboolean called;
} Flow;

static void
flow_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Flow *f = data;

	if (is_error) {
		GError *from = iot_error_from_stanza(iq), *error;
		char *words = iot_pubsub_error_text(iq);

		error = g_error_new_literal(IOT_ERROR, from->code, words);
		g_free(words);
		g_error_free(from);
		iot_request_finish(req, error);
		g_error_free(error);
		return;
	}
	/* The answer is valid only now: hand it over here, finish after. The
	 * callback may cancel the request, which frees @f. */
	f->called = TRUE;
	f->cb(iq, NULL, f->data);
	iot_request_finish(req, NULL);
}

static void
flow_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Flow *f = data;

	if (f->called)
		return;
	f->called = TRUE;
	if (error == NULL) {
		/* Finished without an answer and without an error: cannot
		 * happen through the table, but the callback must still run. */
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_FAILED, "no answer");

		f->cb(NULL, e, f->data);
		g_error_free(e);
		return;
	}
	f->cb(NULL, error, f->data);
}

static void
flow_free(gpointer data)
{
	Flow *f = data;

	if (f->destroy != NULL)
		f->destroy(f->data);
	g_free(f);
}

static const IotRequestClass flow_class = { flow_on_iq, NULL, flow_on_finish, flow_free };

guint
iot_pubsub_request(IotRequestTable *t, const char *service, xmlNode *iq, guint timeout_ms,
                   IotPubsubFunc cb, gpointer data, GDestroyNotify destroy)
{
	Flow *f;

	g_return_val_if_fail(t != NULL && service != NULL && iq != NULL && cb != NULL, 0);
	f = g_new0(Flow, 1);
	f->cb = cb;
	f->data = data;
	f->destroy = destroy;
	return iot_request_send(t, service, iq, timeout_ms, &flow_class, f, NULL);
}
