/*
 * fuzz-control.c — libFuzzer target for the control codec.
 *
 * Bytes → iot_xml_parse → the root and each element child of the root read
 * as everything a control exchange can carry: a <set/> (as a thing reads
 * it), a getForm answer, a set answer (as a result and as an error, with
 * and without the request it answers). Each set read is written again in
 * every generation and read back: what we build must be well-formed and
 * hold the same parameters and nodes. Seeds: tests/fixtures/ctl (the XEP
 * and NF examples and the stanzas captured from slixmpp).
 */
#include "iot-control.h"
#include "iot-xml.h"

#include <stdint.h>
#include <stdlib.h>

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
rebuild(const IotControlSet *set)
{
	IotGeneration gen;
	guint i;

	for (i = 0; (gen = iot_generation_preference(i)) != IOT_GEN_UNKNOWN; i++) {
		xmlNode *n = iot_control_build_set(gen, set);
		char *text = iot_xml_to_string(n);
		xmlDoc *doc = iot_xml_parse(text, -1, NULL);
		IotControlSet *again;

		if (doc == NULL)
			abort();
		again = iot_control_parse_set(xmlDocGetRootElement(doc), NULL);
		if (again == NULL || again->params->len != set->params->len ||
		    again->nodes->len != set->nodes->len)
			abort();
		iot_control_set_free(again);
		xmlFreeDoc(doc);
		g_free(text);
		xmlFreeNode(n);
	}
}

static void
parse_one(const xmlNode *el, IotControlSet **last_set)
{
	IotControlSet *set = iot_control_parse_set(el, NULL);
	IotDataForm *form = iot_control_parse_form_answer(el, NULL);
	IotControlResult *r;

	if (set != NULL) {
		rebuild(set);
		iot_control_set_free(*last_set);
		*last_set = set;
	}
	if (form != NULL) {
		IotFormValues *orig = iot_dataform_snapshot(form);
		IotControlSet *typed = iot_control_set_from_form(form, orig);
		guint i;

		for (i = 0; i < form->fields->len; i++)
			(void)iot_control_type_for_form_field(g_ptr_array_index(form->fields, i));
		rebuild(typed);
		iot_control_set_free(typed);
		iot_form_values_free(orig);
		iot_dataform_free(form);
	}
	r = iot_control_parse_result(el, FALSE, *last_set);
	(void)iot_control_result_error_for(r, "Output");
	iot_control_result_free(r);
	r = iot_control_parse_result(el, TRUE, *last_set);
	iot_control_result_free(r);
	r = iot_control_parse_result(el, TRUE, NULL);
	iot_control_result_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc;
	xmlNode *root, *c;
	IotControlSet *last = NULL;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	parse_one(root, &last);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		parse_one(c, &last);
	iot_control_set_free(last);
	xmlFreeDoc(doc);
	return 0;
}
