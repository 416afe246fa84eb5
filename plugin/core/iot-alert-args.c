/* iot-alert-args.c — /alert add, list, del, ack, snooze. */
#include "iot-alert-args.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-time.h"
#include "iot-value.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Characters of a person's word quoted back in an error; bytes kept of a
 * value compared as text. */
#define QUOTE_CHARS 40
#define VALUE_TEXT_BYTES 256

const char *
iot_alert_args_usage(void)
{
	/* The help text is shown as HTML: the angle brackets are escaped. */
	return _("alert add &lt;field&gt; &lt;op&gt; &lt;value&gt; [for &lt;duration&gt;]: a rule on a "
	         "field of this thing; when it fires, an alert enters the inbox (/alerts).<br>"
	         "Operators: &gt;, &lt;, &gt;=, &lt;=, =, !=, outside A..B, changed, stale &lt;duration&gt;; "
	         "/alert add \"Flow temperature\" &gt; 70 for 10m — only after 10 minutes above; "
	         "/alert add humidity outside 30..60; /alert add door changed; "
	         "/alert add power stale 15m — no value for 15 minutes; "
	         "/alert add offline 10m — this thing offline for 10 minutes.<br>"
	         "/alert list — the rules, numbered; /alert del 2 — deletes rule 2; "
	         "/alert ack 3, /alert ack all — acknowledges alerts of /alerts; "
	         "/alert snooze 3 1h — snoozes alert 3 for an hour. "
	         "Put names with spaces in quotes.");
}

void
iot_alert_command_free(IotAlertCommand *cmd)
{
	if (cmd == NULL)
		return;
	iot_alert_rule_free(cmd->rule);
	g_free(cmd);
}

static void
refuse(GError **error, char *message)
{
	g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, message);
	g_free(message);
}

/* A person's word, cut short and cleaned for quoting back. */
static char *
quoted(const char *word)
{
	char *s = iot_alert_clean_text(word, -1, QUOTE_CHARS * 4);

	if (g_utf8_strlen(s, -1) > QUOTE_CHARS) {
		char *cut = g_utf8_substring(s, 0, QUOTE_CHARS - 1), *out = g_strconcat(cut, "…", NULL);

		g_free(cut);
		g_free(s);
		return out;
	}
	return s;
}

gboolean
iot_alert_args_duration(const char *text, guint *seconds)
{
	IotValueSpec spec = { 0 };
	char *wire;
	double s = 0;

	if (text == NULL || *text == '\0' || strlen(text) > 64)
		return FALSE;
	spec.type = IOT_CONTROL_DURATION;
	wire = iot_value_parse(&spec, text, NULL);
	if (wire == NULL)
		return FALSE;
	if (!iot_time_parse_duration(wire, &s) || !isfinite(s) || s <= 0 ||
	    s > IOT_ALERT_MAX_DURATION_S) {
		g_free(wire);
		return FALSE;
	}
	g_free(wire);
	*seconds = (guint)ceil(s);
	return TRUE;
}

/* Takes a duration at @words[*i] (or two words: "10 min"); moves *i past it. */
static gboolean
take_duration(char **words, guint *i, guint *seconds, GError **error)
{
	char *two, *q;

	if (words[*i] == NULL) {
		refuse(error, g_strdup(_("A duration is missing, e.g. 10m, 1h30m or 90s.")));
		return FALSE;
	}
	if (iot_alert_args_duration(words[*i], seconds)) {
		(*i)++;
		return TRUE;
	}
	if (words[*i + 1] != NULL) {
		two = g_strconcat(words[*i], " ", words[*i + 1], NULL);
		if (iot_alert_args_duration(two, seconds)) {
			g_free(two);
			*i += 2;
			return TRUE;
		}
		g_free(two);
	}
	q = quoted(words[*i]);
	/* TRANSLATORS: %s is what the person typed */
	refuse(error, g_strdup_printf(_("“%s” is not a duration like 10m, 1h30m or 90s (at most a year)."),
	                              q));
	g_free(q);
	return FALSE;
}

/* A number with an optional unit after it: "30", "-3.5", "21.5 °C", "21.5°C". */
static gboolean
parse_number(const char *s, double *out, GError **error)
{
	const char *p = s;
	char *end, *q;
	double v;

	while (g_ascii_isspace(*p))
		p++;
	if (!(g_ascii_isdigit(*p) || ((*p == '-' || *p == '+' || *p == '.') && p[1] != '\0'))) {
		goto bad;
	}
	v = g_ascii_strtod(p, &end);
	if (end == p || !isfinite(v) || memchr(p, 'x', end - p) || memchr(p, 'X', end - p) ||
	    memchr(p, 'n', end - p) || memchr(p, 'N', end - p) || memchr(p, 'i', end - p) ||
	    memchr(p, 'I', end - p))
		goto bad;
	if (*end == ',' && g_ascii_isdigit(end[1])) {
		q = quoted(s);
		/* TRANSLATORS: %s is what the person typed, e.g. "21,5" */
		refuse(error, g_strdup_printf(_("Write “%s” with a decimal point, e.g. 21.5."), q));
		g_free(q);
		return FALSE;
	}
	while (g_ascii_isspace(*end))
		end++;
	/* a unit: not checked, but it must not look like more numbers */
	if (*end != '\0' && (g_ascii_isdigit(*end) || *end == '.' || *end == '-' || *end == '+'))
		goto bad;
	*out = v;
	return TRUE;
bad:
	q = quoted(s);
	refuse(error, g_strdup_printf(_("“%s” is not a number."), q));
	g_free(q);
	return FALSE;
}

static const struct {
	const char *symbol;
	IotAlertOp op;
} ops[] = {
	{ ">=", IOT_ALERT_OP_AT_LEAST }, { "<=", IOT_ALERT_OP_AT_MOST }, { "!=", IOT_ALERT_OP_NOT_EQUALS },
	{ "==", IOT_ALERT_OP_EQUALS },   { ">", IOT_ALERT_OP_ABOVE },     { "<", IOT_ALERT_OP_BELOW },
	{ "=", IOT_ALERT_OP_EQUALS },
};

/* The operator at the start of @w; *@rest: what follows it (">30"). */
static gboolean
match_op(const char *w, IotAlertOp *op, const char **rest)
{
	guint i;

	if (g_ascii_strcasecmp(w, "outside") == 0 || g_ascii_strcasecmp(w, "changed") == 0 ||
	    g_ascii_strcasecmp(w, "stale") == 0) {
		*op = g_ascii_tolower(w[0]) == 'o'   ? IOT_ALERT_OP_OUTSIDE
		      : g_ascii_tolower(w[0]) == 'c' ? IOT_ALERT_OP_CHANGED
		                                     : IOT_ALERT_OP_STALE;
		*rest = w + strlen(w);
		return TRUE;
	}
	for (i = 0; i < G_N_ELEMENTS(ops); i++) {
		if (g_str_has_prefix(w, ops[i].symbol)) {
			*op = ops[i].op;
			*rest = w + strlen(ops[i].symbol);
			return TRUE;
		}
	}
	return FALSE;
}

/* The words from @from up to "for" or the end, joined by @sep; *@next: the index after. */
static char *
value_words(char **words, guint from, const char *first, const char *sep, guint *next)
{
	GString *s = g_string_new(first);
	guint i;

	for (i = from; words[i] != NULL && g_ascii_strcasecmp(words[i], "for") != 0; i++) {
		if (s->len > 0)
			g_string_append(s, sep);
		g_string_append(s, words[i]);
	}
	*next = i;
	return g_string_free(s, FALSE);
}

static gboolean
parse_band(const char *joined, IotAlertLevel *l, GError **error)
{
	const char *dots = strstr(joined, "..");
	char *low;
	gboolean ok;

	if (dots == NULL || dots == joined || dots[2] == '\0') {
		refuse(error, g_strdup(_("“outside” needs a band, e.g. outside 18..24")));
		return FALSE;
	}
	low = g_strndup(joined, dots - joined);
	ok = parse_number(low, &l->value, error) && parse_number(dots + 2, &l->high, error);
	g_free(low);
	if (ok && !(l->value < l->high)) {
		refuse(error, g_strdup(_("The band’s low end must be below its high end, e.g. outside 18..24")));
		return FALSE;
	}
	return ok;
}

static IotAlertRule *
parse_add(char **words, GError **error)
{
	IotAlertRule *r;
	const char *rest = "";
	guint i, n = g_strv_length(words);
	char *joined, *q;

	/* "/alert add > 30": an operator where the field belongs (a field named
	 * like an operator is fine when an operator follows it) */
	if (n < 2 || *words[1] == '\0' ||
	    (match_op(words[1], &(IotAlertOp){ 0 }, &rest) &&
	     (n < 3 || !match_op(words[2], &(IotAlertOp){ 0 }, &rest)))) {
		refuse(error, g_strdup(_("Name the field first: /alert add <field> <op> <value> [for "
		                         "<duration>], e.g. /alert add temperature > 30 for 10m")));
		return NULL;
	}
	r = iot_alert_rule_new();
	r->alarm.set = TRUE;
	if (g_ascii_strcasecmp(words[1], "offline") == 0 && (n == 3 || n == 4) &&
	    !match_op(words[2], &r->op, &rest)) {
		i = 2;
		r->op = IOT_ALERT_OP_OFFLINE;
		if (!take_duration(words, &i, &r->duration_s, error))
			goto fail;
		goto end;
	}
	r->field = iot_alert_clean_text(words[1], -1, IOT_ALERT_MAX_NAME);
	if (*r->field == '\0') {
		/* only blanks or control characters */
		refuse(error, g_strdup(_("Name the field first: /alert add <field> <op> <value> [for "
		                         "<duration>], e.g. /alert add temperature > 30 for 10m")));
		goto fail;
	}
	if (n < 3 || !match_op(words[2], &r->op, &rest)) {
		q = quoted(n < 3 ? "" : words[2]);
		if (n < 3)
			refuse(error, g_strdup(_("An operator is missing: >, <, >=, <=, =, !=, outside A..B, "
			                         "changed or stale <duration>.")));
		else
			/* TRANSLATORS: %s is what the person typed where an operator belongs */
			refuse(error, g_strdup_printf(_("“%s” is not an operator: use >, <, >=, <=, =, !=, "
			                                "outside A..B, changed or stale <duration>."),
			                              q));
		g_free(q);
		goto fail;
	}
	i = 3;
	switch (r->op) {
	case IOT_ALERT_OP_CHANGED:
		break;
	case IOT_ALERT_OP_STALE:
		if (!take_duration(words, &i, &r->duration_s, error))
			goto fail;
		break;
	case IOT_ALERT_OP_OUTSIDE:
		joined = value_words(words, i, rest, "", &i);
		if (!parse_band(joined, &r->alarm, error)) {
			g_free(joined);
			goto fail;
		}
		g_free(joined);
		break;
	default:
		joined = value_words(words, i, rest, " ", &i);
		g_strstrip(joined);
		if (*joined == '\0') {
			refuse(error, g_strdup_printf(_("A value is missing after “%s”."),
			                              iot_alert_op_symbol(r->op)));
			g_free(joined);
			goto fail;
		}
		if (r->op == IOT_ALERT_OP_EQUALS || r->op == IOT_ALERT_OP_NOT_EQUALS) {
			if (!parse_number(joined, &r->alarm.value, NULL))
				r->alarm.text = iot_alert_clean_text(joined, -1, VALUE_TEXT_BYTES);
		} else if (!parse_number(joined, &r->alarm.value, error)) {
			g_free(joined);
			goto fail;
		}
		g_free(joined);
		break;
	}
	if (words[i] != NULL && g_ascii_strcasecmp(words[i], "for") == 0) {
		if (r->op == IOT_ALERT_OP_CHANGED || r->op == IOT_ALERT_OP_STALE) {
			refuse(error, g_strdup(_("“for” does not go with changed or stale.")));
			goto fail;
		}
		i++;
		if (!take_duration(words, &i, &r->for_s, error))
			goto fail;
	}
end:
	if (words[i] != NULL) {
		q = quoted(words[i]);
		/* TRANSLATORS: %s is the first word the parser could not place */
		refuse(error, g_strdup_printf(_("“%s” does not belong after the rule."), q));
		g_free(q);
		goto fail;
	}
	return r;
fail:
	iot_alert_rule_free(r);
	return NULL;
}

/* A positive number as listed. */
static gboolean
take_index(const char *w, guint *n)
{
	guint64 v;

	if (w == NULL || !g_ascii_string_to_unsigned(w, 10, 1, G_MAXINT, &v, NULL))
		return FALSE;
	*n = (guint)v;
	return TRUE;
}

IotAlertCommand *
iot_alert_args_parse(const char *line, GError **error)
{
	char **words = iot_cmdargs_split(line ? line : "", error);
	IotAlertCommand *cmd;
	guint n, i;
	char *q;

	if (words == NULL)
		return NULL;
	n = g_strv_length(words);
	cmd = g_new0(IotAlertCommand, 1);
	if (n == 0 || g_ascii_strcasecmp(words[0], "list") == 0) {
		cmd->kind = IOT_ALERT_CMD_LIST;
		if (n > 1) {
			q = quoted(words[1]);
			refuse(error, g_strdup_printf(_("“%s” does not belong after /alert list."), q));
			g_free(q);
			goto fail;
		}
	} else if (g_ascii_strcasecmp(words[0], "add") == 0) {
		cmd->kind = IOT_ALERT_CMD_ADD;
		cmd->rule = parse_add(words, error);
		if (cmd->rule == NULL)
			goto fail;
	} else if (g_ascii_strcasecmp(words[0], "del") == 0 || g_ascii_strcasecmp(words[0], "delete") == 0) {
		cmd->kind = IOT_ALERT_CMD_DEL;
		if (n != 2 || !take_index(words[1], &cmd->n)) {
			refuse(error, g_strdup(_("Say which rule to delete by its number in /alert list, "
			                         "e.g. /alert del 2")));
			goto fail;
		}
	} else if (g_ascii_strcasecmp(words[0], "ack") == 0) {
		cmd->kind = IOT_ALERT_CMD_ACK;
		if (n == 2 && g_ascii_strcasecmp(words[1], "all") == 0)
			cmd->all = TRUE;
		else if (n > 2 || (n == 2 && !take_index(words[1], &cmd->n))) {
			refuse(error, g_strdup(_("Acknowledge an alert by its number in /alerts, or all: "
			                         "/alert ack 3, /alert ack all")));
			goto fail;
		}
	} else if (g_ascii_strcasecmp(words[0], "snooze") == 0) {
		cmd->kind = IOT_ALERT_CMD_SNOOZE;
		i = 2;
		if (n < 3 || !take_index(words[1], &cmd->n)) {
			refuse(error, g_strdup(_("Snooze an alert by its number in /alerts for a while, "
			                         "e.g. /alert snooze 2 1h")));
			goto fail;
		}
		if (!take_duration(words, &i, &cmd->seconds, error))
			goto fail;
		if (words[i] != NULL) {
			q = quoted(words[i]);
			refuse(error, g_strdup_printf(_("“%s” does not belong after the duration."), q));
			g_free(q);
			goto fail;
		}
	} else {
		q = quoted(words[0]);
		/* TRANSLATORS: %s is the word the person typed after /alert */
		refuse(error, g_strdup_printf(_("/alert does not know “%s”: use add, list, del, ack or "
		                                "snooze."),
		                              q));
		g_free(q);
		goto fail;
	}
	g_strfreev(words);
	return cmd;
fail:
	g_strfreev(words);
	iot_alert_command_free(cmd);
	return NULL;
}
