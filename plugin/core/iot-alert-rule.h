/*
 * iot-alert-rule.h — the person's own rules on a field of a thing or node,
 * and the engine that checks every value against them.
 *
 * A rule watches one field of one thing (bare JID) on one account, or of a
 * node behind it, or the thing's presence (OFFLINE):
 *   ABOVE >, BELOW <, AT_LEAST >=, AT_MOST <=  a number against a level;
 *   EQUALS =, NOT_EQUALS !=   a number, or a string compared exactly;
 *   OUTSIDE                   a number outside the band low..high;
 *   CHANGED                   any change from the previous value (the first
 *                             value after start-up sets the reference only);
 *   STALE                     no value for duration_s seconds;
 *   OFFLINE                   the thing offline for duration_s seconds.
 * Levels: a rule has a warning and an alarm level (either or both set; for
 * EQUALS, NOT_EQUALS, CHANGED, STALE, OFFLINE only the first set one counts).
 * The value is "beyond" a level by the operator; it is back to normal only
 * when it has come back past the level by the hysteresis (ABOVE 30 with
 * hysteresis 2: fires above 30, clears at 28 or below).
 *
 * "For at least" (for_s): a level counts only once the value has stayed
 * beyond it that long, timed from the first value seen beyond it (the
 * crossing as seen), never from start-up or the rule's creation: a thing
 * already beyond its level when the engine starts fires for_s after its
 * first value, not at once. Going back to normal is immediate (with the
 * hysteresis).
 *
 * Latched: the rule stays at the highest level it reached until the value
 * is back to normal AND the alert was acknowledged (reset); mute stops the
 * reminders without acknowledging. Not latched: it follows the value.
 * Reminders: every remind_s seconds while beyond a level, not acknowledged
 * and not muted.
 *
 * The engine is pure: values, presence and ticks come in with their time
 * (µs since the epoch, a virtual clock in tests; the engine never reads a
 * clock) and events go out through one callback, synchronously, rules of
 * higher priority first. Values are looked up by (account, thing, field)
 * in a hash table, so an update costs the rules on that field only.
 */
#ifndef IOT_ALERT_RULE_H
#define IOT_ALERT_RULE_H

#include <glib.h>

#include "iot-alert-inbox.h"
#include "iot-alert.h"

G_BEGIN_DECLS

/* Rules one engine holds. */
#define IOT_ALERT_MAX_RULES 10000

typedef enum {
	IOT_ALERT_OP_ABOVE = 0,
	IOT_ALERT_OP_BELOW,
	IOT_ALERT_OP_AT_LEAST,
	IOT_ALERT_OP_AT_MOST,
	IOT_ALERT_OP_EQUALS,
	IOT_ALERT_OP_NOT_EQUALS,
	IOT_ALERT_OP_OUTSIDE,
	IOT_ALERT_OP_CHANGED,
	IOT_ALERT_OP_STALE,
	IOT_ALERT_OP_OFFLINE
} IotAlertOp;

/* Returns: (transfer none): the operator as typed: ">", "<", ">=", "<=",
 * "=", "!=", "outside", "changed", "stale", "offline". */
const char *iot_alert_op_symbol(IotAlertOp op);

typedef struct {
	gboolean set;
	double value;  /* the level; OUTSIDE: the band's low end */
	double high;   /* OUTSIDE: the band's high end */
	char *text;    /* nullable: EQUALS / NOT_EQUALS on strings, compared exactly */
} IotAlertLevel;

typedef struct {
	guint id;                 /* given by the engine (> 0); 0 before it is added */
	char *account;            /* never NULL: the account's bare JID */
	char *thing;              /* never NULL: the thing's bare JID */
	char *node;               /* nullable: NULL = the thing itself */
	char *field;              /* never NULL, except for OFFLINE (nullable) */
	IotAlertOp op;
	IotAlertLevel warning;
	IotAlertLevel alarm;
	double hysteresis;        /* ≥ 0, in the field's unit */
	guint for_s;              /* "for at least" seconds; 0: at once */
	guint duration_s;         /* STALE / OFFLINE: seconds */
	gboolean latched;
	guint remind_s;           /* reminders every … seconds; 0: none */
	int priority;             /* higher first */
	gboolean urgent;          /* an alarm of this rule comes through quiet hours */
	IotAlertQuiet quiet;      /* the rule's own quiet hours */
	gboolean disabled;
} IotAlertRule;

/* Returns: (transfer full): a rule with nothing set (op ABOVE, no level);
 * free with iot_alert_rule_free(). */
IotAlertRule *iot_alert_rule_new(void);
IotAlertRule *iot_alert_rule_copy(const IotAlertRule *r);
/* NULL-safe. */
void iot_alert_rule_free(IotAlertRule *r);
/* Sets account, thing, node (nullable) and field (nullable), copied. */
void iot_alert_rule_set_target(IotAlertRule *r, const char *account, const char *thing,
                               const char *node, const char *field);
/* TRUE when @r can be checked: account and thing set, a field unless
 * OFFLINE, a level set, a band with low < high, a duration for STALE and
 * OFFLINE, hysteresis ≥ 0 and finite numbers. */
gboolean iot_alert_rule_valid(const IotAlertRule *r);
/* The severity of the first level set (alarm before warning) for the
 * one-level operators; WARNING when none. */
IotAlertSeverity iot_alert_rule_severity(const IotAlertRule *r);

/* Returns: (transfer full): the rule in words for a list, translated:
 * "Flow temperature > 30 for 10 min", "Door changed", "Power stale 15 min",
 * "offline 10 min", with the node when there is one. g_free(). */
char *iot_alert_rule_describe(const IotAlertRule *r);

/* Returns: (transfer full): @seconds for people, translated: "2 h",
 * "15 min", "90 s". g_free(). */
char *iot_alert_format_duration(guint seconds);
/* Returns: (transfer full): a level for people: "30", "21.5", "0.001"
 * (the shortest form that reads back; no exponent for ordinary numbers).
 * g_free(). */
char *iot_alert_format_number(double v);

/* ---- the engine ----------------------------------------------------------- */

typedef enum {
	IOT_ALERT_EVENT_FIRE,   /* a level was reached (or a higher one) */
	IOT_ALERT_EVENT_LOWER,  /* down to a lower level, not yet normal (not latched) */
	IOT_ALERT_EVENT_CLEAR,  /* back to normal (latched: and acknowledged) */
	IOT_ALERT_EVENT_REMIND  /* still beyond, not acknowledged, not muted */
} IotAlertEventKind;

/* What happened. All pointers (transfer none) valid during the callback. */
typedef struct {
	IotAlertEventKind kind;
	const IotAlertRule *rule;
	IotAlertSeverity severity;   /* the level now (CLEAR: the level it had) */
	const char *value;           /* nullable: the value that made it happen, as given
	                              * (STALE/OFFLINE, ticks: NULL) */
	gint64 since;                /* when the level was first reached (fired) */
	gint64 at;                   /* now */
} IotAlertEvent;

/* May acknowledge or mute rules; must not add, remove or free them. */
typedef void (*IotAlertEngineFunc)(const IotAlertEvent *ev, gpointer user_data);

typedef struct _IotAlertEngine IotAlertEngine;

/* Returns: (transfer full): an engine without rules; @func (nullable) gets
 * every event, @destroy (nullable) frees @user_data at the end. Free with
 * iot_alert_engine_free(). */
IotAlertEngine *iot_alert_engine_new(IotAlertEngineFunc func, gpointer user_data,
                                     GDestroyNotify destroy);
void iot_alert_engine_free(IotAlertEngine *e);

/* Adds a copy of @rule, which must be valid; its state starts afresh at
 * @now (STALE counts from then). @rule->id is kept when > 0 and free (rules
 * read back from the store), else a new one is given. Returns: the id, 0
 * when not valid, taken, or IOT_ALERT_MAX_RULES are held. */
guint iot_alert_engine_add(IotAlertEngine *e, const IotAlertRule *rule, gint64 now);
/* Removes rule @id without events. FALSE when unknown. */
gboolean iot_alert_engine_remove(IotAlertEngine *e, guint id);
/* Returns: (transfer none) (nullable). */
const IotAlertRule *iot_alert_engine_get(const IotAlertEngine *e, guint id);
/* Returns: (transfer container): the rules (transfer none, const
 * IotAlertRule *), by id; g_ptr_array_unref(). @account / @thing (nullable)
 * filter. */
GPtrArray *iot_alert_engine_list(const IotAlertEngine *e, const char *account, const char *thing);
guint iot_alert_engine_size(const IotAlertEngine *e);

/* A value arrived for @field of @thing (@node nullable: the thing itself)
 * on @account: @text is its lexical form (nullable when only a number is
 * known), @number its number when @has_number. Checks the rules on that
 * field and emits what follows. */
void iot_alert_engine_value(IotAlertEngine *e, const char *account, const char *thing,
                            const char *node, const char *field, const char *text,
                            gboolean has_number, double number, gint64 now);
/* The thing's presence changed (online: any available resource). */
void iot_alert_engine_presence(IotAlertEngine *e, const char *account, const char *thing,
                               gboolean online, gint64 now);
/* Time passed: "for at least" timers, stale and offline durations,
 * reminders. Call it at iot_alert_engine_next_tick() (or every second). */
void iot_alert_engine_tick(IotAlertEngine *e, gint64 now);
/* When a tick has something to do next (µs); 0: nothing pending. */
gint64 iot_alert_engine_next_tick(const IotAlertEngine *e);

/* The person acknowledged rule @id's alert (reset): stops its reminders;
 * a latched rule clears now if its value is back to normal, else when it
 * gets there. FALSE when unknown or not beyond a level. */
gboolean iot_alert_engine_acknowledge(IotAlertEngine *e, guint id, gint64 now);
/* Stops rule @id's reminders without acknowledging (the latch stays).
 * FALSE when unknown or not beyond a level. */
gboolean iot_alert_engine_mute(IotAlertEngine *e, guint id);
/* The level rule @id is at now (INFO: normal); FALSE when unknown. */
gboolean iot_alert_engine_level(const IotAlertEngine *e, guint id, gboolean *active,
                                IotAlertSeverity *severity);

/* ---- lasting state: what a rule was doing, across a restart ------------------ */

/* A rule's runtime state as iot_alert_engine_export_state() gives it and
 * iot_alert_engine_restore_state() takes it back (the store keeps it).
 * Times are µs since the epoch; 0: not set. */
typedef struct {
	guint rule_id;
	gint64 saved_at;          /* when it was exported */
	gint64 since_warning;     /* beyond the warning level continuously since */
	gint64 since_alarm;       /* beyond the alarm level continuously since */
	gint64 offline_since;     /* OFFLINE: the thing offline since */
	gboolean active;          /* at a level (fired) */
	IotAlertSeverity level;   /* … which one (active only) */
	gint64 fired_at;          /* when it fired */
	gboolean acknowledged;
	gboolean muted;
	gint64 next_remind;       /* the next reminder on the schedule */
	gboolean has_value;       /* a value was seen: the ones below hold it */
	char *last_text;          /* nullable: the latest value as given (bounded) */
	gboolean last_has_number;
	double last_number;
} IotAlertRuleState;

/* NULL-safe. */
void iot_alert_rule_state_free(IotAlertRuleState *s);

/* Told (synchronously, from inside the engine's calls) whenever rule @id's
 * lasting state changed: it fired, lowered, cleared, was acknowledged or
 * muted, a reminder went out, a level's "for at least" timer started or
 * stopped, the thing went offline or came back. Never for a value that
 * changes nothing of that (STALE rules' fresh values, the same level
 * again). Must not add, remove or free rules. */
typedef void (*IotAlertEngineStateFunc)(guint id, gpointer user_data);
/* @func nullable: nobody told. @user_data is not freed by the engine. */
void iot_alert_engine_set_state_func(IotAlertEngine *e, IotAlertEngineStateFunc func,
                                     gpointer user_data);

/* Returns: (transfer full) (nullable): rule @id's state at @now, to be kept;
 * NULL when unknown. iot_alert_rule_state_free(). */
IotAlertRuleState *iot_alert_engine_export_state(const IotAlertEngine *e, guint id, gint64 now);

/* Gives rule @s->rule_id (added before, e.g. read back from the store) the
 * state @s exported at @s->saved_at, at @now, without events (the inbox has
 * its entries already):
 *  - a latched alarm stays latched at its level, acknowledged and muted as
 *    it was;
 *  - "for at least", OFFLINE and STALE timers go on from where they stood:
 *    the time the engine was not running does not count (nothing was seen
 *    then): a "for 10 min" level beyond for 6 min at export fires 4 min
 *    after @now unless a normal value comes first;
 *  - reminders keep their schedule: the next is the first scheduled time
 *    after @now, never at once.
 * Returns: FALSE when the rule is unknown or @s does not fit it (a level it
 * does not have, an unknown severity); nothing changes then. */
gboolean iot_alert_engine_restore_state(IotAlertEngine *e, const IotAlertRuleState *s, gint64 now);

/* Returns: (transfer full): the alert an event of a rule puts into the
 * inbox: source (account, thing, node, field), severity, urgency (urgent
 * alarms only), origin RULE and rule id, and a text naming the field, the
 * value and the condition ("Flow temperature is 31.5 (> 30)", "Door
 * changed to open", "Power: no value for 15 min", "offline for 10 min").
 * iot_alert_free(). */
IotAlert *iot_alert_event_to_alert(const IotAlertEvent *ev);

/* Puts @ev into @inbox as the person should see it: FIRE and LOWER close
 * the rule's previous entry for that source (cleared: superseded by the new
 * level; CHANGED rules keep theirs, every change is an alert) and add the
 * new alert, under the rule's own quiet hours; CLEAR clears the rule's
 * entry (both moments stay: first and cleared); REMIND re-opens it.
 * Returns: the entry's id; 0 when there was none to clear or remind. */
guint64 iot_alert_event_to_inbox(const IotAlertEvent *ev, IotAlertInbox *inbox);

G_END_DECLS

#endif
