/* iot-purple-target.c — choosing the resource and generation to talk to. */
#include "iot-purple-target.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-xml.h"

#include <debug.h>
#include <eventloop.h>

/* How long we wait for presence after probing a contact we have not seen. */
#define PROBE_WAIT_MS 3000
#define PROBE_POLL_MS 100

typedef struct {
	IotPurpleSession *session;
	char *who;
	IotFunction func;
	GPtrArray *candidates; /* full JIDs */
	guint next;
	guint poll_timer;
	guint waited_ms;
	gpointer closer;      /* the session's closer, only while poll_timer runs */
	GError *timeout_error;
	gboolean done;
	IotPurpleTargetFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
} Resolve;

static void try_next(Resolve *r);

static void
finish(Resolve *r, const char *full, IotGeneration gen, const GError *error)
{
	if (r->done)
		return;
	r->done = TRUE;
	if (r->poll_timer) {
		purple_timeout_remove(r->poll_timer);
		r->poll_timer = 0;
	}
	if (r->closer)
		iot_purple_session_remove_closer(r->session, r->closer);
	r->cb(full, gen, error, r->user_data);
	if (r->destroy)
		r->destroy(r->user_data);
	g_ptr_array_free(r->candidates, TRUE);
	g_clear_error(&r->timeout_error);
	g_free(r->who);
	g_free(r);
}

static void
fail(Resolve *r, int code)
{
	GError *e = g_error_new_literal(IOT_ERROR, code, "");

	finish(r, NULL, IOT_GEN_UNKNOWN, e);
	g_error_free(e);
}

/* The session is going away while we wait on a timer. */
static void
closer_cb(gpointer data, int code)
{
	Resolve *r = data;

	r->closer = NULL; /* already removed by the session */
	fail(r, code);
}

static void
collect_candidates(Resolve *r)
{
	GList *res = iot_purple_session_resources(r->session, r->who), *l;

	for (l = res; l != NULL; l = l->next)
		g_ptr_array_add(r->candidates, g_strdup(((IotPurpleResource *)l->data)->full_jid));
	g_list_free(res);
}

static gboolean
poll_cb(gpointer data)
{
	Resolve *r = data;

	collect_candidates(r);
	r->waited_ms += PROBE_POLL_MS;
	if (r->candidates->len == 0 && r->waited_ms < PROBE_WAIT_MS)
		return G_SOURCE_CONTINUE;
	r->poll_timer = 0;
	/* The wait is over. From here on a disco#info request holds @r, and the
	 * session's table ends that request when the session ends: a closer
	 * left registered would free @r under it. */
	iot_purple_session_remove_closer(r->session, r->closer);
	r->closer = NULL;
	if (r->candidates->len == 0) {
		fail(r, IOT_ERROR_OFFLINE);
		return G_SOURCE_REMOVE;
	}
	try_next(r);
	return G_SOURCE_REMOVE;
}

static void
disco_cb(const IotDiscoInfo *info, const GError *error, gpointer data)
{
	Resolve *r = data;
	const char *full = g_ptr_array_index(r->candidates, r->next - 1);
	IotGeneration gen;

	if (error != NULL) {
		if (g_error_matches(error, IOT_ERROR, IOT_ERROR_DISCONNECTED) ||
		    g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED)) {
			finish(r, NULL, IOT_GEN_UNKNOWN, error);
			return;
		}
		purple_debug_info("xmpp-iot", "disco#info of %s failed: %s\n", full, error->message);
		if (g_error_matches(error, IOT_ERROR, IOT_ERROR_TIMEOUT) && r->timeout_error == NULL)
			r->timeout_error = g_error_copy(error);
		try_next(r);
		return;
	}
	iot_purple_session_store_disco(r->session, full, info);
	gen = iot_disco_info_pick(info, r->func);
	if (gen != IOT_GEN_UNKNOWN)
		finish(r, full, gen, NULL);
	else
		try_next(r);
}

static void
try_next(Resolve *r)
{
	const IotDiscoInfo *cached;
	const char *full;
	IotGeneration gen;

	while (r->next < r->candidates->len) {
		full = g_ptr_array_index(r->candidates, r->next++);
		cached = iot_disco_cache_lookup(r->session->disco, full);
		if (cached == NULL) {
			iot_disco_query(r->session->table, full, iot_purple_session_timeout_s() * 1000, disco_cb, r,
			                NULL);
			return;
		}
		gen = iot_disco_info_pick(cached, r->func);
		if (gen != IOT_GEN_UNKNOWN) {
			finish(r, full, gen, NULL);
			return;
		}
	}
	if (r->timeout_error != NULL) {
		GError *e = g_error_copy(r->timeout_error);
		finish(r, NULL, IOT_GEN_UNKNOWN, e);
		g_error_free(e);
	} else {
		fail(r, IOT_ERROR_NOT_SUPPORTED);
	}
}

void
iot_purple_target_resolve(IotPurpleSession *s, const char *who, IotFunction func,
                          IotPurpleTargetFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	Resolve *r;

	g_return_if_fail(s != NULL && who != NULL && cb != NULL);
	r = g_new0(Resolve, 1);
	r->session = s;
	r->who = g_strdup(who);
	r->func = func;
	r->candidates = g_ptr_array_new_with_free_func(g_free);
	r->cb = cb;
	r->user_data = user_data;
	r->destroy = destroy;

	if (iot_jid_resource(who) != NULL) {
		g_ptr_array_add(r->candidates, g_strdup(who));
		try_next(r);
		return;
	}
	collect_candidates(r);
	if (r->candidates->len > 0) {
		try_next(r);
		return;
	}
	/* No resource seen yet (the plugin may have been enabled after sign-on):
	 * ask the server for the contact's presence, then look again. */
	{
		xmlNode *probe = iot_xml_new("presence", NULL);
		char *bare = iot_jid_bare(who);
		iot_xml_set(probe, "type", "probe");
		iot_xml_set(probe, "to", bare);
		iot_purple_session_send(s, probe);
		xmlFreeNode(probe);
		g_free(bare);
	}
	r->closer = iot_purple_session_add_closer(s, closer_cb, r);
	r->poll_timer = purple_timeout_add(PROBE_POLL_MS, poll_cb, r);
}
