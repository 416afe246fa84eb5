/*
 * iot-gtk-concentrator-forms.h — what the concentrator window's form flows
 * share (iot-gtk-concentrator-forms.c): a flow is one action through a
 * form — a dialog and at most one request under way — of the commands
 * (-commands.c), node parameters (-parameters.c) and adding a child
 * (-add.c). Not for use outside these files.
 */
#ifndef IOT_GTK_CONCENTRATOR_FORMS_H
#define IOT_GTK_CONCENTRATOR_FORMS_H

#include "iot-gtk-concentrator-private.h"

typedef enum {
	IOT_GTK_CONC_FLOW_COMMAND,
	IOT_GTK_CONC_FLOW_PARAMETERS,
	IOT_GTK_CONC_FLOW_ADD
} IotGtkConcFlowKind;

struct _IotGtkConcFlow {
	IotGtkConcentrator *win;
	IotGtkConcFlowKind kind;
	GPtrArray *refs;            /* (element-type IotNodeRef): the nodes (ADD: the parent) */
	char *label;                /* what they are called in sentences */
	IotGtkConcCommand *command; /* IOT_GTK_CONC_FLOW_COMMAND */
	char *type, *type_name;     /* ADD */
	IotGtkControl *dlg;         /* (nullable) the form */
	GtkWidget *chooser;         /* (nullable) ADD: the type chooser */
	IotGtkConcRequest *req;     /* (nullable) under way */
	int holds;                  /* code of ours still uses it (a confirmation asks) */
};

/* A flow of @kind on @refs (taken), called @label (copied), held once by
 * the caller: iot_gtk_conc_flow_release() when done with it. */
IotGtkConcFlow *iot_gtk_conc_flow_new(IotGtkConcentrator *win, IotGtkConcFlowKind kind,
                                      GPtrArray *refs, const char *label);
/* Frees @f once nothing of it is left on screen, under way or in use. */
void iot_gtk_conc_flow_maybe_free(IotGtkConcFlow *f);
/* Every handler that calls out holds its flow while it runs: the owner may
 * answer inside the call, and that answer may end the flow. */
void iot_gtk_conc_flow_hold(IotGtkConcFlow *f);
void iot_gtk_conc_flow_release(gpointer f);
/* Closes the form (its on_closed clears f->dlg); never frees @f. */
void iot_gtk_conc_flow_close_dialog(IotGtkConcFlow *f);
/* The request of @f under way (transfer none). */
IotGtkConcRequest *iot_gtk_conc_flow_request(IotGtkConcFlow *f, IotGtkConcRequestKind kind,
                                             IotGtkConcDone done);
/* Ends a send of the dialog with a failure: the fields' errors, the
 * answer's text or error, else @fallback. */
void iot_gtk_conc_flow_refuse(IotGtkConcFlow *f, IotGtkConcAnswer *a, const char *fallback);
/* Opens the form dialog of @f (the control dialog with this look). */
void iot_gtk_conc_flow_open_dialog(IotGtkConcFlow *f, const char *title, const char *waiting,
                                   const char *send_label, const char *sending,
                                   gboolean send_unchanged);
/* A form without a title of its own gets @title (transfer none). */
IotDataForm *iot_gtk_conc_flow_titled(IotDataForm *form, const char *title);
/* A form with nothing a person could fill in. */
gboolean iot_gtk_conc_form_is_empty(const IotDataForm *form);

/* The dialog's Send of each kind (-commands.c, -parameters.c, -add.c). */
void iot_gtk_conc_command_send(IotGtkConcFlow *f, IotDataForm *form);
void iot_gtk_conc_parameters_send(IotGtkConcFlow *f, IotGtkControl *dlg, IotDataForm *form);
void iot_gtk_conc_add_send(IotGtkConcFlow *f, IotDataForm *form);

#endif
