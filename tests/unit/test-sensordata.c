/* test-sensordata.c — the sensor-data codec (iot-sensordata*.c) on every
 * specification's examples and on stanzas captured from a real slixmpp
 * device. Building and round trips: test-sensordata-build.c; hostile input:
 * test-sensordata-hostile.c. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-sensordata.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <math.h>
#include <string.h>

TCase *iot_sensordata_hostile_tcase(void);
TCase *iot_sensordata_build_tcase(void);

#define US G_GINT64_CONSTANT(1000000)

/* The sensor-data element of a stanza: the root itself or its first
 * sensor-data child. */
static const xmlNode *
payload_of(const xmlNode *root)
{
	const xmlNode *c;

	if (iot_sd_is_payload(root))
		return root;
	for (c = iot_xml_first(root); c != NULL; c = iot_xml_next(c))
		if (iot_sd_is_payload(c))
			return c;
	ck_abort_msg("no sensor-data element in <%s>", root->name);
	return NULL;
}

/* Parses fixture @path into @r (fresh readout when NULL is passed, freed by
 * the caller through *out). */
static void
parse_fixture(const char *path, IotSdMessage *msg, IotReadout *r)
{
	xmlNode *root = iot_test_fixture_root(path);
	GError *error = NULL;

	ck_assert_msg(iot_sd_parse(payload_of(root), msg, r, &error), "%s: %s", path,
	              error ? error->message : "?");
	xmlFreeDoc(root->doc);
}

static const IotField *
field(const IotReadout *r, guint i)
{
	ck_assert_uint_lt(i, r->fields->len);
	return g_ptr_array_index(r->fields, i);
}

static gint64
ts(const char *iso)
{
	gint64 us;

	ck_assert(iot_time_parse_datetime(iso, &us));
	return us;
}

/* ---- every fixture: kind, generation, id, flags, counts ------------------ */

static const struct {
	const char *path;
	IotSdKind kind;
	IotGeneration gen;
	const char *id;
	gboolean done, queued;
	guint fields, failures;
} fixtures[] = {
	{ "sd/xsf-accepted.xml", IOT_SD_ACCEPTED, IOT_GEN_XSF, "1", FALSE, FALSE, 0, 0 },
	{ "sd/xsf-fields-momentary.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "1", TRUE, FALSE, 1, 0 },
	{ "sd/xsf-failure.xml", IOT_SD_FAILURE, IOT_GEN_XSF, "2", TRUE, FALSE, 0, 1 },
	{ "sd/xsf-readall-accepted.xml", IOT_SD_ACCEPTED, IOT_GEN_XSF, "4", FALSE, TRUE, 0, 0 },
	{ "sd/xsf-readall-started.xml", IOT_SD_STARTED, IOT_GEN_XSF, "4", FALSE, FALSE, 0, 0 },
	{ "sd/xsf-readall-fields-1.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "4", FALSE, FALSE, 3, 0 },
	{ "sd/xsf-readall-fields-2.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "4", FALSE, FALSE, 3, 0 },
	{ "sd/xsf-readall-fields-3.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "4", FALSE, FALSE, 4, 0 },
	{ "sd/xsf-readall-done.xml", IOT_SD_DONE, IOT_GEN_XSF, "4", TRUE, FALSE, 0, 0 },
	{ "sd/xsf-multi-fields-1.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "5", FALSE, FALSE, 1, 0 },
	{ "sd/xsf-multi-fields-2.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "5", TRUE, FALSE, 1, 0 },
	{ "sd/xsf-fields-specific.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "6", TRUE, FALSE, 2, 0 },
	{ "sd/xsf-cancelled.xml", IOT_SD_CANCELLED, IOT_GEN_XSF, "8", TRUE, FALSE, 0, 0 },
	{ "sd/xsf-localized.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "7", TRUE, FALSE, 4, 0 },
	{ "sd/sn-fields-momentary.xml", IOT_SD_FIELDS, IOT_GEN_SN, "1", TRUE, FALSE, 1, 0 },
	{ "sd/sn-failure.xml", IOT_SD_FAILURE, IOT_GEN_SN, "2", TRUE, FALSE, 0, 1 },
	{ "sd/sn-rejected.xml", IOT_SD_REJECTED, IOT_GEN_SN, "3", TRUE, FALSE, 0, 0 },
	{ "sd/sn-all-types.xml", IOT_SD_FIELDS, IOT_GEN_SN, "9", TRUE, FALSE, 6, 0 },
	{ "sd/smack-no-nodeid.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "12", TRUE, FALSE, 2, 0 },
	{ "sd/nf-resp-message.xml", IOT_SD_FIELDS, IOT_GEN_NF, "7f3c", TRUE, FALSE, 2, 1 },
	{ "sd/nf-resp-iq.xml", IOT_SD_FIELDS, IOT_GEN_NF, "7f3c", TRUE, FALSE, 1, 0 },
	{ "sd/nf-started.xml", IOT_SD_STARTED, IOT_GEN_NF, "7f3c", FALSE, FALSE, 0, 0 },
	{ "sd/nf-accepted-queued.xml", IOT_SD_ACCEPTED, IOT_GEN_NF, "7f3c", FALSE, TRUE, 0, 0 },
	{ "sd/nf-resp-more.xml", IOT_SD_FIELDS, IOT_GEN_NF, "7f3c", FALSE, FALSE, 2, 0 },
	{ "sd/nf-done.xml", IOT_SD_DONE, IOT_GEN_NF, "7f3c", TRUE, FALSE, 0, 0 },
	{ "sd/nf-resp-all-types.xml", IOT_SD_FIELDS, IOT_GEN_NF, "r-all", TRUE, FALSE, 12, 0 },
	{ "sd/ieee-accepted.xml", IOT_SD_ACCEPTED, IOT_GEN_IEEE, "7f3d", FALSE, FALSE, 0, 0 },
	{ "sd/ieee-answered-by-nf.xml", IOT_SD_FIELDS, IOT_GEN_NF, "7f3d", TRUE, FALSE, 1, 0 },
	{ "sd/ieee-resp.xml", IOT_SD_FIELDS, IOT_GEN_IEEE, "7f3d", TRUE, FALSE, 2, 0 },
	{ "sd/nfi-resp.xml", IOT_SD_FIELDS, IOT_GEN_NFI, "n1", TRUE, FALSE, 1, 1 },
	{ "sd/nfi-ts.xml", IOT_SD_FIELDS, IOT_GEN_NFI, "", TRUE, FALSE, 2, 0 },
	{ "sd/nfi-nd.xml", IOT_SD_FIELDS, IOT_GEN_NFI, "", TRUE, FALSE, 2, 0 },
	{ "sd/slixmpp/momentary-1.xml", IOT_SD_ACCEPTED, IOT_GEN_XSF, "1", FALSE, FALSE, 0, 0 },
	{ "sd/slixmpp/momentary-2.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "1", TRUE, FALSE, 6, 0 },
	{ "sd/slixmpp/historical-1.xml", IOT_SD_ACCEPTED, IOT_GEN_XSF, "2", FALSE, FALSE, 0, 0 },
	{ "sd/slixmpp/historical-2.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "2", FALSE, FALSE, 2, 0 },
	{ "sd/slixmpp/historical-3.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "2", FALSE, FALSE, 2, 0 },
	{ "sd/slixmpp/historical-4.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "2", FALSE, FALSE, 2, 0 },
	{ "sd/slixmpp/historical-5.xml", IOT_SD_FIELDS, IOT_GEN_XSF, "2", TRUE, FALSE, 0, 0 },
	{ "sd/slixmpp/rejected-1.xml", IOT_SD_REJECTED, IOT_GEN_XSF, "3", TRUE, FALSE, 0, 0 },
	{ "sd/slixmpp/failure-1.xml", IOT_SD_ACCEPTED, IOT_GEN_XSF, "4", FALSE, FALSE, 0, 0 },
	{ "sd/slixmpp/failure-2.xml", IOT_SD_FAILURE, IOT_GEN_XSF, "4", TRUE, FALSE, 0, 1 },
};

START_TEST(every_fixture)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;

	parse_fixture(fixtures[_i].path, &msg, r);
	ck_assert_msg(msg.kind == fixtures[_i].kind, "%s: kind %d", fixtures[_i].path, msg.kind);
	ck_assert_int_eq(msg.generation, fixtures[_i].gen);
	ck_assert_str_eq(msg.id, fixtures[_i].id);
	ck_assert_int_eq(msg.done, fixtures[_i].done);
	ck_assert_int_eq(msg.queued, fixtures[_i].queued);
	ck_assert_uint_eq(r->fields->len, fixtures[_i].fields);
	ck_assert_uint_eq(r->failures->len, fixtures[_i].failures);
	/* Specification examples and real devices are clean: nothing to note. */
	ck_assert_msg(r->notes->len == 0, "%s: %s", fixtures[_i].path,
	              r->notes->len ? (char *)r->notes->pdata[0] : "");
	ck_assert_uint_eq(r->fields_dropped, 0);
	/* Every field is valid in its type. */
	for (guint i = 0; i < r->fields->len; i++) {
		const IotField *f = field(r, i);

		if (f->type != IOT_VALUE_STRING && f->type != IOT_VALUE_ENUM)
			ck_assert_msg(f->number_valid, "%s: %s", fixtures[_i].path, f->name);
		ck_assert_int_ne(f->timestamp, IOT_TIME_UNKNOWN);
	}
	/* NULL readout: validated only, same answer. */
	iot_sd_message_clear(&msg);
	parse_fixture(fixtures[_i].path, &msg, NULL);
	ck_assert_int_eq(msg.kind, fixtures[_i].kind);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

/* ---- values of specific examples -------------------------------------- */

START_TEST(xsf_momentary)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	const IotField *f;

	parse_fixture("sd/xsf-fields-momentary.xml", &msg, r);
	f = field(r, 0);
	ck_assert_str_eq(f->node.node_id, "Device01");
	ck_assert_ptr_null(f->node.source_id);
	ck_assert_ptr_null(f->node.partition);
	ck_assert_int_eq(f->timestamp, ts("2013-03-07T16:24:30"));
	ck_assert_str_eq(f->name, "Temperature");
	ck_assert_int_eq(f->type, IOT_VALUE_NUMERIC);
	ck_assert_str_eq(f->value, "23.4");
	ck_assert(f->number_valid && f->number == 23.4);
	ck_assert_str_eq(f->unit, "°C");
	ck_assert_uint_eq(f->categories, IOT_CAT_MOMENTARY);
	ck_assert_uint_eq(f->qos, IOT_QOS_AUTOMATIC_READOUT);
	ck_assert_ptr_null(f->enum_type);
	ck_assert_ptr_null(f->module);
	ck_assert(!f->writable);
	ck_assert_ptr_null(msg.error_text);
	iot_sd_message_clear(&msg);
	ck_assert_ptr_null(msg.id);
	iot_readout_free(r);
}
END_TEST

START_TEST(xsf_read_all_accumulates)
{
	static const char *const parts[] = {
		"sd/xsf-readall-fields-1.xml", "sd/xsf-readall-fields-2.xml",
		"sd/xsf-readall-fields-3.xml", "sd/xsf-readall-done.xml",
	};
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	guint i;

	for (i = 0; i < G_N_ELEMENTS(parts); i++) {
		parse_fixture(parts[i], &msg, r);
		ck_assert_int_eq(msg.done, i == G_N_ELEMENTS(parts) - 1);
		iot_sd_message_clear(&msg);
	}
	ck_assert_uint_eq(r->fields->len, 10);
	/* The example's "identification" spelling is identity. */
	ck_assert_str_eq(field(r, 2)->name, "Device ID");
	ck_assert_uint_eq(field(r, 2)->categories, IOT_CAT_IDENTITY);
	ck_assert_int_eq(field(r, 2)->type, IOT_VALUE_STRING);
	ck_assert_uint_eq(field(r, 1)->categories, IOT_CAT_STATUS);
	ck_assert_str_eq(field(r, 1)->value, "12345");
	ck_assert_uint_eq(field(r, 3)->categories, IOT_CAT_PEAK);
	ck_assert_uint_eq(field(r, 5)->categories, IOT_CAT_COMPUTED);
	ck_assert_uint_eq(field(r, 6)->categories, IOT_CAT_HIST_HOUR);
	ck_assert_int_eq(field(r, 6)->timestamp, ts("2013-03-07T18:00:00"));
	ck_assert_int_eq(field(r, 8)->timestamp, ts("2013-03-07T16:00:00"));
	ck_assert_uint_eq(field(r, 9)->categories, IOT_CAT_HIST_HOUR | IOT_CAT_HIST_DAY);
	iot_readout_free(r);
}
END_TEST

START_TEST(xsf_failure_and_localization)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	const IotFailure *fail;

	parse_fixture("sd/xsf-failure.xml", &msg, r);
	ck_assert_int_eq(msg.kind, IOT_SD_FAILURE);
	fail = g_ptr_array_index(r->failures, 0);
	ck_assert_str_eq(fail->node.node_id, "Device01");
	ck_assert_int_eq(fail->timestamp, ts("2013-03-07T17:13:30"));
	ck_assert_str_eq(fail->text, "Timeout.");
	iot_sd_message_clear(&msg);
	parse_fixture("sd/xsf-localized.xml", &msg, r);
	ck_assert_str_eq(field(r, 0)->module, "Whatchamacallit");
	ck_assert_str_eq(field(r, 0)->string_ids, "1");
	ck_assert_str_eq(field(r, 3)->string_ids, "1,4");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(sn_generation)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	const IotField *f;

	parse_fixture("sd/sn-rejected.xml", &msg, r);
	ck_assert_int_eq(msg.kind, IOT_SD_REJECTED);
	ck_assert_str_eq(msg.error_text, "Access denied.");
	iot_sd_message_clear(&msg);
	parse_fixture("sd/sn-all-types.xml", &msg, r);
	f = field(r, 0);
	ck_assert_str_eq(f->node.node_id, "Meter01");
	ck_assert_str_eq(f->node.source_id, "MeteringTopology");
	ck_assert_str_eq(f->node.partition, "Meters");
	ck_assert_int_eq(f->timestamp, ts("2013-03-07T15:24:30Z"));
	/* Precision is the lexical value: "1234.500" stays "1234.500". */
	ck_assert_str_eq(f->value, "1234.500");
	ck_assert(f->number == 1234.5);
	ck_assert_int_eq(field(r, 2)->type, IOT_VALUE_BOOLEAN);
	ck_assert(field(r, 2)->number_valid && field(r, 2)->number == 0.0);
	ck_assert_int_eq(field(r, 3)->type, IOT_VALUE_DATETIME);
	ck_assert(field(r, 3)->number == (double)ts("2012-11-05T10:00:00Z") / 1e6);
	ck_assert_uint_eq(field(r, 3)->qos, IOT_QOS_MANUAL_READOUT);
	f = field(r, 4);
	ck_assert_int_eq(f->type, IOT_VALUE_DURATION);
	ck_assert_str_eq(f->value, "P12DT3H4M5.5S");
	ck_assert(f->number == 12 * 86400 + 3 * 3600 + 4 * 60 + 5.5);
	f = field(r, 5);
	ck_assert_int_eq(f->type, IOT_VALUE_ENUM);
	ck_assert_str_eq(f->enum_type, "TariffKind");
	ck_assert_str_eq(f->value, "Night");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(slixmpp_momentary)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;

	parse_fixture("sd/slixmpp/momentary-2.xml", &msg, r);
	ck_assert_str_eq(field(r, 0)->value, "23.40");
	ck_assert_uint_eq(field(r, 0)->qos, IOT_QOS_AUTOMATIC_READOUT);
	ck_assert_int_eq(field(r, 1)->type, IOT_VALUE_BOOLEAN);
	ck_assert_uint_eq(field(r, 1)->qos, 0);
	ck_assert_uint_eq(iot_field_effective_qos(field(r, 1)), IOT_QOS_AUTOMATIC_READOUT);
	ck_assert_str_eq(field(r, 2)->enum_type, "ThermostatMode");
	ck_assert_uint_eq(field(r, 2)->categories, IOT_CAT_MOMENTARY | IOT_CAT_STATUS);
	ck_assert_str_eq(field(r, 3)->value, "Living room <east>");
	ck_assert_uint_eq(field(r, 3)->categories, IOT_CAT_MOMENTARY | IOT_CAT_IDENTITY);
	/* timeSpan (v0.2) is a duration. */
	ck_assert_int_eq(field(r, 4)->type, IOT_VALUE_DURATION);
	ck_assert(field(r, 4)->number == 93784.0);
	ck_assert_int_eq(field(r, 5)->type, IOT_VALUE_DATETIME);
	ck_assert_int_eq(field(r, 0)->timestamp, ts("2013-03-07T16:24:30"));
	ck_assert_str_eq(field(r, 5)->node.node_id, "Device01");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(slixmpp_historical_flow)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	guint i;

	for (i = 2; i <= 5; i++) {
		char *path = g_strdup_printf("sd/slixmpp/historical-%u.xml", i);

		parse_fixture(path, &msg, r);
		/* slixmpp ends with an empty fields done='true', never <done/>. */
		ck_assert_int_eq(msg.done, i == 5);
		iot_sd_message_clear(&msg);
		g_free(path);
	}
	ck_assert_uint_eq(r->fields->len, 6);
	ck_assert_str_eq(field(r, 4)->value, "23.05");
	ck_assert_int_eq(field(r, 4)->timestamp, ts("2013-03-07T17:00:00"));
	ck_assert_uint_eq(field(r, 5)->categories, IOT_CAT_HIST_HOUR);
	ck_assert(field(r, 1)->number == 0.0);
	iot_readout_free(r);
}
END_TEST

START_TEST(slixmpp_rejected_and_failure)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	const IotFailure *fail;

	parse_fixture("sd/slixmpp/rejected-1.xml", &msg, r);
	ck_assert_str_eq(msg.error_text, "Invalid nodeId Nope");
	iot_sd_message_clear(&msg);
	parse_fixture("sd/slixmpp/failure-2.xml", &msg, r);
	fail = g_ptr_array_index(r->failures, 0);
	ck_assert_str_eq(fail->node.node_id, "Broken");
	ck_assert_str_eq(fail->text, "Sensor bus not responding");
	ck_assert_int_ne(fail->timestamp, IOT_TIME_UNKNOWN);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(nf_message_with_err)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	const IotFailure *fail;

	parse_fixture("sd/nf-resp-message.xml", &msg, r);
	ck_assert_str_eq(field(r, 0)->name, "Energy");
	ck_assert_str_eq(field(r, 0)->value, "1234.567");
	ck_assert_str_eq(field(r, 0)->unit, "kWh");
	ck_assert_uint_eq(field(r, 0)->categories, IOT_CAT_MOMENTARY);
	ck_assert_uint_eq(field(r, 0)->qos, IOT_QOS_AUTOMATIC_READOUT);
	ck_assert_str_eq(field(r, 0)->node.node_id, "Meter12");
	ck_assert_str_eq(field(r, 0)->node.source_id, "MeteringTopology");
	ck_assert_uint_eq(field(r, 1)->categories, IOT_CAT_IDENTITY);
	/* <err> inside <ts> is a failure of that node at that time. */
	fail = g_ptr_array_index(r->failures, 0);
	ck_assert_str_eq(fail->text, "Tariff register unreadable");
	ck_assert_str_eq(fail->node.node_id, "Meter12");
	ck_assert_str_eq(fail->node.source_id, "MeteringTopology");
	ck_assert_int_eq(fail->timestamp, ts("2024-01-10T08:15:00Z"));
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(nf_all_types)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;
	guint32 all_qos = 0;
	guint i;

	parse_fixture("sd/nf-resp-all-types.xml", &msg, r);
	for (i = 0; i < r->fields->len; i++) {
		all_qos |= field(r, i)->qos;
		/* <ts> straight in <resp>: the thing itself. */
		ck_assert_ptr_null(field(r, i)->node.node_id);
	}
	ck_assert_uint_eq(all_qos, (1u << IOT_QOS_COUNT) - 1);
	ck_assert_str_eq(field(r, 0)->value, "21.50");
	ck_assert_str_eq(field(r, 0)->module, "Thermo");
	ck_assert_str_eq(field(r, 0)->string_ids, "1,3|Stat");
	ck_assert(field(r, 1)->number == -1500.0);
	ck_assert_ptr_null(field(r, 1)->unit);
	ck_assert_str_eq(field(r, 2)->value, "Living & dining");
	ck_assert(field(r, 3)->writable && field(r, 3)->number == 1.0);
	ck_assert_int_eq(field(r, 4)->type, IOT_VALUE_DATE);
	ck_assert_int_eq(field(r, 5)->type, IOT_VALUE_DATETIME);
	ck_assert(field(r, 5)->number == (double)ts("2024-01-10T06:59:58.125Z") / 1e6);
	ck_assert_int_eq(field(r, 6)->type, IOT_VALUE_TIME);
	ck_assert(field(r, 6)->number == 81000.0);
	ck_assert(field(r, 7)->number == -5400.5);
	ck_assert_uint_eq(field(r, 7)->categories, IOT_CAT_COMPUTED);
	ck_assert_str_eq(field(r, 8)->enum_type, "ThermoMode");
	ck_assert_int_eq(field(r, 9)->type, IOT_VALUE_INT);
	ck_assert(field(r, 9)->number == -2147483648.0);
	ck_assert_uint_eq(field(r, 9)->categories, IOT_CAT_PEAK);
	ck_assert_int_eq(field(r, 10)->type, IOT_VALUE_LONG);
	ck_assert_str_eq(field(r, 10)->value, "9223372036854775807");
	ck_assert(field(r, 10)->number_valid);
	/* NF has one historical category: historicalOther. */
	ck_assert_uint_eq(field(r, 10)->categories, IOT_CAT_HIST_OTHER);
	ck_assert_uint_eq(field(r, 11)->qos, IOT_QOS_MISSING | IOT_QOS_IN_PROGRESS);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(nf_bare_node_and_smack)
{
	IotReadout *r = iot_readout_new();
	IotSdMessage msg;

	parse_fixture("sd/nfi-nd.xml", &msg, r);
	ck_assert_str_eq(field(r, 0)->node.node_id, "Node1");
	ck_assert_int_eq(field(r, 0)->timestamp, ts("2017-09-22T15:22:33Z"));
	iot_sd_message_clear(&msg);
	parse_fixture("sd/smack-no-nodeid.xml", &msg, r);
	/* Smack: <node> without nodeId is the thing itself. */
	ck_assert_ptr_null(field(r, 2)->node.node_id);
	ck_assert_int_eq(field(r, 2)->type, IOT_VALUE_INT);
	ck_assert(field(r, 2)->number == 80.0);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(peek_and_classify)
{
	xmlNode *root = iot_test_fixture_root("sd/nf-resp-message.xml");
	const xmlNode *resp = payload_of(root);
	IotSdMessage msg;
	GError *error = NULL;

	ck_assert(!iot_sd_is_payload(root));
	ck_assert(iot_sd_is_payload(resp));
	ck_assert(!iot_sd_is_payload(NULL));
	ck_assert_str_eq(iot_sd_peek_id(resp), "7f3c");
	ck_assert_ptr_null(iot_sd_peek_id(root));
	ck_assert(!iot_sd_parse(root, &msg, NULL, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	ck_assert(!iot_sd_parse(NULL, &msg, NULL, &error));
	g_clear_error(&error);
	xmlFreeDoc(root->doc);
	root = iot_test_fixture_root("sd/xsf-req-momentary.xml");
	ck_assert_str_eq(iot_sd_peek_id(payload_of(root)), "1");
	/* A request is not an answer. */
	ck_assert(!iot_sd_parse(payload_of(root), &msg, NULL, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_MALFORMED));
	g_clear_error(&error);
	ck_assert_ptr_null(msg.id);
	xmlFreeDoc(root->doc);
	root = iot_test_parse("<fields xmlns='urn:xmpp:iot:control' seqnr='1'/>");
	ck_assert(!iot_sd_is_payload(root));
	ck_assert(!iot_sd_parse(root, &msg, NULL, NULL));
	xmlFreeDoc(root->doc);
}
END_TEST

Suite *
iot_sensordata_suite(void)
{
	Suite *s = suite_create("sensordata");
	TCase *tc = tcase_create("fixtures");

	tcase_add_loop_test(tc, every_fixture, 0, G_N_ELEMENTS(fixtures));
	tcase_add_test(tc, xsf_momentary);
	tcase_add_test(tc, xsf_read_all_accumulates);
	tcase_add_test(tc, xsf_failure_and_localization);
	tcase_add_test(tc, sn_generation);
	tcase_add_test(tc, slixmpp_momentary);
	tcase_add_test(tc, slixmpp_historical_flow);
	tcase_add_test(tc, slixmpp_rejected_and_failure);
	tcase_add_test(tc, nf_message_with_err);
	tcase_add_test(tc, nf_all_types);
	tcase_add_test(tc, nf_bare_node_and_smack);
	tcase_add_test(tc, peek_and_classify);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_sensordata_build_tcase());
	suite_add_tcase(s, iot_sensordata_hostile_tcase());
	return s;
}
