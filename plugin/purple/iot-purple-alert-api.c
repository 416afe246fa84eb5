/* iot-purple-alert-api.c — the inbox, the rules and the things as the
 * user interface asks for them. See iot-purple-alert.h. */
#include "iot-purple-alert-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-history.h"

#include <blist.h>

#include <glib/gi18n-lib.h>

#define A iot_purple_alert_state
#define PINNED_SETTING "xmpp-iot-pinned"
#define PINNED_LINE_MAX 128

/* ---- the inbox ------------------------------------------------------------------------ */

const IotAlertInbox *
iot_purple_alert_inbox(void)
{
	return A.loaded ? A.inbox : NULL;
}

GPtrArray *
iot_purple_alert_list(PurpleAccount *account, const IotAlertFilter *filter)
{
	IotAlertFilter f = { 0 };
	char *acc = NULL;
	GPtrArray *l, *out;
	guint i;

	if (!A.loaded)
		return NULL;
	if (filter != NULL)
		f = *filter;
	f.account = NULL;
	if (account != NULL) {
		acc = iot_purple_alert_account_jid(account);
		f.account = acc;
	}
	l = iot_alert_inbox_list(A.inbox, &f);
	out = g_ptr_array_new_full(l->len, (GDestroyNotify)iot_alert_free);
	for (i = 0; i < l->len; i++)
		g_ptr_array_add(out, iot_alert_copy(g_ptr_array_index(l, i)));
	g_ptr_array_unref(l);
	g_free(acc);
	return out;
}

IotAlert *
iot_purple_alert_get(guint64 id)
{
	const IotAlert *a = A.loaded ? iot_alert_inbox_get(A.inbox, id) : NULL;

	return a != NULL ? iot_alert_copy(a) : NULL;
}

guint
iot_purple_alert_unread(PurpleAccount *account)
{
	IotAlertFilter f = { 0 };
	char *acc;
	GPtrArray *l;
	guint n = 0, i;

	if (!A.loaded)
		return 0;
	if (account == NULL)
		return iot_alert_inbox_unread(A.inbox);
	acc = iot_purple_alert_account_jid(account);
	f.account = acc;
	f.states = 1u << IOT_ALERT_NEW;
	l = iot_alert_inbox_list(A.inbox, &f);
	for (i = 0; i < l->len; i++)
		if (((const IotAlert *)g_ptr_array_index(l, i))->deferred_until == 0)
			n++;
	g_ptr_array_unref(l);
	g_free(acc);
	return n;
}

/* Acknowledging a rule's entry acknowledges the rule (the latch's reset). */
static void
acknowledge_rules(const guint64 *ids, guint n, gint64 now)
{
	guint i;

	for (i = 0; i < n; i++) {
		const IotAlert *a = iot_alert_inbox_get(A.inbox, ids[i]);

		if (a != NULL && a->origin == IOT_ALERT_ORIGIN_RULE && a->rule_id != 0)
			iot_alert_engine_acknowledge(A.engine, a->rule_id, now);
	}
}

guint
iot_purple_alert_mark_read(const guint64 *ids, guint n)
{
	return A.loaded ? iot_alert_inbox_mark_read(A.inbox, ids, n, g_get_real_time()) : 0;
}

guint
iot_purple_alert_acknowledge(const guint64 *ids, guint n)
{
	gint64 now = g_get_real_time();
	guint changed;

	if (!A.loaded)
		return 0;
	acknowledge_rules(ids, n, now);
	changed = iot_alert_inbox_acknowledge(A.inbox, ids, n, now);
	iot_purple_alert_schedule_tick();
	return changed;
}

guint
iot_purple_alert_snooze(const guint64 *ids, guint n, gint64 until)
{
	guint changed;

	if (!A.loaded)
		return 0;
	changed = iot_alert_inbox_snooze(A.inbox, ids, n, until, g_get_real_time());
	iot_purple_alert_schedule_tick();
	return changed;
}

guint
iot_purple_alert_dismiss(const guint64 *ids, guint n)
{
	return A.loaded ? iot_alert_inbox_dismiss(A.inbox, ids, n, g_get_real_time()) : 0;
}

/* Acknowledges the open entries matching @acc (nullable) and @thing
 * (nullable), rules included. */
static guint
acknowledge_matching(const char *acc, const char *thing)
{
	IotAlertFilter f = { 0 };
	GPtrArray *l;
	GArray *ids;
	guint i, changed;

	f.account = acc;
	f.thing = thing;
	f.states = (1u << IOT_ALERT_NEW) | (1u << IOT_ALERT_READ) | (1u << IOT_ALERT_SNOOZED);
	l = iot_alert_inbox_list(A.inbox, &f);
	ids = g_array_sized_new(FALSE, FALSE, sizeof(guint64), l->len);
	for (i = 0; i < l->len; i++)
		g_array_append_val(ids, ((const IotAlert *)g_ptr_array_index(l, i))->id);
	g_ptr_array_unref(l);
	changed = iot_purple_alert_acknowledge((const guint64 *)(void *)ids->data, ids->len);
	g_array_free(ids, TRUE);
	return changed;
}

guint
iot_purple_alert_acknowledge_source(PurpleAccount *account, const char *thing)
{
	char *acc, *bare;
	guint n;

	if (!A.loaded || thing == NULL || (bare = iot_jid_bare(thing)) == NULL)
		return 0;
	acc = iot_purple_alert_account_jid(account);
	n = acknowledge_matching(acc, bare);
	g_free(acc);
	g_free(bare);
	return n;
}

guint
iot_purple_alert_acknowledge_all(PurpleAccount *account)
{
	char *acc;
	guint n;

	if (!A.loaded)
		return 0;
	acc = iot_purple_alert_account_jid(account);
	n = acknowledge_matching(acc, NULL);
	g_free(acc);
	return n;
}

gint64
iot_purple_alert_snooze_hour(gint64 now)
{
	return now + IOT_ALERT_HOUR;
}

gint64
iot_purple_alert_snooze_tomorrow(gint64 now)
{
	GDateTime *t = g_date_time_new_from_unix_local(now / G_USEC_PER_SEC), *d, *m;
	gint64 out;

	d = g_date_time_add_days(t, 1);
	m = g_date_time_new_local(g_date_time_get_year(d), g_date_time_get_month(d),
	                          g_date_time_get_day_of_month(d), 8, 0, 0);
	out = g_date_time_to_unix(m) * G_USEC_PER_SEC;
	g_date_time_unref(t);
	g_date_time_unref(d);
	g_date_time_unref(m);
	return out;
}

/* ---- rules ---------------------------------------------------------------------------- */

GPtrArray *
iot_purple_alert_rules(PurpleAccount *account, const char *thing)
{
	char *acc = NULL, *bare = NULL;
	GPtrArray *l, *out;
	guint i;

	if (!A.loaded)
		return NULL;
	if (account != NULL)
		acc = iot_purple_alert_account_jid(account);
	if (thing != NULL)
		bare = iot_jid_bare(thing);
	l = iot_alert_engine_list(A.engine, acc, thing != NULL ? (bare != NULL ? bare : thing) : NULL);
	out = g_ptr_array_new_full(l->len, (GDestroyNotify)iot_alert_rule_free);
	for (i = 0; i < l->len; i++)
		g_ptr_array_add(out, iot_alert_rule_copy(g_ptr_array_index(l, i)));
	g_ptr_array_unref(l);
	g_free(acc);
	g_free(bare);
	return out;
}

IotAlertRule *
iot_purple_alert_rule_get(guint id)
{
	const IotAlertRule *r = A.loaded ? iot_alert_engine_get(A.engine, id) : NULL;

	return r != NULL ? iot_alert_rule_copy(r) : NULL;
}

/* Closes the open entries of rule @id (its alert ends with the rule). */
static void
clear_rule_entries(const IotAlertRule *r, gint64 now)
{
	IotAlertSource src = { r->account, r->thing, r->node, r->field };

	iot_alert_inbox_clear_rule(A.inbox, r->id, &src, now);
}

guint
iot_purple_alert_rule_add(PurpleAccount *account, const IotAlertRule *rule, GError **error)
{
	IotAlertRule *r;
	char *acc, *bare;
	guint id = 0;

	if (!A.loaded || account == NULL || rule == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("Alerts are not available now."));
		return 0;
	}
	acc = iot_purple_alert_account_jid(account);
	bare = rule->thing != NULL ? iot_jid_bare(rule->thing) : NULL;
	r = iot_alert_rule_copy(rule);
	r->id = 0;
	iot_alert_rule_set_target(r, acc, bare, rule->node, rule->field);
	if (!iot_alert_rule_valid(r))
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("The rule is not complete: it needs a thing, a field, a level and, for "
		                      "“stale” and “offline”, a duration."));
	else if ((id = iot_alert_engine_add(A.engine, r, g_get_real_time())) == 0)
		g_set_error(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("No more than %u rules can be kept."),
		            (guint)IOT_ALERT_MAX_RULES);
	if (id != 0) {
		iot_purple_alert_rule_dirty(id);
		iot_purple_alert_rules_changed(r->account, r->thing);
		iot_purple_alert_schedule_tick();
	}
	iot_alert_rule_free(r);
	g_free(acc);
	g_free(bare);
	return id;
}

gboolean
iot_purple_alert_rule_edit(guint id, const IotAlertRule *rule, GError **error)
{
	const IotAlertRule *old = A.loaded ? iot_alert_engine_get(A.engine, id) : NULL;
	IotAlertRule *r, *keep;
	char *bare;
	gint64 now = g_get_real_time();

	if (old == NULL || rule == NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_NOT_FOUND, _("There is no such rule."));
		return FALSE;
	}
	r = iot_alert_rule_copy(rule);
	bare = rule->thing != NULL ? iot_jid_bare(rule->thing) : NULL;
	iot_alert_rule_set_target(r, old->account, bare, rule->node, rule->field);
	g_free(bare);
	r->id = id;
	if (!iot_alert_rule_valid(r)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("The rule is not complete: it needs a thing, a field, a level and, for "
		                      "“stale” and “offline”, a duration."));
		iot_alert_rule_free(r);
		return FALSE;
	}
	keep = iot_alert_rule_copy(old);
	clear_rule_entries(keep, now);
	iot_alert_engine_remove(A.engine, id);
	if (iot_alert_engine_add(A.engine, r, now) != id) /* cannot happen: the id was just freed */
		iot_alert_engine_add(A.engine, keep, now);
	iot_purple_alert_rule_dirty(id);
	iot_purple_alert_rules_changed(keep->account, keep->thing);
	if (g_strcmp0(keep->thing, r->thing) != 0)
		iot_purple_alert_rules_changed(r->account, r->thing);
	iot_alert_rule_free(keep);
	iot_alert_rule_free(r);
	iot_purple_alert_schedule_tick();
	return TRUE;
}

gboolean
iot_purple_alert_rule_delete(guint id)
{
	const IotAlertRule *old = A.loaded ? iot_alert_engine_get(A.engine, id) : NULL;
	IotAlertRule *keep;

	if (old == NULL)
		return FALSE;
	keep = iot_alert_rule_copy(old);
	clear_rule_entries(keep, g_get_real_time());
	iot_alert_engine_remove(A.engine, id);
	iot_purple_alert_rule_dirty(id);
	iot_purple_alert_rules_changed(keep->account, keep->thing);
	iot_alert_rule_free(keep);
	return TRUE;
}

gboolean
iot_purple_alert_rule_level(guint id, gboolean *active, IotAlertSeverity *severity)
{
	return A.loaded && iot_alert_engine_level(A.engine, id, active, severity);
}

gboolean
iot_purple_alert_rule_mute(guint id)
{
	return A.loaded && iot_alert_engine_mute(A.engine, id);
}

/* ---- things --------------------------------------------------------------------------- */

static PurpleBuddy *
find_buddy(PurpleAccount *account, const char *thing)
{
	char *bare = iot_jid_bare(thing);
	PurpleBuddy *b = bare != NULL && account != NULL ? purple_find_buddy(account, bare) : NULL;

	g_free(bare);
	return b;
}

char **
iot_purple_alert_pinned(PurpleAccount *account, const char *thing)
{
	PurpleBuddy *b = find_buddy(account, thing);
	const char *s = b != NULL ? purple_blist_node_get_string((PurpleBlistNode *)b, PINNED_SETTING) : NULL;

	return s != NULL && *s != '\0' ? g_strsplit(s, "\n", IOT_PURPLE_ALERT_PINNED_MAX + 1) : NULL;
}

/* The cache of pinned values of @thing follows its pins. */
static void
pinned_cache(const char *acc, const char *bare, char **fields)
{
	char *key = iot_purple_alert_thing_key(acc, bare);
	GHashTable *old = g_hash_table_lookup(A.pinned_values, key), *t;
	guint i;

	if (fields == NULL || fields[0] == NULL) {
		g_hash_table_remove(A.pinned_values, key);
		g_free(key);
		return;
	}
	t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (i = 0; fields[i] != NULL && i < IOT_PURPLE_ALERT_PINNED_MAX; i++) {
		const char *v = old != NULL ? g_hash_table_lookup(old, fields[i]) : NULL;

		g_hash_table_insert(t, g_strdup(fields[i]), g_strdup(v));
	}
	g_hash_table_insert(A.pinned_values, key, t);
}

/* The pinned fields' latest values as the history kept them (after a
 * restart, before the thing sent anything new). */
static void
pinned_from_history(PurpleAccount *account, const char *bare, GHashTable *t)
{
	GPtrArray *latest = t != NULL ? iot_purple_history_latest(account, bare) : NULL;
	guint i;

	for (i = 0; latest != NULL && i < latest->len; i++) {
		const IotStoreSeries *se = g_ptr_array_index(latest, i);
		char *v = NULL;

		if (!g_hash_table_contains(t, se->name) || g_hash_table_lookup(t, se->name) != NULL ||
		    se->last_time == IOT_TIME_UNKNOWN)
			continue;
		if (se->kind == IOT_STORE_SERIES_NUMBERS) {
			char *n = iot_alert_format_number(se->last_number);

			v = se->unit != NULL && *se->unit != '\0' ? g_strdup_printf("%s %s", n, se->unit) : g_strdup(n);
			g_free(n);
		} else if (se->last_state != NULL) {
			v = g_strdup(se->last_state);
		}
		if (v != NULL)
			g_hash_table_replace(t, g_strdup(se->name), v);
	}
	if (latest != NULL)
		g_ptr_array_unref(latest);
}

void
iot_purple_alert_set_pinned(PurpleAccount *account, const char *thing, const char *const *fields)
{
	PurpleBuddy *b = find_buddy(account, thing);
	GString *s = g_string_new(NULL);
	char *acc, *bare, **split;
	guint i;

	if (b == NULL || !A.loaded) {
		g_string_free(s, TRUE);
		return;
	}
	for (i = 0; fields != NULL && fields[i] != NULL && i < IOT_PURPLE_ALERT_PINNED_MAX; i++) {
		char *clean = iot_alert_clean_text(fields[i], -1, IOT_ALERT_MAX_NAME);

		g_strdelimit(clean, "\n", ' ');
		if (*clean != '\0')
			g_string_append_printf(s, "%s%s", s->len > 0 ? "\n" : "", clean);
		g_free(clean);
	}
	if (s->len > 0)
		purple_blist_node_set_string((PurpleBlistNode *)b, PINNED_SETTING, s->str);
	else
		purple_blist_node_remove_setting((PurpleBlistNode *)b, PINNED_SETTING);
	acc = iot_purple_alert_account_jid(account);
	bare = iot_jid_bare(thing);
	split = s->len > 0 ? g_strsplit(s->str, "\n", -1) : NULL;
	pinned_cache(acc, bare, split);
	if (split != NULL) {
		char *key = iot_purple_alert_thing_key(acc, bare);

		pinned_from_history(account, bare, g_hash_table_lookup(A.pinned_values, key));
		g_free(key);
	}
	iot_purple_alert_mark_changed(IOT_PURPLE_ALERT_CHANGED_THINGS, acc, bare);
	g_strfreev(split);
	g_free(acc);
	g_free(bare);
	g_string_free(s, TRUE);
}

char *
iot_purple_alert_pinned_line(PurpleAccount *account, const char *thing)
{
	char **fields, *acc, *bare, *key;
	GHashTable *t;
	GString *s;
	guint i;

	if (!A.loaded || (fields = iot_purple_alert_pinned(account, thing)) == NULL)
		return NULL;
	acc = iot_purple_alert_account_jid(account);
	bare = iot_jid_bare(thing);
	key = iot_purple_alert_thing_key(acc, bare);
	t = g_hash_table_lookup(A.pinned_values, key);
	if (t == NULL) {
		pinned_cache(acc, bare, fields);
		t = g_hash_table_lookup(A.pinned_values, key);
		pinned_from_history(account, bare, t);
	}
	s = g_string_new(NULL);
	for (i = 0; t != NULL && fields[i] != NULL; i++) {
		const char *v = g_hash_table_lookup(t, fields[i]);

		if (v != NULL)
			g_string_append_printf(s, "%s%s", s->len > 0 ? " · " : "", v);
	}
	g_strfreev(fields);
	g_free(acc);
	g_free(bare);
	g_free(key);
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	{
		char *line = iot_alert_clean_text(s->str, (gssize)s->len, PINNED_LINE_MAX);

		g_strdelimit(line, "\n\t", ' ');
		g_string_free(s, TRUE);
		return line;
	}
}

gboolean
iot_purple_alert_thing_active(PurpleAccount *account, const char *thing, IotAlertSeverity *severity)
{
	IotAlertFilter f = { 0 };
	char *acc, *bare;
	GPtrArray *l;
	gboolean active = FALSE;
	IotAlertSeverity top = IOT_ALERT_INFO;
	guint i;

	if (!A.loaded || account == NULL || thing == NULL)
		return FALSE;
	acc = iot_purple_alert_account_jid(account);
	bare = iot_jid_bare(thing);
	f.account = acc;
	f.thing = bare;
	f.states = (1u << IOT_ALERT_NEW) | (1u << IOT_ALERT_READ);
	l = bare != NULL ? iot_alert_inbox_list(A.inbox, &f) : g_ptr_array_new();
	for (i = 0; i < l->len; i++) {
		const IotAlert *a = g_ptr_array_index(l, i);

		if (a->deferred_until != 0 || a->cleared != 0)
			continue;
		active = TRUE;
		top = iot_alert_severity_louder(top, a->severity);
	}
	g_ptr_array_unref(l);
	if (severity != NULL)
		*severity = top;
	g_free(acc);
	g_free(bare);
	return active;
}
