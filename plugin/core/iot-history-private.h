/*
 * iot-history-private.h — internals shared by iot-history.c (the rings and
 * their rules) and iot-history-file.c (saving and loading). Nothing outside
 * the history module includes this header.
 */
#ifndef IOT_HISTORY_PRIVATE_H
#define IOT_HISTORY_PRIVATE_H

#include <glib.h>

#include "iot-history.h"
#include "iot-model.h"

G_BEGIN_DECLS

#define IOT_HISTORY_QOS_MASK ((1u << IOT_QOS_COUNT) - 1)
G_STATIC_ASSERT(IOT_QOS_COUNT <= 16); /* QoS is kept in 16 bits */
#define IOT_HISTORY_KNOWN_FLAGS                                                                \
	(IOT_HISTORY_SAMPLES_DROPPED | IOT_HISTORY_SERIES_LIMITED | IOT_HISTORY_UNIT_CHANGED)

struct _IotHistorySeries {
	IotNodeRef node;
	char *name;
	char *unit; /* NULL: none */
	guint32 flags;
	/* Logical sample i (0 = oldest) lives in slot (start + i) % cap of three
	 * parallel arrays: no padding is stored between time, value and QoS. */
	gint64 *t;
	double *v;
	guint16 *q;
	guint start, len, cap;
	GArray *pending; /* (element-type private to iot-history-file.c) only while loading */
};

struct _IotHistory {
	char *thing;
	GPtrArray *series;  /* (element-type IotHistorySeries) owned */
	GHashTable *by_key; /* IotHistorySeries → itself, borrowed */
	guint32 flags;
	guint64 samples_dropped;
	guint series_refused;
};

/* Returns: (transfer none) (nullable): the series of (@node (nullable),
 * @name), made when new; NULL when IOT_HISTORY_MAX_SERIES refuses it (which
 * is counted and flagged). */
IotHistorySeries *iot_history_intern(IotHistory *h, const IotNodeRef *node, const char *name);

/* Sets the unit (nullable; "" is none); flags a change when samples exist. */
void iot_history_series_set_unit(IotHistorySeries *s, const char *unit);

/* Re-allocates the ring of @s to @cap slots (>= its length), oldest first. */
void iot_history_ring_resize(IotHistorySeries *s, guint cap);

/* Counts and flags @n samples dropped from @s by the bound. */
void iot_history_note_dropped(IotHistory *h, IotHistorySeries *s, guint n);

/* XEP-0323 §5.7 at one time: TRUE when a value with @new_qos replaces one
 * with @old_qos — the more important QoS wins, at equal importance the
 * later value, which corrects the earlier. */
gboolean iot_history_replaces(guint32 new_qos, guint32 old_qos);

void iot_history_series_free(gpointer s);

G_END_DECLS

#endif
