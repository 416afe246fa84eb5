/*
 * iot-gtk-registry-private.h — what the registry windows' source files
 * share: requests and the base every window has (iot-gtk-registry-request.c),
 * copies of questions and rules, the words of cells. Not for use outside ui/.
 */
#ifndef IOT_GTK_REGISTRY_PRIVATE_H
#define IOT_GTK_REGISTRY_PRIVATE_H

#include "iot-gtk-registry.h"

/* What every registry window holds: its owner's ops and what it waits for. */
typedef struct {
	IotGtkRegistryOps ops;
	gpointer user_data;
	GHashTable *pending; /* IotGtkRegistryRequest set (the window's references) */
	gpointer owner;      /* the window's struct, passed to done() */
	GtkWidget *window;
	gboolean closing;
} IotGtkRegistryBase;

typedef void (*IotGtkRegistryDone)(gpointer owner, IotGtkRegistryRequest *req);

struct _IotGtkRegistryRequest {
	int refs;                  /* the window's while pending, the owner's until answered */
	IotGtkRegistryRequestKind kind;
	IotGtkRegistryBase *base;  /* NULL once cancelled */
	gboolean answered, cancelled;
	IotGtkRegistryDone done;   /* runs with the answer, unless cancelled */
	/* what it asks (owned) */
	char *registry, *path, *jid, *group, *alias;
	IotRegistryNode node;
	gboolean has_node;
	GPtrArray *tags, *conds;
	gboolean make_public;
	guint offset, max_count;
	IotProvisioningRule *rule;
	IotQuestion *question;
	IotAnswer answer;
	char *answer_token;
	char **answer_fields, **answer_params;
	/* the answer, valid during done() (borrowed) */
	const char *error, *text;
	const IotRegistryThing *thing;
	const IotRegistryPage *page;
	const GPtrArray *rules;
	/* for the flow that sent it */
	gpointer data;
	GDestroyNotify data_free;
};

void iot_gtk_registry_base_init(IotGtkRegistryBase *base, const IotGtkRegistryOps *ops, gpointer user_data,
                                gpointer owner);
/* Cancels what is pending and tells the owner the window is gone. */
void iot_gtk_registry_base_close(IotGtkRegistryBase *base);
IotGtkRegistryRequest *iot_gtk_registry_request_new(IotGtkRegistryBase *base, IotGtkRegistryRequestKind kind,
                                                    IotGtkRegistryDone done);
void iot_gtk_registry_request_send(IotGtkRegistryRequest *req);
void iot_gtk_registry_request_set_node(IotGtkRegistryRequest *req, const IotRegistryNode *node);

/* Returns: (transfer full) copies; NULL-safe. */
IotQuestion *iot_gtk_registry_question_copy(const IotQuestion *q);
IotProvisioningRule *iot_gtk_registry_rule_copy(const IotProvisioningRule *r);
IotRegistryThing *iot_gtk_registry_thing_copy(const IotRegistryThing *t);
void iot_gtk_registry_node_copy(IotRegistryNode *to, const IotRegistryNode *from);

/* Returns: (transfer full): @s (nullable → "") without control characters,
 * cut to IOT_GTK_REGISTRY_CELL_CHARS; g_free(). */
char *iot_gtk_registry_clean(const char *s);
/* Returns: (transfer full): a node's ids in words ("" for none); g_free(). */
char *iot_gtk_registry_node_text(const IotRegistryNode *node);

/* A label for a status line (wraps, selectable, plain text). */
GtkWidget *iot_gtk_registry_status_label(void);
/* A scrolled tree view of @model with plain-text columns (titles, model
 * columns), each ellipsized, the @expand-th taking the room left;
 * (transfer none) the view in *@view. */
GtkWidget *iot_gtk_registry_list(GtkTreeModel *model, GtkTreeView **view, const char *const *titles,
                                 const int *columns, guint n, guint expand);
/* Asks @question (plain text) with @ok_label; runs @yes(@data) on OK.
 * Returns: (transfer none): the dialog (destroyed when answered). */
GtkWidget *iot_gtk_registry_confirm(GtkWidget *parent, const char *question, const char *ok_label,
                                    GCallback yes, gpointer data);

/* iot-gtk-registry-tags.c: a scrolled table of @store's tags
 * (IOT_GTK_REGISTRY_TAG_COL_*), editable; @edited and @toggled get @data;
 * the view in *@view (transfer none). The value of a KEY tag (any case) is
 * drawn masked and edited in a masked entry unless
 * iot_gtk_registry_tags_show_secret(view, TRUE). */
GtkWidget *iot_gtk_registry_tags_editor(GtkListStore *store, GtkWidget **view, GCallback edited, GCallback toggled,
                                        gpointer data);
void iot_gtk_registry_tags_show_secret(GtkWidget *view, gboolean show);
/* Makes @entry draw nothing of its text (kept as is) while it is not
 * visible: no selection stays in it (nothing to copy, not even the
 * primary selection), and a paste replaces its whole text. */
void iot_gtk_registry_mask_entry(GtkEntry *entry);

/* Fills the dialog @d (a GtkDialog) with a table of @tags, Add and Remove,
 * and a status line; its store is object data "tags", the status label
 * "status". */
void iot_gtk_registry_tags_dialog_fill(GtkWidget *d, const GPtrArray *tags);
/* Returns: (transfer full) (nullable): the tags of @m to send: its rows, and
 * every tag of @old no longer there with an empty value (which deletes it);
 * NULL with @error naming a bad row. */
GPtrArray *iot_gtk_registry_tags_edited(GtkTreeModel *m, const GPtrArray *old, GError **error);

#endif
