/* iot-events.c — the event-subscription flow and PEP sensor data. See
 * iot-events.h; building and reading subscriptions is in iot-events-codec.c. */
#include "iot-events.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-readout.h"
#include "iot-sensordata.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define NS_PUBSUB_EVENT "http://jabber.org/protocol/pubsub#event"
/* An unsubscribe is fire-and-forget; its answer only needs claiming. */
#define UNSUBSCRIBE_TIMEOUT_MS 5000

/* ---- the flow ------------------------------------------------------------- */

struct _IotEventsSubscription {
	int refs;
	IotRequestTable *table; /* valid until ENDED */
	IotRequest *req;        /* the subscription's request, until ENDED */
	IotRequest *renewal;    /* a pending renewal's request, or NULL */
	guint handle, renewal_handle;
	char *peer;
	char *key; /* seqnr or id */
	IotGeneration gen;
	IotEventsRequest *request;
	IotSdRequest filter; /* categories and names the events are filtered by */
	guint timeout_ms;
	IotEventsState state;
	IotReadout *event; /* the event being assembled, or NULL */
	guint messages;    /* messages in it so far */
	IotEventsFunc on_event;
	IotEventsEndFunc on_end;
	gpointer user_data;
	GDestroyNotify destroy;
};

static void sub_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data);
static void sub_on_message(IotRequest *req, const xmlNode *payload, gpointer data);
static void sub_on_finish(IotRequest *req, const GError *error, gpointer data);
static void renew_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data);
static void renew_on_finish(IotRequest *req, const GError *error, gpointer data);

static const IotRequestClass sub_class = { sub_on_iq, sub_on_message, sub_on_finish,
	                                   (GDestroyNotify)iot_events_subscription_unref };
static const IotRequestClass renew_class = { renew_on_iq, NULL, renew_on_finish,
	                                     (GDestroyNotify)iot_events_subscription_unref };

static void
plain_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	iot_request_finish(req, NULL);
}

static void
plain_on_finish(IotRequest *req, const GError *error, gpointer data)
{
}

static const IotRequestClass unsubscribe_class = { plain_on_iq, NULL, plain_on_finish, NULL };

IotEventsSubscription *
iot_events_subscription_ref(IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, NULL);
	sub->refs++;
	return sub;
}

void
iot_events_subscription_unref(IotEventsSubscription *sub)
{
	if (sub == NULL || --sub->refs > 0)
		return;
	g_free(sub->peer);
	g_free(sub->key);
	iot_events_request_free(sub->request);
	iot_sd_request_clear(&sub->filter);
	iot_readout_free(sub->event);
	g_free(sub);
}

static void
end_with(IotEventsSubscription *sub, int code, const char *message)
{
	GError *error = g_error_new_literal(IOT_ERROR, code, message);

	iot_request_finish(sub->req, error);
	g_error_free(error);
}

/* Accepted, or an event came (Smack-like devices send data before the IQ
 * answer): from now on only an unsubscribe, a cancel or the end of the
 * connection ends the subscription. */
static void
activate(IotEventsSubscription *sub)
{
	if (sub->state != IOT_EVENTS_PENDING)
		return;
	sub->state = IOT_EVENTS_ACTIVE;
	iot_request_set_timeout(sub->req, 0);
}

static void
deliver(IotEventsSubscription *sub)
{
	IotReadout *ev = sub->event;

	sub->event = NULL;
	sub->messages = 0;
	/* The device treats names and categories as hints (XEP-0323 §5). */
	iot_readout_apply_filter(ev, &sub->filter);
	sub->on_event(sub, ev, sub->user_data);
	iot_readout_free(ev);
}

/* One sensor-data element of the subscription. The caller holds a
 * reference: callbacks may end the subscription. */
static void
consume(IotEventsSubscription *sub, const xmlNode *el)
{
	IotSdMessage msg;
	GError *error = NULL;

	if (sub->state == IOT_EVENTS_ENDED || !iot_sd_is_payload(el))
		return;
	if (sub->event == NULL)
		sub->event = iot_readout_new();
	if (!iot_sd_parse(el, &msg, sub->event, &error)) {
		iot_readout_add_note(sub->event, _("Ignored a malformed message from the thing."));
		g_clear_error(&error);
		return;
	}
	switch (msg.kind) {
	case IOT_SD_REJECTED:
		end_with(sub, IOT_ERROR_REJECTED, *msg.error_text ? msg.error_text : "rejected");
		break;
	case IOT_SD_CANCELLED:
		end_with(sub, IOT_ERROR_CANCELLED, "cancelled by the thing");
		break;
	case IOT_SD_ACCEPTED:
	case IOT_SD_STARTED:
		activate(sub);
		break;
	case IOT_SD_DONE:
		activate(sub);
		if (sub->event->fields->len > 0 || sub->event->failures->len > 0)
			deliver(sub);
		break;
	case IOT_SD_FIELDS:
	case IOT_SD_FAILURE:
	default:
		activate(sub);
		if (!msg.done && ++sub->messages >= IOT_MAX_MESSAGES_PER_READOUT) {
			/* TRANSLATORS: %u is a number of messages. */
			iot_readout_add_note(sub->event, _("The thing sent more than %u messages for one "
			                                   "event; showing what came so far."),
			                     (guint)IOT_MAX_MESSAGES_PER_READOUT);
			msg.done = TRUE;
		}
		if (msg.done)
			deliver(sub);
		break;
	}
	iot_sd_message_clear(&msg);
}

static void
consume_iq(IotEventsSubscription *sub, const xmlNode *iq)
{
	const xmlNode *c;

	iot_events_subscription_ref(sub);
	for (c = iot_xml_first(iq); c != NULL && sub->state != IOT_EVENTS_ENDED; c = iot_xml_next(c))
		consume(sub, c);
	/* Any result means "accepted", even an empty one or one in a form we
	 * do not know: refusals come as IQ errors. */
	if (sub->state != IOT_EVENTS_ENDED)
		activate(sub);
	iot_events_subscription_unref(sub);
}

static void
sub_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	IotEventsSubscription *sub = data;

	if (is_error) {
		GError *error = iot_error_from_stanza(iq);
		iot_request_finish(req, error);
		g_error_free(error);
		return;
	}
	consume_iq(sub, iq);
}

static void
sub_on_message(IotRequest *req, const xmlNode *payload, gpointer data)
{
	IotEventsSubscription *sub = data;

	iot_events_subscription_ref(sub);
	consume(sub, payload);
	iot_events_subscription_unref(sub);
}

static void
send_unsubscribe(IotEventsSubscription *sub)
{
	xmlNode *iq = iot_xml_new("iq", NULL);

	/* The protoXEP unsubscribes with an IQ get; Waher's NF client with a set. */
	iot_xml_set(iq, "type", iot_generation_is_short(sub->gen) ? "set" : "get");
	xmlAddChild(iq, iot_events_build_unsubscribe(sub->gen, sub->key));
	iot_request_send(sub->table, sub->peer, iq, UNSUBSCRIBE_TIMEOUT_MS, &unsubscribe_class, NULL,
	                 NULL);
}

static void
sub_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	IotEventsSubscription *sub = data;

	sub->state = IOT_EVENTS_ENDED;
	sub->req = NULL;
	sub->handle = 0;
	if (sub->renewal != NULL)
		iot_request_table_cancel(sub->table, sub->renewal_handle);
	/* A cancelled or unanswered subscription may still have reached the
	 * thing: tell it to stop, or its events would keep coming. */
	if (error != NULL && (g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED) ||
	                      g_error_matches(error, IOT_ERROR, IOT_ERROR_TIMEOUT)) &&
	    strcmp(error->message, "cancelled by the thing") != 0)
		send_unsubscribe(sub);
	sub->table = NULL;
	g_clear_pointer(&sub->event, iot_readout_free);
	sub->on_end(sub, error, sub->user_data);
	if (sub->destroy)
		sub->destroy(sub->user_data);
	sub->destroy = NULL;
	sub->user_data = NULL;
}

static void
renew_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	IotEventsSubscription *sub = data;

	iot_events_subscription_ref(sub);
	iot_request_finish(req, NULL);
	if (sub->state != IOT_EVENTS_ENDED) {
		if (is_error) {
			/* The thing refuses what it accepted before (rights changed
			 * in provisioning, say): the subscription is over. */
			GError *error = iot_error_from_stanza(iq);
			iot_request_finish(sub->req, error);
			g_error_free(error);
		} else {
			/* Accepted again; the answer may carry the first event. */
			consume_iq(sub, iq);
		}
	}
	iot_events_subscription_unref(sub);
}

static void
renew_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	IotEventsSubscription *sub = data;

	if (sub->renewal != req)
		return;
	sub->renewal = NULL;
	sub->renewal_handle = 0;
	if (sub->state == IOT_EVENTS_RENEWING)
		sub->state = IOT_EVENTS_ACTIVE;
	/* No answer: the thing is gone or forgot us. Ending lets the caller
	 * subscribe again when it is back (with the same id). */
	if (error != NULL && g_error_matches(error, IOT_ERROR, IOT_ERROR_TIMEOUT) &&
	    sub->req != NULL)
		end_with(sub, IOT_ERROR_TIMEOUT, error->message);
}

static xmlNode *
subscribe_iq(IotEventsSubscription *sub)
{
	xmlNode *iq = iot_xml_new("iq", NULL);

	/* The protoXEP and Waher's client subscribe with an IQ get; Waher's
	 * server accepts get and set. */
	iot_xml_set(iq, "type", "get");
	xmlAddChild(iq, iot_events_build_subscribe(sub->gen, sub->key, sub->request));
	return iq;
}

static void
make_filter(IotSdRequest *filter, const IotEventsRequest *req)
{
	guint i;

	memset(filter, 0, sizeof *filter);
	filter->categories = req->categories;
	if (req->n_fields == 0 || req->fields == NULL)
		return;
	filter->field_names = g_new0(char *, req->n_fields + 1);
	for (i = 0; i < req->n_fields; i++)
		filter->field_names[i] = g_strdup(req->fields[i].name);
}

IotEventsSubscription *
iot_events_subscribe(IotRequestTable *t, const char *peer, IotGeneration gen,
                     const IotEventsRequest *req, guint timeout_ms, IotEventsFunc on_event,
                     IotEventsEndFunc on_end, gpointer user_data, GDestroyNotify destroy)
{
	IotEventsSubscription *sub;
	IotRequest *r = NULL;

	g_return_val_if_fail(t != NULL && peer != NULL && req != NULL, NULL);
	g_return_val_if_fail(on_event != NULL && on_end != NULL, NULL);
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_EVENTS) != NULL, NULL);

	sub = g_new0(IotEventsSubscription, 1);
	sub->refs = 2; /* the caller's and the request's */
	sub->table = t;
	sub->peer = g_strdup(peer);
	sub->gen = gen;
	sub->request = iot_events_request_copy(req);
	make_filter(&sub->filter, req);
	sub->timeout_ms = timeout_ms;
	sub->state = IOT_EVENTS_PENDING;
	sub->on_event = on_event;
	sub->on_end = on_end;
	sub->user_data = user_data;
	sub->destroy = destroy;
	/* XSF seqnrs are integers, NF ids strings; both random, so that nobody
	 * else can guess them and inject events. A stored id (after a
	 * reconnect) is reused when it is valid for the generation. */
	if (iot_events_id_valid(gen, req->id))
		sub->key = g_strdup(req->id);
	else
		sub->key = iot_generation_is_short(gen) ? iot_request_table_new_key(t)
		                                        : iot_request_table_new_seqnr(t);
	sub->handle = iot_request_send(t, peer, subscribe_iq(sub), timeout_ms, &sub_class, sub, &r);
	sub->req = r;
	if (!iot_request_set_key(r, sub->key))
		end_with(sub, IOT_ERROR_CONFLICT, "subscription id in use");
	return sub;
}

gboolean
iot_events_renew(IotEventsSubscription *sub)
{
	IotRequest *r = NULL;

	g_return_val_if_fail(sub != NULL, FALSE);
	if (sub->state == IOT_EVENTS_ENDED)
		return FALSE;
	if (sub->renewal != NULL)
		iot_request_table_cancel(sub->table, sub->renewal_handle);
	/* Half an event from before the silence will not be completed. */
	g_clear_pointer(&sub->event, iot_readout_free);
	sub->messages = 0;
	iot_events_subscription_ref(sub);
	sub->renewal_handle = iot_request_send(sub->table, sub->peer, subscribe_iq(sub),
	                                       sub->timeout_ms, &renew_class, sub, &r);
	sub->renewal = r;
	sub->state = IOT_EVENTS_RENEWING;
	return TRUE;
}

gboolean
iot_events_unsubscribe(IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, FALSE);
	if (sub->state == IOT_EVENTS_ENDED)
		return FALSE;
	send_unsubscribe(sub);
	iot_request_finish(sub->req, NULL);
	return TRUE;
}

gboolean
iot_events_cancel(IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, FALSE);
	if (sub->state == IOT_EVENTS_ENDED)
		return FALSE;
	end_with(sub, IOT_ERROR_CANCELLED, "cancelled");
	return TRUE;
}

IotEventsState
iot_events_subscription_get_state(const IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, IOT_EVENTS_ENDED);
	return sub->state;
}

const char *
iot_events_subscription_get_id(const IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, NULL);
	return sub->key;
}

const char *
iot_events_subscription_get_peer(const IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, NULL);
	return sub->peer;
}

guint
iot_events_subscription_get_handle(const IotEventsSubscription *sub)
{
	g_return_val_if_fail(sub != NULL, 0);
	return sub->handle;
}

gboolean
iot_events_handle_message(IotRequestTable *t, const char *from, const xmlNode *payload)
{
	g_return_val_if_fail(t != NULL, FALSE);
	if (!iot_sd_is_payload(payload))
		return FALSE;
	return iot_request_table_handle_message(t, from, iot_sd_peek_id(payload), payload);
}

/* ---- PEP -------------------------------------------------------------------- */

const char *const *
iot_events_pep_features(void)
{
	/* NF docs name the feature after urn:nfi, Waher's code after urn:nf;
	 * IEEE devices may still publish: advertise all three. */
	static const char *const features[] = { "urn:nf:iot:sd:1.0+notify", "urn:nfi:iot:sd:1.0+notify",
		                                "urn:ieee:iot:sd:1.0+notify", NULL };
	return features;
}

gboolean
iot_events_parse_pep(const xmlNode *event, IotReadout *readout, GError **error)
{
	const xmlNode *items, *item, *payload;
	gboolean any = FALSE;
	IotFunction func;

	g_return_val_if_fail(readout != NULL, FALSE);
	if (!iot_xml_is(event, "event", NS_PUBSUB_EVENT))
		items = NULL;
	else
		items = iot_xml_first(event);
	for (; items != NULL; items = iot_xml_next(items)) {
		/* The node is named after the namespace (NF SensorDataPublishSubscribe). */
		if (!iot_xml_is(items, "items", NS_PUBSUB_EVENT) ||
		    !iot_ns_classify(iot_xml_attr(items, "node"), NULL, &func) ||
		    func != IOT_FUNC_SENSORDATA)
			continue;
		for (item = iot_xml_first(items); item != NULL; item = iot_xml_next(item)) {
			if (!iot_xml_is(item, "item", NS_PUBSUB_EVENT))
				continue;
			for (payload = iot_xml_first(item); payload != NULL; payload = iot_xml_next(payload)) {
				IotSdMessage msg;

				if (!iot_sd_is_payload(payload))
					continue;
				if (iot_sd_parse(payload, &msg, readout, NULL)) {
					any = TRUE;
					iot_sd_message_clear(&msg);
				}
			}
		}
	}
	if (!any)
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "no published sensor data");
	return any;
}
