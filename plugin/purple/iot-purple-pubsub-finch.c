/* iot-purple-pubsub-finch.c — publish-subscribe without a window of its
 * own (Finch): a drill-down through request dialogs (services, our own PEP
 * service, my subscriptions → nodes, creating one → a node's details:
 * subscribe, unsubscribe, options, its items, the live table, the nodes
 * under it, the owner's actions), and the owner's approval question
 * through purple_request_action(). The dialogs it opens live in
 * iot-purple-pubsub-finch-subs.c and -finch-owner.c. */
#include "iot-purple-pubsub-private.h"

#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-time.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <request.h>

#include <string.h>

#define LINE_CHARS 120
#define ITEM_CHARS 200
#define MAX_CHOICES 200

typedef enum { V_SERVICES, V_NODES, V_NODE, V_ITEMS } View;

typedef struct {
	PurpleAccount *account;
	gboolean from_services; /* the person chose the service from the list */
	char *service;          /* nullable in V_SERVICES */
	GPtrArray *parents;     /* (element-type utf8) nodes drilled into; empty: the top */
	GPtrArray *list;        /* (element-type IotPubsubNodeRef) the shown choices */
	char *error;            /* why the list is empty */
	char *node;             /* V_NODE, V_ITEMS */
	IotPubsubNodeMeta *meta;
	char *status;           /* the last action's outcome, shown in the node dialog */
	char *items_text;       /* V_ITEMS */
	View view;
	gpointer ui_handle;
	gboolean closing;
	guint pending;
} Browse;

static GList *browses;

static void show(Browse *b);
static void load_nodes(Browse *b);

static void
close_dialog(Browse *b)
{
	gpointer h = b->ui_handle;

	if (h == NULL)
		return;
	b->ui_handle = NULL;
	b->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, h);
	b->closing = FALSE;
}

static void
browse_free(Browse *b)
{
	browses = g_list_remove(browses, b);
	b->closing = TRUE;
	if (b->pending != 0)
		iot_purple_pubsub_cancel(b->pending); /* its callback finds closing set */
	b->pending = 0;
	close_dialog(b);
	b->closing = TRUE;
	g_ptr_array_unref(b->parents);
	g_ptr_array_unref(b->list);
	iot_pubsub_node_meta_free(b->meta);
	g_free(b->error);
	g_free(b->service);
	g_free(b->node);
	g_free(b->status);
	g_free(b->items_text);
	g_free(b);
}

static const char *
parent(Browse *b)
{
	return b->parents->len > 0 ? g_ptr_array_index(b->parents, b->parents->len - 1) : NULL;
}

/* ---- loading ----------------------------------------------------------------------------- */

static gboolean
ended(Browse *b, const GError *error)
{
	b->pending = 0;
	return b->closing || g_list_find(browses, b) == NULL;
}

static void
set_list(Browse *b, const GPtrArray *refs, const GError *error, const char *service)
{
	guint i;

	g_ptr_array_set_size(b->list, 0);
	g_free(b->error);
	b->error = error ? iot_purple_pubsub_error_sentence(service, error) : NULL;
	for (i = 0; refs != NULL && i < refs->len && i < MAX_CHOICES; i++) {
		const IotPubsubNodeRef *r = g_ptr_array_index(refs, i);
		IotPubsubNodeRef *c = g_new0(IotPubsubNodeRef, 1);
		c->jid = g_strdup(r->jid);
		c->node = g_strdup(r->node);
		c->name = g_strdup(r->name);
		g_ptr_array_add(b->list, c);
	}
}

static void
services_cb(PurpleAccount *account, const GPtrArray *services, const GError *error, gpointer data)
{
	Browse *b = data;

	if (ended(b, error))
		return;
	set_list(b, services, error, NULL);
	b->view = V_SERVICES;
	show(b);
}

static void
nodes_cb(PurpleAccount *account, const char *service, const char *par, const GPtrArray *nodes, gboolean truncated,
         const GError *error, gpointer data)
{
	Browse *b = data;

	if (ended(b, error))
		return;
	set_list(b, nodes, error, service);
	b->view = V_NODES;
	show(b);
}

static void
load_nodes(Browse *b)
{
	b->pending = iot_purple_pubsub_browse(b->account, b->service, parent(b), nodes_cb, b, NULL);
}

static void
meta_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubNodeMeta *meta,
        const GError *error, gpointer data)
{
	Browse *b = data;

	if (ended(b, error))
		return;
	iot_pubsub_node_meta_free(b->meta);
	b->meta = NULL;
	if (meta != NULL) {
		/* Keep what the dialog shows: a copy of the strings it reads. */
		b->meta = g_new0(IotPubsubNodeMeta, 1);
		b->meta->is_collection = meta->is_collection;
		b->meta->title = g_strdup(meta->title);
		b->meta->description = g_strdup(meta->description);
		b->meta->payload_type = g_strdup(meta->payload_type);
		b->meta->access_model = g_strdup(meta->access_model);
		b->meta->num_items = meta->num_items;
		b->meta->num_subscribers = meta->num_subscribers;
		b->meta->max_items = meta->max_items;
	}
	if (error != NULL && b->status == NULL)
		b->status = iot_purple_pubsub_error_sentence(service, error);
	b->view = V_NODE;
	show(b);
}

static void
open_node(Browse *b, const char *node)
{
	g_free(b->node);
	b->node = g_strdup(node);
	g_free(b->status);
	b->status = NULL;
	b->pending = iot_purple_pubsub_node_meta(b->account, b->service, node, meta_cb, b, NULL);
}

/* ---- actions on a node ------------------------------------------------------------------- */

static void
sub_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubSubscription *sub,
       const GError *error, gpointer data)
{
	Browse *b = data;

	if (ended(b, error))
		return;
	g_free(b->status);
	if (error != NULL)
		b->status = iot_purple_pubsub_error_sentence(service, error);
	else
		b->status = g_strdup(iot_pubsub_state_text(sub ? sub->state : IOT_PUBSUB_STATE_SUBSCRIBED));
	b->view = V_NODE;
	show(b);
}

static void
items_cb(PurpleAccount *account, const char *service, const char *node, const GPtrArray *items, gboolean truncated,
         const GError *error, gpointer data)
{
	Browse *b = data;
	GString *s = g_string_new(NULL);
	gint64 now = g_get_real_time();
	guint i;

	if (ended(b, error)) {
		g_string_free(s, TRUE);
		return;
	}
	if (error != NULL) {
		char *why = iot_purple_pubsub_error_sentence(service, error);
		g_string_append(s, why);
		g_free(why);
	} else if (items->len == 0) {
		g_string_append(s, _("No items."));
	}
	for (i = 0; error == NULL && i < items->len; i++) {
		const IotPurplePubsubItem *it = g_ptr_array_index(items, i);
		char *sum = iot_payload_summary(it->payload, ITEM_CHARS);
		char *id = iot_format_clean(it->item->id ? it->item->id : "", 60);
		char *when = it->item->time != IOT_TIME_UNKNOWN ? iot_time_format_local(it->item->time, now) : NULL;

		g_string_append_printf(s, "%s%s%s%s%s\n", when ? when : "", when ? "  " : "", id, *id ? ": " : "",
		                       *sum ? sum : _("(no payload)"));
		g_free(when);
		g_free(id);
		g_free(sum);
	}
	g_free(b->items_text);
	b->items_text = g_string_free(s, FALSE);
	b->view = V_ITEMS;
	show(b);
}

typedef enum { A_SUBSCRIBE, A_UNSUBSCRIBE, A_OPTIONS, A_ITEMS, A_LIVE, A_CHILDREN, A_OWNER, A_BACK } Action;
#define MAX_ACTIONS 8

static guint
node_actions(Browse *b, Action *out)
{
	IotPubsubState st = iot_purple_pubsub_known_state(b->account, b->service, b->node);
	guint n = 0;

	if (b->meta == NULL || !b->meta->is_collection)
		out[n++] = A_ITEMS;
	out[n++] = st == IOT_PUBSUB_STATE_NONE ? A_SUBSCRIBE : A_UNSUBSCRIBE;
	if (st == IOT_PUBSUB_STATE_SUBSCRIBED || st == IOT_PUBSUB_STATE_UNCONFIGURED)
		out[n++] = A_OPTIONS;
	if (b->meta == NULL || !b->meta->is_collection)
		out[n++] = A_LIVE;
	if (b->meta != NULL && b->meta->is_collection)
		out[n++] = A_CHILDREN;
	out[n++] = A_OWNER; /* the service says no when we are not the owner */
	out[n++] = A_BACK;
	return n;
}

static void
back(Browse *b)
{
	switch (b->view) {
	case V_ITEMS:
		b->view = V_NODE;
		show(b);
		return;
	case V_NODE:
		load_nodes(b);
		return;
	case V_NODES:
		if (b->parents->len > 0) {
			g_ptr_array_remove_index(b->parents, b->parents->len - 1);
			load_nodes(b);
		} else if (b->from_services) {
			b->pending = iot_purple_pubsub_find_services(b->account, services_cb, b, NULL);
		} else {
			browse_free(b);
		}
		return;
	case V_SERVICES:
		browse_free(b);
		return;
	}
}

static void
ok_cb(Browse *b, PurpleRequestFields *fields)
{
	int i = -1;
	char *typed = NULL;
	Action acts[MAX_ACTIONS];

	b->ui_handle = NULL;
	if (b->closing)
		return;
	if (fields != NULL && purple_request_fields_exists(fields, "choice"))
		i = purple_request_fields_get_choice(fields, "choice");
	if (fields != NULL && purple_request_fields_exists(fields, "then") && (b->view == V_SERVICES || b->view == V_NODES)) {
		int then = purple_request_fields_get_choice(fields, "then");

		if (then == 1) { /* my subscriptions: here, or everywhere */
			iot_purple_pubsub_finch_my_subscriptions(b->account, b->view == V_NODES ? b->service : NULL);
			show(b);
			return;
		}
		if (then == 2 && b->view == V_NODES) {
			iot_purple_pubsub_finch_form(b->account, b->service, NULL, IOT_PURPLE_FINCH_CREATE);
			show(b);
			return;
		}
		if (then == 2) { /* our own PEP service */
			char *me = iot_jid_bare(purple_account_get_username(b->account));

			g_free(b->service);
			b->service = me;
			b->from_services = TRUE;
			g_ptr_array_set_size(b->parents, 0);
			load_nodes(b);
			return;
		}
	}
	switch (b->view) {
	case V_SERVICES:
		typed = g_strdup(fields ? purple_request_fields_get_string(fields, "other") : NULL);
		g_free(b->service);
		b->service = NULL;
		if (typed != NULL && *g_strstrip(typed))
			b->service = g_strdup(typed);
		else if (i >= 0 && (guint)i < b->list->len)
			b->service = g_strdup(((IotPubsubNodeRef *)g_ptr_array_index(b->list, i))->jid);
		g_free(typed);
		if (b->service == NULL) {
			browse_free(b);
			return;
		}
		b->from_services = TRUE;
		g_ptr_array_set_size(b->parents, 0);
		load_nodes(b);
		return;
	case V_NODES:
		if (i < 0 || (guint)i >= b->list->len) {
			back(b);
			return;
		}
		open_node(b, ((IotPubsubNodeRef *)g_ptr_array_index(b->list, i))->node);
		return;
	case V_NODE:
		if (i < 0 || (guint)i >= node_actions(b, acts)) {
			back(b);
			return;
		}
		switch (acts[i]) {
		case A_SUBSCRIBE:
			b->pending = iot_purple_pubsub_subscribe(b->account, b->service, b->node, NULL, sub_cb, b, NULL);
			return;
		case A_UNSUBSCRIBE:
			b->pending = iot_purple_pubsub_unsubscribe(b->account, b->service, b->node, NULL, sub_cb, b, NULL);
			return;
		case A_ITEMS:
			b->pending = iot_purple_pubsub_items(b->account, b->service, b->node, 0, items_cb, b, NULL);
			return;
		case A_OPTIONS:
			iot_purple_pubsub_finch_form(b->account, b->service, b->node, IOT_PURPLE_FINCH_OPTIONS);
			show(b);
			return;
		case A_LIVE:
			iot_purple_pubsub_finch_live(b->account, b->service, b->node);
			show(b);
			return;
		case A_OWNER:
			show(b); /* the owner's dialog comes on top of it */
			iot_purple_pubsub_finch_owner(b->account, b->service, b->node);
			return;
		case A_CHILDREN:
			g_ptr_array_add(b->parents, g_strdup(b->node));
			load_nodes(b);
			return;
		case A_BACK:
			back(b);
			return;
		}
		return;
	case V_ITEMS:
		back(b);
		return;
	}
}

static void
cancel_cb(Browse *b, PurpleRequestFields *fields)
{
	b->ui_handle = NULL;
	if (b->closing)
		return;
	back(b);
}

/* ---- dialogs ----------------------------------------------------------------------------- */

static char *
meta_text(Browse *b)
{
	GString *s = g_string_new(NULL);
	const IotPubsubNodeMeta *m = b->meta;
	IotPubsubState st = iot_purple_pubsub_known_state(b->account, b->service, b->node);

	if (m != NULL) {
		if (m->title)
			g_string_append_printf(s, _("Title: %s\n"), m->title);
		if (m->description) {
			char *d = iot_format_clean(m->description, 300);

			g_string_append_printf(s, _("Description: %s\n"), d);
			g_free(d);
		}
		g_string_append_printf(s, _("Type: %s\n"), m->is_collection ? _("collection") : _("leaf"));
		if (m->payload_type)
			g_string_append_printf(s, _("Payload: %s\n"), m->payload_type);
		if (m->access_model)
			g_string_append_printf(s, _("Access: %s\n"), m->access_model);
		if (m->num_items >= 0)
			g_string_append_printf(s, _("Items: %d\n"), m->num_items);
		if (m->num_subscribers >= 0)
			g_string_append_printf(s, _("Subscribers: %d\n"), m->num_subscribers);
	}
	g_string_append_printf(s, _("Your subscription: %s"), iot_pubsub_state_text(st));
	if (b->status != NULL)
		g_string_append_printf(s, "\n%s", b->status);
	return g_string_free(s, FALSE);
}

static const char *
action_label(Action a)
{
	switch (a) {
	case A_SUBSCRIBE:
		return _("Subscribe");
	case A_UNSUBSCRIBE:
		return _("Unsubscribe");
	case A_ITEMS:
		return _("Show items");
	case A_OPTIONS:
		return _("Subscription options…");
	case A_LIVE:
		return _("Show new items as they come");
	case A_CHILDREN:
		return _("Nodes under it");
	case A_OWNER:
		return _("Manage the node (owner)…");
	default:
		return _("Back");
	}
}

static void
show(Browse *b)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f = NULL;
	char *title, *primary = NULL, *secondary = NULL, *close_label;
	Action acts[MAX_ACTIONS];
	guint i, n;

	close_dialog(b);
	switch (b->view) {
	case V_SERVICES:
	case V_NODES:
		f = purple_request_field_choice_new("choice", b->view == V_SERVICES ? _("Service") : _("Node"), 0);
		for (i = 0; i < b->list->len; i++) {
			const IotPubsubNodeRef *r = g_ptr_array_index(b->list, i);
			char *what = iot_format_clean(b->view == V_SERVICES ? r->jid : (r->node ? r->node : ""), LINE_CHARS);
			char *name = r->name ? iot_format_clean(r->name, LINE_CHARS) : NULL;
			char *line = name && *name ? g_strdup_printf("%s — %s", what, name) : g_strdup(what);
			purple_request_field_choice_add(f, line);
			g_free(line);
			g_free(name);
			g_free(what);
		}
		if (b->list->len > 0)
			purple_request_field_group_add_field(g, f);
		else
			purple_request_field_destroy(f);
		if (b->view == V_SERVICES)
			purple_request_field_group_add_field(
			    g, purple_request_field_string_new("other", _("Other service (address)"), NULL, FALSE));
		f = purple_request_field_choice_new("then", _("Then"), 0);
		purple_request_field_choice_add(f, b->view == V_SERVICES ? _("Open the service") : _("Open the node"));
		purple_request_field_choice_add(f, b->view == V_SERVICES ? _("My subscriptions (every service)")
		                                                          : _("My subscriptions at this service"));
		purple_request_field_choice_add(f, b->view == V_SERVICES ? _("My own PEP service")
		                                                          : _("Create a node…"));
		purple_request_field_group_add_field(g, f);
		if (b->list->len == 0)
			secondary = g_strdup(b->error ? b->error : _("Nothing here."));
		primary = b->view == V_SERVICES ? g_strdup(_("Publish-subscribe services of your server"))
		          : parent(b) ? iot_format_clean(parent(b), LINE_CHARS)
		                      : iot_format_clean(b->service, LINE_CHARS);
		break;
	case V_NODE:
		f = purple_request_field_choice_new("choice", _("Action"), 0);
		n = node_actions(b, acts);
		for (i = 0; i < n; i++)
			purple_request_field_choice_add(f, action_label(acts[i]));
		purple_request_field_group_add_field(g, f);
		primary = iot_format_clean(b->node, LINE_CHARS);
		secondary = meta_text(b);
		break;
	case V_ITEMS:
		primary = g_strdup_printf(_("Items of %s"), b->node);
		secondary = g_strdup(b->items_text);
		break;
	}
	purple_request_fields_add_group(fields, g);
	/* TRANSLATORS: title of the publish-subscribe dialogs; %s is a service or the account. */
	title = g_strdup_printf(_("Publish-subscribe: %s"),
	                        b->service ? b->service : purple_account_get_username(b->account));
	close_label = iot_purple_ui_label(b->view == V_SERVICES ? _("_Close") : _("_Back"));
	b->ui_handle = purple_request_fields(b, title, primary, secondary, fields,
	                                     b->view == V_ITEMS ? _("OK") : _("Open"), G_CALLBACK(ok_cb), close_label,
	                                     G_CALLBACK(cancel_cb), b->account, b->service, NULL, b);
	g_free(close_label);
	g_free(title);
	g_free(primary);
	g_free(secondary);
	if (b->ui_handle == NULL && !b->closing)
		browse_free(b); /* no UI shows dialogs */
}

void
iot_purple_pubsub_finch_open(PurpleAccount *account, const char *service)
{
	Browse *b = g_new0(Browse, 1);

	b->account = account;
	b->service = g_strdup(service);
	b->parents = g_ptr_array_new_with_free_func(g_free);
	b->list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_node_ref_free);
	browses = g_list_prepend(browses, b);
	if (service == NULL)
		b->pending = iot_purple_pubsub_find_services(account, services_cb, b, NULL);
	else
		load_nodes(b);
}

/* ---- the approval question ------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	IotPurpleApprovalFunc answer;
	gpointer answer_data;
	gboolean answered;
} Ask;

static GList *asks;

static void
ask_end(Ask *a, IotPurpleApprovalAnswer answer)
{
	if (a->answered)
		return;
	a->answered = TRUE;
	asks = g_list_remove(asks, a);
	a->answer(answer, a->answer_data);
	g_free(a);
}

static void
allow_cb(Ask *a, int action)
{
	ask_end(a, IOT_PURPLE_APPROVAL_ALLOW);
}

static void
deny_cb(Ask *a, int action)
{
	ask_end(a, IOT_PURPLE_APPROVAL_DENY);
}

static void
later_cb(Ask *a, int action)
{
	ask_end(a, IOT_PURPLE_APPROVAL_LATER);
}

void
iot_purple_pubsub_finch_ask(PurpleAccount *account, const IotPubsubApproval *approval, IotPurpleApprovalFunc answer,
                            gpointer answer_data)
{
	Ask *a = g_new0(Ask, 1);
	char *who = iot_format_clean(approval->subscriber, LINE_CHARS);
	char *node = iot_format_clean(approval->node, LINE_CHARS);
	char *service = iot_format_clean(approval->service ? approval->service : "", LINE_CHARS);
	char *primary, *allow = iot_purple_ui_label(_("_Allow")), *deny = iot_purple_ui_label(_("_Deny")),
	               *later = iot_purple_ui_label(_("_Later"));
	gpointer ui;

	a->account = account;
	a->answer = answer;
	a->answer_data = answer_data;
	asks = g_list_prepend(asks, a);
	/* TRANSLATORS: subscriber, node, service. */
	primary = g_strdup_printf(_("%s asks to subscribe to your node %s at %s."), who, node, service);
	ui = purple_request_action(a, _("Subscription request"), primary,
	                           _("Allow it to receive what is published there?"), 0, account, approval->subscriber,
	                           NULL, a, 3, allow, G_CALLBACK(allow_cb), deny, G_CALLBACK(deny_cb), later,
	                           G_CALLBACK(later_cb));
	if (ui == NULL) /* no UI asks: the service asks again later */
		ask_end(a, IOT_PURPLE_APPROVAL_LATER);
	g_free(primary);
	g_free(allow);
	g_free(deny);
	g_free(later);
	g_free(who);
	g_free(node);
	g_free(service);
}

void
iot_purple_pubsub_finch_close_account(PurpleAccount *account)
{
	GList *l, *next;

	for (l = browses; l != NULL; l = next) {
		next = l->next;
		if (account == NULL || ((Browse *)l->data)->account == account)
			browse_free(l->data);
	}
	iot_purple_pubsub_finch_subs_close_account(account);
	iot_purple_pubsub_finch_owner_close_account(account);
	for (l = asks; l != NULL; l = next) {
		Ask *a = l->data;
		next = l->next;
		if (a->account == account || account == NULL) {
			/* Closing may run no callback: answer "later" ourselves
			 * (a callback it does run finds the question answered). */
			asks = g_list_remove(asks, a);
			a->answered = TRUE;
			purple_request_close_with_handle(a);
			a->answer(IOT_PURPLE_APPROVAL_LATER, a->answer_data);
			g_free(a);
		}
	}
}

void
iot_purple_pubsub_finch_close_all(void)
{
	while (browses != NULL)
		browse_free(browses->data);
	iot_purple_pubsub_finch_close_account(NULL);
}
