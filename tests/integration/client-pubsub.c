/* client-pubsub.c — see client-pubsub.h. */
#include "client-pubsub.h"
#include "client-request.h"

#include <string.h>

#define NS_EVENT "http://jabber.org/protocol/pubsub#event"
#define NS_AUTH "http://jabber.org/protocol/pubsub#subscribe_authorization"

static int handle;
static gboolean set_up;
static void (*next_close)(PurpleRequestType type, void *ui_handle);

typedef struct {
	char *text;
	void *user_data;
	GCallback *cbs;
	size_t n;
} Question;

static GList *questions; /* open, newest first */
static guint asked;
static GString *question_text;
static guint host_passed, other_passed, answers;
static char *last_allow;
static GHashTable *chats; /* bare JID → GPtrArray of plain text */

static void
question_free(Question *q)
{
	g_free(q->text);
	g_free(q->cbs);
	g_free(q);
}

static void *
request_action(const char *title, const char *primary, const char *secondary, int default_action,
               PurpleAccount *account, const char *who, PurpleConversation *conv, void *user_data,
               size_t action_count, va_list actions)
{
	Question *q = g_new0(Question, 1);
	size_t i;

	q->text = g_strdup_printf("%s\n%s\n%s", title ? title : "", primary ? primary : "", secondary ? secondary : "");
	q->user_data = user_data;
	q->n = action_count;
	q->cbs = g_new0(GCallback, action_count);
	for (i = 0; i < action_count; i++) {
		(void)va_arg(actions, const char *);
		q->cbs[i] = va_arg(actions, GCallback);
	}
	questions = g_list_prepend(questions, q);
	asked++;
	g_string_assign(question_text, q->text);
	return q;
}

static void
close_request(PurpleRequestType type, void *ui_handle)
{
	if (type == PURPLE_REQUEST_ACTION) {
		if (g_list_find(questions, ui_handle) != NULL) {
			questions = g_list_remove(questions, ui_handle);
			question_free(ui_handle);
		}
		return;
	}
	if (next_close != NULL)
		next_close(type, ui_handle);
}

guint
client_pubsub_questions(void)
{
	return asked;
}

const char *
client_pubsub_question_text(void)
{
	return questions != NULL ? question_text->str : NULL;
}

gboolean
client_pubsub_answer(int action)
{
	Question *q = questions ? questions->data : NULL;

	if (q == NULL || action < 0 || (size_t)action >= q->n)
		return FALSE;
	questions = g_list_remove(questions, q);
	if (q->cbs[action] != NULL)
		((PurpleRequestActionCb)q->cbs[action])(q->user_data, action);
	question_free(q);
	return TRUE;
}

static char *
field_value(xmlnode *x, const char *var)
{
	xmlnode *f, *v;

	for (f = xmlnode_get_child(x, "field"); f != NULL; f = xmlnode_get_next_twin(f))
		if (g_strcmp0(xmlnode_get_attrib(f, "var"), var) == 0)
			return (v = xmlnode_get_child(f, "value")) ? xmlnode_get_data(v) : NULL;
	return NULL;
}

/* Runs after every other handler: sees only what nobody took. */
static gboolean
last_message_cb(PurpleConnection *gc, const char *type, const char *id, const char *from, const char *to,
                xmlnode *message, gpointer d)
{
	xmlnode *ev = xmlnode_get_child_with_namespace(message, "event", NS_EVENT), *c, *x;

	if (ev != NULL) {
		for (c = ev->child; c != NULL && c->type != XMLNODE_TYPE_TAG; c = c->next)
			;
		const char *node = c ? xmlnode_get_attrib(c, "node") : NULL;
		if (node != NULL && (g_str_has_prefix(node, "http://jabber.org/protocol/nick") ||
		                     g_str_has_prefix(node, "http://jabber.org/protocol/mood") ||
		                     g_str_has_prefix(node, "http://jabber.org/protocol/tune") ||
		                     g_str_has_prefix(node, "urn:xmpp:avatar:")))
			host_passed++;
		else
			other_passed++;
	}
	for (x = xmlnode_get_child_with_namespace(message, "x", "jabber:x:data"); x != NULL; x = xmlnode_get_next_twin(x)) {
		char *ft = field_value(x, "FORM_TYPE");
		if (g_strcmp0(xmlnode_get_attrib(x, "type"), "submit") == 0 && g_strcmp0(ft, NS_AUTH) == 0) {
			answers++;
			g_free(last_allow);
			last_allow = field_value(x, "pubsub#allow");
		}
		g_free(ft);
	}
	return FALSE;
}

static void
on_im(PurpleAccount *a, char *who, char *msg, PurpleConversation *conv, PurpleMessageFlags f, gpointer d)
{
	char *bare = g_ascii_strdown(who, -1), *slash = strchr(bare, '/');
	GPtrArray *list;

	if (slash)
		*slash = '\0';
	list = g_hash_table_lookup(chats, bare);
	if (list == NULL) {
		list = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(chats, g_strdup(bare), list);
	}
	g_ptr_array_add(list, purple_markup_strip_html(msg));
	g_free(bare);
}

void
client_pubsub_setup(void)
{
	PurpleRequestUiOps *ops;

	if (set_up)
		return;
	set_up = TRUE;
	client_request_setup();
	ops = purple_request_get_ui_ops();
	next_close = ops->close_request;
	ops->request_action = request_action;
	ops->close_request = close_request;
	question_text = g_string_new(NULL);
	chats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
	purple_signal_connect_priority(purple_find_prpl("prpl-jabber"), "jabber-receiving-message", &handle,
	                               PURPLE_CALLBACK(last_message_cb), NULL, PURPLE_SIGNAL_PRIORITY_HIGHEST);
	purple_signal_connect(purple_conversations_get_handle(), "received-im-msg", &handle, PURPLE_CALLBACK(on_im),
	                      NULL);
}

guint
client_pubsub_host_events_passed(void)
{
	return host_passed;
}

guint
client_pubsub_other_events_passed(void)
{
	return other_passed;
}

guint
client_pubsub_answers_seen(void)
{
	return answers;
}

const char *
client_pubsub_last_allow(void)
{
	return last_allow;
}

void
client_pubsub_send_raw(const char *xml)
{
	PurpleConnection *gc = purple_account_get_connection(client_account());
	PurplePluginProtocolInfo *info = gc ? PURPLE_PLUGIN_PROTOCOL_INFO(purple_connection_get_prpl(gc)) : NULL;

	g_assert(info != NULL && info->send_raw != NULL);
	info->send_raw(gc, xml, (int)strlen(xml));
}

guint
client_pubsub_chats_from(const char *who)
{
	GPtrArray *list = g_hash_table_lookup(chats, who);

	return list ? list->len : 0;
}

typedef struct {
	const char *who, *needle;
	guint mark;
	const char *found;
} Wanted;

static gboolean
chat_came(gpointer data)
{
	Wanted *w = data;
	GPtrArray *list = g_hash_table_lookup(chats, w->who);
	guint i;

	for (i = w->mark; list != NULL && i < list->len; i++)
		if (strstr(g_ptr_array_index(list, i), w->needle) != NULL) {
			w->found = g_ptr_array_index(list, i);
			return TRUE;
		}
	return FALSE;
}

const char *
client_pubsub_wait_chat(const char *who, guint mark, const char *needle, guint ms)
{
	Wanted w = { who, needle, mark, NULL };

	client_spin(chat_came, &w, ms);
	return w.found;
}

const char *
client_pubsub_tell(const char *who, const char *body, const char *needle, guint ms)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, client_account(), who);
	guint mark = client_pubsub_chats_from(who);

	purple_conv_im_send(PURPLE_CONV_IM(conv), body);
	return client_pubsub_wait_chat(who, mark, needle, ms);
}

static guint gap_timer;
static gint64 gap_last;
static double gap_max;

static gboolean
gap_tick(gpointer d)
{
	gint64 now = g_get_monotonic_time();
	double gap = (now - gap_last) / 1000.0;

	if (gap > gap_max)
		gap_max = gap;
	gap_last = now;
	return TRUE;
}

void
client_pubsub_gap_start(void)
{
	gap_max = 0;
	gap_last = g_get_monotonic_time();
	gap_timer = g_timeout_add(5, gap_tick, NULL);
}

double
client_pubsub_gap_stop(void)
{
	if (gap_timer != 0)
		g_source_remove(gap_timer);
	gap_timer = 0;
	return gap_max;
}
