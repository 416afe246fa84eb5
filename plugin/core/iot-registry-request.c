/* iot-registry-request.c — registry requests on the request table. See iot-registry-codec.h. */
#include "iot-registry-codec.h"

#include "iot-error.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
	IotRegistryOp op;
	guint offset;
	IotRegistryFunc cb;
	gpointer data;
	GDestroyNotify destroy;
	gboolean called;
} Flow;

/* The RFC 6120 condition of an error stanza, or NULL. */
static const char *
stanza_condition(const xmlNode *iq)
{
	const xmlNode *err = iot_xml_child(iq, "error", NULL), *c;

	for (c = iot_xml_first(err); c != NULL; c = iot_xml_next(c))
		if (g_strcmp0(iot_xml_ns(c), IOT_NS_STANZAS) == 0 &&
		    strcmp((const char *)c->name, "text") != 0)
			return (const char *)c->name;
	return NULL;
}

static void
deliver_error(Flow *f, int code, const char *condition)
{
	char *words = iot_registry_error_text(f->op, code, condition);
	GError *e = g_error_new_literal(IOT_ERROR, code, words);

	g_free(words);
	f->called = TRUE;
	f->cb(NULL, e, f->data);
	g_error_free(e);
}

static void
flow_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Flow *f = data;
	IotRegistryResult res = { f->op, NULL, NULL };
	const xmlNode *child = iot_xml_first(iq);
	GError *perr = NULL;

	if (is_error) {
		GError *from = iot_error_from_stanza(iq);

		deliver_error(f, from->code, stanza_condition(iq));
		g_error_free(from);
		iot_request_finish(req, NULL);
		return;
	}
	if (f->op == IOT_REGISTRY_OP_SEARCH || f->op == IOT_REGISTRY_OP_DEVICES) {
		res.page = iot_registry_parse_found(child, f->offset, &perr);
		if (res.page == NULL) {
			g_debug("registry: unreadable answer: %s", perr ? perr->message : "?");
			g_clear_error(&perr);
			deliver_error(f, IOT_ERROR_MALFORMED, NULL);
			iot_request_finish(req, NULL);
			return;
		}
	} else if (f->op == IOT_REGISTRY_OP_CLAIM) {
		res.claimed = iot_registry_parse_claimed(child, &perr);
		g_clear_error(&perr); /* an unnamed thing is still a claim that held */
	}
	/* The answer is valid only now: hand it over, then finish. The callback
	 * may cancel the request, which frees @f. */
	f->called = TRUE;
	f->cb(&res, NULL, f->data);
	iot_registry_page_free(res.page);
	iot_registry_thing_free(res.claimed);
	iot_request_finish(req, NULL);
}

static void
flow_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Flow *f = data;

	if (f->called)
		return;
	deliver_error(f, error ? error->code : IOT_ERROR_FAILED, NULL);
}

static void
flow_free(gpointer data)
{
	Flow *f = data;

	if (f->destroy != NULL)
		f->destroy(f->data);
	g_free(f);
}

static const IotRequestClass flow_class = { flow_on_iq, NULL, flow_on_finish, flow_free };

guint
iot_registry_request(IotRequestTable *t, const char *service, IotRegistryOp op, xmlNode *payload,
                     guint offset, guint timeout_ms, IotRegistryFunc cb, gpointer user_data,
                     GDestroyNotify destroy)
{
	xmlNode *iq;
	Flow *f;

	g_return_val_if_fail(t != NULL && service != NULL && payload != NULL && cb != NULL, 0);
	iq = iot_xml_new("iq", NULL);
	iot_xml_set(iq, "type",
	            op == IOT_REGISTRY_OP_SEARCH || op == IOT_REGISTRY_OP_DEVICES ? "get" : "set");
	xmlAddChild(iq, payload);
	f = g_new0(Flow, 1);
	f->op = op;
	f->offset = offset;
	f->cb = cb;
	f->data = user_data;
	f->destroy = destroy;
	return iot_request_send(t, service, iq, timeout_ms, &flow_class, f, NULL);
}

guint
iot_registry_claim(IotRequestTable *t, const char *registry, IotGeneration gen, const GPtrArray *tags,
                   gboolean make_public, guint timeout_ms, IotRegistryFunc cb, gpointer user_data,
                   GDestroyNotify destroy)
{
	xmlNode *p;

	g_return_val_if_fail(tags != NULL && tags->len > 0, 0);
	p = iot_registry_build_mine(gen, tags, make_public);
	g_return_val_if_fail(p != NULL, 0);
	return iot_registry_request(t, registry, IOT_REGISTRY_OP_CLAIM, p, 0, timeout_ms, cb, user_data,
	                            destroy);
}

guint
iot_registry_search(IotRequestTable *t, const char *registry, IotGeneration gen,
                    const GPtrArray *conds, guint offset, guint max_count, guint timeout_ms,
                    IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *p;

	g_return_val_if_fail(conds != NULL && conds->len > 0, 0);
	p = iot_registry_build_search(gen, conds, offset, max_count);
	g_return_val_if_fail(p != NULL, 0);
	return iot_registry_request(t, registry, IOT_REGISTRY_OP_SEARCH, p, offset, timeout_ms, cb,
	                            user_data, destroy);
}

guint
iot_registry_remove(IotRequestTable *t, const char *registry, IotGeneration gen, const char *jid,
                    const IotRegistryNode *node, guint timeout_ms, IotRegistryFunc cb,
                    gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *p = iot_registry_build_remove(gen, jid, node);

	g_return_val_if_fail(p != NULL, 0);
	return iot_registry_request(t, registry, IOT_REGISTRY_OP_REMOVE, p, 0, timeout_ms, cb, user_data,
	                            destroy);
}

guint
iot_registry_disown(IotRequestTable *t, const char *registry, IotGeneration gen, const char *jid,
                    const IotRegistryNode *node, guint timeout_ms, IotRegistryFunc cb,
                    gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *p = iot_registry_build_disown(gen, jid, node);

	g_return_val_if_fail(p != NULL, 0);
	return iot_registry_request(t, registry, IOT_REGISTRY_OP_DISOWN, p, 0, timeout_ms, cb, user_data,
	                            destroy);
}

guint
iot_registry_update(IotRequestTable *t, const char *registry, IotGeneration gen, const char *jid,
                    const IotRegistryNode *node, const GPtrArray *tags, guint timeout_ms,
                    IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *p = iot_registry_build_update(gen, jid, node, tags);

	g_return_val_if_fail(p != NULL, 0);
	return iot_registry_request(t, registry, IOT_REGISTRY_OP_UPDATE, p, 0, timeout_ms, cb, user_data,
	                            destroy);
}

char *
iot_registry_error_text(IotRegistryOp op, int code, const char *condition)
{
	gboolean provisioning = op == IOT_REGISTRY_OP_DEVICES;

	switch (code) {
	case IOT_ERROR_TIMEOUT:
	case IOT_ERROR_UNAVAILABLE:
	case IOT_ERROR_OFFLINE:
		return g_strdup(provisioning
		                    ? _("The provisioning service did not answer: it is unreachable.")
		                    : _("The thing registry did not answer: it is unreachable."));
	case IOT_ERROR_NOT_IMPLEMENTED:
		return g_strdup(provisioning
		                    ? _("The provisioning service is unreachable or does not offer this.")
		                    : _("The thing registry is unreachable or does not offer this."));
	case IOT_ERROR_DISCONNECTED:
		return g_strdup(_("Your account went offline before the answer came."));
	case IOT_ERROR_CANCELLED:
		return g_strdup(_("Cancelled."));
	case IOT_ERROR_MALFORMED:
		return g_strdup(_("The answer could not be read."));
	case IOT_ERROR_NOT_FOUND:
		switch (op) {
		case IOT_REGISTRY_OP_CLAIM:
			return g_strdup(_("Not found: the registry knows no unclaimed thing with exactly these "
			                  "tags. Check them; or the thing is already claimed (the registry does "
			                  "not say which)."));
		case IOT_REGISTRY_OP_SEARCH:
		case IOT_REGISTRY_OP_DEVICES:
			return g_strdup(_("Not found."));
		default:
			return g_strdup(_("Not found: the registry knows no such thing of yours (it is not "
			                  "registered, or it is owned by someone else)."));
		}
	case IOT_ERROR_REJECTED:
		if (op == IOT_REGISTRY_OP_DISOWN && g_strcmp0(condition, "not-allowed") == 0)
			return g_strdup(_("Not allowed: the thing is offline or did not confirm. It must be "
			                  "online to be disowned."));
		return g_strdup(_("Not allowed: the service refused."));
	case IOT_ERROR_BAD_REQUEST:
		return g_strdup(_("The service did not accept the request."));
	case IOT_ERROR_CONFLICT:
		return g_strdup(_("Already claimed: the thing has an owner."));
	default:
		return g_strdup(_("The service reported an error."));
	}
}
