/* iot-readout.c — the readout flow. See iot-readout.h. */
#include "iot-readout.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
	IotRequestTable *table;
	IotGeneration generation;
	IotSdRequest request;
	char *key; /* seqnr or id the thing echoes */
	IotReadout *readout;
	guint messages;
	IotReadoutFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Flow;

static void flow_free(gpointer data);
static void on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data);
static void on_message(IotRequest *req, const xmlNode *payload, gpointer data);
static void on_finish(IotRequest *req, const GError *error, gpointer data);

static const IotRequestClass readout_class = { on_iq, on_message, on_finish, flow_free };

/* A <cancel/> is fire-and-forget: its answer only needs to be claimed. */
static void
cancel_on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	iot_request_finish(req, NULL);
}

static void
cancel_on_finish(IotRequest *req, const GError *error, gpointer data)
{
}

static const IotRequestClass cancel_class = { cancel_on_iq, NULL, cancel_on_finish, NULL };

void
iot_sd_request_copy(IotSdRequest *dst, const IotSdRequest *src)
{
	guint i;

	memset(dst, 0, sizeof *dst);
	dst->categories = src->categories;
	dst->field_names = g_strdupv(src->field_names);
	dst->from = src->from;
	dst->to = src->to;
	if (src->n_nodes > 0) {
		dst->nodes = g_new0(IotNodeRef, src->n_nodes);
		dst->n_nodes = src->n_nodes;
		for (i = 0; i < src->n_nodes; i++)
			iot_node_ref_copy(&dst->nodes[i], &src->nodes[i]);
	}
}

void
iot_sd_request_clear(IotSdRequest *req)
{
	guint i;

	if (req == NULL)
		return;
	g_strfreev(req->field_names);
	for (i = 0; i < req->n_nodes; i++)
		iot_node_ref_clear(&req->nodes[i]);
	g_free(req->nodes);
	memset(req, 0, sizeof *req);
}

static void
flow_free(gpointer data)
{
	Flow *f = data;

	iot_sd_request_clear(&f->request);
	g_free(f->key);
	iot_readout_free(f->readout);
	if (f->destroy)
		f->destroy(f->user_data);
	g_free(f);
}

/* Feeds one sensor-data element to the flow; finishes the request when the
 * element ends the readout. Returns FALSE when @el was not sensor data. */
static gboolean
consume(IotRequest *req, Flow *f, const xmlNode *el)
{
	IotSdMessage msg = { 0 };
	GError *error = NULL;

	if (!iot_sd_is_payload(el))
		return FALSE;
	if (++f->messages > IOT_MAX_MESSAGES_PER_READOUT) {
		error = g_error_new(IOT_ERROR, IOT_ERROR_TOO_LARGE,
		                    "more than %u messages", IOT_MAX_MESSAGES_PER_READOUT);
		iot_request_finish(req, error);
		g_error_free(error);
		return TRUE;
	}
	if (!iot_sd_parse(el, &msg, f->readout, &error)) {
		iot_readout_add_note(f->readout, _("Ignored a malformed message from the thing."));
		g_clear_error(&error);
		return TRUE;
	}
	switch (msg.kind) {
	case IOT_SD_REJECTED:
		error = g_error_new_literal(IOT_ERROR, IOT_ERROR_REJECTED,
		                            msg.error_text ? msg.error_text : "rejected");
		iot_request_finish(req, error);
		g_error_free(error);
		break;
	case IOT_SD_CANCELLED:
		error = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled by the thing");
		iot_request_finish(req, error);
		g_error_free(error);
		break;
	default:
		/* accepted / started / fields / failure / done: progress. */
		if (msg.done)
			iot_request_finish(req, NULL);
		else
			iot_request_keep_alive(req);
		break;
	}
	iot_sd_message_clear(&msg);
	return TRUE;
}

static void
on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	Flow *f = data;
	const xmlNode *c;
	gboolean any = FALSE;

	if (is_error) {
		GError *error = iot_error_from_stanza(iq);
		iot_request_finish(req, error);
		g_error_free(error);
		return;
	}
	/* The result may carry accepted, started, or (fast NF devices) the data
	 * itself. An element that ends the readout frees the flow: nothing after
	 * it may reach @f. */
	for (c = iot_xml_first(iq); c != NULL && !iot_request_is_finished(req); c = iot_xml_next(c)) {
		any = TRUE;
		consume(req, f, c);
	}
	if (!any)
		iot_request_keep_alive(req); /* an empty result still means "accepted" */
}

static void
on_message(IotRequest *req, const xmlNode *payload, gpointer data)
{
	consume(req, data, payload);
}

static void
send_cancel(Flow *f, const char *peer, const char *key)
{
	xmlNode *iq = iot_xml_new("iq", NULL);

	/* XEP-0323 §3.7 and Waher's client send cancel as an IQ get. */
	iot_xml_set(iq, "type", "get");
	xmlAddChild(iq, iot_sd_build_cancel(f->generation, key));
	iot_request_send(f->table, peer, iq, 5000, &cancel_class, NULL, NULL);
}

static void
on_finish(IotRequest *req, const GError *error, gpointer data)
{
	Flow *f = data;

	if (error != NULL && (g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED) ||
	                      g_error_matches(error, IOT_ERROR, IOT_ERROR_TIMEOUT)) &&
	    strcmp(error->message, "cancelled by the thing") != 0) {
		/* Tell the thing to stop; it may still finish (XEP-0323 §3.7). */
		send_cancel(f, iot_request_get_peer(req), f->key);
	}
	if (error == NULL)
		iot_readout_apply_filter(f->readout, &f->request);
	f->cb(f->readout, error, f->user_data);
}

guint
iot_readout_start(IotRequestTable *t, const char *peer, IotGeneration gen,
                  const IotSdRequest *request, guint timeout_ms, IotReadoutFunc cb,
                  gpointer user_data, GDestroyNotify destroy)
{
	Flow *f;
	xmlNode *iq;
	IotRequest *req = NULL;
	char *key;
	guint handle;

	g_return_val_if_fail(t != NULL && peer != NULL && request != NULL && cb != NULL, 0);
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_SENSORDATA) != NULL, 0);

	f = g_new0(Flow, 1);
	f->table = t;
	f->generation = gen;
	iot_sd_request_copy(&f->request, request);
	f->readout = iot_readout_new();
	f->cb = cb;
	f->user_data = user_data;
	f->destroy = destroy;

	/* Long-name generations correlate by an integer seqnr, the others by a string id. */
	key = iot_generation_is_short(gen) ? iot_request_table_new_key(t)
	                                   : iot_request_table_new_seqnr(t);
	iq = iot_xml_new("iq", NULL);
	iot_xml_set(iq, "type", "get");
	if (!iot_generation_is_short(gen) && request->field_names != NULL &&
	    g_strv_length(request->field_names) > 1) {
		/* slixmpp (the most common XSF-generation device) answers several
		 * <field/> hints with only the last field (protocols.md §11.2).
		 * Names are hints anyway: ask for the categories and filter here. */
		IotSdRequest all_names = *request;
		all_names.field_names = NULL;
		xmlAddChild(iq, iot_sd_build_req(gen, key, &all_names));
	} else {
		xmlAddChild(iq, iot_sd_build_req(gen, key, request));
	}
	f->key = key;
	handle = iot_request_send(t, peer, iq, timeout_ms, &readout_class, f, &req);
	iot_request_set_key(req, key);
	return handle;
}

gboolean
iot_readout_handle_message(IotRequestTable *t, const char *from, const xmlNode *payload)
{
	if (!iot_sd_is_payload(payload))
		return FALSE;
	return iot_request_table_handle_message(t, from, iot_sd_peek_id(payload), payload);
}

static gboolean
name_wanted(const IotSdRequest *request, const char *name)
{
	char **n;
	char *folded = g_utf8_casefold(name, -1);
	gboolean found = FALSE;

	for (n = request->field_names; *n != NULL && !found; n++) {
		char *want = g_utf8_casefold(*n, -1);
		found = strcmp(want, folded) == 0;
		g_free(want);
	}
	g_free(folded);
	return found;
}

void
iot_readout_apply_filter(IotReadout *readout, const IotSdRequest *request)
{
	guint i;
	guint32 cats;
	GPtrArray *kept;

	if (readout == NULL || request == NULL)
		return;
	cats = request->categories ? request->categories : IOT_CAT_MOMENTARY;
	if ((request->field_names == NULL || request->field_names[0] == NULL) &&
	    (cats & IOT_CAT_ALL) == IOT_CAT_ALL)
		return;
	kept = g_ptr_array_new_full(readout->fields->len, (GDestroyNotify)iot_field_free);
	for (i = 0; i < readout->fields->len; i++) {
		IotField *fd = g_ptr_array_index(readout->fields, i);
		gboolean keep = TRUE;

		if (request->field_names != NULL && request->field_names[0] != NULL &&
		    !name_wanted(request, fd->name))
			keep = FALSE;
		if (keep && fd->categories != 0 && (fd->categories & cats) == 0)
			keep = FALSE;
		if (keep)
			g_ptr_array_add(kept, fd);
		else
			iot_field_free(fd);
		readout->fields->pdata[i] = NULL;
	}
	g_ptr_array_free(readout->fields, TRUE);
	readout->fields = kept;
}
