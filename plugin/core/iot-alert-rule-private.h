/*
 * iot-alert-rule-private.h — what the rule engine's files share: a rule's
 * runtime state and the engine itself (iot-alert-rule-engine.c checks,
 * iot-alert-rule-state.c exports and restores the state across restarts).
 */
#ifndef IOT_ALERT_RULE_PRIVATE_H
#define IOT_ALERT_RULE_PRIVATE_H

#include "iot-alert-rule.h"

#define LEVEL_WARNING 0
#define LEVEL_ALARM 1

typedef struct {
	IotAlertRule *rule;
	gint64 since[2];        /* beyond the warning / alarm level continuously since; 0: not */
	gboolean active;        /* at a level (reported) */
	IotAlertSeverity level; /* … which one */
	gboolean target_normal; /* the latest evaluation found the value normal */
	gint64 fired_at;
	gboolean acked, muted;
	gint64 next_remind;
	gboolean has_value;     /* a value was seen (CHANGED's reference) */
	gboolean last_has_number;
	double last_number;
	char *last_text;        /* the latest value as given, for events */
	gint64 last_update;     /* STALE: the latest value, or when the rule was added */
	gint64 offline_since;   /* OFFLINE: 0 while online or unknown */
} RuleState;

struct _IotAlertEngine {
	GHashTable *by_id;      /* GUINT_TO_POINTER(id) → RuleState (owned) */
	GHashTable *by_field;   /* "account\x1fthing\x1ffield" (owned) → GPtrArray of RuleState */
	GHashTable *by_thing;   /* "account\x1fthing" (owned) → GPtrArray of OFFLINE RuleState */
	GPtrArray *all;         /* RuleState, priority order */
	GString *key;           /* reused for lookups */
	guint next_id;
	IotAlertEngineFunc func;
	gpointer user_data;
	GDestroyNotify destroy;
	IotAlertEngineStateFunc state_func; /* nullable */
	gpointer state_data;
};

/* The rule's lasting state changed: the engine's state callback is told. */
void iot_alert_engine_state_touched(IotAlertEngine *e, const RuleState *st);

#endif
