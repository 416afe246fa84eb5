/*
 * iot-purple-pubsub-op.h — one publish-subscribe operation of the adapter
 * (iot-purple-pubsub.h's contract), shared by the files that start them:
 * iot-purple-pubsub.c (the machinery), iot-purple-pubsub-ops.c (single
 * requests), iot-purple-pubsub-items.c (items, services, our
 * subscriptions). Not for the UI.
 */
#ifndef IOT_PURPLE_PUBSUB_OP_H
#define IOT_PURPLE_PUBSUB_OP_H

#include "iot-purple-pubsub-private.h"

typedef enum {
	IOT_PSOP_DONE,
	IOT_PSOP_SERVICES,
	IOT_PSOP_NODES,
	IOT_PSOP_META,
	IOT_PSOP_SUB,
	IOT_PSOP_FORM,
	IOT_PSOP_ITEMS,
	IOT_PSOP_SUBS,
	IOT_PSOP_CREATED,
	IOT_PSOP_AFFILS,
	IOT_PSOP_PUBLISHED
} IotPurplePubsubOpKind;

typedef struct {
	guint handle;
	IotPurplePubsubOpKind kind;
	PurpleAccount *account; /* borrowed: an op ends before its account goes (sign-off ends it) */
	char *service, *node, *aux; /* aux: subid, jid or item id */
	GCallback cb;
	gpointer user_data;
	GDestroyNotify destroy;
	gboolean finished;
	int refs;
	GArray *reqs;    /* table handles still pending */
	guint idle;      /* an early end scheduled (no session) */
	GError *early;   /* its error */
	guint waiting;   /* answers still expected (services, my subscriptions) */
	guint sub_op;    /* my subscriptions: the find_services it waits for */
	GPtrArray *acc;  /* results gathered */
	GPtrArray *problems; /* (element-type utf8) */
	GPtrArray *asked; /* (element-type utf8) services asked (my subscriptions) */
	guint max;
	IotPubsubState state;
} IotPurplePubsubOp;

typedef struct {
	IotPurplePubsubOp *op;
	guint handle;
	char *to;
} IotPurplePubsubReq;


/* The result an op ends with (all nullable). */
typedef struct {
	const GPtrArray *array;
	const GPtrArray *problems;
	gconstpointer one;
	const char *str;
	gboolean truncated;
} IotPurplePubsubResult;

/* Returns: (transfer none): a new op of @kind, registered under its handle
 * (the table of handles holds one reference). */
IotPurplePubsubOp *iot_purple_pubsub_op_new(IotPurplePubsubOpKind kind, PurpleAccount *account, const char *service,
                                            const char *node, GCallback cb, gpointer user_data, GDestroyNotify destroy);
void iot_purple_pubsub_op_unref(IotPurplePubsubOp *op);
/* Ends @op once with @r (nullable) or @e: the callback, then destroy. */
void iot_purple_pubsub_op_finish(IotPurplePubsubOp *op, const IotPurplePubsubResult *r, const GError *e);
void iot_purple_pubsub_op_fail(IotPurplePubsubOp *op, int code, const char *message);
/* Ends @op with @code from the main loop (never before the call returns);
 * returns its handle. */
guint iot_purple_pubsub_op_early(IotPurplePubsubOp *op, int code, const char *message);
/* Sends @iq (transfer full) to @to for @op; @cb gets an IotPurplePubsubReq.
 * FALSE when the account is not online (nothing sent). */
gboolean iot_purple_pubsub_op_send(IotPurplePubsubOp *op, const char *to, xmlNode *iq, IotPubsubFunc cb);
/* Starts a one-request op at op->service; returns its handle. @iq NULL: the
 * call lacked what it needs. */
guint iot_purple_pubsub_op_start(IotPurplePubsubOp *op, xmlNode *iq, IotPubsubFunc cb);
/* The op of a request's answer, or NULL when the op ended before. */
IotPurplePubsubOp *iot_purple_pubsub_req_op(IotPurplePubsubReq *rq);
/* Returns: (transfer full): @service, or our own PEP service for NULL. */
char *iot_purple_pubsub_service_or_own(PurpleAccount *account, const char *service);

/* The server's services found this sign-on (iot-purple-pubsub-items.c). */
void iot_purple_pubsub_services_forget(PurpleAccount *account);
void iot_purple_pubsub_services_shutdown(void);

#endif
