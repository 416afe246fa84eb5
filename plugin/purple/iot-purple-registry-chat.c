/* iot-purple-registry-chat.c — /claim, /things, /search and /disown in a
 * conversation. Everything a registry or a thing says is bounded and made
 * printable, then escaped by iot_purple_conv_write(). */
#include "iot-purple-registry-private.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-conv.h"
#include "iot-purple-session.h"

#include <cmds.h>
#include <conversation.h>
#include <glib/gi18n-lib.h>

#include <string.h>

/* Things per page in a conversation. */
#define CHAT_PAGE 50
/* Characters shown of one tag value, of one result line. */
#define VALUE_CHARS 64
#define LINE_CHARS 600

static PurpleCmdId cmds[4];
/* What "/search more" and "/things more" continue: conv key → Paging. */
static GHashTable *paging;

typedef struct {
	GPtrArray *conds;   /* nullable: /things */
	guint next;         /* the next page's offset */
	gboolean more;
} Paging;

static void
paging_free(gpointer p)
{
	Paging *g = p;

	if (g->conds)
		g_ptr_array_unref(g->conds);
	g_free(g);
}

typedef struct {
	PurpleAccount *account;
	char *conv_name;
	char *key;          /* paging key (nullable) */
	gboolean things;
} Job;

static void
job_free(gpointer data)
{
	Job *j = data;

	g_free(j->conv_name);
	g_free(j->key);
	g_free(j);
}

static Job *
job_new(PurpleConversation *conv)
{
	Job *j = g_new0(Job, 1);

	j->account = purple_conversation_get_account(conv);
	j->conv_name = g_strdup(purple_conversation_get_name(conv));
	return j;
}

static char *
paging_key(PurpleConversation *conv, const char *what)
{
	return g_strdup_printf("%p\n%s\n%s", (void *)purple_conversation_get_account(conv),
	                       purple_conversation_get_name(conv), what);
}

static void
say(Job *j, const char *title, const char *text)
{
	iot_purple_conv_write(j->account, j->conv_name, title, text, FALSE);
}

static gboolean
online(PurpleConversation *conv, gchar **error)
{
	if (iot_purple_session_get(purple_conversation_get_account(conv)) != NULL)
		return TRUE;
	*error = g_markup_escape_text(_("XMPP IoT is not active on this account yet; wait until it is online."), -1);
	return FALSE;
}

/* One thing as a line: "jid [node] — NAME=value, …" (printable, bounded). */
static void
append_thing(GString *out, guint n, const IotRegistryThing *t)
{
	GString *line = g_string_new(NULL);
	char *s;
	guint i;

	s = iot_purple_registry_printable(t->jid, 128);
	g_string_append_printf(line, "%u. %s", n, s);
	g_free(s);
	if (t->node.node_id != NULL) {
		s = iot_purple_registry_printable(t->node.node_id, 64);
		g_string_append_printf(line, " [%s]", s);
		g_free(s);
	}
	for (i = 0; t->tags != NULL && i < t->tags->len; i++) {
		const IotRegistryTag *tag = g_ptr_array_index(t->tags, i);
		char *name = iot_purple_registry_printable(tag->name, 32);
		char *value = iot_registry_tag_is_key(tag->name) ? g_strdup(IOT_REGISTRY_KEY_MASK)
		                                                 : iot_purple_registry_printable(tag->value, VALUE_CHARS);
		g_string_append_printf(line, "%s%s=%s", i == 0 ? " — " : ", ", name, value);
		g_free(name);
		g_free(value);
	}
	s = iot_purple_registry_printable(line->str, LINE_CHARS);
	g_string_append_printf(out, "%s\n", s);
	g_free(s);
	g_string_free(line, TRUE);
}

/* ---- /claim ------------------------------------------------------------------------------- */

static void
claimed_cb(PurpleAccount *account, const IotRegistryThing *claimed, const GError *error, gpointer data)
{
	Job *j = data;
	char *text, *who;
	GError *e = NULL;

	if (error != NULL) {
		say(j, _("Claim"), error->message);
		return;
	}
	if (claimed == NULL || claimed->jid == NULL) {
		say(j, _("Claim"), _("The thing is yours now. The registry did not say its address: find it under /things."));
		return;
	}
	who = iot_purple_registry_printable(claimed->jid, 128);
	if (iot_purple_registry_add_thing(account, claimed->jid, NULL, NULL, &e))
		text = g_strdup_printf(_("%s is yours now. It was added to your buddy list in the group \"Things\"; "
		                         "right-click it there to give it a name."),
		                       who);
	else
		text = g_strdup_printf(_("%s is yours now, but it could not be added to your buddy list: %s"), who,
		                       e->message);
	say(j, _("Claim"), text);
	g_clear_error(&e);
	g_free(text);
	g_free(who);
}

static PurpleCmdRet
claim_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	const char *line = args && args[0] ? args[0] : "";
	GError *e = NULL;
	IotDiscoId *id;
	gboolean make_public = FALSE;
	char *text = g_strstrip(g_strdup(line)), *preview, *msg;
	size_t n = strlen(text);
	Job *j;

	if (!online(conv, error)) {
		g_free(text);
		return PURPLE_CMD_RET_FAILED;
	}
	/* "/claim <uri> public" makes it public. */
	if (n > 7 && g_ascii_strcasecmp(text + n - 7, " public") == 0) {
		make_public = TRUE;
		text[n - 7] = '\0';
		g_strstrip(text);
	}
	if (*text == '\0') {
		*error = g_markup_escape_text(_("Give the thing's identity: /claim iotdisco:SN=…;MAN=…;KEY=… "
		                                "(add \"public\" to make it public)."), -1);
		g_free(text);
		return PURPLE_CMD_RET_FAILED;
	}
	id = iot_disco_id_parse(text, &e);
	g_free(text);
	if (id == NULL) {
		*error = g_markup_escape_text(e->message, -1);
		g_error_free(e);
		return PURPLE_CMD_RET_FAILED;
	}
	if (!id->has_key) {
		iot_disco_id_free(id);
		*error = g_markup_escape_text(_("This identity has no KEY: only a thing's own code, with its KEY, claims it."), -1);
		return PURPLE_CMD_RET_FAILED;
	}
	j = job_new(conv);
	preview = iot_registry_tags_preview(id->tags);
	msg = g_strdup_printf(make_public ? _("Claiming this thing, public:\n%s") : _("Claiming this thing, private:\n%s"),
	                      preview);
	say(j, _("Claim"), msg);
	g_free(msg);
	g_free(preview);
	iot_purple_registry_claim(j->account, id->registry, id->tags, make_public, claimed_cb, j, job_free);
	iot_disco_id_free(id);
	return PURPLE_CMD_RET_OK;
}

/* ---- /things, /search ----------------------------------------------------------------------- */

static void
page_cb(PurpleAccount *account, const IotRegistryPage *page, const GError *error, gpointer data)
{
	Job *j = data;
	GString *out;
	Paging *g;
	guint i;
	const char *title = j->things ? _("My things") : _("Search");

	if (error != NULL) {
		say(j, title, error->message);
		return;
	}
	g = paging != NULL && j->key != NULL ? g_hash_table_lookup(paging, j->key) : NULL;
	out = g_string_new(NULL);
	if (page->things->len == 0)
		g_string_append(out, page->offset == 0 ? (j->things ? _("You own no things in the registry.")
		                                                    : _("Nothing matches."))
		                                       : _("No more things."));
	for (i = 0; i < page->things->len; i++)
		append_thing(out, page->offset + i + 1, g_ptr_array_index(page->things, i));
	if (page->skipped > 0)
		g_string_append_printf(out, g_dngettext(GETTEXT_PACKAGE, "(%u more left out: malformed or too many.)\n",
		                                     "(%u more left out: malformed or too many.)\n", page->skipped),
		                       page->skipped);
	if (g != NULL) {
		g->next = iot_registry_page_next_offset(page);
		g->more = page->more;
	}
	if (page->more)
		g_string_append(out, j->things ? _("There are more: type /things more.")
		                               : _("There are more: type /search more."));
	say(j, title, out->str);
	g_string_free(out, TRUE);
}

static Paging *
paging_set(const char *key, GPtrArray *conds)
{
	Paging *g = g_new0(Paging, 1);

	if (paging == NULL)
		paging = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, paging_free);
	g->conds = conds;
	g_hash_table_replace(paging, g_strdup(key), g);
	return g;
}

static PurpleCmdRet
things_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	char *arg = g_strstrip(g_strdup(args && args[0] ? args[0] : ""));
	char *key;
	Paging *g;
	Job *j;
	guint offset = 0;

	if (!online(conv, error)) {
		g_free(arg);
		return PURPLE_CMD_RET_FAILED;
	}
	key = paging_key(conv, "things");
	g = paging ? g_hash_table_lookup(paging, key) : NULL;
	if (g_ascii_strcasecmp(arg, "more") == 0) {
		if (g == NULL || !g->more) {
			g_free(arg);
			g_free(key);
			*error = g_markup_escape_text(_("There is no further page: type /things first."), -1);
			return PURPLE_CMD_RET_FAILED;
		}
		offset = g->next;
	} else if (*arg != '\0') {
		g_free(arg);
		g_free(key);
		*error = g_markup_escape_text(_("/things lists your things; /things more shows the next page."), -1);
		return PURPLE_CMD_RET_FAILED;
	} else {
		paging_set(key, NULL);
	}
	g_free(arg);
	j = job_new(conv);
	j->key = key;
	j->things = TRUE;
	iot_purple_registry_my_things(j->account, offset, CHAT_PAGE, page_cb, j, job_free);
	return PURPLE_CMD_RET_OK;
}

static PurpleCmdRet
search_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	const char *line = args && args[0] ? args[0] : "";
	char *arg = g_strstrip(g_strdup(line));
	char *key;
	Paging *g;
	GPtrArray *conds;
	GError *e = NULL;
	Job *j;
	guint offset = 0;

	if (!online(conv, error)) {
		g_free(arg);
		return PURPLE_CMD_RET_FAILED;
	}
	key = paging_key(conv, "search");
	if (g_ascii_strcasecmp(arg, "more") == 0) {
		g = paging ? g_hash_table_lookup(paging, key) : NULL;
		g_free(arg);
		if (g == NULL || !g->more || g->conds == NULL) {
			g_free(key);
			*error = g_markup_escape_text(_("There is no further page: search first, e.g. /search MAN=example.org."), -1);
			return PURPLE_CMD_RET_FAILED;
		}
		conds = g_ptr_array_ref(g->conds);
		offset = g->next;
	} else {
		conds = iot_registry_search_parse_args(arg, &e);
		g_free(arg);
		if (conds == NULL) {
			char *m = g_strdup_printf("%s\n%s", e->message, iot_registry_search_usage());
			*error = g_markup_escape_text(m, -1);
			g_free(m);
			g_error_free(e);
			g_free(key);
			return PURPLE_CMD_RET_FAILED;
		}
		paging_set(key, g_ptr_array_ref(conds));
	}
	j = job_new(conv);
	j->key = key;
	iot_purple_registry_search(j->account, NULL, conds, offset, CHAT_PAGE, page_cb, j, job_free);
	g_ptr_array_unref(conds);
	return PURPLE_CMD_RET_OK;
}

/* ---- /disown -------------------------------------------------------------------------------- */

static void
disowned_cb(PurpleAccount *account, const GError *error, gpointer data)
{
	Job *j = data;

	say(j, _("Disown"), error != NULL ? error->message
	                                  : _("Done: the thing is no longer yours, and can be claimed again with its new KEY."));
}

static PurpleCmdRet
disown_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	GError *e = NULL;
	char **w = iot_cmdargs_split(args && args[0] ? args[0] : "", &e);
	IotRegistryNode node = { 0 };
	Job *j;

	if (!online(conv, error)) {
		g_strfreev(w);
		g_clear_error(&e);
		return PURPLE_CMD_RET_FAILED;
	}
	if (w == NULL || w[0] == NULL || (w[1] != NULL && w[2] != NULL)) {
		*error = g_markup_escape_text(e ? e->message : _("Name the thing: /disown thing@example.org [node]"), -1);
		g_strfreev(w);
		g_clear_error(&e);
		return PURPLE_CMD_RET_FAILED;
	}
	node.node_id = w[1];
	j = job_new(conv);
	iot_purple_registry_disown(j->account, NULL, w[0], w[1] ? &node : NULL, disowned_cb, j, job_free);
	g_strfreev(w);
	return PURPLE_CMD_RET_OK;
}

/* ---- registration ---------------------------------------------------------------------------- */

void
iot_purple_registry_chat_register(PurplePlugin *plugin)
{
	PurpleCmdFlag flags = PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_CHAT | PURPLE_CMD_FLAG_PRPL_ONLY |
	                      PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS;
	char *search_help, *usage;

	(void)plugin;
	/* Help texts are HTML: angle brackets escaped. */
	cmds[0] = purple_cmd_register(
	    "claim", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", claim_cb,
	    _("claim &lt;iotdisco link&gt; [public]: claim a thing from the thing registry with the link or "
	      "IoTDisco code on it (its KEY included). Shows the tags (KEY masked) before sending; the thing is "
	      "then added to your buddy list.<br>/claim iotdisco:SN=123;MAN=example.org;KEY=9f3a"),
	    NULL);
	cmds[1] = purple_cmd_register(
	    "things", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", things_cb,
	    _("things [more]: the things you own, a page at a time; /things more shows the next page."), NULL);
	usage = g_markup_escape_text(iot_registry_search_usage(), -1);
	search_help = g_strdup_printf(_("search &lt;tag&gt;&lt;op&gt;&lt;value&gt; …: search the thing registry; "
	                                "every condition must hold; /search more shows the next page.<br>%s"),
	                              usage);
	cmds[2] = purple_cmd_register("search", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", search_cb,
	                              search_help, NULL);
	g_free(usage);
	g_free(search_help); /* libpurple keeps a copy */
	cmds[3] = purple_cmd_register(
	    "disown", "s", PURPLE_CMD_P_PLUGIN, flags, "prpl-jabber", disown_cb,
	    _("disown &lt;jid&gt; [&lt;node&gt;]: give a thing of yours up; the registry asks the thing, which must "
	      "be online, and gives it a new KEY.<br>/disown kitchen@example.org"),
	    NULL);
}

void
iot_purple_registry_chat_unregister(void)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cmds); i++) {
		if (cmds[i] != 0)
			purple_cmd_unregister(cmds[i]);
		cmds[i] = 0;
	}
	if (paging != NULL) {
		g_hash_table_destroy(paging);
		paging = NULL;
	}
}
