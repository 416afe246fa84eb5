/*
 * iot-purple-account-menu.h — the plugin's entries in the menu of each XMPP
 * account (Pidgin's Accounts → <account>, Finch's account actions): the
 * alerts inbox and the alert rules of that account.
 *
 * libpurple 2 builds that menu from the XMPP protocol plugin's own actions
 * and offers other plugins no way in, so the protocol plugin's actions
 * function is wrapped while this plugin is loaded and put back at unload.
 */
#ifndef IOT_PURPLE_ACCOUNT_MENU_H
#define IOT_PURPLE_ACCOUNT_MENU_H

#include <glib.h>

G_BEGIN_DECLS

/* Adds the entries (the protocol plugin's own come first). Returns FALSE
 * when there is no XMPP protocol plugin. Idempotent. */
gboolean iot_purple_account_menu_install(void);
/* Takes them away again. When another plugin wrapped the same function
 * after us, ours stays in the chain but adds nothing any more (libpurple 2
 * keeps an unloaded plugin's code mapped until quit). */
void iot_purple_account_menu_remove(void);

G_END_DECLS

#endif
