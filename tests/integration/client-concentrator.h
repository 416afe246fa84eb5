/*
 * client-concentrator.h — what the concentrator integration tests share: the
 * plugin's concentrator functions (iot-purple-concentrator.h) looked up in
 * the loaded plugin, and a request run to its end with what came back kept
 * as copies the test owns.
 */
#ifndef IOT_TEST_CLIENT_CONCENTRATOR_H
#define IOT_TEST_CLIENT_CONCENTRATOR_H

#include "client-check.h"

#include "iot-concentrator-events.h"
#include "iot-concentrator-query.h"
#include "iot-concentrator-request.h"
#include "iot-concentrator-tree.h"
#include "iot-error.h"

#define HUB "hub@" DOMAIN
#define GATEWAY "gateway@" DOMAIN
#define PLANT "plant@" DOMAIN

/* Returns: (transfer none): the plugin's exported function @name; fails the test when missing. */
gpointer conc_sym(const char *name);

/* What one request's callback got, copied. */
typedef struct {
	int calls;            /* how often the callback ran */
	int destroys;         /* how often its user data was freed */
	GError *error;
	char *concentrator;
	IotConcentratorCaps caps;
	GPtrArray *nodes;     /* (element-type IotConcentratorNode) copies */
	GPtrArray *sources;   /* (element-type IotConcentratorSource) copies */
	GPtrArray *commands;  /* (element-type IotConcentratorCommand) copies */
	GString *form;        /* "var=value[!error];" per field of reply->form, "" when none */
	GString *form_errors; /* "var:text;" per form error */
	GString *results;     /* "1;" or "0:error;" per node result */
	GString *node_types;  /* "type=name;" */
	char *query_id;
	guint dropped;
	double seconds;       /* from the call to the callback */
	gint64 started;
} ConcGot;

void conc_got_free(ConcGot *g);

/* Runs @req (transfer full) at @who through iot_purple_concentrator_call()
 * and waits (at most CLIENT_WAIT_MS) for its callback; asserts it came once
 * and freed its data once. Returns: (transfer full) what it got. */
ConcGot *conc_run(const char *who, IotConcentratorRequest *req);

/* Returns: (transfer full): a request for @op on node @id of source @src (nullable). */
IotConcentratorRequest *conc_req(IotConcentratorOp op, const char *id, const char *src);

/* Returns: (transfer full): <x type='submit'> with "var", "value" pairs up to NULL;
 * free with xmlFreeDoc(x->doc). */
xmlNode *conc_submit(const char *var, ...) G_GNUC_NULL_TERMINATED;

/* Returns: (transfer none): node @i of @g. */
const IotConcentratorNode *conc_node(const ConcGot *g, guint i);

/* Sends "conc …" (or anything) to @who and returns its reply (transfer full). */
char *conc_chat(const char *who, const char *body);

#endif
