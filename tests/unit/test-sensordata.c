/* test-sensordata.c — the sensor-data codec (iot-sensordata*.c) on every
 * specification's examples, on stanzas captured from a real slixmpp device,
 * and round trips through the builder. Hostile input: test-sensordata-hostile.c. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-sensordata.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <math.h>
#include <string.h>

TCase *iot_sensordata_hostile_tcase(void);

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
	tc = tcase_create("build");
	tcase_add_loop_test(tc, round_trip_every_generation, 0, 5);
	tcase_add_test(tc, build_fields_shape);
	tcase_add_test(tc, build_requests_long);
	tcase_add_test(tc, build_requests_short);
	tcase_add_test(tc, request_matches_fixture);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, iot_sensordata_hostile_tcase());
	return s;
}
