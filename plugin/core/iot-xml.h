/*
 * iot-xml.h — the only place that calls libxml2 directly.
 *
 * Null-tolerant helpers so that parsers stay short and never crash on hostile
 * stanzas: every lookup on a NULL node returns NULL. Parsing never touches the
 * network, never expands entities and never loads a DTD; libxml2 is shared
 * with libpurple, so nothing here changes global libxml2 state.
 */
#ifndef IOT_XML_H
#define IOT_XML_H

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Parses a complete XML document held in @buf (@len bytes, -1 = NUL-terminated).
 * Returns: (transfer full) (nullable): the document, free with xmlFreeDoc();
 * NULL with @error set (IOT_ERROR_MALFORMED) when it is not well-formed. */
xmlDoc *iot_xml_parse(const char *buf, gssize len, GError **error);

/* Returns: (transfer none) (nullable): the namespace URI of element @n. */
const char *iot_xml_ns(const xmlNode *n);

/* TRUE when @n is an element named @name (and, when @ns is non-NULL, in @ns). */
gboolean iot_xml_is(const xmlNode *n, const char *name, const char *ns);

/* Returns: (transfer none) (nullable): the first element child of @parent. */
xmlNode *iot_xml_first(const xmlNode *parent);

/* Returns: (transfer none) (nullable): the next element sibling of @n. */
xmlNode *iot_xml_next(const xmlNode *n);

/* Returns: (transfer none) (nullable): the first element child of @parent
 * named @name; @ns NULL matches any namespace. */
xmlNode *iot_xml_child(const xmlNode *parent, const char *name, const char *ns);

/* Returns: (transfer none) (nullable): the value of the un-prefixed attribute
 * @name, borrowed from the tree (valid while the tree lives). */
const char *iot_xml_attr(const xmlNode *n, const char *name);

/* Like iot_xml_attr() but tries @name then @alt (nullable). */
const char *iot_xml_attr2(const xmlNode *n, const char *name, const char *alt);

/* xs:boolean attribute: "true"/"1" → TRUE, "false"/"0" → FALSE, absent or
 * anything else → @fallback. */
gboolean iot_xml_attr_bool(const xmlNode *n, const char *name, gboolean fallback);

/* Returns: (transfer full) (nullable): the text content of @n, at most
 * @max_bytes bytes (cut at a UTF-8 boundary; *truncated set when cut; nullable).
 * Free with g_free(). */
char *iot_xml_text(const xmlNode *n, gsize max_bytes, gboolean *truncated);

/* Returns: (transfer full): a new element @name declaring default namespace
 * @ns (nullable). Free with xmlFreeNode() unless linked into a tree. */
xmlNode *iot_xml_new(const char *name, const char *ns);

/* Returns: (transfer none): a new child element of @parent, in @parent's
 * namespace. */
xmlNode *iot_xml_add(xmlNode *parent, const char *name);

/* Sets attribute @name to @value; a NULL @value removes nothing and sets nothing. */
void iot_xml_set(xmlNode *n, const char *name, const char *value);

/* Sets a text child. */
void iot_xml_set_text(xmlNode *n, const char *text);

/* Returns: (transfer full): @n serialised without XML declaration; g_free(). */
char *iot_xml_to_string(const xmlNode *n);

/* TRUE when @s is valid UTF-8 with no characters that XML 1.0 forbids. */
gboolean iot_xml_is_valid_text(const char *s);

G_END_DECLS

#endif
