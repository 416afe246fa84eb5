/*
 * iot-alert-inbox.h — the alert inbox: pure, bounded, on a virtual clock.
 *
 * What adding an alert does, in order:
 *   1. merge: an open entry (iot_alert_is_open()) with the same source,
 *      severity, origin, rule and text whose last arrival is within
 *      merge_window takes it: count + 1, last = now (a READ entry becomes
 *      NEW again; a snoozed one stays snoozed);
 *   2. throttle: a source (account + thing) may add rate_max new entries
 *      per rate_window, and hold per_source_max open entries (strangers:
 *      the stranger_ values). Beyond, the alert is summed up in the
 *      source's summary entry of that window (origin THROTTLED: "12 more
 *      from door@… in the last 10 min"), which takes the highest severity
 *      and the urgency of what it sums up: an alarm is never lost unnoticed;
 *   3. quiet hours (global, or the rule's own passed with the alert): the
 *      entry is kept but deferred to their end (no notice); at the end
 *      iot_alert_inbox_tick() releases what was held and adds one summary
 *      per source (origin QUIET). Nothing is dropped; urgent alarms come
 *      through at once;
 *   4. the global cap (max_entries): the oldest entry of the lowest class
 *      goes first — dismissed, then cleared or acknowledged, then a
 *      stranger's (summaries included), then read info/warnings, then
 *      anything but an open alarm of a contact, and only then those. An
 *      open entry that goes is first counted into its source's summary (or
 *      becomes that summary), so a contact's alerts never vanish unnoticed;
 *      a stranger's flood pushes out the stranger's own entries first.
 *
 * Every change is reported to the listener (the adapter: the notice, the
 * store, the windows), with whether the person should be told now.
 *
 * Times are µs since the epoch, given by the caller; the inbox never reads
 * a clock. Quiet hours are minutes of the local day (GDateTime, $TZ).
 * Strings in, (transfer none) and copied; alerts out, (transfer none)
 * pointers valid until the next call that changes the inbox.
 */
#ifndef IOT_ALERT_INBOX_H
#define IOT_ALERT_INBOX_H

#include <glib.h>

#include "iot-alert.h"

G_BEGIN_DECLS

/* Quiet hours: from start_min to end_min (minutes after local midnight,
 * 0–1439); an end before the start spans midnight (22:00–07:00). Equal
 * start and end, or enabled FALSE: none. */
typedef struct {
	gboolean enabled;
	guint start_min;
	guint end_min;
} IotAlertQuiet;

/* TRUE when @now falls in @q (nullable: none). */
gboolean iot_alert_quiet_active(const IotAlertQuiet *q, gint64 now);
/* The end of the quiet hours @now falls in (µs); 0 when not in them. */
gint64 iot_alert_quiet_end(const IotAlertQuiet *q, gint64 now);

/* The defaults of IotAlertInboxConfig (DESIGN.md §6: the alert rate). */
#define IOT_ALERT_INBOX_MAX_ENTRIES 2000
#define IOT_ALERT_INBOX_MERGE_WINDOW (10 * IOT_ALERT_MINUTE)
#define IOT_ALERT_INBOX_RATE_WINDOW (10 * IOT_ALERT_MINUTE)
#define IOT_ALERT_INBOX_RATE_MAX 10
#define IOT_ALERT_INBOX_PER_SOURCE_MAX 50
#define IOT_ALERT_INBOX_STRANGER_RATE_MAX 3
#define IOT_ALERT_INBOX_STRANGER_MAX 5
/* Senders whose throttling state is kept beyond the entries' own: above
 * it, senders that hold no entry are forgotten (at most a quarter more
 * are tracked between two clean-ups). */
#define IOT_ALERT_INBOX_MAX_SOURCES 4096

typedef struct {
	guint max_entries;         /* the global cap (at least 10) */
	gint64 merge_window;       /* µs */
	gint64 rate_window;        /* µs */
	guint rate_max;            /* new entries a source adds per rate_window */
	guint per_source_max;      /* open entries a source holds */
	guint stranger_rate_max;   /* the same for senders not in the roster */
	guint stranger_max;
	IotAlertQuiet quiet;       /* global quiet hours */
} IotAlertInboxConfig;

/* The defaults (the macros above): 2,000 entries; merge within 10 min; 10
 * new entries a source per 10 min and 50 open (strangers: 3 and 5); no
 * quiet hours. */
void iot_alert_inbox_config_default(IotAlertInboxConfig *cfg);

typedef enum {
	IOT_ALERT_CHANGE_ADDED,   /* a new entry */
	IOT_ALERT_CHANGE_UPDATED, /* merged, summary grown, state or times changed */
	IOT_ALERT_CHANGE_REMOVED  /* gone (global cap, per-source cap); the pointer
	                           * is valid during the call only */
} IotAlertChange;

/* @alert (transfer none) is valid during the call; @notify: the person
 * should be told now (a new or re-opened entry outside quiet hours, a
 * snooze that ended, quiet hours that ended). Must not change the inbox. */
typedef void (*IotAlertInboxFunc)(IotAlertChange change, const IotAlert *alert, gboolean notify,
                                  gpointer user_data);

typedef struct _IotAlertInbox IotAlertInbox;

/* Returns: (transfer full): an empty inbox with @cfg (nullable: the
 * defaults) copied; free with iot_alert_inbox_free(). */
IotAlertInbox *iot_alert_inbox_new(const IotAlertInboxConfig *cfg);
/* NULL-safe; the listener is not called. */
void iot_alert_inbox_free(IotAlertInbox *inbox);
/* Replaces the configuration (limits apply to what comes next). */
void iot_alert_inbox_set_config(IotAlertInbox *inbox, const IotAlertInboxConfig *cfg);
/* Returns: (transfer none). */
const IotAlertInboxConfig *iot_alert_inbox_get_config(const IotAlertInbox *inbox);
/* @func (nullable) is called for every change; @destroy (nullable) frees
 * @user_data when replaced or at iot_alert_inbox_free(). */
void iot_alert_inbox_set_listener(IotAlertInbox *inbox, IotAlertInboxFunc func,
                                  gpointer user_data, GDestroyNotify destroy);

typedef enum {
	IOT_ALERT_ADD_NEW,       /* a new entry, told now */
	IOT_ALERT_ADD_MERGED,    /* merged into an open entry */
	IOT_ALERT_ADD_THROTTLED, /* summed up in the source's summary entry */
	IOT_ALERT_ADD_DEFERRED   /* a new entry, held back by quiet hours */
} IotAlertAddResult;

/* Adds @alert (transfer none: copied; its id, state, count, times are set
 * by the inbox: first = last = @now; state NEW). @rule_quiet (nullable): the
 * rule's own quiet hours, on top of the global ones. *@out_id (nullable):
 * the entry it is now part of (the summary when throttled); 0 or an id no
 * longer held when the global cap pushed it out at once (a stranger's alert
 * into an inbox full of contacts' alerts). */
IotAlertAddResult iot_alert_inbox_add(IotAlertInbox *inbox, const IotAlert *alert,
                                      const IotAlertQuiet *rule_quiet, gint64 now,
                                      guint64 *out_id);

/* Owner questions (severity QUESTION with a question key, iot-alert.h) take
 * another path through iot_alert_inbox_add(): the entry of the same account
 * and key, in any state, takes the alert's text, stranger flag and count
 * (the caller's: the questions merged into it), a later last arrival when
 * the count grew (a read entry then becomes NEW again, told); else a new
 * entry (first: the alert's first when set and not in the future, else
 * @now; never urgent; origin EVENT). Questions are never merged by text,
 * never throttled, never counted against a source's caps, never pushed
 * out by the global cap, never summed up in a summary: only
 * iot_alert_inbox_remove() takes them away. Quiet hours hold their notice
 * back like any other's; at their end each is told on its own. A
 * QUESTION without a key is added as INFO.
 *
 * Returns: (transfer none) (nullable): the entry of question @key on
 * @account (any state). */
const IotAlert *iot_alert_inbox_find_question(const IotAlertInbox *inbox, const char *account,
                                              const char *key);
/* Takes entry @id out (the listener hears REMOVED). FALSE when unknown. */
gboolean iot_alert_inbox_remove(IotAlertInbox *inbox, guint64 id);

/* Puts back an entry as it was stored (id, state, times kept); ids given
 * later are above every restored one. FALSE when its id is taken or 0. The
 * listener is not called. Caps apply to what comes next. */
gboolean iot_alert_inbox_restore(IotAlertInbox *inbox, const IotAlert *alert);

/* Returns: (transfer none) (nullable): the entry @id. */
const IotAlert *iot_alert_inbox_get(const IotAlertInbox *inbox, guint64 id);
guint iot_alert_inbox_size(const IotAlertInbox *inbox);
/* Entries in state NEW that are not deferred: the count in the window
 * title and the notice. */
guint iot_alert_inbox_unread(const IotAlertInbox *inbox);
/* Senders whose throttling state is kept (a bound: see
 * IOT_ALERT_INBOX_MAX_SOURCES). */
guint iot_alert_inbox_tracked_sources(const IotAlertInbox *inbox);
/* Entries held back by quiet hours. */
guint iot_alert_inbox_deferred(const IotAlertInbox *inbox);

/* Actions on @n entries @ids; unknown ids are skipped. Each returns how
 * many entries changed. Acknowledged, dismissed and cleared entries stay
 * so (acknowledge on a cleared entry records it; snooze on a closed one
 * does nothing). */
guint iot_alert_inbox_mark_read(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 now);
guint iot_alert_inbox_acknowledge(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 now);
guint iot_alert_inbox_snooze(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 until,
                             gint64 now);
guint iot_alert_inbox_dismiss(IotAlertInbox *inbox, const guint64 *ids, guint n, gint64 now);
/* Acknowledges every open entry from @thing on @account (nullable: any),
 * summaries included, owner questions not (they wait for an answer). */
guint iot_alert_inbox_acknowledge_source(IotAlertInbox *inbox, const char *account,
                                         const char *thing, gint64 now);
/* Acknowledges every open entry but owner questions. */
guint iot_alert_inbox_acknowledge_all(IotAlertInbox *inbox, gint64 now);

/* A rule's condition went back to normal: its open entry for @source
 * (rule origin, @rule_id) gets cleared = @now and state CLEARED (an
 * acknowledged one keeps its state). FALSE when there is none. */
gboolean iot_alert_inbox_clear_rule(IotAlertInbox *inbox, guint rule_id,
                                    const IotAlertSource *source, gint64 now);
/* A rule's reminder: its open entry becomes NEW again, last = @now, told
 * (not in quiet hours). FALSE when there is none. */
gboolean iot_alert_inbox_remind_rule(IotAlertInbox *inbox, guint rule_id,
                                     const IotAlertSource *source, gint64 now);

/* Ends snoozes whose time has come (NEW again, told) and releases what
 * quiet hours held whose end has come (one QUIET summary per source,
 * told). Returns how many entries changed. */
guint iot_alert_inbox_tick(IotAlertInbox *inbox, gint64 now);
/* When iot_alert_inbox_tick() next has something to do (µs); 0: nothing
 * pending. The adapter sets one timer for it. */
gint64 iot_alert_inbox_next_tick(const IotAlertInbox *inbox);

/* What to list. Strings nullable (any); masks of 1 << IotAlertSeverity /
 * 1 << IotAlertState, 0: any. Text matches case-insensitively anywhere in
 * the text, the thing, the node or the field. Dismissed entries are left
 * out unless the state mask asks for them. */
typedef struct {
	const char *text;
	const char *account;
	const char *thing;
	const char *node;
	guint severities;
	guint states;
	guint max;      /* 0: all */
} IotAlertFilter;

/* Returns: (transfer container): the entries matching @filter (nullable:
 * all but dismissed), newest (last arrival) first, as (transfer none)
 * const IotAlert pointers valid until the inbox next changes;
 * g_ptr_array_unref(). */
GPtrArray *iot_alert_inbox_list(const IotAlertInbox *inbox, const IotAlertFilter *filter);

/* Calls @func on every entry, oldest first; @func must not change the inbox. */
void iot_alert_inbox_foreach(const IotAlertInbox *inbox, GFunc func, gpointer user_data);

G_END_DECLS

#endif
