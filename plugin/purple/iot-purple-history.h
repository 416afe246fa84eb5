/*
 * iot-purple-history.h — what things measured, kept in the plugin's store
 * (iot-store-history.h) across restarts.
 *
 * Every readout the plugin receives — /read, a readout window, an event
 * subscription, polling — goes through iot_purple_history_add(): its fields
 * are queued (numbers as numbers, other values as timelines of states), and
 * a timer writes the queue in one transaction a second after the first new
 * value: at most one transaction a second, and nothing is ever rewritten
 * whole. Sign-off and unload write what is left. When a write fails (a full
 * disk, a read-only or busy store) the values wait in the queue and the
 * write is tried again later, less and less often; the person is told once
 * (iot-purple-store.h), and reading and control work on as before.
 *
 * Full detail is kept for the days of IOT_PURPLE_HISTORY_DAYS_PREF (30 by
 * default), hourly statistics for ever: older samples are purged in small
 * steps from a timer. Files of the former per-thing history
 * (purple_user_dir()/xmpp-iot/history/) are imported at load, in steps
 * (iot-purple-history-import.c).
 *
 * Without a store (it could not be opened) nothing is kept; readout
 * windows still get the values they see (below).
 *
 * A readout window plots from a small cache in memory: an IotHistory of the
 * thing's numbers, filled from the store (the newest
 * IOT_PURPLE_HISTORY_RECENT_SAMPLES values of each field) when the window
 * first holds it, then fed by the same readouts.
 */
#ifndef IOT_PURPLE_HISTORY_H
#define IOT_PURPLE_HISTORY_H

#include <account.h>
#include <plugin.h>

#include "iot-history.h"
#include "iot-store-history.h"

#define IOT_PURPLE_HISTORY_DAYS_PREF "/plugins/core/xmpp-iot/history_days"
#define IOT_PURPLE_HISTORY_DAYS_DEFAULT 30
#define IOT_PURPLE_HISTORY_DAYS_MAX 3650

/* Values of each field a window's cache is filled with from the store. */
#define IOT_PURPLE_HISTORY_RECENT_SAMPLES 2000

/* Opens the history on the store (plugin load, after iot_purple_store_open())
 * and starts the import of former files; @plugin owns the preference
 * callback. */
void iot_purple_history_open(PurplePlugin *plugin);

/* Queues the fields of @readout (transfer none) from @thing and schedules
 * the write. */
void iot_purple_history_add(PurpleAccount *account, const char *thing, const IotReadout *readout);

/* Writes (the first part of) the queue now (sign-off); the rest follows
 * from the timer. */
void iot_purple_history_flush(void);

/* Stops the import, writes the queue and closes the history (unload,
 * before iot_purple_store_close()). */
void iot_purple_history_shutdown(void);

/* Returns: (transfer none) (nullable): the open history (for reading on the
 * main loop), NULL without a store; valid until iot_purple_history_shutdown(). */
IotStoreHistory *iot_purple_history_store(void);

/* Returns: (transfer full) (nullable) (element-type IotStoreSeries): the
 * latest value of each field of @thing (iot_store_history_latest()), values
 * not written yet included; NULL without a store. g_ptr_array_unref(). */
GPtrArray *iot_purple_history_latest(PurpleAccount *account, const char *thing);

/* Forgets everything kept of @thing seen from @account: gone from every
 * query and from windows' caches at once, its rows deleted by the purge
 * steps that follow (soon). The listener is called. FALSE with @error when
 * the store could not be written (or there is none). */
gboolean iot_purple_history_forget(PurpleAccount *account, const char *thing, GError **error);

/* The cache of @thing's numbers for a window: created (and filled from the
 * store) by the first hold, freed by the last release.
 * Returns: (transfer none): valid until that release or until the listener
 * is called for @thing (a forget replaces it: take it again with
 * iot_purple_history_recent()). */
const IotHistory *iot_purple_history_recent_hold(PurpleAccount *account, const char *thing);
void iot_purple_history_recent_release(PurpleAccount *account, const char *thing);
/* Returns: (transfer none) (nullable): the held cache of @thing, or NULL. */
const IotHistory *iot_purple_history_recent(PurpleAccount *account, const char *thing);

/* Called after every change, with the thing's bare JID (for open windows). */
typedef void (*IotPurpleHistoryChanged)(PurpleAccount *account, const char *thing, gpointer data);
void iot_purple_history_set_listener(IotPurpleHistoryChanged fn, gpointer data);

#endif
