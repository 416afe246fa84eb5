/* iot-purple-stream.c — signal handlers on prpl-jabber. See iot-purple-stream.h. */
#include "iot-purple-stream.h"

#include "iot-dynform.h"
#include "iot-error.h"
#include "iot-ns.h"
#include "iot-purple-alert-private.h"
#include "iot-purple-history.h"
#include "iot-purple-concentrator.h"
#include "iot-purple-controlform.h"
#include "iot-purple-pubsub-private.h"
#include "iot-purple-registry-private.h"
#include "iot-provisioning.h"
#include "iot-purple-session.h"
#include "iot-purple-ui.h"
#include "iot-purple-watch.h"
#include "iot-jid.h"
#include "iot-purple-things.h"
#include "iot-purple-xml.h"
#include "iot-readout.h"
#include "iot-sensordata.h"
#include "iot-xml.h"

#include <connection.h>
#include <debug.h>
#include <prpl.h>
#include <signals.h>

#include <stdlib.h>
#include <string.h>

static gboolean
is_jabber(PurpleConnection *gc)
{
	PurpleAccount *a = gc ? purple_connection_get_account(gc) : NULL;

	return a != NULL && g_strcmp0(purple_account_get_protocol_id(a), "prpl-jabber") == 0;
}

static gboolean
is_token_challenge(xmlnode *iq)
{
	xmlnode *c;

	for (c = iq->child; c != NULL; c = c->next)
		if (c->type == XMLNODE_TYPE_TAG && g_strcmp0(c->name, "tokenChallenge") == 0)
			return TRUE;
	return FALSE;
}

/* Owner questions and "answered elsewhere" notices of a provisioning
 * service: a child in an owner namespace. */
static gboolean
has_owner_payload(xmlnode *message)
{
	xmlnode *c;

	for (c = message->child; c != NULL; c = c->next)
		if (c->type == XMLNODE_TYPE_TAG && c->xmlns != NULL &&
		    iot_provisioning_ns_generation(c->xmlns) != IOT_GEN_UNKNOWN)
			return TRUE;
	return FALSE;
}

/* IQ answers: claim only result/error IQs whose id we wait for and whose
 * `from` is the address we asked (the prpl's own from-check runs after us). */
static gboolean
receiving_iq_cb(PurpleConnection *gc, const char *type, const char *id, const char *from,
                xmlnode *iq, gpointer data)
{
	IotPurpleSession *s;
	xmlDoc *doc;
	gboolean claimed;

	/* A token challenge (XEP-0324 §3.1.4): answered as the guard allows. */
	if (g_strcmp0(type, "get") == 0 && from != NULL && is_token_challenge(iq) &&
	    (s = iot_purple_session_for_gc(gc)) != NULL && (doc = iot_purple_xml_import(iq)) != NULL) {
		claimed = iot_purple_provisioning_handle_challenge(s->account, from, id, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
		return claimed;
	}
	/* A get or set is someone's request to us, whatever its id: the prpl
	 * answers it. Only answers to ids we made can be ours. */
	if ((g_strcmp0(type, "result") != 0 && g_strcmp0(type, "error") != 0) ||
	    !iot_request_id_is_ours(id, IOT_PURPLE_ID_PREFIX) || (s = iot_purple_session_for_gc(gc)) == NULL)
		return FALSE;
	if (!iot_request_table_has_id(s->table, id)) {
		purple_debug_info("xmpp-iot", "dropping late or unknown answer %s from %s\n", id,
		                  from ? from : "(none)");
		return FALSE;
	}
	doc = iot_purple_xml_import(iq);
	if (doc == NULL)
		return FALSE;
	/* An answer without `from` comes from our own account (RFC 6120
	 * §8.1.2.1): our own PEP service, asked at our bare JID. */
	if (from == NULL || *from == '\0') {
		char *own = iot_purple_pubsub_own_jid(s->account);

		claimed = own != NULL && iot_request_table_handle_iq(s->table, type, id, own, xmlDocGetRootElement(doc));
		g_free(own);
		xmlFreeDoc(doc);
		return claimed;
	}
	claimed = iot_request_table_handle_iq(s->table, type, id, from, xmlDocGetRootElement(doc));
	if (!claimed)
		purple_debug_warning("xmpp-iot", "answer %s came from %s, not from the address asked; ignored\n",
		                     id, from ? from : "(none)");
	xmlFreeDoc(doc);
	return claimed;
}

static gboolean
has_iot_payload(xmlnode *message)
{
	xmlnode *c;

	for (c = message->child; c != NULL; c = c->next) {
		IotFunction f;
		if (c->type == XMLNODE_TYPE_TAG && iot_ns_classify(c->xmlns, NULL, &f) &&
		    (f == IOT_FUNC_SENSORDATA || f == IOT_FUNC_EVENTS))
			return TRUE;
		/* Query progress and data-source events of a concentrator (NF
		 * sends each in a normal message without a body). */
		if (c->type == XMLNODE_TYPE_TAG && iot_ns_classify(c->xmlns, NULL, &f) && f == IOT_FUNC_CONCENTRATOR &&
		    xmlnode_get_child(message, "body") == NULL)
			return TRUE;
		/* A control form a thing pushes (XEP-0336), in either of its
		 * namespaces: the same test as iot_dynform_is_updated(). */
		if (c->type == XMLNODE_TYPE_TAG && g_strcmp0(c->name, "updated") == 0 &&
		    iot_dataform_is_dynamic_ns(c->xmlns))
			return TRUE;
	}
	return FALSE;
}

/* A headline is an alert of the sender the server stamped, in the inbox
 * and never a popup; one that carries a pubsub event is published data
 * (PEP avatars and nicks among it): let through, untouched. */
static gboolean
headline(PurpleConnection *gc, xmlnode *message)
{
	xmlDoc *doc;
	gboolean taken;

	if (xmlnode_get_child_with_namespace(message, "event", "http://jabber.org/protocol/pubsub#event") != NULL)
		return FALSE;
	doc = iot_purple_xml_import(message);
	if (doc == NULL)
		return TRUE; /* not readable: dropped, never a popup */
	taken = iot_purple_alert_headline(purple_connection_get_account(gc), xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return taken;
}

/* Sensor-data messages belong to us whether or not a readout claims them:
 * they have no body, and an unclaimed one (late, forged) must not show up
 * as an empty IM either. */
static gboolean
receiving_message_cb(PurpleConnection *gc, const char *type, const char *id, const char *from,
                     const char *to, xmlnode *message, gpointer data)
{
	IotPurpleSession *s;
	xmlDoc *doc;
	xmlNode *c;
	guint claimed = 0, seen = 0;

	if (!is_jabber(gc))
		return FALSE;
	/* Pubsub events (of nodes the prpl does not handle itself) and
	 * subscription approval requests: ours, never an empty IM. */
	if (iot_purple_pubsub_wants_message(purple_connection_get_account(gc), message)) {
		s = iot_purple_session_for_gc(gc);
		if (s != NULL && from != NULL && (doc = iot_purple_xml_import(message)) != NULL) {
			iot_purple_pubsub_handle_message(s->account, from, xmlDocGetRootElement(doc));
			xmlFreeDoc(doc);
		}
		return TRUE;
	}
	/* Owner questions and notices: ours (a question becomes a pending one,
	 * never an IM). */
	if (has_owner_payload(message) && (s = iot_purple_session_for_gc(gc)) != NULL && from != NULL &&
	    (doc = iot_purple_xml_import(message)) != NULL) {
		gboolean ours = iot_purple_provisioning_wants_message(xmlDocGetRootElement(doc));

		if (ours)
			iot_purple_provisioning_handle_message(s->account, from, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
		if (ours)
			return TRUE;
	}
	if (!has_iot_payload(message))
		return g_strcmp0(type, "headline") == 0 && headline(gc, message);
	s = iot_purple_session_for_gc(gc);
	if (s == NULL || from == NULL)
		return TRUE;
	doc = iot_purple_xml_import(message);
	if (doc == NULL)
		return TRUE;
	iot_purple_concentrator_handle_message(s->account, from, xmlDocGetRootElement(doc));
	for (c = iot_xml_first(xmlDocGetRootElement(doc)); c != NULL; c = iot_xml_next(c)) {
		if (iot_dynform_is_updated(c)) {
			iot_purple_controlform_handle_updated(s->account, from, c);
			continue;
		}
		if (!iot_sd_is_payload(c))
			continue;
		seen++;
		if (iot_readout_handle_message(s->table, from, c))
			claimed++;
	}
	if (claimed < seen)
		purple_debug_info("xmpp-iot", "ignored %u sensor-data element(s) from %s: no readout waits for them\n",
		                  seen - claimed, from);
	xmlFreeDoc(doc);
	return TRUE;
}

static gboolean
receiving_presence_cb(PurpleConnection *gc, const char *type, const char *from, xmlnode *presence,
                      gpointer data)
{
	IotPurpleSession *s = iot_purple_session_for_gc(gc);
	xmlnode *prio, *c;
	IotDiscoCaps *caps = NULL;
	char *p = NULL;
	int priority = 0;
	gboolean available;

	if (s == NULL || from == NULL)
		return FALSE;
	/* A friend request from someone not in the buddy list: shown with what
	 * it says it is (iot-purple-registry-friend.c). */
	if (g_strcmp0(type, "subscribe") == 0) {
		xmlnode *nick = xmlnode_get_child_with_namespace(presence, "nick", "http://jabber.org/protocol/nick");
		char *n = nick ? xmlnode_get_data(nick) : NULL;
		gboolean ours = iot_purple_registry_subscription_request(s->account, from, n);

		g_free(n);
		return ours;
	}
	available = type == NULL || *type == '\0' || strcmp(type, "available") == 0;
	if (!available && g_strcmp0(type, "unavailable") != 0)
		return FALSE; /* subscription management and probes: not about resources */
	prio = xmlnode_get_child(presence, "priority");
	if (prio != NULL && (p = xmlnode_get_data(prio)) != NULL)
		priority = CLAMP(atoi(p), -128, 127);
	g_free(p);
	/* XEP-0115: bounded copies; legacy caps (no hash) are kept for noticing a change. */
	c = xmlnode_get_child_with_namespace(presence, "c", IOT_NS_CAPS);
	if (c != NULL)
		caps = iot_disco_caps_new(xmlnode_get_attrib(c, "hash"), xmlnode_get_attrib(c, "node"),
		                          xmlnode_get_attrib(c, "ver"));
	if (iot_purple_session_presence(s, from, available, priority, caps)) {
		char *bare = iot_jid_bare(from);
		iot_purple_watch_thing_online(s->account, bare);
		g_free(bare);
		iot_purple_concentrator_presence(s->account, from, TRUE);
	}
	iot_disco_caps_free(caps);
	if (!available)
		iot_purple_concentrator_presence(s->account, from, FALSE);
	if (available)
		iot_purple_things_seen(s, from);
	return FALSE;
}

/* Stream management (XEP-0198) re-sends un-acknowledged stanzas after a
 * reconnect, before signed-on. One of ours that is no longer pending must
 * not reach a thing twice — a control <set/> would run again. We turn it
 * into a harmless ping to our own server: setting *packet to NULL would make
 * the prpl's writer log criticals (libpurple.md §10.2).
 *
 * Only our own requests: a get or set whose id this process made (the id's
 * tag says so, also after the session that sent it ended). A result or an
 * error answers someone else's request with their id — another person
 * running this plugin uses the same prefix — and always goes out. */
static void
sending_xmlnode_cb(PurpleConnection *gc, xmlnode **packet, gpointer data)
{
	IotPurpleSession *s;
	xmlnode *node, *c, *next;
	const char *id, *type;

	if (packet == NULL || (node = *packet) == NULL || g_strcmp0(node->name, "iq") != 0)
		return;
	type = xmlnode_get_attrib(node, "type");
	if (g_strcmp0(type, "get") != 0 && g_strcmp0(type, "set") != 0)
		return;
	id = xmlnode_get_attrib(node, "id");
	if (!iot_request_id_is_ours(id, IOT_PURPLE_ID_PREFIX))
		return;
	s = iot_purple_session_for_gc(gc);
	if (s != NULL && iot_request_table_has_id(s->table, id))
		return;
	purple_debug_warning("xmpp-iot", "neutralising a stale re-send of request %s\n", id);
	for (c = node->child; c != NULL; c = next) {
		next = c->next;
		if (c->type == XMLNODE_TYPE_TAG)
			xmlnode_free(c);
	}
	xmlnode_remove_attrib(node, "to");
	xmlnode_set_attrib(node, "type", "get");
	c = xmlnode_new_child(node, "ping");
	xmlnode_set_namespace(c, IOT_NS_PING);
}

static void
session_changed(PurpleAccount *account, gboolean online)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();

	iot_purple_watch_session_changed(account, online);
	if (ui != NULL && ui->session_changed != NULL)
		ui->session_changed(account, online);
}

static void
signed_on_cb(PurpleConnection *gc, gpointer data)
{
	if (!is_jabber(gc))
		return;
	iot_purple_session_start(purple_connection_get_account(gc));
	session_changed(purple_connection_get_account(gc), TRUE);
	iot_purple_alert_session_changed(purple_connection_get_account(gc), TRUE);
	iot_purple_concentrator_session_changed(purple_connection_get_account(gc), TRUE);
	iot_purple_pubsub_session_changed(purple_connection_get_account(gc), TRUE);
}

static void
signing_off_cb(PurpleConnection *gc, gpointer data)
{
	if (!is_jabber(gc))
		return;
	/* Registry operations end before the session's table goes. */
	iot_purple_registry_session_changed(purple_connection_get_account(gc), FALSE);
	/* Subscriptions say goodbye while the stream is still up. */
	iot_purple_concentrator_session_changed(purple_connection_get_account(gc), FALSE);
	iot_purple_alert_session_changed(purple_connection_get_account(gc), FALSE);
	iot_purple_pubsub_session_changed(purple_connection_get_account(gc), FALSE);
	iot_purple_session_end(purple_connection_get_account(gc), IOT_ERROR_DISCONNECTED);
	session_changed(purple_connection_get_account(gc), FALSE);
	iot_purple_pubsub_events_flush();
	iot_purple_history_flush();
}

gboolean
iot_purple_stream_connect(PurplePlugin *plugin)
{
	PurplePlugin *jabber = purple_find_prpl("prpl-jabber");
	GList *l;

	if (jabber == NULL)
		return FALSE;
	purple_signal_connect(jabber, "jabber-receiving-iq", plugin, PURPLE_CALLBACK(receiving_iq_cb), NULL);
	purple_signal_connect(jabber, "jabber-receiving-message", plugin,
	                      PURPLE_CALLBACK(receiving_message_cb), NULL);
	purple_signal_connect(jabber, "jabber-receiving-presence", plugin,
	                      PURPLE_CALLBACK(receiving_presence_cb), NULL);
	purple_signal_connect(jabber, "jabber-sending-xmlnode", plugin, PURPLE_CALLBACK(sending_xmlnode_cb),
	                      NULL);
	purple_signal_connect(purple_connections_get_handle(), "signed-on", plugin,
	                      PURPLE_CALLBACK(signed_on_cb), NULL);
	purple_signal_connect(purple_connections_get_handle(), "signing-off", plugin,
	                      PURPLE_CALLBACK(signing_off_cb), NULL);
	/* Enabled while accounts are already online: start their sessions now. */
	for (l = purple_connections_get_all(); l != NULL; l = l->next) {
		PurpleConnection *gc = l->data;
		if (is_jabber(gc) && purple_connection_get_state(gc) == PURPLE_CONNECTED)
			iot_purple_session_start(purple_connection_get_account(gc));
	}
	return TRUE;
}

void
iot_purple_stream_disconnect(PurplePlugin *plugin)
{
	iot_purple_session_end_all(IOT_ERROR_CANCELLED);
}
