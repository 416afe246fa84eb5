/* iot-purple-alert.c — the alert inbox and the rules in libpurple: feeding,
 * the one timer, the change hook and the notice. See
 * iot-purple-alert.h. */
#include "iot-purple-alert-private.h"

#include "iot-alert-limits.h"
#include "iot-alert-node.h"
#include "iot-alert-parse.h"
#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-conv.h"
#include "iot-purple-session.h"
#include "iot-purple-things.h"
#include "iot-purple-ui.h"
#include "iot-purple-watch.h"
#include "iot-time.h"

#include <blist.h>
#include <debug.h>
#include <notify.h>
#include <prefs.h>
#include <signals.h>
#include <sound.h>

#include <glib/gi18n-lib.h>
#include <string.h>

/* Conversation lines written per coalesced round at most (a storm is
 * summed up by the inbox; this bounds what is left). */
#define CONV_LINES_MAX 8
#define PINNED_SETTING "xmpp-iot-pinned"
#define PINNED_LINE_MAX 128
/* Seconds between polls of a thing without events that has rules. */
#define RULE_POLL_S 60

/* The watch that keeps a thing's rules fed. */
typedef struct {
	guint handle;
	char *sig; /* what its subscription asks (limits_signature()) */
} RuleWatch;

IotPurpleAlertState iot_purple_alert_state;
/* The handle of our signal and preference callbacks (not the plugin's:
 * unloading them must leave the stream's alone). */
static int signal_handle;
#define A iot_purple_alert_state


/* ---- helpers --------------------------------------------------------------------------- */

char *
iot_purple_alert_account_jid(PurpleAccount *account)
{
	return account != NULL ? iot_jid_bare(purple_account_get_username(account)) : NULL;
}

PurpleAccount *
iot_purple_alert_account(const char *account_jid)
{
	GList *l;

	if (account_jid == NULL)
		return NULL;
	for (l = purple_accounts_get_all(); l != NULL; l = l->next) {
		PurpleAccount *a = l->data;
		char *jid;
		gboolean same;

		if (g_strcmp0(purple_account_get_protocol_id(a), "prpl-jabber") != 0)
			continue;
		jid = iot_purple_alert_account_jid(a);
		same = g_strcmp0(jid, account_jid) == 0;
		g_free(jid);
		if (same)
			return a;
	}
	return NULL;
}

char *
iot_purple_alert_thing_key(const char *account, const char *thing)
{
	return g_strconcat(account, "\n", thing, NULL);
}

static gboolean
is_stranger(PurpleAccount *account, const char *bare)
{
	return purple_find_buddy(account, bare) == NULL;
}

/* ---- the change hook ------------------------------------------------------------------ */

static gboolean
coalesce_cb(gpointer unused)
{
	guint what = A.changed, n = 0, handle;
	GArray *things = g_array_new(FALSE, FALSE, sizeof(IotPurpleAlertThing));
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	GHashTableIter it;
	gpointer k;
	GList *handles, *l;

	A.coalesce_id = 0;
	A.changed = 0;
	g_hash_table_iter_init(&it, A.changed_things);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		char **parts = g_strsplit(k, "\n", 2);
		PurpleAccount *account = parts[0] && parts[1] ? iot_purple_alert_account(parts[0]) : NULL;

		if (account != NULL) {
			IotPurpleAlertThing t = { account, NULL };

			g_ptr_array_add(keys, g_strdup(parts[1]));
			t.thing = g_ptr_array_index(keys, keys->len - 1);
			g_array_append_val(things, t);
			n++;
		}
		g_strfreev(parts);
	}
	g_hash_table_remove_all(A.changed_things);
	/* A listener may disconnect itself or others: look each up again. */
	handles = g_hash_table_get_keys(A.listeners);
	for (l = handles; l != NULL && A.loaded; l = l->next) {
		Listener *li;

		handle = GPOINTER_TO_UINT(l->data);
		li = g_hash_table_lookup(A.listeners, GUINT_TO_POINTER(handle));
		if (li != NULL)
			li->func(what, (const IotPurpleAlertThing *)(void *)things->data, n, li->data);
	}
	g_list_free(handles);
	g_array_free(things, TRUE);
	g_ptr_array_unref(keys);
	if (!A.loaded)
		return FALSE;
	iot_purple_alert_finch_changed(what);
	if (A.notice_due || (what & IOT_PURPLE_ALERT_CHANGED_INBOX) != 0) {
		iot_purple_alert_notice_update();
	}
	return FALSE;
}

void
iot_purple_alert_mark_changed(guint what, const char *account, const char *thing)
{
	if (!A.loaded)
		return;
	A.changed |= what;
	if (account != NULL && thing != NULL && g_hash_table_size(A.changed_things) < 4096)
		g_hash_table_add(A.changed_things, iot_purple_alert_thing_key(account, thing));
	if (A.coalesce_id == 0)
		A.coalesce_id = g_timeout_add(IOT_PURPLE_ALERT_COALESCE_MS, coalesce_cb, NULL);
}

guint
iot_purple_alert_connect(IotPurpleAlertChangedFunc func, gpointer user_data, GDestroyNotify destroy)
{
	Listener *li;

	if (!A.loaded || func == NULL) {
		if (destroy != NULL)
			destroy(user_data);
		return 0;
	}
	li = g_new0(Listener, 1);
	li->func = func;
	li->data = user_data;
	li->destroy = destroy;
	g_hash_table_insert(A.listeners, GUINT_TO_POINTER(++A.next_handle), li);
	return A.next_handle;
}

void
iot_purple_alert_disconnect(guint handle)
{
	if (A.loaded && handle != 0)
		g_hash_table_remove(A.listeners, GUINT_TO_POINTER(handle));
}

static void
listener_free(gpointer p)
{
	Listener *li = p;

	if (li->destroy != NULL)
		li->destroy(li->data);
	g_free(li);
}

/* ---- the inbox and the engine's callbacks --------------------------------------------- */

static void
inbox_cb(IotAlertChange change, const IotAlert *alert, gboolean notify, gpointer unused)
{
	iot_purple_alert_entry_dirty(alert->id);
	iot_purple_alert_mark_changed(IOT_PURPLE_ALERT_CHANGED_INBOX | IOT_PURPLE_ALERT_CHANGED_THINGS, alert->source.account,
	             alert->source.thing);
	if (notify && change != IOT_ALERT_CHANGE_REMOVED) {
		A.notice_due = TRUE;
		A.newest_id = alert->id;
		/* A question is told by the notice alone: no sound, no line. */
		if (iot_alert_is_question(alert))
			return;
		A.sound_due = TRUE;
		if (g_queue_get_length(&A.told) < CONV_LINES_MAX) {
			guint64 *id = g_new(guint64, 1);

			*id = alert->id;
			g_queue_push_tail(&A.told, id);
		}
	}
}

static void
engine_cb(const IotAlertEvent *ev, gpointer unused)
{
	iot_alert_event_to_inbox(ev, A.inbox);
	iot_purple_alert_mark_changed(IOT_PURPLE_ALERT_CHANGED_RULES | IOT_PURPLE_ALERT_CHANGED_THINGS, ev->rule->account,
	             ev->rule->thing);
}

/* ---- the one timer -------------------------------------------------------------------- */

static gboolean
tick_cb(gpointer unused)
{
	gint64 now = g_get_real_time();

	A.tick_id = 0;
	A.tick_at = 0;
	iot_alert_engine_tick(A.engine, now);
	iot_alert_inbox_tick(A.inbox, now);
	iot_purple_alert_schedule_tick();
	return FALSE;
}

void
iot_purple_alert_schedule_tick(void)
{
	gint64 a, b, next, now;
	guint ms;

	if (!A.loaded)
		return;
	a = iot_alert_engine_next_tick(A.engine);
	b = iot_alert_inbox_next_tick(A.inbox);
	next = a == 0 ? b : b == 0 ? a : MIN(a, b);
	if (next == 0)
		return;
	if (A.tick_id != 0) {
		if (A.tick_at <= next)
			return;
		g_source_remove(A.tick_id);
	}
	now = g_get_real_time();
	ms = next <= now ? 0 : (guint)MIN((next - now + 999) / 1000, (gint64)G_MAXUINT / 2);
	A.tick_at = next;
	A.tick_id = ms >= 1000 ? g_timeout_add_seconds((ms + 999) / 1000, tick_cb, NULL) : g_timeout_add(ms, tick_cb, NULL);
}

/* ---- feeding -------------------------------------------------------------------------- */

static void
pinned_remember(const char *account, const char *thing, const IotField *f)
{
	char *key = iot_purple_alert_thing_key(account, thing);
	GHashTable *fields = g_hash_table_lookup(A.pinned_values, key);

	if (fields != NULL && g_hash_table_contains(fields, f->name)) {
		char *v = f->unit != NULL && *f->unit != '\0' ? g_strdup_printf("%s %s", f->value, f->unit)
		                                              : g_strdup(f->value);

		if (g_strcmp0(g_hash_table_lookup(fields, f->name), v) != 0) {
			g_hash_table_replace(fields, g_strdup(f->name), v);
			iot_purple_alert_mark_changed(IOT_PURPLE_ALERT_CHANGED_THINGS, account, thing);
		} else {
			g_free(v);
		}
	}
	g_free(key);
}

void
iot_purple_alert_readout(PurpleAccount *account, const char *thing, const IotReadout *readout)
{
	char *acc, *bare;
	gint64 now = g_get_real_time();
	GPtrArray *alerts;
	IotPurpleSession *s;
	gboolean own;
	guint i;

	if (!A.loaded || readout == NULL || (acc = iot_purple_alert_account_jid(account)) == NULL)
		return;
	bare = iot_jid_bare(thing);
	if (bare == NULL) {
		g_free(acc);
		return;
	}
	/* A thing that is no concentrator names its own node (NF's nd id,
	 * XEP-0323's nodeId): its values are the thing's, for rules on the
	 * thing too. A concentrator's are its nodes' only. */
	s = iot_purple_session_get(account);
	own = s == NULL || !iot_purple_things_offers(s, bare, IOT_FUNC_CONCENTRATOR, NULL);
	for (i = 0; readout->fields != NULL && i < readout->fields->len; i++) {
		const IotField *f = g_ptr_array_index(readout->fields, i);

		if (f->categories & IOT_CAT_HISTORICAL)
			continue;
		iot_alert_engine_value(A.engine, acc, bare, f->node.node_id, f->name, f->value, f->number_valid,
		                       f->number, now);
		if (f->node.node_id != NULL && own)
			iot_alert_engine_value(A.engine, acc, bare, NULL, f->name, f->value, f->number_valid, f->number,
			                       now);
		if (f->node.node_id == NULL || own)
			pinned_remember(acc, bare, f);
	}
	alerts = iot_alert_from_readout(readout, acc, bare, is_stranger(account, bare), now);
	for (i = 0; i < alerts->len; i++)
		iot_alert_inbox_add(A.inbox, g_ptr_array_index(alerts, i), NULL, now, NULL);
	g_ptr_array_unref(alerts);
	iot_purple_alert_schedule_tick();
	g_free(acc);
	g_free(bare);
}

void
iot_purple_alert_concentrator_node(PurpleAccount *account, const char *concentrator, const IotConcentratorNode *node)
{
	char *acc, *bare;

	if (!A.loaded || node == NULL || concentrator == NULL || (acc = iot_purple_alert_account_jid(account)) == NULL)
		return;
	bare = iot_jid_bare(concentrator);
	if (bare != NULL &&
	    iot_alert_inbox_node_state(A.inbox, acc, bare, node, is_stranger(account, bare), g_get_real_time()))
		iot_purple_alert_schedule_tick();
	g_free(acc);
	g_free(bare);
}

void
iot_purple_alert_concentrator_node_gone(PurpleAccount *account, const char *concentrator, const char *node_id)
{
	char *acc, *bare;

	if (!A.loaded || concentrator == NULL || (acc = iot_purple_alert_account_jid(account)) == NULL)
		return;
	bare = iot_jid_bare(concentrator);
	if (bare != NULL && iot_alert_inbox_node_gone(A.inbox, acc, bare, node_id, g_get_real_time()))
		iot_purple_alert_schedule_tick();
	g_free(acc);
	g_free(bare);
}

gboolean
iot_purple_alert_headline(PurpleAccount *account, const xmlNode *message)
{
	char *acc;
	const xmlChar *from_attr;
	char *from = NULL, *bare = NULL;
	IotAlert *a;
	GError *error = NULL;

	if (!A.loaded || (acc = iot_purple_alert_account_jid(account)) == NULL)
		return FALSE;
	from_attr = xmlHasProp(message, (const xmlChar *)"from") ? xmlGetProp(message, (const xmlChar *)"from") : NULL;
	if (from_attr != NULL) {
		from = g_strdup((const char *)from_attr);
		xmlFree((xmlChar *)from_attr);
		bare = iot_jid_bare(from);
	}
	a = iot_alert_parse_headline(message, acc, bare != NULL ? is_stranger(account, bare) : FALSE, &error);
	if (a == NULL) {
		gboolean ours = !g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED);

		/* A malformed headline is dropped as well: never a popup. */
		g_error_free(error);
		g_free(acc);
		g_free(from);
		g_free(bare);
		return ours;
	}
	iot_alert_inbox_add(A.inbox, a, NULL, g_get_real_time(), NULL);
	iot_alert_free(a);
	iot_purple_alert_schedule_tick();
	g_free(acc);
	g_free(from);
	g_free(bare);
	return TRUE;
}

static void
presence_changed(PurpleBuddy *buddy, gboolean online)
{
	PurpleAccount *account = purple_buddy_get_account(buddy);
	char *acc, *bare;

	if (!A.loaded || g_strcmp0(purple_account_get_protocol_id(account), "prpl-jabber") != 0)
		return;
	acc = iot_purple_alert_account_jid(account);
	bare = iot_jid_bare(purple_buddy_get_name(buddy));
	if (acc != NULL && bare != NULL) {
		iot_alert_engine_presence(A.engine, acc, bare, online, g_get_real_time());
		iot_purple_alert_schedule_tick();
	}
	g_free(acc);
	g_free(bare);
}

static void
buddy_signed_on_cb(PurpleBuddy *buddy, gpointer unused)
{
	presence_changed(buddy, TRUE);
}

static void
buddy_signed_off_cb(PurpleBuddy *buddy, gpointer unused)
{
	presence_changed(buddy, FALSE);
}

/* ---- keeping things with rules fed ---------------------------------------------------- */

IotEventsRequest *
iot_purple_alert_limits(PurpleAccount *account, const char *thing)
{
	char *acc = iot_purple_alert_account_jid(account), *bare = iot_jid_bare(thing);
	GPtrArray *rules;
	IotEventsRequest *req = NULL;

	if (A.loaded && acc != NULL && bare != NULL) {
		rules = iot_alert_engine_list(A.engine, acc, bare);
		req = iot_alert_limits_request((const IotAlertRule *const *)rules->pdata, rules->len, acc, bare, NULL);
		g_ptr_array_unref(rules);
	}
	g_free(acc);
	g_free(bare);
	return req;
}

static void
rule_watch_cb(PurpleAccount *account, const char *who, IotReadout *readout, const GError *error, gpointer data)
{
	/* The values reach the rules through the history (iot_purple_alert_readout()). */
}

/* What a request asks of the thing, to tell whether it changed. */
static char *
limits_signature(const IotEventsRequest *req)
{
	GString *s = g_string_new(NULL);
	guint i;

	g_string_append_printf(s, "%u %u %u|", req->categories, req->min_interval, req->max_interval);
	for (i = 0; i < req->n_fields; i++)
		g_string_append_printf(s, "%s %g %g %g|", req->fields[i].name, req->fields[i].changed_by,
		                       req->fields[i].changed_up, req->fields[i].changed_down);
	for (i = 0; i < req->n_nodes; i++)
		g_string_append_printf(s, "nd %s|", req->nodes[i].node_id ? req->nodes[i].node_id : "");
	return g_string_free(s, FALSE);
}

static void
rule_watch_free(gpointer p)
{
	RuleWatch *w = p;

	iot_purple_watch_stop(w->handle);
	g_free(w->sig);
	g_free(w);
}

/* (Re)starts or stops the watch that keeps @thing's rules fed and its
 * limits pushed, as its rules now ask: a subscription is renewed only when
 * what it asks changed. */
void
iot_purple_alert_rules_changed(const char *account, const char *thing)
{
	PurpleAccount *pa = iot_purple_alert_account(account);
	char *key = iot_purple_alert_thing_key(account, thing), *sig;
	RuleWatch *w = g_hash_table_lookup(A.rule_watches, key);
	IotEventsRequest *req;

	req = pa != NULL && purple_account_is_connected(pa) ? iot_purple_alert_limits(pa, thing) : NULL;
	sig = req != NULL ? limits_signature(req) : NULL;
	if (w != NULL && g_strcmp0(w->sig, sig) != 0) {
		g_hash_table_remove(A.rule_watches, key); /* stops it */
		w = NULL;
	}
	if (req != NULL && w == NULL) {
		w = g_new0(RuleWatch, 1);
		w->handle = iot_purple_watch_start_limits(pa, thing, RULE_POLL_S, req, rule_watch_cb, NULL, NULL);
		w->sig = sig;
		sig = NULL;
		g_hash_table_insert(A.rule_watches, g_strdup(key), w);
	}
	iot_events_request_free(req);
	g_free(sig);
	g_free(key);
	iot_purple_alert_mark_changed(IOT_PURPLE_ALERT_CHANGED_RULES, account, thing);
}

void
iot_purple_alert_session_changed(PurpleAccount *account, gboolean online)
{
	char *acc = iot_purple_alert_account_jid(account);
	GPtrArray *rules;
	GHashTable *things;
	GHashTableIter it;
	gpointer k;
	guint i;

	if (!A.loaded || acc == NULL) {
		g_free(acc);
		return;
	}
	if (!online) {
		iot_purple_alert_keep_running_states();
		iot_purple_alert_flush_now();
	}
	/* Online: each thing with rules gets its watch (limits pushed); off:
	 * the watches go (they end with the session anyway). */
	rules = iot_alert_engine_list(A.engine, acc, NULL);
	things = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
	for (i = 0; i < rules->len; i++)
		g_hash_table_add(things, ((const IotAlertRule *)g_ptr_array_index(rules, i))->thing);
	g_hash_table_iter_init(&it, things);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		char *key = iot_purple_alert_thing_key(acc, k);

		if (!online) {
			g_hash_table_remove(A.rule_watches, key); /* stops it */
		} else {
			iot_purple_alert_rules_changed(acc, k);
		}
		g_free(key);
	}
	g_hash_table_unref(things);
	g_ptr_array_unref(rules);
	g_free(acc);
	/* One entry per pending owner question, none whose question is gone. */
	if (online)
		iot_purple_alert_questions_sync(account);
}


/* ---- life ----------------------------------------------------------------------------- */

static void
config_from_prefs(void)
{
	IotAlertInboxConfig cfg = *iot_alert_inbox_get_config(A.inbox);

	cfg.quiet.enabled = purple_prefs_get_bool(IOT_PURPLE_ALERT_QUIET_PREF);
	cfg.quiet.start_min = (guint)CLAMP(purple_prefs_get_int(IOT_PURPLE_ALERT_QUIET_START_PREF), 0, 1439);
	cfg.quiet.end_min = (guint)CLAMP(purple_prefs_get_int(IOT_PURPLE_ALERT_QUIET_END_PREF), 0, 1439);
	iot_alert_inbox_set_config(A.inbox, &cfg);
}

static void
quiet_pref_cb(const char *name, PurplePrefType type, gconstpointer val, gpointer unused)
{
	if (A.loaded) {
		config_from_prefs();
		iot_purple_alert_schedule_tick();
	}
}

void
iot_purple_alert_load(PurplePlugin *plugin)
{
	void *blist = purple_blist_get_handle();
	GList *l;

	if (A.loaded)
		return;
	memset(&A, 0, sizeof A);
	A.plugin = plugin;
	A.inbox = iot_alert_inbox_new(NULL);
	A.engine = iot_alert_engine_new(engine_cb, NULL, NULL);
	A.dirty_entries = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	A.dirty_rules = g_hash_table_new(g_direct_hash, g_direct_equal);
	A.dirty_states = g_hash_table_new(g_direct_hash, g_direct_equal);
	A.listeners = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, listener_free);
	A.changed_things = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	A.pinned_values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
	A.rule_watches = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, rule_watch_free);
	g_queue_init(&A.told);
	config_from_prefs();
	iot_purple_alert_restore();
	/* from now on (not for what restore() put back) */
	iot_alert_engine_set_state_func(A.engine, iot_purple_alert_state_cb, NULL);
	/* Restored entries are not told again; changes from now on are. */
	iot_alert_inbox_set_listener(A.inbox, inbox_cb, NULL, NULL);
	A.loaded = TRUE;
	purple_prefs_connect_callback(&signal_handle, IOT_PURPLE_ALERT_QUIET_PREF, quiet_pref_cb, NULL);
	purple_prefs_connect_callback(&signal_handle, IOT_PURPLE_ALERT_QUIET_START_PREF, quiet_pref_cb, NULL);
	purple_prefs_connect_callback(&signal_handle, IOT_PURPLE_ALERT_QUIET_END_PREF, quiet_pref_cb, NULL);
	purple_signal_connect(blist, "buddy-signed-on", &signal_handle, PURPLE_CALLBACK(buddy_signed_on_cb), NULL);
	purple_signal_connect(blist, "buddy-signed-off", &signal_handle, PURPLE_CALLBACK(buddy_signed_off_cb), NULL);
	iot_purple_alert_cmd_register();
	iot_purple_alert_question_cmd_register();
	iot_purple_alert_questions_load();
	/* Accounts already online (a reload): their things with rules get fed. */
	for (l = purple_connections_get_all(); l != NULL; l = l->next)
		iot_purple_alert_session_changed(purple_connection_get_account(l->data), TRUE);
	iot_purple_alert_schedule_tick();
	if (iot_alert_inbox_unread(A.inbox) > 0)
		iot_purple_alert_mark_changed(IOT_PURPLE_ALERT_CHANGED_INBOX, NULL, NULL);
}

void
iot_purple_alert_unload(void)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	guint64 *id;

	if (!A.loaded)
		return;
	iot_purple_alert_cmd_unregister();
	iot_purple_alert_question_cmd_unregister();
	iot_purple_alert_questions_unload();
	iot_purple_alert_finch_shutdown();
	purple_signals_disconnect_by_handle(&signal_handle);
	purple_prefs_disconnect_by_handle(&signal_handle);
	g_hash_table_unref(A.rule_watches); /* stops the watches */
	if (A.tick_id != 0)
		g_source_remove(A.tick_id);
	if (A.coalesce_id != 0)
		g_source_remove(A.coalesce_id);
	if (A.flush_id != 0)
		g_source_remove(A.flush_id);
	iot_purple_alert_keep_running_states();
	iot_purple_alert_flush_now();
	if (A.fallback_timer != 0)
		g_source_remove(A.fallback_timer);
	if (A.fallback_notice != NULL)
		purple_notify_close(PURPLE_NOTIFY_FORMATTED, A.fallback_notice);
	A.fallback_notice = NULL;
	if (ui != NULL && ui->notice != NULL) {
		IotPurpleAlertNotice n = { 0 };

		ui->notice(&n);
	}
	A.loaded = FALSE;
	/* Listeners' destroy runs now; no call of them follows. */
	g_hash_table_unref(A.listeners);
	while ((id = g_queue_pop_head(&A.told)) != NULL)
		g_free(id);
	iot_alert_inbox_free(A.inbox);
	iot_alert_engine_free(A.engine);
	g_hash_table_unref(A.dirty_entries);
	g_hash_table_unref(A.dirty_rules);
	g_hash_table_unref(A.dirty_states);
	g_hash_table_unref(A.changed_things);
	g_hash_table_unref(A.pinned_values);
	memset(&A, 0, sizeof A);
}
