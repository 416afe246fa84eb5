/*
 * iot-controllog.h — the local record of every control a person sent.
 *
 * One entry per parameter per request: when, which thing (and node), which
 * parameter, its value before (when known) and the value asked for, and what
 * became of it — applied, not applied (a partial acceptance left it out, or
 * the thing refused another parameter of the same all-or-nothing request),
 * refused (with the thing's own words), or unknown (no answer: the change may
 * or may not have been made; it was not sent again).
 *
 * Entries are kept in the store (iot-store-controllog.h). This module holds
 * what an entry is, what becomes of a request, and the bounded in-memory
 * list (oldest entries go first) that the line-based text file of earlier
 * versions is read into, so that it can be imported: a file that is
 * damaged loses only its damaged lines. Every string is bounded and cleaned
 * of characters a line or a display cannot hold; what comes from a thing
 * stays hostile text for whoever shows it (escape it).
 *
 * Pure: no clock (times are passed in), no session, no UI.
 */
#ifndef IOT_CONTROLLOG_H
#define IOT_CONTROLLOG_H

#include <glib.h>

#include "iot-control.h"

G_BEGIN_DECLS

/* Entries a log keeps by default; older ones are dropped first. */
#define IOT_CONTROL_LOG_MAX_ENTRIES 5000

typedef enum {
	IOT_CONTROL_OUTCOME_APPLIED = 0, /* the thing confirmed it */
	IOT_CONTROL_OUTCOME_NOT_APPLIED, /* confirmed request, but not this one; or refused for another */
	IOT_CONTROL_OUTCOME_REFUSED,     /* the thing refused it (detail: its words) */
	IOT_CONTROL_OUTCOME_UNKNOWN,     /* no answer (yet): timeout, disconnect, cancel, or waiting */
	IOT_CONTROL_OUTCOME_COUNT
} IotControlOutcome;

typedef struct {
	gint64 time;          /* µs since the Unix epoch, UTC */
	char *thing;          /* bare JID, never NULL */
	char *node;           /* node id behind a concentrator, nullable */
	char *param;          /* parameter name as on the wire, never NULL */
	char *old_value;      /* wire value before, nullable = not known */
	char *new_value;      /* wire value asked for, never NULL */
	IotControlOutcome outcome;
	char *detail;         /* nullable: the thing's words, or why the outcome is unknown */
	char *account;        /* nullable: the bare JID of the account that sent it (not
	                       * known for entries of the text file) */
	char *node_source;    /* nullable: the node's data source */
	char *node_partition; /* nullable: the node's partition (cacheType, pt) */
} IotControlLogEntry;

/* Returns: (transfer full): a copy of @entry (@thing, @param and @new_value
 * non-NULL) with every string bounded and cleaned and the time and outcome
 * in range, as iot_control_log_append() keeps it. Free with
 * iot_control_log_entry_free(). */
IotControlLogEntry *iot_control_log_entry_copy(const IotControlLogEntry *entry);

/* NULL-safe. */
void iot_control_log_entry_free(IotControlLogEntry *entry);

/* One parameter of a request as the person asked for it. */
typedef struct {
	const char *param;     /* never NULL */
	const char *old_value; /* nullable */
	const char *new_value; /* never NULL */
} IotControlChange;

typedef struct _IotControlLog IotControlLog;

/* Returns: (transfer full): an empty log keeping at most @max_entries
 * (0 = IOT_CONTROL_LOG_MAX_ENTRIES). Free with iot_control_log_free(). */
IotControlLog *iot_control_log_new(guint max_entries);
void iot_control_log_free(IotControlLog *log);

/* Appends a copy of @entry (strings bounded and cleaned), dropping the
 * oldest entry when full. A time outside the years 1000 to 9999, which no
 * file line can hold, is kept at the nearer end of that range. */
void iot_control_log_append(IotControlLog *log, const IotControlLogEntry *entry);

guint iot_control_log_len(const IotControlLog *log);
/* Returns: (transfer none): entry @i, 0 = the oldest; valid until the log
 * changes. */
const IotControlLogEntry *iot_control_log_get(const IotControlLog *log, guint i);

/* Returns: (transfer full) (element-type IotControlLogEntry): the entries of
 * one request as it is sent, one per node of @nodes (element-type
 * IotNodeRef, nullable/empty = no node) and per @changes item (in that
 * order; items without a parameter or a value are left out), all at @time,
 * from @account (nullable), with the outcome UNKNOWN and no detail until
 * iot_control_log_entries_set_result() says what became of them.
 * g_ptr_array_unref(). */
GPtrArray *iot_control_log_entries_new(gint64 time, const char *account, const char *thing,
                                       const GPtrArray *nodes, const IotControlChange *changes,
                                       guint n_changes);

/* Sets the outcome and detail of every entry of one request (@entries as
 * iot_control_log_entries_new() made them) from its answer. @result
 * (nullable) is the thing's answer; @error (nullable) why the request
 * failed (result->error when there is a result). Outcome per entry:
 * no error → APPLIED, or NOT_APPLIED when the thing listed what it applied
 * and left this parameter (or node) out; a per-parameter error → REFUSED
 * with its text; timeout, disconnect, cancel → UNKNOWN with @detail; any
 * other error → REFUSED with @detail (or the error's message) when no
 * parameter was named, NOT_APPLIED when another parameter was refused.
 * @detail (nullable): the sentence for a failure, as the person saw it. */
void iot_control_log_entries_set_result(GPtrArray *entries, const IotControlResult *result,
                                        const GError *error, const char *detail);

/* Appends what became of one request: iot_control_log_entries_new() (without
 * an account) and iot_control_log_entries_set_result() in one. */
void iot_control_log_add_result(IotControlLog *log, gint64 time, const char *thing,
                                const GPtrArray *nodes, const IotControlChange *changes,
                                guint n_changes, const IotControlResult *result,
                                const GError *error, const char *detail);

/* Returns: (transfer none): the outcome as a short translated word
 * ("applied", "not applied", "refused", "unknown"). */
const char *iot_control_outcome_label(IotControlOutcome outcome);

/* Returns: (transfer full): the log in @path, the text file earlier
 * versions wrote (keeping at most @max_entries, the newest), for an import
 * into the store; an empty log when nothing is at @path (not even a link to
 * a file that is gone) or the file is empty; NULL with @error when it
 * cannot be read (G_FILE_ERROR) or is not a control log
 * (IOT_ERROR_MALFORMED; IOT_ERROR_NOT_SUPPORTED for a newer version of the
 * format) — then it is not imported but moved aside
 * (iot_file_move_aside()). Damaged lines are skipped. */
IotControlLog *iot_control_log_load(const char *path, guint max_entries, GError **error);

G_END_DECLS

#endif
