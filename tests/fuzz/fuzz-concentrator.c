/*
 * fuzz-concentrator.c — libFuzzer target for the concentrator codec.
 *
 * Bytes → iot_xml_parse → the root (and each element child of the root) read
 * as every concentrator answer: data sources, a node list, one node (with and
 * without the node asked about), a yes/no. What is read must hold its
 * promises — an id on every node, identities and labels within their bounds
 * and valid text, lists within theirs — and every node and source read is
 * asked about again in each generation: the request must be well-formed.
 * Each node also goes through the cache. Seeds: tests/fixtures/concentrator
 * (the XEP-0326 and neuro-foundation.io examples and the hub's answers).
 */
#include "iot-concentrator.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	g_setenv("TZ", "UTC", TRUE);
	return 0;
}

static void
check_text(const char *s, gsize max)
{
	if (s != NULL && (strlen(s) > max || !g_utf8_validate(s, -1, NULL)))
		abort();
}

/* The request @op about @source_id or @node, in every generation, is well-formed. */
static void
ask_again(IotConcentratorOp op, const char *source_id, const IotNodeRef *node)
{
	IotGeneration gen;
	guint i;

	for (i = 0; (gen = iot_generation_preference(i)) != IOT_GEN_UNKNOWN; i++) {
		xmlNode *n = iot_concentrator_build(gen, op, source_id, node);
		char *text = iot_xml_to_string(n);
		xmlDoc *doc = iot_xml_parse(text, -1, NULL);

		if (doc == NULL)
			abort();
		xmlFreeDoc(doc);
		g_free(text);
		xmlFreeNode(n);
	}
}

static void
check_node(const IotConcentratorNode *n, IotConcentratorCache *cache)
{
	if (n->ref.node_id == NULL)
		abort();
	check_text(n->ref.node_id, IOT_MAX_NAME_BYTES);
	check_text(n->ref.source_id, IOT_MAX_NAME_BYTES);
	check_text(n->ref.partition, IOT_MAX_NAME_BYTES);
	check_text(n->display_name, IOT_MAX_LABEL_BYTES);
	check_text(n->node_type, IOT_MAX_NAME_BYTES);
	check_text(n->parent_id, IOT_MAX_NAME_BYTES);
	ask_again(IOT_CONCENTRATOR_GET_NODE, NULL, &n->ref);
	ask_again(IOT_CONCENTRATOR_GET_CHILD_NODES, NULL, &n->ref);
	if (n->ref.source_id != NULL) {
		const IotNodeRef *r;

		iot_concentrator_cache_store(cache, "hub@home.example/hub", &n->ref);
		r = iot_concentrator_cache_lookup(cache, "hub@home.example/hub", n->ref.node_id);
		if (r == NULL || strcmp(r->source_id, n->ref.source_id) != 0)
			abort();
	}
}

static void
parse_one(const xmlNode *el, IotConcentratorCache *cache)
{
	IotNodeRef asked = { "Node1", "MeteringTopology", NULL };
	IotConcentratorNode *n;
	GPtrArray *a;
	gboolean b;
	guint i;

	a = iot_concentrator_parse_sources(el, NULL, NULL);
	if (a != NULL) {
		if (a->len > IOT_MAX_CONCENTRATOR_SOURCES)
			abort();
		for (i = 0; i < a->len; i++) {
			const IotConcentratorSource *s = g_ptr_array_index(a, i);

			if (s->source_id == NULL)
				abort();
			check_text(s->source_id, IOT_MAX_NAME_BYTES);
			check_text(s->name, IOT_MAX_LABEL_BYTES);
			ask_again(IOT_CONCENTRATOR_GET_ROOT_NODES, s->source_id, NULL);
		}
		iot_concentrator_cache_store_sources(cache, "hub@home.example/hub", a);
		g_ptr_array_unref(a);
	}
	a = iot_concentrator_parse_nodes(el, NULL, NULL);
	if (a != NULL) {
		if (a->len > IOT_MAX_CONCENTRATOR_NODES)
			abort();
		for (i = 0; i < a->len; i++)
			check_node(g_ptr_array_index(a, i), cache);
		g_ptr_array_unref(a);
	}
	n = iot_concentrator_parse_node(el, NULL, NULL);
	if (n != NULL) {
		IotConcentratorNode *c = iot_concentrator_node_copy(n);

		check_node(c, cache);
		iot_concentrator_node_free(c);
		iot_concentrator_node_free(n);
	}
	n = iot_concentrator_parse_node(el, &asked, NULL);
	if (n != NULL) {
		check_node(n, cache);
		iot_concentrator_node_free(n);
	}
	(void)iot_concentrator_parse_bool(el, &b, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IotConcentratorCache *cache;
	xmlDoc *doc;
	xmlNode *root, *c;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	cache = iot_concentrator_cache_new();
	root = xmlDocGetRootElement(doc);
	parse_one(root, cache);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		parse_one(c, cache);
	iot_concentrator_cache_free(cache);
	xmlFreeDoc(doc);
	return 0;
}
