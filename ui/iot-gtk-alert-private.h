/*
 * iot-gtk-alert-private.h — what the inbox window's files share: the
 * window's struct, its rows (iot-gtk-alert-inbox.c) and its actions
 * (iot-gtk-alert-actions.c).
 */
#ifndef IOT_GTK_ALERT_PRIVATE_H
#define IOT_GTK_ALERT_PRIVATE_H

#include "iot-gtk-alert.h"

struct _IotGtkAlertInbox {
	IotGtkAlertOps ops;
	gpointer user_data;
	GtkWidget *window, *view, *search, *severity_combo, *state_combo, *group_toggle;
	GtkWidget *details_view, *status_label;
	GtkWidget *actions[IOT_GTK_ALERT_N_ACTIONS];
	GtkWidget *snooze_menu; /* (owned, floating sunk) */
	GtkWidget *dialog;      /* the Custom… snooze dialog, or NULL */
	GtkTreeStore *store;    /* (owned) */
	GHashTable *alerts;     /* guint64 id (owned) → IotAlert (owned): all held */
	GHashTable *rows;       /* guint64 id (owned) → GtkTreeIter (owned): shown */
	GHashTable *groups;     /* source key (owned) → GtkTreeIter (owned) */
	GHashTable *dirty;      /* guint64 id (owned) → nothing: rows to bring up to date */
	GHashTable *dirty_groups; /* source key (owned) → nothing */
	GHashTable *collapsed;  /* source key (owned) → nothing: groups the person closed */
	GHashTable *names;      /* "account\nthing" (owned) → display name (owned) */
	gboolean rebuild;       /* the filter changed: every row anew */
	guint flush_id;
	guint unread;
	char *search_text;      /* (owned) casefolded; NULL: none */
	char *details;          /* (owned) */
	char *title;            /* (owned) */
	gboolean in_flush, closing;
	/* the selected owner question's answer buttons (iot-gtk-alert-question.c) */
	GtkWidget *question_box, *question_buttons, *limits_button;
	GPtrArray *answer_buttons; /* (element-type GtkWidget) borrowed: children of question_buttons */
	guint64 question_id;       /* whose buttons are shown; 0: none */
};

/* iot-gtk-alert-words.c: (transfer full) texts of entry @a's row, @now in µs. */
char *iot_gtk_alert_source_text(IotGtkAlertInbox *win, const IotAlert *a);
char *iot_gtk_alert_time_text(const IotAlert *a, gint64 now);
char *iot_gtk_alert_state_text(const IotAlert *a, gint64 now);
char *iot_gtk_alert_row_text(const IotAlert *a);

/* iot-gtk-alert-inbox.c */
/* Returns: (transfer none): the name the owner gives @thing (cached). */
const char *iot_gtk_alert_inbox_name(IotGtkAlertInbox *win, const char *account, const char *thing);
/* Returns: (transfer full): the key of @a's group: account, thing, node. */
char *iot_gtk_alert_group_key(const IotAlert *a);

/* iot-gtk-alert-question.c: the answer buttons, packed into @box; shown
 * for @one (nullable: the one selected entry) when it is a pending question. */
void iot_gtk_alert_question_build(IotGtkAlertInbox *win, GtkWidget *box);
void iot_gtk_alert_question_update(IotGtkAlertInbox *win, const IotAlert *one);
void iot_gtk_alert_question_close(IotGtkAlertInbox *win);
/* iot-gtk-alert-actions.c */
/* The action buttons and the snooze menu, packed into @box. */
void iot_gtk_alert_actions_build(IotGtkAlertInbox *win, GtkWidget *box);
/* The selection changed (or rows under it): sensitivity, visibility of
 * Mute and Reset, the details pane, and NEW entries marked read. */
void iot_gtk_alert_actions_update(IotGtkAlertInbox *win, gboolean mark_read);
/* Returns: (transfer full): the ids of the selected entries (a source row
 * stands for its entries); *@n their number. g_free(). */
guint64 *iot_gtk_alert_selected_ids(IotGtkAlertInbox *win, guint *n);
/* The context menu (Shift+F10, right click). */
void iot_gtk_alert_actions_popup(IotGtkAlertInbox *win, GdkEventButton *ev);
void iot_gtk_alert_actions_close(IotGtkAlertInbox *win);

#endif
