/*
 * iot-gtk-things-concentrator-private.h — what the two files of the browse
 * windows' glue share (iot-gtk-things-concentrator*.c). Not a public API.
 */
#ifndef IOT_GTK_THINGS_CONCENTRATOR_PRIVATE_H
#define IOT_GTK_THINGS_CONCENTRATOR_PRIVATE_H

#include "iot-gtk-concentrator.h"
#include "iot-purple-concentrator.h"

#include <account.h>

typedef struct {
	PurpleAccount *account;
	char *who; /* bare JID */
	IotGtkConcentrator *win;
	guint caps;       /* capabilities handle while asked */
	gboolean caps_asked;
	GList *pending;   /* (element-type Pending) */
	GList *subs;      /* (element-type Sub) */
} Browse;

/* One request of the window, through one or several adapter calls. */
typedef struct {
	Browse *b;                 /* NULL once the window closed */
	IotGtkConcRequest *req;
	guint handle;              /* the adapter call under way */
	gboolean cancelled;
	gboolean is_query;
	GArray *refs;              /* (element-type IotNodeRef) what it addresses */
	guint next;                /* delete: the next node */
	gboolean up;
	char *source_id;
	char *command;             /* success text for run_command */
	char *node_type;
	GPtrArray *sources;        /* load_children: the child sources learnt first */
	IotConcentratorNode *node; /* duplicate: the original */
} Pending;

/* A subscription to the events of one data source. */
typedef struct {
	Browse *b;
	char *source_id;
	guint handle;
	IotGtkConcRequest *req; /* the SUBSCRIBE request until answered */
} Sub;

Pending *iot_gtk_tc_pending_new(Browse *b, IotGtkConcRequest *req, const GPtrArray *nodes, const IotNodeRef *one);
void iot_gtk_tc_pending_end(Pending *p);
void iot_gtk_tc_pending_fail(Pending *p, const GError *error);
gboolean iot_gtk_tc_pending_stopped(Pending *p, const GError *error);
gboolean iot_gtk_tc_answer_ok(Pending *p, const IotConcentratorReply *reply, const GError *error,
                              gboolean form_errors);
void iot_gtk_tc_pending_fail_with(Pending *p, int code, const char *message);
IotConcentratorRequest *iot_gtk_tc_request_for(IotConcentratorOp op, Pending *p);
/* iot_gtk_tc_request_for() of @one for one node, of @common for several. */
IotConcentratorRequest *iot_gtk_tc_request_one_or_common(Pending *p, IotConcentratorOp one,
                                                         IotConcentratorOp common);
IotGtkConcNodeInfo *iot_gtk_tc_info_from_node(const IotConcentratorNode *n);
GPtrArray *iot_gtk_tc_infos_from_nodes(const GPtrArray *nodes);
gboolean iot_gtk_tc_answer_form_errors(Pending *p, const IotConcentratorReply *reply, const GError *error);
xmlNode *iot_gtk_tc_submit_whole(const IotDataForm *form);
guint iot_gtk_tc_call(Pending *p, IotConcentratorRequest *r, IotPurpleConcentratorReplyFunc cb);
Pending *iot_gtk_tc_pending_of(Browse *b, IotGtkConcRequest *req);
void iot_gtk_tc_nodes_answer(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error, gpointer data);
void iot_gtk_tc_list_commands(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data);
void iot_gtk_tc_get_command_form(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *command, gpointer data);
void iot_gtk_tc_run_command(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *command, const IotDataForm *form, gpointer data);
void iot_gtk_tc_run_query(IotGtkConcRequest *req, const GPtrArray *nodes, const IotGtkConcCommand *command, const IotDataForm *form, gpointer data);
void iot_gtk_tc_abort_query(IotGtkConcRequest *req, gpointer data);
void iot_gtk_tc_get_parameters_form(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data);
void iot_gtk_tc_set_parameters(IotGtkConcRequest *req, const GPtrArray *nodes, const IotDataForm *form, const IotFormValues *baseline, gpointer data);
void iot_gtk_tc_get_addable_types(IotGtkConcRequest *req, const IotNodeRef *parent, gpointer data);
void iot_gtk_tc_get_new_node_form(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type, gpointer data);
void iot_gtk_tc_create_node(IotGtkConcRequest *req, const IotNodeRef *parent, const char *type, const IotDataForm *form, gpointer data);
void iot_gtk_tc_delete_nodes(IotGtkConcRequest *req, const GPtrArray *nodes, gpointer data);
void iot_gtk_tc_move_nodes(IotGtkConcRequest *req, const GPtrArray *nodes, gboolean up, gpointer data);
void iot_gtk_tc_duplicate_node(IotGtkConcRequest *req, const IotNodeRef *node, gpointer data);

#endif
