/* iot-file.c — see iot-file.h. */
#include "iot-file.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

/* Names tried for one file moved aside in one second: then something is wrong. */
#define MAX_ASIDE_NAMES 100

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

gboolean
iot_file_is_absent(const char *path, int err)
{
	GStatBuf st;

	if (err != ENOENT)
		return FALSE;
	/* Opening follows links: a link to nothing fails as if nothing were
	 * there, yet someone put it there. */
	return g_lstat(path, &st) != 0 && errno == ENOENT;
}

#ifdef G_OS_UNIX
/* TRUE when link() failed with @e because no hard link can be made there. */
static gboolean
no_hard_link(int e)
{
#if defined(EOPNOTSUPP) && EOPNOTSUPP != ENOTSUP
	if (e == EOPNOTSUPP)
		return TRUE;
#endif
	return e == EPERM || e == EXDEV || e == EMLINK || e == ENOSYS || e == ENOTSUP;
}
#endif

/* Renames @from to @to unless something is at @to. Returns 0, or -1 with errno. */
static int
rename_no_replace(const char *from, const char *to)
{
	GStatBuf st;

#ifdef G_OS_UNIX
	/* A hard link fails when @to exists, atomically; then the old name goes. */
	if (link(from, to) == 0) {
		int e;

		if (g_unlink(from) == 0)
			return 0;
		e = errno;
		g_unlink(to); /* as it was: one name, the old one */
		errno = e;
		return -1;
	}
	/* Only where there are no hard links (a folder, some file systems) is
	 * it checked first and renamed after. */
	if (!no_hard_link(errno))
		return -1;
#endif
	if (g_lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return g_rename(from, to);
}

static char *
aside_stamp(gint64 now)
{
	GDateTime *t = g_date_time_new_from_unix_local(now / G_USEC_PER_SEC);
	char *s;

	if (t == NULL)
		t = g_date_time_new_now_local();
	s = g_date_time_format(t, "%Y%m%d-%H%M%S");
	g_date_time_unref(t);
	return s;
}

/* Renames @path to "@base", or "@base-2", "@base-3" … when taken.
 * Returns: (transfer full) (nullable): the new name, or NULL with errno set. */
static char *
rename_to_free_name(const char *path, const char *base)
{
	char *target = NULL;
	int err = 0, n;

	for (n = 1; n <= MAX_ASIDE_NAMES; n++) {
		target = n == 1 ? g_strdup(base) : g_strdup_printf("%s-%d", base, n);
		if (rename_no_replace(path, target) == 0)
			return target;
		err = errno;
		g_clear_pointer(&target, g_free);
		if (err != EEXIST)
			break;
	}
	errno = err;
	return NULL;
}

char *
iot_file_move_aside(const char *path, gint64 now, GError **error)
{
	GStatBuf st;
	char *stamp, *base, *aside;
	int err;

	g_return_val_if_fail(path != NULL, NULL);
	if (g_lstat(path, &st) != 0) {
		err = errno;
		/* TRANSLATORS: first %s is a file, second the system's reason. */
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), _("Could not move “%s” aside: %s"),
		            path, g_strerror(err));
		return NULL;
	}
	stamp = aside_stamp(now);
	base = g_strdup_printf("%s.unreadable-%s", path, stamp);
	aside = rename_to_free_name(path, base);
	if (aside == NULL) {
		err = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), _("Could not move “%s” aside: %s"),
		            path, g_strerror(err));
	}
	g_free(base);
	g_free(stamp);
	return aside;
}

char *
iot_file_rename_with_suffix(const char *path, const char *suffix, GError **error)
{
	char *base, *target;
	int err;

	g_return_val_if_fail(path != NULL && suffix != NULL && *suffix != '\0', NULL);
	base = g_strconcat(path, suffix, NULL);
	target = rename_to_free_name(path, base);
	if (target == NULL) {
		err = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), "cannot rename %s to %s: %s", path,
		            base, g_strerror(err));
	}
	g_free(base);
	return target;
}
