/* iot-xml.c — libxml2 helpers. See iot-xml.h. */
#include "iot-xml.h"

#include "iot-error.h"

#include <libxml/parser.h>
#include <string.h>

xmlDoc *
iot_xml_parse(const char *buf, gssize len, GError **error)
{
	xmlDoc *doc;

	g_return_val_if_fail(buf != NULL, NULL);
	if (len < 0)
		len = (gssize)strlen(buf);
	if (len > G_MAXINT) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, "document too large");
		return NULL;
	}
	/* RFC 6120 §11.1: XMPP carries no DTDs. Refusing any "<!DOCTYPE" before
	 * parsing keeps entity bombs ("billion laughs") from being expanded at
	 * all. NONET: never fetch; no NOENT/DTDLOAD; HUGE lets a 10 MB attribute
	 * or 1,000 levels of nesting through to our own bounds (iot-limits.h),
	 * which then say what was cut, instead of failing the whole stanza. */
	if (g_strstr_len(buf, len, "<!DOCTYPE") != NULL || g_strstr_len(buf, len, "<!doctype") != NULL) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "document type declarations are not allowed");
		return NULL;
	}
	doc = xmlReadMemory(buf, (int)len, NULL, "UTF-8",
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                        XML_PARSE_NOCDATA | XML_PARSE_HUGE);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		if (doc)
			xmlFreeDoc(doc);
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not well-formed XML");
		return NULL;
	}
	/* RFC 6120 §11.1: XMPP carries no DTDs. Refusing them also refuses
	 * every entity declaration, so no "billion laughs" can reach a reader. */
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		xmlFreeDoc(doc);
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "document type declarations are not allowed");
		return NULL;
	}
	return doc;
}

const char *
iot_xml_ns(const xmlNode *n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns == NULL)
		return NULL;
	return (const char *)n->ns->href;
}

gboolean
iot_xml_is(const xmlNode *n, const char *name, const char *ns)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || name == NULL)
		return FALSE;
	if (strcmp((const char *)n->name, name) != 0)
		return FALSE;
	if (ns == NULL)
		return TRUE;
	return g_strcmp0(iot_xml_ns(n), ns) == 0;
}

xmlNode *
iot_xml_first(const xmlNode *parent)
{
	xmlNode *c;

	if (parent == NULL)
		return NULL;
	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *
iot_xml_next(const xmlNode *n)
{
	xmlNode *c;

	if (n == NULL)
		return NULL;
	for (c = n->next; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *
iot_xml_child(const xmlNode *parent, const char *name, const char *ns)
{
	xmlNode *c;

	for (c = iot_xml_first(parent); c != NULL; c = iot_xml_next(c))
		if (iot_xml_is(c, name, ns))
			return c;
	return NULL;
}

const char *
iot_xml_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE || name == NULL)
		return NULL;
	/* Walk the list ourselves: xmlGetProp() allocates, and readouts of
	 * 10,000 fields read several attributes each. */
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL)
			return "";
		if (a->children->next == NULL && a->children->type == XML_TEXT_NODE)
			return a->children->content ? (const char *)a->children->content : "";
		/* Entity references split the value: libxml2 keeps them as nodes.
		 * Report the first text part only; such values are rare and hostile. */
		return a->children->content ? (const char *)a->children->content : "";
	}
	return NULL;
}

const char *
iot_xml_attr2(const xmlNode *n, const char *name, const char *alt)
{
	const char *v = iot_xml_attr(n, name);

	if (v == NULL && alt != NULL)
		v = iot_xml_attr(n, alt);
	return v;
}

gboolean
iot_xml_attr_bool(const xmlNode *n, const char *name, gboolean fallback)
{
	const char *v = iot_xml_attr(n, name);

	if (v == NULL)
		return fallback;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		return TRUE;
	if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return FALSE;
	return fallback;
}

/* Appends the text below @n to @out until more than @max bytes are held.
 * Entity references are not followed: xmlNodeGetContent() would expand
 * nested entities without bound. Returns FALSE once full. */
static gboolean
collect_text(const xmlNode *n, GString *out, gsize max, guint depth)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			g_string_append(out, (const char *)c->content);
			if (out->len > max)
				return FALSE;
		} else if (c->type == XML_ELEMENT_NODE && depth < 64) {
			if (!collect_text(c, out, max, depth + 1))
				return FALSE;
		}
	}
	return TRUE;
}

char *
iot_xml_text(const xmlNode *n, gsize max_bytes, gboolean *truncated)
{
	GString *out;

	if (truncated)
		*truncated = FALSE;
	if (n == NULL)
		return NULL;
	out = g_string_new(NULL);
	if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
		g_string_append(out, (const char *)n->content);
	else
		collect_text(n, out, max_bytes, 0);
	if (out->len > max_bytes) {
		gsize end = max_bytes;

		/* back up to a character boundary */
		while (end > 0 && (((guchar)out->str[end]) & 0xC0) == 0x80)
			end--;
		g_string_truncate(out, end);
		if (truncated)
			*truncated = TRUE;
	}
	return g_string_free(out, FALSE);
}

xmlNode *
iot_xml_new(const char *name, const char *ns)
{
	xmlNode *n;

	g_return_val_if_fail(name != NULL, NULL);
	n = xmlNewNode(NULL, (const xmlChar *)name);
	if (ns != NULL)
		xmlSetNs(n, xmlNewNs(n, (const xmlChar *)ns, NULL));
	return n;
}

xmlNode *
iot_xml_add(xmlNode *parent, const char *name)
{
	g_return_val_if_fail(parent != NULL && name != NULL, NULL);
	return xmlNewChild(parent, parent->ns, (const xmlChar *)name, NULL);
}

void
iot_xml_set(xmlNode *n, const char *name, const char *value)
{
	g_return_if_fail(n != NULL && name != NULL);
	if (value != NULL)
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void
iot_xml_set_text(xmlNode *n, const char *text)
{
	g_return_if_fail(n != NULL);
	if (text != NULL)
		xmlNodeAddContent(n, (const xmlChar *)text);
}

char *
iot_xml_to_string(const xmlNode *n)
{
	xmlBuffer *buf;
	char *out;

	g_return_val_if_fail(n != NULL, NULL);
	buf = xmlBufferCreate();
	xmlNodeDump(buf, n->doc, (xmlNode *)n, 0, 0);
	out = g_strndup((const char *)xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return out;
}

gboolean
iot_xml_is_valid_text(const char *s)
{
	const char *p;

	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		return FALSE;
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD)
			return FALSE;
		if (c == 0xFFFE || c == 0xFFFF)
			return FALSE;
	}
	return TRUE;
}
