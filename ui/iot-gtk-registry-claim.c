/*
 * iot-gtk-registry-claim.c — the Claim a thing dialog: the identity from a
 * link, a QR picture or typed tags, a preview with KEY masked, then the
 * claim, then the buddy-list group and name. See iot-gtk-registry.h.
 */
#include "iot-gtk-registry-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The picture preview in the file chooser, in pixels. */
#define PREVIEW_PIXELS 160

enum { MODE_LINK, MODE_QR, MODE_TAGS };

struct _IotGtkRegistryClaim {
	IotGtkRegistryBase base;
	GtkWidget *window, *notebook, *link_entry, *chooser, *qr_label, *tags_view, *preview, *registry_entry;
	GtkWidget *public_check, *status, *claim_btn, *find_btn, *after_box, *group_combo, *alias_entry;
	GtkWidget *add_btn, *close_btn, *remove_tag_btn, *show_key;
	GtkListStore *tags_store;
	char *qr_text;          /* (owned) what the picture's code held */
	char *qr_error;         /* (owned) why the picture gave nothing */
	GPtrArray *tags;        /* (owned) (nullable) what would be claimed */
	char *preview_text;     /* (owned) as shown */
	char *claimed_jid;      /* (owned) (nullable) */
	gboolean claimed, asked_registry;
	guint claiming;
};

static void update(IotGtkRegistryClaim *dlg);

static void
set_status(IotGtkRegistryClaim *dlg, const char *text)
{
	gtk_label_set_text(GTK_LABEL(dlg->status), text != NULL ? text : "");
}

static void
set_tags(IotGtkRegistryClaim *dlg, GPtrArray *tags, const char *error)
{
	char *text;

	if (dlg->tags != NULL)
		g_ptr_array_unref(dlg->tags);
	dlg->tags = tags;
	g_free(dlg->preview_text);
	if (tags == NULL || tags->len == 0) {
		text = g_strdup(error != NULL ? error : _("No tags yet."));
	} else {
		char *lines = iot_registry_tags_preview(tags);

		if (iot_registry_tags_find(tags, "KEY") == NULL)
			text = g_strdup_printf("%s\n%s", lines,
			                       _("There is no KEY among these tags: a registry lets only the "
			                         "thing's owner claim it with its KEY."));
		else
			text = g_strdup(lines);
		g_free(lines);
	}
	dlg->preview_text = text;
	/* Plain text: the tags are shown as written, KEY masked. */
	gtk_label_set_text(GTK_LABEL(dlg->preview), text);
}

/* Reads @text (a link or code) into the tags; a registry in it fills the
 * registry entry when that is empty. */
static void
read_text(IotGtkRegistryClaim *dlg, const char *text, const char *what)
{
	GError *error = NULL;
	IotDiscoId *id;
	char *msg;

	if (text == NULL || *text == '\0') {
		set_tags(dlg, NULL, NULL);
		return;
	}
	id = iot_disco_id_parse(text, &error);
	if (id == NULL) {
		/* TRANSLATORS: %s is "The link" or "The picture's code", then why it cannot be read. */
		msg = g_strdup_printf(_("%s is not a thing's identity: %s"), what, error->message);
		set_tags(dlg, NULL, msg);
		g_free(msg);
		g_error_free(error);
		return;
	}
	if (id->registry != NULL && *gtk_entry_get_text(GTK_ENTRY(dlg->registry_entry)) == '\0')
		gtk_entry_set_text(GTK_ENTRY(dlg->registry_entry), id->registry);
	set_tags(dlg, iot_registry_tags_copy(id->tags), NULL);
	iot_disco_id_free(id);
}

static void
read_typed(IotGtkRegistryClaim *dlg)
{
	GtkTreeModel *m = GTK_TREE_MODEL(dlg->tags_store);
	GPtrArray *tags = iot_registry_tags_new();
	GtkTreeIter iter;
	gboolean ok;
	GError *error = NULL;

	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		char *name = NULL, *value = NULL;
		gboolean numeric = FALSE;

		gtk_tree_model_get(m, &iter, IOT_GTK_REGISTRY_TAG_COL_NAME, &name, IOT_GTK_REGISTRY_TAG_COL_VALUE, &value,
		                   IOT_GTK_REGISTRY_TAG_COL_NUMERIC, &numeric, -1);
		if (name != NULL && *g_strstrip(name) != '\0' && error == NULL)
			iot_registry_tags_add(tags, name, value != NULL ? value : "", numeric, &error);
		g_free(name);
		g_free(value);
	}
	if (error != NULL) {
		set_tags(dlg, NULL, error->message);
		g_ptr_array_unref(tags);
		g_error_free(error);
	} else {
		set_tags(dlg, tags, NULL);
	}
}

static void
update(IotGtkRegistryClaim *dlg)
{
	const char *registry = gtk_entry_get_text(GTK_ENTRY(dlg->registry_entry));

	if (dlg->claimed)
		return;
	switch (gtk_notebook_get_current_page(GTK_NOTEBOOK(dlg->notebook))) {
	case MODE_LINK:
		read_text(dlg, gtk_entry_get_text(GTK_ENTRY(dlg->link_entry)), _("The link"));
		break;
	case MODE_QR:
		if (dlg->qr_error != NULL)
			set_tags(dlg, NULL, dlg->qr_error);
		else
			read_text(dlg, dlg->qr_text, _("The picture's code"));
		break;
	default:
		read_typed(dlg);
		break;
	}
	gtk_widget_set_sensitive(dlg->claim_btn, dlg->tags != NULL && dlg->tags->len > 0 && *registry != '\0' &&
	                                         dlg->claiming == 0);
}

/* ---- the registry ---- */

static void
found_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryClaim *dlg = owner;

	gtk_widget_set_sensitive(dlg->find_btn, TRUE);
	if (req->error != NULL) {
		set_status(dlg, req->error);
		update(dlg);
		return;
	}
	set_status(dlg, NULL);
	if (req->text != NULL && *gtk_entry_get_text(GTK_ENTRY(dlg->registry_entry)) == '\0') {
		char *clean = iot_gtk_registry_clean(req->text);

		gtk_entry_set_text(GTK_ENTRY(dlg->registry_entry), clean);
		g_free(clean);
	}
	update(dlg);
}

static void
find_registry(IotGtkRegistryClaim *dlg)
{
	IotGtkRegistryRequest *req = iot_gtk_registry_request_new(&dlg->base, IOT_GTK_REGISTRY_REQ_FIND_REGISTRY,
	                                                          found_done);

	dlg->asked_registry = TRUE;
	gtk_widget_set_sensitive(dlg->find_btn, FALSE);
	set_status(dlg, _("Looking for the registry on your server…"));
	iot_gtk_registry_request_send(req);
}

static void
find_clicked(GtkButton *b, IotGtkRegistryClaim *dlg)
{
	gtk_entry_set_text(GTK_ENTRY(dlg->registry_entry), "");
	find_registry(dlg);
}

static void
mapped(GtkWidget *w, IotGtkRegistryClaim *dlg)
{
	if (!dlg->asked_registry && *gtk_entry_get_text(GTK_ENTRY(dlg->registry_entry)) == '\0')
		find_registry(dlg);
}

/* ---- the picture ---- */

static void
decoded_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryClaim *dlg = owner;

	g_free(dlg->qr_text);
	g_free(dlg->qr_error);
	dlg->qr_text = NULL;
	dlg->qr_error = NULL;
	if (req->error != NULL)
		dlg->qr_error = g_strdup(req->error);
	else if (req->text == NULL || *req->text == '\0')
		dlg->qr_error = g_strdup(_("No QR code could be read in this picture."));
	else
		dlg->qr_text = g_strdup(req->text);
	if (dlg->qr_text != NULL) {
		char *masked = iot_disco_id_mask(dlg->qr_text), *clean = iot_gtk_registry_clean(masked);

		gtk_label_set_text(GTK_LABEL(dlg->qr_label), clean);
		g_free(clean);
		g_free(masked);
	} else {
		gtk_label_set_text(GTK_LABEL(dlg->qr_label), dlg->qr_error);
	}
	set_status(dlg, NULL);
	update(dlg);
}

void
iot_gtk_registry_claim_set_picture(IotGtkRegistryClaim *dlg, const char *path)
{
	IotGtkRegistryRequest *req;

	g_free(dlg->qr_text);
	g_free(dlg->qr_error);
	dlg->qr_text = dlg->qr_error = NULL;
	if (path == NULL) {
		update(dlg);
		return;
	}
	req = iot_gtk_registry_request_new(&dlg->base, IOT_GTK_REGISTRY_REQ_DECODE_QR, decoded_done);
	req->path = g_strdup(path);
	gtk_label_set_text(GTK_LABEL(dlg->qr_label), _("Reading the picture…"));
	iot_gtk_registry_request_send(req);
}

static void
file_set(GtkFileChooserButton *b, IotGtkRegistryClaim *dlg)
{
	char *path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(b));

	iot_gtk_registry_claim_set_picture(dlg, path);
	g_free(path);
}

static void
update_preview(GtkFileChooser *chooser, GtkWidget *image)
{
	char *path = gtk_file_chooser_get_preview_filename(chooser);
	GdkPixbuf *pix = path != NULL ? gdk_pixbuf_new_from_file_at_size(path, PREVIEW_PIXELS, PREVIEW_PIXELS, NULL) : NULL;

	gtk_image_set_from_pixbuf(GTK_IMAGE(image), pix);
	gtk_file_chooser_set_preview_widget_active(chooser, pix != NULL);
	if (pix != NULL)
		g_object_unref(pix);
	g_free(path);
}

/* ---- typed tags ---- */

static void
cell_edited(GtkCellRendererText *r, const char *path, const char *text, IotGtkRegistryClaim *dlg)
{
	GtkTreeIter iter;
	int col = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(r), "column"));

	if (gtk_tree_model_get_iter_from_string(GTK_TREE_MODEL(dlg->tags_store), &iter, path))
		gtk_list_store_set(dlg->tags_store, &iter, col, text, -1);
	update(dlg);
}

static void
numeric_toggled(GtkCellRendererToggle *r, const char *path, IotGtkRegistryClaim *dlg)
{
	GtkTreeIter iter;
	gboolean on;

	if (!gtk_tree_model_get_iter_from_string(GTK_TREE_MODEL(dlg->tags_store), &iter, path))
		return;
	gtk_tree_model_get(GTK_TREE_MODEL(dlg->tags_store), &iter, IOT_GTK_REGISTRY_TAG_COL_NUMERIC, &on, -1);
	gtk_list_store_set(dlg->tags_store, &iter, IOT_GTK_REGISTRY_TAG_COL_NUMERIC, !on, -1);
	update(dlg);
}

static void
add_tag(GtkButton *b, IotGtkRegistryClaim *dlg)
{
	GtkTreeIter iter;
	GtkTreePath *path;

	gtk_list_store_append(dlg->tags_store, &iter);
	gtk_list_store_set(dlg->tags_store, &iter, IOT_GTK_REGISTRY_TAG_COL_NAME, "", IOT_GTK_REGISTRY_TAG_COL_VALUE, "",
	                   IOT_GTK_REGISTRY_TAG_COL_NUMERIC, FALSE, -1);
	path = gtk_tree_model_get_path(GTK_TREE_MODEL(dlg->tags_store), &iter);
	gtk_tree_view_set_cursor(GTK_TREE_VIEW(dlg->tags_view), path,
	                         gtk_tree_view_get_column(GTK_TREE_VIEW(dlg->tags_view), 0), TRUE);
	gtk_tree_path_free(path);
}

static void
remove_tag(GtkButton *b, IotGtkRegistryClaim *dlg)
{
	GtkTreeIter iter;

	if (gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(dlg->tags_view)), NULL, &iter))
		gtk_list_store_remove(dlg->tags_store, &iter);
	update(dlg);
}

/* ---- claim, then the buddy list ---- */

static void
added_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryClaim *dlg = owner;

	gtk_widget_set_sensitive(dlg->add_btn, TRUE);
	if (req->error != NULL) {
		set_status(dlg, req->error);
		return;
	}
	set_status(dlg, _("The thing is in your buddy list."));
	gtk_widget_set_sensitive(dlg->add_btn, FALSE);
}

static void
add_clicked(GtkButton *b, IotGtkRegistryClaim *dlg)
{
	IotGtkRegistryRequest *req;
	const char *group = gtk_entry_get_text(GTK_ENTRY(gtk_bin_get_child(GTK_BIN(dlg->group_combo))));
	const char *alias = gtk_entry_get_text(GTK_ENTRY(dlg->alias_entry));

	if (dlg->claimed_jid == NULL)
		return;
	req = iot_gtk_registry_request_new(&dlg->base, IOT_GTK_REGISTRY_REQ_ADD_CONTACT, added_done);
	req->jid = g_strdup(dlg->claimed_jid);
	req->group = *group != '\0' ? g_strdup(group) : NULL;
	req->alias = *alias != '\0' ? g_strdup(alias) : NULL;
	gtk_widget_set_sensitive(dlg->add_btn, FALSE);
	iot_gtk_registry_request_send(req);
}

static void
show_after(IotGtkRegistryClaim *dlg)
{
	GPtrArray *groups = dlg->base.ops.groups != NULL ? dlg->base.ops.groups(dlg->base.user_data) : NULL;
	const IotRegistryTag *name = dlg->tags != NULL ? iot_registry_tags_find(dlg->tags, "NAME") : NULL;
	guint i;

	/* The group offered: "Things" (made when it does not exist yet). */
	for (i = 0; groups != NULL && i < groups->len; i++)
		gtk_combo_box_append_text(GTK_COMBO_BOX(dlg->group_combo), g_ptr_array_index(groups, i));
	if (groups != NULL)
		g_ptr_array_unref(groups);
	gtk_entry_set_text(GTK_ENTRY(gtk_bin_get_child(GTK_BIN(dlg->group_combo))), _("Things"));
	if (name == NULL && dlg->tags != NULL)
		name = iot_registry_tags_find(dlg->tags, "MODEL");
	if (name != NULL) {
		char *clean = iot_gtk_registry_clean(name->value);

		gtk_entry_set_text(GTK_ENTRY(dlg->alias_entry), clean);
		g_free(clean);
	}
	gtk_widget_set_sensitive(dlg->notebook, FALSE);
	gtk_widget_set_sensitive(dlg->public_check, FALSE);
	gtk_widget_set_sensitive(dlg->registry_entry, FALSE);
	gtk_widget_set_sensitive(dlg->find_btn, FALSE);
	gtk_widget_set_sensitive(dlg->show_key, FALSE);
	gtk_widget_hide(dlg->claim_btn);
	gtk_widget_set_no_show_all(dlg->after_box, FALSE);
	gtk_widget_show_all(dlg->after_box);
	gtk_widget_set_sensitive(dlg->add_btn, dlg->claimed_jid != NULL);
}

static void
claimed_done(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryClaim *dlg = owner;
	char *text, *jid, *masked;

	dlg->claiming--;
	if (req->error != NULL) {
		set_status(dlg, req->error);
		update(dlg);
		return;
	}
	dlg->claimed = TRUE;
	/* The secret is sent: what stays on the screen shows it masked. */
	masked = iot_disco_id_mask(gtk_entry_get_text(GTK_ENTRY(dlg->link_entry)));
	gtk_entry_set_text(GTK_ENTRY(dlg->link_entry), masked);
	gtk_entry_set_visibility(GTK_ENTRY(dlg->link_entry), TRUE);
	g_free(masked);
	if (req->thing != NULL && req->thing->jid != NULL)
		dlg->claimed_jid = g_strdup(req->thing->jid);
	if (dlg->claimed_jid != NULL) {
		jid = iot_gtk_registry_clean(dlg->claimed_jid);
		/* TRANSLATORS: after a claim; %s is the thing's JID. */
		text = g_strdup_printf(_("Claimed: %s is yours now. Choose its group and a name, then add it to "
		                         "your buddy list."),
		                       jid);
		g_free(jid);
	} else {
		text = g_strdup(_("Claimed. The registry did not say which address the thing has: it will ask to "
		                  "become your friend."));
	}
	set_status(dlg, text);
	g_free(text);
	show_after(dlg);
}

static void
claim_clicked(GtkButton *b, IotGtkRegistryClaim *dlg)
{
	IotGtkRegistryRequest *req;

	update(dlg);
	if (dlg->tags == NULL || dlg->tags->len == 0 || dlg->claiming > 0)
		return;
	req = iot_gtk_registry_request_new(&dlg->base, IOT_GTK_REGISTRY_REQ_CLAIM, claimed_done);
	req->registry = g_strdup(gtk_entry_get_text(GTK_ENTRY(dlg->registry_entry)));
	req->tags = iot_registry_tags_copy(dlg->tags);
	req->make_public = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(dlg->public_check));
	dlg->claiming++;
	gtk_widget_set_sensitive(dlg->claim_btn, FALSE);
	set_status(dlg, _("Claiming…"));
	iot_gtk_registry_request_send(req);
}

/* ---- the dialog ---- */

static void
destroyed(GtkWidget *w, IotGtkRegistryClaim *dlg)
{
	iot_gtk_registry_base_close(&dlg->base);
	if (dlg->tags != NULL)
		g_ptr_array_unref(dlg->tags);
	g_object_unref(dlg->tags_store);
	g_free(dlg->qr_text);
	g_free(dlg->qr_error);
	g_free(dlg->preview_text);
	g_free(dlg->claimed_jid);
	g_free(dlg);
}

static void
show_key_toggled(GtkToggleButton *b, IotGtkRegistryClaim *dlg)
{
	gboolean show = gtk_toggle_button_get_active(b);

	gtk_entry_set_visibility(GTK_ENTRY(dlg->link_entry), show);
	iot_gtk_registry_tags_show_secret(dlg->tags_view, show);
}

static void
switched_after(GtkNotebook *nb, gpointer page, guint n, IotGtkRegistryClaim *dlg)
{
	update(dlg);
}

static GtkWidget *
labelled(const char *text, GtkWidget *w)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6), *l = gtk_label_new_with_mnemonic(text);

	gtk_label_set_mnemonic_widget(GTK_LABEL(l), w);
	gtk_box_pack_start(GTK_BOX(box), l, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), w, TRUE, TRUE, 0);
	return box;
}

IotGtkRegistryClaim *
iot_gtk_registry_claim_new(const char *account_label, const IotGtkRegistryOps *ops, gpointer user_data)
{
	IotGtkRegistryClaim *dlg = g_new0(IotGtkRegistryClaim, 1);
	GtkWidget *vbox, *page, *hbox, *w, *image, *frame, *bbox;
	GtkFileFilter *filter;
	char *title;

	iot_gtk_registry_base_init(&dlg->base, ops, user_data, dlg);
	dlg->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	dlg->base.window = dlg->window;
	/* TRANSLATORS: the Claim a thing dialog's title; %s is the account. */
	title = g_strdup_printf(_("Claim a thing — %s"), account_label != NULL ? account_label : "");
	gtk_window_set_title(GTK_WINDOW(dlg->window), title);
	g_free(title);
	gtk_window_set_default_size(GTK_WINDOW(dlg->window), 560, 520);
	gtk_window_set_role(GTK_WINDOW(dlg->window), "xmpp-iot-claim");
	vbox = gtk_vbox_new(FALSE, 8);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 10);
	gtk_container_add(GTK_CONTAINER(dlg->window), vbox);

	w = gtk_label_new(_("The thing's identity: paste its link, choose a picture of its QR code, or type its tags."));
	gtk_label_set_line_wrap(GTK_LABEL(w), TRUE);
	gtk_misc_set_alignment(GTK_MISC(w), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(vbox), w, FALSE, FALSE, 0);
	dlg->notebook = gtk_notebook_new();
	gtk_box_pack_start(GTK_BOX(vbox), dlg->notebook, TRUE, TRUE, 0);

	/* The link. */
	page = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(page), 8);
	dlg->link_entry = gtk_entry_new();
	gtk_entry_set_max_length(GTK_ENTRY(dlg->link_entry), IOT_REGISTRY_MAX_URI_BYTES);
	/* The link holds the KEY: drawn masked; the preview below shows its tags. */
	iot_gtk_registry_mask_entry(GTK_ENTRY(dlg->link_entry));
	g_signal_connect_swapped(dlg->link_entry, "changed", G_CALLBACK(update), dlg);
	gtk_box_pack_start(GTK_BOX(page), labelled(_("_Link or code:"), dlg->link_entry), FALSE, FALSE, 0);
	w = gtk_label_new(_("For example iotdisco:MAN=example.org;SN=123;KEY=… or IoTDisco;MAN:example.org;…"));
	gtk_label_set_line_wrap(GTK_LABEL(w), TRUE);
	gtk_misc_set_alignment(GTK_MISC(w), 0, 0.5);
	gtk_box_pack_start(GTK_BOX(page), w, FALSE, FALSE, 0);
	gtk_notebook_append_page(GTK_NOTEBOOK(dlg->notebook), page, gtk_label_new_with_mnemonic(_("_Paste a link")));

	/* The picture. */
	page = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(page), 8);
	dlg->chooser = gtk_file_chooser_button_new(_("Choose a picture of the QR code"), GTK_FILE_CHOOSER_ACTION_OPEN);
	filter = gtk_file_filter_new();
	gtk_file_filter_set_name(filter, _("Pictures"));
	gtk_file_filter_add_pixbuf_formats(filter);
	gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(dlg->chooser), filter);
	image = gtk_image_new();
	gtk_file_chooser_set_preview_widget(GTK_FILE_CHOOSER(dlg->chooser), image);
	g_signal_connect(dlg->chooser, "update-preview", G_CALLBACK(update_preview), image);
	g_signal_connect(dlg->chooser, "file-set", G_CALLBACK(file_set), dlg);
	gtk_box_pack_start(GTK_BOX(page), labelled(_("_Picture:"), dlg->chooser), FALSE, FALSE, 0);
	dlg->qr_label = iot_gtk_registry_status_label();
	gtk_box_pack_start(GTK_BOX(page), dlg->qr_label, FALSE, FALSE, 0);
	if (!(ops->features & IOT_GTK_REGISTRY_CAN_DECODE_QR)) {
		gtk_widget_set_sensitive(dlg->chooser, FALSE);
		gtk_label_set_text(GTK_LABEL(dlg->qr_label), _("Reading QR codes needs the zbar library, which this "
		                                               "installation lacks."));
	}
	gtk_notebook_append_page(GTK_NOTEBOOK(dlg->notebook), page, gtk_label_new_with_mnemonic(_("_QR picture")));

	/* Typed tags. */
	page = gtk_vbox_new(FALSE, 6);
	gtk_container_set_border_width(GTK_CONTAINER(page), 8);
	dlg->tags_store = gtk_list_store_new(IOT_GTK_REGISTRY_TAG_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
	gtk_box_pack_start(GTK_BOX(page),
	                   iot_gtk_registry_tags_editor(dlg->tags_store, &dlg->tags_view, G_CALLBACK(cell_edited),
	                                                G_CALLBACK(numeric_toggled), dlg),
	                   TRUE, TRUE, 0);
	hbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(hbox), GTK_BUTTONBOX_START);
	w = gtk_button_new_from_stock(GTK_STOCK_ADD);
	g_signal_connect(w, "clicked", G_CALLBACK(add_tag), dlg);
	gtk_container_add(GTK_CONTAINER(hbox), w);
	dlg->remove_tag_btn = gtk_button_new_from_stock(GTK_STOCK_REMOVE);
	g_signal_connect(dlg->remove_tag_btn, "clicked", G_CALLBACK(remove_tag), dlg);
	gtk_container_add(GTK_CONTAINER(hbox), dlg->remove_tag_btn);
	gtk_box_pack_start(GTK_BOX(page), hbox, FALSE, FALSE, 0);
	gtk_notebook_append_page(GTK_NOTEBOOK(dlg->notebook), page, gtk_label_new_with_mnemonic(_("_Type the tags")));
	g_signal_connect_after(dlg->notebook, "switch-page", G_CALLBACK(switched_after), dlg);
	dlg->show_key = gtk_check_button_new_with_mnemonic(_("Show the _KEY while typing"));
	g_signal_connect(dlg->show_key, "toggled", G_CALLBACK(show_key_toggled), dlg);
	gtk_box_pack_start(GTK_BOX(vbox), dlg->show_key, FALSE, FALSE, 0);

	/* The preview. */
	frame = gtk_frame_new(_("What will be sent (KEY hidden)"));
	dlg->preview = gtk_label_new(NULL);
	gtk_label_set_selectable(GTK_LABEL(dlg->preview), TRUE);
	gtk_label_set_line_wrap(GTK_LABEL(dlg->preview), TRUE);
	gtk_misc_set_alignment(GTK_MISC(dlg->preview), 0, 0);
	gtk_misc_set_padding(GTK_MISC(dlg->preview), 8, 6);
	gtk_container_add(GTK_CONTAINER(frame), dlg->preview);
	gtk_box_pack_start(GTK_BOX(vbox), frame, FALSE, FALSE, 0);

	/* The registry and public. */
	hbox = gtk_hbox_new(FALSE, 6);
	dlg->registry_entry = gtk_entry_new();
	gtk_entry_set_max_length(GTK_ENTRY(dlg->registry_entry), 1023);
	g_signal_connect_swapped(dlg->registry_entry, "changed", G_CALLBACK(update), dlg);
	gtk_box_pack_start(GTK_BOX(hbox), labelled(_("_Registry:"), dlg->registry_entry), TRUE, TRUE, 0);
	dlg->find_btn = gtk_button_new_with_mnemonic(_("_Find"));
	g_signal_connect(dlg->find_btn, "clicked", G_CALLBACK(find_clicked), dlg);
	gtk_box_pack_start(GTK_BOX(hbox), dlg->find_btn, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);
	dlg->public_check = gtk_check_button_new_with_mnemonic(_("_Make it public: others can find it in searches"));
	gtk_box_pack_start(GTK_BOX(vbox), dlg->public_check, FALSE, FALSE, 0);

	/* After the claim. */
	dlg->after_box = gtk_hbox_new(FALSE, 6);
	dlg->group_combo = gtk_combo_box_entry_new_text();
	gtk_box_pack_start(GTK_BOX(dlg->after_box), labelled(_("_Group:"), dlg->group_combo), TRUE, TRUE, 0);
	dlg->alias_entry = gtk_entry_new();
	gtk_entry_set_max_length(GTK_ENTRY(dlg->alias_entry), 255);
	gtk_box_pack_start(GTK_BOX(dlg->after_box), labelled(_("_Name:"), dlg->alias_entry), TRUE, TRUE, 0);
	dlg->add_btn = gtk_button_new_with_mnemonic(_("_Add to buddy list"));
	g_signal_connect(dlg->add_btn, "clicked", G_CALLBACK(add_clicked), dlg);
	gtk_box_pack_start(GTK_BOX(dlg->after_box), dlg->add_btn, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), dlg->after_box, FALSE, FALSE, 0);
	gtk_widget_set_no_show_all(dlg->after_box, TRUE);

	dlg->status = iot_gtk_registry_status_label();
	gtk_box_pack_start(GTK_BOX(vbox), dlg->status, FALSE, FALSE, 0);
	bbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(bbox), GTK_BUTTONBOX_END);
	gtk_box_set_spacing(GTK_BOX(bbox), 6);
	dlg->close_btn = gtk_button_new_from_stock(GTK_STOCK_CLOSE);
	g_signal_connect_swapped(dlg->close_btn, "clicked", G_CALLBACK(gtk_widget_destroy), dlg->window);
	gtk_container_add(GTK_CONTAINER(bbox), dlg->close_btn);
	dlg->claim_btn = gtk_button_new_with_mnemonic(_("_Claim"));
	g_signal_connect(dlg->claim_btn, "clicked", G_CALLBACK(claim_clicked), dlg);
	gtk_container_add(GTK_CONTAINER(bbox), dlg->claim_btn);
	gtk_box_pack_start(GTK_BOX(vbox), bbox, FALSE, FALSE, 0);

	g_signal_connect(dlg->window, "map", G_CALLBACK(mapped), dlg);
	g_signal_connect(dlg->window, "destroy", G_CALLBACK(destroyed), dlg);
	gtk_widget_show_all(vbox);
	update(dlg);
	return dlg;
}

void
iot_gtk_registry_claim_destroy(IotGtkRegistryClaim *dlg)
{
	if (dlg != NULL)
		gtk_widget_destroy(dlg->window);
}

GtkWidget *
iot_gtk_registry_claim_get_window(IotGtkRegistryClaim *dlg)
{
	return dlg->window;
}

void
iot_gtk_registry_claim_set_text(IotGtkRegistryClaim *dlg, const char *text)
{
	gtk_notebook_set_current_page(GTK_NOTEBOOK(dlg->notebook), MODE_LINK);
	gtk_entry_set_text(GTK_ENTRY(dlg->link_entry), text != NULL ? text : "");
	update(dlg);
}

void
iot_gtk_registry_claim_set_registry(IotGtkRegistryClaim *dlg, const char *registry)
{
	gtk_entry_set_text(GTK_ENTRY(dlg->registry_entry), registry != NULL ? registry : "");
	dlg->asked_registry = dlg->asked_registry || (registry != NULL && *registry != '\0');
}

void
iot_gtk_registry_claim_set_mode(IotGtkRegistryClaim *dlg, int mode)
{
	gtk_notebook_set_current_page(GTK_NOTEBOOK(dlg->notebook), mode);
	update(dlg);
}

GtkEntry *
iot_gtk_registry_claim_get_link_entry(IotGtkRegistryClaim *dlg)
{
	return GTK_ENTRY(dlg->link_entry);
}

GtkEntry *
iot_gtk_registry_claim_get_registry_entry(IotGtkRegistryClaim *dlg)
{
	return GTK_ENTRY(dlg->registry_entry);
}

GtkToggleButton *
iot_gtk_registry_claim_get_public_check(IotGtkRegistryClaim *dlg)
{
	return GTK_TOGGLE_BUTTON(dlg->public_check);
}

GtkListStore *
iot_gtk_registry_claim_get_tags_store(IotGtkRegistryClaim *dlg)
{
	return dlg->tags_store;
}

GtkTreeView *
iot_gtk_registry_claim_get_tags_view(IotGtkRegistryClaim *dlg)
{
	return GTK_TREE_VIEW(dlg->tags_view);
}

GtkToggleButton *
iot_gtk_registry_claim_get_show_key(IotGtkRegistryClaim *dlg)
{
	return GTK_TOGGLE_BUTTON(dlg->show_key);
}

void
iot_gtk_registry_claim_tags_changed(IotGtkRegistryClaim *dlg)
{
	update(dlg);
}

const char *
iot_gtk_registry_claim_get_preview(IotGtkRegistryClaim *dlg)
{
	return dlg->preview_text != NULL ? dlg->preview_text : "";
}

const char *
iot_gtk_registry_claim_get_status(IotGtkRegistryClaim *dlg)
{
	return gtk_label_get_text(GTK_LABEL(dlg->status));
}

GtkWidget *
iot_gtk_registry_claim_get_button(IotGtkRegistryClaim *dlg, const char *action)
{
	if (strcmp(action, "claim") == 0)
		return dlg->claim_btn;
	if (strcmp(action, "find") == 0)
		return dlg->find_btn;
	if (strcmp(action, "add") == 0)
		return dlg->add_btn;
	if (strcmp(action, "close") == 0)
		return dlg->close_btn;
	return NULL;
}

GtkEntry *
iot_gtk_registry_claim_get_group_entry(IotGtkRegistryClaim *dlg)
{
	return GTK_ENTRY(gtk_bin_get_child(GTK_BIN(dlg->group_combo)));
}

GtkEntry *
iot_gtk_registry_claim_get_alias_entry(IotGtkRegistryClaim *dlg)
{
	return GTK_ENTRY(dlg->alias_entry);
}

guint
iot_gtk_registry_claim_count_pending(IotGtkRegistryClaim *dlg)
{
	return dlg->base.pending != NULL ? g_hash_table_size(dlg->base.pending) : 0;
}
