/*
 * iot-file.h — file handling the core's stored files share (the history
 * files and the control log of earlier versions), and what every stored
 * file gets when it could not be read: it is never written over, but moved
 * aside; once imported into the store, it is renamed, never deleted.
 */
#ifndef IOT_FILE_H
#define IOT_FILE_H

#include <glib.h>
#include <stdio.h>

/* Opens @path for reading only when it is a regular file: a FIFO or a device
 * put in its place must not block or flood the reader.
 * Returns: (nullable): the open file, or NULL with the errno in *@err. */
FILE *iot_file_open_regular(const char *path, int *err);

/* TRUE when @err, from a failed iot_file_open_regular(@path), means that
 * nothing is stored at @path: a loader may then start empty and a save may
 * write there. Anything else — also a link to a file that is gone — is
 * something that is there and could not be read. */
gboolean iot_file_is_absent(const char *path, int err);

/* Moves the file at @path, which could not be read, out of the way: renamed
 * in its folder to "@path.unreadable-YYYYMMDD-HHMMSS" (local time of @now,
 * µs since the Unix epoch), or with "-2", "-3" … added when that name is
 * taken. Nothing is deleted and no existing file is written over.
 * Returns: (transfer full) (nullable): the new path (g_free()), or NULL with
 * @error (G_FILE_ERROR; G_FILE_ERROR_NOENT when nothing is at @path any
 * more) — then whatever is at @path is still there and must not be written
 * over. */
char *iot_file_move_aside(const char *path, gint64 now, GError **error);

/* Renames the file at @path to "@path@suffix" (e.g. a file whose contents
 * went into the store: ".imported"), or with "-2", "-3" … added when that
 * name is taken. Nothing is deleted and no existing file is written over.
 * Returns: (transfer full) (nullable): the new path (g_free()), or NULL
 * with @error (G_FILE_ERROR, untranslated: for the debug log; NOENT when
 * nothing is at @path any more). */
char *iot_file_rename_with_suffix(const char *path, const char *suffix, GError **error);

#endif
