/* iot-concentrator-chat-text.c — the text of /nodes and /node. See iot-concentrator-chat-text.h. */
#include "iot-concentrator-chat-text.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static char *
clean(const char *s)
{
	return iot_format_clean(s != NULL ? s : "", IOT_CONC_CHAT_NAME_CHARS);
}

/* A word as a person types it back: quoted when it has a space. */
static char *
typed(const char *s)
{
	char *c = clean(s), *out;

	if (*c != '\0' && strpbrk(c, " \t\"'") == NULL)
		return c;
	out = g_strdup_printf("\"%s\"", c);
	g_free(c);
	return out;
}

static void
args_clear(IotConcChatArgs *a)
{
	g_free(a->node_id);
	g_free(a->source_id);
	g_free(a->command_id);
	g_strfreev(a->assignments);
	memset(a, 0, sizeof *a);
}

gboolean
iot_conc_chat_args_parse(const char *line, gboolean node_cmd, IotConcChatArgs *out, GError **error)
{
	char **w;
	guint i = 0;
	GPtrArray *assign;

	g_return_val_if_fail(line != NULL && out != NULL, FALSE);
	memset(out, 0, sizeof *out);
	w = iot_cmdargs_split(line, error);
	if (w == NULL)
		return FALSE;
	if (w[0] == NULL) {
		g_strfreev(w);
		if (!node_cmd)
			return TRUE;
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("Name a node: /node <node id>, e.g. /node lamp-1."));
		return FALSE;
	}
	out->node_id = g_strdup(w[i++]);
	if (w[i] != NULL && g_ascii_strcasecmp(w[i], "source") == 0) {
		if (w[i + 1] == NULL) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			                    _("Name the data source after \"source\", e.g. source Rooms."));
			goto fail;
		}
		out->source_id = g_strdup(w[i + 1]);
		i += 2;
	}
	if (node_cmd && w[i] != NULL && g_ascii_strcasecmp(w[i], "run") == 0) {
		if (w[i + 1] == NULL) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
			                    _("Name the command after \"run\"; /node <node id> lists them."));
			goto fail;
		}
		out->command_id = g_strdup(w[i + 1]);
		assign = g_ptr_array_new();
		for (i += 2; w[i] != NULL; i++) {
			if (strchr(w[i], '=') == NULL || w[i][0] == '=') {
				/* TRANSLATORS: %s is what the person typed. */
				g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
				            _("\"%s\" is not name=value."), w[i]);
				g_ptr_array_free(assign, TRUE);
				goto fail;
			}
			g_ptr_array_add(assign, g_strdup(w[i]));
		}
		g_ptr_array_add(assign, NULL);
		out->assignments = (char **)g_ptr_array_free(assign, FALSE);
		g_strfreev(w);
		return TRUE;
	}
	if (w[i] != NULL) {
		/* TRANSLATORS: %s is the first word not understood. */
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		            node_cmd ? _("Did not understand \"%s\": /node <node id> [source <data source>] "
		                         "[run <command id> [name=value …]].")
		                     : _("Did not understand \"%s\": /nodes [<node id> [source <data source>]]."),
		            w[i]);
		goto fail;
	}
	g_strfreev(w);
	return TRUE;
fail:
	g_strfreev(w);
	args_clear(out);
	return FALSE;
}

/* --- the outline ---------------------------------------------------------------------- */

IotConcChatItem *
iot_conc_chat_item_new(void)
{
	IotConcChatItem *it = g_new0(IotConcChatItem, 1);

	it->children = g_ptr_array_new_with_free_func((GDestroyNotify)iot_conc_chat_item_free);
	return it;
}

void
iot_conc_chat_item_free(IotConcChatItem *item)
{
	if (item == NULL)
		return;
	g_ptr_array_unref(item->children);
	g_free(item->line);
	g_free(item->error);
	g_free(item);
}

static IotConcChatItem *
add_line(IotConcChatItem *parent, char *line)
{
	IotConcChatItem *it;

	if (parent->children->len >= IOT_CONC_CHAT_ITEMS_PER_LEVEL) {
		parent->more++;
		g_free(line);
		return NULL;
	}
	it = iot_conc_chat_item_new();
	it->line = line;
	g_ptr_array_add(parent->children, it);
	return it;
}

IotConcChatItem *
iot_conc_chat_item_add_source(IotConcChatItem *parent, const IotConcentratorSource *s)
{
	char *id = clean(s->source_id), *line;

	if (s->name != NULL && *s->name != '\0' && g_strcmp0(s->name, s->source_id) != 0) {
		char *name = clean(s->name);
		/* TRANSLATORS: a data source in /nodes: its id and its name. */
		line = g_strdup_printf(_("data source %s — %s"), id, name);
		g_free(name);
	} else {
		/* TRANSLATORS: a data source in /nodes: its id. */
		line = g_strdup_printf(_("data source %s"), id);
	}
	g_free(id);
	return add_line(parent, line);
}

char *
iot_conc_chat_node_line(const IotConcentratorNode *n)
{
	GString *s = g_string_new(NULL);
	char *c = clean(n->ref.node_id);

	g_string_append(s, c);
	g_free(c);
	if (n->display_name != NULL && *n->display_name != '\0' && g_strcmp0(n->display_name, n->ref.node_id) != 0) {
		c = clean(n->display_name);
		g_string_append_printf(s, " — %s", c);
		g_free(c);
	}
	if (n->node_type != NULL || n->state != IOT_NODE_STATE_NONE) {
		c = clean(n->node_type);
		g_string_append_printf(s, " [%s%s%s]", c, *c != '\0' && n->state != IOT_NODE_STATE_NONE ? ", " : "",
		                       n->state != IOT_NODE_STATE_NONE ? iot_node_state_name(n->state) : "");
		g_free(c);
	}
	return g_string_free(s, FALSE);
}

IotConcChatItem *
iot_conc_chat_item_add_node(IotConcChatItem *parent, const IotConcentratorNode *n)
{
	return add_line(parent, iot_conc_chat_node_line(n));
}

void
iot_conc_chat_item_set_error(IotConcChatItem *item, const char *message)
{
	char *e = clean(message); /* @message may be item->error */

	g_free(item->error);
	item->error = e;
}

static void
print_level(const IotConcChatItem *it, guint depth, GString *out, guint *lines, guint *cut, gboolean *folded)
{
	guint i;
	char *pad = g_strnfill(depth * 2, ' ');

	for (i = 0; i < it->children->len; i++) {
		const IotConcChatItem *c = g_ptr_array_index(it->children, i);

		if (*lines >= IOT_CONC_CHAT_OUTLINE_LINES) {
			(*cut)++;
			continue;
		}
		(*lines)++;
		g_string_append_printf(out, "%s%s%s\n", pad, c->line, c->unexpanded ? " …" : "");
		*folded = *folded || c->unexpanded;
		print_level(c, depth + 1, out, lines, cut, folded);
	}
	if (it->error != NULL && *lines < IOT_CONC_CHAT_OUTLINE_LINES) {
		(*lines)++;
		/* TRANSLATORS: under a data source or node whose children could not be listed. */
		g_string_append_printf(out, _("%s(not listed: %s)\n"), pad, it->error);
	}
	if (it->more > 0 && *lines < IOT_CONC_CHAT_OUTLINE_LINES) {
		(*lines)++;
		/* TRANSLATORS: the end of a cut list in /nodes. */
		g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "%s… and %u more entry\n",
		                                        "%s… and %u more entries\n", it->more),
		                       pad, it->more);
	}
	g_free(pad);
}

char *
iot_conc_chat_item_print(const IotConcChatItem *root)
{
	GString *out = g_string_new(NULL);
	guint lines = 0, cut = 0;
	gboolean folded = FALSE;

	print_level(root, 0, out, &lines, &cut, &folded);
	if (lines == 0)
		g_string_append(out, _("No data sources.\n"));
	if (cut > 0)
		g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "… and %u more line not shown.\n",
		                                        "… and %u more lines not shown.\n", cut), cut);
	if (root->requests_cut)
		g_string_append(out, _("The outline stops here: /nodes <node id> lists what is under a node.\n"));
	else if (folded)
		g_string_append(out, _("“…”: there is more under it: /nodes <node id>.\n"));
	if (out->len > 0 && out->str[out->len - 1] == '\n')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

/* --- one node ------------------------------------------------------------------------- */

char *
iot_conc_chat_text_not_found(const char *who, const char *node_id, const GPtrArray *hits, const char *cmd)
{
	GString *out = g_string_new(NULL);
	char *id = clean(node_id), *tid = typed(node_id);
	guint i;

	if (hits == NULL || hits->len == 0) {
		/* TRANSLATORS: the concentrator's address and a node id. */
		g_string_append_printf(out, _("%s has no node %s in any of its data sources."), who, id);
		g_free(id);
		g_free(tid);
		return g_string_free(out, FALSE);
	}
	/* TRANSLATORS: a node id and the concentrator's address. */
	g_string_append_printf(out, _("Node %s is in several data sources of %s:\n"), id, who);
	for (i = 0; i < hits->len && i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
		const IotConcentratorNode *n = g_ptr_array_index(hits, i);
		char *src = clean(n->ref.source_id), *line = iot_conc_chat_node_line(n);
		/* TRANSLATORS: one candidate: its data source, then its line. */
		g_string_append_printf(out, _("  source %s: %s\n"), src, line);
		g_free(src);
		g_free(line);
	}
	{
		const IotConcentratorNode *n = g_ptr_array_index(hits, 0);
		char *src = typed(n->ref.source_id);
		/* TRANSLATORS: how to name one; the command, the node id and a source. */
		g_string_append_printf(out, _("Name the data source: /%s %s source %s"), cmd, tid, src);
		g_free(src);
	}
	g_free(id);
	g_free(tid);
	return g_string_free(out, FALSE);
}

char *
iot_conc_chat_text_node(const IotConcentratorNode *node, const GPtrArray *commands, guint dropped,
                   const GError *error)
{
	GString *out = g_string_new(NULL);
	char *c;
	guint i;
	GPtrArray *can = g_ptr_array_new();

	c = clean(node->ref.source_id);
	g_string_append_printf(out, _("Data source: %s\n"), c);
	g_free(c);
	if (node->ref.partition != NULL) {
		c = clean(node->ref.partition);
		g_string_append_printf(out, _("Partition: %s\n"), c);
		g_free(c);
	}
	if (node->display_name != NULL) {
		c = clean(node->display_name);
		g_string_append_printf(out, _("Name: %s\n"), c);
		g_free(c);
	}
	c = clean(node->node_type != NULL ? node->node_type : _("not given"));
	g_string_append_printf(out, _("Type: %s\n"), c);
	g_free(c);
	g_string_append_printf(out, _("State: %s\n"), iot_node_state_name(node->state));
	c = node->parent_id != NULL ? clean(node->parent_id) : g_strdup(_("none (a root node)"));
	g_string_append_printf(out, _("Parent: %s\n"), c);
	g_free(c);
	if (node->readable)
		g_ptr_array_add(can, _("read"));
	if (node->controllable)
		g_ptr_array_add(can, _("control"));
	if (node->has_commands)
		g_ptr_array_add(can, _("commands"));
	if (node->has_children)
		g_ptr_array_add(can, _("has child nodes"));
	g_ptr_array_add(can, NULL);
	c = g_strjoinv(", ", (char **)can->pdata);
	g_string_append_printf(out, _("Can: %s\n"), *c != '\0' ? c : _("nothing listed"));
	g_free(c);
	g_ptr_array_free(can, TRUE);
	if (node->parameters != NULL && node->parameters->len > 0) {
		g_string_append(out, _("Parameters:\n"));
		for (i = 0; i < node->parameters->len && i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
			const IotNodeParameter *p = g_ptr_array_index(node->parameters, i);
			char *name = clean(p->name != NULL ? p->name : p->id), *value = clean(p->value);
			g_string_append_printf(out, "  %s = %s\n", name, value);
			g_free(name);
			g_free(value);
		}
		if (node->parameters->len + node->parameters_dropped > IOT_CONC_CHAT_LIST_ITEMS) {
			guint n = node->parameters->len + node->parameters_dropped -
			          MIN(node->parameters->len, IOT_CONC_CHAT_LIST_ITEMS);

			g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "  … and %u more parameter\n",
			                                        "  … and %u more parameters\n", n),
			                       n);
		}
	}
	if (node->messages != NULL && node->messages->len > 0) {
		g_string_append(out, _("Messages:\n"));
		for (i = 0; i < node->messages->len && i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
			const IotNodeMessage *m = g_ptr_array_index(node->messages, i);
			char *text = clean(m->text);
			g_string_append_printf(out, "  %s: %s\n",
			                       m->type == IOT_NODE_MESSAGE_ERROR     ? _("error")
			                       : m->type == IOT_NODE_MESSAGE_WARNING ? _("warning")
			                                                             : _("information"),
			                       text);
			g_free(text);
		}
	}
	if (error != NULL) {
		c = clean(error->message);
		g_string_append_printf(out, _("Commands: not listed (%s)\n"), c);
		g_free(c);
	} else if (commands != NULL) {
		g_string_append(out, commands->len > 0 ? _("Commands (/node <node id> run <command id>):\n")
		                                       : _("Commands: none\n"));
		for (i = 0; i < commands->len && i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
			const IotConcentratorCommand *cmd = g_ptr_array_index(commands, i);
			char *id = clean(cmd->id), *name = clean(cmd->name);
			g_string_append_printf(out, "  %s — %s%s\n", id, name,
			                       cmd->type == IOT_COMMAND_QUERY ? _(" (query)")
			                       : cmd->type == IOT_COMMAND_PARAMETRIZED ? _(" (with parameters)") : "");
			g_free(id);
			g_free(name);
		}
		if (commands->len + dropped > IOT_CONC_CHAT_LIST_ITEMS) {
			guint n = commands->len + dropped - MIN(commands->len, IOT_CONC_CHAT_LIST_ITEMS);

			g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "  … and %u more command\n",
			                                        "  … and %u more commands\n", n),
			                       n);
		}
	}
	if (out->len > 0)
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

char *
iot_conc_chat_text_no_command(const char *node_id, const char *command_id, const GPtrArray *commands)
{
	GString *out = g_string_new(NULL);
	char *id = clean(node_id), *cid = clean(command_id);
	guint i;

	/* TRANSLATORS: a node id and the command id typed. */
	g_string_append_printf(out, _("Node %s has no command %s."), id, cid);
	if (commands != NULL && commands->len > 0) {
		g_string_append(out, _(" Its commands:"));
		for (i = 0; i < commands->len && i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
			char *c = clean(((const IotConcentratorCommand *)g_ptr_array_index(commands, i))->id);
			g_string_append_printf(out, "%s %s", i > 0 ? "," : "", c);
			g_free(c);
		}
		if (commands->len > IOT_CONC_CHAT_LIST_ITEMS)
			g_string_append(out, " …");
	}
	g_free(id);
	g_free(cid);
	return g_string_free(out, FALSE);
}

char *
iot_conc_chat_text_no_parameters(const IotConcentratorCommand *command)
{
	char *name = clean(command->name), *out;

	/* TRANSLATORS: %s is a command's name. */
	out = g_strdup_printf(_("%s takes no parameters."), name);
	g_free(name);
	return out;
}

char *
iot_conc_chat_text_run_done(const char *node_id, const IotConcentratorCommand *command)
{
	char *id = clean(node_id), *name = clean(command->name), *out;

	if (command->success != NULL && *command->success != '\0') {
		char *said = clean(command->success);
		/* TRANSLATORS: command name, node id, then the concentrator's success text. */
		out = g_strdup_printf(_("%s on %s: %s"), name, id, said);
		g_free(said);
	} else {
		/* TRANSLATORS: command name, node id. */
		out = g_strdup_printf(_("%s on %s: done."), name, id);
	}
	g_free(id);
	g_free(name);
	return out;
}

char *
iot_conc_chat_text_run_error(const char *base, const IotConcentratorCommand *command,
                        const IotConcentratorReply *refusal)
{
	GString *out = g_string_new(base);
	guint i;

	if (command != NULL && command->failure != NULL && *command->failure != '\0') {
		char *said = clean(command->failure);
		g_string_append_printf(out, "\n%s", said);
		g_free(said);
	}
	for (i = 0; refusal != NULL && refusal->form_errors != NULL && i < refusal->form_errors->len &&
	            i < IOT_CONC_CHAT_LIST_ITEMS; i++) {
		const IotConcentratorFormError *e = g_ptr_array_index(refusal->form_errors, i);
		char *var = clean(e->var != NULL ? e->var : _("the form")), *text = clean(e->text);
		g_string_append_printf(out, "\n  %s: %s", var, text);
		g_free(var);
		g_free(text);
	}
	return g_string_free(out, FALSE);
}
