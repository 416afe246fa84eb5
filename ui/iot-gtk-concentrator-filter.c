/*
 * iot-gtk-concentrator-filter.c — finding nodes in the concentrator window:
 * the search over what is loaded and the health filter (nodes in error or
 * warning) show their matches as a list beside the tree, filled a few
 * milliseconds per turn of the main loop so that 10,000 nodes never hold it
 * up; "find node by id" asks the owner and opens the tree down to the node,
 * loading each level on the way.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-error.h"
#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Work per turn of the main loop while filling the results. */
#define CHUNK_US 8000

/* ---- selection and views -------------------------------------------------------------- */

gboolean
iot_gtk_conc_filter_active(IotGtkConcentrator *win)
{
	return win->filter_text != NULL || win->filter_health;
}

GtkTreeView *
iot_gtk_conc_active_view(IotGtkConcentrator *win)
{
	return GTK_TREE_VIEW(iot_gtk_conc_filter_active(win) ? win->results_view : win->view);
}

GPtrArray *
iot_gtk_conc_selected(IotGtkConcentrator *win)
{
	GtkTreeView *view = iot_gtk_conc_active_view(win);
	GtkTreeModel *model;
	GList *paths, *l;
	GPtrArray *rows = g_ptr_array_new();

	paths = gtk_tree_selection_get_selected_rows(gtk_tree_view_get_selection(view), &model);
	for (l = paths; l != NULL && rows->len < IOT_GTK_CONC_MAX_SELECTED; l = l->next) {
		GtkTreeIter it;
		IotGtkConcRow *row;

		if (gtk_tree_model_get_iter(model, &it, l->data) &&
		    (row = iot_gtk_conc_row_at(model, &it, NULL)) != NULL)
			g_ptr_array_add(rows, row);
	}
	g_list_free_full(paths, (GDestroyNotify)gtk_tree_path_free);
	return rows;
}

/* ---- matching ----------------------------------------------------------------------------- */

static gboolean
contains(const char *haystack, const char *folded_needle)
{
	char *folded;
	gboolean found;

	if (haystack == NULL || *haystack == '\0')
		return FALSE;
	folded = g_utf8_casefold(haystack, -1);
	found = strstr(folded, folded_needle) != NULL;
	g_free(folded);
	return found;
}

static gboolean
matches(IotGtkConcentrator *win, const IotGtkConcRow *row)
{
	const IotConcentratorNode *n = row->node;

	if (n == NULL)
		return FALSE;
	if (win->filter_health && n->state < IOT_NODE_STATE_WARNING_SIGNED)
		return FALSE;
	if (win->filter_text != NULL && !contains(n->display_name, win->filter_text) &&
	    !contains(n->ref.node_id, win->filter_text) && !contains(n->node_type, win->filter_text))
		return FALSE;
	return TRUE;
}

static void
add_result(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeIter it;

	gtk_list_store_insert_with_values(win->results, &it, -1, IOT_GTK_CONC_STORE_ROW, row, -1);
	g_hash_table_insert(win->result_rows, row, g_slice_dup(GtkTreeIter, &it));
	win->filter_matches++;
}

static void
iter_free(gpointer it)
{
	g_slice_free(GtkTreeIter, it);
}

static void
say_results(IotGtkConcentrator *win)
{
	guint n = win->filter_matches;
	char *text, *needle = NULL;

	if (win->filter_text != NULL)
		needle = iot_format_clean(gtk_entry_get_text(GTK_ENTRY(win->search_entry)),
		                          IOT_GTK_CONC_LABEL_CHARS);
	if (win->filter_todo != NULL)
		/* TRANSLATORS: while the search goes through the loaded nodes. */
		text = g_strdup_printf(_("Searching… %u found so far."), n);
	else if (needle != NULL && win->filter_health)
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE,
		                                   "%u loaded node in error or warning matches “%s”.",
		                                   "%u loaded nodes in error or warning match “%s”.", n),
		                       n, needle);
	else if (needle != NULL)
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u loaded node matches “%s”.",
		                                   "%u loaded nodes match “%s”.", n),
		                       n, needle);
	else
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u loaded node is in error or warning.",
		                                   "%u loaded nodes are in error or warning.", n),
		                       n);
	if (n == 0 && win->filter_todo == NULL && needle != NULL) {
		/* TRANSLATORS: after "0 loaded nodes match “x”." */
		char *more = g_strconcat(text, " ", _("Find by ID asks the concentrator (Ctrl+I)."), NULL);

		g_free(text);
		text = more;
	}
	gtk_label_set_text(GTK_LABEL(win->results_label), text);
	g_free(win->results_text);
	win->results_text = text;
	g_free(needle);
}

static void
stop_filling(IotGtkConcentrator *win)
{
	if (win->filter_idle != 0)
		g_source_remove(win->filter_idle);
	win->filter_idle = 0;
	if (win->filter_todo != NULL)
		g_ptr_array_free(win->filter_todo, TRUE);
	win->filter_todo = NULL;
}

static gboolean
fill_idle(gpointer data)
{
	IotGtkConcentrator *win = data;
	gint64 until = g_get_monotonic_time() + CHUNK_US;
	guint n = 0;

	while (win->filter_pos < win->filter_todo->len) {
		IotGtkConcRow *row = g_ptr_array_index(win->filter_todo, win->filter_pos++);

		if (!g_hash_table_contains(win->result_rows, row) && matches(win, row))
			add_result(win, row);
		if (++n % 64 == 0 && g_get_monotonic_time() > until)
			break;
	}
	if (win->filter_pos < win->filter_todo->len) {
		say_results(win);
		return TRUE;
	}
	win->filter_idle = 0;
	g_ptr_array_free(win->filter_todo, TRUE);
	win->filter_todo = NULL;
	say_results(win);
	iot_gtk_conc_update_actions(win);
	return FALSE;
}

static gboolean
restart_idle(gpointer data)
{
	IotGtkConcentrator *win = data;

	win->filter_idle = 0;
	win->filter_restart = FALSE;
	iot_gtk_conc_filter_changed(win);
	return FALSE;
}

void
iot_gtk_conc_filter_changed(IotGtkConcentrator *win)
{
	const char *text = gtk_entry_get_text(GTK_ENTRY(win->search_entry));
	char *trimmed = g_strstrip(g_strdup(text));
	gboolean was = iot_gtk_conc_filter_active(win);

	stop_filling(win);
	g_clear_pointer(&win->filter_text, g_free);
	if (*trimmed != '\0')
		win->filter_text = g_utf8_casefold(trimmed, -1);
	g_free(trimmed);
	win->filter_health = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(win->health_button));
	g_hash_table_remove_all(win->result_rows);
	gtk_list_store_clear(win->results);
	win->filter_matches = 0;
	if (!iot_gtk_conc_filter_active(win)) {
		gtk_widget_hide(win->results_box);
		gtk_widget_show(win->tree_scroll);
		g_clear_pointer(&win->results_text, g_free);
		if (was)
			iot_gtk_conc_messages_update(win);
		iot_gtk_conc_update_actions(win);
		return;
	}
	gtk_widget_hide(win->tree_scroll);
	gtk_widget_show(win->results_box);
	win->filter_todo = g_ptr_array_new();
	iot_gtk_conc_collect(win, &win->root, win->filter_todo);
	win->filter_pos = 0;
	/* The first matches at once, the rest a slice per turn of the loop. */
	if (fill_idle(win))
		win->filter_idle = g_idle_add(fill_idle, win);
	iot_gtk_conc_messages_update(win);
	iot_gtk_conc_update_actions(win);
}

void
iot_gtk_conc_filter_row_changed(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeIter *it;

	if (!iot_gtk_conc_filter_active(win) || win->filter_restart)
		return;
	it = g_hash_table_lookup(win->result_rows, row);
	if (it != NULL)
		/* It stays where the person saw it, even if it no longer matches. */
		gtk_list_store_set(win->results, it, IOT_GTK_CONC_STORE_ROW, row, -1);
	else if (matches(win, row))
		add_result(win, row);
}

void
iot_gtk_conc_filter_row_gone(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeIter *it;

	if (!iot_gtk_conc_filter_active(win))
		return;
	it = g_hash_table_lookup(win->result_rows, row);
	if (it != NULL) {
		gtk_list_store_remove(win->results, it);
		g_hash_table_remove(win->result_rows, row);
		win->filter_matches--;
	}
	if (win->filter_todo != NULL) {
		/* The rows still to test may include it: start again once the
		 * removals are over. */
		stop_filling(win);
		win->filter_restart = TRUE;
		win->filter_idle = g_idle_add(restart_idle, win);
	}
}

gboolean
iot_gtk_concentrator_filtering(IotGtkConcentrator *win)
{
	return win->filter_todo != NULL || win->filter_restart;
}

/* ---- results view ------------------------------------------------------------------------- */

GtkWidget *
iot_gtk_conc_results_new(IotGtkConcentrator *win)
{
	GtkWidget *scroll = gtk_scrolled_window_new(NULL, NULL);

	win->results = gtk_list_store_new(1, G_TYPE_POINTER);
	win->result_rows = g_hash_table_new_full(NULL, NULL, NULL, iter_free);
	win->results_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->results));
	g_object_unref(win->results);
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->results_view), TRUE);
	gtk_tree_selection_set_mode(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->results_view)),
	                            GTK_SELECTION_MULTIPLE);
	iot_gtk_conc_columns_add(win, GTK_TREE_VIEW(win->results_view), TRUE);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scroll), win->results_view);
	win->results_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->results_label), 0.0f, 0.5f);
	gtk_label_set_ellipsize(GTK_LABEL(win->results_label), PANGO_ELLIPSIZE_END);
	win->results_box = gtk_vbox_new(FALSE, 4);
	gtk_box_pack_start(GTK_BOX(win->results_box), win->results_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(win->results_box), scroll, TRUE, TRUE, 0);
	gtk_widget_show_all(win->results_box);
	gtk_widget_set_no_show_all(win->results_box, TRUE);
	gtk_widget_hide(win->results_box);
	return win->results_box;
}

void
iot_gtk_conc_filter_free(IotGtkConcentrator *win)
{
	stop_filling(win);
	g_clear_pointer(&win->filter_text, g_free);
	g_hash_table_destroy(win->result_rows);
}

/* ---- bringing a node into view ------------------------------------------------------------- */

void
iot_gtk_conc_show_in_tree(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeView *view = GTK_TREE_VIEW(win->view);
	GtkTreeSelection *sel = gtk_tree_view_get_selection(view);
	GtkTreePath *path;

	if (iot_gtk_conc_filter_active(win)) {
		gtk_entry_set_text(GTK_ENTRY(win->search_entry), "");
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(win->health_button), FALSE);
		iot_gtk_conc_filter_changed(win);
	}
	path = iot_gtk_conc_row_path(win, row);
	if (gtk_tree_path_get_depth(path) > 1) {
		GtkTreePath *up = gtk_tree_path_copy(path);

		gtk_tree_path_up(up);
		gtk_tree_view_expand_to_path(view, up);
		gtk_tree_path_free(up);
	}
	gtk_tree_view_set_cursor(view, path, NULL, FALSE);
	gtk_tree_selection_unselect_all(sel);
	gtk_tree_selection_select_path(sel, path);
	gtk_tree_view_scroll_to_cell(view, path, NULL, TRUE, 0.3f, 0.0f);
	gtk_tree_path_free(path);
	gtk_widget_grab_focus(win->view);
}

typedef struct {
	char *node_id;     /* what was asked */
	char *source_id;
	GPtrArray *chain;  /* (element-type IotNodeRef) the root node first, the node last */
} Reveal;

static void
reveal_free(Reveal *r)
{
	if (r == NULL)
		return;
	g_free(r->node_id);
	g_free(r->source_id);
	g_ptr_array_unref(r->chain);
	g_free(r);
}

void
iot_gtk_conc_reveal_free(IotGtkConcentrator *win)
{
	reveal_free(win->reveal);
	win->reveal = NULL;
}

static void
reveal_fail(IotGtkConcentrator *win, const char *text)
{
	iot_gtk_conc_show_status(win, text, TRUE);
	iot_gtk_conc_reveal_free(win);
}

/* Opens @row so that its children come (and show "Loading…" meanwhile). */
static void
open_row(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreePath *path = iot_gtk_conc_row_path(win, row);

	iot_gtk_conc_load(win, row, FALSE);
	gtk_tree_view_expand_to_path(GTK_TREE_VIEW(win->view), path);
	gtk_tree_path_free(path);
}

void
iot_gtk_conc_reveal_step(IotGtkConcentrator *win)
{
	Reveal *r = win->reveal;
	IotGtkConcRow *parent, *row = NULL;
	char *text;
	guint i;

	if (r == NULL || win->closing)
		return;
	parent = iot_gtk_conc_lookup(win, r->source_id, NULL, NULL);
	if (parent == NULL) {
		/* Its data source may be a child source not shown yet: open the
		 * sources level by level. */
		GPtrArray *all = g_ptr_array_new();
		gboolean waiting = !win->root.loaded;

		iot_gtk_conc_collect(win, &win->root, all);
		for (i = 0; i < all->len; i++) {
			IotGtkConcRow *s = g_ptr_array_index(all, i);

			if (s->source == NULL || s->load_error != NULL || (s->loaded && s->load == NULL))
				continue;
			waiting = TRUE;
			if (s->load == NULL)
				open_row(win, s);
		}
		g_ptr_array_free(all, TRUE);
		if (!waiting) {
			/* TRANSLATORS: %1$s is a node id, %2$s a data source id. */
			text = g_strdup_printf(_("Node “%s” is in data source “%s”, which this window does not show."),
			                       r->node_id, r->source_id);
			reveal_fail(win, text);
			g_free(text);
		}
		return;
	}
	for (i = 0; i < r->chain->len; i++) {
		const IotNodeRef *ref = g_ptr_array_index(r->chain, i);

		if (!parent->loaded) {
			if (parent->load_error != NULL && parent->load == NULL) {
				reveal_fail(win, parent->load_error);
				return;
			}
			if (parent->load == NULL)
				open_row(win, parent);
			return; /* again when it is loaded */
		}
		row = iot_gtk_conc_lookup_ref(win, ref);
		if (row == NULL || row->parent != parent) {
			/* TRANSLATORS: %s is a node id. */
			text = g_strdup_printf(_("Node “%s” exists, but the tree does not show where: press F5 and try again."),
			                       r->node_id);
			reveal_fail(win, text);
			g_free(text);
			return;
		}
		parent = row;
	}
	if (row != NULL) {
		char *name = iot_format_clean(iot_gtk_conc_row_name(row), IOT_GTK_CONC_LABEL_CHARS);

		iot_gtk_conc_show_in_tree(win, row);
		/* TRANSLATORS: %s is a node's name. */
		text = g_strdup_printf(_("Found “%s”."), name);
		iot_gtk_conc_show_status(win, text, FALSE);
		g_free(text);
		g_free(name);
	}
	iot_gtk_conc_reveal_free(win);
}

static void
ref_free(IotNodeRef *ref)
{
	iot_node_ref_clear(ref);
	g_free(ref);
}

static void
find_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	const char *asked = req->data;
	Reveal *r;
	guint i;

	if (a->error != NULL || a->nodes->len == 0) {
		char *why = NULL, *text;

		if (a->error == NULL || g_error_matches(a->error, IOT_ERROR, IOT_ERROR_NOT_FOUND) ||
		    g_error_matches(a->error, IOT_ERROR, IOT_ERROR_UNKNOWN_NODE))
			/* TRANSLATORS: %s is the node id the person looked for. */
			text = g_strdup_printf(_("The concentrator has no node “%s”."), asked);
		else
			text = g_strdup_printf(_("Could not find node “%s”: %s"), asked,
			                       why = iot_gtk_conc_error_text(a->error));
		iot_gtk_conc_show_status(win, text, TRUE);
		g_free(text);
		g_free(why);
		return;
	}
	iot_gtk_conc_reveal_free(win);
	r = g_new0(Reveal, 1);
	r->node_id = g_strdup(asked);
	r->chain = g_ptr_array_new_with_free_func((GDestroyNotify)ref_free);
	for (i = a->nodes->len; i > 0; i--) {
		const IotGtkConcNodeInfo *info = g_ptr_array_index(a->nodes, i - 1);
		IotNodeRef *ref = g_new0(IotNodeRef, 1);

		iot_node_ref_copy(ref, &info->node->ref);
		if (ref->source_id == NULL)
			ref->source_id = g_strdup(((const IotGtkConcNodeInfo *)g_ptr_array_index(a->nodes, 0))
			                              ->node->ref.source_id);
		g_ptr_array_add(r->chain, ref);
	}
	r->source_id = g_strdup(((IotNodeRef *)g_ptr_array_index(r->chain, r->chain->len - 1))->source_id);
	if (r->source_id == NULL) {
		reveal_free(r);
		iot_gtk_conc_show_status(win, _("The concentrator did not say where that node is."), TRUE);
		return;
	}
	win->reveal = r;
	iot_gtk_conc_reveal_step(win);
}

void
iot_gtk_conc_find(IotGtkConcentrator *win, const char *node_id)
{
	char *id = g_strstrip(g_strdup(node_id != NULL ? node_id : ""));
	IotGtkConcRequest *req;

	if (*id == '\0') {
		g_free(id);
		return;
	}
	if (win->ops.find_node == NULL || !win->online ||
	    (!iot_gtk_conc_can(win, "getNode") && !iot_gtk_conc_can(win, "containsNode"))) {
		/* Only what is loaded, then. */
		GHashTableIter it;
		gpointer value;

		g_hash_table_iter_init(&it, win->rows);
		while (g_hash_table_iter_next(&it, NULL, &value)) {
			IotGtkConcRow *row = value;

			if (row->node != NULL && strcmp(row->node->ref.node_id, id) == 0) {
				iot_gtk_conc_show_in_tree(win, row);
				g_free(id);
				return;
			}
		}
		{
			char *text = g_strdup_printf(_("No loaded node has the ID “%s”."), id);

			iot_gtk_conc_show_status(win, text, TRUE);
			g_free(text);
		}
		g_free(id);
		return;
	}
	/* TRANSLATORS: status line while the concentrator looks for a node. */
	iot_gtk_conc_show_status(win, _("Looking for the node…"), FALSE);
	req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_FIND_NODE, find_done, id, g_free);
	win->ops.find_node(req, id, win->user_data);
}

static void
find_response(GtkDialog *dialog, gint response, IotGtkConcentrator *win)
{
	GtkEntry *entry = g_object_get_data(G_OBJECT(dialog), "iot-entry");
	char *id = g_strdup(gtk_entry_get_text(entry));

	gtk_widget_destroy(GTK_WIDGET(dialog));
	if (response == GTK_RESPONSE_OK)
		iot_gtk_conc_find(win, id);
	g_free(id);
}

void
iot_gtk_conc_find_dialog(IotGtkConcentrator *win)
{
	GtkWidget *dialog, *box, *label, *entry;

	/* TRANSLATORS: title of the dialog that asks for a node id. */
	dialog = gtk_dialog_new_with_buttons(_("Find Node by ID"), GTK_WINDOW(win->window),
	                                     GTK_DIALOG_DESTROY_WITH_PARENT, GTK_STOCK_CANCEL,
	                                     GTK_RESPONSE_CANCEL, GTK_STOCK_FIND, GTK_RESPONSE_OK, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	box = gtk_hbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(box), 8);
	entry = gtk_entry_new();
	gtk_entry_set_activates_default(GTK_ENTRY(entry), TRUE);
	gtk_entry_set_width_chars(GTK_ENTRY(entry), 30);
	/* TRANSLATORS: the label of the node id entry. */
	label = gtk_label_new_with_mnemonic(_("_Node ID:"));
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), entry);
	gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), entry, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), box, TRUE, TRUE, 0);
	g_object_set_data(G_OBJECT(dialog), "iot-entry", entry);
	g_signal_connect(dialog, "response", G_CALLBACK(find_response), win);
	iot_gtk_conc_add_dialog(win, dialog);
	gtk_widget_show_all(dialog);
}
