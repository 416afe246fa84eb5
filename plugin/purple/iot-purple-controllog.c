/* iot-purple-controllog.c — the control log on disk and in the menu. See the header. */
#include "iot-purple-controllog.h"

#include "iot-format.h"
#include "iot-purple-file.h"
#include "iot-purple-ui.h"
#include "iot-time.h"

#include <connection.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <notify.h>
#include <util.h>

static IotControlLog *control_log;
/* FALSE: the file could not be read nor moved aside; the log is kept in
 * memory only and the file left alone until unload. */
static gboolean file_writable = TRUE;
static guint save_idle; /* the save after the last record, not yet run */
static IotPurpleControlLogChanged listener;
static gpointer listener_data;
static gpointer table_handle; /* the open fallback table, or NULL */

static char *
log_path(void)
{
	return g_build_filename(purple_user_dir(), "xmpp-iot", "control-log.txt", NULL);
}

const IotControlLog *
iot_purple_controllog_get(void)
{
	char *path;
	GError *error = NULL;

	if (control_log != NULL)
		return control_log;
	path = log_path();
	control_log = iot_control_log_load(path, 0, &error);
	if (control_log == NULL) {
		/* Never written over: moved aside first, or not written at all. */
		file_writable = iot_purple_file_set_aside(path, _("The control log"), error);
		g_error_free(error);
		control_log = iot_control_log_new(0);
	}
	g_free(path);
	return control_log;
}

void
iot_purple_controllog_set_listener(IotPurpleControlLogChanged fn, gpointer data)
{
	listener = fn;
	listener_data = data;
}

static void table_refresh(void);

static void
save_now(void)
{
	GError *err = NULL;
	char *path = log_path();

	if (!file_writable) {
		purple_debug_info("xmpp-iot", "control log kept in memory only: %s is left as it is\n", path);
	} else if (!iot_control_log_save(control_log, path, &err)) {
		purple_debug_error("xmpp-iot", "could not save the control log %s: %s\n", path, err->message);
		g_error_free(err);
	}
	g_free(path);
}

static gboolean
save_cb(gpointer data)
{
	save_idle = 0;
	save_now();
	return G_SOURCE_REMOVE;
}

void
iot_purple_controllog_record(const char *thing, const GPtrArray *nodes, const IotControlChange *changes,
                             guint n_changes, const IotControlResult *result, const GError *error,
                             const char *detail)
{
	if (n_changes == 0)
		return;
	iot_purple_controllog_get();
	iot_control_log_add_result(control_log, g_get_real_time(), thing, nodes, changes, n_changes,
	                           result, error, detail);
	/* Saved (durably, so it takes a while) as soon as the main loop has
	 * shown what happened: below the priority at which windows redraw, so
	 * the outcome is on screen first. Records in between share one save. */
	if (save_idle == 0)
		save_idle = g_idle_add_full(G_PRIORITY_LOW, save_cb, NULL, NULL);
	if (listener != NULL)
		listener(listener_data);
	table_refresh();
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
	const IotControlLog *log = iot_purple_controllog_get();
	PurpleNotifySearchResults *res = purple_notify_searchresults_new();
	const char *cols[] = { N_("Time"), N_("Thing"), N_("Node"), N_("Parameter"), N_("Change"),
	                       N_("Result"), N_("Detail") };
	gint64 now = g_get_real_time();
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cols); i++)
		purple_notify_searchresults_column_add(res, purple_notify_searchresults_column_new(_(cols[i])));
	/* Newest first, as a person looks for what just happened. */
	for (i = iot_control_log_len(log); i-- > 0;) {
		const IotControlLogEntry *e = iot_control_log_get(log, i);
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
		char *path = log_path();
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
	if (table_handle != NULL)
		purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, table_handle); /* runs table_closed */
	table_handle = NULL;
	if (save_idle != 0) {
		g_source_remove(save_idle);
		save_idle = 0;
		save_now();
	}
	iot_control_log_free(control_log);
	control_log = NULL;
	file_writable = TRUE;
	listener = NULL;
}
