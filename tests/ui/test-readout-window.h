/*
 * test-readout-window.h — what the sensor-data window's tests share: the
 * owner's record of callbacks, the thermostat fixtures, the window's life
 * cycle and readers of the table's cells (test-readout-window.c), and the
 * test cases of test-readout-table.c, -updates.c and -export.c that the
 * suite in test-readout-window.c registers in its order.
 *
 * Strings returned by cell() are the caller's (g_free); readouts and
 * histories from the fixtures are the caller's (iot_readout_free,
 * iot_history_free); a window from open_window() is closed with close_window().
 */
#ifndef TEST_READOUT_WINDOW_H
#define TEST_READOUT_WINDOW_H

#include "iot-gtk-readout.h"
#include "iot-history.h"
#include "iot-readout.h"

#include <check.h>
#include <gtk/gtk.h>

/* What the window told its owner. */
typedef struct {
	int requests, closed, autos;
	IotGtkRequestKind kind;
	gint64 from, to;
	gboolean auto_on;
	guint interval;
	IotGtkReadout *win;
} Calls;

/* Callbacks that count into the Calls given as their data. */
extern const IotGtkReadoutCallbacks callbacks;

/* The simulated thermostat, with an error, a warning, an estimate and a
 * hostile name; times scrambled so that sorting by time is visible. */
IotReadout *thermostat(gint64 now);
#define THERMOSTAT_ROWS 9
/* Temperature every 5 min for 3 h with a 45 min hole, and companions. */
IotHistory *thermostat_history(gint64 now);

IotGtkReadout *open_window(Calls *calls, const char *title);
/* Destroys @win and asserts that its owner heard of it once. */
void close_window(IotGtkReadout *win, Calls *calls);

/* The shown row whose raw name is @name: fills @iter. */
gboolean find_row(GtkTreeModel *m, const char *name, GtkTreeIter *iter);
char *cell(GtkTreeModel *m, const char *name, IotGtkReadoutColumn col);
gint cell_int(GtkTreeModel *m, const char *name, IotGtkReadoutColumn col);
#define ck_assert_cell(m, name, col, expected)                                    \
	do {                                                                     \
		char *got_ = cell(m, name, col);                                 \
		ck_assert_msg(g_strcmp0(got_, expected) == 0, "%s/%d: \"%s\" != \"%s\"", \
		              name, (int)(col), got_ ? got_ : "(null)",            \
		              (expected) ? (const char *)(expected) : "(null)");                 \
		g_free(got_);                                                    \
	} while (0)
int n_rows(GtkTreeModel *m);
GtkTreeViewColumn *view_column(IotGtkReadout *win, IotGtkReadoutColumn col);
void select_row(IotGtkReadout *win, const char *name);

/* The test cases, by file. */
void readout_table_tests(TCase *tc);    /* rows, names, sorting, filter */
void readout_large_tests(TCase *tc);    /* 10 000 rows */
void readout_coalesce_tests(TCase *tc); /* coalesced updates */
void readout_status_tests(TCase *tc);   /* keyboard, requests, status, life cycle */
void readout_export_tests(TCase *tc);   /* CSV and the plot's data */
void readout_png_tests(TCase *tc);      /* pictures */

#endif
