/*
 * iot-tests.h — the unit suites of the core, one per module, and small
 * helpers shared by them. Nothing here includes libpurple or GTK.
 */
#ifndef IOT_TESTS_H
#define IOT_TESTS_H

#include <check.h>
#include <glib.h>
#include <libxml/tree.h>

Suite *iot_xml_suite(void);
Suite *iot_time_suite(void);
Suite *iot_sensordata_suite(void);
Suite *iot_request_suite(void);
Suite *iot_readout_suite(void);
Suite *iot_format_suite(void);
Suite *iot_cmdargs_suite(void);
Suite *iot_disco_suite(void);
Suite *iot_disco_caps_suite(void);
Suite *iot_store_suite(void);
Suite *iot_value_suite(void);
Suite *iot_dataform_suite(void);
Suite *iot_control_suite(void);
Suite *iot_history_suite(void);
Suite *iot_csv_suite(void);
Suite *iot_events_suite(void);
Suite *iot_controllog_suite(void);
Suite *iot_dynform_suite(void);
Suite *iot_file_suite(void);
Suite *iot_concentrator_suite(void);
Suite *iot_store_history_suite(void);
Suite *iot_store_controllog_suite(void);
Suite *iot_store_checkpoint_suite(void);
Suite *iot_store_crash_suite(void);
Suite *iot_registry_uri_suite(void);
Suite *iot_registry_codec_suite(void);
Suite *iot_provisioning_suite(void);

/* Returns: (transfer full): the contents of tests/fixtures/@relpath; aborts
 * the test when missing. g_free(). */
char *iot_test_fixture(const char *relpath);

/* Returns: (transfer full): the root element of tests/fixtures/@relpath,
 * parsed; free its document with xmlFreeDoc(root->doc). */
xmlNode *iot_test_fixture_root(const char *relpath);

/* Returns: (transfer full): @xml parsed; free with xmlFreeDoc(root->doc). */
xmlNode *iot_test_parse(const char *xml);

/* Returns: (transfer full): a new empty directory made from @tmpl (ending in
 * XXXXXX) under the system's temporary directory; aborts the test on failure. */
char *iot_test_make_tmpdir(const char *tmpl);

/* Removes @dir and everything below it; a link is removed, not followed. */
void iot_test_remove_tree(const char *dir);

#endif
