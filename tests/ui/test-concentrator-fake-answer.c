/*
 * test-concentrator-fake-answer.c — how the fake concentrator answers: the
 * children of its tree, a node and its ancestors, commands and their forms,
 * runs and their refusals, queries in steps, parameters, node types,
 * creations, deletions, moves, copies, subscriptions — and, to a
 * subscribed window, the events of the changes it asked for.
 */
#include "test-concentrator-fake-private.h"

#include "iot-error.h"
#include "iot-model.h"

#include <stdlib.h>
#include <string.h>

IotFormField *
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

char *
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

void
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

void
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

void
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
			if (fc->contradict && strcmp(n->id, "hall") == 0) {
				g_ptr_array_add(list, fake_info(n));
				g_ptr_array_add(list, fake_info(fake_node(fc, "Home", "kitchen")));
				g_ptr_array_add(list, fake_info(g_ptr_array_index(n->children, 0)));
			}
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
