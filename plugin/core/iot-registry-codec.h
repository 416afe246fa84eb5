/*
 * iot-registry-codec.h — talking to a thing registry as an owner or a
 * searcher: XEP-0347 (`urn:xmpp:iot:discovery`) and its successors
 * (`urn:ieee:iot:disco:1.0`, `urn:nf:iot:disco:1.0`, `urn:nfi:iot:disco:1.0`).
 *
 * What exists on the wire (XEP-0347 v0.5.1 §3.6-3.12; NF Discovery.md):
 *   claim      iq set <mine public='true|false'>tags</mine>
 *              → result, empty or <claimed jid [node]/>; item-not-found when
 *              no unclaimed thing has exactly these tags, AND when another
 *              owner has it: the registry does not say which.
 *   remove     iq set <remove jid [node]/> → empty; item-not-found. This is
 *              the only way to make a claimed thing private: it leaves
 *              searches (NF: "removed from the registry (i.e. are
 *              private)"). Neither generation has a request that makes a
 *              thing public again: only `mine public='true'` at claim time.
 *              XEP-0347 answers a repeated claim by the same owner with
 *              success; a registry may then apply the new public flag (the
 *              simulated home's does, for XEP-0347 only: NF registries drop
 *              KEY at the claim, so the tags no longer match).
 *   disown     iq set <disown jid [node]/> → empty; item-not-found (not
 *              yours), not-allowed (the thing is offline or did not confirm).
 *   update     iq set <update jid [node]>tags</update> → empty;
 *              item-not-found. An empty string value deletes that tag.
 *   search     iq get <search offset maxCount>conditions</search> →
 *              <found more='true|false'><thing [owner] jid [node]>tags</thing>…
 *              Conditions are AND-ed. A registry may return fewer than
 *              maxCount; page on with offset while more='true'. KEY is never
 *              found nor returned (we drop it should a registry send it).
 *   NF getDevices (provisioning, iot-provisioning.h) answers with the same
 *              <found/>, read by iot_registry_parse_found().
 * Node attributes: XEP-0347 nodeId/sourceId/cacheType; the later
 * generations id/src/pt. Both are read in every generation; each
 * generation's own are written. NF search results carry no `owner`.
 *
 * Request flows run on the IotRequestTable (iot-request.h): each ends
 * exactly once, and its GError carries a translated sentence in words
 * (iot_registry_error_text()), the code from IotErrorCode.
 */
#ifndef IOT_REGISTRY_CODEC_H
#define IOT_REGISTRY_CODEC_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-disco.h"
#include "iot-ns.h"
#include "iot-registry.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* Things kept from one page of results; further ones are counted. */
#define IOT_REGISTRY_MAX_PAGE 1000
/* Conditions in one search. */
#define IOT_REGISTRY_MAX_CONDITIONS 50
/* Bytes kept of a JID or node attribute in a result. */
#define IOT_REGISTRY_MAX_ATTR_BYTES 1024

/* Returns: (transfer none) (nullable): the discovery namespace of @gen
 * (IOT_GEN_XSF, _IEEE, _NF, _NFI), NULL for any other. */
const char *iot_registry_ns(IotGeneration gen);
/* The generation of discovery namespace @ns, or IOT_GEN_UNKNOWN. */
IotGeneration iot_registry_ns_generation(const char *ns);
/* The newest discovery generation @info (a registry's disco#info) offers,
 * NF first, then NFI, IEEE, XSF; IOT_GEN_UNKNOWN when none. */
IotGeneration iot_registry_pick(const IotDiscoInfo *info);

/* A thing behind a concentrator: all nullable; all NULL for a thing itself. */
typedef struct {
	char *node_id;
	char *source_id;
	char *partition; /* XEP-0347 cacheType */
} IotRegistryNode;

void iot_registry_node_clear(IotRegistryNode *node);

typedef struct {
	char *jid;            /* the thing's (or its concentrator's) JID */
	char *owner;          /* (nullable) the owner's bare JID, when told */
	IotRegistryNode node;
	GPtrArray *tags;      /* (element-type IotRegistryTag) owned; never KEY */
} IotRegistryThing;

void iot_registry_thing_free(IotRegistryThing *thing);

typedef struct {
	GPtrArray *things;  /* (element-type IotRegistryThing) owned, in answer order */
	gboolean more;      /* the registry has more after this page */
	guint offset;       /* the offset this page was asked for */
	guint skipped;      /* things left out: malformed, or past IOT_REGISTRY_MAX_PAGE */
	gboolean key_dropped; /* the registry sent a KEY tag, which was dropped */
} IotRegistryPage;

void iot_registry_page_free(IotRegistryPage *page);
/* The offset of the next page: past every thing this answer held, kept or
 * skipped (a registry may send fewer than maxCount; count what came). */
guint iot_registry_page_next_offset(const IotRegistryPage *page);

/* --- search conditions --------------------------------------------------------- */

typedef enum {
	IOT_SEARCH_EQ,
	IOT_SEARCH_NEQ,
	IOT_SEARCH_LT,
	IOT_SEARCH_LE,
	IOT_SEARCH_GT,
	IOT_SEARCH_GE,
	IOT_SEARCH_RANGE,   /* min <(=) tag <(=) max */
	IOT_SEARCH_NRANGE,  /* tag <(=) min OR tag >(=) max; an endpoint "included"
	                     * belongs to the range, so it is NOT found */
	IOT_SEARCH_MASK     /* strings only: value with wildcard characters */
} IotSearchOp;

typedef struct {
	IotSearchOp op;
	gboolean numeric;     /* num* elements, else str* */
	char *name;
	char *value;          /* EQ … GE, MASK */
	char *min, *max;      /* RANGE, NRANGE */
	gboolean min_included, max_included;
	char *wildcard;       /* MASK: one character, e.g. "*" */
} IotSearchCond;

/* Returns: (transfer full) (nullable): a validated condition (name as for
 * tags, not KEY; numbers finite; MASK string-only with a one-character
 * wildcard); NULL with a translated @error. @value is used for EQ … GE and
 * MASK, @min/@max for the ranges. iot_search_cond_free(). */
IotSearchCond *iot_search_cond_new(IotSearchOp op, gboolean numeric, const char *name,
                                   const char *value, const char *min, gboolean min_included,
                                   const char *max, gboolean max_included, const char *wildcard,
                                   GError **error);
void iot_search_cond_free(IotSearchCond *cond);
/* Returns: (transfer full): an empty list of conditions (frees them). */
GPtrArray *iot_search_conds_new(void);

/*
 * The arguments of the /search chat command, one condition per word:
 *
 *   TAG=VALUE       equals                      MAN=example.org
 *   TAG!=VALUE      not equal (also TAG<>VALUE) CLASS!=PLC
 *   TAG<VALUE  TAG<=VALUE  TAG>VALUE  TAG>=VALUE
 *   TAG~PATTERN     wildcard: * stands for any text   SN~39487*
 *                   (TAG=… with a * in the value is the same)
 *   TAG=A..B        in the range A to B, both ends included   LAT=-34..-33
 *   TAG!=A..B       outside that range
 *   #TAG…           compare as numbers; ALT, LAT, LON and V always are
 *
 * Quotes keep spaces (ROOM="Living room"); a backslash escapes the next
 * character. Every condition must hold. KEY cannot be searched for.
 * Returns: (transfer full) (nullable): the conditions (at least one),
 * g_ptr_array_free(); NULL with a translated @error naming the word. */
GPtrArray *iot_registry_search_parse_args(const char *line, GError **error);

/* Returns: (transfer none): the syntax above in a few translated lines, for
 * /help and for a search form's hint. */
const char *iot_registry_search_usage(void);

/* Reads an NF search link ("iotdisco:MAN=…;#V>=1;#V<2"): operators
 * = <> < <= > >= ~, and a tag named twice with < / > as a range or, when
 * the bounds do not overlap, a not-range (as NF Discovery.md and the
 * Neuro-Foundation client do). *@registry (nullable) receives R.
 * Returns: (transfer full) (nullable): conditions; NULL with @error (also
 * for a link carrying KEY: that one claims, it does not search). */
GPtrArray *iot_registry_search_parse_uri(const char *text, char **registry, GError **error);

/* Returns: (transfer full): the conditions in /search syntax, for showing
 * what is being searched (plain text); a range with an excluded end (only
 * links make them) shows that end in parentheses, "V=(1..2)". g_free(). */
char *iot_registry_search_describe(const GPtrArray *conds);

/* --- payloads (transfer full; a child for an <iq/>) ---------------------------- */

/* <mine public='true|false'>tags</mine> (iq set). Every tag is sent, KEY
 * included, as written. */
xmlNode *iot_registry_build_mine(IotGeneration gen, const GPtrArray *tags, gboolean make_public);
/* <remove jid [node]/>, <disown jid [node]/> (iq set). @node nullable. */
xmlNode *iot_registry_build_remove(IotGeneration gen, const char *jid, const IotRegistryNode *node);
xmlNode *iot_registry_build_disown(IotGeneration gen, const char *jid, const IotRegistryNode *node);
/* <update jid [node]>tags</update> (iq set); a string tag with an empty
 * value deletes it. */
xmlNode *iot_registry_build_update(IotGeneration gen, const char *jid, const IotRegistryNode *node,
                                   const GPtrArray *tags);
/* <search offset maxCount>conditions</search> (iq get). @max_count 0 leaves
 * maxCount out. */
xmlNode *iot_registry_build_search(IotGeneration gen, const GPtrArray *conds, guint offset,
                                   guint max_count);

/* Reads <claimed jid [node]/> (@payload nullable: an empty result is a
 * success whose thing the registry did not name). Returns: (transfer full)
 * (nullable): the thing (no tags), or NULL when @payload is NULL or not a
 * claimed element (then *@error is set only for a malformed one). */
IotRegistryThing *iot_registry_parse_claimed(const xmlNode *payload, GError **error);

/* Reads <found/> in any discovery namespace (or getDevices' answer).
 * Things without a JID are skipped and counted; KEY tags dropped; names,
 * values and attributes bounded. Returns: (transfer full) (nullable):
 * iot_registry_page_free(); NULL with @error when @payload is not <found/>. */
IotRegistryPage *iot_registry_parse_found(const xmlNode *payload, guint offset, GError **error);

/* --- request flows ------------------------------------------------------------- */

typedef enum {
	IOT_REGISTRY_OP_CLAIM,
	IOT_REGISTRY_OP_SEARCH,
	IOT_REGISTRY_OP_REMOVE,
	IOT_REGISTRY_OP_DISOWN,
	IOT_REGISTRY_OP_UPDATE,
	IOT_REGISTRY_OP_DEVICES  /* NF getDevices, at the provisioning service */
} IotRegistryOp;

typedef struct {
	IotRegistryOp op;
	IotRegistryThing *claimed; /* CLAIM: (nullable) what the registry named */
	IotRegistryPage *page;     /* SEARCH, DEVICES */
} IotRegistryResult;

/* @result (transfer none, valid during the call) is NULL exactly when
 * @error is set. Runs exactly once. */
typedef void (*IotRegistryFunc)(const IotRegistryResult *result, const GError *error,
                                gpointer user_data);

/* Sends @payload (transfer full, built above) in an iq of the type @op
 * needs to @service and reads the answer. Returns the request handle. */
guint iot_registry_request(IotRequestTable *t, const char *service, IotRegistryOp op,
                           xmlNode *payload, guint offset, guint timeout_ms, IotRegistryFunc cb,
                           gpointer user_data, GDestroyNotify destroy);

guint iot_registry_claim(IotRequestTable *t, const char *registry, IotGeneration gen,
                         const GPtrArray *tags, gboolean make_public, guint timeout_ms,
                         IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_registry_search(IotRequestTable *t, const char *registry, IotGeneration gen,
                          const GPtrArray *conds, guint offset, guint max_count, guint timeout_ms,
                          IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_registry_remove(IotRequestTable *t, const char *registry, IotGeneration gen,
                          const char *jid, const IotRegistryNode *node, guint timeout_ms,
                          IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_registry_disown(IotRequestTable *t, const char *registry, IotGeneration gen,
                          const char *jid, const IotRegistryNode *node, guint timeout_ms,
                          IotRegistryFunc cb, gpointer user_data, GDestroyNotify destroy);
guint iot_registry_update(IotRequestTable *t, const char *registry, IotGeneration gen,
                          const char *jid, const IotRegistryNode *node, const GPtrArray *tags,
                          guint timeout_ms, IotRegistryFunc cb, gpointer user_data,
                          GDestroyNotify destroy);

/* Returns: (transfer full): what went wrong with @op in words, from a
 * finished request's @error (its code) and, when the service answered with
 * an error, the stanza's condition @condition (nullable, e.g.
 * "not-allowed"). E.g. claim + item-not-found: "No unclaimed thing with
 * these tags is known to the registry: check the tags, or the thing is
 * already claimed."; disown + not-allowed: "not allowed: the thing is
 * offline…"; a timeout: "The registry did not answer: it is unreachable."
 * g_free(). */
char *iot_registry_error_text(IotRegistryOp op, int code, const char *condition);

G_END_DECLS

#endif
