/*
 * iot-purple-stream.h — our hooks on the account's XMPP stream.
 *
 * Connects to prpl-jabber's signals: IQ answers we are waiting for (claimed
 * only from the address asked), sensor-data messages (consumed so that no
 * empty IM pops up), presence (resources and caps), the outgoing path (stale
 * re-sends of our IQs by stream management are made harmless), and the
 * connection life cycle (sessions start at sign-on, end at sign-off).
 */
#ifndef IOT_PURPLE_STREAM_H
#define IOT_PURPLE_STREAM_H

#include <plugin.h>

/* Returns FALSE when prpl-jabber is not loaded. */
gboolean iot_purple_stream_connect(PurplePlugin *plugin);
/* Signal handlers are disconnected by libpurple on unload; this ends sessions. */
void iot_purple_stream_disconnect(PurplePlugin *plugin);

#endif
