/*
 * iot-purple-target.h — which full JID to ask, and in which generation.
 *
 * A chat with a thing is usually with its bare JID. IQs must go to a full
 * JID (protocols.md §2.1), so we pick an available resource — asking the
 * server with a presence probe when we have not seen one yet — and ask
 * disco#info (cached per full JID) which generation it speaks for the
 * function wanted.
 */
#ifndef IOT_PURPLE_TARGET_H
#define IOT_PURPLE_TARGET_H

#include "iot-ns.h"
#include "iot-purple-session.h"

/* @full_jid is NULL on error. Runs exactly once, also when the session ends. */
typedef void (*IotPurpleTargetFunc)(const char *full_jid, IotGeneration gen, const GError *error,
                                    gpointer user_data);

/* Resolves @who (bare or full JID) for @func. @destroy frees @user_data after @cb. */
void iot_purple_target_resolve(IotPurpleSession *s, const char *who, IotFunction func,
                               IotPurpleTargetFunc cb, gpointer user_data, GDestroyNotify destroy);

#endif
