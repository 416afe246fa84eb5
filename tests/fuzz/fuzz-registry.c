/*
 * fuzz-registry.c — libFuzzer target for what reaches the thing registry code
 * from outside: a pasted or QR-decoded identity (iotdisco: links, IoTDisco
 * strings) and its masking. Seeds: tests/fixtures/registry.
 */
#include "iot-registry.h"

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
	g_free(masked);
	g_free(text);
	return 0;
}
