/* iot-purple-history-import.c — the former per-thing history files (those
 * ending in ".hist" in purple_user_dir()/xmpp-iot/history/) into the store.
 *
 * A file is named by a hash of its account and thing (iot_history_file_name()),
 * so the files of the things in the buddy list are recognised by name; any
 * other file says its thing inside, and its account is the one whose hash
 * matches. A worker thread reads one file at a time (a file at its caps holds
 * 90 MB and takes most of a second to read); a timer on the main loop writes
 * it into the store in steps of IMPORT_STEP_SAMPLES samples, one short
 * transaction each (a few ms; at most a fifth of the main loop's time),
 * then renames the file to "<name>.imported" (never
 * deleted). An import that is interrupted, or a file that could not be
 * renamed, is imported again at the next load: the store recognises what it
 * holds already, so nothing is counted twice. A file that cannot be read is
 * moved aside (iot-purple-file.h) after what could be read of it was
 * imported. A readable file of no account of this profile is left where it
 * is. */
#include "iot-purple-history-private.h"

#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-file.h"
#include "iot-purple-store.h"

#include <blist.h>
#include <debug.h>
#include <errno.h>
#include <eventloop.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <util.h>

#define IMPORT_TICK_MS 10
#define IMPORT_STEP_SAMPLES 2000

typedef struct {
	char *path;
	char *name;       /* the file's name, no folder */
	char *account;    /* (nullable) the account's user name: found by name, or after reading */
	char *thing;      /* (nullable) the thing expected */
	IotHistory *hist; /* read by the worker */
	GError *error;    /* why it could not (all) be read */
} Job;

static IotStoreHistory *store;
static GQueue files = G_QUEUE_INIT; /* Job * not read yet (main thread) */
static GAsyncQueue *todo, *done;    /* to and from the worker */
static GThread *worker;
static Job stop_job;                /* tells the worker to end */
static guint timer;
static gboolean with_worker;        /* a job is with the worker */
static Job *current;                /* read, being imported */
static IotStoreHistoryImport *imp;
static IotStoreHistoryStats stats;
static gint64 started_us;

static void
job_free(Job *j)
{
	if (j == NULL || j == &stop_job)
		return;
	iot_history_free(j->hist);
	if (j->error != NULL)
		g_error_free(j->error);
	g_free(j->path);
	g_free(j->name);
	g_free(j->account);
	g_free(j->thing);
	g_free(j);
}

static gpointer
worker_main(gpointer data)
{
	for (;;) {
		Job *j = g_async_queue_pop(todo);

		if (j == &stop_job)
			break;
		j->hist = iot_history_load_file(j->path, j->thing, &j->error);
		g_async_queue_push(done, j);
	}
	return NULL;
}

/* "file name" → "account\nthing" of every XMPP account's buddies. */
static GHashTable *
names_of_buddies(void)
{
	GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GList *l;

	for (l = purple_accounts_get_all(); l != NULL; l = l->next) {
		PurpleAccount *account = l->data;
		const char *user = purple_account_get_username(account);
		GSList *buddies, *b;

		if (g_strcmp0(purple_account_get_protocol_id(account), "prpl-jabber") != 0)
			continue;
		buddies = purple_find_buddies(account, NULL);
		for (b = buddies; b != NULL; b = b->next) {
			const char *who = purple_buddy_get_name(b->data);

			if (who != NULL)
				g_hash_table_replace(names, iot_history_file_name(user, who),
				                     g_strdup_printf("%s\n%s", user, who));
		}
		g_slist_free(buddies);
	}
	return names;
}

/* The XMPP account of this profile whose file of @thing is called @name. */
static PurpleAccount *
account_of_file(const char *name, const char *thing)
{
	GList *l;

	for (l = purple_accounts_get_all(); thing != NULL && *thing != '\0' && l != NULL; l = l->next) {
		PurpleAccount *account = l->data;
		char *mine;
		gboolean same;

		if (g_strcmp0(purple_account_get_protocol_id(account), "prpl-jabber") != 0)
			continue;
		mine = iot_history_file_name(purple_account_get_username(account), thing);
		same = strcmp(mine, name) == 0;
		g_free(mine);
		if (same)
			return account;
	}
	return NULL;
}

/* "The history of …", naming the thing when it is known. (transfer full) */
static char *
file_what(const Job *j)
{
	const char *thing = j->thing;
	char *who, *what;

	if ((thing == NULL || *thing == '\0') && j->hist != NULL)
		thing = iot_history_get_thing(j->hist);
	if (thing == NULL || *thing == '\0')
		return g_strdup(_("A history file"));
	who = iot_format_clean(thing, 80);
	/* TRANSLATORS: %s is a contact's address; the start of a sentence
	 * "… could not be read: <why>". */
	what = g_strdup_printf(_("The history of %s"), who);
	g_free(who);
	return what;
}

/* Done with @j: moved aside when it could not be read, else renamed to
 * "….imported". */
static void
file_done(Job *j)
{
	if (j->error != NULL) {
		char *what = file_what(j);

		iot_purple_file_set_aside(j->path, what, j->error);
		g_free(what);
	} else {
		char *base = g_strconcat(j->path, ".imported", NULL), *to = g_strdup(base);
		int i;

		for (i = 2; g_file_test(to, G_FILE_TEST_EXISTS) && i < 1000; i++) {
			g_free(to);
			to = g_strdup_printf("%s-%d", base, i);
		}
		if (g_rename(j->path, to) != 0)
			purple_debug_warning("xmpp-iot", "history: %s imported but not renamed (%s): it is imported "
			                     "again, without doubling, next time\n",
			                     j->path, g_strerror(errno));
		else
			purple_debug_info("xmpp-iot", "history: %s imported, renamed to %s\n", j->path, to);
		g_free(to);
		g_free(base);
	}
}

/* Starts writing @j, just read, into the store; or finishes with it. */
static void
begin(Job *j)
{
	PurpleAccount *account = NULL;
	GError *error = NULL;

	/* Nothing in it (or gone since it was listed): done with it. */
	if (j->error == NULL && iot_history_n_series(j->hist) == 0) {
		file_done(j);
		job_free(j);
		return;
	}
	if (j->account != NULL)
		account = purple_accounts_find(j->account, "prpl-jabber");
	else
		account = account_of_file(j->name, iot_history_get_thing(j->hist));
	if (account == NULL) {
		if (j->error == NULL)
			purple_debug_info("xmpp-iot", "history: %s (of %s) belongs to no account here; left as it is\n",
			                  j->path, iot_history_get_thing(j->hist));
		else
			file_done(j);
		job_free(j);
		return;
	}
	g_free(j->account);
	j->account = g_strdup(purple_account_get_username(account));
	imp = iot_store_history_import_new(store, j->account, j->hist, &error);
	if (imp == NULL) {
		if (j->error == NULL)
			j->error = error;
		else
			g_error_free(error);
		file_done(j);
		job_free(j);
		return;
	}
	current = j;
}

static void import_end(void);

static gboolean
tick_cb(gpointer data)
{
	GError *error = NULL;
	gboolean finished = FALSE;
	gint64 t0;
	guint took_ms;
	Job *j;

	if (current == NULL) {
		if (!with_worker) {
			j = g_queue_pop_head(&files);
			if (j == NULL) {
				timer = 0;
				import_end();
				return FALSE;
			}
			g_async_queue_push(todo, j);
			with_worker = TRUE;
			return TRUE;
		}
		j = g_async_queue_try_pop(done);
		if (j != NULL) {
			with_worker = FALSE;
			begin(j);
		}
		return TRUE;
	}
	t0 = g_get_monotonic_time();
	if (!iot_store_history_import_step(imp, g_get_real_time(), IMPORT_STEP_SAMPLES, &finished, &stats,
	                                   &error)) {
		/* The store cannot be written now: the files wait for the next load. */
		purple_debug_error("xmpp-iot", "history: importing %s stopped: %s\n", current->path, error->message);
		iot_purple_store_failed(error);
		g_error_free(error);
		timer = 0;
		import_end();
		return FALSE;
	}
	if (finished) {
		PurpleAccount *account = purple_accounts_find(current->account, "prpl-jabber");
		char *bare = iot_jid_bare(iot_history_get_thing(current->hist));

		file_done(current);
		if (account != NULL && bare != NULL)
			iot_purple_history_notify(account, bare);
		g_free(bare);
		iot_store_history_import_free(imp);
		imp = NULL;
		job_free(current);
		current = NULL;
	}
	/* At most a fifth of the main loop's time, however slow a step is. */
	took_ms = (guint)((g_get_monotonic_time() - t0) / 1000);
	if (took_ms * 4 > IMPORT_TICK_MS) {
		timer = purple_timeout_add(took_ms * 4, tick_cb, NULL);
		return FALSE;
	}
	return TRUE;
}

/* Ends the import: joins the worker, forgets what is left. */
static void
import_end(void)
{
	Job *j;

	if (timer != 0)
		purple_timeout_remove(timer);
	timer = 0;
	if (worker != NULL) {
		g_async_queue_push_front(todo, &stop_job);
		g_thread_join(worker);
		worker = NULL;
	}
	while (todo != NULL && (j = g_async_queue_try_pop(todo)) != NULL)
		job_free(j);
	while (done != NULL && (j = g_async_queue_try_pop(done)) != NULL)
		job_free(j);
	if (todo != NULL)
		g_async_queue_unref(todo);
	if (done != NULL)
		g_async_queue_unref(done);
	todo = done = NULL;
	while ((j = g_queue_pop_head(&files)) != NULL)
		job_free(j);
	iot_store_history_import_free(imp);
	imp = NULL;
	job_free(current);
	current = NULL;
	with_worker = FALSE;
	if (started_us != 0)
		purple_debug_info("xmpp-iot", "history: import ended after %.1f s: %u samples, %u hours of "
		                  "statistics added, %u known already\n",
		                  (g_get_monotonic_time() - started_us) / 1e6, stats.added, stats.hours_added,
		                  stats.unchanged + stats.hours_known);
	started_us = 0;
	store = NULL;
}

static int
job_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	return strcmp(((const Job *)a)->name, ((const Job *)b)->name);
}

void
iot_purple_history_import_start(IotStoreHistory *h)
{
	char *dir = g_build_filename(purple_user_dir(), "xmpp-iot", "history", NULL);
	GDir *d;
	GHashTable *names;
	const char *e;

	g_return_if_fail(h != NULL);
	if (timer != 0 || (d = g_dir_open(dir, 0, NULL)) == NULL) {
		g_free(dir);
		return;
	}
	names = names_of_buddies();
	while ((e = g_dir_read_name(d)) != NULL) {
		char *path;
		const char *who;
		Job *j;

		if (!g_str_has_suffix(e, ".hist"))
			continue;
		path = g_build_filename(dir, e, NULL);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR) || g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
			g_free(path);
			continue;
		}
		j = g_new0(Job, 1);
		j->path = path;
		j->name = g_strdup(e);
		if ((who = g_hash_table_lookup(names, e)) != NULL) {
			const char *nl = strchr(who, '\n');

			j->account = g_strndup(who, (gsize)(nl - who));
			j->thing = g_strdup(nl + 1);
		}
		g_queue_insert_sorted(&files, j, job_cmp, NULL);
	}
	g_dir_close(d);
	g_hash_table_destroy(names);
	g_free(dir);
	if (g_queue_is_empty(&files))
		return;
	todo = g_async_queue_new();
	done = g_async_queue_new();
	worker = g_thread_try_new("iot-history-import", worker_main, NULL, NULL);
	if (worker == NULL) {
		purple_debug_error("xmpp-iot", "history: no thread to import %u files with; they wait\n",
		                   g_queue_get_length(&files));
		import_end();
		return;
	}
	purple_debug_info("xmpp-iot", "history: importing %u files\n", g_queue_get_length(&files));
	store = h;
	memset(&stats, 0, sizeof stats);
	started_us = g_get_monotonic_time();
	timer = purple_timeout_add(IMPORT_TICK_MS, tick_cb, NULL);
}

void
iot_purple_history_import_stop(void)
{
	if (timer != 0 || worker != NULL || !g_queue_is_empty(&files))
		import_end();
}

gboolean
iot_purple_history_import_running(void)
{
	return timer != 0;
}
