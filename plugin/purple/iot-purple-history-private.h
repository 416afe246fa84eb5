/*
 * iot-purple-history-private.h — what the files of the adapter's history
 * (iot-purple-history.c, iot-purple-history-import.c) share.
 */
#ifndef IOT_PURPLE_HISTORY_PRIVATE_H
#define IOT_PURPLE_HISTORY_PRIVATE_H

#include "iot-purple-history.h"

/* Calls the listener for @thing (a bare JID). */
void iot_purple_history_notify(PurpleAccount *account, const char *thing);

/* Imports the former per-thing files into @h (transfer none: it must stay
 * open until iot_purple_history_import_stop()), in the background: the
 * files are read on a worker thread, one at a time, and written into the
 * store in small steps from a timer. */
void iot_purple_history_import_start(IotStoreHistory *h);

/* Stops an import under way (what was imported stays; the file is imported
 * again, without doubling anything, at the next load) and joins its thread. */
void iot_purple_history_import_stop(void);

/* TRUE while files are being imported. */
gboolean iot_purple_history_import_running(void);

#endif
