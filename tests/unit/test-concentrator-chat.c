/* test-concentrator-chat.c — the text of /nodes and /node: arguments, a
 * bounded outline, hostile strings kept literal on one line, a node's
 * details, a command's form filled from name=value, a query table. */
#include "iot-tests.h"

#include "iot-concentrator-chat-text.h"
#include "iot-error.h"

#include <libxml/parser.h>
#include <string.h>

TCase *iot_concentrator_chat_tcase(void);

#define ck_has(t, n) ck_assert_msg(strstr((t), (n)) != NULL, "“%s” not in:\n%s", (n), (t))
#define ck_lacks(t, n) ck_assert_msg(strstr((t), (n)) == NULL, "“%s” in:\n%s", (n), (t))

START_TEST(test_arguments_of_nodes_and_node)
{
	IotConcChatArgs a;
	GError *e = NULL;

	ck_assert(iot_conc_chat_args_parse("", FALSE, &a, &e));
	ck_assert_ptr_null(a.node_id);
	ck_assert(iot_conc_chat_args_parse("floor-1 source Building", FALSE, &a, &e));
	ck_assert_str_eq(a.node_id, "floor-1");
	ck_assert_str_eq(a.source_id, "Building");
	g_free(a.node_id);
	g_free(a.source_id);
	ck_assert(!iot_conc_chat_args_parse("", TRUE, &a, &e));
	ck_assert_int_eq(e->code, IOT_ERROR_BAD_REQUEST);
	g_clear_error(&e);
	ck_assert(iot_conc_chat_args_parse("\"a node\" run dim Level=40 \"Colour=#ff0000\"", TRUE, &a, &e));
	ck_assert_str_eq(a.node_id, "a node");
	ck_assert_str_eq(a.command_id, "dim");
	ck_assert_str_eq(a.assignments[0], "Level=40");
	ck_assert_str_eq(a.assignments[1], "Colour=#ff0000");
	ck_assert_ptr_null(a.assignments[2]);
	g_free(a.node_id);
	g_free(a.command_id);
	g_strfreev(a.assignments);
	ck_assert(!iot_conc_chat_args_parse("lamp run dim Level", TRUE, &a, &e));
	ck_has(e->message, "is not name=value");
	g_clear_error(&e);
	ck_assert(!iot_conc_chat_args_parse("lamp run", TRUE, &a, &e));
	g_clear_error(&e);
	ck_assert(!iot_conc_chat_args_parse("lamp source", FALSE, &a, &e));
	g_clear_error(&e);
	ck_assert(!iot_conc_chat_args_parse("lamp extra", FALSE, &a, &e));
	ck_has(e->message, "extra");
	g_clear_error(&e);
	ck_assert(!iot_conc_chat_args_parse("lamp run x", FALSE, &a, &e)); /* /nodes runs nothing */
	g_clear_error(&e);
}
END_TEST

START_TEST(test_outline_is_bounded_and_literal)
{
	IotConcChatItem *root = iot_conc_chat_item_new(), *src, *it;
	IotConcentratorSource s = { .source_id = "Rooms", .name = "Rooms" };
	IotConcentratorNode *n = iot_concentrator_node_new("evil");
	char *t;
	guint i;

	src = iot_conc_chat_item_add_source(root, &s);
	n->display_name = g_strdup("<b>x</b>\nsecond\x1b[31m & more");
	n->node_type = g_strdup("Lamp");
	n->state = IOT_NODE_STATE_ERROR_SIGNED;
	it = iot_conc_chat_item_add_node(src, n);
	it->unexpanded = TRUE;
	for (i = 0; i < 100; i++) {
		char *id = g_strdup_printf("n%03u", i);
		IotConcentratorNode *m = iot_concentrator_node_new(id);
		iot_conc_chat_item_add_node(src, m);
		iot_concentrator_node_free(m);
		g_free(id);
	}
	t = iot_conc_chat_item_print(root);
	ck_has(t, "data source Rooms\n");
	/* One line each: control characters are spaces, markup stays text. */
	ck_has(t, "\n  evil — <b>x</b> second [31m & more [Lamp, ErrorSigned] …\n");
	ck_has(t, "\n  n013\n  … and 86 more entries\n");
	ck_lacks(t, "n014");
	ck_has(t, "there is more under it");
	g_free(t);
	iot_concentrator_node_free(n);
	iot_conc_chat_item_free(root);
}
END_TEST

/* The item's own error passed back in is kept, not read after it was freed. */
START_TEST(test_error_set_from_itself)
{
	IotConcChatItem *root = iot_conc_chat_item_new();

	iot_conc_chat_item_set_error(root, "The concentrator did not answer");
	iot_conc_chat_item_set_error(root, root->error);
	ck_assert_str_eq(root->error, "The concentrator did not answer");
	iot_conc_chat_item_free(root);
}
END_TEST

START_TEST(test_candidates_name_their_source)
{
	GPtrArray *hits = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	IotConcentratorNode *a = iot_concentrator_node_new("floor 1"), *b = iot_concentrator_node_new("floor 1");
	char *t;

	a->ref.source_id = g_strdup("Building");
	b->ref.source_id = g_strdup("Meters");
	g_ptr_array_add(hits, a);
	g_ptr_array_add(hits, b);
	t = iot_conc_chat_text_not_found("gw@x", "floor 1", hits, "node");
	ck_has(t, "Node floor 1 is in several data sources of gw@x:");
	ck_has(t, "  source Building: floor 1\n  source Meters: floor 1\n");
	ck_has(t, "/node \"floor 1\" source Building");
	g_free(t);
	g_ptr_array_set_size(hits, 0);
	t = iot_conc_chat_text_not_found("gw@x", "attic", hits, "node");
	ck_has(t, "gw@x has no node attic in any of its data sources.");
	g_free(t);
	g_ptr_array_unref(hits);
}
END_TEST

static IotDataForm *
form_of(const char *xml)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, XML_PARSE_NONET);
	IotDataForm *f;

	ck_assert_ptr_nonnull(doc);
	f = iot_dataform_parse(xmlDocGetRootElement(doc), NULL);
	xmlFreeDoc(doc);
	ck_assert_ptr_nonnull(f);
	return f;
}

START_TEST(test_a_command_form_is_filled_typed_and_checked)
{
	IotDataForm *form = form_of(
	    "<x xmlns='jabber:x:data' xmlns:xdv='http://jabber.org/protocol/xdata-validate' type='form'>"
	    "<field var='Level' type='text-single' label='Level (%)'><value>50</value>"
	    "<xdv:validate datatype='xs:int'><xdv:range min='0' max='100'/></xdv:validate></field>"
	    "<field var='Note' type='text-single'><value>hi</value></field>"
	    "<field var='Info' type='fixed'><value>read me</value></field></x>");
	const char *good[] = { "level (%)=40", NULL }, *range[] = { "Level=140", NULL }, *unknown[] = { "Speed=1", NULL };
	GError *e = NULL;
	xmlNode *x;
	xmlChar *s;
	xmlBuffer *buf = xmlBufferCreate();

	x = iot_conc_chat_form_fill(form, good, &e);
	ck_assert_msg(x != NULL, "%s", e ? e->message : "");
	xmlNodeDump(buf, NULL, x, 0, 0);
	s = (xmlChar *)xmlBufferContent(buf);
	ck_has((const char *)s, "type=\"submit\"");
	ck_has((const char *)s, "<value>40</value>");
	/* The rest goes as the concentrator sent it. */
	ck_has((const char *)s, "<value>hi</value>");
	ck_lacks((const char *)s, "read me");
	xmlBufferFree(buf);
	xmlFreeNode(x);
	ck_assert_ptr_null(iot_conc_chat_form_fill(form, range, &e));
	ck_has(e->message, "100");
	g_clear_error(&e);
	ck_assert_ptr_null(iot_conc_chat_form_fill(form, unknown, &e));
	ck_has(e->message, "This command has no parameter Speed. Its parameters: Level, Note.");
	g_clear_error(&e);
	iot_dataform_free(form);
}
END_TEST

START_TEST(test_node_details)
{
	IotConcentratorNode *n = iot_concentrator_node_new("lamp");
	IotNodeParameter *p = g_new0(IotNodeParameter, 1);
	GPtrArray *cmds = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_command_free);
	IotConcentratorCommand *c = g_new0(IotConcentratorCommand, 1);
	char *t;

	n->ref.source_id = g_strdup("Rooms");
	n->ref.partition = g_strdup("P1");
	n->node_type = g_strdup("Lamp");
	n->parent_id = g_strdup("room");
	n->readable = n->has_commands = TRUE;
	p->id = g_strdup("Watts");
	p->name = g_strdup("Power (W)");
	p->value = g_strdup("7\n<i>");
	n->parameters = g_ptr_array_new_with_free_func((GDestroyNotify)iot_node_parameter_free);
	g_ptr_array_add(n->parameters, p);
	c->id = g_strdup("dim");
	c->name = g_strdup("Dim…");
	c->type = IOT_COMMAND_PARAMETRIZED;
	g_ptr_array_add(cmds, c);
	t = iot_conc_chat_text_node(n, cmds, 0, NULL);
	ck_has(t, "Data source: Rooms\nPartition: P1\n");
	ck_has(t, "Type: Lamp\nState: None\nParent: room\nCan: read, commands\n");
	ck_has(t, "  Power (W) = 7 <i>\n");
	ck_has(t, "  dim — Dim… (with parameters)");
	g_free(t);
	g_ptr_array_unref(cmds);
	iot_concentrator_node_free(n);
}
END_TEST

TCase *
iot_concentrator_chat_tcase(void)
{
	TCase *tc = tcase_create("chat text");

	tcase_add_test(tc, test_arguments_of_nodes_and_node);
	tcase_add_test(tc, test_outline_is_bounded_and_literal);
	tcase_add_test(tc, test_error_set_from_itself);
	tcase_add_test(tc, test_candidates_name_their_source);
	tcase_add_test(tc, test_a_command_form_is_filled_typed_and_checked);
	tcase_add_test(tc, test_node_details);
	return tc;
}
