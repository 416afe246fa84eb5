/* iot-purple-alert-finch-rule.c — a rule added or edited through
 * libpurple's request form (Finch, headless): the fields of Pidgin's rule
 * editor, checked on OK; a field that is wrong gets the reason beside it
 * (in its label) and the form comes back with everything as typed. */
#include "iot-purple-alert-private.h"

#include "iot-alert-form.h"
#include "iot-jid.h"

#include <debug.h>
#include <notify.h>
#include <request.h>

#include <glib/gi18n-lib.h>
#include <string.h>

/* What the form shows: the typed texts (owned) and the choices. */
typedef struct {
	PurpleAccount *account;
	char *node;
	char *texts[IOT_ALERT_FORM_N_FIELDS];
	IotAlertOp op;
	gboolean raise_alarm, latched, urgent, quiet, enabled;
	int priority;
} Values;

/* The form's string fields: id, label (plain text, as Finch shows it), form field. */
static const struct {
	const char *id;
	const char *label;
	IotAlertFormField field;
} strings[] = {
	{ "thing", N_("Thing (address)"), IOT_ALERT_FORM_THING },
	{ "field", N_("Field"), IOT_ALERT_FORM_FIELD },
	{ "warning", N_("Warning level"), IOT_ALERT_FORM_WARNING },
	{ "warning_high", N_("Warning band's high end"), IOT_ALERT_FORM_WARNING_HIGH },
	{ "alarm", N_("Alarm level"), IOT_ALERT_FORM_ALARM },
	{ "alarm_high", N_("Alarm band's high end"), IOT_ALERT_FORM_ALARM_HIGH },
	{ "after", N_("After (stale, offline; e.g. 10m, 90s)"), IOT_ALERT_FORM_AFTER },
	{ "hysteresis", N_("Hysteresis"), IOT_ALERT_FORM_HYSTERESIS },
	{ "for", N_("For at least (e.g. 10m; empty: at once)"), IOT_ALERT_FORM_FOR },
	{ "remind", N_("Remind every (e.g. 30m; empty: never)"), IOT_ALERT_FORM_REMIND },
	{ "quiet_from", N_("Quiet hours from (e.g. 22:00)"), IOT_ALERT_FORM_QUIET_FROM },
	{ "quiet_to", N_("Quiet hours to (e.g. 07:00)"), IOT_ALERT_FORM_QUIET_TO },
};

static void
values_clear(Values *v)
{
	guint i;

	g_free(v->node);
	for (i = 0; i < IOT_ALERT_FORM_N_FIELDS; i++)
		g_free(v->texts[i]);
	memset(v, 0, sizeof *v);
}

static void
values_of_rule(Values *v, const IotAlertRule *r)
{
	iot_alert_form_texts(r, v->texts);
	v->account = iot_purple_alert_account(r->account);
	v->node = g_strdup(r->node);
	v->op = r->op;
	v->raise_alarm = r->alarm.set;
	v->latched = r->latched;
	v->urgent = r->urgent;
	v->quiet = r->quiet.enabled;
	v->enabled = !r->disabled;
	v->priority = r->priority;
}

/* Returns: (transfer full): @label translated, with @problem beside it. */
static char *
label_with(const char *label, const char *problem)
{
	char *p, *out;

	if (problem == NULL)
		return g_strdup(_(label));
	p = g_markup_escape_text(problem, -1);
	/* TRANSLATORS: a field's label with what is wrong beside it: "Alarm level — not a number" */
	out = g_strdup_printf(_("%s — %s"), _(label), p);
	g_free(p);
	return out;
}

/* The handle of every open form: closed at unload. */
static int form_handle;

static void form_open(guint id, const Values *v, const char *const problems[], const char *secondary);

static const char *
get_string(PurpleRequestFields *fields, const char *id)
{
	const char *s = purple_request_fields_get_string(fields, id);

	return s != NULL ? s : "";
}

static void
form_ok(gpointer data, PurpleRequestFields *fields)
{
	guint id = GPOINTER_TO_UINT(data);
	IotAlertFormInput in = { 0 };
	const char *problems[IOT_ALERT_FORM_N_FIELDS];
	Values v = { 0 };
	IotAlertRule *r;
	GError *error = NULL;
	guint i;

	/* Everything as typed, kept for a second round. */
	v.account = purple_request_fields_get_account(fields, "account");
	v.node = g_strdup(get_string(fields, "node"));
	for (i = 0; i < G_N_ELEMENTS(strings); i++)
		v.texts[strings[i].field] = g_strdup(get_string(fields, strings[i].id));
	v.op = (IotAlertOp)CLAMP(purple_request_fields_get_choice(fields, "op"), 0, IOT_ALERT_OP_OFFLINE);
	v.raise_alarm = purple_request_fields_get_choice(fields, "raise") == 1;
	v.latched = purple_request_fields_get_bool(fields, "latched");
	v.urgent = purple_request_fields_get_bool(fields, "urgent");
	v.quiet = purple_request_fields_get_bool(fields, "quiet");
	v.enabled = purple_request_fields_get_bool(fields, "enabled");
	v.priority = purple_request_fields_get_integer(fields, "priority");

	in.thing = v.texts[IOT_ALERT_FORM_THING];
	in.node = v.node;
	in.field = v.texts[IOT_ALERT_FORM_FIELD];
	in.op = v.op;
	in.warning = v.texts[IOT_ALERT_FORM_WARNING];
	in.warning_high = v.texts[IOT_ALERT_FORM_WARNING_HIGH];
	in.alarm = v.texts[IOT_ALERT_FORM_ALARM];
	in.alarm_high = v.texts[IOT_ALERT_FORM_ALARM_HIGH];
	in.raise_alarm = v.raise_alarm;
	in.after = v.texts[IOT_ALERT_FORM_AFTER];
	in.hysteresis = v.texts[IOT_ALERT_FORM_HYSTERESIS];
	in.for_at_least = v.texts[IOT_ALERT_FORM_FOR];
	in.latched = v.latched;
	in.remind = v.texts[IOT_ALERT_FORM_REMIND];
	in.priority = v.priority;
	in.urgent = v.urgent;
	in.quiet = v.quiet;
	in.quiet_from = v.texts[IOT_ALERT_FORM_QUIET_FROM];
	in.quiet_to = v.texts[IOT_ALERT_FORM_QUIET_TO];
	in.enabled = v.enabled;
	r = iot_alert_form_read(&in, problems);
	if (r == NULL) {
		/* TRANSLATORS: the rule form came back: a field is wrong */
		form_open(id, &v, problems, _("Some fields need a change: the reason is beside each."));
	} else if (v.account == NULL) {
		form_open(id, &v, NULL, _("Choose the account the thing is on."));
	} else {
		char *bare = iot_jid_bare(r->thing);

		if (bare == NULL) {
			memset(problems, 0, sizeof problems);
			problems[IOT_ALERT_FORM_THING] = _("type the thing's address, e.g. boiler@example.org");
			form_open(id, &v, problems, _("Some fields need a change: the reason is beside each."));
		} else {
			iot_alert_rule_set_target(r, NULL, bare, r->node, r->field);
			if (id == 0 ? iot_purple_alert_rule_add(v.account, r, &error) == 0
			            : !iot_purple_alert_rule_edit(id, r, &error))
				form_open(id, &v, NULL, error != NULL ? error->message : _("The rule could not be saved."));
		}
		g_free(bare);
	}
	g_clear_error(&error);
	iot_alert_rule_free(r);
	values_clear(&v);
}

static void
add_string(PurpleRequestFieldGroup *g, guint i, const Values *v, const char *const problems[])
{
	char *label = label_with(strings[i].label, problems ? problems[strings[i].field] : NULL);
	PurpleRequestField *f = purple_request_field_string_new(strings[i].id, label, v->texts[strings[i].field], FALSE);

	purple_request_field_group_add_field(g, f);
	g_free(label);
}

static void
form_open(guint id, const Values *v, const char *const problems[], const char *secondary)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f;
	char *label;
	guint i;

	f = purple_request_field_account_new("account", _("Account"), v->account);
	purple_request_field_set_required(f, TRUE);
	purple_request_field_group_add_field(g, f);
	add_string(g, 0, v, problems); /* thing */
	f = purple_request_field_string_new("node", _("Node (optional)"), v->node, FALSE);
	purple_request_field_group_add_field(g, f);
	add_string(g, 1, v, problems); /* field */
	f = purple_request_field_choice_new("op", _("Condition"), (int)v->op);
	for (i = 0; i <= IOT_ALERT_OP_OFFLINE; i++)
		purple_request_field_choice_add(f, iot_alert_op_text((IotAlertOp)i));
	purple_request_field_group_add_field(g, f);
	for (i = 2; i < 6; i++) /* the levels and bands */
		add_string(g, i, v, problems);
	/* TRANSLATORS: the rule form: what changed/stale/offline rules raise */
	f = purple_request_field_choice_new("raise", _("Raise as (changed, stale, offline)"), v->raise_alarm ? 1 : 0);
	purple_request_field_choice_add(f, iot_alert_severity_text(IOT_ALERT_WARNING));
	purple_request_field_choice_add(f, iot_alert_severity_text(IOT_ALERT_ALARM));
	purple_request_field_group_add_field(g, f);
	for (i = 6; i < 9; i++) /* after, hysteresis, for at least */
		add_string(g, i, v, problems);
	purple_request_field_group_add_field(
	    g, purple_request_field_bool_new("latched", _("Latched: stays in alarm until acknowledged and normal again"),
	                                     v->latched));
	add_string(g, 9, v, problems); /* remind */
	label = label_with(N_("Priority"), problems ? problems[IOT_ALERT_FORM_PRIORITY] : NULL);
	purple_request_field_group_add_field(g, purple_request_field_int_new("priority", label, v->priority));
	g_free(label);
	purple_request_field_group_add_field(
	    g, purple_request_field_bool_new("urgent", _("Urgent: alarms come through quiet hours"), v->urgent));
	purple_request_field_group_add_field(g, purple_request_field_bool_new("quiet", _("Quiet hours"), v->quiet));
	for (i = 10; i < G_N_ELEMENTS(strings); i++)
		add_string(g, i, v, problems);
	purple_request_field_group_add_field(g, purple_request_field_bool_new("enabled", _("Enabled"), v->enabled));
	purple_request_fields_add_group(fields, g);
	purple_request_fields(&form_handle, _("Alert rules"),
	                      id == 0 ? _("New alert rule") : _("Edit alert rule"), secondary, fields,
	                      id == 0 ? _("_Add") : _("_Save"), G_CALLBACK(form_ok), _("_Cancel"), NULL, v->account,
	                      NULL, NULL, GUINT_TO_POINTER(id));
}

void
iot_purple_alert_finch_rule_form(PurpleAccount *account, const char *thing, guint id)
{
	Values v = { 0 };

	if (id != 0) {
		IotAlertRule *r = iot_purple_alert_rule_get(id);

		if (r == NULL)
			return;
		values_of_rule(&v, r);
		iot_alert_rule_free(r);
	} else {
		v.account = account;
		v.texts[IOT_ALERT_FORM_THING] = g_strdup(thing);
		v.raise_alarm = TRUE;
		v.enabled = TRUE;
	}
	form_open(id, &v, NULL, NULL);
	values_clear(&v);
}

void
iot_purple_alert_finch_rule_shutdown(void)
{
	purple_request_close_with_handle(&form_handle);
}
