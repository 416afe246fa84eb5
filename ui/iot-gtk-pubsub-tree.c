/*
 * iot-gtk-pubsub-tree.c — the nodes of the selected service as a tree:
 * collections are loaded as the person expands them, each node's meta-data
 * (title, type, access model, items, subscribers) fills its row when the
 * service tells it, and our subscription state comes from the service's list.
 */
#include "iot-gtk-pubsub-private.h"

#include "iot-format.h"
#include "iot-jid.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define COLUMN_CHARS 40

const char *
iot_gtk_pubsub_state_explained(IotPubsubState state)
{
	switch (state) {
	case IOT_PUBSUB_STATE_SUBSCRIBED:
		return _("Subscribed: what is published to this node reaches you.");
	case IOT_PUBSUB_STATE_PENDING:
		return _("Pending: the node's owner has not approved your subscription yet. Nothing "
		         "reaches you until they do.");
	case IOT_PUBSUB_STATE_UNCONFIGURED:
		return _("Unconfigured: the service wants the subscription's options set (Options…) "
		         "before it delivers anything.");
	default:
		return _("Not subscribed.");
	}
}

const char *
iot_gtk_pubsub_state_word(IotPubsubState state)
{
	switch (state) {
	/* TRANSLATORS: a subscription's state in a narrow column. */
	case IOT_PUBSUB_STATE_SUBSCRIBED: return _("Subscribed");
	case IOT_PUBSUB_STATE_PENDING: return _("Pending");
	case IOT_PUBSUB_STATE_UNCONFIGURED: return _("Unconfigured");
	default: return "";
	}
}

/* Returns: (transfer full): a node's type: "Collection", "Leaf", or "Leaf:
 * Atom" with what its payloads are. */
static char *
type_text(const IotPubsubNodeMeta *m)
{
	const char *t = m->payload_type, *what = NULL;
	char *clean, *out;

	if (m->is_collection)
		return g_strdup(_("Collection"));
	if (t == NULL || *t == '\0')
		return g_strdup(_("Leaf"));
	if (strcmp(t, IOT_NS_ATOM) == 0)
		what = "Atom";
	else if (strcmp(t, IOT_NS_SOX) == 0)
		what = "SOX";
	else if (strstr(t, "iot:sd") != NULL || strstr(t, "iot:sensordata") != NULL ||
	         strstr(t, "urn:xmpp:sn") != NULL)
		what = _("Sensor data");
	clean = iot_format_clean(what != NULL ? what : t, COLUMN_CHARS);
	/* TRANSLATORS: a node's type and what it publishes: "Leaf: Sensor data". */
	out = g_strdup_printf(_("Leaf: %s"), clean);
	g_free(clean);
	return out;
}

static GtkTreeRowReference *
row_ref(IotGtkPubsub *win, const char *node)
{
	return node != NULL ? g_hash_table_lookup(win->node_rows, node) : NULL;
}

static gboolean
node_iter(IotGtkPubsub *win, const char *node, GtkTreeIter *iter)
{
	GtkTreeRowReference *ref = row_ref(win, node);
	GtkTreePath *path;
	gboolean ok;

	if (ref == NULL || (path = gtk_tree_row_reference_get_path(ref)) == NULL)
		return FALSE;
	ok = gtk_tree_model_get_iter(GTK_TREE_MODEL(win->nodes), iter, path);
	gtk_tree_path_free(path);
	return ok;
}

static void
set_placeholder(IotGtkPubsub *win, GtkTreeIter *parent, const char *text)
{
	GtkTreeIter child;

	gtk_tree_store_append(win->nodes, &child, parent);
	gtk_tree_store_set(win->nodes, &child, IOT_GTK_PUBSUB_NODE_COL_NAME, text,
	                   IOT_GTK_PUBSUB_NODE_COL_STATE_ID, IOT_PUBSUB_STATE_NONE, -1);
}

static void
remove_children(IotGtkPubsub *win, GtkTreeIter *parent)
{
	GtkTreeIter child;

	while (gtk_tree_model_iter_children(GTK_TREE_MODEL(win->nodes), &child, parent)) {
		char *node;

		remove_children(win, &child);
		gtk_tree_model_get(GTK_TREE_MODEL(win->nodes), &child, IOT_GTK_PUBSUB_NODE_COL_NODE, &node,
		                   -1);
		if (node != NULL)
			g_hash_table_remove(win->node_rows, node);
		g_free(node);
		gtk_tree_store_remove(win->nodes, &child);
	}
}

static void
apply_state(IotGtkPubsub *win, GtkTreeIter *iter, IotPubsubState state, const char *subid)
{
	gtk_tree_store_set(win->nodes, iter, IOT_GTK_PUBSUB_NODE_COL_STATE_ID, state,
	                   IOT_GTK_PUBSUB_NODE_COL_STATE,
	                   iot_gtk_pubsub_state_word(state),
	                   IOT_GTK_PUBSUB_NODE_COL_SUBID, subid, -1);
}

void
iot_gtk_pubsub_tree_set_state(IotGtkPubsub *win, const char *node, IotPubsubState state,
                              const char *subid)
{
	GtkTreeIter iter;
	IotPubsubSubscription *sub;

	if (state == IOT_PUBSUB_STATE_NONE) {
		g_hash_table_remove(win->states, node);
	} else {
		sub = iot_pubsub_subscription_new();
		g_free(sub->node);
		sub->node = g_strdup(node);
		sub->subid = g_strdup(subid);
		sub->state = state;
		g_hash_table_replace(win->states, sub->node, sub);
	}
	if (node_iter(win, node, &iter))
		apply_state(win, &iter, state, subid);
	iot_gtk_pubsub_tree_explain(win);
}

void
iot_gtk_pubsub_tree_remove(IotGtkPubsub *win, const char *node)
{
	GtkTreeIter iter;

	if (!node_iter(win, node, &iter))
		return;
	remove_children(win, &iter);
	g_hash_table_remove(win->node_rows, node);
	gtk_tree_store_remove(win->nodes, &iter);
	iot_gtk_pubsub_tree_explain(win);
}

/* ---- meta-data ---- */

static gboolean
names_us(IotGtkPubsub *win, char **owners)
{
	guint i;

	if (owners == NULL)
		return TRUE; /* not told: the service decides when asked */
	for (i = 0; win->account_jid != NULL && owners[i] != NULL; i++)
		if (iot_jid_same_bare(owners[i], win->account_jid))
			return TRUE;
	return FALSE;
}

static char *
count_text(gint n)
{
	return n < 0 ? g_strdup("") : g_strdup_printf("%d", n);
}

static void
info_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	const IotPubsubNodeMeta *m = req->meta;
	GtkTreeIter iter;
	char *title, *type, *access, *items, *subs;
	gboolean had_children, loaded;

	if (g_strcmp0(req->service, win->service) != 0 || !node_iter(win, req->node, &iter))
		return;
	if (req->error != NULL || m == NULL) {
		/* The row stays, its columns empty; the reason goes in its tooltip. */
		gtk_tree_store_set(win->nodes, &iter, IOT_GTK_PUBSUB_NODE_COL_TITLE, "", -1);
		return;
	}
	if (m->title != NULL && *m->title != '\0')
		title = iot_format_clean(m->title, COLUMN_CHARS);
	else
		gtk_tree_model_get(GTK_TREE_MODEL(win->nodes), &iter, IOT_GTK_PUBSUB_NODE_COL_TITLE, &title, -1);
	type = type_text(m);
	access = iot_format_clean(m->access_model != NULL ? m->access_model : "", COLUMN_CHARS);
	items = count_text(m->num_items);
	subs = count_text(m->num_subscribers);
	gtk_tree_model_get(GTK_TREE_MODEL(win->nodes), &iter, IOT_GTK_PUBSUB_NODE_COL_LOADED, &loaded,
	                   -1);
	had_children = gtk_tree_model_iter_has_child(GTK_TREE_MODEL(win->nodes), &iter);
	gtk_tree_store_set(win->nodes, &iter, IOT_GTK_PUBSUB_NODE_COL_TITLE, title,
	                   IOT_GTK_PUBSUB_NODE_COL_TYPE, type, IOT_GTK_PUBSUB_NODE_COL_ACCESS, access,
	                   IOT_GTK_PUBSUB_NODE_COL_ITEMS, items, IOT_GTK_PUBSUB_NODE_COL_SUBSCRIBERS, subs,
	                   IOT_GTK_PUBSUB_NODE_COL_COLLECTION, m->is_collection,
	                   IOT_GTK_PUBSUB_NODE_COL_OWNER,
	                   iot_jid_same_bare(win->service, win->account_jid) || names_us(win, m->owners),
	                   -1);
	/* A collection gets its expander: its children are asked for when opened. */
	if (m->is_collection && !had_children && !loaded)
		set_placeholder(win, &iter, _("Loading…"));
	g_free(title);
	g_free(type);
	g_free(access);
	g_free(items);
	g_free(subs);
	iot_gtk_pubsub_update_actions(win);
}

void
iot_gtk_pubsub_tree_ask_info(IotGtkPubsub *win, const char *node)
{
	iot_gtk_pubsub_request_send(
	    iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_NODE_INFO, win->service, node, info_done));
}

/* ---- loading ---- */

static void
nodes_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	GtkTreeIter parent_iter, iter, *parent = NULL;
	guint i;

	if (g_strcmp0(req->service, win->service) != 0)
		return;
	if (req->node != NULL) {
		if (!node_iter(win, req->node, &parent_iter))
			return;
		parent = &parent_iter;
	}
	remove_children(win, parent);
	if (req->error != NULL) {
		char *text = g_strdup_printf(_("Could not load the nodes: %s"), req->error);

		if (parent != NULL) {
			set_placeholder(win, parent, text);
			gtk_tree_store_set(win->nodes, parent, IOT_GTK_PUBSUB_NODE_COL_LOADED, FALSE, -1);
		}
		iot_gtk_pubsub_show_status(win, text, TRUE);
		g_free(text);
		return;
	}
	for (i = 0; req->list != NULL && i < req->list->len; i++) {
		const IotPubsubNodeRef *ref = g_ptr_array_index(req->list, i);
		const IotPubsubSubscription *sub;
		GtkTreePath *path;
		char *name, *title;

		/* Items of a leaf come back as entries without nodes; a node named
		 * twice is shown once. */
		if (ref->node == NULL || g_hash_table_contains(win->node_rows, ref->node))
			continue;
		/* The node's id is what one subscribes to; the service's name for
		 * it stands as its title until the meta-data tells one. */
		name = iot_format_clean(ref->node, IOT_GTK_PUBSUB_LABEL_CHARS);
		title = iot_format_clean(ref->name != NULL ? ref->name : "", COLUMN_CHARS);
		gtk_tree_store_append(win->nodes, &iter, parent);
		gtk_tree_store_set(win->nodes, &iter, IOT_GTK_PUBSUB_NODE_COL_NODE, ref->node,
		                   IOT_GTK_PUBSUB_NODE_COL_NAME, name, IOT_GTK_PUBSUB_NODE_COL_TITLE, title,
		                   IOT_GTK_PUBSUB_NODE_COL_OWNER,
		                   iot_jid_same_bare(win->service, win->account_jid), -1);
		g_free(title);
		sub = g_hash_table_lookup(win->states, ref->node);
		apply_state(win, &iter, sub != NULL ? sub->state : IOT_PUBSUB_STATE_NONE,
		            sub != NULL ? sub->subid : NULL);
		path = gtk_tree_model_get_path(GTK_TREE_MODEL(win->nodes), &iter);
		g_hash_table_insert(win->node_rows, g_strdup(ref->node),
		                    gtk_tree_row_reference_new(GTK_TREE_MODEL(win->nodes), path));
		gtk_tree_path_free(path);
		g_free(name);
		if (i < IOT_GTK_PUBSUB_INFO_PER_LEVEL)
			iot_gtk_pubsub_tree_ask_info(win, ref->node);
	}
	if (req->truncated)
		iot_gtk_pubsub_show_status(win, _("The service has more nodes than are shown here."), FALSE);
	else if (parent == NULL && (req->list == NULL || req->list->len == 0))
		iot_gtk_pubsub_show_status(win, _("This service has no nodes you may see."), FALSE);
	if (parent != NULL) {
		GtkTreePath *path = gtk_tree_model_get_path(GTK_TREE_MODEL(win->nodes), parent);

		gtk_tree_view_expand_row(GTK_TREE_VIEW(win->nodes_view), path, FALSE);
		gtk_tree_path_free(path);
	}
}

static void
load_children(IotGtkPubsub *win, const char *node)
{
	iot_gtk_pubsub_request_send(
	    iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_NODES, win->service, node, nodes_done));
}

static void
subscriptions_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	guint i;

	if (g_strcmp0(req->service, win->service) != 0 || req->error != NULL)
		return; /* a service without the feature: every state stays "none" */
	for (i = 0; req->list != NULL && i < req->list->len; i++) {
		const IotPubsubSubscription *s = g_ptr_array_index(req->list, i);

		iot_gtk_pubsub_tree_set_state(win, s->node, s->state, s->subid);
		iot_gtk_pubsub_subs_set(win, req->service, s->node, s->state, s->subid);
	}
	iot_gtk_pubsub_update_actions(win);
}

void
iot_gtk_pubsub_tree_load(IotGtkPubsub *win)
{
	remove_children(win, NULL);
	g_hash_table_remove_all(win->states);
	iot_gtk_pubsub_tree_explain(win);
	if (win->service == NULL || !win->online)
		return;
	load_children(win, NULL);
	iot_gtk_pubsub_request_send(iot_gtk_pubsub_request_new(win, IOT_GTK_PUBSUB_REQ_SUBSCRIPTIONS,
	                                                       win->service, NULL, subscriptions_done));
}

static void
row_expanded(GtkTreeView *view, GtkTreeIter *iter, GtkTreePath *path, IotGtkPubsub *win)
{
	char *node;
	gboolean loaded;

	gtk_tree_model_get(GTK_TREE_MODEL(win->nodes), iter, IOT_GTK_PUBSUB_NODE_COL_NODE, &node,
	                   IOT_GTK_PUBSUB_NODE_COL_LOADED, &loaded, -1);
	if (node != NULL && !loaded && win->online) {
		gtk_tree_store_set(win->nodes, iter, IOT_GTK_PUBSUB_NODE_COL_LOADED, TRUE, -1);
		load_children(win, node);
	}
	g_free(node);
}

/* ---- selection ---- */

char *
iot_gtk_pubsub_tree_selected(IotGtkPubsub *win, IotPubsubState *state, char **subid,
                             gboolean *owner, gboolean *collection)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	char *node = NULL, *sid = NULL;
	gint st = IOT_PUBSUB_STATE_NONE;
	gboolean own = FALSE, coll = FALSE;

	if (win->nodes_view != NULL &&
	    gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->nodes_view)),
	                                    &m, &iter))
		gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_NODE_COL_NODE, &node,
		                   IOT_GTK_PUBSUB_NODE_COL_STATE_ID, &st, IOT_GTK_PUBSUB_NODE_COL_SUBID, &sid,
		                   IOT_GTK_PUBSUB_NODE_COL_OWNER, &own, IOT_GTK_PUBSUB_NODE_COL_COLLECTION,
		                   &coll, -1);
	if (state != NULL)
		*state = st;
	if (owner != NULL)
		*owner = own;
	if (collection != NULL)
		*collection = coll;
	if (subid != NULL)
		*subid = sid;
	else
		g_free(sid);
	return node;
}

void
iot_gtk_pubsub_tree_explain(IotGtkPubsub *win)
{
	IotPubsubState state;
	char *node = iot_gtk_pubsub_tree_selected(win, &state, NULL, NULL, NULL);

	gtk_label_set_text(GTK_LABEL(win->state_label),
	                   node != NULL ? iot_gtk_pubsub_state_explained(state) : "");
	g_free(node);
}

static void
node_selected(GtkTreeSelection *sel, IotGtkPubsub *win)
{
	gboolean collection = FALSE;
	char *node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, &collection);

	iot_gtk_pubsub_tree_explain(win);
	/* A collection holds nodes, not items. */
	iot_gtk_pubsub_items_show(win, collection ? NULL : node);
	if (collection)
		gtk_label_set_text(GTK_LABEL(win->items_label), _("A collection holds nodes, not items."));
	iot_gtk_pubsub_update_actions(win);
	g_free(node);
}

gboolean
iot_gtk_pubsub_select_node(IotGtkPubsub *win, const char *node)
{
	GtkTreeIter iter;
	GtkTreePath *path;

	if (!node_iter(win, node, &iter))
		return FALSE;
	path = gtk_tree_model_get_path(GTK_TREE_MODEL(win->nodes), &iter);
	/* Its parents open (they are loaded), the row itself stays as it is. */
	if (gtk_tree_path_get_depth(path) > 1) {
		GtkTreePath *parent = gtk_tree_path_copy(path);

		gtk_tree_path_up(parent);
		gtk_tree_view_expand_to_path(GTK_TREE_VIEW(win->nodes_view), parent);
		gtk_tree_path_free(parent);
	}
	gtk_tree_view_set_cursor(GTK_TREE_VIEW(win->nodes_view), path, NULL, FALSE);
	gtk_tree_path_free(path);
	return TRUE;
}

gboolean
iot_gtk_pubsub_expand_node(IotGtkPubsub *win, const char *node)
{
	GtkTreeIter iter;
	GtkTreePath *path;

	if (!node_iter(win, node, &iter))
		return FALSE;
	path = gtk_tree_model_get_path(GTK_TREE_MODEL(win->nodes), &iter);
	gtk_tree_view_expand_row(GTK_TREE_VIEW(win->nodes_view), path, FALSE);
	gtk_tree_path_free(path);
	return TRUE;
}

/* ---- the widget ---- */

static void
add_column(IotGtkPubsub *win, const char *title, int col, int min_width)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, NULL);

	g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	/* Names and titles take the room left; the others are short words. */
	gtk_tree_view_column_set_expand(c, min_width == 0);
	gtk_tree_view_column_set_min_width(c, min_width == 0 ? 110 : min_width);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->nodes_view), c);
}

GtkWidget *
iot_gtk_pubsub_tree_new(IotGtkPubsub *win)
{
	GtkWidget *vbox = gtk_vbox_new(FALSE, 4), *scrolled = gtk_scrolled_window_new(NULL, NULL);

	win->nodes = gtk_tree_store_new(IOT_GTK_PUBSUB_NODE_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_BOOLEAN,
	                                G_TYPE_BOOLEAN, G_TYPE_STRING, G_TYPE_BOOLEAN);
	win->node_rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                       (GDestroyNotify)gtk_tree_row_reference_free);
	win->states = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	                                    (GDestroyNotify)iot_pubsub_subscription_free);
	win->nodes_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->nodes));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->nodes_view), TRUE);
	add_column(win, _("Node"), IOT_GTK_PUBSUB_NODE_COL_NAME, 0);
	add_column(win, _("Title"), IOT_GTK_PUBSUB_NODE_COL_TITLE, 0);
	add_column(win, _("Type"), IOT_GTK_PUBSUB_NODE_COL_TYPE, 135);
	add_column(win, _("Access"), IOT_GTK_PUBSUB_NODE_COL_ACCESS, 85);
	/* TRANSLATORS: column of a node's number of items; keep it short. */
	add_column(win, _("Items"), IOT_GTK_PUBSUB_NODE_COL_ITEMS, 40);
	/* TRANSLATORS: column of a node's number of subscribers; keep it short. */
	add_column(win, _("Subs."), IOT_GTK_PUBSUB_NODE_COL_SUBSCRIBERS, 40);
	add_column(win, _("State"), IOT_GTK_PUBSUB_NODE_COL_STATE, 90);
	iot_gtk_pubsub_connect(win, win->nodes_view, "row-expanded", G_CALLBACK(row_expanded));
	iot_gtk_pubsub_connect(win, gtk_tree_view_get_selection(GTK_TREE_VIEW(win->nodes_view)),
	                       "changed", G_CALLBACK(node_selected));
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scrolled), win->nodes_view);
	win->state_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->state_label), 0.0f, 0.5f);
	gtk_label_set_line_wrap(GTK_LABEL(win->state_label), TRUE);
	gtk_widget_set_size_request(win->state_label, 600, -1);
	gtk_box_pack_start(GTK_BOX(vbox), scrolled, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), win->state_label, FALSE, FALSE, 0);
	return vbox;
}

void
iot_gtk_pubsub_tree_free(IotGtkPubsub *win)
{
	g_hash_table_destroy(win->node_rows);
	g_hash_table_destroy(win->states);
	g_object_unref(win->nodes);
}

GtkTreeModel *
iot_gtk_pubsub_get_nodes_model(IotGtkPubsub *win)
{
	return GTK_TREE_MODEL(win->nodes);
}

GtkTreeView *
iot_gtk_pubsub_get_nodes_view(IotGtkPubsub *win)
{
	return GTK_TREE_VIEW(win->nodes_view);
}

const char *
iot_gtk_pubsub_get_state_text(IotGtkPubsub *win)
{
	return gtk_label_get_text(GTK_LABEL(win->state_label));
}

void
iot_gtk_pubsub_set_account_jid(IotGtkPubsub *win, const char *jid)
{
	g_free(win->account_jid);
	win->account_jid = jid != NULL ? iot_jid_bare(jid) : NULL;
}
