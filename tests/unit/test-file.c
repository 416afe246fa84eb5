/* test-file.c — what the stored files share: a file that could not be read
 * is told apart from no file at all, and is moved aside, never written over
 * and never deleted; an imported file is renamed likewise. */
#include "iot-tests.h"

#include "iot-file.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

Suite *iot_file_suite(void);

/* 2024-05-01T08:00:00Z; the runner sets TZ=UTC, so local time is UTC. */
#define T0 G_GINT64_CONSTANT(1714550400000000)
#define STAMP "20240501-080000"

static char *tmpdir;

static void
setup(void)
{
	tmpdir = iot_test_make_tmpdir("iot-file-XXXXXX");
}

static void
teardown(void)
{
	iot_test_remove_tree(tmpdir);
	g_free(tmpdir);
}

static char *
put(const char *name, const char *data)
{
	char *path = g_build_filename(tmpdir, name, NULL);

	ck_assert(g_file_set_contents(path, data, -1, NULL));
	return path;
}

/* Asserts that @path holds exactly @data. */
static void
holds(const char *path, const char *data)
{
	char *got = NULL;

	ck_assert_msg(g_file_get_contents(path, &got, NULL, NULL), "%s is not there", path);
	ck_assert_str_eq(got, data);
	g_free(got);
}

START_TEST(test_moved_aside_with_its_bytes)
{
	char *path = put("control-log.txt", "xmpp-iot-control-log 9\nfrom the future\n");
	char *want = g_strconcat(path, ".unreadable-" STAMP, NULL);
	GError *error = NULL;
	char *aside = iot_file_move_aside(path, T0, &error);

	ck_assert_msg(aside != NULL, "%s", error ? error->message : "");
	ck_assert_ptr_null(error);
	ck_assert_str_eq(aside, want);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	holds(aside, "xmpp-iot-control-log 9\nfrom the future\n");
	g_free(aside);
	g_free(want);
	g_free(path);
}
END_TEST

START_TEST(test_an_aside_file_is_never_written_over)
{
	char *path = put("h.hist", "third");
	char *first = put("h.hist.unreadable-" STAMP, "first");
	char *second = put("h.hist.unreadable-" STAMP "-2", "second");
	char *aside, *again;

	/* Two files moved aside in the same second (and one from before) keep their own names. */
	aside = iot_file_move_aside(path, T0, NULL);
	ck_assert_ptr_nonnull(aside);
	ck_assert(g_str_has_suffix(aside, "h.hist.unreadable-" STAMP "-3"));
	holds(first, "first");
	holds(second, "second");
	holds(aside, "third");
	g_free(path);
	path = put("h.hist", "fourth");
	again = iot_file_move_aside(path, T0, NULL);
	ck_assert(g_str_has_suffix(again, "-4"));
	holds(again, "fourth");
	holds(aside, "third");
	g_free(again);
	g_free(aside);
	g_free(first);
	g_free(second);
	g_free(path);
}
END_TEST

START_TEST(test_nothing_to_move)
{
	char *path = g_build_filename(tmpdir, "none", NULL);
	GError *error = NULL;

	ck_assert_ptr_null(iot_file_move_aside(path, T0, &error));
	ck_assert(g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
	ck_assert(strstr(error->message, path) != NULL);
	g_clear_error(&error);
	g_free(path);
}
END_TEST

START_TEST(test_a_folder_in_the_way_is_moved_too)
{
	char *path = g_build_filename(tmpdir, "control-log.txt", NULL);
	char *inside = g_build_filename(path, "keep", NULL), *aside, *moved;

	ck_assert_int_eq(g_mkdir(path, 0700), 0);
	ck_assert(g_file_set_contents(inside, "kept", -1, NULL));
	aside = iot_file_move_aside(path, T0, NULL);
	ck_assert_ptr_nonnull(aside);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	moved = g_build_filename(aside, "keep", NULL);
	holds(moved, "kept");
	g_free(moved);
	g_free(aside);
	g_free(inside);
	g_free(path);
}
END_TEST

/* A file whose contents went into the store is renamed beside itself,
 * never over another file, and nothing is deleted. */
START_TEST(test_renamed_with_a_suffix)
{
	char *path = put("control-log.txt", "first");
	char *want = g_strconcat(path, ".imported", NULL), *renamed, *again;
	GError *error = NULL;

	renamed = iot_file_rename_with_suffix(path, ".imported", &error);
	ck_assert_msg(renamed != NULL, "%s", error ? error->message : "");
	ck_assert_str_eq(renamed, want);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	holds(renamed, "first");
	g_free(path);
	path = put("control-log.txt", "second");
	again = iot_file_rename_with_suffix(path, ".imported", NULL);
	ck_assert_ptr_nonnull(again);
	ck_assert(g_str_has_suffix(again, "control-log.txt.imported-2"));
	holds(again, "second");
	holds(renamed, "first");
	ck_assert_ptr_null(iot_file_rename_with_suffix(path, ".imported", &error));
	ck_assert(g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
	g_clear_error(&error);
	g_free(again);
	g_free(renamed);
	g_free(want);
	g_free(path);
}
END_TEST

#ifdef G_OS_UNIX
START_TEST(test_a_link_to_nothing_is_not_absent)
{
	char *path = g_build_filename(tmpdir, "control-log.txt", NULL);
	char *gone = g_build_filename(tmpdir, "gone", NULL);
	char *aside, *target;
	int err = 0;

	/* Nothing at all: absent. */
	ck_assert_ptr_null(iot_file_open_regular(path, &err));
	ck_assert_int_eq(err, ENOENT);
	ck_assert(iot_file_is_absent(path, err));
	/* A link to a file that is gone: someone put it there. */
	ck_assert_int_eq(symlink(gone, path), 0);
	ck_assert_ptr_null(iot_file_open_regular(path, &err));
	ck_assert_int_eq(err, ENOENT);
	ck_assert(!iot_file_is_absent(path, err));
	ck_assert(!iot_file_is_absent(path, EACCES));
	ck_assert(!iot_file_is_absent(path, EINVAL));
	/* It is the link that is moved aside, not what it names. */
	aside = iot_file_move_aside(path, T0, NULL);
	ck_assert_ptr_nonnull(aside);
	target = g_file_read_link(aside, NULL);
	ck_assert_str_eq(target, gone);
	ck_assert(iot_file_is_absent(path, ENOENT));
	g_free(target);
	g_free(aside);
	g_free(gone);
	g_free(path);
}
END_TEST
#endif

Suite *
iot_file_suite(void)
{
	Suite *s = suite_create("file");
	TCase *tc = tcase_create("aside");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_moved_aside_with_its_bytes);
	tcase_add_test(tc, test_an_aside_file_is_never_written_over);
	tcase_add_test(tc, test_nothing_to_move);
	tcase_add_test(tc, test_a_folder_in_the_way_is_moved_too);
	tcase_add_test(tc, test_renamed_with_a_suffix);
#ifdef G_OS_UNIX
	tcase_add_test(tc, test_a_link_to_nothing_is_not_absent);
#endif
	suite_add_tcase(s, tc);
	return s;
}
