/* iot-purple-request-form.c — a data form as request fields. See the header. */
#include "iot-purple-request-form.h"

#include "iot-format.h"
#include "iot-limits.h"

#include <core.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* How much of a sender's label or value a dialog repeats. */
#define LABEL_CHARS 120

IotPurpleRequestForm *
iot_purple_request_form_new(void)
{
	IotPurpleRequestForm *rf = g_new0(IotPurpleRequestForm, 1);

	rf->typed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	rf->problems = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return rf;
}

void
iot_purple_request_form_free(IotPurpleRequestForm *rf)
{
	if (rf == NULL)
		return;
	g_hash_table_destroy(rf->typed);
	g_hash_table_destroy(rf->problems);
	if (rf->shown != NULL)
		g_ptr_array_unref(rf->shown);
	if (rf->shown_text != NULL)
		g_hash_table_destroy(rf->shown_text);
	g_free(rf);
}

/* Field labels are Pango markup with mnemonics in GTK request dialogs and
 * plain text in Finch: whatever a thing sent must show literally in both. */
static char *
label_text(const char *text)
{
	char *clean = iot_format_clean(text, LABEL_CHARS), *escaped;
	GString *out;
	const char *p;

	if (g_strcmp0(purple_core_get_ui(), "gnt-purple") == 0)
		return clean;
	escaped = g_markup_escape_text(clean, -1);
	out = g_string_new(NULL);
	for (p = escaped; *p != '\0'; p++) {
		if (*p == '_')
			g_string_append_c(out, '_');
		g_string_append_c(out, *p);
	}
	g_free(clean);
	g_free(escaped);
	return g_string_free(out, FALSE);
}

static char *
field_label(const IotPurpleRequestForm *d, const IotFormField *f)
{
	char *caption = iot_form_field_caption(f);
	GString *out = g_string_new(caption);
	const char *problem = f->var != NULL ? g_hash_table_lookup(d->problems, f->var) : NULL;
	char *text;

	if (f->min != NULL || f->max != NULL)
		g_string_append_printf(out, " (%s – %s)", f->min ? f->min : "", f->max ? f->max : "");
	if (f->required)
		g_string_append(out, " *");
	if (f->not_same && !f->edited)
		/* TRANSLATORS: a parameter whose value differs between the nodes controlled. */
		g_string_append_printf(out, " %s", _("(values differ)"));
	/* The reason itself is listed above the fields: Finch gives a label
	 * only the width of the longest one. */
	if (problem != NULL || f->error != NULL)
		g_string_append(out, " ⚠");
	g_free(caption);
	text = label_text(out->str);
	g_string_free(out, TRUE);
	return text;
}

static char *
option_label(const IotFormOption *o)
{
	return iot_format_clean(o->label != NULL ? o->label : o->value, LABEL_CHARS);
}

/* The default text of a text-like field: what the person typed when it was
 * not valid, else the values (nothing for a notSame field not yet edited). */
static char *
shown_value(const IotPurpleRequestForm *d, const IotFormField *f)
{
	const char *typed = f->var != NULL ? g_hash_table_lookup(d->typed, f->var) : NULL;
	char *v;

	if (typed != NULL)
		return g_strdup(typed);
	if (f->not_same && !f->edited)
		return g_strdup("");
	v = iot_form_field_values_text(f);
	if (f->datatype == IOT_FORM_DT_COLOR || f->datatype == IOT_FORM_DT_COLOR_ALPHA) {
		char *hex = *v != '\0' && *v != '#' ? g_strconcat("#", v, NULL) : g_strdup(v);

		g_free(v);
		v = hex;
	}
	return v;
}

static PurpleRequestField *
request_field(IotPurpleRequestForm *d, const IotFormField *f, const char *id)
{
	PurpleRequestField *rf = NULL;
	char *label = field_label(d, f), *value;
	const char *current = iot_form_field_value(f);
	guint i;

	switch (f->type) {
	case IOT_FORM_FIELD_HIDDEN:
		break;
	case IOT_FORM_FIELD_BOOLEAN:
		rf = purple_request_field_bool_new(id, label, current != NULL &&
		                                   (strcmp(current, "1") == 0 || strcmp(current, "true") == 0));
		break;
	case IOT_FORM_FIELD_LIST_MULTI:
		if (!f->open && f->options->len > 0) {
			GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

			rf = purple_request_field_list_new(id, label);
			purple_request_field_list_set_multi_select(rf, TRUE);
			for (i = 0; i < f->options->len; i++) {
				IotFormOption *o = g_ptr_array_index(f->options, i);
				char *text = option_label(o);
				guint k;

				/* Items are known by their text: make each one unique. */
				if (g_hash_table_contains(seen, text)) {
					char *wire = iot_format_clean(o->value, LABEL_CHARS);
					char *unique = g_strdup_printf("%s (%s)", text, wire);

					g_free(text);
					g_free(wire);
					text = unique;
				}
				if (g_hash_table_contains(seen, text)) {
					g_free(text);
					continue;
				}
				g_hash_table_add(seen, g_strdup(text));
				purple_request_field_list_add_icon(rf, text, NULL, o);
				for (k = 0; k < f->values->len; k++)
					if (strcmp(g_ptr_array_index(f->values, k), o->value) == 0)
						purple_request_field_list_add_selected(rf, text);
				g_free(text);
			}
			g_hash_table_destroy(seen);
			break;
		}
		/* fall through */
	case IOT_FORM_FIELD_LIST_SINGLE:
		if (!f->open && !f->read_only && f->options->len > 0) {
			int selected = 0;

			rf = purple_request_field_choice_new(id, label, 0);
			/* The first choice keeps the value as it is (none, or differing). */
			purple_request_field_choice_add(rf, f->not_same && !f->edited ? _("(values differ)")
			                                                                : _("(unchanged)"));
			for (i = 0; i < f->options->len; i++) {
				const IotFormOption *o = g_ptr_array_index(f->options, i);
				char *text = option_label(o);

				purple_request_field_choice_add(rf, text);
				g_free(text);
				if (current != NULL && strcmp(o->value, current) == 0 && !(f->not_same && !f->edited))
					selected = (int)i + 1;
			}
			purple_request_field_choice_set_default_value(rf, selected);
			purple_request_field_choice_set_value(rf, selected);
			break;
		}
		/* fall through */
	default:
		value = shown_value(d, f);
		rf = purple_request_field_string_new(id, label, value,
		                                     f->type == IOT_FORM_FIELD_TEXT_MULTI ||
		                                         f->type == IOT_FORM_FIELD_JID_MULTI ||
		                                         f->type == IOT_FORM_FIELD_LIST_MULTI);
		g_hash_table_replace(d->shown_text, g_strdup(id), g_strdup(value));
		g_free(value);
		if (f->type == IOT_FORM_FIELD_TEXT_PRIVATE)
			purple_request_field_string_set_masked(rf, TRUE);
		if (f->type == IOT_FORM_FIELD_FIXED || f->read_only)
			purple_request_field_string_set_editable(rf, FALSE);
		break;
	}
	g_free(label);
	return rf;
}

static void
add_items(IotPurpleRequestForm *d, PurpleRequestFields *fields, const IotFormSection *sec, const char *title)
{
	PurpleRequestFieldGroup *group = purple_request_field_group_new(title);
	guint i;

	purple_request_fields_add_group(fields, group);
	for (i = 0; i < sec->items->len; i++) {
		const IotLayoutItem *it = g_ptr_array_index(sec->items, i);

		if (it->kind == IOT_LAYOUT_FIELD) {
			IotFormField *f = iot_dataform_find(d->form, it->text);
			char *id = g_strdup_printf("f%u", d->shown->len);
			PurpleRequestField *rf = f != NULL ? request_field(d, f, id) : NULL;

			if (rf != NULL) {
				purple_request_field_group_add_field(group, rf);
				g_ptr_array_add(d->shown, f);
			}
			g_free(id);
		} else if (it->kind == IOT_LAYOUT_SECTION) {
			char *label = iot_format_clean(it->section->label, LABEL_CHARS);
			char *sub = title != NULL && *label ? g_strdup_printf("%s › %s", title, label)
			                                    : g_strdup(*label ? label : title);

			add_items(d, fields, it->section, sub);
			g_free(sub);
			g_free(label);
		}
	}
}

/* Reads what the person entered in @rf for @f into the form. Returns FALSE
 * with a problem recorded when it is not valid. */
static gboolean
take_input(IotPurpleRequestForm *d, IotFormField *f, PurpleRequestField *rf, gboolean *post_back)
{
	const char *id = purple_request_field_get_id(rf);
	GError *error = NULL;
	char *wire = NULL;
	gboolean changed = FALSE;

	switch (purple_request_field_get_type(rf)) {
	case PURPLE_REQUEST_FIELD_BOOLEAN: {
		const char *current = iot_form_field_value(f);
		gboolean was = current != NULL && (strcmp(current, "1") == 0 || strcmp(current, "true") == 0);
		gboolean now = purple_request_field_bool_get_value(rf);

		if (now != was) {
			wire = g_strdup(now ? "true" : "false");
			changed = TRUE;
		}
		break;
	}
	case PURPLE_REQUEST_FIELD_CHOICE: {
		int index = purple_request_field_choice_get_value(rf);

		if (index > 0 && (guint)index <= f->options->len) {
			const IotFormOption *o = g_ptr_array_index(f->options, index - 1);

			changed = g_strcmp0(o->value, iot_form_field_value(f)) != 0 || (f->not_same && !f->edited);
			wire = g_strdup(o->value);
		}
		break;
	}
	case PURPLE_REQUEST_FIELD_LIST: {
		GList *l, *selected = purple_request_field_list_get_selected(rf);
		GPtrArray *values = g_ptr_array_new();
		char *message = NULL;
		gboolean same;
		guint k;

		for (l = selected; l != NULL; l = l->next) {
			const IotFormOption *o = purple_request_field_list_get_data(rf, l->data);

			if (o != NULL)
				g_ptr_array_add(values, o->value);
		}
		/* The same set of values, in whatever order, is no change. */
		same = values->len == f->values->len;
		for (k = 0; same && k < values->len; k++) {
			guint m;

			same = FALSE;
			for (m = 0; m < f->values->len && !same; m++)
				same = strcmp(g_ptr_array_index(values, k), g_ptr_array_index(f->values, m)) == 0;
		}
		g_ptr_array_add(values, NULL);
		if (!same) {
			iot_dataform_set_values(d->form, f->var, (const char *const *)values->pdata);
			*post_back |= f->post_back;
		}
		g_ptr_array_free(values, TRUE);
		if (!same && !iot_dataform_validate_field(f, &message)) {
			g_hash_table_replace(d->problems, g_strdup(f->var), message);
			return FALSE;
		}
		g_free(message);
		return TRUE;
	}
	default: {
		const char *input = purple_request_field_string_get_value(rf);
		const char *before = g_hash_table_lookup(d->shown_text, id);

		if (f->type == IOT_FORM_FIELD_FIXED || f->read_only || g_strcmp0(input, before) == 0)
			break;
		changed = TRUE;
		if (f->type == IOT_FORM_FIELD_TEXT_MULTI || f->type == IOT_FORM_FIELD_JID_MULTI ||
		    f->type == IOT_FORM_FIELD_LIST_MULTI) {
			char **lines = g_strsplit(input != NULL ? input : "", "\n", IOT_MAX_FORM_VALUES);
			char *message = NULL;

			iot_dataform_set_values(d->form, f->var, (const char *const *)lines);
			g_strfreev(lines);
			if (!iot_dataform_validate_field(f, &message)) {
				g_hash_table_replace(d->problems, g_strdup(f->var), message);
				return FALSE;
			}
			g_free(message);
			*post_back |= f->post_back;
			return TRUE;
		}
		wire = iot_dataform_parse_input(f, input != NULL ? input : "", &error);
		if (wire == NULL) {
			g_hash_table_replace(d->problems, g_strdup(f->var), g_strdup(error->message));
			g_hash_table_replace(d->typed, g_strdup(f->var), g_strdup(input != NULL ? input : ""));
			g_error_free(error);
			return FALSE;
		}
		break;
	}
	}
	if (changed && wire != NULL) {
		iot_dataform_set_value(d->form, f->var, wire);
		*post_back |= f->post_back;
	}
	g_free(wire);
	return TRUE;
}

void
iot_purple_request_form_add(IotPurpleRequestForm *d, PurpleRequestFields *fields)
{
	guint i;

	if (d->shown != NULL)
		g_ptr_array_unref(d->shown);
	d->shown = g_ptr_array_new();
	if (d->shown_text != NULL)
		g_hash_table_destroy(d->shown_text);
	d->shown_text = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (i = 0; i < d->form->pages->len; i++) {
		const IotFormSection *page = g_ptr_array_index(d->form->pages, i);
		char *label = page->label != NULL ? iot_format_clean(page->label, LABEL_CHARS) : NULL;

		add_items(d, fields, page, label);
		g_free(label);
	}
}

void
iot_purple_request_form_describe(const IotPurpleRequestForm *d, GString *out)
{
	guint i;
	gboolean any = FALSE;

	for (i = 0; i < d->form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(d->form->fields, i);
		const char *problem = f->var != NULL ? g_hash_table_lookup(d->problems, f->var) : NULL;
		char *caption, *text;

		if (problem == NULL && f->error == NULL)
			continue;
		caption = iot_form_field_caption(f);
		text = iot_format_clean(problem != NULL ? problem : f->error, 300);
		/* TRANSLATORS: a field's problem above the form: "⚠ Brightness: text". */
		g_string_append_printf(out, _("⚠ %s: %s\n"), caption, text);
		g_free(caption);
		g_free(text);
		any = TRUE;
	}
	if (any || out->len > 0) /* after the caller's own lines too */
		g_string_append_c(out, '\n');
	if (d->form->instructions != NULL) {
		char *text = iot_format_clean(d->form->instructions, 1000);

		g_string_append_printf(out, "%s\n", text);
		g_free(text);
	}
	for (i = 0; i < d->form->notes->len; i++)
		g_string_append_printf(out, "%s\n", (const char *)g_ptr_array_index(d->form->notes, i));
}

gboolean
iot_purple_request_form_take(IotPurpleRequestForm *d, PurpleRequestFields *fields, gboolean *post_back)
{
	gboolean valid = TRUE, pb = FALSE;
	guint i;

	g_hash_table_remove_all(d->problems);
	g_hash_table_remove_all(d->typed);
	for (i = 0; d->shown != NULL && i < d->shown->len; i++) {
		IotFormField *f = g_ptr_array_index(d->shown, i);
		char *id = g_strdup_printf("f%u", i);
		PurpleRequestField *rf = purple_request_fields_get_field(fields, id);

		if (rf != NULL && f->var != NULL && !take_input(d, f, rf, &pb))
			valid = FALSE;
		g_free(id);
	}
	if (post_back != NULL)
		*post_back = pb;
	return valid;
}
