/*
 * iot-gtk-alert-question.c — the answer buttons of an owner question in the
 * alerts inbox: when one question entry is selected, a row of "Yes, …"
 * buttons, a row of "No, …" buttons and "Answer with limits…" appear
 * below its details. See iot-gtk-alert.h.
 */
#include "iot-gtk-alert-private.h"

#include <glib/gi18n-lib.h>

/* Buttons in a row before the next row starts. */
#define PER_ROW 4

static void
answer_clicked(GtkWidget *b, gpointer data)
{
	IotGtkAlertInbox *win = data;
	guint choice = GPOINTER_TO_UINT(g_object_get_data(G_OBJECT(b), "choice"));
	guint64 id = win->question_id;

	if (id != 0 && win->ops.answer != NULL)
		win->ops.answer(win, id, choice, win->user_data);
}

static void
limits_clicked(GtkWidget *b, gpointer data)
{
	IotGtkAlertInbox *win = data;

	if (win->question_id != 0 && win->ops.answer_with_limits != NULL)
		win->ops.answer_with_limits(win, win->question_id, win->user_data);
}

void
iot_gtk_alert_question_build(IotGtkAlertInbox *win, GtkWidget *box)
{
	GtkWidget *label;

	win->answer_buttons = g_ptr_array_new();
	win->question_box = gtk_vbox_new(FALSE, 4);
	label = gtk_label_new(NULL);
	/* TRANSLATORS: above the answer buttons of an owner question in the alerts inbox. */
	gtk_label_set_markup(GTK_LABEL(label), _("<b>Answer this question:</b>"));
	gtk_misc_set_alignment(GTK_MISC(label), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(win->question_box), label, FALSE, FALSE, 0);
	win->question_buttons = gtk_table_new(1, PER_ROW, FALSE);
	gtk_table_set_row_spacings(GTK_TABLE(win->question_buttons), 4);
	gtk_table_set_col_spacings(GTK_TABLE(win->question_buttons), 4);
	gtk_box_pack_start(GTK_BOX(win->question_box), win->question_buttons, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), win->question_box, FALSE, FALSE, 0);
	/* Shown only for a question: show_all of the window leaves it alone. */
	gtk_widget_set_no_show_all(win->question_box, TRUE);
	gtk_widget_show(label);
	gtk_widget_show(win->question_buttons);
}

static void
clear_buttons(IotGtkAlertInbox *win)
{
	GList *children = gtk_container_get_children(GTK_CONTAINER(win->question_buttons)), *l;

	for (l = children; l != NULL; l = l->next)
		gtk_widget_destroy(l->data);
	g_list_free(children);
	g_ptr_array_set_size(win->answer_buttons, 0);
	win->limits_button = NULL;
	win->question_id = 0;
}

static GtkWidget *
add_button(IotGtkAlertInbox *win, const char *label, guint row, guint col)
{
	GtkWidget *b = gtk_button_new_with_label(label);

	gtk_table_attach(GTK_TABLE(win->question_buttons), b, col, col + 1, row, row + 1, GTK_FILL, 0, 0, 0);
	gtk_widget_show(b);
	return b;
}

/* The buttons of @labels: the yes-answers on the first rows, the
 * no-answers below (a new row where the answer turns), then "with limits". */
static void
fill_buttons(IotGtkAlertInbox *win, GPtrArray *labels)
{
	guint i, row = 0, col = 0;
	gboolean was_yes = TRUE;

	for (i = 0; i < labels->len; i++) {
		const char *label = g_ptr_array_index(labels, i);
		/* The adapter lists every yes before the first no. */
		gboolean yes = i < labels->len - MIN(labels->len, 3);
		GtkWidget *b;

		if ((was_yes && !yes && col > 0) || col == PER_ROW) {
			row++;
			col = 0;
		}
		was_yes = yes;
		b = add_button(win, label, row, col++);
		g_object_set_data(G_OBJECT(b), "choice", GUINT_TO_POINTER(i));
		g_signal_connect(b, "clicked", G_CALLBACK(answer_clicked), win);
		g_ptr_array_add(win->answer_buttons, b);
	}
	if (col == PER_ROW) {
		row++;
		col = 0;
	}
	/* TRANSLATORS: opens the question's window: answer for some fields,
	 * categories or parameters only. */
	win->limits_button = add_button(win, _("Answer with limits…"), row, col);
	gtk_widget_set_sensitive(win->limits_button, win->ops.answer_with_limits != NULL);
	g_signal_connect(win->limits_button, "clicked", G_CALLBACK(limits_clicked), win);
}

void
iot_gtk_alert_question_update(IotGtkAlertInbox *win, const IotAlert *one)
{
	GPtrArray *labels = NULL;

	if (win->question_box == NULL)
		return;
	if (one != NULL && iot_alert_is_question(one) && one->id == win->question_id && win->answer_buttons->len > 0)
		return; /* its buttons are shown already */
	if (one != NULL && iot_alert_is_question(one) && win->ops.question_choices != NULL)
		labels = win->ops.question_choices(win, one->id, win->user_data);
	clear_buttons(win);
	if (labels == NULL || labels->len == 0) {
		gtk_widget_hide(win->question_box);
		if (labels != NULL)
			g_ptr_array_unref(labels);
		return;
	}
	fill_buttons(win, labels);
	win->question_id = one->id;
	gtk_widget_set_sensitive(win->question_buttons, win->ops.answer != NULL);
	gtk_widget_show(win->question_box);
	g_ptr_array_unref(labels);
}

void
iot_gtk_alert_question_close(IotGtkAlertInbox *win)
{
	if (win->answer_buttons != NULL)
		g_ptr_array_unref(win->answer_buttons);
	win->answer_buttons = NULL;
	win->question_box = NULL;
	win->limits_button = NULL;
}

GtkWidget *
iot_gtk_alert_inbox_get_question_box(IotGtkAlertInbox *win)
{
	return win->question_box;
}

GtkWidget *
iot_gtk_alert_inbox_get_answer_button(IotGtkAlertInbox *win, guint i)
{
	return win->answer_buttons != NULL && i < win->answer_buttons->len ? g_ptr_array_index(win->answer_buttons, i)
	                                                                  : NULL;
}

GtkWidget *
iot_gtk_alert_inbox_get_limits_button(IotGtkAlertInbox *win)
{
	return win->limits_button;
}
