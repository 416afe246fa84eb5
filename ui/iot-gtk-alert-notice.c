/*
 * iot-gtk-alert-notice.c — the one notice of new alerts: a small window in
 * the screen's lower right corner, updated in place with the newest alert
 * and the unread count, never a window per alert; it does not take the
 * focus; a click anywhere on it (or Open) opens the inbox. See
 * iot-gtk-alert.h.
 */
#include "iot-gtk-alert.h"

#include <glib/gi18n-lib.h>

#define WIDTH 360
#define MARGIN 16
#define TEXT_CHARS 300

struct _IotGtkAlertNotice {
	IotGtkAlertNoticeOps ops;
	gpointer user_data;
	GtkWidget *window, *icon, *title, *source, *text, *ack;
	guint64 id;
	guint updates;
	guint questions;
	char *title_text, *text_text;
	gboolean closing;
};

static void
place(IotGtkAlertNotice *n)
{
	GdkScreen *screen = gtk_window_get_screen(GTK_WINDOW(n->window));
	GtkRequisition req;

	gtk_widget_size_request(n->window, &req);
	gtk_window_move(GTK_WINDOW(n->window), gdk_screen_get_width(screen) - req.width - MARGIN,
	                gdk_screen_get_height(screen) - req.height - MARGIN);
}

void
iot_gtk_alert_notice_activate(IotGtkAlertNotice *n)
{
	g_return_if_fail(n != NULL);
	if (n->ops.open_inbox != NULL)
		n->ops.open_inbox(n, n->user_data);
	if (!n->closing)
		gtk_widget_hide(n->window);
}

static gboolean
clicked(GtkWidget *w, GdkEventButton *ev, gpointer data)
{
	if (ev->type == GDK_BUTTON_PRESS && ev->button == 1) {
		iot_gtk_alert_notice_activate(data);
		return TRUE;
	}
	return FALSE;
}

static void
open_clicked(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_notice_activate(data);
}

static void
ack_clicked(GtkWidget *w, gpointer data)
{
	IotGtkAlertNotice *n = data;

	if (n->ops.acknowledge != NULL && n->id != 0)
		n->ops.acknowledge(n, n->id, n->user_data);
	if (!n->closing)
		gtk_widget_hide(n->window);
}

static gboolean
delete_event(GtkWidget *w, GdkEvent *ev, gpointer data)
{
	gtk_widget_hide(w);
	return TRUE;
}

static void
destroyed(GtkWidget *w, gpointer data)
{
	IotGtkAlertNotice *n = data;

	n->closing = TRUE;
	if (n->ops.on_closed != NULL)
		n->ops.on_closed(n, n->user_data);
	g_free(n->title_text);
	g_free(n->text_text);
	g_free(n);
}

IotGtkAlertNotice *
iot_gtk_alert_notice_new(const IotGtkAlertNoticeOps *ops, gpointer user_data)
{
	IotGtkAlertNotice *n = g_new0(IotGtkAlertNotice, 1);
	GtkWidget *frame, *events, *hbox, *vbox, *buttons, *open, *close;
	PangoAttrList *bold = pango_attr_list_new();

	if (ops != NULL)
		n->ops = *ops;
	n->user_data = user_data;
	n->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title(GTK_WINDOW(n->window), _("New alert"));
	gtk_window_set_role(GTK_WINDOW(n->window), "xmpp-iot-alert-notice");
	gtk_window_set_type_hint(GTK_WINDOW(n->window), GDK_WINDOW_TYPE_HINT_NOTIFICATION);
	gtk_window_set_focus_on_map(GTK_WINDOW(n->window), FALSE);
	gtk_window_set_keep_above(GTK_WINDOW(n->window), TRUE);
	gtk_window_set_skip_taskbar_hint(GTK_WINDOW(n->window), TRUE);
	gtk_window_set_skip_pager_hint(GTK_WINDOW(n->window), TRUE);
	gtk_window_set_resizable(GTK_WINDOW(n->window), FALSE);
	gtk_window_set_decorated(GTK_WINDOW(n->window), FALSE);

	frame = gtk_frame_new(NULL);
	gtk_frame_set_shadow_type(GTK_FRAME(frame), GTK_SHADOW_OUT);
	gtk_container_add(GTK_CONTAINER(n->window), frame);
	events = gtk_event_box_new();
	gtk_container_add(GTK_CONTAINER(frame), events);
	hbox = gtk_hbox_new(FALSE, 10);
	gtk_container_set_border_width(GTK_CONTAINER(hbox), 10);
	gtk_container_add(GTK_CONTAINER(events), hbox);
	n->icon = gtk_image_new_from_stock(GTK_STOCK_DIALOG_WARNING, GTK_ICON_SIZE_DIALOG);
	gtk_misc_set_alignment(GTK_MISC(n->icon), 0.5, 0);
	gtk_box_pack_start(GTK_BOX(hbox), n->icon, FALSE, FALSE, 0);
	vbox = gtk_vbox_new(FALSE, 4);
	gtk_box_pack_start(GTK_BOX(hbox), vbox, TRUE, TRUE, 0);

	n->title = gtk_label_new(NULL);
	pango_attr_list_insert(bold, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
	gtk_label_set_attributes(GTK_LABEL(n->title), bold);
	pango_attr_list_unref(bold);
	gtk_misc_set_alignment(GTK_MISC(n->title), 0, 0.5);
	/* "2 unread alerts, 1 question to answer" takes two lines */
	gtk_label_set_line_wrap(GTK_LABEL(n->title), TRUE);
	gtk_widget_set_size_request(n->title, WIDTH - 90, -1);
	gtk_box_pack_start(GTK_BOX(vbox), n->title, FALSE, FALSE, 0);
	n->source = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(n->source), 0, 0.5);
	gtk_label_set_ellipsize(GTK_LABEL(n->source), PANGO_ELLIPSIZE_END);
	gtk_box_pack_start(GTK_BOX(vbox), n->source, FALSE, FALSE, 0);
	n->text = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(n->text), 0, 0);
	gtk_label_set_line_wrap(GTK_LABEL(n->text), TRUE);
	gtk_label_set_line_wrap_mode(GTK_LABEL(n->text), PANGO_WRAP_WORD_CHAR);
	gtk_label_set_ellipsize(GTK_LABEL(n->text), PANGO_ELLIPSIZE_NONE);
	gtk_widget_set_size_request(n->text, WIDTH - 90, -1);
	gtk_box_pack_start(GTK_BOX(vbox), n->text, FALSE, FALSE, 0);

	buttons = gtk_hbox_new(FALSE, 6);
	gtk_box_pack_start(GTK_BOX(vbox), buttons, FALSE, FALSE, 4);
	open = gtk_button_new_with_mnemonic(_("_Open inbox"));
	g_signal_connect(open, "clicked", G_CALLBACK(open_clicked), n);
	gtk_box_pack_start(GTK_BOX(buttons), open, FALSE, FALSE, 0);
	n->ack = gtk_button_new_with_mnemonic(_("_Acknowledge"));
	g_signal_connect(n->ack, "clicked", G_CALLBACK(ack_clicked), n);
	gtk_box_pack_start(GTK_BOX(buttons), n->ack, FALSE, FALSE, 0);
	gtk_widget_set_sensitive(n->ack, n->ops.acknowledge != NULL);
	close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);
	g_signal_connect_swapped(close, "clicked", G_CALLBACK(gtk_widget_hide), n->window);
	gtk_box_pack_end(GTK_BOX(buttons), close, FALSE, FALSE, 0);

	gtk_widget_add_events(events, GDK_BUTTON_PRESS_MASK);
	g_signal_connect(events, "button-press-event", G_CALLBACK(clicked), n);
	g_signal_connect(n->window, "delete-event", G_CALLBACK(delete_event), n);
	g_signal_connect(n->window, "destroy", G_CALLBACK(destroyed), n);
	gtk_widget_show_all(frame);
	return n;
}

void
iot_gtk_alert_notice_destroy(IotGtkAlertNotice *n)
{
	if (n != NULL && !n->closing)
		gtk_widget_destroy(n->window);
}

static void
set_title(IotGtkAlertNotice *n, guint unread)
{
	char *t;

	if (unread > 0 && n->questions >= unread) {
		/* TRANSLATORS: the notice's title when all that is unread are owner questions. */
		t = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u question to answer", "%u questions to answer", unread),
		                    unread);
	} else if (unread > 0 && n->questions > 0) {
		char *alerts = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u unread alert", "%u unread alerts",
		                                           unread - n->questions), unread - n->questions);
		char *qs = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u question to answer", "%u questions to answer",
		                                       n->questions), n->questions);

		/* TRANSLATORS: the notice's title: "2 unread alerts, 1 question to answer". */
		t = g_strdup_printf(_("%s, %s"), alerts, qs);
		g_free(alerts);
		g_free(qs);
	} else if (unread > 0)
		/* TRANSLATORS: the notice's title: how many alerts are unread. */
		t = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u unread alert", "%u unread alerts", unread), unread);
	else
		t = g_strdup(_("Alerts"));
	gtk_label_set_text(GTK_LABEL(n->title), t);
	g_free(n->title_text);
	n->title_text = t;
}

void
iot_gtk_alert_notice_show(IotGtkAlertNotice *n, const IotAlert *alert, const char *source_name,
                          guint unread)
{
	gint64 now = g_get_real_time();
	char *time, *source, *text, *cut;

	g_return_if_fail(n != NULL && alert != NULL);
	n->id = alert->id;
	n->updates++;
	set_title(n, unread);
	time = iot_gtk_alert_format_time(alert->last, now);
	if (alert->source.node != NULL)
		/* TRANSLATORS: the notice's source line: severity, thing › node, time. */
		source = g_strdup_printf(_("%s · %s › %s · %s"), iot_alert_severity_text(alert->severity),
		                         source_name ? source_name : alert->source.thing, alert->source.node, time);
	else
		/* TRANSLATORS: the notice's source line: severity, thing, time. */
		source = g_strdup_printf(_("%s · %s · %s"), iot_alert_severity_text(alert->severity),
		                         source_name ? source_name : alert->source.thing, time);
	gtk_label_set_text(GTK_LABEL(n->source), source);
	cut = g_utf8_strlen(alert->text, -1) > TEXT_CHARS ? g_utf8_substring(alert->text, 0, TEXT_CHARS) : NULL;
	if (cut != NULL)
		text = g_strconcat(cut, "…", NULL);
	else
		text = g_strdup(alert->text);
	if (alert->count > 1 && !iot_alert_is_question(alert)) { /* a question says how often itself */
		char *t = text;

		text = g_strdup_printf(_("%s (×%u)"), t, alert->count);
		g_free(t);
	}
	gtk_label_set_text(GTK_LABEL(n->text), text);
	g_free(n->text_text);
	n->text_text = text;
	gtk_image_set_from_stock(GTK_IMAGE(n->icon), iot_gtk_alert_severity_icon(alert->severity),
	                         GTK_ICON_SIZE_DIALOG);
	/* A question wants an answer (in the inbox), not an acknowledgement. */
	gtk_widget_set_sensitive(n->ack, n->ops.acknowledge != NULL && iot_alert_is_open(alert) &&
	                                     !iot_alert_is_question(alert));
	gtk_widget_set_size_request(n->window, WIDTH, -1);
	gtk_window_resize(GTK_WINDOW(n->window), WIDTH, 1);
	place(n);
	if (!gtk_widget_get_visible(n->window))
		gtk_widget_show(n->window);
	g_free(time);
	g_free(source);
	g_free(cut);
}

void
iot_gtk_alert_notice_set_unread(IotGtkAlertNotice *n, guint unread)
{
	g_return_if_fail(n != NULL);
	set_title(n, unread);
	if (unread == 0)
		gtk_widget_hide(n->window);
}

void
iot_gtk_alert_notice_set_questions(IotGtkAlertNotice *n, guint questions)
{
	g_return_if_fail(n != NULL);
	n->questions = questions;
}

void
iot_gtk_alert_notice_hide(IotGtkAlertNotice *n)
{
	g_return_if_fail(n != NULL);
	gtk_widget_hide(n->window);
}

GtkWidget *
iot_gtk_alert_notice_get_window(IotGtkAlertNotice *n)
{
	return n->window;
}

const char *
iot_gtk_alert_notice_get_title(IotGtkAlertNotice *n)
{
	return n->title_text ? n->title_text : "";
}

const char *
iot_gtk_alert_notice_get_text(IotGtkAlertNotice *n)
{
	return n->text_text ? n->text_text : "";
}

guint
iot_gtk_alert_notice_get_updates(IotGtkAlertNotice *n)
{
	return n->updates;
}
