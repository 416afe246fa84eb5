/* iot-purple-pubsub-ops.c — the publish-subscribe operations that are one
 * request each: browsing, node meta, forms, subscribing, the owner's use
 * cases, publishing. See iot-purple-pubsub.h. */
#include "iot-purple-pubsub-op.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-store-pubsub.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <debug.h>
#include <glib/gi18n-lib.h>

#include <string.h>

/* ---- what every answer does first --------------------------------------------------------- */

/* Returns: (transfer none) (nullable): the op an answer belongs to when
 * there is a result to read. NULL when the op has gone, or when the answer
 * is an error: the op has then ended with it. */
static IotPurplePubsubOp *
op_with_result(gpointer data, const GError *error)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(data);

	if (op != NULL && error != NULL) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return NULL;
	}
	return op;
}

/* Ends @op with the list @a (transfer full, nullable) or @e (transfer full). */
static void
finish_with_array(IotPurplePubsubOp *op, GPtrArray *a, gboolean truncated, GError *e)
{
	IotPurplePubsubResult r = { 0 };

	r.array = a;
	r.truncated = truncated;
	iot_purple_pubsub_op_finish(op, &r, e);
	if (a != NULL)
		g_ptr_array_unref(a);
	g_clear_error(&e);
}

/* Ends @op with @one (transfer full, freed with @free_one) or @e (transfer full). */
static void
finish_with_one(IotPurplePubsubOp *op, gpointer one, GDestroyNotify free_one, GError *e)
{
	IotPurplePubsubResult r = { 0 };

	r.one = one;
	iot_purple_pubsub_op_finish(op, &r, e);
	if (one != NULL)
		free_one(one);
	g_clear_error(&e);
}

/* Starts an op of @kind on @service, or on the account's own PEP service
 * when @service is NULL, sending @iq (transfer full; NULL: a request that
 * cannot be made, which ends the op as a bad request). */
static guint
start_on(IotPurplePubsubOpKind kind, PurpleAccount *account, const char *service, const char *node, GCallback cb,
         gpointer user_data, GDestroyNotify destroy, xmlNode *iq, IotPubsubFunc result_cb)
{
	char *svc = iot_purple_pubsub_service_or_own(account, service);
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(kind, account, svc, node, cb, user_data, destroy);

	g_free(svc);
	return iot_purple_pubsub_op_start(op, iq, result_cb);
}

/* ---- the simple ones --------------------------------------------------------------------- */

static void
done_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(data);

	if (op != NULL)
		iot_purple_pubsub_op_finish(op, NULL, error);
}

static void
nodes_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	GError *e = NULL;
	gboolean truncated = FALSE;
	GPtrArray *nodes;

	if (op == NULL)
		return;
	nodes = iot_pubsub_parse_node_items(result, &truncated, &e);
	finish_with_array(op, nodes, truncated, e);
}

guint
iot_purple_pubsub_browse(PurpleAccount *account, const char *service, const char *parent,
                         IotPurplePubsubNodesFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_NODES, account, service, parent, G_CALLBACK(cb), user_data, destroy);

	return iot_purple_pubsub_op_start(op, iot_pubsub_build_node_items(parent), nodes_cb);
}

static void
meta_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	GError *e = NULL;
	IotPubsubNodeMeta *meta;

	if (op == NULL)
		return;
	meta = iot_pubsub_parse_node_info(result, &e);
	finish_with_one(op, meta, (GDestroyNotify)iot_pubsub_node_meta_free, e);
}

guint
iot_purple_pubsub_node_meta(PurpleAccount *account, const char *service, const char *node,
                            IotPurplePubsubMetaFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_META, account, service, node, G_CALLBACK(cb), user_data, destroy);

	return iot_purple_pubsub_op_start(op, iot_pubsub_build_node_info(node), meta_cb);
}

static void
form_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	GError *e = NULL;
	IotDataForm *form;

	if (op == NULL)
		return;
	form = iot_pubsub_parse_form(result, &e);
	finish_with_one(op, form, (GDestroyNotify)iot_dataform_free, e);
}

guint
iot_purple_pubsub_options_get(PurpleAccount *account, const char *service, const char *node,
                              const char *subid, IotPurplePubsubFormFunc cb, gpointer user_data,
                              GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_FORM, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h = iot_purple_pubsub_op_start(op, node && me ? iot_pubsub_build_options_get(node, me, subid) : NULL, form_cb);

	g_free(me);
	return h;
}

guint
iot_purple_pubsub_options_submit(PurpleAccount *account, const char *service, const char *node,
                                 const char *subid, const IotDataForm *form, IotPurplePubsubDoneFunc cb,
                                 gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h = iot_purple_pubsub_op_start(op, node && me && form ? iot_pubsub_build_options_submit(node, me, subid, form) : NULL,
	                   done_cb);

	g_free(me);
	return h;
}

guint
iot_purple_pubsub_default_config(PurpleAccount *account, const char *service, IotPurplePubsubFormFunc cb,
                                 gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_FORM, account, service, NULL, G_CALLBACK(cb), user_data, destroy,
	                iot_pubsub_build_default_config(), form_cb);
}

guint
iot_purple_pubsub_configure_get(PurpleAccount *account, const char *service, const char *node,
                                IotPurplePubsubFormFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_FORM, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node ? iot_pubsub_build_configure_get(node) : NULL, form_cb);
}

guint
iot_purple_pubsub_configure_submit(PurpleAccount *account, const char *service, const char *node,
                                   const IotDataForm *form, IotPurplePubsubDoneFunc cb, gpointer user_data,
                                   GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node && form ? iot_pubsub_build_configure_submit(node, form) : NULL, done_cb);
}

guint
iot_purple_pubsub_purge(PurpleAccount *account, const char *service, const char *node,
                        IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node ? iot_pubsub_build_purge(node) : NULL, done_cb);
}

static void
delete_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(data);

	if (op == NULL)
		return;
	if (error == NULL)
		iot_purple_pubsub_subs_forget(op->account, op->service, op->node, NULL);
	iot_purple_pubsub_op_finish(op, NULL, error);
}

guint
iot_purple_pubsub_delete(PurpleAccount *account, const char *service, const char *node,
                         IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node ? iot_pubsub_build_delete(node) : NULL, delete_cb);
}

static void
affils_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	GError *e = NULL;
	GPtrArray *a;

	if (op == NULL)
		return;
	a = iot_pubsub_parse_affiliations(result, &e);
	finish_with_array(op, a, FALSE, e);
}

guint
iot_purple_pubsub_affiliations_get(PurpleAccount *account, const char *service, const char *node,
                                   IotPurplePubsubAffiliationsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_AFFILS, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node ? iot_pubsub_build_affiliations_get(node) : NULL, affils_cb);
}

guint
iot_purple_pubsub_affiliation_set(PurpleAccount *account, const char *service, const char *node,
                                  const char *jid, IotPubsubAffiliation affiliation, IotPurplePubsubDoneFunc cb,
                                  gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node && jid ? iot_pubsub_build_affiliation_set(node, jid, affiliation) : NULL, done_cb);
}

static void
subscribers_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	GError *e = NULL;
	gboolean truncated = FALSE;
	GPtrArray *a;
	guint i;

	if (op == NULL)
		return;
	a = iot_pubsub_parse_subscriptions(result, &truncated, &e);
	for (i = 0; a != NULL && i < a->len; i++) {
		IotPubsubSubscription *sub = g_ptr_array_index(a, i);
		if (sub->service == NULL)
			sub->service = g_strdup(op->service);
	}
	finish_with_array(op, a, truncated, e);
}

guint
iot_purple_pubsub_subscribers_get(PurpleAccount *account, const char *service, const char *node,
                                  IotPurplePubsubSubscriptionsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_SUBS, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node ? iot_pubsub_build_subscribers_get(node) : NULL, subscribers_cb);
}

guint
iot_purple_pubsub_node_subscriptions(PurpleAccount *account, const char *service, const char *node,
                                     IotPurplePubsubSubscriptionsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_SUBS, account, service, node, G_CALLBACK(cb), user_data,
	                                                 destroy);

	return iot_purple_pubsub_op_start(op, node ? iot_pubsub_build_subscriptions(node) : NULL, subscribers_cb);
}

guint
iot_purple_pubsub_subscriber_set(PurpleAccount *account, const char *service, const char *node,
                                 const char *jid, const char *subid, IotPubsubState state,
                                 IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node && jid ? iot_pubsub_build_subscriber_set(node, jid, subid, state) : NULL, done_cb);
}

guint
iot_purple_pubsub_retract(PurpleAccount *account, const char *service, const char *node, const char *item_id,
                          IotPurplePubsubDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_DONE, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                node && item_id ? iot_pubsub_build_retract(node, item_id, TRUE) : NULL, done_cb);
}

/* ---- subscribe / unsubscribe ------------------------------------------------------------- */

static void
subscribe_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	GError *e = NULL;
	IotPubsubSubscription *sub;

	if (op == NULL)
		return;
	sub = iot_pubsub_parse_subscription(result, &e);
	if (sub == NULL && e == NULL) {
		/* An empty result (§6.1.2): subscribed. */
		sub = iot_pubsub_subscription_new();
		sub->state = IOT_PUBSUB_STATE_SUBSCRIBED;
	}
	if (sub != NULL) {
		if (sub->node == NULL || *sub->node == '\0') {
			g_free(sub->node);
			sub->node = g_strdup(op->node);
		}
		g_free(sub->service);
		sub->service = g_strdup(op->service);
		if (sub->jid == NULL)
			sub->jid = iot_purple_pubsub_own_jid(op->account);
		if (sub->state != IOT_PUBSUB_STATE_NONE)
			iot_purple_pubsub_subs_remember(op->account, sub);
	}
	finish_with_one(op, sub, (GDestroyNotify)iot_pubsub_subscription_free, e);
}

guint
iot_purple_pubsub_subscribe(PurpleAccount *account, const char *service, const char *node,
                            const IotDataForm *options, IotPurplePubsubSubscriptionFunc cb, gpointer user_data,
                            GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_SUB, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h = iot_purple_pubsub_op_start(op, node && me ? iot_pubsub_build_subscribe(node, me, options) : NULL, subscribe_cb);

	g_free(me);
	return h;
}

static gboolean
is_transient(const GError *error)
{
	return error->domain == IOT_ERROR &&
	       (error->code == IOT_ERROR_TIMEOUT || error->code == IOT_ERROR_DISCONNECTED ||
	        error->code == IOT_ERROR_CANCELLED || error->code == IOT_ERROR_UNAVAILABLE);
}

static void
unsubscribe_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_req_op(data);
	IotPubsubSubscription *sub;
	IotPurplePubsubResult r = { 0 };

	if (op == NULL)
		return;
	/* Not subscribed there (any more), or the node is gone: nothing to
	 * remember either. Only a service that could not be asked keeps it. */
	if (error == NULL || !is_transient(error))
		iot_purple_pubsub_subs_forget(op->account, op->service, op->node, op->aux);
	if (error != NULL) {
		iot_purple_pubsub_op_finish(op, NULL, error);
		return;
	}
	sub = iot_pubsub_subscription_new();
	sub->service = g_strdup(op->service);
	g_free(sub->node);
	sub->node = g_strdup(op->node);
	sub->subid = g_strdup(op->aux);
	sub->jid = iot_purple_pubsub_own_jid(op->account);
	sub->state = IOT_PUBSUB_STATE_NONE;
	r.one = sub;
	iot_purple_pubsub_op_finish(op, &r, NULL);
	iot_pubsub_subscription_free(sub);
}

guint
iot_purple_pubsub_unsubscribe(PurpleAccount *account, const char *service, const char *node, const char *subid,
                              IotPurplePubsubSubscriptionFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_SUB, account, service, node, G_CALLBACK(cb), user_data, destroy);
	char *me = iot_purple_pubsub_own_jid(account);
	guint h;

	op->aux = g_strdup(subid);
	h = iot_purple_pubsub_op_start(op, node && me ? iot_pubsub_build_unsubscribe(node, me, subid) : NULL, unsubscribe_cb);
	g_free(me);
	return h;
}

/* ---- create, publish --------------------------------------------------------------------- */

static void
create_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	char *named;
	IotPurplePubsubResult r = { 0 };

	if (op == NULL)
		return;
	named = iot_pubsub_parse_created_node(result);
	r.str = named != NULL ? named : op->node;
	iot_purple_pubsub_op_finish(op, &r, NULL);
	g_free(named);
}

guint
iot_purple_pubsub_create(PurpleAccount *account, const char *service, const char *node, const IotDataForm *config,
                         IotPurplePubsubCreatedFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return start_on(IOT_PSOP_CREATED, account, service, node, G_CALLBACK(cb), user_data, destroy,
	                iot_pubsub_build_create(node, config), create_cb);
}

static void
publish_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurplePubsubOp *op = op_with_result(data, error);
	const xmlNode *p, *pub, *item;
	IotPurplePubsubResult r = { 0 };

	if (op == NULL)
		return;
	r.str = op->aux;
	p = iot_xml_child(result, "pubsub", IOT_NS_PUBSUB);
	pub = p ? iot_xml_child(p, "publish", IOT_NS_PUBSUB) : NULL;
	item = pub ? iot_xml_child(pub, "item", IOT_NS_PUBSUB) : NULL;
	if (item != NULL && iot_xml_attr(item, "id") != NULL && iot_xml_is_valid_text(iot_xml_attr(item, "id")))
		r.str = iot_xml_attr(item, "id");
	iot_purple_pubsub_op_finish(op, &r, NULL);
}

/* Returns: (transfer full) (nullable): the payload to publish, or NULL
 * with @code and @message set. */
static xmlNode *
publish_payload(IotPurplePubsubPublishKind kind, const char *content, int *code, const char **message)
{
	xmlNode *entry, *root;
	xmlDoc *doc;
	GError *e = NULL;
	char *now;

	if (content == NULL || strlen(content) > IOT_PUBSUB_MAX_PAYLOAD_BYTES) {
		*code = IOT_ERROR_TOO_LARGE;
		*message = _("The item is too big to publish.");
		return NULL;
	}
	if (kind == IOT_PURPLE_PUBSUB_PUBLISH_TEXT) {
		if (!g_utf8_validate(content, -1, NULL)) {
			*code = IOT_ERROR_BAD_REQUEST;
			*message = _("The text is not valid UTF-8.");
			return NULL;
		}
		entry = iot_xml_new("entry", IOT_NS_ATOM);
		iot_xml_set_text(iot_xml_add(entry, "title"), content);
		now = iot_time_format_iso(g_get_real_time());
		iot_xml_set_text(iot_xml_add(entry, "published"), now);
		g_free(now);
		return entry;
	}
	doc = iot_xml_parse(content, -1, &e);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		if (e)
			g_error_free(e);
		if (doc)
			xmlFreeDoc(doc);
		*code = IOT_ERROR_BAD_REQUEST;
		*message = _("The XML of the item is not well-formed: it must be one element.");
		return NULL;
	}
	root = xmlDocCopyNode(root, NULL, 1);
	xmlFreeDoc(doc);
	return root;
}

guint
iot_purple_pubsub_publish(PurpleAccount *account, const char *service, const char *node, const char *item_id,
                          IotPurplePubsubPublishKind kind, const char *content, IotPurplePubsubPublishedFunc cb,
                          gpointer user_data, GDestroyNotify destroy)
{
	char *svc = iot_purple_pubsub_service_or_own(account, service);
	IotPurplePubsubOp *op = iot_purple_pubsub_op_new(IOT_PSOP_PUBLISHED, account, svc, node, G_CALLBACK(cb), user_data, destroy);
	const char *message = NULL;
	xmlNode *payload;
	int code = 0;

	g_free(svc);
	op->aux = g_strdup(item_id);
	if (node == NULL)
		return iot_purple_pubsub_op_start(op, NULL, publish_cb);
	payload = publish_payload(kind, content, &code, &message);
	if (payload == NULL)
		return iot_purple_pubsub_op_early(op, code, message);
	return iot_purple_pubsub_op_start(op, iot_pubsub_build_publish(node, item_id, payload), publish_cb);
}

