/* test-history.c — per-thing history: what readouts add, order, duplicates,
 * QoS precedence, bounds, queries, gaps, memory. Files are tested in
 * test-history-file.c. */
#include "iot-tests.h"

#include "iot-history.h"
#include "iot-limits.h"

#include <math.h>
#include <string.h>

#define THING "thermostat@home.example/hw"
#define T0 G_GINT64_CONSTANT(1704874500000000) /* 2024-01-10T08:15:00Z */
#define MIN_US G_GINT64_CONSTANT(60000000)

Suite *iot_history_suite(void);
TCase *iot_history_files_tcase(void);
TCase *iot_history_hostile_tcase(void);

static IotField *
field(const char *node, const char *name, IotValueType type, const char *value, gint64 ts,
      guint32 qos)
{
	IotField *f = iot_field_new();
	char *end = NULL;

	g_free(f->name);
	g_free(f->value);
	f->node.node_id = g_strdup(node);
	f->name = g_strdup(name);
	f->value = g_strdup(value);
	f->type = type;
	f->timestamp = ts;
	f->qos = qos;
	f->unit = type == IOT_VALUE_NUMERIC ? g_strdup("°C") : NULL;
	f->number = g_ascii_strtod(value, &end);
	f->number_valid = end != value && *end == '\0' && !isnan(f->number);
	return f;
}

static IotHistorySample
nth(const IotHistorySeries *s, guint i)
{
	IotHistorySample x = { 0, 0, 0 };

	ck_assert(iot_history_series_nth(s, i, &x));
	return x;
}

static const IotHistorySeries *
only(const IotHistory *h, const char *node, const char *name)
{
	IotNodeRef ref = { (char *)node, NULL, NULL };
	const IotHistorySeries *s = iot_history_find_series(h, &ref, name);

	ck_assert_msg(s != NULL, "no series %s", name);
	return s;
}

/* ---- building ---------------------------------------------------------------- */

START_TEST(test_readout_adds_numbers_only)
{
	IotHistory *h = iot_history_new(THING);
	IotReadout *r = iot_readout_new();
	IotField *inf;

	g_ptr_array_add(r->fields, field("T", "temp", IOT_VALUE_NUMERIC, "21.50", T0, 0));
	g_ptr_array_add(r->fields, field("T", "count", IOT_VALUE_INT, "7", T0, 0));
	g_ptr_array_add(r->fields, field("T", "energy", IOT_VALUE_LONG, "9007199254740993", T0, 0));
	g_ptr_array_add(r->fields, field("T", "bad", IOT_VALUE_NUMERIC, "NaN", T0, 0));
	g_ptr_array_add(r->fields, field("T", "on", IOT_VALUE_BOOLEAN, "1", T0, 0));
	g_ptr_array_add(r->fields, field("T", "span", IOT_VALUE_DURATION, "60", T0, 0));
	g_ptr_array_add(r->fields, field("T", "text", IOT_VALUE_STRING, "12", T0, 0));
	inf = field("T", "inf", IOT_VALUE_NUMERIC, "1", T0, 0);
	inf->number = INFINITY; /* xs:double INF parses, but cannot be plotted */
	g_ptr_array_add(r->fields, inf);

	ck_assert_uint_eq(iot_history_add_readout(h, r, IOT_TIME_UNKNOWN), 3);
	ck_assert_uint_eq(iot_history_n_series(h), 3);
	ck_assert_str_eq(iot_history_series_get_name(iot_history_get_series(h, 0)), "temp");
	ck_assert_str_eq(iot_history_series_get_unit(only(h, "T", "temp")), "°C");
	ck_assert_uint_eq(iot_history_series_get_flags(only(h, "T", "temp")), 0);
	ck_assert_uint_eq(iot_history_get_flags(h), 0);
	ck_assert_ptr_null(iot_history_series_get_unit(only(h, "T", "count")));
	ck_assert(nth(only(h, "T", "temp"), 0).value == 21.5);
	ck_assert(nth(only(h, "T", "energy"), 0).value == 9007199254740992.0);
	ck_assert_ptr_null(iot_history_get_series(h, 3));
	/* The same readout again changes nothing. */
	ck_assert_uint_eq(iot_history_add_readout(h, r, IOT_TIME_UNKNOWN), 0);
	ck_assert_str_eq(iot_history_get_thing(h), THING);
	iot_readout_free(r);
	iot_history_free(h);
}
END_TEST

START_TEST(test_unknown_time_takes_now_or_is_skipped)
{
	IotHistory *h = iot_history_new(THING);
	IotReadout *r = iot_readout_new();

	g_ptr_array_add(r->fields, field(NULL, "temp", IOT_VALUE_NUMERIC, "1", IOT_TIME_UNKNOWN, 0));
	ck_assert_uint_eq(iot_history_add_readout(h, r, IOT_TIME_UNKNOWN), 0);
	ck_assert_uint_eq(iot_history_n_series(h), 0);
	ck_assert_uint_eq(iot_history_add_readout(h, r, T0), 1);
	ck_assert(nth(only(h, NULL, "temp"), 0).timestamp == T0);
	iot_readout_free(r);
	iot_history_free(h);
}
END_TEST

START_TEST(test_time_order_and_duplicates)
{
	IotHistory *h = iot_history_new(THING);
	IotReadout *r = iot_readout_new();
	const IotHistorySeries *s;
	guint i;

	/* A historical readout newest first, with a repeated sample. */
	for (i = 0; i < 5; i++)
		g_ptr_array_add(r->fields, field("T", "temp", IOT_VALUE_NUMERIC, "20", T0 - i * MIN_US, 0));
	g_ptr_array_add(r->fields, field("T", "temp", IOT_VALUE_NUMERIC, "20", T0, 0));
	ck_assert_uint_eq(iot_history_add_readout(h, r, IOT_TIME_UNKNOWN), 5);
	s = only(h, "T", "temp");
	ck_assert_uint_eq(iot_history_series_length(s), 5);
	for (i = 0; i < 5; i++)
		ck_assert(nth(s, i).timestamp == T0 - (4 - i) * MIN_US);
	/* Into the middle, at the front, and an exact duplicate. */
	ck_assert_int_eq(iot_history_add(h, &((IotField *)r->fields->pdata[0])->node, "temp", "°C",
	                                 T0 - 90 * 1000000, 19, 0),
	                 IOT_HISTORY_ADDED);
	ck_assert_int_eq(iot_history_add(h, &((IotField *)r->fields->pdata[0])->node, "temp", "°C",
	                                 T0 - 60 * MIN_US, 18, 0),
	                 IOT_HISTORY_ADDED);
	ck_assert_int_eq(iot_history_add(h, &((IotField *)r->fields->pdata[0])->node, "temp", "°C",
	                                 T0 - 60 * MIN_US, 18, 0),
	                 IOT_HISTORY_DUPLICATE);
	ck_assert_uint_eq(iot_history_series_length(s), 7);
	for (i = 1; i < 7; i++)
		ck_assert(nth(s, i - 1).timestamp < nth(s, i).timestamp);
	ck_assert(nth(s, 0).value == 18);
	ck_assert(nth(s, 4).value == 19);
	iot_readout_free(r);
	iot_history_free(h);
}
END_TEST

START_TEST(test_qos_precedence)
{
	IotHistory *h = iot_history_new(THING);
	const IotHistorySeries *s;

	/* XEP-0323 §5.7: an estimate does not overwrite a readout … */
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0, 100, 0), IOT_HISTORY_ADDED);
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0, 90, IOT_QOS_AUTOMATIC_ESTIMATE),
	                 IOT_HISTORY_KEPT_BETTER);
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0, 95, IOT_QOS_MANUAL_ESTIMATE),
	                 IOT_HISTORY_KEPT_BETTER);
	s = only(h, NULL, "e");
	ck_assert(nth(s, 0).value == 100);
	/* … a readout overwrites an estimate … */
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0 + 1, 80, IOT_QOS_AUTOMATIC_ESTIMATE),
	                 IOT_HISTORY_ADDED);
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0 + 1, 81, IOT_QOS_MANUAL_READOUT),
	                 IOT_HISTORY_REPLACED);
	ck_assert(nth(s, 1).value == 81);
	/* … a readout does not overwrite a signed value, an invoiced one wins … */
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0 + 2, 70,
	                                 IOT_QOS_AUTOMATIC_READOUT | IOT_QOS_SIGNED),
	                 IOT_HISTORY_ADDED);
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0 + 2, 71, 0), IOT_HISTORY_KEPT_BETTER);
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0 + 2, 72, IOT_QOS_INVOICED),
	                 IOT_HISTORY_REPLACED);
	/* … and at equal importance the later value corrects the earlier. */
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0, 101, IOT_QOS_AUTOMATIC_READOUT),
	                 IOT_HISTORY_REPLACED);
	ck_assert(nth(s, 0).value == 101);
	/* The same value with a better flag keeps the better flag. */
	ck_assert_int_eq(iot_history_add(h, NULL, "e", "kWh", T0, 101, IOT_QOS_SIGNED),
	                 IOT_HISTORY_DUPLICATE);
	ck_assert_uint_eq(nth(s, 0).qos, IOT_QOS_SIGNED);
	ck_assert_uint_eq(iot_history_qos_rank(0), iot_history_qos_rank(IOT_QOS_AUTOMATIC_READOUT));
	ck_assert_uint_lt(iot_history_qos_rank(IOT_QOS_MISSING), iot_history_qos_rank(IOT_QOS_IN_PROGRESS));
	ck_assert_uint_eq(iot_history_qos_rank(IOT_QOS_INVOICE_CONFIRMED), 13);
	iot_history_free(h);
}
END_TEST

START_TEST(test_invalid_samples)
{
	IotHistory *h = iot_history_new(THING);
	char *long_name = g_strnfill(IOT_MAX_NAME_BYTES + 1, 'x');
	IotNodeRef bad_node = { long_name, NULL, NULL };

	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, IOT_TIME_UNKNOWN, 1, 0), IOT_HISTORY_INVALID);
	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, T0, NAN, 0), IOT_HISTORY_INVALID);
	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, T0, -INFINITY, 0), IOT_HISTORY_INVALID);
	ck_assert_int_eq(iot_history_add(h, NULL, "", NULL, T0, 1, 0), IOT_HISTORY_INVALID);
	ck_assert_int_eq(iot_history_add(h, NULL, long_name, NULL, T0, 1, 0), IOT_HISTORY_INVALID);
	ck_assert_int_eq(iot_history_add(h, &bad_node, "t", NULL, T0, 1, 0), IOT_HISTORY_INVALID);
	ck_assert_int_eq(iot_history_add(h, NULL, "t", "\xff", T0, 1, 0), IOT_HISTORY_INVALID);
	ck_assert_uint_eq(iot_history_n_series(h), 0);
	/* Times at the ends of the range are fine. */
	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, G_MININT64 + 1, 1, 0), IOT_HISTORY_ADDED);
	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, G_MAXINT64, 2, 0), IOT_HISTORY_ADDED);
	g_free(long_name);
	iot_history_free(h);
}
END_TEST

START_TEST(test_sample_cap_drops_oldest)
{
	IotHistory *h = iot_history_new(THING);
	const IotHistorySeries *s;
	char *note;
	guint i;

	ck_assert_ptr_null(iot_history_describe_limits(h));
	for (i = 0; i < IOT_HISTORY_MAX_SAMPLES + 5; i++)
		ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, T0 + 2 * i, i, 0), IOT_HISTORY_ADDED);
	s = only(h, NULL, "t");
	ck_assert_uint_eq(iot_history_series_length(s), IOT_HISTORY_MAX_SAMPLES);
	ck_assert(nth(s, 0).timestamp == T0 + 10);
	ck_assert(nth(s, IOT_HISTORY_MAX_SAMPLES - 1).value == IOT_HISTORY_MAX_SAMPLES + 4);
	ck_assert_uint_eq(iot_history_samples_dropped(h), 5);
	ck_assert(iot_history_get_flags(h) & IOT_HISTORY_SAMPLES_DROPPED);
	ck_assert(iot_history_series_get_flags(s) & IOT_HISTORY_SAMPLES_DROPPED);
	/* Older than everything a full series holds: refused. */
	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, T0, -1, 0), IOT_HISTORY_TOO_OLD);
	/* Into the middle of a full ring (wrapped by now): the oldest goes. */
	ck_assert_int_eq(iot_history_add(h, NULL, "t", NULL, T0 + 2 * 100 + 1, -2, 0),
	                 IOT_HISTORY_ADDED);
	ck_assert(nth(s, 0).timestamp == T0 + 12);
	ck_assert(nth(s, 95).value == -2);
	ck_assert_uint_eq(iot_history_samples_dropped(h), 7);
	for (i = 1; i < IOT_HISTORY_MAX_SAMPLES; i++)
		ck_assert(nth(s, i - 1).timestamp < nth(s, i).timestamp);
	note = iot_history_describe_limits(h);
	ck_assert_ptr_nonnull(strstr(note, "10000"));
	g_free(note);
	iot_history_free(h);
}
END_TEST

START_TEST(test_series_cap_refuses_new_series)
{
	IotHistory *h = iot_history_new(THING);
	char *note;
	guint i;

	for (i = 0; i < IOT_HISTORY_MAX_SERIES; i++) {
		char *name = g_strdup_printf("f%u", i);
		ck_assert_int_eq(iot_history_add(h, NULL, name, NULL, T0, i, 0), IOT_HISTORY_ADDED);
		g_free(name);
	}
	ck_assert_int_eq(iot_history_add(h, NULL, "one more", NULL, T0, 1, 0), IOT_HISTORY_SERIES_REFUSED);
	ck_assert_int_eq(iot_history_add(h, NULL, "f7", NULL, T0 + 1, 1, 0), IOT_HISTORY_ADDED);
	ck_assert_uint_eq(iot_history_n_series(h), IOT_HISTORY_MAX_SERIES);
	ck_assert_uint_eq(iot_history_series_refused(h), 1);
	ck_assert(iot_history_get_flags(h) & IOT_HISTORY_SERIES_LIMITED);
	note = iot_history_describe_limits(h);
	ck_assert_ptr_nonnull(strstr(note, "500"));
	g_free(note);
	iot_history_free(h);
}
END_TEST

START_TEST(test_series_keyed_by_node_and_name)
{
	IotHistory *h = iot_history_new(THING);
	IotNodeRef a = { "N", NULL, NULL }, b = { "N", "src", NULL }, c = { "N", "src", "" };

	iot_history_add(h, &a, "t", NULL, T0, 1, 0);
	iot_history_add(h, &b, "t", NULL, T0, 2, 0);
	iot_history_add(h, &c, "t", NULL, T0, 3, 0);
	iot_history_add(h, NULL, "t", NULL, T0, 4, 0);
	iot_history_add(h, &a, "T", NULL, T0, 5, 0);
	ck_assert_uint_eq(iot_history_n_series(h), 5);
	ck_assert(nth(iot_history_find_series(h, &b, "t"), 0).value == 2);
	ck_assert(nth(iot_history_find_series(h, NULL, "t"), 0).value == 4);
	ck_assert_ptr_null(iot_history_find_series(h, NULL, "x"));
	ck_assert_str_eq(iot_history_series_get_node(iot_history_find_series(h, &c, "t"))->partition, "");
	iot_history_free(h);
}
END_TEST

START_TEST(test_unit_change_is_flagged)
{
	IotHistory *h = iot_history_new(THING);
	const IotHistorySeries *s;

	iot_history_add(h, NULL, "t", "°C", T0, 20, 0);
	s = only(h, NULL, "t");
	ck_assert_uint_eq(iot_history_series_get_flags(s), 0);
	/* A refused sample does not change the unit. */
	iot_history_add(h, NULL, "t", "K", T0, 19, IOT_QOS_MANUAL_ESTIMATE);
	ck_assert_str_eq(iot_history_series_get_unit(s), "°C");
	iot_history_add(h, NULL, "t", "", T0 + 1, 20, 0);
	ck_assert_ptr_null(iot_history_series_get_unit(s));
	ck_assert(iot_history_series_get_flags(s) & IOT_HISTORY_UNIT_CHANGED);
	iot_history_add(h, NULL, "t", "°F", T0 + 2, 68, 0);
	ck_assert_str_eq(iot_history_series_get_unit(s), "°F");
	iot_history_free(h);
}
END_TEST

/* ---- queries ------------------------------------------------------------------ */

START_TEST(test_range_min_max_last)
{
	IotHistory *h = iot_history_new(THING);
	const IotHistorySeries *s;
	IotHistorySample last;
	GArray *a;
	double mn, mx;
	guint i;

	for (i = 0; i < 10; i++)
		iot_history_add(h, NULL, "t", NULL, T0 + i * MIN_US, (i % 2) ? -(double)i : i, i == 9 ? IOT_QOS_WARNING : 0);
	s = only(h, NULL, "t");
	a = iot_history_series_samples(s, T0 + 2 * MIN_US, T0 + 5 * MIN_US);
	ck_assert_uint_eq(a->len, 4);
	ck_assert(g_array_index(a, IotHistorySample, 0).value == 2);
	ck_assert(g_array_index(a, IotHistorySample, 3).value == -5);
	g_array_unref(a);
	a = iot_history_series_samples(s, G_MININT64, G_MAXINT64);
	ck_assert_uint_eq(a->len, 10);
	g_array_unref(a);
	a = iot_history_series_samples(s, T0 + 5 * MIN_US, T0);
	ck_assert_uint_eq(a->len, 0);
	g_array_unref(a);
	ck_assert(iot_history_series_min_max(s, T0 + MIN_US, T0 + 4 * MIN_US, &mn, &mx));
	ck_assert(mn == -3 && mx == 4);
	ck_assert(iot_history_series_min_max(s, G_MININT64, G_MAXINT64, &mn, NULL));
	ck_assert(mn == -9);
	ck_assert(!iot_history_series_min_max(s, T0 + 11 * MIN_US, G_MAXINT64, &mn, &mx));
	ck_assert(iot_history_series_last(s, &last));
	ck_assert(last.value == -9 && last.qos == IOT_QOS_WARNING);
	ck_assert(!iot_history_series_nth(s, 10, &last));
	iot_history_free(h);
}
END_TEST

START_TEST(test_gaps)
{
	IotHistory *h = iot_history_new(THING);
	const IotHistorySeries *s;
	GArray *g;
	guint i;

	/* Every minute, except a ten-minute hole after the fifth sample. */
	for (i = 0; i < 20; i++)
		iot_history_add(h, NULL, "t", NULL, T0 + (i + (i >= 5 ? 9 : 0)) * MIN_US, i, 0);
	s = only(h, NULL, "t");
	g = iot_history_series_gaps(s, G_MININT64, G_MAXINT64, 3);
	ck_assert_uint_eq(g->len, 1);
	ck_assert(g_array_index(g, IotHistoryGap, 0).start == T0 + 4 * MIN_US);
	ck_assert(g_array_index(g, IotHistoryGap, 0).end == T0 + 14 * MIN_US);
	g_array_unref(g);
	/* A larger k accepts the hole. */
	g = iot_history_series_gaps(s, G_MININT64, G_MAXINT64, 11);
	ck_assert_uint_eq(g->len, 0);
	g_array_unref(g);
	/* Fewer than three samples in range: no gaps. */
	g = iot_history_series_gaps(s, T0 + 4 * MIN_US, T0 + 14 * MIN_US, 1.5);
	ck_assert_uint_eq(g->len, 0);
	g_array_unref(g);
	iot_history_free(h);

	/* Times at both ends of the int64 range do not overflow. */
	h = iot_history_new(THING);
	iot_history_add(h, NULL, "t", NULL, G_MININT64 + 1, 1, 0);
	for (i = 0; i < 4; i++)
		iot_history_add(h, NULL, "t", NULL, i, 1, 0);
	iot_history_add(h, NULL, "t", NULL, G_MAXINT64, 1, 0);
	g = iot_history_series_gaps(only(h, NULL, "t"), G_MININT64, G_MAXINT64, 2);
	ck_assert_uint_eq(g->len, 2);
	ck_assert(g_array_index(g, IotHistoryGap, 0).start == G_MININT64 + 1);
	ck_assert(g_array_index(g, IotHistoryGap, 1).end == G_MAXINT64);
	g_array_unref(g);
	iot_history_free(h);
}
END_TEST

START_TEST(test_memory_per_sample)
{
	IotHistory *h = iot_history_new(THING);
	gsize empty, full;
	guint i;

	iot_history_add(h, NULL, "t", "°C", T0, 0, 0);
	empty = iot_history_memory_size(h);
	for (i = 1; i < IOT_HISTORY_MAX_SAMPLES; i++)
		iot_history_add(h, NULL, "t", "°C", T0 + i, i, 0);
	full = iot_history_memory_size(h);
	/* 18 bytes per sample, as iot-history.h says. */
	ck_assert_uint_le(full - empty, (gsize)IOT_HISTORY_MAX_SAMPLES * 18);
	ck_assert_uint_ge(full - empty, (gsize)(IOT_HISTORY_MAX_SAMPLES - 16) * 18);
	/* The ring stops growing at the bound. */
	for (i = 0; i < 100; i++)
		iot_history_add(h, NULL, "t", "°C", T0 + IOT_HISTORY_MAX_SAMPLES + i, i, 0);
	ck_assert_uint_eq(iot_history_memory_size(h), full);
	iot_history_free(h);
}
END_TEST

/* Both bounds at once: 5 000 000 samples, the figures of iot-history.h. */
START_TEST(test_memory_at_both_caps)
{
	IotHistory *h = iot_history_new(THING);
	char name[32];
	guint s, i;

	for (s = 0; s < IOT_HISTORY_MAX_SERIES; s++) {
		g_snprintf(name, sizeof name, "series %u", s);
		for (i = 0; i < IOT_HISTORY_MAX_SAMPLES; i++)
			iot_history_add(h, NULL, name, "°C", T0 + (gint64)i * MIN_US, i, 0);
	}
	ck_assert_int_eq(iot_history_add(h, NULL, "one more", NULL, T0, 1, 0), IOT_HISTORY_SERIES_REFUSED);
	ck_assert_uint_eq(iot_history_series_length(iot_history_get_series(h, 499)), IOT_HISTORY_MAX_SAMPLES);
	ck_assert_uint_le(iot_history_memory_size(h),
	                  (gsize)IOT_HISTORY_MAX_SERIES * (IOT_HISTORY_MAX_SAMPLES * 18 + 512));
	ck_assert_uint_ge(iot_history_memory_size(h),
	                  (gsize)IOT_HISTORY_MAX_SERIES * IOT_HISTORY_MAX_SAMPLES * 18);
	iot_history_free(h);
}
END_TEST

Suite *
iot_history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, test_readout_adds_numbers_only);
	tcase_add_test(tc, test_unknown_time_takes_now_or_is_skipped);
	tcase_add_test(tc, test_time_order_and_duplicates);
	tcase_add_test(tc, test_qos_precedence);
	tcase_add_test(tc, test_invalid_samples);
	tcase_add_test(tc, test_sample_cap_drops_oldest);
	tcase_add_test(tc, test_series_cap_refuses_new_series);
	tcase_add_test(tc, test_series_keyed_by_node_and_name);
	tcase_add_test(tc, test_unit_change_is_flagged);
	tcase_add_test(tc, test_range_min_max_last);
	tcase_add_test(tc, test_gaps);
	tcase_add_test(tc, test_memory_per_sample);
	tcase_add_test(tc, test_memory_at_both_caps);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_history_files_tcase());
	suite_add_tcase(s, iot_history_hostile_tcase());
	return s;
}
