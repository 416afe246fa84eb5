/*
 * iot-sensordata.h — sensor-data codec for every generation (XEP-0323 family).
 *
 * Pure functions: libxml2 elements in, model out, and back. No session, no
 * clock, no correlation: iot-readout.c drives the request/response flow.
 *
 * Long-name generations (urn:xmpp:sn, urn:xmpp:iot:sensordata):
 *   req@seqnr, accepted, started, fields(node/timestamp/numeric…), failure,
 *   done, rejected (legacy), cancel/cancelled; `done` attribute or element.
 * Short-name generations (urn:ieee:iot:sd:1.0, urn:nf:iot:sd:1.0,
 * urn:nfi:iot:sd:1.0):
 *   req@id, accepted, started, resp(nd/ts/q…, err) with `more`, done, cancel.
 * Parsing is lenient within a family (protocols.md §12): `done` attr or
 * element or absent `more`, timeSpan ≈ duration, identification ≈ identity,
 * missing nodeId, missing or empty unit, any namespace spelling of a family.
 */
#ifndef IOT_SENSORDATA_H
#define IOT_SENSORDATA_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-model.h"
#include "iot-ns.h"

G_BEGIN_DECLS

typedef enum {
	IOT_SD_ACCEPTED,  /* accepted (queued or not) */
	IOT_SD_STARTED,   /* started */
	IOT_SD_FIELDS,    /* fields / resp: data (possibly empty) */
	IOT_SD_FAILURE,   /* failure: per-node errors (XSF) */
	IOT_SD_DONE,      /* done element */
	IOT_SD_REJECTED,  /* legacy rejected element */
	IOT_SD_CANCELLED  /* cancelled element */
} IotSdKind;

/* What one sensor-data element said, apart from the data it carried. */
typedef struct {
	IotSdKind kind;
	IotGeneration generation;
	char *id;          /* seqnr or NF id; never NULL after a successful parse ("" if absent) */
	gboolean done;     /* this element ends the readout */
	gboolean queued;   /* accepted queued='true' */
	char *error_text;  /* rejected: the device's text (bounded), else NULL */
} IotSdMessage;

void iot_sd_message_clear(IotSdMessage *m);

/* TRUE when @el is an element of any sensor-data namespace (any generation). */
gboolean iot_sd_is_payload(const xmlNode *el);

/* Returns: (transfer none) (nullable): the correlation id of a sensor-data
 * element without parsing its data (seqnr or id attribute). */
const char *iot_sd_peek_id(const xmlNode *el);

/* Parses one sensor-data element @el (a child of <iq> or <message>).
 * Fields and failures it carries are appended to @readout (nullable: then they
 * are only validated), respecting the bounds of iot-limits.h; each skipped or
 * truncated item adds a note to @readout. Bad single items never fail the
 * whole element.
 * Returns: FALSE with @error (IOT_ERROR_MALFORMED) when @el is not a
 * sensor-data element this codec knows; @msg is then cleared. On TRUE, @msg
 * holds owned strings; release with iot_sd_message_clear(). */
gboolean iot_sd_parse(const xmlNode *el, IotSdMessage *msg, IotReadout *readout, GError **error);

/* What to ask for. */
typedef struct {
	guint32 categories;     /* IotCategory bits; 0 means momentary */
	char **field_names;     /* nullable, NULL-terminated */
	IotNodeRef *nodes;      /* nullable array of @n_nodes */
	guint n_nodes;
	gint64 from;            /* IOT_TIME_UNKNOWN or 0 = unset */
	gint64 to;              /* IOT_TIME_UNKNOWN or 0 = unset */
} IotSdRequest;

/* Returns: (transfer full): the <req/> element for @gen with correlation @id
 * (for long-name generations @id must be a decimal xs:int: it becomes seqnr).
 * All categories set becomes all='true'. Free with xmlFreeNode(). */
xmlNode *iot_sd_build_req(IotGeneration gen, const char *id, const IotSdRequest *req);

/* Sets the category attributes of a request-like element @n (req, subscribe):
 * long names (momentary, historicalDay …) or short ones (m, h …); none
 * means momentary, every category becomes all='true'. Shared with the
 * event-subscription codec, whose elements take the same attributes. */
void iot_sd_set_categories(xmlNode *n, gboolean short_names, guint32 cats);

/* Returns: (transfer full): the <cancel/> element for @gen and @id. */
xmlNode *iot_sd_build_cancel(IotGeneration gen, const char *id);

/* Device side, used by round-trip tests, fixtures and the benchmark:
 * Returns: (transfer full): a <fields/> (long names) or <resp/> (short names)
 * element carrying @fields[@first .. @first+@count) grouped by node and
 * timestamp in order, with done='true' / without more='true' when @last. */
xmlNode *iot_sd_build_fields(IotGeneration gen, const char *id, GPtrArray *fields, guint first,
                             guint count, gboolean last);

G_END_DECLS

#endif
