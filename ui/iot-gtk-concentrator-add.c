/*
 * iot-gtk-concentrator-add.c — adding a child node from the concentrator
 * window: the types that can be added (a chooser when several), the new
 * node's parameters form, then the create, and the new row shown. A flow of
 * iot-gtk-concentrator-forms.h.
 */
#include "iot-gtk-concentrator-forms.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- adding a child ----------------------------------------------------------------------------- */

static void
created(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	IotGtkConcRow *parent, *row;
	const IotGtkConcNodeInfo *info;
	char *text, *name;

	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL || a->errors != NULL || a->nodes->len == 0) {
		iot_gtk_conc_flow_refuse(f, a, _("The concentrator did not create the node."));
		iot_gtk_conc_flow_release(f);
		return;
	}
	info = g_ptr_array_index(a->nodes, 0);
	name = iot_format_clean(info->node->display_name != NULL ? info->node->display_name
	                                                         : info->node->ref.node_id,
	                        IOT_GTK_CONC_LABEL_CHARS);
	/* TRANSLATORS: %1$s is the new node's name, %2$s its parent's. */
	text = g_strdup_printf(_("Added “%s” under %s."), name, f->label);
	iot_gtk_conc_show_status(win, text, FALSE);
	g_free(text);
	g_free(name);
	iot_gtk_conc_flow_close_dialog(f);
	parent = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(f->refs, 0));
	if (parent != NULL && parent->loaded) {
		row = iot_gtk_conc_upsert(win, parent, info, NULL);
		if (row != NULL)
			iot_gtk_conc_show_in_tree(win, row);
	} else if (parent != NULL && parent->node != NULL) {
		/* It comes with its parent's children, loaded now. */
		IotGtkConcNodeInfo now = { iot_concentrator_node_copy(parent->node), NULL, NULL };

		now.node->has_children = TRUE;
		iot_gtk_conc_update_row(win, parent, &now);
		iot_concentrator_node_free(now.node);
		iot_gtk_concentrator_expand(win, iot_gtk_conc_row_source(parent), parent->node->ref.node_id);
	}
	iot_gtk_conc_flow_release(f);
}

static void
new_node_form_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	IotDataForm *form;

	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);
		/* TRANSLATORS: %s says why. */
		char *text = g_strdup_printf(_("Could not get the new node's parameters: %s"), why);

		iot_gtk_control_set_status(f->dlg, text, TRUE);
		g_free(text);
		g_free(why);
		iot_gtk_conc_flow_release(f);
		return;
	}
	form = a->form;
	a->form = NULL;
	if (form == NULL)
		form = iot_dataform_new(IOT_FORM_FORM);
	if (iot_gtk_conc_form_is_empty(form) && form->instructions == NULL)
		form->instructions = g_strdup(_("This type of node has no parameters to fill in."));
	{
		/* TRANSLATORS: the header of the new node form: "Create a node of type
		 * Meter under “Area 3”"; the first %s is the type's name. */
		char *head = g_strdup_printf(_("Create a node of type %s under %s"), f->type_name,
		                             f->label);

		iot_gtk_control_set_form(f->dlg, iot_gtk_conc_flow_titled(form, head), FALSE);
		g_free(head);
	}
	iot_gtk_conc_flow_release(f);
}

static void
type_chosen(IotGtkConcFlow *f, const IotGtkConcNodeType *t)
{
	IotGtkConcentrator *win = f->win;
	IotGtkConcRequest *req;
	char *title;

	f->type = g_strdup(t->type);
	f->type_name = iot_format_clean(t->name != NULL && *t->name != '\0' ? t->name : t->type,
	                                IOT_GTK_CONC_LABEL_CHARS);
	/* TRANSLATORS: title of the new node form: "Create a node of type Meter
	 * under “Area 3”"; the first %s is the type's name. */
	title = g_strdup_printf(_("Create a node of type %s under %s"), f->type_name, f->label);
	iot_gtk_conc_flow_open_dialog(f, title, _("Asking for the new node's parameters…"), _("C_reate"),
	            _("Creating…"), TRUE);
	g_free(title);
	req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_NEW_NODE_FORM, new_node_form_done);
	win->ops.get_new_node_form(req, g_ptr_array_index(f->refs, 0), f->type, win->user_data);
}

static void
chooser_response(GtkDialog *dialog, gint response, IotGtkConcFlow *f)
{
	GtkTreeView *view = g_object_get_data(G_OBJECT(dialog), "iot-view");
	GtkTreeModel *model;
	GtkTreeIter it;
	IotGtkConcNodeType *t = NULL;

	if (response == GTK_RESPONSE_OK &&
	    gtk_tree_selection_get_selected(gtk_tree_view_get_selection(view), &model, &it))
		gtk_tree_model_get(model, &it, 1, &t, -1);
	if (t != NULL)
		type_chosen(f, t);
	gtk_widget_destroy(GTK_WIDGET(dialog));
}

static void
chooser_gone(GtkWidget *w, IotGtkConcFlow *f)
{
	f->chooser = NULL;
	iot_gtk_conc_flow_maybe_free(f);
}

static void
chooser_activated(GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *c, GtkDialog *dialog)
{
	gtk_dialog_response(dialog, GTK_RESPONSE_OK);
}

static void
choose_type(IotGtkConcFlow *f, const GPtrArray *types)
{
	GtkWidget *dialog, *scroll, *view, *label;
	GtkListStore *store = gtk_list_store_new(2, G_TYPE_STRING, G_TYPE_POINTER);
	GPtrArray *keep = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_type_free);
	GtkTreeIter it;
	char *text;
	guint i;

	for (i = 0; i < types->len; i++) {
		const IotGtkConcNodeType *t = g_ptr_array_index(types, i);
		IotGtkConcNodeType *c = iot_gtk_conc_node_type_new(t->type, t->name);
		char *shown = iot_format_clean(t->name != NULL && *t->name != '\0' ? t->name : t->type, 200);

		g_ptr_array_add(keep, c);
		gtk_list_store_insert_with_values(store, &it, -1, 0, shown, 1, c, -1);
		g_free(shown);
	}
	/* TRANSLATORS: title of the dialog that asks which type of node to add. */
	dialog = gtk_dialog_new_with_buttons(_("Add Child"), GTK_WINDOW(f->win->window),
	                                     GTK_DIALOG_DESTROY_WITH_PARENT, GTK_STOCK_CANCEL,
	                                     GTK_RESPONSE_CANCEL, _("C_ontinue"), GTK_RESPONSE_OK, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	gtk_window_set_default_size(GTK_WINDOW(dialog), 360, 300);
	g_object_set_data_full(G_OBJECT(dialog), "iot-types", keep, (GDestroyNotify)g_ptr_array_unref);
	view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));
	g_object_unref(store);
	gtk_tree_view_set_headers_visible(GTK_TREE_VIEW(view), FALSE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(view),
	                            gtk_tree_view_column_new_with_attributes(
	                                NULL, gtk_cell_renderer_text_new(), "text", 0, NULL));
	if (gtk_tree_model_get_iter_first(GTK_TREE_MODEL(store), &it))
		gtk_tree_selection_select_iter(gtk_tree_view_get_selection(GTK_TREE_VIEW(view)), &it);
	g_signal_connect(view, "row-activated", G_CALLBACK(chooser_activated), dialog);
	{
		/* The parent's name is a device's: no mnemonic may come from it. */
		char *parent = iot_gtk_conc_no_mnemonic(f->label);

		/* TRANSLATORS: above the list of node types; %s names the parent. */
		text = g_strdup_printf(_("_Type of the new node under %s:"), parent);
		g_free(parent);
	}
	label = gtk_label_new(NULL);
	gtk_label_set_text_with_mnemonic(GTK_LABEL(label), text);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), view);
	gtk_misc_set_alignment(GTK_MISC(label), 0.0f, 0.5f);
	g_free(text);
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scroll), view);
	gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), label, FALSE,
	                   FALSE, 6);
	gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), scroll, TRUE,
	                   TRUE, 0);
	g_object_set_data(G_OBJECT(dialog), "iot-view", view);
	g_signal_connect(dialog, "response", G_CALLBACK(chooser_response), f);
	g_signal_connect(dialog, "destroy", G_CALLBACK(chooser_gone), f);
	f->chooser = dialog;
	iot_gtk_conc_add_dialog(f->win, dialog);
	gtk_widget_show_all(dialog);
	gtk_widget_grab_focus(view);
}

static void
types_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);
		/* TRANSLATORS: %1$s names the parent node, %2$s why. */
		char *text = g_strdup_printf(_("Could not ask what can be added under %s: %s"), f->label,
		                             why);

		iot_gtk_conc_show_status(win, text, TRUE);
		g_free(text);
		g_free(why);
	} else if (a->types->len == 0) {
		char *text = g_strdup_printf(_("No node can be added under %s."), f->label);

		iot_gtk_conc_show_status(win, text, FALSE);
		g_free(text);
	} else if (a->types->len == 1) {
		iot_gtk_conc_show_status(win, NULL, FALSE);
		type_chosen(f, g_ptr_array_index(a->types, 0));
	} else {
		iot_gtk_conc_show_status(win, NULL, FALSE);
		choose_type(f, a->types);
	}
	iot_gtk_conc_flow_release(f);
}

void
iot_gtk_conc_add_child(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win);
	IotGtkConcActions acts;
	IotGtkConcFlow *f;
	IotGtkConcRequest *req;
	char *label;

	iot_gtk_conc_actions(win, sel, &acts);
	if (!acts.add) {
		g_ptr_array_unref(sel);
		return;
	}
	label = iot_gtk_conc_nodes_label(win, sel);
	f = iot_gtk_conc_flow_new(win, IOT_GTK_CONC_FLOW_ADD, iot_gtk_conc_refs(sel), label);
	g_free(label);
	g_ptr_array_unref(sel);
	iot_gtk_conc_show_status(win, _("Asking which nodes can be added…"), FALSE);
	req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_ADDABLE_TYPES, types_done);
	win->ops.get_addable_types(req, g_ptr_array_index(f->refs, 0), win->user_data);
	iot_gtk_conc_flow_release(f);
}

void
iot_gtk_conc_add_send(IotGtkConcFlow *f, IotDataForm *form)
{
	IotGtkConcentrator *win = f->win;
	IotGtkConcRequest *req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_CREATE_NODE, created);

	win->ops.create_node(req, g_ptr_array_index(f->refs, 0), f->type, form, win->user_data);
}
