/*
 * bench-alert.c — what alerts cost on the main loop.
 *
 *   bench-alert   prints "alert <what> <value>":
 *     rules-1000-ms-per-s   1,000 rules, one on each of 1,000 fields (100
 *                           things × 10), fed 1,000 updates a second for 60
 *                           virtual seconds with one tick a second: CPU
 *                           milliseconds per second of updates (median of 5);
 *     rules-10x-ms-per-s    the same 1,000 rules, 10 on each of 100 fields:
 *                           every update checks 10 rules;
 *     events                events the rules emitted in one run (they fire
 *                           and clear: the values wander across the levels);
 *     storm-ms, storm-worst-us, storm-entries
 *                           10,000 headline stanzas from 50 sources (40
 *                           strangers) in 10 virtual seconds, each parsed,
 *                           read as an alert and added to the inbox: total
 *                           time, the slowest one, the entries left.
 */
#include "iot-alert-inbox.h"
#include "iot-alert-parse.h"
#include "iot-xml.h"
#include "iot-alert-rule.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define T0 ((gint64)1767614400 * G_USEC_PER_SEC)
#define SECONDS 60
#define UPDATES 1000

static guint events;

static void
count(const IotAlertEvent *ev, gpointer data)
{
	events++;
}

static double
cpu_ms(void)
{
	return g_get_monotonic_time() / 1e3;
}

static IotAlertEngine *
make_engine(guint things, guint fields, guint per_field)
{
	IotAlertEngine *e = iot_alert_engine_new(count, NULL, NULL);
	guint t, f, k;

	for (t = 0; t < things; t++) {
		char *thing = g_strdup_printf("thing%03u@home.example", t);

		for (f = 0; f < fields; f++) {
			char *field = g_strdup_printf("Field %u", f);

			for (k = 0; k < per_field; k++) {
				IotAlertRule *r = iot_alert_rule_new();
				guint n = t * fields * per_field + f * per_field + k;

				iot_alert_rule_set_target(r, "me@home.example", thing, NULL, field);
				r->op = (IotAlertOp)(n % 7); /* > < >= <= = != outside */
				r->alarm.set = TRUE;
				r->alarm.value = 40 + k;
				r->alarm.high = 80 + k;
				r->warning.set = n % 2 == 0 && r->op <= IOT_ALERT_OP_AT_MOST;
				r->warning.value = r->op == IOT_ALERT_OP_ABOVE || r->op == IOT_ALERT_OP_AT_LEAST
				                       ? 35 + k
				                       : 45 + k;
				r->hysteresis = n % 3 == 0 ? 1.0 : 0.0;
				r->for_s = n % 4 == 0 ? 30 : 0;
				r->remind_s = n % 5 == 0 ? 600 : 0;
				r->latched = n % 11 == 0;
				r->priority = (int)(n % 3);
				if (iot_alert_engine_add(e, r, T0) == 0) {
					fprintf(stderr, "bench-alert: rule %u refused\n", n);
					exit(1);
				}
				iot_alert_rule_free(r);
			}
			g_free(field);
		}
		g_free(thing);
	}
	return e;
}

/* CPU ms per virtual second of UPDATES updates spread over @things × @fields. */
static double
run_rules(guint things, guint fields, guint per_field)
{
	IotAlertEngine *e = make_engine(things, fields, per_field);
	char **thing = g_new(char *, things), **field = g_new(char *, fields), buf[32];
	double *value = g_new(double, things * fields), t;
	guint32 seed = 12345;
	guint i, s, u;

	for (i = 0; i < things; i++)
		thing[i] = g_strdup_printf("thing%03u@home.example", i);
	for (i = 0; i < fields; i++)
		field[i] = g_strdup_printf("Field %u", i);
	for (i = 0; i < things * fields; i++)
		value[i] = 50;
	t = cpu_ms();
	for (s = 0; s < SECONDS; s++) {
		gint64 now = T0 + (gint64)s * G_USEC_PER_SEC;

		for (u = 0; u < UPDATES; u++) {
			guint k;

			seed = seed * 1103515245u + 12345u;
			k = (seed >> 8) % (things * fields);
			/* a random walk that crosses the levels now and then */
			value[k] += ((double)((seed >> 4) % 2001) - 1000.0) / 100.0;
			value[k] = CLAMP(value[k], 0.0, 100.0);
			g_snprintf(buf, sizeof(buf), "%.1f", value[k]);
			iot_alert_engine_value(e, "me@home.example", thing[k / fields], NULL, field[k % fields], buf,
			                       TRUE, value[k], now + u * 1000);
		}
		iot_alert_engine_tick(e, now + G_USEC_PER_SEC - 1);
	}
	t = cpu_ms() - t;
	iot_alert_engine_free(e);
	for (i = 0; i < things; i++)
		g_free(thing[i]);
	for (i = 0; i < fields; i++)
		g_free(field[i]);
	g_free(thing);
	g_free(field);
	g_free(value);
	return t / SECONDS;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median5(guint things, guint fields, guint per_field)
{
	double r[5];
	int i;

	for (i = 0; i < 5; i++) {
		events = 0;
		r[i] = run_rules(things, fields, per_field);
	}
	qsort(r, 5, sizeof(double), cmp_double);
	return r[2];
}

static void
storm(void)
{
	IotAlertInbox *in = iot_alert_inbox_new(NULL);
	double t = cpu_ms(), worst = 0;
	int i;

	for (i = 0; i < 10000; i++) {
		/* as the stanza arrives: parsed, read as a headline, added */
		char *xml = g_strdup_printf("<message xmlns='jabber:client' type='headline' "
		                            "from='src%02d@spam.example/x'><subject>Door</subject>"
		                            "<body>&lt;b&gt;opened&lt;/b&gt; %d</body></message>",
		                            i % 50, i);
		double t1 = g_get_monotonic_time();
		xmlDoc *doc = iot_xml_parse(xml, -1, NULL);
		IotAlert *a = iot_alert_parse_headline(xmlDocGetRootElement(doc), "me@home.example",
		                                       i % 50 >= 10, NULL);

		if (a == NULL) {
			fprintf(stderr, "bench-alert: headline not read\n");
			exit(1);
		}
		a->severity = i % 13 == 0 ? IOT_ALERT_ALARM : IOT_ALERT_INFO;
		iot_alert_inbox_add(in, a, NULL, T0 + (gint64)i * 1000, NULL);
		worst = MAX(worst, g_get_monotonic_time() - t1);
		iot_alert_free(a);
		xmlFreeDoc(doc);
		g_free(xml);
	}
	printf("alert storm-ms %.2f\n", cpu_ms() - t);
	printf("alert storm-worst-us %.0f\n", worst);
	printf("alert storm-entries %u\n", iot_alert_inbox_size(in));
	iot_alert_inbox_free(in);
}

int
main(void)
{
	double one = median5(100, 10, 1), ten;
	guint ev = events;

	ten = median5(10, 10, 10);
	printf("alert rules-1000-ms-per-s %.3f\n", one);
	printf("alert rules-10x-ms-per-s %.3f\n", ten);
	printf("alert events %u\n", ev);
	storm();
	return 0;
}
