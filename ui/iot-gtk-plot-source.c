/* iot-gtk-plot-source.c — the plot's data-source interface and its
 * contract. See iot-gtk-plot-source.h. */
#include "iot-gtk-plot-source.h"

#include <math.h>
#include <string.h>

struct _IotGtkPlotSource {
	gint ref;
	IotGtkPlotSourceFuncs funcs;
	guint flags;
	gpointer self;
	GHashTable *pending; /* handle → Ticket (borrowed: a ticket removes itself) */
	guint next_handle;
};

/* One query. Held by the implementation (until it calls its destroy) and,
 * for a moment, by the code running it; the caller's part (answer, data,
 * destroy) ends once, at the answer, the cancel or the source's end. */
typedef struct {
	gint ref;
	IotGtkPlotSource *source; /* NULL once the source is gone */
	guint handle, impl_handle;
	gboolean started, ended;
	IotGtkPlotKind kind;
	gint64 from, to;
	guint columns;
	IotGtkPlotAnswerFunc answer;
	gpointer data;
	GDestroyNotify destroy;
} Ticket;

/* ---- answers ---------------------------------------------------------------- */

static void
segment_free(gpointer p)
{
	IotGtkPlotSegment *seg = p;

	g_free(seg->value);
	g_free(seg);
}

IotGtkPlotAnswer *
iot_gtk_plot_answer_new(IotGtkPlotKind kind, gint64 from, gint64 to)
{
	IotGtkPlotAnswer *a = g_new0(IotGtkPlotAnswer, 1);

	a->kind = kind;
	a->detail = IOT_GTK_PLOT_SAMPLES;
	a->from = from;
	a->to = to;
	a->buckets = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotBucket));
	a->segments = g_ptr_array_new_with_free_func(segment_free);
	return a;
}

void
iot_gtk_plot_answer_free(IotGtkPlotAnswer *a)
{
	if (a == NULL)
		return;
	g_array_unref(a->buckets);
	g_ptr_array_unref(a->segments);
	g_free(a->unit);
	g_free(a);
}

void
iot_gtk_plot_answer_add_segment(IotGtkPlotAnswer *a, gint64 start, gint64 end, const char *value,
                                guint hidden)
{
	IotGtkPlotSegment *seg;

	g_return_if_fail(a != NULL);
	seg = g_new0(IotGtkPlotSegment, 1);
	seg->start = start;
	seg->end = end;
	seg->value = g_strdup(value != NULL ? value : "");
	seg->hidden = hidden;
	g_ptr_array_add(a->segments, seg);
}

GArray *
iot_gtk_plot_decimate(const GArray *in, gint64 from, gint64 to, guint columns)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(IotGtkPlotBucket));
	double span = (double)to - (double)from;
	gint64 col = -1;
	guint i;

	g_return_val_if_fail(in != NULL && columns > 0, out);
	if (!(span > 0))
		return out;
	for (i = 0; i < in->len; i++) {
		const IotGtkPlotBucket *b = &g_array_index(in, IotGtkPlotBucket, i);
		IotGtkPlotBucket *o;
		gint64 c;

		if (b->start < from || b->start > to)
			continue;
		/* In doubles: (start − from) × columns overflows 64 bits for wide ranges. */
		c = (gint64)floor(((double)b->start - (double)from) / span * columns);
		c = CLAMP(c, 0, (gint64)columns - 1);
		if (c != col || out->len == 0) {
			g_array_append_val(out, *b);
			col = c;
			continue;
		}
		o = &g_array_index(out, IotGtkPlotBucket, out->len - 1);
		o->mean = (o->mean * (double)o->count + b->mean * (double)b->count) /
		          ((double)o->count + (double)b->count);
		o->count += b->count;
		o->min = MIN(o->min, b->min);
		o->max = MAX(o->max, b->max);
		if (b->end >= o->end) {
			o->end = b->end;
			o->last = b->last;
		}
		o->start = MIN(o->start, b->start);
	}
	return out;
}

static gint
bucket_cmp(gconstpointer a, gconstpointer b)
{
	gint64 x = ((const IotGtkPlotBucket *)a)->start, y = ((const IotGtkPlotBucket *)b)->start;

	return x < y ? -1 : x > y;
}

static gint
segment_cmp(gconstpointer a, gconstpointer b)
{
	gint64 x = (*(IotGtkPlotSegment *const *)a)->start;
	gint64 y = (*(IotGtkPlotSegment *const *)b)->start;

	return x < y ? -1 : x > y;
}

/* Whatever an implementation answered, the plot gets sorted, finite,
 * bounded data of the kind it asked for: a store file can hold anything. */
static void
sanitize(IotGtkPlotAnswer *a, const Ticket *t)
{
	guint i, n = 0;
	gboolean sorted = TRUE;

	a->kind = t->kind;
	if (a->detail != IOT_GTK_PLOT_HOURS)
		a->detail = IOT_GTK_PLOT_SAMPLES;
	if (a->from == IOT_TIME_UNKNOWN || a->to == IOT_TIME_UNKNOWN || a->from >= a->to) {
		if (t->from != IOT_GTK_PLOT_OPEN_START && t->to != IOT_GTK_PLOT_OPEN_END) {
			a->from = t->from;
			a->to = t->to;
		} else if (a->from == IOT_TIME_UNKNOWN || a->to == IOT_TIME_UNKNOWN || a->from > a->to) {
			a->from = a->to = IOT_TIME_UNKNOWN;
		}
	}
	if (a->unit != NULL && !g_utf8_validate(a->unit, -1, NULL)) {
		g_free(a->unit);
		a->unit = NULL;
	}
	for (i = 0; i < a->buckets->len; i++) {
		IotGtkPlotBucket b = g_array_index(a->buckets, IotGtkPlotBucket, i);

		if (!isfinite(b.min) || !isfinite(b.max) || !isfinite(b.mean) || b.count == 0 ||
		    b.start > b.end)
			continue;
		if (b.min > b.max) {
			double x = b.min;
			b.min = b.max;
			b.max = x;
		}
		b.mean = CLAMP(b.mean, b.min, b.max);
		if (!isfinite(b.last))
			b.last = NAN;
		if (n > 0 && b.start < g_array_index(a->buckets, IotGtkPlotBucket, n - 1).start)
			sorted = FALSE;
		g_array_index(a->buckets, IotGtkPlotBucket, n++) = b;
	}
	g_array_set_size(a->buckets, n);
	if (!sorted)
		g_array_sort(a->buckets, bucket_cmp);
	/* About one bucket a column is enough; more costs drawing time only. */
	if (a->buckets->len > 2 * t->columns && a->from < a->to) {
		GArray *d = iot_gtk_plot_decimate(a->buckets, a->from, a->to, t->columns);

		g_array_unref(a->buckets);
		a->buckets = d;
	}
	sorted = TRUE;
	for (i = 0; i < a->segments->len; i++) {
		IotGtkPlotSegment *seg = g_ptr_array_index(a->segments, i);

		if (seg->value == NULL || !g_utf8_validate(seg->value, -1, NULL)) {
			g_free(seg->value);
			seg->value = g_strdup("");
		}
		if (seg->end < seg->start)
			seg->end = seg->start;
		if (i > 0 && seg->start < ((IotGtkPlotSegment *)g_ptr_array_index(a->segments, i - 1))->start)
			sorted = FALSE;
	}
	if (!sorted)
		g_ptr_array_sort(a->segments, segment_cmp);
	if (a->segments->len > IOT_GTK_PLOT_MAX_ENTRIES) {
		a->hidden += a->segments->len - IOT_GTK_PLOT_MAX_ENTRIES;
		g_ptr_array_set_size(a->segments, IOT_GTK_PLOT_MAX_ENTRIES);
	}
}

/* ---- tickets ------------------------------------------------------------------- */

static void
ticket_unref(Ticket *t)
{
	if (--t->ref == 0)
		g_free(t);
}

/* The caller's part ends: its data is released, once. */
static void
ticket_end(Ticket *t)
{
	if (t->ended)
		return;
	t->ended = TRUE;
	if (t->source != NULL)
		g_hash_table_remove(t->source->pending, GUINT_TO_POINTER(t->handle));
	if (t->destroy != NULL)
		t->destroy(t->data);
}

/* The implementation's answer. */
static void
ticket_answer(IotGtkPlotAnswer *a, const GError *error, gpointer p)
{
	Ticket *t = p;

	if (t->ended) {
		/* Cancelled, or answered twice: the asker has moved on. */
		g_debug("plot source: an answer after the end of query %u dropped", t->handle);
		iot_gtk_plot_answer_free(a);
		return;
	}
	t->ref++;
	t->ended = TRUE;
	if (t->source != NULL)
		g_hash_table_remove(t->source->pending, GUINT_TO_POINTER(t->handle));
	if (a != NULL)
		sanitize(a, t);
	/* The answer function may cancel other queries or drop the source. */
	t->answer(error == NULL ? a : NULL, error, t->data);
	if (error != NULL)
		iot_gtk_plot_answer_free(a);
	if (t->destroy != NULL)
		t->destroy(t->data);
	ticket_unref(t);
}

/* The implementation is done with the query. */
static void
ticket_release(gpointer p)
{
	Ticket *t = p;

	t->ref++;
	ticket_end(t);
	t->ref--;
	ticket_unref(t);
}

/* ---- the source ------------------------------------------------------------------ */

IotGtkPlotSource *
iot_gtk_plot_source_new(const IotGtkPlotSourceFuncs *funcs, guint flags, gpointer self)
{
	IotGtkPlotSource *s;

	g_return_val_if_fail(funcs != NULL && funcs->query != NULL, NULL);
	s = g_new0(IotGtkPlotSource, 1);
	s->ref = 1;
	s->funcs = *funcs;
	s->flags = flags;
	s->self = self;
	s->pending = g_hash_table_new(g_direct_hash, g_direct_equal);
	return s;
}

IotGtkPlotSource *
iot_gtk_plot_source_ref(IotGtkPlotSource *s)
{
	g_return_val_if_fail(s != NULL, NULL);
	s->ref++;
	return s;
}

void
iot_gtk_plot_source_unref(IotGtkPlotSource *s)
{
	GList *tickets, *l;

	if (s == NULL || --s->ref > 0)
		return;
	/* Every asker hears the end now; the implementation then releases its
	 * tickets as it frees its queries. */
	tickets = g_hash_table_get_values(s->pending);
	for (l = tickets; l != NULL; l = l->next) {
		Ticket *t = l->data;

		t->ref++;
		ticket_end(t);
		t->source = NULL;
	}
	if (s->funcs.free != NULL)
		s->funcs.free(s->self);
	for (l = tickets; l != NULL; l = l->next)
		ticket_unref(l->data);
	g_list_free(tickets);
	g_hash_table_destroy(s->pending);
	g_free(s);
}

guint
iot_gtk_plot_source_get_flags(const IotGtkPlotSource *s)
{
	g_return_val_if_fail(s != NULL, 0);
	return s->flags;
}

guint
iot_gtk_plot_source_pending(const IotGtkPlotSource *s)
{
	g_return_val_if_fail(s != NULL, 0);
	return g_hash_table_size(s->pending);
}

guint
iot_gtk_plot_source_query(IotGtkPlotSource *s, const IotGtkPlotQuery *q,
                          IotGtkPlotAnswerFunc answer, gpointer data, GDestroyNotify destroy)
{
	IotGtkPlotQuery bounded;
	Ticket *t;
	guint handle, impl;
	gboolean ended;

	g_return_val_if_fail(s != NULL && q != NULL && q->name != NULL && answer != NULL, 0);
	g_return_val_if_fail(q->from < q->to, 0);
	bounded = *q;
	bounded.columns = CLAMP(q->columns, 1, IOT_GTK_PLOT_MAX_COLUMNS);
	t = g_new0(Ticket, 1);
	t->ref = 2; /* the implementation's, and ours until we return */
	t->source = s;
	t->kind = q->kind;
	t->from = q->from;
	t->to = q->to;
	t->columns = bounded.columns;
	t->answer = answer;
	t->data = data;
	t->destroy = destroy;
	if (++s->next_handle == 0)
		s->next_handle = 1;
	handle = t->handle = s->next_handle;
	g_hash_table_insert(s->pending, GUINT_TO_POINTER(handle), t);
	impl = s->funcs.query(s->self, &bounded, ticket_answer, t, ticket_release);
	t->impl_handle = impl;
	t->started = TRUE;
	ended = t->ended;
	ticket_unref(t);
	return ended ? 0 : handle;
}

void
iot_gtk_plot_source_cancel(IotGtkPlotSource *s, guint handle)
{
	Ticket *t;

	g_return_if_fail(s != NULL);
	if (handle == 0 || (t = g_hash_table_lookup(s->pending, GUINT_TO_POINTER(handle))) == NULL)
		return;
	t->ref++;
	ticket_end(t);
	if (s->funcs.cancel != NULL && t->started)
		s->funcs.cancel(s->self, t->impl_handle);
	ticket_unref(t);
}
