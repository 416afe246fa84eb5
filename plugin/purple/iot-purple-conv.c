/* iot-purple-conv.c — conversation output. See iot-purple-conv.h. */
#include "iot-purple-conv.h"

#include "iot-purple-ui.h"

#include <conversation.h>
#include <debug.h>
#include <util.h>

#include <string.h>
#include <time.h>

char *
iot_purple_conv_html(const char *text)
{
	GString *out;
	const char *p;

	if (text == NULL)
		return g_strdup("");
	out = g_string_sized_new(strlen(text) + strlen(text) / 4);
	for (p = text; *p != '\0'; p++) {
		switch (*p) {
		case '<': g_string_append(out, "&lt;"); break;
		case '>': g_string_append(out, "&gt;"); break;
		case '&': g_string_append(out, "&amp;"); break;
		case '"': g_string_append(out, "&quot;"); break;
		case '\n': g_string_append(out, "<br>"); break;
		default: g_string_append_c(out, *p); break;
		}
	}
	return g_string_free(out, FALSE);
}

/* Bold for the lines of a block that do not start with spaces: the
 * per-node/timestamp headers of iot_format_readout(). */
static void
append_block(GString *html, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1), **l;

	for (l = lines; *l != NULL; l++) {
		char *t = iot_purple_conv_html(*l);
		if (l != lines)
			g_string_append(html, "<br>");
		if (**l != ' ' && **l != '\0')
			g_string_append_printf(html, "<b>%s</b>", t);
		else
			g_string_append(html, t);
		g_free(t);
	}
	g_strfreev(lines);
}

gboolean
iot_purple_conv_write(PurpleAccount *account, const char *conv_name, const char *title,
                      const char *text, gboolean monospace)
{
	const IotUiOps *ui = iot_purple_get_ui_ops();
	PurpleConversation *conv;
	PurpleMessageFlags flags = PURPLE_MESSAGE_NO_LINKIFY;
	GString *html;
	char *t;

	conv = purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, conv_name, account);
	if (conv == NULL) {
		purple_debug_info("xmpp-iot", "conversation with %s is closed; output dropped\n", conv_name);
		return FALSE;
	}
	html = g_string_new(NULL);
	if (title != NULL) {
		t = iot_purple_conv_html(title);
		g_string_append_printf(html, "<b>%s</b>", t);
		g_free(t);
		if (text != NULL)
			g_string_append(html, "<br>");
	}
	if (text != NULL && monospace) {
		/* A readout is long: Pidgin formats system messages into a 4 KiB
		 * buffer (gtkconv.c), so it is written raw, in a fixed-width font
		 * that keeps the columns aligned. */
		g_string_append(html, "<font face=\"monospace\">");
		append_block(html, text);
		g_string_append(html, "</font>");
		flags |= PURPLE_MESSAGE_RAW;
	} else {
		if (text != NULL) {
			t = iot_purple_conv_html(text);
			g_string_append(html, t);
			g_free(t);
		}
		flags |= PURPLE_MESSAGE_SYSTEM;
	}
	/* The text stays as the thing sent it: a person copies values from
	 * here. Keeping it from becoming smileys and links is the UI's part. */
	if (ui != NULL && ui->write_verbatim != NULL)
		ui->write_verbatim(conv, html->str, flags);
	else
		purple_conversation_write(conv, NULL, html->str, flags, time(NULL));
	g_string_free(html, TRUE);
	return TRUE;
}
