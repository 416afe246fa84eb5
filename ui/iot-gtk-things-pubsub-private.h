/*
 * iot-gtk-things-pubsub-private.h — what the publish-subscribe glue files
 * share: the browsers (iot-gtk-things-pubsub.c) and the Published data
 * windows and approvals (iot-gtk-things-pubsub-published.c). Not for use
 * outside ui/.
 */
#ifndef IOT_GTK_THINGS_PUBSUB_PRIVATE_H
#define IOT_GTK_THINGS_PUBSUB_PRIVATE_H

#include "iot-purple-pubsub.h"

typedef void (*IotGtkThingsPubsubEventFunc)(const char *service, const IotPubsubEvent *ev, gpointer data);

/* Calls @func once per event a watch's batch @u (transfer none) stands for,
 * in its order: purge or deletion, configuration, subscription, then the
 * retractions and new items as one items event. The events borrow from @u. */
void iot_gtk_things_pubsub_update_events(const char *service, const IotPurplePubsubUpdate *u,
                                         IotGtkThingsPubsubEventFunc func, gpointer data);

/* iot-gtk-things-pubsub.c: the browsers. */
void iot_gtk_things_pubsub_browsers_online(PurpleAccount *account, gboolean online);
void iot_gtk_things_pubsub_browsers_close(void);
guint iot_gtk_things_pubsub_browsers_count(void);

#endif
