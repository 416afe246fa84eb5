/*
 * iot-gtk-things-registry.h — the owning-things windows tied to the adapter
 * (iot-purple-registry.h): Claim a thing, My things and the registry search
 * (one of each per account), and the question window of a pending group
 * of owner questions, opened from the alerts inbox ("Answer with limits…").
 * Every request of a window becomes an adapter operation
 * whose handle is kept and cancelled when the window closes, so no callback
 * outlives what it points to.
 */
#ifndef IOT_GTK_THINGS_REGISTRY_H
#define IOT_GTK_THINGS_REGISTRY_H

#include <account.h>

/* IotUiOps.open_claim, open_my_things, open_registry_search. */
void iot_gtk_things_registry_open_claim(PurpleAccount *account);
void iot_gtk_things_registry_open_my_things(PurpleAccount *account);
void iot_gtk_things_registry_open_search(PurpleAccount *account);
/* IotUiOps.open_question: the question window of group @merge_key (the
 * limits to categories, fields, parameters); nothing when not pending. */
void iot_gtk_things_registry_open_question(PurpleAccount *account, const char *merge_key);
/* Starts closing question windows whose group left (plugin load) / stops (unload). */
void iot_gtk_things_registry_watch_questions(void);
void iot_gtk_things_registry_unwatch_questions(void);
/* Session started / ended on @account. */
void iot_gtk_things_registry_session_changed(PurpleAccount *account, gboolean online);
/* Closes every window (unload); each pending operation is cancelled. */
void iot_gtk_things_registry_close_all(void);
/* Open windows (tests). */
guint iot_gtk_things_registry_count(void);

#endif
