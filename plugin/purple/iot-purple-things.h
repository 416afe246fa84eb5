/*
 * iot-purple-things.h — which contacts are things.
 *
 * When a contact's resource comes online we ask it disco#info once (a few
 * at a time, in the background), so that the buddy list can offer "Read
 * sensor data…" to things and not to people. Answers land in the session's
 * disco cache; a caps change or going offline forgets them.
 */
#ifndef IOT_PURPLE_THINGS_H
#define IOT_PURPLE_THINGS_H

#include "iot-purple-session.h"

/* A resource of a contact became available: learn what it is, if unknown. */
void iot_purple_things_seen(IotPurpleSession *s, const char *full_jid);

/* TRUE when an available resource of @bare is known to offer an IoT function. */
gboolean iot_purple_things_is_thing(IotPurpleSession *s, const char *bare);

/* TRUE when an available resource of @bare offers @func; *@full (nullable)
 * receives that resource (transfer none, valid until the next presence). */
gboolean iot_purple_things_offers(IotPurpleSession *s, const char *bare, IotFunction func,
                                  const char **full);

#endif
