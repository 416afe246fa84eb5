/*
 * iot-gtk-control-values.c — a control-form field's values between the
 * model and its widgets: showing the thing's values (a notSame field
 * empty), reading what the person did through the core's parsing and
 * validation, and the hint and the message under the field.
 */
#include "iot-gtk-control-private.h"

#include "iot-format.h"
#include "iot-value.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The empty value of @cf, shaped like the one the thing sent: a field that
 * came with one empty value gets one back, so that clearing and retyping
 * nothing is not a change. */
static void
set_empty(IotGtkControlField *cf)
{
	static const char *const one_empty[] = { "", NULL };
	const char *const *was = cf->dlg->baseline ? iot_form_values_get(cf->dlg->baseline, cf->var)
	                                           : NULL;

	iot_dataform_set_values(cf->dlg->form, cf->var,
	                        was != NULL && was[0] != NULL && *was[0] == '\0' && was[1] == NULL
	                            ? one_empty
	                            : NULL);
}

/* ---- model → widgets ------------------------------------------------------------------- */

/* What an entry shows for @f's first value: a colour with its "#", a
 * choice by its label. (transfer full) */
static char *
display_text(const IotGtkControlField *cf, const IotFormField *f)
{
	const char *v = iot_form_field_value(f);
	guint8 r, g, b, a;
	gboolean has_alpha;
	guint i;

	if (v == NULL)
		return g_strdup("");
	if (iot_gtk_control_field_is_color(cf) && iot_value_parse_color(v, &r, &g, &b, &has_alpha, &a))
		return g_strdup_printf("#%s", v);
	for (i = 0; cf->type == IOT_FORM_FIELD_LIST_SINGLE && i < f->options->len; i++) {
		const IotFormOption *o = g_ptr_array_index(f->options, i);

		if (strcmp(o->value, v) == 0)
			return g_strdup(iot_gtk_control_option_text(o));
	}
	return g_strdup(v);
}

static gboolean
has_value(const IotFormField *f, const char *value)
{
	guint i;

	for (i = 0; i < f->values->len; i++)
		if (strcmp(g_ptr_array_index(f->values, i), value) == 0)
			return TRUE;
	return FALSE;
}

static void
load_color_button(IotGtkControlField *cf, const char *text)
{
	guint8 r, g, b, a;
	gboolean has_alpha;
	GdkColor c;

	if (text == NULL || !iot_value_parse_color(*text == '#' ? text + 1 : text, &r, &g, &b,
	                                           &has_alpha, &a))
		return;
	c.pixel = 0;
	c.red = (guint16)(r * 257);
	c.green = (guint16)(g * 257);
	c.blue = (guint16)(b * 257);
	cf->dlg->loading++;
	gtk_color_button_set_color(GTK_COLOR_BUTTON(cf->color), &c);
	gtk_color_button_set_alpha(GTK_COLOR_BUTTON(cf->color), (guint16)(a * 257));
	cf->dlg->loading--;
}

void
iot_gtk_control_field_load(IotGtkControlField *cf)
{
	IotFormField *f = iot_gtk_control_field_model(cf);
	const char *v;
	guint i;

	if (f == NULL)
		return;
	cf->dlg->loading++;
	cf->differ = f->not_same && !f->edited;
	cf->pending = FALSE;
	v = iot_form_field_value(f);
	switch (cf->type) {
	case IOT_FORM_FIELD_BOOLEAN: {
		gboolean on = v != NULL && (g_ascii_strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0);

		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(cf->input), on && !cf->differ);
		gtk_toggle_button_set_inconsistent(GTK_TOGGLE_BUTTON(cf->input), cf->differ);
		break;
	}
	case IOT_FORM_FIELD_FIXED:
		break;
	case IOT_FORM_FIELD_TEXT_MULTI:
	case IOT_FORM_FIELD_JID_MULTI: {
		char *text = cf->differ ? g_strdup("") : iot_gtk_control_join_lines(f->values);

		gtk_text_buffer_set_text(cf->buffer, text, -1);
		g_free(text);
		break;
	}
	case IOT_FORM_FIELD_LIST_MULTI: {
		GtkTreeIter iter;
		gboolean ok = gtk_tree_model_get_iter_first(GTK_TREE_MODEL(cf->choices), &iter);

		for (; ok; ok = gtk_tree_model_iter_next(GTK_TREE_MODEL(cf->choices), &iter)) {
			char *value;

			gtk_tree_model_get(GTK_TREE_MODEL(cf->choices), &iter, IOT_GTK_CONTROL_CHOICE_VALUE, &value, -1);
			gtk_list_store_set(cf->choices, &iter, IOT_GTK_CONTROL_CHOICE_CHECKED,
			                   !cf->differ && has_value(f, value), -1);
			g_free(value);
		}
		break;
	}
	case IOT_FORM_FIELD_LIST_SINGLE:
		if (!cf->open) {
			int active = -1;

			for (i = 0; v != NULL && !cf->differ && i < f->options->len && active < 0; i++)
				if (strcmp(((IotFormOption *)g_ptr_array_index(f->options, i))->value, v) == 0)
					active = (int)i;
			gtk_combo_box_set_active(GTK_COMBO_BOX(cf->input), active);
			break;
		}
		G_GNUC_FALLTHROUGH; /* an open list is an entry */
	default: {
		char *text = cf->differ ? g_strdup("") : display_text(cf, f);

		gtk_entry_set_text(GTK_ENTRY(cf->entry), text);
		if (cf->color != NULL)
			load_color_button(cf, text);
		g_free(text);
		break;
	}
	}
	cf->dlg->loading--;
	g_clear_pointer(&cf->input_error, g_free);
	iot_gtk_control_field_check(cf);
}

/* ---- widgets → model --------------------------------------------------------------------- */

/* One text typed by the person into the model; FALSE with input_error. */
static gboolean
read_text(IotGtkControlField *cf, const IotFormField *f, const char *text, char **wire)
{
	GError *error = NULL;

	*wire = iot_dataform_parse_input(f, text, &error);
	if (*wire != NULL)
		return TRUE;
	cf->input_error = g_strdup(error != NULL ? error->message : "");
	g_clear_error(&error);
	return FALSE;
}

static void
read_lines(IotGtkControlField *cf, const IotFormField *f)
{
	GtkTextIter a, b;
	char *text, **lines;
	GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
	guint i, n;
	gboolean ok = TRUE;

	gtk_text_buffer_get_bounds(cf->buffer, &a, &b);
	text = gtk_text_buffer_get_text(cf->buffer, &a, &b, FALSE);
	lines = g_strsplit(text, "\n", -1);
	n = g_strv_length(lines);
	/* A last newline ends the last line; it does not add an empty value. */
	if (n > 0 && *lines[n - 1] == '\0')
		n--;
	for (i = 0; i < n && ok; i++) {
		char *wire;

		/* XEP-0004: one value per line; an empty line stays one in text,
		 * an address list just skips it. */
		if (*g_strstrip(lines[i]) == '\0' && cf->type == IOT_FORM_FIELD_JID_MULTI)
			continue;
		if (*lines[i] == '\0')
			g_ptr_array_add(values, g_strdup(""));
		else if ((ok = read_text(cf, f, lines[i], &wire)))
			g_ptr_array_add(values, wire);
	}
	if (ok) {
		g_ptr_array_add(values, NULL);
		iot_dataform_set_values(cf->dlg->form, cf->var,
		                        values->len > 1 ? (const char *const *)values->pdata : NULL);
	}
	g_ptr_array_unref(values);
	g_strfreev(lines);
	g_free(text);
}

static void
read_choices(IotGtkControlField *cf)
{
	GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
	GtkTreeIter iter;
	gboolean ok = gtk_tree_model_get_iter_first(GTK_TREE_MODEL(cf->choices), &iter);

	for (; ok; ok = gtk_tree_model_iter_next(GTK_TREE_MODEL(cf->choices), &iter)) {
		gboolean on;
		char *value;

		gtk_tree_model_get(GTK_TREE_MODEL(cf->choices), &iter, IOT_GTK_CONTROL_CHOICE_CHECKED, &on,
		                   IOT_GTK_CONTROL_CHOICE_VALUE, &value, -1);
		if (on)
			g_ptr_array_add(values, value);
		else
			g_free(value);
	}
	g_ptr_array_add(values, NULL);
	iot_dataform_set_values(cf->dlg->form, cf->var,
	                        values->len > 1 ? (const char *const *)values->pdata : NULL);
	g_ptr_array_unref(values);
}

void
iot_gtk_control_field_read(IotGtkControlField *cf)
{
	IotFormField *f = iot_gtk_control_field_model(cf);

	g_clear_pointer(&cf->input_error, g_free);
	if (f == NULL || cf->read_only || cf->type == IOT_FORM_FIELD_FIXED)
		return;
	cf->differ = FALSE;
	switch (cf->type) {
	case IOT_FORM_FIELD_BOOLEAN:
		iot_dataform_set_value(cf->dlg->form, cf->var,
		                       gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(cf->input))
		                           ? "true"
		                           : "false");
		break;
	case IOT_FORM_FIELD_TEXT_MULTI:
	case IOT_FORM_FIELD_JID_MULTI:
		read_lines(cf, f);
		break;
	case IOT_FORM_FIELD_LIST_MULTI:
		read_choices(cf);
		break;
	case IOT_FORM_FIELD_LIST_SINGLE:
		if (!cf->open) {
			int i = gtk_combo_box_get_active(GTK_COMBO_BOX(cf->input));

			if (i >= 0 && (guint)i < f->options->len)
				iot_dataform_set_value(
				    cf->dlg->form, cf->var,
				    ((IotFormOption *)g_ptr_array_index(f->options, i))->value);
			break;
		}
		G_GNUC_FALLTHROUGH; /* an open list is read as text */
	default: {
		char *text = g_strdup(gtk_entry_get_text(GTK_ENTRY(cf->entry))), *wire;

		if (*g_strstrip(text) == '\0') {
			set_empty(cf);
		} else if (read_text(cf, f, text, &wire)) {
			iot_dataform_set_value(cf->dlg->form, cf->var, wire);
			if (cf->color != NULL)
				load_color_button(cf, wire);
			g_free(wire);
		}
		g_free(text);
		break;
	}
	}
	iot_gtk_control_field_check(cf);
}

void
iot_gtk_control_field_check(IotGtkControlField *cf)
{
	IotFormField *f = iot_gtk_control_field_model(cf);
	char *message = NULL;

	g_clear_pointer(&cf->check_error, g_free);
	/* Only what the person entered: a value nobody touched is not sent
	 * (XEP-0325 §3.3), so the thing's own values — an empty required
	 * field, a reading beyond the range — are its business. */
	if (f == NULL || !f->edited || cf->read_only || cf->differ ||
	    cf->type == IOT_FORM_FIELD_FIXED)
		return;
	if (!iot_dataform_validate_field(f, &message))
		cf->check_error = message != NULL ? message : g_strdup("");
}

gboolean
iot_gtk_control_field_invalid(const IotGtkControlField *cf)
{
	return cf->input_error != NULL || cf->check_error != NULL;
}

void
iot_gtk_control_field_show_message(IotGtkControlField *cf)
{
	IotFormField *f = iot_gtk_control_field_model(cf);
	const char *text = cf->input_error;
	static const GdkColor bad = { 0, 0xffff, 0xe4e4, 0xe4e4 };

	if (text == NULL)
		text = cf->check_error;
	if (text == NULL)
		text = cf->result_error;
	if (text == NULL && f != NULL)
		text = f->error;
	if (text != NULL && *text != '\0') {
		char *clean = iot_format_clean(text, 400);

		gtk_label_set_text(GTK_LABEL(cf->error), clean);
		gtk_widget_show(cf->error);
		g_free(clean);
	} else {
		gtk_widget_hide(cf->error);
	}
	/* A wrong entry is tinted too, so that it is found at a glance. */
	if (cf->entry != NULL)
		gtk_widget_modify_base(cf->entry, GTK_STATE_NORMAL,
		                       iot_gtk_control_field_invalid(cf) ? &bad : NULL);

	/* The hint: "(values differ)" where the widget cannot say it itself. */
	if (cf->differ && cf->entry == NULL) {
		gtk_label_set_text(GTK_LABEL(cf->hint), _("(values differ)"));
		iot_gtk_control_label_look(cf->hint, FALSE, TRUE, 1.0, IOT_GTK_CONTROL_COLOR_HINT);
		gtk_widget_show(cf->hint);
	} else if (cf->hint_text != NULL) {
		gtk_label_set_text(GTK_LABEL(cf->hint), cf->hint_text);
		iot_gtk_control_label_look(cf->hint, FALSE, FALSE, PANGO_SCALE_SMALL, IOT_GTK_CONTROL_COLOR_HINT);
		gtk_widget_show(cf->hint);
	} else {
		gtk_widget_hide(cf->hint);
	}
}

char *
iot_gtk_control_field_bad_text(const IotGtkControlField *cf)
{
	GtkTextIter a, b;

	if (cf->input_error == NULL)
		return NULL;
	if (cf->entry != NULL)
		return g_strdup(gtk_entry_get_text(GTK_ENTRY(cf->entry)));
	if (cf->buffer != NULL) {
		gtk_text_buffer_get_bounds(cf->buffer, &a, &b);
		return gtk_text_buffer_get_text(cf->buffer, &a, &b, FALSE);
	}
	return NULL;
}

void
iot_gtk_control_field_restore_text(IotGtkControlField *cf, const char *text)
{
	if (cf->read_only)
		return;
	cf->dlg->loading++;
	if (cf->entry != NULL)
		gtk_entry_set_text(GTK_ENTRY(cf->entry), text);
	else if (cf->buffer != NULL)
		gtk_text_buffer_set_text(cf->buffer, text, -1);
	cf->dlg->loading--;
	if (cf->entry != NULL || cf->buffer != NULL) {
		iot_gtk_control_field_read(cf);
		cf->pending = TRUE;
	}
}

void
iot_gtk_control_field_focus(IotGtkControlField *cf)
{
	GtkWidget *w = cf->entry != NULL ? cf->entry : cf->input;

	if (!gtk_widget_get_can_focus(w) || !gtk_widget_is_sensitive(w))
		return;
	gtk_widget_grab_focus(w);
	/* grab_focus selects an entry's text: a person who was typing was not. */
	if (cf->entry != NULL)
		gtk_editable_set_position(GTK_EDITABLE(cf->entry), -1);
}
