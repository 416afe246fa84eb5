/*
 * client-request.h — the test client's request and notice UI: what Finch
 * would show of libpurple's request-fields dialogs and notices, kept as text,
 * with the means to fill in fields and press the buttons.
 */
#ifndef IOT_TEST_CLIENT_REQUEST_H
#define IOT_TEST_CLIENT_REQUEST_H

#include <purple.h>

/* Installs the request and notice UI operations (once). */
void client_request_setup(void);

/* How many fields dialogs were opened so far, whether one is open, and how
 * many are open. A dialog closed without a button (purple_request_close())
 * runs its cancel callback, as in Finch. */
guint client_requests_shown(void);
gboolean client_request_is_open(void);
guint client_requests_open(void);

/* Returns: (transfer none) (nullable): the newest open dialog as text: title,
 * primary and secondary lines, then "[group]" lines and one
 * "label = value" line per field (choices as the chosen label, lists as the
 * selected labels joined by ", ", booleans as true/false, read-only fields
 * with " (read-only)", masked ones with " (masked)"). */
const char *client_request_text(void);

/* Sets the first field of the newest dialog whose label starts with
 * @label_start: text for strings, "true"/"false" for booleans, the label of
 * a choice, ", "-separated labels for lists. FALSE when there is none. */
gboolean client_request_set(const char *label_start, const char *value);

/* Presses the newest dialog's OK (Send) or Cancel button, as a UI does:
 * the callback, then the dialog is closed. */
void client_request_ok(void);
void client_request_cancel(void);

/* Action dialogs (purple_request_action): while client_request_actions(TRUE)
 * they are these (whatever showed them before comes back at FALSE). The newest open one
 * as "title\nprimary\nsecondary\n[label|label…]" (labels without their
 * mnemonic underscore; transfer none, nullable), and pressing its button
 * @label: the callback runs, the dialog is gone. FALSE when there is none. */
void client_request_actions(gboolean on);
const char *client_action_text(void);
gboolean client_action_press(const char *label);

/* The notices (purple_notify_info/error …) shown so far, and the last one as
 * "title\nprimary\nsecondary" (transfer none, nullable). */
guint client_notices_shown(void);
const char *client_last_notice(void);

#endif
