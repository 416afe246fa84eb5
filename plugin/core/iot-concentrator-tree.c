/* iot-concentrator-tree.c — the loaded part of a concentrator, kept current
 * by its events. See iot-concentrator-tree.h. */
#include "iot-concentrator-tree.h"

#include "iot-limits.h"

#include <string.h>

typedef struct TNode TNode;

struct TNode {
	IotConcentratorNode *info; /* owned */
	TNode *parent;             /* NULL for a root */
	char *key;                 /* owned; the key in nodes */
	GPtrArray *children;       /* (element-type TNode, borrowed) NULL: not loaded */
};

struct _IotConcentratorTree {
	GPtrArray *sources;  /* (element-type IotConcentratorSource) owned */
	GHashTable *roots;   /* source id → GPtrArray of TNode (borrowed); absent: not loaded */
	GHashTable *nodes;   /* key → TNode, owned */
	guint refused;
};

static char *
key_of(const char *source_id, const char *partition, const char *node_id)
{
	return g_strdup_printf("%s\n%s\n%s", source_id ? source_id : "", partition ? partition : "",
	                       node_id ? node_id : "");
}

static TNode *
find(const IotConcentratorTree *t, const char *source_id, const char *partition, const char *node_id)
{
	char *key = key_of(source_id, partition, node_id);
	TNode *n = g_hash_table_lookup(t->nodes, key);

	g_free(key);
	return n;
}

static TNode *
find_ref(const IotConcentratorTree *t, const IotNodeRef *ref)
{
	return ref != NULL && ref->node_id != NULL ? find(t, ref->source_id, ref->partition, ref->node_id) : NULL;
}

static void
tnode_free(gpointer data)
{
	TNode *n = data;

	iot_concentrator_node_free(n->info);
	if (n->children != NULL)
		g_ptr_array_unref(n->children);
	g_free(n->key);
	g_free(n);
}

IotConcentratorTree *
iot_concentrator_tree_new(void)
{
	IotConcentratorTree *t = g_new0(IotConcentratorTree, 1);

	t->sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	t->roots = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
	t->nodes = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, tnode_free);
	return t;
}

void
iot_concentrator_tree_free(IotConcentratorTree *t)
{
	if (t == NULL)
		return;
	g_hash_table_destroy(t->roots);
	g_hash_table_destroy(t->nodes);
	g_ptr_array_unref(t->sources);
	g_free(t);
}

/* TRUE when @a is @n or one of its ancestors. */
static gboolean
is_ancestor_or_self(const TNode *a, const TNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return TRUE;
	return FALSE;
}

/* Removes @n's loaded descendants from the tree (not @n itself). */
static void
drop_below(IotConcentratorTree *t, TNode *n)
{
	guint i;

	if (n->children == NULL)
		return;
	for (i = 0; i < n->children->len; i++) {
		TNode *c = g_ptr_array_index(n->children, i);

		drop_below(t, c);
		g_hash_table_remove(t->nodes, c->key);
	}
	g_clear_pointer(&n->children, g_ptr_array_unref);
}

/* The list @n is in: its parent's children or its source's roots. */
static GPtrArray *
siblings_of(const IotConcentratorTree *t, const TNode *n)
{
	if (n->parent != NULL)
		return n->parent->children;
	return g_hash_table_lookup(t->roots, n->info->ref.source_id ? n->info->ref.source_id : "");
}

/* Removes @n and what was loaded below it. */
static void
drop(IotConcentratorTree *t, TNode *n)
{
	GPtrArray *sib = siblings_of(t, n);

	drop_below(t, n);
	if (sib != NULL)
		g_ptr_array_remove(sib, n);
	g_hash_table_remove(t->nodes, n->key);
}

void
iot_concentrator_tree_set_sources(IotConcentratorTree *t, const GPtrArray *sources)
{
	GHashTableIter it;
	gpointer key, value;
	guint i, j;

	g_return_if_fail(t != NULL && sources != NULL);
	g_ptr_array_set_size(t->sources, 0);
	for (i = 0; i < sources->len && i < IOT_MAX_CONCENTRATOR_SOURCES; i++)
		g_ptr_array_add(t->sources, iot_concentrator_source_copy(g_ptr_array_index(sources, i)));
	/* Roots of sources no longer listed go, with everything below them. */
	g_hash_table_iter_init(&it, t->roots);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		gboolean listed = FALSE;
		GPtrArray *roots = value;

		for (j = 0; j < t->sources->len && !listed; j++)
			listed = strcmp(((IotConcentratorSource *)g_ptr_array_index(t->sources, j))->source_id, key) == 0;
		if (listed)
			continue;
		while (roots->len > 0) {
			TNode *n = g_ptr_array_index(roots, roots->len - 1);

			drop_below(t, n);
			g_ptr_array_remove_index(roots, roots->len - 1);
			g_hash_table_remove(t->nodes, n->key);
		}
		g_hash_table_iter_remove(&it);
	}
}

const GPtrArray *
iot_concentrator_tree_sources(const IotConcentratorTree *t)
{
	g_return_val_if_fail(t != NULL, NULL);
	return t->sources;
}

static gboolean
has_source(const IotConcentratorTree *t, const char *source_id)
{
	guint i;

	for (i = 0; source_id != NULL && i < t->sources->len; i++)
		if (strcmp(((IotConcentratorSource *)g_ptr_array_index(t->sources, i))->source_id, source_id) == 0)
			return TRUE;
	return FALSE;
}

/* Makes @list (a new array) the list of @parent (NULL: the roots of
 * @source_id) from @nodes: nodes already held keep what was loaded below
 * them; the others of the old list go. */
static void
replace_list(IotConcentratorTree *t, TNode *parent, const char *source_id, const GPtrArray *nodes, guint *refused)
{
	GPtrArray *old = parent != NULL ? parent->children : g_hash_table_lookup(t->roots, source_id);
	GPtrArray *list = g_ptr_array_new();
	guint i, lost = 0;

	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		const IotConcentratorNode *src = g_ptr_array_index(nodes, i);
		IotConcentratorNode *info = iot_concentrator_node_copy(src);
		TNode *n;

		if (info->ref.source_id == NULL)
			info->ref.source_id = g_strdup(source_id);
		if (parent == NULL && g_strcmp0(info->ref.source_id, source_id) != 0) {
			iot_concentrator_node_free(info); /* a root of another source */
			lost++;
			continue;
		}
		n = find(t, info->ref.source_id, info->ref.partition, info->ref.node_id);
		/* Listed twice, or a node above this list listed in it (a hostile
		 * answer: taking it would drop the parent). */
		if (n != NULL && (g_ptr_array_find(list, n, NULL) || is_ancestor_or_self(n, parent))) {
			iot_concentrator_node_free(info);
			lost++;
			continue;
		}
		if (n != NULL && (old == NULL || !g_ptr_array_find(old, n, NULL))) {
			drop(t, n); /* it moved here from elsewhere */
			n = NULL;
		}
		if (n == NULL && (list->len >= IOT_MAX_CONCENTRATOR_NODES ||
		                  g_hash_table_size(t->nodes) >= IOT_MAX_CONCENTRATOR_TREE_NODES)) {
			iot_concentrator_node_free(info);
			lost++;
			continue;
		}
		if (n == NULL) {
			n = g_new0(TNode, 1);
			n->key = key_of(info->ref.source_id, info->ref.partition, info->ref.node_id);
			n->parent = parent;
			g_hash_table_insert(t->nodes, n->key, n);
		} else {
			iot_concentrator_node_free(n->info);
		}
		n->info = info;
		g_ptr_array_add(list, n);
	}
	/* Old members not listed any more. */
	for (i = 0; old != NULL && i < old->len; i++) {
		TNode *n = g_ptr_array_index(old, i);

		if (!g_ptr_array_find(list, n, NULL)) {
			drop_below(t, n);
			g_hash_table_remove(t->nodes, n->key);
		}
	}
	if (parent != NULL) {
		if (parent->children != NULL)
			g_ptr_array_unref(parent->children);
		parent->children = list;
		parent->info->has_children = list->len > 0 || parent->info->has_children;
	} else {
		g_hash_table_replace(t->roots, g_strdup(source_id), list);
	}
	t->refused += lost;
	if (refused)
		*refused = lost;
}

gboolean
iot_concentrator_tree_set_roots(IotConcentratorTree *t, const char *source_id, const GPtrArray *nodes,
                                guint *refused)
{
	g_return_val_if_fail(t != NULL && source_id != NULL, FALSE);
	if (refused)
		*refused = 0;
	if (!has_source(t, source_id))
		return FALSE;
	replace_list(t, NULL, source_id, nodes, refused);
	return TRUE;
}

gboolean
iot_concentrator_tree_set_children(IotConcentratorTree *t, const IotNodeRef *parent, const GPtrArray *nodes,
                                   guint *refused)
{
	TNode *p;

	g_return_val_if_fail(t != NULL, FALSE);
	if (refused)
		*refused = 0;
	if ((p = find_ref(t, parent)) == NULL)
		return FALSE;
	replace_list(t, p, p->info->ref.source_id, nodes, refused);
	return TRUE;
}

void
iot_concentrator_tree_forget_children(IotConcentratorTree *t, const IotNodeRef *parent)
{
	TNode *p;

	g_return_if_fail(t != NULL);
	if ((p = find_ref(t, parent)) != NULL)
		drop_below(t, p);
}

const IotConcentratorNode *
iot_concentrator_tree_lookup(const IotConcentratorTree *t, const IotNodeRef *ref)
{
	TNode *n;

	g_return_val_if_fail(t != NULL, NULL);
	n = find_ref(t, ref);
	return n != NULL ? n->info : NULL;
}

static GPtrArray *
infos_of(const GPtrArray *list)
{
	GPtrArray *out;
	guint i;

	if (list == NULL)
		return NULL;
	out = g_ptr_array_sized_new(list->len);
	for (i = 0; i < list->len; i++)
		g_ptr_array_add(out, ((TNode *)g_ptr_array_index(list, i))->info);
	return out;
}

GPtrArray *
iot_concentrator_tree_children(const IotConcentratorTree *t, const IotNodeRef *parent)
{
	TNode *p;

	g_return_val_if_fail(t != NULL, NULL);
	p = find_ref(t, parent);
	return p != NULL ? infos_of(p->children) : NULL;
}

GPtrArray *
iot_concentrator_tree_roots(const IotConcentratorTree *t, const char *source_id)
{
	g_return_val_if_fail(t != NULL, NULL);
	return source_id != NULL ? infos_of(g_hash_table_lookup(t->roots, source_id)) : NULL;
}

const IotConcentratorNode *
iot_concentrator_tree_parent(const IotConcentratorTree *t, const IotNodeRef *ref)
{
	TNode *n;

	g_return_val_if_fail(t != NULL, NULL);
	n = find_ref(t, ref);
	return n != NULL && n->parent != NULL ? n->parent->info : NULL;
}

guint
iot_concentrator_tree_count(const IotConcentratorTree *t)
{
	g_return_val_if_fail(t != NULL, 0);
	return g_hash_table_size(t->nodes);
}

guint
iot_concentrator_tree_refused(const IotConcentratorTree *t)
{
	g_return_val_if_fail(t != NULL, 0);
	return t->refused;
}

/* --- events ------------------------------------------------------------------------------ */

static IotTreeChange
ignored(IotTreeIgnored reason, IotTreeIgnored *why)
{
	if (why)
		*why = reason;
	return IOT_TREE_IGNORED;
}

static IotTreeChange
apply_added(IotConcentratorTree *t, const IotSourceEvent *ev, const IotConcentratorNode **out, IotTreeIgnored *why)
{
	const IotConcentratorNode *src = ev->node;
	const char *sid = src->ref.source_id;
	TNode *parent = NULL, *n;
	GPtrArray *list;
	guint pos;

	if (src->parent_id != NULL) {
		/* A parent is in the node's source; its partition when named. */
		parent = find(t, sid, src->parent_partition, src->parent_id);
		if (parent == NULL && src->parent_partition == NULL)
			parent = find(t, sid, src->ref.partition, src->parent_id);
		if (parent == NULL)
			return ignored(IOT_TREE_IGNORED_PARENT_UNKNOWN, why);
		/* Not below itself (a hostile event would loop the tree). */
		if ((n = find(t, sid, src->ref.partition, src->ref.node_id)) != NULL && is_ancestor_or_self(n, parent))
			return ignored(IOT_TREE_IGNORED_PARENT_UNKNOWN, why);
		if (parent->children == NULL) {
			parent->info->has_children = TRUE;
			*out = parent->info;
			return IOT_TREE_PARENT_MARKED;
		}
		list = parent->children;
	} else {
		if (!has_source(t, sid))
			return ignored(IOT_TREE_IGNORED_PARENT_UNKNOWN, why);
		if ((list = g_hash_table_lookup(t->roots, sid)) == NULL) {
			guint i;

			for (i = 0; i < t->sources->len; i++) {
				IotConcentratorSource *s = g_ptr_array_index(t->sources, i);

				if (strcmp(s->source_id, sid) == 0)
					s->has_children = TRUE;
			}
			return ignored(IOT_TREE_IGNORED_PARENT_UNKNOWN, why);
		}
	}
	if ((n = find(t, sid, src->ref.partition, src->ref.node_id)) != NULL)
		drop(t, n); /* added again: the new description and place win */
	if (list->len >= IOT_MAX_CONCENTRATOR_NODES || g_hash_table_size(t->nodes) >= IOT_MAX_CONCENTRATOR_TREE_NODES) {
		t->refused++;
		return ignored(IOT_TREE_IGNORED_FULL, why);
	}
	n = g_new0(TNode, 1);
	n->info = iot_concentrator_node_copy(src);
	n->parent = parent;
	n->key = key_of(sid, src->ref.partition, src->ref.node_id);
	g_hash_table_insert(t->nodes, n->key, n);
	pos = list->len;
	if (ev->after_id != NULL) {
		TNode *after = find(t, sid, ev->after_partition, ev->after_id);
		guint at;

		if (after != NULL && g_ptr_array_find(list, after, &at))
			pos = at + 1;
	}
	g_ptr_array_insert(list, (gint)pos, n);
	if (parent != NULL)
		parent->info->has_children = TRUE;
	*out = n->info;
	return IOT_TREE_ADDED;
}

static IotTreeChange
apply_updated(IotConcentratorTree *t, const IotSourceEvent *ev, const IotConcentratorNode **out, IotTreeIgnored *why)
{
	const IotConcentratorNode *src = ev->node;
	TNode *n = find(t, src->ref.source_id, src->ref.partition, ev->old_id ? ev->old_id : src->ref.node_id);
	TNode *other;
	IotConcentratorNode *info;

	if (n == NULL)
		return ignored(IOT_TREE_IGNORED_NODE_UNKNOWN, why);
	/* A rename onto a node above it would drop the node itself. */
	if (ev->old_id != NULL &&
	    (other = find(t, src->ref.source_id, src->ref.partition, src->ref.node_id)) != NULL && other != n &&
	    is_ancestor_or_self(other, n))
		return ignored(IOT_TREE_IGNORED_NODE_UNKNOWN, why);
	info = iot_concentrator_node_copy(src);
	/* What an update without them does not say stays as it was. */
	if (info->parameters == NULL && n->info->parameters != NULL) {
		info->parameters = n->info->parameters;
		n->info->parameters = NULL;
	}
	if (info->messages == NULL && n->info->messages != NULL) {
		info->messages = n->info->messages;
		n->info->messages = NULL;
	}
	if (n->children != NULL && n->children->len > 0)
		info->has_children = TRUE;
	iot_concentrator_node_free(n->info);
	n->info = info;
	if (ev->old_id != NULL) {
		/* Renamed: known by the new id from now on. */
		if ((other = find(t, info->ref.source_id, info->ref.partition, info->ref.node_id)) != NULL &&
		    other != n)
			drop(t, other);
		g_hash_table_steal(t->nodes, n->key);
		g_free(n->key);
		n->key = key_of(info->ref.source_id, info->ref.partition, info->ref.node_id);
		g_hash_table_replace(t->nodes, n->key, n);
		if (n->children != NULL) {
			guint i;

			for (i = 0; i < n->children->len; i++) {
				TNode *c = g_ptr_array_index(n->children, i);

				g_free(c->info->parent_id);
				c->info->parent_id = g_strdup(info->ref.node_id);
			}
		}
	}
	*out = n->info;
	return IOT_TREE_UPDATED;
}

IotTreeChange
iot_concentrator_tree_apply(IotConcentratorTree *t, const IotSourceEvent *ev, const IotConcentratorNode **node,
                            IotTreeIgnored *why)
{
	const IotConcentratorNode *out = NULL;
	IotTreeChange change;
	TNode *n;
	GPtrArray *sib;
	guint at;

	g_return_val_if_fail(t != NULL && ev != NULL && ev->node != NULL, IOT_TREE_IGNORED);
	if (why)
		*why = IOT_TREE_IGNORED_NOT;
	if (node)
		*node = NULL;
	if (ev->type == IOT_SOURCE_EVENT_NODE_ADDED) {
		change = apply_added(t, ev, &out, why);
	} else if (ev->type == IOT_SOURCE_EVENT_NODE_UPDATED) {
		change = apply_updated(t, ev, &out, why);
	} else if ((n = find_ref(t, &ev->node->ref)) == NULL) {
		change = ignored(IOT_TREE_IGNORED_NODE_UNKNOWN, why);
	} else if (ev->type == IOT_SOURCE_EVENT_NODE_STATUS_CHANGED) {
		n->info->state = ev->node->state;
		if (ev->node->messages != NULL) {
			IotConcentratorNode *copy = iot_concentrator_node_copy(ev->node);

			if (n->info->messages != NULL)
				g_ptr_array_unref(n->info->messages);
			n->info->messages = copy->messages;
			n->info->messages_dropped = copy->messages_dropped;
			copy->messages = NULL;
			iot_concentrator_node_free(copy);
		}
		out = n->info;
		change = IOT_TREE_STATUS_CHANGED;
	} else if (ev->type == IOT_SOURCE_EVENT_NODE_REMOVED) {
		drop(t, n);
		change = IOT_TREE_REMOVED;
	} else {
		gboolean up = ev->type == IOT_SOURCE_EVENT_NODE_MOVED_UP;

		sib = siblings_of(t, n);
		if (sib == NULL || !g_ptr_array_find(sib, n, &at) || (up && at == 0) || (!up && at + 1 >= sib->len)) {
			change = ignored(IOT_TREE_IGNORED_AT_EDGE, why);
		} else {
			guint other = up ? at - 1 : at + 1;

			sib->pdata[at] = sib->pdata[other];
			sib->pdata[other] = n;
			out = n->info;
			change = IOT_TREE_MOVED;
		}
	}
	if (node)
		*node = out;
	return change;
}
