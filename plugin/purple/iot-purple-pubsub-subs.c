/* iot-purple-pubsub-subs.c — the subscriptions an account has, remembered
 * in the store, and checked against each service's own list after every
 * sign-on: lost ones are made again, refused ones told in one notice. */
#include "iot-purple-pubsub-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-store-pubsub.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <notify.h>

#include <string.h>

/* ---- the store --------------------------------------------------------------------------- */

static GPtrArray *
remembered(PurpleAccount *account, const char *service)
{
	IotStore *st = iot_purple_store_get();
	GError *e = NULL;
	GPtrArray *a;

	if (st == NULL || account == NULL)
		return NULL;
	a = iot_store_pubsub_list(st, purple_account_get_username(account), service, &e);
	if (a == NULL) {
		iot_purple_store_failed(e);
		g_error_free(e);
	}
	return a;
}

/* What the store remembers, in memory: "account\nservice\nnode" → state.
 * Events ask it for every item (a storm asks a thousand times a second), so
 * the store is read once per account and kept in step by remember/forget. */
static GHashTable *states;
static GHashTable *states_loaded; /* account names whose subscriptions were read */

static char *
state_key(PurpleAccount *account, const char *service, const char *node)
{
	return g_strdup_printf("%s\n%s\n%s", purple_account_get_username(account), service, node);
}

static void
states_load(PurpleAccount *account)
{
	GPtrArray *a;
	guint i;

	if (states == NULL) {
		states = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		states_loaded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	}
	if (g_hash_table_contains(states_loaded, purple_account_get_username(account)))
		return;
	g_hash_table_add(states_loaded, g_strdup(purple_account_get_username(account)));
	a = remembered(account, NULL);
	for (i = 0; a != NULL && i < a->len; i++) {
		const IotPubsubSubscription *sub = g_ptr_array_index(a, i);
		if (sub->service != NULL && sub->node != NULL && sub->state != IOT_PUBSUB_STATE_NONE)
			g_hash_table_replace(states, state_key(account, sub->service, sub->node), GINT_TO_POINTER(sub->state));
	}
	if (a)
		g_ptr_array_unref(a);
}

void
iot_purple_pubsub_subs_remember(PurpleAccount *account, const IotPubsubSubscription *sub)
{
	IotStore *st = iot_purple_store_get();
	GError *e = NULL;

	if (sub == NULL || sub->service == NULL || sub->node == NULL)
		return;
	states_load(account);
	if (sub->state != IOT_PUBSUB_STATE_NONE)
		g_hash_table_replace(states, state_key(account, sub->service, sub->node), GINT_TO_POINTER(sub->state));
	if (st == NULL)
		return;
	/* Events flush first: a subscription and its items stay in order. */
	iot_purple_pubsub_events_flush();
	if (!iot_store_pubsub_remember(st, purple_account_get_username(account), sub, &e)) {
		iot_purple_store_failed(e);
		g_error_free(e);
	}
}

void
iot_purple_pubsub_subs_forget(PurpleAccount *account, const char *service, const char *node, const char *subid)
{
	IotStore *st = iot_purple_store_get();
	GError *e = NULL;
	char *key;

	if (service == NULL || node == NULL)
		return;
	states_load(account);
	key = state_key(account, service, node);
	g_hash_table_remove(states, key);
	g_free(key);
	if (st == NULL)
		return;
	iot_purple_pubsub_events_flush();
	if (!iot_store_pubsub_forget(st, purple_account_get_username(account), service, node, subid, &e)) {
		iot_purple_store_failed(e);
		g_error_free(e);
	}
	/* Another subscription to the node (another subid) may remain. */
	if (subid != NULL) {
		GPtrArray *a = remembered(account, service);
		guint i;

		for (i = 0; a != NULL && i < a->len; i++) {
			const IotPubsubSubscription *sub = g_ptr_array_index(a, i);
			if (g_strcmp0(sub->node, node) == 0 && sub->state != IOT_PUBSUB_STATE_NONE)
				g_hash_table_replace(states, state_key(account, service, node), GINT_TO_POINTER(sub->state));
		}
		if (a)
			g_ptr_array_unref(a);
	}
}

static const IotPubsubSubscription *
find_sub(const GPtrArray *a, const char *node, const char *subid)
{
	guint i;

	for (i = 0; a != NULL && i < a->len; i++) {
		const IotPubsubSubscription *sub = g_ptr_array_index(a, i);
		if (g_strcmp0(sub->node, node) == 0 && (subid == NULL || sub->subid == NULL || strcmp(subid, sub->subid) == 0))
			return sub;
	}
	return NULL;
}

IotPubsubState
iot_purple_pubsub_known_state(PurpleAccount *account, const char *service, const char *node)
{
	char *key;
	gpointer v;

	if (account == NULL || service == NULL || node == NULL)
		return IOT_PUBSUB_STATE_NONE;
	states_load(account);
	key = state_key(account, service, node);
	v = g_hash_table_lookup(states, key);
	g_free(key);
	return (IotPubsubState)GPOINTER_TO_INT(v);
}

gboolean
iot_purple_pubsub_subs_follows(PurpleAccount *account, const char *service, const char *node)
{
	return iot_purple_pubsub_known_state(account, service, node) != IOT_PUBSUB_STATE_NONE;
}

GPtrArray *
iot_purple_pubsub_subs_services(PurpleAccount *account)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free), *a = remembered(account, NULL);
	guint i;

	for (i = 0; a != NULL && i < a->len; i++) {
		const IotPubsubSubscription *sub = g_ptr_array_index(a, i);
		if (sub->service != NULL &&
		    (out->len == 0 || g_ascii_strcasecmp(g_ptr_array_index(out, out->len - 1), sub->service) != 0))
			g_ptr_array_add(out, g_strdup(sub->service)); /* the list is ordered by service */
	}
	if (a)
		g_ptr_array_unref(a);
	return out;
}

/* ---- the check after sign-on ------------------------------------------------------------- */

typedef struct {
	PurpleAccount *account;
	guint waiting;
	gboolean abandoned;
	GPtrArray *lines;   /* (element-type utf8) what the person is told */
	GArray *handles;    /* operations under way */
	guint restored;
} Check;

static GHashTable *checks; /* PurpleAccount* → Check */

static void
check_free(Check *c)
{
	g_ptr_array_unref(c->lines);
	g_array_free(c->handles, TRUE);
	g_free(c);
}

static void
check_step_done(Check *c)
{
	char *text, *primary;

	if (--c->waiting > 0)
		return;
	if (c->abandoned) {
		check_free(c);
		return;
	}
	purple_debug_info("xmpp-iot", "pubsub subscriptions checked: %u made again, %u problems\n", c->restored,
	                  c->lines->len);
	if (c->lines->len > 0) {
		g_ptr_array_add(c->lines, NULL);
		text = g_strjoinv("\n", (char **)c->lines->pdata);
		/* TRANSLATORS: %s is the account (a JID). */
		primary = g_strdup_printf(_("Publish-subscribe subscriptions of %s"),
		                          purple_account_get_username(c->account));
		/* One notice per sign-on, closed with the plugin. */
		purple_notify_info(iot_purple_pubsub_plugin(), _("Subscriptions"), primary, text);
		g_free(primary);
		g_free(text);
	}
	if (checks != NULL && g_hash_table_lookup(checks, c->account) == c)
		g_hash_table_remove(checks, c->account);
	else
		check_free(c);
}

typedef struct {
	Check *check;
	char *service, *node;
} Step;

static void
step_free(gpointer data)
{
	Step *st = data;

	check_step_done(st->check);
	g_free(st->service);
	g_free(st->node);
	g_free(st);
}

static gboolean
quiet_error(const GError *error)
{
	return error->domain == IOT_ERROR &&
	       (error->code == IOT_ERROR_DISCONNECTED || error->code == IOT_ERROR_CANCELLED);
}

static gboolean
transient_error(const GError *error)
{
	return error->domain == IOT_ERROR &&
	       (error->code == IOT_ERROR_TIMEOUT || error->code == IOT_ERROR_UNAVAILABLE);
}

static void
resubscribed_cb(PurpleAccount *account, const char *service, const char *node, const IotPubsubSubscription *sub,
                const GError *error, gpointer data)
{
	Step *st = data;
	Check *c = st->check;

	if (c->abandoned || (error != NULL && quiet_error(error)))
		return;
	if (error == NULL) {
		c->restored++;
		purple_debug_info("xmpp-iot", "subscription to %s at %s made again: %s\n", node, service,
		                  iot_pubsub_state_name(sub ? sub->state : IOT_PUBSUB_STATE_SUBSCRIBED));
		return;
	}
	if (transient_error(error)) {
		char *why = iot_purple_pubsub_error_sentence(service, error);
		/* TRANSLATORS: node, service, why. The subscription is kept and tried again at the next sign-on. */
		g_ptr_array_add(c->lines, g_strdup_printf(_("Your subscription to %s at %s could not be renewed: %s"),
		                                          node, service, why));
		g_free(why);
		return;
	}
	iot_purple_pubsub_subs_forget(account, service, node, NULL);
	/* TRANSLATORS: node, service, the service's reason. */
	g_ptr_array_add(c->lines, g_strdup_printf(_("Your subscription to %s at %s was refused: %s"), node, service,
	                                          error->message));
}

/* Compares what @account remembers at @service (of @node only, when not
 * NULL) with @subs, the service's list: states brought up to date, lost
 * ones asked for again. */
static void
compare(Check *c, const char *service, const char *node, const GPtrArray *subs)
{
	GPtrArray *kept = remembered(c->account, service);
	guint i;

	for (i = 0; kept != NULL && i < kept->len; i++) {
		const IotPubsubSubscription *mine = g_ptr_array_index(kept, i);
		const IotPubsubSubscription *theirs;
		Step *again;
		guint h;

		if (node != NULL && g_strcmp0(mine->node, node) != 0)
			continue;
		theirs = find_sub(subs, mine->node, mine->subid);
		if (theirs != NULL && theirs->state != IOT_PUBSUB_STATE_NONE) {
			if (theirs->state != mine->state || g_strcmp0(theirs->subid, mine->subid) != 0) {
				IotPubsubSubscription *now = iot_pubsub_subscription_copy(theirs);
				g_free(now->service);
				now->service = g_strdup(service);
				iot_purple_pubsub_subs_forget(c->account, service, mine->node, mine->subid);
				iot_purple_pubsub_subs_remember(c->account, now);
				iot_pubsub_subscription_free(now);
			}
			continue;
		}
		/* Lost (the service forgot it, or denied a pending one): ask again. */
		again = g_new0(Step, 1);
		again->check = c;
		again->service = g_strdup(service);
		again->node = g_strdup(mine->node);
		c->waiting++;
		h = iot_purple_pubsub_subscribe(c->account, service, mine->node, NULL, resubscribed_cb, again, step_free);
		g_array_append_val(c->handles, h);
	}
	if (kept)
		g_ptr_array_unref(kept);
}

/* The list of one node (the service's whole list failed). */
static void
node_listed_cb(PurpleAccount *account, const GPtrArray *subs, const GPtrArray *problems, const GError *error,
               gpointer data)
{
	Step *st = data;
	Check *c = st->check;
	char *why;

	if (c->abandoned || (error != NULL && quiet_error(error)))
		return;
	if (error == NULL) {
		compare(c, st->service, st->node, subs);
		return;
	}
	if (g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_FOUND)) {
		/* The node is gone: so is the subscription. */
		iot_purple_pubsub_subs_forget(account, st->service, st->node, NULL);
		/* TRANSLATORS: node, service, the service's reason. */
		g_ptr_array_add(c->lines, g_strdup_printf(_("Your subscription to %s at %s was refused: %s"), st->node,
		                                          st->service, error->message));
		return;
	}
	why = iot_purple_pubsub_error_sentence(st->service, error);
	/* TRANSLATORS: node, service, why. The subscription is kept and checked again at the next sign-on. */
	g_ptr_array_add(c->lines, g_strdup_printf(_("Your subscription to %s at %s could not be checked: %s"), st->node,
	                                          st->service, why));
	g_free(why);
}

static void
listed_cb(PurpleAccount *account, const GPtrArray *subs, const GPtrArray *problems, const GError *error,
          gpointer data)
{
	Step *st = data;
	Check *c = st->check;
	GPtrArray *kept;
	guint i;

	if (c->abandoned || (error != NULL && quiet_error(error)))
		return;
	if (error == NULL && problems->len == 0) {
		compare(c, st->service, NULL, subs);
		return;
	}
	/* The whole list could not be had (some servers fail it after a node
	 * was deleted): node by node, then. */
	purple_debug_info("xmpp-iot", "subscriptions at %s not listed: asking node by node\n", st->service);
	kept = remembered(account, st->service);
	for (i = 0; kept != NULL && i < kept->len; i++) {
		const IotPubsubSubscription *mine = g_ptr_array_index(kept, i);
		Step *one;
		guint h;

		if (i > 0 && g_strcmp0(mine->node, ((IotPubsubSubscription *)g_ptr_array_index(kept, i - 1))->node) == 0)
			continue;
		one = g_new0(Step, 1);
		one->check = c;
		one->service = g_strdup(st->service);
		one->node = g_strdup(mine->node);
		c->waiting++;
		h = iot_purple_pubsub_node_subscriptions(account, st->service, mine->node, node_listed_cb, one, step_free);
		g_array_append_val(c->handles, h);
	}
	if (kept)
		g_ptr_array_unref(kept);
}

static void
check_start(PurpleAccount *account)
{
	GPtrArray *services = iot_purple_pubsub_subs_services(account);
	Check *c;
	guint i;

	if (services->len == 0) {
		g_ptr_array_unref(services);
		return;
	}
	c = g_new0(Check, 1);
	c->account = account;
	c->lines = g_ptr_array_new_with_free_func(g_free);
	c->handles = g_array_new(FALSE, FALSE, sizeof(guint));
	c->waiting = 1; /* held until every service was asked */
	if (checks == NULL)
		checks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)check_free);
	g_hash_table_replace(checks, account, c);
	for (i = 0; i < services->len; i++) {
		Step *st = g_new0(Step, 1);
		guint h;

		st->check = c;
		st->service = g_strdup(g_ptr_array_index(services, i));
		c->waiting++;
		h = iot_purple_pubsub_my_subscriptions(account, st->service, listed_cb, st, step_free);
		g_array_append_val(c->handles, h);
	}
	g_ptr_array_unref(services);
	check_step_done(c);
}

static void
check_abandon(PurpleAccount *account)
{
	Check *c = checks ? g_hash_table_lookup(checks, account) : NULL;
	GArray *handles;
	guint i;

	if (c == NULL)
		return;
	g_hash_table_steal(checks, account);
	c->abandoned = TRUE;
	c->waiting++; /* the steps' ends must not free it under us */
	handles = g_array_copy(c->handles);
	for (i = 0; i < handles->len; i++)
		iot_purple_pubsub_cancel(g_array_index(handles, guint, i));
	g_array_free(handles, TRUE);
	check_step_done(c); /* frees it once no step is left */
}

void
iot_purple_pubsub_subs_session_changed(PurpleAccount *account, gboolean online)
{
	check_abandon(account);
	if (online)
		check_start(account);
}

void
iot_purple_pubsub_subs_shutdown(void)
{
	GList *accounts, *l;

	if (checks != NULL) {
		accounts = g_hash_table_get_keys(checks);
		for (l = accounts; l != NULL; l = l->next)
			check_abandon(l->data);
		g_list_free(accounts);
		g_hash_table_destroy(checks);
		checks = NULL;
	}
	if (states != NULL) {
		g_hash_table_destroy(states);
		g_hash_table_destroy(states_loaded);
		states = states_loaded = NULL;
	}
}
