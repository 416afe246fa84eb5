/*
 * iot-purple-control.h — the /control command.
 *
 *   /control                         list the thing's parameters: type, range,
 *                                    current value
 *   /control heater=on setpoint=21.5 set them, in that order, in one request
 *   /control … node <id>             a node behind a concentrator
 *
 * The type of each parameter comes from the thing itself: its control form
 * (getForm, waited for briefly) or, when it has none, the sensor field of the
 * same name in a momentary and status readout (XEP-0325 §5.2). What a person
 * typed is checked against that before anything is sent; one mistake anywhere
 * means nothing is sent. A set goes out once, as one iq, and is never sent
 * again (iot-control-flow.h); the answer — applied, partly applied, refused
 * per parameter, or no answer in time — is written into the conversation the
 * command was typed in.
 */
#ifndef IOT_PURPLE_CONTROL_H
#define IOT_PURPLE_CONTROL_H

#include <glib.h>

/* Registers /control with libpurple (at plugin load). */
void iot_purple_control_register(void);

/* Unregisters it (at unload). Commands still waiting for a thing end with
 * their session: each writes once that it was cancelled. */
void iot_purple_control_unregister(void);

#endif
