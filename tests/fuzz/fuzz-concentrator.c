/*
 * fuzz-concentrator.c — libFuzzer target for the concentrator codec.
 *
 * Bytes → iot_xml_parse → the root (and each element child of the root) read
 * as every concentrator answer: data sources, a node list, one node (with and
 * without the node asked about), a yes/no. What is read must hold its
 * promises — an id on every node, identities and labels within their bounds
 * and valid text, lists within theirs — and every node and source read is
 * asked about again in each generation: the request must be well-formed.
 * Each node also goes through the cache. The same bytes are read as the
 * reply to every kind of request (as a result and as an error), as
 * data-source events applied to a loaded tree, and as query progress fed
 * to a query's stream in two orders: the models keep their promises (ids,
 * bounds, counts that add up) and a tree never holds a node twice or below
 * itself. Seeds: tests/fixtures/concentrator (the XEP-0326 and
 * neuro-foundation.io examples, Waher's shapes and the hub's answers).
 */
#include "iot-concentrator-events.h"
#include "iot-concentrator-query.h"
#include "iot-concentrator-request.h"
#include "iot-concentrator-tree.h"
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

/* Every kind of reply: what it says it holds is within its bounds. */
static void
replies(const xmlNode *iq)
{
	IotNodeRef node = { "Node1", "MeteringTopology", NULL };
	guint op, i;

	for (op = 0; op < IOT_CONCENTRATOR_OP_COUNT; op++) {
		IotConcentratorRequest *r = iot_concentrator_request_new((IotConcentratorOp)op);
		int e;

		iot_concentrator_request_add_node(r, &node);
		r->source_id = g_strdup("MeteringTopology");
		r->query_id = g_strdup("q1");
		for (e = 0; e < 2; e++) {
			GError *error = NULL;
			IotConcentratorReply *rep = iot_concentrator_reply_parse(r, e, iq, &error);

			if (rep == NULL && error == NULL)
				abort();
			if (rep == NULL) {
				g_error_free(error);
				continue;
			}
			if (error != NULL && rep->form_errors == NULL && rep->form == NULL)
				abort(); /* a reply with an error is a refused form */
			g_clear_error(&error);
			if (rep->nodes != NULL && rep->nodes->len > IOT_MAX_CONCENTRATOR_NODES)
				abort();
			for (i = 0; rep->nodes != NULL && i < rep->nodes->len; i++) {
				const IotConcentratorNode *n = g_ptr_array_index(rep->nodes, i);

				if (n->parameters != NULL && n->parameters->len > IOT_MAX_NODE_PARAMETERS)
					abort();
				if (n->messages != NULL && n->messages->len > IOT_MAX_NODE_MESSAGES)
					abort();
			}
			if (rep->commands != NULL) {
				if (rep->commands->len > IOT_MAX_CONCENTRATOR_COMMANDS)
					abort();
				for (i = 0; i < rep->commands->len; i++) {
					const IotConcentratorCommand *c = g_ptr_array_index(rep->commands, i);

					if (c->id == NULL || c->name == NULL)
						abort();
					check_text(c->confirmation, IOT_MAX_LABEL_BYTES);
				}
				iot_concentrator_commands_sort(rep->commands);
			}
			if (rep->node_types != NULL && rep->node_types->len > IOT_MAX_CONCENTRATOR_NODE_TYPES)
				abort();
			if (rep->form_errors != NULL && rep->form_errors->len > IOT_MAX_CONCENTRATOR_FORM_ERRORS)
				abort();
			if (rep->results != NULL && rep->results->len > IOT_MAX_CONCENTRATOR_RESULTS)
				abort();
			iot_concentrator_reply_free(rep);
		}
		iot_concentrator_request_free(r);
	}
}

/* Events applied to a tree loaded with the nodes the same bytes list. */
static void
events(const xmlNode *el)
{
	IotConcentratorTree *t = iot_concentrator_tree_new();
	GPtrArray *sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	IotConcentratorSource *src = g_new0(IotConcentratorSource, 1);
	GPtrArray *nodes = iot_concentrator_parse_nodes(el, NULL, NULL), *evs;
	guint i, before;

	src->source_id = g_strdup("MeteringTopology");
	g_ptr_array_add(sources, src);
	iot_concentrator_tree_set_sources(t, sources);
	if (nodes != NULL) {
		iot_concentrator_tree_set_roots(t, "MeteringTopology", nodes, NULL);
		for (i = 0; i < nodes->len; i++)
			iot_concentrator_tree_set_children(t, &((IotConcentratorNode *)g_ptr_array_index(nodes, i))->ref,
			                                   nodes, NULL);
		g_ptr_array_unref(nodes);
	}
	evs = iot_concentrator_events_parse(el, NULL);
	for (i = 0; i < evs->len; i++) {
		const IotSourceEvent *e = g_ptr_array_index(evs, i);
		const IotConcentratorNode *n;

		if (e->node == NULL || e->node->ref.node_id == NULL || e->node->ref.source_id == NULL)
			abort();
		before = iot_concentrator_tree_count(t);
		switch (iot_concentrator_tree_apply(t, e, &n, NULL)) {
		case IOT_TREE_ADDED:
			if (n == NULL || iot_concentrator_tree_count(t) > before + 1)
				abort();
			break;
		case IOT_TREE_REMOVED:
			if (iot_concentrator_tree_count(t) >= before)
				abort();
			break;
		default:
			break;
		}
		if (iot_concentrator_tree_count(t) > IOT_MAX_CONCENTRATOR_TREE_NODES)
			abort();
	}
	g_ptr_array_unref(evs);
	g_ptr_array_unref(sources);
	iot_concentrator_tree_free(t);
}

/* @el fed to a query stream, twice over (seen again: dropped when numbered). */
static void
query(const xmlNode *el)
{
	IotQueryStream *s = iot_query_stream_new();
	const IotQueryResult *r = iot_query_stream_result(s);
	guint i, records = 0;

	(void)iot_query_stream_feed(s, el, NULL, NULL, NULL);
	(void)iot_query_stream_feed(s, el, NULL, NULL, NULL);
	if (r->tables->len > IOT_MAX_QUERY_TABLES || r->records > IOT_MAX_QUERY_RECORDS ||
	    r->cells > IOT_MAX_QUERY_CELLS || r->messages->len > IOT_MAX_QUERY_MESSAGES)
		abort();
	for (i = 0; i < r->tables->len; i++)
		records += ((IotQueryTable *)g_ptr_array_index(r->tables, i))->records->len;
	if (records != r->records)
		abort();
	check_text(r->title, IOT_MAX_LABEL_BYTES);
	iot_query_stream_free(s);
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
	replies(root);
	events(root);
	query(root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		query(c);
	iot_concentrator_cache_free(cache);
	xmlFreeDoc(doc);
	return 0;
}
