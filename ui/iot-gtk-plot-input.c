/*
 * iot-gtk-plot-input.c — what a person does with a plot: the wheel zooms
 * around the pointer, a drag pans, + − Left Right Home from the keyboard,
 * tooltips (a value, a column's statistics, a state's times). See
 * iot-gtk-plot.h.
 */
#include "iot-gtk-plot-private.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>

#define WHEEL_ZOOM 1.25
#define KEY_ZOOM 2.0
#define KEY_PAN 0.25

static double
fraction_at(IotGtkPlotState *p, double x)
{
	const IotGtkPlotLayout *l = iot_gtk_plot_layout_of(p);

	return l->x1 > l->x0 ? CLAMP((x - l->x0) / (l->x1 - l->x0), 0.0, 1.0) : 0.5;
}

static gboolean
scroll_cb(GtkWidget *w, GdkEventScroll *ev, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	if (ev->direction == GDK_SCROLL_UP)
		iot_gtk_plot_zoom(w, WHEEL_ZOOM, fraction_at(p, ev->x));
	else if (ev->direction == GDK_SCROLL_DOWN)
		iot_gtk_plot_zoom(w, 1.0 / WHEEL_ZOOM, fraction_at(p, ev->x));
	else if (ev->direction == GDK_SCROLL_LEFT)
		iot_gtk_plot_pan(w, -0.1);
	else
		iot_gtk_plot_pan(w, 0.1);
	return TRUE;
}

static gboolean
press_cb(GtkWidget *w, GdkEventButton *ev, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	gtk_widget_grab_focus(w);
	if (ev->button != 1 || ev->type != GDK_BUTTON_PRESS)
		return FALSE;
	p->dragging = iot_gtk_plot_view(p, &p->drag_from, &p->drag_to);
	p->drag_x = ev->x;
	return TRUE;
}

static gboolean
motion_cb(GtkWidget *w, GdkEventMotion *ev, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	const IotGtkPlotLayout *l;
	gint64 span, shift;

	if (!p->dragging)
		return FALSE;
	l = iot_gtk_plot_layout_of(p);
	span = p->drag_to - p->drag_from;
	if (l->x1 <= l->x0)
		return TRUE;
	/* Dragging to the right shows earlier times. */
	shift = (gint64)(-(ev->x - p->drag_x) / (l->x1 - l->x0) * (double)span);
	iot_gtk_plot_move_to(p, p->drag_from + shift, span);
	gdk_event_request_motions(ev);
	return TRUE;
}

static gboolean
release_cb(GtkWidget *w, GdkEventButton *ev, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);

	p->dragging = FALSE;
	return ev->button == 1;
}

static gboolean
key_cb(GtkWidget *w, GdkEventKey *ev, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	double anchor = p->live ? 1.0 : 0.5;

	if (ev->state & (GDK_CONTROL_MASK | GDK_MOD1_MASK))
		return FALSE;
	switch (ev->keyval) {
	case GDK_plus:
	case GDK_equal:
	case GDK_KP_Add:
		iot_gtk_plot_zoom(w, KEY_ZOOM, anchor);
		return TRUE;
	case GDK_minus:
	case GDK_underscore:
	case GDK_KP_Subtract:
		iot_gtk_plot_zoom(w, 1.0 / KEY_ZOOM, anchor);
		return TRUE;
	case GDK_Left:
	case GDK_KP_Left:
		iot_gtk_plot_pan(w, -KEY_PAN);
		return TRUE;
	case GDK_Right:
	case GDK_KP_Right:
		iot_gtk_plot_pan(w, KEY_PAN);
		return TRUE;
	case GDK_Home:
	case GDK_KP_Home:
		iot_gtk_plot_set_live(w, TRUE);
		return TRUE;
	default:
		return FALSE;
	}
}

static gboolean
tooltip_cb(GtkWidget *w, gint x, gint y, gboolean keyboard, GtkTooltip *tip, gpointer data)
{
	IotGtkPlotState *p = iot_gtk_plot_state(w);
	const IotGtkPlotLayout *l = iot_gtk_plot_layout_of(p);
	char *text;

	if (keyboard) {
		/* TRANSLATORS: the tooltip of a plot reached with the keyboard. */
		text = g_strdup_printf("%s\n%s", l->summary != NULL ? l->summary : "",
		                       _("+ and − zoom, Left and Right move, Home goes back to now."));
	} else {
		text = iot_gtk_plot_layout_tooltip(p, l, x, y);
	}
	if (text == NULL)
		return FALSE;
	/* Values came from a device: plain text, never markup. */
	gtk_tooltip_set_text(tip, text);
	g_free(text);
	return TRUE;
}

static void
focus_cb(GtkWidget *w, GdkEventFocus *ev, gpointer data)
{
	gtk_widget_queue_draw(w);
}

void
iot_gtk_plot_input_init(GtkWidget *w)
{
	gtk_widget_set_can_focus(w, TRUE);
	gtk_widget_add_events(w, GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK |
	                             GDK_BUTTON1_MOTION_MASK | GDK_POINTER_MOTION_HINT_MASK |
	                             GDK_SCROLL_MASK | GDK_KEY_PRESS_MASK | GDK_FOCUS_CHANGE_MASK);
	gtk_widget_set_has_tooltip(w, TRUE);
	g_signal_connect(w, "scroll-event", G_CALLBACK(scroll_cb), NULL);
	g_signal_connect(w, "button-press-event", G_CALLBACK(press_cb), NULL);
	g_signal_connect(w, "motion-notify-event", G_CALLBACK(motion_cb), NULL);
	g_signal_connect(w, "button-release-event", G_CALLBACK(release_cb), NULL);
	g_signal_connect(w, "key-press-event", G_CALLBACK(key_cb), NULL);
	g_signal_connect(w, "focus-in-event", G_CALLBACK(focus_cb), NULL);
	g_signal_connect(w, "focus-out-event", G_CALLBACK(focus_cb), NULL);
	g_signal_connect(w, "query-tooltip", G_CALLBACK(tooltip_cb), NULL);
}
