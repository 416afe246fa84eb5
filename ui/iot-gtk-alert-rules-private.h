/*
 * iot-gtk-alert-rules-private.h — what the Rules dialog and its editor tell
 * each other.
 */
#ifndef IOT_GTK_ALERT_RULES_PRIVATE_H
#define IOT_GTK_ALERT_RULES_PRIVATE_H

#include "iot-gtk-alert-rules.h"

/* The editor @ed of @win (nullable) is being destroyed. */
void iot_gtk_alert_rules_editor_closed(IotGtkAlertRules *win, IotGtkAlertRuleEdit *ed);

/* Returns: (transfer full): the operator in the person's words ("above",
 * "outside a band", "no update for" …), as the editor lists them. */
const char *iot_gtk_alert_op_text(IotAlertOp op);
#define IOT_GTK_ALERT_N_OPS (IOT_ALERT_OP_OFFLINE + 1)

#endif
