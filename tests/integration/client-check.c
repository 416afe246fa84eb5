/* client-check.c — the assertions the integration tests share over the
 * headless client's output (see client-check.h). */
#include "client-check.h"

#include <stdarg.h>

char *
client_run(const char *who, const char *command)
{
	return client_text(client_command(who, command, 2, CLIENT_WAIT_MS));
}

char *
client_line(const char *text, const char *needle)
{
	char **lines = g_strsplit(text, "\n", -1), **l, *out = NULL;

	for (l = lines; *l != NULL && out == NULL; l++)
		if (strstr(*l, needle) != NULL)
			out = g_strdup(*l);
	g_strfreev(lines);
	return out ? out : g_strdup("");
}

void
client_line_has(const char *text, const char *field, ...)
{
	char *line = client_line(text, field);
	const char *needle;
	va_list ap;

	va_start(ap, field);
	while ((needle = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(strstr(line, needle) != NULL, "%s: “%s” not in line “%s” of:\n%.2000s",
		              field, needle, line, text);
	va_end(ap);
	g_free(line);
}

void
client_run_has(const char *who, const char *command, const char *needle)
{
	char *t = client_run(who, command);

	ck_assert_msg(strstr(t, needle) != NULL, "/%s: “%s” not in:\n%.2000s", command, needle, t);
	g_free(t);
}

void
client_read_shows(const char *who, const char *command, const char *field, const char *value)
{
	char *t = client_run(who, command);
	char *line = client_line(t, field);

	ck_assert_msg(strstr(line, value) != NULL, "%s: “%s” not in line “%s” of:\n%.2000s", field,
	              value, line, t);
	g_free(line);
	g_free(t);
}

void
client_reset_thing(const char *who)
{
	char *reply = client_chat(who, "reset", 5000);

	ck_assert_ptr_nonnull(reply);
	ck_assert_str_eq(reply, "reset: done");
	g_free(reply);
}

gboolean
client_under_valgrind(void)
{
	return g_getenv("IOT_VALGRIND") != NULL;
}

double
client_slowdown(void)
{
	return client_under_valgrind() ? 20.0 : 1.0;
}

char *
client_run1(const char *who, const char *command)
{
	return client_text(client_command(who, command, 1, CLIENT_WAIT_MS));
}

char *
client_alerts_until(const char *who, const char *needle, guint ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
	char *t = NULL;

	for (;;) {
		g_free(t);
		t = client_run1(who, "alerts");
		if (strstr(t, needle) != NULL || g_get_monotonic_time() > end)
			return t;
		client_sleep(250);
	}
}
