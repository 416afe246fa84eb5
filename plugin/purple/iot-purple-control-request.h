/*
 * iot-purple-control-request.h — the control dialog through libpurple's
 * request API, for clients without the GTK dialog (Finch).
 *
 * The same controller as the GTK dialog (iot-purple-controlform.h), shown
 * as a request-fields dialog: one group per page and section, a field per
 * form field (text, masked text, multi-line text, check box, choice,
 * multiple choice, read-only text for fixed fields and read-only ones).
 * The request API cannot check values as they are typed, so Send checks
 * them all (XEP-0122) and, when any is wrong, shows the dialog again with
 * the person's input and the reason beside each field; nothing is sent.
 * A changed post-back field first brings the thing's updated form, shown
 * for confirmation; a form the thing pushes unasked replaces the dialog on
 * screen (one dialog per controller, always). Only changed fields are
 * sent. The outcome is a notice; the thing's per-parameter refusals bring
 * the dialog back with its words beside the fields.
 */
#ifndef IOT_PURPLE_CONTROL_REQUEST_H
#define IOT_PURPLE_CONTROL_REQUEST_H

#include <account.h>

/* Opens the dialog for @who (bare JID) or its node @node_id (nullable). */
void iot_purple_control_request_open(PurpleAccount *account, const char *who, const char *node_id);

/* Closes every such dialog (unload). */
void iot_purple_control_request_close_all(void);

#endif
