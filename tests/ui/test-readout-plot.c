/*
 * test-readout-plot.c — the readout window's plot under Xvfb, fed by the
 * fixture source (plot-fixture.h): the range row (choices, from/to, live)
 * changes what is asked, zoom from the keyboard shows in the row, fields
 * that are not numbers plot as states when the source keeps them, stale
 * answers are ignored, and "Forget history…" calls its owner once after a
 * confirmation that names the thing, never on cancel. PNGs of the window
 * with a year and with a door.
 *
 * Plain GTK 2 + check, no Pidgin. Run by tests/ui/window-tests.sh.
 */
#include "iot-gtk-plot.h"
#include "iot-gtk-readout.h"
#include "plot-fixture.h"
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
	int requests, closed, forgets;
	gboolean close_on_forget;
	IotGtkReadout *win;
} Calls;

static void
on_request(IotGtkReadout *win, IotGtkRequestKind kind, gint64 from, gint64 to, gpointer data)
{
	((Calls *)data)->requests++;
}

static void
on_closed(IotGtkReadout *win, gpointer data)
{
	Calls *c = data;

	ck_assert_ptr_eq(win, c->win);
	c->closed++;
}

static void
on_forget(IotGtkReadout *win, gpointer data)
{
	Calls *c = data;

	ck_assert_ptr_eq(win, c->win);
	c->forgets++;
	if (c->close_on_forget)
		iot_gtk_readout_destroy(win);
}

static const IotGtkReadoutCallbacks with_forget = { on_request, NULL, on_closed, NULL, on_forget };
static const IotGtkReadoutCallbacks without_forget = { on_request, NULL, on_closed, NULL, NULL };

static IotReadout *
house(gint64 now)
{
	IotReadout *r = iot_readout_new();

	g_ptr_array_add(r->fields, ui_test_field("temperature", IOT_VALUE_NUMERIC, "4.5", "°C",
	                                         IOT_CAT_MOMENTARY, 0, now));
	g_ptr_array_add(r->fields, ui_test_field("door", IOT_VALUE_ENUM, "closed", NULL,
	                                         IOT_CAT_MOMENTARY, 0, now));
	g_ptr_array_add(r->fields, ui_test_field("heater", IOT_VALUE_BOOLEAN, "false", NULL,
	                                         IOT_CAT_MOMENTARY, 0, now));
	g_ptr_array_add(r->fields, ui_test_field("firmware", IOT_VALUE_STRING, "2.4.1", NULL,
	                                         IOT_CAT_MOMENTARY, 0, now));
	return r;
}

typedef struct {
	Calls calls;
	IotGtkReadout *win;
	GtkWidget *window, *plot;
	IotGtkPlotSource *src;
	PlotFixture *fx;
	IotReadout *r;
	gint64 now;
} Rig;

static void
rig_open(Rig *g, const IotGtkReadoutCallbacks *cbs, gboolean source)
{
	memset(g, 0, sizeof *g);
	g->now = g_get_real_time();
	g->win = g->calls.win = iot_gtk_readout_new("thermostat@home.example", cbs, &g->calls);
	g->window = iot_gtk_readout_get_window(g->win);
	g->plot = iot_gtk_readout_get_plot(g->win);
	g->src = plot_fixture_source_new(g->now, &g->fx);
	if (source)
		iot_gtk_readout_set_plot_source(g->win, g->src);
	g->r = house(g->now);
	iot_gtk_readout_set_readout(g->win, g->r);
	gtk_window_move(GTK_WINDOW(g->window), 0, 0);
	ui_test_show_and_wait(g->window, 50);
}

static void
rig_close(Rig *g)
{
	if (g->calls.closed == 0)
		iot_gtk_readout_destroy(g->win);
	ck_assert_int_eq(g->calls.closed, 1);
	iot_gtk_plot_source_unref(g->src);
	iot_readout_free(g->r);
	ui_test_run_ms(20);
}

static void
select_row(Rig *g, const char *name)
{
	ck_assert_msg(iot_gtk_readout_select_field(g->win, NULL, name), "cannot select %s", name);
}

static IotGtkPlotModel *
model(Rig *g)
{
	return iot_gtk_plot_get_model(g->plot);
}

static char *
local_text(gint64 us)
{
	GDateTime *dt = g_date_time_new_from_unix_local(us / SECOND);
	char *s = g_date_time_format(dt, "%Y-%m-%d %H:%M");

	g_date_time_unref(dt);
	return s;
}

/* ---- the range row ---------------------------------------------------------------------- */

START_TEST(test_range_row)
{
	Rig g;
	IotGtkPlotModel *m;
	GtkComboBox *combo;
	GtkEntry *from_e, *to_e;
	GtkToggleButton *live;
	gint64 day;
	char *a, *b;
	guint queries;

	rig_open(&g, &without_forget, TRUE);
	combo = iot_gtk_readout_get_range_combo(g.win);
	from_e = iot_gtk_readout_get_range_entry(g.win, FALSE);
	to_e = iot_gtk_readout_get_range_entry(g.win, TRUE);
	live = iot_gtk_readout_get_live_toggle(g.win);
	select_row(&g, "temperature");
	ck_assert(gtk_widget_get_visible(gtk_widget_get_parent(g.plot)));

	/* At first everything kept: a year of hourly statistics, live. */
	m = model(&g);
	ck_assert(m->has_data);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_HOURS);
	ck_assert_int_eq(gtk_combo_box_get_active(combo), IOT_GTK_PLOT_RANGE_ALL);
	ck_assert(gtk_toggle_button_get_active(live));
	ck_assert_str_eq(g.fx->last_name, "temperature");
	ck_assert(g.fx->last_from == IOT_GTK_PLOT_OPEN_START);
	/* The row shows the range found: from its first hour, to now. */
	a = local_text(m->from);
	ck_assert_str_eq(gtk_entry_get_text(from_e), a);
	ck_assert_str_eq(gtk_entry_get_text(to_e), "");
	g_free(a);
	iot_gtk_plot_model_free(m);

	/* The last hour: every value, up to now. */
	gtk_combo_box_set_active(combo, IOT_GTK_PLOT_RANGE_HOUR);
	m = model(&g);
	ck_assert(g.fx->last_to - g.fx->last_from == HOUR);
	ck_assert(llabs(g.fx->last_to - g_get_real_time()) < 5 * SECOND);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_SAMPLES);
	ck_assert(g_str_has_suffix(m->summary, " · every value"));
	iot_gtk_plot_model_free(m);
	/* The last year: hourly statistics. */
	gtk_combo_box_set_active(combo, IOT_GTK_PLOT_RANGE_YEAR);
	m = model(&g);
	ck_assert(g.fx->last_to - g.fx->last_from == 365 * DAY);
	ck_assert_int_eq(m->detail, IOT_GTK_PLOT_HOURS);
	ck_assert_uint_eq(m->band_buckets, m->buckets);
	iot_gtk_plot_model_free(m);

	/* From/to typed: exactly that range, not live. */
	day = plot_fixture_yesterday(g.now);
	a = local_text(day + 6 * HOUR);
	b = local_text(day + 21 * HOUR);
	gtk_entry_set_text(from_e, a);
	gtk_entry_set_text(to_e, b);
	gtk_widget_activate(GTK_WIDGET(to_e));
	m = model(&g);
	ck_assert(g.fx->last_from == day + 6 * HOUR && g.fx->last_to == day + 21 * HOUR);
	ck_assert(!m->live);
	ck_assert_int_eq(gtk_combo_box_get_active(combo), IOT_GTK_PLOT_RANGE_CUSTOM);
	ck_assert(!gtk_toggle_button_get_active(live));
	ck_assert_str_eq(gtk_entry_get_text(to_e), b);
	iot_gtk_plot_model_free(m);
	g_free(b);
	/* An empty "to" is now, and live. */
	gtk_entry_set_text(to_e, "");
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(g.window, "Show")));
	m = model(&g);
	/* Live: the same length of time, ending now (the clock moved on a little). */
	ck_assert(llabs(g.fx->last_from - (day + 6 * HOUR)) < 5 * SECOND);
	ck_assert(llabs(g.fx->last_to - g_get_real_time()) < 5 * SECOND);
	ck_assert(m->live);
	ck_assert(gtk_toggle_button_get_active(live));
	iot_gtk_plot_model_free(m);
	g_free(a);
	/* Something that is not a time: said so, nothing asked. */
	queries = g.fx->queries;
	gtk_entry_set_text(from_e, "last tuesday");
	gtk_widget_activate(GTK_WIDGET(from_e));
	iot_gtk_plot_model_free(model(&g));
	ck_assert_uint_eq(g.fx->queries, queries);
	ck_assert_str_eq(iot_gtk_readout_get_status(g.win), "Enter times as 2024-01-10 08:15.");
	/* Put right: the status line says again what it said before. */
	a = local_text(day + 6 * HOUR);
	gtk_entry_set_text(from_e, a);
	gtk_widget_activate(GTK_WIDGET(from_e));
	g_free(a);
	ck_assert_msg(g_str_has_prefix(iot_gtk_readout_get_status(g.win), "Last updated "), "%s",
	              iot_gtk_readout_get_status(g.win));

	/* Live off keeps the range where it is; on follows now again. */
	gtk_toggle_button_set_active(live, FALSE);
	ck_assert(!iot_gtk_plot_get_live(g.plot));
	gtk_toggle_button_set_active(live, TRUE);
	ck_assert(iot_gtk_plot_get_live(g.plot));

	/* Keyboard only: Tab from Live reaches the plot; + zooms; the row follows. */
	gtk_combo_box_set_active(combo, IOT_GTK_PLOT_RANGE_DAY);
	gtk_widget_grab_focus(GTK_WIDGET(live));
	ui_test_send_key(g.window, GDK_Tab, 0);
	ck_assert(gtk_widget_is_focus(g.plot));
	ui_test_send_key(g.window, GDK_plus, 0);
	ck_assert_int_eq(gtk_combo_box_get_active(combo), IOT_GTK_PLOT_RANGE_CUSTOM);
	ui_test_send_key(g.window, GDK_Left, 0);
	m = model(&g);
	ck_assert(m->to - m->from == 12 * HOUR);
	ck_assert(!gtk_toggle_button_get_active(live));
	a = local_text(m->from);
	ck_assert_str_eq(gtk_entry_get_text(from_e), a);
	g_free(a);
	iot_gtk_plot_model_free(m);
	ui_test_send_key(g.window, GDK_Home, 0);
	ck_assert(gtk_toggle_button_get_active(live));
	/* Alt+W goes to the choice of range. */
	ui_test_send_key(g.window, GDK_w, GDK_MOD1_MASK);
	{
		GtkWidget *focus = gtk_window_get_focus(GTK_WINDOW(g.window));

		ck_assert(focus == GTK_WIDGET(combo) || gtk_widget_is_ancestor(focus, GTK_WIDGET(combo)));
	}
	rig_close(&g);
}
END_TEST

/* ---- states ------------------------------------------------------------------------------ */

START_TEST(test_states)
{
	Rig g;
	IotGtkPlotModel *m;
	gint64 day;

	rig_open(&g, &without_forget, TRUE);
	day = plot_fixture_yesterday(g.now);
	/* A door contact (an enum): its changes as a band. */
	select_row(&g, "door");
	ck_assert(gtk_widget_get_visible(gtk_widget_get_parent(g.plot)));
	iot_gtk_plot_set_custom_range(g.plot, day + 6 * HOUR, day + 21 * HOUR);
	m = model(&g);
	ck_assert_int_eq(g.fx->last_kind, IOT_GTK_PLOT_STATES);
	ck_assert_int_eq(m->kind, IOT_GTK_PLOT_STATES);
	ck_assert_uint_ge(m->segments->len, 8);
	ck_assert_uint_eq(m->legend->len, 2);
	iot_gtk_plot_model_free(m);
	iot_gtk_readout_set_status(g.win, "Last updated 12:03:10", FALSE);
	ui_test_save_png(g.window, "readout-plot-door.png");

	/* A boolean, in words; a string with nothing kept says so. */
	select_row(&g, "heater");
	m = model(&g);
	ck_assert_str_eq(g.fx->last_name, "heater");
	ck_assert_str_eq(g_ptr_array_index(m->legend, 0), "false");
	iot_gtk_plot_model_free(m);
	select_row(&g, "firmware");
	m = model(&g);
	ck_assert(!m->has_data);
	ck_assert_str_eq(m->message, "No values in this time range.");
	iot_gtk_plot_model_free(m);

	/* Back to the history in memory (numbers only): no plot for a door. */
	iot_gtk_readout_set_plot_source(g.win, NULL);
	select_row(&g, "door");
	ck_assert(!gtk_widget_get_visible(gtk_widget_get_parent(g.plot)));
	select_row(&g, "temperature");
	ck_assert(gtk_widget_get_visible(gtk_widget_get_parent(g.plot)));
	m = model(&g);
	ck_assert_str_eq(m->message, "No history of this field yet.");
	iot_gtk_plot_model_free(m);
	rig_close(&g);
}
END_TEST

START_TEST(test_year_png)
{
	Rig g;

	rig_open(&g, &with_forget, TRUE);
	select_row(&g, "temperature");
	iot_gtk_readout_set_status(g.win, "Last updated 12:03:10", FALSE);
	ui_test_save_png(g.window, "readout-plot-year.png");
	rig_close(&g);
}
END_TEST

/* ---- stale answers ------------------------------------------------------------------------- */

START_TEST(test_stale_in_window)
{
	Rig g;
	IotGtkPlotModel *m;

	rig_open(&g, &without_forget, TRUE);
	g.fx->deferred = TRUE;
	g.fx->ignore_cancel = TRUE;
	select_row(&g, "temperature");
	iot_gtk_plot_model_free(model(&g));
	/* Everything kept, not answered yet: nothing to hold still, and the
	 * row says so rather than showing what is not. */
	gtk_toggle_button_set_active(iot_gtk_readout_get_live_toggle(g.win), FALSE);
	ck_assert(gtk_toggle_button_get_active(iot_gtk_readout_get_live_toggle(g.win)));
	gtk_combo_box_set_active(iot_gtk_readout_get_range_combo(g.win), IOT_GTK_PLOT_RANGE_CUSTOM);
	ck_assert_int_eq(gtk_combo_box_get_active(iot_gtk_readout_get_range_combo(g.win)),
	                 IOT_GTK_PLOT_RANGE_ALL);
	select_row(&g, "door");
	iot_gtk_plot_model_free(model(&g));
	ck_assert_uint_eq(plot_fixture_n_pending(g.fx), 2);
	/* The temperature's answer comes when the door is shown: ignored. */
	plot_fixture_answer(g.fx, 0);
	m = model(&g);
	ck_assert(!m->has_data);
	ck_assert_str_eq(m->message, "Reading the history…");
	iot_gtk_plot_model_free(m);
	plot_fixture_answer(g.fx, 0);
	m = model(&g);
	ck_assert(m->has_data);
	ck_assert_int_eq(m->kind, IOT_GTK_PLOT_STATES);
	iot_gtk_plot_model_free(m);

	/* The window closes with a question under way; the answer comes later. */
	iot_gtk_readout_history_changed(g.win);
	iot_gtk_plot_model_free(model(&g));
	ck_assert_uint_eq(plot_fixture_n_pending(g.fx), 1);
	iot_gtk_readout_destroy(g.win);
	ui_test_run_ms(20);
	plot_fixture_answer(g.fx, 0);
	ck_assert_uint_eq(g.fx->destroys, g.fx->queries);
	rig_close(&g);
}
END_TEST

/* ---- forgetting ------------------------------------------------------------------------------ */

static char *
dialog_text(GtkDialog *d)
{
	char *text = NULL;

	g_object_get(d, "text", &text, NULL);
	return text;
}

START_TEST(test_forget)
{
	Rig g;
	GtkWidget *button;
	GtkDialog *d;
	char *text;

	/* Without an owner that can forget, no button. */
	rig_open(&g, &without_forget, TRUE);
	ck_assert(!gtk_widget_get_visible(ui_test_find_button(g.window, "For_get history…")));
	rig_close(&g);

	rig_open(&g, &with_forget, TRUE);
	button = ui_test_find_button(g.window, "For_get history…");
	ck_assert(gtk_widget_get_visible(button));
	ck_assert(gtk_widget_is_sensitive(button));

	/* Asked first, naming the thing; Cancel forgets nothing. */
	gtk_button_clicked(GTK_BUTTON(button));
	d = iot_gtk_readout_get_forget_dialog(g.win);
	ck_assert_ptr_nonnull(d);
	text = dialog_text(d);
	ck_assert_str_eq(text, "Forget the history of thermostat@home.example?");
	g_free(text);
	ck_assert(gtk_window_get_modal(GTK_WINDOW(d)));
	ck_assert_ptr_eq(gtk_window_get_transient_for(GTK_WINDOW(d)), GTK_WINDOW(g.window));
	gtk_dialog_response(d, GTK_RESPONSE_CANCEL);
	ck_assert_int_eq(g.calls.forgets, 0);
	ck_assert_ptr_null(iot_gtk_readout_get_forget_dialog(g.win));

	/* Escape and Enter keep the history too (Cancel is the default). */
	ui_test_send_key(g.window, GDK_g, GDK_MOD1_MASK);
	d = iot_gtk_readout_get_forget_dialog(g.win);
	ck_assert_ptr_nonnull(d);
	ui_test_show_and_wait(GTK_WIDGET(d), 20);
	ui_test_send_key(GTK_WIDGET(d), GDK_Escape, 0);
	ck_assert_int_eq(g.calls.forgets, 0);
	ck_assert_ptr_null(iot_gtk_readout_get_forget_dialog(g.win));
	gtk_button_clicked(GTK_BUTTON(button));
	d = iot_gtk_readout_get_forget_dialog(g.win);
	ui_test_show_and_wait(GTK_WIDGET(d), 20);
	ui_test_send_key(GTK_WIDGET(d), GDK_Return, 0);
	ck_assert_int_eq(g.calls.forgets, 0);
	ck_assert_ptr_null(iot_gtk_readout_get_forget_dialog(g.win));

	/* Confirmed: the owner is called once; a second click while the
	 * question is open asks no second question. */
	gtk_button_clicked(GTK_BUTTON(button));
	d = iot_gtk_readout_get_forget_dialog(g.win);
	gtk_button_clicked(GTK_BUTTON(button));
	ck_assert_ptr_eq(iot_gtk_readout_get_forget_dialog(g.win), d);
	ui_test_show_and_wait(GTK_WIDGET(d), 20);
	ui_test_save_png(GTK_WIDGET(d), "readout-forget.png");
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(GTK_WIDGET(d), "_Forget history")));
	ck_assert_int_eq(g.calls.forgets, 1);
	ck_assert_ptr_null(iot_gtk_readout_get_forget_dialog(g.win));
	ui_test_run_ms(20);
	ck_assert_int_eq(g.calls.forgets, 1);

	/* The window closes while the question is open: nothing forgotten. */
	gtk_button_clicked(GTK_BUTTON(button));
	ck_assert_ptr_nonnull(iot_gtk_readout_get_forget_dialog(g.win));
	iot_gtk_readout_destroy(g.win);
	ck_assert_int_eq(g.calls.closed, 1);
	ui_test_run_ms(20);
	ck_assert_int_eq(g.calls.forgets, 1);
	rig_close(&g);

	/* The owner closes the window when told: nothing touches it after. */
	rig_open(&g, &with_forget, TRUE);
	g.calls.close_on_forget = TRUE;
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(g.window, "For_get history…")));
	gtk_button_clicked(GTK_BUTTON(ui_test_find_button(
	    GTK_WIDGET(iot_gtk_readout_get_forget_dialog(g.win)), "_Forget history")));
	ck_assert_int_eq(g.calls.forgets, 1);
	ck_assert_int_eq(g.calls.closed, 1);
	rig_close(&g);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("readout-plot");
	TCase *tc = tcase_create("readout-plot");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_range_row);
	tcase_add_test(tc, test_states);
	tcase_add_test(tc, test_year_png);
	tcase_add_test(tc, test_stale_in_window);
	tcase_add_test(tc, test_forget);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
