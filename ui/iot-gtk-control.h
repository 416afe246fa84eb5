/*
 * iot-gtk-control.h — the control dialog of one thing (or node).
 *
 * Renders a thing's control form (iot-dataform.h) and lets a person change
 * it: every XEP-0004 field type (text, private text, multi-line text, JIDs,
 * booleans, single and multiple choice — open lists take free text — fixed
 * texts; hidden fields are not shown), XEP-0141 pages as tabs and sections
 * as frames, XEP-0122 validation as the person types (the Send button stays
 * off while any value is wrong, and the field says why), XEP-0331 colour
 * fields with a colour button, XEP-0336 read-only fields, "values differ"
 * for notSame fields, and post-back fields, whose change asks the owner for
 * a new form. Only fields changed since the last baseline are sent; Revert
 * puts back the values the form had when the dialog opened. The thing's
 * errors (per parameter, or xdd:error in a new form) appear under the field
 * they concern; the status line says the rest.
 *
 * Plain GTK 2 (no Pidgin or libpurple API), so it is built and tested on its
 * own. The owner (the adapter's glue) talks to the thing: it hears what the
 * person did through IotGtkControlCallbacks and hands forms and answers back.
 * Every string a thing sent is shown as plain text (never markup, never a
 * mnemonic).
 */
#ifndef IOT_GTK_CONTROL_H
#define IOT_GTK_CONTROL_H

#include <gtk/gtk.h>

#include "iot-control.h"
#include "iot-dataform.h"

G_BEGIN_DECLS

typedef struct _IotGtkControl IotGtkControl;

typedef struct {
	/* The person pressed Send with valid values and at least one change.
	 * iot_gtk_control_get_form() has the values and
	 * iot_gtk_control_get_baseline() what they are compared against. The
	 * dialog is busy (Send off, status "Sending…") until the owner calls
	 * iot_gtk_control_set_result(); a second press is impossible meanwhile. */
	void (*on_send)(IotGtkControl *dlg, gpointer user_data);
	/* A postBack field changed to a valid value: the owner posts the form and
	 * answers with iot_gtk_control_set_form(…, TRUE) or set_status(). The
	 * dialog is busy meanwhile. (nullable: post-back fields then act as plain
	 * fields.) */
	void (*on_post_back)(IotGtkControl *dlg, gpointer user_data);
	/* The person asked to fetch the form again (Reload). (nullable) */
	void (*on_reload)(IotGtkControl *dlg, gpointer user_data);
	/* The dialog is being destroyed, for any reason. No call follows. */
	void (*on_closed)(IotGtkControl *dlg, gpointer user_data);
} IotGtkControlCallbacks;

/* Returns: (transfer none): a new dialog titled after @thing_label (plain
 * text, e.g. "Desk lamp (lamp@home.example)"), shown with "Asking for the
 * control form…" until a form arrives. @callbacks (transfer none) must
 * outlive the dialog. Destroyed by the person, or by
 * iot_gtk_control_close(). */
IotGtkControl *iot_gtk_control_new(const char *thing_label, const IotGtkControlCallbacks *callbacks,
                                   gpointer user_data);

/* Shows @form (transfer full). The first form (or @replaces FALSE, e.g. after
 * Reload) becomes both the "opened" values for Revert and the baseline for
 * "changed". With @replaces TRUE (the answer to a post-back, or a thing's
 * pushed update) the baseline and the opened values stay, the person's
 * edits are carried over (iot_dynform_carry_edits), the page shown and the
 * focused field stay where they were, and the dialog is no longer busy. */
void iot_gtk_control_set_form(IotGtkControl *dlg, IotDataForm *form, gboolean replaces);

/* Returns: (transfer none) (nullable): the form with the person's values. */
IotDataForm *iot_gtk_control_get_form(IotGtkControl *dlg);
/* Returns: (transfer none) (nullable): what "changed" is measured against. */
const IotFormValues *iot_gtk_control_get_baseline(IotGtkControl *dlg);

/* Ends a send. @ok: the thing accepted (maybe partly). @result (nullable) is
 * its answer: per-parameter errors go under their fields; on success the
 * fields it applied (all when it listed none) join the baseline, so a second
 * Send sends only what changed since. @status (nullable) is the sentence
 * for the status line. */
void iot_gtk_control_set_result(IotGtkControl *dlg, gboolean ok, const IotControlResult *result,
                                const char *status);

/* Writes @text (nullable = clear) in the status line, red when @is_error,
 * and ends any busy state. When no form was ever shown, @text takes the
 * form's place (e.g. "lamp@home.example does not offer control."). */
void iot_gtk_control_set_status(IotGtkControl *dlg, const char *text, gboolean is_error);

/* Greys the whole form out while the account is offline (@online FALSE),
 * with @text in the status line. */
void iot_gtk_control_set_online(IotGtkControl *dlg, gboolean online, const char *text);

/* How the dialog presents itself when its form is not a thing's control
 * form (a command's parameters, a node's settings): every string is plain
 * text and copied, NULL keeps the control dialog's own. */
typedef struct {
	const char *title;      /* the whole window title */
	const char *waiting;    /* shown until a form arrives, and during Reload */
	const char *send_label; /* the Send button's label, with a mnemonic ("_Run") */
	const char *sending;    /* the status line while the owner works on a send */
	/* Send is on even when nothing was changed (a command run with the
	 * values the device proposes); iot_gtk_control_get_form() then holds
	 * them all. */
	gboolean send_unchanged;
} IotGtkControlLook;

/* Applies @look (transfer none) to @dlg; call it right after
 * iot_gtk_control_new(). */
void iot_gtk_control_set_look(IotGtkControl *dlg, const IotGtkControlLook *look);

/* Returns: (transfer none): the dialog's window. */
GtkWidget *iot_gtk_control_get_window(IotGtkControl *dlg);

/* Destroys the dialog (on_closed runs). */
void iot_gtk_control_close(IotGtkControl *dlg);

/* For tests: the input widget of field @var, and the label that shows its
 * error (NULL when the field is not shown). */
GtkWidget *iot_gtk_control_get_field_widget(IotGtkControl *dlg, const char *var);
GtkWidget *iot_gtk_control_get_field_error_label(IotGtkControl *dlg, const char *var);
/* For tests: the grey line under field @var (its range, "(values differ)"),
 * the GtkEntry that holds its text (text fields, colours, open lists; NULL
 * for others), its caption label (NULL for check boxes), and whether it
 * shows "values differ" (a notSame field not edited yet). */
GtkWidget *iot_gtk_control_get_field_hint_label(IotGtkControl *dlg, const char *var);
GtkWidget *iot_gtk_control_get_field_entry(IotGtkControl *dlg, const char *var);
GtkWidget *iot_gtk_control_get_field_caption(IotGtkControl *dlg, const char *var);
gboolean iot_gtk_control_field_differs(IotGtkControl *dlg, const char *var);
/* For tests: the notebook of a form with several pages, else NULL. */
GtkWidget *iot_gtk_control_get_notebook(IotGtkControl *dlg);
/* For tests: the Send, Revert and Reload buttons and the status label. */
GtkWidget *iot_gtk_control_get_send_button(IotGtkControl *dlg);
GtkWidget *iot_gtk_control_get_revert_button(IotGtkControl *dlg);
GtkWidget *iot_gtk_control_get_reload_button(IotGtkControl *dlg);
GtkWidget *iot_gtk_control_get_status_label(IotGtkControl *dlg);

G_END_DECLS

#endif
