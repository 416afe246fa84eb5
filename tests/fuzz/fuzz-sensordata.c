/*
 * fuzz-sensordata.c — libFuzzer target for the sensor-data codec.
 *
 * Bytes → iot_xml_parse → iot_sd_parse of the root and of each element child
 * of the root (a stanza and its payload), all into one readout, as a
 * multi-message readout accumulates. What was read is then written out again
 * in every generation and read back, so that device strings also reach the
 * builder. Seeds: tests/fixtures/sd (every specification example and the
 * captured slixmpp stanzas).
 */
#include "iot-sensordata.h"
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
parse_one(const xmlNode *el, IotReadout *r)
{
	IotSdMessage msg;
	GError *error = NULL;

	if (iot_sd_parse(el, &msg, r, &error))
		iot_sd_message_clear(&msg);
	else
		g_clear_error(&error);
}

static void
rebuild(IotReadout *r)
{
	IotGeneration gen;
	guint i;

	if (r->fields->len == 0)
		return;
	for (i = 0; (gen = iot_generation_preference(i)) != IOT_GEN_UNKNOWN; i++) {
		xmlNode *n = iot_sd_build_fields(gen, "1", r->fields, 0, MIN(r->fields->len, 64), TRUE);
		char *text = iot_xml_to_string(n);
		xmlDoc *doc = iot_xml_parse(text, -1, NULL);
		IotReadout *again = iot_readout_new();

		/* Whatever we build must be well-formed and read back whole. */
		if (doc == NULL)
			abort();
		parse_one(xmlDocGetRootElement(doc), again);
		if (again->fields->len != MIN(r->fields->len, 64))
			abort();
		iot_readout_free(again);
		xmlFreeDoc(doc);
		g_free(text);
		xmlFreeNode(n);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc;
	xmlNode *root, *c;
	IotReadout *r;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	r = iot_readout_new();
	parse_one(root, r);
	(void)iot_sd_is_payload(root);
	(void)iot_sd_peek_id(root);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c)) {
		parse_one(c, r);
		(void)iot_sd_peek_id(c);
	}
	rebuild(r);
	iot_readout_free(r);
	xmlFreeDoc(doc);
	return 0;
}
