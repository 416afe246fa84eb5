/*
 * iot-gtk-pubsub-owner.c — forms and owner actions of the Publish-subscribe
 * window: subscription options, New node… and Configure… in the control
 * dialog's form renderer; Purge, Delete and Retract after a confirmation;
 * Publish item… (text or XML); Affiliations and subscribers (approve or
 * remove a subscriber, set an affiliation).
 */
#include "iot-gtk-pubsub-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The field New node… puts above the service's configuration form. */
#define NODE_FIELD "iot-pubsub-node-id"

/* ---- forms ---------------------------------------------------------------------------- */

typedef struct {
	IotGtkPubsub *win;
	IotGtkPubsubRequestKind submit; /* OPTIONS_SUBMIT, CREATE or CONFIGURE */
	char *service, *node, *subid;
	IotGtkControl *dlg;
	IotGtkPubsubRequest *req;
} Flow;

IotDataForm *
iot_gtk_pubsub_form_copy(const IotDataForm *form)
{
	xmlNode *x;
	IotDataForm *copy;

	if (form == NULL)
		return NULL;
	x = iot_dataform_build(form, IOT_GEN_UNKNOWN);
	copy = iot_dataform_parse(x, NULL);
	xmlFreeNode(x);
	return copy;
}

static void
flow_free(gpointer p)
{
	Flow *f = p;

	g_free(f->service);
	g_free(f->node);
	g_free(f->subid);
	g_free(f);
}

static void
flow_closed(IotGtkControl *dlg, gpointer data)
{
	Flow *f = data;

	f->dlg = NULL;
	if (f->req != NULL)
		iot_gtk_pubsub_request_cancel(f->req);
	f->req = NULL;
	flow_free(f);
}

/* New node…: the node's id goes above the service's own fields. */
static IotDataForm *
with_node_field(IotDataForm *form)
{
	IotDataForm *out = iot_dataform_new(IOT_FORM_FORM);
	IotFormField *id = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, NODE_FIELD);
	guint i;

	id->label = g_strdup(_("Node id (empty: the service names it)"));
	iot_dataform_add_field(out, id);
	if (form != NULL) {
		out->title = g_strdup(form->title);
		out->instructions = g_strdup(form->instructions);
		g_ptr_array_set_free_func(form->fields, NULL);
		for (i = 0; i < form->fields->len; i++)
			iot_dataform_add_field(out, g_ptr_array_index(form->fields, i));
		g_ptr_array_set_size(form->fields, 0);
		iot_dataform_free(form);
	}
	return out;
}

static void
form_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	Flow *f = req->data;

	f->req = NULL;
	if (f->dlg == NULL)
		return;
	if (req->error != NULL) {
		char *text = g_strdup_printf(_("Could not get the form: %s"), req->error);

		iot_gtk_control_set_status(f->dlg, text, TRUE);
		g_free(text);
		return;
	}
	if (f->submit == IOT_GTK_PUBSUB_REQ_CREATE) {
		iot_gtk_control_set_form(f->dlg, with_node_field(req->answer_form), FALSE);
	} else if (req->answer_form == NULL) {
		iot_gtk_control_set_status(f->dlg, _("The service has no options to set here."), FALSE);
	} else {
		iot_gtk_control_set_form(f->dlg, req->answer_form, FALSE);
	}
	req->answer_form = NULL;
}

static void
submit_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	Flow *f = req->data;
	char *node, *text;

	f->req = NULL;
	if (req->error != NULL) {
		if (f->dlg != NULL)
			iot_gtk_control_set_result(f->dlg, FALSE, NULL, req->error);
		return;
	}
	node = iot_gtk_pubsub_label(req->text != NULL ? req->text : req->node);
	switch (f->submit) {
	case IOT_GTK_PUBSUB_REQ_CREATE:
		text = g_strdup_printf(_("Node “%s” created."), node);
		if (g_strcmp0(req->service, win->service) == 0)
			iot_gtk_pubsub_tree_load(win);
		break;
	case IOT_GTK_PUBSUB_REQ_CONFIGURE:
		text = g_strdup_printf(_("The configuration of “%s” was saved."), node);
		iot_gtk_pubsub_tree_ask_info(win, req->node);
		break;
	default:
		text = g_strdup_printf(_("The options of your subscription to “%s” were saved."), node);
		iot_gtk_pubsub_subs_set(win, req->service, req->node, IOT_PUBSUB_STATE_SUBSCRIBED,
		                        req->subid);
		break;
	}
	iot_gtk_pubsub_show_status(win, text, FALSE);
	g_free(text);
	g_free(node);
	if (f->dlg != NULL)
		iot_gtk_control_close(f->dlg); /* frees f */
}

static void
flow_send(IotGtkControl *dlg, gpointer data)
{
	Flow *f = data;
	IotDataForm *form = iot_gtk_pubsub_form_copy(iot_gtk_control_get_form(dlg));
	char *node = g_strdup(f->node);
	IotGtkPubsubRequest *req;

	if (form == NULL) {
		iot_gtk_control_set_result(dlg, FALSE, NULL, _("The form could not be sent."));
		g_free(node);
		return;
	}
	if (f->submit == IOT_GTK_PUBSUB_REQ_CREATE) {
		IotFormField *id = iot_dataform_find(form, NODE_FIELD);
		const char *value = id != NULL ? iot_form_field_value(id) : NULL;
		char *clean = g_strstrip(g_strdup(value != NULL ? value : ""));

		g_free(node);
		node = *clean != '\0' ? clean : (g_free(clean), NULL);
		if (id != NULL) {
			g_ptr_array_remove(form->fields, id); /* frees it */
			g_ptr_array_set_size(form->pages, 0);
		}
		if (form->fields->len == 0) {
			iot_dataform_free(form);
			form = NULL;
		}
	}
	req = iot_gtk_pubsub_request_new(f->win, f->submit, f->service, node, submit_done);
	g_free(node);
	req->subid = g_strdup(f->subid);
	req->form = form;
	req->data = f;
	f->req = req;
	iot_gtk_pubsub_request_send(req);
}

static const IotGtkControlCallbacks flow_callbacks = { flow_send, NULL, NULL, flow_closed };

static void
open_form(IotGtkPubsub *win, IotGtkPubsubRequestKind ask, IotGtkPubsubRequestKind submit,
          const char *node, const char *subid, const char *title, const char *send_label)
{
	Flow *f = g_new0(Flow, 1);
	IotGtkControlLook look = { 0 };
	IotGtkPubsubRequest *req;

	f->win = win;
	f->submit = submit;
	f->service = g_strdup(win->service);
	f->node = g_strdup(node);
	f->subid = g_strdup(subid);
	f->dlg = iot_gtk_control_new(title, &flow_callbacks, f);
	look.title = title;
	look.waiting = _("Asking the service for the form…");
	look.send_label = send_label;
	look.sending = _("Sending…");
	look.send_unchanged = TRUE;
	iot_gtk_control_set_look(f->dlg, &look);
	g_object_set_data(G_OBJECT(iot_gtk_control_get_window(f->dlg)), "iot-gtk-control", f->dlg);
	iot_gtk_pubsub_add_dialog(win, iot_gtk_control_get_window(f->dlg));
	gtk_widget_show(iot_gtk_control_get_window(f->dlg));
	req = iot_gtk_pubsub_request_new(win, ask, win->service, node, form_done);
	req->subid = g_strdup(subid);
	req->data = f;
	f->req = req;
	iot_gtk_pubsub_request_send(req);
}

void
iot_gtk_pubsub_options(IotGtkPubsub *win)
{
	char *subid = NULL, *node = iot_gtk_pubsub_tree_selected(win, NULL, &subid, NULL, NULL);
	char *label, *title;

	if (node == NULL || win->service == NULL) {
		g_free(subid);
		g_free(node);
		return;
	}
	label = iot_gtk_pubsub_label(node);
	/* TRANSLATORS: dialog title; %s is a node. */
	title = g_strdup_printf(_("Subscription options — %s"), label);
	open_form(win, IOT_GTK_PUBSUB_REQ_OPTIONS_FORM, IOT_GTK_PUBSUB_REQ_OPTIONS_SUBMIT, node, subid,
	          title, _("_Save"));
	g_free(title);
	g_free(label);
	g_free(subid);
	g_free(node);
}

static void
new_cb(GtkWidget *w, IotGtkPubsub *win)
{
	char *label = iot_gtk_pubsub_label(win->service);
	/* TRANSLATORS: dialog title; %s is a service. */
	char *title = g_strdup_printf(_("New node at %s"), label);

	open_form(win, IOT_GTK_PUBSUB_REQ_CONFIG_FORM, IOT_GTK_PUBSUB_REQ_CREATE, NULL, NULL, title,
	          _("C_reate"));
	g_free(title);
	g_free(label);
}

static void
configure_cb(GtkWidget *w, IotGtkPubsub *win)
{
	char *node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, NULL), *label, *title;

	if (node == NULL)
		return;
	label = iot_gtk_pubsub_label(node);
	/* TRANSLATORS: dialog title; %s is a node. */
	title = g_strdup_printf(_("Configuration of %s"), label);
	open_form(win, IOT_GTK_PUBSUB_REQ_CONFIG_FORM, IOT_GTK_PUBSUB_REQ_CONFIGURE, node, NULL, title,
	          _("_Save"));
	g_free(title);
	g_free(label);
	g_free(node);
}

/* ---- purge, delete, retract ------------------------------------------------------------- */

typedef struct {
	char *service, *node, *item;
} Target;

static void
target_free(gpointer p)
{
	Target *t = p;

	g_free(t->service);
	g_free(t->node);
	g_free(t->item);
	g_free(t);
}

static void
simple_done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	char *node = iot_gtk_pubsub_label(req->node), *item = iot_gtk_pubsub_label(req->item_id), *text;

	if (req->error != NULL) {
		/* TRANSLATORS: "“sensors”: Not allowed." */
		text = g_strdup_printf(_("“%s”: %s"), node, req->error);
		iot_gtk_pubsub_show_status(win, text, TRUE);
		g_free(text);
		g_free(node);
		g_free(item);
		return;
	}
	switch (req->kind) {
	case IOT_GTK_PUBSUB_REQ_PURGE:
		text = g_strdup_printf(_("Every item of “%s” was removed."), node);
		break;
	case IOT_GTK_PUBSUB_REQ_DELETE:
		text = g_strdup_printf(_("Node “%s” was deleted."), node);
		if (g_strcmp0(req->service, win->service) == 0)
			iot_gtk_pubsub_tree_remove(win, req->node);
		break;
	case IOT_GTK_PUBSUB_REQ_RETRACT:
		text = g_strdup_printf(_("Item “%s” was retracted."), item);
		if (g_strcmp0(req->service, win->watch_service) == 0 &&
		    g_strcmp0(req->node, win->watch_node) == 0)
			iot_gtk_pubsub_items_remove(win, req->item_id);
		break;
	case IOT_GTK_PUBSUB_REQ_PUBLISH:
		text = g_strdup_printf(_("Published to “%s”."), node);
		break;
	default:
		text = g_strdup_printf(_("“%s”: done."), node);
		break;
	}
	iot_gtk_pubsub_show_status(win, text, FALSE);
	g_free(text);
	g_free(node);
	g_free(item);
}

static void
send_target(IotGtkPubsub *win, IotGtkPubsubRequestKind kind, Target *t)
{
	IotGtkPubsubRequest *req = iot_gtk_pubsub_request_new(win, kind, t->service, t->node, simple_done);

	req->item_id = g_strdup(t->item);
	iot_gtk_pubsub_request_send(req);
}

static void
purge_yes(IotGtkPubsub *win, gpointer data)
{
	send_target(win, IOT_GTK_PUBSUB_REQ_PURGE, data);
}

static void
delete_yes(IotGtkPubsub *win, gpointer data)
{
	send_target(win, IOT_GTK_PUBSUB_REQ_DELETE, data);
}

static void
retract_yes(IotGtkPubsub *win, gpointer data)
{
	send_target(win, IOT_GTK_PUBSUB_REQ_RETRACT, data);
}

static Target *
selected_target(IotGtkPubsub *win, gboolean item)
{
	Target *t = g_new0(Target, 1);

	t->service = g_strdup(win->service);
	t->node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, NULL);
	if (item)
		t->item = iot_gtk_pubsub_items_selected(win);
	if (t->service == NULL || t->node == NULL || (item && t->item == NULL)) {
		target_free(t);
		return NULL;
	}
	return t;
}

static void
ask(IotGtkPubsub *win, Target *t, const char *primary_fmt, const char *secondary,
    const char *ok_label, void (*yes)(IotGtkPubsub *, gpointer))
{
	char *node = iot_gtk_pubsub_label(t->node), *item = iot_gtk_pubsub_label(t->item);
	char *primary = g_strdup_printf(primary_fmt, t->item != NULL ? item : node, node);

	iot_gtk_pubsub_confirm(win, primary, secondary, ok_label, yes, t, target_free);
	g_free(primary);
	g_free(node);
	g_free(item);
}

static void
purge_cb(GtkWidget *w, IotGtkPubsub *win)
{
	Target *t = selected_target(win, FALSE);

	if (t != NULL)
		ask(win, t, _("Remove every item of “%s”?"),
		    _("Subscribers are told, and the items cannot be brought back."), _("_Purge"), purge_yes);
}

static void
delete_cb(GtkWidget *w, IotGtkPubsub *win)
{
	Target *t = selected_target(win, FALSE);

	if (t != NULL)
		ask(win, t, _("Delete node “%s”?"),
		    _("The node, its items and its subscriptions are gone for good."), GTK_STOCK_DELETE,
		    delete_yes);
}

static void
retract_cb(GtkWidget *w, IotGtkPubsub *win)
{
	Target *t = selected_target(win, TRUE);

	if (t != NULL)
		/* TRANSLATORS: "Retract item “42” from “sensors”?" */
		ask(win, t, _("Retract item “%s” from “%s”?"), NULL, _("_Retract"), retract_yes);
}

/* ---- Publish item… ------------------------------------------------------------------------ */

typedef struct {
	IotGtkPubsub *win;
	char *service, *node;
	GtkWidget *dialog, *id_entry, *xml_toggle, *text;
} Publish;

static void
publish_free(gpointer p)
{
	Publish *pb = p;

	g_free(pb->service);
	g_free(pb->node);
	g_free(pb);
}

static void
publish_response(GtkDialog *d, gint response, Publish *pb)
{
	GtkTextBuffer *buf = gtk_text_view_get_buffer(GTK_TEXT_VIEW(pb->text));
	GtkTextIter a, b;
	IotGtkPubsubRequest *req;
	const char *id;

	if (response != GTK_RESPONSE_OK) {
		gtk_widget_destroy(GTK_WIDGET(d));
		return;
	}
	gtk_text_buffer_get_bounds(buf, &a, &b);
	id = gtk_entry_get_text(GTK_ENTRY(pb->id_entry));
	req = iot_gtk_pubsub_request_new(pb->win, IOT_GTK_PUBSUB_REQ_PUBLISH, pb->service, pb->node,
	                                 simple_done);
	req->payload = gtk_text_buffer_get_text(buf, &a, &b, FALSE);
	req->payload_xml = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(pb->xml_toggle));
	req->item_id = *id != '\0' ? g_strdup(id) : NULL;
	gtk_widget_destroy(GTK_WIDGET(d));
	iot_gtk_pubsub_request_send(req);
}

static void
publish_cb(GtkWidget *w, IotGtkPubsub *win)
{
	Publish *pb = g_new0(Publish, 1);
	GtkWidget *vbox, *label, *scrolled, *row;
	char *node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, NULL), *shown, *title;

	if (node == NULL || win->service == NULL) {
		g_free(node);
		g_free(pb);
		return;
	}
	pb->win = win;
	pb->service = g_strdup(win->service);
	pb->node = node;
	shown = iot_gtk_pubsub_label(node);
	/* TRANSLATORS: dialog title; %s is a node. */
	title = g_strdup_printf(_("Publish to %s"), shown);
	pb->dialog = gtk_dialog_new_with_buttons(title, GTK_WINDOW(win->window),
	                                         GTK_DIALOG_DESTROY_WITH_PARENT, GTK_STOCK_CANCEL,
	                                         GTK_RESPONSE_CANCEL, _("_Publish"), GTK_RESPONSE_OK, NULL);
	g_free(title);
	g_free(shown);
	gtk_window_set_default_size(GTK_WINDOW(pb->dialog), 480, 320);
	vbox = gtk_dialog_get_content_area(GTK_DIALOG(pb->dialog));
	gtk_box_set_spacing(GTK_BOX(vbox), 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 6);
	row = gtk_hbox_new(FALSE, 6);
	pb->id_entry = gtk_entry_new();
	label = gtk_label_new_with_mnemonic(_("Item _id (empty: the service picks one):"));
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), pb->id_entry);
	gtk_box_pack_start(GTK_BOX(row), label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row), pb->id_entry, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), row, FALSE, FALSE, 0);
	pb->text = gtk_text_view_new();
	gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(pb->text), GTK_WRAP_WORD_CHAR);
	scrolled = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scrolled), pb->text);
	label = gtk_label_new_with_mnemonic(_("_Content:"));
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), pb->text);
	gtk_misc_set_alignment(GTK_MISC(label), 0.0f, 0.5f);
	gtk_box_pack_start(GTK_BOX(vbox), label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), scrolled, TRUE, TRUE, 0);
	pb->xml_toggle = gtk_check_button_new_with_mnemonic(_("The content is _XML (else plain text)"));
	gtk_box_pack_start(GTK_BOX(vbox), pb->xml_toggle, FALSE, FALSE, 0);
	g_object_set_data_full(G_OBJECT(pb->dialog), "iot-publish", pb, publish_free);
	g_signal_connect(pb->dialog, "response", G_CALLBACK(publish_response), pb);
	gtk_dialog_set_default_response(GTK_DIALOG(pb->dialog), GTK_RESPONSE_OK);
	iot_gtk_pubsub_add_dialog(win, pb->dialog);
	gtk_widget_show_all(pb->dialog);
}

/* ---- buttons ------------------------------------------------------------------------------ */

void
iot_gtk_pubsub_owner_buttons(IotGtkPubsub *win, GtkWidget *box)
{
	GtkWidget *label = gtk_label_new(_("Owner:"));

	gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box),
	                   iot_gtk_pubsub_button(win, "new", _("_New node…"),
	                                         _("Create a node at this service"), G_CALLBACK(new_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box),
	                   iot_gtk_pubsub_button(win, "configure", _("Con_figure…"),
	                                         _("Change the node's configuration"),
	                                         G_CALLBACK(configure_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box),
	                   iot_gtk_pubsub_button(win, "affiliations", _("_Affiliations…"),
	                                         _("Who may publish and who subscribes; approve "
	                                           "waiting subscribers"),
	                                         G_CALLBACK(iot_gtk_pubsub_affiliations_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box),
	                   iot_gtk_pubsub_button(win, "publish", _("_Publish…"),
	                                         _("Publish a text or XML item to this node"),
	                                         G_CALLBACK(publish_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box),
	                   iot_gtk_pubsub_button(win, "retract", _("Re_tract"),
	                                         _("Remove the selected item from the node"),
	                                         G_CALLBACK(retract_cb)),
	                   FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box),
	                 iot_gtk_pubsub_button(win, "delete", _("_Delete"),
	                                       _("Delete the node with its items"),
	                                       G_CALLBACK(delete_cb)),
	                 FALSE, FALSE, 0);
	gtk_box_pack_end(GTK_BOX(box),
	                 iot_gtk_pubsub_button(win, "purge", _("Pur_ge"),
	                                       _("Remove every item of the node"), G_CALLBACK(purge_cb)),
	                 FALSE, FALSE, 0);
}
