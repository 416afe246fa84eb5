/*
 * client-pubsub.h — what the publish-subscribe tests need of the headless
 * client beyond client.h: the approval question as Finch asks it
 * (purple_request_action), the messages no handler before the prpl took,
 * raw stanzas sent as alice, chat messages from a sender awaited by their
 * text, and the main loop's longest gap.
 */
#ifndef IOT_TEST_CLIENT_PUBSUB_H
#define IOT_TEST_CLIENT_PUBSUB_H

#include "client.h"

/* Installs the request-action UI and the signal handlers (once; after
 * client_request_setup(), which it calls). */
void client_pubsub_setup(void);

/* Approval questions asked so far, the newest one's text ("title\nprimary\n
 * secondary", transfer none, nullable), and answering it: @action is the
 * index of the button (0 allow, 1 deny, 2 later). FALSE when none is open. */
guint client_pubsub_questions(void);
const char *client_pubsub_question_text(void);
gboolean client_pubsub_answer(int action);

/* Messages with a pubsub#event that reached the end of the handler chain
 * (nobody before took them): of nodes the prpl handles itself, and of other
 * nodes (a leak: they would reach the prpl). */
guint client_pubsub_host_events_passed(void);
guint client_pubsub_other_events_passed(void);
/* Approval answers (submitted subscribe_authorization forms) that reached
 * alice, and the last one's pubsub#allow value (transfer none, nullable). */
guint client_pubsub_answers_seen(void);
const char *client_pubsub_last_allow(void);

/* Sends @xml (one stanza) as alice, as written. */
void client_pubsub_send_raw(const char *xml);

/* Waits until a chat message from @who (bare JID) holding @needle arrived
 * after the @mark-th one from @who (client_pubsub_chats_from()); returns
 * it (transfer none) or NULL after @ms. */
guint client_pubsub_chats_from(const char *who);
const char *client_pubsub_wait_chat(const char *who, guint mark, const char *needle, guint ms);
/* Sends @body to @who as a chat and waits for its reply holding @needle. */
const char *client_pubsub_tell(const char *who, const char *body, const char *needle, guint ms);

/* Measures the main loop: a 5 ms timer notes the longest time between two
 * of its runs, from start until stop (returns it, in ms). */
void client_pubsub_gap_start(void);
double client_pubsub_gap_stop(void);

#endif
