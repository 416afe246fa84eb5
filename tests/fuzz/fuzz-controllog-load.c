/*
 * fuzz-controllog-load.c — libFuzzer target for the import of the control
 * log files earlier versions wrote.
 *
 * Bytes → a file → iot_control_log_load, with the default cap and with a
 * tiny one (the ring wraps). Whatever was read must hold the log's
 * promises (bounded, valid UTF-8, no NULL where none may be), and the
 * import into the store must be exact and idempotent: imported, it reads
 * back as the same entries, newest first, and imported again it adds
 * nothing. Seeds: tests/fixtures/controllog.
 */
#include "iot-controllog.h"
#include "iot-limits.h"
#include "iot-store-controllog.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dir, *in_path, *store_path;
static IotStore *store;

static void
cleanup(void)
{
	static const char *const companions[] = { "", "-wal", "-shm" };
	guint i;

	iot_store_close(store);
	g_unlink(in_path);
	for (i = 0; i < G_N_ELEMENTS(companions); i++) {
		char *p = g_strconcat(store_path, companions[i], NULL);

		g_unlink(p);
		g_free(p);
	}
	g_rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* A critical is a bug the fuzzer should stop on, as in the unit runner. */
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	g_setenv("TZ", "UTC", TRUE);
	dir = g_dir_make_tmp("fuzz-controllog-XXXXXX", NULL);
	if (dir == NULL)
		abort();
	in_path = g_build_filename(dir, "in.log", NULL);
	store_path = g_build_filename(dir, "store.db", NULL);
	store = iot_store_open(store_path, NULL, NULL);
	if (store == NULL)
		abort();
	atexit(cleanup);
	return 0;
}

static gboolean
bounded(const char *s, gsize max, gboolean nullable)
{
	if (s == NULL)
		return nullable;
	return strlen(s) <= max && g_utf8_validate(s, -1, NULL);
}

static void
check_entries(const IotControlLog *log, guint max)
{
	guint i;

	if (iot_control_log_len(log) > max)
		abort();
	for (i = 0; i < iot_control_log_len(log); i++) {
		const IotControlLogEntry *e = iot_control_log_get(log, i);

		if (!bounded(e->thing, IOT_MAX_NAME_BYTES, FALSE) ||
		    !bounded(e->node, IOT_MAX_NAME_BYTES, TRUE) ||
		    !bounded(e->param, IOT_MAX_NAME_BYTES, FALSE) ||
		    !bounded(e->old_value, IOT_MAX_VALUE_BYTES, TRUE) ||
		    !bounded(e->new_value, IOT_MAX_VALUE_BYTES, FALSE) ||
		    !bounded(e->detail, IOT_MAX_ERROR_TEXT, TRUE) ||
		    (guint)e->outcome >= IOT_CONTROL_OUTCOME_COUNT)
			abort();
		(void)iot_control_outcome_label(e->outcome);
	}
}

static void
same_entry(const IotControlLogEntry *x, const IotControlLogEntry *y)
{
	if (x->time != y->time || x->outcome != y->outcome || g_strcmp0(x->thing, y->thing) ||
	    g_strcmp0(x->node, y->node) || g_strcmp0(x->param, y->param) ||
	    g_strcmp0(x->old_value, y->old_value) || g_strcmp0(x->new_value, y->new_value) ||
	    g_strcmp0(x->detail, y->detail) || x->account != NULL || y->account != NULL ||
	    x->node_source != NULL || y->node_source != NULL)
		abort();
}

/* Newest first; of equal times, the later in the file (written later) first. */
static int
newest_first(gconstpointer a, gconstpointer b, gpointer log)
{
	guint i = *(const guint *)a, j = *(const guint *)b;
	gint64 ti = iot_control_log_get(log, i)->time, tj = iot_control_log_get(log, j)->time;

	if (ti != tj)
		return ti > tj ? -1 : 1;
	return i > j ? -1 : i < j;
}

/* Imported into an empty store, @log reads back whole, newest first; a
 * second import adds nothing. */
static void
import_round_trip(const IotControlLog *log)
{
	guint n = iot_control_log_len(log), added = 0, i;
	guint *order = g_new(guint, n + 1);
	gboolean more = TRUE;
	GPtrArray *rows;

	while (more)
		if (!iot_store_controllog_trim(store, 0, IOT_STORE_CONTROLLOG_TRIM_STEP, &more, NULL))
			abort();
	if (!iot_store_controllog_import(store, log, &added, NULL) || added != n)
		abort();
	rows = iot_store_controllog_query(store, IOT_STORE_CONTROLLOG_MAX_PAGE, 0, NULL, NULL);
	if (rows == NULL || rows->len != n)
		abort();
	for (i = 0; i < n; i++)
		order[i] = i;
	g_qsort_with_data(order, (gint)n, sizeof *order, newest_first, (gpointer)log);
	for (i = 0; i < n; i++)
		same_entry(iot_control_log_get(log, order[i]),
		           ((IotStoreControlLogRow *)g_ptr_array_index(rows, i))->entry);
	g_ptr_array_unref(rows);
	g_free(order);
	if (!iot_store_controllog_import(store, log, &added, NULL) || added != 0 ||
	    iot_store_controllog_count(store, NULL, NULL) != (gint64)n)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const guint caps[] = { 0, 3 };
	FILE *fp = fopen(in_path, "wb");
	guint i;

	if (fp == NULL || (size > 0 && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
		abort();
	for (i = 0; i < G_N_ELEMENTS(caps); i++) {
		GError *error = NULL;
		IotControlLog *log = iot_control_log_load(in_path, caps[i], &error);

		if ((log == NULL) == (error == NULL))
			abort(); /* exactly one of a log and an error */
		g_clear_error(&error);
		if (log == NULL)
			continue;
		check_entries(log, caps[i] ? caps[i] : IOT_CONTROL_LOG_MAX_ENTRIES);
		import_round_trip(log);
		iot_control_log_free(log);
	}
	return 0;
}
