/*
 * iot-concentrator-chat-text.h — the text of /nodes and /node (pure C):
 * their arguments, an outline of data sources and nodes, one node's
 * details, a command's outcome and a query's result as aligned text.
 *
 * Every device string is cleaned (control characters to spaces) and cut
 * (iot_format_clean()); every list is bounded by the limits below, and a
 * cut says "… and N more". The text is plain: the conversation escapes it
 * (iot-purple-conv.h).
 */
#ifndef IOT_CONCENTRATOR_CHAT_TEXT_H
#define IOT_CONCENTRATOR_CHAT_TEXT_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-concentrator-query.h"
#include "iot-concentrator-request.h"
#include "iot-concentrator.h"

G_BEGIN_DECLS

#define IOT_CONC_CHAT_ITEMS_PER_LEVEL 15 /* sources or nodes shown under one parent */
#define IOT_CONC_CHAT_OUTLINE_LINES 150  /* lines of one outline */
#define IOT_CONC_CHAT_NAME_CHARS 60      /* characters of one device string */
#define IOT_CONC_CHAT_LIST_ITEMS 30      /* parameters, messages, commands, candidates */
#define IOT_CONC_CHAT_QUERY_TABLES 5     /* tables shown of one result */
#define IOT_CONC_CHAT_QUERY_ROWS 25      /* records shown per table */
#define IOT_CONC_CHAT_QUERY_COLUMNS 8    /* columns shown per table */
#define IOT_CONC_CHAT_QUERY_CELL_CHARS 24

/* The arguments of /nodes (@node_cmd FALSE: "[<node id> [source <s>]]") or
 * /node (TRUE: "<node id> [source <s>] [run <command id> [name=value …]]").
 * All members (transfer full), nullable; g_free() / g_strfreev(). */
typedef struct {
	char *node_id;
	char *source_id;
	char *command_id;
	char **assignments; /* NULL-terminated "name=value" */
} IotConcChatArgs;

/* Parses @line into @out (zeroed first). Returns FALSE with a translated
 * @error (IOT_ERROR_BAD_REQUEST) and @out empty on a mistake. */
gboolean iot_conc_chat_args_parse(const char *line, gboolean node_cmd, IotConcChatArgs *out, GError **error);

/* An outline being filled: a data source or a node, with its children. */
typedef struct _IotConcChatItem IotConcChatItem;
struct _IotConcChatItem {
	char *line;           /* nullable: NULL for the root */
	GPtrArray *children;  /* (element-type IotConcChatItem) */
	guint more;           /* children there are but not shown */
	gboolean unexpanded;  /* it has children that were not asked for */
	char *error;          /* nullable: why its children are not known */
	gboolean requests_cut; /* root: the outline stopped asking */
};

/* Returns: (transfer full): an empty root; iot_conc_chat_item_free(). */
IotConcChatItem *iot_conc_chat_item_new(void);
void iot_conc_chat_item_free(IotConcChatItem *item);
/* Return: (transfer none) (nullable): the new child of @parent, NULL when
 * @parent shows IOT_CONC_CHAT_ITEMS_PER_LEVEL already (it is counted in more). */
IotConcChatItem *iot_conc_chat_item_add_source(IotConcChatItem *parent, const IotConcentratorSource *s);
IotConcChatItem *iot_conc_chat_item_add_node(IotConcChatItem *parent, const IotConcentratorNode *n);
void iot_conc_chat_item_set_error(IotConcChatItem *item, const char *message);
/* Returns: (transfer full): the outline under @root, two spaces a level. */
char *iot_conc_chat_item_print(const IotConcChatItem *root);

/* Returns: (transfer full): one line for @n: id, name, type and state. */
char *iot_conc_chat_node_line(const IotConcentratorNode *n);

/* The texts; each (transfer full), g_free(). */
/* No node @node_id at @who (@hits empty), or several (element-type
 * IotConcentratorNode, each with its source): how to name one with @cmd. */
char *iot_conc_chat_text_not_found(const char *who, const char *node_id, const GPtrArray *hits, const char *cmd);
/* One node; @commands (nullable) its commands (@dropped cut), or @error why not. */
char *iot_conc_chat_text_node(const IotConcentratorNode *node, const GPtrArray *commands, guint dropped,
                         const GError *error);
char *iot_conc_chat_text_no_command(const char *node_id, const char *command_id, const GPtrArray *commands);
char *iot_conc_chat_text_no_parameters(const IotConcentratorCommand *command);
char *iot_conc_chat_text_run_done(const char *node_id, const IotConcentratorCommand *command);
/* @base: the sentence for the error; @refusal (nullable): its form errors. */
char *iot_conc_chat_text_run_error(const char *base, const IotConcentratorCommand *command,
                              const IotConcentratorReply *refusal);
/* A query's result (nullable) and why it ended early (nullable). */
char *iot_conc_chat_text_query(const IotQueryResult *result, const GError *error);

/* Fills a copy of @form with @assignments ("name=value", by field var or
 * label), each typed and checked as /control does (iot_dataform_parse_input()),
 * the rest as the concentrator sent them. Returns: (transfer full)
 * (nullable): the <x type='submit'/> with every field, xmlFreeNode(); NULL
 * with a translated @error (IOT_ERROR_BAD_REQUEST). */
xmlNode *iot_conc_chat_form_fill(const IotDataForm *form, const char *const *assignments, GError **error);

G_END_DECLS

#endif
