/* iot-registry-tags.c — meta tags: validation, lists, preview. See iot-registry.h. */
#include "iot-registry-private.h"

#include "iot-error.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

gboolean
iot_registry_parse_number(const char *s, double *out)
{
	const char *p = s;
	gboolean digits = FALSE;
	char *end = NULL;
	double v;

	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return FALSE;
	/* The lexical space of xs:double without INF and NaN: a registry
	 * compares numbers, and an infinite tag means nothing. */
	if (*p == '+' || *p == '-')
		p++;
	while (g_ascii_isdigit(*p)) {
		p++;
		digits = TRUE;
	}
	if (*p == '.') {
		p++;
		while (g_ascii_isdigit(*p)) {
			p++;
			digits = TRUE;
		}
	}
	if (!digits)
		return FALSE;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!g_ascii_isdigit(*p))
			return FALSE;
		while (g_ascii_isdigit(*p))
			p++;
	}
	if (*p != '\0')
		return FALSE;
	v = g_ascii_strtod(s, &end);
	if (end == NULL || *end != '\0' || !isfinite(v))
		return FALSE;
	if (out != NULL)
		*out = v;
	return TRUE;
}

char *
iot_registry_shown(const char *text, gssize len)
{
	char *v = g_utf8_make_valid(text ? text : "", len);
	GString *s = g_string_new(NULL);
	const char *p;
	guint n = 0;

	for (p = v; *p; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);

		if (n == 64) {
			g_string_append(s, "…");
			break;
		}
		if (g_unichar_iscntrl(c) || c == 0xFFFE || c == 0xFFFF)
			g_string_append_c(s, '?');
		else
			g_string_append_unichar(s, c);
	}
	g_free(v);
	return g_string_free(s, FALSE);
}

gboolean
iot_registry_check_name(const char *name, GError **error)
{
	const char *p;
	glong n;

	if (name == NULL || *name == '\0') {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("A tag has no name."));
		return FALSE;
	}
	if (!g_utf8_validate(name, -1, NULL)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("A tag name is not valid text."));
		return FALSE;
	}
	n = g_utf8_strlen(name, -1);
	if (n > IOT_REGISTRY_MAX_NAME_CHARS) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            _("A tag name is longer than %d characters."), IOT_REGISTRY_MAX_NAME_CHARS);
		return FALSE;
	}
	for (p = name; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c) || g_unichar_iscntrl(c) || c == 0xFFFE || c == 0xFFFF ||
		    strchr(":#=<>;~\\", (int)(c < 128 ? c : 1)) != NULL) {
			char *shown = iot_registry_shown(name, -1);

			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("The tag name “%s” contains a character a tag name may not have "
			              "(white space or one of : # = < > ; ~ \\)."), shown);
			g_free(shown);
			return FALSE;
		}
	}
	return TRUE;
}

gboolean
iot_registry_check_value(const char *name, const char *value, gboolean numeric, double *number,
                         GError **error)
{
	const char *p;

	if (value == NULL)
		value = "";
	if (numeric) {
		if (!iot_registry_parse_number(value, number)) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("The numeric tag %s has a value that is not a number."), name);
			return FALSE;
		}
		return TRUE;
	}
	if (!g_utf8_validate(value, -1, NULL)) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            _("The value of tag %s is not valid text."), name);
		return FALSE;
	}
	if (g_utf8_strlen(value, -1) > IOT_REGISTRY_MAX_VALUE_CHARS) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            _("The value of tag %s is longer than %d characters."), name,
		            IOT_REGISTRY_MAX_VALUE_CHARS);
		return FALSE;
	}
	for (p = value; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_iscntrl(c) || c == 0xFFFE || c == 0xFFFF) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("The value of tag %s contains control characters."), name);
			return FALSE;
		}
	}
	return TRUE;
}

IotRegistryTag *
iot_registry_tag_new(const char *name, const char *value, gboolean numeric, GError **error)
{
	IotRegistryTag *t;
	double number = 0;

	if (!iot_registry_check_name(name, error) ||
	    !iot_registry_check_value(name, value, numeric, &number, error))
		return NULL;
	t = g_new0(IotRegistryTag, 1);
	t->name = g_strdup(name);
	t->value = g_strdup(value ? value : "");
	t->numeric = numeric;
	t->number = number;
	return t;
}

IotRegistryTag *
iot_registry_tag_copy(const IotRegistryTag *tag)
{
	IotRegistryTag *t;

	if (tag == NULL)
		return NULL;
	t = g_new0(IotRegistryTag, 1);
	t->name = g_strdup(tag->name);
	t->value = g_strdup(tag->value);
	t->numeric = tag->numeric;
	t->number = tag->number;
	return t;
}

void
iot_registry_tag_free(IotRegistryTag *tag)
{
	if (tag == NULL)
		return;
	g_free(tag->name);
	g_free(tag->value);
	g_free(tag);
}

gboolean
iot_registry_tag_is_key(const char *name)
{
	return name != NULL && g_ascii_strcasecmp(name, "KEY") == 0;
}

GPtrArray *
iot_registry_tags_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)iot_registry_tag_free);
}

GPtrArray *
iot_registry_tags_copy(const GPtrArray *tags)
{
	GPtrArray *copy = iot_registry_tags_new();
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++)
		g_ptr_array_add(copy, iot_registry_tag_copy(g_ptr_array_index(tags, i)));
	return copy;
}

const IotRegistryTag *
iot_registry_tags_find(const GPtrArray *tags, const char *name)
{
	guint i;

	for (i = 0; tags != NULL && name != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);

		if (g_ascii_strcasecmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

gboolean
iot_registry_tags_add(GPtrArray *tags, const char *name, const char *value, gboolean numeric,
                      GError **error)
{
	IotRegistryTag *t;

	g_return_val_if_fail(tags != NULL, FALSE);
	if (tags->len >= IOT_REGISTRY_MAX_TAGS) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, _("More than %d tags."),
		            IOT_REGISTRY_MAX_TAGS);
		return FALSE;
	}
	t = iot_registry_tag_new(name, value, numeric, error);
	if (t == NULL)
		return FALSE;
	if (iot_registry_tags_find(tags, name) != NULL) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("The tag %s appears twice."), name);
		iot_registry_tag_free(t);
		return FALSE;
	}
	g_ptr_array_add(tags, t);
	return TRUE;
}

char *
iot_registry_tags_preview(const GPtrArray *tags)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);

		if (s->len > 0)
			g_string_append_c(s, '\n');
		if (iot_registry_tag_is_key(t->name))
			g_string_append_printf(s, "%s = %s", t->name, IOT_REGISTRY_KEY_MASK);
		else if (t->numeric)
			/* TRANSLATORS: a numeric meta tag of a thing, e.g. "V = 1.2 (number)" */
			g_string_append_printf(s, _("%s = %s (number)"), t->name, t->value);
		else
			g_string_append_printf(s, "%s = %s", t->name, t->value);
	}
	return g_string_free(s, FALSE);
}
