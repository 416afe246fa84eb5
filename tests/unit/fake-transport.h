/*
 * fake-transport.h — an IotTransport for unit tests: records what is sent
 * and runs timeouts on a virtual clock the test advances by hand.
 */
#ifndef FAKE_TRANSPORT_H
#define FAKE_TRANSPORT_H

#include "iot-request.h"

typedef struct {
	GPtrArray *sent;    /* (element-type utf8) serialised stanzas, in order */
	gboolean connected; /* FALSE makes send() fail */
	guint64 now_ms;
	GList *timers;      /* pending FakeTimer, owned */
	guint next_timer;
} FakeTransport;

extern const IotTransport fake_transport_ops;

FakeTransport *fake_transport_new(void);
void fake_transport_free(FakeTransport *ft);
/* Advances the virtual clock, firing due timers in order. */
void fake_transport_advance(FakeTransport *ft, guint ms);
/* Returns: (transfer none): the last sent stanza, or NULL. */
const char *fake_transport_last(FakeTransport *ft);
/* Returns: (transfer full): attribute @attr of the element named @name in the
 * last sent stanza (first match, any depth), or NULL. */
char *fake_transport_last_attr(FakeTransport *ft, const char *name, const char *attr);

/* The transport and request table of a flow test, made by fake_table_setup()
 * and freed by fake_table_teardown(): the suites' check fixture. */
extern FakeTransport *fake_ft;
extern IotRequestTable *fake_table;
void fake_table_setup(void);
void fake_table_teardown(void);

/* Feeds fixture @relpath (or @xml) from @from to fake_table as the answer to
 * the last request sent. Returns whether the table claimed it. */
gboolean fake_table_answer(const char *from, const char *relpath, const char *xml);

#endif
