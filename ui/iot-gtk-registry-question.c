/*
 * iot-gtk-registry-question.c — an owner question answered: "May X read T
 * (fields)?" with Yes or No for this JID, its domain, everyone or a token,
 * a read limited to categories or fields, a control to parameters. The
 * answer is sent once per click. See iot-gtk-registry.h.
 */
#include "iot-gtk-registry-private.h"

#include "iot-format.h"
#include "iot-jid.h"
#include "iot-model.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Field or parameter names a dialog offers to tick (the rest are left in
 * when the read is not limited). */
#define MAX_NAMES 100

static const struct {
	guint32 bits;
	const char *word;
} categories[] = {
	{ IOT_CAT_MOMENTARY, N_("Momentary values") }, { IOT_CAT_PEAK, N_("Peak values") },
	{ IOT_CAT_STATUS, N_("Status") },              { IOT_CAT_COMPUTED, N_("Computed values") },
	{ IOT_CAT_IDENTITY, N_("Identity") },          { IOT_CAT_HISTORICAL, N_("History") },
};

struct _IotGtkRegistryQuestion {
	IotGtkRegistryBase base;
	IotQuestion *q;  /* (owned) */
	GtkWidget *window, *text, *status, *yes_btn, *no_btn, *later_btn;
	GtkWidget *range[4]; /* caller, domain, all, token */
	GtkWidget *token_combo;
	GPtrArray *token_kinds; /* (element-type gint) IotRuleRange per combo entry */
	GPtrArray *token_values;/* (element-type utf8) */
	GtkWidget *cat_checks[G_N_ELEMENTS(categories)];
	GPtrArray *name_checks; /* (element-type GtkWidget) named "name" */
	char *text_shown;
	gboolean sending;
};

static void
set_status(IotGtkRegistryQuestion *dlg, const char *text)
{
	gtk_label_set_text(GTK_LABEL(dlg->status), text != NULL ? text : "");
}

static void
set_buttons(IotGtkRegistryQuestion *dlg)
{
	gtk_widget_set_sensitive(dlg->yes_btn, !dlg->sending);
	gtk_widget_set_sensitive(dlg->no_btn, !dlg->sending);
}

static void
answered(gpointer owner, IotGtkRegistryRequest *req)
{
	IotGtkRegistryQuestion *dlg = owner;

	dlg->sending = FALSE;
	if (req->error != NULL) {
		set_status(dlg, req->error);
		set_buttons(dlg);
		return;
	}
	gtk_widget_destroy(dlg->window);
}

static char **
ticked_names(IotGtkRegistryQuestion *dlg, gboolean *all)
{
	GPtrArray *out = g_ptr_array_new();
	guint i;

	*all = TRUE;
	for (i = 0; i < dlg->name_checks->len; i++) {
		GtkWidget *c = g_ptr_array_index(dlg->name_checks, i);

		if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(c)))
			g_ptr_array_add(out, g_strdup(g_object_get_data(G_OBJECT(c), "name")));
		else
			*all = FALSE;
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

static void
send_answer(IotGtkRegistryQuestion *dlg, gboolean yes)
{
	IotGtkRegistryRequest *req;
	IotAnswer a = { 0 };
	char *token = NULL, **fields = NULL, **params = NULL;
	GError *error = NULL;
	xmlNode *check;
	gboolean all;
	guint i;

	if (dlg->sending)
		return;
	a.yes = yes;
	a.range = IOT_RULE_CALLER;
	if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(dlg->range[1]))) {
		a.range = IOT_RULE_DOMAIN;
	} else if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(dlg->range[2]))) {
		a.range = IOT_RULE_ALL;
	} else if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(dlg->range[3]))) {
		int n = gtk_combo_box_get_active(GTK_COMBO_BOX(dlg->token_combo));

		if (n >= 0 && (guint)n < dlg->token_values->len) {
			a.range = GPOINTER_TO_INT(g_ptr_array_index(dlg->token_kinds, n));
			token = g_strdup(g_ptr_array_index(dlg->token_values, n));
		}
	}
	if (yes && dlg->q->kind == IOT_QUESTION_CAN_READ) {
		guint32 cats = 0;

		all = TRUE;
		for (i = 0; i < G_N_ELEMENTS(categories); i++) {
			if (!gtk_widget_get_sensitive(dlg->cat_checks[i]))
				continue;
			if (gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(dlg->cat_checks[i])))
				cats |= categories[i].bits;
			else
				all = FALSE;
		}
		a.categories = all ? 0 : cats;
		fields = ticked_names(dlg, &all);
		if (all) {
			g_strfreev(fields);
			fields = NULL;
		}
	} else if (yes && dlg->q->kind == IOT_QUESTION_CAN_CONTROL) {
		params = ticked_names(dlg, &all);
		if (all) {
			g_strfreev(params);
			params = NULL;
		}
	}
	a.token = token;
	a.fields = (const char *const *)fields;
	a.parameters = (const char *const *)params;
	/* An answer that does not fit the question is said here, not sent. */
	check = iot_provisioning_build_answer(dlg->q, &a, &error);
	if (check == NULL) {
		set_status(dlg, error->message);
		g_error_free(error);
		g_free(token);
		g_strfreev(fields);
		g_strfreev(params);
		return;
	}
	xmlFreeNode(check);
	req = iot_gtk_registry_request_new(&dlg->base, IOT_GTK_REGISTRY_REQ_ANSWER, answered);
	req->question = iot_gtk_registry_question_copy(dlg->q);
	req->jid = g_strdup(dlg->q->jid);
	req->answer = a;
	req->answer_token = token;
	req->answer_fields = fields;
	req->answer_params = params;
	dlg->sending = TRUE;
	set_buttons(dlg);
	set_status(dlg, _("Sending the answer…"));
	iot_gtk_registry_request_send(req);
}

static void
yes_clicked(GtkButton *b, IotGtkRegistryQuestion *dlg)
{
	send_answer(dlg, TRUE);
}

static void
no_clicked(GtkButton *b, IotGtkRegistryQuestion *dlg)
{
	send_answer(dlg, FALSE);
}

static void
range_toggled(GtkToggleButton *b, IotGtkRegistryQuestion *dlg)
{
	gtk_widget_set_sensitive(dlg->token_combo, gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(dlg->range[3])));
}

static void
add_tokens(IotGtkRegistryQuestion *dlg, const GPtrArray *tokens, IotRuleRange kind, const char *format)
{
	guint i;

	for (i = 0; tokens != NULL && i < tokens->len; i++) {
		char *clean = iot_format_clean(g_ptr_array_index(tokens, i), 40), *label = g_strdup_printf(format, clean);

		gtk_combo_box_append_text(GTK_COMBO_BOX(dlg->token_combo), label);
		g_ptr_array_add(dlg->token_kinds, GINT_TO_POINTER(kind));
		g_ptr_array_add(dlg->token_values, g_strdup(g_ptr_array_index(tokens, i)));
		g_free(clean);
		g_free(label);
	}
}

static GtkWidget *
names_box(IotGtkRegistryQuestion *dlg, const GPtrArray *names, const char *title)
{
	GtkWidget *frame = gtk_frame_new(title), *box = gtk_vbox_new(FALSE, 0), *sw;
	guint i;

	for (i = 0; names != NULL && i < names->len && i < MAX_NAMES; i++) {
		char *clean = iot_gtk_registry_clean(g_ptr_array_index(names, i));
		/* Plain label: a name from the network never becomes a mnemonic. */
		GtkWidget *c = gtk_check_button_new_with_label(clean);

		gtk_button_set_use_underline(GTK_BUTTON(c), FALSE);
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(c), TRUE);
		g_object_set_data_full(G_OBJECT(c), "name", g_strdup(g_ptr_array_index(names, i)), g_free);
		g_ptr_array_add(dlg->name_checks, c);
		gtk_box_pack_start(GTK_BOX(box), c, FALSE, FALSE, 0);
		g_free(clean);
	}
	sw = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_add_with_viewport(GTK_SCROLLED_WINDOW(sw), box);
	gtk_widget_set_size_request(sw, -1, MIN(names->len, 5) * 24 + 8);
	gtk_container_set_border_width(GTK_CONTAINER(sw), 4);
	gtk_container_add(GTK_CONTAINER(frame), sw);
	return frame;
}

static void
destroyed(GtkWidget *w, IotGtkRegistryQuestion *dlg)
{
	iot_gtk_registry_base_close(&dlg->base);
	iot_question_free(dlg->q);
	g_ptr_array_unref(dlg->token_kinds);
	g_ptr_array_unref(dlg->token_values);
	g_ptr_array_unref(dlg->name_checks);
	g_free(dlg->text_shown);
	g_free(dlg);
}

IotGtkRegistryQuestion *
iot_gtk_registry_question_new(const IotQuestion *q, const IotGtkRegistryOps *ops, gpointer user_data)
{
	IotGtkRegistryQuestion *dlg = g_new0(IotGtkRegistryQuestion, 1);
	GtkWidget *vbox, *w, *hbox, *bbox, *frame, *grid;
	char *words, *remote, *bare, *domain, *service, *label;
	const char *at;
	gboolean has_tokens;
	guint i;

	iot_gtk_registry_base_init(&dlg->base, ops, user_data, dlg);
	dlg->q = iot_gtk_registry_question_copy(q);
	dlg->token_kinds = g_ptr_array_new();
	dlg->token_values = g_ptr_array_new_with_free_func(g_free);
	dlg->name_checks = g_ptr_array_new();
	dlg->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	dlg->base.window = dlg->window;
	gtk_window_set_title(GTK_WINDOW(dlg->window), _("A question about your thing"));
	gtk_window_set_role(GTK_WINDOW(dlg->window), "xmpp-iot-owner-question");
	gtk_window_set_default_size(GTK_WINDOW(dlg->window), 480, -1);
	vbox = gtk_vbox_new(FALSE, 8);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 10);
	gtk_container_add(GTK_CONTAINER(dlg->window), vbox);

	hbox = gtk_hbox_new(FALSE, 10);
	w = gtk_image_new_from_stock(GTK_STOCK_DIALOG_QUESTION, GTK_ICON_SIZE_DIALOG);
	gtk_misc_set_alignment(GTK_MISC(w), 0.5, 0);
	gtk_box_pack_start(GTK_BOX(hbox), w, FALSE, FALSE, 0);
	words = iot_provisioning_question_describe(q);
	dlg->text_shown = iot_format_clean(words, 600);
	g_free(words);
	dlg->text = gtk_label_new(dlg->text_shown); /* plain text */
	gtk_label_set_line_wrap(GTK_LABEL(dlg->text), TRUE);
	gtk_misc_set_alignment(GTK_MISC(dlg->text), 0, 0);
	gtk_box_pack_start(GTK_BOX(hbox), dlg->text, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), hbox, FALSE, FALSE, 0);
	service = iot_gtk_registry_clean(q->service);
	/* TRANSLATORS: under an owner question; %s is the provisioning service's address. */
	label = g_strdup_printf(_("Asked by the provisioning service %s."), service);
	w = gtk_label_new(label);
	gtk_misc_set_alignment(GTK_MISC(w), 0, 0.5);
	gtk_label_set_line_wrap(GTK_LABEL(w), TRUE);
	gtk_box_pack_start(GTK_BOX(vbox), w, FALSE, FALSE, 0);
	g_free(label);
	g_free(service);

	/* Who the answer is for. */
	frame = gtk_frame_new(_("The answer holds for"));
	grid = gtk_vbox_new(FALSE, 2);
	gtk_container_set_border_width(GTK_CONTAINER(grid), 6);
	gtk_container_add(GTK_CONTAINER(frame), grid);
	bare = iot_jid_bare(q->remote_jid);
	remote = iot_gtk_registry_clean(bare != NULL ? bare : q->remote_jid);
	at = strchr(remote, '@');
	domain = g_strdup(at != NULL ? at + 1 : remote);
	/* TRANSLATORS: the answer's scope: %s is who asked (a JID). */
	label = g_strdup_printf(_("only %s"), remote);
	dlg->range[0] = gtk_radio_button_new_with_label(NULL, label);
	g_free(label);
	/* TRANSLATORS: the answer's scope: %s is a domain, e.g. example.org. */
	label = g_strdup_printf(_("everyone at %s"), domain);
	dlg->range[1] = gtk_radio_button_new_with_label_from_widget(GTK_RADIO_BUTTON(dlg->range[0]), label);
	g_free(label);
	dlg->range[2] = gtk_radio_button_new_with_label_from_widget(GTK_RADIO_BUTTON(dlg->range[0]), _("everyone"));
	dlg->range[3] = gtk_radio_button_new_with_label_from_widget(GTK_RADIO_BUTTON(dlg->range[0]),
	                                                            _("whoever presents the token"));
	for (i = 0; i < 4; i++)
		gtk_button_set_use_underline(GTK_BUTTON(dlg->range[i]), FALSE);
	dlg->token_combo = gtk_combo_box_new_text();
	add_tokens(dlg, q->service_tokens, IOT_RULE_SERVICE_TOKEN, _("service token %s"));
	add_tokens(dlg, q->device_tokens, IOT_RULE_DEVICE_TOKEN, _("device token %s"));
	add_tokens(dlg, q->user_tokens, IOT_RULE_USER_TOKEN, _("user token %s"));
	has_tokens = dlg->token_values->len > 0 && q->kind != IOT_QUESTION_IS_FRIEND;
	if (dlg->token_values->len > 0)
		gtk_combo_box_set_active(GTK_COMBO_BOX(dlg->token_combo), 0);
	gtk_widget_set_sensitive(dlg->range[3], has_tokens);
	gtk_widget_set_sensitive(dlg->token_combo, FALSE);
	if (!has_tokens)
		gtk_widget_set_tooltip_text(dlg->range[3], q->kind == IOT_QUESTION_IS_FRIEND
		                                               ? _("A friendship is not given for a token.")
		                                               : _("The question carried no token."));
	g_signal_connect(dlg->range[3], "toggled", G_CALLBACK(range_toggled), dlg);
	for (i = 0; i < 3; i++)
		gtk_box_pack_start(GTK_BOX(grid), dlg->range[i], FALSE, FALSE, 0);
	hbox = gtk_hbox_new(FALSE, 6);
	gtk_box_pack_start(GTK_BOX(hbox), dlg->range[3], FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(hbox), dlg->token_combo, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(grid), hbox, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), frame, FALSE, FALSE, 0);
	g_free(bare);
	g_free(remote);
	g_free(domain);

	/* What a yes allows. */
	if (q->kind == IOT_QUESTION_CAN_READ) {
		guint32 asked = q->categories != 0 ? q->categories : IOT_CAT_ALL;

		frame = gtk_frame_new(_("A yes allows reading"));
		grid = gtk_table_new(2, 3, TRUE);
		gtk_container_set_border_width(GTK_CONTAINER(grid), 6);
		for (i = 0; i < G_N_ELEMENTS(categories); i++) {
			dlg->cat_checks[i] = gtk_check_button_new_with_label(_(categories[i].word));
			gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(dlg->cat_checks[i]), (asked & categories[i].bits) != 0);
			gtk_widget_set_sensitive(dlg->cat_checks[i], (asked & categories[i].bits) != 0);
			gtk_table_attach_defaults(GTK_TABLE(grid), dlg->cat_checks[i], i % 3, i % 3 + 1, i / 3, i / 3 + 1);
		}
		gtk_container_add(GTK_CONTAINER(frame), grid);
		gtk_box_pack_start(GTK_BOX(vbox), frame, FALSE, FALSE, 0);
		if (q->fields != NULL && q->fields->len > 0)
			gtk_box_pack_start(GTK_BOX(vbox), names_box(dlg, q->fields, _("Only these fields")), FALSE, FALSE, 0);
	} else if (q->kind == IOT_QUESTION_CAN_CONTROL && q->parameters != NULL && q->parameters->len > 0) {
		gtk_box_pack_start(GTK_BOX(vbox), names_box(dlg, q->parameters, _("A yes allows setting only these")),
		                   FALSE, FALSE, 0);
	}

	dlg->status = iot_gtk_registry_status_label();
	gtk_box_pack_start(GTK_BOX(vbox), dlg->status, FALSE, FALSE, 0);
	bbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(bbox), GTK_BUTTONBOX_END);
	gtk_box_set_spacing(GTK_BOX(bbox), 6);
	dlg->later_btn = gtk_button_new_with_mnemonic(_("_Later"));
	gtk_widget_set_tooltip_text(dlg->later_btn, _("Close without answering: the question stays pending."));
	g_signal_connect_swapped(dlg->later_btn, "clicked", G_CALLBACK(gtk_widget_destroy), dlg->window);
	gtk_container_add(GTK_CONTAINER(bbox), dlg->later_btn);
	dlg->no_btn = gtk_button_new_from_stock(GTK_STOCK_NO);
	g_signal_connect(dlg->no_btn, "clicked", G_CALLBACK(no_clicked), dlg);
	gtk_container_add(GTK_CONTAINER(bbox), dlg->no_btn);
	dlg->yes_btn = gtk_button_new_from_stock(GTK_STOCK_YES);
	g_signal_connect(dlg->yes_btn, "clicked", G_CALLBACK(yes_clicked), dlg);
	gtk_container_add(GTK_CONTAINER(bbox), dlg->yes_btn);
	gtk_box_pack_start(GTK_BOX(vbox), bbox, FALSE, FALSE, 0);

	g_signal_connect(dlg->window, "destroy", G_CALLBACK(destroyed), dlg);
	gtk_widget_show_all(vbox);
	return dlg;
}

void
iot_gtk_registry_question_destroy(IotGtkRegistryQuestion *dlg)
{
	if (dlg != NULL)
		gtk_widget_destroy(dlg->window);
}

GtkWidget *
iot_gtk_registry_question_get_window(IotGtkRegistryQuestion *dlg)
{
	return dlg->window;
}

const IotQuestion *
iot_gtk_registry_question_get_question(IotGtkRegistryQuestion *dlg)
{
	return dlg->q;
}

gboolean
iot_gtk_registry_question_set_range(IotGtkRegistryQuestion *dlg, IotRuleRange range)
{
	guint i;

	switch (range) {
	case IOT_RULE_CALLER:
	case IOT_RULE_DOMAIN:
	case IOT_RULE_ALL:
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(dlg->range[range]), TRUE);
		return TRUE;
	default:
		if (!gtk_widget_get_sensitive(dlg->range[3]))
			return FALSE;
		for (i = 0; i < dlg->token_kinds->len; i++)
			if (GPOINTER_TO_INT(g_ptr_array_index(dlg->token_kinds, i)) == (int)range) {
				gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(dlg->range[3]), TRUE);
				gtk_combo_box_set_active(GTK_COMBO_BOX(dlg->token_combo), (int)i);
				return TRUE;
			}
		return FALSE;
	}
}

gboolean
iot_gtk_registry_question_set_category(IotGtkRegistryQuestion *dlg, guint32 cat, gboolean on)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(categories); i++)
		if (categories[i].bits == cat && dlg->cat_checks[i] != NULL && gtk_widget_get_sensitive(dlg->cat_checks[i])) {
			gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(dlg->cat_checks[i]), on);
			return TRUE;
		}
	return FALSE;
}

gboolean
iot_gtk_registry_question_set_name(IotGtkRegistryQuestion *dlg, const char *name, gboolean on)
{
	guint i;

	for (i = 0; i < dlg->name_checks->len; i++) {
		GtkWidget *c = g_ptr_array_index(dlg->name_checks, i);

		if (g_strcmp0(g_object_get_data(G_OBJECT(c), "name"), name) == 0) {
			gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(c), on);
			return TRUE;
		}
	}
	return FALSE;
}

const char *
iot_gtk_registry_question_get_text(IotGtkRegistryQuestion *dlg)
{
	return dlg->text_shown;
}

const char *
iot_gtk_registry_question_get_status(IotGtkRegistryQuestion *dlg)
{
	return gtk_label_get_text(GTK_LABEL(dlg->status));
}

GtkWidget *
iot_gtk_registry_question_get_button(IotGtkRegistryQuestion *dlg, const char *action)
{
	if (strcmp(action, "yes") == 0)
		return dlg->yes_btn;
	if (strcmp(action, "no") == 0)
		return dlg->no_btn;
	if (strcmp(action, "later") == 0)
		return dlg->later_btn;
	return NULL;
}

guint
iot_gtk_registry_question_count_pending(IotGtkRegistryQuestion *dlg)
{
	return dlg->base.pending != NULL ? g_hash_table_size(dlg->base.pending) : 0;
}
