/*
 * iot-gtk-alert-pin.c — the Pinned values dialog: which fields of a thing
 * the buddy list shows on the line under its name ("21.5 °C · 45 %"),
 * ticked in a list of the thing's known fields. See iot-gtk-alert-rules.h.
 */
#include "iot-gtk-alert-rules-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

enum { THING_LABEL, THING_ACCOUNT, THING_JID, THING_N };
enum { FIELD_PINNED, FIELD_NAME, FIELD_N };

typedef struct {
	IotGtkAlertRulesOps ops;
	gpointer user_data;
	GtkWidget *dialog, *things_combo, *view, *status;
	GtkListStore *things, *fields; /* (owned) */
} Pin;

static gboolean
current_thing(Pin *p, char **account, char **jid)
{
	GtkTreeIter iter;

	*account = *jid = NULL;
	if (!gtk_combo_box_get_active_iter(GTK_COMBO_BOX(p->things_combo), &iter))
		return FALSE;
	gtk_tree_model_get(GTK_TREE_MODEL(p->things), &iter, THING_ACCOUNT, account, THING_JID, jid, -1);
	return *jid != NULL;
}

static guint
count_pinned(Pin *p)
{
	GtkTreeModel *m = GTK_TREE_MODEL(p->fields);
	GtkTreeIter iter;
	gboolean ok, on;
	guint n = 0;

	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		gtk_tree_model_get(m, &iter, FIELD_PINNED, &on, -1);
		n += on ? 1 : 0;
	}
	return n;
}

static void
update_status(Pin *p)
{
	guint n = count_pinned(p);
	char *s;

	if (n > IOT_GTK_ALERT_PIN_MAX)
		/* TRANSLATORS: the Pinned values dialog: too many ticked. */
		s = g_strdup_printf(_("At most %u values fit under a name."), IOT_GTK_ALERT_PIN_MAX);
	else if (gtk_tree_model_iter_n_children(GTK_TREE_MODEL(p->fields), NULL) == 0)
		/* TRANSLATORS: the Pinned values dialog: the thing sent no values yet. */
		s = g_strdup(_("No values of this thing are known yet: read it first."));
	else
		/* TRANSLATORS: the Pinned values dialog: how many values are ticked. */
		s = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u value under the name in the buddy list",
		                                "%u values under the name in the buddy list", n), n);
	gtk_label_set_text(GTK_LABEL(p->status), s);
	gtk_dialog_set_response_sensitive(GTK_DIALOG(p->dialog), GTK_RESPONSE_OK, n <= IOT_GTK_ALERT_PIN_MAX);
	g_free(s);
}

/* The thing's pinned fields first, in their order, then the other known ones. */
static void
fill_fields(Pin *p)
{
	char *account, *jid, **pinned = NULL;
	GPtrArray *known = NULL;
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	guint i;

	gtk_list_store_clear(p->fields);
	if (current_thing(p, &account, &jid)) {
		if (p->ops.get_pinned != NULL)
			pinned = p->ops.get_pinned(account, jid, p->user_data);
		if (p->ops.list_fields != NULL)
			known = p->ops.list_fields(account, jid, NULL, p->user_data);
		for (i = 0; pinned != NULL && pinned[i] != NULL; i++) {
			if (g_hash_table_contains(seen, pinned[i]))
				continue;
			g_hash_table_add(seen, pinned[i]);
			gtk_list_store_insert_with_values(p->fields, NULL, -1, FIELD_PINNED, TRUE, FIELD_NAME, pinned[i], -1);
		}
		for (i = 0; known != NULL && i < known->len; i++) {
			const char *f = g_ptr_array_index(known, i);

			if (g_hash_table_contains(seen, f))
				continue;
			gtk_list_store_insert_with_values(p->fields, NULL, -1, FIELD_PINNED, FALSE, FIELD_NAME, f, -1);
		}
	}
	g_hash_table_destroy(seen);
	g_strfreev(pinned);
	if (known != NULL)
		g_ptr_array_unref(known);
	g_free(account);
	g_free(jid);
	update_status(p);
}

static void
thing_changed(GtkComboBox *c, gpointer data)
{
	fill_fields(data);
}

static void
toggled(GtkCellRendererToggle *r, char *path, gpointer data)
{
	Pin *p = data;
	GtkTreeIter iter;
	gboolean on;

	if (!gtk_tree_model_get_iter_from_string(GTK_TREE_MODEL(p->fields), &iter, path))
		return;
	gtk_tree_model_get(GTK_TREE_MODEL(p->fields), &iter, FIELD_PINNED, &on, -1);
	gtk_list_store_set(p->fields, &iter, FIELD_PINNED, !on, -1);
}

static void
fields_changed(GtkTreeModel *m, GtkTreePath *path, GtkTreeIter *iter, gpointer data)
{
	update_status(data);
}

static void
response(GtkDialog *d, int resp, gpointer data)
{
	Pin *p = data;
	char *account = NULL, *jid = NULL;

	if (resp == GTK_RESPONSE_OK && current_thing(p, &account, &jid) && p->ops.set_pinned != NULL) {
		GPtrArray *on = g_ptr_array_new_with_free_func(g_free);
		GtkTreeModel *m = GTK_TREE_MODEL(p->fields);
		GtkTreeIter iter;
		gboolean ok, pinned;

		for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
			char *name;

			gtk_tree_model_get(m, &iter, FIELD_PINNED, &pinned, FIELD_NAME, &name, -1);
			if (pinned)
				g_ptr_array_add(on, name);
			else
				g_free(name);
		}
		g_ptr_array_add(on, NULL);
		p->ops.set_pinned(account, jid, (const char *const *)on->pdata, p->user_data);
		g_ptr_array_unref(on);
	}
	g_free(account);
	g_free(jid);
	gtk_widget_destroy(GTK_WIDGET(d));
}

static void
destroyed(GtkWidget *w, gpointer data)
{
	Pin *p = data;

	g_object_unref(p->things);
	g_object_unref(p->fields);
	g_free(p);
}

GtkWidget *
iot_gtk_alert_pin_dialog_new(GtkWindow *parent, const IotGtkAlertRulesOps *ops, gpointer user_data,
                             const char *account, const char *thing)
{
	Pin *p = g_new0(Pin, 1);
	GtkWidget *vbox, *label, *scroll;
	GtkCellRenderer *r;
	GPtrArray *things = ops->list_things ? ops->list_things(user_data) : NULL;
	GtkTreeIter iter;
	guint i;
	int active = -1;

	p->ops = *ops;
	p->user_data = user_data;
	p->things = gtk_list_store_new(THING_N, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
	p->fields = gtk_list_store_new(FIELD_N, G_TYPE_BOOLEAN, G_TYPE_STRING);
	for (i = 0; things != NULL && i < things->len; i++) {
		const IotGtkAlertThing *t = g_ptr_array_index(things, i);
		char *l = t->name && *t->name ? g_strdup_printf("%s (%s)", t->name, t->thing) : g_strdup(t->thing);

		gtk_list_store_insert_with_values(p->things, &iter, -1, THING_LABEL, l, THING_ACCOUNT, t->account,
		                                  THING_JID, t->thing, -1);
		if (thing != NULL && g_strcmp0(t->thing, thing) == 0 && (account == NULL || g_strcmp0(t->account, account) == 0))
			active = (int)i;
		g_free(l);
	}
	if (active < 0 && things != NULL && things->len > 0)
		active = 0;
	if (things != NULL)
		g_ptr_array_unref(things);

	p->dialog = gtk_dialog_new_with_buttons(_("Pinned values"), parent, GTK_DIALOG_DESTROY_WITH_PARENT,
	                                        GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, GTK_STOCK_SAVE, GTK_RESPONSE_OK,
	                                        NULL);
	gtk_window_set_role(GTK_WINDOW(p->dialog), "xmpp-iot-pinned-values");
	gtk_window_set_default_size(GTK_WINDOW(p->dialog), 380, 360);
	vbox = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 8);
	gtk_box_pack_start(GTK_BOX(GTK_DIALOG(p->dialog)->vbox), vbox, TRUE, TRUE, 0);
	label = gtk_label_new_with_mnemonic(_("_Thing:"));
	gtk_misc_set_alignment(GTK_MISC(label), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(vbox), label, FALSE, FALSE, 0);
	p->things_combo = gtk_combo_box_new_with_model(GTK_TREE_MODEL(p->things));
	r = gtk_cell_renderer_text_new();
	gtk_cell_layout_pack_start(GTK_CELL_LAYOUT(p->things_combo), r, TRUE);
	gtk_cell_layout_add_attribute(GTK_CELL_LAYOUT(p->things_combo), r, "text", THING_LABEL);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), p->things_combo);
	gtk_box_pack_start(GTK_BOX(vbox), p->things_combo, FALSE, FALSE, 0);
	label = gtk_label_new_with_mnemonic(_("_Values shown under its name in the buddy list:"));
	gtk_misc_set_alignment(GTK_MISC(label), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(vbox), label, FALSE, FALSE, 0);
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scroll), GTK_SHADOW_IN);
	p->view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(p->fields));
	gtk_tree_view_set_headers_visible(GTK_TREE_VIEW(p->view), FALSE);
	r = gtk_cell_renderer_toggle_new();
	g_signal_connect(r, "toggled", G_CALLBACK(toggled), p);
	gtk_tree_view_insert_column_with_attributes(GTK_TREE_VIEW(p->view), -1, NULL, r, "active", FIELD_PINNED, NULL);
	gtk_tree_view_insert_column_with_attributes(GTK_TREE_VIEW(p->view), -1, NULL, gtk_cell_renderer_text_new(),
	                                            "text", FIELD_NAME, NULL);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), p->view);
	gtk_container_add(GTK_CONTAINER(scroll), p->view);
	gtk_box_pack_start(GTK_BOX(vbox), scroll, TRUE, TRUE, 0);
	p->status = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(p->status), 0, 0.5);
	gtk_label_set_line_wrap(GTK_LABEL(p->status), TRUE);
	gtk_box_pack_start(GTK_BOX(vbox), p->status, FALSE, FALSE, 0);
	gtk_widget_show_all(vbox);
	g_object_set_data(G_OBJECT(p->dialog), "fields", p->fields);
	g_object_set_data(G_OBJECT(p->dialog), "thing", p->things_combo);
	g_object_set_data(G_OBJECT(p->dialog), "status", p->status);
	g_signal_connect(p->things_combo, "changed", G_CALLBACK(thing_changed), p);
	g_signal_connect(p->fields, "row-changed", G_CALLBACK(fields_changed), p);
	g_signal_connect(p->dialog, "response", G_CALLBACK(response), p);
	g_signal_connect(p->dialog, "destroy", G_CALLBACK(destroyed), p);
	if (active >= 0)
		gtk_combo_box_set_active(GTK_COMBO_BOX(p->things_combo), active);
	else
		update_status(p);
	return p->dialog;
}
