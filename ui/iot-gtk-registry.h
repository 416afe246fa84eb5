/*
 * iot-gtk-registry.h — owning things: the Claim a thing dialog, the My
 * things window, the registry search window and the owner-question dialog.
 *
 * Claim a thing: the thing's identity from a pasted iotdisco: link or
 * IoTDisco string, from the picture of its QR code (decoded by the owner),
 * or typed as tags; a preview of the tags (KEY masked) before anything is
 * sent; "make public"; the registry found by the owner or typed. After a
 * claim: the buddy-list group (existing or new) and a name for the thing.
 * My things: the things this account owns, a page at a time, with their
 * tags; Disown, Remove from registry, Make public / private (when the owner
 * can), Edit tags…, Clear rule cache, Delete rules (thing or node), and the
 * rules given to the selected thing with Revoke. Search: meta-tag
 * conditions, paged results with a count and Add to buddy list. The
 * question dialog: "May X read T (fields)?" answered yes or no for this
 * JID, its domain, everyone or a token, a read limited to categories or
 * fields, a control to parameters.
 *
 * Plain GTK 2: no Pidgin or libpurple API. The owner (the adapter's glue)
 * does the talking through IotGtkRegistryOps: a window asks with a request
 * that the owner answers exactly once (at once or later) with the answer
 * its kind names, or with iot_gtk_registry_request_fail(). A window that
 * closes cancels what it still waits for; a later answer is dropped.
 * Nothing is sent without the person's explicit action (a button; the
 * destructive ones after a confirmation). Every string from the network is
 * shown as plain text (never markup, never a mnemonic), cut to a bound.
 */
#ifndef IOT_GTK_REGISTRY_H
#define IOT_GTK_REGISTRY_H

#include <gtk/gtk.h>

#include "iot-provisioning.h"
#include "iot-registry-codec.h"
#include "iot-registry.h"

G_BEGIN_DECLS

/* Things a page of My things or of search results asks for. */
#define IOT_GTK_REGISTRY_PAGE 100
/* Characters of a tag list, JID or node shown in a row. */
#define IOT_GTK_REGISTRY_CELL_CHARS 200

typedef struct _IotGtkRegistryRequest IotGtkRegistryRequest;
typedef struct _IotGtkRegistryClaim IotGtkRegistryClaim;
typedef struct _IotGtkRegistryThings IotGtkRegistryThings;
typedef struct _IotGtkRegistrySearch IotGtkRegistrySearch;
typedef struct _IotGtkRegistryQuestion IotGtkRegistryQuestion;

/* What a window asks, and the answer each kind takes. */
typedef enum {
	IOT_GTK_REGISTRY_REQ_FIND_REGISTRY, /* answer_text(the registry's JID) */
	IOT_GTK_REGISTRY_REQ_DECODE_QR,     /* path: answer_text(what the code holds) */
	IOT_GTK_REGISTRY_REQ_CLAIM,         /* registry, tags, make_public: answer_claimed() */
	IOT_GTK_REGISTRY_REQ_ADD_CONTACT,   /* jid, group, alias (nullable): answer_done() */
	IOT_GTK_REGISTRY_REQ_MY_THINGS,     /* offset, max_count: answer_page() */
	IOT_GTK_REGISTRY_REQ_SEARCH,        /* registry, conds, offset, max_count: answer_page() */
	IOT_GTK_REGISTRY_REQ_DISOWN,        /* registry, jid, node: answer_done() */
	IOT_GTK_REGISTRY_REQ_REMOVE,        /* registry, jid, node: answer_done() (private) */
	IOT_GTK_REGISTRY_REQ_MAKE_PUBLIC,   /* registry, jid, node: answer_done() */
	IOT_GTK_REGISTRY_REQ_UPDATE_TAGS,   /* registry, jid, node, tags: answer_done() */
	IOT_GTK_REGISTRY_REQ_CLEAR_CACHE,   /* jid, node (nullable: the thing): answer_done() */
	IOT_GTK_REGISTRY_REQ_DELETE_RULES,  /* jid, node (nullable: the thing): answer_done() */
	IOT_GTK_REGISTRY_REQ_RULES_GIVEN,   /* jid (nullable: all): answer_rules() */
	IOT_GTK_REGISTRY_REQ_REVOKE,        /* rule: answer_done() */
	IOT_GTK_REGISTRY_REQ_ANSWER         /* question, answer: answer_done() */
} IotGtkRegistryRequestKind;

/* What the owner can do beyond the basics (IotGtkRegistryOps.features). */
typedef enum {
	IOT_GTK_REGISTRY_CAN_MAKE_PUBLIC = 1 << 0, /* REQ_MAKE_PUBLIC works */
	IOT_GTK_REGISTRY_CAN_DECODE_QR = 1 << 1,   /* REQ_DECODE_QR works (zbar is there) */
	IOT_GTK_REGISTRY_CAN_PROVISION = 1 << 2    /* a provisioning service: cache, rules */
} IotGtkRegistryFeature;

/*
 * The owner's side, shared by all four windows. request() gets a new @req
 * that the owner MUST answer exactly once; what it asks is read with the
 * iot_gtk_registry_request_get_*() functions, valid until it is answered.
 * cancel(): the window no longer wants the answer (it closes); the owner
 * stops what it can and still answers; that answer is dropped.
 */
typedef struct {
	void (*request)(IotGtkRegistryRequest *req, gpointer user_data);
	void (*cancel)(IotGtkRegistryRequest *req, gpointer user_data);
	/* (nullable) Returns: (transfer full): the buddy-list groups
	 * (element-type utf8), g_ptr_array_unref(). */
	GPtrArray *(*groups)(gpointer user_data);
	/* (nullable) The person asked to open (or talk to) @jid. */
	void (*open_contact)(const char *jid, gpointer user_data);
	/* A window is being destroyed: @window is its GtkWindow, freed right
	 * after; called exactly once per window, after every pending request
	 * was cancelled. */
	void (*on_closed)(GtkWidget *window, gpointer user_data);
	guint features; /* IotGtkRegistryFeature bits */
	/* Why Make public is not offered, when it is not (nullable: a default). */
	const char *no_public_reason;
} IotGtkRegistryOps;

/* ---- requests --------------------------------------------------------------------- */

IotGtkRegistryRequestKind iot_gtk_registry_request_get_kind(const IotGtkRegistryRequest *req);
/* (transfer none) (nullable) each; what the kind above names. */
const char *iot_gtk_registry_request_get_registry(const IotGtkRegistryRequest *req);
const char *iot_gtk_registry_request_get_path(const IotGtkRegistryRequest *req);
const char *iot_gtk_registry_request_get_jid(const IotGtkRegistryRequest *req);
const IotRegistryNode *iot_gtk_registry_request_get_node(const IotGtkRegistryRequest *req);
const char *iot_gtk_registry_request_get_group(const IotGtkRegistryRequest *req);
const char *iot_gtk_registry_request_get_alias(const IotGtkRegistryRequest *req);
/* (element-type IotRegistryTag): CLAIM (KEY included), UPDATE_TAGS (an
 * empty string value deletes that tag). */
const GPtrArray *iot_gtk_registry_request_get_tags(const IotGtkRegistryRequest *req);
gboolean iot_gtk_registry_request_get_make_public(const IotGtkRegistryRequest *req);
/* (element-type IotSearchCond). */
const GPtrArray *iot_gtk_registry_request_get_conds(const IotGtkRegistryRequest *req);
guint iot_gtk_registry_request_get_offset(const IotGtkRegistryRequest *req);
guint iot_gtk_registry_request_get_max_count(const IotGtkRegistryRequest *req);
const IotProvisioningRule *iot_gtk_registry_request_get_rule(const IotGtkRegistryRequest *req);
const IotQuestion *iot_gtk_registry_request_get_question(const IotGtkRegistryRequest *req);
const IotAnswer *iot_gtk_registry_request_get_answer(const IotGtkRegistryRequest *req);

/* Any request failed: @text (plain, translated, e.g. iot_registry_error_text())
 * says why. */
void iot_gtk_registry_request_fail(IotGtkRegistryRequest *req, const char *text);
/* FIND_REGISTRY, DECODE_QR: (transfer none). */
void iot_gtk_registry_request_answer_text(IotGtkRegistryRequest *req, const char *text);
/* CLAIM: the thing the registry named (transfer none) (nullable: it did not). */
void iot_gtk_registry_request_answer_claimed(IotGtkRegistryRequest *req, const IotRegistryThing *thing);
/* MY_THINGS, SEARCH: (transfer none). */
void iot_gtk_registry_request_answer_page(IotGtkRegistryRequest *req, const IotRegistryPage *page);
/* RULES_GIVEN: (element-type IotProvisioningRule) (transfer none) (nullable). */
void iot_gtk_registry_request_answer_rules(IotGtkRegistryRequest *req, const GPtrArray *rules);
void iot_gtk_registry_request_answer_done(IotGtkRegistryRequest *req);

/* ---- Claim a thing ------------------------------------------------------------------ */

/* Returns: (transfer none): a new, not yet shown dialog titled "Claim a
 * thing — @account_label"; @ops copied. It lives until it is closed or
 * iot_gtk_registry_claim_destroy(). When shown, it asks for the registry
 * (FIND_REGISTRY) unless one was given (set_registry). */
IotGtkRegistryClaim *iot_gtk_registry_claim_new(const char *account_label, const IotGtkRegistryOps *ops,
                                                gpointer user_data);
void iot_gtk_registry_claim_destroy(IotGtkRegistryClaim *dlg);
GtkWidget *iot_gtk_registry_claim_get_window(IotGtkRegistryClaim *dlg);
/* Fills the link entry with @text (e.g. from /claim) and reads it. */
void iot_gtk_registry_claim_set_text(IotGtkRegistryClaim *dlg, const char *text);
void iot_gtk_registry_claim_set_registry(IotGtkRegistryClaim *dlg, const char *registry);
/* The way in: 0 link or code, 1 QR picture, 2 typed tags. */
void iot_gtk_registry_claim_set_mode(IotGtkRegistryClaim *dlg, int mode);
/* For tests and the glue: (transfer none). */
GtkEntry *iot_gtk_registry_claim_get_link_entry(IotGtkRegistryClaim *dlg);
GtkEntry *iot_gtk_registry_claim_get_registry_entry(IotGtkRegistryClaim *dlg);
GtkToggleButton *iot_gtk_registry_claim_get_public_check(IotGtkRegistryClaim *dlg);
/* "Show the KEY": off (the default), the link entry draws nothing of what
 * was pasted (it is kept byte for byte; no selection stays in it, so
 * nothing is copied from it; a paste replaces it whole) and a typed KEY
 * value is drawn masked and typed unseen. */
GtkToggleButton *iot_gtk_registry_claim_get_show_key(IotGtkRegistryClaim *dlg);
/* Typed tags: NAME (utf8), value (utf8), number (gboolean). */
enum { IOT_GTK_REGISTRY_TAG_COL_NAME, IOT_GTK_REGISTRY_TAG_COL_VALUE, IOT_GTK_REGISTRY_TAG_COL_NUMERIC,
       IOT_GTK_REGISTRY_TAG_N_COLUMNS };
GtkListStore *iot_gtk_registry_claim_get_tags_store(IotGtkRegistryClaim *dlg);
GtkTreeView *iot_gtk_registry_claim_get_tags_view(IotGtkRegistryClaim *dlg);
/* Reads the typed tags again (the store changed). */
void iot_gtk_registry_claim_tags_changed(IotGtkRegistryClaim *dlg);
/* A QR picture was chosen (as the file chooser does). */
void iot_gtk_registry_claim_set_picture(IotGtkRegistryClaim *dlg, const char *path);
/* The preview as shown (plain text, KEY masked). */
const char *iot_gtk_registry_claim_get_preview(IotGtkRegistryClaim *dlg);
const char *iot_gtk_registry_claim_get_status(IotGtkRegistryClaim *dlg);
/* The buttons by action: "claim", "find", "add" (after the claim), "close". */
GtkWidget *iot_gtk_registry_claim_get_button(IotGtkRegistryClaim *dlg, const char *action);
/* After a claim: the group entry and the name entry. */
GtkEntry *iot_gtk_registry_claim_get_group_entry(IotGtkRegistryClaim *dlg);
GtkEntry *iot_gtk_registry_claim_get_alias_entry(IotGtkRegistryClaim *dlg);
guint iot_gtk_registry_claim_count_pending(IotGtkRegistryClaim *dlg);

/* ---- My things ----------------------------------------------------------------------- */

IotGtkRegistryThings *iot_gtk_registry_things_new(const char *account_label, const IotGtkRegistryOps *ops,
                                                  gpointer user_data);
void iot_gtk_registry_things_destroy(IotGtkRegistryThings *win);
GtkWidget *iot_gtk_registry_things_get_window(IotGtkRegistryThings *win);
/* The registry the per-thing registry actions go to (nullable: the owner's choice). */
void iot_gtk_registry_things_set_registry(IotGtkRegistryThings *win, const char *registry);
/* Asks for the first page again. */
void iot_gtk_registry_things_refresh(IotGtkRegistryThings *win);
void iot_gtk_registry_things_set_online(IotGtkRegistryThings *win, gboolean online);
/* Things: JID, node (utf8, "" for a thing itself), tags (utf8, one line,
 * KEY never), owner (utf8). */
enum { IOT_GTK_REGISTRY_THING_COL_JID, IOT_GTK_REGISTRY_THING_COL_NODE, IOT_GTK_REGISTRY_THING_COL_TAGS,
       IOT_GTK_REGISTRY_THING_COL_OWNER, IOT_GTK_REGISTRY_THING_COL_INDEX, IOT_GTK_REGISTRY_THING_N_COLUMNS };
GtkTreeModel *iot_gtk_registry_things_get_model(IotGtkRegistryThings *win);
gboolean iot_gtk_registry_things_select(IotGtkRegistryThings *win, const char *jid, const char *node_id);
/* Rules given to the selected thing: the rule in words (utf8), index. */
GtkTreeModel *iot_gtk_registry_things_get_rules_model(IotGtkRegistryThings *win);
gboolean iot_gtk_registry_things_select_rule(IotGtkRegistryThings *win, guint n);
/* Buttons: "previous", "next", "refresh", "disown", "remove", "public",
 * "private", "edit", "clear-cache", "delete-rules", "revoke". */
GtkWidget *iot_gtk_registry_things_get_button(IotGtkRegistryThings *win, const char *action);
const char *iot_gtk_registry_things_get_status(IotGtkRegistryThings *win);
const char *iot_gtk_registry_things_get_count(IotGtkRegistryThings *win);
/* (nullable) the open confirmation or Edit tags dialog. The Edit tags
 * dialog holds its GtkListStore (IOT_GTK_REGISTRY_TAG_COL_*) as "tags". */
GtkWidget *iot_gtk_registry_things_get_dialog(IotGtkRegistryThings *win);
guint iot_gtk_registry_things_count_pending(IotGtkRegistryThings *win);

/* ---- Search ------------------------------------------------------------------------------ */

IotGtkRegistrySearch *iot_gtk_registry_search_new(const char *account_label, const IotGtkRegistryOps *ops,
                                                  gpointer user_data);
void iot_gtk_registry_search_destroy(IotGtkRegistrySearch *win);
GtkWidget *iot_gtk_registry_search_get_window(IotGtkRegistrySearch *win);
void iot_gtk_registry_search_set_registry(IotGtkRegistrySearch *win, const char *registry);
/* Adds a condition row; @op an IotSearchOp; @max for the ranges (nullable). */
void iot_gtk_registry_search_add_condition(IotGtkRegistrySearch *win, const char *name, IotSearchOp op,
                                           const char *value, const char *max, gboolean numeric);
guint iot_gtk_registry_search_count_conditions(IotGtkRegistrySearch *win);
/* Results: JID, node, tags, owner (utf8), index. */
GtkTreeModel *iot_gtk_registry_search_get_model(IotGtkRegistrySearch *win);
gboolean iot_gtk_registry_search_select(IotGtkRegistrySearch *win, guint row);
/* Buttons: "search", "previous", "next", "add", "find", "add-condition". */
GtkWidget *iot_gtk_registry_search_get_button(IotGtkRegistrySearch *win, const char *action);
const char *iot_gtk_registry_search_get_status(IotGtkRegistrySearch *win);
const char *iot_gtk_registry_search_get_count(IotGtkRegistrySearch *win);
guint iot_gtk_registry_search_count_pending(IotGtkRegistrySearch *win);

/* ---- an owner question ------------------------------------------------------------------- */

/* Returns: (transfer none): a dialog asking @q (transfer none: copied).
 * Yes and No send the answer once (REQ_ANSWER); the dialog closes when it
 * was sent, says why when it failed. Later closes it, sending nothing. */
IotGtkRegistryQuestion *iot_gtk_registry_question_new(const IotQuestion *q, const IotGtkRegistryOps *ops,
                                                      gpointer user_data);
void iot_gtk_registry_question_destroy(IotGtkRegistryQuestion *dlg);
GtkWidget *iot_gtk_registry_question_get_window(IotGtkRegistryQuestion *dlg);
/* (transfer none): the question this dialog asks. */
const IotQuestion *iot_gtk_registry_question_get_question(IotGtkRegistryQuestion *dlg);
/* The answer's scope: an IotRuleRange; FALSE when it is not offered. */
gboolean iot_gtk_registry_question_set_range(IotGtkRegistryQuestion *dlg, IotRuleRange range);
/* Limits: ticks a category (IOT_CAT_*) or a named field / parameter. */
gboolean iot_gtk_registry_question_set_category(IotGtkRegistryQuestion *dlg, guint32 cat, gboolean on);
gboolean iot_gtk_registry_question_set_name(IotGtkRegistryQuestion *dlg, const char *name, gboolean on);
/* The sentence at the top, as shown. */
const char *iot_gtk_registry_question_get_text(IotGtkRegistryQuestion *dlg);
const char *iot_gtk_registry_question_get_status(IotGtkRegistryQuestion *dlg);
/* Buttons: "yes", "no", "later". */
GtkWidget *iot_gtk_registry_question_get_button(IotGtkRegistryQuestion *dlg, const char *action);
guint iot_gtk_registry_question_count_pending(IotGtkRegistryQuestion *dlg);

/* ---- words shared by the windows ---------------------------------------------------------- */

/* Returns: (transfer full): @tags on one line, "NAME=value; …", KEY masked,
 * each part cleaned of control characters and cut. g_free(). */
char *iot_gtk_registry_tags_line(const GPtrArray *tags);

G_END_DECLS

#endif
