/* iot-pubsub-approval.c — XEP-0060 §8.6: a node owner is asked to approve a
 * subscription, and answers. See iot-pubsub.h. */
#include "iot-pubsub.h"

#include "iot-pubsub-private.h"
#include "iot-xml.h"

#include <string.h>

#define FIELDS_MAX 64 /* fields looked at in one request form */

/* Returns: (transfer full) (nullable): the first value of field @var of @x. */
static char *
form_value(const xmlNode *x, const char *var)
{
	const xmlNode *f;
	guint n = 0;

	for (f = iot_xml_first(x); f != NULL && n < FIELDS_MAX; f = iot_xml_next(f), n++) {
		if (iot_xml_is(f, "field", NULL) && g_strcmp0(iot_xml_attr(f, "var"), var) == 0) {
			char *t = iot_xml_text(iot_xml_child(f, "value", NULL), IOT_PUBSUB_MAX_ID_BYTES + 8, NULL);
			char *id = iot_pubsub_ident(t != NULL ? g_strstrip(t) : NULL);

			g_free(t);
			return id;
		}
	}
	return NULL;
}

IotPubsubApproval *
iot_pubsub_approval_parse(const xmlNode *message)
{
	const xmlNode *x;
	IotPubsubApproval *a;

	if (!iot_xml_is(message, "message", NULL) || g_strcmp0(iot_xml_attr(message, "type"), "error") == 0)
		return NULL;
	for (x = iot_xml_first(message); x != NULL; x = iot_xml_next(x)) {
		char *form_type;
		gboolean ours;

		if (!iot_xml_is(x, "x", IOT_NS_XDATA) || g_strcmp0(iot_xml_attr(x, "type"), "form") != 0)
			continue;
		form_type = form_value(x, "FORM_TYPE");
		ours = g_strcmp0(form_type, IOT_NS_PUBSUB_SUB_AUTH) == 0;
		g_free(form_type);
		if (ours)
			break;
	}
	if (x == NULL)
		return NULL;
	a = g_new0(IotPubsubApproval, 1);
	a->node = form_value(x, "pubsub#node");
	a->subscriber = form_value(x, "pubsub#subscriber_jid");
	a->subid = form_value(x, "pubsub#subid");
	if (a->node == NULL || a->subscriber == NULL) {
		iot_pubsub_approval_free(a);
		return NULL;
	}
	return a;
}

void
iot_pubsub_approval_free(IotPubsubApproval *a)
{
	if (a == NULL)
		return;
	g_free(a->service);
	g_free(a->node);
	g_free(a->subscriber);
	g_free(a->subid);
	g_free(a);
}

static void
add_field(xmlNode *x, const char *var, const char *type, const char *value)
{
	xmlNode *f;

	if (value == NULL)
		return;
	f = iot_xml_add(x, "field");
	iot_xml_set(f, "var", var);
	iot_xml_set(f, "type", type);
	iot_xml_set_text(iot_xml_add(f, "value"), value);
}

xmlNode *
iot_pubsub_approval_build_answer(const IotPubsubApproval *a, gboolean allow)
{
	xmlNode *msg, *x;

	g_return_val_if_fail(a != NULL && a->node != NULL && a->subscriber != NULL, NULL);
	msg = iot_xml_new("message", NULL);
	iot_xml_set(msg, "to", a->service);
	x = iot_xml_new("x", IOT_NS_XDATA);
	iot_xml_set(x, "type", "submit");
	add_field(x, "FORM_TYPE", "hidden", IOT_NS_PUBSUB_SUB_AUTH);
	add_field(x, "pubsub#subid", NULL, a->subid);
	add_field(x, "pubsub#node", NULL, a->node);
	add_field(x, "pubsub#subscriber_jid", NULL, a->subscriber);
	add_field(x, "pubsub#allow", NULL, allow ? "true" : "false");
	xmlAddChild(msg, x);
	return msg;
}
