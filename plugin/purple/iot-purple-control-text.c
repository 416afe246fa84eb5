/* iot-purple-control-text.c — a thing's control parameters, and what /control
 * says about them. See iot-purple-control-private.h. */
#include "iot-purple-control-private.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-purple-session.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Names listed when a parameter is unknown; a thing may report thousands. */
#define KNOWN_NAMES_MAX 40
/* Widths of the parameter list, in characters. */
#define NAME_COLUMN_MAX 28
#define RANGE_CHARS_MAX 40
#define VALUE_CHARS_MAX 60
#define ECHO_CHARS_MAX IOT_PURPLE_CONTROL_ECHO_CHARS

void
iot_purple_control_param_free(gpointer data)
{
	IotPurpleControlParam *p = data;

	if (p == NULL)
		return;
	g_free(p->name);
	g_free(p->caption);
	g_free(p->enum_type);
	g_free(p->unit);
	g_free(p->range);
	g_free(p->current);
	g_free(p->before);
	g_free(p);
}

/* --- what the thing takes --------------------------------------------------------- */

static char *
display_wire(IotControlType type, const char *wire)
{
	char *clean;

	if (*wire == '\0')
		return g_strdup("“”");
	if (type == IOT_CONTROL_BOOLEAN && strcmp(wire, "true") == 0)
		return g_strdup(_("true"));
	if (type == IOT_CONTROL_BOOLEAN && strcmp(wire, "false") == 0)
		return g_strdup(_("false"));
	clean = iot_format_clean(wire, ECHO_CHARS_MAX);
	if (type == IOT_CONTROL_COLOR) {
		char *c = g_strconcat("#", clean, NULL);

		g_free(clean);
		return c;
	}
	return clean;
}

static char *
form_range(const IotFormField *f)
{
	char *out, *clean;

	if (f->options->len > 0 &&
	    (f->type == IOT_FORM_FIELD_LIST_SINGLE || f->type == IOT_FORM_FIELD_LIST_MULTI)) {
		GString *s = g_string_new(NULL);
		guint i;

		for (i = 0; i < f->options->len && s->len < 4 * RANGE_CHARS_MAX; i++) {
			IotFormOption *o = g_ptr_array_index(f->options, i);

			if (i > 0)
				g_string_append(s, ", ");
			g_string_append(s, o->value);
		}
		out = g_string_free(s, FALSE);
	} else if (f->min != NULL && f->max != NULL) {
		out = g_strdup_printf("%s … %s", f->min, f->max);
	} else if (f->min != NULL) {
		out = g_strdup_printf("≥ %s", f->min);
	} else if (f->max != NULL) {
		out = g_strdup_printf("≤ %s", f->max);
	} else {
		return NULL;
	}
	clean = iot_format_clean(out, RANGE_CHARS_MAX);
	g_free(out);
	return clean;
}

static char *
form_current(const IotFormField *f, IotControlType type)
{
	GString *s = g_string_new(NULL);
	char *out;
	guint i;

	for (i = 0; i < f->values->len && s->len < 4 * VALUE_CHARS_MAX; i++) {
		const char *v = g_ptr_array_index(f->values, i);
		char *canon = iot_value_canonical(type, v);
		char *shown = display_wire(type, canon != NULL ? canon : v);

		if (i > 0)
			g_string_append(s, ", ");
		g_string_append(s, shown);
		g_free(shown);
		g_free(canon);
	}
	out = iot_format_clean(s->str, VALUE_CHARS_MAX);
	g_string_free(s, TRUE);
	return out;
}

GPtrArray *
iot_purple_control_params_from_form(const IotDataForm *form)
{
	GPtrArray *params = g_ptr_array_new_with_free_func(iot_purple_control_param_free);
	guint i;

	for (i = 0; i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);
		IotPurpleControlParam *p;
		char *caption;

		if (f->var == NULL || f->type == IOT_FORM_FIELD_FIXED || f->type == IOT_FORM_FIELD_HIDDEN)
			continue;
		p = g_new0(IotPurpleControlParam, 1);
		p->name = g_strdup(f->var);
		caption = iot_form_field_caption(f);
		if (strcmp(caption, f->var) != 0 && *caption != '\0')
			p->caption = caption;
		else
			g_free(caption);
		p->type = iot_control_type_for_form_field(f);
		p->range = form_range(f);
		p->current = form_current(f, p->type);
		p->before = g_strdup(iot_form_field_value(f));
		p->read_only = f->read_only;
		p->choice = f->type == IOT_FORM_FIELD_LIST_SINGLE || f->type == IOT_FORM_FIELD_LIST_MULTI;
		p->field = f;
		g_ptr_array_add(params, p);
	}
	return params;
}

GPtrArray *
iot_purple_control_params_from_readout(const IotReadout *readout)
{
	GPtrArray *params = g_ptr_array_new_with_free_func(iot_purple_control_param_free);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	gboolean any_writable = FALSE;
	gint64 now = g_get_real_time();
	guint i;

	for (i = 0; i < readout->fields->len && !any_writable; i++)
		any_writable = ((IotField *)g_ptr_array_index(readout->fields, i))->writable;
	for (i = 0; i < readout->fields->len; i++) {
		const IotField *f = g_ptr_array_index(readout->fields, i), *best;
		IotPurpleControlParam *p;

		if ((any_writable && !f->writable) || g_hash_table_contains(seen, f->name))
			continue;
		best = iot_control_find_sensor_field(readout, f->name);
		if (best == NULL) /* only missing values of that name */
			continue;
		g_hash_table_add(seen, f->name);
		p = g_new0(IotPurpleControlParam, 1);
		p->name = g_strdup(best->name);
		p->type = iot_control_type_for_sensor_field(best);
		if (p->type == IOT_CONTROL_ENUM)
			p->enum_type = g_strdup(best->enum_type);
		p->unit = g_strdup(best->unit);
		p->current = iot_format_value(best, now);
		p->before = g_strdup(best->value);
		g_ptr_array_add(params, p);
	}
	g_hash_table_destroy(seen);
	return params;
}

const IotPurpleControlParam *
iot_purple_control_find_param(const GPtrArray *params, const char *name)
{
	char *want = g_utf8_casefold(name, -1);
	const IotPurpleControlParam *found = NULL;
	guint i, pass;

	for (pass = 0; pass < 3 && found == NULL; pass++) {
		for (i = 0; i < params->len && found == NULL; i++) {
			const IotPurpleControlParam *p = g_ptr_array_index(params, i);
			const char *s = pass == 2 ? p->caption : p->name;
			char *fold;

			if (s == NULL)
				continue;
			if (pass == 0) {
				if (strcmp(s, name) == 0)
					found = p;
				continue;
			}
			fold = g_utf8_casefold(s, -1);
			if (strcmp(fold, want) == 0)
				found = p;
			g_free(fold);
		}
	}
	g_free(want);
	return found;
}

char *
iot_purple_control_parse_value(const IotPurpleControlParam *p, const char *input, GError **error)
{
	IotValueSpec spec;

	if (p->read_only) {
		char *name = iot_format_clean(p->caption ? p->caption : p->name, ECHO_CHARS_MAX);

		/* TRANSLATORS: %s is a parameter the thing's form marks read-only. */
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            _("%s cannot be changed: the thing marks it read-only."), name);
		g_free(name);
		return NULL;
	}
	if (p->field != NULL)
		return iot_dataform_parse_input(p->field, input, error);
	memset(&spec, 0, sizeof spec);
	spec.type = p->type;
	spec.label = p->name;
	spec.unit = p->unit;
	return iot_value_parse(&spec, input, error);
}

char *
iot_purple_control_known_names(const GPtrArray *params)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < params->len && i < KNOWN_NAMES_MAX; i++) {
		char *name = iot_format_clean(((IotPurpleControlParam *)g_ptr_array_index(params, i))->name, ECHO_CHARS_MAX);

		if (i > 0)
			g_string_append(s, ", ");
		g_string_append(s, name);
		g_free(name);
	}
	if (params->len > KNOWN_NAMES_MAX)
		/* TRANSLATORS: ends a list of names that was cut; %u is how many more. */
		g_string_append_printf(s, g_dngettext(GETTEXT_PACKAGE, " and %u other", " and %u others",
		                                   params->len - KNOWN_NAMES_MAX),
		                       params->len - KNOWN_NAMES_MAX);
	return g_string_free(s, FALSE);
}

/* "a", "a and b", "a, b and c" */
static char *
join_and(const GPtrArray *items)
{
	char *out;
	guint i;

	if (items->len == 0)
		return g_strdup("");
	out = g_strdup(g_ptr_array_index(items, 0));
	for (i = 1; i < items->len; i++) {
		char *next;

		if (i + 1 < items->len)
			/* TRANSLATORS: joins the items of a list but the last: "a, b". */
			next = g_strdup_printf(_("%s, %s"), out, (const char *)g_ptr_array_index(items, i));
		else
			/* TRANSLATORS: joins the last item of a list: "a, b and c". */
			next = g_strdup_printf(_("%s and %s"), out, (const char *)g_ptr_array_index(items, i));
		g_free(out);
		out = next;
	}
	return out;
}

/* "heater to true" for one parameter sent. */
static char *
param_to_value(const IotControlParam *cp)
{
	char *name = iot_format_clean(cp->name, ECHO_CHARS_MAX);
	char *value = display_wire(cp->type, cp->value);
	/* TRANSLATORS: one parameter of "Set heater to true and setpoint to 22.5 on …". */
	char *out = g_strdup_printf(_("%s to %s"), name, value);

	g_free(name);
	g_free(value);
	return out;
}

/* --- the list of parameters ---------------------------------------------------------- */

static const char *
type_word(const IotPurpleControlParam *p)
{
	if (p->choice)
		return _("choice");
	switch (p->type) {
	case IOT_CONTROL_BOOLEAN: return _("on/off");
	case IOT_CONTROL_COLOR: return _("colour");
	case IOT_CONTROL_DATE: return _("date");
	case IOT_CONTROL_DATETIME: return _("date and time");
	case IOT_CONTROL_DOUBLE: return _("number");
	case IOT_CONTROL_DURATION: return _("duration");
	case IOT_CONTROL_ENUM: return _("choice");
	case IOT_CONTROL_INT:
	case IOT_CONTROL_LONG: return _("whole number");
	case IOT_CONTROL_TIME: return _("time");
	default: return _("text");
	}
}

static void
append_padded(GString *out, const char *s, glong width)
{
	glong n = g_utf8_strlen(s, -1);

	g_string_append(out, s);
	for (; n < width; n++)
		g_string_append_c(out, ' ');
}

char *
iot_purple_control_format_list(const char *who, const GPtrArray *params, gboolean from_form)
{
	GString *out = g_string_new(NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *types = g_ptr_array_new_with_free_func(g_free);
	glong wname = 0, wtype = 0, wrange = 0;
	guint i;

	for (i = 0; i < params->len; i++) {
		const IotPurpleControlParam *p = g_ptr_array_index(params, i);
		char *name = iot_format_clean(p->name, NAME_COLUMN_MAX);
		/* TRANSLATORS: a type in the parameter list, e.g. "number, read-only". */
		char *type = p->read_only ? g_strdup_printf(_("%s, read-only"), type_word(p))
		                          : g_strdup(type_word(p));

		wname = MAX(wname, g_utf8_strlen(name, -1));
		wtype = MAX(wtype, g_utf8_strlen(type, -1));
		if (p->range != NULL)
			wrange = MAX(wrange, g_utf8_strlen(p->range, -1));
		g_ptr_array_add(names, name);
		g_ptr_array_add(types, type);
	}
	for (i = 0; i < params->len; i++) {
		const IotPurpleControlParam *p = g_ptr_array_index(params, i);

		g_string_append(out, "  ");
		append_padded(out, g_ptr_array_index(names, i), wname + 2);
		append_padded(out, g_ptr_array_index(types, i), wtype + 2);
		if (wrange > 0)
			append_padded(out, p->range ? p->range : "", wrange + 2);
		g_string_append(out, p->current ? p->current : "");
		while (out->len > 0 && out->str[out->len - 1] == ' ')
			g_string_truncate(out, out->len - 1);
		g_string_append_c(out, '\n');
	}
	if (params->len == 0)
		g_string_append_printf(out, from_form ? _("%s names no parameters in its control form.\n")
		                                      : _("%s sent no control form and reports no values.\n"),
		                       who);
	else if (!from_form)
		/* TRANSLATORS: under the parameter list of a thing without a control form. */
		g_string_append_printf(out, _("Note: %s sent no control form; these are the values it "
		                              "reports, and not all of them may be settable.\n"),
		                       who);
	g_ptr_array_unref(names);
	g_ptr_array_unref(types);
	if (out->len > 0 && out->str[out->len - 1] == '\n')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

/* --- the answer to a set ------------------------------------------------------------- */

static gboolean
name_listed(const GPtrArray *names, const char *name)
{
	guint i;

	for (i = 0; names != NULL && i < names->len; i++)
		if (strcmp(g_ptr_array_index(names, i), name) == 0)
			return TRUE;
	return FALSE;
}

char *
iot_purple_control_success_text(const char *who, const IotControlSet *sent, const IotControlResult *r)
{
	GPtrArray *applied = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *skipped = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(NULL);
	char *a, *s;
	guint i;

	for (i = 0; i < sent->params->len; i++) {
		const IotControlParam *cp = g_ptr_array_index(sent->params, i);

		if (r->params == NULL || name_listed(r->params, cp->name))
			g_ptr_array_add(applied, param_to_value(cp));
		else
			g_ptr_array_add(skipped, iot_format_clean(cp->name, ECHO_CHARS_MAX));
	}
	a = join_and(applied);
	s = join_and(skipped);
	if (skipped->len == 0)
		/* TRANSLATORS: "Set heater to true and setpoint to 22.5 on thermostat@home.example." */
		g_string_append_printf(out, _("Set %s on %s."), a, who);
	else if (applied->len == 0)
		/* TRANSLATORS: the thing accepted the request but applied none of
		 * it (its permissions are restricted); %s after the colon lists them. */
		g_string_append_printf(out, _("%s accepted the request but set nothing; not set: %s."),
		                       who, s);
	else
		/* TRANSLATORS: "thermostat@home.example applied only part of it: set
		 * heater to true; not set: setpoint." */
		g_string_append_printf(out, _("%s applied only part of it: set %s; not set: %s."), who,
		                       a, s);
	g_free(a);
	g_free(s);
	if (r->nodes != NULL && sent->nodes->len > 0) {
		GPtrArray *done = g_ptr_array_new_with_free_func(g_free);
		gboolean missing = FALSE;

		for (i = 0; i < r->nodes->len; i++) {
			const IotNodeRef *n = g_ptr_array_index(r->nodes, i);

			if (n->node_id != NULL)
				g_ptr_array_add(done, iot_format_clean(n->node_id, ECHO_CHARS_MAX));
		}
		for (i = 0; i < sent->nodes->len; i++)
			missing |= !name_listed(done, ((IotNodeRef *)g_ptr_array_index(sent->nodes, i))->node_id);
		if (missing) {
			a = join_and(done);
			g_string_append_c(out, '\n');
			/* TRANSLATORS: after a partial success behind a concentrator. */
			g_string_append_printf(out, _("It was applied only to these nodes: %s."),
			                       done->len ? a : "–");
			g_free(a);
		}
		g_ptr_array_unref(done);
	}
	g_ptr_array_unref(applied);
	g_ptr_array_unref(skipped);
	return g_string_free(out, FALSE);
}

char *
iot_purple_control_refusals(const char *who, const IotControlResult *r)
{
	GString *out;
	guint i;

	if (r->errors->len == 0)
		return NULL;
	out = g_string_new(NULL);
	for (i = 0; i < r->errors->len; i++) {
		const IotControlParamError *e = g_ptr_array_index(r->errors, i);
		char *name = iot_format_clean(e->name, ECHO_CHARS_MAX);
		char *text = iot_format_clean(e->text, 300);

		if (i > 0)
			g_string_append_c(out, '\n');
		if (*text != '\0')
			/* TRANSLATORS: "thermostat@home.example refused heater: its text". */
			g_string_append_printf(out, _("%s refused %s: %s"), who, name, text);
		else
			g_string_append_printf(out, _("%s refused %s."), who, name);
		g_free(name);
		g_free(text);
	}
	return g_string_free(out, FALSE);
}

char *
iot_purple_control_error_sentence(const char *who, const GError *error, gboolean sent)
{
	guint timeout_s = iot_purple_session_timeout_s();
	char *text, *out = NULL;

	if (error->domain != IOT_ERROR)
		return iot_format_error(who, error, timeout_s);
	text = iot_format_clean(error->message, 300);
	switch ((IotErrorCode)error->code) {
	case IOT_ERROR_TIMEOUT:
		if (sent)
			/* TRANSLATORS: %s is the thing, %u seconds. A control is sent
			 * once and never repeated, so its outcome is unknown. */
			out = g_strdup_printf(_("%s did not answer within %u s. The change may or may not "
			                        "have been made; it is not sent again."),
			                      who, timeout_s);
		break;
	case IOT_ERROR_DISCONNECTED:
		if (sent)
			out = g_strdup_printf(_("Controlling %s stopped: your account went offline. The "
			                        "change may or may not have been made; it is not sent "
			                        "again."),
			                      who);
		else
			out = g_strdup_printf(_("Controlling %s stopped: your account went offline."), who);
		break;
	case IOT_ERROR_CANCELLED:
		if (sent)
			out = g_strdup_printf(_("Controlling %s was cancelled. The change may or may not "
			                        "have been made."),
			                      who);
		else
			out = g_strdup_printf(_("Controlling %s was cancelled."), who);
		break;
	case IOT_ERROR_NOT_SUPPORTED:
		/* TRANSLATORS: the contact has no XEP-0325 (or successor) control. */
		out = g_strdup_printf(_("%s does not offer control."), who);
		break;
	case IOT_ERROR_NOT_IMPLEMENTED:
		/* TRANSLATORS: "lamp@home.example does not offer control (its text)." */
		out = g_strdup_printf(_("%s does not offer control (%s)."), who, text);
		break;
	default:
		break;
	}
	g_free(text);
	return out != NULL ? out : iot_format_error(who, error, timeout_s);
}

char *
iot_purple_control_learn_error(const char *who, const GError *error, gboolean read_instead)
{
	char *why, *out;

	if (!read_instead || g_error_matches(error, IOT_ERROR, IOT_ERROR_DISCONNECTED) ||
	    g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
		return iot_purple_control_error_sentence(who, error, FALSE);
	why = iot_format_error(who, error, iot_purple_session_timeout_s());
	/* TRANSLATORS: the first %s is the thing; after the colon, why it
	 * could not be read, as a sentence. */
	out = g_strdup_printf(_("%s sent no control form, and its values could not be read to learn "
	                        "its parameters: %s"),
	                      who, why);
	g_free(why);
	return out;
}
