/*
 * iot-gtk-alert.h — the alerts inbox window and the one notice.
 *
 * The inbox window lists the alert inbox (iot-alert-inbox.h): per entry its
 * time (first arrival, last arrival when merged, and the moment it cleared),
 * source (thing, node), severity (icon and word), text (with the count when
 * merged) and state; grouped by source in a tree (or flat), with a search
 * entry and a severity and a state filter; the unread count in the title.
 * Actions on one or many selected entries: Acknowledge, Snooze (1 h, until
 * tomorrow, custom…), Dismiss, Acknowledge all from this source; alarms of
 * latched rules add Mute (no more reminders) and Reset (acknowledge: the
 * latch opens once the value is normal) as separate buttons.
 *
 * The notice is ONE small non-modal window updated in place: the newest
 * alert and the unread count; a click opens the inbox. It never takes the
 * focus and never stacks up.
 *
 * Plain GTK 2: no Pidgin or libpurple API. The owner (the adapter's glue)
 * hands the windows copies of the inbox's entries and does what the person
 * asks through IotGtkAlertOps. Updates are coalesced: a storm of changes
 * costs the main loop one short batch at most every IOT_GTK_ALERT_FLUSH_MS.
 * Every string from the network is shown as plain text (no markup).
 */
#ifndef IOT_GTK_ALERT_H
#define IOT_GTK_ALERT_H

#include <gtk/gtk.h>

#include "iot-alert-inbox.h"
#include "iot-alert.h"

G_BEGIN_DECLS

/* How often pending changes reach the window's rows, and how many rows one
 * step of the main loop changes at most. */
#define IOT_GTK_ALERT_FLUSH_MS 200
#define IOT_GTK_ALERT_FLUSH_ROWS 300
/* Characters of an alert's text a row shows (the details pane shows it all). */
#define IOT_GTK_ALERT_ROW_CHARS 160

typedef struct _IotGtkAlertInbox IotGtkAlertInbox;
typedef struct _IotGtkAlertNotice IotGtkAlertNotice;

/*
 * What the owner does for the inbox window. @ids (transfer none) are valid
 * during the call. Every function may be NULL: the window then does not
 * offer that action. None may destroy the window inside the call.
 */
typedef struct {
	void (*acknowledge)(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer user_data);
	/* @until: µs since the epoch. */
	void (*snooze)(IotGtkAlertInbox *win, const guint64 *ids, guint n, gint64 until,
	               gpointer user_data);
	void (*dismiss)(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer user_data);
	/* The person looked at these NEW entries (selected them). */
	void (*mark_read)(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer user_data);
	/* Every open entry of @thing on @account. */
	void (*acknowledge_source)(IotGtkAlertInbox *win, const char *account, const char *thing,
	                           gpointer user_data);
	/* Stops the reminders of these entries' rules without acknowledging. */
	void (*mute)(IotGtkAlertInbox *win, const guint64 *ids, guint n, gpointer user_data);
	/* TRUE when rule @rule_id is latched (Mute and Reset are offered). */
	gboolean (*rule_latched)(guint rule_id, gpointer user_data);
	/* Returns: (transfer full) (nullable): how the person names @thing
	 * (its alias in the buddy list); NULL: the JID is shown. */
	char *(*display_name)(const char *account, const char *thing, gpointer user_data);
	/* The "Rules…" button. */
	void (*open_rules)(IotGtkAlertInbox *win, gpointer user_data);
	/* The window is being destroyed (closed by the person or
	 * iot_gtk_alert_inbox_destroy()); called once, @win is freed right after. */
	void (*on_closed)(IotGtkAlertInbox *win, gpointer user_data);
	/* Owner questions (severity QUESTION). Returns: (transfer full)
	 * (nullable) (element-type utf8): the labels of entry @id's answer
	 * buttons ("Yes, for this JID" …: every yes first, the last three the
	 * no-answers, as iot_purple_alert_question_choices() gives them); NULL
	 * when it is no longer pending. */
	GPtrArray *(*question_choices)(IotGtkAlertInbox *win, guint64 id, gpointer user_data);
	/* The person chose answer @choice (an index into those labels). */
	void (*answer)(IotGtkAlertInbox *win, guint64 id, guint choice, gpointer user_data);
	/* "Answer with limits…": the detailed question window of entry @id. */
	void (*answer_with_limits)(IotGtkAlertInbox *win, guint64 id, gpointer user_data);
} IotGtkAlertOps;

/* Returns: (transfer none): a new, not yet shown inbox window; @ops copied.
 * The window owns itself until it is closed or destroyed. */
IotGtkAlertInbox *iot_gtk_alert_inbox_new(const IotGtkAlertOps *ops, gpointer user_data);
/* Destroys the window (on_closed runs); NULL-safe. */
void iot_gtk_alert_inbox_destroy(IotGtkAlertInbox *win);
/* Returns: (transfer none): the toplevel GtkWindow. */
GtkWidget *iot_gtk_alert_inbox_get_window(IotGtkAlertInbox *win);

/* Replaces every entry with @alerts (element-type const IotAlert *)
 * (transfer none: copied), e.g. iot_alert_inbox_list() with a filter that
 * asks for every state: entries that differ from what the window holds, and
 * those no longer listed, are redone at the next flush (rows, expansion and
 * selection of the others stay). Costs a comparison per entry. */
void iot_gtk_alert_inbox_set_alerts(IotGtkAlertInbox *win, const GPtrArray *alerts);
/* One change of the inbox (the inbox listener's arguments): @alert
 * (transfer none) is copied; REMOVED forgets its id. Coalesced. */
void iot_gtk_alert_inbox_changed(IotGtkAlertInbox *win, IotAlertChange change, const IotAlert *alert);
/* Applies what is pending now (tests, and before a screenshot). */
void iot_gtk_alert_inbox_flush(IotGtkAlertInbox *win);

/* ---- for tests and the glue --------------------------------------------------- */

/* The columns of the view's model (a GtkTreeStore: source rows hold the
 * entries of their source as children when grouped). */
typedef enum {
	IOT_GTK_ALERT_COL_ID,        /* guint64: 0 on a source row */
	IOT_GTK_ALERT_COL_TIME,      /* utf8 */
	IOT_GTK_ALERT_COL_SOURCE,    /* utf8 */
	IOT_GTK_ALERT_COL_ICON,      /* utf8: stock id of the severity */
	IOT_GTK_ALERT_COL_SEVERITY,  /* utf8 */
	IOT_GTK_ALERT_COL_TEXT,      /* utf8: first line, with "(×12)" when merged */
	IOT_GTK_ALERT_COL_STATE,     /* utf8 */
	IOT_GTK_ALERT_COL_WEIGHT,    /* int: bold while NEW */
	IOT_GTK_ALERT_COL_LAST,      /* gint64: the sort key */
	IOT_GTK_ALERT_COL_FOREGROUND,/* utf8 (nullable): grey when closed */
	IOT_GTK_ALERT_N_COLS
} IotGtkAlertColumn;

GtkTreeModel *iot_gtk_alert_inbox_get_model(IotGtkAlertInbox *win);
GtkTreeView *iot_gtk_alert_inbox_get_view(IotGtkAlertInbox *win);
GtkEntry *iot_gtk_alert_inbox_get_search_entry(IotGtkAlertInbox *win);
/* The filters: 0 = any, else 1 + IotAlertSeverity / a state group
 * (1 open, 2 new, 3 acknowledged, 4 snoozed, 5 cleared, 6 dismissed). */
GtkComboBox *iot_gtk_alert_inbox_get_severity_filter(IotGtkAlertInbox *win);
GtkComboBox *iot_gtk_alert_inbox_get_state_filter(IotGtkAlertInbox *win);
GtkToggleButton *iot_gtk_alert_inbox_get_group_toggle(IotGtkAlertInbox *win);
/* The details pane's text (plain) of the selected entry. */
const char *iot_gtk_alert_inbox_get_details(IotGtkAlertInbox *win);
/* Entries held (all states) and NEW ones (the title's count). */
guint iot_gtk_alert_inbox_count(IotGtkAlertInbox *win);
guint iot_gtk_alert_inbox_unread(IotGtkAlertInbox *win);
/* Entry rows in the view's model (source rows not counted). */
guint iot_gtk_alert_inbox_count_rows(IotGtkAlertInbox *win);
/* Selects the row of entry @id (adds to the selection when @add); FALSE
 * when it is not shown. */
gboolean iot_gtk_alert_inbox_select(IotGtkAlertInbox *win, guint64 id, gboolean add);
/* The action buttons (by IotGtkAlertAction) and the snooze menu. */
typedef enum {
	IOT_GTK_ALERT_ACTION_ACKNOWLEDGE,
	IOT_GTK_ALERT_ACTION_SNOOZE,
	IOT_GTK_ALERT_ACTION_DISMISS,
	IOT_GTK_ALERT_ACTION_ACK_SOURCE,
	IOT_GTK_ALERT_ACTION_MUTE,
	IOT_GTK_ALERT_ACTION_RESET,
	IOT_GTK_ALERT_N_ACTIONS
} IotGtkAlertAction;
GtkWidget *iot_gtk_alert_inbox_get_action(IotGtkAlertInbox *win, IotGtkAlertAction action);
/* The answer buttons of the selected owner question (one question entry
 * selected, still pending): shown below the details, one button per
 * choice and "Answer with limits…"; hidden otherwise. Returns: (transfer
 * none): the box; its @i-th answer button (NULL past the last); the limits
 * button. Questions never open a window by themselves. */
GtkWidget *iot_gtk_alert_inbox_get_question_box(IotGtkAlertInbox *win);
GtkWidget *iot_gtk_alert_inbox_get_answer_button(IotGtkAlertInbox *win, guint i);
GtkWidget *iot_gtk_alert_inbox_get_limits_button(IotGtkAlertInbox *win);

/* What the snooze menu's items do: 1 h from now, tomorrow 08:00 local
 * time, or @custom_us (> 0) from now (the Custom… dialog's answer). */
void iot_gtk_alert_inbox_snooze_selected(IotGtkAlertInbox *win, gint64 custom_us,
                                         gboolean until_tomorrow);
/* Opens the Custom… snooze dialog (hours and minutes; its Snooze button
 * snoozes the selection for that long). */
void iot_gtk_alert_inbox_snooze_custom(IotGtkAlertInbox *win);
/* Returns: (transfer none) (nullable): the Custom… snooze dialog when open;
 * its spin buttons are object data "hours" and "minutes". */
GtkWidget *iot_gtk_alert_inbox_get_dialog(IotGtkAlertInbox *win);

/* When "until tomorrow" ends after @now (µs): 08:00 local time of the
 * next day, in µs. */
gint64 iot_gtk_alert_tomorrow(gint64 now);

/* ---- the notice ------------------------------------------------------------------ */

typedef struct {
	/* A click on the notice (or its Open button). */
	void (*open_inbox)(IotGtkAlertNotice *notice, gpointer user_data);
	/* The notice's Acknowledge button on the alert it shows (nullable). */
	void (*acknowledge)(IotGtkAlertNotice *notice, guint64 id, gpointer user_data);
	/* Destroyed (iot_gtk_alert_notice_destroy()); @notice is freed right after. */
	void (*on_closed)(IotGtkAlertNotice *notice, gpointer user_data);
} IotGtkAlertNoticeOps;

/* Returns: (transfer none): the notice, hidden until iot_gtk_alert_notice_show(). */
IotGtkAlertNotice *iot_gtk_alert_notice_new(const IotGtkAlertNoticeOps *ops, gpointer user_data);
void iot_gtk_alert_notice_destroy(IotGtkAlertNotice *notice);
/* Shows (or updates in place) the notice with @alert (transfer none:
 * copied), named @source_name (nullable: the JID), and @unread. Never takes
 * the focus. */
void iot_gtk_alert_notice_show(IotGtkAlertNotice *notice, const IotAlert *alert,
                               const char *source_name, guint unread);
/* Updates the count only; 0 hides the notice. */
void iot_gtk_alert_notice_set_unread(IotGtkAlertNotice *notice, guint unread);
/* How many of the unread are owner questions (the title says so: "2 unread
 * alerts, 1 question to answer"); set before show or set_unread. */
void iot_gtk_alert_notice_set_questions(IotGtkAlertNotice *notice, guint questions);
/* Hides it (the person closed it; it comes back with the next alert). */
void iot_gtk_alert_notice_hide(IotGtkAlertNotice *notice);
GtkWidget *iot_gtk_alert_notice_get_window(IotGtkAlertNotice *notice);
/* The notice's title line and alert line, as shown. */
const char *iot_gtk_alert_notice_get_title(IotGtkAlertNotice *notice);
const char *iot_gtk_alert_notice_get_text(IotGtkAlertNotice *notice);
/* How many times it was shown or updated (one window, updated in place). */
guint iot_gtk_alert_notice_get_updates(IotGtkAlertNotice *notice);
/* What a click does. */
void iot_gtk_alert_notice_activate(IotGtkAlertNotice *notice);

/* ---- words shared by the windows ------------------------------------------------ */

/* Returns: (transfer none): the stock icon of @s. */
const char *iot_gtk_alert_severity_icon(IotAlertSeverity s);
/* Returns: (transfer full): @us as local time: "14:05" today, else
 * "2026-12-03 14:05". @now: µs. */
char *iot_gtk_alert_format_time(gint64 us, gint64 now);

G_END_DECLS

#endif
