/* iot-pubsub-event.c — what one event notification says. See iot-pubsub-event.h. */
#include "iot-pubsub-event.h"

#include "iot-error.h"
#include "iot-pubsub-private.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

#define NS_DELAY "urn:xmpp:delay"
#define NS_DELAY_LEGACY "jabber:x:delay"

/* Elements of <event/> and of <items/> looked at: the bound on the work a
 * message can cause, beyond the items and retractions kept. */
#define MAX_CHILDREN_SEEN (4 * IOT_PUBSUB_MAX_ITEMS + 64)

const xmlNode *
iot_pubsub_event_find(const xmlNode *message)
{
	return iot_xml_child(message, "event", IOT_NS_PUBSUB_EVENT);
}

void
iot_pubsub_event_free(IotPubsubEvent *ev)
{
	if (ev == NULL)
		return;
	g_free(ev->node);
	g_ptr_array_unref(ev->items);
	g_ptr_array_unref(ev->retracted);
	g_free(ev->redirect);
	iot_pubsub_subscription_free(ev->subscription);
	g_ptr_array_unref(ev->subids);
	g_free(ev);
}

static gboolean
fail(GError **error, const char *what)
{
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, what);
	return FALSE;
}

/* XEP-0203 <delay stamp/>; the legacy XEP-0091 one (CCYYMMDDThh:mm:ss, UTC). */
static gint64
read_delay(const xmlNode *message)
{
	const xmlNode *d = iot_xml_child(message, "delay", NS_DELAY);
	const char *stamp;
	gint64 t;

	if (d != NULL) {
		stamp = iot_xml_attr(d, "stamp");
		if (stamp != NULL && strlen(stamp) <= 64 && iot_time_parse_datetime(stamp, &t))
			return t;
		return IOT_TIME_UNKNOWN;
	}
	d = iot_xml_child(message, "x", NS_DELAY_LEGACY);
	stamp = iot_xml_attr(d, "stamp");
	if (stamp != NULL && strlen(stamp) == 17 && stamp[8] == 'T') {
		char *iso = g_strdup_printf("%.4s-%.2s-%.2sT%.8sZ", stamp, stamp + 4, stamp + 6, stamp + 9);
		gboolean ok = iot_time_parse_datetime(iso, &t);

		g_free(iso);
		if (ok)
			return t;
	}
	return IOT_TIME_UNKNOWN;
}

static void
read_subids(const xmlNode *message, GPtrArray *out)
{
	const xmlNode *headers, *h;
	guint seen = 0;

	for (headers = iot_xml_first(message); headers != NULL; headers = iot_xml_next(headers)) {
		if (!iot_xml_is(headers, "headers", IOT_NS_SHIM))
			continue;
		for (h = iot_xml_first(headers); h != NULL && seen < MAX_CHILDREN_SEEN; h = iot_xml_next(h), seen++) {
			char *t, *id;

			if (!iot_xml_is(h, "header", NULL) || g_strcmp0(iot_xml_attr(h, "name"), "SubID") != 0)
				continue;
			if (out->len >= IOT_PUBSUB_MAX_SUBIDS)
				return;
			t = iot_xml_text(h, IOT_PUBSUB_MAX_ID_BYTES + 8, NULL);
			id = iot_pubsub_ident(t != NULL ? g_strstrip(t) : NULL);
			g_free(t);
			if (id != NULL)
				g_ptr_array_add(out, id);
		}
	}
}

static void
read_items(IotPubsubEvent *ev, const xmlNode *items)
{
	const xmlNode *c;
	guint seen = 0;

	for (c = iot_xml_first(items); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "item", NULL)) {
			if (ev->items->len >= IOT_PUBSUB_MAX_ITEMS || seen >= MAX_CHILDREN_SEEN)
				ev->dropped++;
			else
				g_ptr_array_add(ev->items, iot_pubsub_item_from_element(c, ev->delay));
		} else if (iot_xml_is(c, "retract", NULL)) {
			char *id = iot_pubsub_ident(iot_xml_attr(c, "id"));

			if (id == NULL)
				continue;
			if (ev->retracted->len >= IOT_PUBSUB_MAX_ITEMS || seen >= MAX_CHILDREN_SEEN) {
				ev->dropped++;
				g_free(id);
			} else {
				g_ptr_array_add(ev->retracted, id);
			}
		} else {
			continue;
		}
		/* Counting goes on (cheaply) so that `dropped` is true. */
		if (seen < G_MAXUINT)
			seen++;
	}
}

/* Reads @el, one child of <event/>. FALSE when it is not an event element. */
static gboolean
read_kind(IotPubsubEvent *ev, const xmlNode *el, GError **error)
{
	const char *node_attr = iot_xml_attr(el, "node");

	if (iot_xml_is(el, "items", NULL))
		ev->kind = IOT_PUBSUB_EVENT_ITEMS;
	else if (iot_xml_is(el, "purge", NULL))
		ev->kind = IOT_PUBSUB_EVENT_PURGE;
	else if (iot_xml_is(el, "delete", NULL))
		ev->kind = IOT_PUBSUB_EVENT_DELETE;
	else if (iot_xml_is(el, "configuration", NULL))
		ev->kind = IOT_PUBSUB_EVENT_CONFIGURATION;
	else if (iot_xml_is(el, "subscription", NULL))
		ev->kind = IOT_PUBSUB_EVENT_SUBSCRIPTION;
	else
		return FALSE;
	ev->node = iot_pubsub_ident(node_attr);
	if (ev->node == NULL)
		return fail(error, node_attr == NULL ? "an event without a node" : "an event with a bad node name");
	switch (ev->kind) {
	case IOT_PUBSUB_EVENT_ITEMS:
		read_items(ev, el);
		break;
	case IOT_PUBSUB_EVENT_DELETE: {
		const xmlNode *r = iot_xml_child(el, "redirect", NULL);

		ev->redirect = iot_pubsub_ident(iot_xml_attr(r, "uri"));
		break;
	}
	case IOT_PUBSUB_EVENT_SUBSCRIPTION:
		ev->subscription = iot_pubsub_subscription_from_element(el, NULL);
		/* A state change without a state is none of the known ones. */
		if (ev->subscription != NULL && iot_xml_attr(el, "subscription") == NULL)
			ev->subscription->state = IOT_PUBSUB_STATE_NONE;
		break;
	case IOT_PUBSUB_EVENT_PURGE:
	case IOT_PUBSUB_EVENT_CONFIGURATION:
		break;
	}
	return TRUE;
}

IotPubsubEvent *
iot_pubsub_event_parse(const xmlNode *message, GError **error)
{
	const xmlNode *event = iot_pubsub_event_find(message), *c;
	IotPubsubEvent *ev;
	guint seen = 0;

	if (event == NULL) {
		fail(error, "no pubsub event");
		return NULL;
	}
	if (g_strcmp0(iot_xml_attr(message, "type"), "error") == 0) {
		fail(error, "an error message");
		return NULL;
	}
	ev = g_new0(IotPubsubEvent, 1);
	ev->items = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_item_free);
	ev->retracted = g_ptr_array_new_with_free_func(g_free);
	ev->subids = g_ptr_array_new_with_free_func(g_free);
	ev->delay = read_delay(message);
	for (c = iot_xml_first(event); c != NULL && seen < MAX_CHILDREN_SEEN; c = iot_xml_next(c), seen++) {
		GError *e = NULL;

		if (read_kind(ev, c, &e))
			break;
		if (e != NULL) {
			g_propagate_error(error, e);
			iot_pubsub_event_free(ev);
			return NULL;
		}
	}
	if (ev->node == NULL) {
		fail(error, "an empty pubsub event");
		iot_pubsub_event_free(ev);
		return NULL;
	}
	read_subids(message, ev->subids);
	return ev;
}

/* The PEP nodes whose events the jabber prpl handles (libpurple 2.x
 * registers handlers for these and fetches avatar data itself). */
static const char *const host_nodes[] = {
	"urn:xmpp:avatar:metadata",
	"urn:xmpp:avatar:data",
	"http://jabber.org/protocol/nick",
	"http://jabber.org/protocol/mood",
	"http://jabber.org/protocol/tune",
};

gboolean
iot_pubsub_event_is_host_node(const char *node)
{
	guint i;

	for (i = 0; node != NULL && i < G_N_ELEMENTS(host_nodes); i++)
		if (strcmp(node, host_nodes[i]) == 0)
			return TRUE;
	return FALSE;
}
