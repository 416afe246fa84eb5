/*
 * iot-gtk-concentrator-forms.c — the concentrator window's actions that go
 * through a form, each one a flow of a dialog and at most one request: the
 * flows' life, their form dialog and its Send. The actions themselves:
 * running a command (-commands.c), editing node parameters
 * (-parameters.c), adding a child (-add.c). The forms are the control
 * dialog's (iot-gtk-control.h): every field type, validation, and the
 * device's errors next to their fields.
 */
#include "iot-gtk-concentrator-forms.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- flows -------------------------------------------------------------------------------- */

IotGtkConcFlow *
iot_gtk_conc_flow_new(IotGtkConcentrator *win, IotGtkConcFlowKind kind, GPtrArray *refs,
                      const char *label)
{
	IotGtkConcFlow *f = g_new0(IotGtkConcFlow, 1);

	f->win = win;
	f->kind = kind;
	f->refs = refs;
	f->label = g_strdup(label);
	/* The caller's hold: an answer inside its calls must not free it. */
	f->holds = 1;
	g_ptr_array_add(win->flows, f);
	return f;
}

/* Frees @f once nothing of it is left on screen, under way or in use. */
void
iot_gtk_conc_flow_maybe_free(IotGtkConcFlow *f)
{
	if (f->dlg != NULL || f->chooser != NULL || f->req != NULL || f->holds > 0)
		return;
	g_ptr_array_remove(f->win->flows, f);
	g_ptr_array_unref(f->refs);
	g_free(f->label);
	iot_gtk_conc_command_free(f->command);
	g_free(f->type);
	g_free(f->type_name);
	g_free(f);
}

/* Every handler that calls out holds its flow while it runs: the owner may
 * answer inside the call, and that answer may end the flow. */
void
iot_gtk_conc_flow_hold(IotGtkConcFlow *f)
{
	f->holds++;
}

void
iot_gtk_conc_flow_release(gpointer data)
{
	IotGtkConcFlow *f = data;

	f->holds--;
	iot_gtk_conc_flow_maybe_free(f);
}

/* Closes the form (its on_closed clears f->dlg); never frees @f. */
void
iot_gtk_conc_flow_close_dialog(IotGtkConcFlow *f)
{
	if (f->dlg != NULL) {
		iot_gtk_conc_flow_hold(f);
		iot_gtk_control_close(f->dlg);
		f->holds--;
	}
}

void
iot_gtk_conc_flows_free(IotGtkConcentrator *win)
{
	while (win->flows->len > 0) {
		IotGtkConcFlow *f = g_ptr_array_index(win->flows, win->flows->len - 1);

		f->holds = 0;
		if (f->req != NULL) {
			IotGtkConcRequest *req = f->req;

			f->req = NULL;
			iot_gtk_conc_request_cancel(req);
		}
		if (f->chooser != NULL)
			gtk_widget_destroy(f->chooser); /* clears f->chooser */
		iot_gtk_conc_flow_close_dialog(f);
		iot_gtk_conc_flow_maybe_free(f);
	}
	g_ptr_array_free(win->flows, TRUE);
	win->flows = NULL;
}

void
iot_gtk_conc_flows_online(IotGtkConcentrator *win, gboolean online, const char *text)
{
	guint i;

	for (i = 0; i < win->flows->len; i++) {
		IotGtkConcFlow *f = g_ptr_array_index(win->flows, i);

		if (f->dlg != NULL)
			iot_gtk_control_set_online(f->dlg, online, text);
	}
}

IotGtkConcRequest *
iot_gtk_conc_flow_request(IotGtkConcFlow *f, IotGtkConcRequestKind kind, IotGtkConcDone done)
{
	f->req = iot_gtk_conc_request_new(f->win, kind, done, f, NULL);
	return f->req;
}

/* What the device refused, for the dialog. */
static IotControlResult *
result_of(const IotGtkConcAnswer *a)
{
	IotControlResult *r = iot_control_result_new();
	guint i;

	for (i = 0; a->errors != NULL && i < a->errors->len; i++) {
		const IotControlParamError *e = g_ptr_array_index(a->errors, i);
		IotControlParamError *c = g_new0(IotControlParamError, 1);

		c->name = g_strdup(e->name);
		c->text = iot_format_clean(e->text != NULL ? e->text : "", 400);
		g_ptr_array_add(r->errors, c);
	}
	return r;
}

/* Ends a send of the dialog with a failure: the fields' errors or @error. */
void
iot_gtk_conc_flow_refuse(IotGtkConcFlow *f, IotGtkConcAnswer *a, const char *fallback)
{
	char *why = a->error != NULL ? iot_gtk_conc_error_text(a->error) : NULL;
	const char *text = a->text != NULL ? a->text : why != NULL ? why : fallback;
	char *clean = iot_format_clean(text, 400);

	if (f->dlg != NULL) {
		IotControlResult *r = result_of(a);

		iot_gtk_control_set_result(f->dlg, FALSE, r, clean);
		iot_control_result_free(r);
	} else {
		iot_gtk_conc_show_status(f->win, clean, TRUE);
	}
	g_free(clean);
	g_free(why);
}

/* ---- the form dialog --------------------------------------------------------------------- */

static void flow_send(IotGtkControl *dlg, gpointer data);

static void
flow_dialog_closed(IotGtkControl *dlg, gpointer data)
{
	IotGtkConcFlow *f = data;

	f->dlg = NULL;
	if (f->req != NULL) {
		IotGtkConcRequest *req = f->req;

		f->req = NULL;
		/* A query already running goes on in its own window. */
		if (req->kind == IOT_GTK_CONC_REQ_RUN_QUERY && req->query != NULL)
			req->data = NULL;
		else
			iot_gtk_conc_request_cancel(req);
	}
	iot_gtk_conc_flow_maybe_free(f);
}

static const IotGtkControlCallbacks flow_callbacks = { flow_send, NULL, NULL, flow_dialog_closed };

void
iot_gtk_conc_flow_open_dialog(IotGtkConcFlow *f, const char *title, const char *waiting,
                              const char *send_label, const char *sending, gboolean send_unchanged)
{
	IotGtkControlLook look = { title, waiting, send_label, sending, send_unchanged };
	char *head = iot_format_clean(f->label, IOT_GTK_CONC_LABEL_CHARS);

	f->dlg = iot_gtk_control_new(head, &flow_callbacks, f);
	iot_gtk_control_set_look(f->dlg, &look);
	/* For tests (iot-gtk-concentrator.h): the dialog behind the window. */
	g_object_set_data(G_OBJECT(iot_gtk_control_get_window(f->dlg)), "iot-gtk-control", f->dlg);
	gtk_window_set_transient_for(GTK_WINDOW(iot_gtk_control_get_window(f->dlg)),
	                             GTK_WINDOW(f->win->window));
	iot_gtk_conc_add_dialog(f->win, iot_gtk_control_get_window(f->dlg));
	gtk_widget_show(iot_gtk_control_get_window(f->dlg));
	g_free(head);
}

/* A form without a title of its own gets @title (transfer none), the
 * dialog's header: what it is about, in the window itself. */
IotDataForm *
iot_gtk_conc_flow_titled(IotDataForm *form, const char *title)
{
	if (form != NULL && (form->title == NULL || *form->title == '\0')) {
		g_free(form->title);
		form->title = g_strdup(title);
	}
	return form;
}

/* A form with nothing a person could fill in. */
gboolean
iot_gtk_conc_form_is_empty(const IotDataForm *form)
{
	guint i;

	if (form == NULL)
		return TRUE;
	for (i = 0; i < form->fields->len; i++) {
		const IotFormField *field = g_ptr_array_index(form->fields, i);

		if (field->type != IOT_FORM_FIELD_HIDDEN && field->type != IOT_FORM_FIELD_FIXED)
			return FALSE;
	}
	return TRUE;
}

/* ---- the send of every form ------------------------------------------------------------------- */

static void
flow_send(IotGtkControl *dlg, gpointer data)
{
	IotGtkConcFlow *f = data;
	IotGtkConcentrator *win = f->win;
	IotDataForm *form = iot_gtk_control_get_form(dlg);

	if (f->req != NULL || !win->online) {
		iot_gtk_control_set_result(dlg, FALSE, NULL, _("The concentrator is offline."));
		return;
	}
	iot_gtk_conc_flow_hold(f);
	switch (f->kind) {
	case IOT_GTK_CONC_FLOW_COMMAND:
		iot_gtk_conc_command_send(f, form);
		break;
	case IOT_GTK_CONC_FLOW_PARAMETERS:
		iot_gtk_conc_parameters_send(f, dlg, form);
		break;
	case IOT_GTK_CONC_FLOW_ADD:
		iot_gtk_conc_add_send(f, form);
		break;
	}
	iot_gtk_conc_flow_release(f);
}
