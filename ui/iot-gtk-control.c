/*
 * iot-gtk-control.c — the control dialog: the window, its header, the
 * status line and the buttons (Send, Revert, Reload, Close); the busy
 * states of sending and posting back; what the person's edits do; the
 * dialog's life. The owner's answers (forms, results) are handled in
 * iot-gtk-control-form.c, the body in iot-gtk-control-layout.c, each
 * field in iot-gtk-control-fields.c and iot-gtk-control-values.c.
 */
#include "iot-gtk-control-private.h"

#include "iot-format.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define DEFAULT_HEIGHT 180

/* ---- status and buttons -------------------------------------------------------- */

static void
show_status(IotGtkControl *dlg, const char *text, gboolean is_error)
{
	char *clean = iot_format_clean(text != NULL ? text : "", 400);

	/* Plain text: the owner's sentence may quote what a thing said. */
	gtk_label_set_text(GTK_LABEL(dlg->status_label), clean);
	iot_gtk_control_label_look(dlg->status_label, FALSE, FALSE, 1.0,
	                           is_error ? IOT_GTK_CONTROL_COLOR_ERROR : NULL);
	gtk_widget_set_visible(dlg->status_icon, is_error && *clean != '\0');
	g_free(clean);
}

/* Whether anything differs from what the dialog opened with. */
static gboolean
revertible(IotGtkControl *dlg)
{
	GPtrArray *changed;
	gboolean any;
	guint i;

	for (i = 0; i < dlg->fields->len; i++) {
		IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);
		IotFormField *f = iot_dataform_find(dlg->form, cf->var);

		/* Not the thing's own errors: there is nothing of the person's to undo. */
		if (cf->input_error != NULL || (f != NULL && f->edited))
			return TRUE;
	}
	changed = iot_dataform_changed(dlg->form, dlg->opened);
	any = changed->len > 0;
	g_ptr_array_unref(changed);
	return any;
}

/* Sets the buttons and the status line after anything changed. */
void
iot_gtk_control_update(IotGtkControl *dlg)
{
	guint i, invalid = 0, changed = 0;
	gboolean ready = dlg->form != NULL && !dlg->busy && dlg->online;

	if (dlg->form != NULL) {
		GPtrArray *c = iot_dataform_changed(dlg->form, dlg->baseline);

		changed = c->len;
		g_ptr_array_unref(c);
	}
	for (i = 0; i < dlg->fields->len; i++)
		if (iot_gtk_control_field_invalid(g_ptr_array_index(dlg->fields, i)))
			invalid++;
	gtk_widget_set_sensitive(dlg->send_button,
	                         ready && invalid == 0 && (changed > 0 || dlg->send_unchanged));
	gtk_widget_set_sensitive(dlg->revert_button, ready && revertible(dlg));
	gtk_widget_set_sensitive(dlg->reload_button,
	                         dlg->cbs.on_reload != NULL && !dlg->busy && dlg->online);

	if (dlg->busy) {
		show_status(dlg, dlg->busy_text, FALSE);
	} else if (invalid > 0) {
		char *text = g_strdup_printf(
		    /* TRANSLATORS: status line of the control dialog; Send stays off meanwhile. */
		    g_dngettext(GETTEXT_PACKAGE, "%u field has a wrong value.", "%u fields have wrong values.", invalid),
		    invalid);

		show_status(dlg, text, TRUE);
		g_free(text);
	} else if (dlg->status_text != NULL) {
		show_status(dlg, dlg->status_text, dlg->status_error);
	} else if (changed > 0 && dlg->online) {
		char *text = g_strdup_printf(
		    /* TRANSLATORS: status line of the control dialog. */
		    g_dngettext(GETTEXT_PACKAGE, "%u change not sent yet.", "%u changes not sent yet.", changed), changed);

		show_status(dlg, text, FALSE);
		g_free(text);
	} else {
		show_status(dlg, NULL, FALSE);
	}
}

void
iot_gtk_control_set_owner_status(IotGtkControl *dlg, const char *text, gboolean is_error)
{
	g_free(dlg->status_text);
	dlg->status_text = g_strdup(text);
	dlg->status_error = is_error;
}

/* Busy: Send, Revert and Reload are off and the spinner turns. @lock also
 * greys the form out, so that what is shown is what was sent. */
static void
set_busy(IotGtkControl *dlg, const char *text, gboolean lock)
{
	dlg->busy = TRUE;
	dlg->busy_text = text;
	gtk_widget_show(dlg->spinner);
	gtk_spinner_start(GTK_SPINNER(dlg->spinner));
	dlg->locked = lock;
	if (lock && dlg->body != NULL)
		gtk_widget_set_sensitive(dlg->body, FALSE);
	iot_gtk_control_update(dlg);
}

void
iot_gtk_control_end_busy(IotGtkControl *dlg)
{
	if (dlg->post_back_id != 0) {
		g_source_remove(dlg->post_back_id);
		dlg->post_back_id = 0;
	}
	dlg->busy = dlg->locked = FALSE;
	dlg->busy_text = NULL;
	gtk_spinner_stop(GTK_SPINNER(dlg->spinner));
	gtk_widget_hide(dlg->spinner);
	if (dlg->body != NULL)
		gtk_widget_set_sensitive(dlg->body, dlg->online);
}

/* ---- the person's edits --------------------------------------------------------------- */

void
iot_gtk_control_edited(IotGtkControl *dlg, IotGtkControlField *cf, gboolean commit)
{
	if (dlg->loading > 0 || dlg->closing || dlg->form == NULL)
		return;
	iot_gtk_control_field_read(cf);
	/* The thing's word on the former value no longer applies. */
	g_clear_pointer(&cf->result_error, g_free);
	iot_gtk_control_set_owner_status(dlg, NULL, FALSE);
	iot_gtk_control_field_show_message(cf);
	iot_gtk_control_update(dlg);
	if (commit)
		iot_gtk_control_commit(dlg, cf);
}

static gboolean
post_back_idle(gpointer data)
{
	IotGtkControl *dlg = data;

	dlg->post_back_id = 0;
	/* Last: the owner may answer, or close the dialog, right away. */
	dlg->cbs.on_post_back(dlg, dlg->user_data);
	return FALSE;
}

void
iot_gtk_control_start_post_back(IotGtkControl *dlg)
{
	/* TRANSLATORS: status line while the thing makes a new form for a change. */
	set_busy(dlg, _("Updating the form…"), FALSE);
	/* From the main loop, not from inside the widget's own signal: the
	 * answer may replace the very widget that is still handling it. */
	dlg->post_back_id = g_idle_add(post_back_idle, dlg);
}

void
iot_gtk_control_commit(IotGtkControl *dlg, IotGtkControlField *cf)
{
	IotFormField *f;

	cf->pending = FALSE;
	if (!cf->post_back || dlg->closing || dlg->loading > 0 || dlg->form == NULL || dlg->cbs.on_post_back == NULL ||
	    iot_gtk_control_field_invalid(cf) || !dlg->online)
		return;
	f = iot_dataform_find(dlg->form, cf->var);
	if (f == NULL || !iot_dataform_field_changed(f, dlg->arrived))
		return;
	if (dlg->busy) {
		/* Another post-back is on its way: this change goes after it. */
		dlg->post_again = !dlg->locked;
		return;
	}
	iot_gtk_control_start_post_back(dlg);
}

/* ---- buttons ---------------------------------------------------------------------------------- */

static void
send_cb(GtkButton *b, IotGtkControl *dlg)
{
	GPtrArray *changed;
	gboolean ok = dlg->form != NULL && !dlg->busy && dlg->online;
	guint i;

	/* Checked again here, not trusted from the button's state. */
	for (i = 0; ok && i < dlg->fields->len; i++) {
		IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);

		iot_gtk_control_field_check(cf);
		ok = !iot_gtk_control_field_invalid(cf);
	}
	if (!ok) {
		iot_gtk_control_update(dlg);
		return;
	}
	changed = iot_dataform_changed(dlg->form, dlg->baseline);
	ok = changed->len > 0 || dlg->send_unchanged;
	g_ptr_array_unref(changed);
	if (!ok)
		return;
	/* Busy before the owner hears of it: a second click finds it so. */
	/* TRANSLATORS: status line while the changes are on their way. */
	set_busy(dlg, dlg->look_sending != NULL ? dlg->look_sending : _("Sending…"), TRUE);
	dlg->cbs.on_send(dlg, dlg->user_data);
}

static void
revert_cb(GtkButton *b, IotGtkControl *dlg)
{
	guint i;

	if (dlg->form == NULL || dlg->busy)
		return;
	iot_dataform_revert(dlg->form, dlg->opened);
	for (i = 0; i < dlg->form->fields->len; i++)
		g_clear_pointer(&((IotFormField *)g_ptr_array_index(dlg->form->fields, i))->error,
		                g_free);
	for (i = 0; i < dlg->fields->len; i++) {
		IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);

		g_clear_pointer(&cf->result_error, g_free);
		iot_gtk_control_field_load(cf);
		iot_gtk_control_field_show_message(cf);
	}
	iot_gtk_control_set_owner_status(dlg, NULL, FALSE);
	iot_gtk_control_update(dlg);
}

static void
reload_cb(GtkButton *b, IotGtkControl *dlg)
{
	if (dlg->busy || dlg->cbs.on_reload == NULL)
		return;
	/* TRANSLATORS: status line while the form is asked for (again). */
	set_busy(dlg, dlg->look_waiting != NULL ? dlg->look_waiting : _("Asking for the control form…"),
	         TRUE);
	dlg->cbs.on_reload(dlg, dlg->user_data);
}

static void
close_cb(GtkButton *b, IotGtkControl *dlg)
{
	iot_gtk_control_close(dlg);
}

static gboolean
key_cb(GtkWidget *w, GdkEventKey *ev, IotGtkControl *dlg)
{
	if (ev->keyval == GDK_Escape && (ev->state & gtk_accelerator_get_default_mod_mask()) == 0) {
		iot_gtk_control_close(dlg);
		return TRUE;
	}
	return FALSE;
}

static void
destroy_cb(GtkWidget *w, IotGtkControl *dlg)
{
	dlg->closing = TRUE;
	dlg->loading++;
	if (dlg->post_back_id != 0)
		g_source_remove(dlg->post_back_id);
	if (dlg->reveal_id != 0)
		g_source_remove(dlg->reveal_id);
	g_free(dlg->reveal_var);
	/* The owner may still read the form (a session to cancel). */
	if (dlg->cbs.on_closed != NULL)
		dlg->cbs.on_closed(dlg, dlg->user_data);
	iot_gtk_control_drop_body(dlg);
	g_ptr_array_unref(dlg->fields);
	g_hash_table_destroy(dlg->by_var);
	iot_dataform_free(dlg->form);
	iot_form_values_free(dlg->opened);
	iot_form_values_free(dlg->baseline);
	iot_form_values_free(dlg->arrived);
	g_free(dlg->status_text);
	g_free(dlg->thing_label);
	g_free(dlg->look_waiting);
	g_free(dlg->look_sending);
	g_free(dlg);
}

/* ---- the window ------------------------------------------------------------------------------- */

static GtkWidget *
header_label(GtkBox *box, gboolean bold, gboolean italic, double scale)
{
	GtkWidget *label = iot_gtk_control_wrap_label(NULL, IOT_GTK_CONTROL_TEXT_WIDTH);

	iot_gtk_control_label_look(label, bold, italic, scale, NULL);
	gtk_label_set_selectable(GTK_LABEL(label), TRUE);
	/* Selectable, but not a stop for Tab (and not selected when the window opens). */
	gtk_widget_set_can_focus(label, FALSE);
	gtk_widget_set_no_show_all(label, TRUE);
	gtk_box_pack_start(box, label, FALSE, FALSE, 0);
	return label;
}

static GtkWidget *
button(GtkWidget *bbox, const char *stock, const char *mnemonic, GCallback cb,
       IotGtkControl *dlg)
{
	GtkWidget *b;

	if (mnemonic != NULL) {
		b = gtk_button_new_with_mnemonic(mnemonic);
		gtk_button_set_image(GTK_BUTTON(b), gtk_image_new_from_stock(stock, GTK_ICON_SIZE_BUTTON));
	} else {
		b = gtk_button_new_from_stock(stock);
	}
	g_signal_connect(b, "clicked", cb, dlg);
	gtk_box_pack_start(GTK_BOX(bbox), b, FALSE, FALSE, 0);
	return b;
}

IotGtkControl *
iot_gtk_control_new(const char *thing_label, const IotGtkControlCallbacks *callbacks,
                    gpointer user_data)
{
	IotGtkControl *dlg;
	GtkWidget *bbox, *status;
	char *label, *title;

	g_return_val_if_fail(callbacks != NULL && callbacks->on_send != NULL, NULL);
	dlg = g_new0(IotGtkControl, 1);
	dlg->cbs = *callbacks;
	dlg->user_data = user_data;
	dlg->thing_label = g_strdup(thing_label != NULL ? thing_label : "");
	dlg->online = TRUE;
	dlg->fields = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_control_field_free);
	dlg->by_var = g_hash_table_new(g_str_hash, g_str_equal);

	dlg->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	label = iot_format_clean(dlg->thing_label, IOT_GTK_CONTROL_TITLE_CHARS);
	/* TRANSLATORS: title of the control dialog, "Control — Desk lamp (lamp@home.example)". */
	title = g_strdup_printf(_("Control — %s"), label);
	gtk_window_set_title(GTK_WINDOW(dlg->window), title);
	g_free(title);
	g_free(label);
	gtk_window_set_role(GTK_WINDOW(dlg->window), "xmpp-iot-control");
	gtk_window_set_type_hint(GTK_WINDOW(dlg->window), GDK_WINDOW_TYPE_HINT_DIALOG);
	gtk_window_set_default_size(GTK_WINDOW(dlg->window), IOT_GTK_CONTROL_WIDTH, DEFAULT_HEIGHT);
	gtk_container_set_border_width(GTK_CONTAINER(dlg->window), IOT_GTK_CONTROL_BORDER);
	g_signal_connect(dlg->window, "destroy", G_CALLBACK(destroy_cb), dlg);
	g_signal_connect(dlg->window, "key-press-event", G_CALLBACK(key_cb), dlg);

	dlg->vbox = gtk_vbox_new(FALSE, IOT_GTK_CONTROL_BORDER);
	gtk_container_add(GTK_CONTAINER(dlg->window), dlg->vbox);

	/* 0: the header */
	dlg->header = gtk_vbox_new(FALSE, IOT_GTK_CONTROL_ROW_SPACING);
	dlg->title_label = header_label(GTK_BOX(dlg->header), TRUE, FALSE, PANGO_SCALE_LARGE);
	dlg->instructions_label = header_label(GTK_BOX(dlg->header), FALSE, FALSE, 1.0);
	dlg->notes_label = header_label(GTK_BOX(dlg->header), FALSE, TRUE, 1.0);
	gtk_widget_set_no_show_all(dlg->header, TRUE);
	gtk_box_pack_start(GTK_BOX(dlg->vbox), dlg->header, FALSE, FALSE, 0);

	/* 2: the status line, 3: the buttons (the body goes in at 1) */
	status = gtk_hbox_new(FALSE, IOT_GTK_CONTROL_ROW_SPACING);
	dlg->spinner = gtk_spinner_new();
	gtk_widget_set_no_show_all(dlg->spinner, TRUE);
	gtk_box_pack_start(GTK_BOX(status), dlg->spinner, FALSE, FALSE, 0);
	dlg->status_icon = gtk_image_new_from_stock(GTK_STOCK_DIALOG_ERROR, GTK_ICON_SIZE_MENU);
	gtk_misc_set_alignment(GTK_MISC(dlg->status_icon), 0.5, 0.0);
	gtk_widget_set_no_show_all(dlg->status_icon, TRUE);
	gtk_box_pack_start(GTK_BOX(status), dlg->status_icon, FALSE, FALSE, 0);
	dlg->status_label = gtk_label_new(NULL);
	gtk_label_set_line_wrap(GTK_LABEL(dlg->status_label), TRUE);
	gtk_widget_set_size_request(dlg->status_label, IOT_GTK_CONTROL_TEXT_WIDTH - 40, -1);
	gtk_misc_set_alignment(GTK_MISC(dlg->status_label), 0.0, 0.5);
	gtk_box_pack_start(GTK_BOX(status), dlg->status_label, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(dlg->vbox), status, FALSE, FALSE, 0);

	bbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(bbox), GTK_BUTTONBOX_END);
	gtk_box_set_spacing(GTK_BOX(bbox), IOT_GTK_CONTROL_ROW_SPACING);
	dlg->revert_button = button(bbox, GTK_STOCK_REVERT_TO_SAVED, NULL, G_CALLBACK(revert_cb), dlg);
	/* TRANSLATORS: button of the control dialog: ask the thing for its form again. */
	dlg->reload_button = button(bbox, GTK_STOCK_REFRESH, _("Re_load"), G_CALLBACK(reload_cb), dlg);
	gtk_button_box_set_child_secondary(GTK_BUTTON_BOX(bbox), dlg->revert_button, TRUE);
	gtk_button_box_set_child_secondary(GTK_BUTTON_BOX(bbox), dlg->reload_button, TRUE);
	dlg->close_button = button(bbox, GTK_STOCK_CLOSE, NULL, G_CALLBACK(close_cb), dlg);
	/* TRANSLATORS: button of the control dialog: send the changed values. */
	dlg->send_button = button(bbox, GTK_STOCK_APPLY, _("_Send"), G_CALLBACK(send_cb), dlg);
	gtk_widget_set_can_default(dlg->send_button, TRUE);
	gtk_box_pack_end(GTK_BOX(dlg->vbox), bbox, FALSE, FALSE, 0);
	if (callbacks->on_reload == NULL)
		gtk_widget_set_no_show_all(dlg->reload_button, TRUE);

	gtk_widget_show_all(dlg->vbox);
	gtk_widget_grab_default(dlg->send_button);
	/* TRANSLATORS: shown in the control dialog until the thing sends its form. */
	iot_gtk_control_show_placeholder(dlg, _("Asking for the control form…"), TRUE, FALSE);
	/* Busy without the status line's spinner: the placeholder has its own. */
	dlg->busy = TRUE;
	iot_gtk_control_update(dlg);
	return dlg;
}

void
iot_gtk_control_set_look(IotGtkControl *dlg, const IotGtkControlLook *look)
{
	g_return_if_fail(dlg != NULL && look != NULL);
	if (look->title != NULL) {
		char *title = iot_format_clean(look->title, IOT_GTK_CONTROL_TITLE_CHARS);

		gtk_window_set_title(GTK_WINDOW(dlg->window), title);
		g_free(title);
	}
	if (look->send_label != NULL)
		gtk_button_set_label(GTK_BUTTON(dlg->send_button), look->send_label);
	if (look->sending != NULL) {
		g_free(dlg->look_sending);
		dlg->look_sending = g_strdup(look->sending);
	}
	if (look->waiting != NULL) {
		g_free(dlg->look_waiting);
		dlg->look_waiting = g_strdup(look->waiting);
		/* Still waiting for the first form: say what for. */
		if (dlg->form == NULL && dlg->placeholder != NULL && dlg->busy) {
			iot_gtk_control_show_placeholder(dlg, dlg->look_waiting, TRUE, FALSE);
			dlg->busy = TRUE;
		}
	}
	dlg->send_unchanged = look->send_unchanged;
	iot_gtk_control_update(dlg);
}

GtkWidget *
iot_gtk_control_get_window(IotGtkControl *dlg)
{
	g_return_val_if_fail(dlg != NULL, NULL);
	return dlg->window;
}

void
iot_gtk_control_close(IotGtkControl *dlg)
{
	g_return_if_fail(dlg != NULL);
	if (!dlg->closing)
		gtk_widget_destroy(dlg->window);
}

/* ---- for tests -------------------------------------------------------------------------------- */

GtkWidget *
iot_gtk_control_get_field_widget(IotGtkControl *dlg, const char *var)
{
	IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, var);

	return cf != NULL ? cf->input : NULL;
}

GtkWidget *
iot_gtk_control_get_field_error_label(IotGtkControl *dlg, const char *var)
{
	IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, var);

	return cf != NULL ? cf->error : NULL;
}

GtkWidget *
iot_gtk_control_get_field_hint_label(IotGtkControl *dlg, const char *var)
{
	IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, var);

	return cf != NULL ? cf->hint : NULL;
}

GtkWidget *
iot_gtk_control_get_field_entry(IotGtkControl *dlg, const char *var)
{
	IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, var);

	return cf != NULL ? cf->entry : NULL;
}

GtkWidget *
iot_gtk_control_get_field_caption(IotGtkControl *dlg, const char *var)
{
	IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, var);

	return cf != NULL ? cf->caption : NULL;
}

gboolean
iot_gtk_control_field_differs(IotGtkControl *dlg, const char *var)
{
	IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, var);

	return cf != NULL && cf->differ;
}

GtkWidget *
iot_gtk_control_get_notebook(IotGtkControl *dlg)
{
	return dlg->notebook;
}

GtkWidget *
iot_gtk_control_get_send_button(IotGtkControl *dlg)
{
	return dlg->send_button;
}

GtkWidget *
iot_gtk_control_get_revert_button(IotGtkControl *dlg)
{
	return dlg->revert_button;
}

GtkWidget *
iot_gtk_control_get_reload_button(IotGtkControl *dlg)
{
	return dlg->reload_button;
}

GtkWidget *
iot_gtk_control_get_status_label(IotGtkControl *dlg)
{
	return dlg->status_label;
}
