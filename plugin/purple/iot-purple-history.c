/* iot-purple-history.c — histories per account and thing. See iot-purple-history.h. */
#include "iot-purple-history.h"

#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-file.h"

#include <debug.h>
#include <eventloop.h>
#include <glib/gi18n-lib.h>
#include <util.h>

typedef struct {
	PurpleAccount *account;
	char *account_name;
	char *thing;
	IotHistory *history;
	gboolean dirty;
	gboolean keep_file; /* could not be read nor moved aside: never written until unload */
} Entry;

static GHashTable *entries; /* "account\nthing" → Entry */
static guint save_timer;
static IotPurpleHistoryChanged listener;
static gpointer listener_data;

static char *
history_dir(void)
{
	return g_build_filename(purple_user_dir(), "xmpp-iot", "history", NULL);
}

static void
entry_free(Entry *e)
{
	iot_history_free(e->history);
	g_free(e->account_name);
	g_free(e->thing);
	g_free(e);
}

static void
save_entry(Entry *e)
{
	char *dir;
	GError *error = NULL;

	if (!e->dirty)
		return;
	if (e->keep_file) {
		purple_debug_info("xmpp-iot", "history of %s kept in memory only\n", e->thing);
		e->dirty = FALSE;
		return;
	}
	dir = history_dir();
	if (!iot_history_save(e->history, dir, e->account_name, &error)) {
		purple_debug_error("xmpp-iot", "cannot save the history of %s: %s\n", e->thing, error->message);
		g_error_free(error);
	}
	e->dirty = FALSE;
	g_free(dir);
}

static Entry *
lookup(PurpleAccount *account, const char *thing)
{
	char *bare = iot_jid_bare(thing), *key;
	Entry *e;

	if (bare == NULL)
		return NULL;
	if (entries == NULL)
		entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)entry_free);
	key = g_strdup_printf("%s\n%s", purple_account_get_username(account), bare);
	e = g_hash_table_lookup(entries, key);
	if (e == NULL) {
		char *dir = history_dir();
		GError *error = NULL;

		e = g_new0(Entry, 1);
		e->account = account;
		e->account_name = g_strdup(purple_account_get_username(account));
		e->thing = g_strdup(bare);
		e->history = iot_history_load(dir, e->account_name, bare, &error);
		if (error != NULL) {
			/* What could be read is kept in memory; the file itself is
			 * never written over: moved aside first, or not written at all. */
			char *name = iot_history_file_name(e->account_name, bare);
			char *path = g_build_filename(dir, name, NULL);
			char *who = iot_format_clean(bare, 80);
			/* TRANSLATORS: %s is a contact's address; the start of a sentence
			 * "… could not be read: <why>". */
			char *what = g_strdup_printf(_("The history of %s"), who);

			e->keep_file = !iot_purple_file_set_aside(path, what, error);
			g_error_free(error);
			g_free(what);
			g_free(who);
			g_free(path);
			g_free(name);
		}
		g_hash_table_insert(entries, key, e);
		g_free(dir);
	} else {
		g_free(key);
	}
	g_free(bare);
	return e;
}

IotHistory *
iot_purple_history_get(PurpleAccount *account, const char *thing)
{
	Entry *e = lookup(account, thing);

	return e ? e->history : NULL;
}

static gboolean
save_cb(gpointer data)
{
	save_timer = 0;
	iot_purple_history_flush();
	return FALSE;
}

void
iot_purple_history_add(PurpleAccount *account, const char *thing, const IotReadout *readout)
{
	Entry *e = lookup(account, thing);

	if (e == NULL || readout == NULL)
		return;
	if (iot_history_add_readout(e->history, readout, g_get_real_time()) > 0) {
		e->dirty = TRUE;
		/* At most one save a second: a subscription may update many times. */
		if (save_timer == 0)
			save_timer = purple_timeout_add_seconds(1, save_cb, NULL);
		if (listener)
			listener(account, e->thing, listener_data);
	}
}

void
iot_purple_history_flush(void)
{
	GHashTableIter it;
	gpointer v;

	if (entries == NULL)
		return;
	g_hash_table_iter_init(&it, entries);
	while (g_hash_table_iter_next(&it, NULL, &v))
		save_entry(v);
}

void
iot_purple_history_shutdown(void)
{
	if (save_timer != 0) {
		purple_timeout_remove(save_timer);
		save_timer = 0;
	}
	iot_purple_history_flush();
	if (entries != NULL)
		g_hash_table_destroy(entries);
	entries = NULL;
	listener = NULL;
	listener_data = NULL;
}

void
iot_purple_history_set_listener(IotPurpleHistoryChanged fn, gpointer data)
{
	listener = fn;
	listener_data = data;
}
