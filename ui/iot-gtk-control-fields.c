/*
 * iot-gtk-control-fields.c — the widgets of one control-form field: which
 * widget each XEP-0004 type gets (entries, check boxes, choices, a
 * checklist, text views, a colour button beside its hex value), its
 * caption, tooltip, hint and message labels, and how what the person does
 * with them reaches the dialog. Showing and reading the values is in
 * iot-gtk-control-values.c. Every string from the thing is set as plain text.
 */
#include "iot-gtk-control-private.h"

#include "iot-format.h"
#include "iot-value.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* list-multi shows at most this many options without scrolling. */
#define CHOICE_ROWS_SHOWN 5
#define TEXT_MULTI_HEIGHT 72

/* ---- labels --------------------------------------------------------------------- */

void
iot_gtk_control_label_look(GtkWidget *label, gboolean bold, gboolean italic, double scale,
                           const char *color)
{
	PangoAttrList *attrs = pango_attr_list_new();
	PangoColor c;

	if (bold)
		pango_attr_list_insert(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
	if (italic)
		pango_attr_list_insert(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC));
	if (scale != 1.0)
		pango_attr_list_insert(attrs, pango_attr_scale_new(scale));
	if (color != NULL && pango_color_parse(&c, color))
		pango_attr_list_insert(attrs, pango_attr_foreground_new(c.red, c.green, c.blue));
	gtk_label_set_attributes(GTK_LABEL(label), attrs);
	pango_attr_list_unref(attrs);
}

char *
iot_gtk_control_join_lines(const GPtrArray *lines)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; lines != NULL && i < lines->len; i++) {
		if (i > 0)
			g_string_append_c(s, '\n');
		g_string_append(s, g_ptr_array_index(lines, i));
	}
	return g_string_free(s, FALSE);
}

GtkWidget *
iot_gtk_control_wrap_label(const char *text, int width)
{
	GtkWidget *label = gtk_label_new(NULL);

	/* set_text, not set_markup: the text may be a thing's. */
	gtk_label_set_text(GTK_LABEL(label), text != NULL ? text : "");
	gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
	gtk_label_set_line_wrap_mode(GTK_LABEL(label), PANGO_WRAP_WORD_CHAR);
	gtk_misc_set_alignment(GTK_MISC(label), 0.0, 0.0);
	if (width > 0)
		gtk_widget_set_size_request(label, width, -1);
	return label;
}

/* ---- small helpers ------------------------------------------------------------------ */

IotFormField *
iot_gtk_control_field_model(const IotGtkControlField *cf)
{
	return cf->dlg->form != NULL ? iot_dataform_find(cf->dlg->form, cf->var) : NULL;
}

static gboolean
is_multiline(IotFormFieldType t)
{
	return t == IOT_FORM_FIELD_TEXT_MULTI || t == IOT_FORM_FIELD_JID_MULTI;
}

const char *
iot_gtk_control_option_text(const IotFormOption *o)
{
	return o->label != NULL && *o->label != '\0' ? o->label : o->value;
}

/* What the field's hint says when nothing is wrong: the range, the size of
 * a choice, or what a date looks like. (transfer full) (nullable) */
static char *
standing_hint(const IotFormField *f)
{
	if (f->type == IOT_FORM_FIELD_LIST_MULTI) {
		if (f->list_min > 0 && f->list_max > 0)
			/* TRANSLATORS: under a list of checkboxes, "Choose 1 to 3." */
			return g_strdup_printf(_("Choose %u to %u."), f->list_min, f->list_max);
		if (f->list_min > 0)
			return g_strdup_printf(_("Choose at least %u."), f->list_min);
		if (f->list_max > 0)
			return g_strdup_printf(_("Choose at most %u."), f->list_max);
		return NULL;
	}
	if (f->type != IOT_FORM_FIELD_TEXT_SINGLE && f->type != IOT_FORM_FIELD_LIST_SINGLE)
		return NULL;
	if (f->min != NULL && f->max != NULL)
		/* TRANSLATORS: the range of a value, under its entry: "5 – 30". */
		return g_strdup_printf(_("%s – %s"), f->min, f->max);
	if (f->min != NULL)
		/* TRANSLATORS: the lower bound of a value, under its entry: "at least 5". */
		return g_strdup_printf(_("at least %s"), f->min);
	if (f->max != NULL)
		/* TRANSLATORS: the upper bound of a value, under its entry: "at most 30". */
		return g_strdup_printf(_("at most %s"), f->max);
	switch (f->datatype) {
	/* TRANSLATORS: examples of what may be typed; keep the values as they are. */
	case IOT_FORM_DT_DATE: return g_strdup(_("like 2024-05-01"));
	case IOT_FORM_DT_DATETIME: return g_strdup(_("like 2024-05-01 08:00"));
	case IOT_FORM_DT_TIME: return g_strdup(_("like 08:00"));
	case IOT_FORM_DT_DURATION: return g_strdup(_("like 1h30m or PT1H30M"));
	default: return NULL;
	}
}

/* ---- the person's changes ---------------------------------------------------------- */

static void
entry_changed_cb(GtkEditable *e, IotGtkControlField *cf)
{
	if (cf->dlg->loading > 0)
		return;
	cf->pending = TRUE;
	/* A notSame field's empty entry stops meaning "values differ" once typed in. */
	if (cf->differ) {
		cf->differ = FALSE;
		gtk_widget_queue_draw(GTK_WIDGET(e));
	}
	iot_gtk_control_edited(cf->dlg, cf, FALSE);
}

static void
entry_activate_cb(GtkEntry *e, IotGtkControlField *cf)
{
	if (cf->pending)
		iot_gtk_control_commit(cf->dlg, cf);
}

static gboolean
focus_out_cb(GtkWidget *w, GdkEventFocus *ev, IotGtkControlField *cf)
{
	if (cf->pending)
		iot_gtk_control_commit(cf->dlg, cf);
	return FALSE;
}

static void
buffer_changed_cb(GtkTextBuffer *b, IotGtkControlField *cf)
{
	if (cf->dlg->loading > 0)
		return;
	cf->pending = TRUE;
	iot_gtk_control_edited(cf->dlg, cf, FALSE);
}

static void
toggled_cb(GtkToggleButton *b, IotGtkControlField *cf)
{
	if (cf->dlg->loading > 0)
		return;
	gtk_toggle_button_set_inconsistent(b, FALSE);
	iot_gtk_control_edited(cf->dlg, cf, TRUE);
}

static void
combo_changed_cb(GtkComboBox *c, IotGtkControlField *cf)
{
	if (cf->dlg->loading > 0 || gtk_combo_box_get_active(c) < 0)
		return;
	iot_gtk_control_edited(cf->dlg, cf, TRUE);
}

static void
choice_toggled_cb(GtkCellRendererToggle *r, char *path, IotGtkControlField *cf)
{
	GtkTreeIter iter;
	gboolean on;

	if (cf->read_only || cf->dlg->loading > 0 ||
	    !gtk_tree_model_get_iter_from_string(GTK_TREE_MODEL(cf->choices), &iter, path))
		return;
	gtk_tree_model_get(GTK_TREE_MODEL(cf->choices), &iter, IOT_GTK_CONTROL_CHOICE_CHECKED, &on, -1);
	gtk_list_store_set(cf->choices, &iter, IOT_GTK_CONTROL_CHOICE_CHECKED, !on, -1);
	iot_gtk_control_edited(cf->dlg, cf, TRUE);
}

static void
color_set_cb(GtkColorButton *b, IotGtkControlField *cf)
{
	GdkColor c;
	char *text;

	gtk_color_button_get_color(b, &c);
	if (cf->datatype == IOT_FORM_DT_COLOR_ALPHA)
		text = g_strdup_printf("#%02X%02X%02X%02X", c.red >> 8, c.green >> 8, c.blue >> 8,
		                       gtk_color_button_get_alpha(b) >> 8);
	else
		text = g_strdup_printf("#%02X%02X%02X", c.red >> 8, c.green >> 8, c.blue >> 8);
	/* The entry holds the value: its "changed" reads it into the model. */
	gtk_entry_set_text(GTK_ENTRY(cf->entry), text);
	g_free(text);
	if (cf->pending)
		iot_gtk_control_commit(cf->dlg, cf);
}

/* "(values differ)" in grey italics inside an empty notSame entry, as
 * GTK 2 entries have no placeholder text of their own. */
static gboolean
entry_expose_cb(GtkWidget *w, GdkEventExpose *ev, IotGtkControlField *cf)
{
	GtkEntry *entry = GTK_ENTRY(w);
	PangoLayout *layout;
	int width, height, lw, lh;

	if (!cf->differ || ev->window != entry->text_area || *gtk_entry_get_text(entry) != '\0')
		return FALSE;
	/* TRANSLATORS: shown in an empty field whose value is not the same on
	 * every device the form is for. */
	layout = gtk_widget_create_pango_layout(w, _("(values differ)"));
	{
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC));
		pango_layout_set_attributes(layout, attrs);
		pango_attr_list_unref(attrs);
	}
	gdk_drawable_get_size(entry->text_area, &width, &height);
	pango_layout_get_pixel_size(layout, &lw, &lh);
	gdk_draw_layout(entry->text_area, w->style->text_gc[GTK_STATE_INSENSITIVE], 2,
	                (height - lh) / 2, layout);
	g_object_unref(layout);
	return FALSE;
}

/* ---- building ------------------------------------------------------------------------ */

static void
tag(IotGtkControlField *cf, GtkWidget *w)
{
	/* How the dialog finds the field that has the keyboard focus. */
	g_object_set_data(G_OBJECT(w), "iot-control-field", cf);
}

static GtkWidget *
new_entry(IotGtkControlField *cf, int width)
{
	GtkWidget *e = gtk_entry_new();

	gtk_widget_set_size_request(e, width, -1);
	/* Enter sends, except in a post-back field: there it asks for the new form. */
	gtk_entry_set_activates_default(GTK_ENTRY(e), !cf->post_back);
	g_signal_connect(e, "changed", G_CALLBACK(entry_changed_cb), cf);
	g_signal_connect(e, "activate", G_CALLBACK(entry_activate_cb), cf);
	g_signal_connect(e, "focus-out-event", G_CALLBACK(focus_out_cb), cf);
	g_signal_connect_after(e, "expose-event", G_CALLBACK(entry_expose_cb), cf);
	tag(cf, e);
	cf->entry = e;
	return e;
}

static void
build_choices(IotGtkControlField *cf, const IotFormField *f)
{
	GtkWidget *view, *sw;
	GtkCellRenderer *r;
	GtkTreeViewColumn *col;
	guint i, rows;
	int h = 0;

	cf->choices = gtk_list_store_new(IOT_GTK_CONTROL_CHOICE_N, G_TYPE_BOOLEAN, G_TYPE_STRING, G_TYPE_STRING);
	for (i = 0; i < f->options->len; i++) {
		const IotFormOption *o = g_ptr_array_index(f->options, i);
		GtkTreeIter iter;

		gtk_list_store_append(cf->choices, &iter);
		gtk_list_store_set(cf->choices, &iter, IOT_GTK_CONTROL_CHOICE_CHECKED, FALSE, IOT_GTK_CONTROL_CHOICE_LABEL,
		                   iot_gtk_control_option_text(o), IOT_GTK_CONTROL_CHOICE_VALUE, o->value, -1);
	}
	view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(cf->choices));
	gtk_tree_view_set_headers_visible(GTK_TREE_VIEW(view), FALSE);
	gtk_tree_view_set_enable_search(GTK_TREE_VIEW(view), FALSE);
	col = gtk_tree_view_column_new();
	r = gtk_cell_renderer_toggle_new();
	g_signal_connect(r, "toggled", G_CALLBACK(choice_toggled_cb), cf);
	gtk_tree_view_column_pack_start(col, r, FALSE);
	gtk_tree_view_column_add_attribute(col, r, "active", IOT_GTK_CONTROL_CHOICE_CHECKED);
	r = gtk_cell_renderer_text_new();
	gtk_tree_view_column_pack_start(col, r, TRUE);
	/* "text", never "markup": option labels are the thing's. */
	gtk_tree_view_column_add_attribute(col, r, "text", IOT_GTK_CONTROL_CHOICE_LABEL);
	gtk_tree_view_append_column(GTK_TREE_VIEW(view), col);

	sw = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(sw), GTK_POLICY_NEVER,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(sw), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(sw), view);
	/* Tall enough for a few options, so that short lists need no scrolling. */
	rows = MAX(1, MIN(f->options->len, CHOICE_ROWS_SHOWN));
	if (f->options->len > 0) {
		GtkTreeIter iter;

		gtk_tree_model_get_iter_first(GTK_TREE_MODEL(cf->choices), &iter);
		gtk_tree_view_column_cell_set_cell_data(col, GTK_TREE_MODEL(cf->choices), &iter, FALSE,
		                                        FALSE);
		gtk_tree_view_column_cell_get_size(col, NULL, NULL, NULL, NULL, &h);
	}
	if (h <= 0)
		h = 22;
	gtk_widget_set_size_request(sw, IOT_GTK_CONTROL_FIELD_WIDTH, (int)rows * (h + 2) + 6);
	tag(cf, view);
	cf->input = view;
	cf->box = sw;
}

static void
build_input(IotGtkControlField *cf, const IotFormField *f, const char *caption)
{
	guint i;

	switch (f->type) {
	case IOT_FORM_FIELD_BOOLEAN:
		/* with_label, not with_mnemonic: an underscore in the caption stays one. */
		cf->input = cf->box = gtk_check_button_new_with_label(caption);
		g_signal_connect(cf->input, "toggled", G_CALLBACK(toggled_cb), cf);
		break;
	case IOT_FORM_FIELD_FIXED: {
		char *text = iot_gtk_control_join_lines(f->values);

		cf->input = cf->box = iot_gtk_control_wrap_label(text, IOT_GTK_CONTROL_FIELD_WIDTH);
		gtk_label_set_selectable(GTK_LABEL(cf->input), TRUE);
		gtk_widget_set_can_focus(cf->input, FALSE);
		g_free(text);
		break;
	}
	case IOT_FORM_FIELD_TEXT_MULTI:
	case IOT_FORM_FIELD_JID_MULTI:
		cf->input = gtk_text_view_new();
		gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(cf->input), GTK_WRAP_WORD_CHAR);
		gtk_text_view_set_left_margin(GTK_TEXT_VIEW(cf->input), 2);
		gtk_text_view_set_accepts_tab(GTK_TEXT_VIEW(cf->input), FALSE);
		cf->buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(cf->input));
		g_signal_connect(cf->buffer, "changed", G_CALLBACK(buffer_changed_cb), cf);
		g_signal_connect(cf->input, "focus-out-event", G_CALLBACK(focus_out_cb), cf);
		tag(cf, cf->input);
		cf->box = gtk_scrolled_window_new(NULL, NULL);
		gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(cf->box), GTK_POLICY_NEVER,
		                               GTK_POLICY_AUTOMATIC);
		gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(cf->box), GTK_SHADOW_IN);
		gtk_container_add(GTK_CONTAINER(cf->box), cf->input);
		gtk_widget_set_size_request(cf->box, IOT_GTK_CONTROL_FIELD_WIDTH, TEXT_MULTI_HEIGHT);
		break;
	case IOT_FORM_FIELD_LIST_SINGLE:
		if (f->open) {
			cf->input = cf->box = gtk_combo_box_entry_new_text();
			cf->entry = gtk_bin_get_child(GTK_BIN(cf->input));
			gtk_entry_set_activates_default(GTK_ENTRY(cf->entry), !cf->post_back);
			g_signal_connect(cf->entry, "changed", G_CALLBACK(entry_changed_cb), cf);
			g_signal_connect(cf->entry, "activate", G_CALLBACK(entry_activate_cb), cf);
			g_signal_connect(cf->entry, "focus-out-event", G_CALLBACK(focus_out_cb), cf);
			tag(cf, cf->entry);
		} else {
			cf->input = cf->box = gtk_combo_box_new_text();
		}
		for (i = 0; i < f->options->len; i++)
			gtk_combo_box_append_text(GTK_COMBO_BOX(cf->input),
			                          iot_gtk_control_option_text(g_ptr_array_index(f->options, i)));
		gtk_widget_set_size_request(cf->input, IOT_GTK_CONTROL_FIELD_WIDTH, -1);
		g_signal_connect(cf->input, "changed", G_CALLBACK(combo_changed_cb), cf);
		break;
	case IOT_FORM_FIELD_LIST_MULTI:
		build_choices(cf, f);
		break;
	default:
		if (iot_gtk_control_field_is_color(cf)) {
			/* The hex value and a colour button, kept the same. */
			cf->box = gtk_hbox_new(FALSE, 6);
			cf->input = new_entry(cf, 110);
			cf->color = gtk_color_button_new();
			gtk_color_button_set_use_alpha(GTK_COLOR_BUTTON(cf->color),
			                               cf->datatype == IOT_FORM_DT_COLOR_ALPHA);
			gtk_color_button_set_title(GTK_COLOR_BUTTON(cf->color), caption);
			g_signal_connect(cf->color, "color-set", G_CALLBACK(color_set_cb), cf);
			gtk_box_pack_start(GTK_BOX(cf->box), cf->input, FALSE, FALSE, 0);
			gtk_box_pack_start(GTK_BOX(cf->box), cf->color, FALSE, FALSE, 0);
		} else {
			cf->input = cf->box = new_entry(cf, IOT_GTK_CONTROL_FIELD_WIDTH);
			if (f->type == IOT_FORM_FIELD_TEXT_PRIVATE)
				gtk_entry_set_visibility(GTK_ENTRY(cf->input), FALSE);
		}
		break;
	}
	tag(cf, cf->input);
}

static GtkWidget *
caption_label(const IotFormField *f, const char *caption)
{
	GtkWidget *label = gtk_label_new(NULL);
	char *text;

	if (f->required)
		/* TRANSLATORS: the caption of a field that must have a value, "Name *:". */
		text = g_strdup_printf(_("%s *:"), caption);
	else
		/* TRANSLATORS: the caption of a field, "Setpoint:". */
		text = g_strdup_printf(_("%s:"), caption);
	gtk_label_set_text(GTK_LABEL(label), text);
	if (f->required) {
		/* The last "*" is ours (the caption may hold others): red. */
		const char *star = strrchr(text, '*');
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *a = pango_attr_foreground_new(0xcccc, 0, 0);

		if (star != NULL) {
			a->start_index = (guint)(star - text);
			a->end_index = a->start_index + 1;
			pango_attr_list_insert(attrs, a);
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = (guint)(star - text);
			a->end_index = a->start_index + 1;
			pango_attr_list_insert(attrs, a);
		} else {
			pango_attribute_destroy(a);
		}
		gtk_label_set_attributes(GTK_LABEL(label), attrs);
		pango_attr_list_unref(attrs);
	}
	/* Beside a tall widget the caption stays level with its first line. */
	if (is_multiline(f->type) || f->type == IOT_FORM_FIELD_LIST_MULTI) {
		gtk_misc_set_alignment(GTK_MISC(label), 1.0, 0.0);
		gtk_misc_set_padding(GTK_MISC(label), 0, 4);
	} else {
		gtk_misc_set_alignment(GTK_MISC(label), 1.0,
		                       f->type == IOT_FORM_FIELD_FIXED ? 0.0 : 0.5);
	}
	g_free(text);
	return label;
}

IotGtkControlField *
iot_gtk_control_field_new(IotGtkControl *dlg, const IotFormField *f)
{
	IotGtkControlField *cf;
	char *full, *caption;

	g_return_val_if_fail(f->type != IOT_FORM_FIELD_HIDDEN, NULL);
	cf = g_new0(IotGtkControlField, 1);
	cf->dlg = dlg;
	cf->var = g_strdup(f->var);
	cf->type = f->type;
	cf->datatype = f->datatype;
	cf->post_back = f->post_back && dlg->cbs.on_post_back != NULL;
	cf->read_only = f->read_only;
	cf->open = f->open;
	full = iot_form_field_caption(f);
	caption = iot_format_clean(full, IOT_GTK_CONTROL_CAPTION_CHARS);

	build_input(cf, f, caption);
	if (f->type != IOT_FORM_FIELD_BOOLEAN && (f->type != IOT_FORM_FIELD_FIXED || f->label != NULL))
		cf->caption = caption_label(f, caption);

	/* The description, or else a caption that had to be cut, as the tooltip. */
	if (f->desc != NULL || strcmp(full, caption) != 0) {
		char *tip = iot_format_clean(f->desc != NULL ? f->desc : full, 400);

		gtk_widget_set_tooltip_text(cf->box, tip);
		if (cf->caption != NULL)
			gtk_widget_set_tooltip_text(cf->caption, tip);
		g_free(tip);
	}
	if (cf->read_only)
		gtk_widget_set_sensitive(cf->box, FALSE);

	cf->below = gtk_vbox_new(FALSE, 0);
	cf->hint_text = standing_hint(f);
	cf->hint = iot_gtk_control_wrap_label(NULL, IOT_GTK_CONTROL_FIELD_WIDTH);
	gtk_misc_set_padding(GTK_MISC(cf->hint), 0, 1);
	cf->error = iot_gtk_control_wrap_label(NULL, IOT_GTK_CONTROL_FIELD_WIDTH);
	gtk_misc_set_padding(GTK_MISC(cf->error), 0, 1);
	iot_gtk_control_label_look(cf->error, FALSE, FALSE, 1.0, IOT_GTK_CONTROL_COLOR_ERROR);
	gtk_box_pack_start(GTK_BOX(cf->below), cf->hint, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(cf->below), cf->error, FALSE, FALSE, 0);
	/* Shown when they have something to say. */
	gtk_widget_set_no_show_all(cf->hint, TRUE);
	gtk_widget_set_no_show_all(cf->error, TRUE);
	g_free(caption);
	g_free(full);
	return cf;
}

void
iot_gtk_control_field_free(IotGtkControlField *cf)
{
	if (cf == NULL)
		return;
	if (cf->choices != NULL)
		g_object_unref(cf->choices);
	g_free(cf->var);
	g_free(cf->hint_text);
	g_free(cf->input_error);
	g_free(cf->check_error);
	g_free(cf->result_error);
	g_free(cf);
}
