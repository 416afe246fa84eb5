/*
 * iot-purple-concentrator-chat.h — /nodes and /node in a chat with a
 * concentrator: its data sources and nodes as an outline, one node's
 * details, and running a node's commands (DESIGN.md §1).
 *
 * Everything shown is bounded (explicit limits; a cut says so) and written
 * through iot-purple-conv.h, so device text stays literal. A node id alone is
 * looked up in every data source; an id found in several is not guessed:
 * the candidates are listed with how to name the source.
 */
#ifndef IOT_PURPLE_CONCENTRATOR_CHAT_H
#define IOT_PURPLE_CONCENTRATOR_CHAT_H

/* Registers /nodes and /node for XMPP conversations (plugin load). */
void iot_purple_concentrator_chat_register(void);
/* Unregisters them (plugin unload). Requests under way end through the
 * concentrator adapter's shutdown. */
void iot_purple_concentrator_chat_unregister(void);

#endif
