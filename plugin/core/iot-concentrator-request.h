/*
 * iot-concentrator-request.h — every concentrator request, built for each
 * generation, and what comes back, read into one reply.
 *
 * A request is described once (IotConcentratorRequest: the op and what it
 * addresses) and built per generation (protocols.md §5.3, §5.8):
 *
 *   XSF  urn:xmpp:iot:concentrators (v0.1 urn:xmpp:sn:concentrators)
 *        <getNodeCommands sourceId nodeId cacheType/>, lists of nodes as
 *        <node sourceId nodeId cacheType/> children; answered
 *        <getNodeCommandsResponse result='OK'>…; refusals as the response
 *        with result='NotFound|InsufficientPrivileges|Locked|NotImplemented|
 *        FormError|OtherError' (FormError lists <error var='…'>text</error>),
 *        in an iq error or result. The concentrator chooses a query's id
 *        (executeNodeQueryResponse queryId). Every request is a get or a set
 *        as the XEP's examples send it.
 *   IEEE urn:ieee:iot:concentrator:1.0, NF urn:nf:…, NFI urn:nfi:… (Waher)
 *        <getNodeCommands id src pt/>, lists as <nd id src pt/>; answered with
 *        bare elements (<commands>, <nodeInfo>, <nodeTypes>, <x/>,
 *        <partialExecution>, an empty result …); refusals are RFC 6120 stanza
 *        errors (item-not-found, forbidden, bad-request, conflict …); a
 *        refused form is <error type='modify'><not-acceptable/><x type='form'>
 *        with an <xdd:error/> on each faulty field. The client chooses a
 *        query's id (a duplicate gets conflict). Gets and sets as Waher's
 *        server registers them: the common-node command and query
 *        executions are gets there.
 *
 * What an answer holds is read into one IotConcentratorReply whatever the
 * op: the members the op fills are named in its comment. Everything read is
 * bounded by iot-limits.h; what a bound cut off or what could not be read
 * is counted in reply->dropped.
 */
#ifndef IOT_CONCENTRATOR_REQUEST_H
#define IOT_CONCENTRATOR_REQUEST_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-concentrator.h"
#include "iot-dataform.h"

G_BEGIN_DECLS

/* What to ask. Strings are owned; free with iot_concentrator_request_free().
 * Which members an op reads is listed with IotConcentratorOp. */
typedef struct {
	IotConcentratorOp op;
	char *source_id;     /* ops on a source (and subscribe/unsubscribe) */
	IotNodeRef *nodes;   /* ops on one node (nodes[0]) or on several; n_nodes of them */
	guint n_nodes;
	gboolean parameters; /* node-returning ops and subscribe: include node parameters */
	gboolean messages;   /* … and node status messages */
	char *command;       /* command and query ops: the command's id */
	char *query_id;      /* NF executeNode(Common)Query: the id the client chose;
	                      * abortNode(Common)Query: the id of the query (both generations) */
	char *node_type;     /* getParametersForNewNode, createNewNode */
	xmlNode *form;       /* (nullable) the <x type='submit'/> of setNode(Common)ParametersAfterEdit,
	                      * createNewNode, executeNode(Common)Command (parametrized) and
	                      * executeNode(Common)Query; owned */
	guint32 events;      /* subscribe / unsubscribe: IotSourceEventType bits; 0 means all */
	guint ttl_s;         /* subscribe, NF generations: seconds the subscription lasts (> 0) */
	gint64 events_since; /* subscribe: events since then are sent again; IOT_TIME_UNKNOWN: none */
} IotConcentratorRequest;

/* Returns: (transfer full): a request for @op with nothing set yet;
 * free with iot_concentrator_request_free(). */
IotConcentratorRequest *iot_concentrator_request_new(IotConcentratorOp op);
void iot_concentrator_request_free(IotConcentratorRequest *r);
/* Returns: (transfer full): a deep copy. */
IotConcentratorRequest *iot_concentrator_request_copy(const IotConcentratorRequest *r);

/* Appends a copy of @node (node_id not NULL) to what @r addresses. */
void iot_concentrator_request_add_node(IotConcentratorRequest *r, const IotNodeRef *node);
/* Sets @r's form to a copy of @x (nullable: none). */
void iot_concentrator_request_set_form(IotConcentratorRequest *r, const xmlNode *x);

/* TRUE when @r has what its op needs in @gen: a source, one node, at least
 * one node (at most IOT_MAX_CONCENTRATOR_REQUEST_NODES), a command, a query
 * id, a node type, a form, a ttl — each where the op asks for it. Otherwise
 * FALSE with @error: IOT_ERROR_BAD_REQUEST (or _TOO_LARGE for too many
 * nodes) and a message for the debug log. */
gboolean iot_concentrator_request_check(const IotConcentratorRequest *r, IotGeneration gen,
                                        GError **error);

/* Returns: "get" or "set" (transfer none): the iq type @op is sent with in @gen. */
const char *iot_concentrator_request_iq_type(IotGeneration gen, IotConcentratorOp op);

/* Returns: (transfer full): the request element of @r in generation @gen
 * (which must define the concentrator function); @r must pass
 * iot_concentrator_request_check(). Free with xmlFreeNode(). */
xmlNode *iot_concentrator_request_build(IotGeneration gen, const IotConcentratorRequest *r);

/* Returns: (transfer full): <iq type='get|set'> around
 * iot_concentrator_request_build(); `to` and `id` are left to the request
 * table. Free with xmlFreeNode(). */
xmlNode *iot_concentrator_request_build_iq(IotGeneration gen, const IotConcentratorRequest *r);

/* --- what comes back ---------------------------------------------------------------- */

typedef enum {
	IOT_COMMAND_SIMPLE = 0,      /* executed as it is (after its confirmation) */
	IOT_COMMAND_PARAMETRIZED,    /* getCommandParameters, then executed with the form */
	IOT_COMMAND_QUERY            /* like parametrized; results stream (iot-concentrator-query.h) */
} IotConcentratorCommandType;

/* A command of a node (getNodeCommands, getCommonNodeCommands). */
typedef struct {
	char *id;            /* never NULL: the `command` attribute, sent back to execute it */
	char *name;          /* never NULL: the localised name (the id when none was sent) */
	IotConcentratorCommandType type;
	char *sort_category; /* nullable: commands of one category belong together */
	char *sort_key;      /* nullable: order within the category */
	char *confirmation;  /* nullable: ask the person this before executing */
	char *success;       /* nullable: say this when it worked */
	char *failure;       /* nullable: say this when it failed */
} IotConcentratorCommand;

/* A kind of node that can be added below a node (getAddableNodeTypes). */
typedef struct {
	char *type;          /* never NULL: sent back in getParametersForNewNode / createNewNode */
	char *name;          /* never NULL: the localised name (the type when none was sent) */
} IotConcentratorNodeType;

/* Why a submitted form was refused, per field. */
typedef struct {
	char *var;           /* nullable: the field; NULL for the form as a whole */
	char *text;          /* never NULL (may be empty) */
} IotConcentratorFormError;

/* The outcome of a common command or query on one node, in request order. */
typedef struct {
	gboolean ok;
	char *error;         /* nullable: the concentrator's words when not ok */
} IotConcentratorNodeResult;

typedef struct {
	IotConcentratorOp op;
	IotConcentratorCaps caps;  /* getCapabilities */
	GPtrArray *sources;        /* (element-type IotConcentratorSource) (nullable):
	                            * get*DataSources */
	GPtrArray *nodes;          /* (element-type IotConcentratorNode) (nullable): getNode (one),
	                            * getNodes, getAllNodes, getRootNodes, getChildNodes,
	                            * getAncestors (the node, its parent, … the root);
	                            * setNodeParametersAfterEdit and createNewNode: the node as it
	                            * is now when the answer names it (it may not: then empty) */
	GArray *bools;             /* (element-type gboolean) (nullable): containsNode (one),
	                            * containsNodes (one per node asked, in order) */
	GPtrArray *commands;       /* (element-type IotConcentratorCommand) (nullable):
	                            * getNodeCommands, getCommonNodeCommands, in the order sent */
	GPtrArray *node_types;     /* (element-type IotConcentratorNodeType) (nullable):
	                            * getAddableNodeTypes */
	IotDataForm *form;         /* (nullable): the form of getNodeParametersForEdit,
	                            * getCommonNodeParametersForEdit, getParametersForNewNode,
	                            * getCommandParameters, getCommonCommandParameters; with a
	                            * refused form (NF): the form sent back, each faulty field
	                            * carrying its error */
	GPtrArray *form_errors;    /* (element-type IotConcentratorFormError) (nullable): why a
	                            * submitted form was refused; never NULL (maybe empty) when
	                            * it was, NULL otherwise */
	GPtrArray *results;        /* (element-type IotConcentratorNodeResult) (nullable):
	                            * executeCommonNodeCommand, executeCommonNodeQuery */
	char *query_id;            /* (nullable): executeNode(Common)Query: the id its progress
	                            * messages carry (NF: the client's own) */
	guint dropped;             /* items cut by a bound or unreadable */
} IotConcentratorReply;

void iot_concentrator_reply_free(IotConcentratorReply *reply);

/* Reads the answer @iq (its <iq/> element; @is_error for type='error') to
 * @req. Returns: (transfer full) (nullable): the reply, free with
 * iot_concentrator_reply_free(); NULL with @error set when the
 * concentrator refused (the mapped IOT_ERROR code and its own words, see
 * iot_error_from_stanza()) or the answer has the wrong shape
 * (IOT_ERROR_MALFORMED). A refused form is both: the reply is returned
 * with form_errors (and, from NF, the form) AND @error is set to
 * IOT_ERROR_BAD_REQUEST whose message is the first error's text. Ops
 * whose answer carries nothing (destroy, moves, executeNodeCommand,
 * aborts, subscribe, unsubscribe) return an empty reply. */
IotConcentratorReply *iot_concentrator_reply_parse(const IotConcentratorRequest *req,
                                                   gboolean is_error, const xmlNode *iq,
                                                   GError **error);

/* Commands ------------------------------------------------------------------------- */

void iot_concentrator_command_free(IotConcentratorCommand *c);
/* Returns: (transfer full): a deep copy; iot_concentrator_command_free(). */
IotConcentratorCommand *iot_concentrator_command_copy(const IotConcentratorCommand *c);
/* Sorts @commands (element-type IotConcentratorCommand) as a menu shows
 * them: by sort category, then sort key, then name; stable otherwise. */
void iot_concentrator_commands_sort(GPtrArray *commands);
/* Returns: (transfer none) (nullable): the command with id @id. */
const IotConcentratorCommand *iot_concentrator_commands_find(const GPtrArray *commands,
                                                             const char *id);

void iot_concentrator_node_type_free(IotConcentratorNodeType *t);
void iot_concentrator_form_error_free(IotConcentratorFormError *e);
void iot_concentrator_node_result_free(IotConcentratorNodeResult *r);

/* Reads a <command/> element; NULL when it has no usable id. (Used by the
 * reply parser; exposed for the simulated things' tests.) */
IotConcentratorCommand *iot_concentrator_command_parse(const xmlNode *el);

G_END_DECLS

#endif
