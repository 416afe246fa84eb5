/*
 * iot-tests.h — the unit suites of the core, one per module, and small
 * helpers shared by them. Nothing here includes libpurple or GTK.
 */
#ifndef IOT_TESTS_H
#define IOT_TESTS_H

#include <check.h>

#include "iot-store.h"
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
Suite *iot_pubsub_suite(void);
Suite *iot_pubsub_event_suite(void);
Suite *iot_pubsub_payload_suite(void);
Suite *iot_pubsub_prosody_suite(void);
Suite *iot_store_pubsub_suite(void);
Suite *iot_store_registry_suite(void);
Suite *iot_store_alert_suite(void);
Suite *iot_alert_suite(void);
Suite *iot_alert_question_suite(void);
Suite *iot_alert_rule_suite(void);
Suite *iot_alert_rule_state_suite(void);
Suite *iot_alert_node_suite(void);
Suite *iot_alert_form_suite(void);
Suite *iot_alert_args_suite(void);
Suite *iot_alert_parse_suite(void);
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

/* A store opened in a fresh temporary directory made from @tmpl; @tmp and
 * @path (transfer full) say where. iot_test_store_remove() closes it,
 * removes the directory and frees and clears both. */
IotStore *iot_test_store_fresh(const char *tmpl, char **tmp, char **path);
void iot_test_store_remove(IotStore *st, char **tmp, char **path);
/* Runs @sql on @st's connection (to write rows another program might). */
void iot_test_store_exec(IotStore *st, const char *sql);

/* A store's place for one test: a new temporary directory (@tmpl) in
 * *@dir and the store's path in it, dir/xmpp-iot/store.db (the folder not
 * made yet), in *@path. iot_test_store_place_free() removes the directory
 * with everything in it and frees both. */
void iot_test_store_place_new(const char *tmpl, char **dir, char **path);
void iot_test_store_place_free(char **dir, char **path);

/* The first column of the first row of @sql on @db (a sqlite3 *) as an
 * integer, -1 without a row; aborts the test when @sql does not prepare. */
gint64 iot_test_query_int(gpointer db, const char *sql);

#endif
