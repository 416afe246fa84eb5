/* iot-concentrator-call.c — one concentrator request on the request table,
 * its answer read once. See iot-concentrator-flow.h. */
#include "iot-concentrator-flow.h"

#include "iot-error.h"

typedef struct {
	IotConcentratorRequest *req;
	IotConcentratorReply *reply; /* from the answer, until the end */
	IotConcentratorReplyFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Call;

static void
call_free(gpointer data)
{
	Call *c = data;

	iot_concentrator_request_free(c->req);
	iot_concentrator_reply_free(c->reply);
	g_free(c);
}

static void
call_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer flow)
{
	Call *c = flow;
	GError *error = NULL;

	c->reply = iot_concentrator_reply_parse(c->req, is_error, iq, &error);
	iot_request_finish(req, error);
	g_clear_error(&error);
}

static void
call_finish(IotRequest *req, const GError *error, gpointer flow)
{
	Call *c = flow;

	/* A reply that came with an error is a refused form: it goes along. */
	c->cb(c->reply, error, c->user_data);
	if (c->destroy != NULL)
		c->destroy(c->user_data);
}

static const IotRequestClass call_class = { call_iq, NULL, call_finish, call_free };

guint
iot_concentrator_call(IotRequestTable *table, const char *peer, IotGeneration gen,
                      const IotConcentratorRequest *req, guint timeout_ms, IotConcentratorReplyFunc cb,
                      gpointer user_data, GDestroyNotify destroy)
{
	Call *c;

	g_return_val_if_fail(table != NULL && peer != NULL && req != NULL && cb != NULL, 0);
	g_return_val_if_fail(iot_concentrator_request_check(req, gen, NULL), 0);
	c = g_new0(Call, 1);
	c->req = iot_concentrator_request_copy(req);
	c->cb = cb;
	c->user_data = user_data;
	c->destroy = destroy;
	return iot_request_send(table, peer, iot_concentrator_request_build_iq(gen, req), timeout_ms, &call_class,
	                        c, NULL);
}
