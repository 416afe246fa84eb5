/*
 * iot-concentrator-tree.h — what a browse window has loaded of one
 * concentrator: its data sources, and the nodes below them as far as they
 * were opened, kept current by data-source events.
 *
 * The tree holds copies of what the node lists answered
 * (iot-concentrator-request.h) and applies each event
 * (iot-concentrator-events.h) the way a person expects: a node added under
 * a parent whose children are loaded appears there (after the sibling the
 * event names, else last); one added under a parent not opened yet only
 * marks that parent as having children; one for a parent the tree does not
 * know at all is ignored; updates (renames found by their old id), status
 * changes, removals (with the loaded subtree) and moves among siblings
 * change what is there. Nodes are known by (source, partition, id).
 *
 * It is pure data: no requests, no timers, no GTK. A window keeps one per
 * concentrator and mirrors each change it reports. Bounded: at most
 * IOT_MAX_CONCENTRATOR_TREE_NODES nodes, IOT_MAX_CONCENTRATOR_NODES per
 * level; what does not fit is refused and counted.
 */
#ifndef IOT_CONCENTRATOR_TREE_H
#define IOT_CONCENTRATOR_TREE_H

#include <glib.h>

#include "iot-concentrator-events.h"
#include "iot-concentrator.h"

G_BEGIN_DECLS

typedef struct _IotConcentratorTree IotConcentratorTree;

/* What applying an event did. */
typedef enum {
	IOT_TREE_IGNORED = 0,        /* nothing: see IotTreeIgnored */
	IOT_TREE_ADDED,              /* the node is new in its parent's (or its source's root) list */
	IOT_TREE_UPDATED,            /* the node's description was replaced (renamed too when old_id) */
	IOT_TREE_STATUS_CHANGED,     /* the node's state (and messages) changed */
	IOT_TREE_REMOVED,            /* the node and what was loaded below it are gone */
	IOT_TREE_MOVED,              /* the node changed places with a sibling */
	IOT_TREE_PARENT_MARKED       /* a node came under a parent whose children are not
	                              * loaded: the parent now says it has children */
} IotTreeChange;

typedef enum {
	IOT_TREE_IGNORED_NOT = 0,
	IOT_TREE_IGNORED_PARENT_UNKNOWN, /* added under a parent (or source) the tree does not hold */
	IOT_TREE_IGNORED_NODE_UNKNOWN,   /* updated/changed/removed/moved a node not loaded */
	IOT_TREE_IGNORED_AT_EDGE,        /* moved up when first, down when last */
	IOT_TREE_IGNORED_FULL            /* a bound of iot-limits.h was reached */
} IotTreeIgnored;

/* Returns: (transfer full): an empty tree; iot_concentrator_tree_free(). */
IotConcentratorTree *iot_concentrator_tree_new(void);
void iot_concentrator_tree_free(IotConcentratorTree *t);

/* Sets the data sources (element-type IotConcentratorSource, copied).
 * Roots already loaded of sources still listed are kept; the others go. */
void iot_concentrator_tree_set_sources(IotConcentratorTree *t, const GPtrArray *sources);
/* Returns: (transfer none) (element-type IotConcentratorSource): the
 * sources, in the order set; valid until the tree changes. */
const GPtrArray *iot_concentrator_tree_sources(const IotConcentratorTree *t);

/* Sets the root nodes of source @source_id (element-type
 * IotConcentratorNode, copied; a node without a source gets @source_id).
 * What was loaded below nodes that stay is kept. Returns FALSE when the
 * tree does not hold that source. *@refused (nullable): nodes not kept
 * (a bound, a duplicate). */
gboolean iot_concentrator_tree_set_roots(IotConcentratorTree *t, const char *source_id,
                                         const GPtrArray *nodes, guint *refused);

/* Sets the children of @parent as getChildNodes answered them (copied; a
 * node without a source gets the parent's). Returns FALSE when the tree no
 * longer holds @parent (it was removed while its children were asked for):
 * nothing is set then. */
gboolean iot_concentrator_tree_set_children(IotConcentratorTree *t, const IotNodeRef *parent,
                                            const GPtrArray *nodes, guint *refused);

/* Forgets what was loaded below @parent (a window closed it): its children
 * count as not loaded again. */
void iot_concentrator_tree_forget_children(IotConcentratorTree *t, const IotNodeRef *parent);

/* Returns: (transfer none) (nullable): the node @ref names, valid until the
 * tree changes. */
const IotConcentratorNode *iot_concentrator_tree_lookup(const IotConcentratorTree *t,
                                                        const IotNodeRef *ref);

/* Returns: (transfer container) (element-type IotConcentratorNode) (nullable):
 * the children of @parent (its roots for iot_concentrator_tree_roots()) in
 * order, the nodes borrowed from the tree and valid until it changes; NULL
 * when they are not loaded (or the parent is unknown). g_ptr_array_unref(). */
GPtrArray *iot_concentrator_tree_children(const IotConcentratorTree *t, const IotNodeRef *parent);
GPtrArray *iot_concentrator_tree_roots(const IotConcentratorTree *t, const char *source_id);

/* Returns: (transfer none) (nullable): the parent of @ref (NULL for a root
 * or an unknown node). */
const IotConcentratorNode *iot_concentrator_tree_parent(const IotConcentratorTree *t,
                                                        const IotNodeRef *ref);

/* Nodes the tree holds, and nodes it refused since it was made. */
guint iot_concentrator_tree_count(const IotConcentratorTree *t);
guint iot_concentrator_tree_refused(const IotConcentratorTree *t);

/* Applies @ev. Returns what changed; when nothing did, *@why (nullable)
 * says why. *@node (nullable) gets the node changed (transfer none, valid
 * until the tree changes; NULL after a removal), or for PARENT_MARKED the
 * parent. */
IotTreeChange iot_concentrator_tree_apply(IotConcentratorTree *t, const IotSourceEvent *ev,
                                          const IotConcentratorNode **node, IotTreeIgnored *why);

G_END_DECLS

#endif
