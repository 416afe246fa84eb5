/* iot-alert-inbox.c — merging, throttling, quiet hours and caps of the alert inbox. */
#include "iot-alert-inbox-private.h"

#include <string.h>

#define MAX_SOURCE_STATES IOT_ALERT_INBOX_MAX_SOURCES

void
iot_alert_inbox_config_default(IotAlertInboxConfig *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_entries = IOT_ALERT_INBOX_MAX_ENTRIES;
	cfg->merge_window = IOT_ALERT_INBOX_MERGE_WINDOW;
	cfg->rate_window = IOT_ALERT_INBOX_RATE_WINDOW;
	cfg->rate_max = IOT_ALERT_INBOX_RATE_MAX;
	cfg->per_source_max = IOT_ALERT_INBOX_PER_SOURCE_MAX;
	cfg->stranger_rate_max = IOT_ALERT_INBOX_STRANGER_RATE_MAX;
	cfg->stranger_max = IOT_ALERT_INBOX_STRANGER_MAX;
}

/* ---- quiet hours ------------------------------------------------------------ */

static gboolean
quiet_defined(const IotAlertQuiet *q)
{
	return q != NULL && q->enabled && q->start_min < 1440 && q->end_min < 1440 &&
	       q->start_min != q->end_min;
}

/* Minutes after local midnight of @now, and local midnight itself (µs). */
static guint
local_minute(gint64 now, gint64 *midnight)
{
	GDateTime *dt = g_date_time_new_from_unix_local(now / G_USEC_PER_SEC);
	guint min;

	if (dt == NULL) {
		*midnight = now;
		return 0;
	}
	min = (guint)(g_date_time_get_hour(dt) * 60 + g_date_time_get_minute(dt));
	*midnight = now - ((gint64)g_date_time_get_hour(dt) * 3600 + g_date_time_get_minute(dt) * 60 +
	                   g_date_time_get_second(dt)) * G_USEC_PER_SEC - now % G_USEC_PER_SEC;
	g_date_time_unref(dt);
	return min;
}

gboolean
iot_alert_quiet_active(const IotAlertQuiet *q, gint64 now)
{
	return iot_alert_quiet_end(q, now) != 0;
}

gint64
iot_alert_quiet_end(const IotAlertQuiet *q, gint64 now)
{
	gint64 midnight;
	guint min;

	if (!quiet_defined(q))
		return 0;
	min = local_minute(now, &midnight);
	if (q->start_min < q->end_min) {
		if (min >= q->start_min && min < q->end_min)
			return midnight + (gint64)q->end_min * IOT_ALERT_MINUTE;
		return 0;
	}
	/* spans midnight */
	if (min >= q->start_min)
		return midnight + (gint64)(1440 + q->end_min) * IOT_ALERT_MINUTE;
	if (min < q->end_min)
		return midnight + (gint64)q->end_min * IOT_ALERT_MINUTE;
	return 0;
}

/* ---- bookkeeping ------------------------------------------------------------- */

static gboolean
is_summary(const IotAlert *a)
{
	return a->origin == IOT_ALERT_ORIGIN_THROTTLED || a->origin == IOT_ALERT_ORIGIN_QUIET;
}

char *
iot_alert_inbox_p_source_key(const char *account, const char *thing)
{
	return g_strconcat(account ? account : "", "\x1f", thing ? thing : "", NULL);
}

static char *
merge_key(const IotAlert *a)
{
	return g_strdup_printf("%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f%u\x1f%s", a->source.account,
	                       a->source.thing, a->source.node ? a->source.node : "",
	                       a->source.field ? a->source.field : "", a->severity, a->origin,
	                       a->rule_id, a->text);
}

IotAlertSourceState *
iot_alert_inbox_p_source_state(IotAlertInbox *inbox, const char *account, const char *thing, gboolean create)
{
	char *key = iot_alert_inbox_p_source_key(account, thing);
	IotAlertSourceState *st = g_hash_table_lookup(inbox->sources, key);

	if (st == NULL && create) {
		st = g_new0(IotAlertSourceState, 1);
		g_hash_table_insert(inbox->sources, key, st);
		return st;
	}
	g_free(key);
	return st;
}

gboolean
iot_alert_inbox_p_counts_open(const IotAlert *a)
{
	return !is_summary(a) && !iot_alert_is_question(a) && iot_alert_is_open(a);
}

static void
drop_merge_key(IotAlertInbox *inbox, IotAlert *a)
{
	char *key = merge_key(a);

	if (g_hash_table_lookup(inbox->merge, key) == a)
		g_hash_table_remove(inbox->merge, key);
	g_free(key);
}

/* Call after changing @a's state or cleared time; @was_open: iot_alert_inbox_p_counts_open() before. */
void
iot_alert_inbox_p_after_state_change(IotAlertInbox *inbox, IotAlert *a, gboolean was_open)
{
	gboolean now_open = iot_alert_inbox_p_counts_open(a);
	IotAlertSourceState *st;

	if (was_open == now_open)
		return;
	st = iot_alert_inbox_p_source_state(inbox, a->source.account, a->source.thing, TRUE);
	if (now_open)
		st->open++;
	else if (st->open > 0)
		st->open--;
	if (!iot_alert_is_open(a))
		drop_merge_key(inbox, a);
}

void
iot_alert_inbox_p_tell(IotAlertInbox *inbox, IotAlertChange change, const IotAlert *a, gboolean notify)
{
	if (inbox->func != NULL)
		inbox->func(change, a, notify, inbox->user_data);
}

void
iot_alert_inbox_p_insert_entry(IotAlertInbox *inbox, IotAlert *a)
{
	IotAlertSourceState *st = iot_alert_inbox_p_source_state(inbox, a->source.account, a->source.thing, TRUE);

	g_ptr_array_add(inbox->entries, a);
	g_hash_table_insert(inbox->by_id, &a->id, a);
	st->entries++;
	if (iot_alert_inbox_p_counts_open(a))
		st->open++;
	if (!is_summary(a) && !iot_alert_is_question(a) && iot_alert_is_open(a))
		g_hash_table_insert(inbox->merge, merge_key(a), a);
}

/* Takes @a out (index @i) and frees it after telling. */
static void
remove_entry(IotAlertInbox *inbox, guint i)
{
	IotAlert *a = g_ptr_array_index(inbox->entries, i);
	IotAlertSourceState *st = iot_alert_inbox_p_source_state(inbox, a->source.account, a->source.thing, FALSE);

	if (st != NULL) {
		if (iot_alert_inbox_p_counts_open(a) && st->open > 0)
			st->open--;
		if (st->entries > 0)
			st->entries--;
		if (st->summary_id == a->id)
			st->summary_id = 0;
	}
	drop_merge_key(inbox, a);
	g_hash_table_remove(inbox->by_id, &a->id);
	g_ptr_array_remove_index(inbox->entries, i);
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_REMOVED, a, FALSE);
	iot_alert_free(a);
}

void
iot_alert_inbox_p_refresh_summary_text(IotAlert *s)
{
	char *t = iot_alert_summary_text(s); /* may read s->text */

	g_free(s->text);
	s->text = t;
}

/* ---- lifetime ---------------------------------------------------------------- */

static void
free_entry(gpointer a, gpointer unused)
{
	iot_alert_free(a);
}

IotAlertInbox *
iot_alert_inbox_new(const IotAlertInboxConfig *cfg)
{
	IotAlertInbox *inbox = g_new0(IotAlertInbox, 1);

	iot_alert_inbox_set_config(inbox, cfg);
	inbox->entries = g_ptr_array_new();
	inbox->by_id = g_hash_table_new(g_int64_hash, g_int64_equal);
	inbox->merge = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	inbox->sources = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	inbox->next_id = 1;
	return inbox;
}

void
iot_alert_inbox_free(IotAlertInbox *inbox)
{
	if (inbox == NULL)
		return;
	g_ptr_array_foreach(inbox->entries, free_entry, NULL);
	g_ptr_array_unref(inbox->entries);
	g_hash_table_destroy(inbox->by_id);
	g_hash_table_destroy(inbox->merge);
	g_hash_table_destroy(inbox->sources);
	if (inbox->destroy != NULL)
		inbox->destroy(inbox->user_data);
	g_free(inbox);
}

void
iot_alert_inbox_set_config(IotAlertInbox *inbox, const IotAlertInboxConfig *cfg)
{
	g_return_if_fail(inbox != NULL);
	if (cfg == NULL)
		iot_alert_inbox_config_default(&inbox->cfg);
	else
		inbox->cfg = *cfg;
	if (inbox->cfg.max_entries < 10)
		inbox->cfg.max_entries = 10;
}

const IotAlertInboxConfig *
iot_alert_inbox_get_config(const IotAlertInbox *inbox)
{
	return &inbox->cfg;
}

void
iot_alert_inbox_set_listener(IotAlertInbox *inbox, IotAlertInboxFunc func, gpointer user_data,
                             GDestroyNotify destroy)
{
	g_return_if_fail(inbox != NULL);
	if (inbox->destroy != NULL)
		inbox->destroy(inbox->user_data);
	inbox->func = func;
	inbox->user_data = user_data;
	inbox->destroy = destroy;
}

/* ---- the global cap ---------------------------------------------------------- */

/* Lower goes first; -1: never (an owner question stays until the adapter
 * removes it: answered, or no longer asked). */
static int
evict_class(const IotAlert *a)
{
	if (iot_alert_is_question(a))
		return -1;
	if (a->state == IOT_ALERT_DISMISSED)
		return 0;
	if (a->cleared != 0 || a->state == IOT_ALERT_ACKNOWLEDGED || a->state == IOT_ALERT_CLEARED)
		return 1;
	if (a->stranger)
		return 2;
	if (a->severity < IOT_ALERT_ALARM && a->state == IOT_ALERT_READ)
		return 3;
	if (a->severity < IOT_ALERT_ALARM)
		return 4;
	return 5;
}

/* The live THROTTLED summary of @a's source, other than @a. */
static IotAlert *
source_summary(IotAlertInbox *inbox, const IotAlert *a)
{
	IotAlertSourceState *st = iot_alert_inbox_p_source_state(inbox, a->source.account, a->source.thing, FALSE);
	IotAlert *s;

	if (st == NULL || st->summary_id == 0 || st->summary_id == a->id)
		return NULL;
	s = g_hash_table_lookup(inbox->by_id, &st->summary_id);
	return s != NULL && iot_alert_is_open(s) ? s : NULL;
}

void
iot_alert_inbox_p_enforce_cap(IotAlertInbox *inbox, gint64 now)
{
	guint guard = inbox->entries->len * 2 + 4;

	while (inbox->entries->len > inbox->cfg.max_entries && guard-- > 0) {
		guint i, victim = 0;
		int best = 99;
		IotAlert *a, *s;

		for (i = 0; i < inbox->entries->len; i++) {
			int c = evict_class(g_ptr_array_index(inbox->entries, i));

			if (c >= 0 && c < best) {
				best = c;
				victim = i;
				if (c == 0)
					break;
			}
		}
		if (best == 99)
			break; /* nothing but questions */
		a = g_ptr_array_index(inbox->entries, victim);
		if (iot_alert_is_open(a) && !is_summary(a)) {
			s = source_summary(inbox, a);
			if (s != NULL) {
				/* counted where the person will see it */
				s->count += a->count;
				s->last = MAX(s->last, a->last);
				s->severity = MAX(s->severity, a->severity);
				s->urgent = s->urgent || a->urgent;
				iot_alert_inbox_p_refresh_summary_text(s);
				iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, s, FALSE);
			} else {
				/* becomes the summary itself: nothing goes unnoticed */
				IotAlertSourceState *st = iot_alert_inbox_p_source_state(inbox, a->source.account, a->source.thing, TRUE);
				gboolean was_open = iot_alert_inbox_p_counts_open(a);

				drop_merge_key(inbox, a);
				a->origin = IOT_ALERT_ORIGIN_THROTTLED;
				a->rule_id = 0;
				g_clear_pointer(&a->source.node, g_free);
				g_clear_pointer(&a->source.field, g_free);
				a->span = MAX(now - a->first, IOT_ALERT_MINUTE);
				iot_alert_inbox_p_refresh_summary_text(a);
				iot_alert_inbox_p_after_state_change(inbox, a, was_open);
				st->summary_id = a->id;
				iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, FALSE);
				continue;
			}
		}
		remove_entry(inbox, victim);
	}
}

/* Forgets throttling state of sources that hold nothing: those whose window
 * ended, and when that is not enough (a flood from thousands of senders),
 * the others too. Amortised: a full scan at most every MAX_SOURCE_STATES / 4
 * adds, so a flood of new senders costs no scan per alert. */
static void
prune_sources(IotAlertInbox *inbox, gint64 now)
{
	GHashTableIter it;
	gpointer v;
	int pass;

	if (g_hash_table_size(inbox->sources) <= MAX_SOURCE_STATES ||
	    ++inbox->adds_since_prune < MAX_SOURCE_STATES / 4)
		return;
	inbox->adds_since_prune = 0;
	for (pass = 0; pass < 2 && g_hash_table_size(inbox->sources) > MAX_SOURCE_STATES / 2; pass++) {
		g_hash_table_iter_init(&it, inbox->sources);
		while (g_hash_table_iter_next(&it, NULL, &v)) {
			IotAlertSourceState *st = v;

			if (st->entries == 0 &&
			    (pass == 1 || now - st->window_start >= inbox->cfg.rate_window))
				g_hash_table_iter_remove(&it);
		}
	}
}

/* ---- adding -------------------------------------------------------------------- */

static gint64
defer_until(const IotAlertInbox *inbox, const IotAlert *a, const IotAlertQuiet *rule_quiet,
            gint64 now)
{
	gint64 g, r;

	if (a->urgent && a->severity == IOT_ALERT_ALARM)
		return 0;
	g = iot_alert_quiet_end(&inbox->cfg.quiet, now);
	r = iot_alert_quiet_end(rule_quiet, now);
	return MAX(g, r);
}

static IotAlertAddResult
throttle(IotAlertInbox *inbox, const IotAlert *alert, IotAlertSourceState *st,
         const IotAlertQuiet *rule_quiet, gint64 now, guint64 *out_id)
{
	IotAlert *s = st->summary_id ? g_hash_table_lookup(inbox->by_id, &st->summary_id) : NULL;

	if (s != NULL && s->state != IOT_ALERT_DISMISSED && s->state != IOT_ALERT_ACKNOWLEDGED) {
		gboolean louder = alert->severity > s->severity;
		gboolean was_open = iot_alert_inbox_p_counts_open(s);

		s->count += 1;
		s->last = now;
		s->severity = MAX(s->severity, alert->severity);
		s->urgent = s->urgent || alert->urgent;
		s->span = MAX(now - st->window_start, IOT_ALERT_MINUTE);
		if (louder && s->state == IOT_ALERT_READ)
			s->state = IOT_ALERT_NEW;
		iot_alert_inbox_p_after_state_change(inbox, s, was_open);
		iot_alert_inbox_p_refresh_summary_text(s);
		iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, s, louder && s->deferred_until == 0);
	} else {
		s = iot_alert_new();
		iot_alert_set_source(s, alert->source.account, alert->source.thing, NULL, NULL);
		s->id = inbox->next_id++;
		s->severity = alert->severity;
		s->urgent = alert->urgent;
		s->stranger = alert->stranger;
		s->origin = IOT_ALERT_ORIGIN_THROTTLED;
		s->first = s->last = now;
		s->span = MAX(now - st->window_start, IOT_ALERT_MINUTE);
		s->deferred_until = defer_until(inbox, s, rule_quiet, now);
		iot_alert_inbox_p_refresh_summary_text(s);
		iot_alert_inbox_p_insert_entry(inbox, s);
		st->summary_id = s->id;
		iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_ADDED, s, s->deferred_until == 0);
		iot_alert_inbox_p_enforce_cap(inbox, now);
	}
	if (out_id != NULL)
		*out_id = st->summary_id;
	return IOT_ALERT_ADD_THROTTLED;
}

IotAlert *
iot_alert_inbox_p_find_question(const IotAlertInbox *inbox, const char *account, const char *key)
{
	guint i;

	if (key == NULL)
		return NULL;
	for (i = inbox->entries->len; i-- > 0;) {
		IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (iot_alert_is_question(a) && strcmp(a->question, key) == 0 &&
		    g_strcmp0(a->source.account, account) == 0)
			return a;
	}
	return NULL;
}

const IotAlert *
iot_alert_inbox_find_question(const IotAlertInbox *inbox, const char *account, const char *key)
{
	g_return_val_if_fail(inbox != NULL, NULL);
	return iot_alert_inbox_p_find_question(inbox, account, key);
}

/* An owner question (@a, owned): its entry (found by key) takes what it
 * says now, or it becomes a new entry: never throttled, never urgent, held
 * by quiet hours like any other. */
static IotAlertAddResult
add_question(IotAlertInbox *inbox, IotAlert *a, const IotAlertQuiet *rule_quiet, gint64 now,
             guint64 *out_id)
{
	IotAlert *m = iot_alert_inbox_p_find_question(inbox, a->source.account, a->question);
	guint count = MAX(a->count, 1);

	if (m != NULL) {
		gboolean grew = count > m->count, reopened = grew && m->state == IOT_ALERT_READ;

		if (!grew && m->count == count && g_strcmp0(m->text, a->text) == 0 &&
		    iot_alert_source_equal(&m->source, &a->source) && m->stranger == a->stranger) {
			if (out_id != NULL)
				*out_id = m->id;
			iot_alert_free(a);
			return IOT_ALERT_ADD_MERGED; /* nothing new: a restart, a reconnect */
		}
		g_free(m->text);
		m->text = a->text;
		a->text = NULL;
		m->count = count;
		m->stranger = a->stranger;
		if (grew)
			m->last = now;
		if (reopened)
			m->state = IOT_ALERT_NEW;
		iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, m, reopened && m->deferred_until == 0);
		if (out_id != NULL)
			*out_id = m->id;
		iot_alert_free(a);
		return IOT_ALERT_ADD_MERGED;
	}
	a->id = inbox->next_id++;
	a->state = IOT_ALERT_NEW;
	a->count = count;
	a->urgent = FALSE;
	a->origin = IOT_ALERT_ORIGIN_EVENT;
	a->rule_id = 0;
	if (a->first == 0 || a->first > now)
		a->first = now;
	a->last = now;
	a->cleared = 0;
	a->snoozed_until = 0;
	a->span = 0;
	a->deferred_until = defer_until(inbox, a, rule_quiet, now);
	iot_alert_inbox_p_insert_entry(inbox, a);
	if (out_id != NULL)
		*out_id = a->id;
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_ADDED, a, a->deferred_until == 0);
	{
		gboolean deferred = a->deferred_until != 0;

		iot_alert_inbox_p_enforce_cap(inbox, now); /* never takes a question */
		return deferred ? IOT_ALERT_ADD_DEFERRED : IOT_ALERT_ADD_NEW;
	}
}

gboolean
iot_alert_inbox_remove(IotAlertInbox *inbox, guint64 id)
{
	guint i;

	g_return_val_if_fail(inbox != NULL, FALSE);
	for (i = 0; i < inbox->entries->len; i++)
		if (((IotAlert *)g_ptr_array_index(inbox->entries, i))->id == id) {
			remove_entry(inbox, i);
			return TRUE;
		}
	return FALSE;
}

IotAlertAddResult
iot_alert_inbox_add(IotAlertInbox *inbox, const IotAlert *alert, const IotAlertQuiet *rule_quiet,
                    gint64 now, guint64 *out_id)
{
	IotAlert *a, *m;
	IotAlertSourceState *st;
	char *key;
	guint rate, cap;

	g_return_val_if_fail(inbox != NULL && alert != NULL, IOT_ALERT_ADD_THROTTLED);
	if (out_id != NULL)
		*out_id = 0;

	/* 1. merge */
	a = iot_alert_copy(alert);
	if (a->source.account == NULL || a->source.thing == NULL) {
		iot_alert_set_source(a, alert->source.account, alert->source.thing, alert->source.node,
		                     alert->source.field);
	}
	if (is_summary(a))
		a->origin = IOT_ALERT_ORIGIN_HEADLINE; /* summaries are the inbox's own */
	if (a->severity == IOT_ALERT_QUESTION && a->question == NULL)
		a->severity = IOT_ALERT_INFO; /* a question nobody can answer */
	if (a->severity != IOT_ALERT_QUESTION)
		g_clear_pointer(&a->question, g_free);
	if (iot_alert_is_question(a))
		return add_question(inbox, a, rule_quiet, now, out_id);
	key = merge_key(a);
	m = g_hash_table_lookup(inbox->merge, key);
	g_free(key);
	if (m != NULL && iot_alert_is_open(m) && now - m->last <= inbox->cfg.merge_window) {
		gboolean reopened = m->state == IOT_ALERT_READ;

		m->count++;
		m->last = now;
		m->urgent = m->urgent || a->urgent;
		if (reopened)
			m->state = IOT_ALERT_NEW;
		iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, m, reopened && m->deferred_until == 0);
		if (out_id != NULL)
			*out_id = m->id;
		iot_alert_free(a);
		return IOT_ALERT_ADD_MERGED;
	}

	/* 2. throttle */
	prune_sources(inbox, now);
	st = iot_alert_inbox_p_source_state(inbox, a->source.account, a->source.thing, TRUE);
	if (st->window_start == 0 || now - st->window_start >= inbox->cfg.rate_window ||
	    now < st->window_start) {
		st->window_start = now;
		st->window_added = 0;
		st->summary_id = 0;
	}
	rate = a->stranger ? inbox->cfg.stranger_rate_max : inbox->cfg.rate_max;
	cap = a->stranger ? inbox->cfg.stranger_max : inbox->cfg.per_source_max;
	if (st->window_added >= MAX(rate, 1) || st->open >= MAX(cap, 1)) {
		IotAlertAddResult r = throttle(inbox, a, st, rule_quiet, now, out_id);

		iot_alert_free(a);
		return r;
	}
	st->window_added++;

	/* 3. quiet hours */
	a->id = inbox->next_id++;
	a->state = IOT_ALERT_NEW;
	a->count = 1;
	a->first = a->last = now;
	a->cleared = 0;
	a->snoozed_until = 0;
	a->span = 0;
	a->deferred_until = defer_until(inbox, a, rule_quiet, now);
	iot_alert_inbox_p_insert_entry(inbox, a);
	if (out_id != NULL)
		*out_id = a->id;
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_ADDED, a, a->deferred_until == 0);

	/* 4. the global cap */
	{
		gboolean deferred = a->deferred_until != 0;

		iot_alert_inbox_p_enforce_cap(inbox, now); /* may free @a */
		return deferred ? IOT_ALERT_ADD_DEFERRED : IOT_ALERT_ADD_NEW;
	}
}

gboolean
iot_alert_inbox_restore(IotAlertInbox *inbox, const IotAlert *alert)
{
	IotAlert *a;

	g_return_val_if_fail(inbox != NULL && alert != NULL, FALSE);
	if (alert->id == 0 || g_hash_table_contains(inbox->by_id, &alert->id))
		return FALSE;
	a = iot_alert_copy(alert);
	if (a->source.account == NULL || a->source.thing == NULL)
		iot_alert_set_source(a, alert->source.account, alert->source.thing, alert->source.node,
		                     alert->source.field);
	if (a->severity == IOT_ALERT_QUESTION && a->question == NULL)
		a->severity = IOT_ALERT_INFO;
	if (a->severity != IOT_ALERT_QUESTION)
		g_clear_pointer(&a->question, g_free);
	iot_alert_inbox_p_insert_entry(inbox, a);
	if (a->id >= inbox->next_id)
		inbox->next_id = a->id + 1;
	return TRUE;
}

/* ---- reading --------------------------------------------------------------------- */

const IotAlert *
iot_alert_inbox_get(const IotAlertInbox *inbox, guint64 id)
{
	g_return_val_if_fail(inbox != NULL, NULL);
	return g_hash_table_lookup(inbox->by_id, &id);
}

guint
iot_alert_inbox_size(const IotAlertInbox *inbox)
{
	return inbox->entries->len;
}

guint
iot_alert_inbox_tracked_sources(const IotAlertInbox *inbox)
{
	return g_hash_table_size(inbox->sources);
}

guint
iot_alert_inbox_unread(const IotAlertInbox *inbox)
{
	guint i, n = 0;

	for (i = 0; i < inbox->entries->len; i++) {
		const IotAlert *a = g_ptr_array_index(inbox->entries, i);

		n += a->state == IOT_ALERT_NEW && a->deferred_until == 0;
	}
	return n;
}

guint
iot_alert_inbox_deferred(const IotAlertInbox *inbox)
{
	guint i, n = 0;

	for (i = 0; i < inbox->entries->len; i++)
		n += ((const IotAlert *)g_ptr_array_index(inbox->entries, i))->deferred_until != 0;
	return n;
}

static gboolean
contains_fold(const char *hay, const char *needle_folded)
{
	char *f;
	gboolean hit;

	if (hay == NULL)
		return FALSE;
	f = g_utf8_casefold(hay, -1);
	hit = strstr(f, needle_folded) != NULL;
	g_free(f);
	return hit;
}

static gint
newest_first(gconstpointer pa, gconstpointer pb)
{
	const IotAlert *a = *(const IotAlert *const *)pa, *b = *(const IotAlert *const *)pb;

	if (a->last != b->last)
		return a->last > b->last ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

GPtrArray *
iot_alert_inbox_list(const IotAlertInbox *inbox, const IotAlertFilter *filter)
{
	GPtrArray *out = g_ptr_array_new();
	char *needle = NULL;
	guint i;

	g_return_val_if_fail(inbox != NULL, out);
	if (filter != NULL && filter->text != NULL && *filter->text != '\0')
		needle = g_utf8_casefold(filter->text, -1);
	for (i = 0; i < inbox->entries->len; i++) {
		const IotAlert *a = g_ptr_array_index(inbox->entries, i);
		guint states = filter ? filter->states : 0;

		if (states == 0 ? a->state == IOT_ALERT_DISMISSED : !(states & (1u << a->state)))
			continue;
		if (filter != NULL) {
			if (filter->severities != 0 && !(filter->severities & (1u << a->severity)))
				continue;
			if (filter->account != NULL && g_strcmp0(filter->account, a->source.account) != 0)
				continue;
			if (filter->thing != NULL && g_strcmp0(filter->thing, a->source.thing) != 0)
				continue;
			if (filter->node != NULL && g_strcmp0(filter->node, a->source.node) != 0)
				continue;
		}
		if (needle != NULL && !contains_fold(a->text, needle) &&
		    !contains_fold(a->source.thing, needle) && !contains_fold(a->source.node, needle) &&
		    !contains_fold(a->source.field, needle))
			continue;
		g_ptr_array_add(out, (gpointer)a);
	}
	g_free(needle);
	g_ptr_array_sort(out, newest_first);
	if (filter != NULL && filter->max > 0 && out->len > filter->max)
		g_ptr_array_set_size(out, filter->max);
	return out;
}

void
iot_alert_inbox_foreach(const IotAlertInbox *inbox, GFunc func, gpointer user_data)
{
	g_ptr_array_foreach(inbox->entries, func, user_data);
}
