/*
 * iot-provisioning-token.h — which token challenges we may answer.
 *
 * XEP-0324 §3.1.4 and §7 (and NF Tokens.md): a client answers a
 * <tokenChallenge token='…'/> only from a JID to which it sent that token
 * within the last minute; any other challenge gets `forbidden`, since it
 * may be someone trying to use our token. This is the bookkeeping: the
 * adapter records each token it puts into a request (sensor-data,
 * control, …) with the address it went to, and asks before answering.
 * Pure: the caller passes the time, so tests run on a virtual clock.
 *
 * Addresses: a token sent to a full JID is answerable only to that full
 * JID; one sent to a bare JID, to any resource of it (case of local part
 * and domain folded).
 */
#ifndef IOT_PROVISIONING_TOKEN_H
#define IOT_PROVISIONING_TOKEN_H

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* How long after sending a token a challenge for it may be answered. */
#define IOT_TOKEN_WINDOW_MS 60000
/* Sendings remembered; the oldest are forgotten first. */
#define IOT_TOKEN_GUARD_MAX 4096

typedef struct _IotTokenGuard IotTokenGuard;

/* Returns: (transfer full): an empty guard; iot_token_guard_free(). */
IotTokenGuard *iot_token_guard_new(void);
void iot_token_guard_free(IotTokenGuard *g);

/* We sent @tokens (space-separated, as in st/dt/ut attributes; nullable)
 * to @to at @now_ms. */
void iot_token_guard_sent(IotTokenGuard *g, const char *to, const char *tokens, gint64 now_ms);

/* TRUE when a challenge from @from for @token arriving at @now_ms may be
 * answered: we sent @token to @from at most IOT_TOKEN_WINDOW_MS before. */
gboolean iot_token_guard_may_answer(IotTokenGuard *g, const char *from, const char *token,
                                    gint64 now_ms);

/* Forgets sendings older than the window; returns how many remain. */
guint iot_token_guard_prune(IotTokenGuard *g, gint64 now_ms);

/* Reads a challenge: @el is <tokenChallenge token='…'>BASE64</tokenChallenge>
 * (the payload of an iq get) in `urn:xmpp:iot:provisioning` or a token
 * namespace `urn:{ieee,nf,nfi}:iot:prov:t:1.0`. Returns TRUE and sets
 * *@token (transfer none, nullable out) when it is one with a token.
 * Whether to answer is iot_token_guard_may_answer(); when not, the answer
 * is an iq error with condition `forbidden` (XEP-0324 §3.1.4). */
gboolean iot_token_challenge_read(const xmlNode *el, const char **token);

/* TRUE when @el is a <tokenChallenge/> in one of those namespaces, whether
 * or not its token is usable (missing, empty, too long): such a challenge
 * is still ours to refuse with `forbidden`, never left to a default reply. */
gboolean iot_token_challenge_is(const xmlNode *el);

G_END_DECLS

#endif
