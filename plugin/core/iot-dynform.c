/*
 * iot-dynform.c — XEP-0336 dynamic forms: post-back, cancel, pushed
 * updates, and keeping a person's edits across a new form. See
 * iot-dynform.h. The post-back travels as a form request of
 * iot-control-flow.c, so it ends exactly once like a getForm.
 */
#include "iot-dynform.h"

#include "iot-control-flow-private.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

static gboolean
is_dynamic(const xmlNode *n, const char *name)
{
	return iot_xml_is(n, name, NULL) && iot_dataform_is_dynamic_ns(iot_xml_ns(n));
}

gboolean
iot_dynform_is_updated(const xmlNode *el)
{
	return is_dynamic(el, "updated");
}

/* One submitted field: var, type and the values XML can carry. */
static void
add_field(xmlNode *x, const char *var, IotFormFieldType type, const GPtrArray *values)
{
	xmlNode *n = iot_xml_add(x, "field");
	guint i;

	iot_xml_set(n, "var", var);
	iot_xml_set(n, "type", iot_form_field_type_name(type));
	for (i = 0; values != NULL && i < values->len; i++) {
		const char *v = g_ptr_array_index(values, i);

		if (iot_xml_is_valid_text(v))
			iot_xml_set_text(iot_xml_add(n, "value"), v);
	}
}

static xmlNode *
new_submit_x(xmlNode *parent)
{
	xmlNode *x = iot_xml_new("x", IOT_NS_XDATA);

	iot_xml_set(x, "type", "submit");
	xmlAddChild(parent, x);
	return x;
}

xmlNode *
iot_dynform_build_post_back(const IotDataForm *form, const char *lang)
{
	xmlNode *submit, *x;
	guint i;

	g_return_val_if_fail(form != NULL, NULL);
	submit = iot_xml_new("submit", IOT_NS_XDATA_DYNAMIC);
	if (lang != NULL && *lang != '\0' && strlen(lang) <= IOT_MAX_NAME_BYTES &&
	    iot_xml_is_valid_text(lang))
		xmlNodeSetLang(submit, (const xmlChar *)lang);
	x = new_submit_x(submit);
	/* XEP-0336 §3.2: the whole form, so that the thing can rebuild it from
	 * what the person sees — not only the edited fields as in a set. Fixed
	 * fields are texts, not values; hidden ones (the session) go back. */
	for (i = 0; i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);

		if (f->var == NULL || f->type == IOT_FORM_FIELD_FIXED || !iot_xml_is_valid_text(f->var))
			continue;
		add_field(x, f->var, f->type, f->values);
	}
	return submit;
}

xmlNode *
iot_dynform_build_cancel(const IotDataForm *form)
{
	const char *session;
	xmlNode *cancel;
	GPtrArray *values;

	g_return_val_if_fail(form != NULL, NULL);
	session = iot_dataform_session(form);
	if (session == NULL || !iot_xml_is_valid_text(session))
		return NULL;
	cancel = iot_xml_new("cancel", IOT_NS_XDATA_DYNAMIC);
	values = g_ptr_array_new();
	g_ptr_array_add(values, (gpointer)session);
	add_field(new_submit_x(cancel), IOT_DATAFORM_SESSION_VAR, IOT_FORM_FIELD_HIDDEN, values);
	g_ptr_array_unref(values);
	return cancel;
}

/* A new form must be a form: a thing that echoes our submit back has not
 * sent one, and a submit form has no labels or options to show. */
static IotDataForm *
parse_new_form(const xmlNode *x, GError **error)
{
	IotDataForm *form;

	if (x == NULL) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "the answer holds no form");
		return NULL;
	}
	form = iot_dataform_parse(x, error);
	if (form != NULL && form->type != IOT_FORM_FORM) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "the answer holds no form of type form");
		g_clear_pointer(&form, iot_dataform_free);
	}
	return form;
}

IotDataForm *
iot_dynform_parse_answer(const xmlNode *iq, GError **error)
{
	const xmlNode *c, *x = NULL;

	if (iot_xml_is(iq, "x", IOT_NS_XDATA))
		return parse_new_form(iq, error);
	for (c = iot_xml_first(iq); c != NULL && x == NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "x", IOT_NS_XDATA))
			x = c;
		else if (is_dynamic(c, "submit"))
			/* Some things wrap the new form as the request was wrapped. */
			x = iot_xml_child(c, "x", IOT_NS_XDATA);
	}
	return parse_new_form(x, error);
}

IotDataForm *
iot_dynform_parse_updated(const xmlNode *el, char **session, GError **error)
{
	IotDataForm *form;
	const IotFormField *f;
	const char *var;

	if (session != NULL)
		*session = NULL;
	if (!is_dynamic(el, "updated"))
		return NULL;
	form = parse_new_form(iot_xml_child(el, "x", IOT_NS_XDATA), error);
	if (form == NULL)
		return NULL;
	/* XEP-0336 §3.9: sessionVariable names the field holding the session. */
	var = iot_xml_attr(el, "sessionVariable");
	f = iot_dataform_find(form, var != NULL ? var : IOT_DATAFORM_SESSION_VAR);
	if (session != NULL && f != NULL && iot_form_field_value(f) != NULL)
		*session = g_strdup(iot_form_field_value(f));
	return form;
}

void
iot_dynform_carry_edits(IotDataForm *next, const IotDataForm *prev)
{
	guint i, v;

	g_return_if_fail(next != NULL && prev != NULL);
	for (i = 0; i < prev->fields->len; i++) {
		const IotFormField *p = g_ptr_array_index(prev->fields, i);
		IotFormField *n;

		if (!p->edited || p->var == NULL)
			continue;
		n = iot_dataform_find(next, p->var);
		/* XEP-0336 §5.3: the thing's word wins where it changed the
		 * field's nature, locked it, or found fault with the value. */
		if (n == NULL || n->type != p->type || n->type == IOT_FORM_FIELD_FIXED ||
		    n->read_only || n->error != NULL)
			continue;
		g_ptr_array_set_size(n->values, 0);
		for (v = 0; v < p->values->len && v < IOT_MAX_FORM_VALUES; v++)
			g_ptr_array_add(n->values, g_strdup(g_ptr_array_index(p->values, v)));
		n->edited = TRUE;
	}
}

guint
iot_dynform_post_back(IotRequestTable *table, const char *peer, const IotDataForm *form,
                      const char *lang, guint timeout_ms, IotControlFormFunc cb,
                      gpointer user_data, GDestroyNotify destroy)
{
	xmlNode *iq;

	g_return_val_if_fail(table != NULL && peer != NULL && form != NULL && cb != NULL, 0);
	iq = iot_xml_new("iq", NULL);
	/* XEP-0336 §3.2: a post-back is an iq set. */
	iot_xml_set(iq, "type", "set");
	xmlAddChild(iq, iot_dynform_build_post_back(form, lang));
	return iot_control_form_request(table, peer, iq, timeout_ms, iot_dynform_parse_answer, cb,
	                                user_data, destroy);
}

/* A cancel waits for nothing, but it still goes through the table: it gets
 * an id the send hook knows, and ends by its answer or its timeout. */
static void
cancel_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer flow)
{
	iot_request_finish(req, NULL);
}

static void
cancel_on_finish(IotRequest *req, const GError *error, gpointer flow)
{
}

static const IotRequestClass cancel_class = { cancel_on_iq, NULL, cancel_on_finish, NULL };

guint
iot_dynform_send_cancel(IotRequestTable *table, const char *peer, const IotDataForm *form,
                        guint timeout_ms)
{
	xmlNode *cancel, *iq;

	g_return_val_if_fail(table != NULL && peer != NULL && form != NULL, 0);
	cancel = iot_dynform_build_cancel(form);
	if (cancel == NULL)
		return 0;
	iq = iot_xml_new("iq", NULL);
	/* XEP-0336 §3.6: cancelling is an iq set too. */
	iot_xml_set(iq, "type", "set");
	xmlAddChild(iq, cancel);
	return iot_request_send(table, peer, iq, timeout_ms, &cancel_class, NULL, NULL);
}

guint
iot_dynform_send_cancel_session(IotRequestTable *table, const char *peer, const char *session,
                                guint timeout_ms)
{
	IotDataForm *ended;
	IotFormField *f;
	guint handle;

	g_return_val_if_fail(table != NULL && peer != NULL && session != NULL, 0);
	ended = iot_dataform_new(IOT_FORM_SUBMIT);
	f = iot_form_field_new(IOT_FORM_FIELD_HIDDEN, IOT_DATAFORM_SESSION_VAR);
	g_ptr_array_add(f->values, g_strdup(session));
	iot_dataform_add_field(ended, f);
	handle = iot_dynform_send_cancel(table, peer, ended, timeout_ms);
	iot_dataform_free(ended);
	return handle;
}
