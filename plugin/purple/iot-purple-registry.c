/* iot-purple-registry.c — the thing registry on an account's stream: the
 * operation machinery, finding the services, claim, lists and the owner's
 * per-thing requests. See iot-purple-registry.h. */
#include "iot-purple-registry-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-pubsub.h"
#include "iot-purple-session.h"
#include "iot-xml.h"

#include <blist.h>
#include <debug.h>
#include <glib/gi18n-lib.h>

#include <string.h>

static GHashTable *ops;      /* handle → IotPurpleRegistryOp (owned) */
static guint next_handle;
static GHashTable *found;    /* account → Found (owned) */

typedef struct {
	char *registry, *provisioning;
	IotGeneration registry_gen, provisioning_gen;
	gboolean searched;       /* the server's items were asked this sign-on */
} Found;

static void
found_free(gpointer p)
{
	Found *f = p;

	g_free(f->registry);
	g_free(f->provisioning);
	g_free(f);
}

guint
iot_purple_registry_timeout_ms(void)
{
	return iot_purple_session_timeout_s() * 1000;
}

static void
op_free(IotPurpleRegistryOp *op)
{
	if (op->idle)
		g_source_remove(op->idle);
	g_clear_error(&op->early);
	g_free(op->given);
	g_free(op->jid);
	iot_registry_node_clear(&op->node);
	if (op->tags)
		g_ptr_array_unref(op->tags);
	if (op->conds)
		g_ptr_array_unref(op->conds);
	g_free(op->merge_key);
	if (op->answered)
		g_ptr_array_unref(op->answered);
	g_free(op->answer_token);
	g_strfreev(op->answer_names);
	g_free(op);
}

IotPurpleRegistryOp *
iot_purple_registry_op_new(IotPurpleRegistryOpKind kind, PurpleAccount *account, GCallback cb,
                           gpointer user_data, GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = g_new0(IotPurpleRegistryOp, 1);

	if (ops == NULL)
		ops = g_hash_table_new(g_direct_hash, g_direct_equal);
	do
		op->handle = ++next_handle;
	while (op->handle == 0 || g_hash_table_contains(ops, GUINT_TO_POINTER(op->handle)));
	op->kind = kind;
	op->account = account;
	op->cb = cb;
	op->user_data = user_data;
	op->destroy = destroy;
	g_hash_table_insert(ops, GUINT_TO_POINTER(op->handle), op);
	return op;
}

IotPurpleRegistryOp *
iot_purple_registry_op_lookup(guint handle)
{
	return ops != NULL && handle != 0 ? g_hash_table_lookup(ops, GUINT_TO_POINTER(handle)) : NULL;
}

void
iot_purple_registry_op_finish(IotPurpleRegistryOp *op, gconstpointer one, const GError *e)
{
	IotPurpleSession *s;

	if (op == NULL || !g_hash_table_remove(ops, GUINT_TO_POINTER(op->handle)))
		return;
	/* A request still under way is dropped: its late answer finds no op. */
	if (op->req != 0 && (s = iot_purple_session_get(op->account)) != NULL)
		iot_request_table_cancel(s->table, op->req);
	if (op->cb != NULL) {
		switch (op->kind) {
		case IOT_RGOP_FIND:
			((IotPurpleRegistryFindFunc)op->cb)(op->account, e ? NULL : one, e, op->user_data);
			break;
		case IOT_RGOP_CLAIM:
			((IotPurpleRegistryClaimFunc)op->cb)(op->account, e ? NULL : one, e, op->user_data);
			break;
		case IOT_RGOP_PAGE:
			((IotPurpleRegistryPageFunc)op->cb)(op->account, e ? NULL : one, e, op->user_data);
			break;
		case IOT_RGOP_DONE:
			((IotPurpleRegistryDoneFunc)op->cb)(op->account, e, op->user_data);
			break;
		}
	}
	if (op->destroy)
		op->destroy(op->user_data);
	op->idle = 0; /* the caller of an idle end removed it already */
	op_free(op);
}

static gboolean
early_cb(gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));
	GError *e;

	if (op == NULL)
		return G_SOURCE_REMOVE;
	op->idle = 0;
	e = op->early;
	op->early = NULL;
	iot_purple_registry_op_finish(op, NULL, e);
	g_clear_error(&e);
	return G_SOURCE_REMOVE;
}

guint
iot_purple_registry_op_early(IotPurpleRegistryOp *op, int code, const char *message)
{
	guint h = op->handle;

	if (op->idle == 0) {
		op->early = g_error_new_literal(IOT_ERROR, code, message);
		op->idle = g_idle_add(early_cb, GUINT_TO_POINTER(h));
	}
	return h;
}

void
iot_purple_registry_cancel(guint handle)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(handle);
	GError *e;

	if (op == NULL)
		return;
	if (op->idle) {
		g_source_remove(op->idle);
		op->idle = 0;
	}
	e = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, _("Cancelled."));
	iot_purple_registry_op_finish(op, NULL, e);
	g_error_free(e);
}

void
iot_purple_registry_done_cb(const GError *error, gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));

	if (op == NULL)
		return;
	op->req = 0;
	iot_purple_registry_op_finish(op, NULL, error);
}

/* ---- finding the services ------------------------------------------------------------------ */

static Found *
found_of(PurpleAccount *account, gboolean create)
{
	Found *f;

	if (found == NULL)
		found = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, found_free);
	f = g_hash_table_lookup(found, account);
	if (f == NULL && create) {
		f = g_new0(Found, 1);
		g_hash_table_insert(found, account, f);
	}
	return f;
}

/* A JID we may send to: not empty, bounded, valid UTF-8, no white space or
 * control characters. */
static gboolean
jid_ok(const char *jid)
{
	const char *p;

	if (jid == NULL || *jid == '\0' || strlen(jid) > 1023 || !g_utf8_validate(jid, -1, NULL) ||
	    jid[0] == '@' || jid[0] == '/')
		return FALSE;
	for (p = jid; *p; p++)
		if ((guchar)*p <= ' ' || *p == 0x7f)
			return FALSE;
	return TRUE;
}

/* Returns: (transfer full) (nullable): the domain of @jid. */
static char *
jid_domain(const char *jid)
{
	char *bare = jid ? iot_jid_bare(jid) : NULL, *at, *d;

	if (bare == NULL)
		return NULL;
	at = strchr(bare, '@');
	d = g_strdup(at ? at + 1 : bare);
	g_free(bare);
	return d;
}

/* Environment overrides name the services of a known home (tests, demos). */
static const char *
env_jid(const char *name)
{
	const char *v = g_getenv(name);

	return v != NULL && *v != '\0' && jid_ok(v) ? v : NULL;
}

static void
run_step(IotPurpleRegistryOp *op)
{
	Found *f = found_of(op->account, FALSE);
	IotPurpleRegistryServices sv = { 0 };

	if (f == NULL || (f->registry == NULL && f->provisioning == NULL && op->step == NULL)) {
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_NOT_FOUND,
		                                _("No thing registry was found on your server. Give its address."));
		iot_purple_registry_op_finish(op, NULL, e);
		g_error_free(e);
		return;
	}
	if (op->given == NULL)
		f->searched = TRUE;
	sv.registry = f->registry;
	sv.registry_gen = f->registry_gen;
	sv.provisioning = f->provisioning;
	sv.provisioning_gen = f->provisioning_gen;
	if (op->step == NULL)
		iot_purple_registry_op_finish(op, &sv, NULL);
	else
		op->step(op, &sv);
}

typedef struct {
	guint handle;
	char *jid;
	gboolean given;
} Ask;

static void
ask_free(gpointer p)
{
	Ask *a = p;

	g_free(a->jid);
	g_free(a);
}

static void
candidate_cb(const IotDiscoInfo *info, const GError *error, gpointer data)
{
	Ask *a = data;
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(a->handle);
	Found *f;
	IotGeneration g;

	if (op == NULL)
		return;
	f = found_of(op->account, TRUE);
	if (info != NULL) {
		if ((g = iot_registry_pick(info)) != IOT_GEN_UNKNOWN && (a->given || f->registry == NULL)) {
			g_free(f->registry);
			f->registry = g_strdup(a->jid);
			f->registry_gen = g;
		}
		if ((g = iot_provisioning_pick(info)) != IOT_GEN_UNKNOWN && f->provisioning == NULL) {
			f->provisioning = g_strdup(a->jid);
			f->provisioning_gen = g;
		}
	} else if (a->given && error != NULL) {
		char *m = g_strdup_printf(_("The registry %s did not answer: %s"), a->jid, error->message);
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_UNAVAILABLE, m);
		g_free(m);
		iot_purple_registry_op_finish(op, NULL, e);
		g_error_free(e);
		return;
	}
	if (op->waiting > 0 && --op->waiting == 0)
		run_step(op);
}

static void
ask_info(IotPurpleRegistryOp *op, IotPurpleSession *s, const char *jid, gboolean given)
{
	Ask *a = g_new0(Ask, 1);

	a->handle = op->handle;
	a->jid = g_strdup(jid);
	a->given = given;
	op->waiting++;
	iot_disco_query(s->table, jid, iot_purple_registry_timeout_ms(), candidate_cb, a, ask_free);
}

static void
items_cb(const xmlNode *result, const GError *error, gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));
	IotPurpleSession *s;
	GPtrArray *items = NULL;
	guint i;

	if (op == NULL)
		return;
	op->req = 0;
	s = iot_purple_session_get(op->account);
	if (error == NULL && s != NULL)
		items = iot_pubsub_parse_node_items(result, NULL, NULL);
	op->waiting = 1; /* held while the questions go out */
	for (i = 0; items != NULL && i < items->len && i < 64; i++) {
		IotPubsubNodeRef *r = g_ptr_array_index(items, i);
		if (r->node == NULL)
			ask_info(op, s, r->jid, FALSE);
	}
	if (items)
		g_ptr_array_unref(items);
	if (op->waiting > 0 && --op->waiting == 0)
		run_step(op);
}

static gboolean
step_cb(gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));

	if (op != NULL) {
		op->idle = 0;
		run_step(op);
	}
	return G_SOURCE_REMOVE;
}

/* Lets go of the hold taken while starting: the step runs from the main
 * loop when nothing is awaited any more. */
static guint
release(IotPurpleRegistryOp *op)
{
	if (--op->waiting == 0 && op->idle == 0)
		op->idle = g_idle_add(step_cb, GUINT_TO_POINTER(op->handle));
	return op->handle;
}

guint
iot_purple_registry_op_with_services(IotPurpleRegistryOp *op, const char *given)
{
	IotPurpleSession *s = iot_purple_session_get(op->account);
	Found *f;
	const char *reg = env_jid("IOT_REGISTRY_JID"), *prov = env_jid("IOT_PROVISIONING_JID");
	char *domain;

	if (s == NULL)
		return iot_purple_registry_op_early(op, IOT_ERROR_DISCONNECTED, _("The account is not online."));
	if (given != NULL && *given == '\0')
		given = NULL;
	if (given != NULL && !jid_ok(given))
		return iot_purple_registry_op_early(op, IOT_ERROR_BAD_REQUEST,
		                                    _("The registry's address is not a valid JID."));
	f = found_of(op->account, TRUE);
	g_free(op->given);
	op->given = g_strdup(given);
	op->waiting = 1; /* a hold while the questions go out */
	if (given != NULL) {
		if (f->registry == NULL || g_ascii_strcasecmp(f->registry, given) != 0)
			ask_info(op, s, given, TRUE);
		if (prov != NULL && f->provisioning == NULL)
			ask_info(op, s, prov, FALSE);
	} else if (!f->searched) {
		if (reg != NULL && f->registry == NULL)
			ask_info(op, s, reg, FALSE);
		if (prov != NULL && f->provisioning == NULL)
			ask_info(op, s, prov, FALSE);
		if ((reg == NULL && f->registry == NULL) || (prov == NULL && f->provisioning == NULL)) {
			domain = jid_domain(purple_account_get_username(op->account));
			if (domain != NULL) {
				op->waiting++;
				op->req = iot_pubsub_request(s->table, domain, iot_pubsub_build_node_items(NULL),
				                             iot_purple_registry_timeout_ms(), items_cb,
				                             GUINT_TO_POINTER(op->handle), NULL);
			}
			g_free(domain);
		}
	}
	return release(op);
}

guint
iot_purple_registry_find(PurpleAccount *account, const char *given, IotPurpleRegistryFindFunc cb,
                         gpointer user_data, GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_FIND, account, G_CALLBACK(cb), user_data, destroy);

	return iot_purple_registry_op_with_services(op, given);
}

/* ---- registry requests ----------------------------------------------------------------------- */

static gboolean
need_registry(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	GError *e;

	if (sv->registry != NULL)
		return TRUE;
	e = g_error_new_literal(IOT_ERROR, IOT_ERROR_NOT_FOUND,
	                        _("No thing registry was found on your server. Give its address."));
	iot_purple_registry_op_finish(op, NULL, e);
	g_error_free(e);
	return FALSE;
}

static void
result_cb(const IotRegistryResult *result, const GError *error, gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));
	gconstpointer one = NULL;

	if (op == NULL)
		return;
	op->req = 0;
	if (result != NULL && op->kind == IOT_RGOP_CLAIM)
		one = result->claimed;
	if (result != NULL && op->kind == IOT_RGOP_PAGE) {
		IotRegistryPage *page = result->page;
		/* A registry search for my things: only those it says are mine. */
		if (page != NULL && op->mine_by_search) {
			char *me = iot_jid_bare(purple_account_get_username(op->account));
			guint i;
			for (i = page->things->len; i > 0; i--) {
				IotRegistryThing *t = g_ptr_array_index(page->things, i - 1);
				if (t->owner != NULL && !iot_jid_same_bare(t->owner, me)) {
					g_ptr_array_remove_index(page->things, i - 1);
					page->skipped++;
				}
			}
			g_free(me);
		}
		one = page;
		iot_purple_registry_remember_page(page);
	}
	if (error != NULL) {
		/* The core's words already say what went wrong with this request. */
		iot_purple_registry_op_finish(op, NULL, error);
		return;
	}
	iot_purple_registry_op_finish(op, one, NULL);
}

static IotPurpleSession *
session_or_fail(IotPurpleRegistryOp *op)
{
	IotPurpleSession *s = iot_purple_session_get(op->account);
	GError *e;

	if (s != NULL)
		return s;
	e = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, _("The account is not online."));
	iot_purple_registry_op_finish(op, NULL, e);
	g_error_free(e);
	return NULL;
}

static void
claim_step(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	IotPurpleSession *s;

	if (!need_registry(op, sv) || (s = session_or_fail(op)) == NULL)
		return;
	op->req = iot_registry_claim(s->table, sv->registry, sv->registry_gen, op->tags, op->make_public,
	                             iot_purple_registry_timeout_ms(), result_cb, GUINT_TO_POINTER(op->handle), NULL);
}

guint
iot_purple_registry_claim(PurpleAccount *account, const char *registry, const GPtrArray *tags,
                          gboolean make_public, IotPurpleRegistryClaimFunc cb, gpointer user_data,
                          GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_CLAIM, account, G_CALLBACK(cb), user_data, destroy);

	if (tags == NULL || tags->len == 0)
		return iot_purple_registry_op_early(op, IOT_ERROR_BAD_REQUEST, _("A claim needs the thing's tags."));
	op->tags = iot_registry_tags_copy(tags);
	op->make_public = make_public;
	op->step = claim_step;
	return iot_purple_registry_op_with_services(op, registry);
}

static void
search_step(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	IotPurpleSession *s;

	if (!need_registry(op, sv) || (s = session_or_fail(op)) == NULL)
		return;
	op->req = iot_registry_search(s->table, sv->registry, sv->registry_gen, op->conds, op->offset, op->max,
	                              iot_purple_registry_timeout_ms(), result_cb, GUINT_TO_POINTER(op->handle), NULL);
}

static GPtrArray *
conds_copy(const GPtrArray *conds)
{
	GPtrArray *c = iot_search_conds_new();
	guint i;

	for (i = 0; i < conds->len; i++) {
		const IotSearchCond *x = g_ptr_array_index(conds, i);
		IotSearchCond *y = iot_search_cond_new(x->op, x->numeric, x->name, x->value, x->min, x->min_included,
		                                       x->max, x->max_included, x->wildcard, NULL);
		if (y != NULL)
			g_ptr_array_add(c, y);
	}
	return c;
}

guint
iot_purple_registry_search(PurpleAccount *account, const char *registry, const GPtrArray *conds, guint offset,
                           guint max_count, IotPurpleRegistryPageFunc cb, gpointer user_data,
                           GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_PAGE, account, G_CALLBACK(cb), user_data, destroy);

	if (conds == NULL || conds->len == 0)
		return iot_purple_registry_op_early(op, IOT_ERROR_BAD_REQUEST, _("A search needs at least one condition."));
	op->conds = conds_copy(conds);
	op->offset = offset;
	op->max = max_count ? max_count : IOT_PURPLE_REGISTRY_PAGE_DEFAULT;
	op->step = search_step;
	return iot_purple_registry_op_with_services(op, registry);
}

static void
mine_step(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	IotPurpleSession *s;

	if ((s = session_or_fail(op)) == NULL)
		return;
	if (sv->provisioning != NULL && sv->provisioning_gen != IOT_GEN_UNKNOWN) {
		op->req = iot_provisioning_get_devices(s->table, sv->provisioning, sv->provisioning_gen, op->offset, op->max,
		                                       iot_purple_registry_timeout_ms(), result_cb,
		                                       GUINT_TO_POINTER(op->handle), NULL);
		return;
	}
	if (!need_registry(op, sv))
		return;
	/* No owner provisioning service: NF registries answer getDevices too
	 * (NF Discovery.md); the answer is filtered by owner where named. */
	op->mine_by_search = TRUE;
	op->req = iot_provisioning_get_devices(s->table, sv->registry, IOT_GEN_NF, op->offset, op->max,
	                                       iot_purple_registry_timeout_ms(), result_cb,
	                                       GUINT_TO_POINTER(op->handle), NULL);
}

guint
iot_purple_registry_my_things(PurpleAccount *account, guint offset, guint max_count, IotPurpleRegistryPageFunc cb,
                              gpointer user_data, GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_PAGE, account, G_CALLBACK(cb), user_data, destroy);

	op->offset = offset;
	op->max = max_count ? max_count : IOT_PURPLE_REGISTRY_PAGE_DEFAULT;
	op->step = mine_step;
	return iot_purple_registry_op_with_services(op, NULL);
}

static void
thing_step(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	IotPurpleSession *s;
	const IotRegistryNode *node = op->has_node ? &op->node : NULL;
	guint t = iot_purple_registry_timeout_ms();
	gpointer h = GUINT_TO_POINTER(op->handle);

	if (!need_registry(op, sv) || (s = session_or_fail(op)) == NULL)
		return;
	if (op->tags != NULL)
		op->req = iot_registry_update(s->table, sv->registry, sv->registry_gen, op->jid, node, op->tags, t, result_cb, h, NULL);
	else if (op->make_public)
		op->req = iot_registry_disown(s->table, sv->registry, sv->registry_gen, op->jid, node, t, result_cb, h, NULL);
	else
		op->req = iot_registry_remove(s->table, sv->registry, sv->registry_gen, op->jid, node, t, result_cb, h, NULL);
}

static guint
thing_op(PurpleAccount *account, const char *registry, const char *jid, const IotRegistryNode *node,
         gboolean disown, const GPtrArray *tags, IotPurpleRegistryDoneFunc cb, gpointer user_data,
         GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_DONE, account, G_CALLBACK(cb), user_data, destroy);

	if (!jid_ok(jid))
		return iot_purple_registry_op_early(op, IOT_ERROR_BAD_REQUEST, _("The thing's address is not a valid JID."));
	op->jid = g_strdup(jid);
	if (node != NULL) {
		op->has_node = TRUE;
		op->node.node_id = g_strdup(node->node_id);
		op->node.source_id = g_strdup(node->source_id);
		op->node.partition = g_strdup(node->partition);
	}
	op->make_public = disown; /* reused: TRUE disowns, FALSE removes */
	if (tags != NULL)
		op->tags = iot_registry_tags_copy(tags);
	op->step = thing_step;
	return iot_purple_registry_op_with_services(op, registry);
}

guint
iot_purple_registry_disown(PurpleAccount *account, const char *registry, const char *jid, const IotRegistryNode *node,
                           IotPurpleRegistryDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return thing_op(account, registry, jid, node, TRUE, NULL, cb, user_data, destroy);
}

guint
iot_purple_registry_remove(PurpleAccount *account, const char *registry, const char *jid, const IotRegistryNode *node,
                           IotPurpleRegistryDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return thing_op(account, registry, jid, node, FALSE, NULL, cb, user_data, destroy);
}

guint
iot_purple_registry_update(PurpleAccount *account, const char *registry, const char *jid, const IotRegistryNode *node,
                           const GPtrArray *tags, IotPurpleRegistryDoneFunc cb, gpointer user_data,
                           GDestroyNotify destroy)
{
	if (tags == NULL) {
		IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_DONE, account, G_CALLBACK(cb), user_data, destroy);
		return iot_purple_registry_op_early(op, IOT_ERROR_BAD_REQUEST, _("An update needs tags."));
	}
	return thing_op(account, registry, jid, node, FALSE, tags, cb, user_data, destroy);
}

/* ---- roster ------------------------------------------------------------------------------------ */

gboolean
iot_purple_registry_add_thing(PurpleAccount *account, const char *jid, const char *group, const char *alias,
                              GError **error)
{
	PurpleGroup *g;
	PurpleBuddy *b;
	char *bare;

	if (account == NULL || !purple_account_is_connected(account)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_DISCONNECTED, _("The account is not online."));
		return FALSE;
	}
	if (!jid_ok(jid) || (bare = iot_jid_bare(jid)) == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("The thing's address is not a valid JID."));
		return FALSE;
	}
	if (group == NULL || *group == '\0')
		group = _("Things");
	if ((g = purple_find_group(group)) == NULL) {
		g = purple_group_new(group);
		purple_blist_add_group(g, NULL);
	}
	b = purple_find_buddy(account, bare);
	if (b == NULL) {
		b = purple_buddy_new(account, bare, alias != NULL && *alias != '\0' ? alias : NULL);
		purple_blist_add_buddy(b, NULL, g, NULL);
	} else if (alias != NULL && *alias != '\0') {
		purple_blist_alias_buddy(b, alias);
	}
	/* Our subscription to it (the prpl's add_buddy sends subscribe), and its
	 * subscription to us answered in advance. */
	purple_account_add_buddy(account, b);
	/* Its subscription to us, approved before it asks (RFC 6121 §3.4). */
	{
		IotPurpleSession *s = iot_purple_session_get(account);
		xmlNode *p = iot_xml_new("presence", NULL);

		xmlNewProp(p, BAD_CAST "to", BAD_CAST bare);
		xmlNewProp(p, BAD_CAST "type", BAD_CAST "subscribed");
		if (s != NULL)
			iot_purple_session_send(s, p);
		xmlFreeNode(p);
	}
	g_free(bare);
	return TRUE;
}

/* ---- life cycle -------------------------------------------------------------------------------- */

void
iot_purple_registry_session_changed(PurpleAccount *account, gboolean online)
{
	GList *vals, *l;

	/* Before the session ends: every op of the account ends now, so that
	 * none sends into a table being freed. */
	if (!online && ops != NULL) {
		vals = g_hash_table_get_values(ops);
		for (l = vals; l != NULL; l = l->next) {
			IotPurpleRegistryOp *op = l->data;
			if (op->account == account)
				l->data = GUINT_TO_POINTER(op->handle);
			else
				l->data = NULL;
		}
		for (l = vals; l != NULL; l = l->next) {
			IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(l->data));
			if (op != NULL) {
				GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED,
				                                _("Your account went offline before the answer came."));
				if (op->idle) {
					g_source_remove(op->idle);
					op->idle = 0;
				}
				iot_purple_registry_op_finish(op, NULL, e);
				g_error_free(e);
			}
		}
		g_list_free(vals);
	}
	if (found != NULL)
		g_hash_table_remove(found, account);
	iot_purple_registry_friend_session_changed(account, online);
	iot_purple_provisioning_session_changed(account, online);
}

void
iot_purple_registry_shutdown(void)
{
	GList *keys, *l;

	iot_purple_registry_finch_close_all();
	iot_purple_registry_friend_shutdown();
	iot_purple_provisioning_shutdown();
	if (ops != NULL) {
		keys = g_hash_table_get_keys(ops);
		for (l = keys; l != NULL; l = l->next)
			iot_purple_registry_cancel(GPOINTER_TO_UINT(l->data));
		g_list_free(keys);
		g_hash_table_destroy(ops);
		ops = NULL;
	}
	if (found != NULL) {
		g_hash_table_destroy(found);
		found = NULL;
	}
}
