/*
 * iot-purple-registry.h — owning things on an account's stream: the thing
 * registry (XEP-0347 and its NF successors) and the owner's side of
 * provisioning (NF `urn:nf:iot:prov:o:1.0` and its IEEE/NFI siblings). What
 * the claim dialog, My things, the registry search, the owner questions
 * and the chat commands build on.
 *
 * What the protocols do NOT offer (iot-registry-codec.h, iot-provisioning.h)
 * and how this API lives with it:
 *   - no request makes a claimed thing public again: only a repeated claim
 *     with the same tags (KEY included) and make_public TRUE, which an
 *     XEP-0347 registry may honour. Making it private is remove;
 *   - no request lists the rules given: the list is this client's own
 *     record (kept in the store per account), and revoking one is
 *     deleteRules for that thing or node (it deletes all of them there);
 *   - XEP-0324 has no owner side: questions, rules, clearCache, deleteRules
 *     and getDevices need a provisioning service of the IEEE/NF line.
 *
 * The contract of every operation below (as iot-purple-pubsub.h):
 *   - the callback runs exactly once, never before the call that started it
 *     returns, with a result or a GError in IOT_ERROR whose message is a
 *     translated sentence fit to show (iot_registry_error_text(): not
 *     found, already claimed, not allowed because the thing is offline,
 *     the registry is unreachable …; DISCONNECTED when the account went
 *     offline, CANCELLED when cancelled or the plugin unloaded, BAD_REQUEST
 *     when the call lacked what it needs);
 *   - @destroy (nullable) frees @user_data right after that callback;
 *   - a handle is valid until its callback ran; cancelling one that ended
 *     already does nothing.
 * Every pointer passed to a callback is (transfer none), valid during the
 * call only: copy what you keep. Strings in results are as the service sent
 * them (bounded by the core, valid UTF-8), never escaped: escape and bound
 * them where you show them. Nothing is sent unless one of these functions
 * is called: call them only on the person's explicit action.
 */
#ifndef IOT_PURPLE_REGISTRY_H
#define IOT_PURPLE_REGISTRY_H

#include <account.h>

#include "iot-provisioning.h"
#include "iot-registry-codec.h"
#include "iot-registry.h"

G_BEGIN_DECLS

/* Things asked for per page when a caller passes 0 as the page size. */
#define IOT_PURPLE_REGISTRY_PAGE_DEFAULT 50
/* Bytes of a QR image file read. */
#define IOT_PURPLE_QR_MAX_FILE_BYTES (16 * 1024 * 1024)

/* Ends operation @handle now: its callback runs with IOT_ERROR_CANCELLED
 * (before this returns). A late answer is dropped. */
void iot_purple_registry_cancel(guint handle);

/* --- the services ---------------------------------------------------------------------- */

typedef struct {
	const char *registry;           /* (nullable) the thing registry's JID */
	IotGeneration registry_gen;     /* its discovery generation */
	const char *provisioning;       /* (nullable) the provisioning service's JID */
	IotGeneration provisioning_gen; /* its owner generation (UNKNOWN: none) */
} IotPurpleRegistryServices;

typedef void (*IotPurpleRegistryFindFunc)(PurpleAccount *account,
                                          const IotPurpleRegistryServices *services,
                                          const GError *error, gpointer user_data);
/* Finds the registry (and the provisioning service) of @account: @given
 * (nullable) is asked for its disco#info; else the server's disco#items are
 * asked for one offering a discovery (resp. owner provisioning) feature.
 * Answers of one sign-on are kept. An error (NOT_FOUND in words) when no
 * registry is found; services->provisioning may be NULL on success. */
guint iot_purple_registry_find(PurpleAccount *account, const char *given,
                               IotPurpleRegistryFindFunc cb, gpointer user_data,
                               GDestroyNotify destroy);

/* --- claim ----------------------------------------------------------------------------- */

/* @claimed: the thing the registry named (nullable when it named none, as
 * an empty result may). */
typedef void (*IotPurpleRegistryClaimFunc)(PurpleAccount *account, const IotRegistryThing *claimed,
                                           const GError *error, gpointer user_data);
/* Claims the thing of @tags (transfer none; KEY included, sent as written)
 * at @registry (nullable: found as iot_purple_registry_find() does). */
guint iot_purple_registry_claim(PurpleAccount *account, const char *registry, const GPtrArray *tags,
                                gboolean make_public, IotPurpleRegistryClaimFunc cb,
                                gpointer user_data, GDestroyNotify destroy);

/* After a claim, on the person's word: adds @jid (a bare JID) to the roster
 * in @group (nullable: "Things") with @alias (nullable), subscribes to its
 * presence and pre-authorises its subscription to ours (both directions).
 * Synchronous; FALSE with @error when the account is offline or @jid is not
 * a valid JID. */
gboolean iot_purple_registry_add_thing(PurpleAccount *account, const char *jid, const char *group,
                                       const char *alias, GError **error);

/* --- lists ----------------------------------------------------------------------------- */

/* @page: one page (things, more, offset); next offset is
 * iot_registry_page_next_offset(page). */
typedef void (*IotPurpleRegistryPageFunc)(PurpleAccount *account, const IotRegistryPage *page,
                                          const GError *error, gpointer user_data);
/* The things @account owns, a page at a time: NF getDevices at the
 * provisioning service when there is one, else a registry search whose
 * condition is "owner is me" (results filtered by owner where the registry
 * names them). @max_count 0: IOT_PURPLE_REGISTRY_PAGE_DEFAULT. No cap on
 * how far one pages. */
guint iot_purple_registry_my_things(PurpleAccount *account, guint offset, guint max_count,
                                    IotPurpleRegistryPageFunc cb, gpointer user_data,
                                    GDestroyNotify destroy);
/* Searches @registry (nullable: found) for things matching every condition
 * of @conds (transfer none, element-type IotSearchCond, at least one). */
guint iot_purple_registry_search(PurpleAccount *account, const char *registry, const GPtrArray *conds,
                                 guint offset, guint max_count, IotPurpleRegistryPageFunc cb,
                                 gpointer user_data, GDestroyNotify destroy);

/* --- per thing -------------------------------------------------------------------------- */

typedef void (*IotPurpleRegistryDoneFunc)(PurpleAccount *account, const GError *error,
                                          gpointer user_data);
/* @registry nullable (found); @node nullable (the thing itself). */
guint iot_purple_registry_disown(PurpleAccount *account, const char *registry, const char *jid,
                                 const IotRegistryNode *node, IotPurpleRegistryDoneFunc cb,
                                 gpointer user_data, GDestroyNotify destroy);
/* Removes the thing from the registry: it becomes private. */
guint iot_purple_registry_remove(PurpleAccount *account, const char *registry, const char *jid,
                                 const IotRegistryNode *node, IotPurpleRegistryDoneFunc cb,
                                 gpointer user_data, GDestroyNotify destroy);
/* Sets its meta tags (@tags transfer none; an empty string value deletes). */
guint iot_purple_registry_update(PurpleAccount *account, const char *registry, const char *jid,
                                 const IotRegistryNode *node, const GPtrArray *tags,
                                 IotPurpleRegistryDoneFunc cb, gpointer user_data,
                                 GDestroyNotify destroy);
/* At the provisioning service (found): clearCache / deleteRules of @jid
 * (nullable: all the owner's things) and @node (nullable: the whole
 * thing). deleteRules also forgets the rules given recorded for them. */
guint iot_purple_provisioning_clear_cache(PurpleAccount *account, const char *jid,
                                          const IotRegistryNode *node, IotPurpleRegistryDoneFunc cb,
                                          gpointer user_data, GDestroyNotify destroy);
guint iot_purple_provisioning_delete_rules(PurpleAccount *account, const char *jid,
                                           const IotRegistryNode *node, IotPurpleRegistryDoneFunc cb,
                                           gpointer user_data, GDestroyNotify destroy);

/* --- rules given ------------------------------------------------------------------------ */

/* Returns: (transfer full): the rules this client answered with on
 * @account, for @jid (nullable: every thing), oldest first (element-type
 * IotProvisioningRule; g_ptr_array_unref frees them). Synchronous: from the
 * store. Revoke with iot_purple_provisioning_delete_rules(rule->jid,
 * &rule->node). */
GPtrArray *iot_purple_provisioning_rules_given(PurpleAccount *account, const char *jid);

/* --- owner questions -------------------------------------------------------------------- */

/* One group of merged pending questions. */
typedef struct {
	const char *merge_key;       /* the group's id, for answering */
	const IotQuestion *question; /* its first question */
	guint count;                 /* questions merged into it */
	gint64 arrived;              /* g_get_real_time() of the first */
} IotPurpleQuestion;

/* Returns: (transfer container): the pending groups of @account, oldest
 * first (element-type IotPurpleQuestion, valid until the next main-loop
 * turn: copy what you keep). Empty when offline. */
GPtrArray *iot_purple_provisioning_pending(PurpleAccount *account);

/* Answers every question of group @merge_key with @a (transfer none) — once:
 * the group leaves the pending ones at this call, and the rule is recorded
 * as given when the service agrees. BAD_REQUEST (in words) when @a does not
 * fit the question, NOT_FOUND when the group is no longer pending (answered
 * elsewhere or before). */
guint iot_purple_provisioning_answer(PurpleAccount *account, const char *merge_key, const IotAnswer *a,
                                     IotPurpleRegistryDoneFunc cb, gpointer user_data,
                                     GDestroyNotify destroy);

/* One answer button of a question (the alert inbox shows pending questions
 * as entries of severity "question" with these buttons). */
typedef struct {
	const char *label;  /* translated, e.g. "Yes, for its whole domain" */
	IotAnswer answer;   /* pass to iot_purple_provisioning_answer(); a token
	                     * range names a token of the question */
} IotPurpleQuestionChoice;

/* Returns: (transfer full): the answers that fit @q (transfer none; the
 * choices point into it: keep @q while using them): yes and no for this
 * JID, its domain, everyone, and (read, control) each token @q carried.
 * Limits to categories, fields or parameters are the caller's to add.
 * g_ptr_array_unref() frees them. */
GPtrArray *iot_purple_provisioning_choices(const IotQuestion *q);

/* How a pending group changed. */
typedef enum {
	IOT_PURPLE_QUESTION_ADDED,    /* a new group (also each group read back from the
	                               * store at sign-on, a reload or a reconnect) */
	IOT_PURPLE_QUESTION_GREW,     /* an identical question (another key) joined it */
	IOT_PURPLE_QUESTION_ANSWERED, /* gone for good: answered here, answered on another
	                               * client of the account, or withdrawn by the service */
	IOT_PURPLE_QUESTION_OFFLINE   /* the session ended: still pending (kept in the
	                               * store), ADDED again at the next sign-on */
} IotPurpleQuestionChange;

/* Pending questions of @account changed: @merge_key's group, as @change says. */
typedef void (*IotPurpleQuestionsFunc)(PurpleAccount *account, const char *merge_key,
                                       IotPurpleQuestionChange change, gpointer user_data);
/* Returns an id for iot_purple_provisioning_unwatch(); @user_data is not
 * freed by us. The alert inbox watches from the plugin's load to its unload
 * (iot-purple-alert.h: each group is an entry of severity "question");
 * without any watcher a new question is asked with purple_request_fields(). */
guint iot_purple_provisioning_watch(IotPurpleQuestionsFunc cb, gpointer user_data);
void iot_purple_provisioning_unwatch(guint id);

/* Asks group @merge_key of @account with libpurple's request dialog: yes or
 * no, for whom, and limits to named fields or parameters (the fallback of
 * "Answer with limits…" where the UI has no question window). Nothing when
 * it is not pending; the dialog of a group is open once. */
void iot_purple_provisioning_ask(PurpleAccount *account, const char *merge_key);
/* Returns: (transfer full): @pq in one plain sentence, e.g. "May
 * alice@example.org read thermo@home.example (Temperature, Humidity)?", with
 * how often it was asked when merged; bounded, printable, never escaped. */
char *iot_purple_provisioning_question_text(const IotPurpleQuestion *pq);

/* --- QR images ------------------------------------------------------------------------- */

/* Reads the QR code in the image file @path (PNG; JPEG when built with it)
 * with libzbar. Returns: (transfer full) (nullable): the text it holds
 * (at most IOT_REGISTRY_MAX_URI_BYTES, valid UTF-8); NULL with a translated
 * @error: the file cannot be read, is not an image we read, or holds no
 * readable QR code. Parse it with iot_disco_id_parse(). */
char *iot_purple_qr_decode_file(const char *path, GError **error);

/* --- friend requests from things -------------------------------------------------------- */

/* Returns: (transfer full) (nullable): what @jid says it is, in plain text
 * (disco identity, registry tags where known this session), bounded, or
 * NULL when nothing is known. Escape it for markup. */
char *iot_purple_registry_describe_jid(PurpleAccount *account, const char *jid);

G_END_DECLS

#endif
