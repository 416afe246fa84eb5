/*
 * iot-gtk-pubsub-approval.c — one dialog that asks the owner about every
 * waiting subscription request. See iot-gtk-pubsub-approval.h.
 */
#include "iot-gtk-pubsub-approval.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>

#define NAME_CHARS 80
/* Requests kept waiting at most; more are answered Later at once (the
 * service asks again), so a flood cannot grow the dialog without bound. */
#define MAX_WAITING 200

enum { COL_SUBSCRIBER, COL_NODE, COL_SERVICE, N_COLS };

typedef struct {
	char *account, *service, *node, *subscriber; /* cleaned for showing */
	IotGtkApprovalFunc func;
	gpointer data;
} Question;

static GtkWidget *dialog, *question_label, *detail_label, *count_label, *list_view;
static GtkListStore *store;
static GQueue waiting = G_QUEUE_INIT;
static char *question_text;

static void
question_answer(Question *q, IotGtkApprovalAnswer answer)
{
	if (q->func != NULL)
		q->func(answer, q->data);
	g_free(q->account);
	g_free(q->service);
	g_free(q->node);
	g_free(q->subscriber);
	g_free(q);
}

static void
show_first(void)
{
	Question *q = g_queue_peek_head(&waiting);
	guint n = g_queue_get_length(&waiting);
	char *text;

	g_free(question_text);
	question_text = q != NULL
	                    /* TRANSLATORS: "bob@example.org asks to subscribe to “sensors” at pubsub.example.org." */
	                    ? g_strdup_printf(_("%s asks to subscribe to “%s” at %s."), q->subscriber,
	                                      q->node, q->service)
	                    : g_strdup("");
	if (dialog == NULL)
		return;
	/* Plain text: the names are as the service sent them. */
	gtk_label_set_text(GTK_LABEL(question_label), question_text);
	text = q != NULL && q->account != NULL
	           /* TRANSLATORS: %s is one of the person's accounts. */
	           ? g_strdup_printf(_("Allowed, they receive what is published to the node. The request "
	                               "came to your account %s."),
	                             q->account)
	           : g_strdup(_("Allowed, they receive what is published to the node."));
	gtk_label_set_text(GTK_LABEL(detail_label), text);
	g_free(text);
	text = n > 1 ? g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u more request waits:",
	                                           "%u more requests wait:", n - 1),
	                               n - 1)
	             : g_strdup("");
	gtk_label_set_text(GTK_LABEL(count_label), text);
	g_free(text);
	if (n > 1)
		gtk_widget_show(gtk_widget_get_parent(list_view));
	else
		gtk_widget_hide(gtk_widget_get_parent(list_view));
}

/* The list shows the requests after the first. */
static void
remove_first_row(void)
{
	GtkTreeIter iter;

	if (gtk_tree_model_get_iter_first(GTK_TREE_MODEL(store), &iter))
		gtk_list_store_remove(store, &iter);
}

void
iot_gtk_pubsub_approval_respond(IotGtkApprovalAnswer answer)
{
	Question *q = g_queue_pop_head(&waiting);

	if (q == NULL)
		return;
	if (g_queue_get_length(&waiting) > 0)
		remove_first_row();
	/* The callback may ask again (a new request): the dialog is consistent first. */
	if (g_queue_is_empty(&waiting)) {
		if (dialog != NULL)
			gtk_widget_destroy(dialog);
	} else {
		show_first();
	}
	question_answer(q, answer);
}

static void
response_cb(GtkDialog *d, gint response, gpointer unused)
{
	switch (response) {
	case GTK_RESPONSE_ACCEPT:
		iot_gtk_pubsub_approval_respond(IOT_GTK_APPROVAL_ALLOW);
		break;
	case GTK_RESPONSE_REJECT:
		iot_gtk_pubsub_approval_respond(IOT_GTK_APPROVAL_DENY);
		break;
	case GTK_RESPONSE_CLOSE:
		iot_gtk_pubsub_approval_respond(IOT_GTK_APPROVAL_LATER);
		break;
	default: /* the window closed: nothing decided */
		iot_gtk_pubsub_approval_close_all();
		break;
	}
}

static void
destroy_cb(GtkWidget *w, gpointer unused)
{
	dialog = NULL;
	g_clear_object(&store);
	/* Closed by anyone: the ones still waiting get Later. */
	iot_gtk_pubsub_approval_close_all();
}

static GtkWidget *
wrapped(gboolean bold)
{
	GtkWidget *l = gtk_label_new(NULL);

	gtk_misc_set_alignment(GTK_MISC(l), 0.0f, 0.5f);
	gtk_label_set_line_wrap(GTK_LABEL(l), TRUE);
	gtk_widget_set_size_request(l, 420, -1);
	gtk_label_set_selectable(GTK_LABEL(l), TRUE);
	gtk_widget_set_can_focus(l, FALSE);
	if (bold) {
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
		pango_attr_list_insert(attrs, pango_attr_scale_new(PANGO_SCALE_LARGE));
		gtk_label_set_attributes(GTK_LABEL(l), attrs);
		pango_attr_list_unref(attrs);
	}
	return l;
}

static void
create_dialog(void)
{
	GtkWidget *vbox, *hbox, *icon, *text, *scrolled;
	const char *titles[] = { N_("Subscriber"), N_("Node"), N_("Service") };
	guint i;

	dialog = gtk_dialog_new_with_buttons(_("Subscription request"), NULL, 0, _("_Later"),
	                                     GTK_RESPONSE_CLOSE, _("_Deny"), GTK_RESPONSE_REJECT,
	                                     _("_Allow"), GTK_RESPONSE_ACCEPT, NULL);
	gtk_window_set_role(GTK_WINDOW(dialog), "iot-pubsub-approval");
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_CLOSE);
	gtk_container_set_border_width(GTK_CONTAINER(dialog), 6);
	vbox = gtk_dialog_get_content_area(GTK_DIALOG(dialog));
	hbox = gtk_hbox_new(FALSE, 12);
	gtk_container_set_border_width(GTK_CONTAINER(hbox), 6);
	icon = gtk_image_new_from_stock(GTK_STOCK_DIALOG_QUESTION, GTK_ICON_SIZE_DIALOG);
	gtk_misc_set_alignment(GTK_MISC(icon), 0.5f, 0.0f);
	text = gtk_vbox_new(FALSE, 8);
	question_label = wrapped(TRUE);
	detail_label = wrapped(FALSE);
	count_label = wrapped(FALSE);
	gtk_box_pack_start(GTK_BOX(text), question_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(text), detail_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(text), count_label, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(hbox), icon, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(hbox), text, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);

	store = gtk_list_store_new(N_COLS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
	list_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));
	for (i = 0; i < G_N_ELEMENTS(titles); i++) {
		GtkCellRenderer *r = gtk_cell_renderer_text_new();
		GtkTreeViewColumn *c =
		    gtk_tree_view_column_new_with_attributes(_(titles[i]), r, "text", i, NULL);

		g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
		gtk_tree_view_column_set_expand(c, TRUE);
		gtk_tree_view_column_set_resizable(c, TRUE);
		gtk_tree_view_append_column(GTK_TREE_VIEW(list_view), c);
	}
	scrolled = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
	gtk_widget_set_size_request(scrolled, -1, 120);
	gtk_container_add(GTK_CONTAINER(scrolled), list_view);
	gtk_widget_set_no_show_all(scrolled, TRUE);
	gtk_widget_show(list_view);
	gtk_box_pack_start(GTK_BOX(vbox), scrolled, TRUE, TRUE, 0);
	g_signal_connect(dialog, "response", G_CALLBACK(response_cb), NULL);
	g_signal_connect(dialog, "destroy", G_CALLBACK(destroy_cb), NULL);
	gtk_widget_show_all(hbox);
}

void
iot_gtk_pubsub_approval_ask(const char *account_label, const char *service, const char *node,
                            const char *subscriber, IotGtkApprovalFunc func, gpointer data)
{
	Question *q = g_new0(Question, 1);
	GtkTreeIter iter;

	q->account = account_label != NULL ? iot_format_clean(account_label, NAME_CHARS) : NULL;
	q->service = iot_format_clean(service != NULL ? service : "", NAME_CHARS);
	q->node = iot_format_clean(node != NULL ? node : "", NAME_CHARS);
	q->subscriber = iot_format_clean(subscriber != NULL ? subscriber : "", NAME_CHARS);
	q->func = func;
	q->data = data;
	if (g_queue_get_length(&waiting) >= MAX_WAITING) {
		question_answer(q, IOT_GTK_APPROVAL_LATER);
		return;
	}
	if (dialog == NULL)
		create_dialog();
	/* The first is the question; the list holds the ones after it. */
	if (!g_queue_is_empty(&waiting))
		gtk_list_store_insert_with_values(store, &iter, -1, COL_SUBSCRIBER, q->subscriber, COL_NODE,
		                                  q->node, COL_SERVICE, q->service, -1);
	g_queue_push_tail(&waiting, q);
	show_first();
	gtk_widget_show(dialog);
	gtk_window_present(GTK_WINDOW(dialog));
}

void
iot_gtk_pubsub_approval_close_all(void)
{
	Question *q;

	if (dialog != NULL) {
		GtkWidget *d = dialog;

		dialog = NULL;
		g_signal_handlers_disconnect_by_func(d, G_CALLBACK(destroy_cb), NULL);
		g_signal_handlers_disconnect_by_func(d, G_CALLBACK(response_cb), NULL);
		gtk_widget_destroy(d);
		g_clear_object(&store);
	}
	while ((q = g_queue_pop_head(&waiting)) != NULL)
		question_answer(q, IOT_GTK_APPROVAL_LATER);
	g_free(question_text);
	question_text = NULL;
}

GtkWidget *
iot_gtk_pubsub_approval_get_window(void)
{
	return dialog;
}

guint
iot_gtk_pubsub_approval_count(void)
{
	return g_queue_get_length(&waiting);
}

const char *
iot_gtk_pubsub_approval_get_question(void)
{
	return question_text != NULL ? question_text : "";
}

GtkTreeModel *
iot_gtk_pubsub_approval_get_model(void)
{
	return store != NULL ? GTK_TREE_MODEL(store) : NULL;
}
