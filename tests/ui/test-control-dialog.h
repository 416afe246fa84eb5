/*
 * test-control-dialog.h — what the control dialog's tests share: the
 * owner's record of callbacks, fixture forms, the dialog's life cycle and
 * readers of what it shows (test-control-dialog.c), and the test cases of
 * test-control-layout.c and test-control-send.c that the suite in
 * test-control-dialog.c registers in its order.
 *
 * A form from load_form() is the caller's; a dialog from open_dialog() is
 * closed with close_dialog(), which frees calls->submit. Strings from
 * error_text() and status() belong to the dialog; core_message()'s is the
 * caller's (g_free).
 */
#ifndef TEST_CONTROL_DIALOG_H
#define TEST_CONTROL_DIALOG_H

#include "iot-dataform.h"
#include "iot-gtk-control.h"

#include <check.h>
#include <gtk/gtk.h>

/* What the dialog told its owner. */
typedef struct {
	int sends, post_backs, reloads, closed;
	char *submit;   /* the submit form built in the last on_send */
	guint n_changed;
	gboolean busy_at_send; /* Send was already off when on_send ran */
	IotGtkControl *dlg;
} Calls;

/* Callbacks that count into the Calls given as their data. */
extern const IotGtkControlCallbacks callbacks;

/* The form of tests/fixtures/forms/@name. */
IotDataForm *load_form(const char *name);
/* A new dialog showing form @form_name (none when NULL). */
IotGtkControl *open_dialog(Calls *calls, const char *form_name);
/* Closes @dlg and asserts that its owner heard of it once. */
void close_dialog(IotGtkControl *dlg, Calls *calls);

GtkWidget *widget(IotGtkControl *dlg, const char *var);
void type_text(IotGtkControl *dlg, const char *var, const char *text);
gboolean shown(GtkWidget *w);
/* The message under field @var, or NULL when none is shown. */
const char *error_text(IotGtkControl *dlg, const char *var);
gboolean send_on(IotGtkControl *dlg);
const char *status(IotGtkControl *dlg);
/* The core's own sentence for @input in field @var (or NULL when it parses). */
char *core_message(IotGtkControl *dlg, const char *var, const char *input);
/* The <field> elements of a submit form. */
int count_fields(const char *submit);

/* The test cases, by file. */
void control_layout_tests(TCase *tc); /* a widget per field, hostile strings */
void control_send_tests(TCase *tc);   /* validation, sending, revert, post-back, errors */
void control_look_tests(TCase *tc);   /* size, double click, life cycle, look, pictures */

#endif
