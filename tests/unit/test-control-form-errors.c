/* test-control-form-errors.c — a refused form submit that carries the form
 * back with XEP-0336 errors on its faulty fields (Waher's servers): each
 * error becomes the error of the parameter of that name. */
#include "iot-tests.h"

#include "iot-control.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_control_form_errors_tcase(void);

static IotControlResult *
result_of(xmlNode *root)
{
	IotControlResult *r = iot_control_parse_result(root, TRUE, NULL);

	xmlFreeDoc(root->doc);
	return r;
}

START_TEST(test_waher_form_errors)
{
	IotControlResult *r = result_of(iot_test_fixture_root("ctl/waher-set-form-errors.xml"));

	ck_assert(g_error_matches(r->error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert_uint_eq(r->errors->len, 2);
	ck_assert_str_eq(iot_control_result_error_for(r, "Level"), "Value out of range.");
	ck_assert_str_eq(iot_control_result_error_for(r, "Mode"), "Invalid option.");
	ck_assert_ptr_null(iot_control_result_error_for(r, "Power"));
	/* No <text/>: the first field's words say more than the condition. */
	ck_assert_str_eq(r->error->message, "Level: Value out of range.");
	iot_control_result_free(r);
}
END_TEST

START_TEST(test_form_errors_both_namespaces_and_odd_shapes)
{
	IotControlResult *r;

	/* The namespace of the XEP-0325 v0.1 examples; a <text/> stays the message. */
	r = result_of(iot_test_parse(
	    "<iq type='error'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	    "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Form not valid.</text>"
	    "<x xmlns='jabber:x:data' type='form' xmlns:xdd='http://jabber.org/protocol/xdata-dynamic'>"
	    "<field var='Level'><xdd:error> Too high. </xdd:error><xdd:error>Second.</xdd:error></field>"
	    "</x></error></iq>"));
	ck_assert_str_eq(iot_control_result_error_for(r, "Level"), "Too high.");
	ck_assert_str_eq(r->error->message, "Form not valid.");
	iot_control_result_free(r);

	/* Not ours: errors in another namespace, fields without a name, a
	 * form outside the <error/>, a form not in jabber:x:data. A paramError
	 * for the same field comes first and stays. */
	r = result_of(iot_test_parse(
	    "<iq type='error'><x xmlns='jabber:x:data'><field var='Outside'><error "
	    "xmlns='urn:xmpp:xdata:dynamic'>x</error></field></x>"
	    "<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
	    "<paramError xmlns='urn:nf:iot:ctr:1.0' n='Level'>From paramError.</paramError>"
	    "<x xmlns='jabber:x:data' type='form'>"
	    "<field var='Other'><error xmlns='urn:other'>no</error></field>"
	    "<field><error xmlns='urn:xmpp:xdata:dynamic'>nameless</error></field>"
	    "<field var='Level'><error xmlns='urn:xmpp:xdata:dynamic'>From the form.</error></field>"
	    "<field var='Empty'><error xmlns='urn:xmpp:xdata:dynamic'/></field>"
	    "</x><x xmlns='urn:other'><field var='Foreign'><error xmlns='urn:xmpp:xdata:dynamic'>x</error>"
	    "</field></x></error></iq>"));
	ck_assert_uint_eq(r->errors->len, 2);
	ck_assert_str_eq(iot_control_result_error_for(r, "Level"), "From paramError.");
	ck_assert_str_eq(iot_control_result_error_for(r, "Empty"), "");
	iot_control_result_free(r);
}
END_TEST

START_TEST(test_form_errors_are_bounded)
{
	GString *xml = g_string_new("<iq type='error'><error type='modify'><not-acceptable "
	                            "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><x xmlns='jabber:x:data' "
	                            "xmlns:xdd='urn:xmpp:xdata:dynamic'>");
	char *big = g_strnfill(64 * 1024, 'E'), *long_name = g_strnfill(IOT_MAX_NAME_BYTES + 1, 'n');
	IotControlResult *r;
	guint i;

	g_string_append_printf(xml, "<field var='Big'><xdd:error>%s</xdd:error></field>", big);
	g_string_append_printf(xml, "<field var='%s'><xdd:error>long name</xdd:error></field>", long_name);
	for (i = 0; i < 3 * IOT_MAX_FORM_FIELDS; i++)
		g_string_append_printf(xml, "<field var='f%u'><xdd:error>bad</xdd:error></field>", i);
	g_string_append(xml, "</x></error></iq>");
	r = result_of(iot_test_parse(xml->str));
	ck_assert_uint_le(strlen(iot_control_result_error_for(r, "Big")), IOT_MAX_ERROR_TEXT);
	ck_assert_uint_eq(r->errors->len, IOT_MAX_FORM_FIELDS - 1); /* the nameless one counts */
	ck_assert_ptr_null(iot_control_result_error_for(r, long_name));
	ck_assert_uint_le(strlen(r->error->message), IOT_MAX_ERROR_TEXT + 8);
	iot_control_result_free(r);
	g_string_free(xml, TRUE);
	g_free(big);
	g_free(long_name);
}
END_TEST

TCase *
iot_control_form_errors_tcase(void)
{
	TCase *tc = tcase_create("form errors");

	tcase_add_test(tc, test_waher_form_errors);
	tcase_add_test(tc, test_form_errors_both_namespaces_and_odd_shapes);
	tcase_add_test(tc, test_form_errors_are_bounded);
	return tc;
}
