/* iot-purple-alert-finch.c — the inbox and the rules through libpurple's
 * search-results and request APIs, for a UI without its own windows
 * (Finch, headless). Cells are plain text: device strings are cleaned and
 * bounded, never interpreted. */
#include "iot-purple-alert-private.h"

#include "iot-alert-args.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-time.h"

#include <connection.h>
#include <notify.h>
#include <request.h>

#include <glib/gi18n-lib.h>
#include <stdlib.h>

/* Rows a list shows at most. */
#define ROWS_MAX 500

static gpointer inbox_handle;
static gpointer rules_handle;
static PurpleAccount *rules_account; /* the rules list's filter (nullable) */
static char *rules_thing;

static PurpleConnection *
any_connection(void)
{
	GList *l;

	for (l = purple_connections_get_all(); l != NULL; l = l->next)
		if (g_strcmp0(purple_account_get_protocol_id(purple_connection_get_account(l->data)), "prpl-jabber") == 0)
			return l->data;
	return NULL;
}

/* The id in a row's first cell (what the buttons act on). */
static guint64
row_id(GList *row)
{
	return row != NULL && row->data != NULL ? g_ascii_strtoull(row->data, NULL, 10) : 0;
}

/* ---- the inbox ------------------------------------------------------------------------ */

static PurpleNotifySearchResults *inbox_rows(void);

static void
inbox_refresh(void)
{
	PurpleConnection *gc = any_connection();

	if (inbox_handle != NULL && gc != NULL)
		purple_notify_searchresults_new_rows(gc, inbox_rows(), inbox_handle);
}

static void
ack_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0)
		iot_purple_alert_acknowledge(&id, 1);
}

static void
snooze_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0)
		iot_purple_alert_snooze(&id, 1, iot_purple_alert_snooze_hour(g_get_real_time()));
}

static void
snooze_tomorrow_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0)
		iot_purple_alert_snooze(&id, 1, iot_purple_alert_snooze_tomorrow(g_get_real_time()));
}

static void
dismiss_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0)
		iot_purple_alert_dismiss(&id, 1);
}

static void
ack_source_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	IotAlert *a = iot_purple_alert_get(row_id(row));

	if (a != NULL)
		iot_purple_alert_acknowledge_source(iot_purple_alert_account(a->source.account), a->source.thing);
	iot_alert_free(a);
}

static void
ack_all_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	iot_purple_alert_acknowledge_all(NULL);
}

/* ---- answering an owner question ---------------------------------------------------- */

typedef struct {
	guint64 id;
	guint n_choices; /* the last item, n_choices, is "with limits" */
} AnswerAsk;

/* The answer dialogs open (their AnswerAsk; also their request handle's key). */
static GSList *asks;

static void
answer_done(const GError *error, gpointer data)
{
	if (error != NULL && !g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
		purple_notify_error(NULL, _("Owner question"), _("The answer was not accepted."), error->message);
}

static void
answer_ok(AnswerAsk *ask, PurpleRequestFields *fields)
{
	int i = purple_request_fields_get_choice(fields, "answer");

	if (i >= 0 && (guint)i == ask->n_choices)
		iot_purple_alert_question_open(ask->id);
	else if (i >= 0 && iot_purple_alert_question_answer(ask->id, (guint)i, answer_done, NULL, NULL) == 0)
		purple_notify_info(NULL, _("Owner question"), _("This question is no longer pending."),
		                   _("It was answered already, here or on another client."));
	asks = g_slist_remove(asks, ask);
	g_free(ask);
}

static void
answer_cancel(AnswerAsk *ask, PurpleRequestFields *fields)
{
	asks = g_slist_remove(asks, ask);
	g_free(ask);
}

static void
answer_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);
	GPtrArray *labels = iot_purple_alert_question_choices(id);
	IotAlert *a = iot_purple_alert_get(id);
	PurpleRequestFields *fields;
	PurpleRequestFieldGroup *g;
	PurpleRequestField *f;
	AnswerAsk *ask;
	char *text;
	guint i;

	if (labels == NULL || a == NULL) {
		purple_notify_info(NULL, _("Owner question"), _("This entry is no question waiting for an answer."),
		                   _("Only entries of severity Question are answered."));
		if (labels != NULL)
			g_ptr_array_unref(labels);
		iot_alert_free(a);
		return;
	}
	ask = g_new0(AnswerAsk, 1);
	ask->id = id;
	ask->n_choices = labels->len;
	fields = purple_request_fields_new();
	g = purple_request_field_group_new(NULL);
	purple_request_fields_add_group(fields, g);
	f = purple_request_field_choice_new("answer", _("Answer"), 0);
	for (i = 0; i < labels->len; i++)
		purple_request_field_choice_add(f, g_ptr_array_index(labels, i));
	purple_request_field_choice_add(f, _("Answer with limits…"));
	purple_request_field_group_add_field(g, f);
	text = iot_format_clean(a->text, 400);
	asks = g_slist_prepend(asks, ask);
	if (purple_request_fields(&asks, _("Owner question"), _("A thing of yours is asked for"), text, fields,
	                          _("_Answer"), G_CALLBACK(answer_ok), _("_Later"), G_CALLBACK(answer_cancel),
	                          iot_purple_alert_account(a->source.account), NULL, NULL, ask) == NULL) {
		asks = g_slist_remove(asks, ask); /* a UI without dialogs */
		g_free(ask);
	}
	g_free(text);
	g_ptr_array_unref(labels);
	iot_alert_free(a);
}

static PurpleNotifySearchResults *
inbox_rows(void)
{
	PurpleNotifySearchResults *res = purple_notify_searchresults_new();
	const char *cols[] = { N_("#"), N_("Time"), N_("Source"), N_("Severity"), N_("State"), N_("Count"),
	                       N_("Text") };
	IotAlertFilter f = { 0 };
	GPtrArray *l;
	gint64 now = g_get_real_time();
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cols); i++)
		purple_notify_searchresults_column_add(res, purple_notify_searchresults_column_new(_(cols[i])));
	/* TRANSLATORS: buttons under the Finch alert list. */
	purple_notify_searchresults_button_add_labeled(res, _("Answer…"), answer_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Acknowledge"), ack_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Snooze 1 h"), snooze_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Snooze until tomorrow"), snooze_tomorrow_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Dismiss"), dismiss_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Acknowledge all from this source"), ack_source_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Acknowledge all"), ack_all_cb);
	f.max = ROWS_MAX;
	l = iot_purple_alert_list(NULL, &f);
	for (i = 0; l != NULL && i < l->len; i++) {
		const IotAlert *a = g_ptr_array_index(l, i);
		char *text = iot_alert_summary_text(a);
		GList *row = NULL;

		row = g_list_append(row, g_strdup_printf("%" G_GUINT64_FORMAT, a->id));
		row = g_list_append(row, iot_time_format_local(a->last, now));
		row = g_list_append(row, a->source.node != NULL
		                             ? g_strdup_printf("%s/%s", a->source.thing, a->source.node)
		                             : g_strdup(a->source.thing));
		row = g_list_append(row, g_strdup(iot_alert_severity_text(a->severity)));
		row = g_list_append(row, g_strdup(iot_alert_state_text(a->state)));
		row = g_list_append(row, g_strdup_printf("%u", a->count));
		row = g_list_append(row, iot_format_clean(text, 300));
		purple_notify_searchresults_row_add(res, row);
		g_free(text);
	}
	if (l != NULL)
		g_ptr_array_unref(l);
	return res;
}

static void
inbox_closed(gpointer data)
{
	inbox_handle = NULL;
}

void
iot_purple_alert_finch_open_inbox(void)
{
	PurpleConnection *gc = any_connection();
	PurpleNotifySearchResults *res;
	char *title;

	if (gc == NULL) {
		purple_notify_info(NULL, _("Alerts"), _("Alerts"), _("The alerts are shown while an account is online."));
		return;
	}
	if (inbox_handle != NULL)
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, inbox_handle);
	res = inbox_rows();
	/* TRANSLATORS: the Finch alert list's title; %u: the unread count. */
	title = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Alerts (%u unread)", "Alerts (%u unread)", iot_purple_alert_unread(NULL)),
	                        iot_purple_alert_unread(NULL));
	inbox_handle = purple_notify_searchresults(gc, _("Alerts"), title, NULL, res, inbox_closed, NULL);
	if (inbox_handle == NULL)
		purple_notify_searchresults_free(res);
	g_free(title);
}

/* ---- rules ---------------------------------------------------------------------------- */

static PurpleNotifySearchResults *rules_rows(void);

static void
rule_delete_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0 && id <= G_MAXUINT)
		iot_purple_alert_rule_delete((guint)id);
}

static void
rule_mute_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0 && id <= G_MAXUINT)
		iot_purple_alert_rule_mute((guint)id);
}

static void
rule_add_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	iot_purple_alert_finch_rule_form(rules_account, rules_thing, 0);
}

static void
rule_edit_cb(PurpleConnection *gc, GList *row, gpointer data)
{
	guint64 id = row_id(row);

	if (id != 0 && id <= G_MAXUINT)
		iot_purple_alert_finch_rule_form(NULL, NULL, (guint)id);
}

static PurpleNotifySearchResults *
rules_rows(void)
{
	PurpleNotifySearchResults *res = purple_notify_searchresults_new();
	const char *cols[] = { N_("#"), N_("Thing"), N_("Rule"), N_("Now") };
	GPtrArray *l = iot_purple_alert_rules(rules_account, rules_thing);
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cols); i++)
		purple_notify_searchresults_column_add(res, purple_notify_searchresults_column_new(_(cols[i])));
	/* TRANSLATORS: buttons under the Finch rules list */
	purple_notify_searchresults_button_add_labeled(res, _("Add…"), rule_add_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Edit…"), rule_edit_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Delete"), rule_delete_cb);
	purple_notify_searchresults_button_add_labeled(res, _("Mute reminders"), rule_mute_cb);
	for (i = 0; l != NULL && i < l->len && i < ROWS_MAX; i++) {
		const IotAlertRule *r = g_ptr_array_index(l, i);
		gboolean active = FALSE;
		IotAlertSeverity sev = IOT_ALERT_INFO;
		GList *row = NULL;

		iot_purple_alert_rule_level(r->id, &active, &sev);
		row = g_list_append(row, g_strdup_printf("%u", r->id));
		row = g_list_append(row, g_strdup(r->thing));
		row = g_list_append(row, iot_alert_rule_describe(r));
		row = g_list_append(row, g_strdup(active ? iot_alert_severity_text(sev) : _("Normal")));
		purple_notify_searchresults_row_add(res, row);
	}
	if (l != NULL)
		g_ptr_array_unref(l);
	return res;
}

static void
rules_closed(gpointer data)
{
	rules_handle = NULL;
}

void
iot_purple_alert_finch_open_rules(PurpleAccount *account, const char *thing)
{
	PurpleConnection *gc = any_connection();
	PurpleNotifySearchResults *res;

	if (gc == NULL) {
		purple_notify_info(NULL, _("Alert rules"), _("Alert rules"),
		                   _("The rules are shown while an account is online."));
		return;
	}
	if (rules_handle != NULL)
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, rules_handle);
	rules_account = account;
	g_free(rules_thing);
	rules_thing = thing != NULL ? iot_jid_bare(thing) : NULL;
	res = rules_rows();
	rules_handle = purple_notify_searchresults(gc, _("Alert rules"), _("Alert rules"), NULL, res, rules_closed, NULL);
	if (rules_handle == NULL)
		purple_notify_searchresults_free(res);
}

void
iot_purple_alert_finch_changed(guint what)
{
	PurpleConnection *gc = any_connection();

	if ((what & IOT_PURPLE_ALERT_CHANGED_INBOX) != 0)
		inbox_refresh();
	if ((what & IOT_PURPLE_ALERT_CHANGED_RULES) != 0 && rules_handle != NULL && gc != NULL)
		purple_notify_searchresults_new_rows(gc, rules_rows(), rules_handle);
}

void
iot_purple_alert_finch_shutdown(void)
{
	/* Closed without their callbacks: what they hold goes here. */
	purple_request_close_with_handle(&asks);
	g_slist_free_full(asks, g_free);
	asks = NULL;
	if (inbox_handle != NULL)
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, inbox_handle);
	inbox_handle = NULL;
	iot_purple_alert_finch_rule_shutdown();
	if (rules_handle != NULL) {
		purple_request_close_with_handle(rules_handle);
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, rules_handle);
	}
	rules_handle = NULL;
	rules_account = NULL;
	g_clear_pointer(&rules_thing, g_free);
}
