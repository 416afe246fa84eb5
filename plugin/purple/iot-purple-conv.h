/*
 * iot-purple-conv.h — writing into a conversation, safely.
 *
 * Conversations take HTML. Everything written here is plain text that is
 * escaped and given line breaks, nothing else: what a person copies from the
 * conversation is what the thing sent. It is kept from turning into smileys
 * or links by the flags it is written with and by the UI's write_verbatim
 * (iot-purple-ui.h), never by changing the text.
 * The conversation is looked up again by account and name each time: it may
 * have been closed while a thing was answering.
 */
#ifndef IOT_PURPLE_CONV_H
#define IOT_PURPLE_CONV_H

#include <account.h>

/* Returns: (transfer full): @text escaped for a conversation: markup escaped,
 * newlines as <br>; shown and copied, it is @text again. g_free(). */
char *iot_purple_conv_html(const char *text);

/* Writes @title (nullable, bold) and @text (plain; @monospace keeps columns
 * aligned) as a system message into the IM conversation @conv_name of
 * @account, if it is still open. Returns FALSE when it is not. */
gboolean iot_purple_conv_write(PurpleAccount *account, const char *conv_name, const char *title,
                               const char *text, gboolean monospace);

#endif
