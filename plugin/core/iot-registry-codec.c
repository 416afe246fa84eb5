/* iot-registry-codec.c — registry stanzas: build and read. See iot-registry-codec.h. */
#include "iot-registry-codec.h"

#include "iot-error.h"
#include "iot-provisioning.h"
#include "iot-registry-private.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const struct {
	IotGeneration gen;
	const char *ns;
} registry_ns[] = {
	{ IOT_GEN_NF, "urn:nf:iot:disco:1.0" },
	{ IOT_GEN_NFI, "urn:nfi:iot:disco:1.0" },
	{ IOT_GEN_IEEE, "urn:ieee:iot:disco:1.0" },
	{ IOT_GEN_XSF, "urn:xmpp:iot:discovery" },
};

const char *
iot_registry_ns(IotGeneration gen)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(registry_ns); i++)
		if (registry_ns[i].gen == gen)
			return registry_ns[i].ns;
	return NULL;
}

IotGeneration
iot_registry_ns_generation(const char *ns)
{
	guint i;

	for (i = 0; ns != NULL && i < G_N_ELEMENTS(registry_ns); i++)
		if (strcmp(registry_ns[i].ns, ns) == 0)
			return registry_ns[i].gen;
	return IOT_GEN_UNKNOWN;
}

IotGeneration
iot_registry_pick(const IotDiscoInfo *info)
{
	guint i;

	for (i = 0; info != NULL && i < G_N_ELEMENTS(registry_ns); i++)
		if (iot_disco_info_has(info, registry_ns[i].ns))
			return registry_ns[i].gen;
	return IOT_GEN_UNKNOWN;
}

void
iot_registry_node_clear(IotRegistryNode *node)
{
	if (node == NULL)
		return;
	g_clear_pointer(&node->node_id, g_free);
	g_clear_pointer(&node->source_id, g_free);
	g_clear_pointer(&node->partition, g_free);
}

void
iot_registry_thing_free(IotRegistryThing *thing)
{
	if (thing == NULL)
		return;
	g_free(thing->jid);
	g_free(thing->owner);
	iot_registry_node_clear(&thing->node);
	if (thing->tags)
		g_ptr_array_free(thing->tags, TRUE);
	g_free(thing);
}

guint
iot_registry_page_next_offset(const IotRegistryPage *page)
{
	g_return_val_if_fail(page != NULL, 0);
	return page->offset + page->things->len + page->skipped;
}

void
iot_registry_page_free(IotRegistryPage *page)
{
	if (page == NULL)
		return;
	g_ptr_array_free(page->things, TRUE);
	g_free(page);
}

/* --- building ------------------------------------------------------------------- */

static xmlNode *
payload(IotGeneration gen, const char *name)
{
	const char *ns = iot_registry_ns(gen);

	g_return_val_if_fail(ns != NULL, NULL);
	return iot_xml_new(name, ns);
}

static void
set_node(xmlNode *n, IotGeneration gen, const IotRegistryNode *node)
{
	gboolean xsf = gen == IOT_GEN_XSF;

	if (node == NULL)
		return;
	iot_xml_set(n, xsf ? "nodeId" : "id", node->node_id);
	iot_xml_set(n, xsf ? "sourceId" : "src", node->source_id);
	iot_xml_set(n, xsf ? "cacheType" : "pt", node->partition);
}

static void
add_tags(xmlNode *n, const GPtrArray *tags)
{
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);
		xmlNode *c = iot_xml_add(n, t->numeric ? "num" : "str");

		iot_xml_set(c, "name", t->name);
		iot_xml_set(c, "value", t->value);
	}
}

xmlNode *
iot_registry_build_mine(IotGeneration gen, const GPtrArray *tags, gboolean make_public)
{
	xmlNode *n = payload(gen, "mine");

	if (n == NULL)
		return NULL;
	/* Written both ways: XEP-0347 defaults to public, a reader of an older
	 * draft may not. */
	iot_xml_set(n, "public", make_public ? "true" : "false");
	add_tags(n, tags);
	return n;
}

static xmlNode *
jid_payload(IotGeneration gen, const char *name, const char *jid, const IotRegistryNode *node)
{
	xmlNode *n;

	g_return_val_if_fail(jid != NULL, NULL);
	n = payload(gen, name);
	if (n == NULL)
		return NULL;
	iot_xml_set(n, "jid", jid);
	set_node(n, gen, node);
	return n;
}

xmlNode *
iot_registry_build_remove(IotGeneration gen, const char *jid, const IotRegistryNode *node)
{
	return jid_payload(gen, "remove", jid, node);
}

xmlNode *
iot_registry_build_disown(IotGeneration gen, const char *jid, const IotRegistryNode *node)
{
	return jid_payload(gen, "disown", jid, node);
}

xmlNode *
iot_registry_build_update(IotGeneration gen, const char *jid, const IotRegistryNode *node,
                          const GPtrArray *tags)
{
	xmlNode *n = jid_payload(gen, "update", jid, node);

	if (n != NULL)
		add_tags(n, tags);
	return n;
}

static const char *const op_names[] = { "Eq", "NEq", "Lt", "LtEq", "Gt", "GtEq", "Range", "NRange",
	                                    "Mask" };

xmlNode *
iot_registry_build_search(IotGeneration gen, const GPtrArray *conds, guint offset, guint max_count)
{
	xmlNode *n = payload(gen, "search");
	char buf[32];
	guint i;

	if (n == NULL)
		return NULL;
	g_snprintf(buf, sizeof buf, "%u", offset);
	iot_xml_set(n, "offset", buf);
	if (max_count > 0) {
		g_snprintf(buf, sizeof buf, "%u", max_count);
		iot_xml_set(n, "maxCount", buf);
	}
	for (i = 0; conds != NULL && i < conds->len; i++) {
		const IotSearchCond *c = g_ptr_array_index(conds, i);
		char *name = g_strconcat(c->numeric ? "num" : "str", op_names[c->op], NULL);
		xmlNode *e = iot_xml_add(n, name);

		g_free(name);
		iot_xml_set(e, "name", c->name);
		if (c->op == IOT_SEARCH_RANGE || c->op == IOT_SEARCH_NRANGE) {
			iot_xml_set(e, "min", c->min);
			iot_xml_set(e, "minIncluded", c->min_included ? "true" : "false");
			iot_xml_set(e, "max", c->max);
			iot_xml_set(e, "maxIncluded", c->max_included ? "true" : "false");
		} else {
			iot_xml_set(e, "value", c->value);
			if (c->op == IOT_SEARCH_MASK)
				iot_xml_set(e, "wildcard", c->wildcard);
		}
	}
	return n;
}

/* --- reading -------------------------------------------------------------------- */

static char *
bounded_attr(const xmlNode *n, const char *name, const char *alt)
{
	const char *v = iot_xml_attr2(n, name, alt), *p;

	if (v == NULL || *v == '\0' || strlen(v) > IOT_REGISTRY_MAX_ATTR_BYTES ||
	    !iot_xml_is_valid_text(v))
		return NULL;
	for (p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return NULL; /* no line breaks or tabs in a JID or node id */
	return g_strdup(v);
}

static void
read_node(const xmlNode *n, IotRegistryNode *node)
{
	node->node_id = bounded_attr(n, "nodeId", "id");
	node->source_id = bounded_attr(n, "sourceId", "src");
	node->partition = bounded_attr(n, "cacheType", "pt");
}

static gboolean
is_registry(const xmlNode *n, const char *name)
{
	return iot_xml_is(n, name, NULL) && iot_registry_ns_generation(iot_xml_ns(n)) != IOT_GEN_UNKNOWN;
}

IotRegistryThing *
iot_registry_parse_claimed(const xmlNode *el, GError **error)
{
	IotRegistryThing *t;

	if (el == NULL || !is_registry(el, "claimed"))
		return NULL;
	t = g_new0(IotRegistryThing, 1);
	t->jid = bounded_attr(el, "jid", NULL);
	if (t->jid == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    _("The registry's answer names no thing."));
		iot_registry_thing_free(t);
		return NULL;
	}
	read_node(el, &t->node);
	t->tags = iot_registry_tags_new();
	return t;
}

IotRegistryPage *
iot_registry_parse_found(const xmlNode *el, guint offset, GError **error)
{
	IotRegistryPage *page;
	const xmlNode *c, *tag;

	/* getDevices answers "as a XEP-0347 search": in the discovery namespace
	 * or, as its own reader does not mind, in the owner namespace. */
	if (el == NULL || !iot_xml_is(el, "found", NULL) ||
	    (iot_registry_ns_generation(iot_xml_ns(el)) == IOT_GEN_UNKNOWN &&
	     iot_provisioning_ns_generation(iot_xml_ns(el)) == IOT_GEN_UNKNOWN)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    _("The answer is not a list of things."));
		return NULL;
	}
	page = g_new0(IotRegistryPage, 1);
	page->things = g_ptr_array_new_with_free_func((GDestroyNotify)iot_registry_thing_free);
	page->offset = offset;
	page->more = iot_xml_attr_bool(el, "more", FALSE);
	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		IotRegistryThing *t;

		if (!iot_xml_is(c, "thing", NULL))
			continue;
		if (page->things->len >= IOT_REGISTRY_MAX_PAGE) {
			page->skipped++;
			continue;
		}
		t = g_new0(IotRegistryThing, 1);
		t->jid = bounded_attr(c, "jid", NULL);
		if (t->jid == NULL) {
			iot_registry_thing_free(t);
			page->skipped++;
			continue;
		}
		t->owner = bounded_attr(c, "owner", NULL);
		read_node(c, &t->node);
		t->tags = iot_registry_tags_new();
		for (tag = iot_xml_first(c); tag != NULL; tag = iot_xml_next(tag)) {
			gboolean numeric = iot_xml_is(tag, "num", NULL);
			const char *name = iot_xml_attr(tag, "name");

			if (!numeric && !iot_xml_is(tag, "str", NULL))
				continue;
			if (iot_registry_tag_is_key(name)) {
				page->key_dropped = TRUE;
				continue;
			}
			/* A tag we cannot hold (too long, malformed, twice) is left
			 * out: the thing itself is still worth showing. */
			iot_registry_tags_add(t->tags, name, iot_xml_attr(tag, "value"), numeric, NULL);
		}
		g_ptr_array_add(page->things, t);
	}
	return page;
}
