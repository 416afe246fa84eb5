/*
 * iot-registry.h — a thing's conceptual identity: meta tags, and the two
 * ways they travel out of band (a QR code, a link).
 *
 * A thing registers meta tags (XEP-0347 §3.4; NF Discovery.md): string tags
 * (`<str name value/>`) and numeric tags (`<num name value/>`). Names are
 * case-insensitive; the predefined ones are ALT APT AREA BLD CITY CLASS
 * COUNTRY KEY LAT LON MAN MLOC MNR MODEL NAME PURL REGION ROOM SN STREET
 * STREETNR V (and R, the registry's address, in links only). KEY is the
 * secret shared between a thing and its owner: a registry never returns it,
 * and what we show of it is masked.
 *
 * Two text forms carry a claim:
 *   XEP-0347:  IoTDisco;SN:123;MAN:example.org;#V:1.2;KEY:9f3a
 *              each tag prefixed by ';', numeric ones by an extra '#', each
 *              value by ':'; ';' and '\' inside a value are escaped with '\'.
 *   NF link:   iotdisco:SN=123;MAN=example.org;#V=1.2;KEY=9f3a;R=reg.example.org
 *              the first tag has no ';'; values follow '='; '\' escapes as
 *              above, and (as the Neuro-Foundation client writes them) names
 *              and values are percent-encoded. A link without KEY is a
 *              search and may use the operators <, <=, >, >=, <> and
 *              ~ (followed by the wildcard character, then the pattern); a
 *              tag named twice with < / > forms a range (iot-registry-codec.h).
 *
 * What we accept: tag names of 1..IOT_REGISTRY_MAX_NAME_CHARS characters
 * without white space, control characters or any of : # = < > ; ~ \ ;
 * string values of at most IOT_REGISTRY_MAX_VALUE_CHARS characters of valid
 * UTF-8 without control characters; numeric values that are finite
 * xs:double numbers (kept as written, so a claim repeats the thing's own
 * text); at most IOT_REGISTRY_MAX_TAGS tags, each name once. Anything else is
 * refused with a translated sentence that names the tag (escaped by the
 * caller like any text).
 */
#ifndef IOT_REGISTRY_H
#define IOT_REGISTRY_H

#include <glib.h>

G_BEGIN_DECLS

/* Tag names: XEP-0347 allows 32 characters, the NF text 64; we take 64. */
#define IOT_REGISTRY_MAX_NAME_CHARS 64
/* String values: both texts allow 128 characters. */
#define IOT_REGISTRY_MAX_VALUE_CHARS 128
/* Tags kept from one identity, link, registration or search result. */
#define IOT_REGISTRY_MAX_TAGS 100
/* Bytes of a pasted or decoded link or QR string. */
#define IOT_REGISTRY_MAX_URI_BYTES 8192
/* What a masked KEY shows (the same length whatever the key). */
#define IOT_REGISTRY_KEY_MASK "••••••••"

typedef struct {
	char *name;     /* as written (case kept); compare with g_ascii_strcasecmp */
	char *value;    /* string value, or the numeric value as written */
	gboolean numeric;
	double number;  /* the parsed value when numeric, else 0 */
} IotRegistryTag;

/* (transfer full): a validated copy; NULL with @error when @name or @value
 * is not acceptable (see above). Free with iot_registry_tag_free(). */
IotRegistryTag *iot_registry_tag_new(const char *name, const char *value, gboolean numeric,
                                     GError **error);
/* Returns: (transfer full) (nullable): a copy; NULL for NULL. */
IotRegistryTag *iot_registry_tag_copy(const IotRegistryTag *tag);
/* NULL-safe. */
void iot_registry_tag_free(IotRegistryTag *tag);

/* TRUE when @name is KEY (any case). */
gboolean iot_registry_tag_is_key(const char *name);

/* Returns: (transfer full): an empty list of tags (GPtrArray of
 * IotRegistryTag that frees them with g_ptr_array_free(…, TRUE)). */
GPtrArray *iot_registry_tags_new(void);
/* (transfer full) deep copy of @tags (nullable → empty). */
GPtrArray *iot_registry_tags_copy(const GPtrArray *tags);
/* (transfer none) (nullable): the tag named @name (any case). */
const IotRegistryTag *iot_registry_tags_find(const GPtrArray *tags, const char *name);
/* Adds a validated tag; FALSE with @error when invalid, a duplicate or one
 * too many. */
gboolean iot_registry_tags_add(GPtrArray *tags, const char *name, const char *value,
                               gboolean numeric, GError **error);

/* What a pasted text or a QR code held. */
typedef struct {
	GPtrArray *tags;  /* (element-type IotRegistryTag) owned; without R */
	char *registry;   /* (nullable) the R tag: the registry's address */
	gboolean has_key; /* a KEY tag is among @tags: the text claims a thing */
	gboolean is_link; /* "iotdisco:" form (else XEP-0347 "IoTDisco;" form) */
} IotDiscoId;

/* NULL-safe. */
void iot_disco_id_free(IotDiscoId *id);

/* Reads a claim from @text: an "iotdisco:" link or an XEP-0347 "IoTDisco;"
 * string (scheme and prefix in any case; surrounding white space ignored).
 * Only the equality form is a claim: a link using search operators is
 * refused here (read it with iot_registry_search_parse_uri()).
 * Returns: (transfer full) (nullable): iot_disco_id_free(); NULL with a
 * translated @error (IOT_ERROR_BAD_REQUEST) saying what is wrong. A text
 * without KEY parses (has_key FALSE); whether to claim with it is the
 * caller's decision. */
IotDiscoId *iot_disco_id_parse(const char *text, GError **error);

/* A string tag named R is the registry's address in both forms: the parser
 * moves it to IotDiscoId.registry, and the builders leave such a tag out.
 *
 * Returns: (transfer full): the "iotdisco:" link of @tags (nullable
 * @registry added as R), percent-encoding every byte outside A-Z a-z 0-9
 * - . _ ~ as the Neuro-Foundation client does. g_free(). */
char *iot_disco_id_build_link(const GPtrArray *tags, const char *registry);

/* Returns: (transfer full): the XEP-0347 "IoTDisco;" string of @tags
 * (';' and '\' in values escaped with '\'). g_free(). */
char *iot_disco_id_build_qr(const GPtrArray *tags);

/* Returns: (transfer full): one line per tag, "NAME = value" (numeric ones
 * "NAME = 1.2 (number)"), KEY's value replaced by IOT_REGISTRY_KEY_MASK, for
 * a preview before anything is sent. Plain text: escape it for markup.
 * g_free(). */
char *iot_registry_tags_preview(const GPtrArray *tags);

/* Returns: (transfer full): @text with the value of every KEY tag replaced
 * by IOT_REGISTRY_KEY_MASK, for showing or logging a pasted link or QR
 * string; text that does not parse is replaced by a fixed placeholder, so
 * that a mangled secret is never shown either. g_free(). */
char *iot_disco_id_mask(const char *text);

G_END_DECLS

#endif
