/*
 * iot-purple-caps.h — what each verified XEP-0115 caps version offers.
 *
 * Process-wide (caps are facts about software, not about an account): a
 * bounded map in memory in front of the store's caps table
 * (iot-store-caps.h), so that a version verified once is never asked again,
 * in this session or the next. Only answers whose verification string
 * matched the announced ver come here.
 */
#ifndef IOT_PURPLE_CAPS_H
#define IOT_PURPLE_CAPS_H

#include "iot-disco-caps.h"

/* Returns: (transfer none) (nullable): the verified answer for @caps, from
 * memory or the store; valid until the next call into this module (copy
 * it). NULL when @caps is unknown or not verifiable. */
const IotDiscoInfo *iot_purple_caps_lookup(const IotDiscoCaps *caps);

/* Remembers @info (transfer none) as what @caps offers, with @verified_xml
 * (the answer as XML, transfer none) for the store. */
void iot_purple_caps_remember(const IotDiscoCaps *caps, const IotDiscoInfo *info, const char *verified_xml);

/* Forgets what is in memory (plugin unload; the store keeps it). */
void iot_purple_caps_shutdown(void);

#endif
