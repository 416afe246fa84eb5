/* iot-pubsub-parse.c — the answers of a pubsub service, read. See iot-pubsub.h. */
#include "iot-pubsub.h"

#include "iot-error.h"
#include "iot-model.h"
#include "iot-ns.h"
#include "iot-pubsub-private.h"
#include "iot-xml.h"

#include <stdlib.h>
#include <string.h>

static gboolean
check_result(const xmlNode *iq, GError **error)
{
	if (!iot_xml_is(iq, "iq", NULL) || g_strcmp0(iot_xml_attr(iq, "type"), "result") != 0) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a result");
		return FALSE;
	}
	return TRUE;
}

static void
malformed(GError **error, const char *what)
{
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, what);
}

IotPubsubSubscription *
iot_pubsub_parse_subscription(const xmlNode *iq, GError **error)
{
	const xmlNode *ps, *sub = NULL, *opts = NULL;
	IotPubsubSubscription *s;

	if (!check_result(iq, error))
		return NULL;
	ps = iot_pubsub_child(iq, IOT_NS_PUBSUB);
	if (ps == NULL)
		return NULL; /* an empty result: §6.1.2 allows it */
	sub = iot_xml_child(ps, "subscription", IOT_NS_PUBSUB);
	if (sub == NULL) {
		/* An options answer carries <options node jid subid/>. */
		opts = iot_xml_child(ps, "options", IOT_NS_PUBSUB);
		if (opts == NULL)
			return NULL;
		sub = opts;
	}
	s = iot_pubsub_subscription_from_element(sub, NULL);
	if (s == NULL)
		malformed(error, "a subscription without a node");
	else if (sub == opts)
		s->state = IOT_PUBSUB_STATE_SUBSCRIBED;
	return s;
}

GPtrArray *
iot_pubsub_parse_subscriptions(const xmlNode *iq, gboolean *truncated, GError **error)
{
	const xmlNode *ps, *list = NULL, *c;
	const char *ns = IOT_NS_PUBSUB;
	GPtrArray *a;
	const char *list_node;

	if (truncated != NULL)
		*truncated = FALSE;
	if (!check_result(iq, error))
		return NULL;
	ps = iot_pubsub_child(iq, IOT_NS_PUBSUB);
	if (ps == NULL) {
		ps = iot_pubsub_child(iq, IOT_NS_PUBSUB_OWNER);
		ns = IOT_NS_PUBSUB_OWNER;
	}
	list = iot_xml_child(ps, "subscriptions", ns);
	if (list == NULL) {
		malformed(error, "no subscriptions");
		return NULL;
	}
	/* The owner's list names the node once, on the list. */
	list_node = iot_xml_attr(list, "node");
	a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_subscription_free);
	for (c = iot_xml_first(list); c != NULL; c = iot_xml_next(c)) {
		IotPubsubSubscription *s;
		char *fallback;

		if (!iot_xml_is(c, "subscription", NULL))
			continue;
		if (a->len >= IOT_PUBSUB_MAX_SUBSCRIPTIONS) {
			if (truncated != NULL)
				*truncated = TRUE;
			break;
		}
		fallback = iot_pubsub_ident(list_node);
		s = iot_pubsub_subscription_from_element(c, fallback);
		g_free(fallback);
		if (s != NULL)
			g_ptr_array_add(a, s);
	}
	return a;
}

GPtrArray *
iot_pubsub_parse_items(const xmlNode *iq, guint max, gboolean *truncated, GError **error)
{
	const xmlNode *ps, *items, *c;
	GPtrArray *a;

	if (truncated != NULL)
		*truncated = FALSE;
	if (!check_result(iq, error))
		return NULL;
	ps = iot_pubsub_child(iq, IOT_NS_PUBSUB);
	items = iot_xml_child(ps, "items", IOT_NS_PUBSUB);
	if (items == NULL) {
		malformed(error, "no items");
		return NULL;
	}
	max = max == 0 ? IOT_PUBSUB_MAX_ITEMS : MIN(max, IOT_PUBSUB_MAX_ITEMS);
	a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_item_free);
	for (c = iot_xml_first(items); c != NULL; c = iot_xml_next(c)) {
		if (!iot_xml_is(c, "item", NULL))
			continue;
		if (a->len >= max) {
			if (truncated != NULL)
				*truncated = TRUE;
			break;
		}
		g_ptr_array_add(a, iot_pubsub_item_from_element(c, IOT_TIME_UNKNOWN));
	}
	return a;
}

GPtrArray *
iot_pubsub_parse_node_items(const xmlNode *iq, gboolean *truncated, GError **error)
{
	const xmlNode *q, *c;
	GPtrArray *a;

	if (truncated != NULL)
		*truncated = FALSE;
	if (!check_result(iq, error))
		return NULL;
	q = iot_xml_child(iq, "query", IOT_NS_DISCO_ITEMS);
	if (q == NULL) {
		malformed(error, "not a disco#items answer");
		return NULL;
	}
	a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_node_ref_free);
	for (c = iot_xml_first(q); c != NULL; c = iot_xml_next(c)) {
		IotPubsubNodeRef *r;
		char *jid;

		if (!iot_xml_is(c, "item", NULL))
			continue;
		jid = iot_pubsub_ident(iot_xml_attr(c, "jid"));
		if (jid == NULL)
			continue;
		if (a->len >= IOT_PUBSUB_MAX_NODES) {
			g_free(jid);
			if (truncated != NULL)
				*truncated = TRUE;
			break;
		}
		r = g_new0(IotPubsubNodeRef, 1);
		r->jid = jid;
		r->node = iot_pubsub_ident(iot_xml_attr(c, "node"));
		r->name = iot_pubsub_text(iot_xml_attr(c, "name"), IOT_PUBSUB_MAX_TEXT_BYTES);
		g_ptr_array_add(a, r);
	}
	return a;
}

/* --- disco#info and its meta-data form --------------------------------------- */

/* Returns: (transfer full): the first <value/> of a form field, bounded. */
static char *
field_value(const xmlNode *field, gsize max)
{
	const xmlNode *v = iot_xml_child(field, "value", NULL);
	char *t, *out;

	if (v == NULL)
		return NULL;
	t = iot_xml_text(v, max + 8, NULL);
	out = iot_pubsub_text(t, max);
	g_free(t);
	return out;
}

static gint
field_int(const xmlNode *field)
{
	char *v = field_value(field, 32), *end = NULL;
	gint64 n;
	gint out = -1;

	if (v != NULL) {
		g_strstrip(v);
		n = g_ascii_strtoll(v, &end, 10);
		if (end != v && *end == '\0' && n >= 0 && n <= G_MAXINT)
			out = (gint)n;
		else if (g_strcmp0(v, "max") == 0)
			out = G_MAXINT;
	}
	g_free(v);
	return out;
}

static char **
field_jids(const xmlNode *field)
{
	GPtrArray *a = g_ptr_array_new();
	const xmlNode *v;

	for (v = iot_xml_first(field); v != NULL && a->len < IOT_PUBSUB_MAX_PEOPLE; v = iot_xml_next(v)) {
		char *t, *id;

		if (!iot_xml_is(v, "value", NULL))
			continue;
		t = iot_xml_text(v, IOT_PUBSUB_MAX_ID_BYTES + 8, NULL);
		if (t != NULL)
			g_strstrip(t);
		id = iot_pubsub_ident(t);
		g_free(t);
		if (id != NULL)
			g_ptr_array_add(a, id);
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static void
read_meta_form(IotPubsubNodeMeta *m, const xmlNode *x)
{
	const xmlNode *f;

	for (f = iot_xml_first(x); f != NULL; f = iot_xml_next(f)) {
		const char *var = iot_xml_attr(f, "var");
		char **slot = NULL;

		if (!iot_xml_is(f, "field", NULL) || var == NULL)
			continue;
		if (strcmp(var, "pubsub#title") == 0)
			slot = &m->title;
		else if (strcmp(var, "pubsub#description") == 0)
			slot = &m->description;
		else if (strcmp(var, "pubsub#type") == 0)
			slot = &m->payload_type;
		else if (strcmp(var, "pubsub#access_model") == 0)
			slot = &m->access_model;
		else if (strcmp(var, "pubsub#publish_model") == 0)
			slot = &m->publish_model;
		else if (strcmp(var, "pubsub#num_subscribers") == 0)
			m->num_subscribers = field_int(f);
		else if (strcmp(var, "pubsub#num_items") == 0 || strcmp(var, "pubsub#items") == 0)
			m->num_items = field_int(f);
		else if (strcmp(var, "pubsub#max_items") == 0)
			m->max_items = field_int(f);
		else if (strcmp(var, "pubsub#owner") == 0 && m->owners == NULL)
			m->owners = field_jids(f);
		else if (strcmp(var, "pubsub#publisher") == 0 && m->publishers == NULL)
			m->publishers = field_jids(f);
		if (slot != NULL && *slot == NULL)
			*slot = field_value(f, IOT_PUBSUB_MAX_TEXT_BYTES);
	}
}

static gboolean
is_meta_form(const xmlNode *x)
{
	const xmlNode *f;

	for (f = iot_xml_first(x); f != NULL; f = iot_xml_next(f)) {
		if (iot_xml_is(f, "field", NULL) && g_strcmp0(iot_xml_attr(f, "var"), "FORM_TYPE") == 0) {
			char *v = field_value(f, 256);
			gboolean yes = v != NULL && strcmp(g_strstrip(v), IOT_NS_PUBSUB_META) == 0;

			g_free(v);
			return yes;
		}
	}
	return FALSE;
}

IotPubsubNodeMeta *
iot_pubsub_parse_node_info(const xmlNode *iq, GError **error)
{
	const xmlNode *q, *c;
	IotPubsubNodeMeta *m;
	gboolean meta_seen = FALSE;

	if (!check_result(iq, error))
		return NULL;
	q = iot_xml_child(iq, "query", IOT_NS_DISCO_INFO);
	if (q == NULL) {
		malformed(error, "not a disco#info answer");
		return NULL;
	}
	m = g_new0(IotPubsubNodeMeta, 1);
	m->node = iot_pubsub_ident(iot_xml_attr(q, "node"));
	m->num_items = m->num_subscribers = m->max_items = -1;
	for (c = iot_xml_first(q); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "identity", NULL)) {
			if (g_strcmp0(iot_xml_attr(c, "category"), "pubsub") == 0 &&
			    g_strcmp0(iot_xml_attr(c, "type"), "collection") == 0)
				m->is_collection = TRUE;
			if (m->title == NULL && iot_xml_attr(c, "name") != NULL &&
			    g_strcmp0(iot_xml_attr(c, "category"), "pubsub") == 0)
				m->title = iot_pubsub_text(iot_xml_attr(c, "name"), IOT_PUBSUB_MAX_TEXT_BYTES);
		} else if (iot_xml_is(c, "x", IOT_NS_XDATA) && !meta_seen && is_meta_form(c)) {
			char *identity_name = m->title;

			meta_seen = TRUE;
			m->title = NULL;
			read_meta_form(m, c);
			/* The form's title wins over the identity's name. */
			if (m->title == NULL)
				m->title = identity_name;
			else
				g_free(identity_name);
		}
	}
	return m;
}

gboolean
iot_pubsub_info_is_service(const xmlNode *iq)
{
	const xmlNode *q = iot_xml_child(iq, "query", IOT_NS_DISCO_INFO), *c;
	gboolean service = FALSE, feature = FALSE;

	if (g_strcmp0(iot_xml_attr(iq, "type"), "result") != 0)
		return FALSE;
	for (c = iot_xml_first(q); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "identity", NULL) && g_strcmp0(iot_xml_attr(c, "category"), "pubsub") == 0 &&
		    g_strcmp0(iot_xml_attr(c, "type"), "service") == 0)
			service = TRUE;
		else if (iot_xml_is(c, "feature", NULL) && g_strcmp0(iot_xml_attr(c, "var"), IOT_NS_PUBSUB) == 0)
			feature = TRUE;
	}
	return service && feature;
}

GPtrArray *
iot_pubsub_parse_affiliations(const xmlNode *iq, GError **error)
{
	const xmlNode *ps, *list, *c;
	const char *ns = IOT_NS_PUBSUB_OWNER;
	GPtrArray *a;

	if (!check_result(iq, error))
		return NULL;
	ps = iot_pubsub_child(iq, IOT_NS_PUBSUB_OWNER);
	if (ps == NULL) {
		ps = iot_pubsub_child(iq, IOT_NS_PUBSUB);
		ns = IOT_NS_PUBSUB;
	}
	list = iot_xml_child(ps, "affiliations", ns);
	if (list == NULL) {
		malformed(error, "no affiliations");
		return NULL;
	}
	a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_affiliation_entry_free);
	for (c = iot_xml_first(list); c != NULL && a->len < IOT_PUBSUB_MAX_AFFILIATIONS; c = iot_xml_next(c)) {
		IotPubsubAffiliationEntry *e;
		char *jid;

		if (!iot_xml_is(c, "affiliation", NULL))
			continue;
		/* The owner's list names JIDs; a user's own list names nodes. */
		jid = iot_pubsub_ident(iot_xml_attr2(c, "jid", "node"));
		if (jid == NULL)
			continue;
		e = g_new0(IotPubsubAffiliationEntry, 1);
		e->jid = jid;
		e->affiliation = iot_pubsub_affiliation_parse(iot_xml_attr(c, "affiliation"));
		g_ptr_array_add(a, e);
	}
	return a;
}

IotDataForm *
iot_pubsub_parse_form(const xmlNode *iq, GError **error)
{
	static const char *const holders[] = { "options", "configure", "default", "create" };
	const xmlNode *ps[2], *c, *x = NULL;
	guint i, j;

	if (!check_result(iq, error))
		return NULL;
	ps[0] = iot_pubsub_child(iq, IOT_NS_PUBSUB_OWNER);
	ps[1] = iot_pubsub_child(iq, IOT_NS_PUBSUB);
	for (i = 0; i < G_N_ELEMENTS(ps) && x == NULL; i++) {
		for (j = 0; j < G_N_ELEMENTS(holders) && x == NULL; j++) {
			c = iot_xml_child(ps[i], holders[j], NULL);
			x = iot_xml_child(c, "x", IOT_NS_XDATA);
		}
		/* <create/><configure><x/></configure> of an instant-node answer. */
		if (x == NULL)
			x = iot_xml_child(iot_xml_child(ps[i], "configure", NULL), "x", IOT_NS_XDATA);
	}
	if (x == NULL) {
		malformed(error, "no form");
		return NULL;
	}
	return iot_dataform_parse(x, error);
}

char *
iot_pubsub_parse_created_node(const xmlNode *iq)
{
	const xmlNode *create;

	if (g_strcmp0(iot_xml_attr(iq, "type"), "result") != 0)
		return NULL;
	create = iot_xml_child(iot_pubsub_child(iq, IOT_NS_PUBSUB), "create", NULL);
	return iot_pubsub_ident(iot_xml_attr(create, "node"));
}
