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

/* ---- the file format's byte level (iot-history-bytes.c) ---------------------- */

/* A 16-bit length of 0xFFFF stands for an absent string. */
#define IOT_HISTORY_ABSENT_STR 0xFFFF

/* A cursor over one record's payload; every read checks what remains and
 * marks the cursor bad instead of reading past the end. */
typedef struct {
	const guint8 *p;
	gsize left;
	gboolean bad;
} IotHistoryCursor;

/* CRC-32 (IEEE 802.3, as zlib's crc32()) of @n bytes, continuing @crc. */
guint32 iot_history_crc32(guint32 crc, const guint8 *p, gsize n);
/* Appends @v as @n little-endian bytes / an IEEE 754 double / a string field. */
void iot_history_put_le(GByteArray *b, guint64 v, guint n);
#define IOT_HISTORY_PUT_U16(b, v) iot_history_put_le((b), (v), 2)
#define IOT_HISTORY_PUT_U32(b, v) iot_history_put_le((b), (v), 4)
#define IOT_HISTORY_PUT_U64(b, v) iot_history_put_le((b), (v), 8)
void iot_history_put_f64(GByteArray *b, double v);
void iot_history_put_str(GByteArray *b, const char *s);
guint32 iot_history_get_u32(const guint8 *p);
guint64 iot_history_get_u64(const guint8 *p);
/* Returns: (transfer none) (nullable): the next @n bytes, NULL when cut off. */
const guint8 *iot_history_take(IotHistoryCursor *c, gsize n);
guint32 iot_history_take_u32(IotHistoryCursor *c);
/* A string field: absent → NULL with *present FALSE; too long, not UTF-8 or
 * cut off marks the cursor bad. Returns: (transfer full) (nullable). */
char *iot_history_take_str(IotHistoryCursor *c, gsize max, gboolean *present);

G_END_DECLS

#endif
