/* iot-provisioning-question.c — owner questions: read, describe, merge. See iot-provisioning.h. */
#include "iot-provisioning.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-model.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static int
strcmp_indirect(const char **a, const char **b)
{
	return strcmp(*a, *b);
}

static gboolean
is_jid(const char *s)
{
	char *b = iot_jid_bare(s);
	gboolean ok = b != NULL;

	g_free(b);
	return ok;
}

static const struct {
	IotGeneration gen;
	const char *ns;
} owner_ns[] = {
	{ IOT_GEN_NF, "urn:nf:iot:prov:o:1.0" },
	{ IOT_GEN_NFI, "urn:nfi:iot:prov:o:1.0" },
	{ IOT_GEN_IEEE, "urn:ieee:iot:prov:o:1.0" },
};

const char *
iot_provisioning_ns(IotGeneration gen)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(owner_ns); i++)
		if (owner_ns[i].gen == gen)
			return owner_ns[i].ns;
	return NULL;
}

IotGeneration
iot_provisioning_ns_generation(const char *ns)
{
	guint i;

	for (i = 0; ns != NULL && i < G_N_ELEMENTS(owner_ns); i++)
		if (strcmp(owner_ns[i].ns, ns) == 0)
			return owner_ns[i].gen;
	return IOT_GEN_UNKNOWN;
}

IotGeneration
iot_provisioning_pick(const IotDiscoInfo *info)
{
	guint i;

	for (i = 0; info != NULL && i < G_N_ELEMENTS(owner_ns); i++)
		if (iot_disco_info_has(info, owner_ns[i].ns))
			return owner_ns[i].gen;
	return IOT_GEN_UNKNOWN;
}

static void
node_free(gpointer data)
{
	iot_registry_node_clear(data);
	g_free(data);
}

void
iot_question_free(IotQuestion *q)
{
	if (q == NULL)
		return;
	g_free(q->service);
	g_free(q->jid);
	g_free(q->remote_jid);
	g_free(q->key);
	g_ptr_array_free(q->nodes, TRUE);
	g_ptr_array_free(q->fields, TRUE);
	g_ptr_array_free(q->parameters, TRUE);
	g_ptr_array_free(q->service_tokens, TRUE);
	g_ptr_array_free(q->device_tokens, TRUE);
	g_ptr_array_free(q->user_tokens, TRUE);
	g_free(q);
}

/* A copy of @v when it is non-empty, bounded, valid text without control
 * characters (a line break in a JID or a name could fake lines where it is
 * shown); else NULL. */
static char *
bounded(const char *v)
{
	const char *p;

	if (v == NULL || *v == '\0' || strlen(v) > IOT_PROVISIONING_MAX_ATTR_BYTES ||
	    !iot_xml_is_valid_text(v))
		return NULL;
	for (p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return NULL;
	return g_strdup(v);
}

static gboolean
kind_of(const xmlNode *el, IotQuestionKind *kind)
{
	if (iot_xml_is(el, "isFriend", NULL))
		*kind = IOT_QUESTION_IS_FRIEND;
	else if (iot_xml_is(el, "canRead", NULL))
		*kind = IOT_QUESTION_CAN_READ;
	else if (iot_xml_is(el, "canControl", NULL))
		*kind = IOT_QUESTION_CAN_CONTROL;
	else
		return FALSE;
	return TRUE;
}

gboolean
iot_provisioning_is_question(const xmlNode *el)
{
	IotQuestionKind k;

	return el != NULL && iot_provisioning_ns_generation(iot_xml_ns(el)) != IOT_GEN_UNKNOWN &&
	       kind_of(el, &k);
}

gboolean
iot_provisioning_answered_read(const xmlNode *el, const char **key)
{
	const char *k;

	if (el == NULL || !iot_xml_is(el, "answered", NULL) ||
	    iot_provisioning_ns_generation(iot_xml_ns(el)) == IOT_GEN_UNKNOWN)
		return FALSE;
	k = iot_xml_attr(el, "key");
	if (k == NULL || *k == '\0' || strlen(k) > IOT_PROVISIONING_MAX_ATTR_BYTES)
		return FALSE;
	if (key)
		*key = k;
	return TRUE;
}

static void
add_name(IotQuestion *q, GPtrArray *to, const char *v)
{
	char *b = bounded(v);
	guint i;

	if (b == NULL || to->len >= IOT_PROVISIONING_MAX_ITEMS) {
		q->skipped++;
		g_free(b);
		return;
	}
	for (i = 0; i < to->len; i++)
		if (strcmp(g_ptr_array_index(to, i), b) == 0) {
			g_free(b);
			return;
		}
	g_ptr_array_add(to, b);
}

static void
read_tokens(IotQuestion *q, GPtrArray *to, const char *attr)
{
	char **parts;
	guint i;

	if (attr == NULL)
		return;
	if (strlen(attr) > IOT_PROVISIONING_MAX_ATTR_BYTES * 4) {
		q->skipped++;
		return;
	}
	parts = g_strsplit_set(attr, " \t\r\n", -1);
	for (i = 0; parts[i] != NULL; i++)
		if (*parts[i] != '\0')
			add_name(q, to, parts[i]);
	g_strfreev(parts);
}

static void
read_node(IotQuestion *q, const xmlNode *nd)
{
	IotRegistryNode *n;

	if (q->nodes->len >= IOT_PROVISIONING_MAX_ITEMS) {
		q->skipped++;
		return;
	}
	n = g_new0(IotRegistryNode, 1);
	n->node_id = bounded(iot_xml_attr2(nd, "id", "nodeId"));
	n->source_id = bounded(iot_xml_attr2(nd, "src", "sourceId"));
	n->partition = bounded(iot_xml_attr2(nd, "pt", "cacheType"));
	if (n->node_id == NULL) {
		q->skipped++;
		node_free(n);
		return;
	}
	g_ptr_array_add(q->nodes, n);
}

static const struct {
	const char *attr;
	guint32 bits;
} category_attrs[] = {
	{ "m", IOT_CAT_MOMENTARY }, { "p", IOT_CAT_PEAK },     { "s", IOT_CAT_STATUS },
	{ "c", IOT_CAT_COMPUTED },  { "i", IOT_CAT_IDENTITY }, { "h", IOT_CAT_HISTORICAL },
};

static guint32
read_categories(const xmlNode *el)
{
	guint32 bits = 0;
	guint i;

	if (iot_xml_attr_bool(el, "all", FALSE))
		return IOT_CAT_ALL;
	for (i = 0; i < G_N_ELEMENTS(category_attrs); i++)
		if (iot_xml_attr_bool(el, category_attrs[i].attr, FALSE))
			bits |= category_attrs[i].bits;
	return bits;
}

IotQuestion *
iot_provisioning_question_parse(const xmlNode *el, const char *from, GError **error)
{
	IotQuestion *q;
	IotQuestionKind kind;
	const xmlNode *c, *p;
	IotGeneration gen = el ? iot_provisioning_ns_generation(iot_xml_ns(el)) : IOT_GEN_UNKNOWN;

	if (gen == IOT_GEN_UNKNOWN || !kind_of(el, &kind)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, _("Not a provisioning question."));
		return NULL;
	}
	q = g_new0(IotQuestion, 1);
	q->gen = gen;
	q->kind = kind;
	q->service = bounded(from);
	q->jid = bounded(iot_xml_attr(el, "jid"));
	q->remote_jid = bounded(iot_xml_attr(el, "remoteJid"));
	q->key = bounded(iot_xml_attr(el, "key"));
	q->nodes = g_ptr_array_new_with_free_func(node_free);
	q->fields = g_ptr_array_new_with_free_func(g_free);
	q->parameters = g_ptr_array_new_with_free_func(g_free);
	q->service_tokens = g_ptr_array_new_with_free_func(g_free);
	q->device_tokens = g_ptr_array_new_with_free_func(g_free);
	q->user_tokens = g_ptr_array_new_with_free_func(g_free);
	if (q->service == NULL || q->jid == NULL || q->remote_jid == NULL || q->key == NULL ||
	    !is_jid(q->jid) || !is_jid(q->remote_jid)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    _("A provisioning question without the thing, the requester or its key."));
		iot_question_free(q);
		return NULL;
	}
	if (kind == IOT_QUESTION_IS_FRIEND)
		return q;
	read_tokens(q, q->service_tokens, iot_xml_attr(el, "st"));
	read_tokens(q, q->device_tokens, iot_xml_attr(el, "dt"));
	read_tokens(q, q->user_tokens, iot_xml_attr(el, "ut"));
	if (kind == IOT_QUESTION_CAN_READ)
		q->categories = read_categories(el);
	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "nd", NULL))
			read_node(q, c);
		else if (kind == IOT_QUESTION_CAN_READ && iot_xml_is(c, "f", NULL))
			add_name(q, q->fields, iot_xml_attr(c, "n"));
		else if (kind == IOT_QUESTION_CAN_CONTROL && iot_xml_is(c, "p", NULL))
			add_name(q, q->parameters, iot_xml_attr(c, "n"));
		else if (kind == IOT_QUESTION_CAN_CONTROL && iot_xml_is(c, "partial", NULL))
			for (p = iot_xml_first(c); p != NULL; p = iot_xml_next(p))
				if (iot_xml_is(p, "p", NULL))
					add_name(q, q->parameters, iot_xml_attr(p, "n"));
	}
	return q;
}

static char *
join_names(const GPtrArray *names)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; names != NULL && i < names->len; i++) {
		if (i > 0)
			g_string_append(s, ", ");
		g_string_append(s, g_ptr_array_index(names, i));
	}
	return g_string_free(s, FALSE);
}

char *
iot_provisioning_question_describe(const IotQuestion *q)
{
	char *what = NULL, *out, *thing;
	const IotRegistryNode *n = q->nodes->len > 0 ? g_ptr_array_index(q->nodes, 0) : NULL;

	if (n != NULL)
		/* TRANSLATORS: a node behind a thing, e.g. "rack@example.org, node imc1" */
		thing = g_strdup_printf(_("%s, node %s"), q->jid, n->node_id);
	else
		thing = g_strdup(q->jid);
	switch (q->kind) {
	case IOT_QUESTION_IS_FRIEND:
		out = g_strdup_printf(_("May %s become friends with %s?"), q->remote_jid, thing);
		break;
	case IOT_QUESTION_CAN_READ:
		if (q->fields->len > 0)
			what = join_names(q->fields);
		else if (q->categories != 0 && q->categories != IOT_CAT_ALL)
			what = iot_format_categories(q->categories);
		out = what ? g_strdup_printf(_("May %s read %s (%s)?"), q->remote_jid, thing, what)
		           : g_strdup_printf(_("May %s read %s?"), q->remote_jid, thing);
		break;
	default:
		if (q->parameters->len > 0)
			what = join_names(q->parameters);
		out = what ? g_strdup_printf(_("May %s control %s (%s)?"), q->remote_jid, thing, what)
		           : g_strdup_printf(_("May %s control %s?"), q->remote_jid, thing);
		break;
	}
	g_free(what);
	g_free(thing);
	return out;
}

/* The separator of merge-key parts: not a character XML text may hold. */
#define SEP "\001"

static char *
bare_or_raw(const char *jid)
{
	char *b = iot_jid_bare(jid);

	return b ? b : g_ascii_strdown(jid ? jid : "", -1);
}

static void
append_sorted(GString *s, const GPtrArray *names)
{
	GPtrArray *copy = g_ptr_array_new();
	guint i;

	for (i = 0; names != NULL && i < names->len; i++)
		g_ptr_array_add(copy, g_ptr_array_index(names, i));
	g_ptr_array_sort(copy, (GCompareFunc)strcmp_indirect);
	for (i = 0; i < copy->len; i++) {
		g_string_append(s, g_ptr_array_index(copy, i));
		g_string_append(s, "\002");
	}
	g_string_append(s, SEP);
	g_ptr_array_free(copy, TRUE);
}

char *
iot_provisioning_question_merge_key(const IotQuestion *q)
{
	GString *s = g_string_new(NULL);
	GPtrArray *nodes = g_ptr_array_new_with_free_func(g_free);
	char *b;
	guint i;

	b = bare_or_raw(q->service);
	g_string_append_printf(s, "%s" SEP "%d" SEP, b, (int)q->kind);
	g_free(b);
	b = bare_or_raw(q->jid);
	g_string_append(s, b);
	g_string_append(s, SEP);
	g_free(b);
	b = bare_or_raw(q->remote_jid);
	g_string_append(s, b);
	g_string_append(s, SEP);
	g_free(b);
	for (i = 0; i < q->nodes->len; i++) {
		const IotRegistryNode *n = g_ptr_array_index(q->nodes, i);

		g_ptr_array_add(nodes, g_strconcat(n->node_id, "\003", n->source_id ? n->source_id : "",
		                                   "\003", n->partition ? n->partition : "", NULL));
	}
	append_sorted(s, nodes);
	g_string_append_printf(s, "%u" SEP, (guint)q->categories);
	append_sorted(s, q->fields);
	append_sorted(s, q->parameters);
	append_sorted(s, q->service_tokens);
	append_sorted(s, q->device_tokens);
	append_sorted(s, q->user_tokens);
	g_ptr_array_free(nodes, TRUE);
	return g_string_free(s, FALSE);
}

/* --- the book of pending questions ------------------------------------------------- */

struct _IotQuestionBook {
	GHashTable *groups; /* merge key → GPtrArray of IotQuestion */
	guint count;
};

IotQuestionBook *
iot_question_book_new(void)
{
	IotQuestionBook *b = g_new0(IotQuestionBook, 1);

	b->groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                  (GDestroyNotify)g_ptr_array_unref);
	return b;
}

void
iot_question_book_free(IotQuestionBook *book)
{
	if (book == NULL)
		return;
	g_hash_table_destroy(book->groups);
	g_free(book);
}

static gboolean
same_question(const IotQuestion *a, const char *service, const char *key)
{
	return g_strcmp0(a->key, key) == 0 && iot_jid_same_bare(a->service, service);
}

const char *
iot_question_book_add(IotQuestionBook *book, IotQuestion *q, gboolean *is_new)
{
	char *mk;
	gpointer orig_key = NULL, value = NULL;
	GPtrArray *group;
	guint i;

	g_return_val_if_fail(book != NULL && q != NULL, NULL);
	if (is_new)
		*is_new = FALSE;
	mk = iot_provisioning_question_merge_key(q);
	if (g_hash_table_lookup_extended(book->groups, mk, &orig_key, &value)) {
		group = value;
		g_free(mk);
		for (i = 0; i < group->len; i++)
			if (same_question(g_ptr_array_index(group, i), q->service, q->key)) {
				iot_question_free(q); /* the service asked again */
				return orig_key;
			}
		if (book->count >= IOT_PROVISIONING_MAX_PENDING) {
			iot_question_free(q);
			return NULL;
		}
		g_ptr_array_add(group, q);
		book->count++;
		return orig_key;
	}
	if (book->count >= IOT_PROVISIONING_MAX_PENDING) {
		g_free(mk);
		iot_question_free(q);
		return NULL;
	}
	group = g_ptr_array_new_with_free_func((GDestroyNotify)iot_question_free);
	g_ptr_array_add(group, q);
	g_hash_table_insert(book->groups, mk, group);
	book->count++;
	if (is_new)
		*is_new = TRUE;
	return mk;
}

const IotQuestion *
iot_question_book_peek(IotQuestionBook *book, const char *merge_key)
{
	GPtrArray *group = merge_key ? g_hash_table_lookup(book->groups, merge_key) : NULL;

	return group && group->len > 0 ? g_ptr_array_index(group, 0) : NULL;
}

GPtrArray *
iot_question_book_take(IotQuestionBook *book, const char *merge_key)
{
	gpointer k = NULL, v = NULL;

	if (merge_key == NULL || !g_hash_table_steal_extended(book->groups, merge_key, &k, &v))
		return NULL;
	g_free(k);
	book->count -= ((GPtrArray *)v)->len;
	return v;
}

gboolean
iot_question_book_forget(IotQuestionBook *book, const char *service, const char *key)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, book->groups);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		GPtrArray *group = v;
		guint i;

		for (i = 0; i < group->len; i++) {
			if (!same_question(g_ptr_array_index(group, i), service, key))
				continue;
			g_ptr_array_remove_index(group, i);
			book->count--;
			if (group->len == 0) {
				g_hash_table_iter_remove(&it);
				return TRUE;
			}
			return FALSE;
		}
	}
	return FALSE;
}

guint
iot_question_book_count(IotQuestionBook *book)
{
	return book ? book->count : 0;
}
