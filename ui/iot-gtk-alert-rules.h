/*
 * iot-gtk-alert-rules.h — the Rules dialog: the person's alert rules (thing,
 * field, condition, levels, flags) with Add, Edit and Delete, and the rule
 * editor, which offers every option of iot-alert-rule.h (above, below, at
 * least, at most, equals, not equals, outside a band, changed, stale,
 * offline; hysteresis, "for at least", warning and alarm levels, latched,
 * reminders, priority, urgent, the rule's own quiet hours, enabled) with the
 * thing and the field picked from the buddy list's things and their known
 * fields, checked as the person types (Save only for a rule that can be
 * checked; the first problem said in words); and the Pinned values dialog:
 * which of a thing's fields the buddy list shows under its name.
 *
 * Plain GTK 2: no Pidgin or libpurple API; the owner answers through
 * IotGtkAlertRulesOps, synchronously. Names and fields a thing sent are
 * shown as plain text.
 */
#ifndef IOT_GTK_ALERT_RULES_H
#define IOT_GTK_ALERT_RULES_H

#include <gtk/gtk.h>

#include "iot-alert-rule.h"

G_BEGIN_DECLS

typedef struct _IotGtkAlertRules IotGtkAlertRules;
typedef struct _IotGtkAlertRuleEdit IotGtkAlertRuleEdit;

/* A thing the person can write a rule on. */
typedef struct {
	char *account; /* the account's bare JID */
	char *thing;   /* the thing's bare JID */
	char *name;    /* nullable: its alias */
} IotGtkAlertThing;

/* Returns: (transfer full): a thing (strings copied); iot_gtk_alert_thing_free(). */
IotGtkAlertThing *iot_gtk_alert_thing_new(const char *account, const char *thing, const char *name);
void iot_gtk_alert_thing_free(IotGtkAlertThing *t);

typedef struct {
	/* Returns: (transfer full) (element-type IotGtkAlertThing): the things
	 * of the buddy list (free function set). */
	GPtrArray *(*list_things)(gpointer user_data);
	/* Returns: (transfer full) (element-type utf8) (nullable): the fields
	 * known of @thing (@node nullable), e.g. from its history. */
	GPtrArray *(*list_fields)(const char *account, const char *thing, const char *node,
	                          gpointer user_data);
	/* Saves @rule (transfer none): a new one when its id is 0, else it
	 * replaces rule id. Returns the rule's id, 0 with @error set when it
	 * cannot be kept. */
	guint (*save_rule)(IotGtkAlertRules *win, const IotAlertRule *rule, GError **error,
	                   gpointer user_data);
	/* Deletes rule @id. */
	void (*delete_rule)(IotGtkAlertRules *win, guint id, gpointer user_data);
	/* Returns: (transfer full) (nullable): how the person names @thing. */
	char *(*display_name)(const char *account, const char *thing, gpointer user_data);
	/* Returns: (transfer full) (nullable): the fields pinned for @thing, in
	 * order; g_strfreev(). */
	char **(*get_pinned)(const char *account, const char *thing, gpointer user_data);
	/* Pins @fields (NULL-terminated, transfer none; empty: none) for @thing.
	 * NULL get_pinned or set_pinned: no Pinned values… button. */
	void (*set_pinned)(const char *account, const char *thing, const char *const *fields,
	                   gpointer user_data);
	/* Destroyed; @win is freed right after. */
	void (*on_closed)(IotGtkAlertRules *win, gpointer user_data);
} IotGtkAlertRulesOps;

/* Returns: (transfer none): a new, not yet shown Rules dialog; @ops copied. */
IotGtkAlertRules *iot_gtk_alert_rules_new(const IotGtkAlertRulesOps *ops, gpointer user_data);
void iot_gtk_alert_rules_destroy(IotGtkAlertRules *win);
GtkWidget *iot_gtk_alert_rules_get_window(IotGtkAlertRules *win);
/* Replaces the list with @rules (element-type const IotAlertRule *) (transfer
 * none: copied). The owner calls it whenever its rules change. */
void iot_gtk_alert_rules_set_rules(IotGtkAlertRules *win, const GPtrArray *rules);
/* Values a buddy-list row shows at most. */
#define IOT_GTK_ALERT_PIN_MAX 8

/* Opens the Pinned values dialog (Pinned values…) for the selected rule's
 * thing, else the preset one, else the first; returns: (transfer none) it,
 * or NULL without the ops for it. Its object data: "thing" (GtkComboBox),
 * "fields" (GtkListStore: gboolean pinned, utf8 name), "status" (GtkLabel). */
GtkWidget *iot_gtk_alert_rules_pin(IotGtkAlertRules *win);

/* A new rule's thing is preset to @thing (nullable: none) on @account. */
void iot_gtk_alert_rules_set_target(IotGtkAlertRules *win, const char *account, const char *thing);

/* For tests: the list's model (columns below), selecting rule @id, what the
 * buttons do, and the editor open (NULL when none). */
typedef enum {
	IOT_GTK_ALERT_RULES_COL_ID,        /* guint */
	IOT_GTK_ALERT_RULES_COL_THING,     /* utf8 */
	IOT_GTK_ALERT_RULES_COL_FIELD,     /* utf8 */
	IOT_GTK_ALERT_RULES_COL_CONDITION, /* utf8 */
	IOT_GTK_ALERT_RULES_COL_LEVELS,    /* utf8 */
	IOT_GTK_ALERT_RULES_COL_FLAGS,     /* utf8 */
	IOT_GTK_ALERT_RULES_COL_FOREGROUND,/* utf8 (nullable): grey when disabled */
	IOT_GTK_ALERT_RULES_N_COLS
} IotGtkAlertRulesColumn;
GtkTreeModel *iot_gtk_alert_rules_get_model(IotGtkAlertRules *win);
gboolean iot_gtk_alert_rules_select(IotGtkAlertRules *win, guint id);
void iot_gtk_alert_rules_add(IotGtkAlertRules *win);
void iot_gtk_alert_rules_edit(IotGtkAlertRules *win);
/* Deletes the selected rule after asking; @confirmed skips the question. */
void iot_gtk_alert_rules_delete(IotGtkAlertRules *win, gboolean confirmed);
IotGtkAlertRuleEdit *iot_gtk_alert_rules_get_editor(IotGtkAlertRules *win);

/* Returns: (transfer full): @r's levels and flags in words, for the list:
 * "warning 25, alarm 30", "latched · every 15 min · priority 2". */
char *iot_gtk_alert_rule_levels_text(const IotAlertRule *r);
char *iot_gtk_alert_rule_flags_text(const IotAlertRule *r);

/* ---- the editor (iot-gtk-alert-rule-edit.c) ---------------------------------------- */

/* Returns: (transfer none): the editor of @rule (nullable: a new rule, with
 * @thing (nullable) chosen), transient for @parent. It calls @ops->save_rule
 * on Save and closes itself when that worked. */
IotGtkAlertRuleEdit *iot_gtk_alert_rule_edit_new(GtkWindow *parent, const IotGtkAlertRulesOps *ops,
                                                 IotGtkAlertRules *owner, gpointer user_data,
                                                 const IotAlertRule *rule, const IotGtkAlertThing *thing);
void iot_gtk_alert_rule_edit_destroy(IotGtkAlertRuleEdit *ed);
GtkWidget *iot_gtk_alert_rule_edit_get_window(IotGtkAlertRuleEdit *ed);
/* Returns: (transfer full) (nullable): the rule as typed, NULL when it
 * cannot be checked (then *@problem (nullable) gets the first reason,
 * transfer none). iot_alert_rule_free(). */
IotAlertRule *iot_gtk_alert_rule_edit_get_rule(IotGtkAlertRuleEdit *ed, const char **problem);
/* What the status line says: the problem or the rule in words. */
const char *iot_gtk_alert_rule_edit_get_status(IotGtkAlertRuleEdit *ed);
/* The editor's widgets, by name: "thing" (GtkComboBox), "node" (GtkEntry),
 * "field" (GtkComboBoxEntry), "op" (GtkComboBox, IotAlertOp order),
 * "warning", "warning-high", "alarm", "alarm-high" (GtkEntry; "" = not set),
 * "raise" (GtkComboBox: 0 warning, 1 alarm), "duration", "for", "remind",
 * "priority" (GtkSpinButton, minutes but priority), "hysteresis" (GtkEntry),
 * "latched", "urgent", "enabled", "quiet" (GtkToggleButton), "quiet-from",
 * "quiet-to" (GtkEntry "22:00"), "save" (GtkButton). */
GtkWidget *iot_gtk_alert_rule_edit_get_widget(IotGtkAlertRuleEdit *ed, const char *name);
/* What Save does. FALSE when the rule is not valid or the owner refused. */
gboolean iot_gtk_alert_rule_edit_save(IotGtkAlertRuleEdit *ed);

G_END_DECLS

#endif
