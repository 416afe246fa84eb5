/*
 * fuzz-alert-inbox.c — libFuzzer target for the alert inbox: the input is a
 * program of headlines (hostile texts, many sources, strangers) and actions
 * (acknowledge, snooze, dismiss, read, time passing, quiet hours) on a small
 * inbox; after every step the bounds must hold. Seeds: tests/fixtures/alert-inbox.
 */
#include "iot-alert-inbox.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP 40

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	return 0;
}

static void
check_entry(gpointer p, gpointer data)
{
	const IotAlert *a = p;

	if (a->id == 0 || !g_utf8_validate(a->text, -1, NULL) || strlen(a->text) > IOT_ALERT_MAX_TEXT ||
	    a->count == 0 || a->source.account == NULL || a->source.thing == NULL)
		__builtin_trap();
	(*(guint *)data)++;
}

static void
check(const IotAlertInbox *in)
{
	guint n = 0;
	GPtrArray *all;
	IotAlertFilter every = { 0 };

	iot_alert_inbox_foreach(in, check_entry, &n);
	if (n != iot_alert_inbox_size(in) || n > CAP || iot_alert_inbox_unread(in) > n)
		__builtin_trap();
	every.states = (1u << IOT_ALERT_STATE_COUNT) - 1;
	all = iot_alert_inbox_list(in, &every);
	if (all->len != n)
		__builtin_trap();
	g_ptr_array_unref(all);
}

/* The id of entry @k (mod size) of the full list, 0 when empty. */
static guint64
pick(const IotAlertInbox *in, guint k)
{
	IotAlertFilter every = { 0 };
	GPtrArray *all;
	guint64 id = 0;

	every.states = (1u << IOT_ALERT_STATE_COUNT) - 1;
	all = iot_alert_inbox_list(in, &every);
	if (all->len > 0)
		id = ((const IotAlert *)all->pdata[k % all->len])->id;
	g_ptr_array_unref(all);
	return id;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IotAlertInboxConfig cfg;
	IotAlertInbox *in;
	IotAlertQuiet rule_quiet = { TRUE, 0, 0 };
	gint64 now = (gint64)1767614400 * G_USEC_PER_SEC;
	size_t p = 0;

	iot_alert_inbox_config_default(&cfg);
	cfg.max_entries = CAP;
	cfg.rate_max = 4;
	cfg.per_source_max = 6;
	in = iot_alert_inbox_new(&cfg);
	while (p + 2 <= size) {
		guint8 op = data[p++], arg = data[p++];
		guint64 id;

		switch (op % 9) {
		case 0: { /* a headline: source, severity, text of the next bytes */
			IotAlert *a = iot_alert_new();
			char thing[32];
			size_t len = MIN((size_t)(arg % 64), size - p);

			g_snprintf(thing, sizeof(thing), "t%u@x", arg % 11);
			iot_alert_set_source(a, "me@x", thing, arg & 0x40 ? "node" : NULL, NULL);
			a->severity = (IotAlertSeverity)(arg % 4);
			if (a->severity == IOT_ALERT_QUESTION) { /* an owner question: a few keys, merged counts */
				char key[8];

				g_snprintf(key, sizeof(key), "q%u", op % 5);
				iot_alert_set_question(a, key);
				a->count = 1 + arg % 3;
			}
			a->urgent = (arg & 0x80) != 0;
			a->stranger = arg % 11 >= 7;
			a->origin = (IotAlertOrigin)(op / 9 % 5);
			iot_alert_set_text(a, (const char *)data + p, (gssize)len);
			p += len;
			iot_alert_inbox_add(in, a, op & 0x80 ? &rule_quiet : NULL, now, &id);
			iot_alert_free(a);
			break;
		}
		case 1:
			id = pick(in, arg);
			iot_alert_inbox_acknowledge(in, &id, 1, now);
			break;
		case 2:
			id = pick(in, arg);
			iot_alert_inbox_snooze(in, &id, 1, now + (gint64)arg * 60 * G_USEC_PER_SEC, now);
			break;
		case 3:
			id = pick(in, arg);
			iot_alert_inbox_dismiss(in, &id, 1, now);
			break;
		case 4:
			now += (gint64)arg * 37 * G_USEC_PER_SEC;
			iot_alert_inbox_tick(in, now);
			break;
		case 5: {
			char thing[32];

			g_snprintf(thing, sizeof(thing), "t%u@x", arg % 11);
			iot_alert_inbox_acknowledge_source(in, arg & 1 ? "me@x" : NULL, thing, now);
			break;
		}
		case 6:
			id = pick(in, arg);
			iot_alert_inbox_mark_read(in, &id, 1, now);
			break;
		case 7:
			cfg.quiet.enabled = arg & 1;
			cfg.quiet.start_min = (guint)arg * 13 % 1500;
			cfg.quiet.end_min = (guint)arg * 7 % 1440;
			rule_quiet.start_min = (guint)arg * 5 % 1440;
			rule_quiet.end_min = (guint)arg * 11 % 1440;
			iot_alert_inbox_set_config(in, &cfg);
			break;
		default: {
			IotAlertSource src = { "me@x", "t1@x", NULL, NULL };

			if (arg % 8 == 7)
				iot_alert_inbox_remove(in, pick(in, arg)); /* a question answered */
			else if (arg & 1)
				iot_alert_inbox_clear_rule(in, arg % 3, &src, now);
			else
				iot_alert_inbox_remind_rule(in, arg % 3, &src, now);
			break;
		}
		}
		check(in);
	}
	if (iot_alert_inbox_next_tick(in) != 0)
		iot_alert_inbox_tick(in, iot_alert_inbox_next_tick(in));
	check(in);
	iot_alert_inbox_free(in);
	return 0;
}
