/*
 * iot-gtk-concentrator-menu.c — what a person can do with the selected
 * nodes: which actions apply (the nodes' flags, the concentrator's
 * capabilities, the owner's functions), the context menu (also the Menu key
 * and Shift+F10), the commands submenu grouped by sort category, and the
 * actions without a form: read, control, delete, move up/down, duplicate.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-format.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- which actions apply ---------------------------------------------------------------- */

static gboolean
same_parent(const GPtrArray *nodes)
{
	guint i;

	for (i = 1; i < nodes->len; i++)
		if (((IotGtkConcRow *)g_ptr_array_index(nodes, i))->parent !=
		    ((IotGtkConcRow *)g_ptr_array_index(nodes, 0))->parent)
			return FALSE;
	return nodes->len > 0;
}

/* A node sibling before (@up) or after @row. */
static gboolean
has_node_sibling(IotGtkConcentrator *win, IotGtkConcRow *row, gboolean up)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter it = row->iter;
	IotGtkConcRow *o;

	if (up ? !iot_gtk_conc_iter_previous(m, &it) : !gtk_tree_model_iter_next(m, &it))
		return FALSE;
	o = iot_gtk_conc_row_at(m, &it, NULL);
	return o != NULL && o->node != NULL;
}

static GPtrArray *
node_rows(const GPtrArray *sel)
{
	GPtrArray *nodes = g_ptr_array_new();
	guint i;

	for (i = 0; i < sel->len; i++)
		if (((IotGtkConcRow *)g_ptr_array_index(sel, i))->node != NULL)
			g_ptr_array_add(nodes, g_ptr_array_index(sel, i));
	return nodes;
}

void
iot_gtk_conc_actions(IotGtkConcentrator *win, const GPtrArray *sel, IotGtkConcActions *a)
{
	GPtrArray *nodes = node_rows(sel);
	gboolean on = win->online, one = nodes->len == 1 && sel->len == 1, all_cmds = nodes->len > 0;
	const IotGtkConcentratorOps *o = &win->ops;
	guint i;

	memset(a, 0, sizeof *a);
	for (i = 0; i < nodes->len; i++) {
		const IotConcentratorNode *n = ((IotGtkConcRow *)g_ptr_array_index(nodes, i))->node;

		a->read |= n->readable;
		a->control |= n->controllable;
		all_cmds &= n->has_commands;
	}
	a->read = on && o->read != NULL && a->read;
	a->control = on && o->control != NULL && a->control;
	a->commands = on && o->list_commands != NULL && all_cmds &&
	              iot_gtk_conc_can(win, nodes->len == 1 ? "getNodeCommands" : "getCommonNodeCommands");
	a->params = on && o->get_parameters_form != NULL && o->set_parameters != NULL && nodes->len > 0 &&
	            iot_gtk_conc_can(win, nodes->len == 1 ? "getNodeParametersForEdit"
	                                                  : "getCommonNodeParametersForEdit");
	a->add = on && one && o->get_addable_types != NULL && o->get_new_node_form != NULL &&
	         o->create_node != NULL && iot_gtk_conc_can(win, "getAddableNodeTypes") &&
	         iot_gtk_conc_can(win, "createNewNode");
	a->duplicate = on && one && o->duplicate_node != NULL && iot_gtk_conc_can(win, "createNewNode");
	a->delete_ = on && nodes->len > 0 && o->delete_nodes != NULL && iot_gtk_conc_can(win, "destroyNode");
	if (on && o->move_nodes != NULL && same_parent(nodes) && nodes->len == sel->len &&
	    iot_gtk_conc_can(win, nodes->len == 1 ? "moveNodeUp" : "moveNodesUp")) {
		a->up = has_node_sibling(win, g_ptr_array_index(nodes, 0), TRUE);
		a->down = has_node_sibling(win, g_ptr_array_index(nodes, nodes->len - 1), FALSE);
	}
	g_ptr_array_free(nodes, TRUE);
}

/* ---- read, control ---------------------------------------------------------------------- */

static void
call_with(IotGtkConcentrator *win, gboolean readable)
{
	GPtrArray *sel = iot_gtk_conc_selected(win), *want = g_ptr_array_new(), *refs;
	guint i;

	for (i = 0; i < sel->len; i++) {
		IotGtkConcRow *row = g_ptr_array_index(sel, i);

		if (row->node != NULL && (readable ? row->node->readable : row->node->controllable))
			g_ptr_array_add(want, row);
	}
	refs = iot_gtk_conc_refs(want);
	if (refs->len > 0 && win->online) {
		/* One call with every node: the owner makes one request of it. */
		if (readable && win->ops.read != NULL)
			win->ops.read(win, refs, win->user_data);
		else if (!readable && win->ops.control != NULL)
			win->ops.control(win, refs, win->user_data);
	}
	g_ptr_array_unref(refs);
	g_ptr_array_free(want, TRUE);
	g_ptr_array_unref(sel);
}

void
iot_gtk_conc_do_read(IotGtkConcentrator *win)
{
	call_with(win, TRUE);
}

void
iot_gtk_conc_do_control(IotGtkConcentrator *win)
{
	call_with(win, FALSE);
}

/* ---- delete, move, duplicate --------------------------------------------------------------- */

typedef struct {
	GPtrArray *refs;
	char *label;
	gboolean up;
} NodesJob;

static void
job_free(NodesJob *job)
{
	g_ptr_array_unref(job->refs);
	g_free(job->label);
	g_free(job);
}

static NodesJob *
job_for_selection(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win), *nodes = node_rows(sel);
	NodesJob *job = NULL;

	if (nodes->len > 0) {
		job = g_new0(NodesJob, 1);
		job->refs = iot_gtk_conc_refs(nodes);
		job->label = iot_gtk_conc_nodes_label(win, nodes);
	}
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_unref(sel);
	return job;
}

static void
say_failure(IotGtkConcentrator *win, const char *format, const char *label, const GError *error)
{
	char *why = iot_gtk_conc_error_text(error), *text = g_strdup_printf(format, label, why);

	iot_gtk_conc_show_status(win, text, TRUE);
	g_free(text);
	g_free(why);
}

static void
delete_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	NodesJob *job = req->data;
	char *text;
	guint i;

	if (a->error != NULL) {
		/* TRANSLATORS: %1$s names the nodes ("“Meter 12”" or "3 nodes"), %2$s why. */
		say_failure(win, _("Could not delete %s: %s"), job->label, a->error);
		return;
	}
	for (i = 0; i < job->refs->len; i++) {
		IotGtkConcRow *row = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(job->refs, i));

		/* An event may have removed it already. */
		if (row != NULL)
			iot_gtk_conc_remove_row(win, row);
	}
	/* TRANSLATORS: %s names the nodes ("“Meter 12”" or "3 nodes"). */
	text = g_strdup_printf(_("Deleted %s."), job->label);
	iot_gtk_conc_show_status(win, text, FALSE);
	g_free(text);
}

static void
delete_confirmed(IotGtkConcentrator *win, NodesJob *job)
{
	IotGtkConcRequest *req;

	if (!win->online || win->ops.delete_nodes == NULL)
		return;
	/* The request takes the job; the confirmation frees its own copy. */
	job = g_memdup2(job, sizeof *job);
	g_ptr_array_ref(job->refs);
	job->label = g_strdup(job->label);
	req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_DELETE_NODES, delete_done, job,
	                               (GDestroyNotify)job_free);
	win->ops.delete_nodes(req, job->refs, win->user_data);
}

void
iot_gtk_conc_do_delete(IotGtkConcentrator *win)
{
	NodesJob *job = job_for_selection(win);
	IotGtkConcActions a;
	GPtrArray *sel = iot_gtk_conc_selected(win);
	char *primary;

	iot_gtk_conc_actions(win, sel, &a);
	g_ptr_array_unref(sel);
	if (job == NULL || !a.delete_) {
		if (job != NULL)
			job_free(job);
		return;
	}
	/* TRANSLATORS: %s names the nodes ("“Meter 12”" or "3 nodes"). */
	primary = g_strdup_printf(_("Delete %s?"), job->label);
	iot_gtk_conc_confirm(win, primary,
	                     _("The concentrator deletes them and every node under them. This cannot be undone."),
	                     GTK_STOCK_DELETE, G_CALLBACK(delete_confirmed), job, (GDestroyNotify)job_free);
	g_free(primary);
}

static void
move_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	NodesJob *job = req->data;
	guint i, n = job->refs->len;

	if (a->error != NULL) {
		/* TRANSLATORS: %1$s names the nodes, %2$s why. */
		say_failure(win, _("Could not move %s: %s"), job->label, a->error);
		return;
	}
	for (i = 0; i < n; i++) {
		/* Up: the top one first; down: the bottom one first. */
		const IotNodeRef *ref = g_ptr_array_index(job->refs, job->up ? i : n - 1 - i);
		IotGtkConcRow *row = iot_gtk_conc_lookup_ref(win, ref);

		/* With events flowing, the concentrator's nodeMoved events move it. */
		if (row != NULL && !iot_gtk_conc_events_active(win, iot_gtk_conc_row_source(row)))
			iot_gtk_conc_move_row(win, row, job->up);
	}
	iot_gtk_conc_update_actions(win);
}

void
iot_gtk_conc_do_move(IotGtkConcentrator *win, gboolean up)
{
	GPtrArray *sel = iot_gtk_conc_selected(win);
	IotGtkConcActions a;
	NodesJob *job;
	IotGtkConcRequest *req;

	iot_gtk_conc_actions(win, sel, &a);
	g_ptr_array_unref(sel);
	if (!(up ? a.up : a.down) || (job = job_for_selection(win)) == NULL)
		return;
	job->up = up;
	req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_MOVE_NODES, move_done, job,
	                               (GDestroyNotify)job_free);
	win->ops.move_nodes(req, job->refs, up, win->user_data);
}

static void
duplicate_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	NodesJob *job = req->data;
	const IotGtkConcNodeInfo *info;
	IotGtkConcRow *orig, *parent = NULL, *row;
	char *text, *name;

	if (a->error != NULL || a->nodes->len == 0) {
		if (a->error != NULL)
			/* TRANSLATORS: %1$s names the node, %2$s why. */
			say_failure(win, _("Could not duplicate %s: %s"), job->label, a->error);
		return;
	}
	info = g_ptr_array_index(a->nodes, 0);
	orig = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(job->refs, 0));
	if (orig != NULL)
		parent = orig->parent;
	else if (info->node->parent_id != NULL)
		parent = iot_gtk_conc_lookup(win, info->node->ref.source_id, info->node->parent_partition,
		                             info->node->parent_id);
	name = iot_format_clean(info->node->display_name != NULL ? info->node->display_name
	                                                         : info->node->ref.node_id,
	                        IOT_GTK_CONC_LABEL_CHARS);
	/* TRANSLATORS: %1$s names the node copied, %2$s the copy. */
	text = g_strdup_printf(_("Duplicated %s as “%s”."), job->label, name);
	iot_gtk_conc_show_status(win, text, FALSE);
	g_free(text);
	g_free(name);
	if (parent == NULL || !parent->loaded)
		return;
	row = iot_gtk_conc_upsert(win, parent, info, orig);
	if (row != NULL)
		iot_gtk_conc_show_in_tree(win, row);
}

void
iot_gtk_conc_do_duplicate(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win);
	IotGtkConcActions a;
	NodesJob *job;
	IotGtkConcRequest *req;

	iot_gtk_conc_actions(win, sel, &a);
	g_ptr_array_unref(sel);
	if (!a.duplicate || (job = job_for_selection(win)) == NULL)
		return;
	req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_DUPLICATE_NODE, duplicate_done, job,
	                               (GDestroyNotify)job_free);
	win->ops.duplicate_node(req, g_ptr_array_index(job->refs, 0), win->user_data);
}

/* ---- the commands submenu ------------------------------------------------------------------ */

typedef struct {
	char *key;       /* which nodes: their row keys joined */
	GPtrArray *refs; /* (element-type IotNodeRef) */
	char *label;
} CommandsFor;

static void
commands_for_free(CommandsFor *cf)
{
	if (cf == NULL)
		return;
	g_free(cf->key);
	g_ptr_array_unref(cf->refs);
	g_free(cf->label);
	g_free(cf);
}

static CommandsFor *
commands_for_selection(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win), *nodes = node_rows(sel);
	CommandsFor *cf = g_new0(CommandsFor, 1);
	GString *key = g_string_new(NULL);
	guint i;

	for (i = 0; i < nodes->len; i++) {
		g_string_append(key, ((IotGtkConcRow *)g_ptr_array_index(nodes, i))->key);
		g_string_append_c(key, '\x1d');
	}
	cf->key = g_string_free(key, FALSE);
	cf->refs = iot_gtk_conc_refs(nodes);
	cf->label = iot_gtk_conc_nodes_label(win, nodes);
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_unref(sel);
	return cf;
}

/* The cached commands of those nodes, or NULL. */
static GPtrArray *
cached_commands(IotGtkConcentrator *win, CommandsFor *cf)
{
	if (cf->refs->len == 1) {
		IotGtkConcRow *row = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(cf->refs, 0));

		return row != NULL ? row->commands : NULL;
	}
	return g_strcmp0(win->common_key, cf->key) == 0 ? win->common_commands : NULL;
}

static int
compare_commands(gconstpointer a, gconstpointer b)
{
	const IotGtkConcCommand *x = *(IotGtkConcCommand *const *)a, *y = *(IotGtkConcCommand *const *)b;
	int c;

	/* Uncategorised first, then categories by name, then by sort key and name. */
	if ((x->sort_category == NULL) != (y->sort_category == NULL))
		return x->sort_category == NULL ? -1 : 1;
	if ((c = g_utf8_collate(x->sort_category ? x->sort_category : "",
	                        y->sort_category ? y->sort_category : "")) != 0)
		return c;
	if ((c = g_strcmp0(x->sort_key ? x->sort_key : "", y->sort_key ? y->sort_key : "")) != 0)
		return c;
	return g_utf8_collate(x->name ? x->name : x->command, y->name ? y->name : y->command);
}

static void
command_cb(GtkMenuItem *item, IotGtkConcentrator *win)
{
	const IotGtkConcCommand *c = g_object_get_data(G_OBJECT(item), "iot-command");
	CommandsFor *cf = g_object_get_data(G_OBJECT(gtk_widget_get_parent(GTK_WIDGET(item))),
	                                    "iot-commands-for");

	if (c != NULL && cf != NULL)
		iot_gtk_conc_run_command(win, cf->refs, cf->label, c);
}

static void
plain_item(GtkWidget *menu, const char *text, gboolean header)
{
	GtkWidget *item = gtk_menu_item_new_with_label(text);

	gtk_widget_set_sensitive(item, FALSE);
	if (header) {
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
		gtk_label_set_attributes(GTK_LABEL(gtk_bin_get_child(GTK_BIN(item))), attrs);
		pango_attr_list_unref(attrs);
		g_object_set_data(G_OBJECT(item), "iot-category", GINT_TO_POINTER(1));
	}
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
}

/* Fills @menu with @commands (nullable: still coming; @error: why not). */
static void
fill_commands(IotGtkConcentrator *win, GtkWidget *menu, const GPtrArray *commands, const char *error)
{
	GList *old = gtk_container_get_children(GTK_CONTAINER(menu)), *l;
	GPtrArray *sorted;
	const char *category = NULL;
	guint i;

	for (l = old; l != NULL; l = l->next)
		gtk_widget_destroy(l->data);
	g_list_free(old);
	if (error != NULL || commands == NULL || commands->len == 0) {
		/* TRANSLATORS: in the commands submenu, while they are asked for / when there are none. */
		plain_item(menu, error != NULL ? error : commands == NULL ? _("Loading…") : _("No commands"),
		           FALSE);
		gtk_widget_show_all(menu);
		return;
	}
	sorted = g_ptr_array_new();
	g_ptr_array_extend(sorted, (GPtrArray *)commands, NULL, NULL);
	g_ptr_array_sort(sorted, compare_commands);
	for (i = 0; i < sorted->len; i++) {
		const IotGtkConcCommand *c = g_ptr_array_index(sorted, i);
		char *label, *name;
		GtkWidget *item;

		if (c->sort_category != NULL && g_strcmp0(c->sort_category, category) != 0) {
			char *header = iot_format_clean(c->sort_category, IOT_GTK_CONC_LABEL_CHARS);

			if (i > 0)
				gtk_menu_shell_append(GTK_MENU_SHELL(menu), gtk_separator_menu_item_new());
			plain_item(menu, header, TRUE);
			g_free(header);
			category = c->sort_category;
		}
		name = iot_format_clean(c->name != NULL && *c->name != '\0' ? c->name : c->command,
		                        IOT_GTK_CONC_LABEL_CHARS);
		/* More to come before it runs: a question, a form or a results window. */
		label = c->type != IOT_GTK_CONC_COMMAND_SIMPLE || c->confirmation != NULL
		            ? g_strconcat(name, "…", NULL)
		            : g_strdup(name);
		/* With a label, not a mnemonic: the device's "_" stays an underscore. */
		item = gtk_menu_item_new_with_label(label);
		g_object_set_data_full(G_OBJECT(item), "iot-command", iot_gtk_conc_command_copy(c),
		                       (GDestroyNotify)iot_gtk_conc_command_free);
		g_signal_connect(item, "activate", G_CALLBACK(command_cb), win);
		gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
		g_free(label);
		g_free(name);
	}
	g_ptr_array_free(sorted, TRUE);
	gtk_widget_show_all(menu);
}

static void
commands_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	CommandsFor *cf = req->data;
	GPtrArray *copy = NULL;
	char *error = NULL;
	guint i;

	win->commands_req = NULL;
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);

		/* TRANSLATORS: in the commands submenu; %s says why. */
		error = g_strdup_printf(_("Could not get the commands: %s"), why);
		g_free(why);
	} else {
		copy = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_command_free);
		for (i = 0; i < a->commands->len; i++)
			g_ptr_array_add(copy, iot_gtk_conc_command_copy(g_ptr_array_index(a->commands, i)));
		if (cf->refs->len == 1) {
			IotGtkConcRow *row = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(cf->refs, 0));

			if (row != NULL) {
				if (row->commands != NULL)
					g_ptr_array_unref(row->commands);
				row->commands = g_ptr_array_ref(copy);
			}
		} else {
			if (win->common_commands != NULL)
				g_ptr_array_unref(win->common_commands);
			win->common_commands = g_ptr_array_ref(copy);
			g_free(win->common_key);
			win->common_key = g_strdup(cf->key);
		}
	}
	if (win->commands_menu != NULL && g_strcmp0(win->commands_key, cf->key) == 0)
		fill_commands(win, win->commands_menu, copy, error);
	if (copy != NULL)
		g_ptr_array_unref(copy);
	g_free(error);
}

static void
commands_menu_gone(GtkWidget *menu, IotGtkConcentrator *win)
{
	if (win->commands_menu == menu) {
		win->commands_menu = NULL;
		g_clear_pointer(&win->commands_key, g_free);
	}
}

/* A menu of the selection's commands, asking for them when not known. */
static GtkWidget *
commands_menu(IotGtkConcentrator *win)
{
	GtkWidget *menu = gtk_menu_new();
	CommandsFor *cf = commands_for_selection(win);
	GPtrArray *known = cached_commands(win, cf);

	g_object_set_data_full(G_OBJECT(menu), "iot-commands-for", cf,
	                       (GDestroyNotify)commands_for_free);
	if (win->commands_menu != NULL)
		g_signal_handlers_disconnect_by_func(win->commands_menu, commands_menu_gone, win);
	win->commands_menu = menu;
	g_free(win->commands_key);
	win->commands_key = g_strdup(cf->key);
	g_signal_connect(menu, "destroy", G_CALLBACK(commands_menu_gone), win);
	fill_commands(win, menu, known, NULL);
	if (known == NULL && cf->refs->len > 0) {
		CommandsFor *ask;
		IotGtkConcRequest *req;

		/* One question for these nodes at a time. */
		if (win->commands_req != NULL) {
			CommandsFor *pending = win->commands_req->data;

			if (strcmp(pending->key, cf->key) == 0)
				return menu;
			iot_gtk_conc_request_cancel(win->commands_req);
		}
		ask = g_new0(CommandsFor, 1);
		ask->key = g_strdup(cf->key);
		ask->refs = g_ptr_array_ref(cf->refs);
		ask->label = g_strdup(cf->label);
		req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_LIST_COMMANDS, commands_done, ask,
		                               (GDestroyNotify)commands_for_free);
		win->commands_req = req;
		win->ops.list_commands(req, ask->refs, win->user_data);
	}
	return menu;
}

void
iot_gtk_conc_commands_forget(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	if (row->commands != NULL) {
		g_ptr_array_unref(row->commands);
		row->commands = NULL;
	}
	if (win->common_commands != NULL) {
		g_ptr_array_unref(win->common_commands);
		win->common_commands = NULL;
		g_clear_pointer(&win->common_key, g_free);
	}
}

/* ---- the context menu ------------------------------------------------------------------------- */

static GtkWidget *
menu_item(IotGtkConcentrator *win, GtkWidget *menu, const char *mnemonic, const char *stock,
          guint key, GdkModifierType mods, gboolean sensitive, GCallback cb)
{
	GtkWidget *item = gtk_image_menu_item_new_with_mnemonic(mnemonic);

	if (stock != NULL)
		gtk_image_menu_item_set_image(GTK_IMAGE_MENU_ITEM(item),
		                              gtk_image_new_from_stock(stock, GTK_ICON_SIZE_MENU));
	/* The key is shown; the window's own accelerators do the work. */
	if (key != 0)
		gtk_widget_add_accelerator(item, "activate", win->menu_accel, key, mods, GTK_ACCEL_VISIBLE);
	gtk_widget_set_sensitive(item, sensitive);
	if (cb != NULL)
		g_signal_connect_swapped(item, "activate", cb, win);
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
	return item;
}

static void
separator(GtkWidget *menu)
{
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), gtk_separator_menu_item_new());
}

static void
move_up_cb(IotGtkConcentrator *win)
{
	iot_gtk_conc_do_move(win, TRUE);
}

static void
move_down_cb(IotGtkConcentrator *win)
{
	iot_gtk_conc_do_move(win, FALSE);
}

static void
show_in_tree_cb(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win);

	if (sel->len > 0)
		iot_gtk_conc_show_in_tree(win, g_ptr_array_index(sel, 0));
	g_ptr_array_unref(sel);
}

GtkWidget *
iot_gtk_conc_menu_build(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win);
	IotGtkConcActions a;
	GtkWidget *menu = gtk_menu_new(), *item;

	if (win->menu != NULL)
		gtk_widget_destroy(win->menu);
	win->menu = menu;
	g_object_add_weak_pointer(G_OBJECT(menu), (gpointer *)&win->menu);
	gtk_menu_set_accel_group(GTK_MENU(menu), win->menu_accel);
	iot_gtk_conc_actions(win, sel, &a);
	/* TRANSLATORS: the concentrator window's context menu and buttons. */
	menu_item(win, menu, _("_Read"), GTK_STOCK_EXECUTE, GDK_Return, 0, a.read,
	          G_CALLBACK(iot_gtk_conc_do_read));
	menu_item(win, menu, _("C_ontrol…"), GTK_STOCK_PREFERENCES, 0, 0, a.control,
	          G_CALLBACK(iot_gtk_conc_do_control));
	item = menu_item(win, menu, _("Co_mmands"), GTK_STOCK_MEDIA_PLAY, 0, 0, a.commands, NULL);
	if (a.commands)
		gtk_menu_item_set_submenu(GTK_MENU_ITEM(item), commands_menu(win));
	menu_item(win, menu, _("_Parameters…"), GTK_STOCK_PROPERTIES, 0, 0, a.params,
	          G_CALLBACK(iot_gtk_conc_edit_parameters));
	separator(menu);
	menu_item(win, menu, _("_Add Child…"), GTK_STOCK_ADD, 0, 0, a.add,
	          G_CALLBACK(iot_gtk_conc_add_child));
	menu_item(win, menu, _("_Duplicate"), GTK_STOCK_COPY, 0, 0, a.duplicate,
	          G_CALLBACK(iot_gtk_conc_do_duplicate));
	menu_item(win, menu, _("Move _Up"), GTK_STOCK_GO_UP, GDK_Up, GDK_MOD1_MASK, a.up,
	          G_CALLBACK(move_up_cb));
	menu_item(win, menu, _("Move Do_wn"), GTK_STOCK_GO_DOWN, GDK_Down, GDK_MOD1_MASK, a.down,
	          G_CALLBACK(move_down_cb));
	menu_item(win, menu, _("D_elete…"), GTK_STOCK_DELETE, GDK_Delete, 0, a.delete_,
	          G_CALLBACK(iot_gtk_conc_do_delete));
	separator(menu);
	if (iot_gtk_conc_filter_active(win))
		menu_item(win, menu, _("Show in _Tree"), GTK_STOCK_JUMP_TO, 0, 0, sel->len > 0,
		          G_CALLBACK(show_in_tree_cb));
	menu_item(win, menu, _("Re_fresh"), GTK_STOCK_REFRESH, GDK_F5, 0, win->online,
	          G_CALLBACK(iot_gtk_concentrator_refresh));
	gtk_widget_show_all(menu);
	g_ptr_array_unref(sel);
	return menu;
}

/* Under the cursor's row when the keyboard asked for the menu. */
static void
position_at_cursor(GtkMenu *menu, gint *x, gint *y, gboolean *push_in, gpointer data)
{
	IotGtkConcentrator *win = data;
	GtkTreeView *view = iot_gtk_conc_active_view(win);
	GtkTreePath *path = NULL;
	GdkRectangle rect = { 0, 0, 0, 0 };
	gint ox = 0, oy = 0;

	gtk_tree_view_get_cursor(view, &path, NULL);
	if (path != NULL)
		gtk_tree_view_get_cell_area(view, path, NULL, &rect);
	gtk_tree_path_free(path);
	gdk_window_get_origin(gtk_tree_view_get_bin_window(view), &ox, &oy);
	*x = ox + 16;
	*y = oy + rect.y + rect.height;
	*push_in = TRUE;
}

void
iot_gtk_conc_menu_popup(IotGtkConcentrator *win, GdkEventButton *ev)
{
	GtkWidget *menu = iot_gtk_conc_menu_build(win);

	if (ev != NULL)
		gtk_menu_popup(GTK_MENU(menu), NULL, NULL, NULL, NULL, ev->button, ev->time);
	else
		gtk_menu_popup(GTK_MENU(menu), NULL, NULL, position_at_cursor, win, 0,
		               gtk_get_current_event_time());
	if (ev == NULL)
		gtk_menu_shell_select_first(GTK_MENU_SHELL(menu), FALSE);
}

static void
below_button(GtkMenu *menu, gint *x, gint *y, gboolean *push_in, gpointer data)
{
	GtkWidget *button = data;
	GtkAllocation a;

	gdk_window_get_origin(gtk_widget_get_window(button), x, y);
	gtk_widget_get_allocation(button, &a);
	*x += a.x;
	*y += a.y + a.height;
	*push_in = TRUE;
}

void
iot_gtk_conc_commands_popup(IotGtkConcentrator *win, GtkWidget *button)
{
	GtkWidget *menu;

	if (win->menu != NULL)
		gtk_widget_destroy(win->menu);
	menu = win->menu = commands_menu(win);
	g_object_add_weak_pointer(G_OBJECT(menu), (gpointer *)&win->menu);
	gtk_menu_popup(GTK_MENU(menu), NULL, NULL, below_button, button, 0,
	               gtk_get_current_event_time());
}

void
iot_gtk_conc_menu_free(IotGtkConcentrator *win)
{
	if (win->menu != NULL)
		gtk_widget_destroy(win->menu);
	if (win->common_commands != NULL)
		g_ptr_array_unref(win->common_commands);
	g_free(win->common_key);
	g_free(win->commands_key);
}
