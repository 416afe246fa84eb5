/*
 * iot-gtk-concentrator-parameters.c — editing node parameters from the concentrator
 * window: the common form of the selected nodes, then the set, and the rows
 * updated from the answer. A flow of iot-gtk-concentrator-forms.h.
 */
#include "iot-gtk-concentrator-forms.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- node parameters ------------------------------------------------------------------------- */

static void
saved(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	char *text;
	guint i;

	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL || a->errors != NULL) {
		iot_gtk_conc_flow_refuse(f, a, _("The concentrator did not accept the parameters."));
		iot_gtk_conc_flow_release(f);
		return;
	}
	for (i = 0; i < a->nodes->len && i < f->refs->len; i++) {
		/* The i-th node answered is the i-th asked, under its old id. */
		IotGtkConcRow *row = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(f->refs, i));

		if (row != NULL)
			iot_gtk_conc_update_row(win, row, g_ptr_array_index(a->nodes, i));
	}
	/* TRANSLATORS: %s names the nodes. */
	text = g_strdup_printf(_("Saved the parameters of %s."), f->label);
	iot_gtk_conc_show_status(win, text, FALSE);
	g_free(text);
	iot_gtk_conc_flow_close_dialog(f);
	iot_gtk_conc_flow_release(f);
}

static void
parameters_form_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);
		/* TRANSLATORS: %1$s names the nodes, %2$s why. */
		char *text = g_strdup_printf(_("Could not get the parameters of %s: %s"), f->label, why);

		iot_gtk_control_set_status(f->dlg, text, TRUE);
		g_free(text);
		g_free(why);
	} else if (a->form == NULL) {
		/* TRANSLATORS: %s names the nodes: “Meter 12” or 3 nodes. */
		char *text = g_strdup_printf(_("There are no parameters to edit for %s."), f->label);

		iot_gtk_control_set_status(f->dlg, text, FALSE);
		g_free(text);
	} else {
		/* TRANSLATORS: the header of the parameters form; %s names the nodes. */
		char *head = g_strdup_printf(_("Parameters of %s"), f->label);

		iot_gtk_control_set_form(f->dlg, iot_gtk_conc_flow_titled(a->form, head), FALSE);
		a->form = NULL;
		g_free(head);
	}
	iot_gtk_conc_flow_release(f);
}

void
iot_gtk_conc_edit_parameters(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win), *nodes = g_ptr_array_new();
	IotGtkConcActions acts;
	IotGtkConcFlow *f;
	IotGtkConcRequest *req;
	char *label, *title;
	guint i;

	iot_gtk_conc_actions(win, sel, &acts);
	for (i = 0; i < sel->len; i++)
		if (((IotGtkConcRow *)g_ptr_array_index(sel, i))->node != NULL)
			g_ptr_array_add(nodes, g_ptr_array_index(sel, i));
	if (!acts.params || nodes->len == 0) {
		g_ptr_array_free(nodes, TRUE);
		g_ptr_array_unref(sel);
		return;
	}
	label = iot_gtk_conc_nodes_label(win, nodes);
	f = iot_gtk_conc_flow_new(win, IOT_GTK_CONC_FLOW_PARAMETERS, iot_gtk_conc_refs(nodes), label);
	/* TRANSLATORS: title of the node parameters form; %s names the nodes. */
	title = g_strdup_printf(_("Parameters — %s"), label);
	iot_gtk_conc_flow_open_dialog(f, title, _("Asking for the parameters…"), _("_Save"),
	                              _("Saving…"), FALSE);
	req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_PARAMETERS_FORM, parameters_form_done);
	win->ops.get_parameters_form(req, f->refs, win->user_data);
	iot_gtk_conc_flow_release(f);
	g_free(title);
	g_free(label);
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_unref(sel);
}

void
iot_gtk_conc_parameters_send(IotGtkConcFlow *f, IotGtkControl *dlg, IotDataForm *form)
{
	IotGtkConcentrator *win = f->win;
	IotGtkConcRequest *req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_SET_PARAMETERS, saved);

	win->ops.set_parameters(req, f->refs, form, iot_gtk_control_get_baseline(dlg), win->user_data);
}
