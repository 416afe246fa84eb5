/*
 * iot-gtk-pubsub-request.c — what the Publish-subscribe window asks its owner,
 * and the answers: each request is answered exactly once, and an answer to
 * a request the window no longer wants (it closed) is dropped.
 */
#include "iot-gtk-pubsub-private.h"

static void
request_unref(IotGtkPubsubRequest *req)
{
	if (--req->refs > 0)
		return;
	if (req->data_free != NULL)
		req->data_free(req->data);
	g_free(req->service);
	g_free(req->node);
	g_free(req->subid);
	g_free(req->jid);
	g_free(req->item_id);
	g_free(req->payload);
	iot_dataform_free(req->form);
	g_free(req);
}

IotGtkPubsubRequest *
iot_gtk_pubsub_request_new(IotGtkPubsub *win, IotGtkPubsubRequestKind kind, const char *service,
                           const char *node, IotGtkPubsubDone done)
{
	IotGtkPubsubRequest *req = g_new0(IotGtkPubsubRequest, 1);

	req->refs = 2; /* the window's, and the owner's until it answers */
	req->kind = kind;
	req->win = win;
	req->done = done;
	req->service = g_strdup(service);
	req->node = g_strdup(node);
	g_hash_table_add(win->pending, req);
	return req;
}

void
iot_gtk_pubsub_request_send(IotGtkPubsubRequest *req)
{
	IotGtkPubsub *win = req->win;

	iot_gtk_pubsub_busy(win, 1);
	win->ops.request(req, win->user_data);
}

/* The answer reaches the window (unless it was cancelled), then the
 * owner's reference ends. */
static void
finish(IotGtkPubsubRequest *req)
{
	IotGtkPubsub *win = req->win;

	g_return_if_fail(!req->answered);
	req->answered = TRUE;
	if (win != NULL && !req->cancelled) {
		g_hash_table_remove(win->pending, req);
		iot_gtk_pubsub_busy(win, -1);
		if (req->done != NULL)
			req->done(win, req);
		request_unref(req); /* the window's */
	}
	iot_dataform_free(req->answer_form);
	req->answer_form = NULL;
	request_unref(req); /* the owner's */
}

void
iot_gtk_pubsub_request_cancel(IotGtkPubsubRequest *req)
{
	IotGtkPubsub *win = req->win;

	if (req->answered || req->cancelled || win == NULL)
		return;
	req->cancelled = TRUE;
	g_hash_table_remove(win->pending, req);
	iot_gtk_pubsub_busy(win, -1);
	req->win = NULL;
	if (win->ops.cancel != NULL)
		win->ops.cancel(req, win->user_data);
	request_unref(req); /* the window's */
}

void
iot_gtk_pubsub_request_cancel_all(IotGtkPubsub *win)
{
	GList *reqs = g_hash_table_get_keys(win->pending), *l;

	for (l = reqs; l != NULL; l = l->next)
		iot_gtk_pubsub_request_cancel(l->data);
	g_list_free(reqs);
}

guint
iot_gtk_pubsub_count_pending(IotGtkPubsub *win)
{
	return g_hash_table_size(win->pending);
}

/* ---- accessors ---- */

IotGtkPubsubRequestKind
iot_gtk_pubsub_request_get_kind(const IotGtkPubsubRequest *req)
{
	return req->kind;
}

IotGtkPubsub *
iot_gtk_pubsub_request_get_window(const IotGtkPubsubRequest *req)
{
	return req->cancelled ? NULL : req->win;
}

const char *
iot_gtk_pubsub_request_get_service(const IotGtkPubsubRequest *req)
{
	return req->service;
}

const char *
iot_gtk_pubsub_request_get_node(const IotGtkPubsubRequest *req)
{
	return req->node;
}

const char *
iot_gtk_pubsub_request_get_subid(const IotGtkPubsubRequest *req)
{
	return req->subid;
}

const char *
iot_gtk_pubsub_request_get_jid(const IotGtkPubsubRequest *req)
{
	return req->jid;
}

const char *
iot_gtk_pubsub_request_get_item_id(const IotGtkPubsubRequest *req)
{
	return req->item_id;
}

const IotDataForm *
iot_gtk_pubsub_request_get_form(const IotGtkPubsubRequest *req)
{
	return req->form;
}

const char *
iot_gtk_pubsub_request_get_payload(const IotGtkPubsubRequest *req, gboolean *is_xml)
{
	if (is_xml != NULL)
		*is_xml = req->payload_xml;
	return req->payload;
}

guint
iot_gtk_pubsub_request_get_max_items(const IotGtkPubsubRequest *req)
{
	return req->max_items;
}

IotPubsubAffiliation
iot_gtk_pubsub_request_get_affiliation(const IotGtkPubsubRequest *req)
{
	return req->affiliation;
}

IotPubsubState
iot_gtk_pubsub_request_get_state(const IotGtkPubsubRequest *req)
{
	return req->state;
}

/* ---- answers ---- */

void
iot_gtk_pubsub_request_fail(IotGtkPubsubRequest *req, const char *text)
{
	g_return_if_fail(req != NULL);
	req->error = text != NULL && *text != '\0' ? text : "?";
	finish(req);
}

void
iot_gtk_pubsub_request_answer_services(IotGtkPubsubRequest *req, const GPtrArray *jids)
{
	g_return_if_fail(req != NULL);
	req->list = jids;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_nodes(IotGtkPubsubRequest *req, const GPtrArray *nodes,
                                    gboolean truncated)
{
	g_return_if_fail(req != NULL);
	req->list = nodes;
	req->truncated = truncated;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_meta(IotGtkPubsubRequest *req, const IotPubsubNodeMeta *meta)
{
	g_return_if_fail(req != NULL);
	req->meta = meta;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_subscriptions(IotGtkPubsubRequest *req, const GPtrArray *subs)
{
	g_return_if_fail(req != NULL);
	req->list = subs;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_subscription(IotGtkPubsubRequest *req,
                                           const IotPubsubSubscription *sub)
{
	g_return_if_fail(req != NULL);
	req->sub = sub;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_form(IotGtkPubsubRequest *req, IotDataForm *form)
{
	if (req == NULL) {
		iot_dataform_free(form);
		g_return_if_reached();
	}
	req->answer_form = form;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_items(IotGtkPubsubRequest *req, const GPtrArray *items,
                                    gboolean truncated)
{
	g_return_if_fail(req != NULL);
	req->list = items;
	req->truncated = truncated;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_affiliations(IotGtkPubsubRequest *req, const GPtrArray *affiliations)
{
	g_return_if_fail(req != NULL);
	req->list = affiliations;
	finish(req);
}

void
iot_gtk_pubsub_request_answer_done(IotGtkPubsubRequest *req, const char *text)
{
	g_return_if_fail(req != NULL);
	req->text = text;
	finish(req);
}
