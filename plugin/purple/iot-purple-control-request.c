/* iot-purple-control-request.c — the control dialog in Finch. See the header. */
#include "iot-purple-control-request.h"

#include "iot-dynform.h"
#include "iot-format.h"
#include "iot-limits.h"
#include "iot-purple-controlform.h"
#include "iot-purple-request-form.h"
#include "iot-purple-ui.h"

#include <core.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <notify.h>
#include <request.h>
#include <string.h>

/* How much of a thing's label or value a dialog repeats. */
#define LABEL_CHARS 120
#define VALUE_CHARS 4096

typedef struct {
	IotPurpleControlForm *cf;
	IotDataForm *form;       /* the person's values */
	IotFormValues *baseline; /* what "changed" is measured against */
	IotPurpleRequestForm *rf; /* the form as fields, the person's input, problems */
	char *note;              /* sentence above the fields, nullable */
	gpointer ui_handle;      /* the open request dialog, or NULL */
	gboolean closing;        /* we close ui_handle ourselves: its cancel is not the person's */
} Dlg;

static GList *dialogs;

static void show(Dlg *d);

/* Closes the dialog on screen, if any, without ending @d. Finch runs the
 * dialog's cancel callback when it is closed this way (libpurple does not);
 * that call finds d->closing set and leaves @d alone. Its fields, and the
 * list items pointing into d->form, go with it. */
static void
close_shown(Dlg *d)
{
	gpointer handle = d->ui_handle;

	if (handle == NULL)
		return;
	d->ui_handle = NULL;
	d->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, handle);
	d->closing = FALSE;
}

static void
dlg_free(Dlg *d)
{
	close_shown(d);
	dialogs = g_list_remove(dialogs, d);
	iot_purple_controlform_free(d->cf);
	iot_dataform_free(d->form);
	iot_form_values_free(d->baseline);
	iot_purple_request_form_free(d->rf);
	g_free(d->note);
	g_free(d);
}

static char *
title_of(const Dlg *d)
{
	char *label = iot_purple_controlform_label(d->cf);
	/* TRANSLATORS: window title; %s is the thing (and node). */
	char *title = g_strdup_printf(_("Control %s"), label);

	g_free(label);
	return title;
}

static void ok_cb(Dlg *d, PurpleRequestFields *fields);
static void cancel_cb(Dlg *d, PurpleRequestFields *fields);

static void
show(Dlg *d)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	GString *secondary = g_string_new(NULL);
	char *title = title_of(d), *primary, *send, *close;

	/* One dialog per controller: a new form replaces the one on screen
	 * (the request API cannot change an open dialog). */
	close_shown(d);
	d->rf->form = d->form;
	iot_purple_request_form_add(d->rf, fields);
	if (d->note != NULL)
		g_string_append_printf(secondary, "%s\n", d->note);
	iot_purple_request_form_describe(d->rf, secondary);
	primary = d->form->title != NULL ? iot_format_clean(d->form->title, LABEL_CHARS) : g_strdup(title);
	/* primary and secondary are plain text: the UI escapes them. */
	send = iot_purple_ui_label(_("_Send"));
	close = iot_purple_ui_label(_("_Close"));
	d->ui_handle = purple_request_fields(d, title, primary, secondary->len ? secondary->str : NULL,
	                                     fields, send, G_CALLBACK(ok_cb), close, G_CALLBACK(cancel_cb),
	                                     iot_purple_controlform_account(d->cf), NULL, NULL, d);
	g_free(send);
	g_free(close);
	g_free(primary);
	g_free(title);
	g_string_free(secondary, TRUE);
	if (d->ui_handle == NULL) {
		/* No UI shows requests (a headless client): nothing can end this dialog. */
		purple_debug_info("xmpp-iot", "no request UI for the control dialog\n");
		dlg_free(d);
	}
}

static void
ok_cb(Dlg *d, PurpleRequestFields *fields)
{
	gboolean post_back = FALSE, valid = TRUE;
	IotFormField *bad = NULL;
	GPtrArray *changed;
	char *message = NULL;
	guint i;

	d->ui_handle = NULL; /* the UI closes the dialog after this call */
	g_free(d->note);
	d->note = NULL;
	valid = iot_purple_request_form_take(d->rf, fields, &post_back);
	/* What will be sent is checked as a whole too (required, list-range). */
	changed = iot_dataform_changed(d->form, d->baseline);
	for (i = 0; valid && bad == NULL && i < changed->len; i++) {
		IotFormField *f = g_ptr_array_index(changed, i);

		if (!iot_dataform_validate_field(f, &message))
			bad = f;
	}
	g_ptr_array_unref(changed);
	if (bad != NULL && bad->var != NULL)
		g_hash_table_replace(d->rf->problems, g_strdup(bad->var), g_strdup(message));
	if (!valid || bad != NULL) {
		/* TRANSLATORS: above the control form when a value is not valid. */
		d->note = g_strdup(_("Nothing was sent: correct the values marked ⚠."));
		g_free(message);
		show(d);
		return;
	}
	g_free(message);
	if (post_back && iot_purple_controlform_post_back(d->cf, d->form))
		return; /* ops->form shows the thing's updated form */
	if (!iot_purple_controlform_send(d->cf, d->form, d->baseline)) {
		char *title = title_of(d);

		purple_notify_info(d, title, title, iot_purple_controlform_busy(d->cf)
		                                        ? _("A change is still on its way; nothing was sent.")
		                                        : _("Nothing was changed, so nothing was sent."));
		g_free(title);
		dlg_free(d);
	}
}

static void
cancel_cb(Dlg *d, PurpleRequestFields *fields)
{
	if (d->closing)
		return; /* a dialog we replace or close ourselves */
	d->ui_handle = NULL;
	dlg_free(d);
}

/* --- the controller's answers -------------------------------------------------------- */

static void
form_cb(IotPurpleControlForm *cf, IotDataForm *form, gboolean replaces, gpointer data)
{
	Dlg *d = data;
	gboolean pushed = d->ui_handle != NULL; /* a dialog on screen: the thing sent it unasked */

	/* The dialog on screen points into the form about to be freed. */
	close_shown(d);
	if (replaces && d->form != NULL) {
		iot_dynform_carry_edits(form, d->form);
		g_free(d->note);
		if (pushed)
			/* TRANSLATORS: the thing sent a new control form while its
			 * dialog was open; %s is the thing's address. */
			d->note = g_strdup_printf(_("%s updated the form. Check it and send."),
			                          iot_purple_controlform_who(d->cf));
		else
			/* TRANSLATORS: after a choice that changes the rest of the form. */
			d->note = g_strdup(_("The form was updated after your choice. Check it and send."));
	} else {
		iot_form_values_free(d->baseline);
		d->baseline = iot_dataform_snapshot(form);
	}
	iot_dataform_free(d->form);
	d->form = form;
	show(d);
}

static void
failed_cb(IotPurpleControlForm *cf, const char *sentence, gpointer data)
{
	Dlg *d = data;
	char *title;

	if (d->form != NULL) {
		g_free(d->note);
		d->note = g_strdup(sentence);
		show(d);
		return;
	}
	title = title_of(d);
	purple_notify_error(d, title, title, sentence);
	g_free(title);
	dlg_free(d);
}

static void
sent_cb(IotPurpleControlForm *cf, gboolean ok, const IotControlResult *result, const char *sentence,
        gpointer data)
{
	Dlg *d = data;
	char *title;
	guint i;

	if (ok || result == NULL || result->errors->len == 0) {
		title = title_of(d);
		if (ok)
			purple_notify_info(d, title, title, sentence);
		else
			purple_notify_error(d, title, title, sentence);
		g_free(title);
		dlg_free(d);
		return;
	}
	/* The thing refused: its words go beside the fields, and the dialog comes back. */
	for (i = 0; i < result->errors->len; i++) {
		const IotControlParamError *e = g_ptr_array_index(result->errors, i);
		char *text = iot_format_clean(*e->text ? e->text : sentence, 300);

		g_hash_table_replace(d->rf->problems, g_strdup(e->name), text);
	}
	g_free(d->note);
	d->note = g_strdup(sentence);
	show(d);
}

static const IotPurpleControlFormOps ops = { form_cb, failed_cb, sent_cb };

void
iot_purple_control_request_open(PurpleAccount *account, const char *who, const char *node_id)
{
	Dlg *d = g_new0(Dlg, 1);

	d->cf = iot_purple_controlform_new(account, who, node_id, &ops, d);
	d->rf = iot_purple_request_form_new();
	dialogs = g_list_prepend(dialogs, d);
	iot_purple_controlform_load(d->cf);
}

void
iot_purple_control_request_close_all(void)
{
	while (dialogs != NULL) {
		Dlg *d = dialogs->data;

		/* libpurple does not call our callbacks when it closes a dialog
		 * (Finch does: close_shown() ignores that), so free here. */
		purple_notify_close_with_handle(d);
		dlg_free(d);
	}
}
