/*
 * iot-gtk-concentrator-forms.c — the concentrator window's actions that go
 * through a form, each one a flow of a dialog and at most one request:
 * running a command (the device's confirmation first, a parameters form for
 * parameterized commands and queries, queries then stream into their
 * results window), editing node parameters (the common form of several
 * nodes), adding a child (addable types → parameters form → create). The
 * forms are the control dialog's (iot-gtk-control.h): every field type,
 * validation, and the device's errors next to their fields.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef enum { FLOW_COMMAND, FLOW_PARAMETERS, FLOW_ADD } FlowKind;

struct _IotGtkConcFlow {
	IotGtkConcentrator *win;
	FlowKind kind;
	GPtrArray *refs;            /* (element-type IotNodeRef): the nodes (FLOW_ADD: the parent) */
	char *label;                /* what they are called in sentences */
	IotGtkConcCommand *command; /* FLOW_COMMAND */
	char *type, *type_name;     /* FLOW_ADD */
	IotGtkControl *dlg;         /* (nullable) the form */
	GtkWidget *chooser;         /* (nullable) FLOW_ADD: the type chooser */
	IotGtkConcRequest *req;     /* (nullable) under way */
	int holds;                  /* code of ours still uses it (a confirmation asks) */
};

/* ---- flows -------------------------------------------------------------------------------- */

static IotGtkConcFlow *
flow_new(IotGtkConcentrator *win, FlowKind kind, GPtrArray *refs, const char *label)
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
static void
flow_maybe_free(IotGtkConcFlow *f)
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
static void
flow_hold(IotGtkConcFlow *f)
{
	f->holds++;
}

static void
flow_release(gpointer data)
{
	IotGtkConcFlow *f = data;

	f->holds--;
	flow_maybe_free(f);
}

/* Closes the form (its on_closed clears f->dlg); never frees @f. */
static void
flow_close_dialog(IotGtkConcFlow *f)
{
	if (f->dlg != NULL) {
		flow_hold(f);
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
		flow_close_dialog(f);
		flow_maybe_free(f);
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

static IotGtkConcRequest *
flow_request(IotGtkConcFlow *f, IotGtkConcRequestKind kind, IotGtkConcDone done)
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
static void
refuse(IotGtkConcFlow *f, IotGtkConcAnswer *a, const char *fallback)
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
	flow_maybe_free(f);
}

static const IotGtkControlCallbacks flow_callbacks = { flow_send, NULL, NULL, flow_dialog_closed };

static void
open_dialog(IotGtkConcFlow *f, const char *title, const char *waiting, const char *send_label,
            const char *sending, gboolean send_unchanged)
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
static IotDataForm *
titled(IotDataForm *form, const char *title)
{
	if (form != NULL && (form->title == NULL || *form->title == '\0')) {
		g_free(form->title);
		form->title = g_strdup(title);
	}
	return form;
}

/* A form with nothing a person could fill in. */
static gboolean
form_is_empty(const IotDataForm *form)
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
	flow_hold(f);
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
			refuse(f, a, fallback);
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
		flow_close_dialog(f);
	}
	g_free(name);
	flow_release(f);
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
	flow_hold(f);
	if (a->error != NULL || a->errors != NULL) {
		if (f->dlg != NULL)
			refuse(f, a, _("The query did not start."));
	} else {
		flow_close_dialog(f);
	}
	flow_release(f);
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
	flow_close_dialog(f);
	flow_maybe_free(f);
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
		req = flow_request(f, IOT_GTK_CONC_REQ_RUN_QUERY, query_done);
		iot_gtk_conc_query_new(win, req, title);
		g_free(title);
		g_free(name);
		win->ops.run_query(req, f->refs, f->command, form, win->user_data);
		return;
	}
	if (win->ops.run_command == NULL)
		return;
	req = flow_request(f, IOT_GTK_CONC_REQ_RUN_COMMAND, run_done);
	win->ops.run_command(req, f->refs, f->command, form, win->user_data);
}

static void
command_form_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	f->req = NULL;
	flow_hold(f);
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
	} else if (form_is_empty(a->form)) {
		/* Nothing to ask: it runs as it is. */
		start_run(f, a->form);
		if (f->command->type != IOT_GTK_CONC_COMMAND_QUERY)
			flow_close_dialog(f);
	} else {
		if (f->dlg == NULL) {
			char *name = command_name(f->command), *title;

			/* TRANSLATORS: title of a command's form: "Set threshold — “Meter 12”". */
			title = g_strdup_printf(_("%s — %s"), name, f->label);
			open_dialog(f, title, NULL, _("_Run"), _("Running…"), TRUE);
			g_free(title);
			g_free(name);
		}
		{
			char *name = command_name(f->command);
			/* TRANSLATORS: the header of a command's form: "Set threshold: “Meter 12”". */
			char *head = g_strdup_printf(_("%s: %s"), name, f->label);

			iot_gtk_control_set_form(f->dlg, titled(a->form, head), FALSE);
			g_free(head);
			g_free(name);
		}
		a->form = NULL;
	}
	flow_release(f);
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
		open_dialog(f, title, _("Asking for the command's parameters…"), _("_Run"), _("Running…"),
		            TRUE);
		g_free(title);
		g_free(name);
	} else {
		iot_gtk_conc_show_status(win, _("Asking for the query's parameters…"), FALSE);
	}
	req = flow_request(f, IOT_GTK_CONC_REQ_COMMAND_FORM, command_form_done);
	win->ops.get_command_form(req, f->refs, f->command, win->user_data);
}

void
iot_gtk_conc_run_command(IotGtkConcentrator *win, const GPtrArray *refs, const char *label,
                         const IotGtkConcCommand *command)
{
	IotGtkConcFlow *f = flow_new(win, FLOW_COMMAND, iot_gtk_conc_refs_copy(refs), label);

	f->command = iot_gtk_conc_command_copy(command);
	if (command->confirmation != NULL) {
		char *name = command_name(command), *primary;

		/* TRANSLATORS: %1$s is a command's name, %2$s names the nodes. */
		primary = g_strdup_printf(_("Run “%s” on %s?"), name, label);
		flow_hold(f);
		iot_gtk_conc_confirm(win, primary, command->confirmation, _("_Run"),
		                     G_CALLBACK(command_confirmed), f, flow_release);
		g_free(primary);
		g_free(name);
	} else {
		command_confirmed(win, f);
	}
	flow_release(f);
}

/* ---- node parameters ------------------------------------------------------------------------- */

static void
saved(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	char *text;
	guint i;

	f->req = NULL;
	flow_hold(f);
	if (a->error != NULL || a->errors != NULL) {
		refuse(f, a, _("The concentrator did not accept the parameters."));
		flow_release(f);
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
	flow_close_dialog(f);
	flow_release(f);
}

static void
parameters_form_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	f->req = NULL;
	flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);
		/* TRANSLATORS: %1$s names the nodes, %2$s why. */
		char *text = g_strdup_printf(_("Could not get the parameters of %s: %s"), f->label, why);

		iot_gtk_control_set_status(f->dlg, text, TRUE);
		g_free(text);
		g_free(why);
	} else if (a->form == NULL) {
		char *text = g_strdup_printf(_("%s has no parameters to edit."), f->label);

		iot_gtk_control_set_status(f->dlg, text, FALSE);
		g_free(text);
	} else {
		/* TRANSLATORS: the header of the parameters form; %s names the nodes. */
		char *head = g_strdup_printf(_("Parameters of %s"), f->label);

		iot_gtk_control_set_form(f->dlg, titled(a->form, head), FALSE);
		a->form = NULL;
		g_free(head);
	}
	flow_release(f);
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
	f = flow_new(win, FLOW_PARAMETERS, iot_gtk_conc_refs(nodes), label);
	/* TRANSLATORS: title of the node parameters form; %s names the nodes. */
	title = g_strdup_printf(_("Parameters — %s"), label);
	open_dialog(f, title, _("Asking for the parameters…"), _("_Save"), _("Saving…"), FALSE);
	req = flow_request(f, IOT_GTK_CONC_REQ_PARAMETERS_FORM, parameters_form_done);
	win->ops.get_parameters_form(req, f->refs, win->user_data);
	flow_release(f);
	g_free(title);
	g_free(label);
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_unref(sel);
}

/* ---- adding a child ----------------------------------------------------------------------------- */

static void
created(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	IotGtkConcRow *parent, *row;
	const IotGtkConcNodeInfo *info;
	char *text, *name;

	f->req = NULL;
	flow_hold(f);
	if (a->error != NULL || a->errors != NULL || a->nodes->len == 0) {
		refuse(f, a, _("The concentrator did not create the node."));
		flow_release(f);
		return;
	}
	info = g_ptr_array_index(a->nodes, 0);
	name = iot_format_clean(info->node->display_name != NULL ? info->node->display_name
	                                                         : info->node->ref.node_id,
	                        IOT_GTK_CONC_LABEL_CHARS);
	/* TRANSLATORS: %1$s is the new node's name, %2$s its parent's. */
	text = g_strdup_printf(_("Added “%s” under %s."), name, f->label);
	iot_gtk_conc_show_status(win, text, FALSE);
	g_free(text);
	g_free(name);
	flow_close_dialog(f);
	parent = iot_gtk_conc_lookup_ref(win, g_ptr_array_index(f->refs, 0));
	if (parent != NULL && parent->loaded) {
		row = iot_gtk_conc_upsert(win, parent, info, NULL);
		if (row != NULL)
			iot_gtk_conc_show_in_tree(win, row);
	} else if (parent != NULL && parent->node != NULL) {
		/* It comes with its parent's children, loaded now. */
		IotGtkConcNodeInfo now = { iot_concentrator_node_copy(parent->node), NULL, NULL };

		now.node->has_children = TRUE;
		iot_gtk_conc_update_row(win, parent, &now);
		iot_concentrator_node_free(now.node);
		iot_gtk_concentrator_expand(win, iot_gtk_conc_row_source(parent), parent->node->ref.node_id);
	}
	flow_release(f);
}

static void
new_node_form_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;
	IotDataForm *form;

	f->req = NULL;
	flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);
		/* TRANSLATORS: %s says why. */
		char *text = g_strdup_printf(_("Could not get the new node's parameters: %s"), why);

		iot_gtk_control_set_status(f->dlg, text, TRUE);
		g_free(text);
		g_free(why);
		flow_release(f);
		return;
	}
	form = a->form;
	a->form = NULL;
	if (form == NULL)
		form = iot_dataform_new(IOT_FORM_FORM);
	if (form_is_empty(form) && form->instructions == NULL)
		form->instructions = g_strdup(_("This type of node has no parameters to fill in."));
	{
		/* TRANSLATORS: the header of the new node form: "New Meter under “Area 3”". */
		char *head = g_strdup_printf(_("New %s under %s"), f->type_name, f->label);

		iot_gtk_control_set_form(f->dlg, titled(form, head), FALSE);
		g_free(head);
	}
	flow_release(f);
}

static void
type_chosen(IotGtkConcFlow *f, const IotGtkConcNodeType *t)
{
	IotGtkConcentrator *win = f->win;
	IotGtkConcRequest *req;
	char *title;

	f->type = g_strdup(t->type);
	f->type_name = iot_format_clean(t->name != NULL && *t->name != '\0' ? t->name : t->type,
	                                IOT_GTK_CONC_LABEL_CHARS);
	/* TRANSLATORS: title of the new node form: "New Meter under “Area 3”". */
	title = g_strdup_printf(_("New %s under %s"), f->type_name, f->label);
	open_dialog(f, title, _("Asking for the new node's parameters…"), _("C_reate"),
	            _("Creating…"), TRUE);
	g_free(title);
	req = flow_request(f, IOT_GTK_CONC_REQ_NEW_NODE_FORM, new_node_form_done);
	win->ops.get_new_node_form(req, g_ptr_array_index(f->refs, 0), f->type, win->user_data);
}

static void
chooser_response(GtkDialog *dialog, gint response, IotGtkConcFlow *f)
{
	GtkTreeView *view = g_object_get_data(G_OBJECT(dialog), "iot-view");
	GtkTreeModel *model;
	GtkTreeIter it;
	IotGtkConcNodeType *t = NULL;

	if (response == GTK_RESPONSE_OK &&
	    gtk_tree_selection_get_selected(gtk_tree_view_get_selection(view), &model, &it))
		gtk_tree_model_get(model, &it, 1, &t, -1);
	if (t != NULL)
		type_chosen(f, t);
	gtk_widget_destroy(GTK_WIDGET(dialog));
}

static void
chooser_gone(GtkWidget *w, IotGtkConcFlow *f)
{
	f->chooser = NULL;
	flow_maybe_free(f);
}

static void
chooser_activated(GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *c, GtkDialog *dialog)
{
	gtk_dialog_response(dialog, GTK_RESPONSE_OK);
}

static void
choose_type(IotGtkConcFlow *f, const GPtrArray *types)
{
	GtkWidget *dialog, *scroll, *view, *label;
	GtkListStore *store = gtk_list_store_new(2, G_TYPE_STRING, G_TYPE_POINTER);
	GPtrArray *keep = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_type_free);
	GtkTreeIter it;
	char *text;
	guint i;

	for (i = 0; i < types->len; i++) {
		const IotGtkConcNodeType *t = g_ptr_array_index(types, i);
		IotGtkConcNodeType *c = iot_gtk_conc_node_type_new(t->type, t->name);
		char *shown = iot_format_clean(t->name != NULL && *t->name != '\0' ? t->name : t->type, 200);

		g_ptr_array_add(keep, c);
		gtk_list_store_insert_with_values(store, &it, -1, 0, shown, 1, c, -1);
		g_free(shown);
	}
	/* TRANSLATORS: title of the dialog that asks which type of node to add. */
	dialog = gtk_dialog_new_with_buttons(_("Add Child"), GTK_WINDOW(f->win->window),
	                                     GTK_DIALOG_DESTROY_WITH_PARENT, GTK_STOCK_CANCEL,
	                                     GTK_RESPONSE_CANCEL, _("C_ontinue"), GTK_RESPONSE_OK, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	gtk_window_set_default_size(GTK_WINDOW(dialog), 360, 300);
	g_object_set_data_full(G_OBJECT(dialog), "iot-types", keep, (GDestroyNotify)g_ptr_array_unref);
	view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));
	g_object_unref(store);
	gtk_tree_view_set_headers_visible(GTK_TREE_VIEW(view), FALSE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(view),
	                            gtk_tree_view_column_new_with_attributes(
	                                NULL, gtk_cell_renderer_text_new(), "text", 0, NULL));
	if (gtk_tree_model_get_iter_first(GTK_TREE_MODEL(store), &it))
		gtk_tree_selection_select_iter(gtk_tree_view_get_selection(GTK_TREE_VIEW(view)), &it);
	g_signal_connect(view, "row-activated", G_CALLBACK(chooser_activated), dialog);
	{
		/* The parent's name is a device's: no mnemonic may come from it. */
		char *parent = iot_gtk_conc_no_mnemonic(f->label);

		/* TRANSLATORS: above the list of node types; %s names the parent. */
		text = g_strdup_printf(_("_Type of the new node under %s:"), parent);
		g_free(parent);
	}
	label = gtk_label_new(NULL);
	gtk_label_set_text_with_mnemonic(GTK_LABEL(label), text);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), view);
	gtk_misc_set_alignment(GTK_MISC(label), 0.0f, 0.5f);
	g_free(text);
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scroll), view);
	gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), label, FALSE,
	                   FALSE, 6);
	gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), scroll, TRUE,
	                   TRUE, 0);
	g_object_set_data(G_OBJECT(dialog), "iot-view", view);
	g_signal_connect(dialog, "response", G_CALLBACK(chooser_response), f);
	g_signal_connect(dialog, "destroy", G_CALLBACK(chooser_gone), f);
	f->chooser = dialog;
	iot_gtk_conc_add_dialog(f->win, dialog);
	gtk_widget_show_all(dialog);
	gtk_widget_grab_focus(view);
}

static void
types_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcFlow *f = req->data;

	f->req = NULL;
	flow_hold(f);
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);
		/* TRANSLATORS: %1$s names the parent node, %2$s why. */
		char *text = g_strdup_printf(_("Could not ask what can be added under %s: %s"), f->label,
		                             why);

		iot_gtk_conc_show_status(win, text, TRUE);
		g_free(text);
		g_free(why);
	} else if (a->types->len == 0) {
		char *text = g_strdup_printf(_("No node can be added under %s."), f->label);

		iot_gtk_conc_show_status(win, text, FALSE);
		g_free(text);
	} else if (a->types->len == 1) {
		iot_gtk_conc_show_status(win, NULL, FALSE);
		type_chosen(f, g_ptr_array_index(a->types, 0));
	} else {
		iot_gtk_conc_show_status(win, NULL, FALSE);
		choose_type(f, a->types);
	}
	flow_release(f);
}

void
iot_gtk_conc_add_child(IotGtkConcentrator *win)
{
	GPtrArray *sel = iot_gtk_conc_selected(win);
	IotGtkConcActions acts;
	IotGtkConcFlow *f;
	IotGtkConcRequest *req;
	char *label;

	iot_gtk_conc_actions(win, sel, &acts);
	if (!acts.add) {
		g_ptr_array_unref(sel);
		return;
	}
	label = iot_gtk_conc_nodes_label(win, sel);
	f = flow_new(win, FLOW_ADD, iot_gtk_conc_refs(sel), label);
	g_free(label);
	g_ptr_array_unref(sel);
	iot_gtk_conc_show_status(win, _("Asking which nodes can be added…"), FALSE);
	req = flow_request(f, IOT_GTK_CONC_REQ_ADDABLE_TYPES, types_done);
	win->ops.get_addable_types(req, g_ptr_array_index(f->refs, 0), win->user_data);
	flow_release(f);
}

/* ---- the send of every form ------------------------------------------------------------------- */

static void
flow_send(IotGtkControl *dlg, gpointer data)
{
	IotGtkConcFlow *f = data;
	IotGtkConcentrator *win = f->win;
	IotDataForm *form = iot_gtk_control_get_form(dlg);
	IotGtkConcRequest *req;

	if (f->req != NULL || !win->online) {
		iot_gtk_control_set_result(dlg, FALSE, NULL, _("The concentrator is offline."));
		return;
	}
	flow_hold(f);
	switch (f->kind) {
	case FLOW_COMMAND:
		start_run(f, form);
		break;
	case FLOW_PARAMETERS:
		req = flow_request(f, IOT_GTK_CONC_REQ_SET_PARAMETERS, saved);
		win->ops.set_parameters(req, f->refs, form, iot_gtk_control_get_baseline(dlg),
		                        win->user_data);
		break;
	case FLOW_ADD:
		req = flow_request(f, IOT_GTK_CONC_REQ_CREATE_NODE, created);
		win->ops.create_node(req, g_ptr_array_index(f->refs, 0), f->type, form, win->user_data);
		break;
	}
	flow_release(f);
}
