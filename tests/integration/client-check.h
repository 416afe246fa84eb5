/*
 * client-check.h — what the integration tests assert about the headless
 * client's output: a command's text, one line of it, whether it (or any
 * text) holds a string, a readout value, and putting a simulated thing
 * back. Built on client.h and check; linked only into the integration
 * runner.
 */
#ifndef IOT_TEST_CLIENT_CHECK_H
#define IOT_TEST_CLIENT_CHECK_H

#include "client.h"

#include <check.h>
#include <string.h>

/* How long a command may take to write its outcome. */
#define CLIENT_WAIT_MS 20000

/* TRUE when the runner runs under valgrind (IOT_VALGRIND set). */
gboolean client_under_valgrind(void);
/* What time limits are multiplied by: they are about freezes, not speed,
 * and valgrind runs code about 20 times slower. */
double client_slowdown(void);

/* Asserts that @text holds (or does not hold) @needle; shows @text when not. */
#define ck_has(text, needle)                                                                    \
	ck_assert_msg(strstr((text), (needle)) != NULL, "“%s” not in:\n%.2000s", (needle), (text))
#define ck_lacks(text, needle)                                                                  \
	ck_assert_msg(strstr((text), (needle)) == NULL, "“%s” unexpectedly in:\n%.2000s", (needle), \
	              (text))

/* Types "/@command" with @who; returns what a person reads (transfer full).
 * A command that gets past its arguments writes twice: a progress line,
 * then its outcome. */
char *client_run(const char *who, const char *command);
/* Types "/@command" with @who and returns (transfer full) the text a person
 * reads of its one answer (a command that writes once). */
char *client_run1(const char *who, const char *command);
/* Runs /alerts with @who until its text holds @needle (or @ms pass);
 * returns (transfer full) the last text. */
char *client_alerts_until(const char *who, const char *needle, guint ms);

/* Asserts that what "/@command" to @who shows holds @needle. */
void client_run_has(const char *who, const char *command, const char *needle);

/* Returns: (transfer full): the first line of @text holding @needle, or "". */
char *client_line(const char *text, const char *needle);

/* Asserts that the first line of @text holding @field also holds each of
 * the strings that follow, up to NULL. */
void client_line_has(const char *text, const char *field, ...) G_GNUC_NULL_TERMINATED;

/* Asserts that the line of @field in what "/@command" to @who shows holds @value. */
void client_read_shows(const char *who, const char *command, const char *field, const char *value);

/* Asks the simulated @who to go back to data/home.json's values; asserts it did. */
void client_reset_thing(const char *who);

#endif
