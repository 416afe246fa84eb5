/* test-sensordata-build.c — the sensor-data builder: requests of every
 * generation attribute by attribute, and build → serialise → parse round
 * trips of every value type, category, QoS flag, localization, node and
 * timestamp in every generation. */
#include "iot-tests.h"

#include "iot-sensordata.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_sensordata_build_tcase(void);

#define US G_GINT64_CONSTANT(1000000)

static const IotField *
field(const IotReadout *r, guint i)
{
	ck_assert_uint_lt(i, r->fields->len);
	return g_ptr_array_index(r->fields, i);
}

/* ---- round trip: build → serialise → parse ----------------------------- */

static IotField *
mk(const char *node, const char *src, const char *pt, gint64 t, IotValueType type,
   const char *name, const char *value)
{
	IotField *f = iot_field_new();

	g_free(f->name);
	g_free(f->value);
	f->node.node_id = g_strdup(node);
	f->node.source_id = g_strdup(src);
	f->node.partition = g_strdup(pt);
	f->timestamp = t;
	f->type = type;
	f->name = g_strdup(name);
	f->value = g_strdup(value);
	return f;
}

static GPtrArray *
sample_fields(void)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	gint64 t1 = G_GINT64_CONSTANT(1704874500) * US, t2 = t1 + 1500, t3 = -US / 4;
	IotField *f;
	guint i;

	f = mk("Boiler", "MeteringTopology", "P1", t1, IOT_VALUE_NUMERIC, "Flow", "61.50");
	f->unit = g_strdup("°C");
	f->categories = IOT_CAT_MOMENTARY | IOT_CAT_PEAK;
	f->qos = IOT_QOS_AUTOMATIC_READOUT | IOT_QOS_SIGNED;
	f->module = g_strdup("Boiler.Lang");
	f->string_ids = g_strdup("7,2||A1");
	f->writable = TRUE;
	g_ptr_array_add(a, f);
	f = mk("Boiler", "MeteringTopology", "P1", t1, IOT_VALUE_STRING, "Label", "a<b & \"c\" ☺\t");
	f->categories = IOT_CAT_IDENTITY;
	g_ptr_array_add(a, f);
	f = mk("Boiler", "MeteringTopology", "P1", t2, IOT_VALUE_BOOLEAN, "Burner", "true");
	f->categories = IOT_CAT_STATUS | IOT_CAT_COMPUTED;
	g_ptr_array_add(a, f);
	f = mk("Boiler", NULL, NULL, t2, IOT_VALUE_DATE, "Serviced", "2023-12-01");
	g_ptr_array_add(a, f);
	f = mk(NULL, NULL, NULL, t3, IOT_VALUE_DATETIME, "Since", "2024-01-10T08:15:00.125Z");
	g_ptr_array_add(a, f);
	f = mk(NULL, NULL, NULL, t3, IOT_VALUE_TIME, "Night", "22:30:00");
	g_ptr_array_add(a, f);
	f = mk("Pump", NULL, NULL, t1, IOT_VALUE_DURATION, "Runtime", "-PT1H30M0.5S");
	g_ptr_array_add(a, f);
	f = mk("Pump", NULL, NULL, t1, IOT_VALUE_ENUM, "Mode", "Eco");
	f->enum_type = g_strdup("BoilerMode");
	f->writable = TRUE;
	g_ptr_array_add(a, f);
	f = mk("Pump", NULL, NULL, t1, IOT_VALUE_INT, "Steps", "-2147483648");
	g_ptr_array_add(a, f);
	f = mk("Pump", NULL, NULL, t1, IOT_VALUE_LONG, "Pulses", "9223372036854775807");
	g_ptr_array_add(a, f);
	f = mk("Pump", NULL, NULL, t2, IOT_VALUE_NUMERIC, "Unitless", "-1.25e-3");
	g_ptr_array_add(a, f);
	/* Every QoS bit and every category bit once, one field each. */
	for (i = 0; i < IOT_QOS_COUNT; i++) {
		char *name = g_strdup_printf("QoS %u", i);

		f = mk("Pump", NULL, NULL, t2, IOT_VALUE_NUMERIC, name, "1");
		f->qos = 1u << i;
		f->categories = 1u << i;
		g_ptr_array_add(a, f);
		g_free(name);
	}
	return a;
}

/* The categories a generation can carry: NF has one historical flag. */
static guint32
expected_categories(IotGeneration gen, guint32 cats)
{
	if (!iot_generation_is_short(gen) || (cats & IOT_CAT_HISTORICAL) == 0)
		return cats;
	return (cats & ~(guint32)IOT_CAT_HISTORICAL) | IOT_CAT_HIST_OTHER;
}

static void
assert_same_field(IotGeneration gen, const IotField *a, const IotField *b)
{
	ck_assert(iot_node_ref_equal(&a->node, &b->node));
	ck_assert_int_eq(a->timestamp, b->timestamp);
	ck_assert_str_eq(a->name, b->name);
	ck_assert_int_eq(a->type, b->type);
	ck_assert_str_eq(a->value, b->value);
	ck_assert_str_eq(a->unit ? a->unit : "-", b->unit ? b->unit : "-");
	ck_assert_str_eq(a->enum_type ? a->enum_type : "-", b->enum_type ? b->enum_type : "-");
	ck_assert_str_eq(a->module ? a->module : "-", b->module ? b->module : "-");
	ck_assert_str_eq(a->string_ids ? a->string_ids : "-", b->string_ids ? b->string_ids : "-");
	ck_assert_uint_eq(expected_categories(gen, a->categories), b->categories);
	ck_assert_uint_eq(a->qos, b->qos);
	ck_assert_int_eq(a->writable, b->writable);
	ck_assert_int_eq(b->number_valid, a->type != IOT_VALUE_STRING && a->type != IOT_VALUE_ENUM);
}

/* Builds @count fields from @first, writes them out as text, reads the text
 * back and parses it: what a peer would receive. */
static IotReadout *
round_trip(IotGeneration gen, GPtrArray *in, guint first, guint count, gboolean last,
           IotSdMessage *msg)
{
	xmlNode *built = iot_sd_build_fields(gen, "42", in, first, count, last), *root;
	IotReadout *r = iot_readout_new();
	char *text = iot_xml_to_string(built);

	xmlFreeNode(built);
	root = iot_test_parse(text);
	g_free(text);
	ck_assert(iot_sd_parse(root, msg, r, NULL));
	xmlFreeDoc(root->doc);
	return r;
}

START_TEST(round_trip_every_generation)
{
	IotGeneration gen = iot_generation_preference(_i);
	GPtrArray *in = sample_fields();
	IotSdMessage msg;
	IotReadout *r;
	guint i;

	r = round_trip(gen, in, 0, in->len, TRUE, &msg);
	ck_assert_int_eq(msg.kind, IOT_SD_FIELDS);
	ck_assert_int_eq(msg.generation, gen);
	ck_assert_str_eq(msg.id, "42");
	ck_assert(msg.done);
	ck_assert_uint_eq(r->fields->len, in->len);
	ck_assert_msg(r->notes->len == 0, "%s", r->notes->len ? (char *)r->notes->pdata[0] : "");
	for (i = 0; i < in->len; i++)
		assert_same_field(gen, g_ptr_array_index(in, i), field(r, i));
	iot_sd_message_clear(&msg);
	iot_readout_free(r);

	/* A slice, not the last: done absent (XEP-0323) / more='true' (NF). */
	r = round_trip(gen, in, 3, 4, FALSE, &msg);
	ck_assert(!msg.done);
	ck_assert_uint_eq(r->fields->len, 4);
	for (i = 0; i < 4; i++)
		assert_same_field(gen, g_ptr_array_index(in, 3 + i), field(r, i));
	iot_sd_message_clear(&msg);
	iot_readout_free(r);

	/* Nothing at all, last: slixmpp's closing message. */
	r = round_trip(gen, in, 0, 0, TRUE, &msg);
	ck_assert(msg.done);
	ck_assert_uint_eq(r->fields->len, 0);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	g_ptr_array_free(in, TRUE);
}
END_TEST

START_TEST(build_fields_shape)
{
	GPtrArray *in = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	gint64 t = G_GINT64_CONSTANT(1704874500) * US;
	IotField *f;
	xmlNode *n;
	char *s;

	f = mk(NULL, NULL, NULL, t, IOT_VALUE_NUMERIC, "T", "21.5");
	f->categories = IOT_CAT_MOMENTARY | IOT_CAT_HIST_DAY;
	f->qos = IOT_QOS_AUTOMATIC_READOUT;
	g_ptr_array_add(in, f);
	f = mk(NULL, NULL, NULL, t, IOT_VALUE_DURATION, "Up", "PT5S");
	g_ptr_array_add(in, f);
	n = iot_sd_build_fields(IOT_GEN_NF, "a", in, 0, 2, TRUE);
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<resp xmlns=\"urn:nf:iot:sd:1.0\" id=\"a\"><ts v=\"2024-01-10T08:15:00Z\">"
	                    "<q n=\"T\" m=\"true\" h=\"true\" ar=\"true\" v=\"21.5\"/>"
	                    "<dr n=\"Up\" v=\"PT5S\"/></ts></resp>");
	g_free(s);
	xmlFreeNode(n);
	n = iot_sd_build_fields(IOT_GEN_SN, "3", in, 0, 2, FALSE);
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<fields xmlns=\"urn:xmpp:sn\" seqnr=\"3\"><node>"
	                    "<timestamp value=\"2024-01-10T08:15:00Z\">"
	                    "<numeric name=\"T\" momentary=\"true\" historicalDay=\"true\" "
	                    "automaticReadout=\"true\" value=\"21.5\" unit=\"\"/>"
	                    "<timeSpan name=\"Up\" value=\"PT5S\"/></timestamp></node></fields>");
	g_free(s);
	xmlFreeNode(n);
	n = iot_sd_build_fields(IOT_GEN_XSF, "3", in, 1, 1, TRUE);
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, "<fields xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"3\" done=\"true\"><node>"
	                    "<timestamp value=\"2024-01-10T08:15:00Z\">"
	                    "<duration name=\"Up\" value=\"PT5S\"/></timestamp></node></fields>");
	g_free(s);
	xmlFreeNode(n);
	g_ptr_array_free(in, TRUE);
}
END_TEST

/* ---- requests ------------------------------------------------------------ */

static void
assert_xml(xmlNode *n, const char *expected)
{
	char *s;

	ck_assert_ptr_nonnull(n);
	s = iot_xml_to_string(n);
	ck_assert_str_eq(s, expected);
	g_free(s);
	xmlFreeNode(n);
}

START_TEST(build_requests_long)
{
	IotNodeRef nodes[] = { { "Boiler", "MeteringTopology", NULL }, { "Pump", NULL, "Pumps" } };
	char *names[] = { "Flow temperature", "Power", NULL };
	IotSdRequest req = { 0 };

	req.categories = IOT_CAT_MOMENTARY | IOT_CAT_STATUS;
	req.nodes = nodes;
	req.n_nodes = 2;
	req.field_names = names;
	req.from = G_GINT64_CONSTANT(1704844800) * US;
	req.to = req.from + 3600 * US + 500000;
	assert_xml(iot_sd_build_req(IOT_GEN_XSF, "5", &req),
	           "<req xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"5\" momentary=\"true\" "
	           "status=\"true\" from=\"2024-01-10T00:00:00Z\" to=\"2024-01-10T01:00:00.5Z\">"
	           "<node nodeId=\"Boiler\" sourceId=\"MeteringTopology\"/>"
	           "<node nodeId=\"Pump\" cacheType=\"Pumps\"/>"
	           "<field name=\"Flow temperature\"/><field name=\"Power\"/></req>");
	/* Nothing asked: momentary, as XEP-0323's first example. */
	assert_xml(iot_sd_build_req(IOT_GEN_XSF, "1", NULL),
	           "<req xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"1\" momentary=\"true\"/>");
	memset(&req, 0, sizeof req);
	req.categories = IOT_CAT_ALL;
	req.from = IOT_TIME_UNKNOWN;
	req.to = 0;
	assert_xml(iot_sd_build_req(IOT_GEN_SN, "4", &req),
	           "<req xmlns=\"urn:xmpp:sn\" seqnr=\"4\" all=\"true\"/>");
	req.categories = IOT_CAT_HISTORICAL | IOT_CAT_PEAK | IOT_CAT_COMPUTED | IOT_CAT_IDENTITY;
	assert_xml(iot_sd_build_req(IOT_GEN_XSF, "-7", &req),
	           "<req xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"-7\" peak=\"true\" "
	           "computed=\"true\" identity=\"true\" historical=\"true\"/>");
	req.categories = IOT_CAT_HIST_SECOND | IOT_CAT_HIST_MINUTE | IOT_CAT_HIST_HOUR |
	                 IOT_CAT_HIST_DAY | IOT_CAT_HIST_WEEK | IOT_CAT_HIST_MONTH |
	                 IOT_CAT_HIST_QUARTER | IOT_CAT_HIST_YEAR;
	assert_xml(iot_sd_build_req(IOT_GEN_XSF, "2147483647", &req),
	           "<req xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"2147483647\" "
	           "historicalSecond=\"true\" historicalMinute=\"true\" historicalHour=\"true\" "
	           "historicalDay=\"true\" historicalWeek=\"true\" historicalMonth=\"true\" "
	           "historicalQuarter=\"true\" historicalYear=\"true\"/>");
	assert_xml(iot_sd_build_cancel(IOT_GEN_XSF, "8"),
	           "<cancel xmlns=\"urn:xmpp:iot:sensordata\" seqnr=\"8\"/>");
	assert_xml(iot_sd_build_cancel(IOT_GEN_SN, "8"), "<cancel xmlns=\"urn:xmpp:sn\" seqnr=\"8\"/>");
}
END_TEST

START_TEST(build_requests_short)
{
	static const struct {
		IotGeneration gen;
		const char *ns;
	} gens[] = {
		{ IOT_GEN_IEEE, "urn:ieee:iot:sd:1.0" },
		{ IOT_GEN_NF, "urn:nf:iot:sd:1.0" },
		{ IOT_GEN_NFI, "urn:nfi:iot:sd:1.0" },
	};
	IotNodeRef nodes[] = { { "Meter12", "MeteringTopology", "P1" }, { NULL, "Src", NULL } };
	char *names[] = { "Energy", NULL };
	IotSdRequest req = { 0 };
	guint i;

	for (i = 0; i < G_N_ELEMENTS(gens); i++) {
		char *want;

		req.categories = IOT_CAT_MOMENTARY | IOT_CAT_IDENTITY;
		req.nodes = nodes;
		req.n_nodes = 2;
		req.field_names = names;
		req.from = G_GINT64_CONSTANT(1704844800) * US;
		req.to = IOT_TIME_UNKNOWN;
		want = g_strdup_printf("<req xmlns=\"%s\" id=\"7f3c\" m=\"true\" i=\"true\" "
		                       "from=\"2024-01-10T00:00:00Z\"><nd id=\"Meter12\" "
		                       "src=\"MeteringTopology\" pt=\"P1\"/><nd src=\"Src\"/>"
		                       "<f n=\"Energy\"/></req>",
		                       gens[i].ns);
		assert_xml(iot_sd_build_req(gens[i].gen, "7f3c", &req), want);
		g_free(want);
		memset(&req, 0, sizeof req);
		req.categories = IOT_CAT_PEAK | IOT_CAT_STATUS | IOT_CAT_COMPUTED | IOT_CAT_HIST_WEEK;
		want = g_strdup_printf("<req xmlns=\"%s\" id=\"x y\" p=\"true\" s=\"true\" c=\"true\" "
		                       "h=\"true\"/>",
		                       gens[i].ns);
		assert_xml(iot_sd_build_req(gens[i].gen, "x y", &req), want);
		g_free(want);
		req.categories = IOT_CAT_ALL;
		want = g_strdup_printf("<req xmlns=\"%s\" id=\"a\" all=\"true\"/>", gens[i].ns);
		assert_xml(iot_sd_build_req(gens[i].gen, "a", &req), want);
		g_free(want);
		want = g_strdup_printf("<cancel xmlns=\"%s\" id=\"7f3c\"/>", gens[i].ns);
		assert_xml(iot_sd_build_cancel(gens[i].gen, "7f3c"), want);
		g_free(want);
	}
}
END_TEST

START_TEST(request_matches_fixture)
{
	/* XEP-0323's own "read-out of specific fields" request, rebuilt. */
	IotNodeRef node = { "Device04", NULL, NULL };
	char *names[] = { "Energy", "Power", NULL };
	IotSdRequest req = { IOT_CAT_MOMENTARY, names, &node, 1, 0, 0 };
	xmlNode *root = iot_test_fixture_root("sd/xsf-fields-req.xml");
	xmlNode *built = iot_sd_build_req(IOT_GEN_XSF, "6", &req);
	xmlNode *want = iot_xml_child(root, "req", NULL), *a, *b;

	ck_assert_str_eq(iot_xml_attr(built, "seqnr"), iot_xml_attr(want, "seqnr"));
	ck_assert_str_eq(iot_xml_attr(built, "momentary"), iot_xml_attr(want, "momentary"));
	for (a = iot_xml_first(built), b = iot_xml_first(want); a || b;
	     a = iot_xml_next(a), b = iot_xml_next(b)) {
		ck_assert(a && b);
		ck_assert_str_eq((const char *)a->name, (const char *)b->name);
		ck_assert_str_eq(iot_xml_attr2(a, "nodeId", "name"), iot_xml_attr2(b, "nodeId", "name"));
	}
	xmlFreeNode(built);
	xmlFreeDoc(root->doc);
}
END_TEST

TCase *
iot_sensordata_build_tcase(void)
{
	TCase *tc = tcase_create("build");

	tcase_add_loop_test(tc, round_trip_every_generation, 0, 5);
	tcase_add_test(tc, build_fields_shape);
	tcase_add_test(tc, build_requests_long);
	tcase_add_test(tc, build_requests_short);
	tcase_add_test(tc, request_matches_fixture);
	return tc;
}
