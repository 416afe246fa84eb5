/*
 * test-concentrator-util.h — what the concentrator window's tests share:
 * opening the window over the fake concentrator, reading its tree, results
 * and menus, keys, forms, and node infos for events.
 */
#ifndef TEST_CONCENTRATOR_UTIL_H
#define TEST_CONCENTRATOR_UTIL_H

#include "iot-gtk-concentrator.h"
#include "iot-gtk-control.h"
#include "test-concentrator-fake.h"

/* The fake and its window of the running test. */
extern FakeConc *fc;
extern IotGtkConcentrator *win;

/* A window over a new fake (@manual: answers wait for fake_answer_all()),
 * shown and drawn; and its end, which checks every request was answered
 * once. */
void open_window(gboolean manual);
void close_window(void);
/* The tree: rows by (source, id; NULL id = the source), what their columns
 * show, their children's names joined by "|", expansion and selection. */
GtkTreeModel *model(void);
GtkTreeIter row(const char *source, const char *id);
gboolean has_row(const char *source, const char *id);
char *cell(GtkTreeModel *m, GtkTreeIter *it, IotGtkConcColumn col);
void assert_cell(GtkTreeModel *m, GtkTreeIter *it, IotGtkConcColumn col, const char *want);
char *children(GtkTreeIter *parent);
void assert_children(const char *source, const char *id, const char *want);
/* The search results' node ids joined by "|", once filled. */
char *results(void);
void assert_results(const char *want);
gboolean expanded(const char *source, const char *id);
gboolean selected(const char *source, const char *id);
void expand(const char *source, const char *id);
void select_rows(const char *source, const char *const *ids);
/* A key press through the toplevel, as from the X server. */
void send_key(guint keyval, GdkModifierType state);
void redraw(GtkWidget *window);
/* Menus: items by label (without the mnemonic's "_"), the menu on screen,
 * a menu as text ("-" separators, "#" category headers), the commands
 * submenu of the selection, activation (and a settled main loop). */
char *strip_mnemonic(const char *label);
GtkWidget *menu_item(GtkWidget *menu, const char *label);
GtkWidget *popped_up_menu(void);
char *menu_text(GtkWidget *menu);
GtkWidget *commands_submenu(void);
void activate_only(GtkWidget *menu, const char *label);
void activate(GtkWidget *menu, const char *label);
/* The form dialog the window opened last, typing into it, and what Find
 * by ID does with a text. */
IotGtkControl *form_dialog(void);
void type_into(IotGtkControl *dlg, const char *var, const char *text);
void find_node_by_id(IotGtkConcentrator *w, const char *id);
/* Events' arguments: a node reference (borrowed strings) and a readable
 * lamp (iot_gtk_conc_node_info_free()). */
IotNodeRef ref(const char *source, const char *id);
IotGtkConcNodeInfo *info(const char *source, const char *id, const char *name, const char *parent,
                         IotNodeState state);

#endif
