/* test-pubsub-payload.c — published payloads decoded: sensor data of every
 * generation, SOX meta and data, Atom, text, XML; the summary line. */
#include "iot-tests.h"

#include "iot-pubsub-payload.h"
#include "iot-pubsub.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

static IotPayload *
decode_xml(const char *xml, gint64 time, IotSoxMeta *meta)
{
	xmlNode *root = iot_test_parse(xml);
	IotPayload *p = iot_payload_decode(root, time, meta);

	xmlFreeDoc(root->doc);
	return p;
}

/* Decodes the first element child of fixture @path (a message) or, when
 * @child is FALSE, its root. */
static IotPayload *
decode_fixture(const char *path, gboolean child, gint64 time, IotSoxMeta *meta)
{
	xmlNode *root = iot_test_fixture_root(path);
	IotPayload *p = iot_payload_decode(child ? iot_xml_first(root) : root, time, meta);

	xmlFreeDoc(root->doc);
	return p;
}

static const IotField *
field(const IotPayload *p, guint i)
{
	ck_assert_ptr_nonnull(p->readout);
	ck_assert_uint_gt(p->readout->fields->len, i);
	return g_ptr_array_index(p->readout->fields, i);
}

static void
assert_summary(const IotPayload *p, guint max, const char *expected)
{
	char *s = iot_payload_summary(p, max);

	ck_assert_msg(strcmp(s, expected) == 0, "summary \"%s\", expected \"%s\"", s, expected);
	g_free(s);
}

START_TEST(test_sensordata_every_generation)
{
	static const char *const fixtures[] = {
		"sd/xsf-fields-momentary.xml", "sd/sn-fields-momentary.xml", "sd/ieee-resp.xml",
		"sd/nf-resp-message.xml",      "sd/nfi-resp.xml",
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(fixtures); i++) {
		IotPayload *p = decode_fixture(fixtures[i], TRUE, IOT_TIME_UNKNOWN, NULL);

		ck_assert_msg(p->kind == IOT_PAYLOAD_SENSORDATA, "%s", fixtures[i]);
		ck_assert_msg(p->readout->fields->len > 0, "%s", fixtures[i]);
		ck_assert_ptr_null(p->note);
		iot_payload_free(p);
	}
}
END_TEST

START_TEST(test_sensordata_pep_item)
{
	xmlNode *m = iot_test_fixture_root("pubsub/event-pep-sensordata.xml");
	const xmlNode *resp = iot_xml_first(iot_xml_first(iot_xml_first(iot_xml_first(m))));
	IotPayload *p = iot_payload_decode(resp, IOT_TIME_UNKNOWN, NULL);
	gint64 t;

	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SENSORDATA);
	ck_assert_uint_eq(p->readout->fields->len, 2);
	ck_assert_str_eq(field(p, 0)->name, "Temperature");
	ck_assert_str_eq(field(p, 0)->unit, "°C");
	ck_assert(iot_time_parse_datetime("2024-01-10T08:15:00Z", &t));
	ck_assert(field(p, 0)->timestamp == t);
	assert_summary(p, 80, "21.5 °C Temperature, 40 % Humidity");
	assert_summary(p, 10, "21.5 °C T…");
	iot_payload_free(p);
	xmlFreeDoc(m->doc);
}
END_TEST

START_TEST(test_sensordata_not_data)
{
	/* A request is sensor data but no values: shown as XML with a note. */
	IotPayload *p = decode_xml("<req xmlns='urn:nf:iot:sd:1.0' id='1' m='true'/>", IOT_TIME_UNKNOWN, NULL);

	ck_assert_int_eq(p->kind, IOT_PAYLOAD_XML);
	ck_assert_ptr_nonnull(p->note);
	ck_assert_ptr_nonnull(strstr(p->text, "<req xmlns=\"urn:nf:iot:sd:1.0\""));
	iot_payload_free(p);
}
END_TEST

START_TEST(test_sox_meta_then_data)
{
	IotSoxMeta *meta = iot_sox_meta_new();
	IotPayload *p = decode_fixture("pubsub/sox-meta.xml", FALSE, IOT_TIME_UNKNOWN, meta);
	gint64 t, t2;
	guint i;

	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SOX_META);
	ck_assert_str_eq(field(p, 0)->value, "lab-42");
	ck_assert(field(p, 0)->categories & IOT_CAT_IDENTITY);
	ck_assert(iot_time_parse_datetime("2014-04-15T03:23:34.123Z", &t));
	ck_assert(field(p, 0)->timestamp == t);
	for (i = 0; i < p->readout->fields->len; i++) {
		if (strcmp(field(p, i)->name, "Power") == 0)
			ck_assert_str_eq(field(p, i)->value, "kW");
		if (strcmp(field(p, i)->name, "Light") == 0)
			ck_assert_str_eq(field(p, i)->value, "%, can be set");
	}
	iot_payload_free(p);

	p = decode_fixture("pubsub/sox-data.xml", FALSE, 42, meta);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SOX_DATA);
	ck_assert_uint_eq(p->readout->fields->len, 5);
	/* named and unitted by the meta */
	ck_assert_str_eq(field(p, 0)->name, "CO2 concentration");
	ck_assert_str_eq(field(p, 0)->value, "612");
	ck_assert_str_eq(field(p, 0)->unit, "ppm");
	ck_assert(field(p, 0)->number_valid);
	ck_assert(field(p, 0)->timestamp == t);
	/* both spellings of the scaler */
	ck_assert_str_eq(field(p, 1)->name, "Temperature");
	ck_assert_str_eq(field(p, 1)->value, "21.50");
	ck_assert_str_eq(field(p, 1)->unit, "°C");
	ck_assert(field(p, 1)->number > 21.49 && field(p, 1)->number < 21.51);
	/* rawValue stands in for a missing typedValue; -00:00 offset, half a second */
	ck_assert_str_eq(field(p, 2)->value, "1.25");
	ck_assert_str_eq(field(p, 2)->unit, "kW");
	ck_assert(iot_time_parse_datetime("2014-04-15T03:23:34.5Z", &t2));
	ck_assert(field(p, 2)->timestamp == t2);
	/* unknown transducer: named by id; no timestamp: the item's time; text */
	ck_assert_str_eq(field(p, 3)->name, "door");
	ck_assert_int_eq(field(p, 3)->type, IOT_VALUE_STRING);
	ck_assert(field(p, 3)->timestamp == 42);
	ck_assert_str_eq(field(p, 4)->name, "Light (requested)");
	ck_assert(field(p, 4)->categories & IOT_CAT_STATUS);
	assert_summary(p, 200, "612 ppm CO2 concentration, 21.50 °C Temperature, 1.25 kW Power, door: open, 80 % Light (requested)");
	iot_payload_free(p);
	iot_sox_meta_free(meta);

	/* Without meta: ids for names, no units. */
	p = decode_fixture("pubsub/sox-data.xml", FALSE, IOT_TIME_UNKNOWN, NULL);
	ck_assert_str_eq(field(p, 0)->name, "co2");
	ck_assert_ptr_null(field(p, 0)->unit);
	iot_payload_free(p);
}
END_TEST

START_TEST(test_sox_malformed)
{
	IotPayload *p;
	GString *xml;
	guint i;

	p = decode_xml("<data xmlns='http://jabber.org/protocol/sox'><transducerValue typedValue='1'/>"
	               "<transducerValue id='a'/><transducerValue id='b' typedValue='2' timestamp='yesterday'/></data>",
	               7, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SOX_DATA);
	ck_assert_uint_eq(p->readout->fields->len, 1);
	ck_assert(field(p, 0)->timestamp == 7);
	ck_assert_uint_eq(p->readout->notes->len, 2);
	iot_payload_free(p);

	p = decode_xml("<data xmlns='http://jabber.org/protocol/sox'/>", 7, NULL);
	ck_assert_ptr_nonnull(p->note);
	assert_summary(p, 200, p->note);
	iot_payload_free(p);

	xml = g_string_new("<data xmlns='http://jabber.org/protocol/sox'>");
	for (i = 0; i < 700; i++)
		g_string_append_printf(xml, "<transducerValue id='%u' typedValue='1'/>", i);
	g_string_append(xml, "</data>");
	p = decode_xml(xml->str, 7, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SOX_DATA);
	ck_assert_uint_eq(p->readout->fields->len, 500);
	ck_assert_uint_eq(p->readout->fields_dropped, 200);
	iot_payload_free(p);
	g_string_free(xml, TRUE);

	p = decode_xml("<device xmlns='http://jabber.org/protocol/sox'><transducer units='watt' unitScalar='x'/>"
	               "<transducer id='w' units='watt' unitScalar='-7'/><transducer id='n' units='furlong' unitScaler='3'/></device>",
	               7, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_SOX_META);
	ck_assert_uint_eq(p->readout->fields->len, 2);
	ck_assert_str_eq(field(p, 0)->value, "×10^-7 W");
	ck_assert_str_eq(field(p, 1)->value, "×10^3 furlong");
	iot_payload_free(p);
}
END_TEST

START_TEST(test_atom)
{
	IotPayload *p = decode_fixture("pubsub/atom-entry.xml", FALSE, IOT_TIME_UNKNOWN, NULL);

	ck_assert_int_eq(p->kind, IOT_PAYLOAD_ATOM);
	ck_assert_str_eq(p->title, "Soliloquy");
	ck_assert_str_eq(p->summary, "To be, or not to be: that is the question:");
	ck_assert_str_eq(p->published, "2003-12-13T18:30:02Z");
	ck_assert_str_eq(p->link, "http://denmark.lit/2003/12/13/atom03");
	ck_assert_ptr_null(p->readout);
	assert_summary(p, 80, "Soliloquy");
	iot_payload_free(p);

	p = decode_xml("<entry xmlns='http://www.w3.org/2005/Atom'><content type='html'>&lt;b&gt;hi&lt;/b&gt;</content>"
	               "<updated>2003-12-13T18:30:02Z</updated><link href='x:y'/></entry>",
	               IOT_TIME_UNKNOWN, NULL);
	ck_assert_ptr_null(p->title);
	ck_assert_str_eq(p->summary, "<b>hi</b>");
	ck_assert_str_eq(p->published, "2003-12-13T18:30:02Z");
	ck_assert_str_eq(p->link, "x:y");
	assert_summary(p, 80, "<b>hi</b>");
	iot_payload_free(p);
}
END_TEST

START_TEST(test_text_and_xml)
{
	IotPayload *p = decode_xml("<status xmlns='urn:example:status'>  Boiler\non  </status>", IOT_TIME_UNKNOWN, NULL);
	char *xml;

	ck_assert_int_eq(p->kind, IOT_PAYLOAD_TEXT);
	ck_assert_str_eq(p->text, "Boiler\non");
	assert_summary(p, 80, "Boiler on");
	iot_payload_free(p);

	p = decode_fixture("pubsub/geoloc.xml", FALSE, IOT_TIME_UNKNOWN, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_XML);
	ck_assert_ptr_null(p->note);
	ck_assert_str_eq(p->text, "<geoloc xmlns=\"http://jabber.org/protocol/geoloc\" xml:lang=\"en\">\n"
	                          "  <country>Italy</country>\n"
	                          "  <lat>45.44</lat>\n"
	                          "  <locality>Venice</locality>\n"
	                          "  <lon>12.33</lon>\n"
	                          "  <note>&lt;b&gt;not bold&lt;/b&gt; &amp; more</note>\n"
	                          "</geoloc>");
	/* What is shown reads back as XML. */
	xml = g_strdup(p->text);
	xmlFreeDoc(iot_test_parse(xml)->doc);
	g_free(xml);
	assert_summary(p, 40, "<geoloc xmlns=\"http://jabber.org/protoc…");
	iot_payload_free(p);

	p = iot_payload_decode(NULL, IOT_TIME_UNKNOWN, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_NONE);
	assert_summary(p, 80, "(no payload)");
	iot_payload_free(p);
	ck_assert_str_eq(iot_payload_summary(NULL, 3), "");
}
END_TEST

START_TEST(test_xml_bounded)
{
	GString *xml = g_string_new("<a xmlns='urn:deep'>");
	IotPayload *p;
	guint i;

	for (i = 0; i < 200; i++)
		g_string_append(xml, "<b>");
	for (i = 0; i < 200; i++)
		g_string_append(xml, "</b>");
	g_string_append(xml, "</a>");
	p = decode_xml(xml->str, IOT_TIME_UNKNOWN, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_XML);
	ck_assert_ptr_nonnull(p->note);
	ck_assert(g_str_has_suffix(p->text, "…"));
	iot_payload_free(p);
	g_string_free(xml, TRUE);

	/* Wide: cut at the byte bound, still valid UTF-8. */
	xml = g_string_new("<a xmlns='urn:wide'>");
	for (i = 0; i < 3000; i++)
		g_string_append(xml, "<b>ä&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</b>");
	g_string_append(xml, "</a>");
	p = decode_xml(xml->str, IOT_TIME_UNKNOWN, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_XML);
	ck_assert_ptr_nonnull(p->note);
	ck_assert_uint_le(strlen(p->text), IOT_PUBSUB_MAX_PAYLOAD_BYTES + 8);
	ck_assert(g_utf8_validate(p->text, -1, NULL));
	iot_payload_free(p);
	g_string_free(xml, TRUE);

	/* Over the payload bound: not decoded at all. */
	xml = g_string_new("<a xmlns='urn:big'>");
	for (i = 0; i < 10000; i++)
		g_string_append(xml, "<b>xxxxxxxx</b>");
	g_string_append(xml, "</a>");
	p = decode_xml(xml->str, IOT_TIME_UNKNOWN, NULL);
	ck_assert_int_eq(p->kind, IOT_PAYLOAD_NONE);
	ck_assert_ptr_nonnull(p->note);
	ck_assert_ptr_null(p->text);
	iot_payload_free(p);
	g_string_free(xml, TRUE);
}
END_TEST

Suite *
iot_pubsub_payload_suite(void)
{
	Suite *s = suite_create("pubsub-payload");
	TCase *tc = tcase_create("payload");

	tcase_add_test(tc, test_sensordata_every_generation);
	tcase_add_test(tc, test_sensordata_pep_item);
	tcase_add_test(tc, test_sensordata_not_data);
	tcase_add_test(tc, test_sox_meta_then_data);
	tcase_add_test(tc, test_sox_malformed);
	tcase_add_test(tc, test_atom);
	tcase_add_test(tc, test_text_and_xml);
	tcase_add_test(tc, test_xml_bounded);
	suite_add_tcase(s, tc);
	return s;
}
