/*
 * test-plot.c — the history plot under Xvfb, fed by the test fixture
 * (plot-fixture.h) and by a history in memory: the data-source contract
 * (answers once, never after a cancel, data released once), a year as a
 * min/max band of hourly statistics, an hour at full detail, zoom and pan
 * by keyboard, wheel and drag, a door's states as a band of labelled
 * segments, stale answers ignored, and the time a year takes to draw.
 * PNGs: plot-year-band.png, plot-state-band.png. The source contract
 * itself is tested in test-plot-source.c.
 *
 * Plain GTK 2 + check, no Pidgin. Run by tests/ui/window-tests.sh.
 */
#include "iot-gtk-plot-source-history.h"
#include "iot-gtk-plot.h"
#include "plot-fixture.h"
#include "test-plot.h"
#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define HOUR ((gint64)3600 * G_USEC_PER_SEC)
#define DAY (24 * HOUR)
#define SECOND G_USEC_PER_SEC

typedef struct {
	GtkWidget *window, *plot;
	IotGtkPlotSource *src;
	PlotFixture *fx;
	gint64 now;
} Rig;

static void
rig_open(Rig *r, int width, int height, gboolean show)
{
	memset(r, 0, sizeof *r);
	r->now = g_get_real_time();
	r->src = plot_fixture_source_new(r->now, &r->fx);
	r->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_default_size(GTK_WINDOW(r->window), width, height);
	/* A border: the window itself is drawn, not only the plot. */
	gtk_container_set_border_width(GTK_CONTAINER(r->window), 6);
	r->plot = iot_gtk_plot_new();
	gtk_container_add(GTK_CONTAINER(r->window), r->plot);
	iot_gtk_plot_set_source(r->plot, r->src);
	gtk_widget_show(r->plot);
	if (show) {
		gtk_window_move(GTK_WINDOW(r->window), 0, 0);
		ui_test_show_and_wait(r->window, 50);
	}
}

static void
rig_close(Rig *r)
{
	gtk_widget_destroy(r->window);
	iot_gtk_plot_source_unref(r->src);
	ui_test_run_ms(10);
}

/* Labels on the time axis never overlap and are never cut. */
static void
assert_ticks_readable(const IotGtkPlotModel *m, int width)
{
	double prev = -1e9, prev2 = -1e9;
	guint i, labelled = 0;

	for (i = 0; i < m->ticks->len; i++) {
		const IotGtkPlotTick *t = g_ptr_array_index(m->ticks, i);

		if (t->text != NULL) {
			ck_assert_msg(t->left >= prev + 4, "tick \"%s\" overlaps the one before", t->text);
			ck_assert_msg(t->left >= 0 && t->right <= width, "tick \"%s\" is cut", t->text);
			prev = t->right;
			labelled++;
		}
		if (t->text2 != NULL) {
			ck_assert_msg(t->left2 >= prev2 + 4, "date \"%s\" overlaps the one before", t->text2);
			prev2 = t->right2;
		}
	}
	ck_assert_msg(labelled >= 3, "only %u time labels", labelled);
}

static const IotGtkPlotSegmentView *
segment_at(const IotGtkPlotModel *m, gint64 start)
{
	guint i;

	for (i = 0; i < m->segments->len; i++) {
		const IotGtkPlotSegmentView *s = g_ptr_array_index(m->segments, i);

		if (s->start == start)
			return s;
	}
	return NULL;
}

/* ---- numbers ------------------------------------------------------------------------------ */

static gint64 model_time; /* of the last draw_time(): the question and the layout */

static gint64
draw_time(GtkWidget *plot)
{
	gint64 t0 = g_get_monotonic_time();

	/* The question, the layout and the painting, as after new data. */
	iot_gtk_plot_changed(plot);
	iot_gtk_plot_model_free(iot_gtk_plot_get_model(plot));
	model_time = g_get_monotonic_time() - t0;
	gdk_window_process_updates(plot->window, TRUE);
	gdk_flush();
	return g_get_monotonic_time() - t0;
}

/* A naive source: all 8760 hours of the year, not decimated. */
static guint
year_query(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer, gpointer data,
           GDestroyNotify destroy)
{
	PlotFixture *fx = self;
	IotGtkPlotAnswer *a = iot_gtk_plot_answer_new(q->kind, fx->now - 365 * DAY, fx->now);

	a->detail = IOT_GTK_PLOT_HOURS;
	g_array_append_vals(a->buckets, fx->hours->data, fx->hours->len);
	answer(a, NULL, data);
	destroy(data);
	return 0;
}

START_TEST(test_year_band)
{
	Rig r;
	IotGtkPlotModel *m;
	gint64 total = 0, worst = 0, asked = 0;
	static const IotGtkPlotSourceFuncs naive = { year_query, NULL, NULL };
	IotGtkPlotSource *all;
	guint i;
	char *tip;

	rig_open(&r, 720, 260, TRUE);
	iot_gtk_plot_set_series(r.plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "outdoor temperature", "°C");
	m = iot_gtk_plot_get_model(r.plot);
	/* Everything kept: the year, from the hourly statistics, as a band
	 * with the mean, and the five days without data left open. */
	ck_assert(m->has_data);
	ck_assert_int_eq(m->range, IOT_GTK_PLOT_RANGE_ALL);
	ck_assert(m->live);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_HOURS);
	ck_assert(r.fx->last_from == IOT_GTK_PLOT_OPEN_START && r.fx->last_to == IOT_GTK_PLOT_OPEN_END);
	ck_assert(llabs(m->from - (r.now - 365 * DAY)) < 2 * HOUR);
	ck_assert_uint_le(m->buckets, r.fx->last_columns);
	ck_assert_uint_ge(m->buckets, 300);
	ck_assert_uint_eq(m->band_buckets, m->buckets);
	ck_assert_uint_eq(m->line_points, m->buckets);
	ck_assert_uint_eq(m->gaps, 1);
	ck_assert_msg(g_str_has_prefix(m->summary, "min ") && strstr(m->summary, " · mean ") &&
	                  g_str_has_suffix(m->summary, " · hourly statistics"),
	              "%s", m->summary);
	ck_assert(m->vmin <= -2 && m->vmax >= 20);
	assert_ticks_readable(m, 720);
	ui_test_save_png(r.window, "plot-year-band.png");

	/* The tooltip of a column tells its statistics. */
	tip = iot_gtk_plot_get_tooltip(r.plot, (int)((m->x0 + m->x1) / 2), 120);
	ck_assert_msg(tip != NULL && g_str_has_prefix(tip, "outdoor temperature: min ") &&
	                  strstr(tip, " values)\nfrom ") != NULL,
	              "%s", tip ? tip : "(none)");
	g_free(tip);
	iot_gtk_plot_model_free(m);

	/* Drawing a year: the question, the decimated 8760 hours, the band. */
	for (i = 0; i < 20; i++) {
		gint64 d = draw_time(r.plot);

		total += d;
		asked += model_time;
		worst = MAX(worst, d);
	}
	printf("test-plot: a year of hourly statistics (8760 hours, decimated by the source to %u "
	       "columns) drawn in %.2f ms mean (%.2f ms of it asking and laying out), %.2f ms worst\n",
	       r.fx->last_columns, total / 20 / 1000.0, asked / 20 / 1000.0, worst / 1000.0);
	ck_assert_msg(total / 20 < 50000, "a year takes %lld µs to draw", (long long)(total / 20));

	/* A source that sends all 8760: decimated by the plot, as fast. */
	all = iot_gtk_plot_source_new(&naive, IOT_GTK_PLOT_SOURCE_NUMBERS, r.fx);
	iot_gtk_plot_set_source(r.plot, all);
	total = worst = 0;
	for (i = 0; i < 20; i++) {
		gint64 d = draw_time(r.plot);

		total += d;
		worst = MAX(worst, d);
	}
	m = iot_gtk_plot_get_model(r.plot);
	printf("test-plot: the same year sent as 8760 buckets: %u drawn in %.2f ms mean, %.2f ms "
	       "worst\n", m->buckets, total / 20 / 1000.0, worst / 1000.0);
	ck_assert_uint_le(m->buckets, 2 * 720);
	ck_assert_msg(total / 20 < 50000, "a year takes %lld µs to draw", (long long)(total / 20));
	iot_gtk_plot_model_free(m);
	iot_gtk_plot_set_source(r.plot, NULL);
	iot_gtk_plot_source_unref(all);
	rig_close(&r);
}
END_TEST

START_TEST(test_hour_detail)
{
	Rig r;
	IotGtkPlotModel *m;
	char *summary;

	rig_open(&r, 720, 260, TRUE);
	iot_gtk_plot_set_series(r.plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "outdoor temperature", "°C");
	iot_gtk_plot_set_range(r.plot, IOT_GTK_PLOT_RANGE_HOUR);
	m = iot_gtk_plot_get_model(r.plot);
	/* The last hour: every value, a line, no band. */
	ck_assert_int_eq(m->range, IOT_GTK_PLOT_RANGE_HOUR);
	ck_assert(m->live);
	ck_assert(r.fx->last_to - r.fx->last_from == HOUR);
	ck_assert(llabs(r.fx->last_to - g_get_real_time()) < 5 * SECOND);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_SAMPLES);
	ck_assert_uint_ge(m->buckets, 59);
	ck_assert_uint_le(m->buckets, 61);
	ck_assert_uint_eq(m->band_buckets, 0);
	ck_assert_uint_eq(m->gaps, 0);
	ck_assert_msg(strstr(m->summary, " · last ") && g_str_has_suffix(m->summary, " · every value"),
	              "%s", m->summary);
	summary = iot_gtk_plot_get_summary(r.plot);
	ck_assert_str_eq(summary, m->summary);
	g_free(summary);
	assert_ticks_readable(m, 720);
	iot_gtk_plot_model_free(m);

	/* A week reaches before the values kept in full: hourly statistics. */
	iot_gtk_plot_set_range(r.plot, IOT_GTK_PLOT_RANGE_WEEK);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_HOURS);
	ck_assert(r.fx->last_to - r.fx->last_from == 7 * DAY);
	assert_ticks_readable(m, 720);
	iot_gtk_plot_model_free(m);

	/* A range without data says so. */
	iot_gtk_plot_set_custom_range(r.plot, r.now - 197 * DAY, r.now - 196 * DAY);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(!m->has_data);
	ck_assert_str_eq(m->message, "No values in this time range.");
	iot_gtk_plot_model_free(m);
	rig_close(&r);
}
END_TEST

/* ---- zoom and pan --------------------------------------------------------------------------- */

static void
send_mouse(GtkWidget *w, GdkEventType type, double x, guint button_or_dir)
{
	GdkEvent *ev = gdk_event_new(type);

	ev->any.window = g_object_ref(w->window);
	ev->any.send_event = TRUE;
	if (type == GDK_SCROLL) {
		ev->scroll.x = x;
		ev->scroll.y = w->allocation.height / 2.0;
		ev->scroll.direction = (GdkScrollDirection)button_or_dir;
		ev->scroll.time = GDK_CURRENT_TIME;
	} else if (type == GDK_MOTION_NOTIFY) {
		ev->motion.x = x;
		ev->motion.y = w->allocation.height / 2.0;
		ev->motion.state = GDK_BUTTON1_MASK;
		ev->motion.time = GDK_CURRENT_TIME;
	} else {
		ev->button.x = x;
		ev->button.y = w->allocation.height / 2.0;
		ev->button.button = button_or_dir;
		ev->button.time = GDK_CURRENT_TIME;
	}
	gtk_main_do_event(ev);
	gdk_event_free(ev);
}

/* The range shown (after the question it needs). */
static void
shown(GtkWidget *plot, gint64 *from, gint64 *to, gboolean *live, IotGtkPlotRange *range)
{
	IotGtkPlotModel *m = iot_gtk_plot_get_model(plot);

	*from = m->from;
	*to = m->to;
	*live = m->live;
	if (range != NULL)
		*range = m->range;
	iot_gtk_plot_model_free(m);
}

START_TEST(test_zoom_pan)
{
	Rig r;
	gint64 from, to, from0, to0, at;
	gboolean live;
	IotGtkPlotRange range;
	IotGtkPlotModel *m;
	double x;

	rig_open(&r, 720, 260, TRUE);
	iot_gtk_plot_set_series(r.plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "outdoor temperature", "°C");
	iot_gtk_plot_set_range(r.plot, IOT_GTK_PLOT_RANGE_DAY);
	gtk_widget_grab_focus(r.plot);
	ck_assert(gtk_widget_is_focus(r.plot));

	/* + zooms in at now, and stays live. */
	ui_test_send_key(r.window, GDK_plus, 0);
	shown(r.plot, &from, &to, &live, &range);
	ck_assert(live);
	ck_assert(to - from == 12 * HOUR);
	ck_assert_int_eq(range, IOT_GTK_PLOT_RANGE_CUSTOM);
	ck_assert(r.fx->last_to - r.fx->last_from == 12 * HOUR);
	ck_assert(llabs(to - g_get_real_time()) < 5 * SECOND);
	/* − twice, + once: back to a day, which is a preset again. */
	ui_test_send_key(r.window, GDK_minus, 0);
	ui_test_send_key(r.window, GDK_KP_Subtract, 0);
	ui_test_send_key(r.window, GDK_KP_Add, 0);
	shown(r.plot, &from, &to, &live, &range);
	ck_assert(to - from == DAY);
	ck_assert_int_eq(range, IOT_GTK_PLOT_RANGE_DAY);

	/* Left moves a quarter back: no longer live; Right comes back to now. */
	ui_test_send_key(r.window, GDK_Left, 0);
	shown(r.plot, &from0, &to0, &live, &range);
	ck_assert(!live);
	ck_assert(to0 - from0 == DAY);
	ck_assert(llabs(to0 - (g_get_real_time() - 6 * HOUR)) < 5 * SECOND);
	ck_assert(r.fx->last_from == from0 && r.fx->last_to == to0);
	ck_assert_int_eq(range, IOT_GTK_PLOT_RANGE_DAY);
	ui_test_send_key(r.window, GDK_Right, 0);
	shown(r.plot, &from, &to, &live, NULL);
	ck_assert(live);
	/* Home: back to now from anywhere. */
	ui_test_send_key(r.window, GDK_Left, 0);
	ui_test_send_key(r.window, GDK_Left, 0);
	shown(r.plot, &from, &to, &live, NULL);
	ck_assert(!live);
	ui_test_send_key(r.window, GDK_Home, 0);
	shown(r.plot, &from, &to, &live, NULL);
	ck_assert(live);
	ck_assert(to - from == DAY);

	/* The wheel zooms around the pointer: the time under it stays. */
	ui_test_send_key(r.window, GDK_Left, 0);
	m = iot_gtk_plot_get_model(r.plot);
	x = m->x0 + (m->x1 - m->x0) * 0.25;
	at = m->from + (gint64)((double)(m->to - m->from) * 0.25);
	iot_gtk_plot_model_free(m);
	send_mouse(r.plot, GDK_SCROLL, x, GDK_SCROLL_UP);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(!m->live);
	ck_assert(llabs((m->to - m->from) - (gint64)(DAY / 1.25)) < SECOND);
	ck_assert_msg(llabs(m->from + (gint64)((double)(m->to - m->from) * 0.25) - at) < 60 * SECOND,
	              "the time under the pointer moved by %lld s",
	              (long long)((m->from + (gint64)((double)(m->to - m->from) * 0.25) - at) / SECOND));
	iot_gtk_plot_model_free(m);
	send_mouse(r.plot, GDK_SCROLL, x, GDK_SCROLL_DOWN);
	shown(r.plot, &from0, &to0, &live, NULL);
	ck_assert(llabs((to0 - from0) - DAY) < SECOND);

	/* Dragging 100 px to the right shows earlier times. */
	m = iot_gtk_plot_get_model(r.plot);
	x = m->x0 + 200;
	send_mouse(r.plot, GDK_BUTTON_PRESS, x, 1);
	send_mouse(r.plot, GDK_MOTION_NOTIFY, x + 50, 0);
	send_mouse(r.plot, GDK_MOTION_NOTIFY, x + 100, 0);
	send_mouse(r.plot, GDK_BUTTON_RELEASE, x + 100, 1);
	shown(r.plot, &from, &to, &live, NULL);
	ck_assert(!live);
	ck_assert(to - from == to0 - from0);
	ck_assert_msg(llabs((from0 - from) - (gint64)(100.0 / (m->x1 - m->x0) * (double)DAY)) < 2 * SECOND,
	              "moved by %lld s", (long long)((from0 - from) / SECOND));
	iot_gtk_plot_model_free(m);
	rig_close(&r);
}
END_TEST

/* ---- states ------------------------------------------------------------------------------------ */

START_TEST(test_state_band)
{
	Rig r;
	IotGtkPlotModel *m;
	const IotGtkPlotSegmentView *s;
	gint64 day, minute = 60 * SECOND;
	char *tip;
	guint i;

	rig_open(&r, 720, 190, TRUE);
	day = plot_fixture_yesterday(r.now);
	iot_gtk_plot_set_series(r.plot, NULL, "door", IOT_GTK_PLOT_STATES, IOT_VALUE_ENUM,
	                        "front door", NULL);
	iot_gtk_plot_set_custom_range(r.plot, day + 6 * HOUR, day + 21 * HOUR);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(m->has_data);
	ck_assert_int_eq(m->kind, IOT_GTK_PLOT_STATES);
	ck_assert_int_eq(r.fx->last_kind, IOT_GTK_PLOT_STATES);
	ck_assert_str_eq(r.fx->last_name, "door");
	ck_assert(!m->live);
	/* The state in force at the start, then each change. */
	s = g_ptr_array_index(m->segments, 0);
	ck_assert(s->start == day + 6 * HOUR);
	ck_assert_str_eq(s->value, "closed");
	s = segment_at(m, day + (8 * 60 + 12) * minute);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->value, "open");
	ck_assert(s->end == day + (8 * 60 + 14) * minute);
	ck_assert_ptr_null(s->label); /* two minutes: no room */
	/* Labels where there is room: the value, with its times when they fit. */
	s = segment_at(m, day + 10 * HOUR);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->value, "open");
	ck_assert_ptr_nonnull(s->label);
	ck_assert(g_str_has_prefix(s->label, "open"));
	s = segment_at(m, day + (12 * 60 + 45) * minute);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->label, "closed 12:45–17:05");
	/* The same value, the same look; another value, another one. */
	ck_assert_uint_ne(segment_at(m, day + 10 * HOUR)->style, s->style);
	ck_assert_uint_eq(segment_at(m, day + (8 * 60 + 12) * minute)->style,
	                  segment_at(m, day + 10 * HOUR)->style);
	/* Ten changes within a minute at 19:00: most not shown, and counted. */
	ck_assert_uint_ge(m->hidden, 5);
	ck_assert_msg(g_str_has_suffix(m->summary, " not shown (zoom in)"), "%s", m->summary);
	ck_assert_msg(strstr(m->summary, " changes · last: closed since 19:00 · ") != NULL, "%s",
	              m->summary);
	ck_assert_uint_eq(m->legend->len, 2);
	ck_assert_str_eq(g_ptr_array_index(m->legend, 0), "closed");
	ck_assert_str_eq(g_ptr_array_index(m->legend, 1), "open");
	for (i = 0; i < m->segments->len; i++) {
		s = g_ptr_array_index(m->segments, i);
		ck_assert(s->x1 > s->x0 && s->x0 >= m->x0 - 0.01 && s->x1 <= m->x1 + 0.01);
	}
	assert_ticks_readable(m, 720);

	/* The tooltip names the value and its times. */
	s = segment_at(m, day + 10 * HOUR);
	tip = iot_gtk_plot_get_tooltip(r.plot, (int)((s->x0 + s->x1) / 2), 40);
	ck_assert_msg(tip != NULL && g_str_has_prefix(tip, "front door: open\nfrom "), "%s",
	              tip ? tip : "(none)");
	g_free(tip);
	ui_test_save_png(r.window, "plot-state-band.png");
	iot_gtk_plot_model_free(m);

	/* A boolean: in words, off before on whatever comes first. */
	iot_gtk_plot_set_series(r.plot, NULL, "heater", IOT_GTK_PLOT_STATES, IOT_VALUE_BOOLEAN,
	                        "heater", NULL);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert_uint_eq(m->legend->len, 2);
	ck_assert_str_eq(g_ptr_array_index(m->legend, 0), "false");
	ck_assert_str_eq(g_ptr_array_index(m->legend, 1), "true");
	s = segment_at(m, day + 6 * HOUR);
	ck_assert_str_eq(s->value, "true");
	ck_assert_uint_eq(s->style, 1);
	ck_assert_str_eq(s->label, "true 06:00–09:00");
	iot_gtk_plot_model_free(m);
	rig_close(&r);
}
END_TEST

/* ---- answers that come late --------------------------------------------------------------------- */

START_TEST(test_stale_answer)
{
	Rig r;
	IotGtkPlotModel *m;
	gint64 from, to;
	guint buckets;

	rig_open(&r, 720, 260, TRUE);
	r.fx->deferred = TRUE;
	r.fx->ignore_cancel = TRUE;
	iot_gtk_plot_set_series(r.plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "outdoor temperature", "°C");
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(!m->has_data);
	ck_assert_str_eq(m->message, "Reading the history…");
	iot_gtk_plot_model_free(m);
	ck_assert_uint_eq(plot_fixture_n_pending(r.fx), 1);

	/* The person moves on to the last hour before the year is answered. */
	iot_gtk_plot_set_range(r.plot, IOT_GTK_PLOT_RANGE_HOUR);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert_uint_eq(r.fx->cancels, 1);
	ck_assert_uint_eq(plot_fixture_n_pending(r.fx), 2);
	iot_gtk_plot_model_free(m);
	plot_fixture_answer(r.fx, 1);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(m->has_data);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_SAMPLES);
	from = m->from;
	to = m->to;
	buckets = m->buckets;
	iot_gtk_plot_model_free(m);
	/* Now the year arrives: it is not drawn. */
	plot_fixture_answer(r.fx, 0);
	ui_test_run_ms(20);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_SAMPLES);
	ck_assert_int_eq(m->range, IOT_GTK_PLOT_RANGE_HOUR);
	ck_assert(m->from == from && m->to == to);
	ck_assert_uint_eq(m->buckets, buckets);
	iot_gtk_plot_model_free(m);
	ck_assert_uint_eq(r.fx->answers, 2);
	ck_assert_uint_eq(r.fx->destroys, 2);

	/* Another series while a question is under way: the same. */
	iot_gtk_plot_set_series(r.plot, NULL, "door", IOT_GTK_PLOT_STATES, IOT_VALUE_ENUM, "door",
	                        NULL);
	iot_gtk_plot_model_free(iot_gtk_plot_get_model(r.plot));
	iot_gtk_plot_set_series(r.plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "outdoor temperature", "°C");
	iot_gtk_plot_model_free(iot_gtk_plot_get_model(r.plot));
	ck_assert_uint_eq(plot_fixture_n_pending(r.fx), 2);
	plot_fixture_answer(r.fx, 0); /* the door's, stale */
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(!m->has_data);
	ck_assert_uint_eq(m->segments->len, 0);
	iot_gtk_plot_model_free(m);
	plot_fixture_answer(r.fx, 0);
	m = iot_gtk_plot_get_model(r.plot);
	ck_assert(m->has_data && m->kind == IOT_GTK_PLOT_NUMBERS);
	iot_gtk_plot_model_free(m);

	/* The plot goes while a question is under way; the answer comes after. */
	iot_gtk_plot_set_range(r.plot, IOT_GTK_PLOT_RANGE_DAY);
	iot_gtk_plot_model_free(iot_gtk_plot_get_model(r.plot));
	ck_assert_uint_eq(plot_fixture_n_pending(r.fx), 1);
	gtk_widget_destroy(r.window);
	ui_test_run_ms(20);
	plot_fixture_answer(r.fx, 0);
	ck_assert_uint_eq(r.fx->destroys, r.fx->queries);
	iot_gtk_plot_source_unref(r.src);
}
END_TEST

/* ---- new data, often ---------------------------------------------------------------------------- */

static gboolean
tick_changed(gpointer data)
{
	iot_gtk_plot_changed(data);
	return TRUE;
}

START_TEST(test_changes_coalesced)
{
	Rig r;
	guint before, id;
	GArray *pts;

	rig_open(&r, 720, 260, TRUE);
	iot_gtk_plot_set_series(r.plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "outdoor temperature", "°C");
	iot_gtk_plot_set_range(r.plot, IOT_GTK_PLOT_RANGE_HOUR);
	ui_test_run_ms(300);
	/* A thing sending 100 values a second: about four questions a second. */
	before = r.fx->queries;
	id = g_timeout_add(10, tick_changed, r.plot);
	ui_test_run_ms(1000);
	g_source_remove(id);
	printf("test-plot: 100 changes a second: %u questions in a second\n", r.fx->queries - before);
	ck_assert_uint_ge(r.fx->queries - before, 2);
	ck_assert_uint_le(r.fx->queries - before, 6);
	/* Whoever reads the plot right after a change sees it. */
	before = r.fx->queries;
	iot_gtk_plot_changed(r.plot);
	pts = iot_gtk_plot_get_points(r.plot);
	ck_assert_uint_eq(r.fx->queries, before + 1);
	g_array_unref(pts);
	rig_close(&r);
}
END_TEST

/* ---- what a device sent --------------------------------------------------------------------------- */

static guint
hostile_query(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer, gpointer data,
              GDestroyNotify destroy)
{
	IotGtkPlotAnswer *a = iot_gtk_plot_answer_new(q->kind, q->from, q->to);
	GString *longer = g_string_new(NULL);
	guint i;

	for (i = 0; i < 500; i++)
		g_string_append(longer, "ab");
	iot_gtk_plot_answer_add_segment(a, q->from, q->from + (q->to - q->from) / 3,
	                                "<b>open</b>\n&amp;\x01_x", 0);
	iot_gtk_plot_answer_add_segment(a, q->from + (q->to - q->from) / 3, q->to, longer->str, 0);
	g_string_free(longer, TRUE);
	answer(a, NULL, data);
	destroy(data);
	return 0;
}

START_TEST(test_hostile_values)
{
	static const IotGtkPlotSourceFuncs funcs = { hostile_query, NULL, NULL };
	IotGtkPlotSource *src = iot_gtk_plot_source_new(&funcs, IOT_GTK_PLOT_SOURCE_STATES, NULL);
	GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL), *plot = iot_gtk_plot_new();
	gint64 now = g_get_real_time();
	const IotGtkPlotSegmentView *s;
	IotGtkPlotModel *m;
	char *tip;

	gtk_window_set_default_size(GTK_WINDOW(window), 720, 190);
	gtk_container_set_border_width(GTK_CONTAINER(window), 6);
	gtk_container_add(GTK_CONTAINER(window), plot);
	iot_gtk_plot_set_source(plot, src);
	iot_gtk_plot_set_series(plot, NULL, "<i>mode</i>", IOT_GTK_PLOT_STATES, IOT_VALUE_STRING,
	                        "<i>mode</i>", NULL);
	iot_gtk_plot_set_custom_range(plot, now - HOUR, now);
	gtk_widget_show_all(window);
	ui_test_show_and_wait(window, 50);
	m = iot_gtk_plot_get_model(plot);
	ck_assert_uint_eq(m->segments->len, 2);
	/* As text: markup stays as sent, control characters become spaces. */
	s = g_ptr_array_index(m->segments, 0);
	ck_assert_str_eq(s->value, "<b>open</b> &amp; _x");
	/* Bounded: IOT_GTK_PLOT_VALUE_CHARS characters and "…". */
	s = g_ptr_array_index(m->segments, 1);
	ck_assert_int_eq(g_utf8_strlen(s->value, -1), IOT_GTK_PLOT_VALUE_CHARS + 1);
	ck_assert(g_str_has_suffix(s->value, "…"));
	tip = iot_gtk_plot_get_tooltip(plot, (int)((s->x0 + s->x1) / 2), 40);
	ck_assert(tip != NULL && g_str_has_prefix(tip, "<i>mode</i>: abab"));
	g_free(tip);
	iot_gtk_plot_model_free(m);
	gtk_widget_destroy(window);
	iot_gtk_plot_source_unref(src);
	ui_test_run_ms(10);
}
END_TEST

/* ---- a history in memory -------------------------------------------------------------------------- */

START_TEST(test_history_source)
{
	IotHistory *h = iot_history_new("thermostat@home.example");
	IotGtkPlotSource *src = iot_gtk_plot_source_history_new(h);
	GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL), *plot = iot_gtk_plot_new();
	gint64 now = g_get_real_time(), t0 = now - (gint64)10000 * 60 * SECOND, total = 0;
	IotGtkPlotModel *m;
	GArray *pts;
	guint i;

	gtk_window_set_default_size(GTK_WINDOW(window), 720, 260);
	gtk_container_set_border_width(GTK_CONTAINER(window), 6);
	gtk_container_add(GTK_CONTAINER(window), plot);
	iot_gtk_plot_set_source(plot, src);
	iot_gtk_plot_set_series(plot, NULL, "temperature", IOT_GTK_PLOT_NUMBERS, IOT_VALUE_NUMERIC,
	                        "temperature", NULL);
	m = iot_gtk_plot_get_model(plot);
	ck_assert_str_eq(m->message, "No history of this field yet.");
	iot_gtk_plot_model_free(m);

	/* 10 000 values a minute apart (the most a ring keeps), an hour missing. */
	for (i = 0; i < 10000; i++) {
		if (i >= 5000 && i < 5060)
			continue;
		iot_history_add(h, NULL, "temperature", "°C", t0 + (gint64)i * 60 * SECOND,
		                20 + 2 * sin(i / 50.0), 0);
	}
	gtk_widget_show_all(window);
	ui_test_show_and_wait(window, 50);
	iot_gtk_plot_changed(plot);
	m = iot_gtk_plot_get_model(plot);
	ck_assert(m->has_data);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_SAMPLES);
	ck_assert_uint_le(m->buckets, 720);
	/* Several values a column: the band of their extremes, every value. */
	ck_assert_uint_eq(m->band_buckets, m->buckets);
	ck_assert_uint_eq(m->gaps, 1);
	ck_assert(g_str_has_suffix(m->summary, " · every value"));
	ck_assert(strstr(m->summary, "°C") != NULL);
	iot_gtk_plot_model_free(m);
	for (i = 0; i < 10; i++)
		total += draw_time(plot);
	printf("test-plot: 10000 values from a history in memory drawn in %.2f ms mean\n",
	       total / 10 / 1000.0);

	/* The last hour of it: one value a column, a line. */
	iot_gtk_plot_set_range(plot, IOT_GTK_PLOT_RANGE_HOUR);
	pts = iot_gtk_plot_get_points(plot);
	ck_assert_uint_ge(pts->len, 55);
	ck_assert_uint_le(pts->len, 61);
	g_array_unref(pts);
	m = iot_gtk_plot_get_model(plot);
	ck_assert_uint_eq(m->band_buckets, 0);
	iot_gtk_plot_model_free(m);
	gtk_widget_destroy(window);
	iot_gtk_plot_source_unref(src);
	iot_history_free(h);
	ui_test_run_ms(10);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("plot");
	TCase *tc = tcase_create("plot");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_year_band);
	tcase_add_test(tc, test_hour_detail);
	tcase_add_test(tc, test_zoom_pan);
	tcase_add_test(tc, test_state_band);
	tcase_add_test(tc, test_stale_answer);
	tcase_add_test(tc, test_changes_coalesced);
	tcase_add_test(tc, test_hostile_values);
	tcase_add_test(tc, test_history_source);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, plot_source_tcase());
	return ui_test_run_suite(s);
}
