/*
 * iot-gtk-concentrator-tree.c — the rows of the concentrator window: data
 * sources and nodes in a GtkTreeStore whose rows point at IotGtkConcRow,
 * found by (source, partition, id) in a hash table; lazy loading with a
 * placeholder child ("Loading…", or why it failed); answers merged in place
 * (rows updated, added, removed, reordered) so that what the person
 * expanded or selected stays so; subscriptions to data-source events; the
 * health counts.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-limits.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- keys and lookups -------------------------------------------------------------- */

char *
iot_gtk_conc_key(const char *source_id, const char *partition, const char *node_id)
{
	if (node_id == NULL)
		return g_strconcat("\x1e", source_id != NULL ? source_id : "", NULL);
	return g_strconcat(source_id != NULL ? source_id : "", "\x1f", partition != NULL ? partition : "",
	                   "\x1f", node_id, NULL);
}

IotGtkConcRow *
iot_gtk_conc_lookup(IotGtkConcentrator *win, const char *source_id, const char *partition,
                    const char *node_id)
{
	char *key = iot_gtk_conc_key(source_id, partition, node_id);
	IotGtkConcRow *row = g_hash_table_lookup(win->rows, key);

	g_free(key);
	return row;
}

IotGtkConcRow *
iot_gtk_conc_lookup_ref(IotGtkConcentrator *win, const IotNodeRef *ref)
{
	if (ref == NULL || ref->node_id == NULL)
		return NULL;
	return iot_gtk_conc_lookup(win, ref->source_id, ref->partition, ref->node_id);
}

IotGtkConcRow *
iot_gtk_conc_row_at(GtkTreeModel *model, GtkTreeIter *iter, IotGtkConcRow **placeholder_of)
{
	IotGtkConcRow *row = NULL, *parent = NULL;

	if (GTK_IS_TREE_STORE(model))
		gtk_tree_model_get(model, iter, IOT_GTK_CONC_STORE_ROW, &row, IOT_GTK_CONC_STORE_PARENT,
		                   &parent, -1);
	else
		gtk_tree_model_get(model, iter, IOT_GTK_CONC_STORE_ROW, &row, -1);
	if (placeholder_of != NULL)
		*placeholder_of = row == NULL ? parent : NULL;
	return row;
}

const char *
iot_gtk_conc_row_source(const IotGtkConcRow *row)
{
	if (row->source != NULL)
		return row->source->source_id;
	if (row->node != NULL && row->node->ref.source_id != NULL)
		return row->node->ref.source_id;
	return "";
}

const char *
iot_gtk_conc_row_name(const IotGtkConcRow *row)
{
	if (row->source != NULL)
		return row->source->name != NULL && *row->source->name != '\0' ? row->source->name
		                                                              : row->source->source_id;
	if (row->node != NULL)
		return row->node->display_name != NULL && *row->node->display_name != '\0'
		           ? row->node->display_name
		           : row->node->ref.node_id;
	return "";
}

static GtkTreeIter *
parent_iter(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	return row == &win->root ? NULL : &row->iter;
}

gboolean
iot_gtk_conc_iter_previous(GtkTreeModel *model, GtkTreeIter *iter)
{
	GtkTreePath *path = gtk_tree_model_get_path(model, iter);
	gboolean ok = gtk_tree_path_prev(path) && gtk_tree_model_get_iter(model, iter, path);

	gtk_tree_path_free(path);
	return ok;
}

GtkTreePath *
iot_gtk_conc_row_path(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	return gtk_tree_model_get_path(GTK_TREE_MODEL(win->store), &row->iter);
}

/* ---- what is kept of a device's strings ----------------------------------------------------- */

/* Control characters would break a row in two or hide text: spaces instead;
 * invalid UTF-8 is repaired. The core already bounded the lengths. */
static void
clean(char **s)
{
	char *p;

	if (*s == NULL)
		return;
	if (!g_utf8_validate(*s, -1, NULL)) {
		char *v = g_utf8_make_valid(*s, -1);

		g_free(*s);
		*s = v;
	}
	for (p = *s; *p != '\0'; p++)
		if ((guchar)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

static IotConcentratorNode *
take_node(const IotConcentratorNode *n, const char *source_id)
{
	IotConcentratorNode *c = iot_concentrator_node_copy(n);

	if (c->ref.source_id == NULL)
		c->ref.source_id = g_strdup(source_id);
	clean(&c->display_name);
	clean(&c->node_type);
	return c;
}

static GPtrArray *
take_params(const GPtrArray *params)
{
	GPtrArray *c;
	guint i;

	if (params == NULL)
		return NULL;
	c = g_ptr_array_new_full(params->len, NULL);
	for (i = 0; i < params->len; i++) {
		const IotGtkConcParameter *p = g_ptr_array_index(params, i);
		IotGtkConcParameter *q = g_new0(IotGtkConcParameter, 1);

		q->id = g_strdup(p->id);
		q->name = g_strdup(p->name);
		q->value = g_strdup(p->value);
		clean(&q->name);
		clean(&q->value);
		g_ptr_array_add(c, q);
	}
	return c;
}

static void
params_free(GPtrArray *params)
{
	guint i;

	if (params == NULL)
		return;
	for (i = 0; i < params->len; i++) {
		IotGtkConcParameter *p = g_ptr_array_index(params, i);

		g_free(p->id);
		g_free(p->name);
		g_free(p->value);
		g_free(p);
	}
	g_ptr_array_free(params, TRUE);
}

/* The newest IOT_GTK_CONC_MAX_MESSAGES, kept in the order sent. */
static GPtrArray *
take_messages(const GPtrArray *messages)
{
	GPtrArray *c;
	guint i, first;

	if (messages == NULL)
		return NULL;
	c = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
	first = messages->len > IOT_GTK_CONC_MAX_MESSAGES ? messages->len - IOT_GTK_CONC_MAX_MESSAGES : 0;
	for (i = first; i < messages->len; i++)
		g_ptr_array_add(c, iot_gtk_conc_message_copy(g_ptr_array_index(messages, i)));
	return c;
}

/* TRUE when @a is @b or one of @b's ancestors. */
static gboolean
encloses(const IotGtkConcRow *a, const IotGtkConcRow *b)
{
	for (; b != NULL; b = b->parent)
		if (a == b)
			return TRUE;
	return FALSE;
}

/* ---- health counts ---------------------------------------------------------------------- */

static void
count_state(IotGtkConcentrator *win, IotNodeState state, int delta)
{
	if (state >= IOT_NODE_STATE_ERROR_SIGNED)
		win->n_errors += delta;
	else if (state >= IOT_NODE_STATE_WARNING_SIGNED)
		win->n_warnings += delta;
}

/* ---- rows --------------------------------------------------------------------------------- */

static void
add_placeholder(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeIter it;

	if (row->placeholder)
		return;
	gtk_tree_store_insert_with_values(win->store, &it, parent_iter(win, row), 0,
	                                  IOT_GTK_CONC_STORE_ROW, NULL, IOT_GTK_CONC_STORE_PARENT, row,
	                                  -1);
	row->placeholder = TRUE;
}

static gboolean
placeholder_iter(IotGtkConcentrator *win, IotGtkConcRow *row, GtkTreeIter *it)
{
	IotGtkConcRow *of;

	if (!row->placeholder ||
	    !gtk_tree_model_iter_children(GTK_TREE_MODEL(win->store), it, parent_iter(win, row)))
		return FALSE;
	/* It is the first child. */
	return iot_gtk_conc_row_at(GTK_TREE_MODEL(win->store), it, &of) == NULL && of == row;
}

static void
remove_placeholder(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeIter it;

	if (placeholder_iter(win, row, &it))
		gtk_tree_store_remove(win->store, &it);
	row->placeholder = FALSE;
}

static void
placeholder_changed(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GtkTreeIter it;

	if (placeholder_iter(win, row, &it))
		gtk_tree_store_set(win->store, &it, IOT_GTK_CONC_STORE_PARENT, row, -1);
}

void
iot_gtk_conc_row_changed(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	if (row == &win->root)
		return;
	gtk_tree_store_set(win->store, &row->iter, IOT_GTK_CONC_STORE_ROW, row, -1);
	iot_gtk_conc_filter_row_changed(win, row);
}

/* A new row under @parent after @after (NULL: last). */
static IotGtkConcRow *
row_insert(IotGtkConcentrator *win, IotGtkConcRow *parent, IotGtkConcRow *after,
           IotConcentratorSource *source, IotConcentratorNode *node)
{
	IotGtkConcRow *row = g_slice_new0(IotGtkConcRow);

	row->parent = parent;
	row->source = source;
	row->node = node;
	if (source != NULL) {
		row->key = iot_gtk_conc_key(source->source_id, NULL, NULL);
		win->n_sources++;
	} else {
		row->key = iot_gtk_conc_key(node->ref.source_id, node->ref.partition, node->ref.node_id);
		win->n_nodes++;
		count_state(win, node->state, +1);
	}
	g_hash_table_insert(win->rows, row->key, row);
	if (after != NULL) {
		gtk_tree_store_insert_after(win->store, &row->iter, parent_iter(win, parent), &after->iter);
		gtk_tree_store_set(win->store, &row->iter, IOT_GTK_CONC_STORE_ROW, row, -1);
	} else {
		gtk_tree_store_insert_with_values(win->store, &row->iter, parent_iter(win, parent), -1,
		                                  IOT_GTK_CONC_STORE_ROW, row, -1);
	}
	/* A source may have child sources or root nodes: it can always be opened. */
	if (source != NULL || node->has_children)
		add_placeholder(win, row);
	return row;
}

/* The rows of the subtree of @row (itself last), children before parents. */
static void
subtree(IotGtkConcentrator *win, IotGtkConcRow *row, GPtrArray *out)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter child;
	gboolean ok = gtk_tree_model_iter_children(m, &child, &row->iter);

	for (; ok; ok = gtk_tree_model_iter_next(m, &child)) {
		IotGtkConcRow *c = iot_gtk_conc_row_at(m, &child, NULL);

		if (c != NULL)
			subtree(win, c, out);
	}
	g_ptr_array_add(out, row);
}

static void
row_free(IotGtkConcRow *row)
{
	iot_concentrator_source_free(row->source);
	iot_concentrator_node_free(row->node);
	params_free(row->params);
	if (row->messages != NULL)
		g_ptr_array_unref(row->messages);
	if (row->commands != NULL)
		g_ptr_array_unref(row->commands);
	g_free(row->key);
	g_free(row->load_error);
	g_slice_free(IotGtkConcRow, row);
}

void
iot_gtk_conc_remove_row(IotGtkConcentrator *win, IotGtkConcRow *row)
{
	GPtrArray *gone = g_ptr_array_new();
	guint i;

	g_return_if_fail(row != &win->root);
	subtree(win, row, gone);
	/* First out of every index, so that nothing finds them any more … */
	for (i = 0; i < gone->len; i++) {
		IotGtkConcRow *r = g_ptr_array_index(gone, i);

		g_hash_table_remove(win->rows, r->key);
		if (r->load != NULL)
			iot_gtk_conc_request_cancel(r->load);
		iot_gtk_conc_filter_row_gone(win, r);
		iot_gtk_conc_commands_forget(win, r);
		if (r->node != NULL) {
			win->n_nodes--;
			count_state(win, r->node->state, -1);
		} else {
			win->n_sources--;
		}
	}
	/* … then out of the tree (the views let go of them) … */
	gtk_tree_store_remove(win->store, &row->iter);
	/* … and only then freed. */
	for (i = 0; i < gone->len; i++)
		row_free(g_ptr_array_index(gone, i));
	g_ptr_array_free(gone, TRUE);
	iot_gtk_conc_health_update(win);
}

void
iot_gtk_conc_update_row(IotGtkConcentrator *win, IotGtkConcRow *row, const IotGtkConcNodeInfo *info)
{
	IotConcentratorNode *n;
	char *key;

	g_return_if_fail(row->node != NULL && info->node->ref.node_id != NULL);
	n = take_node(info->node, iot_gtk_conc_row_source(row));
	key = iot_gtk_conc_key(n->ref.source_id, n->ref.partition, n->ref.node_id);
	if (strcmp(key, row->key) != 0) {
		/* Renamed: found by its new id from now on. Another row holding
		 * that id already is stale: it goes. */
		IotGtkConcRow *other = g_hash_table_lookup(win->rows, key);

		/* Renamed to the id of a node it is under: a device contradicting
		 * itself. The tree stays as it is. */
		if (other != NULL && encloses(other, row)) {
			g_debug("concentrator window: %s renamed to an ancestor's id, ignored", row->key);
			g_free(key);
			iot_concentrator_node_free(n);
			return;
		}
		if (other != NULL)
			iot_gtk_conc_remove_row(win, other);
		g_hash_table_remove(win->rows, row->key);
		g_free(row->key);
		row->key = key;
		g_hash_table_insert(win->rows, row->key, row);
		iot_gtk_conc_commands_forget(win, row);
	} else {
		g_free(key);
	}
	count_state(win, row->node->state, -1);
	count_state(win, n->state, +1);
	iot_concentrator_node_free(row->node);
	row->node = n;
	if (info->parameters != NULL) {
		params_free(row->params);
		row->params = take_params(info->parameters);
		iot_gtk_conc_columns_learn(win, row);
	}
	if (info->messages != NULL) {
		if (row->messages != NULL)
			g_ptr_array_unref(row->messages);
		row->messages = take_messages(info->messages);
	}
	/* Children appear or go: an expander to open, or none. */
	if (!row->loaded && row->load == NULL) {
		if (n->has_children)
			add_placeholder(win, row);
		else
			remove_placeholder(win, row);
	}
	if (!n->has_commands)
		iot_gtk_conc_commands_forget(win, row);
	iot_gtk_conc_row_changed(win, row);
	iot_gtk_conc_health_update(win);
}

IotGtkConcRow *
iot_gtk_conc_upsert(IotGtkConcentrator *win, IotGtkConcRow *parent, const IotGtkConcNodeInfo *info,
                    IotGtkConcRow *after)
{
	const char *source_id = info->node->ref.source_id != NULL ? info->node->ref.source_id
	                                                            : iot_gtk_conc_row_source(parent);
	IotGtkConcRow *row;

	if (info->node->ref.node_id == NULL)
		return NULL;
	row = iot_gtk_conc_lookup(win, source_id, info->node->ref.partition, info->node->ref.node_id);
	if (row != NULL && encloses(row, parent)) {
		/* A node said to be under itself (or under one of its children):
		 * a device contradicting itself. Not shown twice, nor moved. */
		g_debug("concentrator window: %s under itself, ignored", row->key);
		return NULL;
	}
	if (row != NULL && row->parent != parent) {
		/* It moved without telling: it is where the newest answer says. */
		iot_gtk_conc_remove_row(win, row);
		row = NULL;
	}
	if (row != NULL) {
		iot_gtk_conc_update_row(win, row, info);
		return row;
	}
	row = row_insert(win, parent, after, NULL, take_node(info->node, source_id));
	row->params = take_params(info->parameters);
	row->messages = take_messages(info->messages);
	if (row->params != NULL)
		iot_gtk_conc_columns_learn(win, row);
	iot_gtk_conc_filter_row_changed(win, row);
	return row;
}

void
iot_gtk_conc_set_state(IotGtkConcentrator *win, IotGtkConcRow *row, IotNodeState state,
                       const GPtrArray *messages)
{
	g_return_if_fail(row->node != NULL);
	count_state(win, row->node->state, -1);
	count_state(win, state, +1);
	row->node->state = state;
	if (messages != NULL) {
		if (row->messages != NULL)
			g_ptr_array_unref(row->messages);
		row->messages = take_messages(messages);
	}
	iot_gtk_conc_row_changed(win, row);
	iot_gtk_conc_health_update(win);
}

gboolean
iot_gtk_conc_move_row(IotGtkConcentrator *win, IotGtkConcRow *row, gboolean up)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter other = row->iter;
	IotGtkConcRow *o;

	if (up ? !iot_gtk_conc_iter_previous(m, &other) : !gtk_tree_model_iter_next(m, &other))
		return FALSE;
	o = iot_gtk_conc_row_at(m, &other, NULL);
	/* Nodes move among nodes, not past the child sources of a source. */
	if (o == NULL || o->node == NULL)
		return FALSE;
	gtk_tree_store_swap(win->store, &row->iter, &other);
	return TRUE;
}

void
iot_gtk_conc_collect(IotGtkConcentrator *win, IotGtkConcRow *row, GPtrArray *out)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter child;
	gboolean ok = gtk_tree_model_iter_children(m, &child, parent_iter(win, row));

	for (; ok; ok = gtk_tree_model_iter_next(m, &child)) {
		IotGtkConcRow *c = iot_gtk_conc_row_at(m, &child, NULL);

		if (c == NULL)
			continue;
		g_ptr_array_add(out, c);
		iot_gtk_conc_collect(win, c, out);
	}
}

/* ---- loading -------------------------------------------------------------------------------- */

static void
loads_add(IotGtkConcentrator *win, const char *source_id, int delta)
{
	guint n = GPOINTER_TO_UINT(g_hash_table_lookup(win->loads, source_id));

	n = delta > 0 ? n + 1 : (n > 0 ? n - 1 : 0);
	if (n > 0)
		g_hash_table_insert(win->loads, g_strdup(source_id), GUINT_TO_POINTER(n));
	else
		g_hash_table_remove(win->loads, source_id);
}

/* The answer's rows, in its order, become @parent's children. */
static void
merge(IotGtkConcentrator *win, IotGtkConcRow *parent, const GPtrArray *sources,
      const GPtrArray *nodes)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GHashTable *keep = g_hash_table_new(NULL, NULL);
	GPtrArray *order = g_ptr_array_new(), *drop = g_ptr_array_new();
	GtkTreeIter it;
	gboolean ok, same = TRUE;
	guint i, n, cut = 0;

	for (i = 0; sources != NULL && i < sources->len; i++) {
		const IotConcentratorSource *s = g_ptr_array_index(sources, i);
		IotGtkConcRow *row = iot_gtk_conc_lookup(win, s->source_id, NULL, NULL);

		if (row != NULL && row->parent != parent)
			continue; /* a source is shown once */
		if (row != NULL) {
			iot_concentrator_source_free(row->source);
			row->source = iot_concentrator_source_copy(s);
			clean(&row->source->name);
			iot_gtk_conc_row_changed(win, row);
		} else {
			IotConcentratorSource *c = iot_concentrator_source_copy(s);

			clean(&c->name);
			row = row_insert(win, parent, NULL, c, NULL);
		}
		if (g_hash_table_add(keep, row))
			g_ptr_array_add(order, row);
	}
	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		IotGtkConcRow *row;

		if (order->len >= IOT_MAX_CONCENTRATOR_NODES) {
			cut = nodes->len - i;
			break;
		}
		row = iot_gtk_conc_upsert(win, parent, g_ptr_array_index(nodes, i), NULL);
		if (row != NULL && g_hash_table_add(keep, row))
			g_ptr_array_add(order, row);
	}
	/* Rows the answer no longer has. */
	for (ok = gtk_tree_model_iter_children(m, &it, parent_iter(win, parent)); ok;
	     ok = gtk_tree_model_iter_next(m, &it)) {
		IotGtkConcRow *row = iot_gtk_conc_row_at(m, &it, NULL);

		if (row != NULL && !g_hash_table_contains(keep, row))
			g_ptr_array_add(drop, row);
	}
	for (i = 0; i < drop->len; i++)
		iot_gtk_conc_remove_row(win, g_ptr_array_index(drop, i));
	/* After the new rows are in: a row left without children collapses. */
	remove_placeholder(win, parent);
	/* The answer's order, in one step and only when it differs. */
	n = (guint)gtk_tree_model_iter_n_children(m, parent_iter(win, parent));
	if (n == order->len) {
		GHashTable *pos = g_hash_table_new(NULL, NULL);

		for (i = 0, ok = gtk_tree_model_iter_children(m, &it, parent_iter(win, parent)); ok;
		     ok = gtk_tree_model_iter_next(m, &it), i++) {
			IotGtkConcRow *row = iot_gtk_conc_row_at(m, &it, NULL);

			g_hash_table_insert(pos, row, GUINT_TO_POINTER(i));
			if (row != g_ptr_array_index(order, i))
				same = FALSE;
		}
		if (!same) {
			gint *new_order = g_new(gint, n);

			for (i = 0; i < n; i++)
				new_order[i] = (gint)GPOINTER_TO_UINT(
				    g_hash_table_lookup(pos, g_ptr_array_index(order, i)));
			gtk_tree_store_reorder(win->store, parent_iter(win, parent), new_order);
			g_free(new_order);
		}
		g_hash_table_destroy(pos);
	}
	if (cut > 0) {
		char *text = g_strdup_printf(
		    /* TRANSLATORS: %1$s is a node's name, %2$u how many of its children were left out. */
		    g_dngettext(GETTEXT_PACKAGE, "“%s” has more children than can be shown: %u was left out.",
		                "“%s” has more children than can be shown: %u were left out.", cut),
		    iot_gtk_conc_row_name(parent), cut);

		iot_gtk_conc_show_status(win, text, TRUE);
		g_free(text);
	}
	g_hash_table_destroy(keep);
	g_ptr_array_free(order, TRUE);
	g_ptr_array_free(drop, TRUE);
}

static void
load_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	IotGtkConcRow *row = req->row;

	if (row == NULL)
		return;
	row->load = NULL;
	if (a->error != NULL) {
		char *why = iot_gtk_conc_error_text(a->error);

		g_free(row->load_error);
		row->load_error = why;
		if (row->placeholder) {
			placeholder_changed(win, row);
		} else {
			char *text = g_strdup_printf(
			    /* TRANSLATORS: %1$s is a node's or data source's name, %2$s why. */
			    _("Could not refresh “%s”: %s"),
			    row == &win->root ? win->title : iot_gtk_conc_row_name(row), why);

			iot_gtk_conc_show_status(win, text, TRUE);
			g_free(text);
		}
	} else {
		g_clear_pointer(&row->load_error, g_free);
		merge(win, row, a->sources, a->nodes);
		row->loaded = TRUE;
		if (row != &win->root)
			iot_gtk_conc_subscribe(win, iot_gtk_conc_row_source(row));
	}
	if (req->source_id != NULL) {
		loads_add(win, req->source_id, -1);
		/* What waited for this answer can be placed now (or never). */
		iot_gtk_conc_events_replay(win, req->source_id);
	}
	iot_gtk_conc_health_update(win);
	iot_gtk_conc_update_actions(win);
	iot_gtk_conc_messages_update(win);
	iot_gtk_conc_reveal_step(win);
}

void
iot_gtk_conc_load_cancelled(IotGtkConcentrator *win, IotGtkConcRequest *req)
{
	if (req->source_id == NULL)
		return;
	loads_add(win, req->source_id, -1);
	/* Called while rows are being removed: nothing is placed now. What
	 * still waits can only concern rows no answer will bring. */
	if (!g_hash_table_contains(win->loads, req->source_id))
		iot_gtk_conc_events_drop(win, req->source_id);
}

void
iot_gtk_conc_load(IotGtkConcentrator *win, IotGtkConcRow *row, gboolean refresh)
{
	IotGtkConcRequest *req;

	if (row->load != NULL || win->ops.load_children == NULL || win->closing)
		return;
	if (row->loaded && !refresh)
		return;
	if (row->node != NULL && !row->node->has_children && !row->loaded)
		return;
	req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_LOAD_CHILDREN, load_done, NULL, NULL);
	req->row = row;
	row->load = req;
	if (row != &win->root) {
		req->source_id = g_strdup(iot_gtk_conc_row_source(row));
		loads_add(win, req->source_id, +1);
	}
	g_clear_pointer(&row->load_error, g_free);
	placeholder_changed(win, row);
	/* Last: the owner may answer at once. */
	if (row == &win->root)
		win->ops.load_children(req, NULL, NULL, win->user_data);
	else if (row->source != NULL)
		win->ops.load_children(req, row->source->source_id, NULL, win->user_data);
	else
		win->ops.load_children(req, row->node->ref.source_id, &row->node->ref, win->user_data);
}

/* ---- subscriptions ---------------------------------------------------------------------------- */

static void
subscribe_done(IotGtkConcentrator *win, IotGtkConcRequest *req, IotGtkConcAnswer *a)
{
	g_hash_table_insert(win->subscribed, g_strdup(req->source_id),
	                    GINT_TO_POINTER(a->error != NULL ? IOT_GTK_CONC_SUB_FAILED
	                                                     : IOT_GTK_CONC_SUB_ACTIVE));
}

void
iot_gtk_conc_subscribe(IotGtkConcentrator *win, const char *source_id)
{
	IotGtkConcRequest *req;

	if (win->ops.subscribe == NULL || !win->online || !iot_gtk_conc_can(win, "subscribe") ||
	    g_hash_table_contains(win->subscribed, source_id))
		return;
	g_hash_table_insert(win->subscribed, g_strdup(source_id),
	                    GINT_TO_POINTER(IOT_GTK_CONC_SUB_ASKING));
	req = iot_gtk_conc_request_new(win, IOT_GTK_CONC_REQ_SUBSCRIBE, subscribe_done, NULL, NULL);
	req->source_id = g_strdup(source_id);
	win->ops.subscribe(req, source_id, win->user_data);
}

gboolean
iot_gtk_conc_events_active(IotGtkConcentrator *win, const char *source_id)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(win->subscribed, source_id)) ==
	       IOT_GTK_CONC_SUB_ACTIVE;
}

/* ---- life -------------------------------------------------------------------------------------- */

void
iot_gtk_conc_tree_init(IotGtkConcentrator *win)
{
	win->store = gtk_tree_store_new(IOT_GTK_CONC_STORE_N, G_TYPE_POINTER, G_TYPE_POINTER);
	win->rows = g_hash_table_new(g_str_hash, g_str_equal);
	win->loads = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	win->subscribed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	win->root.key = NULL;
	/* "Loading…" until the data sources are there. */
	add_placeholder(win, &win->root);
}

void
iot_gtk_conc_tree_free(IotGtkConcentrator *win)
{
	GHashTableIter it;
	gpointer value;

	g_hash_table_iter_init(&it, win->rows);
	while (g_hash_table_iter_next(&it, NULL, &value))
		row_free(value);
	g_hash_table_destroy(win->rows);
	g_hash_table_destroy(win->loads);
	g_hash_table_destroy(win->subscribed);
	g_object_unref(win->store);
	g_free(win->root.load_error);
}
