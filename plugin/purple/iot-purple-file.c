/* iot-purple-file.c — stored files that could not be read. See iot-purple-file.h. */
#include "iot-purple-file.h"

#include "iot-file.h"

#include <debug.h>
#include <eventloop.h>
#include <glib/gi18n-lib.h>
#include <notify.h>

/* Sentences for the next notice, one per file, and its timer. */
static GPtrArray *pending;
static guint notice_timer;

static void
show_notice(void)
{
	GString *text;
	guint i;

	if (pending == NULL || pending->len == 0)
		return;
	text = g_string_new(NULL);
	for (i = 0; i < pending->len; i++)
		g_string_append_printf(text, "%s%s", i > 0 ? "\n\n" : "", (const char *)g_ptr_array_index(pending, i));
	/* Not tied to the plugin: what happened to the files stays true after
	 * an unload, and the notice has no callback into this module. */
	purple_notify_warning(NULL, _("XMPP IoT"),
	                      g_dngettext(GETTEXT_PACKAGE, "A stored file could not be read",
	                                  "Stored files could not be read", pending->len),
	                      text->str);
	g_string_free(text, TRUE);
	g_ptr_array_set_size(pending, 0);
}

static gboolean
notice_cb(gpointer data)
{
	notice_timer = 0;
	show_notice();
	return FALSE;
}

static void
tell(char *sentence)
{
	if (pending == NULL)
		pending = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(pending, sentence);
	if (notice_timer == 0)
		notice_timer = purple_timeout_add_seconds(1, notice_cb, NULL);
}

gboolean
iot_purple_file_set_aside(const char *path, const char *what, const GError *reason)
{
	GError *error = NULL;
	char *aside;

	g_return_val_if_fail(path != NULL && what != NULL && reason != NULL, FALSE);
	aside = iot_file_move_aside(path, g_get_real_time(), &error);
	if (aside != NULL) {
		purple_debug_warning("xmpp-iot", "%s could not be read (%s); moved aside to %s\n", path,
		                     reason->message, aside);
		/* TRANSLATORS: first %s names the file ("The control log", "The history of
		 * …"), second %s is why it could not be read, third %s the new file name. */
		tell(g_strdup_printf(_("%s could not be read: %s\nIt was moved aside, unchanged, to “%s”; a new "
		                       "file is written in its place."),
		                     what, reason->message, aside));
		g_free(aside);
		return TRUE;
	}
	if (g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
		/* Gone since it was read: there is nothing left to keep. */
		purple_debug_info("xmpp-iot", "%s could not be read (%s) and is gone now\n", path, reason->message);
		g_error_free(error);
		return TRUE;
	}
	purple_debug_error("xmpp-iot", "%s could not be read (%s) nor moved aside (%s); not written until unloaded\n",
	                   path, reason->message, error->message);
	/* TRANSLATORS: first %s names the file ("The control log", "The history of
	 * …"), second %s is why it could not be read, third %s why it could not be
	 * moved aside. */
	tell(g_strdup_printf(_("%s could not be read: %s\nIt could not be moved aside either (%s), so it is left "
	                       "as it is: changes are kept only until you quit, not saved to it."),
	                     what, reason->message, error->message));
	g_error_free(error);
	return FALSE;
}

void
iot_purple_file_shutdown(void)
{
	if (notice_timer != 0) {
		purple_timeout_remove(notice_timer);
		notice_timer = 0;
	}
	show_notice();
	if (pending != NULL)
		g_ptr_array_free(pending, TRUE);
	pending = NULL;
}
