/*
 * iot-gtk-readout-columns.c — the readout window's columns: what each
 * shows, how it sorts, how wide it starts, the filter, and tooltips.
 *
 * Every device string goes into a renderer's "text" property, never
 * "markup": "<b>" and "&amp;" stay as sent.
 */
#include "iot-gtk-readout-private.h"

#include "iot-gtk-sparkline.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Rows measured to choose the first column widths. */
#define WIDTH_SAMPLE_ROWS 200

IotGtkSeverity
iot_gtk_readout_severity(guint32 qos)
{
	if (qos & (IOT_QOS_ERROR | IOT_QOS_POWER_FAILURE))
		return IOT_GTK_SEVERITY_ERROR;
	if (qos & IOT_QOS_WARNING)
		return IOT_GTK_SEVERITY_WARNING;
	if (qos & (IOT_QOS_MISSING | IOT_QOS_IN_PROGRESS | IOT_QOS_AUTOMATIC_ESTIMATE |
	           IOT_QOS_MANUAL_ESTIMATE))
		return IOT_GTK_SEVERITY_UNSURE;
	return IOT_GTK_SEVERITY_NORMAL;
}

gboolean
iot_gtk_readout_is_numeric(const IotField *f)
{
	return (f->type == IOT_VALUE_NUMERIC || f->type == IOT_VALUE_INT ||
	        f->type == IOT_VALUE_LONG) && f->number_valid && isfinite(f->number);
}

/* ---- sorting ------------------------------------------------------------------ */

void
iot_gtk_readout_keys_clear(gpointer p)
{
	IotGtkReadoutKeys *k = p;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(k->key); i++) {
		g_free(k->key[i]);
		k->key[i] = NULL;
	}
}

static const char *
collate_key(IotGtkReadout *win, GtkTreeModel *m, GtkTreeIter *iter, guint index, gint col)
{
	IotGtkReadoutKeys *k = &g_array_index(win->collate, IotGtkReadoutKeys, index);

	if (k->key[col] == NULL) {
		char *text = NULL;

		gtk_tree_model_get(m, iter, col, &text, -1);
		k->key[col] = g_utf8_collate_key(text != NULL ? text : "", -1);
		g_free(text);
	}
	return k->key[col];
}

#define CMP(x, y) ((x) < (y) ? -1 : ((x) > (y) ? 1 : 0))

/* Sorts from the fields themselves and cached collation keys: a sort of
 * 10 000 rows makes ~140 000 comparisons, so each must be cheap. */
static gint
sort_func(GtkTreeModel *m, GtkTreeIter *a, GtkTreeIter *b, gpointer data)
{
	IotGtkReadout *win = g_object_get_data(G_OBJECT(m), "iot-readout");
	gint col = GPOINTER_TO_INT(data), r = 0;
	guint ia = G_MAXUINT, ib = G_MAXUINT;
	const IotField *fa, *fb;

	gtk_tree_model_get(m, a, IOT_GTK_READOUT_COL_INDEX, &ia, -1);
	gtk_tree_model_get(m, b, IOT_GTK_READOUT_COL_INDEX, &ib, -1);
	if (win == NULL || ia >= win->fields->len || ib >= win->fields->len)
		return CMP(ia, ib);
	fa = g_ptr_array_index(win->fields, ia);
	fb = g_ptr_array_index(win->fields, ib);
	switch (col) {
	case IOT_GTK_READOUT_COL_VALUE: {
		/* Numbers by value, before text; text by collation. */
		gboolean na = iot_gtk_readout_is_numeric(fa), nb = iot_gtk_readout_is_numeric(fb);

		if (na && nb)
			r = CMP(fa->number, fb->number);
		else if (na != nb)
			r = na ? -1 : 1;
		break;
	}
	case IOT_GTK_READOUT_COL_TIME:
		r = CMP(fa->timestamp, fb->timestamp);
		break;
	case IOT_GTK_READOUT_COL_STATUS:
		/* Most severe first when ascending: what needs attention on top. */
		r = CMP(iot_gtk_readout_severity(fb->qos), iot_gtk_readout_severity(fa->qos));
		break;
	default:
		break;
	}
	if (r == 0 && col != IOT_GTK_READOUT_COL_TIME)
		r = strcmp(collate_key(win, m, a, ia, col), collate_key(win, m, b, ib, col));
	/* Equal keys keep the device's order. */
	return r != 0 ? r : CMP(ia, ib);
}

/* ---- filter ------------------------------------------------------------------- */

gboolean
iot_gtk_readout_visible_func(GtkTreeModel *m, GtkTreeIter *iter, gpointer data)
{
	IotGtkReadout *win = data;
	char *search = NULL;
	gboolean ok;

	if (win->filter_text == NULL)
		return TRUE;
	gtk_tree_model_get(m, iter, IOT_GTK_READOUT_COL_SEARCH, &search, -1);
	ok = search != NULL && strstr(search, win->filter_text) != NULL;
	g_free(search);
	return ok;
}

void
iot_gtk_readout_refilter(IotGtkReadout *win, const char *text)
{
	char *folded = NULL;

	if (text != NULL) {
		char *t = g_strstrip(g_strdup(text));

		if (*t != '\0')
			folded = g_utf8_casefold(t, -1);
		g_free(t);
	}
	if (g_strcmp0(folded, win->filter_text) == 0) {
		g_free(folded);
		return;
	}
	g_free(win->filter_text);
	win->filter_text = folded;
	gtk_tree_model_filter_refilter(GTK_TREE_MODEL_FILTER(win->filter));
}

void
iot_gtk_readout_sort_funcs(IotGtkReadout *win, GtkListStore *store)
{
	gint id;

	/* The sort functions are called with the store. */
	g_object_set_data(G_OBJECT(store), "iot-readout", win);
	for (id = IOT_GTK_READOUT_COL_NODE; id <= IOT_GTK_READOUT_COL_STATUS; id++)
		gtk_tree_sortable_set_sort_func(GTK_TREE_SORTABLE(store), id, sort_func,
		                                GINT_TO_POINTER(id), NULL);
}

/* Sorts @store by win->sort_id: one sort of all rows. */
void
iot_gtk_readout_sort_store(IotGtkReadout *win, GtkListStore *store)
{
	gint id = win->sort_id >= 0 ? win->sort_id : GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;

	gtk_tree_sortable_set_sort_column_id(GTK_TREE_SORTABLE(store), id, win->sort_order);
}

static void
show_sort(IotGtkReadout *win)
{
	GList *cols = gtk_tree_view_get_columns(GTK_TREE_VIEW(win->view)), *l;

	for (l = cols; l != NULL; l = l->next) {
		gint col = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(l->data), "iot-column"));

		gtk_tree_view_column_set_sort_indicator(l->data, l->data != win->trend_column &&
		                                                     col == win->sort_id);
		gtk_tree_view_column_set_sort_order(l->data, win->sort_order);
	}
	g_list_free(cols);
}

/* The view shows a filter model, which cannot sort: the store sorts, and
 * the headers are wired here rather than by gtk_tree_view_column_set_sort_column_id().
 * A GtkTreeModelSort over the filter would find rows by path in every
 * comparison, which takes seconds for 10 000 rows. */
static void
header_clicked_cb(GtkTreeViewColumn *c, IotGtkReadout *win)
{
	gint col = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(c), "iot-column"));

	if (win->sort_id == col)
		win->sort_order = win->sort_order == GTK_SORT_ASCENDING ? GTK_SORT_DESCENDING
		                                                        : GTK_SORT_ASCENDING;
	else
		win->sort_order = GTK_SORT_ASCENDING;
	win->sort_id = col;
	iot_gtk_readout_sort_store(win, win->store);
	show_sort(win);
}

/* ---- columns ----------------------------------------------------------------------- */

static void
value_data_func(GtkTreeViewColumn *col, GtkCellRenderer *cell, GtkTreeModel *m,
                GtkTreeIter *iter, gpointer data)
{
	char *text = NULL;
	gboolean number = FALSE;

	gtk_tree_model_get(m, iter, IOT_GTK_READOUT_COL_VALUE, &text,
	                   IOT_GTK_READOUT_COL_HAS_NUMBER, &number, -1);
	/* Numbers right-aligned, as in a spreadsheet, so that digits line up. */
	g_object_set(cell, "text", text, "xalign", number ? 1.0f : 0.0f, NULL);
	g_free(text);
}

static void
trend_data_func(GtkTreeViewColumn *col, GtkCellRenderer *cell, GtkTreeModel *m,
                GtkTreeIter *iter, gpointer data)
{
	IotGtkReadout *win = data;
	const IotHistorySeries *s = NULL;
	gboolean number = FALSE;

	gtk_tree_model_get(m, iter, IOT_GTK_READOUT_COL_HAS_NUMBER, &number, -1);
	if (number && win->history != NULL) {
		const IotField *f = iot_gtk_readout_field_at(win, iter);

		/* Looked up at each paint: the history is borrowed and may have
		 * been replaced since. */
		if (f != NULL)
			s = iot_history_find_series(win->history, &f->node, f->name);
	}
	g_object_set(cell, "series", s, NULL);
}

static GtkTreeViewColumn *
add_column(IotGtkReadout *win, const char *title, gint col, int width)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new();

	gtk_tree_view_column_set_title(c, title);
	gtk_tree_view_column_pack_start(c, r, TRUE);
	/* Device strings go in as "text": never parsed as markup. */
	if (col == IOT_GTK_READOUT_COL_VALUE)
		gtk_tree_view_column_set_cell_data_func(c, r, value_data_func, win, NULL);
	else
		gtk_tree_view_column_add_attribute(c, r, "text", col);
	gtk_tree_view_column_add_attribute(c, r, "foreground", IOT_GTK_READOUT_COL_FOREGROUND);
	gtk_tree_view_column_add_attribute(c, r, "weight", IOT_GTK_READOUT_COL_WEIGHT);
	gtk_tree_view_column_add_attribute(c, r, "style", IOT_GTK_READOUT_COL_STYLE);
	g_object_set(r, "weight-set", TRUE, "style-set", TRUE, "ellipsize", PANGO_ELLIPSIZE_END,
	             NULL);
	gtk_tree_view_column_set_clickable(c, TRUE);
	iot_gtk_readout_connect(win, c, "clicked", G_CALLBACK(header_clicked_cb));
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_sizing(c, GTK_TREE_VIEW_COLUMN_FIXED);
	gtk_tree_view_column_set_fixed_width(c, width);
	g_object_set_data(G_OBJECT(c), "iot-column", GINT_TO_POINTER(col));
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->view), c);
	return c;
}

/* The whole row as plain text, as narrow columns end their cells in "…".
 * gtk_tree_view_set_tooltip_column() would parse device strings as markup. */
static gboolean
tooltip_cb(GtkWidget *w, gint x, gint y, gboolean keyboard, GtkTooltip *tip, IotGtkReadout *win)
{
	GtkTreeModel *m;
	GtkTreePath *path;
	GtkTreeIter iter;
	char *node, *field, *value, *unit, *time, *cat, *status;
	GString *s;

	if (!gtk_tree_view_get_tooltip_context(GTK_TREE_VIEW(w), &x, &y, keyboard, &m, &path, &iter))
		return FALSE;
	gtk_tree_model_get(m, &iter, IOT_GTK_READOUT_COL_NODE, &node, IOT_GTK_READOUT_COL_FIELD,
	                   &field, IOT_GTK_READOUT_COL_VALUE, &value, IOT_GTK_READOUT_COL_UNIT, &unit,
	                   IOT_GTK_READOUT_COL_TIME, &time, IOT_GTK_READOUT_COL_CATEGORY, &cat,
	                   IOT_GTK_READOUT_COL_STATUS, &status, -1);
	s = g_string_new(NULL);
	if (node != NULL && *node != '\0')
		g_string_append_printf(s, "%s · ", node);
	g_string_append_printf(s, "%s\n%s", field, value);
	if (unit != NULL && *unit != '\0')
		g_string_append_printf(s, " %s", unit);
	g_string_append_printf(s, "\n%s%s%s", time, *time && *cat ? " · " : "", cat);
	if (status != NULL && *status != '\0')
		g_string_append_printf(s, "\n%s", status);
	gtk_tooltip_set_text(tip, s->str);
	gtk_tree_view_set_tooltip_row(GTK_TREE_VIEW(w), tip, path);
	g_string_free(s, TRUE);
	g_free(node);
	g_free(field);
	g_free(value);
	g_free(unit);
	g_free(time);
	g_free(cat);
	g_free(status);
	gtk_tree_path_free(path);
	return TRUE;
}

void
iot_gtk_readout_columns_init(IotGtkReadout *win)
{
	GtkTreeView *view = GTK_TREE_VIEW(win->view);
	GtkTreeViewColumn *status;

	/* TRANSLATORS: table columns of the sensor-data window. */
	win->node_column = add_column(win, _("Node"), IOT_GTK_READOUT_COL_NODE, 110);
	gtk_tree_view_column_set_visible(win->node_column, FALSE);
	add_column(win, _("Field"), IOT_GTK_READOUT_COL_FIELD, 170);
	add_column(win, _("Value"), IOT_GTK_READOUT_COL_VALUE, 90);
	add_column(win, _("Unit"), IOT_GTK_READOUT_COL_UNIT, 50);
	win->trend_renderer = iot_gtk_sparkline_new();
	win->trend_column = gtk_tree_view_column_new_with_attributes(_("Trend"),
	                                                             win->trend_renderer, NULL);
	gtk_tree_view_column_set_cell_data_func(win->trend_column, win->trend_renderer,
	                                        trend_data_func, win, NULL);
	gtk_tree_view_column_set_sizing(win->trend_column, GTK_TREE_VIEW_COLUMN_FIXED);
	gtk_tree_view_column_set_fixed_width(win->trend_column, 64);
	gtk_tree_view_append_column(view, win->trend_column);
	add_column(win, _("Time"), IOT_GTK_READOUT_COL_TIME, 80);
	add_column(win, _("Category"), IOT_GTK_READOUT_COL_CATEGORY, 110);
	status = add_column(win, _("Status"), IOT_GTK_READOUT_COL_STATUS, 120);
	gtk_tree_view_column_set_expand(status, TRUE);
	gtk_tree_view_set_fixed_height_mode(view, TRUE);
	gtk_tree_view_set_search_column(view, IOT_GTK_READOUT_COL_FIELD);
	gtk_widget_set_has_tooltip(win->view, TRUE);
	iot_gtk_readout_connect(win, win->view, "query-tooltip", G_CALLBACK(tooltip_cb));
}

/* Column widths from the header and the first rows' texts, then narrowed
 * until the table fits the window: names, categories and status words
 * share the cut; values, units and times keep their width, as a cut number
 * misleads. Measured
 * once, on the first readout, and left to the person after that. Texts
 * that do not fit end in "…". */
void
iot_gtk_readout_fit_columns(IotGtkReadout *win)
{
	/* min 0: never narrowed. */
	static const struct { gint col; int min, max; } fits[] = {
		{ IOT_GTK_READOUT_COL_CATEGORY, 80, 200 }, { IOT_GTK_READOUT_COL_NODE, 70, 200 },
		{ IOT_GTK_READOUT_COL_STATUS, 90, 260 },   { IOT_GTK_READOUT_COL_FIELD, 110, 240 },
		{ IOT_GTK_READOUT_COL_VALUE, 0, 180 },     { IOT_GTK_READOUT_COL_UNIT, 0, 90 },
		{ IOT_GTK_READOUT_COL_TIME, 0, 170 },
	};
	int want[G_N_ELEMENTS(fits)] = { 0 }, sum = 0, slack = 0, excess, avail;
	GtkTreeViewColumn *cols[G_N_ELEMENTS(fits)];
	PangoLayout *layout = gtk_widget_create_pango_layout(win->view, NULL);
	PangoFontDescription *bold = pango_font_description_copy(win->view->style->font_desc);
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkWidget *parent;
	guint i;

	pango_font_description_set_weight(bold, PANGO_WEIGHT_BOLD);
	/* Bold: error rows are bold, and a header needs room for its arrow. */
	pango_layout_set_font_description(layout, bold);
	for (i = 0; i < G_N_ELEMENTS(fits); i++) {
		GtkTreeIter iter;
		gboolean ok;
		int w, h, n = 0;

		cols[i] = iot_gtk_readout_get_column(win, fits[i].col);
		if (!gtk_tree_view_column_get_visible(cols[i]))
			continue;
		pango_layout_set_text(layout, gtk_tree_view_column_get_title(cols[i]), -1);
		pango_layout_get_pixel_size(layout, &w, &h);
		w += 10; /* the sort arrow */
		for (ok = gtk_tree_model_get_iter_first(m, &iter); ok && n < WIDTH_SAMPLE_ROWS;
		     ok = gtk_tree_model_iter_next(m, &iter), n++) {
			char *text = NULL;
			int tw;

			gtk_tree_model_get(m, &iter, fits[i].col, &text, -1);
			pango_layout_set_text(layout, text != NULL ? text : "", -1);
			pango_layout_get_pixel_size(layout, &tw, &h);
			w = MAX(w, tw);
			g_free(text);
		}
		want[i] = CLAMP(w + 12, fits[i].min, fits[i].max);
		sum += want[i];
		if (fits[i].min > 0)
			slack += want[i] - fits[i].min;
	}
	/* The scrolled window's width less its frame and scroll bar (always
	 * shown, so that the width does not change with the rows or the plot),
	 * or what it will have in a window of the default size. */
	parent = gtk_widget_get_parent(win->view);
	avail = parent->allocation.width > 100 ? parent->allocation.width - 4
	                                       : IOT_GTK_READOUT_TABLE_WIDTH;
	avail -= 18;
	avail -= gtk_tree_view_column_get_fixed_width(win->trend_column);
	excess = MIN(sum - avail, slack);
	for (i = 0; i < G_N_ELEMENTS(fits); i++) {
		if (want[i] == 0)
			continue;
		if (excess > 0 && fits[i].min > 0)
			want[i] -= (int)(((gint64)excess * (want[i] - fits[i].min) + slack - 1) /
			                 slack);
		gtk_tree_view_column_set_fixed_width(cols[i], want[i]);
	}
	pango_font_description_free(bold);
	g_object_unref(layout);
}

