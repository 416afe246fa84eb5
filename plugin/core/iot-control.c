/* iot-control.c — control codec for every generation. See iot-control.h. */
#include "iot-control.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

/* NF element names by IotControlType (iot-value.c has the long ones). */
static const char *const short_names[IOT_CONTROL_TYPE_COUNT] = {
	[IOT_CONTROL_BOOLEAN] = "b", [IOT_CONTROL_COLOR] = "cl",   [IOT_CONTROL_DATE] = "d",
	[IOT_CONTROL_DATETIME] = "dt", [IOT_CONTROL_DOUBLE] = "db", [IOT_CONTROL_DURATION] = "dr",
	[IOT_CONTROL_ENUM] = "e",    [IOT_CONTROL_INT] = "i",      [IOT_CONTROL_LONG] = "l",
	[IOT_CONTROL_STRING] = "s",  [IOT_CONTROL_TIME] = "t",
};

/* --- the request model ---------------------------------------------------------- */

static void
param_free(gpointer data)
{
	IotControlParam *p = data;

	g_free(p->name);
	g_free(p->value);
	g_free(p->enum_type);
	g_free(p);
}

static void
node_ref_free(gpointer data)
{
	iot_node_ref_clear(data);
	g_free(data);
}

IotControlSet *
iot_control_set_new(void)
{
	IotControlSet *s = g_new0(IotControlSet, 1);

	s->nodes = g_ptr_array_new_with_free_func(node_ref_free);
	s->params = g_ptr_array_new_with_free_func(param_free);
	return s;
}

void
iot_control_set_free(IotControlSet *s)
{
	if (s == NULL)
		return;
	g_ptr_array_unref(s->nodes);
	g_ptr_array_unref(s->params);
	if (s->form != NULL)
		xmlFreeNode(s->form);
	g_free(s->service_token);
	g_free(s->device_token);
	g_free(s->user_token);
	g_free(s->lang);
	g_free(s);
}

static void
add_node_ref(GPtrArray *nodes, const char *id, const char *src, const char *pt)
{
	IotNodeRef *n = g_new0(IotNodeRef, 1);

	n->node_id = g_strdup(id);
	n->source_id = g_strdup(src);
	n->partition = g_strdup(pt);
	g_ptr_array_add(nodes, n);
}

IotControlSet *
iot_control_set_copy(const IotControlSet *s)
{
	IotControlSet *c;
	guint i;

	g_return_val_if_fail(s != NULL, NULL);
	c = iot_control_set_new();
	for (i = 0; i < s->nodes->len; i++) {
		const IotNodeRef *n = g_ptr_array_index(s->nodes, i);

		add_node_ref(c->nodes, n->node_id, n->source_id, n->partition);
	}
	for (i = 0; i < s->params->len; i++) {
		const IotControlParam *p = g_ptr_array_index(s->params, i);

		iot_control_set_add_param(c, p->name, p->type, p->value, p->enum_type);
	}
	if (s->form != NULL)
		c->form = xmlCopyNode(s->form, 1);
	c->service_token = g_strdup(s->service_token);
	c->device_token = g_strdup(s->device_token);
	c->user_token = g_strdup(s->user_token);
	c->lang = g_strdup(s->lang);
	return c;
}

void
iot_control_set_add_node(IotControlSet *set, const char *node_id, const char *source_id,
                         const char *partition)
{
	g_return_if_fail(set != NULL && node_id != NULL);
	if (set->nodes->len < IOT_MAX_CONTROL_NODES)
		add_node_ref(set->nodes, node_id, source_id, partition);
}

gboolean
iot_control_set_add_param(IotControlSet *set, const char *name, IotControlType type,
                          const char *value, const char *enum_type)
{
	IotControlParam *p;

	g_return_val_if_fail(set != NULL && name != NULL && value != NULL, FALSE);
	g_return_val_if_fail((guint)type < IOT_CONTROL_TYPE_COUNT, FALSE);
	if (set->params->len >= IOT_MAX_CONTROL_PARAMETERS || !iot_xml_is_valid_text(name) ||
	    !iot_xml_is_valid_text(value) || (enum_type && !iot_xml_is_valid_text(enum_type)))
		return FALSE;
	p = g_new0(IotControlParam, 1);
	p->name = g_strdup(name);
	p->type = type;
	p->value = g_strdup(value);
	p->enum_type = g_strdup(enum_type);
	g_ptr_array_add(set->params, p);
	return TRUE;
}

const IotControlParam *
iot_control_set_find_param(const IotControlSet *set, const char *name)
{
	guint i;

	g_return_val_if_fail(set != NULL, NULL);
	for (i = 0; name != NULL && i < set->params->len; i++) {
		const IotControlParam *p = g_ptr_array_index(set->params, i);

		if (strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

void
iot_control_set_take_form(IotControlSet *set, xmlNode *form)
{
	g_return_if_fail(set != NULL);
	if (set->form != NULL)
		xmlFreeNode(set->form);
	set->form = form;
}

IotControlSet *
iot_control_set_from_form(const IotDataForm *form, const IotFormValues *original)
{
	IotControlSet *set;
	GPtrArray *changed;
	guint i;

	g_return_val_if_fail(form != NULL && original != NULL, NULL);
	set = iot_control_set_new();
	changed = iot_dataform_changed(form, original);
	for (i = 0; i < changed->len; i++) {
		const IotFormField *f = g_ptr_array_index(changed, i);
		char *value = iot_form_field_values_text(f);

		iot_control_set_add_param(set, f->var, iot_control_type_for_form_field(f), value, NULL);
		g_free(value);
	}
	g_ptr_array_unref(changed);
	return set;
}

/* --- building ------------------------------------------------------------------- */

static void
set_lang(xmlNode *n, const char *lang)
{
	if (lang != NULL && *lang != '\0' && iot_xml_is_valid_text(lang))
		xmlNodeSetLang(n, (const xmlChar *)lang);
}

static void
build_nodes(xmlNode *parent, gboolean nf, const GPtrArray *nodes)
{
	guint i;

	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		const IotNodeRef *r = g_ptr_array_index(nodes, i);
		xmlNode *n = iot_xml_add(parent, nf ? "nd" : "node");

		iot_xml_set(n, nf ? "id" : "nodeId", r->node_id);
		iot_xml_set(n, nf ? "src" : "sourceId", r->source_id);
		iot_xml_set(n, nf ? "pt" : "cacheType", r->partition);
	}
}

xmlNode *
iot_control_build_set(IotGeneration gen, const IotControlSet *set)
{
	const char *ns = iot_ns_for(gen, IOT_FUNC_CONTROL);
	gboolean nf = iot_generation_is_short(gen);
	xmlNode *n;
	guint i;

	g_return_val_if_fail(ns != NULL && set != NULL, NULL);
	n = iot_xml_new("set", ns);
	iot_xml_set(n, nf ? "st" : "serviceToken", set->service_token);
	iot_xml_set(n, nf ? "dt" : "deviceToken", set->device_token);
	iot_xml_set(n, nf ? "ut" : "userToken", set->user_token);
	set_lang(n, set->lang);
	build_nodes(n, nf, set->nodes);
	for (i = 0; i < set->params->len; i++) {
		const IotControlParam *p = g_ptr_array_index(set->params, i);
		IotControlType t = p->type;
		xmlNode *e;

		/* An enum without its type name cannot be an NF `e`. */
		if (t == IOT_CONTROL_ENUM && (!nf || p->enum_type == NULL))
			t = IOT_CONTROL_STRING;
		e = iot_xml_add(n, nf ? short_names[t] : iot_control_type_name(t));
		iot_xml_set(e, nf ? "n" : "name", p->name);
		iot_xml_set(e, nf ? "v" : "value", p->value);
		if (t == IOT_CONTROL_ENUM)
			iot_xml_set(e, "t", p->enum_type);
	}
	/* XEP-0325 v0.1's schema wraps the form in <form/>, but every example
	 * of every version (and Waher's server) has the <x/> itself. */
	if (set->form != NULL)
		xmlAddChild(n, xmlCopyNode(set->form, 1));
	return n;
}

xmlNode *
iot_control_build_get_form(IotGeneration gen, const GPtrArray *nodes, const char *lang)
{
	const char *ns = iot_ns_for(gen, IOT_FUNC_CONTROL);
	xmlNode *n;

	g_return_val_if_fail(ns != NULL, NULL);
	n = iot_xml_new("getForm", ns);
	set_lang(n, lang);
	build_nodes(n, iot_generation_is_short(gen), nodes);
	return n;
}

/* --- parsing -------------------------------------------------------------------- */

static gboolean
is_control_ns(const char *ns)
{
	IotFunction func;

	return iot_ns_classify(ns, NULL, &func) && func == IOT_FUNC_CONTROL;
}

/* Returns: (transfer full) (nullable): attribute @a or @b of @n when it is
 * valid text within @max bytes. */
static char *
attr_copy(const xmlNode *n, const char *a, const char *b, gsize max)
{
	const char *v = iot_xml_attr2(n, a, b);

	if (v == NULL || strlen(v) > max || !iot_xml_is_valid_text(v))
		return NULL;
	return g_strdup(v);
}

/* A node reference in either spelling; FALSE when it has no id. */
static gboolean
read_node(GPtrArray *nodes, const xmlNode *c)
{
	char *id, *src, *pt;

	if (!iot_xml_is(c, "node", NULL) && !iot_xml_is(c, "nd", NULL))
		return FALSE;
	id = attr_copy(c, "nodeId", "id", IOT_MAX_NAME_BYTES);
	if (id == NULL)
		return TRUE; /* a node, but one nobody can act on */
	src = attr_copy(c, "sourceId", "src", IOT_MAX_NAME_BYTES);
	pt = attr_copy(c, "cacheType", "pt", IOT_MAX_NAME_BYTES);
	if (nodes->len < IOT_MAX_CONTROL_NODES)
		add_node_ref(nodes, id, src, pt);
	g_free(id);
	g_free(src);
	g_free(pt);
	return TRUE;
}

IotControlSet *
iot_control_parse_set(const xmlNode *el, GError **error)
{
	IotControlSet *set;
	const xmlNode *c;
	xmlChar *lang;

	if (!iot_xml_is(el, "set", NULL) || !is_control_ns(iot_xml_ns(el))) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not a control set");
		return NULL;
	}
	set = iot_control_set_new();
	set->service_token = attr_copy(el, "serviceToken", "st", IOT_MAX_VALUE_BYTES);
	set->device_token = attr_copy(el, "deviceToken", "dt", IOT_MAX_VALUE_BYTES);
	set->user_token = attr_copy(el, "userToken", "ut", IOT_MAX_VALUE_BYTES);
	lang = xmlGetNsProp(el, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	if (lang != NULL && strlen((const char *)lang) <= IOT_MAX_NAME_BYTES &&
	    iot_xml_is_valid_text((const char *)lang))
		set->lang = g_strdup((const char *)lang);
	xmlFree(lang);
	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		IotControlType type;
		const xmlNode *x = c;

		if (read_node(set->nodes, c))
			continue;
		if (iot_xml_is(c, "form", NULL)) /* XEP-0325 v0.1 schema */
			x = iot_xml_child(c, "x", IOT_NS_XDATA);
		if (iot_xml_is(x, "x", IOT_NS_XDATA)) {
			if (set->form == NULL)
				set->form = xmlCopyNode((xmlNode *)x, 1);
			continue;
		}
		if (iot_control_type_from_name((const char *)c->name, &type)) {
			char *name = attr_copy(c, "name", "n", IOT_MAX_NAME_BYTES);
			char *value = attr_copy(c, "value", "v", IOT_MAX_VALUE_BYTES);
			char *t = attr_copy(c, "t", NULL, IOT_MAX_NAME_BYTES);

			if (name != NULL && value != NULL)
				iot_control_set_add_param(set, name, type, value, t);
			g_free(name);
			g_free(value);
			g_free(t);
		}
	}
	return set;
}

IotDataForm *
iot_control_parse_form_answer(const xmlNode *iq, GError **error)
{
	const xmlNode *c, *x = NULL;

	if (iot_xml_is(iq, "x", IOT_NS_XDATA))
		return iot_dataform_parse(iq, error);
	for (c = iot_xml_first(iq); c != NULL && x == NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "x", IOT_NS_XDATA)) {
			x = c;
		} else if (iot_xml_is(c, "getFormResponse", NULL) &&
		           iot_ns_classify(iot_xml_ns(c), NULL, NULL)) {
			/* XEP-0325 v0.1/0.2; v0.1's examples put it in
			 * urn:xmpp:sn:concentrators, so any IoT namespace is taken. */
			const char *rc = iot_xml_attr2(c, "result", "responseCode");

			if (rc != NULL && strcmp(rc, "OK") != 0) {
				GError *e = iot_error_from_stanza(iq);

				g_propagate_error(error, e);
				return NULL;
			}
			x = iot_xml_child(c, "x", IOT_NS_XDATA);
		}
	}
	if (x == NULL) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "the answer holds no form");
		return NULL;
	}
	return iot_dataform_parse(x, error);
}

/* --- results -------------------------------------------------------------------- */

static void
param_error_free(gpointer data)
{
	IotControlParamError *e = data;

	g_free(e->name);
	g_free(e->text);
	g_free(e);
}

IotControlResult *
iot_control_result_new(void)
{
	IotControlResult *r = g_new0(IotControlResult, 1);

	r->errors = g_ptr_array_new_with_free_func(param_error_free);
	return r;
}

void
iot_control_result_free(IotControlResult *r)
{
	if (r == NULL)
		return;
	if (r->nodes)
		g_ptr_array_unref(r->nodes);
	if (r->params)
		g_ptr_array_unref(r->params);
	if (r->failed_nodes)
		g_ptr_array_unref(r->failed_nodes);
	g_ptr_array_unref(r->errors);
	if (r->error)
		g_error_free(r->error);
	g_free(r);
}

const char *
iot_control_result_error_for(const IotControlResult *r, const char *name)
{
	guint i;

	g_return_val_if_fail(r != NULL, NULL);
	for (i = 0; name != NULL && i < r->errors->len; i++) {
		const IotControlParamError *e = g_ptr_array_index(r->errors, i);

		if (strcmp(e->name, name) == 0)
			return e->text;
	}
	return NULL;
}

static char *
error_text(const xmlNode *n)
{
	char *t = iot_xml_text(n, IOT_MAX_ERROR_TEXT, NULL);

	if (t == NULL || !iot_xml_is_valid_text(t)) {
		g_free(t);
		return g_strdup("");
	}
	return g_strstrip(t);
}

static void
add_param_error(IotControlResult *r, const char *name, const char *text)
{
	IotControlParamError *e;

	if (name == NULL || r->errors->len >= IOT_MAX_CONTROL_PARAMETERS ||
	    iot_control_result_error_for(r, name) != NULL)
		return;
	e = g_new0(IotControlParamError, 1);
	e->name = g_strdup(name);
	e->text = g_strdup(text);
	g_ptr_array_add(r->errors, e);
}

static gboolean
name_in(const GPtrArray *names, const char *name)
{
	guint i;

	for (i = 0; names != NULL && i < names->len; i++)
		if (strcmp(g_ptr_array_index(names, i), name) == 0)
			return TRUE;
	return FALSE;
}

static void
add_name(GPtrArray **names, const xmlNode *c)
{
	char *name = attr_copy(c, "name", "n", IOT_MAX_NAME_BYTES);

	if (*names == NULL)
		*names = g_ptr_array_new_with_free_func(g_free);
	if (name != NULL && (*names)->len < IOT_MAX_CONTROL_PARAMETERS && !name_in(*names, name))
		g_ptr_array_add(*names, name);
	else
		g_free(name);
}

/* The answer element: setResponse (XSF) or resp (NF), in any IoT namespace
 * (Waher answers IEEE requests in urn:nf, protocols.md §12). */
static const xmlNode *
response_of(const xmlNode *iq)
{
	const xmlNode *c;

	for (c = iot_xml_first(iq); c != NULL; c = iot_xml_next(c))
		if ((iot_xml_is(c, "setResponse", NULL) || iot_xml_is(c, "resp", NULL)) &&
		    iot_ns_classify(iot_xml_ns(c), NULL, NULL))
			return c;
	return NULL;
}

/* Success: which nodes and parameters were applied, and was it all? */
static void
read_applied(IotControlResult *r, const xmlNode *resp, const IotControlSet *sent)
{
	const xmlNode *c;
	guint i;

	for (c = iot_xml_first(resp); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "node", NULL) || iot_xml_is(c, "nd", NULL)) {
			if (r->nodes == NULL)
				r->nodes = g_ptr_array_new_with_free_func(node_ref_free);
			read_node(r->nodes, c);
		} else if (iot_xml_is(c, "parameter", NULL) || iot_xml_is(c, "p", NULL)) {
			add_name(&r->params, c);
		}
	}
	if (sent == NULL)
		return;
	for (i = 0; r->params != NULL && i < sent->params->len && !r->partial; i++)
		r->partial = !name_in(r->params, ((IotControlParam *)g_ptr_array_index(sent->params, i))->name);
	for (i = 0; r->nodes != NULL && i < sent->nodes->len && !r->partial; i++) {
		const IotNodeRef *want = g_ptr_array_index(sent->nodes, i);
		guint j;
		gboolean found = FALSE;

		for (j = 0; j < r->nodes->len && !found; j++)
			found = g_strcmp0(want->node_id,
			                  ((IotNodeRef *)g_ptr_array_index(r->nodes, j))->node_id) == 0;
		r->partial = !found;
	}
}

static gboolean
sent_has(const IotControlSet *sent, const char *name)
{
	return sent != NULL && iot_control_set_find_param(sent, name) != NULL;
}

/* The legacy failure body (XEP-0325 v0.1/0.2, slixmpp): <error var>text</error>,
 * the <parameter name/>s and <node/>s that failed. */
static void
read_legacy_failure(IotControlResult *r, const xmlNode *resp, const IotControlSet *sent)
{
	GPtrArray *listed = NULL;
	const xmlNode *c;
	guint i;

	for (c = iot_xml_first(resp); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "node", NULL) || iot_xml_is(c, "nd", NULL)) {
			if (r->failed_nodes == NULL)
				r->failed_nodes = g_ptr_array_new_with_free_func(node_ref_free);
			read_node(r->failed_nodes, c);
		} else if (iot_xml_is(c, "parameter", NULL) || iot_xml_is(c, "p", NULL)) {
			add_name(&listed, c);
		}
	}
	for (c = iot_xml_first(resp); c != NULL; c = iot_xml_next(c)) {
		const char *var;
		char *text;

		if (!iot_xml_is(c, "error", NULL))
			continue;
		var = iot_xml_attr2(c, "var", "n");
		text = error_text(c);
		if (var != NULL && (sent == NULL ? (listed == NULL || name_in(listed, var))
		                                 : sent_has(sent, var))) {
			add_param_error(r, var, text);
		} else {
			/* slixmpp hard-codes var='Output' (protocols.md §11.3): the
			 * parameters listed beside the error are the ones it means. */
			for (i = 0; listed != NULL && i < listed->len; i++) {
				const char *name = g_ptr_array_index(listed, i);

				if (sent == NULL || sent_has(sent, name))
					add_param_error(r, name, text);
			}
		}
		g_free(text);
	}
	if (listed != NULL)
		g_ptr_array_unref(listed);
}

static gboolean
is_dynamic_error(const xmlNode *n)
{
	return iot_xml_is(n, "error", NULL) && iot_dataform_is_dynamic_ns(iot_xml_ns(n));
}

/* Waher's servers refuse a bad form submit with the form itself in the
 * error, each faulty field carrying its XEP-0336 §3.5 <xdd:error>. */
static void
read_form_errors(IotControlResult *r, const xmlNode *x)
{
	const xmlNode *f, *c;
	guint n = 0;

	for (f = iot_xml_first(x); f != NULL && n < IOT_MAX_FORM_FIELDS; f = iot_xml_next(f)) {
		char *var;

		if (!iot_xml_is(f, "field", IOT_NS_XDATA))
			continue;
		n++;
		var = attr_copy(f, "var", NULL, IOT_MAX_NAME_BYTES);
		for (c = iot_xml_first(f); var != NULL && c != NULL; c = iot_xml_next(c)) {
			if (is_dynamic_error(c)) {
				char *text = error_text(c);

				add_param_error(r, var, text);
				g_free(text);
				break;
			}
		}
		g_free(var);
	}
}

static void
read_rfc_failure(IotControlResult *r, const xmlNode *iq)
{
	const xmlNode *err = iot_xml_child(iq, "error", NULL), *c;
	gboolean has_text = FALSE;

	for (c = iot_xml_first(err); c != NULL; c = iot_xml_next(c)) {
		if (iot_xml_is(c, "text", IOT_NS_STANZAS))
			has_text = TRUE;
		if (iot_xml_is(c, "paramError", NULL) && iot_ns_classify(iot_xml_ns(c), NULL, NULL)) {
			/* XEP-0325 and the NF XSD say var, Waher's server writes n. */
			char *name = attr_copy(c, "var", "n", IOT_MAX_NAME_BYTES);
			char *text = error_text(c);

			add_param_error(r, name, text);
			g_free(name);
			g_free(text);
		} else if (iot_xml_is(c, "x", IOT_NS_XDATA)) {
			read_form_errors(r, c);
		}
	}
	if (err != NULL && !has_text && r->errors->len > 0 && r->error != NULL) {
		/* Without a <text/>, the first parameter's text says more than the
		 * bare condition name iot_error_from_stanza() fell back to. */
		const IotControlParamError *e = g_ptr_array_index(r->errors, 0);
		char *msg = *e->text ? g_strdup_printf("%s: %s", e->name, e->text) : NULL;

		if (msg != NULL) {
			g_free(r->error->message);
			r->error->message = msg;
		}
	}
}

IotControlResult *
iot_control_parse_result(const xmlNode *iq, gboolean is_error, const IotControlSet *sent)
{
	IotControlResult *r = iot_control_result_new();
	const xmlNode *resp = response_of(iq);
	const char *code = iot_xml_attr2(resp, "responseCode", "result");

	if (!is_error && (code == NULL || strcmp(code, "OK") == 0)) {
		if (resp != NULL)
			read_applied(r, resp, sent);
		return r;
	}
	/* Failure, or a legacy code other than OK in a result (seen in the
	 * v0.1 era): the codes map as XEP-0325 v0.3's revision table says. */
	r->error = iot_error_from_stanza(iq);
	if (!is_error && code != NULL && r->error->code == IOT_ERROR_FAILED &&
	    strcmp(code, "OtherError") != 0) {
		g_free(r->error->message);
		r->error->message = g_strdup(code);
	}
	if (resp != NULL)
		read_legacy_failure(r, resp, sent);
	read_rfc_failure(r, iq);
	return r;
}
