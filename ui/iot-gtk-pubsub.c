/*
 * iot-gtk-pubsub.c — the Publish-subscribe window: its layout, the services
 * list, the status line, the buttons' state and the window's end. See
 * iot-gtk-pubsub.h.
 */
#include "iot-gtk-pubsub-private.h"

#include "iot-format.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define WIDTH 960
#define HEIGHT 620
#define TITLE_CHARS 80

enum { SERVICE_COL_JID, SERVICE_COL_LABEL, SERVICE_N };

/* ---- helpers ---------------------------------------------------------------------------- */

char *
iot_gtk_pubsub_label(const char *s)
{
	return iot_format_clean(s != NULL ? s : "", IOT_GTK_PUBSUB_LABEL_CHARS);
}

void
iot_gtk_pubsub_connect(IotGtkPubsub *win, gpointer obj, const char *signal, GCallback cb)
{
	g_signal_connect(obj, signal, cb, win);
	g_ptr_array_add(win->connected, obj);
}

void
iot_gtk_pubsub_show_status(IotGtkPubsub *win, const char *text, gboolean is_error)
{
	g_free(win->status);
	win->status = g_strdup(text != NULL ? text : "");
	gtk_label_set_text(GTK_LABEL(win->status_label), win->status);
	if (is_error)
		gtk_widget_show(win->status_icon);
	else
		gtk_widget_hide(win->status_icon);
}

void
iot_gtk_pubsub_busy(IotGtkPubsub *win, int delta)
{
	win->busy += delta;
	if (win->closing)
		return;
	if (win->busy > 0) {
		gtk_widget_show(win->spinner);
		gtk_spinner_start(GTK_SPINNER(win->spinner));
	} else {
		win->busy = 0;
		gtk_spinner_stop(GTK_SPINNER(win->spinner));
		gtk_widget_hide(win->spinner);
	}
}

GtkWidget *
iot_gtk_pubsub_button(IotGtkPubsub *win, const char *action, const char *mnemonic, const char *tip,
                      GCallback cb)
{
	GtkWidget *b = gtk_button_new_with_mnemonic(mnemonic);

	gtk_widget_set_tooltip_text(b, tip);
	iot_gtk_pubsub_connect(win, b, "clicked", cb);
	g_hash_table_insert(win->buttons, (gpointer)action, b);
	return b;
}

GtkWidget *
iot_gtk_pubsub_get_button(IotGtkPubsub *win, const char *action)
{
	return g_hash_table_lookup(win->buttons, action);
}

static void
dialog_destroyed(GtkWidget *dialog, IotGtkPubsub *win)
{
	g_ptr_array_remove(win->dialogs, dialog);
}

void
iot_gtk_pubsub_add_dialog(IotGtkPubsub *win, GtkWidget *dialog)
{
	g_ptr_array_add(win->dialogs, dialog);
	g_signal_connect(dialog, "destroy", G_CALLBACK(dialog_destroyed), win);
	gtk_window_set_transient_for(GTK_WINDOW(dialog), GTK_WINDOW(win->window));
}

GtkWidget *
iot_gtk_pubsub_get_dialog(IotGtkPubsub *win)
{
	return win->dialogs->len > 0 ? g_ptr_array_index(win->dialogs, win->dialogs->len - 1) : NULL;
}

typedef struct {
	IotGtkPubsub *win;
	void (*yes)(IotGtkPubsub *, gpointer);
	gpointer data;
	GDestroyNotify data_free;
} Confirm;

static void
confirm_free(gpointer p)
{
	Confirm *c = p;

	if (c->data_free != NULL)
		c->data_free(c->data);
	g_free(c);
}

static void
confirm_response(GtkDialog *dialog, gint response, Confirm *c)
{
	IotGtkPubsub *win = c->win;

	if (response == GTK_RESPONSE_OK && !win->closing)
		c->yes(win, c->data);
	gtk_widget_destroy(GTK_WIDGET(dialog));
}

void
iot_gtk_pubsub_confirm(IotGtkPubsub *win, const char *primary, const char *secondary,
                       const char *ok_label, void (*yes)(IotGtkPubsub *, gpointer), gpointer data,
                       GDestroyNotify data_free)
{
	Confirm *c = g_new0(Confirm, 1);
	GtkWidget *dialog;

	c->win = win;
	c->yes = yes;
	c->data = data;
	c->data_free = data_free;
	/* Plain text: the sentences name nodes and services as they were sent. */
	dialog = gtk_message_dialog_new(GTK_WINDOW(win->window), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s", primary);
	if (secondary != NULL)
		gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(dialog), "%s", secondary);
	gtk_dialog_add_buttons(GTK_DIALOG(dialog), GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, ok_label,
	                       GTK_RESPONSE_OK, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_CANCEL);
	g_object_set_data_full(G_OBJECT(dialog), "iot-confirm", c, confirm_free);
	g_signal_connect(dialog, "response", G_CALLBACK(confirm_response), c);
	iot_gtk_pubsub_add_dialog(win, dialog);
	gtk_widget_show_all(dialog);
}

/* ---- buttons ------------------------------------------------------------------------------ */

static void
sensitive(IotGtkPubsub *win, const char *action, gboolean on)
{
	GtkWidget *b = g_hash_table_lookup(win->buttons, action);

	if (b != NULL)
		gtk_widget_set_sensitive(b, on);
}

void
iot_gtk_pubsub_update_actions(IotGtkPubsub *win)
{
	IotPubsubState state = IOT_PUBSUB_STATE_NONE;
	gboolean owner = FALSE, collection = FALSE, on = win->online && !win->closing;
	char *node, *item;
	GtkTreeSelection *sel;

	if (win->closing)
		return;
	node = iot_gtk_pubsub_tree_selected(win, &state, NULL, &owner, &collection);
	item = iot_gtk_pubsub_items_selected(win);
	sensitive(win, "subscribe", on && node != NULL && state == IOT_PUBSUB_STATE_NONE);
	sensitive(win, "unsubscribe", on && node != NULL && state != IOT_PUBSUB_STATE_NONE);
	sensitive(win, "options", on && node != NULL && (state == IOT_PUBSUB_STATE_SUBSCRIBED ||
	                                               state == IOT_PUBSUB_STATE_UNCONFIGURED));
	sensitive(win, "open", node != NULL && !collection && win->ops.open_published != NULL);
	sensitive(win, "new", on && win->service != NULL);
	sensitive(win, "configure", on && node != NULL && owner);
	sensitive(win, "purge", on && node != NULL && owner && !collection);
	sensitive(win, "delete", on && node != NULL && owner);
	sensitive(win, "affiliations", on && node != NULL && owner);
	sensitive(win, "publish", on && node != NULL && !collection);
	sensitive(win, "retract", on && node != NULL && item != NULL);
	sensitive(win, "refresh", on && win->service != NULL);
	sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->subs_view));
	sensitive(win, "my-unsubscribe", on && gtk_tree_selection_count_selected_rows(sel) > 0);
	sensitive(win, "my-refresh", on);
	gtk_widget_set_sensitive(win->add_service_button, on);
	g_free(node);
	g_free(item);
}

/* ---- services ------------------------------------------------------------------------------ */

static gboolean
find_service(IotGtkPubsub *win, const char *service, GtkTreeIter *iter)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->services);
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, iter); ok; ok = gtk_tree_model_iter_next(m, iter)) {
		char *jid;
		gboolean same;

		gtk_tree_model_get(m, iter, SERVICE_COL_JID, &jid, -1);
		same = g_strcmp0(jid, service) == 0;
		g_free(jid);
		if (same)
			return TRUE;
	}
	return FALSE;
}

static void
append_service(IotGtkPubsub *win, const char *service, const char *label, GtkTreeIter *iter)
{
	char *shown = iot_format_clean(label != NULL ? label : service, IOT_GTK_PUBSUB_LABEL_CHARS);

	if (!find_service(win, service, iter)) {
		gtk_list_store_append(win->services, iter);
		gtk_list_store_set(win->services, iter, SERVICE_COL_JID, service, SERVICE_COL_LABEL, shown,
		                   -1);
	}
	g_free(shown);
}

gboolean
iot_gtk_pubsub_select_service(IotGtkPubsub *win, const char *service)
{
	GtkTreeIter iter;

	if (!find_service(win, service, &iter))
		return FALSE;
	gtk_tree_selection_select_iter(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->services_view)),
	                               &iter);
	return TRUE;
}

void
iot_gtk_pubsub_add_service(IotGtkPubsub *win, const char *service, const char *label)
{
	GtkTreeIter iter;

	g_return_if_fail(win != NULL && service != NULL && *service != '\0');
	append_service(win, service, label, &iter);
	iot_gtk_pubsub_select_service(win, service);
}

static void
services_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	guint i;
	GtkTreeIter iter;

	if (req->error != NULL) {
		char *text = g_strdup_printf(_("Could not find the server's publish-subscribe services: %s"),
		                             req->error);

		iot_gtk_pubsub_show_status(win, text, TRUE);
		g_free(text);
		return;
	}
	for (i = 0; req->list != NULL && i < req->list->len; i++)
		append_service(win, g_ptr_array_index(req->list, i), NULL, &iter);
	if (win->service == NULL && req->list != NULL && req->list->len > 0)
		iot_gtk_pubsub_select_service(win, g_ptr_array_index(req->list, 0));
	else if (req->list == NULL || req->list->len == 0)
		iot_gtk_pubsub_show_status(
		    win, _("The server offers no publish-subscribe service. Type the address of one above."),
		    FALSE);
	iot_gtk_pubsub_subs_load(win);
}

static void
ask_services(IotGtkPubsub *win)
{
	win->asked_services = TRUE;
	iot_gtk_pubsub_request_send(
	    iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_SERVICES, NULL, NULL, services_done));
}

static void
service_selected(GtkTreeSelection *sel, IotGtkPubsub *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	char *jid = NULL;

	if (gtk_tree_selection_get_selected(sel, &m, &iter))
		gtk_tree_model_get(m, &iter, SERVICE_COL_JID, &jid, -1);
	if (g_strcmp0(jid, win->service) == 0) {
		g_free(jid);
		return;
	}
	g_free(win->service);
	win->service = jid;
	iot_gtk_pubsub_items_show(win, NULL);
	iot_gtk_pubsub_tree_load(win);
	iot_gtk_pubsub_update_actions(win);
}

static void
add_service_cb(GtkWidget *w, IotGtkPubsub *win)
{
	char *jid = g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(win->service_entry))));

	if (*jid == '\0' || strchr(jid, ' ') != NULL) {
		iot_gtk_pubsub_show_status(win, _("Type the address of a service, e.g. pubsub.example.org."),
		                           TRUE);
	} else {
		iot_gtk_pubsub_add_service(win, jid, NULL);
		gtk_entry_set_text(GTK_ENTRY(win->service_entry), "");
		iot_gtk_pubsub_subs_load(win);
	}
	g_free(jid);
}

static GtkWidget *
services_pane(IotGtkPubsub *win)
{
	GtkWidget *vbox = gtk_vbox_new(FALSE, 6), *scrolled = gtk_scrolled_window_new(NULL, NULL);
	GtkWidget *row = gtk_hbox_new(FALSE, 6), *label;
	GtkTreeViewColumn *col;
	GtkCellRenderer *cell;

	win->services = gtk_list_store_new(SERVICE_N, G_TYPE_STRING, G_TYPE_STRING);
	win->services_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->services));
	cell = gtk_cell_renderer_text_new();
	g_object_set(cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	col = gtk_tree_view_column_new_with_attributes(_("Services"), cell, "text", SERVICE_COL_LABEL, NULL);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->services_view), col);
	iot_gtk_pubsub_connect(win, gtk_tree_view_get_selection(GTK_TREE_VIEW(win->services_view)),
	                       "changed", G_CALLBACK(service_selected));
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_NEVER,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scrolled), win->services_view);

	win->service_entry = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(win->service_entry), 10);
	gtk_widget_set_tooltip_text(win->service_entry,
	                            _("The address of a service, or a contact's address for its personal "
	                              "events (PEP)"));
	iot_gtk_pubsub_connect(win, win->service_entry, "activate", G_CALLBACK(add_service_cb));
	win->add_service_button = gtk_button_new_from_stock(GTK_STOCK_ADD);
	iot_gtk_pubsub_connect(win, win->add_service_button, "clicked", G_CALLBACK(add_service_cb));
	label = gtk_label_new_with_mnemonic(_("Ser_vice:"));
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), win->service_entry);
	gtk_misc_set_alignment(GTK_MISC(label), 0.0f, 0.5f);
	gtk_box_pack_start(GTK_BOX(vbox), scrolled, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row), win->service_entry, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(row), win->add_service_button, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), row, FALSE, FALSE, 0);
	return vbox;
}

/* ---- the browse tab ------------------------------------------------------------------------ */

static void
subscribe_cb(GtkWidget *w, IotGtkPubsub *win)
{
	iot_gtk_pubsub_subscribe(win);
}

static void
unsubscribe_cb(GtkWidget *w, IotGtkPubsub *win)
{
	IotPubsubState state;
	char *subid = NULL, *node = iot_gtk_pubsub_tree_selected(win, &state, &subid, NULL, NULL);

	if (node != NULL && win->service != NULL)
		iot_gtk_pubsub_unsubscribe(win, win->service, node, subid);
	g_free(node);
	g_free(subid);
}

static void
options_cb(GtkWidget *w, IotGtkPubsub *win)
{
	iot_gtk_pubsub_options(win);
}

static void
open_cb(GtkWidget *w, IotGtkPubsub *win)
{
	char *node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, NULL);

	if (node != NULL && win->service != NULL && win->ops.open_published != NULL)
		win->ops.open_published(win, win->service, node, win->user_data);
	g_free(node);
}

static void
refresh_cb(GtkWidget *w, IotGtkPubsub *win)
{
	iot_gtk_pubsub_tree_load(win);
}

static GtkWidget *
browse_tab(IotGtkPubsub *win)
{
	GtkWidget *hpaned = gtk_hpaned_new(), *vpaned = gtk_vpaned_new();
	GtkWidget *right = gtk_vbox_new(FALSE, 6), *buttons = gtk_hbox_new(FALSE, 6);
	GtkWidget *owner = gtk_hbox_new(FALSE, 6);

	gtk_box_pack_start(GTK_BOX(buttons),
	                   iot_gtk_pubsub_button(win, "subscribe", _("_Subscribe"),
	                                         _("Receive what is published to this node"),
	                                         G_CALLBACK(subscribe_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(buttons),
	                   iot_gtk_pubsub_button(win, "unsubscribe", _("_Unsubscribe"),
	                                         _("Stop receiving what is published to this node"),
	                                         G_CALLBACK(unsubscribe_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(buttons),
	                   iot_gtk_pubsub_button(win, "options", _("_Options…"),
	                                         _("The options of your subscription to this node"),
	                                         G_CALLBACK(options_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(buttons),
	                   iot_gtk_pubsub_button(win, "open", _("Data _window"),
	                                         _("Open the window of this node's latest values"),
	                                         G_CALLBACK(open_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(buttons),
	                 iot_gtk_pubsub_button(win, "refresh", _("_Refresh"),
	                                       _("Ask the service for its nodes again"),
	                                       G_CALLBACK(refresh_cb)),
	                 FALSE, FALSE, 0);
	iot_gtk_pubsub_owner_buttons(win, owner);

	gtk_paned_pack1(GTK_PANED(vpaned), iot_gtk_pubsub_tree_new(win), TRUE, FALSE);
	gtk_paned_pack2(GTK_PANED(vpaned), iot_gtk_pubsub_items_new(win), TRUE, FALSE);
	gtk_paned_set_position(GTK_PANED(vpaned), 290);
	gtk_box_pack_start(GTK_BOX(right), vpaned, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(right), buttons, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(right), owner, FALSE, FALSE, 0);

	gtk_paned_pack1(GTK_PANED(hpaned), services_pane(win), FALSE, FALSE);
	gtk_paned_pack2(GTK_PANED(hpaned), right, TRUE, FALSE);
	gtk_paned_set_position(GTK_PANED(hpaned), 180);
	gtk_container_set_border_width(GTK_CONTAINER(hpaned), 6);
	return hpaned;
}

/* ---- life cycle ---------------------------------------------------------------------------- */

static GtkWidget *
status_row(IotGtkPubsub *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6), *close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);

	win->spinner = gtk_spinner_new();
	gtk_widget_set_no_show_all(win->spinner, TRUE);
	win->status_icon = gtk_image_new_from_stock(GTK_STOCK_DIALOG_WARNING, GTK_ICON_SIZE_MENU);
	gtk_widget_set_no_show_all(win->status_icon, TRUE);
	win->status_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->status_label), 0.0f, 0.5f);
	gtk_label_set_ellipsize(GTK_LABEL(win->status_label), PANGO_ELLIPSIZE_END);
	gtk_label_set_selectable(GTK_LABEL(win->status_label), TRUE);
	gtk_widget_set_can_focus(win->status_label, FALSE);
	g_signal_connect_swapped(close, "clicked", G_CALLBACK(gtk_widget_destroy), win->window);
	gtk_box_pack_start(GTK_BOX(box), win->spinner, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->status_icon, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->status_label, TRUE, TRUE, 0);
	gtk_box_pack_end(GTK_BOX(box), close, FALSE, FALSE, 0);
	return box;
}

static void
destroy_cb(GtkWidget *w, IotGtkPubsub *win)
{
	guint i;

	if (win->closing)
		return;
	win->closing = TRUE;
	while (win->dialogs->len > 0)
		gtk_widget_destroy(g_ptr_array_index(win->dialogs, win->dialogs->len - 1));
	iot_gtk_pubsub_items_show(win, NULL); /* ends the watch */
	iot_gtk_pubsub_request_cancel_all(win);
	if (win->idle != 0)
		g_source_remove(win->idle);
	for (i = 0; i < win->connected->len; i++)
		g_signal_handlers_disconnect_matched(g_ptr_array_index(win->connected, i),
		                                     G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
	if (win->ops.on_closed != NULL)
		win->ops.on_closed(win, win->user_data);
	iot_gtk_pubsub_tree_free(win);
	iot_gtk_pubsub_items_free(win);
	g_object_unref(win->services);
	g_object_unref(win->subs);
	g_hash_table_destroy(win->pending);
	g_hash_table_destroy(win->buttons);
	g_ptr_array_free(win->dialogs, TRUE);
	g_ptr_array_free(win->connected, TRUE);
	g_free(win->service);
	g_free(win->status);
	g_free(win->title);
	g_free(win->account_jid);
	g_free(win);
}

static void
map_cb(GtkWidget *w, IotGtkPubsub *win)
{
	if (!win->asked_services && win->online)
		ask_services(win);
}

static gboolean
key_cb(GtkWidget *w, GdkEventKey *ev, IotGtkPubsub *win)
{
	if (ev->keyval == GDK_Escape && (ev->state & gtk_accelerator_get_default_mod_mask()) == 0) {
		gtk_widget_destroy(win->window);
		return TRUE;
	}
	if (ev->keyval == GDK_F5) {
		iot_gtk_pubsub_tree_load(win);
		return TRUE;
	}
	return FALSE;
}

IotGtkPubsub *
iot_gtk_pubsub_new(const char *account_label, const IotGtkPubsubOps *ops, gpointer user_data)
{
	IotGtkPubsub *win = g_new0(IotGtkPubsub, 1);
	GtkWidget *vbox = gtk_vbox_new(FALSE, 6);
	char *text;

	g_return_val_if_fail(ops != NULL && ops->request != NULL, NULL);
	win->ops = *ops;
	win->user_data = user_data;
	win->online = TRUE;
	win->title = iot_format_clean(account_label != NULL ? account_label : "", TITLE_CHARS);
	win->pending = g_hash_table_new(NULL, NULL);
	win->buttons = g_hash_table_new(g_str_hash, g_str_equal);
	win->dialogs = g_ptr_array_new();
	win->connected = g_ptr_array_new();
	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	/* TRANSLATORS: window title; %s is the account. */
	text = g_strdup_printf(_("Publish-subscribe — %s"), win->title);
	gtk_window_set_title(GTK_WINDOW(win->window), text);
	g_free(text);
	gtk_window_set_role(GTK_WINDOW(win->window), "iot-pubsub");
	gtk_window_set_default_size(GTK_WINDOW(win->window), WIDTH, HEIGHT);
	gtk_container_set_border_width(GTK_CONTAINER(win->window), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);

	win->notebook = gtk_notebook_new();
	gtk_notebook_append_page(GTK_NOTEBOOK(win->notebook), browse_tab(win),
	                         gtk_label_new_with_mnemonic(_("_Browse")));
	gtk_notebook_append_page(GTK_NOTEBOOK(win->notebook), iot_gtk_pubsub_subs_new(win),
	                         gtk_label_new_with_mnemonic(_("_My subscriptions")));
	gtk_box_pack_start(GTK_BOX(vbox), win->notebook, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), status_row(win), FALSE, FALSE, 0);

	g_signal_connect(win->window, "destroy", G_CALLBACK(destroy_cb), win);
	g_signal_connect(win->window, "map", G_CALLBACK(map_cb), win);
	g_signal_connect(win->window, "key-press-event", G_CALLBACK(key_cb), win);
	gtk_widget_show_all(vbox);
	iot_gtk_pubsub_update_actions(win);
	return win;
}

void
iot_gtk_pubsub_destroy(IotGtkPubsub *win)
{
	g_return_if_fail(win != NULL);
	gtk_widget_destroy(win->window);
}

GtkWidget *
iot_gtk_pubsub_get_window(IotGtkPubsub *win)
{
	return win->window;
}

void
iot_gtk_pubsub_set_online(IotGtkPubsub *win, gboolean online)
{
	if (win->online == online)
		return;
	win->online = online;
	if (!online) {
		iot_gtk_pubsub_request_cancel_all(win);
		iot_gtk_pubsub_show_status(win, _("The account is offline."), TRUE);
	} else {
		iot_gtk_pubsub_show_status(win, NULL, FALSE);
		ask_services(win);
		if (win->service != NULL)
			iot_gtk_pubsub_tree_load(win);
	}
	iot_gtk_pubsub_update_actions(win);
}

void
iot_gtk_pubsub_event(IotGtkPubsub *win, const char *service, const IotPubsubEvent *ev)
{
	g_return_if_fail(win != NULL && service != NULL && ev != NULL);
	if (ev->kind == IOT_PUBSUB_EVENT_SUBSCRIPTION && ev->subscription != NULL)
		iot_gtk_pubsub_subs_set(win, service, ev->node, ev->subscription->state,
		                        ev->subscription->subid);
	if (g_strcmp0(service, win->service) != 0)
		return;
	switch (ev->kind) {
	case IOT_PUBSUB_EVENT_DELETE:
		iot_gtk_pubsub_subs_set(win, service, ev->node, IOT_PUBSUB_STATE_NONE, NULL);
		iot_gtk_pubsub_tree_remove(win, ev->node);
		break;
	case IOT_PUBSUB_EVENT_CONFIGURATION:
		iot_gtk_pubsub_tree_ask_info(win, ev->node);
		break;
	default:
		break;
	}
	if (g_strcmp0(service, win->watch_service) == 0 && g_strcmp0(ev->node, win->watch_node) == 0)
		iot_gtk_pubsub_items_event(win, ev);
	iot_gtk_pubsub_update_actions(win);
}

/* ---- accessors for tests -------------------------------------------------------------------- */

GtkTreeModel *
iot_gtk_pubsub_get_services_model(IotGtkPubsub *win)
{
	return GTK_TREE_MODEL(win->services);
}

GtkEntry *
iot_gtk_pubsub_get_service_entry(IotGtkPubsub *win)
{
	return GTK_ENTRY(win->service_entry);
}

GtkNotebook *
iot_gtk_pubsub_get_notebook(IotGtkPubsub *win)
{
	return GTK_NOTEBOOK(win->notebook);
}

const char *
iot_gtk_pubsub_get_status(IotGtkPubsub *win)
{
	return win->status != NULL ? win->status : "";
}
