/* iot-purple-controllog.c — the control log in the store and in the menu. See the header. */
#include "iot-purple-controllog.h"

#include "iot-file.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-file.h"
#include "iot-purple-store.h"
#include "iot-purple-ui.h"
#include "iot-store-controllog.h"
#include "iot-time.h"

#include <connection.h>
#include <debug.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <notify.h>
#include <util.h>

/* After a failed write, the next try. */
#define RETRY_S 10
/* Entries written between two trims of the store. */
#define TRIM_EVERY 1000

/* The entries of one set, from its sending until the store holds its outcome. */
typedef struct {
	IotPurpleControlLogTicket ticket;
	GPtrArray *entries; /* (element-type IotControlLogEntry) owned */
	GArray *rows;       /* (element-type gint64) their keys in the store; empty until written */
	gboolean finished;  /* the outcome is in @entries */
	gboolean dirty;     /* the store does not hold @entries as they are */
	gboolean new_rows;  /* @rows were added by the transaction under way */
} Pending;

static GQueue pending = G_QUEUE_INIT; /* (element-type Pending) oldest first */
static guint pending_entries;         /* entries in @pending */
static IotPurpleControlLogTicket last_ticket;
static guint flush_id;   /* the timeout of the next write */
static guint trim_id;    /* the idle source trimming the store */
static guint since_trim; /* entries written since the last trim */
static guint changed_id; /* the idle source telling the window and the table */
static IotPurpleControlLogChanged listener;
static gpointer listener_data;
static gpointer table_handle; /* the open fallback table, or NULL */

static void table_refresh(void);

static char *
text_file_path(void)
{
	return g_build_filename(purple_user_dir(), "xmpp-iot", "control-log.txt", NULL);
}

static void
pending_free(Pending *p)
{
	g_ptr_array_unref(p->entries);
	g_array_free(p->rows, TRUE);
	g_free(p);
}

static gboolean
changed_cb(gpointer data)
{
	changed_id = 0;
	if (listener != NULL)
		listener(listener_data);
	table_refresh();
	return G_SOURCE_REMOVE;
}

/* The window and the table read the log again once the main loop is idle:
 * below the priority at which windows redraw, so that neither a set going
 * out nor its outcome on screen waits for them; changes in between share
 * one reading. */
static void
changed(void)
{
	if (changed_id == 0)
		changed_id = g_idle_add_full(G_PRIORITY_LOW, changed_cb, NULL, NULL);
}

void
iot_purple_controllog_set_listener(IotPurpleControlLogChanged fn, gpointer data)
{
	listener = fn;
	listener_data = data;
}

/* --- trimming ---------------------------------------------------------------------- */

static gboolean
trim_cb(gpointer data)
{
	IotStore *st = iot_purple_store_get();
	GError *error = NULL;
	gboolean more = FALSE;

	if (st != NULL &&
	    !iot_store_controllog_trim(st, IOT_STORE_CONTROLLOG_KEEP, IOT_STORE_CONTROLLOG_TRIM_STEP, &more, &error)) {
		purple_debug_warning("xmpp-iot", "control log not trimmed: %s\n", error->message);
		g_error_free(error);
	}
	if (more)
		return G_SOURCE_CONTINUE;
	trim_id = 0;
	return G_SOURCE_REMOVE;
}

static void
schedule_trim(void)
{
	since_trim = 0;
	if (trim_id == 0)
		trim_id = g_idle_add_full(G_PRIORITY_LOW, trim_cb, NULL, NULL);
}

/* --- writing ------------------------------------------------------------------------- */

static gboolean
flush_txn(IotStore *st, gpointer data, GError **error)
{
	GList *l;
	guint i;

	for (l = pending.head; l != NULL; l = l->next) {
		Pending *p = l->data;

		if (!p->dirty)
			continue;
		if (p->rows->len == 0) {
			p->new_rows = TRUE;
			for (i = 0; i < p->entries->len; i++) {
				gint64 id = 0;

				if (!iot_store_controllog_append(st, g_ptr_array_index(p->entries, i), &id, error))
					return FALSE;
				g_array_append_val(p->rows, id);
			}
			continue;
		}
		for (i = 0; i < p->entries->len && i < p->rows->len; i++) {
			const IotControlLogEntry *e = g_ptr_array_index(p->entries, i);

			if (!iot_store_controllog_set_outcome(st, g_array_index(p->rows, gint64, i), e->outcome,
			                                      e->detail, error))
				return FALSE;
		}
	}
	return TRUE;
}

/* Writes what the store does not hold yet, in one transaction. FALSE when
 * something is left (no store, or the write failed). */
static gboolean
flush_now(void)
{
	IotStore *st = iot_purple_store_get();
	GError *error = NULL;
	gboolean ok, any = FALSE;
	guint written = 0;
	GList *l, *next;

	for (l = pending.head; l != NULL && !any; l = l->next)
		any = ((Pending *)l->data)->dirty;
	if (!any)
		return TRUE;
	if (st == NULL)
		return FALSE;
	ok = iot_store_transaction(st, flush_txn, NULL, &error);
	for (l = pending.head; l != NULL; l = next) {
		Pending *p = l->data;

		next = l->next;
		if (!ok) {
			/* Rolled back: the rows of this transaction are not there. */
			if (p->new_rows)
				g_array_set_size(p->rows, 0);
			p->new_rows = FALSE;
			continue;
		}
		if (p->new_rows)
			written += p->rows->len;
		p->new_rows = FALSE;
		p->dirty = FALSE;
		if (p->finished) {
			pending_entries -= p->entries->len;
			pending_free(p);
			g_queue_delete_link(&pending, l);
		}
	}
	if (!ok) {
		purple_debug_error("xmpp-iot", "control log not written (tried again in %d s): %s\n", RETRY_S,
		                   error->message);
		iot_purple_store_failed(error);
		g_error_free(error);
		return FALSE;
	}
	since_trim += written;
	if (since_trim >= TRIM_EVERY)
		schedule_trim();
	return TRUE;
}

static gboolean
flush_cb(gpointer data)
{
	flush_id = 0;
	if (!flush_now() && iot_purple_store_get() != NULL)
		flush_id = g_timeout_add_seconds(RETRY_S, flush_cb, NULL);
	return G_SOURCE_REMOVE;
}

static void
schedule_flush(void)
{
	if (flush_id == 0)
		flush_id = g_timeout_add(IOT_PURPLE_CONTROLLOG_FLUSH_MS, flush_cb, NULL);
}

/* Without a store (or while it fails), what waits is bounded: the oldest
 * sets go first. */
static void
bound_pending(void)
{
	guint dropped = 0;

	while (pending_entries > IOT_CONTROL_LOG_MAX_ENTRIES && pending.length > 1) {
		Pending *p = g_queue_pop_head(&pending);

		pending_entries -= p->entries->len;
		dropped += p->entries->len;
		pending_free(p);
	}
	if (dropped > 0)
		purple_debug_warning("xmpp-iot", "control log: %u entries that could not be written dropped\n",
		                     dropped);
}

IotPurpleControlLogTicket
iot_purple_controllog_sent(PurpleAccount *account, const char *thing, const GPtrArray *nodes,
                           const IotControlChange *changes, guint n_changes)
{
	char *me = account != NULL ? iot_jid_bare(purple_account_get_username(account)) : NULL;
	Pending *p;

	g_return_val_if_fail(thing != NULL, 0);
	p = g_new0(Pending, 1);
	p->entries = iot_control_log_entries_new(g_get_real_time(), me, thing, nodes, changes, n_changes);
	g_free(me);
	if (p->entries->len == 0) {
		g_ptr_array_unref(p->entries);
		g_free(p);
		return 0;
	}
	p->ticket = ++last_ticket;
	p->rows = g_array_new(FALSE, FALSE, sizeof(gint64));
	p->dirty = TRUE;
	g_queue_push_tail(&pending, p);
	pending_entries += p->entries->len;
	bound_pending();
	schedule_flush();
	changed();
	return p->ticket;
}

void
iot_purple_controllog_finished(IotPurpleControlLogTicket ticket, const IotControlResult *result,
                               const GError *error, const char *detail)
{
	GList *l;

	for (l = pending.head; l != NULL; l = l->next) {
		Pending *p = l->data;

		if (p->ticket != ticket || p->finished)
			continue;
		iot_control_log_entries_set_result(p->entries, result, error, detail);
		p->finished = TRUE;
		p->dirty = TRUE;
		schedule_flush();
		changed();
		return;
	}
	if (ticket != 0)
		purple_debug_info("xmpp-iot", "control log: outcome of a set no longer waiting\n");
}

void
iot_purple_controllog_abandon(IotPurpleControlLogTicket ticket)
{
	GList *l;

	for (l = pending.head; ticket != 0 && l != NULL; l = l->next) {
		Pending *p = l->data;

		if (p->ticket == ticket && !p->finished) {
			purple_debug_warning("xmpp-iot", "control log: a set ended without an outcome\n");
			p->finished = TRUE;
			/* Written as it is, or forgotten at the next write. */
			p->dirty = TRUE;
			schedule_flush();
			return;
		}
	}
}

/* --- reading --------------------------------------------------------------------------- */

/* Newest first (a stable sort keeps the order of equal times). */
static gint
newest_first(gconstpointer a, gconstpointer b)
{
	const IotControlLogEntry *x = *(IotControlLogEntry *const *)a, *y = *(IotControlLogEntry *const *)b;

	return x->time > y->time ? -1 : x->time < y->time;
}

GPtrArray *
iot_purple_controllog_recent(guint limit, guint *total)
{
	IotStore *st = iot_purple_store_get();
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_control_log_entry_free);
	GHashTable *newer = g_hash_table_new(g_int64_hash, g_int64_equal); /* key → entry not written yet */
	GPtrArray *rows = NULL;
	GError *error = NULL;
	gint64 stored = 0;
	guint unwritten = 0, i;
	GList *l;

	limit = CLAMP(limit, 1, IOT_STORE_CONTROLLOG_MAX_PAGE);
	if (st != NULL) {
		rows = iot_store_controllog_query(st, limit, 0, NULL, &error);
		if (rows != NULL)
			stored = iot_store_controllog_count(st, NULL, &error);
		if (error != NULL) {
			purple_debug_error("xmpp-iot", "control log not read: %s\n", error->message);
			g_clear_error(&error);
		}
	}
	/* What waits: sets not written yet first (the newest first), then
	 * outcomes the store's rows do not have yet. */
	for (l = pending.tail; l != NULL; l = l->prev) {
		Pending *p = l->data;

		for (i = p->entries->len; i-- > 0;) {
			IotControlLogEntry *e = g_ptr_array_index(p->entries, i);

			if (p->rows->len == 0) {
				g_ptr_array_add(out, iot_control_log_entry_copy(e));
				unwritten++;
			} else if (p->dirty && i < p->rows->len) {
				g_hash_table_insert(newer, &g_array_index(p->rows, gint64, i), e);
			}
		}
	}
	for (i = 0; rows != NULL && i < rows->len; i++) {
		IotStoreControlLogRow *row = g_ptr_array_index(rows, i);
		const IotControlLogEntry *now = g_hash_table_lookup(newer, &row->id);
		IotControlLogEntry *e = row->entry;

		row->entry = NULL;
		if (now != NULL) {
			e->outcome = now->outcome;
			g_free(e->detail);
			e->detail = g_strdup(now->detail);
		}
		g_ptr_array_add(out, e);
	}
	g_ptr_array_sort(out, newest_first);
	if (out->len > limit)
		g_ptr_array_set_size(out, limit);
	if (total != NULL)
		*total = (guint)MIN((gint64)G_MAXUINT, MAX(stored, 0) + unwritten);
	if (rows != NULL)
		g_ptr_array_unref(rows);
	g_hash_table_destroy(newer);
	return out;
}

/* --- the text file of earlier versions ------------------------------------------------- */

void
iot_purple_controllog_start(void)
{
	IotStore *st = iot_purple_store_get();
	char *path = text_file_path(), *renamed;
	IotControlLog *log;
	GError *error = NULL;
	GStatBuf sb;
	guint added = 0;

	schedule_trim();
	if (g_lstat(path, &sb) != 0 && errno == ENOENT) {
		g_free(path);
		return;
	}
	if (st == NULL) {
		/* Kept for a start that has a store. */
		purple_debug_warning("xmpp-iot", "%s not imported: no store\n", path);
		g_free(path);
		return;
	}
	log = iot_control_log_load(path, IOT_STORE_CONTROLLOG_KEEP, &error);
	if (log == NULL) {
		/* Never imported as it is, never deleted: moved aside, the person told. */
		iot_purple_file_set_aside(path, _("The control log"), error);
		g_error_free(error);
		g_free(path);
		return;
	}
	if (!iot_store_controllog_import(st, log, &added, &error)) {
		/* Left where it is: the next start tries again. */
		purple_debug_error("xmpp-iot", "%s not imported: %s\n", path, error->message);
		iot_purple_store_failed(error);
		g_error_free(error);
	} else if ((renamed = iot_file_rename_with_suffix(path, ".imported", &error)) == NULL) {
		/* Imported again at the next start, which adds nothing. */
		purple_debug_warning("xmpp-iot", "control log imported (%u new of %u entries), not renamed: %s\n",
		                     added, iot_control_log_len(log), error->message);
		g_error_free(error);
	} else {
		purple_debug_info("xmpp-iot", "control log imported (%u new of %u entries); %s is now %s\n", added,
		                  iot_control_log_len(log), path, renamed);
		g_free(renamed);
	}
	iot_control_log_free(log);
	g_free(path);
}

/* --- fallback: a table (Finch, libpurple clients) -------------------------------- */

static PurpleConnection *
any_connection(void)
{
	GList *l = purple_connections_get_all();

	return l != NULL ? l->data : NULL;
}

static char *
change_text(const IotControlLogEntry *e)
{
	char *old_v = e->old_value != NULL ? iot_format_clean(e->old_value, 80) : g_strdup("?");
	char *new_v = iot_format_clean(e->new_value, 80);
	char *out = g_strdup_printf("%s → %s", old_v, new_v);

	g_free(old_v);
	g_free(new_v);
	return out;
}

static PurpleNotifySearchResults *
table_rows(void)
{
	GPtrArray *entries = iot_purple_controllog_recent(IOT_CONTROL_LOG_MAX_ENTRIES, NULL);
	PurpleNotifySearchResults *res = purple_notify_searchresults_new();
	const char *cols[] = { N_("Time"), N_("Thing"), N_("Node"), N_("Parameter"), N_("Change"),
	                       N_("Result"), N_("Detail") };
	gint64 now = g_get_real_time();
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cols); i++)
		purple_notify_searchresults_column_add(res, purple_notify_searchresults_column_new(_(cols[i])));
	/* Newest first, as a person looks for what just happened. */
	for (i = 0; i < entries->len; i++) {
		const IotControlLogEntry *e = g_ptr_array_index(entries, i);
		GList *row = NULL;

		/* Cells are plain text in Pidgin and Finch: cleaning is enough. */
		row = g_list_append(row, iot_time_format_local(e->time, now));
		row = g_list_append(row, iot_format_clean(e->thing, 80));
		row = g_list_append(row, iot_format_clean(e->node, 80));
		row = g_list_append(row, iot_format_clean(e->param, 80));
		row = g_list_append(row, change_text(e));
		row = g_list_append(row, g_strdup(iot_control_outcome_label(e->outcome)));
		row = g_list_append(row, iot_format_clean(e->detail, 300));
		purple_notify_searchresults_row_add(res, row);
	}
	g_ptr_array_unref(entries);
	return res;
}

static void
table_closed(gpointer data)
{
	table_handle = NULL;
}

static void
table_refresh(void)
{
	PurpleConnection *gc = any_connection();

	if (table_handle != NULL && gc != NULL)
		purple_notify_searchresults_new_rows(gc, table_rows(), table_handle);
}

void
iot_purple_controllog_open(void)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	PurpleConnection *gc;
	PurpleNotifySearchResults *res;
	const char *title;

	if (ui != NULL && ui->open_control_log != NULL) {
		ui->open_control_log();
		return;
	}
	gc = any_connection();
	/* TRANSLATORS: title of the list of every control sent. */
	title = _("Control log");
	if (gc == NULL) {
		/* The table needs a connection; without one, say where the log is. */
		IotStore *st = iot_purple_store_get();
		char *path = st != NULL ? g_strdup(iot_store_path(st))
		                        : g_build_filename(purple_user_dir(), "xmpp-iot", "store.db", NULL);
		char *text = g_strdup_printf(_("The control log is shown while an account is online. It is "
		                               "kept in %s."),
		                             path);

		purple_notify_info(NULL, title, title, text);
		g_free(text);
		g_free(path);
		return;
	}
	if (table_handle != NULL)
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, table_handle);
	res = table_rows();
	table_handle = purple_notify_searchresults(gc, title, title, NULL, res, table_closed, NULL);
	if (table_handle == NULL) /* no UI shows tables: libpurple kept @res */
		purple_notify_searchresults_free(res);
}

static void
open_action(PurplePluginAction *action)
{
	iot_purple_controllog_open();
}

GList *
iot_purple_controllog_actions(PurplePlugin *plugin, gpointer context)
{
	/* TRANSLATORS: plugin menu item (Tools → XMPP IoT). */
	return g_list_append(NULL, purple_plugin_action_new(_("Control log"), open_action));
}

void
iot_purple_controllog_shutdown(void)
{
	Pending *p;

	if (table_handle != NULL)
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, table_handle); /* runs table_closed */
	table_handle = NULL;
	if (flush_id != 0)
		g_source_remove(flush_id);
	flush_id = 0;
	if (trim_id != 0)
		g_source_remove(trim_id);
	trim_id = 0;
	if (changed_id != 0)
		g_source_remove(changed_id);
	changed_id = 0;
	if (!flush_now() && pending_entries > 0)
		purple_debug_warning("xmpp-iot", "control log: %u entries not written\n", pending_entries);
	while ((p = g_queue_pop_head(&pending)) != NULL)
		pending_free(p);
	pending_entries = 0;
	since_trim = 0;
	listener = NULL;
}
