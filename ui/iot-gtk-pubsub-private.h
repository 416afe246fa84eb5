/*
 * iot-gtk-pubsub-private.h — what the Publish-subscribe window's source
 * files share: the window and its services (iot-gtk-pubsub.c), requests
 * (-request.c), the node tree (-tree.c), the items pane (-items.c), owner
 * actions and their dialogs (-owner.c), My subscriptions (-subs.c). Not for
 * use outside ui/.
 */
#ifndef IOT_GTK_PUBSUB_PRIVATE_H
#define IOT_GTK_PUBSUB_PRIVATE_H

#include "iot-gtk-control.h"
#include "iot-gtk-pubsub.h"
#include "iot-pubsub-payload.h"

/* The items a node's pane asks for and keeps. */
#define IOT_GTK_PUBSUB_ITEMS 20
/* Node ids and names in titles and sentences are cut at so many characters. */
#define IOT_GTK_PUBSUB_LABEL_CHARS 60
/* A node's meta-data is asked for with its level up to so many nodes;
 * beyond, when it is selected. */
#define IOT_GTK_PUBSUB_INFO_PER_LEVEL 100
/* The characters of an item's summary in the list. */
#define IOT_GTK_PUBSUB_SUMMARY_CHARS 120

typedef void (*IotGtkPubsubDone)(IotGtkPubsub *win, IotGtkPubsubRequest *req);

struct _IotGtkPubsubRequest {
	int refs;                 /* the window's while pending, the owner's until answered */
	IotGtkPubsubRequestKind kind;
	IotGtkPubsub *win;        /* NULL once cancelled */
	gboolean answered, cancelled;
	IotGtkPubsubDone done;    /* runs with the answer, unless cancelled */
	/* what it asks (owned) */
	char *service, *node, *subid, *jid, *item_id, *payload;
	gboolean payload_xml;
	IotDataForm *form;
	guint max_items;
	IotPubsubAffiliation affiliation;
	IotPubsubState state;
	/* the answer, valid during done() (borrowed, except form) */
	const char *error;
	const GPtrArray *list;
	gboolean truncated;
	const IotPubsubNodeMeta *meta;
	const IotPubsubSubscription *sub;
	IotDataForm *answer_form; /* (owned): a handler keeping it sets it to NULL */
	const char *text;
	/* for the flow that sent it */
	gpointer data;
	GDestroyNotify data_free;
};

struct _IotGtkPubsub {
	IotGtkPubsubOps ops;
	gpointer user_data;
	char *title;
	char *account_jid;       /* (owned) (nullable) bare */

	GtkWidget *window, *notebook;
	/* services */
	GtkListStore *services;
	GtkWidget *services_view, *service_entry, *add_service_button;
	char *service;           /* (owned) (nullable) the selected one */
	/* nodes */
	GtkTreeStore *nodes;
	GtkWidget *nodes_view, *state_label;
	GHashTable *node_rows;   /* node id → GtkTreeRowReference (owned) */
	GHashTable *states;      /* node id → IotPubsubSubscription (owned): ours at service */
	/* items */
	GtkListStore *items;
	GtkWidget *items_view, *item_text, *items_label;
	GPtrArray *item_list;    /* (element-type IotGtkPubsubShown) newest first */
	IotSoxMeta *sox;         /* (owned) names of SOX transducers of the watched node */
	char *watch_service, *watch_node; /* (owned) (nullable) */
	IotGtkPubsubRequest *items_req;
	GPtrArray *item_pending; /* (element-type IotPubsubItem) (owned) coalesced, oldest first */
	guint item_apply, item_applies;
	/* My subscriptions */
	GtkListStore *subs;
	GtkWidget *subs_view;
	/* buttons by action name → GtkWidget (borrowed) */
	GHashTable *buttons;
	GtkWidget *spinner, *status_icon, *status_label;
	char *status;

	gpointer affil;          /* (nullable) the open Affiliations dialog's state */
	GHashTable *pending;     /* IotGtkPubsubRequest set: the window's references */
	GPtrArray *dialogs;      /* GtkWidget: open windows of ours, newest last */
	GPtrArray *connected;    /* objects with handlers of ours */
	int busy;
	gboolean online, closing, asked_services;
	guint idle;
};

/* An item the pane shows. */
typedef struct {
	IotPubsubItem *item; /* (owned) */
	IotPayload *payload; /* (owned) (nullable) decoded when first shown */
} IotGtkPubsubShown;

/* ---- iot-gtk-pubsub.c ---- */
void iot_gtk_pubsub_show_status(IotGtkPubsub *win, const char *text, gboolean is_error);
void iot_gtk_pubsub_busy(IotGtkPubsub *win, int delta);
void iot_gtk_pubsub_update_actions(IotGtkPubsub *win);
void iot_gtk_pubsub_connect(IotGtkPubsub *win, gpointer obj, const char *signal, GCallback cb);
void iot_gtk_pubsub_add_dialog(IotGtkPubsub *win, GtkWidget *dialog);
GtkWidget *iot_gtk_pubsub_button(IotGtkPubsub *win, const char *action, const char *mnemonic,
                                 const char *tip, GCallback cb);
/* Returns: (transfer full): @s cleaned and cut for a sentence; g_free(). */
char *iot_gtk_pubsub_label(const char *s);
/* A confirmation (plain text): @yes(win, @data) on OK; @data_free with the dialog's end. */
void iot_gtk_pubsub_confirm(IotGtkPubsub *win, const char *primary, const char *secondary,
                            const char *ok_label, void (*yes)(IotGtkPubsub *, gpointer),
                            gpointer data, GDestroyNotify data_free);

/* ---- iot-gtk-pubsub-request.c ---- */
IotGtkPubsubRequest *iot_gtk_pubsub_request_new(IotGtkPubsub *win, IotGtkPubsubRequestKind kind,
                                                const char *service, const char *node,
                                                IotGtkPubsubDone done);
/* Hands @req to the owner (call last; do not touch @req afterwards). */
void iot_gtk_pubsub_request_send(IotGtkPubsubRequest *req);
void iot_gtk_pubsub_request_cancel(IotGtkPubsubRequest *req);
void iot_gtk_pubsub_request_cancel_all(IotGtkPubsub *win);

/* ---- iot-gtk-pubsub-tree.c ---- */
GtkWidget *iot_gtk_pubsub_tree_new(IotGtkPubsub *win);
void iot_gtk_pubsub_tree_free(IotGtkPubsub *win);
/* The tree of the selected service, asked for anew. */
void iot_gtk_pubsub_tree_load(IotGtkPubsub *win);
/* Returns: (transfer full) (nullable): the selected node's id; and (nullable outs) its state, subid, owner flag. */
char *iot_gtk_pubsub_tree_selected(IotGtkPubsub *win, IotPubsubState *state, char **subid,
                                   gboolean *owner, gboolean *collection);
void iot_gtk_pubsub_tree_set_state(IotGtkPubsub *win, const char *node, IotPubsubState state,
                                   const char *subid);
void iot_gtk_pubsub_tree_remove(IotGtkPubsub *win, const char *node);
void iot_gtk_pubsub_tree_ask_info(IotGtkPubsub *win, const char *node);
/* Explains the selected node's state in the line under the tree. */
void iot_gtk_pubsub_tree_explain(IotGtkPubsub *win);
/* Returns: (transfer none): the state in one word for a column ("" for none). */
const char *iot_gtk_pubsub_state_word(IotPubsubState state);
/* Returns: (transfer none): the state in words, for the line under the tree. */
const char *iot_gtk_pubsub_state_explained(IotPubsubState state);

/* ---- iot-gtk-pubsub-items.c ---- */
GtkWidget *iot_gtk_pubsub_items_new(IotGtkPubsub *win);
void iot_gtk_pubsub_items_free(IotGtkPubsub *win);
/* Shows the items of (@win->service, @node) (NULL: none) and watches it. */
void iot_gtk_pubsub_items_show(IotGtkPubsub *win, const char *node);
void iot_gtk_pubsub_items_event(IotGtkPubsub *win, const IotPubsubEvent *ev);
/* Returns: (transfer full) (nullable): the selected item's id. */
char *iot_gtk_pubsub_items_selected(IotGtkPubsub *win);

/* The row of @item_id goes (a retraction of ours). */
void iot_gtk_pubsub_items_remove(IotGtkPubsub *win, const char *item_id);

/* ---- iot-gtk-pubsub-affil.c ---- */
/* Affiliations and subscribers of the selected node. */
void iot_gtk_pubsub_affiliations_cb(GtkWidget *button, IotGtkPubsub *win);

/* ---- iot-gtk-pubsub-owner.c ---- */
void iot_gtk_pubsub_owner_buttons(IotGtkPubsub *win, GtkWidget *box);
void iot_gtk_pubsub_options(IotGtkPubsub *win);

/* ---- iot-gtk-pubsub-subs.c ---- */
GtkWidget *iot_gtk_pubsub_subs_new(IotGtkPubsub *win);
/* Asks for the subscriptions of every known service. */
void iot_gtk_pubsub_subs_load(IotGtkPubsub *win);
/* Our state at @service changed (a subscribe, an unsubscribe, an event). */
void iot_gtk_pubsub_subs_set(IotGtkPubsub *win, const char *service, const char *node,
                             IotPubsubState state, const char *subid);
void iot_gtk_pubsub_subscribe(IotGtkPubsub *win);
void iot_gtk_pubsub_unsubscribe(IotGtkPubsub *win, const char *service, const char *node,
                                const char *subid);

#endif
