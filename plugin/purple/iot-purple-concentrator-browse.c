/* iot-purple-concentrator-browse.c — the request-dialog drill-down. See
 * iot-purple-concentrator-browse.h. */
#include "iot-purple-concentrator-browse.h"

#include "iot-concentrator-chat-text.h"
#include "iot-format.h"
#include "iot-purple-concentrator.h"
#include "iot-purple-control-request.h"
#include "iot-purple-menu.h"
#include "iot-purple-session.h"
#include "iot-purple-ui.h"

#include <glib/gi18n-lib.h>
#include <request.h>

/* Entries one list dialog offers. */
#define BROWSE_LIST_ITEMS 200

typedef enum { LEVEL_SOURCES, LEVEL_SOURCE, LEVEL_CHILDREN } LevelKind;

typedef struct {
	LevelKind kind;
	char *source_id;        /* LEVEL_SOURCE, LEVEL_CHILDREN */
	gboolean child_sources; /* LEVEL_SOURCE: it has child sources */
	IotNodeRef parent;      /* LEVEL_CHILDREN */
	char *title;            /* what the level is, shown as the dialog's primary text */
} Level;

typedef enum { ACT_READ, ACT_CONTROL, ACT_CHILDREN, ACT_BACK } Action;

typedef struct {
	PurpleAccount *account;
	char *who;
	GPtrArray *stack;       /* (element-type Level) */
	GPtrArray *sources;     /* (element-type IotConcentratorSource) of the shown list */
	GPtrArray *nodes;       /* (element-type IotConcentratorNode) of the shown list */
	guint more;             /* entries not shown */
	char *error;            /* why the list is empty, or NULL */
	IotConcentratorNode *node; /* the node shown */
	Action actions[4];
	guint n_actions;
	gpointer ui_handle;     /* the open dialog */
	gboolean closing;       /* we close ui_handle ourselves: its cancel is not the person's */
	guint pending;          /* the concentrator request under way */
} Browse;

static GList *browses;

static void
level_free(Level *l)
{
	g_free(l->source_id);
	iot_node_ref_clear(&l->parent);
	g_free(l->title);
	g_free(l);
}

static void
list_clear(Browse *b)
{
	g_ptr_array_set_size(b->sources, 0);
	g_ptr_array_set_size(b->nodes, 0);
	b->more = 0;
	g_free(b->error);
	b->error = NULL;
}

static void
close_dialog(Browse *b)
{
	gpointer h = b->ui_handle;

	if (h == NULL)
		return;
	b->ui_handle = NULL;
	b->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, h);
	b->closing = FALSE;
}

static void
browse_free(Browse *b)
{
	browses = g_list_remove(browses, b);
	b->closing = TRUE;
	if (b->pending != 0)
		iot_purple_concentrator_cancel(b->pending); /* its callback finds closing set */
	close_dialog(b);
	b->closing = TRUE;
	g_ptr_array_unref(b->stack);
	g_ptr_array_unref(b->sources);
	g_ptr_array_unref(b->nodes);
	g_free(b->error);
	iot_concentrator_node_free(b->node);
	g_free(b->who);
	g_free(b);
}

static Level *
top(Browse *b)
{
	return b->stack->len > 0 ? g_ptr_array_index(b->stack, b->stack->len - 1) : NULL;
}

static void load(Browse *b);
static void show_node(Browse *b);

/* --- a list ----------------------------------------------------------------------------- */

static void
list_ok(Browse *b, PurpleRequestFields *fields)
{
	int i;

	b->ui_handle = NULL;
	if (b->closing)
		return;
	i = fields != NULL ? purple_request_fields_get_choice(fields, "entry") : -1;
	if (i < 0 || (guint)i >= b->sources->len + b->nodes->len) {
		/* Nothing to open: back up. */
		g_ptr_array_remove_index(b->stack, b->stack->len - 1);
		if (b->stack->len == 0)
			browse_free(b);
		else
			load(b);
		return;
	}
	if ((guint)i < b->sources->len) {
		const IotConcentratorSource *s = g_ptr_array_index(b->sources, (guint)i);
		Level *l = g_new0(Level, 1);
		char *id = iot_format_clean(s->source_id, IOT_CONC_CHAT_NAME_CHARS);

		l->kind = LEVEL_SOURCE;
		l->source_id = g_strdup(s->source_id);
		l->child_sources = s->has_children;
		/* TRANSLATORS: what a browse list shows: the nodes of data source %s. */
		l->title = g_strdup_printf(_("Data source %s"), id);
		g_free(id);
		g_ptr_array_add(b->stack, l);
		load(b);
		return;
	}
	iot_concentrator_node_free(b->node);
	b->node = iot_concentrator_node_copy(g_ptr_array_index(b->nodes, (guint)i - b->sources->len));
	show_node(b); /* asks for the node's details first */
}

static void
list_back(Browse *b, PurpleRequestFields *fields)
{
	(void)fields;
	b->ui_handle = NULL;
	if (b->closing)
		return;
	g_ptr_array_remove_index(b->stack, b->stack->len - 1);
	if (b->stack->len == 0)
		browse_free(b);
	else
		load(b);
}

static void
show_list(Browse *b)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f = purple_request_field_choice_new("entry", _("Open"), 0);
	PurpleConnection *gc = purple_account_get_connection(b->account);
	GString *secondary = g_string_new(NULL);
	guint i;
	char *title, *back;

	for (i = 0; i < b->sources->len; i++) {
		const IotConcentratorSource *s = g_ptr_array_index(b->sources, i);
		char *id = iot_format_clean(s->source_id, IOT_CONC_CHAT_NAME_CHARS), *line;
		line = g_strdup_printf(_("data source %s"), id);
		purple_request_field_choice_add(f, line);
		g_free(line);
		g_free(id);
	}
	for (i = 0; i < b->nodes->len; i++) {
		char *line = iot_conc_chat_node_line(g_ptr_array_index(b->nodes, i));
		purple_request_field_choice_add(f, line);
		g_free(line);
	}
	if (b->sources->len + b->nodes->len == 0)
		g_string_append(secondary, b->error != NULL ? b->error : _("Nothing here."));
	if (b->more > 0)
		g_string_append_printf(secondary, g_dngettext(GETTEXT_PACKAGE, "… and %u more entry not shown.",
		                                              "… and %u more entries not shown.", b->more),
		                       b->more);
	purple_request_field_group_add_field(g, f);
	purple_request_fields_add_group(fields, g);
	/* TRANSLATORS: title of the browse dialogs; %s is the concentrator's address. */
	title = g_strdup_printf(_("Devices of %s"), b->who);
	/* Back to the list this one was opened from, or the end. */
	back = iot_purple_ui_label(b->stack->len > 1 ? _("_Up one level") : _("_Close"));
	b->ui_handle = purple_request_fields(
	    b, title, top(b)->title, secondary->len > 0 ? secondary->str : NULL, fields,
	    /* Nothing to open: OK goes where the other button goes. */
	    b->sources->len + b->nodes->len > 0 ? _("Open") : _("OK"), G_CALLBACK(list_ok), back,
	    G_CALLBACK(list_back), b->account, b->who, NULL, b);
	(void)gc;
	g_free(back);
	g_free(title);
	g_string_free(secondary, TRUE);
	if (b->ui_handle == NULL && !b->closing)
		browse_free(b); /* no UI shows dialogs */
}

static void
list_answer(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
            const GError *error, gpointer data)
{
	Browse *b = data;
	Level *l;
	guint i;

	(void)account;
	(void)concentrator;
	b->pending = 0;
	if (b->closing)
		return;
	l = top(b);
	if (error != NULL) {
		g_free(b->error);
		b->error = iot_format_error(b->who, error, iot_purple_session_timeout_s());
		show_list(b);
		return;
	}
	for (i = 0; reply->sources != NULL && i < reply->sources->len; i++) {
		if (b->sources->len + b->nodes->len >= BROWSE_LIST_ITEMS) {
			b->more++;
			continue;
		}
		g_ptr_array_add(b->sources, iot_concentrator_source_copy(g_ptr_array_index(reply->sources, i)));
	}
	for (i = 0; reply->nodes != NULL && i < reply->nodes->len; i++) {
		if (b->sources->len + b->nodes->len >= BROWSE_LIST_ITEMS) {
			b->more++;
			continue;
		}
		g_ptr_array_add(b->nodes, iot_concentrator_node_copy(g_ptr_array_index(reply->nodes, i)));
	}
	b->more += reply->dropped;
	if (l->kind == LEVEL_SOURCE && l->child_sources && reply->op != IOT_CONCENTRATOR_GET_ROOT_NODES) {
		/* The child sources came: now the source's own nodes. */
		b->pending = iot_purple_concentrator_browse_nodes(b->account, b->who, l->source_id, NULL, FALSE,
		                                                  list_answer, b, NULL);
		return;
	}
	show_list(b);
}

static void
load(Browse *b)
{
	Level *l = top(b);

	list_clear(b);
	switch (l->kind) {
	case LEVEL_SOURCES:
		b->pending = iot_purple_concentrator_browse_sources(b->account, b->who, NULL, list_answer, b, NULL);
		break;
	case LEVEL_SOURCE:
		if (l->child_sources)
			b->pending = iot_purple_concentrator_browse_sources(b->account, b->who, l->source_id, list_answer,
			                                                    b, NULL);
		else
			b->pending = iot_purple_concentrator_browse_nodes(b->account, b->who, l->source_id, NULL, FALSE,
			                                                  list_answer, b, NULL);
		break;
	case LEVEL_CHILDREN:
		b->pending = iot_purple_concentrator_browse_nodes(b->account, b->who, l->source_id, &l->parent, FALSE,
		                                                  list_answer, b, NULL);
		break;
	}
}

/* --- a node ----------------------------------------------------------------------------- */

static void show_node_dialog(Browse *b, const char *problem);

static void
node_ok(Browse *b, PurpleRequestFields *fields)
{
	int i;
	Level *l;
	char *id;

	b->ui_handle = NULL;
	if (b->closing)
		return;
	i = purple_request_fields_get_choice(fields, "action");
	if (i < 0 || (guint)i >= b->n_actions) {
		show_node_dialog(b, NULL);
		return;
	}
	switch (b->actions[i]) {
	case ACT_READ:
		iot_purple_menu_open_readout_table(b->account, b->who, &b->node->ref);
		show_node_dialog(b, NULL);
		return;
	case ACT_CONTROL:
		iot_purple_control_request_open(b->account, b->who, b->node->ref.node_id);
		show_node_dialog(b, NULL);
		return;
	case ACT_CHILDREN:
		l = g_new0(Level, 1);
		l->kind = LEVEL_CHILDREN;
		l->source_id = g_strdup(b->node->ref.source_id);
		iot_node_ref_copy(&l->parent, &b->node->ref);
		id = iot_format_clean(b->node->ref.node_id, IOT_CONC_CHAT_NAME_CHARS);
		/* TRANSLATORS: what a browse list shows: the nodes under node %s. */
		l->title = g_strdup_printf(_("Nodes under %s"), id);
		g_free(id);
		g_ptr_array_add(b->stack, l);
		load(b);
		return;
	case ACT_BACK:
		show_list(b);
		return;
	}
}

static void
node_close(Browse *b, PurpleRequestFields *fields)
{
	(void)fields;
	b->ui_handle = NULL;
	if (b->closing)
		return;
	browse_free(b);
}

static void
show_node_dialog(Browse *b, const char *problem)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f = purple_request_field_choice_new("action", _("Action"), 0);
	char *text = iot_conc_chat_text_node(b->node, NULL, 0, NULL), *title, *primary, *id, *close;
	guint i;
	static const char *names[] = { N_("Read"), N_("Control…"), N_("Children"),
		                       N_("Back to the list") };

	b->n_actions = 0;
	if (b->node->readable)
		b->actions[b->n_actions++] = ACT_READ;
	if (b->node->controllable)
		b->actions[b->n_actions++] = ACT_CONTROL;
	if (b->node->has_children)
		b->actions[b->n_actions++] = ACT_CHILDREN;
	b->actions[b->n_actions++] = ACT_BACK;
	for (i = 0; i < b->n_actions; i++)
		purple_request_field_choice_add(f, _(names[b->actions[i]]));
	purple_request_field_group_add_field(g, f);
	purple_request_fields_add_group(fields, g);
	if (problem != NULL) {
		char *t = g_strdup_printf("%s\n%s", problem, text);
		g_free(text);
		text = t;
	}
	title = g_strdup_printf(_("Devices of %s"), b->who);
	id = iot_conc_chat_node_line(b->node);
	/* TRANSLATORS: the node a browse dialog shows. */
	primary = g_strdup_printf(_("Node %s"), id);
	close = iot_purple_ui_label(_("_Close"));
	b->ui_handle = purple_request_fields(b, title, primary, text, fields, _("OK"), G_CALLBACK(node_ok), close,
	                                     G_CALLBACK(node_close), b->account, b->who, NULL, b);
	g_free(close);
	g_free(primary);
	g_free(id);
	g_free(title);
	g_free(text);
	if (b->ui_handle == NULL && !b->closing)
		browse_free(b);
}

static void
node_answer(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply,
            const GError *error, gpointer data)
{
	Browse *b = data;
	char *problem = NULL;

	(void)account;
	(void)concentrator;
	b->pending = 0;
	if (b->closing)
		return;
	if (error == NULL && reply->nodes != NULL && reply->nodes->len > 0) {
		IotConcentratorNode *n = iot_concentrator_node_copy(g_ptr_array_index(reply->nodes, 0));
		if (n->ref.source_id == NULL)
			n->ref.source_id = g_strdup(b->node->ref.source_id);
		iot_concentrator_node_free(b->node);
		b->node = n;
	} else if (error != NULL) {
		problem = iot_format_error(b->who, error, iot_purple_session_timeout_s());
	}
	show_node_dialog(b, problem);
	g_free(problem);
}

static void
show_node(Browse *b)
{
	b->pending = iot_purple_concentrator_get_node(b->account, b->who, &b->node->ref, node_answer, b, NULL);
}

/* --- open and close ----------------------------------------------------------------------- */

void
iot_purple_concentrator_browse_open(PurpleAccount *account, const char *who)
{
	Browse *b = g_new0(Browse, 1);
	Level *l = g_new0(Level, 1);

	b->account = account;
	b->who = g_strdup(who);
	b->stack = g_ptr_array_new_with_free_func((GDestroyNotify)level_free);
	b->sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	b->nodes = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_node_free);
	l->kind = LEVEL_SOURCES;
	l->title = g_strdup(_("Data sources"));
	g_ptr_array_add(b->stack, l);
	browses = g_list_prepend(browses, b);
	load(b);
}

void
iot_purple_concentrator_browse_close_all(void)
{
	while (browses != NULL)
		browse_free(browses->data);
}
