/* client-request.c — request-fields dialogs and notices as text. See client-request.h. */
#include "client-request.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *title, *primary, *secondary;
	PurpleRequestFields *fields;
	GCallback ok_cb, cancel_cb;
	void *user_data;
	gboolean answered; /* a button was pressed */
} Dialog;

typedef struct {
	char *text;        /* "title\nprimary\nsecondary\n[label|label…]" */
	GPtrArray *labels; /* (element-type utf8) */
	GArray *cbs;       /* of GCallback */
	void *user_data;
} Action;

static GList *open_dialogs; /* newest first */
static GList *open_actions; /* newest first */
static gboolean actions_on;
/* The action dialogs of whoever had them before client_request_actions(TRUE). */
static void *(*saved_action)(const char *, const char *, const char *, int, PurpleAccount *, const char *,
                             PurpleConversation *, void *, size_t, va_list);
static guint shown;
static GString *text;
static guint notices;
static char *last_notice;
static PurpleNotifyUiOps notify_ops;

static void
dialog_free(Dialog *d)
{
	g_free(d->title);
	g_free(d->primary);
	g_free(d->secondary);
	purple_request_fields_destroy(d->fields);
	g_free(d);
}

static void *
request_fields(const char *title, const char *primary, const char *secondary,
               PurpleRequestFields *fields, const char *ok_text, GCallback ok_cb,
               const char *cancel_text, GCallback cancel_cb, PurpleAccount *account,
               const char *who, PurpleConversation *conv, void *user_data)
{
	Dialog *d = g_new0(Dialog, 1);

	d->title = g_strdup(title);
	d->primary = g_strdup(primary);
	d->secondary = g_strdup(secondary);
	d->fields = fields;
	d->ok_cb = ok_cb;
	d->cancel_cb = cancel_cb;
	d->user_data = user_data;
	open_dialogs = g_list_prepend(open_dialogs, d);
	shown++;
	return d;
}

static void
action_free(Action *a)
{
	g_free(a->text);
	g_ptr_array_unref(a->labels);
	g_array_unref(a->cbs);
	g_free(a);
}

/* Installed only while client_request_actions(TRUE). */
static void *
request_action(const char *title, const char *primary, const char *secondary, int default_action,
               PurpleAccount *account, const char *who, PurpleConversation *conv, void *user_data,
               size_t action_count, va_list actions)
{
	Action *a;
	GString *t;
	size_t i;

	a = g_new0(Action, 1);
	a->labels = g_ptr_array_new_with_free_func(g_free);
	a->cbs = g_array_new(FALSE, FALSE, sizeof(GCallback));
	t = g_string_new(NULL);
	g_string_printf(t, "%s\n%s\n%s\n[", title ? title : "", primary ? primary : "", secondary ? secondary : "");
	for (i = 0; i < action_count; i++) {
		const char *label = va_arg(actions, const char *);
		GCallback cb = va_arg(actions, GCallback);
		char *plain = purple_strreplace(label ? label : "", "_", "");

		g_string_append_printf(t, "%s%s", i ? "|" : "", plain);
		g_ptr_array_add(a->labels, plain);
		g_array_append_val(a->cbs, cb);
	}
	g_string_append(t, "]");
	a->text = g_string_free(t, FALSE);
	a->user_data = user_data;
	open_actions = g_list_prepend(open_actions, a);
	return a;
}

void
client_request_actions(gboolean on)
{
	PurpleRequestUiOps *ops = purple_request_get_ui_ops();

	/* Another part of the client may have put its own action dialogs into
	 * these operations (client-pubsub.c): they come back afterwards. */
	if (ops == NULL || on == actions_on)
		return;
	if (on) {
		saved_action = ops->request_action;
		ops->request_action = request_action;
	} else {
		ops->request_action = saved_action;
	}
	actions_on = on;
}

const char *
client_action_text(void)
{
	return open_actions != NULL ? ((Action *)open_actions->data)->text : NULL;
}

gboolean
client_action_press(const char *label)
{
	Action *a = open_actions != NULL ? open_actions->data : NULL;
	guint i;

	for (i = 0; a != NULL && i < a->labels->len; i++)
		if (strcmp(g_ptr_array_index(a->labels, i), label) == 0) {
			GCallback cb = g_array_index(a->cbs, GCallback, i);
			void *user_data = a->user_data;

			open_actions = g_list_remove(open_actions, a);
			action_free(a);
			if (cb != NULL)
				((PurpleRequestActionCb)cb)(user_data, (int)i);
			return TRUE;
		}
	return FALSE;
}

/* As Finch does: a dialog closed without a button pressed (by its window, or
 * by purple_request_close()) runs its cancel callback once it is gone. Finch
 * passes its window there, not the fields, which it destroyed already. */
static void
close_request(PurpleRequestType type, void *ui_handle)
{
	Dialog *d = ui_handle;
	GCallback cancel_cb;
	void *user_data;
	gboolean answered;

	if (type == PURPLE_REQUEST_ACTION && g_list_find(open_actions, ui_handle) != NULL) {
		open_actions = g_list_remove(open_actions, ui_handle);
		action_free(ui_handle);
		return;
	}
	if (type != PURPLE_REQUEST_FIELDS || g_list_find(open_dialogs, d) == NULL)
		return;
	open_dialogs = g_list_remove(open_dialogs, d);
	cancel_cb = d->cancel_cb;
	user_data = d->user_data;
	answered = d->answered;
	dialog_free(d);
	if (!answered && cancel_cb != NULL)
		((PurpleRequestFieldsCb)cancel_cb)(user_data, NULL);
}

static PurpleRequestUiOps request_ops = { .request_fields = request_fields,
	                                  .close_request = close_request };

static void *
notify_message(PurpleNotifyMsgType type, const char *title, const char *primary, const char *secondary)
{
	g_free(last_notice);
	last_notice = g_strdup_printf("%s\n%s\n%s", title ? title : "", primary ? primary : "",
	                              secondary ? secondary : "");
	notices++;
	return &notices; /* any non-NULL handle */
}

void
client_request_setup(void)
{
	PurpleNotifyUiOps *current = purple_notify_get_ui_ops();

	if (purple_request_get_ui_ops() == &request_ops)
		return;
	purple_request_set_ui_ops(&request_ops);
	if (current != NULL)
		notify_ops = *current;
	notify_ops.notify_message = notify_message;
	purple_notify_set_ui_ops(&notify_ops);
}

guint
client_requests_shown(void)
{
	return shown;
}

gboolean
client_request_is_open(void)
{
	return open_dialogs != NULL;
}

guint
client_requests_open(void)
{
	return g_list_length(open_dialogs);
}

static void
append_field(PurpleRequestField *f)
{
	const char *label = purple_request_field_get_label(f);
	GList *l;

	g_string_append_printf(text, "%s = ", label ? label : "");
	switch (purple_request_field_get_type(f)) {
	case PURPLE_REQUEST_FIELD_STRING:
		g_string_append(text, purple_request_field_string_get_value(f)
		                          ? purple_request_field_string_get_value(f) : "");
		if (!purple_request_field_string_is_editable(f))
			g_string_append(text, " (read-only)");
		if (purple_request_field_string_is_masked(f))
			g_string_append(text, " (masked)");
		break;
	case PURPLE_REQUEST_FIELD_BOOLEAN:
		g_string_append(text, purple_request_field_bool_get_value(f) ? "true" : "false");
		break;
	case PURPLE_REQUEST_FIELD_INTEGER:
		g_string_append_printf(text, "%d", purple_request_field_int_get_value(f));
		break;
	case PURPLE_REQUEST_FIELD_CHOICE: {
		GList *labels = purple_request_field_choice_get_labels(f);
		const char *chosen = g_list_nth_data(labels, purple_request_field_choice_get_value(f));

		g_string_append(text, chosen ? chosen : "");
		break;
	}
	case PURPLE_REQUEST_FIELD_LIST:
		for (l = purple_request_field_list_get_selected(f); l != NULL; l = l->next)
			g_string_append_printf(text, "%s%s", (const char *)l->data, l->next ? ", " : "");
		break;
	default:
		break;
	}
	g_string_append_c(text, '\n');
}

const char *
client_request_text(void)
{
	Dialog *d = open_dialogs != NULL ? open_dialogs->data : NULL;
	GList *g, *f;

	if (d == NULL)
		return NULL;
	if (text == NULL)
		text = g_string_new(NULL);
	g_string_printf(text, "%s\n%s\n%s\n", d->title ? d->title : "", d->primary ? d->primary : "",
	                d->secondary ? d->secondary : "");
	for (g = purple_request_fields_get_groups(d->fields); g != NULL; g = g->next) {
		const char *title = purple_request_field_group_get_title(g->data);

		g_string_append_printf(text, "[%s]\n", title ? title : "");
		for (f = purple_request_field_group_get_fields(g->data); f != NULL; f = f->next)
			append_field(f->data);
	}
	return text->str;
}

static PurpleRequestField *
find_field(const char *label_start)
{
	Dialog *d = open_dialogs != NULL ? open_dialogs->data : NULL;
	GList *g, *f;

	for (g = d ? purple_request_fields_get_groups(d->fields) : NULL; g != NULL; g = g->next)
		for (f = purple_request_field_group_get_fields(g->data); f != NULL; f = f->next) {
			const char *label = purple_request_field_get_label(f->data);

			if (label != NULL && g_str_has_prefix(label, label_start))
				return f->data;
		}
	return NULL;
}

gboolean
client_request_set(const char *label_start, const char *value)
{
	PurpleRequestField *f = find_field(label_start);
	GList *l;
	int i;

	if (f == NULL)
		return FALSE;
	switch (purple_request_field_get_type(f)) {
	case PURPLE_REQUEST_FIELD_STRING:
		purple_request_field_string_set_value(f, value);
		return TRUE;
	case PURPLE_REQUEST_FIELD_BOOLEAN:
		purple_request_field_bool_set_value(f, strcmp(value, "true") == 0);
		return TRUE;
	case PURPLE_REQUEST_FIELD_INTEGER:
		purple_request_field_int_set_value(f, atoi(value));
		return TRUE;
	case PURPLE_REQUEST_FIELD_CHOICE:
		for (l = purple_request_field_choice_get_labels(f), i = 0; l != NULL; l = l->next, i++)
			if (strcmp(l->data, value) == 0) {
				purple_request_field_choice_set_value(f, i);
				return TRUE;
			}
		return FALSE;
	case PURPLE_REQUEST_FIELD_LIST: {
		char **labels = g_strsplit(value, ", ", -1);
		GList *sel = NULL;

		for (i = 0; labels[i] != NULL; i++)
			if (*labels[i])
				sel = g_list_append(sel, labels[i]);
		purple_request_field_list_set_selected(f, sel);
		g_list_free(sel);
		g_strfreev(labels);
		return TRUE;
	}
	default:
		return FALSE;
	}
}

static void
press(gboolean ok)
{
	Dialog *d = open_dialogs != NULL ? open_dialogs->data : NULL;
	GCallback cb;

	if (d == NULL)
		return;
	cb = ok ? d->ok_cb : d->cancel_cb;
	d->answered = TRUE;
	/* As Pidgin and Finch do: the callback, then close (which frees the fields). */
	if (cb != NULL)
		((PurpleRequestFieldsCb)cb)(d->user_data, d->fields);
	purple_request_close(PURPLE_REQUEST_FIELDS, d);
}

void
client_request_ok(void)
{
	press(TRUE);
}

void
client_request_cancel(void)
{
	press(FALSE);
}

guint
client_notices_shown(void)
{
	return notices;
}

const char *
client_last_notice(void)
{
	return last_notice;
}
