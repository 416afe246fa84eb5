/* iot-purple-pubsub-finch-subs.c — the Finch side of publish-subscribe
 * beyond browsing: forms (subscription options, a node's configuration, a
 * new node with its configuration) through the plugin's data-form request
 * fields, "My subscriptions" with Unsubscribe, and the live view of a node
 * (a search-results table fed by a watch, ended when it is closed). */
#include "iot-purple-pubsub-private.h"

#include "iot-format.h"
#include "iot-purple-request-form.h"
#include "iot-purple-ui.h"
#include "iot-time.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <notify.h>
#include <request.h>

#include <string.h>

#define LINE_CHARS 120
#define ITEM_CHARS 300
#define LIVE_ROWS 200   /* rows the live view keeps, the oldest dropped */
#define MAX_SUBS 500    /* subscriptions listed */

static char *
clean(const char *s)
{
	return iot_format_clean(s != NULL ? s : "", LINE_CHARS);
}

static void
notice(gboolean ok, const char *title, const char *primary, const char *secondary)
{
	if (ok)
		purple_notify_info(iot_purple_pubsub_plugin(), title, primary, secondary);
	else
		purple_notify_error(iot_purple_pubsub_plugin(), title, primary, secondary);
}

/* Forms come (transfer none) in callbacks: keep a copy. */
static IotDataForm *
form_copy(const IotDataForm *form)
{
	xmlNode *x;
	IotDataForm *copy;

	if (form == NULL)
		return NULL;
	x = iot_dataform_build(form, IOT_GEN_UNKNOWN);
	copy = x != NULL ? iot_dataform_parse(x, NULL) : NULL;
	if (x != NULL)
		xmlFreeNode(x);
	return copy;
}

/* ---- forms ------------------------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	IotPurpleFinchForm kind;
	char *service; /* nullable: our own PEP service */
	char *node;    /* nullable for a new node */
	IotDataForm *form; /* nullable: a new node without the service's default form */
	IotPurpleRequestForm *rf;
	char *note;
	gpointer ui_handle;
	gboolean closing;
	guint pending;
} Form;

static GList *forms;

static void form_show(Form *f);

static void
form_close_dialog(Form *f)
{
	gpointer h = f->ui_handle;

	if (h == NULL)
		return;
	f->ui_handle = NULL;
	f->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, h);
	f->closing = FALSE;
}

static void
form_free(Form *f)
{
	forms = g_list_remove(forms, f);
	f->closing = TRUE;
	if (f->pending != 0)
		iot_purple_pubsub_cancel(f->pending); /* its callback finds closing set */
	f->pending = 0;
	form_close_dialog(f);
	f->closing = TRUE;
	iot_purple_request_form_free(f->rf);
	iot_dataform_free(f->form);
	g_free(f->note);
	g_free(f->service);
	g_free(f->node);
	g_free(f);
}

static char *
form_title(const Form *f)
{
	char *node = clean(f->node);
	char *service = clean(f->service ? f->service : purple_account_get_username(f->account));
	char *t;

	switch (f->kind) {
	case IOT_PURPLE_FINCH_OPTIONS:
		/* TRANSLATORS: node, service. */
		t = g_strdup_printf(_("Subscription options of %s at %s"), node, service);
		break;
	case IOT_PURPLE_FINCH_CONFIGURE:
		/* TRANSLATORS: node, service. */
		t = g_strdup_printf(_("Configuration of %s at %s"), node, service);
		break;
	default:
		/* TRANSLATORS: service. */
		t = g_strdup_printf(_("New node at %s"), service);
		break;
	}
	g_free(node);
	g_free(service);
	return t;
}

static gboolean
form_ended(Form *f)
{
	f->pending = 0;
	return f->closing || g_list_find(forms, f) == NULL;
}

static void
form_failed(Form *f, const char *service, const GError *error)
{
	g_free(f->note);
	f->note = iot_purple_pubsub_error_sentence(service, error);
	form_show(f);
}

static void
form_got(PurpleAccount *account, const char *service, const char *node, const IotDataForm *form,
         const GError *error, gpointer data)
{
	Form *f = data;

	if (form_ended(f))
		return;
	if (error != NULL && f->kind != IOT_PURPLE_FINCH_CREATE) {
		char *title = form_title(f), *why = iot_purple_pubsub_error_sentence(service, error);

		notice(FALSE, title, title, why);
		g_free(why);
		g_free(title);
		form_free(f);
		return;
	}
	/* A service without a default form still creates nodes: ask the name alone. */
	f->form = form_copy(form);
	form_show(f);
}

static void
form_done(PurpleAccount *account, const char *service, const char *node, const GError *error, gpointer data)
{
	Form *f = data;
	char *title, *text;

	if (form_ended(f))
		return;
	if (error != NULL) {
		form_failed(f, service, error); /* the form again, with the reason */
		return;
	}
	title = form_title(f);
	text = clean(node);
	switch (f->kind) {
	case IOT_PURPLE_FINCH_OPTIONS:
		notice(TRUE, title, _("Subscription options saved."), NULL);
		break;
	case IOT_PURPLE_FINCH_CONFIGURE:
		notice(TRUE, title, _("Node configuration saved."), NULL);
		break;
	default: {
		/* TRANSLATORS: the node's name. */
		char *primary = g_strdup_printf(_("Node %s created."), text);

		notice(TRUE, title, primary, NULL);
		g_free(primary);
		break;
	}
	}
	g_free(text);
	g_free(title);
	form_free(f);
}

static void
form_ok(Form *f, PurpleRequestFields *fields)
{
	const char *name;

	f->ui_handle = NULL;
	if (f->closing)
		return;
	g_free(f->note);
	f->note = NULL;
	if (f->form != NULL && !iot_purple_request_form_take(f->rf, fields, NULL)) {
		f->note = g_strdup(_("Nothing was sent: correct the values marked ⚠."));
		form_show(f);
		return;
	}
	switch (f->kind) {
	case IOT_PURPLE_FINCH_OPTIONS:
		f->pending = iot_purple_pubsub_options_submit(f->account, f->service, f->node, NULL, f->form, form_done,
		                                              f, NULL);
		return;
	case IOT_PURPLE_FINCH_CONFIGURE:
		f->pending = iot_purple_pubsub_configure_submit(f->account, f->service, f->node, f->form, form_done, f,
		                                                NULL);
		return;
	default:
		name = purple_request_fields_get_string(fields, "node");
		g_free(f->node);
		f->node = name != NULL && *name != '\0' ? g_strstrip(g_strdup(name)) : NULL;
		if (f->node != NULL && *f->node == '\0') {
			g_free(f->node);
			f->node = NULL;
		}
		f->pending = iot_purple_pubsub_create(f->account, f->service, f->node, f->form, form_done, f, NULL);
		return;
	}
}

static void
form_cancel(Form *f, PurpleRequestFields *fields)
{
	f->ui_handle = NULL;
	if (f->closing)
		return;
	form_free(f);
}

static void
form_show(Form *f)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	GString *secondary = g_string_new(NULL);
	char *title = form_title(f), *ok, *cancel;

	form_close_dialog(f);
	if (f->kind == IOT_PURPLE_FINCH_CREATE) {
		PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);

		purple_request_field_group_add_field(
		    g, purple_request_field_string_new("node", _("Node name (empty: the service names it)"), f->node,
		                                       FALSE));
		purple_request_fields_add_group(fields, g);
	}
	if (f->note != NULL)
		g_string_append_printf(secondary, "%s\n", f->note);
	if (f->form != NULL) {
		f->rf->form = f->form;
		iot_purple_request_form_add(f->rf, fields);
		iot_purple_request_form_describe(f->rf, secondary);
	}
	ok = iot_purple_ui_label(f->kind == IOT_PURPLE_FINCH_CREATE ? _("C_reate") : _("_Save"));
	cancel = iot_purple_ui_label(_("_Cancel"));
	f->ui_handle = purple_request_fields(f, title, title, secondary->len ? secondary->str : NULL, fields, ok,
	                                     G_CALLBACK(form_ok), cancel, G_CALLBACK(form_cancel), f->account,
	                                     f->service, NULL, f);
	g_free(ok);
	g_free(cancel);
	g_free(title);
	g_string_free(secondary, TRUE);
	if (f->ui_handle == NULL && !f->closing)
		form_free(f); /* no UI shows dialogs */
}

void
iot_purple_pubsub_finch_form(PurpleAccount *account, const char *service, const char *node, IotPurpleFinchForm kind)
{
	Form *f = g_new0(Form, 1);

	f->account = account;
	f->kind = kind;
	f->service = g_strdup(service);
	f->node = g_strdup(node);
	f->rf = iot_purple_request_form_new();
	forms = g_list_prepend(forms, f);
	switch (kind) {
	case IOT_PURPLE_FINCH_OPTIONS:
		f->pending = iot_purple_pubsub_options_get(account, service, node, NULL, form_got, f, NULL);
		break;
	case IOT_PURPLE_FINCH_CONFIGURE:
		f->pending = iot_purple_pubsub_configure_get(account, service, node, form_got, f, NULL);
		break;
	default:
		f->pending = iot_purple_pubsub_default_config(account, service, form_got, f, NULL);
		break;
	}
}

/* ---- my subscriptions ---------------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	char *service;  /* nullable: every service */
	GPtrArray *subs; /* (element-type IotPubsubSubscription) */
	char *text;     /* the list and the services that did not answer */
	char *status;   /* the last Unsubscribe's outcome */
	gpointer ui_handle;
	gboolean closing;
	guint pending;
} Subs;

static GList *subs_lists;

static void subs_load(Subs *s);
static void subs_unsubscribed(PurpleAccount *account, const char *service, const char *node,
                              const IotPubsubSubscription *sub, const GError *error, gpointer data);

static void
subs_close_dialog(Subs *s)
{
	gpointer h = s->ui_handle;

	if (h == NULL)
		return;
	s->ui_handle = NULL;
	s->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, h);
	s->closing = FALSE;
}

static void
subs_free(Subs *s)
{
	subs_lists = g_list_remove(subs_lists, s);
	s->closing = TRUE;
	if (s->pending != 0)
		iot_purple_pubsub_cancel(s->pending);
	s->pending = 0;
	subs_close_dialog(s);
	s->closing = TRUE;
	g_ptr_array_unref(s->subs);
	g_free(s->service);
	g_free(s->text);
	g_free(s->status);
	g_free(s);
}

static gboolean
subs_ended(Subs *s)
{
	s->pending = 0;
	return s->closing || g_list_find(subs_lists, s) == NULL;
}

static char *
sub_line(const IotPubsubSubscription *sub)
{
	char *node = clean(sub->node), *service = clean(sub->service);
	/* TRANSLATORS: a subscription: node, service, its state in words. */
	char *line = g_strdup_printf(_("%s at %s: %s"), node, service, iot_pubsub_state_text(sub->state));

	g_free(node);
	g_free(service);
	return line;
}

static void
subs_ok(Subs *s, PurpleRequestFields *fields)
{
	int i = -1;
	const IotPubsubSubscription *sub;

	s->ui_handle = NULL;
	if (s->closing)
		return;
	if (purple_request_fields_exists(fields, "choice"))
		i = purple_request_fields_get_choice(fields, "choice");
	if (i < 0 || (guint)i >= s->subs->len) {
		subs_free(s);
		return;
	}
	sub = g_ptr_array_index(s->subs, i);
	s->pending = iot_purple_pubsub_unsubscribe(s->account, sub->service, sub->node, sub->subid,
	                                           subs_unsubscribed, s, NULL);
}

static void
subs_cancel(Subs *s, PurpleRequestFields *fields)
{
	s->ui_handle = NULL;
	if (s->closing)
		return;
	subs_free(s);
}

static void
subs_show(Subs *s)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	GString *secondary = g_string_new(NULL);
	char *unsub = iot_purple_ui_label(_("_Unsubscribe")), *close = iot_purple_ui_label(_("_Close"));
	const char *title = _("My subscriptions");
	guint i;

	subs_close_dialog(s);
	if (s->subs->len > 0) {
		PurpleRequestField *f = purple_request_field_choice_new("choice", _("Subscription"), 0);

		for (i = 0; i < s->subs->len; i++) {
			char *line = sub_line(g_ptr_array_index(s->subs, i));

			purple_request_field_choice_add(f, line);
			g_free(line);
		}
		purple_request_field_group_add_field(g, f);
	}
	purple_request_fields_add_group(fields, g);
	if (s->status != NULL)
		g_string_append_printf(secondary, "%s\n\n", s->status);
	g_string_append(secondary, s->text != NULL ? s->text : "");
	s->ui_handle = purple_request_fields(s, title, title, secondary->str, fields,
	                                     s->subs->len > 0 ? unsub : close, G_CALLBACK(subs_ok), close,
	                                     G_CALLBACK(subs_cancel), s->account, s->service, NULL, s);
	g_free(unsub);
	g_free(close);
	g_string_free(secondary, TRUE);
	if (s->ui_handle == NULL && !s->closing)
		subs_free(s);
}

static void
subs_got(PurpleAccount *account, const GPtrArray *subs, const GPtrArray *problems, const GError *error,
         gpointer data)
{
	Subs *s = data;
	GString *text = g_string_new(NULL);
	guint i;

	if (subs_ended(s)) {
		g_string_free(text, TRUE);
		return;
	}
	g_ptr_array_set_size(s->subs, 0);
	if (error != NULL) {
		char *why = iot_purple_pubsub_error_sentence(s->service, error);

		g_string_append_printf(text, "%s\n", why);
		g_free(why);
	}
	for (i = 0; subs != NULL && i < subs->len && i < MAX_SUBS; i++) {
		const IotPubsubSubscription *sub = g_ptr_array_index(subs, i);
		char *line = sub_line(sub);

		g_ptr_array_add(s->subs, iot_pubsub_subscription_copy(sub));
		g_string_append_printf(text, "%s\n", line);
		g_free(line);
	}
	if (error == NULL && s->subs->len == 0)
		g_string_append_printf(text, "%s\n", _("You have no subscriptions."));
	for (i = 0; problems != NULL && i < problems->len; i++)
		g_string_append_printf(text, "%s\n", (const char *)g_ptr_array_index(problems, i));
	g_free(s->text);
	s->text = g_string_free(text, FALSE);
	subs_show(s);
}

static void
subs_unsubscribed(PurpleAccount *account, const char *service, const char *node, const IotPubsubSubscription *sub,
                  const GError *error, gpointer data)
{
	Subs *s = data;
	char *n = clean(node), *sv = clean(service);

	if (subs_ended(s)) {
		g_free(n);
		g_free(sv);
		return;
	}
	g_free(s->status);
	if (error != NULL)
		s->status = iot_purple_pubsub_error_sentence(service, error);
	else
		/* TRANSLATORS: node, service. */
		s->status = g_strdup_printf(_("Unsubscribed from %s at %s."), n, sv);
	g_free(n);
	g_free(sv);
	subs_load(s);
}

static void
subs_load(Subs *s)
{
	s->pending = iot_purple_pubsub_my_subscriptions(s->account, s->service, subs_got, s, NULL);
}

void
iot_purple_pubsub_finch_my_subscriptions(PurpleAccount *account, const char *service)
{
	Subs *s = g_new0(Subs, 1);

	s->account = account;
	s->service = g_strdup(service);
	s->subs = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_subscription_free);
	subs_lists = g_list_prepend(subs_lists, s);
	subs_load(s);
}

/* ---- the live view ---------------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	char *service;
	char *node;
	guint watch;
	gpointer ui_handle;
	gboolean opening; /* purple_notify_searchresults() is running */
	GQueue rows; /* (element-type GStrv) time, item, content; the newest last */
} Live;

static GList *lives;

static void
live_row(Live *l, const char *time, const char *id, const char *content)
{
	char **row = g_new0(char *, 4);

	row[0] = g_strdup(time ? time : "");
	row[1] = iot_format_clean(id ? id : "", 80);
	row[2] = g_strdup(content ? content : "");
	g_queue_push_tail(&l->rows, row);
	while (l->rows.length > LIVE_ROWS)
		g_strfreev(g_queue_pop_head(&l->rows));
}

static void
live_item(Live *l, const IotPurplePubsubItem *it, gint64 now)
{
	char *sum = iot_payload_summary(it->payload, ITEM_CHARS);
	char *when = iot_time_format_local(it->item->time != IOT_TIME_UNKNOWN ? it->item->time : now, now);

	live_row(l, when, it->item->id, *sum ? sum : _("(no payload)"));
	g_free(when);
	g_free(sum);
}

static PurpleNotifySearchResults *
live_table(Live *l)
{
	PurpleNotifySearchResults *res = purple_notify_searchresults_new();
	const char *cols[] = { N_("Time"), N_("Item"), N_("Content") };
	GList *r;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cols); i++)
		purple_notify_searchresults_column_add(res, purple_notify_searchresults_column_new(_(cols[i])));
	for (r = l->rows.head; r != NULL; r = r->next) {
		char **row = r->data;
		GList *cells = NULL;

		for (i = 0; i < 3; i++)
			cells = g_list_append(cells, g_strdup(row[i]));
		purple_notify_searchresults_row_add(res, cells);
	}
	return res;
}

static void
live_free(Live *l)
{
	lives = g_list_remove(lives, l);
	if (l->watch != 0)
		iot_purple_pubsub_unwatch(l->watch);
	l->watch = 0;
	g_queue_clear_full(&l->rows, (GDestroyNotify)g_strfreev);
	g_free(l->service);
	g_free(l->node);
	g_free(l);
}

static void
live_closed(gpointer data)
{
	Live *l = data;

	l->ui_handle = NULL;
	if (l->opening)
		return; /* no UI shows tables: the opener frees it */
	live_free(l); /* the view ends when it is closed */
}

static void
live_update(guint handle, PurpleAccount *account, const char *service, const IotPurplePubsubUpdate *u,
            gpointer data)
{
	Live *l = data;
	PurpleConnection *gc = purple_account_get_connection(account);
	gint64 now = g_get_real_time();
	char *when = iot_time_format_local(now, now);
	guint i;

	if (u->purged)
		live_row(l, when, "", _("(every item was removed)"));
	if (u->deleted)
		live_row(l, when, "", _("(the node was deleted)"));
	for (i = 0; i < u->retracted->len; i++)
		live_row(l, when, g_ptr_array_index(u->retracted, i), _("(retracted)"));
	if (u->dropped > 0) {
		char *text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "(%u more item not shown)", "(%u more items not shown)", u->dropped),
		                             u->dropped);

		live_row(l, when, "", text);
		g_free(text);
	}
	for (i = 0; i < u->items->len; i++)
		live_item(l, g_ptr_array_index(u->items, i), now);
	g_free(when);
	if (gc != NULL && l->ui_handle != NULL)
		purple_notify_searchresults_new_rows(gc, live_table(l), l->ui_handle);
}

void
iot_purple_pubsub_finch_live(PurpleAccount *account, const char *service, const char *node)
{
	PurpleConnection *gc = purple_account_get_connection(account);
	Live *l;
	GPtrArray *recent;
	PurpleNotifySearchResults *res;
	char *title, *n, *sv;
	gint64 now = g_get_real_time();
	guint i;

	if (gc == NULL)
		return;
	l = g_new0(Live, 1);
	l->account = account;
	l->service = g_strdup(service);
	l->node = g_strdup(node);
	g_queue_init(&l->rows);
	recent = iot_purple_pubsub_recent_items(account, service, node, 20);
	for (i = 0; i < recent->len; i++)
		live_item(l, g_ptr_array_index(recent, i), now);
	g_ptr_array_unref(recent);
	lives = g_list_prepend(lives, l);
	n = clean(node);
	sv = clean(service ? service : purple_account_get_username(account));
	/* TRANSLATORS: title of the live view of a node: node, service. */
	title = g_strdup_printf(_("Published data: %s at %s"), n, sv);
	res = live_table(l);
	l->opening = TRUE;
	l->ui_handle = purple_notify_searchresults(gc, title, title, _("New items appear here as they are published."),
	                                           res, live_closed, l);
	l->opening = FALSE;
	if (l->ui_handle == NULL) {
		/* No UI shows tables: libpurple ran live_closed and kept nothing. */
		purple_notify_searchresults_free(res);
		live_free(l);
	} else {
		l->watch = iot_purple_pubsub_watch(account, service, node, live_update, l, NULL);
	}
	g_free(title);
	g_free(n);
	g_free(sv);
}

/* ---- life -------------------------------------------------------------------------------- */

void
iot_purple_pubsub_finch_subs_close_account(PurpleAccount *account)
{
	GList *l, *next;

	for (l = forms; l != NULL; l = next) {
		next = l->next;
		if (account == NULL || ((Form *)l->data)->account == account)
			form_free(l->data);
	}
	for (l = subs_lists; l != NULL; l = next) {
		next = l->next;
		if (account == NULL || ((Subs *)l->data)->account == account)
			subs_free(l->data);
	}
	for (l = lives; l != NULL; l = next) {
		Live *v = l->data;

		next = l->next;
		if (account != NULL && v->account != account)
			continue;
		if (v->ui_handle != NULL)
			purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, v->ui_handle); /* runs live_closed */
		else
			live_free(v);
	}
}
