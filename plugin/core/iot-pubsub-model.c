/* iot-pubsub-model.c — the publish-subscribe model: states, affiliations,
 * subscriptions, items, nodes. See iot-pubsub.h. */
#include "iot-pubsub.h"

#include "iot-model.h"
#include "iot-pubsub-private.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* --- helpers shared by the family ----------------------------------------- */

char *
iot_pubsub_text(const char *s, gsize max)
{
	gsize len, end;
	char *cut, *valid;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	end = MIN(len, max);
	while (end > 0 && end < len && (((guchar)s[end]) & 0xC0) == 0x80)
		end--;
	cut = g_strndup(s, end);
	if (g_utf8_validate(cut, -1, NULL))
		return cut;
	valid = g_utf8_make_valid(cut, -1);
	g_free(cut);
	/* U+FFFD takes three bytes where one bad byte was: cut again. */
	if (strlen(valid) > max) {
		char *again = iot_pubsub_text(valid, max);

		g_free(valid);
		return again;
	}
	return valid;
}

char *
iot_pubsub_ident(const char *s)
{
	gsize len;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	if (len == 0 || len > IOT_PUBSUB_MAX_ID_BYTES || !g_utf8_validate(s, (gssize)len, NULL))
		return NULL;
	return g_strdup(s);
}

const xmlNode *
iot_pubsub_child(const xmlNode *iq, const char *ns)
{
	return iot_xml_child(iq, "pubsub", ns);
}

static gsize
str_len(const xmlChar *s)
{
	return s != NULL ? strlen((const char *)s) : 0;
}

gboolean
iot_pubsub_tree_exceeds(const xmlNode *n, gsize max)
{
	const xmlNode *cur = n;
	gsize total = 0;

	if (n == NULL)
		return FALSE;
	while (cur != NULL) {
		if (cur->type == XML_ELEMENT_NODE) {
			const xmlAttr *a;

			total += 2 * str_len(cur->name) + 5;
			for (a = cur->properties; a != NULL; a = a->next) {
				total += str_len(a->name) + 4;
				if (a->children != NULL && a->children->type == XML_TEXT_NODE)
					total += str_len(a->children->content);
			}
		} else if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE ||
		           cur->type == XML_COMMENT_NODE) {
			total += str_len(cur->content);
		}
		if (total > max)
			return TRUE;
		/* Next in document order, without recursion. */
		if (cur->type == XML_ELEMENT_NODE && cur->children != NULL) {
			cur = cur->children;
			continue;
		}
		while (cur != n && cur->next == NULL)
			cur = cur->parent;
		if (cur == n)
			break;
		cur = cur->next;
	}
	return FALSE;
}

/* --- states ----------------------------------------------------------------- */

static const char *const state_names[] = { "none", "pending", "unconfigured", "subscribed" };

const char *
iot_pubsub_state_name(IotPubsubState state)
{
	return (guint)state < G_N_ELEMENTS(state_names) ? state_names[state] : "none";
}

IotPubsubState
iot_pubsub_state_parse(const char *word)
{
	guint i;

	for (i = 0; word != NULL && i < G_N_ELEMENTS(state_names); i++)
		if (strcmp(word, state_names[i]) == 0)
			return (IotPubsubState)i;
	return IOT_PUBSUB_STATE_NONE;
}

const char *
iot_pubsub_state_text(IotPubsubState state)
{
	switch (state) {
	case IOT_PUBSUB_STATE_PENDING: return _("Waiting for the owner's approval");
	case IOT_PUBSUB_STATE_UNCONFIGURED: return _("Subscribed, but its options must be set before anything is delivered");
	case IOT_PUBSUB_STATE_SUBSCRIBED: return _("Subscribed");
	case IOT_PUBSUB_STATE_NONE:
	default: return _("Not subscribed");
	}
}

/* --- affiliations ------------------------------------------------------------- */

static const char *const affil_names[] = { "none", "owner", "publisher", "publish-only", "member", "outcast" };

const char *
iot_pubsub_affiliation_name(IotPubsubAffiliation a)
{
	return (guint)a < G_N_ELEMENTS(affil_names) ? affil_names[a] : "none";
}

IotPubsubAffiliation
iot_pubsub_affiliation_parse(const char *word)
{
	guint i;

	for (i = 0; word != NULL && i < G_N_ELEMENTS(affil_names); i++)
		if (strcmp(word, affil_names[i]) == 0)
			return (IotPubsubAffiliation)i;
	return IOT_PUBSUB_AFFIL_NONE;
}

const char *
iot_pubsub_affiliation_text(IotPubsubAffiliation a)
{
	switch (a) {
	case IOT_PUBSUB_AFFIL_OWNER: return _("Owner");
	case IOT_PUBSUB_AFFIL_PUBLISHER: return _("Publisher");
	case IOT_PUBSUB_AFFIL_PUBLISH_ONLY: return _("Publish only");
	case IOT_PUBSUB_AFFIL_MEMBER: return _("Member");
	case IOT_PUBSUB_AFFIL_OUTCAST: return _("Banned");
	case IOT_PUBSUB_AFFIL_NONE:
	default: return _("None");
	}
}

void
iot_pubsub_affiliation_entry_free(IotPubsubAffiliationEntry *e)
{
	if (e == NULL)
		return;
	g_free(e->jid);
	g_free(e);
}

/* --- subscriptions -------------------------------------------------------------- */

IotPubsubSubscription *
iot_pubsub_subscription_new(void)
{
	IotPubsubSubscription *s = g_new0(IotPubsubSubscription, 1);

	s->node = g_strdup("");
	return s;
}

IotPubsubSubscription *
iot_pubsub_subscription_copy(const IotPubsubSubscription *sub)
{
	IotPubsubSubscription *s;

	if (sub == NULL)
		return NULL;
	s = g_new0(IotPubsubSubscription, 1);
	s->service = g_strdup(sub->service);
	s->node = g_strdup(sub->node ? sub->node : "");
	s->jid = g_strdup(sub->jid);
	s->subid = g_strdup(sub->subid);
	s->state = sub->state;
	s->options_required = sub->options_required;
	return s;
}

void
iot_pubsub_subscription_free(IotPubsubSubscription *sub)
{
	if (sub == NULL)
		return;
	g_free(sub->service);
	g_free(sub->node);
	g_free(sub->jid);
	g_free(sub->subid);
	g_free(sub);
}

IotPubsubSubscription *
iot_pubsub_subscription_from_element(const xmlNode *el, const char *node_fallback)
{
	IotPubsubSubscription *s;
	const char *node = iot_xml_attr(el, "node");
	const xmlNode *opts;
	char *n;

	n = iot_pubsub_ident(node);
	if (n == NULL && node_fallback != NULL && (node == NULL || *node == '\0'))
		n = g_strdup(node_fallback);
	if (n == NULL)
		return NULL;
	s = g_new0(IotPubsubSubscription, 1);
	s->node = n;
	s->jid = iot_pubsub_ident(iot_xml_attr(el, "jid"));
	s->subid = iot_pubsub_ident(iot_xml_attr(el, "subid"));
	/* ejabberd has sent <subscription/> without `subscription` for a
	 * plain success: it is one. */
	if (iot_xml_attr(el, "subscription") == NULL)
		s->state = IOT_PUBSUB_STATE_SUBSCRIBED;
	else
		s->state = iot_pubsub_state_parse(iot_xml_attr(el, "subscription"));
	opts = iot_xml_child(el, "subscribe-options", NULL);
	s->options_required = opts != NULL && iot_xml_child(opts, "required", NULL) != NULL;
	return s;
}

/* --- nodes ------------------------------------------------------------------------ */

void
iot_pubsub_node_ref_free(IotPubsubNodeRef *ref)
{
	if (ref == NULL)
		return;
	g_free(ref->jid);
	g_free(ref->node);
	g_free(ref->name);
	g_free(ref);
}

void
iot_pubsub_node_meta_free(IotPubsubNodeMeta *meta)
{
	if (meta == NULL)
		return;
	g_free(meta->node);
	g_free(meta->title);
	g_free(meta->description);
	g_free(meta->payload_type);
	g_free(meta->access_model);
	g_free(meta->publish_model);
	g_strfreev(meta->owners);
	g_strfreev(meta->publishers);
	g_free(meta);
}

/* --- items --------------------------------------------------------------------------- */

IotPubsubItem *
iot_pubsub_item_new(void)
{
	IotPubsubItem *i = g_new0(IotPubsubItem, 1);

	i->time = IOT_TIME_UNKNOWN;
	return i;
}

IotPubsubItem *
iot_pubsub_item_copy(const IotPubsubItem *item)
{
	IotPubsubItem *i;

	if (item == NULL)
		return NULL;
	i = iot_pubsub_item_new();
	i->id = g_strdup(item->id);
	i->publisher = g_strdup(item->publisher);
	i->time = item->time;
	i->payload = item->payload != NULL ? xmlDocCopyNode(item->payload, NULL, 1) : NULL;
	i->payload_too_big = item->payload_too_big;
	return i;
}

void
iot_pubsub_item_free(IotPubsubItem *item)
{
	if (item == NULL)
		return;
	g_free(item->id);
	g_free(item->publisher);
	if (item->payload != NULL)
		xmlFreeNode(item->payload);
	g_free(item);
}

IotPubsubItem *
iot_pubsub_item_from_element(const xmlNode *el, gint64 time)
{
	IotPubsubItem *item = iot_pubsub_item_new();
	const xmlNode *payload = iot_xml_first(el);

	item->id = iot_pubsub_ident(iot_xml_attr(el, "id"));
	item->publisher = iot_pubsub_ident(iot_xml_attr(el, "publisher"));
	item->time = time;
	if (payload != NULL) {
		if (iot_pubsub_tree_exceeds(payload, IOT_PUBSUB_MAX_PAYLOAD_BYTES))
			item->payload_too_big = TRUE;
		else
			item->payload = xmlDocCopyNode((xmlNode *)payload, NULL, 1);
	}
	return item;
}
