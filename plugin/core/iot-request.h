/*
 * iot-request.h — the request contract of DESIGN.md §5, in one place.
 *
 * Every request we send on an account's stream goes through one
 * IotRequestTable (one per connection). The table gives each request an
 * unguessable id, remembers the peer it asked, runs a timeout, correlates
 * answers (the IQ reply by id, follow-up messages by a flow key such as a
 * XEP-0323 seqnr) and ends each request exactly once: with success, with the
 * peer's error, or with IOT_ERROR_TIMEOUT / _DISCONNECTED / _CANCELLED.
 * Replies from any other address, unknown or late ids are not claimed.
 *
 * What a request *means* (how a readout is assembled, when it is done) lives
 * in the flow modules (iot-readout.c, iot-disco.c) through IotRequestClass.
 * The table knows no protocol. It reaches the network only through
 * IotTransport, so tests drive it with a fake transport and a virtual clock.
 */
#ifndef IOT_REQUEST_H
#define IOT_REQUEST_H

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct {
	/* Sends @stanza (transfer none: the transport serialises or copies it).
	 * Returns FALSE when the connection cannot send. */
	gboolean (*send)(gpointer data, const xmlNode *stanza);
	/* Schedules @fn(@fn_data) after @ms milliseconds; returns a non-zero id.
	 * @fn returns G_SOURCE_REMOVE. */
	guint (*timeout_add)(gpointer data, guint ms, GSourceFunc fn, gpointer fn_data);
	void (*timeout_remove)(gpointer data, guint id);
} IotTransport;

typedef struct _IotRequestTable IotRequestTable;
typedef struct _IotRequest IotRequest;

/* How one kind of request reacts. All callbacks run with the request still
 * valid; any of them may call iot_request_finish(). */
typedef struct {
	/* The IQ answer (type "result" or "error") to our IQ, from the peer we asked. */
	void (*on_iq)(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer flow);
	/* (nullable) A message payload element correlated by the flow key, from the peer. */
	void (*on_message)(IotRequest *req, const xmlNode *payload, gpointer flow);
	/* Runs exactly once when the request ends; @error is NULL on success. */
	void (*on_finish)(IotRequest *req, const GError *error, gpointer flow);
	/* (nullable) Frees @flow after on_finish. */
	GDestroyNotify flow_free;
} IotRequestClass;

/* Returns: (transfer full): a table sending through @transport (transfer none,
 * must outlive the table) with @data. Ids start with @id_prefix (e.g. "iot")
 * and carry a tag, so that iot_request_id_is_ours() recognises our stanzas.
 * Free with iot_request_table_free(). */
IotRequestTable *iot_request_table_new(const IotTransport *transport, gpointer data,
                                       const char *id_prefix);

/* Ends every pending request with IOT_ERROR_DISCONNECTED, then frees @t. */
void iot_request_table_free(IotRequestTable *t);

/* Sends @iq (transfer full) to @peer, setting its `to` and a fresh `id`, and
 * waits at most @timeout_ms for the request to finish. Returns a non-zero
 * handle for iot_request_table_cancel(). If the transport cannot send, the
 * request finishes with IOT_ERROR_DISCONNECTED from a zero-delay timeout,
 * never before this call returns. *@out_req (nullable) receives the request,
 * valid until it finishes — use it only to set the flow key right away. */
guint iot_request_send(IotRequestTable *t, const char *peer, xmlNode *iq, guint timeout_ms,
                       const IotRequestClass *klass, gpointer flow, IotRequest **out_req);

/* Correlates follow-up messages whose payload carries @key (e.g. a seqnr) to
 * @req, in addition to the IQ id. Keys are unique among pending requests;
 * returns FALSE when @key is already taken. */
gboolean iot_request_set_key(IotRequest *req, const char *key);

/* Returns: (transfer full): a random positive xs:int in decimal, unused as a
 * key by any pending request. Legacy XEP-0323 seqnrs must be integers; making
 * them random keeps other parties from guessing them. */
char *iot_request_table_new_seqnr(IotRequestTable *t);

/* Returns: (transfer full): a random string key unused by any pending request. */
char *iot_request_table_new_key(IotRequestTable *t);

/* Restarts @req's timeout: progress (accepted, a partial result) was seen. */
void iot_request_keep_alive(IotRequest *req);

/* Sets @req's timeout to @ms and restarts it. 0 means no timeout: a
 * long-lived request (an accepted event subscription) then ends only by
 * iot_request_finish(), a cancel or the table's end. */
void iot_request_set_timeout(IotRequest *req, guint ms);

/* Ends @req now; @error (nullable, transfer none) is passed to on_finish.
 * Calling it again for a finished request does nothing. */
void iot_request_finish(IotRequest *req, const GError *error);

/* TRUE once @req has ended. A class callback may ask it after anything that
 * can finish the request (iot_request_finish(), a consumer's callback):
 * @req itself stays valid until the callback returns, its flow does not.
 * A flow that feeds several elements of one answer stops at the first TRUE. */
gboolean iot_request_is_finished(const IotRequest *req);

/* (transfer none) accessors, valid while @req is. */
const char *iot_request_get_id(const IotRequest *req);
const char *iot_request_get_peer(const IotRequest *req);
guint iot_request_get_timeout(const IotRequest *req);

/* Cancels the request with @handle (IOT_ERROR_CANCELLED). Unknown or finished
 * handles are ignored; returns TRUE when something was cancelled. */
gboolean iot_request_table_cancel(IotRequestTable *t, guint handle);

/* Ends every pending request with @code and @message. */
void iot_request_table_fail_all(IotRequestTable *t, int code, const char *message);

/* An incoming IQ. Claims it (returns TRUE, after dispatching to on_iq) only
 * when @type is "result" or "error", @id belongs to a pending request and
 * @from is the address that request was sent to. */
gboolean iot_request_table_handle_iq(IotRequestTable *t, const char *type, const char *id,
                                     const char *from, const xmlNode *iq);

/* An incoming message payload carrying correlation @key. Claims it only when
 * a pending request holds @key and @from is its peer. */
gboolean iot_request_table_handle_message(IotRequestTable *t, const char *from, const char *key,
                                          const xmlNode *payload);

/* TRUE when @id is the IQ id of a request still pending in @t. */
gboolean iot_request_table_has_id(IotRequestTable *t, const char *id);

/* Number of pending requests. */
guint iot_request_table_count(IotRequestTable *t);

/* Every request sent from now on carries xml:lang=@lang (nullable: none), so
 * that things answer in the person's language. */
void iot_request_table_set_lang(IotRequestTable *t, const char *lang);

/* Returns: (transfer full) (nullable): a BCP 47 language tag from locale
 * names such as g_get_language_names() ("de_DE.UTF-8" → "de-DE"), skipping
 * C and POSIX; NULL when there is none. g_free(). */
char *iot_request_lang_from_locale(const char *const *names);

/* TRUE when @id starts as the ids of a table created with @prefix do. Anyone
 * can send such an id (another copy of the plugin does): this says nothing
 * about who made it. */
gboolean iot_request_id_has_prefix(const char *id, const char *prefix);

/* TRUE only when @id was made by a table of this process created with
 * @prefix — also one already freed (a session that ended): each id carries a
 * tag keyed with a secret drawn once per process. Ids others made, with the
 * same prefix or not, are not ours. */
gboolean iot_request_id_is_ours(const char *id, const char *prefix);

G_END_DECLS

#endif
