/*
 * test-plot-source.c — the plot's data-source contract (ui/iot-gtk-plot-source.h)
 * with the test fixture and with sources that misbehave: an answer comes once,
 * never after a cancel; the asker's data is released once (answered,
 * cancelled, or the source gone); answers reach the asker sorted, finite and
 * bounded. No widgets: part of test-plot's suite.
 */
#include "iot-gtk-plot-source.h"
#include "plot-fixture.h"
#include "test-plot.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>

#define HOUR ((gint64)3600 * G_USEC_PER_SEC)
#define DAY (24 * HOUR)
#define SECOND G_USEC_PER_SEC

typedef struct {
	guint answers, destroys, errors;
	IotGtkPlotAnswer *last;
} Heard;

static void
heard_answer(IotGtkPlotAnswer *a, const GError *error, gpointer data)
{
	Heard *h = data;

	h->answers++;
	if (error != NULL)
		h->errors++;
	iot_gtk_plot_answer_free(h->last);
	h->last = a;
}

static void
heard_destroy(gpointer data)
{
	((Heard *)data)->destroys++;
}

/* A source that answers badly: out of order, not finite, min above max,
 * far more buckets than asked for, a value that is not UTF-8. */
static guint
bad_query(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer, gpointer data,
          GDestroyNotify destroy)
{
	IotGtkPlotAnswer *a = iot_gtk_plot_answer_new(q->kind, q->from, q->to);
	guint i;

	for (i = 0; i < 5000; i++) {
		gint64 t = q->to - (gint64)i * SECOND;
		IotGtkPlotBucket b = { t, t, 2.0, 1.0, 1.5, NAN, 1 };

		if (i == 7)
			b.mean = NAN;
		g_array_append_val(a->buckets, b);
	}
	iot_gtk_plot_answer_add_segment(a, q->to - 10, q->to, "bad \xff value", 0);
	iot_gtk_plot_answer_add_segment(a, q->to - 20, q->to - 10, NULL, 0);
	answer(a, NULL, data);
	destroy(data);
	return 0;
}

START_TEST(test_source_contract)
{
	gint64 now = g_get_real_time();
	PlotFixture *fx;
	IotGtkPlotSource *src = plot_fixture_source_new(now, &fx);
	IotGtkPlotQuery q = { NULL, "temperature", IOT_GTK_PLOT_NUMBERS, now - DAY, now, 100 };
	static const IotGtkPlotSourceFuncs bad = { bad_query, NULL, NULL };
	Heard h = { 0 };
	guint id, i;

	/* Deferred: a handle; a cancel releases the data and nothing is heard. */
	fx->deferred = TRUE;
	id = iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy);
	ck_assert_uint_ne(id, 0);
	ck_assert_uint_eq(iot_gtk_plot_source_pending(src), 1);
	iot_gtk_plot_source_cancel(src, id);
	ck_assert_uint_eq(h.answers, 0);
	ck_assert_uint_eq(h.destroys, 1);
	ck_assert_uint_eq(plot_fixture_n_pending(fx), 0);
	ck_assert_uint_eq(iot_gtk_plot_source_pending(src), 0);
	iot_gtk_plot_source_cancel(src, id); /* twice: nothing */
	ck_assert_uint_eq(h.destroys, 1);

	/* A source that cannot stop: its late answer is dropped. */
	fx->ignore_cancel = TRUE;
	id = iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy);
	iot_gtk_plot_source_cancel(src, id);
	ck_assert_uint_eq(h.destroys, 2);
	ck_assert_uint_eq(plot_fixture_n_pending(fx), 1);
	plot_fixture_answer(fx, 0);
	ck_assert_uint_eq(h.answers, 0);
	ck_assert_uint_eq(h.destroys, 2);

	/* Answered later: once, then released. A day at 100 columns: every value. */
	id = iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy);
	plot_fixture_answer(fx, 0);
	ck_assert_uint_eq(h.answers, 1);
	ck_assert_uint_eq(h.destroys, 3);
	ck_assert_ptr_nonnull(h.last);
	ck_assert_int_eq(h.last->detail, IOT_GTK_PLOT_SAMPLES);
	ck_assert_uint_le(h.last->buckets->len, 100);
	ck_assert_uint_ge(h.last->buckets->len, 90);
	iot_gtk_plot_source_cancel(src, id); /* after the answer: nothing */
	ck_assert_uint_eq(h.destroys, 3);

	/* At once: 0, answered before the call returns. Open ends: the year. */
	fx->deferred = FALSE;
	q.from = IOT_GTK_PLOT_OPEN_START;
	q.to = IOT_GTK_PLOT_OPEN_END;
	ck_assert_uint_eq(iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy), 0);
	ck_assert_uint_eq(h.answers, 2);
	ck_assert_uint_eq(h.destroys, 4);
	ck_assert_int_eq(h.last->detail, IOT_GTK_PLOT_HOURS);
	ck_assert(llabs(h.last->to - now) < 2 * 60 * SECOND);
	ck_assert(llabs(h.last->from - (now - 365 * DAY)) < 2 * HOUR);

	/* The last reference ends what is under way: released, not answered. */
	fx->deferred = TRUE;
	iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy);
	iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy);
	iot_gtk_plot_source_unref(src);
	ck_assert_uint_eq(h.answers, 2);
	ck_assert_uint_eq(h.destroys, 6);

	/* A bad answer reaches the asker sorted, finite and bounded. */
	src = iot_gtk_plot_source_new(&bad, IOT_GTK_PLOT_SOURCE_NUMBERS, NULL);
	q.from = now - HOUR;
	q.to = now;
	iot_gtk_plot_source_query(src, &q, heard_answer, &h, heard_destroy);
	ck_assert_uint_eq(h.answers, 3);
	ck_assert_uint_le(h.last->buckets->len, 2 * 100);
	for (i = 0; i < h.last->buckets->len; i++) {
		const IotGtkPlotBucket *b = &g_array_index(h.last->buckets, IotGtkPlotBucket, i);

		ck_assert(isfinite(b->mean) && b->min <= b->mean && b->mean <= b->max);
		ck_assert(i == 0 || b->start >= g_array_index(h.last->buckets, IotGtkPlotBucket, i - 1).start);
	}
	ck_assert_str_eq(((IotGtkPlotSegment *)g_ptr_array_index(h.last->segments, 0))->value, "");
	ck_assert_str_eq(((IotGtkPlotSegment *)g_ptr_array_index(h.last->segments, 1))->value, "");
	iot_gtk_plot_source_unref(src);
	iot_gtk_plot_answer_free(h.last);
}
END_TEST

TCase *
plot_source_tcase(void)
{
	TCase *tc = tcase_create("plot-source");

	tcase_add_test(tc, test_source_contract);
	return tc;
}
