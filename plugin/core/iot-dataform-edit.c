/* iot-dataform-edit.c — validating, editing and building data forms. See
 * iot-dataform.h; the model and the parser are in iot-dataform.c. */
#include "iot-dataform.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _IotFormValues {
	GHashTable *by_var; /* var → GStrv */
};

/* --- what a field's values are ------------------------------------------------ */

void
iot_dataform_field_spec(const IotFormField *field, IotValueSpec *spec)
{
	g_return_if_fail(field != NULL && spec != NULL);
	memset(spec, 0, sizeof *spec);
	spec->type = IOT_CONTROL_STRING;
	spec->min = field->min;
	spec->max = field->max;
	spec->unit = field->unit;
	if (field->type == IOT_FORM_FIELD_BOOLEAN) {
		spec->type = IOT_CONTROL_BOOLEAN;
		return;
	}
	switch (field->datatype) {
	case IOT_FORM_DT_BOOLEAN: spec->type = IOT_CONTROL_BOOLEAN; break;
	case IOT_FORM_DT_BYTE:
	case IOT_FORM_DT_SHORT:
	case IOT_FORM_DT_INT: spec->type = IOT_CONTROL_INT; break;
	/* xs:integer is unbounded; 64 bits is what any thing can hold. */
	case IOT_FORM_DT_INTEGER:
	case IOT_FORM_DT_LONG: spec->type = IOT_CONTROL_LONG; break;
	case IOT_FORM_DT_DOUBLE: spec->type = IOT_CONTROL_DOUBLE; break;
	case IOT_FORM_DT_DATE: spec->type = IOT_CONTROL_DATE; break;
	case IOT_FORM_DT_DATETIME: spec->type = IOT_CONTROL_DATETIME; break;
	case IOT_FORM_DT_TIME: spec->type = IOT_CONTROL_TIME; break;
	case IOT_FORM_DT_DURATION: spec->type = IOT_CONTROL_DURATION; break;
	case IOT_FORM_DT_COLOR:
		spec->type = IOT_CONTROL_COLOR;
		spec->no_alpha = TRUE;
		break;
	case IOT_FORM_DT_COLOR_ALPHA:
		spec->type = IOT_CONTROL_COLOR;
		spec->alpha = TRUE;
		break;
	default: break;
	}
}

static gboolean
is_list(const IotFormField *f)
{
	return f->type == IOT_FORM_FIELD_LIST_SINGLE || f->type == IOT_FORM_FIELD_LIST_MULTI;
}

static gboolean
is_jid(const IotFormField *f)
{
	return f->type == IOT_FORM_FIELD_JID_SINGLE || f->type == IOT_FORM_FIELD_JID_MULTI;
}

/* --- validation --------------------------------------------------------------- */

/* TRUE unless @value is sure not to match @pattern. The pattern is a thing's:
 * it is matched whole (XEP-0122 regexes describe the entire value), with a
 * PCRE match limit so that a catastrophic pattern ends quickly; a pattern
 * that does not compile or a match that hits the limit proves nothing. */
static gboolean
regex_allows(const char *pattern, const char *value)
{
	GRegex *alone, *whole;
	GError *error = NULL;
	char *wrapped;
	gboolean ok = TRUE;

	if (strlen(pattern) > IOT_MAX_REGEX_BYTES)
		return TRUE;
	/* Compiled alone first: wrapping "a)|(b" would make a different,
	 * valid pattern. */
	alone = g_regex_new(pattern, 0, 0, NULL);
	if (alone == NULL)
		return TRUE;
	g_regex_unref(alone);
	wrapped = g_strdup_printf("(*LIMIT_MATCH=%d)^(?:%s)\\z", IOT_REGEX_MATCH_LIMIT, pattern);
	whole = g_regex_new(wrapped, 0, 0, NULL);
	g_free(wrapped);
	if (whole == NULL)
		return TRUE;
	if (!g_regex_match_full(whole, value, -1, 0, 0, NULL, &error))
		ok = error != NULL; /* no match fails; a match error proves nothing */
	g_clear_error(&error);
	g_regex_unref(whole);
	return ok;
}

static gboolean
fail(char **message, char *text)
{
	if (message)
		*message = text;
	else
		g_free(text);
	return FALSE;
}

gboolean
iot_dataform_validate_value(const IotFormField *field, const char *value, char **message)
{
	IotValueSpec spec;
	char *caption, *canonical, *range;
	gboolean ok = TRUE;

	g_return_val_if_fail(field != NULL && value != NULL, FALSE);
	if (message)
		*message = NULL;
	iot_dataform_field_spec(field, &spec);
	caption = iot_form_field_caption(field);
	spec.label = caption;

	canonical = iot_value_canonical(spec.type, value);
	if (canonical == NULL) {
		GError *error = NULL;
		char *lenient = iot_value_parse(&spec, value, &error);

		if (error != NULL) {
			ok = fail(message, g_strdup(error->message));
			g_error_free(error);
		} else {
			/* TRANSLATORS: "Setpoint: “+21” is not written the way the thing
			 * expects (21)." */
			ok = fail(message, g_strdup_printf(_("%s: “%s” is not written the way the "
			                                     "thing expects (%s)."),
			                                   caption, value, lenient));
		}
		g_free(lenient);
		goto out;
	}
	if ((spec.no_alpha && strlen(canonical) != 6) || (spec.alpha && strlen(canonical) != 8)) {
		/* xdc:Color takes no alpha, xdc:ColorAlpha needs it: the
		 * parser's sentence says which. */
		GError *error = NULL;
		char *again = iot_value_parse(&spec, value, &error);

		g_free(again);
		ok = fail(message, g_strdup(error ? error->message : ""));
		g_clear_error(&error);
		goto out;
	}
	if (field->datatype == IOT_FORM_DT_BYTE || field->datatype == IOT_FORM_DT_SHORT) {
		gint64 bound = field->datatype == IOT_FORM_DT_BYTE ? 128 : 32768;
		gint64 v = g_ascii_strtoll(canonical, NULL, 10);

		if (v < -bound || v > bound - 1) {
			ok = fail(message, iot_value_integer_bounds_message(caption, -bound, bound - 1));
			goto out;
		}
	}
	range = iot_value_check_range(&spec, canonical);
	if (range != NULL) {
		ok = fail(message, range);
		goto out;
	}
	if (field->regex != NULL && !regex_allows(field->regex, value)) {
		/* TRANSLATORS: "Serial does not have the form the thing asks for." */
		ok = fail(message, g_strdup_printf(_("%s does not have the form the thing asks for."),
		                                   caption));
		goto out;
	}
	if (is_list(field) && !field->open && field->options->len > 0) {
		guint i;
		gboolean offered = FALSE;

		for (i = 0; i < field->options->len && !offered; i++)
			offered = strcmp(((IotFormOption *)g_ptr_array_index(field->options, i))->value,
			                 value) == 0;
		if (!offered) {
			ok = fail(message,
			          /* TRANSLATORS: "Mode must be one of the offered choices." */
			          g_strdup_printf(_("%s must be one of the offered choices."), caption));
			goto out;
		}
	}
	if (is_jid(field)) {
		/* RFC 7622 forbids blanks in every part; iot_jid_bare() checks the rest. */
		char *bare = strpbrk(value, " \t\r\n") ? NULL : iot_jid_bare(value);

		if (bare == NULL)
			/* TRANSLATORS: "Owner must be an address like name@example.org." */
			ok = fail(message, g_strdup_printf(_("%s must be an address like "
			                                     "name@example.org."),
			                                   caption));
		g_free(bare);
	}
out:
	g_free(canonical);
	g_free(caption);
	return ok;
}

gboolean
iot_dataform_validate_field(const IotFormField *field, char **message)
{
	guint i, n = 0;
	char *caption;

	g_return_val_if_fail(field != NULL, FALSE);
	if (message)
		*message = NULL;
	if (field->type == IOT_FORM_FIELD_FIXED || field->type == IOT_FORM_FIELD_HIDDEN)
		return TRUE;
	for (i = 0; i < field->values->len; i++)
		if (*(char *)g_ptr_array_index(field->values, i) != '\0')
			n++;
	caption = iot_form_field_caption(field);
	/* A boolean without a value is false (XEP-0004 §3.3): it always has one. */
	if (field->required && n == 0 && field->type != IOT_FORM_FIELD_BOOLEAN) {
		/* TRANSLATORS: "Setpoint is required." */
		char *msg = g_strdup_printf(_("%s is required."), caption);

		g_free(caption);
		return fail(message, msg);
	}
	if (field->type == IOT_FORM_FIELD_LIST_MULTI &&
	    ((field->list_min > 0 && n < field->list_min) ||
	     (field->list_max > 0 && n > field->list_max))) {
		char *msg;

		if (field->list_min > 0 && field->list_max > 0)
			/* TRANSLATORS: "Days: choose from 1 to 3." */
			msg = g_strdup_printf(_("%s: choose from %u to %u."), caption, field->list_min,
			                      field->list_max);
		else if (field->list_min > 0)
			/* TRANSLATORS: "Days: choose at least 1." */
			msg = g_strdup_printf(_("%s: choose at least %u."), caption, field->list_min);
		else
			/* TRANSLATORS: "Days: choose at most 3." */
			msg = g_strdup_printf(_("%s: choose at most %u."), caption, field->list_max);
		g_free(caption);
		return fail(message, msg);
	}
	g_free(caption);
	for (i = 0; i < field->values->len; i++) {
		const char *v = g_ptr_array_index(field->values, i);

		/* An empty value of a field that is not required means "none". */
		if (*v == '\0' && field->type != IOT_FORM_FIELD_BOOLEAN)
			continue;
		if (!iot_dataform_validate_value(field, v, message))
			return FALSE;
	}
	return TRUE;
}

IotFormField *
iot_dataform_validate(const IotDataForm *form, char **message)
{
	guint i;

	g_return_val_if_fail(form != NULL, NULL);
	if (message)
		*message = NULL;
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->read_only)
			continue;
		if (!iot_dataform_validate_field(f, message))
			return f;
	}
	return NULL;
}

char *
iot_dataform_parse_input(const IotFormField *field, const char *input, GError **error)
{
	IotValueSpec spec;
	char *caption, *wire = NULL, *message = NULL;
	guint i;

	g_return_val_if_fail(field != NULL && input != NULL, NULL);
	caption = iot_form_field_caption(field);
	iot_dataform_field_spec(field, &spec);
	spec.label = caption;
	/* A choice may be typed by its label ("Economy" for "Eco"). */
	for (i = 0; is_list(field) && i < field->options->len && wire == NULL; i++) {
		IotFormOption *o = g_ptr_array_index(field->options, i);

		if (strcmp(o->value, input) == 0 ||
		    (o->label != NULL && g_utf8_collate(o->label, input) == 0))
			wire = g_strdup(o->value);
	}
	for (i = 0; is_list(field) && i < field->options->len && wire == NULL; i++) {
		IotFormOption *o = g_ptr_array_index(field->options, i);
		char *a = g_utf8_casefold(input, -1), *b = g_utf8_casefold(o->value, -1);
		char *c = o->label ? g_utf8_casefold(o->label, -1) : NULL;

		if (strcmp(a, b) == 0 || (c != NULL && strcmp(a, c) == 0))
			wire = g_strdup(o->value);
		g_free(a);
		g_free(b);
		g_free(c);
	}
	if (wire == NULL)
		wire = iot_value_parse(&spec, input, error);
	if (wire != NULL && !iot_dataform_validate_value(field, wire, &message)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, message);
		g_free(message);
		g_clear_pointer(&wire, g_free);
	}
	g_free(caption);
	return wire;
}

/* --- values, edits, what changed --------------------------------------------- */

static char **
values_strv(const GPtrArray *values)
{
	char **v = g_new0(char *, values->len + 1);
	guint i;

	for (i = 0; i < values->len; i++)
		v[i] = g_strdup(g_ptr_array_index(values, i));
	return v;
}

IotFormValues *
iot_dataform_snapshot(const IotDataForm *form)
{
	IotFormValues *s;
	guint i;

	g_return_val_if_fail(form != NULL, NULL);
	s = g_new0(IotFormValues, 1);
	s->by_var = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->var != NULL)
			g_hash_table_replace(s->by_var, g_strdup(f->var), values_strv(f->values));
	}
	return s;
}

void
iot_form_values_free(IotFormValues *values)
{
	if (values == NULL)
		return;
	g_hash_table_destroy(values->by_var);
	g_free(values);
}

static char **
strv_bounded(const char *const *values)
{
	GPtrArray *v = g_ptr_array_new();

	for (; values != NULL && *values != NULL && v->len < IOT_MAX_FORM_VALUES; values++)
		g_ptr_array_add(v, g_strdup(*values));
	g_ptr_array_add(v, NULL);
	return (char **)g_ptr_array_free(v, FALSE);
}

IotFormValues *
iot_form_values_copy(const IotFormValues *values)
{
	IotFormValues *c;
	GHashTableIter it;
	gpointer var, v;

	g_return_val_if_fail(values != NULL, NULL);
	c = g_new0(IotFormValues, 1);
	c->by_var = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
	g_hash_table_iter_init(&it, values->by_var);
	while (g_hash_table_iter_next(&it, &var, &v))
		g_hash_table_replace(c->by_var, g_strdup(var), g_strdupv(v));
	return c;
}

void
iot_form_values_set(IotFormValues *values, const char *var, const char *const *new_values)
{
	g_return_if_fail(values != NULL && var != NULL);
	g_hash_table_replace(values->by_var, g_strdup(var), strv_bounded(new_values));
}

const char *const *
iot_form_values_get(const IotFormValues *values, const char *var)
{
	g_return_val_if_fail(values != NULL, NULL);
	return var ? g_hash_table_lookup(values->by_var, var) : NULL;
}

static void
replace_values(IotFormField *f, const char *const *values)
{
	g_ptr_array_set_size(f->values, 0);
	for (; values != NULL && *values != NULL; values++)
		if (f->values->len < IOT_MAX_FORM_VALUES)
			g_ptr_array_add(f->values, g_strdup(*values));
}

gboolean
iot_dataform_set_values(IotDataForm *form, const char *var, const char *const *values)
{
	IotFormField *f;

	g_return_val_if_fail(form != NULL, FALSE);
	f = iot_dataform_find(form, var);
	if (f == NULL || f->type == IOT_FORM_FIELD_FIXED || f->read_only)
		return FALSE;
	replace_values(f, values);
	f->edited = TRUE;
	/* XEP-0336 §3.5: once the person edits, the field's error is stale. */
	g_clear_pointer(&f->error, g_free);
	return TRUE;
}

gboolean
iot_dataform_set_value(IotDataForm *form, const char *var, const char *value)
{
	const char *values[] = { value, NULL };

	return iot_dataform_set_values(form, var, value ? values : NULL);
}

void
iot_dataform_revert(IotDataForm *form, const IotFormValues *snapshot)
{
	guint i;

	g_return_if_fail(form != NULL && snapshot != NULL);
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);
		const char *const *v = iot_form_values_get(snapshot, f->var);

		if (f->var != NULL && g_hash_table_contains(snapshot->by_var, f->var))
			replace_values(f, v);
		f->edited = FALSE;
	}
}

/* Two values of @spec's type are the same when they mean the same ("20.0"
 * and "20", "1" and "true"); values that do not parse compare as text. */
static gboolean
same_value(const IotValueSpec *spec, const char *a, const char *b)
{
	int cmp;

	if (strcmp(a, b) == 0)
		return TRUE;
	if (spec->type == IOT_CONTROL_STRING || spec->type == IOT_CONTROL_ENUM)
		return FALSE;
	return iot_value_compare(spec->type, a, b, &cmp) && cmp == 0;
}

gboolean
iot_dataform_field_changed(const IotFormField *field, const IotFormValues *original)
{
	static const char *const boolean_default[] = { "false", NULL };
	const char *const *orig;
	const char *const *now;
	IotValueSpec spec;
	guint i, n_orig;
	gboolean changed = FALSE;

	g_return_val_if_fail(field != NULL && original != NULL, FALSE);
	if (field->var == NULL || field->type == IOT_FORM_FIELD_FIXED ||
	    field->type == IOT_FORM_FIELD_HIDDEN)
		return FALSE;
	if (field->not_same && field->edited)
		return TRUE;
	orig = iot_form_values_get(original, field->var);
	/* A field the thing added after the snapshot (a post-back's new form)
	 * has no value of the thing's to differ from: what it shows is the
	 * thing's own until the person edits it. */
	if (orig == NULL)
		return field->edited;
	iot_dataform_field_spec(field, &spec);
	now = (const char *const *)field->values->pdata;
	n_orig = g_strv_length((char **)orig);
	/* XEP-0004 §3.3: a boolean without a value is false. */
	if (field->type == IOT_FORM_FIELD_BOOLEAN && n_orig == 0) {
		orig = boolean_default;
		n_orig = 1;
	}
	if (field->type == IOT_FORM_FIELD_BOOLEAN && field->values->len == 0)
		return !same_value(&spec, orig[0], "false") || n_orig != 1;
	if (n_orig != field->values->len)
		return TRUE;
	for (i = 0; i < n_orig && !changed; i++)
		changed = !same_value(&spec, orig[i], now[i]);
	return changed;
}

GPtrArray *
iot_dataform_changed(const IotDataForm *form, const IotFormValues *original)
{
	GPtrArray *out;
	guint i;

	g_return_val_if_fail(form != NULL && original != NULL, NULL);
	out = g_ptr_array_new();
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (iot_dataform_field_changed(f, original))
			g_ptr_array_add(out, f);
	}
	return out;
}

/* --- building ------------------------------------------------------------------- */

static void
add_values(xmlNode *field, const GPtrArray *values)
{
	guint i;

	for (i = 0; i < values->len; i++) {
		const char *v = g_ptr_array_index(values, i);

		/* Never write what would not parse back (control characters). */
		if (iot_xml_is_valid_text(v))
			iot_xml_set_text(iot_xml_add(field, "value"), v);
	}
}

static xmlNode *
submit_field(xmlNode *x, const IotFormField *f)
{
	xmlNode *n = iot_xml_add(x, "field");

	iot_xml_set(n, "var", f->var);
	iot_xml_set(n, "type", iot_form_field_type_name(f->type));
	add_values(n, f->values);
	return n;
}

xmlNode *
iot_dataform_build_submit(const IotDataForm *form, const IotFormValues *original,
                          guint *n_changed)
{
	xmlNode *x;
	IotFormField *session;
	GPtrArray *changed;
	guint i;

	g_return_val_if_fail(form != NULL && original != NULL, NULL);
	x = iot_xml_new("x", IOT_NS_XDATA);
	iot_xml_set(x, "type", "submit");
	/* The session goes back as it came (XEP-0336 §3.1), first, as in
	 * XEP-0325's own example. */
	session = iot_dataform_find(form, IOT_DATAFORM_SESSION_VAR);
	if (session != NULL && session->type == IOT_FORM_FIELD_HIDDEN)
		submit_field(x, session);
	changed = iot_dataform_changed(form, original);
	for (i = 0; i < changed->len; i++)
		submit_field(x, g_ptr_array_index(changed, i));
	if (n_changed)
		*n_changed = changed->len;
	g_ptr_array_unref(changed);
	return x;
}

typedef struct {
	xmlNs *xdv, *xdl, *xdd, *xdc;
	IotGeneration gen;
} BuildNs;

static xmlNode *
ns_child(xmlNode *parent, xmlNs *ns, const char *name)
{
	return xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
}

static void
build_section(const BuildNs *b, xmlNode *parent, const IotFormSection *s, const char *element)
{
	xmlNode *n = ns_child(parent, b->xdl, element);
	guint i;

	iot_xml_set(n, "label", s->label);
	for (i = 0; i < s->items->len; i++) {
		const IotLayoutItem *it = g_ptr_array_index(s->items, i);

		if (it->kind == IOT_LAYOUT_TEXT && iot_xml_is_valid_text(it->text))
			iot_xml_set_text(ns_child(n, b->xdl, "text"), it->text);
		else if (it->kind == IOT_LAYOUT_FIELD)
			iot_xml_set(ns_child(n, b->xdl, "fieldref"), "var", it->text);
		else if (it->kind == IOT_LAYOUT_SECTION && it->section != NULL)
			build_section(b, n, it->section, "section");
	}
}

static const char *
datatype_name(IotFormDatatype dt)
{
	static const char *const names[] = {
		[IOT_FORM_DT_STRING] = "xs:string",       [IOT_FORM_DT_BOOLEAN] = "xs:boolean",
		[IOT_FORM_DT_BYTE] = "xs:byte",           [IOT_FORM_DT_SHORT] = "xs:short",
		[IOT_FORM_DT_INT] = "xs:int",             [IOT_FORM_DT_LONG] = "xs:long",
		[IOT_FORM_DT_INTEGER] = "xs:integer",     [IOT_FORM_DT_DOUBLE] = "xs:double",
		[IOT_FORM_DT_DATE] = "xs:date",           [IOT_FORM_DT_DATETIME] = "xs:dateTime",
		[IOT_FORM_DT_TIME] = "xs:time",           [IOT_FORM_DT_DURATION] = "xs:duration",
		[IOT_FORM_DT_COLOR] = "xdc:Color",        [IOT_FORM_DT_COLOR_ALPHA] = "xdc:ColorAlpha",
	};

	return (guint)dt < G_N_ELEMENTS(names) ? names[dt] : "xs:string";
}

static void
build_validate(const BuildNs *b, xmlNode *field, const IotFormField *f)
{
	xmlNode *v = ns_child(field, b->xdv, "validate");

	iot_xml_set(v, "datatype", datatype_name(f->datatype));
	if (f->open)
		ns_child(v, b->xdv, "open");
	if (f->min != NULL || f->max != NULL) {
		xmlNode *r = ns_child(v, b->xdv, "range");

		iot_xml_set(r, "min", f->min);
		iot_xml_set(r, "max", f->max);
	}
	if (f->regex != NULL)
		iot_xml_set_text(ns_child(v, b->xdv, "regex"), f->regex);
	if (!f->open && f->min == NULL && f->max == NULL && f->regex == NULL)
		ns_child(v, b->xdv, "basic");
	if (f->list_min > 0 || f->list_max > 0) {
		xmlNode *r = ns_child(v, b->xdv, "list-range");
		char *lo = f->list_min ? g_strdup_printf("%u", f->list_min) : NULL;
		char *hi = f->list_max ? g_strdup_printf("%u", f->list_max) : NULL;

		iot_xml_set(r, "min", lo);
		iot_xml_set(r, "max", hi);
		g_free(lo);
		g_free(hi);
	}
}

static void
build_field(const BuildNs *b, xmlNode *x, const IotFormField *f)
{
	xmlNode *n = iot_xml_add(x, "field");
	guint i;

	iot_xml_set(n, "var", f->var);
	iot_xml_set(n, "type", iot_form_field_type_name(f->type));
	iot_xml_set(n, "label", f->label);
	if (f->desc != NULL)
		iot_xml_set_text(iot_xml_add(n, "desc"), f->desc);
	if (f->required)
		iot_xml_add(n, "required");
	add_values(n, f->values);
	for (i = 0; i < f->options->len; i++) {
		const IotFormOption *o = g_ptr_array_index(f->options, i);
		xmlNode *on = iot_xml_add(n, "option");

		iot_xml_set(on, "label", o->label);
		iot_xml_set_text(iot_xml_add(on, "value"), o->value);
	}
	if (f->validated)
		build_validate(b, n, f);
	if (f->post_back)
		ns_child(n, b->xdd, "postBack");
	if (f->read_only)
		ns_child(n, b->xdd, "readOnly");
	if (f->not_same)
		ns_child(n, b->xdd, "notSame");
	if (f->error != NULL)
		iot_xml_set_text(ns_child(n, b->xdd, "error"), f->error);
	if (f->group != NULL && iot_ns_for(b->gen, IOT_FUNC_CONTROL) != NULL) {
		gboolean nf = iot_generation_is_short(b->gen);
		xmlNode *g = iot_xml_new(nf ? "pGroup" : "parameterGroup",
		                         iot_ns_for(b->gen, IOT_FUNC_CONTROL));

		iot_xml_set(g, nf ? "n" : "name", f->group);
		xmlAddChild(n, g);
	}
}

xmlNode *
iot_dataform_build(const IotDataForm *form, IotGeneration gen)
{
	static const char *const type_names[] = { "form", "submit", "cancel", "result" };
	BuildNs b = { 0 };
	xmlNode *x;
	guint i;

	g_return_val_if_fail(form != NULL, NULL);
	x = iot_xml_new("x", IOT_NS_XDATA);
	iot_xml_set(x, "type", type_names[form->type <= IOT_FORM_RESULT ? form->type : 0]);
	/* The prefixes XEP-0122, XEP-0141, XEP-0336 and XEP-0331 recommend,
	 * declared once on the form as XEP-0122 §5.2 suggests. */
	b.xdv = xmlNewNs(x, (const xmlChar *)IOT_NS_XDATA_VALIDATE, (const xmlChar *)"xdv");
	b.xdl = xmlNewNs(x, (const xmlChar *)IOT_NS_XDATA_LAYOUT, (const xmlChar *)"xdl");
	b.xdd = xmlNewNs(x, (const xmlChar *)IOT_NS_XDATA_DYNAMIC, (const xmlChar *)"xdd");
	b.xdc = xmlNewNs(x, (const xmlChar *)IOT_NS_XDATA_COLOR, (const xmlChar *)"xdc");
	b.gen = gen;
	if (form->title != NULL)
		iot_xml_set_text(iot_xml_add(x, "title"), form->title);
	if (form->instructions != NULL) {
		char **lines = g_strsplit(form->instructions, "\n", -1);
		char **l;

		/* XEP-0004 §3.1: instructions carry no newlines; one element per line. */
		for (l = lines; *l != NULL; l++)
			iot_xml_set_text(iot_xml_add(x, "instructions"), *l);
		g_strfreev(lines);
	}
	for (i = 0; i < form->pages->len; i++) {
		const IotFormSection *p = g_ptr_array_index(form->pages, i);

		if (!p->is_default)
			build_section(&b, x, p, "page");
	}
	for (i = 0; i < form->fields->len; i++)
		build_field(&b, x, g_ptr_array_index(form->fields, i));
	return x;
}
