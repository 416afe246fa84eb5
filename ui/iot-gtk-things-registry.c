/*
 * iot-gtk-things-registry.c — the owning-things windows tied to the
 * adapter: each request of a window is one adapter operation, its handle
 * kept until the callback and cancelled when the window no longer wants
 * it. Owner questions are entries of the alerts inbox; the question
 * window of a group opens from there ("Answer with limits…") and closes
 * when the group is answered, here or elsewhere. See
 * iot-gtk-things-registry.h.
 */
#include "iot-gtk-things-registry.h"

#include "iot-gtk-registry.h"
#include "iot-purple-registry.h"

#include <blist.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <string.h>

typedef enum { WIN_CLAIM, WIN_THINGS, WIN_SEARCH, WIN_QUESTION } WinKind;

typedef struct {
	WinKind kind;
	PurpleAccount *account;
	GtkWidget *window;
	gpointer win;      /* the IotGtkRegistry* of @kind */
	char *merge_key;   /* WIN_QUESTION: the group it answers */
	GHashTable *calls; /* IotGtkRegistryRequest → Call (owned by its operation) */
} Win;

/* One operation under way for one request. */
typedef struct {
	Win *w;            /* NULL once the window closed */
	IotGtkRegistryRequest *req;
	guint handle;
} Call;

static GList *wins;
static guint questions_watch;
static gboolean closing_all;

static Win *
find(PurpleAccount *account, WinKind kind, const char *merge_key)
{
	GList *l;

	for (l = wins; l != NULL; l = l->next) {
		Win *w = l->data;

		if (w->account == account && w->kind == kind && g_strcmp0(w->merge_key, merge_key) == 0)
			return w;
	}
	return NULL;
}

/* ---- answers ---- */

static gboolean
ended(Call *c, const GError *error)
{
	if (c->w != NULL)
		g_hash_table_remove(c->w->calls, c->req);
	if (error != NULL) {
		iot_gtk_registry_request_fail(c->req, error->message);
		return FALSE;
	}
	return TRUE;
}

static void
found_cb(PurpleAccount *account, const IotPurpleRegistryServices *services, const GError *error, gpointer data)
{
	Call *c = data;

	purple_debug_info("xmpp-iot", "registry window of %s: registry %s\n", purple_account_get_username(account),
	                  error == NULL && services->registry != NULL ? services->registry : "not found");
	if (ended(c, error))
		iot_gtk_registry_request_answer_text(c->req, services->registry);
}

static void
claim_cb(PurpleAccount *account, const IotRegistryThing *claimed, const GError *error, gpointer data)
{
	Call *c = data;

	purple_debug_info("xmpp-iot", "registry window of %s: %s\n", purple_account_get_username(account),
	                  error != NULL ? "claim refused" : "claimed");
	if (ended(c, error))
		iot_gtk_registry_request_answer_claimed(c->req, claimed);
}

static void
page_cb(PurpleAccount *account, const IotRegistryPage *page, const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_registry_request_answer_page(c->req, page);
}

static void
done_cb(PurpleAccount *account, const GError *error, gpointer data)
{
	Call *c = data;

	if (ended(c, error))
		iot_gtk_registry_request_answer_done(c->req);
}

/* A synchronous answer: the call is not kept. */
static void
answer_now(Call *c, const GError *error)
{
	if (error != NULL)
		iot_gtk_registry_request_fail(c->req, error->message);
	else
		iot_gtk_registry_request_answer_done(c->req);
	g_free(c);
}

static void
op_request(IotGtkRegistryRequest *req, gpointer data)
{
	Win *w = data;
	Call *c = g_new0(Call, 1);
	PurpleAccount *a = w->account;
	const char *registry = iot_gtk_registry_request_get_registry(req);
	const char *jid = iot_gtk_registry_request_get_jid(req);
	const IotRegistryNode *node = iot_gtk_registry_request_get_node(req);
	const IotProvisioningRule *rule;
	GError *error = NULL;
	GPtrArray *rules;
	char *text;
	guint h = 0;

	c->w = w;
	c->req = req;
	if (registry != NULL && *registry == '\0')
		registry = NULL;
	switch (iot_gtk_registry_request_get_kind(req)) {
	case IOT_GTK_REGISTRY_REQ_DECODE_QR:
		text = iot_purple_qr_decode_file(iot_gtk_registry_request_get_path(req), &error);
		if (text != NULL)
			iot_gtk_registry_request_answer_text(req, text);
		else
			iot_gtk_registry_request_fail(req, error->message);
		g_free(text);
		g_clear_error(&error);
		g_free(c);
		return;
	case IOT_GTK_REGISTRY_REQ_ADD_CONTACT:
		iot_purple_registry_add_thing(a, jid, iot_gtk_registry_request_get_group(req),
		                              iot_gtk_registry_request_get_alias(req), &error);
		answer_now(c, error);
		g_clear_error(&error);
		return;
	case IOT_GTK_REGISTRY_REQ_RULES_GIVEN:
		rules = iot_purple_provisioning_rules_given(a, jid);
		iot_gtk_registry_request_answer_rules(req, rules);
		g_ptr_array_unref(rules);
		g_free(c);
		return;
	case IOT_GTK_REGISTRY_REQ_MAKE_PUBLIC:
		/* Not offered (features): no request of either generation does it. */
		g_free(c);
		iot_gtk_registry_request_fail(req, _("The registry cannot make a claimed thing public again."));
		return;
	default:
		break;
	}
	g_hash_table_insert(w->calls, req, c);
	switch (iot_gtk_registry_request_get_kind(req)) {
	case IOT_GTK_REGISTRY_REQ_FIND_REGISTRY:
		h = iot_purple_registry_find(a, NULL, found_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_CLAIM:
		h = iot_purple_registry_claim(a, registry, iot_gtk_registry_request_get_tags(req),
		                              iot_gtk_registry_request_get_make_public(req), claim_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_MY_THINGS:
		h = iot_purple_registry_my_things(a, iot_gtk_registry_request_get_offset(req),
		                                  iot_gtk_registry_request_get_max_count(req), page_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_SEARCH:
		h = iot_purple_registry_search(a, registry, iot_gtk_registry_request_get_conds(req),
		                               iot_gtk_registry_request_get_offset(req),
		                               iot_gtk_registry_request_get_max_count(req), page_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_DISOWN:
		h = iot_purple_registry_disown(a, registry, jid, node, done_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_REMOVE:
		h = iot_purple_registry_remove(a, registry, jid, node, done_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_UPDATE_TAGS:
		h = iot_purple_registry_update(a, registry, jid, node, iot_gtk_registry_request_get_tags(req), done_cb,
		                               c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_CLEAR_CACHE:
		h = iot_purple_provisioning_clear_cache(a, jid, node, done_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_DELETE_RULES:
		h = iot_purple_provisioning_delete_rules(a, jid, node, done_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_REVOKE:
		rule = iot_gtk_registry_request_get_rule(req);
		h = iot_purple_provisioning_delete_rules(a, rule->jid, &rule->node, done_cb, c, g_free);
		break;
	case IOT_GTK_REGISTRY_REQ_ANSWER:
		h = iot_purple_provisioning_answer(a, w->merge_key, iot_gtk_registry_request_get_answer(req), done_cb, c,
		                                   g_free);
		break;
	default:
		break;
	}
	/* The callback never runs before this returns: the handle is known first. */
	c->handle = h;
}

static void
op_cancel(IotGtkRegistryRequest *req, gpointer data)
{
	Win *w = data;
	Call *c = g_hash_table_lookup(w->calls, req);

	/* Its callback runs now, with "cancelled": the window drops that answer. */
	if (c != NULL && c->handle != 0)
		iot_purple_registry_cancel(c->handle);
}

static GPtrArray *
op_groups(gpointer data)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	PurpleBlistNode *n;

	for (n = purple_blist_get_root(); n != NULL; n = purple_blist_node_get_sibling_next(n))
		if (PURPLE_BLIST_NODE_IS_GROUP(n))
			g_ptr_array_add(out, g_strdup(purple_group_get_name((PurpleGroup *)n)));
	return out;
}

static void
op_closed(GtkWidget *window, gpointer data)
{
	Win *w = data;
	GHashTableIter it;
	gpointer v;

	g_hash_table_iter_init(&it, w->calls);
	while (g_hash_table_iter_next(&it, NULL, &v))
		((Call *)v)->w = NULL;
	g_hash_table_destroy(w->calls);
	purple_debug_info("xmpp-iot", "registry window of %s closed\n", purple_account_get_username(w->account));
	wins = g_list_remove(wins, w);
	g_free(w->merge_key);
	g_free(w);
}

static const IotGtkRegistryOps ops = {
	op_request, op_cancel, op_groups, NULL, op_closed,
	IOT_GTK_REGISTRY_CAN_DECODE_QR | IOT_GTK_REGISTRY_CAN_PROVISION,
	NULL,
};

/* ---- the public side ---- */

static Win *
win_new(PurpleAccount *account, WinKind kind)
{
	Win *w = g_new0(Win, 1);

	w->kind = kind;
	w->account = account;
	w->calls = g_hash_table_new(NULL, NULL);
	wins = g_list_prepend(wins, w);
	return w;
}

void
iot_gtk_things_registry_open_claim(PurpleAccount *account)
{
	Win *w = find(account, WIN_CLAIM, NULL);

	if (w == NULL) {
		w = win_new(account, WIN_CLAIM);
		w->win = iot_gtk_registry_claim_new(purple_account_get_username(account), &ops, w);
		w->window = iot_gtk_registry_claim_get_window(w->win);
	}
	gtk_window_present(GTK_WINDOW(w->window));
}

void
iot_gtk_things_registry_open_my_things(PurpleAccount *account)
{
	Win *w = find(account, WIN_THINGS, NULL);

	if (w == NULL) {
		w = win_new(account, WIN_THINGS);
		w->win = iot_gtk_registry_things_new(purple_account_get_username(account), &ops, w);
		w->window = iot_gtk_registry_things_get_window(w->win);
		iot_gtk_registry_things_set_online(w->win, purple_account_is_connected(account));
	}
	gtk_window_present(GTK_WINDOW(w->window));
}

void
iot_gtk_things_registry_open_search(PurpleAccount *account)
{
	Win *w = find(account, WIN_SEARCH, NULL);

	if (w == NULL) {
		w = win_new(account, WIN_SEARCH);
		w->win = iot_gtk_registry_search_new(purple_account_get_username(account), &ops, w);
		w->window = iot_gtk_registry_search_get_window(w->win);
	}
	gtk_window_present(GTK_WINDOW(w->window));
}

/* The question window of group @merge_key of @account, opened on the
 * person's word ("Answer with limits…" in the alerts inbox). */
void
iot_gtk_things_registry_open_question(PurpleAccount *account, const char *merge_key)
{
	Win *w = find(account, WIN_QUESTION, merge_key);
	GPtrArray *pending;
	guint i;

	if (w != NULL) {
		gtk_window_present(GTK_WINDOW(w->window));
		return;
	}
	pending = iot_purple_provisioning_pending(account);
	for (i = 0; i < pending->len && w == NULL; i++) {
		const IotPurpleQuestion *pq = g_ptr_array_index(pending, i);

		if (g_strcmp0(pq->merge_key, merge_key) != 0)
			continue;
		w = win_new(account, WIN_QUESTION);
		w->merge_key = g_strdup(pq->merge_key);
		purple_debug_info("xmpp-iot", "registry window of %s: question from %s\n",
		                  purple_account_get_username(account), pq->question->service);
		w->win = iot_gtk_registry_question_new(pq->question, &ops, w);
		w->window = iot_gtk_registry_question_get_window(w->win);
		gtk_window_present(GTK_WINDOW(w->window));
	}
	g_ptr_array_unref(pending);
}

/* A group that left (answered, here or elsewhere, or the session ended)
 * takes its window with it. */
static void
questions_cb(PurpleAccount *account, const char *merge_key, IotPurpleQuestionChange change, gpointer data)
{
	Win *w;

	if (change != IOT_PURPLE_QUESTION_ANSWERED && change != IOT_PURPLE_QUESTION_OFFLINE)
		return;
	w = find(account, WIN_QUESTION, merge_key);
	if (w != NULL)
		iot_gtk_registry_question_destroy(w->win); /* op_closed unlinks */
}

void
iot_gtk_things_registry_watch_questions(void)
{
	if (questions_watch == 0)
		questions_watch = iot_purple_provisioning_watch(questions_cb, NULL);
}

void
iot_gtk_things_registry_unwatch_questions(void)
{
	if (questions_watch != 0)
		iot_purple_provisioning_unwatch(questions_watch);
	questions_watch = 0;
}

void
iot_gtk_things_registry_session_changed(PurpleAccount *account, gboolean online)
{
	Win *w = find(account, WIN_THINGS, NULL);
	GList *l, *next;

	if (w != NULL)
		iot_gtk_registry_things_set_online(w->win, online);
	if (online)
		return;
	/* The session's question windows end with it (the questions stay in the inbox). */
	for (l = wins; l != NULL; l = next) {
		next = l->next;
		if (((Win *)l->data)->account == account && ((Win *)l->data)->kind == WIN_QUESTION)
			gtk_widget_destroy(((Win *)l->data)->window);
	}
}

void
iot_gtk_things_registry_close_all(void)
{
	closing_all = TRUE;
	while (wins != NULL)
		gtk_widget_destroy(((Win *)wins->data)->window); /* op_closed unlinks */
	closing_all = FALSE;
}

guint
iot_gtk_things_registry_count(void)
{
	return g_list_length(wins);
}
