/* iot-concentrator-chat-query.c — a query's result as aligned text and a
 * command's form filled from name=value. See iot-concentrator-chat-text.h. */
#include "iot-concentrator-chat-text.h"

#include "iot-error.h"
#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static char *
cell_text(const IotQueryCell *c)
{
	char *joined, *out;

	if (c == NULL || c->value == NULL)
		return g_strdup("");
	joined = c->unit != NULL ? g_strdup_printf("%s %s", c->value, c->unit) : g_strdup(c->value);
	out = iot_format_clean(joined, IOT_CONC_CHAT_QUERY_CELL_CHARS);
	g_free(joined);
	return out;
}

static void
pad_to(GString *out, const char *s, guint width, gboolean last)
{
	guint len = (guint)g_utf8_strlen(s, -1);

	g_string_append(out, s);
	if (!last)
		for (; len < width + 2; len++)
			g_string_append_c(out, ' ');
}

static void
print_table(GString *out, const IotQueryTable *t)
{
	guint ncols = MIN(t->columns->len, IOT_CONC_CHAT_QUERY_COLUMNS);
	guint nrows = MIN(t->records->len, IOT_CONC_CHAT_QUERY_ROWS);
	guint *width = g_new0(guint, ncols + 1);
	char ***cells = g_new0(char **, nrows + 1);
	char **heads = g_new0(char *, ncols + 1);
	guint r, c;
	char *name = iot_format_clean(*t->name != '\0' ? t->name : t->id, IOT_CONC_CHAT_NAME_CHARS);

	g_string_append_printf(out, "%s\n", name);
	g_free(name);
	for (c = 0; c < ncols; c++) {
		const IotQueryColumn *col = g_ptr_array_index(t->columns, c);
		heads[c] = iot_format_clean(col->header != NULL ? col->header : col->id, IOT_CONC_CHAT_QUERY_CELL_CHARS);
		width[c] = (guint)g_utf8_strlen(heads[c], -1);
	}
	for (r = 0; r < nrows; r++) {
		const IotQueryRecord *rec = g_ptr_array_index(t->records, r);
		cells[r] = g_new0(char *, ncols + 1);
		for (c = 0; c < ncols; c++) {
			cells[r][c] = cell_text(c < rec->n_cells ? &rec->cells[c] : NULL);
			width[c] = MAX(width[c], (guint)g_utf8_strlen(cells[r][c], -1));
		}
	}
	for (c = 0; c < ncols; c++)
		pad_to(out, heads[c], width[c], c + 1 == ncols);
	g_string_append_c(out, '\n');
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++)
			pad_to(out, cells[r][c], width[c], c + 1 == ncols);
		g_string_append_c(out, '\n');
		g_strfreev(cells[r]);
	}
	if (t->columns->len > ncols)
		g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "(%u more column not shown)\n",
		                                        "(%u more columns not shown)\n", t->columns->len - ncols),
		                       t->columns->len - ncols);
	if (t->records->len + t->records_dropped > nrows)
		g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "… and %u more row\n", "… and %u more rows\n",
		                                        t->records->len + t->records_dropped - nrows),
		                       t->records->len + t->records_dropped - nrows);
	g_strfreev(heads);
	g_free(cells);
	g_free(width);
}

char *
iot_conc_chat_text_query(const IotQueryResult *result, const GError *error)
{
	GString *out = g_string_new(NULL);
	guint i;

	if (result != NULL) {
		if (result->title != NULL) {
			char *t = iot_format_clean(result->title, IOT_CONC_CHAT_NAME_CHARS);
			g_string_append_printf(out, "%s\n", t);
			g_free(t);
		}
		for (i = 0; i < result->tables->len && i < IOT_CONC_CHAT_QUERY_TABLES; i++)
			print_table(out, g_ptr_array_index(result->tables, i));
		if (result->tables_dropped + result->tables->len > i) {
			guint n = result->tables_dropped + result->tables->len - i;
			g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "(%u more table not shown)\n",
			                                        "(%u more tables not shown)\n", n), n);
		}
		for (i = 0; i < result->messages->len && i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
			const IotQueryMessage *m = g_ptr_array_index(result->messages, i);
			char *t = iot_format_clean(m->text, IOT_CONC_CHAT_NAME_CHARS * 2);
			g_string_append_printf(out, "%s\n", t);
			g_free(t);
		}
		if (result->status != NULL) {
			char *t = iot_format_clean(result->status, IOT_CONC_CHAT_NAME_CHARS * 2);
			/* TRANSLATORS: the query's latest status line. */
			g_string_append_printf(out, _("Status: %s\n"), t);
			g_free(t);
		}
		if (result->tables->len == 0 && result->messages->len == 0)
			g_string_append(out, _("The query found nothing.\n"));
		if (result->aborted)
			g_string_append(out, _("The query was stopped before it was done.\n"));
	}
	if (error != NULL) {
		char *t = iot_format_clean(error->message, IOT_CONC_CHAT_NAME_CHARS * 2);
		/* TRANSLATORS: why a query ended before it was done. */
		g_string_append_printf(out, _("The query ended early: %s\n"), t);
		g_free(t);
	}
	if (out->len > 0)
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

/* --- a command's form ----------------------------------------------------------------- */

static IotFormField *
find_field(IotDataForm *form, const char *name)
{
	IotFormField *f = iot_dataform_find(form, name);
	guint i;

	if (f != NULL)
		return f;
	for (i = 0; i < form->fields->len; i++) {
		gboolean same;
		char *a, *b;

		f = g_ptr_array_index(form->fields, i);
		if (f->label == NULL)
			continue;
		a = g_utf8_casefold(f->label, -1);
		b = g_utf8_casefold(name, -1);
		same = g_strcmp0(a, b) == 0;
		g_free(a);
		g_free(b);
		if (same)
			return f;
	}
	for (i = 0; i < form->fields->len; i++) {
		f = g_ptr_array_index(form->fields, i);
		if (f->var != NULL && g_ascii_strcasecmp(f->var, name) == 0)
			return f;
	}
	return NULL;
}

static char *
field_names(const IotDataForm *form)
{
	GString *s = g_string_new(NULL);
	guint i, n = 0;

	for (i = 0; i < form->fields->len && n < IOT_CONC_CHAT_LIST_ITEMS; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);
		char *c;

		if (f->var == NULL || f->type == IOT_FORM_FIELD_FIXED || f->type == IOT_FORM_FIELD_HIDDEN || f->read_only)
			continue;
		c = iot_format_clean(f->var, IOT_CONC_CHAT_NAME_CHARS);
		g_string_append_printf(s, "%s%s", n++ > 0 ? ", " : "", c);
		g_free(c);
	}
	if (n == 0)
		g_string_append(s, _("none"));
	return g_string_free(s, FALSE);
}

xmlNode *
iot_conc_chat_form_fill(const IotDataForm *form, const char *const *assignments, GError **error)
{
	xmlNode *x = iot_dataform_build(form, IOT_GEN_XSF), *submit = NULL;
	IotDataForm *copy = iot_dataform_parse(x, error), *empty;
	IotFormValues *none;
	IotFormField *bad;
	char *message = NULL;
	guint i;

	xmlFreeNode(x);
	if (copy == NULL)
		return NULL;
	/* Every field goes as the concentrator sent it unless the person names it. */
	for (i = 0; i < copy->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(copy->fields, i);
		GPtrArray *v;

		if (f->var == NULL || f->type == IOT_FORM_FIELD_FIXED || f->read_only)
			continue;
		v = g_ptr_array_new_with_free_func(g_free);
		for (guint k = 0; k < f->values->len; k++)
			g_ptr_array_add(v, g_strdup(g_ptr_array_index(f->values, k)));
		g_ptr_array_add(v, NULL);
		iot_dataform_set_values(copy, f->var, (const char *const *)v->pdata);
		g_ptr_array_unref(v);
	}
	for (i = 0; assignments != NULL && assignments[i] != NULL; i++) {
		const char *eq = strchr(assignments[i], '=');
		char *name = g_strndup(assignments[i], (gsize)(eq - assignments[i]));
		IotFormField *f = find_field(copy, name);
		char *wire;

		if (f == NULL || f->type == IOT_FORM_FIELD_FIXED || f->type == IOT_FORM_FIELD_HIDDEN || f->read_only) {
			char *n = iot_format_clean(name, IOT_CONC_CHAT_NAME_CHARS), *names = field_names(copy);
			/* TRANSLATORS: a parameter name typed, then the command's parameters. */
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("This command has no parameter %s. Its parameters: %s."), n, names);
			g_free(n);
			g_free(names);
			g_free(name);
			goto out;
		}
		g_free(name);
		wire = iot_dataform_parse_input(f, eq + 1, error);
		if (wire == NULL)
			goto out;
		iot_dataform_set_value(copy, f->var, wire);
		g_free(wire);
	}
	bad = iot_dataform_validate(copy, &message);
	if (bad != NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, message);
		g_free(message);
		goto out;
	}
	empty = iot_dataform_new(IOT_FORM_FORM);
	none = iot_dataform_snapshot(empty);
	submit = iot_dataform_build_submit(copy, none, NULL);
	iot_form_values_free(none);
	iot_dataform_free(empty);
out:
	iot_dataform_free(copy);
	return submit;
}
