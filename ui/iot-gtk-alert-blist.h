/*
 * iot-gtk-alert-blist.h — what a thing's row in the buddy list shows of its
 * alerts: a marker after its name while it has an active alert (a warning
 * sign in the colour of the highest severity) and, on the line under the
 * name, the values the person pinned ("21.5 °C · 45 %").
 *
 * Pidgin 2 lets a plugin draw a buddy's name through the "drawing-buddy"
 * signal of the buddy list (it returns the name as Pango markup); emblems
 * come from the protocol only. The markup is built here, apart from Pidgin,
 * so that the window tests render it: every string is escaped.
 */
#ifndef IOT_GTK_ALERT_BLIST_H
#define IOT_GTK_ALERT_BLIST_H

#include <glib.h>

#include "iot-alert.h"

/* The marker's characters and colours. */
#define IOT_GTK_ALERT_MARKER "\xe2\x9a\xa0" /* ⚠ */
#define IOT_GTK_ALERT_COLOR_ALARM "#cc0000"
#define IOT_GTK_ALERT_COLOR_WARNING "#d97a00"
#define IOT_GTK_ALERT_COLOR_INFO "#3465a4"
#define IOT_GTK_ALERT_COLOR_PINNED "#555753"

/* Returns: (transfer full) (nullable): Pango markup for the name of a
 * buddy called @name (plain text), with the marker when @active (of
 * @severity) and @pinned (plain text, nullable) on a second, smaller line;
 * NULL when there is neither (Pidgin then draws the name itself). g_free(). */
char *iot_gtk_alert_blist_markup(const char *name, gboolean active, IotAlertSeverity severity,
                                 const char *pinned);

#endif
