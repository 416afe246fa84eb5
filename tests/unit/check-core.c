/* check-core.c — runs every unit suite of the core. */
#include "iot-tests.h"

#include <sqlite3.h>

#include "iot-xml.h"

#include <glib/gstdio.h>
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

char *
iot_test_make_tmpdir(const char *tmpl)
{
	char *dir = g_dir_make_tmp(tmpl, NULL);

	ck_assert_ptr_nonnull(dir);
	return dir;
}

void
iot_test_remove_tree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *e;

	if (d == NULL)
		return;
	while ((e = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, e, NULL);

		if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			iot_test_remove_tree(p);
		else
			g_unlink(p);
		g_free(p);
	}
	g_dir_close(d);
	g_rmdir(dir);
}

void
iot_test_store_place_new(const char *tmpl, char **dir, char **path)
{
	*dir = iot_test_make_tmpdir(tmpl);
	*path = g_build_filename(*dir, "xmpp-iot", "store.db", NULL);
}

void
iot_test_store_place_free(char **dir, char **path)
{
	iot_test_remove_tree(*dir);
	g_free(*dir);
	g_free(*path);
	*dir = *path = NULL;
}

gint64
iot_test_query_int(gpointer db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	gint64 v = -1;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
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
	srunner_add_suite(sr, iot_disco_caps_suite());
	srunner_add_suite(sr, iot_store_suite());
	srunner_add_suite(sr, iot_value_suite());
	srunner_add_suite(sr, iot_dataform_suite());
	srunner_add_suite(sr, iot_control_suite());
	srunner_add_suite(sr, iot_history_suite());
	srunner_add_suite(sr, iot_csv_suite());
	srunner_add_suite(sr, iot_events_suite());
	srunner_add_suite(sr, iot_controllog_suite());
	srunner_add_suite(sr, iot_dynform_suite());
	srunner_add_suite(sr, iot_file_suite());
	srunner_add_suite(sr, iot_concentrator_suite());
	srunner_add_suite(sr, iot_store_history_suite());
	srunner_add_suite(sr, iot_store_controllog_suite());
	srunner_add_suite(sr, iot_store_checkpoint_suite());
	srunner_add_suite(sr, iot_store_crash_suite());
	srunner_add_suite(sr, iot_pubsub_suite());
	srunner_add_suite(sr, iot_pubsub_event_suite());
	srunner_add_suite(sr, iot_pubsub_payload_suite());
	srunner_add_suite(sr, iot_pubsub_prosody_suite());
	srunner_add_suite(sr, iot_store_pubsub_suite());
	srunner_add_suite(sr, iot_store_registry_suite());
	srunner_add_suite(sr, iot_store_alert_suite());
	srunner_add_suite(sr, iot_alert_suite());
	srunner_add_suite(sr, iot_alert_question_suite());
	srunner_add_suite(sr, iot_alert_rule_suite());
	srunner_add_suite(sr, iot_alert_rule_state_suite());
	srunner_add_suite(sr, iot_alert_node_suite());
	srunner_add_suite(sr, iot_alert_form_suite());
	srunner_add_suite(sr, iot_alert_args_suite());
	srunner_add_suite(sr, iot_alert_parse_suite());
	srunner_add_suite(sr, iot_registry_uri_suite());
	srunner_add_suite(sr, iot_registry_codec_suite());
	srunner_add_suite(sr, iot_provisioning_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
