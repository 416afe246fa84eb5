/* iot-purple-control-learn.c — a thing's control form, or its values. See the header. */
#include "iot-purple-control-learn.h"

#include "iot-control-flow.h"
#include "iot-error.h"
#include "iot-purple-known.h"
#include "iot-purple-reader.h"
#include "iot-purple-session.h"
#include "iot-purple-target.h"

#include <debug.h>
#include <string.h>

/* Things without a control form may never answer a getForm (slixmpp answers
 * feature-not-implemented at once, others stay silent). The form is waited
 * for this long at most; then the types are learnt from a readout instead.
 * Either way the answer is remembered for as long as the thing's resource
 * and caps stay the same (iot-purple-known.h): it is asked once, not each
 * time. */
#define FORM_WAIT_MS 3000

typedef struct {
	int refs;
	guint handle;
	gboolean done;        /* the callback ran, or the learning was cancelled */
	PurpleAccount *account;
	char *who;
	GPtrArray *nodes;     /* (element-type IotNodeRef) */
	char **names;         /* (nullable) the parameters about to be set */
	char *full_jid;
	IotGeneration gen;
	guint start;          /* the deferred start (main-loop source) */
	guint form_request;   /* getForm handle in the session's table */
	guint reading;        /* reader handle */
	IotPurpleControlLearnFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Learn;

static GHashTable *pending; /* handle → Learn (borrowed) */
static guint next_handle;

static void
node_ref_free(gpointer data)
{
	iot_node_ref_clear(data);
	g_free(data);
}

static Learn *
learn_ref(Learn *l)
{
	l->refs++;
	return l;
}

static void
learn_unref(gpointer data)
{
	Learn *l = data;

	if (--l->refs > 0)
		return;
	if (l->destroy != NULL)
		l->destroy(l->user_data);
	g_free(l->who);
	g_free(l->full_jid);
	g_strfreev(l->names);
	g_ptr_array_unref(l->nodes);
	g_free(l);
}

/* Ends the learning: forget the handle; the caller decides whether to call back. */
static gboolean
learn_end(Learn *l)
{
	if (l->done)
		return FALSE;
	l->done = TRUE;
	if (pending != NULL)
		g_hash_table_remove(pending, GUINT_TO_POINTER(l->handle));
	return TRUE;
}

static void
learn_finish(Learn *l, IotDataForm *form, const IotReadout *readout, const GError *error,
             gboolean read_instead)
{
	if (!learn_end(l)) {
		iot_dataform_free(form);
		return;
	}
	l->cb(l->full_jid, l->gen, form, readout, error, read_instead, l->user_data);
}

static void
readout_cb(PurpleAccount *account, const char *who, const char *full_jid, IotReadout *readout,
           const GError *error, gpointer data)
{
	Learn *l = data;

	l->reading = 0;
	learn_finish(l, NULL, error == NULL ? readout : NULL, error, TRUE);
}

/* Whether a getForm that failed so means "no form here" (read the values
 * instead) rather than a definite answer to report: silence, "not
 * implemented", or an answer we could not read does; a refusal, an unknown
 * node, a lost connection does not. */
static gboolean
means_no_form(const GError *error)
{
	if (error->domain != IOT_ERROR)
		return FALSE;
	switch ((IotErrorCode)error->code) {
	case IOT_ERROR_TIMEOUT:
	case IOT_ERROR_NOT_IMPLEMENTED:
	case IOT_ERROR_NOT_SUPPORTED:
	case IOT_ERROR_MALFORMED:
	case IOT_ERROR_BAD_REQUEST:
	case IOT_ERROR_FAILED:
		return TRUE;
	default:
		return FALSE;
	}
}

/* Whether a getForm that failed so (one means_no_form() accepts) tells for
 * good that the thing has no form, while its caps stay the same: it said
 * so, could not read the request, or stayed silent. A generic failure
 * (internal-server-error …) may pass: the form is asked for again. */
static gboolean
remember_no_form(const GError *error)
{
	return error->code != IOT_ERROR_FAILED;
}

static void
read_values(Learn *l)
{
	IotSdRequest request;
	guint i;

	memset(&request, 0, sizeof request);
	request.categories = IOT_CAT_MOMENTARY | IOT_CAT_STATUS;
	request.n_nodes = l->nodes->len;
	if (l->nodes->len > 0) {
		/* Borrowed strings: the reader copies the request. */
		request.nodes = g_new0(IotNodeRef, l->nodes->len);
		for (i = 0; i < l->nodes->len; i++)
			request.nodes[i] = *(IotNodeRef *)g_ptr_array_index(l->nodes, i);
	}
	l->reading = iot_purple_reader_start(l->account, l->full_jid, &request, readout_cb,
	                                     learn_ref(l), learn_unref);
	g_free(request.nodes);
}

/* The thing has no form: its last values tell the types when they name every
 * parameter about to be set; else (or to list them) it is read. */
static void
values_or_read(Learn *l, IotPurpleSession *s)
{
	IotReadout *known = iot_purple_known_values(s->known, l->full_jid, l->nodes,
	                                            (const char *const *)l->names);

	if (known == NULL) {
		read_values(l);
		return;
	}
	purple_debug_info("xmpp-iot", "types of %s from the %u value(s) it last reported\n",
	                  l->full_jid, known->fields->len);
	learn_finish(l, NULL, known, NULL, TRUE);
	iot_readout_free(known);
}

static void
form_cb(IotDataForm *form, const GError *error, gpointer data)
{
	Learn *l = data;
	IotPurpleSession *s;
	GError *err = NULL;

	l->form_request = 0;
	if (l->done) {
		iot_dataform_free(form);
		return;
	}
	if (form != NULL || !means_no_form(error)) {
		learn_finish(l, form, NULL, error, FALSE);
		return;
	}
	s = iot_purple_session_get(l->account);
	if (s == NULL) {
		err = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, "offline");
		learn_finish(l, NULL, NULL, err, FALSE);
		g_error_free(err);
		return;
	}
	purple_debug_info("xmpp-iot", "no control form from %s (%s)\n", l->full_jid, error->message);
	if (remember_no_form(error))
		iot_purple_known_set_no_form(s->known, l->full_jid, l->nodes);
	values_or_read(l, s);
}

static void
target_cb(const char *full_jid, IotGeneration gen, const GError *error, gpointer data)
{
	Learn *l = data;
	IotPurpleSession *s;
	GError *err = NULL;

	if (l->done)
		return;
	if (error != NULL) {
		learn_finish(l, NULL, NULL, error, FALSE);
		return;
	}
	l->full_jid = g_strdup(full_jid);
	l->gen = gen;
	s = iot_purple_session_get(l->account);
	if (s == NULL) {
		err = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, "offline");
		learn_finish(l, NULL, NULL, err, FALSE);
		g_error_free(err);
		return;
	}
	if (iot_purple_known_no_form(s->known, full_jid, l->nodes)) {
		/* It said so before, with the caps it still has: not asked again. */
		values_or_read(l, s);
		return;
	}
	l->form_request = iot_control_get_form(s->table, full_jid, gen, l->nodes->len > 0 ? l->nodes : NULL,
	                                       MIN(FORM_WAIT_MS, iot_purple_session_timeout_s() * 1000),
	                                       form_cb, learn_ref(l), learn_unref);
}

/* Runs from the main loop: the callback never runs before
 * iot_purple_control_learn() returns, even when the thing's disco answer is
 * cached or its values are known. */
static gboolean
start_cb(gpointer data)
{
	Learn *l = data;
	IotPurpleSession *s = iot_purple_session_get(l->account);
	GError *err;

	l->start = 0;
	if (l->done)
		return G_SOURCE_REMOVE;
	if (s == NULL) {
		err = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, "offline");
		learn_finish(l, NULL, NULL, err, FALSE);
		g_error_free(err);
		return G_SOURCE_REMOVE;
	}
	iot_purple_target_resolve(s, l->who, IOT_FUNC_CONTROL, target_cb, learn_ref(l), learn_unref);
	return G_SOURCE_REMOVE;
}

guint
iot_purple_control_learn(PurpleAccount *account, const char *who, const GPtrArray *nodes,
                         const char *const *names, IotPurpleControlLearnFunc cb,
                         gpointer user_data, GDestroyNotify destroy)
{
	Learn *l = g_new0(Learn, 1);
	guint i;

	l->refs = 1;
	l->handle = ++next_handle == 0 ? ++next_handle : next_handle;
	l->account = account;
	l->who = g_strdup(who);
	l->nodes = g_ptr_array_new_with_free_func(node_ref_free);
	for (i = 0; nodes != NULL && i < nodes->len; i++) {
		const IotNodeRef *n = g_ptr_array_index(nodes, i);
		IotNodeRef *copy = g_new0(IotNodeRef, 1);

		copy->node_id = g_strdup(n->node_id);
		copy->source_id = g_strdup(n->source_id);
		copy->partition = g_strdup(n->partition);
		g_ptr_array_add(l->nodes, copy);
	}
	l->names = g_strdupv((char **)names);
	l->cb = cb;
	l->user_data = user_data;
	l->destroy = destroy;
	if (pending == NULL)
		pending = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_hash_table_insert(pending, GUINT_TO_POINTER(l->handle), l);
	/* The start takes over our reference. */
	l->start = g_timeout_add_full(G_PRIORITY_DEFAULT, 0, start_cb, l, learn_unref);
	return l->handle;
}

void
iot_purple_control_learn_cancel(guint handle)
{
	Learn *l = pending != NULL ? g_hash_table_lookup(pending, GUINT_TO_POINTER(handle)) : NULL;
	IotPurpleSession *s;

	if (l == NULL)
		return;
	learn_end(l);
	/* What is still under way ends now; its callbacks see l->done. */
	learn_ref(l);
	if (l->start != 0) {
		guint start = l->start;

		l->start = 0;
		g_source_remove(start);
	}
	if (l->reading != 0)
		iot_purple_reader_cancel(l->reading);
	s = iot_purple_session_get(l->account);
	if (l->form_request != 0 && s != NULL)
		iot_request_table_cancel(s->table, l->form_request);
	learn_unref(l);
}

void
iot_purple_control_learn_shutdown(int code)
{
	GList *list, *it;
	GError *err;

	if (pending == NULL)
		return;
	err = g_error_new_literal(IOT_ERROR, code, "shutdown");
	list = g_hash_table_get_values(pending);
	for (it = list; it != NULL; it = it->next)
		learn_ref(it->data);
	for (it = list; it != NULL; it = it->next) {
		Learn *l = it->data;

		/* Only a start not yet run can remain: sessions and readers ended
		 * the rest. Its source must not outlive the plugin's code. */
		if (l->start != 0) {
			guint start = l->start;

			l->start = 0;
			g_source_remove(start);
		}
		learn_finish(l, NULL, NULL, err, FALSE);
		learn_unref(l);
	}
	g_list_free(list);
	g_error_free(err);
	g_hash_table_destroy(pending);
	pending = NULL;
}
