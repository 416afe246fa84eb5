/*
 * iot-gtk-readout-status.c — what the readout window says is going on:
 * "Reading…", "Last updated 12:03:10", "Stale: no update for 5 min", the
 * owner's error sentence, and node failures and notes under the table.
 * All plain text: error sentences quote what devices said.
 */
#include "iot-gtk-readout-private.h"

#include "iot-format.h"
#include "iot-limits.h"
#include "iot-time.h"

#include <glib/gi18n-lib.h>

void
iot_gtk_readout_show_status(IotGtkReadout *win, const char *text, gboolean warn)
{
	g_free(win->status);
	win->status = g_strdup(text != NULL ? text : "");
	/* Plain text: an error sentence may quote what a device said. */
	gtk_label_set_text(GTK_LABEL(win->status_label), win->status);
	if (warn)
		gtk_widget_show(win->status_icon);
	else
		gtk_widget_hide(win->status_icon);
}

static void
set_requests_sensitive(IotGtkReadout *win, gboolean on)
{
	gtk_widget_set_sensitive(win->now_button, on);
	gtk_widget_set_sensitive(win->all_button, on);
	gtk_widget_set_sensitive(win->historical_button, on);
	gtk_widget_set_sensitive(win->refresh_button, on);
}

static char *
last_updated_text(IotGtkReadout *win)
{
	char *when, *out;

	if (win->last_update == 0)
		return g_strdup("");
	when = iot_time_format_local(win->last_update, g_get_real_time());
	/* TRANSLATORS: status line of the sensor-data window, "Last updated 12:03:10". */
	out = g_strdup_printf(_("Last updated %s"), when);
	g_free(when);
	return out;
}

void
iot_gtk_readout_end_busy(IotGtkReadout *win)
{
	win->busy = FALSE;
	gtk_spinner_stop(GTK_SPINNER(win->spinner));
	gtk_widget_hide(win->spinner);
	set_requests_sensitive(win, TRUE);
}

void
iot_gtk_readout_set_busy(IotGtkReadout *win, gboolean busy)
{
	g_return_if_fail(win != NULL);
	if (busy) {
		win->busy = TRUE;
		gtk_widget_show(win->spinner);
		gtk_spinner_start(GTK_SPINNER(win->spinner));
		set_requests_sensitive(win, FALSE);
		iot_gtk_readout_show_status(win, _("Reading…"), FALSE);
	} else if (win->busy) {
		char *text = last_updated_text(win);

		iot_gtk_readout_end_busy(win);
		iot_gtk_readout_show_status(win, text, FALSE);
		g_free(text);
	}
}

void
iot_gtk_readout_set_status(IotGtkReadout *win, const char *text, gboolean is_error)
{
	g_return_if_fail(win != NULL);
	iot_gtk_readout_end_busy(win);
	iot_gtk_readout_show_status(win, text, is_error);
}

void
iot_gtk_readout_touched(IotGtkReadout *win)
{
	char *text;

	win->last_update = g_get_real_time();
	/* An update that arrives while a request runs does not end it. */
	if (win->busy)
		return;
	text = last_updated_text(win);
	if (win->rows_dropped > 0) {
		guint n = win->rows_dropped;
		char *more = g_strdup_printf(
		    g_dngettext(GETTEXT_PACKAGE, "%s · %u new field not shown: a window shows at most %u",
		             "%s · %u new fields not shown: a window shows at most %u", n),
		    text, n, (guint)IOT_MAX_FIELDS_PER_READOUT);

		g_free(text);
		text = more;
	}
	iot_gtk_readout_show_status(win, text, win->rows_dropped > 0);
	g_free(text);
}

void
iot_gtk_readout_mark_stale(IotGtkReadout *win)
{
	gint64 age;
	guint n;
	char *text;

	g_return_if_fail(win != NULL);
	if (win->last_update == 0) {
		iot_gtk_readout_show_status(win, _("Stale: no values received yet"), TRUE);
		return;
	}
	age = MAX(0, g_get_real_time() - win->last_update) / G_USEC_PER_SEC;
	if (age < 60) {
		n = (guint)age;
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Stale: no update for %u s",
		                                "Stale: no update for %u s", n), n);
	} else if (age < 2 * 3600) {
		n = (guint)(age / 60);
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Stale: no update for %u min",
		                                "Stale: no update for %u min", n), n);
	} else {
		n = (guint)MIN(age / 3600, G_MAXUINT);
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Stale: no update for %u hour",
		                                "Stale: no update for %u hours", n), n);
	}
	iot_gtk_readout_show_status(win, text, TRUE);
	g_free(text);
}

void
iot_gtk_readout_show_notes(IotGtkReadout *win, const IotReadout *r)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; r != NULL && i < r->failures->len; i++) {
		const IotFailure *f = g_ptr_array_index(r->failures, i);
		char *text = iot_format_clean(f->text, 200);

		if (s->len > 0)
			g_string_append_c(s, '\n');
		if (f->node.node_id != NULL) {
			char *node = iot_format_clean(f->node.node_id, 64);

			/* TRANSLATORS: a node's error under the table, "kitchen: Sensor offline." */
			g_string_append_printf(s, _("%s: %s"), node, text);
			g_free(node);
		} else {
			g_string_append(s, text);
		}
		g_free(text);
	}
	for (i = 0; r != NULL && i < r->notes->len; i++) {
		if (s->len > 0)
			g_string_append_c(s, '\n');
		g_string_append(s, g_ptr_array_index(r->notes, i));
	}
	gtk_label_set_text(GTK_LABEL(win->notes_label), s->str);
	if (s->len > 0)
		gtk_widget_show(win->notes_label);
	else
		gtk_widget_hide(win->notes_label);
	g_string_free(s, TRUE);
}

