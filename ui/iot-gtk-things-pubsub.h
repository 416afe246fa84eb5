/*
 * iot-gtk-things-pubsub.h — the publish-subscribe windows tied to the
 * adapter (iot-purple-pubsub.h): the Publish-subscribe window of an account
 * (one per account), the Published data windows (one per account, service
 * and node; or per contact for its PEP sensor data), and the approval
 * dialog. Every request of a window becomes an adapter operation whose
 * handle is kept and cancelled when the window closes; every watch ends with
 * its window; so no callback outlives what it points to.
 */
#ifndef IOT_GTK_THINGS_PUBSUB_H
#define IOT_GTK_THINGS_PUBSUB_H

#include <account.h>

#include "iot-purple-ui.h"

/* IotUiOps.open_pubsub: opens or raises the window of @account, showing
 * @service (nullable: the server's services; a contact's bare JID: its PEP). */
void iot_gtk_things_pubsub_open(PurpleAccount *account, const char *service);
/* IotUiOps.open_published: opens or raises the Published data window of
 * @node at @service (@node NULL: a contact's PEP sensor data). */
void iot_gtk_things_pubsub_open_published(PurpleAccount *account, const char *service, const char *node);
/* IotUiOps.ask_approval. */
void iot_gtk_things_pubsub_ask_approval(PurpleAccount *account, const IotPubsubApproval *approval,
                                        IotPurpleApprovalFunc answer, gpointer answer_data);
/* Session started / ended on @account. */
void iot_gtk_things_pubsub_session_changed(PurpleAccount *account, gboolean online);
/* The stored history of @thing changed (plots of PEP windows follow). */
void iot_gtk_things_pubsub_history_changed(PurpleAccount *account, const char *thing);
/* Closes every window and answers every waiting approval Later (unload). */
void iot_gtk_things_pubsub_close_all(void);
/* Open windows (tests). */
guint iot_gtk_things_pubsub_count(void);

#endif
