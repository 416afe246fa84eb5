/*
 * client.h — a headless libpurple client for integration tests.
 *
 * Loads the built libpurple-only plugin, signs alice@home.example on to the
 * throwaway Prosody started by tests/testenv.sh, and lets tests type
 * commands into IM conversations and read back what the plugin wrote.
 */
#ifndef IOT_TEST_CLIENT_H
#define IOT_TEST_CLIENT_H

#include <purple.h>

#define DOMAIN "home.example"

/* Signs on (once); aborts the test run when that fails. */
void client_start(void);
void client_stop(void);
PurpleAccount *client_account(void);
gboolean client_signed_on(void);
/* For client_spin(): the account is offline, or signed on. */
gboolean client_offline(gpointer unused);
gboolean client_online(gpointer unused);

/* Runs the main loop until @done(@data) or @ms pass; returns @done's result. */
gboolean client_spin(gboolean (*done)(gpointer), gpointer data, guint ms);
void client_sleep(guint ms);

/* Types "/@command" in the IM conversation with @who and waits until the
 * plugin wrote @writes more messages there (or @ms pass).
 * Returns: (transfer none): everything the plugin wrote into it for this
 * command, HTML as written, messages separated by "<br>---<br>" (a "---" line once turned into text). */
const char *client_command(const char *who, const char *command, guint writes, guint ms);

/* How many messages the plugin wrote into the conversation with @who so far,
 * and (transfer none) those from index @from on, as client_command() returns them. */
guint client_output_count(const char *who);
const char *client_output_since(const char *who, guint from);

/* The rows (each a "|"-joined line) of the last table the plugin showed
 * through libpurple's search-results dialog, or NULL (transfer none). */
const char *client_last_table(void);
guint client_tables_shown(void);
/* Presses the last table's button labelled @label with row @row selected
 * (-1: none), as Finch does. FALSE when it has no such button. The row's
 * cells are those of the table when it was shown. */
gboolean client_table_press(const char *label, int row);
/* Presses the last table's button labelled @button on its first row with a
 * cell holding @row_part, as Finch's table does. FALSE when there is none. */
gboolean client_table_press_on(const char *button, const char *row_part);

/* Pop-ups (purple_notify_message and purple_notify_formatted): how many were
 * shown whose "title|primary|secondary|text" holds @part (NULL: all); how
 * many are open now; (transfer none) (nullable) the last one's words. */
guint client_popups_shown(const char *part);
guint client_popups_open(void);
const char *client_last_popup(void);

/* Returns: (transfer full) (nullable): the buddy-menu item of @who whose
 * label holds @label_part; purple_menu_action_free(). */
PurpleMenuAction *client_menu_item(const char *who, const char *label_part);
/* Waits until @who's menu has that item (things are recognised in the
 * background); FALSE when @ms passed first. */
gboolean client_wait_menu_item(const char *who, const char *label_part, guint ms);
/* Runs that item as a click would. FALSE when there is none. */
gboolean client_menu_run(const char *who, const char *label_part);

/* How many disco#info queries the plugin sent so far to addresses that
 * start with @to_prefix. */
guint client_plugin_disco_queries(const char *to_prefix);

/* The plugin under test, for unload/load tests. */
PurplePlugin *client_plugin(void);

/* Returns: (transfer full): @html with tags removed and entities decoded:
 * what a person reads and copies. */
char *client_text(const char *html);

/* Sends a chat message to @who and waits for a chat reply; returns it
 * (transfer full) or NULL. */
char *client_chat(const char *who, const char *body, guint ms);

#endif
