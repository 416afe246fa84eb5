/* iot-registry-uri.c — iotdisco links and IoTDisco strings. See iot-registry.h. */
#include "iot-registry-private.h"

#include "iot-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define LINK_SCHEME "iotdisco:"
#define QR_PREFIX "IoTDisco"

void
iot_uri_item_free(gpointer data)
{
	IotUriItem *it = data;

	if (it == NULL)
		return;
	g_free(it->name);
	g_free(it->value);
	g_free(it->wildcard);
	g_free(it);
}

static gboolean
bad(GError **error, const char *msg)
{
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, msg);
	return FALSE;
}

/* Percent-decodes @s in place when it holds valid escapes; a '%' that does
 * not start one stays literal, as in the Neuro-Foundation decoder. */
static char *
percent_decode(char *s)
{
	char *d;

	if (strchr(s, '%') == NULL)
		return s;
	d = g_uri_unescape_string(s, NULL);
	if (d == NULL)
		return s;
	g_free(s);
	return d;
}

/* Lexes one segment (between unescaped ';') into @out. */
static gboolean
lex_segment(const char *seg, gsize len, gboolean is_link, GPtrArray *out, GError **error)
{
	IotUriItem *it = g_new0(IotUriItem, 1);
	GString *cur = g_string_new(NULL);
	const char *p = seg, *end = seg + len;
	gboolean in_value = FALSE;

	if (p < end && *p == '#') {
		it->numeric = TRUE;
		p++;
	}
	for (; p < end; p++) {
		if (*p == '\\') {
			if (p + 1 >= end) {
				g_string_free(cur, TRUE);
				iot_uri_item_free(it);
				return bad(error, _("The text ends in the middle of an escape (\\)."));
			}
			g_string_append_c(cur, *++p);
			continue;
		}
		if (!in_value) {
			IotUriOp op;
			gboolean sep = TRUE;

			if (!is_link && *p == ':') {
				op = IOT_URI_OP_EQ;
			} else if (is_link && *p == '=') {
				op = IOT_URI_OP_EQ;
			} else if (is_link && *p == '<') {
				op = IOT_URI_OP_LT;
				if (p + 1 < end && p[1] == '=') {
					op = IOT_URI_OP_LE;
					p++;
				} else if (p + 1 < end && p[1] == '>') {
					op = IOT_URI_OP_NEQ;
					p++;
				}
			} else if (is_link && *p == '>') {
				op = IOT_URI_OP_GT;
				if (p + 1 < end && p[1] == '=') {
					op = IOT_URI_OP_GE;
					p++;
				}
			} else if (is_link && *p == '~') {
				const char *w = p + 1, *wn;

				op = IOT_URI_OP_MASK;
				if (w >= end) {
					g_string_free(cur, TRUE);
					iot_uri_item_free(it);
					return bad(error, _("A mask (~) has no wildcard character."));
				}
				wn = g_utf8_next_char(w);
				if (wn > end) {
					g_string_free(cur, TRUE);
					iot_uri_item_free(it);
					return bad(error, _("The text is not valid UTF-8."));
				}
				it->wildcard = g_strndup(w, wn - w);
				p = wn - 1;
			} else {
				sep = FALSE;
				op = IOT_URI_OP_EQ;
			}
			if (sep) {
				it->op = op;
				it->name = g_string_free(cur, FALSE);
				cur = g_string_new(NULL);
				in_value = TRUE;
				continue;
			}
		}
		g_string_append_c(cur, *p);
	}
	if (!in_value) {
		char *shown = iot_registry_shown(seg, (gssize)len);

		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            is_link ? _("The part “%s” has no value (NAME=value).")
		                    : _("The part “%s” has no value (NAME:value)."),
		            shown);
		g_free(shown);
		g_string_free(cur, TRUE);
		iot_uri_item_free(it);
		return FALSE;
	}
	it->value = g_string_free(cur, FALSE);
	if (is_link) {
		it->name = percent_decode(it->name);
		it->value = percent_decode(it->value);
	}
	g_ptr_array_add(out, it);
	return TRUE;
}

GPtrArray *
iot_uri_lex(const char *text, gboolean *is_link, GError **error)
{
	char *s;
	const char *body, *p, *start;
	gboolean link;
	GPtrArray *items;

	if (text == NULL || strlen(text) > IOT_REGISTRY_MAX_URI_BYTES) {
		bad(error, _("The text is too long to be a thing's identity."));
		return NULL;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		bad(error, _("The text is not valid UTF-8."));
		return NULL;
	}
	s = g_strstrip(g_strdup(text));
	if (g_ascii_strncasecmp(s, LINK_SCHEME, strlen(LINK_SCHEME)) == 0) {
		link = TRUE;
		body = s + strlen(LINK_SCHEME);
	} else if (g_ascii_strncasecmp(s, QR_PREFIX ";", strlen(QR_PREFIX) + 1) == 0) {
		link = FALSE;
		body = s + strlen(QR_PREFIX) + 1;
	} else {
		g_free(s);
		bad(error, _("This is neither an iotdisco: link nor an IoTDisco code."));
		return NULL;
	}
	items = g_ptr_array_new_with_free_func(iot_uri_item_free);
	for (p = start = body;; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p != ';' && *p != '\0')
			continue;
		if (p == start) {
			/* An empty part: tolerated only as a trailing ';'. */
			if (*p == '\0' && items->len > 0)
				break;
			bad(error, _("The text has an empty part (two ';' in a row, or none after the start)."));
			goto fail;
		}
		if (items->len >= IOT_REGISTRY_MAX_TAGS) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, _("More than %d tags."),
			            IOT_REGISTRY_MAX_TAGS);
			goto fail;
		}
		if (!lex_segment(start, p - start, link, items, error))
			goto fail;
		if (*p == '\0')
			break;
		start = p + 1;
	}
	g_free(s);
	if (is_link)
		*is_link = link;
	return items;
fail:
	g_free(s);
	g_ptr_array_free(items, TRUE);
	return NULL;
}

void
iot_disco_id_free(IotDiscoId *id)
{
	if (id == NULL)
		return;
	if (id->tags)
		g_ptr_array_free(id->tags, TRUE);
	g_free(id->registry);
	g_free(id);
}

IotDiscoId *
iot_disco_id_parse(const char *text, GError **error)
{
	gboolean link = FALSE;
	GPtrArray *items = iot_uri_lex(text, &link, error);
	IotDiscoId *id;
	guint i;

	if (items == NULL)
		return NULL;
	id = g_new0(IotDiscoId, 1);
	id->tags = iot_registry_tags_new();
	id->is_link = link;
	for (i = 0; i < items->len; i++) {
		IotUriItem *it = g_ptr_array_index(items, i);

		if (it->op != IOT_URI_OP_EQ) {
			char *shown = iot_registry_shown(it->name, -1);

			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("The link searches (it compares %s with an operator): it does not "
			              "identify one thing."), shown);
			g_free(shown);
			goto fail;
		}
		if (!it->numeric && g_ascii_strcasecmp(it->name, "R") == 0) {
			if (id->registry != NULL) {
				bad(error, _("The link names two registries."));
				goto fail;
			}
			if (*it->value == '\0') {
				bad(error, _("The registry address (R) is empty."));
				goto fail;
			}
			if (!iot_registry_check_value("R", it->value, FALSE, NULL, error))
				goto fail;
			id->registry = g_strdup(it->value);
			continue;
		}
		if (!iot_registry_tags_add(id->tags, it->name, it->value, it->numeric, error))
			goto fail;
		if (iot_registry_tag_is_key(it->name))
			id->has_key = TRUE;
	}
	if (id->tags->len == 0) {
		bad(error, _("The text holds no tags."));
		goto fail;
	}
	g_ptr_array_free(items, TRUE);
	return id;
fail:
	g_ptr_array_free(items, TRUE);
	iot_disco_id_free(id);
	return NULL;
}

static void
append_encoded(GString *s, const char *text)
{
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p; p++) {
		if (g_ascii_isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			g_string_append_c(s, (char)*p);
		else
			g_string_append_printf(s, "%%%02X", *p);
	}
}

char *
iot_disco_id_build_link(const GPtrArray *tags, const char *registry)
{
	GString *s = g_string_new(LINK_SCHEME);
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);

		if (!t->numeric && g_ascii_strcasecmp(t->name, "R") == 0)
			continue; /* it would read back as the registry */
		if (s->len > strlen(LINK_SCHEME))
			g_string_append_c(s, ';');
		if (t->numeric)
			g_string_append_c(s, '#');
		append_encoded(s, t->name);
		g_string_append_c(s, '=');
		append_encoded(s, t->value);
	}
	if (registry != NULL && *registry != '\0') {
		if (s->len > strlen(LINK_SCHEME))
			g_string_append_c(s, ';');
		g_string_append(s, "R=");
		append_encoded(s, registry);
	}
	return g_string_free(s, FALSE);
}

/* For showing decoded text: invalid UTF-8 and control characters become '?'. */
static void
append_shown(GString *s, const char *text)
{
	char *v = g_utf8_make_valid(text, -1);
	const char *p;

	for (p = v; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_iscntrl(c))
			g_string_append_c(s, '?');
		else
			g_string_append_unichar(s, c);
	}
	g_free(v);
}

static void
append_escaped(GString *s, const char *text)
{
	for (; *text; text++) {
		if (*text == ';' || *text == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *text);
	}
}

char *
iot_disco_id_build_qr(const GPtrArray *tags)
{
	GString *s = g_string_new(QR_PREFIX);
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);

		if (!t->numeric && g_ascii_strcasecmp(t->name, "R") == 0)
			continue;
		g_string_append_c(s, ';');
		if (t->numeric)
			g_string_append_c(s, '#');
		append_escaped(s, t->name);
		g_string_append_c(s, ':');
		append_escaped(s, t->value);
	}
	return g_string_free(s, FALSE);
}

static const char *
op_text(const IotUriItem *it, gboolean link)
{
	static const char *const ops[] = { "=", "<>", "<", "<=", ">", ">=", "~" };

	if (!link)
		return ":";
	return ops[it->op];
}

char *
iot_disco_id_mask(const char *text)
{
	gboolean link = FALSE;
	GPtrArray *items = iot_uri_lex(text, &link, NULL);
	GString *s;
	guint i;

	if (items == NULL)
		return g_strdup(_("(not a readable thing identity)"));
	s = g_string_new(link ? LINK_SCHEME : QR_PREFIX);
	for (i = 0; i < items->len; i++) {
		const IotUriItem *it = g_ptr_array_index(items, i);

		if (i > 0 || !link)
			g_string_append_c(s, ';');
		if (it->numeric)
			g_string_append_c(s, '#');
		append_shown(s, it->name);
		g_string_append(s, op_text(it, link));
		if (it->wildcard)
			append_shown(s, it->wildcard);
		if (iot_registry_tag_is_key(it->name))
			g_string_append(s, IOT_REGISTRY_KEY_MASK);
		else
			append_shown(s, it->value);
	}
	g_ptr_array_free(items, TRUE);
	return g_string_free(s, FALSE);
}
