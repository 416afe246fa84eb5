/* iot-purple-control-request.c — the control dialog in Finch. See the header. */
#include "iot-purple-control-request.h"

#include "iot-dynform.h"
#include "iot-format.h"
#include "iot-limits.h"
#include "iot-purple-controlform.h"
#include "iot-purple-ui.h"

#include <core.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <notify.h>
#include <request.h>
#include <string.h>

/* How much of a thing's label or value a dialog repeats. */
#define LABEL_CHARS 120
#define VALUE_CHARS 4096

typedef struct {
	IotPurpleControlForm *cf;
	IotDataForm *form;       /* the person's values */
	IotFormValues *baseline; /* what "changed" is measured against */
	GHashTable *typed;       /* var → what the person typed that was not valid */
	GHashTable *problems;    /* var → sentence to show beside the field */
	char *note;              /* sentence above the fields, nullable */
	gpointer ui_handle;      /* the open request dialog, or NULL */
	gboolean closing;        /* we close ui_handle ourselves: its cancel is not the person's */
	GPtrArray *shown;        /* (element-type IotFormField, borrowed) index → field */
	GHashTable *shown_text;  /* field id → the default it was shown with */
} Dlg;

static GList *dialogs;

static void show(Dlg *d);

/* Closes the dialog on screen, if any, without ending @d. Finch runs the
 * dialog's cancel callback when it is closed this way (libpurple does not);
 * that call finds d->closing set and leaves @d alone. Its fields, and the
 * list items pointing into d->form, go with it. */
static void
close_shown(Dlg *d)
{
	gpointer handle = d->ui_handle;

	if (handle == NULL)
		return;
	d->ui_handle = NULL;
	d->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, handle);
	d->closing = FALSE;
}

static void
dlg_free(Dlg *d)
{
	close_shown(d);
	dialogs = g_list_remove(dialogs, d);
	iot_purple_controlform_free(d->cf);
	iot_dataform_free(d->form);
	iot_form_values_free(d->baseline);
	g_hash_table_destroy(d->typed);
	g_hash_table_destroy(d->problems);
	g_free(d->note);
	if (d->shown != NULL)
		g_ptr_array_unref(d->shown);
	if (d->shown_text != NULL)
		g_hash_table_destroy(d->shown_text);
	g_free(d);
}

static char *
title_of(const Dlg *d)
{
	char *label = iot_purple_controlform_label(d->cf);
	/* TRANSLATORS: window title; %s is the thing (and node). */
	char *title = g_strdup_printf(_("Control %s"), label);

	g_free(label);
	return title;
}

/* Field labels are Pango markup with mnemonics in GTK request dialogs and
 * plain text in Finch: whatever a thing sent must show literally in both. */
static char *
label_text(const char *text)
{
	char *clean = iot_format_clean(text, LABEL_CHARS), *escaped;
	GString *out;
	const char *p;

	if (g_strcmp0(purple_core_get_ui(), "gnt-purple") == 0)
		return clean;
	escaped = g_markup_escape_text(clean, -1);
	out = g_string_new(NULL);
	for (p = escaped; *p != '\0'; p++) {
		if (*p == '_')
			g_string_append_c(out, '_');
		g_string_append_c(out, *p);
	}
	g_free(clean);
	g_free(escaped);
	return g_string_free(out, FALSE);
}

static char *
field_label(const Dlg *d, const IotFormField *f)
{
	char *caption = iot_form_field_caption(f);
	GString *out = g_string_new(caption);
	const char *problem = f->var != NULL ? g_hash_table_lookup(d->problems, f->var) : NULL;
	char *text;

	if (f->min != NULL || f->max != NULL)
		g_string_append_printf(out, " (%s – %s)", f->min ? f->min : "", f->max ? f->max : "");
	if (f->required)
		g_string_append(out, " *");
	if (f->not_same && !f->edited)
		/* TRANSLATORS: a parameter whose value differs between the nodes controlled. */
		g_string_append_printf(out, " %s", _("(values differ)"));
	/* The reason itself is listed above the fields: Finch gives a label
	 * only the width of the longest one. */
	if (problem != NULL || f->error != NULL)
		g_string_append(out, " ⚠");
	g_free(caption);
	text = label_text(out->str);
	g_string_free(out, TRUE);
	return text;
}

static char *
option_label(const IotFormOption *o)
{
	return iot_format_clean(o->label != NULL ? o->label : o->value, LABEL_CHARS);
}

/* The default text of a text-like field: what the person typed when it was
 * not valid, else the values (nothing for a notSame field not yet edited). */
static char *
shown_value(const Dlg *d, const IotFormField *f)
{
	const char *typed = f->var != NULL ? g_hash_table_lookup(d->typed, f->var) : NULL;
	char *v;

	if (typed != NULL)
		return g_strdup(typed);
	if (f->not_same && !f->edited)
		return g_strdup("");
	v = iot_form_field_values_text(f);
	if (f->datatype == IOT_FORM_DT_COLOR || f->datatype == IOT_FORM_DT_COLOR_ALPHA) {
		char *hex = *v != '\0' && *v != '#' ? g_strconcat("#", v, NULL) : g_strdup(v);

		g_free(v);
		v = hex;
	}
	return v;
}

static PurpleRequestField *
request_field(Dlg *d, const IotFormField *f, const char *id)
{
	PurpleRequestField *rf = NULL;
	char *label = field_label(d, f), *value;
	const char *current = iot_form_field_value(f);
	guint i;

	switch (f->type) {
	case IOT_FORM_FIELD_HIDDEN:
		break;
	case IOT_FORM_FIELD_BOOLEAN:
		rf = purple_request_field_bool_new(id, label, current != NULL &&
		                                   (strcmp(current, "1") == 0 || strcmp(current, "true") == 0));
		break;
	case IOT_FORM_FIELD_LIST_MULTI:
		if (!f->open && f->options->len > 0) {
			GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

			rf = purple_request_field_list_new(id, label);
			purple_request_field_list_set_multi_select(rf, TRUE);
			for (i = 0; i < f->options->len; i++) {
				IotFormOption *o = g_ptr_array_index(f->options, i);
				char *text = option_label(o);
				guint k;

				/* Items are known by their text: make each one unique. */
				if (g_hash_table_contains(seen, text)) {
					char *wire = iot_format_clean(o->value, LABEL_CHARS);
					char *unique = g_strdup_printf("%s (%s)", text, wire);

					g_free(text);
					g_free(wire);
					text = unique;
				}
				if (g_hash_table_contains(seen, text)) {
					g_free(text);
					continue;
				}
				g_hash_table_add(seen, g_strdup(text));
				purple_request_field_list_add_icon(rf, text, NULL, o);
				for (k = 0; k < f->values->len; k++)
					if (strcmp(g_ptr_array_index(f->values, k), o->value) == 0)
						purple_request_field_list_add_selected(rf, text);
				g_free(text);
			}
			g_hash_table_destroy(seen);
			break;
		}
		/* fall through */
	case IOT_FORM_FIELD_LIST_SINGLE:
		if (!f->open && !f->read_only && f->options->len > 0) {
			int selected = 0;

			rf = purple_request_field_choice_new(id, label, 0);
			/* The first choice keeps the value as it is (none, or differing). */
			purple_request_field_choice_add(rf, f->not_same && !f->edited ? _("(values differ)")
			                                                                : _("(unchanged)"));
			for (i = 0; i < f->options->len; i++) {
				const IotFormOption *o = g_ptr_array_index(f->options, i);
				char *text = option_label(o);

				purple_request_field_choice_add(rf, text);
				g_free(text);
				if (current != NULL && strcmp(o->value, current) == 0 && !(f->not_same && !f->edited))
					selected = (int)i + 1;
			}
			purple_request_field_choice_set_default_value(rf, selected);
			purple_request_field_choice_set_value(rf, selected);
			break;
		}
		/* fall through */
	default:
		value = shown_value(d, f);
		rf = purple_request_field_string_new(id, label, value,
		                                     f->type == IOT_FORM_FIELD_TEXT_MULTI ||
		                                         f->type == IOT_FORM_FIELD_JID_MULTI ||
		                                         f->type == IOT_FORM_FIELD_LIST_MULTI);
		g_hash_table_replace(d->shown_text, g_strdup(id), g_strdup(value));
		g_free(value);
		if (f->type == IOT_FORM_FIELD_TEXT_PRIVATE)
			purple_request_field_string_set_masked(rf, TRUE);
		if (f->type == IOT_FORM_FIELD_FIXED || f->read_only)
			purple_request_field_string_set_editable(rf, FALSE);
		break;
	}
	g_free(label);
	return rf;
}

static void
add_items(Dlg *d, PurpleRequestFields *fields, const IotFormSection *sec, const char *title)
{
	PurpleRequestFieldGroup *group = purple_request_field_group_new(title);
	guint i;

	purple_request_fields_add_group(fields, group);
	for (i = 0; i < sec->items->len; i++) {
		const IotLayoutItem *it = g_ptr_array_index(sec->items, i);

		if (it->kind == IOT_LAYOUT_FIELD) {
			IotFormField *f = iot_dataform_find(d->form, it->text);
			char *id = g_strdup_printf("f%u", d->shown->len);
			PurpleRequestField *rf = f != NULL ? request_field(d, f, id) : NULL;

			if (rf != NULL) {
				purple_request_field_group_add_field(group, rf);
				g_ptr_array_add(d->shown, f);
			}
			g_free(id);
		} else if (it->kind == IOT_LAYOUT_SECTION) {
			char *label = iot_format_clean(it->section->label, LABEL_CHARS);
			char *sub = title != NULL && *label ? g_strdup_printf("%s › %s", title, label)
			                                    : g_strdup(*label ? label : title);

			add_items(d, fields, it->section, sub);
			g_free(sub);
			g_free(label);
		}
	}
}

static void ok_cb(Dlg *d, PurpleRequestFields *fields);
static void cancel_cb(Dlg *d, PurpleRequestFields *fields);

static void
show(Dlg *d)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	GString *secondary = g_string_new(NULL);
	char *title = title_of(d), *primary, *send, *close;
	guint i;

	/* One dialog per controller: a new form replaces the one on screen
	 * (the request API cannot change an open dialog). */
	close_shown(d);
	if (d->shown != NULL)
		g_ptr_array_unref(d->shown);
	d->shown = g_ptr_array_new();
	if (d->shown_text != NULL)
		g_hash_table_destroy(d->shown_text);
	d->shown_text = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (i = 0; i < d->form->pages->len; i++) {
		const IotFormSection *page = g_ptr_array_index(d->form->pages, i);
		char *label = page->label != NULL ? iot_format_clean(page->label, LABEL_CHARS) : NULL;

		add_items(d, fields, page, label);
		g_free(label);
	}
	if (d->note != NULL)
		g_string_append_printf(secondary, "%s\n", d->note);
	for (i = 0; i < d->form->fields->len; i++) {
		const IotFormField *f = g_ptr_array_index(d->form->fields, i);
		const char *problem = f->var != NULL ? g_hash_table_lookup(d->problems, f->var) : NULL;
		char *caption, *text;

		if (problem == NULL && f->error == NULL)
			continue;
		caption = iot_form_field_caption(f);
		text = iot_format_clean(problem != NULL ? problem : f->error, 300);
		/* TRANSLATORS: a field's problem above the form: "⚠ Brightness: text". */
		g_string_append_printf(secondary, _("⚠ %s: %s\n"), caption, text);
		g_free(caption);
		g_free(text);
	}
	if (secondary->len > 0)
		g_string_append_c(secondary, '\n');
	if (d->form->instructions != NULL) {
		char *text = iot_format_clean(d->form->instructions, 1000);

		g_string_append_printf(secondary, "%s\n", text);
		g_free(text);
	}
	for (i = 0; i < d->form->notes->len; i++)
		g_string_append_printf(secondary, "%s\n", (const char *)g_ptr_array_index(d->form->notes, i));
	primary = d->form->title != NULL ? iot_format_clean(d->form->title, LABEL_CHARS) : g_strdup(title);
	/* primary and secondary are plain text: the UI escapes them. */
	send = iot_purple_ui_label(_("_Send"));
	close = iot_purple_ui_label(_("_Close"));
	d->ui_handle = purple_request_fields(d, title, primary, secondary->len ? secondary->str : NULL,
	                                     fields, send, G_CALLBACK(ok_cb), close, G_CALLBACK(cancel_cb),
	                                     iot_purple_controlform_account(d->cf), NULL, NULL, d);
	g_free(send);
	g_free(close);
	g_free(primary);
	g_free(title);
	g_string_free(secondary, TRUE);
	if (d->ui_handle == NULL) {
		/* No UI shows requests (a headless client): nothing can end this dialog. */
		purple_debug_info("xmpp-iot", "no request UI for the control dialog\n");
		dlg_free(d);
	}
}

/* Reads what the person entered in @rf for @f into the form. Returns FALSE
 * with a problem recorded when it is not valid. */
static gboolean
take_input(Dlg *d, IotFormField *f, PurpleRequestField *rf, gboolean *post_back)
{
	const char *id = purple_request_field_get_id(rf);
	GError *error = NULL;
	char *wire = NULL;
	gboolean changed = FALSE;

	switch (purple_request_field_get_type(rf)) {
	case PURPLE_REQUEST_FIELD_BOOLEAN: {
		const char *current = iot_form_field_value(f);
		gboolean was = current != NULL && (strcmp(current, "1") == 0 || strcmp(current, "true") == 0);
		gboolean now = purple_request_field_bool_get_value(rf);

		if (now != was) {
			wire = g_strdup(now ? "true" : "false");
			changed = TRUE;
		}
		break;
	}
	case PURPLE_REQUEST_FIELD_CHOICE: {
		int index = purple_request_field_choice_get_value(rf);

		if (index > 0 && (guint)index <= f->options->len) {
			const IotFormOption *o = g_ptr_array_index(f->options, index - 1);

			changed = g_strcmp0(o->value, iot_form_field_value(f)) != 0 || (f->not_same && !f->edited);
			wire = g_strdup(o->value);
		}
		break;
	}
	case PURPLE_REQUEST_FIELD_LIST: {
		GList *l, *selected = purple_request_field_list_get_selected(rf);
		GPtrArray *values = g_ptr_array_new();
		char *message = NULL;
		gboolean same;
		guint k;

		for (l = selected; l != NULL; l = l->next) {
			const IotFormOption *o = purple_request_field_list_get_data(rf, l->data);

			if (o != NULL)
				g_ptr_array_add(values, o->value);
		}
		/* The same set of values, in whatever order, is no change. */
		same = values->len == f->values->len;
		for (k = 0; same && k < values->len; k++) {
			guint m;

			same = FALSE;
			for (m = 0; m < f->values->len && !same; m++)
				same = strcmp(g_ptr_array_index(values, k), g_ptr_array_index(f->values, m)) == 0;
		}
		g_ptr_array_add(values, NULL);
		if (!same) {
			iot_dataform_set_values(d->form, f->var, (const char *const *)values->pdata);
			*post_back |= f->post_back;
		}
		g_ptr_array_free(values, TRUE);
		if (!same && !iot_dataform_validate_field(f, &message)) {
			g_hash_table_replace(d->problems, g_strdup(f->var), message);
			return FALSE;
		}
		g_free(message);
		return TRUE;
	}
	default: {
		const char *input = purple_request_field_string_get_value(rf);
		const char *before = g_hash_table_lookup(d->shown_text, id);

		if (f->type == IOT_FORM_FIELD_FIXED || f->read_only || g_strcmp0(input, before) == 0)
			break;
		changed = TRUE;
		if (f->type == IOT_FORM_FIELD_TEXT_MULTI || f->type == IOT_FORM_FIELD_JID_MULTI ||
		    f->type == IOT_FORM_FIELD_LIST_MULTI) {
			char **lines = g_strsplit(input != NULL ? input : "", "\n", IOT_MAX_FORM_VALUES);
			char *message = NULL;

			iot_dataform_set_values(d->form, f->var, (const char *const *)lines);
			g_strfreev(lines);
			if (!iot_dataform_validate_field(f, &message)) {
				g_hash_table_replace(d->problems, g_strdup(f->var), message);
				return FALSE;
			}
			g_free(message);
			*post_back |= f->post_back;
			return TRUE;
		}
		wire = iot_dataform_parse_input(f, input != NULL ? input : "", &error);
		if (wire == NULL) {
			g_hash_table_replace(d->problems, g_strdup(f->var), g_strdup(error->message));
			g_hash_table_replace(d->typed, g_strdup(f->var), g_strdup(input != NULL ? input : ""));
			g_error_free(error);
			return FALSE;
		}
		break;
	}
	}
	if (changed && wire != NULL) {
		iot_dataform_set_value(d->form, f->var, wire);
		*post_back |= f->post_back;
	}
	g_free(wire);
	return TRUE;
}

static void
ok_cb(Dlg *d, PurpleRequestFields *fields)
{
	gboolean post_back = FALSE, valid = TRUE;
	IotFormField *bad = NULL;
	GPtrArray *changed;
	char *message = NULL;
	guint i;

	d->ui_handle = NULL; /* the UI closes the dialog after this call */
	g_hash_table_remove_all(d->problems);
	g_hash_table_remove_all(d->typed);
	g_free(d->note);
	d->note = NULL;
	for (i = 0; i < d->shown->len; i++) {
		IotFormField *f = g_ptr_array_index(d->shown, i);
		char *id = g_strdup_printf("f%u", i);
		PurpleRequestField *rf = purple_request_fields_get_field(fields, id);

		if (rf != NULL && f->var != NULL && !take_input(d, f, rf, &post_back))
			valid = FALSE;
		g_free(id);
	}
	/* What will be sent is checked as a whole too (required, list-range). */
	changed = iot_dataform_changed(d->form, d->baseline);
	for (i = 0; valid && bad == NULL && i < changed->len; i++) {
		IotFormField *f = g_ptr_array_index(changed, i);

		if (!iot_dataform_validate_field(f, &message))
			bad = f;
	}
	g_ptr_array_unref(changed);
	if (bad != NULL && bad->var != NULL)
		g_hash_table_replace(d->problems, g_strdup(bad->var), g_strdup(message));
	if (!valid || bad != NULL) {
		/* TRANSLATORS: above the control form when a value is not valid. */
		d->note = g_strdup(_("Nothing was sent: correct the values marked ⚠."));
		g_free(message);
		show(d);
		return;
	}
	g_free(message);
	if (post_back && iot_purple_controlform_post_back(d->cf, d->form))
		return; /* ops->form shows the thing's updated form */
	if (!iot_purple_controlform_send(d->cf, d->form, d->baseline)) {
		char *title = title_of(d);

		purple_notify_info(d, title, title, iot_purple_controlform_busy(d->cf)
		                                        ? _("A change is still on its way; nothing was sent.")
		                                        : _("Nothing was changed, so nothing was sent."));
		g_free(title);
		dlg_free(d);
	}
}

static void
cancel_cb(Dlg *d, PurpleRequestFields *fields)
{
	if (d->closing)
		return; /* a dialog we replace or close ourselves */
	d->ui_handle = NULL;
	dlg_free(d);
}

/* --- the controller's answers -------------------------------------------------------- */

static void
form_cb(IotPurpleControlForm *cf, IotDataForm *form, gboolean replaces, gpointer data)
{
	Dlg *d = data;
	gboolean pushed = d->ui_handle != NULL; /* a dialog on screen: the thing sent it unasked */

	/* The dialog on screen points into the form about to be freed. */
	close_shown(d);
	if (replaces && d->form != NULL) {
		iot_dynform_carry_edits(form, d->form);
		g_free(d->note);
		if (pushed)
			/* TRANSLATORS: the thing sent a new control form while its
			 * dialog was open; %s is the thing's address. */
			d->note = g_strdup_printf(_("%s updated the form. Check it and send."),
			                          iot_purple_controlform_who(d->cf));
		else
			/* TRANSLATORS: after a choice that changes the rest of the form. */
			d->note = g_strdup(_("The form was updated after your choice. Check it and send."));
	} else {
		iot_form_values_free(d->baseline);
		d->baseline = iot_dataform_snapshot(form);
	}
	iot_dataform_free(d->form);
	d->form = form;
	show(d);
}

static void
failed_cb(IotPurpleControlForm *cf, const char *sentence, gpointer data)
{
	Dlg *d = data;
	char *title;

	if (d->form != NULL) {
		g_free(d->note);
		d->note = g_strdup(sentence);
		show(d);
		return;
	}
	title = title_of(d);
	purple_notify_error(d, title, title, sentence);
	g_free(title);
	dlg_free(d);
}

static void
sent_cb(IotPurpleControlForm *cf, gboolean ok, const IotControlResult *result, const char *sentence,
        gpointer data)
{
	Dlg *d = data;
	char *title;
	guint i;

	if (ok || result == NULL || result->errors->len == 0) {
		title = title_of(d);
		if (ok)
			purple_notify_info(d, title, title, sentence);
		else
			purple_notify_error(d, title, title, sentence);
		g_free(title);
		dlg_free(d);
		return;
	}
	/* The thing refused: its words go beside the fields, and the dialog comes back. */
	for (i = 0; i < result->errors->len; i++) {
		const IotControlParamError *e = g_ptr_array_index(result->errors, i);
		char *text = iot_format_clean(*e->text ? e->text : sentence, 300);

		g_hash_table_replace(d->problems, g_strdup(e->name), text);
	}
	g_free(d->note);
	d->note = g_strdup(sentence);
	show(d);
}

static const IotPurpleControlFormOps ops = { form_cb, failed_cb, sent_cb };

void
iot_purple_control_request_open(PurpleAccount *account, const char *who, const char *node_id)
{
	Dlg *d = g_new0(Dlg, 1);

	d->cf = iot_purple_controlform_new(account, who, node_id, &ops, d);
	d->typed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	d->problems = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	dialogs = g_list_prepend(dialogs, d);
	iot_purple_controlform_load(d->cf);
}

void
iot_purple_control_request_close_all(void)
{
	while (dialogs != NULL) {
		Dlg *d = dialogs->data;

		/* libpurple does not call our callbacks when it closes a dialog
		 * (Finch does: close_shown() ignores that), so free here. */
		purple_notify_close_with_handle(d);
		dlg_free(d);
	}
}
