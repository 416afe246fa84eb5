/* iot-purple-concentrator-chat.c — /nodes and /node. See iot-purple-concentrator-chat.h. */
#include "iot-purple-concentrator-chat.h"

#include "iot-cmdargs.h"
#include "iot-concentrator-chat-text.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-concentrator.h"
#include "iot-purple-conv.h"
#include "iot-purple-session.h"

#include <cmds.h>
#include <conversation.h>
#include <glib/gi18n-lib.h>

/* Limits of what one command asks and shows. */
#define OUTLINE_DEPTH 3      /* levels of nodes below a data source */
#define OUTLINE_REQUESTS 40  /* requests one /nodes sends at most */
#define LOCATE_SOURCES 64    /* data sources a node id is looked for in */

static PurpleCmdId nodes_cmd, node_cmd;

typedef enum { MODE_OUTLINE, MODE_CHILDREN, MODE_SHOW, MODE_RUN } Mode;

typedef enum { WORK_CHILD_SOURCES, WORK_ROOT_NODES, WORK_CHILD_NODES } WorkKind;

typedef struct {
	WorkKind kind;
	IotConcChatItem *target; /* borrowed from the job's outline */
	char *source_id;
	IotNodeRef ref;
	guint depth;
} Work;

/* What survives between the command and the answers: the account and names,
 * never a conversation (DESIGN.md §3). Freed when the last answer is shown. */
typedef struct {
	PurpleAccount *account;
	char *conv_name, *who;
	Mode mode;
	char *node_id, *source_given, *command_id;
	char **assignments; /* name=value … of a run */
	/* the outline */
	IotConcChatItem *root;
	GQueue work;
	guint requests;
	/* looking for a node */
	GPtrArray *sources;     /* (element-type char*) to look in */
	guint source_i;
	GPtrArray *hits;        /* (element-type IotConcentratorNode) */
	IotConcentratorNode *node;
	IotConcentratorCommand *command;
} Job;

static void
work_free(Work *w)
{
	g_free(w->source_id);
	iot_node_ref_clear(&w->ref);
	g_free(w);
}

static void
job_free(Job *j)
{
	Work *w;

	while ((w = g_queue_pop_head(&j->work)) != NULL)
		work_free(w);
	iot_conc_chat_item_free(j->root);
	g_free(j->conv_name);
	g_free(j->who);
	g_free(j->node_id);
	g_free(j->source_given);
	g_free(j->command_id);
	g_strfreev(j->assignments);
	if (j->sources != NULL)
		g_ptr_array_unref(j->sources);
	if (j->hits != NULL)
		g_ptr_array_unref(j->hits);
	iot_concentrator_node_free(j->node);
	iot_concentrator_command_free(j->command);
	g_free(j);
}

static void
job_say(Job *j, const char *title, const char *text, gboolean mono)
{
	iot_purple_conv_write(j->account, j->conv_name, title, text, mono);
}

static void
job_fail(Job *j, const GError *error)
{
	char *text = iot_format_error(j->who, error, iot_purple_session_timeout_s());

	job_say(j, NULL, text, FALSE);
	g_free(text);
	job_free(j);
}

/* --- the outline ---------------------------------------------------------------------- */

static void outline_next(Job *j);

static void
outline_push(Job *j, WorkKind kind, IotConcChatItem *target, const char *source_id, const IotNodeRef *ref,
             guint depth)
{
	Work *w = g_new0(Work, 1);

	w->kind = kind;
	w->target = target;
	w->source_id = g_strdup(source_id);
	if (ref != NULL)
		iot_node_ref_copy(&w->ref, ref);
	w->depth = depth;
	g_queue_push_tail(&j->work, w);
}

static void
add_nodes(Job *j, Work *w, const GPtrArray *nodes, guint dropped)
{
	guint i;

	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		const IotConcentratorNode *n = g_ptr_array_index(nodes, i);
		IotConcChatItem *it = iot_conc_chat_item_add_node(w->target, n);

		if (it != NULL && n->has_children) {
			if (w->depth + 1 < OUTLINE_DEPTH)
				outline_push(j, WORK_CHILD_NODES, it, w->source_id, &n->ref, w->depth + 1);
			else
				it->unexpanded = TRUE;
		}
	}
	w->target->more += dropped;
}

static void
outline_answer(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
               const GError *error, gpointer data)
{
	Job *j = data;
	Work *w = g_queue_pop_head(&j->work);
	guint i;

	(void)account;
	(void)concentrator;
	if (error != NULL) {
		if (w->target == j->root && w->kind == WORK_CHILD_SOURCES) {
			work_free(w);
			job_fail(j, error);
			return;
		}
		iot_conc_chat_item_set_error(w->target, error->message);
	} else if (w->kind == WORK_CHILD_SOURCES) {
		for (i = 0; reply->sources != NULL && i < reply->sources->len; i++) {
			const IotConcentratorSource *s = g_ptr_array_index(reply->sources, i);
			IotConcChatItem *it = iot_conc_chat_item_add_source(w->target, s);

			if (it == NULL)
				continue;
			if (j->mode == MODE_OUTLINE)
				outline_push(j, WORK_ROOT_NODES, it, s->source_id, NULL, 0);
			if (s->has_children)
				outline_push(j, WORK_CHILD_SOURCES, it, s->source_id, NULL, 0);
		}
		w->target->more += reply->dropped;
	} else {
		add_nodes(j, w, reply->nodes, reply->dropped);
	}
	work_free(w);
	outline_next(j);
}

static void
outline_finish(Job *j)
{
	char *text, *title;

	text = iot_conc_chat_item_print(j->root);
	if (j->mode == MODE_CHILDREN)
		/* TRANSLATORS: title of /nodes <id>: the node id and the concentrator. */
		title = g_strdup_printf(_("Nodes under %s at %s"), j->node_id, j->who);
	else
		/* TRANSLATORS: title of /nodes; %s is the concentrator's address. */
		title = g_strdup_printf(_("Data sources and nodes of %s"), j->who);
	job_say(j, title, text, TRUE);
	g_free(title);
	g_free(text);
	job_free(j);
}

static void
outline_next(Job *j)
{
	Work *w = g_queue_peek_head(&j->work);

	if (w == NULL) {
		outline_finish(j);
		return;
	}
	if (j->requests >= OUTLINE_REQUESTS) {
		/* What was not asked is marked in the outline, not guessed. */
		while ((w = g_queue_pop_head(&j->work)) != NULL) {
			w->target->unexpanded = TRUE;
			work_free(w);
		}
		j->root->requests_cut = TRUE;
		outline_finish(j);
		return;
	}
	j->requests++;
	switch (w->kind) {
	case WORK_CHILD_SOURCES:
		iot_purple_concentrator_browse_sources(j->account, j->who, w->source_id, outline_answer, j, NULL);
		break;
	case WORK_ROOT_NODES:
		iot_purple_concentrator_browse_nodes(j->account, j->who, w->source_id, NULL, FALSE, outline_answer, j,
		                                     NULL);
		break;
	case WORK_CHILD_NODES:
		iot_purple_concentrator_browse_nodes(j->account, j->who, w->source_id, &w->ref, FALSE, outline_answer,
		                                     j, NULL);
		break;
	}
}

/* --- finding a node ----------------------------------------------------------------------- */

static void node_found(Job *j);
static void locate_next(Job *j);

static void
locate_answer(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
              const GError *error, gpointer data)
{
	Job *j = data;

	(void)account;
	(void)concentrator;
	if (error != NULL) {
		/* A source that does not have the node (or hides it) is passed over;
		 * with a source given by the person, that is the answer. */
		if (j->source_given == NULL &&
		    (g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_FOUND) ||
		     g_error_matches(error, IOT_ERROR, IOT_ERROR_UNKNOWN_NODE) ||
		     g_error_matches(error, IOT_ERROR, IOT_ERROR_REJECTED))) {
			j->source_i++;
			locate_next(j);
			return;
		}
		job_fail(j, error);
		return;
	}
	if (reply->nodes != NULL && reply->nodes->len > 0) {
		IotConcentratorNode *n = iot_concentrator_node_copy(g_ptr_array_index(reply->nodes, 0));

		if (n->ref.source_id == NULL)
			n->ref.source_id = g_strdup(g_ptr_array_index(j->sources, j->source_i));
		g_ptr_array_add(j->hits, n);
	}
	j->source_i++;
	locate_next(j);
}

static void
locate_next(Job *j)
{
	IotNodeRef ref = { 0 };

	if (j->source_i >= j->sources->len) {
		if (j->hits->len == 1) {
			j->node = g_ptr_array_steal_index(j->hits, 0);
			node_found(j);
		} else {
			char *text = iot_conc_chat_text_not_found(j->who, j->node_id, j->hits,
			                                     j->mode == MODE_CHILDREN ? "nodes" : "node");
			job_say(j, NULL, text, TRUE);
			g_free(text);
			job_free(j);
		}
		return;
	}
	ref.node_id = j->node_id;
	ref.source_id = g_ptr_array_index(j->sources, j->source_i);
	iot_purple_concentrator_get_node(j->account, j->who, &ref, locate_answer, j, NULL);
}

/* The data sources to look in: all of them, breadth first, bounded. */
static void
locate_sources_answer(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
                      const GError *error, gpointer data)
{
	Job *j = data;
	guint i;

	(void)account;
	(void)concentrator;
	if (error != NULL) {
		job_fail(j, error);
		return;
	}
	for (i = 0; reply->sources != NULL && i < reply->sources->len && j->sources->len < LOCATE_SOURCES; i++) {
		const IotConcentratorSource *s = g_ptr_array_index(reply->sources, i);

		g_ptr_array_add(j->sources, g_strdup(s->source_id));
		if (s->has_children)
			outline_push(j, WORK_CHILD_SOURCES, NULL, s->source_id, NULL, 0);
	}
	if (!g_queue_is_empty(&j->work) && j->sources->len < LOCATE_SOURCES) {
		Work *w = g_queue_pop_head(&j->work);

		iot_purple_concentrator_browse_sources(j->account, j->who, w->source_id, locate_sources_answer, j,
		                                       NULL);
		work_free(w);
		return;
	}
	locate_next(j);
}

static void
locate_start(Job *j)
{
	j->sources = g_ptr_array_new_with_free_func(g_free);
	j->hits = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	if (j->source_given != NULL) {
		g_ptr_array_add(j->sources, g_strdup(j->source_given));
		locate_next(j);
		return;
	}
	iot_purple_concentrator_browse_sources(j->account, j->who, NULL, locate_sources_answer, j, NULL);
}

/* --- one node ------------------------------------------------------------------------ */

static void run_start(Job *j, const GPtrArray *commands);

static void
show_commands(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
              const GError *error, gpointer data)
{
	Job *j = data;
	char *text, *title;

	(void)account;
	(void)concentrator;
	if (j->mode == MODE_RUN) {
		if (error != NULL) {
			job_fail(j, error);
			return;
		}
		run_start(j, reply->commands);
		return;
	}
	text = iot_conc_chat_text_node(j->node, error == NULL ? reply->commands : NULL,
	                          error == NULL ? reply->dropped : 0, error);
	/* TRANSLATORS: title of /node; the node id and the concentrator. */
	title = g_strdup_printf(_("Node %s at %s"), j->node->ref.node_id, j->who);
	job_say(j, title, text, TRUE);
	g_free(title);
	g_free(text);
	job_free(j);
}

static void
node_found(Job *j)
{
	IotConcChatItem *it;

	switch (j->mode) {
	case MODE_CHILDREN:
		j->root = iot_conc_chat_item_new();
		it = iot_conc_chat_item_add_node(j->root, j->node);
		outline_push(j, WORK_CHILD_NODES, it, j->node->ref.source_id, &j->node->ref, 0);
		outline_next(j);
		return;
	case MODE_SHOW:
		if (!j->node->has_commands) {
			show_commands(j->account, NULL, NULL, NULL, j);
			return;
		}
		/* fall through */
	case MODE_RUN:
		iot_purple_concentrator_commands(j->account, j->who, &j->node->ref, 1, show_commands, j, NULL);
		return;
	case MODE_OUTLINE:
		break;
	}
	g_assert_not_reached();
}

/* --- running a command ------------------------------------------------------------------ */

static void
run_say_error(Job *j, const GError *error, const IotConcentratorReply *refusal)
{
	char *base = iot_format_error(j->who, error, iot_purple_session_timeout_s());
	char *text = iot_conc_chat_text_run_error(base, j->command, refusal);

	g_free(base);

	job_say(j, NULL, text, FALSE);
	g_free(text);
	job_free(j);
}

static void
run_done(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
         const GError *error, gpointer data)
{
	Job *j = data;
	char *text;

	(void)account;
	(void)concentrator;
	if (error != NULL) {
		run_say_error(j, error, reply);
		return;
	}
	text = iot_conc_chat_text_run_done(j->node->ref.node_id, j->command);
	job_say(j, NULL, text, FALSE);
	g_free(text);
	job_free(j);
}

static void
query_end(guint handle, const GError *error, const IotConcentratorReply *refusal, const IotQueryResult *result,
          gpointer data)
{
	Job *j = data;
	char *text, *title;

	(void)handle;
	if (error != NULL && result == NULL) {
		run_say_error(j, error, refusal);
		return;
	}
	text = iot_conc_chat_text_query(result, error);
	/* TRANSLATORS: title of a query's result in a chat: the command and the node. */
	title = g_strdup_printf(_("%s on %s"), j->command->name, j->node->ref.node_id);
	job_say(j, title, text, TRUE);
	g_free(title);
	g_free(text);
	job_free(j);
}

static const IotPurpleConcentratorQueryFuncs query_funcs = { NULL, query_end };

static void
run_with_form(Job *j, const xmlNode *submit)
{
	IotConcentratorRequest *req;

	if (j->command->type != IOT_COMMAND_QUERY) {
		iot_purple_concentrator_run_command(j->account, j->who, &j->node->ref, 1, j->command->id, submit,
		                                    run_done, j, NULL);
		return;
	}
	req = iot_concentrator_request_new(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY);
	iot_concentrator_request_add_node(req, &j->node->ref);
	req->command = g_strdup(j->command->id);
	iot_concentrator_request_set_form(req, submit);
	iot_purple_concentrator_query_start(j->account, j->who, req, &query_funcs, j, NULL);
	iot_concentrator_request_free(req);
}

static void
run_parameters(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
               const GError *error, gpointer data)
{
	Job *j = data;
	GError *perr = NULL;
	xmlNode *submit;

	(void)account;
	(void)concentrator;
	if (error != NULL) {
		job_fail(j, error);
		return;
	}
	if (reply->form == NULL) {
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_MALFORMED, "no form");
		job_fail(j, e);
		g_error_free(e);
		return;
	}
	submit = iot_conc_chat_form_fill(reply->form, (const char *const *)j->assignments, &perr);
	if (submit == NULL) {
		char *text = g_strdup(perr->message);
		job_say(j, NULL, text, FALSE);
		g_free(text);
		g_error_free(perr);
		job_free(j);
		return;
	}
	run_with_form(j, submit);
	xmlFreeNode(submit);
}

static void
run_start(Job *j, const GPtrArray *commands)
{
	const IotConcentratorCommand *c = iot_concentrator_commands_find(commands, j->command_id);
	IotConcentratorRequest *req;

	if (c == NULL) {
		char *text = iot_conc_chat_text_no_command(j->node->ref.node_id, j->command_id, commands);
		job_say(j, NULL, text, TRUE);
		g_free(text);
		job_free(j);
		return;
	}
	j->command = iot_concentrator_command_copy(c);
	if (c->type == IOT_COMMAND_SIMPLE) {
		if (j->assignments != NULL && j->assignments[0] != NULL) {
			char *text = iot_conc_chat_text_no_parameters(j->command);
			job_say(j, NULL, text, FALSE);
			g_free(text);
			job_free(j);
			return;
		}
		run_with_form(j, NULL);
		return;
	}
	req = iot_concentrator_request_new(IOT_CONCENTRATOR_GET_COMMAND_PARAMETERS);
	iot_concentrator_request_add_node(req, &j->node->ref);
	req->command = g_strdup(c->id);
	iot_purple_concentrator_call(j->account, j->who, req, run_parameters, j, NULL);
	iot_concentrator_request_free(req);
}

/* --- the commands --------------------------------------------------------------------- */

static PurpleCmdRet
start(PurpleConversation *conv, gboolean node_cmd_, gchar **args, gchar **error)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	IotConcChatArgs a;
	GError *perr = NULL;
	Job *j;

	if (iot_purple_session_get(account) == NULL) {
		*error = g_markup_escape_text(_("XMPP IoT is not active on this account yet; wait until it is online."), -1);
		return PURPLE_CMD_RET_FAILED;
	}
	if (!iot_conc_chat_args_parse(args && args[0] ? args[0] : "", node_cmd_, &a, &perr)) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		return PURPLE_CMD_RET_FAILED;
	}
	j = g_new0(Job, 1);
	g_queue_init(&j->work);
	j->account = account;
	j->conv_name = g_strdup(purple_conversation_get_name(conv));
	j->who = iot_jid_bare(j->conv_name);
	if (j->who == NULL)
		j->who = g_strdup(j->conv_name);
	j->node_id = a.node_id;
	j->source_given = a.source_id;
	j->command_id = a.command_id;
	j->assignments = a.assignments;
	if (!node_cmd_)
		j->mode = a.node_id != NULL ? MODE_CHILDREN : MODE_OUTLINE;
	else
		j->mode = a.command_id != NULL ? MODE_RUN : MODE_SHOW;
	{
		/* TRANSLATORS: shown while waiting for a concentrator; %s is its address. */
		char *note = g_strdup_printf(_("Asking %s…"), j->who);
		job_say(j, NULL, note, FALSE);
		g_free(note);
	}
	if (j->mode == MODE_OUTLINE) {
		j->root = iot_conc_chat_item_new();
		outline_push(j, WORK_CHILD_SOURCES, j->root, NULL, NULL, 0);
		outline_next(j);
	} else {
		locate_start(j);
	}
	return PURPLE_CMD_RET_OK;
}

static PurpleCmdRet
nodes_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	(void)cmd;
	(void)data;
	return start(conv, FALSE, args, error);
}

static PurpleCmdRet
node_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	(void)cmd;
	(void)data;
	return start(conv, TRUE, args, error);
}

void
iot_purple_concentrator_chat_register(void)
{
	const PurpleCmdFlag flags = PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY | PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS;

	/* The help texts are shown as HTML: the angle brackets are escaped. */
	nodes_cmd = purple_cmd_register(
	    "nodes", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", nodes_cb,
	    _("nodes [&lt;node id&gt; [source &lt;data source&gt;]]: the data sources and nodes behind this "
	      "concentrator.<br>"
	      "/nodes — its data sources and their nodes, a few levels deep; "
	      "/nodes floor-1 — the nodes under that node. "
	      "A node id found in several data sources needs its source: /nodes floor-1 source Building."),
	    NULL);
	node_cmd = purple_cmd_register(
	    "node", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", node_cb,
	    _("node &lt;node id&gt; [source &lt;data source&gt;] [run &lt;command id&gt; [name=value …]]: "
	      "one node behind this concentrator.<br>"
	      "/node lamp-1 — its type, state, parent, what it can do, its parameters and commands; "
	      "/node lamp-1 run toggle — runs a command; "
	      "/node lamp-1 run dim Level=40 — with the command's parameters. "
	      "Put names with spaces in quotes."),
	    NULL);
}

void
iot_purple_concentrator_chat_unregister(void)
{
	if (nodes_cmd != 0)
		purple_cmd_unregister(nodes_cmd);
	if (node_cmd != 0)
		purple_cmd_unregister(node_cmd);
	nodes_cmd = node_cmd = 0;
}
