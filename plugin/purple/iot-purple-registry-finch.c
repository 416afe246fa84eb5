/* iot-purple-registry-finch.c — Tools → XMPP IoT → Claim a thing…, My
 * things…, Search the thing registry…: the UI's windows when it has them
 * (IotUiOps), else libpurple's request and search-results dialogs (Finch,
 * where the QR picture is given as an image path). */
#include "iot-purple-registry-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-purple-ui.h"

#include <connection.h>
#include <glib/gi18n-lib.h>
#include <notify.h>
#include <request.h>

#include <string.h>

static PurplePlugin *self;

static gboolean
is_online_xmpp(PurpleAccount *account)
{
	return account != NULL && g_strcmp0(purple_account_get_protocol_id(account), "prpl-jabber") == 0 &&
	       iot_purple_session_get(account) != NULL;
}

/* The first online XMPP account with a session (NULL: none, said). */
static PurpleAccount *
first_online(const char *title)
{
	GList *l, *all = purple_accounts_get_all_active();
	PurpleAccount *a = NULL;

	for (l = all; l != NULL && a == NULL; l = l->next)
		if (is_online_xmpp(l->data))
			a = l->data;
	g_list_free(all);
	if (a == NULL)
		purple_notify_info(self, title, _("No XMPP account is online."), NULL);
	return a;
}

/* ---- claim ----------------------------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	IotDiscoId *id;
	char *registry, *group, *alias;
	gboolean make_public;
} Claim;

static void
claim_free(gpointer p)
{
	Claim *c = p;

	iot_disco_id_free(c->id);
	g_free(c->registry);
	g_free(c->group);
	g_free(c->alias);
	g_free(c);
}

static void
claimed_cb(PurpleAccount *account, const IotRegistryThing *claimed, const GError *error, gpointer data)
{
	Claim *c = data;
	GError *e = NULL;
	char *who, *text;

	if (error != NULL) {
		purple_notify_error(self, _("Claim a thing"), _("The thing was not claimed."), error->message);
		return;
	}
	if (claimed == NULL || claimed->jid == NULL) {
		purple_notify_info(self, _("Claim a thing"), _("The thing is yours now."),
		                   _("The registry did not say its address: find it under My things."));
		return;
	}
	who = iot_purple_registry_printable(claimed->jid, 128);
	if (iot_purple_registry_add_thing(account, claimed->jid, c->group, c->alias, &e))
		text = g_strdup_printf(_("%s is yours now and in your buddy list."), who);
	else
		text = g_strdup_printf(_("%s is yours now, but it could not be added to your buddy list: %s"), who, e->message);
	purple_notify_info(self, _("Claim a thing"), text, NULL);
	g_clear_error(&e);
	g_free(text);
	g_free(who);
}

static void
confirm_ok(Claim *c, int choice)
{
	if (iot_purple_session_get(c->account) == NULL) {
		purple_notify_error(self, _("Claim a thing"), _("The account is not online."), NULL);
		claim_free(c);
		return;
	}
	iot_purple_registry_claim(c->account, c->registry != NULL ? c->registry : c->id->registry, c->id->tags,
	                          c->make_public, claimed_cb, c, claim_free);
}

static void
confirm_cancel(Claim *c, int choice)
{
	claim_free(c);
}

/* A path of a picture rather than a text: decoded first. */
static gboolean
looks_like_path(const char *s)
{
	return s[0] == '/' || s[0] == '~' || g_str_has_suffix(s, ".png") || g_str_has_suffix(s, ".PNG");
}

static void
claim_form_ok(gpointer data, PurpleRequestFields *fields)
{
	PurpleAccount *account = purple_request_fields_get_account(fields, "account");
	const char *text = purple_request_fields_get_string(fields, "identity");
	const char *registry = purple_request_fields_get_string(fields, "registry");
	char *decoded = NULL, *preview, *shown, *primary;
	GError *e = NULL;
	IotDiscoId *id;
	Claim *c;

	if (account == NULL || !is_online_xmpp(account)) {
		purple_notify_error(self, _("Claim a thing"), _("The account is not online."), NULL);
		return;
	}
	if (text == NULL || *g_strstrip((char *)text) == '\0') {
		purple_notify_error(self, _("Claim a thing"), _("Give the thing's link, IoTDisco code or QR picture."), NULL);
		return;
	}
	if (looks_like_path(text)) {
		char *path = text[0] == '~' ? g_build_filename(g_get_home_dir(), text + 1, NULL) : g_strdup(text);
		decoded = iot_purple_qr_decode_file(path, &e);
		g_free(path);
		if (decoded == NULL) {
			purple_notify_error(self, _("Claim a thing"), _("The QR picture was not read."), e->message);
			g_error_free(e);
			return;
		}
		text = decoded;
	}
	id = iot_disco_id_parse(text, &e);
	g_free(decoded);
	if (id == NULL) {
		purple_notify_error(self, _("Claim a thing"), _("This is not a thing's identity."), e->message);
		g_error_free(e);
		return;
	}
	if (!id->has_key) {
		purple_notify_error(self, _("Claim a thing"), _("This identity has no KEY."),
		                    _("Only a thing's own code, with its KEY, claims it."));
		iot_disco_id_free(id);
		return;
	}
	c = g_new0(Claim, 1);
	c->account = account;
	c->id = id;
	c->registry = registry && *registry ? g_strdup(registry) : NULL;
	c->group = g_strdup(purple_request_fields_get_string(fields, "group"));
	c->alias = g_strdup(purple_request_fields_get_string(fields, "alias"));
	c->make_public = purple_request_fields_get_bool(fields, "public");
	/* Nothing is sent before the person has seen the tags (KEY masked). */
	preview = iot_registry_tags_preview(id->tags);
	shown = iot_purple_registry_printable(preview, 4000);
	primary = g_strdup(c->make_public ? _("Claim this thing and make it public?") : _("Claim this thing, private?"));
	/* A UI without action dialogs shows nothing and calls nothing. */
	if (purple_request_action(self, _("Claim a thing"), primary, shown, 0, account, NULL, NULL, c, 2, _("_Claim"),
	                          G_CALLBACK(confirm_ok), _("Cancel"), G_CALLBACK(confirm_cancel)) == NULL)
		claim_free(c);
	g_free(primary);
	g_free(shown);
	g_free(preview);
}

static void
open_claim_form(PurpleAccount *account)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f;

	purple_request_fields_add_group(fields, g);
	f = purple_request_field_account_new("account", _("Account"), account);
	purple_request_field_account_set_filter(f, is_online_xmpp);
	purple_request_field_account_set_show_all(f, FALSE);
	purple_request_field_group_add_field(g, f);
	f = purple_request_field_string_new("identity", _("Link, IoTDisco code or path of a QR picture"), NULL, FALSE);
	/* A link holds the KEY: typed or pasted, it is not shown. */
	purple_request_field_string_set_masked(f, TRUE);
	purple_request_field_set_required(f, TRUE);
	purple_request_field_group_add_field(g, f);
	purple_request_field_group_add_field(g, purple_request_field_string_new(
	                                            "registry", _("Registry (empty: found on your server)"), NULL, FALSE));
	purple_request_field_group_add_field(g, purple_request_field_bool_new("public", _("Make it public"), FALSE));
	purple_request_field_group_add_field(g, purple_request_field_string_new("group", _("Group"), _("Things"), FALSE));
	purple_request_field_group_add_field(g, purple_request_field_string_new("alias", _("Name (optional)"), NULL, FALSE));
	purple_request_fields(self, _("Claim a thing"), _("Claim a thing"),
	                      _("The tags are shown before anything is sent."), fields, _("_Next"),
	                      G_CALLBACK(claim_form_ok), _("Cancel"), NULL, account, NULL, NULL, NULL);
}

/* ---- lists: My things and search ------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	gboolean things;
	GPtrArray *conds;      /* search */
	guint offset, next;
	gboolean more;
	gpointer window;
	guint op;
	GPtrArray *jids;       /* (element-type utf8) row i → thing JID */
} List;

static GPtrArray *lists;   /* open lists */

static void list_fetch(List *l, guint offset);

static void
list_free(List *l)
{
	if (l->op)
		iot_purple_registry_cancel(l->op);
	if (l->conds)
		g_ptr_array_unref(l->conds);
	if (l->jids)
		g_ptr_array_unref(l->jids);
	g_free(l);
}

static void
list_closed(gpointer data)
{
	List *l = data;

	if (lists != NULL && g_ptr_array_remove(lists, l))
		list_free(l);
}

static List *
list_of(PurpleConnection *gc, gpointer data)
{
	return lists != NULL && g_ptr_array_find(lists, data, NULL) ? data : NULL;
}

static const char *
row_jid(List *l, GList *row)
{
	return row != NULL ? row->data : NULL;
}

static void
action_done(PurpleAccount *account, const GError *error, gpointer data)
{
	const char *what = _((const char *)data); /* an N_() title */

	if (error != NULL)
		purple_notify_error(self, what, _("It did not work."), error->message);
	else
		purple_notify_info(self, what, _("Done."), NULL);
}

#define ROW_ACTION(name, title, call)                                                                   \
	static void name(PurpleConnection *gc, GList *row, gpointer data)                               \
	{                                                                                                  \
		List *l = list_of(gc, data);                                                                  \
		const char *jid = l ? row_jid(l, row) : NULL;                                                 \
		if (jid == NULL)                                                                              \
			return;                                                                               \
		call(l->account, jid, NULL, action_done, (gpointer)title, NULL);                               \
	}

static guint
disown_any(PurpleAccount *a, const char *jid, const IotRegistryNode *node, IotPurpleRegistryDoneFunc cb,
           gpointer d, GDestroyNotify destroy)
{
	return iot_purple_registry_disown(a, NULL, jid, node, cb, d, destroy);
}

static guint
remove_any(PurpleAccount *a, const char *jid, const IotRegistryNode *node, IotPurpleRegistryDoneFunc cb,
           gpointer d, GDestroyNotify destroy)
{
	return iot_purple_registry_remove(a, NULL, jid, node, cb, d, destroy);
}

ROW_ACTION(row_disown, N_("Disown"), disown_any)
ROW_ACTION(row_remove, N_("Remove from the registry"), remove_any)
ROW_ACTION(row_clear, N_("Clear the rule cache"), iot_purple_provisioning_clear_cache)
ROW_ACTION(row_delete, N_("Delete the rules"), iot_purple_provisioning_delete_rules)

static void
row_add(PurpleConnection *gc, GList *row, gpointer data)
{
	List *l = list_of(gc, data);
	const char *jid = l ? row_jid(l, row) : NULL;
	GError *e = NULL;

	if (jid != NULL && !iot_purple_registry_add_thing(l->account, jid, NULL, NULL, &e)) {
		purple_notify_error(self, _("Add to buddy list"), _("It did not work."), e->message);
		g_error_free(e);
	}
}

static void
row_next(PurpleConnection *gc, GList *row, gpointer data)
{
	List *l = list_of(gc, data);

	if (l != NULL && l->more)
		list_fetch(l, l->next);
}

static void
row_prev(PurpleConnection *gc, GList *row, gpointer data)
{
	List *l = list_of(gc, data);

	if (l != NULL && l->offset > 0)
		list_fetch(l, l->offset > IOT_PURPLE_REGISTRY_PAGE_DEFAULT ? l->offset - IOT_PURPLE_REGISTRY_PAGE_DEFAULT : 0);
}

static void
page_cb(PurpleAccount *account, const IotRegistryPage *page, const GError *error, gpointer data)
{
	List *l = data;
	PurpleNotifySearchResults *r;
	PurpleConnection *gc = purple_account_get_connection(account);
	char *secondary;
	gpointer w;
	guint i;
	const char *title = l->things ? _("My things") : _("Search the thing registry");

	l->op = 0;
	if (error != NULL || gc == NULL) {
		purple_notify_error(self, title, _("The list could not be had."), error ? error->message : NULL);
		list_closed(l);
		return;
	}
	l->offset = page->offset;
	l->next = iot_registry_page_next_offset(page);
	l->more = page->more;
	r = purple_notify_searchresults_new();
	purple_notify_searchresults_column_add(r, purple_notify_searchresults_column_new(_("Address")));
	purple_notify_searchresults_column_add(r, purple_notify_searchresults_column_new(_("Node")));
	purple_notify_searchresults_column_add(r, purple_notify_searchresults_column_new(_("Tags")));
	for (i = 0; i < page->things->len; i++) {
		const IotRegistryThing *t = g_ptr_array_index(page->things, i);
		GString *tags = g_string_new(NULL);
		GList *row = NULL;
		guint k;

		for (k = 0; t->tags != NULL && k < t->tags->len; k++) {
			const IotRegistryTag *tag = g_ptr_array_index(t->tags, k);
			g_string_append_printf(tags, "%s%s=%s", k ? ", " : "", tag->name,
			                       iot_registry_tag_is_key(tag->name) ? IOT_REGISTRY_KEY_MASK : tag->value);
		}
		/* The first column is the JID as sent (row actions use it). */
		row = g_list_append(row, g_strdup(t->jid));
		row = g_list_append(row, iot_purple_registry_printable(t->node.node_id, 64));
		row = g_list_append(row, iot_purple_registry_printable(tags->str, 400));
		g_string_free(tags, TRUE);
		purple_notify_searchresults_row_add(r, row);
	}
	if (l->things) {
		purple_notify_searchresults_button_add_labeled(r, _("Disown"), row_disown);
		purple_notify_searchresults_button_add_labeled(r, _("Remove from registry"), row_remove);
		purple_notify_searchresults_button_add_labeled(r, _("Clear rule cache"), row_clear);
		purple_notify_searchresults_button_add_labeled(r, _("Delete rules"), row_delete);
	} else {
		purple_notify_searchresults_button_add_labeled(r, _("Add to buddy list"), row_add);
	}
	if (page->offset > 0)
		purple_notify_searchresults_button_add_labeled(r, _("Previous"), row_prev);
	if (page->more)
		purple_notify_searchresults_button_add_labeled(r, _("Next"), row_next);
	secondary = g_strdup_printf(_("Things %u to %u%s."), page->offset + (page->things->len ? 1 : 0),
	                            page->offset + page->things->len, page->more ? _(", more follow") : "");
	/* One window per list: the previous page's closes (its close callback
	 * is not this list's end). */
	if (l->window != NULL) {
		w = l->window;
		l->window = NULL;
		g_ptr_array_remove(lists, l);
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, w);
		g_ptr_array_add(lists, l);
	}
	/* Without a window libpurple runs list_closed() at once: @l is gone then. */
	w = purple_notify_searchresults(gc, title, title, secondary, r, list_closed, l);
	if (w != NULL)
		l->window = w;
	g_free(secondary);
}

static void
list_fetch(List *l, guint offset)
{
	if (l->op)
		return;
	if (l->things)
		l->op = iot_purple_registry_my_things(l->account, offset, IOT_PURPLE_REGISTRY_PAGE_DEFAULT, page_cb, l, NULL);
	else
		l->op = iot_purple_registry_search(l->account, NULL, l->conds, offset, IOT_PURPLE_REGISTRY_PAGE_DEFAULT,
		                                   page_cb, l, NULL);
}

static List *
list_new(PurpleAccount *account, gboolean things)
{
	List *l = g_new0(List, 1);

	if (lists == NULL)
		lists = g_ptr_array_new();
	l->account = account;
	l->things = things;
	g_ptr_array_add(lists, l);
	return l;
}

static void
search_form_ok(gpointer data, PurpleRequestFields *fields)
{
	PurpleAccount *account = purple_request_fields_get_account(fields, "account");
	const char *line = purple_request_fields_get_string(fields, "conditions");
	GError *e = NULL;
	GPtrArray *conds;
	List *l;

	if (account == NULL || !is_online_xmpp(account)) {
		purple_notify_error(self, _("Search the thing registry"), _("The account is not online."), NULL);
		return;
	}
	if ((conds = iot_registry_search_parse_args(line ? line : "", &e)) == NULL) {
		purple_notify_error(self, _("Search the thing registry"), _("The conditions were not understood."), e->message);
		g_error_free(e);
		return;
	}
	l = list_new(account, FALSE);
	l->conds = conds;
	list_fetch(l, 0);
}

static void
open_search_form(PurpleAccount *account)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f;

	purple_request_fields_add_group(fields, g);
	f = purple_request_field_account_new("account", _("Account"), account);
	purple_request_field_account_set_filter(f, is_online_xmpp);
	purple_request_field_account_set_show_all(f, FALSE);
	purple_request_field_group_add_field(g, f);
	f = purple_request_field_string_new("conditions", _("Conditions"), NULL, FALSE);
	purple_request_field_set_required(f, TRUE);
	purple_request_field_group_add_field(g, f);
	purple_request_fields(self, _("Search the thing registry"), _("Search the thing registry"),
	                      iot_registry_search_usage(), fields, _("_Search"), G_CALLBACK(search_form_ok), _("Cancel"),
	                      NULL, account, NULL, NULL, NULL);
}

/* ---- the rules given ------------------------------------------------------------------------ */

typedef struct {
	PurpleAccount *account;
} Given;

static void
given_closed(gpointer data)
{
	g_free(data);
}

static void
revoke_done(PurpleAccount *account, const GError *error, gpointer data)
{
	if (error != NULL)
		purple_notify_error(self, _("Rules given"), _("The rules were not revoked."), error->message);
	else
		purple_notify_info(self, _("Rules given"), _("Revoked: the provisioning service will ask again."), NULL);
}

/* Revokes the rules of the row's thing (and node): deleteRules there. */
static void
row_revoke(PurpleConnection *gc, GList *row, gpointer data)
{
	Given *g = data;
	const char *jid = row ? row->data : NULL;
	const char *node = row && row->next ? row->next->data : NULL;
	IotRegistryNode n = { 0 };

	if (jid == NULL || *jid == '\0')
		return;
	n.node_id = (char *)node;
	iot_purple_provisioning_delete_rules(g->account, jid, node != NULL && *node != '\0' ? &n : NULL, revoke_done,
	                                     NULL, NULL);
}

void
iot_purple_registry_open_rules_given(PurpleAccount *account)
{
	GPtrArray *rules = iot_purple_provisioning_rules_given(account, NULL);
	PurpleNotifySearchResults *r = purple_notify_searchresults_new();
	PurpleConnection *gc = purple_account_get_connection(account);
	Given *g;
	guint i;

	purple_notify_searchresults_column_add(r, purple_notify_searchresults_column_new(_("Thing")));
	purple_notify_searchresults_column_add(r, purple_notify_searchresults_column_new(_("Node")));
	purple_notify_searchresults_column_add(r, purple_notify_searchresults_column_new(_("Rule")));
	for (i = 0; i < rules->len; i++) {
		const IotProvisioningRule *rule = g_ptr_array_index(rules, i);
		char *text = iot_provisioning_rule_describe(rule);
		GList *row = NULL;

		row = g_list_append(row, g_strdup(rule->jid));
		row = g_list_append(row, g_strdup(rule->node.node_id ? rule->node.node_id : ""));
		row = g_list_append(row, iot_purple_registry_printable(text, 300));
		g_free(text);
		purple_notify_searchresults_row_add(r, row);
	}
	purple_notify_searchresults_button_add_labeled(r, _("Revoke"), row_revoke);
	g_ptr_array_unref(rules);
	g = g_new0(Given, 1);
	g->account = account;
	/* Without a window libpurple runs given_closed() at once. */
	if (gc == NULL)
		g_free(g);
	else
		purple_notify_searchresults(gc, _("Rules given"), _("Rules given"),
		                            _("The rules you gave, as this client recorded them. Revoking deletes "
		                              "every rule of that thing (or node) at the provisioning service."),
		                            r, given_closed, g);
}

static void
rules_action(PurplePluginAction *action)
{
	PurpleAccount *a = first_online(_("Rules given"));

	if (a != NULL)
		iot_purple_registry_open_rules_given(a);
}

/* ---- disowning from the buddy menu ------------------------------------------------------------ */

typedef struct {
	PurpleAccount *account;
	char *who;
} Disown;

static void
disown_free(Disown *d)
{
	g_free(d->who);
	g_free(d);
}

static void
disowned_cb(PurpleAccount *account, const GError *error, gpointer data)
{
	if (error != NULL)
		purple_notify_error(self, _("Disown"), _("The thing was not disowned."), error->message);
	else
		purple_notify_info(self, _("Disown"), _("The thing is no longer yours."),
		                   _("It can be claimed again with its new KEY."));
}

static void
disown_yes(Disown *d, int choice)
{
	iot_purple_registry_disown(d->account, NULL, d->who, NULL, disowned_cb, NULL, NULL);
	disown_free(d);
}

static void
disown_no(Disown *d, int choice)
{
	disown_free(d);
}

void
iot_purple_registry_menu_disown(PurpleAccount *account, const char *who)
{
	Disown *d = g_new0(Disown, 1);
	char *shown = iot_purple_registry_printable(who, 128);
	char *primary = g_strdup_printf(_("Give up %s?"), shown);

	d->account = account;
	d->who = g_strdup(who);
	/* Nothing is sent before the person says so. */
	if (purple_request_action(self, _("Disown"), primary,
	                          _("The registry asks the thing, which must be online; it then gets a new KEY and can be "
	                            "claimed again."),
	                          1, account, who, NULL, d, 2, _("_Disown"), G_CALLBACK(disown_yes), _("Cancel"),
	                          G_CALLBACK(disown_no)) == NULL)
		disown_free(d); /* a UI without action dialogs: nothing asked, nothing sent */
	g_free(primary);
	g_free(shown);
}

/* ---- actions --------------------------------------------------------------------------------- */

static void
claim_action(PurplePluginAction *action)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	PurpleAccount *a = first_online(_("Claim a thing"));

	if (a == NULL)
		return;
	if (ui != NULL && ui->open_claim != NULL)
		ui->open_claim(a);
	else
		open_claim_form(a);
}

static void
things_action(PurplePluginAction *action)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	PurpleAccount *a = first_online(_("My things"));

	if (a == NULL)
		return;
	if (ui != NULL && ui->open_my_things != NULL)
		ui->open_my_things(a);
	else
		list_fetch(list_new(a, TRUE), 0);
}

static void
search_action(PurplePluginAction *action)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	PurpleAccount *a = first_online(_("Search the thing registry"));

	if (a == NULL)
		return;
	if (ui != NULL && ui->open_registry_search != NULL)
		ui->open_registry_search(a);
	else
		open_search_form(a);
}

GList *
iot_purple_registry_actions(PurplePlugin *plugin, gpointer context)
{
	GList *l = NULL;

	self = plugin;
	/* TRANSLATORS: plugin menu items (Tools → XMPP IoT). */
	l = g_list_append(l, purple_plugin_action_new(_("Claim a thing…"), claim_action));
	l = g_list_append(l, purple_plugin_action_new(_("My things…"), things_action));
	l = g_list_append(l, purple_plugin_action_new(_("Search the thing registry…"), search_action));
	l = g_list_append(l, purple_plugin_action_new(_("Rules given…"), rules_action));
	return l;
}

/* Closes every list window (unload). */
void
iot_purple_registry_finch_close_all(void)
{
	while (lists != NULL && lists->len > 0) {
		List *l = g_ptr_array_index(lists, lists->len - 1);
		gpointer w = l->window;
		g_ptr_array_remove_index(lists, lists->len - 1);
		l->window = NULL;
		if (w != NULL)
			purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, w);
		list_free(l);
	}
	if (lists != NULL) {
		g_ptr_array_free(lists, TRUE);
		lists = NULL;
	}
}
