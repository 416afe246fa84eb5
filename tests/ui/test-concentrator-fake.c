/*
 * test-concentrator-fake.c — the fake concentrator of the concentrator
 * window's tests (see test-concentrator-fake.h).
 */
#include "test-concentrator-fake.h"

#include "iot-error.h"
#include "iot-model.h"

#include <check.h>
#include <string.h>

gboolean fake_under_check;

/* A check test fails; a program without check's runner stops. */
static void
fake_failed(const char *file, int line, const char *what)
{
	if (fake_under_check)
		ck_abort_msg("%s:%d: %s", file, line, what);
	g_error("%s:%d: %s", file, line, what);
}

#define FAKE_CHECK(cond)                                                                            \
	do {                                                                                            \
		if (!(cond))                                                                                \
			fake_failed(__FILE__, __LINE__, #cond);                                                 \
	} while (0)

typedef struct {
	FakeConc *fc;
	IotGtkConcRequest *req;
	IotGtkConcRequestKind kind;
	char *source_id;
	IotNodeRef ref;           /* the node asked about (or the parent) */
	GPtrArray *ids;           /* the nodes, as ids */
	IotGtkConcCommand *command;
	char *type;
	IotDataForm *form;
	gboolean up, aborted;
	guint sent, timer;
} FakeCall;

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

static FakeNode *
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

static GPtrArray *
list_of(FakeConc *fc, FakeNode *n)
{
	if (n->parent != NULL)
		return n->parent->children;
	return strcmp(n->source, "Home") == 0 ? fc->home_roots
	       : strcmp(n->source, "Garden") == 0 ? fc->garden_roots
	                                          : fc->metering_roots;
}

/* ---- forms and commands ------------------------------------------------------------------ */

static IotFormField *
field(IotDataForm *form, IotFormFieldType type, const char *var, const char *label,
      const char *value)
{
	IotFormField *f = iot_form_field_new(type, var);

	f->label = g_strdup(label);
	if (value != NULL)
		g_ptr_array_add(f->values, g_strdup(value));
	iot_dataform_add_field(form, f);
	return f;
}

static IotDataForm *
int_form(const char *var, const char *label, const char *value, const char *min, const char *max)
{
	IotDataForm *form = iot_dataform_new(IOT_FORM_FORM);
	IotFormField *f = field(form, IOT_FORM_FIELD_TEXT_SINGLE, var, label, value);

	f->validated = TRUE;
	f->datatype = IOT_FORM_DT_INT;
	f->datatype_name = g_strdup("xs:int");
	f->min = g_strdup(min);
	f->max = g_strdup(max);
	return form;
}

static GPtrArray *
commands(void)
{
	GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_command_free);
	IotGtkConcCommand *c;

	c = iot_gtk_conc_command_new("setThreshold", "Set threshold", IOT_GTK_CONC_COMMAND_PARAMETERIZED);
	c->sort_category = g_strdup("Settings");
	c->success = g_strdup("Threshold set.");
	g_ptr_array_add(list, c);
	c = iot_gtk_conc_command_new("reset", "Reset", IOT_GTK_CONC_COMMAND_SIMPLE);
	g_ptr_array_add(list, c);
	c = iot_gtk_conc_command_new("searchLog", "Search log", IOT_GTK_CONC_COMMAND_QUERY);
	c->sort_category = g_strdup("Diagnostics");
	c->sort_key = g_strdup("2");
	g_ptr_array_add(list, c);
	c = iot_gtk_conc_command_new("ack", "Acknowledge", IOT_GTK_CONC_COMMAND_SIMPLE);
	c->sort_category = g_strdup("Alarms");
	c->confirmation = g_strdup("Acknowledge all alarms of this <b>node</b>?");
	c->success = g_strdup("Alarms acknowledged.");
	g_ptr_array_add(list, c);
	c = iot_gtk_conc_command_new("dump", "Dump registers", IOT_GTK_CONC_COMMAND_QUERY);
	c->sort_category = g_strdup("Diagnostics");
	c->sort_key = g_strdup("1");
	g_ptr_array_add(list, c);
	return list;
}

static char *
form_text(const IotDataForm *form)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; form != NULL && i < form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(form->fields, i);

		g_string_append_printf(s, "%s=%s;", f->var != NULL ? f->var : "",
		                       iot_form_field_value(f) != NULL ? iot_form_field_value(f) : "");
	}
	return g_string_free(s, FALSE);
}

static const char *
value_of(const IotDataForm *form, const char *var)
{
	IotFormField *f = form != NULL ? iot_dataform_find(form, var) : NULL;

	return f != NULL && iot_form_field_value(f) != NULL ? iot_form_field_value(f) : "";
}

static GPtrArray *
field_errors(const char *var, const char *text)
{
	GPtrArray *errors = g_ptr_array_new();
	IotControlParamError *e = g_new0(IotControlParamError, 1);

	e->name = g_strdup(var);
	e->text = g_strdup(text);
	g_ptr_array_add(errors, e);
	return errors;
}

static void
errors_free(GPtrArray *errors)
{
	guint i;

	for (i = 0; i < errors->len; i++) {
		IotControlParamError *e = g_ptr_array_index(errors, i);

		g_free(e->name);
		g_free(e->text);
		g_free(e);
	}
	g_ptr_array_free(errors, TRUE);
}

/* ---- answering -------------------------------------------------------------------------------- */

static void
call_free(FakeCall *c)
{
	if (c->timer != 0)
		g_source_remove(c->timer);
	g_free(c->source_id);
	iot_node_ref_clear(&c->ref);
	if (c->ids != NULL)
		g_ptr_array_unref(c->ids);
	iot_gtk_conc_command_free(c->command);
	g_free(c->type);
	iot_dataform_free(c->form);
	g_free(c);
}

/* Every answer goes through here: one per request (the window itself
 * fails a test with a critical on a second one). */
static void
mark_answered(FakeCall *c)
{
	c->fc->n_answers++;
	g_ptr_array_remove(c->fc->pending, c);
}

static void
fail_call(FakeCall *c, int code, const char *text)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, text);
	IotGtkConcRequest *req = c->req;

	mark_answered(c);
	call_free(c);
	iot_gtk_conc_request_fail(req, e);
	g_error_free(e);
}

static GPtrArray *
infos_of(GPtrArray *list)
{
	GPtrArray *infos = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_info_free);
	guint i;

	for (i = 0; list != NULL && i < list->len; i++)
		g_ptr_array_add(infos, fake_info(g_ptr_array_index(list, i)));
	return infos;
}

static IotConcentratorSource *
source(const char *id, const char *name, gboolean children)
{
	IotConcentratorSource *s = g_new0(IotConcentratorSource, 1);

	s->source_id = g_strdup(id);
	s->name = g_strdup(name);
	s->has_children = children;
	s->last_changed = IOT_TIME_UNKNOWN;
	return s;
}

static gboolean query_tick(gpointer data);

/* The event a subscribed window gets for a change it asked for. */
static void
event_for(FakeConc *fc, FakeNode *n, char kind, const char *after, gboolean up)
{
	IotNodeRef r = { n->id, n->source, NULL };
	IotGtkConcNodeInfo *info;

	if (fc->win == NULL || !g_hash_table_contains(fc->subscribed, n->source))
		return;
	switch (kind) {
	case 'a':
		info = fake_info(n);
		iot_gtk_concentrator_node_added(fc->win, info, after, NULL);
		iot_gtk_conc_node_info_free(info);
		break;
	case 'u':
		info = fake_info(n);
		iot_gtk_concentrator_node_updated(fc->win, info, NULL);
		iot_gtk_conc_node_info_free(info);
		break;
	case 'r':
		iot_gtk_concentrator_node_removed(fc->win, &r);
		break;
	case 'm':
		iot_gtk_concentrator_node_moved(fc->win, &r, up);
		break;
	}
}

static void
answer(FakeCall *c)
{
	FakeConc *fc = c->fc;
	IotGtkConcRequest *req = c->req;
	GError *failure = g_hash_table_lookup(fc->fail, GINT_TO_POINTER(c->kind));
	GPtrArray *list = NULL, *sources = NULL, *errors = NULL;
	FakeNode *n = c->ref.node_id != NULL ? fake_node(fc, c->ref.source_id, c->ref.node_id) : NULL;
	IotDataForm *form = NULL;
	guint i;

	if (failure != NULL) {
		GError *e = g_error_copy(failure);

		g_hash_table_remove(fc->fail, GINT_TO_POINTER(c->kind));
		fail_call(c, e->code, e->message);
		g_error_free(e);
		return;
	}
	switch (c->kind) {
	case IOT_GTK_CONC_REQ_LOAD_CHILDREN:
		if (c->source_id == NULL) {
			sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
			g_ptr_array_add(sources, source("Home", "Home", TRUE));
			g_ptr_array_add(sources, source("Metering", "Metering", FALSE));
		} else if (c->ref.node_id == NULL && strcmp(c->source_id, "Home") == 0) {
			sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
			g_ptr_array_add(sources, source("Garden", "Garden", FALSE));
			list = infos_of(fc->home_roots);
		} else if (c->ref.node_id == NULL) {
			list = infos_of(strcmp(c->source_id, "Garden") == 0 ? fc->garden_roots
			                                                     : fc->metering_roots);
		} else if (n == NULL) {
			fail_call(c, IOT_ERROR_NOT_FOUND, "No such node.");
			return;
		} else {
			list = infos_of(n->children);
		}
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_children(req, sources, list);
		break;
	case IOT_GTK_CONC_REQ_FIND_NODE:
		n = NULL;
		if (c->ids->len > 0) {
			GHashTableIter it;
			gpointer v;

			g_hash_table_iter_init(&it, fc->nodes);
			while (n == NULL && g_hash_table_iter_next(&it, NULL, &v))
				if (strcmp(((FakeNode *)v)->id, g_ptr_array_index(c->ids, 0)) == 0)
					n = v;
		}
		if (n == NULL) {
			fail_call(c, IOT_ERROR_UNKNOWN_NODE, g_ptr_array_index(c->ids, 0));
			return;
		}
		list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_info_free);
		for (; n != NULL; n = n->parent)
			g_ptr_array_add(list, fake_info(n));
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_nodes(req, list);
		break;
	case IOT_GTK_CONC_REQ_LIST_COMMANDS:
		list = commands();
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_commands(req, list);
		break;
	case IOT_GTK_CONC_REQ_COMMAND_FORM:
		if (strcmp(c->command->command, "setThreshold") == 0)
			form = int_form("threshold", "Threshold (%)", "30", "0", "100");
		else if (strcmp(c->command->command, "searchLog") == 0) {
			form = iot_dataform_new(IOT_FORM_FORM);
			field(form, IOT_FORM_FIELD_TEXT_SINGLE, "filter", "Text to look for", "error");
		}
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_form(req, form);
		break;
	case IOT_GTK_CONC_REQ_RUN_COMMAND:
		if (atoi(value_of(c->form, "threshold")) > 50)
			errors = field_errors("threshold", "The meter allows at most 50 %.");
		mark_answered(c);
		call_free(c);
		if (errors != NULL) {
			iot_gtk_conc_request_answer_form_errors(req, errors, NULL);
			errors_free(errors);
		} else {
			iot_gtk_conc_request_answer_done(req, NULL);
		}
		break;
	case IOT_GTK_CONC_REQ_RUN_QUERY: {
		GPtrArray *cols = g_ptr_array_new();
		IotGtkConcQueryColumn time = { "t", "Time", 0.0f }, level = { "l", "Level", 0.5f },
		                      text = { "x", "Text", 0.0f };

		iot_gtk_conc_query_started(req);
		iot_gtk_conc_query_title(req, strcmp(c->command->command, "dump") == 0 ? "Registers"
		                                                                         : "Log entries");
		iot_gtk_conc_query_begin_section(req, "Node");
		g_ptr_array_add(cols, &time);
		g_ptr_array_add(cols, &level);
		g_ptr_array_add(cols, &text);
		iot_gtk_conc_query_new_table(req, "log", "Log", cols);
		g_ptr_array_free(cols, TRUE);
		iot_gtk_conc_query_message(req, IOT_GTK_CONC_MESSAGE_INFORMATION, "Reading the log");
		/* The records come in steps; the end with the last. */
		c->timer = g_timeout_add(10, query_tick, c);
		break;
	}
	case IOT_GTK_CONC_REQ_PARAMETERS_FORM:
		form = int_form("interval", "Interval (s)", n != NULL ? n->interval : "60", "1", "3600");
		field(form, IOT_FORM_FIELD_TEXT_SINGLE, "name", "Name", n != NULL ? n->name : "");
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_form(req, form);
		break;
	case IOT_GTK_CONC_REQ_SET_PARAMETERS:
		if (strcmp(value_of(c->form, "name"), "") == 0)
			errors = field_errors("name", "A node needs a name.");
		list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_info_free);
		for (i = 0; errors == NULL && i < c->ids->len; i++) {
			FakeNode *m = fake_node(fc, c->source_id, g_ptr_array_index(c->ids, i));

			if (m == NULL)
				continue;
			g_free(m->name);
			m->name = g_strdup(value_of(c->form, "name"));
			g_free(m->interval);
			m->interval = g_strdup(value_of(c->form, "interval"));
			g_ptr_array_add(list, fake_info(m));
		}
		{
			GPtrArray *changed = g_ptr_array_new();

			for (i = 0; errors == NULL && i < c->ids->len; i++)
				if (fake_node(fc, c->source_id, g_ptr_array_index(c->ids, i)) != NULL)
					g_ptr_array_add(changed, fake_node(fc, c->source_id, g_ptr_array_index(c->ids, i)));
			mark_answered(c);
			call_free(c);
			if (errors != NULL) {
				iot_gtk_conc_request_answer_form_errors(req, errors, NULL);
				errors_free(errors);
			} else {
				iot_gtk_conc_request_answer_nodes(req, list);
			}
			for (i = 0; i < changed->len; i++)
				event_for(fc, g_ptr_array_index(changed, i), 'u', NULL, FALSE);
			g_ptr_array_free(changed, TRUE);
		}
		break;
	case IOT_GTK_CONC_REQ_ADDABLE_TYPES:
		list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_type_free);
		g_ptr_array_add(list, iot_gtk_conc_node_type_new("Lamp", "Lamp"));
		g_ptr_array_add(list, iot_gtk_conc_node_type_new("Valve", "Water valve"));
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_types(req, list);
		break;
	case IOT_GTK_CONC_REQ_NEW_NODE_FORM:
		form = iot_dataform_new(IOT_FORM_FORM);
		((IotFormField *)field(form, IOT_FORM_FIELD_TEXT_SINGLE, "id", "Node ID", ""))->required = TRUE;
		field(form, IOT_FORM_FIELD_TEXT_SINGLE, "name", "Name", c->type);
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_form(req, form);
		break;
	case IOT_GTK_CONC_REQ_CREATE_NODE: {
		FakeNode *m = NULL;

		if (fake_node(fc, c->ref.source_id, value_of(c->form, "id")) != NULL) {
			errors = field_errors("id", "That ID is taken.");
		} else if (n != NULL) {
			m = add(fc, NULL, n, n->source, value_of(c->form, "id"), value_of(c->form, "name"),
			        c->type, IOT_NODE_STATE_NONE, "r");
			list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_info_free);
			g_ptr_array_add(list, fake_info(m));
		}
		mark_answered(c);
		call_free(c);
		if (errors != NULL) {
			iot_gtk_conc_request_answer_form_errors(req, errors, NULL);
			errors_free(errors);
		} else {
			iot_gtk_conc_request_answer_nodes(req, list);
		}
		if (m != NULL)
			event_for(fc, m, 'a', NULL, FALSE);
		break;
	}
	case IOT_GTK_CONC_REQ_DELETE_NODES: {
		GPtrArray *gone = g_ptr_array_new_with_free_func(g_free);
		char *src = g_strdup(c->source_id);

		for (i = 0; i < c->ids->len; i++) {
			FakeNode *m = fake_node(fc, c->source_id, g_ptr_array_index(c->ids, i));

			if (m != NULL) {
				g_ptr_array_add(gone, g_strdup(m->id));
				fake_remove(fc, m);
			}
		}
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_done(req, NULL);
		for (i = 0; fc->win != NULL && g_hash_table_contains(fc->subscribed, src) && i < gone->len; i++) {
			IotNodeRef r = { g_ptr_array_index(gone, i), src, NULL };

			iot_gtk_concentrator_node_removed(fc->win, &r);
		}
		g_ptr_array_unref(gone);
		g_free(src);
		break;
	}
	case IOT_GTK_CONC_REQ_MOVE_NODES: {
		GPtrArray *moved = g_ptr_array_new();
		gboolean up = c->up;

		for (i = 0; i < c->ids->len; i++) {
			FakeNode *m = fake_node(fc, c->source_id, g_ptr_array_index(c->ids, c->up ? i : c->ids->len - 1 - i));
			GPtrArray *sib = m != NULL ? list_of(fc, m) : NULL;
			guint at;

			if (sib != NULL && g_ptr_array_find(sib, m, &at) &&
			    (c->up ? at > 0 : at + 1 < sib->len)) {
				guint to = c->up ? at - 1 : at + 1;

				sib->pdata[at] = sib->pdata[to];
				sib->pdata[to] = m;
				g_ptr_array_add(moved, m);
			}
		}
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_done(req, NULL);
		for (i = 0; i < moved->len; i++)
			event_for(fc, g_ptr_array_index(moved, i), 'm', NULL, up);
		g_ptr_array_free(moved, TRUE);
		break;
	}
	case IOT_GTK_CONC_REQ_DUPLICATE_NODE: {
		FakeNode *copy = NULL;
		char *after = n != NULL ? g_strdup(n->id) : NULL;

		if (n != NULL) {
			char *id = g_strconcat(n->id, "-copy", NULL), *name = g_strconcat(n->name, " (copy)", NULL);
			FakeNode *m = add(fc, NULL, n->parent, n->source, id, name, n->type, n->state, "r");
			guint at;

			/* Beside the original. */
			if (n->parent != NULL && g_ptr_array_find(n->parent->children, n, &at)) {
				g_ptr_array_remove(n->parent->children, m);
				g_ptr_array_insert(n->parent->children, (gint)at + 1, m);
			}
			list = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_node_info_free);
			g_ptr_array_add(list, fake_info(m));
			copy = m;
			g_free(id);
			g_free(name);
		}
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_nodes(req, list);
		if (copy != NULL)
			event_for(fc, copy, 'a', after, FALSE);
		g_free(after);
		break;
	}
	case IOT_GTK_CONC_REQ_SUBSCRIBE:
		g_hash_table_add(fc->subscribed, g_strdup(c->source_id));
		mark_answered(c);
		call_free(c);
		iot_gtk_conc_request_answer_done(req, NULL);
		break;
	}
	if (list != NULL)
		g_ptr_array_unref(list);
	if (sources != NULL)
		g_ptr_array_unref(sources);
}

static gboolean
query_tick(gpointer data)
{
	FakeCall *c = data;
	FakeConc *fc = c->fc;
	IotGtkConcRequest *req = c->req;
	guint per = MAX(1, fc->query_records / MAX(1, fc->query_ticks)), i;

	if (c->aborted) {
		c->timer = 0;
		fail_call(c, IOT_ERROR_CANCELLED, "Aborted");
		return FALSE;
	}
	for (i = 0; i < per && c->sent < fc->query_records; i++, c->sent++) {
		char t[32], x[64];
		const char *cells[3] = { t, c->sent % 3 == 0 ? "Error" : "Info", x };

		g_snprintf(t, sizeof t, "08:%02u:%02u", c->sent / 60 % 60, c->sent % 60);
		g_snprintf(x, sizeof x, c->sent == 1 ? "=HYPERLINK(\"x\", \"entry, %u\")" : "entry %u",
		           c->sent);
		iot_gtk_conc_query_record(req, "log", cells, 3);
	}
	if (c->sent < fc->query_records)
		return TRUE;
	c->timer = 0;
	iot_gtk_conc_query_table_done(req, "log");
	iot_gtk_conc_query_end_section(req);
	mark_answered(c);
	call_free(c);
	iot_gtk_conc_request_answer_done(req, NULL);
	return FALSE;
}

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
