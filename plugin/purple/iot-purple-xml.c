/* iot-purple-xml.c — xmlnode ⇄ libxml2. See iot-purple-xml.h. */
#include "iot-purple-xml.h"

#include "iot-xml.h"

#include <debug.h>

xmlDoc *
iot_purple_xml_import(const xmlnode *node)
{
	int len = 0;
	char *s;
	xmlDoc *doc;
	GError *error = NULL;

	g_return_val_if_fail(node != NULL, NULL);
	s = xmlnode_to_str(node, &len);
	if (s == NULL)
		return NULL;
	doc = iot_xml_parse(s, len, &error);
	if (doc == NULL) {
		purple_debug_warning("xmpp-iot", "cannot re-parse a stanza: %s\n", error->message);
		g_error_free(error);
	}
	g_free(s);
	return doc;
}

xmlnode *
iot_purple_xml_export(const xmlNode *node)
{
	char *s;
	xmlnode *n;

	g_return_val_if_fail(node != NULL, NULL);
	s = iot_xml_to_string(node);
	n = xmlnode_from_str(s, -1);
	g_free(s);
	return n;
}
