/*
 * iot-gtk-published.c — the Published data window: the readout window with
 * its requests hidden, fed from a node's items, and the recent items below.
 * See iot-gtk-published.h.
 */
#include "iot-gtk-published.h"

#include "iot-format.h"
#include "iot-time.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define LABEL_CHARS 80
#define SUMMARY_CHARS 120
#define TEXT_FIELDS 200
/* The values' table: its room once sensor fields came, and before (a node of
 * news or text has none: its items get the window). */
#define IOT_GTK_PUBLISHED_TABLE_HEIGHT 260
#define IOT_GTK_PUBLISHED_NO_TABLE_HEIGHT 90

typedef struct {
	IotPubsubItem *item; /* (owned) */
	IotPayload *payload; /* (owned) */
} Shown;

struct _IotGtkPublished {
	IotGtkPublishedCallbacks cbs;
	gpointer user_data;
	IotGtkReadout *readout;
	GtkListStore *items;
	GtkWidget *view, *text, *label, *pane;
	gboolean has_values; /* sensor fields were shown: the table has its room */
	gboolean asking;     /* the first items are awaited */
	GPtrArray *shown;   /* (element-type Shown) newest first */
	GPtrArray *pending; /* (element-type IotPubsubItem) (owned) oldest first */
	IotSoxMeta *sox;
	char *field_node; /* (owned) (nullable) */
	guint apply_id, applies, dropped;
};

char *
iot_gtk_published_payload_text(const IotPayload *p)
{
	GString *s = g_string_new(NULL);

	if (p == NULL)
		return g_string_free(s, FALSE);
	switch (p->kind) {
	case IOT_PAYLOAD_NONE:
		g_string_append(s, _("(This item has no payload.)"));
		break;
	case IOT_PAYLOAD_SENSORDATA:
	case IOT_PAYLOAD_SOX_DATA:
	case IOT_PAYLOAD_SOX_META:
		if (p->readout != NULL) {
			char *text = iot_format_readout(p->readout, TEXT_FIELDS, g_get_real_time());

			g_string_append(s, text);
			g_free(text);
		}
		break;
	case IOT_PAYLOAD_ATOM:
		/* TRANSLATORS: the parts of an Atom entry, one a line. */
		if (p->title != NULL)
			g_string_append_printf(s, _("Title: %s\n"), p->title);
		if (p->summary != NULL)
			g_string_append_printf(s, _("Summary: %s\n"), p->summary);
		if (p->published != NULL)
			g_string_append_printf(s, _("Published: %s\n"), p->published);
		if (p->link != NULL)
			g_string_append_printf(s, _("Link: %s\n"), p->link);
		break;
	case IOT_PAYLOAD_TEXT:
	case IOT_PAYLOAD_XML:
		g_string_append(s, p->text != NULL ? p->text : "");
		break;
	}
	if (p->note != NULL)
		g_string_append_printf(s, "%s%s", s->len > 0 ? "\n" : "", p->note);
	return g_string_free(s, FALSE);
}

gint64
iot_gtk_published_item_time(const IotPubsubItem *item, const IotPayload *p)
{
	gint64 t = IOT_TIME_UNKNOWN;
	guint i;

	if (item->time != IOT_TIME_UNKNOWN)
		return item->time;
	for (i = 0; p != NULL && p->readout != NULL && i < p->readout->fields->len; i++) {
		const IotField *f = g_ptr_array_index(p->readout->fields, i);

		if (f->timestamp != IOT_TIME_UNKNOWN && (t == IOT_TIME_UNKNOWN || f->timestamp > t))
			t = f->timestamp;
	}
	return t;
}

static void
shown_free(gpointer data)
{
	Shown *s = data;

	iot_pubsub_item_free(s->item);
	iot_payload_free(s->payload);
	g_free(s);
}

static void
pending_clear(IotGtkPublished *win)
{
	guint i;

	for (i = 0; i < win->pending->len; i++)
		iot_pubsub_item_free(g_ptr_array_index(win->pending, i));
	g_ptr_array_set_size(win->pending, 0);
}

/* ---- the recent items ---- */

static gint
index_of(IotGtkPublished *win, const char *id)
{
	guint i;

	for (i = 0; id != NULL && i < win->shown->len; i++)
		if (g_strcmp0(((Shown *)g_ptr_array_index(win->shown, i))->item->id, id) == 0)
			return (gint)i;
	return -1;
}

static void
remove_at(IotGtkPublished *win, guint i)
{
	GtkTreeIter iter;

	if (gtk_tree_model_iter_nth_child(GTK_TREE_MODEL(win->items), &iter, NULL, (gint)i))
		gtk_list_store_remove(win->items, &iter);
	g_ptr_array_remove_index(win->shown, i);
}

/* @item (transfer full) becomes the newest row; its sensor fields go into @values. */
static void
add_newest(IotGtkPublished *win, IotPubsubItem *item, IotReadout *values)
{
	Shown *s = g_new0(Shown, 1);
	GtkTreeIter iter;
	gint old = index_of(win, item->id);
	char *summary, *clean, *when, *id;
	gint64 t;
	guint i;

	s->item = item;
	s->payload = iot_payload_decode(item->payload, item->time, win->sox);
	if (s->payload->readout != NULL)
		for (i = 0; i < s->payload->readout->fields->len; i++) {
			IotField *f = iot_field_copy(g_ptr_array_index(s->payload->readout->fields, i));

			if (win->field_node != NULL) {
				g_free(f->node.node_id);
				f->node.node_id = g_strdup(win->field_node);
			}
			g_ptr_array_add(values->fields, f);
		}
	if (old >= 0)
		remove_at(win, (guint)old);
	g_ptr_array_insert(win->shown, 0, s);
	summary = iot_payload_summary(s->payload, SUMMARY_CHARS);
	clean = iot_format_clean(summary, SUMMARY_CHARS);
	t = iot_gtk_published_item_time(item, s->payload);
	when = t != IOT_TIME_UNKNOWN ? iot_time_format_local(t, g_get_real_time()) : g_strdup("");
	id = iot_format_clean(item->id != NULL ? item->id : "", LABEL_CHARS);
	gtk_list_store_insert_with_values(win->items, &iter, 0, IOT_GTK_PUBLISHED_COL_TIME, when,
	                                  IOT_GTK_PUBLISHED_COL_ID, id, IOT_GTK_PUBLISHED_COL_SUMMARY,
	                                  clean, -1);
	g_free(summary);
	g_free(clean);
	g_free(when);
	g_free(id);
	while (win->shown->len > IOT_GTK_PUBLISHED_KEEP)
		remove_at(win, win->shown->len - 1);
}

static gint
selected_index(IotGtkPublished *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	GtkTreePath *path;
	gint i;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), &m,
	                                     &iter))
		return -1;
	path = gtk_tree_model_get_path(m, &iter);
	i = gtk_tree_path_get_indices(path)[0];
	gtk_tree_path_free(path);
	return i >= 0 && (guint)i < win->shown->len ? i : -1;
}

char *
iot_gtk_published_get_item_text(IotGtkPublished *win)
{
	gint i = selected_index(win);

	if (i < 0)
		return g_strdup("");
	return iot_gtk_published_payload_text(((Shown *)g_ptr_array_index(win->shown, i))->payload);
}

static void
show_text(IotGtkPublished *win)
{
	char *text = iot_gtk_published_get_item_text(win);

	/* Plain text: a payload's strings are shown as sent. */
	gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(win->text)), text, -1);
	g_free(text);
}

gboolean
iot_gtk_published_select_item(IotGtkPublished *win, const char *item_id)
{
	gint i = index_of(win, item_id);
	GtkTreePath *path;

	if (i < 0)
		return FALSE;
	path = gtk_tree_path_new_from_indices(i, -1);
	gtk_tree_selection_select_path(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), path);
	gtk_tree_path_free(path);
	return TRUE;
}

/* ---- coalescing ---- */

static void
apply(IotGtkPublished *win)
{
	IotReadout *values;
	gint sel;
	char *selected = NULL;
	guint i;

	if (win->apply_id != 0)
		g_source_remove(win->apply_id);
	win->apply_id = 0;
	if (win->pending->len == 0)
		return;
	sel = selected_index(win);
	if (sel >= 0)
		selected = g_strdup(((Shown *)g_ptr_array_index(win->shown, sel))->item->id);
	values = iot_readout_new();
	/* Many rows change at once: the view sees the result, not each step. */
	g_object_ref(win->items);
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), NULL);
	for (i = 0; i < win->pending->len; i++)
		add_newest(win, g_ptr_array_index(win->pending, i), values);
	g_ptr_array_set_size(win->pending, 0); /* the rows own them now */
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), GTK_TREE_MODEL(win->items));
	g_object_unref(win->items);
	if (values->fields->len > 0) {
		iot_gtk_readout_update(win->readout, values);
		if (!win->has_values)
			gtk_paned_set_position(GTK_PANED(gtk_widget_get_parent(win->pane)), IOT_GTK_PUBLISHED_TABLE_HEIGHT);
		win->has_values = TRUE;
	}
	iot_readout_free(values);
	if (selected == NULL || !iot_gtk_published_select_item(win, selected))
		iot_gtk_published_select_item(win, ((Shown *)g_ptr_array_index(win->shown, 0))->item->id);
	g_free(selected);
	show_text(win);
	gtk_label_set_text(GTK_LABEL(win->label), _("Recent items:"));
	win->applies++;
}

static gboolean
apply_cb(gpointer data)
{
	IotGtkPublished *win = data;

	win->apply_id = 0;
	apply(win);
	return FALSE;
}

static void
queue(IotGtkPublished *win, IotPubsubItem *copy)
{
	g_ptr_array_add(win->pending, copy);
	while (win->pending->len > IOT_GTK_PUBLISHED_KEEP) {
		iot_pubsub_item_free(g_ptr_array_index(win->pending, 0));
		g_ptr_array_remove_index(win->pending, 0);
		win->dropped++;
	}
	if (win->apply_id == 0)
		win->apply_id = g_timeout_add(IOT_GTK_PUBLISHED_COALESCE_MS, apply_cb, win);
}

void
iot_gtk_published_add_item(IotGtkPublished *win, const IotPubsubItem *item)
{
	IotPubsubItem *copy;

	g_return_if_fail(win != NULL && item != NULL);
	copy = iot_pubsub_item_copy(item);
	if (copy->time == IOT_TIME_UNKNOWN)
		copy->time = g_get_real_time();
	queue(win, copy);
}

static gint
older_first(gconstpointer a, gconstpointer b)
{
	const IotPubsubItem *x = *(IotPubsubItem *const *)a, *y = *(IotPubsubItem *const *)b;

	return x->time < y->time ? -1 : x->time > y->time ? 1 : 0;
}

void
iot_gtk_published_set_items(IotGtkPublished *win, const GPtrArray *items)
{
	GPtrArray *sorted = g_ptr_array_new();
	guint i;

	g_return_if_fail(win != NULL);
	pending_clear(win);
	gtk_list_store_clear(win->items);
	g_ptr_array_set_size(win->shown, 0);
	iot_gtk_readout_set_readout(win->readout, NULL);
	for (i = 0; items != NULL && i < items->len; i++)
		g_ptr_array_add(sorted, g_ptr_array_index(items, i));
	g_ptr_array_sort(sorted, older_first);
	/* The newest are kept: a fetch of more than fits shows its end. */
	for (i = sorted->len > IOT_GTK_PUBLISHED_KEEP ? sorted->len - IOT_GTK_PUBLISHED_KEEP : 0;
	     i < sorted->len; i++)
		g_ptr_array_add(win->pending, iot_pubsub_item_copy(g_ptr_array_index(sorted, i)));
	g_ptr_array_free(sorted, TRUE);
	win->asking = FALSE;
	apply(win);
	gtk_label_set_text(GTK_LABEL(win->label), win->shown->len > 0 ? _("Recent items:")
	                                                              : _("The node has no items yet."));
	if (win->shown->len == 0)
		show_text(win);
}

void
iot_gtk_published_retract(IotGtkPublished *win, const char *item_id)
{
	gint at;

	g_return_if_fail(win != NULL);
	apply(win);
	at = index_of(win, item_id);
	if (at >= 0)
		remove_at(win, (guint)at);
	show_text(win);
}

void
iot_gtk_published_purge(IotGtkPublished *win)
{
	g_return_if_fail(win != NULL);
	pending_clear(win);
	gtk_list_store_clear(win->items);
	g_ptr_array_set_size(win->shown, 0);
	show_text(win);
	gtk_label_set_text(GTK_LABEL(win->label), _("The owner removed every item of this node."));
}

void
iot_gtk_published_deleted(IotGtkPublished *win)
{
	g_return_if_fail(win != NULL);
	apply(win);
	iot_gtk_readout_mark_stale(win->readout);
	iot_gtk_readout_set_status(win->readout, _("This node was deleted: nothing more will come."),
	                           TRUE);
}

void
iot_gtk_published_set_field_node(IotGtkPublished *win, const char *node)
{
	g_return_if_fail(win != NULL);
	g_free(win->field_node);
	win->field_node = g_strdup(node);
}

void
iot_gtk_published_set_status(IotGtkPublished *win, const char *text, gboolean is_error)
{
	g_return_if_fail(win != NULL);
	iot_gtk_readout_set_status(win->readout, text, is_error);
	/* The items asked for will not come: the list says so too. */
	if (is_error && win->asking && win->shown->len == 0) {
		gtk_label_set_text(GTK_LABEL(win->label), _("The recent items could not be fetched."));
		win->asking = FALSE;
	}
}

/* ---- life cycle ---- */

static void
on_request(IotGtkReadout *r, IotGtkRequestKind kind, gint64 from, gint64 to, gpointer data)
{
	IotGtkPublished *win = data;

	if (win->cbs.on_refresh != NULL)
		win->cbs.on_refresh(win, win->user_data);
	else
		iot_gtk_readout_set_busy(r, FALSE);
}

static void
on_closed(IotGtkReadout *r, gpointer data)
{
	IotGtkPublished *win = data;

	if (win->apply_id != 0)
		g_source_remove(win->apply_id);
	win->apply_id = 0;
	g_signal_handlers_disconnect_matched(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)),
	                                     G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, win);
	g_signal_handlers_disconnect_matched(iot_gtk_readout_get_window(r), G_SIGNAL_MATCH_DATA, 0, 0, NULL,
	                                     NULL, win);
	if (win->cbs.on_closed != NULL)
		win->cbs.on_closed(win, win->user_data);
	pending_clear(win);
	g_ptr_array_free(win->pending, TRUE);
	g_ptr_array_free(win->shown, TRUE);
	g_object_unref(win->items);
	iot_sox_meta_free(win->sox);
	g_free(win->field_node);
	g_free(win);
}

/* No values yet: the items have the room until sensor fields come. */
static void
mapped(GtkWidget *w, IotGtkPublished *win)
{
	gtk_paned_set_position(GTK_PANED(gtk_widget_get_parent(win->pane)),
	                       win->has_values ? IOT_GTK_PUBLISHED_TABLE_HEIGHT : IOT_GTK_PUBLISHED_NO_TABLE_HEIGHT);
}

static void
selection_cb(GtkTreeSelection *sel, IotGtkPublished *win)
{
	show_text(win);
}

static void
add_column(GtkWidget *view, const char *title, int col, gboolean expand)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, NULL);

	g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_expand(c, expand);
	if (!expand)
		gtk_tree_view_column_set_min_width(c, 80);
	gtk_tree_view_append_column(GTK_TREE_VIEW(view), c);
}

static GtkWidget *
scrolled(GtkWidget *child)
{
	GtkWidget *s = gtk_scrolled_window_new(NULL, NULL);

	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(s), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(s), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(s), child);
	return s;
}

static GtkWidget *
items_pane(IotGtkPublished *win)
{
	GtkWidget *vbox = gtk_vbox_new(FALSE, 4), *hpaned = gtk_hpaned_new();

	win->items = gtk_list_store_new(IOT_GTK_PUBLISHED_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING);
	win->view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->items));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->view), TRUE);
	add_column(win->view, _("Time"), IOT_GTK_PUBLISHED_COL_TIME, FALSE);
	add_column(win->view, _("Item"), IOT_GTK_PUBLISHED_COL_ID, FALSE);
	add_column(win->view, _("Content"), IOT_GTK_PUBLISHED_COL_SUMMARY, TRUE);
	g_signal_connect(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), "changed",
	                 G_CALLBACK(selection_cb), win);
	win->text = gtk_text_view_new();
	gtk_text_view_set_editable(GTK_TEXT_VIEW(win->text), FALSE);
	gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(win->text), GTK_WRAP_WORD_CHAR);
	gtk_text_view_set_left_margin(GTK_TEXT_VIEW(win->text), 4);
	gtk_paned_pack1(GTK_PANED(hpaned), scrolled(win->view), TRUE, FALSE);
	gtk_paned_pack2(GTK_PANED(hpaned), scrolled(win->text), TRUE, FALSE);
	gtk_paned_set_position(GTK_PANED(hpaned), 400);
	win->label = gtk_label_new(_("Asking for the last items…"));
	gtk_misc_set_alignment(GTK_MISC(win->label), 0.0f, 0.5f);
	gtk_box_pack_start(GTK_BOX(vbox), win->label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hpaned, TRUE, TRUE, 0);
	gtk_widget_set_size_request(vbox, -1, 160);
	win->pane = vbox;
	return vbox;
}

IotGtkPublished *
iot_gtk_published_new(const char *label, const IotGtkPublishedCallbacks *cbs, gpointer user_data)
{
	static const IotGtkReadoutCallbacks readout_cbs = { on_request, NULL, on_closed, NULL, NULL };
	IotGtkPublished *win = g_new0(IotGtkPublished, 1);
	char *clean = iot_format_clean(label != NULL ? label : "", LABEL_CHARS), *title;

	if (cbs != NULL)
		win->cbs = *cbs;
	win->user_data = user_data;
	win->shown = g_ptr_array_new_with_free_func(shown_free);
	win->pending = g_ptr_array_new();
	win->sox = iot_sox_meta_new();
	win->asking = TRUE;
	win->readout = iot_gtk_readout_new(clean, &readout_cbs, win);
	/* TRANSLATORS: window title; %s is a node and its service, or a contact. */
	title = g_strdup_printf(_("Published data — %s"), clean);
	iot_gtk_readout_set_passive(win->readout, title, items_pane(win));
	/* Once the window has its size (a position set before is scaled with
	 * the first allocations). */
	g_signal_connect_after(iot_gtk_readout_get_window(win->readout), "map", G_CALLBACK(mapped), win);
	gtk_window_set_role(GTK_WINDOW(iot_gtk_readout_get_window(win->readout)), "iot-published");
	g_free(title);
	g_free(clean);
	return win;
}

void
iot_gtk_published_destroy(IotGtkPublished *win)
{
	g_return_if_fail(win != NULL);
	iot_gtk_readout_destroy(win->readout);
}

GtkWidget *
iot_gtk_published_get_window(IotGtkPublished *win)
{
	return iot_gtk_readout_get_window(win->readout);
}

IotGtkReadout *
iot_gtk_published_get_readout(IotGtkPublished *win)
{
	return win->readout;
}

GtkTreeModel *
iot_gtk_published_get_items_model(IotGtkPublished *win)
{
	return GTK_TREE_MODEL(win->items);
}

const char *
iot_gtk_published_get_items_label(IotGtkPublished *win)
{
	return gtk_label_get_text(GTK_LABEL(win->label));
}

guint
iot_gtk_published_get_pending(IotGtkPublished *win)
{
	return win->pending->len;
}

guint
iot_gtk_published_get_applies(IotGtkPublished *win)
{
	return win->applies;
}

guint
iot_gtk_published_get_dropped(IotGtkPublished *win)
{
	return win->dropped;
}
