/*
 * iot-purple-known.h — what a resource of a contact told us, so that it need
 * not be asked again.
 *
 * Two things, kept in memory per full JID: that it has no control form (for
 * itself, or for a set of its nodes), and the last momentary and status
 * values it reported, whose types tell how to control a thing without a form
 * (XEP-0325 §5.2). The account's session owns one store and forgets a
 * resource when it goes offline, comes back, or announces other caps: what
 * is known holds for as long as the resource and its caps stay the same.
 *
 * Every string here came from the network: the store only keeps and
 * compares it, bounded (fields per resource, resources per store).
 */
#ifndef IOT_PURPLE_KNOWN_H
#define IOT_PURPLE_KNOWN_H

#include <glib.h>

#include "iot-control.h"
#include "iot-model.h"

typedef struct _IotPurpleKnown IotPurpleKnown;

/* Returns: (transfer full): an empty store; free with iot_purple_known_free(). */
IotPurpleKnown *iot_purple_known_new(void);
/* NULL-safe. */
void iot_purple_known_free(IotPurpleKnown *k);

/* Forgets everything about @full_jid (it went offline, came back or changed
 * its caps). */
void iot_purple_known_forget(IotPurpleKnown *k, const char *full_jid);

/* Remembers that @full_jid has no control form for @nodes (nullable,
 * element-type IotNodeRef; NULL or empty: the thing itself). */
void iot_purple_known_set_no_form(IotPurpleKnown *k, const char *full_jid, const GPtrArray *nodes);
/* TRUE when @full_jid is known to have no control form for @nodes. */
gboolean iot_purple_known_no_form(const IotPurpleKnown *k, const char *full_jid,
                                  const GPtrArray *nodes);

/* Keeps the momentary and status values of @readout (transfer none) that
 * @full_jid sent, replacing older values of the same node and name. */
void iot_purple_known_add_readout(IotPurpleKnown *k, const char *full_jid,
                                  const IotReadout *readout);

/* Returns: (transfer full) (nullable): the last values of @full_jid for
 * @nodes (nullable: all of them) as one readout (iot_readout_free()), when
 * they name every parameter in @names (as /control finds them: exact name,
 * else ignoring case); NULL when any is missing, or @names is NULL or
 * empty: then only the thing can tell. */
IotReadout *iot_purple_known_values(const IotPurpleKnown *k, const char *full_jid,
                                    const GPtrArray *nodes, const char *const *names);

/* @full_jid accepted @set (transfer none) as @result says: the values kept
 * for the parameters it applied become the ones sent. */
void iot_purple_known_note_set(IotPurpleKnown *k, const char *full_jid, const IotControlSet *set,
                               const IotControlResult *result);

#endif
