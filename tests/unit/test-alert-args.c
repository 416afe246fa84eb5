/* test-alert-args.c — the /alert chat syntax. */
#include "iot-tests.h"

#include "iot-alert-args.h"
#include "iot-error.h"

#include <string.h>

static IotAlertCommand *
ok(const char *line)
{
	GError *e = NULL;
	IotAlertCommand *c = iot_alert_args_parse(line, &e);

	ck_assert_msg(c != NULL, "%s: %s", line, e ? e->message : "?");
	return c;
}

/* Returns: the error's message (g_free). */
static char *
bad(const char *line)
{
	GError *e = NULL;
	IotAlertCommand *c = iot_alert_args_parse(line, &e);
	char *msg;

	ck_assert_msg(c == NULL, "%s: accepted", line);
	ck_assert(g_error_matches(e, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert(e->message != NULL && *e->message != '\0');
	msg = g_strdup(e->message);
	g_error_free(e);
	return msg;
}

static void
expect_error(const char *line, const char *part)
{
	char *m = bad(line);

	ck_assert_msg(strstr(m, part) != NULL, "%s: “%s” lacks “%s”", line, m, part);
	g_free(m);
}

START_TEST(test_add_comparisons)
{
	IotAlertCommand *c = ok("add \"Flow temperature\" > 70 for 10m");

	ck_assert_int_eq(c->kind, IOT_ALERT_CMD_ADD);
	ck_assert_str_eq(c->rule->field, "Flow temperature");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_ABOVE);
	ck_assert(c->rule->alarm.set);
	ck_assert(!c->rule->warning.set);
	ck_assert_double_eq(c->rule->alarm.value, 70);
	ck_assert_uint_eq(c->rule->for_s, 600);
	ck_assert_ptr_null(c->rule->account);
	iot_alert_command_free(c);

	c = ok("add temperature <3 for 10 min");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_BELOW);
	ck_assert_double_eq(c->rule->alarm.value, 3);
	ck_assert_uint_eq(c->rule->for_s, 600);
	iot_alert_command_free(c);

	c = ok("add t >= -2.5 °C");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_AT_LEAST);
	ck_assert_double_eq(c->rule->alarm.value, -2.5);
	iot_alert_command_free(c);

	c = ok("ADD t <= 21.5°C FOR PT1H");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_AT_MOST);
	ck_assert_double_eq(c->rule->alarm.value, 21.5);
	ck_assert_uint_eq(c->rule->for_s, 3600);
	iot_alert_command_free(c);
}
END_TEST

START_TEST(test_add_equals_band_changed_stale_offline)
{
	IotAlertCommand *c = ok("add Mode = fault");

	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_EQUALS);
	ck_assert_str_eq(c->rule->alarm.text, "fault");
	iot_alert_command_free(c);
	c = ok("add Door != \"half open\"");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_NOT_EQUALS);
	ck_assert_str_eq(c->rule->alarm.text, "half open");
	iot_alert_command_free(c);
	c = ok("add Level = 3");
	ck_assert_ptr_null(c->rule->alarm.text);
	ck_assert_double_eq(c->rule->alarm.value, 3);
	iot_alert_command_free(c);

	c = ok("add humidity outside 30..60");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_OUTSIDE);
	ck_assert_double_eq(c->rule->alarm.value, 30);
	ck_assert_double_eq(c->rule->alarm.high, 60);
	iot_alert_command_free(c);
	c = ok("add humidity outside 30 .. 60 for 5m");
	ck_assert_double_eq(c->rule->alarm.high, 60);
	ck_assert_uint_eq(c->rule->for_s, 300);
	iot_alert_command_free(c);
	c = ok("add t outside -10..-2.5");
	ck_assert_double_eq(c->rule->alarm.value, -10);
	ck_assert_double_eq(c->rule->alarm.high, -2.5);
	iot_alert_command_free(c);

	c = ok("add door changed");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_CHANGED);
	iot_alert_command_free(c);
	c = ok("add power stale 15m");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_STALE);
	ck_assert_uint_eq(c->rule->duration_s, 900);
	iot_alert_command_free(c);
	c = ok("add offline 10 min");
	ck_assert_int_eq(c->rule->op, IOT_ALERT_OP_OFFLINE);
	ck_assert_ptr_null(c->rule->field);
	ck_assert_uint_eq(c->rule->duration_s, 600);
	iot_alert_command_free(c);
	/* a field named like a keyword, before an operator */
	c = ok("add offline = yes");
	ck_assert_str_eq(c->rule->field, "offline");
	iot_alert_command_free(c);
	c = ok("add changed changed");
	ck_assert_str_eq(c->rule->field, "changed");
	iot_alert_command_free(c);

	/* every rule made here can be checked once account and thing are set */
	c = ok("add humidity outside 30..60");
	iot_alert_rule_set_target(c->rule, "me@h", "thing@h", NULL, c->rule->field);
	ck_assert_str_eq(c->rule->field, "humidity"); /* its own field, passed back in */
	ck_assert(iot_alert_rule_valid(c->rule));
	iot_alert_rule_set_target(c->rule, c->rule->account, c->rule->thing, "a node", c->rule->field);
	ck_assert_str_eq(c->rule->account, "me@h");
	ck_assert_str_eq(c->rule->thing, "thing@h");
	ck_assert_str_eq(c->rule->field, "humidity");
	iot_alert_command_free(c);
}
END_TEST

START_TEST(test_list_del_ack_snooze)
{
	IotAlertCommand *c = ok("");

	ck_assert_int_eq(c->kind, IOT_ALERT_CMD_LIST);
	iot_alert_command_free(c);
	c = ok("list");
	ck_assert_int_eq(c->kind, IOT_ALERT_CMD_LIST);
	iot_alert_command_free(c);
	c = ok("del 2");
	ck_assert_int_eq(c->kind, IOT_ALERT_CMD_DEL);
	ck_assert_uint_eq(c->n, 2);
	iot_alert_command_free(c);
	c = ok("ack");
	ck_assert_int_eq(c->kind, IOT_ALERT_CMD_ACK);
	ck_assert_uint_eq(c->n, 0);
	ck_assert(!c->all);
	iot_alert_command_free(c);
	c = ok("ack all");
	ck_assert(c->all);
	iot_alert_command_free(c);
	c = ok("ack 7");
	ck_assert_uint_eq(c->n, 7);
	iot_alert_command_free(c);
	c = ok("snooze 3 1h30m");
	ck_assert_int_eq(c->kind, IOT_ALERT_CMD_SNOOZE);
	ck_assert_uint_eq(c->n, 3);
	ck_assert_uint_eq(c->seconds, 5400);
	iot_alert_command_free(c);
	c = ok("snooze 3 2 h");
	ck_assert_uint_eq(c->seconds, 7200);
	iot_alert_command_free(c);
}
END_TEST

START_TEST(test_errors_in_words)
{
	expect_error("frobnicate", "/alert does not know “frobnicate”");
	expect_error("add", "Name the field first");
	expect_error("add > 30", "Name the field first");
	expect_error("add \"  \" > 1", "Name the field first");
	expect_error("add \x1c = 1", "Name the field first");
	expect_error("add t", "An operator is missing");
	expect_error("add t ~ 30", "“~” is not an operator");
	expect_error("add t >", "A value is missing after “>”");
	expect_error("add t > warm", "“warm” is not a number");
	expect_error("add t > 21,5", "decimal point");
	expect_error("add t > inf", "not a number");
	expect_error("add t > 0x10", "not a number");
	expect_error("add t > 30 for", "A duration is missing");
	expect_error("add t > 30 for ever", "“ever” is not a duration");
	expect_error("add t > 30 for 0s", "is not a duration");
	expect_error("add t > 30 for 400d", "is not a duration");
	expect_error("add t outside 30", "needs a band");
	expect_error("add t outside 60..30", "low end must be below");
	expect_error("add t changed 5", "“5” does not belong");
	expect_error("add t changed for 5m", "does not go with changed");
	expect_error("add t stale", "A duration is missing");
	expect_error("add t > 30 for 5m extra", "“extra” does not belong");
	expect_error("del", "Say which rule to delete");
	expect_error("del two", "Say which rule to delete");
	expect_error("del 0", "Say which rule to delete");
	expect_error("del -1", "Say which rule to delete");
	expect_error("ack some", "Acknowledge an alert");
	expect_error("snooze 3", "Snooze an alert");
	expect_error("snooze 3 soon", "“soon” is not a duration");
	expect_error("snooze 3 1h now", "“now” does not belong");
	expect_error("list 2", "does not belong after /alert list");
	expect_error("add \"t", "quote");
}
END_TEST

START_TEST(test_hostile_words_are_bounded)
{
	GString *s = g_string_new("add ");
	char *m;

	g_string_append_c(s, '"');
	for (int i = 0; i < 2000; i++)
		g_string_append(s, "é");
	g_string_append(s, "\" > 1");
	{
		IotAlertCommand *c = ok(s->str);

		ck_assert_uint_le(strlen(c->rule->field), IOT_ALERT_MAX_NAME);
		ck_assert(g_utf8_validate(c->rule->field, -1, NULL));
		iot_alert_command_free(c);
	}
	g_string_assign(s, "add t > ");
	for (int i = 0; i < 500; i++)
		g_string_append(s, "<b>x</b>");
	m = bad(s->str);
	ck_assert_uint_lt(g_utf8_strlen(m, -1), 200);
	g_free(m);
	g_string_free(s, TRUE);
}
END_TEST

Suite *
iot_alert_args_suite(void)
{
	Suite *s = suite_create("alert-args");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_add_comparisons);
	tcase_add_test(tc, test_add_equals_band_changed_stale_offline);
	tcase_add_test(tc, test_list_del_ack_snooze);
	tcase_add_test(tc, test_errors_in_words);
	tcase_add_test(tc, test_hostile_words_are_bounded);
	suite_add_tcase(s, tc);
	return s;
}
