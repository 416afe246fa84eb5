/* check-core.c — runs every unit suite of the core. */
#include "iot-tests.h"

#include "iot-xml.h"

#include <locale.h>
#include <stdlib.h>

char *
iot_test_fixture(const char *relpath)
{
	char *path = g_build_filename(IOT_TEST_FIXTURES, relpath, NULL);
	char *data = NULL;
	GError *error = NULL;

	if (!g_file_get_contents(path, &data, NULL, &error))
		ck_abort_msg("fixture %s: %s", path, error->message);
	g_free(path);
	return data;
}

xmlNode *
iot_test_parse(const char *xml)
{
	GError *error = NULL;
	xmlDoc *doc = iot_xml_parse(xml, -1, &error);

	ck_assert_msg(doc != NULL, "parse failed: %s", error ? error->message : "?");
	return xmlDocGetRootElement(doc);
}

xmlNode *
iot_test_fixture_root(const char *relpath)
{
	char *xml = iot_test_fixture(relpath);
	xmlNode *root = iot_test_parse(xml);

	g_free(xml);
	return root;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	/* Warnings and criticals are bugs: make them fail the test that caused them. */
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	setlocale(LC_ALL, "C.UTF-8");
	g_setenv("TZ", "UTC", TRUE);

	sr = srunner_create(iot_xml_suite());
	srunner_add_suite(sr, iot_time_suite());
	srunner_add_suite(sr, iot_sensordata_suite());
	srunner_add_suite(sr, iot_request_suite());
	srunner_add_suite(sr, iot_readout_suite());
	srunner_add_suite(sr, iot_format_suite());
	srunner_add_suite(sr, iot_cmdargs_suite());
	srunner_add_suite(sr, iot_disco_suite());
	srunner_add_suite(sr, iot_value_suite());
	srunner_add_suite(sr, iot_dataform_suite());
	srunner_add_suite(sr, iot_control_suite());
	srunner_add_suite(sr, iot_history_suite());
	srunner_add_suite(sr, iot_csv_suite());
	srunner_add_suite(sr, iot_events_suite());
	srunner_add_suite(sr, iot_controllog_suite());
	srunner_add_suite(sr, iot_dynform_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
