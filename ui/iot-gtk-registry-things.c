/*
 * iot-gtk-registry-things.c — the My things window: the things this account
 * owns, a page at a time, the owner's actions on the selected one, and the
 * rules given to it with Revoke. See iot-gtk-registry.h.
 */
#include "iot-gtk-registry-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

enum { RULE_COL_TEXT, RULE_COL_INDEX, RULE_N_COLUMNS };

struct _IotGtkRegistryThings {
	IotGtkRegistryBase base;
	GtkWidget *window, *status, *count, *dialog;
	GtkTreeView *view, *rules_view;
	GtkListStore *store, *rules_store;
	GtkWidget *prev_btn, *next_btn, *refresh_btn, *disown_btn, *remove_btn, *public_btn, *edit_btn, *clear_btn;
	GtkWidget *delete_btn, *revoke_btn;
	GPtrArray *things;  /* (element-type IotRegistryThing) (owned) the page shown */
	GPtrArray *rules;   /* (element-type IotProvisioningRule) (owned) of the selected thing */
	GArray *offsets;    /* (element-type guint) the pages before this one */
	char *registry;
	guint offset, next_offset;
	gboolean more, online;
	gboolean keep_status; /* a page asked after an action: its status line stays */
	IotGtkRegistryRequest *page_req, *rules_req; /* the newest of each, while pending */
	IotRegistryThing *target; /* (owned) (nullable) what the open dialog asks about */
	IotProvisioningRule *target_rule; /* (owned) (nullable) the rule Revoke asks about */
};

static void set_buttons(IotGtkRegistryThings *win);

static void
set_status(IotGtkRegistryThings *win, const char *text)
{
	gtk_label_set_text(GTK_LABEL(win->status), text != NULL ? text : "");
}

static const IotRegistryThing *
selected(IotGtkRegistryThings *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	guint i;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(win->view), &m, &iter))
		return NULL;
	gtk_tree_model_get(m, &iter, IOT_GTK_REGISTRY_THING_COL_INDEX, &i, -1);
	return i < win->things->len ? g_ptr_array_index(win->things, i) : NULL;
}

static const IotProvisioningRule *
selected_rule(IotGtkRegistryThings *win)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	guint i;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(win->rules_view), &m, &iter))
		return NULL;
	gtk_tree_model_get(m, &iter, RULE_COL_INDEX, &i, -1);
	return i < win->rules->len ? g_ptr_array_index(win->rules, i) : NULL;
}

static gboolean
has_node(const IotRegistryThing *t)
{
	return t->node.node_id != NULL || t->node.source_id != NULL || t->node.partition != NULL;
}

/* A thing for sentences: its JID, and its node. */
static char *
thing_words(const IotRegistryThing *t)
{
	char *jid = iot_gtk_registry_clean(t->jid), *node = iot_gtk_registry_node_text(&t->node), *out;

	/* TRANSLATORS: a node behind a thing: "Lamp1 of hub@example.org". */
	out = *node != '\0' ? g_strdup_printf(_("%s of %s"), node, jid) : g_strdup(jid);
	g_free(jid);
	g_free(node);
	return out;
}

/* ---- pages ---- */

static void
page_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryThings *win = owner;
	const IotRegistryPage *page = req->page;
	char *text;
	guint i;

	if (req != win->page_req)
		return; /* an older page */
	win->page_req = NULL;
	if (req->error != NULL) {
		set_status(win, req->error);
		set_buttons(win);
		return;
	}
	gtk_list_store_clear(win->store);
	g_ptr_array_set_size(win->things, 0);
	win->offset = req->offset;
	win->more = page != NULL && page->more;
	win->next_offset = page != NULL ? iot_registry_page_next_offset(page) : req->offset;
	for (i = 0; page != NULL && page->things != NULL && i < page->things->len; i++) {
		const IotRegistryThing *t = g_ptr_array_index(page->things, i);
		char *jid = iot_gtk_registry_clean(t->jid), *node = iot_gtk_registry_node_text(&t->node);
		char *tags = iot_gtk_registry_tags_line(t->tags), *ownr = iot_gtk_registry_clean(t->owner);
		GtkTreeIter iter;

		g_ptr_array_add(win->things, iot_gtk_registry_thing_copy(t));
		gtk_list_store_insert_with_values(win->store, &iter, -1, IOT_GTK_REGISTRY_THING_COL_JID, jid,
		                                  IOT_GTK_REGISTRY_THING_COL_NODE, node, IOT_GTK_REGISTRY_THING_COL_TAGS,
		                                  tags, IOT_GTK_REGISTRY_THING_COL_OWNER, ownr,
		                                  IOT_GTK_REGISTRY_THING_COL_INDEX, win->things->len - 1, -1);
		g_free(jid);
		g_free(node);
		g_free(tags);
		g_free(ownr);
	}
	if (win->things->len == 0 && win->offset == 0)
		text = g_strdup(_("You own no things yet."));
	else if (win->more)
		/* TRANSLATORS: My things' count: "Things 101–200 (more follow)". */
		text = g_strdup_printf(_("Things %u–%u (more follow)"), win->offset + 1, win->offset + win->things->len);
	else
		text = g_strdup_printf(_("Things %u–%u"), win->offset + MIN(1u, win->things->len),
		                       win->offset + win->things->len);
	gtk_label_set_text(GTK_LABEL(win->count), text);
	g_free(text);
	if (page != NULL && page->skipped > 0) {
		text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u thing of this page could not be read.",
		                                   "%u things of this page could not be read.", page->skipped),
		                       page->skipped);
		set_status(win, text);
		g_free(text);
	} else if (!win->keep_status) {
		set_status(win, NULL);
	}
	win->keep_status = FALSE;
	set_buttons(win);
}

static void
ask_page(IotGtkRegistryThings *win, guint offset)
{
	IotGtkRegistryRequest *req = iot_gtk_registry_request_new(&win->base, IOT_GTK_REGISTRY_REQ_MY_THINGS, page_done);

	req->offset = offset;
	req->max_count = IOT_GTK_REGISTRY_PAGE;
	req->registry = g_strdup(win->registry);
	win->page_req = req;
	if (!win->keep_status)
		set_status(win, _("Asking for your things…"));
	set_buttons(win);
	iot_gtk_registry_request_send(req);
}

static void
next_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	g_array_append_val(win->offsets, win->offset);
	ask_page(win, win->next_offset);
}

static void
prev_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	guint offset = 0;

	if (win->offsets->len > 0) {
		offset = g_array_index(win->offsets, guint, win->offsets->len - 1);
		g_array_set_size(win->offsets, win->offsets->len - 1);
	}
	ask_page(win, offset);
}

void
iot_gtk_registry_things_refresh(IotGtkRegistryThings *win)
{
	g_array_set_size(win->offsets, 0);
	ask_page(win, 0);
}

/* ---- rules given ---- */

static void
rules_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryThings *win = owner;
	guint i;

	if (req != win->rules_req)
		return;
	win->rules_req = NULL;
	gtk_list_store_clear(win->rules_store);
	g_ptr_array_set_size(win->rules, 0);
	if (req->error != NULL) {
		set_status(win, req->error);
		return;
	}
	for (i = 0; req->rules != NULL && i < req->rules->len; i++) {
		const IotProvisioningRule *r = g_ptr_array_index(req->rules, i);
		char *words = iot_provisioning_rule_describe(r), *clean = iot_gtk_registry_clean(words);

		g_ptr_array_add(win->rules, iot_gtk_registry_rule_copy(r));
		gtk_list_store_insert_with_values(win->rules_store, NULL, -1, RULE_COL_TEXT, clean, RULE_COL_INDEX,
		                                  win->rules->len - 1, -1);
		g_free(words);
		g_free(clean);
	}
	set_buttons(win);
}

static void
ask_rules(IotGtkRegistryThings *win)
{
	const IotRegistryThing *t = selected(win);
	IotGtkRegistryRequest *req;

	gtk_list_store_clear(win->rules_store);
	g_ptr_array_set_size(win->rules, 0);
	win->rules_req = NULL;
	if (t == NULL || !(win->base.ops.features & IOT_GTK_REGISTRY_CAN_PROVISION) || !win->online)
		return;
	req = iot_gtk_registry_request_new(&win->base, IOT_GTK_REGISTRY_REQ_RULES_GIVEN, rules_done);
	req->jid = g_strdup(t->jid);
	win->rules_req = req;
	iot_gtk_registry_request_send(req);
}

static void
selection_changed(GtkTreeSelection *sel, IotGtkRegistryThings *win)
{
	ask_rules(win);
	set_buttons(win);
}

/* ---- actions ---- */

static void
action_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryThings *win = owner;

	if (req->error != NULL) {
		set_status(win, req->error);
		set_buttons(win);
		return;
	}
	set_status(win, req->data);
	if (req->kind == IOT_GTK_REGISTRY_REQ_REVOKE || req->kind == IOT_GTK_REGISTRY_REQ_DELETE_RULES)
		ask_rules(win);
	if (req->kind == IOT_GTK_REGISTRY_REQ_DISOWN || req->kind == IOT_GTK_REGISTRY_REQ_UPDATE_TAGS ||
	    req->kind == IOT_GTK_REGISTRY_REQ_REMOVE || req->kind == IOT_GTK_REGISTRY_REQ_MAKE_PUBLIC) {
		win->keep_status = TRUE;
		ask_page(win, win->offset);
	}
	set_buttons(win);
}

/* Sends @kind about the selected thing (@whole: without its node). */
static IotGtkRegistryRequest *
send_action(IotGtkRegistryThings *win, IotGtkRegistryRequestKind kind, gboolean whole, const char *done_text)
{
	/* A dialog's thing is the one selected when it opened. */
	const IotRegistryThing *t = win->target != NULL ? win->target : selected(win);
	IotGtkRegistryRequest *req;

	if (t == NULL)
		return NULL;
	req = iot_gtk_registry_request_new(&win->base, kind, action_done);
	req->registry = g_strdup(win->registry);
	req->jid = g_strdup(t->jid);
	if (!whole)
		iot_gtk_registry_request_set_node(req, &t->node);
	req->data = g_strdup(done_text);
	req->data_free = g_free;
	return req;
}

static void
confirmed(IotGtkRegistryThings *win, IotGtkRegistryRequestKind kind, gboolean whole, const char *done_text)
{
	IotGtkRegistryRequest *req = send_action(win, kind, whole, done_text);

	win->dialog = NULL;
	iot_registry_thing_free(win->target);
	win->target = NULL;
	if (req != NULL)
		iot_gtk_registry_request_send(req);
}

static void
disown_yes(IotGtkRegistryThings *win)
{
	confirmed(win, IOT_GTK_REGISTRY_REQ_DISOWN, FALSE, _("Disowned."));
}

static void
remove_yes(IotGtkRegistryThings *win)
{
	confirmed(win, IOT_GTK_REGISTRY_REQ_REMOVE, FALSE, _("Removed from the registry: the thing is private now."));
}

static void
public_yes(IotGtkRegistryThings *win)
{
	confirmed(win, IOT_GTK_REGISTRY_REQ_MAKE_PUBLIC, FALSE, _("The thing is public now."));
}

static void
delete_rules_yes(IotGtkRegistryThings *win)
{
	gboolean only_node = win->dialog != NULL &&
	                     gtk_toggle_button_get_active(g_object_get_data(G_OBJECT(win->dialog), "only-node"));

	confirmed(win, IOT_GTK_REGISTRY_REQ_DELETE_RULES, !only_node,
	          _("The rules are deleted: the provisioning service will ask you again."));
}

static void
dialog_gone(GtkWidget *d, IotGtkRegistryThings *win)
{
	if (win->dialog != d)
		return;
	win->dialog = NULL;
	iot_registry_thing_free(win->target);
	win->target = NULL;
	iot_provisioning_rule_free(win->target_rule);
	win->target_rule = NULL;
}

static void
ask(IotGtkRegistryThings *win, const char *format, void (*yes)(IotGtkRegistryThings *), const char *ok)
{
	const IotRegistryThing *t = selected(win);
	char *words, *question;

	if (t == NULL)
		return;
	words = thing_words(t);
	question = g_strdup_printf(format, words);
	if (win->dialog != NULL)
		gtk_widget_destroy(win->dialog);
	win->target = iot_gtk_registry_thing_copy(t);
	win->dialog = iot_gtk_registry_confirm(win->window, question, ok, G_CALLBACK(yes), win);
	g_signal_connect(win->dialog, "destroy", G_CALLBACK(dialog_gone), win);
	g_free(words);
	g_free(question);
}

static void
disown_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	/* TRANSLATORS: %s is a thing (its JID, or a node of it). */
	ask(win, _("Disown %s? The registry forgets that it is yours, and whoever has its KEY may claim it."),
	    disown_yes, _("_Disown"));
}

static void
remove_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	ask(win, _("Remove %s from the registry? It stays yours, but searches no longer find it (it is private)."),
	    remove_yes, _("_Remove"));
}

static void
public_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	ask(win, _("Make %s public? Anyone searching the registry can find it."), public_yes, _("Make _public"));
}

static void
clear_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	IotGtkRegistryRequest *req = send_action(win, IOT_GTK_REGISTRY_REQ_CLEAR_CACHE, FALSE,
	                                         _("The thing's rule cache is cleared: it asks again."));

	if (req != NULL)
		iot_gtk_registry_request_send(req);
}

static void
delete_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	const IotRegistryThing *t = selected(win);
	GtkWidget *check;

	ask(win, _("Delete every rule you gave about %s? Its provisioning service will ask you again."),
	    delete_rules_yes, _("_Delete rules"));
	if (win->dialog == NULL || t == NULL)
		return;
	check = gtk_check_button_new_with_mnemonic(_("Only this _node's rules"));
	gtk_widget_set_sensitive(check, has_node(t));
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(check), has_node(t));
	gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(win->dialog))), check, FALSE, FALSE, 0);
	gtk_widget_show(check);
	g_object_set_data(G_OBJECT(win->dialog), "only-node", check);
}

static void
revoke_yes(IotGtkRegistryThings *win)
{
	IotProvisioningRule *r = win->target_rule; /* the one selected when asked */
	IotGtkRegistryRequest *req;

	win->dialog = NULL;
	win->target_rule = NULL;
	if (r == NULL)
		return;
	req = iot_gtk_registry_request_new(&win->base, IOT_GTK_REGISTRY_REQ_REVOKE, action_done);
	req->rule = r;
	req->jid = g_strdup(r->jid);
	iot_gtk_registry_request_set_node(req, &r->node);
	req->data = g_strdup(_("Revoked: the provisioning service will ask you again."));
	req->data_free = g_free;
	iot_gtk_registry_request_send(req);
}

static void
revoke_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	const IotProvisioningRule *r = selected_rule(win);
	char *words, *clean, *question;

	if (r == NULL)
		return;
	words = iot_provisioning_rule_describe(r);
	clean = iot_gtk_registry_clean(words);
	/* TRANSLATORS: %s is a rule in words. Revoking deletes the rules of its thing or node. */
	question = g_strdup_printf(_("Revoke “%s”? Every rule about the same thing or node goes with it."), clean);
	if (win->dialog != NULL)
		gtk_widget_destroy(win->dialog);
	win->target_rule = iot_gtk_registry_rule_copy(r);
	win->dialog = iot_gtk_registry_confirm(win->window, question, _("_Revoke"), G_CALLBACK(revoke_yes), win);
	g_signal_connect(win->dialog, "destroy", G_CALLBACK(dialog_gone), win);
	g_free(words);
	g_free(clean);
	g_free(question);
}

/* ---- Edit tags… ---- */

static void
edit_response(GtkDialog *d, int response, IotGtkRegistryThings *win)
{
	const IotRegistryThing *t = win->target;
	GtkTreeModel *m = g_object_get_data(G_OBJECT(d), "tags");
	GError *error = NULL;
	GPtrArray *tags;
	IotGtkRegistryRequest *req;

	if (response != GTK_RESPONSE_OK || t == NULL) {
		gtk_widget_destroy(GTK_WIDGET(d));
		return;
	}
	tags = iot_gtk_registry_tags_edited(m, t->tags, &error);
	if (tags == NULL) {
		gtk_label_set_text(GTK_LABEL(g_object_get_data(G_OBJECT(d), "status")), error->message);
		g_error_free(error);
		return;
	}
	req = send_action(win, IOT_GTK_REGISTRY_REQ_UPDATE_TAGS, FALSE, _("The tags are saved."));
	req->tags = tags;
	gtk_widget_destroy(GTK_WIDGET(d)); /* forgets the target */
	iot_gtk_registry_request_send(req);
}

static void
edit_clicked(GtkButton *b, IotGtkRegistryThings *win)
{
	const IotRegistryThing *t = selected(win);
	GtkWidget *d;
	char *words, *title;

	if (t == NULL)
		return;
	words = thing_words(t);
	/* TRANSLATORS: the Edit tags dialog's title; %s is the thing. */
	title = g_strdup_printf(_("Tags of %s"), words);
	d = gtk_dialog_new_with_buttons(title, GTK_WINDOW(win->window), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, GTK_STOCK_SAVE, GTK_RESPONSE_OK, NULL);
	g_free(title);
	g_free(words);
	iot_gtk_registry_tags_dialog_fill(d, t->tags);
	g_signal_connect(d, "response", G_CALLBACK(edit_response), win);
	if (win->dialog != NULL)
		gtk_widget_destroy(win->dialog);
	win->target = iot_gtk_registry_thing_copy(t);
	win->dialog = d;
	g_signal_connect(d, "destroy", G_CALLBACK(dialog_gone), win);
	gtk_widget_show_all(d);
}

/* ---- the window ---- */

static void
set_buttons(IotGtkRegistryThings *win)
{
	const IotRegistryThing *t = selected(win);
	gboolean on = win->online, any = on && t != NULL;
	gboolean prov = (win->base.ops.features & IOT_GTK_REGISTRY_CAN_PROVISION) != 0;

	gtk_widget_set_sensitive(win->prev_btn, on && win->offset > 0 && win->page_req == NULL);
	gtk_widget_set_sensitive(win->next_btn, on && win->more && win->page_req == NULL);
	gtk_widget_set_sensitive(win->refresh_btn, on);
	gtk_widget_set_sensitive(win->disown_btn, any);
	gtk_widget_set_sensitive(win->remove_btn, any);
	gtk_widget_set_sensitive(win->public_btn, any && (win->base.ops.features & IOT_GTK_REGISTRY_CAN_MAKE_PUBLIC));
	gtk_widget_set_sensitive(win->edit_btn, any);
	gtk_widget_set_sensitive(win->clear_btn, any && prov);
	gtk_widget_set_sensitive(win->delete_btn, any && prov);
	gtk_widget_set_sensitive(win->revoke_btn, on && selected_rule(win) != NULL);
}

static void
destroyed(GtkWidget *w, IotGtkRegistryThings *win)
{
	if (win->dialog != NULL)
		gtk_widget_destroy(win->dialog); /* its handlers point here */
	iot_gtk_registry_base_close(&win->base);
	g_ptr_array_unref(win->things);
	g_ptr_array_unref(win->rules);
	g_array_unref(win->offsets);
	g_object_unref(win->store);
	g_object_unref(win->rules_store);
	g_free(win->registry);
	g_free(win);
}

static GtkWidget *
button(GtkWidget *box, const char *label, GCallback cb, IotGtkRegistryThings *win)
{
	GtkWidget *b = gtk_button_new_with_mnemonic(label);

	g_signal_connect(b, "clicked", cb, win);
	gtk_box_pack_start(GTK_BOX(box), b, FALSE, FALSE, 0);
	return b;
}

static void
mapped(GtkWidget *w, IotGtkRegistryThings *win)
{
	if (win->things->len == 0 && win->page_req == NULL && win->online)
		iot_gtk_registry_things_refresh(win);
}

IotGtkRegistryThings *
iot_gtk_registry_things_new(const char *account_label, const IotGtkRegistryOps *ops, gpointer user_data)
{
	IotGtkRegistryThings *win = g_new0(IotGtkRegistryThings, 1);
	static const char *titles[] = { N_("Thing"), N_("Node"), N_("Tags"), N_("Owner") };
	const char *shown[4];
	static const int cols[] = { IOT_GTK_REGISTRY_THING_COL_JID, IOT_GTK_REGISTRY_THING_COL_NODE,
		                        IOT_GTK_REGISTRY_THING_COL_TAGS };
	const char *rule_title[] = { _("Rules you gave about this thing") };
	static const int rule_col[] = { RULE_COL_TEXT };
	GtkWidget *vbox, *paned, *hbox, *actions, *w, *sw;
	char *title;
	guint i;

	iot_gtk_registry_base_init(&win->base, ops, user_data, win);
	win->things = g_ptr_array_new_with_free_func((GDestroyNotify)iot_registry_thing_free);
	win->rules = g_ptr_array_new_with_free_func((GDestroyNotify)iot_provisioning_rule_free);
	win->offsets = g_array_new(FALSE, FALSE, sizeof(guint));
	win->online = TRUE;
	win->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	win->base.window = win->window;
	/* TRANSLATORS: the My things window's title; %s is the account. */
	title = g_strdup_printf(_("My things — %s"), account_label != NULL ? account_label : "");
	gtk_window_set_title(GTK_WINDOW(win->window), title);
	g_free(title);
	gtk_window_set_role(GTK_WINDOW(win->window), "xmpp-iot-my-things");
	gtk_window_set_default_size(GTK_WINDOW(win->window), 760, 520);
	vbox = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 8);
	gtk_container_add(GTK_CONTAINER(win->window), vbox);

	win->store = gtk_list_store_new(IOT_GTK_REGISTRY_THING_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	                                 G_TYPE_STRING, G_TYPE_UINT);
	win->rules_store = gtk_list_store_new(RULE_N_COLUMNS, G_TYPE_STRING, G_TYPE_UINT);
	for (i = 0; i < 4; i++)
		shown[i] = _(titles[i]);
	paned = gtk_vpaned_new();
	gtk_box_pack_start(GTK_BOX(vbox), paned, TRUE, TRUE, 0);
	hbox = gtk_hbox_new(FALSE, 6);
	sw = iot_gtk_registry_list(GTK_TREE_MODEL(win->store), &win->view, shown, cols, 3, 2);
	gtk_box_pack_start(GTK_BOX(hbox), sw, TRUE, TRUE, 0);
	g_signal_connect(gtk_tree_view_get_selection(win->view), "changed", G_CALLBACK(selection_changed), win);
	actions = gtk_vbox_new(FALSE, 4);
	win->disown_btn = button(actions, _("_Disown…"), G_CALLBACK(disown_clicked), win);
	win->remove_btn = button(actions, _("_Remove from registry…"), G_CALLBACK(remove_clicked), win);
	gtk_widget_set_tooltip_text(win->remove_btn, _("The thing stays yours but becomes private: searches no "
	                                               "longer find it."));
	win->public_btn = button(actions, _("Make _public…"), G_CALLBACK(public_clicked), win);
	gtk_widget_set_tooltip_text(win->public_btn, (ops->features & IOT_GTK_REGISTRY_CAN_MAKE_PUBLIC)
	                                                 ? _("Searches of the registry will find the thing.")
	                                                 : ops->no_public_reason != NULL
	                                                   ? ops->no_public_reason
	                                                   : _("The registry has no request that makes a thing public "
	                                                       "again: claim it anew with \"Make it public\" "
	                                                       "ticked."));
	win->edit_btn = button(actions, _("_Edit tags…"), G_CALLBACK(edit_clicked), win);
	win->clear_btn = button(actions, _("C_lear rule cache"), G_CALLBACK(clear_clicked), win);
	win->delete_btn = button(actions, _("De_lete rules…"), G_CALLBACK(delete_clicked), win);
	if (!(ops->features & IOT_GTK_REGISTRY_CAN_PROVISION)) {
		const char *why = _("No provisioning service is known for this account.");

		gtk_widget_set_tooltip_text(win->clear_btn, why);
		gtk_widget_set_tooltip_text(win->delete_btn, why);
	}
	gtk_box_pack_start(GTK_BOX(hbox), actions, FALSE, FALSE, 0);
	gtk_paned_pack1(GTK_PANED(paned), hbox, TRUE, FALSE);

	hbox = gtk_hbox_new(FALSE, 6);
	sw = iot_gtk_registry_list(GTK_TREE_MODEL(win->rules_store), &win->rules_view, rule_title, rule_col, 1, 0);
	gtk_widget_set_size_request(sw, -1, 110);
	gtk_box_pack_start(GTK_BOX(hbox), sw, TRUE, TRUE, 0);
	g_signal_connect_swapped(gtk_tree_view_get_selection(win->rules_view), "changed", G_CALLBACK(set_buttons), win);
	actions = gtk_vbox_new(FALSE, 4);
	win->revoke_btn = button(actions, _("Re_voke…"), G_CALLBACK(revoke_clicked), win);
	gtk_box_pack_start(GTK_BOX(hbox), actions, FALSE, FALSE, 0);
	gtk_paned_pack2(GTK_PANED(paned), hbox, FALSE, FALSE);

	hbox = gtk_hbox_new(FALSE, 6);
	win->prev_btn = button(hbox, _("_Previous"), G_CALLBACK(prev_clicked), win);
	win->next_btn = button(hbox, _("_Next"), G_CALLBACK(next_clicked), win);
	win->count = gtk_label_new(NULL);
	gtk_box_pack_start(GTK_BOX(hbox), win->count, FALSE, FALSE, 6);
	win->refresh_btn = gtk_button_new_from_stock(GTK_STOCK_REFRESH);
	g_signal_connect_swapped(win->refresh_btn, "clicked", G_CALLBACK(iot_gtk_registry_things_refresh), win);
	gtk_box_pack_end(GTK_BOX(hbox), win->refresh_btn, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);
	win->status = iot_gtk_registry_status_label();
	gtk_box_pack_start(GTK_BOX(vbox), win->status, FALSE, FALSE, 0);
	(void)w;

	g_signal_connect(win->window, "map", G_CALLBACK(mapped), win);
	g_signal_connect(win->window, "destroy", G_CALLBACK(destroyed), win);
	gtk_widget_show_all(vbox);
	set_buttons(win);
	return win;
}

void
iot_gtk_registry_things_destroy(IotGtkRegistryThings *win)
{
	if (win != NULL)
		gtk_widget_destroy(win->window);
}

GtkWidget *
iot_gtk_registry_things_get_window(IotGtkRegistryThings *win)
{
	return win->window;
}

void
iot_gtk_registry_things_set_registry(IotGtkRegistryThings *win, const char *registry)
{
	g_free(win->registry);
	win->registry = g_strdup(registry);
}

void
iot_gtk_registry_things_set_online(IotGtkRegistryThings *win, gboolean online)
{
	gboolean was = win->online;

	win->online = online;
	if (!online)
		set_status(win, _("The account is offline."));
	else if (!was)
		iot_gtk_registry_things_refresh(win);
	set_buttons(win);
}

GtkTreeModel *
iot_gtk_registry_things_get_model(IotGtkRegistryThings *win)
{
	return GTK_TREE_MODEL(win->store);
}

gboolean
iot_gtk_registry_things_select(IotGtkRegistryThings *win, const char *jid, const char *node_id)
{
	guint i;

	for (i = 0; i < win->things->len; i++) {
		const IotRegistryThing *t = g_ptr_array_index(win->things, i);
		GtkTreePath *path;

		if (g_strcmp0(t->jid, jid) != 0 || g_strcmp0(t->node.node_id, node_id) != 0)
			continue;
		path = gtk_tree_path_new_from_indices((int)i, -1);
		gtk_tree_selection_select_path(gtk_tree_view_get_selection(win->view), path);
		gtk_tree_path_free(path);
		return TRUE;
	}
	return FALSE;
}

GtkTreeModel *
iot_gtk_registry_things_get_rules_model(IotGtkRegistryThings *win)
{
	return GTK_TREE_MODEL(win->rules_store);
}

gboolean
iot_gtk_registry_things_select_rule(IotGtkRegistryThings *win, guint n)
{
	GtkTreePath *path;

	if (n >= win->rules->len)
		return FALSE;
	path = gtk_tree_path_new_from_indices((int)n, -1);
	gtk_tree_selection_select_path(gtk_tree_view_get_selection(win->rules_view), path);
	gtk_tree_path_free(path);
	return TRUE;
}

GtkWidget *
iot_gtk_registry_things_get_button(IotGtkRegistryThings *win, const char *action)
{
	static const struct {
		const char *name;
		size_t offset;
	} map[] = {
		{ "previous", G_STRUCT_OFFSET(IotGtkRegistryThings, prev_btn) },
		{ "next", G_STRUCT_OFFSET(IotGtkRegistryThings, next_btn) },
		{ "refresh", G_STRUCT_OFFSET(IotGtkRegistryThings, refresh_btn) },
		{ "disown", G_STRUCT_OFFSET(IotGtkRegistryThings, disown_btn) },
		{ "remove", G_STRUCT_OFFSET(IotGtkRegistryThings, remove_btn) },
		{ "private", G_STRUCT_OFFSET(IotGtkRegistryThings, remove_btn) },
		{ "public", G_STRUCT_OFFSET(IotGtkRegistryThings, public_btn) },
		{ "edit", G_STRUCT_OFFSET(IotGtkRegistryThings, edit_btn) },
		{ "clear-cache", G_STRUCT_OFFSET(IotGtkRegistryThings, clear_btn) },
		{ "delete-rules", G_STRUCT_OFFSET(IotGtkRegistryThings, delete_btn) },
		{ "revoke", G_STRUCT_OFFSET(IotGtkRegistryThings, revoke_btn) },
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(map); i++)
		if (strcmp(map[i].name, action) == 0)
			return G_STRUCT_MEMBER(GtkWidget *, win, map[i].offset);
	return NULL;
}

const char *
iot_gtk_registry_things_get_status(IotGtkRegistryThings *win)
{
	return gtk_label_get_text(GTK_LABEL(win->status));
}

const char *
iot_gtk_registry_things_get_count(IotGtkRegistryThings *win)
{
	return gtk_label_get_text(GTK_LABEL(win->count));
}

GtkWidget *
iot_gtk_registry_things_get_dialog(IotGtkRegistryThings *win)
{
	return win->dialog;
}

guint
iot_gtk_registry_things_count_pending(IotGtkRegistryThings *win)
{
	return win->base.pending != NULL ? g_hash_table_size(win->base.pending) : 0;
}
