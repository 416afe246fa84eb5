/*
 * iot-purple-concentrator-private.h — what the adapter's concentrator files
 * share: choosing the concentrator's resource and generation, and its
 * capabilities, before an operation goes out.
 */
#ifndef IOT_PURPLE_CONCENTRATOR_PRIVATE_H
#define IOT_PURPLE_CONCENTRATOR_PRIVATE_H

#include "iot-purple-concentrator.h"
#include "iot-purple-session.h"

/* Runs exactly once, never before iot_purple_concentrator_prepare()
 * returns. On success @s (valid during the call) is the account's
 * session, @full_jid the concentrator's resource, @gen its generation, and
 * @caps what it offers; @op is allowed by them. Otherwise @error. */
typedef void (*IotPurpleConcentratorPrepareFunc)(IotPurpleSession *s, const char *full_jid, IotGeneration gen,
                                                 IotConcentratorCaps caps, const GError *error,
                                                 gpointer user_data);

/* Finds @who's concentrator on @account and makes sure it offers @op
 * (IOT_CONCENTRATOR_OP_COUNT: any). Returns a handle for
 * iot_purple_concentrator_prepare_cancel(). */
guint iot_purple_concentrator_prepare(PurpleAccount *account, const char *who, IotConcentratorOp op,
                                      IotPurpleConcentratorPrepareFunc cb, gpointer user_data,
                                      GDestroyNotify destroy);
/* Ends a prepare now with IOT_ERROR_CANCELLED. */
void iot_purple_concentrator_prepare_cancel(guint handle);

/* A fresh handle, unique among every concentrator handle of the plugin. */
guint iot_purple_concentrator_next_handle(void);

/* The request timeout in milliseconds. */
guint iot_purple_concentrator_timeout_ms(void);

/* The subscriptions' part of the hooks (iot-purple-concentrator-events.c). */
gboolean iot_purple_concentrator_events_handle(PurpleAccount *account, const char *from, const xmlNode *el);
void iot_purple_concentrator_events_presence(PurpleAccount *account, const char *full_jid, gboolean available);
void iot_purple_concentrator_events_session_changed(PurpleAccount *account, gboolean online);
void iot_purple_concentrator_events_shutdown(void);

/* The queries' part (iot-purple-concentrator-query.c). */
gboolean iot_purple_concentrator_query_cancel_handle(guint handle);
void iot_purple_concentrator_queries_offline(PurpleAccount *account, const char *full_jid);
void iot_purple_concentrator_queries_shutdown(void);

#endif
