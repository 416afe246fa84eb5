/*
 * iot-gtk-concentrator-commands.c — running a command from the concentrator window:
 * the device's confirmation first, a parameters form for parameterized
 * commands and queries, then the run; a query streams into its results
 * window (iot-gtk-concentrator-query.c). A flow of iot-gtk-concentrator-forms.h.
 */
#include "iot-gtk-concentrator-forms.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- commands ---------------------------------------------------------------------------------- */

static char *
command_name(const IotGtkConcCommand *c)
{
	return iot_format_clean(c->name != NULL && *c->name != '\0' ? c->name : c->command,
	                        IOT_GTK_CONC_LABEL_CHARS);
}

static void start_run(IotGtkConcFlow *f, const IotDataForm *form);

static void
run_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	char *name, *text;

	if (f == NULL)
		return;
	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	name = command_name(f->command);
	if (a->error != NULL || a->errors != NULL) {
		char *fallback = g_strdup_printf(
		    /* TRANSLATORS: %1$s is a command's name, %2$s names the nodes. */
		    _("“%s” failed on %s."), name, f->label);

		if (a->error != NULL && a->text == NULL && f->command->failure != NULL && f->dlg == NULL) {
			char *why = iot_gtk_conc_error_text(a->error);

			/* TRANSLATORS: the device's failure text, then why: "Reset failed (no answer in time)". */
			text = g_strdup_printf(_("%s (%s)"), f->command->failure, why);
			iot_gtk_conc_show_status(win, text, TRUE);
			g_free(text);
			g_free(why);
		} else {
			iot_gtk_conc_flow_refuse(f, a, fallback);
		}
		g_free(fallback);
	} else {
		if (a->text != NULL || f->command->success != NULL)
			text = g_strdup(a->text != NULL ? a->text : f->command->success);
		else
			/* TRANSLATORS: %1$s is a command's name, %2$s names the nodes. */
			text = g_strdup_printf(_("“%s” ran on %s."), name, f->label);
		iot_gtk_conc_show_status(win, text, FALSE);
		g_free(text);
		iot_gtk_conc_flow_close_dialog(f);
	}
	g_free(name);
	iot_gtk_conc_flow_release(f);
}

/* The query's request ended without a results window to tell (refused). */
static void
query_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	if (req->query != NULL) {
		IotGtkConcQuery *q = req->query;

		req->query = NULL;
		iot_gtk_conc_query_end(q, a);
	}
	if (f == NULL)
		return;
	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL || a->errors != NULL) {
		if (f->dlg != NULL)
			iot_gtk_conc_flow_refuse(f, a, _("The query did not start."));
	} else {
		iot_gtk_conc_flow_close_dialog(f);
	}
	iot_gtk_conc_flow_release(f);
}

void
iot_gtk_conc_flow_query_detach(IotGtkConcRequest *req)
{
	IotGtkConcFlow *f = req->data;

	if (f == NULL)
		return;
	/* The query window has the request now. */
	req->data = NULL;
	f->req = NULL;
	iot_gtk_conc_flow_close_dialog(f);
	iot_gtk_conc_flow_maybe_free(f);
}

static void
start_run(IotGtkConcFlow *f, const IotDataForm *form)
{
	IotGtkConcentrator *win = f->win;
	IotGtkConcRequest *req;

	if (f->command->type == IOT_GTK_CONC_COMMAND_QUERY) {
		char *name = command_name(f->command), *title;

		if (win->ops.run_query == NULL) {
			g_free(name);
			return;
		}
		/* TRANSLATORS: title of a query's results: "Search — “Meter 12”". */
		title = g_strdup_printf(_("%s — %s"), name, f->label);
		req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_RUN_QUERY, query_done);
		iot_gtk_conc_query_new(win, req, title);
		g_free(title);
		g_free(name);
		win->ops.run_query(req, f->refs, f->command, form, win->user_data);
		return;
	}
	if (win->ops.run_command == NULL)
		return;
	req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_RUN_COMMAND, run_done);
	win->ops.run_command(req, f->refs, f->command, form, win->user_data);
}

static void
command_form_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	f->req = NULL;
	iot_gtk_conc_flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error), *name = command_name(f->command);
		/* TRANSLATORS: %1$s is a command's name, %2$s why. */
		char *text = g_strdup_printf(_("Could not get the parameters of “%s”: %s"), name, why);

		if (f->dlg != NULL)
			iot_gtk_control_set_status(f->dlg, text, TRUE);
		else
			iot_gtk_conc_show_status(win, text, TRUE);
		g_free(text);
		g_free(why);
		g_free(name);
	} else if (iot_gtk_conc_form_is_empty(a->form)) {
		/* Nothing to ask: it runs as it is. */
		start_run(f, a->form);
		if (f->command->type != IOT_GTK_CONC_COMMAND_QUERY)
			iot_gtk_conc_flow_close_dialog(f);
	} else {
		if (f->dlg == NULL) {
			char *name = command_name(f->command), *title;

			/* TRANSLATORS: title of a command's form: "Set threshold — “Meter 12”". */
			title = g_strdup_printf(_("%s — %s"), name, f->label);
			iot_gtk_conc_flow_open_dialog(f, title, NULL, _("_Run"), _("Running…"), TRUE);
			g_free(title);
			g_free(name);
		}
		{
			char *name = command_name(f->command);
			/* TRANSLATORS: the header of a command's form: "Set threshold: “Meter 12”". */
			char *head = g_strdup_printf(_("%s: %s"), name, f->label);

			iot_gtk_control_set_form(f->dlg, iot_gtk_conc_flow_titled(a->form, head), FALSE);
			g_free(head);
			g_free(name);
		}
		a->form = NULL;
	}
	iot_gtk_conc_flow_release(f);
}

static void
command_confirmed(IotGtkConcentrator *win, IotGtkConcFlow *f)
{
	IotGtkConcRequest *req;
	char *name, *title;

	if (!win->online)
		return;
	if (f->command->type == IOT_GTK_CONC_COMMAND_SIMPLE || win->ops.get_command_form == NULL) {
		start_run(f, NULL);
		return;
	}
	if (f->command->type == IOT_GTK_CONC_COMMAND_PARAMETERIZED) {
		name = command_name(f->command);
		title = g_strdup_printf(_("%s — %s"), name, f->label);
		iot_gtk_conc_flow_open_dialog(f, title, _("Asking for the command's parameters…"),
		                              _("_Run"), _("Running…"), TRUE);
		g_free(title);
		g_free(name);
	} else {
		iot_gtk_conc_show_status(win, _("Asking for the query's parameters…"), FALSE);
	}
	req = iot_gtk_conc_flow_request(f, IOT_GTK_CONC_REQ_COMMAND_FORM, command_form_done);
	win->ops.get_command_form(req, f->refs, f->command, win->user_data);
}

void
iot_gtk_conc_run_command(IotGtkConcentrator *win, const GPtrArray *refs, const char *label,
                         const IotGtkConcCommand *command)
{
	IotGtkConcFlow *f = iot_gtk_conc_flow_new(win, IOT_GTK_CONC_FLOW_COMMAND,
	                                          iot_gtk_conc_refs_copy(refs), label);

	f->command = iot_gtk_conc_command_copy(command);
	if (command->confirmation != NULL) {
		char *name = command_name(command), *primary;

		/* TRANSLATORS: %1$s is a command's name, %2$s names the nodes. */
		primary = g_strdup_printf(_("Run “%s” on %s?"), name, label);
		iot_gtk_conc_flow_hold(f);
		iot_gtk_conc_confirm(win, primary, command->confirmation, _("_Run"),
		                     G_CALLBACK(command_confirmed), f, iot_gtk_conc_flow_release);
		g_free(primary);
		g_free(name);
	} else {
		command_confirmed(win, f);
	}
	iot_gtk_conc_flow_release(f);
}

void
iot_gtk_conc_command_send(IotGtkConcFlow *f, IotDataForm *form)
{
	start_run(f, form);
}
