/* test-alert-form.c — a rule's form: typed texts checked field by field,
 * each wrong one with its reason; a rule's texts read back into the same
 * rule. */
#include "iot-tests.h"

#include "iot-alert-form.h"

#include <string.h>

static IotAlertFormInput
base(void)
{
	IotAlertFormInput in = { 0 };

	in.thing = " boiler@home.example ";
	in.field = "Flow temperature";
	in.op = IOT_ALERT_OP_ABOVE;
	in.alarm = "30";
	in.enabled = TRUE;
	return in;
}

START_TEST(test_form_reads_every_option)
{
	IotAlertFormInput in = base();
	const char *problems[IOT_ALERT_FORM_N_FIELDS];
	char *texts[IOT_ALERT_FORM_N_FIELDS];
	IotAlertRule *r, *back;
	guint i;

	in.node = "n1";
	in.op = IOT_ALERT_OP_OUTSIDE;
	in.warning = "18";
	in.warning_high = "24";
	in.alarm = "10.5";
	in.alarm_high = "30";
	in.hysteresis = "0.5";
	in.for_at_least = "10m";
	in.latched = TRUE;
	in.remind = "1h30m";
	in.priority = -3;
	in.urgent = TRUE;
	in.quiet = TRUE;
	in.quiet_from = "22:00";
	in.quiet_to = "7:05";
	r = iot_alert_form_read(&in, problems);
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_null(r->account);
	ck_assert_str_eq(r->thing, "boiler@home.example");
	ck_assert_str_eq(r->node, "n1");
	ck_assert(r->warning.set && r->warning.value == 18 && r->warning.high == 24);
	ck_assert(r->alarm.set && r->alarm.value == 10.5 && r->alarm.high == 30);
	ck_assert(r->hysteresis == 0.5);
	ck_assert_uint_eq(r->for_s, 600);
	ck_assert_uint_eq(r->remind_s, 5400);
	ck_assert(r->latched && r->urgent && !r->disabled && r->quiet.enabled);
	ck_assert_uint_eq(r->quiet.start_min, 22 * 60);
	ck_assert_uint_eq(r->quiet.end_min, 7 * 60 + 5);
	ck_assert_int_eq(r->priority, -3);
	/* the texts read back into the same rule */
	iot_alert_form_texts(r, texts);
	ck_assert_str_eq(texts[IOT_ALERT_FORM_FOR], "10m");
	ck_assert_str_eq(texts[IOT_ALERT_FORM_REMIND], "1h30m");
	ck_assert_str_eq(texts[IOT_ALERT_FORM_QUIET_TO], "07:05");
	ck_assert_ptr_null(texts[IOT_ALERT_FORM_AFTER]);
	in.thing = texts[IOT_ALERT_FORM_THING];
	in.warning = texts[IOT_ALERT_FORM_WARNING];
	in.warning_high = texts[IOT_ALERT_FORM_WARNING_HIGH];
	in.alarm = texts[IOT_ALERT_FORM_ALARM];
	in.alarm_high = texts[IOT_ALERT_FORM_ALARM_HIGH];
	in.hysteresis = texts[IOT_ALERT_FORM_HYSTERESIS];
	in.for_at_least = texts[IOT_ALERT_FORM_FOR];
	in.remind = texts[IOT_ALERT_FORM_REMIND];
	in.quiet_from = texts[IOT_ALERT_FORM_QUIET_FROM];
	in.quiet_to = texts[IOT_ALERT_FORM_QUIET_TO];
	back = iot_alert_form_read(&in, problems);
	ck_assert_ptr_nonnull(back);
	ck_assert(back->alarm.value == 10.5 && back->warning.high == 24 && back->remind_s == 5400);
	for (i = 0; i < IOT_ALERT_FORM_N_FIELDS; i++)
		g_free(texts[i]);
	iot_alert_rule_free(back);
	iot_alert_rule_free(r);
	texts[0] = iot_alert_form_duration(90);
	ck_assert_str_eq(texts[0], "1m30s");
	g_free(texts[0]);
}
END_TEST

START_TEST(test_form_reasons_beside_the_fields)
{
	IotAlertFormInput in = base();
	const char *problems[IOT_ALERT_FORM_N_FIELDS];
	guint i, n = 0;

	in.thing = "boiler room";
	in.field = " ";
	in.warning = "warm";
	in.for_at_least = "10 parsecs";
	in.hysteresis = "-1";
	in.priority = 500;
	in.quiet = TRUE;
	in.quiet_from = "25:00";
	in.quiet_to = "07:00";
	ck_assert_ptr_null(iot_alert_form_read(&in, problems));
	ck_assert_ptr_nonnull(problems[IOT_ALERT_FORM_THING]);
	ck_assert_ptr_nonnull(problems[IOT_ALERT_FORM_FIELD]);
	ck_assert_str_eq(problems[IOT_ALERT_FORM_WARNING], "not a number");
	ck_assert_str_eq(problems[IOT_ALERT_FORM_FOR], "not a duration like 10m, 1h30m or 90s");
	ck_assert_str_eq(problems[IOT_ALERT_FORM_HYSTERESIS], "a number of 0 or more");
	ck_assert_str_eq(problems[IOT_ALERT_FORM_PRIORITY], "from -100 to 100");
	ck_assert_str_eq(problems[IOT_ALERT_FORM_QUIET_FROM], "a time like 22:00");
	for (i = 0; i < IOT_ALERT_FORM_N_FIELDS; i++)
		n += problems[i] != NULL;
	ck_assert_uint_eq(n, 7);
	/* a band the wrong way round; no level at all; a duration for offline */
	in = base();
	in.op = IOT_ALERT_OP_OUTSIDE;
	in.alarm = "24";
	in.alarm_high = "18";
	ck_assert_ptr_null(iot_alert_form_read(&in, problems));
	ck_assert_str_eq(problems[IOT_ALERT_FORM_ALARM_HIGH], "must be above the low end");
	in = base();
	in.alarm = "";
	ck_assert_ptr_null(iot_alert_form_read(&in, problems));
	ck_assert_ptr_nonnull(problems[IOT_ALERT_FORM_ALARM]);
	in = base();
	in.op = IOT_ALERT_OP_OFFLINE;
	in.field = NULL;
	ck_assert_ptr_null(iot_alert_form_read(&in, problems));
	ck_assert_ptr_nonnull(problems[IOT_ALERT_FORM_AFTER]);
	ck_assert_ptr_null(problems[IOT_ALERT_FORM_FIELD]);
	in.after = "90s";
	in.raise_alarm = TRUE;
	{
		IotAlertRule *r = iot_alert_form_read(&in, problems);

		ck_assert_ptr_nonnull(r);
		ck_assert_uint_eq(r->duration_s, 90);
		ck_assert(r->alarm.set && !r->warning.set);
		ck_assert_ptr_null(r->field);
		iot_alert_rule_free(r);
	}
	/* = takes a word */
	in = base();
	in.op = IOT_ALERT_OP_EQUALS;
	in.alarm = "half open";
	{
		IotAlertRule *r = iot_alert_form_read(&in, problems);

		ck_assert_ptr_nonnull(r);
		ck_assert_str_eq(r->alarm.text, "half open");
		iot_alert_rule_free(r);
	}
}
END_TEST

Suite *
iot_alert_form_suite(void)
{
	Suite *s = suite_create("alert-form");
	TCase *tc = tcase_create("form");

	tcase_add_test(tc, test_form_reads_every_option);
	tcase_add_test(tc, test_form_reasons_beside_the_fields);
	suite_add_tcase(s, tc);
	return s;
}
