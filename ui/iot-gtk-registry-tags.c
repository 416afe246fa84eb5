/*
 * iot-gtk-registry-tags.c — a table of meta tags to type or edit (NAME,
 * value, number), shared by the claim dialog and Edit tags… of My things,
 * and reading an edited table back. See iot-gtk-registry-private.h.
 */
#include "iot-gtk-registry-private.h"

#include <glib/gi18n-lib.h>

/* ---- secrets drawn masked ---- */

/* A selection in a masked entry would own the primary selection with the
 * entry's placeholder characters (GTK copies what it draws): none stays. */
static void
masked_selection(GObject *o, GParamSpec *pspec, gpointer unused)
{
	GtkEditable *e = GTK_EDITABLE(o);
	int start, end;

	if (!gtk_entry_get_visibility(GTK_ENTRY(o)) && gtk_editable_get_selection_bounds(e, &start, &end))
		gtk_editable_select_region(e, end, end);
}

/* Pasting into a masked entry, whose text cannot be selected: the paste
 * replaces it (before the entry inserts the clipboard's text). */
static void
masked_paste(GtkEntry *entry, gpointer unused)
{
	if (!gtk_entry_get_visibility(entry))
		gtk_entry_set_text(entry, "");
}

void
iot_gtk_registry_mask_entry(GtkEntry *entry)
{
	gtk_entry_set_visibility(entry, FALSE);
	g_signal_connect(entry, "notify::selection-bound", G_CALLBACK(masked_selection), NULL);
	g_signal_connect(entry, "notify::cursor-position", G_CALLBACK(masked_selection), NULL);
	g_signal_connect(entry, "paste-clipboard", G_CALLBACK(masked_paste), NULL);
}

static gboolean
is_secret_row(GtkTreeModel *m, GtkTreeIter *iter)
{
	char *name = NULL;
	gboolean secret;

	gtk_tree_model_get(m, iter, IOT_GTK_REGISTRY_TAG_COL_NAME, &name, -1);
	secret = name != NULL && g_ascii_strcasecmp(g_strstrip(name), "KEY") == 0;
	g_free(name);
	return secret;
}

static void
value_cell_data(GtkTreeViewColumn *col, GtkCellRenderer *r, GtkTreeModel *m, GtkTreeIter *iter, gpointer view)
{
	char *value = NULL;

	gtk_tree_model_get(m, iter, IOT_GTK_REGISTRY_TAG_COL_VALUE, &value, -1);
	if (value != NULL && *value != '\0' && is_secret_row(m, iter) &&
	    !g_object_get_data(G_OBJECT(view), "show-secret"))
		g_object_set(r, "text", IOT_REGISTRY_KEY_MASK, NULL);
	else
		g_object_set(r, "text", value, NULL);
	g_free(value);
}

static void
value_editing_started(GtkCellRenderer *r, GtkCellEditable *editable, const char *path, GtkWidget *view)
{
	GtkTreeModel *m = gtk_tree_view_get_model(GTK_TREE_VIEW(view));
	GtkTreeIter iter;

	char *value = NULL;

	if (!GTK_IS_ENTRY(editable) || !gtk_tree_model_get_iter_from_string(m, &iter, path) ||
	    !is_secret_row(m, &iter) || g_object_get_data(G_OBJECT(view), "show-secret"))
		return;
	/* The renderer drew the mask: the entry edits the value itself, unseen. */
	iot_gtk_registry_mask_entry(GTK_ENTRY(editable));
	gtk_tree_model_get(m, &iter, IOT_GTK_REGISTRY_TAG_COL_VALUE, &value, -1);
	gtk_entry_set_text(GTK_ENTRY(editable), value != NULL ? value : "");
	g_free(value);
}

void
iot_gtk_registry_tags_show_secret(GtkWidget *view, gboolean show)
{
	g_object_set_data(G_OBJECT(view), "show-secret", GINT_TO_POINTER(show ? 1 : 0));
	gtk_widget_queue_draw(view);
}

/* ---- the table ---- */

GtkWidget *
iot_gtk_registry_tags_editor(GtkListStore *store, GtkWidget **view, GCallback edited, GCallback toggled,
                             gpointer data)
{
	GtkWidget *sw = gtk_scrolled_window_new(NULL, NULL), *tv = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));
	GtkCellRenderer *r;
	GtkTreeViewColumn *c;

	r = gtk_cell_renderer_text_new();
	g_object_set(r, "editable", TRUE, NULL);
	g_object_set_data(G_OBJECT(r), "column", GINT_TO_POINTER(IOT_GTK_REGISTRY_TAG_COL_NAME));
	g_signal_connect(r, "edited", edited, data);
	c = gtk_tree_view_column_new_with_attributes(_("Tag"), r, "text", IOT_GTK_REGISTRY_TAG_COL_NAME, NULL);
	gtk_tree_view_column_set_min_width(c, 90);
	gtk_tree_view_append_column(GTK_TREE_VIEW(tv), c);
	r = gtk_cell_renderer_text_new();
	g_object_set(r, "editable", TRUE, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	g_object_set_data(G_OBJECT(r), "column", GINT_TO_POINTER(IOT_GTK_REGISTRY_TAG_COL_VALUE));
	g_signal_connect(r, "edited", edited, data);
	g_signal_connect(r, "editing-started", G_CALLBACK(value_editing_started), tv);
	c = gtk_tree_view_column_new_with_attributes(_("Value"), r, NULL);
	gtk_tree_view_column_set_cell_data_func(c, r, value_cell_data, tv, NULL);
	gtk_tree_view_column_set_expand(c, TRUE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(tv), c);
	r = gtk_cell_renderer_toggle_new();
	g_signal_connect(r, "toggled", toggled, data);
	c = gtk_tree_view_column_new_with_attributes(_("Number"), r, "active", IOT_GTK_REGISTRY_TAG_COL_NUMERIC, NULL);
	gtk_tree_view_append_column(GTK_TREE_VIEW(tv), c);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(sw), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(sw), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(sw), tv);
	*view = tv;
	return sw;
}

static void
edit_cell_edited(GtkCellRendererText *r, const char *path, const char *text, GtkListStore *store)
{
	GtkTreeIter iter;
	int col = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(r), "column"));

	if (gtk_tree_model_get_iter_from_string(GTK_TREE_MODEL(store), &iter, path))
		gtk_list_store_set(store, &iter, col, text, -1);
}

static void
edit_toggled(GtkCellRendererToggle *r, const char *path, GtkListStore *store)
{
	GtkTreeIter iter;
	gboolean on;

	if (!gtk_tree_model_get_iter_from_string(GTK_TREE_MODEL(store), &iter, path))
		return;
	gtk_tree_model_get(GTK_TREE_MODEL(store), &iter, IOT_GTK_REGISTRY_TAG_COL_NUMERIC, &on, -1);
	gtk_list_store_set(store, &iter, IOT_GTK_REGISTRY_TAG_COL_NUMERIC, !on, -1);
}

static void
edit_add(GtkButton *b, GtkListStore *store)
{
	gtk_list_store_insert_with_values(store, NULL, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, "",
	                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, "", IOT_GTK_REGISTRY_TAG_COL_NUMERIC, FALSE,
	                                  -1);
}

static void
edit_remove(GtkButton *b, GtkTreeView *view)
{
	GtkTreeModel *m;
	GtkTreeIter iter;

	if (gtk_tree_selection_get_selected(gtk_tree_view_get_selection(view), &m, &iter))
		gtk_list_store_remove(GTK_LIST_STORE(m), &iter);
}

/* The tags to send: the table's, and every old one no longer there with an
 * empty value (which deletes it). NULL with @error for a bad row. */
GPtrArray *
iot_gtk_registry_tags_edited(GtkTreeModel *m, const GPtrArray *old, GError **error)
{
	GPtrArray *tags = iot_registry_tags_new();
	GtkTreeIter iter;
	gboolean ok;
	guint i;

	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		char *name = NULL, *value = NULL;
		gboolean numeric = FALSE, good = TRUE;

		gtk_tree_model_get(m, &iter, IOT_GTK_REGISTRY_TAG_COL_NAME, &name, IOT_GTK_REGISTRY_TAG_COL_VALUE, &value,
		                   IOT_GTK_REGISTRY_TAG_COL_NUMERIC, &numeric, -1);
		if (name != NULL && *g_strstrip(name) != '\0')
			good = iot_registry_tags_add(tags, name, value != NULL ? value : "", numeric, error);
		g_free(name);
		g_free(value);
		if (!good) {
			g_ptr_array_unref(tags);
			return NULL;
		}
	}
	for (i = 0; old != NULL && i < old->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(old, i);

		if (iot_registry_tags_find(tags, t->name) == NULL) {
			IotRegistryTag *gone = g_new0(IotRegistryTag, 1);

			gone->name = g_strdup(t->name);
			gone->value = g_strdup("");
			g_ptr_array_add(tags, gone);
		}
	}
	return tags;
}

void
iot_gtk_registry_tags_dialog_fill(GtkWidget *d, const GPtrArray *tags)
{
	GtkListStore *store;
	GtkWidget *area, *view, *hbox, *w, *status;
	guint i;

	gtk_window_set_default_size(GTK_WINDOW(d), 440, 320);
	store = gtk_list_store_new(IOT_GTK_REGISTRY_TAG_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *tag = g_ptr_array_index(tags, i);

		gtk_list_store_insert_with_values(store, NULL, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, tag->name,
		                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, tag->value,
		                                  IOT_GTK_REGISTRY_TAG_COL_NUMERIC, tag->numeric, -1);
	}
	g_object_set_data_full(G_OBJECT(d), "tags", store, g_object_unref);
	area = gtk_dialog_get_content_area(GTK_DIALOG(d));
	gtk_box_set_spacing(GTK_BOX(area), 6);
	gtk_box_pack_start(GTK_BOX(area),
	                   iot_gtk_registry_tags_editor(store, &view, G_CALLBACK(edit_cell_edited),
	                                                G_CALLBACK(edit_toggled), store),
	                   TRUE, TRUE, 0);
	hbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(hbox), GTK_BUTTONBOX_START);
	w = gtk_button_new_from_stock(GTK_STOCK_ADD);
	g_signal_connect(w, "clicked", G_CALLBACK(edit_add), store);
	gtk_container_add(GTK_CONTAINER(hbox), w);
	w = gtk_button_new_from_stock(GTK_STOCK_REMOVE);
	g_signal_connect(w, "clicked", G_CALLBACK(edit_remove), view);
	gtk_container_add(GTK_CONTAINER(hbox), w);
	gtk_box_pack_start(GTK_BOX(area), hbox, FALSE, FALSE, 0);
	status = iot_gtk_registry_status_label();
	gtk_label_set_text(GTK_LABEL(status), _("A tag you remove is deleted from the registry."));
	g_object_set_data(G_OBJECT(d), "status", status);
	gtk_box_pack_start(GTK_BOX(area), status, FALSE, FALSE, 0);
}
