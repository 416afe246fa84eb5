/*
 * iot-gtk-concentrator-columns.c — what the concentrator window's rows
 * look like: the columns of the tree and of the search results (cell data
 * functions read the row itself, so an update is one row-changed), the
 * nodes' parameters as optional columns, the state as icon and word, the
 * messages pane and the health line. Text goes into cells as "text", never
 * "markup": a device's name is shown as sent.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CHECK_MARK "\xe2\x9c\x93" /* ✓ */
#define COLOR_ERROR "#cc0000"
#define COLOR_WARNING "#b35900"
#define COLOR_DIM "#777777"

/* ---- words ------------------------------------------------------------------------------ */

const char *
iot_gtk_conc_state_word(IotNodeState state)
{
	switch (state) {
	case IOT_NODE_STATE_NONE:
		/* TRANSLATORS: a node's state: nothing to report. */
		return _("OK");
	case IOT_NODE_STATE_INFORMATION:
		/* TRANSLATORS: a node's state: it has an informative message. */
		return _("Information");
	case IOT_NODE_STATE_WARNING_SIGNED:
		/* TRANSLATORS: a node's state; "signed": an operator has acknowledged it. */
		return _("Warning (signed)");
	case IOT_NODE_STATE_WARNING_UNSIGNED:
		/* TRANSLATORS: a node's state; "unsigned": no operator has acknowledged it yet. */
		return _("Warning (unsigned)");
	case IOT_NODE_STATE_ERROR_SIGNED:
		return _("Error (signed)");
	case IOT_NODE_STATE_ERROR_UNSIGNED:
		return _("Error (unsigned)");
	}
	return "";
}

const char *
iot_gtk_conc_state_icon(IotNodeState state)
{
	if (state >= IOT_NODE_STATE_ERROR_SIGNED)
		return GTK_STOCK_DIALOG_ERROR;
	if (state >= IOT_NODE_STATE_WARNING_SIGNED)
		return GTK_STOCK_DIALOG_WARNING;
	if (state == IOT_NODE_STATE_INFORMATION)
		return GTK_STOCK_DIALOG_INFO;
	return GTK_STOCK_YES;
}

static const char *
state_color(IotNodeState state)
{
	if (state >= IOT_NODE_STATE_ERROR_SIGNED)
		return COLOR_ERROR;
	if (state >= IOT_NODE_STATE_WARNING_SIGNED)
		return COLOR_WARNING;
	return NULL;
}

static char *
time_text(gint64 us)
{
	GDateTime *dt;
	char *s;

	if (us == IOT_TIME_UNKNOWN)
		return g_strdup("");
	dt = g_date_time_new_from_unix_local(us / G_USEC_PER_SEC);
	if (dt == NULL)
		return g_strdup("");
	s = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
	g_date_time_unref(dt);
	return s;
}

char *
iot_gtk_conc_row_location(const IotGtkConcRow *row)
{
	GString *s = g_string_new(NULL);
	GPtrArray *up = g_ptr_array_new();
	const IotGtkConcRow *p;
	guint i;

	for (p = row->parent; p != NULL && p->parent != NULL; p = p->parent)
		g_ptr_array_add(up, (gpointer)p);
	for (i = up->len; i > 0; i--) {
		if (s->len > 0)
			g_string_append(s, " \xe2\x80\xba "); /* › */
		g_string_append(s, iot_gtk_conc_row_name(g_ptr_array_index(up, i - 1)));
	}
	g_ptr_array_free(up, TRUE);
	return g_string_free(s, FALSE);
}

static const char *
param_value(const IotGtkConcRow *row, const char *id)
{
	guint i;

	for (i = 0; row->params != NULL && i < row->params->len; i++) {
		const IotGtkConcParameter *p = g_ptr_array_index(row->params, i);

		if (strcmp(p->id, id) == 0)
			return p->value;
	}
	return "";
}

/* The text of column @col (or of parameter @param_id) for @row, or for the
 * placeholder under @of. */
static char *
column_text(IotGtkConcentrator *win, const IotGtkConcRow *row, const IotGtkConcRow *of,
            int col, const char *param_id)
{
	const IotConcentratorNode *n;

	if (row == NULL) {
		if (col != IOT_GTK_CONC_COL_NAME || of == NULL)
			return g_strdup("");
		if (of->load_error != NULL)
			/* TRANSLATORS: a row in place of a node's children; %s says why. */
			return g_strdup_printf(_("Could not load: %s. Press Enter or F5 to try again."),
			                       of->load_error);
		/* TRANSLATORS: a row in place of children on their way. */
		return g_strdup(_("Loading…"));
	}
	if (param_id != NULL)
		return g_strdup(param_value(row, param_id));
	n = row->node;
	switch (col) {
	case IOT_GTK_CONC_COL_NAME:
		return g_strdup(iot_gtk_conc_row_name(row));
	case IOT_GTK_CONC_COL_ID:
		return g_strdup(n != NULL ? n->ref.node_id : row->source->source_id);
	case IOT_GTK_CONC_COL_TYPE:
		if (n == NULL)
			/* TRANSLATORS: the type column of a data source's row. */
			return g_strdup(_("Data source"));
		return g_strdup(n->node_type != NULL ? n->node_type : "");
	case IOT_GTK_CONC_COL_STATE:
		return g_strdup(n != NULL ? iot_gtk_conc_state_word(n->state) : "");
	case IOT_GTK_CONC_COL_READABLE:
		return g_strdup(n != NULL && n->readable ? CHECK_MARK : "");
	case IOT_GTK_CONC_COL_CONTROLLABLE:
		return g_strdup(n != NULL && n->controllable ? CHECK_MARK : "");
	case IOT_GTK_CONC_COL_COMMANDS:
		return g_strdup(n != NULL && n->has_commands ? CHECK_MARK : "");
	case IOT_GTK_CONC_COL_LAST_CHANGED:
		return time_text(n != NULL ? n->last_changed : row->source->last_changed);
	case IOT_GTK_CONC_COL_LOCATION:
		return iot_gtk_conc_row_location(row);
	}
	return g_strdup("");
}

/* ---- cells -------------------------------------------------------------------------------- */

static void
text_cell(GtkTreeViewColumn *column, GtkCellRenderer *cell, GtkTreeModel *model, GtkTreeIter *iter,
          gpointer data)
{
	IotGtkConcentrator *win = data;
	IotGtkConcRow *of, *row = iot_gtk_conc_row_at(model, iter, &of);
	int col = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(column), "iot-column"));
	const char *param_id = g_object_get_data(G_OBJECT(column), "iot-param-id");
	char *text = column_text(win, row, of, col, param_id);
	const char *color = NULL;
	int weight = PANGO_WEIGHT_NORMAL;
	PangoStyle style = PANGO_STYLE_NORMAL;

	if (row == NULL) {
		color = of != NULL && of->load_error != NULL ? COLOR_ERROR : COLOR_DIM;
		style = of != NULL && of->load_error != NULL ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC;
	} else if (col == IOT_GTK_CONC_COL_STATE && row->node != NULL) {
		color = state_color(row->node->state);
		if (row->node->state == IOT_NODE_STATE_ERROR_UNSIGNED ||
		    row->node->state == IOT_NODE_STATE_WARNING_UNSIGNED)
			weight = PANGO_WEIGHT_BOLD;
	} else if (col == IOT_GTK_CONC_COL_NAME && row->source != NULL) {
		weight = PANGO_WEIGHT_BOLD;
	} else if (col == IOT_GTK_CONC_COL_LOCATION || (col == IOT_GTK_CONC_COL_TYPE && row->source)) {
		color = COLOR_DIM;
	}
	g_object_set(cell, "text", text, "foreground", color, "weight", weight, "style", style, NULL);
	g_free(text);
}

static void
icon_cell(GtkTreeViewColumn *column, GtkCellRenderer *cell, GtkTreeModel *model, GtkTreeIter *iter,
          gpointer data)
{
	IotGtkConcRow *row = iot_gtk_conc_row_at(model, iter, NULL);
	int col = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(column), "iot-column"));
	const char *stock = NULL;

	if (row != NULL && col == IOT_GTK_CONC_COL_STATE && row->node != NULL)
		stock = iot_gtk_conc_state_icon(row->node->state);
	else if (row != NULL && col == IOT_GTK_CONC_COL_NAME)
		stock = row->source != NULL ? GTK_STOCK_HARDDISK : NULL;
	/* Always "visible" with a fixed width: in fixed-height mode a column
	 * measures its cells once, and an icon hidden then would stay hidden. */
	g_object_set(cell, "stock-id", stock, NULL);
}

static GtkTreeViewColumn *
add_column(IotGtkConcentrator *win, GtkTreeView *view, int col, const char *title, int width,
           float xalign, gboolean icon, const char *param_id)
{
	GtkTreeViewColumn *c = gtk_tree_view_column_new();
	GtkCellRenderer *r;

	gtk_tree_view_column_set_title(c, title);
	gtk_tree_view_column_set_sizing(c, GTK_TREE_VIEW_COLUMN_FIXED);
	gtk_tree_view_column_set_fixed_width(c, width);
	gtk_tree_view_column_set_resizable(c, TRUE);
	g_object_set_data(G_OBJECT(c), "iot-column", GINT_TO_POINTER(col));
	if (param_id != NULL)
		g_object_set_data_full(G_OBJECT(c), "iot-param-id", g_strdup(param_id), g_free);
	if (icon) {
		r = gtk_cell_renderer_pixbuf_new();
		g_object_set(r, "stock-size", GTK_ICON_SIZE_MENU, NULL);
		gtk_cell_renderer_set_fixed_size(r, 20, -1);
		gtk_tree_view_column_pack_start(c, r, FALSE);
		gtk_tree_view_column_set_cell_data_func(c, r, icon_cell, win, NULL);
	}
	r = gtk_cell_renderer_text_new();
	g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, "xalign", xalign, NULL);
	gtk_tree_view_column_pack_start(c, r, TRUE);
	gtk_tree_view_column_set_cell_data_func(c, r, text_cell, win, NULL);
	gtk_tree_view_column_set_alignment(c, xalign);
	gtk_tree_view_append_column(view, c);
	return c;
}

void
iot_gtk_conc_columns_add(IotGtkConcentrator *win, GtkTreeView *view, gboolean location)
{
	GtkTreeViewColumn *c;

	/* TRANSLATORS: column headers of the concentrator window. */
	/* The results hold nodes only: no room for a data source's icon. */
	c = add_column(win, view, IOT_GTK_CONC_COL_NAME, _("Name"), location ? 170 : 200, 0.0f,
	               !location, NULL);
	gtk_tree_view_set_expander_column(view, c);
	if (location)
		add_column(win, view, IOT_GTK_CONC_COL_LOCATION, _("Location"), 150, 0.0f, FALSE, NULL);
	add_column(win, view, IOT_GTK_CONC_COL_ID, _("Node ID"), 105, 0.0f, FALSE, NULL);
	add_column(win, view, IOT_GTK_CONC_COL_TYPE, _("Type"), 95, 0.0f, FALSE, NULL);
	c = add_column(win, view, IOT_GTK_CONC_COL_STATE, _("State"), 185, 0.0f, TRUE, NULL);
	gtk_tree_view_column_set_clickable(c, FALSE);
	/* TRANSLATORS: column headers: can be read, can be controlled, has commands. */
	add_column(win, view, IOT_GTK_CONC_COL_READABLE, _("Readable"), 78, 0.5f, FALSE, NULL);
	add_column(win, view, IOT_GTK_CONC_COL_CONTROLLABLE, _("Controllable"), 92, 0.5f, FALSE, NULL);
	add_column(win, view, IOT_GTK_CONC_COL_COMMANDS, _("Commands"), 82, 0.5f, FALSE, NULL);
	add_column(win, view, IOT_GTK_CONC_COL_LAST_CHANGED, _("Last changed"), 160, 0.0f, FALSE,
	           NULL);
	gtk_tree_view_set_fixed_height_mode(view, TRUE);
}

char *
iot_gtk_concentrator_cell_text(IotGtkConcentrator *win, GtkTreeModel *model, GtkTreeIter *iter,
                               IotGtkConcColumn col)
{
	IotGtkConcRow *of, *row;

	g_return_val_if_fail(win != NULL && model != NULL && iter != NULL, NULL);
	row = iot_gtk_conc_row_at(model, iter, &of);
	return column_text(win, row, of, col, NULL);
}

const char *
iot_gtk_concentrator_cell_icon(IotGtkConcentrator *win, GtkTreeModel *model, GtkTreeIter *iter)
{
	IotGtkConcRow *row = iot_gtk_conc_row_at(model, iter, NULL);

	return row != NULL && row->node != NULL ? iot_gtk_conc_state_icon(row->node->state) : NULL;
}

/* ---- parameters as columns --------------------------------------------------------------------- */

static void
add_param_column(IotGtkConcentrator *win, GtkTreeView *view, const char *id)
{
	const char *name = g_hash_table_lookup(win->param_names, id);

	add_column(win, view, -1, name != NULL && *name != '\0' ? name : id, 110, 0.0f, FALSE, id);
}

void
iot_gtk_conc_columns_learn(IotGtkConcentrator *win, const IotGtkConcRow *row)
{
	guint i;

	for (i = 0; row->params != NULL && i < row->params->len; i++) {
		const IotGtkConcParameter *p = g_ptr_array_index(row->params, i);

		if (g_hash_table_contains(win->param_names, p->id) ||
		    win->param_ids->len >= IOT_GTK_CONC_MAX_PARAM_COLUMNS)
			continue;
		g_ptr_array_add(win->param_ids, g_strdup(p->id));
		g_hash_table_insert(win->param_names, g_strdup(p->id), g_strdup(p->name));
		if (win->show_params) {
			add_param_column(win, GTK_TREE_VIEW(win->view), p->id);
			add_param_column(win, GTK_TREE_VIEW(win->results_view), p->id);
		}
	}
}

static void
remove_param_columns(GtkTreeView *view)
{
	GList *cols = gtk_tree_view_get_columns(view), *l;

	for (l = cols; l != NULL; l = l->next)
		if (g_object_get_data(G_OBJECT(l->data), "iot-param-id") != NULL)
			gtk_tree_view_remove_column(view, l->data);
	g_list_free(cols);
}

void
iot_gtk_conc_columns_show_params(IotGtkConcentrator *win, gboolean show)
{
	guint i;

	if (show == win->show_params)
		return;
	win->show_params = show;
	remove_param_columns(GTK_TREE_VIEW(win->view));
	remove_param_columns(GTK_TREE_VIEW(win->results_view));
	for (i = 0; show && i < win->param_ids->len; i++) {
		add_param_column(win, GTK_TREE_VIEW(win->view), g_ptr_array_index(win->param_ids, i));
		add_param_column(win, GTK_TREE_VIEW(win->results_view),
		                 g_ptr_array_index(win->param_ids, i));
	}
}

/* ---- messages pane -------------------------------------------------------------------------------- */

enum { MSG_TIME, MSG_TYPE, MSG_TEXT, MSG_ICON, MSG_N };

static const char *
message_word(IotGtkConcMessageType t)
{
	switch (t) {
	case IOT_GTK_CONC_MESSAGE_ERROR:
		/* TRANSLATORS: the type of a node's message. */
		return _("Error");
	case IOT_GTK_CONC_MESSAGE_WARNING:
		return _("Warning");
	default:
		return _("Information");
	}
}

static const char *
message_icon(IotGtkConcMessageType t)
{
	return t == IOT_GTK_CONC_MESSAGE_ERROR     ? GTK_STOCK_DIALOG_ERROR
	       : t == IOT_GTK_CONC_MESSAGE_WARNING ? GTK_STOCK_DIALOG_WARNING
	                                           : GTK_STOCK_DIALOG_INFO;
}

GtkWidget *
iot_gtk_conc_messages_new(IotGtkConcentrator *win)
{
	GtkWidget *box = gtk_vbox_new(FALSE, 4), *scroll = gtk_scrolled_window_new(NULL, NULL);
	GtkTreeViewColumn *c;
	GtkCellRenderer *r;

	win->messages = gtk_list_store_new(MSG_N, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                                   G_TYPE_STRING);
	win->messages_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(win->messages_label), 0.0f, 0.5f);
	gtk_label_set_ellipsize(GTK_LABEL(win->messages_label), PANGO_ELLIPSIZE_END);
	gtk_box_pack_start(GTK_BOX(box), win->messages_label, FALSE, FALSE, 0);

	win->messages_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->messages));
	g_object_unref(win->messages);
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->messages_view), TRUE);
	/* TRANSLATORS: columns of a node's messages. */
	c = gtk_tree_view_column_new_with_attributes(_("Time"), gtk_cell_renderer_text_new(), "text",
	                                             MSG_TIME, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->messages_view), c);
	c = gtk_tree_view_column_new();
	gtk_tree_view_column_set_title(c, _("Type"));
	r = gtk_cell_renderer_pixbuf_new();
	gtk_tree_view_column_pack_start(c, r, FALSE);
	gtk_tree_view_column_add_attribute(c, r, "stock-id", MSG_ICON);
	r = gtk_cell_renderer_text_new();
	gtk_tree_view_column_pack_start(c, r, TRUE);
	gtk_tree_view_column_add_attribute(c, r, "text", MSG_TYPE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->messages_view), c);
	r = gtk_cell_renderer_text_new();
	g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	c = gtk_tree_view_column_new_with_attributes(_("Message"), r, "text", MSG_TEXT, NULL);
	gtk_tree_view_column_set_expand(c, TRUE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->messages_view), c);
	gtk_label_set_mnemonic_widget(GTK_LABEL(win->messages_label), win->messages_view);

	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scroll), win->messages_view);
	gtk_box_pack_start(GTK_BOX(box), scroll, TRUE, TRUE, 0);
	iot_gtk_conc_messages_update(win);
	return box;
}

static gint
newest_first(gconstpointer a, gconstpointer b)
{
	const IotGtkConcMessage *x = *(IotGtkConcMessage *const *)a, *y = *(IotGtkConcMessage *const *)b;

	return x->timestamp < y->timestamp ? 1 : x->timestamp > y->timestamp ? -1 : 0;
}

/* The row the messages are shown for: the cursor's, else the first selected. */
static IotGtkConcRow *
messages_row(IotGtkConcentrator *win)
{
	GtkTreeView *view = iot_gtk_conc_active_view(win);
	GtkTreeModel *model = gtk_tree_view_get_model(view);
	GtkTreeSelection *sel = gtk_tree_view_get_selection(view);
	GtkTreePath *path = NULL;
	GtkTreeIter it;
	IotGtkConcRow *row = NULL;

	gtk_tree_view_get_cursor(view, &path, NULL);
	if (path != NULL && gtk_tree_selection_path_is_selected(sel, path) &&
	    gtk_tree_model_get_iter(model, &it, path))
		row = iot_gtk_conc_row_at(model, &it, NULL);
	gtk_tree_path_free(path);
	if (row == NULL) {
		GPtrArray *rows = iot_gtk_conc_selected(win);

		row = rows->len > 0 ? g_ptr_array_index(rows, 0) : NULL;
		g_ptr_array_unref(rows);
	}
	return row;
}

void
iot_gtk_conc_messages_update(IotGtkConcentrator *win)
{
	IotGtkConcRow *row;
	char *name, *text;
	guint i;

	if (win->closing || win->messages == NULL)
		return;
	row = messages_row(win);
	gtk_list_store_clear(win->messages);
	if (row == NULL || row->node == NULL) {
		/* TRANSLATORS: above the messages pane; the underscore marks the mnemonic. */
		gtk_label_set_text_with_mnemonic(GTK_LABEL(win->messages_label),
		                                 _("Messa_ges: select a node to see them."));
		return;
	}
	name = iot_format_clean(iot_gtk_conc_row_name(row), IOT_GTK_CONC_LABEL_CHARS);
	{
		/* A device's underscores stay underscores beside our mnemonic. */
		char *plain = name;

		name = iot_gtk_conc_no_mnemonic(plain);
		g_free(plain);
	}
	if (row->messages == NULL)
		/* TRANSLATORS: %s is a node's name; the underscore marks the mnemonic. */
		text = g_strdup_printf(_("Messa_ges of “%s”: not known; F5 asks again."), name);
	else if (row->messages->len == 0)
		text = g_strdup_printf(_("Messa_ges of “%s”: none."), name);
	else
		text = g_strdup_printf(_("Messa_ges of “%s”:"), name);
	gtk_label_set_text_with_mnemonic(GTK_LABEL(win->messages_label), text);
	g_free(text);
	g_free(name);
	if (row->messages != NULL) {
		GPtrArray *sorted = g_ptr_array_new();

		g_ptr_array_extend(sorted, row->messages, NULL, NULL);
		g_ptr_array_sort(sorted, newest_first);
		for (i = 0; i < sorted->len; i++) {
			const IotGtkConcMessage *m = g_ptr_array_index(sorted, i);
			char *when = time_text(m->timestamp), *what = iot_format_clean(m->text, 1000);

			gtk_list_store_insert_with_values(win->messages, NULL, -1, MSG_TIME, when, MSG_TYPE,
			                                  message_word(m->type), MSG_TEXT, what, MSG_ICON,
			                                  message_icon(m->type), -1);
			g_free(when);
			g_free(what);
		}
		g_ptr_array_free(sorted, TRUE);
	}
}

/* ---- health line -------------------------------------------------------------------------------- */

void
iot_gtk_conc_health_update(IotGtkConcentrator *win)
{
	char *text, *e = NULL, *w = NULL;
	const char *icon;
	gboolean active;

	if (win->closing || win->health_label == NULL)
		return;
	if (win->n_errors > 0)
		e = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u node in error", "%u nodes in error",
		                                win->n_errors),
		                    win->n_errors);
	if (win->n_warnings > 0 && e != NULL)
		/* TRANSLATORS: after "3 nodes in error, ": "1 warning". */
		w = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u warning", "%u warnings",
		                                win->n_warnings),
		                    win->n_warnings);
	else if (win->n_warnings > 0)
		w = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u node with a warning",
		                                "%u nodes with a warning", win->n_warnings),
		                    win->n_warnings);
	if (e != NULL && w != NULL)
		/* TRANSLATORS: the health line: "3 nodes in error, 1 warning". */
		text = g_strdup_printf(_("%s, %s"), e, w);
	else if (e != NULL || w != NULL)
		text = g_strdup(e != NULL ? e : w);
	else
		/* TRANSLATORS: the health line when every loaded node is fine. */
		text = g_strdup(_("No node in error or warning"));
	icon = win->n_errors > 0     ? GTK_STOCK_DIALOG_ERROR
	       : win->n_warnings > 0 ? GTK_STOCK_DIALOG_WARNING
	                             : GTK_STOCK_YES;
	if (g_strcmp0(text, win->health_text) != 0) {
		gtk_label_set_text(GTK_LABEL(win->health_label), text);
		gtk_image_set_from_stock(GTK_IMAGE(win->health_icon), icon, GTK_ICON_SIZE_MENU);
		g_free(win->health_text);
		win->health_text = text;
	} else {
		g_free(text);
	}
	active = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(win->health_button));
	/* Something to show, or the filter to turn off again. */
	gtk_widget_set_sensitive(win->health_button,
	                         active || win->n_errors + win->n_warnings > 0);
	g_free(e);
	g_free(w);
}
