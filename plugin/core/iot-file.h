/*
 * iot-file.h — file handling the core's stored files share (the history
 * files and the control log).
 */
#ifndef IOT_FILE_H
#define IOT_FILE_H

#include <glib.h>
#include <stdio.h>

/* Opens @path for reading only when it is a regular file: a FIFO or a device
 * put in its place must not block or flood the reader.
 * Returns: (nullable): the open file, or NULL with the errno in *@err. */
FILE *iot_file_open_regular(const char *path, int *err);

#endif
