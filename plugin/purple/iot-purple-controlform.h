/*
 * iot-purple-controlform.h — one control dialog's dealings with a thing.
 *
 * Shared by the GTK dialog (ui/) and the request-API dialog (Finch). It
 * brings the thing's control form — or, for a thing without one (slixmpp),
 * a form made from its readout, each parameter typed by the sensor field of
 * the same name (XEP-0325 §5.2) — posts post-back fields back (XEP-0336),
 * sends what changed, and records every send in the control log.
 *
 * Safety: a send happens only when the person asks (iot_purple_controlform_send);
 * nothing a thing sends can start one. While one set is under way a second
 * is refused (a double click sends once), and a set is never sent again
 * (iot-control-flow.h) — not after a timeout, not after a reconnect.
 *
 * The owner keeps a pointer and frees it when its dialog closes; no callback
 * runs after iot_purple_controlform_free(). Callbacks never run before the
 * call that started their request returns.
 */
#ifndef IOT_PURPLE_CONTROLFORM_H
#define IOT_PURPLE_CONTROLFORM_H

#include <account.h>
#include <libxml/tree.h>

#include "iot-control.h"
#include "iot-dataform.h"

typedef struct _IotPurpleControlForm IotPurpleControlForm;

typedef struct {
	/* A form to show (transfer full). @replaces: the thing's answer to a
	 * post-back, for the same dialog; otherwise a fresh form (load). */
	void (*form)(IotPurpleControlForm *cf, IotDataForm *form, gboolean replaces, gpointer data);
	/* Loading or a post-back failed; @sentence says why, for the person. */
	void (*failed)(IotPurpleControlForm *cf, const char *sentence, gpointer data);
	/* A send ended. @ok: the thing applied it (maybe partly: see
	 * @result->partial). @result (nullable): its answer, for per-field
	 * errors. @sentence: what happened, for the status line. */
	void (*sent)(IotPurpleControlForm *cf, gboolean ok, const IotControlResult *result,
	             const char *sentence, gpointer data);
} IotPurpleControlFormOps;

/* Returns: (transfer full): a controller for @who (bare JID) or its node
 * @node_id (nullable) on @account; nothing is asked until
 * iot_purple_controlform_load(). @ops (transfer none) must outlive it. */
IotPurpleControlForm *iot_purple_controlform_new(PurpleAccount *account, const char *who,
                                                 const char *node_id,
                                                 const IotPurpleControlFormOps *ops, gpointer data);

/* Returns: (transfer full): a controller for @n_nodes @nodes (transfer none,
 * copied; those without a node_id are skipped; none: the thing itself)
 * behind @who on @account, their data sources and partitions kept for every
 * request. Several nodes share one form: the concentrator answers the
 * parameters they have in common, marking with notSame (XEP-0336) those
 * whose values differ, and a send sets them all in one request. */
IotPurpleControlForm *iot_purple_controlform_new_nodes(PurpleAccount *account, const char *who,
                                                       const IotNodeRef *nodes, guint n_nodes,
                                                       const IotPurpleControlFormOps *ops,
                                                       gpointer data);

/* Frees @cf: what is under way is cancelled (a set already sent may still be
 * acted on by the thing), the form's XEP-0336 session is cancelled, no
 * callback runs. */
void iot_purple_controlform_free(IotPurpleControlForm *cf);

/* Asks for the form (again). Ends in ops->form or ops->failed. */
void iot_purple_controlform_load(IotPurpleControlForm *cf);

/* Posts @form back (a postBack field changed). Ends in ops->form with
 * @replaces TRUE, or ops->failed. FALSE (nothing sent) when busy. */
gboolean iot_purple_controlform_post_back(IotPurpleControlForm *cf, const IotDataForm *form);

/* Sends the fields of @form that differ from @baseline, once. Ends in
 * ops->sent. FALSE (nothing sent, no callback) when busy, offline, or
 * nothing changed. */
gboolean iot_purple_controlform_send(IotPurpleControlForm *cf, const IotDataForm *form,
                                     const IotFormValues *baseline);

/* TRUE while loading, posting back or sending. */
gboolean iot_purple_controlform_busy(const IotPurpleControlForm *cf);

/* Returns: (transfer none): the thing's bare JID, and (nullable) the
 * (first) node. */
const char *iot_purple_controlform_who(const IotPurpleControlForm *cf);
const char *iot_purple_controlform_node(const IotPurpleControlForm *cf);
/* The number of nodes (0: the thing itself), and (transfer none) the @i-th,
 * NULL past the end. */
guint iot_purple_controlform_n_nodes(const IotPurpleControlForm *cf);
const IotNodeRef *iot_purple_controlform_nth_node(const IotPurpleControlForm *cf, guint i);
PurpleAccount *iot_purple_controlform_account(const IotPurpleControlForm *cf);

/* A thing pushed a new form (an XEP-0336 <updated/> @el in a message from
 * the full JID @from): the dialog talking to that resource about that
 * session shows it, unless a request is under way. Returns TRUE when a
 * dialog took it. Nothing is ever sent because of a push. */
gboolean iot_purple_controlform_handle_updated(PurpleAccount *account, const char *from,
                                               const xmlNode *el);

/* Returns: (transfer full): "Desk lamp (lamp@home.example)", or with the
 * node: "Desk lamp (lamp@home.example), node dimmer", or with several:
 * "Hub (hub@home.example), node dimmer and 2 more" — for titles. */
char *iot_purple_controlform_label(const IotPurpleControlForm *cf);

#endif
