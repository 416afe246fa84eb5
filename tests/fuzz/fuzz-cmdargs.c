/*
 * fuzz-cmdargs.c — libFuzzer target for what a person (or a paste) types
 * after a chat command: splitting and /read parsing. Seeds: tests/fixtures/cmdargs.
 */
#include "iot-cmdargs.h"
#include "iot-readout.h"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = g_strndup((const char *)data, size); /* commands arrive NUL-terminated */
	IotSdRequest req;
	GError *error = NULL;
	char **words = iot_cmdargs_split(line, NULL);

	g_strfreev(words);
	if (iot_cmdargs_parse_read(line, &req, &error))
		iot_sd_request_clear(&req);
	else if (error == NULL || error->message == NULL)
		__builtin_trap(); /* a refusal must always say why */
	g_clear_error(&error);
	g_free(line);
	return 0;
}
