/*
 * fuzz-alert-headline.c — libFuzzer target for a message as it arrives:
 * read as a headline alert and put into an inbox. Seeds:
 * tests/fixtures/alert-headline.
 */
#include "iot-alert-inbox.h"
#include "iot-alert-parse.h"
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
	xmlDoc *doc = iot_xml_parse((const char *)data, (gssize)size, NULL);
	GError *error = NULL;
	IotAlert *a;

	if (doc == NULL)
		return 0;
	a = iot_alert_parse_headline(xmlDocGetRootElement(doc), "me@home.example", size % 2, &error);
	if (a == NULL) {
		if (error == NULL)
			__builtin_trap(); /* a refusal always says why */
		g_error_free(error);
	} else {
		IotAlertInbox *in = iot_alert_inbox_new(NULL);

		if (!g_utf8_validate(a->text, -1, NULL) || strlen(a->text) > IOT_ALERT_MAX_TEXT + 3 ||
		    a->source.thing == NULL || *a->source.thing == '\0' || strchr(a->source.thing, '/'))
			__builtin_trap();
		iot_alert_inbox_add(in, a, NULL, 1, NULL);
		iot_alert_inbox_add(in, a, NULL, 2, NULL);
		if (iot_alert_inbox_size(in) != 1)
			__builtin_trap(); /* the same twice merges */
		iot_alert_inbox_free(in);
		iot_alert_free(a);
	}
	xmlFreeDoc(doc);
	return 0;
}
