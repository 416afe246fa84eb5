/* test-concentrator-events.c — data-source events of both families (XEP-0326
 * §3.8 examples, several in one message; Waher's one per message with ts,
 * oid, aid), subscription renewal times, and the loaded tree they keep
 * current: added under a loaded parent, after the sibling named; under a
 * parent not loaded (it is marked), under one unknown (ignored); renamed,
 * status, removed with its subtree, moved; children that arrive after their
 * parent was removed; hostile answers that would loop; the bounds. */
#include "iot-tests.h"

#include "iot-concentrator-events.h"
#include "iot-concentrator-tree.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_concentrator_events_tcase(void);

#define NF_NS "urn:nf:iot:concentrator:1.0"

static GPtrArray *
events_of(const char *relpath, guint *dropped)
{
	xmlNode *msg = iot_test_fixture_root(relpath);
	GPtrArray *a = iot_concentrator_events_parse(msg, dropped);

	xmlFreeDoc(msg->doc);
	return a;
}

static const IotSourceEvent *
ev(GPtrArray *a, guint i)
{
	return g_ptr_array_index(a, i);
}

START_TEST(test_xsf_events_several_in_one_message)
{
	guint dropped = 0;
	GPtrArray *a = events_of("concentrator/xsf-events-message.xml", &dropped);
	const IotNodeMessage *m;

	ck_assert_uint_eq(a->len, 6);
	ck_assert_uint_eq(dropped, 1); /* the one without a source */
	ck_assert_int_eq(ev(a, 0)->type, IOT_SOURCE_EVENT_NODE_ADDED);
	ck_assert_str_eq(ev(a, 0)->node->ref.node_id, "Node2");
	ck_assert_str_eq(ev(a, 0)->node->ref.source_id, "MeteringTopology");
	ck_assert_str_eq(ev(a, 0)->after_id, "Node1");
	ck_assert_str_eq(ev(a, 0)->after_partition, "Node");
	ck_assert(ev(a, 0)->node->readable);
	ck_assert_int_eq(ev(a, 1)->type, IOT_SOURCE_EVENT_NODE_UPDATED);
	ck_assert_str_eq(ev(a, 1)->old_id, "OldNode1");
	ck_assert_uint_eq(ev(a, 1)->node->parameters->len, 1);
	ck_assert_int_eq(ev(a, 2)->type, IOT_SOURCE_EVENT_NODE_STATUS_CHANGED);
	ck_assert_int_eq(ev(a, 2)->node->state, IOT_NODE_STATE_ERROR_UNSIGNED);
	m = g_ptr_array_index(ev(a, 2)->node->messages, 0);
	ck_assert_str_eq(m->text, "Timeout.");
	ck_assert_int_eq(ev(a, 3)->type, IOT_SOURCE_EVENT_NODE_MOVED_UP);
	ck_assert_int_eq(ev(a, 4)->type, IOT_SOURCE_EVENT_NODE_MOVED_DOWN);
	ck_assert_int_eq(ev(a, 5)->type, IOT_SOURCE_EVENT_NODE_REMOVED);
	ck_assert(ev(a, 5)->timestamp == IOT_TIME_UNKNOWN);
	g_ptr_array_unref(a);
}
END_TEST

START_TEST(test_nf_events_one_per_message)
{
	GPtrArray *a = events_of("concentrator/nf-node-added.xml", NULL);
	IotSourceEvent *c;

	ck_assert_uint_eq(a->len, 1);
	ck_assert_str_eq(ev(a, 0)->node->ref.node_id, "living-room-lamp2");
	ck_assert_str_eq(ev(a, 0)->after_id, "living-room-lamp");
	ck_assert_str_eq(ev(a, 0)->node->parent_id, "living-room");
	ck_assert(ev(a, 0)->timestamp != IOT_TIME_UNKNOWN);
	c = iot_source_event_copy(ev(a, 0));
	ck_assert_str_eq(c->after_id, "living-room-lamp");
	iot_source_event_free(c);
	g_ptr_array_unref(a);

	a = events_of("concentrator/nf-node-updated-renamed.xml", NULL);
	ck_assert_str_eq(ev(a, 0)->old_id, "kitchen-fridge");
	ck_assert_str_eq(ev(a, 0)->node->ref.node_id, "kitchen-fridge2");
	ck_assert_int_eq(ev(a, 0)->node->state, IOT_NODE_STATE_WARNING_SIGNED);
	g_ptr_array_unref(a);

	a = events_of("concentrator/nf-node-status-changed.xml", NULL);
	ck_assert_str_eq(((IotNodeMessage *)g_ptr_array_index(ev(a, 0)->node->messages, 0))->event_id, "door");
	g_ptr_array_unref(a);

	/* Not an event: a query's progress, something in another namespace. */
	{
		xmlNode *x = iot_test_parse("<message><queryProgress xmlns='" NF_NS "' queryId='q'/>"
		                            "<nodeAdded xmlns='urn:example' id='a' src='b'/></message>");

		ck_assert(!iot_concentrator_is_event(iot_xml_first(x)));
		ck_assert(!iot_concentrator_is_event(iot_xml_next(iot_xml_first(x))));
		a = iot_concentrator_events_parse(x, NULL);
		ck_assert_uint_eq(a->len, 0);
		g_ptr_array_unref(a);
		xmlFreeDoc(x->doc);
	}
}
END_TEST

START_TEST(test_subscriptions_are_renewed_before_they_lapse)
{
	ck_assert_uint_eq(iot_concentrator_subscription_renew_s(IOT_GEN_NF, 600), 450);
	ck_assert_uint_eq(iot_concentrator_subscription_renew_s(IOT_GEN_IEEE, 20), 15);
	ck_assert_uint_eq(iot_concentrator_subscription_renew_s(IOT_GEN_NF, 4), 3);
	ck_assert_uint_eq(iot_concentrator_subscription_renew_s(IOT_GEN_NF, 1), 1);
	/* XSF: for as long as presence lasts; nothing to renew. */
	ck_assert_uint_eq(iot_concentrator_subscription_renew_s(IOT_GEN_XSF, 600), 0);
	ck_assert_uint_eq(iot_concentrator_subscription_renew_s(IOT_GEN_NF, 0), 0);
}
END_TEST

/* --- the tree ----------------------------------------------------------------------- */

static IotConcentratorNode *
node(const char *id, const char *parent)
{
	IotConcentratorNode *n = iot_concentrator_node_new(id);

	n->ref.source_id = g_strdup("Rooms");
	n->parent_id = g_strdup(parent);
	n->display_name = g_strdup(id);
	return n;
}

static GPtrArray *
nodes(const char *parent, ...)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	va_list ap;
	const char *id;

	va_start(ap, parent);
	while ((id = va_arg(ap, const char *)) != NULL)
		g_ptr_array_add(a, node(id, parent));
	va_end(ap);
	return a;
}

/* The ids of @parent's children (NULL: roots of Rooms), space-separated; "-" when not loaded. */
static char *
ids(IotConcentratorTree *t, const char *parent)
{
	IotNodeRef ref = { (char *)parent, "Rooms", NULL };
	GPtrArray *a = parent ? iot_concentrator_tree_children(t, &ref) : iot_concentrator_tree_roots(t, "Rooms");
	GString *s = g_string_new(NULL);
	guint i;

	if (a == NULL) {
		g_string_free(s, TRUE);
		return g_strdup("-");
	}
	for (i = 0; i < a->len; i++)
		g_string_append_printf(s, "%s%s", i ? " " : "", ((IotConcentratorNode *)g_ptr_array_index(a, i))->ref.node_id);
	g_ptr_array_unref(a);
	return g_string_free(s, FALSE);
}

#define ck_ids(t, parent, want)                 \
	do {                                    \
		char *got_ = ids(t, parent);    \
		ck_assert_str_eq(got_, want);   \
		g_free(got_);                   \
	} while (0)

static IotSourceEvent *
event(IotSourceEventType type, const char *id, const char *parent)
{
	IotSourceEvent *e = g_new0(IotSourceEvent, 1);

	e->type = type;
	e->node = node(id, parent);
	e->timestamp = IOT_TIME_UNKNOWN;
	return e;
}

static IotTreeChange
apply(IotConcentratorTree *t, IotSourceEvent *e, IotTreeIgnored *why)
{
	const IotConcentratorNode *n;
	IotTreeChange c = iot_concentrator_tree_apply(t, e, &n, why);

	iot_source_event_free(e);
	return c;
}

static IotConcentratorTree *
home_tree(void)
{
	IotConcentratorTree *t = iot_concentrator_tree_new();
	GPtrArray *sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	IotConcentratorSource *s = g_new0(IotConcentratorSource, 1);
	IotNodeRef living = { "living", "Rooms", NULL };
	GPtrArray *a;

	s->source_id = g_strdup("Rooms");
	g_ptr_array_add(sources, s);
	iot_concentrator_tree_set_sources(t, sources);
	g_ptr_array_unref(sources);
	a = nodes(NULL, "living", "kitchen", "bedroom", NULL);
	ck_assert(iot_concentrator_tree_set_roots(t, "Rooms", a, NULL));
	g_ptr_array_unref(a);
	a = nodes("living", "lamp", "dimmer", "sensor", NULL);
	ck_assert(iot_concentrator_tree_set_children(t, &living, a, NULL));
	g_ptr_array_unref(a);
	return t;
}

START_TEST(test_tree_follows_events)
{
	IotConcentratorTree *t = home_tree();
	IotNodeRef kitchen = { "kitchen", "Rooms", NULL }, lamp = { "lamp", "Rooms", NULL };
	IotTreeIgnored why;
	IotSourceEvent *e;

	ck_ids(t, NULL, "living kitchen bedroom");
	ck_ids(t, "living", "lamp dimmer sensor");
	ck_ids(t, "kitchen", "-");
	ck_assert_uint_eq(iot_concentrator_tree_count(t), 6);
	ck_assert_str_eq(iot_concentrator_tree_parent(t, &lamp)->ref.node_id, "living");

	/* After the sibling named, else last. */
	e = event(IOT_SOURCE_EVENT_NODE_ADDED, "lamp2", "living");
	e->after_id = g_strdup("lamp");
	ck_assert_int_eq(apply(t, e, &why), IOT_TREE_ADDED);
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_ADDED, "plug", "living"), &why), IOT_TREE_ADDED);
	ck_ids(t, "living", "lamp lamp2 dimmer sensor plug");
	/* Under a parent not loaded: the parent says it has children now. */
	ck_assert(!iot_concentrator_tree_lookup(t, &kitchen)->has_children);
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_ADDED, "fridge", "kitchen"), &why),
	                 IOT_TREE_PARENT_MARKED);
	ck_assert(iot_concentrator_tree_lookup(t, &kitchen)->has_children);
	ck_ids(t, "kitchen", "-");
	/* Under a parent the tree does not hold. */
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_ADDED, "x", "attic"), &why), IOT_TREE_IGNORED);
	ck_assert_int_eq(why, IOT_TREE_IGNORED_PARENT_UNKNOWN);
	/* Moves among siblings; not past the edges. */
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_MOVED_UP, "dimmer", "living"), &why), IOT_TREE_MOVED);
	ck_ids(t, "living", "lamp dimmer lamp2 sensor plug");
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_MOVED_DOWN, "plug", "living"), &why), IOT_TREE_IGNORED);
	ck_assert_int_eq(why, IOT_TREE_IGNORED_AT_EDGE);
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_MOVED_DOWN, "living", NULL), &why), IOT_TREE_MOVED);
	ck_ids(t, NULL, "kitchen living bedroom");
	/* Renamed: found by its old id, known by the new one; children keep it as parent. */
	{
		IotNodeRef living2 = { "living2", "Rooms", NULL }, living = { "living", "Rooms", NULL };

		e = event(IOT_SOURCE_EVENT_NODE_UPDATED, "living2", NULL);
		e->old_id = g_strdup("living");
		e->node->state = IOT_NODE_STATE_WARNING_SIGNED;
		ck_assert_int_eq(apply(t, e, &why), IOT_TREE_UPDATED);
		ck_assert_ptr_null(iot_concentrator_tree_lookup(t, &living));
		ck_assert_int_eq(iot_concentrator_tree_lookup(t, &living2)->state, IOT_NODE_STATE_WARNING_SIGNED);
		ck_assert(iot_concentrator_tree_lookup(t, &living2)->has_children);
		ck_assert_str_eq(iot_concentrator_tree_parent(t, &lamp)->ref.node_id, "living2");
		ck_ids(t, NULL, "kitchen living2 bedroom");
		ck_ids(t, "living2", "lamp dimmer lamp2 sensor plug");
	}
	/* Status: state and messages. */
	e = event(IOT_SOURCE_EVENT_NODE_STATUS_CHANGED, "lamp", NULL);
	e->node->state = IOT_NODE_STATE_ERROR_UNSIGNED;
	e->node->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_node_message_free);
	{
		IotNodeMessage *m = g_new0(IotNodeMessage, 1);

		m->text = g_strdup("Bulb broken.");
		m->timestamp = IOT_TIME_UNKNOWN;
		g_ptr_array_add(e->node->messages, m);
	}
	ck_assert_int_eq(apply(t, e, &why), IOT_TREE_STATUS_CHANGED);
	ck_assert_int_eq(iot_concentrator_tree_lookup(t, &lamp)->state, IOT_NODE_STATE_ERROR_UNSIGNED);
	ck_assert_uint_eq(iot_concentrator_tree_lookup(t, &lamp)->messages->len, 1);
	/* Removed with what was loaded below it. */
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_REMOVED, "living2", NULL), &why), IOT_TREE_REMOVED);
	ck_ids(t, NULL, "kitchen bedroom");
	ck_assert_ptr_null(iot_concentrator_tree_lookup(t, &lamp));
	ck_assert_uint_eq(iot_concentrator_tree_count(t), 2);
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_REMOVED, "lamp", NULL), &why), IOT_TREE_IGNORED);
	ck_assert_int_eq(why, IOT_TREE_IGNORED_NODE_UNKNOWN);
	iot_concentrator_tree_free(t);
}
END_TEST

START_TEST(test_tree_children_of_a_removed_node_and_hostile_lists)
{
	IotConcentratorTree *t = home_tree();
	IotNodeRef living = { "living", "Rooms", NULL }, kitchen = { "kitchen", "Rooms", NULL };
	GPtrArray *a;
	guint refused = 0;
	IotTreeIgnored why;

	/* The window asked for the kitchen's children; the kitchen went meanwhile. */
	ck_assert_int_eq(apply(t, event(IOT_SOURCE_EVENT_NODE_REMOVED, "kitchen", NULL), &why), IOT_TREE_REMOVED);
	a = nodes("kitchen", "fridge", NULL);
	ck_assert(!iot_concentrator_tree_set_children(t, &kitchen, a, &refused));
	g_ptr_array_unref(a);
	ck_assert_uint_eq(iot_concentrator_tree_count(t), 5);

	/* A list naming the parent itself, an ancestor, or a node twice. */
	a = nodes("living", "living", "lamp", "lamp", "bedroom", NULL);
	ck_assert(iot_concentrator_tree_set_children(t, &living, a, &refused));
	g_ptr_array_unref(a);
	ck_assert_uint_eq(refused, 2);
	ck_ids(t, "living", "lamp bedroom"); /* the bedroom moved down here */
	ck_ids(t, NULL, "living");
	/* An event that would put a node below itself. */
	{
		IotSourceEvent *e = event(IOT_SOURCE_EVENT_NODE_ADDED, "living", "lamp");

		ck_assert_int_eq(apply(t, e, &why), IOT_TREE_IGNORED);
	}
	/* Sources that go take their nodes. */
	{
		GPtrArray *none = g_ptr_array_new();

		iot_concentrator_tree_set_sources(t, none);
		g_ptr_array_unref(none);
		ck_assert_uint_eq(iot_concentrator_tree_count(t), 0);
		ck_ids(t, NULL, "-");
	}
	iot_concentrator_tree_free(t);
}
END_TEST

START_TEST(test_tree_is_bounded)
{
	IotConcentratorTree *t = home_tree();
	IotNodeRef living = { "living", "Rooms", NULL };
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	guint refused = 0, i;
	char id[32];

	for (i = 0; i < IOT_MAX_CONCENTRATOR_NODES + 7; i++) {
		g_snprintf(id, sizeof id, "n%u", i);
		g_ptr_array_add(a, node(id, "living"));
	}
	ck_assert(iot_concentrator_tree_set_children(t, &living, a, &refused));
	ck_assert_uint_eq(refused, 7);
	ck_assert_uint_eq(iot_concentrator_tree_refused(t), 7);
	ck_assert_uint_eq(iot_concentrator_tree_count(t), 3 + IOT_MAX_CONCENTRATOR_NODES);
	/* Loading the same list again keeps the same nodes. */
	ck_assert(iot_concentrator_tree_set_children(t, &living, a, &refused));
	ck_assert_uint_eq(iot_concentrator_tree_count(t), 3 + IOT_MAX_CONCENTRATOR_NODES);
	iot_concentrator_tree_forget_children(t, &living);
	ck_assert_uint_eq(iot_concentrator_tree_count(t), 3);
	ck_ids(t, "living", "-");
	g_ptr_array_unref(a);
	iot_concentrator_tree_free(t);
	iot_concentrator_tree_free(NULL);
}
END_TEST

TCase *
iot_concentrator_events_tcase(void)
{
	TCase *tc = tcase_create("events");

	tcase_add_test(tc, test_xsf_events_several_in_one_message);
	tcase_add_test(tc, test_nf_events_one_per_message);
	tcase_add_test(tc, test_subscriptions_are_renewed_before_they_lapse);
	tcase_add_test(tc, test_tree_follows_events);
	tcase_add_test(tc, test_tree_children_of_a_removed_node_and_hostile_lists);
	tcase_add_test(tc, test_tree_is_bounded);
	return tc;
}
