/*
 * test-registry-mask.c — the Claim a thing dialog keeps the KEY off the
 * screen while it is pasted or typed: the link entry draws nothing of the
 * link (kept byte for byte), nothing is copied from it, a paste replaces
 * it, "Show the KEY" draws it; a typed KEY value is drawn masked and typed
 * in a masked entry. PNGs of both. Part of test-registry-window.
 */
#include "test-registry-window.h"
#include "ui-test-util.h"

#include <string.h>

/* What @entry draws (transfer none). */
static const char *
drawn(GtkEntry *entry)
{
	return pango_layout_get_text(gtk_entry_get_layout(entry));
}

/* The text the value column of the tags table draws for row @row. */
static char *
drawn_value(GtkTreeView *view, guint row)
{
	GtkTreeViewColumn *col = gtk_tree_view_get_column(view, 1);
	GtkTreeModel *m = gtk_tree_view_get_model(view);
	GtkTreeIter iter;
	GList *cells;
	char *text = NULL;

	ck_assert(gtk_tree_model_iter_nth_child(m, &iter, NULL, row));
	gtk_tree_view_column_cell_set_cell_data(col, m, &iter, FALSE, FALSE);
	cells = gtk_cell_layout_get_cells(GTK_CELL_LAYOUT(col));
	g_object_get(cells->data, "text", &text, NULL);
	g_list_free(cells);
	return text;
}

/* The entry the tags table edits a cell with (transfer none), or NULL. */
static GtkEntry *
cell_entry(GtkTreeView *view)
{
	GList *kids = gtk_container_get_children(GTK_CONTAINER(view)), *l;
	GtkEntry *e = NULL;

	for (l = kids; l != NULL; l = l->next)
		if (GTK_IS_ENTRY(l->data))
			e = l->data;
	g_list_free(kids);
	return e;
}

START_TEST(test_claim_key_is_masked_while_typing)
{
	IotGtkRegistryClaim *dlg = iot_gtk_registry_claim_new("me@home.example", &ops, NULL);
	const char *link = "iotdisco:MAN=home.example;SN=4711;KEY=" SECRET ";NAME=Lamp";
	const char *other = "iotdisco:MAN=home.example;SN=4712;KEY=" SECRET "2";
	GtkEntry *entry = iot_gtk_registry_claim_get_link_entry(dlg);
	GtkClipboard *clip = gtk_widget_get_clipboard(GTK_WIDGET(entry), GDK_SELECTION_CLIPBOARD);
	GtkClipboard *primary = gtk_widget_get_clipboard(GTK_WIDGET(entry), GDK_SELECTION_PRIMARY);
	GtkToggleButton *show_key = iot_gtk_registry_claim_get_show_key(dlg);
	GtkTreeView *view;
	GtkListStore *store;
	GtkTreePath *path;
	GtkEntry *cell;
	char *text;

	show(iot_gtk_registry_claim_get_window(dlg));
	iot_gtk_registry_claim_set_text(dlg, link);
	settle();
	/* Kept as pasted, byte for byte, but not drawn: no part of it. */
	ck_assert_str_eq(gtk_entry_get_text(entry), link);
	ck_assert_ptr_null(strstr(drawn(entry), SECRET));
	ck_assert_ptr_null(strstr(drawn(entry), "SN=4711"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), "SN = 4711"));
	ck_assert(sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	ui_test_save_png(iot_gtk_registry_claim_get_window(dlg), "registry-claim-link-masked.png");
	/* Copying gives no placeholder as if it were the link: no selection
	 * stays, so neither the clipboard nor the primary selection gets one. */
	gtk_clipboard_set_text(clip, "before", -1);
	gtk_widget_grab_focus(GTK_WIDGET(entry));
	gtk_editable_select_region(GTK_EDITABLE(entry), 0, -1);
	settle();
	ck_assert(!gtk_editable_get_selection_bounds(GTK_EDITABLE(entry), NULL, NULL));
	g_signal_emit_by_name(entry, "copy-clipboard");
	settle();
	text = gtk_clipboard_wait_for_text(clip);
	ck_assert_str_eq(text, "before");
	g_free(text);
	text = gtk_clipboard_wait_for_text(primary);
	ck_assert_msg(text == NULL || strstr(text, "SN=") != NULL || g_utf8_strlen(text, -1) == 0 ||
	                  (strchr(text, '*') == NULL && strstr(text, "\xe2\x97\x8f") == NULL),
	              "the primary selection holds a placeholder: %s", text);
	g_free(text);
	/* Pasting over a masked link replaces it whole. */
	gtk_clipboard_set_text(clip, other, -1);
	g_signal_emit_by_name(entry, "paste-clipboard");
	settle();
	ck_assert_str_eq(gtk_entry_get_text(entry), other);
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), "SN = 4712"));
	/* Show draws it; off again, masked again. */
	gtk_toggle_button_set_active(show_key, TRUE);
	settle();
	ck_assert_ptr_nonnull(strstr(drawn(entry), SECRET "2"));
	gtk_toggle_button_set_active(show_key, FALSE);
	settle();
	ck_assert_ptr_null(strstr(drawn(entry), SECRET));

	/* Typed tags: the KEY value is drawn masked, and typed unseen. */
	iot_gtk_registry_claim_set_mode(dlg, 2);
	store = iot_gtk_registry_claim_get_tags_store(dlg);
	view = iot_gtk_registry_claim_get_tags_view(dlg);
	gtk_list_store_insert_with_values(store, NULL, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, "MAN",
	                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, "home.example", IOT_GTK_REGISTRY_TAG_COL_NUMERIC,
	                                  FALSE, -1);
	gtk_list_store_insert_with_values(store, NULL, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, "key",
	                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, SECRET, IOT_GTK_REGISTRY_TAG_COL_NUMERIC, FALSE, -1);
	iot_gtk_registry_claim_tags_changed(dlg);
	settle();
	text = drawn_value(view, 0);
	ck_assert_str_eq(text, "home.example");
	g_free(text);
	text = drawn_value(view, 1);
	ck_assert_str_eq(text, IOT_REGISTRY_KEY_MASK);
	g_free(text);
	path = gtk_tree_path_new_from_indices(1, -1);
	gtk_tree_view_set_cursor(view, path, gtk_tree_view_get_column(view, 1), TRUE);
	settle();
	cell = cell_entry(view);
	ck_assert_ptr_nonnull(cell);
	ck_assert_str_eq(gtk_entry_get_text(cell), SECRET);
	ck_assert_ptr_null(strstr(drawn(cell), SECRET));
	ui_test_save_png(iot_gtk_registry_claim_get_window(dlg), "registry-claim-typed-key-masked.png");
	gtk_cell_editable_editing_done(GTK_CELL_EDITABLE(cell));
	settle();
	gtk_tree_path_free(path);
	gtk_toggle_button_set_active(show_key, TRUE);
	settle();
	text = drawn_value(view, 1);
	ck_assert_str_eq(text, SECRET);
	g_free(text);
	/* What is claimed is the typed KEY, unchanged. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_claim_get_button(dlg, "claim")));
	settle();
	ck_assert_ptr_nonnull(logged("CLAIM"));
	ck_assert_ptr_nonnull(strstr(logged("CLAIM"), "=" SECRET));
}
END_TEST

void
registry_mask_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_claim_key_is_masked_while_typing);
}
