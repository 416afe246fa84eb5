/*
 * iot-alert-args.h — the words after /alert in a chat with a thing, parsed.
 *
 *   /alert add <field> <op> <value> [for <duration>]
 *       op: >  <  >=  <=  =  !=        a number ("30", "21.5 °C": a unit
 *                                      after the number is allowed and not
 *                                      checked here); = and != also take a
 *                                      word ("fault", "on", "half open" in
 *                                      quotes), compared exactly
 *           outside A..B               a band ("18..24" or "18 .. 24")
 *           changed                    any change
 *           stale <duration>           no value for that long
 *       "for <duration>": only once it has held that long (not with
 *       changed or stale)
 *   /alert add offline <duration>      the thing offline for that long
 *   /alert list                        the rules, numbered (also /alert alone)
 *   /alert del <n>                     rule n of /alert list
 *   /alert ack [n|all]                 alert n of /alerts, all, or (no n) the
 *                                      newest open alert of this thing
 *   /alert snooze <n> <duration>       alert n of /alerts
 * Words are split as /read splits them (iot-cmdargs.h): quotes keep spaces
 * ("Flow temperature"), a backslash escapes. Durations as people type them:
 * "10m", "1h30m", "90s", "2d 4h", "10 min", "PT10M" (iot-value.h); at least
 * a second, at most IOT_ALERT_MAX_DURATION_S. Keywords and operators are
 * English like the command itself; errors are translated sentences.
 *
 * Rules made here are alarms (the one level set is the alarm level): a
 * person who asks for a rule in chat wants to hear of it. The adapter sets
 * the account and thing (iot_alert_rule_set_target() keeps the field).
 */
#ifndef IOT_ALERT_ARGS_H
#define IOT_ALERT_ARGS_H

#include <glib.h>

#include "iot-alert-rule.h"

G_BEGIN_DECLS

/* A year: the longest duration /alert takes. */
#define IOT_ALERT_MAX_DURATION_S (366u * 24 * 3600)

typedef enum {
	IOT_ALERT_CMD_LIST = 0,
	IOT_ALERT_CMD_ADD,
	IOT_ALERT_CMD_DEL,
	IOT_ALERT_CMD_ACK,
	IOT_ALERT_CMD_SNOOZE
} IotAlertCmdKind;

typedef struct {
	IotAlertCmdKind kind;
	IotAlertRule *rule; /* ADD: (transfer full) the rule, its field set (NULL for
	                     * offline), account and thing NULL; else NULL */
	guint n;            /* DEL, SNOOZE: the number (≥ 1); ACK: the number, 0 = the
	                     * newest open alert of the thing (unless all) */
	gboolean all;       /* ACK all */
	guint seconds;      /* SNOOZE: how long */
} IotAlertCommand;

/* Parses @line (the words after "/alert"). Returns: (transfer full)
 * (nullable): the command, freed with iot_alert_command_free(); NULL with
 * a translated @error (IOT_ERROR_BAD_REQUEST) that says what is wrong and
 * how it is written. */
IotAlertCommand *iot_alert_args_parse(const char *line, GError **error);
/* NULL-safe. */
void iot_alert_command_free(IotAlertCommand *cmd);

/* Parses a duration as typed ("10m", "1h30m", "90s", "10 min", "PT10M")
 * to whole seconds (rounded up), within 1 s .. IOT_ALERT_MAX_DURATION_S.
 * FALSE when it is none. */
gboolean iot_alert_args_duration(const char *text, guint *seconds);

/* Returns: (transfer none): the usage of /alert for /help, translated; HTML
 * (angle brackets escaped, lines parted by <br>), as /help shows it. */
const char *iot_alert_args_usage(void);

G_END_DECLS

#endif
