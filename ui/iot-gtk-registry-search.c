/*
 * iot-gtk-registry-search.c — the registry search window: a form of
 * meta-tag conditions, paged results with a count, Add to buddy list. See
 * iot-gtk-registry.h.
 */
#include "iot-gtk-registry-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Condition rows a form holds (the codec's bound). */
#define MAX_ROWS IOT_REGISTRY_MAX_CONDITIONS

typedef struct {
	GtkWidget *box, *name, *op, *value, *and_label, *max, *numeric;
} Row;

struct _IotGtkRegistrySearch {
	IotGtkRegistryBase base;
	GtkWidget *window, *rows_box, *registry_entry, *status, *count;
	GtkWidget *search_btn, *prev_btn, *next_btn, *add_btn, *find_btn, *add_cond_btn;
	GtkTreeView *view;
	GtkListStore *store;
	GPtrArray *rows;    /* (element-type Row) (owned) */
	GPtrArray *results; /* (element-type IotRegistryThing) (owned) the page shown */
	GPtrArray *conds;   /* (element-type IotSearchCond) (owned) (nullable) of the search shown */
	GArray *offsets;
	guint offset, next_offset;
	gboolean more, asked_registry;
	IotGtkRegistryRequest *page_req;
};

/* The operators in the order of IotSearchOp. */
static const char *const op_words[] = { N_("equals"), N_("not equal to"), N_("<"), N_("≤"), N_(">"), N_("≥"),
	                                    N_("in the range"), N_("outside the range"), N_("matches (wildcard *)") };

static void set_buttons(IotGtkRegistrySearch *win);

static void
set_status(IotGtkRegistrySearch *win, const char *text)
{
	gtk_label_set_text(GTK_LABEL(win->status), text != NULL ? text : "");
}

static void
op_changed(GtkComboBox *c, Row *row)
{
	int op = gtk_combo_box_get_active(c);
	gboolean range = op == IOT_SEARCH_RANGE || op == IOT_SEARCH_NRANGE;

	gtk_widget_set_visible(row->and_label, range);
	gtk_widget_set_visible(row->max, range);
	if (op == IOT_SEARCH_MASK)
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(row->numeric), FALSE);
	gtk_widget_set_sensitive(row->numeric, op != IOT_SEARCH_MASK);
}

static void
row_remove(GtkButton *b, IotGtkRegistrySearch *win)
{
	Row *row = g_object_get_data(G_OBJECT(b), "row");

	gtk_widget_destroy(row->box);
	g_ptr_array_remove(win->rows, row);
	set_buttons(win);
}

void
iot_gtk_registry_search_add_condition(IotGtkRegistrySearch *win, const char *name, IotSearchOp op,
                                      const char *value, const char *max, gboolean numeric)
{
	Row *row;
	GtkWidget *b;
	guint i;

	if (win->rows->len >= MAX_ROWS)
		return;
	row = g_new0(Row, 1);
	row->box = gtk_hbox_new(FALSE, 4);
	row->name = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(row->name), 10);
	gtk_entry_set_max_length(GTK_ENTRY(row->name), IOT_REGISTRY_MAX_NAME_CHARS);
	gtk_entry_set_text(GTK_ENTRY(row->name), name != NULL ? name : "");
	gtk_widget_set_tooltip_text(row->name, _("The tag, e.g. MAN, ROOM or V"));
	row->op = gtk_combo_box_new_text();
	for (i = 0; i < G_N_ELEMENTS(op_words); i++)
		gtk_combo_box_append_text(GTK_COMBO_BOX(row->op), _(op_words[i]));
	row->value = gtk_entry_new();
	gtk_entry_set_max_length(GTK_ENTRY(row->value), IOT_REGISTRY_MAX_VALUE_CHARS);
	gtk_entry_set_text(GTK_ENTRY(row->value), value != NULL ? value : "");
	/* TRANSLATORS: between the two ends of a range: "from 1 to 2". */
	row->and_label = gtk_label_new(_("to"));
	row->max = gtk_entry_new();
	gtk_entry_set_width_chars(GTK_ENTRY(row->max), 8);
	gtk_entry_set_max_length(GTK_ENTRY(row->max), IOT_REGISTRY_MAX_VALUE_CHARS);
	gtk_entry_set_text(GTK_ENTRY(row->max), max != NULL ? max : "");
	row->numeric = gtk_check_button_new_with_label(_("number"));
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(row->numeric), numeric);
	b = gtk_button_new();
	gtk_button_set_image(GTK_BUTTON(b), gtk_image_new_from_stock(GTK_STOCK_REMOVE, GTK_ICON_SIZE_MENU));
	gtk_widget_set_tooltip_text(b, _("Remove this condition"));
	g_object_set_data(G_OBJECT(b), "row", row);
	g_signal_connect(b, "clicked", G_CALLBACK(row_remove), win);
	gtk_box_pack_start(GTK_BOX(row->box), row->name, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row->box), row->op, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row->box), row->value, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(row->box), row->and_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row->box), row->max, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row->box), row->numeric, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row->box), b, FALSE, FALSE, 0);
	gtk_widget_show_all(row->box);
	g_signal_connect(row->op, "changed", G_CALLBACK(op_changed), row);
	gtk_combo_box_set_active(GTK_COMBO_BOX(row->op), op);
	op_changed(GTK_COMBO_BOX(row->op), row);
	g_signal_connect_swapped(row->name, "activate", G_CALLBACK(gtk_widget_activate), win->search_btn);
	g_signal_connect_swapped(row->value, "activate", G_CALLBACK(gtk_widget_activate), win->search_btn);
	gtk_box_pack_start(GTK_BOX(win->rows_box), row->box, FALSE, FALSE, 0);
	g_ptr_array_add(win->rows, row);
	set_buttons(win);
}

static void
add_cond_clicked(GtkButton *b, IotGtkRegistrySearch *win)
{
	iot_gtk_registry_search_add_condition(win, "", IOT_SEARCH_EQ, "", "", FALSE);
}

/* The form's conditions, or NULL with @error naming the row. */
static GPtrArray *
read_conds(IotGtkRegistrySearch *win, GError **error)
{
	GPtrArray *conds = iot_search_conds_new();
	guint i;

	for (i = 0; i < win->rows->len; i++) {
		Row *row = g_ptr_array_index(win->rows, i);
		IotSearchOp op = (IotSearchOp)gtk_combo_box_get_active(GTK_COMBO_BOX(row->op));
		const char *name = gtk_entry_get_text(GTK_ENTRY(row->name));
		const char *value = gtk_entry_get_text(GTK_ENTRY(row->value));
		gboolean range = op == IOT_SEARCH_RANGE || op == IOT_SEARCH_NRANGE;
		IotSearchCond *c;

		if (*name == '\0' && *value == '\0')
			continue;
		c = iot_search_cond_new(op, gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(row->numeric)), name,
		                        range ? NULL : value, range ? value : NULL, TRUE,
		                        range ? gtk_entry_get_text(GTK_ENTRY(row->max)) : NULL, TRUE,
		                        op == IOT_SEARCH_MASK ? "*" : NULL, error);
		if (c == NULL) {
			g_ptr_array_unref(conds);
			return NULL;
		}
		g_ptr_array_add(conds, c);
	}
	if (conds->len == 0) {
		g_set_error_literal(error, G_IO_ERROR, 0, _("Give at least one condition: a tag and a value."));
		g_ptr_array_unref(conds);
		return NULL;
	}
	return conds;
}

/* ---- results ---- */

static void
page_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistrySearch *win = owner;
	const IotRegistryPage *page = req->page;
	char *text;
	guint i;

	if (req != win->page_req)
		return;
	win->page_req = NULL;
	if (req->error != NULL) {
		set_status(win, req->error);
		set_buttons(win);
		return;
	}
	gtk_list_store_clear(win->store);
	g_ptr_array_set_size(win->results, 0);
	win->offset = req->offset;
	win->more = page != NULL && page->more;
	win->next_offset = page != NULL ? iot_registry_page_next_offset(page) : req->offset;
	for (i = 0; page != NULL && page->things != NULL && i < page->things->len; i++) {
		const IotRegistryThing *t = g_ptr_array_index(page->things, i);
		char *jid = iot_gtk_registry_clean(t->jid), *node = iot_gtk_registry_node_text(&t->node);
		char *tags = iot_gtk_registry_tags_line(t->tags), *ownr = iot_gtk_registry_clean(t->owner);

		g_ptr_array_add(win->results, iot_gtk_registry_thing_copy(t));
		gtk_list_store_insert_with_values(win->store, NULL, -1, IOT_GTK_REGISTRY_THING_COL_JID, jid,
		                                  IOT_GTK_REGISTRY_THING_COL_NODE, node, IOT_GTK_REGISTRY_THING_COL_TAGS,
		                                  tags, IOT_GTK_REGISTRY_THING_COL_OWNER, ownr,
		                                  IOT_GTK_REGISTRY_THING_COL_INDEX, win->results->len - 1, -1);
		g_free(jid);
		g_free(node);
		g_free(tags);
		g_free(ownr);
	}
	if (win->results->len == 0 && win->offset == 0)
		text = g_strdup(_("Nothing found."));
	else if (win->more)
		/* TRANSLATORS: the search's count: "Results 101–200 (more follow)". */
		text = g_strdup_printf(_("Results %u–%u (more follow)"), win->offset + 1, win->offset + win->results->len);
	else
		text = g_strdup_printf(_("Results %u–%u"), win->offset + MIN(1u, win->results->len),
		                       win->offset + win->results->len);
	gtk_label_set_text(GTK_LABEL(win->count), text);
	g_free(text);
	set_status(win, page != NULL && page->key_dropped
	                    ? _("The registry sent a KEY with a result: it was left out.")
	                    : NULL);
	set_buttons(win);
}

static void
ask_page(IotGtkRegistrySearch *win, guint offset)
{
	IotGtkRegistryRequest *req = iot_gtk_registry_request_new(&win->base, IOT_GTK_REGISTRY_REQ_SEARCH, page_done);
	guint i;

	req->registry = g_strdup(gtk_entry_get_text(GTK_ENTRY(win->registry_entry)));
	req->conds = g_ptr_array_new_with_free_func((GDestroyNotify)iot_search_cond_free);
	for (i = 0; i < win->conds->len; i++) {
		const IotSearchCond *c = g_ptr_array_index(win->conds, i);

		g_ptr_array_add(req->conds, iot_search_cond_new(c->op, c->numeric, c->name, c->value, c->min,
		                                                c->min_included, c->max, c->max_included, c->wildcard,
		                                                NULL));
	}
	req->offset = offset;
	req->max_count = IOT_GTK_REGISTRY_PAGE;
	win->page_req = req;
	set_status(win, _("Searching…"));
	set_buttons(win);
	iot_gtk_registry_request_send(req);
}

static void
search_clicked(GtkButton *b, IotGtkRegistrySearch *win)
{
	GError *error = NULL;
	GPtrArray *conds = read_conds(win, &error);

	if (conds == NULL) {
		set_status(win, error->message);
		g_error_free(error);
		return;
	}
	if (win->conds != NULL)
		g_ptr_array_unref(win->conds);
	win->conds = conds;
	g_array_set_size(win->offsets, 0);
	ask_page(win, 0);
}

static void
next_clicked(GtkButton *b, IotGtkRegistrySearch *win)
{
	g_array_append_val(win->offsets, win->offset);
	ask_page(win, win->next_offset);
}

static void
prev_clicked(GtkButton *b, IotGtkRegistrySearch *win)
{
	guint offset = 0;

	if (win->offsets->len > 0) {
		offset = g_array_index(win->offsets, guint, win->offsets->len - 1);
		g_array_set_size(win->offsets, win->offsets->len - 1);
	}
	ask_page(win, offset);
}

static const IotRegistryThing *
selected(IotGtkRegistrySearch *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	guint i;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(win->view), &m, &iter))
		return NULL;
	gtk_tree_model_get(m, &iter, IOT_GTK_REGISTRY_THING_COL_INDEX, &i, -1);
	return i < win->results->len ? g_ptr_array_index(win->results, i) : NULL;
}

static void
added_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistrySearch *win = owner;
	char *jid, *text;

	if (req->error != NULL) {
		set_status(win, req->error);
		return;
	}
	jid = iot_gtk_registry_clean(req->jid);
	/* TRANSLATORS: %s is a thing's JID. */
	text = g_strdup_printf(_("%s is in your buddy list; it is asked to accept you as a friend."), jid);
	set_status(win, text);
	g_free(text);
	g_free(jid);
}

static void
add_clicked(GtkButton *b, IotGtkRegistrySearch *win)
{
	const IotRegistryThing *t = selected(win);
	const IotRegistryTag *name;
	IotGtkRegistryRequest *req;

	if (t == NULL)
		return;
	req = iot_gtk_registry_request_new(&win->base, IOT_GTK_REGISTRY_REQ_ADD_CONTACT, added_done);
	req->jid = g_strdup(t->jid);
	name = iot_registry_tags_find(t->tags, "NAME");
	req->alias = name != NULL ? iot_gtk_registry_clean(name->value) : NULL;
	iot_gtk_registry_request_send(req);
}

/* A click in the "Add" column adds that row. */
static gboolean
view_pressed(GtkWidget *w, GdkEventButton *ev, IotGtkRegistrySearch *win)
{
	GtkTreePath *path = NULL;
	GtkTreeViewColumn *col = NULL;

	if (ev->button != 1 || ev->type != GDK_BUTTON_PRESS ||
	    !gtk_tree_view_get_path_at_pos(win->view, (int)ev->x, (int)ev->y, &path, &col, NULL, NULL))
		return FALSE;
	if (col == g_object_get_data(G_OBJECT(win->view), "add-column")) {
		gtk_tree_selection_select_path(gtk_tree_view_get_selection(win->view), path);
		add_clicked(NULL, win);
	}
	gtk_tree_path_free(path);
	return FALSE;
}

/* ---- the registry ---- */

static void
found_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistrySearch *win = owner;

	gtk_widget_set_sensitive(win->find_btn, TRUE);
	if (req->error != NULL) {
		set_status(win, req->error);
	} else if (req->text != NULL && *gtk_entry_get_text(GTK_ENTRY(win->registry_entry)) == '\0') {
		char *clean = iot_gtk_registry_clean(req->text);

		gtk_entry_set_text(GTK_ENTRY(win->registry_entry), clean);
		g_free(clean);
		set_status(win, NULL);
	} else {
		set_status(win, NULL);
	}
	set_buttons(win);
}

static void
find_registry(IotGtkRegistrySearch *win)
{
	IotGtkRegistryRequest *req = iot_gtk_registry_request_new(&win->base, IOT_GTK_REGISTRY_REQ_FIND_REGISTRY,
	                                                          found_done);

	win->asked_registry = TRUE;
	gtk_entry_set_text(GTK_ENTRY(win->registry_entry), "");
	gtk_widget_set_sensitive(win->find_btn, FALSE);
	set_status(win, _("Looking for the registry on your server…"));
	iot_gtk_registry_request_send(req);
}

static void
mapped(GtkWidget *w, IotGtkRegistrySearch *win)
{
	if (!win->asked_registry && *gtk_entry_get_text(GTK_ENTRY(win->registry_entry)) == '\0')
		find_registry(win);
}

/* ---- the window ---- */

static void
set_buttons(IotGtkRegistrySearch *win)
{
	gboolean idle = win->page_req == NULL;

	gtk_widget_set_sensitive(win->search_btn, idle && win->rows->len > 0 &&
	                                          *gtk_entry_get_text(GTK_ENTRY(win->registry_entry)) != '\0');
	gtk_widget_set_sensitive(win->prev_btn, idle && win->offset > 0);
	gtk_widget_set_sensitive(win->next_btn, idle && win->more);
	gtk_widget_set_sensitive(win->add_btn, selected(win) != NULL);
	gtk_widget_set_sensitive(win->add_cond_btn, win->rows->len < MAX_ROWS);
}

static void
destroyed(GtkWidget *w, IotGtkRegistrySearch *win)
{
	iot_gtk_registry_base_close(&win->base);
	g_ptr_array_unref(win->rows);
	g_ptr_array_unref(win->results);
	if (win->conds != NULL)
		g_ptr_array_unref(win->conds);
	g_array_unref(win->offsets);
	g_object_unref(win->store);
	g_free(win);
}

IotGtkRegistrySearch *
iot_gtk_registry_search_new(const char *account_label, const IotGtkRegistryOps *ops, gpointer user_data)
{
	IotGtkRegistrySearch *win = g_new0(IotGtkRegistrySearch, 1);
	const char *titles[] = { _("Thing"), _("Node"), _("Tags"), _("Owner") };
	static const int cols[] = { IOT_GTK_REGISTRY_THING_COL_JID, IOT_GTK_REGISTRY_THING_COL_NODE,
		                        IOT_GTK_REGISTRY_THING_COL_TAGS, IOT_GTK_REGISTRY_THING_COL_OWNER };
	GtkWidget *vbox, *hbox, *w, *sw;
	GtkTreeViewColumn *col;
	GtkCellRenderer *r;
	char *title;

	iot_gtk_registry_base_init(&win->base, ops, user_data, win);
	win->rows = g_ptr_array_new_with_free_func(g_free);
	win->results = g_ptr_array_new_with_free_func((GDestroyNotify)iot_registry_thing_free);
	win->offsets = g_array_new(FALSE, FALSE, sizeof(guint));
	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	win->base.window = win->window;
	/* TRANSLATORS: the search window's title; %s is the account. */
	title = g_strdup_printf(_("Search the thing registry — %s"), account_label != NULL ? account_label : "");
	gtk_window_set_title(GTK_WINDOW(win->window), title);
	g_free(title);
	gtk_window_set_role(GTK_WINDOW(win->window), "xmpp-iot-registry-search");
	gtk_window_set_default_size(GTK_WINDOW(win->window), 780, 520);
	vbox = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);

	hbox = gtk_hbox_new(FALSE, 6);
	w = gtk_label_new_with_mnemonic(_("_Registry:"));
	gtk_box_pack_start(GTK_BOX(hbox), w, FALSE, FALSE, 0);
	win->registry_entry = gtk_entry_new();
	gtk_label_set_mnemonic_widget(GTK_LABEL(w), win->registry_entry);
	gtk_entry_set_max_length(GTK_ENTRY(win->registry_entry), 1023);
	g_signal_connect_swapped(win->registry_entry, "changed", G_CALLBACK(set_buttons), win);
	gtk_box_pack_start(GTK_BOX(hbox), win->registry_entry, TRUE, TRUE, 0);
	win->find_btn = gtk_button_new_with_mnemonic(_("_Find"));
	g_signal_connect_swapped(win->find_btn, "clicked", G_CALLBACK(find_registry), win);
	gtk_box_pack_start(GTK_BOX(hbox), win->find_btn, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);

	w = gtk_label_new(_("Things whose tags meet every condition:"));
	gtk_misc_set_alignment(GTK_MISC(w), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(vbox), w, FALSE, FALSE, 0);
	win->rows_box = gtk_vbox_new(FALSE, 4);
	gtk_box_pack_start(GTK_BOX(vbox), win->rows_box, FALSE, FALSE, 0);
	hbox = gtk_hbox_new(FALSE, 6);
	win->add_cond_btn = gtk_button_new_with_mnemonic(_("Add a _condition"));
	gtk_button_set_image(GTK_BUTTON(win->add_cond_btn), gtk_image_new_from_stock(GTK_STOCK_ADD, GTK_ICON_SIZE_BUTTON));
	g_signal_connect(win->add_cond_btn, "clicked", G_CALLBACK(add_cond_clicked), win);
	gtk_box_pack_start(GTK_BOX(hbox), win->add_cond_btn, FALSE, FALSE, 0);
	win->search_btn = gtk_button_new_from_stock(GTK_STOCK_FIND);
	gtk_button_set_label(GTK_BUTTON(win->search_btn), _("_Search"));
	gtk_button_set_use_underline(GTK_BUTTON(win->search_btn), TRUE);
	g_signal_connect(win->search_btn, "clicked", G_CALLBACK(search_clicked), win);
	gtk_box_pack_end(GTK_BOX(hbox), win->search_btn, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);

	win->store = gtk_list_store_new(IOT_GTK_REGISTRY_THING_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING, G_TYPE_UINT);
	sw = iot_gtk_registry_list(GTK_TREE_MODEL(win->store), &win->view, titles, cols, 4, 2);
	r = gtk_cell_renderer_pixbuf_new();
	g_object_set(r, "stock-id", GTK_STOCK_ADD, NULL);
	col = gtk_tree_view_column_new_with_attributes(_("Add"), r, NULL);
	gtk_tree_view_insert_column(win->view, col, 0);
	g_object_set_data(G_OBJECT(win->view), "add-column", col);
	gtk_widget_set_tooltip_text(GTK_WIDGET(win->view), _("Click + to add a thing to your buddy list."));
	g_signal_connect(win->view, "button-press-event", G_CALLBACK(view_pressed), win);
	g_signal_connect_swapped(gtk_tree_view_get_selection(win->view), "changed", G_CALLBACK(set_buttons), win);
	gtk_box_pack_start(GTK_BOX(vbox), sw, TRUE, TRUE, 0);

	hbox = gtk_hbox_new(FALSE, 6);
	win->prev_btn = gtk_button_new_with_mnemonic(_("_Previous"));
	g_signal_connect(win->prev_btn, "clicked", G_CALLBACK(prev_clicked), win);
	gtk_box_pack_start(GTK_BOX(hbox), win->prev_btn, FALSE, FALSE, 0);
	win->next_btn = gtk_button_new_with_mnemonic(_("_Next"));
	g_signal_connect(win->next_btn, "clicked", G_CALLBACK(next_clicked), win);
	gtk_box_pack_start(GTK_BOX(hbox), win->next_btn, FALSE, FALSE, 0);
	win->count = gtk_label_new(NULL);
	gtk_box_pack_start(GTK_BOX(hbox), win->count, FALSE, FALSE, 6);
	win->add_btn = gtk_button_new_with_mnemonic(_("_Add to buddy list"));
	g_signal_connect(win->add_btn, "clicked", G_CALLBACK(add_clicked), win);
	gtk_box_pack_end(GTK_BOX(hbox), win->add_btn, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);
	win->status = iot_gtk_registry_status_label();
	gtk_box_pack_start(GTK_BOX(vbox), win->status, FALSE, FALSE, 0);

	g_signal_connect(win->window, "map", G_CALLBACK(mapped), win);
	g_signal_connect(win->window, "destroy", G_CALLBACK(destroyed), win);
	gtk_widget_show_all(vbox);
	iot_gtk_registry_search_add_condition(win, "", IOT_SEARCH_EQ, "", "", FALSE);
	set_buttons(win);
	return win;
}

void
iot_gtk_registry_search_destroy(IotGtkRegistrySearch *win)
{
	if (win != NULL)
		gtk_widget_destroy(win->window);
}

GtkWidget *
iot_gtk_registry_search_get_window(IotGtkRegistrySearch *win)
{
	return win->window;
}

void
iot_gtk_registry_search_set_registry(IotGtkRegistrySearch *win, const char *registry)
{
	gtk_entry_set_text(GTK_ENTRY(win->registry_entry), registry != NULL ? registry : "");
	win->asked_registry = win->asked_registry || (registry != NULL && *registry != '\0');
}

guint
iot_gtk_registry_search_count_conditions(IotGtkRegistrySearch *win)
{
	return win->rows->len;
}

GtkTreeModel *
iot_gtk_registry_search_get_model(IotGtkRegistrySearch *win)
{
	return GTK_TREE_MODEL(win->store);
}

gboolean
iot_gtk_registry_search_select(IotGtkRegistrySearch *win, guint row)
{
	GtkTreePath *path;

	if (row >= win->results->len)
		return FALSE;
	path = gtk_tree_path_new_from_indices((int)row, -1);
	gtk_tree_selection_select_path(gtk_tree_view_get_selection(win->view), path);
	gtk_tree_path_free(path);
	return TRUE;
}

GtkWidget *
iot_gtk_registry_search_get_button(IotGtkRegistrySearch *win, const char *action)
{
	if (strcmp(action, "search") == 0)
		return win->search_btn;
	if (strcmp(action, "previous") == 0)
		return win->prev_btn;
	if (strcmp(action, "next") == 0)
		return win->next_btn;
	if (strcmp(action, "add") == 0)
		return win->add_btn;
	if (strcmp(action, "find") == 0)
		return win->find_btn;
	if (strcmp(action, "add-condition") == 0)
		return win->add_cond_btn;
	return NULL;
}

const char *
iot_gtk_registry_search_get_status(IotGtkRegistrySearch *win)
{
	return gtk_label_get_text(GTK_LABEL(win->status));
}

const char *
iot_gtk_registry_search_get_count(IotGtkRegistrySearch *win)
{
	return gtk_label_get_text(GTK_LABEL(win->count));
}

guint
iot_gtk_registry_search_count_pending(IotGtkRegistrySearch *win)
{
	return win->base.pending != NULL ? g_hash_table_size(win->base.pending) : 0;
}
