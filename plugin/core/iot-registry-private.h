/*
 * iot-registry-private.h — what the iot-registry-* files share: the lexer of
 * iotdisco links and IoTDisco strings, and tag validation.
 */
#ifndef IOT_REGISTRY_PRIVATE_H
#define IOT_REGISTRY_PRIVATE_H

#include "iot-registry.h"

G_BEGIN_DECLS

typedef enum {
	IOT_URI_OP_EQ,
	IOT_URI_OP_NEQ, /* <> */
	IOT_URI_OP_LT,
	IOT_URI_OP_LE,
	IOT_URI_OP_GT,
	IOT_URI_OP_GE,
	IOT_URI_OP_MASK /* ~ followed by the wildcard */
} IotUriOp;

typedef struct {
	char *name;      /* decoded */
	char *value;     /* decoded */
	char *wildcard;  /* (nullable) the wildcard of a mask, one character */
	IotUriOp op;
	gboolean numeric;
} IotUriItem;

void iot_uri_item_free(gpointer item);

/* Splits @text into items (GPtrArray of IotUriItem, transfer full) and says
 * whether it is the "iotdisco:" form. Names and values are decoded (escapes,
 * percent-encoding in links) but not validated as tags. NULL with a
 * translated @error. */
GPtrArray *iot_uri_lex(const char *text, gboolean *is_link, GError **error);

/* Returns: (transfer full): @text as it may appear inside an error
 * message: valid UTF-8, control characters as '?', at most 64 characters
 * (then "…"). Still plain text: the caller escapes it for markup. */
char *iot_registry_shown(const char *text, gssize len);

/* Validates @name; FALSE with a translated @error. */
gboolean iot_registry_check_name(const char *name, GError **error);
/* Validates a value of tag @name; for numeric ones also parses it. */
gboolean iot_registry_check_value(const char *name, const char *value, gboolean numeric,
                                  double *number, GError **error);
/* TRUE when @s is an xs:double literal we accept (finite, decimal). */
gboolean iot_registry_parse_number(const char *s, double *out);

G_END_DECLS

#endif
