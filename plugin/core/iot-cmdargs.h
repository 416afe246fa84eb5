/*
 * iot-cmdargs.h — the words after a chat command, parsed.
 *
 *   /read                      the thing as it is now: momentary and status values
 *   /read all                  every category the thing has
 *   /read temperature humidity only those fields
 *   /read node kitchen         a node behind a concentrator
 *   /read status "Flow temperature" node "Living room"
 * Keywords (all, momentary, peak, status, computed, identity, historical,
 * node) are English like the command itself; anything else is a field name.
 * Quotes ("…" or '…') keep spaces; a backslash escapes the next character.
 */
#ifndef IOT_CMDARGS_H
#define IOT_CMDARGS_H

#include <glib.h>

#include "iot-sensordata.h"

G_BEGIN_DECLS

/* Splits @line into words. Returns: (transfer full) (nullable): a
 * NULL-terminated vector (g_strfreev), or NULL with @error set
 * (IOT_ERROR_BAD_REQUEST) on an unterminated quote or a too-long line. */
char **iot_cmdargs_split(const char *line, GError **error);

/* Parses the arguments of /read into @out (cleared first; release with
 * iot_sd_request_clear()). Returns FALSE with a translated @error message
 * the user can act on. */
gboolean iot_cmdargs_parse_read(const char *line, IotSdRequest *out, GError **error);

G_END_DECLS

#endif
