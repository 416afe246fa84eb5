/*
 * iot-gtk-pubsub.h — the Publish-subscribe window of one account (XEP-0060,
 * and contacts' PEP services, XEP-0163).
 *
 * Browse: the services (the account server's, any JID typed in, a
 * contact's PEP service), the nodes of the selected service as a tree
 * (collections loaded as the person expands them) with title, type, access
 * model, items and subscribers where the service tells them, and our state
 * (subscribed / pending / unconfigured / none, explained in words under the
 * tree); Subscribe, Unsubscribe, Subscription options… (in the control
 * dialog's form renderer), Open data window; the selected node's last
 * items, decoded (sensor fields, Atom, text, indented XML) and kept current
 * by live events (new, retracted, purge, deletion). On nodes the person
 * owns: New node…, Configure…, Purge, Delete, Affiliations and subscribers,
 * Publish item… (text or XML) and Retract. My subscriptions: every known
 * service's list with state and Unsubscribe. A status line says what went
 * wrong in words.
 *
 * Plain GTK 2: no Pidgin or libpurple API. The owner (the adapter's glue)
 * does the talking through IotGtkPubsubOps: the window asks with a request
 * the owner answers exactly once (at once or later) with the answer its
 * kind names, or with iot_gtk_pubsub_request_fail(), and hands the window
 * the events of the nodes it watches. Every string from the network is
 * shown as plain text (never markup, never a mnemonic).
 */
#ifndef IOT_GTK_PUBSUB_H
#define IOT_GTK_PUBSUB_H

#include <gtk/gtk.h>

#include "iot-dataform.h"
#include "iot-pubsub-event.h"
#include "iot-pubsub.h"

G_BEGIN_DECLS

typedef struct _IotGtkPubsub IotGtkPubsub;
typedef struct _IotGtkPubsubRequest IotGtkPubsubRequest;

/* What the window asks, and the answer each kind takes. */
typedef enum {
	IOT_GTK_PUBSUB_REQ_SERVICES,        /* the account server's services: answer_services() */
	IOT_GTK_PUBSUB_REQ_NODES,           /* nodes under node (NULL: top): answer_nodes() */
	IOT_GTK_PUBSUB_REQ_NODE_INFO,       /* answer_meta() */
	IOT_GTK_PUBSUB_REQ_SUBSCRIPTIONS,   /* ours at service (NULL: every known): answer_subscriptions() */
	IOT_GTK_PUBSUB_REQ_SUBSCRIBE,       /* answer_subscription() */
	IOT_GTK_PUBSUB_REQ_UNSUBSCRIBE,     /* answer_done() */
	IOT_GTK_PUBSUB_REQ_OPTIONS_FORM,    /* answer_form() */
	IOT_GTK_PUBSUB_REQ_OPTIONS_SUBMIT,  /* form: answer_done() */
	IOT_GTK_PUBSUB_REQ_ITEMS,           /* the last max_items: answer_items() */
	IOT_GTK_PUBSUB_REQ_CONFIG_FORM,     /* node NULL: the default of a new node: answer_form() */
	IOT_GTK_PUBSUB_REQ_CREATE,          /* node (NULL: instant), form: answer_done(node created) */
	IOT_GTK_PUBSUB_REQ_CONFIGURE,       /* form: answer_done() */
	IOT_GTK_PUBSUB_REQ_PURGE,           /* answer_done() */
	IOT_GTK_PUBSUB_REQ_DELETE,          /* answer_done() */
	IOT_GTK_PUBSUB_REQ_AFFILIATIONS,    /* answer_affiliations() */
	IOT_GTK_PUBSUB_REQ_SUBSCRIBERS,     /* answer_subscriptions() */
	IOT_GTK_PUBSUB_REQ_SET_AFFILIATION, /* jid, affiliation: answer_done() */
	IOT_GTK_PUBSUB_REQ_SET_SUBSCRIBER,  /* jid, subid, state (NONE: remove): answer_done() */
	IOT_GTK_PUBSUB_REQ_PUBLISH,         /* item_id (nullable), payload: answer_done(item id) */
	IOT_GTK_PUBSUB_REQ_RETRACT          /* item_id: answer_done() */
} IotGtkPubsubRequestKind;

/*
 * The owner's side. request() gets a new @req that the owner MUST answer
 * exactly once, right away (inside the call) or later; what it asks is read
 * with the iot_gtk_pubsub_request_get_*() functions, valid until it is
 * answered. When the window no longer needs an answer (it closes) it calls
 * cancel(): the owner stops what it can and still answers; that answer is
 * dropped.
 */
typedef struct {
	void (*request)(IotGtkPubsubRequest *req, gpointer user_data);
	void (*cancel)(IotGtkPubsubRequest *req, gpointer user_data);
	/* The window shows the items of (@service, @node) and wants its events
	 * (iot_gtk_pubsub_event()) until unwatch(); at most one node at a time. */
	void (*watch)(IotGtkPubsub *win, const char *service, const char *node, gpointer user_data);
	void (*unwatch)(IotGtkPubsub *win, const char *service, const char *node, gpointer user_data);
	/* (nullable) The person asked for the Published data window of a node. */
	void (*open_published)(IotGtkPubsub *win, const char *service, const char *node,
	                       gpointer user_data);
	/* The window is being destroyed. Called exactly once, after every
	 * pending request was cancelled and the watch ended; @win is freed right
	 * after. */
	void (*on_closed)(IotGtkPubsub *win, gpointer user_data);
} IotGtkPubsubOps;

/* ---- requests ------------------------------------------------------------------------ */

IotGtkPubsubRequestKind iot_gtk_pubsub_request_get_kind(const IotGtkPubsubRequest *req);
/* Returns: (transfer none) (nullable): the window that asked, NULL once it is gone. */
IotGtkPubsub *iot_gtk_pubsub_request_get_window(const IotGtkPubsubRequest *req);
/* (transfer none) (nullable) each; what the kind above names. */
const char *iot_gtk_pubsub_request_get_service(const IotGtkPubsubRequest *req);
const char *iot_gtk_pubsub_request_get_node(const IotGtkPubsubRequest *req);
const char *iot_gtk_pubsub_request_get_subid(const IotGtkPubsubRequest *req);
const char *iot_gtk_pubsub_request_get_jid(const IotGtkPubsubRequest *req);
const char *iot_gtk_pubsub_request_get_item_id(const IotGtkPubsubRequest *req);
const IotDataForm *iot_gtk_pubsub_request_get_form(const IotGtkPubsubRequest *req);
/* PUBLISH: the payload as the person wrote it, and whether it is XML
 * (else text, to go in a <text/> of the plugin's own namespace or as the
 * owner sees fit). */
const char *iot_gtk_pubsub_request_get_payload(const IotGtkPubsubRequest *req, gboolean *is_xml);
guint iot_gtk_pubsub_request_get_max_items(const IotGtkPubsubRequest *req);
IotPubsubAffiliation iot_gtk_pubsub_request_get_affiliation(const IotGtkPubsubRequest *req);
IotPubsubState iot_gtk_pubsub_request_get_state(const IotGtkPubsubRequest *req);

/* Any request failed: @text (plain, translated, e.g. iot_pubsub_error_text())
 * says why. */
void iot_gtk_pubsub_request_fail(IotGtkPubsubRequest *req, const char *text);
/* SERVICES: @jids (element-type utf8) (transfer none) (nullable). */
void iot_gtk_pubsub_request_answer_services(IotGtkPubsubRequest *req, const GPtrArray *jids);
/* NODES: (element-type IotPubsubNodeRef) (transfer none) (nullable); @truncated:
 * the service sent more than was kept. */
void iot_gtk_pubsub_request_answer_nodes(IotGtkPubsubRequest *req, const GPtrArray *nodes,
                                         gboolean truncated);
/* NODE_INFO: (transfer none). */
void iot_gtk_pubsub_request_answer_meta(IotGtkPubsubRequest *req, const IotPubsubNodeMeta *meta);
/* SUBSCRIPTIONS, SUBSCRIBERS: (element-type IotPubsubSubscription) (transfer none)
 * (nullable); each with its service set for SUBSCRIPTIONS of every service. */
void iot_gtk_pubsub_request_answer_subscriptions(IotGtkPubsubRequest *req, const GPtrArray *subs);
/* SUBSCRIBE: (transfer none) (nullable: subscribed, the service said no more). */
void iot_gtk_pubsub_request_answer_subscription(IotGtkPubsubRequest *req,
                                                const IotPubsubSubscription *sub);
/* OPTIONS_FORM, CONFIG_FORM: (transfer full) (nullable: no form). */
void iot_gtk_pubsub_request_answer_form(IotGtkPubsubRequest *req, IotDataForm *form);
/* ITEMS: (element-type IotPubsubItem) (transfer none) (nullable), any order. */
void iot_gtk_pubsub_request_answer_items(IotGtkPubsubRequest *req, const GPtrArray *items,
                                         gboolean truncated);
/* AFFILIATIONS: (element-type IotPubsubAffiliationEntry) (transfer none) (nullable). */
void iot_gtk_pubsub_request_answer_affiliations(IotGtkPubsubRequest *req,
                                                const GPtrArray *affiliations);
/* The others: done; @text (nullable) the created node's or published item's name. */
void iot_gtk_pubsub_request_answer_done(IotGtkPubsubRequest *req, const char *text);

/* ---- the window ---------------------------------------------------------------------- */

/* Returns: (transfer none): a new, not yet shown window titled
 * "Publish-subscribe — @account_label" (plain text, copied). @ops is copied.
 * The window lives until the person closes it or iot_gtk_pubsub_destroy();
 * then on_closed runs and it frees itself. The account server's services
 * are asked for when it is first shown. */
IotGtkPubsub *iot_gtk_pubsub_new(const char *account_label, const IotGtkPubsubOps *ops,
                                 gpointer user_data);
void iot_gtk_pubsub_destroy(IotGtkPubsub *win);
GtkWidget *iot_gtk_pubsub_get_window(IotGtkPubsub *win);

/* Adds @service (a JID: typed in, or a contact's PEP service, @label
 * nullable, e.g. "Alice (PEP)") to the services and selects it. */
void iot_gtk_pubsub_add_service(IotGtkPubsub *win, const char *service, const char *label);
/* The account's own JID (transfer none, copied): nodes whose owners name
 * it, and every node of its own PEP service, offer the owner's actions. */
void iot_gtk_pubsub_set_account_jid(IotGtkPubsub *win, const char *jid);
/* An event of @service (transfer none): items of the watched node are
 * added or removed, a purge empties them, a deletion removes the node, a
 * subscription change sets its state. Events of other nodes change only
 * their state and rows. */
void iot_gtk_pubsub_event(IotGtkPubsub *win, const char *service, const IotPubsubEvent *ev);
/* Offline: actions off, "The account is offline." Back online: the
 * services and the selected node are asked for again. */
void iot_gtk_pubsub_set_online(IotGtkPubsub *win, gboolean online);

/* Returns: (transfer full) (nullable): a deep copy of @form (its fields,
 * values, validation and layout); iot_dataform_free(). */
IotDataForm *iot_gtk_pubsub_form_copy(const IotDataForm *form);

/* ---- for tests: (transfer none) ------------------------------------------------------- */

/* Services: one utf8 column (the JID) then the label shown. */
GtkTreeModel *iot_gtk_pubsub_get_services_model(IotGtkPubsub *win);
gboolean iot_gtk_pubsub_select_service(IotGtkPubsub *win, const char *service);
GtkEntry *iot_gtk_pubsub_get_service_entry(IotGtkPubsub *win);

/* The node tree's columns. */
typedef enum {
	IOT_GTK_PUBSUB_NODE_COL_NODE,       /* utf8: the node id; NULL in placeholders */
	IOT_GTK_PUBSUB_NODE_COL_NAME,       /* utf8: what is shown: name, else node id, or the placeholder's text */
	IOT_GTK_PUBSUB_NODE_COL_TITLE,      /* utf8 */
	IOT_GTK_PUBSUB_NODE_COL_TYPE,       /* utf8: "Collection" / "Leaf" + the payload type */
	IOT_GTK_PUBSUB_NODE_COL_ACCESS,     /* utf8: access model */
	IOT_GTK_PUBSUB_NODE_COL_ITEMS,      /* utf8: "" when not told */
	IOT_GTK_PUBSUB_NODE_COL_SUBSCRIBERS,/* utf8 */
	IOT_GTK_PUBSUB_NODE_COL_STATE,      /* utf8: iot_pubsub_state_text() */
	IOT_GTK_PUBSUB_NODE_COL_STATE_ID,   /* gint: IotPubsubState */
	IOT_GTK_PUBSUB_NODE_COL_COLLECTION, /* gboolean */
	IOT_GTK_PUBSUB_NODE_COL_OWNER,      /* gboolean: we own it (the owners named us) */
	IOT_GTK_PUBSUB_NODE_COL_SUBID,      /* utf8 (nullable) */
	IOT_GTK_PUBSUB_NODE_COL_LOADED,     /* gboolean: children asked for */
	IOT_GTK_PUBSUB_NODE_N_COLUMNS
} IotGtkPubsubNodeColumn;
GtkTreeModel *iot_gtk_pubsub_get_nodes_model(IotGtkPubsub *win);
GtkTreeView *iot_gtk_pubsub_get_nodes_view(IotGtkPubsub *win);
/* Selects (and shows) the row of @node; FALSE when it is not loaded. */
gboolean iot_gtk_pubsub_select_node(IotGtkPubsub *win, const char *node);
gboolean iot_gtk_pubsub_expand_node(IotGtkPubsub *win, const char *node);
/* The sentence under the tree that explains the selected node's state. */
const char *iot_gtk_pubsub_get_state_text(IotGtkPubsub *win);

/* Items: time, id, publisher, summary (utf8 each), newest first. */
enum { IOT_GTK_PUBSUB_ITEM_COL_TIME, IOT_GTK_PUBSUB_ITEM_COL_ID, IOT_GTK_PUBSUB_ITEM_COL_PUBLISHER,
       IOT_GTK_PUBSUB_ITEM_COL_SUMMARY, IOT_GTK_PUBSUB_ITEM_N_COLUMNS };
GtkTreeModel *iot_gtk_pubsub_get_items_model(IotGtkPubsub *win);
gboolean iot_gtk_pubsub_select_item(IotGtkPubsub *win, const char *item_id);
/* Returns: (transfer full): the decoded text of the selected item; g_free(). */
char *iot_gtk_pubsub_get_item_text(IotGtkPubsub *win);

/* My subscriptions: service, node, state text, subid (utf8), state (gint). */
enum { IOT_GTK_PUBSUB_SUB_COL_SERVICE, IOT_GTK_PUBSUB_SUB_COL_NODE, IOT_GTK_PUBSUB_SUB_COL_STATE,
       IOT_GTK_PUBSUB_SUB_COL_SUBID, IOT_GTK_PUBSUB_SUB_COL_STATE_ID, IOT_GTK_PUBSUB_SUB_N_COLUMNS };
GtkTreeModel *iot_gtk_pubsub_get_subscriptions_model(IotGtkPubsub *win);
GtkTreeView *iot_gtk_pubsub_get_subscriptions_view(IotGtkPubsub *win);
GtkNotebook *iot_gtk_pubsub_get_notebook(IotGtkPubsub *win);

const char *iot_gtk_pubsub_get_status(IotGtkPubsub *win);
/* The buttons by their action: "subscribe", "unsubscribe", "options",
 * "open", "new", "configure", "purge", "delete", "affiliations", "publish",
 * "retract", "refresh", "my-unsubscribe". */
GtkWidget *iot_gtk_pubsub_get_button(IotGtkPubsub *win, const char *action);
/* Returns: (transfer none) (nullable): the newest window the browser opened
 * and still has (a form, a confirmation, the publish or affiliations
 * dialog). A form's window holds its IotGtkControl as "iot-gtk-control". */
GtkWidget *iot_gtk_pubsub_get_dialog(IotGtkPubsub *win);
guint iot_gtk_pubsub_count_pending(IotGtkPubsub *win);
/* The open Affiliations and subscribers dialog's lists (NULL when none is
 * open): jid, the affiliation or state in words (utf8), its id (gint),
 * subid (utf8, subscribers only). */
enum { IOT_GTK_PUBSUB_AFFIL_COL_JID, IOT_GTK_PUBSUB_AFFIL_COL_WORD, IOT_GTK_PUBSUB_AFFIL_COL_ID,
       IOT_GTK_PUBSUB_AFFIL_COL_SUBID, IOT_GTK_PUBSUB_AFFIL_N_COLUMNS };
GtkTreeModel *iot_gtk_pubsub_get_affiliations_model(IotGtkPubsub *win, gboolean subscribers);
/* Selects the subscriber @jid there and presses Approve (or Remove). */
gboolean iot_gtk_pubsub_answer_subscriber(IotGtkPubsub *win, const char *jid, gboolean approve);

G_END_DECLS

#endif
