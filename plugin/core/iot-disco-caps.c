/* iot-disco-caps.c — XEP-0115 verification and caps queries. See iot-disco-caps.h. */
#include "iot-disco-caps.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-ns.h"
#include "iot-xml.h"

#include <string.h>

#define NS_XDATA "jabber:x:data"

static const struct {
	const char *name;
	GChecksumType type;
} hashes[] = {
	{ "sha-1", G_CHECKSUM_SHA1 },     { "sha-256", G_CHECKSUM_SHA256 }, { "sha-384", G_CHECKSUM_SHA384 },
	{ "sha-512", G_CHECKSUM_SHA512 }, { "md5", G_CHECKSUM_MD5 },
};

static gboolean
hash_type(const char *hash, GChecksumType *type)
{
	guint i;

	for (i = 0; hash != NULL && i < G_N_ELEMENTS(hashes); i++) {
		if (strcmp(hash, hashes[i].name) == 0) {
			*type = hashes[i].type;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
iot_disco_caps_hash_supported(const char *hash)
{
	GChecksumType t;

	return hash_type(hash, &t);
}

IotDiscoCaps *
iot_disco_caps_new(const char *hash, const char *node, const char *ver)
{
	IotDiscoCaps *c;

	if (ver == NULL || *ver == '\0' || strlen(ver) > IOT_MAX_CAPS_ATTR_BYTES ||
	    (hash != NULL && strlen(hash) > IOT_MAX_CAPS_ATTR_BYTES) ||
	    (node != NULL && strlen(node) > IOT_MAX_CAPS_ATTR_BYTES))
		return NULL;
	c = g_new0(IotDiscoCaps, 1);
	c->hash = g_strdup(hash);
	c->node = g_strdup(node);
	c->ver = g_strdup(ver);
	return c;
}

void
iot_disco_caps_free(IotDiscoCaps *caps)
{
	if (caps == NULL)
		return;
	g_free(caps->hash);
	g_free(caps->node);
	g_free(caps->ver);
	g_free(caps);
}

gboolean
iot_disco_caps_verifiable(const IotDiscoCaps *caps)
{
	return caps != NULL && iot_disco_caps_hash_supported(caps->hash);
}

char *
iot_disco_caps_key(const IotDiscoCaps *caps)
{
	return iot_disco_caps_verifiable(caps) ? g_strconcat(caps->hash, " ", caps->ver, NULL) : NULL;
}

/* --- the verification string (XEP-0115 §5.1, checks of §5.4) --------------------- */

/* One part of S and what it sorts by. Sort keys join their components with
 * \x01, which XML text cannot contain: "a" + "b" sorts before "a-b" + "c",
 * as comparing component by component does. */
typedef struct {
	char *key;
	char *out;
} Part;

static void
part_free(gpointer p)
{
	g_free(((Part *)p)->key);
	g_free(((Part *)p)->out);
	g_free(p);
}

static void
add_part(GPtrArray *a, char *key, char *out)
{
	Part *p = g_new(Part, 1);

	p->key = key;
	p->out = out;
	g_ptr_array_add(a, p);
}

static int
cmp_part(gconstpointer a, gconstpointer b)
{
	return strcmp((*(Part *const *)a)->key, (*(Part *const *)b)->key); /* i;octet */
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts @a and fails when two parts sort the same. */
static gboolean
sort_unique(GPtrArray *a)
{
	guint i;

	g_ptr_array_sort(a, cmp_part);
	for (i = 1; i < a->len; i++)
		if (cmp_part(&g_ptr_array_index(a, i - 1), &g_ptr_array_index(a, i)) == 0)
			return FALSE;
	return TRUE;
}

static char *
text_of(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = g_strdup(c ? (const char *)c : "");

	xmlFree(c);
	return s;
}

static const char *
attr_or_empty(const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);

	return v ? v : "";
}

/* One form's part of S, or NULL when the form does not count (no FORM_TYPE,
 * or one that is not hidden). *@form_type receives its FORM_TYPE; *@bad is
 * set when the form makes the whole answer ill-formed. */
static char *
form_part(const xmlNode *x, char **form_type, gboolean *bad)
{
	GPtrArray *fields = g_ptr_array_new_with_free_func(part_free);
	const xmlNode *f, *v;
	char *type = NULL;
	gboolean hidden = FALSE;
	GString *out;
	guint i;

	for (f = iot_xml_first(x); f != NULL; f = iot_xml_next(f)) {
		const char *var = iot_xml_attr(f, "var");
		GPtrArray *values;
		GString *part;

		if (!iot_xml_is(f, "field", NS_XDATA) || var == NULL)
			continue;
		values = g_ptr_array_new_with_free_func(g_free);
		for (v = iot_xml_first(f); v != NULL; v = iot_xml_next(v))
			if (iot_xml_is(v, "value", NS_XDATA))
				g_ptr_array_add(values, text_of(v));
		g_ptr_array_sort(values, cmp_str);
		if (strcmp(var, "FORM_TYPE") == 0) {
			if (type != NULL) {
				*bad = TRUE; /* two FORM_TYPE fields */
			} else if (values->len > 0) {
				/* Several values are allowed only when they are the same. */
				if (strcmp(g_ptr_array_index(values, 0), g_ptr_array_index(values, values->len - 1)) != 0)
					*bad = TRUE;
				type = g_strdup(g_ptr_array_index(values, 0));
				hidden = g_strcmp0(iot_xml_attr(f, "type"), "hidden") == 0;
			}
			g_ptr_array_free(values, TRUE);
			continue;
		}
		part = g_string_new(var);
		g_string_append_c(part, '<');
		for (i = 0; i < values->len; i++) {
			g_string_append(part, g_ptr_array_index(values, i));
			g_string_append_c(part, '<');
		}
		g_ptr_array_free(values, TRUE);
		add_part(fields, g_strdup(var), g_string_free(part, FALSE));
	}
	if (type == NULL || !hidden || *bad) {
		g_free(type);
		g_ptr_array_free(fields, TRUE);
		return NULL;
	}
	g_ptr_array_sort(fields, cmp_part);
	out = g_string_new(type);
	g_string_append_c(out, '<');
	for (i = 0; i < fields->len; i++)
		g_string_append(out, ((Part *)g_ptr_array_index(fields, i))->out);
	g_ptr_array_free(fields, TRUE);
	*form_type = type;
	return g_string_free(out, FALSE);
}

char *
iot_disco_caps_string(const xmlNode *query, GError **error)
{
	GPtrArray *ids = g_ptr_array_new_with_free_func(part_free);
	GPtrArray *features = g_ptr_array_new_with_free_func(part_free);
	GPtrArray *forms = g_ptr_array_new_with_free_func(part_free);
	const xmlNode *c;
	gboolean bad = FALSE;
	GString *s = NULL;
	guint i;

	if (!iot_xml_is(query, "query", IOT_NS_DISCO_INFO)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a disco#info answer");
		goto out;
	}
	for (c = iot_xml_first(query); c != NULL && !bad; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "identity", IOT_NS_DISCO_INFO)) {
			xmlChar *x = xmlGetNsProp(c, (const xmlChar *)"lang", XML_XML_NAMESPACE);
			const char *cat = attr_or_empty(c, "category"), *type = attr_or_empty(c, "type");
			const char *lang = x ? (const char *)x : "", *name = attr_or_empty(c, "name");

			add_part(ids, g_strjoin("\x01", cat, type, lang, name, NULL),
			         g_strdup_printf("%s/%s/%s/%s<", cat, type, lang, name));
			xmlFree(x);
		} else if (iot_xml_is(c, "feature", IOT_NS_DISCO_INFO)) {
			const char *var = attr_or_empty(c, "var");
			add_part(features, g_strdup(var), g_strconcat(var, "<", NULL));
		} else if (iot_xml_is(c, "x", NS_XDATA)) {
			char *type = NULL, *part = form_part(c, &type, &bad);
			if (part != NULL)
				add_part(forms, type, part);
		}
	}
	if (bad || !sort_unique(ids) || !sort_unique(features) || !sort_unique(forms)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    "ill-formed for caps: a repeated identity, feature or form type");
		goto out;
	}
	s = g_string_new(NULL);
	for (i = 0; i < ids->len; i++)
		g_string_append(s, ((Part *)g_ptr_array_index(ids, i))->out);
	for (i = 0; i < features->len; i++)
		g_string_append(s, ((Part *)g_ptr_array_index(features, i))->out);
	for (i = 0; i < forms->len; i++)
		g_string_append(s, ((Part *)g_ptr_array_index(forms, i))->out);
	if (s->len > IOT_MAX_CAPS_STRING_BYTES) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, "a caps string of %zu bytes", s->len);
		g_string_free(s, TRUE);
		s = NULL;
	}
out:
	g_ptr_array_free(ids, TRUE);
	g_ptr_array_free(features, TRUE);
	g_ptr_array_free(forms, TRUE);
	return s ? g_string_free(s, FALSE) : NULL;
}

char *
iot_disco_caps_compute(const xmlNode *query, const char *hash, GError **error)
{
	GChecksumType type;
	GChecksum *sum;
	guint8 digest[64];
	gsize len = sizeof digest;
	char *s;

	if (!hash_type(hash, &type)) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED, "caps hash %s", hash ? hash : "(none)");
		return NULL;
	}
	s = iot_disco_caps_string(query, error);
	if (s == NULL)
		return NULL;
	sum = g_checksum_new(type);
	g_checksum_update(sum, (const guchar *)s, (gssize)strlen(s));
	g_checksum_get_digest(sum, digest, &len);
	g_checksum_free(sum);
	g_free(s);
	return g_base64_encode(digest, len);
}

gboolean
iot_disco_caps_verify(const xmlNode *query, const IotDiscoCaps *caps)
{
	char *ver;
	gboolean ok;

	if (!iot_disco_caps_verifiable(caps))
		return FALSE;
	ver = iot_disco_caps_compute(query, caps->hash, NULL);
	ok = ver != NULL && strcmp(ver, caps->ver) == 0;
	g_free(ver);
	return ok;
}

IotDiscoInfo *
iot_disco_caps_info_from_xml(const char *xml, const IotDiscoCaps *caps, GError **error)
{
	xmlDoc *doc;
	xmlNode *query;
	IotDiscoInfo *info = NULL;

	g_return_val_if_fail(xml != NULL, NULL);
	doc = iot_xml_parse(xml, -1, error);
	if (doc == NULL)
		return NULL;
	query = xmlDocGetRootElement(doc);
	if (!iot_disco_caps_verify(query, caps))
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, "the stored answer does not verify");
	else
		info = iot_disco_info_parse(query, error);
	xmlFreeDoc(doc);
	return info;
}

/* --- the query ------------------------------------------------------------------ */

typedef struct {
	IotDiscoCaps *caps; /* nullable */
	IotDiscoCapsFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
	IotDiscoInfo *info;
	char *verified_xml;
} Query;

static void
query_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Query *q = data;
	GError *error = NULL;

	if (is_error) {
		error = iot_error_from_stanza(iq);
	} else {
		const xmlNode *query = iot_xml_child(iq, "query", IOT_NS_DISCO_INFO);

		q->info = iot_disco_info_parse(query, &error);
		if (q->info != NULL && iot_disco_caps_verify(query, q->caps)) {
			char *xml = iot_xml_to_string(query);
			if (strlen(xml) <= IOT_MAX_CAPS_INFO_BYTES)
				q->verified_xml = xml;
			else
				g_free(xml);
		}
	}
	iot_request_finish(req, error);
	g_clear_error(&error);
}

static void
query_on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Query *q = data;

	q->cb(error ? NULL : q->info, error ? NULL : q->verified_xml, error, q->user_data);
}

static void
query_free(gpointer data)
{
	Query *q = data;

	iot_disco_info_free(q->info);
	iot_disco_caps_free(q->caps);
	g_free(q->verified_xml);
	if (q->destroy)
		q->destroy(q->user_data);
	g_free(q);
}

static const IotRequestClass query_class = { query_on_iq, NULL, query_on_finish, query_free };

guint
iot_disco_caps_query(IotRequestTable *t, const char *peer, const IotDiscoCaps *caps, guint timeout_ms,
                     IotDiscoCapsFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Query *q;
	xmlNode *iq, *query;

	g_return_val_if_fail(t != NULL && peer != NULL && cb != NULL, 0);
	q = g_new0(Query, 1);
	if (caps != NULL)
		q->caps = iot_disco_caps_new(caps->hash, caps->node, caps->ver);
	q->cb = cb;
	q->user_data = user_data;
	q->destroy = destroy;
	iq = iot_xml_new("iq", NULL);
	iot_xml_set(iq, "type", "get");
	query = iot_xml_new("query", IOT_NS_DISCO_INFO);
	if (q->caps != NULL && q->caps->node != NULL) {
		char *node = g_strconcat(q->caps->node, "#", q->caps->ver, NULL);
		iot_xml_set(query, "node", node);
		g_free(node);
	}
	xmlAddChild(iq, query);
	return iot_request_send(t, peer, iq, timeout_ms, &query_class, q, NULL);
}
