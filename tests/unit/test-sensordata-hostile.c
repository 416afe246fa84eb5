/* test-sensordata-hostile.c — what bad input gets (DESIGN.md §6): a bad item
 * never fails its element; it is skipped or kept, with a note the user sees,
 * and every bound of iot-limits.h holds and says so. */
#include "iot-tests.h"

#include "iot-limits.h"
#include "iot-sensordata.h"
#include "iot-xml.h"

#include <math.h>
#include <string.h>

TCase *iot_sensordata_hostile_tcase(void);

#define XSF "urn:xmpp:iot:sensordata"
#define TS "2024-01-10T08:15:00Z"

static IotReadout *
parse_text(const char *xml, IotSdMessage *msg)
{
	xmlNode *root = iot_test_parse(xml);
	IotReadout *r = iot_readout_new();
	GError *error = NULL;

	ck_assert_msg(iot_sd_parse(root, msg, r, &error), "%s", error ? error->message : "?");
	xmlFreeDoc(root->doc);
	return r;
}

/* Wraps @inner in a one-node, one-timestamp XEP-0323 readout and parses it. */
static IotReadout *
parse_in_timestamp(const char *inner)
{
	char *xml = g_strdup_printf("<fields xmlns='" XSF "' seqnr='1' done='true'><node nodeId='n'>"
	                            "<timestamp value='" TS "'>%s</timestamp></node></fields>",
	                            inner);
	IotSdMessage msg;
	IotReadout *r = parse_text(xml, &msg);

	ck_assert(msg.done);
	iot_sd_message_clear(&msg);
	g_free(xml);
	return r;
}

static const IotField *
field(const IotReadout *r, guint i)
{
	ck_assert_uint_lt(i, r->fields->len);
	return g_ptr_array_index(r->fields, i);
}

static const char *
note(const IotReadout *r, guint i)
{
	ck_assert_uint_lt(i, r->notes->len);
	return g_ptr_array_index(r->notes, i);
}

START_TEST(unknown_field_type_skipped)
{
	IotReadout *r = parse_in_timestamp("<numeric name='a' value='1' unit='u'/>"
	                                   "<gauge name='b' value='2'/><string name='c' value='x'/>");

	ck_assert_uint_eq(r->fields->len, 2);
	ck_assert_str_eq(field(r, 1)->name, "c");
	ck_assert_uint_eq(r->notes->len, 1);
	ck_assert(strstr(note(r, 0), "“gauge”") != NULL);
	iot_readout_free(r);
}
END_TEST

START_TEST(unknown_names_are_bounded_in_notes)
{
	GString *name = g_string_new(NULL);
	char *inner;
	IotReadout *r;
	guint i;

	for (i = 0; i < 500; i++)
		g_string_append(name, "w");
	inner = g_strdup_printf("<%s/>", name->str);
	r = parse_in_timestamp(inner);
	ck_assert_uint_eq(r->notes->len, 1);
	/* 64 characters of the name and an ellipsis, never the 500. */
	ck_assert(strstr(note(r, 0), "…") != NULL);
	ck_assert(g_utf8_strlen(note(r, 0), -1) < 64 + 60);
	g_free(inner);
	g_string_free(name, TRUE);
	iot_readout_free(r);
}
END_TEST

START_TEST(extensions_pass_silently)
{
	IotReadout *r;
	IotSdMessage msg;

	/* Foreign namespaces are extensions; NF <x/> below a field is not read. */
	r = parse_in_timestamp("<v:gauge xmlns:v='urn:vendor' name='b'/><numeric name='a' value='1' "
	                       "unit='u'><x><numeric name='inner' value='2'/></x></numeric>");
	ck_assert_uint_eq(r->fields->len, 1);
	ck_assert_uint_eq(r->notes->len, 0);
	iot_readout_free(r);
	/* A child that lost its namespace (converted trees do) is still ours. */
	r = parse_text("<fields xmlns='" XSF "' seqnr='1'><node xmlns='' nodeId='n'><timestamp "
	               "value='" TS "'><numeric name='a' value='1'/></timestamp></node></fields>",
	               &msg);
	ck_assert_uint_eq(r->fields->len, 1);
	ck_assert_str_eq(field(r, 0)->node.node_id, "n");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	/* Spellings mixed across the families still read. */
	r = parse_text("<resp xmlns='urn:nf:iot:sd:1.0' id='q'><timestamp value='" TS "'><numeric "
	               "name='a' value='1' u='V' m='true'/><q n='b' v='2' unit='A' momentary='true'/>"
	               "</timestamp><rogue/></resp>",
	               &msg);
	ck_assert_uint_eq(r->fields->len, 2);
	ck_assert_str_eq(field(r, 0)->unit, "V");
	ck_assert_str_eq(field(r, 1)->unit, "A");
	ck_assert_uint_eq(field(r, 1)->categories, IOT_CAT_MOMENTARY);
	ck_assert_uint_eq(r->notes->len, 1);
	ck_assert(strstr(note(r, 0), "“rogue”") != NULL);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(numeric_values)
{
	static const struct {
		const char *value;
		gboolean valid;
		double number;
	} cases[] = {
		{ "23.4", TRUE, 23.4 },     { " 23.4 ", TRUE, 23.4 },  { "-0.5", TRUE, -0.5 },
		{ "+7", TRUE, 7 },          { "1E3", TRUE, 1000 },     { ".5", TRUE, 0.5 },
		{ "5.", TRUE, 5 },          { "1e-2", TRUE, 0.01 },    { "INF", TRUE, INFINITY },
		{ "-INF", TRUE, -INFINITY }, { "1e999", TRUE, INFINITY }, { "abc", FALSE, 0 },
		{ "0x1A", FALSE, 0 },       { "1,5", FALSE, 0 },       { "", FALSE, 0 },
		{ "12abc", FALSE, 0 },      { "1e", FALSE, 0 },        { ".", FALSE, 0 },
		{ "+", FALSE, 0 },          { "1 2", FALSE, 0 },       { "infinite", FALSE, 0 },
		{ "--1", FALSE, 0 },        { "1e+", FALSE, 0 },       { "١٢", FALSE, 0 },
	};
	guint i, bad = 0;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *inner = g_markup_printf_escaped("<numeric name='n%u' value='%s' unit=''/>", i,
		                                      cases[i].value);
		IotReadout *r = parse_in_timestamp(inner);
		const IotField *f = field(r, 0);

		/* Kept either way, lexical value untouched. */
		ck_assert_str_eq(f->value, cases[i].value);
		ck_assert_msg(f->number_valid == cases[i].valid, "“%s”", cases[i].value);
		ck_assert_uint_eq(r->notes->len, cases[i].valid ? 0 : 1);
		if (cases[i].valid)
			ck_assert_msg(f->number == cases[i].number, "“%s”", cases[i].value);
		else
			ck_assert(strstr(note(r, 0), "is not a number") != NULL);
		bad += !cases[i].valid;
		ck_assert_ptr_null(f->unit);
		g_free(inner);
		iot_readout_free(r);
	}
	ck_assert_uint_gt(bad, 10);
}
END_TEST

START_TEST(numbers_match_strtod)
{
	/* Short decimals take a fast path; it must agree with g_ascii_strtod()
	 * to the last bit, sign of zero included. */
	GRand *rng = g_rand_new_with_seed(323);
	GString *s = g_string_new(NULL);
	GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
	IotReadout *r;
	guint i;

	for (i = 0; i < 20000; i++) {
		GString *v = g_string_new(g_rand_boolean(rng) ? "-" : "");
		guint digits = (guint)g_rand_int_range(rng, 1, 21), dot = (guint)g_rand_int_range(rng, 0, 22);
		guint d;

		for (d = 0; d < digits; d++) {
			if (d == dot)
				g_string_append_c(v, '.');
			g_string_append_c(v, (char)('0' + g_rand_int_range(rng, 0, 10)));
		}
		if (g_rand_int_range(rng, 0, 3) == 0)
			g_string_append_printf(v, "e%d", g_rand_int_range(rng, -40, 40));
		g_ptr_array_add(values, g_string_free(v, FALSE));
	}
	for (i = 0; i < values->len; i++)
		g_string_append_printf(s, "<numeric name='n%u' value='%s' unit=''/>", i,
		                       (char *)values->pdata[i]);
	r = parse_in_timestamp(s->str);
	ck_assert_uint_eq(r->fields->len, values->len);
	ck_assert_uint_eq(r->notes->len, 0);
	for (i = 0; i < values->len; i++) {
		double want = g_ascii_strtod(values->pdata[i], NULL), got = field(r, i)->number;

		ck_assert_msg(memcmp(&want, &got, sizeof want) == 0, "“%s”: %.17g ≠ %.17g",
		              (char *)values->pdata[i], got, want);
	}
	iot_readout_free(r);
	g_string_free(s, TRUE);
	g_ptr_array_free(values, TRUE);
	g_rand_free(rng);
}
END_TEST

START_TEST(nan_is_no_number)
{
	IotReadout *r = parse_in_timestamp("<numeric name='a' value='NaN' unit='V'/>");

	/* xs:double NaN is legal: no complaint, and no number either. */
	ck_assert(!field(r, 0)->number_valid);
	ck_assert_uint_eq(r->notes->len, 0);
	iot_readout_free(r);
}
END_TEST

START_TEST(other_value_types)
{
	static const struct {
		const char *element, *value;
		gboolean valid;
	} cases[] = {
		{ "int", "2147483647", TRUE },   { "int", "-2147483648", TRUE },
		{ "int", "2147483648", FALSE },  { "int", "-2147483649", FALSE },
		{ "int", " +42 ", TRUE },        { "int", "4.0", FALSE },
		{ "int", "", FALSE },            { "int", "-", FALSE },
		{ "long", "-9223372036854775808", TRUE }, { "long", "9223372036854775808", FALSE },
		{ "long", "99999999999999999999999", FALSE },
		{ "boolean", "true", TRUE },     { "boolean", "0", TRUE },
		{ "boolean", " false ", TRUE },  { "boolean", "TRUE", FALSE },
		{ "boolean", "maybe", FALSE },   { "duration", "P", FALSE },
		{ "timeSpan", "PT1S", TRUE },    { "duration", "1 hour", FALSE },
		{ "date", "2024-02-30", FALSE }, { "date", "2024-02-29", TRUE },
		{ "time", "25:00:00", FALSE },   { "time", "23:59:59.9", TRUE },
		{ "dateTime", "yesterday", FALSE }, { "dateTime", "2024-13-45T99:00:00", FALSE },
		{ "dateTime", TS, TRUE },        { "string", "anything \x7f", TRUE },
		{ "enum", "", TRUE },
	};
	guint i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *inner = g_markup_printf_escaped("<%s name='f' value='%s'/>", cases[i].element,
		                                      cases[i].value);
		IotReadout *r = parse_in_timestamp(inner);
		const IotField *f = field(r, 0);
		gboolean has_number = strcmp(cases[i].element, "string") && strcmp(cases[i].element, "enum");

		ck_assert_str_eq(f->value, cases[i].value);
		if (has_number)
			ck_assert_msg(f->number_valid == cases[i].valid, "%s “%s”", cases[i].element,
			              cases[i].value);
		ck_assert_msg(r->notes->len == (cases[i].valid ? 0u : 1u), "%s “%s”", cases[i].element,
		              cases[i].value);
		g_free(inner);
		iot_readout_free(r);
	}
}
END_TEST

START_TEST(bad_timestamp_keeps_fields)
{
	IotSdMessage msg;
	IotReadout *r;

	r = parse_text("<fields xmlns='" XSF "' seqnr='1'><node nodeId='n'><timestamp value='yesterday'>"
	               "<numeric name='a' value='1' unit='V'/><numeric name='b' value='2' unit='V'/>"
	               "</timestamp><timestamp><string name='c' value='x'/></timestamp>"
	               "<timestamp value='" TS "'><string name='d' value='y'/></timestamp></node>"
	               "</fields>",
	               &msg);
	ck_assert_uint_eq(r->fields->len, 4);
	ck_assert_int_eq(field(r, 0)->timestamp, IOT_TIME_UNKNOWN);
	ck_assert_int_eq(field(r, 1)->timestamp, IOT_TIME_UNKNOWN);
	ck_assert_int_eq(field(r, 2)->timestamp, IOT_TIME_UNKNOWN);
	ck_assert_int_ne(field(r, 3)->timestamp, IOT_TIME_UNKNOWN);
	/* One note per bad timestamp, not per field. */
	ck_assert_uint_eq(r->notes->len, 2);
	ck_assert(strstr(note(r, 0), "“yesterday”") != NULL);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

START_TEST(nameless_fields_skipped)
{
	IotReadout *r = parse_in_timestamp("<numeric value='1' unit='V'/><string name='' value='x'/>"
	                                   "<boolean xmlns:p='urn:p' p:name='hidden' value='true'/>"
	                                   "<string name='ok' value='y'/>");

	ck_assert_uint_eq(r->fields->len, 1);
	ck_assert_str_eq(field(r, 0)->name, "ok");
	ck_assert_uint_eq(r->notes->len, 3);
	ck_assert(strstr(note(r, 0), "“numeric”") != NULL);
	iot_readout_free(r);
}
END_TEST

START_TEST(long_strings_truncated)
{
	GString *value = g_string_new("a"), *name = g_string_new(NULL);
	const IotField *f;
	char *inner;
	IotReadout *r;
	guint i;

	/* 'a' then 2-byte characters: byte 4096 falls inside one. */
	for (i = 0; i < 3000; i++)
		g_string_append(value, "é");
	for (i = 0; i < 300; i++)
		g_string_append(name, "n");
	inner = g_strdup_printf("<string name='%s' value='%s' module='%s'/><string name='short' "
	                        "value='%s'/>",
	                        name->str, value->str, name->str, value->str);
	r = parse_in_timestamp(inner);
	ck_assert_uint_eq(r->fields->len, 2);
	f = field(r, 0);
	ck_assert_uint_eq(strlen(f->name), IOT_MAX_NAME_BYTES);
	ck_assert_uint_eq(strlen(f->module), IOT_MAX_NAME_BYTES);
	ck_assert_uint_eq(strlen(f->value), IOT_MAX_VALUE_BYTES - 1);
	ck_assert(g_utf8_validate(f->value, -1, NULL));
	ck_assert(g_str_has_prefix(value->str, f->value));
	/* name, value, module of the first; value of the second. */
	ck_assert_uint_eq(r->notes->len, 4);
	ck_assert(strstr(note(r, 3), "“short”") != NULL);
	for (i = 0; i < r->notes->len; i++)
		ck_assert(g_utf8_strlen(note(r, i), -1) < 200);
	g_free(inner);
	g_string_free(value, TRUE);
	g_string_free(name, TRUE);
	iot_readout_free(r);
}
END_TEST

START_TEST(control_characters_kept)
{
	IotReadout *r = parse_in_timestamp("<string name='a&#x85;b' value='&#x7f;&#x9b;[31mred&#x9;"
	                                   "&lt;b&gt;&#xA;'/>");

	/* Shown escaped by the display layer; the model keeps what was sent. */
	ck_assert_str_eq(field(r, 0)->name, "a\xc2\x85" "b");
	ck_assert_str_eq(field(r, 0)->value, "\x7f\xc2\x9b[31mred\t<b>\n");
	ck_assert_uint_eq(r->notes->len, 0);
	iot_readout_free(r);
}
END_TEST

START_TEST(units)
{
	IotReadout *r = parse_in_timestamp("<numeric name='a' value='1' unit=''/><numeric name='b' "
	                                   "value='1'/><numeric name='c' value='1' unit='m³/h'/>");

	ck_assert_ptr_null(field(r, 0)->unit);
	ck_assert_ptr_null(field(r, 1)->unit);
	ck_assert_str_eq(field(r, 2)->unit, "m³/h");
	ck_assert_uint_eq(r->notes->len, 0);
	iot_readout_free(r);
}
END_TEST

static char *
many_fields(guint n, const char *id)
{
	GString *s = g_string_new(NULL);
	guint i;

	g_string_append_printf(s, "<resp xmlns='urn:nf:iot:sd:1.0' id='%s'><ts v='" TS "'>", id);
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "<q n='F%u' v='%u.5' u='W' m='true' ar='true'/>", i, i);
	g_string_append(s, "</ts></resp>");
	return g_string_free(s, FALSE);
}

START_TEST(field_bound)
{
	char *xml = many_fields(60000, "big");
	IotSdMessage msg;
	IotReadout *r = parse_text(xml, &msg);
	xmlNode *root;

	ck_assert_uint_eq(r->fields->len, IOT_MAX_FIELDS_PER_READOUT);
	ck_assert_uint_eq(r->fields_dropped, 60000 - IOT_MAX_FIELDS_PER_READOUT);
	ck_assert_uint_eq(r->notes->len, 1);
	ck_assert(strstr(note(r, 0), "50000") != NULL);
	ck_assert_str_eq(field(r, IOT_MAX_FIELDS_PER_READOUT - 1)->name, "F49999");
	iot_sd_message_clear(&msg);
	/* A later message of the same readout: counted, not said again. */
	root = iot_test_parse(xml);
	ck_assert(iot_sd_parse(root, &msg, r, NULL));
	ck_assert_uint_eq(r->fields_dropped, 60000 + 60000 - IOT_MAX_FIELDS_PER_READOUT);
	ck_assert_uint_eq(r->notes->len, 1);
	xmlFreeDoc(root->doc);
	iot_sd_message_clear(&msg);
	g_free(xml);
	iot_readout_free(r);
}
END_TEST

START_TEST(nesting_bound)
{
	GString *s = g_string_new("<resp xmlns='urn:nf:iot:sd:1.0' id='deep'><ts v='" TS "'>"
	                          "<q n='top' v='1'/>");
	IotSdMessage msg;
	IotReadout *r;
	guint i;

	for (i = 0; i < 5000; i++)
		g_string_append_printf(s, "<nd id='n%u'>", i);
	g_string_append(s, "<q n='bottom' v='1'/>");
	for (i = 0; i < 5000; i++)
		g_string_append(s, "</nd>");
	g_string_append(s, "</ts></resp>");
	r = parse_text(s->str, &msg);
	ck_assert_uint_eq(r->fields->len, 1);
	ck_assert_str_eq(field(r, 0)->name, "top");
	ck_assert_uint_eq(r->notes->len, 1);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(note_bound)
{
	GString *s = g_string_new(NULL);
	IotReadout *r;
	guint i;

	for (i = 0; i < IOT_MAX_NOTES + 10; i++)
		g_string_append_printf(s, "<numeric name='n%u' value='bad' unit='V'/>", i);
	r = parse_in_timestamp(s->str);
	ck_assert_uint_eq(r->fields->len, IOT_MAX_NOTES + 10);
	ck_assert_uint_eq(r->notes->len, IOT_MAX_NOTES);
	ck_assert_uint_eq(r->notes_dropped, 10);
	iot_readout_free(r);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(failure_bound)
{
	GString *s = g_string_new("<failure xmlns='" XSF "' seqnr='1'>");
	IotSdMessage msg;
	IotReadout *r;
	guint i;

	for (i = 0; i < IOT_MAX_FAILURES_PER_READOUT + 5; i++)
		g_string_append_printf(s, "<error nodeId='n%u' timestamp='not a time'>e%u</error>", i, i);
	g_string_append(s, "<error>   </error><other/></failure>");
	r = parse_text(s->str, &msg);
	ck_assert_int_eq(msg.kind, IOT_SD_FAILURE);
	ck_assert(!msg.done);
	ck_assert_uint_eq(r->failures->len, IOT_MAX_FAILURES_PER_READOUT);
	ck_assert_int_eq(((IotFailure *)r->failures->pdata[0])->timestamp, IOT_TIME_UNKNOWN);
	ck_assert_uint_eq(r->notes->len, 1);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(error_texts_bounded)
{
	GString *s = g_string_new("<resp xmlns='urn:nf:iot:sd:1.0' id='e'><ts v='" TS "'><err>");
	IotSdMessage msg;
	IotReadout *r;
	guint i;

	for (i = 0; i < 3000; i++)
		g_string_append(s, "ö");
	g_string_append(s, "</err><err/></ts></resp>");
	r = parse_text(s->str, &msg);
	ck_assert_uint_eq(r->failures->len, 2);
	ck_assert_uint_le(strlen(((IotFailure *)r->failures->pdata[0])->text), IOT_MAX_ERROR_TEXT);
	ck_assert(g_utf8_validate(((IotFailure *)r->failures->pdata[0])->text, -1, NULL));
	ck_assert_str_eq(((IotFailure *)r->failures->pdata[1])->text, "");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(message_attributes)
{
	GString *id = g_string_new(NULL);
	IotSdMessage msg;
	IotReadout *r;
	char *xml;
	guint i;

	for (i = 0; i < 5000; i++)
		g_string_append(id, "9");
	xml = g_strdup_printf("<accepted xmlns='" XSF "' seqnr='%s' queued='yes'/>", id->str);
	r = parse_text(xml, &msg);
	ck_assert_uint_eq(strlen(msg.id), IOT_MAX_NAME_BYTES);
	ck_assert(!msg.queued);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	g_free(xml);
	/* Either "the end" spelling in either family. */
	r = parse_text("<fields xmlns='" XSF "' seqnr='1' more='true'/>", &msg);
	ck_assert(!msg.done);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	r = parse_text("<resp xmlns='urn:ieee:iot:sd:1.0' id='1' done='true' more='true'/>", &msg);
	ck_assert(msg.done);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	r = parse_text("<resp xmlns='urn:ieee:iot:sd:1.0' id='1' more='1'/>", &msg);
	ck_assert(!msg.done);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	/* No id at all: "" and never NULL. */
	r = parse_text("<started xmlns='urn:nfi:iot:sd:1.0'/>", &msg);
	ck_assert_str_eq(msg.id, "");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	r = parse_text("<rejected xmlns='" XSF "' seqnr='3'><error> </error><error>Busy</error>"
	               "</rejected>",
	               &msg);
	ck_assert_str_eq(msg.error_text, "Busy");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	r = parse_text("<rejected xmlns='urn:xmpp:sn' seqnr='3'/>", &msg);
	ck_assert_str_eq(msg.error_text, "");
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
	g_string_free(id, TRUE);
}
END_TEST

START_TEST(fields_outside_timestamps)
{
	IotSdMessage msg;
	IotReadout *r;

	/* Levels skipped or nested oddly: still read, node and time applied. */
	r = parse_text("<fields xmlns='" XSF "' seqnr='1'><numeric name='loose' value='1' unit='V'/>"
	               "<node nodeId='a'><string name='nodeonly' value='x'/><node nodeId='b'>"
	               "<timestamp value='" TS "'><string name='inner' value='y'/></timestamp></node>"
	               "<timestamp value='" TS "'><string name='back' value='z'/></timestamp></node>"
	               "</fields>",
	               &msg);
	ck_assert_uint_eq(r->fields->len, 4);
	ck_assert_ptr_null(field(r, 0)->node.node_id);
	ck_assert_int_eq(field(r, 0)->timestamp, IOT_TIME_UNKNOWN);
	ck_assert_str_eq(field(r, 1)->node.node_id, "a");
	ck_assert_str_eq(field(r, 2)->node.node_id, "b");
	ck_assert_str_eq(field(r, 3)->node.node_id, "a");
	ck_assert_int_ne(field(r, 3)->timestamp, IOT_TIME_UNKNOWN);
	iot_sd_message_clear(&msg);
	iot_readout_free(r);
}
END_TEST

TCase *
iot_sensordata_hostile_tcase(void)
{
	TCase *tc = tcase_create("hostile");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, unknown_field_type_skipped);
	tcase_add_test(tc, unknown_names_are_bounded_in_notes);
	tcase_add_test(tc, extensions_pass_silently);
	tcase_add_test(tc, numeric_values);
	tcase_add_test(tc, numbers_match_strtod);
	tcase_add_test(tc, nan_is_no_number);
	tcase_add_test(tc, other_value_types);
	tcase_add_test(tc, bad_timestamp_keeps_fields);
	tcase_add_test(tc, nameless_fields_skipped);
	tcase_add_test(tc, long_strings_truncated);
	tcase_add_test(tc, control_characters_kept);
	tcase_add_test(tc, units);
	tcase_add_test(tc, field_bound);
	tcase_add_test(tc, nesting_bound);
	tcase_add_test(tc, note_bound);
	tcase_add_test(tc, failure_bound);
	tcase_add_test(tc, error_texts_bounded);
	tcase_add_test(tc, message_attributes);
	tcase_add_test(tc, fields_outside_timestamps);
	return tc;
}
