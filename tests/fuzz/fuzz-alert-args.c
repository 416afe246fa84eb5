/*
 * fuzz-alert-args.c — libFuzzer target for what a person (or a paste)
 * types after /alert: the parser, and a rule it makes checked by the engine
 * against a few values, in words. Seeds: tests/fixtures/alert-args.
 */
#include "iot-alert-args.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	return 0;
}

static void
on_event(const IotAlertEvent *ev, gpointer data)
{
	IotAlert *a = iot_alert_event_to_alert(ev);

	if (!g_utf8_validate(a->text, -1, NULL) || strlen(a->text) > IOT_ALERT_MAX_TEXT)
		__builtin_trap();
	iot_alert_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = g_strndup((const char *)data, size); /* commands arrive NUL-terminated */
	GError *error = NULL;
	IotAlertCommand *cmd = iot_alert_args_parse(line, &error);

	if (cmd == NULL) {
		if (error == NULL || error->message == NULL || !g_utf8_validate(error->message, -1, NULL))
			__builtin_trap(); /* a refusal must always say why, in valid text */
		g_error_free(error);
	} else if (cmd->kind == IOT_ALERT_CMD_ADD) {
		IotAlertEngine *e = iot_alert_engine_new(on_event, NULL, NULL);
		static const char *const values[] = { "0", "-1e300", "50", "1e300", "fault", "half open", "" };
		char *d;
		guint i;
		gint64 now = G_USEC_PER_SEC;

		iot_alert_rule_set_target(cmd->rule, "me@home.example", "thing@home.example", NULL,
		                          cmd->rule->field);
		if (!iot_alert_rule_valid(cmd->rule) || iot_alert_engine_add(e, cmd->rule, 0) == 0)
			__builtin_trap(); /* what the parser accepts, the engine takes */
		d = iot_alert_rule_describe(cmd->rule);
		if (!g_utf8_validate(d, -1, NULL))
			__builtin_trap();
		g_free(d);
		for (i = 0; i < G_N_ELEMENTS(values) * 3; i++) {
			const char *v = values[i % G_N_ELEMENTS(values)];
			char *end;
			double n = g_ascii_strtod(v, &end);

			now += (gint64)(i * 97 % 1000) * G_USEC_PER_SEC;
			iot_alert_engine_value(e, "me@home.example", "thing@home.example", NULL,
			                       cmd->rule->field ? cmd->rule->field : "x", v,
			                       *v != '\0' && *end == '\0', n, now);
			iot_alert_engine_presence(e, "me@home.example", "thing@home.example", i % 2, now);
			iot_alert_engine_tick(e, now);
		}
		iot_alert_engine_free(e);
	}
	iot_alert_command_free(cmd);
	g_free(line);
	return 0;
}
