/*
 * iot-gtk-control-form.c — the control dialog's form and the owner's
 * answers: a new form (the first, a reload, or a post-back's answer that
 * keeps the person's edits, page and focus), the result of a send (the
 * thing's errors under their fields, what it applied as the new baseline),
 * status sentences, and the account going offline.
 */
#include "iot-gtk-control-private.h"

#include "iot-dynform.h"
#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The dialog grows with its form up to this share of the screen's height,
 * then scrolls. */
#define MAX_SCREEN_SHARE 0.8

static IotGtkControlField *
focused_field(IotGtkControl *dlg)
{
	GtkWidget *w = gtk_window_get_focus(GTK_WINDOW(dlg->window));

	for (; w != NULL; w = gtk_widget_get_parent(w)) {
		IotGtkControlField *cf = g_object_get_data(G_OBJECT(w), "iot-control-field");

		if (cf != NULL)
			return cf;
	}
	return NULL;
}

void
iot_gtk_control_drop_body(IotGtkControl *dlg)
{
	if (dlg->body != NULL)
		gtk_widget_destroy(dlg->body);
	dlg->body = dlg->notebook = dlg->placeholder = NULL;
	/* After the widgets: their last signals still find their fields. */
	g_hash_table_remove_all(dlg->by_var);
	g_ptr_array_set_size(dlg->fields, 0);
}

static void
set_body(IotGtkControl *dlg, GtkWidget *body)
{
	dlg->body = body;
	gtk_box_pack_start(GTK_BOX(dlg->vbox), body, TRUE, TRUE, 0);
	gtk_box_reorder_child(GTK_BOX(dlg->vbox), body, 1);
	gtk_widget_show_all(body);
}

/* Instead of a form: "Asking for the control form…" with a spinner, or
 * why there is none. */
void
iot_gtk_control_show_placeholder(IotGtkControl *dlg, const char *text, gboolean waiting, gboolean is_error)
{
	GtkWidget *box = gtk_hbox_new(FALSE, IOT_GTK_CONTROL_ROW_SPACING), *align, *label;
	char *clean = iot_format_clean(text, 400);

	iot_gtk_control_drop_body(dlg);
	if (waiting) {
		GtkWidget *spinner = gtk_spinner_new();

		gtk_spinner_start(GTK_SPINNER(spinner));
		gtk_box_pack_start(GTK_BOX(box), spinner, FALSE, FALSE, 0);
	} else if (is_error) {
		gtk_box_pack_start(GTK_BOX(box),
		                   gtk_image_new_from_stock(GTK_STOCK_DIALOG_ERROR,
		                                            GTK_ICON_SIZE_LARGE_TOOLBAR),
		                   FALSE, FALSE, 0);
	}
	label = dlg->placeholder = gtk_label_new(NULL);
	gtk_label_set_text(GTK_LABEL(label), clean);
	gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
	gtk_label_set_selectable(GTK_LABEL(label), !waiting);
	gtk_widget_set_can_focus(label, FALSE);
	iot_gtk_control_label_look(label, FALSE, waiting, 1.0, waiting ? "#777777" : NULL);
	gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
	align = gtk_alignment_new(0.5, 0.5, 0.0, 0.0);
	gtk_container_add(GTK_CONTAINER(align), box);
	set_body(dlg, align);
	g_free(clean);
}

static void
set_header_label(GtkWidget *label, const char *text)
{
	gtk_label_set_text(GTK_LABEL(label), text != NULL ? text : "");
	if (text != NULL && *text != '\0')
		gtk_widget_show(label);
	else
		gtk_widget_hide(label);
}

static void
show_header(IotGtkControl *dlg)
{
	const IotDataForm *form = dlg->form;
	char *notes = NULL, *title = form->title ? iot_format_clean(form->title, IOT_GTK_CONTROL_TITLE_CHARS)
	                                         : NULL;

	if (form->notes != NULL && form->notes->len > 0)
		notes = iot_gtk_control_join_lines(form->notes);
	set_header_label(dlg->title_label, title);
	set_header_label(dlg->instructions_label, form->instructions);
	set_header_label(dlg->notes_label, notes);
	gtk_widget_set_visible(dlg->header, title != NULL || form->instructions != NULL ||
	                                        notes != NULL);
	g_free(title);
	g_free(notes);
}

/* The size the window wants for the form as it is shown now: its tallest
 * page, up to 80 % of the screen. */
static void
wanted_size(IotGtkControl *dlg, int *w, int *h)
{
	GPtrArray *contents = g_object_get_data(G_OBJECT(dlg->body), "iot-control-contents");
	GdkScreen *screen = gtk_widget_get_screen(dlg->window);
	GtkRequisition req, sw_req;

	gtk_widget_size_request(dlg->window, &req);
	/* A scrolled page asks for little height: add what its content wants. */
	if (contents != NULL && contents->len > 0) {
		gtk_widget_size_request(gtk_widget_get_ancestor(g_ptr_array_index(contents, 0),
		                                                GTK_TYPE_SCROLLED_WINDOW),
		                        &sw_req);
		req.height += MAX(0, iot_gtk_control_body_height(dlg) - sw_req.height) + 4;
	}
	*h = MIN(req.height, (int)(gdk_screen_get_height(screen) * MAX_SCREEN_SHARE));
	*w = MIN(MAX(req.width, IOT_GTK_CONTROL_WIDTH), (int)(gdk_screen_get_width(screen) * 0.9));
}

/* The first form sizes the window; later forms keep the size the person
 * may have chosen. */
static void
size_window(IotGtkControl *dlg)
{
	int w, h;

	wanted_size(dlg, &w, &h);
	gtk_window_resize(GTK_WINDOW(dlg->window), w, h);
	dlg->sized = TRUE;
}

/* Messages under fields take room: the window grows for them (within the
 * same bound) instead of hiding them behind a scroll bar; it never shrinks. */
static void
grow_window(IotGtkControl *dlg)
{
	int w, h, cw, ch;

	if (!dlg->sized || dlg->body == NULL)
		return;
	wanted_size(dlg, &w, &h);
	gtk_window_get_size(GTK_WINDOW(dlg->window), &cw, &ch);
	if (h > ch)
		gtk_window_resize(GTK_WINDOW(dlg->window), cw, h);
}

/* Adds to @values the fields of @form it does not know (new in a post-back
 * answer): a field nobody touched is not a change. */
static void
learn_new_fields(IotFormValues *values, const IotDataForm *form)
{
	guint i;

	for (i = 0; i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);
		GPtrArray *v;

		if (f->var == NULL || iot_form_values_get(values, f->var) != NULL)
			continue;
		v = g_ptr_array_new();
		g_ptr_array_extend(v, f->values, NULL, NULL);
		g_ptr_array_add(v, NULL);
		iot_form_values_set(values, f->var, (const char *const *)v->pdata);
		g_ptr_array_unref(v);
	}
}

void
iot_gtk_control_set_form(IotGtkControl *dlg, IotDataForm *form, gboolean replaces)
{
	GHashTable *bad = NULL, *pending = NULL;
	char *focus_var = NULL;
	int page = -1;
	guint i;

	g_return_if_fail(dlg != NULL && form != NULL);
	if (dlg->closing) {
		iot_dataform_free(form);
		return;
	}
	replaces = replaces && dlg->form != NULL && dlg->opened != NULL;
	if (replaces) {
		IotGtkControlField *focus = focused_field(dlg);

		focus_var = focus != NULL ? g_strdup(focus->var) : NULL;
		page = dlg->notebook ? gtk_notebook_get_current_page(GTK_NOTEBOOK(dlg->notebook)) : -1;
		/* Text that does not parse never reached the model: keep it by hand. */
		bad = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		/* And an entry still being typed in has its commit to come. */
		pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		for (i = 0; i < dlg->fields->len; i++) {
			IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);
			char *text = iot_gtk_control_field_bad_text(cf);

			if (text != NULL)
				g_hash_table_insert(bad, g_strdup(cf->var), text);
			if (cf->pending)
				g_hash_table_add(pending, g_strdup(cf->var));
		}
	}
	/* As the thing sent it, before the person's edits go in: a post-back
	 * field typed into meanwhile still differs, and posts when committed. */
	iot_form_values_free(dlg->arrived);
	dlg->arrived = iot_dataform_snapshot(form);
	if (replaces)
		iot_dynform_carry_edits(form, dlg->form);
	iot_gtk_control_end_busy(dlg);
	/* Destroying the focused entry sends it a focus-out: not a commit. */
	dlg->loading++;
	iot_gtk_control_drop_body(dlg);
	dlg->loading--;
	iot_dataform_free(dlg->form);
	dlg->form = form;
	if (!replaces) {
		iot_form_values_free(dlg->opened);
		iot_form_values_free(dlg->baseline);
		dlg->opened = iot_dataform_snapshot(form);
		dlg->baseline = iot_dataform_snapshot(form);
		iot_gtk_control_set_owner_status(dlg, NULL, FALSE);
	} else {
		learn_new_fields(dlg->opened, form);
		learn_new_fields(dlg->baseline, form);
	}
	show_header(dlg);
	set_body(dlg, iot_gtk_control_build_body(dlg));
	gtk_widget_set_sensitive(dlg->body, dlg->online);
	for (i = 0; i < dlg->fields->len; i++) {
		IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);
		const char *text = bad != NULL ? g_hash_table_lookup(bad, cf->var) : NULL;

		iot_gtk_control_field_load(cf);
		if (text != NULL)
			iot_gtk_control_field_restore_text(cf, text);
		if (pending != NULL && g_hash_table_contains(pending, cf->var))
			cf->pending = TRUE;
		iot_gtk_control_field_show_message(cf);
	}
	if (dlg->notebook != NULL && page >= 0 &&
	    page < gtk_notebook_get_n_pages(GTK_NOTEBOOK(dlg->notebook)))
		gtk_notebook_set_current_page(GTK_NOTEBOOK(dlg->notebook), page);
	if (!dlg->sized)
		size_window(dlg);
	if (focus_var != NULL && g_hash_table_lookup(dlg->by_var, focus_var) != NULL)
		iot_gtk_control_field_focus(g_hash_table_lookup(dlg->by_var, focus_var));
	else if (!replaces && dlg->fields->len > 0)
		for (i = 0; i < dlg->fields->len; i++) {
			IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);

			/* The first value a person can change, on the first page. */
			if (!cf->read_only && cf->type != IOT_FORM_FIELD_FIXED) {
				if (dlg->notebook == NULL ||
				    gtk_widget_is_ancestor(cf->box, gtk_notebook_get_nth_page(
				                                        GTK_NOTEBOOK(dlg->notebook), 0)))
					iot_gtk_control_field_focus(cf);
				break;
			}
		}
	if (bad != NULL)
		g_hash_table_destroy(bad);
	if (pending != NULL)
		g_hash_table_destroy(pending);
	g_free(focus_var);
	iot_gtk_control_update(dlg);
	if (dlg->post_again && replaces && dlg->cbs.on_post_back != NULL && dlg->online) {
		dlg->post_again = FALSE;
		iot_gtk_control_start_post_back(dlg);
	}
	dlg->post_again = FALSE;
}

IotDataForm *
iot_gtk_control_get_form(IotGtkControl *dlg)
{
	g_return_val_if_fail(dlg != NULL, NULL);
	return dlg->form;
}

const IotFormValues *
iot_gtk_control_get_baseline(IotGtkControl *dlg)
{
	g_return_val_if_fail(dlg != NULL, NULL);
	return dlg->baseline;
}

static gboolean
applied(const IotControlResult *result, const char *var)
{
	guint i;

	if (result == NULL)
		return TRUE;
	if (iot_control_result_error_for(result, var) != NULL)
		return FALSE;
	if (result->params == NULL)
		return TRUE;
	for (i = 0; i < result->params->len; i++)
		if (g_strcmp0(g_ptr_array_index(result->params, i), var) == 0)
			return TRUE;
	return FALSE;
}

static gboolean
reveal_idle(gpointer data)
{
	IotGtkControl *dlg = data;
	IotGtkControlField *cf = dlg->reveal_var ? g_hash_table_lookup(dlg->by_var, dlg->reveal_var)
	                                         : NULL;

	dlg->reveal_id = 0;
	if (cf != NULL)
		iot_gtk_control_reveal(dlg, cf);
	g_clear_pointer(&dlg->reveal_var, g_free);
	return FALSE;
}

void
iot_gtk_control_set_result(IotGtkControl *dlg, gboolean ok, const IotControlResult *result,
                           const char *status)
{
	guint i;

	g_return_if_fail(dlg != NULL);
	if (dlg->closing)
		return;
	iot_gtk_control_end_busy(dlg);
	for (i = 0; i < dlg->fields->len; i++)
		g_clear_pointer(&((IotGtkControlField *)g_ptr_array_index(dlg->fields, i))->result_error,
		                g_free);
	for (i = 0; result != NULL && result->errors != NULL && i < result->errors->len; i++) {
		const IotControlParamError *e = g_ptr_array_index(result->errors, i);
		IotGtkControlField *cf = g_hash_table_lookup(dlg->by_var, e->name);

		if (cf == NULL)
			continue;
		g_free(cf->result_error);
		cf->result_error = g_strdup(*e->text != '\0' ? e->text
		                                             /* TRANSLATORS: under a field the thing refused without saying why. */
		                                             : _("The thing refused this value."));
	}
	if (ok && dlg->form != NULL) {
		GPtrArray *changed = iot_dataform_changed(dlg->form, dlg->baseline);

		/* What the thing applied is what later changes are measured against. */
		for (i = 0; i < changed->len; i++) {
			IotFormField *f = g_ptr_array_index(changed, i);
			GPtrArray *v;

			if (!applied(result, f->var))
				continue;
			v = g_ptr_array_new();
			g_ptr_array_extend(v, f->values, NULL, NULL);
			g_ptr_array_add(v, NULL);
			iot_form_values_set(dlg->baseline, f->var, (const char *const *)v->pdata);
			g_ptr_array_unref(v);
			/* A notSame value sent is now every device's value. */
			f->edited = FALSE;
		}
		g_ptr_array_unref(changed);
	}
	if (status == NULL)
		/* TRANSLATORS: status line after Send, when the owner had nothing to add. */
		status = ok ? _("The changes were sent.") : _("The thing did not accept the changes.");
	iot_gtk_control_set_owner_status(dlg, status, !ok);
	for (i = 0; i < dlg->fields->len; i++)
		iot_gtk_control_field_show_message(g_ptr_array_index(dlg->fields, i));
	iot_gtk_control_update(dlg);
	grow_window(dlg);
	/* The first field the thing refused, where the person can see it,
	 * once the message under it has its place. */
	for (i = 0; i < dlg->fields->len; i++) {
		IotGtkControlField *cf = g_ptr_array_index(dlg->fields, i);

		if (cf->result_error != NULL) {
			g_free(dlg->reveal_var);
			dlg->reveal_var = g_strdup(cf->var);
			if (dlg->reveal_id == 0)
				dlg->reveal_id = g_idle_add(reveal_idle, dlg);
			break;
		}
	}
}

void
iot_gtk_control_set_status(IotGtkControl *dlg, const char *text, gboolean is_error)
{
	g_return_if_fail(dlg != NULL);
	if (dlg->closing)
		return;
	iot_gtk_control_end_busy(dlg);
	if (dlg->form == NULL && text != NULL) {
		iot_gtk_control_show_placeholder(dlg, text, FALSE, is_error);
		iot_gtk_control_set_owner_status(dlg, NULL, FALSE);
	} else {
		iot_gtk_control_set_owner_status(dlg, text, is_error);
	}
	iot_gtk_control_update(dlg);
}

void
iot_gtk_control_set_online(IotGtkControl *dlg, gboolean online, const char *text)
{
	g_return_if_fail(dlg != NULL);
	dlg->online = online;
	if (!online)
		iot_gtk_control_end_busy(dlg);
	if (dlg->body != NULL)
		gtk_widget_set_sensitive(dlg->body, online && !dlg->locked);
	iot_gtk_control_set_owner_status(dlg, text, FALSE);
	iot_gtk_control_update(dlg);
}
