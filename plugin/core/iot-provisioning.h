/*
 * iot-provisioning.h — the owner's side of provisioning: questions from the
 * provisioning service, the rules that answer them, and the owner's other
 * requests. Pure: the adapter feeds messages in and sends what is built.
 *
 * Which generations have an owner side (checked against XEP-0324 v0.5.1, NF
 * Provisioning.md + ProvisioningOwner.xsd, and the Neuro-Foundation client
 * ProvisioningClient.cs): only the IEEE/NF line, `urn:ieee:iot:prov:o:1.0`,
 * `urn:nf:iot:prov:o:1.0`, `urn:nfi:iot:prov:o:1.0` — one shape. XEP-0324
 * (`urn:xmpp:iot:provisioning`) lets the service decide alone; it has no
 * question to an owner, no rule, no device list (its clearCache goes from
 * the service to a thing).
 *
 *   questions  <message> carrying <isFriend jid remoteJid key/>,
 *              <canRead jid remoteJid key [st dt ut] [all m p s c i h]>
 *                 <nd id src pt/>* <f n/>*</canRead>,
 *              <canControl jid remoteJid key [st dt ut]><nd/>* <p n/>*
 *                 </canControl> (the schema puts the <p/> in <partial/>;
 *                 both are read)
 *   answers    iq set <isFriendRule jid remoteJid key result range=Caller|Domain|All/>,
 *              <canReadRule jid remoteJid key result><nd/>?
 *                 <partial all|m p s c i h><f n/>*</partial>? ORIGIN</canReadRule>,
 *              <canControlRule …><nd/>? <partial><p n/>*</partial>? ORIGIN</…>
 *              ORIGIN: <fromJid/> | <fromDomain/> | <fromService token/> |
 *              <fromDevice token/> | <fromUser token/> | <all/>
 *   requests   iq set <clearCache [jid] [id src pt]/>, iq set
 *              <deleteRules [jid] [id src pt]/>, iq get <getDevices offset
 *              maxCount/> (answered by a XEP-0347 <found/>: see
 *              iot-registry-codec.h).
 * There is no request that lists the rules given: the list an owner sees is
 * what this client recorded when it answered (IotProvisioningRule), and
 * revoking is deleteRules for that thing or node (it deletes all of them;
 * the service then asks again).
 *
 * Every string from a question is bounded and checked as XML text; showing
 * it is the caller's business (escape it).
 */
#ifndef IOT_PROVISIONING_H
#define IOT_PROVISIONING_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-ns.h"
#include "iot-registry-codec.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* Bytes kept of a JID, key, token, node attribute, field or parameter name. */
#define IOT_PROVISIONING_MAX_ATTR_BYTES 1024
/* Nodes, fields, parameters and tokens (of each kind) read from a question. */
#define IOT_PROVISIONING_MAX_ITEMS 256
/* Pending questions an IotQuestionBook holds. */
#define IOT_PROVISIONING_MAX_PENDING 1000

/* Returns: (transfer none) (nullable): the owner namespace of @gen (IEEE, NF, NFI). */
const char *iot_provisioning_ns(IotGeneration gen);
/* The generation of owner namespace @ns, or IOT_GEN_UNKNOWN. */
IotGeneration iot_provisioning_ns_generation(const char *ns);
/* The newest owner generation a provisioning service's disco#info offers. */
IotGeneration iot_provisioning_pick(const IotDiscoInfo *info);

typedef enum {
	IOT_QUESTION_IS_FRIEND,
	IOT_QUESTION_CAN_READ,
	IOT_QUESTION_CAN_CONTROL
} IotQuestionKind;

typedef struct {
	IotGeneration gen;
	IotQuestionKind kind;
	char *service;        /* who asked (the message's from, as given) */
	char *jid;            /* the thing */
	char *remote_jid;     /* who wants to befriend, read or control it */
	char *key;            /* the service's key of this question */
	GPtrArray *nodes;     /* (element-type IotRegistryNode) owned; may be empty */
	guint32 categories;   /* canRead: IotCategory bits asked for; IOT_CAT_ALL for all */
	GPtrArray *fields;    /* canRead: (element-type utf8) field names; may be empty */
	GPtrArray *parameters;/* canControl: parameter names; may be empty */
	GPtrArray *service_tokens, *device_tokens, *user_tokens; /* (element-type utf8) */
	guint skipped;        /* items left out (too many, too long, malformed) */
} IotQuestion;

void iot_question_free(IotQuestion *q);

/* TRUE when @payload is a question element of an owner namespace. */
gboolean iot_provisioning_is_question(const xmlNode *payload);

/* Reads a question @payload (a child of <message>) sent by @from.
 * Returns: (transfer full) (nullable): iot_question_free(); NULL with
 * @error when it is not a question or lacks jid, remoteJid or key. */
IotQuestion *iot_provisioning_question_parse(const xmlNode *payload, const char *from,
                                             GError **error);

/* Reads <answered key jid remoteJid result/> in an owner namespace: a
 * question this account answered from another client. Not in the NF schema
 * (which has no such notice): the simulated home's service sends it to the
 * owner's bare JID, and any service doing the same is understood. Returns
 * TRUE and sets *@key (transfer none) when @payload is one with a key. */
gboolean iot_provisioning_answered_read(const xmlNode *payload, const char **key);

/* Returns: (transfer full): the question in words, e.g. "May bob@example.org
 * read kitchen@example.org (temperature, humidity)?" (plain text; escape for
 * markup). g_free(). */
char *iot_provisioning_question_describe(const IotQuestion *q);

/* Returns: (transfer full): a key equal for questions that ask the same
 * thing: same service, kind, thing, requester (bare JIDs, case folded),
 * nodes, categories, fields, parameters and tokens, in any order — and NOT
 * the service's own per-question key. g_free(). */
char *iot_provisioning_question_merge_key(const IotQuestion *q);

/* --- answers -------------------------------------------------------------------- */

typedef enum {
	IOT_RULE_CALLER,        /* this JID (fromJid / range Caller) */
	IOT_RULE_DOMAIN,        /* its whole domain */
	IOT_RULE_ALL,           /* everyone */
	IOT_RULE_SERVICE_TOKEN, /* whoever presents this service token (read, control) */
	IOT_RULE_DEVICE_TOKEN,
	IOT_RULE_USER_TOKEN
} IotRuleRange;

typedef struct {
	gboolean yes;
	IotRuleRange range;
	const char *token;            /* the token, for the token ranges: one the question carried */
	guint32 categories;           /* canRead yes: limit to these (0: no limit by category) */
	const char *const *fields;    /* canRead yes: (nullable) limit to these names */
	const char *const *parameters;/* canControl yes: (nullable) limit to these names */
} IotAnswer;

/* Returns: (transfer full) (nullable): the rule answering @q as @a says,
 * in @q's namespace; NULL with a translated @error when @a does not fit @q
 * (a token range for isFriend; a token the question did not carry). */
xmlNode *iot_provisioning_build_answer(const IotQuestion *q, const IotAnswer *a, GError **error);

/* <clearCache/> and <deleteRules/> (iq set): @jid (nullable: all the
 * owner's things), @node (nullable: the whole thing). */
xmlNode *iot_provisioning_build_clear_cache(IotGeneration gen, const char *jid,
                                            const IotRegistryNode *node);
xmlNode *iot_provisioning_build_delete_rules(IotGeneration gen, const char *jid,
                                             const IotRegistryNode *node);
/* <getDevices offset [maxCount]/> (iq get); @max_count 0 leaves it out. */
xmlNode *iot_provisioning_build_get_devices(IotGeneration gen, guint offset, guint max_count);

/* A rule this owner gave, as recorded for the list of rules given. */
typedef struct {
	IotQuestionKind kind;
	char *service;
	char *jid;
	IotRegistryNode node; /* the first node of the question, if any */
	char *remote_jid;
	gboolean yes;
	IotRuleRange range;
	char *token;          /* (nullable) */
	guint32 categories;
	GPtrArray *names;     /* (element-type utf8) fields or parameters it was limited to */
	gint64 given_at;      /* the caller's clock, e.g. g_get_real_time() */
} IotProvisioningRule;

/* Returns: (transfer full): the record of answering @q with @a at @now. */
IotProvisioningRule *iot_provisioning_rule_new(const IotQuestion *q, const IotAnswer *a, gint64 now);
void iot_provisioning_rule_free(IotProvisioningRule *rule);
/* Returns: (transfer full): the rule in words, e.g. "bob@example.org may read
 * kitchen@example.org (momentary values), and everyone of example.org".
 * g_free(). */
char *iot_provisioning_rule_describe(const IotProvisioningRule *rule);

/* --- requests ------------------------------------------------------------------- */

/* Runs exactly once; @error (translated words) is NULL on success. */
typedef void (*IotProvisioningFunc)(const GError *error, gpointer user_data);

/* Sends the rule answering @q (built by iot_provisioning_build_answer) to
 * @q->service. Returns 0 (and calls nothing) when @a does not fit @q: use
 * iot_provisioning_build_answer() first to learn why. */
guint iot_provisioning_answer(IotRequestTable *t, const IotQuestion *q, const IotAnswer *a,
                              guint timeout_ms, IotProvisioningFunc cb, gpointer user_data,
                              GDestroyNotify destroy);
/* clearCache / deleteRules at @service. */
guint iot_provisioning_clear_cache(IotRequestTable *t, const char *service, IotGeneration gen,
                                   const char *jid, const IotRegistryNode *node, guint timeout_ms,
                                   IotProvisioningFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_provisioning_delete_rules(IotRequestTable *t, const char *service, IotGeneration gen,
                                    const char *jid, const IotRegistryNode *node, guint timeout_ms,
                                    IotProvisioningFunc cb, gpointer user_data, GDestroyNotify destroy);
/* The owner's things, a page at a time (result->page, op DEVICES). */
guint iot_provisioning_get_devices(IotRequestTable *t, const char *service, IotGeneration gen,
                                   guint offset, guint max_count, guint timeout_ms,
                                   IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy);

/* --- pending questions, merged ----------------------------------------------------- */

typedef struct _IotQuestionBook IotQuestionBook;

IotQuestionBook *iot_question_book_new(void);
void iot_question_book_free(IotQuestionBook *book);
/* Files @q (transfer full). Returns: (transfer none): the merge key of its
 * group, valid until the group is taken; *@is_new TRUE when the group is
 * new (show it), FALSE when @q joined a pending one (or repeated a key
 * already pending: then @q is dropped). NULL when the book is full (@q
 * freed). */
const char *iot_question_book_add(IotQuestionBook *book, IotQuestion *q, gboolean *is_new);
/* Returns: (transfer none) (nullable): the first question of group @merge_key. */
const IotQuestion *iot_question_book_peek(IotQuestionBook *book, const char *merge_key);
/* Removes group @merge_key. Returns: (transfer full) (nullable): its
 * questions (g_ptr_array_free frees them); each is answered once. */
GPtrArray *iot_question_book_take(IotQuestionBook *book, const char *merge_key);
/* Drops the question the service keyed @key (answered elsewhere). Returns
 * TRUE when its group became empty and was removed. */
gboolean iot_question_book_forget(IotQuestionBook *book, const char *service, const char *key);
guint iot_question_book_count(IotQuestionBook *book);

G_END_DECLS

#endif
