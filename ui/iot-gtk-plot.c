/*
 * iot-gtk-plot.c — the plot's state: its series, its range, zoom and pan,
 * the questions it asks its source. What a person does with it is in
 * iot-gtk-plot-input.c, where things go in iot-gtk-plot-layout.c, the
 * drawing in iot-gtk-plot-draw.c. See iot-gtk-plot.h.
 */
#include "iot-gtk-plot-private.h"

#include <math.h>
#include <string.h>

#define PLOT_KEY "iot-gtk-plot"
#define DEFAULT_WIDTH 600
#define DEFAULT_HEIGHT 170
/* New data is asked for and drawn at most this often (a thing sending 100
 * values a second costs four questions and redraws a second). */
#define CHANGE_INTERVAL_MS 250
/* Questions go out before the redraw they are for. */
#define QUERY_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)

/* What an answer must match to be used. */
typedef struct {
	IotGtkPlotState *p;
	guint generation;
} Asked;

IotGtkPlotState *
iot_gtk_plot_state(GtkWidget *w)
{
	return w != NULL ? g_object_get_data(G_OBJECT(w), PLOT_KEY) : NULL;
}

static gint64
preset_span(IotGtkPlotRange r)
{
	static const gint64 hours[] = { 0, 1, 24, 7 * 24, 30 * 24, 365 * 24, 0 };

	return hours[r] * 3600 * G_USEC_PER_SEC;
}

static IotGtkPlotRange
range_of_span(gint64 span)
{
	int r;

	for (r = IOT_GTK_PLOT_RANGE_HOUR; r <= IOT_GTK_PLOT_RANGE_YEAR; r++) {
		if (preset_span((IotGtkPlotRange)r) == span)
			return (IotGtkPlotRange)r;
	}
	return IOT_GTK_PLOT_RANGE_CUSTOM;
}

static void
invalidate(IotGtkPlotState *p)
{
	iot_gtk_plot_layout_free(p->layout);
	p->layout = NULL;
	gtk_widget_queue_draw(p->area);
}

static void
cancel_question(IotGtkPlotState *p)
{
	/* Whatever comes for an earlier question is not used. */
	p->generation++;
	p->waiting = FALSE;
	if (p->handle != 0 && p->source != NULL)
		iot_gtk_plot_source_cancel(p->source, p->handle);
	p->handle = 0;
}

guint
iot_gtk_plot_style_of(IotGtkPlotState *p, const char *value)
{
	gpointer v = g_hash_table_lookup(p->styles, value);

	if (v != NULL)
		return GPOINTER_TO_UINT(v) - 1;
	g_hash_table_insert(p->styles, g_strdup(value), GUINT_TO_POINTER(++p->n_styles));
	return p->n_styles - 1;
}

static gint
collate(gconstpointer a, gconstpointer b)
{
	return g_utf8_collate(*(const char *const *)a, *(const char *const *)b);
}

/* New state values get their styles in alphabetical order, so that a
 * value keeps its colour and pattern while the person zooms and pans. */
static void
assign_styles(IotGtkPlotState *p, const IotGtkPlotAnswer *a)
{
	GPtrArray *fresh = g_ptr_array_new();
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	guint i;

	for (i = 0; i < a->segments->len && p->n_styles + fresh->len < 4096; i++) {
		const char *v = ((IotGtkPlotSegment *)g_ptr_array_index(a->segments, i))->value;

		if (g_hash_table_lookup(p->styles, v) == NULL && g_hash_table_add(seen, (gpointer)v))
			g_ptr_array_add(fresh, (gpointer)v);
	}
	g_ptr_array_sort(fresh, collate);
	for (i = 0; i < fresh->len; i++)
		iot_gtk_plot_style_of(p, g_ptr_array_index(fresh, i));
	g_hash_table_destroy(seen);
	g_ptr_array_free(fresh, TRUE);
}

static void
notify(IotGtkPlotState *p)
{
	if (p->notify != NULL)
		p->notify(p->area, p->notify_data);
}

static void
answer_cb(IotGtkPlotAnswer *a, const GError *error, gpointer data)
{
	Asked *asked = data;
	IotGtkPlotState *p = asked->p;
	gboolean open;

	if (asked->generation != p->generation || !p->waiting) {
		g_debug("plot: an answer to an earlier question ignored");
		iot_gtk_plot_answer_free(a);
		return;
	}
	p->waiting = FALSE;
	p->handle = 0;
	g_clear_error(&p->error);
	iot_gtk_plot_answer_free(p->answer);
	p->answer = a;
	if (error != NULL) {
		p->error = g_error_copy(error);
		g_debug("plot: the history could not be read: %s", error->message);
	}
	open = p->live && p->span == 0;
	if (a != NULL) {
		assign_styles(p, a);
		/* Everything kept: now the range is known. */
		if (open) {
			p->view_from = a->from;
			p->view_to = a->to;
		}
	}
	invalidate(p);
	if (open)
		notify(p);
}

/* The range to ask for now. */
static void
asked_range(IotGtkPlotState *p, gint64 *from, gint64 *to)
{
	if (p->live && p->span == 0) {
		*from = IOT_GTK_PLOT_OPEN_START;
		*to = IOT_GTK_PLOT_OPEN_END;
	} else if (p->live) {
		*to = g_get_real_time();
		*from = *to - p->span;
	} else {
		*from = p->from;
		*to = p->to;
	}
}

static void
ask(IotGtkPlotState *p)
{
	IotGtkPlotQuery q;
	Asked *asked;
	guint handle;
	int width = p->area->allocation.width;

	p->need_query = FALSE;
	if (p->idle_id != 0) {
		g_source_remove(p->idle_id);
		p->idle_id = 0;
	}
	cancel_question(p);
	if (!p->has_series || p->source == NULL)
		return;
	memset(&q, 0, sizeof q);
	q.node = &p->node;
	q.name = p->name;
	q.kind = p->kind;
	asked_range(p, &q.from, &q.to);
	if (q.from != IOT_GTK_PLOT_OPEN_START) {
		/* Drawn at once against the new range, with the data at hand. */
		p->view_from = q.from;
		p->view_to = q.to;
	}
	q.columns = (guint)CLAMP(width > 16 ? width : DEFAULT_WIDTH, 16, IOT_GTK_PLOT_MAX_COLUMNS);
	if (!(iot_gtk_plot_source_get_flags(p->source) &
	      (p->kind == IOT_GTK_PLOT_NUMBERS ? IOT_GTK_PLOT_SOURCE_NUMBERS
	                                       : IOT_GTK_PLOT_SOURCE_STATES))) {
		iot_gtk_plot_answer_free(p->answer);
		p->answer = NULL;
		invalidate(p);
		return;
	}
	p->columns_asked = q.columns;
	p->last_ask = g_get_monotonic_time();
	p->queries++;
	p->waiting = TRUE;
	asked = g_new0(Asked, 1);
	asked->p = p;
	asked->generation = p->generation;
	handle = iot_gtk_plot_source_query(p->source, &q, answer_cb, asked, g_free);
	if (p->waiting)
		p->handle = handle;
	invalidate(p);
}

static gboolean
ask_idle(gpointer data)
{
	IotGtkPlotState *p = data;

	p->idle_id = 0;
	if (p->need_query)
		ask(p);
	return FALSE;
}

/* Asked again soon: many changes in a row make one question. */
static void
schedule(IotGtkPlotState *p)
{
	p->need_query = TRUE;
	if (p->idle_id == 0)
		p->idle_id = g_idle_add_full(QUERY_PRIORITY, ask_idle, p, NULL);
	invalidate(p);
}

static void
flush(IotGtkPlotState *p)
{
	if (p->need_query)
		ask(p);
}

const IotGtkPlotLayout *
iot_gtk_plot_layout_of(IotGtkPlotState *p)
{
	int w = p->area->allocation.width, h = p->area->allocation.height;

	flush(p);
	if (w <= 16 || h <= 16) {
		w = DEFAULT_WIDTH;
		h = DEFAULT_HEIGHT;
	}
	if (p->layout != NULL && (p->layout->width != w || p->layout->height != h)) {
		iot_gtk_plot_layout_free(p->layout);
		p->layout = NULL;
	}
	if (p->layout == NULL) {
		AtkObject *acc = gtk_widget_get_accessible(p->area);

		p->layout = iot_gtk_plot_layout_new(p, w, h);
		if (acc != NULL)
			atk_object_set_description(acc, p->layout->summary != NULL ? p->layout->summary
			                                : p->layout->message != NULL ? p->layout->message
			                                                             : "");
	}
	return p->layout;
}

/* ---- the range ------------------------------------------------------------------ */

static void
range_changed(IotGtkPlotState *p)
{
	gint64 from, to;

	/* Known at once unless it is everything kept: the row showing the
	 * range follows before the answer comes. */
	asked_range(p, &from, &to);
	if (from != IOT_GTK_PLOT_OPEN_START) {
		p->view_from = from;
		p->view_to = to;
	}
	schedule(p);
	notify(p);
}

void
iot_gtk_plot_set_range(GtkWidget *w, IotGtkPlotRange range)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_if_fail(p != NULL && range <= IOT_GTK_PLOT_RANGE_CUSTOM);
	if (range == IOT_GTK_PLOT_RANGE_CUSTOM) {
		/* The range shown, kept as it is; nothing to keep while it is not
		 * known yet (whoever shows the range hears that it stays). */
		if (p->view_from != IOT_TIME_UNKNOWN && p->view_from < p->view_to)
			iot_gtk_plot_set_custom_range(w, p->view_from, p->view_to);
		else
			notify(p);
		return;
	}
	p->range = range;
	p->span = preset_span(range);
	p->live = TRUE;
	if (range == IOT_GTK_PLOT_RANGE_ALL)
		p->view_from = p->view_to = IOT_TIME_UNKNOWN;
	range_changed(p);
}

void
iot_gtk_plot_set_custom_range(GtkWidget *w, gint64 from, gint64 to)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_if_fail(p != NULL && from < to);
	p->range = IOT_GTK_PLOT_RANGE_CUSTOM;
	p->span = to - from;
	p->from = from;
	p->to = to;
	p->live = FALSE;
	range_changed(p);
}

IotGtkPlotRange
iot_gtk_plot_get_range(GtkWidget *w, gint64 *from, gint64 *to)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_val_if_fail(p != NULL, IOT_GTK_PLOT_RANGE_ALL);
	if (from != NULL)
		*from = p->view_from;
	if (to != NULL)
		*to = p->view_to;
	return p->range;
}

void
iot_gtk_plot_set_live(GtkWidget *w, gboolean live)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_if_fail(p != NULL);
	if (!live == !p->live)
		return;
	if (!live) {
		if (p->view_from == IOT_TIME_UNKNOWN || p->view_from >= p->view_to) {
			notify(p);
			return;
		}
		p->from = p->view_from;
		p->to = p->view_to;
		if (p->span == 0) {
			p->span = p->to - p->from;
			p->range = IOT_GTK_PLOT_RANGE_CUSTOM;
		}
	}
	p->live = live;
	range_changed(p);
}

gboolean
iot_gtk_plot_get_live(GtkWidget *w)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_val_if_fail(p != NULL, FALSE);
	return p->live;
}

gboolean
iot_gtk_plot_view(IotGtkPlotState *p, gint64 *from, gint64 *to)
{
	if (p->live && p->span > 0) {
		*to = g_get_real_time();
		*from = *to - p->span;
		return TRUE;
	}
	flush(p);
	*from = p->view_from;
	*to = p->view_to;
	return *from != IOT_TIME_UNKNOWN && *from < *to;
}

/* Shows [@from, @from + @span]; reaching now (within a hundredth of the
 * span: the clock moved on since the last step) makes it live. */
void
iot_gtk_plot_move_to(IotGtkPlotState *p, gint64 from, gint64 span)
{
	gint64 now = g_get_real_time();

	p->span = span;
	p->range = range_of_span(span);
	if (from > G_MAXINT64 - span || from + span >= now - span / 100) {
		p->live = TRUE;
	} else {
		p->live = FALSE;
		p->from = from;
		p->to = from + span;
	}
	range_changed(p);
}

void
iot_gtk_plot_zoom(GtkWidget *w, double factor, double anchor)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	gint64 from, to, span, at;
	double s;

	g_return_if_fail(p != NULL && factor > 0);
	if (!iot_gtk_plot_view(p, &from, &to))
		return;
	anchor = CLAMP(anchor, 0.0, 1.0);
	s = CLAMP((double)(to - from) / factor, (double)IOT_GTK_PLOT_MIN_SPAN,
	          (double)IOT_GTK_PLOT_MAX_SPAN);
	span = (gint64)s;
	if (p->live && anchor >= 0.999) {
		/* Zooming at now stays at now. */
		p->span = span;
		p->range = range_of_span(span);
		range_changed(p);
		return;
	}
	at = from + (gint64)((double)(to - from) * anchor);
	iot_gtk_plot_move_to(p, at - (gint64)((double)span * anchor), span);
}

void
iot_gtk_plot_pan(GtkWidget *w, double fraction)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	gint64 from, to;

	g_return_if_fail(p != NULL);
	if (!iot_gtk_plot_view(p, &from, &to))
		return;
	iot_gtk_plot_move_to(p, from + (gint64)((double)(to - from) * fraction), to - from);
}

void
iot_gtk_plot_set_range_notify(GtkWidget *w, IotGtkPlotNotify fn, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_if_fail(p != NULL);
	p->notify = fn;
	p->notify_data = data;
}

static gboolean
expose_cb(GtkWidget *w, GdkEventExpose *ev, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	const IotGtkPlotLayout *l;
	cairo_t *cr;

	if (p == NULL)
		return FALSE;
	l = iot_gtk_plot_layout_of(p);
	cr = gdk_cairo_create(w->window);
	gdk_cairo_region(cr, ev->region);
	cairo_clip(cr);
	iot_gtk_plot_draw(p, l, cr);
	cairo_destroy(cr);
	/* Sunken, like the table above it. */
	gtk_paint_shadow(w->style, w->window, GTK_STATE_NORMAL, GTK_SHADOW_IN, &ev->area, w,
	                 "iot-plot", 0, 0, w->allocation.width, w->allocation.height);
	if (gtk_widget_has_focus(w))
		gtk_paint_focus(w->style, w->window, gtk_widget_get_state(w), &ev->area, w, "iot-plot",
		                2, 2, w->allocation.width - 4, w->allocation.height - 4);
	return FALSE;
}

static void
size_cb(GtkWidget *w, GtkAllocation *a, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	/* About one bucket a pixel column: ask again when the width changed
	 * by more than a little. */
	if (p->has_series && p->columns_asked > 0 &&
	    ABS((int)a->width - (int)p->columns_asked) > MAX(16, (int)p->columns_asked / 8))
		schedule(p);
	else
		invalidate(p);
}

/* ---- life ---------------------------------------------------------------------------- */

static void
state_free(gpointer data)
{
	IotGtkPlotState *p = data;

	cancel_question(p);
	if (p->idle_id != 0)
		g_source_remove(p->idle_id);
	if (p->changed_id != 0)
		g_source_remove(p->changed_id);
	iot_gtk_plot_source_unref(p->source);
	iot_gtk_plot_answer_free(p->answer);
	g_clear_error(&p->error);
	iot_gtk_plot_layout_free(p->layout);
	iot_node_ref_clear(&p->node);
	g_free(p->name);
	g_free(p->label);
	g_free(p->unit);
	g_hash_table_destroy(p->styles);
	g_free(p);
}

GtkWidget *
iot_gtk_plot_new(void)
{
	IotGtkPlotState *p = g_new0(IotGtkPlotState, 1);
	GtkWidget *w = gtk_drawing_area_new();

	p->area = w;
	p->range = IOT_GTK_PLOT_RANGE_ALL;
	p->live = TRUE;
	p->view_from = p->view_to = IOT_TIME_UNKNOWN;
	p->styles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	gtk_widget_set_size_request(w, 200, 150);
	g_object_set_data_full(G_OBJECT(w), PLOT_KEY, p, state_free);
	g_signal_connect(w, "expose-event", G_CALLBACK(expose_cb), NULL);
	g_signal_connect(w, "size-allocate", G_CALLBACK(size_cb), NULL);
	iot_gtk_plot_input_init(w);
	return w;
}

void
iot_gtk_plot_set_source(GtkWidget *w, IotGtkPlotSource *source)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_if_fail(p != NULL);
	if (source == p->source)
		return;
	cancel_question(p);
	if (source != NULL)
		iot_gtk_plot_source_ref(source);
	iot_gtk_plot_source_unref(p->source);
	p->source = source;
	iot_gtk_plot_answer_free(p->answer);
	p->answer = NULL;
	schedule(p);
}

void
iot_gtk_plot_set_series(GtkWidget *w, const IotNodeRef *node, const char *name,
                        IotGtkPlotKind kind, IotValueType type, const char *label,
                        const char *unit)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	IotNodeRef none = { NULL, NULL, NULL };
	gboolean same;

	g_return_if_fail(p != NULL && name != NULL);
	same = p->has_series && p->kind == kind && g_strcmp0(p->name, name) == 0 &&
	       iot_node_ref_equal(&p->node, node != NULL ? node : &none);
	g_free(p->label);
	p->label = g_strdup(label);
	g_free(p->unit);
	p->unit = g_strdup(unit);
	if (same) {
		invalidate(p);
		return;
	}
	cancel_question(p);
	iot_node_ref_clear(&p->node);
	iot_node_ref_copy(&p->node, node != NULL ? node : &none);
	g_free(p->name);
	p->name = g_strdup(name);
	p->kind = kind;
	p->type = type;
	p->has_series = TRUE;
	iot_gtk_plot_answer_free(p->answer);
	p->answer = NULL;
	g_clear_error(&p->error);
	g_hash_table_remove_all(p->styles);
	p->n_styles = 0;
	if (type == IOT_VALUE_BOOLEAN) {
		/* Off before on, whatever comes first. */
		iot_gtk_plot_style_of(p, "false");
		iot_gtk_plot_style_of(p, "true");
	}
	if (p->live && p->span == 0)
		p->view_from = p->view_to = IOT_TIME_UNKNOWN;
	schedule(p);
}

void
iot_gtk_plot_clear(GtkWidget *w)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_if_fail(p != NULL);
	cancel_question(p);
	p->has_series = FALSE;
	p->need_query = FALSE;
	iot_gtk_plot_answer_free(p->answer);
	p->answer = NULL;
	g_clear_error(&p->error);
	invalidate(p);
}

static gboolean
changed_cb(gpointer data)
{
	IotGtkPlotState *p = data;

	p->changed_id = 0;
	if (p->need_query)
		schedule(p);
	return FALSE;
}

void
iot_gtk_plot_changed(GtkWidget *w)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	gint64 since;

	g_return_if_fail(p != NULL);
	if (!p->has_series)
		return;
	/* Asked when next needed (drawn, or read by the owner), and drawn again
	 * at most every CHANGE_INTERVAL_MS. */
	p->need_query = TRUE;
	if (p->changed_id != 0)
		return;
	since = (g_get_monotonic_time() - p->last_ask) / 1000;
	if (since >= CHANGE_INTERVAL_MS || since < 0)
		schedule(p);
	else
		p->changed_id = g_timeout_add((guint)(CHANGE_INTERVAL_MS - since), changed_cb, p);
}

/* ---- what is drawn ---------------------------------------------------------------------- */

GArray *
iot_gtk_plot_get_points(GtkWidget *w)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	const IotGtkPlotLayout *l;

	g_return_val_if_fail(p != NULL, NULL);
	l = iot_gtk_plot_layout_of(p);
	return g_array_ref(l->points);
}

char *
iot_gtk_plot_get_summary(GtkWidget *w)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_val_if_fail(p != NULL, NULL);
	return g_strdup(iot_gtk_plot_layout_of(p)->summary);
}

char *
iot_gtk_plot_get_tooltip(GtkWidget *w, int x, int y)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	g_return_val_if_fail(p != NULL, NULL);
	return iot_gtk_plot_layout_tooltip(p, iot_gtk_plot_layout_of(p), x, y);
}

IotGtkPlotModel *
iot_gtk_plot_get_model(GtkWidget *w)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	const IotGtkPlotLayout *l;
	IotGtkPlotModel *m;
	guint i;

	g_return_val_if_fail(p != NULL, NULL);
	l = iot_gtk_plot_layout_of(p);
	m = g_new0(IotGtkPlotModel, 1);
	m->has_series = p->has_series;
	m->has_data = l->has_data;
	m->kind = p->kind;
	m->detail = p->answer != NULL ? p->answer->detail : IOT_GTK_PLOT_SAMPLES;
	m->range = p->range;
	m->live = p->live;
	m->from = p->view_from;
	m->to = p->view_to;
	m->x0 = l->x0;
	m->x1 = l->x1;
	m->buckets = l->buckets->len;
	m->band_buckets = l->band_buckets;
	m->line_points = l->line_points;
	m->gaps = l->gaps;
	m->vmin = l->vmin;
	m->vmax = l->vmax;
	m->hidden = l->hidden;
	m->summary = g_strdup(l->summary);
	m->message = g_strdup(l->message);
	m->queries = p->queries;
	m->ticks = g_ptr_array_new_with_free_func(iot_gtk_plot_tick_free);
	for (i = 0; i < l->ticks->len; i++) {
		IotGtkPlotTick *t = g_memdup(g_ptr_array_index(l->ticks, i), sizeof *t);

		t->text = g_strdup(t->text);
		t->text2 = g_strdup(t->text2);
		g_ptr_array_add(m->ticks, t);
	}
	m->segments = g_ptr_array_new_with_free_func(iot_gtk_plot_segment_view_free);
	for (i = 0; i < l->segments->len; i++) {
		IotGtkPlotSegmentView *s = g_memdup(g_ptr_array_index(l->segments, i), sizeof *s);

		s->value = g_strdup(s->value);
		s->label = g_strdup(s->label);
		g_ptr_array_add(m->segments, s);
	}
	m->legend = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < l->legend->len; i++)
		g_ptr_array_add(m->legend, g_strdup(g_ptr_array_index(l->legend, i)));
	return m;
}

void
iot_gtk_plot_model_free(IotGtkPlotModel *m)
{
	if (m == NULL)
		return;
	g_ptr_array_unref(m->ticks);
	g_ptr_array_unref(m->segments);
	g_ptr_array_unref(m->legend);
	g_free(m->summary);
	g_free(m->message);
	g_free(m);
}
