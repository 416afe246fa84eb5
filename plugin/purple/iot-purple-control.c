/* iot-purple-control.c — /control in a chat with a thing. See iot-purple-control.h. */
#include "iot-purple-control.h"

#include "iot-cmdargs.h"
#include "iot-control-flow.h"
#include "iot-dynform.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-control-private.h"
#include "iot-purple-conv.h"
#include "iot-purple-control-learn.h"
#include "iot-purple-controllog.h"
#include "iot-purple-known.h"
#include "iot-purple-session.h"

#include <cmds.h>
#include <conversation.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <string.h>

static PurpleCmdId control_cmd;

/* One name=value as typed. */
typedef struct {
	char *name;
	char *input;
} Wanted;

/* What survives between the command and the answers: never a conversation or
 * connection pointer, only the account and names (DESIGN.md §3). */
typedef struct {
	int refs;
	PurpleAccount *account;
	char *conv_name;
	char *who;           /* bare JID shown to the user */
	GPtrArray *wanted;   /* (element-type Wanted); empty = list the parameters */
	GPtrArray *nodes;    /* (element-type IotNodeRef) */
	char *full_jid;      /* once resolved */
	IotGeneration gen;
	char *session;       /* (nullable) the XEP-0336 session of the form learnt */
	gboolean finished;   /* the one final message was written */
} Job;

static void
wanted_free(gpointer data)
{
	Wanted *w = data;

	g_free(w->name);
	g_free(w->input);
	g_free(w);
}

static void
node_ref_free(gpointer data)
{
	iot_node_ref_clear(data);
	g_free(data);
}

/* The form's session ends with the command, as a dialog's ends when it
 * closes: the thing need not keep it (XEP-0336 §3.6). */
static void
job_end_session(Job *j)
{
	IotPurpleSession *s;

	if (j->session != NULL && j->full_jid != NULL &&
	    (s = iot_purple_session_get(j->account)) != NULL)
		iot_dynform_send_cancel_session(s->table, j->full_jid, j->session,
		                                iot_purple_session_timeout_s() * 1000);
	g_free(j->session);
	j->session = NULL;
}

static Job *
job_ref(Job *j)
{
	j->refs++;
	return j;
}

static void
job_unref(gpointer data)
{
	Job *j = data;

	if (--j->refs > 0)
		return;
	/* Ended without its message (the account went): still over. */
	job_end_session(j);
	g_free(j->conv_name);
	g_free(j->who);
	g_ptr_array_unref(j->wanted);
	g_ptr_array_unref(j->nodes);
	g_free(j->full_jid);
	g_free(j);
}

/* Writes the command's one final message (plain text; escaped on the way). */
static void
job_say(Job *j, const char *title, const char *text, gboolean monospace)
{
	if (j->finished)
		return;
	j->finished = TRUE;
	job_end_session(j);
	iot_purple_conv_write(j->account, j->conv_name, title, text, monospace);
}

static void
job_say_take(Job *j, char *text)
{
	job_say(j, NULL, text, FALSE);
	g_free(text);
}

/* --- the arguments -------------------------------------------------------------- */

static gboolean
parse_args(Job *j, const char *line, GError **error)
{
	char **words = iot_cmdargs_split(line, error);
	guint i, k;

	if (words == NULL)
		return FALSE;
	for (i = 0; words[i] != NULL; i++) {
		const char *w = words[i], *eq;
		char *shown;
		Wanted *want;

		if (g_ascii_strcasecmp(w, "node") == 0) {
			if (!iot_cmdargs_take_node(words, &i, j->nodes,
			                           _("“node” needs the id of a node, e.g. /control node kitchen"), error))
				goto fail;
			continue;
		}
		shown = iot_format_clean(w, IOT_PURPLE_CONTROL_ECHO_CHARS);
		eq = strchr(w, '=');
		if (eq == NULL) {
			/* TRANSLATORS: %s is a word typed after /control. The examples
			 * are what may be typed: keep heater=on and the quotes. */
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("“%s” is not name=value. Write e.g. heater=on, and put values with "
			              "spaces in quotes: setpoint=\"21.5 °C\""),
			            shown);
			g_free(shown);
			goto fail;
		}
		if (eq == w) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			            _("“%s” has no parameter name before “=”."), shown);
			g_free(shown);
			goto fail;
		}
		g_free(shown);
		want = g_new0(Wanted, 1);
		want->name = g_strndup(w, eq - w);
		want->input = g_strdup(eq + 1);
		for (k = 0; k < j->wanted->len; k++) {
			if (strcmp(((Wanted *)g_ptr_array_index(j->wanted, k))->name, want->name) == 0) {
				shown = iot_format_clean(want->name, IOT_PURPLE_CONTROL_ECHO_CHARS);
				/* TRANSLATORS: a parameter was typed twice after /control. */
				g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
				            _("“%s” is given twice; give each parameter once."), shown);
				g_free(shown);
				wanted_free(want);
				goto fail;
			}
		}
		g_ptr_array_add(j->wanted, want);
	}
	g_strfreev(words);
	return TRUE;
fail:
	g_strfreev(words);
	return FALSE;
}

static char *
failure_text(const Job *j, const IotControlResult *r, const GError *error)
{
	char *text = iot_purple_control_refusals(j->who, r);

	return text != NULL ? text : iot_purple_control_error_sentence(j->who, error, TRUE);
}

typedef struct {
	Job *job;
	IotControlSet *sent;
	GArray *changes;    /* (element-type IotControlChange), for the control log */
	GPtrArray *strings; /* owns the changes' strings */
	IotPurpleControlLogTicket logged; /* the set in the control log, until its outcome */
} SetCall;

static void
set_call_free(gpointer data)
{
	SetCall *c = data;

	/* Ended without its callback: it stays "unknown" in the log. */
	iot_purple_controllog_abandon(c->logged);
	iot_control_set_free(c->sent);
	g_array_free(c->changes, TRUE);
	g_ptr_array_unref(c->strings);
	job_unref(c->job);
	g_free(c);
}

static void
set_cb(const IotControlResult *result, const GError *error, gpointer data)
{
	SetCall *c = data;
	Job *j = c->job;
	IotPurpleSession *s;
	char *text = error == NULL ? iot_purple_control_success_text(j->who, c->sent, result)
	                           : failure_text(j, result, error);

	purple_debug_info("xmpp-iot", "control set to %s ended: %s\n", j->full_jid,
	                  error ? error->message : (result->partial ? "partly applied" : "ok"));
	if (error == NULL && (s = iot_purple_session_get(j->account)) != NULL)
		/* What it now holds is what the next /control logs as "before". */
		iot_purple_known_note_set(s->known, j->full_jid, c->sent, result);
	iot_purple_controllog_finished(c->logged, result, error, error != NULL ? text : NULL);
	c->logged = 0;
	job_say_take(j, text);
}

/* Remembers @p set to @wire for the control log. */
static void
set_call_add_change(SetCall *c, const IotPurpleControlParam *p, const char *wire)
{
	IotControlChange ch = { 0 };

	g_ptr_array_add(c->strings, g_strdup(p->name));
	ch.param = g_ptr_array_index(c->strings, c->strings->len - 1);
	g_ptr_array_add(c->strings, g_strdup(wire));
	ch.new_value = g_ptr_array_index(c->strings, c->strings->len - 1);
	g_ptr_array_add(c->strings, g_strdup(p->before));
	ch.old_value = g_ptr_array_index(c->strings, c->strings->len - 1);
	g_array_append_val(c->changes, ch);
}

/* --- the steps ----------------------------------------------------------------------- */

/* Checks what was typed against @params; sends one set when all of it is fine,
 * else says why, one line per parameter, and sends nothing. */
static void
control_with(Job *j, const GPtrArray *params, gboolean from_form)
{
	IotControlSet *set = iot_control_set_new();
	GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
	gboolean unknown = FALSE;
	IotPurpleSession *s;
	SetCall *call = g_new0(SetCall, 1);
	guint i;

	call->job = job_ref(j);
	call->changes = g_array_new(FALSE, TRUE, sizeof(IotControlChange));
	call->strings = g_ptr_array_new_with_free_func(g_free);

	for (i = 0; i < j->nodes->len; i++) {
		const IotNodeRef *n = g_ptr_array_index(j->nodes, i);

		/* With the data source (and partition) the concentrator keeps it in. */
		iot_control_set_add_node(set, n->node_id, n->source_id, n->partition);
	}
	for (i = 0; i < j->wanted->len; i++) {
		const Wanted *w = g_ptr_array_index(j->wanted, i);
		const IotPurpleControlParam *p = iot_purple_control_find_param(params, w->name);
		GError *err = NULL;
		char *wire, *name;

		if (p == NULL) {
			name = iot_format_clean(w->name, IOT_PURPLE_CONTROL_ECHO_CHARS);
			/* TRANSLATORS: "thermostat@home.example has no parameter “fan”." */
			g_ptr_array_add(problems, g_strdup_printf(_("%s has no parameter “%s”."), j->who, name));
			g_free(name);
			unknown = TRUE;
			continue;
		}
		wire = iot_purple_control_parse_value(p, w->input, &err);
		if (wire == NULL) {
			g_ptr_array_add(problems, g_strdup(err->message));
			g_error_free(err);
			continue;
		}
		if (iot_control_set_add_param(set, p->name, p->type, wire, p->enum_type)) {
			set_call_add_change(call, p, wire);
		} else {
			name = iot_format_clean(p->name, IOT_PURPLE_CONTROL_ECHO_CHARS);
			/* TRANSLATORS: %s is a parameter whose value XML cannot carry. */
			g_ptr_array_add(problems, g_strdup_printf(_("%s holds characters that cannot be sent."),
			                                          name));
			g_free(name);
		}
		g_free(wire);
	}
	if (unknown) {
		char *known = iot_purple_control_known_names(params);

		if (params->len == 0)
			g_ptr_array_add(problems, g_strdup(from_form ? _("Its control form names no parameters.")
			                                             : _("It sent no control form and reports no values.")));
		else if (from_form)
			/* TRANSLATORS: after an unknown parameter; %s lists the form's parameters. */
			g_ptr_array_add(problems, g_strdup_printf(_("Its parameters are: %s."), known));
		else
			/* TRANSLATORS: after an unknown parameter of a thing without a
			 * control form; %s lists the names of its sensor values. */
			g_ptr_array_add(problems, g_strdup_printf(_("It sent no control form; the values it "
			                                            "reports are: %s."),
			                                          known));
		g_free(known);
	}
	if (problems->len > 0) {
		char *text;

		g_ptr_array_add(problems, NULL);
		text = g_strjoinv("\n", (char **)problems->pdata);
		purple_debug_info("xmpp-iot", "control of %s not sent: %s\n", j->full_jid, text);
		job_say_take(j, text);
		g_ptr_array_unref(problems);
		call->sent = set;
		set_call_free(call);
		return;
	}
	g_ptr_array_unref(problems);
	s = iot_purple_session_get(j->account);
	if (s == NULL) {
		job_say_take(j, g_strdup_printf(_("Controlling %s stopped: your account went offline."),
		                                 j->who));
		call->sent = set;
		set_call_free(call);
		return;
	}
	purple_debug_info("xmpp-iot", "controlling %s as %s: %u parameter(s)\n", j->full_jid,
	                  iot_generation_name(j->gen), set->params->len);
	call->sent = set;
	/* In the log as it goes out, so that it is there whatever happens next. */
	call->logged = iot_purple_controllog_sent(j->account, j->who, set->nodes,
	                                          (const IotControlChange *)call->changes->data,
	                                          call->changes->len);
	/* One iq, never sent again (iot-control-flow.h): each command is one request. */
	iot_control_set(s->table, j->full_jid, j->gen, set, iot_purple_session_timeout_s() * 1000,
	                set_cb, call, set_call_free);
}

static void
use_params(Job *j, const GPtrArray *params, gboolean from_form)
{
	if (j->wanted->len == 0) {
		char *text = iot_purple_control_format_list(j->who, params, from_form);
		/* TRANSLATORS: title above the parameter list; %s is the thing's address. */
		char *title = g_strdup_printf(_("Control parameters of %s"), j->who);

		job_say(j, title, text, TRUE);
		g_free(title);
		g_free(text);
		return;
	}
	control_with(j, params, from_form);
}

static void
learn_cb(const char *full_jid, IotGeneration gen, const GPtrArray *nodes, IotDataForm *form,
         const IotReadout *readout, const GError *error, gboolean read_instead, gpointer data)
{
	Job *j = data;
	GPtrArray *params;
	guint i;

	j->full_jid = g_strdup(full_jid);
	j->gen = gen;
	for (i = 0; nodes != NULL && i < nodes->len && i < j->nodes->len; i++)
		iot_node_ref_copy(g_ptr_array_index(j->nodes, i), g_ptr_array_index(nodes, i));
	if (error != NULL) {
		job_say_take(j, iot_purple_control_learn_error(j->who, error, read_instead));
		return;
	}
	if (form != NULL) {
		g_free(j->session);
		j->session = g_strdup(iot_dataform_session(form));
		params = iot_purple_control_params_from_form(form);
		use_params(j, params, TRUE);
		g_ptr_array_unref(params);
		iot_dataform_free(form);
		return;
	}
	params = iot_purple_control_params_from_readout(readout);
	use_params(j, params, FALSE);
	g_ptr_array_unref(params);
}

static PurpleCmdRet
control_cmd_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	IotPurpleSession *s = iot_purple_session_get(account);
	GError *perr = NULL;
	const char **names;
	char *note;
	Job *j;
	guint i;

	if (s == NULL) {
		*error = g_markup_escape_text(_("XMPP IoT is not active on this account yet; wait until it is online."), -1);
		return PURPLE_CMD_RET_FAILED;
	}
	j = g_new0(Job, 1);
	j->refs = 1;
	j->account = account;
	j->conv_name = g_strdup(purple_conversation_get_name(conv));
	j->who = iot_jid_bare(j->conv_name);
	if (j->who == NULL)
		j->who = g_strdup(j->conv_name);
	j->wanted = g_ptr_array_new_with_free_func(wanted_free);
	j->nodes = g_ptr_array_new_with_free_func(node_ref_free);
	if (!parse_args(j, args && args[0] ? args[0] : "", &perr)) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		job_unref(j);
		return PURPLE_CMD_RET_FAILED;
	}
	if (j->wanted->len > 0)
		/* TRANSLATORS: shown while a control is on its way; %s is the thing. */
		note = g_strdup_printf(_("Controlling %s…"), j->who);
	else
		/* TRANSLATORS: shown while /control lists a thing's parameters. */
		note = g_strdup_printf(_("Asking %s for its parameters…"), j->who);
	iot_purple_conv_write(account, j->conv_name, NULL, note, FALSE);
	g_free(note);
	names = g_new0(const char *, j->wanted->len + 1);
	for (i = 0; i < j->wanted->len; i++)
		names[i] = ((Wanted *)g_ptr_array_index(j->wanted, i))->name;
	/* The learning takes over our reference. */
	iot_purple_control_learn(account, j->conv_name, j->nodes->len > 0 ? j->nodes : NULL,
	                         j->wanted->len > 0 ? names : NULL, learn_cb, j, job_unref);
	g_free(names);
	return PURPLE_CMD_RET_OK;
}

void
iot_purple_control_register(void)
{
	/* The help text is shown as HTML: the angle brackets are escaped. */
	control_cmd = purple_cmd_register(
	    "control", "s", PURPLE_CMD_P_PLUGIN,
	    PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY | PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS,
	    "prpl-jabber", control_cmd_cb,
	    _("control [name=value …] [node &lt;id&gt; [source &lt;data source&gt;]]: set parameters "
	      "of this thing.<br>"
	      "/control — list its parameters with type, range and current value; "
	      "/control heater=on setpoint=21.5 — set both, in this order, in one request; "
	      "/control label=\"Living room\" — put values with spaces in quotes; "
	      "/control node dimmer Level=40 — a node behind a concentrator, whose data source is "
	      "asked of the concentrator unless given with “source”. "
	      "Values: on/off, numbers with or without their unit (21.5°C), colours (#FF8800), "
	      "dates (2024-05-01), times (08:00), durations (1h30m). "
	      "Nothing is sent unless every value fits, and a control is never sent twice."),
	    NULL);
}

void
iot_purple_control_unregister(void)
{
	if (control_cmd != 0)
		purple_cmd_unregister(control_cmd);
	control_cmd = 0;
}
