/*
 * ui-test-util.c — the main-loop, drawing, PNG and runner code the window
 * tests share (see ui-test-util.h).
 */
#include "ui-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

const char *ui_test_artifact_dir = ".";

IotField *
ui_test_field(const char *name, IotValueType type, const char *value, const char *unit,
              guint32 cats, guint32 qos, gint64 ts)
{
	IotField *f = iot_field_new();

	g_free(f->name);
	f->name = g_strdup(name);
	g_free(f->value);
	f->value = g_strdup(value);
	f->type = type;
	f->unit = g_strdup(unit);
	f->categories = cats;
	f->qos = qos;
	f->timestamp = ts;
	if (type == IOT_VALUE_NUMERIC || type == IOT_VALUE_INT || type == IOT_VALUE_LONG) {
		char *end;

		f->number = g_ascii_strtod(value, &end);
		f->number_valid = *end == '\0';
	}
	return f;
}

static gboolean
set_flag(gpointer data)
{
	*(gboolean *)data = TRUE;
	return FALSE;
}

void
ui_test_run_ms(guint ms)
{
	gboolean done = FALSE;

	g_timeout_add(ms, set_flag, &done);
	while (!done)
		g_main_context_iteration(NULL, TRUE);
}

gboolean
ui_test_run_until(gboolean *flag, guint ms)
{
	gboolean timeout = FALSE;
	guint id = g_timeout_add(ms, set_flag, &timeout);

	while (!*flag && !timeout)
		g_main_context_iteration(NULL, TRUE);
	if (!timeout)
		g_source_remove(id);
	return *flag;
}

static gboolean
mark_exposed(GtkWidget *w, GdkEventExpose *ev, gpointer data)
{
	*(gboolean *)data = TRUE;
	return FALSE;
}

void
ui_test_show_and_wait(GtkWidget *window, guint settle_ms)
{
	gboolean exposed = FALSE;
	gulong id = g_signal_connect_after(window, "expose-event", G_CALLBACK(mark_exposed), &exposed);

	gtk_widget_show(window);
	ck_assert_msg(ui_test_run_until(&exposed, 5000), "the window was never drawn");
	g_signal_handler_disconnect(window, id);
	ui_test_run_ms(settle_ms);
}

void
ui_test_send_key(GtkWidget *toplevel, guint keyval, GdkModifierType state)
{
	GdkEvent *ev = gdk_event_new(GDK_KEY_PRESS);
	GdkKeymapKey *keys = NULL;
	gint n = 0;

	ev->key.window = g_object_ref(toplevel->window);
	ev->key.send_event = TRUE;
	ev->key.time = GDK_CURRENT_TIME;
	ev->key.keyval = keyval;
	ev->key.state = state;
	if (gdk_keymap_get_entries_for_keyval(NULL, keyval, &keys, &n) && n > 0) {
		ev->key.hardware_keycode = (guint16)keys[0].keycode;
		ev->key.group = (guint8)keys[0].group;
	}
	g_free(keys);
	gtk_main_do_event(ev);
	ev->type = GDK_KEY_RELEASE;
	gtk_main_do_event(ev);
	gdk_event_free(ev);
}

GtkWidget *
ui_test_find_button(GtkWidget *w, const char *label)
{
	if (GTK_IS_BUTTON(w) && g_strcmp0(gtk_button_get_label(GTK_BUTTON(w)), label) == 0)
		return w;
	if (GTK_IS_CONTAINER(w)) {
		GList *kids = gtk_container_get_children(GTK_CONTAINER(w)), *l;
		GtkWidget *found = NULL;

		for (l = kids; l != NULL && found == NULL; l = l->next)
			found = ui_test_find_button(l->data, label);
		g_list_free(kids);
		return found;
	}
	return NULL;
}

void
ui_test_save_png(GtkWidget *window, const char *name)
{
	GdkPixbuf *pb;
	GError *error = NULL;
	char *path = g_build_filename(ui_test_artifact_dir, name, NULL);
	gint w, h;

	/* Pending redraws reach the server before the pixels are read back. */
	gdk_window_process_all_updates();
	gdk_flush();
	ui_test_run_ms(150);
	gdk_window_process_all_updates();
	gdk_flush();
	gdk_drawable_get_size(window->window, &w, &h);
	pb = gdk_pixbuf_get_from_drawable(NULL, window->window, NULL, 0, 0, 0, 0, w, h);
	ck_assert_ptr_nonnull(pb);
	ck_assert_msg(gdk_pixbuf_save(pb, path, "png", &error, NULL), "%s: %s", path,
	              error ? error->message : "?");
	printf("%s: wrote %s (%dx%d)\n", g_get_prgname(), path, w, h);
	g_object_unref(pb);
	g_free(path);
}

void
ui_test_init(int *argc, char ***argv)
{
	setlocale(LC_ALL, "");
	gtk_init(argc, argv);
	if (*argc > 1)
		ui_test_artifact_dir = (*argv)[1];
	g_mkdir_with_parents(ui_test_artifact_dir, 0755);
	/* Warnings and criticals are bugs: fail the test that caused them. */
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

int
ui_test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int run, failed;

	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	run = srunner_ntests_run(sr);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("%d passed, %d failed\n", run - failed, failed);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
