/*
 * fuzz-provisioning.c — libFuzzer target for owner questions from a
 * provisioning service: reading them, describing them, merging them and
 * building every kind of answer. Seeds: tests/fixtures/registry.
 */
#include "iot-provisioning-token.h"
#include "iot-provisioning.h"
#include "iot-xml.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	return 0;
}

static void
answer_all_ways(const IotQuestion *q)
{
	static const char *const names[] = { "a", "b", NULL };
	IotAnswer a = { TRUE, IOT_RULE_CALLER, NULL, 0x3f, names, names };
	int range;

	for (range = IOT_RULE_CALLER; range <= IOT_RULE_USER_TOKEN; range++) {
		GError *error = NULL;
		xmlNode *n;
		IotProvisioningRule *rule;
		char *s;

		a.range = range;
		a.token = q->service_tokens->len ? g_ptr_array_index(q->service_tokens, 0) : "t";
		a.yes = !a.yes;
		n = iot_provisioning_build_answer(q, &a, &error);
		if (n == NULL && error == NULL)
			__builtin_trap(); /* a refusal must say why */
		if (n != NULL) {
			s = iot_xml_to_string(n);
			g_free(s);
			xmlFreeNode(n);
		}
		g_clear_error(&error);
		rule = iot_provisioning_rule_new(q, &a, 0);
		s = iot_provisioning_rule_describe(rule);
		g_free(s);
		iot_provisioning_rule_free(rule);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	IotQuestionBook *book;
	xmlNode *root, *c;

	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	book = iot_question_book_new();
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c)) {
		GError *error = NULL;
		IotQuestion *q = iot_provisioning_question_parse(c, iot_xml_attr(root, "from"), &error);
		gboolean is_new = FALSE;
		const char *group;
		char *s;

		if (q == NULL) {
			const char *key = NULL;

			if (iot_provisioning_answered_read(c, &key))
				iot_question_book_forget(book, iot_xml_attr(root, "from"), key);
			if (error == NULL)
				__builtin_trap();
			g_error_free(error);
			continue;
		}
		if (!iot_provisioning_is_question(c))
			__builtin_trap();
		s = iot_provisioning_question_describe(q);
		g_free(s);
		answer_all_ways(q);
		group = iot_question_book_add(book, q, &is_new);
		if (group != NULL && iot_question_book_peek(book, group) == NULL)
			__builtin_trap();
	}
	iot_question_book_free(book);
	{
		const char *tok = NULL;

		if (iot_token_challenge_read(root, &tok) && (tok == NULL || *tok == '\0'))
			__builtin_trap();
	}
	{
		IotRegistryPage *p = iot_registry_parse_found(iot_xml_first(root), 0, NULL);

		iot_registry_page_free(p);
	}
	xmlFreeDoc(doc);
	return 0;
}
