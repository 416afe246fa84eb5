/*
 * iot-concentrator.h — concentrators (XEP-0326 and its successors): data
 * sources and the nodes in them, one model for every generation.
 *
 * A concentrator is one XMPP address in front of many nodes. A node is named
 * by the triple (node id, data source, partition); a node id alone is not
 * enough: Waher's concentrator answers a read of <nd id='…'/> without `src`
 * with "Data source not found.". This module builds the requests that find
 * where a node lives and reads the answers (protocols.md §5):
 *
 *   XSF  urn:xmpp:iot:concentrators (v0.1 urn:xmpp:sn:concentrators)
 *        <getNode sourceId='…' nodeId='…' cacheType='…'/>
 *        → <getNodeResponse result='OK' nodeId='…' …/>   (attributes on the response)
 *        lists: <getAllDataSourcesResponse result='OK'><dataSource sourceId name/>…,
 *        <get…NodesResponse result='OK'><node nodeId …/>…, <containsNodeResponse>true<…>
 *        failures: the response with result='NotFound' … (no RFC error)
 *   IEEE urn:ieee:iot:concentrator:1.0, NF urn:nf:…, NFI urn:nfi:… (Waher)
 *        <getNode id='…' src='…' pt='…'/> → <nodeInfo id src pt …/>
 *        lists: <dataSources><dataSource src name/>…, <nodeInfos><nodeInfo/>…,
 *        <bool>true</bool>; failures: RFC 6120 iq errors
 *
 * The other requests (node lists of several nodes, commands, queries, forms,
 * node management, subscriptions) are built and read by
 * iot-concentrator-request.h; query results by iot-concentrator-query.h;
 * data-source events by iot-concentrator-events.h; a loaded tree by
 * iot-concentrator-tree.h.
 *
 * Parsers are lenient within the family (either attribute spelling, a node
 * list wrapped or not, an XSF answer without sourceId) and bounded: strings
 * are cut at IOT_MAX_NAME_BYTES / IOT_MAX_LABEL_BYTES, lists at
 * IOT_MAX_CONCENTRATOR_SOURCES / IOT_MAX_CONCENTRATOR_NODES with the rest
 * counted. The flows that send these requests are in iot-concentrator-flow.h.
 */
#ifndef IOT_CONCENTRATOR_H
#define IOT_CONCENTRATOR_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-model.h"
#include "iot-ns.h"

G_BEGIN_DECLS

/* Every request of the concentrator protocol this client sends, each named
 * as on the wire by iot_concentrator_op_name() (the same name in every
 * generation; XSF answers with the name + "Response"). The first eight are
 * built by iot_concentrator_build(); all of them by
 * iot_concentrator_request_build() (iot-concentrator-request.h). Values are
 * stable: new ones are only ever appended before IOT_CONCENTRATOR_OP_COUNT.
 * What each one addresses is in brackets. */
typedef enum {
	IOT_CONCENTRATOR_GET_CAPABILITIES = 0,  /* — */
	IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES,  /* — */
	IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES, /* — */
	IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES, /* a source */
	IOT_CONCENTRATOR_CONTAINS_NODE,         /* a node */
	IOT_CONCENTRATOR_GET_NODE,              /* a node */
	IOT_CONCENTRATOR_GET_ROOT_NODES,        /* a source */
	IOT_CONCENTRATOR_GET_CHILD_NODES,       /* a node */
	IOT_CONCENTRATOR_CONTAINS_NODES,        /* nodes */
	IOT_CONCENTRATOR_GET_NODES,             /* nodes */
	IOT_CONCENTRATOR_GET_ALL_NODES,         /* a source */
	IOT_CONCENTRATOR_GET_ANCESTORS,         /* a node */
	IOT_CONCENTRATOR_GET_NODE_PARAMETERS_FOR_EDIT,         /* a node */
	IOT_CONCENTRATOR_SET_NODE_PARAMETERS_AFTER_EDIT,       /* a node + form */
	IOT_CONCENTRATOR_GET_COMMON_NODE_PARAMETERS_FOR_EDIT,  /* nodes */
	IOT_CONCENTRATOR_SET_COMMON_NODE_PARAMETERS_AFTER_EDIT, /* nodes + form */
	IOT_CONCENTRATOR_GET_ADDABLE_NODE_TYPES,  /* a node (the parent) */
	IOT_CONCENTRATOR_GET_PARAMETERS_FOR_NEW_NODE, /* a node + type */
	IOT_CONCENTRATOR_CREATE_NEW_NODE,       /* a node + type + form */
	IOT_CONCENTRATOR_DESTROY_NODE,          /* a node */
	IOT_CONCENTRATOR_MOVE_NODE_UP,          /* a node */
	IOT_CONCENTRATOR_MOVE_NODE_DOWN,        /* a node */
	IOT_CONCENTRATOR_MOVE_NODES_UP,         /* nodes */
	IOT_CONCENTRATOR_MOVE_NODES_DOWN,       /* nodes */
	IOT_CONCENTRATOR_GET_NODE_COMMANDS,     /* a node */
	IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS, /* a node + command */
	IOT_CONCENTRATOR_EXECUTE_NODE_COMMAND,  /* a node + command [+ form] */
	IOT_CONCENTRATOR_EXECUTE_NODE_QUERY,    /* a node + command + form (+ NF query id) */
	IOT_CONCENTRATOR_ABORT_NODE_QUERY,      /* a node + command + query id */
	IOT_CONCENTRATOR_GET_COMMON_NODE_COMMANDS,     /* nodes */
	IOT_CONCENTRATOR_GET_COMMON_COMMAND_PARAMETERS, /* nodes + command */
	IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_COMMAND,  /* nodes + command [+ form] */
	IOT_CONCENTRATOR_EXECUTE_COMMON_NODE_QUERY,    /* nodes + command + form (+ NF query id) */
	IOT_CONCENTRATOR_ABORT_COMMON_NODE_QUERY,      /* nodes + command + query id */
	IOT_CONCENTRATOR_SUBSCRIBE,             /* a source + event types (+ NF ttl) */
	IOT_CONCENTRATOR_UNSUBSCRIBE,           /* a source + event types */
	IOT_CONCENTRATOR_OP_COUNT
} IotConcentratorOp;

/* A node's state, in increasing severity (XEP-0326 §5.1, NF NodeState). */
typedef enum {
	IOT_NODE_STATE_NONE = 0,
	IOT_NODE_STATE_INFORMATION,
	IOT_NODE_STATE_WARNING_SIGNED,
	IOT_NODE_STATE_WARNING_UNSIGNED,
	IOT_NODE_STATE_ERROR_SIGNED,
	IOT_NODE_STATE_ERROR_UNSIGNED
} IotNodeState;

/* The kinds of data-source events (XEP-0326 §3.8, NF subscribe), as bits:
 * what a subscription asks for, what an event is. */
typedef enum {
	IOT_SOURCE_EVENT_NODE_ADDED = 1 << 0,
	IOT_SOURCE_EVENT_NODE_UPDATED = 1 << 1,
	IOT_SOURCE_EVENT_NODE_STATUS_CHANGED = 1 << 2,
	IOT_SOURCE_EVENT_NODE_REMOVED = 1 << 3,
	IOT_SOURCE_EVENT_NODE_MOVED_UP = 1 << 4,
	IOT_SOURCE_EVENT_NODE_MOVED_DOWN = 1 << 5
} IotSourceEventType;
#define IOT_SOURCE_EVENT_ALL 0x3f

/* Returns: (transfer none) (nullable): the element name of the single
 * event kind @type ("nodeAdded" …), NULL for anything else. */
const char *iot_source_event_name(IotSourceEventType type);

/* A data source of a concentrator. */
typedef struct {
	char *source_id;     /* never NULL (may be empty: NF's default source) */
	char *name;          /* nullable: localised name */
	gboolean has_children;
	gint64 last_changed; /* IOT_TIME_UNKNOWN when not sent */
} IotConcentratorSource;

/* What a node parameter holds (XEP-0326 §5.1 NodeInformation; NF nodeInfo
 * children): one element per type, each with id, name and value. */
typedef enum {
	IOT_NODE_PARAM_STRING = 0,
	IOT_NODE_PARAM_BOOLEAN,
	IOT_NODE_PARAM_COLOR,    /* RRGGBB (XEP-0326) or RRGGBBAA */
	IOT_NODE_PARAM_DATETIME,
	IOT_NODE_PARAM_DOUBLE,
	IOT_NODE_PARAM_DURATION,
	IOT_NODE_PARAM_INT,
	IOT_NODE_PARAM_LONG,
	IOT_NODE_PARAM_TIME
} IotNodeParameterType;

/* A parameter shown with a node (asked for with parameters='true'). */
typedef struct {
	char *id;                  /* never NULL */
	char *name;                /* nullable: localised label */
	IotNodeParameterType type;
	char *value;               /* never NULL: lexical value as sent, bounded */
} IotNodeParameter;

typedef enum {
	IOT_NODE_MESSAGE_INFORMATION = 0,
	IOT_NODE_MESSAGE_WARNING,
	IOT_NODE_MESSAGE_ERROR
} IotNodeMessageType;

/* A status message of a node (asked for with messages='true'; also carried
 * by nodeStatusChanged events). */
typedef struct {
	gint64 timestamp;          /* IOT_TIME_UNKNOWN when absent or unreadable */
	IotNodeMessageType type;
	char *event_id;            /* nullable */
	char *text;                /* never NULL, bounded */
} IotNodeMessage;

/* A node of a concentrator, as getNode, the node lists and the node
 * events describe it. */
typedef struct {
	IotNodeRef ref;          /* node_id never NULL; source_id, partition nullable */
	char *display_name;      /* nullable */
	char *node_type;         /* nullable */
	char *local_id;          /* nullable */
	char *log_id;            /* nullable */
	IotNodeState state;
	gboolean has_children;
	gboolean children_ordered;
	gboolean readable;       /* isReadable */
	gboolean controllable;   /* isControllable */
	gboolean has_commands;
	gboolean sniffable;      /* NF only */
	char *parent_id;         /* nullable: NULL for a root node */
	char *parent_partition;  /* nullable: parentPartition / parentCacheType */
	gint64 last_changed;     /* IOT_TIME_UNKNOWN when not sent */
	/* (element-type IotNodeParameter) (nullable): NULL when the answer
	 * carried none (not asked for), else the parameters in order, at most
	 * IOT_MAX_NODE_PARAMETERS; further ones counted in parameters_dropped. */
	GPtrArray *parameters;
	guint parameters_dropped;
	/* (element-type IotNodeMessage) (nullable): the same for messages,
	 * at most IOT_MAX_NODE_MESSAGES. */
	GPtrArray *messages;
	guint messages_dropped;
} IotConcentratorNode;

void iot_concentrator_source_free(IotConcentratorSource *s);
/* Returns: (transfer full): a deep copy; free with iot_concentrator_source_free(). */
IotConcentratorSource *iot_concentrator_source_copy(const IotConcentratorSource *s);

/* Returns: (transfer full): a node with id @node_id (not NULL), everything
 * else unset; free with iot_concentrator_node_free(). */
IotConcentratorNode *iot_concentrator_node_new(const char *node_id);
void iot_concentrator_node_free(IotConcentratorNode *n);
/* Returns: (transfer full): a deep copy; free with iot_concentrator_node_free(). */
IotConcentratorNode *iot_concentrator_node_copy(const IotConcentratorNode *n);

/* Returns: (transfer none): the element name of @op, e.g. "getNode". */
const char *iot_concentrator_op_name(IotConcentratorOp op);

/* Returns: the op named @name (as iot_concentrator_op_name() spells it),
 * or IOT_CONCENTRATOR_OP_COUNT when it is none of ours. */
IotConcentratorOp iot_concentrator_op_from_name(const char *name);

/* Returns: (transfer none): the XEP-0326 / NF name of @state ("ErrorUnsigned" …). */
const char *iot_node_state_name(IotNodeState state);

/* Returns: (transfer full): a deep copy of @p / @m; free with the _free(). */
IotNodeParameter *iot_node_parameter_copy(const IotNodeParameter *p);
void iot_node_parameter_free(IotNodeParameter *p);
IotNodeMessage *iot_node_message_copy(const IotNodeMessage *m);
void iot_node_message_free(IotNodeMessage *m);

/* --- capabilities ---------------------------------------------------------------------- */

/* The operations a concentrator says it supports (getCapabilities), one
 * bit per IotConcentratorOp: bit (1 << op). */
typedef guint64 IotConcentratorCaps;

#define IOT_CONCENTRATOR_CAP(op) (((IotConcentratorCaps)1) << (op))

/* TRUE when @caps allow @op. getCapabilities is always allowed, and so is
 * an abort whenever its execute is (Waher's list leaves
 * abortCommonNodeQuery out although it answers it). */
gboolean iot_concentrator_caps_allow(IotConcentratorCaps caps, IotConcentratorOp op);

/* Reads a getCapabilities answer (NF <strings><value/>…, XSF
 * <getCapabilitiesResponse result='OK'><value/>…) into *@caps. Names that
 * are none of ours are skipped (counted in @unknown, nullable); at most
 * IOT_MAX_CONCENTRATOR_CAPABILITIES values are looked at. */
gboolean iot_concentrator_parse_caps(const xmlNode *iq, IotConcentratorCaps *caps, guint *unknown,
                                     GError **error);

/* Returns: (transfer full): the request element @op of generation @gen
 * (which must define the concentrator function), for data source
 * @source_id (the ops on a source; nullable otherwise) or @node (the ops on
 * a node, node_id not NULL; nullable otherwise). NULL members of @node are
 * left out. The iq around it is a get. Free with xmlFreeNode(). */
xmlNode *iot_concentrator_build(IotGeneration gen, IotConcentratorOp op, const char *source_id,
                                const IotNodeRef *node);

/* The parsers read the answer to a request: @iq is the <iq type='result'>
 * (an XSF response with a result other than OK also comes in a result and is
 * returned as that error). An <iq type='error'> is read with
 * iot_error_from_stanza(), not here. On failure they return NULL / FALSE with
 * @error set in IOT_ERROR (MALFORMED for an answer of the wrong shape, the
 * mapped code for an XSF result code). @dropped (nullable) counts what a
 * bound cut off. */

/* Returns: (transfer full) (element-type IotConcentratorSource) (nullable):
 * the data sources of a get*DataSources answer; g_ptr_array_unref(). */
GPtrArray *iot_concentrator_parse_sources(const xmlNode *iq, guint *dropped, GError **error);

/* Returns: (transfer full) (element-type IotConcentratorNode) (nullable):
 * the nodes of a get*Nodes answer; nodes without an id are skipped (and
 * counted in @dropped). g_ptr_array_unref(). */
GPtrArray *iot_concentrator_parse_nodes(const xmlNode *iq, guint *dropped, GError **error);

/* Returns: (transfer full) (nullable): the node of a getNode answer;
 * iot_concentrator_node_free(). An XSF answer names no source: @asked
 * (nullable), the node asked for, fills in what the answer leaves out. */
IotConcentratorNode *iot_concentrator_parse_node(const xmlNode *iq, const IotNodeRef *asked,
                                                 GError **error);

/* Reads the yes/no of a containsNode answer into *@value. */
gboolean iot_concentrator_parse_bool(const xmlNode *iq, gboolean *value, GError **error);

/* --- what was learnt of concentrators --------------------------------------------------- */

/* Per account: full JID → its data sources, and node id → where that node
 * lives. The adapter drops a concentrator's entry when its caps change or
 * it goes offline. Bounded: IOT_MAX_CONCENTRATOR_CACHE concentrators,
 * IOT_MAX_CONCENTRATOR_CACHE_NODES nodes each (an arbitrary one is evicted). */
typedef struct _IotConcentratorCache IotConcentratorCache;

/* Returns: (transfer full): an empty cache; iot_concentrator_cache_free(). */
IotConcentratorCache *iot_concentrator_cache_new(void);
void iot_concentrator_cache_free(IotConcentratorCache *c);

/* Returns: (transfer none) (nullable): where node @node_id of @full_jid
 * lives (node_id, source_id, partition), valid until the cache changes. */
const IotNodeRef *iot_concentrator_cache_lookup(IotConcentratorCache *c, const char *full_jid,
                                                const char *node_id);
/* Remembers @ref (copied; node_id and source_id not NULL) for @full_jid. */
void iot_concentrator_cache_store(IotConcentratorCache *c, const char *full_jid,
                                  const IotNodeRef *ref);
/* Returns: (transfer none) (nullable) (element-type IotConcentratorSource):
 * the data sources learnt of @full_jid, valid until the cache changes. */
const GPtrArray *iot_concentrator_cache_sources(IotConcentratorCache *c, const char *full_jid);
/* Remembers @sources (element-type IotConcentratorSource, copied). */
void iot_concentrator_cache_store_sources(IotConcentratorCache *c, const char *full_jid,
                                          const GPtrArray *sources);
/* TRUE, with *@caps set, when the capabilities of @full_jid are known. */
gboolean iot_concentrator_cache_caps(IotConcentratorCache *c, const char *full_jid,
                                     IotConcentratorCaps *caps);
/* Remembers the capabilities of @full_jid, until it is forgotten. */
void iot_concentrator_cache_store_caps(IotConcentratorCache *c, const char *full_jid,
                                       IotConcentratorCaps caps);
/* Forgets node @node_id (nullable: everything, capabilities too) of @full_jid. */
void iot_concentrator_cache_forget(IotConcentratorCache *c, const char *full_jid,
                                   const char *node_id);

G_END_DECLS

#endif
