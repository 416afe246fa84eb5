/* iot-cmdargs.c — command-argument parsing. See iot-cmdargs.h. */
#include "iot-cmdargs.h"

#include "iot-error.h"
#include "iot-readout.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A command line longer than this is a paste accident, not a request. */
#define MAX_LINE_BYTES 4096
#define MAX_WORDS 256

char **
iot_cmdargs_split(const char *line, GError **error)
{
	GPtrArray *words;
	GString *cur = NULL;
	const char *p;
	char quote = 0;

	if (line == NULL)
		line = "";
	if (strlen(line) > MAX_LINE_BYTES || !g_utf8_validate(line, -1, NULL)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("The command is too long."));
		return NULL;
	}
	words = g_ptr_array_new_with_free_func(g_free);
	for (p = line; *p != '\0'; p++) {
		if (quote == 0 && g_ascii_isspace(*p)) {
			if (cur != NULL) {
				g_ptr_array_add(words, g_string_free(cur, FALSE));
				cur = NULL;
			}
			continue;
		}
		if (cur == NULL)
			cur = g_string_new(NULL);
		if (*p == '\\' && p[1] != '\0') {
			g_string_append_c(cur, *++p);
		} else if (quote != 0 && *p == quote) {
			quote = 0;
		} else if (quote == 0 && (*p == '"' || *p == '\'')) {
			quote = *p;
		} else {
			g_string_append_c(cur, *p);
		}
	}
	if (quote != 0) {
		if (cur)
			g_string_free(cur, TRUE);
		g_ptr_array_free(words, TRUE);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("A quote is not closed."));
		return NULL;
	}
	if (cur != NULL)
		g_ptr_array_add(words, g_string_free(cur, FALSE));
	if (words->len > MAX_WORDS) {
		g_ptr_array_free(words, TRUE);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("The command has too many words."));
		return NULL;
	}
	g_ptr_array_add(words, NULL);
	return (char **)g_ptr_array_free(words, FALSE);
}

static const struct {
	const char *word;
	guint32 categories;
} keywords[] = {
	{ "all", IOT_CAT_ALL },
	{ "momentary", IOT_CAT_MOMENTARY },
	{ "peak", IOT_CAT_PEAK },
	{ "status", IOT_CAT_STATUS },
	{ "computed", IOT_CAT_COMPUTED },
	{ "identity", IOT_CAT_IDENTITY },
	{ "historical", IOT_CAT_HISTORICAL },
	{ "history", IOT_CAT_HISTORICAL },
};

gboolean
iot_cmdargs_parse_read(const char *line, IotSdRequest *out, GError **error)
{
	char **words;
	GPtrArray *names, *nodes;
	guint i, k;

	g_return_val_if_fail(out != NULL, FALSE);
	memset(out, 0, sizeof *out);
	words = iot_cmdargs_split(line, error);
	if (words == NULL)
		return FALSE;
	names = g_ptr_array_new_with_free_func(g_free);
	nodes = g_ptr_array_new();
	for (i = 0; words[i] != NULL; i++) {
		const char *w = words[i];
		gboolean keyword = FALSE;

		if (g_ascii_strcasecmp(w, "node") == 0) {
			if (words[i + 1] == NULL || *words[i + 1] == '\0') {
				g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
				                    _("“node” needs the id of a node, e.g. /read node kitchen"));
				goto fail;
			}
			g_ptr_array_add(nodes, words[++i]);
			continue;
		}
		for (k = 0; k < G_N_ELEMENTS(keywords); k++) {
			if (g_ascii_strcasecmp(w, keywords[k].word) == 0) {
				out->categories |= keywords[k].categories;
				keyword = TRUE;
			}
		}
		if (!keyword && *w != '\0')
			g_ptr_array_add(names, g_strdup(w));
	}
	if (names->len > 0) {
		g_ptr_array_add(names, NULL);
		out->field_names = (char **)g_ptr_array_free(names, FALSE);
	} else {
		g_ptr_array_free(names, TRUE);
	}
	if (nodes->len > 0) {
		out->n_nodes = nodes->len;
		out->nodes = g_new0(IotNodeRef, nodes->len);
		for (i = 0; i < nodes->len; i++)
			out->nodes[i].node_id = g_strdup(g_ptr_array_index(nodes, i));
	}
	g_ptr_array_free(nodes, TRUE);
	/* Field names alone mean "the current values of these fields", whatever
	 * their category (a serial number is identity, a mode is status); no
	 * words mean the thing as it is now: momentary values and status. */
	if (out->categories == 0)
		out->categories = out->field_names ? (IOT_CAT_ALL & ~IOT_CAT_HISTORICAL) : IOT_CAT_NOW;
	g_strfreev(words);
	return TRUE;

fail:
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(nodes, TRUE);
	g_strfreev(words);
	iot_sd_request_clear(out);
	return FALSE;
}
