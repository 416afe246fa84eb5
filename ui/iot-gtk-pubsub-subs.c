/*
 * iot-gtk-pubsub-subs.c — subscribing and unsubscribing, and the My
 * subscriptions tab: every subscription of the account at every known
 * service, with its state, kept current by what the window does and hears.
 */
#include "iot-gtk-pubsub-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>

static gboolean
find_sub(IotGtkPubsub *win, const char *service, const char *node, GtkTreeIter *iter)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->subs);
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, iter); ok; ok = gtk_tree_model_iter_next(m, iter)) {
		char *s, *n;
		gboolean same;

		gtk_tree_model_get(m, iter, IOT_GTK_PUBSUB_SUB_COL_SERVICE, &s, IOT_GTK_PUBSUB_SUB_COL_NODE,
		                   &n, -1);
		same = g_strcmp0(s, service) == 0 && g_strcmp0(n, node) == 0;
		g_free(s);
		g_free(n);
		if (same)
			return TRUE;
	}
	return FALSE;
}

void
iot_gtk_pubsub_subs_set(IotGtkPubsub *win, const char *service, const char *node,
                        IotPubsubState state, const char *subid)
{
	GtkTreeIter iter;
	gboolean found;

	if (service == NULL || node == NULL)
		return;
	found = find_sub(win, service, node, &iter);
	if (state == IOT_PUBSUB_STATE_NONE) {
		if (found)
			gtk_list_store_remove(win->subs, &iter);
	} else {
		if (!found)
			gtk_list_store_append(win->subs, &iter);
		gtk_list_store_set(win->subs, &iter, IOT_GTK_PUBSUB_SUB_COL_SERVICE, service,
		                   IOT_GTK_PUBSUB_SUB_COL_NODE, node, IOT_GTK_PUBSUB_SUB_COL_STATE,
		                   iot_pubsub_state_text(state), IOT_GTK_PUBSUB_SUB_COL_SUBID, subid,
		                   IOT_GTK_PUBSUB_SUB_COL_STATE_ID, state, -1);
	}
	if (g_strcmp0(service, win->service) == 0)
		iot_gtk_pubsub_tree_set_state(win, node, state, subid);
	iot_gtk_pubsub_update_actions(win);
}

static void
all_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	guint i;

	if (req->error != NULL) {
		char *text = g_strdup_printf(_("Could not list your subscriptions: %s"), req->error);

		iot_gtk_pubsub_show_status(win, text, TRUE);
		g_free(text);
		return;
	}
	gtk_list_store_clear(win->subs);
	for (i = 0; req->list != NULL && i < req->list->len; i++) {
		const IotPubsubSubscription *s = g_ptr_array_index(req->list, i);

		iot_gtk_pubsub_subs_set(win, s->service, s->node, s->state, s->subid);
	}
}

void
iot_gtk_pubsub_subs_load(IotGtkPubsub *win)
{
	if (!win->online)
		return;
	iot_gtk_pubsub_request_send(
	    iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_SUBSCRIPTIONS, NULL, NULL, all_done));
}

/* ---- subscribe / unsubscribe ---- */

static void
subscribe_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	IotPubsubState state = req->sub != NULL ? req->sub->state : IOT_PUBSUB_STATE_SUBSCRIBED;
	char *node = iot_gtk_pubsub_label(req->node), *text;

	if (req->error != NULL) {
		/* TRANSLATORS: "Could not subscribe to “sensors”: Not authorized." */
		text = g_strdup_printf(_("Could not subscribe to “%s”: %s"), node, req->error);
		iot_gtk_pubsub_show_status(win, text, TRUE);
	} else {
		if (state == IOT_PUBSUB_STATE_NONE)
			state = IOT_PUBSUB_STATE_SUBSCRIBED; /* a result without a word is a yes */
		if (req->sub != NULL && req->sub->options_required && state == IOT_PUBSUB_STATE_SUBSCRIBED)
			state = IOT_PUBSUB_STATE_UNCONFIGURED;
		iot_gtk_pubsub_subs_set(win, req->service, req->node, state,
		                        req->sub != NULL ? req->sub->subid : NULL);
		/* TRANSLATORS: "“sensors”: Pending: the node's owner has not approved …" */
		text = g_strdup_printf(_("“%s”: %s"), node, iot_gtk_pubsub_state_explained(state));
		iot_gtk_pubsub_show_status(win, text, FALSE);
	}
	g_free(text);
	g_free(node);
}

void
iot_gtk_pubsub_subscribe(IotGtkPubsub *win)
{
	char *node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, NULL);

	if (node != NULL && win->service != NULL)
		iot_gtk_pubsub_request_send(iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_SUBSCRIBE,
		                                                       win->service, node, subscribe_done));
	g_free(node);
}

static void
unsubscribe_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	char *node = iot_gtk_pubsub_label(req->node), *text;

	if (req->error != NULL) {
		text = g_strdup_printf(_("Could not unsubscribe from “%s”: %s"), node, req->error);
		iot_gtk_pubsub_show_status(win, text, TRUE);
	} else {
		iot_gtk_pubsub_subs_set(win, req->service, req->node, IOT_PUBSUB_STATE_NONE, NULL);
		text = g_strdup_printf(_("Unsubscribed from “%s”."), node);
		iot_gtk_pubsub_show_status(win, text, FALSE);
	}
	g_free(text);
	g_free(node);
}

void
iot_gtk_pubsub_unsubscribe(IotGtkPubsub *win, const char *service, const char *node,
                           const char *subid)
{
	IotGtkPubsubRequest *req =
	    iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_UNSUBSCRIBE, service, node, unsubscribe_done);

	req->subid = g_strdup(subid);
	iot_gtk_pubsub_request_send(req);
}

/* ---- the tab ---- */

static void
my_unsubscribe_cb(GtkWidget *w, IotGtkPubsub *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	char *service, *node, *subid;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->subs_view)),
	                                     &m, &iter))
		return;
	gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_SUB_COL_SERVICE, &service,
	                   IOT_GTK_PUBSUB_SUB_COL_NODE, &node, IOT_GTK_PUBSUB_SUB_COL_SUBID, &subid, -1);
	iot_gtk_pubsub_unsubscribe(win, service, node, subid);
	g_free(service);
	g_free(node);
	g_free(subid);
}

static void
my_refresh_cb(GtkWidget *w, IotGtkPubsub *win)
{
	iot_gtk_pubsub_subs_load(win);
}

static void
sub_selected(GtkTreeSelection *sel, IotGtkPubsub *win)
{
	iot_gtk_pubsub_update_actions(win);
}

static void
add_column(GtkWidget *view, const char *title, int col, gboolean expand)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, NULL);

	g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_expand(c, expand);
	if (!expand)
		gtk_tree_view_column_set_min_width(c, 180);
	gtk_tree_view_column_set_sort_column_id(c, col);
	gtk_tree_view_append_column(GTK_TREE_VIEW(view), c);
}

GtkWidget *
iot_gtk_pubsub_subs_new(IotGtkPubsub *win)
{
	GtkWidget *vbox = gtk_vbox_new(FALSE, 6), *scrolled = gtk_scrolled_window_new(NULL, NULL);
	GtkWidget *buttons = gtk_hbox_new(FALSE, 6);

	win->subs = gtk_list_store_new(IOT_GTK_PUBSUB_SUB_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
	                               G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);
	win->subs_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->subs));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->subs_view), TRUE);
	add_column(win->subs_view, _("Service"), IOT_GTK_PUBSUB_SUB_COL_SERVICE, FALSE);
	add_column(win->subs_view, _("Node"), IOT_GTK_PUBSUB_SUB_COL_NODE, TRUE);
	add_column(win->subs_view, _("State"), IOT_GTK_PUBSUB_SUB_COL_STATE, TRUE);
	iot_gtk_pubsub_connect(win, gtk_tree_view_get_selection(GTK_TREE_VIEW(win->subs_view)),
	                       "changed", G_CALLBACK(sub_selected));
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scrolled), win->subs_view);
	gtk_box_pack_start(GTK_BOX(buttons),
	                   iot_gtk_pubsub_button(win, "my-unsubscribe", _("_Unsubscribe"),
	                                         _("End the selected subscription"),
	                                         G_CALLBACK(my_unsubscribe_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(buttons),
	                 iot_gtk_pubsub_button(win, "my-refresh", _("_Refresh"),
	                                       _("Ask every known service for your subscriptions"),
	                                       G_CALLBACK(my_refresh_cb)),
	                 FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), scrolled, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), buttons, FALSE, FALSE, 0);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 6);
	return vbox;
}

GtkTreeModel *
iot_gtk_pubsub_get_subscriptions_model(IotGtkPubsub *win)
{
	return GTK_TREE_MODEL(win->subs);
}

GtkTreeView *
iot_gtk_pubsub_get_subscriptions_view(IotGtkPubsub *win)
{
	return GTK_TREE_VIEW(win->subs_view);
}
