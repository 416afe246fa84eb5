/*
 * iot-gtk-pubsub-affil.c — Affiliations and subscribers of a node the person
 * owns: who is owner, publisher, member or outcast (and setting one), and
 * who subscribes, with Approve for those waiting and Remove.
 */
#include "iot-gtk-pubsub-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>

static const IotPubsubAffiliation choices[] = {
	IOT_PUBSUB_AFFIL_OWNER,  IOT_PUBSUB_AFFIL_PUBLISHER, IOT_PUBSUB_AFFIL_PUBLISH_ONLY,
	IOT_PUBSUB_AFFIL_MEMBER, IOT_PUBSUB_AFFIL_NONE,      IOT_PUBSUB_AFFIL_OUTCAST,
};

typedef struct {
	IotGtkPubsub *win;
	char *service, *node;
	GtkWidget *dialog, *affil_view, *subs_view, *jid_entry, *combo, *label;
	GtkListStore *affils, *subs;
	GPtrArray *reqs; /* IotGtkPubsubRequest under way */
} Affil;

static GtkListStore *
new_store(void)
{
	return gtk_list_store_new(IOT_GTK_PUBSUB_AFFIL_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
	                          G_TYPE_INT, G_TYPE_STRING);
}

static void
affil_free(gpointer p)
{
	Affil *a = p;

	while (a->reqs->len > 0) {
		IotGtkPubsubRequest *req = g_ptr_array_index(a->reqs, a->reqs->len - 1);

		g_ptr_array_remove_index(a->reqs, a->reqs->len - 1);
		iot_gtk_pubsub_request_cancel(req);
	}
	g_ptr_array_free(a->reqs, TRUE);
	if (a->win->affil == a)
		a->win->affil = NULL;
	g_object_unref(a->affils);
	g_object_unref(a->subs);
	g_free(a->service);
	g_free(a->node);
	g_free(a);
}

static void
say(Affil *a, const char *text)
{
	gtk_label_set_text(GTK_LABEL(a->label), text != NULL ? text : "");
}

static void send(Affil *a, IotGtkPubsubRequestKind kind, const char *jid, const char *subid,
                 IotPubsubAffiliation affiliation, IotPubsubState state);

static void
done(IotGtkPubsub *win, IotGtkPubsubRequest *req)
{
	Affil *a = req->data;
	guint i;
	GtkTreeIter iter;

	g_ptr_array_remove(a->reqs, req);
	if (req->error != NULL) {
		say(a, req->error);
		return;
	}
	switch (req->kind) {
	case IOT_GTK_PUBSUB_REQ_AFFILIATIONS:
		gtk_list_store_clear(a->affils);
		for (i = 0; req->list != NULL && i < req->list->len; i++) {
			const IotPubsubAffiliationEntry *e = g_ptr_array_index(req->list, i);
			char *jid = iot_format_clean(e->jid, 200);

			gtk_list_store_append(a->affils, &iter);
			gtk_list_store_set(a->affils, &iter, IOT_GTK_PUBSUB_AFFIL_COL_JID, jid,
			                   IOT_GTK_PUBSUB_AFFIL_COL_WORD,
			                   iot_pubsub_affiliation_text(e->affiliation),
			                   IOT_GTK_PUBSUB_AFFIL_COL_ID, e->affiliation, -1);
			g_free(jid);
		}
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIBERS:
		gtk_list_store_clear(a->subs);
		for (i = 0; req->list != NULL && i < req->list->len; i++) {
			const IotPubsubSubscription *s = g_ptr_array_index(req->list, i);
			char *jid = iot_format_clean(s->jid != NULL ? s->jid : "", 200);

			gtk_list_store_append(a->subs, &iter);
			gtk_list_store_set(a->subs, &iter, IOT_GTK_PUBSUB_AFFIL_COL_JID, jid,
			                   IOT_GTK_PUBSUB_AFFIL_COL_WORD, iot_pubsub_state_text(s->state),
			                   IOT_GTK_PUBSUB_AFFIL_COL_ID, s->state,
			                   IOT_GTK_PUBSUB_AFFIL_COL_SUBID, s->subid, -1);
			g_free(jid);
		}
		break;
	case IOT_GTK_PUBSUB_REQ_SET_AFFILIATION:
		say(a, _("The affiliation was set."));
		send(a, IOT_GTK_PUBSUB_REQ_AFFILIATIONS, NULL, NULL, 0, 0);
		break;
	case IOT_GTK_PUBSUB_REQ_SET_SUBSCRIBER:
		say(a, req->state == IOT_PUBSUB_STATE_SUBSCRIBED ? _("The subscription was approved.")
		                                                 : _("The subscription was removed."));
		send(a, IOT_GTK_PUBSUB_REQ_SUBSCRIBERS, NULL, NULL, 0, 0);
		break;
	default:
		break;
	}
}

static void
send(Affil *a, IotGtkPubsubRequestKind kind, const char *jid, const char *subid,
     IotPubsubAffiliation affiliation, IotPubsubState state)
{
	IotGtkPubsubRequest *req = iot_gtk_pubsub_request_new(a->win, kind, a->service, a->node, done);

	req->jid = g_strdup(jid);
	req->subid = g_strdup(subid);
	req->affiliation = affiliation;
	req->state = state;
	req->data = a;
	g_ptr_array_add(a->reqs, req);
	iot_gtk_pubsub_request_send(req);
}

static void
set_cb(GtkWidget *w, Affil *a)
{
	char *jid = g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(a->jid_entry))));
	gint i = gtk_combo_box_get_active(GTK_COMBO_BOX(a->combo));

	if (*jid == '\0' || i < 0)
		say(a, _("Type an address and choose an affiliation."));
	else
		send(a, IOT_GTK_PUBSUB_REQ_SET_AFFILIATION, jid, NULL, choices[i], 0);
	g_free(jid);
}

static gboolean
answer_selected(Affil *a, gboolean approve)
{
	GtkTreeModel *m;
	GtkTreeIter iter;
	char *jid, *subid;

	if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(a->subs_view)),
	                                     &m, &iter))
		return FALSE;
	gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_AFFIL_COL_JID, &jid, IOT_GTK_PUBSUB_AFFIL_COL_SUBID,
	                   &subid, -1);
	send(a, IOT_GTK_PUBSUB_REQ_SET_SUBSCRIBER, jid, subid, 0,
	     approve ? IOT_PUBSUB_STATE_SUBSCRIBED : IOT_PUBSUB_STATE_NONE);
	g_free(jid);
	g_free(subid);
	return TRUE;
}

static void
approve_cb(GtkWidget *w, Affil *a)
{
	answer_selected(a, TRUE);
}

static void
remove_cb(GtkWidget *w, Affil *a)
{
	answer_selected(a, FALSE);
}

static GtkWidget *
list(GtkListStore *store, GtkWidget **view, const char *second)
{
	GtkWidget *scrolled = gtk_scrolled_window_new(NULL, NULL);
	GtkTreeViewColumn *c;

	*view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));
	c = gtk_tree_view_column_new_with_attributes(_("Address"), gtk_cell_renderer_text_new(), "text",
	                                             IOT_GTK_PUBSUB_AFFIL_COL_JID, NULL);
	gtk_tree_view_column_set_expand(c, TRUE);
	gtk_tree_view_append_column(GTK_TREE_VIEW(*view), c);
	gtk_tree_view_append_column(GTK_TREE_VIEW(*view),
	                            gtk_tree_view_column_new_with_attributes(
	                                second, gtk_cell_renderer_text_new(), "text",
	                                IOT_GTK_PUBSUB_AFFIL_COL_WORD, NULL));
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(scrolled), *view);
	return scrolled;
}

static GtkWidget *
heading(const char *text)
{
	GtkWidget *l = gtk_label_new(text);

	gtk_misc_set_alignment(GTK_MISC(l), 0.0f, 0.5f);
	return l;
}

void
iot_gtk_pubsub_affiliations_cb(GtkWidget *button, IotGtkPubsub *win)
{
	Affil *a;
	GtkWidget *vbox, *row, *b;
	char *node = iot_gtk_pubsub_tree_selected(win, NULL, NULL, NULL, NULL), *shown, *title;
	guint i;

	if (win->affil != NULL)
		gtk_widget_destroy(((Affil *)win->affil)->dialog);
	if (node == NULL || win->service == NULL) {
		g_free(node);
		return;
	}
	a = g_new0(Affil, 1);
	a->win = win;
	a->service = g_strdup(win->service);
	a->node = node;
	a->reqs = g_ptr_array_new();
	a->affils = new_store();
	a->subs = new_store();
	win->affil = a;
	shown = iot_gtk_pubsub_label(node);
	/* TRANSLATORS: dialog title; %s is a node. */
	title = g_strdup_printf(_("Affiliations and subscribers — %s"), shown);
	a->dialog = gtk_dialog_new_with_buttons(title, GTK_WINDOW(win->window),
	                                        GTK_DIALOG_DESTROY_WITH_PARENT, GTK_STOCK_CLOSE,
	                                        GTK_RESPONSE_CLOSE, NULL);
	g_free(title);
	g_free(shown);
	gtk_window_set_default_size(GTK_WINDOW(a->dialog), 520, 460);
	vbox = gtk_dialog_get_content_area(GTK_DIALOG(a->dialog));
	gtk_box_set_spacing(GTK_BOX(vbox), 6);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 6);

	gtk_box_pack_start(GTK_BOX(vbox), heading(_("Affiliations:")), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), list(a->affils, &a->affil_view, _("Affiliation")), TRUE, TRUE, 0);
	row = gtk_hbox_new(FALSE, 6);
	a->jid_entry = gtk_entry_new();
	gtk_widget_set_tooltip_text(a->jid_entry, _("The address whose affiliation is set"));
	a->combo = gtk_combo_box_text_new();
	for (i = 0; i < G_N_ELEMENTS(choices); i++)
		gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(a->combo),
		                               iot_pubsub_affiliation_text(choices[i]));
	gtk_combo_box_set_active(GTK_COMBO_BOX(a->combo), 1);
	b = gtk_button_new_with_mnemonic(_("_Set"));
	g_signal_connect(b, "clicked", G_CALLBACK(set_cb), a);
	gtk_box_pack_start(GTK_BOX(row), a->jid_entry, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(row), a->combo, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row), b, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), row, FALSE, FALSE, 0);

	gtk_box_pack_start(GTK_BOX(vbox), heading(_("Subscribers:")), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), list(a->subs, &a->subs_view, _("State")), TRUE, TRUE, 0);
	row = gtk_hbox_new(FALSE, 6);
	b = gtk_button_new_with_mnemonic(_("_Approve"));
	gtk_widget_set_tooltip_text(b, _("Let the selected subscriber receive this node's items"));
	g_signal_connect(b, "clicked", G_CALLBACK(approve_cb), a);
	gtk_box_pack_start(GTK_BOX(row), b, FALSE, FALSE, 0);
	b = gtk_button_new_with_mnemonic(_("_Remove"));
	gtk_widget_set_tooltip_text(b, _("End the selected subscription"));
	g_signal_connect(b, "clicked", G_CALLBACK(remove_cb), a);
	gtk_box_pack_start(GTK_BOX(row), b, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), row, FALSE, FALSE, 0);
	a->label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(a->label), 0.0f, 0.5f);
	gtk_label_set_line_wrap(GTK_LABEL(a->label), TRUE);
	gtk_box_pack_start(GTK_BOX(vbox), a->label, FALSE, FALSE, 0);

	g_object_set_data_full(G_OBJECT(a->dialog), "iot-affil", a, affil_free);
	g_signal_connect(a->dialog, "response", G_CALLBACK(gtk_widget_destroy), NULL);
	iot_gtk_pubsub_add_dialog(win, a->dialog);
	gtk_widget_show_all(a->dialog);
	send(a, IOT_GTK_PUBSUB_REQ_AFFILIATIONS, NULL, NULL, 0, 0);
	send(a, IOT_GTK_PUBSUB_REQ_SUBSCRIBERS, NULL, NULL, 0, 0);
}

GtkTreeModel *
iot_gtk_pubsub_get_affiliations_model(IotGtkPubsub *win, gboolean subscribers)
{
	Affil *a = win->affil;

	if (a == NULL)
		return NULL;
	return GTK_TREE_MODEL(subscribers ? a->subs : a->affils);
}

gboolean
iot_gtk_pubsub_answer_subscriber(IotGtkPubsub *win, const char *jid, gboolean approve)
{
	Affil *a = win->affil;
	GtkTreeModel *m;
	GtkTreeIter iter;
	gboolean ok;

	if (a == NULL)
		return FALSE;
	m = GTK_TREE_MODEL(a->subs);
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		char *j;
		gboolean same;

		gtk_tree_model_get(m, &iter, IOT_GTK_PUBSUB_AFFIL_COL_JID, &j, -1);
		same = g_strcmp0(j, jid) == 0;
		g_free(j);
		if (same) {
			gtk_tree_selection_select_iter(
			    gtk_tree_view_get_selection(GTK_TREE_VIEW(a->subs_view)), &iter);
			return answer_selected(a, approve);
		}
	}
	return FALSE;
}
