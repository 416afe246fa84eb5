/*
 * iot-alert-inbox-private.h — what iot-alert-inbox.c (adding, caps, reading)
 * and iot-alert-inbox-actions.c (actions, time passing) share. Nothing
 * outside the inbox includes this header.
 */
#ifndef IOT_ALERT_INBOX_PRIVATE_H
#define IOT_ALERT_INBOX_PRIVATE_H

#include "iot-alert-inbox.h"

G_BEGIN_DECLS

typedef struct {
	gint64 window_start; /* the current rate window */
	guint window_added;  /* new entries in it */
	guint open;          /* open entries held (summaries not counted) */
	guint entries;       /* entries in the inbox, any state */
	guint64 summary_id;  /* the THROTTLED summary of the current window; 0: none */
} IotAlertSourceState;

struct _IotAlertInbox {
	IotAlertInboxConfig cfg;
	GPtrArray *entries;   /* (element-type IotAlert) owned, oldest first */
	GHashTable *by_id;    /* &alert->id → alert */
	GHashTable *merge;    /* merge key (owned) → open alert */
	GHashTable *sources;  /* "account\x1fthing" (owned) → IotAlertSourceState (owned) */
	guint64 next_id;
	guint adds_since_prune;
	IotAlertInboxFunc func;
	gpointer user_data;
	GDestroyNotify destroy;
};

/* TRUE when @a is open and not a summary (what per-source caps count). */
gboolean iot_alert_inbox_p_counts_open(const IotAlert *a);
/* Call after changing @a's state or cleared time; @was_open: counts_open() before. */
void iot_alert_inbox_p_after_state_change(IotAlertInbox *inbox, IotAlert *a, gboolean was_open);
void iot_alert_inbox_p_tell(IotAlertInbox *inbox, IotAlertChange change, const IotAlert *a,
                            gboolean notify);
/* Returns: (transfer full): the key of a source's throttling state. */
char *iot_alert_inbox_p_source_key(const char *account, const char *thing);
/* Returns: (transfer none) (nullable). */
IotAlertSourceState *iot_alert_inbox_p_source_state(IotAlertInbox *inbox, const char *account,
                                            const char *thing, gboolean create);
/* Takes @a (transfer full) in. */
void iot_alert_inbox_p_insert_entry(IotAlertInbox *inbox, IotAlert *a);
/* Applies the global cap (may free any entry). */
void iot_alert_inbox_p_enforce_cap(IotAlertInbox *inbox, gint64 now);
void iot_alert_inbox_p_refresh_summary_text(IotAlert *s);
/* Returns: (transfer none) (nullable): the question entry of @key on @account. */
IotAlert *iot_alert_inbox_p_find_question(const IotAlertInbox *inbox, const char *account,
                                          const char *key);

G_END_DECLS

#endif
