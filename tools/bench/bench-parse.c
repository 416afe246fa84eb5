/*
 * bench-parse.c — parsing a 10,000-field readout: our core against a plain
 * libxml2 DOM walk over the same bytes, measured side by side.
 *
 *   bench-parse OUTDIR   writes OUTDIR/readout-{xsf,nf}.xml (deterministic,
 *                        about 1 MB each) and prints one line per measurement:
 *                        "parse <gen> <what> <seconds-per-run> <fields-per-second>"
 */
#include "iot-history.h"
#include "iot-limits.h"
#include "iot-sensordata.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS 10000
#define RUNS 15

static GPtrArray *
make_fields(void)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_field_free);
	guint i;

	for (i = 0; i < FIELDS; i++) {
		IotField *f = iot_field_new();
		f->node.node_id = g_strdup_printf("meter-%02u", i / 1000);
		f->node.source_id = g_strdup("MeteringTopology");
		f->timestamp = G_GINT64_CONSTANT(1767225600000000) + (gint64)(i / 100) * 60 * G_USEC_PER_SEC;
		g_free(f->name);
		f->name = g_strdup_printf("Voltage phase %05u", i);
		f->type = IOT_VALUE_NUMERIC;
		g_free(f->value);
		f->value = g_strdup_printf("%u.%03u", 200 + i % 50, (i * 7919) % 1000);
		f->unit = g_strdup("V");
		f->categories = IOT_CAT_MOMENTARY;
		f->qos = IOT_QOS_AUTOMATIC_READOUT;
		g_ptr_array_add(a, f);
	}
	return a;
}

/* One message as it arrives: <message><fields|resp …/></message>. */
static char *
make_message(IotGeneration gen, GPtrArray *fields)
{
	xmlNode *msg = iot_xml_new("message", "jabber:client");
	char *s;

	iot_xml_set(msg, "from", "meter@home.example/gw");
	iot_xml_set(msg, "to", "alice@home.example/pidgin");
	xmlAddChild(msg, iot_sd_build_fields(gen, "4711", fields, 0, fields->len, TRUE));
	s = iot_xml_to_string(msg);
	xmlFreeNode(msg);
	return s;
}

static double
now(void)
{
	return g_get_monotonic_time() / 1e6;
}

static guint
ours(const char *buf, gsize len)
{
	xmlDoc *doc = iot_xml_parse(buf, (gssize)len, NULL);
	IotReadout *r = iot_readout_new();
	IotSdMessage m = { 0 };
	guint n;

	iot_sd_parse(iot_xml_first(xmlDocGetRootElement(doc)), &m, r, NULL);
	n = r->fields->len;
	iot_sd_message_clear(&m);
	iot_readout_free(r);
	xmlFreeDoc(doc);
	return n;
}

/* What a straightforward libxml2 client does: parse, walk every element below
 * the payload and read name, value and unit of each field with xmlGetProp. */
static guint
walk(const xmlNode *n, gboolean short_names, guint depth)
{
	const xmlNode *c;
	guint count = 0;

	for (c = n->children; c != NULL; c = c->next) {
		xmlChar *name, *value, *unit;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = xmlGetProp(c, BAD_CAST(short_names ? "n" : "name"));
		value = xmlGetProp(c, BAD_CAST(short_names ? "v" : "value"));
		unit = xmlGetProp(c, BAD_CAST(short_names ? "u" : "unit"));
		if (name != NULL && value != NULL)
			count++;
		xmlFree(name);
		xmlFree(value);
		xmlFree(unit);
		count += walk(c, short_names, depth + 1);
	}
	return count;
}

static guint
plain(const char *buf, gsize len, gboolean short_names)
{
	xmlDoc *doc = xmlReadMemory(buf, (int)len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE);
	guint n = walk(xmlDocGetRootElement(doc), short_names, 0);

	xmlFreeDoc(doc);
	return n;
}

static double
best(guint (*fn)(const char *, gsize, gboolean), const char *buf, gsize len, gboolean s, guint *n)
{
	double bestt = 1e9;
	int i;

	for (i = 0; i < RUNS; i++) {
		double t0 = now();
		*n = fn(buf, len, s);
		bestt = MIN(bestt, now() - t0);
	}
	return bestt;
}

static guint
ours3(const char *buf, gsize len, gboolean s)
{
	return ours(buf, len);
}

static long
rss_kib(void)
{
	char *status = NULL, *p;
	long kib = -1;

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (p = strstr(status, "VmRSS:")) != NULL)
		kib = strtol(p + 6, NULL, 10);
	g_free(status);
	return kib;
}

/* One thing's history filled to both caps: every series full. */
static void
history_at_cap(void)
{
	IotHistory *h = iot_history_new("meter@home.example");
	IotNodeRef node = { "Meter", "MeteringTopology", NULL };
	long before = rss_kib();
	double t0 = g_get_monotonic_time() / 1e6;
	guint s, i;

	for (s = 0; s < IOT_HISTORY_MAX_SERIES; s++) {
		char name[32];
		g_snprintf(name, sizeof name, "series %03u", s);
		for (i = 0; i < IOT_HISTORY_MAX_SAMPLES; i++)
			iot_history_add(h, &node, name, "kWh",
			                G_GINT64_CONSTANT(1767225600000000) + (gint64)i * 60 * G_USEC_PER_SEC,
			                1000.0 + i * 0.25, 0);
	}
	printf("memory history-at-cap-bytes %zu\n", iot_history_memory_size(h));
	printf("memory history-at-cap-rss-kib %ld\n", rss_kib() - before);
	printf("history fill-seconds %.3f samples %u\n", g_get_monotonic_time() / 1e6 - t0,
	       IOT_HISTORY_MAX_SERIES * IOT_HISTORY_MAX_SAMPLES);
	iot_history_free(h);
}

int
main(int argc, char **argv)
{
	GPtrArray *fields = make_fields();
	IotGeneration gens[] = { IOT_GEN_XSF, IOT_GEN_NF };
	const char *names[] = { "xsf", "nf" };
	guint g;

	g_setenv("TZ", "UTC", TRUE);
	if (argc < 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	for (g = 0; g < G_N_ELEMENTS(gens); g++) {
		char *msg = make_message(gens[g], fields);
		char *path = g_strdup_printf("%s/readout-%s.xml", argv[1], names[g]);
		gsize len = strlen(msg);
		guint n1 = 0, n2 = 0;
		double t_ours, t_plain;

		if (!g_file_set_contents(path, msg, (gssize)len, NULL))
			return 1;
		t_plain = best(plain, msg, len, iot_generation_is_short(gens[g]), &n2);
		t_ours = best(ours3, msg, len, FALSE, &n1);
		if (n1 != FIELDS || n2 != FIELDS) {
			fprintf(stderr, "field counts: ours %u, libxml2 walk %u\n", n1, n2);
			return 1;
		}
		printf("parse %s bytes %zu\n", names[g], len);
		printf("parse %s ours %.6f %.0f\n", names[g], t_ours, FIELDS / t_ours);
		printf("parse %s libxml2 %.6f %.0f\n", names[g], t_plain, FIELDS / t_plain);
		g_free(path);
		g_free(msg);
	}
	g_ptr_array_free(fields, TRUE);
	history_at_cap();
	return 0;
}
