/*
 * iot-alert-form.h — a rule as the fields of a form a person fills in
 * (Finch's request form; the same fields as Pidgin's rule editor): the
 * texts typed in, checked, and the rule they make — or, for each field that
 * is wrong, the reason, to be shown beside it.
 *
 * Durations are typed as /alert takes them ("10m", "90s", "1h30m", "10
 * min"; iot_alert_args_duration()); levels are numbers ("30", "21.5"), for
 * = and != also words compared exactly; quiet hours as "22:00" and "07:00".
 * Empty optional fields are "not set" (for at least: at once; reminders:
 * none; hysteresis: 0). Pure C (GLib): no purple, no GTK.
 */
#ifndef IOT_ALERT_FORM_H
#define IOT_ALERT_FORM_H

#include <glib.h>

#include "iot-alert-rule.h"

G_BEGIN_DECLS

/* The form's fields that take typed text (each may have a problem). */
typedef enum {
	IOT_ALERT_FORM_THING = 0,
	IOT_ALERT_FORM_FIELD,
	IOT_ALERT_FORM_WARNING,
	IOT_ALERT_FORM_WARNING_HIGH,
	IOT_ALERT_FORM_ALARM,
	IOT_ALERT_FORM_ALARM_HIGH,
	IOT_ALERT_FORM_AFTER,
	IOT_ALERT_FORM_HYSTERESIS,
	IOT_ALERT_FORM_FOR,
	IOT_ALERT_FORM_REMIND,
	IOT_ALERT_FORM_PRIORITY,
	IOT_ALERT_FORM_QUIET_FROM,
	IOT_ALERT_FORM_QUIET_TO
} IotAlertFormField;
#define IOT_ALERT_FORM_N_FIELDS 13

/* Priorities a rule may have. */
#define IOT_ALERT_FORM_PRIORITY_MIN (-100)
#define IOT_ALERT_FORM_PRIORITY_MAX 100

/* What the form holds. Strings (transfer none) nullable: NULL is "". */
typedef struct {
	const char *thing;        /* the thing's address */
	const char *node;         /* optional */
	const char *field;        /* not for OFFLINE */
	IotAlertOp op;
	const char *warning, *warning_high; /* high: OUTSIDE only */
	const char *alarm, *alarm_high;
	gboolean raise_alarm;     /* CHANGED, STALE, OFFLINE: an alarm, not a warning */
	const char *after;        /* STALE, OFFLINE: how long */
	const char *hysteresis;
	const char *for_at_least;
	gboolean latched;
	const char *remind;
	int priority;
	gboolean urgent;
	gboolean quiet;
	const char *quiet_from, *quiet_to;
	gboolean enabled;
} IotAlertFormInput;

/* Returns: (transfer none): @op in the person's words, translated, as the
 * rule editor lists them ("above", "outside a band", "offline for" …). */
const char *iot_alert_op_text(IotAlertOp op);

/* Checks @in. Returns: (transfer full) (nullable): the rule (account unset,
 * thing, node and field as typed, trimmed; iot_alert_rule_free()); NULL
 * when something is wrong: then @problems[i] (transfer none, translated)
 * says why field i is wrong, NULL for the fields that are right (the
 * thing's address is only checked for being one word: the adapter checks
 * it is a JID); a problem
 * of the rule as a whole (no level at all …) goes to the field to change. */
IotAlertRule *iot_alert_form_read(const IotAlertFormInput *in,
                                  const char *problems[IOT_ALERT_FORM_N_FIELDS]);

/* The texts of @r's fields as the form shows them (for editing it):
 * @texts[i] (transfer full, g_free() each; NULL where empty). Durations in
 * the short form the form reads back ("10m", "90s", "1h30m"). */
void iot_alert_form_texts(const IotAlertRule *r, char *texts[IOT_ALERT_FORM_N_FIELDS]);

/* Returns: (transfer full): @seconds as "1h30m", "10m", "90s" ("" for 0). */
char *iot_alert_form_duration(guint seconds);

G_END_DECLS

#endif
