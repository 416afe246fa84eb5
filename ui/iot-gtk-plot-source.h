/*
 * iot-gtk-plot-source.h — where a plot gets its data: a small interface
 * that a history store, a history in memory or a test fixture implements.
 *
 * The plot asks for one series of one thing (node, field name, numbers or
 * states) over a time range, decimated to about one entry per pixel
 * column; the source answers now (inside the call) or later (from the main
 * loop), exactly once, unless the question was cancelled first.
 *
 *   numbers  buckets {start, end, min, max, mean, last, count}, in time
 *            order, buckets without values left out, and whether they were
 *            made from every value (IOT_GTK_PLOT_SAMPLES: draw a line) or
 *            from hourly statistics (IOT_GTK_PLOT_HOURS: draw the min/max
 *            band and the mean);
 *   states   segments {start, end, value}: the value in force over that
 *            time, and how many changes could not be shown because they
 *            fell too close together.
 *
 * Plain C and GLib: an adapter fills it from the store without GTK.
 *
 * The contract, kept by iot_gtk_plot_source_query() whatever the
 * implementation does:
 *   - the answer function runs at most once, never after
 *     iot_gtk_plot_source_cancel() of its handle;
 *   - the GDestroyNotify of the caller's data runs exactly once: after the
 *     answer, at cancel, or when the source is freed;
 *   - the answer may come before iot_gtk_plot_source_query() returns (it
 *     then returns 0: nothing to cancel).
 * An implementation's own query function gets an answer function and data
 * from this wrapper; it calls that answer function at most once and its
 * GDestroyNotify exactly once (also when cancelled or freed). An answer it
 * gives after a cancel is dropped here, so an implementation that cannot
 * stop a query under way may simply let it finish.
 */
#ifndef IOT_GTK_PLOT_SOURCE_H
#define IOT_GTK_PLOT_SOURCE_H

#include <glib.h>

#include "iot-model.h"

G_BEGIN_DECLS

typedef enum {
	IOT_GTK_PLOT_NUMBERS, /* numeric, int and long fields */
	IOT_GTK_PLOT_STATES   /* booleans, enums, strings …: a timeline of values */
} IotGtkPlotKind;

typedef enum {
	IOT_GTK_PLOT_SAMPLES, /* buckets of every value kept */
	IOT_GTK_PLOT_HOURS    /* buckets of hourly statistics */
} IotGtkPlotDetail;

/* A query's range may be open at either end: from the first value kept,
 * up to the last one. The answer says which range that was. */
#define IOT_GTK_PLOT_OPEN_START G_MININT64
#define IOT_GTK_PLOT_OPEN_END G_MAXINT64

/* At most this many columns are asked for; at most this many segments of
 * an answer are drawn (the rest dropped and counted as hidden), and
 * buckets beyond twice the columns asked for are decimated. */
#define IOT_GTK_PLOT_MAX_COLUMNS 4096
#define IOT_GTK_PLOT_MAX_ENTRIES 16384
/* State values are shown cut to this many characters (then "…"). */
#define IOT_GTK_PLOT_VALUE_CHARS 60

/* What the plot asks. All (transfer none) for the duration of the call. */
typedef struct {
	const IotNodeRef *node; /* nullable: the thing itself */
	const char *name;       /* the field name as sent */
	IotGtkPlotKind kind;
	gint64 from, to;        /* µs since the epoch, UTC; from < to, or open ends */
	guint columns;          /* 1 … IOT_GTK_PLOT_MAX_COLUMNS: return at most this many */
} IotGtkPlotQuery;

/* One pixel column of numbers. */
typedef struct {
	gint64 start;          /* µs: its first value's time, or the start of its first hour */
	gint64 end;            /* µs: its last value's time, or the end of its last hour */
	double min, max, mean; /* finite */
	double last;           /* the newest value, NAN when not known (statistics) */
	guint64 count;         /* values it stands for, > 0 */
} IotGtkPlotBucket;

/* One stretch of time with one value. */
typedef struct {
	gint64 start, end; /* µs; start <= end */
	char *value;       /* never NULL: as the source keeps it (booleans "true"/"false") */
	guint hidden;      /* changes just before this segment that are not shown */
} IotGtkPlotSegment;

/* An answer. Free with iot_gtk_plot_answer_free(). */
typedef struct {
	IotGtkPlotKind kind;
	IotGtkPlotDetail detail; /* numbers only */
	gint64 from, to;         /* the range answered: the query's, its open ends made
	                          * the first and last value's time; both
	                          * IOT_TIME_UNKNOWN when an open end found no value */
	char *unit;              /* nullable: the series' unit */
	GArray *buckets;         /* (element-type IotGtkPlotBucket) numbers, time order */
	GPtrArray *segments;     /* (element-type IotGtkPlotSegment) owned; states, time order */
	guint hidden;            /* states: changes not shown in all */
} IotGtkPlotAnswer;

/* Returns: (transfer full): an empty answer of @kind for (@from, @to),
 * detail SAMPLES. */
IotGtkPlotAnswer *iot_gtk_plot_answer_new(IotGtkPlotKind kind, gint64 from, gint64 to);
void iot_gtk_plot_answer_free(IotGtkPlotAnswer *a);

/* Appends a segment (@value copied; NULL is taken as ""). */
void iot_gtk_plot_answer_add_segment(IotGtkPlotAnswer *a, gint64 start, gint64 end,
                                     const char *value, guint hidden);

/* Returns: (transfer full): @in (IotGtkPlotBucket, time order, transfer
 * none) merged into at most @columns buckets over [@from, @to]: the
 * buckets whose start falls into one column become one (min of the mins,
 * max of the maxes, mean weighted by count, last of the newest). Buckets
 * outside the range are left out. g_array_unref(). */
GArray *iot_gtk_plot_decimate(const GArray *in, gint64 from, gint64 to, guint columns);

/* @answer (transfer full, nullable) or @error (nullable) for the caller's
 * @data. */
typedef void (*IotGtkPlotAnswerFunc)(IotGtkPlotAnswer *answer, const GError *error,
                                     gpointer data);

/* What an implementation provides. @self is the pointer given to
 * iot_gtk_plot_source_new(). */
typedef struct {
	/* Starts answering @q (transfer none: copy what you keep). Returns a
	 * handle for cancel (any value; 0 when it answered already). */
	guint (*query)(gpointer self, const IotGtkPlotQuery *q, IotGtkPlotAnswerFunc answer,
	               gpointer data, GDestroyNotify destroy);
	/* (nullable) Stops query @handle; calls its destroy, not its answer. */
	void (*cancel)(gpointer self, guint handle);
	/* (nullable) The source is freed: every query still under way ends
	 * (destroy called), then @self is freed. */
	void (*free)(gpointer self);
} IotGtkPlotSourceFuncs;

typedef enum {
	IOT_GTK_PLOT_SOURCE_NUMBERS = 1 << 0, /* answers IOT_GTK_PLOT_NUMBERS */
	IOT_GTK_PLOT_SOURCE_STATES = 1 << 1   /* answers IOT_GTK_PLOT_STATES */
} IotGtkPlotSourceFlags;

typedef struct _IotGtkPlotSource IotGtkPlotSource;

/* Returns: (transfer full): a source around @self (owned: @funcs->free
 * frees it) answering what @flags say. @funcs is copied. Reference
 * counted: iot_gtk_plot_source_ref() / _unref(). */
IotGtkPlotSource *iot_gtk_plot_source_new(const IotGtkPlotSourceFuncs *funcs, guint flags,
                                          gpointer self);
IotGtkPlotSource *iot_gtk_plot_source_ref(IotGtkPlotSource *s);
/* The last reference ends every query under way (destroy called), then
 * frees the implementation. NULL-safe. */
void iot_gtk_plot_source_unref(IotGtkPlotSource *s);
guint iot_gtk_plot_source_get_flags(const IotGtkPlotSource *s);

/* Asks @s (see the contract above). @q is checked (a name, columns within
 * bounds, from < to) and its columns bounded. Returns: a handle for
 * iot_gtk_plot_source_cancel(), or 0 when @answer ran already (or @q was
 * refused: @answer ran with an error). */
guint iot_gtk_plot_source_query(IotGtkPlotSource *s, const IotGtkPlotQuery *q,
                                IotGtkPlotAnswerFunc answer, gpointer data,
                                GDestroyNotify destroy);

/* @answer of @handle will not run; its destroy runs now. Unknown or
 * finished handles are ignored. */
void iot_gtk_plot_source_cancel(IotGtkPlotSource *s, guint handle);

/* Queries under way (asked, neither answered nor cancelled). */
guint iot_gtk_plot_source_pending(const IotGtkPlotSource *s);

G_END_DECLS

#endif
