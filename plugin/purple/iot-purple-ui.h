/*
 * iot-purple-ui.h — what the adapter asks of a user interface.
 *
 * libpurple's own *UiOps pattern: the Pidgin flavour fills this in with GTK
 * windows; without it (Finch, headless) the adapter falls back to
 * libpurple's request and notify dialogs. The adapter never includes GTK.
 */
#ifndef IOT_PURPLE_UI_H
#define IOT_PURPLE_UI_H

#include <account.h>
#include <conversation.h>

#include "iot-purple-alert.h"
#include "iot-pubsub.h"

/* The owner's answer to a subscription request (XEP-0060 §8.6). */
typedef enum {
	IOT_PURPLE_APPROVAL_LATER = 0, /* no answer now: the service asks again later */
	IOT_PURPLE_APPROVAL_ALLOW,
	IOT_PURPLE_APPROVAL_DENY
} IotPurpleApprovalAnswer;

/* Called exactly once per ask_approval, from the main loop, at any time
 * (also after the account signed off or the plugin unloaded: the answer is
 * then dropped). Frees @answer_data. */
typedef void (*IotPurpleApprovalFunc)(IotPurpleApprovalAnswer answer, gpointer answer_data);

typedef struct {
	/* Open (or raise) the readout window of @who (a bare JID) on @account. */
	void (*open_readout)(PurpleAccount *account, const char *who);
	/* Open (or raise) the control dialog of @who (a bare JID), or of its
	 * node @node_id (nullable), on @account. */
	void (*open_control)(PurpleAccount *account, const char *who, const char *node_id);
	/* Open (or raise) the browse window of concentrator @who (a bare JID)
	 * on @account. NULL: the adapter's request-dialog drill-down. */
	void (*open_concentrator)(PurpleAccount *account, const char *who);
	/* Open (or raise) the control log. */
	void (*open_control_log)(void);
	/* @account's XMPP IoT session started (@online) or ended. */
	void (*session_changed)(PurpleAccount *account, gboolean online);
	/* The plugin unloads: close every window now. */
	void (*shutdown)(void);
	/* Write @html (transfer none) into @conv as purple_conversation_write()
	 * does (logged, shown, @flags), with nothing in it turned into a smiley
	 * or a link: it holds a device's text, which a person copies and must get
	 * back byte for byte. NULL when the UI adds neither (Finch, headless):
	 * purple_conversation_write() is enough. */
	void (*write_verbatim)(PurpleConversation *conv, const char *html, PurpleMessageFlags flags);
	/* Open (or raise) the Alerts window (every account's inbox). NULL: the
	 * adapter's search-results list with acknowledge, snooze and dismiss
	 * buttons (Finch). */
	void (*open_alerts)(void);
	/* Open (or raise) the Alert rules dialog, showing the rules of @account
	 * (nullable: all) and @thing (nullable: all things; a bare JID), a new
	 * rule's target preset to them. NULL: the adapter's search-results list
	 * and request forms (Finch). */
	void (*open_rules)(PurpleAccount *account, const char *thing);
	/* Show or update in place the ONE non-modal alert notice (never a
	 * window per alert): @notice (transfer none, valid during the call)
	 * says what; unread 0 means hide it. A click on it should call
	 * iot_purple_alert_open_inbox(). Called coalesced (at most every
	 * IOT_PURPLE_ALERT_COALESCE_MS), and with unread 0 at unload. NULL: the
	 * adapter keeps one purple_notify_formatted() that it closes and
	 * replaces (so at most one is ever open), which Finch shows too. */
	void (*notice)(const IotPurpleAlertNotice *notice);
	/* Open (or raise) the Publish-subscribe window of @account, showing
	 * @service (nullable: the account server's services). NULL: the
	 * adapter's request-dialog drill-down (Finch). */
	void (*open_pubsub)(PurpleAccount *account, const char *service);
	/* Open (or raise) the Published data window of @node at @service (a
	 * contact's PEP: @service is its bare JID, @node NULL for all its
	 * sensor data). NULL: the adapter's request-dialog browser of that
	 * service. */
	void (*open_published)(PurpleAccount *account, const char *service, const char *node);
	/* Ask the person whether @approval->subscriber may subscribe to
	 * @approval->node at @approval->service (transfer none: copy what you
	 * keep); call @answer(…, @answer_data) exactly once — also when the
	 * dialog is closed (LATER) or at shutdown. NULL: the adapter asks with
	 * purple_request_action(). */
	void (*ask_approval)(PurpleAccount *account, const IotPubsubApproval *approval,
	                     IotPurpleApprovalFunc answer, gpointer answer_data);
	/* Open (or raise) the claim dialog of @account (iot-purple-registry.h).
	 * NULL: the adapter's request-dialog claim (Finch: a link, an IoTDisco
	 * string or the path of a QR image). */
	void (*open_claim)(PurpleAccount *account);
	/* Open (or raise) My things of @account. NULL: the adapter's
	 * search-results list. */
	void (*open_my_things)(PurpleAccount *account);
	/* Open (or raise) the registry search of @account. NULL: the adapter's
	 * request form and search-results list. */
	void (*open_registry_search)(PurpleAccount *account);
	/* Open (or raise) the window answering pending owner question group
	 * @merge_key of @account with limits (categories, fields, parameters):
	 * "Answer with limits…" of the alerts inbox. NULL: the adapter's request
	 * dialog (iot_purple_provisioning_ask()). */
	void (*open_question)(PurpleAccount *account, const char *merge_key);
} IotUiOps;

/* Returns: (transfer full): @label (one of our own, with a "_" mnemonic)
 * as the running UI shows labels: unchanged for GTK, without the "_" for
 * Finch, which would show it. */
char *iot_purple_ui_label(const char *label);

/* @ops (transfer none, nullable) must stay valid until set again. */
void iot_purple_set_ui_ops(const IotUiOps *ops);
/* Returns: (transfer none) (nullable). */
const IotUiOps *iot_purple_get_ui_ops(void);

#endif
