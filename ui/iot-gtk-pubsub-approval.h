/*
 * iot-gtk-pubsub-approval.h — "bob@example.org asks to subscribe to
 * sensors at pubsub.example.org": the owner's answer to subscription
 * requests (XEP-0060 §8.6), Allow, Deny or Later.
 *
 * One dialog for every request: requests that arrive while it is open
 * queue in it (the list shows them all, the question the first), rather
 * than piling windows up. Each request's callback runs exactly once: with
 * the person's answer, LATER when the person presses Later (that request
 * only) or closes the dialog (every request still waiting), or at
 * iot_gtk_pubsub_approval_close_all().
 *
 * Plain GTK 2: no Pidgin or libpurple API. Addresses and node names are
 * shown as plain text.
 */
#ifndef IOT_GTK_PUBSUB_APPROVAL_H
#define IOT_GTK_PUBSUB_APPROVAL_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
	IOT_GTK_APPROVAL_LATER = 0,
	IOT_GTK_APPROVAL_ALLOW,
	IOT_GTK_APPROVAL_DENY
} IotGtkApprovalAnswer;

/* Runs once; @data is then the caller's to free (the callback frees it). */
typedef void (*IotGtkApprovalFunc)(IotGtkApprovalAnswer answer, gpointer data);

/* Queues the question whether @subscriber may subscribe to @node at
 * @service (all copied; @account_label nullable: the account it came to)
 * and shows the dialog. */
void iot_gtk_pubsub_approval_ask(const char *account_label, const char *service, const char *node,
                                 const char *subscriber, IotGtkApprovalFunc func, gpointer data);
/* Answers every waiting request LATER and closes the dialog (unload). */
void iot_gtk_pubsub_approval_close_all(void);

/* ---- for tests ---- */
/* (transfer none) (nullable): the dialog, when open. */
GtkWidget *iot_gtk_pubsub_approval_get_window(void);
guint iot_gtk_pubsub_approval_count(void);
/* (transfer none): the question shown ("" when none). */
const char *iot_gtk_pubsub_approval_get_question(void);
/* (transfer none): the waiting requests: subscriber, node, service (utf8). */
GtkTreeModel *iot_gtk_pubsub_approval_get_model(void);
/* What the Allow, Deny and Later buttons do. */
void iot_gtk_pubsub_approval_respond(IotGtkApprovalAnswer answer);

G_END_DECLS

#endif
