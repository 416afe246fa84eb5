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

/* The requests built here, each named as on the wire by
 * iot_concentrator_op_name(). What each one addresses is in brackets. */
typedef enum {
	IOT_CONCENTRATOR_GET_CAPABILITIES = 0,  /* — */
	IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES,  /* — */
	IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES, /* — */
	IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES, /* a source */
	IOT_CONCENTRATOR_CONTAINS_NODE,         /* a node */
	IOT_CONCENTRATOR_GET_NODE,              /* a node */
	IOT_CONCENTRATOR_GET_ROOT_NODES,        /* a source */
	IOT_CONCENTRATOR_GET_CHILD_NODES,       /* a node */
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

/* A data source of a concentrator. */
typedef struct {
	char *source_id;     /* never NULL (may be empty: NF's default source) */
	char *name;          /* nullable: localised name */
	gboolean has_children;
	gint64 last_changed; /* IOT_TIME_UNKNOWN when not sent */
} IotConcentratorSource;

/* A node of a concentrator, as getNode and the node lists describe it.
 * Parameters and messages are not kept (yet). */
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
/* Forgets node @node_id (nullable: everything) of @full_jid. */
void iot_concentrator_cache_forget(IotConcentratorCache *c, const char *full_jid,
                                   const char *node_id);

G_END_DECLS

#endif
