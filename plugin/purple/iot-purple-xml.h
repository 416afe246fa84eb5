/*
 * iot-purple-xml.h — the one place where libpurple's xmlnode meets libxml2.
 *
 * The core only knows libxml2; the jabber prpl only knows xmlnode. Both
 * directions go through serialisation, which is simple and keeps the two
 * trees' ownership rules from ever mixing.
 */
#ifndef IOT_PURPLE_XML_H
#define IOT_PURPLE_XML_H

#include <libxml/tree.h>
#include <xmlnode.h>

/* Returns: (transfer full) (nullable): a libxml2 copy of @node (transfer
 * none); free with xmlFreeDoc(). NULL if it cannot be serialised/parsed. */
xmlDoc *iot_purple_xml_import(const xmlnode *node);

/* Returns: (transfer full) (nullable): an xmlnode copy of @node (transfer
 * none); free with xmlnode_free(). */
xmlnode *iot_purple_xml_export(const xmlNode *node);

#endif
