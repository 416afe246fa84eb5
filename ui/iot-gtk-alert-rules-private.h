/*
 * iot-gtk-alert-rules-private.h — what the Rules dialog and its editor tell
 * each other.
 */
#ifndef IOT_GTK_ALERT_RULES_PRIVATE_H
#define IOT_GTK_ALERT_RULES_PRIVATE_H

#include "iot-alert-form.h" /* iot_alert_op_text(): the operator in the person's words */
#include "iot-gtk-alert-rules.h"

/* The editor @ed of @win (nullable) is being destroyed. */
void iot_gtk_alert_rules_editor_closed(IotGtkAlertRules *win, IotGtkAlertRuleEdit *ed);

/* How many operators the editor lists. */
#define IOT_GTK_ALERT_N_OPS (IOT_ALERT_OP_OFFLINE + 1)

/* Returns: (transfer none): the Pinned values dialog (iot-gtk-alert-pin.c)
 * for @thing (nullable: the first) on @account, shown; it destroys itself. */
GtkWidget *iot_gtk_alert_pin_dialog_new(GtkWindow *parent, const IotGtkAlertRulesOps *ops, gpointer user_data,
                                        const char *account, const char *thing);

#endif
