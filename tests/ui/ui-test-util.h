/*
 * ui-test-util.h — what the window tests share: running the main loop for a
 * while or until a flag is set, showing a window and waiting until it is
 * drawn, keeping a PNG of it as an artifact, and the check runner they all
 * use (one process, warnings fatal, artifacts under argv[1]); and a
 * readout field built from its parts.
 *
 * Plain GTK 2 + check and the core's model, no Pidgin.
 */
#ifndef UI_TEST_UTIL_H
#define UI_TEST_UTIL_H

#include "iot-model.h"

#include <check.h>
#include <gtk/gtk.h>

/* Where PNGs and other artifacts go: argv[1], or ".". */
extern const char *ui_test_artifact_dir;

/* Runs the main loop for @ms. */
void ui_test_run_ms(guint ms);

/* Runs the loop until *@flag or @ms passed; returns *@flag. */
gboolean ui_test_run_until(gboolean *flag, guint ms);

/* Shows @window, fails unless it is drawn within 5 s, then lets it settle
 * for @settle_ms. */
void ui_test_show_and_wait(GtkWidget *window, guint settle_ms);

/* A key press (and release) as the X server would deliver it to
 * @toplevel: it goes through accelerators, mnemonics and the focus widget,
 * like a person's. */
void ui_test_send_key(GtkWidget *toplevel, guint keyval, GdkModifierType state);

/* Returns: (transfer none) (nullable): the first button under @w whose
 * label (with its mnemonic underscore, or a stock id) is @label. */
GtkWidget *ui_test_find_button(GtkWidget *w, const char *label);

/* Returns: (transfer full) (iot_field_free()): a field of @name with @value
 * (as text; parsed into a number for numeric types), @unit (nullable),
 * @cats, @qos and timestamp @ts. */
IotField *ui_test_field(const char *name, IotValueType type, const char *value, const char *unit,
                        guint32 cats, guint32 qos, gint64 ts);

/* Writes what @window shows to ui_test_artifact_dir/@name. */
void ui_test_save_png(GtkWidget *window, const char *name);

/* Locale, GTK, the artifact directory from argv[1], and warnings and
 * criticals made fatal. */
void ui_test_init(int *argc, char ***argv);

/* Runs @s in this process (CK_NOFORK: a forked child must not share the
 * parent's X connection), prints the count and returns the exit status. */
int ui_test_run_suite(Suite *s);

#endif
