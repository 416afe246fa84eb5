/*
 * iot-controllog.c — the local record of every control a person sent. See
 * iot-controllog.h; this file is the only one that knows the text file
 * earlier versions wrote (read for the import into the store):
 *
 *   xmpp-iot-control-log 1
 *   TIME \t THING \t NODE \t PARAM \t OLD \t NEW \t OUTCOME \t DETAIL
 *   …
 *
 * TIME is xs:dateTime in UTC ("2024-05-01T08:00:00.25Z"), OUTCOME one of
 * applied, not-applied, refused, unknown. In the text fields a backslash
 * escapes tab (\t), newline (\n), carriage return (\r) and itself (\\); a
 * field that is a lone "-" stands for "none" (NULL), and the string "-"
 * itself is written "\-". A line that does not read whole is skipped.
 */
#include "iot-controllog.h"

#include "iot-error.h"
#include "iot-file.h"
#include "iot-limits.h"
#include "iot-time.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#define LOG_HEADER "xmpp-iot-control-log 1"
#define LOG_MAGIC "xmpp-iot-control-log "
#define N_COLUMNS 8
/* The longest line a log of ours can hold: every field at its bound, every
 * byte escaped. Longer lines are damage and are skipped unread. */
#define MAX_LINE_BYTES (64 + 3 * 2 * IOT_MAX_NAME_BYTES + 2 * 2 * IOT_MAX_VALUE_BYTES + \
                        2 * IOT_MAX_ERROR_TEXT + 16)
/* Years 1000 to 9999: xs:dateTime writes four-digit years, and GDateTime
 * ends with 9999. A time outside has no form to be written in (and no
 * control was sent then). */
#define MIN_TIME (G_GINT64_CONSTANT(-30610224000) * G_USEC_PER_SEC) /* 1000-01-01 */
#define MAX_TIME (G_GINT64_CONSTANT(253402300799) * G_USEC_PER_SEC + (G_USEC_PER_SEC - 1))

static const char *const outcome_keywords[IOT_CONTROL_OUTCOME_COUNT] = {
	[IOT_CONTROL_OUTCOME_APPLIED] = "applied",
	[IOT_CONTROL_OUTCOME_NOT_APPLIED] = "not-applied",
	[IOT_CONTROL_OUTCOME_REFUSED] = "refused",
	[IOT_CONTROL_OUTCOME_UNKNOWN] = "unknown",
};

/* A ring: until it is full the entries are in order; then @start is the
 * oldest and appending overwrites it. */
struct _IotControlLog {
	guint max;
	guint start;
	GPtrArray *entries; /* (element-type IotControlLogEntry) */
};

void
iot_control_log_entry_free(IotControlLogEntry *e)
{
	if (e == NULL)
		return;
	g_free(e->thing);
	g_free(e->node);
	g_free(e->param);
	g_free(e->old_value);
	g_free(e->new_value);
	g_free(e->detail);
	g_free(e->account);
	g_free(e->node_source);
	g_free(e->node_partition);
	g_free(e);
}

static void
entry_free(gpointer data)
{
	iot_control_log_entry_free(data);
}

IotControlLog *
iot_control_log_new(guint max_entries)
{
	IotControlLog *log = g_new0(IotControlLog, 1);

	log->max = max_entries ? max_entries : IOT_CONTROL_LOG_MAX_ENTRIES;
	log->entries = g_ptr_array_new_with_free_func(entry_free);
	return log;
}

void
iot_control_log_free(IotControlLog *log)
{
	if (log == NULL)
		return;
	g_ptr_array_unref(log->entries);
	g_free(log);
}

/* Returns: (transfer full) (nullable): @s as valid UTF-8 of at most @max
 * bytes (cut at a character boundary), without control characters — but
 * tab, newline and carriage return stay when @keep_breaks: a value may be
 * several lines (a text-multi field), a thing's words may be too. */
static char *
clean(const char *s, gsize max, gboolean keep_breaks)
{
	char *valid, *p;
	GString *out;

	if (s == NULL)
		return NULL;
	valid = g_utf8_make_valid(s, -1);
	out = g_string_sized_new(MIN(strlen(valid), max) + 1);
	for (p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		gsize n = (gsize)(g_utf8_next_char(p) - p);

		if ((c < 0x20 && !(keep_breaks && (c == '\t' || c == '\n' || c == '\r'))) ||
		    (c >= 0x7f && c <= 0x9f))
			continue;
		if (out->len + n > max)
			break;
		g_string_append_len(out, p, (gssize)n);
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

IotControlLogEntry *
iot_control_log_entry_copy(const IotControlLogEntry *entry)
{
	IotControlLogEntry *e;

	g_return_val_if_fail(entry != NULL, NULL);
	g_return_val_if_fail(entry->thing != NULL && entry->param != NULL && entry->new_value != NULL, NULL);
	e = g_new0(IotControlLogEntry, 1);
	e->time = CLAMP(entry->time, MIN_TIME, MAX_TIME);
	e->thing = clean(entry->thing, IOT_MAX_NAME_BYTES, FALSE);
	e->node = clean(entry->node, IOT_MAX_NAME_BYTES, FALSE);
	e->param = clean(entry->param, IOT_MAX_NAME_BYTES, FALSE);
	e->old_value = clean(entry->old_value, IOT_MAX_VALUE_BYTES, TRUE);
	e->new_value = clean(entry->new_value, IOT_MAX_VALUE_BYTES, TRUE);
	e->outcome = (guint)entry->outcome < IOT_CONTROL_OUTCOME_COUNT ? entry->outcome
	                                                                : IOT_CONTROL_OUTCOME_UNKNOWN;
	e->detail = clean(entry->detail, IOT_MAX_ERROR_TEXT, TRUE);
	e->account = clean(entry->account, IOT_MAX_NAME_BYTES, FALSE);
	e->node_source = clean(entry->node_source, IOT_MAX_NAME_BYTES, FALSE);
	e->node_partition = clean(entry->node_partition, IOT_MAX_NAME_BYTES, FALSE);
	return e;
}

void
iot_control_log_append(IotControlLog *log, const IotControlLogEntry *entry)
{
	IotControlLogEntry *e;

	g_return_if_fail(log != NULL && entry != NULL);
	g_return_if_fail(entry->thing != NULL && entry->param != NULL && entry->new_value != NULL);
	e = iot_control_log_entry_copy(entry);
	if (log->entries->len < log->max) {
		g_ptr_array_add(log->entries, e);
		return;
	}
	/* Full: the oldest goes. */
	entry_free(log->entries->pdata[log->start]);
	log->entries->pdata[log->start] = e;
	log->start = (log->start + 1) % log->entries->len;
}

guint
iot_control_log_len(const IotControlLog *log)
{
	g_return_val_if_fail(log != NULL, 0);
	return log->entries->len;
}

const IotControlLogEntry *
iot_control_log_get(const IotControlLog *log, guint i)
{
	g_return_val_if_fail(log != NULL, NULL);
	g_return_val_if_fail(i < log->entries->len, NULL);
	return log->entries->pdata[(log->start + i) % log->entries->len];
}

const char *
iot_control_outcome_label(IotControlOutcome outcome)
{
	switch (outcome) {
	case IOT_CONTROL_OUTCOME_APPLIED:
		/* TRANSLATORS: outcome of one control in the control log: the
		 * thing confirmed the change. */
		return _("applied");
	case IOT_CONTROL_OUTCOME_NOT_APPLIED:
		/* TRANSLATORS: outcome of one control in the control log: the
		 * thing answered but left this change out. */
		return _("not applied");
	case IOT_CONTROL_OUTCOME_REFUSED:
		/* TRANSLATORS: outcome of one control in the control log: the
		 * thing said no. */
		return _("refused");
	default:
		/* TRANSLATORS: outcome of one control in the control log: no
		 * answer came, so nobody knows whether the change was made. */
		return _("unknown");
	}
}

/* --- what became of a request ------------------------------------------------- */

static gboolean
name_listed(const GPtrArray *names, const char *name)
{
	guint i;

	for (i = 0; i < names->len; i++)
		if (g_strcmp0(g_ptr_array_index(names, i), name) == 0)
			return TRUE;
	return FALSE;
}

static gboolean
node_listed(const GPtrArray *nodes, const char *node_id)
{
	guint i;

	for (i = 0; i < nodes->len; i++)
		if (g_strcmp0(((const IotNodeRef *)g_ptr_array_index(nodes, i))->node_id, node_id) == 0)
			return TRUE;
	return FALSE;
}

static gboolean
outcome_unknown(const GError *error)
{
	return error->domain == IOT_ERROR &&
	       (error->code == IOT_ERROR_TIMEOUT || error->code == IOT_ERROR_DISCONNECTED ||
	        error->code == IOT_ERROR_CANCELLED);
}

/* The outcome of parameter @param on @node (nullable); *@why (transfer
 * none, nullable) gets the detail to keep. @any_named: the failure names
 * one of the request's own parameters. */
static IotControlOutcome
outcome_of(const IotControlResult *result, const GError *error, const char *node,
           const char *param, gboolean any_named, const char *detail, const char **why)
{
	const char *text;

	*why = NULL;
	if (error == NULL) {
		if (result != NULL && result->params != NULL && !name_listed(result->params, param))
			return IOT_CONTROL_OUTCOME_NOT_APPLIED;
		if (result != NULL && result->nodes != NULL && node != NULL &&
		    !node_listed(result->nodes, node))
			return IOT_CONTROL_OUTCOME_NOT_APPLIED;
		return IOT_CONTROL_OUTCOME_APPLIED;
	}
	if (outcome_unknown(error)) {
		*why = detail ? detail : error->message;
		return IOT_CONTROL_OUTCOME_UNKNOWN;
	}
	/* A failure named on other nodes left this one untouched. */
	if (result != NULL && node != NULL && result->failed_nodes != NULL &&
	    result->failed_nodes->len > 0 && !node_listed(result->failed_nodes, node))
		return IOT_CONTROL_OUTCOME_NOT_APPLIED;
	text = result != NULL ? iot_control_result_error_for(result, param) : NULL;
	if (text != NULL) {
		*why = *text != '\0' ? text : detail ? detail : error->message;
		return IOT_CONTROL_OUTCOME_REFUSED;
	}
	/* XEP-0325 §3.2: a set is all or nothing, so one refused parameter
	 * keeps the others from being applied. */
	if (any_named)
		return IOT_CONTROL_OUTCOME_NOT_APPLIED;
	*why = detail ? detail : error->message;
	return IOT_CONTROL_OUTCOME_REFUSED;
}

GPtrArray *
iot_control_log_entries_new(gint64 time, const char *account, const char *thing, const GPtrArray *nodes,
                            const IotControlChange *changes, guint n_changes)
{
	GPtrArray *entries = g_ptr_array_new_with_free_func(entry_free);
	guint n_nodes, i, j;

	g_return_val_if_fail(thing != NULL && (changes != NULL || n_changes == 0), entries);
	n_nodes = nodes != NULL && nodes->len > 0 ? nodes->len : 1;
	for (i = 0; i < n_nodes; i++) {
		const IotNodeRef *node = nodes != NULL && nodes->len > 0 ? g_ptr_array_index(nodes, i)
		                                                        : NULL;

		for (j = 0; j < n_changes; j++) {
			IotControlLogEntry e = { 0 };

			if (changes[j].param == NULL || changes[j].new_value == NULL)
				continue;
			e.time = time;
			e.account = (char *)account;
			e.thing = (char *)thing;
			if (node != NULL) {
				e.node = node->node_id;
				e.node_source = node->source_id;
				e.node_partition = node->partition;
			}
			e.param = (char *)changes[j].param;
			e.old_value = (char *)changes[j].old_value;
			e.new_value = (char *)changes[j].new_value;
			e.outcome = IOT_CONTROL_OUTCOME_UNKNOWN;
			g_ptr_array_add(entries, iot_control_log_entry_copy(&e));
		}
	}
	return entries;
}

void
iot_control_log_entries_set_result(GPtrArray *entries, const IotControlResult *result, const GError *error,
                                   const char *detail)
{
	gboolean any_named = FALSE;
	guint i;

	g_return_if_fail(entries != NULL);
	if (error == NULL && result != NULL)
		error = result->error;
	for (i = 0; result != NULL && i < entries->len && !any_named; i++)
		any_named = iot_control_result_error_for(
		                result, ((IotControlLogEntry *)g_ptr_array_index(entries, i))->param) != NULL;
	for (i = 0; i < entries->len; i++) {
		IotControlLogEntry *e = g_ptr_array_index(entries, i);
		const char *why;

		e->outcome = outcome_of(result, error, e->node, e->param, any_named, detail, &why);
		g_free(e->detail);
		e->detail = clean(why, IOT_MAX_ERROR_TEXT, TRUE);
	}
}

void
iot_control_log_add_result(IotControlLog *log, gint64 time, const char *thing,
                           const GPtrArray *nodes, const IotControlChange *changes,
                           guint n_changes, const IotControlResult *result,
                           const GError *error, const char *detail)
{
	GPtrArray *entries;
	guint i;

	g_return_if_fail(log != NULL && thing != NULL && (changes != NULL || n_changes == 0));
	entries = iot_control_log_entries_new(time, NULL, thing, nodes, changes, n_changes);
	iot_control_log_entries_set_result(entries, result, error, detail);
	for (i = 0; i < entries->len; i++)
		iot_control_log_append(log, g_ptr_array_index(entries, i));
	g_ptr_array_unref(entries);
}

/* --- the file ----------------------------------------------------------------- */

/* Undoes the escapes of a field in place. FALSE for an escape never written. */
static gboolean
get_field(char *s, char **out)
{
	char *r, *w;

	if (strcmp(s, "-") == 0) {
		*out = NULL;
		return TRUE;
	}
	for (r = w = s; *r != '\0'; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		switch (*++r) {
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case '\\': *w++ = '\\'; break;
		case '-': *w++ = '-'; break;
		default: return FALSE; /* also a backslash at the end */
		}
	}
	*w = '\0';
	*out = s;
	return TRUE;
}

static gboolean
outcome_from_keyword(const char *s, IotControlOutcome *out)
{
	guint i;

	for (i = 0; i < IOT_CONTROL_OUTCOME_COUNT; i++) {
		if (strcmp(s, outcome_keywords[i]) == 0) {
			*out = (IotControlOutcome)i;
			return TRUE;
		}
	}
	return FALSE;
}

/* Reads one entry line (modified in place) into @log; FALSE when damaged. */
static gboolean
read_entry(IotControlLog *log, char *line)
{
	char *col[N_COLUMNS];
	char *p = line;
	IotControlLogEntry e = { 0 };
	guint i;

	for (i = 0; i < N_COLUMNS; i++) {
		char *tab = strchr(p, '\t');

		if ((tab == NULL) != (i == N_COLUMNS - 1))
			return FALSE; /* too few or too many columns */
		col[i] = p;
		if (tab != NULL) {
			*tab = '\0';
			p = tab + 1;
		}
	}
	if (!iot_time_parse_datetime(col[0], &e.time) || !outcome_from_keyword(col[6], &e.outcome))
		return FALSE;
	if (!get_field(col[1], &e.thing) || !get_field(col[2], &e.node) ||
	    !get_field(col[3], &e.param) || !get_field(col[4], &e.old_value) ||
	    !get_field(col[5], &e.new_value) || !get_field(col[7], &e.detail))
		return FALSE;
	if (e.thing == NULL || e.param == NULL || e.new_value == NULL)
		return FALSE;
	/* Through append: a file someone else wrote gets the same bounds and
	 * cleaning as a live entry. */
	iot_control_log_append(log, &e);
	return TRUE;
}

typedef struct {
	FILE *fp;
	char buf[16384];
	gsize pos, len;
	gboolean eof;
	int err;
} LineReader;

/* Reads the next line into @line (without its end). *@damaged: it was too
 * long (its start is dropped) or held a NUL. FALSE at the end of the file. */
static gboolean
next_line(LineReader *r, GString *line, gboolean *damaged)
{
	gboolean any = FALSE;

	g_string_truncate(line, 0);
	*damaged = FALSE;
	for (;;) {
		char *nl;
		gsize n;

		if (r->pos == r->len) {
			if (r->eof)
				break;
			r->len = fread(r->buf, 1, sizeof r->buf, r->fp);
			r->pos = 0;
			if (r->len < sizeof r->buf) {
				r->eof = TRUE;
				if (ferror(r->fp))
					r->err = errno ? errno : EIO;
			}
			if (r->len == 0)
				break;
		}
		any = TRUE;
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		n = (nl != NULL ? (gsize)(nl - r->buf) : r->len) - r->pos;
		if (line->len + n > MAX_LINE_BYTES) {
			*damaged = TRUE;
			g_string_truncate(line, 0);
		} else if (!*damaged) {
			g_string_append_len(line, r->buf + r->pos, (gssize)n);
		}
		r->pos += n;
		if (nl != NULL) {
			r->pos++;
			break;
		}
	}
	/* A file edited elsewhere may end its lines with CR LF. */
	if (line->len > 0 && line->str[line->len - 1] == '\r')
		g_string_truncate(line, line->len - 1);
	if (memchr(line->str, '\0', line->len) != NULL)
		*damaged = TRUE;
	return any;
}

IotControlLog *
iot_control_log_load(const char *path, guint max_entries, GError **error)
{
	LineReader *r;
	IotControlLog *log;
	GString *line;
	gboolean damaged;
	int err = 0;

	g_return_val_if_fail(path != NULL, NULL);
	r = g_new0(LineReader, 1);
	r->fp = iot_file_open_regular(path, &err);
	if (r->fp == NULL) {
		g_free(r);
		if (iot_file_is_absent(path, err))
			return iot_control_log_new(max_entries);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
		            /* TRANSLATORS: first %s is a file, second the system's reason. */
		            _("Could not read “%s”: %s"), path, g_strerror(err));
		return NULL;
	}
	log = iot_control_log_new(max_entries);
	line = g_string_new(NULL);
	/* An empty file holds nothing to lose; anything else must say what it is. */
	if (next_line(r, line, &damaged) && (damaged || strcmp(line->str, LOG_HEADER) != 0)) {
		if (!damaged && g_str_has_prefix(line->str, LOG_MAGIC))
			g_set_error(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED,
			            /* TRANSLATORS: %s is a file. */
			            _("“%s” is a control log in a newer format."), path);
		else
			g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED,
			            /* TRANSLATORS: %s is a file. */
			            _("“%s” is not a control log."), path);
		g_clear_pointer(&log, iot_control_log_free);
		goto out;
	}
	while (next_line(r, line, &damaged)) {
		if (line->len == 0 && !damaged)
			continue;
		if (!damaged)
			(void)read_entry(log, line->str); /* a damaged line is only skipped */
	}
	if (r->err != 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(r->err),
		            _("Could not read “%s”: %s"), path, g_strerror(r->err));
		g_clear_pointer(&log, iot_control_log_free);
	}
out:
	g_string_free(line, TRUE);
	fclose(r->fp);
	g_free(r);
	return log;
}
