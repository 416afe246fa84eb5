/*
 * iot-gtk-concentrator.h — the window that browses the devices behind a
 * concentrator (XEP-0326 and its successors, protocols.md §5).
 *
 * A tree of data sources → child sources → root nodes → children, loaded
 * as the person expands it ("Loading…" rows, failures said in the row with
 * a retry); columns for name, id, type, state (icon and word), readable,
 * controllable, commands, last changed, and optionally the nodes'
 * parameters; a health line ("3 nodes in error, 1 warning") that filters to
 * those nodes; a search over what is loaded and "find node by id"; the
 * selected node's messages; per node (context menu, buttons, keys) read,
 * control, commands (grouped by sort category, confirmations, parameter
 * forms, queries streamed into a table window), parameters, add child,
 * delete, move up/down, duplicate. Live events update the tree in place
 * without collapsing what the person expanded or moving the selection.
 *
 * Plain GTK 2: no Pidgin or libpurple API. The owner (the adapter's glue)
 * does the talking through IotGtkConcentratorOps: the window asks, the
 * owner answers each request exactly once through the iot_gtk_conc_request_*
 * functions (at once or later), and hands the window the concentrator's
 * events. Every string a device sent is shown as plain text (never markup,
 * never a mnemonic).
 */
#ifndef IOT_GTK_CONCENTRATOR_H
#define IOT_GTK_CONCENTRATOR_H

#include <gtk/gtk.h>

#include "iot-concentrator.h"
#include "iot-control.h"
#include "iot-dataform.h"

G_BEGIN_DECLS

typedef struct _IotGtkConcentrator IotGtkConcentrator;
typedef struct _IotGtkConcRequest IotGtkConcRequest;
/* The results window of a query. */
typedef struct _IotGtkConcQuery IotGtkConcQuery;

/* ---- what the owner hands the window ------------------------------------------------ */

typedef enum {
	IOT_GTK_CONC_MESSAGE_INFORMATION,
	IOT_GTK_CONC_MESSAGE_WARNING,
	IOT_GTK_CONC_MESSAGE_ERROR
} IotGtkConcMessageType;

/* A node message (XEP-0326 <message timestamp type eventId>). */
typedef struct {
	gint64 timestamp;           /* µs since the epoch, IOT_TIME_UNKNOWN */
	IotGtkConcMessageType type;
	char *event_id;             /* nullable */
	char *text;                 /* never NULL */
} IotGtkConcMessage;

/* A node parameter, its value already as text for people. */
typedef struct {
	char *id;    /* never NULL */
	char *name;  /* nullable: the localised name */
	char *value; /* never NULL */
} IotGtkConcParameter;

/* A node with what getNode/get*Nodes and nodeAdded/nodeUpdated say of it. */
typedef struct {
	IotConcentratorNode *node; /* (owned) never NULL; node->ref.source_id names its source */
	GPtrArray *parameters;     /* (element-type IotGtkConcParameter) (nullable): NULL = not sent */
	GPtrArray *messages;       /* (element-type IotGtkConcMessage) (nullable): NULL = not sent */
} IotGtkConcNodeInfo;

/* Returns: (transfer full): @node (transfer full) without parameters or
 * messages; free with iot_gtk_conc_node_info_free(). */
IotGtkConcNodeInfo *iot_gtk_conc_node_info_new(IotConcentratorNode *node);
void iot_gtk_conc_node_info_free(IotGtkConcNodeInfo *info);
/* Returns: (transfer full): a deep copy; iot_gtk_conc_node_info_free(). */
IotGtkConcNodeInfo *iot_gtk_conc_node_info_copy(const IotGtkConcNodeInfo *info);
/* Appends a parameter / a message (strings copied; @name, @event_id nullable). */
void iot_gtk_conc_node_info_add_parameter(IotGtkConcNodeInfo *info, const char *id, const char *name,
                                          const char *value);
void iot_gtk_conc_node_info_add_message(IotGtkConcNodeInfo *info, gint64 timestamp,
                                        IotGtkConcMessageType type, const char *event_id,
                                        const char *text);
/* Returns: (transfer full): a copy of @m; iot_gtk_conc_message_free(). */
IotGtkConcMessage *iot_gtk_conc_message_copy(const IotGtkConcMessage *m);
void iot_gtk_conc_message_free(IotGtkConcMessage *m);

typedef enum {
	IOT_GTK_CONC_COMMAND_SIMPLE,
	IOT_GTK_CONC_COMMAND_PARAMETERIZED,
	IOT_GTK_CONC_COMMAND_QUERY
} IotGtkConcCommandType;

/* A node command (getNodeCommands / getCommonNodeCommands). */
typedef struct {
	char *command;       /* never NULL: the id sent back */
	char *name;          /* nullable: shown, else the id */
	IotGtkConcCommandType type;
	char *sort_category; /* nullable: the submenu group */
	char *sort_key;      /* nullable: order within the group */
	char *confirmation;  /* nullable: asked before it runs */
	char *success;       /* nullable: said when it worked */
	char *failure;       /* nullable: said when it failed */
} IotGtkConcCommand;

/* Returns: (transfer full): a command; free with iot_gtk_conc_command_free(). */
IotGtkConcCommand *iot_gtk_conc_command_new(const char *command, const char *name,
                                            IotGtkConcCommandType type);
IotGtkConcCommand *iot_gtk_conc_command_copy(const IotGtkConcCommand *c);
void iot_gtk_conc_command_free(IotGtkConcCommand *c);

/* A type of node that can be added under a node (getAddableNodeTypes). */
typedef struct {
	char *type; /* never NULL: sent back */
	char *name; /* nullable: shown, else the type */
} IotGtkConcNodeType;

IotGtkConcNodeType *iot_gtk_conc_node_type_new(const char *type, const char *name);
void iot_gtk_conc_node_type_free(IotGtkConcNodeType *t);

/* A column of a query's result table. */
typedef struct {
	char *id;      /* never NULL */
	char *header;  /* nullable: shown, else the id */
	float xalign;  /* 0 left, 0.5 centre, 1 right */
} IotGtkConcQueryColumn;

/* ---- what the window asks ---------------------------------------------------------------- */

typedef enum {
	IOT_GTK_CONC_REQ_LOAD_CHILDREN,
	IOT_GTK_CONC_REQ_FIND_NODE,
	IOT_GTK_CONC_REQ_LIST_COMMANDS,
	IOT_GTK_CONC_REQ_COMMAND_FORM,
	IOT_GTK_CONC_REQ_RUN_COMMAND,
	IOT_GTK_CONC_REQ_RUN_QUERY,
	IOT_GTK_CONC_REQ_PARAMETERS_FORM,
	IOT_GTK_CONC_REQ_SET_PARAMETERS,
	IOT_GTK_CONC_REQ_ADDABLE_TYPES,
	IOT_GTK_CONC_REQ_NEW_NODE_FORM,
	IOT_GTK_CONC_REQ_CREATE_NODE,
	IOT_GTK_CONC_REQ_DELETE_NODES,
	IOT_GTK_CONC_REQ_MOVE_NODES,
	IOT_GTK_CONC_REQ_DUPLICATE_NODE,
	IOT_GTK_CONC_REQ_SUBSCRIBE
} IotGtkConcRequestKind;

/*
 * The owner's side. Every request function gets a new @req that the owner
 * MUST answer exactly once, with the answer named at the function or with
 * iot_gtk_conc_request_fail() — right away (inside the call) or later. The
 * arguments are (transfer none) and valid until the call returns or the
 * request is answered, whichever comes first: copy what is needed later.
 * @nodes are (element-type IotNodeRef) with node_id and source_id set. A NULL request
 * function means the owner cannot do that: the window does not offer it.
 *
 * When the window no longer needs an answer (it closes, the node went away)
 * it calls cancel(): the owner stops what it can and still answers, with
 * anything; that answer is dropped. A request is never touched by the
 * window after it was answered.
 */
typedef struct {
	/* The children of a tree row: with @source_id and @parent NULL, the root
	 * data sources; with @source_id only, that source's child sources and root
	 * nodes; with @parent, that node's child nodes (in @parent->source_id).
	 * Answer: iot_gtk_conc_request_answer_children(). Nodes asked for with
	 * their parameters and messages show them. */
	void (*load_children)(IotGtkConcRequest *req, const char *source_id, const IotNodeRef *parent,
	                      gpointer user_data);
	/* The node with id @node_id in any source (containsNode / getNode, then
	 * getAncestors). Answer: iot_gtk_conc_request_answer_nodes() with the node
	 * first, then (when known) its parent, …, its root node. */
	void (*find_node)(IotGtkConcRequest *req, const char *node_id, gpointer user_data);
	/* The commands of @nodes (common commands when several).
	 * Answer: iot_gtk_conc_request_answer_commands(). */
	void (*list_commands)(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer user_data);
	/* The parameters form of @command (getCommandParameters).
	 * Answer: iot_gtk_conc_request_answer_form(). */
	void (*get_command_form)(IotGtkConcRequest *req, const GPtrArray *nodes,
	                         const IotGtkConcCommand *command, gpointer user_data);
	/* Runs a simple or parameterized @command; @form (nullable) holds the
	 * person's values. Answer: answer_done() (with the success text to show,
	 * nullable), answer_form_errors(), or fail(). */
	void (*run_command)(IotGtkConcRequest *req, const GPtrArray *nodes,
	                    const IotGtkConcCommand *command, const IotDataForm *form,
	                    gpointer user_data);
	/* Starts query @command with @form (nullable). Results stream in through
	 * the iot_gtk_conc_query_*() functions; the query ends with answer_done()
	 * (queryDone), answer_form_errors() (refused before it started) or fail()
	 * (queryAborted is IOT_ERROR_CANCELLED). */
	void (*run_query)(IotGtkConcRequest *req, const GPtrArray *nodes,
	                  const IotGtkConcCommand *command, const IotDataForm *form,
	                  gpointer user_data);
	/* The person pressed Abort on running query @req (abortNodeQuery). Not a
	 * request of its own: @req still ends through its answer. */
	void (*abort_query)(IotGtkConcRequest *req, gpointer user_data);
	/* The parameters of @nodes for editing (getNodeParametersForEdit, or the
	 * common form of several). Answer: answer_form(). */
	void (*get_parameters_form)(IotGtkConcRequest *req, const GPtrArray *nodes,
	                            gpointer user_data);
	/* Saves the changed fields of @form (compared with @baseline). Answer:
	 * answer_nodes() with the updated nodes (possibly renamed: the window
	 * finds them by the ids it sent), answer_form_errors() or fail(). */
	void (*set_parameters)(IotGtkConcRequest *req, const GPtrArray *nodes, const IotDataForm *form,
	                       const IotFormValues *baseline, gpointer user_data);
	/* The node types that may be added under @parent. Answer: answer_types(). */
	void (*get_addable_types)(IotGtkConcRequest *req, const IotNodeRef *parent, gpointer user_data);
	/* The parameters form of a new node of @type under @parent. Answer: answer_form(). */
	void (*get_new_node_form)(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type,
	                          gpointer user_data);
	/* Creates it. Answer: answer_nodes() with the new node, answer_form_errors(), fail(). */
	void (*create_node)(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type,
	                    const IotDataForm *form, gpointer user_data);
	/* Destroys @nodes. Answer: answer_done(). */
	void (*delete_nodes)(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer user_data);
	/* Moves @nodes one place up (or down) among their siblings. Answer: answer_done(). */
	void (*move_nodes)(IotGtkConcRequest *req, const GPtrArray *nodes, gboolean up,
	                   gpointer user_data);
	/* Makes a copy of @node beside it (its type and parameters under the same
	 * parent). Answer: answer_nodes() with the copy. */
	void (*duplicate_node)(IotGtkConcRequest *req, const IotNodeRef *node, gpointer user_data);
	/* Subscribes to the events of data source @source_id, with parameters and
	 * messages. Answer: answer_done() once events flow, fail() when they
	 * will not (the window then applies its own changes itself). */
	void (*subscribe)(IotGtkConcRequest *req, const char *source_id, gpointer user_data);
	/* The window no longer needs the events of @source_id (it closes). */
	void (*unsubscribe)(IotGtkConcentrator *win, const char *source_id, gpointer user_data);
	/* See above: @req is no longer wanted, but still to be answered. */
	void (*cancel)(IotGtkConcRequest *req, gpointer user_data);

	/* The person asked to read @nodes (all of them in one call): the owner
	 * opens the readout window. */
	void (*read)(IotGtkConcentrator *win, const GPtrArray *nodes, gpointer user_data);
	/* The person asked to control @nodes (one node, or the common form of
	 * several): the owner opens the control dialog. */
	void (*control)(IotGtkConcentrator *win, const GPtrArray *nodes, gpointer user_data);
	/* The window is being destroyed (closed by the person, or
	 * iot_gtk_concentrator_destroy()). Called exactly once, after every
	 * pending request was cancelled; @win is freed right after. */
	void (*on_closed)(IotGtkConcentrator *win, gpointer user_data);
} IotGtkConcentratorOps;

/* ---- answers: each request takes exactly one ------------------------------------------- */

IotGtkConcRequestKind iot_gtk_conc_request_get_kind(const IotGtkConcRequest *req);
/* Returns: (transfer none) (nullable): the window that asked; NULL once the
 * window is gone (the answer is then only owed, not used). */
IotGtkConcentrator *iot_gtk_conc_request_get_window(const IotGtkConcRequest *req);

/* Any request failed: @error (transfer none) says why (IOT_ERROR_DISCONNECTED
 * when the account or the concentrator went offline). */
void iot_gtk_conc_request_fail(IotGtkConcRequest *req, const GError *error);
/* LOAD_CHILDREN: @sources (element-type IotConcentratorSource) and @nodes
 * (element-type IotGtkConcNodeInfo), both (transfer none) (nullable), in the
 * concentrator's order. */
void iot_gtk_conc_request_answer_children(IotGtkConcRequest *req, const GPtrArray *sources,
                                          const GPtrArray *nodes);
/* FIND_NODE, SET_PARAMETERS, CREATE_NODE, DUPLICATE_NODE: @nodes
 * (element-type IotGtkConcNodeInfo) (transfer none) (nullable). */
void iot_gtk_conc_request_answer_nodes(IotGtkConcRequest *req, const GPtrArray *nodes);
/* LIST_COMMANDS: @commands (element-type IotGtkConcCommand) (transfer none). */
void iot_gtk_conc_request_answer_commands(IotGtkConcRequest *req, const GPtrArray *commands);
/* COMMAND_FORM, PARAMETERS_FORM, NEW_NODE_FORM: @form (transfer full)
 * (nullable: no parameters at all). */
void iot_gtk_conc_request_answer_form(IotGtkConcRequest *req, IotDataForm *form);
/* ADDABLE_TYPES: @types (element-type IotGtkConcNodeType) (transfer none). */
void iot_gtk_conc_request_answer_types(IotGtkConcRequest *req, const GPtrArray *types);
/* RUN_COMMAND, RUN_QUERY, SET_PARAMETERS, CREATE_NODE: the device refused
 * the values; @errors (element-type IotControlParamError) (transfer none)
 * go under their fields, @text (nullable) is said as well. */
void iot_gtk_conc_request_answer_form_errors(IotGtkConcRequest *req, const GPtrArray *errors,
                                             const char *text);
/* RUN_COMMAND, RUN_QUERY, DELETE_NODES, MOVE_NODES, SUBSCRIBE: done;
 * @text (nullable) is the device's sentence, if any. */
void iot_gtk_conc_request_answer_done(IotGtkConcRequest *req, const char *text);

/* What a running query (RUN_QUERY, before its answer) sends, in order. All
 * strings are the device's (transfer none). A table holds at most
 * IOT_GTK_CONC_QUERY_MAX_ROWS records; more are counted and said. */
#define IOT_GTK_CONC_QUERY_MAX_ROWS 100000
void iot_gtk_conc_query_started(IotGtkConcRequest *req);
void iot_gtk_conc_query_title(IotGtkConcRequest *req, const char *title);
void iot_gtk_conc_query_status(IotGtkConcRequest *req, const char *status);
void iot_gtk_conc_query_message(IotGtkConcRequest *req, IotGtkConcMessageType type,
                                const char *text);
void iot_gtk_conc_query_begin_section(IotGtkConcRequest *req, const char *header);
void iot_gtk_conc_query_end_section(IotGtkConcRequest *req);
/* @columns (element-type IotGtkConcQueryColumn). A second table with the
 * same id replaces nothing: its records go to the first. */
void iot_gtk_conc_query_new_table(IotGtkConcRequest *req, const char *table_id, const char *name,
                                  const GPtrArray *columns);
/* One record of table @table_id: @n_cells texts (nullable entries = empty),
 * in the order of its columns. */
void iot_gtk_conc_query_record(IotGtkConcRequest *req, const char *table_id,
                               const char *const *cells, guint n_cells);
void iot_gtk_conc_query_table_done(IotGtkConcRequest *req, const char *table_id);
/* An object the device sent (newObject): shown as its type and size. */
void iot_gtk_conc_query_object(IotGtkConcRequest *req, const char *content_type, gsize bytes);

/* ---- the window ------------------------------------------------------------------------------ */

/* Returns: (transfer none): a new, not yet shown window titled
 * "Concentrator — @title" (@title copied). @ops is copied. The window owns
 * itself until the person closes it or iot_gtk_concentrator_destroy(). It
 * asks for the root data sources as soon as the main loop runs, never
 * before this returns. */
IotGtkConcentrator *iot_gtk_concentrator_new(const char *title, const IotGtkConcentratorOps *ops,
                                             gpointer user_data);
/* Destroys the window (pending requests cancelled, on_closed runs). */
void iot_gtk_concentrator_destroy(IotGtkConcentrator *win);
/* Returns: (transfer none): the toplevel GtkWindow. */
GtkWidget *iot_gtk_concentrator_get_window(IotGtkConcentrator *win);

/* The operations the concentrator offers, by their XEP-0326 names as
 * getCapabilities lists them ("getNodeCommands", "destroyNode", …);
 * NULL-terminated, copied. Until this is called every operation the owner
 * has a function for is offered. */
void iot_gtk_concentrator_set_capabilities(IotGtkConcentrator *win, const char *const *ops);

/* The concentrator (or the account) went offline or came back. Offline:
 * actions are off, @text (nullable) is said; rows still loading are answered
 * by the owner with a failure and say so. Back online: subscriptions are
 * asked for again; rows that failed retry when expanded again or on F5. */
void iot_gtk_concentrator_set_online(IotGtkConcentrator *win, gboolean online, const char *text);

/* Shows @text (plain, nullable = none) on the status line. */
void iot_gtk_concentrator_set_status(IotGtkConcentrator *win, const char *text, gboolean is_error);

/* Reloads the selected rows (or the data sources, when none is selected):
 * what F5 does. Rows keep their expansion and selection. */
void iot_gtk_concentrator_refresh(IotGtkConcentrator *win);

/* ---- events of a data source (protocols.md §5.5) ------------------------------------------ */
/* Each event names its node by (id, source, partition). An event whose node
 * or parent is not loaded is ignored; one that concerns rows still loading
 * is applied after their answer. All arguments (transfer none). */

/* nodeAdded: @after_id (nullable) places it after that sibling; else last. */
void iot_gtk_concentrator_node_added(IotGtkConcentrator *win, const IotGtkConcNodeInfo *info,
                                     const char *after_id, const char *after_partition);
/* nodeUpdated: @old_id (nullable) is the id it had before a rename. */
void iot_gtk_concentrator_node_updated(IotGtkConcentrator *win, const IotGtkConcNodeInfo *info,
                                       const char *old_id);
/* nodeStatusChanged: @messages (element-type IotGtkConcMessage) (nullable)
 * replace the node's messages when given. */
void iot_gtk_concentrator_node_status_changed(IotGtkConcentrator *win, const IotNodeRef *ref,
                                              IotNodeState state, const GPtrArray *messages);
void iot_gtk_concentrator_node_removed(IotGtkConcentrator *win, const IotNodeRef *ref);
void iot_gtk_concentrator_node_moved(IotGtkConcentrator *win, const IotNodeRef *ref, gboolean up);

/* ---- for tests and the owner's glue: (transfer none) unless said ------------------------- */

/* What the tree's columns show; the same columns in the search results,
 * which add LOCATION (the path of the node's parents). */
typedef enum {
	IOT_GTK_CONC_COL_NAME,
	IOT_GTK_CONC_COL_ID,
	IOT_GTK_CONC_COL_TYPE,
	IOT_GTK_CONC_COL_STATE,
	IOT_GTK_CONC_COL_READABLE,
	IOT_GTK_CONC_COL_CONTROLLABLE,
	IOT_GTK_CONC_COL_COMMANDS,
	IOT_GTK_CONC_COL_LAST_CHANGED,
	IOT_GTK_CONC_COL_LOCATION,
	IOT_GTK_CONC_N_COLUMNS
} IotGtkConcColumn;

/* The tree's model (rows of the data sources and nodes) and its view; the
 * search results' model and view (shown instead of the tree while a search
 * or the health filter is on). */
GtkTreeModel *iot_gtk_concentrator_get_model(IotGtkConcentrator *win);
GtkTreeView *iot_gtk_concentrator_get_view(IotGtkConcentrator *win);
GtkTreeModel *iot_gtk_concentrator_get_results_model(IotGtkConcentrator *win);
GtkTreeView *iot_gtk_concentrator_get_results_view(IotGtkConcentrator *win);
/* Returns: (transfer full): what column @col shows in row @iter of @model
 * (the tree's or the results'); the state as its word, the flags as "✓" or
 * "". "" for columns a row does not have. g_free(). */
char *iot_gtk_concentrator_cell_text(IotGtkConcentrator *win, GtkTreeModel *model,
                                     GtkTreeIter *iter, IotGtkConcColumn col);
/* Returns: (transfer none) (nullable): the stock icon the state column shows. */
const char *iot_gtk_concentrator_cell_icon(IotGtkConcentrator *win, GtkTreeModel *model,
                                           GtkTreeIter *iter);
/* The tree row of node @node_id in @source_id (@partition nullable), or of
 * data source @source_id when @node_id is NULL. FALSE when not loaded. */
gboolean iot_gtk_concentrator_find_row(IotGtkConcentrator *win, const char *source_id,
                                       const char *node_id, const char *partition,
                                       GtkTreeIter *iter);
/* Expands / selects the row of that node or source (FALSE when not loaded). */
gboolean iot_gtk_concentrator_expand(IotGtkConcentrator *win, const char *source_id,
                                     const char *node_id);
gboolean iot_gtk_concentrator_select(IotGtkConcentrator *win, const char *source_id,
                                     const char *node_id, gboolean add);
/* The text of the health line, of the status line, and of the search
 * results' summary. */
const char *iot_gtk_concentrator_get_health_text(IotGtkConcentrator *win);
const char *iot_gtk_concentrator_get_status(IotGtkConcentrator *win);
const char *iot_gtk_concentrator_get_results_text(IotGtkConcentrator *win);
/* The health line (a toggle button: on = only nodes in error or warning),
 * the search entry, the messages pane's model (columns: time, type word,
 * text, stock icon, all utf8; newest first) and the parameter-columns
 * switch. */
GtkWidget *iot_gtk_concentrator_get_health_button(IotGtkConcentrator *win);
GtkEntry *iot_gtk_concentrator_get_search_entry(IotGtkConcentrator *win);
GtkTreeModel *iot_gtk_concentrator_get_messages_model(IotGtkConcentrator *win);
GtkWidget *iot_gtk_concentrator_get_parameter_toggle(IotGtkConcentrator *win);
/* The label above the messages pane ("Messages of “Front door”:"). */
GtkWidget *iot_gtk_concentrator_get_messages_label(IotGtkConcentrator *win);
/* TRUE while the search results are being filled (in steps of the main loop). */
gboolean iot_gtk_concentrator_filtering(IotGtkConcentrator *win);
/* Returns: (transfer none): the context menu for the current selection, as
 * Shift+F10 pops it up (built anew each call; valid until the next call or
 * until it is hidden). */
GtkWidget *iot_gtk_concentrator_build_menu(IotGtkConcentrator *win);
/* Returns: (transfer none) (nullable): the topmost window the concentrator
 * window opened and still has (a confirmation, a form, a query), NULL when
 * none. A form's window holds its IotGtkControl as object data
 * "iot-gtk-control". */
GtkWidget *iot_gtk_concentrator_get_dialog(IotGtkConcentrator *win);
/* How many nodes and data sources are loaded, and requests are pending. */
guint iot_gtk_concentrator_count_loaded(IotGtkConcentrator *win);
guint iot_gtk_concentrator_count_pending(IotGtkConcentrator *win);

/* The newest query results window still open, or NULL. It shows the query's
 * title, a tab per table (sections prefix their names), its messages, a
 * progress line, and Abort, Save as CSV and Close buttons. */
IotGtkConcQuery *iot_gtk_concentrator_get_query(IotGtkConcentrator *win);
GtkWidget *iot_gtk_conc_query_get_window(IotGtkConcQuery *q);
guint iot_gtk_conc_query_get_n_tables(IotGtkConcQuery *q);
/* Table @i's records (one utf8 column per table column) and its tab's text. */
GtkTreeModel *iot_gtk_conc_query_get_table(IotGtkConcQuery *q, guint i);
const char *iot_gtk_conc_query_get_table_name(IotGtkConcQuery *q, guint i);
/* The query's messages (columns: type word, text; utf8). */
GtkTreeModel *iot_gtk_conc_query_get_messages(IotGtkConcQuery *q);
const char *iot_gtk_conc_query_get_status(IotGtkConcQuery *q);
gboolean iot_gtk_conc_query_is_running(IotGtkConcQuery *q);
/* What the Abort button does. */
void iot_gtk_conc_query_abort(IotGtkConcQuery *q);
GtkWidget *iot_gtk_conc_query_get_abort_button(IotGtkConcQuery *q);
/* Returns: (transfer full): table @i as CSV (iot-csv.h: a header record of
 * the column headers, then the records); g_string_free(). */
GString *iot_gtk_conc_query_table_csv(IotGtkConcQuery *q, guint i);
/* Writes it to @path atomically: what Save as CSV does after its chooser. */
gboolean iot_gtk_conc_query_save_csv(IotGtkConcQuery *q, guint i, const char *path,
                                     GError **error);

G_END_DECLS

#endif
