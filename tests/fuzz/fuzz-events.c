/*
 * fuzz-events.c — libFuzzer target for event subscriptions.
 *
 * Bytes → iot_xml_parse; the root and each element child of the root are
 * read as a <subscribe/>, an <unsubscribe/> and a PEP event, and what a
 * subscribe held is written again in both families and read back. Then the
 * same elements drive two subscriptions (XSF seqnr 1 and the NF id of the
 * seeds) through a request table: the root as the answer to the subscribe
 * and to a renewal, root and children as event messages, then an
 * unsubscribe and a disconnect. Seeds: tests/fixtures/events (the protoXEP's and NF
 * documents' examples).
 */
#include "iot-events.h"
#include "iot-xml.h"

#include <stdint.h>
#include <stdlib.h>

#define PEER "hall@home.example/pir"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	g_setenv("TZ", "UTC", TRUE);
	return 0;
}

/* ---- a transport that only remembers the last IQ id ---------------------- */

static char last_id[64];
static guint next_timer;

static gboolean
stub_send(gpointer data, const xmlNode *stanza)
{
	const char *id = iot_xml_attr(stanza, "id");

	g_strlcpy(last_id, id ? id : "", sizeof last_id);
	return TRUE;
}

static guint
stub_timeout_add(gpointer data, guint ms, GSourceFunc fn, gpointer fn_data)
{
	return ++next_timer ? next_timer : ++next_timer;
}

static void
stub_timeout_remove(gpointer data, guint id)
{
}

static const IotTransport stub = { stub_send, stub_timeout_add, stub_timeout_remove };

static void
on_event(IotEventsSubscription *sub, IotReadout *ev, gpointer data)
{
	guint i;

	(*(guint *)data)++;
	for (i = 0; i < ev->fields->len; i++)
		if (((IotField *)g_ptr_array_index(ev->fields, i))->name == NULL)
			abort();
}

static void
on_end(IotEventsSubscription *sub, const GError *error, gpointer data)
{
	guint *ends = data;

	if (ends[1]++ != 0)
		abort(); /* exactly once */
}

/* ---- the codec ------------------------------------------------------------ */

/* XEP-0323 names every category; NF has one h for all nine histories. */
static gboolean
same_categories(IotGeneration gen, guint32 sent, guint32 back)
{
	if (sent == 0)
		sent = IOT_CAT_MOMENTARY;
	if ((sent & IOT_CAT_ALL) == IOT_CAT_ALL)
		return back == IOT_CAT_ALL;
	if (gen == IOT_GEN_XSF)
		return back == sent;
	return (back & ~IOT_CAT_HISTORICAL) == (sent & ~IOT_CAT_HISTORICAL) &&
	       ((back & IOT_CAT_HISTORICAL) != 0) == ((sent & IOT_CAT_HISTORICAL) != 0);
}

static void
codec(const xmlNode *el)
{
	static const IotGeneration gens[] = { IOT_GEN_XSF, IOT_GEN_NF };
	IotEventsRequest *req;
	IotReadout *r = iot_readout_new();
	guint i;

	g_free(iot_events_parse_unsubscribe(el, NULL, NULL));
	(void)iot_events_parse_pep(el, r, NULL);
	iot_readout_free(r);
	req = iot_events_parse_subscribe(el, NULL, NULL);
	if (req == NULL)
		return;
	(void)iot_events_watchdog_ms(req);
	for (i = 0; i < G_N_ELEMENTS(gens); i++) {
		xmlNode *n = iot_events_build_subscribe(gens[i], "1", req);
		char *text = iot_xml_to_string(n);
		xmlDoc *doc = iot_xml_parse(text, -1, NULL);
		IotEventsRequest *back;

		/* What we build is well-formed and reads back the same. */
		if (doc == NULL)
			abort();
		back = iot_events_parse_subscribe(xmlDocGetRootElement(doc), NULL, NULL);
		if (back == NULL || back->n_fields != req->n_fields || back->n_nodes != req->n_nodes ||
		    !same_categories(gens[i], req->categories, back->categories) ||
		    back->min_interval != req->min_interval || back->max_interval != req->max_interval ||
		    back->max_age != req->max_age || back->immediate != req->immediate)
			abort();
		iot_events_request_free(back);
		xmlFreeDoc(doc);
		g_free(text);
		xmlFreeNode(n);
	}
	iot_events_request_free(req);
}

/* ---- the flow ------------------------------------------------------------- */

static void
flow(const xmlNode *root)
{
	IotRequestTable *t = iot_request_table_new(&stub, NULL, "iot");
	IotEventsRequest *req = iot_events_request_new();
	IotEventsSubscription *a, *b;
	guint got_a[2] = { 0, 0 }, got_b[2] = { 0, 0 };
	const char *type = iot_xml_attr(root, "type");
	const xmlNode *c;
	char id[64];

	if (type == NULL || (g_strcmp0(type, "result") != 0 && g_strcmp0(type, "error") != 0))
		type = "result";
	req->id = g_strdup("1");
	a = iot_events_subscribe(t, PEER, IOT_GEN_XSF, req, 15000, on_event, on_end, got_a, NULL);
	g_strlcpy(id, last_id, sizeof id);
	g_free(req->id);
	req->id = g_strdup("d4fe61155cb14e649e302092d3b406a8");
	b = iot_events_subscribe(t, PEER, IOT_GEN_NF, req, 15000, on_event, on_end, got_b, NULL);
	(void)iot_request_table_handle_iq(t, type, id, PEER, root);
	(void)iot_request_table_handle_iq(t, type, last_id, PEER, root);
	(void)iot_events_handle_message(t, PEER, root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		(void)iot_events_handle_message(t, PEER, c);
	if (iot_events_renew(a))
		(void)iot_request_table_handle_iq(t, type, last_id, PEER, root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		(void)iot_events_handle_message(t, PEER, c);
	(void)iot_events_unsubscribe(a);
	iot_request_table_free(t);
	if (got_a[1] != 1 || got_b[1] != 1)
		abort();
	iot_events_subscription_unref(a);
	iot_events_subscription_unref(b);
	iot_events_request_free(req);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc;
	xmlNode *root, *c;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	codec(root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		codec(c);
	flow(root);
	xmlFreeDoc(doc);
	return 0;
}
