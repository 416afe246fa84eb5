/*
 * iot-alert-limits.h — a thing's rules as the change limits of an event
 * subscription, so that the thing reports what matters to them instead of
 * every change (NF/IEEE `by`/`up`/`dn`/`minInt`/`maxInt`, XSF
 * changedBy/…/minInterval/maxInterval; protocols.md §2.8, §3.3).
 *
 * Pure: rules in, an IotEventsRequest out (iot-events.h builds the
 * <subscribe/> from it for the thing's generation). Per field:
 *   ABOVE, BELOW, AT_LEAST, AT_MOST, OUTSIDE
 *       by = the finest step the field's rules need to see a crossing and
 *       the way back: the hysteresis where one is set, else a hundredth of
 *       the level (at least 0.01; OUTSIDE: a twentieth of the band), and
 *       never more than half the distance between a rule's warning and
 *       alarm levels, so that each level is seen. The smallest over the
 *       field's rules wins. `by` rather than `up`/`dn`: every rule must also
 *       see the value come back to normal, so both directions matter alike;
 *   EQUALS, NOT_EQUALS, CHANGED
 *       every change (the field without limits; this wins over any step);
 *   STALE
 *       the field without limits, and maxInt at most half its duration, so
 *       that a working thing never looks stale while a silent one does.
 * OFFLINE rules follow presence and ask for nothing. Disabled rules and
 * rules of other accounts, things or nodes are left out.
 * minInt: when every rule of the subscription waits "for at least" N
 * seconds, a tenth of the shortest N (whole seconds, at least 1) — a
 * crossing is then seen at most that late; else not set.
 * maxInt: the smallest of the STALE halves, else IOT_ALERT_LIMITS_MAX_INTERVAL
 * so that a subscription the thing forgot is noticed and renewed
 * (iot_events_watchdog_ms()).
 * The request asks for momentary values and an immediate first event.
 */
#ifndef IOT_ALERT_LIMITS_H
#define IOT_ALERT_LIMITS_H

#include <glib.h>

#include "iot-alert-rule.h"
#include "iot-events.h"

G_BEGIN_DECLS

/* Seconds: the longest a thing may stay silent under a subscription made
 * for rules when no STALE rule asks for less. */
#define IOT_ALERT_LIMITS_MAX_INTERVAL 900

/* The step of one rule as described above; 0 when the rule wants every
 * change, a negative number when it asks for nothing of the thing
 * (OFFLINE, STALE, disabled). */
double iot_alert_limits_rule_step(const IotAlertRule *r);

/* Returns: (transfer full) (nullable): the subscription for the @n_rules
 * @rules (transfer none; any order, any things) that watch @thing on
 * @account, at @node (nullable: the thing itself): fields in the order of
 * their first rule, the node added when given. NULL when no rule asks
 * anything of the thing. Free with iot_events_request_free(). */
IotEventsRequest *iot_alert_limits_request(const IotAlertRule *const *rules, guint n_rules,
                                           const char *account, const char *thing,
                                           const char *node);

G_END_DECLS

#endif
