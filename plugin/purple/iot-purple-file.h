/*
 * iot-purple-file.h — what happens to a stored file the plugin could not read.
 *
 * A stored file (the control log, a thing's history) that could not be read
 * — a newer format, damage, a read error — is never written over. It is
 * moved aside in its folder (iot_file_move_aside(): nothing is deleted), a
 * debug line gives the reason, and the person is told once, in a notice:
 * loading happens at any moment (the first /control, a readout arriving, a
 * window opening), so the conversation is not always where they look, and a
 * notice is seen wherever they are without stopping anything. Files moved
 * aside within a second share one notice. When a file cannot even be moved,
 * its owner keeps working in memory and never writes that file for the rest
 * of the session; the notice says that too.
 */
#ifndef IOT_PURPLE_FILE_H
#define IOT_PURPLE_FILE_H

#include <glib.h>

/* Moves @path (transfer none) aside after loading it failed with @reason
 * (transfer none). @what (transfer none) names the file for the person, at
 * the start of a sentence: "The control log", "The history of …" (plain text,
 * already cleaned). Returns TRUE when @path may be written now (it was moved
 * aside, or nothing is there any more), FALSE when it must be left alone
 * until the plugin is unloaded. */
gboolean iot_purple_file_set_aside(const char *path, const char *what, const GError *reason);

/* Shows a notice still waiting for its second, and forgets everything (unload). */
void iot_purple_file_shutdown(void);

#endif
