/*
 * iot-purple-alert.h — the alert inbox and the person's rules, as the user
 * interface sees them (issue: alerts; DESIGN.md §1).
 *
 * One inbox holds the alerts of every account (IotAlertInbox, iot-alert-
 * inbox.h): headlines (the jabber prpl's popup no longer appears), a thing's
 * warning and error flags and node failures, and what the person's rules
 * say (IotAlertEngine, iot-alert-rule.h). The rules are fed by every value
 * that arrives for a thing — readouts, polls, events, pubsub and PEP items —
 * and by presence (offline rules). Both live in the store and survive
 * disconnects, plugin reloads and restarts.
 *
 * Accounts: a PurpleAccount in, its bare JID in the alerts and rules
 * (IotAlertSource.account, IotAlertRule.account); iot_purple_alert_account()
 * finds the account of an alert or rule again. A NULL account means every
 * account.
 *
 * Everything here runs on the main loop. Lists are deep copies the caller
 * owns (transfer full): nothing handed out points into the inbox, so a UI
 * may keep what it got across changes. Strings in are (transfer none) and
 * copied. Texts handed out are kept as sent (never escaped): a UI escapes
 * them for markup (g_markup_escape_text()) and a conversation line for HTML.
 *
 * Between iot_purple_alert_load() and iot_purple_alert_unload() (the
 * plugin's load and unload); outside of it the functions do nothing and
 * return nothing (0, NULL, FALSE).
 */
#ifndef IOT_PURPLE_ALERT_H
#define IOT_PURPLE_ALERT_H

#include <account.h>
#include <plugin.h>

#include "iot-alert-inbox.h"
#include "iot-alert-rule.h"
#include "iot-alert.h"
#include "iot-concentrator.h"

G_BEGIN_DECLS

/* Preferences (iot-purple-plugin.c adds them). */
#define IOT_PURPLE_ALERT_PREF "/plugins/core/xmpp-iot/alerts"
#define IOT_PURPLE_ALERT_SOUND_PREF IOT_PURPLE_ALERT_PREF "/sound"           /* bool: a sound per told alert */
#define IOT_PURPLE_ALERT_CONV_PREF IOT_PURPLE_ALERT_PREF "/conversation"     /* bool: a line in the thing's conversation */
#define IOT_PURPLE_ALERT_QUIET_PREF IOT_PURPLE_ALERT_PREF "/quiet"           /* bool: global quiet hours on */
#define IOT_PURPLE_ALERT_QUIET_START_PREF IOT_PURPLE_ALERT_PREF "/quiet_start" /* int: minutes after midnight */
#define IOT_PURPLE_ALERT_QUIET_END_PREF IOT_PURPLE_ALERT_PREF "/quiet_end"     /* int: minutes after midnight */

/* ---- what the concentrator adapter learns ------------------------------------ */

/* Node @node (transfer none) of the concentrator @concentrator (any JID of
 * it) on @account, as an answer (an outline, a browsed level, getNode) or a
 * nodeAdded/nodeUpdated/nodeStatusChanged event describes it: in error or
 * warning it is an alert (one per node; the same state seen again adds
 * nothing), OK clears it (iot-alert-node.h). */
void iot_purple_alert_concentrator_node(PurpleAccount *account, const char *concentrator,
                                        const IotConcentratorNode *node);
/* Node @node_id of @concentrator was removed: its alert is cleared. */
void iot_purple_alert_concentrator_node_gone(PurpleAccount *account, const char *concentrator,
                                             const char *node_id);

/* ---- life ------------------------------------------------------------------ */

/* Plugin load, after the store is open: reads the inbox and the rules back
 * (bounded), starts the timer. @plugin owns the signal and preference
 * callbacks. */
void iot_purple_alert_load(PurplePlugin *plugin);
/* Plugin unload, before the store closes: writes what is pending, stops
 * the timer, closes the fallback notice; no callback runs afterwards and
 * every registered listener's destroy runs. */
void iot_purple_alert_unload(void);
/* @account signed on / off: presence of its things is unknown while off
 * (offline rules do not fire for our own disconnect); pending writes go. */
void iot_purple_alert_session_changed(PurpleAccount *account, gboolean online);

/* Returns: (transfer none) (nullable): the connected jabber account whose
 * bare JID is @account_jid (an IotAlertSource.account or
 * IotAlertRule.account); NULL when there is none now. */
PurpleAccount *iot_purple_alert_account(const char *account_jid);

/* ---- the inbox ----------------------------------------------------------- */

/* Returns: (transfer full) (element-type IotAlert): copies of the entries
 * of @account (nullable: all) matching @filter (nullable: all but
 * dismissed; its account member is ignored, @account counts), newest first;
 * g_ptr_array_unref() frees the copies too. */
GPtrArray *iot_purple_alert_list(PurpleAccount *account, const IotAlertFilter *filter);
/* Returns: (transfer full) (nullable): a copy of entry @id; iot_alert_free(). */
IotAlert *iot_purple_alert_get(guint64 id);
/* Unread (NEW, not held by quiet hours) entries of @account (nullable: all):
 * the count in the window title and the notice. */
guint iot_purple_alert_unread(PurpleAccount *account);

/* Actions on the @n entries @ids (transfer none; unknown ids skipped).
 * Each returns how many entries changed. Acknowledging a rule's entry also
 * acknowledges the rule (resets a latched alarm once back to normal). */
guint iot_purple_alert_mark_read(const guint64 *ids, guint n);
guint iot_purple_alert_acknowledge(const guint64 *ids, guint n);
/* @until: µs since the epoch (g_get_real_time() based); the entries come
 * back as new then. */
guint iot_purple_alert_snooze(const guint64 *ids, guint n, gint64 until);
guint iot_purple_alert_dismiss(const guint64 *ids, guint n);
/* Acknowledges every open entry from @thing (a bare JID) on @account
 * (nullable: any account). */
guint iot_purple_alert_acknowledge_source(PurpleAccount *account, const char *thing);
/* Acknowledges every open entry of @account (nullable: all). */
guint iot_purple_alert_acknowledge_all(PurpleAccount *account);

/* The times a snooze menu offers: @now + 1 h, and tomorrow 08:00 local
 * time (µs since the epoch). */
gint64 iot_purple_alert_snooze_hour(gint64 now);
gint64 iot_purple_alert_snooze_tomorrow(gint64 now);

/* ---- rules ----------------------------------------------------------------- */

/* Returns: (transfer full) (element-type IotAlertRule): copies of the rules
 * of @account (nullable: all) on @thing (nullable: all), by id (the numbers
 * of /alert list); g_ptr_array_unref() frees the copies too. */
GPtrArray *iot_purple_alert_rules(PurpleAccount *account, const char *thing);
/* Returns: (transfer full) (nullable): a copy of rule @id; iot_alert_rule_free(). */
IotAlertRule *iot_purple_alert_rule_get(guint id);
/* Adds a copy of @rule (transfer none; every option of IotAlertRule is
 * kept: levels, hysteresis, for, latched, reminders, priority, urgent,
 * quiet hours, disabled) for @account (its account member is replaced by
 * @account's bare JID; thing normalised to a bare JID). Stored, checked
 * from now on, and its limits pushed to the thing's event subscription
 * where it has one. Returns: the new id; 0 with @error (IOT_ERROR_BAD_REQUEST:
 * not valid, too many rules; IOT_ERROR_STORE: not kept). */
guint iot_purple_alert_rule_add(PurpleAccount *account, const IotAlertRule *rule, GError **error);
/* Replaces rule @id by a copy of @rule (transfer none), keeping the id and
 * the account (the rule's state starts afresh: an open alert of it is
 * cleared). FALSE with @error when unknown or not valid. */
gboolean iot_purple_alert_rule_edit(guint id, const IotAlertRule *rule, GError **error);
/* Deletes rule @id (its open alert is cleared). FALSE when unknown. */
gboolean iot_purple_alert_rule_delete(guint id);
/* Rule @id's level now: *@active (nullable) TRUE while beyond a level,
 * *@severity (nullable) that level. FALSE when unknown. */
gboolean iot_purple_alert_rule_level(guint id, gboolean *active, IotAlertSeverity *severity);
/* Stops rule @id's reminders without acknowledging (the latch stays). */
gboolean iot_purple_alert_rule_mute(guint id);

/* ---- things: pinned values and the active alert -------------------------- */

/* Returns: (transfer full) (nullable): the field names the person pinned
 * for @thing (bare JID) on @account, in order; NULL when none.
 * g_strfreev(). Kept with the buddy (blist.xml). */
char **iot_purple_alert_pinned(PurpleAccount *account, const char *thing);
/* Pins @fields (transfer none, NULL-terminated; nullable/empty: none, at
 * most 8 kept) for @thing on @account. */
void iot_purple_alert_set_pinned(PurpleAccount *account, const char *thing, const char *const *fields);
/* Returns: (transfer full) (nullable): the pinned fields' latest values as
 * one plain-text line for under the buddy's name ("21.5 °C · 45 %"),
 * bounded to 128 bytes, NOT escaped; NULL when nothing is pinned or known. */
char *iot_purple_alert_pinned_line(PurpleAccount *account, const char *thing);

/* TRUE while @thing (bare JID) on @account has an open alert that is not
 * snoozed or held by quiet hours (the buddy-list emblem); *@severity
 * (nullable): the highest. */
gboolean iot_purple_alert_thing_active(PurpleAccount *account, const char *thing,
                                       IotAlertSeverity *severity);

/* ---- being told of changes ------------------------------------------------- */

typedef enum {
	IOT_PURPLE_ALERT_CHANGED_INBOX = 1 << 0,  /* entries added, merged, acted on, gone */
	IOT_PURPLE_ALERT_CHANGED_RULES = 1 << 1,  /* a rule added, edited, deleted, its level moved */
	IOT_PURPLE_ALERT_CHANGED_THINGS = 1 << 2  /* a thing's active alert or pinned line changed */
} IotPurpleAlertChanged;

/* A thing whose state changed: (transfer none), valid during the call. */
typedef struct {
	PurpleAccount *account; /* never NULL: a connected account */
	const char *thing;      /* never NULL: the bare JID */
} IotPurpleAlertThing;

/* Called from the main loop at most every IOT_PURPLE_ALERT_COALESCE_MS with
 * what changed since the previous call (@what: IotPurpleAlertChanged bits)
 * and the @n_things things (transfer none, valid during the call) whose
 * emblem or pinned line should be redrawn. A storm costs a handful of
 * calls. May call anything in this header, including actions. */
typedef void (*IotPurpleAlertChangedFunc)(guint what, const IotPurpleAlertThing *things,
                                          guint n_things, gpointer user_data);
#define IOT_PURPLE_ALERT_COALESCE_MS 250

/* Registers @func; @destroy (nullable) frees @user_data at
 * iot_purple_alert_disconnect() or unload, whichever comes first.
 * Returns: a handle (> 0); 0 outside load/unload (@destroy is then called
 * at once). */
guint iot_purple_alert_connect(IotPurpleAlertChangedFunc func, gpointer user_data,
                               GDestroyNotify destroy);
/* No call of that listener follows. Unknown handles are ignored. */
void iot_purple_alert_disconnect(guint handle);

/* ---- owner questions ------------------------------------------------------- */

/* Each pending owner question group of an account (iot-purple-registry.h:
 * "may X become friends with / read / control thing T?") is one entry of
 * severity IOT_ALERT_QUESTION: source the thing (and its node), text the
 * question in a sentence with how often it was asked when identical ones
 * merged, question the group's key. It stays while the group is pending —
 * also across a sign-off, a reload and a restart (the store keeps both) —
 * and is removed when the group leaves: answered here, answered on another
 * client of the account (the service tells them), or withdrawn. At sign-on
 * the account's entries are brought in line with its pending groups: one
 * entry per group, none whose question is gone. No sound, no conversation
 * line, never urgent: a question is told by the notice only. */

/* Returns: (transfer full) (nullable) (element-type utf8): the labels of
 * the answer buttons of question entry @id, in order (yes and no for the
 * JID, its domain, everyone; yes for each token it carried); NULL when @id
 * is no question of an online account that is still pending.
 * g_ptr_array_unref() frees them. */
GPtrArray *iot_purple_alert_question_choices(guint64 id);

/* Runs once: @error NULL when the service took the answer (translated words
 * otherwise). */
typedef void (*IotPurpleAlertDoneFunc)(const GError *error, gpointer user_data);
/* Answers question entry @id with its choice @choice (an index into
 * iot_purple_alert_question_choices()): the entry goes at once (answered
 * once), the rule is sent and recorded as given. @cb (nullable) runs once,
 * never before this returns; @destroy (nullable) frees @user_data after it.
 * Returns 0 (and calls nothing but @destroy) when @id is no pending
 * question of an online account or @choice is out of range. */
guint iot_purple_alert_question_answer(guint64 id, guint choice, IotPurpleAlertDoneFunc cb,
                                       gpointer user_data, GDestroyNotify destroy);
/* "Answer with limits…": opens question entry @id in the UI's question
 * window (IotUiOps.open_question: categories, fields, parameters), else the
 * adapter's request dialog. FALSE when it is no pending question. */
gboolean iot_purple_alert_question_open(guint64 id);
/* Returns: (transfer full) (nullable): the pending group key of question
 * entry @id (what iot_purple_provisioning_answer() takes) and its account
 * in *@account (nullable); NULL when it is not pending. g_free(). */
char *iot_purple_alert_question_key(guint64 id, PurpleAccount **account);
/* Returns: the entry of pending group @merge_key of @account; 0: none. */
guint64 iot_purple_alert_question_entry(PurpleAccount *account, const char *merge_key);

/* ---- the notice ------------------------------------------------------------ */

/* What the one notice shows; (transfer none), valid during the call. */
typedef struct {
	guint unread;                 /* 0: nothing to tell any more: hide it */
	guint questions;              /* owner questions among the unread */
	IotAlertSeverity severity;    /* the loudest among the unread (iot_alert_severity_rank()) */
	guint64 newest_id;            /* the newest told entry (0: none) */
	const char *newest_source;    /* nullable: its thing's bare JID (plus "/node") */
	const char *newest_text;      /* nullable: its text, NOT escaped */
} IotPurpleAlertNotice;

/* Returns: (transfer full): the notice's title for @unread entries of which
 * @questions are owner questions: "3 unread alerts", "1 question to
 * answer", "2 unread alerts, 1 question to answer". g_free(). */
char *iot_purple_alert_notice_title(guint unread, guint questions);

/* Opens the inbox (the notice's click, menus): the UI's open_alerts, else
 * the request/search-results fallback (Finch). */
void iot_purple_alert_open_inbox(void);
/* Opens the rules of @account (nullable) and @thing (nullable): the UI's
 * open_rules, else the fallback. */
void iot_purple_alert_open_rules(PurpleAccount *account, const char *thing);

G_END_DECLS

#endif
