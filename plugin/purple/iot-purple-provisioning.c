/* iot-purple-provisioning.c — the owner's side of provisioning on an
 * account's stream: questions from the service (merged, pending, asked),
 * answers sent once, the rules given, clearCache and deleteRules, token
 * challenges. See iot-purple-registry.h. */
#include "iot-purple-registry-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-provisioning-token.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-store-registry.h"
#include "iot-xml.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <request.h>

#include <string.h>

/* Per account while online. */
typedef struct {
	IotQuestionBook *book;
	GPtrArray *pending;   /* (element-type Pending) owned, oldest first */
	IotTokenGuard *guard;
} Prov;

typedef struct {
	char *merge_key;
	gint64 arrived;
	guint count;
	gpointer dialog;      /* the request dialog asking it (nullable) */
	PurpleAccount *account;
} Pending;

typedef struct {
	guint id;
	IotPurpleQuestionsFunc cb;
	gpointer user_data;
} Watcher;

/* Questions kept longer than this are dropped unasked. */
#define PENDING_MAX_AGE_US (G_GINT64_CONSTANT(7) * 24 * 3600 * G_USEC_PER_SEC)

static void load_pending(PurpleAccount *account, Prov *v);
static void unstore(PurpleAccount *account, const char *service, const char *key);

static GHashTable *provs;    /* account → Prov */
static GPtrArray *watchers;  /* (element-type Watcher) */
static guint next_watcher;

static void
pending_free(gpointer p)
{
	Pending *e = p;

	if (e->dialog != NULL) {
		gpointer d = e->dialog;
		e->dialog = NULL;
		purple_request_close(PURPLE_REQUEST_FIELDS, d);
	}
	g_free(e->merge_key);
	g_free(e);
}

static void
prov_free(gpointer p)
{
	Prov *v = p;

	g_ptr_array_unref(v->pending);
	iot_question_book_free(v->book);
	iot_token_guard_free(v->guard);
	g_free(v);
}

static Prov *
prov_of(PurpleAccount *account, gboolean create)
{
	Prov *v;

	if (provs == NULL)
		provs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, prov_free);
	v = g_hash_table_lookup(provs, account);
	if (v == NULL && create && iot_purple_session_get(account) != NULL) {
		v = g_new0(Prov, 1);
		v->book = iot_question_book_new();
		v->pending = g_ptr_array_new_with_free_func(pending_free);
		v->guard = iot_token_guard_new();
		g_hash_table_insert(provs, account, v);
		load_pending(account, v);
	}
	return v;
}

static void
notify(PurpleAccount *account, const char *merge_key, IotPurpleQuestionChange change)
{
	guint i;

	for (i = 0; watchers != NULL && i < watchers->len; i++) {
		Watcher *w = g_ptr_array_index(watchers, i);
		w->cb(account, merge_key, change, w->user_data);
	}
}

static Pending *
pending_find(Prov *v, const char *merge_key, guint *index)
{
	guint i;

	for (i = 0; v != NULL && merge_key != NULL && i < v->pending->len; i++) {
		Pending *e = g_ptr_array_index(v->pending, i);
		if (strcmp(e->merge_key, merge_key) == 0) {
			if (index)
				*index = i;
			return e;
		}
	}
	return NULL;
}

/* Removes the entry of @merge_key (its dialog closed) and tells watchers. */
static void
pending_drop(PurpleAccount *account, Prov *v, const char *merge_key, IotPurpleQuestionChange change)
{
	guint i;
	char *key;

	if (pending_find(v, merge_key, &i) == NULL)
		return;
	key = g_strdup(merge_key);
	g_ptr_array_remove_index(v->pending, i);
	notify(account, key, change);
	g_free(key);
}

/* ---- watchers --------------------------------------------------------------------------------- */

guint
iot_purple_provisioning_watch(IotPurpleQuestionsFunc cb, gpointer user_data)
{
	Watcher *w;

	g_return_val_if_fail(cb != NULL, 0);
	if (watchers == NULL)
		watchers = g_ptr_array_new_with_free_func(g_free);
	w = g_new0(Watcher, 1);
	w->id = ++next_watcher;
	w->cb = cb;
	w->user_data = user_data;
	g_ptr_array_add(watchers, w);
	return w->id;
}

void
iot_purple_provisioning_unwatch(guint id)
{
	guint i;

	for (i = 0; watchers != NULL && i < watchers->len; i++)
		if (((Watcher *)g_ptr_array_index(watchers, i))->id == id) {
			g_ptr_array_remove_index(watchers, i);
			return;
		}
}

GPtrArray *
iot_purple_provisioning_pending(PurpleAccount *account)
{
	Prov *v = prov_of(account, TRUE);
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	guint i;

	for (i = 0; v != NULL && i < v->pending->len; i++) {
		Pending *e = g_ptr_array_index(v->pending, i);
		const IotQuestion *q = iot_question_book_peek(v->book, e->merge_key);
		IotPurpleQuestion *pq;

		if (q == NULL)
			continue;
		pq = g_new0(IotPurpleQuestion, 1);
		pq->merge_key = e->merge_key;
		pq->question = q;
		pq->count = e->count;
		pq->arrived = e->arrived;
		g_ptr_array_add(out, pq);
	}
	return out;
}

/* ---- answer buttons ---------------------------------------------------------------------------- */

static void
add_choice(GPtrArray *out, const char *label, gboolean yes, IotRuleRange range, const char *token)
{
	IotPurpleQuestionChoice *c = g_new0(IotPurpleQuestionChoice, 1);

	c->label = label;
	c->answer.yes = yes;
	c->answer.range = range;
	c->answer.token = token;
	g_ptr_array_add(out, c);
}

GPtrArray *
iot_purple_provisioning_choices(const IotQuestion *q)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	guint i;

	g_return_val_if_fail(q != NULL, out);
	add_choice(out, _("Yes, for this JID"), TRUE, IOT_RULE_CALLER, NULL);
	add_choice(out, _("Yes, for its whole domain"), TRUE, IOT_RULE_DOMAIN, NULL);
	add_choice(out, _("Yes, for everyone"), TRUE, IOT_RULE_ALL, NULL);
	if (q->kind != IOT_QUESTION_IS_FRIEND) {
		for (i = 0; i < q->service_tokens->len && i < 4; i++)
			add_choice(out, _("Yes, for its service token"), TRUE, IOT_RULE_SERVICE_TOKEN,
			           g_ptr_array_index(q->service_tokens, i));
		for (i = 0; i < q->device_tokens->len && i < 4; i++)
			add_choice(out, _("Yes, for its device token"), TRUE, IOT_RULE_DEVICE_TOKEN,
			           g_ptr_array_index(q->device_tokens, i));
		for (i = 0; i < q->user_tokens->len && i < 4; i++)
			add_choice(out, _("Yes, for its user token"), TRUE, IOT_RULE_USER_TOKEN,
			           g_ptr_array_index(q->user_tokens, i));
	}
	add_choice(out, _("No, for this JID"), FALSE, IOT_RULE_CALLER, NULL);
	add_choice(out, _("No, for its whole domain"), FALSE, IOT_RULE_DOMAIN, NULL);
	add_choice(out, _("No, for everyone"), FALSE, IOT_RULE_ALL, NULL);
	return out;
}

/* ---- asking with a request dialog (no watcher: Finch, headless) ---------------------------- */

typedef struct {
	PurpleAccount *account;
	char *merge_key;
	gboolean read, control, tokens;
} Ask;

static void
ask_free(Ask *a)
{
	g_free(a->merge_key);
	g_free(a);
}

static void
asked_done(PurpleAccount *account, const GError *error, gpointer data)
{
	if (error != NULL && !g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED))
		purple_notify_error(NULL, _("Owner question"), _("The answer was not accepted."), error->message);
}

/* Splits a comma separated list into a NULL-terminated vector (nullable). */
static char **
split_names(const char *text)
{
	char **v, **out;
	guint i, n = 0;

	if (text == NULL || *text == '\0')
		return NULL;
	v = g_strsplit(text, ",", IOT_PROVISIONING_MAX_ITEMS);
	out = g_new0(char *, g_strv_length(v) + 1);
	for (i = 0; v[i] != NULL; i++) {
		char *s = g_strstrip(v[i]);
		if (*s != '\0' && g_utf8_validate(s, -1, NULL))
			out[n++] = g_strdup(s);
	}
	g_strfreev(v);
	if (n == 0) {
		g_free(out);
		return NULL;
	}
	return out;
}

static void
ask_ok(Ask *a, PurpleRequestFields *fields)
{
	Prov *v = prov_of(a->account, FALSE);
	Pending *e = pending_find(v, a->merge_key, NULL);
	IotAnswer ans = { 0 };
	char **names = NULL;
	const char *token = NULL;
	int range;
	const IotQuestion *q;

	if (e != NULL)
		e->dialog = NULL; /* it closes itself */
	if (v == NULL || e == NULL || (q = iot_question_book_peek(v->book, a->merge_key)) == NULL) {
		ask_free(a);
		return;
	}
	ans.yes = purple_request_fields_get_choice(fields, "answer") == 0;
	range = purple_request_fields_get_choice(fields, "range");
	ans.range = range == 1 ? IOT_RULE_DOMAIN : range == 2 ? IOT_RULE_ALL : IOT_RULE_CALLER;
	if (range == 3) {
		/* The token the question carried, first service, then device, then user. */
		if (q->service_tokens->len > 0) {
			ans.range = IOT_RULE_SERVICE_TOKEN;
			token = g_ptr_array_index(q->service_tokens, 0);
		} else if (q->device_tokens->len > 0) {
			ans.range = IOT_RULE_DEVICE_TOKEN;
			token = g_ptr_array_index(q->device_tokens, 0);
		} else if (q->user_tokens->len > 0) {
			ans.range = IOT_RULE_USER_TOKEN;
			token = g_ptr_array_index(q->user_tokens, 0);
		}
	}
	ans.token = token;
	if (a->read || a->control)
		names = split_names(purple_request_fields_get_string(fields, "names"));
	if (a->read)
		ans.fields = (const char *const *)names;
	if (a->control)
		ans.parameters = (const char *const *)names;
	iot_purple_provisioning_answer(a->account, a->merge_key, &ans, asked_done, NULL, NULL);
	g_strfreev(names);
	ask_free(a);
}

static void
ask_later(Ask *a, PurpleRequestFields *fields)
{
	Pending *e = pending_find(prov_of(a->account, FALSE), a->merge_key, NULL);

	if (e != NULL)
		e->dialog = NULL;
	ask_free(a);
}

/* Returns: (transfer full): @s bounded to @max characters, control
 * characters as '?'. */
char *
iot_purple_registry_printable(const char *s, glong max)
{
	GString *out = g_string_new(NULL);
	const char *p;
	glong n = 0;

	for (p = s ? s : ""; *p != '\0' && n < max; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e))
			g_string_append_c(out, '?');
		else
			g_string_append_unichar(out, c);
	}
	if (*p != '\0')
		g_string_append(out, "…");
	return g_string_free(out, FALSE);
}

static void
ask_with_dialog(PurpleAccount *account, Pending *e, const IotQuestion *q)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f;
	Ask *a = g_new0(Ask, 1);
	char *text = iot_provisioning_question_describe(q), *shown = iot_purple_registry_printable(text, 400);

	a->account = account;
	a->merge_key = g_strdup(e->merge_key);
	a->read = q->kind == IOT_QUESTION_CAN_READ;
	a->control = q->kind == IOT_QUESTION_CAN_CONTROL;
	a->tokens = q->service_tokens->len + q->device_tokens->len + q->user_tokens->len > 0;
	purple_request_fields_add_group(fields, g);
	f = purple_request_field_choice_new("answer", _("Answer"), 1);
	purple_request_field_choice_add(f, _("Yes"));
	purple_request_field_choice_add(f, _("No"));
	purple_request_field_group_add_field(g, f);
	f = purple_request_field_choice_new("range", _("For"), 0);
	purple_request_field_choice_add(f, _("this JID"));
	purple_request_field_choice_add(f, _("its whole domain"));
	purple_request_field_choice_add(f, _("everyone"));
	if (a->tokens && q->kind != IOT_QUESTION_IS_FRIEND)
		purple_request_field_choice_add(f, _("whoever presents its token"));
	purple_request_field_group_add_field(g, f);
	if (a->read || a->control) {
		f = purple_request_field_string_new("names", a->read ? _("Only these fields (comma separated)")
		                                                     : _("Only these parameters (comma separated)"),
		                                    NULL, FALSE);
		purple_request_field_group_add_field(g, f);
	}
	/* Plain text in a request dialog: GTK shows the secondary text as
	 * markup-free label text; the question is bounded and made printable. */
	e->dialog = purple_request_fields(NULL, _("Owner question"), _("A thing of yours is asked for"), shown, fields,
	                                  _("_Answer"), G_CALLBACK(ask_ok), _("_Later"), G_CALLBACK(ask_later),
	                                  account, NULL, NULL, a);
	if (e->dialog == NULL)
		ask_free(a); /* a UI without dialogs: it stays pending */
	g_free(text);
	g_free(shown);
}

void
iot_purple_provisioning_ask(PurpleAccount *account, const char *merge_key)
{
	Prov *v = prov_of(account, FALSE);
	Pending *e = pending_find(v, merge_key, NULL);
	const IotQuestion *q = e != NULL ? iot_question_book_peek(v->book, e->merge_key) : NULL;

	if (q == NULL)
		return;
	if (e->dialog == NULL)
		ask_with_dialog(account, e, q);
}

char *
iot_purple_provisioning_question_text(const IotPurpleQuestion *pq)
{
	char *d, *shown, *out;

	g_return_val_if_fail(pq != NULL && pq->question != NULL, g_strdup(""));
	d = iot_provisioning_question_describe(pq->question);
	shown = iot_purple_registry_printable(d, 400);
	g_free(d);
	if (pq->count <= 1)
		return shown;
	/* TRANSLATORS: an owner question merged from identical ones; %s: the
	 * question ("May bob@… read …?"), %u: how often it was asked. */
	out = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%s (asked %u time)", "%s (asked %u times)", pq->count),
	                      shown, pq->count);
	g_free(shown);
	return out;
}

/* ---- incoming ------------------------------------------------------------------------------- */

gboolean
iot_purple_provisioning_wants_message(const xmlNode *message)
{
	const xmlNode *c;

	for (c = iot_xml_first(message); c != NULL; c = iot_xml_next(c)) {
		const char *key;
		if (iot_provisioning_is_question(c) || iot_provisioning_answered_read(c, &key))
			return TRUE;
	}
	return FALSE;
}

static void
forget_answered(PurpleAccount *account, Prov *v, const char *from, const char *key)
{
	guint i;

	iot_question_book_forget(v->book, from, key);
	unstore(account, from, key);
	for (i = v->pending->len; i > 0; i--) {
		Pending *e = g_ptr_array_index(v->pending, i - 1);
		if (iot_question_book_peek(v->book, e->merge_key) == NULL)
			pending_drop(account, v, e->merge_key, IOT_PURPLE_QUESTION_ANSWERED);
	}
}

static char *
account_jid(PurpleAccount *account)
{
	return account ? iot_jid_bare(purple_account_get_username(account)) : NULL;
}

/* Files @q (transfer full) into the book; a new group is told to the
 * watchers or asked. @xml (nullable): the question as sent, kept in the
 * store until answered (NULL: it came from there). */
static void
file_question(PurpleAccount *account, Prov *v, IotQuestion *q, gint64 arrived, const char *xml)
{
	IotStore *st = iot_purple_store_get();
	char *me = account_jid(account);
	GError *err = NULL;
	const char *mk;
	gboolean is_new = FALSE;
	guint before;
	Pending *e;

	if (xml != NULL && st != NULL && me != NULL &&
	    !iot_store_registry_question_add(st, me, q->service, q->key, xml, arrived, &err)) {
		iot_purple_store_failed(err);
		g_clear_error(&err);
	}
	g_free(me);
	before = iot_question_book_count(v->book);
	mk = iot_question_book_add(v->book, q, &is_new);
	if (mk == NULL)
		return;
	if (!is_new) {
		/* The same key again (the service asked once more) is no new question. */
		if (iot_question_book_count(v->book) > before && (e = pending_find(v, mk, NULL)) != NULL) {
			e->count++;
			notify(account, e->merge_key, IOT_PURPLE_QUESTION_GREW);
		}
		return;
	}
	e = g_new0(Pending, 1);
	e->merge_key = g_strdup(mk);
	e->arrived = arrived;
	e->count = 1;
	e->account = account;
	g_ptr_array_add(v->pending, e);
	if (watchers != NULL && watchers->len > 0)
		notify(account, e->merge_key, IOT_PURPLE_QUESTION_ADDED);
	else
		ask_with_dialog(account, e, iot_question_book_peek(v->book, e->merge_key));
}

/* Forgets question @key of @service in the store (answered). */
static void
unstore(PurpleAccount *account, const char *service, const char *key)
{
	IotStore *st = iot_purple_store_get();
	char *me = account_jid(account);
	GError *err = NULL;

	if (st != NULL && me != NULL && service != NULL && key != NULL &&
	    !iot_store_registry_question_remove(st, me, service, key, &err)) {
		iot_purple_store_failed(err);
		g_clear_error(&err);
	}
	g_free(me);
}

/* The questions still pending from before (a restart, a reconnect). */
static void
load_pending(PurpleAccount *account, Prov *v)
{
	IotStore *st = iot_purple_store_get();
	char *me = account_jid(account);
	GPtrArray *l = NULL;
	GError *err = NULL;
	guint i;

	if (st != NULL && me != NULL && (l = iot_store_registry_questions(st, me, &err)) == NULL) {
		iot_purple_store_failed(err);
		g_clear_error(&err);
	}
	g_free(me);
	for (i = 0; l != NULL && i < l->len; i++) {
		IotQuestion *q;
		const IotStoredQuestion *sq = g_ptr_array_index(l, i);
		xmlDoc *doc;

		/* A week unanswered: the service has long stopped waiting. */
		if (sq->arrived < g_get_real_time() - PENDING_MAX_AGE_US) {
			unstore(account, sq->service, sq->key);
			continue;
		}
		doc = iot_xml_parse(sq->xml, -1, NULL);
		q = doc ? iot_provisioning_question_parse(xmlDocGetRootElement(doc), sq->service, NULL) : NULL;
		if (q != NULL && strchr(sq->service, '@') == NULL)
			file_question(account, v, q, sq->arrived, NULL);
		else
			iot_question_free(q);
		if (doc)
			xmlFreeDoc(doc);
	}
	if (l)
		g_ptr_array_unref(l);
}

void
iot_purple_provisioning_handle_message(PurpleAccount *account, const char *from, const xmlNode *message)
{
	Prov *v = prov_of(account, TRUE);
	const xmlNode *c;

	if (v == NULL || from == NULL)
		return;
	/* Provisioning services are server components (no local part): a
	 * person or a thing cannot pose as one and have the owner answer it. */
	if (strchr(from, '@') != NULL) {
		purple_debug_warning("xmpp-iot", "an owner question or notice from %s, not a service, was ignored\n", from);
		return;
	}
	for (c = iot_xml_first(message); c != NULL; c = iot_xml_next(c)) {
		const char *key = NULL;
		IotQuestion *q;
		GError *err = NULL;
		char *xml;

		if (iot_provisioning_answered_read(c, &key)) {
			forget_answered(account, v, from, key);
			continue;
		}
		if (!iot_provisioning_is_question(c))
			continue;
		q = iot_provisioning_question_parse(c, from, &err);
		if (q == NULL) {
			purple_debug_warning("xmpp-iot", "an owner question from %s was not read: %s\n", from,
			                     err ? err->message : "?");
			g_clear_error(&err);
			continue;
		}
		xml = iot_xml_to_string(c);
		file_question(account, v, q, g_get_real_time(), xml);
		g_free(xml);
	}
}

/* ---- answering ------------------------------------------------------------------------------ */

static void
answer_cb(const GError *error, gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));

	if (op == NULL)
		return;
	if (error != NULL && op->early == NULL)
		op->early = g_error_copy(error);
	if (op->waiting > 0 && --op->waiting > 0)
		return;
	if (op->early == NULL && op->answered != NULL && op->answered->len > 0) {
		/* The service agreed: record the rule as given. */
		IotStore *st = iot_purple_store_get();
		IotProvisioningRule *r = iot_provisioning_rule_new(g_ptr_array_index(op->answered, 0), &op->answer,
		                                                   g_get_real_time());
		char *me = iot_jid_bare(purple_account_get_username(op->account));
		GError *e = NULL;

		if (st != NULL && me != NULL && !iot_store_registry_rule_add(st, me, r, &e)) {
			iot_purple_store_failed(e);
			g_clear_error(&e);
		}
		g_free(me);
		iot_provisioning_rule_free(r);
	}
	{
		GError *e = op->early;
		op->early = NULL;
		iot_purple_registry_op_finish(op, NULL, e);
		g_clear_error(&e);
	}
}

static gboolean
answer_idle(gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));

	if (op != NULL) {
		op->idle = 0;
		answer_cb(NULL, data);
	}
	return G_SOURCE_REMOVE;
}

guint
iot_purple_provisioning_answer(PurpleAccount *account, const char *merge_key, const IotAnswer *a,
                               IotPurpleRegistryDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_DONE, account, G_CALLBACK(cb), user_data, destroy);
	Prov *v = prov_of(account, FALSE);
	IotPurpleSession *s = iot_purple_session_get(account);
	const IotQuestion *q;
	xmlNode *probe;
	GError *err = NULL;
	guint i, h = op->handle;

	if (s == NULL || v == NULL)
		return iot_purple_registry_op_early(op, IOT_ERROR_DISCONNECTED, _("The account is not online."));
	if (a == NULL || merge_key == NULL || (q = iot_question_book_peek(v->book, merge_key)) == NULL)
		return iot_purple_registry_op_early(op, IOT_ERROR_NOT_FOUND,
		                                    _("This question is no longer pending: it was answered already."));
	probe = iot_provisioning_build_answer(q, a, &err);
	if (probe == NULL) {
		iot_purple_registry_op_early(op, IOT_ERROR_BAD_REQUEST, err ? err->message : _("This answer does not fit the question."));
		g_clear_error(&err);
		return h;
	}
	xmlFreeNode(probe);
	/* Taken now: answered once, whatever comes. */
	op->answered = iot_question_book_take(v->book, merge_key);
	for (i = 0; op->answered != NULL && i < op->answered->len; i++) {
		const IotQuestion *aq = g_ptr_array_index(op->answered, i);
		unstore(account, aq->service, aq->key);
	}
	op->merge_key = g_strdup(merge_key);
	op->answer = *a;
	op->answer_token = g_strdup(a->token);
	op->answer.token = op->answer_token;
	op->answer_names = g_strdupv((char **)(a->fields ? a->fields : a->parameters));
	op->answer.fields = a->fields ? (const char *const *)op->answer_names : NULL;
	op->answer.parameters = a->parameters ? (const char *const *)op->answer_names : NULL;
	pending_drop(account, v, merge_key, IOT_PURPLE_QUESTION_ANSWERED);
	op->waiting = 1;
	for (i = 0; op->answered != NULL && i < op->answered->len; i++) {
		op->waiting++;
		if (iot_provisioning_answer(s->table, g_ptr_array_index(op->answered, i), &op->answer,
		                            iot_purple_registry_timeout_ms(), answer_cb, GUINT_TO_POINTER(h), NULL) == 0)
			op->waiting--;
	}
	/* The last hold is let go from the main loop: the callback never runs
	 * before this returns. */
	if (op->waiting == 1)
		op->idle = g_idle_add(answer_idle, GUINT_TO_POINTER(h));
	else
		op->waiting--;
	return h;
}

/* ---- token challenges -------------------------------------------------------------------------- */

gboolean
iot_purple_provisioning_handle_challenge(PurpleAccount *account, const char *from, const char *id,
                                         const xmlNode *iq)
{
	const xmlNode *c = iot_xml_first(iq);
	const char *token = NULL;
	Prov *v = prov_of(account, TRUE);
	IotPurpleSession *s = iot_purple_session_get(account);
	xmlNode *answer, *err, *cond;

	/* One in a token namespace is ours to refuse, also when its token is
	 * missing or too long to read: never the prpl's default reply. */
	if (c == NULL || !iot_token_challenge_is(c) || s == NULL || from == NULL)
		return FALSE;
	if (!iot_token_challenge_read(c, &token))
		token = NULL;
	/* This client sends no tokens of its own (getting one takes an X.509
	 * certificate and its private key, which it does not have), so the
	 * guard never holds one: every challenge is refused, as XEP-0324
	 * §3.1.4 says. */
	if (v != NULL && token != NULL && iot_token_guard_may_answer(v->guard, from, token, g_get_monotonic_time() / 1000))
		purple_debug_warning("xmpp-iot", "a token challenge we may answer, but cannot sign: refused\n");
	answer = iot_xml_new("iq", NULL);
	xmlNewProp(answer, BAD_CAST "type", BAD_CAST "error");
	xmlNewProp(answer, BAD_CAST "to", BAD_CAST from);
	if (id != NULL)
		xmlNewProp(answer, BAD_CAST "id", BAD_CAST id);
	err = iot_xml_add(answer, "error");
	xmlNewProp(err, BAD_CAST "type", BAD_CAST "auth");
	cond = iot_xml_new("forbidden", "urn:ietf:params:xml:ns:xmpp-stanzas");
	xmlAddChild(err, cond);
	iot_purple_session_send(s, answer);
	xmlFreeNode(answer);
	return TRUE;
}

/* ---- life cycle -------------------------------------------------------------------------------- */

void
iot_purple_provisioning_session_changed(PurpleAccount *account, gboolean online)
{
	Prov *v = prov_of(account, FALSE);
	guint i;

	if (online) {
		prov_of(account, TRUE); /* the questions still pending are asked again */
		return;
	}
	if (v == NULL)
		return;
	/* The session's questions leave (they stay in the store until
	 * answered, and come back at the next sign-on). */
	for (i = v->pending->len; i > 0; i--)
		pending_drop(account, v, ((Pending *)g_ptr_array_index(v->pending, i - 1))->merge_key,
		             IOT_PURPLE_QUESTION_OFFLINE);
	g_hash_table_remove(provs, account);
}

void
iot_purple_provisioning_shutdown(void)
{
	if (provs != NULL) {
		g_hash_table_destroy(provs);
		provs = NULL;
	}
	if (watchers != NULL) {
		g_ptr_array_unref(watchers);
		watchers = NULL;
	}
}
