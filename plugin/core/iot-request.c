/* iot-request.c — pending-request table with exactly-once completion. See iot-request.h. */
#include "iot-request.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-xml.h"

#include <string.h>

struct _IotRequestTable {
	const IotTransport *transport;
	gpointer transport_data;
	char *prefix;
	char *lang; /* nullable: xml:lang of every request */
	guint next_handle;
	GHashTable *by_id;     /* id → IotRequest (borrowed; owned by by_handle) */
	GHashTable *by_key;    /* flow key → IotRequest (borrowed) */
	GHashTable *by_handle; /* GUINT handle → IotRequest (owned reference) */
};

struct _IotRequest {
	IotRequestTable *table; /* NULL once finished */
	guint handle;
	int refs;
	char *id;
	char *peer;
	char *key;
	guint timeout_ms;
	guint timer;
	gboolean finished;
	const IotRequestClass *klass;
	gpointer flow;
};

static void
request_unref(IotRequest *req)
{
	if (--req->refs > 0)
		return;
	g_free(req->id);
	g_free(req->peer);
	g_free(req->key);
	g_free(req);
}

IotRequestTable *
iot_request_table_new(const IotTransport *transport, gpointer data, const char *id_prefix)
{
	IotRequestTable *t;

	g_return_val_if_fail(transport != NULL && id_prefix != NULL, NULL);
	t = g_new0(IotRequestTable, 1);
	t->transport = transport;
	t->transport_data = data;
	t->prefix = g_strdup(id_prefix);
	t->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	t->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	t->by_handle = g_hash_table_new(g_direct_hash, g_direct_equal);
	return t;
}

void
iot_request_table_free(IotRequestTable *t)
{
	if (t == NULL)
		return;
	iot_request_table_fail_all(t, IOT_ERROR_DISCONNECTED, "disconnected");
	g_hash_table_destroy(t->by_id);
	g_hash_table_destroy(t->by_key);
	g_hash_table_destroy(t->by_handle);
	g_free(t->prefix);
	g_free(t->lang);
	g_free(t);
}

static char *
random_hex(guint words)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < words; i++)
		g_string_append_printf(s, "%08x", g_random_int());
	return g_string_free(s, FALSE);
}

/* An id is PREFIX "-" RANDOM TAG: RANDOM is 16 hex digits (64 random bits:
 * another party cannot guess an id to forge a reply), TAG the first 8 bytes
 * of HMAC-SHA256(secret, PREFIX "-" RANDOM) in hex. The secret is drawn once
 * per process, so the tag tells the ids this process made from any other
 * id, also one another copy of the plugin made with the same prefix. */
#define ID_RANDOM_HEX 16
#define ID_TAG_HEX 16

static const guint8 *
id_secret(void)
{
	static guint8 secret[32];
	static gsize ready;

	if (g_once_init_enter(&ready)) {
		gsize i;

		for (i = 0; i < sizeof secret; i += 4) {
			guint32 r = g_random_int();
			memcpy(secret + i, &r, 4);
		}
		g_once_init_leave(&ready, 1);
	}
	return secret;
}

/* Writes the ID_TAG_HEX hex digits (and a NUL) of @prefix "-" @random into @out. */
static void
id_tag(const char *prefix, const char *random, char out[ID_TAG_HEX + 1])
{
	GHmac *h = g_hmac_new(G_CHECKSUM_SHA256, id_secret(), 32);
	guint8 digest[32];
	gsize len = sizeof digest, i;

	g_hmac_update(h, (const guchar *)prefix, -1);
	g_hmac_update(h, (const guchar *)"-", 1);
	g_hmac_update(h, (const guchar *)random, ID_RANDOM_HEX);
	g_hmac_get_digest(h, digest, &len);
	g_hmac_unref(h);
	for (i = 0; i < ID_TAG_HEX / 2; i++)
		g_snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

static char *
new_id(IotRequestTable *t)
{
	char *hex, *id, tag[ID_TAG_HEX + 1];

	do {
		hex = random_hex(ID_RANDOM_HEX / 8);
		id_tag(t->prefix, hex, tag);
		id = g_strdup_printf("%s-%s%s", t->prefix, hex, tag);
		g_free(hex);
		if (!g_hash_table_contains(t->by_id, id))
			return id;
		g_free(id);
	} while (TRUE);
}

char *
iot_request_table_new_seqnr(IotRequestTable *t)
{
	char *s;

	g_return_val_if_fail(t != NULL, NULL);
	do {
		s = g_strdup_printf("%d", (int)g_random_int_range(1, G_MAXINT32));
		if (!g_hash_table_contains(t->by_key, s))
			return s;
		g_free(s);
	} while (TRUE);
}

char *
iot_request_table_new_key(IotRequestTable *t)
{
	char *s;

	g_return_val_if_fail(t != NULL, NULL);
	do {
		s = random_hex(3);
		if (!g_hash_table_contains(t->by_key, s))
			return s;
		g_free(s);
	} while (TRUE);
}

static gboolean
timeout_cb(gpointer data)
{
	IotRequest *req = data;
	GError *error;

	req->timer = 0;
	error = g_error_new(IOT_ERROR, IOT_ERROR_TIMEOUT, "no answer within %u ms", req->timeout_ms);
	iot_request_finish(req, error);
	g_error_free(error);
	return G_SOURCE_REMOVE;
}

static gboolean
send_failed_cb(gpointer data)
{
	IotRequest *req = data;
	GError *error = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, "not connected");

	req->timer = 0;
	iot_request_finish(req, error);
	g_error_free(error);
	return G_SOURCE_REMOVE;
}

static void
arm_timer(IotRequest *req, guint ms, GSourceFunc fn)
{
	IotRequestTable *t = req->table;

	if (req->timer != 0)
		t->transport->timeout_remove(t->transport_data, req->timer);
	req->timer = t->transport->timeout_add(t->transport_data, ms, fn, req);
}

guint
iot_request_send(IotRequestTable *t, const char *peer, xmlNode *iq, guint timeout_ms,
                 const IotRequestClass *klass, gpointer flow, IotRequest **out_req)
{
	IotRequest *req;

	g_return_val_if_fail(t != NULL && peer != NULL && iq != NULL && klass != NULL, 0);
	g_return_val_if_fail(klass->on_iq != NULL && klass->on_finish != NULL, 0);

	req = g_new0(IotRequest, 1);
	req->table = t;
	req->refs = 1;
	req->handle = ++t->next_handle;
	if (req->handle == 0)
		req->handle = ++t->next_handle;
	req->id = new_id(t);
	req->peer = g_strdup(peer);
	req->timeout_ms = timeout_ms;
	req->klass = klass;
	req->flow = flow;
	g_hash_table_insert(t->by_id, req->id, req);
	g_hash_table_insert(t->by_handle, GUINT_TO_POINTER(req->handle), req);
	if (out_req)
		*out_req = req;

	iot_xml_set(iq, "to", peer);
	iot_xml_set(iq, "id", req->id);
	/* Things answer (names, errors, forms) in the language asked for. */
	if (t->lang != NULL && xmlNodeGetLang(iq) == NULL)
		xmlNodeSetLang(iq, (const xmlChar *)t->lang);
	/* Registered before sending: the adapter's send hook checks that the id
	 * is pending, and drops stale re-sends of ids that are not. */
	if (t->transport->send(t->transport_data, iq))
		arm_timer(req, timeout_ms, timeout_cb);
	else
		arm_timer(req, 0, send_failed_cb);
	xmlFreeNode(iq);
	return req->handle;
}

gboolean
iot_request_set_key(IotRequest *req, const char *key)
{
	g_return_val_if_fail(req != NULL && key != NULL, FALSE);
	if (req->finished || g_hash_table_contains(req->table->by_key, key))
		return FALSE;
	if (req->key != NULL)
		g_hash_table_remove(req->table->by_key, req->key);
	g_free(req->key);
	req->key = g_strdup(key);
	g_hash_table_insert(req->table->by_key, req->key, req);
	return TRUE;
}

void
iot_request_keep_alive(IotRequest *req)
{
	g_return_if_fail(req != NULL);
	if (req->finished)
		return;
	if (req->timeout_ms > 0) {
		arm_timer(req, req->timeout_ms, timeout_cb);
	} else if (req->timer != 0) {
		req->table->transport->timeout_remove(req->table->transport_data, req->timer);
		req->timer = 0;
	}
}

void
iot_request_set_timeout(IotRequest *req, guint ms)
{
	g_return_if_fail(req != NULL);
	req->timeout_ms = ms;
	iot_request_keep_alive(req);
}

void
iot_request_finish(IotRequest *req, const GError *error)
{
	IotRequestTable *t;

	g_return_if_fail(req != NULL);
	if (req->finished)
		return;
	/* Unlink first, so that nothing on_finish does (or a re-entrant reply)
	 * can reach this request again: this is what makes completion exactly once. */
	req->finished = TRUE;
	t = req->table;
	if (req->timer != 0) {
		t->transport->timeout_remove(t->transport_data, req->timer);
		req->timer = 0;
	}
	g_hash_table_remove(t->by_id, req->id);
	if (req->key != NULL)
		g_hash_table_remove(t->by_key, req->key);
	g_hash_table_remove(t->by_handle, GUINT_TO_POINTER(req->handle));

	req->klass->on_finish(req, error, req->flow);
	if (req->klass->flow_free != NULL && req->flow != NULL)
		req->klass->flow_free(req->flow);
	req->flow = NULL;
	req->table = NULL;
	request_unref(req);
}

gboolean
iot_request_is_finished(const IotRequest *req)
{
	g_return_val_if_fail(req != NULL, TRUE);
	return req->finished;
}

const char *
iot_request_get_id(const IotRequest *req)
{
	return req->id;
}

const char *
iot_request_get_peer(const IotRequest *req)
{
	return req->peer;
}

guint
iot_request_get_timeout(const IotRequest *req)
{
	return req->timeout_ms;
}

gboolean
iot_request_table_cancel(IotRequestTable *t, guint handle)
{
	IotRequest *req;
	GError *error;

	g_return_val_if_fail(t != NULL, FALSE);
	req = g_hash_table_lookup(t->by_handle, GUINT_TO_POINTER(handle));
	if (req == NULL)
		return FALSE;
	error = g_error_new_literal(IOT_ERROR, IOT_ERROR_CANCELLED, "cancelled");
	iot_request_finish(req, error);
	g_error_free(error);
	return TRUE;
}

void
iot_request_table_fail_all(IotRequestTable *t, int code, const char *message)
{
	GError *error;
	GList *reqs, *l;

	g_return_if_fail(t != NULL);
	error = g_error_new_literal(IOT_ERROR, code, message ? message : "");
	/* Snapshot with references: a callback may start or end other requests. */
	reqs = g_hash_table_get_values(t->by_handle);
	for (l = reqs; l != NULL; l = l->next)
		((IotRequest *)l->data)->refs++;
	for (l = reqs; l != NULL; l = l->next) {
		iot_request_finish(l->data, error);
		request_unref(l->data);
	}
	g_list_free(reqs);
	g_error_free(error);
}

gboolean
iot_request_table_handle_iq(IotRequestTable *t, const char *type, const char *id,
                            const char *from, const xmlNode *iq)
{
	IotRequest *req;
	gboolean is_error;

	g_return_val_if_fail(t != NULL, FALSE);
	if (type == NULL || id == NULL)
		return FALSE;
	if (strcmp(type, "result") == 0)
		is_error = FALSE;
	else if (strcmp(type, "error") == 0)
		is_error = TRUE;
	else
		return FALSE; /* get/set are requests to us, never answers */
	req = g_hash_table_lookup(t->by_id, id);
	if (req == NULL || !iot_jid_equal(from, req->peer))
		return FALSE;
	/* One IQ answer per IQ: a second result with the same id is not ours. */
	g_hash_table_remove(t->by_id, req->id);
	req->refs++;
	req->klass->on_iq(req, is_error, iq, req->flow);
	request_unref(req);
	return TRUE;
}

gboolean
iot_request_table_handle_message(IotRequestTable *t, const char *from, const char *key,
                                 const xmlNode *payload)
{
	IotRequest *req;

	g_return_val_if_fail(t != NULL, FALSE);
	if (key == NULL)
		return FALSE;
	req = g_hash_table_lookup(t->by_key, key);
	if (req == NULL || req->klass->on_message == NULL || !iot_jid_equal(from, req->peer))
		return FALSE;
	req->refs++;
	req->klass->on_message(req, payload, req->flow);
	request_unref(req);
	return TRUE;
}

gboolean
iot_request_table_has_id(IotRequestTable *t, const char *id)
{
	g_return_val_if_fail(t != NULL, FALSE);
	return id != NULL && g_hash_table_contains(t->by_id, id);
}

guint
iot_request_table_count(IotRequestTable *t)
{
	g_return_val_if_fail(t != NULL, 0);
	return g_hash_table_size(t->by_handle);
}

void
iot_request_table_set_lang(IotRequestTable *t, const char *lang)
{
	g_return_if_fail(t != NULL);
	g_free(t->lang);
	t->lang = (lang != NULL && *lang != '\0') ? g_strdup(lang) : NULL;
}

char *
iot_request_lang_from_locale(const char *const *names)
{
	const char *const *n;

	/* The first of the user's locale names that is a language, as a BCP 47
	 * tag: "de_DE.UTF-8" → "de-DE"; C and POSIX say nothing. */
	for (n = names; n != NULL && *n != NULL; n++) {
		GString *tag;
		const char *p;

		if (strcmp(*n, "C") == 0 || strcmp(*n, "POSIX") == 0 || g_str_has_prefix(*n, "C."))
			continue;
		tag = g_string_new(NULL);
		for (p = *n; *p != '\0' && *p != '.' && *p != '@'; p++) {
			if (*p == '_')
				g_string_append_c(tag, '-');
			else if (g_ascii_isalnum(*p))
				g_string_append_c(tag, *p);
			else
				break;
		}
		if (tag->len >= 2 && tag->len <= 35)
			return g_string_free(tag, FALSE);
		g_string_free(tag, TRUE);
	}
	return NULL;
}

gboolean
iot_request_id_has_prefix(const char *id, const char *prefix)
{
	gsize n;

	if (id == NULL || prefix == NULL)
		return FALSE;
	n = strlen(prefix);
	return strncmp(id, prefix, n) == 0 && id[n] == '-';
}

gboolean
iot_request_id_is_ours(const char *id, const char *prefix)
{
	const char *rest;
	char tag[ID_TAG_HEX + 1];
	gsize i;

	if (!iot_request_id_has_prefix(id, prefix))
		return FALSE;
	rest = id + strlen(prefix) + 1;
	for (i = 0; i < ID_RANDOM_HEX + ID_TAG_HEX; i++) {
		if (!g_ascii_isxdigit(rest[i]) || g_ascii_isupper(rest[i]))
			return FALSE; /* also the end of a shorter id */
	}
	if (rest[i] != '\0')
		return FALSE;
	id_tag(prefix, rest, tag);
	return memcmp(rest + ID_RANDOM_HEX, tag, ID_TAG_HEX) == 0;
}
