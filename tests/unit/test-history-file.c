/* test-history-file.c — saving histories atomically and loading files that
 * were cut short, damaged or written by someone hostile. Part of the
 * history suite (test-history.c). */
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
#ifdef G_OS_UNIX
#include <unistd.h>
#endif
#endif

#define THING "thermostat@home.example/hw"
#define ACCOUNT "me@home.example/pidgin"
#define T0 G_GINT64_CONSTANT(1704874500000000) /* 2024-01-10T08:15:00Z */
#define MIN_US G_GINT64_CONSTANT(60000000)

TCase *iot_history_files_tcase(void);
TCase *iot_history_hostile_tcase(void);

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

/* ---- files ---------------------------------------------------------------------- */

static char *tmpdir;

static void
files_setup(void)
{
	tmpdir = iot_test_make_tmpdir("iot-history-XXXXXX");
}

static void
files_teardown(void)
{
	iot_test_remove_tree(tmpdir);
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

/* A file read by its path: the thing it holds, or the one expected. */
START_TEST(test_load_by_path)
{
	IotHistory *h = sample_history(), *back;
	char *name = iot_history_file_name(ACCOUNT, THING), *path = g_build_filename(tmpdir, name, NULL);
	char *missing = g_build_filename(tmpdir, "nothing.hist", NULL);
	GError *error = NULL;

	ck_assert(iot_history_save(h, tmpdir, ACCOUNT, &error));
	back = iot_history_load_file(path, NULL, &error);
	ck_assert_msg(error == NULL, "%s", error ? error->message : "");
	assert_same(h, back);
	iot_history_free(back);
	back = iot_history_load_file(path, "someone@home.example", &error);
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	ck_assert_uint_eq(iot_history_n_series(back), 0);
	iot_history_free(back);
	back = iot_history_load_file(missing, NULL, &error);
	ck_assert_ptr_null(error);
	ck_assert_uint_eq(iot_history_n_series(back), 0);
	iot_history_free(back);
	iot_history_free(h);
	g_free(missing);
	g_free(path);
	g_free(name);
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

/* Unreadable is not absent: a link to a history that is gone reports an
 * error, so that the file is not written over as if there were none. */
START_TEST(test_a_link_to_nothing_is_unreadable_not_absent)
{
	char *name = iot_history_file_name(ACCOUNT, THING);
	char *path = g_build_filename(tmpdir, name, NULL);
	char *gone = g_build_filename(tmpdir, "on-a-disk-not-mounted.hist", NULL);
	GError *error = NULL;
	IotHistory *h;

	ck_assert_int_eq(symlink(gone, path), 0);
	h = iot_history_load(tmpdir, ACCOUNT, THING, &error);
	ck_assert(g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
	ck_assert_uint_eq(iot_history_n_series(h), 0);
	g_clear_error(&error);
	iot_history_free(h);
	g_free(gone);
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

/* The fuzzer's seeds and every input it ever found a fault with, kept as
 * fixtures: each loads without a crash or a leak. */
START_TEST(test_fixture_files_load)
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

TCase *
iot_history_files_tcase(void)
{
	TCase *tc = tcase_create("files");

	tcase_add_checked_fixture(tc, files_setup, files_teardown);
	tcase_add_test(tc, test_file_name_is_a_hash);
	tcase_add_test(tc, test_save_load_round_trip);
	tcase_add_test(tc, test_save_creates_the_folder);
	tcase_add_test(tc, test_load_by_path);
	tcase_add_test(tc, test_load_of_nothing);
	tcase_add_test(tc, test_crash_before_rename_keeps_the_old_file);
	tcase_add_test(tc, test_save_fails_cleanly);
#ifdef G_OS_UNIX
	tcase_add_test(tc, test_load_refuses_what_is_not_a_file);
	tcase_add_test(tc, test_a_link_to_nothing_is_unreadable_not_absent);
#endif
	return tc;
}

TCase *
iot_history_hostile_tcase(void)
{
	TCase *tc = tcase_create("hostile files");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_truncation_loads_safely);
	tcase_add_test(tc, test_every_damaged_byte_is_noticed);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_hostile_counts_and_lengths);
	tcase_add_test(tc, test_hostile_values);
	tcase_add_test(tc, test_wrong_thing_version_and_end);
	tcase_add_test(tc, test_fixture_files_load);
	return tc;
}
