/*
 * iot-purple-alert-private.h — what the alert adapter's files share, and the
 * calls the rest of the adapter makes into it (the stream, the history).
 */
#ifndef IOT_PURPLE_ALERT_PRIVATE_H
#define IOT_PURPLE_ALERT_PRIVATE_H

#include "iot-purple-alert.h"

#include "iot-events.h"
#include "iot-model.h"

#include <libxml/tree.h>

/* Pinned fields a thing keeps at most. */
#define IOT_PURPLE_ALERT_PINNED_MAX 8

typedef struct {
	IotPurpleAlertChangedFunc func;
	gpointer data;
	GDestroyNotify destroy;
} Listener;

typedef struct {
	gboolean loaded;
	PurplePlugin *plugin;
	IotAlertInbox *inbox;
	IotAlertEngine *engine;
	guint tick_id;
	gint64 tick_at;
	/* the store: ids to put (or delete when gone) */
	GHashTable *dirty_entries; /* guint64* → itself */
	GHashTable *dirty_rules;   /* GUINT_TO_POINTER(id) */
	GHashTable *dirty_states;  /* GUINT_TO_POINTER(id): the rule's runtime state */
	guint flush_id;
	/* the change hook */
	GHashTable *listeners;     /* handle → Listener */
	guint next_handle;
	guint changed;             /* IotPurpleAlertChanged bits pending */
	GHashTable *changed_things; /* "account\nthing" */
	guint coalesce_id;
	/* the notice */
	gboolean notice_due;
	guint64 newest_id;
	GQueue told;               /* guint64 ids to write into conversations */
	gboolean sound_due;
	gpointer fallback_notice;
	gint64 fallback_at;        /* when it was last replaced (monotonic µs) */
	guint fallback_timer;      /* a replacement held back (rate) */
	/* pinned values: "account\nthing" → GHashTable field → value text */
	GHashTable *pinned_values;
	/* things kept fed for their rules: "account\nthing" → watch handle */
	GHashTable *rule_watches;
} IotPurpleAlertState;

extern IotPurpleAlertState iot_purple_alert_state;


/* The shared machinery (iot-purple-alert.c). */
void iot_purple_alert_schedule_tick(void);
void iot_purple_alert_rules_changed(const char *account, const char *thing);
void iot_purple_alert_mark_changed(guint what, const char *account, const char *thing);
void iot_purple_alert_rule_dirty(guint id);
char *iot_purple_alert_thing_key(const char *account, const char *thing);
void iot_purple_alert_notice_update(void);

/* The store (iot-purple-alert-store.c): entries, rules and the rules'
 * runtime state marked to be written with the next batch (at most one a
 * second); a write now (unload, sign-off; FALSE when it failed, the marks
 * stay); every rule with something running marked (a "for at least" timer
 * then restarts from where it stood); the read-back at load. */
void iot_purple_alert_entry_dirty(guint64 id);
void iot_purple_alert_state_cb(guint id, gpointer unused);
gboolean iot_purple_alert_flush_now(void);
void iot_purple_alert_keep_running_states(void);
void iot_purple_alert_restore(void);

/* Returns: (transfer full) (nullable): @account's bare JID as alerts and
 * rules name it. g_free(). */
char *iot_purple_alert_account_jid(PurpleAccount *account);

/* Every value that arrives for @thing (any JID of it) on @account, from
 * the single path into the history: the rules are checked, warning and
 * error flags and node failures become alerts. @readout (transfer none). */
void iot_purple_alert_readout(PurpleAccount *account, const char *thing, const IotReadout *readout);

/* A <message/> of type headline (@message, transfer none) received on
 * @account: TRUE when it became an alert and must go no further (no popup);
 * FALSE for anything else (a pubsub event, not a headline): let through. */
gboolean iot_purple_alert_headline(PurpleAccount *account, const xmlNode *message);

/* The (transfer none) inbox and engine, for the commands and the Finch
 * lists; NULL outside load/unload. Changing them through these pointers
 * skips the store and listeners: use the public calls to act. */
const IotAlertInbox *iot_purple_alert_inbox(void);

/* Owner questions in the inbox (iot-purple-alert-question.c): watched from
 * load to unload; at sign-on (and load) an account's question entries are
 * brought in line with its pending groups. */
void iot_purple_alert_questions_load(void);
void iot_purple_alert_questions_unload(void);
void iot_purple_alert_questions_sync(PurpleAccount *account);
/* /questions (iot-purple-alert-question-cmd.c). */
void iot_purple_alert_question_cmd_register(void);
void iot_purple_alert_question_cmd_unregister(void);

/* /alerts and /alert (iot-purple-alert-cmd.c). */
void iot_purple_alert_cmd_register(void);
void iot_purple_alert_cmd_unregister(void);

/* The request/search-results fallbacks (iot-purple-alert-finch.c). */
void iot_purple_alert_finch_open_inbox(void);
void iot_purple_alert_finch_open_rules(PurpleAccount *account, const char *thing);
/* The rule form (iot-purple-alert-finch-rule.c): a new rule for @thing
 * (nullable) on @account (nullable) when @id is 0, else rule @id edited;
 * the forms closed at unload. */
void iot_purple_alert_finch_rule_form(PurpleAccount *account, const char *thing, guint id);
void iot_purple_alert_finch_rule_shutdown(void);
/* Something changed: an open fallback list is refreshed. */
void iot_purple_alert_finch_changed(guint what);
/* Closes the fallback lists (unload). */
void iot_purple_alert_finch_shutdown(void);

/* The event-subscription limits of @thing's rules on @account for the
 * watch that keeps them fed (iot-alert-limits.h). Returns: (transfer full)
 * (nullable): NULL when no rule asks anything of the thing. */
IotEventsRequest *iot_purple_alert_limits(PurpleAccount *account, const char *thing);

#endif
