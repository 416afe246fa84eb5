/* iot-registry-search.c — search conditions: /search words, search links. See iot-registry-codec.h. */
#include "iot-registry-codec.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-registry-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
iot_search_cond_free(IotSearchCond *c)
{
	if (c == NULL)
		return;
	g_free(c->name);
	g_free(c->value);
	g_free(c->min);
	g_free(c->max);
	g_free(c->wildcard);
	g_free(c);
}

GPtrArray *
iot_search_conds_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)iot_search_cond_free);
}

IotSearchCond *
iot_search_cond_new(IotSearchOp op, gboolean numeric, const char *name, const char *value,
                    const char *min, gboolean min_included, const char *max, gboolean max_included,
                    const char *wildcard, GError **error)
{
	gboolean range = op == IOT_SEARCH_RANGE || op == IOT_SEARCH_NRANGE;
	IotSearchCond *c;

	if (!iot_registry_check_name(name, error))
		return NULL;
	if (iot_registry_tag_is_key(name)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("KEY cannot be searched for: registries never find things by it."));
		return NULL;
	}
	if (op == IOT_SEARCH_MASK) {
		if (numeric) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("%s: a wildcard search compares text, not numbers."), name);
			return NULL;
		}
		if (wildcard == NULL || !g_utf8_validate(wildcard, -1, NULL) ||
		    g_utf8_strlen(wildcard, -1) != 1 || g_unichar_iscntrl(g_utf8_get_char(wildcard))) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("%s: a wildcard search needs one wildcard character."), name);
			return NULL;
		}
	}
	if (range) {
		if (!iot_registry_check_value(name, min, numeric, NULL, error) ||
		    !iot_registry_check_value(name, max, numeric, NULL, error))
			return NULL;
	} else if (!iot_registry_check_value(name, value, numeric, NULL, error)) {
		return NULL;
	}
	c = g_new0(IotSearchCond, 1);
	c->op = op;
	c->numeric = numeric;
	c->name = g_strdup(name);
	if (range) {
		c->min = g_strdup(min);
		c->max = g_strdup(max);
		c->min_included = min_included;
		c->max_included = max_included;
	} else {
		c->value = g_strdup(value ? value : "");
	}
	if (op == IOT_SEARCH_MASK)
		c->wildcard = g_strdup(wildcard);
	return c;
}

static gboolean
predefined_numeric(const char *name)
{
	static const char *const names[] = { "ALT", "LAT", "LON", "V" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(names); i++)
		if (g_ascii_strcasecmp(name, names[i]) == 0)
			return TRUE;
	return FALSE;
}

/* One /search word. */
static IotSearchCond *
parse_word(const char *word, GError **error)
{
	gboolean numeric = FALSE;
	const char *p = word, *opp;
	char *name, *value;
	const char *dots;
	IotSearchOp op;
	gsize oplen;
	IotSearchCond *c = NULL;

	if (*p == '#') {
		numeric = TRUE;
		p++;
	}
	opp = strpbrk(p, "=!<>~");
	if (opp == NULL || opp == p) {
		char *shown = iot_registry_shown(word, -1);

		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            _("“%s” is not a condition: write TAG=value, TAG>value, TAG~pattern* …"), shown);
		g_free(shown);
		return NULL;
	}
	if (g_str_has_prefix(opp, "!=") || g_str_has_prefix(opp, "<>")) {
		op = IOT_SEARCH_NEQ;
		oplen = 2;
	} else if (g_str_has_prefix(opp, "<=")) {
		op = IOT_SEARCH_LE;
		oplen = 2;
	} else if (g_str_has_prefix(opp, ">=")) {
		op = IOT_SEARCH_GE;
		oplen = 2;
	} else if (*opp == '<') {
		op = IOT_SEARCH_LT;
		oplen = 1;
	} else if (*opp == '>') {
		op = IOT_SEARCH_GT;
		oplen = 1;
	} else if (*opp == '~') {
		op = IOT_SEARCH_MASK;
		oplen = 1;
	} else if (*opp == '=') {
		op = IOT_SEARCH_EQ;
		oplen = 1;
	} else {
		char *shown = iot_registry_shown(word, -1);

		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            _("“%s” is not a condition: write TAG=value, TAG>value, TAG~pattern* …"), shown);
		g_free(shown);
		return NULL;
	}
	name = g_strndup(p, opp - p);
	value = g_strdup(opp + oplen);
	if (!numeric && predefined_numeric(name))
		numeric = TRUE;
	dots = strstr(value, "..");
	if ((op == IOT_SEARCH_EQ || op == IOT_SEARCH_NEQ) && dots != NULL && dots != value &&
	    dots[2] != '\0') {
		char *min = g_strndup(value, dots - value);

		c = iot_search_cond_new(op == IOT_SEARCH_EQ ? IOT_SEARCH_RANGE : IOT_SEARCH_NRANGE, numeric,
		                        name, NULL, min, TRUE, dots + 2, TRUE, NULL, error);
		g_free(min);
	} else if (op == IOT_SEARCH_MASK || (op == IOT_SEARCH_EQ && !numeric && strchr(value, '*'))) {
		c = iot_search_cond_new(IOT_SEARCH_MASK, numeric, name, value, NULL, FALSE, NULL, FALSE, "*",
		                        error);
	} else {
		c = iot_search_cond_new(op, numeric, name, value, NULL, FALSE, NULL, FALSE, NULL, error);
	}
	g_free(name);
	g_free(value);
	return c;
}

GPtrArray *
iot_registry_search_parse_args(const char *line, GError **error)
{
	char **words = iot_cmdargs_split(line, error);
	GPtrArray *conds;
	guint i;

	if (words == NULL)
		return NULL;
	if (words[0] == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("Say what to search for, e.g. /search MAN=example.org ROOM=Kitchen"));
		g_strfreev(words);
		return NULL;
	}
	conds = iot_search_conds_new();
	for (i = 0; words[i] != NULL; i++) {
		IotSearchCond *c;

		if (conds->len >= IOT_REGISTRY_MAX_CONDITIONS) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, _("More than %d conditions."),
			            IOT_REGISTRY_MAX_CONDITIONS);
			goto fail;
		}
		c = parse_word(words[i], error);
		if (c == NULL)
			goto fail;
		g_ptr_array_add(conds, c);
	}
	g_strfreev(words);
	return conds;
fail:
	g_strfreev(words);
	g_ptr_array_free(conds, TRUE);
	return NULL;
}

const char *
iot_registry_search_usage(void)
{
	return _("/search TAG=value …: things whose meta tags match every condition.\n"
	         "  =  !=  <  <=  >  >=   compare (TAG!=value: not equal)\n"
	         "  TAG~text*             wildcard: * stands for any text\n"
	         "  TAG=A..B  TAG!=A..B   in, or outside, the range A to B\n"
	         "  #TAG…                 compare as numbers (ALT, LAT, LON and V always are)\n"
	         "Example: /search MAN=example.org ROOM=\"Living room\" V>=2");
}

/* --- search links ----------------------------------------------------------------- */

static int
compare_bounds(const IotUriItem *a, const IotUriItem *b)
{
	if (a->numeric) {
		double x = 0, y = 0;

		iot_registry_parse_number(a->value, &x);
		iot_registry_parse_number(b->value, &y);
		return x < y ? -1 : x > y ? 1 : 0;
	}
	return strcmp(a->value, b->value);
}

static gboolean
is_lower(IotUriOp op)
{
	return op == IOT_URI_OP_GT || op == IOT_URI_OP_GE;
}

static gboolean
is_upper(IotUriOp op)
{
	return op == IOT_URI_OP_LT || op == IOT_URI_OP_LE;
}

/* Joins a lower bound (> or >=) @lo and an upper bound (< or <=) @hi of one tag. */
static IotSearchCond *
join_bounds(const IotUriItem *lo, const IotUriItem *hi, GError **error)
{
	if (compare_bounds(lo, hi) <= 0)
		return iot_search_cond_new(IOT_SEARCH_RANGE, lo->numeric, lo->name, NULL, lo->value,
		                           lo->op == IOT_URI_OP_GE, hi->value, hi->op == IOT_URI_OP_LE,
		                           NULL, error);
	/* tag < hi OR tag > lo, with hi below lo: outside [hi, lo]. An end the
	 * search excludes belongs to the range. */
	return iot_search_cond_new(IOT_SEARCH_NRANGE, lo->numeric, lo->name, NULL, hi->value,
	                           hi->op == IOT_URI_OP_LT, lo->value, lo->op == IOT_URI_OP_GT, NULL,
	                           error);
}

GPtrArray *
iot_registry_search_parse_uri(const char *text, char **registry, GError **error)
{
	static const IotSearchOp ops[] = { IOT_SEARCH_EQ, IOT_SEARCH_NEQ, IOT_SEARCH_LT, IOT_SEARCH_LE,
		                               IOT_SEARCH_GT, IOT_SEARCH_GE, IOT_SEARCH_MASK };
	gboolean link = FALSE;
	GPtrArray *items = iot_uri_lex(text, &link, error), *conds;
	gboolean *used;
	guint i, j;

	if (registry)
		*registry = NULL;
	if (items == NULL)
		return NULL;
	conds = iot_search_conds_new();
	used = g_new0(gboolean, items->len);
	for (i = 0; i < items->len; i++) {
		IotUriItem *it = g_ptr_array_index(items, i);
		IotSearchCond *c = NULL;

		if (used[i])
			continue;
		if (!it->numeric && g_ascii_strcasecmp(it->name, "R") == 0 && it->op == IOT_URI_OP_EQ) {
			if (registry && *registry == NULL && *it->value != '\0')
				*registry = g_strdup(it->value);
			continue;
		}
		if (iot_registry_tag_is_key(it->name)) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			                    _("The link holds a KEY: it claims a thing, it does not search."));
			goto fail;
		}
		if (is_lower(it->op) || is_upper(it->op)) {
			for (j = i + 1; j < items->len; j++) {
				IotUriItem *o = g_ptr_array_index(items, j);

				if (!used[j] && o->numeric == it->numeric &&
				    g_ascii_strcasecmp(o->name, it->name) == 0 &&
				    ((is_lower(it->op) && is_upper(o->op)) || (is_upper(it->op) && is_lower(o->op)))) {
					used[j] = TRUE;
					c = is_lower(it->op) ? join_bounds(it, o, error) : join_bounds(o, it, error);
					if (c == NULL)
						goto fail;
					break;
				}
			}
		}
		if (c == NULL)
			c = iot_search_cond_new(ops[it->op], it->numeric, it->name, it->value, NULL, FALSE, NULL,
			                        FALSE, it->wildcard, error);
		if (c == NULL)
			goto fail;
		if (conds->len >= IOT_REGISTRY_MAX_CONDITIONS) {
			iot_search_cond_free(c);
			g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, _("More than %d conditions."),
			            IOT_REGISTRY_MAX_CONDITIONS);
			goto fail;
		}
		g_ptr_array_add(conds, c);
	}
	if (conds->len == 0) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("The link holds no conditions."));
		goto fail;
	}
	g_free(used);
	g_ptr_array_free(items, TRUE);
	return conds;
fail:
	g_free(used);
	g_ptr_array_free(items, TRUE);
	g_ptr_array_free(conds, TRUE);
	if (registry)
		g_clear_pointer(registry, g_free);
	return NULL;
}

static void
append_quoted(GString *s, const char *v)
{
	const char *p;

	if (*v != '\0' && strpbrk(v, " \t\"'\\") == NULL) {
		g_string_append(s, v);
		return;
	}
	g_string_append_c(s, '"');
	for (p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *p);
	}
	g_string_append_c(s, '"');
}

char *
iot_registry_search_describe(const GPtrArray *conds)
{
	static const char *const ops[] = { "=", "!=", "<", "<=", ">", ">=", "=", "!=", "~" };
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; conds != NULL && i < conds->len; i++) {
		const IotSearchCond *c = g_ptr_array_index(conds, i);

		if (i > 0)
			g_string_append_c(s, ' ');
		if (c->numeric && !predefined_numeric(c->name))
			g_string_append_c(s, '#');
		g_string_append(s, c->name);
		g_string_append(s, ops[c->op]);
		if (c->op == IOT_SEARCH_RANGE || c->op == IOT_SEARCH_NRANGE) {
			/* Open ends (from a link) are shown as the comparison they are. */
			char *v = g_strdup_printf("%s%s..%s%s", c->min_included ? "" : "(", c->min, c->max,
			                          c->max_included ? "" : ")");
			append_quoted(s, v);
			g_free(v);
		} else {
			append_quoted(s, c->value);
		}
	}
	return g_string_free(s, FALSE);
}
