/*
 * iot-purple-request-form.h — a data form (iot-dataform.h) as the fields of
 * a libpurple request-fields dialog, and the person's input read back: for
 * clients without GTK dialogs (Finch). Shared by the control dialog and the
 * publish-subscribe forms (subscription options, node configuration).
 *
 * One group per page and section, a field per form field (text, masked
 * text, multi-line text, check box, choice, multiple choice, read-only text
 * for fixed and read-only fields; hidden ones are not shown). Labels are
 * cleaned and bounded, and escaped where the UI reads markup. The request
 * API cannot check values as they are typed: iot_purple_request_form_take()
 * checks them all (XEP-0122) and records a problem per field, shown by the
 * next iot_purple_request_form_add() and iot_purple_request_form_problems().
 */
#ifndef IOT_PURPLE_REQUEST_FORM_H
#define IOT_PURPLE_REQUEST_FORM_H

#include <glib.h>
#include <request.h>

#include "iot-dataform.h"

typedef struct {
	IotDataForm *form;      /* borrowed: set by the owner; takes the person's values */
	GHashTable *typed;      /* var → what the person typed that was not valid */
	GHashTable *problems;   /* var → sentence to show beside the field */
	GPtrArray *shown;       /* (element-type IotFormField, borrowed) index → field */
	GHashTable *shown_text; /* field id → the default it was shown with */
} IotPurpleRequestForm;

/* Returns: (transfer full): no form yet; free with iot_purple_request_form_free(). */
IotPurpleRequestForm *iot_purple_request_form_new(void);
/* Frees @rf (not its form). NULL is ignored. */
void iot_purple_request_form_free(IotPurpleRequestForm *rf);

/* Adds rf->form's pages and sections to @fields (transfer none), with the
 * person's invalid input and a mark beside fields with a problem. The
 * fields shown refer into rf->form: show them no longer than it lives. */
void iot_purple_request_form_add(IotPurpleRequestForm *rf, PurpleRequestFields *fields);

/* Appends to @out one line "⚠ caption: reason" per field with a problem,
 * then the form's instructions and notes (cleaned, bounded). */
void iot_purple_request_form_describe(const IotPurpleRequestForm *rf, GString *out);

/* Reads what the person entered in @fields (as added last) into rf->form.
 * Forgets earlier problems first. Returns FALSE when a value is not valid
 * (its problem is recorded); @post_back (nullable) is set when a post-back
 * field changed. */
gboolean iot_purple_request_form_take(IotPurpleRequestForm *rf, PurpleRequestFields *fields,
                                      gboolean *post_back);

#endif
