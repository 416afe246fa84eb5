/* client.c — headless libpurple client. See client.h. */
#include "client.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI "iot-tests"

typedef struct {
	PurpleInputFunction f;
	gpointer d;
} IOClosure;

static gboolean
io_cb(GIOChannel *ch, GIOCondition c, gpointer d)
{
	IOClosure *x = d;
	PurpleInputCondition pc = 0;

	if (c & (G_IO_IN | G_IO_HUP | G_IO_ERR))
		pc |= PURPLE_INPUT_READ;
	if (c & (G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL))
		pc |= PURPLE_INPUT_WRITE;
	x->f(x->d, g_io_channel_unix_get_fd(ch), pc);
	return TRUE;
}

static guint
input_add(gint fd, PurpleInputCondition c, PurpleInputFunction f, gpointer d)
{
	IOClosure *x = g_new0(IOClosure, 1);
	GIOChannel *ch = g_io_channel_unix_new(fd);
	GIOCondition gc = 0;
	guint r;

	x->f = f;
	x->d = d;
	if (c & PURPLE_INPUT_READ)
		gc |= G_IO_IN | G_IO_HUP | G_IO_ERR;
	if (c & PURPLE_INPUT_WRITE)
		gc |= G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;
	r = g_io_add_watch_full(ch, G_PRIORITY_DEFAULT, gc, io_cb, x, g_free);
	g_io_channel_unref(ch);
	return r;
}

static PurpleEventLoopUiOps loop_ops = { g_timeout_add, g_source_remove, input_add, g_source_remove,
	                                 NULL, g_timeout_add_seconds, NULL, NULL, NULL };

static PurpleAccount *account;
static PurplePlugin *plugin;
static gboolean signed_on, conn_error;
static GHashTable *writes;  /* conv name (bare, lower) → GPtrArray of HTML */
static GHashTable *replies; /* bare JID → last chat body received */
static int handle;

static char *
conv_key(const char *name)
{
	char *k = g_ascii_strdown(name, -1), *slash = strchr(k, '/');

	if (slash)
		*slash = '\0';
	return k;
}

static GPtrArray *
writes_for(const char *name)
{
	char *k = conv_key(name);
	GPtrArray *a = g_hash_table_lookup(writes, k);

	if (a == NULL) {
		a = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(writes, k, a);
	} else {
		g_free(k);
	}
	return a;
}

static void
write_conv(PurpleConversation *conv, const char *who, const char *alias, const char *message,
           PurpleMessageFlags flags, time_t mtime)
{
	if (flags & (PURPLE_MESSAGE_SYSTEM | PURPLE_MESSAGE_RAW))
		g_ptr_array_add(writes_for(purple_conversation_get_name(conv)), g_strdup(message));
	if (g_getenv("IOT_TEST_VERBOSE"))
		fprintf(stderr, "CONV %s [%x] %s\n", purple_conversation_get_name(conv), flags, message);
}

static PurpleConversationUiOps conv_ops = { NULL, NULL, NULL, NULL, write_conv };

/* Search results: what Finch would show as a table, kept as text. */
static GString *last_table;
static guint tables_shown;
/* The last table's rows and buttons (owned), and its connection and data, to press its buttons. */
static PurpleNotifySearchResults *last_results;
static PurpleConnection *last_results_gc;
static gpointer last_results_data;

/* The last table's labeled buttons (label → callback) and rows (strv),
 * for client_table_press(). */
static GPtrArray *last_buttons; /* PurpleNotifySearchButton copies, labels owned */
static GPtrArray *last_rows;    /* char ** */

static void
button_free(gpointer p)
{
	PurpleNotifySearchButton *b = p;

	g_free(b->label);
	g_free(b);
}

static void
remember_table(PurpleNotifySearchResults *results)
{
	GList *r, *c;

	if (last_table == NULL) {
		last_table = g_string_new(NULL);
		last_buttons = g_ptr_array_new_with_free_func(button_free);
		last_rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	}
	g_string_truncate(last_table, 0);
	g_ptr_array_set_size(last_buttons, 0);
	g_ptr_array_set_size(last_rows, 0);
	for (r = results->rows; r != NULL; r = r->next) {
		GPtrArray *cells = g_ptr_array_new();

		for (c = r->data; c != NULL; c = c->next) {
			g_string_append_printf(last_table, "%s%s", (const char *)c->data, c->next ? "|" : "\n");
			g_ptr_array_add(cells, g_strdup(c->data));
		}
		g_ptr_array_add(cells, NULL);
		g_ptr_array_add(last_rows, g_ptr_array_free(cells, FALSE));
	}
	for (c = results->buttons; c != NULL; c = c->next) {
		PurpleNotifySearchButton *b = g_new0(PurpleNotifySearchButton, 1);

		*b = *(PurpleNotifySearchButton *)c->data;
		b->label = g_strdup(b->label);
		g_ptr_array_add(last_buttons, b);
	}
	tables_shown++;
	if (last_results != NULL)
		purple_notify_searchresults_free(last_results);
	last_results = results;
}

static void *
notify_searchresults(PurpleConnection *gc, const char *title, const char *primary,
                     const char *secondary, PurpleNotifySearchResults *results, gpointer user_data)
{
	remember_table(results);
	last_results_gc = gc;
	last_results_data = user_data;
	return &tables_shown; /* any non-NULL handle */
}

gboolean
client_table_press(const char *label, int row)
{
	guint i;

	for (i = 0; last_buttons != NULL && i < last_buttons->len; i++) {
		PurpleNotifySearchButton *b = g_ptr_array_index(last_buttons, i);
		GList *cells = NULL;
		char **strv;

		if (b->label == NULL || strcmp(b->label, label) != 0)
			continue;
		if (row >= 0 && (guint)row < last_rows->len)
			for (strv = g_ptr_array_index(last_rows, row); *strv != NULL; strv++)
				cells = g_list_append(cells, *strv);
		b->callback(purple_account_get_connection(client_account()), cells, last_results_data);
		g_list_free(cells);
		return TRUE;
	}
	return FALSE;
}

static void
notify_searchresults_new_rows(PurpleConnection *gc, PurpleNotifySearchResults *results, void *data)
{
	remember_table(results);
	last_results_gc = gc;
}

gboolean
client_table_press_on(const char *button, const char *row_part)
{
	guint r;
	char **cell;

	for (r = 0; last_rows != NULL && r < last_rows->len; r++)
		for (cell = g_ptr_array_index(last_rows, r); *cell != NULL; cell++)
			if (strstr(*cell, row_part) != NULL)
				return client_table_press(button, (int)r);
	return FALSE;
}

/* Pop-ups (purple_notify_message / _formatted): each kept as its words,
 * and whether it is still open. */
static GPtrArray *popups;     /* every pop-up shown: "title|primary|secondary|text" */
static GHashTable *open_popups; /* handle (a string of popups) → itself */

static void *
popup(const char *title, const char *primary, const char *secondary, const char *text)
{
	char *p = g_strdup_printf("%s|%s|%s|%s", title ? title : "", primary ? primary : "",
	                          secondary ? secondary : "", text ? text : "");

	if (popups == NULL) {
		popups = g_ptr_array_new_with_free_func(g_free);
		open_popups = g_hash_table_new(g_direct_hash, g_direct_equal);
	}
	g_ptr_array_add(popups, p);
	g_hash_table_add(open_popups, p);
	if (g_getenv("IOT_TEST_VERBOSE"))
		fprintf(stderr, "POPUP %s\n", p);
	return p;
}

static void *
notify_message(PurpleNotifyMsgType type, const char *title, const char *primary, const char *secondary)
{
	return popup(title, primary, secondary, NULL);
}

static void *
notify_formatted(const char *title, const char *primary, const char *secondary, const char *text)
{
	return popup(title, primary, secondary, text);
}

static void
close_notify(PurpleNotifyType type, void *ui_handle)
{
	if (open_popups != NULL)
		g_hash_table_remove(open_popups, ui_handle);
}

static PurpleNotifyUiOps notify_ops = { notify_message, NULL, NULL, notify_formatted, notify_searchresults,
	                                notify_searchresults_new_rows, NULL, NULL, close_notify };

guint
client_popups_shown(const char *part)
{
	guint i, n = 0;

	for (i = 0; popups != NULL && i < popups->len; i++)
		if (part == NULL || strstr(g_ptr_array_index(popups, i), part) != NULL)
			n++;
	return n;
}

guint
client_popups_open(void)
{
	return open_popups != NULL ? g_hash_table_size(open_popups) : 0;
}

const char *
client_last_popup(void)
{
	return popups != NULL && popups->len > 0 ? g_ptr_array_index(popups, popups->len - 1) : NULL;
}

const char *
client_last_table(void)
{
	return last_table ? last_table->str : NULL;
}

guint
client_tables_shown(void)
{
	return tables_shown;
}

static void
on_signed_on(PurpleConnection *gc, gpointer d)
{
	signed_on = TRUE;
}

static void
on_signed_off(PurpleConnection *gc, gpointer d)
{
	signed_on = FALSE;
}

static void
on_conn_error(PurpleConnection *gc, PurpleConnectionError e, const char *t, gpointer d)
{
	fprintf(stderr, "connection error: %s\n", t);
	conn_error = TRUE;
}

static void
on_im(PurpleAccount *a, char *who, char *msg, PurpleConversation *conv, PurpleMessageFlags f, gpointer d)
{
	g_hash_table_replace(replies, conv_key(who), purple_markup_strip_html(msg));
}

/* The "to" of every disco#info query the plugin sent (its ids start with "iot"). */
static GPtrArray *disco_sent;

static void
on_sending(PurpleConnection *gc, xmlnode **packet, gpointer d)
{
	xmlnode *q;
	const char *id;

	if (packet == NULL || *packet == NULL || g_strcmp0((*packet)->name, "iq") != 0 ||
	    g_strcmp0(xmlnode_get_attrib(*packet, "type"), "get") != 0)
		return;
	id = xmlnode_get_attrib(*packet, "id");
	q = xmlnode_get_child_with_namespace(*packet, "query", "http://jabber.org/protocol/disco#info");
	if (q != NULL && id != NULL && g_str_has_prefix(id, "iot"))
		g_ptr_array_add(disco_sent, g_strdup(xmlnode_get_attrib(*packet, "to")));
}

guint
client_plugin_disco_queries(const char *to_prefix)
{
	guint i, n = 0;

	for (i = 0; disco_sent != NULL && i < disco_sent->len; i++) {
		const char *to = g_ptr_array_index(disco_sent, i);
		if (to != NULL && g_str_has_prefix(to, to_prefix))
			n++;
	}
	return n;
}

static gboolean
tick(gpointer d)
{
	return TRUE;
}

gboolean
client_spin(gboolean (*done)(gpointer), gpointer data, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;

	while (!(done && done(data)) && g_get_monotonic_time() < end)
		g_main_context_iteration(NULL, TRUE);
	return done ? done(data) : TRUE;
}

void
client_sleep(guint ms)
{
	client_spin(NULL, NULL, ms);
}

static gboolean
is_signed_on(gpointer d)
{
	return signed_on || conn_error;
}

gboolean
client_signed_on(void)
{
	return signed_on;
}

gboolean
client_offline(gpointer unused)
{
	return !signed_on;
}

gboolean
client_online(gpointer unused)
{
	return signed_on;
}

PurpleAccount *
client_account(void)
{
	return account;
}

void
client_start(void)
{
	const char *port = g_getenv("XMPP_PORT"), *dir = g_getenv("XMPP_DIR");
	const char *cafile = g_getenv("XMPP_CAFILE"), *plugin_path = g_getenv("IOT_PLUGIN");
	char *ud;

	if (account != NULL)
		return;
	if (!port || !dir || !plugin_path) {
		fprintf(stderr, "run me as: IOT_PLUGIN=… tests/testenv.sh run %s\n", "check-integration");
		exit(2);
	}
	writes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
	replies = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	signal(SIGCHLD, SIG_IGN); /* libpurple's DNS resolver forks */
	ud = g_build_filename(dir, "purple-client", NULL);
	if (cafile && *cafile) {
		/* Pin the throwaway server certificate: tls_peers/<connect_server>. */
		char *pem = NULL, *pd = g_build_filename(ud, "certificates", "x509", "tls_peers", NULL);
		char *pf = g_build_filename(pd, "127.0.0.1", NULL);
		gsize len;
		g_mkdir_with_parents(pd, 0700);
		if (g_file_get_contents(cafile, &pem, &len, NULL))
			g_file_set_contents(pf, pem, (gssize)len, NULL);
		g_free(pem);
		g_free(pf);
		g_free(pd);
	}
	purple_util_set_user_dir(ud);
	purple_debug_set_enabled(g_getenv("PURPLE_DEBUG") != NULL);
	purple_eventloop_set_ui_ops(&loop_ops);
	purple_conversations_set_ui_ops(&conv_ops);
	purple_notify_set_ui_ops(&notify_ops);
	if (!purple_core_init(UI)) {
		fprintf(stderr, "purple_core_init failed\n");
		exit(2);
	}
	purple_set_blist(purple_blist_new());
	purple_blist_load();
	purple_prefs_load();
	plugin = purple_plugin_probe(plugin_path);
	if (plugin == NULL || !purple_plugin_load(plugin)) {
		fprintf(stderr, "cannot load %s: %s\n", plugin_path, plugin && plugin->error ? plugin->error : "?");
		exit(2);
	}
	/* Short enough for the silent thing's test, long enough for 10,000 fields. */
	purple_prefs_set_int("/plugins/core/xmpp-iot/timeout", 3);

	purple_signal_connect(purple_connections_get_handle(), "signed-on", &handle, PURPLE_CALLBACK(on_signed_on), NULL);
	purple_signal_connect(purple_connections_get_handle(), "signed-off", &handle, PURPLE_CALLBACK(on_signed_off), NULL);
	purple_signal_connect(purple_connections_get_handle(), "connection-error", &handle, PURPLE_CALLBACK(on_conn_error), NULL);
	purple_signal_connect(purple_conversations_get_handle(), "received-im-msg", &handle, PURPLE_CALLBACK(on_im), NULL);
	disco_sent = g_ptr_array_new_with_free_func(g_free);
	/* Before the prpl's own handler (highest priority), which writes and consumes the node. */
	purple_signal_connect(purple_find_prpl("prpl-jabber"), "jabber-sending-xmlnode", &handle,
	                      PURPLE_CALLBACK(on_sending), NULL);
	g_timeout_add(50, tick, NULL);

	/* A user dir used before (a second run) already holds the account. */
	account = purple_accounts_find("alice@" DOMAIN "/tests", "prpl-jabber");
	if (account == NULL) {
		account = purple_account_new("alice@" DOMAIN "/tests", "prpl-jabber");
		purple_accounts_add(account);
	}
	purple_account_set_remember_password(account, TRUE);
	purple_account_set_password(account, "alicepass");
	purple_account_set_string(account, "connect_server", "127.0.0.1");
	purple_account_set_int(account, "port", atoi(port));
	purple_account_set_string(account, "connection_security", "opportunistic_tls");
	purple_account_set_bool(account, "auth_plain_in_clear", TRUE);
	purple_account_set_enabled(account, UI, TRUE);
	purple_savedstatus_activate(purple_savedstatus_new(NULL, PURPLE_STATUS_AVAILABLE));
	if (!client_spin(is_signed_on, NULL, 10000) || conn_error) {
		fprintf(stderr, "alice did not sign on\n");
		exit(2);
	}
	g_free(ud);
}

void
client_stop(void)
{
	if (account == NULL)
		return;
	purple_core_quit();
	account = NULL;
}

typedef struct {
	GPtrArray *a;
	guint want;
} WaitWrites;

static gboolean
enough_writes(gpointer d)
{
	WaitWrites *w = d;
	return w->a->len >= w->want;
}

PurplePlugin *
client_plugin(void)
{
	return plugin;
}

guint
client_output_count(const char *who)
{
	return writes_for(who)->len;
}

const char *
client_output_since(const char *who, guint from)
{
	static GString *out;
	GPtrArray *a = writes_for(who);
	guint i;

	if (out == NULL)
		out = g_string_new(NULL);
	g_string_truncate(out, 0);
	for (i = from; i < a->len; i++) {
		if (i > from)
			g_string_append(out, "<br>---<br>");
		g_string_append(out, g_ptr_array_index(a, i));
	}
	return out->str;
}

const char *
client_command(const char *who, const char *command, guint writes_wanted, guint ms)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, account, who);
	GPtrArray *a = writes_for(who);
	guint before = a->len;
	char *error = NULL;
	WaitWrites w = { a, before + writes_wanted };
	PurpleCmdStatus st;

	st = purple_cmd_do_command(conv, command, command, &error);
	if (st != PURPLE_CMD_STATUS_OK) {
		/* What Pidgin itself would write for a failed command. */
		g_ptr_array_add(a, g_strdup_printf("command status %d: %s", st, error ? error : ""));
	}
	g_free(error);
	client_spin(enough_writes, &w, ms);
	return client_output_since(who, before);
}

char *
client_text(const char *html)
{
	/* purple_markup_strip_html() decodes entities but also folds line
	 * breaks, so strip line by line. */
	char **lines = g_strsplit(html, "<br>", -1), **l;
	GString *out = g_string_new(NULL);
	char *joined;

	for (l = lines; *l != NULL; l++) {
		char *stripped = purple_markup_strip_html(*l);
		if (l != lines)
			g_string_append_c(out, '\n');
		g_string_append(out, stripped);
		g_free(stripped);
	}
	g_strfreev(lines);
	joined = g_string_free(out, FALSE);
	return joined;
}

typedef struct {
	char *key;
} WaitReply;

static gboolean
has_reply(gpointer d)
{
	return g_hash_table_contains(replies, ((WaitReply *)d)->key);
}

char *
client_chat(const char *who, const char *body, guint ms)
{
	PurpleConversation *conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, account, who);
	WaitReply w = { conv_key(who) };
	char *r;

	g_hash_table_remove(replies, w.key);
	purple_conv_im_send(PURPLE_CONV_IM(conv), body);
	client_spin(has_reply, &w, ms);
	r = g_strdup(g_hash_table_lookup(replies, w.key));
	g_free(w.key);
	return r;
}

PurpleMenuAction *
client_menu_item(const char *who, const char *label_part)
{
	PurpleBuddy *b = purple_find_buddy(client_account(), who);
	GList *menu, *l;
	PurpleMenuAction *found = NULL;

	if (b == NULL)
		return NULL;
	menu = purple_blist_node_get_extended_menu((PurpleBlistNode *)b);
	for (l = menu; l != NULL; l = l->next) {
		PurpleMenuAction *a = l->data;
		/* As a person reads it: without the mnemonic's underscore. */
		char *shown = a != NULL ? purple_strreplace(a->label, "_", "") : NULL;

		if (a != NULL && found == NULL && strstr(shown, label_part) != NULL)
			found = a;
		else if (a != NULL)
			purple_menu_action_free(a);
		g_free(shown);
	}
	g_list_free(menu);
	return found;
}

gboolean
client_menu_run(const char *who, const char *label_part)
{
	PurpleMenuAction *a = client_menu_item(who, label_part);

	if (a == NULL)
		return FALSE;
	((void (*)(PurpleBlistNode *, gpointer))a->callback)(
	    (PurpleBlistNode *)purple_find_buddy(client_account(), who), a->data);
	purple_menu_action_free(a);
	return TRUE;
}

typedef struct {
	const char *who, *label_part;
} MenuWanted;

static gboolean
menu_offers(gpointer data)
{
	const MenuWanted *m = data;
	PurpleMenuAction *a = client_menu_item(m->who, m->label_part);

	if (a != NULL)
		purple_menu_action_free(a);
	return a != NULL;
}

gboolean
client_wait_menu_item(const char *who, const char *label_part, guint ms)
{
	MenuWanted m = { who, label_part };

	return client_spin(menu_offers, &m, ms);
}
