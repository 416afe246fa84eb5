/*
 * iot-gtk-concentrator-private.h — what the concentrator window's source
 * files share: the window (iot-gtk-concentrator.c), requests and answers
 * (-request.c), tree rows and loading (-tree.c), columns and the messages
 * pane (-columns.c), events (-events.c), search, health filter and "find by
 * id" (-filter.c), menus and node actions (-menu.c), forms (-forms.c),
 * query results (-query.c), shared helpers and accessors (-api.c). Not for
 * use outside ui/.
 */
#ifndef IOT_GTK_CONCENTRATOR_PRIVATE_H
#define IOT_GTK_CONCENTRATOR_PRIVATE_H

#include "iot-gtk-concentrator.h"
#include "iot-gtk-control.h"

/* Bounds: messages kept per node, parameter columns, nodes per action. */
#define IOT_GTK_CONC_MAX_MESSAGES 100
#define IOT_GTK_CONC_MAX_PARAM_COLUMNS 32
#define IOT_GTK_CONC_MAX_SELECTED 1000
/* Names in titles and sentences are cut at so many characters. */
#define IOT_GTK_CONC_LABEL_CHARS 60

/* The tree store's columns: a node or source row holds its row in ROW; a
 * placeholder ("Loading…", "Could not load …") holds NULL there and its
 * parent's row in PARENT. The results list has ROW only. */
enum { IOT_GTK_CONC_STORE_ROW, IOT_GTK_CONC_STORE_PARENT, IOT_GTK_CONC_STORE_N };

typedef struct _IotGtkConcRow IotGtkConcRow;

/* A data source or a node the tree shows. Owned by the window (win->rows
 * holds it by key); its tree row lives as long as it does. */
struct _IotGtkConcRow {
	IotGtkConcRow *parent;         /* &win->root for root data sources */
	GtkTreeIter iter;              /* its row in win->store (iters persist) */
	IotConcentratorSource *source; /* (owned) a data-source row, else NULL */
	IotConcentratorNode *node;     /* (owned) a node row, else NULL */
	GPtrArray *params;             /* (owned) (nullable) IotGtkConcParameter */
	GPtrArray *messages;           /* (owned) (nullable) IotGtkConcMessage */
	GPtrArray *commands;           /* (owned) (nullable) IotGtkConcCommand, cached */
	char *key;                     /* (owned) win->rows key */
	char *load_error;              /* (owned) (nullable) why the last load failed */
	IotGtkConcRequest *load;       /* (nullable) its children on their way */
	guint loaded : 1;              /* its children were loaded once */
	guint placeholder : 1;         /* it has a placeholder child (only child) */
};

/* One answer, whatever its kind; see the iot_gtk_conc_request_answer_*(). */
typedef struct {
	const GError *error;
	const GPtrArray *sources, *nodes, *commands, *types, *errors;
	IotDataForm *form; /* (owned): a handler keeping it sets it to NULL */
	const char *text;
} IotGtkConcAnswer;

typedef void (*IotGtkConcDone)(IotGtkConcentrator *win, IotGtkConcRequest *req,
                               IotGtkConcAnswer *a);

struct _IotGtkConcRequest {
	int refs;                    /* the window's while pending, the owner's until answered */
	IotGtkConcRequestKind kind;
	IotGtkConcentrator *win;     /* NULL once cancelled */
	gboolean answered, cancelled;
	IotGtkConcDone done;         /* runs with the answer, unless cancelled */
	IotGtkConcRow *row;          /* LOAD_CHILDREN: the row loading */
	char *source_id;             /* (owned) (nullable) the source it loads in */
	gpointer data;               /* the flow it belongs to */
	GDestroyNotify data_free;
	IotGtkConcQuery *query;      /* RUN_QUERY: its results window, or NULL */
};

/* An event waiting for loads of its data source to end. */
typedef struct _IotGtkConcEvent IotGtkConcEvent;

/* A command, parameter or add flow: its form dialog and its request. */
typedef struct _IotGtkConcFlow IotGtkConcFlow;

struct _IotGtkConcentrator {
	IotGtkConcentratorOps ops;
	gpointer user_data;
	char *title;

	GtkWidget *window, *vbox;
	GtkWidget *health_button, *health_icon, *health_label;
	GtkWidget *search_entry, *find_button, *param_toggle;
	GtkTreeStore *store;
	GtkWidget *view, *tree_scroll;
	GtkListStore *results;
	GtkWidget *results_view, *results_box, *results_label;
	GtkListStore *messages;
	GtkWidget *messages_view, *messages_label, *paned;
	GtkWidget *read_button, *control_button, *commands_button, *params_button;
	GtkWidget *add_button, *duplicate_button, *up_button, *down_button, *delete_button;
	GtkWidget *spinner, *status_icon, *status_label;
	GtkWidget *menu;             /* (nullable) the context menu last built */
	GtkWidget *commands_menu;    /* (nullable) its commands submenu, while it lives */
	char *commands_key;          /* (owned) (nullable) which nodes that submenu is for */
	GPtrArray *common_commands;  /* (owned) (nullable) commands of several nodes */
	char *common_key;            /* (owned) (nullable) which nodes */
	IotGtkConcRequest *commands_req; /* (nullable) commands on their way */
	GtkAccelGroup *accel;
	GtkAccelGroup *menu_accel;   /* shows key names in menus; attached to no window */

	IotGtkConcRow root;          /* the invisible parent of the root data sources */
	GHashTable *rows;            /* key (borrowed) → IotGtkConcRow (owned) */
	GHashTable *pending;         /* IotGtkConcRequest set: the window's references */
	GHashTable *loads;           /* source id → pending loads in it (GUINT_TO_POINTER) */
	GPtrArray *queued;           /* (element-type IotGtkConcEvent) */
	GHashTable *caps;            /* (nullable) operation names offered */
	GHashTable *subscribed;      /* source id → IotGtkConcSubscription */
	guint n_nodes, n_sources, n_errors, n_warnings;
	char *health_text, *status_text, *results_text;
	gboolean status_error;
	gboolean online, closing;
	int busy;                    /* requests other than loads under way */

	/* search and health filter (-filter.c) */
	char *filter_text;           /* (owned) (nullable) casefolded */
	gboolean filter_health;
	GHashTable *result_rows;     /* IotGtkConcRow → GtkTreeIter* in results */
	GPtrArray *filter_todo;      /* rows still to test, in tree order */
	guint filter_pos, filter_idle, filter_matches;
	gboolean filter_restart;
	gpointer reveal;             /* (nullable) a node being brought into view */

	/* parameter columns */
	GPtrArray *param_ids;        /* (owned strings) in the order first seen */
	GHashTable *param_names;     /* id → name (owned) */
	gboolean show_params;

	GPtrArray *flows;            /* (element-type IotGtkConcFlow) under way */
	GPtrArray *dialogs;          /* GtkWidget: open windows of ours, newest last */
	GPtrArray *queries;          /* IotGtkConcQuery: open query windows */
	GPtrArray *connected;        /* objects with handlers of ours */
	guint actions_idle;          /* buttons and messages pane to update */
	guint first_load;            /* the data sources are asked for from here */
};

typedef enum {
	IOT_GTK_CONC_SUB_ASKING = 1,
	IOT_GTK_CONC_SUB_ACTIVE,
	IOT_GTK_CONC_SUB_FAILED
} IotGtkConcSubscription;

/* ---- iot-gtk-concentrator.c and -api.c ---- */
void iot_gtk_conc_show_status(IotGtkConcentrator *win, const char *text, gboolean is_error);
/* Sets the buttons after the selection or anything else changed. */
void iot_gtk_conc_update_actions(IotGtkConcentrator *win);
/* Busy count for the spinner: +1 / -1. */
void iot_gtk_conc_busy(IotGtkConcentrator *win, int delta);
/* g_signal_connect(), remembered so that the window's end disconnects it. */
void iot_gtk_conc_connect(IotGtkConcentrator *win, gpointer obj, const char *signal, GCallback cb);
/* A window of ours (confirmation, form, query): destroyed with the window. */
void iot_gtk_conc_add_dialog(IotGtkConcentrator *win, GtkWidget *dialog);
/* A confirmation (plain text): @yes(win, @data) runs on OK; @data_free
 * (nullable) runs with the dialog's end, whatever the answer. */
void iot_gtk_conc_confirm(IotGtkConcentrator *win, const char *primary, const char *secondary,
                          const char *ok_label, GCallback yes, gpointer data,
                          GDestroyNotify data_free);
/* Returns: (transfer full): @text with each "_" doubled, to go into a
 * label with a mnemonic of ours without making one of its own. g_free(). */
char *iot_gtk_conc_no_mnemonic(const char *text);
/* TRUE when the concentrator offers @op (or nothing was said). */
gboolean iot_gtk_conc_can(IotGtkConcentrator *win, const char *op);
/* Returns: (transfer full): why a request failed, in a few words; g_free(). */
char *iot_gtk_conc_error_text(const GError *error);
/* Returns: (transfer full): "“name”" of a row, or "3 nodes"; g_free(). */
char *iot_gtk_conc_nodes_label(IotGtkConcentrator *win, const GPtrArray *rows);

/* ---- iot-gtk-concentrator-request.c ---- */
/* Returns: (transfer none): a pending request (the window's reference);
 * call the owner's function last, and do not touch it afterwards. */
IotGtkConcRequest *iot_gtk_conc_request_new(IotGtkConcentrator *win, IotGtkConcRequestKind kind,
                                            IotGtkConcDone done, gpointer data,
                                            GDestroyNotify data_free);
/* The window no longer wants @req: the owner's cancel() runs, its answer
 * will be dropped. Nothing happens for an answered request. */
void iot_gtk_conc_request_cancel(IotGtkConcRequest *req);
/* Cancels every pending request (the window closes). */
void iot_gtk_conc_request_cancel_all(IotGtkConcentrator *win);
/* Returns: (transfer full): IotNodeRef copies of the node rows in @rows. */
GPtrArray *iot_gtk_conc_refs(const GPtrArray *rows);
/* Returns: (transfer full): a deep copy of @refs (element-type IotNodeRef). */
GPtrArray *iot_gtk_conc_refs_copy(const GPtrArray *refs);

/* ---- iot-gtk-concentrator-tree.c ---- */
void iot_gtk_conc_tree_init(IotGtkConcentrator *win);
void iot_gtk_conc_tree_free(IotGtkConcentrator *win);
/* The key of a node, or of a source (@node_id NULL). g_free(). */
char *iot_gtk_conc_key(const char *source_id, const char *partition, const char *node_id);
IotGtkConcRow *iot_gtk_conc_lookup(IotGtkConcentrator *win, const char *source_id,
                                   const char *partition, const char *node_id);
IotGtkConcRow *iot_gtk_conc_lookup_ref(IotGtkConcentrator *win, const IotNodeRef *ref);
/* The row of @iter in @model (tree or results); NULL for placeholders.
 * *@placeholder_of (nullable) gets a placeholder's parent. */
IotGtkConcRow *iot_gtk_conc_row_at(GtkTreeModel *model, GtkTreeIter *iter,
                                   IotGtkConcRow **placeholder_of);
/* The source id of a row's data. */
const char *iot_gtk_conc_row_source(const IotGtkConcRow *row);
/* Returns: (transfer none): what people call it: display name, else id. */
const char *iot_gtk_conc_row_name(const IotGtkConcRow *row);
/* Asks for @row's children (the root's: the data sources). @refresh: also
 * when they are loaded already (they are merged in place). */
void iot_gtk_conc_load(IotGtkConcentrator *win, IotGtkConcRow *row, gboolean refresh);
/* Adds @info under @parent (or updates it in place when it is there
 * already), after @after (nullable: last). Returns: (transfer none) its row. */
IotGtkConcRow *iot_gtk_conc_upsert(IotGtkConcentrator *win, IotGtkConcRow *parent,
                                   const IotGtkConcNodeInfo *info, IotGtkConcRow *after);
/* Updates @row from @info (which may rename it). */
void iot_gtk_conc_update_row(IotGtkConcentrator *win, IotGtkConcRow *row,
                             const IotGtkConcNodeInfo *info);
/* Sets a node's state and (when @messages) its messages. */
void iot_gtk_conc_set_state(IotGtkConcentrator *win, IotGtkConcRow *row, IotNodeState state,
                            const GPtrArray *messages);
/* Removes @row and everything under it. */
void iot_gtk_conc_remove_row(IotGtkConcentrator *win, IotGtkConcRow *row);
/* Moves @row one place among its node siblings; FALSE at the edge. */
gboolean iot_gtk_conc_move_row(IotGtkConcentrator *win, IotGtkConcRow *row, gboolean up);
/* Tells both views that @row's look changed. */
void iot_gtk_conc_row_changed(IotGtkConcentrator *win, IotGtkConcRow *row);
/* GTK 2 has no gtk_tree_model_iter_previous(). */
gboolean iot_gtk_conc_iter_previous(GtkTreeModel *model, GtkTreeIter *iter);
/* Returns: (transfer full): the path of @row in the tree; free it. */
GtkTreePath *iot_gtk_conc_row_path(IotGtkConcentrator *win, IotGtkConcRow *row);
/* The node rows in tree order under @row (depth first), into @out. */
void iot_gtk_conc_collect(IotGtkConcentrator *win, IotGtkConcRow *row, GPtrArray *out);
/* A load request was cancelled: it no longer counts as pending. */
void iot_gtk_conc_load_cancelled(IotGtkConcentrator *win, IotGtkConcRequest *req);
/* Subscribes to @source_id's events when not done yet. */
void iot_gtk_conc_subscribe(IotGtkConcentrator *win, const char *source_id);
/* TRUE when events of @source_id flow. */
gboolean iot_gtk_conc_events_active(IotGtkConcentrator *win, const char *source_id);

/* ---- iot-gtk-concentrator-columns.c ---- */
void iot_gtk_conc_columns_add(IotGtkConcentrator *win, GtkTreeView *view, gboolean location);
/* Learns the parameter ids of @row (new ones get columns when shown). */
void iot_gtk_conc_columns_learn(IotGtkConcentrator *win, const IotGtkConcRow *row);
void iot_gtk_conc_columns_show_params(IotGtkConcentrator *win, gboolean show);
const char *iot_gtk_conc_state_word(IotNodeState state);
const char *iot_gtk_conc_state_icon(IotNodeState state);
char *iot_gtk_conc_row_location(const IotGtkConcRow *row);
/* The messages pane shows the messages of the row the cursor is on. */
GtkWidget *iot_gtk_conc_messages_new(IotGtkConcentrator *win);
void iot_gtk_conc_messages_update(IotGtkConcentrator *win);
/* The health line after a count changed. */
void iot_gtk_conc_health_update(IotGtkConcentrator *win);

/* ---- iot-gtk-concentrator-events.c ---- */
/* A load in @source_id ended: queued events that can be placed now are;
 * the others are dropped when no load in @source_id is pending any more. */
void iot_gtk_conc_events_replay(IotGtkConcentrator *win, const char *source_id);
/* Drops the queued events of @source_id. */
void iot_gtk_conc_events_drop(IotGtkConcentrator *win, const char *source_id);
void iot_gtk_conc_events_free(IotGtkConcentrator *win);

/* ---- iot-gtk-concentrator-filter.c ---- */
GtkWidget *iot_gtk_conc_results_new(IotGtkConcentrator *win);
void iot_gtk_conc_filter_changed(IotGtkConcentrator *win);
gboolean iot_gtk_conc_filter_active(IotGtkConcentrator *win);
/* A row appeared or changed (it may match now) or goes away. */
void iot_gtk_conc_filter_row_changed(IotGtkConcentrator *win, IotGtkConcRow *row);
void iot_gtk_conc_filter_row_gone(IotGtkConcentrator *win, IotGtkConcRow *row);
void iot_gtk_conc_filter_free(IotGtkConcentrator *win);
/* The view the person works in: the results while filtering, else the tree. */
GtkTreeView *iot_gtk_conc_active_view(IotGtkConcentrator *win);
/* Returns: (transfer container): the selected node and source rows of the
 * active view, in order; g_ptr_array_unref(). */
GPtrArray *iot_gtk_conc_selected(IotGtkConcentrator *win);
/* Clears the filter and shows @row in the tree: parents expanded, selected. */
void iot_gtk_conc_show_in_tree(IotGtkConcentrator *win, IotGtkConcRow *row);
/* "Find node by id": the dialog, and the search itself. */
void iot_gtk_conc_find_dialog(IotGtkConcentrator *win);
void iot_gtk_conc_find(IotGtkConcentrator *win, const char *node_id);
/* A load ended: a node being revealed may go one level further. */
void iot_gtk_conc_reveal_step(IotGtkConcentrator *win);
void iot_gtk_conc_reveal_free(IotGtkConcentrator *win);

/* ---- iot-gtk-concentrator-menu.c ---- */
GtkWidget *iot_gtk_conc_menu_build(IotGtkConcentrator *win);
void iot_gtk_conc_menu_popup(IotGtkConcentrator *win, GdkEventButton *ev);
void iot_gtk_conc_commands_popup(IotGtkConcentrator *win, GtkWidget *button);
/* Whether the actions apply to the selection. */
typedef struct {
	gboolean read, control, commands, params, add, duplicate, up, down, delete_;
} IotGtkConcActions;
void iot_gtk_conc_actions(IotGtkConcentrator *win, const GPtrArray *sel, IotGtkConcActions *a);
void iot_gtk_conc_do_read(IotGtkConcentrator *win);
void iot_gtk_conc_do_control(IotGtkConcentrator *win);
void iot_gtk_conc_do_delete(IotGtkConcentrator *win);
void iot_gtk_conc_do_move(IotGtkConcentrator *win, gboolean up);
void iot_gtk_conc_do_duplicate(IotGtkConcentrator *win);
/* The selection's commands changed: a living submenu is refilled. */
void iot_gtk_conc_commands_forget(IotGtkConcentrator *win, IotGtkConcRow *row);
void iot_gtk_conc_menu_free(IotGtkConcentrator *win);

/* ---- iot-gtk-concentrator-forms.c and its flows: -commands.c, -parameters.c, -add.c ---- */
/* Runs @command on @refs (element-type IotNodeRef), whose label in titles
 * and sentences is @label: confirmation, form, then the run or the query. */
void iot_gtk_conc_run_command(IotGtkConcentrator *win, const GPtrArray *refs, const char *label,
                              const IotGtkConcCommand *command);
void iot_gtk_conc_edit_parameters(IotGtkConcentrator *win);
void iot_gtk_conc_add_child(IotGtkConcentrator *win);
void iot_gtk_conc_flows_free(IotGtkConcentrator *win);
/* The open forms are greyed out while offline, with @text (nullable). */
void iot_gtk_conc_flows_online(IotGtkConcentrator *win, gboolean online, const char *text);
/* The query of @req streams, or its window closes: the form that started it
 * is done with, and the query window alone holds the request. */
void iot_gtk_conc_flow_query_detach(IotGtkConcRequest *req);

/* ---- iot-gtk-concentrator-query.c ---- */
/* Returns: (transfer none): a shown results window for @req (which it
 * keeps in req->query); it lives until the person closes it. */
IotGtkConcQuery *iot_gtk_conc_query_new(IotGtkConcentrator *win, IotGtkConcRequest *req,
                                        const char *title);
/* The query's request ended (@a: its answer) or was cancelled (@a NULL). */
void iot_gtk_conc_query_end(IotGtkConcQuery *q, IotGtkConcAnswer *a);
/* The window closes: query windows go too. */
void iot_gtk_conc_query_close(IotGtkConcQuery *q);

#endif
