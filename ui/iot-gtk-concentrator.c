/*
 * iot-gtk-concentrator.c — the concentrator window: its layout (health
 * line, search, tree or search results, messages pane, node buttons,
 * status line), keyboard (mnemonics, F5, Ctrl+F, Ctrl+I, Enter, Delete,
 * Alt+Up/Down, Menu and Shift+F10), the online state and capabilities, and
 * the window's life. Rows are in -tree.c and -columns.c, events in
 * -events.c, search in -filter.c, actions in -menu.c and -forms.c, query
 * results in -query.c, requests in -request.c, the shared helpers, the
 * owner's setters and the accessors in -api.c.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-error.h"
#include "iot-format.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define WIDTH 980
#define HEIGHT 640
#define TITLE_CHARS 80

static void
connect_after(IotGtkConcentrator *win, gpointer obj, const char *signal, GCallback cb)
{
	g_signal_connect_after(obj, signal, cb, win);
	if (!g_ptr_array_find(win->connected, obj, NULL))
		g_ptr_array_add(win->connected, obj);
}

/* ---- actions and their buttons ----------------------------------------------------------- */

static gboolean
actions_idle(gpointer data)
{
	IotGtkConcentrator *win = data;
	GPtrArray *sel = iot_gtk_conc_selected(win);
	IotGtkConcActions a;

	win->actions_idle = 0;
	iot_gtk_conc_actions(win, sel, &a);
	gtk_widget_set_sensitive(win->read_button, a.read);
	gtk_widget_set_sensitive(win->control_button, a.control);
	gtk_widget_set_sensitive(win->commands_button, a.commands);
	gtk_widget_set_sensitive(win->params_button, a.params);
	gtk_widget_set_sensitive(win->add_button, a.add);
	gtk_widget_set_sensitive(win->duplicate_button, a.duplicate);
	gtk_widget_set_sensitive(win->up_button, a.up);
	gtk_widget_set_sensitive(win->down_button, a.down);
	gtk_widget_set_sensitive(win->delete_button, a.delete_);
	g_ptr_array_unref(sel);
	iot_gtk_conc_messages_update(win);
	return FALSE;
}

void
iot_gtk_conc_update_actions(IotGtkConcentrator *win)
{
	if (!win->closing && win->actions_idle == 0)
		win->actions_idle = g_idle_add(actions_idle, win);
}

/* ---- the views' signals --------------------------------------------------------------------- */

static IotGtkConcRow *
row_of_path(GtkTreeView *view, GtkTreePath *path, IotGtkConcRow **placeholder_of)
{
	GtkTreeModel *model = gtk_tree_view_get_model(view);
	GtkTreeIter it;

	if (!gtk_tree_model_get_iter(model, &it, path))
		return NULL;
	return iot_gtk_conc_row_at(model, &it, placeholder_of);
}

static gboolean
test_expand_cb(GtkTreeView *view, GtkTreeIter *iter, GtkTreePath *path, IotGtkConcentrator *win)
{
	IotGtkConcRow *row = iot_gtk_conc_row_at(GTK_TREE_MODEL(win->store), iter, NULL);

	/* Opening it asks for its children; "Loading…" shows meanwhile. */
	if (row != NULL && !row->loaded && row->load == NULL)
		iot_gtk_conc_load(win, row, FALSE);
	return FALSE;
}

static void
row_activated_cb(GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *c,
                 IotGtkConcentrator *win)
{
	IotGtkConcRow *of = NULL, *row = row_of_path(view, path, &of);

	if (row == NULL) {
		/* Enter on "Could not load …" tries again. */
		if (of != NULL && of->load == NULL)
			iot_gtk_conc_load(win, of, TRUE);
		return;
	}
	if (row->node != NULL && row->node->readable && win->online) {
		iot_gtk_conc_do_read(win);
	} else if (view == GTK_TREE_VIEW(win->view)) {
		if (gtk_tree_view_row_expanded(view, path))
			gtk_tree_view_collapse_row(view, path);
		else
			gtk_tree_view_expand_row(view, path, FALSE);
	} else {
		iot_gtk_conc_show_in_tree(win, row);
	}
}

static gboolean
view_key_cb(GtkWidget *w, GdkEventKey *ev, IotGtkConcentrator *win)
{
	guint mods = ev->state & gtk_accelerator_get_default_mod_mask();

	if ((ev->keyval == GDK_Delete || ev->keyval == GDK_KP_Delete) && mods == 0) {
		iot_gtk_conc_do_delete(win);
		return TRUE;
	}
	if ((ev->keyval == GDK_Up || ev->keyval == GDK_Down) && mods == GDK_MOD1_MASK) {
		iot_gtk_conc_do_move(win, ev->keyval == GDK_Up);
		return TRUE;
	}
	return FALSE;
}

static gboolean
popup_menu_cb(GtkWidget *w, IotGtkConcentrator *win)
{
	iot_gtk_conc_menu_popup(win, NULL);
	return TRUE;
}

static gboolean
button_press_cb(GtkWidget *w, GdkEventButton *ev, IotGtkConcentrator *win)
{
	GtkTreeView *view = GTK_TREE_VIEW(w);
	GtkTreeSelection *sel = gtk_tree_view_get_selection(view);
	GtkTreePath *path = NULL;

	if (ev->type != GDK_BUTTON_PRESS || ev->button != 3)
		return FALSE;
	/* The row under the pointer joins, or becomes, the selection. */
	if (gtk_tree_view_get_path_at_pos(view, (gint)ev->x, (gint)ev->y, &path, NULL, NULL, NULL)) {
		if (!gtk_tree_selection_path_is_selected(sel, path)) {
			gtk_tree_selection_unselect_all(sel);
			gtk_tree_selection_select_path(sel, path);
		}
		gtk_tree_view_set_cursor(view, path, NULL, FALSE);
		gtk_tree_path_free(path);
	}
	iot_gtk_conc_menu_popup(win, ev);
	return TRUE;
}

static void
selection_cb(GtkTreeSelection *sel, IotGtkConcentrator *win)
{
	if (!win->closing)
		iot_gtk_conc_update_actions(win);
}

static void
connect_view(IotGtkConcentrator *win, GtkWidget *view)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(view));

	iot_gtk_conc_connect(win, view, "row-activated", G_CALLBACK(row_activated_cb));
	iot_gtk_conc_connect(win, view, "key-press-event", G_CALLBACK(view_key_cb));
	iot_gtk_conc_connect(win, view, "popup-menu", G_CALLBACK(popup_menu_cb));
	iot_gtk_conc_connect(win, view, "button-press-event", G_CALLBACK(button_press_cb));
	iot_gtk_conc_connect(win, sel, "changed", G_CALLBACK(selection_cb));
}

/* ---- refresh ------------------------------------------------------------------------------------- */

void
iot_gtk_concentrator_refresh(IotGtkConcentrator *win)
{
	GPtrArray *sel;
	GHashTable *done;
	GtkTreePath *path = NULL;
	IotGtkConcRow *of = NULL;
	guint i;

	g_return_if_fail(win != NULL);
	if (!win->online)
		return;
	/* The cursor on "Could not load …": that load again. */
	gtk_tree_view_get_cursor(iot_gtk_conc_active_view(win), &path, NULL);
	if (path != NULL && !iot_gtk_conc_filter_active(win) &&
	    row_of_path(GTK_TREE_VIEW(win->view), path, &of) == NULL && of != NULL) {
		gtk_tree_path_free(path);
		iot_gtk_conc_load(win, of, TRUE);
		return;
	}
	gtk_tree_path_free(path);
	sel = iot_gtk_conc_selected(win);
	if (sel->len == 0) {
		iot_gtk_conc_load(win, &win->root, TRUE);
		g_ptr_array_unref(sel);
		return;
	}
	done = g_hash_table_new(NULL, NULL);
	for (i = 0; i < sel->len; i++) {
		IotGtkConcRow *row = g_ptr_array_index(sel, i);

		/* The row itself comes anew with its parent's children … */
		if (g_hash_table_add(done, row->parent))
			iot_gtk_conc_load(win, row->parent, TRUE);
		/* … and its own children, when they were asked for. */
		if ((row->loaded || row->load_error != NULL) && g_hash_table_add(done, row))
			iot_gtk_conc_load(win, row, TRUE);
	}
	g_hash_table_destroy(done);
	g_ptr_array_unref(sel);
}

/* ---- keyboard and top row ---------------------------------------------------------------------- */

static gboolean
accel_refresh(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	iot_gtk_concentrator_refresh(data);
	return TRUE;
}

static gboolean
accel_search(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	IotGtkConcentrator *win = data;

	gtk_widget_grab_focus(win->search_entry);
	return TRUE;
}

static gboolean
accel_find(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	iot_gtk_conc_find_dialog(data);
	return TRUE;
}

static gboolean
accel_close(GtkAccelGroup *g, GObject *o, guint key, GdkModifierType mods, gpointer data)
{
	IotGtkConcentrator *win = data;

	/* Escape in a search first clears it. */
	if (key == GDK_Escape && gtk_widget_has_focus(win->search_entry) &&
	    *gtk_entry_get_text(GTK_ENTRY(win->search_entry)) != '\0') {
		gtk_entry_set_text(GTK_ENTRY(win->search_entry), "");
		return TRUE;
	}
	gtk_widget_destroy(win->window);
	return TRUE;
}

static void
search_cb(GtkEditable *e, IotGtkConcentrator *win)
{
	const char *text = gtk_entry_get_text(GTK_ENTRY(e));

	gtk_entry_set_icon_from_stock(GTK_ENTRY(e), GTK_ENTRY_ICON_SECONDARY,
	                              *text != '\0' ? GTK_STOCK_CLEAR : NULL);
	iot_gtk_conc_filter_changed(win);
}

static void
search_icon_cb(GtkEntry *e, GtkEntryIconPosition pos, GdkEvent *ev, IotGtkConcentrator *win)
{
	gtk_entry_set_text(e, "");
}

static void
search_activate_cb(GtkEntry *e, IotGtkConcentrator *win)
{
	/* Enter in the search goes to the results. */
	if (iot_gtk_conc_filter_active(win))
		gtk_widget_grab_focus(win->results_view);
}

static void
health_cb(GtkToggleButton *b, IotGtkConcentrator *win)
{
	iot_gtk_conc_filter_changed(win);
	iot_gtk_conc_health_update(win);
}

static void
params_toggle_cb(GtkToggleButton *b, IotGtkConcentrator *win)
{
	iot_gtk_conc_columns_show_params(win, gtk_toggle_button_get_active(b));
}

static void
find_cb(GtkButton *b, IotGtkConcentrator *win)
{
	iot_gtk_conc_find_dialog(win);
}

static GtkWidget *
top_row(IotGtkConcentrator *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6), *inner = gtk_hbox_new(FALSE, 4), *label;

	win->health_button = gtk_toggle_button_new();
	gtk_button_set_relief(GTK_BUTTON(win->health_button), GTK_RELIEF_NONE);
	gtk_widget_set_tooltip_text(win->health_button,
	                            _("Show only the loaded nodes in error or warning; again to show the tree"));
	win->health_icon = gtk_image_new_from_stock(GTK_STOCK_YES, GTK_ICON_SIZE_MENU);
	win->health_label = gtk_label_new(NULL);
	gtk_box_pack_start(GTK_BOX(inner), win->health_icon, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(inner), win->health_label, FALSE, FALSE, 0);
	gtk_container_add(GTK_CONTAINER(win->health_button), inner);
	iot_gtk_conc_connect(win, win->health_button, "toggled", G_CALLBACK(health_cb));
	gtk_box_pack_start(GTK_BOX(box), win->health_button, FALSE, FALSE, 0);

	/* TRANSLATORS: a switch: the nodes' parameters as extra columns. */
	win->param_toggle = gtk_check_button_new_with_mnemonic(_("Parameter co_lumns"));
	gtk_widget_set_tooltip_text(win->param_toggle, _("Show the nodes' parameters as columns"));
	iot_gtk_conc_connect(win, win->param_toggle, "toggled", G_CALLBACK(params_toggle_cb));
	/* TRANSLATORS: a button: ask the concentrator for a node by its id (Ctrl+I). */
	win->find_button = gtk_button_new_with_mnemonic(_("Find by _ID…"));
	gtk_widget_set_tooltip_text(win->find_button,
	                            _("Ask the concentrator for a node by its ID and open the tree to it (Ctrl+I)"));
	iot_gtk_conc_connect(win, win->find_button, "clicked", G_CALLBACK(find_cb));
	win->search_entry = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(win->search_entry), 18);
	gtk_widget_set_tooltip_text(win->search_entry,
	                            _("Show the loaded nodes whose name, ID or type contains this text (Ctrl+F)"));
	iot_gtk_conc_connect(win, win->search_entry, "changed", G_CALLBACK(search_cb));
	iot_gtk_conc_connect(win, win->search_entry, "icon-press", G_CALLBACK(search_icon_cb));
	iot_gtk_conc_connect(win, win->search_entry, "activate", G_CALLBACK(search_activate_cb));
	/* TRANSLATORS: the label of the search entry. */
	label = gtk_label_new_with_mnemonic(_("_Search:"));
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), win->search_entry);
	gtk_box_pack_end(GTK_BOX(box), win->find_button, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), win->search_entry, FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box), label, FALSE, FALSE, 0);
	return box;
}

/* ---- the node buttons ----------------------------------------------------------------------------- */

/* The window forgets the mnemonic of an icon button that goes. */
static void
mnemonic_button_gone(GtkWidget *b, GtkWidget *window)
{
	gtk_window_remove_mnemonic(GTK_WINDOW(window),
	                           GPOINTER_TO_UINT(g_object_get_data(G_OBJECT(b), "iot-mnemonic")), b);
}

/* @mnemonic NULL: an icon alone, so that the row fits a narrow screen; its
 * words @name ("Move _Up") are in the tooltip's and for accessibility (the
 * "_" taken out), and its mnemonic (Alt+U) still presses it. */
static GtkWidget *
node_button_full(IotGtkConcentrator *win, GtkWidget *box, const char *mnemonic, const char *name,
                 const char *stock, const char *tip, GCallback cb, gboolean end)
{
	GtkWidget *b = mnemonic != NULL ? gtk_button_new_with_mnemonic(mnemonic) : gtk_button_new();

	gtk_button_set_image(GTK_BUTTON(b), gtk_image_new_from_stock(stock, GTK_ICON_SIZE_BUTTON));
	gtk_widget_set_tooltip_text(b, tip);
	if (name != NULL) {
		const char *u = strchr(name, '_');
		char **parts = g_strsplit(name, "_", -1);
		char *plain = g_strjoinv("", parts);

		atk_object_set_name(gtk_widget_get_accessible(b), plain);
		if (u != NULL && u[1] != '\0') {
			guint key = gdk_keyval_to_lower(gdk_unicode_to_keyval(g_utf8_get_char(u + 1)));

			gtk_window_add_mnemonic(GTK_WINDOW(win->window), key, b);
			g_object_set_data(G_OBJECT(b), "iot-mnemonic", GUINT_TO_POINTER(key));
			g_signal_connect(b, "destroy", G_CALLBACK(mnemonic_button_gone), win->window);
		}
		g_free(plain);
		g_strfreev(parts);
	}
	gtk_widget_set_sensitive(b, FALSE);
	g_signal_connect_swapped(b, "clicked", cb, win);
	if (!g_ptr_array_find(win->connected, b, NULL))
		g_ptr_array_add(win->connected, b);
	if (end)
		gtk_box_pack_end(GTK_BOX(box), b, FALSE, FALSE, 0);
	else
		gtk_box_pack_start(GTK_BOX(box), b, FALSE, FALSE, 0);
	return b;
}

static GtkWidget *
node_button(IotGtkConcentrator *win, GtkWidget *box, const char *mnemonic, const char *stock,
            const char *tip, GCallback cb, gboolean end)
{
	return node_button_full(win, box, mnemonic, NULL, stock, tip, cb, end);
}

static void
commands_button_cb(IotGtkConcentrator *win)
{
	iot_gtk_conc_commands_popup(win, win->commands_button);
}

static void
up_cb(IotGtkConcentrator *win)
{
	iot_gtk_conc_do_move(win, TRUE);
}

static void
down_cb(IotGtkConcentrator *win)
{
	iot_gtk_conc_do_move(win, FALSE);
}

static GtkWidget *
button_row(IotGtkConcentrator *win)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 4);

	win->read_button = node_button(win, box, _("_Read"), GTK_STOCK_EXECUTE,
	                               _("Read the selected nodes (Enter)"),
	                               G_CALLBACK(iot_gtk_conc_do_read), FALSE);
	win->control_button = node_button(win, box, _("C_ontrol…"), GTK_STOCK_PREFERENCES,
	                                  _("Control the selected nodes"),
	                                  G_CALLBACK(iot_gtk_conc_do_control), FALSE);
	win->commands_button = node_button(win, box, _("Co_mmands"), GTK_STOCK_MEDIA_PLAY,
	                                   _("The commands of the selected nodes"),
	                                   G_CALLBACK(commands_button_cb), FALSE);
	win->params_button = node_button(win, box, _("_Parameters…"), GTK_STOCK_PROPERTIES,
	                                 _("Edit the parameters of the selected nodes"),
	                                 G_CALLBACK(iot_gtk_conc_edit_parameters), FALSE);
	win->delete_button = node_button(win, box, _("D_elete…"), GTK_STOCK_DELETE,
	                                 _("Delete the selected nodes (Delete)"),
	                                 G_CALLBACK(iot_gtk_conc_do_delete), TRUE);
	/* The menu's words: "_Duplicate" has D. */
	win->down_button = node_button_full(win, box, NULL, _("Move Do_wn"), GTK_STOCK_GO_DOWN,
	                                    _("Move the selected nodes one place down (Alt+Down)"),
	                                    G_CALLBACK(down_cb), TRUE);
	win->up_button = node_button_full(win, box, NULL, _("Move _Up"), GTK_STOCK_GO_UP,
	                                  _("Move the selected nodes one place up (Alt+Up)"), G_CALLBACK(up_cb),
	                                  TRUE);
	win->duplicate_button = node_button(win, box, _("_Duplicate"), GTK_STOCK_COPY,
	                                    _("Add a copy of the selected node beside it"),
	                                    G_CALLBACK(iot_gtk_conc_do_duplicate), TRUE);
	win->add_button = node_button(win, box, _("_Add Child…"), GTK_STOCK_ADD,
	                              _("Add a node under the selected node"),
	                              G_CALLBACK(iot_gtk_conc_add_child), TRUE);
	return box;
}

static void
close_cb(GtkButton *b, IotGtkConcentrator *win)
{
	gtk_widget_destroy(win->window);
}

static GtkWidget *
status_row(IotGtkConcentrator *win)
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
	iot_gtk_conc_connect(win, close, "clicked", G_CALLBACK(close_cb));
	gtk_box_pack_start(GTK_BOX(box), win->spinner, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->status_icon, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->status_label, TRUE, TRUE, 0);
	gtk_box_pack_end(GTK_BOX(box), close, FALSE, FALSE, 0);
	/* Beside Close, where the top row leaves the search its room. */
	gtk_box_pack_end(GTK_BOX(box), win->param_toggle, FALSE, FALSE, 6);
	return box;
}

static GtkWidget *
middle(IotGtkConcentrator *win)
{
	GtkWidget *top = gtk_vbox_new(FALSE, 0);
	GtkTreeSelection *sel;

	win->view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->store));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->view), TRUE);
	/* Typing goes to the search entry, not to the view's own interactive search. */
	gtk_tree_view_set_enable_search(GTK_TREE_VIEW(win->view), FALSE);
	sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	gtk_tree_selection_set_mode(sel, GTK_SELECTION_MULTIPLE);
	iot_gtk_conc_columns_add(win, GTK_TREE_VIEW(win->view), FALSE);
	connect_view(win, win->view);
	iot_gtk_conc_connect(win, win->view, "test-expand-row", G_CALLBACK(test_expand_cb));
	win->tree_scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(win->tree_scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_ALWAYS);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(win->tree_scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(win->tree_scroll), win->view);
	gtk_box_pack_start(GTK_BOX(top), win->tree_scroll, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(top), iot_gtk_conc_results_new(win), TRUE, TRUE, 0);
	gtk_tree_view_set_enable_search(GTK_TREE_VIEW(win->results_view), FALSE);
	connect_view(win, win->results_view);

	win->paned = gtk_vpaned_new();
	gtk_paned_pack1(GTK_PANED(win->paned), top, TRUE, FALSE);
	gtk_paned_pack2(GTK_PANED(win->paned), iot_gtk_conc_messages_new(win), FALSE, TRUE);
	gtk_paned_set_position(GTK_PANED(win->paned), HEIGHT - 290);
	return win->paned;
}

/* ---- life ------------------------------------------------------------------------------------------ */

static void
add_accel(IotGtkConcentrator *win, guint key, GdkModifierType mods, GCallback cb)
{
	gtk_accel_group_connect(win->accel, key, mods, 0, g_cclosure_new(cb, win, NULL));
}

static gboolean
first_load(gpointer data)
{
	IotGtkConcentrator *win = data;

	win->first_load = 0;
	iot_gtk_conc_load(win, &win->root, FALSE);
	return FALSE;
}

static void
destroy_cb(GtkWidget *w, IotGtkConcentrator *win)
{
	GHashTableIter it;
	gpointer key, value;
	guint i;

	if (win->closing)
		return;
	win->closing = TRUE;
	gtk_window_remove_accel_group(GTK_WINDOW(win->window), win->accel);
	if (win->actions_idle != 0)
		g_source_remove(win->actions_idle);
	if (win->first_load != 0)
		g_source_remove(win->first_load);
	/* Our other windows first: their flows end with them. */
	while (win->dialogs->len > 0)
		gtk_widget_destroy(g_ptr_array_index(win->dialogs, win->dialogs->len - 1));
	iot_gtk_conc_flows_free(win);
	iot_gtk_conc_request_cancel_all(win);
	if (win->ops.unsubscribe != NULL) {
		g_hash_table_iter_init(&it, win->subscribed);
		while (g_hash_table_iter_next(&it, &key, &value))
			if (GPOINTER_TO_INT(value) != IOT_GTK_CONC_SUB_FAILED)
				win->ops.unsubscribe(win, key, win->user_data);
	}
	iot_gtk_conc_menu_free(win);
	/* The views let go of the rows before they are freed, and nothing of
	 * ours runs again for what remains of the widgets. */
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), NULL);
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->results_view), NULL);
	for (i = 0; i < win->connected->len; i++)
		g_signal_handlers_disconnect_matched(g_ptr_array_index(win->connected, i),
		                                     G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
	if (win->ops.on_closed != NULL)
		win->ops.on_closed(win, win->user_data);
	iot_gtk_conc_filter_free(win);
	iot_gtk_conc_events_free(win);
	iot_gtk_conc_reveal_free(win);
	iot_gtk_conc_tree_free(win);
	g_object_unref(win->menu_accel);
	g_hash_table_destroy(win->pending);
	if (win->caps != NULL)
		g_hash_table_destroy(win->caps);
	g_ptr_array_free(win->param_ids, TRUE);
	g_hash_table_destroy(win->param_names);
	g_ptr_array_free(win->dialogs, TRUE);
	g_ptr_array_free(win->queries, TRUE);
	g_ptr_array_free(win->connected, TRUE);
	g_free(win->health_text);
	g_free(win->status_text);
	g_free(win->results_text);
	g_free(win->title);
	g_free(win);
}

IotGtkConcentrator *
iot_gtk_concentrator_new(const char *title, const IotGtkConcentratorOps *ops, gpointer user_data)
{
	IotGtkConcentrator *win = g_new0(IotGtkConcentrator, 1);
	GtkWidget *vbox = gtk_vbox_new(FALSE, 6);
	char *text;

	if (ops != NULL)
		win->ops = *ops;
	win->user_data = user_data;
	win->title = iot_format_clean(title != NULL ? title : "", TITLE_CHARS);
	win->online = TRUE;
	win->pending = g_hash_table_new(NULL, NULL);
	win->queued = g_ptr_array_new();
	win->param_ids = g_ptr_array_new_with_free_func(g_free);
	win->param_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	win->flows = g_ptr_array_new();
	win->dialogs = g_ptr_array_new();
	win->queries = g_ptr_array_new();
	win->connected = g_ptr_array_new();
	win->menu_accel = gtk_accel_group_new();
	iot_gtk_conc_tree_init(win);

	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	/* TRANSLATORS: window title; %s is the concentrator's name or address. */
	text = g_strdup_printf(_("Concentrator — %s"), win->title);
	gtk_window_set_title(GTK_WINDOW(win->window), text);
	g_free(text);
	gtk_window_set_role(GTK_WINDOW(win->window), "iot-concentrator");
	gtk_window_set_default_size(GTK_WINDOW(win->window), WIDTH, HEIGHT);
	gtk_container_set_border_width(GTK_CONTAINER(win->window), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);
	gtk_box_pack_start(GTK_BOX(vbox), top_row(win), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), middle(win), TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), button_row(win), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), status_row(win), FALSE, FALSE, 0);

	win->accel = gtk_accel_group_new();
	add_accel(win, GDK_F5, 0, G_CALLBACK(accel_refresh));
	add_accel(win, GDK_f, GDK_CONTROL_MASK, G_CALLBACK(accel_search));
	add_accel(win, GDK_i, GDK_CONTROL_MASK, G_CALLBACK(accel_find));
	add_accel(win, GDK_w, GDK_CONTROL_MASK, G_CALLBACK(accel_close));
	add_accel(win, GDK_Escape, 0, G_CALLBACK(accel_close));
	gtk_window_add_accel_group(GTK_WINDOW(win->window), win->accel);
	g_object_unref(win->accel); /* the window holds it */
	connect_after(win, win->window, "destroy", G_CALLBACK(destroy_cb));
	gtk_widget_show_all(vbox);
	gtk_widget_hide(win->results_box);
	iot_gtk_conc_health_update(win);
	iot_gtk_conc_update_actions(win);
	gtk_widget_grab_focus(win->view);
	/* The data sources, once the owner knows the window. */
	win->first_load = g_idle_add_full(G_PRIORITY_HIGH_IDLE, first_load, win, NULL);
	return win;
}

void
iot_gtk_concentrator_destroy(IotGtkConcentrator *win)
{
	g_return_if_fail(win != NULL);
	if (!win->closing)
		gtk_widget_destroy(win->window);
}

GtkWidget *
iot_gtk_concentrator_get_window(IotGtkConcentrator *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->window;
}
