/*
 * iot-purple-things.h — which contacts are things.
 *
 * When a contact's resource comes online we learn what it offers, so that
 * the buddy list can offer "Read sensor data…" to things and not to people:
 *  - a resource whose XEP-0115 caps version was verified before (this
 *    session, or any earlier one: iot-purple-caps.h) is known at once;
 *  - otherwise disco#info is asked in the background, a few at a time, once
 *    per caps version: resources announcing a version under way wait for its
 *    answer, which stands for all of them only when it verifies (else the
 *    next waiting resource is asked);
 *  - a resource without caps (or with legacy or unverifiable caps) is asked
 *    on its own, once while it stays online.
 * Answers land in the session's disco cache per full JID; a caps change or
 * going offline forgets them, and the resource is asked again when needed.
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
