/*
 * iot-purple-watch.h — keeping a thing's values current for an open window.
 *
 * Subscribes to the thing's events when it offers them (urn:xmpp:iot:events,
 * urn:{ieee,nf,nfi}:iot:events:1.0) and renews the subscription when it goes
 * quiet, when the thing comes back online and after our own reconnect;
 * otherwise — or when the thing refuses — polls every interval. Both ask
 * for the thing as it is now (IOT_CAT_NOW: momentary and status values).
 * Every update also goes into the thing's history.
 */
#ifndef IOT_PURPLE_WATCH_H
#define IOT_PURPLE_WATCH_H

#include <account.h>

#include "iot-events.h"
#include "iot-model.h"

/* An update (@readout, transfer none) or a problem (@error: the thing did not
 * answer, the account went offline …); the watch goes on after both. */
typedef void (*IotPurpleWatchFunc)(PurpleAccount *account, const char *who, IotReadout *readout,
                                   const GError *error, gpointer user_data);

/* Watches @who (bare JID) on @account; polls every @interval_s seconds when
 * the thing has no events. Returns a handle for iot_purple_watch_stop().
 * @destroy (nullable) frees @user_data when the watch stops. */
guint iot_purple_watch_start(PurpleAccount *account, const char *who, guint interval_s,
                             IotPurpleWatchFunc cb, gpointer user_data, GDestroyNotify destroy);

/* The same, with @limits (transfer none, copied; nullable): the fields,
 * change limits (by/up/dn) and min/max intervals asked for in the event
 * subscription (iot_alert_limits_request(): a thing's rules), instead of
 * every change of every field. Polling (no events) reads the whole thing. */
guint iot_purple_watch_start_limits(PurpleAccount *account, const char *who, guint interval_s,
                                    const IotEventsRequest *limits, IotPurpleWatchFunc cb,
                                    gpointer user_data, GDestroyNotify destroy);

/* Stops (and unsubscribes). No callback runs after this returns. */
void iot_purple_watch_stop(guint handle);

/* The account's session started or ended: resubscribe / suspend. */
void iot_purple_watch_session_changed(PurpleAccount *account, gboolean online);

/* A resource of @bare came online: devices forget subscriptions on restart. */
void iot_purple_watch_thing_online(PurpleAccount *account, const char *bare);

/* Values @who (bare JID) sent without being asked (its PEP sensor data):
 * into its history, then to every watch of @who on @account, as an event
 * would come. @readout is (transfer none). */
void iot_purple_watch_feed(PurpleAccount *account, const char *who, IotReadout *readout);

/* Stops every watch (unload). */
void iot_purple_watch_shutdown(void);

#endif
