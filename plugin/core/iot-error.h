/*
 * iot-error.h — the IOT_ERROR GError domain.
 *
 * Codes cover the ways a request can end without a result (timeout,
 * disconnect, cancel), malformed input, and the XMPP stanza error conditions
 * a thing may answer with. The adapter turns them into translated sentences
 * through iot-format.h; the codes themselves carry no wording for users.
 */
#ifndef IOT_ERROR_H
#define IOT_ERROR_H

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define IOT_ERROR (iot_error_quark())
GQuark iot_error_quark(void);

typedef enum {
	IOT_ERROR_FAILED,          /* anything else */
	IOT_ERROR_TIMEOUT,         /* the peer did not answer in time */
	IOT_ERROR_DISCONNECTED,    /* our account went offline */
	IOT_ERROR_CANCELLED,       /* the user (or the UI closing) cancelled */
	IOT_ERROR_MALFORMED,       /* not well-formed or not the expected shape */
	IOT_ERROR_TOO_LARGE,       /* a bound was hit */
	IOT_ERROR_NOT_SUPPORTED,   /* the peer does not offer the function */
	IOT_ERROR_OFFLINE,         /* the peer has no available resource */
	IOT_ERROR_REJECTED,        /* the peer refused: legacy <rejected/>, forbidden … */
	IOT_ERROR_NOT_FOUND,       /* item-not-found: unknown node or field */
	IOT_ERROR_BAD_REQUEST,     /* bad-request / not-acceptable */
	IOT_ERROR_NOT_IMPLEMENTED, /* feature-not-implemented / service-unavailable */
	IOT_ERROR_UNAVAILABLE,     /* recipient-unavailable / remote-server-* */
	IOT_ERROR_CONFLICT,        /* conflict (locked) */
	IOT_ERROR_UNKNOWN_NODE     /* a concentrator has the node in none of its data
	                            * sources; the message is the node id */
} IotErrorCode;

/* Reads the error of an <iq type='error'> (or <message type='error'>) @stanza:
 * the RFC 6120 <error/> child and the legacy XEP-0323 v0.1/0.2 shape
 * (<rejected><error>text</error></rejected>, also <setResponse> codes).
 * Returns: (transfer full): a GError in IOT_ERROR whose message is the peer's
 * own text when it sent one (bounded, may be empty), else the condition name.
 * Free with g_error_free(). Never NULL. */
GError *iot_error_from_stanza(const xmlNode *stanza);

/* Returns: (transfer none): the RFC 6120 condition name for @code, e.g.
 * "item-not-found" (used when a peer sent no text). */
const char *iot_error_condition_name(IotErrorCode code);

G_END_DECLS

#endif
