/* iot-pubsub-build.c — every XEP-0060 request we send, built. See iot-pubsub.h. */
#include "iot-pubsub.h"

#include "iot-ns.h"
#include "iot-xml.h"

/* Returns: (transfer full): <iq type=@type><pubsub xmlns=@ns/></iq>;
 * *@pubsub receives the <pubsub/>. */
static xmlNode *
iq_pubsub(const char *type, const char *ns, xmlNode **pubsub)
{
	xmlNode *iq = iot_xml_new("iq", NULL);

	iot_xml_set(iq, "type", type);
	*pubsub = iot_xml_new("pubsub", ns);
	xmlAddChild(iq, *pubsub);
	return iq;
}

/* Adds <@name node=@node/> to @parent; returns it. */
static xmlNode *
add_with_node(xmlNode *parent, const char *name, const char *node)
{
	xmlNode *n = iot_xml_add(parent, name);

	iot_xml_set(n, "node", node);
	return n;
}

/* Adds a copy of @form as a `jabber:x:data` of type submit, every field
 * with its values (the service wants the whole form back). */
static void
add_form(xmlNode *parent, const IotDataForm *form)
{
	xmlNode *x = iot_xml_new("x", IOT_NS_XDATA);
	guint i, j;

	iot_xml_set(x, "type", "submit");
	for (i = 0; form != NULL && i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);
		xmlNode *fe;

		if (f->var == NULL || f->type == IOT_FORM_FIELD_FIXED)
			continue;
		fe = iot_xml_add(x, "field");
		iot_xml_set(fe, "var", f->var);
		if (f->type != IOT_FORM_FIELD_TEXT_SINGLE)
			iot_xml_set(fe, "type", iot_form_field_type_name(f->type));
		for (j = 0; j < f->values->len; j++)
			iot_xml_set_text(iot_xml_add(fe, "value"), g_ptr_array_index(f->values, j));
	}
	xmlAddChild(parent, x);
}

xmlNode *
iot_pubsub_build_subscribe(const char *node, const char *jid, const IotDataForm *options)
{
	xmlNode *ps, *iq, *sub;

	g_return_val_if_fail(node != NULL && jid != NULL, NULL);
	iq = iq_pubsub("set", IOT_NS_PUBSUB, &ps);
	sub = add_with_node(ps, "subscribe", node);
	iot_xml_set(sub, "jid", jid);
	if (options != NULL) {
		xmlNode *o = add_with_node(ps, "options", node);

		iot_xml_set(o, "jid", jid);
		add_form(o, options);
	}
	return iq;
}

xmlNode *
iot_pubsub_build_unsubscribe(const char *node, const char *jid, const char *subid)
{
	xmlNode *ps, *iq, *u;

	g_return_val_if_fail(node != NULL && jid != NULL, NULL);
	iq = iq_pubsub("set", IOT_NS_PUBSUB, &ps);
	u = add_with_node(ps, "unsubscribe", node);
	iot_xml_set(u, "jid", jid);
	iot_xml_set(u, "subid", subid);
	return iq;
}

xmlNode *
iot_pubsub_build_subscriptions(const char *node)
{
	xmlNode *ps, *iq = iq_pubsub("get", IOT_NS_PUBSUB, &ps);

	add_with_node(ps, "subscriptions", node);
	return iq;
}

xmlNode *
iot_pubsub_build_items(const char *node, guint max_items, const char *subid)
{
	xmlNode *ps, *iq, *items;

	g_return_val_if_fail(node != NULL, NULL);
	iq = iq_pubsub("get", IOT_NS_PUBSUB, &ps);
	items = add_with_node(ps, "items", node);
	if (max_items > 0) {
		char *n = g_strdup_printf("%u", max_items);

		iot_xml_set(items, "max_items", n);
		g_free(n);
	}
	iot_xml_set(items, "subid", subid);
	return iq;
}

static xmlNode *
build_options(const char *type, const char *node, const char *jid, const char *subid,
              const IotDataForm *form)
{
	xmlNode *ps, *iq, *o;

	g_return_val_if_fail(node != NULL && jid != NULL, NULL);
	iq = iq_pubsub(type, IOT_NS_PUBSUB, &ps);
	o = add_with_node(ps, "options", node);
	iot_xml_set(o, "jid", jid);
	iot_xml_set(o, "subid", subid);
	if (form != NULL)
		add_form(o, form);
	return iq;
}

xmlNode *
iot_pubsub_build_options_get(const char *node, const char *jid, const char *subid)
{
	return build_options("get", node, jid, subid, NULL);
}

xmlNode *
iot_pubsub_build_options_submit(const char *node, const char *jid, const char *subid,
                                const IotDataForm *form)
{
	g_return_val_if_fail(form != NULL, NULL);
	return build_options("set", node, jid, subid, form);
}

static xmlNode *
build_disco(const char *ns, const char *node)
{
	xmlNode *iq = iot_xml_new("iq", NULL), *q = iot_xml_new("query", ns);

	iot_xml_set(iq, "type", "get");
	iot_xml_set(q, "node", node);
	xmlAddChild(iq, q);
	return iq;
}

xmlNode *
iot_pubsub_build_node_info(const char *node)
{
	return build_disco(IOT_NS_DISCO_INFO, node);
}

xmlNode *
iot_pubsub_build_node_items(const char *node)
{
	return build_disco(IOT_NS_DISCO_ITEMS, node);
}

xmlNode *
iot_pubsub_build_create(const char *node, const IotDataForm *config)
{
	xmlNode *ps, *iq = iq_pubsub("set", IOT_NS_PUBSUB, &ps);

	add_with_node(ps, "create", node);
	if (config != NULL)
		add_form(iot_xml_add(ps, "configure"), config);
	return iq;
}

/* <iq><pubsub xmlns=owner><@what node/></pubsub></iq> */
static xmlNode *
owner_op(const char *type, const char *what, const char *node, xmlNode **el)
{
	xmlNode *ps, *iq = iq_pubsub(type, IOT_NS_PUBSUB_OWNER, &ps);

	*el = add_with_node(ps, what, node);
	return iq;
}

xmlNode *
iot_pubsub_build_configure_get(const char *node)
{
	xmlNode *el;

	g_return_val_if_fail(node != NULL, NULL);
	return owner_op("get", "configure", node, &el);
}

xmlNode *
iot_pubsub_build_configure_submit(const char *node, const IotDataForm *form)
{
	xmlNode *el, *iq;

	g_return_val_if_fail(node != NULL && form != NULL, NULL);
	iq = owner_op("set", "configure", node, &el);
	add_form(el, form);
	return iq;
}

xmlNode *
iot_pubsub_build_default_config(void)
{
	xmlNode *el;

	return owner_op("get", "default", NULL, &el);
}

xmlNode *
iot_pubsub_build_purge(const char *node)
{
	xmlNode *el;

	g_return_val_if_fail(node != NULL, NULL);
	return owner_op("set", "purge", node, &el);
}

xmlNode *
iot_pubsub_build_delete(const char *node)
{
	xmlNode *el;

	g_return_val_if_fail(node != NULL, NULL);
	return owner_op("set", "delete", node, &el);
}

xmlNode *
iot_pubsub_build_affiliations_get(const char *node)
{
	xmlNode *el;

	g_return_val_if_fail(node != NULL, NULL);
	return owner_op("get", "affiliations", node, &el);
}

xmlNode *
iot_pubsub_build_affiliation_set(const char *node, const char *jid, IotPubsubAffiliation a)
{
	xmlNode *el, *iq, *af;

	g_return_val_if_fail(node != NULL && jid != NULL, NULL);
	iq = owner_op("set", "affiliations", node, &el);
	af = iot_xml_add(el, "affiliation");
	iot_xml_set(af, "jid", jid);
	iot_xml_set(af, "affiliation", iot_pubsub_affiliation_name(a));
	return iq;
}

xmlNode *
iot_pubsub_build_subscribers_get(const char *node)
{
	xmlNode *el;

	g_return_val_if_fail(node != NULL, NULL);
	return owner_op("get", "subscriptions", node, &el);
}

xmlNode *
iot_pubsub_build_subscriber_set(const char *node, const char *jid, const char *subid,
                                IotPubsubState state)
{
	xmlNode *el, *iq, *s;

	g_return_val_if_fail(node != NULL && jid != NULL, NULL);
	iq = owner_op("set", "subscriptions", node, &el);
	s = iot_xml_add(el, "subscription");
	iot_xml_set(s, "jid", jid);
	iot_xml_set(s, "subscription", iot_pubsub_state_name(state));
	iot_xml_set(s, "subid", subid);
	return iq;
}

xmlNode *
iot_pubsub_build_publish(const char *node, const char *item_id, xmlNode *payload)
{
	xmlNode *ps, *iq, *pub, *item;

	if (node == NULL) {
		if (payload != NULL)
			xmlFreeNode(payload);
		g_return_val_if_fail(node != NULL, NULL);
	}
	iq = iq_pubsub("set", IOT_NS_PUBSUB, &ps);
	pub = add_with_node(ps, "publish", node);
	item = iot_xml_add(pub, "item");
	iot_xml_set(item, "id", item_id);
	if (payload != NULL)
		xmlAddChild(item, payload);
	return iq;
}

xmlNode *
iot_pubsub_build_retract(const char *node, const char *item_id, gboolean notify)
{
	xmlNode *ps, *iq, *r;

	g_return_val_if_fail(node != NULL && item_id != NULL, NULL);
	iq = iq_pubsub("set", IOT_NS_PUBSUB, &ps);
	r = add_with_node(ps, "retract", node);
	if (notify)
		iot_xml_set(r, "notify", "true");
	iot_xml_set(iot_xml_add(r, "item"), "id", item_id);
	return iq;
}
