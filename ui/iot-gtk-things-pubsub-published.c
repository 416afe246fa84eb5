/*
 * iot-gtk-things-pubsub-published.c — the Published data windows and the
 * approval dialog tied to the adapter: a window fetches its node's last
 * items and watches the node while it is open (the watch and any fetch end
 * with it); a contact's PEP window also plots the contact's stored history.
 * Approval questions go to the one approval dialog and are answered exactly
 * once. See iot-gtk-things-pubsub.h.
 */
#include "iot-gtk-things-pubsub.h"
#include "iot-gtk-things-pubsub-private.h"

#include "iot-error.h"
#include "iot-gtk-pubsub-approval.h"
#include "iot-gtk-published.h"
#include "iot-gtk-things-plot-source.h"
#include "iot-jid.h"
#include "iot-purple-history.h"

#include <blist.h>
#include <debug.h>
#include <glib/gi18n-lib.h>

typedef struct {
	PurpleAccount *account;
	char *service, *node; /* node NULL: a contact's PEP sensor data */
	IotGtkPublished *win;
	guint fetch, watch;
	const IotHistory *recent; /* the service's (PEP: the contact's), held while open */
} Published;

static GList *published;

/* ---- a watch's batch as events ------------------------------------------------------------ */

void
iot_gtk_things_pubsub_update_events(const char *service, const IotPurplePubsubUpdate *u,
                                    IotGtkThingsPubsubEventFunc func, gpointer data)
{
	IotPubsubEvent ev = { 0 };
	GPtrArray *items = g_ptr_array_new(), *none = g_ptr_array_new();
	guint i;

	ev.node = (char *)u->node;
	ev.items = none;
	ev.retracted = none;
	ev.subids = none;
	ev.delay = IOT_TIME_UNKNOWN;
	if (u->purged || u->deleted) {
		ev.kind = u->deleted ? IOT_PUBSUB_EVENT_DELETE : IOT_PUBSUB_EVENT_PURGE;
		ev.redirect = (char *)u->redirect;
		func(service, &ev, data);
		ev.redirect = NULL;
	}
	if (u->configured) {
		ev.kind = IOT_PUBSUB_EVENT_CONFIGURATION;
		func(service, &ev, data);
	}
	if (u->subscription != NULL) {
		ev.kind = IOT_PUBSUB_EVENT_SUBSCRIPTION;
		ev.subscription = (IotPubsubSubscription *)u->subscription;
		func(service, &ev, data);
		ev.subscription = NULL;
	}
	for (i = 0; u->items != NULL && i < u->items->len; i++)
		g_ptr_array_add(items, ((IotPurplePubsubItem *)g_ptr_array_index(u->items, i))->item);
	if (items->len > 0 || (u->retracted != NULL && u->retracted->len > 0)) {
		ev.kind = IOT_PUBSUB_EVENT_ITEMS;
		ev.items = items;
		ev.retracted = u->retracted != NULL ? (GPtrArray *)u->retracted : none;
		ev.dropped = u->dropped;
		func(service, &ev, data);
	}
	g_ptr_array_unref(items);
	g_ptr_array_unref(none);
}

/* ---- Published data windows --------------------------------------------------------------- */

static Published *
find(PurpleAccount *account, const char *service, const char *node)
{
	GList *l;

	for (l = published; l != NULL; l = l->next) {
		Published *p = l->data;

		if (p->account == account && g_strcmp0(p->service, service) == 0 && g_strcmp0(p->node, node) == 0)
			return p;
	}
	return NULL;
}

static void
items_cb(PurpleAccount *account, const char *service, const char *node, const GPtrArray *items,
         gboolean truncated, const GError *error, gpointer data)
{
	Published *p = data;
	GPtrArray *plain;
	guint i;

	p->fetch = 0;
	if (error != NULL) {
		if (!g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
			iot_gtk_published_set_status(p->win, error->message, TRUE);
		return;
	}
	plain = g_ptr_array_new();
	for (i = 0; items != NULL && i < items->len; i++)
		g_ptr_array_add(plain, ((IotPurplePubsubItem *)g_ptr_array_index(items, i))->item);
	iot_gtk_published_set_items(p->win, plain);
	g_ptr_array_unref(plain);
}

static void
fetch(Published *p)
{
	if (p->fetch != 0)
		iot_purple_pubsub_cancel(p->fetch); /* its callback clears p->fetch */
	if (p->node == NULL) {
		/* A contact's PEP: what it publishes arrives by itself. */
		iot_gtk_published_set_items(p->win, NULL);
		iot_gtk_published_set_status(p->win, _("Waiting for what the contact publishes…"), FALSE);
		return;
	}
	p->fetch = iot_purple_pubsub_items(p->account, p->service, p->node, IOT_GTK_PUBLISHED_KEEP, items_cb,
	                                   p, NULL);
}

static void
event_cb(const char *service, const IotPubsubEvent *ev, gpointer data)
{
	Published *p = data;
	guint i;

	switch (ev->kind) {
	case IOT_PUBSUB_EVENT_PURGE:
		iot_gtk_published_purge(p->win);
		break;
	case IOT_PUBSUB_EVENT_DELETE:
		iot_gtk_published_deleted(p->win);
		break;
	case IOT_PUBSUB_EVENT_ITEMS:
		for (i = 0; i < ev->retracted->len; i++)
			iot_gtk_published_retract(p->win, g_ptr_array_index(ev->retracted, i));
		for (i = 0; i < ev->items->len; i++)
			iot_gtk_published_add_item(p->win, g_ptr_array_index(ev->items, i));
		break;
	default:
		break;
	}
}

static void
watch_cb(guint handle, PurpleAccount *account, const char *service, const IotPurplePubsubUpdate *u,
         gpointer data)
{
	Published *p = data;

	/* A contact's PEP: only its sensor data nodes (the host's own PEP
	 * nodes — avatar, mood, tune — never reach a watch). */
	iot_gtk_things_pubsub_update_events(service, u, event_cb, p);
	if (p->recent != NULL)
		iot_gtk_readout_history_changed(iot_gtk_published_get_readout(p->win));
}

static void
on_refresh(IotGtkPublished *win, gpointer data)
{
	fetch(data);
}

static void
on_closed(IotGtkPublished *win, gpointer data)
{
	Published *p = data;

	/* Nothing may reach this window after it is gone. */
	if (p->fetch != 0)
		iot_purple_pubsub_cancel(p->fetch);
	if (p->watch != 0)
		iot_purple_pubsub_unwatch(p->watch);
	if (p->recent != NULL)
		iot_purple_history_recent_release(p->account, p->service);
	purple_debug_info("xmpp-iot", "published data window of %s at %s closed\n", p->node ? p->node : "PEP",
	                  p->service);
	published = g_list_remove(published, p);
	g_free(p->service);
	g_free(p->node);
	g_free(p);
}

static const IotGtkPublishedCallbacks callbacks = { on_refresh, on_closed };

void
iot_gtk_things_pubsub_open_published(PurpleAccount *account, const char *service, const char *node)
{
	Published *p = find(account, service, node);
	PurpleBuddy *buddy;
	IotGtkPlotSource *source;
	char *label, *bare;

	if (p != NULL) {
		gtk_window_present(GTK_WINDOW(iot_gtk_published_get_window(p->win)));
		return;
	}
	g_return_if_fail(service != NULL);
	p = g_new0(Published, 1);
	p->account = account;
	bare = node == NULL ? iot_jid_bare(service) : NULL;
	p->service = bare != NULL ? bare : g_strdup(service);
	p->node = g_strdup(node);
	buddy = purple_find_buddy(account, p->service);
	/* TRANSLATORS: Published data window title: "sensors at pubsub.example.org". */
	label = node != NULL ? g_strdup_printf(_("%s at %s"), node, p->service)
	                     : g_strdup(buddy != NULL ? purple_buddy_get_alias(buddy) : p->service);
	p->win = iot_gtk_published_new(label, &callbacks, p);
	g_free(label);
	published = g_list_prepend(published, p);
	/* The history keeps a node's values as the service's, each field under
	 * the node's id; a contact's PEP sensor data as the contact's own, like
	 * its readouts. Either way the same trends and plot as a readout. */
	if (node != NULL)
		iot_gtk_published_set_field_node(p->win, node);
	source = iot_gtk_things_plot_source_new(account, p->service);
	p->recent = iot_purple_history_recent_hold(account, p->service);
	iot_gtk_readout_set_history(iot_gtk_published_get_readout(p->win), p->recent);
	iot_gtk_readout_set_plot_source(iot_gtk_published_get_readout(p->win), source);
	iot_gtk_plot_source_unref(source);
	p->watch = iot_purple_pubsub_watch(account, p->service, node, watch_cb, p, NULL);
	gtk_widget_show(iot_gtk_published_get_window(p->win));
	fetch(p);
}

void
iot_gtk_things_pubsub_history_changed(PurpleAccount *account, const char *thing)
{
	GList *l;

	for (l = published; l != NULL; l = l->next) {
		Published *p = l->data;

		const IotHistory *now;

		if (p->account != account || p->recent == NULL || !iot_jid_same_bare(p->service, thing))
			continue;
		/* A forget replaced the cache: the window borrows the new one. */
		now = iot_purple_history_recent(account, p->service);
		if (now != NULL && now != p->recent) {
			p->recent = now;
			iot_gtk_readout_set_history(iot_gtk_published_get_readout(p->win), now);
		}
		iot_gtk_readout_history_changed(iot_gtk_published_get_readout(p->win));
	}
}

/* ---- approvals ------------------------------------------------------------------------------ */

typedef struct {
	IotPurpleApprovalFunc answer;
	gpointer answer_data;
} Approval;

static void
approval_cb(IotGtkApprovalAnswer answer, gpointer data)
{
	Approval *a = data;

	a->answer(answer == IOT_GTK_APPROVAL_ALLOW  ? IOT_PURPLE_APPROVAL_ALLOW
	          : answer == IOT_GTK_APPROVAL_DENY ? IOT_PURPLE_APPROVAL_DENY
	                                            : IOT_PURPLE_APPROVAL_LATER,
	          a->answer_data);
	g_free(a);
}

void
iot_gtk_things_pubsub_ask_approval(PurpleAccount *account, const IotPubsubApproval *approval,
                                   IotPurpleApprovalFunc answer, gpointer answer_data)
{
	Approval *a = g_new0(Approval, 1);

	a->answer = answer;
	a->answer_data = answer_data;
	iot_gtk_pubsub_approval_ask(purple_account_get_username(account), approval->service, approval->node,
	                            approval->subscriber, approval_cb, a);
}

/* ---- life ------------------------------------------------------------------------------------- */

void
iot_gtk_things_pubsub_session_changed(PurpleAccount *account, gboolean online)
{
	GList *l;

	iot_gtk_things_pubsub_browsers_online(account, online);
	for (l = published; l != NULL; l = l->next) {
		Published *p = l->data;

		if (p->account != account)
			continue;
		if (!online) {
			iot_gtk_readout_mark_stale(iot_gtk_published_get_readout(p->win));
			iot_gtk_published_set_status(p->win, _("The account is offline."), TRUE);
		} else {
			iot_gtk_published_set_status(p->win, NULL, FALSE);
			fetch(p);
		}
	}
}

void
iot_gtk_things_pubsub_close_all(void)
{
	iot_gtk_things_pubsub_browsers_close();
	while (published != NULL)
		iot_gtk_published_destroy(((Published *)published->data)->win); /* on_closed unlinks */
	iot_gtk_pubsub_approval_close_all();
}

guint
iot_gtk_things_pubsub_count(void)
{
	return iot_gtk_things_pubsub_browsers_count() + g_list_length(published);
}
