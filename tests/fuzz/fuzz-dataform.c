/*
 * fuzz-dataform.c — libFuzzer target for data forms (XEP-0004 and the
 * extensions control forms use).
 *
 * Bytes → iot_xml_parse → iot_dataform_parse of the root and of each element
 * child of the root (a form, or an iq / getFormResponse holding one). Every
 * form read is then used the way a dialog uses it: validated field by field,
 * snapshotted, edited, turned into a submit form, built back in every
 * generation and read again — what we build must be well-formed and hold
 * the same fields. The same bytes are read as a XEP-0336 post-back answer
 * and push: the post-back built from such a form holds every field but the
 * fixed ones, and a person's edits carry over to a second reading.
 * Seeds: tests/fixtures/forms and tests/fixtures/ctl.
 */
#include "iot-dataform.h"
#include "iot-dynform.h"
#include "iot-xml.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* A critical is a bug the fuzzer should stop on, as in the unit runner. */
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	g_setenv("TZ", "UTC", TRUE);
	return 0;
}

static void
reparse(const IotDataForm *form, IotGeneration gen)
{
	xmlNode *x = iot_dataform_build(form, gen);
	char *text = iot_xml_to_string(x);
	xmlDoc *doc = iot_xml_parse(text, -1, NULL);
	IotDataForm *again;

	if (doc == NULL)
		abort(); /* we wrote something that is not XML */
	again = iot_dataform_parse(xmlDocGetRootElement(doc), NULL);
	if (again == NULL || again->fields->len != form->fields->len)
		abort();
	iot_dataform_free(again);
	xmlFreeDoc(doc);
	g_free(text);
	xmlFreeNode(x);
}

static void
exercise(IotDataForm *form)
{
	IotFormValues *orig = iot_dataform_snapshot(form);
	char *msg = NULL;
	xmlNode *submit;
	guint i, n;

	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);
		char *caption = iot_form_field_caption(f), *wire;
		GError *error = NULL;

		(void)iot_dataform_validate_field(f, &msg);
		g_clear_pointer(&msg, g_free);
		/* What a person might type, then what the field already holds. */
		wire = iot_dataform_parse_input(f, caption, &error);
		g_clear_error(&error);
		g_free(wire);
		if (f->values->len > 0) {
			char *first = g_strdup(g_ptr_array_index(f->values, 0));

			wire = iot_dataform_parse_input(f, first, &error);
			g_clear_error(&error);
			if (wire != NULL && f->var != NULL)
				iot_dataform_set_value(form, f->var, wire);
			g_free(wire);
			g_free(first);
		}
		g_free(caption);
	}
	(void)iot_dataform_validate(form, &msg);
	g_free(msg);
	submit = iot_dataform_build_submit(form, orig, &n);
	xmlFreeNode(submit);
	iot_dataform_revert(form, orig);
	reparse(form, IOT_GEN_XSF);
	reparse(form, IOT_GEN_NF);
	iot_form_values_free(orig);
}

static xmlDoc *
reparse_node(xmlNode *n)
{
	char *text = iot_xml_to_string(n);
	xmlDoc *doc = iot_xml_parse(text, -1, NULL);

	if (doc == NULL)
		abort(); /* we wrote something that is not XML */
	g_free(text);
	xmlFreeNode(n);
	return doc;
}

static void
exercise_dynamic(const xmlNode *el)
{
	IotDataForm *form = iot_dynform_parse_answer(el, NULL), *next, *sent;
	xmlNode *cancel;
	xmlDoc *doc;
	guint i, expected = 0;

	if (form == NULL)
		return;
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->var != NULL && f->type != IOT_FORM_FIELD_FIXED)
			expected++;
	}
	doc = reparse_node(iot_dynform_build_post_back(form, "en"));
	sent = iot_dataform_parse(iot_xml_first(xmlDocGetRootElement(doc)), NULL);
	if (sent == NULL || sent->fields->len != expected)
		abort();
	iot_dataform_free(sent);
	xmlFreeDoc(doc);
	cancel = iot_dynform_build_cancel(form);
	if (cancel != NULL)
		xmlFreeDoc(reparse_node(cancel));
	/* Every field edited, then a second reading takes the edits over. */
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->var != NULL)
			iot_dataform_set_value(form, f->var, "1");
	}
	next = iot_dynform_parse_answer(el, NULL);
	iot_dynform_carry_edits(next, form);
	for (i = 0; i < next->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(next->fields, i);

		if (f->edited && (f->read_only || f->error != NULL))
			abort();
	}
	iot_dataform_free(next);
	iot_dataform_free(form);
}

static void
parse_one(const xmlNode *el)
{
	IotDataForm *form = iot_dataform_parse(el, NULL);
	char *session = NULL;

	if (form != NULL) {
		exercise(form);
		iot_dataform_free(form);
	}
	exercise_dynamic(el);
	form = iot_dynform_parse_updated(el, &session, NULL);
	if (form != NULL)
		exercise(form);
	iot_dataform_free(form);
	g_free(session);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc;
	xmlNode *root, *c, *cc;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	parse_one(root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c)) {
		parse_one(c);
		/* v0.1 wraps the form in getFormResponse. */
		for (cc = iot_xml_first(c); cc != NULL; cc = iot_xml_next(cc))
			parse_one(cc);
	}
	xmlFreeDoc(doc);
	return 0;
}
