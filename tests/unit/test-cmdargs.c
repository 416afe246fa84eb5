/* test-cmdargs.c — /read argument parsing. */
#include "iot-tests.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-readout.h"

#include <string.h>

START_TEST(test_split_quotes_and_escapes)
{
	char **w = iot_cmdargs_split("  a \"b c\" 'd e'  f\\ g \"\" ", NULL);

	ck_assert_uint_eq(g_strv_length(w), 5);
	ck_assert_str_eq(w[0], "a");
	ck_assert_str_eq(w[1], "b c");
	ck_assert_str_eq(w[2], "d e");
	ck_assert_str_eq(w[3], "f g");
	ck_assert_str_eq(w[4], "");
	g_strfreev(w);
}
END_TEST

START_TEST(test_split_rejects_open_quote)
{
	GError *e = NULL;

	ck_assert_ptr_null(iot_cmdargs_split("a \"b", &e));
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	g_error_free(e);
}
END_TEST

/* Plain /read shows the thing as it is now: its momentary values and its
 * status (a relay's position, a mode, a setpoint). */
START_TEST(test_read_defaults_to_momentary_and_status)
{
	IotSdRequest r;

	ck_assert(iot_cmdargs_parse_read("", &r, NULL));
	ck_assert_uint_eq(r.categories, IOT_CAT_MOMENTARY | IOT_CAT_STATUS);
	ck_assert_ptr_null(r.field_names);
	ck_assert_uint_eq(r.n_nodes, 0);
	iot_sd_request_clear(&r);
	ck_assert(iot_cmdargs_parse_read(NULL, &r, NULL));
	ck_assert_uint_eq(r.categories, IOT_CAT_MOMENTARY | IOT_CAT_STATUS);
	iot_sd_request_clear(&r);
	ck_assert(iot_cmdargs_parse_read("node kitchen", &r, NULL));
	ck_assert_uint_eq(r.categories, IOT_CAT_MOMENTARY | IOT_CAT_STATUS);
	iot_sd_request_clear(&r);
	/* A category named is that category only. */
	ck_assert(iot_cmdargs_parse_read("momentary", &r, NULL));
	ck_assert_uint_eq(r.categories, IOT_CAT_MOMENTARY);
	iot_sd_request_clear(&r);
}
END_TEST

START_TEST(test_read_all_names_and_nodes)
{
	IotSdRequest r;

	ck_assert(iot_cmdargs_parse_read("ALL", &r, NULL));
	ck_assert_uint_eq(r.categories, IOT_CAT_ALL);
	iot_sd_request_clear(&r);

	ck_assert(iot_cmdargs_parse_read("temperature humidity", &r, NULL));
	ck_assert_uint_eq(g_strv_length(r.field_names), 2);
	ck_assert_str_eq(r.field_names[1], "humidity");
	ck_assert_uint_eq(r.categories & IOT_CAT_HISTORICAL, 0);
	ck_assert(r.categories & IOT_CAT_MOMENTARY);
	iot_sd_request_clear(&r);

	ck_assert(iot_cmdargs_parse_read("node kitchen status node \"living room\" \"Flow temperature\"", &r, NULL));
	ck_assert_uint_eq(r.n_nodes, 2);
	ck_assert_str_eq(r.nodes[0].node_id, "kitchen");
	ck_assert_str_eq(r.nodes[1].node_id, "living room");
	ck_assert_uint_eq(r.categories, IOT_CAT_STATUS);
	ck_assert_str_eq(r.field_names[0], "Flow temperature");
	iot_sd_request_clear(&r);
}
END_TEST

START_TEST(test_read_node_without_id_says_how)
{
	IotSdRequest r;
	GError *e = NULL;

	ck_assert(!iot_cmdargs_parse_read("all node", &r, &e));
	ck_assert_ptr_nonnull(strstr(e->message, "/read node kitchen"));
	g_error_free(e);
}
END_TEST

Suite *
iot_cmdargs_suite(void)
{
	Suite *s = suite_create("cmdargs");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, test_split_quotes_and_escapes);
	tcase_add_test(tc, test_split_rejects_open_quote);
	tcase_add_test(tc, test_read_defaults_to_momentary_and_status);
	tcase_add_test(tc, test_read_all_names_and_nodes);
	tcase_add_test(tc, test_read_node_without_id_says_how);
	suite_add_tcase(s, tc);
	return s;
}
