/*
 * iot-sensordata-build.c — building sensor-data elements of every
 * generation. See iot-sensordata.h; reading lives in iot-sensordata.c.
 *
 * Requests follow what each generation's devices accept (protocols.md §2.2,
 * §3.2); data elements are the device side and exist so that tests, fixtures,
 * the simulated home and the benchmark speak exactly what the parser reads.
 */
#include "iot-sensordata.h"

#include "iot-sensordata-private.h"
#include "iot-time.h"
#include "iot-xml.h"

#include <string.h>

/* The nine XEP-0323 historical attributes, in IotCategory bit order. */
#define FIRST_HIST_BIT 5
#define N_HIST_BITS 9

static gboolean
time_set(gint64 t)
{
	return t != 0 && t != IOT_TIME_UNKNOWN;
}

static void
set_time(xmlNode *n, const char *attr, gint64 t)
{
	char *s;

	if (!time_set(t))
		return;
	s = iot_time_format_iso(t);
	if (*s != '\0')
		iot_xml_set(n, attr, s);
	g_free(s);
}

/* XEP-0323 seqnr is an xs:int. */
static gboolean
is_xs_int(const char *id)
{
	const char *p = id;
	gint64 v = 0;

	if (*p == '-')
		p++;
	if (*p == '\0' || strlen(p) > 10)
		return FALSE;
	for (; *p; p++) {
		if (!g_ascii_isdigit(*p))
			return FALSE;
		v = v * 10 + (*p - '0');
	}
	return v <= G_MAXINT32 + (gint64)(id[0] == '-');
}

static xmlNode *
new_root(IotGeneration gen, const char *name, const char *id)
{
	const char *ns = iot_ns_for(gen, IOT_FUNC_SENSORDATA);
	xmlNode *n;

	n = iot_xml_new(name, ns);
	iot_xml_set(n, iot_generation_is_short(gen) ? "id" : "seqnr", id);
	return n;
}

/* Category attributes of a request. Field-type filters are OR-ed by the
 * device (XEP-0323 §5.6), so "everything" is said with one all='true' and
 * "every history" with one historical='true' (NF: h). */
void
iot_sd_set_categories(xmlNode *n, gboolean short_names, guint32 cats)
{
	static const char *const short_cats[] = { "m", "p", "s", "c", "i" };
	guint i;

	if (cats == 0)
		cats = IOT_CAT_MOMENTARY;
	if ((cats & IOT_CAT_ALL) == IOT_CAT_ALL) {
		iot_xml_set(n, "all", "true");
		return;
	}
	for (i = 0; i < G_N_ELEMENTS(short_cats); i++)
		if (cats & (1u << i))
			iot_xml_set(n, short_names ? short_cats[i] : iot_category_attr(1u << i), "true");
	if ((cats & IOT_CAT_HISTORICAL) == 0)
		return;
	if (short_names) {
		iot_xml_set(n, "h", "true");
	} else if ((cats & IOT_CAT_HISTORICAL) == IOT_CAT_HISTORICAL) {
		iot_xml_set(n, "historical", "true");
	} else {
		for (i = FIRST_HIST_BIT; i < FIRST_HIST_BIT + N_HIST_BITS; i++)
			if (cats & (1u << i))
				iot_xml_set(n, iot_category_attr(1u << i), "true");
	}
}

static void
set_node_ref(xmlNode *n, gboolean short_names, const IotNodeRef *ref)
{
	iot_xml_set(n, short_names ? "id" : "nodeId", ref->node_id);
	iot_xml_set(n, short_names ? "src" : "sourceId", ref->source_id);
	iot_xml_set(n, short_names ? "pt" : "cacheType", ref->partition);
}

xmlNode *
iot_sd_build_req(IotGeneration gen, const char *id, const IotSdRequest *req)
{
	gboolean short_names = iot_generation_is_short(gen);
	xmlNode *n;
	guint i;

	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_SENSORDATA) != NULL, NULL);
	g_return_val_if_fail(id != NULL, NULL);
	g_return_val_if_fail(short_names || is_xs_int(id), NULL);

	n = new_root(gen, "req", id);
	iot_sd_set_categories(n, short_names, req ? req->categories : 0);
	if (req == NULL)
		return n;
	set_time(n, "from", req->from);
	set_time(n, "to", req->to);
	for (i = 0; req->nodes != NULL && i < req->n_nodes; i++)
		set_node_ref(iot_xml_add(n, short_names ? "nd" : "node"), short_names, &req->nodes[i]);
	for (i = 0; req->field_names != NULL && req->field_names[i] != NULL; i++)
		iot_xml_set(iot_xml_add(n, short_names ? "f" : "field"), short_names ? "n" : "name",
		            req->field_names[i]);
	return n;
}

xmlNode *
iot_sd_build_cancel(IotGeneration gen, const char *id)
{
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_SENSORDATA) != NULL, NULL);
	g_return_val_if_fail(id != NULL, NULL);
	g_return_val_if_fail(iot_generation_is_short(gen) || is_xs_int(id), NULL);
	return new_root(gen, "cancel", id);
}

/* All of one field's attributes in the spelling of @short_names. */
static void
set_field(xmlNode *n, gboolean short_names, const IotField *f)
{
	guint i;

	iot_xml_set(n, short_names ? "n" : "name", f->name);
	for (i = 0; i < 5; i++) {
		static const char *const short_cats[] = { "m", "p", "s", "c", "i" };

		if (f->categories & (1u << i))
			iot_xml_set(n, short_names ? short_cats[i] : iot_category_attr(1u << i), "true");
	}
	if (short_names) {
		if (f->categories & IOT_CAT_HISTORICAL)
			iot_xml_set(n, "h", "true");
	} else {
		for (i = FIRST_HIST_BIT; i < FIRST_HIST_BIT + N_HIST_BITS; i++)
			if (f->categories & (1u << i))
				iot_xml_set(n, iot_category_attr(1u << i), "true");
	}
	for (i = 0; i < IOT_QOS_COUNT; i++)
		if (f->qos & (1u << i))
			iot_xml_set(n, short_names ? iot_sd_short_qos_attr(1u << i) : iot_qos_attr(1u << i),
			            "true");
	iot_xml_set(n, short_names ? "v" : "value", f->value);
	/* XEP-0323's schema requires unit on numeric fields, empty when there
	 * is none; NF makes it optional. */
	if (f->unit != NULL)
		iot_xml_set(n, short_names ? "u" : "unit", f->unit);
	else if (!short_names && f->type == IOT_VALUE_NUMERIC)
		iot_xml_set(n, "unit", "");
	iot_xml_set(n, short_names ? "t" : "dataType", f->enum_type);
	iot_xml_set(n, short_names ? "lns" : "module", f->module);
	iot_xml_set(n, short_names ? "loc" : "stringIds", f->string_ids);
	if (f->writable)
		iot_xml_set(n, short_names ? "ctr" : "writable", "true");
}

static gboolean
node_ref_empty(const IotNodeRef *r)
{
	return r->node_id == NULL && r->source_id == NULL && r->partition == NULL;
}

xmlNode *
iot_sd_build_fields(IotGeneration gen, const char *id, GPtrArray *fields, guint first,
                    guint count, gboolean last)
{
	gboolean short_names = iot_generation_is_short(gen);
	xmlNode *root, *node = NULL, *ts = NULL;
	const IotField *prev = NULL;
	guint i, end;

	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_SENSORDATA) != NULL, NULL);
	g_return_val_if_fail(id != NULL, NULL);
	g_return_val_if_fail(fields != NULL || count == 0, NULL);
	g_return_val_if_fail(count == 0 || (first <= fields->len && count <= fields->len - first),
	                     NULL);

	root = new_root(gen, short_names ? "resp" : "fields", id);
	if (short_names && !last)
		iot_xml_set(root, "more", "true");
	else if (!short_names && last)
		iot_xml_set(root, "done", "true");

	end = first + count;
	for (i = first; i < end; i++) {
		const IotField *f = g_ptr_array_index(fields, i);
		gboolean new_node = prev == NULL || !iot_node_ref_equal(&prev->node, &f->node);

		if (new_node) {
			ts = NULL;
			/* XEP-0323 always wraps data in <node> (Smack leaves nodeId
			 * out for the thing itself); NF puts <ts> straight into <resp>
			 * when there is no node. */
			if (short_names && node_ref_empty(&f->node)) {
				node = root;
			} else {
				node = iot_xml_add(root, short_names ? "nd" : "node");
				set_node_ref(node, short_names, &f->node);
			}
		}
		if (ts == NULL || prev->timestamp != f->timestamp) {
			char *v = f->timestamp != IOT_TIME_UNKNOWN ? iot_time_format_iso(f->timestamp) : NULL;

			ts = iot_xml_add(node, short_names ? "ts" : "timestamp");
			if (v != NULL && *v != '\0')
				iot_xml_set(ts, short_names ? "v" : "value", v);
			g_free(v);
		}
		set_field(iot_xml_add(ts, iot_sd_field_element(gen, f->type)), short_names, f);
		prev = f;
	}
	return root;
}
