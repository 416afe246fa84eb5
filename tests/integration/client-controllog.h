/*
 * client-controllog.h — the control log as the integration tests see it:
 * read from the profile's store through the core API, as a second client
 * on the profile (Finch beside Pidgin) would. The plugin writes an entry at
 * most IOT_PURPLE_CONTROLLOG_FLUSH_MS after it changed, so the functions
 * that wait run the main loop until the store holds what is expected.
 */
#ifndef IOT_TEST_CLIENT_CONTROLLOG_H
#define IOT_TEST_CLIENT_CONTROLLOG_H

#include "iot-controllog.h"

#include <glib.h>

/* Returns: (transfer full): the path of the profile's store. g_free(). */
char *client_store_path(void);

/* Returns: (transfer full) (element-type IotControlLogEntry): the newest
 * @limit entries in the store, newest first; empty when there is no store
 * yet. g_ptr_array_unref(). */
GPtrArray *client_controllog_newest(guint limit);

/* The longest the plugin keeps an entry before writing it, and a margin
 * (its IOT_PURPLE_CONTROLLOG_FLUSH_MS is 1000). */
#define CLIENT_CONTROLLOG_SETTLE_MS 1500

/* The number of entries in the store (0 without a store). */
gint64 client_controllog_count(void);

/* The number of entries once the plugin wrote what it holds: runs the main
 * loop for CLIENT_CONTROLLOG_SETTLE_MS first. */
gint64 client_controllog_settled_count(void);

/* Runs the main loop until the store holds at least @n entries, at most
 * @ms; returns whether it does. */
gboolean client_controllog_wait_count(gint64 n, guint ms);

/* Runs the main loop until entry @from_end (0 = the newest) of the store is
 * @param of @thing asked to become @new_value, with @outcome, at most @ms.
 * Returns: (transfer full) (nullable): that entry, or NULL when it did not
 * come; iot_control_log_entry_free(). */
IotControlLogEntry *client_controllog_wait_entry(guint from_end, const char *thing, const char *param,
                                                 const char *new_value, IotControlOutcome outcome,
                                                 guint ms);

#endif
