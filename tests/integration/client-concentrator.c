/* client-concentrator.c — helpers of the concentrator integration tests. See
 * client-concentrator.h. */
#include "client-concentrator.h"

#include "iot-xml.h"

#include <stdarg.h>

/* The adapter's signatures (iot-purple-concentrator.h), as the tests call them. */
typedef void (*ReplyFunc)(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
                          const GError *error, gpointer user_data);
typedef guint (*CallFn)(PurpleAccount *account, const char *who, const IotConcentratorRequest *req, ReplyFunc cb,
                        gpointer user_data, GDestroyNotify destroy);

gpointer
conc_sym(const char *name)
{
	gpointer fn = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &fn) && fn != NULL, "no %s in the plugin", name);
	return fn;
}

void
conc_got_free(ConcGot *g)
{
	if (g == NULL)
		return;
	g_clear_error(&g->error);
	g_free(g->concentrator);
	if (g->nodes)
		g_ptr_array_unref(g->nodes);
	if (g->sources)
		g_ptr_array_unref(g->sources);
	if (g->commands)
		g_ptr_array_unref(g->commands);
	g_string_free(g->form, TRUE);
	g_string_free(g->form_errors, TRUE);
	g_string_free(g->results, TRUE);
	g_string_free(g->node_types, TRUE);
	g_free(g->query_id);
	g_free(g);
}

static void
copy_reply(ConcGot *g, const IotConcentratorReply *r)
{
	guint i;

	g->caps = r->caps;
	g->dropped = r->dropped;
	g->query_id = g_strdup(r->query_id);
	for (i = 0; r->nodes != NULL && i < r->nodes->len; i++)
		g_ptr_array_add(g->nodes, iot_concentrator_node_copy(g_ptr_array_index(r->nodes, i)));
	for (i = 0; r->sources != NULL && i < r->sources->len; i++)
		g_ptr_array_add(g->sources, iot_concentrator_source_copy(g_ptr_array_index(r->sources, i)));
	for (i = 0; r->commands != NULL && i < r->commands->len; i++)
		g_ptr_array_add(g->commands, iot_concentrator_command_copy(g_ptr_array_index(r->commands, i)));
	for (i = 0; r->form != NULL && i < r->form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(r->form->fields, i);
		const char *v = iot_form_field_value(f);

		g_string_append_printf(g->form, "%s=%s%s%s%s;", f->var ? f->var : "", v ? v : "", f->error ? "!" : "",
		                       f->error ? f->error : "", f->not_same ? "~" : "");
	}
	for (i = 0; r->form_errors != NULL && i < r->form_errors->len; i++) {
		const IotConcentratorFormError *e = g_ptr_array_index(r->form_errors, i);

		g_string_append_printf(g->form_errors, "%s:%s;", e->var ? e->var : "", e->text);
	}
	for (i = 0; r->results != NULL && i < r->results->len; i++) {
		const IotConcentratorNodeResult *res = g_ptr_array_index(r->results, i);

		g_string_append_printf(g->results, res->ok ? "1;" : "0:%s;", res->error ? res->error : "");
	}
	for (i = 0; r->node_types != NULL && i < r->node_types->len; i++) {
		const IotConcentratorNodeType *t = g_ptr_array_index(r->node_types, i);

		g_string_append_printf(g->node_types, "%s=%s;", t->type, t->name);
	}
}

static void
got_cb(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply, const GError *error,
       gpointer data)
{
	ConcGot *g = data;

	g->calls++;
	g->seconds = (g_get_monotonic_time() - g->started) / 1e6;
	g->concentrator = g_strdup(concentrator);
	g->error = error ? g_error_copy(error) : NULL;
	if (reply != NULL)
		copy_reply(g, reply);
}

static void
got_destroy(gpointer data)
{
	((ConcGot *)data)->destroys++;
}

static gboolean
got_done(gpointer data)
{
	return ((ConcGot *)data)->calls > 0;
}

ConcGot *
conc_run(const char *who, IotConcentratorRequest *req)
{
	CallFn call = conc_sym("iot_purple_concentrator_call");
	ConcGot *g = g_new0(ConcGot, 1);

	g->nodes = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	g->sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	g->commands = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_command_free);
	g->form = g_string_new(NULL);
	g->form_errors = g_string_new(NULL);
	g->results = g_string_new(NULL);
	g->node_types = g_string_new(NULL);
	g->started = g_get_monotonic_time();
	ck_assert_uint_ne(call(client_account(), who, req, got_cb, g, got_destroy), 0);
	ck_assert_int_eq(g->calls, 0); /* never inside the call */
	iot_concentrator_request_free(req);
	ck_assert_msg(client_spin(got_done, g, CLIENT_WAIT_MS), "no answer from %s", who);
	ck_assert_int_eq(g->calls, 1);
	ck_assert_int_eq(g->destroys, 1);
	return g;
}

IotConcentratorRequest *
conc_req(IotConcentratorOp op, const char *id, const char *src)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(op);

	if (id != NULL) {
		IotNodeRef n = { (char *)id, (char *)src, NULL };

		iot_concentrator_request_add_node(r, &n);
	} else {
		r->source_id = g_strdup(src);
	}
	return r;
}

xmlNode *
conc_submit(const char *var, ...)
{
	GString *xml = g_string_new("<x xmlns='jabber:x:data' type='submit'>");
	xmlDoc *doc;
	va_list ap;
	const char *v;

	va_start(ap, var);
	for (v = var; v != NULL; v = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);

		g_string_append_printf(xml, "<field var='%s'><value>%s</value></field>", v, value);
	}
	va_end(ap);
	g_string_append(xml, "</x>");
	doc = iot_xml_parse(xml->str, -1, NULL);
	g_string_free(xml, TRUE);
	ck_assert_ptr_nonnull(doc);
	return xmlDocGetRootElement(doc);
}

const IotConcentratorNode *
conc_node(const ConcGot *g, guint i)
{
	ck_assert_uint_lt(i, g->nodes->len);
	return g_ptr_array_index(g->nodes, i);
}

char *
conc_chat(const char *who, const char *body)
{
	char *reply = client_chat(who, body, 5000);

	ck_assert_msg(reply != NULL, "%s did not answer “%s”", who, body);
	return reply;
}
