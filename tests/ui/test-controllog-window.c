/*
 * test-controllog-window.c — the control-log window under Xvfb: one row per
 * entry, newest first (equal times in the log's order), local times, the
 * change and outcome columns and their colours, hostile strings shown as
 * they are, the filter over every column (kept when the log changes),
 * sorting, Copy as tab-separated text, the close callback, and a PNG kept
 * as an artifact. The entries come from a temporary store, read as the
 * plugin reads them: the newest first, a bounded number, and how many the
 * log holds. Run by tests/ui/window-tests.sh BUILD_DIR ARTIFACT_DIR.
 */
#include "iot-controllog.h"
#include "iot-gtk-controllog.h"
#include "iot-store-controllog.h"
#include "ui-test-util.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#define HOSTILE_THING "<b>lamp</b>@home.example"

static int closed;

static void
on_closed(IotGtkControlLog *win, gpointer data)
{
	closed++;
}

/* ---- fixtures ----------------------------------------------------------------------- */

static gint64 t0;
static char *tmpdir, *store_path;
static IotStore *store;

static void
setup(void)
{
	GError *error = NULL;

	tmpdir = g_dir_make_tmp("iot-controllog-window-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
	store_path = g_build_filename(tmpdir, "store.db", NULL);
	store = iot_store_open(store_path, NULL, &error);
	ck_assert_msg(store != NULL, "%s", error ? error->message : "");
}

static void
teardown(void)
{
	static const char *const files[] = { "", "-wal", "-shm" };
	guint i;

	iot_store_close(store);
	store = NULL;
	for (i = 0; i < G_N_ELEMENTS(files); i++) {
		char *f = g_strconcat(store_path, files[i], NULL);

		g_unlink(f);
		g_free(f);
	}
	g_rmdir(tmpdir);
	g_free(store_path);
	g_free(tmpdir);
}

static void
add(int minutes, const char *thing, const char *node, const char *param, const char *old_value,
    const char *new_value, IotControlOutcome outcome, const char *detail)
{
	IotControlLogEntry e = { t0 + (gint64)minutes * 60 * G_USEC_PER_SEC, (char *)thing,
	                         (char *)node, (char *)param, (char *)old_value, (char *)new_value,
	                         outcome, (char *)detail, "alice@home.example" };
	GError *error = NULL;

	ck_assert_msg(iot_store_controllog_append(store, &e, NULL, &error), "%s", error ? error->message : "");
}

/* Every outcome, a hostile thing and detail, two entries at the same time. */
static void
sample_log(void)
{
	GDateTime *dt = g_date_time_new_local(2026, 11, 23, 14, 5, 9);

	t0 = g_date_time_to_unix(dt) * G_USEC_PER_SEC;
	g_date_time_unref(dt);
	add(0, "thermostat@home.example", NULL, "setpoint", "20.0", "21.5", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	add(1, HOSTILE_THING, "hall & _co", "colour", NULL, "FF8800", IOT_CONTROL_OUTCOME_REFUSED,
	    "Value <i>refused</i> & _why");
	add(2, "thermostat@home.example", NULL, "mode", "eco", "comfort", IOT_CONTROL_OUTCOME_NOT_APPLIED,
	    "Another parameter was refused.");
	add(3, "meter@home.example", "main", "reset", NULL, "true", IOT_CONTROL_OUTCOME_UNKNOWN,
	    "No answer within 30 s; the change may or may not have been made.");
	add(3, "thermostat@home.example", NULL, "fan", "false", "true", IOT_CONTROL_OUTCOME_APPLIED, NULL);
}

/* Hands @win the newest @limit entries of the store, as the plugin does. */
static void
show(IotGtkControlLog *win, guint limit)
{
	GPtrArray *rows = iot_store_controllog_query(store, limit, 0, NULL, NULL);
	GPtrArray *entries = g_ptr_array_new();
	gint64 total = iot_store_controllog_count(store, NULL, NULL);
	guint i;

	ck_assert_ptr_nonnull(rows);
	ck_assert_int_ge(total, rows->len);
	for (i = 0; i < rows->len; i++)
		g_ptr_array_add(entries, ((IotStoreControlLogRow *)g_ptr_array_index(rows, i))->entry);
	iot_gtk_controllog_set_entries(win, entries, (guint)total);
	g_ptr_array_unref(entries);
	g_ptr_array_unref(rows);
}

/* ---- model helpers -------------------------------------------------------------------- */

static char *
cell(GtkTreeModel *m, int row, int col)
{
	GtkTreeIter iter;
	char *s = NULL;

	ck_assert_msg(gtk_tree_model_iter_nth_child(m, &iter, NULL, row), "no row %d", row);
	gtk_tree_model_get(m, &iter, col, &s, -1);
	return s;
}

static int
cell_int(GtkTreeModel *m, int row, int col)
{
	GtkTreeIter iter;
	int v;

	ck_assert(gtk_tree_model_iter_nth_child(m, &iter, NULL, row));
	gtk_tree_model_get(m, &iter, col, &v, -1);
	return v;
}

static void
assert_cell(GtkTreeModel *m, int row, int col, const char *want)
{
	char *s = cell(m, row, col);

	if (want == NULL)
		ck_assert_ptr_null(s);
	else
		ck_assert_msg(s != NULL && strcmp(s, want) == 0, "row %d col %d: \"%s\", not \"%s\"",
		              row, col, s ? s : "(null)", want);
	g_free(s);
}

static int
rows(IotGtkControlLog *win)
{
	return gtk_tree_model_iter_n_children(iot_gtk_controllog_get_model(win), NULL);
}

static void
filter(IotGtkControlLog *win, const char *text)
{
	gtk_entry_set_text(GTK_ENTRY(iot_gtk_controllog_get_filter(win)), text);
}

/* ---- tests ------------------------------------------------------------------------------ */

START_TEST(test_rows)
{
	IotGtkControlLog *win = iot_gtk_controllog_new("Control log", on_closed, NULL);
	GtkTreeModel *m;
	const char *hostile = HOSTILE_THING;

	sample_log();
	show(win, 5000);
	m = iot_gtk_controllog_get_model(win);
	ck_assert_int_eq(rows(win), 5);
	ck_assert_str_eq(iot_gtk_controllog_get_count_text(win), "5 entries");
	/* Newest first; the same minute in the log's order, later first. */
	assert_cell(m, 0, IOT_GTK_CONTROLLOG_COL_PARAM, "fan");
	assert_cell(m, 1, IOT_GTK_CONTROLLOG_COL_PARAM, "reset");
	assert_cell(m, 2, IOT_GTK_CONTROLLOG_COL_PARAM, "mode");
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_PARAM, "colour");
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_PARAM, "setpoint");
	/* Local time, the change, the outcome's own label. */
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_TIME_TEXT, "2026-11-23 14:05:09");
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_TIME_TEXT, "2026-11-23 14:06:09");
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_CHANGE, "20.0 → 21.5");
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_CHANGE, "? → FF8800");
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_RESULT,
	            iot_control_outcome_label(IOT_CONTROL_OUTCOME_APPLIED));
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_RESULT,
	            iot_control_outcome_label(IOT_CONTROL_OUTCOME_REFUSED));
	assert_cell(m, 2, IOT_GTK_CONTROLLOG_COL_RESULT,
	            iot_control_outcome_label(IOT_CONTROL_OUTCOME_NOT_APPLIED));
	assert_cell(m, 1, IOT_GTK_CONTROLLOG_COL_RESULT,
	            iot_control_outcome_label(IOT_CONTROL_OUTCOME_UNKNOWN));
	/* Colours: refused red bold, unknown orange, not applied grey italic. */
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_FOREGROUND, "#cc0000");
	ck_assert_int_eq(cell_int(m, 3, IOT_GTK_CONTROLLOG_COL_WEIGHT), PANGO_WEIGHT_BOLD);
	assert_cell(m, 1, IOT_GTK_CONTROLLOG_COL_FOREGROUND, "#b35a00");
	assert_cell(m, 2, IOT_GTK_CONTROLLOG_COL_FOREGROUND, "#777777");
	ck_assert_int_eq(cell_int(m, 2, IOT_GTK_CONTROLLOG_COL_STYLE), PANGO_STYLE_ITALIC);
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_FOREGROUND, NULL);
	ck_assert_int_eq(cell_int(m, 4, IOT_GTK_CONTROLLOG_COL_WEIGHT), PANGO_WEIGHT_NORMAL);
	/* Hostile strings as they are. */
	ck_assert(strstr(hostile, "<b>lamp</b>") != NULL);
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_THING, hostile);
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_NODE, "hall & _co");
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_DETAIL, "Value <i>refused</i> & _why");
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_NODE, "");
	{
		/* The cells take text, never markup: what they draw is the literal. */
		GtkTreeViewColumn *c = gtk_tree_view_get_column(
		    GTK_TREE_VIEW(iot_gtk_controllog_get_view(win)), IOT_GTK_CONTROLLOG_COL_THING);
		GList *cells = gtk_cell_layout_get_cells(GTK_CELL_LAYOUT(c));
		GtkTreeIter iter;
		char *text = NULL;

		ck_assert(gtk_tree_model_iter_nth_child(m, &iter, NULL, 3));
		gtk_tree_view_column_cell_set_cell_data(c, m, &iter, FALSE, FALSE);
		g_object_get(cells->data, "text", &text, NULL);
		g_list_free(cells);
		ck_assert_str_eq(text, hostile);
		g_free(text);
	}
	closed = 0;
	iot_gtk_controllog_close(win);
	ck_assert_int_eq(closed, 1);
}
END_TEST

START_TEST(test_filter_and_sort)
{
	IotGtkControlLog *win = iot_gtk_controllog_new("Control log", on_closed, NULL);
	GtkTreeModel *m;

	sample_log();
	show(win, 5000);
	/* Case-insensitive, over every column. */
	filter(win, "THERMO");
	ck_assert_int_eq(rows(win), 3);
	filter(win, "Refused");
	ck_assert_int_eq(rows(win), 2); /* the outcome, and a detail */
	filter(win, "hall & _co");
	ck_assert_int_eq(rows(win), 1);
	filter(win, "? → ff8800");
	ck_assert_int_eq(rows(win), 1);
	filter(win, "2026-11-23 14:08");
	ck_assert_int_eq(rows(win), 2);
	filter(win, "nothing like this");
	ck_assert_int_eq(rows(win), 0);
	filter(win, "  ");
	ck_assert_int_eq(rows(win), 5);

	/* Sorted by parameter; a new log keeps the sort and the filter. */
	m = iot_gtk_controllog_get_model(win);
	gtk_tree_sortable_set_sort_column_id(GTK_TREE_SORTABLE(m), IOT_GTK_CONTROLLOG_COL_PARAM,
	                                     GTK_SORT_ASCENDING);
	assert_cell(m, 0, IOT_GTK_CONTROLLOG_COL_PARAM, "colour");
	assert_cell(m, 4, IOT_GTK_CONTROLLOG_COL_PARAM, "setpoint");
	filter(win, "thermostat");
	add(10, "thermostat@home.example", NULL, "away", NULL, "true", IOT_CONTROL_OUTCOME_APPLIED, NULL);
	show(win, 5000);
	m = iot_gtk_controllog_get_model(win);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(iot_gtk_controllog_get_filter(win))), "thermostat");
	ck_assert_int_eq(rows(win), 4);
	ck_assert_str_eq(iot_gtk_controllog_get_count_text(win), "4 of 6 entries");
	assert_cell(m, 0, IOT_GTK_CONTROLLOG_COL_PARAM, "away");
	assert_cell(m, 3, IOT_GTK_CONTROLLOG_COL_PARAM, "setpoint");
	iot_gtk_controllog_close(win);
}
END_TEST

/* Only the newest are handed over: the window says how many there are. */
START_TEST(test_only_the_newest)
{
	IotGtkControlLog *win = iot_gtk_controllog_new("Control log", on_closed, NULL);
	GtkTreeModel *m;

	sample_log();
	show(win, 3);
	m = iot_gtk_controllog_get_model(win);
	ck_assert_int_eq(rows(win), 3);
	ck_assert_str_eq(iot_gtk_controllog_get_count_text(win), "the newest 3 of 5 entries");
	assert_cell(m, 0, IOT_GTK_CONTROLLOG_COL_PARAM, "fan");
	assert_cell(m, 2, IOT_GTK_CONTROLLOG_COL_PARAM, "mode");
	filter(win, "thermostat");
	ck_assert_str_eq(iot_gtk_controllog_get_count_text(win), "2 of 3 entries");
	iot_gtk_controllog_close(win);
}
END_TEST

START_TEST(test_copy)
{
	IotGtkControlLog *win = iot_gtk_controllog_new("Control log", on_closed, NULL);
	GtkWidget *view = iot_gtk_controllog_get_view(win);
	char *text, **lines;

	sample_log();
	show(win, 5000);
	ui_test_show_and_wait(iot_gtk_controllog_get_window(win), 100);
	ck_assert_uint_eq(iot_gtk_controllog_copy(win), 0);
	filter(win, "home.example");
	gtk_tree_selection_select_all(gtk_tree_view_get_selection(GTK_TREE_VIEW(view)));
	ck_assert_uint_eq(iot_gtk_controllog_copy(win), 5);
	text = gtk_clipboard_wait_for_text(gtk_widget_get_clipboard(view, GDK_SELECTION_CLIPBOARD));
	ck_assert_ptr_nonnull(text);
	lines = g_strsplit(text, "\n", -1);
	ck_assert_uint_eq(g_strv_length(lines), 6); /* five rows, each ending in a newline */
	ck_assert_str_eq(lines[5], "");
	{
		char **f = g_strsplit(lines[3], "\t", -1);

		ck_assert_uint_eq(g_strv_length(f), 7);
		ck_assert_str_eq(f[0], "2026-11-23 14:06:09");
		ck_assert(strstr(f[1], "<b>lamp</b>") != NULL);
		ck_assert_str_eq(f[2], "hall & _co");
		ck_assert_str_eq(f[3], "colour");
		ck_assert_str_eq(f[4], "? → FF8800");
		ck_assert_str_eq(f[5], iot_control_outcome_label(IOT_CONTROL_OUTCOME_REFUSED));
		ck_assert_str_eq(f[6], "Value <i>refused</i> & _why");
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(text);
	iot_gtk_controllog_close(win);
}
END_TEST

START_TEST(test_png)
{
	IotGtkControlLog *win = iot_gtk_controllog_new("Control log", on_closed, NULL);
	GtkWidget *window = iot_gtk_controllog_get_window(win);
	int i;

	/* A longer history under the sample, so that the window scrolls. */
	sample_log();
	for (i = 0; i < 30; i++)
		add(-100 + i, i % 2 ? "radiator@home.example" : "dimmer@home.example",
		    i % 3 ? NULL : "hub-7", i % 2 ? "valve" : "level", i % 4 ? "40" : NULL,
		    i % 2 ? "55" : "80", (IotControlOutcome)(i % IOT_CONTROL_OUTCOME_COUNT),
		    i % 4 == 3 ? "The request timed out after 30 s." : NULL);
	show(win, 5000);
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	ui_test_show_and_wait(window, 100);
	{
		GtkTreePath *path = gtk_tree_path_new_from_indices(5, -1);

		gtk_tree_selection_select_path(
		    gtk_tree_view_get_selection(GTK_TREE_VIEW(iot_gtk_controllog_get_view(win))), path);
		gtk_tree_path_free(path);
	}
	ui_test_save_png(window, "controllog-window.png");
	filter(win, "refused");
	ui_test_save_png(window, "controllog-filtered.png");
	iot_gtk_controllog_close(win);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("controllog-window");
	TCase *tc = tcase_create("window");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_filter_and_sort);
	tcase_add_test(tc, test_only_the_newest);
	tcase_add_test(tc, test_copy);
	tcase_add_test(tc, test_png);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
