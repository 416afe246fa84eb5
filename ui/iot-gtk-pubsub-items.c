/*
 * iot-gtk-pubsub-items.c — the selected node's last items, decoded, kept
 * current by its events: new items and retractions, a purge, the node's
 * deletion. Items of a storm are coalesced: at most IOT_GTK_PUBSUB_ITEMS
 * wait, applied at most every IOT_GTK_PUBSUB_COALESCE_MS.
 */
#include "iot-gtk-pubsub-private.h"

#include "iot-gtk-published.h"

#include "iot-format.h"
#include "iot-time.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define COALESCE_MS 250

static void
shown_free(gpointer p)
{
	IotGtkPubsubShown *s = p;

	iot_pubsub_item_free(s->item);
	iot_payload_free(s->payload);
	g_free(s);
}

static IotPayload *
decoded(IotGtkPubsub *win, IotGtkPubsubShown *s)
{
	if (s->payload == NULL)
		s->payload = iot_payload_decode(s->item->payload, s->item->time, win->sox);
	return s->payload;
}

/* ---- rows ---- */

static void
set_row(IotGtkPubsub *win, GtkTreeIter *iter, IotGtkPubsubShown *s)
{
	IotPayload *p = decoded(win, s);
	char *summary = iot_payload_summary(p, IOT_GTK_PUBSUB_SUMMARY_CHARS);
	gint64 t = iot_gtk_published_item_time(s->item, p);
	char *when = t != IOT_TIME_UNKNOWN ? iot_time_format_local(t, g_get_real_time()) : g_strdup("");
	char *id = iot_format_clean(s->item->id != NULL ? s->item->id : "", IOT_GTK_PUBSUB_LABEL_CHARS);
	char *publisher = iot_format_clean(s->item->publisher != NULL ? s->item->publisher : "",
	                                   IOT_GTK_PUBSUB_LABEL_CHARS);
	char *clean = iot_format_clean(summary, IOT_GTK_PUBSUB_SUMMARY_CHARS);

	gtk_list_store_set(win->items, iter, IOT_GTK_PUBSUB_ITEM_COL_TIME, when,
	                   IOT_GTK_PUBSUB_ITEM_COL_ID, id, IOT_GTK_PUBSUB_ITEM_COL_PUBLISHER, publisher,
	                   IOT_GTK_PUBSUB_ITEM_COL_SUMMARY, clean, -1);
	g_free(summary);
	g_free(clean);
	g_free(when);
	g_free(id);
	g_free(publisher);
}

static gint
index_of(IotGtkPubsub *win, const char *id)
{
	guint i;

	for (i = 0; id != NULL && i < win->item_list->len; i++) {
		IotGtkPubsubShown *s = g_ptr_array_index(win->item_list, i);

		if (g_strcmp0(s->item->id, id) == 0)
			return (gint)i;
	}
	return -1;
}

static void
remove_at(IotGtkPubsub *win, guint i)
{
	GtkTreeIter iter;

	if (gtk_tree_model_iter_nth_child(GTK_TREE_MODEL(win->items), &iter, NULL, (gint)i))
		gtk_list_store_remove(win->items, &iter);
	g_ptr_array_remove_index(win->item_list, i);
}

/* @item (transfer full) becomes the newest row; the same id replaces its row. */
static void
add_newest(IotGtkPubsub *win, IotPubsubItem *item)
{
	IotGtkPubsubShown *s = g_new0(IotGtkPubsubShown, 1);
	GtkTreeIter iter;
	gint old = index_of(win, item->id);

	s->item = item;
	if (old >= 0)
		remove_at(win, (guint)old);
	g_ptr_array_insert(win->item_list, 0, s);
	gtk_list_store_insert(win->items, &iter, 0);
	set_row(win, &iter, s);
	while (win->item_list->len > IOT_GTK_PUBSUB_ITEMS)
		remove_at(win, win->item_list->len - 1);
}

static void
show_selected_text(IotGtkPubsub *win)
{
	char *text = iot_gtk_pubsub_get_item_text(win);

	gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(win->item_text)), text, -1);
	g_free(text);
}

static void
pending_clear(IotGtkPubsub *win)
{
	guint i;

	for (i = 0; i < win->item_pending->len; i++)
		iot_pubsub_item_free(g_ptr_array_index(win->item_pending, i));
	g_ptr_array_set_size(win->item_pending, 0);
}

static void
clear(IotGtkPubsub *win)
{
	gtk_list_store_clear(win->items);
	g_ptr_array_set_size(win->item_list, 0);
	pending_clear(win);
	show_selected_text(win);
}

/* ---- coalesced items ---- */

static void
apply_pending(IotGtkPubsub *win)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->items_view));
	char *selected = iot_gtk_pubsub_items_selected(win);
	guint i;

	if (win->item_apply != 0)
		g_source_remove(win->item_apply);
	win->item_apply = 0;
	if (win->item_pending->len == 0) {
		g_free(selected);
		return;
	}
	/* Oldest first, so the newest ends on top. */
	g_signal_handlers_block_matched(sel, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
	for (i = 0; i < win->item_pending->len; i++)
		add_newest(win, g_ptr_array_index(win->item_pending, i));
	g_ptr_array_set_size(win->item_pending, 0); /* the rows own them now */
	g_signal_handlers_unblock_matched(sel, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
	if (selected != NULL)
		iot_gtk_pubsub_select_item(win, selected);
	g_free(selected);
	win->item_applies++;
}

static gboolean
apply_cb(gpointer data)
{
	IotGtkPubsub *win = data;

	win->item_apply = 0;
	apply_pending(win);
	return FALSE;
}

static void
queue_item(IotGtkPubsub *win, const IotPubsubItem *item)
{
	g_ptr_array_add(win->item_pending, iot_pubsub_item_copy(item));
	/* Only the newest can be shown: older ones of a storm are dropped here. */
	while (win->item_pending->len > IOT_GTK_PUBSUB_ITEMS) {
		iot_pubsub_item_free(g_ptr_array_index(win->item_pending, 0));
		g_ptr_array_remove_index(win->item_pending, 0);
	}
	if (win->item_apply == 0)
		win->item_apply = g_timeout_add(COALESCE_MS, apply_cb, win);
}

/* ---- loading and events ---- */

static gint
older_first(gconstpointer a, gconstpointer b)
{
	const IotPubsubItem *x = *(IotPubsubItem *const *)a, *y = *(IotPubsubItem *const *)b;

	return x->time < y->time ? -1 : x->time > y->time ? 1 : 0;
}

static void
items_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	GPtrArray *sorted;
	guint i;

	if (win->items_req == req)
		win->items_req = NULL;
	if (g_strcmp0(req->service, win->watch_service) != 0 ||
	    g_strcmp0(req->node, win->watch_node) != 0)
		return;
	if (req->error != NULL) {
		char *text = g_strdup_printf(_("Could not get the items: %s"), req->error);

		gtk_label_set_text(GTK_LABEL(win->items_label), text);
		g_free(text);
		return;
	}
	/* Services send items in any order: the times say which is newest;
	 * items without times keep the service's order. */
	sorted = g_ptr_array_new();
	for (i = 0; req->list != NULL && i < req->list->len; i++)
		g_ptr_array_add(sorted, g_ptr_array_index(req->list, i));
	g_ptr_array_sort(sorted, older_first);
	for (i = 0; i < sorted->len; i++)
		add_newest(win, iot_pubsub_item_copy(g_ptr_array_index(sorted, i)));
	g_ptr_array_free(sorted, TRUE);
	gtk_label_set_text(GTK_LABEL(win->items_label),
	                   win->item_list->len == 0 ? _("This node has no items.") : _("Last items:"));
	if (win->item_list->len > 0)
		iot_gtk_pubsub_select_item(win, ((IotGtkPubsubShown *)g_ptr_array_index(win->item_list, 0))
		                                    ->item->id);
}

void
iot_gtk_pubsub_items_show(IotGtkPubsub *win, const char *node)
{
	if (win->watch_node != NULL && g_strcmp0(win->watch_node, node) == 0 &&
	    g_strcmp0(win->watch_service, win->service) == 0)
		return;
	if (win->items_req != NULL)
		iot_gtk_pubsub_request_cancel(win->items_req);
	win->items_req = NULL;
	if (win->watch_node != NULL && win->ops.unwatch != NULL)
		win->ops.unwatch(win, win->watch_service, win->watch_node, win->user_data);
	g_free(win->watch_service);
	g_free(win->watch_node);
	win->watch_service = win->watch_node = NULL;
	if (win->item_apply != 0)
		g_source_remove(win->item_apply);
	win->item_apply = 0;
	iot_sox_meta_free(win->sox);
	win->sox = NULL;
	if (win->closing)
		return;
	clear(win);
	gtk_label_set_text(GTK_LABEL(win->items_label), "");
	if (node == NULL || win->service == NULL)
		return;
	win->sox = iot_sox_meta_new();
	win->watch_service = g_strdup(win->service);
	win->watch_node = g_strdup(node);
	if (win->ops.watch != NULL)
		win->ops.watch(win, win->watch_service, win->watch_node, win->user_data);
	if (!win->online)
		return;
	gtk_label_set_text(GTK_LABEL(win->items_label), _("Asking for the last items…"));
	win->items_req = iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_ITEMS, win->service, node,
	                                            items_done);
	win->items_req->max_items = IOT_GTK_PUBSUB_ITEMS;
	iot_gtk_pubsub_request_send(win->items_req);
}

void
iot_gtk_pubsub_items_event(IotGtkPubsub *win, const IotPubsubEvent *ev)
{
	guint i;

	switch (ev->kind) {
	case IOT_PUBSUB_EVENT_ITEMS:
		/* Retractions after what came before them. */
		if (ev->retracted != NULL && ev->retracted->len > 0)
			apply_pending(win);
		for (i = 0; ev->retracted != NULL && i < ev->retracted->len; i++) {
			gint at = index_of(win, g_ptr_array_index(ev->retracted, i));

			if (at >= 0)
				remove_at(win, (guint)at);
		}
		for (i = 0; ev->items != NULL && i < ev->items->len; i++)
			queue_item(win, g_ptr_array_index(ev->items, i));
		if (ev->items != NULL && ev->items->len > 0)
			gtk_label_set_text(GTK_LABEL(win->items_label), _("Last items:"));
		break;
	case IOT_PUBSUB_EVENT_PURGE:
		clear(win);
		gtk_label_set_text(GTK_LABEL(win->items_label), _("The owner removed every item of this node."));
		break;
	case IOT_PUBSUB_EVENT_DELETE:
		clear(win);
		gtk_label_set_text(GTK_LABEL(win->items_label), _("This node was deleted."));
		break;
	default:
		break;
	}
	show_selected_text(win);
}

void
iot_gtk_pubsub_items_remove(IotGtkPubsub *win, const char *item_id)
{
	gint at;

	apply_pending(win);
	at = index_of(win, item_id);
	if (at >= 0)
		remove_at(win, (guint)at);
	show_selected_text(win);
}

/* ---- selection ---- */

char *
iot_gtk_pubsub_items_selected(IotGtkPubsub *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	GtkTreePath *path;
	char *id = NULL;
	gint i;

	if (win->items_view == NULL ||
	    !gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->items_view)),
	                                     &m, &iter))
		return NULL;
	path = gtk_tree_model_get_path(m, &iter);
	i = gtk_tree_path_get_indices(path)[0];
	gtk_tree_path_free(path);
	if (i >= 0 && (guint)i < win->item_list->len) {
		IotGtkPubsubShown *s = g_ptr_array_index(win->item_list, i);

		id = g_strdup(s->item->id != NULL ? s->item->id : "");
	}
	return id;
}

gboolean
iot_gtk_pubsub_select_item(IotGtkPubsub *win, const char *item_id)
{
	gint i = index_of(win, item_id);
	GtkTreePath *path;

	if (i < 0)
		return FALSE;
	path = gtk_tree_path_new_from_indices(i, -1);
	gtk_tree_selection_select_path(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->items_view)),
	                               path);
	gtk_tree_path_free(path);
	return TRUE;
}

char *
iot_gtk_pubsub_get_item_text(IotGtkPubsub *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	GtkTreePath *path;
	gint i;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->items_view)),
	                                     &m, &iter))
		return g_strdup("");
	path = gtk_tree_model_get_path(m, &iter);
	i = gtk_tree_path_get_indices(path)[0];
	gtk_tree_path_free(path);
	if (i < 0 || (guint)i >= win->item_list->len)
		return g_strdup("");
	return iot_gtk_published_payload_text(decoded(win, g_ptr_array_index(win->item_list, i)));
}

static void
item_selected(GtkTreeSelection *sel, IotGtkPubsub *win)
{
	show_selected_text(win);
	iot_gtk_pubsub_update_actions(win);
}

GtkTreeModel *
iot_gtk_pubsub_get_items_model(IotGtkPubsub *win)
{
	return GTK_TREE_MODEL(win->items);
}

/* ---- the widget ---- */

static void
add_column(IotGtkPubsub *win, const char *title, int col, int width)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, NULL);

	g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_expand(c, width == 0);
	if (width > 0)
		gtk_tree_view_column_set_min_width(c, width);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->items_view), c);
}

GtkWidget *
iot_gtk_pubsub_items_new(IotGtkPubsub *win)
{
	GtkWidget *vbox = gtk_vbox_new(FALSE, 4), *hpaned = gtk_hpaned_new();
	GtkWidget *list_scroll = gtk_scrolled_window_new(NULL, NULL);
	GtkWidget *text_scroll = gtk_scrolled_window_new(NULL, NULL);

	win->item_list = g_ptr_array_new_with_free_func(shown_free);
	win->item_pending = g_ptr_array_new();
	win->items = gtk_list_store_new(IOT_GTK_PUBSUB_ITEM_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING, G_TYPE_STRING);
	win->items_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->items));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->items_view), TRUE);
	add_column(win, _("Time"), IOT_GTK_PUBSUB_ITEM_COL_TIME, 75);
	add_column(win, _("Item"), IOT_GTK_PUBSUB_ITEM_COL_ID, 50);
	add_column(win, _("Content"), IOT_GTK_PUBSUB_ITEM_COL_SUMMARY, 0);
	iot_gtk_pubsub_connect(win, gtk_tree_view_get_selection(GTK_TREE_VIEW(win->items_view)),
	                       "changed", G_CALLBACK(item_selected));
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(list_scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(list_scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(list_scroll), win->items_view);

	/* Plain text: what a payload says is shown as sent, never as markup. */
	win->item_text = gtk_text_view_new();
	gtk_text_view_set_editable(GTK_TEXT_VIEW(win->item_text), FALSE);
	gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(win->item_text), GTK_WRAP_WORD_CHAR);
	gtk_text_view_set_left_margin(GTK_TEXT_VIEW(win->item_text), 4);
	gtk_widget_modify_font(win->item_text, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(text_scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(text_scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(text_scroll), win->item_text);

	gtk_paned_pack1(GTK_PANED(hpaned), list_scroll, TRUE, FALSE);
	gtk_paned_pack2(GTK_PANED(hpaned), text_scroll, TRUE, FALSE);
	gtk_paned_set_position(GTK_PANED(hpaned), 360);
	win->items_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->items_label), 0.0f, 0.5f);
	gtk_label_set_ellipsize(GTK_LABEL(win->items_label), PANGO_ELLIPSIZE_END);
	gtk_box_pack_start(GTK_BOX(vbox), win->items_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hpaned, TRUE, TRUE, 0);
	return vbox;
}

void
iot_gtk_pubsub_items_free(IotGtkPubsub *win)
{
	if (win->item_apply != 0)
		g_source_remove(win->item_apply);
	win->item_apply = 0;
	g_ptr_array_free(win->item_list, TRUE);
	pending_clear(win);
	g_ptr_array_free(win->item_pending, TRUE);
	iot_sox_meta_free(win->sox);
	g_free(win->watch_service);
	g_free(win->watch_node);
	g_object_unref(win->items);
}
