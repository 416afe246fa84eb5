/*
 * fuzz-registry.c — libFuzzer target for what reaches the thing registry code
 * from outside: a pasted or QR-decoded identity (iotdisco: links, IoTDisco
 * strings) and its masking, search links, /search words, and a registry's
 * answers (<found/>, <claimed/>). Seeds: tests/fixtures/registry.
 */
#include "iot-registry-codec.h"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size);
	GError *error = NULL;
	IotDiscoId *id = iot_disco_id_parse(text, &error);
	char *masked = iot_disco_id_mask(text);

	if (id != NULL) {
		char *link = iot_disco_id_build_link(id->tags, id->registry);
		char *qr = iot_disco_id_build_qr(id->tags);
		char *preview = iot_registry_tags_preview(id->tags);
		IotDiscoId *again = iot_disco_id_parse(link, NULL);
		IotDiscoId *again_qr = iot_disco_id_parse(qr, NULL);

		/* What we build we read back, tag for tag. */
		if (again == NULL || again->tags->len != id->tags->len || again_qr == NULL ||
		    again_qr->tags->len != id->tags->len)
			__builtin_trap();
		if (id->has_key && strstr(masked, IOT_REGISTRY_KEY_MASK) == NULL)
			__builtin_trap();
		iot_disco_id_free(again);
		iot_disco_id_free(again_qr);
		g_free(link);
		g_free(qr);
		g_free(preview);
		iot_disco_id_free(id);
	} else if (error == NULL || error->message == NULL) {
		__builtin_trap(); /* a refusal must always say why */
	}
	g_clear_error(&error);
	{
		char *reg = NULL;
		GPtrArray *conds = iot_registry_search_parse_uri(text, &reg, &error);

		if (conds != NULL) {
			char *d = iot_registry_search_describe(conds);
			xmlNode *n = iot_registry_build_search(IOT_GEN_NF, conds, 0, 10);

			g_free(d);
			xmlFreeNode(n);
			g_ptr_array_free(conds, TRUE);
		} else if (error == NULL) {
			__builtin_trap();
		}
		g_clear_error(&error);
		g_free(reg);
		conds = iot_registry_search_parse_args(text, &error);
		if (conds != NULL) {
			char *d = iot_registry_search_describe(conds);
			GPtrArray *again = iot_registry_search_parse_args(d, NULL);

			/* What we show as /search words reads back (ranges with
			 * open ends aside, which only links make). */
			if (again != NULL && again->len != conds->len)
				__builtin_trap();
			if (again)
				g_ptr_array_free(again, TRUE);
			g_free(d);
			g_ptr_array_free(conds, TRUE);
		} else if (error == NULL) {
			__builtin_trap();
		}
		g_clear_error(&error);
	}
	{
		xmlDoc *doc = iot_xml_parse((const char *)data, (gssize)size, NULL);

		if (doc != NULL) {
			xmlNode *root = xmlDocGetRootElement(doc);
			IotRegistryPage *p = iot_registry_parse_found(root, 0, NULL);
			IotRegistryThing *t;

			iot_registry_page_free(p);
			p = iot_registry_parse_found(iot_xml_first(root), 0, NULL);
			iot_registry_page_free(p);
			t = iot_registry_parse_claimed(iot_xml_first(root), NULL);
			iot_registry_thing_free(t);
			xmlFreeDoc(doc);
		}
	}
	g_free(masked);
	g_free(text);
	return 0;
}
