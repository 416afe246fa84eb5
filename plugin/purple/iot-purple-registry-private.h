/*
 * iot-purple-registry-private.h — what the registry and provisioning files
 * of the adapter share: one operation (iot-purple-registry.h's contract)
 * and the services found per account. Not for the UI.
 */
#ifndef IOT_PURPLE_REGISTRY_PRIVATE_H
#define IOT_PURPLE_REGISTRY_PRIVATE_H

#include "iot-purple-registry.h"

typedef enum {
	IOT_RGOP_FIND,
	IOT_RGOP_CLAIM,
	IOT_RGOP_PAGE,
	IOT_RGOP_DONE
} IotPurpleRegistryOpKind;

typedef struct _IotPurpleRegistryOp IotPurpleRegistryOp;

/* What an op does once the services are known (NULL: nothing more). */
typedef void (*IotPurpleRegistryStep)(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv);

struct _IotPurpleRegistryOp {
	guint handle;
	IotPurpleRegistryOpKind kind;
	PurpleAccount *account; /* borrowed: sign-off ends every op */
	GCallback cb;
	gpointer user_data;
	GDestroyNotify destroy;
	guint idle;        /* an early end scheduled */
	GError *early;
	guint req;         /* the core request under way (0: none) */
	guint waiting;     /* disco answers still expected (find) */
	IotPurpleRegistryStep step;
	/* what the step needs (owned) */
	char *given, *jid;
	IotRegistryNode node;
	gboolean has_node;
	GPtrArray *tags, *conds;
	gboolean make_public, mine_by_search;
	guint offset, max;
	char *merge_key;
	GPtrArray *answered; /* (element-type IotQuestion) being answered */
	IotAnswer answer;
	char *answer_token;
	char **answer_names;
};

/* Returns: (transfer none): a new op registered under its handle. */
IotPurpleRegistryOp *iot_purple_registry_op_new(IotPurpleRegistryOpKind kind, PurpleAccount *account,
                                                GCallback cb, gpointer user_data, GDestroyNotify destroy);
/* Ends @op once: the callback with @one (kind's result, nullable) or @e. */
void iot_purple_registry_op_finish(IotPurpleRegistryOp *op, gconstpointer one, const GError *e);
/* Ends @op from the main loop with @code and @message; returns its handle. */
guint iot_purple_registry_op_early(IotPurpleRegistryOp *op, int code, const char *message);
/* The op of @handle while it runs, else NULL. */
IotPurpleRegistryOp *iot_purple_registry_op_lookup(guint handle);
/* Finds the services (cached per sign-on) and then runs op->step, or ends
 * the op with the error. Returns the op's handle. */
guint iot_purple_registry_op_with_services(IotPurpleRegistryOp *op, const char *given);
/* The request timeout in milliseconds. */
guint iot_purple_registry_timeout_ms(void);
/* The core callback that ends a DONE op (user_data: the handle). */
void iot_purple_registry_done_cb(const GError *error, gpointer data);

/* Session life cycle and unload (iot-purple-stream.c, iot-purple-plugin.c). */
void iot_purple_registry_session_changed(PurpleAccount *account, gboolean online);
void iot_purple_registry_shutdown(void);

/* Provisioning (iot-purple-provisioning.c). */
gboolean iot_purple_provisioning_wants_message(const xmlNode *message);
void iot_purple_provisioning_handle_message(PurpleAccount *account, const char *from,
                                            const xmlNode *message);
void iot_purple_provisioning_session_changed(PurpleAccount *account, gboolean online);
void iot_purple_provisioning_shutdown(void);
/* Answers an incoming token challenge iq (get) as the guard allows. TRUE
 * when @iq was one (and was answered). */
gboolean iot_purple_provisioning_handle_challenge(PurpleAccount *account, const char *from,
                                                  const char *id, const xmlNode *iq);
/* Returns: (transfer full): @s (nullable) bounded to @max characters
 * (then "…"), control and direction characters as '?': plain text fit to
 * show (still to be escaped for markup). */
char *iot_purple_registry_printable(const char *s, glong max);

/* The plugin's actions and the chat commands (iot-purple-registry-chat.c). */
GList *iot_purple_registry_actions(PurplePlugin *plugin, gpointer context);
void iot_purple_registry_chat_register(PurplePlugin *plugin);
void iot_purple_registry_chat_unregister(void);
/* Friend requests (iot-purple-registry-friend.c): registry tags seen in
 * a page are remembered for describing a requester; a subscription request
 * from @from (with XEP-0172 @nick, nullable) is held
 * while its disco#info is asked (TRUE: consumed, we ask the person). */
void iot_purple_registry_remember_page(const IotRegistryPage *page);
gboolean iot_purple_registry_subscription_request(PurpleAccount *account, const char *from, const char *nick);
void iot_purple_registry_friend_session_changed(PurpleAccount *account, gboolean online);
void iot_purple_registry_friend_shutdown(void);
/* The buddy menu of a thing (iot-purple-menu.c): disown after a yes, and
 * the rules given on the account. */
void iot_purple_registry_menu_disown(PurpleAccount *account, const char *who);
void iot_purple_registry_open_rules_given(PurpleAccount *account);
/* Closes the request-dialog lists (iot-purple-registry-finch.c). */
void iot_purple_registry_finch_close_all(void);

#endif
