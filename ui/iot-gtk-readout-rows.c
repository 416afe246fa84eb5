/*
 * iot-gtk-readout-rows.c — the readout window's rows: the store, new
 * readouts, coalesced updates, selection by row key.
 *
 * The view shows store → filter; the store sorts. A new readout fills a new
 * store before anything listens to it and sorts it once, so 10 000 rows
 * emit no signal that a view would have to follow; the columns are of fixed
 * width and the view runs in fixed-height mode, so the first paint measures
 * one row, not all of them (iot-gtk-readout-columns.c).
 */
#include "iot-gtk-readout-private.h"

#include "iot-format.h"
#include "iot-limits.h"
#include "iot-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define NAME_CHARS_MAX 120

#define COLOUR_ERROR "#c00000"
#define COLOUR_WARNING "#a04c00"
#define COLOUR_UNSURE "#6e6e6e"

/* Everything a row shows, computed once per field. */
typedef struct {
	char *node, *field, *value, *unit, *time, *category, *status, *search;
	double number;
	gboolean has_number;
	IotGtkSeverity severity;
	const char *foreground;
	int weight, style;
} RowText;

char *
iot_gtk_readout_row_key(const IotNodeRef *node, const char *name)
{
	const char *parts[3] = { NULL, NULL, NULL };
	GString *k = g_string_new(NULL);
	guint i;

	if (node != NULL) {
		parts[0] = node->node_id;
		parts[1] = node->source_id;
		parts[2] = node->partition;
	}
	/* A mark before each part keeps NULL and "" apart, as
	 * iot_node_ref_equal() does; 0x1F cannot occur in a name we keep. */
	for (i = 0; i < 3; i++)
		g_string_append_printf(k, "%c%s\x1f", parts[i] ? '+' : '-', parts[i] ? parts[i] : "");
	g_string_append(k, name != NULL ? name : "");
	return g_string_free(k, FALSE);
}

static char *
node_label(const IotNodeRef *node)
{
	char *id, *src, *out;

	if (node->node_id == NULL)
		return g_strdup("");
	id = iot_format_clean(node->node_id, 64);
	if (node->source_id == NULL)
		return id;
	src = iot_format_clean(node->source_id, 32);
	/* TRANSLATORS: a node behind a concentrator and its data source, "kitchen (Rooms)". */
	out = g_strdup_printf(_("%s (%s)"), id, src);
	g_free(id);
	g_free(src);
	return out;
}

static void
row_text(IotGtkReadout *win, const IotField *f, gint64 now, RowText *t)
{
	IotField bare = *f;
	char *localized = NULL, *words, *folded_name, *folded_raw, *folded_node;

	if (win->cbs.localize_name != NULL)
		localized = win->cbs.localize_name(win, f, win->user_data);
	t->field = iot_format_clean(localized != NULL ? localized : f->name, NAME_CHARS_MAX);
	g_free(localized);
	t->node = node_label(&f->node);
	/* The unit has its own column: format the value without it. */
	bare.unit = NULL;
	t->value = iot_format_value(&bare, now);
	t->unit = iot_format_clean(f->unit, 32);
	t->time = f->timestamp != IOT_TIME_UNKNOWN ? iot_time_format_local(f->timestamp, now)
	                                           : g_strdup("");
	t->category = iot_format_categories(f->categories);
	words = iot_format_qos(f->qos);
	t->severity = iot_gtk_readout_severity(f->qos);
	t->number = f->number;
	t->has_number = iot_gtk_readout_is_numeric(f);
	t->foreground = NULL;
	t->weight = PANGO_WEIGHT_NORMAL;
	t->style = PANGO_STYLE_NORMAL;
	switch (t->severity) {
	case IOT_GTK_SEVERITY_ERROR:
		/* Colour, weight, a sign and a word: never colour alone. */
		t->status = g_strconcat("⚠ ", words, NULL);
		t->foreground = COLOUR_ERROR;
		t->weight = PANGO_WEIGHT_BOLD;
		break;
	case IOT_GTK_SEVERITY_WARNING:
		t->status = g_strdup(words);
		t->foreground = COLOUR_WARNING;
		break;
	case IOT_GTK_SEVERITY_UNSURE:
		t->status = g_strdup(words);
		t->foreground = COLOUR_UNSURE;
		t->style = PANGO_STYLE_ITALIC;
		break;
	default:
		t->status = g_strdup(words);
	}
	g_free(words);
	folded_name = g_utf8_casefold(t->field, -1);
	folded_raw = g_utf8_casefold(f->name, -1);
	folded_node = g_utf8_casefold(t->node, -1);
	t->search = g_strjoin("\n", folded_name, folded_raw, folded_node, NULL);
	g_free(folded_name);
	g_free(folded_raw);
	g_free(folded_node);
}

static void
row_text_clear(RowText *t)
{
	g_free(t->node);
	g_free(t->field);
	g_free(t->value);
	g_free(t->unit);
	g_free(t->time);
	g_free(t->category);
	g_free(t->status);
	g_free(t->search);
}

#define ROW_VALUES(t, f, index)                                                          \
	IOT_GTK_READOUT_COL_NODE, (t).node, IOT_GTK_READOUT_COL_FIELD, (t).field,          \
	IOT_GTK_READOUT_COL_VALUE, (t).value, IOT_GTK_READOUT_COL_UNIT, (t).unit,          \
	IOT_GTK_READOUT_COL_TIME, (t).time, IOT_GTK_READOUT_COL_CATEGORY, (t).category,    \
	IOT_GTK_READOUT_COL_STATUS, (t).status, IOT_GTK_READOUT_COL_NAME, (f)->name,       \
	IOT_GTK_READOUT_COL_NUMBER, (t).number, IOT_GTK_READOUT_COL_HAS_NUMBER,            \
	(t).has_number, IOT_GTK_READOUT_COL_TIMESTAMP, (f)->timestamp,                     \
	IOT_GTK_READOUT_COL_SEVERITY, (int)(t).severity, IOT_GTK_READOUT_COL_FOREGROUND,   \
	(t).foreground, IOT_GTK_READOUT_COL_WEIGHT, (t).weight, IOT_GTK_READOUT_COL_STYLE, \
	(t).style, IOT_GTK_READOUT_COL_INDEX, (guint)(index), IOT_GTK_READOUT_COL_SEARCH,  \
	(t).search, -1

static void
row_append(IotGtkReadout *win, GtkListStore *store, const IotField *f, guint index, gint64 now,
           GtkTreeIter *iter)
{
	RowText t;

	row_text(win, f, now, &t);
	gtk_list_store_insert_with_values(store, iter, -1, ROW_VALUES(t, f, index));
	row_text_clear(&t);
}

static void
row_update(IotGtkReadout *win, GtkTreeIter *iter, const IotField *f, guint index, gint64 now)
{
	RowText t;

	row_text(win, f, now, &t);
	gtk_list_store_set(win->store, iter, ROW_VALUES(t, f, index));
	row_text_clear(&t);
}

static void drop_pending(IotGtkReadout *win);

/* ---- models ---------------------------------------------------------------------- */

static GtkListStore *
store_new(void)
{
	return gtk_list_store_new(IOT_GTK_READOUT_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
	                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_BOOLEAN,
	                          G_TYPE_INT64, G_TYPE_INT, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
	                          G_TYPE_UINT, G_TYPE_STRING);
}

/* Shows @store (transfer full) through a new filter model. The store is
 * filled and sorted before this, when nothing listens to it yet. */
static void
attach_store(IotGtkReadout *win, GtkListStore *store)
{
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), NULL);
	if (win->filter != NULL)
		g_object_unref(win->filter);
	if (win->store != NULL)
		g_object_unref(win->store);
	win->store = store;
	win->filter = gtk_tree_model_filter_new(GTK_TREE_MODEL(store), NULL);
	gtk_tree_model_filter_set_visible_func(GTK_TREE_MODEL_FILTER(win->filter),
	                                       iot_gtk_readout_visible_func, win, NULL);
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), win->filter);
}

gboolean
iot_gtk_readout_row_iter(IotGtkReadout *win, const IotGtkReadoutRow *row, GtkTreeIter *out)
{
	GtkTreeIter child = row->iter;

	return gtk_tree_model_filter_convert_child_iter_to_iter(GTK_TREE_MODEL_FILTER(win->filter),
	                                                        out, &child);
}

/* The selected rows, the cursor row first, by row key: a new readout comes
 * in a new store. */
static GPtrArray *
save_selection(IotGtkReadout *win)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GList *rows = gtk_tree_selection_get_selected_rows(sel, NULL), *l;
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	GtkTreePath *cursor = NULL;

	gtk_tree_view_get_cursor(GTK_TREE_VIEW(win->view), &cursor, NULL);
	if (cursor != NULL && gtk_tree_selection_path_is_selected(sel, cursor))
		rows = g_list_prepend(rows, gtk_tree_path_copy(cursor));
	for (l = rows; l != NULL; l = l->next) {
		GtkTreeIter iter;
		const IotField *f;

		if (gtk_tree_model_get_iter(win->filter, &iter, l->data) &&
		    (f = iot_gtk_readout_field_at(win, &iter)) != NULL)
			g_ptr_array_add(keys, iot_gtk_readout_row_key(&f->node, f->name));
	}
	g_list_free_full(rows, (GDestroyNotify)gtk_tree_path_free);
	if (cursor != NULL)
		gtk_tree_path_free(cursor);
	return keys;
}

static void
restore_selection(IotGtkReadout *win, GPtrArray *keys)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	gboolean first = TRUE;
	guint i;

	for (i = 0; i < keys->len; i++) {
		IotGtkReadoutRow *row = g_hash_table_lookup(win->rows, g_ptr_array_index(keys, i));
		GtkTreeIter iter;
		GtkTreePath *path;

		if (row == NULL || !iot_gtk_readout_row_iter(win, row, &iter))
			continue;
		path = gtk_tree_model_get_path(win->filter, &iter);
		/* The cursor first: setting it selects that row only. */
		if (first)
			gtk_tree_view_set_cursor(GTK_TREE_VIEW(win->view), path, NULL, FALSE);
		first = FALSE;
		gtk_tree_selection_select_path(sel, path);
		gtk_tree_path_free(path);
	}
	g_ptr_array_free(keys, TRUE);
}

const IotField *
iot_gtk_readout_field_at(IotGtkReadout *win, GtkTreeIter *iter)
{
	guint index = G_MAXUINT;

	gtk_tree_model_get(win->filter, iter, IOT_GTK_READOUT_COL_INDEX, &index, -1);
	return index < win->fields->len ? g_ptr_array_index(win->fields, index) : NULL;
}

const IotField *
iot_gtk_readout_selected_field(IotGtkReadout *win)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GList *rows = gtk_tree_selection_get_selected_rows(sel, NULL);
	const IotField *f = NULL;
	GtkTreeIter iter;

	if (rows != NULL && gtk_tree_model_get_iter(win->filter, &iter, rows->data))
		f = iot_gtk_readout_field_at(win, &iter);
	g_list_free_full(rows, (GDestroyNotify)gtk_tree_path_free);
	return f;
}

void
iot_gtk_readout_rows_init(IotGtkReadout *win)
{
	GtkListStore *store;

	win->fields = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	win->collate = g_array_new(FALSE, TRUE, sizeof(IotGtkReadoutKeys));
	g_array_set_clear_func(win->collate, iot_gtk_readout_keys_clear);
	win->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	win->pending = g_hash_table_new(g_str_hash, g_str_equal);
	win->pending_keys = g_ptr_array_new_with_free_func(g_free);
	win->pending_fields = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	win->sort_id = -1;
	win->sort_order = GTK_SORT_ASCENDING;

	iot_gtk_readout_columns_init(win);
	store = store_new();
	iot_gtk_readout_sort_funcs(win, store);
	attach_store(win, store);
}

void
iot_gtk_readout_rows_free(IotGtkReadout *win)
{
	if (win->apply_id != 0)
		g_source_remove(win->apply_id);
	win->apply_id = 0;
	gtk_tree_view_set_model(GTK_TREE_VIEW(win->view), NULL);
	if (win->filter != NULL)
		g_object_unref(win->filter);
	if (win->store != NULL)
		g_object_unref(win->store);
	win->filter = NULL;
	win->store = NULL;
	g_hash_table_destroy(win->pending);
	g_ptr_array_free(win->pending_keys, TRUE);
	g_ptr_array_free(win->pending_fields, TRUE);
	g_hash_table_destroy(win->rows);
	g_ptr_array_free(win->fields, TRUE);
	g_array_free(win->collate, TRUE);
	g_free(win->filter_text);
}

/* The row a key refers to when a readout holds it several times (historical
 * values): the newest, so that updates replace the current value. */
static void
remember_row(IotGtkReadout *win, char *key, const GtkTreeIter *iter, guint index)
{
	IotGtkReadoutRow *old = g_hash_table_lookup(win->rows, key), *row;

	if (old != NULL) {
		const IotField *f = g_ptr_array_index(win->fields, old->index);
		const IotField *g = g_ptr_array_index(win->fields, index);

		if (g->timestamp < f->timestamp) {
			g_free(key);
			return;
		}
	}
	row = g_new(IotGtkReadoutRow, 1);
	row->iter = *iter;
	row->index = index;
	g_hash_table_replace(win->rows, key, row);
}

static void
set_has_nodes(IotGtkReadout *win, gboolean has)
{
	win->has_nodes = has;
	gtk_tree_view_column_set_visible(win->node_column, has);
}

void
iot_gtk_readout_rows_set(IotGtkReadout *win, const IotReadout *r)
{
	GtkListStore *store = store_new();
	GPtrArray *selected = save_selection(win);
	gint64 now = g_get_real_time();
	gboolean nodes = FALSE;
	guint i;

	/* Older pending values must not overwrite the new readout. */
	if (win->apply_id != 0)
		g_source_remove(win->apply_id);
	win->apply_id = 0;
	drop_pending(win);
	g_hash_table_remove_all(win->rows);
	g_ptr_array_set_size(win->fields, 0);
	g_array_set_size(win->collate, 0);
	win->rows_dropped = 0;
	/* Filled unsorted and before anything listens to it, then sorted once. */
	if (r != NULL)
		g_array_set_size(win->collate, r->fields->len);
	for (i = 0; r != NULL && i < r->fields->len; i++) {
		IotField *f = iot_field_copy(g_ptr_array_index(r->fields, i));
		GtkTreeIter iter;

		g_ptr_array_add(win->fields, f);
		row_append(win, store, f, i, now, &iter);
		remember_row(win, iot_gtk_readout_row_key(&f->node, f->name), &iter, i);
		nodes = nodes || f->node.node_id != NULL;
	}
	iot_gtk_readout_sort_funcs(win, store);
	iot_gtk_readout_sort_store(win, store);
	attach_store(win, store);
	set_has_nodes(win, nodes);
	if (!win->widths_set && win->fields->len > 0) {
		iot_gtk_readout_fit_columns(win);
		win->widths_set = TRUE;
	}
	restore_selection(win, selected);
	iot_gtk_readout_update_plot(win);
}

/* ---- coalesced updates ---------------------------------------------------------- */

static void
drop_pending(IotGtkReadout *win)
{
	g_hash_table_remove_all(win->pending);
	g_ptr_array_set_size(win->pending_keys, 0);
	g_ptr_array_set_size(win->pending_fields, 0);
	win->pending_new = 0;
}

static void
apply_pending(IotGtkReadout *win)
{
	gint64 now = g_get_real_time();
	gboolean bulk = FALSE;
	guint i;

	if (win->pending_keys->len >= IOT_GTK_READOUT_BULK_ROWS && win->sort_id >= 0) {
		/* A sorted store announces each moved row as a reordering of all
		 * rows: unsorted while changing, it sorts once. The view follows a
		 * reordering with its selection and scroll position. */
		bulk = TRUE;
		gtk_tree_sortable_set_sort_column_id(GTK_TREE_SORTABLE(win->store),
		                                     GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID,
		                                     win->sort_order);
	}
	g_hash_table_remove_all(win->pending);
	for (i = 0; i < win->pending_keys->len; i++) {
		char *key = g_ptr_array_index(win->pending_keys, i);
		IotField *f = g_ptr_array_index(win->pending_fields, i);
		IotGtkReadoutRow *row = g_hash_table_lookup(win->rows, key);

		/* Ownership of both moves to the table. */
		g_ptr_array_index(win->pending_keys, i) = NULL;
		g_ptr_array_index(win->pending_fields, i) = NULL;
		if (row != NULL) {
			iot_field_free(g_ptr_array_index(win->fields, row->index));
			g_ptr_array_index(win->fields, row->index) = f;
			iot_gtk_readout_keys_clear(&g_array_index(win->collate, IotGtkReadoutKeys,
			                                          row->index));
			row_update(win, &row->iter, f, row->index, now);
			g_free(key);
		} else {
			GtkTreeIter iter;
			guint index = win->fields->len;

			g_ptr_array_add(win->fields, f);
			g_array_set_size(win->collate, win->fields->len);
			row_append(win, win->store, f, index, now, &iter);
			remember_row(win, key, &iter, index);
			if (f->node.node_id != NULL && !win->has_nodes)
				set_has_nodes(win, TRUE);
		}
	}
	drop_pending(win);
	if (bulk)
		iot_gtk_readout_sort_store(win, win->store);
	win->applies++;
	iot_gtk_readout_touched(win);
}

static gboolean
apply_cb(gpointer data)
{
	IotGtkReadout *win = data;

	win->apply_id = 0;
	apply_pending(win);
	return FALSE;
}

void
iot_gtk_readout_rows_queue(IotGtkReadout *win, const IotReadout *r)
{
	guint i;

	for (i = 0; i < r->fields->len; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		char *key = iot_gtk_readout_row_key(&f->node, f->name);
		guint pos = GPOINTER_TO_UINT(g_hash_table_lookup(win->pending, key));

		if (pos != 0) {
			/* The row waits already: only its latest value counts. */
			iot_field_free(g_ptr_array_index(win->pending_fields, pos - 1));
			g_ptr_array_index(win->pending_fields, pos - 1) = iot_field_copy(f);
			g_free(key);
			continue;
		}
		if (!g_hash_table_contains(win->rows, key)) {
			if (win->fields->len + win->pending_new >= IOT_MAX_FIELDS_PER_READOUT) {
				win->rows_dropped++;
				g_free(key);
				continue;
			}
			win->pending_new++;
		}
		g_ptr_array_add(win->pending_keys, key);
		g_ptr_array_add(win->pending_fields, iot_field_copy(f));
		g_hash_table_insert(win->pending, key, GUINT_TO_POINTER(win->pending_keys->len));
	}
	if (win->apply_id == 0 && win->pending_keys->len > 0)
		win->apply_id = g_timeout_add(IOT_GTK_READOUT_COALESCE_MS, apply_cb, win);
}
