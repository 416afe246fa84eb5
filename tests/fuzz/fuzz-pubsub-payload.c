/*
 * fuzz-pubsub-payload.c — libFuzzer target for the payload decoder.
 *
 * Bytes → iot_xml_parse; the root, then each element child of the root and
 * each grandchild (an item's payload inside <item/> inside <items/>) are
 * decoded with one SOX meta shared in order (so a device's meta names the
 * data after it) and summed up at several widths. What comes out is valid
 * UTF-8 within its bounds; the root shown as XML reads back as XML. Seeds:
 * tests/fixtures/pubsub (Atom, SOX, sensor data, geoloc).
 */
#include "iot-pubsub-payload.h"
#include "iot-pubsub.h"
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
valid(const char *s, gsize max)
{
	if (s != NULL && (!g_utf8_validate(s, -1, NULL) || strlen(s) > max))
		abort();
}

static void
decode(const xmlNode *el, IotSoxMeta *meta, gboolean reparse)
{
	static const guint widths[] = { 1, 2, 10, 80, 1000 };
	IotPayload *p = iot_payload_decode(el, 1000000, meta);
	guint i;

	valid(p->title, 4096);
	valid(p->summary, 4096);
	valid(p->published, 64);
	valid(p->link, 4096);
	valid(p->note, 4096);
	valid(p->text, IOT_PUBSUB_MAX_PAYLOAD_BYTES + 8);
	if (p->readout != NULL) {
		for (i = 0; i < p->readout->fields->len; i++) {
			const IotField *f = g_ptr_array_index(p->readout->fields, i);

			if (f->name == NULL || f->value == NULL)
				abort();
			valid(f->name, 4096);
			valid(f->value, 4096);
			valid(f->unit, 4096);
		}
	}
	if (reparse && p->kind == IOT_PAYLOAD_XML && p->note == NULL) {
		xmlDoc *doc = iot_xml_parse(p->text, -1, NULL);

		if (doc == NULL)
			abort();
		xmlFreeDoc(doc);
	}
	for (i = 0; i < G_N_ELEMENTS(widths); i++) {
		char *line = iot_payload_summary(p, widths[i]);

		if (!g_utf8_validate(line, -1, NULL) || g_utf8_strlen(line, -1) > (glong)widths[i])
			abort();
		g_free(line);
	}
	iot_payload_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IotSoxMeta *meta;
	xmlDoc *doc;
	xmlNode *root, *c, *g;

	if (size > G_MAXINT)
		return 0;
	doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	meta = iot_sox_meta_new();
	decode(root, meta, TRUE);
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c)) {
		decode(c, meta, FALSE);
		for (g = iot_xml_first(c); g != NULL; g = iot_xml_next(g))
			decode(iot_xml_first(g), meta, FALSE);
	}
	iot_sox_meta_free(meta);
	xmlFreeDoc(doc);
	return 0;
}
