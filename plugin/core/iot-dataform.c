/* iot-dataform.c — the data form model and its parser. See iot-dataform.h.
 * Validation, editing and building live in iot-dataform-edit.c. */
#include "iot-dataform.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define XS_NS "http://www.w3.org/2001/XMLSchema"

static const char *const field_type_names[IOT_FORM_FIELD_TYPE_COUNT] = {
	[IOT_FORM_FIELD_TEXT_SINGLE] = "text-single", [IOT_FORM_FIELD_BOOLEAN] = "boolean",
	[IOT_FORM_FIELD_FIXED] = "fixed",             [IOT_FORM_FIELD_HIDDEN] = "hidden",
	[IOT_FORM_FIELD_JID_MULTI] = "jid-multi",     [IOT_FORM_FIELD_JID_SINGLE] = "jid-single",
	[IOT_FORM_FIELD_LIST_MULTI] = "list-multi",   [IOT_FORM_FIELD_LIST_SINGLE] = "list-single",
	[IOT_FORM_FIELD_TEXT_MULTI] = "text-multi",   [IOT_FORM_FIELD_TEXT_PRIVATE] = "text-private",
};

const char *
iot_form_field_type_name(IotFormFieldType t)
{
	return (guint)t < IOT_FORM_FIELD_TYPE_COUNT ? field_type_names[t] : "text-single";
}

static IotFormFieldType
field_type_from_name(const char *name)
{
	guint i;

	for (i = 0; name != NULL && i < IOT_FORM_FIELD_TYPE_COUNT; i++)
		if (strcmp(name, field_type_names[i]) == 0)
			return (IotFormFieldType)i;
	/* XEP-0004 §3.3: absent or unknown types are text-single. */
	return IOT_FORM_FIELD_TEXT_SINGLE;
}

/* --- model ----------------------------------------------------------------- */

static void
option_free(gpointer data)
{
	IotFormOption *o = data;

	g_free(o->label);
	g_free(o->value);
	g_free(o);
}

IotFormField *
iot_form_field_new(IotFormFieldType type, const char *var)
{
	IotFormField *f = g_new0(IotFormField, 1);

	f->type = type;
	f->var = g_strdup(var);
	f->values = g_ptr_array_new_with_free_func(g_free);
	f->options = g_ptr_array_new_with_free_func(option_free);
	return f;
}

void
iot_form_field_free(IotFormField *f)
{
	if (f == NULL)
		return;
	g_free(f->var);
	g_free(f->label);
	g_free(f->desc);
	g_ptr_array_unref(f->values);
	g_ptr_array_unref(f->options);
	g_free(f->datatype_name);
	g_free(f->min);
	g_free(f->max);
	g_free(f->regex);
	g_free(f->error);
	g_free(f->group);
	g_free(f->unit);
	g_free(f);
}

char *
iot_form_field_values_text(const IotFormField *field)
{
	GString *text = g_string_new(NULL);
	guint v;

	for (v = 0; v < field->values->len; v++)
		g_string_append_printf(text, "%s%s", v ? "\n" : "",
		                       (const char *)g_ptr_array_index(field->values, v));
	return g_string_free(text, FALSE);
}

static void section_free(IotFormSection *s);

static void
layout_item_free(gpointer data)
{
	IotLayoutItem *it = data;

	g_free(it->text);
	section_free(it->section);
	g_free(it);
}

static IotFormSection *
section_new(const char *label)
{
	IotFormSection *s = g_new0(IotFormSection, 1);

	s->label = g_strdup(label);
	s->items = g_ptr_array_new_with_free_func(layout_item_free);
	return s;
}

static void
section_free(IotFormSection *s)
{
	if (s == NULL)
		return;
	g_free(s->label);
	g_ptr_array_unref(s->items);
	g_free(s);
}

static void
add_item(IotFormSection *s, IotLayoutKind kind, const char *text, IotFormSection *sub)
{
	IotLayoutItem *it = g_new0(IotLayoutItem, 1);

	it->kind = kind;
	it->text = g_strdup(text);
	it->section = sub;
	g_ptr_array_add(s->items, it);
}

IotDataForm *
iot_dataform_new(IotFormType type)
{
	IotDataForm *f = g_new0(IotDataForm, 1);

	f->type = type;
	f->fields = g_ptr_array_new_with_free_func((GDestroyNotify)iot_form_field_free);
	f->pages = g_ptr_array_new_with_free_func((GDestroyNotify)section_free);
	f->notes = g_ptr_array_new_with_free_func(g_free);
	return f;
}

void
iot_dataform_free(IotDataForm *f)
{
	if (f == NULL)
		return;
	g_free(f->title);
	g_free(f->instructions);
	g_ptr_array_unref(f->fields);
	g_ptr_array_unref(f->pages);
	g_ptr_array_unref(f->notes);
	g_free(f);
}

IotFormField *
iot_dataform_find(const IotDataForm *form, const char *var)
{
	guint i;

	g_return_val_if_fail(form != NULL, NULL);
	if (var == NULL)
		return NULL;
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->var != NULL && strcmp(f->var, var) == 0)
			return f;
	}
	return NULL;
}

gboolean
iot_dataform_add_field(IotDataForm *form, IotFormField *field)
{
	IotFormSection *page = NULL;

	g_return_val_if_fail(form != NULL && field != NULL, FALSE);
	if (field->var != NULL && iot_dataform_find(form, field->var) != NULL) {
		iot_form_field_free(field);
		return FALSE;
	}
	g_ptr_array_add(form->fields, field);
	if (field->type == IOT_FORM_FIELD_HIDDEN || field->var == NULL)
		return TRUE;
	if (form->pages->len > 0) {
		page = g_ptr_array_index(form->pages, form->pages->len - 1);
		if (!page->is_default)
			page = NULL;
	}
	if (page == NULL) {
		page = section_new(NULL);
		page->is_default = TRUE;
		g_ptr_array_add(form->pages, page);
	}
	add_item(page, IOT_LAYOUT_FIELD, field->var, NULL);
	return TRUE;
}

const char *
iot_form_field_value(const IotFormField *field)
{
	g_return_val_if_fail(field != NULL, NULL);
	return field->values->len > 0 ? g_ptr_array_index(field->values, 0) : NULL;
}

const char *
iot_dataform_session(const IotDataForm *form)
{
	IotFormField *f = iot_dataform_find(form, IOT_DATAFORM_SESSION_VAR);

	return (f != NULL && f->type == IOT_FORM_FIELD_HIDDEN) ? iot_form_field_value(f) : NULL;
}

char *
iot_form_field_caption(const IotFormField *field)
{
	char *s;

	g_return_val_if_fail(field != NULL, NULL);
	if (field->label == NULL || *field->label == '\0')
		return g_strdup(field->var ? field->var : "");
	/* Labels are written for a form ("Fade Time (ms):"); in a sentence the
	 * colon is in the way. */
	s = g_strstrip(g_strdup(field->label));
	while (*s != '\0' && (s[strlen(s) - 1] == ':' || s[strlen(s) - 1] == ' '))
		s[strlen(s) - 1] = '\0';
	if (*s == '\0') {
		g_free(s);
		return g_strdup(field->var ? field->var : "");
	}
	return s;
}

/* --- parsing ----------------------------------------------------------------- */

typedef struct {
	IotDataForm *form;
	GHashTable *by_var;     /* var → IotFormField (borrowed) */
	GHashTable *referenced; /* var → itself: placed on a page already */
	guint layout_items;
	gboolean texts_cut, values_cut, layout_deep, layout_big, unnamed;
} Ctx;

static void
add_note(IotDataForm *form, char *note)
{
	if (form->notes->len < IOT_MAX_NOTES)
		g_ptr_array_add(form->notes, note);
	else {
		form->notes_dropped++;
		g_free(note);
	}
}

/* Returns: (transfer full) (nullable): the bounded text of @n. */
static char *
label_text(Ctx *ctx, const xmlNode *n)
{
	gboolean cut = FALSE;
	char *t = iot_xml_text(n, IOT_MAX_LABEL_BYTES, &cut);

	if (cut)
		ctx->texts_cut = TRUE;
	if (t != NULL && !g_utf8_validate(t, -1, NULL)) {
		g_free(t);
		return NULL;
	}
	/* Pretty-printed forms indent their texts; the blanks mean nothing. */
	return t != NULL ? g_strstrip(t) : NULL;
}

static char *
label_attr(Ctx *ctx, const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);
	gsize len;

	if (v == NULL || !g_utf8_validate(v, -1, NULL))
		return NULL;
	len = strlen(v);
	if (len > IOT_MAX_LABEL_BYTES) {
		const char *end = v + IOT_MAX_LABEL_BYTES;

		ctx->texts_cut = TRUE;
		end = g_utf8_find_prev_char(v, end + 1);
		return g_strndup(v, (gsize)(end - v));
	}
	return g_strdup(v);
}

/* An element of the form itself (jabber:x:data or, from sloppy writers, no
 * namespace at all). */
static gboolean
xdata_is(const xmlNode *n, const char *name)
{
	const char *ns = iot_xml_ns(n);

	return iot_xml_is(n, name, NULL) && (ns == NULL || strcmp(ns, IOT_NS_XDATA) == 0);
}

gboolean
iot_dataform_is_dynamic_ns(const char *ns)
{
	return ns != NULL &&
	       (strcmp(ns, IOT_NS_XDATA_DYNAMIC) == 0 || strcmp(ns, IOT_NS_XDATA_DYNAMIC_OLD) == 0);
}

static gboolean
dynamic_is(const xmlNode *n, const char *name)
{
	return iot_xml_is(n, name, NULL) && iot_dataform_is_dynamic_ns(iot_xml_ns(n));
}

static IotFormDatatype
datatype_of(const xmlNode *validate, const char *name)
{
	static const struct {
		const char *local;
		IotFormDatatype dt;
	} xs_types[] = {
		{ "string", IOT_FORM_DT_STRING },     { "boolean", IOT_FORM_DT_BOOLEAN },
		{ "byte", IOT_FORM_DT_BYTE },         { "short", IOT_FORM_DT_SHORT },
		{ "int", IOT_FORM_DT_INT },           { "long", IOT_FORM_DT_LONG },
		{ "integer", IOT_FORM_DT_INTEGER },   { "double", IOT_FORM_DT_DOUBLE },
		{ "decimal", IOT_FORM_DT_DOUBLE },    { "float", IOT_FORM_DT_DOUBLE },
		{ "date", IOT_FORM_DT_DATE },         { "dateTime", IOT_FORM_DT_DATETIME },
		{ "time", IOT_FORM_DT_TIME },         { "duration", IOT_FORM_DT_DURATION },
	};
	const char *colon, *local;
	const char *href = NULL;
	char *prefix;
	xmlNs *ns;
	guint i;

	if (name == NULL)
		return IOT_FORM_DT_STRING; /* XEP-0122 §3.1: the default */
	colon = strchr(name, ':');
	if (colon == NULL)
		return IOT_FORM_DT_STRING;
	local = colon + 1;
	prefix = g_strndup(name, (gsize)(colon - name));
	/* The prefix means what the form binds it to (any prefix may name
	 * XEP-0331's namespace); unbound, "xs" and "xdc" keep the meaning the
	 * XEPs give them, as most things never declare them. */
	ns = xmlSearchNs(validate->doc, (xmlNode *)validate, (const xmlChar *)prefix);
	if (ns != NULL && ns->href != NULL)
		href = (const char *)ns->href;
	if ((href != NULL && strcmp(href, IOT_NS_XDATA_COLOR) == 0) ||
	    (href == NULL && strcmp(prefix, "xdc") == 0)) {
		g_free(prefix);
		/* Waher's IoTGateway writes xdc:color / xdc:colorAlpha. */
		if (g_ascii_strcasecmp(local, "Color") == 0)
			return IOT_FORM_DT_COLOR;
		if (g_ascii_strcasecmp(local, "ColorAlpha") == 0)
			return IOT_FORM_DT_COLOR_ALPHA;
		return IOT_FORM_DT_STRING;
	}
	if ((href != NULL && strcmp(href, XS_NS) == 0) || strcmp(prefix, "xs") == 0) {
		g_free(prefix);
		for (i = 0; i < G_N_ELEMENTS(xs_types); i++)
			if (strcmp(local, xs_types[i].local) == 0)
				return xs_types[i].dt;
		return IOT_FORM_DT_STRING;
	}
	g_free(prefix);
	return IOT_FORM_DT_STRING;
}

static char *
bounded_attr(const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);

	if (v == NULL || strlen(v) > IOT_MAX_NAME_BYTES || !g_utf8_validate(v, -1, NULL))
		return NULL;
	return g_strdup(v);
}

static guint
count_attr(const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);
	guint64 u;

	if (v == NULL || !g_ascii_string_to_unsigned(v, 10, 1, G_MAXUINT, &u, NULL))
		return 0;
	return (guint)u;
}

static void
parse_validate(Ctx *ctx, IotFormField *f, const xmlNode *v)
{
	const xmlNode *c;

	f->validated = TRUE;
	f->datatype_name = bounded_attr(v, "datatype");
	f->datatype = datatype_of(v, iot_xml_attr(v, "datatype"));
	/* Methods by local name: XEP-0122 §5.2 itself shows <basic/> left in
	 * the form's default namespace. More than one method is against the
	 * XEP; we keep what each says, which is the safe reading. */
	for (c = iot_xml_first(v); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "open", NULL)) {
			f->open = TRUE;
		} else if (iot_xml_is(c, "range", NULL) && f->min == NULL && f->max == NULL) {
			f->min = bounded_attr(c, "min");
			f->max = bounded_attr(c, "max");
		} else if (iot_xml_is(c, "regex", NULL) && f->regex == NULL) {
			gboolean cut = FALSE;
			char *re = iot_xml_text(c, IOT_MAX_REGEX_BYTES, &cut);

			/* A cut pattern means something else: better none. */
			if (cut || re == NULL || !g_utf8_validate(re, -1, NULL))
				g_free(re);
			else
				f->regex = re;
		} else if (iot_xml_is(c, "list-range", NULL)) {
			f->list_min = count_attr(c, "min");
			f->list_max = count_attr(c, "max");
		}
	}
}

static void
parse_option(Ctx *ctx, IotFormField *f, const xmlNode *o)
{
	IotFormOption *opt;
	const xmlNode *v = NULL, *c;
	gboolean cut = FALSE;
	char *value;

	for (c = iot_xml_first(o); c != NULL && v == NULL; c = iot_xml_next(c))
		if (xdata_is(c, "value"))
			v = c;
	if (v == NULL)
		return; /* XEP-0004 §3.2: an option has exactly one value */
	value = iot_xml_text(v, IOT_MAX_VALUE_BYTES, &cut);
	if (value == NULL || !g_utf8_validate(value, -1, NULL)) {
		g_free(value);
		return;
	}
	if (cut)
		ctx->values_cut = TRUE;
	opt = g_new0(IotFormOption, 1);
	opt->label = label_attr(ctx, o, "label");
	opt->value = value;
	g_ptr_array_add(f->options, opt);
}

static void
parse_value(Ctx *ctx, IotFormField *f, const xmlNode *v)
{
	gboolean cut = FALSE;
	char *value = iot_xml_text(v, IOT_MAX_VALUE_BYTES, &cut);

	if (value == NULL || !g_utf8_validate(value, -1, NULL)) {
		g_free(value);
		return;
	}
	if (cut)
		ctx->values_cut = TRUE;
	g_ptr_array_add(f->values, value);
}

static void
note_cut(Ctx *ctx, const IotFormField *f, const char *fmt, guint bound)
{
	char *name = iot_form_field_caption(f), *clean = iot_format_clean(name, 40);

	add_note(ctx->form, g_strdup_printf(fmt, clean, bound, bound));
	g_free(clean);
	g_free(name);
}

static IotFormField *
parse_field(Ctx *ctx, const xmlNode *n)
{
	IotFormField *f;
	const xmlNode *c;
	const char *var = iot_xml_attr(n, "var");
	IotFormFieldType type = field_type_from_name(iot_xml_attr(n, "type"));
	gboolean values_over = FALSE, options_over = FALSE;

	if (type != IOT_FORM_FIELD_FIXED &&
	    (var == NULL || *var == '\0' || strlen(var) > IOT_MAX_NAME_BYTES ||
	     !iot_xml_is_valid_text(var))) {
		/* XEP-0004 §3.2: var is required for every field but fixed. */
		ctx->unnamed = TRUE;
		return NULL;
	}
	if (var != NULL && (strlen(var) > IOT_MAX_NAME_BYTES || !iot_xml_is_valid_text(var)))
		var = NULL; /* a fixed field needs no name */
	f = iot_form_field_new(type, var != NULL && *var != '\0' ? var : NULL);
	f->label = label_attr(ctx, n, "label");
	for (c = iot_xml_first(n); c != NULL; c = iot_xml_next(c)) {
		const char *ns = iot_xml_ns(c);

		if (xdata_is(c, "value")) {
			if (f->values->len < IOT_MAX_FORM_VALUES)
				parse_value(ctx, f, c);
			else
				values_over = TRUE;
		} else if (xdata_is(c, "option")) {
			if (f->options->len < IOT_MAX_FORM_OPTIONS)
				parse_option(ctx, f, c);
			else
				options_over = TRUE;
		}
		else if (xdata_is(c, "desc") && f->desc == NULL)
			f->desc = label_text(ctx, c);
		else if (xdata_is(c, "required"))
			f->required = TRUE;
		else if (iot_xml_is(c, "validate", NULL) && !f->validated &&
		         (ns == NULL || strcmp(ns, IOT_NS_XDATA_VALIDATE) == 0 ||
		          strcmp(ns, IOT_NS_XDATA) == 0))
			parse_validate(ctx, f, c);
		else if (dynamic_is(c, "postBack"))
			f->post_back = TRUE;
		else if (dynamic_is(c, "readOnly"))
			f->read_only = TRUE;
		else if (dynamic_is(c, "notSame"))
			f->not_same = TRUE;
		else if (dynamic_is(c, "error") && f->error == NULL)
			f->error = label_text(ctx, c);
		else if ((iot_xml_is(c, "parameterGroup", NULL) || iot_xml_is(c, "pGroup", NULL)) &&
		         f->group == NULL && iot_ns_classify(ns, NULL, NULL))
			/* XEP-0325 §6.4 parameterGroup@name; NF pGroup@n (its XSD) or
			 * @name (its own example); v0.1 examples even put it in the
			 * concentrators namespace — any IoT namespace will do. */
			f->group = bounded_attr(c, iot_xml_attr(c, "name") ? "name" : "n");
	}
	if (options_over)
		/* TRANSLATORS: "“Scene” offers more than 1000 choices; only the first
		 * 1000 are shown." */
		note_cut(ctx, f, _("“%s” offers more than %u choices; only the first %u are shown."),
		         IOT_MAX_FORM_OPTIONS);
	if (values_over)
		/* TRANSLATORS: "“Recipients” has more than 1000 values; only the first
		 * 1000 are kept." */
		note_cut(ctx, f, _("“%s” has more than %u values; only the first %u are kept."),
		         IOT_MAX_FORM_VALUES);
	return f;
}

static gboolean
layout_is(const xmlNode *n, const char *name)
{
	/* Children of a page are often written without a prefix in the page's
	 * namespace, or (sloppily) in none: match by local name below a page. */
	return iot_xml_is(n, name, NULL);
}

static gboolean
take_item(Ctx *ctx)
{
	if (ctx->layout_items >= IOT_MAX_FORM_LAYOUT_ITEMS) {
		ctx->layout_big = TRUE;
		return FALSE;
	}
	ctx->layout_items++;
	return TRUE;
}

static void
parse_section(Ctx *ctx, IotFormSection *s, const xmlNode *n, guint depth)
{
	const xmlNode *c;

	for (c = iot_xml_first(n); c != NULL; c = iot_xml_next(c)) {
		if (layout_is(c, "fieldref")) {
			const char *var = iot_xml_attr(c, "var");
			IotFormField *f = var ? g_hash_table_lookup(ctx->by_var, var) : NULL;

			/* A reference to no field (XEP-0325's own example misspells
			 * one), to a hidden field, or a second reference is left out:
			 * each field is shown once, where it was first placed. */
			if (f == NULL || f->type == IOT_FORM_FIELD_HIDDEN ||
			    g_hash_table_contains(ctx->referenced, f->var) || !take_item(ctx))
				continue;
			g_hash_table_add(ctx->referenced, f->var);
			add_item(s, IOT_LAYOUT_FIELD, f->var, NULL);
		} else if (layout_is(c, "text")) {
			char *t = label_text(ctx, c);

			if (t != NULL && *t != '\0' && take_item(ctx))
				add_item(s, IOT_LAYOUT_TEXT, t, NULL);
			g_free(t);
		} else if (layout_is(c, "section")) {
			IotFormSection *sub;

			if (depth >= IOT_MAX_FORM_DEPTH) {
				ctx->layout_deep = TRUE;
				continue;
			}
			if (!take_item(ctx))
				continue;
			sub = section_new(NULL);
			sub->label = label_attr(ctx, c, "label");
			parse_section(ctx, sub, c, depth + 1);
			add_item(s, IOT_LAYOUT_SECTION, NULL, sub);
		}
	}
}

static void
add_default_page(Ctx *ctx, gboolean only_page)
{
	IotDataForm *form = ctx->form;
	IotFormSection *page = section_new(NULL);
	guint i;

	page->is_default = TRUE;
	for (i = 0; i < form->fields->len; i++) {
		IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->type == IOT_FORM_FIELD_HIDDEN)
			continue;
		if (f->var == NULL) {
			/* A fixed text without a name cannot be referenced by a page:
			 * it goes with the other unplaced items, as text. */
			char *text = iot_form_field_values_text(f);

			if (*text != '\0')
				add_item(page, IOT_LAYOUT_TEXT, text, NULL);
			g_free(text);
			continue;
		}
		if (!g_hash_table_contains(ctx->referenced, f->var))
			add_item(page, IOT_LAYOUT_FIELD, f->var, NULL);
	}
	if (page->items->len > 0 || only_page)
		g_ptr_array_add(form->pages, page);
	else
		section_free(page);
}

static IotFormType
form_type_from_name(const char *t)
{
	if (t == NULL)
		return IOT_FORM_FORM;
	if (strcmp(t, "submit") == 0)
		return IOT_FORM_SUBMIT;
	if (strcmp(t, "cancel") == 0)
		return IOT_FORM_CANCEL;
	if (strcmp(t, "result") == 0)
		return IOT_FORM_RESULT;
	return IOT_FORM_FORM;
}

static void
write_notes(Ctx *ctx)
{
	IotDataForm *form = ctx->form;

	if (form->fields_dropped > 0)
		/* TRANSLATORS: "This form has 620 fields; only the first 500 are shown." */
		add_note(form, g_strdup_printf(_("This form has %u fields; only the first %u are shown."),
		                               form->fields->len + form->fields_dropped,
		                               form->fields->len));
	if (ctx->unnamed)
		add_note(form, g_strdup(_("Fields without a name were left out.")));
	if (ctx->texts_cut)
		add_note(form, g_strdup(_("Some texts of this form were too long and were shortened.")));
	if (ctx->values_cut)
		add_note(form, g_strdup(_("Some values of this form were too long and were shortened.")));
	if (ctx->layout_deep || ctx->layout_big)
		add_note(form, g_strdup(_("The layout of this form is too deep or too large; some "
		                          "fields are shown on a page of their own.")));
}

IotDataForm *
iot_dataform_parse(const xmlNode *x, GError **error)
{
	Ctx ctx = { 0 };
	const xmlNode *c;
	gboolean any_page = FALSE;

	if (!iot_xml_is(x, "x", IOT_NS_XDATA)) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a jabber:x:data form");
		return NULL;
	}
	ctx.form = iot_dataform_new(form_type_from_name(iot_xml_attr(x, "type")));
	ctx.by_var = g_hash_table_new(g_str_hash, g_str_equal);
	ctx.referenced = g_hash_table_new(g_str_hash, g_str_equal);

	/* Fields first: pages usually come before the fields they refer to. */
	for (c = iot_xml_first(x); c != NULL; c = iot_xml_next(c)) {
		if (xdata_is(c, "field")) {
			IotFormField *f;

			if (ctx.form->fields->len >= IOT_MAX_FORM_FIELDS) {
				ctx.form->fields_dropped++;
				continue;
			}
			f = parse_field(&ctx, c);
			if (f == NULL)
				continue;
			if (f->var != NULL && g_hash_table_contains(ctx.by_var, f->var)) {
				/* XEP-0004 §3.2: var is unique; a second one would
				 * make "which field did the person edit" ambiguous. */
				char *clean = iot_format_clean(f->var, 40);

				/* TRANSLATORS: "The form names the field “Level” twice; the
				 * second was left out." */
				add_note(ctx.form, g_strdup_printf(_("The form names the field “%s” twice; "
				                                     "the second was left out."),
				                                   clean));
				g_free(clean);
				iot_form_field_free(f);
				continue;
			}
			g_ptr_array_add(ctx.form->fields, f);
			if (f->var != NULL)
				g_hash_table_insert(ctx.by_var, f->var, f);
		} else if (xdata_is(c, "title") && ctx.form->title == NULL) {
			ctx.form->title = label_text(&ctx, c);
		} else if (xdata_is(c, "instructions")) {
			char *t = label_text(&ctx, c);

			if (t != NULL && ctx.form->instructions == NULL)
				ctx.form->instructions = t;
			else if (t != NULL && strlen(ctx.form->instructions) < IOT_MAX_LABEL_BYTES) {
				char *joined = g_strconcat(ctx.form->instructions, "\n", t, NULL);

				if (strlen(joined) > IOT_MAX_LABEL_BYTES) {
					/* The bound holds for all lines together. */
					char *end = g_utf8_find_prev_char(joined, joined + IOT_MAX_LABEL_BYTES + 1);

					*end = '\0';
					ctx.texts_cut = TRUE;
				}
				g_free(ctx.form->instructions);
				ctx.form->instructions = joined;
				g_free(t);
			} else {
				g_free(t);
			}
		}
	}
	for (c = iot_xml_first(x); c != NULL; c = iot_xml_next(c)) {
		IotFormSection *page;

		if (!iot_xml_is(c, "page", IOT_NS_XDATA_LAYOUT))
			continue;
		any_page = TRUE;
		if (!take_item(&ctx))
			continue;
		page = section_new(NULL);
		page->label = label_attr(&ctx, c, "label");
		parse_section(&ctx, page, c, 0);
		g_ptr_array_add(ctx.form->pages, page);
	}
	add_default_page(&ctx, !any_page);
	write_notes(&ctx);
	g_hash_table_destroy(ctx.by_var);
	g_hash_table_destroy(ctx.referenced);
	return ctx.form;
}
