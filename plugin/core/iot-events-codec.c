/*
 * iot-events-codec.c — event subscriptions: the request description,
 * building <subscribe/> and <unsubscribe/>, and reading them (device side).
 * See iot-events.h; the flow lives in iot-events.c.
 */
#include "iot-events.h"
#include "iot-sensordata.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <math.h>
#include <string.h>

/* The nine XEP-0323 historical attributes, in IotCategory bit order. */
#define FIRST_HIST_BIT 5
#define N_HIST_BITS 9

/* ---- the request description -------------------------------------------- */

IotEventsRequest *
iot_events_request_new(void)
{
	return g_new0(IotEventsRequest, 1);
}

void
iot_events_request_free(IotEventsRequest *req)
{
	guint i;

	if (req == NULL)
		return;
	g_free(req->id);
	for (i = 0; i < req->n_nodes; i++)
		iot_node_ref_clear(&req->nodes[i]);
	g_free(req->nodes);
	for (i = 0; i < req->n_fields; i++) {
		g_free(req->fields[i].name);
		g_free(req->fields[i].current);
	}
	g_free(req->fields);
	g_free(req->service_token);
	g_free(req->device_token);
	g_free(req->user_token);
	g_free(req);
}

void
iot_events_request_add_node(IotEventsRequest *req, const IotNodeRef *node)
{
	g_return_if_fail(req != NULL && node != NULL);
	req->nodes = g_renew(IotNodeRef, req->nodes, req->n_nodes + 1);
	memset(&req->nodes[req->n_nodes], 0, sizeof(IotNodeRef));
	iot_node_ref_copy(&req->nodes[req->n_nodes++], node);
}

IotEventsField *
iot_events_request_add_field(IotEventsRequest *req, const char *name)
{
	IotEventsField *f;

	g_return_val_if_fail(req != NULL && name != NULL, NULL);
	req->fields = g_renew(IotEventsField, req->fields, req->n_fields + 1);
	f = &req->fields[req->n_fields++];
	memset(f, 0, sizeof *f);
	f->name = g_strdup(name);
	return f;
}

IotEventsRequest *
iot_events_request_copy(const IotEventsRequest *req)
{
	IotEventsRequest *c;
	guint i;

	g_return_val_if_fail(req != NULL, NULL);
	c = iot_events_request_new();
	*c = *req;
	c->id = g_strdup(req->id);
	c->service_token = g_strdup(req->service_token);
	c->device_token = g_strdup(req->device_token);
	c->user_token = g_strdup(req->user_token);
	c->nodes = NULL;
	c->n_nodes = 0;
	c->fields = NULL;
	c->n_fields = 0;
	for (i = 0; req->nodes != NULL && i < req->n_nodes; i++)
		iot_events_request_add_node(c, &req->nodes[i]);
	for (i = 0; req->fields != NULL && i < req->n_fields; i++) {
		IotEventsField *f = iot_events_request_add_field(c, req->fields[i].name);

		f->current = g_strdup(req->fields[i].current);
		f->changed_by = req->fields[i].changed_by;
		f->changed_up = req->fields[i].changed_up;
		f->changed_down = req->fields[i].changed_down;
	}
	return c;
}

guint
iot_events_watchdog_ms(const IotEventsRequest *req)
{
	guint64 ms;

	g_return_val_if_fail(req != NULL, 0);
	if (req->max_interval == 0)
		return 0;
	/* Devices check maxInterval only while we are online, their clocks
	 * drift and servers queue: allow half the interval and 10 s more. */
	ms = (guint64)req->max_interval * 1500 + 10000;
	return (guint)MIN(ms, (guint64)G_MAXUINT);
}

/* ---- building ------------------------------------------------------------- */

/* XEP-0323 seqnr is an xs:int; we only ever make positive ones. */
static gboolean
is_seqnr(const char *id)
{
	const char *p;
	gint64 v = 0;

	if (id == NULL || *id == '\0' || strlen(id) > 10)
		return FALSE;
	for (p = id; *p; p++) {
		if (!g_ascii_isdigit(*p))
			return FALSE;
		v = v * 10 + (*p - '0');
	}
	return v > 0 && v <= G_MAXINT32;
}

gboolean
iot_events_id_valid(IotGeneration gen, const char *id)
{
	if (iot_generation_is_short(gen))
		return id != NULL && *id != '\0' && strlen(id) <= IOT_MAX_NAME_BYTES &&
		       g_utf8_validate(id, -1, NULL);
	return is_seqnr(id);
}

/* xs:duration of whole seconds: "PT5M", "PT1H30M", "PT45S". */
static void
set_duration(xmlNode *n, const char *attr, guint seconds)
{
	GString *s;

	if (seconds == 0)
		return;
	s = g_string_new("PT");
	if (seconds >= 3600)
		g_string_append_printf(s, "%uH", seconds / 3600);
	if (seconds % 3600 >= 60)
		g_string_append_printf(s, "%uM", seconds % 3600 / 60);
	if (seconds % 60 != 0)
		g_string_append_printf(s, "%uS", seconds % 60);
	iot_xml_set(n, attr, s->str);
	g_string_free(s, TRUE);
}

/* The shortest decimal that reads back as @v, locale-independent. */
static void
set_number(xmlNode *n, const char *attr, double v)
{
	static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	guint i;

	if (!(v > 0) || !isfinite(v))
		return;
	for (i = 0; i < G_N_ELEMENTS(formats); i++) {
		g_ascii_formatd(buf, sizeof buf, formats[i], v);
		if (g_ascii_strtod(buf, NULL) == v)
			break;
	}
	iot_xml_set(n, attr, buf);
}

/* Field-type filters are OR-ed by the device (XEP-0323 §5.6): "everything"
 * is one all='true', every history one historical='true' (NF: h). */
static xmlNode *
new_root(IotGeneration gen, const char *name, const char *id)
{
	xmlNode *n = iot_xml_new(name, iot_ns_for(gen, IOT_FUNC_EVENTS));

	iot_xml_set(n, iot_generation_is_short(gen) ? "id" : "seqnr", id);
	return n;
}

xmlNode *
iot_events_build_subscribe(IotGeneration gen, const char *id, const IotEventsRequest *req)
{
	gboolean sn;
	xmlNode *n;
	guint i;

	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_EVENTS) != NULL, NULL);
	g_return_val_if_fail(req != NULL && iot_events_id_valid(gen, id), NULL);
	sn = iot_generation_is_short(gen);
	n = new_root(gen, "subscribe", id);
	iot_sd_set_categories(n, sn, req->categories);
	set_duration(n, sn ? "minInt" : "minInterval", req->min_interval);
	set_duration(n, sn ? "maxInt" : "maxInterval", req->max_interval);
	set_duration(n, "maxAge", req->max_age);
	if (req->immediate)
		iot_xml_set(n, "req", "true");
	iot_xml_set(n, sn ? "st" : "serviceToken", req->service_token);
	iot_xml_set(n, sn ? "dt" : "deviceToken", req->device_token);
	iot_xml_set(n, sn ? "ut" : "userToken", req->user_token);
	for (i = 0; req->nodes != NULL && i < req->n_nodes; i++) {
		xmlNode *c = iot_xml_add(n, sn ? "nd" : "node");

		iot_xml_set(c, sn ? "id" : "nodeId", req->nodes[i].node_id);
		iot_xml_set(c, sn ? "src" : "sourceId", req->nodes[i].source_id);
		iot_xml_set(c, sn ? "pt" : "cacheType", req->nodes[i].partition);
	}
	for (i = 0; req->fields != NULL && i < req->n_fields; i++) {
		const IotEventsField *f = &req->fields[i];
		xmlNode *c = iot_xml_add(n, sn ? "f" : "field");

		iot_xml_set(c, sn ? "n" : "name", f->name);
		iot_xml_set(c, sn ? "v" : "currentValue", f->current);
		/* "If the changedBy attribute is provided, the other two
		 * attributes are ignored" (XSF-events §4.1): send one or the other. */
		if (f->changed_by > 0) {
			set_number(c, sn ? "by" : "changedBy", f->changed_by);
		} else {
			set_number(c, sn ? "up" : "changedUp", f->changed_up);
			set_number(c, sn ? "dn" : "changedDown", f->changed_down);
		}
	}
	return n;
}

xmlNode *
iot_events_build_unsubscribe(IotGeneration gen, const char *id)
{
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_EVENTS) != NULL, NULL);
	g_return_val_if_fail(iot_events_id_valid(gen, id), NULL);
	return new_root(gen, "unsubscribe", id);
}

/* ---- parsing (device side) ------------------------------------------------ */

/* An events-namespace element named @name; *gen set. */
static gboolean
is_events_element(const xmlNode *el, const char *name, IotGeneration *gen)
{
	IotFunction func;
	IotGeneration g;

	if (!iot_xml_is(el, name, NULL) || !iot_ns_classify(iot_xml_ns(el), &g, &func) ||
	    func != IOT_FUNC_EVENTS)
		return FALSE;
	if (gen)
		*gen = g;
	return TRUE;
}

/* Copies @s when it is a bounded, non-empty string; else NULL. */
static char *
bounded(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > IOT_MAX_NAME_BYTES)
		return NULL;
	return g_strdup(s);
}

static char *
read_id(const xmlNode *el, GError **error)
{
	char *id = bounded(iot_xml_attr2(el, "seqnr", "id"));

	if (id == NULL)
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "subscription without a usable id");
	return id;
}

/* xs:duration in whole seconds (rounded up, so that "at least" stays true);
 * 0 when absent, negative or not a duration. */
static guint
read_duration(const xmlNode *el, const char *name, const char *alt)
{
	double s;

	if (!iot_time_parse_duration(iot_xml_attr2(el, name, alt), &s) || !(s > 0))
		return 0;
	return s >= (double)G_MAXUINT ? G_MAXUINT : (guint)ceil(s);
}

/* A positive finite threshold, else 0. */
static double
read_threshold(const xmlNode *el, const char *name, const char *alt, const char *typo)
{
	const char *v = iot_xml_attr2(el, name, alt);
	char *end = NULL;
	double d;

	if (v == NULL && typo != NULL)
		v = iot_xml_attr(el, typo);
	if (v == NULL)
		return 0;
	d = g_ascii_strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(d) || d <= 0)
		return 0;
	return d;
}

static guint32
read_categories(const xmlNode *el)
{
	static const char *const short_cats[] = { "m", "p", "s", "c", "i" };
	guint32 cats = 0;
	guint i;

	if (iot_xml_attr_bool(el, "all", FALSE))
		return IOT_CAT_ALL;
	for (i = 0; i < G_N_ELEMENTS(short_cats); i++)
		if (iot_xml_attr_bool(el, short_cats[i], FALSE) ||
		    iot_xml_attr_bool(el, iot_category_attr(1u << i), FALSE))
			cats |= 1u << i;
	/* XEP-0323's example spells identity "identification". */
	if (iot_xml_attr_bool(el, "identification", FALSE))
		cats |= IOT_CAT_IDENTITY;
	if (iot_xml_attr_bool(el, "h", FALSE) || iot_xml_attr_bool(el, "historical", FALSE))
		cats |= IOT_CAT_HISTORICAL;
	for (i = FIRST_HIST_BIT; i < FIRST_HIST_BIT + N_HIST_BITS; i++)
		if (iot_xml_attr_bool(el, iot_category_attr(1u << i), FALSE))
			cats |= 1u << i;
	return cats;
}

static void
read_conditions(IotEventsRequest *req, const xmlNode *el)
{
	const xmlNode *c;

	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		const char *name = (const char *)c->name;

		if (strcmp(name, "node") == 0 || strcmp(name, "nd") == 0) {
			IotNodeRef ref = { NULL, NULL, NULL };

			if (req->n_nodes >= IOT_MAX_SUBSCRIBE_NODES)
				continue;
			ref.node_id = bounded(iot_xml_attr2(c, "nodeId", "id"));
			ref.source_id = bounded(iot_xml_attr2(c, "sourceId", "src"));
			ref.partition = bounded(iot_xml_attr2(c, "cacheType", "pt"));
			if (ref.node_id != NULL)
				iot_events_request_add_node(req, &ref);
			iot_node_ref_clear(&ref);
		} else if (strcmp(name, "field") == 0 || strcmp(name, "f") == 0) {
			char *fname = bounded(iot_xml_attr2(c, "name", "n"));
			IotEventsField *f;

			if (fname == NULL || req->n_fields >= IOT_MAX_SUBSCRIBE_FIELDS) {
				g_free(fname);
				continue;
			}
			f = iot_events_request_add_field(req, fname);
			g_free(fname);
			f->current = bounded(iot_xml_attr2(c, "currentValue", "v"));
			/* The protoXEP's own example writes changeBy. */
			f->changed_by = read_threshold(c, "changedBy", "by", "changeBy");
			f->changed_up = read_threshold(c, "changedUp", "up", NULL);
			f->changed_down = read_threshold(c, "changedDown", "dn", NULL);
		}
	}
}

IotEventsRequest *
iot_events_parse_subscribe(const xmlNode *el, IotGeneration *gen, GError **error)
{
	IotEventsRequest *req;
	char *id;

	if (!is_events_element(el, "subscribe", gen)) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not an event subscription");
		return NULL;
	}
	if ((id = read_id(el, error)) == NULL)
		return NULL;
	req = iot_events_request_new();
	req->id = id;
	req->categories = read_categories(el);
	req->min_interval = read_duration(el, "minInterval", "minInt");
	req->max_interval = read_duration(el, "maxInterval", "maxInt");
	/* The protoXEP's concentrator example misspells maxInterval. */
	if (req->max_interval == 0)
		req->max_interval = read_duration(el, "maxInternval", NULL);
	req->max_age = read_duration(el, "maxAge", NULL);
	req->immediate = iot_xml_attr_bool(el, "req", FALSE);
	req->service_token = g_strdup(iot_xml_attr2(el, "serviceToken", "st"));
	req->device_token = g_strdup(iot_xml_attr2(el, "deviceToken", "dt"));
	req->user_token = g_strdup(iot_xml_attr2(el, "userToken", "ut"));
	read_conditions(req, el);
	return req;
}

char *
iot_events_parse_unsubscribe(const xmlNode *el, IotGeneration *gen, GError **error)
{
	if (!is_events_element(el, "unsubscribe", gen)) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED, "not an unsubscription");
		return NULL;
	}
	return read_id(el, error);
}
