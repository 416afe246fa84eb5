/*
 * iot-gtk-things-pubsub.c — the Publish-subscribe window of an account, tied
 * to the adapter: each request of the window is one adapter operation, its
 * handle kept until the callback and cancelled when the window no longer
 * wants it; the watched node's batches become the window's events. See
 * iot-gtk-things-pubsub.h.
 */
#include "iot-gtk-things-pubsub.h"
#include "iot-gtk-things-pubsub-private.h"

#include "iot-gtk-pubsub.h"
#include "iot-jid.h"
#include "iot-purple-pubsub.h"

#include <blist.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
	PurpleAccount *account;
	IotGtkPubsub *win;
	GHashTable *calls; /* IotGtkPubsubRequest → Call (owned by its operation) */
	guint watch;       /* the watched node's handle, or 0 */
} Browser;

/* One operation under way for one request. */
typedef struct {
	Browser *b;                /* NULL once the window closed */
	IotGtkPubsubRequest *req;
	guint handle;
} Call;

static GList *browsers;

static Browser *
find(PurpleAccount *account)
{
	GList *l;

	for (l = browsers; l != NULL; l = l->next)
		if (((Browser *)l->data)->account == account)
			return l->data;
	return NULL;
}

/* ---- answers ------------------------------------------------------------------------------ */

/* The operation ended: the request is answered by the caller next; the
 * call is forgotten. Returns FALSE when the error was given as the answer. */
static gboolean
ended(Call *c, const GError *error)
{
	if (c->b != NULL)
		g_hash_table_remove(c->b->calls, c->req);
	if (error != NULL) {
		iot_gtk_pubsub_request_fail(c->req, error->message);
		return FALSE;
	}
	return TRUE;
}

static void
services_cb(PurpleAccount *account, const GPtrArray *services, const GError *error, gpointer data)
{
	Call *c = data;
	GPtrArray *jids = g_ptr_array_new();
	guint i;

	if (ended(c, error)) {
		for (i = 0; services != NULL && i < services->len; i++)
			g_ptr_array_add(jids, ((IotPubsubNodeRef *)g_ptr_array_index(services, i))->jid);
		iot_gtk_pubsub_request_answer_services(c->req, jids);
	}
	g_ptr_array_unref(jids);
}

static void
nodes_cb(PurpleAccount *account, const char *service, const char *parent, const GPtrArray *nodes,
         gboolean truncated, const GError *error, gpointer data)
{
	Call *c = data;

	purple_debug_info("xmpp-iot", "pubsub window of %s: %u node(s) under %s at %s%s\n",
	                  purple_account_get_username(account), nodes != NULL ? nodes->len : 0,
	                  parent != NULL ? parent : "the top", service, error != NULL ? " (failed)" : "");
	if (ended(c, error))
		iot_gtk_pubsub_request_answer_nodes(c->req, nodes, truncated);
}

static void
meta_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubNodeMeta *meta,
        const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_meta(c->req, meta);
}

static void
subscriptions_cb(PurpleAccount *account, const GPtrArray *subs, const GPtrArray *problems,
                 const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_subscriptions(c->req, subs);
}

static void
subscription_cb(PurpleAccount *account, const char *service, const char *node,
                const IotPubsubSubscription *sub, const GError *error, gpointer data)
{
	Call *c = data;

	if (!ended(c, error))
		return;
	if (iot_gtk_pubsub_request_get_kind(c->req) == IOT_GTK_PUBSUB_REQ_SUBSCRIBE)
		iot_gtk_pubsub_request_answer_subscription(c->req, sub);
	else
		iot_gtk_pubsub_request_answer_done(c->req, NULL);
}

static void
form_cb(PurpleAccount *account, const char *service, const char *node, const IotDataForm *form,
        const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_form(c->req, iot_gtk_pubsub_form_copy(form));
}

static void
items_cb(PurpleAccount *account, const char *service, const char *node, const GPtrArray *items,
         gboolean truncated, const GError *error, gpointer data)
{
	Call *c = data;
	GPtrArray *plain = g_ptr_array_new();
	guint i;

	if (ended(c, error)) {
		for (i = 0; items != NULL && i < items->len; i++)
			g_ptr_array_add(plain, ((IotPurplePubsubItem *)g_ptr_array_index(items, i))->item);
		iot_gtk_pubsub_request_answer_items(c->req, plain, truncated);
	}
	g_ptr_array_unref(plain);
}

static void
affiliations_cb(PurpleAccount *account, const char *service, const char *node,
                const GPtrArray *affiliations, const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_affiliations(c->req, affiliations);
}

static void
done_cb(PurpleAccount *account, const char *service, const char *node, const GError *error,
        gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_done(c->req, NULL);
}

static void
created_cb(PurpleAccount *account, const char *service, const char *node, const GError *error,
           gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_done(c->req, node);
}

static void
published_cb(PurpleAccount *account, const char *service, const char *node, const char *item_id,
             const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_pubsub_request_answer_done(c->req, item_id);
}

/* ---- requests ------------------------------------------------------------------------------ */

static void
op_request(IotGtkPubsubRequest *req, gpointer data)
{
	Browser *b = data;
	Call *c = g_new0(Call, 1);
	PurpleAccount *a = b->account;
	const char *service = iot_gtk_pubsub_request_get_service(req);
	const char *node = iot_gtk_pubsub_request_get_node(req);
	const char *subid = iot_gtk_pubsub_request_get_subid(req);
	const char *jid = iot_gtk_pubsub_request_get_jid(req);
	const char *item = iot_gtk_pubsub_request_get_item_id(req);
	const IotDataForm *form = iot_gtk_pubsub_request_get_form(req);
	const char *payload;
	gboolean xml = FALSE;
	guint h = 0;

	c->b = b;
	c->req = req;
	g_hash_table_insert(b->calls, req, c);
	switch (iot_gtk_pubsub_request_get_kind(req)) {
	case IOT_GTK_PUBSUB_REQ_SERVICES:
		h = iot_purple_pubsub_find_services(a, services_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_NODES:
		h = iot_purple_pubsub_browse(a, service, node, nodes_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_NODE_INFO:
		h = iot_purple_pubsub_node_meta(a, service, node, meta_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIPTIONS:
		h = iot_purple_pubsub_my_subscriptions(a, service, subscriptions_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIBE:
		h = iot_purple_pubsub_subscribe(a, service, node, NULL, subscription_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_UNSUBSCRIBE:
		h = iot_purple_pubsub_unsubscribe(a, service, node, subid, subscription_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_OPTIONS_FORM:
		h = iot_purple_pubsub_options_get(a, service, node, subid, form_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_OPTIONS_SUBMIT:
		h = iot_purple_pubsub_options_submit(a, service, node, subid, form, done_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_ITEMS:
		h = iot_purple_pubsub_items(a, service, node, iot_gtk_pubsub_request_get_max_items(req), items_cb,
		                            c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_CONFIG_FORM:
		h = node == NULL ? iot_purple_pubsub_default_config(a, service, form_cb, c, g_free)
		                 : iot_purple_pubsub_configure_get(a, service, node, form_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_CREATE:
		h = iot_purple_pubsub_create(a, service, node, form, created_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_CONFIGURE:
		h = iot_purple_pubsub_configure_submit(a, service, node, form, done_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_PURGE:
		h = iot_purple_pubsub_purge(a, service, node, done_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_DELETE:
		h = iot_purple_pubsub_delete(a, service, node, done_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_AFFILIATIONS:
		h = iot_purple_pubsub_affiliations_get(a, service, node, affiliations_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIBERS:
		h = iot_purple_pubsub_subscribers_get(a, service, node, subscriptions_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_SET_AFFILIATION:
		h = iot_purple_pubsub_affiliation_set(a, service, node, jid,
		                                      iot_gtk_pubsub_request_get_affiliation(req), done_cb, c,
		                                      g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_SET_SUBSCRIBER:
		h = iot_purple_pubsub_subscriber_set(a, service, node, jid, subid,
		                                     iot_gtk_pubsub_request_get_state(req), done_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_PUBLISH:
		payload = iot_gtk_pubsub_request_get_payload(req, &xml);
		h = iot_purple_pubsub_publish(a, service, node, item,
		                              xml ? IOT_PURPLE_PUBSUB_PUBLISH_XML : IOT_PURPLE_PUBSUB_PUBLISH_TEXT,
		                              payload, published_cb, c, g_free);
		break;
	case IOT_GTK_PUBSUB_REQ_RETRACT:
		h = iot_purple_pubsub_retract(a, service, node, item, done_cb, c, g_free);
		break;
	}
	/* The callback never runs before this returns: the handle is known first. */
	c->handle = h;
}

static void
op_cancel(IotGtkPubsubRequest *req, gpointer data)
{
	Browser *b = data;
	Call *c = g_hash_table_lookup(b->calls, req);

	/* Its callback runs now, with "cancelled": the window drops that answer. */
	if (c != NULL && c->handle != 0)
		iot_purple_pubsub_cancel(c->handle);
}

/* ---- the watched node ------------------------------------------------------------------------- */

static void
event_cb(const char *service, const IotPubsubEvent *ev, gpointer data)
{
	iot_gtk_pubsub_event(((Browser *)data)->win, service, ev);
}

static void
watch_cb(guint handle, PurpleAccount *account, const char *service, const IotPurplePubsubUpdate *u,
         gpointer data)
{
	iot_gtk_things_pubsub_update_events(service, u, event_cb, data);
}

static void
op_watch(IotGtkPubsub *win, const char *service, const char *node, gpointer data)
{
	Browser *b = data;

	if (b->watch != 0)
		iot_purple_pubsub_unwatch(b->watch);
	b->watch = iot_purple_pubsub_watch(b->account, service, node, watch_cb, b, NULL);
}

static void
op_unwatch(IotGtkPubsub *win, const char *service, const char *node, gpointer data)
{
	Browser *b = data;

	if (b->watch != 0)
		iot_purple_pubsub_unwatch(b->watch);
	b->watch = 0;
}

static void
op_open_published(IotGtkPubsub *win, const char *service, const char *node, gpointer data)
{
	iot_gtk_things_pubsub_open_published(((Browser *)data)->account, service, node);
}

static void
op_closed(IotGtkPubsub *win, gpointer data)
{
	Browser *b = data;
	GHashTableIter it;
	gpointer v;

	/* Every request was cancelled (their calls ended); what is left is
	 * told that the window is gone. */
	g_hash_table_iter_init(&it, b->calls);
	while (g_hash_table_iter_next(&it, NULL, &v))
		((Call *)v)->b = NULL;
	g_hash_table_destroy(b->calls);
	if (b->watch != 0)
		iot_purple_pubsub_unwatch(b->watch);
	browsers = g_list_remove(browsers, b);
	g_free(b);
}

static const IotGtkPubsubOps ops = { op_request, op_cancel, op_watch, op_unwatch, op_open_published,
	                                 op_closed };

/* ---- the public side ---------------------------------------------------------------------------- */

void
iot_gtk_things_pubsub_open(PurpleAccount *account, const char *service)
{
	Browser *b = find(account);

	if (b == NULL) {
		b = g_new0(Browser, 1);
		b->account = account;
		b->calls = g_hash_table_new(NULL, NULL);
		browsers = g_list_prepend(browsers, b);
		b->win = iot_gtk_pubsub_new(purple_account_get_username(account), &ops, b);
		iot_gtk_pubsub_set_account_jid(b->win, purple_account_get_username(account));
		iot_gtk_pubsub_set_online(b->win, purple_account_is_connected(account));
	}
	if (service != NULL && *service != '\0') {
		PurpleBuddy *buddy = purple_find_buddy(account, service);
		/* TRANSLATORS: a contact's personal events service in the services list: "Anna (PEP)". */
		char *label = buddy != NULL ? g_strdup_printf(_("%s (PEP)"), purple_buddy_get_alias(buddy)) : NULL;

		iot_gtk_pubsub_add_service(b->win, service, label);
		g_free(label);
	}
	gtk_window_present(GTK_WINDOW(iot_gtk_pubsub_get_window(b->win)));
}

void
iot_gtk_things_pubsub_browsers_online(PurpleAccount *account, gboolean online)
{
	Browser *b = find(account);

	if (b != NULL)
		iot_gtk_pubsub_set_online(b->win, online);
}

void
iot_gtk_things_pubsub_browsers_close(void)
{
	while (browsers != NULL)
		iot_gtk_pubsub_destroy(((Browser *)browsers->data)->win); /* op_closed unlinks */
}

guint
iot_gtk_things_pubsub_browsers_count(void)
{
	return g_list_length(browsers);
}
