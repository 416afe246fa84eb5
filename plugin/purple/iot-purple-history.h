/*
 * iot-purple-history.h — the numeric history of things, kept across restarts.
 *
 * One IotHistory per (account, thing bare JID), loaded on first use from
 * purple_user_dir()/xmpp-iot/history/ and saved there atomically: at most
 * once a second after a change, and at sign-off and unload (DESIGN.md §7).
 * A file that could not be read (wholly or in part) is moved aside before
 * anything is saved in its place, or, when it cannot be moved, left alone
 * (iot-purple-file.h); what could be read is kept either way.
 * Every readout the plugin receives — /read, a window, a subscription — goes
 * through iot_purple_history_add().
 */
#ifndef IOT_PURPLE_HISTORY_H
#define IOT_PURPLE_HISTORY_H

#include <account.h>

#include "iot-history.h"

/* Returns: (transfer none): the history of @thing seen from @account,
 * loading it when needed; valid until iot_purple_history_shutdown(). */
IotHistory *iot_purple_history_get(PurpleAccount *account, const char *thing);

/* Adds the numbers of @readout from @thing and schedules a save. */
void iot_purple_history_add(PurpleAccount *account, const char *thing, const IotReadout *readout);

/* Saves what changed now (sign-off). */
void iot_purple_history_flush(void);

/* Saves and frees everything (unload). */
void iot_purple_history_shutdown(void);

/* Called after every change, with the thing's bare JID (for open windows). */
typedef void (*IotPurpleHistoryChanged)(PurpleAccount *account, const char *thing, gpointer data);
void iot_purple_history_set_listener(IotPurpleHistoryChanged fn, gpointer data);

#endif
