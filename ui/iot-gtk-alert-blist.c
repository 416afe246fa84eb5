/*
 * iot-gtk-alert-blist.c — a thing's name in the buddy list with its alert
 * marker and pinned values, as Pango markup. See iot-gtk-alert-blist.h.
 */
#include "iot-gtk-alert-blist.h"

char *
iot_gtk_alert_blist_markup(const char *name, gboolean active, IotAlertSeverity severity, const char *pinned)
{
	GString *s;
	char *esc;

	if (!active && (pinned == NULL || *pinned == '\0'))
		return NULL;
	s = g_string_new(NULL);
	esc = g_markup_escape_text(name ? name : "", -1);
	g_string_append(s, esc);
	g_free(esc);
	if (active)
		g_string_append_printf(s, " <span foreground='%s' weight='bold'>%s</span>",
		                       severity == IOT_ALERT_ALARM     ? IOT_GTK_ALERT_COLOR_ALARM
		                       : severity == IOT_ALERT_WARNING ? IOT_GTK_ALERT_COLOR_WARNING
		                                                       : IOT_GTK_ALERT_COLOR_INFO,
		                       IOT_GTK_ALERT_MARKER);
	if (pinned != NULL && *pinned != '\0') {
		esc = g_markup_escape_text(pinned, -1);
		/* An absolute size: Pidgin puts the name inside <span font_desc=''>,
		 * in which a relative one (<small>) comes out as nothing at all. */
		g_string_append_printf(s, "\n<span size='small' foreground='%s'>%s</span>", IOT_GTK_ALERT_COLOR_PINNED,
		                       esc);
		g_free(esc);
	}
	return g_string_free(s, FALSE);
}
