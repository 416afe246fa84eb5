/*
 * fuzz-stanza.c — libFuzzer target for the stanza-level parsers every answer
 * meets first: stanza errors (RFC 6120 and the legacy IoT shapes), disco#info
 * answers and their XEP-0115 verification strings, and the JID checks used on
 * every `from`. Seeds: tests/fixtures/stanza.
 */
#include "iot-disco-caps.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-xml.h"

#include <stdint.h>

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
	xmlDoc *doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	const xmlNode *root, *c;
	IotDiscoCache *cache;

	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	g_error_free(iot_error_from_stanza(root));
	cache = iot_disco_cache_new();
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c)) {
		IotDiscoInfo *info = iot_disco_info_parse(c, NULL);
		const char *from = iot_xml_attr(root, "from");
		IotDiscoCaps *caps = iot_disco_caps_new(iot_xml_attr(c, "hash"), iot_xml_attr(c, "node"),
		                                        iot_xml_attr(c, "ver"));

		g_free(iot_disco_caps_compute(c, "sha-1", NULL));
		(void)iot_disco_caps_verify(c, caps);
		g_free(iot_disco_caps_key(caps));
		iot_disco_caps_free(caps);

		if (info != NULL) {
			(void)iot_disco_info_pick(info, IOT_FUNC_SENSORDATA);
			(void)iot_disco_info_is_thing(info);
			if (from != NULL) {
				iot_disco_cache_store(cache, from, info, iot_xml_attr(c, "ver"));
				(void)iot_disco_cache_caps_seen(cache, from, iot_xml_attr(root, "id"));
			}
			iot_disco_info_free(info);
		}
		g_free(iot_jid_bare(from));
		(void)iot_jid_equal(from, iot_xml_attr(root, "to"));
	}
	iot_disco_cache_free(cache);
	xmlFreeDoc(doc);
	return 0;
}
