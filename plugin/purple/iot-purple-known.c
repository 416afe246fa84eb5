/* iot-purple-known.c — what a resource told us. See iot-purple-known.h. */
#include "iot-purple-known.h"

#include "iot-jid.h"
#include "iot-limits.h"

#include <string.h>

/* Bounds: resources a store remembers, values and node sets per resource. */
#define KNOWN_RESOURCES_MAX IOT_MAX_DISCO_CACHE
#define KNOWN_FIELDS_MAX IOT_MAX_CONTROL_PARAMETERS
#define KNOWN_NO_FORM_MAX IOT_MAX_CONTROL_NODES

/* Separators inside keys: XML 1.0 cannot carry them, so no name holds one. */
#define SEP_PART "\x1f"
#define SEP_NODE "\x1e"

typedef struct {
	GHashTable *no_form; /* node-set key → (set) */
	GPtrArray *fields;   /* (element-type IotField) owned, first-seen order */
	GHashTable *index;   /* field key → IotField (borrowed from @fields) */
} Entry;

struct _IotPurpleKnown {
	GHashTable *entries; /* normalised full JID → Entry */
};

static void
entry_free(gpointer data)
{
	Entry *e = data;

	g_hash_table_destroy(e->no_form);
	g_hash_table_destroy(e->index);
	g_ptr_array_unref(e->fields);
	g_free(e);
}

IotPurpleKnown *
iot_purple_known_new(void)
{
	IotPurpleKnown *k = g_new0(IotPurpleKnown, 1);

	k->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
	return k;
}

void
iot_purple_known_free(IotPurpleKnown *k)
{
	if (k == NULL)
		return;
	g_hash_table_destroy(k->entries);
	g_free(k);
}

/* The bare JID normalised, the resource exact (as iot_jid_equal() compares). */
static char *
jid_key(const char *full_jid)
{
	char *bare = full_jid != NULL ? iot_jid_bare(full_jid) : NULL;
	const char *res = bare != NULL ? iot_jid_resource(full_jid) : NULL;
	char *key;

	if (bare == NULL)
		return NULL;
	key = g_strconcat(bare, "/", res != NULL ? res : "", NULL);
	g_free(bare);
	return key;
}

static Entry *
lookup(const IotPurpleKnown *k, const char *full_jid)
{
	char *key = jid_key(full_jid);
	Entry *e = key != NULL ? g_hash_table_lookup(k->entries, key) : NULL;

	g_free(key);
	return e;
}

static Entry *
lookup_or_add(IotPurpleKnown *k, const char *full_jid)
{
	char *key = jid_key(full_jid);
	Entry *e;

	if (key == NULL)
		return NULL;
	if ((e = g_hash_table_lookup(k->entries, key)) != NULL) {
		g_free(key);
		return e;
	}
	/* Crude but bounded: a store that fills up starts again. */
	if (g_hash_table_size(k->entries) >= KNOWN_RESOURCES_MAX)
		g_hash_table_remove_all(k->entries);
	e = g_new0(Entry, 1);
	e->no_form = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	e->fields = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	e->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_insert(k->entries, key, e);
	return e;
}

void
iot_purple_known_forget(IotPurpleKnown *k, const char *full_jid)
{
	char *key;

	g_return_if_fail(k != NULL);
	key = jid_key(full_jid);
	if (key != NULL)
		g_hash_table_remove(k->entries, key);
	g_free(key);
}

/* --- no form --------------------------------------------------------------------- */

static char *
nodes_key(const GPtrArray *nodes)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		const IotNodeRef *n = g_ptr_array_index(nodes, i);

		g_string_append_printf(s, "%s" SEP_PART "%s" SEP_PART "%s" SEP_NODE,
		                       n->node_id ? n->node_id : "", n->source_id ? n->source_id : "",
		                       n->partition ? n->partition : "");
	}
	return g_string_free(s, FALSE);
}

void
iot_purple_known_set_no_form(IotPurpleKnown *k, const char *full_jid, const GPtrArray *nodes)
{
	Entry *e;

	g_return_if_fail(k != NULL);
	if ((e = lookup_or_add(k, full_jid)) == NULL)
		return;
	if (g_hash_table_size(e->no_form) >= KNOWN_NO_FORM_MAX)
		g_hash_table_remove_all(e->no_form);
	g_hash_table_add(e->no_form, nodes_key(nodes));
}

gboolean
iot_purple_known_no_form(const IotPurpleKnown *k, const char *full_jid, const GPtrArray *nodes)
{
	Entry *e;
	char *key;
	gboolean found;

	g_return_val_if_fail(k != NULL, FALSE);
	if ((e = lookup(k, full_jid)) == NULL)
		return FALSE;
	key = nodes_key(nodes);
	found = g_hash_table_contains(e->no_form, key);
	g_free(key);
	return found;
}

/* --- values ---------------------------------------------------------------------- */

static char *
field_key(const IotField *f)
{
	const IotNodeRef *n = &f->node;

	return g_strconcat(n->node_id ? n->node_id : "", SEP_PART, n->source_id ? n->source_id : "",
	                   SEP_PART, n->partition ? n->partition : "", SEP_PART, f->name, NULL);
}

/* How well @f stands for a parameter: iot_control_find_sensor_field()'s order. */
static int
score(const IotField *f)
{
	return (f->writable ? 4 : 0) +
	       ((f->categories & IOT_CAT_MOMENTARY) ? 2 : (f->categories & IOT_CAT_STATUS) ? 1 : 0);
}

/* Values that can stand for a parameter now: not missing, not only history. */
static gboolean
keepable(const IotField *f)
{
	if (f->qos & IOT_QOS_MISSING)
		return FALSE;
	return f->writable || (f->categories & (IOT_CAT_MOMENTARY | IOT_CAT_STATUS)) != 0 ||
	       (f->categories & IOT_CAT_HISTORICAL) == 0;
}

void
iot_purple_known_add_readout(IotPurpleKnown *k, const char *full_jid, const IotReadout *readout)
{
	GHashTable *seen; /* field key → score of the value taken from this readout */
	Entry *e;
	guint i;

	g_return_if_fail(k != NULL);
	if (readout == NULL || readout->fields->len == 0 || (e = lookup_or_add(k, full_jid)) == NULL)
		return;
	seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (i = 0; i < readout->fields->len; i++) {
		const IotField *f = g_ptr_array_index(readout->fields, i);
		IotField *old;
		char *key;
		gpointer taken;

		if (!keepable(f))
			continue;
		key = field_key(f);
		old = g_hash_table_lookup(e->index, key);
		/* Within one readout the best value of a name wins; a newer readout
		 * replaces an older value unless that one stood better for it. */
		if (g_hash_table_lookup_extended(seen, key, NULL, &taken)
		        ? score(f) <= GPOINTER_TO_INT(taken)
		        : (old != NULL && score(f) < score(old))) {
			g_free(key);
			continue;
		}
		if (old != NULL) {
			guint at;

			if (g_ptr_array_find(e->fields, old, &at)) {
				IotField *copy = iot_field_copy(f);

				/* In place: the order stays the order first seen. */
				iot_field_free(old);
				g_ptr_array_index(e->fields, at) = copy;
				g_hash_table_insert(e->index, g_strdup(key), copy);
			}
		} else if (e->fields->len < KNOWN_FIELDS_MAX) {
			IotField *copy = iot_field_copy(f);

			g_ptr_array_add(e->fields, copy);
			g_hash_table_insert(e->index, g_strdup(key), copy);
		}
		g_hash_table_insert(seen, key, GINT_TO_POINTER(score(f)));
	}
	g_hash_table_destroy(seen);
}

static gboolean
on_nodes(const IotField *f, const GPtrArray *nodes)
{
	guint i;

	if (nodes == NULL || nodes->len == 0)
		return TRUE;
	for (i = 0; i < nodes->len; i++) {
		const IotNodeRef *n = g_ptr_array_index(nodes, i);

		if (n->node_id != NULL && g_strcmp0(n->node_id, f->node.node_id) == 0)
			return TRUE;
	}
	return FALSE;
}

static gboolean
names_field(const IotReadout *r, const char *name)
{
	char *want;
	gboolean found = FALSE;
	guint i;

	if (iot_control_find_sensor_field(r, name) != NULL)
		return TRUE;
	want = g_utf8_casefold(name, -1);
	for (i = 0; i < r->fields->len && !found; i++) {
		char *fold = g_utf8_casefold(((IotField *)g_ptr_array_index(r->fields, i))->name, -1);

		found = strcmp(fold, want) == 0;
		g_free(fold);
	}
	g_free(want);
	return found;
}

IotReadout *
iot_purple_known_values(const IotPurpleKnown *k, const char *full_jid, const GPtrArray *nodes,
                        const char *const *names)
{
	Entry *e;
	IotReadout *r;
	guint i;

	g_return_val_if_fail(k != NULL, NULL);
	if (names == NULL || names[0] == NULL || (e = lookup(k, full_jid)) == NULL)
		return NULL;
	r = iot_readout_new();
	for (i = 0; i < e->fields->len; i++) {
		const IotField *f = g_ptr_array_index(e->fields, i);

		if (on_nodes(f, nodes))
			g_ptr_array_add(r->fields, iot_field_copy(f));
	}
	for (i = 0; names[i] != NULL; i++) {
		if (!names_field(r, names[i])) {
			iot_readout_free(r);
			return NULL;
		}
	}
	return r;
}

/* --- after a set ------------------------------------------------------------------ */

static gboolean
applied(const IotControlResult *result, const char *name)
{
	guint i;

	if (result->params == NULL)
		return TRUE;
	for (i = 0; i < result->params->len; i++)
		if (g_strcmp0(g_ptr_array_index(result->params, i), name) == 0)
			return TRUE;
	return FALSE;
}

static void
take_value(IotField *f, const IotControlParam *p)
{
	char *end = NULL;

	g_free(f->value);
	f->value = g_strdup(p->value);
	f->number_valid = FALSE;
	if (f->type == IOT_VALUE_NUMERIC || f->type == IOT_VALUE_INT || f->type == IOT_VALUE_LONG) {
		f->number = g_ascii_strtod(f->value, &end);
		f->number_valid = end != f->value && *end == '\0';
	}
}

void
iot_purple_known_note_set(IotPurpleKnown *k, const char *full_jid, const IotControlSet *set,
                          const IotControlResult *result)
{
	Entry *e;
	guint i, j;

	g_return_if_fail(k != NULL && set != NULL);
	if (result == NULL || result->error != NULL || (e = lookup(k, full_jid)) == NULL)
		return;
	for (i = 0; i < set->params->len; i++) {
		const IotControlParam *p = g_ptr_array_index(set->params, i);

		if (!applied(result, p->name))
			continue;
		for (j = 0; j < e->fields->len; j++) {
			IotField *f = g_ptr_array_index(e->fields, j);

			if (strcmp(f->name, p->name) == 0 && on_nodes(f, set->nodes))
				take_value(f, p);
		}
	}
}
