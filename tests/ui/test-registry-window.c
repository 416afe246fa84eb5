/*
 * test-registry-window.c — the owning-things windows under Xvfb, in front
 * of a fixture home that answers later, as the adapter does: the Claim a
 * thing dialog (a link with a hostile NAME and a KEY that never shows, a
 * malformed link, an unreadable and a readable QR picture, typed tags, the
 * registry's refusal in words, then the group and the name), My things (250
 * things a page at a time, Disown after a confirmation, Edit tags deleting
 * a removed tag, rule cache and rules, the rules given and Revoke, Make
 * public said to be impossible), the search form (conditions, paged
 * results, Add to buddy list), the question dialog (scope, limits, the
 * answer sent once), and closing with requests pending; a KEY that is
 * not drawn while typed (test-registry-mask.c). PNGs of each.
 * Run by tests/ui/window-tests.sh BUILD_DIR ARTIFACT_DIR.
 */
#include "iot-gtk-registry.h"
#include "test-registry-window.h"
#include "ui-test-util.h"

#include <check.h>
#include <gtk/gtk.h>
#include <libxml/parser.h>
#include <string.h>

#define REGISTRY "registry.home.example"
#define HOSTILE_NAME "<b>Lamp</b> &amp; _1"
#define MY_THINGS 250
#define FOUND 230

typedef struct {
	GPtrArray *log;  /* (element-type utf8) one line a request */
	GPtrArray *held; /* requests not answered yet */
	gboolean hold;
	guint cancels, closed;
	gboolean fail_claim;
} Fake;

static Fake fake;
static GtkWidget *current; /* the window under test */

/* ---- the fixture home ---- */

static IotRegistryThing *
thing(const char *jid, const char *node, const char *name, const char *room)
{
	IotRegistryThing *t = g_new0(IotRegistryThing, 1);

	t->jid = g_strdup(jid);
	t->node.node_id = g_strdup(node);
	t->owner = g_strdup("me@home.example");
	t->tags = iot_registry_tags_new();
	if (name != NULL)
		iot_registry_tags_add(t->tags, "NAME", name, FALSE, NULL);
	iot_registry_tags_add(t->tags, "ROOM", room, FALSE, NULL);
	iot_registry_tags_add(t->tags, "V", "1.2", TRUE, NULL);
	return t;
}

static IotRegistryPage *
page(guint offset, guint max, guint total, const char *prefix)
{
	IotRegistryPage *p = g_new0(IotRegistryPage, 1);
	guint i;

	p->things = g_ptr_array_new_with_free_func((GDestroyNotify)iot_registry_thing_free);
	p->offset = offset;
	for (i = offset; i < total && i < offset + max; i++) {
		char *jid = g_strdup_printf("%s%03u@home.example", prefix, i);

		g_ptr_array_add(p->things, i == 1 ? thing(jid, "Lamp1", HOSTILE_NAME, "Hall way")
		                                  : thing(jid, NULL, NULL, i % 2 ? "Kitchen" : "Living room"));
		g_free(jid);
	}
	p->more = i < total;
	return p;
}

static IotProvisioningRule *
rule(const char *remote, IotRuleRange range)
{
	IotProvisioningRule *r = g_new0(IotProvisioningRule, 1);

	r->kind = IOT_QUESTION_CAN_READ;
	r->service = g_strdup("provisioning.home.example");
	r->jid = g_strdup("thing000@home.example");
	r->remote_jid = g_strdup(remote);
	r->yes = TRUE;
	r->range = range;
	r->categories = IOT_CAT_MOMENTARY;
	r->names = g_ptr_array_new_with_free_func(g_free);
	return r;
}

static char *
tags_text(const GPtrArray *tags)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);

		g_string_append_printf(s, "%s%s%s=%s", i ? ";" : "", t->numeric ? "#" : "", t->name, t->value);
	}
	return g_string_free(s, FALSE);
}

static void
answer(IotGtkRegistryRequest *req)
{
	const char *path = iot_gtk_registry_request_get_path(req);
	IotRegistryPage *p;
	IotRegistryThing *t;
	GPtrArray *rules;

	switch (iot_gtk_registry_request_get_kind(req)) {
	case IOT_GTK_REGISTRY_REQ_FIND_REGISTRY:
		iot_gtk_registry_request_answer_text(req, REGISTRY);
		break;
	case IOT_GTK_REGISTRY_REQ_DECODE_QR:
		if (strstr(path, "unreadable") != NULL)
			iot_gtk_registry_request_fail(req, "No QR code could be read in this picture.");
		else
			iot_gtk_registry_request_answer_text(req, "IoTDisco;MAN:home.example;SN:99;KEY:" SECRET);
		break;
	case IOT_GTK_REGISTRY_REQ_CLAIM:
		if (fake.fail_claim) {
			iot_gtk_registry_request_fail(req, "No unclaimed thing with these tags is known to the registry: "
			                                   "check the tags, or the thing is already claimed.");
			break;
		}
		t = thing("lamp1@home.example", NULL, NULL, "Hall");
		iot_gtk_registry_request_answer_claimed(req, t);
		iot_registry_thing_free(t);
		break;
	case IOT_GTK_REGISTRY_REQ_MY_THINGS:
	case IOT_GTK_REGISTRY_REQ_SEARCH:
		p = iot_gtk_registry_request_get_kind(req) == IOT_GTK_REGISTRY_REQ_MY_THINGS
		        ? page(iot_gtk_registry_request_get_offset(req), iot_gtk_registry_request_get_max_count(req),
		               MY_THINGS, "thing")
		        : page(iot_gtk_registry_request_get_offset(req), iot_gtk_registry_request_get_max_count(req),
		               FOUND, "found");
		iot_gtk_registry_request_answer_page(req, p);
		iot_registry_page_free(p);
		break;
	case IOT_GTK_REGISTRY_REQ_RULES_GIVEN:
		rules = g_ptr_array_new_with_free_func((GDestroyNotify)iot_provisioning_rule_free);
		g_ptr_array_add(rules, rule("bob@friends.example", IOT_RULE_DOMAIN));
		g_ptr_array_add(rules, rule("<i>eve</i>@x.example", IOT_RULE_CALLER));
		iot_gtk_registry_request_answer_rules(req, rules);
		g_ptr_array_unref(rules);
		break;
	default:
		iot_gtk_registry_request_answer_done(req);
		break;
	}
}

static gboolean
answer_later(gpointer data)
{
	answer(data);
	return G_SOURCE_REMOVE;
}

static void
fake_request(IotGtkRegistryRequest *req, gpointer user_data)
{
	static const char *const kinds[] = { "FIND_REGISTRY", "DECODE_QR", "CLAIM", "ADD_CONTACT", "MY_THINGS",
		                                 "SEARCH", "DISOWN", "REMOVE", "MAKE_PUBLIC", "UPDATE_TAGS",
		                                 "CLEAR_CACHE", "DELETE_RULES", "RULES_GIVEN", "REVOKE", "ANSWER" };
	const IotRegistryNode *node = iot_gtk_registry_request_get_node(req);
	const IotAnswer *a = iot_gtk_registry_request_get_answer(req);
	char *tags = tags_text(iot_gtk_registry_request_get_tags(req));
	char *conds = iot_gtk_registry_request_get_conds(req) != NULL
	                  ? iot_registry_search_describe(iot_gtk_registry_request_get_conds(req))
	                  : g_strdup("");
	char *fields = a != NULL && a->fields != NULL ? g_strjoinv(",", (char **)a->fields) : g_strdup("");
	char *params = a != NULL && a->parameters != NULL ? g_strjoinv(",", (char **)a->parameters) : g_strdup("");
	char *line = g_strdup_printf(
	    "%s reg=%s jid=%s node=%s tags=%s public=%d offset=%u conds=%s group=%s alias=%s yes=%d range=%d "
	    "token=%s cats=%u fields=%s params=%s",
	    kinds[iot_gtk_registry_request_get_kind(req)], iot_gtk_registry_request_get_registry(req),
	    iot_gtk_registry_request_get_jid(req), node != NULL ? node->node_id : "(none)", tags,
	    iot_gtk_registry_request_get_make_public(req), iot_gtk_registry_request_get_offset(req), conds,
	    iot_gtk_registry_request_get_group(req), iot_gtk_registry_request_get_alias(req), a ? a->yes : -1,
	    a ? (int)a->range : -1, a && a->token ? a->token : "", a ? a->categories : 0, fields, params);

	g_ptr_array_add(fake.log, line);
	g_free(tags);
	g_free(conds);
	g_free(fields);
	g_free(params);
	if (fake.hold)
		g_ptr_array_add(fake.held, req);
	else
		g_idle_add(answer_later, req);
}

static void
fake_cancel(IotGtkRegistryRequest *req, gpointer user_data)
{
	fake.cancels++;
}

static GPtrArray *
fake_groups(gpointer user_data)
{
	GPtrArray *g = g_ptr_array_new_with_free_func(g_free);

	g_ptr_array_add(g, g_strdup("Things"));
	g_ptr_array_add(g, g_strdup("Buddies"));
	return g;
}

static void
fake_closed(GtkWidget *window, gpointer user_data)
{
	fake.closed++;
	if (window == current)
		current = NULL;
}

const IotGtkRegistryOps ops = { fake_request, fake_cancel, fake_groups, NULL, fake_closed,
	                                   IOT_GTK_REGISTRY_CAN_DECODE_QR | IOT_GTK_REGISTRY_CAN_PROVISION, NULL };

/* The newest request's log line starting with @prefix, or NULL. */
const char *
logged(const char *prefix)
{
	guint i;

	for (i = fake.log->len; i > 0; i--)
		if (g_str_has_prefix(g_ptr_array_index(fake.log, i - 1), prefix))
			return g_ptr_array_index(fake.log, i - 1);
	return NULL;
}

static void
setup(void)
{
	memset(&fake, 0, sizeof fake);
	fake.log = g_ptr_array_new_with_free_func(g_free);
	fake.held = g_ptr_array_new();
}

static void
teardown(void)
{
	if (current != NULL)
		gtk_widget_destroy(current);
	current = NULL;
	ui_test_run_ms(20);
	g_ptr_array_unref(fake.log);
	g_ptr_array_unref(fake.held);
}

void
settle(void)
{
	int i;

	for (i = 0; i < 20 || (i < 300 && gtk_events_pending()); i++)
		ui_test_run_ms(5);
}

void
show(GtkWidget *w)
{
	current = w;
	gtk_window_move(GTK_WINDOW(w), 0, 0);
	ui_test_show_and_wait(w, 50);
	settle();
}

gboolean
sensitive(GtkWidget *w)
{
	return gtk_widget_is_sensitive(w);
}

static char *
cell(GtkTreeModel *m, guint row, int col)
{
	GtkTreeIter iter;
	char *out = NULL;

	ck_assert(gtk_tree_model_iter_nth_child(m, &iter, NULL, (int)row));
	gtk_tree_model_get(m, &iter, col, &out, -1);
	return out;
}

static void
assert_cell(GtkTreeModel *m, guint row, int col, const char *want)
{
	char *got = cell(m, row, col);

	ck_assert_str_eq(got, want);
	g_free(got);
}

/* Presses the OK button of the confirmation @d (a GtkDialog). */
static void
confirm(GtkWidget *d)
{
	ck_assert_ptr_nonnull(d);
	gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
	settle();
}

/* ---- Claim a thing ---- */

START_TEST(test_claim_link)
{
	IotGtkRegistryClaim *dlg = iot_gtk_registry_claim_new("me@home.example", &ops, NULL);
	const char *line;

	show(iot_gtk_registry_claim_get_window(dlg));
	/* The registry was looked for when the dialog opened. */
	ck_assert_ptr_nonnull(logged("FIND_REGISTRY"));
	ck_assert_str_eq(gtk_entry_get_text(iot_gtk_registry_claim_get_registry_entry(dlg)), REGISTRY);
	ck_assert(!sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	iot_gtk_registry_claim_set_text(dlg, "iotdisco:MAN=home.example;SN=4711;KEY=" SECRET ";NAME=%3Cb%3ELamp%3C%2Fb%3E%20%26amp%3B%20_1");
	/* The preview shows every tag as sent, KEY masked; nothing was sent. */
	ck_assert_ptr_null(strstr(iot_gtk_registry_claim_get_preview(dlg), SECRET));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), IOT_REGISTRY_KEY_MASK));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), HOSTILE_NAME));
	ck_assert_ptr_null(logged("CLAIM"));
	ck_assert(sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	gtk_toggle_button_set_active(iot_gtk_registry_claim_get_public_check(dlg), TRUE);
	ui_test_save_png(iot_gtk_registry_claim_get_window(dlg), "registry-claim.png");

	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_claim_get_button(dlg, "claim")));
	settle();
	line = logged("CLAIM");
	ck_assert_ptr_nonnull(line);
	/* The claim itself carries KEY, and the public flag. */
	ck_assert_ptr_nonnull(strstr(line, "KEY=" SECRET));
	ck_assert_ptr_nonnull(strstr(line, "public=1"));
	ck_assert_ptr_nonnull(strstr(line, "reg=" REGISTRY));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_status(dlg), "lamp1@home.example"));
	/* Then the group and the name, the name offered from NAME as sent. */
	ck_assert(gtk_widget_get_visible(iot_gtk_registry_claim_get_button(dlg, "add")));
	ck_assert_str_eq(gtk_entry_get_text(iot_gtk_registry_claim_get_group_entry(dlg)), "Things");
	/* Once sent, the link on the screen shows KEY masked too. */
	ck_assert_ptr_null(strstr(gtk_entry_get_text(iot_gtk_registry_claim_get_link_entry(dlg)), SECRET));
	ck_assert_ptr_nonnull(strstr(gtk_entry_get_text(iot_gtk_registry_claim_get_link_entry(dlg)), "SN=4711"));
	ck_assert_str_eq(gtk_entry_get_text(iot_gtk_registry_claim_get_alias_entry(dlg)), HOSTILE_NAME);
	gtk_entry_set_text(iot_gtk_registry_claim_get_group_entry(dlg), "Hall");
	gtk_entry_set_text(iot_gtk_registry_claim_get_alias_entry(dlg), "Hall lamp");
	ui_test_save_png(iot_gtk_registry_claim_get_window(dlg), "registry-claimed.png");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_claim_get_button(dlg, "add")));
	settle();
	line = logged("ADD_CONTACT");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(line, "jid=lamp1@home.example"));
	ck_assert_ptr_nonnull(strstr(line, "group=Hall alias=Hall lamp"));
	ck_assert_str_eq(iot_gtk_registry_claim_get_status(dlg), "The thing is in your buddy list.");
	ck_assert_uint_eq(fake.log->len, 3);
}
END_TEST

START_TEST(test_claim_errors)
{
	IotGtkRegistryClaim *dlg = iot_gtk_registry_claim_new("me@home.example", &ops, NULL);
	GtkListStore *store;
	GtkTreeIter iter;

	iot_gtk_registry_claim_set_registry(dlg, "other-registry.example");
	show(iot_gtk_registry_claim_get_window(dlg));
	ck_assert_ptr_null(logged("FIND_REGISTRY"));
	/* A malformed link: said in words, nothing to claim. */
	iot_gtk_registry_claim_set_text(dlg, "iotdisco:MAN=home.example;KEY");
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), "The link is not a thing's identity"));
	ck_assert(!sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	/* An unreadable picture. */
	iot_gtk_registry_claim_set_mode(dlg, 1);
	iot_gtk_registry_claim_set_picture(dlg, "/nonexistent/unreadable.png");
	settle();
	ck_assert_str_eq(iot_gtk_registry_claim_get_preview(dlg), "No QR code could be read in this picture.");
	ck_assert(!sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	/* A readable one: KEY masked in the preview. */
	iot_gtk_registry_claim_set_picture(dlg, "/nonexistent/good.png");
	settle();
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), "SN = 99"));
	ck_assert_ptr_null(strstr(iot_gtk_registry_claim_get_preview(dlg), SECRET));
	ck_assert(sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	/* Typed tags: a bad name is named; a good table previews. */
	iot_gtk_registry_claim_set_mode(dlg, 2);
	store = iot_gtk_registry_claim_get_tags_store(dlg);
	gtk_list_store_insert_with_values(store, &iter, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, "MA;N",
	                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, "x", IOT_GTK_REGISTRY_TAG_COL_NUMERIC, FALSE, -1);
	iot_gtk_registry_claim_tags_changed(dlg);
	ck_assert(!sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	gtk_list_store_set(store, &iter, IOT_GTK_REGISTRY_TAG_COL_NAME, "MAN", -1);
	gtk_list_store_insert_with_values(store, NULL, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, "KEY",
	                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, SECRET, IOT_GTK_REGISTRY_TAG_COL_NUMERIC, FALSE, -1);
	gtk_list_store_insert_with_values(store, NULL, -1, IOT_GTK_REGISTRY_TAG_COL_NAME, "V",
	                                  IOT_GTK_REGISTRY_TAG_COL_VALUE, "2.5", IOT_GTK_REGISTRY_TAG_COL_NUMERIC, TRUE, -1);
	iot_gtk_registry_claim_tags_changed(dlg);
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_preview(dlg), "V = 2.5 (number)"));
	ck_assert_ptr_null(strstr(iot_gtk_registry_claim_get_preview(dlg), SECRET));
	ui_test_save_png(iot_gtk_registry_claim_get_window(dlg), "registry-claim-typed.png");
	/* The registry's refusal in words; the dialog stays for another try. */
	fake.fail_claim = TRUE;
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_claim_get_button(dlg, "claim")));
	settle();
	ck_assert_ptr_nonnull(strstr(logged("CLAIM"), "reg=other-registry.example"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_claim_get_status(dlg), "already claimed"));
	ck_assert(sensitive(iot_gtk_registry_claim_get_button(dlg, "claim")));
	ck_assert_ptr_null(logged("ADD_CONTACT"));
}
END_TEST

/* ---- My things ---- */

START_TEST(test_my_things)
{
	IotGtkRegistryThings *win = iot_gtk_registry_things_new("me@home.example", &ops, NULL);
	GtkTreeModel *m = iot_gtk_registry_things_get_model(win);
	GtkWidget *d;
	GtkListStore *tags;
	GtkTreeIter iter;
	const char *line;

	iot_gtk_registry_things_set_registry(win, REGISTRY);
	show(iot_gtk_registry_things_get_window(win));
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 100);
	ck_assert_str_eq(iot_gtk_registry_things_get_count(win), "Things 1–100 (more follow)");
	/* Sent as they came, KEY never, control characters made spaces. */
	assert_cell(m, 1, IOT_GTK_REGISTRY_THING_COL_TAGS, "NAME=" HOSTILE_NAME "; ROOM=Hall way; #V=1.2");
	assert_cell(m, 1, IOT_GTK_REGISTRY_THING_COL_NODE, "Lamp1");
	/* Past 100, and back. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "next")));
	settle();
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "next")));
	settle();
	ck_assert_str_eq(iot_gtk_registry_things_get_count(win), "Things 201–250");
	ck_assert(!sensitive(iot_gtk_registry_things_get_button(win, "next")));
	assert_cell(m, 49, IOT_GTK_REGISTRY_THING_COL_JID, "thing249@home.example");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "previous")));
	settle();
	ck_assert_str_eq(iot_gtk_registry_things_get_count(win), "Things 101–200 (more follow)");
	ck_assert_ptr_nonnull(strstr(logged("MY_THINGS"), "offset=100"));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "previous")));
	settle();

	/* The selected thing's rules given. */
	ck_assert(!sensitive(iot_gtk_registry_things_get_button(win, "disown")));
	ck_assert(iot_gtk_registry_things_select(win, "thing001@home.example", "Lamp1"));
	settle();
	ck_assert_ptr_nonnull(strstr(logged("RULES_GIVEN"), "jid=thing001@home.example"));
	ck_assert_int_eq(gtk_tree_model_iter_n_children(iot_gtk_registry_things_get_rules_model(win), NULL), 2);
	/* Make public cannot be done: said, not offered. */
	ck_assert(!sensitive(iot_gtk_registry_things_get_button(win, "public")));
	ck_assert_ptr_nonnull(gtk_widget_get_tooltip_text(iot_gtk_registry_things_get_button(win, "public")));
	ui_test_save_png(iot_gtk_registry_things_get_window(win), "registry-my-things.png");

	/* Disown: nothing before the confirmation. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "disown")));
	ck_assert_ptr_null(logged("DISOWN"));
	d = iot_gtk_registry_things_get_dialog(win);
	ui_test_save_png(d, "registry-disown-confirm.png");
	/* The confirmation is about the thing selected when it was asked. */
	ck_assert(iot_gtk_registry_things_select(win, "thing003@home.example", NULL));
	confirm(d);
	line = logged("DISOWN");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(line, "reg=" REGISTRY " jid=thing001@home.example node=Lamp1"));
	ck_assert_str_eq(iot_gtk_registry_things_get_status(win), "Disowned.");

	/* Edit tags: a removed tag goes with an empty value. */
	ck_assert(iot_gtk_registry_things_select(win, "thing002@home.example", NULL));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "edit")));
	d = iot_gtk_registry_things_get_dialog(win);
	tags = g_object_get_data(G_OBJECT(d), "tags");
	ck_assert(gtk_tree_model_get_iter_first(GTK_TREE_MODEL(tags), &iter)); /* ROOM */
	gtk_list_store_set(tags, &iter, IOT_GTK_REGISTRY_TAG_COL_VALUE, "Pantry", -1);
	ck_assert(gtk_tree_model_iter_next(GTK_TREE_MODEL(tags), &iter)); /* V */
	gtk_list_store_remove(tags, &iter);
	gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_OK);
	settle();
	ck_assert_ptr_nonnull(strstr(logged("UPDATE_TAGS"), "tags=ROOM=Pantry;V= "));

	/* Rule cache, rules of the node, revoke. */
	ck_assert(iot_gtk_registry_things_select(win, "thing001@home.example", "Lamp1"));
	settle();
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "clear-cache")));
	settle();
	ck_assert_ptr_nonnull(strstr(logged("CLEAR_CACHE"), "node=Lamp1"));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "delete-rules")));
	confirm(iot_gtk_registry_things_get_dialog(win));
	ck_assert_ptr_nonnull(strstr(logged("DELETE_RULES"), "node=Lamp1"));
	ck_assert(iot_gtk_registry_things_select_rule(win, 1));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_things_get_button(win, "revoke")));
	ck_assert_ptr_null(logged("REVOKE"));
	confirm(iot_gtk_registry_things_get_dialog(win));
	ck_assert_ptr_nonnull(logged("REVOKE"));
	ck_assert_ptr_null(logged("REMOVE"));
	ck_assert_ptr_null(logged("MAKE_PUBLIC"));
}
END_TEST

/* ---- Search ---- */

START_TEST(test_search)
{
	IotGtkRegistrySearch *win = iot_gtk_registry_search_new("me@home.example", &ops, NULL);
	GtkTreeModel *m = iot_gtk_registry_search_get_model(win);
	const char *line;

	show(iot_gtk_registry_search_get_window(win));
	ck_assert_ptr_nonnull(logged("FIND_REGISTRY"));
	/* An empty form says what it needs. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_search_get_button(win, "search")));
	ck_assert_str_eq(iot_gtk_registry_search_get_status(win), "Give at least one condition: a tag and a value.");
	ck_assert_ptr_null(logged("SEARCH"));
	iot_gtk_registry_search_destroy(win);
	ck_assert_uint_eq(fake.closed, 1);

	win = iot_gtk_registry_search_new("me@home.example", &ops, NULL);
	m = iot_gtk_registry_search_get_model(win);
	iot_gtk_registry_search_set_registry(win, REGISTRY);
	show(iot_gtk_registry_search_get_window(win));
	iot_gtk_registry_search_add_condition(win, "MAN", IOT_SEARCH_EQ, "home.example", NULL, FALSE);
	iot_gtk_registry_search_add_condition(win, "V", IOT_SEARCH_RANGE, "1", "2", TRUE);
	iot_gtk_registry_search_add_condition(win, "SN", IOT_SEARCH_MASK, "47*", NULL, FALSE);
	iot_gtk_registry_search_add_condition(win, "ROOM", IOT_SEARCH_NEQ, "Attic", NULL, FALSE);
	ck_assert_uint_eq(iot_gtk_registry_search_count_conditions(win), 5); /* with the empty first row */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_search_get_button(win, "search")));
	settle();
	line = logged("SEARCH");
	ck_assert_ptr_nonnull(line);
	ck_assert_msg(strstr(line, "conds=MAN=home.example V=1..2 SN~47* ROOM!=Attic") != NULL, "%s", line);
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 100);
	ck_assert_str_eq(iot_gtk_registry_search_get_count(win), "Results 1–100 (more follow)");
	assert_cell(m, 1, IOT_GTK_REGISTRY_THING_COL_TAGS, "NAME=" HOSTILE_NAME "; ROOM=Hall way; #V=1.2");
	ui_test_save_png(iot_gtk_registry_search_get_window(win), "registry-search.png");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_search_get_button(win, "next")));
	settle();
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_search_get_button(win, "next")));
	settle();
	ck_assert_str_eq(iot_gtk_registry_search_get_count(win), "Results 201–230");
	ck_assert_ptr_nonnull(strstr(logged("SEARCH"), "offset=200"));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_search_get_button(win, "previous")));
	settle();
	ck_assert_str_eq(iot_gtk_registry_search_get_count(win), "Results 101–200 (more follow)");
	/* Add to buddy list. */
	ck_assert(!sensitive(iot_gtk_registry_search_get_button(win, "add")));
	ck_assert(iot_gtk_registry_search_select(win, 5));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_search_get_button(win, "add")));
	settle();
	ck_assert_ptr_nonnull(strstr(logged("ADD_CONTACT"), "jid=found105@home.example"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_search_get_status(win), "found105@home.example is in your buddy list"));
}
END_TEST

/* ---- a question ---- */

static IotQuestion *
question(const char *fixture)
{
	char *path = g_build_filename(IOT_TEST_FIXTURES, "registry", fixture, NULL), *text = NULL;
	xmlDoc *doc;
	xmlNode *msg, *child;
	IotQuestion *q;
	GError *error = NULL;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	doc = xmlReadMemory(text, (int)strlen(text), NULL, "UTF-8", XML_PARSE_NONET);
	msg = xmlDocGetRootElement(doc);
	for (child = msg->children; child != NULL && child->type != XML_ELEMENT_NODE; child = child->next)
		;
	q = iot_provisioning_question_parse(child, "provisioning.home.example", &error);
	ck_assert_msg(q != NULL, "%s", error != NULL ? error->message : "");
	xmlFreeDoc(doc);
	g_free(text);
	g_free(path);
	return q;
}

START_TEST(test_question)
{
	IotQuestion *q = question("question-read.xml");
	IotGtkRegistryQuestion *dlg = iot_gtk_registry_question_new(q, &ops, NULL);
	const char *line;

	iot_question_free(q);
	show(iot_gtk_registry_question_get_window(dlg));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_question_get_text(dlg), "bob@friends.example"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_registry_question_get_text(dlg), "kitchen@home.example"));
	/* The hostile field is a plain check box label, not markup. */
	ck_assert(ui_test_find_button(iot_gtk_registry_question_get_window(dlg), "<b>Odd</b>_field") != NULL);
	ck_assert(iot_gtk_registry_question_set_range(dlg, IOT_RULE_DOMAIN));
	ck_assert(iot_gtk_registry_question_set_name(dlg, "<b>Odd</b>_field", FALSE));
	ck_assert(iot_gtk_registry_question_set_category(dlg, IOT_CAT_STATUS, FALSE));
	ck_assert(!iot_gtk_registry_question_set_category(dlg, IOT_CAT_PEAK, TRUE)); /* not asked */
	ui_test_save_png(iot_gtk_registry_question_get_window(dlg), "registry-question.png");
	fake.hold = TRUE;
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_question_get_button(dlg, "yes")));
	/* Sent once: the buttons wait for the answer. */
	ck_assert(!sensitive(iot_gtk_registry_question_get_button(dlg, "yes")));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_question_get_button(dlg, "yes")));
	ck_assert_uint_eq(fake.log->len, 1);
	line = logged("ANSWER");
	ck_assert_ptr_nonnull(strstr(line, "jid=kitchen@home.example"));
	ck_assert_ptr_nonnull(strstr(line, "yes=1 range=1 token= cats=1 fields=Temperature,Humidity params="));
	fake.hold = FALSE;
	answer(g_ptr_array_index(fake.held, 0));
	settle();
	/* Answered: the dialog is gone. */
	ck_assert_ptr_null(current);
	ck_assert_uint_eq(fake.closed, 1);

	/* A token for a read; a control limited to a parameter; a no. */
	q = question("question-read.xml");
	dlg = iot_gtk_registry_question_new(q, &ops, NULL);
	iot_question_free(q);
	show(iot_gtk_registry_question_get_window(dlg));
	ck_assert(iot_gtk_registry_question_set_range(dlg, IOT_RULE_SERVICE_TOKEN));
	ck_assert(!iot_gtk_registry_question_set_range(dlg, IOT_RULE_USER_TOKEN));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_question_get_button(dlg, "no")));
	settle();
	ck_assert_ptr_nonnull(strstr(logged("ANSWER"), "yes=0 range=3 token=svc-token-1"));
	q = question("question-control.xml");
	dlg = iot_gtk_registry_question_new(q, &ops, NULL);
	iot_question_free(q);
	show(iot_gtk_registry_question_get_window(dlg));
	ck_assert(!iot_gtk_registry_question_set_range(dlg, IOT_RULE_SERVICE_TOKEN));
	ck_assert(iot_gtk_registry_question_set_name(dlg, "Brightness", FALSE));
	ui_test_save_png(iot_gtk_registry_question_get_window(dlg), "registry-question-control.png");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_question_get_button(dlg, "yes")));
	settle();
	ck_assert_ptr_nonnull(strstr(logged("ANSWER"), "yes=1 range=0 token= cats=0 fields= params=Light"));
	ck_assert_uint_eq(fake.closed, 3);
}
END_TEST

/* ---- closing with requests pending ---- */

START_TEST(test_close_cancels)
{
	IotGtkRegistryThings *win = iot_gtk_registry_things_new("me@home.example", &ops, NULL);
	IotGtkRegistryClaim *dlg;
	guint i;

	fake.hold = TRUE;
	show(iot_gtk_registry_things_get_window(win));
	ck_assert_uint_eq(iot_gtk_registry_things_count_pending(win), 1);
	iot_gtk_registry_things_destroy(win);
	ck_assert_uint_eq(fake.cancels, 1);
	ck_assert_uint_eq(fake.closed, 1);
	dlg = iot_gtk_registry_claim_new("me@home.example", &ops, NULL);
	show(iot_gtk_registry_claim_get_window(dlg));
	iot_gtk_registry_claim_set_text(dlg, "iotdisco:SN=1;KEY=2");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_registry_claim_get_button(dlg, "claim")));
	ck_assert_uint_eq(iot_gtk_registry_claim_count_pending(dlg), 2); /* the registry, the claim */
	iot_gtk_registry_claim_destroy(dlg);
	ck_assert_uint_eq(fake.cancels, 3);
	ck_assert_uint_eq(fake.closed, 2);
	/* The owner still answers: dropped without harm. */
	for (i = 0; i < fake.held->len; i++)
		answer(g_ptr_array_index(fake.held, i));
	settle();
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("registry-window");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_claim_link);
	tcase_add_test(tc, test_claim_errors);
	registry_mask_add_tests(tc);
	tcase_add_test(tc, test_my_things);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_question);
	tcase_add_test(tc, test_close_cancels);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
