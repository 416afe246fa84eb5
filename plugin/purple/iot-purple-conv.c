/* iot-purple-conv.c — conversation output. See iot-purple-conv.h. */
#include "iot-purple-conv.h"

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
		default:
			g_string_append_c(out, *p);
			/* U+2060 WORD JOINER: invisible, but it breaks every smiley
			 * code of Pidgin's themes, which all contain punctuation. */
			if (g_ascii_ispunct(*p) && *p != '\'' && *p != '.')
				g_string_append(out, "\xE2\x81\xA0");
			break;
		}
	}
	return g_string_free(out, FALSE);
}

gboolean
iot_purple_conv_write(PurpleAccount *account, const char *conv_name, const char *title,
                      const char *text, gboolean monospace)
{
	PurpleConversation *conv;
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
	if (text != NULL) {
		t = iot_purple_conv_html(text);
		if (monospace)
			g_string_append_printf(html, "<font face=\"monospace\">%s</font>", t);
		else
			g_string_append(html, t);
		g_free(t);
	}
	purple_conversation_write(conv, NULL, html->str,
	                          PURPLE_MESSAGE_SYSTEM | PURPLE_MESSAGE_NO_LINKIFY, time(NULL));
	g_string_free(html, TRUE);
	return TRUE;
}
