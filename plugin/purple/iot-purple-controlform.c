/* iot-purple-controlform.c — a control dialog's requests. See iot-purple-controlform.h. */
#include "iot-purple-controlform.h"

#include "iot-control-flow.h"
#include "iot-dynform.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-control-learn.h"
#include "iot-purple-control-private.h"
#include "iot-purple-controllog.h"
#include "iot-purple-known.h"
#include "iot-purple-session.h"

#include <blist.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* Typed parameters of a form made from a readout: how each is sent. */
typedef struct {
	IotControlType type;
	char *enum_type; /* nullable */
} Typed;

/* A request under way. The controller may be freed while it runs: the
 * request then finds @cf NULL and only frees itself. */
typedef struct {
	IotPurpleControlForm *cf;
	char *who;            /* the thing, for the log when @cf is gone */
	PurpleAccount *account;
	char *full_jid;       /* sets only: the resource asked */
	IotControlSet *sent;  /* sets only */
	GArray *changes;      /* (element-type IotControlChange) sets only; strings in @strings */
	GPtrArray *strings;
	IotPurpleControlLogTicket logged; /* sets only: in the control log, until the outcome */
} Call;

struct _IotPurpleControlForm {
	PurpleAccount *account;
	char *who;
	GPtrArray *nodes;  /* (element-type IotNodeRef) empty: the thing itself; source and
	                    * partition given, or once learnt */
	const IotPurpleControlFormOps *ops;
	gpointer data;
	char *full_jid;    /* once learnt */
	IotGeneration gen;
	gboolean from_readout;  /* the form was made here: send typed parameters */
	GHashTable *typed;      /* var → Typed, for a form made from a readout */
	char *session;          /* the XEP-0336 session of the last form, nullable */
	guint learning;         /* learn handle */
	guint request;          /* post-back or set handle in the session's table */
	Call *call;             /* the request under way, or NULL */
};

static GList *live; /* every controller, for forms a thing pushes */

static void
typed_free(gpointer data)
{
	Typed *t = data;

	g_free(t->enum_type);
	g_free(t);
}

static void
node_ref_free(gpointer data)
{
	iot_node_ref_clear(data);
	g_free(data);
}

static void
remember_session(IotPurpleControlForm *cf, const IotDataForm *form)
{
	const char *session = iot_dataform_session(form);

	g_free(cf->session);
	cf->session = g_strdup(session);
}

/* --- a form for things that have none ------------------------------------------------ */

static const char *
datatype_for(IotControlType type, IotFormDatatype *dt)
{
	switch (type) {
	case IOT_CONTROL_INT: *dt = IOT_FORM_DT_INT; return "xs:int";
	case IOT_CONTROL_LONG: *dt = IOT_FORM_DT_LONG; return "xs:long";
	case IOT_CONTROL_DOUBLE: *dt = IOT_FORM_DT_DOUBLE; return "xs:double";
	case IOT_CONTROL_DATE: *dt = IOT_FORM_DT_DATE; return "xs:date";
	case IOT_CONTROL_DATETIME: *dt = IOT_FORM_DT_DATETIME; return "xs:dateTime";
	case IOT_CONTROL_TIME: *dt = IOT_FORM_DT_TIME; return "xs:time";
	case IOT_CONTROL_DURATION: *dt = IOT_FORM_DT_DURATION; return "xs:duration";
	case IOT_CONTROL_COLOR: *dt = IOT_FORM_DT_COLOR; return "xdc:Color";
	case IOT_CONTROL_BOOLEAN: *dt = IOT_FORM_DT_BOOLEAN; return "xs:boolean";
	default: *dt = IOT_FORM_DT_STRING; return "xs:string";
	}
}

/* XEP-0325 §5.2: the fields of the readout stand for the parameters (the
 * writable ones when the thing marks any); each becomes a field of the type
 * its value has, with the value it has now. */
static IotDataForm *
form_from_readout(IotPurpleControlForm *cf, const IotReadout *readout)
{
	IotDataForm *form = iot_dataform_new(IOT_FORM_FORM);
	gboolean any_writable = FALSE;
	guint i;

	g_hash_table_remove_all(cf->typed);
	for (i = 0; i < readout->fields->len && !any_writable; i++)
		any_writable = ((IotField *)g_ptr_array_index(readout->fields, i))->writable;
	for (i = 0; i < readout->fields->len; i++) {
		const IotField *f = g_ptr_array_index(readout->fields, i), *best;
		IotControlType type;
		IotFormField *field;
		Typed *t;

		if ((any_writable && !f->writable) || iot_dataform_find(form, f->name) != NULL)
			continue;
		best = iot_control_find_sensor_field(readout, f->name);
		if (best == NULL)
			continue;
		type = iot_control_type_for_sensor_field(best);
		field = iot_form_field_new(type == IOT_CONTROL_BOOLEAN ? IOT_FORM_FIELD_BOOLEAN
		                                                      : IOT_FORM_FIELD_TEXT_SINGLE,
		                           best->name);
		field->validated = TRUE;
		field->datatype_name = g_strdup(datatype_for(type, &field->datatype));
		field->label = best->unit != NULL && *best->unit != '\0'
		                   ? g_strdup_printf("%s (%s)", best->name, best->unit)
		                   : g_strdup(best->name);
		/* The readout knows the unit, so "21.5 °C" can be typed as well. */
		field->unit = g_strdup(best->unit);
		g_ptr_array_add(field->values, g_strdup(best->value));
		if (!iot_dataform_add_field(form, field))
			continue;
		t = g_new0(Typed, 1);
		t->type = type;
		t->enum_type = g_strdup(type == IOT_CONTROL_ENUM ? best->enum_type : NULL);
		g_hash_table_replace(cf->typed, g_strdup(best->name), t);
	}
	return form;
}

/* --- sentences -------------------------------------------------------------------- */

/* --- loading ------------------------------------------------------------------------ */

static void
learn_cb(const char *full_jid, IotGeneration gen, const GPtrArray *nodes, IotDataForm *form,
         const IotReadout *readout, const GError *error, gboolean read_instead, gpointer data)
{
	IotPurpleControlForm *cf = data;
	char *text;

	cf->learning = 0;
	g_free(cf->full_jid);
	cf->full_jid = g_strdup(full_jid);
	cf->gen = gen;
	/* Where the concentrator keeps the node: what every set must name. */
	if (nodes != NULL && nodes->len == cf->nodes->len) {
		guint i;

		for (i = 0; i < nodes->len; i++) {
			IotNodeRef *mine = g_ptr_array_index(cf->nodes, i);

			iot_node_ref_clear(mine);
			iot_node_ref_copy(mine, g_ptr_array_index(nodes, i));
		}
	}
	if (error != NULL) {
		text = iot_purple_control_learn_error(cf->who, error, read_instead);
		cf->ops->failed(cf, text, cf->data);
		g_free(text);
		return;
	}
	cf->from_readout = form == NULL;
	if (form == NULL)
		form = form_from_readout(cf, readout);
	else
		remember_session(cf, form);
	purple_debug_info("xmpp-iot", "control form of %s: %u field(s)%s\n", full_jid, form->fields->len,
	                  cf->from_readout ? " (from its readout)" : "");
	cf->ops->form(cf, form, FALSE, cf->data);
}

void
iot_purple_controlform_load(IotPurpleControlForm *cf)
{
	if (cf->learning != 0)
		iot_purple_control_learn_cancel(cf->learning);
	cf->learning = iot_purple_control_learn(cf->account, cf->who, cf->nodes, NULL, learn_cb, cf, NULL);
}

/* --- post-back ------------------------------------------------------------------------- */

static void
call_free(gpointer data)
{
	Call *c = data;

	if (c->cf != NULL && c->cf->call == c) {
		c->cf->call = NULL;
		c->cf->request = 0;
	}
	/* Ended without its callback: it stays "unknown" in the log. */
	iot_purple_controllog_abandon(c->logged);
	g_free(c->who);
	g_free(c->full_jid);
	iot_control_set_free(c->sent);
	if (c->changes != NULL)
		g_array_free(c->changes, TRUE);
	if (c->strings != NULL)
		g_ptr_array_unref(c->strings);
	g_free(c);
}

static void
post_back_cb(IotDataForm *form, const GError *error, gpointer data)
{
	Call *c = data;
	IotPurpleControlForm *cf = c->cf;
	char *text;

	if (cf == NULL) {
		iot_dataform_free(form);
		return;
	}
	/* The dialog may close (and free @cf) in the callbacks below. */
	c->cf = NULL;
	cf->call = NULL;
	cf->request = 0;
	if (form != NULL) {
		remember_session(cf, form);
		cf->ops->form(cf, form, TRUE, cf->data);
		return;
	}
	text = iot_purple_control_error_sentence(cf->who, error, FALSE);
	cf->ops->failed(cf, text, cf->data);
	g_free(text);
}

gboolean
iot_purple_controlform_post_back(IotPurpleControlForm *cf, const IotDataForm *form)
{
	IotPurpleSession *s = iot_purple_session_get(cf->account);

	if (iot_purple_controlform_busy(cf) || s == NULL || cf->full_jid == NULL || cf->from_readout)
		return FALSE;
	cf->call = g_new0(Call, 1);
	cf->call->cf = cf;
	cf->call->who = g_strdup(cf->who);
	cf->request = iot_dynform_post_back(s->table, cf->full_jid, form, NULL,
	                                    iot_purple_session_timeout_s() * 1000, post_back_cb,
	                                    cf->call, call_free);
	return TRUE;
}

/* --- sending ----------------------------------------------------------------------------- */

/* What the person changed, for the log: each field with its values before and after. */
static void
collect_changes(Call *c, const GPtrArray *changed, const IotFormValues *baseline)
{
	guint i;

	c->changes = g_array_new(FALSE, TRUE, sizeof(IotControlChange));
	c->strings = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < changed->len; i++) {
		const IotFormField *f = g_ptr_array_index(changed, i);
		const char *const *before = iot_form_values_get(baseline, f->var);
		IotControlChange ch = { 0 };
		char *old_v = before != NULL ? g_strjoinv("\n", (char **)before) : NULL;
		char *new_v = iot_form_field_values_text(f);

		g_ptr_array_add(c->strings, old_v);
		g_ptr_array_add(c->strings, new_v);
		g_ptr_array_add(c->strings, g_strdup(f->var));
		ch.param = g_ptr_array_index(c->strings, c->strings->len - 1);
		ch.old_value = old_v;
		ch.new_value = new_v;
		g_array_append_val(c->changes, ch);
	}
}

static char *
applied_sentence(const char *who, const IotControlResult *result, guint n)
{
	if (result->partial)
		/* TRANSLATORS: %s is the thing. */
		return g_strdup_printf(_("%s applied only part of the change; see the fields marked."),
		                       who);
	/* TRANSLATORS: after Send in the control dialog; %s is the thing. */
	return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%s applied the change.", "%s applied the %u changes.", n),
	                       who, n);
}

static void
set_cb(const IotControlResult *result, const GError *error, gpointer data)
{
	Call *c = data;
	IotPurpleControlForm *cf = c->cf;
	IotPurpleSession *s;
	char *text;

	if (error == NULL)
		text = applied_sentence(c->who, result, c->changes->len);
	else if (result->errors->len > 0)
		/* TRANSLATORS: the thing refused; its words are next to the fields. */
		text = g_strdup_printf(_("%s refused the change: %s"), c->who, error->message);
	else
		text = iot_purple_control_error_sentence(c->who, error, TRUE);
	purple_debug_info("xmpp-iot", "control dialog: set to %s ended: %s\n", c->who,
	                  error ? error->message : "ok");
	if (error == NULL && (s = iot_purple_session_get(c->account)) != NULL)
		iot_purple_known_note_set(s->known, c->full_jid, c->sent, result);
	/* Logged even when the dialog closed meanwhile: the thing acted (or not). */
	iot_purple_controllog_finished(c->logged, result, error, error != NULL ? text : NULL);
	c->logged = 0;
	if (cf != NULL) {
		/* The dialog may close (and free @cf) in its callback. */
		c->cf = NULL;
		cf->call = NULL;
		cf->request = 0;
		cf->ops->sent(cf, error == NULL, result, text, cf->data);
	}
	g_free(text);
}

/* Nothing invalid is ever sent, whoever calls. Only what is sent is checked:
 * a value the thing itself reports out of its own range is not the
 * person's to fix when they change something else. */
static gboolean
changes_valid(const GPtrArray *changed)
{
	guint i;

	for (i = 0; i < changed->len; i++)
		if (!iot_dataform_validate_field(g_ptr_array_index(changed, i), NULL))
			return FALSE;
	return TRUE;
}

/* A set the thing's way: its own form as a submit (XEP-0325 §3.3: only the
 * edited fields, with the session), or typed parameters for a form made from
 * its readout. */
static IotControlSet *
build_set(const IotPurpleControlForm *cf, const IotDataForm *form, const IotFormValues *baseline,
          const GPtrArray *changed)
{
	IotControlSet *set = iot_control_set_new();
	guint i;

	for (i = 0; i < cf->nodes->len; i++) {
		const IotNodeRef *n = g_ptr_array_index(cf->nodes, i);

		iot_control_set_add_node(set, n->node_id, n->source_id, n->partition);
	}
	if (!cf->from_readout) {
		iot_control_set_take_form(set, iot_dataform_build_submit(form, baseline, NULL));
		return set;
	}
	for (i = 0; i < changed->len; i++) {
		const IotFormField *f = g_ptr_array_index(changed, i);
		const Typed *t = g_hash_table_lookup(cf->typed, f->var);
		const char *value = iot_form_field_value(f);

		if (t == NULL || value == NULL ||
		    !iot_control_set_add_param(set, f->var, t->type, value, t->enum_type)) {
			iot_control_set_free(set);
			return NULL;
		}
	}
	return set;
}

gboolean
iot_purple_controlform_send(IotPurpleControlForm *cf, const IotDataForm *form,
                            const IotFormValues *baseline)
{
	IotPurpleSession *s = iot_purple_session_get(cf->account);
	GPtrArray *changed;
	IotControlSet *set;
	Call *c;

	if (iot_purple_controlform_busy(cf) || s == NULL || cf->full_jid == NULL)
		return FALSE;
	changed = iot_dataform_changed(form, baseline);
	if (changed->len == 0 || !changes_valid(changed) ||
	    (set = build_set(cf, form, baseline, changed)) == NULL) {
		g_ptr_array_unref(changed);
		return FALSE;
	}
	c = g_new0(Call, 1);
	c->cf = cf;
	c->who = g_strdup(cf->who);
	c->account = cf->account;
	c->full_jid = g_strdup(cf->full_jid);
	c->sent = set;
	collect_changes(c, changed, baseline);
	g_ptr_array_unref(changed);
	cf->call = c;
	purple_debug_info("xmpp-iot", "control dialog: sending %u change(s) to %s as %s\n",
	                  c->changes->len, cf->full_jid, iot_generation_name(cf->gen));
	/* In the log as it goes out, so that it is there whatever happens next. */
	c->logged = iot_purple_controllog_sent(c->account, c->who, set->nodes,
	                                       (const IotControlChange *)c->changes->data, c->changes->len);
	/* One iq, never sent again (iot-control-flow.h). */
	cf->request = iot_control_set(s->table, cf->full_jid, cf->gen, set,
	                              iot_purple_session_timeout_s() * 1000, set_cb, c, call_free);
	return TRUE;
}

/* --- forms a thing pushes ------------------------------------------------------------- */

gboolean
iot_purple_controlform_handle_updated(PurpleAccount *account, const char *from, const xmlNode *el)
{
	char *session = NULL;
	GError *error = NULL;
	IotDataForm *form = iot_dynform_parse_updated(el, &session, &error);
	GList *l;

	if (form == NULL) {
		if (error != NULL) {
			purple_debug_info("xmpp-iot", "unusable form update from %s: %s\n", from, error->message);
			g_error_free(error);
		}
		g_free(session);
		return FALSE;
	}
	for (l = live; l != NULL; l = l->next) {
		IotPurpleControlForm *cf = l->data;

		/* Only the thing the dialog talks to, only for its session, and
		 * never in the middle of a request: a push only changes what the
		 * person sees, it never sends anything. */
		if (cf->account != account || cf->full_jid == NULL || strcmp(cf->full_jid, from) != 0 ||
		    cf->session == NULL || g_strcmp0(session, cf->session) != 0 ||
		    iot_purple_controlform_busy(cf))
			continue;
		purple_debug_info("xmpp-iot", "%s pushed a new control form\n", from);
		cf->ops->form(cf, form, TRUE, cf->data);
		g_free(session);
		return TRUE;
	}
	purple_debug_info("xmpp-iot", "form update from %s for no open dialog; ignored\n", from);
	iot_dataform_free(form);
	g_free(session);
	return FALSE;
}

/* --- life cycle ------------------------------------------------------------------------ */

IotPurpleControlForm *
iot_purple_controlform_new_nodes(PurpleAccount *account, const char *who, const IotNodeRef *nodes,
                                 guint n_nodes, const IotPurpleControlFormOps *ops, gpointer data)
{
	IotPurpleControlForm *cf = g_new0(IotPurpleControlForm, 1);
	guint i;

	cf->account = account;
	cf->who = iot_jid_bare(who);
	if (cf->who == NULL)
		cf->who = g_strdup(who);
	cf->nodes = g_ptr_array_new_with_free_func(node_ref_free);
	for (i = 0; nodes != NULL && i < n_nodes; i++) {
		IotNodeRef *copy;

		if (nodes[i].node_id == NULL)
			continue;
		copy = g_new0(IotNodeRef, 1);
		iot_node_ref_copy(copy, &nodes[i]);
		g_ptr_array_add(cf->nodes, copy);
	}
	cf->ops = ops;
	cf->data = data;
	cf->typed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, typed_free);
	live = g_list_prepend(live, cf);
	return cf;
}

IotPurpleControlForm *
iot_purple_controlform_new(PurpleAccount *account, const char *who, const char *node_id,
                           const IotPurpleControlFormOps *ops, gpointer data)
{
	IotNodeRef node = { (char *)node_id, NULL, NULL };

	return iot_purple_controlform_new_nodes(account, who, &node, node_id != NULL ? 1 : 0, ops, data);
}

void
iot_purple_controlform_free(IotPurpleControlForm *cf)
{
	IotPurpleSession *s;

	if (cf == NULL)
		return;
	live = g_list_remove(live, cf);
	if (cf->learning != 0)
		iot_purple_control_learn_cancel(cf->learning);
	s = iot_purple_session_get(cf->account);
	if (cf->call != NULL) {
		Call *c = cf->call;
		guint request = cf->request;

		/* The request outlives us and must not call back. A post-back is
		 * stopped; a set runs to its end, so that the log says what the
		 * thing did with it. */
		c->cf = NULL;
		cf->call = NULL;
		if (s != NULL && request != 0 && c->sent == NULL)
			iot_request_table_cancel(s->table, request);
	}
	if (cf->session != NULL && cf->full_jid != NULL && s != NULL)
		iot_dynform_send_cancel_session(s->table, cf->full_jid, cf->session,
		                                iot_purple_session_timeout_s() * 1000);
	g_hash_table_destroy(cf->typed);
	g_free(cf->who);
	g_ptr_array_unref(cf->nodes);
	g_free(cf->full_jid);
	g_free(cf->session);
	g_free(cf);
}

gboolean
iot_purple_controlform_busy(const IotPurpleControlForm *cf)
{
	return cf->learning != 0 || cf->call != NULL;
}

const char *
iot_purple_controlform_who(const IotPurpleControlForm *cf)
{
	return cf->who;
}

const char *
iot_purple_controlform_node(const IotPurpleControlForm *cf)
{
	return cf->nodes->len > 0 ? ((const IotNodeRef *)g_ptr_array_index(cf->nodes, 0))->node_id : NULL;
}

guint
iot_purple_controlform_n_nodes(const IotPurpleControlForm *cf)
{
	return cf->nodes->len;
}

const IotNodeRef *
iot_purple_controlform_nth_node(const IotPurpleControlForm *cf, guint i)
{
	return i < cf->nodes->len ? g_ptr_array_index(cf->nodes, i) : NULL;
}

PurpleAccount *
iot_purple_controlform_account(const IotPurpleControlForm *cf)
{
	return cf->account;
}

char *
iot_purple_controlform_label(const IotPurpleControlForm *cf)
{
	PurpleBuddy *buddy = purple_find_buddy(cf->account, cf->who);
	const char *alias = buddy != NULL ? purple_buddy_get_alias(buddy) : NULL;
	char *name = alias != NULL && strcmp(alias, cf->who) != 0
	                 ? g_strdup_printf("%s (%s)", alias, cf->who)
	                 : g_strdup(cf->who);
	const char *first = iot_purple_controlform_node(cf);
	guint more = cf->nodes->len > 0 ? cf->nodes->len - 1 : 0;
	char *out;

	if (first == NULL)
		return name;
	if (more == 0)
		/* TRANSLATORS: a thing and one of its nodes, in a title. */
		out = g_strdup_printf(_("%s, node %s"), name, first);
	else
		/* TRANSLATORS: a thing and several of its nodes, in a title: the
		 * first node, then how many more. */
		out = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%s, node %s and %u other node",
		                                  "%s, node %s and %u other nodes", more),
		                      name, first, more);
	g_free(name);
	return out;
}
