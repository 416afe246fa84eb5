/*
 * fuzz-controllog-load.c — libFuzzer target for reading saved control logs.
 *
 * Bytes → a file → iot_control_log_load, with the default cap and with a
 * tiny one (the ring wraps). Whatever was read must hold the log's
 * promises (bounded, valid UTF-8, no NULL where none may be), and a round
 * trip must be stable: saved, read back and saved again, it gives the same
 * entries and the same bytes. Seeds: tests/fixtures/controllog.
 */
#include "iot-controllog.h"
#include "iot-limits.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dir, *in_path, *out_path, *again_path;

static void
cleanup(void)
{
	g_unlink(in_path);
	g_unlink(out_path);
	g_unlink(again_path);
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
	out_path = g_build_filename(dir, "out.log", NULL);
	again_path = g_build_filename(dir, "again.log", NULL);
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
same_entries(const IotControlLog *a, const IotControlLog *b)
{
	guint i;

	if (iot_control_log_len(a) != iot_control_log_len(b))
		abort();
	for (i = 0; i < iot_control_log_len(a); i++) {
		const IotControlLogEntry *x = iot_control_log_get(a, i), *y = iot_control_log_get(b, i);

		if (x->time != y->time || x->outcome != y->outcome || g_strcmp0(x->thing, y->thing) ||
		    g_strcmp0(x->node, y->node) || g_strcmp0(x->param, y->param) ||
		    g_strcmp0(x->old_value, y->old_value) || g_strcmp0(x->new_value, y->new_value) ||
		    g_strcmp0(x->detail, y->detail))
			abort();
	}
}

static void
round_trip(const IotControlLog *log)
{
	IotControlLog *again;
	char *a, *b;
	gsize na, nb;

	if (!iot_control_log_save(log, out_path, NULL))
		abort();
	again = iot_control_log_load(out_path, 0, NULL);
	if (again == NULL)
		abort();
	same_entries(log, again);
	if (!iot_control_log_save(again, again_path, NULL) ||
	    !g_file_get_contents(out_path, &a, &na, NULL) ||
	    !g_file_get_contents(again_path, &b, &nb, NULL))
		abort();
	if (na != nb || memcmp(a, b, na) != 0)
		abort();
	g_free(a);
	g_free(b);
	iot_control_log_free(again);
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
		round_trip(log);
		iot_control_log_free(log);
	}
	return 0;
}
