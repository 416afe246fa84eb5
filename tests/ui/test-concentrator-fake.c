/*
 * test-concentrator-fake.c — the fake concentrator of the concentrator
 * window's tests (see test-concentrator-fake.h).
 */
#include "test-concentrator-fake-private.h"

#include "iot-error.h"
#include "iot-model.h"

#include <check.h>
#include <string.h>

gboolean fake_under_check;

void
fake_failed(const char *file, int line, const char *what)
{
	if (fake_under_check)
		ck_abort_msg("%s:%d: %s", file, line, what);
	g_error("%s:%d: %s", file, line, what);
}



/* ---- the fake's tree ------------------------------------------------------------------- */

static char *
key(const char *source, const char *id)
{
	return g_strconcat(source, "/", id, NULL);
}

FakeNode *
fake_node(FakeConc *fc, const char *source, const char *id)
{
	char *k = key(source, id);
	FakeNode *n = g_hash_table_lookup(fc->nodes, k);

	g_free(k);
	return n;
}

static void
node_free(FakeNode *n)
{
	g_free(n->id);
	g_free(n->name);
	g_free(n->type);
	g_free(n->source);
	g_free(n->interval);
	g_ptr_array_unref(n->children);
	if (n->messages != NULL)
		g_ptr_array_unref(n->messages);
	g_free(n);
}

FakeNode *
add(FakeConc *fc, GPtrArray *roots, FakeNode *parent, const char *source, const char *id,
    const char *name, const char *type, IotNodeState state, const char *flags)
{
	FakeNode *n = g_new0(FakeNode, 1);

	n->id = g_strdup(id);
	n->name = g_strdup(name);
	n->type = g_strdup(type);
	n->source = g_strdup(source);
	n->state = state;
	n->readable = strchr(flags, 'r') != NULL;
	n->controllable = strchr(flags, 'c') != NULL;
	n->has_commands = strchr(flags, 'x') != NULL;
	n->parent = parent;
	n->children = g_ptr_array_new();
	n->interval = g_strdup("60");
	n->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
	g_ptr_array_add(parent != NULL ? parent->children : roots, n);
	g_hash_table_insert(fc->nodes, key(source, id), n);
	return n;
}

static void
message(FakeNode *n, gint64 ts, IotGtkConcMessageType type, const char *text)
{
	IotGtkConcMessage m = { ts, type, NULL, (char *)text };

	g_ptr_array_add(n->messages, iot_gtk_conc_message_copy(&m));
}

static void
build(FakeConc *fc)
{
	FakeNode *hall, *kitchen, *n, *area, *big;
	gint64 t0 = (gint64)1704874800 * G_USEC_PER_SEC; /* 2024-01-10 08:20:00 UTC */
	guint i, j;

	hall = add(fc, fc->home_roots, NULL, "Home", "hall", "Hall", "Room", IOT_NODE_STATE_NONE, "");
	add(fc, NULL, hall, "Home", "lamp1", "Desk lamp", "Lamp", IOT_NODE_STATE_NONE, "rcx");
	n = add(fc, NULL, hall, "Home", "therm", "Thermostat", "Thermostat",
	        IOT_NODE_STATE_WARNING_UNSIGNED, "rcx");
	message(n, t0, IOT_GTK_CONC_MESSAGE_WARNING, "Battery low");
	n = add(fc, NULL, hall, "Home", "door", "Front door", "Contact", IOT_NODE_STATE_ERROR_UNSIGNED,
	        "r");
	message(n, t0 - (gint64)3600 * G_USEC_PER_SEC, IOT_GTK_CONC_MESSAGE_INFORMATION, "Installed");
	message(n, t0, IOT_GTK_CONC_MESSAGE_ERROR, "No answer on M-Bus");
	kitchen = add(fc, fc->home_roots, NULL, "Home", "kitchen", "Kitchen", "Room",
	              IOT_NODE_STATE_NONE, "");
	add(fc, NULL, kitchen, "Home", "meter", "Power meter", "Meter", IOT_NODE_STATE_ERROR_SIGNED, "rx");
	add(fc, fc->home_roots, NULL, "Home", "evil", FAKE_HOSTILE_NAME, "<i>Type</i>",
	    IOT_NODE_STATE_INFORMATION, "r");
	add(fc, fc->garden_roots, NULL, "Garden", "valve", "Valve", "Valve", IOT_NODE_STATE_NONE, "c");

	for (i = 0; i < 100; i++) {
		char id[32], name[32];

		g_snprintf(id, sizeof id, "area%02u", i);
		g_snprintf(name, sizeof name, "Area %02u", i);
		area = add(fc, fc->metering_roots, NULL, "Metering", id, name, "Area", IOT_NODE_STATE_NONE,
		           "");
		for (j = 0; j < 100; j++) {
			IotNodeState s = IOT_NODE_STATE_NONE;

			if (i == 7 && j == 3)
				s = IOT_NODE_STATE_ERROR_UNSIGNED;
			else if (i == 7 && j == 4)
				s = IOT_NODE_STATE_ERROR_SIGNED;
			else if (i == 7 && j == 5)
				s = IOT_NODE_STATE_WARNING_UNSIGNED;
			g_snprintf(id, sizeof id, "meter%02u-%02u", i, j);
			g_snprintf(name, sizeof name, "Meter %02u-%02u", i, j);
			add(fc, NULL, area, "Metering", id, name, "Meter", s, "rx");
		}
	}
	big = add(fc, fc->metering_roots, NULL, "Metering", "big", "Big", "Area", IOT_NODE_STATE_NONE, "");
	for (j = 0; j < 1000; j++) {
		char id[32], name[32];

		g_snprintf(id, sizeof id, "big%04u", j);
		g_snprintf(name, sizeof name, "Big %04u", j);
		add(fc, NULL, big, "Metering", id, name, "Meter", IOT_NODE_STATE_NONE, "r");
	}
}

IotGtkConcNodeInfo *
fake_info(FakeNode *n)
{
	IotConcentratorNode *c = iot_concentrator_node_new(n->id);
	IotGtkConcNodeInfo *info;
	guint i;

	c->ref.source_id = g_strdup(n->source);
	c->display_name = g_strdup(n->name);
	c->node_type = g_strdup(n->type);
	c->state = n->state;
	c->has_children = n->children->len > 0 || strcmp(n->type, "Room") == 0;
	c->children_ordered = TRUE;
	c->readable = n->readable;
	c->controllable = n->controllable;
	c->has_commands = n->has_commands;
	c->parent_id = g_strdup(n->parent != NULL ? n->parent->id : NULL);
	c->last_changed = (gint64)1704874800 * G_USEC_PER_SEC;
	info = iot_gtk_conc_node_info_new(c);
	iot_gtk_conc_node_info_add_parameter(info, "interval", "Interval (s)", n->interval);
	iot_gtk_conc_node_info_add_parameter(info, "type", "Kind", n->type);
	info->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
	for (i = 0; i < n->messages->len; i++)
		g_ptr_array_add(info->messages, iot_gtk_conc_message_copy(g_ptr_array_index(n->messages, i)));
	return info;
}

void
fake_remove(FakeConc *fc, FakeNode *n)
{
	GPtrArray *list = n->parent != NULL ? n->parent->children
	                  : strcmp(n->source, "Home") == 0 ? fc->home_roots
	                  : strcmp(n->source, "Garden") == 0 ? fc->garden_roots
	                                                     : fc->metering_roots;
	char *k = key(n->source, n->id);

	while (n->children->len > 0)
		fake_remove(fc, g_ptr_array_index(n->children, 0));
	g_ptr_array_remove(list, n);
	g_hash_table_remove(fc->nodes, k);
	g_free(k);
}

GPtrArray *
list_of(FakeConc *fc, FakeNode *n)
{
	if (n->parent != NULL)
		return n->parent->children;
	return strcmp(n->source, "Home") == 0 ? fc->home_roots
	       : strcmp(n->source, "Garden") == 0 ? fc->garden_roots
	                                          : fc->metering_roots;
}

/* ---- forms and commands ------------------------------------------------------------------ */

static gboolean
delayed(gpointer data)
{
	FakeCall *c = data;

	c->timer = 0;
	answer(c);
	return FALSE;
}

static FakeCall *
call_new(FakeConc *fc, IotGtkConcRequest *req)
{
	FakeCall *c = g_new0(FakeCall, 1);

	c->fc = fc;
	c->req = req;
	c->kind = iot_gtk_conc_request_get_kind(req);
	FAKE_CHECK(iot_gtk_conc_request_get_window(req) == fc->win);
	fc->requests[c->kind]++;
	fc->n_requests++;
	return c;
}

static void
take_nodes(FakeCall *c, const GPtrArray *nodes)
{
	guint i;

	c->ids = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < nodes->len; i++) {
		const IotNodeRef *r = g_ptr_array_index(nodes, i);

		FAKE_CHECK(r->source_id != NULL);
		g_ptr_array_add(c->ids, g_strdup(r->node_id));
		if (c->source_id == NULL)
			c->source_id = g_strdup(r->source_id);
		if (c->ref.node_id == NULL)
			iot_node_ref_copy(&c->ref, r);
	}
}

/* Answers now, later, or when told. */
static void
dispatch(FakeCall *c)
{
	FakeConc *fc = c->fc;

	g_ptr_array_add(fc->pending, c);
	if (fc->manual)
		return;
	if (fc->delay_ms > 0)
		c->timer = g_timeout_add(fc->delay_ms, delayed, c);
	else
		answer(c);
}

/* ---- the ops ------------------------------------------------------------------------------------- */

static void
op_load(IotGtkConcRequest *req, const char *source_id, const IotNodeRef *parent, gpointer data)
{
	FakeCall *c = call_new(data, req);

	c->source_id = g_strdup(source_id);
	if (parent != NULL)
		iot_node_ref_copy(&c->ref, parent);
	dispatch(c);
}

static void
op_find(IotGtkConcRequest *req, const char *node_id, gpointer data)
{
	FakeCall *c = call_new(data, req);

	c->ids = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(c->ids, g_strdup(node_id));
	dispatch(c);
}

static void
op_list_commands(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data)
{
	FakeCall *c = call_new(data, req);

	take_nodes(c, nodes);
	dispatch(c);
}

static void
op_command_form(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *cmd,
                gpointer data)
{
	FakeCall *c = call_new(data, req);

	take_nodes(c, nodes);
	c->command = iot_gtk_conc_command_copy(cmd);
	dispatch(c);
}

static void
record_run(FakeConc *fc, FakeCall *c, const IotDataForm *form)
{
	GString *s = g_string_new(c->command->command);
	guint i;

	g_string_append_c(s, ':');
	for (i = 0; i < c->ids->len; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? "," : "", (char *)g_ptr_array_index(c->ids, i));
	g_ptr_array_add(fc->ran, g_string_free(s, FALSE));
	g_free(fc->last_form);
	fc->last_form = form_text(form);
}

static IotDataForm *
copy_form(const IotDataForm *form)
{
	IotDataForm *c;
	guint i;

	if (form == NULL)
		return NULL;
	c = iot_dataform_new(IOT_FORM_SUBMIT);
	for (i = 0; i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);

		field(c, f->type, f->var, NULL, iot_form_field_value(f));
	}
	return c;
}

static void
op_run_command(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *cmd,
               const IotDataForm *form, gpointer data)
{
	FakeCall *c = call_new(data, req);

	take_nodes(c, nodes);
	c->command = iot_gtk_conc_command_copy(cmd);
	c->form = copy_form(form);
	record_run(data, c, form);
	dispatch(c);
}

static void
op_abort_query(IotGtkConcRequest *req, gpointer data)
{
	FakeConc *fc = data;
	guint i;

	fc->n_aborts++;
	for (i = 0; i < fc->pending->len; i++) {
		FakeCall *c = g_ptr_array_index(fc->pending, i);

		if (c->req == req)
			c->aborted = TRUE;
	}
}

static void
op_parameters_form(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data)
{
	FakeCall *c = call_new(data, req);

	take_nodes(c, nodes);
	dispatch(c);
}

static void
op_set_parameters(IotGtkConcRequest *req, const GPtrArray *nodes, const IotDataForm *form,
                  const IotFormValues *baseline, gpointer data)
{
	FakeCall *c = call_new(data, req);
	FakeConc *fc = data;

	take_nodes(c, nodes);
	c->form = copy_form(form);
	g_free(fc->last_form);
	fc->last_form = form_text(form);
	dispatch(c);
}

static void
op_addable(IotGtkConcRequest *req, const IotNodeRef *parent, gpointer data)
{
	FakeCall *c = call_new(data, req);

	iot_node_ref_copy(&c->ref, parent);
	dispatch(c);
}

static void
op_new_node_form(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type, gpointer data)
{
	FakeCall *c = call_new(data, req);

	iot_node_ref_copy(&c->ref, parent);
	c->type = g_strdup(type);
	dispatch(c);
}

static void
op_create(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type,
          const IotDataForm *form, gpointer data)
{
	FakeCall *c = call_new(data, req);
	FakeConc *fc = data;

	iot_node_ref_copy(&c->ref, parent);
	c->type = g_strdup(type);
	c->form = copy_form(form);
	g_free(fc->last_form);
	fc->last_form = form_text(form);
	dispatch(c);
}

static void
op_delete(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data)
{
	FakeCall *c = call_new(data, req);

	take_nodes(c, nodes);
	dispatch(c);
}

static void
op_move(IotGtkConcRequest *req, const GPtrArray *nodes, gboolean up, gpointer data)
{
	FakeCall *c = call_new(data, req);

	take_nodes(c, nodes);
	c->up = up;
	dispatch(c);
}

static void
op_duplicate(IotGtkConcRequest *req, const IotNodeRef *node, gpointer data)
{
	FakeCall *c = call_new(data, req);

	iot_node_ref_copy(&c->ref, node);
	dispatch(c);
}

static void
op_subscribe(IotGtkConcRequest *req, const char *source_id, gpointer data)
{
	FakeCall *c = call_new(data, req);

	c->source_id = g_strdup(source_id);
	dispatch(c);
}

static void
op_unsubscribe(IotGtkConcentrator *win, const char *source_id, gpointer data)
{
	((FakeConc *)data)->n_unsubscribes++;
}

static void
op_cancel(IotGtkConcRequest *req, gpointer data)
{
	FakeConc *fc = data;
	guint i;

	FAKE_CHECK(iot_gtk_conc_request_get_window(req) == NULL);
	fc->n_cancels++;
	/* Stopped: answered at once, as a real owner would with "cancelled". */
	for (i = 0; i < fc->pending->len; i++) {
		FakeCall *c = g_ptr_array_index(fc->pending, i);

		if (c->req == req) {
			fail_call(c, IOT_ERROR_CANCELLED, "Cancelled");
			return;
		}
	}
}

static char *
ids_text(const GPtrArray *nodes)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < nodes->len; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? "," : "",
		                       ((const IotNodeRef *)g_ptr_array_index(nodes, i))->node_id);
	return g_string_free(s, FALSE);
}

static void
op_read(IotGtkConcentrator *win, const GPtrArray *nodes, gpointer data)
{
	g_ptr_array_add(((FakeConc *)data)->reads, ids_text(nodes));
}

static void
op_control(IotGtkConcentrator *win, const GPtrArray *nodes, gpointer data)
{
	g_ptr_array_add(((FakeConc *)data)->controls, ids_text(nodes));
}

static void
op_closed(IotGtkConcentrator *win, gpointer data)
{
	FakeConc *fc = data;

	fc->closed++;
	fc->win = NULL;
}

/* ---- life ------------------------------------------------------------------------------------------ */

FakeConc *
fake_conc_new(void)
{
	FakeConc *fc = g_new0(FakeConc, 1);
	IotGtkConcentratorOps ops = {
		op_load, op_find, op_list_commands, op_command_form, op_run_command, NULL,
		op_abort_query, op_parameters_form, op_set_parameters, op_addable, op_new_node_form,
		op_create, op_delete, op_move, op_duplicate, op_subscribe, op_unsubscribe, op_cancel,
		op_read, op_control, op_closed
	};

	/* A query is run like a command, with its own function. */
	ops.run_query = op_run_command;
	fc->ops = ops;
	fc->nodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)node_free);
	fc->home_roots = g_ptr_array_new();
	fc->garden_roots = g_ptr_array_new();
	fc->metering_roots = g_ptr_array_new();
	fc->pending = g_ptr_array_new();
	fc->fail = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_error_free);
	fc->reads = g_ptr_array_new_with_free_func(g_free);
	fc->controls = g_ptr_array_new_with_free_func(g_free);
	fc->ran = g_ptr_array_new_with_free_func(g_free);
	fc->subscribed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	fc->query_records = 50;
	fc->query_ticks = 5;
	build(fc);
	return fc;
}

IotGtkConcentrator *
fake_conc_open(FakeConc *fc)
{
	fc->win = iot_gtk_concentrator_new("hub@home.example/gw", &fc->ops, fc);
	/* Nothing is asked before the window is returned: from the main loop. */
	FAKE_CHECK(fc->n_requests == 0);
	while (gtk_events_pending())
		gtk_main_iteration_do(FALSE);
	return fc->win;
}

void
fake_answer_all(FakeConc *fc)
{
	gboolean manual = fc->manual;

	fc->manual = FALSE;
	while (fc->pending->len > 0) {
		FakeCall *c = g_ptr_array_index(fc->pending, 0);

		if (c->timer != 0 && c->kind == IOT_GTK_CONC_REQ_RUN_QUERY) {
			/* Streaming: its own timer ends it. */
			gtk_main_iteration_do(TRUE);
			continue;
		}
		if (c->timer != 0)
			g_source_remove(c->timer);
		c->timer = 0;
		answer(c);
	}
	fc->manual = manual;
}

guint
fake_pending(FakeConc *fc)
{
	return fc->pending->len;
}

void
fake_fail_next(FakeConc *fc, IotGtkConcRequestKind kind, int code, const char *text)
{
	g_hash_table_insert(fc->fail, GINT_TO_POINTER(kind), g_error_new_literal(IOT_ERROR, code, text));
}

void
fake_settle(FakeConc *fc)
{
	int i;

	for (i = 0; i < 1000 && (fc->pending->len > 0 || gtk_events_pending()); i++) {
		if (fc->pending->len > 0 && !fc->manual)
			fake_answer_all(fc);
		while (gtk_events_pending())
			gtk_main_iteration_do(FALSE);
	}
	while (gtk_events_pending())
		gtk_main_iteration_do(FALSE);
}

void
fake_conc_free(FakeConc *fc)
{
	if (fc->win != NULL)
		iot_gtk_concentrator_destroy(fc->win);
	FAKE_CHECK(fc->closed == 1);
	/* Every request the window made was answered, and only once. */
	FAKE_CHECK(fc->pending->len == 0);
	FAKE_CHECK(fc->n_answers == fc->n_requests);
	g_hash_table_destroy(fc->nodes);
	g_ptr_array_free(fc->home_roots, TRUE);
	g_ptr_array_free(fc->garden_roots, TRUE);
	g_ptr_array_free(fc->metering_roots, TRUE);
	g_ptr_array_free(fc->pending, TRUE);
	g_hash_table_destroy(fc->fail);
	g_ptr_array_unref(fc->reads);
	g_ptr_array_unref(fc->controls);
	g_ptr_array_unref(fc->ran);
	g_hash_table_destroy(fc->subscribed);
	g_free(fc->last_form);
	g_free(fc);
}
