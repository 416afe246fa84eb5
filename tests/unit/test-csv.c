/* test-csv.c — RFC 4180 output compared byte for byte: quoting, CRLF, UTC
 * times, units, QoS words, formula neutralisation, hostile and non-ASCII
 * strings, the atomic file write. */
#include "iot-tests.h"

#include "iot-csv.h"
#include "iot-history.h"

#include <glib/gstdio.h>
#include <string.h>

#define T0 G_GINT64_CONSTANT(1704874500000000) /* 2024-01-10T08:15:00Z */

Suite *iot_csv_suite(void);

static IotField *
field(const char *node, const char *source, const char *partition, const char *name,
      IotValueType type, const char *value, const char *unit, gint64 ts, guint32 cats, guint32 qos)
{
	IotField *f = iot_field_new();

	g_free(f->name);
	g_free(f->value);
	f->node.node_id = g_strdup(node);
	f->node.source_id = g_strdup(source);
	f->node.partition = g_strdup(partition);
	f->name = g_strdup(name);
	f->type = type;
	f->value = g_strdup(value);
	f->unit = g_strdup(unit);
	f->timestamp = ts;
	f->categories = cats;
	f->qos = qos;
	return f;
}

START_TEST(test_plain_numbers)
{
	static const char *const yes[] = { "-3.5", "+2", "-1e-3", "1E5", ".5", "5.", "0", "-0.0e+10" };
	static const char *const no[] = { "-", "+", "+ 1", "-INF", "-3.5 °C", "-0x10", "", "1e", "--1",
		                          "1e+", ".", "-.e1", "=1", "1,5", " 1" };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(yes); i++)
		ck_assert_msg(iot_csv_is_plain_number(yes[i]), "%s", yes[i]);
	for (i = 0; i < G_N_ELEMENTS(no); i++)
		ck_assert_msg(!iot_csv_is_plain_number(no[i]), "%s", no[i]);
	ck_assert(!iot_csv_is_plain_number(NULL));
}
END_TEST

START_TEST(test_fields_quoting_and_neutralising)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\r\nlines", "\"two\r\nlines\"" },
		{ "lf\nonly", "\"lf\nonly\"" },
		{ "=cmd()", "'=cmd()" },
		{ "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
		{ "+41 79 123", "'+41 79 123" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "-2+3", "'-2+3" },
		{ "\tx", "'\tx" },
		{ "\rx", "\"'\rx\"" },
		{ "-3.5", "-3.5" },
		{ "+2", "+2" },
		{ "-INF", "'-INF" },
		{ "<b>bold</b>", "<b>bold</b>" },
		{ "Zähler °C — 日本語", "Zähler °C — 日本語" },
		{ "x=1", "x=1" },
		{ "\xff", "\xef\xbf\xbd" }, /* broken UTF-8 is repaired */
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		GString *s = g_string_new(NULL);

		iot_csv_append_field(s, cases[i].in);
		ck_assert_msg(strcmp(s->str, cases[i].out) == 0, "%s → %s", cases[i].in, s->str);
		g_string_free(s, TRUE);
	}
}
END_TEST

START_TEST(test_records)
{
	const char *cells[] = { "a", NULL, "c,d" };
	GString *s = g_string_new(NULL);

	iot_csv_append_record(s, cells, 3);
	iot_csv_append_record(s, NULL, 0);
	ck_assert_str_eq(s->str, "a,,\"c,d\"\r\n\r\n");
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(test_readout_table)
{
	IotReadout *r = iot_readout_new();
	GString *s = g_string_new(NULL);

	g_ptr_array_add(r->fields, field("Boiler", "MeteringTopology", NULL, "Flow temperature",
	                                 IOT_VALUE_NUMERIC, "61.50", "°C", T0, IOT_CAT_MOMENTARY, 0));
	g_ptr_array_add(r->fields, field(NULL, NULL, NULL, "Note, \"quoted\"\r\nline 2", IOT_VALUE_STRING,
	                                 "=cmd()", NULL, IOT_TIME_UNKNOWN,
	                                 IOT_CAT_STATUS | IOT_CAT_IDENTITY,
	                                 IOT_QOS_WARNING | IOT_QOS_AUTOMATIC_ESTIMATE));
	g_ptr_array_add(r->fields, field("N", NULL, "P", "Wert €", IOT_VALUE_NUMERIC, "-3.5", "°C",
	                                 T0 + 250000, IOT_CAT_HIST_DAY, IOT_QOS_SIGNED));
	g_ptr_array_add(r->fields, field(NULL, "S", NULL, "<b>bold</b>", IOT_VALUE_STRING, "+41 79 123",
	                                 NULL, T0, 0, 0));
	g_ptr_array_add(r->fields, field("", NULL, NULL, "@SUM(A1)", IOT_VALUE_INT, "-7", "", T0, 0, 0));
	g_ptr_array_add(r->fields, field(NULL, NULL, NULL, "tab", IOT_VALUE_STRING, "\tx", NULL, T0, 0, 0));
	g_ptr_array_add(r->fields, field(NULL, NULL, NULL, "cr", IOT_VALUE_STRING, "\rx", NULL, T0, 0, 0));
	g_ptr_array_add(r->fields, field(NULL, NULL, NULL, "inf", IOT_VALUE_NUMERIC, "-INF", "W", T0, 0, 0));
	g_ptr_array_add(r->fields, field(NULL, NULL, NULL, "日本語", IOT_VALUE_STRING, "ünïcødé", NULL,
	                                 T0, 0, IOT_QOS_MISSING));
	g_ptr_array_add(r->fields, field(NULL, NULL, NULL, "exp", IOT_VALUE_NUMERIC, "-1e-3", "m",
	                                 T0, 0, 0));
	iot_readout_add_note(r, "notes are not written");

	iot_csv_readout(s, r, IOT_CSV_NONE);
	ck_assert_str_eq(s->str,
	                 "node,field,value,unit,timestamp,categories,quality\r\n"
	                 "Boiler (MeteringTopology),Flow temperature,61.50,°C,2024-01-10T08:15:00Z,"
	                 "momentary,automaticReadout\r\n"
	                 ",\"Note, \"\"quoted\"\"\r\nline 2\",'=cmd(),,,status identity,"
	                 "automaticEstimate warning\r\n"
	                 "\"N (, P)\",Wert €,-3.5,°C,2024-01-10T08:15:00.25Z,historicalDay,signed\r\n"
	                 "(S),<b>bold</b>,'+41 79 123,,2024-01-10T08:15:00Z,,automaticReadout\r\n"
	                 ",'@SUM(A1),-7,,2024-01-10T08:15:00Z,,automaticReadout\r\n"
	                 ",tab,'\tx,,2024-01-10T08:15:00Z,,automaticReadout\r\n"
	                 ",cr,\"'\rx\",,2024-01-10T08:15:00Z,,automaticReadout\r\n"
	                 ",inf,'-INF,W,2024-01-10T08:15:00Z,,automaticReadout\r\n"
	                 ",日本語,ünïcødé,,2024-01-10T08:15:00Z,,missing\r\n"
	                 ",exp,-1e-3,m,2024-01-10T08:15:00Z,,automaticReadout\r\n");
	g_string_free(s, TRUE);

	/* With a byte order mark for Excel; an empty readout is just the header. */
	s = g_string_new(NULL);
	g_ptr_array_set_size(r->fields, 0);
	iot_csv_readout(s, r, IOT_CSV_BOM);
	ck_assert_str_eq(s->str, "\xEF\xBB\xBFnode,field,value,unit,timestamp,categories,quality\r\n");
	g_string_free(s, TRUE);
	iot_readout_free(r);
}
END_TEST

START_TEST(test_history_series)
{
	IotHistory *h = iot_history_new("meter@home.example/gw");
	IotNodeRef n = { "M", NULL, NULL };
	const IotHistorySeries *s;
	GString *out = g_string_new(NULL);

	iot_history_add(h, &n, "Energy", "k\"Wh\", total", T0, 21.5, 0);
	iot_history_add(h, &n, "Energy", "k\"Wh\", total", T0 + 1000000, 0.1, IOT_QOS_AUTOMATIC_ESTIMATE);
	iot_history_add(h, &n, "Energy", "k\"Wh\", total", T0 + 2000000, 1e21, 0);
	iot_history_add(h, &n, "Energy", "k\"Wh\", total", T0 + 3000000, -3, 0);
	iot_history_add(h, &n, "Energy", "k\"Wh\", total", T0 + 4000000, 1234567.891,
	                IOT_QOS_WARNING | IOT_QOS_SIGNED);
	iot_history_add(h, &n, "Energy", "k\"Wh\", total", T0 + 5000001, 1.0 / 3, 0);
	s = iot_history_find_series(h, &n, "Energy");
	iot_csv_series(out, s, G_MININT64, G_MAXINT64, IOT_CSV_NONE);
	ck_assert_str_eq(out->str,
	                 "timestamp,value,unit,quality\r\n"
	                 "2024-01-10T08:15:00Z,21.5,\"k\"\"Wh\"\", total\",automaticReadout\r\n"
	                 "2024-01-10T08:15:01Z,0.1,\"k\"\"Wh\"\", total\",automaticEstimate\r\n"
	                 "2024-01-10T08:15:02Z,1e+21,\"k\"\"Wh\"\", total\",automaticReadout\r\n"
	                 "2024-01-10T08:15:03Z,-3,\"k\"\"Wh\"\", total\",automaticReadout\r\n"
	                 "2024-01-10T08:15:04Z,1234567.891,\"k\"\"Wh\"\", total\",warning signed\r\n"
	                 "2024-01-10T08:15:05.000001Z,0.3333333333333333,\"k\"\"Wh\"\", total\","
	                 "automaticReadout\r\n");
	g_string_truncate(out, 0);
	iot_csv_series(out, s, T0 + 1000000, T0 + 2000000, IOT_CSV_NONE);
	ck_assert_str_eq(out->str,
	                 "timestamp,value,unit,quality\r\n"
	                 "2024-01-10T08:15:01Z,0.1,\"k\"\"Wh\"\", total\",automaticEstimate\r\n"
	                 "2024-01-10T08:15:02Z,1e+21,\"k\"\"Wh\"\", total\",automaticReadout\r\n");
	g_string_free(out, TRUE);
	iot_history_free(h);

	/* No unit, formula-like unit. */
	h = iot_history_new("x@y");
	iot_history_add(h, NULL, "a", "=1+1", T0, -0.5, 0);
	out = g_string_new(NULL);
	iot_csv_series(out, iot_history_get_series(h, 0), G_MININT64, G_MAXINT64, IOT_CSV_NONE);
	ck_assert_str_eq(out->str, "timestamp,value,unit,quality\r\n"
	                           "2024-01-10T08:15:00Z,-0.5,'=1+1,automaticReadout\r\n");
	g_string_free(out, TRUE);
	iot_history_free(h);
}
END_TEST

START_TEST(test_write_file_atomically)
{
	char *dir = g_dir_make_tmp("iot-csv-XXXXXX", NULL);
	char *path = g_build_filename(dir, "readout.csv", NULL);
	char *bad = g_build_filename(dir, "missing", "readout.csv", NULL);
	GString *csv = g_string_new("a,b\r\n1,2\r\n");
	GError *error = NULL;
	char *data = NULL;
	gsize len = 0;
	GDir *d;
	guint n = 0;

	ck_assert(iot_csv_write_file(path, csv, &error));
	g_string_assign(csv, "x\r\n");
	ck_assert(iot_csv_write_file(path, csv, &error)); /* replaces */
	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(data, "x\r\n", 3) == 0);
	g_free(data);
	/* No temporary file is left behind. */
	d = g_dir_open(dir, 0, NULL);
	while (g_dir_read_name(d) != NULL)
		n++;
	g_dir_close(d);
	ck_assert_uint_eq(n, 1);
	ck_assert(!iot_csv_write_file(bad, csv, &error));
	ck_assert(error != NULL && error->domain == G_FILE_ERROR);
	g_clear_error(&error);
	g_unlink(path);
	g_rmdir(dir);
	g_string_free(csv, TRUE);
	g_free(bad);
	g_free(path);
	g_free(dir);
}
END_TEST

Suite *
iot_csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_plain_numbers);
	tcase_add_test(tc, test_fields_quoting_and_neutralising);
	tcase_add_test(tc, test_records);
	tcase_add_test(tc, test_readout_table);
	tcase_add_test(tc, test_history_series);
	tcase_add_test(tc, test_write_file_atomically);
	suite_add_tcase(s, tc);
	return s;
}
