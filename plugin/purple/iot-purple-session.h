/*
 * iot-purple-session.h — per-account state while an XMPP account is online.
 *
 * A session exists from `signed-on` to `signing-off` of one prpl-jabber
 * account. It owns the request table (so every pending request of a
 * connection ends when it goes), the disco#info cache, where nodes live
 * behind concentrators, and what we learnt of contacts' resources from
 * presence. Nothing here keeps a PurpleConnection
 * across an async boundary: the account is the key, the connection is looked
 * up again each time something is sent.
 */
#ifndef IOT_PURPLE_SESSION_H
#define IOT_PURPLE_SESSION_H

#include <account.h>
#include <connection.h>
#include <libxml/tree.h>

#include "iot-concentrator.h"
#include "iot-disco.h"
#include "iot-disco-caps.h"
#include "iot-purple-known.h"
#include "iot-request.h"

/* The prefix of every IQ id we send. Others use it too (another copy of the
 * plugin): iot_request_id_is_ours() tells our ids; SM re-sends of our get
 * and set requests that are no longer pending are neutralised (see
 * iot-purple-stream.c). */
#define IOT_PURPLE_ID_PREFIX "iot"

typedef struct {
	char *full_jid;
	int priority;
	IotDiscoCaps *caps; /* nullable: the XEP-0115 caps of its last presence */
} IotPurpleResource;

typedef struct _IotPurpleSession IotPurpleSession;

struct _IotPurpleSession {
	PurpleAccount *account;     /* borrowed: sessions end before accounts do */
	IotRequestTable *table;     /* owned */
	IotDiscoCache *disco;       /* owned */
	IotConcentratorCache *concentrators; /* owned: data sources and node places per full JID */
	GHashTable *resources;      /* bare JID → GList of IotPurpleResource, owned */
	GList *closers;             /* (element-type Closer) things to end before the table */
	/* Discovery of what contacts offer (iot-purple-things.c): */
	GQueue *discover_queue;     /* full JIDs waiting for disco#info */
	GHashTable *discover_asked; /* full JID → what it was asked for while online */
	GHashTable *caps_pending;   /* caps key → GQueue of full JIDs waiting for its answer */
	guint discovering;          /* disco#info requests under way */
	IotPurpleKnown *known;      /* owned: what each resource told us (no form, last values) */
};

/* Creates the session of @account (if it has none). */
IotPurpleSession *iot_purple_session_start(PurpleAccount *account);
/* Ends @account's session: pending work ends with @code (IOT_ERROR_DISCONNECTED
 * on sign-off, IOT_ERROR_CANCELLED on unload). */
void iot_purple_session_end(PurpleAccount *account, int code);
/* Ends every session. */
void iot_purple_session_end_all(int code);

/* Returns: (transfer none) (nullable). */
IotPurpleSession *iot_purple_session_get(PurpleAccount *account);
IotPurpleSession *iot_purple_session_for_gc(PurpleConnection *gc);

/* Sends @stanza (transfer none) on the account's stream, if it is connected. */
gboolean iot_purple_session_send(IotPurpleSession *s, const xmlNode *stanza);

/* The timeout for requests, from the plugin's preference, in seconds. */
guint iot_purple_session_timeout_s(void);

/* Presence bookkeeping; @caps (nullable, transfer none) is what the presence
 * announced. Returns TRUE when @from became available just now (it was not
 * known as available before). */
gboolean iot_purple_session_presence(IotPurpleSession *s, const char *from, gboolean available,
                                     int priority, const IotDiscoCaps *caps);
/* Returns: (transfer none) (nullable): the available resource @full_jid. */
IotPurpleResource *iot_purple_session_resource(IotPurpleSession *s, const char *full_jid);
/* Returns: (transfer container): the available resources of @bare, highest
 * priority first; g_list_free() (the elements stay owned by the session). */
GList *iot_purple_session_resources(IotPurpleSession *s, const char *bare);

/* Caches @info (transfer none) as what @full_jid offers, tied to the caps
 * `ver` that resource last announced, so that a change forgets it (and what
 * was learnt of its nodes with it). */
void iot_purple_session_store_disco(IotPurpleSession *s, const char *full_jid,
                                    const IotDiscoInfo *info);

/* Registers @fn(@data) to run once if the session ends before the owner
 * removes it; returns a token for iot_purple_session_remove_closer(). */
gpointer iot_purple_session_add_closer(IotPurpleSession *s, void (*fn)(gpointer data, int code),
                                       gpointer data);
void iot_purple_session_remove_closer(IotPurpleSession *s, gpointer token);

#endif
