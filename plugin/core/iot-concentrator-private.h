/*
 * iot-concentrator-private.h — what the concentrator codec files share:
 * bounded readers of the attributes and elements every generation uses,
 * and the writers of node addresses. Not for use outside iot-concentrator-*.c.
 */
#ifndef IOT_CONCENTRATOR_PRIVATE_H
#define IOT_CONCENTRATOR_PRIVATE_H

#include "iot-concentrator.h"

G_BEGIN_DECLS

/* TRUE when @ns is a concentrator namespace of any generation. */
gboolean iot_conc_is_ns(const char *ns);

/* The answer element of @iq: its first child in a concentrator namespace.
 * An XSF response whose result is not OK is that error (set in @error).
 * NULL with IOT_ERROR_MALFORMED when there is none. */
const xmlNode *iot_conc_payload(const xmlNode *iq, GError **error);

/* Returns: (transfer full) (nullable): the identity attribute @a (or @b,
 * nullable) of @n: whole, valid text within IOT_MAX_NAME_BYTES, or NULL —
 * a cut identity would name another node. */
char *iot_conc_identity(const xmlNode *n, const char *a, const char *b);

/* Returns: (transfer full) (nullable): attribute @name of @n as a label:
 * valid text, cut at a character boundary within @max bytes. */
char *iot_conc_label(const xmlNode *n, const char *name, gsize max);

/* Returns: (transfer full) (nullable): the text content of @n, stripped,
 * valid, cut within @max bytes; NULL when there is none. */
char *iot_conc_text(const xmlNode *n, gsize max);

/* The xs:dateTime attribute @name of @n, or IOT_TIME_UNKNOWN. */
gint64 iot_conc_timestamp(const xmlNode *n, const char *name);

/* The node state named @s; unknown or absent ones are IOT_NODE_STATE_NONE. */
IotNodeState iot_conc_node_state(const char *s);

/* Returns: (transfer full) (nullable): the data source described by @c. */
IotConcentratorSource *iot_conc_read_source(const xmlNode *c);

/* Returns: (transfer full) (nullable): the node described by the attributes
 * and children (parameters, messages) of @c, or NULL when it has no usable
 * id, or names a source or partition that cannot be kept whole. @asked
 * (nullable) fills in the source an XSF answer leaves out. */
IotConcentratorNode *iot_conc_read_node(const xmlNode *c, const IotNodeRef *asked);

/* Returns: (transfer full) (nullable): the status message element @c. */
IotNodeMessage *iot_conc_read_message(const xmlNode *c);

/* Writes the address of @ref on @n: NF id, src, pt; XSF sourceId, nodeId,
 * cacheType (the XEP's order). NULL members are left out. */
void iot_conc_set_ref(xmlNode *n, gboolean nf, const IotNodeRef *ref);

/* Appends a node reference child to @parent: NF <nd id src pt/>, XSF
 * <node sourceId nodeId cacheType/>. */
void iot_conc_add_ref(xmlNode *parent, gboolean nf, const IotNodeRef *ref);

/* TRUE when @s is "true" / "1" (*@value TRUE) or "false" / "0" (FALSE),
 * surrounding white space ignored. */
gboolean iot_conc_parse_bool_text(const char *s, gboolean *value);

/* Marks the result of @s aborted (an abort the concentrator confirmed
 * without a queryAborted message). Declared here to keep the stream's
 * public API read-only; @s is an IotQueryStream. */
struct _IotQueryStream;
void iot_query_stream_set_aborted(struct _IotQueryStream *s);

G_END_DECLS

#endif
