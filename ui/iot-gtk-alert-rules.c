/*
 * iot-gtk-alert-rules.c — the Rules dialog: the list of the person's rules
 * with Add, Edit and Delete. See iot-gtk-alert-rules.h.
 */
#include "iot-gtk-alert-rules-private.h"

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define WIDTH 960
#define HEIGHT 380
#define COLOR_DISABLED "#777777"

struct _IotGtkAlertRules {
	IotGtkAlertRulesOps ops;
	gpointer user_data;
	GtkWidget *window, *view, *edit, *del, *confirm, *pin;
	GtkListStore *store;     /* (owned) */
	GHashTable *rules;       /* guint id → IotAlertRule (owned) */
	IotGtkAlertRuleEdit *editor;
	IotGtkAlertThing *preset;  /* (owned) (nullable) a new rule's thing */
	gboolean closing;
};

IotGtkAlertThing *
iot_gtk_alert_thing_new(const char *account, const char *thing, const char *name)
{
	IotGtkAlertThing *t = g_new0(IotGtkAlertThing, 1);

	t->account = g_strdup(account);
	t->thing = g_strdup(thing);
	t->name = g_strdup(name);
	return t;
}

void
iot_gtk_alert_thing_free(IotGtkAlertThing *t)
{
	if (t == NULL)
		return;
	g_free(t->account);
	g_free(t->thing);
	g_free(t->name);
	g_free(t);
}


static char *
level_text(const IotAlertRule *r, const IotAlertLevel *l)
{
	char *a, *b, *s;

	if (l->text != NULL)
		return g_strdup_printf("“%s”", l->text);
	a = iot_alert_format_number(l->value);
	if (r->op != IOT_ALERT_OP_OUTSIDE)
		return a;
	b = iot_alert_format_number(l->high);
	/* TRANSLATORS: a band of a rule: "18..24". */
	s = g_strdup_printf(_("%s..%s"), a, b);
	g_free(a);
	g_free(b);
	return s;
}

char *
iot_gtk_alert_rule_levels_text(const IotAlertRule *r)
{
	GString *s = g_string_new(NULL);

	switch (r->op) {
	case IOT_ALERT_OP_CHANGED:
	case IOT_ALERT_OP_STALE:
	case IOT_ALERT_OP_OFFLINE:
		g_string_append(s, iot_alert_severity_text(iot_alert_rule_severity(r)));
		return g_string_free(s, FALSE);
	default:
		break;
	}
	if (r->warning.set) {
		char *t = level_text(r, &r->warning);

		/* TRANSLATORS: a rule's warning level in the rules list. */
		g_string_append_printf(s, _("warning %s"), t);
		g_free(t);
	}
	if (r->alarm.set) {
		char *t = level_text(r, &r->alarm);

		if (s->len > 0)
			g_string_append(s, ", ");
		/* TRANSLATORS: a rule's alarm level in the rules list. */
		g_string_append_printf(s, _("alarm %s"), t);
		g_free(t);
	}
	return g_string_free(s, FALSE);
}

static void
sep(GString *s)
{
	if (s->len > 0)
		g_string_append(s, " · ");
}

char *
iot_gtk_alert_rule_flags_text(const IotAlertRule *r)
{
	GString *s = g_string_new(NULL);

	if (r->disabled) {
		/* TRANSLATORS: a rule that is switched off. */
		g_string_append(s, _("off"));
	}
	if (r->latched) {
		sep(s);
		g_string_append(s, _("latched"));
	}
	if (r->remind_s > 0) {
		char *d = iot_alert_format_duration(r->remind_s);

		sep(s);
		/* TRANSLATORS: a rule's reminders: "every 15 min". */
		g_string_append_printf(s, _("every %s"), d);
		g_free(d);
	}
	if (r->hysteresis > 0) {
		char *h = iot_alert_format_number(r->hysteresis);

		sep(s);
		/* TRANSLATORS: a rule's hysteresis: "± 2". */
		g_string_append_printf(s, _("hysteresis %s"), h);
		g_free(h);
	}
	if (r->priority != 0) {
		sep(s);
		g_string_append_printf(s, _("priority %d"), r->priority);
	}
	if (r->urgent) {
		sep(s);
		g_string_append(s, _("urgent"));
	}
	if (r->quiet.enabled && r->quiet.start_min != r->quiet.end_min) {
		sep(s);
		/* TRANSLATORS: a rule's quiet hours: "quiet 22:00–07:00". */
		g_string_append_printf(s, _("quiet %02u:%02u–%02u:%02u"), r->quiet.start_min / 60, r->quiet.start_min % 60,
		                       r->quiet.end_min / 60, r->quiet.end_min % 60);
	}
	return g_string_free(s, FALSE);
}

/* The condition without the field or the levels (their own columns):
 * "above, for 10 min", "no update for 15 min", "changed". */
static char *
condition_text(const IotAlertRule *r)
{
	char *d, *s;

	switch (r->op) {
	case IOT_ALERT_OP_STALE:
	case IOT_ALERT_OP_OFFLINE:
		d = iot_alert_format_duration(r->duration_s);
		/* TRANSLATORS: "no update for" / "offline for" and a duration. */
		s = g_strdup_printf(_("%s %s"), iot_alert_op_text(r->op), d);
		g_free(d);
		return s;
	default:
		if (r->for_s == 0)
			return g_strdup(iot_alert_op_text(r->op));
		d = iot_alert_format_duration(r->for_s);
		/* TRANSLATORS: a rule's condition and how long it must hold: "above, for 10 min". */
		s = g_strdup_printf(_("%s, for %s"), iot_alert_op_text(r->op), d);
		g_free(d);
		return s;
	}
}

/* ---- the list ----------------------------------------------------------------------- */

static guint
selected_id(IotGtkAlertRules *win)
{
	GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view));
	GtkTreeModel *m;
	GtkTreeIter iter;
	guint id = 0;

	if (gtk_tree_selection_get_selected(sel, &m, &iter))
		gtk_tree_model_get(m, &iter, IOT_GTK_ALERT_RULES_COL_ID, &id, -1);
	return id;
}

static void
update_buttons(IotGtkAlertRules *win)
{
	guint id = selected_id(win);

	gtk_widget_set_sensitive(win->edit, id != 0 && win->ops.save_rule != NULL);
	gtk_widget_set_sensitive(win->del, id != 0 && win->ops.delete_rule != NULL);
}

static int
by_id(gconstpointer a, gconstpointer b)
{
	guint x = (*(const IotAlertRule *const *)a)->id, y = (*(const IotAlertRule *const *)b)->id;

	return x < y ? -1 : x > y;
}

void
iot_gtk_alert_rules_set_rules(IotGtkAlertRules *win, const GPtrArray *rules)
{
	guint keep = selected_id(win), i;
	GPtrArray *sorted = g_ptr_array_new();

	g_return_if_fail(win != NULL);
	g_hash_table_remove_all(win->rules);
	gtk_list_store_clear(win->store);
	for (i = 0; rules != NULL && i < rules->len; i++) {
		IotAlertRule *r = iot_alert_rule_copy(g_ptr_array_index(rules, i));

		g_hash_table_replace(win->rules, GUINT_TO_POINTER(r->id), r);
		g_ptr_array_add(sorted, r);
	}
	g_ptr_array_sort(sorted, by_id);
	for (i = 0; i < sorted->len; i++) {
		const IotAlertRule *r = g_ptr_array_index(sorted, i);
		char *name = win->ops.display_name ? win->ops.display_name(r->account, r->thing, win->user_data) : NULL;
		char *thing = name != NULL && *name ? g_strdup_printf("%s (%s)", name, r->thing) : g_strdup(r->thing);
		char *field = r->node != NULL ? g_strdup_printf(_("%s › %s"), r->node, r->field ? r->field : "")
		                              : g_strdup(r->field ? r->field : "");
		char *cond = condition_text(r), *levels = iot_gtk_alert_rule_levels_text(r);
		char *flags = iot_gtk_alert_rule_flags_text(r);
		GtkTreeIter iter;

		gtk_list_store_insert_with_values(win->store, &iter, -1, IOT_GTK_ALERT_RULES_COL_ID, r->id,
		                                  IOT_GTK_ALERT_RULES_COL_THING, thing, IOT_GTK_ALERT_RULES_COL_FIELD,
		                                  field, IOT_GTK_ALERT_RULES_COL_CONDITION, cond,
		                                  IOT_GTK_ALERT_RULES_COL_LEVELS, levels, IOT_GTK_ALERT_RULES_COL_FLAGS,
		                                  flags, IOT_GTK_ALERT_RULES_COL_FOREGROUND,
		                                  r->disabled ? COLOR_DISABLED : NULL, -1);
		g_free(name);
		g_free(thing);
		g_free(field);
		g_free(cond);
		g_free(levels);
		g_free(flags);
	}
	g_ptr_array_unref(sorted);
	if (keep != 0)
		iot_gtk_alert_rules_select(win, keep);
	update_buttons(win);
}

gboolean
iot_gtk_alert_rules_select(IotGtkAlertRules *win, guint id)
{
	GtkTreeModel *m = GTK_TREE_MODEL(win->store);
	GtkTreeIter iter;
	gboolean ok;

	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		guint rid;

		gtk_tree_model_get(m, &iter, IOT_GTK_ALERT_RULES_COL_ID, &rid, -1);
		if (rid == id) {
			gtk_tree_selection_select_iter(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), &iter);
			return TRUE;
		}
	}
	return FALSE;
}

/* ---- the buttons ------------------------------------------------------------------- */

static void
open_editor(IotGtkAlertRules *win, const IotAlertRule *rule)
{
	if (win->editor != NULL)
		iot_gtk_alert_rule_edit_destroy(win->editor);
	win->editor = iot_gtk_alert_rule_edit_new(GTK_WINDOW(win->window), &win->ops, win, win->user_data, rule,
	                                          rule == NULL ? win->preset : NULL);
	gtk_widget_show(iot_gtk_alert_rule_edit_get_window(win->editor));
}

void
iot_gtk_alert_rules_editor_closed(IotGtkAlertRules *win, IotGtkAlertRuleEdit *ed)
{
	if (win != NULL && win->editor == ed)
		win->editor = NULL;
}

void
iot_gtk_alert_rules_add(IotGtkAlertRules *win)
{
	if (win->ops.save_rule != NULL)
		open_editor(win, NULL);
}

void
iot_gtk_alert_rules_edit(IotGtkAlertRules *win)
{
	const IotAlertRule *r = g_hash_table_lookup(win->rules, GUINT_TO_POINTER(selected_id(win)));

	if (r != NULL && win->ops.save_rule != NULL)
		open_editor(win, r);
}

static void
confirm_response(GtkDialog *d, int response, gpointer data)
{
	IotGtkAlertRules *win = data;
	guint id = GPOINTER_TO_UINT(g_object_get_data(G_OBJECT(d), "rule-id"));

	gtk_widget_destroy(GTK_WIDGET(d));
	if (response == GTK_RESPONSE_OK && win->ops.delete_rule != NULL)
		win->ops.delete_rule(win, id, win->user_data);
}

static void
confirm_destroyed(GtkWidget *w, gpointer data)
{
	IotGtkAlertRules *win = data;

	if (win->confirm == w)
		win->confirm = NULL;
}

void
iot_gtk_alert_rules_delete(IotGtkAlertRules *win, gboolean confirmed)
{
	guint id = selected_id(win);
	const IotAlertRule *r = g_hash_table_lookup(win->rules, GUINT_TO_POINTER(id));
	char *what;

	if (r == NULL || win->ops.delete_rule == NULL)
		return;
	if (confirmed) {
		win->ops.delete_rule(win, id, win->user_data);
		return;
	}
	if (win->confirm != NULL)
		gtk_widget_destroy(win->confirm);
	what = iot_alert_rule_describe(r);
	win->confirm = gtk_message_dialog_new(GTK_WINDOW(win->window), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                      GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", _("Delete this rule?"));
	gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(win->confirm), "%s (%s)", what, r->thing);
	gtk_dialog_add_buttons(GTK_DIALOG(win->confirm), GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, GTK_STOCK_DELETE,
	                       GTK_RESPONSE_OK, NULL);
	g_object_set_data(G_OBJECT(win->confirm), "rule-id", GUINT_TO_POINTER(id));
	g_signal_connect(win->confirm, "response", G_CALLBACK(confirm_response), win);
	g_signal_connect(win->confirm, "destroy", G_CALLBACK(confirm_destroyed), win);
	gtk_widget_show(win->confirm);
	g_free(what);
}

GtkWidget *
iot_gtk_alert_rules_pin(IotGtkAlertRules *win)
{
	const IotAlertRule *r = g_hash_table_lookup(win->rules, GUINT_TO_POINTER(selected_id(win)));
	const char *account = r ? r->account : win->preset ? win->preset->account : NULL;
	const char *thing = r ? r->thing : win->preset ? win->preset->thing : NULL;

	if (win->ops.get_pinned == NULL || win->ops.set_pinned == NULL)
		return NULL;
	if (win->pin != NULL)
		gtk_widget_destroy(win->pin);
	win->pin = iot_gtk_alert_pin_dialog_new(GTK_WINDOW(win->window), &win->ops, win->user_data, account, thing);
	g_object_add_weak_pointer(G_OBJECT(win->pin), (gpointer *)&win->pin);
	gtk_widget_show(win->pin);
	return win->pin;
}

static void
pin_clicked(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_rules_pin(data);
}

static void
add_clicked(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_rules_add(data);
}

static void
edit_clicked(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_rules_edit(data);
}

static void
delete_clicked(GtkWidget *w, gpointer data)
{
	iot_gtk_alert_rules_delete(data, FALSE);
}

static void
row_activated(GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *col, gpointer data)
{
	iot_gtk_alert_rules_edit(data);
}

static void
selection_changed(GtkTreeSelection *sel, gpointer data)
{
	update_buttons(data);
}

static gboolean
key_press(GtkWidget *w, GdkEventKey *ev, gpointer data)
{
	IotGtkAlertRules *win = data;

	if (ev->keyval == GDK_Escape) {
		gtk_widget_destroy(win->window);
		return TRUE;
	}
	if (ev->keyval == GDK_Delete && gtk_widget_has_focus(win->view)) {
		iot_gtk_alert_rules_delete(win, FALSE);
		return TRUE;
	}
	return FALSE;
}

static void
destroyed(GtkWidget *w, gpointer data)
{
	IotGtkAlertRules *win = data;

	win->closing = TRUE;
	if (win->editor != NULL)
		iot_gtk_alert_rule_edit_destroy(win->editor);
	if (win->confirm != NULL)
		gtk_widget_destroy(win->confirm);
	if (win->pin != NULL)
		gtk_widget_destroy(win->pin);
	if (win->ops.on_closed != NULL)
		win->ops.on_closed(win, win->user_data);
	g_object_unref(win->store);
	g_hash_table_destroy(win->rules);
	iot_gtk_alert_thing_free(win->preset);
	g_free(win);
}

static void
column(IotGtkAlertRules *win, const char *title, int col, gboolean expand, int min_width)
{
	GtkCellRenderer *r = gtk_cell_renderer_text_new();
	GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, r, "text", col, "foreground",
	                                                                IOT_GTK_ALERT_RULES_COL_FOREGROUND, NULL);

	if (expand)
		g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
	gtk_tree_view_column_set_resizable(c, TRUE);
	gtk_tree_view_column_set_expand(c, expand);
	gtk_tree_view_column_set_min_width(c, min_width);
	gtk_tree_view_append_column(GTK_TREE_VIEW(win->view), c);
}

IotGtkAlertRules *
iot_gtk_alert_rules_new(const IotGtkAlertRulesOps *ops, gpointer user_data)
{
	IotGtkAlertRules *win = g_new0(IotGtkAlertRules, 1);
	GtkWidget *vbox, *scroll, *bbox, *add, *close, *pin;

	if (ops != NULL)
		win->ops = *ops;
	win->user_data = user_data;
	win->rules = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)iot_alert_rule_free);
	win->store = gtk_list_store_new(IOT_GTK_ALERT_RULES_N_COLS, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING,
	                                G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title(GTK_WINDOW(win->window), _("Alert rules"));
	gtk_window_set_role(GTK_WINDOW(win->window), "xmpp-iot-alert-rules");
	gtk_window_set_default_size(GTK_WINDOW(win->window), WIDTH, HEIGHT);
	vbox = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	win->view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(win->store));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(win->view), TRUE);
	gtk_container_add(GTK_CONTAINER(scroll), win->view);
	gtk_box_pack_start(GTK_BOX(vbox), scroll, TRUE, TRUE, 0);
	column(win, _("Thing"), IOT_GTK_ALERT_RULES_COL_THING, TRUE, 160);
	column(win, _("Field"), IOT_GTK_ALERT_RULES_COL_FIELD, FALSE, 90);
	column(win, _("Condition"), IOT_GTK_ALERT_RULES_COL_CONDITION, FALSE, 90);
	column(win, _("Levels"), IOT_GTK_ALERT_RULES_COL_LEVELS, FALSE, 90);
	column(win, _("Options"), IOT_GTK_ALERT_RULES_COL_FLAGS, TRUE, 120);

	bbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(bbox), GTK_BUTTONBOX_START);
	gtk_box_set_spacing(GTK_BOX(bbox), 6);
	gtk_box_pack_start(GTK_BOX(vbox), bbox, FALSE, FALSE, 0);
	add = gtk_button_new_with_mnemonic(_("_Add…"));
	win->edit = gtk_button_new_with_mnemonic(_("_Edit…"));
	win->del = gtk_button_new_from_stock(GTK_STOCK_DELETE);
	close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);
	gtk_container_add(GTK_CONTAINER(bbox), add);
	gtk_container_add(GTK_CONTAINER(bbox), win->edit);
	gtk_container_add(GTK_CONTAINER(bbox), win->del);
	/* TRANSLATORS: opens the dialog of the values shown under a thing's name. */
	pin = gtk_button_new_with_mnemonic(_("_Pinned values…"));
	gtk_container_add(GTK_CONTAINER(bbox), pin);
	gtk_container_add(GTK_CONTAINER(bbox), close);
	gtk_button_box_set_child_secondary(GTK_BUTTON_BOX(bbox), pin, TRUE);
	gtk_button_box_set_child_secondary(GTK_BUTTON_BOX(bbox), close, TRUE);
	gtk_widget_set_sensitive(pin, win->ops.get_pinned != NULL && win->ops.set_pinned != NULL);
	g_signal_connect(pin, "clicked", G_CALLBACK(pin_clicked), win);
	gtk_widget_set_sensitive(add, win->ops.save_rule != NULL);
	g_signal_connect(add, "clicked", G_CALLBACK(add_clicked), win);
	g_signal_connect(win->edit, "clicked", G_CALLBACK(edit_clicked), win);
	g_signal_connect(win->del, "clicked", G_CALLBACK(delete_clicked), win);
	g_signal_connect_swapped(close, "clicked", G_CALLBACK(gtk_widget_destroy), win->window);
	g_signal_connect(win->view, "row-activated", G_CALLBACK(row_activated), win);
	g_signal_connect(gtk_tree_view_get_selection(GTK_TREE_VIEW(win->view)), "changed",
	                 G_CALLBACK(selection_changed), win);
	g_signal_connect(win->window, "key-press-event", G_CALLBACK(key_press), win);
	g_signal_connect(win->window, "destroy", G_CALLBACK(destroyed), win);
	gtk_widget_show_all(vbox);
	update_buttons(win);
	return win;
}

void
iot_gtk_alert_rules_destroy(IotGtkAlertRules *win)
{
	if (win != NULL && !win->closing)
		gtk_widget_destroy(win->window);
}

GtkWidget *
iot_gtk_alert_rules_get_window(IotGtkAlertRules *win)
{
	return win->window;
}

GtkTreeModel *
iot_gtk_alert_rules_get_model(IotGtkAlertRules *win)
{
	return GTK_TREE_MODEL(win->store);
}

IotGtkAlertRuleEdit *
iot_gtk_alert_rules_get_editor(IotGtkAlertRules *win)
{
	return win->editor;
}

void
iot_gtk_alert_rules_set_target(IotGtkAlertRules *win, const char *account, const char *thing)
{
	g_return_if_fail(win != NULL);
	iot_gtk_alert_thing_free(win->preset);
	win->preset = thing != NULL ? iot_gtk_alert_thing_new(account, thing, NULL) : NULL;
}
