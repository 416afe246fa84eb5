/*
 * iot-purple-read.h — the /read command.
 *
 * Parses the arguments, resolves the chat partner to a thing's full JID and
 * generation, runs one readout and writes the result (or the reason it
 * failed) into the conversation it was typed in.
 */
#ifndef IOT_PURPLE_READ_H
#define IOT_PURPLE_READ_H

#include <glib.h>

void iot_purple_read_register(void);
void iot_purple_read_unregister(void);

#endif
