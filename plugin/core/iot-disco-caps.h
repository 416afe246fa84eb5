/*
 * iot-disco-caps.h — XEP-0115 entity capabilities: what a presence's <c/>
 * announces, its verification string, and asking for the answer behind it.
 *
 * A resource announces (hash, node, ver): ver is the hash of a string made
 * from its disco#info answer (identities, features, extended forms, sorted).
 * Only an answer whose string hashes to the announced ver may stand for every
 * resource announcing that ver ("verified"); anything else is true only of
 * the resource that sent it. Legacy caps (no hash) and hashes we cannot
 * compute name nothing we can check: such a resource is asked on its own.
 */
#ifndef IOT_DISCO_CAPS_H
#define IOT_DISCO_CAPS_H

#include "iot-disco.h"

G_BEGIN_DECLS

typedef struct {
	char *hash; /* nullable: absent in legacy caps */
	char *node; /* nullable */
	char *ver;
} IotDiscoCaps;

/* Returns: (transfer full) (nullable): the caps of a presence's <c/> attributes
 * (each nullable, copied); NULL when @ver is missing or empty or any value is
 * longer than IOT_MAX_CAPS_ATTR_BYTES. Free with iot_disco_caps_free(). */
IotDiscoCaps *iot_disco_caps_new(const char *hash, const char *node, const char *ver);
void iot_disco_caps_free(IotDiscoCaps *caps);

/* TRUE when @hash names an algorithm we compute: md5, sha-1, sha-256,
 * sha-384, sha-512 (the IANA names of GLib's GChecksum types). */
gboolean iot_disco_caps_hash_supported(const char *hash);

/* TRUE when @caps (nullable) carries a supported hash: its ver can be
 * checked against an answer and then stands for that answer. */
gboolean iot_disco_caps_verifiable(const IotDiscoCaps *caps);

/* Returns: (transfer full) (nullable): "hash ver", the key of a verifiable
 * @caps in caches; NULL when @caps is not verifiable. g_free(). */
char *iot_disco_caps_key(const IotDiscoCaps *caps);

/* Returns: (transfer full) (nullable): the verification string S of the
 * disco#info <query/> @query (XEP-0115 §5.1, before hashing); g_free().
 * NULL with @error (IOT_ERROR_MALFORMED) when the answer is ill-formed by
 * §5.4 (a repeated identity, feature or form type, a form type with two
 * values), or IOT_ERROR_TOO_LARGE beyond IOT_MAX_CAPS_STRING_BYTES. */
char *iot_disco_caps_string(const xmlNode *query, GError **error);

/* Returns: (transfer full) (nullable): base64 of @hash over S of @query: the
 * ver the answer belongs to; NULL with @error as above or for an unsupported
 * @hash. g_free(). */
char *iot_disco_caps_compute(const xmlNode *query, const char *hash, GError **error);

/* TRUE when @query hashes to @caps' ver with @caps' hash. */
gboolean iot_disco_caps_verify(const xmlNode *query, const IotDiscoCaps *caps);

/* The answer to iot_disco_caps_query(): @info on success; @verified_xml
 * (nullable) is the <query/> as XML when it verified against the caps asked
 * for (what iot_disco_caps_info_from_xml() reads back), NULL when it did not. */
typedef void (*IotDiscoCapsFunc)(const IotDiscoInfo *info, const char *verified_xml, const GError *error,
                                 gpointer user_data);

/* Asks @peer's disco#info for node "node#ver" of @caps (transfer none;
 * nullable: no node, nothing to verify). @cb runs exactly once; @destroy
 * (nullable) frees @user_data after it. Returns the request's handle. */
guint iot_disco_caps_query(IotRequestTable *t, const char *peer, const IotDiscoCaps *caps,
                           guint timeout_ms, IotDiscoCapsFunc cb, gpointer user_data,
                           GDestroyNotify destroy);

/* Reads back an answer stored for @caps and verifies it again.
 * Returns: (transfer full) (nullable): NULL with @error when @xml does not
 * parse or no longer hashes to @caps' ver. iot_disco_info_free(). */
IotDiscoInfo *iot_disco_caps_info_from_xml(const char *xml, const IotDiscoCaps *caps, GError **error);

G_END_DECLS

#endif
