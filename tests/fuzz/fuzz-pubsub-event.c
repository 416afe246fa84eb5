/*
 * fuzz-pubsub-event.c — libFuzzer target for publish-subscribe messages and
 * answers.
 *
 * Bytes → iot_xml_parse; the root and each element child of the root are
 * read as an event message (each item's payload then decoded and summed
 * up), an approval request (and its answer built and read back), and as
 * every answer a service gives (subscription, subscriptions, items, disco
 * items and info, affiliations, forms, created node, error words). Then the
 * root answers a request on a table, which must end exactly once. Seeds:
 * tests/fixtures/pubsub (XEP-0060 examples).
 */
#include "iot-pubsub-event.h"
#include "iot-pubsub-payload.h"
#include "iot-xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SERVICE "pubsub.home.example"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	g_setenv("TZ", "UTC", TRUE);
	return 0;
}

static void
check_text(const char *s, gsize max)
{
	if (s != NULL && (!g_utf8_validate(s, -1, NULL) || strlen(s) > max))
		abort();
}

static void
event(const xmlNode *m, IotSoxMeta *meta)
{
	IotPubsubEvent *ev = iot_pubsub_event_parse(m, NULL);
	guint i;

	(void)iot_pubsub_event_find(m);
	if (ev == NULL)
		return;
	if (ev->node == NULL || ev->items->len > IOT_PUBSUB_MAX_ITEMS || ev->retracted->len > IOT_PUBSUB_MAX_ITEMS)
		abort();
	check_text(ev->node, 1024);
	(void)iot_pubsub_event_is_host_node(ev->node);
	for (i = 0; i < ev->items->len; i++) {
		IotPubsubItem *it = g_ptr_array_index(ev->items, i), *copy = iot_pubsub_item_copy(it);
		IotPayload *p = iot_payload_decode(it->payload, it->time, meta);
		char *line = iot_payload_summary(p, 80);

		if (g_utf8_strlen(line, -1) > 80)
			abort();
		check_text(line, 80 * 6);
		check_text(it->id, 1024);
		g_free(line);
		iot_payload_free(p);
		iot_pubsub_item_free(copy);
	}
	iot_pubsub_event_free(ev);
}

static void
approval(const xmlNode *m)
{
	IotPubsubApproval *a = iot_pubsub_approval_parse(m), *back;
	xmlNode *answer;
	char *text;
	xmlDoc *doc;

	if (a == NULL)
		return;
	if (a->node == NULL || a->subscriber == NULL)
		abort();
	a->service = g_strdup(SERVICE);
	answer = iot_pubsub_approval_build_answer(a, TRUE);
	text = iot_xml_to_string(answer);
	doc = iot_xml_parse(text, -1, NULL);
	if (doc == NULL)
		abort();
	/* The answer is a submitted form: it is no request itself. */
	back = iot_pubsub_approval_parse(xmlDocGetRootElement(doc));
	if (back != NULL)
		abort();
	xmlFreeDoc(doc);
	g_free(text);
	xmlFreeNode(answer);
	iot_pubsub_approval_free(a);
}

static void
answers(const xmlNode *iq)
{
	GPtrArray *a;
	IotPubsubNodeMeta *m;
	IotDataForm *f;
	gboolean trunc;

	iot_pubsub_subscription_free(iot_pubsub_parse_subscription(iq, NULL));
	if ((a = iot_pubsub_parse_subscriptions(iq, &trunc, NULL)) != NULL) {
		if (a->len > IOT_PUBSUB_MAX_SUBSCRIPTIONS)
			abort();
		g_ptr_array_unref(a);
	}
	if ((a = iot_pubsub_parse_items(iq, 0, &trunc, NULL)) != NULL)
		g_ptr_array_unref(a);
	if ((a = iot_pubsub_parse_node_items(iq, &trunc, NULL)) != NULL)
		g_ptr_array_unref(a);
	if ((m = iot_pubsub_parse_node_info(iq, NULL)) != NULL)
		iot_pubsub_node_meta_free(m);
	(void)iot_pubsub_info_is_service(iq);
	if ((a = iot_pubsub_parse_affiliations(iq, NULL)) != NULL)
		g_ptr_array_unref(a);
	if ((f = iot_pubsub_parse_form(iq, NULL)) != NULL)
		iot_dataform_free(f);
	g_free(iot_pubsub_parse_created_node(iq));
	{
		char *w = iot_pubsub_error_text(iq);

		check_text(w, 4096);
		g_free(w);
	}
}

/* ---- one request on a table ---------------------------------------------- */

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
on_answer(const xmlNode *result, const GError *error, gpointer data)
{
	guint *calls = data;

	if ((result == NULL) == (error == NULL))
		abort();
	(*calls)++;
}

static void
flow(const xmlNode *root)
{
	IotRequestTable *t = iot_request_table_new(&stub, NULL, "iot");
	const char *type = iot_xml_attr(root, "type");
	guint calls = 0;

	if (type == NULL || (strcmp(type, "result") != 0 && strcmp(type, "error") != 0))
		type = "result";
	iot_pubsub_request(t, SERVICE, iot_pubsub_build_items("n", 10, NULL), 5000, on_answer, &calls, NULL);
	(void)iot_request_table_handle_iq(t, type, last_id, SERVICE, root);
	(void)iot_request_table_handle_iq(t, type, last_id, SERVICE, root);
	iot_request_table_free(t);
	if (calls != 1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IotSoxMeta *meta;
	xmlDoc *doc;
	xmlNode *root, *c;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	meta = iot_sox_meta_new();
	event(root, meta);
	approval(root);
	answers(root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c)) {
		event(c, meta);
		approval(c);
		answers(c);
	}
	flow(root);
	iot_sox_meta_free(meta);
	xmlFreeDoc(doc);
	return 0;
}
