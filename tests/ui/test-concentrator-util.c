/*
 * test-concentrator-util.c — the concentrator window tests' helpers (see
 * test-concentrator-util.h).
 */
#include "test-concentrator-util.h"

#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <string.h>

FakeConc *fc;
IotGtkConcentrator *win;

void
open_window(gboolean manual)
{
	fc = fake_conc_new();
	fc->manual = manual;
	win = fake_conc_open(fc);
	/* Drawn: keys can be sent to it. */
	ui_test_show_and_wait(iot_gtk_concentrator_get_window(win), 20);
	if (!manual)
		fake_settle(fc);
}

void
close_window(void)
{
	fake_settle(fc);
	fake_conc_free(fc);
	fc = NULL;
	win = NULL;
	ui_test_run_ms(10);
}

/* ---- reading the tree ------------------------------------------------------------------ */

GtkTreeModel *
model(void)
{
	return iot_gtk_concentrator_get_model(win);
}

GtkTreeIter
row(const char *source, const char *id)
{
	GtkTreeIter it;

	ck_assert_msg(iot_gtk_concentrator_find_row(win, source, id, NULL, &it), "no row %s/%s", source,
	              id ? id : "");
	return it;
}

gboolean
has_row(const char *source, const char *id)
{
	return iot_gtk_concentrator_find_row(win, source, id, NULL, NULL);
}

char *
cell(GtkTreeModel *m, GtkTreeIter *it, IotGtkConcColumn col)
{
	return iot_gtk_concentrator_cell_text(win, m, it, col);
}

void
assert_cell(GtkTreeModel *m, GtkTreeIter *it, IotGtkConcColumn col, const char *want)
{
	char *got = cell(m, it, col);

	ck_assert_str_eq(got, want);
	g_free(got);
}

/* The names of @parent's children (NULL: top level), joined by "|". */
char *
children(GtkTreeIter *parent)
{
	GString *s = g_string_new(NULL);
	GtkTreeIter it;
	gboolean ok;

	for (ok = gtk_tree_model_iter_children(model(), &it, parent); ok;
	     ok = gtk_tree_model_iter_next(model(), &it)) {
		char *name = cell(model(), &it, IOT_GTK_CONC_COL_NAME);

		g_string_append_printf(s, "%s%s", s->len > 0 ? "|" : "", name);
		g_free(name);
	}
	return g_string_free(s, FALSE);
}

void
assert_children(const char *source, const char *id, const char *want)
{
	GtkTreeIter it;
	char *got;

	if (source != NULL)
		it = row(source, id);
	got = children(source != NULL ? &it : NULL);
	ck_assert_str_eq(got, want);
	g_free(got);
}

char *
results(void)
{
	GtkTreeModel *m = iot_gtk_concentrator_get_results_model(win);
	GString *s = g_string_new(NULL);
	GtkTreeIter it;
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, &it); ok; ok = gtk_tree_model_iter_next(m, &it)) {
		char *id = cell(m, &it, IOT_GTK_CONC_COL_ID);

		g_string_append_printf(s, "%s%s", s->len > 0 ? "|" : "", id);
		g_free(id);
	}
	return g_string_free(s, FALSE);
}

void
assert_results(const char *want)
{
	char *got;

	while (iot_gtk_concentrator_filtering(win))
		gtk_main_iteration_do(FALSE);
	got = results();
	ck_assert_str_eq(got, want);
	g_free(got);
}

gboolean
expanded(const char *source, const char *id)
{
	GtkTreeIter it = row(source, id);
	GtkTreePath *path = gtk_tree_model_get_path(model(), &it);
	gboolean e = gtk_tree_view_row_expanded(iot_gtk_concentrator_get_view(win), path);

	gtk_tree_path_free(path);
	return e;
}

gboolean
selected(const char *source, const char *id)
{
	GtkTreeIter it = row(source, id);

	return gtk_tree_selection_iter_is_selected(
	    gtk_tree_view_get_selection(iot_gtk_concentrator_get_view(win)), &it);
}

void
expand(const char *source, const char *id)
{
	ck_assert(iot_gtk_concentrator_expand(win, source, id));
	fake_settle(fc);
}

void
select_rows(const char *source, const char *const *ids)
{
	gboolean add = FALSE;

	for (; *ids != NULL; ids++, add = TRUE)
		ck_assert(iot_gtk_concentrator_select(win, source, *ids, add));
	fake_settle(fc);
}

/* A key press to the window, as a person's (ui_test_send_key()). */
void
send_key(guint keyval, GdkModifierType state)
{
	ui_test_send_key(iot_gtk_concentrator_get_window(win), keyval, state);
}

/* Lets an already shown window draw what changed. */
void
redraw(GtkWidget *window)
{
	gtk_widget_queue_draw(window);
	fake_settle(fc);
	ui_test_run_ms(100);
}

/* ---- menus ---------------------------------------------------------------------------- */

char *
strip_mnemonic(const char *label)
{
	GString *s = g_string_new(NULL);

	for (; *label != '\0'; label++) {
		if (*label == '_' && label[1] == '_')
			label++;
		else if (*label == '_')
			continue;
		g_string_append_c(s, *label);
	}
	return g_string_free(s, FALSE);
}

GtkWidget *
menu_item(GtkWidget *menu, const char *label)
{
	GList *items = gtk_container_get_children(GTK_CONTAINER(menu)), *l;
	GtkWidget *found = NULL;

	for (l = items; l != NULL && found == NULL; l = l->next) {
		const char *text = GTK_IS_SEPARATOR_MENU_ITEM(l->data)
		                       ? NULL
		                       : gtk_menu_item_get_label(GTK_MENU_ITEM(l->data));
		char *plain = text != NULL ? strip_mnemonic(text) : NULL;

		if (g_strcmp0(plain, label) == 0)
			found = l->data;
		g_free(plain);
	}
	g_list_free(items);
	ck_assert_msg(found != NULL, "no menu item “%s”", label);
	return found;
}

/* The menu shown on screen, if any. */
GtkWidget *
popped_up_menu(void)
{
	GList *tops = gtk_window_list_toplevels(), *l;
	GtkWidget *menu = NULL;

	for (l = tops; l != NULL; l = l->next) {
		GtkWidget *child = gtk_bin_get_child(GTK_BIN(l->data));

		if (gtk_widget_get_mapped(l->data) && GTK_IS_MENU(child) &&
		    gtk_menu_get_attach_widget(GTK_MENU(child)) == NULL)
			menu = child;
	}
	g_list_free(tops);
	return menu;
}

/* A menu's items: "-" separators, "#" before category headers. */
char *
menu_text(GtkWidget *menu)
{
	GList *items = gtk_container_get_children(GTK_CONTAINER(menu)), *l;
	GString *s = g_string_new(NULL);

	for (l = items; l != NULL; l = l->next) {
		if (s->len > 0)
			g_string_append_c(s, '|');
		if (GTK_IS_SEPARATOR_MENU_ITEM(l->data))
			g_string_append_c(s, '-');
		else
			g_string_append_printf(
			    s, "%s%s", g_object_get_data(l->data, "iot-category") != NULL ? "#" : "",
			    gtk_menu_item_get_label(GTK_MENU_ITEM(l->data)));
	}
	g_list_free(items);
	return g_string_free(s, FALSE);
}

GtkWidget *
commands_submenu(void)
{
	GtkWidget *menu = iot_gtk_concentrator_build_menu(win);
	GtkWidget *item = menu_item(menu, "Commands");

	ck_assert(gtk_widget_get_sensitive(item));
	return gtk_menu_item_get_submenu(GTK_MENU_ITEM(item));
}

/* Activates a menu item without running the main loop. */
void
activate_only(GtkWidget *menu, const char *label)
{
	GtkWidget *item = menu_item(menu, label);

	ck_assert_msg(gtk_widget_get_sensitive(item), "“%s” is off", label);
	gtk_menu_item_activate(GTK_MENU_ITEM(item));
}

void
activate(GtkWidget *menu, const char *label)
{
	activate_only(menu, label);
	fake_settle(fc);
}

IotGtkControl *
form_dialog(void)
{
	GtkWidget *w = iot_gtk_concentrator_get_dialog(win);
	IotGtkControl *dlg;

	ck_assert_ptr_nonnull(w);
	dlg = g_object_get_data(G_OBJECT(w), "iot-gtk-control");
	ck_assert_ptr_nonnull(dlg);
	return dlg;
}

void
type_into(IotGtkControl *dlg, const char *var, const char *text)
{
	GtkWidget *e = iot_gtk_control_get_field_entry(dlg, var);

	ck_assert_msg(e != NULL, "no entry %s", var);
	/* Read into the form as typed (Enter would send it). */
	gtk_entry_set_text(GTK_ENTRY(e), text);
}

/* What the Find by ID dialog does with its text. */
void
find_node_by_id(IotGtkConcentrator *w, const char *id)
{
	GtkWidget *dialog;

	send_key(GDK_i, GDK_CONTROL_MASK);
	dialog = iot_gtk_concentrator_get_dialog(w);
	ck_assert(GTK_IS_DIALOG(dialog));
	gtk_entry_set_text(g_object_get_data(G_OBJECT(dialog), "iot-entry"), id);
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	fake_settle(fc);
}

IotNodeRef
ref(const char *source, const char *id)
{
	IotNodeRef r = { (char *)id, (char *)source, NULL };

	return r;
}

IotGtkConcNodeInfo *
info(const char *source, const char *id, const char *name, const char *parent, IotNodeState state)
{
	IotConcentratorNode *n = iot_concentrator_node_new(id);

	n->ref.source_id = g_strdup(source);
	n->display_name = g_strdup(name);
	n->node_type = g_strdup("Lamp");
	n->parent_id = g_strdup(parent);
	n->state = state;
	n->readable = TRUE;
	return iot_gtk_conc_node_info_new(n);
}
