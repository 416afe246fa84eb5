/* iot-pubsub-error.c — a pubsub service's errors in words. See iot-pubsub.h. */
#include "iot-pubsub.h"

#include "iot-limits.h"
#include "iot-ns.h"
#include "iot-pubsub-private.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The pubsub#errors conditions first: they say more than the XMPP one. */
static const char *
pubsub_words(const char *cond)
{
	static const struct {
		const char *cond;
		const char *words;
	} w[] = {
		{ "presence-subscription-required",
		  N_("Not authorized: only contacts who see the owner's presence may subscribe to this node.") },
		{ "not-in-roster-group",
		  N_("Not authorized: only some groups of the owner's contacts may subscribe to this node.") },
		{ "pending-subscription", N_("The subscription is waiting for the owner's approval.") },
		{ "closed-node", N_("Not allowed: only people the owner lists may subscribe to this node.") },
		{ "not-subscribed", N_("Not subscribed to this node.") },
		{ "configuration-required", N_("The subscription's options must be set first.") },
		{ "subid-required", N_("There are several subscriptions to this node; the service needs to know which one.") },
		{ "invalid-subid", N_("The service does not know this subscription.") },
		{ "invalid-jid", N_("The service refused the address to subscribe.") },
		{ "too-many-subscriptions", N_("Too many subscriptions to this node; try again later.") },
		{ "payload-too-big", N_("The item is too big for this node.") },
		{ "invalid-payload", N_("The item does not fit this node's kind of payload.") },
		{ "payload-required", N_("This node needs an item with a payload.") },
		{ "item-forbidden", N_("This node takes no items with payloads.") },
		{ "item-required", N_("The service needs an item.") },
		{ "nodeid-required", N_("The service needs a node name.") },
		{ "jid-required", N_("The service needs an address.") },
		{ "max-items-exceeded", N_("The node holds too many items.") },
		{ "max-nodes-exceeded", N_("The service holds too many nodes.") },
		{ "invalid-options", N_("The service refused the options.") },
		{ "unsupported-access-model", N_("The service does not support this access model.") },
		{ "precondition-not-met", N_("The node's configuration differs from what was asked for.") },
	};
	guint i;

	for (i = 0; cond != NULL && i < G_N_ELEMENTS(w); i++)
		if (strcmp(cond, w[i].cond) == 0)
			return _(w[i].words);
	return NULL;
}

static const char *
xmpp_words(const char *cond)
{
	static const struct {
		const char *cond;
		const char *words;
	} w[] = {
		{ "item-not-found", N_("No such node or item.") },
		{ "not-authorized", N_("Not authorized.") },
		{ "forbidden", N_("Forbidden: the service does not let this account do that.") },
		{ "not-allowed", N_("Not allowed.") },
		{ "service-unavailable", N_("The service is unavailable.") },
		{ "feature-not-implemented", N_("The service does not offer this.") },
		{ "payment-required", N_("The service asks for payment.") },
		{ "conflict", N_("A node of that name exists already.") },
		{ "gone", N_("The node has moved.") },
		{ "redirect", N_("The node has moved.") },
		{ "bad-request", N_("The service did not understand the request.") },
		{ "not-acceptable", N_("The service refused the request as it stands.") },
		{ "policy-violation", N_("The service refused the request by its policy.") },
		{ "resource-constraint", N_("The service is too busy; try again later.") },
		{ "remote-server-not-found", N_("The service's server cannot be found.") },
		{ "remote-server-timeout", N_("The service's server did not answer.") },
		{ "recipient-unavailable", N_("The service is unavailable.") },
		{ "registration-required", N_("The service needs this account to register first.") },
		{ "internal-server-error", N_("The service failed.") },
		{ "jid-malformed", N_("The service's address is not valid.") },
	};
	guint i;

	for (i = 0; cond != NULL && i < G_N_ELEMENTS(w); i++)
		if (strcmp(cond, w[i].cond) == 0)
			return _(w[i].words);
	return NULL;
}

char *
iot_pubsub_error_text(const xmlNode *stanza)
{
	const xmlNode *err = iot_xml_child(stanza, "error", NULL), *c;
	const char *xmpp_cond = NULL, *ps_cond = NULL;
	char *text = NULL, *words, *feature = NULL;

	for (c = iot_xml_first(err); c != NULL; c = iot_xml_next(c)) {
		const char *ns = iot_xml_ns(c);

		if (g_strcmp0(ns, IOT_NS_STANZAS) == 0) {
			if (iot_xml_is(c, "text", NULL)) {
				if (text == NULL) {
					char *t = iot_xml_text(c, IOT_MAX_ERROR_TEXT + 8, NULL);

					text = iot_pubsub_text(t != NULL ? g_strstrip(t) : NULL, IOT_MAX_ERROR_TEXT);
					g_free(t);
					if (text != NULL && *text == '\0')
						g_clear_pointer(&text, g_free);
				}
			} else if (xmpp_cond == NULL) {
				xmpp_cond = (const char *)c->name;
			}
		} else if (g_strcmp0(ns, IOT_NS_PUBSUB_ERRORS) == 0 && ps_cond == NULL) {
			ps_cond = (const char *)c->name;
			if (strcmp(ps_cond, "unsupported") == 0)
				feature = iot_pubsub_text(iot_xml_attr(c, "feature"), IOT_MAX_NAME_BYTES);
		}
	}
	if (ps_cond != NULL && strcmp(ps_cond, "unsupported") == 0)
		words = feature != NULL && *feature != '\0'
		            ? g_strdup_printf(_("The service does not support %s."), feature)
		            : g_strdup(_("The service does not offer this."));
	else if (pubsub_words(ps_cond) != NULL)
		words = g_strdup(pubsub_words(ps_cond));
	else if (xmpp_words(xmpp_cond) != NULL)
		words = g_strdup(xmpp_words(xmpp_cond));
	else
		words = g_strdup(_("The service refused the request."));
	g_free(feature);
	if (text != NULL) {
		char *both = g_strdup_printf(_("%s (The service says: %s)"), words, text);

		g_free(words);
		g_free(text);
		words = both;
	}
	return words;
}
