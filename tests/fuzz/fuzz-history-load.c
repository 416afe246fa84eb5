/*
 * fuzz-history-load.c — libFuzzer target for reading saved histories.
 *
 * Bytes → iot_history_load_data, once expecting a thing and once taking the
 * file's own; then every query a window makes on what was read (ranges,
 * min/max, last, gaps, CSV), and a round trip: whatever was read must be
 * written and read back whole, without an error. Seeds: tests/fixtures/history
 * (files written by iot_history_save and inputs found earlier).
 */
#include "iot-csv.h"
#include "iot-history.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* A critical is a bug the fuzzer should stop on, as in the unit runner. */
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	g_setenv("TZ", "UTC", TRUE);
	return 0;
}

static void
query(const IotHistory *h)
{
	guint i;

	for (i = 0; i < iot_history_n_series(h); i++) {
		const IotHistorySeries *s = iot_history_get_series(h, i);
		IotHistorySample first, last;
		GArray *a;
		GString *csv = g_string_new(NULL);
		double mn, mx;
		guint n = iot_history_series_length(s);

		if (n == 0)
			continue;
		iot_history_series_nth(s, 0, &first);
		if (!iot_history_series_last(s, &last) || first.timestamp > last.timestamp)
			abort();
		a = iot_history_series_samples(s, first.timestamp, last.timestamp);
		if (a->len != n)
			abort(); /* sorted and complete */
		g_array_unref(a);
		if (!iot_history_series_min_max(s, G_MININT64, G_MAXINT64, &mn, &mx) || mn > mx)
			abort();
		a = iot_history_series_gaps(s, G_MININT64, G_MAXINT64, 3);
		g_array_unref(a);
		iot_csv_series(csv, s, G_MININT64, G_MAXINT64, IOT_CSV_NONE);
		g_string_free(csv, TRUE);
	}
	g_free(iot_history_describe_limits(h));
	(void)iot_history_memory_size(h);
}

static void
round_trip(const IotHistory *h)
{
	GBytes *b;
	GError *error = NULL;
	IotHistory *again;
	guint i;

	if (*iot_history_get_thing(h) == '\0')
		return; /* nothing was readable, not even whose history it is */
	b = iot_history_to_bytes(h);
	again = iot_history_load_data(g_bytes_get_data(b, NULL), g_bytes_get_size(b),
	                              iot_history_get_thing(h), &error);
	if (error != NULL || iot_history_n_series(again) != iot_history_n_series(h))
		abort();
	for (i = 0; i < iot_history_n_series(h); i++)
		if (iot_history_series_length(iot_history_get_series(h, i)) !=
		    iot_history_series_length(iot_history_get_series(again, i)))
			abort();
	iot_history_free(again);
	g_bytes_unref(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *error = NULL;
	IotHistory *h;

	h = iot_history_load_data(data, size, "thermostat@home.example/hw", &error);
	g_clear_error(&error);
	query(h);
	iot_history_free(h);

	h = iot_history_load_data(data, size, NULL, &error);
	g_clear_error(&error);
	query(h);
	round_trip(h);
	iot_history_free(h);
	return 0;
}
