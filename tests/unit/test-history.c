/* test-history.c — per-thing history: what readouts add, order, duplicates,
 * QoS precedence, bounds, queries, gaps; saving atomically and loading
 * files that were cut short, damaged or written by someone hostile. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-history.h"
#include "iot-limits.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/stat.h>
#include <sys/types.h>
#endif

#define THING "thermostat@home.example/hw"
#define ACCOUNT "me@home.example/pidgin"
#define T0 G_GINT64_CONSTANT(1704874500000000) /* 2024-01-10T08:15:00Z */
#define MIN_US G_GINT64_CONSTANT(60000000)

Suite *iot_history_suite(void);

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
	iot_history_add(h, NULL, "t", "", T0 + 1, 20, 0);
	s = only(h, NULL, "t");
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

/* ---- files ---------------------------------------------------------------------- */

static char *tmpdir;

static void
files_setup(void)
{
	tmpdir = g_dir_make_tmp("iot-history-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void
remove_tree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *e;

	if (d == NULL)
		return;
	while ((e = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, e, NULL);

		if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			remove_tree(p);
		else
			g_unlink(p);
		g_free(p);
	}
	g_dir_close(d);
	g_rmdir(dir);
}

static void
files_teardown(void)
{
	remove_tree(tmpdir);
	g_free(tmpdir);
}

static guint
count_files(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	guint n = 0;

	while (d != NULL && g_dir_read_name(d) != NULL)
		n++;
	if (d)
		g_dir_close(d);
	return n;
}

/* A small history with some of everything. */
static IotHistory *
sample_history(void)
{
	IotHistory *h = iot_history_new(THING);
	IotNodeRef n1 = { "Boiler", "MeteringTopology", NULL }, n2 = { "Zähler", NULL, "" };
	guint i;

	for (i = 0; i < 30; i++)
		iot_history_add(h, &n1, "Flow temperature", "°C", T0 + i * MIN_US, 60 + i / 4.0,
		                i == 3 ? IOT_QOS_AUTOMATIC_ESTIMATE : 0);
	iot_history_add(h, &n2, "Energie, total \"kWh\"", "kWh", T0, 1234.567, IOT_QOS_SIGNED);
	iot_history_add(h, NULL, "count", NULL, T0, -3, IOT_QOS_INVOICE_CONFIRMED | IOT_QOS_WARNING);
	iot_history_add(h, NULL, "unit dropped", "x", T0, 1, 0);
	iot_history_add(h, NULL, "unit dropped", NULL, T0 + 1, 2, 0);
	return h;
}

static void
assert_same(const IotHistory *a, const IotHistory *b)
{
	guint i, j;

	ck_assert_str_eq(iot_history_get_thing(a), iot_history_get_thing(b));
	ck_assert_uint_eq(iot_history_get_flags(a), iot_history_get_flags(b));
	ck_assert_uint_eq(iot_history_n_series(a), iot_history_n_series(b));
	for (i = 0; i < iot_history_n_series(a); i++) {
		const IotHistorySeries *x = iot_history_get_series(a, i), *y = iot_history_get_series(b, i);

		ck_assert_str_eq(iot_history_series_get_name(x), iot_history_series_get_name(y));
		ck_assert(iot_node_ref_equal(iot_history_series_get_node(x), iot_history_series_get_node(y)));
		ck_assert_str_eq(iot_history_series_get_unit(x) ? iot_history_series_get_unit(x) : "(none)",
		                 iot_history_series_get_unit(y) ? iot_history_series_get_unit(y) : "(none)");
		ck_assert_uint_eq(iot_history_series_get_flags(x), iot_history_series_get_flags(y));
		ck_assert_uint_eq(iot_history_series_length(x), iot_history_series_length(y));
		for (j = 0; j < iot_history_series_length(x); j++) {
			IotHistorySample p = nth(x, j), q = nth(y, j);
			ck_assert(p.timestamp == q.timestamp && p.value == q.value && p.qos == q.qos);
		}
	}
}

START_TEST(test_file_name_is_a_hash)
{
	char *a = iot_history_file_name(ACCOUNT, THING);
	char *b = iot_history_file_name("Me@Home.Example/other", "Thermostat@HOME.example/hw");
	char *c = iot_history_file_name("other@home.example", THING);
	char *d = iot_history_file_name(ACCOUNT, "thermostat@home.example/HW");
	char *e = iot_history_file_name(ACCOUNT, "../../etc/passwd");
	const char *p;

	ck_assert_uint_eq(strlen(a), 32 + 5);
	ck_assert(g_str_has_suffix(a, ".hist"));
	for (p = a; *p != '.'; p++)
		ck_assert(g_ascii_isxdigit(*p));
	ck_assert_str_eq(a, b); /* case of local part and domain; our resource */
	ck_assert_str_ne(a, c);
	ck_assert_str_ne(a, d); /* resources are case-sensitive */
	ck_assert_ptr_null(strchr(e, '/'));
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(d);
	g_free(e);
}
END_TEST

START_TEST(test_save_load_round_trip)
{
	IotHistory *h = sample_history(), *back;
	GError *error = NULL;
	char *name, *path;
	GBytes *bytes;

	iot_history_add(h, NULL, "overflow", NULL, T0, 1, 0);
	ck_assert(iot_history_save(h, tmpdir, ACCOUNT, &error));
	ck_assert_ptr_null(error);
	back = iot_history_load(tmpdir, ACCOUNT, THING, &error);
	ck_assert_msg(error == NULL, "%s", error ? error->message : "");
	assert_same(h, back);
	iot_history_free(back);
	/* The same bytes in memory; and the same contact by another spelling. */
	bytes = iot_history_to_bytes(h);
	back = iot_history_load_data(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes),
	                             "Thermostat@Home.example/hw", &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_history_n_series(back), iot_history_n_series(h));
	iot_history_free(back);
	back = iot_history_load_data(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes), NULL, &error);
	ck_assert_ptr_null(error);
	assert_same(h, back);
	iot_history_free(back);
	g_bytes_unref(bytes);
#ifdef G_OS_UNIX
	{
		struct stat st;

		name = iot_history_file_name(ACCOUNT, THING);
		path = g_build_filename(tmpdir, name, NULL);
		ck_assert_int_eq(g_stat(path, &st), 0);
		ck_assert_int_eq(st.st_mode & 0777, 0600);
		g_free(path);
		g_free(name);
	}
#endif
	ck_assert_uint_eq(count_files(tmpdir), 1);
	iot_history_free(h);
}
END_TEST

START_TEST(test_save_creates_the_folder)
{
	IotHistory *h = sample_history(), *back;
	char *dir = g_build_filename(tmpdir, "a", "b", NULL);
	GError *error = NULL;

	ck_assert(iot_history_save(h, dir, ACCOUNT, &error));
	back = iot_history_load(dir, ACCOUNT, THING, &error);
	ck_assert_ptr_null(error);
	assert_same(h, back);
	iot_history_free(back);
	iot_history_free(h);
	g_free(dir);
}
END_TEST

START_TEST(test_load_of_nothing)
{
	GError *error = NULL;
	IotHistory *h = iot_history_load(tmpdir, ACCOUNT, THING, &error);

	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_history_n_series(h), 0);
	ck_assert_str_eq(iot_history_get_thing(h), THING);
	iot_history_free(h);
}
END_TEST

/* A crash after the temporary file was (partly) written and before the
 * rename: the old file is intact and loads; the next save clears up. */
START_TEST(test_crash_before_rename_keeps_the_old_file)
{
	IotHistory *old = sample_history(), *back;
	GError *error = NULL;
	char *name = iot_history_file_name(ACCOUNT, THING);
	char *tmp = g_strdup_printf("%s/%s.tmp-A1b2C3", tmpdir, name);
	GBytes *bytes;

	ck_assert(iot_history_save(old, tmpdir, ACCOUNT, NULL));
	iot_history_add(old, NULL, "count", NULL, T0 + 5 * MIN_US, 42, 0);
	bytes = iot_history_to_bytes(old);
	ck_assert(g_file_set_contents(tmp, g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes) / 2, NULL));
	g_bytes_unref(bytes);

	back = iot_history_load(tmpdir, ACCOUNT, THING, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_history_series_length(only(back, NULL, "count")), 1); /* the old file */
	iot_history_free(back);
	ck_assert_uint_eq(count_files(tmpdir), 2);

	ck_assert(iot_history_save(old, tmpdir, ACCOUNT, NULL));
	ck_assert_uint_eq(count_files(tmpdir), 1);
	ck_assert(!g_file_test(tmp, G_FILE_TEST_EXISTS));
	back = iot_history_load(tmpdir, ACCOUNT, THING, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_history_series_length(only(back, NULL, "count")), 2);
	iot_history_free(back);
	iot_history_free(old);
	g_free(tmp);
	g_free(name);
}
END_TEST

START_TEST(test_save_fails_cleanly)
{
	IotHistory *h = sample_history();
	char *file = g_build_filename(tmpdir, "plain-file", NULL);
	char *below = g_build_filename(file, "sub", NULL);
	GError *error = NULL;

	ck_assert(g_file_set_contents(file, "x", 1, NULL));
	ck_assert(!iot_history_save(h, below, ACCOUNT, &error));
	ck_assert(error != NULL && error->domain == G_FILE_ERROR);
	g_clear_error(&error);
	iot_history_free(h);
	g_free(file);
	g_free(below);
}
END_TEST

#ifdef G_OS_UNIX
START_TEST(test_load_refuses_what_is_not_a_file)
{
	char *name = iot_history_file_name(ACCOUNT, THING);
	char *path = g_build_filename(tmpdir, name, NULL);
	GError *error = NULL;
	IotHistory *h;

	/* A FIFO must not block the reader, a folder must not confuse it. */
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	h = iot_history_load(tmpdir, ACCOUNT, THING, &error);
	ck_assert(error != NULL && error->domain == G_FILE_ERROR);
	ck_assert_uint_eq(iot_history_n_series(h), 0);
	g_clear_error(&error);
	iot_history_free(h);
	g_unlink(path);
	ck_assert_int_eq(g_mkdir(path, 0700), 0);
	h = iot_history_load(tmpdir, ACCOUNT, THING, &error);
	ck_assert(error != NULL);
	g_clear_error(&error);
	iot_history_free(h);
	g_rmdir(path);
	g_free(path);
	g_free(name);
}
END_TEST
#endif

/* ---- hostile files ------------------------------------------------------------ */

/* An independent CRC-32, bit by bit. */
static guint32
crc(const guint8 *p, gsize n, guint32 c)
{
	guint k;

	c = ~c;
	while (n--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
	}
	return ~c;
}

static void
le(GByteArray *b, guint64 v, guint n)
{
	while (n--) {
		guint8 x = (guint8)v;
		g_byte_array_append(b, &x, 1);
		v >>= 8;
	}
}

static void
record(GByteArray *file, char type, GByteArray *payload)
{
	GByteArray *head = g_byte_array_new();
	guint32 c;

	g_byte_array_append(head, (const guint8 *)&type, 1);
	le(head, payload->len, 4);
	c = crc(payload->data, payload->len, crc(head->data, head->len, 0));
	g_byte_array_append(file, head->data, head->len);
	g_byte_array_append(file, payload->data, payload->len);
	le(file, c, 4);
	g_byte_array_set_size(payload, 0);
	g_byte_array_unref(head);
}

static void
str(GByteArray *b, const char *s)
{
	if (s == NULL) {
		le(b, 0xFFFF, 2);
		return;
	}
	le(b, strlen(s), 2);
	g_byte_array_append(b, (const guint8 *)s, (guint)strlen(s));
}

static GByteArray *
file_start(const char *thing)
{
	GByteArray *f = g_byte_array_new(), *p = g_byte_array_new();

	g_byte_array_append(f, (const guint8 *)"\x89IOTHIST", 8);
	le(f, 1, 4);
	le(p, 0, 4);
	str(p, thing);
	record(f, 'T', p);
	g_byte_array_unref(p);
	return f;
}

static void
series(GByteArray *f, guint32 number, const char *name)
{
	GByteArray *p = g_byte_array_new();

	le(p, number, 4);
	le(p, 0, 4);
	str(p, NULL);
	str(p, NULL);
	str(p, NULL);
	str(p, name);
	str(p, "W");
	record(f, 'S', p);
	g_byte_array_unref(p);
}

static void
sample(GByteArray *p, gint64 t, double v, guint16 q)
{
	guint64 bits;

	memcpy(&bits, &v, 8);
	le(p, (guint64)t, 8);
	le(p, bits, 8);
	le(p, q, 2);
}

static void
end(GByteArray *f, guint32 n_series, guint64 n_samples)
{
	GByteArray *p = g_byte_array_new();

	le(p, n_series, 4);
	le(p, n_samples, 8);
	record(f, 'E', p);
	g_byte_array_unref(p);
}

/* Loads @f expecting the thing THING; returns the history, *error set. */
static IotHistory *
load_bytes(GByteArray *f, GError **error)
{
	return iot_history_load_data(f->data, f->len, THING, error);
}

START_TEST(test_every_truncation_loads_safely)
{
	IotHistory *h = sample_history();
	GBytes *bytes = iot_history_to_bytes(h);
	gsize len, n = g_bytes_get_size(bytes);
	const guint8 *data = g_bytes_get_data(bytes, NULL);

	for (len = 0; len <= n; len++) {
		GError *error = NULL;
		IotHistory *back = iot_history_load_data(data, len, THING, &error);
		guint i, samples = 0;

		for (i = 0; i < iot_history_n_series(back); i++)
			samples += iot_history_series_length(iot_history_get_series(back, i));
		ck_assert_uint_le(iot_history_n_series(back), iot_history_n_series(h));
		ck_assert_uint_le(samples, 34);
		if (len < n)
			ck_assert_msg(error != NULL, "no error when cut at %u of %u", (guint)len, (guint)n);
		else
			ck_assert_ptr_null(error);
		g_clear_error(&error);
		iot_history_free(back);
	}
	g_bytes_unref(bytes);
	iot_history_free(h);
}
END_TEST

START_TEST(test_every_damaged_byte_is_noticed)
{
	IotHistory *h = sample_history();
	GBytes *bytes = iot_history_to_bytes(h);
	gsize i, n = g_bytes_get_size(bytes);
	guint8 *copy = g_malloc(n);
	static const guint8 flips[] = { 0x01, 0x80, 0xFF };
	guint k;

	memcpy(copy, g_bytes_get_data(bytes, NULL), n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < G_N_ELEMENTS(flips); k++) {
			GError *error = NULL;
			IotHistory *back;

			copy[i] ^= flips[k];
			back = iot_history_load_data(copy, n, THING, &error);
			ck_assert_msg(error != NULL, "byte %u ^ %02x not noticed", (guint)i, flips[k]);
			ck_assert_uint_le(iot_history_n_series(back), iot_history_n_series(h));
			g_clear_error(&error);
			iot_history_free(back);
			copy[i] ^= flips[k];
		}
	}
	g_free(copy);
	g_bytes_unref(bytes);
	iot_history_free(h);
}
END_TEST

START_TEST(test_random_bytes)
{
	GRand *rand = g_rand_new_with_seed(4180);
	guint round;

	for (round = 0; round < 2000; round++) {
		gsize n = g_rand_int_range(rand, 0, 2000), i;
		GByteArray *f = round % 2 ? file_start(THING) : g_byte_array_new();
		GError *error = NULL;
		IotHistory *h;

		for (i = 0; i < n; i++) {
			guint8 x = (guint8)g_rand_int(rand);
			g_byte_array_append(f, &x, 1);
		}
		h = load_bytes(f, &error);
		ck_assert_ptr_nonnull(error);
		g_clear_error(&error);
		iot_history_free(h);
		g_byte_array_unref(f);
	}
	g_rand_free(rand);
}
END_TEST

START_TEST(test_hostile_counts_and_lengths)
{
	GByteArray *f = file_start(THING), *p = g_byte_array_new();
	GError *error = NULL;
	IotHistory *h;

	series(f, 0, "ok");
	/* n says four billion samples, the record holds one. */
	le(p, 0, 4);
	le(p, 0xFFFFFFFFu, 4);
	sample(p, T0, 1, 0);
	record(f, 'D', p);
	/* n = 0 */
	le(p, 0, 4);
	le(p, 0, 4);
	record(f, 'D', p);
	/* a string claiming 65534 bytes */
	le(p, 1, 4);
	le(p, 0, 4);
	le(p, 0xFFFE, 2);
	record(f, 'S', p);
	/* series numbers out of range, twice the same, data for an unknown one */
	series(f, IOT_HISTORY_MAX_SERIES, "too far");
	series(f, 0, "again");
	le(p, 7, 4);
	le(p, 1, 4);
	sample(p, T0, 1, 0);
	record(f, 'D', p);
	/* a second thing record */
	le(p, 0, 4);
	str(p, "eve@evil.example");
	record(f, 'T', p);
	/* one good sample survives all that */
	le(p, 0, 4);
	le(p, 1, 4);
	sample(p, T0, 5, 0);
	record(f, 'D', p);
	/* and then a length of 0xFFFFFFFF ("-1"): reading stops there */
	g_byte_array_append(f, (const guint8 *)"D\xff\xff\xff\xff", 5);
	series(f, 1, "never read");
	h = load_bytes(f, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	ck_assert_uint_eq(iot_history_n_series(h), 1);
	ck_assert_uint_eq(iot_history_series_length(only(h, NULL, "ok")), 1);
	ck_assert(nth(only(h, NULL, "ok"), 0).value == 5);
	g_clear_error(&error);
	iot_history_free(h);
	g_byte_array_unref(p);
	g_byte_array_unref(f);
}
END_TEST

START_TEST(test_hostile_values)
{
	GByteArray *f = file_start(THING), *p = g_byte_array_new();
	GError *error = NULL;
	IotHistory *h;
	const IotHistorySeries *s;
	guint i;

	series(f, 0, "v");
	le(p, 0, 4);
	le(p, 9, 4);
	sample(p, T0 + 3, 3, 0);                           /* out of order … */
	sample(p, T0 + 1, NAN, 0);                         /* not a number */
	sample(p, T0 + 2, INFINITY, 0);                    /* not finite */
	sample(p, T0 + 2, -INFINITY, 0);
	sample(p, IOT_TIME_UNKNOWN, 1, 0);                 /* no time */
	sample(p, T0 + 4, 4, 0x8000);                      /* unknown QoS bit */
	sample(p, T0 + 1, 1, IOT_QOS_AUTOMATIC_ESTIMATE);  /* … and merged by QoS */
	sample(p, T0 + 1, 2, 0);
	sample(p, T0 + 1, 1.5, IOT_QOS_MANUAL_ESTIMATE);
	record(f, 'D', p);
	end(f, 1, 9);
	h = load_bytes(f, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	ck_assert_ptr_nonnull(strstr(error->message, "5 invalid values"));
	s = only(h, NULL, "v");
	ck_assert_uint_eq(iot_history_series_length(s), 2);
	ck_assert(nth(s, 0).timestamp == T0 + 1 && nth(s, 0).value == 2);
	ck_assert(nth(s, 1).timestamp == T0 + 3 && nth(s, 1).value == 3);
	g_clear_error(&error);
	iot_history_free(h);

	/* A series with far more samples than the bound keeps the newest. */
	g_byte_array_set_size(f, 0);
	g_byte_array_unref(f);
	f = file_start(THING);
	series(f, 0, "many");
	for (i = 0; i < 25; i++) {
		guint j;

		le(p, 0, 4);
		le(p, 1000, 4);
		for (j = 0; j < 1000; j++)
			sample(p, T0 + (gint64)(24 - i) * 1000 + j, i, 0); /* newest first */
		record(f, 'D', p);
	}
	end(f, 1, 25000);
	h = load_bytes(f, &error);
	ck_assert_ptr_null(error);
	s = only(h, NULL, "many");
	ck_assert_uint_eq(iot_history_series_length(s), IOT_HISTORY_MAX_SAMPLES);
	ck_assert(nth(s, 0).timestamp == T0 + 15000);
	ck_assert(iot_history_get_flags(h) & IOT_HISTORY_SAMPLES_DROPPED);
	ck_assert_uint_eq(iot_history_samples_dropped(h), 15000);
	iot_history_free(h);
	g_byte_array_unref(p);
	g_byte_array_unref(f);
}
END_TEST

START_TEST(test_wrong_thing_version_and_end)
{
	GByteArray *f = file_start("eve@evil.example");
	GError *error = NULL;
	IotHistory *h;

	series(f, 0, "t");
	end(f, 1, 0);
	h = load_bytes(f, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	ck_assert_uint_eq(iot_history_n_series(h), 0);
	ck_assert_str_eq(iot_history_get_thing(h), THING);
	g_clear_error(&error);
	iot_history_free(h);
	/* Without an expected thing, the file's own is taken. */
	h = iot_history_load_data(f->data, f->len, NULL, &error);
	ck_assert_ptr_null(error);
	ck_assert_str_eq(iot_history_get_thing(h), "eve@evil.example");
	iot_history_free(h);
	/* A newer format is not guessed at. */
	f->data[8] = 2;
	h = load_bytes(f, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED));
	g_clear_error(&error);
	iot_history_free(h);
	g_byte_array_unref(f);

	/* Counts in the end record that do not match. */
	f = file_start(THING);
	series(f, 0, "t");
	end(f, 2, 0);
	h = load_bytes(f, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	ck_assert_uint_eq(iot_history_n_series(h), 1);
	g_clear_error(&error);
	iot_history_free(h);
	g_byte_array_unref(f);

	/* Not UTF-8, an empty name: the series record is skipped. */
	f = file_start(THING);
	series(f, 0, "\xc3\x28");
	series(f, 1, "");
	series(f, 2, "fine");
	end(f, 3, 0);
	h = load_bytes(f, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	ck_assert_uint_eq(iot_history_n_series(h), 1);
	g_clear_error(&error);
	iot_history_free(h);
	g_byte_array_unref(f);

	/* Nothing at all. */
	h = iot_history_load_data(NULL, 0, THING, &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	iot_history_free(h);
}
END_TEST

/* Inputs the fuzzer found, kept as fixtures. */
START_TEST(test_fuzz_findings)
{
	GDir *d;
	const char *e;
	char *dir = g_build_filename(IOT_TEST_FIXTURES, "history", NULL);

	d = g_dir_open(dir, 0, NULL);
	ck_assert_ptr_nonnull(d);
	while ((e = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, e, NULL), *data = NULL;
		gsize len = 0;
		GError *error = NULL;
		IotHistory *h;

		ck_assert(g_file_get_contents(path, &data, &len, NULL));
		h = iot_history_load_data((const guint8 *)data, len, NULL, &error);
		ck_assert_ptr_nonnull(h);
		g_clear_error(&error);
		iot_history_free(h);
		g_free(data);
		g_free(path);
	}
	g_dir_close(d);
	g_free(dir);
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

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, files_setup, files_teardown);
	tcase_add_test(tc, test_file_name_is_a_hash);
	tcase_add_test(tc, test_save_load_round_trip);
	tcase_add_test(tc, test_save_creates_the_folder);
	tcase_add_test(tc, test_load_of_nothing);
	tcase_add_test(tc, test_crash_before_rename_keeps_the_old_file);
	tcase_add_test(tc, test_save_fails_cleanly);
#ifdef G_OS_UNIX
	tcase_add_test(tc, test_load_refuses_what_is_not_a_file);
#endif
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile files");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_truncation_loads_safely);
	tcase_add_test(tc, test_every_damaged_byte_is_noticed);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_hostile_counts_and_lengths);
	tcase_add_test(tc, test_hostile_values);
	tcase_add_test(tc, test_wrong_thing_version_and_end);
	tcase_add_test(tc, test_fuzz_findings);
	suite_add_tcase(s, tc);
	return s;
}
