/*
 * iot-history.h — what a thing's numbers were: per-thing history for plots,
 * live values and CSV.
 *
 * An IotHistory belongs to one thing (a full or bare JID) and holds one
 * series per (node, field name): a bounded ring of samples {time, value,
 * QoS}, sorted by time, oldest dropped first when full. Readouts feed it:
 * numeric, int and long fields with a finite parsed number. A sample already
 * held (same series, time and value) is not added twice, and at one time a
 * less reliable value never replaces a more reliable one (XEP-0323 §5.7:
 * "an estimate should not overwrite an automatic read-out, an automatic
 * read-out not a signed value, …").
 *
 * Histories are saved one file per thing under a directory the caller gives
 * (DESIGN.md §7), atomically, and loaded back defensively: the files live in
 * the user's directory and anyone who can write there can put anything in
 * them, so loading never trusts a length, a count or a value it read.
 *
 * Not here: timers, the decision when to save (the adapter saves after
 * changes, at most once a second, and at sign-off), drawing.
 *
 * Memory. A sample costs 18 bytes in the rings (8 time, 8 value, 2 QoS,
 * kept in three parallel arrays so that no padding is stored); a series
 * costs about 200 bytes plus its names, and its ring grows by doubling up to
 * IOT_HISTORY_MAX_SAMPLES slots. Measured with the allocator's own counters
 * (mallinfo2, glibc 2.36, x86-64): one thing at both caps (500 series ×
 * 10 000 samples) holds 90 161 968 bytes (86 MiB), 18.03 bytes per sample;
 * a history with one full series holds 187 168 bytes. Its file takes
 * 90 106 960 bytes (18.02 bytes per sample) and is written in 0.5 s and
 * read in 0.8 s. iot_history_memory_size() reports what a history holds,
 * so that a window can say so.
 *
 * File format, version 1 (all integers little-endian):
 *
 *   magic    8 bytes   0x89 'I' 'O' 'T' 'H' 'I' 'S' 'T'
 *   version  u32       1
 *   then records, each:
 *     type     u8      'T' thing, 'S' series, 'D' samples, 'E' end
 *     length   u32     payload bytes, at most 65 536
 *     payload
 *     crc      u32     CRC-32 (IEEE 802.3, as zlib) of type, length, payload
 *
 *   str = u16 byte length (0xFFFF: absent) + that many bytes of UTF-8,
 *         at most IOT_MAX_NAME_BYTES (3071 for the thing's JID).
 *   'T' (first record): u32 history flags, str thing.
 *   'S': u32 series number (0 … 499, each once), u32 series flags,
 *        str node id, str source id, str partition, str field name, str unit.
 *   'D': u32 series number, u32 n (1 … 1024), then n samples of
 *        i64 time (µs since 1970, UTC), f64 value (IEEE 754 bits), u16 QoS.
 *   'E' (last record): u32 number of series, u64 number of samples.
 *
 * A record with a bad CRC is skipped; a record that is cut off, too long or
 * of an unknown type ends the reading there; every value read is checked
 * (finite numbers, known QoS bits, valid UTF-8, known series) and samples go
 * through the same ordering, duplicate and bound rules as live ones. What was
 * valid is kept; what was not is reported in one GError.
 */
#ifndef IOT_HISTORY_H
#define IOT_HISTORY_H

#include <glib.h>

#include "iot-model.h"

G_BEGIN_DECLS

typedef struct _IotHistory IotHistory;
typedef struct _IotHistorySeries IotHistorySeries;

typedef struct {
	gint64 timestamp; /* µs since the epoch, UTC */
	double value;     /* always finite */
	guint32 qos;      /* IotQos bits as received (0: automatic readout) */
} IotHistorySample;

/* An interval without samples that a plot should not bridge with a line. */
typedef struct {
	gint64 start; /* time of the last sample before the gap */
	gint64 end;   /* time of the first sample after it */
} IotHistoryGap;

/* What became of one sample offered to a history. */
typedef enum {
	IOT_HISTORY_ADDED,          /* a new sample */
	IOT_HISTORY_REPLACED,       /* replaced the value held at that time */
	IOT_HISTORY_DUPLICATE,      /* that time and value were held already */
	IOT_HISTORY_KEPT_BETTER,    /* a more reliable value at that time was kept */
	IOT_HISTORY_TOO_OLD,        /* the series is full and the sample older than all */
	IOT_HISTORY_SERIES_REFUSED, /* a new series beyond IOT_HISTORY_MAX_SERIES */
	IOT_HISTORY_INVALID         /* no time, or not a finite number */
} IotHistoryAdd;

/* Which bounds were hit (history and series flags). */
typedef enum {
	IOT_HISTORY_SAMPLES_DROPPED = 1 << 0, /* a series was full: its oldest samples went */
	IOT_HISTORY_SERIES_LIMITED = 1 << 1,  /* new series were refused */
	IOT_HISTORY_UNIT_CHANGED = 1 << 2     /* a series' unit changed along the way */
} IotHistoryFlags;

/* Returns: (transfer full): an empty history of @thing (a full or bare JID,
 * copied). Free with iot_history_free(). */
IotHistory *iot_history_new(const char *thing);
void iot_history_free(IotHistory *h);

/* Returns: (transfer none): the thing, as given to iot_history_new() or read
 * from the file. */
const char *iot_history_get_thing(const IotHistory *h);

/* Offers every numeric, int and long field of @r (transfer none) that has a
 * finite number, in time order. Fields without a time get @now_us, or are
 * skipped when @now_us is IOT_TIME_UNKNOWN. Returns the number of samples
 * added or replaced. */
guint iot_history_add_readout(IotHistory *h, const IotReadout *r, gint64 now_us);

/* Offers one sample to the series (@node, @name), creating it when new.
 * @node (nullable: the thing itself) and @name are copied; @unit (nullable)
 * becomes the series' unit. */
IotHistoryAdd iot_history_add(IotHistory *h, const IotNodeRef *node, const char *name,
                              const char *unit, gint64 timestamp, double value, guint32 qos);

/* The series, in the order they were first seen. Returns: (transfer none):
 * the @i-th series, valid as long as @h (series are never removed), or NULL
 * past the end. */
guint iot_history_n_series(const IotHistory *h);
const IotHistorySeries *iot_history_get_series(const IotHistory *h, guint i);

/* Returns: (transfer none) (nullable): the series of (@node (nullable),
 * @name), or NULL. */
const IotHistorySeries *iot_history_find_series(const IotHistory *h, const IotNodeRef *node,
                                                const char *name);

/* IotHistoryFlags of the whole history; samples the per-series bound
 * dropped (oldest first, or too old to keep); samples refused because their
 * series would have exceeded IOT_HISTORY_MAX_SERIES. */
guint32 iot_history_get_flags(const IotHistory *h);
guint64 iot_history_samples_dropped(const IotHistory *h);
guint iot_history_series_refused(const IotHistory *h);

/* Returns: (transfer full) (nullable): a translated sentence saying which
 * bound was hit ("Only the latest 10000 values of each field are kept."),
 * or NULL when none was. g_free(). */
char *iot_history_describe_limits(const IotHistory *h);

/* Bytes @h holds in memory (rings at their current capacity, names, tables). */
gsize iot_history_memory_size(const IotHistory *h);

/* (transfer none) accessors of a series; strings nullable except the name. */
const IotNodeRef *iot_history_series_get_node(const IotHistorySeries *s);
const char *iot_history_series_get_name(const IotHistorySeries *s);
const char *iot_history_series_get_unit(const IotHistorySeries *s);
guint32 iot_history_series_get_flags(const IotHistorySeries *s);
guint iot_history_series_length(const IotHistorySeries *s);

/* Copies the @i-th sample (0 = oldest) into @out. FALSE past the end. */
gboolean iot_history_series_nth(const IotHistorySeries *s, guint i, IotHistorySample *out);

/* Returns: (transfer full): the samples with @from <= time <= @to, oldest
 * first, as a GArray of IotHistorySample; free with g_array_unref(). Pass
 * G_MININT64 and G_MAXINT64 for everything. */
GArray *iot_history_series_samples(const IotHistorySeries *s, gint64 from, gint64 to);

/* Smallest and largest value in [@from, @to] (both out parameters
 * nullable). FALSE when the range holds no sample. */
gboolean iot_history_series_min_max(const IotHistorySeries *s, gint64 from, gint64 to,
                                    double *min, double *max);

/* The newest sample; FALSE when the series is empty. */
gboolean iot_history_series_last(const IotHistorySeries *s, IotHistorySample *out);

/* Returns: (transfer full): the gaps in [@from, @to]: every pair of
 * consecutive samples further apart than @k (> 0; 3 is a good choice) times
 * the median interval of that range, as a GArray of IotHistoryGap; free with
 * g_array_unref(). Fewer than three samples have no gaps. */
GArray *iot_history_series_gaps(const IotHistorySeries *s, gint64 from, gint64 to, double k);

/* Returns: (transfer full): the file name (no directory) of the history of
 * @thing seen from @account: a hash of both, never the JIDs themselves, so
 * that names carry nothing a device chose ("3f9a…c2.hist"). Both are
 * normalised first (case of local part and domain; @account's resource is
 * left out). g_free(). */
char *iot_history_file_name(const char *account, const char *thing);

/* Writes @h to @dir/iot_history_file_name(@account, thing) atomically: a
 * temporary file in @dir, flushed to disk, then renamed over the old one. A
 * crash at any moment leaves either the old or the new file. Creates @dir
 * (mode 0700) when missing; removes temporary files a crash left behind.
 * Returns FALSE with @error (G_FILE_ERROR) when it could not. */
gboolean iot_history_save(const IotHistory *h, const char *dir, const char *account,
                          GError **error);

/* Reads the history of @thing from @dir. Returns: (transfer full): never
 * NULL; empty, without @error, when nothing is stored there (not even a
 * link to a file that is gone). When the file is damaged, cut short, of an
 * unknown version or belongs to another thing, @error is set
 * (IOT_ERROR_MALFORMED, IOT_ERROR_NOT_SUPPORTED, or G_FILE_ERROR when it
 * cannot be read) AND what could be read is returned: unlike most GLib
 * calls, a set @error does not mean an empty result. The file must then not
 * be written over: move it aside (iot_file_move_aside()) before the next
 * save. Free with iot_history_free(). */
IotHistory *iot_history_load(const char *dir, const char *account, const char *thing,
                             GError **error);

/* The same from the file at @path. @thing (nullable) is the thing expected;
 * NULL takes the one in the file (an empty thing when nothing is there). */
IotHistory *iot_history_load_file(const char *path, const char *thing, GError **error);

/* The same from bytes in memory (@len bytes of @data). @thing (nullable)
 * is the thing expected; NULL takes the one in the data. Same contract as
 * iot_history_load(). */
IotHistory *iot_history_load_data(const guint8 *data, gsize len, const char *thing,
                                  GError **error);

/* Returns: (transfer full): @h in the file format; g_bytes_unref(). */
GBytes *iot_history_to_bytes(const IotHistory *h);

/* Rank of a QoS set in XEP-0323 §5.7's order of importance (0 = missing …
 * 13 = invoiceConfirmed); no flag counts as automaticReadout. Higher ranks
 * win at equal times. */
guint iot_history_qos_rank(guint32 qos);

G_END_DECLS

#endif
