/* iot-file.c — see iot-file.h. */
#include "iot-file.h"

#include <errno.h>
#include <glib/gstdio.h>

#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

FILE *
iot_file_open_regular(const char *path, int *err)
{
#ifdef G_OS_UNIX
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	FILE *fp;

	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = EINVAL;
		close(fd);
		return NULL;
	}
	fp = fdopen(fd, "rb");
	if (fp == NULL) {
		*err = errno;
		close(fd);
	}
	return fp;
#else
	FILE *fp = g_fopen(path, "rb");

	if (fp == NULL)
		*err = errno;
	return fp;
#endif
}
