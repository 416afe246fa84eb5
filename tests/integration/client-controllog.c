/* client-controllog.c — the control log in the profile's store, read as a
 * second client would (see client-controllog.h). */
#include "client-controllog.h"

#include "iot-store-controllog.h"

#include <util.h>

char *
client_store_path(void)
{
	return g_build_filename(purple_user_dir(), "xmpp-iot", "store.db", NULL);
}

/* Returns: (transfer full) (nullable): a connection of our own to the
 * profile's store, NULL when there is none yet. */
static IotStore *
open_store(void)
{
	char *path = client_store_path();
	IotStore *st = NULL;
	GError *error = NULL;

	if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		st = iot_store_open(path, NULL, &error);
		if (st == NULL) {
			g_printerr("client: the store %s did not open: %s\n", path, error->message);
			g_error_free(error);
		}
	}
	g_free(path);
	return st;
}

GPtrArray *
client_controllog_newest(guint limit)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)iot_control_log_entry_free);
	IotStore *st = open_store();
	GPtrArray *rows = st != NULL ? iot_store_controllog_query(st, limit, 0, NULL, NULL) : NULL;
	guint i;

	for (i = 0; rows != NULL && i < rows->len; i++) {
		IotStoreControlLogRow *row = g_ptr_array_index(rows, i);

		g_ptr_array_add(out, row->entry);
		row->entry = NULL;
	}
	if (rows != NULL)
		g_ptr_array_unref(rows);
	iot_store_close(st);
	return out;
}

gint64
client_controllog_count(void)
{
	IotStore *st = open_store();
	gint64 n = st != NULL ? iot_store_controllog_count(st, NULL, NULL) : 0;

	iot_store_close(st);
	return MAX(n, 0);
}

static gboolean
tick(gpointer fired)
{
	*(gboolean *)fired = TRUE;
	return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, whatever else is (not) going on. */
static void
run_for(guint ms)
{
	gboolean fired = FALSE;

	g_timeout_add(ms, tick, &fired);
	while (!fired)
		g_main_context_iteration(NULL, TRUE);
}

gint64
client_controllog_settled_count(void)
{
	run_for(CLIENT_CONTROLLOG_SETTLE_MS);
	return client_controllog_count();
}

gboolean
client_controllog_wait_count(gint64 n, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;

	while (client_controllog_count() < n) {
		if (g_get_monotonic_time() > end)
			return FALSE;
		run_for(100);
	}
	return TRUE;
}

IotControlLogEntry *
client_controllog_wait_entry(guint from_end, const char *thing, const char *param, const char *new_value,
                             IotControlOutcome outcome, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;

	for (;;) {
		GPtrArray *newest = client_controllog_newest(from_end + 1);
		IotControlLogEntry *e = newest->len > from_end ? g_ptr_array_index(newest, from_end) : NULL;

		if (e != NULL && g_strcmp0(e->thing, thing) == 0 && g_strcmp0(e->param, param) == 0 &&
		    g_strcmp0(e->new_value, new_value) == 0 && e->outcome == outcome) {
			newest->pdata[from_end] = NULL;
			g_ptr_array_unref(newest);
			return e;
		}
		g_ptr_array_unref(newest);
		if (g_get_monotonic_time() > end)
			return NULL;
		run_for(100);
	}
}
