/* iot-pubsub-payload-sox.c — Sensor-Over-XMPP payloads (protoXEP,
 * http://jabber.org/protocol/sox): a device's meta and its transducers'
 * values, as readouts. See iot-pubsub-payload.h and protocols.md §8.6.
 *
 * Lenient as the field requires: unitScaler and unitScalar, rawValue
 * standing in for a missing typedValue (and the other way round),
 * fractional seconds and offsets in timestamps, devices named by name. */
#include "iot-pubsub-payload.h"

#include "iot-limits.h"
#include "iot-pubsub-private.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Transducers one meta may describe, values one data payload may carry. */
#define SOX_MAX_TRANSDUCERS 500
#define SOX_MAX_VALUES 500

typedef struct {
	char *name; /* nullable */
	char *unit; /* nullable: the unit's symbol with the scaler's prefix */
} Transducer;

struct _IotSoxMeta {
	GHashTable *by_id; /* transducer id → Transducer */
};

static void
transducer_free(gpointer p)
{
	Transducer *t = p;

	g_free(t->name);
	g_free(t->unit);
	g_free(t);
}

IotSoxMeta *
iot_sox_meta_new(void)
{
	IotSoxMeta *m = g_new0(IotSoxMeta, 1);

	m->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, transducer_free);
	return m;
}

void
iot_sox_meta_free(IotSoxMeta *meta)
{
	if (meta == NULL)
		return;
	g_hash_table_destroy(meta->by_id);
	g_free(meta);
}

/* --- units -------------------------------------------------------------------- */

static const struct {
	const char *name;
	const char *symbol;
} units[] = {
	{ "meter", "m" }, { "gram", "g" }, { "second", "s" }, { "ampere", "A" }, { "kelvin", "K" },
	{ "mole", "mol" }, { "candela", "cd" }, { "radian", "rad" }, { "steradian", "sr" },
	{ "hertz", "Hz" }, { "newton", "N" }, { "pascal", "Pa" }, { "joule", "J" }, { "watt", "W" },
	{ "coulomb", "C" }, { "volt", "V" }, { "farad", "F" }, { "ohm", "Ω" }, { "siemens", "S" },
	{ "weber", "Wb" }, { "tesla", "T" }, { "henry", "H" }, { "lumen", "lm" }, { "lux", "lx" },
	{ "becquerel", "Bq" }, { "gray", "Gy" }, { "sievert", "Sv" }, { "katal", "kat" },
	{ "liter", "L" }, { "litre", "L" }, { "percent", "%" }, { "celsius", "°C" },
	{ "degree celsius", "°C" }, { "degrees celsius", "°C" }, { "fahrenheit", "°F" },
	{ "watt second", "Ws" }, { "watt hour", "Wh" }, { "kilowatt hour", "kWh" },
	{ "lat", "°" }, { "lon", "°" }, { "ppm", "ppm" }, { "decibel", "dB" },
};

static const struct {
	int power;
	const char *prefix;
} prefixes[] = {
	{ -12, "p" }, { -9, "n" }, { -6, "µ" }, { -3, "m" }, { -2, "c" }, { -1, "d" },
	{ 1, "da" },  { 2, "h" },  { 3, "k" },  { 6, "M" },  { 9, "G" },  { 12, "T" },
};

/* Returns: (transfer full) (nullable): how @units with @scaler (a power of
 * ten) are written after a value: "kW", "°C", "×10^4 m". */
static char *
unit_text(const char *unit_name, int scaler)
{
	const char *symbol = NULL;
	char *name;
	guint i;

	if (unit_name == NULL || *unit_name == '\0' || strcmp(unit_name, "enum") == 0)
		return NULL;
	name = iot_pubsub_text(unit_name, IOT_MAX_NAME_BYTES);
	for (i = 0; i < G_N_ELEMENTS(units) && symbol == NULL; i++)
		if (g_ascii_strcasecmp(name, units[i].name) == 0)
			symbol = units[i].symbol;
	if (symbol != NULL) {
		g_free(name);
		name = g_strdup(symbol);
	}
	if (scaler == 0)
		return name;
	/* A prefix only before a symbol it can stand before. */
	for (i = 0; symbol != NULL && strcmp(symbol, "%") != 0 && symbol[0] != '\xC2' && i < G_N_ELEMENTS(prefixes); i++) {
		if (prefixes[i].power == scaler) {
			char *out = g_strconcat(prefixes[i].prefix, name, NULL);

			g_free(name);
			return out;
		}
	}
	{
		char *out = g_strdup_printf("×10^%d %s", scaler, name);

		g_free(name);
		return out;
	}
}

static int
scaler_of(const xmlNode *t)
{
	const char *s = iot_xml_attr2(t, "unitScaler", "unitScalar");
	gint64 n;
	char *end = NULL;

	if (s == NULL)
		return 0;
	n = g_ascii_strtoll(s, &end, 10);
	if (end == s || *end != '\0' || n < -30 || n > 30)
		return 0;
	return (int)n;
}

/* --- fields ---------------------------------------------------------------------- */

static IotField *
new_field(const char *name, const char *value, IotValueType type, guint32 cats, gint64 t)
{
	IotField *f = iot_field_new();

	g_free(f->name);
	f->name = iot_pubsub_text(name, IOT_MAX_NAME_BYTES);
	g_free(f->value);
	f->value = iot_pubsub_text(value, IOT_MAX_VALUE_BYTES);
	f->type = type;
	f->categories = cats;
	f->timestamp = t;
	return f;
}

static void
add_field(IotReadout *r, IotField *f)
{
	if (r->fields->len >= IOT_MAX_FIELDS_PER_READOUT) {
		r->fields_dropped++;
		iot_field_free(f);
		return;
	}
	g_ptr_array_add(r->fields, f);
}

/* Reads a value as a number when all of it is one. */
static void
type_value(IotField *f)
{
	const char *v = f->value;
	char *end = NULL;
	double d;

	if (g_ascii_strcasecmp(v, "true") == 0 || g_ascii_strcasecmp(v, "false") == 0) {
		f->type = IOT_VALUE_BOOLEAN;
		return;
	}
	while (g_ascii_isspace(*v))
		v++;
	if (*v == '\0')
		return;
	d = g_ascii_strtod(v, &end);
	while (end != NULL && g_ascii_isspace(*end))
		end++;
	if (end != v && end != NULL && *end == '\0' && isfinite(d) &&
	    !(g_ascii_strncasecmp(v, "0x", 2) == 0) && strpbrk(v, "nNiI") == NULL) {
		f->type = IOT_VALUE_NUMERIC;
		f->number = d;
		f->number_valid = TRUE;
	}
}

static gint64
sox_time(IotPayload *p, const char *stamp, gint64 fallback)
{
	gint64 t;

	if (stamp == NULL)
		return fallback;
	if (strlen(stamp) <= 64 && iot_time_parse_datetime(stamp, &t))
		return t;
	/* TRANSLATORS: %s is a timestamp as a device sent it (cut). */
	iot_readout_add_note(p->readout, _("A timestamp could not be read: %.40s"), stamp);
	return fallback;
}

static void
decode_data(IotPayload *p, const xmlNode *data, gint64 time, const IotSoxMeta *meta)
{
	const xmlNode *c;
	guint n = 0, skipped = 0;

	p->kind = IOT_PAYLOAD_SOX_DATA;
	for (c = iot_xml_first(data); c != NULL; c = iot_xml_next(c)) {
		gboolean set = iot_xml_is(c, "transducerSetValue", NULL);
		const char *id = iot_xml_attr(c, "id");
		const char *value = iot_xml_attr2(c, "typedValue", "rawValue");
		const Transducer *tr = NULL;
		IotField *f;
		char *name;

		if (!set && !iot_xml_is(c, "transducerValue", NULL))
			continue;
		if (id == NULL || *id == '\0' || value == NULL || strlen(id) > IOT_MAX_NAME_BYTES) {
			skipped++;
			continue;
		}
		if (n++ >= SOX_MAX_VALUES) {
			p->readout->fields_dropped++;
			continue;
		}
		if (meta != NULL)
			tr = g_hash_table_lookup(meta->by_id, id);
		name = g_strdup(tr != NULL && tr->name != NULL ? tr->name : id);
		if (set) {
			/* TRANSLATORS: a value someone asked a SOX transducer to take; %s is its name. */
			char *asked = g_strdup_printf(_("%s (requested)"), name);

			g_free(name);
			name = asked;
		}
		f = new_field(name, value, IOT_VALUE_STRING, set ? IOT_CAT_STATUS : IOT_CAT_MOMENTARY,
		              sox_time(p, iot_xml_attr(c, "timestamp"), time));
		g_free(name);
		type_value(f);
		if (tr != NULL && tr->unit != NULL && f->type == IOT_VALUE_NUMERIC)
			f->unit = g_strdup(tr->unit);
		add_field(p->readout, f);
	}
	if (skipped > 0)
		/* TRANSLATORS: %u is a count of SOX values without an id or a value. */
		iot_readout_add_note(p->readout, g_dngettext(GETTEXT_PACKAGE, "%u value without an id or a value was skipped.",
		                                          "%u values without an id or a value were skipped.", skipped),
		                     skipped);
	if (p->readout->fields_dropped > 0)
		iot_readout_add_note(p->readout, _("Only the first %u values are shown."), (guint)SOX_MAX_VALUES);
	if (p->readout->fields->len == 0)
		iot_pubsub_payload_note(p, _("The Sensor-Over-XMPP data holds no values."));
}

static void
identity(IotReadout *r, const char *label, const char *value, gint64 t)
{
	if (value != NULL && *value != '\0')
		add_field(r, new_field(label, value, IOT_VALUE_STRING, IOT_CAT_IDENTITY, t));
}

static void
decode_meta(IotPayload *p, const xmlNode *device, gint64 time, IotSoxMeta *meta)
{
	const xmlNode *c;
	gint64 t;
	guint n = 0;

	p->kind = IOT_PAYLOAD_SOX_META;
	t = sox_time(p, iot_xml_attr(device, "timestamp"), time);
	identity(p->readout, _("Device name"), iot_xml_attr(device, "name"), t);
	identity(p->readout, _("Device ID"), iot_xml_attr(device, "id"), t);
	identity(p->readout, _("Device type"), iot_xml_attr(device, "type"), t);
	identity(p->readout, _("Description"), iot_xml_attr(device, "description"), t);
	identity(p->readout, _("Serial number"), iot_xml_attr(device, "serialNumber"), t);
	if (meta != NULL)
		g_hash_table_remove_all(meta->by_id);
	for (c = iot_xml_first(device); c != NULL; c = iot_xml_next(c)) {
		const char *id = iot_xml_attr(c, "id"), *name = iot_xml_attr(c, "name");
		Transducer *tr;
		char *what;

		if (!iot_xml_is(c, "transducer", NULL))
			continue;
		if ((id == NULL || *id == '\0') && (name == NULL || *name == '\0'))
			continue;
		if (id == NULL || *id == '\0')
			id = name;
		if (strlen(id) > IOT_MAX_NAME_BYTES)
			continue;
		if (n++ >= SOX_MAX_TRANSDUCERS) {
			p->readout->fields_dropped++;
			continue;
		}
		tr = g_new0(Transducer, 1);
		tr->name = name != NULL && *name != '\0' ? iot_pubsub_text(name, IOT_MAX_NAME_BYTES) : NULL;
		tr->unit = unit_text(iot_xml_attr(c, "units"), scaler_of(c));
		/* One field per transducer: what it measures in, and whether it can be set. */
		if (iot_xml_attr_bool(c, "canActuate", FALSE))
			what = g_strdup_printf(_("%s, can be set"), tr->unit != NULL ? tr->unit : _("no unit"));
		else
			what = g_strdup(tr->unit != NULL ? tr->unit : _("no unit"));
		add_field(p->readout, new_field(tr->name != NULL ? tr->name : id, what, IOT_VALUE_STRING,
		                                IOT_CAT_IDENTITY, t));
		g_free(what);
		if (meta != NULL)
			g_hash_table_replace(meta->by_id, g_strdup(id), tr);
		else
			transducer_free(tr);
	}
	if (p->readout->fields_dropped > 0)
		iot_readout_add_note(p->readout, _("Only the first %u transducers are shown."),
		                     (guint)SOX_MAX_TRANSDUCERS);
}

void
iot_pubsub_payload_sox(IotPayload *p, const xmlNode *el, gint64 time, IotSoxMeta *meta)
{
	p->readout = iot_readout_new();
	if (iot_xml_is(el, "device", NULL))
		decode_meta(p, el, time, meta);
	else
		decode_data(p, el, time, meta);
}
